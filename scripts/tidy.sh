#!/usr/bin/env bash
# make tidy: clang-tidy with the repo's .clang-tidy and cppcheck with the
# flags of STYLE.md §3.11, over the project's C sources (or the files
# given; --clean: the directories listed in scripts/tidy-clean.txt, which
# make test holds clean).  Exits 1 if either reports anything.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc)}
if [ "${1:-}" = --clean ]; then
	mapfile -t dirs < <(grep -v '^#' scripts/tidy-clean.txt)
	mapfile -t files < <(git ls-files "${dirs[@]/%//*.c}")
elif [ $# -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(git ls-files 'src/*.c' 'rpc/*.c' 'daemon/*.c' \
		'client/*.c' 'tools/*.c')
fi
# compile_commands.json: CMAKE_EXPORT_COMPILE_COMMANDS is on.
cmake -S . -B "$BUILD" >/dev/null || exit 1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run-clang-tidy -quiet -j "$JOBS" -p "$BUILD" \
	"${files[@]/#/$PWD/}" >"$out" 2>&1
tidy=$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E ': (warning|error):' |
	sort -u)
cpp=$(cppcheck --enable=warning,performance,portability --std=c11 \
	--inline-suppr --suppress=missingIncludeSystem -q -j "$JOBS" \
	-I src/include -I include -I rpc "${files[@]}" 2>&1 |
	grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning|style|performance|portability):')
status=0
if [ -n "$tidy" ]; then
	echo "$tidy"
	echo "clang-tidy: $(echo "$tidy" | wc -l) finding(s)"
	status=1
fi
if [ -n "$cpp" ]; then
	echo "$cpp"
	echo "cppcheck: $(echo "$cpp" | wc -l) finding(s)"
	status=1
fi
[ $status = 0 ] && echo "tidy: clean (${#files[@]} files)"
exit $status
