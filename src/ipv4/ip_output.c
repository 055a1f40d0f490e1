// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 output: finishing locally built headers (ip_local_out), the route's
 * output function (ip_output) with fragmentation to the path MTU (RFC 791
 * 3.2: 8-byte aligned offsets, MF on all but the last piece, options copied
 * by their copied flag), the hand-off to the neighbour layer, and the
 * datagram builder shared by UDP, raw and ping sockets (ip_make_skb /
 * ip_send_skb).
 *
 * Linux counterpart: net/ipv4/ip_output.c.
 *
 * A departure from Linux's __ip_append_data: ip_make_skb() builds ONE skb
 * holding the whole datagram (IP header, transport header room, payload),
 * never a list of fragments.  The transport fills its header and checksum
 * over that skb, and ip_output() fragments it on the way out if it exceeds
 * the MTU.  On the wire the result is the same as Linux's.
 */
#include <linux/icmp.h>
#include <netinet/in.h>

#include <net/arp.h>
#include <net/icmp.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/neighbour.h>
#include <net/route.h>
#include <net/snmp.h>

#define IP_MAX_LEN   0xFFFFU /* largest IPv4 datagram (Linux ip.h IP_MAX_MTU) */
#define IPV4_MIN_MTU 68

#ifndef IP_PMTUDISC_INTERFACE
#define IP_PMTUDISC_INTERFACE 4
#endif
#ifndef MSG_PROBE
#define MSG_PROBE 0x10 /* Linux's: do not send, only probe the path */
#endif
#ifndef IP_PMTUDISC_OMIT
#define IP_PMTUDISC_OMIT 5
#endif

/**
 * ip_send_check - compute the header checksum of @iph in place
 * @iph: a complete IPv4 header (ihl set)
 */
void ip_send_check(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}

/**
 * ip4_dst_hoplimit - the TTL for a packet on @dst
 * @dst: the route
 *
 * The route's RTAX_HOPLIMIT metric when set, else net.ipv4.ip_default_ttl
 * of the route's device's namespace.
 * Return: the TTL (1..255).
 */
int ip4_dst_hoplimit(const struct dst_entry *dst)
{
	int hoplimit = (int)dst_metric_raw(dst, RTAX_HOPLIMIT);

	if (hoplimit == 0)
		hoplimit = dev_net(dst->dev)->ipv4.sysctl_ip_default_ttl;
	if (hoplimit <= 0)
		hoplimit = 64;
	return hoplimit;
}

/**
 * ip_select_ident - choose the Identification field of @skb's header
 * @net: namespace (holds the counter)
 * @skb: the packet; its header's frag_off must already be final
 * @sk: the sending socket or NULL
 *
 * As Linux: a connected socket uses its own counter (inet_id); an atomic
 * datagram (DF set, not to be fragmented locally) gets 0, which RFC 6864
 * allows; anything else draws from the namespace's counter, which starts
 * at a random value.
 */
void ip_select_ident(struct net *net, struct sk_buff *skb, struct sock *sk)
{
	struct iphdr *iph = ip_hdr(skb);

	if (sk && sk->sk_family == AF_INET && inet_sk(sk)->inet_daddr) {
		iph->id = htons(inet_sk(sk)->inet_id);
		inet_sk(sk)->inet_id++;
		return;
	}
	if ((iph->frag_off & htons(IP_DF)) && !skb->ignore_df) {
		iph->id = 0;
		return;
	}
	if (!net->ipv4.ip_id_next)
		net->ipv4.ip_id_next = get_random_u32() | 1;
	iph->id = htons((u16)net->ipv4.ip_id_next++);
}

static bool ip_mtu_locked(const struct dst_entry *dst)
{
	const struct rtable *rt = (const struct rtable *)(const void *)dst;

	return rt->rt_mtu_locked ||
	       (dst_metric_raw(dst, RTAX_LOCK) & (1U << RTAX_MTU));
}

/*
 * The MTU for a packet on @dst: a forwarded packet honours the route's MTU
 * metric or the device MTU, not a learned PMTU (unless ip_fwd_use_pmtu or
 * the MTU is locked); a local one uses dst_mtu(), the path MTU.
 */
static unsigned int ip_dst_mtu_maybe_forward(const struct dst_entry *dst,
					     bool forwarding)
{
	struct net *net = dev_net(dst->dev);
	unsigned int mtu;

	if (!forwarding || net->ipv4.sysctl_ip_fwd_use_pmtu ||
	    ip_mtu_locked(dst)) {
		mtu = dst_mtu(dst);
	} else {
		mtu = dst_metric_raw(dst, RTAX_MTU);
		if (!mtu)
			mtu = dst->dev->mtu;
	}
	return min_t(unsigned int, mtu, IP_MAX_LEN);
}

