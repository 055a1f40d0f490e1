// SPDX-License-Identifier: BSD-2-Clause
/*
 * sk_buff allocation, cloning, freeing and queues.  Linux: net/core/skbuff.c.
 *
 * An skb is two allocations: the struct (metadata) and the data buffer with
 * struct skb_shared_info at its end.  Clones share the buffer and count it
 * in shinfo->dataref; the last one to go frees it.
 */
#include <net/dst.h>
#include <net/skbuff.h>
#include <net/sock.h>
#include <net/stack.h>

#include "core.h"

#define SKB_DATA_ALIGN(x) ALIGN((x), 64U)

/*
 * A small cache of freed sk_buff structs and data buffers per stack, as
 * Linux's skbuff_head_cache and page-fragment caches spare the allocator:
 * one packet through the stack otherwise costs two malloc/free pairs.
 * Buffers come in two classes (a datagram of up to 64 bytes, up to an
 * Ethernet frame); bigger ones go straight to malloc.  A buffer is sized
 * to its class, but the skb sees only what was asked for (end, truesize).
 * Under AddressSanitizer nothing is cached, so use-after-free stays
 * visible.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SKB_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SKB_CACHE 0
#endif
#endif
#ifndef SKB_CACHE
#define SKB_CACHE 1
#endif

#define SKB_CACHE_MAX 512 /* of each kind, per stack */
static const unsigned int skb_buf_class_size[2] = { 512, 2048 };

static struct sk_buff *skb_head_alloc(struct tn_stack *st)
{
	struct sk_buff *skb = st->skb_cache;

	if (SKB_CACHE && skb) {
		st->skb_cache = skb->next;
		st->skb_cache_len--;
		memset(skb, 0, sizeof(*skb));
		return skb;
	}
	return calloc(1, sizeof(*skb));
}

static void skb_head_free(struct tn_stack *st, struct sk_buff *skb)
{
	if (SKB_CACHE && st->skb_cache_len < SKB_CACHE_MAX) {
		skb->next = st->skb_cache;
		st->skb_cache = skb;
		st->skb_cache_len++;
		return;
	}
	free(skb);
}

/* skb_buf_alloc - a data buffer of @bytes (shinfo included): its class */
static unsigned char *skb_buf_alloc(struct tn_stack *st, unsigned int bytes,
				    unsigned char *buf_class)
{
	unsigned int c;

	*buf_class = 0;
	if (!SKB_CACHE)
		return malloc(bytes);
	for (c = 0; c < ARRAY_SIZE(skb_buf_class_size); c++) {
		void *buf;

		if (bytes > skb_buf_class_size[c])
			continue;
		*buf_class = (unsigned char)(c + 1);
		buf = st->skb_buf_cache[c];
		if (!buf)
			return malloc(skb_buf_class_size[c]);
		memcpy(&st->skb_buf_cache[c], buf, sizeof(void *));
		st->skb_buf_cache_len[c]--;
		return buf;
	}
	return malloc(bytes);
}

static void skb_buf_free(struct tn_stack *st, unsigned char *buf,
			 unsigned char buf_class)
{
	unsigned int c = buf_class - 1U;

	if (!buf_class || c >= ARRAY_SIZE(skb_buf_class_size) ||
	    st->skb_buf_cache_len[c] >= SKB_CACHE_MAX) {
		free(buf);
		return;
	}
	memcpy(buf, &st->skb_buf_cache[c], sizeof(void *));
	st->skb_buf_cache[c] = buf;
	st->skb_buf_cache_len[c]++;
}

/* skb_cache_free - at stack teardown: give the cached memory back */
void skb_cache_free(struct tn_stack *st)
{
	unsigned int c;

	while (st->skb_cache) {
		struct sk_buff *skb = st->skb_cache;

		st->skb_cache = skb->next;
		free(skb);
	}
	st->skb_cache_len = 0;
	for (c = 0; c < ARRAY_SIZE(skb_buf_class_size); c++) {
		while (st->skb_buf_cache[c]) {
			void *buf = st->skb_buf_cache[c];

			memcpy(&st->skb_buf_cache[c], buf, sizeof(void *));
			free(buf);
		}
		st->skb_buf_cache_len[c] = 0;
	}
}

