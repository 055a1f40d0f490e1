// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic receive offload.  napi_gro_receive() takes what a NAPI poll hands
 * up.  On a device with NETIF_F_GRO, dev_gro_receive() asks the packet's
 * network protocol (inet_gro_receive, then udp4_gro_receive or
 * tcp4_gro_receive) whether it
 * continues a flow held in napi->gro_hash: then it is merged into the held
 * packet (skb_gro_receive); a packet that starts a flow is held; the rest
 * go up as they are.  A held packet goes up, completed into one GSO packet
 * by the protocols' gro_complete, when its flow ends or is full, when the
 * poll completes (napi_complete_done), at a repoll (those held since an
 * earlier jiffy), or when its bucket holds MAX_GRO_SKBS.  What goes up is
 * batched (rx_list, net.core.gro_normal_batch packets at a time) and the
 * batch goes up in order at the end of the poll.  Linux: net/core/gro.c.
 */
#include <net/gro.h>
#include <net/netdevice.h>
#include <net/protocol.h>
#include <net/stack.h>

#include <errno.h>
#include <string.h>

/* The ethertypes GRO knows (IPv4 so far); the same as gso.c's. */
static const struct packet_offload *const gro_offloads[] = {
	&ip_packet_offload,
};

static const struct packet_offload *gro_find_by_type(__be16 type)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(gro_offloads); i++)
		if (gro_offloads[i]->type == type)
			return gro_offloads[i];
	return NULL;
}

/* jiffies on the stack clock (HZ per second), for a held packet's age */
static unsigned long gro_jiffies(void)
{
	return (unsigned long)(net_now() / (1000000000ULL / HZ));
}

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

int skb_gro_receive(struct sk_buff *p, struct sk_buff *skb)
{
	struct skb_shared_info *skbinfo = skb_shinfo(skb), *pinfo;
	unsigned int offset = skb_gro_offset(skb);
	unsigned int headlen = skb_headlen(skb);
	unsigned int len = skb_gro_len(skb);
	unsigned int delta_truesize;
	struct sk_buff *lp;

	if (p->len + len >= GRO_LEGACY_MAX_SIZE || NAPI_GRO_CB(skb)->flush)
		return -E2BIG;

	lp = NAPI_GRO_CB(p)->last;
	pinfo = skb_shinfo(lp);
	/*
	 * The payload is all in pages: they move to the last part of @p,
	 * if it has room and neither buffer is shared with a clone.  The
	 * headers were pulled into the linear part, so headlen >= offset.
	 */
	if (headlen == offset && skbinfo->nr_frags && !skb_cloned(skb) &&
	    !skb_cloned(lp) &&
	    pinfo->nr_frags + skbinfo->nr_frags <= MAX_SKB_FRAGS) {
		unsigned int new_truesize =
			SKB_TRUESIZE((unsigned int)(skb->end - skb->head));

		memcpy(&pinfo->frags[pinfo->nr_frags], skbinfo->frags,
		       skbinfo->nr_frags * sizeof(skb_frag_t));
		pinfo->nr_frags += skbinfo->nr_frags;
		skbinfo->nr_frags = 0;
		delta_truesize = skb->truesize > new_truesize
					 ? skb->truesize - new_truesize
					 : 0;
		skb->truesize -= delta_truesize;
		skb->len -= skb->data_len;
		skb->data_len = 0;
		NAPI_GRO_CB(skb)->free = NAPI_GRO_FREE;
	} else {
		/* the whole skb joins p's frag_list, data at its payload */
		if (skb->destructor)
			skb_orphan(skb);
		delta_truesize = skb->truesize;
		skb_pull(skb, offset);
		if (NAPI_GRO_CB(p)->last == p)
			skb_shinfo(p)->frag_list = skb;
		else
			NAPI_GRO_CB(p)->last->next = skb;
		skb->next = NULL;
		NAPI_GRO_CB(p)->last = skb;
		if (!skb_cloned(skb))
			skb_header_release(skb);
		lp = p;
	}

	NAPI_GRO_CB(p)->count += NAPI_GRO_CB(skb)->count;
	p->data_len += len;
	p->truesize += delta_truesize;
	p->len += len;
	if (lp != p) {
		lp->data_len += len;
		lp->truesize += delta_truesize;
		lp->len += len;
	}
	NAPI_GRO_CB(skb)->same_flow = 1;
	return 0;
}

