/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct sk_buff: the packet.  The struct itself is metadata; the bytes live
 * in a separate buffer [head, end) shared by clones, with the packet at
 * [data, tail), followed by the paged part: skb_shinfo()->frags[] (page,
 * offset, length) and then skb_shinfo()->frag_list (more skbs).  skb->len
 * counts all of it, skb->data_len the paged part, skb_headlen() the part
 * between data and tail.  Layers push headers into the headroom and pull
 * them off on the way up (pskb_may_pull first); they never copy.
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

/*
 * struct page: a refcounted block of payload memory (PAGE_SIZE << order)
 * that frags of any number of skbs may point into.  get_page()/put_page();
 * the last put frees it.  The count is atomic, as Linux's: a thread's
 * page frag fills one page for the skbs of many sockets, and their skbs
 * are freed by whichever thread runs the softirq or the reader's recvmsg.
 */
#define PAGE_SHIFT 12
#define PAGE_SIZE  (1U << PAGE_SHIFT)

struct page {
	int _refcount; /* atomic: get_page(), put_page(), page_count() */
	unsigned int order;
	unsigned char *addr;
};

struct page *alloc_pages(int gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
void put_page(struct page *page);
long page_live_count(void); /* pages not yet freed, process-wide */

/* A new reference is taken from one already held: no ordering needed. */
static inline void get_page(struct page *page)
{
	__atomic_add_fetch(&page->_refcount, 1, __ATOMIC_RELAXED);
}

static inline void *page_address(const struct page *page)
{
	return page->addr;
}

static inline unsigned int page_size(const struct page *page)
{
	return PAGE_SIZE << page->order;
}

/*
 * Acquire: a count of 1 seen by the page frag's owner means every other
 * user's last access to the bytes happened before their put_page(), so the
 * page may be written again from its start.
 */
static inline int page_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount, __ATOMIC_ACQUIRE);
}

/*
 * struct page_frag: a page being filled piece by piece, from which paged
 * sends take their payload room: the thread's (current_task_frag(), what
 * sk_page_frag() gives process-context senders) or a socket's sk_frag.
 */
struct page_frag {
	struct page *page;
	unsigned int offset;
	unsigned int size;
};

bool skb_page_frag_refill(unsigned int sz, struct page_frag *pfrag, int gfp);

/* skb_frag_t: @bv_len bytes at @bv_offset in @bv_page, holding a ref */
typedef struct skb_frag {
	struct page *bv_page;
	unsigned int bv_offset;
	unsigned int bv_len;
} skb_frag_t;

#define MAX_SKB_FRAGS 17

/* skb_shinfo()->gso_type */
#define SKB_GSO_TCPV4	 (1U << 0)
#define SKB_GSO_DODGY	 (1U << 1)
#define SKB_GSO_TCP_ECN	 (1U << 2)
#define SKB_GSO_TCPV6	 (1U << 4)
#define SKB_GSO_FRAGLIST (1U << 18)
#define SKB_GSO_UDP_L4	 (1U << 16)
#define SKB_GSO_PARTIAL	 (1U << 13)

/*
 * dataref counts the sk_buffs using the buffer in its low 16 bits; the
 * high bits count those of them that may use the payload only (nohdr,
 * skb_header_release()): skb_header_cloned() looks at the difference.
 */
#define SKB_DATAREF_SHIFT 16
#define SKB_DATAREF_MASK  ((1 << SKB_DATAREF_SHIFT) - 1)

/* Lives at the end of the data buffer; shared by clones. */
struct skb_shared_info {
	unsigned char nr_frags;
	unsigned char buf_class; /* skbuff.c: which buffer cache, 0: none */
	unsigned short gso_size; /* payload bytes per segment (GSO) */
	unsigned short gso_segs;
	unsigned int gso_type; /* SKB_GSO_* */
	struct sk_buff *frag_list;
	/* what alloc_skb() zeroes ends here */
	int dataref;
	skb_frag_t frags[MAX_SKB_FRAGS];
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

