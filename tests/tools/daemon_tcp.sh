#!/usr/bin/env bash
# TCP through tuxnetd: daemon_client's TCP calls (listen, connect, accept4
# with a short address, write, SIOCOUTQ, read, shutdown, EOF) served by
# tuxnet's own TCP in a `tuxnet lab`, and by the Linux kernel through
# tuxnetd-host in a namespace of its own; both must pass the same checks.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
L=$B/bin/tuxnet
C=$B/tests/tools/daemon_client
[ -x "$L" ] && [ -x "$C" ] && [ -x "$B/bin/tuxnetd" ] || {
	echo "not built"
	exit 77
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '"$1" tcp\n' >"$tmp/s.sh"
"$L" lab "$tmp/s.sh" "$C" >"$tmp/tuxnet" 2>&1
st=$?
cat "$tmp/tuxnet"
[ $st -eq 0 ] && ! grep -q '^FAIL' "$tmp/tuxnet" || {
	echo "FAIL: through tuxnetd"
	exit 1
}
echo "ok   tuxnet's TCP through tuxnetd"
if [ -x "$B/hosttools/tuxnetd" ] && unshare -n -u true 2>/dev/null; then
	unshare -n -u env TUXNETD="$B/hosttools/tuxnetd" "$L" lab \
		"$tmp/s.sh" "$C" >"$tmp/linux" 2>&1 || {
		cat "$tmp/linux"
		echo "FAIL: through tuxnetd-host"
		exit 1
	}
	diff "$tmp/tuxnet" "$tmp/linux" || {
		echo "FAIL: tuxnet and Linux differ"
		exit 1
	}
	echo "ok   the same as Linux's TCP through tuxnetd-host"
fi
