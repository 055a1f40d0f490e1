#!/bin/bash
# ip-json: `ip -j` and `ip -j -p` for every object: link (with -d and -s),
# addr, route (and route get), neigh, netns list and list-id.
#
# Covers: iproute2's JSON byte for byte: key order, "flags" arrays, nested
# objects ("linkinfo", "stats64", "addr_info", "cache"), the pretty printer's
# spacing, empty results ("[]" and "[ ]"), what a failing command prints on
# stdout (nothing), and -j with -br.
#
# Lab script: `tuxnet lab tests/net/ip-json.sh`; Linux's output is
# ip-json.linux.out.
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

netns a b

echo "== empty =="
run ip -n a -j addr show up
run ip -n a -j -p addr show up
run ip -n a -j route
run ip -n a -j -p route
run ip -n a -j neigh
run ip -n a -j -p neigh
run ip -n a -j netns list-id
run ip -n a -j link show nope
run ip -n a -j -p addr show dev nope

echo "== links =="
ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
run ip -n a -j link
run ip -n a -j -p link
run ip -n a -j link show v0
run ip -n a link set v0 up
run ip -n a link set v1 up
run ip -n a link set lo up
run ip -n a -j -p link show v0
run ip -n a -j -d link show lo
run ip -n a -j -d -p link show v0
run ip -n a -j -s link show v1
run ip -n a -j -s -s -p link show lo
run ip -n a -j -br link
run ip -n a -j -p -br link show v0

echo "== a peer in another namespace =="
ip -n a link add c0 type veth peer name c1 netns b
run ip -n a -j link show c0
run ip -n b -j -p link show c1

echo "== addresses =="
ip -n a addr add 10.0.1.1/24 dev v0
ip -n a addr add 10.0.1.2/24 dev v0
ip -n a addr add 10.0.2.1 peer 10.0.2.2/32 dev v1 label v1:p
ip -n a addr add 10.0.3.1/24 brd + dev v1 scope link noprefixroute
run ip -n a -j addr
run ip -n a -j -p addr show dev v0
run ip -n a -j -p addr show dev v1
run ip -n a -j -4 addr show lo
run ip -n a -j -br addr
run ip -n a -j -p -br addr show v0
run ip -n a -j -s addr show v0

echo "== routes =="
ip -n a route add 10.9.0.0/16 via 10.0.1.254
ip -n a route add 10.8.0.0/16 dev v0 metric 7 src 10.0.1.2
ip -n a route add blackhole 10.7.0.0/16
ip -n a route add unreachable 10.6.0.0/16
ip -n a route add default via 10.0.1.254 dev v0 proto static
run ip -n a -j route
run ip -n a -j -p route
run ip -n a -j route show table local
run ip -n a -j -p route show table all type broadcast
run ip -n a -j route get 10.9.1.1
run ip -n a -j -p route get 10.0.1.2
run ip -n a -j route get 10.6.0.1

echo "== neighbours =="
ip -n a neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev v0
ip -n a neigh add 10.0.1.10 lladdr 02:00:00:00:00:0a dev v0 nud noarp
ip -n a neigh add 10.0.1.11 dev v0 nud stale lladdr 02:00:00:00:00:0b
run ip -n a -j neigh show 10.0.1.9
run ip -n a -j -p neigh show dev v0 10.0.1.11
run ip -n a -j neigh show nud all dev v0 10.0.1.10
run ip -n a -j -s neigh show 10.0.1.9

echo "== namespaces =="
run ip -j netns list
run ip -j -p netns
run ip -j netns list-id
run ip -j -p netns list-id
run ip -j -p netns identify

echo "== a learned PMTU and route metrics =="
# veth A NSA B NSB: a veth pair made here and moved, A into NSA, B into NSB.
veth() {
	ip link add tmp1 type veth peer name tmp2
	ip link set tmp1 netns "$2" name "$1"
	ip link set tmp2 netns "$4" name "$3"
}
netns h1 r h2
veth eth0 h1 eth1 r
veth eth2 r eth0 h2
ip -n r link set eth2 mtu 1400
ip -n h2 link set eth0 mtu 1400
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
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 -M do -s 1450 -W 1 10.0.2.2 > /dev/null || true
run ip -n h1 -j route get 10.0.2.2
run ip -n h1 -j -p route get 10.0.2.2
ip -n h1 route add 10.0.9.0/24 via 10.0.1.1 mtu lock 1300 advmss 1000 window 5
run ip -n h1 -j route show 10.0.9.0/24
run ip -n h1 -j -p route show 10.0.9.0/24

echo "== errors and filters: what reaches stdout =="
netns e
run ip -n e -j neigh show dev nope
run ip -n e -j route show dev nope
run ip -n e -j route show table foo
run ip -n e -j -p netns list-id target-nsid 9
run ip -n e -j route get 10.0.0.1
run ip -n e -j link show up
run ip -n e -j -p addr show label foo
run ip -n e -j -br link show group 5
run ip -n e -j -o addr
run ip -n e -j -o -p link show lo
