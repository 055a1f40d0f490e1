#!/bin/bash
# ip-neigh-proxy: proxy entries and `ip neigh get`.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#
# h1 reaches 10.0.2.0/24 on its own link (no gateway): r answers ARP for
# 10.0.2.2 only with a proxy entry for it on eth1 and forwarding on.
# Covers: `ip neigh add|del proxy ADDR dev DEV`, `ip neigh show proxy`
# (with dev), a proxy entry without a device, duplicates, deleting what is
# not there; `ip neigh get ADDR dev DEV` for a learnt entry, a proxy entry,
# missing ones and errors.
#
# Lab script: `tuxnet lab tests/net/ip-neigh-proxy.sh`; Linux's output is
# ip-neigh-proxy.linux.out.
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

# netns NAME...: new namespaces, IPv4 only.
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

echo "== build h1 -- r -- h2 =="
netns h1 r h2
veth h1 eth0 r eth1
veth r eth2 h2 eth0
for ns in h1 r h2; do ip -n $ns link set lo up; done
ip -n h1 link set eth0 address 02:00:00:00:01:02
ip -n r link set eth1 address 02:00:00:00:01:01
ip -n r link set eth2 address 02:00:00:00:02:01
ip -n h2 link set eth0 address 02:00:00:00:02:02
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth1
ip -n r addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h2 link set eth0 up
ip -n h1 route add 10.0.2.0/24 dev eth0
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1

echo "== proxy entries =="
sorted ip -n r neigh show proxy
run ip netns exec h1 ping -c 1 -W 1 10.0.2.2
ip -n h1 neigh flush dev eth0
run ip -n r neigh add proxy 10.0.2.2 dev eth1
run ip -n r neigh add proxy 10.0.2.2 dev eth1
run ip -n r neigh add proxy 10.0.2.9 dev eth2
sorted ip -n r neigh show proxy
run ip -n r neigh show proxy dev eth1
run ip -n r neigh show
run ip netns exec h1 ping -c 1 10.0.2.2
run ip -n h1 neigh show 10.0.2.2
run ip -n r neigh get proxy 10.0.2.2 dev eth1
run ip -n r neigh get proxy 10.0.2.3 dev eth1
run ip -n r neigh get proxy 10.0.2.2 dev eth2
run ip -n r neigh del proxy 10.0.2.2 dev eth1
run ip -n r neigh del proxy 10.0.2.2 dev eth1
run ip -n r neigh del proxy 10.0.2.9 dev eth2
sorted ip -n r neigh show proxy
ip -n h1 neigh flush dev eth0
run ip netns exec h1 ping -c 1 -W 1 10.0.2.2
run ip -n r neigh add proxy 10.0.2.2 dev nope
run ip -n r neigh add proxy 10.0.2.2
run ip -n r neigh del proxy 10.0.2.2

echo "== ip neigh get =="
ip netns exec r ping -c 1 10.0.2.2 > /dev/null
run ip -n r neigh get 10.0.2.2 dev eth2
run ip -n r neigh get 10.0.2.3 dev eth2
run ip -n r neigh get 10.0.2.2 dev eth1
run ip -n r neigh get 10.0.2.2
run ip -n r neigh get dev eth2
run ip -n r neigh get 10.0.2.2 dev nope
run ip -n r neigh get 10.0.2.2 dev eth2 extra
run ip -n r neigh get 10.0.2.2 10.0.2.3 dev eth2

echo "== flush, device down =="
run ip -n r neigh add proxy 10.0.2.5 dev eth1
run ip -n r neigh add proxy 10.0.2.6
run ip -n r neigh add proxy 10.0.2.7 dev eth2
run ip -n r neigh add proxy 10.0.2.8 dev eth2 nud noarp
run ip -n r neigh flush proxy dev eth1
sorted ip -n r neigh show proxy
# carrier loss keeps the permanent ones, down removes them all
ip -n h2 link set eth0 down
sorted ip -n r neigh show proxy
ip -n r link set eth2 down
sorted ip -n r neigh show proxy
run ip -n r neigh flush proxy
sorted ip -n r neigh show proxy
