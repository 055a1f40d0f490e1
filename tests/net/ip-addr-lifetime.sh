#!/bin/bash
# ip-addr-lifetime: address lifetimes counting down.
#
#   a eth0 10.0.1.1/24 -- 10.0.1.2/24 eth0 b   (b blackholes 10.0.9.9)
#
# Covers: `valid_lft`/`preferred_lft` on add, change and replace; how
# `ip addr` shows them (`dynamic`, `deprecated`, `forever`, `Nsec`); the
# filters `dynamic`, `permanent`, `deprecated`, `-deprecated`; an address
# past its preferred lifetime deprecated, past its valid lifetime deleted
# with its routes; flag filters; errors.  Time passes with pings to a
# blackhole (-W): the figures that depend on how much of it passed are
# masked.  Linux checks lifetimes in whole seconds (an address is
# deprecated up to a second late); the waits leave a second or more of
# slack on either side.
#
# Lab script: `tuxnet lab tests/net/ip-addr-lifetime.sh`; Linux's output is
# ip-addr-lifetime.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# masked CMD...: as run, with lifetimes that depend on elapsed time masked.
masked() {
	echo "\$ $* | mask"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	if [ -n "$out" ]; then printf '%s\n' "$out" | sed -E 's/[0-9]+sec/Nsec/g'; fi
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

# wait_s SECONDS: let time pass (a ping nobody answers).
wait_s() {
	ip netns exec a ping -q -c 1 -W "$1" 10.0.9.9 > /dev/null || true
}

netns a b
veth a eth0 b eth0
ip -n a link set lo up
ip -n b link set lo up
ip -n a link set eth0 address 02:00:00:00:01:01
ip -n b link set eth0 address 02:00:00:00:01:02
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a route add 10.0.9.9 via 10.0.1.2
ip -n b route add blackhole 10.0.9.9
ip netns exec a ping -q -c 1 10.0.1.2 > /dev/null

echo "== add with lifetimes =="
run ip -n a addr add 10.0.6.1/24 dev eth0 valid_lft 100 preferred_lft 0
run ip -n a addr add 10.0.7.1/24 dev eth0 valid_lft forever preferred_lft 50
run ip -n a addr add 10.0.8.1/24 dev eth0 preferred_lft 100
run ip -n a addr add 10.0.8.2/24 dev eth0 valid_lft 10 preferred_lft 20
run ip -n a addr add 10.0.8.3/24 dev eth0 valid_lft 0
run ip -n a addr add 10.0.8.4/24 dev eth0 valid_lft abc
run ip -n a addr add 10.0.8.5/24 dev eth0 valid_lft 5sec
run ip -n a addr add 10.0.8.6/24 dev eth0 valid_lft 4294967295
run ip -n a addr add 10.0.8.7/24 dev eth0 valid_lft 4294967296
masked ip -n a -4 addr show dev eth0
run ip -n a route show
masked ip -n a -4 addr show dev eth0 dynamic
masked ip -n a -4 addr show dev eth0 permanent
masked ip -n a -4 addr show dev eth0 deprecated
masked ip -n a -4 addr show dev eth0 -deprecated

echo "== past the preferred lifetime =="
run ip -n a addr add 10.0.5.1/24 dev eth0 valid_lft 6 preferred_lft 1
run ip -n a -4 addr show to 10.0.5.1/24
wait_s 2.5
masked ip -n a -4 addr show dev eth0
masked ip -n a -4 addr show dev eth0 deprecated

echo "== past the valid lifetime =="
wait_s 5
masked ip -n a -4 addr show dev eth0
run ip -n a route show

echo "== change and replace =="
run ip -n a addr change 10.0.6.1/24 dev eth0 valid_lft forever preferred_lft forever
run ip -n a addr change 10.0.9.1/24 dev eth0 valid_lft 10
run ip -n a addr replace 10.0.7.1/24 dev eth0 valid_lft 30 preferred_lft 20
run ip -n a addr replace 10.0.9.2/24 dev eth0 valid_lft 30 preferred_lft 20
run ip -n a addr replace 10.0.9.2/24 dev eth0
masked ip -n a -4 addr show dev eth0
run ip -n a -4 addr show dev eth0 permanent
run ip -n a addr change 10.0.7.1/24 dev eth0 valid_lft 1 preferred_lft 1
wait_s 2.5
masked ip -n a -4 addr show dev eth0
run ip -n a route show

echo "== flags and filters =="
run ip -n a addr add 10.0.10.1/24 dev eth0 valid_lft 100 preferred_lft 0 home nodad
run ip -n a addr add 10.0.10.2/24 dev eth0 valid_lft 100 preferred_lft 50 mngtmpaddr optimistic
for f in dynamic -dynamic primary -primary permanent -permanent secondary -secondary temporary deprecated -deprecated home -home nodad; do
	masked ip -n a -4 -o addr show dev eth0 $f
done
