#!/bin/bash
# ip-route-get-iif: `ip route get ... iif DEV`, the input route of a packet.
#
#   a eth0 10.0.1.1/24 (lo 10.0.3.1/24) -- eth0 b
#
# Covers: a packet for a local address, a broadcast, one arriving on lo,
# with a mark, from a local or missing source (martian), for 127/8, to be
# forwarded with ip_forward off and on (redirect, no route), the local
# table named once rules were changed, fibmatch.  A packet for us is
# routed to lo, whichever device its local route names.
#
# Lab script: `tuxnet lab tests/net/ip-route-get-iif.sh`; Linux's output
# is ip-route-get-iif.linux.out.
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
ip -n a link set lo up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n a addr add 10.0.3.1/24 dev lo
echo "== local =="
run ip -n a route get 10.0.1.1 from 10.0.1.2 iif eth0
run ip -n a route get 10.0.1.1 iif eth0
run ip -n a route get 10.0.3.1 from 10.0.1.2 iif eth0
run ip -n a route get 127.0.0.1 from 10.0.1.2 iif eth0
run ip -n a route get 10.0.1.255 from 10.0.1.2 iif eth0
run ip -n a route get 10.0.1.1 from 10.0.1.1 iif eth0
run ip -n a route get 10.9.9.9 from 10.0.1.2 iif eth0
run ip -n a route get 10.0.1.1 from 10.0.1.2 iif lo
run ip -n a route get 10.0.1.1 from 10.0.1.2 iif eth0 mark 3
echo "== forwarding =="
ip netns exec a sysctl -qw net.ipv4.ip_forward=1
run ip -n a route get 10.0.1.7 from 10.0.1.2 iif eth0
run ip -n a route get 10.9.9.9 from 10.0.1.2 iif eth0
echo "== rules =="
ip -n a rule add pref 5 table 9
run ip -n a route get 10.0.1.1 from 10.0.1.2 iif eth0
run ip -n a route get 10.0.1.7 from 10.0.1.2 iif eth0
run ip -n a route get fibmatch 10.0.1.1 from 10.0.1.2 iif eth0