static bool ip_sk_use_pmtu(const struct sock *sk)
{
	return inet_sk(sk)->pmtudisc < IP_PMTUDISC_PROBE;
}

static bool ip_sk_ignore_df(const struct sock *sk)
{
	return inet_sk(sk)->pmtudisc < IP_PMTUDISC_DO ||
	       inet_sk(sk)->pmtudisc == IP_PMTUDISC_OMIT;
}

static bool ip_dont_fragment(const struct sock *sk, const struct dst_entry *dst)
{
	u8 pmtudisc = inet_sk(sk)->pmtudisc;

	return pmtudisc == IP_PMTUDISC_DO ||
	       (pmtudisc == IP_PMTUDISC_WANT && !ip_mtu_locked(dst));
}

static bool sk_is_inet(const struct sock *sk)
{
	return sk && sk->sk_family == AF_INET;
}

static unsigned int ip_skb_dst_mtu(struct sock *sk, const struct sk_buff *skb)
{
	const struct dst_entry *dst = skb_dst(skb);

	if (!sk_is_inet(sk) || ip_sk_use_pmtu(sk))
		return ip_dst_mtu_maybe_forward(dst, IPCB(skb)->flags &
							     IPSKB_FORWARDED);
	return min_t(unsigned int, dst->dev->mtu, IP_MAX_LEN);
}

/* Hand @skb to the next hop's neighbour entry; consumes @skb. */
static int ip_finish_output2(struct net *net, struct sock *sk,
			     struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;
	unsigned int hh_len = LL_RESERVED_SPACE(dev);
	struct neighbour *neigh;

	(void)sk;
	if (rt->rt_type == RTN_MULTICAST)
		IP_UPD_PO_STATS(net, IPSTATS_MIB_OUTMCAST, skb->len);
	else if (rt->rt_type == RTN_BROADCAST)
		IP_UPD_PO_STATS(net, IPSTATS_MIB_OUTBCAST, skb->len);

	if (unlikely(skb_headroom(skb) < hh_len && dev->header_ops)) {
		if (pskb_expand_head(skb, (int)hh_len, 0, GFP_ATOMIC)) {
			IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
			kfree_skb(skb);
			return -ENOMEM;
		}
	}

	neigh = ip_neigh_gw4(dev, rt_nexthop(rt, ip_hdr(skb)->daddr));
	if (!IS_ERR_OR_NULL(neigh))
		return neigh_output(neigh, skb, false);

	kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_FAILED);
	return -EINVAL;
}

/**
 * ip_do_fragment - cut @skb into fragments that fit the MTU
 * @net: namespace
 * @sk: the sending socket or NULL
 * @skb: a complete datagram (or a fragment being refragmented), data at
 *	the IP header; consumed
 * @output: called with each fragment (consumes it)
 *
 * RFC 791 3.2: every fragment but the last carries a multiple of 8 bytes
 * of data and MF; offsets are in 8-byte units and continue an incoming
 * fragment's offset and MF.  Options with the copied flag go into every
 * fragment, the others only into the first (replaced by NOOPs after it).
 * Counted as FragOKs/FragCreates, FragFails on failure.
 * Return: 0 or the first -errno from @output or allocation.
 */
