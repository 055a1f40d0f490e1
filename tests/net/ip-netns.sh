#!/bin/bash
# ip-netns: `ip netns` and `ip -n`.
#
# Covers: add, list (newest first), show, bare `ip netns`, add of an existing
# name, del, del of a missing one, invalid names, `ip -n` and `ip netns exec`
# on a missing namespace; exec: the command's exit status comes back, a missing
# command, no command; identify, inside and outside; `ip -all netns exec`;
# namespace ids: a device moved from here into a namespace gives that
# namespace an id here (`ip netns list` shows it), and a veth whose peer is
# in a namespace without a name shows `link-netnsid N` instead of `link-netns NAME`.
#
# Lab script: `tuxnet lab tests/net/ip-netns.sh`; Linux's output is
# ip-netns.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

echo "== add, list, del =="
run ip netns list
run ip netns add a
run ip netns add b
run ip netns add c
run ip netns list
run ip netns
run ip netns show
run ip netns add a
run ip netns del b
run ip netns del b
run ip netns delete c
run ip netns list

echo "== bad names and missing namespaces =="
run ip netns add
run ip netns del
run ip netns add a/b
run ip netns add .
run ip netns add ''
run ip -n nope link
run ip netns exec nope true
run ip netns foo

echo "== exec =="
run ip netns exec a true
run ip netns exec a false
run ip netns exec a sh -c 'exit 7'
run ip netns exec a nosuchcommand
run ip netns exec a
run ip netns exec
run ip netns exec a ip link
run ip netns exec a ip netns identify
run ip netns identify

echo "== all namespaces =="
run ip netns add d
run ip -all netns exec ip link show lo

echo "== ids =="
# a device moved from here to a namespace: the namespace gets an id here.
ip link add tmp1 type veth peer name tmp2
run ip link set tmp1 netns a name eth0
run ip netns list
run ip -n a link show eth0
run ip link show tmp2
run ip link set tmp2 netns d name eth0
run ip netns list
run ip -n a link show eth0
run ip -n d link show eth0
