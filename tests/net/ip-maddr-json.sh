#!/bin/bash
# ip-maddr-json: `ip -j maddr` and `-j -p` as iproute2 6.1 prints them:
# one object per device with its "maddr" array, `users` for a group two
# sockets hold.  IPv4 only (-4): Linux lists IPv6's all-nodes groups even
# with IPv6 disabled, and tuxnet has no IPv6.
#
# Lab script: `tuxnet lab tests/net/ip-maddr-json.sh`; Linux's output is
# ip-maddr-json.linux.out.
set -e
export LC_ALL=C

run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# tuxnet's lab has mcjoin on PATH; Linux's uses the host build of it.
MCJOIN=mcjoin
command -v mcjoin >/dev/null || MCJOIN=$PWD/${BUILD:-build}/hosttools/mcjoin

ip netns add a
ip netns exec a sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n a link set lo up
ip -n a link add eth0 type veth peer name eth1
ip -n a link set eth0 up
ip -n a link set eth1 up
ip -n a addr add 10.0.5.1/24 dev eth0

run ip -n a -4 -j maddr
run ip -n a -4 -j -p maddr show dev eth0
echo "\$ ip netns exec a mcjoin eth0 239.1.2.3 -- mcjoin eth0 239.1.2.3 239.1.2.4 -- ip -4 -j maddr show dev eth0"
ip netns exec a "$MCJOIN" eth0 239.1.2.3 -- "$MCJOIN" eth0 239.1.2.3 239.1.2.4 -- ip -4 -j maddr show dev eth0
echo "\$ ip netns exec a mcjoin eth0 239.1.2.3 -- ip -4 maddr show dev eth0"
ip netns exec a "$MCJOIN" eth0 239.1.2.3 -- ip -4 maddr show dev eth0
run ip -n a -4 -j maddr show dev nope
ip netns del a
