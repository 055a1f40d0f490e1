#!/usr/bin/env bash
# tcp_count.sh FIGURE N1 N2 [BENCH]: instructions per unit of one
# tcp_bench figure on tuxnet, counted by callgrind, which does not depend
# on what else the machine runs.  The figure runs twice, N1 and N2 units
# (round trips for rr, connections for crr, MiB for stream), and the
# difference of the totals over N2 - N1 is the cost of one unit without
# the setup and the warm-up.  Only the figure's own function (tn_rr,
# tn_crr, tn_stream) is counted: the teardown's TIME-WAIT purge walks the
# hash as far as the warm-up's sockets happened to land, and moved a
# figure by up to 150 instructions per round trip from run to run.  Also
# prints the context switches of the N2 run (perf stat), the count of the
# worker's wake-ups.
#
#   bash bench/tcp_count.sh rr 2000 12000
#   bash bench/tcp_count.sh crr 500 2500
#   bash bench/tcp_count.sh stream 16 80
set -eu
fig=${1:?figure: rr, crr or stream}
n1=${2:?N1}
n2=${3:?N2}
bench=${4:-build/bench/tcp_bench}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

args() {
	case $fig in
	rr) echo "-r 1 -b 1 -k 1 -m 0 -q $1" ;;
	crr) echo "-r 1 -b 1 -q 1 -m 0 -k $1" ;;
	stream) echo "-r 1 -q 1 -k 1 -m 0 -b $1" ;;
	*)
		echo "tcp_count.sh: unknown figure $fig" >&2
		exit 2
		;;
	esac
}

ir() {
	# shellcheck disable=SC2046 # the options are words
	valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" \
		--toggle-collect="tn_$fig" \
		"$bench" -s tuxnet $(args "$1") 2>&1 >/dev/null |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

a=$(ir "$n1")
b=$(ir "$n2")
echo "$fig: $(((b - a) / (n2 - n1))) instructions per unit" \
	"($n1: $a, $n2: $b)"
if command -v perf >/dev/null; then
	# shellcheck disable=SC2046
	cs=$(perf stat -x, -e context-switches "$bench" -s tuxnet \
		$(args "$n2") 2>&1 >/dev/null | cut -d, -f1 | tail -n 1)
	echo "$fig: $cs context switches in $n2 units"
fi
