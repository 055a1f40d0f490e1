#!/bin/bash
# ss-nc: ss (iproute2 6.1) and netstat over a TCP connection that
# OpenBSD netcat holds between two namespaces joined by a veth pair.
#
#   a eth0 10.0.0.1/24 -- 10.0.0.2/24 eth0 b
#
# `nc -l -N -v 5000` in b, `nc -N -v -p 4000 10.0.0.2 5000` in a, each
# reading a fifo the script holds open, so the connection stays up while
# the tools look at it.  Covers -O (one line a socket, with -m -i -e), a
# listener's -i and -m, the state filters `connected`, `synchronized`,
# `bucket`, `big`, `exclude`, `not`/`!`, `or`, port ranges and relations
# (`gt`, `lt`, `eq`, `ne`, `>=`, `<`), address prefixes, -H -4, ss -s,
# -a and -d (DCCP, which Linux 6.18 has not), -F (a filter file);
# the TCP_INFO of both ends before and after a line each way (times,
# rates and BBR's model masked: they are measured; the words kept are
# the ones a lab on any machine must agree on), netstat -t -a -l -n -W,
# --inet/-A inet (udplite's empty table).
# The namespaces run BBR: Linux's take the default of the machine's own
# namespace (the recording machine's is bbr) and allow only what it allows.
#
# Lab script: `tuxnet lab tests/net/ss-nc.sh`; Linux's output is
# ss-nc.linux.out.
set -e
export LC_ALL=C

run() { echo "\$ $*"; local rc=0; "$@" || rc=$?; echo "exit $rc"; }

# mask: the measured parts of ss -i (times, rates, BBR's bandwidth and RTT)
mask() {
	sed -E 's/ (rtt|minrtt|lastsnd|lastrcv|lastack|busy|rcv_rtt|ato|rto):[^ ]+/ \1:X/g
		s/ (send|pacing_rate|delivery_rate) [0-9.]+[KMG]?bps/ \1 X/g
		s/ bbr:\([^)]*\)/ bbr:(X)/g'
}
mrun() {
	echo "\$ $*"
	local rc=0 out
	out=$("$@" 2>&1) || rc=$?
	printf '%s\n' "$out" | mask
	echo "exit $rc"
}
# words WORD...: of ss -ti's line for each socket, only the named fields
words() {
	awk -v w="$*" 'BEGIN { n = split(w, k, " ") }
		/^\t/ { line = ""
			for (i = 1; i <= NF; i++)
				for (j = 1; j <= n; j++)
					if (index($i, k[j] ":") == 1) line = line " " $i
			print "\t" line; next }
		{ print }'
}

ip netns add a
ip netns add b
for ns in a b; do
	ip netns exec $ns sysctl -qew net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip netns exec $ns sysctl -qw net.ipv4.tcp_congestion_control=bbr
done
ip link add tmp1 type veth peer name tmp2
ip link set tmp1 netns a name eth0
ip link set tmp2 netns b name eth0
for ns in a b; do
	ip -n $ns link set lo up
	ip -n $ns link set eth0 up
done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/sin" "$tmp/serr" "$tmp/cin" "$tmp/cerr"

echo "== a listener =="
echo "\$ ip netns exec b nc -l -N -n -v 5000 &"
ip netns exec b nc -l -N -n -v 5000 <"$tmp/sin" >"$tmp/sout" 2>"$tmp/serr" &
exec 4>"$tmp/sin" 3<"$tmp/serr"
IFS= read -r line <&3
echo "$line"
run ip netns exec b ss -tlnO
mrun ip netns exec b ss -tlni
mrun ip netns exec b ss -tlnm
mrun ip netns exec b ss -tlnmiO
mrun ip netns exec b ss -tlnmio