int skb_gro_receive_list(struct sk_buff *p, struct sk_buff *skb)
{
	if (p->len + skb->len >= GRO_LEGACY_MAX_SIZE)
		return -E2BIG;
	if (NAPI_GRO_CB(p)->last == p)
		skb_shinfo(p)->frag_list = skb;
	else
		NAPI_GRO_CB(p)->last->next = skb;
	skb->next = NULL;
	skb_pull(skb, skb_gro_offset(skb));
	NAPI_GRO_CB(p)->last = skb;
	NAPI_GRO_CB(p)->count++;
	p->data_len += skb->len;
	if (skb->destructor)
		skb_orphan(skb);
	p->truesize += skb->truesize;
	p->len += skb->len;
	NAPI_GRO_CB(skb)->same_flow = 1;
	return 0;
}

/*
 * napi_gro_complete - a held packet goes up: one that merged nothing as it
 * came, a merged one with its headers made those of one GSO packet
 */
static void napi_gro_complete(struct napi_struct *napi, struct sk_buff *skb)
{
	const struct packet_offload *po;
	int segs = NAPI_GRO_CB(skb)->count;

	skb->next = NULL;
	skb->prev = NULL;
	if (segs == 1) {
		skb_shinfo(skb)->gso_size = 0;
	} else {
		po = gro_find_by_type(skb->protocol);
		if (!po || !po->callbacks.gro_complete ||
		    po->callbacks.gro_complete(skb, 0)) {
			kfree_skb(skb);
			return;
		}
	}
	gro_normal_one(napi, skb, segs);
}

static void gro_flush_bucket(struct napi_struct *napi, unsigned int index,
			     bool flush_old)
{
	struct sk_buff_head *head = &napi->gro_hash[index];
	unsigned long now = flush_old ? gro_jiffies() : 0;
	struct sk_buff *skb;

	while ((skb = skb_peek(head))) {
		if (flush_old && NAPI_GRO_CB(skb)->age == now)
			break; /* the rest are younger still */
		skb_unlink(skb, head);
		napi_gro_complete(napi, skb);
	}
	if (skb_queue_empty(head))
		napi->gro_bitmask &= ~(1UL << index);
}

void napi_gro_flush(struct napi_struct *napi, bool flush_old)
{
	unsigned long bitmask = napi->gro_bitmask;
	unsigned int i, base = ~0U;

	/* only the buckets that hold packets, as Linux's (every poll of a
	 * device comes here, most with nothing held) */
	while ((i = (unsigned int)__builtin_ffsl((long)bitmask)) != 0) {
		bitmask >>= i;
		base += i;
		gro_flush_bucket(napi, base, flush_old);
	}
}

void gro_cleanup(struct napi_struct *napi)
{
	for (unsigned int i = 0; i < GRO_HASH_BUCKETS; i++) {
		struct sk_buff *skb;

		while ((skb = skb_dequeue(&napi->gro_hash[i])))
			kfree_skb(skb);
	}
	napi->gro_bitmask = 0;
}

/*
 * gro_list_prepare - mark the held packets that may be of @skb's flow: the
 * same device, flow hash and link-layer header; the protocols look closer
 */
