#!/usr/bin/env bash
# The lab's virtual clock: a ping of 5 packets a second apart takes 4 s of
# the stack's time and next to none of ours, because time jumps ahead
# whenever every client is waiting in the stack.  Between its calls (its
# own work, printing) ping is not waiting, and time flows at the real pace,
# as on Linux, where this ping says "time 4003ms" or so: the few ms above
# 4000 are real.
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
vms=$(echo "$out" | sed -En 's/^5 packets transmitted, 5 received, 0% packet loss, time ([0-9]+)ms$/\1/p')
[ -n "$vms" ] || { echo "$out"; fail "ping output"; }
# 4 s of waiting jumped over, plus at most the real time that passed.
[ "$vms" -ge 4000 ] && [ "$vms" -le $((4000 + ms)) ] ||
	{ echo "$out"; fail "time ${vms}ms in $ms ms of real time"; }
echo "ok   ping -c 5 -i 1: time ${vms}ms of virtual time"
[ $ms -lt 3000 ] || fail "took ${ms} ms of real time"
echo "ok   in ${ms} ms of real time"
