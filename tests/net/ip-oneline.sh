#!/bin/bash
# ip-oneline: `ip -o` (one record a line, "\" for the line breaks), the
# family options -0, -4, -f/-family, and what -d adds to routes.
#
# Covers: -o with link (-d, -s), addr (-4, -0, labels, peer), route, route
# get, neigh; -oneline spelled out; -0 and -family link (links only),
# -4 / -family inet (no link/ether line), -family bad and missing; -d on
# routes (type unicast, proto boot, scope global, "table main" in route get).
#
# Lab script: `tuxnet lab tests/net/ip-oneline.sh`; Linux's output is
# ip-oneline.linux.out.
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

netns a
ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip -n a link set v0 up
ip -n a link set v1 up
ip -n a link set lo up
ip -n a link set v0 alias "to v1"
ip -n a addr add 10.0.1.1/24 dev v0
ip -n a addr add 10.0.1.5/24 dev v0 label v0:sec
ip -n a addr add 10.0.2.1 peer 10.0.2.2/32 dev v1
ip -n a route add 10.9.0.0/16 via 10.0.1.254
ip -n a neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev v0

echo "== -o =="
run ip -n a -o link
run ip -n a -oneline link show v0
run ip -n a -o -d link show v0
run ip -n a -o -s link show lo
run ip -n a -o -s -s link show v1
run ip -n a -o addr
run ip -n a -o addr show dev v0
run ip -n a -o -4 addr show v1
run ip -n a -o -s addr show lo
run ip -n a -o route
run ip -n a -o route show table local
run ip -n a -o route get 10.9.1.1
run ip -n a -o route get 10.0.1.5
run ip -n a -o neigh
run ip -n a -o -br addr
run ip -n a -o -br link

echo "== families =="
run ip -n a -0 addr show v0
run ip -n a -family link addr show v0
run ip -n a -f inet addr show v0
run ip -n a -4 link show v0
run ip -n a -0 route
run ip -n a -f inet route
run ip -n a -family bad addr
run ip -n a -family
run ip -n a -4 -0 addr show lo

echo "== -d on routes =="
run ip -n a -d route
run ip -n a -d route show table local type broadcast
run ip -n a -d route get 10.9.1.1
run ip -n a -d route get 10.0.1.5
run ip -n a -j -d route show 10.9.0.0/16
run ip -n a route show type local table local
run ip -n a -o -d route get 10.0.1.1
