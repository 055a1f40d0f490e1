// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP segmentation offload done in software (GSO): a TSO super-segment
 * that the device cannot cut itself (no NETIF_F_TSO) is cut here into
 * segments of gso_size payload bytes, each with its own sequence number
 * and checksum.  PSH and FIN stay on the last segment only, CWR on the
 * first only, as a TSO device does it.  The other way, GRO merges
 * back-to-back segments of one flow received on a device with NETIF_F_GRO
 * into one such packet (tcp4_gro_receive, tcp4_gro_complete).
 * Linux: net/ipv4/tcp_offload.c.
 */
#include <netinet/in.h>
#include <string.h>

#include <net/gro.h>
#include <net/ip.h>
#include <net/protocol.h>
#include <net/tcp.h>

/**
 * tcp_gso_segment - cut a SKB_GSO_TCPV4 packet
 * @skb: data at the TCP header, network header in front of it; not
 *	consumed
 * @features: for skb_segment()
 * Return: the segments, or ERR_PTR(-EINVAL) when there is nothing to cut.
 */
static struct sk_buff *tcp_gso_segment(struct sk_buff *skb,
				       unsigned long long features)
{
	unsigned int mss = skb_shinfo(skb)->gso_size;
	struct sk_buff *segs, *seg;
	const struct tcphdr *th;
	unsigned int thlen;
	u8 flags;
	u32 seq;

	if (!(skb_shinfo(skb)->gso_type & SKB_GSO_TCPV4))
		return ERR_PTR(-EINVAL);
	if (!pskb_may_pull(skb, sizeof(struct tcphdr)))
		return ERR_PTR(-EINVAL);
	th = tcp_hdr(skb);
	thlen = th->doff * 4U;
	if (thlen < sizeof(struct tcphdr) || !pskb_may_pull(skb, thlen) ||
	    skb->len <= thlen + mss)
		return ERR_PTR(-EINVAL);
	th = tcp_hdr(skb);
	seq = ntohl(th->seq);
	flags = ((const u8 *)th)[13];
	skb_pull(skb, thlen);
	segs = skb_segment(skb, features);
	skb_push(skb, thlen);
	if (IS_ERR(segs))
		return segs;

	for (seg = segs; seg; seg = seg->next) {
		struct tcphdr *sth = tcp_hdr(seg);
		const struct iphdr *iph = ip_hdr(seg);
		int toff = skb_transport_offset(seg);
		unsigned int tlen = seg->len - (unsigned int)toff;
		u8 f = flags;

		sth->seq = htonl(seq);
		seq += tlen - thlen;
		if (seg->next)
			f &= (u8) ~(TCPHDR_FIN | TCPHDR_PSH);
		if (seg != segs)
			f &= (u8)~TCPHDR_CWR;
		((u8 *)sth)[13] = f;
		if (skb->sk && skb->destructor) {
			skb_set_owner_w(seg, skb->sk);
			/* TSQ: each segment's TX completion counts */
			if (skb->destructor == tcp_wfree)
				seg->destructor = tcp_wfree;
		}
		sth->check = 0;
		if (seg->ip_summed == CHECKSUM_PARTIAL) {
			sth->check = (__sum16)~csum_tcpudp_magic(
				iph->saddr, iph->daddr, tlen, IPPROTO_TCP, 0);
		} else if (seg->ip_summed != CHECKSUM_UNNECESSARY) {
			sth->check = csum_tcpudp_magic(
				iph->saddr, iph->daddr, tlen, IPPROTO_TCP,
				skb_checksum(seg, toff, (int)tlen, 0));
		}
	}
	return segs;
}

/* tcp4_gso_segment - the TCP entry of inet_offloads[] */
static struct sk_buff *tcp4_gso_segment(struct sk_buff *skb,
					unsigned long long features)
{
	return tcp_gso_segment(skb, features);
}

/*
 * The fourth 32-bit word of the TCP header (data offset, flags, window),
 * host order, and its flag bits (Linux's tcp_flag_word and TCP_FLAG_*,
 * which are in network order).
 */
#define TCPW_FIN 0x00010000U
#define TCPW_SYN 0x00020000U
#define TCPW_RST 0x00040000U
#define TCPW_PSH 0x00080000U
#define TCPW_URG 0x00200000U
#define TCPW_CWR 0x00800000U

static u32 tcp_word_at(const struct tcphdr *th, unsigned int off)
{
	u32 w;

	memcpy(&w, (const u8 *)th + off, sizeof(w));
	return w;
}

static u32 tcp_gro_flag_word(const struct tcphdr *th)
{
	return ntohl(tcp_word_at(th, 12));
}

/*
 * tcp_gro_receive - merge @skb (GRO offset at its TCP header) into the held
 * packet of its flow (same addresses, checked by inet_gro_receive, and
 * ports).  It is merged only when it continues that packet exactly: its
 * sequence number follows, the ACK number, flags (but CWR, FIN, PSH),
 * window and every option word are the same, no CWR, the IP header passes
 * inet_gro_flush, and it is no longer than the first one's payload (the
 * merged packet's gso_size).  A segment shorter than that, or with URG,
 * PSH, RST, SYN or FIN, is the last of its flow: the merged packet goes up
 * with it.
 * Return: the held packet to complete now, or NULL.
 */
