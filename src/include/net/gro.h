/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generic receive offload: the state a packet carries while the protocols'
 * gro_receive callbacks look at it (NAPI_GRO_CB, in skb->cb), and the
 * helpers they share.  The engine is src/core/gro.c; IPv4 is
 * inet_gro_receive (af_inet.c), UDP udp4_gro_receive (udp_offload.c),
 * TCP tcp4_gro_receive (tcp_offload.c).
 * docs/skb.md says what is merged and when.  Linux: include/net/gro.h.
 */
#ifndef _NET_GRO_H
#define _NET_GRO_H

#include <net/ip.h>

#include <net/skbuff.h>

#define GRO_HASH_BUCKETS 8
#define MAX_GRO_SKBS	 8 /* held per bucket; the oldest goes up first */
/* what a merged packet may grow to (Linux's GRO_LEGACY_MAX_SIZE) */
#define GRO_LEGACY_MAX_SIZE 65536U

/* NAPI_GRO_CB(skb)->free */
#define NAPI_GRO_FREE 1 /* merged: its pages were taken, free the rest */

struct napi_gro_cb {
	struct sk_buff *last; /* held packet: its last merged part */
	unsigned long age; /* held packet: the jiffy it was held */
	unsigned int data_offset; /* where the next header starts, from data */
	u16 flush; /* do not merge this one: send it (and its flow) up */
	u16 count; /* segments this packet stands for */
	u16 network_offset; /* the IP header, from data */
	u8 proto; /* the IP protocol */
	u8 same_flow : 1; /* held: matches the packet being looked at */
	u8 free : 2; /* NAPI_GRO_FREE */
	u8 is_flist : 1; /* merged as a frag_list of whole packets */
	u8 ip_fixedid : 1; /* the flow keeps one IP ID (DF set) */
};

#define NAPI_GRO_CB(skb) ((struct napi_gro_cb *)(void *)(skb)->cb)

static inline unsigned int skb_gro_offset(const struct sk_buff *skb)
{
	return NAPI_GRO_CB(skb)->data_offset;
}

static inline unsigned int skb_gro_len(const struct sk_buff *skb)
{
	return skb->len - NAPI_GRO_CB(skb)->data_offset;
}

static inline void skb_gro_pull(struct sk_buff *skb, unsigned int len)
{
	NAPI_GRO_CB(skb)->data_offset += len;
}

/*
 * skb_gro_header - the @hlen bytes from data as one piece (pulled into the
 * linear part if need be), pointing at @offset; NULL if the packet is
 * shorter
 */
static inline void *skb_gro_header(struct sk_buff *skb, unsigned int hlen,
				   unsigned int offset)
{
	if (!pskb_may_pull(skb, hlen))
		return NULL;
	return skb->data + offset;
}

/* skb_gro_network_header - the IP header of a packet in GRO */
static inline const struct iphdr *
skb_gro_network_header(const struct sk_buff *skb)
{
	return (const struct iphdr *)(const void *)(skb->data +
						    NAPI_GRO_CB(skb)
							    ->network_offset);
}

/*
 * inet_gro_flush - may @iph (the packet looked at) follow @iph2 (the held
 * packet @p) in one merged packet?  Everything but the length and the
 * checksum must match, and the IP ID must go up by one per segment, or,
 * with DF, stay the same from the second packet on.  Nonzero: no.
 */
static inline int inet_gro_flush(const struct iphdr *iph,
				 const struct iphdr *iph2, struct sk_buff *p)
{
	const u16 id = ntohs(iph->id), id2 = ntohs(iph2->id);
	const u16 ipid_offset = (u16)(id - id2);
	const u16 count = NAPI_GRO_CB(p)->count;
	const u16 df = ntohs(iph->frag_off) & IP_DF;

	if ((iph->ttl ^ iph2->ttl) | (iph->tos ^ iph2->tos) |
	    (df ^ (ntohs(iph2->frag_off) & IP_DF)))
		return 1;
	if (count == 1 && df && !ipid_offset)
		NAPI_GRO_CB(p)->ip_fixedid = 1;
	return ipid_offset != (NAPI_GRO_CB(p)->ip_fixedid ? 0 : count);
}

/*
 * skb_gro_receive - append @skb's payload (from its GRO offset) to held
 * packet @p: its pages join @p's when there is room, otherwise @skb joins
 * @p's frag_list.  Return: 0, or -E2BIG when @p would pass 64 KiB.
 */
int skb_gro_receive(struct sk_buff *p, struct sk_buff *skb);
/* skb_gro_receive_list - append the whole of @skb (headers kept in front
 * of its data) to @p's frag_list, for SKB_GSO_FRAGLIST */
int skb_gro_receive_list(struct sk_buff *p, struct sk_buff *skb);

/* UDP (udp_offload.c) */
struct sk_buff *udp4_gro_receive(struct sk_buff_head *head,
				 struct sk_buff *skb);
int udp4_gro_complete(struct sk_buff *skb, int nhoff);

/* TCP (tcp_offload.c) */
struct sk_buff *tcp4_gro_receive(struct sk_buff_head *head,
				 struct sk_buff *skb);
int tcp4_gro_complete(struct sk_buff *skb, int thoff);

#endif /* _NET_GRO_H */
