#!/usr/bin/env bash
# The client library and tuxnetd's transport, checked against the Linux
# kernel: tuxnetd-host (the daemon over libtuxnet-host) in a network and UTS
# namespace of its own, run by `tuxnet lab`, serves daemon_client's calls;
# their results must be Linux's.  Then malformed requests must get errors
# and leave the daemon serving.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
D=$B/hosttools/tuxnetd
C=$B/tests/tools/daemon_client
L=$B/bin/tuxnet
for f in "$D" "$C" "$L"; do
	[ -x "$f" ] || { echo "not built: $f"; exit 77; }
done
unshare -n -u true 2>/dev/null || { echo "needs unshare -n -u"; exit 77; }

script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat >"$script" <<'INNER'
set -e
C=$1
"$C" calls
"$C" garbage
# TUXNET_NETNS is entered on connection; a missing one fails the first call.
if TUXNET_NETNS=no-such-ns "$C" hostname 2>err; then
	echo "FAIL: TUXNET_NETNS=no-such-ns worked"; exit 1
fi
grep -q "No such file or directory" err || { cat err; exit 1; }
rm -f err
echo "ok   TUXNET_NETNS is entered"
INNER
unshare -n -u env TUXNETD="$D" "$L" lab "$script" "$C" || exit 1

# No daemon: ENOENT for a missing socket, ECONNREFUSED for a dead one.
dir=$(mktemp -d)
trap 'rm -f "$script"; rm -rf "$dir"' EXIT
out=$(TUXNET_SOCK=$dir/none "$C" hostname 2>&1) && exit 1
[ "$out" = "daemon_client: No such file or directory" ] || { echo "$out"; exit 1; }
echo "ok   no socket: ENOENT"
# start_daemon: tuxnetd-host on $dir/sock; sets $pid once it listens.
start_daemon() {
	rm -f "$dir/ready"
	mkfifo "$dir/ready"
	unshare -n -u "$D" --socket "$dir/sock" --foreground --ready-fd 3 \
		3>"$dir/ready" &
	pid=$!
	local r=
	read -r -n1 r <"$dir/ready"
	[ "$r" = r ] || { echo "FAIL: the daemon did not start"; exit 1; }
}

start_daemon 2>"$dir/err"
[ "$(stat -c %a "$dir/sock")" = 600 ] || { echo "FAIL: socket mode"; exit 1; }
echo "ok   socket mode 0600"
TUXNET_SOCK=$dir/sock "$C" hostname >/dev/null || exit 1
echo "ok   served"
# A client blocked in a call holds up no other; killed, it is noticed when
# the call returns (EPIPE on the reply) and its thread ends.
mkfifo "$dir/blocked"
TUXNET_SOCK=$dir/sock "$C" block 5555 >"$dir/blocked" &
bpid=$!
read -r line <"$dir/blocked"
[ "$line" = ready ] || { echo "FAIL: block"; exit 1; }
TUXNET_SOCK=$dir/sock "$C" hostname >/dev/null || exit 1
echo "ok   served while another client is blocked"
kill -KILL $bpid
{ wait $bpid; } 2>/dev/null
TUXNET_SOCK=$dir/sock "$C" poke 5555 || exit 1
kill -TERM $pid
wait $pid || { echo "FAIL: exit status $? after SIGTERM"; exit 1; }
[ ! -e "$dir/sock" ] || { echo "FAIL: socket left behind"; exit 1; }
if grep -q "still busy" "$dir/err"; then
	echo "FAIL: the dead client's thread was left behind"; exit 1
fi
echo "ok   SIGTERM: orderly exit, socket removed, no thread left"

# A directory others may write to is refused.
mkdir -m 0777 "$dir/open"
chmod 0777 "$dir/open"
if "$D" --socket "$dir/open/sock" --foreground 2>/dev/null; then
	echo "FAIL: socket in a world-writable directory"; exit 1
fi
echo "ok   unsafe directory refused"

# A second daemon on a live socket refuses to start.
start_daemon
if "$D" --socket "$dir/sock" --foreground 2>/dev/null; then
	echo "FAIL: two daemons on one socket"; exit 1
fi
echo "ok   one daemon per socket"

# Killed outright, it leaves a socket nobody listens on.
kill -KILL $pid
{ wait $pid; } 2>/dev/null
out=$(TUXNET_SOCK=$dir/sock "$C" hostname 2>&1) && exit 1
[ "$out" = "daemon_client: Connection refused" ] || { echo "$out"; exit 1; }
echo "ok   dead daemon: ECONNREFUSED"
# ... which the next daemon replaces.
start_daemon
TUXNET_SOCK=$dir/sock "$C" hostname >/dev/null || exit 1
kill -TERM $pid
wait $pid || exit 1
echo "ok   stale socket replaced"
