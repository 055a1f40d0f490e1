#!/usr/bin/env bash
# Threads through tuxnetd: a thread blocked in tn_recv() holds up no other
# thread of its process (each has its own connection and task), the fds of
# one are the others' (one fd table per process), a thread's namespace is
# its own (and only connections of one pid can share a table); when the
# process exits the daemon holds none of its sockets.  A forked child has
# its parent's fds, the same sockets, as they were when it forked.
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
for clock in real virtual; do
	"$D" --socket "$TUXNET_SOCK" --clock $clock --foreground \
		--ready-fd 3 3>"$dir/ready" &
	dpid=$!
	for _ in $(seq 100); do [ -s "$dir/ready" ] && break; sleep 0.05; done
	[ -s "$dir/ready" ] || fail "daemon did not start"

	"$C" attach >"$dir/attach.out" 2>&1 ||
		{ cat "$dir/attach.out"; fail "attach ($clock clock)"; }
	echo "ok   $clock clock: one token and one pid share an fd table"

	timeout 30 "$C" threads 7788 >"$dir/threads.out" 2>&1 ||
		{ cat "$dir/threads.out"; fail "threads ($clock clock)"; }
	grep -q FAIL "$dir/threads.out" && { cat "$dir/threads.out"; fail "threads"; }
	echo "ok   $clock clock: calls of thread B finish while A is blocked"
	echo "ok   $clock clock: a forked child has its parent's fds"

	# Ports 7788 and 7789 are 1E6C and 1E6D in /proc/net/udp.
	"$C" cat /proc/net/udp >"$dir/udp" || fail "cat /proc/net/udp"
	grep -q ":1E6[CD] " "$dir/udp" && { cat "$dir/udp"; fail "sockets left"; }
	echo "ok   $clock clock: the process's sockets are gone"

	kill -TERM $dpid
	wait $dpid
	rc=$?
	dpid=
	rm -f "$dir/ready"
	[ $rc = 0 ] || fail "tuxnetd exited with status $rc"
	echo "ok   $clock clock: tuxnetd stops cleanly"
done
