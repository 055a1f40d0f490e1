#!/bin/bash
# tcp-child-ehash: net.ipv4.tcp_child_ehash_entries.
#
# Covers: its default and range (0 .. 16 Mi; a negative or larger value is
# refused); a namespace created where it is set gets an established hash of
# its own, that many buckets rounded up to a power of two, which
# tcp_ehash_entries reads positive there (negative where a namespace shares
# the machine's table); tcp_max_tw_buckets and tcp_max_syn_backlog follow
# that size; the value belongs to the creator (the new namespace's own is 0,
# and what it creates shares the table again); 0 stops it.  A TCP
# connection inside such a namespace (nc over lo) works as anywhere.
#
# Lab script: `tuxnet lab tests/net/tcp-child-ehash.sh`; Linux's output is
# tcp-child-ehash.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }
sizes() {
	ip netns exec "$1" sysctl net.ipv4.tcp_ehash_entries \
		net.ipv4.tcp_max_tw_buckets net.ipv4.tcp_max_syn_backlog \
		net.ipv4.tcp_child_ehash_entries
}

echo "== default and range =="
run sysctl net.ipv4.tcp_child_ehash_entries
run sysctl -w net.ipv4.tcp_child_ehash_entries=-1
run sysctl -w net.ipv4.tcp_child_ehash_entries=16777217
run sysctl -w net.ipv4.tcp_child_ehash_entries=16777216
run sysctl net.ipv4.tcp_child_ehash_entries

echo "== sizes, rounded up to a power of two =="
i=0
for n in 1 100 128 129 1000 65536; do
	i=$((i + 1))
	sysctl -q -w net.ipv4.tcp_child_ehash_entries=$n
	run sysctl net.ipv4.tcp_child_ehash_entries
	ip netns add "n$i"
	run sizes "n$i"
done

echo "== the creator's value, not inherited =="
sysctl -q -w net.ipv4.tcp_child_ehash_entries=1000
ip netns add a
run sizes a
# b is created from a, whose own tcp_child_ehash_entries is 0
ip netns exec a bash -c 'ip netns add b &&
	ip netns exec b sysctl -n net.ipv4.tcp_ehash_entries' |
	sed -E 's/^-[0-9]+$/negative: b shares the table/'

echo "== a connection in a namespace with a table of its own =="
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/err"
ip -n a link set lo up
ip netns exec a nc -v -l 127.0.0.1 5000 >"$tmp/out" 2>"$tmp/err" </dev/null &
lpid=$!
exec 3<"$tmp/err"
IFS= read -r line <&3 || true
echo "$line"
run ip netns exec a bash -c 'echo hello | nc -N 127.0.0.1 5000'
rc=0
wait "$lpid" || rc=$?
sed -E 's/ [0-9]+$/ PORT/' <&3
exec 3<&-
cat "$tmp/out"
echo "listener exit $rc"

echo "== 0: no more tables of their own =="
sysctl -q -w net.ipv4.tcp_child_ehash_entries=0
ip netns add z
ip netns exec z sysctl -n net.ipv4.tcp_ehash_entries |
	sed -E 's/^-[0-9]+$/negative: z shares the table/'
