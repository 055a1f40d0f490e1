// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP segmentation offload (UDP_SEGMENT): cutting a GSO datagram into
 * datagrams of gso_size payload bytes, each with its own UDP length and
 * checksum.  Linux: net/ipv4/udp_offload.c.
 */
#include <netinet/in.h>

#include <net/ip.h>
#include <net/netdevice.h>
#include <net/protocol.h>
#include <net/udp.h>

#define CSUM_MANGLED_0 ((__sum16)0xffff)

/**
 * __udp_gso_segment - cut a SKB_GSO_UDP_L4 packet
 * @gso_skb: data at the UDP header, network and MAC headers in front of
 *	it; not consumed
 * @features: for skb_segment()
 *
 * A segment left to the device's checksum (CHECKSUM_PARTIAL) gets the
 * pseudo-header sum of its own length; one already verified on receive
 * (CHECKSUM_UNNECESSARY) needs none; otherwise the checksum is computed.
 * Return: the segments, or ERR_PTR(-EINVAL) when there is nothing to cut.
 */
struct sk_buff *__udp_gso_segment(struct sk_buff *gso_skb,
				  unsigned long long features)
{
	unsigned int mss = skb_shinfo(gso_skb)->gso_size;
	struct sk_buff *segs, *seg;

	if (!(skb_shinfo(gso_skb)->gso_type & SKB_GSO_UDP_L4))
		return ERR_PTR(-EINVAL);
	if (gso_skb->len <= sizeof(struct udphdr) + mss)
		return ERR_PTR(-EINVAL);
	if (!pskb_may_pull(gso_skb, sizeof(struct udphdr)))
		return ERR_PTR(-EINVAL);
	skb_pull(gso_skb, sizeof(struct udphdr));
	segs = skb_segment(gso_skb, features);
	skb_push(gso_skb, sizeof(struct udphdr));
	if (IS_ERR(segs))
		return segs;

	for (seg = segs; seg; seg = seg->next) {
		struct udphdr *uh = udp_hdr(seg);
		const struct iphdr *iph = ip_hdr(seg);
		int toff = skb_transport_offset(seg);
		unsigned int ulen = seg->len - (unsigned int)toff;

		uh->len = htons((u16)ulen);
		if (seg->ip_summed == CHECKSUM_PARTIAL) {
			uh->check = (__sum16)~csum_tcpudp_magic(
				iph->saddr, iph->daddr, ulen, IPPROTO_UDP, 0);
		} else if (seg->ip_summed != CHECKSUM_UNNECESSARY) {
			uh->check = 0;
			uh->check = csum_tcpudp_magic(
				iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
				skb_checksum(seg, toff, (int)ulen, 0));
			if (!uh->check)
				uh->check = CSUM_MANGLED_0;
		}
	}
	return segs;
}

/* udp4_ufo_fragment - the UDP entry of inet_offloads[] */
static struct sk_buff *udp4_ufo_fragment(struct sk_buff *skb,
					 unsigned long long features)
{
	if (!(skb_shinfo(skb)->gso_type & SKB_GSO_UDP_L4))
		return ERR_PTR(-EPROTONOSUPPORT); /* no UFO (IP fragments) */
	return __udp_gso_segment(skb, features);
}

const struct net_offload udpv4_offload = {
	.callbacks = { .gso_segment = udp4_ufo_fragment },
};
