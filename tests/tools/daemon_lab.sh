#!/usr/bin/env bash
# `tuxnet lab`: a private daemon, the script's arguments, environment, stdin
# and exit status, and nothing left behind.  Uses bin/tuxnetd once it is
# built, else tuxnetd-host in namespaces of its own.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
L=$B/bin/tuxnet
C=$B/tests/tools/daemon_client
[ -x "$L" ] && [ -x "$C" ] || { echo "not built"; exit 77; }
if [ -x "$B/bin/tuxnetd" ]; then
	lab() { "$L" lab "$@"; }
	real=1
else
	unshare -n -u true 2>/dev/null || { echo "needs unshare"; exit 77; }
	lab() { unshare -n -u env TUXNETD="$B/hosttools/tuxnetd" "$L" lab "$@"; }
	real=0
fi
fail() { echo "FAIL: $*"; exit 1; }

"$L" --help | grep -q "tuxnet lab" || fail "--help"
"$L" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no arguments: status"
"$L" 2>&1 | grep -q "^Usage: tuxnet lab" || fail "no arguments: usage"
"$L" frob >/dev/null 2>&1 && fail "unknown command accepted"
echo "ok   usage"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/s.sh" <<'INNER'
echo "args: $#: $1 $2"
echo "path0: ${PATH%%:*}"
dir=$(dirname "$TUXNET_SOCK")
echo "$dir" >"$OUT/dir"
[ -S "$TUXNET_SOCK" ] && echo "socket: yes"
echo "dir mode: $(stat -c %a "$dir")"
read -r line && echo "stdin: $line"
"$CLIENT" hostname >"$OUT/hostname" || echo "hostname failed"
exit 3
INNER
out=$(echo hello | OUT=$tmp CLIENT=$C lab "$tmp/s.sh" "a b" c)
rc=$?
[ $rc -eq 3 ] || fail "exit status $rc, not 3"
expect="args: 2: a b c
path0: $B/bin
socket: yes
dir mode: 700
stdin: hello"
[ "$out" = "$expect" ] || fail "script saw:
$out"
[ ! -e "$(cat "$tmp/dir")" ] || fail "lab directory left behind"
[ -s "$tmp/hostname" ] || fail "no hostname from the daemon"
if [ $real = 1 ]; then
	[ "$(cat "$tmp/hostname")" = tuxnet ] || fail "hostname"
fi
echo "ok   arguments, PATH, TUXNET_SOCK, stdin, exit status, cleanup"

echo 'kill -TERM $$' >"$tmp/k.sh"
lab "$tmp/k.sh"
rc=$?
[ $rc -eq 143 ] || fail "killed script: status $rc, not 143"
echo "ok   a script killed by SIGTERM: 143"

out=$(TUXNETD=/bin/false "$L" lab "$tmp/s.sh" 2>&1)
rc=$?
[ $rc -eq 1 ] || fail "no daemon: status $rc"
case $out in *"did not start"*) ;; *) fail "no daemon: $out" ;; esac
echo "ok   a daemon that does not start"
