#!/usr/bin/env bash
# Sixteen threads of one client process through tuxnetd (tests/lib/stress.h):
# each thread has its own connection, so a receiver asleep in recv, poll or
# epoll_wait holds up no sender; a socket closed under a sleeper lives until
# the sleeper is done; shutdown from another thread ends the sleepers.
# Nothing is lost beyond the counted drops, and when the process is gone
# the daemon holds none of its sockets.  `make tsan` runs it with tuxnetd
# and the client built with ThreadSanitizer.
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
		--ready-fd 3 3>"$dir/ready" 2>"$dir/daemon.err" &
	dpid=$!
	for _ in $(seq 100); do [ -s "$dir/ready" ] && break; sleep 0.05; done
	[ -s "$dir/ready" ] || fail "daemon did not start"

	timeout 120 "$C" stress 7790 >"$dir/stress.out" 2>&1 ||
		{ cat "$dir/stress.out"; fail "stress ($clock clock)"; }
	grep -q FAIL "$dir/stress.out" && { cat "$dir/stress.out"; fail "stress"; }
	grep "^stress:" "$dir/stress.out"
	echo "ok   $clock clock: 16 threads, nothing lost beyond counted drops"

	# Ports 7790 to 7793 are 1E6E to 1E71 in /proc/net/udp.
	"$C" cat /proc/net/udp >"$dir/udp" || fail "cat /proc/net/udp"
	grep -Eq ":1E(6E|6F|70|71) " "$dir/udp" &&
		{ cat "$dir/udp"; fail "sockets left"; }
	echo "ok   $clock clock: the process's sockets are gone"

	kill -TERM $dpid
	wait $dpid
	rc=$?
	dpid=
	rm -f "$dir/ready"
	[ $rc = 0 ] || { cat "$dir/daemon.err"; fail "tuxnetd exited with status $rc"; }
	# A ThreadSanitizer report in the daemon fails the test.
	grep -q "ThreadSanitizer" "$dir/daemon.err" &&
		{ cat "$dir/daemon.err"; fail "tuxnetd: ThreadSanitizer"; }
	echo "ok   $clock clock: tuxnetd stops cleanly"
done