static void gro_list_prepare(const struct sk_buff_head *head,
			     const struct sk_buff *skb)
{
	unsigned int maclen = skb->dev->hard_header_len;
	struct sk_buff *p;

	skb_queue_walk(head, p) {
		bool diffs = p->hash != skb->hash || p->dev != skb->dev;

		if (!diffs && maclen && skb_mac_header_was_set(p) &&
		    skb_mac_header_was_set(skb))
			diffs = memcmp(skb_mac_header(p), skb_mac_header(skb),
				       maclen) != 0;
		NAPI_GRO_CB(p)->same_flow = !diffs;
	}
}

/*
 * gro_hold - keep @skb, the first of its flow, for the next ones.  Its
 * buffer is made private first, as merging writes its shared info.
 */
static bool gro_hold(struct napi_struct *napi, unsigned int index,
		     struct sk_buff *skb)
{
	struct sk_buff_head *head = &napi->gro_hash[index];

	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return false;
	if (skb_queue_len(head) >= MAX_GRO_SKBS) {
		/* the oldest goes up to make room */
		struct sk_buff *oldest = skb_dequeue(head);

		napi_gro_complete(napi, oldest);
	}
	NAPI_GRO_CB(skb)->age = gro_jiffies();
	NAPI_GRO_CB(skb)->last = skb;
	if (!skb_is_gso(skb))
		skb_shinfo(skb)->gso_size = (unsigned short)skb_gro_len(skb);
	skb_queue_tail(head, skb);
	napi->gro_bitmask |= 1UL << index;
	return true;
}

static gro_result_t dev_gro_receive(struct napi_struct *napi,
				    struct sk_buff *skb)
{
	unsigned int index = skb->hash & (GRO_HASH_BUCKETS - 1);
	struct sk_buff_head *head = &napi->gro_hash[index];
	const struct packet_offload *po;
	struct napi_gro_cb *cb = NAPI_GRO_CB(skb);
	struct sk_buff *pp;
	gro_result_t ret;
	bool same_flow;

	/* netif_elide_gro: GRO is off on the device */
	if (!skb->dev || !(skb->dev->features & NETIF_F_GRO))
		return GRO_NORMAL;
	po = gro_find_by_type(skb->protocol);
	if (!po || !po->callbacks.gro_receive)
		return GRO_NORMAL;

	gro_list_prepare(head, skb);
	memset(cb, 0, sizeof(*cb));
	skb_reset_network_header(skb);
	cb->flush = skb_has_frag_list(skb);
	cb->count = 1;
	if (skb_is_gso(skb)) {
		/* a GSO packet goes up whole, unless TCP's (Linux merges only
		 * those, with others cut to the same size) */
		cb->count = skb_shinfo(skb)->gso_segs
				    ? skb_shinfo(skb)->gso_segs
				    : 1;
		if (!(skb_shinfo(skb)->gso_type & SKB_GSO_TCPV4) ||
		    (skb_shinfo(skb)->gso_type & SKB_GSO_DODGY))
			cb->flush = 1;
	}

	pp = po->callbacks.gro_receive(head, skb);
	/*
	 * Read before pp goes up: a merged skb may be in pp's frag_list, and
	 * a full batch delivers (and frees) pp at once.
	 */
	same_flow = cb->same_flow;
	ret = cb->free ? GRO_MERGED_FREE : GRO_MERGED;
	if (pp) {
		skb_unlink(pp, head);
		napi_gro_complete(napi, pp);
	}
	if (same_flow)
		goto out;
	if (cb->flush || !gro_hold(napi, index, skb))
		ret = GRO_NORMAL;
	else
		ret = GRO_HELD;
out:
	if (skb_queue_empty(head))
		napi->gro_bitmask &= ~(1UL << index);
	return ret;
}

gro_result_t napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb)
{
	gro_result_t ret = dev_gro_receive(napi, skb);

	switch (ret) {
	case GRO_NORMAL:
		gro_normal_one(napi, skb, 1);
		break;
	case GRO_MERGED_FREE:
		/* its pages went to the merged packet; the rest goes */
		consume_skb(skb);
		break;
	default: /* GRO_HELD, GRO_MERGED: the held packet has it */
		break;
	}
	return ret;
}
