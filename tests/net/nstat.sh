#!/bin/bash
# nstat: iproute2 6.1's nstat over the stack's /proc/net/{snmp,netstat}.
#
#   h1 eth0 10.0.9.1/24 -- 10.0.9.2/24 eth0 r eth1 10.0.10.2/24 -- 10.0.10.1/24 eth0 h2
#                                   (r's eth1 and h2's eth0: MTU 1000)
#
# Covers: every counter of a fresh namespace (-a -z: the names and order of
# Linux 6.18's Ip, Icmp, Tcp, Udp, UdpLite, TcpExt, IpExt and MPTcpExt
# lines), the history file ($NSTAT_HISTORY, one per namespace): -n, then
# the increase after pings and UDP (forwarded and fragmented on the way:
# OutRequests counts datagrams, OutTransmits and OutOctets every packet
# sent), -s (no update), -a (absolute), patterns, -r, -j and -j -p, a
# history written with -z, a stale history ("#other"), a history that
# cannot be parsed, a counter that went back (overflow), usage errors.
# UDP datagrams come from `sockhold` (built with the tools, in hosttools/
# for Linux).
#
# Lab script: `tuxnet lab tests/net/nstat.sh`; Linux's output is
# nstat.linux.out.
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

SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold

hist=$(mktemp -d)
trap 'rm -rf "$hist"' EXIT

# ns NS ARG...: nstat ARG... in NS with NS's own history file.
ns() {
	local n=$1 rc=0
	shift
	echo "\$ ip netns exec $n nstat $*"
	ip netns exec "$n" env NSTAT_HISTORY="$hist/$n" nstat "$@" || rc=$?
	echo "exit $rc"
}

netns h1 r h2
veth h1 eth0 r eth0
veth r eth1 h2 eth0
ip -n h1 addr add 10.0.9.1/24 dev eth0
ip -n r addr add 10.0.9.2/24 dev eth0
ip -n r addr add 10.0.10.2/24 dev eth1
ip -n h2 addr add 10.0.10.1/24 dev eth0
ip -n r link set eth1 mtu 1000
ip -n h2 link set eth0 mtu 1000
for d in "h1 eth0" "r eth0" "r eth1" "h2 eth0" "h1 lo" "r lo" "h2 lo"; do
	set -- $d
	ip -n "$1" link set "$2" up
done
ip -n h1 route add default via 10.0.9.2
ip -n h2 route add default via 10.0.10.2
ip netns exec r sysctl -qw net.ipv4.ip_forward=1

echo "== a fresh namespace =="
ns h1 -a
ns h1 -s
# Linux has /proc/net/snmp6 (zeros) even with IPv6 off; tuxnet has no IPv6
# and no such file, which nstat skips: its counters are left out here.
ns h1 -asz | grep -Ev '^(Ip6|Icmp6|Udp6|UdpLite6)'

echo "== history: -n, traffic, increases =="
ip netns exec h1 ping -c 1 -q 10.0.10.1 >/dev/null
for n in h1 r h2; do ns $n -n; done
run ip netns exec h1 ping -c 2 -q -M dont -s 1400 10.0.10.1
run ip netns exec h1 ping -c 1 -q -s 2000 10.0.10.1
# the second datagram meets the port unreachable the first one earned:
# ECONNREFUSED, counted as IpOutDiscards
echo "\$ ip netns exec h1 sockhold -u 10.0.9.1:5000 -c 10.0.10.1:6000 -s 2"
rc=0
ip netns exec h1 "$SOCKHOLD" -u 10.0.9.1:5000 -c 10.0.10.1:6000 -s 2 || rc=$?
echo "exit $rc"
ns h1 -s
ns r -s
ns h2
ns h2
ns h1 Ip* Udp*
ns h1
ns r -a
ns r -j
ns r -a -j -p Udp* IpExt*
ns r -a -j nomatch
ns r -r -s
ns r -a -z IpOut* IpExtOut*

echo "== history files =="
ns h2 -z -n
echo "\$ sed -n '1p;/^UdpOutDatagrams/p' \$NSTAT_HISTORY (of h2)"
sed -n '1p;/^UdpOutDatagrams/p' "$hist/h2"
printf '#kernel\nIpInReceives 100000\nIcmpInMsgs 1 2.5\n' >"$hist/h2"
ns h2 -s Ip* Icmp*
printf '#other\nIpInReceives 1\n' >"$hist/h2"
ns h2 -s IpIn*
printf '#kernel\nIpInReceives\n' >"$hist/h2"
ns h2 -s
: >"$hist/h2"
ns h2 -s Icmp*

echo "== errors =="
ns h1 -t 0
ns h1 -x
run ip netns exec h1 nstat -V
