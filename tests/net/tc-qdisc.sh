#!/bin/bash
# tc-qdisc: `tc qdisc` on lo and a veth pair: the defaults, add, replace,
# change, link, del, show (-s, -d, -j), handles, and the errors and exit
# codes of tc and of the kernel.
#
# Covers: noqueue as the default of lo and veth (noop, not shown, before the
# first up), pfifo/bfifo/pfifo_fast/noqueue as root qdiscs, their limits
# (txqueuelen, `limit` in packets or sizes), refcnt (1 + tx queues), the
# NLM_F_CREATE/EXCL/REPLACE rules of add/replace/change/link, deleting back
# to the default, `ip link` naming the qdisc, kinds the stack lacks
# (ENOENT "Specified qdisc kind is unknown"), tc's own parse errors.
#
# Handles chosen by the kernel (8001: ...) come from a counter Linux keeps
# for the whole machine, so the script prints them as 8NNN:.
#
# Lab script: `tuxnet lab tests/net/tc-qdisc.sh`; Linux's output is
# tc-qdisc.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" 2>&1 | sed 's/\b8[0-9a-f][0-9a-f][0-9a-f]:/8NNN:/g' || rc=${PIPESTATUS[0]}; rc=${PIPESTATUS[0]}; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only.
netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

netns a
ip -n a link add v0 type veth peer name v1

echo "== defaults =="
run ip netns exec a tc qdisc show
run ip netns exec a tc -s qdisc show dev v0
run ip -n a link set lo up
run ip -n a link set v0 up
run ip -n a link set v1 up
run ip netns exec a tc qdisc show
run ip netns exec a tc qdisc ls dev lo
run ip netns exec a tc -s qdisc list dev v1
run ip netns exec a tc -d qdisc show dev v0
run ip netns exec a tc -j qdisc show
run ip netns exec a tc -j -s qdisc show dev lo
run ip netns exec a tc qdisc
run ip netns exec a tc qd sh

echo "== add =="
run ip netns exec a tc qdisc add dev v0 root pfifo limit 10
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc add dev v0 root pfifo limit 10
run ip netns exec a tc qdisc add dev v0 root bfifo
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc add dev v0 root handle 5: pfifo
run ip netns exec a tc qdisc del dev v0 root
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc add dev v0 root handle 5: pfifo
run ip netns exec a tc qdisc show
run ip -n a link show v0
run ip netns exec a tc -s qdisc show dev v0
run ip netns exec a tc -j qdisc show dev v0
run ip netns exec a tc -j -s qdisc show dev v0
run ip netns exec a tc -p -j qdisc show dev v0

echo "== change, replace, link =="
run ip netns exec a tc qdisc change dev v0 root pfifo limit 7
run ip netns exec a tc qdisc change dev v0 handle 5: pfifo limit 8
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc change dev v0 handle 5: bfifo limit 8
run ip netns exec a tc qdisc change dev v0 handle 6: pfifo limit 8
run ip netns exec a tc qdisc change dev v0 root
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc replace dev v0 root pfifo limit 20
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc replace dev v0 root handle 5: bfifo
run ip netns exec a tc qdisc replace dev v0 root handle 6: bfifo limit 3k
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc link dev v0 root pfifo
run ip netns exec a tc qdisc link dev v0 root bfifo limit 2m
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc change dev v0 root pfifo_fast
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc -s qdisc show dev v0
run ip netns exec a tc qdisc replace dev v0 root noqueue
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc replace dev v0 root bfifo limit 1
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc replace dev v0 root bfifo limit 1500
run ip netns exec a tc qdisc replace dev v0 root bfifo limit 1000000
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc replace dev v0 root bfifo limit 1048576
run ip netns exec a tc qdisc show dev v0

echo "== del =="
run ip netns exec a tc qdisc del dev v0 root pfifo
run ip netns exec a tc qdisc del dev v0 handle 6:
run ip netns exec a tc qdisc del dev v0 handle 9:
run ip netns exec a tc qdisc del dev v0 root handle 9:
run ip netns exec a tc qdisc del dev v0 root
run ip netns exec a tc qdisc del dev v0 root
run ip netns exec a tc qdisc show dev v0
run ip netns exec a tc qdisc add dev v0 handle 7: root pfifo_fast
run ip netns exec a tc qdisc del dev v0 root handle 7: pfifo_fast
run ip netns exec a tc qdisc show dev v0

echo "== lo and txqueuelen =="
run ip -n a link set lo txqueuelen 50
run ip netns exec a tc qdisc add dev lo root pfifo
run ip netns exec a tc qdisc add dev lo root handle 1: bfifo
run ip netns exec a tc qdisc replace dev lo root handle 1: bfifo
run ip netns exec a tc qdisc show dev lo
run ip -n a link show lo
run ip -n a link set lo down
run ip netns exec a tc qdisc show dev lo
run ip -n a link set lo up
run ip netns exec a tc qdisc del dev lo root
run ip netns exec a tc qdisc show dev lo

echo "== kinds the stack lacks =="
run ip netns exec a tc qdisc add dev v0 root cake
run ip netns exec a tc qdisc add dev v0 root fq
run ip netns exec a tc qdisc add dev v0 root sfq
run ip netns exec a tc qdisc add dev v0 root foo
run ip netns exec a tc qdisc add dev v0 root noop
run ip netns exec a tc qdisc add dev v0 root
run ip netns exec a tc qdisc add dev v0 parent ffff:fff1 pfifo
run ip netns exec a tc qdisc add dev v0 parent 1:1 pfifo
run ip netns exec a tc qdisc add dev v0 parent 1: handle 2: pfifo
run ip netns exec a tc qdisc show dev v0

echo "== errors =="
run ip netns exec a tc qdisc add dev nope root pfifo
run ip netns exec a tc qdisc show dev nope
run ip netns exec a tc qdisc add dev v0 pfifo
run ip netns exec a tc qdisc add root pfifo
run ip netns exec a tc qdisc add dev v0 root pfifo limit abc
run ip netns exec a tc qdisc add dev v0 root pfifo limit 4294967296
run ip netns exec a tc qdisc add dev v0 root pfifo limit
run ip netns exec a tc qdisc add dev v0 root pfifo foo
run ip netns exec a tc qdisc add dev v0 root pfifo_fast foo
run ip netns exec a tc qdisc add dev v0 root noqueue foo
run ip netns exec a tc qdisc add dev v0 root foo bar
run ip netns exec a tc qdisc add dev v0 root handle x: pfifo
run ip netns exec a tc qdisc add dev v0 root handle 10000: pfifo
run ip netns exec a tc qdisc add dev v0 root root pfifo
run ip netns exec a tc qdisc add dev v0 dev v1 root pfifo
run ip netns exec a tc qdisc add dev v0 parent x pfifo
run ip netns exec a tc qdisc show dev
run ip netns exec a tc qdisc foo
run ip netns exec a tc foo
run ip netns exec a tc -x qdisc
run ip netns exec a tc qdisc help
run ip netns exec a tc -V
run ip netns exec a tc qdisc show dev v0
