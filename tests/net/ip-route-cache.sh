#!/bin/bash
# ip-route-cache: `ip route show cache` and `ip route flush cache`.
#
# Covers: an empty cache (no output, exit 0; `list`, `cloned`, `-4`); a PMTU
# learned from ICMP "fragmentation needed" (RFC 1191) on h1 -- r -- h2 with
# an MTU 1400 hop, listed as the cached route with `cache expires ... mtu
# 1400`, with a prefix and `-d`, matching `ip route get`; the cache not in
# the plain listing; `ip route flush cache` forgetting it (a big ping fails
# again); a second destination cached after a second frag needed; a frag
# needed about a flow no socket owns any more (a ping and a UDP datagram held
# in the ARP queue until their sender is gone) teaching nothing: no exception,
# not even in `ip route get`.
#
# Lab script: `tuxnet lab tests/net/ip-route-cache.sh`; Linux's output is
# ip-route-cache.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

echo "== build h1 -- r -- h2, MTU 1400 on r -- h2 =="
ip netns add h1
ip netns add r
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth1 netns r
ip link add eth2 netns r type veth peer name eth0 netns h2
for n in h1 r h2; do ip -n $n link set lo up; done
ip -n h1 link set eth0 up
ip -n r link set eth1 address 02:00:00:00:01:01
ip -n r link set eth1 up
ip -n r link set eth2 up mtu 1400
ip -n h2 link set eth0 up mtu 1400
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth1
ip -n r addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h2 addr add 10.0.2.3/24 dev eth0
ip -n h2 addr add 10.0.2.4/24 dev eth0
ip -n h2 addr add 10.0.2.5/24 dev eth0
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -q -w net.ipv4.ip_forward=1

echo "== empty =="
run ip -n h1 route show cache
run ip -n h1 route list cache
run ip -n h1 route show cloned
run ip -n h1 -4 route show cache

echo "== a PMTU learned =="
run ip netns exec h1 ping -c 1 -M do -s 1472 10.0.2.2
run ip netns exec h1 ping -c 1 -M do -s 1372 -q 10.0.2.2
run ip -n h1 route show cache
run ip -n h1 route show cache 10.0.2.2
run ip -n h1 route show cache 10.0.2.0/24
run ip -n h1 route show cache 10.0.3.0/24
run ip -n h1 -d route show cache
run ip -n h1 route get 10.0.2.2
run ip -n h1 route show

echo "== a second destination =="
run ip netns exec h1 ping -c 1 -M do -s 1472 10.0.2.3
run ip -n h1 route show cache

echo "== flush =="
run ip -n h1 route flush cache
run ip -n h1 route show cache
run ip netns exec h1 ping -c 1 -M do -s 1472 10.0.2.2
run ip -n h1 route show cache

echo "== no socket =="
# h1 reaches 10.0.2.4 and .5 through gateways nobody answers ARP for: what
# is sent there waits in the ARP queue until the neighbour is set by hand,
# when the sender has gone; r's frag needed then finds no socket.  They are
# sent from 10.0.1.3, as r limits its ICMP errors per destination.
run ip -n h1 addr add 10.0.1.3/24 dev eth0
run ip -n h1 route add 10.0.2.4/32 via 10.0.1.254
run ip -n h1 route add 10.0.2.5/32 via 10.0.1.253
run ip netns exec h1 ping -c 1 -W 1 -M do -s 1472 -I 10.0.1.3 10.0.2.4
run ip -n h1 neigh replace 10.0.1.254 lladdr 02:00:00:00:01:01 dev eth0
run ip -n h1 route show cache
run ip -n h1 route get 10.0.2.4
head -c 1472 /dev/zero | run ip netns exec h1 nc -u -q 0 -s 10.0.1.3 10.0.2.5 9
run ip -n h1 neigh replace 10.0.1.253 lladdr 02:00:00:00:01:01 dev eth0
run ip -n h1 route show cache
run ip -n h1 route get 10.0.2.5
run ip netns exec r nstat -a -s IcmpOutDestUnreachs
