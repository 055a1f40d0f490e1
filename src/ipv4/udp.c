// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP: the per-namespace port table, receive (unicast, broadcast and
 * multicast fan-out), ICMP errors, send and receive for sockets, and
 * /proc/net/udp.  Linux: net/ipv4/udp.c.  RFC 768, RFC 1122 4.1.
 */
#include <limits.h>
#include <sys/ioctl.h>

#include <linux/sockios.h>

#include <net/icmp.h>
#include <net/igmp.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/snmp.h>
#include <net/sysctl.h>
#include <net/udp.h>

#include "inet_dgram.h"

#define CSUM_MANGLED_0 ((__sum16)0xffff)

/* ICMP_MIB_INERRORS for an error nobody owns, if ICMP counters exist. */
static void udp_icmp_inerror(struct net *net)
{
	if (net->ipv4.icmp_statistics)
		__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
}

static struct udp_table *udp_table_of(const struct net *net)
{
	return net->ipv4.udp_table;
}

static struct udp_hslot *udp_hashslot(struct udp_table *table, unsigned int num)
{
	return &table->hash[num & table->mask];
}

/* Do @sk and @sk2 want the same local address (a wildcard matches all)? */
static bool udp_rcv_saddr_equal(const struct sock *sk, const struct sock *sk2)
{
	__be32 a = inet_sk(sk)->inet_rcv_saddr,
	       b = inet_sk(sk2)->inet_rcv_saddr;

	return a == b || !a || !b;
}

/*
 * udp_lib_lport_inuse - may @sk not have port @num?  The rules of Linux's
 * udp_lib_lport_inuse(): sharing needs SO_REUSEADDR on both, or
 * SO_REUSEPORT on both; sockets bound to different devices or different
 * (non-wildcard) addresses never conflict.
 */
static bool udp_lib_lport_inuse(struct udp_hslot *hslot, const struct sock *sk,
				unsigned int num)
{
	struct sock *sk2;

	hlist_for_each_entry(sk2, &hslot->head, sk_node) {
		if (sk2 == sk || inet_sk(sk2)->inet_num != num)
			continue;
		if (sk2->sk_reuse && sk->sk_reuse)
			continue;
		if (sk2->sk_bound_dev_if && sk->sk_bound_dev_if &&
		    sk2->sk_bound_dev_if != sk->sk_bound_dev_if)
			continue;
		if (!udp_rcv_saddr_equal(sk, sk2))
			continue;
		if (sk2->sk_reuseport && sk->sk_reuseport)
			continue;
		return true;
	}
	return false;
}

static void inet_get_local_port_range(const struct net *net, int *low,
				      int *high)
{
	*low = net->ipv4.sysctl_ip_local_port_range[0];
	*high = net->ipv4.sysctl_ip_local_port_range[1];
	if (*low <= 0 || *high < *low || *high > 65535) {
		/* Not configured (yet): Linux's default. */
		*low = 32768;
		*high = 60999;
	}
}

/**
 * udp_lib_get_port - bind @sk to local port @snum, or an ephemeral one
 * @sk: an unhashed UDP socket, local address already set
 * @snum: host-order port; 0 picks one from net.ipv4.ip_local_port_range,
 *	starting at a random place
 *
 * Context: stack lock held.
 * Return: 0 (inet_num set and @sk hashed) or -EADDRINUSE.
 */
int udp_lib_get_port(struct sock *sk, unsigned short snum)
{
	struct udp_table *table = udp_table_of(sock_net(sk));
	struct udp_hslot *hslot;

	if (!snum) {
		int low, high;
		unsigned int remaining, first, i;

		inet_get_local_port_range(sock_net(sk), &low, &high);
		remaining = (unsigned int)(high - low) + 1;
		first = get_random_u32() % remaining;
		for (i = 0; i < remaining; i++) {
			unsigned int port =
				(unsigned int)low + (first + i) % remaining;
			bool inuse;

			if (inet_is_local_reserved_port(sock_net(sk),
							(unsigned short)port))
				continue;
			hslot = udp_hashslot(table, port);
			spin_lock_bh(&hslot->lock);
			inuse = udp_lib_lport_inuse(hslot, sk, port);
			spin_unlock_bh(&hslot->lock);
			if (!inuse) {
				snum = (unsigned short)port;
				break;
			}
		}
		if (!snum)
			return -EADDRINUSE;
	}

	hslot = udp_hashslot(table, snum);
	spin_lock_bh(&hslot->lock);
	if (udp_lib_lport_inuse(hslot, sk, snum)) {
		spin_unlock_bh(&hslot->lock);
		return -EADDRINUSE;
	}
	inet_sk(sk)->inet_num = snum;
	udp_sk(sk)->udp_port_hash = snum;
	if (hlist_unhashed(&sk->sk_node)) {
		hlist_add_head(&sk->sk_node, &hslot->head);
		hslot->count++;
	}
	spin_unlock_bh(&hslot->lock);
	return 0;
}

/* udp_lib_unhash - leave the port table (close, disconnect of autobound) */
void udp_lib_unhash(struct sock *sk)
{
	struct udp_table *table = udp_table_of(sock_net(sk));
	struct udp_hslot *hslot;

	if (hlist_unhashed(&sk->sk_node))
		return;
	hslot = udp_hashslot(table, udp_sk(sk)->udp_port_hash);
	spin_lock_bh(&hslot->lock);
	hlist_del_init(&sk->sk_node);
	hslot->count--;
	spin_unlock_bh(&hslot->lock);
	inet_sk(sk)->inet_num = 0;
}

static int udp_lib_hash(struct sock *sk)
{
	(void)sk; /* hashing happens in udp_lib_get_port() */
	return 0;
}

/*
 * compute_score - how well @sk matches a packet; -1: not at all.  The
 * caller's pass fixes the local address (the packet's, then INADDR_ANY),
 * so a socket bound to the address always beats a wildcard one; within a
 * pass a connected or device-bound socket scores higher.
 */
