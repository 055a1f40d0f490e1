/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct sk_buff: the packet.  The struct itself is metadata; the bytes live
 * in a separate buffer [head, end) shared by clones, with the packet at
 * [data, tail).  Layers push headers into the headroom and pull them off on
 * the way up; they never copy.  tuxnet's skbs are linear (no page frags yet).
 *
 * Ownership (STYLE.md 3.5): a function handed an skb consumes it on every
 * path - passes it on, queues it, or frees it with kfree_skb_reason() (drop)
 * or consume_skb() (normal end).  Linux: include/linux/skbuff.h.
 */
#ifndef _NET_SKBUFF_H
#define _NET_SKBUFF_H

#include <net/dropreason.h>
#include <net/types.h>

struct sock;
struct net_device;
struct dst_entry;

/* Lives at the end of the data buffer; shared by clones. */
struct skb_shared_info {
	int dataref;
	unsigned short gso_size, gso_segs;
	unsigned char buf_class; /* skbuff.c: which buffer cache, 0: none */
};

/* skb->pkt_type (include/uapi/linux/if_packet.h values) */
#define PACKET_HOST	 0
#define PACKET_BROADCAST 1
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3
#define PACKET_OUTGOING	 4
#define PACKET_LOOPBACK	 5

/* skb->ip_summed */
#define CHECKSUM_NONE	     0
#define CHECKSUM_UNNECESSARY 1
#define CHECKSUM_COMPLETE    2
#define CHECKSUM_PARTIAL     3

struct sk_buff {
	/* queue linkage: first, so sk_buff_head can pose as an skb */
	struct sk_buff *next;
	struct sk_buff *prev;

	struct sock *sk;
	struct net_device *dev;
	struct dst_entry *dst; /* route, holds a reference */
	u64 tstamp; /* ns, stack clock (real time for SO_TIMESTAMP) */

	/* control buffer: private to the layer holding the skb (IPCB, ...) */
	char cb[48] __aligned(8);

	unsigned int len; /* bytes from data to tail */
	unsigned int truesize;
	__be16 protocol; /* ETH_P_* of the payload, network order */
	u16 mac_len;
	u8 pkt_type : 3, ip_summed : 2, cloned : 1, ignore_df : 1, peeked : 1;
	u32 priority;
	u32 mark;
	int skb_iif; /* ifindex it arrived on */
	u32 hash;

	/* header offsets from head; (u16)~0 when unset */
	u16 mac_header, network_header, transport_header;
	/*
	 * CHECKSUM_PARTIAL: the checksum still to be computed covers
	 * [head + csum_start, tail) and goes at csum_start + csum_offset; the
	 * field holds the pseudo-header sum meanwhile (a device with
	 * NETIF_F_HW_CSUM finishes it, or skb_checksum_help() does).
	 */
	u16 csum_start, csum_offset;

	void (*destructor)(struct sk_buff *skb);
	int users; /* skb_get() references to this sk_buff struct */

	unsigned char *head, *data, *tail, *end;
};

/* A queue of skbs with its length; guarded by the stack lock. */
struct sk_buff_head {
	struct sk_buff *next;
	struct sk_buff *prev;
	u32 qlen;
};

#define SKB_HDR_UNSET ((u16)~0U)

static inline struct skb_shared_info *skb_shinfo(const struct sk_buff *skb)
{
	return (struct skb_shared_info *)(void *)skb->end;
}

/* allocation and freeing (src/core/skbuff.c) */
struct sk_buff *alloc_skb(unsigned int size, int gfp);
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason);
#define kfree_skb(skb) kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED)
void consume_skb(struct sk_buff *skb);
struct sk_buff *skb_clone(struct sk_buff *skb, int gfp);
struct sk_buff *skb_copy(const struct sk_buff *skb, int gfp);
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail, int gfp);
struct sk_buff *skb_copy_expand(const struct sk_buff *skb, int newheadroom,
				int newtailroom, int gfp);
struct sk_buff *skb_unshare(struct sk_buff *skb, int gfp);
void skb_orphan(struct sk_buff *skb);
void skb_dst_drop(struct sk_buff *skb);
void skb_dst_set(struct sk_buff *skb, struct dst_entry *dst);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);
int skb_store_bits(struct sk_buff *skb, int offset, const void *from, int len);
/* Allocates len + headroom for every link layer (LL_MAX_HEADER + ...). */
struct sk_buff *alloc_skb_with_headroom(unsigned int len, int gfp);

#define LL_MAX_HEADER 128
#define MAX_HEADER    (LL_MAX_HEADER + 64)

static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	skb->users++;
	return skb;
}

static inline struct dst_entry *skb_dst(const struct sk_buff *skb)
{
	return skb->dst;
}

static inline bool skb_cloned(const struct sk_buff *skb)
{
	return skb->cloned && skb_shinfo(skb)->dataref != 1;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

static inline int skb_tailroom(const struct sk_buff *skb)
{
	return (int)(skb->end - skb->tail);
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len;
}

static inline void skb_reserve(struct sk_buff *skb, int len)
{
	skb->data += len;
	skb->tail += len;
}

/* skb_put - extend the data at the tail; returns the start of the new room */
static inline void *skb_put(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb->tail;

	BUG_ON(skb->tail + len > skb->end);
	skb->tail += len;
	skb->len += len;
	return tmp;
}

static inline void *skb_put_data(struct sk_buff *skb, const void *data,
				 unsigned int len)
{
	void *tmp = skb_put(skb, len);

	memcpy(tmp, data, len);
	return tmp;
}

static inline void *skb_put_zero(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb_put(skb, len);

	memset(tmp, 0, len);
	return tmp;
}

/* skb_push - extend the data at the head (add a header) */
static inline void *skb_push(struct sk_buff *skb, unsigned int len)
{
	BUG_ON(skb->data - len < skb->head);
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

/* skb_pull - remove @len bytes from the head; NULL if too short */
static inline void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len))
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

