#!/bin/bash
# ping-modes: iputils ping's output modes over lo and a veth pair whose
# two ends are both here: -D (timestamps), -b (a broadcast looped back to
# this host, answered only once icmp_echo_ignore_broadcasts is 0; refused
# without -b), -a (a bell ending each reply line), -f (a "." a probe, a
# backspace a reply, and no reply lines), -A, -U, -B, -M probe, -s at
# the limit, and option errors with their exit codes.
#
# Lab script: `tuxnet lab tests/net/ping-modes.sh`; Linux's output is
# ping-modes.linux.out.
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add eth0 type veth peer name p0
ip link set eth0 up
ip link set p0 up
ip addr add 10.0.1.1/24 brd + dev eth0

run ping -c 2 -i 0.2 -D 127.0.0.1
run ping -c 1 -b 10.0.1.255
run ping -c 1 10.0.1.255
sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
run ping -c 1 -W 1 -b 10.0.1.255
run ping -c 2 -i 0.2 -b 10.0.1.255
sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=1
run ping -c 3 -A 127.0.0.1
run ping -c 3 -f 127.0.0.1
run ping -c 3 -f -q 127.0.0.1
run ping -c 2 -i 0.2 -a 127.0.0.1
run ping -c 2 -i 0.2 -U 127.0.0.1
run ping -c 2 -i 0.2 -B 127.0.0.1
run ping -c 1 -M probe 127.0.0.1
run ping -c 1 -M bogus 127.0.0.1
run ping -c 1 -Q 0x10 127.0.0.1
run ping -c 1 -Q 300 127.0.0.1
run ping -c 1 -T bogus 127.0.0.1
run ping -c 2 -i 0.2 -q -w 1 127.0.0.1
run ping -c 1 -s 65508 127.0.0.1
run ping -c 1 -s 65507 127.0.0.1
run ping
run ping -c
run ping -c 0 127.0.0.1
run ping -x 127.0.0.1
run ping -c 1 10.0.1.1 -I eth0
run ping -c 1 -I p0 10.0.1.1
