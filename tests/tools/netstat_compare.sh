#!/usr/bin/env bash
# netstat and nstat on libtuxnet-host against net-tools' netstat and
# iproute2's nstat, on the same kernel state: the same command must print
# the same and exit the same.
#
# 1. In a fresh network namespace (IPv6 off, as tuxnet has none) with
#    devices, addresses, routes, traffic and UDP, raw and TCP (listening,
#    connected, accepted) sockets held by sockhold: the socket tables,
#    -r, -i, -s, nstat and its history file.
# 2. In fresh mount and network namespaces with a tmpfs on /proc holding
#    made-up /proc/net/snmp and /proc/net/netstat: every counter of Linux
#    6.18 (and names neither tool knows, a section neither knows, zeros)
#    with distinct values, through netstat -s [-t|-u|-w] and nstat -a:
#    the whole of net-tools' sentence table, its bsearch() misses over
#    an unsorted table included, and nstat's table parser.
set -u
[ "$(id -u)" -eq 0 ] || exit 77
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$root/$BUILD ;; esac
real_netstat=$(command -v netstat) || exit 77
real_nstat=$(command -v nstat) || exit 77
for t in netstat nstat sockhold; do
	[ -x "$BUILD/hosttools/$t" ] || { echo "missing $BUILD/hosttools/$t"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# each tool run as plain netstat or nstat (messages name argv[0])
mkdir "$tmp/real" "$tmp/ours"
ln -s "$real_netstat" "$tmp/real/netstat"
ln -s "$real_nstat" "$tmp/real/nstat"
ln -s "$BUILD/hosttools/netstat" "$tmp/ours/netstat"
ln -s "$BUILD/hosttools/nstat" "$tmp/ours/nstat"
export tmp

cat >"$tmp/state.sh" <<'STATE'
set -e
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add v0 type veth peer name v1
ip addr add 10.0.0.1/24 dev v0
ip addr add 10.0.0.9/24 dev v0 label v0:1
ip link set v0 up
ip link set v1 up
ip link set lo up
ip route add 10.9.0.0/16 via 10.0.0.2
ip route add default via 10.0.0.254 metric 5
ip route add unreachable 10.10.0.0/16
ip route add blackhole 10.11.0.0/16
ip route add 10.12.0.0/16 dev v0 src 10.0.0.1 mtu 1400 window 8000 rtt 30
ip route add 10.0.0.77 dev v0
ping -c 2 -q 127.0.0.1 >/dev/null
STATE

# cases ARGS...: both netstats with each argument string; prints DIFF lines.
cat >"$tmp/cases.sh" <<'CASES'
fail=0
for a in "$@"; do
	for side in real ours; do
		PATH=$tmp/$side:$PATH netstat $a >"$tmp/$side.out" 2>&1
		echo "rc=$?" >>"$tmp/$side.out"
	done
	if ! diff -u "$tmp/real.out" "$tmp/ours.out"; then
		echo "DIFF: netstat $a"
		fail=1
	fi
done
exit $fail
CASES

failed=0
# (no -r without -n: the gateways would be looked up in DNS)
cases=(-uan -ua -u -ul -uln -uanp -uane -uanee -uano -wan -wano -tan -tanee
	-tanp -tano -ta -t -tl -tln
	-an -a -l "" -x -anW "-uan --numeric-hosts" -rn -rne -rnee -i -ia
	-ie -iea -s -su -st -sw -suw "-4 -uan" "-6 -uan" "-A inet,unix -an"
	"-A foo" "-s -A unix" "--inet -n" "-x -an" "--unix -a")
unshare -n bash -c '. "$tmp/state.sh"
	"$1" -u 127.0.0.1:5353 -u 0.0.0.0:68 -u 127.0.0.1:6000 -c 127.0.0.1:5353 -s 1 \
		-w 1 -w 17 -n 1 -r 1 -T 0.0.0.0:8080 -T 127.0.0.1:2049 \
		-C 127.0.0.1:8080 -C 127.0.0.1:8080 \
		-- bash "$tmp/cases.sh" "${@:2}"' _ \
	"$BUILD/hosttools/sockhold" "${cases[@]}" || failed=1

# nstat: the same commands in turn on the same counters, each tool with
# its own history file, which must end up the same too.
cat >"$tmp/nstat.sh" <<'NSTAT'
fail=0
t() {
	for side in real ours; do
		PATH=$tmp/$side:$PATH NSTAT_HISTORY=$tmp/hist.$side nstat "$@" \
			>"$tmp/$side.out" 2>&1
		echo "rc=$?" >>"$tmp/$side.out"
		cat "$tmp/hist.$side" >>"$tmp/$side.out" 2>/dev/null
	done
	if ! diff -u "$tmp/real.out" "$tmp/ours.out"; then
		echo "DIFF: nstat $*"
		fail=1
	fi
}
hist() { printf "$1" >"$tmp/hist.real"; printf "$1" >"$tmp/hist.ours"; }
t -n
ping -c 1 -q 127.0.0.1 >/dev/null
t; t -s; t -a; t -z; t -az 'Icmp*'; t -j; t -ajp; t -ajp 'Tcp*'; t -j nomatch
t -r; t 'Ip*'; t -t 0; t -t 5 -a; t -x; t -h; t -V
hist '#kernel\nfoo\n'; t
hist '#kernel\nIpInReceives 5 1.5\nIcmpInMsgs 1\n'; t
hist '#other\nIpInReceives 5\n'; t -s
hist ''; t -s
hist '#kernel\n\n'; t -s
hist '#kernel\nIpInReceives 99999999999999999999999 nan\n'; t -s
hist '#kernel\nIpInReceives 1 2 3\nIpForwarding 3\n#x'; t -s
exit $fail
NSTAT
unshare -n bash -c '. "$tmp/state.sh"; bash "$tmp/nstat.sh"' || failed=1

# The made-up counters.
cat /proc/net/snmp >"$tmp/snmp.src"
cat /proc/net/netstat >"$tmp/netstat.src"
cat >"$tmp/fake.sh" <<'FAKE'
fake() {
	awk -v seed="$2" 'NR % 2 == 1 { print; next }
		{ printf "%s", $1
		  for (i = 2; i <= NF; i++) {
			v = (i * seed) % 97; if (v % 5 == 0) v = 0
			printf " %d", v * (i % 3 == 0 ? 100003 : 1)
		  }
		  printf "\n" }' "$1"
}
fail=0
# the real /proc stays reachable as /proc/self, which sanitizers read;
# LeakSanitizer wants /proc/PID/task as well: leaks are looked for in the
# first part, on the real /proc
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
mkdir "$tmp/realproc"
mount -t proc proc "$tmp/realproc"
mount -t tmpfs none /proc
mkdir /proc/net
ln -s "$tmp/realproc/self" /proc/self
for seed in 1 7 13 31; do
	fake "$tmp/snmp.src" $seed >/proc/net/snmp
	fake "$tmp/netstat.src" $seed >/proc/net/netstat
	printf 'Bogus: A B\nBogus: 1 2\n' >>/proc/net/snmp
	bash "$tmp/cases.sh" -s -st -su -sw -stu || fail=1
	for a in -as -asz -asj; do
		for side in real ours; do
			PATH=$tmp/$side:$PATH NSTAT_HISTORY=$tmp/x nstat $a \
				>"$tmp/$side.out" 2>&1
			echo "rc=$?" >>"$tmp/$side.out"
		done
		if ! diff -u "$tmp/real.out" "$tmp/ours.out"; then
			echo "DIFF: nstat $a (seed $seed)"
			fail=1
		fi
	done
done
exit $fail
FAKE
unshare -m -n --propagation private bash "$tmp/fake.sh" || failed=1

[ $failed = 0 ] && echo "netstat and nstat match net-tools and iproute2"
exit $failed
