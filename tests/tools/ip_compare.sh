#!/usr/bin/env bash
# tuxnet's ip, built on libtuxnet-host, against Linux's own ip (iproute2) on
# the same kernel state: every read command must print the same bytes, on
# stdout and stderr, and exit with the same status; a configuration made
# with either tool must leave the same state.  Runs as root in private
# network and mount namespaces; exits 77 (skipped) otherwise.
set -u
BUILD=${BUILD:-build}
REAL=${REAL_IP:-/usr/sbin/ip}

if [ -z "${IP_COMPARE_INNER:-}" ]; then
	[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
	[ -x "$REAL" ] || { echo "no $REAL: skipped"; exit 77; }
	command -v unshare >/dev/null || { echo "no unshare: skipped"; exit 77; }
	TOOL=$(realpath "$BUILD/hosttools/ip" 2>/dev/null)
	[ -x "$TOOL" ] || { echo "missing $BUILD/hosttools/ip"; exit 1; }
	unshare -n -m true 2>/dev/null || { echo "cannot unshare: skipped"; exit 77; }
	exec unshare -n -m env IP_COMPARE_INNER=1 TOOL="$TOOL" REAL="$REAL" \
		bash "$0" "$@"
fi

# ---- inside the private namespaces ----
mount -t tmpfs tuxnet-test /run || exit 77
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0

# Counters may move between two runs: a line of statistics is compared as
# its shape only; so are a neighbour's ages in seconds (-s), which a
# second's tick between the two runs changes.
norm() {
	sed -E -e 's/^( +[0-9]+)+ *$/    <counters>/' \
		-e 's|used [0-9]+/[0-9]+/[0-9]+|used <ages>|' "$1"
}

# same ARGS...: both tools, same stdout, stderr and exit status.
same() {
	"$REAL" "$@" >"$work/r.out" 2>"$work/r.err"
	echo "rc=$?" >>"$work/r.err"
	"$TOOL" "$@" >"$work/t.out" 2>"$work/t.err"
	echo "rc=$?" >>"$work/t.err"
	if diff -u <(norm "$work/r.out") <(norm "$work/t.out") \
		>"$work/d" && diff -u "$work/r.err" "$work/t.err" >>"$work/d"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: ip $*"
		cat "$work/d"
	fi
}

sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0

# ---- reads: a small network built with Linux's ip ----
ip=$REAL
$ip link set lo up
$ip netns add ns2
$ip link add veth0 type veth peer name veth1
$ip link add a0 type veth peer name a1 netns ns2
$ip link add b0 netns ns2 type veth peer name b1
$ip link set veth0 up
$ip link set veth1 up
$ip link set a0 up
$ip link set b1 mtu 1400
$ip addr add 10.0.1.2/24 brd + dev veth0
$ip addr add 10.0.1.1/24 dev veth1
$ip addr add 10.0.1.3/24 dev veth0
$ip addr add 10.0.4.1 peer 10.0.4.2 dev veth0
$ip addr add 10.0.5.1/24 dev veth0 label veth0:1
$ip addr add 10.0.9.1/24 dev a0
$ip route add 10.0.2.0/24 via 10.0.1.1 dev veth0 metric 5
$ip route add 10.0.3.0/24 via 10.0.1.1 src 10.0.1.2 proto static
$ip route add default via 10.0.1.1
$ip route add blackhole 10.9.0.0/16
$ip route add unreachable 10.8.0.0/16
$ip route add prohibit 10.7.0.0/16
$ip route add 10.0.6.0/24 dev veth0 mtu lock 1400 advmss 1000 hoplimit lock 9 \
	window 5 rtt 20 rttvar 3000 initcwnd 3 reordering 4
$ip route add 10.0.7.0/24 dev veth0 table 4294967295
$ip route add 10.0.8.0/24 dev veth0 table 2147483648
$ip neigh add 10.0.1.7 lladdr 02:00:00:00:00:07 dev veth0 nud permanent
$ip neigh add 10.0.1.8 lladdr 02:00:00:00:00:08 dev veth0 nud stale
$ip -n ns2 link set lo up

same link
same link show
same link show veth0
same link show dev a0
same -br link
same -4 -br link
same -s link
same -s -s link show veth0
same addr
same address show dev veth0
same -4 addr
same -4 -br addr
same -br addr
same addr show dev a1
same -4 addr show dev veth1
same route
same route show table main
same route show table local
same route show table 4294967295
same route show table 2147483648
same route show table all
same -4 route show table all
same route show dev veth0
same route get 10.0.2.1
same route get 10.0.1.7
same route get 127.0.0.1
same route get 10.0.1.2
same route get 10.0.1.255
same route get 8.8.8.8
same neigh
same neigh show dev veth0
same -s neigh
same -br -s link
same -4 -s addr show dev veth0
same route get 10.0.1.8
same route get 10.0.9.5
same link show a1
same -s addr
same -s -s -4 addr
same netns list
# JSON, plain and pretty, and the other printing options
for j in -j "-j -p"; do
	same $j link
	same $j -d link
	same $j -s link show veth0
	same $j -s -s link show lo
	same $j -br link
	same $j addr
	same $j -4 addr show dev veth0
	same $j -br addr
	same $j -s addr show dev veth1
	same $j route
	same $j route show table all
	same $j route show table local type broadcast
	same $j route get 10.0.2.1
	same $j route get 10.0.1.2
	same $j neigh
	same $j neigh show dev veth0
	same $j netns list
	same $j netns list-id
	same $j link show up
	same $j link show group 3
	same $j link show nope
done
same -o link
same -o -d link
same -o -s link show veth0
same -o addr
same -o -4 addr show veth0
same -o route
same -o route get 10.0.2.1
same -o neigh
same -0 addr
same -c link
same -c addr
same -c -br addr
same -c route
same -c neigh
same -d link
same -d addr show veth0
same netns list-id
same -n ns2 link
same -n ns2 addr
same -n ns2 -br link
same -n nope link
same link show nope
same link show dev nope
same link show veth0 extra
same addr show dev nope
same route get
same route show table foo
same neigh show dev nope
same bogus
same link bogus
same addr bogus
same route bogus
same neigh bogus
same netns bogus
same -x link
same
same link help
same addr help
same neigh help
same netns help

# ---- writes: one configuration made with each tool ----
config() {
	local ip=$1
	run() {
		echo "### ip $*"
		"$ip" "$@" 2>&1
		echo "rc=$?"
	}
	"$REAL" link set lo up
	"$REAL" netns add w2
	# No DAD there either: a "tentative" flag would depend on timing.
	"$REAL" netns exec w2 sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
	run link add veth0 address 02:00:00:00:01:01 type veth peer name veth1 address 02:00:00:00:01:02
	run link add c0 address 02:00:00:00:02:01 type veth peer name c1 address 02:00:00:00:02:02 netns w2
	run link add d0 address 02:00:00:00:03:01 netns w2 type veth peer name d1 address 02:00:00:00:03:02
	run link add veth0 type veth peer name x1
	run link add foo type veth peer name
	run link add foo
	run link add
	run link set veth0 up
	run link set veth1 up
	run link set c0 up
	run link set veth1 mtu 1400
	run link set veth1 mtu abc
	run link set veth1 mtu 100000
	run link set c0 name c9
	run link set nope up
	run link set veth0 bogus
	run link set
	run link set veth0 netns nope
	run link del nope
	run link del
	run addr add 10.1.0.1/24 brd + dev veth0
	run addr add 10.1.0.2/24 dev veth1
	run addr add 10.1.0.3/24 dev veth0
	run addr add 10.1.0.1/24 dev veth0
	run addr add 10.2.0.1 peer 10.2.0.2 dev veth0
	run addr add 10.3.0.1/24 dev veth0 label veth0:x
	run addr add 10.1.0.9/33 dev veth0
	run addr add foo dev veth0
	run addr add 10.1.0.9/24
	run addr add 10.1.0.9/24 dev nope
	run addr del 10.1.0.99/24 dev veth0
	run addr del 10.1.0.3/24 dev veth0
	run addr flush
	run route add 10.5.0.0/16 via 10.1.0.2
	run route add 10.6.0.0/16 via 10.1.0.2 dev veth0 src 10.1.0.1 metric 9
	run route add default via 10.1.0.2
	run route add 10.7.0.0/16 via 10.9.9.9
	run route add 10.5.0.0/16 via 10.1.0.2
	run route add 10.8.0.0/16 dev nope
	run route add blackhole 10.10.0.0/16
	run route add unreachable 10.11.0.0/16
	run route add prohibit 10.12.0.0/16
	run route add 10.13.0.0/16 dev veth0 proto static
	run route del 10.12.0.0/16
	run route del 10.99.0.0/16
	run route del 10.5.0.0/16 via 10.1.0.2
	run route get 1.2.3.4
	run neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev veth0 nud permanent
	run neigh add 10.1.0.8 lladdr 02:00:00:00:00:08 dev veth0
	run neigh add 10.1.0.9 lladdr 02:00:00:00:00:09 dev veth0 nud stale
	run neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev veth0
	run neigh add 10.1.0.5 lladdr zz dev veth0
	run neigh add 10.1.0.5 dev veth0
	run neigh del 10.1.0.8 dev veth0
	run neigh del 10.1.0.6 dev veth0
	run neigh flush
	run neigh flush dev veth0
	run -n w2 link set lo up
	run -n w2 addr add 10.20.0.1/24 dev c1
	run -n w2 link set c1 up
	run -n nope link
	# Numeric arguments with hostile values: each parser's range, message
	# and exit status as iproute2 has them, and the kernel's answer to
	# what passes (issue 5).
	local v
	for v in -1 0 67 68 1500 65535 65536 2147483647 2147483648 4294967295 \
		4294967296 18446744073709551616 0x10 010 0x5dc 1e9 '' 1x ' 1400' +1400; do
		run link set veth1 mtu "$v"
	done
	run link set veth1 mtu 1500
	for v in -1 0 1000 2147483647 2147483648 4294967295 4294967296 x ''; do
		run link set veth1 txqueuelen "$v"
	done
	run link set veth1 txqueuelen 1000
	for v in 5 0x10 010 -1 2147483648 4294967295 4294967296 99999999999 \
		default x ''; do
		run link set veth1 group "$v"
	done
	run link set veth1 group 3 group 4
	run link add g0 group 9 type veth peer name g1 group 4294967297
	run link del g0
	for v in -1 999999999 4294967296 x ''; do
		run link set veth1 netns "$v"
	done
	for v in -1 33 4294967328 0x10 08 '' 1x ' 8'; do
		run addr add 10.1.7.1/"$v" dev veth0
	done
	for v in -1 0 100 4294967295 4294967296 x '' forever; do
		run addr add 10.1.8.1/24 dev veth0 valid_lft "$v"
		run addr del 10.1.8.1/24 dev veth0
		run addr add 10.1.8.2/24 dev veth0 preferred_lft "$v"
		run addr del 10.1.8.2/24 dev veth0
	done
	run addr add 10.1.8.3/24 dev veth0 valid_lft 100 preferred_lft 200
	for v in -1 0 4294967295 4294967296 0x10 x ''; do
		run route add 10.50.0.0/16 via 10.1.0.2 metric "$v"
		run route del 10.50.0.0/16
	done
	for v in -1 0 255 256 4294967295 4294967296 x '' main local 0x100; do
		run route add 10.51.0.0/16 dev veth0 table "$v"
		run route del 10.51.0.0/16 dev veth0 table "$v"
	done
	for v in -1 0 255 256 x '' boot static 0x10; do
		run route add 10.52.0.0/16 dev veth0 proto "$v"
		run route del 10.52.0.0/16 dev veth0
	done
	for v in -1 0 253 255 256 x '' link host 0xfe; do
		run route add 10.53.0.0/16 dev veth0 scope "$v"
		run route del 10.53.0.0/16 dev veth0
	done
	for m in mtu advmss hoplimit window cwnd ssthresh reordering initcwnd \
		initrwnd; do
		for v in -1 0 67 255 256 65520 65521 4294967295 4294967296 0x10 \
			x '' lock 'lock 1400'; do
			# shellcheck disable=SC2086 # "lock N" is two words
			run route add 10.55.0.0/16 dev veth0 $m ${v:-''}
			run route del 10.55.0.0/16 dev veth0
		done
	done
	run route add 10.56.0.0/16 dev veth0 mtu 1400 mtu 1300 hoplimit lock 7
	run route add 10.56.1.0/24 dev veth0 mtu lock
	for v in -1 33 0x8 '' 1x 4294967312; do
		run route add 10.54.0.0/"$v" dev veth0
	done
	for v in -1 0 2 128 255 256 x ''; do
		run neigh add 10.1.0.30 lladdr 02:00:00:00:00:30 dev veth0 nud "$v"
		run neigh del 10.1.0.30 dev veth0
	done
	# link set flags, alias, group as a selector, netns ids, a batch
	for v in promisc allmulticast multicast arp dynamic trailers carrier; do
		run link set veth1 "$v" on
		run link set veth1 "$v" off
		run link set veth1 "$v" x
	done
	run link set veth1 multicast on arp on trailers on
	run link set veth1 promisc on allmulticast on
	run link set veth1 alias "an alias"
	run link set veth0 alias ""
	run link set veth1 group 6
	run link set veth0 group 6
	run link set group 6 mtu 1300
	run link set group 6 mtu 20
	run link set group 7 up
	run -j -d link show group 6
	run link set group 0 group 0
	run netns set w2 3
	run netns set w2 auto
	run netns list-id
	run -j netns list-id nsid 3
	printf 'link show veth1\nroute get 10.1.0.7\nlink set nope up\nneigh\n' >/run/batch
	run -batch /run/batch
	run -force -batch /run/batch
	run link add e0 type veth peer name e1
	run link set e1 netns w2
	run link set veth1 down
	run link set veth1 up
	run link add f0 address 02:00:00:00:04:01 type veth peer address 02:00:00:00:04:02
	run link del e0
	run -l -1 addr flush dev veth1
	run -loops x -br addr show dev veth1
	run -l 1 addr flush dev veth1
	run addr add 10.1.0.2/24 dev veth1
	run -rc x link show lo
	run -rc -1 link show lo
	run -rc 4294967296 link show lo
	run -rcvbuf 100000 -br link show lo
	run -rc
	run addr flush dev veth1
	echo "=== state"
	"$REAL" -d link | sed -E 's/(addrgenmode|numtxqueues).*//' | grep -v '^ *$'
	"$REAL" addr
	"$REAL" route show table all
	"$REAL" neigh show
	"$REAL" -n w2 addr
	"$REAL" netns list
	"$REAL" netns list-id
}
# Each run in fresh network and mount namespaces, with its own /run.
inner() {
	mount -t tmpfs tuxnet-test /run || exit 1
	sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
	config "$1"
}
for t in real tool; do
	[ $t = real ] && bin=$REAL || bin=$TOOL
	unshare -n -m env REAL="$REAL" bash -c \
		"$(declare -f config inner); inner $bin" >"$work/w.$t" 2>&1
done
if diff -u "$work/w.real" "$work/w.tool"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: configuration through ip differs (above)"
fi

echo "ip_compare: $pass passed, $fail failed"
[ $fail -eq 0 ]