static int compute_score(struct sock *sk, __be32 saddr, __be16 sport,
			 __be32 laddr, unsigned short hnum, int dif)
{
	const struct inet_sock *inet = inet_sk(sk);
	int score = 2;

	if (inet->inet_num != hnum || inet->inet_rcv_saddr != laddr)
		return -1;
	if (inet->inet_daddr) {
		if (inet->inet_daddr != saddr)
			return -1;
		score += 4;
	}
	if (inet->inet_dport) {
		if (inet->inet_dport != sport)
			return -1;
		score += 4;
	}
	if (sk->sk_bound_dev_if) {
		if (sk->sk_bound_dev_if != dif)
			return -1;
		score += 4;
	}
	return score;
}

static struct sock *udp4_lib_lookup_pass(struct udp_hslot *hslot, __be32 saddr,
					 __be16 sport, __be32 laddr,
					 unsigned short hnum, int dif)
{
	struct sock *sk, *result = NULL;
	int badness = 0, score;

	hlist_for_each_entry(sk, &hslot->head, sk_node) {
		score = compute_score(sk, saddr, sport, laddr, hnum, dif);
		if (score > badness) {
			result = sk;
			badness = score;
		}
	}
	return result;
}

/**
 * udp4_lib_lookup - the socket a datagram belongs to
 * @net: namespace
 * @saddr: remote address; @sport: remote port
 * @daddr: local address; @dport: local port
 * @dif: ifindex it arrived on
 *
 * As Linux 6.1: sockets bound to @daddr first, then wildcard ones; the
 * best score wins (connected, device-bound), the newest on a tie.
 * Return: the socket (no reference taken) or NULL.
 */
struct sock *udp4_lib_lookup(struct net *net, __be32 saddr, __be16 sport,
			     __be32 daddr, __be16 dport, int dif)
{
	struct udp_table *table = udp_table_of(net);
	unsigned short hnum = ntohs(dport);
	struct udp_hslot *hslot;
	struct sock *sk;

	if (!table)
		return NULL;
	hslot = udp_hashslot(table, hnum);
	sk = udp4_lib_lookup_pass(hslot, saddr, sport, daddr, hnum, dif);
	if (!sk && daddr != htonl(INADDR_ANY))
		sk = udp4_lib_lookup_pass(hslot, saddr, sport,
					  htonl(INADDR_ANY), hnum, dif);
	return sk;
}

/* ---- memory accounting (Linux 6.18's, udp.c) ---- */

/* UDP's memory pool in @sk's stack (udp_prot.memory) */
static struct proto_mem *udp_memory(const struct sock *sk)
{
	return &inet_stack(sock_net(sk)->st)->udp_memory;
}

/* udp_rmem_schedule - forward allocate what @size needs beyond what @sk
 * holds; -ENOBUFS when udp_mem refuses it */
static int udp_rmem_schedule(struct sock *sk, int size)
{
	int delta = size - sk->sk_forward_alloc;

	if (delta > 0 && !__sk_mem_schedule(sk, delta, SK_MEM_RECV))
		return -ENOBUFS;
	return 0;
}

/*
 * udp_rmem_release - @size bytes of datagrams taken off the queue are
 * free again.  @partial (a read): they wait in forward_deficit until
 * they come to a quarter of the buffer or the queue is empty, then go
 * back at once, a page staying forward allocated; 0 (the end): all of
 * it.  sk_rmem_alloc falls only then: `ss -m`'s r stays while a batch is
 * read, as on Linux.  Linux reads batches from a reader queue the
 * receive queue is spliced into; here the batch ends when the receive
 * queue empties.
 */
static void udp_rmem_release(struct sock *sk, int size, int partial)
{
	struct udp_sock *up = udp_sk(sk);
	int amt;

	if (partial) {
		up->forward_deficit += size;
		size = up->forward_deficit;
		if (size < (sk->sk_rcvbuf >> 2) &&
		    !skb_queue_empty(&sk->sk_receive_queue))
			return;
	} else {
		size += up->forward_deficit;
	}
	up->forward_deficit = 0;
	sk->sk_forward_alloc += size;
	amt = (sk->sk_forward_alloc - partial) & ~((int)PAGE_SIZE - 1);
	sk->sk_forward_alloc -= amt;
	if (amt)
		__sk_mem_reduce_allocated(sk, amt >> PAGE_SHIFT);
	sk->sk_rmem_alloc -= size;
}

/* udp_destroy_sock - the queued datagrams go, and all their memory */
static void udp_destroy_sock(struct sock *sk)
{
	struct sk_buff *skb;
	int total = 0;

	while ((skb = skb_dequeue(&sk->sk_receive_queue)) != NULL) {
		total += (int)skb->truesize;
		kfree_skb(skb);
	}
	udp_rmem_release(sk, total, 0);
}

/*
 * __udp_enqueue_schedule_skb - charge @skb to @sk and queue it.  A
 * datagram whose truesize does not fit what is left of sk_rcvbuf is
 * dropped unless the queue is empty (-ENOMEM: one always fits); one
 * whose memory udp_mem refuses is dropped too (-ENOBUFS).  The skb has
 * no owner: udp_rmem_release() gives the memory back when it is read.
 */
static int __udp_enqueue_schedule_skb(struct sock *sk, struct sk_buff *skb)
{
	int size = (int)skb->truesize, err;

	if ((unsigned int)sk->sk_rmem_alloc + (unsigned int)size >
		    (unsigned int)sk->sk_rcvbuf &&
	    sk->sk_rmem_alloc) {
		err = -ENOMEM;
		goto drop;
	}
	sk->sk_rmem_alloc += size;
	err = udp_rmem_schedule(sk, size);
	if (err) {
		sk->sk_rmem_alloc -= size;
		goto drop;
	}
	sk->sk_forward_alloc -= size;
	/* the receive time only for a socket that wants it (as Linux's
	 * netstamp_needed_key) */
	if (!skb->tstamp &&
	    (sock_flag(sk, SOCK_RCVTSTAMP) || sock_flag(sk, SOCK_TIMESTAMP)))
		skb->tstamp = ktime_get_real_ns(sock_net(sk)->st);
	skb_dst_drop(skb);
	skb_orphan(skb);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_data_ready(sk);
	return 0;

drop:
	sk->sk_drops++;
	return err;
}

/*
 * __udp_queue_rcv_skb - queue @skb (data past the UDP header) for recvmsg;
 * consumes it.  Straight from the softirq when nobody owns @sk, else from
 * release_sock() as udp_prot.backlog_rcv.  A full buffer counts as
 * RcvbufErrors, memory udp_mem refused as MemErrors; both as InErrors.
 */
