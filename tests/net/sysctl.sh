#!/bin/bash
# sysctl: the sysctl tool and the net.ipv4 keys the stack obeys, h1 -- r -- h2.
#
#   h1 eth0 10.0.1.2/24 -- 10.0.1.1/24 eth1  r  eth2 10.0.2.1/24 -- 10.0.2.2/24 eth0 h2
#
# Covers: reading (`sysctl KEY`, several keys, `-n`, the slash form), writing
# (`-w`, `-q`, several at once, a bare KEY=VALUE), `-p FILE` (comments, blank
# lines, spaces, a bad key), errors and exit codes (unknown key, `-e`, a value
# the kernel refuses, no `=`, no file, no key at all); what a value does:
# ip_forward and conf.{all,default,DEV}.forwarding move together or not,
# icmp_echo_ignore_all, icmp_echo_ignore_broadcasts with `ping -b`,
# ip_default_ttl seen in the ttl of replies.
#
# Lab script: `tuxnet lab tests/net/sysctl.sh`; Linux's output is sysctl.linux.out.
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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

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

echo "== read =="
run ip netns exec r sysctl net.ipv4.ip_forward
run ip netns exec r sysctl -n net.ipv4.ip_forward
run ip netns exec r sysctl net/ipv4/ip_default_ttl
run ip netns exec r sysctl net.ipv4.ip_forward net.ipv4.ip_default_ttl net.ipv4.icmp_echo_ignore_all net.ipv4.icmp_echo_ignore_broadcasts
run ip netns exec r sysctl -n net.ipv4.ip_forward net.ipv4.ip_default_ttl
run ip netns exec r sysctl net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding net.ipv4.conf.lo.forwarding net.ipv4.conf.eth1.forwarding net.ipv4.conf.eth2.forwarding

echo "== write =="
run ip netns exec r sysctl -w net.ipv4.ip_forward=1
run ip netns exec r sysctl -q -w net.ipv4.ip_default_ttl=100
run ip netns exec r sysctl -n net.ipv4.ip_default_ttl
run ip netns exec r sysctl -w net.ipv4.ip_default_ttl=64 net.ipv4.icmp_echo_ignore_all=0
run ip netns exec r sysctl net.ipv4.ip_default_ttl=65
run ip netns exec r sysctl -w net.ipv4.ip_default_ttl=64

echo "== ip_forward is conf.all.forwarding, and sets every device =="
run ip netns exec r sysctl net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding net.ipv4.conf.lo.forwarding net.ipv4.conf.eth1.forwarding net.ipv4.conf.eth2.forwarding
run ip netns exec h1 ping -c 1 10.0.2.2
run ip netns exec r sysctl -w net.ipv4.conf.eth1.forwarding=0
run ip netns exec r sysctl net.ipv4.ip_forward net.ipv4.conf.all.forwarding net.ipv4.conf.eth1.forwarding
# Forwarding is decided on the way in: neither h1's request (in at eth1) nor
# the reply to h2's request (in at eth1) is forwarded.
run ip netns exec h1 ping -c 1 -W 1 10.0.2.2
run ip netns exec h2 ping -c 1 -W 1 10.0.1.2
run ip netns exec r sysctl -w net.ipv4.conf.all.forwarding=0
run ip netns exec r sysctl net.ipv4.ip_forward net.ipv4.conf.default.forwarding net.ipv4.conf.eth1.forwarding net.ipv4.conf.eth2.forwarding
run ip netns exec r sysctl -w net.ipv4.conf.all.forwarding=1
run ip netns exec r sysctl net.ipv4.ip_forward net.ipv4.conf.eth1.forwarding
run ip netns exec h1 ping -c 1 10.0.2.2

echo "== -p FILE =="
cat > "$tmp/lab.conf" <<'EOC'
# a comment
; another comment

net.ipv4.ip_default_ttl = 70
   net.ipv4.icmp_echo_ignore_broadcasts=1
net.ipv4.nope = 3
net.ipv4.icmp_echo_ignore_all = 0
EOC
echo '$ ip netns exec h2 sysctl -p FILE'
rc=0; ip netns exec h2 sysctl -p "$tmp/lab.conf" || rc=$?; echo "exit $rc"
run ip netns exec h1 ping -c 1 10.0.2.2
run ip netns exec h2 sysctl -p /nonexistent/lab.conf

echo "== errors =="
run ip netns exec r sysctl net.ipv4.nope
run ip netns exec r sysctl -n net.ipv4.nope
run ip netns exec r sysctl -q net.ipv4.nope
run ip netns exec r sysctl -w net.ipv4.nope=1
run ip netns exec r sysctl -e net.ipv4.nope
run ip netns exec r sysctl -e -w net.ipv4.nope=1
run ip netns exec r sysctl net.ipv4.nope net.ipv4.ip_forward
run ip netns exec r sysctl -w net.ipv4.ip_forward
run ip netns exec r sysctl -w net.ipv4.ip_forward=abc
run ip netns exec r sysctl -w net.ipv4.ip_default_ttl=0
run ip netns exec r sysctl -w net.ipv4.ip_default_ttl=256
run ip netns exec r sysctl net.ipv4.ip_default_ttl
run ip netns exec r sysctl -x

echo "== icmp_echo_ignore_all =="
run ip netns exec h2 sysctl -w net.ipv4.icmp_echo_ignore_all=1
run ip netns exec h1 ping -c 1 -W 1 10.0.2.2
run ip netns exec h2 ping -c 1 -W 1 10.0.2.2
run ip netns exec h1 ping -c 1 10.0.2.1
run ip netns exec h2 sysctl -w net.ipv4.icmp_echo_ignore_all=0
run ip netns exec h1 ping -c 1 10.0.2.2

echo "== icmp_echo_ignore_broadcasts =="
run ip netns exec h1 ping -c 1 -W 1 10.0.1.255
run ip netns exec h1 ping -c 1 -W 1 -b 10.0.1.255
run ip netns exec r sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
run ip netns exec h1 ping -c 2 -i 0.2 -b 10.0.1.255

echo "== ip_default_ttl =="
run ip netns exec h2 sysctl -w net.ipv4.ip_default_ttl=99
run ip netns exec h1 ping -c 1 10.0.2.2
run ip netns exec r sysctl -w net.ipv4.ip_default_ttl=1
run ip netns exec h1 ping -c 1 10.0.2.2
run ip netns exec h1 ping -c 1 10.0.1.1
