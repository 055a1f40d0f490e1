#!/bin/bash
# ip-neigh: `ip neigh`, the ARP table.
#
#   a eth0 10.0.1.1/24 -- 10.0.1.2/24 eth0 b
#
# Covers: add (permanent by default, nud reachable, stale, noarp; an address
# off every subnet), show (one address, dev, nud, -4), change, replace, del,
# flush (leaves permanent entries unless asked), entries learnt by ARP (the
# asker: REACHABLE; the one asked: STALE from the request, DELAY once it sends
# to the asker), a wrong permanent entry breaking traffic, what link down does;
# errors and exit codes.
# Linux lists a table in hash order, which changes from run to run: listings of
# more than one entry are piped through sort.
#
# Lab script: `tuxnet lab tests/net/ip-neigh.sh`; Linux's output is
# ip-neigh.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# sorted CMD...: as run, with the command's output sorted.
sorted() {
	echo "\$ $* | sort"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	if [ -n "$out" ]; then printf '%s\n' "$out" | sort; fi
	echo "exit $rc"
}

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
ip -n b link set lo up
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

echo "== add =="
run ip -n a neigh
run ip -n a neigh add 10.0.1.5 lladdr 02:00:00:00:00:05 dev eth0
run ip -n a neigh add 10.0.1.5 lladdr 02:00:00:00:00:06 dev eth0
run ip -n a neigh add 10.0.1.6 lladdr 02:00:00:00:00:06 dev eth0 nud reachable
run ip -n a neigh add 10.0.1.7 lladdr 02:00:00:00:00:07 dev eth0 nud stale
run ip -n a neigh add 10.0.1.8 lladdr 02:00:00:00:00:08 dev eth0 nud noarp
run ip -n a neigh add 10.0.9.8 lladdr 02:00:00:00:00:98 dev eth0
run ip -n a neigh show 10.0.1.5
run ip -n a neigh show 10.0.1.6
run ip -n a neigh show 10.0.1.7
run ip -n a neigh show 10.0.1.8
run ip -n a neigh show dev eth0 10.0.9.8
sorted ip -n a neigh
sorted ip -n a neigh show nud all
sorted ip -n a neigh show nud permanent
sorted ip -n a -4 neigh show dev eth0

echo "== add: errors =="
run ip -n a neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev nope
run ip -n a neigh add 10.0.1.9 lladdr zz dev eth0
run ip -n a neigh add 10.0.1.9 lladdr 02:00:00:00:00:09
run ip -n a neigh add lladdr 02:00:00:00:00:09 dev eth0
run ip -n a neigh show dev nope
run ip -n a neigh foo

echo "== change, replace, del =="
run ip -n a neigh change 10.0.1.5 lladdr 02:00:00:00:00:55 dev eth0
run ip -n a neigh show 10.0.1.5
run ip -n a neigh replace 10.0.1.10 lladdr 02:00:00:00:00:10 dev eth0
run ip -n a neigh replace 10.0.1.6 lladdr 02:00:00:00:00:66 dev eth0 nud permanent
run ip -n a neigh change 10.0.1.11 lladdr 02:00:00:00:00:11 dev eth0
sorted ip -n a neigh show nud permanent
run ip -n a neigh del 10.0.1.5 dev eth0
run ip -n a neigh del 10.0.1.5 dev eth0
run ip -n a neigh del 10.0.1.10
sorted ip -n a neigh

echo "== flush =="
run ip -n a neigh flush dev eth0
sorted ip -n a neigh show nud all
run ip -n a neigh flush all
sorted ip -n a neigh show nud all
run ip -n a neigh flush dev eth0 nud permanent
sorted ip -n a neigh show nud all
run ip -n a neigh flush dev nope

echo "== learnt by ARP =="
run ip netns exec a ping -c 1 10.0.1.2
run ip -n a neigh
run ip -n b neigh
run ip netns exec b ping -c 1 10.0.1.1
run ip -n b neigh

echo "== a wrong permanent entry =="
run ip -n a neigh replace 10.0.1.2 lladdr 02:00:00:00:00:99 dev eth0
run ip -n a neigh
run ip netns exec a ping -c 1 -W 1 10.0.1.2
run ip -n a neigh del 10.0.1.2 dev eth0
run ip netns exec a ping -c 1 10.0.1.2
run ip -n a neigh

echo "== link down empties the device's table =="
run ip -n a neigh add 10.0.1.5 lladdr 02:00:00:00:00:05 dev eth0
sorted ip -n a neigh
run ip -n a link set eth0 down
run ip -n a neigh show nud all
run ip -n a link set eth0 up
run ip -n a neigh show nud all
