#!/bin/bash
# ping-options: iputils ping's options, messages and exit codes, h1 -- r -- h2.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#
# Covers: -c -i -q -n -s (sizes below 16 bytes print no time; -s 0) -t -p -O
# -l -S -Q -e -m (ranges; -s 70000 and other hostile numbers)
# -W -w -I (device, address, a wrong device, an address not ours, lo),
# 0.0.0.0, 224.0.0.1, and the exit codes: 0 some reply, 1 no reply, 2 an error before or
# while sending (and 1 for a bad argument).  No name is ever looked up: every
# destination is numeric.
#
# Lab script: `tuxnet lab tests/net/ping-options.sh`; Linux's output is
# ping-options.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only (-e: a stack without IPv6 has no
# such keys and ignores them; Linux switches IPv6 off so its output compares).
netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

# veth NS1 DEV1 NS2 DEV2: a veth pair, DEV1 in NS1 to DEV2 in NS2.  Made in the
# script's own namespace and moved, so that no two devices of the script share
# an ifindex (Linux defers the carrier events of a veth whose ifindex equals its
# peer's, which would make its state racy; see README.md).
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
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth1
ip -n r addr add 10.0.2.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
# 10.0.9.9 is silent: r drops what goes there, with no ICMP error and no ARP.
ip -n r route add blackhole 10.0.9.0/24

# p ARGS...: ping from h1
p() { run ip netns exec h1 ping "$@"; }

echo "== count, interval, quiet, numeric =="
p -c 3 -i 0.2 10.0.2.2
p -c 2 -i 0.2 -q 10.0.2.2
p -c 1 -n 10.0.2.2
p -c 1 -4 10.0.2.2

echo "== sizes =="
p -c 1 -s 0 10.0.2.2
p -c 1 -s 7 10.0.2.2
p -c 1 -s 8 10.0.2.2
p -c 1 -s 16 10.0.2.2
p -c 1 -s 100 10.0.2.2
p -c 1 -s 65507 10.0.2.2
p -c 1 -s 65508 10.0.2.2

echo "== ttl, pattern =="
p -c 1 -t 2 10.0.2.2
p -c 1 -t 255 10.0.2.2
p -c 1 -p ab 10.0.2.2
p -c 1 -s 20 -p 0102 10.0.2.2

echo "== source: -I =="
p -c 1 -I eth0 10.0.2.2
p -c 1 -I 10.0.1.2 10.0.2.2
p -c 1 -W 1 -I lo 10.0.2.2
p -c 1 -I nope 10.0.2.2
p -c 1 -I 10.0.1.9 10.0.2.2

echo "== no reply: -W, -w, -O =="
p -c 1 -W 1 10.0.9.9
p -c 2 -i 0.2 -W 1 10.0.9.9
p -c 2 -i 0.3 -W 1 -O 10.0.9.9
p -w 1 -i 2 10.0.9.9
p -c 2 -i 0.2 -w 5 10.0.2.2
p -c 2 -i 0.2 -q -W 1 10.0.9.9

echo "== special destinations =="
p -c 1 0.0.0.0
p -c 1 10.0.1.2
p -c 1 -W 1 224.0.0.1

echo "== errors =="
p -c 1 10.0.2.2 -t 256
p -c 0 10.0.2.2
p -c abc 10.0.2.2
p -c 1 -t 0 10.0.2.2
p -c 1 -W -1 10.0.2.2
p -c 1 -s -1 10.0.2.2
p -c 1 -M maybe 10.0.2.2
p -c 1
p

echo "== hostile numbers =="
p -c 2 -i 0.2 -W 1 -s 70000 10.0.2.2
p -c 1 -s 2147483648 10.0.2.2
p -c 1 -s 18446744073709551616 10.0.2.2
p -c 9223372036854775808 10.0.2.2
p -c 9223372036854775807 -w 1 -i 0.4 10.0.2.2
p -c 1 -w 2147483648 10.0.2.2
p -c 1 -i 2147484 10.0.2.2
p -c 1 -i 1e400 10.0.2.2
p -c 1 -W nan 10.0.2.2
p -c 1 -l 0 10.0.2.2
p -c 1 -l 65536 10.0.2.2
p -c 1 -S 0 10.0.2.2
p -c 1 -Q 0x100 10.0.2.2
p -c 1 -e 65536 10.0.2.2
p -c 1 -m 4294967296 10.0.2.2
