#!/usr/bin/env bash
# tc on libtuxnet-host against iproute2's tc: the same commands, each case
# in a fresh network namespace with a veth pair (v0, v1, up) and lo up,
# must print the same and exit the same, on Linux's own qdiscs.  Handles
# the kernel picks (8001: ...) come from a counter of the whole machine,
# so both outputs print them as 8NNN:.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
ours=$BUILD/hosttools/tc
real=$(command -v tc) || exit 77
[ -x "$ours" ] || { echo "missing $ours"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 cases=0

mkdir "$tmp/real" "$tmp/ours"
ln -s "$real" "$tmp/real/tc"
ln -s "$ours" "$tmp/ours/tc"

# run DIR CMDS: the tc command lines CMDS (one per line) with DIR's tc,
# in a fresh namespace; each line's output and exit status.
run() {
	unshare -n bash -c 'PATH=$1:$PATH
		# no IPv6: the kernel would send MLD and router solicitations
		# at its own moments, and the counters would race them
		sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
		ip link add v0 type veth peer name v1
		ip link set lo up; ip link set v0 up; ip link set v1 up
		while read -r line; do
			[ -n "$line" ] || continue
			echo "\$ tc $line"
			eval "tc $line" 2>&1; echo "rc=$?"
		done <<<"$2"' _ "$1" "$2" |
		sed 's/\b8[0-9a-f][0-9a-f][0-9a-f]:/8NNN:/g'
}

check() {
	cases=$((cases + 1))
	run "$tmp/real" "$1" >"$tmp/real.out"
	run "$tmp/ours" "$1" >"$tmp/ours.out"
	[ -n "${KEEP:-}" ] && cat "$tmp/ours.out"
	if ! diff -u "$tmp/real.out" "$tmp/ours.out"; then
		echo "DIFF: case $cases"
		failed=$((failed + 1))
	fi
}

check 'qdisc show
-s qdisc show
-j qdisc
-p -j -s qdisc
-d qdisc show dev lo
-r qdisc show dev v0
-o -s qdisc show
qdisc show dev nope
qdisc show dev
qdisc show dev v0 root root
qdisc show dev v0 handle x
qdisc show dev v0 foo'

check 'qdisc add dev v0 root pfifo limit 10
qdisc show dev v0
qdisc add dev v0 root pfifo
qdisc replace dev v0 root handle 1: bfifo limit 1.5k
qdisc replace dev v0 root handle 2: bfifo limit 64kbit
qdisc show dev v0
-s -j qdisc show dev v0
qdisc change dev v0 root bfifo limit 1m
qdisc show
qdisc change dev v0 root pfifo_fast
-p -j qdisc show dev v0
qdisc replace dev v0 root noqueue
-s qdisc show dev v0
qdisc link dev v0 root pfifo
qdisc del dev v0 root
qdisc del dev v0 root
qdisc show dev v0'

check 'qdisc add dev v0 root pfifo limit abc
qdisc add dev v0 root pfifo limit -1
qdisc add dev v0 root pfifo limit 1.5
qdisc add dev v0 root bfifo limit 5gbit
qdisc add dev v0 root pfifo limit
qdisc add dev v0 root pfifo foo
qdisc add dev v0 root pfifo help
qdisc add dev v0 root pfifo_fast foo
qdisc add dev v0 root noqueue foo
qdisc add dev v0 root whatever bar
qdisc add dev v0 root handle x: pfifo
qdisc add dev v0 root handle 1: handle 2: pfifo
qdisc add dev v0 root root pfifo
qdisc add dev v0 dev v1 root pfifo
qdisc add dev v0 parent x pfifo
qdisc add dev v0 parent 1:1 parent 1:2 pfifo
qdisc add dev nope root pfifo
qdisc add dev v0 pfifo
qdisc add root pfifo
qdisc add dev v0 root whatever
qdisc add dev v0 root netem delay 10ms
qdisc foo
foo
-x qdisc
-V
qdisc help'

# netem: the kernel here may lack it (then both get "Specified qdisc kind
# is unknown."); what tc parses and refuses itself is compared whole.
check 'qdisc add dev v0 root netem
qdisc add dev v0 root netem delay 100ms
qdisc add dev v0 root netem delay 100ms 10ms 25% loss 1% duplicate 2% reorder 25% 50% corrupt 0.1% rate 1Mbit
qdisc add dev v0 root netem delay 10ms 1ms distribution normal
qdisc add dev v0 root netem delay 10ms 1ms distribution pareto
qdisc add dev v0 root netem delay 10ms 1ms distribution paretonormal
qdisc add dev v0 root netem delay 10ms 1ms distribution experimental
qdisc add dev v0 root netem delay 10ms 1ms distribution uniform
qdisc add dev v0 root netem loss state 1% 2% 3% 4% 5%
qdisc add dev v0 root netem loss gemodel 1% 2% 3% 4%
qdisc add dev v0 root netem loss random 1% ecn
qdisc add dev v0 root netem drop 5%
qdisc add dev v0 root netem rate 1.5mbit 14 53 -5
qdisc add dev v0 root netem rate 100gbit
qdisc add dev v0 root netem slot 1ms 5ms packets 10 bytes 3k
qdisc add dev v0 root netem slot distribution pareto 1ms 1ms
qdisc add dev v0 root netem l 5 d 1ms
qdisc change dev v0 root netem delay 1ms
qdisc add dev v0 root netem delay 274877906us
qdisc add dev v0 root netem delay 274877907us
qdisc add dev v0 root netem delay 5000s
qdisc add dev v0 root netem delay -1
qdisc add dev v0 root netem delay 10ms 20x
qdisc add dev v0 root netem delay 1ms 1ms 1ms
qdisc add dev v0 root netem delay
qdisc add dev v0 root netem limit -1
qdisc add dev v0 root netem limit x
qdisc add dev v0 root netem loss 5 5 5
qdisc add dev v0 root netem loss 101%
qdisc add dev v0 root netem loss -1%
qdisc add dev v0 root netem loss random
qdisc add dev v0 root netem loss state
qdisc add dev v0 root netem loss state x
qdisc add dev v0 root netem loss gemodel 1% 2% 3% 4% 5%
qdisc add dev v0 root netem loss foo
qdisc add dev v0 root netem loss 1% loss 2%
qdisc add dev v0 root netem ecn
qdisc add dev v0 root netem gap 5
qdisc add dev v0 root netem delay 1ms gap 5
qdisc add dev v0 root netem reorder 10%
qdisc add dev v0 root netem delay 1ms reorder 10% x
qdisc add dev v0 root netem distribution normal
qdisc add dev v0 root netem delay 1ms distribution normal
qdisc add dev v0 root netem delay 1ms 1ms distribution nothere
qdisc add dev v0 root netem slot
qdisc add dev v0 root netem slot 5ms 2ms
qdisc add dev v0 root netem slot foo
qdisc add dev v0 root netem slot distribution normal 1ms 0
qdisc add dev v0 root netem slot 1ms packets
qdisc add dev v0 root netem slot 1ms packets x
qdisc add dev v0 root netem slot 1ms bytes x
qdisc add dev v0 root netem corrupt
qdisc add dev v0 root netem corrupt 1 x
qdisc add dev v0 root netem duplicate 1%%
qdisc add dev v0 root netem rate
qdisc add dev v0 root netem rate 1foo
qdisc add dev v0 root netem rate 1mbit 1 x
qdisc add dev v0 root netem foo
qdisc add dev v0 root netem help'

echo "$cases cases, $failed differ"
[ $failed -eq 0 ]
