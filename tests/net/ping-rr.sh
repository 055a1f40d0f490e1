#!/bin/bash
# ping-rr: IP options across two routers, h1 -- r1 -- r2 -- h2.
#
#   h1 10.0.1.2 -- 10.0.1.1 r1 10.0.3.1 -- 10.0.3.2 r2 10.0.2.1 -- 10.0.2.2 h2
#
# Covers: record route filled in by the sender (its source), each router (the
# address it forwards by), the echoing host (the address the request came to,
# then the one the reply leaves by) and the sender again on receipt, and
# "(same route)" for the next reply; timestamps of each type (tsonly,
# tsandaddr, tsprespec naming routers), the overflow count when the option is
# full; options on a reply from a router and on an ICMP error; `ping -r`
# (SO_DONTROUTE: a host behind a router is not reachable, a neighbour is);
# several destinations refused as iputils refuses them; the same options on
# a ping socket, where they come back as IP_RETOPTS control messages.
#
# Lab script: `tuxnet lab tests/net/ping-rr.sh`; Linux's output is
# ping-rr.linux.out.
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

echo "== record route: every hop, there and back =="
run ip netns exec h1 ping -c 2 -i 0.2 -R 10.0.2.2
run ip netns exec h2 ping -c 1 -R 10.0.1.2
run ip netns exec h1 ping -c 1 -R 10.0.3.2
run ip netns exec h1 ping -c 1 -R 10.0.1.1
run ip netns exec h1 ping -c 1 -R 127.0.0.1
run ip netns exec h1 ping -c 1 -q -R 10.0.2.2

echo "== timestamps =="
run ip netns exec h1 ping -c 1 -T tsonly 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsandaddr 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsprespec 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsprespec 10.0.3.2 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsprespec 10.0.1.1 10.0.3.2 10.0.2.2 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsprespec 10.0.1.2 10.0.1.1 10.0.2.2

echo "== an ICMP error carries the options back =="
run ip netns exec h1 ping -c 1 -t 1 -R 10.0.2.2
run ip netns exec h1 ping -c 1 -t 2 -T tsonly 10.0.2.2
run ip netns exec h1 ping -c 1 -W 1 -R 10.0.2.99

echo "== -r: only a directly connected network =="
run ip netns exec h1 ping -c 1 -r 10.0.1.1
run ip netns exec h1 ping -c 1 -r 10.0.2.2
run ip netns exec h1 ping -c 1 -r -R 10.0.1.1

echo "== several destinations =="
run ip netns exec h1 ping -c 1 10.0.3.2 10.0.2.2
run ip netns exec h1 ping -c 1 -R 10.0.3.2 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsonly 10.0.3.2 10.0.2.2

echo "== a ping socket (ping_group_range): the options come as IP_RETOPTS =="
ip netns exec h1 sysctl -qw net.ipv4.ping_group_range="0 2147483647"
run ip netns exec h1 ping -c 2 -i 0.3 -R 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsandaddr 10.0.2.2
run ip netns exec h1 ping -c 1 -T tsprespec 10.0.3.2 10.0.2.2
