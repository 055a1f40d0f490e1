#!/usr/bin/env bash
# nc on libtuxnet-host against Debian's netcat-openbsd 1.219, on Linux's
# own TCP and UDP: the lab scripts of tests/net that use nc (the TCP one
# too, which tuxnet cannot run yet) with our nc first on PATH must print
# their Linux recordings; then more cases, each run with the real nc and
# with ours in a fresh network namespace (lo up), must print the same on
# stdout and stderr and exit the same.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
ours=$BUILD/hosttools/nc
real=/bin/nc.openbsd
[ -x "$real" ] || exit 77
command -v unshare >/dev/null || exit 77
[ -x "$ours" ] || { echo "missing $ours"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# Both run as plain "nc" from PATH, so getopt's messages agree.
mkdir "$tmp/real" "$tmp/ours"
ln -s "$real" "$tmp/real/nc"
ln -s "$ours" "$tmp/ours/nc"

# The lab scripts, with our nc, against what Linux's printed.
cd "$root"
for name in nc-udp nc-tcp; do
	if ! TIMEOUT=60 bash tests/net/compare.sh "$name" \
		env PATH="$tmp/ours:$PATH" tests/net/linux-lab.sh; then
		echo "DIFF: lab script $name"
		failed=$((failed + 1))
	fi
done

# What each case runs first: lo up, and `listen ARGS...` to start a
# listener in the background, its stderr in $t/lerr, waiting for its first
# line (the -v one) without sleeping; `finish` waits for it and shows all.
cat >"$tmp/prelude" <<'PRELUDE'
ip link set lo up
listen() {
	rm -f "$t/lerr"
	mkfifo "$t/lerr"
	nc "$@" >"$t/lout" 2>"$t/lerr" <"${lin:-/dev/null}" &
	lpid=$!
	exec 3<"$t/lerr"
	IFS= read -r line <&3
	echo "L: $line"
}
finish() {
	local rc=0
	wait "$lpid" || rc=$?
	sed 's/^/L: /' <&3
	exec 3<&-
	od -An -c "$t/lout" | sed 's/^/L:/'
	echo "L: rc=$rc"
}
PRELUDE

# check CODE: runs the bash CODE with each nc; compares.
check() {
	local impl
	for impl in real ours; do
		mkdir -p "$tmp/t.$impl"
		unshare -n bash -c 'PATH=$1:$PATH t=$2; . "$3"; eval "$4"
			echo "rc=$?"' _ "$tmp/$impl" "$tmp/t.$impl" "$tmp/prelude" "$1" \
			>"$tmp/$impl.out" 2>"$tmp/$impl.err"
		rm -rf "$tmp/t.$impl"
	done
	if ! diff -u "$tmp/real.out" "$tmp/ours.out" ||
		! diff -u "$tmp/real.err" "$tmp/ours.err"; then
		echo "DIFF: $1"
		failed=$((failed + 1))
	fi
}

# Options and their errors.
check 'nc -4 -6 127.0.0.1 1'
check 'nc -v -6 127.0.0.1 1'
check 'nc -v -4 ::1 1'
check 'nc -U'
check 'nc -U -l'
check 'nc -U /nonexistent 1'
check 'nc -i -1 127.0.0.1 1'
check 'nc -I 0 127.0.0.1 1'
check 'nc -O 99999999999 127.0.0.1 1'
check 'nc -m x 127.0.0.1 1'
check 'nc -T 0x100 127.0.0.1 1'
check 'nc -q 99999999999 127.0.0.1 1'
check 'nc -x 10.0.0.1 -l 1'
check 'nc -x 10.0.0.1 -s 127.0.0.1 127.0.0.1 1'
check 'nc -X connect 127.0.0.1'
check 'nc -l 1 2'
check 'nc -l -s 127.0.0.1 1'
check 'nc -p 1 127.0.0.1'
check 'nc 127.0.0.1 1 2 3'
check 'nc -v -z 127.0.0.1 3-1'
check 'nc -v -z 127.0.0.1 http'
check 'nc -v -z localhost 1'
check 'nc -v -z -w 1 127.0.0.1 65535-65536'
check 'nc -u -v -s 10.9.9.9 127.0.0.1 1'
check 'nc -v -p http 127.0.0.1 1'
check 'nc -v -n -T lowdelay -M 7 -I 4096 -O 4096 127.0.0.1 1'

# TCP and UDP on lo.  Clients bind fixed ports (-p), so that the
# listeners' lines agree.
check 'listen -l -v 127.0.0.1 7000; printf "a\nb\n" | nc -C -N -p 4000 127.0.0.1 7000; finish'
check 'listen -l -n -v 7001; printf "x\n" | nc -d -w 1 -N -p 4001 127.0.0.1 7001; finish'
check 'listen -l -n -v -W 1 7002; printf "x\n" | nc -N -p 4002 127.0.0.1 7002; finish'
check 'lin=/dev/zero listen -l -n -v 7003; nc -d -p 4003 127.0.0.1 7003 | head -c 5 | od -An -c; finish'
check 'listen -l -k -n -v 7004; echo 1 | nc -N -p 4004 127.0.0.1 7004;
	echo 2 | nc -N -p 4005 127.0.0.1 7004; kill $lpid; finish'
# The listener closes only once the answer is back: a FIN read in the same
# pass as the unprinted IAC makes 1.219 answer again on fd -1 ("Write
# Error!"), and whether it comes that soon is the scheduler's choice.
check 'mkfifo "$t/iac"; { printf "\377\375\001x"
	for i in $(seq 1000); do
		[ "$(stat -c %s "$t/lout" 2>/dev/null)" = 3 ] && break; sleep 0.01
	done
	} >"$t/iac" & lin=$t/iac listen -l -N -n -v 7005;
	nc -t -p 4006 127.0.0.1 7005 </dev/null | od -An -c; finish'
check 'listen -u -l -k -n -v 7006; echo 1 | nc -u -q 0 -p 4007 127.0.0.1 7006;
	echo 2 | nc -u -q 0 -p 4008 127.0.0.1 7006; echo 3 | nc -u -q 0 -p 4008 127.0.0.1 7006;
	for i in $(seq 400); do [ "$(wc -c <"$t/lout")" -ge 6 ] && break; sleep 0.05; done
	kill $lpid; finish'
check 'listen -u -l -v -s 127.0.0.1 -p 7007 -W 1; echo u | nc -u -q 0 -p 4009 127.0.0.1 7007; finish'
check 'listen -u -l -n -v -W 2 7008; printf "1\n2\n" | nc -u -i 1 -q 0 -p 4010 127.0.0.1 7008; finish'
check 'nc -v -u -w 1 127.0.0.1 7009 </dev/null'

echo "$failed failed"
[ "$failed" -eq 0 ]
