#!/bin/bash
# ip-link-details: what `ip -d link` and `ip -s -s link` print for lo and a
# veth pair, and renaming.
#
# Covers: the detail attributes of a device (promiscuity, min/max mtu, veth
# kind, addrgenmode, queues, GSO/GRO/TSO limits), the extended counters of
# `-s -s` after traffic (lo and a veth pair), carrier changes counted when the
# peer goes down and up (`carrier_changes`, `-s -s` "TX errors" block),
# a veth pair across namespaces (link-netns, counters after traffic), renaming
# a device that is up (allowed since Linux 6.x), renaming to a name in
# use (EEXIST) and to invalid names.
#
# Lab script: `tuxnet lab tests/net/ip-link-details.sh`; Linux's output is
# ip-link-details.linux.out.
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

echo "== lo details =="
run ip -n a -d link show lo
run ip -n a link set lo up
run ip -n a -d link show lo
run ip -n a -s -s link show lo

echo "== veth details =="
run ip -n a link add v0 type veth peer name v1
run ip -n a -d link show v0
run ip -n a link set v0 address 02:00:00:00:00:01
run ip -n a link set v1 address 02:00:00:00:00:02
run ip -n a link set v0 up
run ip -n a link set v1 up
run ip -n a -d link show v1
run ip -n a addr add 10.0.1.1/24 dev v0
run ip -n a addr add 10.0.1.2/24 dev v1

echo "== traffic =="
run ip netns exec a ping -c 2 -i 0.2 -q 127.0.0.1
run ip -n a -s -s link show lo
run ip -n a -s link show lo

echo "== carrier changes: the peer goes down and up =="
run ip -n a link set v1 down
run ip -n a link set v1 up
run ip -n a -s -s link show v0
run ip -n a -d link show v0

echo "== a pair across namespaces: counters after traffic =="
ip -n a link add c0 type veth peer name c1 netns b
ip -n a link set c0 address 02:00:00:00:01:01
ip -n b link set c1 address 02:00:00:00:01:02
ip -n a addr add 10.0.2.1/24 dev c0
ip -n b addr add 10.0.2.2/24 dev c1
ip -n a link set c0 up
ip -n b link set c1 up
run ip netns exec a ping -c 3 -i 0.2 -q 10.0.2.2
run ip -n a -s -s link show c0
run ip -n b -s link show c1
run ip -n a -d link show c0
run ip -n b -d -o link show c1
run ip -n a link set c0 down
run ip -n b -s -s link show c1

echo "== rename =="
run ip -n a link set v0 name w0
run ip -n a -br link show w0
run ip -n a link set w0 name v1
run ip -n a link set w0 name lo
run ip -n a link set w0 name "a b"
run ip -n a link set w0 name "a/b"
run ip -n a link set w0 name ..
run ip -n a link set w0 name .
run ip -n a link set w0 name "a:b"
run ip -n a link set w0 name 'x%d'
run ip -n a -br link
run ip -n a link set lo name lo0
run ip -n a -br link show lo0
run ip -n a link set lo0 name lo
run ip -n a -br link
