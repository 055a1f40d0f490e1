#!/usr/bin/env bash
# The lab's virtual clock: a ping of 5 packets a second apart takes 4 s of
# the stack's time and next to none of ours, because time jumps ahead
# whenever every client is waiting in the stack.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
L=$B/bin/tuxnet
[ -x "$L" ] && [ -x "$B/bin/tuxnetd" ] && [ -x "$B/bin/ping" ] ||
	{ echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat >"$script" <<'INNER'
ip link set lo up
ping -c 5 -i 1 127.0.0.1
INNER
start=$(date +%s%N)
out=$("$L" lab "$script" 2>&1) || { echo "$out"; fail "lab failed"; }
ms=$((($(date +%s%N) - start) / 1000000))
echo "$out" | grep -q "5 packets transmitted, 5 received, 0% packet loss, time 4000ms" ||
	{ echo "$out"; fail "ping output"; }
echo "ok   ping -c 5 -i 1: time 4000ms of virtual time"
[ $ms -lt 3000 ] || fail "took ${ms} ms of real time"
echo "ok   in ${ms} ms of real time"
