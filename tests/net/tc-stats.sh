#!/bin/bash
# tc-stats: what `tc -s qdisc` counts: a known number of pings through a
# pfifo root on a veth and on lo (permanent neighbours, so no ARP), the
# counters kept by `change` and while the device is down, and lost with
# the qdisc (replace, del).
#
# Lab script: `tuxnet lab tests/net/tc-stats.sh`; Linux's output is
# tc-stats.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only.
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

netns a b
veth a eth0 b eth0
ip -n a link set eth0 address 02:00:00:00:01:01
ip -n b link set eth0 address 02:00:00:00:01:02
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n b addr add 10.0.1.2/24 dev eth0
# no ARP: the counts are the pings alone
ip -n a neigh add 10.0.1.2 lladdr 02:00:00:00:01:02 dev eth0 nud permanent
ip -n b neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev eth0 nud permanent

echo "== a pfifo root on a veth =="
run ip netns exec a tc qdisc add dev eth0 root handle 1: pfifo limit 100
run ip netns exec a tc -s qdisc show dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
run ip netns exec a ping -c 3 -i 0.2 -q 10.0.1.2
run ip netns exec a tc -s qdisc show dev eth0
run ip netns exec b tc -s qdisc show dev eth0
run ip netns exec a tc -s -j qdisc show dev eth0
run ip netns exec b ping -c 2 -i 0.2 -q 10.0.1.1
run ip netns exec a tc -s qdisc show

echo "== change keeps the counters, down keeps them, replace starts afresh =="
run ip netns exec a tc qdisc change dev eth0 root pfifo limit 50
run ip netns exec a tc -s qdisc show dev eth0
run ip -n a link set eth0 down
run ip netns exec a tc -s qdisc show dev eth0
run ip -n a link set eth0 up
run ip netns exec a tc qdisc replace dev eth0 root handle 2: pfifo_fast
run ip netns exec a ping -c 1 -q 10.0.1.2
run ip netns exec a tc -s qdisc show dev eth0

echo "== del: back to the default, counters gone =="
run ip netns exec a tc qdisc del dev eth0 root
run ip netns exec a tc -s qdisc show dev eth0

echo "== lo =="
ip -n a link set lo up
run ip netns exec a tc qdisc add dev lo root handle 1: pfifo
run ip netns exec a ping -c 2 -i 0.2 -q 127.0.0.1
run ip netns exec a tc -s qdisc show dev lo
run ip netns exec a tc qdisc add dev lo root handle 1: pfifo
run ip netns exec a tc -s qdisc show dev lo