static int __udp_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	int err = __udp_enqueue_schedule_skb(sk, skb);

	if (err) {
		if (err == -ENOMEM) {
			__UDP_INC_STATS(net, UDP_MIB_RCVBUFERRORS);
			kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
		} else {
			__UDP_INC_STATS(net, UDP_MIB_MEMERRORS);
			kfree_skb_reason(skb, SKB_DROP_REASON_PROTO_MEM);
		}
		__UDP_INC_STATS(net, UDP_MIB_INERRORS);
		return -1;
	}
	return 0;
}

/*
 * udp_queue_rcv_one_skb_locked - deliver @skb (data at the UDP header) to
 * @sk, under bh_lock_sock(); consumes it.  Softirq context: while a task
 * owns @sk (lock_sock) the datagram waits on the backlog, bounded by
 * sk_rcvbuf + sk_sndbuf, and is queued when the owner calls
 * release_sock(); a full backlog drops it, counted as a full receive
 * buffer is.
 */
static int udp_queue_rcv_one_skb_locked(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);

	if (inet_sk(sk)->min_ttl && ip_hdr(skb)->ttl < inet_sk(sk)->min_ttl) {
		kfree_skb(skb);
		return 0;
	}
	ipv4_pktinfo_prepare(sk, skb);
	skb_pull(skb, sizeof(struct udphdr));

	if (!sock_owned_by_user(sk))
		return __udp_queue_rcv_skb(sk, skb);
	if (sk_add_backlog(sk, skb,
			   (unsigned int)sk->sk_rcvbuf +
				   (unsigned int)sk->sk_sndbuf)) {
		sk->sk_drops++;
		__UDP_INC_STATS(net, UDP_MIB_RCVBUFERRORS);
		__UDP_INC_STATS(net, UDP_MIB_INERRORS);
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_BACKLOG);
		return -1;
	}
	return 0;
}

static int udp_queue_rcv_one_skb(struct sock *sk, struct sk_buff *skb)
{
	int rc;

	bh_lock_sock(sk);
	rc = udp_queue_rcv_one_skb_locked(sk, skb);
	bh_unlock_sock(sk);
	return rc;
}

/*
 * udp_unexpected_gso - is @skb a GSO packet @sk cannot take whole?  Only a
 * socket with UDP_GRO takes SKB_GSO_UDP_L4 packets as they are.
 */
static bool udp_unexpected_gso(const struct sock *sk, const struct sk_buff *skb)
{
	if (!skb_is_gso(skb))
		return false;
	if ((skb_shinfo(skb)->gso_type & SKB_GSO_UDP_L4) &&
	    !udp_sk(sk)->accept_udp_l4)
		return true;
	if (skb_shinfo(skb)->gso_type & SKB_GSO_FRAGLIST)
		return true;
	return false;
}

/*
 * udp_rcv_segment - cut a GSO packet (data at its first header) into the
 * datagrams it stands for; consumes @skb.  The segments share its pages.
 */
static struct sk_buff *udp_rcv_segment(struct sock *sk, struct sk_buff *skb)
{
	struct sk_buff *segs;

	segs = __skb_gso_segment(skb, NETIF_F_SG | NETIF_F_GSO_SOFTWARE, false);
	if (IS_ERR_OR_NULL(segs)) {
		sk->sk_drops++;
		__UDP_INC_STATS(sock_net(sk), UDP_MIB_INERRORS);
		kfree_skb(skb);
		return NULL;
	}
	consume_skb(skb);
	return segs;
}

/*
 * udp_queue_rcv_skb - deliver @skb (data at the UDP header) to @sk;
 * consumes it.  A GSO packet (UDP_SEGMENT over lo or veth) goes whole to a
 * socket with UDP_GRO, as its segments to any other.
 */
static int udp_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	struct sk_buff *segs, *next;

	if (likely(!udp_unexpected_gso(sk, skb)))
		return udp_queue_rcv_one_skb(sk, skb);

	if (!skb_mac_header_was_set(skb))
		skb->mac_header = skb->network_header;
	skb_push(skb, (unsigned int)(skb->data - skb_mac_header(skb)));
	segs = udp_rcv_segment(sk, skb);
	/* one trip of the socket's lock for all the segments */
	bh_lock_sock(sk);
	skb_list_walk_safe(segs, skb, next)
	{
		skb->next = NULL;
		skb_pull(skb, (unsigned int)skb_transport_offset(skb));
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		udp_queue_rcv_one_skb_locked(sk, skb);
	}
	bh_unlock_sock(sk);
	return 0;
}

static bool udp_is_mcast_sock(struct sock *sk, __be16 loc_port, __be32 loc_addr,
			      __be16 rmt_port, __be32 rmt_addr, int dif)
{
	const struct inet_sock *inet = inet_sk(sk);

	if (inet->inet_num != ntohs(loc_port))
		return false;
	if (inet->inet_daddr && inet->inet_daddr != rmt_addr)
		return false;
	if (inet->inet_dport && inet->inet_dport != rmt_port)
		return false;
	if (inet->inet_rcv_saddr && inet->inet_rcv_saddr != loc_addr)
		return false;
	if (sk->sk_bound_dev_if && sk->sk_bound_dev_if != dif)
		return false;
	/* its group memberships and source filters (IP_MULTICAST_ALL) */
	return ip_mc_sf_allow(sk, loc_addr, rmt_addr, dif);
}

/*
 * A broadcast or multicast datagram goes to every matching socket (a
 * clone each); nobody wanting it is not an error (UDP_MIB_IGNOREDMULTI).
 */
static int udp4_lib_mcast_deliver(struct net *net, struct sk_buff *skb,
				  const struct udphdr *uh, __be32 saddr,
				  __be32 daddr, int dif)
{
	struct udp_table *table = udp_table_of(net);
	struct udp_hslot *hslot = udp_hashslot(table, ntohs(uh->dest));
	struct sock *sk, *first = NULL;
	__be16 sport = uh->source, dport = uh->dest;

	hlist_for_each_entry(sk, &hslot->head, sk_node) {
		struct sk_buff *nskb;

		if (!udp_is_mcast_sock(sk, dport, daddr, sport, saddr, dif))
			continue;
		if (!first) {
			first = sk;
			continue;
		}
		nskb = skb_clone(skb, GFP_ATOMIC);
		if (!nskb) {
			sk->sk_drops++;
			__UDP_INC_STATS(net, UDP_MIB_RCVBUFERRORS);
			__UDP_INC_STATS(net, UDP_MIB_INERRORS);
			continue;
		}
		udp_queue_rcv_skb(sk, nskb);
	}
	if (first) {
		udp_queue_rcv_skb(first, skb);
	} else {
		consume_skb(skb);
		__UDP_INC_STATS(net, UDP_MIB_IGNOREDMULTI);
	}
	return 0;
}

