#!/bin/bash
# record.sh [-n N] [NAME...]: record Linux's output of lab scripts.
#
# For each NAME (default: every tests/net/*.sh lab script, and demo for
# examples/demo.sh) runs the script under Linux (linux-lab.sh: root, fresh
# namespaces) and writes stdout and stderr, merged, to tests/net/NAME.linux.out.
# With -n N each script runs N times and the recording is kept only if the N
# outputs agree once normalised (normalize.sed); use it to catch a script whose
# output depends on timing.  A script must exit 0.
#
# The recordings are the specification tuxnet is compared with: record only on
# a machine whose tools match tests/net/linux-versions.txt, and review the diff.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

runs=1
if [ "$1" = -n ]; then runs=$2; shift 2; fi

if [ "$(id -u)" != 0 ]; then
	echo "record.sh: must run as root" >&2
	exit 1
fi
for tool in ip ping sysctl hostname unshare; do
	command -v $tool >/dev/null || { echo "record.sh: $tool not found" >&2; exit 1; }
done

# New namespaces inherit net.ipv4.conf.{all,default}.* from the machine's own
# (net.core.devconf_inherit_init_net=0): the recordings assume kernel defaults.
bad=$(tests/net/linux-lab.sh /dev/stdin <<'CHECK'
ip netns add x
ip netns exec x sysctl net.ipv4.ip_forward net.ipv4.conf.all.forwarding \
	net.ipv4.conf.default.forwarding net.ipv4.conf.all.rp_filter \
	net.ipv4.conf.default.rp_filter net.ipv4.conf.all.promote_secondaries \
	net.ipv4.conf.default.promote_secondaries net.ipv4.conf.all.arp_ignore \
	net.ipv4.conf.all.arp_announce net.ipv4.conf.all.accept_local |
	grep -v ' = 0$' || true
CHECK
)
if [ -n "$bad" ]; then
	echo "record.sh: a new namespace here does not start with kernel defaults:" >&2
	echo "$bad" >&2
	exit 1
fi

versions() {
	echo "kernel: Linux $(uname -r | sed 's/-.*//')"
	echo "ip: $(ip -V)"
	echo "ping: $(ping -V | head -1)"
	echo "sysctl: $(sysctl --version)"
	echo "hostname: $(hostname --version 2>&1 | head -1)"
	echo "netstat: $(netstat --version 2>&1 | head -1)"
	echo "nc: $(nc -h 2>&1 | head -1)"
}
versions > tests/net/linux-versions.txt.new
if [ -f tests/net/linux-versions.txt ] &&
   ! cmp -s tests/net/linux-versions.txt tests/net/linux-versions.txt.new; then
	echo "record.sh: note: tools differ from those of the last recording:" >&2
	diff tests/net/linux-versions.txt tests/net/linux-versions.txt.new >&2 || true
fi
mv tests/net/linux-versions.txt.new tests/net/linux-versions.txt

script_of() {
	if [ "$1" = demo ]; then echo examples/demo.sh; else echo "tests/net/$1.sh"; fi
}

if [ $# -eq 0 ]; then
	set -- demo
	for f in tests/net/*.sh; do
		case ${f##*/} in
		record.sh|compare.sh|linux-lab.sh) ;;
		*) n=${f##*/}; set -- "$@" "${n%.sh}" ;;
		esac
	done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for name; do
	script=$(script_of "$name")
	[ -f "$script" ] || { echo "record.sh: no script $script" >&2; fail=1; continue; }
	ok=1
	for i in $(seq "$runs"); do
		start=$(date +%s%N)
		rc=0
		tests/net/linux-lab.sh "$script" > "$tmp/$i" 2>&1 || rc=$?
		ms=$(( ($(date +%s%N) - start) / 1000000 ))
		if [ $rc != 0 ]; then
			echo "$name: run $i exited $rc" >&2
			tail -5 "$tmp/$i" >&2
			ok=0
			break
		fi
		if [ "$i" -gt 1 ] && ! diff -u <(sed -E -f tests/net/normalize.sed "$tmp/1") \
				<(sed -E -f tests/net/normalize.sed "$tmp/$i") >&2; then
			echo "$name: run $i differs from run 1" >&2
			ok=0
			break
		fi
	done
	if [ $ok = 1 ]; then
		cp "$tmp/1" "tests/net/$name.linux.out"
		printf '%-14s recorded: %4d lines, %5d ms\n' "$name" "$(wc -l < "$tmp/1")" "$ms"
	else
		fail=1
	fi
done
exit $fail
