// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP segmentation offload done in software (GSO): a TSO super-segment
 * that the device cannot cut itself (no NETIF_F_TSO) is cut here into
 * segments of gso_size payload bytes, each with its own sequence number
 * and checksum.  PSH and FIN stay on the last segment only, CWR on the
 * first only, as a TSO device does it.  Linux: net/ipv4/tcp_offload.c.
 */
#include <netinet/in.h>

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
		if (skb->sk && skb->destructor)
			skb_set_owner_w(seg, skb->sk);
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

const struct net_offload tcpv4_offload = {
	.callbacks = { .gso_segment = tcp4_gso_segment },
};