/* RFC 768: a zero checksum means "none"; otherwise it must add up. */
static bool udp4_csum_bad(const struct sk_buff *skb, const struct udphdr *uh,
			  unsigned int ulen)
{
	const struct iphdr *iph = ip_hdr(skb);
	__wsum csum;

	if (!uh->check || skb_csum_unnecessary(skb))
		return false;
	csum = skb_checksum(skb, 0, (int)ulen, 0);
	return csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
				 csum) != 0;
}

static bool udp_is_bcast_or_mcast(const struct sk_buff *skb, __be32 daddr)
{
	const struct rtable *rt = skb_rtable(skb);

	if (rt && (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST)))
		return true;
	return skb->pkt_type == PACKET_BROADCAST ||
	       skb->pkt_type == PACKET_MULTICAST ||
	       IN_MULTICAST(ntohl(daddr)) || daddr == htonl(INADDR_BROADCAST);
}

/**
 * udp_rcv - the IPPROTO_UDP handler
 * @skb: a datagram for this host, skb->data at the UDP header, network
 *	header and route set; consumed on every path
 *
 * Validates length and checksum, finds the socket(s) and queues.  No socket:
 * ICMP port unreachable (RFC 1122 4.1.3.1) unless broadcast or multicast.
 * Context: softirq, stack lock held.
 * Return: 0.
 */
int udp_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	enum skb_drop_reason reason = SKB_DROP_REASON_PKT_TOO_SMALL;
	const struct udphdr *uh;
	unsigned int ulen;
	__be32 saddr, daddr;
	struct sock *sk;

	if (!pskb_may_pull(skb, sizeof(struct udphdr)))
		goto drop;
	skb_reset_transport_header(skb);
	uh = udp_hdr(skb);
	ulen = ntohs(uh->len);
	saddr = ip_hdr(skb)->saddr;
	daddr = ip_hdr(skb)->daddr;

	if (ulen > skb->len || ulen < sizeof(struct udphdr))
		goto drop;
	if (pskb_trim_rcsum(skb, ulen))
		goto drop;
	uh = udp_hdr(skb);

	if (udp4_csum_bad(skb, uh, ulen))
		goto csum_error;
	skb->ip_summed = CHECKSUM_UNNECESSARY;

	if (udp_is_bcast_or_mcast(skb, daddr))
		return udp4_lib_mcast_deliver(net, skb, uh, saddr, daddr,
					      skb->skb_iif);

	sk = udp4_lib_lookup(net, saddr, uh->source, daddr, uh->dest,
			     skb->dev ? skb->dev->ifindex : skb->skb_iif);
	if (sk) {
		udp_queue_rcv_skb(sk, skb);
		return 0;
	}

	__UDP_INC_STATS(net, UDP_MIB_NOPORTS);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	kfree_skb_reason(skb, SKB_DROP_REASON_NO_SOCKET);
	return 0;

csum_error:
	reason = SKB_DROP_REASON_UDP_CSUM;
	__UDP_INC_STATS(net, UDP_MIB_CSUMERRORS);
drop:
	__UDP_INC_STATS(net, UDP_MIB_INERRORS);
	kfree_skb_reason(skb, reason);
	return 0;
}

/**
 * udp_err - an ICMP error quoting a datagram we sent
 * @skb: the ICMP message, skb->data at the quoted IP header; not consumed
 * @info: the MTU for frag-needed
 *
 * Connected sockets get sk_err (ECONNREFUSED for port unreachable ...);
 * with IP_RECVERR every socket gets the error queued (RFC 1122 4.1.3.3).
 * Return: 0, or -ENOENT when no socket sent the quoted datagram.
 */
int udp_err(struct sk_buff *skb, u32 info)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct udphdr *uh;
	struct inet_sock *inet;
	int err, harderr = 0;
	unsigned int ihl;
	struct sock *sk;

	if (skb->len < sizeof(struct iphdr))
		return -EINVAL;
	ihl = iph->ihl * 4U;
	if (ihl < sizeof(struct iphdr) || skb->len < ihl + 8)
		return -EINVAL;
	uh = (const struct udphdr *)(const void *)(skb->data + ihl);

	sk = udp4_lib_lookup(net, iph->daddr, uh->dest, iph->saddr, uh->source,
			     skb->dev->ifindex);
	if (!sk) {
		udp_icmp_inerror(net);
		return -ENOENT;
	}
	inet = inet_sk(sk);

	switch (icmph->type) {
	case ICMP_SOURCE_QUENCH:
		return 0;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = 1;
		break;
	case ICMP_DEST_UNREACH:
		if (icmph->code == ICMP_FRAG_NEEDED) {
			ipv4_sk_update_pmtu(skb, sk, info);
			if (inet->pmtudisc != IP_PMTUDISC_DONT) {
				err = EMSGSIZE;
				harderr = 1;
				break;
			}
			return 0;
		}
		err = EHOSTUNREACH;
		if (icmph->code <= NR_ICMP_UNREACH) {
			harderr = icmp_err_convert[icmph->code].fatal;
			err = icmp_err_convert[icmph->code].errno_;
		}
		break;
	case ICMP_REDIRECT:
		return 0;
	case ICMP_TIME_EXCEEDED:
	default:
		err = EHOSTUNREACH;
		break;
	}

	if (!inet->recverr) {
		if (!harderr || sk->sk_state != TCP_ESTABLISHED)
			return 0;
	} else {
		ip_icmp_error(sk, skb, err, uh->dest, info, (u8 *)(uh + 1));
	}
	sk->sk_err = err;
	inet_sk_error_report(sk);
	return 0;
}

