#!/bin/bash
# ip-route-metrics: route metrics (RTA_METRICS) stored, shown and used.
#
#   a eth0 10.0.1.1/24 -- eth0 r 10.0.1.2/24
#                              r eth1 10.0.2.1/24 (mtu 500) -- eth1 b 10.0.2.2/24
#
# Covers: ip route add with mtu [lock], advmss, window, rtt, rttvar,
# rto_min (units and raw), cwnd, ssthresh, initcwnd, initrwnd, hoplimit,
# reordering, quickack, features ecn, fastopen_no_cookie; how ip route
# shows them; the tool's and the kernel's errors; a route mtu making
# pings fragment (want) or fail locally (do); a locked route mtu leaving
# DF off; a learned PMTU below min_pmtu shown as "mtu lock 552" in
# ip route get; a hoplimit metric giving the TTL of pings.
#
# Lab script: `tuxnet lab tests/net/ip-route-metrics.sh`; Linux's output
# is ip-route-metrics.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only (see ip-route.sh).
netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

# veth NS1 DEV1 NS2 DEV2: a veth pair, DEV1 in NS1 to DEV2 in NS2.
veth() {
	ip link add tmp1 type veth peer name tmp2
	ip link set tmp1 netns "$1" name "$2"
	ip link set tmp2 netns "$3" name "$4"
}

netns a r b
veth a eth0 r eth0
veth r eth1 b eth1
for ns in a r b; do
	ip -n $ns link set lo up
done
ip -n a link set eth0 up
ip -n r link set eth0 up
ip -n r link set eth1 mtu 500
ip -n b link set eth1 mtu 500
ip -n r link set eth1 up
ip -n b link set eth1 up
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n r addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.2.1/24 dev eth1
ip -n b addr add 10.0.2.2/24 dev eth1
ip -n b route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1

echo "== add and show =="
run ip -n a route add 10.7.0.0/16 via 10.0.1.2 mtu lock 1300 rtt 2s rttvar 100ms quickack 1 features ecn cwnd 10 initrwnd 5 fastopen_no_cookie 1
run ip -n a route add 10.8.0.0/16 via 10.0.1.2 advmss 1200 window 65535 rtt 80 rttvar 60 rto_min 300ms ssthresh 7 initcwnd 3 hoplimit 9 reordering 4
run ip -n a route add 10.6.0.0/16 via 10.0.1.2 rtt 1.5s rttvar lock 2s rto_min lock 5 quickack 0 fastopen_no_cookie 0
run ip -n a route add 10.5.0.0/16 via 10.0.1.2 mtu 100000 advmss 100000 hoplimit 255
run ip -n a route
run ip -n a route get 10.7.1.1
run ip -n a route get 10.8.1.1
run ip -n a route change 10.8.0.0/16 via 10.0.1.2 mtu 1400
run ip -n a route show 10.8.0.0/16

echo "== errors =="
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 quickack 2
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 fastopen_no_cookie 3
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 rtt abc
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 rttvar 5h
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 rto_min -1
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 features sack
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 hoplimit 256
run ip -n a route add 10.4.0.0/16 via 10.0.1.2 mtu
run ip -n a route show 10.4.0.0/16

echo "== a route mtu is used =="
ip -n a route add 10.0.2.0/24 via 10.0.1.2 mtu 1000
run ip -n a route get 10.0.2.2
run ip netns exec a ping -c 1 -W 1 -M do -s 1200 10.0.2.2
run ip netns exec a ping -c 1 -W 1 -M do -s 972 10.0.2.2
ip -n a route change 10.0.2.0/24 via 10.0.1.2 mtu lock 1000
run ip -n a route get 10.0.2.2
run ip netns exec a ping -c 1 -W 1 -M want -s 1200 10.0.2.2
run ip netns exec a ping -c 1 -W 1 -M do -s 1200 10.0.2.2

echo "== a learned PMTU below min_pmtu =="
ip -n a route change 10.0.2.0/24 via 10.0.1.2
run ip netns exec a ping -c 1 -W 1 -M do -s 800 10.0.2.2
run ip -n a route get 10.0.2.2
run ip netns exec a ping -c 1 -W 1 -M do -s 800 10.0.2.2
run ip netns exec a ping -c 1 -W 1 -M want -s 800 10.0.2.2
run ip -n a route get 10.0.2.2

echo "== hoplimit is the TTL of what leaves by the route =="
ip -n a route add 10.0.2.2/32 via 10.0.1.2 hoplimit 1
run ip -n a route get 10.0.2.2
run ip netns exec a ping -c 1 -W 1 10.0.2.2
run ip netns exec a ping -c 1 -W 1 -t 5 10.0.2.2
