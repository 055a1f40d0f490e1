#!/bin/bash
# nc-tcp: OpenBSD netcat (netcat-openbsd 1.219) over TCP, h1 -- r -- h2.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#
# r drops 10.0.9.0/24 silently (a blackhole route), so a connect there
# never gets an answer.
#
# Covers: `nc -l` receiving from `nc -N` (the half-close at EOF on stdin is
# what ends the listener), both directions at once, -q 1 (which implies -N
# in Debian's nc), -w as the idle timeout of an established connection,
# -z -v on an open port, on a closed one and on a range ("Connection
# refused"), -w on a blackholed destination ("timed out: Operation now in
# progress"), and the -v lines of both ends.  Listeners are synchronised on
# their "Listening on" line, never by sleeping.
#
# Lab script: `tuxnet lab tests/net/nc-tcp.sh`; Linux's output is
# nc-tcp.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only (-e: a stack without IPv6 has no
# such keys and ignores them; Linux switches IPv6 off so its output compares).
netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

# veth NS1 DEV1 NS2 DEV2: a veth pair, DEV1 in NS1 to DEV2 in NS2 (made here
# and moved, so no two devices share an ifindex).
veth() {
	ip link add tmp1 type veth peer name tmp2
	ip link set tmp1 netns "$1" name "$2"
	ip link set tmp2 netns "$3" name "$4"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# listen NS ARGS...: `nc ARGS` in NS, in the background, stdin from $lin
# (default: empty); waits for its first line on stderr (its -v line) and
# shows it.
listen() {
	local ns=$1
	shift
	echo "\$ ip netns exec $ns nc $* &"
	rm -f "$tmp/err"
	mkfifo "$tmp/err"
	ip netns exec "$ns" nc "$@" >"$tmp/out" 2>"$tmp/err" <"${lin:-/dev/null}" &
	lpid=$!
	exec 3<"$tmp/err"
	local line
	IFS= read -r line <&3 || true
	echo "$line"
}

# finish: waits for the listener, shows the rest of its stderr, then what it
# wrote on stdout (made visible with od), then its exit status.
finish() {
	local rc=0
	wait "$lpid" || rc=$?
	cat <&3
	exec 3<&-
	echo "[stdout]"
	od -An -c "$tmp/out"
	echo "exit $rc"
}

echo "== build h1 -- r -- h2 =="
netns h1 r h2
veth h1 eth0 r eth1
veth r eth2 h2 eth0
for ns in h1 r h2; do ip -n $ns link set lo up; done
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth1
ip -n r addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set eth0 up; done
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip -n r route add blackhole 10.0.9.0/24
ip netns exec r sysctl -qw net.ipv4.ip_forward=1

echo "== -N: the sender's half-close ends the listener =="
listen h2 -l -n -v 5000
printf 'hello\n' >"$tmp/in"
run ip netns exec h1 nc -N -n -v -p 4000 10.0.2.2 5000 <"$tmp/in"
finish

echo "== both ways, each end closing its half =="
printf 'pong\n' >"$tmp/pong"
lin=$tmp/pong listen h2 -l -N -n -v 5001
printf 'ping\n' >"$tmp/in"
run ip netns exec h1 nc -N -n -p 4001 10.0.2.2 5001 <"$tmp/in"
finish

echo "== -q 1: half-close at EOF, then quit a second later =="
listen h2 -l -n -v 5002
printf 'quit\n' >"$tmp/in"
run ip netns exec h1 nc -q 1 -n -p 4002 10.0.2.2 5002 <"$tmp/in"
finish

echo "== -w 1: an idle connection is closed =="
listen h2 -l -n -v 5003
run ip netns exec h1 nc -n -w 1 -p 4003 10.0.2.2 5003 </dev/null
finish

echo "== -z: open, closed, a range =="
listen h2 -l -n -v 5004
run ip netns exec h1 nc -z -v -n -p 4004 10.0.2.2 5004
finish
run ip netns exec h1 nc -z -v -n 10.0.2.2 5005
run ip netns exec h1 nc -z -n 10.0.2.2 5005
run ip netns exec h1 nc -z -v -n 10.0.2.2 5005-5007
run ip netns exec h1 nc -v -n 10.0.2.2 5005 </dev/null

echo "== -w: a destination that never answers =="
run ip netns exec h1 nc -v -n -w 1 10.0.9.1 80 </dev/null
run ip netns exec h1 nc -z -v -n -w 1 10.0.9.1 80-81
run true