/*
 * udp4_hwcsum - leave the checksum to the device (CHECKSUM_PARTIAL); the
 * field holds the pseudo-header sum until then.  A datagram with a
 * frag_list goes out as IP fragments, so its sum is made here.
 */
static void udp4_hwcsum(struct sk_buff *skb, __be32 src, __be32 dst)
{
	struct udphdr *uh = udp_hdr(skb);
	int offset = skb_transport_offset(skb);
	unsigned int len = skb->len - (unsigned int)offset;

	if (!skb_has_frag_list(skb)) {
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb->transport_header;
		skb->csum_offset = offsetof(struct udphdr, check);
		uh->check = (__sum16)~csum_tcpudp_magic(src, dst, len,
							IPPROTO_UDP, 0);
		return;
	}
	uh->check = 0;
	uh->check = csum_tcpudp_magic(src, dst, len, IPPROTO_UDP,
				      skb_checksum(skb, offset, (int)len, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
	skb->ip_summed = CHECKSUM_NONE;
}

/*
 * Fill the UDP header of a datagram ip_make_skb() or the cork built, and
 * send it.  With @gso_size (UDP_SEGMENT) the datagram stands for segments
 * of that many payload bytes, checked as Linux checks them.
 */
static int udp_send_skb(struct sock *sk, struct sk_buff *skb,
			const struct flowi4 *fl4, __be16 dport,
			unsigned int gso_size, unsigned int fragsize)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct udphdr *uh = udp_hdr(skb);
	unsigned int len = skb->len - (unsigned int)skb_transport_offset(skb);
	int err;

	uh->source = inet->inet_sport;
	uh->dest = dport;
	uh->len = htons((u16)len);
	uh->check = 0;
	if (gso_size) {
		unsigned int hlen = skb_network_header_len(skb) +
				    (unsigned int)sizeof(struct udphdr);
		unsigned int datalen = len - (unsigned int)sizeof(*uh);

		if (hlen + min_t(unsigned int, datalen, gso_size) > fragsize) {
			kfree_skb(skb);
			return -EMSGSIZE;
		}
		if (datalen > gso_size * UDP_MAX_SEGMENTS ||
		    sk->sk_no_check_tx) {
			kfree_skb(skb);
			return -EINVAL;
		}
		if (datalen > gso_size) {
			skb_shinfo(skb)->gso_size = (unsigned short)gso_size;
			skb_shinfo(skb)->gso_type = SKB_GSO_UDP_L4;
			skb_shinfo(skb)->gso_segs =
				(unsigned short)DIV_ROUND_UP(datalen, gso_size);
			ip_select_ident_more(net, skb, sk,
					     skb_shinfo(skb)->gso_segs - 1U);
		}
		udp4_hwcsum(skb, fl4->saddr, fl4->daddr);
	} else if (sk->sk_no_check_tx) {
		/* SO_NO_CHECK: sent with a zero ("none") checksum */
		skb->ip_summed = CHECKSUM_NONE;
	} else if (skb_dst(skb)->dev->features & NETIF_F_HW_CSUM) {
		/* the device (lo, veth) sums the rest */
		udp4_hwcsum(skb, fl4->saddr, fl4->daddr);
	} else {
		uh->check = csum_tcpudp_magic(
			fl4->saddr, fl4->daddr, len, IPPROTO_UDP,
			skb_checksum(skb, skb_transport_offset(skb), (int)len,
				     0));
		if (!uh->check)
			uh->check = CSUM_MANGLED_0;
	}

	err = ip_send_skb(net, skb);
	if (err) {
		if (err == -ENOBUFS && !inet->recverr) {
			__UDP_INC_STATS(net, UDP_MIB_SNDBUFERRORS);
			err = 0;
		}
	} else {
		__UDP_INC_STATS(net, UDP_MIB_OUTDATAGRAMS);
	}
	return err;
}

/* udp_flush_pending_frames - give up a corked datagram */
static void udp_flush_pending_frames(struct sock *sk)
{
	struct udp_sock *up = udp_sk(sk);

	if (up->pending) {
		up->pending = 0;
		ip_flush_pending_frames(sk, &up->cork);
	}
}

/* udp_push_pending_frames - send the corked datagram; 0 or -errno */
static int udp_push_pending_frames(struct sock *sk)
{
	struct udp_sock *up = udp_sk(sk);
	unsigned int gso_size = up->cork.ipc.gso_size;
	unsigned int fragsize = up->cork.fragsize;
	struct sk_buff *skb;
	int err = 0;

	skb = ip_finish_skb(sk, &up->cork, &up->cork_fl);
	if (skb)
		err = udp_send_skb(sk, skb, &up->cork_fl, up->cork_dport,
				   gso_size, fragsize);
	up->pending = 0;
	return err;
}

/*
 * udp_cmsg_send - the SOL_UDP control messages of a sendmsg (UDP_SEGMENT);
 * Return: 0, 1 when there are others for ip_cmsg_send, or -EINVAL.
 */
static int udp_cmsg_send(struct msghdr *msg, u16 *gso_size)
{
	struct cmsghdr *cmsg;
	bool need_ip = false;

	for (cmsg = CMSG_FIRSTHDR(msg); cmsg; cmsg = CMSG_NXTHDR(msg, cmsg)) {
		if (cmsg->cmsg_len < sizeof(struct cmsghdr))
			return -EINVAL;
		if (cmsg->cmsg_level != SOL_UDP) {
			need_ip = true;
			continue;
		}
		switch (cmsg->cmsg_type) {
		case UDP_SEGMENT:
			if (cmsg->cmsg_len != CMSG_LEN(sizeof(__u16)))
				return -EINVAL;
			memcpy(gso_size, CMSG_DATA(cmsg), sizeof(*gso_size));
			break;
		default:
			return -EINVAL;
		}
	}
	return need_ip;
}

/**
 * udp_sendmsg - send one datagram, or add to a corked one
 * @sk: the socket (bound: inet_sendmsg autobinds)
 * @msg: data, destination in msg_name (else the connected peer), control
 *	messages (IP_TTL, IP_TOS, IP_PKTINFO, UDP_SEGMENT), flags in
 *	msg_flags (MSG_MORE: more data for this datagram follows)
 * @len: payload bytes
 *
 * With UDP_CORK set or MSG_MORE the data is appended to a pending
 * datagram (whose destination the first call fixed) and sent when the
 * cork is pulled or a call comes without MSG_MORE.  With UDP_SEGMENT (the
 * option or the control message) the datagram stands for segments of
 * gso_size payload bytes each (GSO), cut where a device or the receiving
 * socket needs them.
 * Return: @len, or -errno as Linux: -EMSGSIZE, -EINVAL, -EAFNOSUPPORT,
 *	-EDESTADDRREQ, -ENETUNREACH, -EHOSTUNREACH, -EACCES (broadcast
 *	without SO_BROADCAST), -EAGAIN, or a pending sk_err.
 */
int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct udp_sock *up = udp_sk(sk);
	struct net *net = sock_net(sk);
	struct inet_getfrag_arg arg = { .msg = msg, .base = 0 };
	struct ipcm_cookie ipc;
	struct rtable *rt = NULL;
	struct sk_buff *skb;
	struct flowi4 fl4;
	__be32 daddr, saddr, faddr;
	bool connected = false, strict;
	int corkreq = up->corkflag || (msg->msg_flags & MSG_MORE);
	__be16 dport;
	int err;
	u8 tos;

	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;

	if (up->pending) {
		/* more for the corked datagram: its destination stands */
		lock_sock(sk);
		if (likely(up->pending)) {
			err = ip_append_data(sk, &up->cork, inet_getfrag, &arg,
					     (int)len, 0, &up->cork.ipc, NULL,
					     msg->msg_flags);
			goto corked;
		}
		release_sock(sk);
	}

	if (msg->msg_name) {
		struct sockaddr_in usin;

		if (msg->msg_namelen < sizeof(usin))
			return -EINVAL;
		memcpy(&usin, msg->msg_name, sizeof(usin));
		if (usin.sin_family != AF_INET && usin.sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		daddr = usin.sin_addr.s_addr;
		dport = usin.sin_port;
		if (!dport)
			return -EINVAL;
	} else {
		if (sk->sk_state != TCP_ESTABLISHED)
			return -EDESTADDRREQ;
		daddr = inet->inet_daddr;
		dport = inet->inet_dport;
		/* the route connect() cached serves, as Linux's */
		connected = true;
	}

	ipcm_init_sk(&ipc, inet);
	ipc.gso_size = up->gso_size;
	if (msg->msg_controllen) {
		err = udp_cmsg_send(msg, &ipc.gso_size);
		if (err > 0)
			err = ip_cmsg_send(sk, msg, &ipc, false);
		if (err)
			return err;
		connected = false;
	}
	saddr = ipc.addr;
	err = ip_options_sendmsg(sk, &ipc, daddr, &faddr, &strict);
	if (err)
		return err;
	if (ipc.opt && (ipc.opt->srr || strict))
		connected = false;
	tos = ipc.tos != -1 ? (u8)ipc.tos : inet->tos;
	if (IN_MULTICAST(ntohl(daddr))) {
		if (!ipc.oif)
			ipc.oif = inet->mc_index;
		if (!saddr)
			saddr = inet->mc_addr;
		connected = false;
	} else if (!ipc.oif) {
		ipc.oif = inet->uc_index;
	}
	if (sock_flag(sk, SOCK_LOCALROUTE) || (msg->msg_flags & MSG_DONTROUTE))
		connected = false;

	inet_flow_init(&fl4, ipc.oif, ipc.mark, tos, IPPROTO_UDP, faddr, saddr,
		       dport, inet->inet_sport,
		       sock_flag(sk, SOCK_LOCALROUTE) ||
			       (msg->msg_flags & MSG_DONTROUTE) || strict);
	if (connected && saddr)
		rt = (struct rtable *)(void *)sk_dst_check(sk, 0);
	if (!rt) {
		rt = ip_route_output_key(net, &fl4);
		if (IS_ERR(rt)) {
			err = (int)PTR_ERR(rt);
			rt = NULL;
			if (err == -ENETUNREACH)
				IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
			goto out;
		}
		if (connected && saddr == fl4.saddr) {
			dst_hold(&rt->dst);
			sk_setup_caps(sk, &rt->dst);
		}
	}
	err = -EACCES;
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST))
		goto out;

	if (!corkreq) {
		unsigned int fragsize = ip_sk_fragsize(sk, rt);

		skb = ip_make_skb(sk, &fl4, inet_getfrag, &arg,
				  (int)len + (int)sizeof(struct udphdr),
				  sizeof(struct udphdr), &ipc, &rt,
				  msg->msg_flags);
		err = 0;
		if (IS_ERR(skb))
			err = (int)PTR_ERR(skb);
		else if (skb)
			err = udp_send_skb(sk, skb, &fl4, dport, ipc.gso_size,
					   fragsize);
		goto out;
	}

	/* corked: this starts the pending datagram */
	lock_sock(sk);
	if (unlikely(up->pending)) {
		/* another thread started one meanwhile: Linux's warning */
		release_sock(sk);
		err = -EINVAL;
		goto out;
	}
	up->cork_fl = fl4;
	up->cork_dport = dport;
	up->pending = AF_INET;
	err = ip_append_data(sk, &up->cork, inet_getfrag, &arg,
			     (int)len + (int)sizeof(struct udphdr),
			     sizeof(struct udphdr), &ipc, &rt, msg->msg_flags);
