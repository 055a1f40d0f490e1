#!/usr/bin/env bash
# Runs every test: unit and wire programs, tool comparisons with Linux's own
# tools (root), lab scripts against their recorded Linux output, and fuzz
# corpus replays.  Ends with the line "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
passed=0 failed=0 skipped=0
failures=()

run() {
	local name=$1
	shift
	local log
	log=$(mktemp)
	# No test may hang the suite: each gets ten minutes at most (the
	# whole-tree static analysis, which grows with the tree, thirty).
	timeout "${limit:-600}" "$@" >"$log" 2>&1
	local rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
		echo "PASS $name"
	elif [ $rc -eq 77 ]; then
		skipped=$((skipped + 1))
		echo "SKIP $name"
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "FAIL $name"
		sed 's/^/    /' "$log" | tail -n 40
	fi
	rm -f "$log"
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	run "unit/$(basename "$t")" "$t"
done

if [ -x "$BUILD/examples/udp_echo" ]; then
	run "examples/udp_echo" "$BUILD/examples/udp_echo"
fi

for t in tests/tools/*.sh; do
	[ -f "$t" ] || continue
	run "tools/$(basename "$t" .sh)" env BUILD="$BUILD" bash "$t"
done

# Lab scripts (tests/net/NAME.sh, and the demo) against Linux's recordings.
if [ -x "$BUILD/bin/tuxnet" ]; then
	for rec in tests/net/*.linux.out; do
		name=$(basename "$rec" .linux.out)
		run "net/$name" bash tests/net/compare.sh "$name" \
			"$BUILD/bin/tuxnet" lab
	done
fi

# packetdrill: the runner's self-tests, the grammar over the shared
# scripts, and the conformance run against its list of scripts not yet
# passing (tests/packetdrill/expected-fail.txt); the pass count is shown.
if [ -x "$BUILD/bin/tuxnet-packetdrill" ]; then
	run "packetdrill/selftest" env BUILD="$BUILD" \
		bash tests/packetdrill/selftest.sh
	run "packetdrill/parse" env BUILD="$BUILD" \
		bash tests/packetdrill/conformance.sh --parse-only
	rm -f "$BUILD/packetdrill-conformance.txt"
	run "packetdrill/conformance" env BUILD="$BUILD" \
		bash tests/packetdrill/conformance.sh
	[ -f "$BUILD/packetdrill-conformance.txt" ] &&
		sed 's/^/    /' "$BUILD/packetdrill-conformance.txt"
	# our own scripts: on tuxnet against their list, and on Linux (root)
	rm -f "$BUILD/packetdrill-own.txt"
	run "packetdrill/own" env BUILD="$BUILD" bash tests/packetdrill/own.sh
	[ -f "$BUILD/packetdrill-own.txt" ] &&
		sed 's/^/    /' "$BUILD/packetdrill-own.txt"
	rm -f "$BUILD/packetdrill-own-linux.txt"
	run "packetdrill/own-on-linux" env BUILD="$BUILD" \
		bash tests/packetdrill/own.sh --kernel
	[ -f "$BUILD/packetdrill-own-linux.txt" ] &&
		sed 's/^/    /' "$BUILD/packetdrill-own-linux.txt"
fi

# Lab scripts recorded against Linux but waiting for a feature
# (tests/net/pending/, each with a "# pending: REASON" line): skipped while
# they differ from Linux, failed once they match it (to be moved up).
if [ -x "$BUILD/bin/tuxnet" ]; then
	for rec in tests/net/pending/*.linux.out; do
		[ -f "$rec" ] || continue
		name=pending/$(basename "$rec" .linux.out)
		reason=$(sed -n 's/^# pending: //p' "tests/net/$name.sh" | head -n 1)
		run "net/$name (${reason:-pending})" bash tests/net/pending/xfail.sh \
			"$name" "$BUILD/bin/tuxnet" lab
	done
fi

for t in tests/fuzz/replay.sh; do
	[ -f "$t" ] || continue
	run "fuzz/replay" env BUILD="$BUILD" bash "$t"
done

# Every C file is as clang-format (the repo's .clang-format) writes it.
if command -v clang-format >/dev/null &&
	git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	run "style/clang-format" bash -c \
		'git ls-files "*.c" "*.h" | xargs clang-format --dry-run -Werror'
fi

# clang-tidy and cppcheck find nothing in the directories held clean.
if command -v run-clang-tidy >/dev/null && command -v cppcheck >/dev/null &&
	git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	limit=1800 run "style/tidy" env BUILD="$BUILD" bash scripts/tidy.sh --clean
fi

# docs/ names only functions, structs and files that exist.
run "docs/check-names" bash docs/check-names.sh

echo
[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
