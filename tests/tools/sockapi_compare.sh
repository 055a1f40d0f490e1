#!/usr/bin/env bash
# The same program of socket calls (tests/tools/sockapi.c) against Linux,
# in a fresh namespace with lo up, and against tuxnet, in a lab: TCP's and
# UDP's results, errno for errno and value for value, must be equal (as
# root: the namespace needs it).
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
T=$B/tests/tools
[ -x "$T/sockapi" ] && [ -x "$T/sockapi-host" ] && [ -x "$B/bin/tuxnet" ] ||
	{ echo "not built"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (unshare -n)"; exit 77; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
status=0
for proto in tcp udp; do
	printf 'ip link set lo up\n"$1" %s\n' "$proto" >"$dir/run.sh"
	timeout 60 unshare -n bash "$dir/run.sh" "$T/sockapi-host" \
		>"$dir/linux" 2>&1
	timeout 60 "$B/bin/tuxnet" lab "$dir/run.sh" "$T/sockapi" \
		>"$dir/tuxnet" 2>&1
	if diff -u "$dir/linux" "$dir/tuxnet"; then
		echo "ok   $proto: $(wc -l <"$dir/linux") calls as Linux answers them"
	else
		echo "FAIL $proto: tuxnet differs from Linux"
		status=1
	fi
done
exit $status