static void skb_init_fields(struct sk_buff *skb)
{
	skb->mac_header = SKB_HDR_UNSET;
	skb->network_header = SKB_HDR_UNSET;
	skb->transport_header = SKB_HDR_UNSET;
	skb->users = 1;
}

/**
 * alloc_skb - allocate an skb with @size bytes of buffer, all tailroom
 * Return: the skb, or NULL (out of memory).
 */
struct sk_buff *alloc_skb(unsigned int size, int gfp)
{
	struct tn_stack *st = current_stack();
	unsigned char buf_class;
	struct sk_buff *skb;
	unsigned char *data;

	(void)gfp;
	if (size > (1U << 20))
		return NULL;
	size = SKB_DATA_ALIGN(size);
	skb = skb_head_alloc(st);
	if (!skb)
		return NULL;
	data = skb_buf_alloc(st, size + sizeof(struct skb_shared_info),
			     &buf_class);
	if (!data) {
		skb_head_free(st, skb);
		return NULL;
	}
	skb_init_fields(skb);
	skb->head = data;
	skb->data = data;
	skb->tail = data;
	skb->end = data + size;
	skb->truesize = size + (unsigned int)sizeof(*skb);
	memset(skb_shinfo(skb), 0, sizeof(struct skb_shared_info));
	skb_shinfo(skb)->dataref = 1;
	skb_shinfo(skb)->buf_class = buf_class;
	st->live_skbs++;
	return skb;
}

struct sk_buff *alloc_skb_with_headroom(unsigned int len, int gfp)
{
	struct sk_buff *skb = alloc_skb(len + MAX_HEADER, gfp);

	if (skb)
		skb_reserve(skb, MAX_HEADER);
	return skb;
}

static void skb_release_data(struct sk_buff *skb)
{
	if (--skb_shinfo(skb)->dataref == 0)
		skb_buf_free(current_stack(), skb->head,
			     skb_shinfo(skb)->buf_class);
}

static void skb_release_head_state(struct sk_buff *skb)
{
	skb_dst_drop(skb);
	if (skb->destructor) {
		skb->destructor(skb);
		skb->destructor = NULL;
	}
	skb->sk = NULL;
}

static void __kfree_skb(struct sk_buff *skb)
{
	struct tn_stack *st = current_stack();

	skb_release_head_state(skb);
	skb_release_data(skb);
	skb_head_free(st, skb);
	st->live_skbs--;
}

static bool skb_unref(struct sk_buff *skb)
{
	if (!skb)
		return false;
	return --skb->users == 0;
}

/**
 * kfree_skb_reason - free an skb that was dropped, counting @reason
 */
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (!skb_unref(skb))
		return;
	if (reason > SKB_CONSUMED && reason < SKB_DROP_REASON_MAX)
		current_stack()->drop_reasons[reason]++;
	__kfree_skb(skb);
}

/* consume_skb - free an skb whose journey ended normally */
void consume_skb(struct sk_buff *skb)
{
	if (!skb_unref(skb))
		return;
	__kfree_skb(skb);
}

void skb_dst_drop(struct sk_buff *skb)
{
	if (skb->dst) {
		dst_release(skb->dst);
		skb->dst = NULL;
	}
}

/* skb_dst_set - attach @dst, whose reference the skb now owns */
void skb_dst_set(struct sk_buff *skb, struct dst_entry *dst)
{
	skb_dst_drop(skb);
	skb->dst = dst;
}

void skb_orphan(struct sk_buff *skb)
{
	if (skb->destructor) {
		skb->destructor(skb);
		skb->destructor = NULL;
	}
	skb->sk = NULL;
}

