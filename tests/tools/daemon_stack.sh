#!/usr/bin/env bash
# tuxnetd with the real stack: malformed and hostile requests get errors
# and leave it serving; a client killed while blocked inside a call (tn_recv
# on a bound UDP socket) leaves no socket behind (the daemon notices the
# hang-up and interrupts the call).
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
D=$B/bin/tuxnetd
C=$B/tests/tools/daemon_client
[ -x "$D" ] && [ -x "$C" ] || { echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

dir=$(mktemp -d)
dpid=
trap '[ -n "$dpid" ] && kill $dpid 2>/dev/null; rm -rf "$dir"' EXIT
export TUXNET_SOCK=$dir/sock
"$D" --socket "$TUXNET_SOCK" --clock real --foreground --ready-fd 3 \
	3>"$dir/ready" &
dpid=$!
for _ in $(seq 100); do [ -s "$dir/ready" ] && break; sleep 0.05; done
[ -s "$dir/ready" ] || fail "daemon did not start"

"$C" garbage >"$dir/garbage.out" || { cat "$dir/garbage.out"; fail "garbage"; }
"$C" hostname | grep -q . || fail "daemon no longer serves after garbage"
echo "ok   malformed requests answered, daemon serving"

timeout 20 "$C" eintr >"$dir/eintr.out" || { cat "$dir/eintr.out"; fail "eintr"; }
echo "ok   a signal ends a blocked call with EINTR"

# Port 7777 is 1E61 in /proc/net/udp.
"$C" block 7777 >"$dir/client.out" &
cpid=$!
for _ in $(seq 100); do grep -q ready "$dir/client.out" && break; sleep 0.05; done
grep -q ready "$dir/client.out" || fail "client did not block"
"$C" cat /proc/net/udp | grep -q ":1E61 " || fail "socket not listed"
echo "ok   blocked client's socket is listed"

kill -9 $cpid
wait $cpid 2>/dev/null
gone=0
for _ in $(seq 100); do
	if ! "$C" cat /proc/net/udp | grep -q ":1E61 "; then
		gone=1
		break
	fi
	sleep 0.05
done
[ $gone = 1 ] || fail "killed client's socket still open"
echo "ok   killed client's socket is gone"

"$C" hostname | grep -q . || fail "daemon no longer serves"
echo "ok   daemon still serves"

# An orderly stop destroys the stack; under LeakSanitizer a leak would make
# the exit status non-zero.
kill -TERM $dpid
wait $dpid
rc=$?
dpid=
[ $rc = 0 ] || fail "tuxnetd exited with status $rc"
echo "ok   tuxnetd stops cleanly"
