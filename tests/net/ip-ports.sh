# net.ipv4.ip_local_reserved_ports and ip_unprivileged_port_start: their
# values, the list syntax and errors of the reserved ports, the two kept
# apart from ip_local_port_range, and reserved ports skipped when a port
# is picked (UDP bind to port 0, TCP connect) but open to an explicit bind.

# tuxnet's lab has sockhold on PATH; Linux's uses the host build of it.
SOCKHOLD=sockhold
command -v sockhold >/dev/null || SOCKHOLD=$PWD/${BUILD:-build}/hosttools/sockhold
ip link set lo up

echo "== defaults"
sysctl net.ipv4.ip_unprivileged_port_start net.ipv4.ip_local_reserved_ports
sysctl net.ipv4.ip_local_port_range

echo "== ip_local_reserved_ports"
P=net.ipv4.ip_local_reserved_ports
for v in 8080,9000-9100 7-7 1,3,2,4 0x10 010 65535 1-65535 0-3,65534-65535 \
	1-2-3 10-5 65536 "5 ,6" "5, 6" ,5 1,,2 5- +5 a 4294967297 5, ""; do
	sysctl -w "$P=$v"; echo "exit $?"
	sysctl $P
done
sysctl -w "$P=4,3"
sysctl -n $P
sysctl -w "$P="
sysctl $P

echo "== ip_unprivileged_port_start"
U=net.ipv4.ip_unprivileged_port_start
for v in 0 1023 32768 32769 65535 65536 -1 abc 1024; do
	sysctl -w "$U=$v"; echo "exit $?"
done
sysctl $U
sysctl -w net.ipv4.ip_local_port_range="100 200"; echo "exit $?"
sysctl -w net.ipv4.ip_local_port_range="1024 2000"; echo "exit $?"
sysctl -w "$U=1025"; echo "exit $?"
sysctl -w "$U=0"
sysctl -w net.ipv4.ip_local_port_range="1 200"; echo "exit $?"
sysctl -w "$U=201"; echo "exit $?"

echo "== reserved ports are not picked"
sysctl -w net.ipv4.ip_local_port_range="40000 40003"
sysctl -w "$P=40000-40002"
$SOCKHOLD -u 127.0.0.1:0 -- ss -uanH
$SOCKHOLD -u 127.0.0.1:0 -u 127.0.0.1:0 -- true; echo "exit $?"
$SOCKHOLD -u 127.0.0.1:40001 -- ss -uanH
$SOCKHOLD -T 127.0.0.1:5000 -C 127.0.0.1:5000 -- sh -c "ss -tanH | sort"
$SOCKHOLD -T 127.0.0.1:5000 -C 127.0.0.1:5000 -C 127.0.0.1:5000 -- true
echo "exit $?"
sysctl -w "$P=40000-40001"
$SOCKHOLD -u 127.0.0.1:0 -u 127.0.0.1:0 -- ss -uanH
