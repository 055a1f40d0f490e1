#!/usr/bin/env bash
# tuxnetd gives each client's task the credentials of its connection
# (SO_PEERCRED), and net.ipv4.ping_group_range is checked against them:
# by default ("1 0") nobody may open a ping socket; a range holding the
# client's group lets it; as root, a client whose group is another one
# is judged by that group, not by the daemon's.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
D=$B/bin/tuxnetd
C=$B/tests/tools/daemon_client
S=$B/bin/sysctl
[ -x "$D" ] && [ -x "$C" ] && [ -x "$S" ] || { echo "not built"; exit 77; }
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

g=$(id -g)
out=$("$C" pingsock)
[ "$out" = "Permission denied" ] || fail "default range: $out"
echo "ok   default ping_group_range: EACCES"

"$S" -qw net.ipv4.ping_group_range="$g $g" || fail "sysctl -w"
out=$("$C" pingsock)
[ "$out" = ok ] || fail "range $g $g: $out"
echo "ok   a range holding the client's group lets it"

"$S" -qw net.ipv4.ping_group_range="$((g + 1)) $((g + 1))" || fail "sysctl -w"
out=$("$C" pingsock)
[ "$out" = "Permission denied" ] || fail "range without it: $out"
echo "ok   a range without it: EACCES"

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	other=$((g + 4242))
	"$S" -qw net.ipv4.ping_group_range="$other $other" || fail "sysctl -w"
	out=$(setpriv --regid "$other" --clear-groups "$C" pingsock)
	[ "$out" = ok ] || fail "client with group $other: $out"
	out=$("$C" pingsock)
	[ "$out" = "Permission denied" ] || fail "client with group $g: $out"
	echo "ok   the client's group counts, not the daemon's"
fi
