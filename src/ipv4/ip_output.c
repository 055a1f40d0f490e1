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
 * Building a datagram (ip_make_skb): a small one is a single linear skb;
 * one longer than the MTU is built as Linux's __ip_append_data builds it,
 * a head skb holding the first fragment's worth and a frag_list of skbs
 * holding one fragment's payload each, with room in front for the IP
 * header, so that ip_do_fragment() sends them without copying (its fast
 * path).  A GSO datagram (UDP_SEGMENT) and a corked one (ip_append_data)
 * keep their headers in the head and the payload in page frags.
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

/* Linux's __ip_append_data asks for 15 bytes beyond the link header: its
 * allocations, and so what a datagram is charged, are these sizes */
#define IP_ALLOC_EXTRA 15U
#define IP_MAX_LEN     0xFFFFU /* largest IPv4 datagram (Linux ip.h IP_MAX_MTU) */
#define IPV4_MIN_MTU   68

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

/**
 * ip_select_ident_more - reserve @more IDs after the one @skb's header got
 *	from ip_select_ident(): a GSO packet's segments take consecutive IDs
 *	(Linux's ip_select_ident_segs)
 */
void ip_select_ident_more(struct net *net, struct sk_buff *skb, struct sock *sk,
			  unsigned int more)
{
	if (sk && sk->sk_family == AF_INET && inet_sk(sk)->inet_daddr) {
		inet_sk(sk)->inet_id = (u16)(inet_sk(sk)->inet_id + more);
		return;
	}
	if ((ip_hdr(skb)->frag_off & htons(IP_DF)) && !skb->ignore_df)
		return;
	net->ipv4.ip_id_next += more;
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
	/* OutTransmits and OutOctets: each packet as sent, after fragmenting */
	IP_UPD_PO_STATS(net, IPSTATS_MIB_OUT, skb->len);

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

/* ip_copy_metadata - what a fragment inherits from the datagram */
static void ip_copy_metadata(struct sk_buff *to, struct sk_buff *from)
{
	to->pkt_type = from->pkt_type;
	to->priority = from->priority;
	to->protocol = from->protocol;
	to->skb_iif = from->skb_iif;
	to->dev = from->dev;
	to->mark = from->mark;
	to->hash = from->hash;
	to->tstamp = from->tstamp;
	if (skb_dst(from)) {
		dst_hold(skb_dst(from));
		skb_dst_set(to, skb_dst(from));
	}
	memcpy(IPCB(to), IPCB(from), sizeof(struct inet_skb_parm));
}

/*
 * ip_frag_fast_ok - can @skb's frag_list be sent as the fragments as they
 * are?  Each piece must fit the MTU and carry a multiple of 8 bytes (but
 * the last), have room for the IP header in front, and be ours to write.
 */
static bool ip_frag_fast_ok(struct sk_buff *skb, unsigned int hlen,
			    unsigned int mtu, unsigned int ll_rs)
{
	unsigned int first_len = skb_pagelen(skb);
	struct sk_buff *frag;

	if (first_len - hlen > mtu || ((first_len - hlen) & 7) ||
	    ip_is_fragment(ip_hdr(skb)) || skb_cloned(skb) ||
	    skb_headroom(skb) < ll_rs)
		return false;
	skb_walk_frags(skb, frag)
	{
		if (frag->len > mtu || ((frag->len & 7) && frag->next) ||
		    skb_headroom(frag) < hlen + ll_rs || skb_shared(frag) ||
		    skb_cloned(frag) || skb_is_nonlinear(frag))
			return false;
	}
	return true;
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
 * A datagram built with a frag_list of fragment-sized skbs (ip_make_skb)
 * is sent as those skbs, each given a copy of the IP header (the fast
 * path, no payload copied); any other is copied out piece by piece.
 * Counted as FragOKs/FragCreates, FragFails on failure.
 * Return: 0 or the first -errno from @output or allocation.
 */
int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *, struct sk_buff *))
{
	struct rtable *rt = skb_rtable(skb);
	struct iphdr *iph;
	unsigned int mtu, hlen, ll_rs, left, ptr, offset, len;
	bool not_last_frag, df, first = true;
	struct sk_buff *skb2;
	int err = 0;

	/* fragments carry no partial checksum: finish it over the whole */
	err = skb_checksum_help(skb);
	if (err)
		goto fail;
	iph = ip_hdr(skb);
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
	df = IPCB(skb)->flags & IPSKB_FRAG_PMTU;

	if (skb_has_frag_list(skb) && ip_frag_fast_ok(skb, hlen, mtu, ll_rs)) {
		struct sk_buff *frag = skb_shinfo(skb)->frag_list;
		unsigned int first_len = skb_pagelen(skb);

		skb_shinfo(skb)->frag_list = NULL;
		skb->data_len = first_len - skb_headlen(skb);
		skb->len = first_len;
		iph->tot_len = htons((u16)first_len);
		iph->frag_off = htons(IP_MF) | (df ? htons(IP_DF) : 0);
		ip_send_check(iph);
		offset = 0;
		for (;;) {
			if (frag) {
				struct iphdr *fiph;

				frag->ip_summed = CHECKSUM_NONE;
				skb_reset_transport_header(frag);
				skb_push(frag, hlen);
				skb_reset_network_header(frag);
				memcpy(skb_network_header(frag), iph, hlen);
				fiph = ip_hdr(frag);
				ip_copy_metadata(frag, skb);
				if (first) {
					first = false;
					ip_options_fragment(frag);
				}
				offset += skb->len - hlen;
				fiph->frag_off = htons((u16)(offset >> 3));
				if (df)
					fiph->frag_off |= htons(IP_DF);
				if (frag->next)
					fiph->frag_off |= htons(IP_MF);
				fiph->tot_len = htons((u16)frag->len);
				ip_send_check(fiph);
				iph = fiph;
			}
			err = output(net, sk, skb);
			if (!err)
				IP_INC_STATS(net, IPSTATS_MIB_FRAGCREATES);
			if (err || !frag)
				break;
			skb = frag;
			frag = skb->next;
			skb->next = NULL;
		}
		if (!err) {
			IP_INC_STATS(net, IPSTATS_MIB_FRAGOKS);
			return 0;
		}
		kfree_skb_list(frag);
		IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		return err;
	}

	/* the slow path: copy each fragment out (head, frags, frag_list) */
	left = skb->len - hlen;
	ptr = hlen;
	offset = (ntohs(iph->frag_off) & IP_OFFSET) << 3;
	not_last_frag = iph->frag_off & htons(IP_MF);

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
		ip_copy_metadata(skb2, skb);
		skb_reserve(skb2, (int)ll_rs);
		skb_put(skb2, len + hlen);
		skb_reset_network_header(skb2);
		skb2->transport_header = (u16)(skb2->network_header + hlen);

		memcpy(skb2->data, skb->data, hlen);
		if (skb_copy_bits(skb, (int)ptr, skb2->data + hlen, (int)len))
			BUG_ON(1);
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

/*
 * ip_finish_output_gso - a GSO packet goes whole when each segment will
 * fit the MTU; otherwise it is segmented here and each segment fragmented
 * as a datagram of its own would be.
 */
static int ip_finish_output_gso(struct net *net, struct sock *sk,
				struct sk_buff *skb, unsigned int mtu)
{
	struct sk_buff *segs, *seg, *next;
	int ret = 0;

	if (skb_gso_validate_network_len(skb, mtu))
		return ip_finish_output2(net, sk, skb);
	skb_reset_mac_header(skb); /* the segments start at the IP header */
	segs = skb_gso_segment(skb, NETIF_F_SG);
	if (IS_ERR(segs)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next)
	{
		int err;

		seg->next = NULL;
		err = ip_fragment(net, sk, seg, mtu, ip_finish_output2);
		if (err && !ret)
			ret = err;
	}
	return ret;
}

static int ip_finish_output(struct net *net, struct sock *sk,
			    struct sk_buff *skb)
{
	unsigned int mtu = ip_skb_dst_mtu(sk, skb);

	if (skb_is_gso(skb))
		return ip_finish_output_gso(net, sk, skb, mtu);
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
 * Counts OutRequests (not for forwarded packets), fragments to the MTU
 * when allowed, and passes each packet to the next hop's neighbour entry
 * (where OutTransmits and OutOctets count it).
 * Return: 0 or -errno.
 */
int ip_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb_dst(skb)->dev;

	/* OutRequests: the host's own datagrams, once each */
	if (!(IPCB(skb)->flags & IPSKB_FORWARDED))
		IP_INC_STATS(net, IPSTATS_MIB_OUTREQUESTS);
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
 *	and of broadcast routes
 * @net: namespace
 * @sk: the sending socket or NULL (IGMP)
 * @skb: complete packet, data at the IP header; consumed
 *
 * Loops a copy back to local members unless IP_MULTICAST_LOOP is off;
 * a TTL of 0 stays on the host.  A broadcast is always looped back too
 * (this host is on the link it is sent to).  Then out as ip_output.
 * Return: 0 or -errno.
 */
int ip_mc_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;

	/* OutRequests: the host's own datagrams, once each */
	if (!(IPCB(skb)->flags & IPSKB_FORWARDED))
		IP_INC_STATS(net, IPSTATS_MIB_OUTREQUESTS);
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
	if (rt->rt_flags & RTCF_BROADCAST)
		ip_mc_loopback(skb);
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

/*
 * ip_append_paged - append @len bytes of payload, from @getfrag at payload
 * offset @offset, to @skb's page frags.  The room comes from @pfrag, as
 * Linux's paged __ip_append_data takes it (sk_page_frag() for a cork, the
 * thread's for ip_make_skb); consecutive pieces of one page make one frag.
 * The bytes are charged to the socket like the rest of the skb.
 * Return: 0, -ENOBUFS, -EMSGSIZE or -EFAULT.
 */
static int ip_append_paged(struct sk_buff *skb, struct page_frag *pfrag,
			   int (*getfrag)(void *from, char *to, int offset,
					  int len, int odd,
					  struct sk_buff *skb),
			   void *from, int offset, int len)
{

	while (len > 0) {
		struct skb_shared_info *sh = skb_shinfo(skb);
		int i = sh->nr_frags, copy;
		skb_frag_t *last = i ? &sh->frags[i - 1] : NULL;

		if (!skb_page_frag_refill(1, pfrag, GFP_KERNEL))
			return -ENOBUFS;
		copy = (int)(pfrag->size - pfrag->offset);
		if (copy > len)
			copy = len;
		if (!(last && last->bv_page == pfrag->page &&
		      last->bv_offset + last->bv_len == pfrag->offset) &&
		    i >= MAX_SKB_FRAGS)
			return -EMSGSIZE;
		if (getfrag(from,
			    (char *)page_address(pfrag->page) + pfrag->offset,
			    offset, copy, 0, skb))
			return -EFAULT;
		if (last && last->bv_page == pfrag->page &&
		    last->bv_offset + last->bv_len == pfrag->offset) {
			last->bv_len += (unsigned int)copy;
		} else {
			get_page(pfrag->page);
			skb_fill_page_desc(skb, i, pfrag->page,
					   (int)pfrag->offset, copy);
		}
		pfrag->offset += (unsigned int)copy;
		skb->len += (unsigned int)copy;
		skb->data_len += (unsigned int)copy;
		skb->truesize += (unsigned int)copy;
		if (skb->sk)
			skb->sk->sk_wmem_alloc += copy;
		offset += copy;
		len -= copy;
	}
	return 0;
}

/* ip_sk_fragsize - the MTU a datagram from @sk on @rt is built for */
unsigned int ip_sk_fragsize(const struct sock *sk, const struct rtable *rt)
{
	unsigned int mtu =
		ip_sk_use_pmtu(sk) ? dst_mtu(&rt->dst) : rt->dst.dev->mtu;

	return mtu > IP_MAX_LEN ? IP_MAX_LEN : mtu;
}

/* The IP header's length with @ipc's options. */
static unsigned int ip_fragheaderlen(const struct ipcm_cookie *ipc)
{
	return sizeof(struct iphdr) + (ipc->opt ? ipc->opt->optlen : 0);
}

/*
 * ip_alloc_head - the head skb of a datagram: IP header and @transhdrlen
 * bytes of transport header, zeroed, and @extra bytes of room after them;
 * charged to @sk.
 */
static struct sk_buff *ip_alloc_head(struct sock *sk, struct rtable *rt,
				     const struct ipcm_cookie *ipc,
				     unsigned int transhdrlen,
				     unsigned int extra, unsigned int flags,
				     int *errp)
{
	unsigned int hh_len = LL_RESERVED_SPACE(rt->dst.dev);
	unsigned int fragheaderlen = ip_fragheaderlen(ipc);
	struct sk_buff *skb;

	skb = sock_alloc_send_skb(sk,
				  hh_len + fragheaderlen + transhdrlen + extra +
					  IP_ALLOC_EXTRA,
				  (flags & MSG_DONTWAIT) != 0, errp);
	if (!skb) {
		if (!*errp)
			*errp = -ENOBUFS;
		return NULL;
	}
	skb->ip_summed = CHECKSUM_NONE;
	skb_reserve(skb, (int)hh_len);
	skb_put(skb, fragheaderlen + transhdrlen);
	skb_reset_network_header(skb);
	skb->transport_header = (u16)(skb->network_header + fragheaderlen);
	memset(skb->data, 0, fragheaderlen + transhdrlen);
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	return skb;
}

/*
 * ip_fill_hdr - the IP header and metadata of a datagram whose bytes are
 * all there; the route's reference moves to the skb (as __ip_make_skb)
 */
static void ip_fill_hdr(struct sock *sk, struct sk_buff *skb,
			const struct flowi4 *fl4, const struct ipcm_cookie *ipc,
			struct rtable *rt)
{
	struct inet_sock *inet = inet_sk(sk);
	struct iphdr *iph;
	int ttl;

	skb_dst_set(skb, &rt->dst);
	skb->ignore_df = ip_sk_ignore_df(sk);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = (u8)(ip_fragheaderlen(ipc) / 4);
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
	ip_select_ident(sock_net(sk), skb, sk);

	skb->priority = ipc->tos != -1 ? (u32)ipc->priority : sk->sk_priority;
	skb->mark = ipc->mark ? ipc->mark : sk->sk_mark;
}

/*
 * ip_make_fraglist - a datagram longer than the MTU, in the geometry the
 * fast path of ip_do_fragment() sends as it is: the head holds the IP
 * header and the first fragment's payload, each frag_list skb the next
 * fragment's payload with room for a link and an IP header in front.
 */
static struct sk_buff *
ip_make_fraglist(struct sock *sk, struct rtable *rt,
		 int (*getfrag)(void *from, char *to, int offset, int len,
				int odd, struct sk_buff *skb),
		 void *from, int length, int transhdrlen, unsigned int mtu,
		 const struct ipcm_cookie *ipc, unsigned int flags, int *errp)
{
	unsigned int hh_len = LL_RESERVED_SPACE(rt->dst.dev);
	unsigned int fragheaderlen = ip_fragheaderlen(ipc);
	unsigned int maxdata = (mtu - fragheaderlen) & ~7U, first, off;
	struct sk_buff *skb, **tail;
	int left;

	first = maxdata;
	skb = ip_alloc_head(sk, rt, ipc, (unsigned int)transhdrlen,
			    first - (unsigned int)transhdrlen, flags, errp);
	if (!skb)
		return NULL;
	off = first - (unsigned int)transhdrlen;
	if (getfrag(from, (char *)skb_put(skb, off), 0, (int)off, 0, skb))
		goto efault;
	tail = &skb_shinfo(skb)->frag_list;
	left = length - (int)first;
	while (left > 0) {
		unsigned int chunk =
			min_t(unsigned int, (unsigned int)left, maxdata);
		struct sk_buff *f;

		f = alloc_skb(hh_len + fragheaderlen + chunk + IP_ALLOC_EXTRA,
			      GFP_KERNEL);
		if (!f) {
			kfree_skb(skb);
			*errp = -ENOBUFS;
			return NULL;
		}
		*tail = f;
		tail = &f->next;
		skb_reserve(f, (int)(hh_len + fragheaderlen));
		if (getfrag(from, (char *)skb_put(f, chunk), (int)off,
			    (int)chunk, 0, skb))
			goto efault;
		skb->len += chunk;
		skb->data_len += chunk;
		off += chunk;
		left -= (int)chunk;
	}
	return skb;

efault:
	kfree_skb(skb);
	*errp = -EFAULT;
	return NULL;
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
 *	(0: sk->sk_protocol), priority, mark, gso_size (UDP_SEGMENT: the
 *	payload goes to page frags, and the MTU does not limit the length)
 * @rtp: the route; its reference passes to the skb and *@rtp is set to
 *	NULL (left alone on error, the caller releases it)
 * @flags: MSG_DONTWAIT, MSG_PROBE
 *
 * The skb holds the whole datagram: data at the IP header, transport
 * header at skb_transport_header(), payload after it (in the head, in
 * page frags for GSO, or in a frag_list of fragment-sized skbs when a UDP
 * datagram exceeds the MTU).  Fragmentation happens in ip_output().
 * Errors as Linux's __ip_append_data: too big for the MTU with DF to be
 * set (IP_PMTUDISC_DO, PROBE, INTERFACE), or for an IP datagram at all, is
 * -EMSGSIZE after ip_local_error() reports the MTU to the socket's error
 * queue (IP_RECVERR).
 * Failures to build it (a pending sk_err, a full send buffer, a bad
 * buffer) count as OutDiscards.
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
	struct rtable *rt = *rtp;
	unsigned int mtu, maxnonfragsize, fragheaderlen;
	struct sk_buff *skb;
	int err = 0;

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
	fragheaderlen = ip_fragheaderlen(ipc);
	maxnonfragsize =
		ip_sk_ignore_df(sk) || ipc->gso_size ? IP_MAX_LEN : mtu;
	if ((unsigned int)length > maxnonfragsize - fragheaderlen) {
		ip_local_error(sk, EMSGSIZE, fl4->daddr, inet->inet_dport, mtu);
		return ERR_PTR(-EMSGSIZE);
	}

	if (ipc->gso_size ||
	    (fragheaderlen + (unsigned int)length +
			     LL_RESERVED_SPACE(rt->dst.dev) + IP_ALLOC_EXTRA >=
		     SKB_MAX_ALLOC &&
	     fragheaderlen + (unsigned int)length <= mtu &&
	     (rt->dst.dev->features & NETIF_F_SG))) {
		/* too big for a head of four pages, on a device that takes
		 * frags: the payload goes to pages, as Linux's paged
		 * __ip_append_data (charged what it fills) */
		skb = ip_alloc_head(sk, rt, ipc, (unsigned int)transhdrlen, 0,
				    flags, &err);
		if (skb) {
			/* process context: the thread's frag, as Linux */
			err = ip_append_paged(skb, current_task_frag(), getfrag,
					      from, 0, length - transhdrlen);
			if (err) {
				kfree_skb(skb);
				skb = NULL;
			}
		}
	} else if (fragheaderlen + (unsigned int)length > mtu &&
		   sk->sk_protocol == IPPROTO_UDP) {
		skb = ip_make_fraglist(sk, rt, getfrag, from, length,
				       transhdrlen, mtu, ipc, flags, &err);
	} else {
		skb = ip_alloc_head(sk, rt, ipc, (unsigned int)transhdrlen,
				    (unsigned int)(length - transhdrlen), flags,
				    &err);
		if (skb &&
		    getfrag(from,
			    (char *)skb_put(
				    skb, (unsigned int)(length - transhdrlen)),
			    0, length - transhdrlen, 0, skb)) {
			kfree_skb(skb);
			skb = NULL;
			err = -EFAULT;
		}
	}
	if (!skb) {
		/* lost to the socket's state or memory: OutDiscards, as
		 * Linux's __ip_append_data counts it */
		IP_INC_STATS(sock_net(sk), IPSTATS_MIB_OUTDISCARDS);
		return ERR_PTR(err ? err : -ENOBUFS);
	}

	/* The route's reference moves to the skb. */
	ip_fill_hdr(sk, skb, fl4, ipc, rt);
	*rtp = NULL;
	return skb;
}

/**
 * ip_append_data - add @length bytes to the datagram @cork is building
 *	(UDP_CORK, MSG_MORE)
 * @sk: the socket
 * @cork: its cork; the first call sets it up with *@rtp (whose reference
 *	it takes, *@rtp set to NULL) and *@ipc
 * @getfrag: @from: where the bytes come from
 * @length: bytes, the transport header (@transhdrlen, first call only)
 *	included
 * @flags: MSG_DONTWAIT
 *
 * The headers stay in the head; the payload goes to page frags.  The
 * limits are __ip_append_data's: -EMSGSIZE (after ip_local_error) when the
 * datagram would outgrow what may be sent; other failures (a pending
 * sk_err, a full send buffer, a bad buffer) count as OutDiscards.  On
 * error the caller flushes the cork (ip_flush_pending_frames).
 * Return: 0 or -errno.
 */
int ip_append_data(struct sock *sk, struct inet_cork *cork,
		   int (*getfrag)(void *from, char *to, int offset, int len,
				  int odd, struct sk_buff *skb),
		   void *from, int length, int transhdrlen,
		   struct ipcm_cookie *ipc, struct rtable **rtp,
		   unsigned int flags)
{
	unsigned int mtu, maxnonfragsize;
	int err = 0;

	if (flags & MSG_PROBE)
		return 0;
	if (!cork->skb) {
		struct rtable *rt = rtp ? *rtp : NULL;

		if (!rt)
			return -EFAULT;
		cork->fragsize = ip_sk_fragsize(sk, rt);
		if (cork->fragsize < IPV4_MIN_MTU)
			return -ENETUNREACH;
		cork->ipc = *ipc;
		if (ipc->opt) {
			memcpy(&cork->opt, ipc->opt,
			       sizeof(*ipc->opt) + ipc->opt->optlen);
			cork->ipc.opt = &cork->opt.opt;
		}
		cork->length = 0;
		cork->skb = ip_alloc_head(sk, rt, &cork->ipc,
					  (unsigned int)transhdrlen, 0, flags,
					  &err);
		if (!cork->skb)
			goto discard;
		cork->rt = rt;
		*rtp = NULL;
		cork->length = (unsigned int)transhdrlen;
		length -= transhdrlen;
	}
	mtu = cork->ipc.gso_size ? IP_MAX_LEN : cork->fragsize;
	maxnonfragsize = ip_sk_ignore_df(sk) ? IP_MAX_LEN : mtu;
	if (cork->length + (unsigned int)length >
	    maxnonfragsize - ip_fragheaderlen(&cork->ipc)) {
		ip_local_error(sk, EMSGSIZE, inet_sk(sk)->inet_daddr,
			       inet_sk(sk)->inet_dport, mtu);
		return -EMSGSIZE;
	}
	/* @getfrag's offsets count from the first byte of this call's data */
	err = ip_append_paged(cork->skb, sk_page_frag(sk), getfrag, from, 0,
			      length);
	if (err)
		goto discard;
	cork->length += (unsigned int)length;
	return 0;

discard:
	/* a datagram lost to the socket's state or memory (a pending sk_err,
	 * a full send buffer, a bad buffer): OutDiscards, as Linux's
	 * __ip_append_data counts it */
	IP_INC_STATS(sock_net(sk), IPSTATS_MIB_OUTDISCARDS);
	return err;
}

/* ip_flush_pending_frames - give up the datagram @cork was building */
void ip_flush_pending_frames(struct sock *sk, struct inet_cork *cork)
{
	(void)sk;
	kfree_skb(cork->skb);
	cork->skb = NULL;
	ip_rt_put(cork->rt);
	cork->rt = NULL;
	cork->length = 0;
}

/**
 * ip_finish_skb - the datagram @cork built, with its IP header filled in
 *	for @fl4 (Linux's __ip_make_skb); the cork is empty afterwards
 * Return: the skb (the transport fills its header and sends it), or NULL.
 */
struct sk_buff *ip_finish_skb(struct sock *sk, struct inet_cork *cork,
			      const struct flowi4 *fl4)
{
	struct sk_buff *skb = cork->skb;

	if (!skb)
		return NULL;
	cork->skb = NULL;
	ip_fill_hdr(sk, skb, fl4, &cork->ipc, cork->rt);
	cork->rt = NULL;
	cork->length = 0;
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
