#!/bin/bash
# nc-udp: OpenBSD netcat (netcat-openbsd 1.219) over UDP, a -- b.
#
#   a eth0 10.0.0.1/24 -- 10.0.0.2/24 eth0 b
#
# Covers: `nc -u -l` receiving from `nc -u` (the listener takes the first
# sender as its peer), the -v lines ("Bound on", "Connection received on",
# "Connection to ... succeeded!"), -v's UDP probe (the "X"s the listener
# receives), -w as idle timeout, -q 0 and -q 1 after EOF on stdin, -W,
# -z -u -v scanning (an open port succeeds, a closed one is silent: its ICMP
# port unreachable makes the probe fail; without -v nothing is sent), -p and -s, names off with -n and
# looked up without it (/etc/hosts; no DNS in the namespace), errors, usage
# and exit codes; a listener whose stdin stays open and silent still gets
# the datagram, and sends what comes on stdin later.  Listeners are
# synchronised on their -v lines, never by sleeping.
#
# Lab script: `tuxnet lab tests/net/nc-udp.sh`; Linux's output is
# nc-udp.linux.out.
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

echo "== usage and errors =="
run nc
run nc -h
run nc -u -l
run nc -n 10.0.0.2 99999
run nc -n 10.0.0.2 0
run nc -n 10.0.0.2 abc
run nc -n 10.0.0.2 5-abc
run nc -w abc 10.0.0.2 1
run nc -w -1 10.0.0.2 1
run nc -q abc 10.0.0.2 1
run nc -W 0 10.0.0.2 1
run nc -T foo 10.0.0.2 1
run nc -M 300 10.0.0.2 1
run nc -l -z 5000
run nc -k 10.0.0.2 1
run nc -l -p 5000 10.0.0.2 1
run nc -X 9 10.0.0.2 1
run nc -x 10.0.0.9 -u 10.0.0.2 1
run nc -V 1 10.0.0.2 1
run nc -y
run nc -n localhost 1
run nc -u nosuchhost.invalid 1

echo "== build a -- b =="
netns a b
veth a eth0 b eth0
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

echo "== one datagram: -q 0 ends the sender at EOF on stdin =="
listen b -u -l -n -v -W 1 5000
printf 'hello\n' >"$tmp/in"
run ip netns exec a nc -u -n -q 0 -p 4000 10.0.0.2 5000 <"$tmp/in"
finish

echo "== -v: the probe's X's, then the data; -w 1 ends both when idle =="
listen b -u -l -n -v -w 2 5001
printf 'hi\n' >"$tmp/in"
run ip netns exec a nc -u -v -n -w 1 -p 4001 10.0.0.2 5001 <"$tmp/in"
finish

echo "== without -n: /etc/hosts only, no DNS in the namespace =="
listen b -u -l -v -W 1 5002
printf 'one\ntwo\n' >"$tmp/in"
run ip netns exec a nc -u -q 1 -p 4002 10.0.0.2 5002 <"$tmp/in"
finish

echo "== -s: source address; one not ours =="
listen b -u -l -n -v -W 1 5003
printf 'from .1\n' >"$tmp/in"
run ip netns exec a nc -u -n -q 0 -s 10.0.0.1 -p 4003 10.0.0.2 5003 <"$tmp/in"
finish
run ip netns exec a nc -u -n -s 10.0.0.9 10.0.0.2 5003 </dev/null

echo "== -z -u: an open port, then a closed one =="
listen b -u -l -n -v -W 3 5004
run ip netns exec a nc -z -u -v -n -w 1 -p 4004 10.0.0.2 5004
finish
run ip netns exec a nc -z -u -v -n -w 1 10.0.0.2 5005-5006
run ip netns exec a nc -z -u -n 10.0.0.2 5005

echo "== -w: an idle client gives up, status 0 =="
run ip netns exec a nc -u -n -w 1 10.0.0.2 5007 </dev/null

echo "== both ways: the listener answers its peer =="
printf 'pong\n' >"$tmp/pong"
lin=$tmp/pong listen b -u -l -n -v -w 1 5008
printf 'ping\n' >"$tmp/in"
run ip netns exec a nc -u -n -w 2 -p 4008 10.0.0.2 5008 <"$tmp/in"
finish
echo "== stdin open and silent: the socket and stdin are waited on together =="
mkfifo "$tmp/hold"
exec 4<>"$tmp/hold"
lin=$tmp/hold listen b -u -l -n -v -w 1 5009
printf 'ping\n' >"$tmp/in"
echo "\$ ip netns exec a nc -u -n -w 2 -p 4009 10.0.0.2 5009 &"
ip netns exec a nc -u -n -w 2 -p 4009 10.0.0.2 5009 <"$tmp/in" >"$tmp/cout" 2>&1 &
cpid=$!
IFS= read -r line <&3
echo "$line"
echo "\$ echo reply >&4 (the listener's stdin)"
echo reply >&4
exec 4>&-
rc=0
wait "$cpid" || rc=$?
cat "$tmp/cout"
echo "exit $rc"
finish
run true
