#!/bin/bash
# tcp-metrics: the TCP metrics cache as `ip tcp_metrics` (iproute2 6.1)
# shows it, between namespaces a (va 10.0.1.1) and b (vb 10.0.1.2).
#
# a's route to b locks rtt 100ms, rttvar 50ms and cwnd 10, b's route to a
# locks cwnd 10: a connection that closes leaves in a an entry with those
# values (locked metrics are never overwritten) and in b one with what it
# measured; the next connection from a starts with the RTO the saved RTT
# gives (100 + max(2 * 100, 200) = 300 ms, `ss -tni`).  Covers show/list
# (all, an address, a prefix, -4, -6, -j, -j -p, src), delete (one
# address, errors), flush (all; a prefix with -s and -s -s; nothing to
# flush), the usage and unknown-command errors, tcp_no_metrics_save.
#
# What must differ between runs is masked: every entry's age, and the RTT
# and RTT variance b measured (real time on Linux; virtual under tuxnet,
# where the RTT is below 8 us and ip prints no rtt, and a sample of 0 us
# leaves rttvar 0 too, so that ip prints neither).
#
# Lab script: `tuxnet lab tests/net/tcp-metrics.sh`; Linux's output is
# tcp-metrics.linux.out.
set -e
export LC_ALL=C

run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

veth() {
	ip link add tmp1 type veth peer name tmp2
	ip link set tmp1 netns "$1" name "$2"
	ip link set tmp2 netns "$3" name "$4"
}

# tm ARGS...: `ip ARGS` with the ages masked (text and JSON)
tm() {
	echo "\$ ip $*"
	local rc=0 out
	out=$(ip "$@" 2>&1) || rc=$?
	[ -z "$out" ] || printf '%s\n' "$out" | sed -E \
		-e 's/ age [0-9]+\.[0-9]{3}sec/ age N.NNNsec/' \
		-e 's/"age": ?[0-9.e+-]+/"age":N/'
	echo "exit $rc"
}

# tmr ARGS...: as tm, and the measured rtt and rttvar masked too
tmr() {
	echo "\$ ip $*"
	local rc=0 out
	out=$(ip "$@" 2>&1) || rc=$?
	[ -z "$out" ] || printf '%s\n' "$out" | sed -E \
		-e 's/ age [0-9]+\.[0-9]{3}sec/ age N.NNNsec/' \
		-e 's/ (rtt [0-9]+us )?(rttvar [0-9]+us )?source/ rtt Nus rttvar Nus source/' \
		-e 's/"age": ?[0-9.e+-]+/"age":N/' \
		-e 's/("rtt": ?[0-9.e+-]+,)?("rttvar": ?[0-9.e+-]+,)?"source"/"rtt":N,"rttvar":N,"source"/'
	echo "exit $rc"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# listen NS ARGS...: `nc ARGS` (with -v) in NS in the background,
# synchronised on its "Listening on" line; finish waits for it and shows
# the rest of its -v lines (the client's port masked)
listen() {
	local ns=$1
	shift
	echo "\$ ip netns exec $ns nc $* &"
	rm -f "$tmp/err"
	mkfifo "$tmp/err"
	ip netns exec "$ns" nc "$@" >/dev/null 2>"$tmp/err" </dev/null &
	lpid=$!
	exec 3<"$tmp/err"
	local line
	IFS= read -r line <&3 || true
	echo "$line"
}

finish() {
	local rc=0
	wait "$lpid" || rc=$?
	sed -E 's/ [0-9]+$/ PORT/' <&3
	exec 3<&-
	echo "exit $rc"
}

# connect PORT: one connection a -> b that sends a line and closes
connect() {
	listen b -n -v -l 10.0.1.2 "$1"
	echo "\$ echo hi | ip netns exec a nc -n -N 10.0.1.2 $1"
	echo hi | ip netns exec a nc -n -N 10.0.1.2 "$1"
	finish
}

SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold

echo "== build a -- b =="
netns a b
veth a va b vb
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.1.1/24 dev va
ip -n b addr add 10.0.1.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip -n a route add 10.0.1.2/32 dev va rtt lock 100ms rttvar lock 50ms cwnd lock 10
ip -n b route add 10.0.1.1/32 dev vb cwnd lock 10
run ip -n a route show 10.0.1.2
run ip netns exec a sysctl net.ipv4.tcp_no_metrics_save net.ipv4.tcp_no_ssthresh_metrics_save

echo "== an empty cache =="
tm -n a tcp_metrics
tm -n a tcp_metrics show 10.0.1.2
tm -n a -j tcp_metrics show
tm -n a tcp_metrics flush 10.0.1.0/24

echo "== a connection closes: both ends save =="
connect 5000
tm -n a tcp_metrics
tm -n a tcp_metrics show 10.0.1.2
tm -n a tcp_metrics show address 10.0.1.2
tm -n a tcp_metrics list 10.0.0.0/16
tm -n a tcp_metrics show 10.0.2.0/24
tm -n a tcp_metrics show 10.0.1.2 src 10.0.1.1
tm -n a tcpmetrics show src 10.0.1.1
tm -n a -4 tcp_metrics
tm -n a -6 tcp_metrics
tm -n a -j tcp_metrics
tm -n a -j -p tcp_metrics
tmr -n b tcp_metrics
tmr -n b -j tcp_metrics

echo "== the next connection starts from the saved rtt =="
listen b -n -v -l 10.0.1.2 5001
echo "\$ ip netns exec a sockhold -C 10.0.1.2:5001 -- ss -tni (its rto)"
ip netns exec a "$SOCKHOLD" -C 10.0.1.2:5001 -- ss -tni | grep -o 'rto:[0-9]*'
finish
tm -n a tcp_metrics

echo "== delete and flush =="
tm -n a tcp_metrics delete 10.0.1.2
tm -n a tcp_metrics
tm -n a tcp_metrics delete 10.0.1.2
tm -n a tcp_metrics delete address 10.0.1.9
tm -n a tcp_metrics delete
tm -n a tcp_metrics delete 10.0.1.0/24
tmr -n b -s -s tcp_metrics flush 10.0.1.0/24
tm -n b -s tcp_metrics flush 10.0.1.0/24
connect 5002
tmr -n b -s tcp_metrics flush 10.0.1.1
tm -n b tcp_metrics
tm -n a tcp_metrics flush
tm -n a tcp_metrics flush
tm -n a tcp_metrics
tm -n a tcp_metrics show nonsense
tm -n a tcp_metrics foo
tm -n a tcp_metrics help

echo "== tcp_no_metrics_save =="
run ip netns exec a sysctl -w net.ipv4.tcp_no_metrics_save=1
connect 5003
tm -n a tcp_metrics
tmr -n b tcp_metrics
run ip netns exec a sysctl -w net.ipv4.tcp_no_metrics_save=0
connect 5004
tm -n a tcp_metrics