static struct sk_buff *tcp_gro_receive(struct sk_buff_head *head,
				       struct sk_buff *skb,
				       const struct tcphdr *th)
{
	unsigned int thlen = th->doff * 4U, len, mss = 1;
	struct sk_buff *pp = NULL, *p;
	const struct tcphdr *th2;
	u32 flags, flush = 1;

	if (thlen < sizeof(*th))
		goto out;
	th = skb_gro_header(skb, skb_gro_offset(skb) + thlen,
			    skb_gro_offset(skb));
	if (!th)
		goto out;
	skb_gro_pull(skb, thlen);
	len = skb_gro_len(skb);
	flags = tcp_gro_flag_word(th);

	skb_queue_walk(head, p) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		th2 = (const struct tcphdr *)(const void *)skb_transport_header(
			p);
		if (tcp_word_at(th, 0) != tcp_word_at(th2, 0)) {
			NAPI_GRO_CB(p)->same_flow = 0;
			continue;
		}
		goto found;
	}
	p = NULL;
	goto out_check_final;

found:
	flush = NAPI_GRO_CB(p)->flush;
	flush |= flags & TCPW_CWR;
	flush |= (flags ^ tcp_gro_flag_word(th2)) &
		 ~(TCPW_CWR | TCPW_FIN | TCPW_PSH);
	flush |= th->ack_seq ^ th2->ack_seq;
	for (unsigned int i = sizeof(*th); i < thlen; i += 4)
		flush |= tcp_word_at(th, i) ^ tcp_word_at(th2, i);
	flush |= (u32)inet_gro_flush(skb_gro_network_header(skb),
				     skb_gro_network_header(p), p);
	mss = skb_shinfo(p)->gso_size;
	/* a GSO packet joins only one cut to the same size */
	if (skb_is_gso(skb))
		flush |= mss != skb_shinfo(skb)->gso_size;
	else
		flush |= (len - 1) >= mss; /* empty, or longer than the first */
	flush |= (ntohl(th2->seq) + skb_gro_len(p)) ^ ntohl(th->seq);

	if (flush || skb_gro_receive(p, skb)) {
		mss = 1;
		goto out_check_final;
	}
	/* the merged packet ends as its last segment does */
	((u8 *)skb_transport_header(p))[13] |=
		(u8)((flags & (TCPW_FIN | TCPW_PSH)) >> 16);

out_check_final:
	flush = len < mss;
	flush |= flags & (TCPW_URG | TCPW_PSH | TCPW_RST | TCPW_SYN | TCPW_FIN);
	if (p && (!NAPI_GRO_CB(skb)->same_flow || flush))
		pp = p;
out:
	NAPI_GRO_CB(skb)->flush |= (flush != 0);
	return pp;
}

/*
 * tcp4_gro_checksum_bad - GRO verifies the checksum of what it merges; a
 * good one is marked so, a bad one goes up alone for tcp_v4_rcv to count
 */
static bool tcp4_gro_checksum_bad(struct sk_buff *skb)
{
	const struct iphdr *iph = skb_gro_network_header(skb);
	unsigned int off = skb_gro_offset(skb), len = skb_gro_len(skb);

	if (skb_csum_unnecessary(skb))
		return false;
	if (csum_tcpudp_magic(iph->saddr, iph->daddr, len, IPPROTO_TCP,
			      skb_checksum(skb, (int)off, (int)len, 0)))
		return true;
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	return false;
}

/* tcp4_gro_receive - the TCP entry of GRO (inet_gro_receive calls it) */
struct sk_buff *tcp4_gro_receive(struct sk_buff_head *head, struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	const struct tcphdr *th;

	th = skb_gro_header(skb, off + sizeof(*th), off);
	if (!th || (!NAPI_GRO_CB(skb)->flush && tcp4_gro_checksum_bad(skb))) {
		NAPI_GRO_CB(skb)->flush = 1;
		return NULL;
	}
	return tcp_gro_receive(head, skb, th);
}

/*
 * tcp4_gro_complete - the TCP header of a merged packet: a checksum left
 * to finish over the whole (CHECKSUM_PARTIAL; each segment gets its own if
 * it is cut again), and the segment count
 */
int tcp4_gro_complete(struct sk_buff *skb, int thoff)
{
	const struct iphdr *iph = skb_gro_network_header(skb);
	struct tcphdr *th = (struct tcphdr *)(void *)(skb->data + thoff);
	unsigned int len = skb->len - (unsigned int)thoff;

	th->check = (__sum16)~csum_tcpudp_magic(iph->saddr, iph->daddr, len,
						IPPROTO_TCP, 0);
	skb->csum_start = (u16)((unsigned char *)th - skb->head);
	skb->csum_offset = offsetof(struct tcphdr, check);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb_shinfo(skb)->gso_segs = NAPI_GRO_CB(skb)->count;
	skb_shinfo(skb)->gso_type |= SKB_GSO_TCPV4;
	if (th->cwr)
		skb_shinfo(skb)->gso_type |= SKB_GSO_TCP_ECN;
	return 0;
}

const struct net_offload tcpv4_offload = {
	.callbacks = { .gso_segment = tcp4_gso_segment,
		       .gro_receive = tcp4_gro_receive,
		       .gro_complete = tcp4_gro_complete },
};
