#!/usr/bin/env bash
# The project's own packetdrill scripts (tests/packetdrill/scripts/).
#
#   own.sh            against tuxnet, in virtual time: prints the pass count
#                     and fails if a script fails without being listed in
#                     own-expected-fail.txt or passes while listed.
#   own.sh --kernel   against the host's Linux kernel (root: each script in
#                     a fresh network namespace with a real tun0), where
#                     every script must pass: that is its proof.  Skipped
#                     (77) when not root.
#
# In --kernel mode time is real and the machine may be busy: scripts run
# at nice -10 with --tolerance_usecs=$PD_KERNEL_TOLERANCE (100 ms unless
# set; the 12.5 % rule still applies to longer gaps), and a script that
# fails is run once more before it counts as failed (the retry is shown).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
pd=$PWD/$BUILD/bin/tuxnet-packetdrill
dir=tests/packetdrill/scripts
list=tests/packetdrill/own-expected-fail.txt
# shellcheck source=expect-list.sh
source tests/packetdrill/expect-list.sh
mapfile -t scripts < <(cd "$dir" && ls -- *.pkt | sort)
if [ ${#scripts[@]} -eq 0 ]; then
	echo "no .pkt under $dir"
	exit 1
fi

if [ "${1:-}" = --kernel ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: --kernel needs root (a network namespace and a tun device)"
		exit 77
	fi
	tol=${PD_KERNEL_TOLERANCE:-100000}
	status=0 passed=0
	for s in "${scripts[@]}"; do
		line=$(cd "$dir" && nice -n -10 "$pd" --kernel --tolerance_usecs="$tol" "$s" 2>&1 | tail -n 1)
		if [ "${line%% *}" != PASS ]; then
			echo "retrying once: $line"
			line=$(cd "$dir" && nice -n -10 "$pd" --kernel --tolerance_usecs="$tol" "$s" 2>&1 | tail -n 1)
		fi
		echo "$line"
		case "$line" in
		PASS*) passed=$((passed + 1)) ;;
		*) status=1 ;;
		esac
	done
	summary="packetdrill own scripts on Linux $(uname -r): $passed of ${#scripts[@]} pass"
	echo "$summary"
	echo "$summary" >"$BUILD/packetdrill-own-linux.txt" 2>/dev/null || true
	exit $status
fi

declare -A listed=()
pd_load_list "$list" listed
pd_check_list listed "$pd" "$dir"
summary="packetdrill own scripts on tuxnet: $passed of ${#scripts[@]} pass"
summary+=" (${#listed[@]} listed as not yet)"
echo "$summary"
echo "$summary" >"$BUILD/packetdrill-own.txt" 2>/dev/null || true
exit $status