int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *, struct sk_buff *))
{
	struct rtable *rt = skb_rtable(skb);
	struct iphdr *iph = ip_hdr(skb);
	unsigned int mtu, hlen, ll_rs, left, ptr, offset, len;
	bool not_last_frag, df, first = true;
	struct sk_buff *skb2;
	int err = 0;

	/* fragments carry no partial checksum: finish it over the whole */
	err = skb_checksum_help(skb);
	if (err)
		goto fail;
	mtu = ip_skb_dst_mtu(sk, skb);
	if (IPCB(skb)->frag_max_size && IPCB(skb)->frag_max_size < mtu)
		mtu = IPCB(skb)->frag_max_size;
	hlen = iph->ihl * 4U;
	if (mtu < hlen + 8) {
		err = -EMSGSIZE;
		goto fail;
	}
	mtu -= hlen; /* room for data */
	IPCB(skb)->flags |= IPSKB_FRAG_COMPLETE;
	ll_rs = LL_RESERVED_SPACE(rt->dst.dev);

	/* skb->data is at the IP header; the payload follows it */
	left = skb->len - hlen;
	ptr = hlen;
	offset = (ntohs(iph->frag_off) & IP_OFFSET) << 3;
	not_last_frag = iph->frag_off & htons(IP_MF);
	df = IPCB(skb)->flags & IPSKB_FRAG_PMTU;

	while (left > 0) {
		struct iphdr *iph2;

		len = left;
		if (len > mtu)
			len = mtu;
		if (len < left)
			len &= ~7U;

		skb2 = alloc_skb(len + hlen + ll_rs, GFP_ATOMIC);
		if (!skb2) {
			err = -ENOMEM;
			goto fail;
		}
		skb2->pkt_type = skb->pkt_type;
		skb2->priority = skb->priority;
		skb2->protocol = skb->protocol;
		skb2->skb_iif = skb->skb_iif;
		skb2->dev = skb->dev;
		skb2->mark = skb->mark;
		skb2->hash = skb->hash;
		skb2->tstamp = skb->tstamp;
		if (skb_dst(skb)) {
			dst_hold(skb_dst(skb));
			skb_dst_set(skb2, skb_dst(skb));
		}
		skb_reserve(skb2, (int)ll_rs);
		skb_put(skb2, len + hlen);
		skb_reset_network_header(skb2);
		skb2->transport_header = (u16)(skb2->network_header + hlen);
		memcpy(IPCB(skb2), IPCB(skb), sizeof(struct inet_skb_parm));

		memcpy(skb2->data, skb->data, hlen);
		memcpy(skb2->data + hlen, skb->data + ptr, len);
		left -= len;

		iph2 = ip_hdr(skb2);
		iph2->frag_off = htons((u16)(offset >> 3));
		if (df)
			iph2->frag_off |= htons(IP_DF);
		if (left > 0 || not_last_frag)
			iph2->frag_off |= htons(IP_MF);
		iph2->tot_len = htons((u16)(len + hlen));
		ip_send_check(iph2);

		/* later fragments carry only the copied options */
		if (first) {
			first = false;
			ip_options_fragment(skb);
		}
		ptr += len;
		offset += len;

		err = output(net, sk, skb2);
		if (err)
			goto fail;
		IP_INC_STATS(net, IPSTATS_MIB_FRAGCREATES);
	}
	consume_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGOKS);
	return 0;

fail:
	kfree_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	return err;
}

/* ip_fragment - fragment @skb to @mtu, or refuse it if DF forbids (RFC 1191) */
static int ip_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		       unsigned int mtu,
		       int (*output)(struct net *, struct sock *,
				     struct sk_buff *))
{
	const struct iphdr *iph = ip_hdr(skb);

	if (!(iph->frag_off & htons(IP_DF)))
		return ip_do_fragment(net, sk, skb, output);

	if (unlikely(!skb->ignore_df || (IPCB(skb)->frag_max_size &&
					 IPCB(skb)->frag_max_size > mtu))) {
		IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return -EMSGSIZE;
	}
	return ip_do_fragment(net, sk, skb, output);
}

static int ip_finish_output(struct net *net, struct sock *sk,
			    struct sk_buff *skb)
{
	unsigned int mtu = ip_skb_dst_mtu(sk, skb);

	if (skb->len > mtu || IPCB(skb)->frag_max_size)
		return ip_fragment(net, sk, skb, mtu, ip_finish_output2);
	return ip_finish_output2(net, sk, skb);
}

/**
 * ip_output - dst->output of unicast IPv4 routes (local and forwarded)
 * @net: namespace
 * @sk: the sending socket or NULL
 * @skb: complete packet, data at the IP header, skb_dst() set; consumed
 *
 * Counts OutRequests/OutOctets, fragments to the MTU when allowed, and
 * passes each packet to the next hop's neighbour entry.
 * Return: 0 or -errno.
 */
int ip_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb_dst(skb)->dev;

	IP_UPD_PO_STATS(net, IPSTATS_MIB_OUT, skb->len);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	return ip_finish_output(net, sk, skb);
}

/* sk_mc_loop - IP_MULTICAST_LOOP of the sender; packets of no socket loop */
static bool sk_mc_loop(const struct sock *sk)
{
	if (!sk || !sk_is_inet(sk))
		return true;
	return inet_sk(sk)->mc_loop;
}

/*
 * ip_mc_loopback - a copy of an outgoing multicast for the members here:
 * received on the output device (PACKET_LOOPBACK), keeping the route,
 * whose input delivers locally.  Linux: dev_loopback_xmit.
 */
static void ip_mc_loopback(struct sk_buff *skb)
{
	struct sk_buff *newskb = skb_clone(skb, GFP_ATOMIC);

	if (!newskb)
		return;
	skb_reset_mac_header(newskb);
	newskb->pkt_type = PACKET_LOOPBACK;
	newskb->ip_summed = CHECKSUM_UNNECESSARY;
	newskb->skb_iif = newskb->dev->ifindex;
	netif_rx(newskb);
}

