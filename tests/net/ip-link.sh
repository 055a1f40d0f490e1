#!/bin/bash
# ip-link: `ip link` on veth pairs and lo.
#
# Covers: add (named pair, unnamed pair: veth0/veth1, peer in another
# namespace), show (all, one, up, -br, -o, -s), set up/down and how a veth's
# carrier follows its peer (NO-CARRIER, M-DOWN, LOWERLAYERDOWN), qdisc noop
# until the first up, mtu (limits), name, address, netns (addresses are lost,
# the device comes down), del (the peer goes too), and the errors: existing
# name, name too long, no type, unknown type, missing device, garbage, bad
# values, deleting lo; with their exit codes (1: ip's own, 2: the kernel's,
# 255: syntax).
#
# Lab script: `tuxnet lab tests/net/ip-link.sh`; Linux's output is
# ip-link.linux.out.
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

echo "== add =="
run ip -n a link
run ip -n a link add v0 type veth peer name v1
run ip -n a link
run ip -n a link add type veth
run ip -n a -br link
run ip -n a link add v0 type veth peer name v2
run ip -n a link add v3 type veth peer name v3
run ip -n a link add abcdefghijklmno type veth peer name x0
run ip -n a link add abcdefghijklmnop type veth
run ip -n a link add
run ip -n a link add foo
run ip -n a link add foo type nosuchtype
run ip -n a -br link

echo "== show =="
run ip -n a link show v0
run ip -n a link show dev v1
run ip -n a link show nope
run ip -n a link show up
run ip -n a -o link show v0
run ip -n a -s link show v0
run ip -n a link show dev v0 extra

echo "== up and down: a veth has carrier when both ends are up =="
run ip -n a link set v0 up
run ip -n a link show v0
run ip -n a link show v1
run ip -n a link set dev v1 up
run ip -n a link show v0
run ip -n a link show v1
run ip -n a link show up
run ip -n a link set v1 down
run ip -n a link show v0
run ip -n a link show v1
run ip -n a link set v0 down
run ip -n a -br link

echo "== lo =="
run ip -n a link set lo up
run ip -n a link show lo
run ip -n a link set lo down
run ip -n a link show lo
run ip -n a link del lo
run ip -n a link set lo up

echo "== mtu =="
run ip -n a link set v0 mtu 9000
run ip -n a link show v0
run ip -n a link set v0 mtu 68
run ip -n a link set v0 mtu 67
run ip -n a link set v0 mtu 70000
run ip -n a link set v0 mtu abc
run ip -n a link set v0 mtu 1500
run ip -n a link show v0

echo "== name and address =="
run ip -n a link set v0 name w0
run ip -n a link show w0
run ip -n a link show v1
run ip -n a link set w0 name v1
run ip -n a link set w0 name w0
run ip -n a link set w0 address 02:00:00:00:00:01
run ip -n a link show w0
run ip -n a link set w0 address ff:ff:ff:ff:ff:ff
run ip -n a link set w0 address 01:00:00:00:00:01
run ip -n a link set w0 address 02:00:00:00:00:01:02
run ip -n a link set w0 name v0

echo "== netns: a moved device comes down and loses its addresses =="
run ip -n a addr add 10.0.1.1/24 dev v0
run ip -n a link set v0 up
run ip -n a link set v0 netns b
run ip -n b link
run ip -n b addr
run ip -n a link show v1
run ip -n a link set v1 netns nope
run ip -n b link set v0 netns a
run ip -n a link show v0

echo "== a pair across namespaces =="
run ip -n a link add c0 type veth peer name c1 netns b
run ip -n a link show c0
run ip -n b link show c1
run ip -n b link set c1 up
run ip -n a link set c0 up
run ip -n a -br link show c0
run ip -n b -br link show c1

echo "== delete =="
run ip -n a link del veth1
run ip -n a link delete dev v1
run ip -n a link del v0
run ip -n a link del c0
run ip -n a link
run ip -n b link

echo "== other errors =="
run ip -n a link set nope up
run ip -n a link set v0 foo
run ip -n a link set
run ip -n a link del
run ip -n a link foo
run ip -n a foo

echo "== hostile numbers =="
run ip -n a link add h0 type veth peer name h1
for v in -1 0 67 68 65535 65536 2147483647 4294967296 0x5dc; do
	run ip -n a link set h0 mtu "$v"
done
for v in -1 0 4294967296 5; do
	run ip -n a link set h0 txqueuelen "$v"
done
for v in 5 4294967296 4294967295; do
	run ip -n a link set h0 group "$v"
done
run ip -n a link show h0
run ip -n a link set h0 netns 999999999
run ip -n a link del h0