corked:
	if (err)
		udp_flush_pending_frames(sk);
	else if (!corkreq)
		err = udp_push_pending_frames(sk);
	else if (unlikely(!up->cork.skb))
		up->pending = 0; /* MSG_PROBE: nothing was started */
	release_sock(sk);
out:
	ip_rt_put(rt);
	if (!err)
		return (int)len;
	if (err == -ENOBUFS ||
	    (sk->sk_socket && (sk->sk_socket->flags & (1UL << SOCK_NOSPACE))))
		__UDP_INC_STATS(net, UDP_MIB_SNDBUFERRORS);
	return err;
}

/**
 * udp_recvmsg - receive one datagram
 * @sk: the socket
 * @msg: gets the payload, the sender in msg_name, SO_TIMESTAMP and the
 *	IP control messages asked for
 * @len: buffer size: a longer datagram is cut (MSG_TRUNC in msg_flags)
 * @flags: MSG_PEEK, MSG_TRUNC (return the real length), MSG_DONTWAIT,
 *	MSG_ERRQUEUE
 * @addr_len: set to the length written at msg_name
 *
 * Return: bytes copied (the datagram's length with MSG_TRUNC), or -errno.
 */
int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len)
{
	struct sockaddr_in *sin = msg->msg_name;
	struct sk_buff *skb;
	unsigned int ulen, copied;
	int err;

	if (flags & MSG_ERRQUEUE)
		return ip_recv_error(sk, msg, (int)len, addr_len);

	skb = skb_recv_datagram(sk, (unsigned int)flags, &err);
	if (!skb)
		return err;
	if (!(flags & MSG_PEEK)) /* off the queue: udp_skb_destructor */
		udp_rmem_release(sk, (int)skb->truesize, 1);

	ulen = skb->len;
	copied = (unsigned int)min_t(size_t, len, ulen);
	if (copied < ulen)
		msg->msg_flags |= MSG_TRUNC;

	err = skb_copy_datagram_msg(skb, 0, msg, (int)copied);
	if (err) {
		if (!(flags & MSG_PEEK)) {
			sk->sk_drops++;
			__UDP_INC_STATS(sock_net(sk), UDP_MIB_INERRORS);
		}
		skb_free_datagram(sk, skb);
		return err;
	}
	if (!(flags & MSG_PEEK))
		__UDP_INC_STATS(sock_net(sk), UDP_MIB_INDATAGRAMS);

	sock_recv_timestamp(msg, sk, skb);
	if (sin) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_port = udp_hdr(skb)->source;
		sin->sin_addr.s_addr = ip_hdr(skb)->saddr;
		*addr_len = sizeof(*sin);
	}
	if (udp_sk(sk)->gro_enabled && skb_is_gso(skb)) {
		/* udp_cmsg_recv: the segment size of what came whole */
		int gso_size = skb_shinfo(skb)->gso_size;

		put_cmsg(msg, SOL_UDP, UDP_GRO, sizeof(gso_size), &gso_size);
	}
	if (inet_sk(sk)->cmsg_flags)
		ip_cmsg_recv_offset(msg, sk, skb, sizeof(struct udphdr), 0);

	err = (int)copied;
	if (flags & MSG_TRUNC)
		err = (int)ulen;
	skb_free_datagram(sk, skb);
	return err;
}

