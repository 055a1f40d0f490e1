#!/usr/bin/env bash
# Two labs at once, each with a namespace named "a": `ip netns pids a` and
# `ip netns identify PID` in one lab see only that lab's processes, as two
# Linux hosts would.  Lab 1 holds a process in its "a" (blocked reading a
# fifo, with the shell that started it) while lab 2 asks; then lab 1
# asks too.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
L=$B/bin/tuxnet
[ -x "$L" ] && [ -x "$B/bin/ip" ] || { echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

dir=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; rm -rf "$dir"' EXIT
mkfifo "$dir/hold" "$dir/held"

cat >"$dir/one.sh" <<EOS
ip netns add a
ip netns exec a sh -c 'echo \$\$ >"$dir/pid"; echo >"$dir/held"; cat "$dir/hold" >/dev/null' &
read -r _ <"$dir/held"
echo "one: \$(ip netns pids a | wc -l) \$(ip netns identify \$(cat "$dir/pid"))"
wait
EOS
cat >"$dir/two.sh" <<EOS
ip netns add a
echo "two: \$(ip netns pids a | wc -l) [\$(ip netns identify \$(cat "$dir/pid"))]"
EOS

"$L" lab "$dir/one.sh" >"$dir/one.out" 2>&1 &
lab1=$!
exec 3<>"$dir/held" # keeps the fifo open: lab 1's echo never blocks
for _ in $(seq 200); do [ -s "$dir/pid" ] && break; sleep 0.05; done
[ -s "$dir/pid" ] || fail "lab 1 did not start its process"
out=$(timeout 60 "$L" lab "$dir/two.sh" 2>&1)
echo "$out"
[ "$out" = "two: 0 []" ] || fail "lab 2 sees lab 1's process"
echo >"$dir/hold"
wait $lab1 || fail "lab 1 failed"
cat "$dir/one.out"
grep -qx "one: 2 a" "$dir/one.out" || fail "lab 1 does not see its own process"
echo "ok   each lab sees only its own namespaces' processes"
