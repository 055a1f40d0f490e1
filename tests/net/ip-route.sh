#!/bin/bash
# ip-route: `ip route`.
#
#   a eth0 10.0.1.1/24, 10.0.2.1/24 -- eth0 b      a eth1 (down) -- eth1 b
#
# Covers: add (via, dev, src, metric, onlink, default, table), the order of
# `ip route` (by prefix, then metric), show (prefix, dev, match, proto, scope,
# table local/all), get (via, src, from, local, broadcast, no route), del
# (exact, first match, missing), replace, change, append, flush, what happens
# to routes when their device goes down and up again; errors and exit codes:
# duplicate route, gateway not on a link, bad prefix, prefix with host bits,
# invalid src, missing device, device down.
#
# Lab script: `tuxnet lab tests/net/ip-route.sh`; Linux's output is
# ip-route.linux.out.
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
veth a eth1 b eth1
ip -n a link set lo up
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n a addr add 10.0.2.1/24 dev eth0
ip -n a addr add 10.0.3.1/24 dev eth1
ip -n a link set eth0 up
ip -n b link set eth0 up

echo "== add =="
run ip -n a route
run ip -n a route add 10.1.0.0/16 via 10.0.1.2
run ip -n a route add 10.1.0.0/16 via 10.0.1.3
run ip -n a route add 10.1.0.0/16 via 10.0.1.3 metric 100
run ip -n a route add 10.3.0.0/16 dev eth0
run ip -n a route add 10.4.0.0/16 dev eth0 src 10.0.2.1
run ip -n a route add 10.6.0.0/16 via 10.0.1.2 src 10.0.2.1 metric 50
run ip -n a route add 10.10.0.0/16 via 10.0.9.9 dev eth0 onlink
run ip -n a route add 10.11.0.0/16 via 10.0.1.4 dev eth0
run ip -n a route add 10.12.1.1 via 10.0.1.2
run ip -n a route add default via 10.0.1.254
run ip -n a route add default via 10.0.2.254 metric 10
run ip -n a route add 10.20.0.0/16 via 10.0.1.2 table 100
run ip -n a route

echo "== add: errors =="
run ip -n a route add 10.2.0.0/16 via 10.0.9.9
run ip -n a route add 10.2.0.0/16 via 10.0.1.9 dev nope
run ip -n a route add 10.2.0.0/16 dev eth1
run ip -n a route add 10.2.0.0/16 via 10.0.3.2
run ip -n a route add 10.5.0.0/16 dev eth0 src 10.0.9.9
run ip -n a route add 10.7.0.0/15 dev eth0
run ip -n a route add 10.7.1.0/16 dev eth0
run ip -n a route add 10.9.0.0/33 dev eth0
run ip -n a route add 10.0.1.0/24 dev eth0
run ip -n a route add 10.8.0.0/16
run ip -n a route add 10.10.0.0/16 via 10.0.9.9 onlink
run ip -n a route foo

echo "== show =="
run ip -n a route show 10.1.0.0/16
run ip -n a route show dev eth0
run ip -n a route show match 10.1.2.3
run ip -n a route show proto kernel
run ip -n a route show scope link
run ip -n a route show table 100
run ip -n a route show table local
run ip -n a route list table all
run ip -n a route show dev nope

echo "== get =="
run ip -n a route get 10.1.2.3
run ip -n a route get 10.6.2.3
run ip -n a route get 10.4.2.3
run ip -n a route get 10.12.1.1
run ip -n a route get 10.99.1.1
run ip -n a route get 10.1.2.3 from 10.0.2.1
run ip -n a route get 10.0.1.77
run ip -n a route get 10.0.1.1
run ip -n a route get 127.0.0.1
run ip -n a route get 10.0.1.255
run ip -n a route get 255.255.255.255
run ip -n a route get 300.1.1.1

echo "== del =="
run ip -n a route del 10.1.0.0/16 via 10.0.1.3 metric 100
run ip -n a route del 10.1.0.0/16
run ip -n a route del 10.1.0.0/16
run ip -n a route del 10.99.0.0/16
run ip -n a route del default
run ip -n a route show default
run ip -n a route del 10.20.0.0/16 table 100
run ip -n a route show table 100

echo "== replace, change, append =="
run ip -n a route replace 10.30.0.0/16 via 10.0.1.5
run ip -n a route replace 10.30.0.0/16 via 10.0.1.6
run ip -n a route change 10.30.0.0/16 via 10.0.1.7
run ip -n a route change 10.31.0.0/16 via 10.0.1.7
run ip -n a route append 10.30.0.0/16 via 10.0.1.8
run ip -n a route show 10.30.0.0/16
run ip -n a route prepend 10.30.0.0/16 via 10.0.1.9
run ip -n a route show 10.30.0.0/16
run ip -n a route del 10.30.0.0/16
run ip -n a route show 10.30.0.0/16

echo "== flush =="
run ip -n a route flush 10.30.0.0/16
run ip -n a route show 10.30.0.0/16
run ip -n a route flush
# `ip route add` makes routes of proto boot, which `ip route` does not print.
run ip -n a route flush proto static
run ip -n a route show proto boot
run ip -n a route flush proto boot
run ip -n a route

echo "== the device goes down and up again =="
run ip -n a route add 10.1.0.0/16 via 10.0.1.2
run ip -n a link set eth0 down
run ip -n a route
run ip -n a route show table local
run ip -n a link set eth0 up
run ip -n a route
run ip -n a route show table local
run ip -n a route flush dev eth0
run ip -n a route
run ip -n a route get 10.0.1.2

echo "== route metrics, hostile numbers =="
run ip -n a route add 10.2.0.0/16 dev eth0 mtu lock 70000 advmss 65535 hoplimit lock 255 window 4294967295
run ip -n a route add 10.3.0.0/16 dev eth0 mtu 0 hoplimit 0 initcwnd 0
run ip -n a route add 10.4.0.0/16 dev eth0 hoplimit 256
run ip -n a route add 10.4.0.0/16 dev eth0 metric 4294967295 table 4294967295
run ip -n a route show table all 10.2.0.0/16
run ip -n a route show table main
run ip -n a route show table 4294967295
run ip -n a route get 10.2.0.1
