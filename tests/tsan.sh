#!/usr/bin/env bash
# `make tsan`: with everything built with ThreadSanitizer in $BUILD
# (build-tsan), the threads stress tests first (library, then through
# tuxnetd), then every unit test and the daemon's thread tests.  Any
# report fails the run (halt_on_error).  Ends like tests/run.sh.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-tsan}
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
passed=0 failed=0
failures=()
# TSan's shadow memory wants the usual layout: kernels that randomise mmap
# with more bits than it knows (vm.mmap_rnd_bits 32) make it die at start.
# Without address randomisation it always runs.
norand=()
command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null &&
	norand=(setarch "$(uname -m)" -R)

run() {
	local name=$1 log rc
	shift
	log=$(mktemp)
	timeout 600 "${norand[@]}" "$@" >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && ! grep -q "ThreadSanitizer" "$log"; then
		passed=$((passed + 1))
		echo "PASS $name"
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "FAIL $name"
		sed 's/^/    /' "$log" | tail -n 60
	fi
	rm -f "$log"
}

run "tsan/stress_threads" "$BUILD/tests/test_stress_threads"
run "tsan/daemon_stress" env BUILD="$BUILD" bash tests/tools/daemon_stress.sh
for t in "$BUILD"/tests/test_*; do
	[ "$(basename "$t")" = test_stress_threads ] && continue
	run "tsan/$(basename "$t")" "$t"
done
run "tsan/daemon_threads" env BUILD="$BUILD" bash tests/tools/daemon_threads.sh

echo
[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
