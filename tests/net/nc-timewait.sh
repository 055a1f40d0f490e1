#!/bin/bash
# nc-timewait: the socks `nc -z` leaves behind, as ss, netstat and nstat
# (iproute2 6.1, net-tools 2.10) show them, between two namespaces joined
# by a veth pair.
#
#   a eth0 10.0.0.1/24 -- 10.0.0.2/24 eth0 b
#
# `nc -l -k` in b listens on 6000 for good (stdin /dev/null: it waits on
# its socket alone).  From a, `nc -z -v` over 5998-6001 (refused, open,
# refused) and `nc -z -w 1` on 6000: the two connections a closed first
# stay in TIME-WAIT for 60 s (ss -tan, state filters, -o's timer, netstat
# -tan/-tano, ss -s); `nc -z -u` to a closed UDP port.  Then the
# counters the traffic moved whatever its timing (nstat -a, netstat -s
# -u): TcpExt TW counted as the socks enter TIME-WAIT, the FINs in
# TCPOrigDataSent, the port unreachable.  Ephemeral ports are masked (EPH), and
# the seconds left of a 60 s timer to their tens (5X).
#
# Lab script: `tuxnet lab tests/net/nc-timewait.sh`; Linux's output is
# nc-timewait.linux.out.
set -e -o pipefail
export LC_ALL=C

mask() {
	sed -E 's/10\.0\.0\.1:[0-9]{5}( |$)/10.0.0.1:EPH\1/g
		s/(10\.0\.0\.1 )[0-9]{5}$/\1EPH/
		s/timewait,5[0-9]sec/timewait,5Xsec/
		s/timewait \(5[0-9]\.[0-9]{2}\//timewait (5X.XX\//'
}
run() { echo "\$ $*"; local rc=0; "$@" 2>&1 | mask || rc=$?; echo "exit $rc"; }

ip netns add a
ip netns add b
for ns in a b; do
	ip netns exec $ns sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n $ns link set lo up
done
ip link add tmp1 type veth peer name tmp2
ip link set tmp1 netns a name eth0
ip link set tmp2 netns b name eth0
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/err"
echo "\$ ip netns exec b nc -l -k -n -v 6000 &"
ip netns exec b nc -l -k -n -v 6000 </dev/null >"$tmp/out" 2>"$tmp/err" &
spid=$!
exec 3<"$tmp/err"
IFS= read -r line <&3
echo "$line"
run ip netns exec b ss -tln
run ip netns exec a nc -z -v -n 10.0.0.2 5998-6001
run ip netns exec a nc -z -n -w 1 10.0.0.2 6000
# the listener's -v lines for both
for i in 1 2; do
	IFS= read -r line <&3
	echo "$line" | mask
done

echo "== TIME-WAIT =="
run ip netns exec b ss -tan
run ip netns exec a ss -tan
run ip netns exec a ss -tan state time-wait
run ip netns exec a ss -tano state time-wait
run ip netns exec a ss -tan state connected
run ip netns exec a ss -tan exclude time-wait
run ip netns exec a ss -tan dport = :6000
run ip netns exec a ss -tan state synchronized
run ip netns exec a netstat -tan
run ip netns exec a netstat -tano
echo "\$ ip netns exec a ss -s"
ip netns exec a ss -s | sed 's/^Total: [0-9]*$/Total: N/'
echo "== UDP to a closed port =="
run ip netns exec a nc -z -u -v -n 10.0.0.2 6000

echo "== counters =="
# those the traffic moves whatever the timing (whether an ACK was delayed
# is not: the segment and octet counts are left out)
for ns in a b; do
	echo "\$ ip netns exec $ns nstat -a | grep ..."
	ip netns exec $ns nstat -a | grep -E '^(#|Tcp(ActiveOpens|PassiveOpens|AttemptFails|EstabResets|OutRsts|ExtTW|ExtTWKilled|ExtTCPOrigDataSent) |Udp|Icmp)'
done
# (IpExt's octets and packets: as many as the segments, left out above)
for ns in a b; do
	echo "\$ ip netns exec $ns netstat -s -u | grep -v ..."
	ip netns exec $ns netstat -s -u | grep -Ev '^    (In|Out)(Octets|NoECTPkts)'
done
kill $spid
wait $spid || true
run ip netns exec b ss -tan
