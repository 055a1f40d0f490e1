#!/usr/bin/env bash
# hostname on libtuxnet-host against Debian's hostname: the same command in
# fresh UTS and network namespaces must print the same and exit the same.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
ours=$BUILD/hosttools/hostname
real=$(command -v hostname) || exit 77
[ -x "$ours" ] || { echo "missing $ours"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# Both run as plain "hostname" from PATH, so getopt's messages agree.
mkdir "$tmp/real" "$tmp/ours"
ln -s "$real" "$tmp/real/hostname"
ln -s "$ours" "$tmp/ours/hostname"

# run IMPL ARGS...: in a private namespace set whose host name is tn-base,
# records stdout, stderr, exit code and the host name afterwards.
run() {
	local dir=$1
	shift
	unshare -n -u bash -c '"$1" tn-base; PATH=$2:$PATH; shift 2
		hostname "$@"; echo "rc=$?"; echo "after=$(uname -n)"' \
		_ "$real" "$dir" "$@"
}

check() {
	run "$tmp/real" "$@" >"$tmp/real.out" 2>"$tmp/real.err"
	run "$tmp/ours" "$@" >"$tmp/ours.out" 2>"$tmp/ours.err"
	if ! diff -u "$tmp/real.out" "$tmp/ours.out" ||
		! diff -u "$tmp/real.err" "$tmp/ours.err"; then
		echo "DIFF: hostname $*"
		failed=$((failed + 1))
	fi
}

printf '# comment\n\n  from-file.example  \nsecond\n' >"$tmp/name"
printf '# only a comment\n' >"$tmp/empty"
long=$(printf 'x%.0s' $(seq 64))

check
check -s
check --short
check new-name
check a.b.example
check A-9.x
check -b boot-name
check ""
check -bad
check bad-
check .bad
check bad.
check a..b
check a_b
check 'a b'
check a.-b
check "$long"
check "${long}y"
check "${long}_"
check -F "$tmp/name"
check --file "$tmp/name"
check -F "$tmp/empty"
check -F "$tmp/nonexistent"
check -F "$tmp/name" extra
check -F
check one two
check -s name
check -h
check --help
check -V
check --version
check -V -x
check -x
check --bogus
check --file
check -f
check -d
check -i
# Lengths (issue 5): the longest name, one more, far more, from a file too.
huge=$(printf 'y%.0s' $(seq 5000))
check "$huge"
check "${long%x}"
printf '%s\n' "$long" >"$tmp/long"
check -F "$tmp/long"
printf '%s\n' "${long}y" >"$tmp/long1"
check -F "$tmp/long1"
printf '%s\n' "$huge" >"$tmp/huge"
check -F "$tmp/huge"
printf '%s' "$huge$huge" | tr -d '\n' >"$tmp/huge2"
check -F "$tmp/huge2"
labels=$(printf 'a.%.0s' $(seq 31))
check "${labels}bc"
check "$(printf 'l%.0s' $(seq 63)).x"
check "$(printf 'l%.0s' $(seq 64)).x"

[ $failed -eq 0 ] || { echo "$failed case(s) differ"; exit 1; }
echo "hostname: all cases identical"
