#!/bin/bash
# xfail.sh NAME RUNNER...: runs a pending lab script (tests/net/NAME.sh,
# NAME being pending/SCRIPT) through compare.sh, expecting it to differ from
# Linux's recording.  Exit 77 (skipped) when it differs, as expected; 1 when
# it matches Linux now: move it from tests/net/pending/ to tests/net/ (with
# its .linux.out), where every run holds it to Linux.  TIMEOUT (seconds,
# default 60) bounds the run.
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
	sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2
	exit 2
fi
if TIMEOUT=${TIMEOUT:-60} bash "$here/../compare.sh" "$@"; then
	echo "$1 matches Linux now: move it from tests/net/pending/ to tests/net/"
	exit 1
fi
exit 77