	unsigned int len; /* bytes of the packet: head part + data_len */
	unsigned int data_len; /* bytes in frags[] and frag_list */
	unsigned int truesize;
	__be16 protocol; /* ETH_P_* of the payload, network order */
	u16 mac_len;
	u8 pkt_type : 3, ip_summed : 2, cloned : 1, ignore_df : 1, peeked : 1;
	u8 nohdr : 1; /* this clone uses the payload only (skb_header_release) */
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
struct sk_buff *pskb_copy(struct sk_buff *skb, int gfp);
void *__pskb_pull_tail(struct sk_buff *skb, int delta);
int ___pskb_trim(struct sk_buff *skb, unsigned int len);
int skb_cow_data(struct sk_buff *skb, int tailbits, struct sk_buff **trailer);
int skb_shift(struct sk_buff *tgt, struct sk_buff *skb, int shiftlen);
bool skb_try_coalesce(struct sk_buff *to, struct sk_buff *from,
		      bool *fragstolen, int *delta_truesize);
void skb_add_rx_frag(struct sk_buff *skb, int i, struct page *page, int off,
		     int size, unsigned int truesize);
struct sk_buff *skb_segment(struct sk_buff *head_skb,
			    unsigned long long features);
void skb_frag_list_free(struct sk_buff *list);
/* Allocates len + headroom for every link layer (LL_MAX_HEADER + ...). */
struct sk_buff *alloc_skb_with_headroom(unsigned int len, int gfp);

/*
 * Linux 6.18 x86-64 as configured here (no WLAN, Hyper-V or IP tunnels):
 * LL_MAX_HEADER 32 and MAX_HEADER the same.  MAX_TCP_HEADER follows, and
 * with it the head a TCP skb is allocated with and what it is charged.
 */
#define LL_MAX_HEADER 32
#define MAX_HEADER    LL_MAX_HEADER

/*
 * Truesize: what an skb is charged to a socket, as Linux 6.18 on x86-64
 * charges it, so that buffers fill and TCP's windows open as Linux's do.
 * Linux kmallocs a head with its skb_shared_info at the end and gives the
 * skb the whole object: a head of up to SKB_SMALL_HEAD_CACHE_SIZE comes
 * from skb_small_head_cache, a bigger one is rounded up to its kmalloc
 * bucket (powers of two; above 8 KiB whole pages, a power of two of them).
 * The charge is SKB_TRUESIZE() of the data area that leaves: the data, the
 * sk_buff (SKB_DATA_ALIGN(232) = 256) and the shared info (SKB_DATA_ALIGN
 * of 320 with MAX_SKB_FRAGS 17), whatever tuxnet's own structs weigh.
 * SKB_SMALL_HEAD_CACHE_SIZE is SKB_HEAD_ALIGN(MAX_TCP_HEADER) = 512, which
 * Linux bumps by a cache line because it is a power of two.
 */
#define SKB_DATA_ALIGN(x)	  ALIGN((x), 64U)
#define SKB_STRUCT_TRUESIZE	  256U
#define SKB_SHINFO_TRUESIZE	  320U
#define SKB_TRUESIZE(x)		  ((x) + SKB_STRUCT_TRUESIZE + SKB_SHINFO_TRUESIZE)
#define SKB_SMALL_HEAD_CACHE_SIZE 576U
/* Linux's SKB_MAX_ALLOC: the most a head of four pages holds */
#define SKB_MAX_ALLOC ((PAGE_SIZE << 2) - SKB_SHINFO_TRUESIZE)
unsigned int skb_head_data_size(unsigned int size);

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
	return skb->cloned &&
	       (skb_shinfo(skb)->dataref & SKB_DATAREF_MASK) != 1;
}

/* skb_header_cloned - do other clones use the header part too? */
static inline bool skb_header_cloned(const struct sk_buff *skb)
{
	int dataref;

	if (!skb->cloned)
		return false;
	dataref = skb_shinfo(skb)->dataref;
	dataref = (dataref & SKB_DATAREF_MASK) - (dataref >> SKB_DATAREF_SHIFT);
	return dataref != 1;
}

/*
 * skb_header_release - this skb will use only the payload of the shared
 * buffer from now on, so the other user may write the header.
 */
static inline void skb_header_release(struct sk_buff *skb)
{
	skb->nohdr = 1;
	skb_shinfo(skb)->dataref += 1 << SKB_DATAREF_SHIFT;
}

static inline bool skb_shared(const struct sk_buff *skb)
{
	return skb->users != 1;
}

static inline bool skb_is_nonlinear(const struct sk_buff *skb)
{
	return skb->data_len != 0;
}

static inline bool skb_has_frag_list(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->frag_list != NULL;
}

