#!/bin/bash
# ss-reuseport: the listeners of SO_REUSEPORT groups as ss (iproute2 6.1)
# shows them: three on 127.0.0.1:7000 and two on 0.0.0.0:7000, each a row
# of its own; connections to the port, spread over a group by their hash,
# each listed once; tcp_migrate_req read and set.
#
# Lab script: `tuxnet lab tests/net/ss-reuseport.sh`; Linux's output is
# ss-reuseport.linux.out.
set -e
export LC_ALL=C

run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# srun CMD...: as run, the ports connect() chose masked and the rows after
# the header sorted (Linux's tables are hashed differently)
srun() {
	echo "\$ $*"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	printf '%s\n' "$out" | head -n 1
	printf '%s\n' "$out" | tail -n +2 |
		sed -E 's/127\.0\.0\.1:[1-6][0-9]{4}( |$)/127.0.0.1:NNNNN\1/g' |
		sort
	echo "exit $rc"
}

SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold

# lrun CMD...: srun for listeners: which one of 127.0.0.1's group a
# connection waits on is the hash's choice (its secret is random), so
# their Recv-Q is shown as N, and their sum after
lrun() {
	local out
	out=$(srun "$@")
	printf '%s\n' "$out" | sed -E 's/^(LISTEN +)[0-9]( +[0-9]+ +127)/\1N\2/'
	printf '%s\n' "$out" | awk '/^LISTEN.*127\.0\.0\.1:/ { q += $2 }
		END { print "queued on 127.0.0.1:7000: " q }'
}

if [ "$1" = inner ]; then
	lrun ss -tln
	srun ss -tn state established
	lrun ss -tln sport = :7000
	exit 0
fi

ip link set lo up
run sysctl net.ipv4.tcp_migrate_req
run sysctl -w net.ipv4.tcp_migrate_req=1
run sysctl net.ipv4.tcp_migrate_req
run sysctl -w net.ipv4.tcp_migrate_req=2
run sysctl -w net.ipv4.tcp_migrate_req=0
echo "\$ sockhold -R 127.0.0.1:7000 (x3) -R 0.0.0.0:7000 (x2) -C (x3) -- ss ..."
"$SOCKHOLD" -R 127.0.0.1:7000 -R 127.0.0.1:7000 -R 127.0.0.1:7000 \
	-R 0.0.0.0:7000 -R 0.0.0.0:7000 \
	-C 127.0.0.1:7000 -C 127.0.0.1:7000 -C 127.0.0.1:7000 \
	-- bash "$0" inner
echo "exit $?"
echo "\$ sockhold -R 127.0.0.1:7000 -T 127.0.0.1:7000 -- true"
rc=0
"$SOCKHOLD" -R 127.0.0.1:7000 -T 127.0.0.1:7000 -- true 2>&1 || rc=$?
echo "exit $rc"
