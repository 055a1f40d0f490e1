// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic segmentation offload: a GSO packet (skb_shinfo()->gso_size set)
 * travels the stack as one skb and is cut into segments only where a
 * device cannot take it whole (validate_xmit_skb) or a socket cannot
 * (udp_rcv_segment).  The ethertype's packet_offload does the cutting.
 * Linux: net/core/gso.c.
 */
#include <net/netdevice.h>
#include <net/protocol.h>
#include <net/skbuff.h>

#include <linux/if_ether.h>

/* The ethertypes that can be segmented (IPv4 only so far). */
static const struct packet_offload *const offload_base[] = {
	&ip_packet_offload,
};

/*
 * skb_mac_gso_segment - hand @skb, data at its MAC header, to the
 * segmentation of its network protocol
 */
static struct sk_buff *skb_mac_gso_segment(struct sk_buff *skb,
					   unsigned long long features)
{
	struct sk_buff *segs = ERR_PTR(-EPROTONOSUPPORT);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(offload_base); i++) {
		if (offload_base[i]->type != skb->protocol)
			continue;
		skb_pull(skb, skb->mac_len);
		segs = offload_base[i]->callbacks.gso_segment(skb, features);
		skb_push(skb, (unsigned int)(skb->data - skb_mac_header(skb)));
		break;
	}
	return segs;
}

/**
 * __skb_gso_segment - cut GSO packet @skb into its segments
 * @skb: data at the MAC header, or at the network header when there is
 *	none; not consumed
 * @features: what the segments may use (NETIF_F_SG: share @skb's pages)
 * @tx_path: on the way out (true) or to a socket that cannot take it whole
 *
 * Return: the segments linked by ->next, each starting at the same header
 *	as @skb with its own headers fixed up, or ERR_PTR(-errno).
 */
struct sk_buff *__skb_gso_segment(struct sk_buff *skb,
				  unsigned long long features, bool tx_path)
{
	(void)tx_path;
	if (!skb_is_gso(skb))
		return ERR_PTR(-EINVAL);
	if (!skb_mac_header_was_set(skb) ||
	    skb_mac_header(skb) > skb_network_header(skb))
		skb->mac_header = skb->network_header;
	skb->mac_len = (u16)(skb->network_header - skb->mac_header);
	if (skb_mac_header(skb) != skb->data) {
		/* start where the headers start */
		if (skb_mac_header(skb) < skb->data)
			skb_push(skb, (unsigned int)(skb->data -
						     skb_mac_header(skb)));
		else
			return ERR_PTR(-EINVAL);
	}
	return skb_mac_gso_segment(skb, features);
}

struct sk_buff *skb_gso_segment(struct sk_buff *skb,
				unsigned long long features)
{
	return __skb_gso_segment(skb, features, true);
}

/*
 * skb_gso_network_seglen - how long each segment's network packet will be:
 * the network and transport headers (TCP's with its options) plus gso_size
 */
static unsigned int skb_gso_network_seglen(const struct sk_buff *skb)
{
	unsigned int hdr_len =
		(unsigned int)(skb->transport_header - skb->network_header);

	if (skb_shinfo(skb)->gso_type & SKB_GSO_UDP_L4)
		hdr_len += 8; /* struct udphdr */
	else if (skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6))
		hdr_len += (skb_transport_header(skb)[12] >> 4) * 4U;
	return hdr_len + skb_shinfo(skb)->gso_size;
}

/**
 * skb_gso_validate_network_len - will every segment of @skb fit @mtu?
 * (Then a GSO packet need not be fragmented, however long it is.)
 */
bool skb_gso_validate_network_len(const struct sk_buff *skb, unsigned int mtu)
{
	return skb_gso_network_seglen(skb) <= mtu;
}
