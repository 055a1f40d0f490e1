// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic receive offload, the NAPI side: napi_gro_receive() batches what a
 * poll hands up (rx_list, net.core.gro_normal_batch packets at a time) and
 * the batch goes up in order at the end of the poll.  The merging of a
 * flow's segments (dev_gro_receive with a list of held packets per NAPI,
 * inet_gro_receive, udp4_gro_receive for UDP_GRO sockets and tunnels) needs
 * paged skbs (frag_list) and is not here yet: every packet is GRO_NORMAL.
 * Linux: net/core/gro.c.
 */
#include <net/netdevice.h>

void gro_normal_list(struct napi_struct *napi)
{
	struct sk_buff *skb;

	if (!napi->rx_count)
		return;
	while ((skb = skb_dequeue(&napi->rx_list)))
		netif_receive_skb(skb);
	napi->rx_count = 0;
}

/* gro_normal_one - queue @skb (of @segs segments) for the next batch */
static void gro_normal_one(struct napi_struct *napi, struct sk_buff *skb,
			   int segs)
{
	skb_queue_tail(&napi->rx_list, skb);
	napi->rx_count += segs;
	if (napi->rx_count >= GRO_NORMAL_BATCH)
		gro_normal_list(napi);
}

gro_result_t napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb)
{
	gro_normal_one(napi, skb, 1);
	return GRO_NORMAL;
}