static inline bool skb_is_gso(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->gso_size != 0;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

/* skb_tailroom - room after tail; none once the skb has a paged part */
static inline int skb_tailroom(const struct sk_buff *skb)
{
	return skb_is_nonlinear(skb) ? 0 : (int)(skb->end - skb->tail);
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

static inline unsigned int skb_frag_size(const skb_frag_t *frag)
{
	return frag->bv_len;
}

static inline void *skb_frag_address(const skb_frag_t *frag)
{
	return frag->bv_page->addr + frag->bv_offset;
}

/* skb_pagelen - bytes in the head and the frags (not the frag_list) */
static inline unsigned int skb_pagelen(const struct sk_buff *skb)
{
	unsigned int i, len = 0;

	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++)
		len += skb_frag_size(&skb_shinfo(skb)->frags[i]);
	return len + skb_headlen(skb);
}

/*
 * skb_fill_page_desc - make frags[@i] @size bytes at @off in @page (whose
 * reference the skb takes over).  skb->len and data_len are the caller's.
 */
static inline void skb_fill_page_desc(struct sk_buff *skb, int i,
				      struct page *page, int off, int size)
{
	skb_frag_t *frag = &skb_shinfo(skb)->frags[i];

	frag->bv_page = page;
	frag->bv_offset = (unsigned int)off;
	frag->bv_len = (unsigned int)size;
	skb_shinfo(skb)->nr_frags = (unsigned char)(i + 1);
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

	BUG_ON(skb_is_nonlinear(skb)); /* SKB_LINEAR_ASSERT */
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

/*
 * skb_pull - remove @len bytes from the head; NULL if too short.  Only the
 * head part can be pulled this way (pskb_may_pull() first).
 */
static inline void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len))
		return NULL;
	BUG_ON(len > skb_headlen(skb));
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

/*
 * pskb_may_pull - are @len bytes there to read at data?  "Check length once,
 * then access": every parser of wire data calls this before looking.  Bytes
 * still in the paged part are pulled into the head (which may reallocate
 * it: read header pointers again afterwards).
 */
static inline bool pskb_may_pull(struct sk_buff *skb, unsigned int len)
{
	if (likely(len <= skb_headlen(skb)))
		return true;
	if (unlikely(len > skb->len))
		return false;
	return __pskb_pull_tail(skb, (int)(len - skb_headlen(skb))) != NULL;
}

/* pskb_pull - skb_pull that may first pull bytes from the paged part */
static inline void *pskb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len) || !pskb_may_pull(skb, len))
		return NULL;
	return skb_pull(skb, len);
}

/* skb_linearize - bring the whole packet into the head; 0 or -ENOMEM */
static inline int skb_linearize(struct sk_buff *skb)
{
	if (!skb_is_nonlinear(skb))
		return 0;
	return __pskb_pull_tail(skb, (int)skb->data_len) ? 0 : -ENOMEM;
}

/* skb_trim - cut a linear skb to @len (pskb_trim for any skb) */
static inline void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		if (unlikely(skb_is_nonlinear(skb))) {
			___pskb_trim(skb, len);
			return;
		}
		skb->len = len;
		skb->tail = skb->data + len;
	}
}

/* pskb_trim - cut @skb to @len bytes, paged part included; 0 or -ENOMEM */
static inline int pskb_trim(struct sk_buff *skb, unsigned int len)
{
	if (len >= skb->len)
		return 0;
	if (skb_is_nonlinear(skb))
		return ___pskb_trim(skb, len);
	skb->len = len;
	skb->tail = skb->data + len;
	return 0;
}

/*
 * pskb_trim_rcsum - pskb_trim for a received packet: a CHECKSUM_COMPLETE
 * sum no longer covers it
 */
static inline int pskb_trim_rcsum(struct sk_buff *skb, unsigned int len)
{
	if (len >= skb->len)
		return 0;
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return pskb_trim(skb, len);
}

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

/*
 * skb_gso_segment - cut a GSO packet into segments of gso_size for a device
 * without @features (src/core/gso.c).  Return: the list (skb->next), NULL
 * when nothing needed doing, or ERR_PTR(-errno); @skb is not consumed.
 */
struct sk_buff *skb_gso_segment(struct sk_buff *skb,
				unsigned long long features);
struct sk_buff *__skb_gso_segment(struct sk_buff *skb,
				  unsigned long long features, bool tx_path);
bool skb_gso_validate_network_len(const struct sk_buff *skb, unsigned int mtu);

/* for each skb of a list linked by ->next (segments) */
#define skb_list_walk_safe(first, skb, next_skb)                              \
	for ((skb) = (first), (next_skb) = (skb) ? (skb)->next : NULL; (skb); \
	     (skb) = (next_skb), (next_skb) = (skb) ? (skb)->next : NULL)

#define skb_walk_frags(skb, iter) \
	for (iter = skb_shinfo(skb)->frag_list; iter; iter = iter->next)

void kfree_skb_list(struct sk_buff *segs);

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

static inline __wsum csum_sub(__wsum csum, __wsum addend)
{
	return csum_add(csum, ~addend);
}

/* csum_block_add - add the sum of a block that starts at @offset */
static inline __wsum csum_block_add(__wsum csum, __wsum csum2, int offset)
{
	u32 sum = csum2;

	if (offset & 1) /* an odd start swaps the bytes of every word */
		sum = (sum >> 8) | (sum << 24);
	return csum_add(csum, sum);
}

#endif /* _NET_SKBUFF_H */
