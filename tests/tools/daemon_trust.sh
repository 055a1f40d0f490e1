#!/usr/bin/env bash
# The client trusts only a socket in a directory that is its own (mode 0700,
# a real directory, not a symbolic link) and a daemon that runs as its own
# uid or as root; the daemon refuses a directory that is not its own; replies
# are checked before they are used.
# Refusals fail the call with EACCES (the directory) or EPERM (the peer) and
# say why on stderr.  Needs root, to be another user (nobody).
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
D=$B/bin/tuxnetd
C=$B/tests/tools/daemon_client
[ -x "$D" ] && [ -x "$C" ] || { echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# Replies are checked before they are used: a lying daemon gets EPROTO.
hdir=$(mktemp -d)
TUXNET_SOCK=$hdir/sock "$C" hostile >"$hdir/out" 2>&1 ||
	{ cat "$hdir/out"; rm -rf "$hdir"; fail "hostile daemon"; }
rm -rf "$hdir"
echo "ok   a lying daemon's replies are refused (EPROTO), nothing overrun"

[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
command -v setpriv >/dev/null || { echo "needs setpriv"; exit 77; }
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

tmp=$(mktemp -d)
chmod 0755 "$tmp" # nobody must reach its own directory inside
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$tmp"' EXIT

# start_daemon SOCK [as_nobody]: a daemon on SOCK, ready when this returns.
start_daemon() {
	local sock=$1 ready
	ready=$(mktemp -u "$tmp/ready.XXXXXX")
	if [ "${2:-}" = nobody ]; then
		# setpriv itself, not a function: $! must be the daemon.
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
			"$D" --socket "$sock" --clock real --foreground \
			--ready-fd 3 3>"$ready" &
	else
		"$D" --socket "$sock" --clock real --foreground --ready-fd 3 \
			3>"$ready" &
	fi
	pids="$pids $!"
	for _ in $(seq 100); do [ -s "$ready" ] && break; sleep 0.05; done
	[ -s "$ready" ] || fail "daemon on $sock did not start"
}

# refused ERRNO-TEXT WHY-TEXT: the client fails so, and says why.
refused() {
	local out
	out=$(TUXNET_SOCK=$sock "$C" hostname 2>&1) && fail "accepted: $sock"
	echo "$out" | grep -q "daemon_client: $1" ||
		fail "$sock: not '$1': $out"
	echo "$out" | grep -q "libtuxnet-client: refusing .*$2" ||
		fail "$sock: no reason '$2': $out"
}

good=$tmp/good
mkdir -m 0700 "$good"
start_daemon "$good/sock"
sock=$good/sock
TUXNET_SOCK=$sock "$C" hostname | grep -q . || fail "good directory refused"
echo "ok   a directory of ours with mode 0700"

chmod 0755 "$good"
refused "Permission denied" "mode 0755, not 0700"
chmod 0770 "$good"
refused "Permission denied" "mode 0770, not 0700"
chmod 0700 "$good"
echo "ok   group or other access: EACCES"

chown nobody "$good"
refused "Permission denied" "owned by uid $(id -u nobody), not by uid 0"
chown root "$good"
echo "ok   another owner: EACCES"

ln -s "$good" "$tmp/link"
sock=$tmp/link/sock
refused "Permission denied" "symbolic link"
echo "ok   a symbolic link: EACCES"

# A listener of another uid (nobody) whose socket sits in our own good
# directory: the peer check (SO_PEERCRED) catches it.
mine=$tmp/mine
mkdir -m 0700 "$mine"
theirs=$tmp/theirs
mkdir -m 0700 "$theirs"
chown nobody "$theirs"
start_daemon "$theirs/sock" nobody
as_nobody env TUXNET_SOCK="$theirs/sock" "$C" hostname | grep -q . ||
	fail "nobody's own daemon refused to nobody"
mv "$theirs/sock" "$mine/sock"
sock=$mine/sock
refused "Operation not permitted" "runs as uid $(id -u nobody), not as uid 0"
echo "ok   a daemon of another uid: EPERM"

# The daemon refuses a directory that is not its own, open to others, or a
# symbolic link; it makes a missing one with mode 0700.
mkdir -m 0755 "$tmp/open"
mkdir -m 0700 "$tmp/other"
chown nobody "$tmp/other"
ln -s "$mine" "$tmp/link2"
for bad in open other link2; do
	"$D" --socket "$tmp/$bad/sock" --foreground --ready-fd 3 \
		3>"$tmp/r.$bad" 2>"$tmp/err.$bad" &
	p=$!
	wait $p && fail "daemon used $bad"
	grep -q "tuxnetd: refusing" "$tmp/err.$bad" ||
		fail "$bad: $(cat "$tmp/err.$bad")"
done
start_daemon "$tmp/made/sock"
[ "$(stat -c %a "$tmp/made")" = 700 ] || fail "made directory not 0700"
sock=$tmp/made/sock
TUXNET_SOCK=$sock "$C" hostname | grep -q . || fail "made directory refused"
echo "ok   daemon: refuses others' directories, makes its own 0700"
