#!/bin/bash
# unreachable: every way a destination can be out of reach, h1 -- r -- h2.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#
# Covers: no route on the sender (connect fails, ping exits 2); no route on the
# router (ICMP net unreachable); routes of type unreachable, prohibit and
# blackhole, met on the router (ICMP host unreachable, ICMP packet filtered,
# silence) and on the sender itself (the errno of connect); `ip route get` for
# each; a neighbour that never answers ARP, on the sender's own link and behind
# the router (ICMP host unreachable after Linux's 3 ARP probes, 1 s apart).
# Linux rate-limits ICMP errors per destination (a burst of 6; a routing error
# costs 2), so r sends h1 two routing errors here and h2 one plus one ARP failure.
#
# Lab script: `tuxnet lab tests/net/unreachable.sh`; Linux's output is
# unreachable.linux.out.  It takes about 6 s there (two ARP failures).
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

# veth NS1 DEV1 NS2 DEV2: a veth pair, DEV1 in NS1 to DEV2 in NS2.  Made in the
# script's own namespace and moved, so that no two devices of the script share
# an ifindex (Linux defers the carrier events of a veth whose ifindex equals its
# peer's, which would make its state racy; see README.md).
veth() {
	ip link add tmp1 type veth peer name tmp2
	ip link set tmp1 netns "$1" name "$2"
	ip link set tmp2 netns "$3" name "$4"
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
ip -n h1 link set eth0 up
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h2 link set eth0 up
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1

echo "== no route on the sender =="
run ip -n h1 route
run ip netns exec h1 ping -c 1 10.0.2.2
run ip -n h1 route get 10.0.2.2
run ip -n h1 route add default via 10.0.1.1
run ip netns exec h1 ping -c 1 10.0.2.2

echo "== no route on the router: net unreachable =="
run ip -n r route get 10.0.3.5
run ip netns exec h1 ping -c 1 10.0.3.5

echo "== unreachable, prohibit and blackhole routes on the router =="
run ip -n r route add unreachable 10.9.0.0/16
run ip -n r route add prohibit 10.8.0.0/16
run ip -n r route add blackhole 10.7.0.0/16
run ip -n r route
run ip netns exec h1 ping -c 1 10.9.1.1
run ip netns exec h2 ping -c 1 10.8.1.1
run ip netns exec h1 ping -c 1 -W 1 10.7.1.1

echo "== the same routes met by the router's own ping =="
run ip netns exec r ping -c 1 10.9.1.1
run ip netns exec r ping -c 1 10.8.1.1
run ip netns exec r ping -c 1 10.7.1.1
run ip -n r route get 10.9.1.1
run ip -n r route get 10.8.1.1
run ip -n r route get 10.7.1.1

echo "== no answer to ARP on the sender's link: host unreachable =="
run ip netns exec h1 ping -c 1 -W 5 10.0.1.9

echo "== no answer to ARP behind the router: host unreachable =="
run ip netns exec h2 ping -c 1 -W 5 10.0.1.9
