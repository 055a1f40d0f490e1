#!/bin/bash
# ip-link-set: `ip link set` with alias, promisc, allmulticast, multicast,
# arp, dynamic, trailers, carrier, group and txqueuelen, and how each shows.
#
# Covers: the flags in `ip link` (PROMISC, ALLMULTI, NOARP, DYNAMIC,
# NOTRAILERS, MULTICAST gone) and `ip -d link` (promiscuity/allmulti
# counts), the alias line (set, show, -j, -o, removed with ""), group by
# number and "default", `ip link show group N`, `ip link set|delete group
# N` for every device of a group, txqueuelen in qlen, the show filters
# (type, master, nomaster, vrf), and the errors: bad on/off words, an alias
# too long, carrier on a veth; an arp off device neither resolves nor
# answers ARP (ping fails, its neighbour table stays empty).
#
# Lab script: `tuxnet lab tests/net/ip-link-set.sh`; Linux's output is
# ip-link-set.linux.out.
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

# veth A NSA B NSB: a veth pair made here and moved, A into NSA, B into NSB.
veth() {
	ip link add tmpa type veth peer name tmpb
	ip link set tmpa netns "$2" name "$1"
	ip link set tmpb netns "$4" name "$3"
}

netns a b
veth eth0 a eth0 b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02

echo "== flags =="
run ip -n a link set eth0 promisc on
run ip -n a link show eth0
run ip -n a -d link show eth0
run ip -n a link set eth0 promisc on
run ip -n a -d link show eth0
run ip -n a link set eth0 promisc off
run ip -n a link set eth0 allmulticast on
run ip -n a link set eth0 multicast off
run ip -n a link set eth0 dynamic on
run ip -n a link set eth0 trailers off
run ip -n a link show eth0
run ip -n a -j -d link show eth0
run ip -n a link set eth0 allmulticast off multicast on dynamic off trailers on
run ip -n a link show eth0
run ip -n a link set eth0 promisc yes
run ip -n a link set eth0 allmulticast 1
run ip -n a link set eth0 multicast
run ip -n a link set eth0 arp maybe
run ip -n a link set eth0 dynamic x
run ip -n a link set eth0 trailers x
run ip -n a link set eth0 carrier on
run ip -n a link set eth0 carrier x

echo "== alias =="
run ip -n a link set eth0 alias "uplink to b"
run ip -n a link show eth0
run ip -n a -o link show eth0
run ip -n a -j -p link show eth0
run ip -n a -br link show eth0
run ip -n a addr show eth0
run ip -n a -d addr show eth0
run ip -n a link set eth0 alias 'a "quoted" \ name'
run ip -n a -j link show eth0
run ip -n a link set eth0 alias "$(printf 'x%.0s' $(seq 256))"
run ip -n a link set eth0 alias "$(printf 'x%.0s' $(seq 255))"
run ip -n a link show eth0
run ip -n a link set eth0 alias ""
run ip -n a link show eth0

echo "== group =="
run ip -n a link set eth0 group 5
run ip -n a link set lo group 5
run ip -n a link show group 5
run ip -n a link show group 6
run ip -n a -j link show group 6
run ip -n a -br link show group default
run ip -n a link set group 5 mtu 1400
run ip -n a link show
run ip -n a link set group 7 up
run ip -n a link set eth0 group default
run ip -n a link set lo group 0
run ip -n a link show group foo
run ip -n a link set eth0 mtu 1500

echo "== show filters: type, master, nomaster, vrf =="
run ip -n a -br link show type foo
run ip -n a -br link show type veth
run ip -n a -j link show type veth_slave
run ip -n a -br link show type bridge_slave
run ip -n a -j -br link show type foo
run ip -n a -br link show vrf eth0
run ip -n a -br link show vrf
run ip -n a -br link show master eth0 up
run ip -n a -br link show master nope
run ip -n a -br addr show nomaster
run ip -n a -br link show type veth dev eth0
run ip -n a -br addr show type veth
run ip -n a -j addr show master eth0

echo "== txqueuelen =="
run ip -n a link set eth0 txqueuelen 5
run ip -n a link show eth0
run ip -n a link set eth0 qlen 0
run ip -n a link show eth0
run ip -n a link set eth0 txqlen 1000
run ip -n a link set eth0 txqueuelen x

echo "== arp off: no resolution, no answer =="
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
run ip -n a link set eth0 arp off
run ip -n a link show eth0
run ip -n a route show table local
run ip netns exec a ping -c 1 -W 1 10.0.1.2
run ip -n a neigh show
run ip -n b neigh show
run ip -n a link set eth0 arp on
run ip netns exec a ping -c 1 -W 1 10.0.1.2
run ip -n a neigh show
run ip -n b link set eth0 arp off
run ip -n b neigh flush dev eth0
run ip -n a neigh flush dev eth0
run ip netns exec a ping -c 1 -W 1 10.0.1.2
run ip -n b link show eth0

echo "== delete by group =="
netns c
ip -n c link add v0 type veth peer name v1
ip -n c link add w0 type veth peer name w1
ip -n c link add x0 type veth peer name x1
ip -n c link set v0 group 5
ip -n c link set w1 group 5
ip -n c link set x0 group 6
ip -n c link set lo group 6
run ip -n c link delete group 7
run ip -n c link delete group 0
run ip -n c link delete group default
run ip -n c link delete group 6
run ip -n c -br link
run ip -n c link delete group 5
run ip -n c -br link
run ip -n c link delete group x
