#!/usr/bin/env bash
# ping on libtuxnet-host against iputils' ping, in a private set of network
# namespaces: h1 -- r -- h2, r forwarding, the r-h2 link with MTU 1400.
# Each command runs twice (real, ours) in a freshly built copy of that
# network (so no route cache carries over); outputs are compared after
# times are masked.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
ours=$BUILD/hosttools/ping
real=$(command -v ping) || exit 77
command -v ip >/dev/null || exit 77
[ -x "$ours" ] || { echo "missing $ours"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 cases=0

mkdir "$tmp/real" "$tmp/ours"
ln -s "$real" "$tmp/real/ping"
ln -s "$ours" "$tmp/ours/ping"

# Runs inside unshare -m -n: namespaces h1, r, h2 under a private /run/netns.
cat >"$tmp/topology" <<'TOPO'
mkdir -p /run/netns
mount -t tmpfs tn-netns /run/netns
for n in h1 r h2; do ip netns add $n; ip -n $n link set lo up; done
ip link add v1 type veth peer name v2
ip link set v1 netns h1
ip link set v2 netns r
ip link add v3 type veth peer name v4
ip link set v3 netns r
ip link set v4 netns h2
ip -n h1 addr add 10.0.1.2/24 dev v1
ip -n h1 link set v1 up
ip -n r addr add 10.0.1.1/24 dev v2
ip -n r link set v2 up
ip -n r addr add 10.0.2.254/24 dev v3
ip -n r link set v3 mtu 1400 up
ip -n h2 addr add 10.0.2.1/24 dev v4
ip -n h2 link set v4 mtu 1400 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.254
ip netns exec r sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward'
TOPO

# run DIR NS ARGS...: ping ARGS from DIR in namespace NS of a fresh network
# (after the commands in $setup), then its exit code.
run() {
	local dir=$1 ns=$2
	shift 2
	unshare -m -n bash -c '. "$1"; eval "$2"; ns=$3 dir=$4; shift 4
		ip netns exec "$ns" env PATH="$dir:$PATH" \
			${wrap:-} ping "$@"
		echo "rc=$?"' _ "$tmp/topology" "$setup" "$ns" "$dir" "$@"
}

normalize() {
	sed -E -e 's/time=[0-9.]+ ms/time=T ms/' \
		-e 's/time [0-9]+ms/time Tms/' \
		-e 's|= [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms|= R ms|' \
		-e 's|ipg/ewma [0-9.]+/[0-9.]+ ms|ipg/ewma R ms|' \
		-e 's/^\[[0-9]+\.[0-9]{6}\] /[TS] /' \
		-e 's/^(TS: )?\t([0-9.]+\t)?-?[0-9]+( absolute)?$/\1\t\2N\3/' "$@"
}

check_in() {
	local ns=$1
	shift
	cases=$((cases + 1))
	run "$tmp/real" "$ns" "$@" >"$tmp/real.out" 2>"$tmp/real.err"
	run "$tmp/ours" "$ns" "$@" >"$tmp/ours.out" 2>"$tmp/ours.err"
	normalize -i "$tmp/real.out" "$tmp/ours.out"
	[ -n "${KEEP:-}" ] && cat "$tmp/ours.out" "$tmp/ours.err"
	if ! diff -u "$tmp/real.out" "$tmp/ours.out" ||
		! diff -u "$tmp/real.err" "$tmp/ours.err"; then
		echo "DIFF: ping $*"
		failed=$((failed + 1))
	fi
	setup= wrap=
}

check() {
	check_in h1 "$@"
}

setup= wrap=
export setup wrap

# Replies, through the router and directly.
check -c 2 -i 0.2 10.0.2.1
check -c 1 10.0.1.1
check -c 1 -n 10.0.2.1
check -c 1 -q 10.0.2.1
check -c 1 -D 10.0.2.1
check -c 1 -s 0 10.0.2.1
check -c 1 -s 8 10.0.2.1
check -c 1 -s 16 10.0.2.1
check -c 1 -s 1600 10.0.2.1
check -c 1 -M dont -s 1400 10.0.2.1
check -c 1 -t 2 10.0.2.1
check -c 1 -I v1 10.0.2.1
check -c 1 -I 10.0.1.2 10.0.2.1
check -c 1 -W 1 -4 10.0.2.1
check -c 1 127.1
check -c 1 0
check -w 1 -i 0.4 10.0.2.1
check -c 2 -w 1 -i 0.3 10.0.2.1
# Errors from the network and from the stack.
check -c 1 -t 1 10.0.2.1
check -c 2 -i 0.2 -t 1 10.0.2.1
check -c 1 10.0.9.9
check -c 2 -i 0.2 -M do -s 1400 10.0.2.1
check -c 1 -q -M do -s 1400 10.0.2.1
check -c 1 -W 0.3 10.0.2.77
check -i 0.8 -w 5 10.0.1.99
setup='ip -n h2 route del default' check_in h2 -c 1 10.0.9.9
check -c 1 -I nodev 10.0.2.1
check -c 1 -I 10.9.9.9 10.0.2.1
wrap='timeout --preserve-status -s INT 0.5' check -i 0.2 10.0.2.1
# Arguments.
check
check -c
check -c x 10.0.2.1
check -c 0 10.0.2.1
check -t 256 10.0.2.1
check -t 0 -c 1 10.0.2.1
check -s x 10.0.2.1
check -w x 10.0.2.1
check -M foo 10.0.2.1
check -i 0.2x -c 1 10.0.2.1
check -Z 10.0.2.1
check -h
check -V
check -4 -6 10.0.2.1
check -6 -c 1 10.0.2.1

# Numeric arguments with hostile values: each option's range, message and
# exit code as iputils checks them (issue 5: -s 70000 overflowed a buffer).
for v in 70000 65508 -1 2147483648 4294967296 18446744073709551616 1e9 \
	0x10 010 '' 5x ' 7' +8; do
	check -c 1 -W 0.3 -s "$v" 10.0.1.1
done
check -c 2 -i 0.2 -W 0.3 -s 70000 10.0.1.1
check -c 1 -W 0.3 -q -s 100000 10.0.1.1
for v in -1 0 9223372036854775807x 9223372036854775808 0x10 '' 1e9 ' 1'; do
	check -c "$v" -W 0.3 10.0.1.1
done
check -c 9223372036854775807 -w 1 -i 0.4 10.0.1.1
for v in -1 1e9 2147483648 0x5 ''; do
	check -c 1 -w "$v" 10.0.1.1
done
check -c 1 -w 2147483647 10.0.1.1
for v in -1 1e9 2147484 1e400 1e-310 nan inf infinity '' x 1x 0x1p-3 \
	'1 ' 1,5; do
	check -c 1 -i "$v" 10.0.1.1
done
for v in -1 1e9 2147484 nan '' 1x x 0 0.1; do
	check -c 1 -W "$v" 10.0.9.9
done
for v in -1 256 0x10 '' 1x; do
	check -c 1 -t "$v" 10.0.1.1
done
for v in -1 0 1 3 65536 65537 x ''; do
	check -c 1 -l "$v" 10.0.1.1
done
check -c 1 -s 65000 -l 10 10.0.1.1
for v in -1 0 1 100 2147483647 2147483648 x; do
	check -c 1 -S "$v" 10.0.1.1
done
for v in -1 -2 0 3 0x10 0xff 0x100 010 0x 0xzz 1x 1.5 4294967297 \
	99999999999999999999 ''; do
	check -c 1 -Q "$v" 10.0.1.1
done
for v in -1 4294967296 x 5; do
	check -c 1 -m "$v" -W 0.3 10.0.9.9
done
for v in -1 65536 x ''; do
	check -c 1 -e "$v" 10.0.1.1
done
for v in foo ''; do
	check -c 1 -T "$v" 10.0.1.1
done
for v in zz '' 1 0123456789abcdef0123456789abcdef01 ff00; do
	check -c 1 -p "$v" 10.0.1.1
done
check -c 1 -M '' 10.0.1.1
# IP options: record route (the route back is the same: "(same route)"),
# timestamps of each type, destinations as a route, what refuses them.
check -c 2 -i 0.2 -R 10.0.2.1
check -c 1 -R 10.0.1.1
check -c 1 -T tsonly 10.0.2.1
check -c 1 -T tsandaddr 10.0.2.1
check -c 1 -T tsprespec 10.0.2.1
check -c 1 -T tsprespec 10.0.2.254 10.0.2.1
check -c 1 -T tsprespec 10.0.1.1 10.0.2.1 10.0.2.1
check -c 1 -T tsprespec 1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 10.0.2.1
check -c 1 -T tsonly 10.0.1.1 10.0.2.1
check -c 1 -R 10.0.1.1 10.0.2.1
check -c 1 -R -T tsonly 10.0.2.1
check -c 1 -T tsonly -R 10.0.2.1
check -c 1 10.0.1.1 10.0.2.1
check -c 1 1 2 3 4 5 6 7 8 9 10 11
check -c 1 -q -R 10.0.2.1
check -c 1 -s 0 -R 10.0.2.1
check -c 1 -t 1 -R 10.0.2.1
check -c 1 -R -M do -s 1400 10.0.2.1
# -r: only hosts on a connected network.
check -c 1 -r 10.0.1.1
check -c 1 -r 10.0.2.1
check -c 1 -r -I v1 10.0.2.1
# Names: /etc/hosts, canonical names, reverse lookups, -n.
check -c 1 localhost
check -c 1 -n localhost
check -c 1 -R localhost
check -c 1 no-such-host.invalid
check -c 1 localhost 10.0.1.1
# -l, -A, -B, -U, -b.
check -c 3 -l 3 -i 0.2 10.0.2.1
check -c 3 -A 10.0.2.1
check -c 3 -A -i 0.2 10.0.2.1
check -c 1 -B 10.0.2.1
check -c 1 -U 10.0.2.1
check -c 1 -b 10.0.1.255
check -c 1 10.0.1.255
check -c 1 -b -M dont 10.0.1.255
check -c 1 -m 5 10.0.2.1
# Without root, as iputils refuses it: a short interval, a big preload.
nobody='setpriv --reuid=65534 --regid=65534 --clear-groups'
groups='ip netns exec h1 sysctl -qw net.ipv4.ping_group_range="0 2147483647"'
for v in 0.001 0 -1 0.0019; do
	setup=$groups wrap=$nobody check -c 1 -i "$v" 10.0.1.1
done
setup=$groups wrap=$nobody check -c 1 -i 0.002 10.0.1.1
setup=$groups wrap=$nobody check -c 1 -l 4 10.0.1.1
setup=$groups wrap=$nobody check -c 1 -l 3 10.0.1.1
# Without root, on a ping socket: options come back as IP_RETOPTS.
setup=$groups wrap=$nobody check -c 2 -i 0.2 -R 10.0.2.1
setup=$groups wrap=$nobody check -c 1 -T tsandaddr 10.0.2.1
setup=$groups wrap=$nobody check -c 1 -b 10.0.1.255
setup=$groups wrap=$nobody check -c 1 -b -i 0.5 10.0.1.255
setup=$groups wrap=$nobody check -c 1 -b -M want 10.0.1.255
setup=$groups wrap=$nobody check -c 2 -A 10.0.2.1
setup=$groups wrap=$nobody check -c 1 -m 5 10.0.1.1

echo "$cases cases, $failed differ"
[ $failed -eq 0 ]
