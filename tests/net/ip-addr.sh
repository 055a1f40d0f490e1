#!/bin/bash
# ip-addr: `ip address` and the routes addresses bring with them.
#
#   a eth0 -- eth0 b   (b's end is up, so a's eth0 has carrier once it is up)
#
# Covers: add on a device that is down (only local routes appear) and up
# (prefix and broadcast routes); primary and secondary addresses, /32, /31,
# peer, brd, brd +, scope link (listed before global ones), label,
# noprefixroute; show with -4, -br, -o, dev, up, primary, secondary, scope,
# to, label; del (a primary takes its secondaries along, unless
# promote_secondaries is set), del without a prefix length (a warning);
# flush; the errors and exit codes.
#
# Lab script: `tuxnet lab tests/net/ip-addr.sh`; Linux's output is
# ip-addr.linux.out.
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

netns a b
veth a eth0 b eth0
ip -n a link set lo up
ip -n b link set eth0 up

echo "== add while the device is down =="
run ip -n a addr add 10.0.1.1/24 dev eth0
run ip -n a addr add 10.0.1.1/24 dev eth0
run ip -n a addr add 10.0.1.5/24 dev eth0
run ip -n a addr add 10.0.2.1/16 dev eth0
run ip -n a addr add 10.0.3.1/32 dev eth0
run ip -n a addr add 10.0.4.1/31 dev eth0
run ip -n a addr add 10.0.5.1 peer 10.0.5.2 dev eth0
run ip -n a addr add 10.0.6.1/24 brd 10.0.6.200 dev eth0
run ip -n a addr add 10.0.7.1/24 brd + dev eth0 label eth0:7
run ip -n a addr add 10.0.8.1/24 dev eth0 scope link
run ip -n a addr add 10.0.9.1/24 dev eth0 noprefixroute
run ip -n a addr
run ip -n a route show table all

echo "== errors =="
run ip -n a addr add 10.0.1.1/24 dev nope
run ip -n a addr add 10.0.1.300/24 dev eth0
run ip -n a addr add 10.0.1.1/33 dev eth0
run ip -n a addr add 10.0.1.9/24
run ip -n a addr add dev eth0
run ip -n a addr show dev nope
run ip -n a addr foo

echo "== up: prefix and broadcast routes =="
run ip -n a link set eth0 up
run ip -n a route show table main
run ip -n a route show table local

echo "== show =="
run ip -n a -4 addr
run ip -n a -br addr
run ip -n a -4 -br addr show dev eth0
run ip -n a -o addr show dev eth0
run ip -n a addr show eth0
run ip -n a addr show up
run ip -n a addr show dev eth0 primary
run ip -n a addr show dev eth0 secondary
run ip -n a addr show scope link
run ip -n a addr show to 10.0.1.0/24
run ip -n a addr show label eth0:7

echo "== del =="
run ip -n a addr del 10.0.1.5/24 dev eth0
run ip -n a addr del 10.0.1.5/24 dev eth0
run ip -n a addr del 10.0.1.9/24
run ip -n a addr add 10.0.1.6/24 dev eth0
run ip -n a addr add 10.0.1.7/24 dev eth0
run ip -n a addr del 10.0.1.1/24 dev eth0
run ip -n a -br addr show dev eth0
run ip -n a route show 10.0.1.0/24
run ip netns exec a sysctl -w net.ipv4.conf.eth0.promote_secondaries=1
run ip -n a addr add 10.0.1.1/24 dev eth0
run ip -n a addr add 10.0.1.6/24 dev eth0
run ip -n a addr add 10.0.1.7/24 dev eth0
run ip -n a addr del 10.0.1.1/24 dev eth0
run ip -n a addr show dev eth0 to 10.0.1.0/24
run ip -n a route show 10.0.1.0/24
run ip -n a addr del 10.0.3.1 dev eth0
run ip -n a -br addr show dev eth0

echo "== flush =="
run ip -n a addr flush dev eth0 scope link
run ip -n a -br addr show dev eth0
run ip -n a addr flush
run ip -n a addr flush dev nope
run ip -n a addr flush dev eth0
run ip -n a addr show dev eth0
run ip -n a route show table all
