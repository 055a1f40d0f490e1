#!/bin/bash
# tuxnet demo: two hosts and a router.
#
#        10.0.1.0/24                     10.0.2.0/24
#   alice ----------- eth1 router eth2 ----------- bob
#   .2 eth0          .1           .1          eth0 .2
#
# Run it with `tuxnet lab examples/demo.sh` (no root needed).  To watch Linux
# do the same, run it as root in fresh namespaces with
# `sudo tests/net/linux-lab.sh examples/demo.sh`; its output is kept in
# tests/net/demo.linux.out, and tests/net/compare.sh demo compares the two.
set -e
export LC_ALL=C

step() { printf '\n### %s\n' "$*"; }
show() { echo "\$ $*"; "$@"; }

step "Three network namespaces: alice, router, bob"
for ns in alice router bob; do
	ip netns add $ns
	# IPv4 only (a stack without IPv6 has no such keys; -e ignores them)
	ip netns exec $ns sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n $ns link set lo up
done
show ip netns list

step "Two cables (veth pairs), each made here and plugged into two namespaces"
ip link add tmp1 type veth peer name tmp2
ip link set tmp1 netns alice name eth0
ip link set tmp2 netns router name eth1
ip link add tmp1 type veth peer name tmp2
ip link set tmp1 netns bob name eth0
ip link set tmp2 netns router name eth2
show ip -n router -br link

step "Addresses"
show ip -n alice addr add 10.0.1.2/24 dev eth0
show ip -n router addr add 10.0.1.1/24 dev eth1
show ip -n router addr add 10.0.2.1/24 dev eth2
show ip -n bob addr add 10.0.2.2/24 dev eth0
for dev in alice:eth0 router:eth1 router:eth2 bob:eth0; do
	ip -n ${dev%:*} link set ${dev#*:} up
done
show ip -n router addr

step "Each address brought a route to its own subnet"
show ip -n router route
show ip -n alice route

step "alice can reach the router, not yet bob"
show ip netns exec alice ping -c 2 -i 0.2 10.0.1.1
show ip netns exec alice ping -c 1 10.0.2.2 || true

step "Default routes through the router, and forwarding on"
show ip -n alice route add default via 10.0.1.1
show ip -n bob route add default via 10.0.2.1
show ip netns exec router sysctl -w net.ipv4.ip_forward=1
show ip -n alice route

step "alice pings bob across the router (ttl 63: one hop)"
show ip netns exec alice ping -c 3 -i 0.2 10.0.2.2

step "Who knows whom now: ARP tables"
show ip -n alice neigh
show ip -n router neigh show dev eth2

step "Counters on alice's cable: 2 + 3 pings and one ARP exchange"
show ip -n alice -s link show eth0

step "A ttl of 1 dies at the router, which says so"
show ip netns exec alice ping -c 1 -t 1 10.0.2.2 || true

step "A network nobody knows: the router says so too"
show ip netns exec alice ping -c 1 10.0.3.3 || true

step "Forwarding off: the router drops bob's packets without a word"
show ip netns exec router sysctl -w net.ipv4.ip_forward=0
show ip netns exec alice ping -c 2 -i 0.2 -W 1 10.0.2.2 || true
