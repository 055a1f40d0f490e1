#!/bin/bash
# loopback: lo in a new namespace, and traffic a namespace sends to itself.
#
# Covers: lo starts down with no address and no route (ping: connect fails);
# `ip link set lo up` adds 127.0.0.1/8 and the local-table routes; all of
# 127/8 answers; the loopback broadcast needs -b and is not answered
# (icmp_echo_ignore_broadcasts); an address on a device that is down still
# answers, through lo; lo down again: addresses and local routes stay, the
# loopback broadcast route goes, pings go unanswered; lo's counters; deleting
# the primary 127.0.0.1/8 takes the secondary 127.0.0.2/8 with it.
#
# Lab script: `tuxnet lab tests/net/loopback.sh`; Linux's output is
# loopback.linux.out.
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

echo "== a new namespace: lo is down =="
netns a
run ip -n a link
run ip -n a addr
run ip -n a route show table all
run ip netns exec a ping -c 1 127.0.0.1

echo "== lo up =="
run ip -n a link set lo up
run ip -n a link
run ip -n a addr
run ip -n a -br addr
run ip -n a route
run ip -n a route show table local
run ip -n a route get 127.0.0.1
run ip netns exec a ping -c 2 -i 0.2 127.0.0.1
run ip netns exec a ping -c 1 127.1.2.3
run ip netns exec a ping -c 1 -W 1 127.255.255.255
run ip netns exec a ping -c 1 -W 1 -b 127.255.255.255

echo "== own address on a device that is down =="
ip -n a link add eth0 type veth peer name eth1
run ip -n a addr add 10.0.1.1/24 dev eth0
run ip -n a route show table all
run ip -n a route get 10.0.1.1
run ip netns exec a ping -c 1 10.0.1.1
run ip netns exec a ping -c 1 10.0.1.2
run ip -n a -s link show lo

echo "== lo down again =="
run ip -n a link set lo down
run ip -n a addr show lo
run ip -n a route show table local
run ip netns exec a ping -c 1 -W 1 127.0.0.1
run ip netns exec a ping -c 1 -W 1 10.0.1.1
run ip -n a link set lo up
run ip -n a route show table local
run ip netns exec a ping -c 1 10.0.1.1

echo "== a second loopback address, and the primary deleted =="
run ip -n a addr add 127.0.0.2/8 dev lo
run ip -n a addr show lo
run ip -n a addr del 127.0.0.1/8 dev lo
run ip -n a addr show lo
run ip -n a route show table local
run ip netns exec a ping -c 1 127.0.0.1
