#!/bin/bash
# ip-route-multipath: routes with several next hops.
#
#   a eth0 10.0.1.1/24 -- eth0 b 10.0.1.2/24
#   a eth1 10.0.2.1/24 -- eth1 b 10.0.2.2/24
#   a eth2 10.0.3.1/24 -- eth2 b 10.0.3.2/24      b lo 10.99.0.1/32
#
# Covers: ip route add with "nexthop via ... dev ... weight ..." (display as
# iproute2 6.1, weights, onlink, metric, table), errors (weight 0/257,
# a gateway off-link, RTA_OIF/RTA_GATEWAY not matching the first hop, a
# host-scope multipath route, a bad word after nexthop), del by next hops,
# replace, a next hop's device going down (dead) and up, ip route get
# once only one hop is alive, pings through the route, and
# net.ipv4.fib_multipath_hash_policy (0, 1, 2; 3 in tests/net/ipv4-sysctl.sh).
# Which hop a flow takes depends on Linux's random hash key, so only
# what does not is printed.
#
# Lab script: `tuxnet lab tests/net/ip-route-multipath.sh`; Linux's output
# is ip-route-multipath.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only (see ip-route.sh).
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
veth a eth1 b eth1
veth a eth2 b eth2
for ns in a b; do
	ip -n $ns link set lo up
	ip -n $ns link set eth0 up
	ip -n $ns link set eth1 up
	ip -n $ns link set eth2 up
done
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n a addr add 10.0.2.1/24 dev eth1
ip -n a addr add 10.0.3.1/24 dev eth2
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n b addr add 10.0.2.2/24 dev eth1
ip -n b addr add 10.0.3.2/24 dev eth2
ip -n b addr add 10.99.0.1/32 dev lo
ip -n b route add 10.0.0.0/8 via 10.0.1.1

echo "== add =="
run ip -n a route add 10.99.0.0/16 nexthop via 10.0.1.2 dev eth0 weight 3 nexthop via 10.0.2.2 dev eth1
run ip -n a route add 10.98.0.0/16 proto static metric 7 nexthop via 10.0.1.2 nexthop via 10.0.2.2 weight 256 nexthop via 10.0.3.2 weight 1
run ip -n a route add 10.97.0.0/16 table 50 nexthop dev eth0 nexthop dev eth1
run ip -n a route add 10.96.0.0/16 nexthop via 10.9.9.9 dev eth0 onlink nexthop via 10.0.2.2
run ip -n a route add 10.95.0.0/16 nexthop via 10.0.1.2
run ip -n a route
run ip -n a route show table 50
run ip -n a route show 10.98.0.0/16
run ip -n a route list table all 10.97.0.0/16

echo "== add: errors =="
run ip -n a route add 10.99.0.0/16 nexthop via 10.0.1.2 dev eth0 weight 3 nexthop via 10.0.2.2 dev eth1
run ip -n a route add 10.90.0.0/16 nexthop via 10.0.1.2 weight 0
run ip -n a route add 10.90.0.0/16 nexthop via 10.0.1.2 weight 257
run ip -n a route add 10.90.0.0/16 nexthop via 10.0.9.9 nexthop via 10.0.2.2
run ip -n a route add 10.90.0.0/16 dev eth1 nexthop via 10.0.1.2 nexthop via 10.0.2.2
run ip -n a route add 10.90.0.0/16 via 10.0.2.2 nexthop via 10.0.1.2 nexthop via 10.0.2.2
run ip -n a route add local 10.90.0.0/16 nexthop dev eth0 nexthop dev eth1
run ip -n a route add unreachable 10.90.0.0/16 nexthop dev eth0
run ip -n a route add 10.90.0.0/16 nexthop via 10.0.1.2 frob
run ip -n a route add 10.90.0.0/16 nexthop via 10.0.1.2 nexthop
run ip -n a route add 10.90.0.0/16 nexthop via 10.0.1.2 dev nope
run ip -n a route show 10.90.0.0/16

echo "== del, replace =="
run ip -n a route del 10.98.0.0/16 nexthop via 10.0.3.2
run ip -n a route del 10.98.0.0/16 nexthop via 10.0.1.2 nexthop via 10.0.2.2 nexthop via 10.0.3.2
run ip -n a route show 10.98.0.0/16
run ip -n a route replace 10.95.0.0/16 nexthop via 10.0.3.2 weight 5 nexthop via 10.0.1.2 weight 2
run ip -n a route show 10.95.0.0/16
run ip -n a route del 10.95.0.0/16
run ip -n a route del 10.97.0.0/16 table 50

echo "== a hop goes down =="
run ip -n a route get 10.99.1.1 oif eth1
ip -n a link set eth0 down
run ip -n a route show 10.99.0.0/16
run ip -n a route get 10.99.1.1
run ip -n a route get 10.99.1.2 from 10.0.2.1
run ip netns exec a ping -c 2 -i 0.2 -W 1 10.99.0.1
ip -n a link set eth0 up
run ip -n a route show 10.99.0.0/16
run ip -n a route show 10.96.0.0/16

echo "== traffic =="
run ip netns exec a ping -c 4 -i 0.2 -q -W 1 10.99.0.1

echo "== hash policy =="
run ip netns exec a sysctl net.ipv4.fib_multipath_hash_policy
run ip netns exec a sysctl -w net.ipv4.fib_multipath_hash_policy=1
run ip netns exec a sysctl -w net.ipv4.fib_multipath_hash_policy=2
run ip netns exec a sysctl -w net.ipv4.fib_multipath_hash_policy=-1
run ip netns exec a sysctl net.ipv4.fib_multipath_hash_policy
run ip netns exec a ping -c 2 -i 0.2 -q -W 1 10.99.0.1
