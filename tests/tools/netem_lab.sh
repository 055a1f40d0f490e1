#!/usr/bin/env bash
# tests/net/tc-netem.sh in a lab: netem's delay on a veth end seen by ping
# (every round trip 100 ms longer, then 50 ms after `tc qdisc change`,
# back to none after del), and what tc says.  The script has no Linux
# recording (the recording kernel lacks CONFIG_NET_SCH_NETEM), so its
# facts are checked here; tc's own parse errors are compared with
# iproute2's in tc_compare.sh.
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
L=$B/bin/tuxnet
[ -x "$L" ] && [ -x "$B/bin/tuxnetd" ] && [ -x "$B/bin/ping" ] ||
	{ echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

out=$(cd "$root" && timeout 120 "$L" lab tests/net/tc-netem.sh 2>&1) ||
	{ echo "$out"; fail "lab failed"; }
expect() {
	grep -qxF -- "$1" <<<"$out" || { echo "$out"; fail "missing: $1"; }
	echo "ok   $1"
}
expect "rtt of 3 replies at least 0 ms: yes"
expect "rtt of 3 replies at least 100 ms: yes"
expect "rtt of 3 replies at least 50 ms: yes"
expect "qdisc netem 8NNN: root refcnt 3 limit 1000 delay 100ms"
expect " Sent 294 bytes 3 pkt (dropped 0, overlimits 0 requeues 0) "
expect "qdisc netem 8NNN: root refcnt 3 limit 1000 delay 100ms  10ms 25% loss 1% duplicate 2% reorder 25% 50% corrupt 0.1% rate 1Mbit gap 1"
expect "qdisc netem 1: root refcnt 3 limit 3 loss gemodel p 1% r 10% 1-h 70% 1-k 10% ecn "
expect "Error: Exclusivity flag on, cannot modify."
expect "Error: Parent qdisc is not classful."
expect "qdisc noqueue 0: root refcnt 2 "
[ "$(grep -c ': no$' <<<"$out")" -eq 0 ] || { echo "$out"; fail "a round trip off"; }
