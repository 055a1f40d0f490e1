#!/bin/bash
# arp-sysctl: what ARP's sysctls do, seen from the neighbour tables.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#
# r answers a request and learns the asker (STALE, then DELAY once it sends
# to it), or ignores it and learns nothing; the source address h1 puts in a
# request is the entry r learns.  Covers: arp_ignore 0, 1, 2, 3, 8 and
# max(all, dev); arp_filter; arp_announce 0, 1, 2; arp_notify (a gratuitous
# request on an address change) with arp_accept 0, 1, 2; proxy_arp.
#
# Lab script: `tuxnet lab tests/net/arp-sysctl.sh`; Linux's output is
# arp-sysctl.linux.out.
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

# clean: forget every learnt neighbour on h1 and r.
clean() {
	ip -n h1 neigh flush dev eth0
	ip -n r neigh flush dev eth1
	ip -n r neigh flush dev eth2
}

# ask ADDR [PING-ARGS]: h1 pings ADDR once; r's table for eth1 is shown.
ask() {
	local to=$1
	shift
	clean
	run ip netns exec h1 ping -c 1 -W 1 "$@" "$to"
	sorted ip -n r neigh show dev eth1
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
ip -n h1 addr add 10.0.1.3/24 dev eth0
ip -n h1 addr add 10.0.9.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth1
ip -n r addr add 10.0.3.1/24 dev eth1
ip -n r addr add 10.0.4.1/24 scope host dev eth1
ip -n r addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h2 link set eth0 up
# h1 asks on its link for every address below
ip -n h1 route add 10.0.2.0/24 dev eth0
ip -n h1 route add 10.0.3.0/24 dev eth0
ip -n h1 route add 10.0.4.0/24 dev eth0
ip -n h2 route add default via 10.0.2.1

echo "== arp_ignore =="
run ip netns exec r sysctl net.ipv4.conf.all.arp_ignore net.ipv4.conf.eth1.arp_ignore
# 0: any local address, whatever device holds it
ask 10.0.1.1
ask 10.0.2.1
ask 10.0.3.1
ask 10.0.4.1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_ignore=1
# 1: only addresses on the incoming device
ask 10.0.1.1
ask 10.0.2.1
ask 10.0.3.1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_ignore=2
# 2: and only if the sender is in the target's subnet
ask 10.0.1.1
ask 10.0.3.1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_ignore=3
# 3: not for scope host addresses
ask 10.0.2.1
ask 10.0.4.1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_ignore=8
# 8: never
ask 10.0.1.1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_ignore=5
ask 10.0.1.1
# the larger of all and the device
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_ignore=0 net.ipv4.conf.all.arp_ignore=1
ask 10.0.1.1
ask 10.0.2.1
run ip netns exec r sysctl -w net.ipv4.conf.all.arp_ignore=0

echo "== arp_filter =="
# r's route back to h1 leaves by eth2: with arp_filter, eth1 does not answer
ip -n r route add 10.0.1.2/32 dev eth2
ask 10.0.1.1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_filter=1
ask 10.0.1.1
run ip netns exec r sysctl -w net.ipv4.conf.all.arp_filter=1 net.ipv4.conf.eth1.arp_filter=0
ask 10.0.1.1
ip -n r route del 10.0.1.2/32 dev eth2
ask 10.0.1.1
run ip netns exec r sysctl -w net.ipv4.conf.all.arp_filter=0

echo "== arp_announce: the source of h1's requests =="
ask 10.0.1.1 -I 10.0.1.3
ask 10.0.1.1 -I 10.0.9.2
run ip netns exec h1 sysctl -w net.ipv4.conf.eth0.arp_announce=1
ask 10.0.1.1 -I 10.0.1.3
ask 10.0.1.1 -I 10.0.9.2
run ip netns exec h1 sysctl -w net.ipv4.conf.eth0.arp_announce=2
ask 10.0.1.1 -I 10.0.1.3
ask 10.0.1.1 -I 10.0.9.2
run ip netns exec h1 sysctl -w net.ipv4.conf.eth0.arp_announce=0 net.ipv4.conf.all.arp_announce=2
ask 10.0.1.1 -I 10.0.1.3
run ip netns exec h1 sysctl -w net.ipv4.conf.all.arp_announce=0

echo "== arp_notify and arp_accept =="
clean
# no notify: a new hardware address is not announced
ip -n h1 link set eth0 address 02:00:00:00:01:12
run ip -n r neigh show dev eth1
run ip netns exec h1 sysctl -w net.ipv4.conf.eth0.arp_notify=1
# notify, but r accepts no new entry from it
ip -n h1 link set eth0 address 02:00:00:00:01:22
run ip -n r neigh show dev eth1
# r knows h1: its entry follows the announcement
run ip netns exec h1 ping -c 1 10.0.1.1
run ip -n r neigh show dev eth1
ip -n h1 link set eth0 address 02:00:00:00:01:32
run ip -n r neigh show dev eth1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_accept=1
clean
ip -n h1 link set eth0 address 02:00:00:00:01:42
sorted ip -n r neigh show dev eth1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_accept=2
clean
ip -n h1 link set eth0 address 02:00:00:00:01:52
sorted ip -n r neigh show dev eth1
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_accept=0
# notify on up
clean
ip -n h1 link set eth0 down
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_accept=1
ip -n h1 link set eth0 up
sorted ip -n r neigh show dev eth1
run ip netns exec h1 sysctl -w net.ipv4.conf.eth0.arp_notify=0
run ip netns exec r sysctl -w net.ipv4.conf.eth1.arp_accept=0
ip -n h1 link set eth0 address 02:00:00:00:01:02
ip -n h1 route add 10.0.2.0/24 dev eth0

echo "== proxy_arp =="
# a proxied broadcast request waits up to proxy_delay (0.8 s): -W 2
run ip netns exec r sysctl -w net.ipv4.ip_forward=1
ask 10.0.2.2
run ip netns exec r sysctl -w net.ipv4.conf.eth1.proxy_arp=1
ask 10.0.2.2 -W 2
run ip -n h1 neigh show 10.0.2.2
# not for an address on the asking side (r's table is not shown: Linux
# sometimes learns h1 there, sometimes not)
clean
run ip netns exec h1 ping -c 1 -W 1 10.0.1.9
run ip netns exec r sysctl -w net.ipv4.ip_forward=0
ask 10.0.2.2
run ip netns exec r sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.eth1.proxy_arp=0 net.ipv4.conf.all.proxy_arp=1
ask 10.0.2.2 -W 2
run ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp=0
run ip netns exec r sysctl net.ipv4.neigh.eth1.proxy_delay net.ipv4.neigh.eth1.proxy_qlen
