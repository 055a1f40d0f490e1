#!/bin/bash
# compare.sh [-o DIR] NAME|all [RUNNER...]: run a lab script and diff its output
# with Linux's.
#
#   tests/net/compare.sh routed                       # build/bin/tuxnet lab
#   tests/net/compare.sh all build/bin/tuxnet lab
#   tests/net/compare.sh routed tests/net/linux-lab.sh  # Linux against itself (root)
#
# NAME is a script tests/net/NAME.sh with its recording tests/net/NAME.linux.out
# (demo is examples/demo.sh, recorded as tests/net/demo.linux.out); all is every
# recording.  RUNNER (default: build/bin/tuxnet lab) is run as `RUNNER SCRIPT`
# from the top of the tree, stdout and stderr merged.  Both outputs go through
# normalize.sed; any other difference fails, and so does a non-zero exit status
# (every script ends with status 0 on Linux).  -o DIR keeps each run's raw
# output as DIR/NAME.out.  TIMEOUT (seconds, default 120) bounds each run.
# Exit status: 0 all equal, 1 some differ, 2 usage.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

outdir=
if [ "$1" = -o ]; then outdir=$2; shift 2; fi
if [ $# -lt 1 ]; then
	sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2
	exit 2
fi
name=$1; shift
if [ $# -eq 0 ]; then set -- build/bin/tuxnet lab; fi
if [ -n "$outdir" ]; then mkdir -p "$outdir" && outdir=$(cd "$outdir" && pwd) || exit 2; fi

if [ "$name" = all ]; then
	names=()
	for f in "$here"/*.linux.out; do
		n=${f##*/}; names+=("${n%.linux.out}")
	done
else
	names=("$name")
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
failed=()
for n in "${names[@]}"; do
	if [ "$n" = demo ]; then script=examples/demo.sh; else script=tests/net/$n.sh; fi
	expected=tests/net/$n.linux.out
	if [ ! -f "$script" ] || [ ! -f "$expected" ]; then
		echo "compare.sh: $n: no $script or no $expected" >&2
		failed+=("$n")
		continue
	fi
	rc=0
	timeout "${TIMEOUT:-120}" "$@" "$script" > "$tmp/out" 2>&1 || rc=$?
	[ -n "$outdir" ] && cp "$tmp/out" "$outdir/$n.out"
	sed -E -f tests/net/normalize.sed "$expected" > "$tmp/expected"
	sed -E -f tests/net/normalize.sed "$tmp/out" > "$tmp/actual"
	ok=1
	if ! diff -u --label "$n: Linux" --label "$n: $*" "$tmp/expected" "$tmp/actual"; then
		ok=0
	fi
	if [ $rc != 0 ]; then
		if [ $rc = 124 ]; then
			echo "$n: timed out after ${TIMEOUT:-120} s"
		else
			echo "$n: exit status $rc, Linux's is 0"
		fi
		ok=0
	fi
	if [ $ok = 1 ]; then echo "PASS $n"; else echo "FAIL $n"; failed+=("$n"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "${#failed[@]} of ${#names[@]} differ from Linux: ${failed[*]}"
	exit 1
fi
[ ${#names[@]} -gt 1 ] && echo "all ${#names[@]} match Linux"
exit 0
