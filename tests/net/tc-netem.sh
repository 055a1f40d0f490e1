#!/bin/bash
# tc-netem: netem as the root qdisc of a veth end: `tc qdisc add|change|
# show|del dev v0 root netem`, and its delay seen by ping across the pair.
#
# Covers: delay 100ms on v0 (the requests' way) making every round trip
# 100 ms longer, then 50ms by `change`, jitter, loss, duplicate, reorder,
# corrupt, rate and slot as tc shows them, `tc -s` counting what went
# through, tc's parse errors, del back to the default.
#
# The ping times are normalised away (normalize.sed); the lines
# "rtt ... at least N ms: yes" keep what the delay did.
#
# No recording yet: the kernel of the recording machine is built without
# CONFIG_NET_SCH_NETEM (tests/net/README.md); tests/tools/netem_lab.sh
# checks tuxnet's run of it.  Lab script: `tuxnet lab tests/net/tc-netem.sh`.
set -e
export LC_ALL=C

run() { echo "\$ $*"; local rc=0; "$@" 2>&1 | sed 's/\b8[0-9a-f][0-9a-f][0-9a-f]:/8NNN:/g' || rc=${PIPESTATUS[0]}; rc=${PIPESTATUS[0]}; echo "exit $rc"; }

# rtt_at_least MS: ping -c 3 from a to b, then whether every round trip
# took at least MS ms (and under MS + 10)
rtt_at_least() {
	local ms=$1 out
	echo "\$ ip netns exec a ping -n -c 3 -i 0.2 10.0.0.2"
	out=$(ip netns exec a ping -n -c 3 -i 0.2 10.0.0.2 2>&1) || true
	echo "$out"
	echo "$out" | awk -v ms="$ms" '/ time=/ { n++; t = $0; sub(/.* time=/, "", t); sub(/ ms.*/, "", t); if (t + 0 < ms || t + 0 >= ms + 10) bad++ }
		END { printf "rtt of %d replies at least %d ms: %s\n", n, ms, (n && !bad) ? "yes" : "no" }'
}

for ns in a b; do
	ip netns add $ns
	ip netns exec $ns sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n a link add v0 type veth peer name v1 netns b
ip -n a addr add 10.0.0.1/24 dev v0
ip -n b addr add 10.0.0.2/24 dev v1
ip -n a link set v0 up
ip -n b link set v1 up
# the neighbours first, so that ARP does not wait behind the delay
ip netns exec a ping -n -c 1 -w 5 10.0.0.2 >/dev/null

echo "== without netem =="
rtt_at_least 0

echo "== delay 100ms =="
run ip netns exec a tc qdisc add dev v0 root netem delay 100ms
run ip netns exec a tc qdisc show dev v0
rtt_at_least 100
run ip netns exec a tc -s qdisc show dev v0
run ip netns exec a tc qdisc add dev v0 root netem delay 100ms

echo "== change =="
run ip netns exec a tc qdisc change dev v0 root netem delay 50ms
run ip netns exec a tc qdisc show dev v0
rtt_at_least 50
run ip netns exec a tc qdisc change dev v0 root netem delay 100ms 10ms 25% loss 1% duplicate 2% reorder 25% 50% corrupt 0.1% rate 1Mbit
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc change dev v0 root netem delay 20ms 5ms distribution normal loss state 1% 10% slot 1ms 2ms packets 4
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc replace dev v0 root handle 1: netem limit 3 loss gemodel 1% 10% 70% 10% ecn
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc -j qdisc show dev v0

echo "== errors =="
run ip netns exec a tc qdisc change dev v0 root netem reorder 10%
run ip netns exec a tc qdisc change dev v0 root netem gap 5
run ip netns exec a tc qdisc change dev v0 root netem ecn
run ip netns exec a tc qdisc change dev v0 root netem loss 101%
run ip netns exec a tc qdisc change dev v0 root netem delay 1ms distribution normal
run ip netns exec a tc qdisc change dev v0 root netem delay 5000s
run ip netns exec a tc qdisc change dev v0 root netem slot 5ms 2ms
run ip netns exec a tc qdisc change dev v0 root netem loss foo
run ip netns exec a tc qdisc change dev v0 root netem foo
run ip netns exec a tc qdisc add dev v0 parent 1:1 netem delay 1ms

echo "== del =="
run ip netns exec a tc qdisc del dev v0 root
run ip netns exec a tc qdisc show dev v0
rtt_at_least 0
