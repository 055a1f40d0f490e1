#!/usr/bin/env bash
# How tc prints netem, against iproute2 6.1's tc: the same saved
# RTM_NEWQDISC messages (netem_msgs.py: every option alone, edge values,
# 300 random combinations, with and without statistics) go through
# `tc monitor file` of both, with and without -s and -d, and must print
# the same.  The kernel plays no part (it may lack netem), so this also
# runs where netem cannot be added.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
ours=$BUILD/hosttools/tc
real=$(command -v tc) || exit 77
command -v python3 >/dev/null || exit 77
[ -x "$ours" ] || { echo "missing $ours"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

python3 "$root/tests/tools/netem_msgs.py" >"$tmp/msgs" || exit 1
for opt in "" -s -d -iec; do
	"$real" $opt monitor file "$tmp/msgs" >"$tmp/real" 2>&1
	echo "rc=$?" >>"$tmp/real"
	"$ours" $opt monitor file "$tmp/msgs" >"$tmp/ours" 2>&1
	echo "rc=$?" >>"$tmp/ours"
	if diff -u "$tmp/real" "$tmp/ours"; then
		echo "ok   tc $opt monitor file: $(($(wc -l <"$tmp/real") - 1)) lines"
	else
		failed=1
	fi
done
# a file cut short, and one that is not there
head -c 100 "$tmp/msgs" >"$tmp/short"
for f in "$tmp/short" "$tmp/none"; do
	"$real" monitor file "$f" >"$tmp/real" 2>&1
	echo "rc=$?" >>"$tmp/real"
	"$ours" monitor file "$f" >"$tmp/ours" 2>&1
	echo "rc=$?" >>"$tmp/ours"
	diff -u "$tmp/real" "$tmp/ours" || failed=1
done
[ $failed -eq 0 ]