echo "== a connection =="
echo "\$ ip netns exec a nc -N -n -v -p 4000 10.0.0.2 5000 &"
ip netns exec a nc -N -n -v -p 4000 10.0.0.2 5000 <"$tmp/cin" >"$tmp/cout" 2>"$tmp/cerr" &
exec 5>"$tmp/cin" 6<"$tmp/cerr"
IFS= read -r line <&6
echo "$line"
IFS= read -r line <&3
echo "$line"
run ip netns exec a ss -tnO
mrun ip netns exec a ss -tnio
mrun ip netns exec a ss -tnmiO
# the passive end: the handshake's ACK counted (segs_in:2), its RTT
# measured (rtt:), rcv_space and rcv_ssthresh as the active end's
mrun ip netns exec b ss -tni
run ip netns exec a ss -tn state established
run ip netns exec a ss -tn state connected
run ip netns exec a ss -tn state synchronized
run ip netns exec a ss -tn state bucket
run ip netns exec a ss -tn state big
run ip netns exec b ss -tan exclude listening
run ip netns exec b ss -tan exclude established exclude listening
run ip netns exec b ss -tan not sport = :5000
run ip netns exec b ss -tan sport = :5000 or dport = :4000
run ip netns exec b ss -tan '( sport >= :4000 and sport < :5001 )'
run ip netns exec b ss -tan dst 10.0.0.1
run ip netns exec b ss -tan dst 10.0.0.0/24
run ip netns exec b ss -tan src 10.0.0.2:5000
run ip netns exec b ss -tn sport = :5000
run ip netns exec b ss -tan '!' dst 10.0.0.1
run ip netns exec b ss -tan dport gt :3999
run ip netns exec b ss -tan dport lt :3999
run ip netns exec b ss -tan sport eq :5000 and dport ne :4000
run ip netns exec b ss -tan4H
# "Total:" counts the netlink sockets Linux has yet to free from the
# commands before (ss.sh checks it)
echo "\$ ip netns exec b ss -s"
ip netns exec b ss -s | sed 's/^Total: [0-9]*$/Total: N/'
# -a asks for DCCP too: Linux 6.18 has none, and its answer to the old
# DCCPDIAG_GETSOCK request ss falls back to is EINVAL (ss prints it)
run ip netns exec b ss -a -4 -n
run ip netns exec b ss -d -a -n
# -F: the filter read from a file ('#' lines left out), the command
# line's words then unread; - is stdin
printf '# the listener and its connection\nsport = :5000\n' >"$tmp/f1"
printf 'dport = :9\n' >"$tmp/f2"
echo "\$ ip netns exec b ss -tan -F F1"
ip netns exec b ss -tan -F "$tmp/f1"
echo "\$ ip netns exec b ss -tan -F F2 sport = :5000"
ip netns exec b ss -tan -F "$tmp/f2" sport = :5000
echo "\$ echo 'dport = :4000' | ip netns exec b ss -tan -F -"
echo 'dport = :4000' | ip netns exec b ss -tan -F -
run ip netns exec b ss -tan -F /nonexistent
run ip netns exec b ss -tan -F /dev/null -F /dev/null
run ip netns exec a netstat -tn
run ip netns exec b netstat -tan
run ip netns exec b netstat -tlnW
# --inet reads udplite too (an empty table; "no support" were it absent)
run ip netns exec b netstat -an --inet
run ip netns exec b netstat -A inet -n -l

echo "== a line each way =="
echo hello >&5
until [ -s "$tmp/sout" ]; do :; done
echo world >&4
until [ -s "$tmp/cout" ]; do :; done
od -An -c "$tmp/sout" "$tmp/cout"
echo "\$ ip netns exec a ss -tni | words ..."
ip netns exec a ss -tni | words wscale mss pmtu rcvmss advmss bytes_sent bytes_acked bytes_received segs_out segs_in data_segs_out data_segs_in rcv_space rcv_ssthresh snd_wnd
echo "\$ ip netns exec b ss -tni | words ..."
ip netns exec b ss -tni | words wscale mss pmtu rcvmss advmss bytes_sent bytes_acked bytes_received segs_out data_segs_out data_segs_in rcv_space rcv_ssthresh snd_wnd
exec 5>&- 4>&-