/**
 * ip_mc_output - dst->output of multicast routes to a group joined here
 * @net: namespace
 * @sk: the sending socket or NULL (IGMP)
 * @skb: complete packet, data at the IP header; consumed
 *
 * Loops a copy back to local members unless IP_MULTICAST_LOOP is off;
 * a TTL of 0 stays on the host.  Then out as ip_output.
 * Return: 0 or -errno.
 */
int ip_mc_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;

	IP_UPD_PO_STATS(net, IPSTATS_MIB_OUT, skb->len);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	if (rt->rt_flags & RTCF_MULTICAST) {
		if (sk_mc_loop(sk))
			ip_mc_loopback(skb);
		if (ip_hdr(skb)->ttl == 0) {
			kfree_skb(skb);
			return 0;
		}
	}
	return ip_finish_output(net, sk, skb);
}

/**
 * ip_local_out - send a locally built packet
 * @net: namespace
 * @sk: the sending socket or NULL
 * @skb: data at the IP header, header complete but for tot_len and the
 *	checksum (set here), skb_dst() the output route; consumed
 * Return: 0 or -errno.
 */
int ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct iphdr *iph;

	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	if (unlikely(skb->len > IP_MAX_LEN)) {
		IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return -EMSGSIZE;
	}
	iph->tot_len = htons((u16)skb->len);
	ip_send_check(iph);
	skb->protocol = htons(ETH_P_IP);
	if (unlikely(!skb_dst(skb))) {
		IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_OUTNOROUTES);
		return -EHOSTUNREACH;
	}
	return dst_output(net, sk, skb);
}

/**
 * ip_generic_getfrag - copy payload from a struct msghdr's iovecs
 * @from: the struct msghdr (its iterator advances)
 * @to: destination in the skb
 * @offset: payload offset (unused: the iterator is sequential)
 * @len: bytes to copy
 * @odd: unused (no partial checksums are kept)
 * @skb: the skb being built
 * Return: 0 or -EFAULT.
 */
int ip_generic_getfrag(void *from, char *to, int offset, int len, int odd,
		       struct sk_buff *skb)
{
	(void)offset;
	(void)odd;
	(void)skb;
	if (len <= 0)
		return 0;
	return memcpy_from_msg(to, from, len) ? -EFAULT : 0;
}

/**
 * ip_make_skb - build one datagram from user data
 * @sk: the sending socket (TTL, TOS, pmtudisc, protocol)
 * @fl4: the flow the route was looked up with: saddr and daddr are used
 * @getfrag: copies payload bytes (ip_generic_getfrag for a msghdr)
 * @from: passed to @getfrag
 * @length: bytes after the IP header, transport header INCLUDED (as
 *	Linux's ulen: UDP passes payload + 8)
 * @transhdrlen: transport header bytes at the front of @length, left
 *	zeroed for the caller to fill
 * @ipc: per-call options: ttl (0: socket's), tos (-1: socket's), protocol
 *	(0: sk->sk_protocol), priority, mark
 * @rtp: the route; its reference passes to the skb and *@rtp is set to
 *	NULL (left alone on error, the caller releases it)
 * @flags: MSG_DONTWAIT, MSG_PROBE
 *
 * The skb holds the whole datagram: data at the IP header, transport
 * header at skb_transport_header(), payload after it.  Fragmentation to the
 * MTU happens in ip_output().  Errors as Linux's __ip_append_data: too big
 * for the MTU with DF to be set (IP_PMTUDISC_DO, PROBE, INTERFACE), or for
 * an IP datagram at all, is -EMSGSIZE after ip_local_error() reports the
 * MTU to the socket's error queue (IP_RECVERR).
 * Return: the skb, NULL for MSG_PROBE, or ERR_PTR(-EMSGSIZE, -ENOBUFS,
 *	-EAGAIN, -EFAULT, -ENETUNREACH).
 */
