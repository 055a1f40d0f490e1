#!/usr/bin/env bash
# The lab's clock with clients that wait (docs/lab.md, "The virtual clock").
#
# In one lab: client 1 blocks forever in recv() and client 2 sleeps for a
# day in nanosleep().  A ping -c 3 -i 1 then takes 2 s of the stack's time
# and next to none of ours: every client waits in the stack, so time jumps
# to the next deadline, the ping's, not to the day's end, and not forever
# through the neighbour table's periodic work.  With client 3 connected
# and idling between calls, the same ping takes the 2 s it takes on Linux:
# time flows at the real pace.  Killing the clients ends the lab.
#
# Against a daemon of its own: with a client blocked forever the daemon
# uses no CPU, a nanosleep of 2^63 s neither overflows nor ends by itself
# (an interrupt leaves KTIME_MAX - now, as on Linux), and SIGTERM stops the
# daemon within a second.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
L=$B/bin/tuxnet
D=$B/bin/tuxnetd
C=$B/tests/tools/daemon_client
[ -x "$L" ] && [ -x "$D" ] && [ -x "$C" ] && [ -x "$B/bin/ping" ] ||
	{ echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

dir=$(mktemp -d)
dpid=
trap '[ -n "$dpid" ] && kill -9 $dpid 2>/dev/null; rm -rf "$dir"' EXIT

# ---- the lab ----
cat >"$dir/lab.sh" <<'INNER'
C=$1 out=$2
ready() { for _ in $(seq 200); do grep -q ready "$1" && return; sleep 0.05; done; echo "no ready in $1"; exit 1; }
ms() { echo $(($(date +%s%N) / 1000000)); }
ip link set lo up
"$C" block 7000 >"$out/block" & b=$!
"$C" sleep 86400 0 >"$out/sleep" & s=$!
ready "$out/block"
ready "$out/sleep"
sleep 0.2 # until the sleep is in the stack
t0=$(ms)
ping -c 3 -i 1 127.0.0.1 >"$out/ping1" || exit 1
echo "fast $(($(ms) - t0))"
"$C" idle >"$out/idle" & i=$!
ready "$out/idle"
t0=$(ms)
ping -c 3 -i 1 127.0.0.1 >"$out/ping2" || exit 1
echo "paced $(($(ms) - t0))"
kill $b $s $i
wait
echo done
INNER
t0=$(now_ms)
# Not $(...): a wedged daemon would keep the pipe open.
timeout -k 2 20 "$L" lab "$dir/lab.sh" "$C" "$dir" >"$dir/lab.out" 2>&1
rc=$?
out=$(cat "$dir/lab.out")
took=$(($(now_ms) - t0))
[ $rc = 0 ] || { echo "$out"; cat "$dir"/ping* 2>/dev/null; fail "lab exited with $rc after $took ms"; }
echo "$out" | grep -qx done || { echo "$out"; fail "lab did not end its clients"; }
echo "ok   the lab ends once its clients are killed ($took ms)"
vms=$(sed -En 's/^3 packets transmitted, 3 received, 0% packet loss, time ([0-9]+)ms$/\1/p' "$dir/ping1")
[ -n "$vms" ] || { cat "$dir/ping1"; fail "ping beside waiting clients"; }
fast=$(echo "$out" | sed -n 's/^fast //p')
[ "$fast" -lt 1000 ] || fail "ping beside waiting clients took $fast ms"
# 2 s of waiting jumped over, plus at most the real time that passed.
[ "$vms" -ge 2000 ] && [ "$vms" -le $((2000 + fast)) ] ||
	fail "ping beside waiting clients: time ${vms}ms in $fast ms"
echo "ok   ping -c 3 -i 1 beside a blocked and a sleeping client: $(grep -o 'time [0-9]*ms' "$dir/ping1") in $fast ms"
grep -q "3 packets transmitted, 3 received, 0% packet loss" "$dir/ping2" ||
	{ cat "$dir/ping2"; fail "ping beside an idle client"; }
paced=$(echo "$out" | sed -n 's/^paced //p')
[ "$paced" -ge 1900 ] && [ "$paced" -lt 5000 ] ||
	fail "ping beside an idle client took $paced ms, not about 2000"
echo "ok   ping -c 3 -i 1 beside a client idle between calls: $paced ms, as on Linux"

# ---- a daemon of our own ----
export TUXNET_SOCK=$dir/sock
"$D" --socket "$TUXNET_SOCK" --clock virtual --foreground --ready-fd 3 \
	3>"$dir/ready" &
dpid=$!
for _ in $(seq 100); do [ -s "$dir/ready" ] && break; sleep 0.05; done
[ -s "$dir/ready" ] || fail "daemon did not start"
"$C" block 7001 >"$dir/block2" &
for _ in $(seq 100); do grep -q ready "$dir/block2" && break; sleep 0.05; done
grep -q ready "$dir/block2" || fail "client did not block"
sleep 0.2
cpu() { awk '{ print $14 + $15 }' "/proc/$dpid/stat"; }
c0=$(cpu)
sleep 1
c1=$(cpu)
# Clock ticks (1/100 s): 5 is 5% of a core.
[ $((c1 - c0)) -le 5 ] || fail "daemon used $((c1 - c0)) ticks in 1 s while everyone waits"
echo "ok   everyone blocked forever: the daemon uses $((c1 - c0)) ticks of CPU in 1 s"

"$C" sleep 9223372036854775807 999999999 300 >"$dir/huge" ||
	fail "huge nanosleep client"
kill -0 $dpid 2>/dev/null || fail "daemon died of a huge nanosleep"
rem=$(sed -n 's/^-1 EINTR \([0-9]*\)\..*/\1/p' "$dir/huge")
# KTIME_MAX is 9223372036.854775807 s; the clock started at 100 s of uptime
# and has run a few seconds since.
[ -n "$rem" ] && [ "$rem" -gt 9223371900 ] && [ "$rem" -le 9223371936 ] ||
	{ cat "$dir/huge"; fail "huge nanosleep: not EINTR with KTIME_MAX - now left"; }
echo "ok   nanosleep(2^63 s): sleeps until interrupted, $rem s left"
"$C" sleep -1 0 >"$dir/neg"
grep -qx -- "-1 Invalid argument" "$dir/neg" || fail "nanosleep(-1 s)"
"$C" sleep 0 1000000000 >"$dir/nsec"
grep -qx -- "-1 Invalid argument" "$dir/nsec" || fail "nanosleep(1e9 ns)"
echo "ok   nanosleep with a bad timespec: EINVAL"

t0=$(now_ms)
kill -TERM $dpid
for _ in $(seq 100); do kill -0 $dpid 2>/dev/null || break; sleep 0.01; done
took=$(($(now_ms) - t0))
kill -0 $dpid 2>/dev/null && fail "SIGTERM did not stop tuxnetd within 1 s"
wait $dpid
rc=$?
dpid=
[ $rc = 0 ] || fail "tuxnetd exited with status $rc"
echo "ok   SIGTERM stops tuxnetd in $took ms with a client blocked forever"
wait