static void copy_skb_header(struct sk_buff *n, const struct sk_buff *old)
{
	n->dev = old->dev;
	n->tstamp = old->tstamp;
	memcpy(n->cb, old->cb, sizeof(old->cb));
	n->protocol = old->protocol;
	n->mac_len = old->mac_len;
	n->pkt_type = old->pkt_type;
	n->ip_summed = old->ip_summed;
	n->ignore_df = old->ignore_df;
	n->priority = old->priority;
	n->mark = old->mark;
	n->skb_iif = old->skb_iif;
	n->hash = old->hash;
	n->csum_start = old->csum_start;
	n->csum_offset = old->csum_offset;
	if (old->dst) {
		dst_hold(old->dst);
		n->dst = old->dst;
	}
}

/**
 * skb_clone - a second sk_buff sharing @skb's data (read-only for both)
 * The clone has no socket owner.  Return: the clone or NULL.
 */
struct sk_buff *skb_clone(struct sk_buff *skb, int gfp)
{
	struct sk_buff *n;

	(void)gfp;
	n = skb_head_alloc(current_stack());
	if (!n)
		return NULL;
	copy_skb_header(n, skb);
	n->head = skb->head;
	n->data = skb->data;
	n->tail = skb->tail;
	n->end = skb->end;
	n->len = skb->len;
	n->truesize = skb->truesize;
	n->mac_header = skb->mac_header;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	n->users = 1;
	n->cloned = 1;
	skb->cloned = 1;
	skb_shinfo(skb)->dataref++;
	current_stack()->live_skbs++;
	return n;
}

/* skb_copy_expand - a private copy with the given head and tail room */
struct sk_buff *skb_copy_expand(const struct sk_buff *skb, int newheadroom,
				int newtailroom, int gfp)
{
	unsigned int headroom = skb_headroom(skb);
	struct sk_buff *n;
	long delta;

	if (newheadroom < 0 || newtailroom < 0)
		return NULL;
	n = alloc_skb((unsigned int)newheadroom + skb->len +
			      (unsigned int)newtailroom,
		      gfp);
	if (!n)
		return NULL;
	skb_reserve(n, newheadroom);
	skb_put_data(n, skb->data, skb->len);
	copy_skb_header(n, skb);
	/* Header offsets move with the data. */
	delta = (long)newheadroom - (long)headroom;
	if (skb->mac_header != SKB_HDR_UNSET)
		n->mac_header = (u16)(skb->mac_header + delta);
	if (skb->network_header != SKB_HDR_UNSET)
		n->network_header = (u16)(skb->network_header + delta);
	if (skb->transport_header != SKB_HDR_UNSET)
		n->transport_header = (u16)(skb->transport_header + delta);
	n->csum_start = (u16)(skb->csum_start + delta);
	/* Bytes before data (an already pulled link header) come along. */
	if (skb->mac_header != SKB_HDR_UNSET && skb->mac_header < headroom &&
	    (long)skb->mac_header + delta >= 0) {
		unsigned int pre = headroom - skb->mac_header;

		if (pre <= (unsigned int)newheadroom)
			memcpy(n->data - pre, skb->data - pre, pre);
	}
	return n;
}

struct sk_buff *skb_copy(const struct sk_buff *skb, int gfp)
{
	return skb_copy_expand(skb, (int)skb_headroom(skb),
			       skb_tailroom(skb) > 0 ? skb_tailroom(skb) : 0,
			       gfp);
}

