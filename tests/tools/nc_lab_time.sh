#!/usr/bin/env bash
# nc's waits in a lab: while stdin is open and silent nc waits on the host
# and on the stack at once, and the lab's time flows at the real pace;
# once stdin has ended it waits on the stack alone, and time jumps.  Here
# stdin gives one line, is silent for a second, gives another and ends:
# both lines must arrive, and the 30 s of -w that follow must take next to
# no real time (the helper thread that waited on the socket meanwhile
# must be asleep in the stack, or the clock could not jump).
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
L=$B/bin/tuxnet
[ -x "$L" ] && [ -x "$B/bin/tuxnetd" ] && [ -x "$B/bin/nc" ] ||
	{ echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/lab.sh" <<'INNER'
set -e
d=$1
ip link set lo up
mkfifo "$d/err"
nc -u -l -n -v -W 2 5000 </dev/null >"$d/out" 2>"$d/err" &
exec 3<"$d/err"
read -r line <&3
echo "$line"
{ echo a; sleep 1; echo b; } | nc -u -n -w 30 127.0.0.1 5000
echo "client exit $?"
wait
cat "$d/out"
INNER
start=$(date +%s%N)
out=$(timeout 60 "$L" lab "$dir/lab.sh" "$dir" 2>&1) || { echo "$out"; fail "lab failed"; }
ms=$((($(date +%s%N) - start) / 1000000))
expected=$(printf 'Bound on 0.0.0.0 5000\nclient exit 0\na\nb')
[ "$out" = "$expected" ] || { echo "$out"; fail "output"; }
echo "ok   both lines across a second of silence on stdin"
[ $ms -ge 1000 ] || fail "${ms} ms: the silence on stdin took no real time"
[ $ms -lt 10000 ] || fail "took ${ms} ms of real time: -w 30 was not jumped over"
echo "ok   -w 30 after the end of stdin in ${ms} ms of real time"
