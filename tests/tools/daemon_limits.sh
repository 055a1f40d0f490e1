#!/usr/bin/env bash
# tuxnetd's limits, Linux's kind: a client's RLIMIT_NOFILE (EMFILE), the
# stack's fs.file-max (ENFILE, fs.file-nr in Linux's format), namespaces
# and devices per owner (ENOSPC, as unshare(CLONE_NEWNET) beyond
# user.max_net_namespaces), and connections in all and per uid (EAGAIN and
# a reason on stderr), while a client of another uid is still served.
# The connection part needs root, to be another user (nobody).
set -u
BUILD=${BUILD:-build}
B=$(cd "$BUILD" && pwd)
D=$B/bin/tuxnetd
C=$B/tests/tools/daemon_client
IP=$B/bin/ip
[ -x "$D" ] && [ -x "$C" ] && [ -x "$IP" ] || { echo "not built"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

tmp=$(mktemp -d)
chmod 0755 "$tmp"
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$tmp"' EXIT

# start_daemon NAME OPTIONS...: a daemon on $tmp/NAME/sock, ready on return.
start_daemon() {
	local name=$1
	shift
	mkdir -m 0700 "$tmp/$name"
	"$D" --socket "$tmp/$name/sock" --clock real --foreground \
		--ready-fd 3 "$@" 3>"$tmp/$name.ready" &
	pids="$pids $!"
	for _ in $(seq 100); do [ -s "$tmp/$name.ready" ] && break; sleep 0.05; done
	[ -s "$tmp/$name.ready" ] || fail "daemon $name did not start"
	export TUXNET_SOCK=$tmp/$name/sock
}

# RLIMIT_NOFILE: fds 3 ... N-1, then EMFILE.
start_daemon nofile --nofile 10
out=$("$C" fill)
[ "$out" = "7 Too many open files" ] || fail "nofile 10: $out"
echo "ok   --nofile 10: 7 sockets (fds 3-9), then EMFILE"

# fs.file-max: open files in the whole stack, then ENFILE.
start_daemon filemax --file-max 12
"$C" cat /proc/sys/fs/file-max | grep -qx 12 || fail "file-max not 12"
printf '1\t0\t12\n' >"$tmp/nr.want"
"$C" cat /proc/sys/fs/file-nr >"$tmp/nr.got" # itself the one open file
cmp -s "$tmp/nr.want" "$tmp/nr.got" || fail "file-nr: $(cat "$tmp/nr.got")"
out=$("$C" fill)
[ "$out" = "12 Too many open files in system" ] || fail "file-max 12: $out"
"$C" write /proc/sys/fs/file-max 5 || fail "file-max not writable"
out=$("$C" fill)
[ "$out" = "5 Too many open files in system" ] || fail "file-max 5: $out"
"$C" write /proc/sys/fs/file-max -1 2>"$tmp/err" && fail "file-max -1 taken"
grep -q "Invalid argument" "$tmp/err" || fail "file-max -1: $(cat "$tmp/err")"
echo "ok   fs.file-max (12, then 5): ENFILE; fs.file-nr as Linux's"

# Namespaces and devices per owner: ENOSPC.
start_daemon owner --max-netns 2 --max-devices 2
"$C" cat /proc/sys/user/max_net_namespaces | grep -qx 2 || fail "max-netns"
"$IP" netns add a && "$IP" netns add b || fail "netns a, b"
"$IP" netns add c 2>"$tmp/err" && fail "netns c beyond the limit"
grep -q "No space left on device" "$tmp/err" || fail "netns c: $(cat "$tmp/err")"
"$IP" netns del a && "$IP" netns add c || fail "netns c once a is gone"
echo "ok   user.max_net_namespaces 2: ENOSPC, freed by netns del"
"$IP" link add v0 type veth peer name v1 || fail "veth v0"
"$IP" link add v2 type veth peer name v3 2>"$tmp/err" && fail "veth v2 beyond"
grep -q "RTNETLINK answers: No space left on device" "$tmp/err" ||
	fail "veth v2: $(cat "$tmp/err")"
"$IP" link del v0 && "$IP" link add v2 type veth peer name v3 ||
	fail "veth v2 once v0 is gone"
echo "ok   user.max_net_devices 2: ENOSPC, freed by link del"

[ "$(id -u)" = 0 ] || { echo "connection limits need root"; exit 77; }
command -v setpriv >/dev/null || { echo "needs setpriv"; exit 77; }

# Connections: 2 per uid, 3 in all.  nobody reaches the root daemon through
# a link to its socket in a directory of its own.
start_daemon conns --max-connections 3 --max-connections-per-uid 2
mkdir -m 0700 "$tmp/nobody"
ln "$tmp/conns/sock" "$tmp/nobody/sock"
chmod 0666 "$tmp/conns/sock"
chown nobody "$tmp/nobody"
nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env TUXNET_SOCK="$tmp/nobody/sock" "$@"
}
hold() { # hold NAME [nobody]: a client that keeps its connection
	if [ "${2:-}" = nobody ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
			env TUXNET_SOCK="$tmp/nobody/sock" "$C" hold \
			>"$tmp/$1.out" &
	else
		"$C" hold >"$tmp/$1.out" &
	fi
	pids="$pids $!"
	eval "$1=$!"
	for _ in $(seq 100); do grep -q ready "$tmp/$1.out" && break; sleep 0.05; done
	grep -q ready "$tmp/$1.out" || fail "$1 did not connect"
}
hold r1
hold r2
"$C" hostname >/dev/null 2>"$tmp/err" && fail "third root connection served"
grep -q "daemon_client: Resource temporarily unavailable" "$tmp/err" ||
	fail "per uid: $(cat "$tmp/err")"
grep -q "libtuxnet-client: tuxnetd: too many connections from uid 0 (limit 2)" \
	"$tmp/err" || fail "per uid, why: $(cat "$tmp/err")"
echo "ok   a third connection from uid 0: EAGAIN, and why"
nobody "$C" hostname | grep -q . || fail "nobody not served"
echo "ok   another uid is still served"
hold n1 nobody
nobody "$C" hostname >/dev/null 2>"$tmp/err" && fail "fourth connection served"
grep -q "libtuxnet-client: tuxnetd: too many connections (limit 3)" \
	"$tmp/err" || fail "in all: $(cat "$tmp/err")"
echo "ok   a fourth connection: EAGAIN, too many in all"
kill $r1
served=0
for _ in $(seq 100); do
	if "$C" hostname >/dev/null 2>&1; then served=1; break; fi
	sleep 0.05
done
[ $served = 1 ] || fail "root not served again once a connection closed"
echo "ok   served again once a connection of its own closes"
