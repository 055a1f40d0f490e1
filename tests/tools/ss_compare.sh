#!/usr/bin/env bash
# ss on libtuxnet-host against iproute2's ss: on the same sockets of the
# real kernel (held by hosttools/sockhold in a fresh namespace), the same
# command lines must print the same and exit the same, off a terminal and
# on terminals of several widths (script(1) gives a pty; ss spreads its
# columns over the width).  Raw sockets are left out (this kernel may lack
# raw_diag, and ss then reads /proc/net/raw); inode numbers and cookies are
# the kernel's and match too, the same sockets being asked about, and so
# do -p's processes (the host build reads /proc/PID/fd), but for ss's own
# pid.  -s is left to tests/net/ss.sh: the kernel frees netlink sockets
# late, and "Total:" would count those of the previous command.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
ours=$BUILD/hosttools/ss
hold=$BUILD/hosttools/sockhold
real=$(command -v ss) || exit 77
command -v script >/dev/null || exit 77
[ -x "$ours" ] && [ -x "$hold" ] || { echo "missing $ours or $hold"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/cases" <<'CASES'
-uan
-ua
-u
-uln
-uanH
-uane
-uanem
-uanmo
-tua
-t
-ta
-uan state established
-uan exclude established
-uan sport = :53
-uan dport != :53
-uan sport gt :4000 or dst 127.0.0.1
-uan ( sport >= :4000 and not sport = :7000 )
-uan src 127.0.0.0/8
-uan dev lo
-uan dev = eth0
-uan autobound
-uan bogus
-uan state nosuch
-4uan
-uanp
CASES

# run SS: every case with SS, off a terminal, then on ptys 80, 120 and 40
# columns wide
run() {
	local line cols
	while read -r line; do
		echo "\$ ss $line"
		# shellcheck disable=SC2086 # the case's words
		"$1" $line 2>&1
		echo "rc=$?"
	done <"$tmp/cases"
	for cols in 80 120 40; do
		for line in "-uan" "-ua" "-uanem" "-tua"; do
			echo "\$ ss $line (tty $cols)"
			script -qc "stty cols $cols; $1 $line" /dev/null 2>&1
		done
	done
}
export -f run
export tmp

out=$(unshare -n bash -c 'ip link set lo up && exec "$@"' _ \
	"$hold" -u 0.0.0.0:53 -u 127.0.0.1:5000 -c 127.0.0.1:53 \
	-u 127.0.0.1:7000 -d lo -u 0.0.0.0:4000 -x 2 -- bash -c '
	run "$1" >"$tmp/real.out"
	run "$2" >"$tmp/ours.out"' _ "$real" "$ours" 2>&1)
[ -z "$out" ] || echo "$out"
# -p lists ss itself among a socket's users: its pid differs by run
sed -i -E 's/\("ss",pid=[0-9]+,/("ss",pid=N,/g' "$tmp/real.out" "$tmp/ours.out"
if ! diff -u "$tmp/real.out" "$tmp/ours.out"; then
	echo "FAIL: ss differs"
	exit 1
fi
exit 0
