# net.core.optmem_max: the option memory a socket may hold, as Linux
# charges it for multicast memberships (48 bytes each) and source lists
# (24 bytes and 4 a source, grown 10 sources at a time, the old list still
# charged while the new one is made); beyond it ENOBUFS.  `mcjoin` (built
# with the tools, in hosttools/ for Linux) joins on one socket.
MCJOIN=mcjoin
command -v mcjoin >/dev/null || MCJOIN=$PWD/${BUILD:-build}/hosttools/mcjoin

ip link add v0 type veth peer name v1
ip link set v0 up
ip link set v1 up

echo "== the sysctl"
sysctl net.core.optmem_max
for v in -1 abc 2147483648 0 2147483647 131072; do
	sysctl -w net.core.optmem_max=$v; echo "exit $?"
done

echo "== memberships"
for max in 49 48 97 96 145 144; do
	sysctl -w net.core.optmem_max=$max
	$MCJOIN v0 239.1.1.1 -- echo one; echo "exit $?"
	$MCJOIN v0 239.1.1.1 239.1.1.2 -- echo two; echo "exit $?"
	$MCJOIN v0 239.1.1.1 239.1.1.2 239.1.1.3 -- echo three; echo "exit $?"
done

echo "== source lists"
sysctl -w net.ipv4.igmp_max_msf=20
srcs() { # GROUP N: GROUP/10.0.0.1 ... GROUP/10.0.0.N
	local i
	for i in $(seq 1 "$2"); do printf '%s/10.0.0.%d ' "$1" "$i"; done
}
for max in 113 112 217 216; do
	sysctl -w net.core.optmem_max=$max
	$MCJOIN v0 $(srcs 239.1.1.1 1) -- echo 1 source; echo "exit $?"
	$MCJOIN v0 $(srcs 239.1.1.1 10) -- echo 10 sources; echo "exit $?"
	$MCJOIN v0 $(srcs 239.1.1.1 11) -- echo 11 sources; echo "exit $?"
done
sysctl -w net.core.optmem_max=131072
$MCJOIN v0 $(srcs 239.1.1.1 20) 239.1.1.2 -- echo 20 sources and a group
echo "exit $?"
