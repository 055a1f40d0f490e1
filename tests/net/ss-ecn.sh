#!/bin/bash
# ss-ecn: ECN (RFC 3168) as ss -i shows it: "ecn" once the handshake
# agreed on it (TCPI_OPT_ECN), "ecnseen" once ECT data arrived
# (TCPI_OPT_ECN_SEEN).  sockhold connects to a listener on loopback and
# sends 10 bytes, under net.ipv4.tcp_ecn 1 (asks), 2 (the default: only
# accepts, so nobody asks) and 0; then the values the sysctl refuses
# (AccECN's 3..5 are not in this kernel).
#
# Lab script: `tuxnet lab tests/net/ss-ecn.sh`; Linux's output is
# ss-ecn.linux.out.
set -e
export LC_ALL=C

SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold

if [ "$1" = inner ]; then
	# one line per connection: which end, and the ECN words of ss -io
	ss -tinoH state established | paste - - |
		awk '{ end = ($3 ~ /:80$/) ? "server" : "client"; w = "";
		       for (i = 5; i <= NF; i++)
			       if ($i == "ecn" || $i == "ecnseen") w = w " " $i;
		       print end ":" w }' | sort
	exit 0
fi

ip netns add a
ip -n a link set lo up
for v in 1 2 0; do
	echo "\$ sysctl -w net.ipv4.tcp_ecn=$v"
	ip netns exec a sysctl -w net.ipv4.tcp_ecn=$v
	echo "\$ ip netns exec a sockhold -T 127.0.0.1:80 -C 127.0.0.1:80 -s 1 -a -- ss -tino"
	ip netns exec a "$SOCKHOLD" -T 127.0.0.1:80 -C 127.0.0.1:80 -s 1 -a \
		-- bash "$0" inner
done
for v in 3 5 -1; do
	echo "\$ sysctl -w net.ipv4.tcp_ecn=$v"
	ip netns exec a sysctl -w net.ipv4.tcp_ecn=$v 2>&1 || echo "exit $?"
done
echo "\$ sysctl -w net.ipv4.tcp_ecn_fallback=2"
ip netns exec a sysctl -w net.ipv4.tcp_ecn_fallback=2 2>&1 || echo "exit $?"
echo "\$ sysctl net.ipv4.tcp_ecn net.ipv4.tcp_ecn_fallback"
ip netns exec a sysctl net.ipv4.tcp_ecn net.ipv4.tcp_ecn_fallback
ip netns del a
