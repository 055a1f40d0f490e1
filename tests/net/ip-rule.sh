#!/bin/bash
# ip-rule: policy routing with `ip rule`.
#
#   a eth0 10.0.1.1/24 -- eth0 b 10.0.1.2/24 (.3 .4 secondaries)
#   a eth1 10.0.2.1/24 -- eth1 b 10.0.2.2/24
#
# Covers: the default rules (0 local, 32766 main, 32767 default); add with
# from, to, iif, oif, fwmark[/mask], tos/dsfield, table/lookup by number and
# name, priority/pref/order, not, suppress_prefixlength, the
# unreachable/prohibit/blackhole actions; the order of the list and automatic
# priorities; del by priority and by selector; flush; rules steering `ip
# route get` (from, iif, mark, tos, oif) and real traffic (ping from a source
# address answered through another table); errors and exit codes; rules
# following their iif/oif devices through renames and deletion ([detached]).
#
# Lab script: `tuxnet lab tests/net/ip-rule.sh`; Linux's output is
# ip-rule.linux.out.
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

netns a b
veth a eth0 b eth0
veth a eth1 b eth1
for ns in a b; do
	ip -n $ns link set lo up
	ip -n $ns link set eth0 up
	ip -n $ns link set eth1 up
done
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n a addr add 10.0.2.1/24 dev eth1
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n b addr add 10.0.1.3/24 dev eth0
ip -n b addr add 10.0.2.2/24 dev eth1

echo "== defaults =="
run ip -n a rule
run ip -n a rule show
run ip -n a rule list

echo "== add =="
run ip -n a rule add from 10.0.1.0/24 table 100
run ip -n a rule add to 10.9.0.0/16 lookup 101 pref 1000
run ip -n a rule add from 10.0.3.7 to 10.9.9.9 table main priority 1001
run ip -n a rule add iif eth0 table 102 order 1002
run ip -n a rule add oif eth1 table default
run ip -n a rule add fwmark 7 table 103
run ip -n a rule add fwmark 0x10/0xf0 table 104
run ip -n a rule add tos 0x10 table 105
run ip -n a rule add dsfield 0x08 table 106
run ip -n a rule add not from 10.0.4.0/24 table 107 pref 2000
run ip -n a rule add table main suppress_prefixlength 0 pref 3000
run ip -n a rule add to 10.50.0.1 unreachable pref 50
run ip -n a rule add to 10.50.0.2 prohibit pref 51
run ip -n a rule add to 10.50.0.3 blackhole pref 52
run ip -n a rule add from all lookup local pref 20
run ip -n a rule add iif lo table 108
run ip -n a rule add iif nope table 109
run ip -n a rule
run ip -n a rule show table 100
run ip -n a rule show pref 1000
run ip -n a rule show from 10.0.1.0/24
run ip -n a rule show iif eth0

echo "== add: errors =="
run ip -n a rule add from 10.0.1.0/24 table 100
run ip -n a rule add from 10.0.1.300 table 100
run ip -n a rule add table 100 pref abc
run ip -n a rule add tos 0x100 table 100
run ip -n a rule add fwmark xyz table 100
run ip -n a rule add frobnicate
run ip -n a rule add table nosuchname
run ip -n a rule add pref 0 table 100
run ip -n a rule foo

echo "== del =="
run ip -n a rule del pref 1000
run ip -n a rule del pref 1000
run ip -n a rule del from 10.0.1.0/24 table 100
run ip -n a rule del fwmark 7
run ip -n a rule del table 104
run ip -n a rule del iif nope
run ip -n a rule del to 10.50.0.1 pref 50
run ip -n a rule delete pref 51
run ip -n a rule del pref 52
run ip -n a rule del pref 20
run ip -n a rule del pref 0 table 100
run ip -n a rule del pref 32765
run ip -n a rule

