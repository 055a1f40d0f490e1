#!/usr/bin/env bash
# /proc/net/fib_trie and /proc/net/fib_triestat against the kernel's: the
# same random prefixes added through RTM_NEWROUTE in the same order (then
# every third one deleted) must build the same LC-trie, printed the same.
# bench/fib_bench does the work on both sides (the kernel's in a fresh
# network namespace) and prints both files at each step.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
bench=$BUILD/bench/fib_bench
[ -x "$bench" ] || { echo "missing $bench"; exit 1; }
command -v ip >/dev/null || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

for n in 1 2 40 3000; do
	"$bench" -n "$n" -l 100 -T >"$tmp/out" 2>&1 || {
		cat "$tmp/out"
		exit 1
	}
	if grep -q '^linux: skipped' "$tmp/out"; then
		grep '^linux: skipped' "$tmp/out"
		exit 77
	fi
	awk -v t="$tmp/tuxnet" -v l="$tmp/linux" '
		/^# tuxnet \//	{ o = 1 }
		/^# linux \//	{ o = 2 }
		/^(tuxnet|linux|ratio) / { o = 0 }
		o == 1 { sub(/^# tuxnet /, "# "); print > t }
		o == 2 { sub(/^# linux /, "# "); print > l }' "$tmp/out"
	if [ ! -s "$tmp/linux" ] || ! diff -u "$tmp/linux" "$tmp/tuxnet"; then
		echo "DIFF: $n routes"
		failed=$((failed + 1))
	else
		echo "ok   $n routes: $(grep -c . "$tmp/tuxnet") lines alike"
	fi
	rm -f "$tmp/tuxnet" "$tmp/linux"
done
[ "$failed" -eq 0 ]
