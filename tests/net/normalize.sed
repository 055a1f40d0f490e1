# normalize.sed: what may differ between two correct runs of a lab script.
# Used by compare.sh on both outputs:  sed -E -f tests/net/normalize.sed
# Everything not rewritten here must match byte for byte (trailing spaces too).

# --- ping: times ---
# "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=0.045 ms"
s/ time=[0-9]+(\.[0-9]+)? ms/ time=X ms/g
# "3 packets transmitted, 3 received, 0% packet loss, time 2003ms"
s/, time [0-9]+ms/, time Xms/
# "rtt min/avg/max/mdev = 0.045/0.052/0.061/0.007 ms"
# --- ping -T: the times of a timestamp option (ms since midnight UTC, then
# differences): "TS: \t10.0.1.2\t23505880 absolute", "\t10.0.3.1\t0"
s/^(TS: )?\t(([0-9]{1,3}\.){3}[0-9]{1,3}\t)?-?[0-9]+( absolute)?( not-standard)?$/\1\t\2N\4\5/
s/^rtt min\/avg\/max\/mdev = [0-9.]+\/[0-9.]+\/[0-9.]+\/[0-9.]+ ms/rtt min\/avg\/max\/mdev = X\/X\/X\/X ms/

# --- ip route get: age of a cached PMTU ---
# "    cache expires 599sec mtu 1400"
s/ expires [0-9]+sec/ expires Nsec/g

# --- ip route get: the caller's uid (0 on Linux, where the scripts run as root) ---
s/ uid [0-9]+ $/ uid N /

# --- MAC addresses ---
# Random ones (veth) become xx:xx:xx:xx:xx:xx.  Kept as they are: all zeros
# (loopback), all ones (broadcast) and 02:00:00:xx:xx:xx, the block the
# scripts take their own addresses from (a random MAC falls in it with
# probability 2^-22).  Kept ones are parked as <mac-...> meanwhile.
s/\b00:00:00:00:00:00\b/<mac-zero>/g
s/\bff:ff:ff:ff:ff:ff\b/<mac-bcast>/g
s/\b02:00:00:([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})\b/<mac-script \1 \2 \3>/g
s/\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/xx:xx:xx:xx:xx:xx/g
s/<mac-zero>/00:00:00:00:00:00/g
s/<mac-bcast>/ff:ff:ff:ff:ff:ff/g
s/<mac-script ([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2})>/02:00:00:\1:\2:\3/g

# --- interface indexes ---
# "2: eth1@if3: <BROADCAST,..." and "2: lo    inet ..." (ip -o)
s/^[0-9]+: /N: /
# peer index of a device whose peer is in another namespace: "eth0@if3"
s/@if[0-9]+\b/@ifN/g
s/\bifindex [0-9]+\b/ifindex N/g

# --- namespace ids ---
# "link-netnsid 0" (peer in a namespace without a name) and
# "h1 (id: 0)" in `ip netns list`: whether an id exists is kept, its number not.
s/\blink-netnsid [0-9]+\b/link-netnsid N/g
s/ \(id: [0-9]+\)$/ (id: N)/

# --- ip -d link: what tuxnet does not have, or takes from the host ---
# "addrgenmode eui64" is IPv6's part of the link (IFLA_AF_SPEC/AF_INET6);
# tuxnet has no IPv6.
s/ addrgenmode [a-z0-9_]+//
# A veth has one queue per possible CPU of the machine: lo's 1 stays.
s/\bnumtxqueues ([02-9]|[0-9]{2,}) numrxqueues ([02-9]|[0-9]{2,}) /numtxqueues N numrxqueues N /

# --- ip -j: the same, as JSON ---
# "ifindex":3, "link_index":3 (text "N: " and "@ifN"), "link_netnsid":0,
# the nsid in "ip -j netns list" ({"name":"a","id":0}) and list-id.
s/"(ifindex|link_index|link_netnsid)": ?[0-9]+/"\1": N/g
s/("name": ?"[^"]*"), ?"id": ?[0-9]+/\1,"id": N/g
# "inet6_addr_gen_mode": IPv6's part of the link (tuxnet has no IPv6): the
# key and its value, on a line of its own with -p.
/^ +"inet6_addr_gen_mode": "[a-z0-9_]+",$/d
s/"inet6_addr_gen_mode":"[a-z0-9_]+",//
# A veth's queues, one per possible CPU of the machine: lo's 1 stays.
s/"(num_tx_queues|num_rx_queues)": ?([02-9]|[0-9]{2,})\b/"\1": N/g

# --- ss ---
# ss -s: "TCP:   1 (estab 0, closed 1, orphaned 0, ..." counts Linux's TCP
# sockets of the whole machine (sockstat's alloc), whatever the namespace;
# so are its orphans (tcp_orphan_count is one counter for all namespaces)
s/^TCP:   [0-9]+ \(estab ([0-9]+), closed [0-9]+, orphaned [0-9]+,/TCP:   N (estab \1, closed N, orphaned N,/
# ss -e: the owner's uid (Linux's lab runs as root, whose uid ss leaves
# out), inode numbers and socket cookies
s/ uid:[0-9]+ ino:/ ino:/g
s/ ino:[0-9]+ sk:[0-9a-f]+/ ino:N sk:N/g
# ss -e: a socket's cgroup, named from the cgroup2 mount of the machine
# running the script (absent in Linux's lab: "unreachable:1" and a message)
s/ cgroup:[^ ]+/ cgroup:X/g
/^Failed to find cgroup2 mount$/d

# --- ping -D: the wall clock ("[1796606480.183788] 64 bytes from ...") ---
s/^\[[0-9]+\.[0-9]{6}\] /[T] /
# --- ping -A, -f: "rtt ... ms, ipg/ewma 0.026/0.012 ms" ---
s/, ipg\/ewma [0-9.]+\/[0-9.]+ ms$/, ipg\/ewma X\/X ms/
