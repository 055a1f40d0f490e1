#!/bin/bash
# ip-rule-json: `ip -j rule` and `ip -j -p rule`, as iproute2 6.1 prints
# them: every selector and action (from/to with lengths, tos, fwmark with
# and without a mask, iif/oif, not, lookup, suppress_prefixlength, goto,
# nop, unreachable/prohibit), a filter, and a rule shown as deleted.
#
# Lab script: `tuxnet lab tests/net/ip-rule-json.sh`; Linux's output is
# ip-rule-json.linux.out.
set -e
export LC_ALL=C

run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

ip netns add a
ip netns exec a sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n a link set lo up
ip -n a link add v0 type veth peer name v1
ip -n a link set v0 up
ip -n a addr add 10.9.0.1/24 dev v0

ip -n a rule add from 10.1.0.0/16 to 10.2.0.0/24 iif v0 fwmark 0x5/0xff tos 0x10 lookup 100 pref 100
ip -n a rule add not from all oif v0 prohibit
ip -n a rule add from 10.3.0.1 table main suppress_prefixlength 0
ip -n a rule add unreachable iif lo pref 50
ip -n a rule add from all goto 32766 pref 60
ip -n a rule add fwmark 7 nop pref 70
ip -n a rule add to 10.4.0.0/24 lookup 200 pref 80
run ip -n a -j rule
run ip -n a -j -p rule show pref 100
run ip -n a -j rule show table main
run ip -n a rule
run ip -n a -j rule show pref 12345
ip netns del a
