# net.ipv4 sysctls of the IP layer Linux 6.18 has in a fresh namespace:
# defaults and ranges of fwmark_reflect, ip_autobind_reuse,
# icmp_echo_enable_probe and fib_multipath_use_neigh; fwmark_reflect's
# effect: an ICMP echo reply routed by the mark of the request (ping -m,
# SO_MARK) only when it is 1, steered by an `ip rule fwmark` to a table
# where the sender's address is prohibited; fib_multipath_use_neigh's: a
# multipath hop whose gateway's neighbour is FAILED or INCOMPLETE never
# taken (`ip route get` over 32 destinations), one without an entry or
# STALE taken again.  Which hop a destination takes depends on Linux's
# random hash key, so only whether a hop is ever taken is printed; so too
# for fib_multipath_hash_policy 3: how many hops 32 flows spread over for
# each choice of fib_multipath_hash_fields, and whether a seed gives the
# same hops again.
# (ip_autobind_reuse's and the probes' effects: tests/unit/ip_sysctl.c.)

echo "== defaults"
sysctl net.ipv4.fwmark_reflect net.ipv4.ip_autobind_reuse \
	net.ipv4.icmp_echo_enable_probe \
	net.ipv4.fib_multipath_use_neigh

echo "== ranges"
for k in fwmark_reflect ip_autobind_reuse icmp_echo_enable_probe \
	fib_multipath_use_neigh; do
	for v in 1 2 255 256 -1 abc 0; do
		sysctl -w net.ipv4.$k=$v; echo "exit $?"
	done
	sysctl net.ipv4.$k
done 2>&1

echo "== fwmark_reflect"
ip link set lo up
ip addr add 10.0.0.1/32 dev lo
ip rule add pref 10 lookup local
ip rule del pref 0
ip rule add pref 5 fwmark 1 lookup 100
ip route add local 127.0.0.0/8 dev lo table 100
ip route add prohibit 10.0.0.1 table 100
ip rule
ip route get 10.0.0.1 mark 1
ip route get 10.0.0.1
for r in 0 1 0; do
	sysctl -w net.ipv4.fwmark_reflect=$r
	ping -c1 -W1 -m 1 -I 10.0.0.1 127.0.0.1 | grep -E 'transmitted|bytes from'
	echo "marked: ${PIPESTATUS[0]}"
	ping -c1 -W1 -I 10.0.0.1 127.0.0.1 | grep -E 'transmitted|bytes from'
	echo "unmarked: ${PIPESTATUS[0]}"
done

echo "== fib_multipath_use_neigh"
ip link add eth0 type veth peer name p0
ip link add eth1 type veth peer name p1
for d in eth0 eth1 p0 p1; do ip link set $d up; done
ip addr add 10.0.1.1/24 dev eth0
ip addr add 10.0.2.1/24 dev eth1
ip route add 10.99.0.0/24 nexthop via 10.0.1.2 dev eth0 \
	nexthop via 10.0.2.9 dev eth1
ip route show 10.99.0.0/24
# taken DEV: is DEV the hop of any of 32 destinations?
taken() {
	local i n=0
	for i in $(seq 1 32); do
		ip route get 10.99.0.$i | grep -q "dev $1" && n=$((n + 1))
	done
	if [ $n -gt 0 ]; then echo "$1 taken"; else echo "$1 never"; fi
}
ip neigh add 10.0.2.9 dev eth1 nud failed
ip neigh show dev eth1
taken eth1
sysctl -w net.ipv4.fib_multipath_use_neigh=1
taken eth1
taken eth0
ip neigh replace 10.0.2.9 dev eth1 nud stale
echo "exit $?"
ip neigh replace 10.0.2.9 dev eth1 lladdr 02:00:00:00:02:09 nud stale
ip neigh show dev eth1
taken eth1
ip neigh replace 10.0.2.9 dev eth1 nud incomplete
ip neigh show dev eth1
taken eth1
ip neigh del 10.0.2.9 dev eth1
taken eth1
ip neigh add 10.0.1.2 dev eth0 nud failed
taken eth0
taken eth1
ip neigh add 10.0.2.9 dev eth1 nud failed
# no good hop: the lookup's first one stays
taken eth0
sysctl -w net.ipv4.fib_multipath_use_neigh=0
taken eth1

echo "== fib_multipath_hash_policy 3, fib_multipath_hash_fields, _seed"
ip neigh del 10.0.1.2 dev eth0
ip neigh del 10.0.2.9 dev eth1
sysctl net.ipv4.fib_multipath_hash_fields net.ipv4.fib_multipath_hash_seed
for v in 0 1 0x7 4095 4096 -1 63; do
	sysctl -w net.ipv4.fib_multipath_hash_fields=$v; echo "exit $?"
done 2>&1
for v in 0 1 4294967295 4294967296 -1 abc 0; do
	sysctl -w net.ipv4.fib_multipath_hash_seed=$v; echo "exit $?"
done 2>&1
sysctl -w net.ipv4.fib_multipath_hash_policy=4 2>&1
sysctl -w net.ipv4.fib_multipath_hash_policy=3
# hops ARGS...: how many hops 32 flows take: "dst" varies the destination,
# "sport" the source port (to 10.99.0.1), both with UDP ports 1000/2000
hops() {
	local i
	for i in $(seq 1 32); do
		if [ "$1" = dst ]; then
			ip route get 10.99.0.$i ipproto udp sport 1000 dport 2000
		else
			ip route get 10.99.0.1 ipproto udp sport $((1000 + i)) dport 2000
		fi
	done | grep -o 'dev eth[01]' | sort -u | wc -l
}
for f in 7 2 0x30 0x10 0x40 0xfc0 0x3f; do
	sysctl -w net.ipv4.fib_multipath_hash_fields=$f
	echo "by destination: $(hops dst), by source port: $(hops sport)"
done
# list: the hop of each of 32 destinations
list() {
	local i
	for i in $(seq 1 32); do ip route get 10.99.0.$i; done | grep -o 'dev eth[01]' | tr -d '\n'
}
sysctl -w net.ipv4.fib_multipath_hash_fields=7
l0=$(list)
sysctl -w net.ipv4.fib_multipath_hash_seed=1
l1=$(list)
sysctl -w net.ipv4.fib_multipath_hash_seed=2
l2=$(list)
sysctl -w net.ipv4.fib_multipath_hash_seed=1
[ "$(list)" = "$l1" ] && echo "seed 1 again: the same hops" || echo "seed 1 again: other hops"
[ "$l2" = "$l1" ] && echo "seed 2: the same hops" || echo "seed 2: other hops"
sysctl -w net.ipv4.fib_multipath_hash_seed=0
[ "$(list)" = "$l0" ] && echo "seed 0 again: the same hops" || echo "seed 0 again: other hops"
sysctl -w net.ipv4.fib_multipath_hash_policy=0
