#!/bin/bash
# frag: fragmentation and path MTU, h1 -- r -- h2 with an MTU 1400 link after r.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#            mtu 1500                                  mtu 1400
#
# Covers: pings bigger than both MTUs, both ways (fragmented by the sender,
# fragmented again by the router, reassembled by the receiver); `ping -M do`
# (DF set): the router's ICMP "fragmentation needed" with the next-hop MTU,
# the PMTU the sender then caches (`ip route get` shows it), local "message too
# long" errors after that and on the sender's own link; `-M dont` and
# `-M want`; exact fits (-s 1372 is a 1400-byte packet).
#
# Lab script: `tuxnet lab tests/net/frag.sh`; Linux's output is frag.linux.out.
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

echo "== build h1 -- r -- h2, the r -- h2 link with MTU 1400 =="
netns h1 r h2
veth h1 eth0 r eth1
veth r eth2 h2 eth0
ip -n r link set eth2 mtu 1400
ip -n h2 link set eth0 mtu 1400
for ns in h1 r h2; do ip -n $ns link set lo up; done
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth1
ip -n r addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
run ip -n r -br link
run ip -n h2 link show eth0
run ip -n h1 route get 10.0.2.2

echo "== 2000 bytes of data, both ways =="
run ip netns exec h1 ping -c 2 -i 0.2 -s 2000 10.0.2.2
run ip netns exec h2 ping -c 2 -i 0.2 -s 2000 10.0.1.2
run ip netns exec h1 ping -c 1 -s 4000 10.0.2.2
run ip -n h1 route get 10.0.2.2

echo "== exact fit: 1372 + 8 + 20 = 1400 =="
run ip netns exec h1 ping -c 1 -M do -s 1372 10.0.2.2

echo "== DF and too big for the router's next hop =="
run ip netns exec h1 ping -c 3 -i 0.2 -M do -s 1400 10.0.2.2
run ip -n h1 route get 10.0.2.2
run ip netns exec h1 ping -c 1 -M do -s 1372 10.0.2.2
run ip netns exec h1 ping -c 1 -M do -s 1373 10.0.2.2

echo "== without DF the router fragments; -M want fragments at the sender =="
run ip netns exec h1 ping -c 1 -M dont -s 1400 10.0.2.2
run ip netns exec h1 ping -c 1 -M want -s 1400 10.0.2.2

echo "== DF and too big for the sender's own link =="
run ip netns exec h2 ping -c 1 -M do -s 1400 10.0.1.2
run ip netns exec h1 ping -c 1 -M do -s 1472 10.0.1.1
run ip netns exec h1 ping -c 1 -M do -s 1473 10.0.1.1
