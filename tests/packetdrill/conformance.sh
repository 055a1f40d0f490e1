#!/usr/bin/env bash
# Runs tuxnet-packetdrill over every .pkt under ../shared/conformance/
# packetdrill/ (the repo's sibling "shared"), prints the pass count, and
# fails if a script fails without being listed in expected-fail.txt or
# passes while listed (so the list stays honest).  With --parse-only, every
# script must parse instead; with --kernel they run on the host's Linux.
# Skipped (77) only if the folder is absent.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
pd=$BUILD/bin/tuxnet-packetdrill
list=tests/packetdrill/expected-fail.txt
# shellcheck source=expect-list.sh
source tests/packetdrill/expect-list.sh

# The shared folder sits beside the repository; a git worktree's
# repository is the one its common git dir belongs to.
shared=${PD_SHARED:-}
if [ -z "$shared" ]; then
	for base in .. "$(dirname "$(git rev-parse --path-format=absolute \
		--git-common-dir 2>/dev/null || echo .)")/.."; do
		if [ -d "$base/shared/conformance/packetdrill" ]; then
			shared=$base/shared/conformance/packetdrill
			break
		fi
	done
fi
if [ -z "$shared" ] || [ ! -d "$shared" ]; then
	echo "SKIP: ../shared/conformance/packetdrill not found beside the repository"
	exit 77
fi
mapfile -t scripts < <(cd "$shared" && find . -name '*.pkt' | sed 's|^\./||' | sort)
if [ ${#scripts[@]} -eq 0 ]; then
	echo "no .pkt under $shared"
	exit 1
fi

# --kernel: the same scripts against the host's Linux (root), which must
# pass all but those tests/packetdrill/kernel-expected-fail.txt lists (this
# kernel's differences from the ones they were written for).  Real time on
# a busy machine: --tolerance_usecs=$PD_KERNEL_TOLERANCE (100 ms unless
# set), nice -10, and a failed script is run once more.
if [ "${1:-}" = --kernel ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: --kernel needs root (a network namespace and a tun device)"
		exit 77
	fi
	tol=${PD_KERNEL_TOLERANCE:-100000}
	declare -A klisted=()
	pd_load_list tests/packetdrill/kernel-expected-fail.txt klisted
	status=0 passed=0
	for s in "${scripts[@]}"; do
		for try in 1 2; do
			line=$(cd "$shared/$(dirname "$s")" &&
				nice -n -10 "$OLDPWD/$pd" --kernel \
					--tolerance_usecs="$tol" "$(basename "$s")" 2>&1 |
				tail -n 1)
			[ "${line%% *}" = PASS ] && break
			[ -n "${klisted[$s]+x}" ] && break
		done
		case "$line" in
		PASS*)
			passed=$((passed + 1))
			[ -n "${klisted[$s]+x}" ] && echo "PASSES though listed: $s"
			;;
		*)
			if [ -n "${klisted[$s]+x}" ]; then
				echo "FAIL (listed) $s: ${line#*: }"
			else
				echo "FAILS on Linux and not listed: $s: ${line#*: }"
				status=1
			fi
			;;
		esac
	done
	echo "packetdrill conformance on Linux $(uname -r): $passed of ${#scripts[@]} scripts pass"
	exit $status
fi

if [ "${1:-}" = --parse-only ]; then
	out=$(cd "$shared" && "$OLDPWD/$pd" --parse-only "${scripts[@]}")
	ok=$(grep -c '^PASS ' <<<"$out")
	grep -v '^PASS ' <<<"$out"
	echo "packetdrill grammar: $ok of ${#scripts[@]} scripts parse"
	[ "$ok" -eq ${#scripts[@]} ]
	exit
fi

# Each script runs from its own folder: scripts name files relative to it.
declare -A listed=()
pd_load_list "$list" listed
pd_check_list listed "$PWD/$pd" "$shared"
summary="packetdrill conformance: $passed of ${#scripts[@]} scripts pass"
summary+=" (${#listed[@]} listed as not yet)"
echo "$summary"
# tests/run.sh prints it whatever the outcome
echo "$summary" >"$BUILD/packetdrill-conformance.txt" 2>/dev/null || true
exit $status
