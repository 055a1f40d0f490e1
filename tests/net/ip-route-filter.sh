#!/bin/bash
# ip-route-filter: the `via` and `src` selectors of `ip route show|flush`.
#
# Covers: a gateway or preferred source given as one address (left out of
# the listing, as iproute2 does) or as a prefix, "via inet ADDR", routes
# without a gateway (0.0.0.0, so "via 0/0" takes all), -j, the local table,
# a bad prefix, a missing value, and flush by gateway.
#
# Lab script: `tuxnet lab tests/net/ip-route-filter.sh`; Linux's output is
# ip-route-filter.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }
ip netns add a
ip netns exec a sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip -n a link set v0 up; ip -n a link set v1 up; ip -n a link set lo up
ip -n a addr add 10.0.1.1/24 dev v0
ip -n a addr add 10.0.2.1/24 dev v1
ip -n a route add 10.9.0.0/16 via 10.0.1.254
ip -n a route add 10.8.0.0/16 via 10.0.2.254 src 10.0.2.1
ip -n a route add 10.7.0.0/16 dev v0 src 10.0.1.1
run ip -n a route show via 10.0.1.254
run ip -n a route show via 10.0.0.0/8
run ip -n a route show via inet 10.0.2.254
run ip -n a route show src 10.0.1.1
run ip -n a route show src 10.0.0.0/16
run ip -n a -j route show src 10.0.2.1
run ip -n a route show table all src 127.0.0.1
run ip -n a route show via 0/0
run ip -n a route show via x
run ip -n a route show src
run ip -n a route flush via 10.0.2.254
run ip -n a route
