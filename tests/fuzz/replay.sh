#!/usr/bin/env bash
# Replays each fuzz target's corpus (tests/fuzz/corpus/<target>/) through
# its replay binary ($BUILD/tests/fuzz/fuzz_<target>_replay).  Fails if a
# binary is missing or any input crashes, aborts or trips a sanitizer.
set -u
cd "$(dirname "$0")"
BUILD=${BUILD:-build}
case $BUILD in
/*) ;;
*) BUILD=../../$BUILD ;;
esac
rc=0
for dir in corpus/*/; do
	t=$(basename "$dir")
	bin=$BUILD/tests/fuzz/fuzz_${t}_replay
	if [ ! -x "$bin" ]; then
		echo "fuzz/$t: no replay binary $bin"
		rc=1
		continue
	fi
	if ! "$bin" "$dir"; then
		echo "fuzz/$t: FAILED"
		rc=1
	fi
done
exit $rc
