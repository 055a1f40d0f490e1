#!/usr/bin/env bash
# The runner's own tests: every script in tests/packetdrill/ must PASS,
# and every deliberately broken one in tests/packetdrill/broken/ must FAIL
# with the reason its first line gives ("// expect-fail: REASON"), so a
# runner that passes everything fails here.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
pd=$BUILD/bin/tuxnet-packetdrill
status=0
for f in tests/packetdrill/*.pkt; do
	out=$("$pd" "$f")
	rc=$?
	if [ $rc -ne 0 ] || [ "$out" != "PASS $f" ]; then
		echo "expected PASS: $out (exit $rc)"
		status=1
	fi
done
for f in tests/packetdrill/broken/*.pkt; do
	want=$(sed -n '1s|^// expect-fail: ||p' "$f")
	out=$("$pd" "$f")
	rc=$?
	if [ $rc -ne 1 ] || [ "$out" != "FAIL $f: $want" ]; then
		echo "expected 'FAIL $f: $want'"
		echo "     got '$out' (exit $rc)"
		status=1
	fi
done
# Scripts of our own for the TCP grammar parse (they run once TCP exists).
for f in tests/packetdrill/grammar/*.pkt; do
	out=$("$pd" --parse-only "$f")
	[ "$out" = "PASS $f" ] || {
		echo "expected to parse: $out"
		status=1
	}
done
# -D SYM=val, both spellings; without them the script does not parse.
f=tests/packetdrill/defines/udp-defines.pkt
out=$("$pd" -D LEN=12 -DFLAGS=MSG_DONTWAIT "$f")
[ "$out" = "PASS $f" ] || {
	echo "-D: $out"
	status=1
}
"$pd" "$f" >/dev/null && {
	echo "$f passes without its -D symbols"
	status=1
}
# -v traces packets on stderr; stdout keeps its one line.
f=tests/packetdrill/udp-basic.pkt
out=$("$pd" -v "$f" 2>/dev/null)
trace=$("$pd" -v "$f" 2>&1 >/dev/null)
if [ "$out" != "PASS $f" ] || ! grep -q '^0.000000 line 6: > udp 8080>8080 (10)$' <<<"$trace"; then
	echo "-v: '$out' / '$trace'"
	status=1
fi
# Several scripts in one run: one line each, exit 1 if any failed.
n=$("$pd" tests/packetdrill/udp-basic.pkt tests/packetdrill/broken/wrong-errno.pkt |
	wc -l)
"$pd" tests/packetdrill/udp-basic.pkt tests/packetdrill/broken/wrong-errno.pkt \
	>/dev/null
rc=$?
if [ "$n" -ne 2 ] || [ $rc -ne 1 ]; then
	echo "two scripts: $n lines, exit $rc (want 2 lines, exit 1)"
	status=1
fi
# Command-line options override the script's: --remote_ip moves the peer.
out=$("$pd" --remote_ip=192.0.2.7 tests/packetdrill/udp-basic.pkt)
[ "$out" = "PASS tests/packetdrill/udp-basic.pkt" ] || {
	echo "--remote_ip: $out"
	status=1
}
out=$("$pd" --bogus tests/packetdrill/udp-basic.pkt 2>&1)
[ $? -eq 2 ] || {
	echo "an unknown option must exit 2: $out"
	status=1
}
[ $status -eq 0 ] && echo "runner self-tests: all as expected"
exit $status
