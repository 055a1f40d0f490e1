#!/bin/bash
# ip-filters: iproute2 6.1's address filters and brief neighbour table.
# `ip addr show label PATTERN` prints no link line (nor -br's link
# columns, nor -j's link fields), only the addresses the pattern keeps;
# -j leaves "{}" for each of a listed link's addresses a filter (label,
# scope, prefix, flags) drops; links without addresses stay listed.
# `ip -br neigh` (destination, device unless filtered, link address, in
# columns; -s and states not shown); `ip route get ... oif DEV` with no
# route through DEV (no "table unspec").  Neighbour listings are sorted:
# Linux's order follows its hash.
#
# Lab script: `tuxnet lab tests/net/ip-filters.sh`; Linux's output is
# ip-filters.linux.out.
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip addr add 127.0.0.5/8 scope global dev lo
ip link add va address 02:00:00:00:00:01 type veth peer name vb address 02:00:00:00:00:02
ip addr add 10.1.0.1/24 dev va
ip addr add 10.1.0.3/24 dev va label va:1
ip addr add 10.1.0.2/24 dev vb

echo "== down"
run ip -j addr show scope host
run ip -j addr show to 10.1.0.3
run ip -j addr show secondary
run ip -br addr show to 10.1.0.3
run ip addr show dev va to 10.1.0.1

echo "== label"
ip link set va up
ip link set vb up
for a in "label va" "label v*" "label va:1" "dev va label va:1" \
	"label nomatch" "up label va"; do
	run ip addr show $a
	run ip -br addr show $a
	run ip -j addr show $a
	run ip -o addr show $a
done
run ip -4 addr show label va
run ip -j -br addr show label 'va*'
run ip -br -c=always addr show label 'va*'

echo "== -br neigh"
ip neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev va
ip neigh add 10.1.0.8 dev va nud failed
ip neigh add 10.1.0.10 lladdr 02:00:00:00:00:0a dev vb nud stale
ip -br neigh | sort
ip -br neigh show dev va | sort
ip -br neigh show 10.1.0.7
ip -br -j neigh show 10.1.0.7
ip -br -j neigh show dev vb
ip -br -s neigh show 10.1.0.10
ip -br -c=always neigh show 10.1.0.7
ip -br neigh show nud failed

echo "== route get oif"
ip route add 10.9.0.0/16 via 10.1.0.2 dev va
run ip route get 10.9.1.1 oif vb
run ip -d route get 10.9.1.1 oif vb
run ip -j route get 10.9.1.1 oif vb
run ip route get 10.9.1.1