/**
 * udp_ioctl - SIOCINQ (FIONREAD): the first datagram's payload length;
 *	SIOCOUTQ: bytes sent but not yet freed
 * Return: 0, or -ENOIOCTLCMD for other requests.
 */
int udp_ioctl(struct sock *sk, int cmd, void *arg)
{
	int amount;

	switch (cmd) {
	case SIOCOUTQ:
		amount = sk->sk_wmem_alloc;
		break;
	case SIOCINQ: {
		struct sk_buff *skb = skb_peek(&sk->sk_receive_queue);

		amount = skb ? (int)skb->len : 0;
		break;
	}
	default:
		return -ENOIOCTLCMD;
	}
	memcpy(arg, &amount, sizeof(amount));
	return 0;
}

/**
 * udp_disconnect - connect(AF_UNSPEC): forget the peer; an address or
 *	port the user did not bind explicitly is given up too
 */
static int __udp_disconnect(struct sock *sk, int flags)
{
	struct inet_sock *inet = inet_sk(sk);

	(void)flags;
	sk->sk_state = TCP_CLOSE;
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	sk->sk_bound_dev_if = 0;
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK)) {
		inet->inet_rcv_saddr = 0;
		inet->inet_saddr = 0;
	}
	if (!(sk->sk_userlocks & SOCK_BINDPORT_LOCK)) {
		sk->sk_prot->unhash(sk);
		inet->inet_sport = 0;
	}
	sk_dst_reset(sk);
	return 0;
}

int udp_disconnect(struct sock *sk, int flags)
{
	int err;

	lock_sock(sk);
	err = __udp_disconnect(sk, flags);
	release_sock(sk);
	return err;
}

static int udp_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	return ip4_datagram_connect(sk, uaddr, addr_len);
}

/*
 * udp_lib_setsockopt - SOL_UDP options: UDP_CORK (clearing it sends what is
 * pending), UDP_SEGMENT (0..65535), UDP_GRO.  Return: 0, -EINVAL or
 * -ENOPROTOOPT as Linux.
 */
static int udp_setsockopt(struct sock *sk, int level, int optname,
			  const void *optval, unsigned int optlen)
{
	struct udp_sock *up = udp_sk(sk);
	int val, err = 0;

	if (level != SOL_UDP)
		return ip_setsockopt(sk, level, optname, optval, optlen);
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));

	switch (optname) {
	case UDP_CORK:
		if (val) {
			up->corkflag = 1;
		} else {
			up->corkflag = 0;
			lock_sock(sk);
			if (up->pending)
				err = udp_push_pending_frames(sk);
			release_sock(sk);
		}
		break;
	case UDP_SEGMENT:
		if (val < 0 || val > USHRT_MAX)
			return -EINVAL;
		up->gso_size = (u16)val;
		break;
	case UDP_GRO:
		up->gro_enabled = val != 0;
		up->accept_udp_l4 = val != 0;
		break;
	default:
		return -ENOPROTOOPT;
	}
	return err;
}

static int udp_getsockopt(struct sock *sk, int level, int optname, void *optval,
			  int *optlen)
{
	const struct udp_sock *up = udp_sk(sk);
	int val, len;

	if (level != SOL_UDP)
		return ip_getsockopt(sk, level, optname, optval, optlen);
	len = *optlen;
	if (len < 0)
		return -EINVAL;
	if (len > (int)sizeof(int))
		len = sizeof(int);
	switch (optname) {
	case UDP_CORK:
		val = up->corkflag;
		break;
	case UDP_SEGMENT:
		val = up->gso_size;
		break;
	case UDP_GRO:
		val = up->gro_enabled;
		break;
	default:
		return -ENOPROTOOPT;
	}
	memcpy(optval, &val, (size_t)len);
	*optlen = len;
	return 0;
}

static void udp_lib_close(struct sock *sk, long timeout)
{
	(void)timeout;
	udp_flush_pending_frames(sk);
	sk_common_release(sk);
}