/**
 * pskb_expand_head - reallocate @skb's buffer with @nhead/@ntail more room
 * Makes the data private if it was shared.  Header pointers into the old
 * buffer are invalid afterwards.  Return: 0 or -ENOMEM (skb unchanged).
 */
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail, int gfp)
{
	unsigned int size, headroom = skb_headroom(skb);
	unsigned int used = (unsigned int)(skb->tail - skb->head);
	unsigned char *data;
	long off;

	(void)gfp;
	if (nhead < 0 || ntail < 0)
		return -EINVAL;
	size = SKB_DATA_ALIGN((unsigned int)(skb->end - skb->head) +
			      (unsigned int)nhead + (unsigned int)ntail);
	data = malloc(size + sizeof(struct skb_shared_info));
	if (!data)
		return -ENOMEM;
	memcpy(data + nhead, skb->head, used);
	memset(data + size, 0, sizeof(struct skb_shared_info));
	skb_release_data(skb);
	off = (long)nhead;
	skb->head = data;
	skb->data = data + off + headroom;
	skb->tail = skb->data + skb->len;
	skb->end = data + size;
	skb_shinfo(skb)->dataref = 1;
	if (skb->mac_header != SKB_HDR_UNSET)
		skb->mac_header = (u16)(skb->mac_header + off);
	if (skb->network_header != SKB_HDR_UNSET)
		skb->network_header = (u16)(skb->network_header + off);
	if (skb->transport_header != SKB_HDR_UNSET)
		skb->transport_header = (u16)(skb->transport_header + off);
	skb->csum_start = (u16)(skb->csum_start + off);
	skb->cloned = 0;
	return 0;
}

int skb_checksum_help(struct sk_buff *skb)
{
	int offset, len;
	__sum16 sum;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	offset = skb_checksum_start_offset(skb);
	len = (int)skb->len - offset;
	if (unlikely(offset < 0 || len < 0 ||
		     (unsigned int)offset + skb->csum_offset + 2 > skb->len))
		return -EINVAL;
	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return -ENOMEM;
	sum = csum_fold(csum_partial(skb->data + offset, len, 0));
	/* a computed 0 goes as all ones (RFC 768; Linux's CSUM_MANGLED_0) */
	if (!sum)
		sum = (__sum16)0xffff;
	memcpy(skb->data + offset + skb->csum_offset, &sum, sizeof(sum));
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

int skb_cow_head(struct sk_buff *skb, unsigned int headroom)
{
	int delta = 0;

	if (headroom > skb_headroom(skb))
		delta = (int)(headroom - skb_headroom(skb));
	if (delta || skb_cloned(skb))
		return pskb_expand_head(skb, ALIGN(delta, 32), 0, GFP_ATOMIC);
	return 0;
}

/* skb_unshare - make @skb's data private; consumes @skb on failure */
struct sk_buff *skb_unshare(struct sk_buff *skb, int gfp)
{
	struct sk_buff *n;

	if (!skb_cloned(skb))
		return skb;
	n = skb_copy(skb, gfp);
	consume_skb(skb);
	return n;
}

int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	if (offset < 0 || len < 0 || (unsigned int)offset + len > skb->len)
		return -EFAULT;
	memcpy(to, skb->data + offset, (size_t)len);
	return 0;
}

int skb_store_bits(struct sk_buff *skb, int offset, const void *from, int len)
{
	if (offset < 0 || len < 0 || (unsigned int)offset + len > skb->len)
		return -EFAULT;
	memcpy(skb->data + offset, from, (size_t)len);
	return 0;
}

/* ---- queues (guarded by the stack lock) ---- */

static void skb_insert_between(struct sk_buff *newsk, struct sk_buff *prev,
			       struct sk_buff *next, struct sk_buff_head *list)
{
	newsk->next = next;
	newsk->prev = prev;
	next->prev = newsk;
	prev->next = newsk;
	list->qlen++;
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	skb_insert_between(newsk, list->prev, (struct sk_buff *)(void *)list,
			   list);
}

void skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	skb_insert_between(newsk, (struct sk_buff *)(void *)list, list->next,
			   list);
}

void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	list->qlen--;
	skb->next->prev = skb->prev;
	skb->prev->next = skb->next;
	skb->next = skb->prev = NULL;
}

struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		skb_unlink(skb, list);
	return skb;
}

struct sk_buff *skb_dequeue_tail(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek_tail(list);

	if (skb)
		skb_unlink(skb, list);
	return skb;
}

void skb_queue_purge_reason(struct sk_buff_head *list,
			    enum skb_drop_reason reason)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)))
		kfree_skb_reason(skb, reason);
}
