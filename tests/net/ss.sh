#!/bin/bash
# ss: sockets as ss (iproute2 6.1) shows them, from NETLINK_SOCK_DIAG.
#
# Sockets are held by `sockhold SOCKET... -- COMMAND` (built with the
# tools, in hosttools/ for Linux) while COMMAND runs ss in namespace a.
# Covers: -s first (in a namespace with only sockhold's sockets), UDP
# sockets unconnected, connected, bound to a device, shut down; the column
# layout without a terminal (as narrow as the contents, Netid and State
# only when several tables/states are shown, the last token left out of
# its column's width); -u -w -t -x -a -l -n -4 -H -e -m; service and
# protocol names; state filters (state, exclude); address and port
# filters compiled to inet_diag bytecode (sport/dport with = != < > <=
# >=, src/dst with prefixes, and/or/not, parentheses); a TCP table with
# no rows (no TCP sockets here: ss-tcp.sh has them); ICMP datagram sockets, which ss does not list;
# filter errors; -K (SOCK_DESTROY) of a connected socket.  Raw sockets are shown only with -a: this kernel has no
# raw_diag, and ss falls back to /proc/net/raw, which checks the state.
#
# Lab script: `tuxnet lab tests/net/ss.sh`; Linux's output is ss.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# srun CMD...: as run, with the rows after the header line sorted: Linux
# walks its UDP table from a slot that differs in every namespace
# (net_hash_mix), tuxnet from slot 0; the rows are the same.
srun() {
	echo "\$ $*"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	printf '%s\n' "$out" | head -n 1
	printf '%s\n' "$out" | tail -n +2 | sort
	echo "exit $rc"
}
# hrun CMD...: as srun, for output with no header line (-H).
hrun() {
	echo "\$ $*"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	printf '%s\n' "$out" | sort
	echo "exit $rc"
}

SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold

if [ "$1" = inner-summary ]; then
	run ss -s
	exit 0
fi
if [ "$1" = inner ]; then
	srun ss -uan
	srun ss -ua
	srun ss -u
	srun ss -uln
	hrun ss -uanH
	srun ss -4uan
	srun ss -uan state established
	srun ss -uan state all
	srun ss -uan exclude established
	srun ss -uan state unconnected state established
	srun ss -uan sport = :53
	srun ss -uan sport == :domain
	srun ss -uan dport = :53
	srun ss -uan dport != :53
	srun ss -uan sport gt :4000
	srun ss -uan sport '<' :4000
	srun ss -uan sport le :53 or sport ge :7000
	srun ss -uan '( sport >= :4000 and sport <= :5000 )'
	srun ss -uan not sport = :53
	srun ss -uan dst 127.0.0.1
	srun ss -uan dst 10.9.0.0/16
	srun ss -uan src 127.0.0.1/32
	srun ss -uan src 10.9.1.1:4000
	srun ss -uan src '*:53'
	run ss -uan dst 127.0.0.1 and sport = :5000
	srun ss -uan exclude established dst 0.0.0.0/0
	run ss -uanHe sport = :5000
	run ss -uaem sport = :4000
	run ss -uanm dport = :9
	srun ss -wa
	srun ss -wan
	srun ss -wan state all '( sport = :17 )'
	run ss -t
	run ss -ta
	srun ss -tua
	run ss -x
	run ss -xH
	srun ss -uan state closing
	run ss -uan nosuch
	run ss -uan 127.0.0.1
	run ss -uan sport = :nosuch
	run ss -uan dst 300.1.1.1
	run ss -uan state bogus
	run ss -uan sport =
	# -K: SOCK_DESTROY; the connected socket is disconnected (ECONNABORTED
	# for its user), and stays, bound
	run ss -uaKn dport = :53
	srun ss -uan
	exit 0
fi

ip netns add a
ip netns exec a sysctl -qw net.ipv4.ping_group_range="0 2147483647"
# Only sockhold's sockets in a, and no other command run there before:
# Linux frees closed netlink sockets late, and "Total:" would count them.
echo "\$ ip netns exec a sockhold -u 0.0.0.0:53 -u 0.0.0.0:0 -w 1 -- ss -s"
ip netns exec a "$SOCKHOLD" -u 0.0.0.0:53 -u 0.0.0.0:0 -w 1 -- bash "$0" inner-summary

ip -n a link set lo up
ip -n a link add eth0 type veth peer name eth1
ip -n a addr add 10.9.1.1/24 dev eth0
ip -n a link set eth0 up
echo "\$ ip netns exec a sockhold ... -- ss ..."
ip netns exec a "$SOCKHOLD" \
	-u 0.0.0.0:53 \
	-u 127.0.0.1:5000 -c 127.0.0.1:53 \
	-u 10.9.1.1:4000 -c 10.9.1.2:9 \
	-u 127.0.0.1:7000 -d lo \
	-u 0.0.0.0:6000 -x 2 \
	-w 1 -w 17 -p \
	-- bash "$0" inner
ip netns del a
