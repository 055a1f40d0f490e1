#!/bin/bash
# routed: a line of three namespaces, h1 -- r -- h2, with a router in the middle.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#
# Covers: veth pairs made in the script's own namespace and moved into others
# (`ip link set DEV netns NS`), addresses, default routes via the router,
# net.ipv4.ip_forward on and off, the tables of each node (link, addr, route,
# neigh, -s counters), what a link going down does to routes and neighbours.
#
# Lab script: `tuxnet lab tests/net/routed.sh`.  Linux's own output, recorded as
# root in fresh namespaces by tests/net/record.sh, is tests/net/routed.linux.out.
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

echo "== build h1 -- r -- h2 =="
netns h1 r h2
run ip netns list
# Both pairs are made here and moved, so every device keeps the ifindex it got
# in this namespace: h1/eth0 3, r/eth1 2, r/eth2 4, h2/eth0 5.
ip link add eth0 type veth peer name eth1
ip link set eth0 netns h1
ip link set eth1 netns r
ip link add eth0 type veth peer name eth2
ip link set eth0 netns h2
ip link set eth2 netns r
run ip link
run ip netns list
for ns in h1 r h2; do ip -n $ns link set lo up; done
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth1
ip -n r addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1

echo "== tables =="
run ip -n r link
run ip -n r addr
run ip -n r route
run ip -n h1 addr
run ip -n h1 route
run ip -n h2 route
run ip -n h1 neigh

echo "== forwarding on =="
run ip netns exec r sysctl net.ipv4.ip_forward
run ip netns exec r sysctl -w net.ipv4.ip_forward=1
run ip netns exec h1 ping -c 3 -i 0.2 10.0.2.2
run ip netns exec h2 ping -c 2 -i 0.2 10.0.1.2

echo "== neighbours and counters right after the pings =="
# h1 and r asked (ARP request, reply): REACHABLE.  r and h2 learnt the asker
# from its request (STALE), then sent to it: DELAY, for 5 s.
run ip -n h1 neigh
run ip -n r neigh show dev eth1
run ip -n r neigh show dev eth2
run ip -n h2 neigh
run ip -n h1 -s link show eth0
run ip -n r -s link show eth2

echo "== h2's link goes down =="
run ip -n h2 link set eth0 down
run ip -n r link show eth2
run ip -n r -br addr
run ip -n r route
run ip -n r neigh show dev eth2
run ip -n h2 route
run ip -n h2 -br link

echo "== and up again =="
run ip -n h2 link set eth0 up
run ip -n h2 route
run ip -n r route
run ip -n h2 route add default via 10.0.2.1
run ip -n h2 route
run ip netns exec h1 ping -c 1 10.0.2.2

echo "== forwarding off =="
run ip netns exec r sysctl -w net.ipv4.ip_forward=0
run ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2
# r itself still answers, on either of its addresses.
run ip netns exec h1 ping -c 1 10.0.2.1
run ip netns exec h2 ping -c 1 10.0.1.1
