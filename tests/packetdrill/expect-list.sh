# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # sets and reads the callers' variables
# Sourced by conformance.sh and own.sh: the list of scripts that do not
# pass yet (PATH<TAB>REASON lines, '#' comments), and the check that keeps
# it honest.
#
#   pd_load_list FILE NAME   fill the associative array NAME from FILE
#   pd_check_list LIST PD BASE
#                            run each script of the array "scripts" (paths
#                            under BASE) from its own folder with the
#                            runner PD, and compare with the array named
#                            LIST; sets "passed" and "status" (1 if a
#                            script fails unlisted, passes listed, or a
#                            listed one is missing)

pd_load_list() {
	local -n pd_list=$2
	local path reason
	while IFS=$'\t' read -r path reason; do
		case "$path" in '' | '#'*) continue ;; esac
		pd_list[$path]=$reason
	done <"$1"
}

pd_check_list() {
	local -n pd_listed=$1
	local pd=$2 base=$3 s line path
	local -A result=()
	passed=0 status=0
	for s in "${scripts[@]}"; do
		line=$(cd "$base/$(dirname "$s")" &&
			"$pd" "$(basename "$s")" 2>&1 | tail -n 1)
		case "$line" in
		PASS*) result[$s]=PASS passed=$((passed + 1)) ;;
		*) result[$s]=${line#FAIL } ;;
		esac
		if [ "${result[$s]}" = PASS ] && [ -n "${pd_listed[$s]+x}" ]; then
			echo "PASSES but listed in $list (remove it): $s"
			status=1
		elif [ "${result[$s]}" != PASS ] && [ -z "${pd_listed[$s]+x}" ]; then
			echo "FAILS and not listed: $s: ${result[$s]#*: }"
			status=1
		fi
	done
	for path in "${!pd_listed[@]}"; do
		[ -n "${result[$path]+x}" ] && continue
		echo "listed but not found: $path"
		status=1
	done
}
