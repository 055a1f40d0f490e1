#!/usr/bin/env bash
# sysctl on libtuxnet-host against procps's sysctl: the same command, each in
# fresh network, mount and UTS namespaces, must print the same, exit the
# same and leave the same values behind.  Only keys private to those
# namespaces (net.*, kernel.hostname) are ever written.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
ours=$BUILD/hosttools/sysctl
real=$(command -v sysctl) || exit 77
[ -x "$ours" ] || { echo "missing $ours"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 cases=0

mkdir "$tmp/real" "$tmp/ours"
ln -s "$real" "$tmp/real/sysctl"
ln -s "$ours" "$tmp/ours/sysctl"

state_keys="net.ipv4.ip_forward net.ipv4.conf.all.rp_filter
	net.ipv4.conf.default.rp_filter net.ipv4.conf.lo.rp_filter
	net.ipv4.conf.lo.forwarding net.ipv4.ip_default_ttl
	net.ipv4.ip_local_port_range kernel.hostname"

# run DIR ARGS...: sysctl ARGS from DIR in fresh namespaces (stdin from
# $tmp/stdin, after the commands in $setup), then the values of
# $state_keys read by the real sysctl.
run() {
	local dir=$1
	shift
	unshare -n -m -u bash -c 'real=$1 dir=$2 keys=$3; shift 3
		hostname tn-test; ip link set lo up; eval "$setup"
		PATH=$dir:$PATH sysctl "$@" <"'"$tmp"'/stdin"; echo "rc=$?"
		echo "--- state"; "$real" -n $keys' _ "$real" "$dir" \
		"$state_keys" "$@"
}

check() {
	cases=$((cases + 1))
	run "$tmp/real" "$@" >"$tmp/real.out" 2>"$tmp/real.err"
	run "$tmp/ours" "$@" >"$tmp/ours.out" 2>"$tmp/ours.err"
	[ -n "${KEEP:-}" ] && cat "$tmp/ours.out" "$tmp/ours.err"
	if ! diff -u "$tmp/real.out" "$tmp/ours.out" ||
		! diff -u "$tmp/real.err" "$tmp/ours.err"; then
		echo "DIFF: sysctl $*"
		failed=$((failed + 1))
	fi
	: >"$tmp/stdin"
	setup=
}

: >"$tmp/stdin"
setup=
export setup
cat >"$tmp/conf" <<'CONF'
net.ipv4.ip_forward = 1
# a comment
; another
bad line
  net.ipv4.conf.lo.forwarding=  0
-net.ipv4.nope=1
net.ipv4.nope2=1

x
net.ipv4.conf.*.rp_filter = 2
-net.ipv4.conf.lo.rp_filter
net.ipv4.ip_default_ttl = 100
CONF
printf 'net/ipv4/ip_default_ttl=33\n' >"$tmp/conf2"

# Reading.
check net.ipv4.ip_forward
check -n net.ipv4.ip_forward
check -b net.ipv4.ip_forward
check -N net.ipv4.ip_forward
check net/ipv4/ip_forward
check net.ipv4.ip_local_port_range
check net.ipv4.ip_local_reserved_ports
check net.ipv4.tcp_rmem
check net.ipv4.conf.lo
check net.ipv4.neigh.lo
check --deprecated net.ipv4.neigh.lo
check -N net.ipv4.route
check net.ipv4.route.flush
check -n net.ipv4.conf.lo.forwarding net.ipv4.ip_forward
check net.ipv4
check net/ipv4/conf/
check -r 'rp_f' net.ipv4.conf
check -a -N
check -a -r '^net\.ipv4\.conf\.lo\.'
check -A -r '^net\.ipv4\.ip_forward$'
check kernel.hostname
check net.ipv4.nope
check -e net.ipv4.nope
check -q net.ipv4.nope
check vm.nope.x
check net.ipv4.ip_forward.x
check a.b c.d
check ""
check .
check net.ipv4.ip_forward net.ipv4.nope
# Writing.
check -w net.ipv4.ip_forward=1
check net.ipv4.ip_forward=1
check -w net/ipv4/ip_forward=1
check -q -w net.ipv4.ip_forward=1
check -n -w net.ipv4.ip_forward=1
check -b -w net.ipv4.ip_forward=1
check -N -w net.ipv4.ip_forward=1
check --dry-run -w net.ipv4.ip_forward=1
check -w ' net.ipv4.ip_forward = 1 '
check -w net.ipv4.ip_default_ttl=7 net.ipv4.ip_forward=1
check -w net.ipv4.ip_forward
check -w net.ipv4.ip_forward=abc
check -w net.ipv4.ip_forward=
check -w net.ipv4.ip_local_port_range='40000 50000'
check -w net.ipv4.tcp_available_congestion_control=reno
check -w net.ipv4=1
check -w net.ipv4.nope=1
check -e -w net.ipv4.nope=1
check -w -- -net.ipv4.nope=1
check -w net.ipv4.ip_forward.x=1
check -w =1
check -w a.b=1 c.d=2
check -w kernel.hostname=tn-other
check -w net.ipv4.route.flush=1
# Numbers written with hostile values: the value goes to the kernel as
# written, and its answer is reported (issue 5).
for v in -1 0 1 255 256 2147483647 2147483648 4294967296 \
	18446744073709551616 -9223372036854775809 0x10 010 1e9 ' 5' '5 ' 5x \
	'5 6' +5 - ''; do
	check -w net.ipv4.ip_default_ttl="$v"
done
long=$(printf '%05000d' 7)
check -w net.ipv4.ip_default_ttl="$long"
check -w net.ipv4.ip_default_ttl="1$long"
check -w net.ipv4.ip_forward="$long"
for v in '1 2 3' '70000 80000' '-1 5' '5 -1' '40000' '2000 1000' \
	'4294967296 5'; do
	check -w net.ipv4.ip_local_port_range="$v"
done
for v in 3 -2147483648 2147483648; do
	check -w net.ipv4.conf.all.rp_filter="$v"
done
check -w kernel.hostname="$(printf '%064d' 1)"
check -w kernel.hostname="$(printf '%065d' 1)"
check -w kernel.hostname="$long"
# A dotted interface name: its dots become slashes in keys.
vlan='ip link add v0.5 type veth peer name p0'
setup=$vlan check net.ipv4.conf.v0/5.forwarding
setup=$vlan check net/ipv4/conf/v0.5/forwarding
setup=$vlan check -w net.ipv4.conf.v0/5.forwarding=1
setup=$vlan check -N -r v0 net.ipv4.conf
setup=$vlan check net/ipv4/conf/
# Files.
check -p "$tmp/conf"
check -p"$tmp/conf"
check --load="$tmp/conf"
check -q -p "$tmp/conf"
check -N -p "$tmp/conf"
check -p "$tmp/conf" "$tmp/conf2"
check -p "$tmp/conf2" net.ipv4.ip_forward
check -p "$tmp/nonexistent"
check -e -p "$tmp/nonexistent"
check -p "$tmp/conf*"
check -r default_ttl -p "$tmp/conf"
cp "$tmp/conf" "$tmp/stdin"
check -p -
check --system --dry-run -q
# Usage.
check
check -h
check --help
check -d
check -V
check --version
check -Z
check --bogus
check -r
check -x
check -w
check -N -q net.ipv4.ip_forward

echo "$cases cases, $failed differ"
[ $failed -eq 0 ]
