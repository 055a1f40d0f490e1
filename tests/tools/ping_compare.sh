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
		-e 's/^\[[0-9]+\.[0-9]{6}\] /[TS] /' "$@"
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
check -w 1 -i 0.3 10.0.2.1
check -c 2 -w 1 -i 0.3 10.0.2.1
# Errors from the network and from the stack.
check -c 1 -t 1 10.0.2.1
check -c 2 -i 0.2 -t 1 10.0.2.1
check -c 1 10.0.9.9
check -c 2 -i 0.2 -M do -s 1400 10.0.2.1
check -c 1 -q -M do -s 1400 10.0.2.1
check -c 1 -W 0.3 10.0.2.77
check -i 0.7 -w 5 10.0.1.99
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

echo "$cases cases, $failed differ"
[ $failed -eq 0 ]
