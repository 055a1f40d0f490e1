#!/bin/bash
# netstat: net-tools 2.10's netstat over the stack's /proc/net files.
#
#   h1 eth0 10.0.8.1/24 -- 10.0.8.2/24 eth0 h2
#
# Covers: the socket tables (-t before TCP exists: the header of an empty
# table; -u -w -a -l -n, -e -e with the inode column masked, -o, -W, -x,
# names without -n), UDP and raw sockets held by `sockhold` (built with the
# tools, in hosttools/ for Linux) bound, connected, with datagrams queued
# and read; `netstat -s` (and -s -u / -s -w / -s -t) after pings, UDP to a
# closed port and UDP delivered and read, on both hosts; -r with -n, -e,
# -ee, reject routes, a route with window and rtt; -i, -ia, -ie with a
# device down, an address label (eth0:1) and a broadcast address, -c.  Names come from the files only (/etc/services, /etc/hosts
# for 127.0.0.1, /etc/networks): other addresses stay numeric (-n or
# --numeric-hosts), or Linux would ask DNS; the user and inode columns of
# -e -e are masked (the lab may run as another user; inodes are the
# kernel's).
# Linux lists sockets in hash order (random per namespace): socket tables
# go through `sorted`, which keeps netstat's two header lines on top.
# Datagrams are read before their socket is listed: Recv-Q counts the
# kernel's buffer accounting (skb truesize), which is Linux's own.
#
# Lab script: `tuxnet lab tests/net/netstat.sh`; Linux's output is
# netstat.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only (see README.md).
netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

# veth NS1 DEV1 NS2 DEV2: a veth pair, DEV1 in NS1 to DEV2 in NS2.
veth() {
	ip link add tmp1 type veth peer name tmp2
	ip link set tmp1 netns "$1" name "$2"
	ip link set tmp2 netns "$3" name "$4"
}

# tuxnet's lab has sockhold on PATH; Linux's uses the host build of it.
SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold

# hold NS ARG...: `ip netns exec NS sockhold ARG...`, shown as run shows it.
hold() {
	local ns=$1 rc=0
	shift
	local args="$*"
	echo "\$ ip netns exec $ns sockhold ${args//$SOCKHOLD/sockhold}"
	ip netns exec "$ns" "$SOCKHOLD" "$@" || rc=$?
	echo "exit $rc"
}

# sorted NS ARG...: `ip netns exec NS netstat ARG...` with the socket lines
# sorted under the two header lines (and any UNIX table after them).
sorted() {
	local ns=$1 rc=0 out
	shift
	echo "\$ ip netns exec $ns netstat $*"
	out=$(ip netns exec "$ns" netstat "$@" 2>&1) || rc=$?
	printf '%s\n' "$out" | awk 'NR <= 2 || /^Active UNIX/ { if (n) { close("sort"); n = 0 } print; next }
		u { print; next } { print | "sort"; n = 1 } END { if (n) close("sort") }'
	echo "exit $rc"
}

# held NS SOCKHOLD-ARGS... -- NETSTAT-ARGS...: netstat (sorted) in NS while
# sockhold holds its sockets there.
held() {
	local ns=$1
	shift
	local hold=()
	while [ "$1" != -- ]; do hold+=("$1"); shift; done
	shift
	echo "# held in $ns: sockhold ${hold[*]}"
	ip netns exec "$ns" "$SOCKHOLD" "${hold[@]}" -- bash -c "$(declare -f sorted); sorted $ns $*"
}

netns h1 h2
veth h1 eth0 h2 eth0
ip -n h1 addr add 10.0.8.1/24 dev eth0
ip -n h2 addr add 10.0.8.2/24 dev eth0
for ns in h1 h2; do
	ip -n $ns link set lo up
	ip -n $ns link set eth0 up
done

echo "== no sockets =="
run ip netns exec h1 netstat -tn
run ip netns exec h1 netstat -tan
run ip netns exec h1 netstat -uan
run ip netns exec h1 netstat -wan
run ip netns exec h1 netstat -an
run ip netns exec h1 netstat -xa
run ip netns exec h1 netstat -ln

echo "== UDP and raw sockets =="
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -u 127.0.0.1:53 -w 1 -w 17 -- -uan
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -u 127.0.0.1:53 -w 1 -w 17 -- -wan
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -u 127.0.0.1:53 -w 1 -w 17 -- -an
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -u 127.0.0.1:53 -w 1 -- -un
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -u 127.0.0.1:53 -w 1 -- -uln
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -u 127.0.0.1:53 -w 1 -- -ul
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -u 127.0.0.1:53 -w 1 -- -ua --numeric-hosts
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -- -uanW
held h1 -u 0.0.0.0:5353 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -w 1 -- -uwano
held h1 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -- "-uanee | sed -E 's/ [^ ]+ +[0-9]+ +\$/ USER INODE/'"
held h1 -u 10.0.8.1:6000 -c 10.0.8.2:7000 -- "-uae --numeric-hosts | sed -E 's/ [^ ]+ +[0-9]+ +\$/ USER INODE/'"

echo "== UDP across the link (open and closed ports), over lo (read and unread) =="
hold h2 -u 10.0.8.2:7000 -u 10.0.8.2:7001 -- ip netns exec h1 "$SOCKHOLD" -u 10.0.8.1:6000 -c 10.0.8.2:7000 -s 3 -U -c 10.0.8.2:7009 -s 1 -U -c 10.0.8.2:7009 -s 1
hold h2 -u 127.0.0.1:7000 -u 127.0.0.1:7001 -c 127.0.0.1:7000 -s 4 -n 1 -r 3 -- true

echo "== netstat -s =="
run ip netns exec h1 ping -c 3 -q 10.0.8.2
run ip netns exec h1 ping -c 1 -W 1 -q 10.0.8.3
run ip netns exec h1 netstat -s
run ip netns exec h2 netstat -s
run ip netns exec h2 netstat -su
run ip netns exec h2 netstat -sw
run ip netns exec h2 netstat -st

echo "== netstat -r =="
run ip netns exec h1 netstat -r
ip -n h1 route add 10.9.0.0/16 via 10.0.8.2
ip -n h1 route add default via 10.0.8.254 metric 5
ip -n h1 route add unreachable 10.10.0.0/16
ip -n h1 route add blackhole 10.11.0.0/16
ip -n h1 route add 10.12.0.0/16 dev eth0 src 10.0.8.1 window 8000 rtt 30
ip -n h1 route add 10.0.8.77 dev eth0
run ip netns exec h1 netstat -rn
run ip netns exec h1 netstat -rne
run ip netns exec h1 netstat -rnee
run ip netns exec h1 netstat -nr --numeric-hosts

echo "== netstat -i =="
ip -n h1 addr add 10.0.8.9/24 dev eth0 label eth0:1
ip -n h2 addr add 10.0.11.2/24 brd + dev eth0
run ip netns exec h1 netstat -i
run ip netns exec h1 netstat -ie
# -c: the table again every second, until head has enough (in a namespace
# where nothing moves meanwhile)
netns h3
ip -n h3 link set lo up
echo "\$ ip netns exec h3 netstat -ic | head -n 5"
ip netns exec h3 netstat -ic | head -n 5
ip -n h2 link set lo down
run ip netns exec h2 netstat -i
run ip netns exec h2 netstat -ia
run ip netns exec h2 netstat -iea