/*
 * pskb_may_pull - are @len bytes there to read at data?  "Check length once,
 * then access": every parser of wire data calls this before looking.
 */
static inline bool pskb_may_pull(const struct sk_buff *skb, unsigned int len)
{
	return len <= skb->len;
}

static inline void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		skb->len = len;
		skb->tail = skb->data + len;
	}
}

#define pskb_trim(skb, len) (skb_trim(skb, len), 0)

/* header pointers */
static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->head + skb->mac_header;
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}

static inline bool skb_mac_header_was_set(const struct sk_buff *skb)
{
	return skb->mac_header != SKB_HDR_UNSET;
}

static inline bool skb_transport_header_was_set(const struct sk_buff *skb)
{
	return skb->transport_header != SKB_HDR_UNSET;
}

static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = (u16)(skb->data - skb->head);
}

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = (u16)(skb->data - skb->head);
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = (u16)(skb->data - skb->head);
}

static inline void skb_set_network_header(struct sk_buff *skb, int offset)
{
	skb->network_header = (u16)(skb->data - skb->head + offset);
}

static inline void skb_set_transport_header(struct sk_buff *skb, int offset)
{
	skb->transport_header = (u16)(skb->data - skb->head + offset);
}

static inline void skb_set_mac_header(struct sk_buff *skb, int offset)
{
	skb->mac_header = (u16)(skb->data - skb->head + offset);
}

static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb_network_header(skb) - skb->data);
}

static inline int skb_transport_offset(const struct sk_buff *skb)
{
	return (int)(skb_transport_header(skb) - skb->data);
}

static inline u32 skb_network_header_len(const struct sk_buff *skb)
{
	return (u32)(skb->transport_header - skb->network_header);
}

/* skb_cow_head - make the header writable with @headroom free in front */
int skb_cow_head(struct sk_buff *skb, unsigned int headroom);
#define skb_cow(skb, headroom) skb_cow_head(skb, headroom)

/* queues */
static inline void skb_queue_head_init(struct sk_buff_head *list)
{
	list->prev = list->next = (struct sk_buff *)(void *)list;
	list->qlen = 0;
}

static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return list->next == (const struct sk_buff *)(const void *)list;
}

static inline u32 skb_queue_len(const struct sk_buff_head *list)
{
	return list->qlen;
}

static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	struct sk_buff *skb = list->next;

	return skb == (const struct sk_buff *)(const void *)list ? NULL : skb;
}

static inline struct sk_buff *skb_peek_tail(const struct sk_buff_head *list)
{
	struct sk_buff *skb = list->prev;

	return skb == (const struct sk_buff *)(const void *)list ? NULL : skb;
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk);
void skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk);
struct sk_buff *skb_dequeue(struct sk_buff_head *list);
struct sk_buff *skb_dequeue_tail(struct sk_buff_head *list);
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
void skb_queue_purge_reason(struct sk_buff_head *list,
			    enum skb_drop_reason reason);
#define skb_queue_purge(list) \
	skb_queue_purge_reason(list, SKB_DROP_REASON_QUEUE_PURGE)

#define skb_queue_walk(queue, skb)                                          \
	for (skb = (queue)->next; skb != (struct sk_buff *)(void *)(queue); \
	     skb = skb->next)

#define skb_queue_walk_safe(queue, skb, tmp)           \
	for (skb = (queue)->next, tmp = skb->next;     \
	     skb != (struct sk_buff *)(void *)(queue); \
	     skb = tmp, tmp = skb->next)

/* Internet checksum helpers (src/core/utils.c, RFC 1071). */
__wsum csum_partial(const void *buff, int len, __wsum sum);
__sum16 csum_fold(__wsum csum);
__sum16 ip_fast_csum(const void *iph, unsigned int ihl);
__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len, u8 proto,
			  __wsum sum);
__sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len, u8 proto,
			  __wsum sum);
/* skb_checksum_start_offset - where a partial checksum starts, from data */
static inline int skb_checksum_start_offset(const struct sk_buff *skb)
{
	return (int)skb->csum_start - (int)skb_headroom(skb);
}

/*
 * skb_csum_unnecessary - need the receiver not verify the transport
 * checksum?  Verified already (CHECKSUM_UNNECESSARY), or built by this
 * stack and never left it (CHECKSUM_PARTIAL: the sum is still to be made).
 */
static inline bool skb_csum_unnecessary(const struct sk_buff *skb)
{
	return skb->ip_summed == CHECKSUM_UNNECESSARY ||
	       (skb->ip_summed == CHECKSUM_PARTIAL &&
		skb_checksum_start_offset(skb) >= 0);
}

/**
 * skb_checksum_help - finish a CHECKSUM_PARTIAL packet's checksum in
 *	software (for a device without NETIF_F_HW_CSUM, fragmentation, taps)
 * @skb: the packet; made private first if its data is shared
 * Return: 0 (ip_summed is then CHECKSUM_NONE) or -ENOMEM, -EINVAL.
 */
int skb_checksum_help(struct sk_buff *skb);

__wsum skb_checksum(const struct sk_buff *skb, int offset, int len,
		    __wsum csum);
static inline __wsum csum_add(__wsum csum, __wsum addend)
{
	u32 res = csum + addend;

	return res + (res < addend);
}

#endif /* _NET_SKBUFF_H */
