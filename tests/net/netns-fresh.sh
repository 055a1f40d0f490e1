# A lab script runs in a fresh network namespace, as `unshare -n bash
# script.sh` does on Linux: the machine's (init) namespace is elsewhere.
# Sysctls that exist only in the init namespace are absent here, the TCP
# established hash is the host's (a negative tcp_ehash_entries), and the
# namespace has no name.

echo "== per-namespace sysctls"
sysctl net.ipv4.tcp_ehash_entries net.ipv4.tcp_child_ehash_entries
sysctl net.core.somaxconn net.ipv4.ip_forward net.ipv4.neigh.lo.ucast_solicit

echo "== init-only sysctls are absent"
for n in net.ipv4.tcp_max_orphans net.core.netdev_max_backlog \
	net.core.dev_weight net.core.netdev_budget net.core.netdev_budget_usecs \
	net.ipv4.tcp_low_latency net.ipv4.neigh.default.gc_thresh1 \
	net.ipv4.neigh.default.ucast_solicit net.ipv4.neigh.default.gc_interval; do
	sysctl $n; echo "exit $?"
done
sysctl -n net.core.netdev_max_backlog; echo "exit $?"
sysctl -q net.core.dev_weight; echo "exit $?"
sysctl -w net.core.netdev_budget=600; echo "exit $?"
sysctl -a 2>/dev/null | grep -E '^net\.(core\.(dev_weight|netdev_)|ipv4\.(neigh\.default|tcp_max_orphans|tcp_low_latency))'
echo "grep: $?"
sysctl -a 2>/dev/null | grep -E '^net\.ipv4\.neigh\.' | cut -d' ' -f1

echo "== the namespace has no name; those added are listed"
ip netns list; echo "list: $?"
ip netns identify; echo "identify: $?"
ip netns identify $$; echo "identify \$\$: $?"
ip link
ip netns add a
ip netns list
ip netns exec a sysctl net.ipv4.tcp_ehash_entries net.ipv4.tcp_max_orphans
echo "exit $?"
ip netns exec a ip netns identify

echo "== a namespace made where tcp_child_ehash_entries is set"
sysctl -w net.ipv4.tcp_child_ehash_entries=1000
ip netns add b
ip netns exec b sysctl net.ipv4.tcp_ehash_entries

echo "== veth between the script's namespace and a named one"
ip link add v0 type veth peer name v1 netns a
ip addr add 10.9.0.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.9.0.2/24 dev v1
ip -n a link set v1 up
ping -c 1 -W 1 10.9.0.2 | grep -E 'transmitted'
ip netns exec a ping -c 1 -W 1 10.9.0.1 | grep -E 'transmitted'
ip netns list-id
ip -n a link set v1 netns b
ip -n b -br link show v1 | awk '{print $1, $2}'
ip link del v0
ip netns del a
ip netns del b
ip -br link | awk '{print $1, $2}'