struct sk_buff *
ip_make_skb(struct sock *sk, struct flowi4 *fl4,
	    int (*getfrag)(void *from, char *to, int offset, int len, int odd,
			   struct sk_buff *skb),
	    void *from, int length, int transhdrlen, struct ipcm_cookie *ipc,
	    struct rtable **rtp, unsigned int flags)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct rtable *rt = *rtp;
	unsigned int mtu, maxnonfragsize, hh_len, fragheaderlen;
	struct sk_buff *skb;
	struct iphdr *iph;
	int err, ttl;

	if (flags & MSG_PROBE)
		return NULL;
	if (!rt)
		return ERR_PTR(-EFAULT);
	if (length < transhdrlen || transhdrlen < 0)
		return ERR_PTR(-EINVAL);

	mtu = ip_sk_use_pmtu(sk) ? dst_mtu(&rt->dst) : rt->dst.dev->mtu;
	if (mtu < IPV4_MIN_MTU)
		return ERR_PTR(-ENETUNREACH);
	if (mtu > IP_MAX_LEN)
		mtu = IP_MAX_LEN;
	fragheaderlen =
		sizeof(struct iphdr) + (ipc->opt ? ipc->opt->optlen : 0);
	maxnonfragsize = ip_sk_ignore_df(sk) ? IP_MAX_LEN : mtu;
	if ((unsigned int)length > maxnonfragsize - fragheaderlen) {
		ip_local_error(sk, EMSGSIZE, fl4->daddr, inet->inet_dport, mtu);
		return ERR_PTR(-EMSGSIZE);
	}

	hh_len = LL_RESERVED_SPACE(rt->dst.dev);
	skb = sock_alloc_send_skb(sk, hh_len + fragheaderlen + length,
				  (flags & MSG_DONTWAIT) != 0, &err);
	if (!skb)
		return ERR_PTR(err ? err : -ENOBUFS);

	skb->ip_summed = CHECKSUM_NONE;
	skb_reserve(skb, (int)hh_len);
	skb_put(skb, fragheaderlen + (unsigned int)length);
	skb_reset_network_header(skb);
	skb->transport_header = (u16)(skb->network_header + fragheaderlen);
	memset(skb->data, 0, fragheaderlen + (unsigned int)transhdrlen);
	err = getfrag(from, (char *)skb->data + fragheaderlen + transhdrlen, 0,
		      length - transhdrlen, 0, skb);
	if (err) {
		kfree_skb(skb);
		return ERR_PTR(err);
	}
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));

	/* The route's reference moves to the skb. */
	skb_dst_set(skb, &rt->dst);
	*rtp = NULL;

	skb->ignore_df = ip_sk_ignore_df(sk);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = (u8)(fragheaderlen / 4);
	iph->tos = ipc->tos != -1 ? (u8)ipc->tos : inet->tos;
	/*
	 * DF as Linux's __ip_make_skb: always for DO and PROBE; for WANT only
	 * when the datagram fits (bigger ones are fragmented here, no DF).
	 */
	if (inet->pmtudisc == IP_PMTUDISC_DO ||
	    inet->pmtudisc == IP_PMTUDISC_PROBE ||
	    (skb->len <= dst_mtu(&rt->dst) && ip_dont_fragment(sk, &rt->dst)))
		iph->frag_off = htons(IP_DF);
	if (ipc->ttl)
		ttl = ipc->ttl;
	else if (rt->rt_type == RTN_MULTICAST)
		ttl = inet->mc_ttl;
	else
		ttl = inet->uc_ttl < 0 ? ip4_dst_hoplimit(&rt->dst)
				       : inet->uc_ttl;
	iph->ttl = (u8)ttl;
	iph->protocol = ipc->protocol ? ipc->protocol : (u8)sk->sk_protocol;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	iph->tot_len = htons((u16)skb->len);
	if (ipc->opt)
		ip_options_build(
			skb, ipc->opt,
			ipc->final_daddr ? ipc->final_daddr : fl4->daddr, rt);
	ip_select_ident(net, skb, sk);

	skb->priority = ipc->tos != -1 ? (u32)ipc->priority : sk->sk_priority;
	skb->mark = ipc->mark ? ipc->mark : sk->sk_mark;
	return skb;
}

/**
 * ip_send_skb - send a datagram built by ip_make_skb()
 * @net: namespace
 * @skb: the datagram, transport header filled in; consumed
 *
 * Counts ICMP messages by type (OutMsgs) for ICMP datagrams, then
 * ip_local_out(); a failure is counted as OutDiscards.
 * Return: 0 or -errno.
 */
int ip_send_skb(struct net *net, struct sk_buff *skb)
{
	int err;

	if (ip_hdr(skb)->protocol == IPPROTO_ICMP &&
	    skb->len >= ip_hdrlen(skb) + 1)
		icmp_out_count(net, *skb_transport_header(skb));
	err = ip_local_out(net, skb->sk, skb);
	if (err > 0) /* a qdisc's NET_XMIT_*: congestion is not an error */
		err = net_xmit_errno(err);
	if (err)
		IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
	return err;
}
