#!/bin/bash
# ip-color: `ip -c` / `-color[=always|auto|never]`, and $COLORFGBG.
#
# Covers: what iproute2 colors (device names, MAC addresses, IPv4
# addresses, UP/DOWN states) in link, addr, -br, route, route get and neigh
# listings; the light palette and, with COLORFGBG naming a dark background,
# the bold one; "auto" and "never" off a terminal; no color with -j; a bad
# -color= value.  The escape sequences are shown with `cat -v`.
#
# Lab script: `tuxnet lab tests/net/ip-color.sh`; Linux's output is
# ip-color.linux.out.
set -e
export LC_ALL=C
unset COLORFGBG

# run CMD...: show the command, run it (its output through cat -v), show its
# exit status; the script goes on.
run() {
	echo "\$ $*"
	local rc=0
	"$@" > out 2>&1 || rc=$?
	cat -v out
	echo "exit $rc"
}

# netns NAME...: new namespaces, IPv4 only (-e: a stack without IPv6 has no
# such keys and ignores them; Linux switches IPv6 off so its output compares).
netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

netns a
ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip -n a link set v0 up
ip -n a link set lo up
ip -n a addr add 10.0.1.1/24 brd + dev v0
ip -n a addr add 10.0.2.1 peer 10.0.2.2/32 dev v0
ip -n a route add default via 10.0.1.254
ip -n a route add 10.9.0.0/16 via 10.0.1.254 src 10.0.1.1
ip -n a neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev v0

echo "== always =="
run ip -n a -c link
run ip -n a -color addr
run ip -n a -c=always -br addr
run ip -n a -c -br link
run ip -n a -c route
run ip -n a -c route show table local
run ip -n a -c route get 10.9.1.1
run ip -n a -c neigh
run ip -n a -c -o addr show v0
run ip -n a -c -j link show lo

echo "== a dark background =="
COLORFGBG='15;0' run ip -n a -c -br link
COLORFGBG='15;default;0' run ip -n a -c link show lo
COLORFGBG='0;15' run ip -n a -c link show lo

echo "== auto, never, bad =="
run ip -n a -c=auto link show lo
run ip -n a -color=never link show lo
run ip -n a -c=bad link show lo
run ip -n a -colour link show lo
