#!/bin/bash
# hostname: the hostname tool.
#
# On Linux the host name belongs to the UTS namespace, not to the network
# namespace, and `ip netns exec` changes only the network namespace (and the
# mounts): a name set inside `ip netns exec a` is the name seen everywhere,
# in every network namespace and in the script's own.  tests/net/record.sh runs
# the script in a UTS namespace of its own, so the machine keeps its name.
#
# Covers: setting and reading (also from namespaces), -s, -b, -F FILE, the
# 64-byte limit, invalid names and exit codes.  No option that looks names up
# (-a, -d, -f, -i, -A, -I) is used.
#
# Lab script: `tuxnet lab tests/net/hostname.sh`; Linux's output is
# hostname.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== set and read =="
ip netns add a
ip netns add b
run hostname lab.example
run hostname
run hostname -s
run ip netns exec a hostname

echo "== set from a namespace: one name for all =="
run ip netns exec a hostname alpha
run ip netns exec a hostname
run ip netns exec b hostname
run hostname

echo "== -b and -F =="
run hostname -b beta
run hostname
printf 'gamma\n' > "$tmp/name"
echo '$ hostname -F FILE'
rc=0; hostname -F "$tmp/name" || rc=$?; echo "exit $rc"
run hostname
run hostname -F /nonexistent/name
run hostname

echo "== names =="
run hostname a.b.c.d
run hostname -s
run hostname "$(printf 'x%.0s' {1..64})"
run hostname
run hostname "$(printf 'x%.0s' {1..65})"
run hostname 'bad name'
run hostname ''
run hostname