echo "== lookups =="
run ip -n a rule flush
run ip -n a rule
ip -n a rule add pref 32766 lookup main
ip -n a rule add pref 32767 lookup default
ip -n a route add 10.9.0.0/16 via 10.0.1.2
ip -n a route add 10.9.0.0/16 via 10.0.2.2 table 100
ip -n a route add default via 10.0.2.2 table 101
ip -n a route add 10.9.0.0/16 via 10.0.1.3 table 102
ip -n a rule add from 10.0.2.1 table 100 pref 100
ip -n a rule add fwmark 0x5 table 100 pref 101
ip -n a rule add tos 0x10 table 100 pref 102
ip -n a rule add iif eth1 table 102 pref 103
ip -n a rule add oif eth0 table 102 pref 104
ip -n a rule add to 10.66.0.0/16 table 101 pref 105
ip -n a rule add to 10.9.8.0/24 table 102 suppress_prefixlength 15 pref 99
ip -n a rule add to 10.9.7.0/24 prohibit pref 98
ip -n a rule add to 10.9.6.0/24 blackhole pref 97
ip -n a rule add to 10.9.5.0/24 unreachable pref 96
run ip -n a rule
run ip -n a route get 10.9.1.1
run ip -n a route get 10.9.1.1 from 10.0.2.1
run ip -n a route get 10.9.1.1 mark 5
run ip -n a route get 10.9.1.1 mark 6
run ip -n a route get 10.9.1.1 tos 0x10
run ip -n a route get 10.9.1.1 oif eth0
run ip -n a route get 10.66.1.1
run ip -n a route get 10.67.1.1
run ip -n a route get 10.9.8.1
run ip -n a route get 10.9.7.1
run ip -n a route get 10.9.6.1
run ip -n a route get 10.9.5.1
run ip -n a route show table 100
run ip -n a route show table 102
run ip -n a route show table 200
run ip -n a route show table all

echo "== traffic =="
# b answers 10.0.2.1 (a's eth1) only through table 100 (eth1)
ip -n b rule add to 10.0.2.1 table 100 pref 10
ip -n b route add 10.0.2.0/24 dev eth1 table 100
ip -n b route del 10.0.2.0/24 dev eth1
run ip -n b route get 10.0.2.1
run ip netns exec a ping -c 1 -W 1 10.0.2.2
ip -n b rule del pref 10
run ip netns exec a ping -c 1 -W 1 -I 10.0.2.1 10.0.1.2
run ip -n b route get 10.0.2.1

echo "== goto, nop, protocol, errors from the kernel =="
run ip -n a rule add goto 5 pref 10
run ip -n a rule add goto 20 pref 10
run ip -n a rule add nop pref 11
run ip -n a rule add from 10.1.0.0/16 table 7 pref 12
run ip -n a rule add from 10.1.0.0/16 table 7 pref 12
run ip -n a rule add from 10.2.0.0/16 table 7 pref 12
run ip -n a rule add tos 0x03 table 5
run ip -n a rule add table 4000000000 pref 13
run ip -n a rule add suppress_ifgroup 5 table 5 pref 14
run ip -n a rule add suppress_prefixlength -1 table 5
run ip -n a rule add protocol static table 5 pref 15
run ip -n a rule add iif "a b" table 5
run ip -n a rule add fwmark 0/0xff table 9 pref 16
run ip -n a rule add fwmark 3/0 table 9 pref 17
run ip -n a rule add type unreachable pref 18
run ip -n a rule add unicast table 3 pref 22
run ip -n a rule add local pref 23
run ip -n a rule add throw pref 24
run ip -n a rule add tos AF11 table 3 pref 25
run ip -n a rule add
run ip -n a rule del
run ip -n a -d rule
run ip -n a rule show pref 12
run ip -n a rule show from 10.1.0.0/8
run ip -n a rule show from 10.1.0.1
run ip -n a rule show fwmark 3
run ip -n a rule show lookup main
run ip -n a rule show tos 0x28
run ip -n a rule show xyz
run ip -n a rule show priority
run ip -n a -f link rule
run ip -n a rule help
run ip -n a rule del goto 20
run ip -n a rule del nop
run ip -n a rule del pref 20 unreachable
run ip -n a route get 10.9.1.1
run ip -n a route show table 4000000000
run ip -n a route get 10.0.1.1

echo "== flush =="
run ip -n a rule flush
run ip -n a rule
run ip -n a route get 10.9.1.1
run ip -n a rule add pref 32766 table main
run ip -n a route get 10.9.1.1
run ip -n a rule del pref 32766
run ip -n a rule del pref 0
run ip -n a rule

echo "== rules follow their devices by name =="
ip -n a rule add pref 0 table local
ip -n a rule add pref 32766 table main
ip -n a link add t1 type veth peer name t2
run ip -n a rule add iif t1 table 5 pref 5
run ip -n a rule add oif t2 table 6 pref 6
ip -n a link set t1 name t9
run ip -n a rule
ip -n a link set t9 name t1
run ip -n a rule
ip -n a link del t1
run ip -n a rule
ip -n a link add t1 type veth peer name t2
run ip -n a rule
run ip -n a rule del iif t1
run ip -n a rule del oif t2 table 6 pref 6
run ip -n a rule add not iif lo table 9
run ip -n a rule
