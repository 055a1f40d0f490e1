#!/bin/bash
# ttl: time to live across two routers, h1 -- r1 -- r2 -- h2.
#
#   h1 10.0.1.2 -- 10.0.1.1 r1 10.0.3.1 -- 10.0.3.2 r2 10.0.2.1 -- 10.0.2.2 h2
#
# Covers: `ping -t` running out at the first and at the second router (ICMP
# time exceeded, sent from the router's address towards the sender), the ttl
# a reply arrives with after each hop, net.ipv4.ip_default_ttl as the ttl of a
# ping without -t, a router's own far address answering to -t 1.
# Each router sends h1 at most three ICMP errors here: Linux rate-limits them
# per destination (net.ipv4.icmp_ratelimit, a burst of 6).
#
# Lab script: `tuxnet lab tests/net/ttl.sh`; Linux's output is ttl.linux.out.
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

echo "== build h1 -- r1 -- r2 -- h2 =="
netns h1 r1 r2 h2
veth h1 eth0 r1 eth1
veth r1 eth2 r2 eth1
veth r2 eth2 h2 eth0
for ns in h1 r1 r2 h2; do ip -n $ns link set lo up; done
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r1 addr add 10.0.1.1/24 dev eth1
ip -n r1 addr add 10.0.3.1/24 dev eth2
ip -n r2 addr add 10.0.3.2/24 dev eth1
ip -n r2 addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n r1 link set eth1 up
ip -n r1 link set eth2 up
ip -n r2 link set eth1 up
ip -n r2 link set eth2 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 10.0.1.1
ip -n r1 route add 10.0.2.0/24 via 10.0.3.2
ip -n r2 route add 10.0.1.0/24 via 10.0.3.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r1 sysctl -qw net.ipv4.ip_forward=1
ip netns exec r2 sysctl -qw net.ipv4.ip_forward=1
run ip -n r1 route
run ip -n r2 route
run ip -n h1 -br link
run ip -n r1 -br link

echo "== enough ttl: replies lose one per router =="
run ip netns exec h1 ping -c 1 10.0.2.2
run ip netns exec h1 ping -c 1 -t 3 10.0.2.2
run ip netns exec h2 ping -c 1 10.0.1.2

echo "== ttl 1: dies at r1 =="
run ip netns exec h1 ping -c 1 -t 1 10.0.2.2
run ip netns exec h1 ping -c 2 -i 0.2 -t 1 10.0.2.2

echo "== ttl 2: dies at r2 =="
run ip netns exec h1 ping -c 1 -t 2 10.0.2.2

echo "== ttl 1 to a router's own address: delivered, not forwarded =="
run ip netns exec h1 ping -c 1 -t 1 10.0.3.1
run ip netns exec h1 ping -c 1 -t 2 10.0.3.2

echo "== net.ipv4.ip_default_ttl is the ttl of a ping without -t =="
run ip netns exec h1 sysctl -w net.ipv4.ip_default_ttl=2
run ip netns exec h1 ping -c 1 10.0.2.2
run ip netns exec h1 ping -c 1 -t 64 10.0.2.2
run ip netns exec h2 sysctl -w net.ipv4.ip_default_ttl=200
run ip netns exec h1 ping -c 1 -t 64 10.0.2.2
