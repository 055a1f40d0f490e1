#!/bin/bash
# ip-batch: `ip -batch FILE` and `-force`, and the global options around them.
#
# Covers: commands read from a file and from stdin ("-"), comments, blank
# lines, a backslash joining lines, quoted words; a failing command ends the
# batch with "Command failed FILE:LINE" (exit 1) unless -force; a syntax
# error ends it at once (ip exits); options before -batch apply to each
# line (-n, -4, -j, -o); a missing file; -b is -batch, -br is -brief.
#
# Lab script: `tuxnet lab tests/net/ip-batch.sh`; Linux's output is
# ip-batch.linux.out.
set -e
export LC_ALL=C

# run CMD...: show the command, run it, show its exit status; the script goes on.
run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# netns NAME...: new namespaces, IPv4 only (-e: a stack without IPv6 has no
# such keys and ignores them; Linux switches IPv6 off so its output compares).
netns() {
	local ns
	for ns; do
		ip netns add "$ns"
		ip netns exec "$ns" sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
}

netns a
# the batch files, named relative to a directory of their own (messages
# name them as given)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

cat > ok <<'B'
# a comment line

link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
link set v0 up   # a comment after a command
link set v1 \
	up
address add 10.0.1.1/24 dev v0
address add 10.0.1.2/24 dev v0 label "v0:two"
route add 10.9.0.0/16 via 10.0.1.254
	link show v0
addr show dev v0
route
B
cat > fail <<'B'
route add 10.8.0.0/16 via 10.0.1.254
route add 10.8.0.0/16 via 10.0.1.254
link show nope
route del 10.8.0.0/16
route
B
cat > syntax <<'B'
route add 10.7.0.0/16 via 10.0.1.254
link set v0 mtu abc
route
B
cat > unterminated <<'B'
route
link set v0 alias "no end
route
B

echo "== a good batch =="
run ip -n a -batch ok
run ip -n a -b ok

echo "== failures =="
run ip -n a -batch fail
run ip -n a -force -batch fail
run ip -n a -batch syntax
run ip -n a -force -batch syntax
run ip -n a -batch unterminated
run ip -n a -batch nope
run ip -n a -batch
run ip -n a -br link show v0

echo "== stdin, and options for every line =="
printf 'link show lo\naddr show dev v0\n' > in
run ip -n a -batch - < in
run ip -n a -o -batch - < in
run ip -n a -4 -batch - < in
run ip -n a -j -batch - < in
printf 'route get 10.9.1.1\nroute get 10.0.1.2\nneigh\n' > in
run ip -n a -j -p -batch - < in
printf 'link show nope\nlink show lo\n' > in
run ip -n a -force -batch - < in
