#!/bin/bash
# ss-tcp: TCP sockets as ss (iproute2 6.1) shows them, from tcp_diag.
#
# sockhold holds, in namespace a: listeners on 0.0.0.0:80 and
# 127.0.0.1:8080, a connection to :80 that sent 10 bytes nobody read
# (Recv-Q 5 on the unaccepted side, 2 connections queued on the
# listener), a second one to :80, and one to :8080 closed from both ends
# (its active closer in TIME-WAIT).  Covers -s (the TCP line of
# /proc/net/sockstat), -t -a -l -n -H -o, state filters (established,
# listening, time-wait, syn-recv: none), port and address filters (also
# as bytecode over TIME-WAIT socks), -e (owner, cookies) and -K.
#
# Lab script: `tuxnet lab tests/net/ss-tcp.sh`; Linux's output is
# ss-tcp.linux.out.
set -e
export LC_ALL=C

run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# eph: the ports connect() chose (Linux's are random) as NNNNN.
eph() { sed -E 's/127\.0\.0\.1:[1-6][0-9]{4}( |$)/127.0.0.1:NNNNN\1/g'; }

# srun CMD...: as run, with the rows after the header line sorted: Linux's
# tables are hashed differently (and per namespace); the rows are the same.
srun() {
	echo "\$ $*"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	printf '%s\n' "$out" | head -n 1 | eph
	printf '%s\n' "$out" | tail -n +2 | eph | sort
	echo "exit $rc"
}

SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold

if [ "$1" = inner ]; then
	# "Total:" counts the netlink sockets Linux has yet to free from
	# the commands before (ss.sh checks it); the TCP figures are kept
	echo "\$ ss -s"
	ss -s | sed 's/^Total: [0-9]*$/Total: N/'
	srun ss -tln
	srun ss -tl
	srun ss -tan state listening
	srun ss -tan state time-wait
	srun ss -tano state time-wait
	srun ss -tanH state time-wait
	srun ss -tan state syn-recv
	srun ss -tan sport = :80
	srun ss -tan sport = :80 and state established
	srun ss -tan dport = :8080
	srun ss -tan dport = :8080 or sport = :8080
	srun ss -tan state established '( sport = :80 )'
	srun ss -ta state established '( sport = :http )'
	srun ss -tan src 127.0.0.1:80
	srun ss -tan exclude established exclude time-wait
	srun ss -4tln
	run ss -tlne sport = :8080
	srun ss -tuln
	# -K: SOCK_DESTROY, as tcp_abort: the TIME-WAIT sock dies, the
	# listener stops, the connections reset their peers (which the
	# listener still holds, closed, in its accept queue)
	srun ss -tKn dport = :8080
	srun ss -taKn dport = :8080
	srun ss -taKn sport = :8080
	srun ss -tKn state established dport = :80
	srun ss -tan
	exit 0
fi

ip netns add a
ip -n a link set lo up
echo "\$ ip netns exec a sockhold -T 0.0.0.0:80 -T 127.0.0.1:8080 -C 127.0.0.1:80 -s 1 -C 127.0.0.1:80 -C 127.0.0.1:8080 -x 1 -a -x 1 -- ss ..."
ip netns exec a "$SOCKHOLD" -T 0.0.0.0:80 -T 127.0.0.1:8080 \
	-C 127.0.0.1:80 -s 1 -C 127.0.0.1:80 \
	-C 127.0.0.1:8080 -x 1 -a -x 1 \
	-- bash "$0" inner
ip netns del a