struct proto udp_prot = {
	.name = "UDP",
	.obj_size = sizeof(struct udp_sock),
	.close = udp_lib_close,
	.connect = udp_connect,
	.disconnect = udp_disconnect,
	.ioctl = udp_ioctl,
	.setsockopt = udp_setsockopt,
	.getsockopt = udp_getsockopt,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
	.destroy = udp_destroy_sock,
	.backlog_rcv = __udp_queue_rcv_skb,
	.hash = udp_lib_hash,
	.unhash = udp_lib_unhash,
	.get_port = udp_lib_get_port,
	.max_header = MAX_HEADER,
	.sysctl_rmem_offset = offsetof(struct net, ipv4.sysctl_udp_rmem_min),
	.sysctl_wmem_offset = offsetof(struct net, ipv4.sysctl_udp_wmem_min),
	.memory = udp_memory,
};

const struct net_protocol udp_protocol = {
	.handler = udp_rcv,
	.err_handler = udp_err,
	.no_policy = 1,
};

/* /proc/net/udp: every socket, by hash slot, in Linux's format. */
static int udp4_seq_show(struct seq_file *m, void *v)
{
	struct udp_table *table = udp_table_of(seq_file_net(m));
	char line[256];
	unsigned int i;
	struct sock *sk;

	(void)v;
	seq_printf(
		m, "%-127s\n",
		"   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops");
	if (!table)
		return 0;
	for (i = 0; i <= table->mask; i++) {
		hlist_for_each_entry(sk, &table->hash[i].head, sk_node) {
			const struct inet_sock *inet = inet_sk(sk);

			inet_proc_sock_line(
				line, sizeof(line), 5, (int)i, sk,
				inet->inet_rcv_saddr, ntohs(inet->inet_sport),
				inet->inet_daddr, ntohs(inet->inet_dport));
			seq_printf(m, "%-127s\n", line);
		}
	}
	return 0;
}

/*
 * net.ipv4.udp_rmem_min and udp_wmem_min, per namespace (the buffer a
 * socket keeps over udp_mem[0], at least 1), and udp_mem, UDP's limits in
 * pages, in the initial namespace only (Linux's global ipv4_table: the
 * stack's here).  udp_wmem_min acts where Linux's does: in the send
 * side's memory schedule, which a UDP send never takes (its skbs are
 * charged to sk_wmem_alloc, under sk_sndbuf).
 */
static const struct ctl_table udp_sysctl_table[] = {
	{ .procname = "udp_rmem_min",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE },
	{ .procname = "udp_wmem_min",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE },
	{ 0 }
};

static const struct ctl_table udp_global_sysctl_table[] = {
	{ .procname = "udp_mem",
	  .maxlen = 3 * sizeof(long),
	  .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ 0 }
};

static struct ctl_table_header *
udp_register_sysctl(struct net *net, const struct ctl_table *tmpl, size_t size,
		    void *data0, void *data1)
{
	struct ctl_table_header *hdr;
	struct ctl_table *t = kmemdup(tmpl, size, GFP_KERNEL);

	if (!t)
		return NULL;
	t[0].data = data0;
	if (data1)
		t[1].data = data1;
	hdr = register_net_sysctl(net, "net/ipv4", t);
	if (!hdr) {
		kfree(t);
		return NULL;
	}
	hdr->free_table = true;
	return hdr;
}

static void udp_net_exit(struct net *net);

static int udp_net_init(struct net *net)
{
	struct udp_table *table = kzalloc(sizeof(*table), GFP_KERNEL);
	unsigned int i;

	if (!table)
		return -ENOMEM;
	table->mask = UDP_HTABLE_SIZE - 1;
	for (i = 0; i < UDP_HTABLE_SIZE; i++)
		spin_lock_init(&table->hash[i].lock);
	net->ipv4.udp_table = table;
	/* Linux's udp_sysctl_init(): a page each */
	net->ipv4.sysctl_udp_rmem_min = (int)PAGE_SIZE;
	net->ipv4.sysctl_udp_wmem_min = (int)PAGE_SIZE;
	net->ipv4.udp_sysctl_hdr = udp_register_sysctl(
		net, udp_sysctl_table, sizeof(udp_sysctl_table),
		&net->ipv4.sysctl_udp_rmem_min, &net->ipv4.sysctl_udp_wmem_min);
	if (!net->ipv4.udp_sysctl_hdr)
		goto err;
	if (net_eq(net, net->st->init_net)) {
		net->ipv4.udp_global_sysctl_hdr = udp_register_sysctl(
			net, udp_global_sysctl_table,
			sizeof(udp_global_sysctl_table),
			inet_stack(net->st)->udp_memory.sysctl_mem, NULL);
		if (!net->ipv4.udp_global_sysctl_hdr)
			goto err;
	}
	return 0;
err:
	udp_net_exit(net);
	return -ENOMEM;
}

static void udp_net_exit(struct net *net)
{
	if (net->ipv4.udp_global_sysctl_hdr)
		unregister_net_sysctl_table(net->ipv4.udp_global_sysctl_hdr);
	net->ipv4.udp_global_sysctl_hdr = NULL;
	if (net->ipv4.udp_sysctl_hdr)
		unregister_net_sysctl_table(net->ipv4.udp_sysctl_hdr);
	net->ipv4.udp_sysctl_hdr = NULL;
	kfree(net->ipv4.udp_table);
	net->ipv4.udp_table = NULL;
}

static struct pernet_operations udp_net_ops = {
	.init = udp_net_init,
	.exit = udp_net_exit,
};

/**
 * udp_init - per-namespace UDP tables and /proc/net/udp
 * @st: the stack being initialised (inet_init)
 * Return: 0 or -errno.
 */
int udp_init(struct tn_stack *st)
{
	struct proto_mem *m = &inet_stack(st)->udp_memory;
	long limit = max_t(long, TN_FREE_BUFFER_PAGES / 8, 128);
	int err;

	/* Linux's udp_init(): an eighth of the free buffer pages is [1],
	 * three quarters of it [0], twice [0] the hard limit */
	m->sysctl_mem[0] = limit / 4 * 3;
	m->sysctl_mem[1] = limit;
	m->sysctl_mem[2] = m->sysctl_mem[0] * 2;
	err = register_pernet_subsys(&udp_net_ops);
	if (err)
		return err;
	return proc_create_net_single("udp", 0444, udp4_seq_show);
}
