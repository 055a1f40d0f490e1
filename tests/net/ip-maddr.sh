#!/bin/bash
# ip-maddr: multicast memberships, `ip maddr` and /proc/net/igmp.
#
#   a eth0 10.0.5.1/24 -- 10.0.5.2/24 eth0 b
#
# Covers: the all-hosts group every device joins while up (lo too), a
# socket's groups and the link-layer addresses they map to (01:00:5e + 23
# bits, 224.0.0.251 included), two sockets on one group (users 2), a
# source-specific join, IGMPv2 forced by force_igmp_version (the Querier
# column), `ip maddr add|del` of static link-layer addresses and its errors,
# a device going down and up, `show dev`, `-4`.
# Linux keeps IPv6's all-nodes groups (ff02::1, ff01::1, 33:33:00:00:00:01)
# even with IPv6 disabled; tuxnet has no IPv6: listings go through `v4`,
# which drops those lines (and a device header left with nothing under it).
# Memberships belong to sockets: `mcjoin DEV GROUP[/SOURCE]... -- CMD` (built
# with the tools, in hosttools/ for Linux) holds them while CMD runs.
#
# Lab script: `tuxnet lab tests/net/ip-maddr.sh`; Linux's output is
# ip-maddr.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only (see README.md).
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

# v4: a listing without IPv6's groups
v4() {
	awk '/^[0-9]+:/ { hdr = $0; next }
	     /inet6 |link  33:33:00:00:00:01$/ { next }
	     { if (hdr != "") { print hdr; hdr = "" } print }'
}

# show CMD...: as run, the output through v4
show() {
	echo "\$ $*"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	if [ -n "$out" ]; then printf '%s\n' "$out" | v4; fi
	echo "exit $rc"
}

# mc NS ARG...: `ip netns exec NS mcjoin ARG...`, shown as run shows it.
# tuxnet's lab has mcjoin on PATH; Linux's uses the host build of it.
MCJOIN=mcjoin
command -v mcjoin >/dev/null || MCJOIN=$PWD/${BUILD:-build}/hosttools/mcjoin
mc() {
	local ns=$1 a args=() rc=0
	shift
	echo "\$ ip netns exec $ns mcjoin $*"
	for a; do [ "$a" = mcjoin ] && args+=("$MCJOIN") || args+=("$a"); done
	local out
	out=$(ip netns exec "$ns" "$MCJOIN" "${args[@]}" 2>&1) || rc=$?
	if [ -n "$out" ]; then printf '%s\n' "$out" | v4; fi
	echo "exit $rc"
}

netns a b
veth a eth0 b eth0
ip -n a addr add 10.0.5.1/24 dev eth0
ip -n b addr add 10.0.5.2/24 dev eth0

echo "== nothing up: no groups =="
show ip -n a maddr
show ip -n a maddr show dev eth0

echo "== up: 224.0.0.1 on each device =="
ip -n a link set lo up
ip -n a link set eth0 up
ip -n b link set eth0 up
show ip -n a maddr
show ip -n a -4 maddr show eth0
show ip -n a maddr show dev nope

echo "== a socket joins =="
mc a eth0 239.1.2.3 224.0.0.251 -- ip maddr show dev eth0
mc a -p /proc/net/igmp eth0 239.1.2.3 224.0.0.251
mc a eth0 239.1.2.3 -- mcjoin eth0 239.1.2.3 239.129.2.3 -- ip maddr show dev eth0
mc a eth0 232.1.1.1/10.0.5.2 -- ip maddr show dev eth0
mc a eth0 10.0.5.9
mc a eth0 239.1.2.3 239.1.2.3
show ip -n a maddr show dev eth0

echo "== IGMPv2 =="
ip netns exec a sysctl -qw net.ipv4.conf.eth0.force_igmp_version=2
mc a eth0 239.1.2.3 -- ip maddr show dev eth0
ip netns exec a sysctl -qw net.ipv4.conf.eth0.force_igmp_version=0

echo "== ip maddr add / del =="
run ip -n a maddr add 01:00:5e:01:02:03 dev eth0
run ip -n a maddr add 01:00:5e:01:02:03 dev eth0
run ip -n a maddr add 33:33:00:00:00:05 dev eth0
show ip -n a maddr show dev eth0
mc a eth0 239.1.2.3 -- ip maddr show dev eth0
run ip -n a maddr del 01:00:5e:01:02:03 dev eth0
run ip -n a maddr del 01:00:5e:01:02:03 dev eth0
show ip -n a maddr show dev eth0
run ip -n a maddr add 01:00:5e:01:02:03 dev lo
run ip -n a maddr add 01:00:5e:01:02:03 dev nope
run ip -n a maddr add 01:00:5e:01:02:03
run ip -n a maddr add zz dev eth0
run ip -n a maddr foo

echo "== down and up =="
ip -n a link set eth0 down
show ip -n a maddr
ip -n a link set eth0 up
show ip -n a maddr show dev eth0
run ip -n a maddr del 33:33:00:00:00:05 dev eth0
show ip -n a maddr show dev eth0
