// SPDX-License-Identifier: BSD-2-Clause
/*
 * sk_buff allocation, cloning, freeing and queues.  Linux: net/core/skbuff.c.
 *
 * An skb is two allocations: the struct (metadata) and the data buffer with
 * struct skb_shared_info at its end.  Clones share the buffer and count it
 * in shinfo->dataref; the last one to go frees it, with the page frags and
 * the frag_list it holds references on.
 */
#include <net/dst.h>
#include <net/netdevice.h>
#include <net/skbuff.h>
#include <net/sock.h>
#include <net/stack.h>

#include "core.h"

/*
 * A small cache of freed sk_buff structs and data buffers per stack, as
 * Linux's skbuff_head_cache and page-fragment caches spare the allocator:
 * one packet through the stack otherwise costs two malloc/free pairs.
 * Buffers come in two classes (Linux's small head cache, and its 2 KiB
 * bucket that takes an Ethernet frame); bigger ones go straight to malloc.
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
static const unsigned int skb_buf_class_size[2] = {
	SKB_SMALL_HEAD_CACHE_SIZE - SKB_SHINFO_TRUESIZE +
		sizeof(struct skb_shared_info),
	2048 - SKB_SHINFO_TRUESIZE + sizeof(struct skb_shared_info),
};

/* ---- pages ---- */

static long live_pages; /* pages allocated and not yet freed (tests) */

/**
 * alloc_pages - a page of PAGE_SIZE << @order bytes, refcount 1
 * Return: the page or NULL.
 */
struct page *alloc_pages(int gfp, unsigned int order)
{
	struct page *page;

	(void)gfp;
	if (order > 5)
		return NULL;
	page = malloc(sizeof(*page) + (PAGE_SIZE << order));
	if (!page)
		return NULL;
	__atomic_store_n(&page->_refcount, 1, __ATOMIC_RELAXED);
	page->order = order;
	page->addr = (unsigned char *)(page + 1);
	__atomic_add_fetch(&live_pages, 1, __ATOMIC_RELAXED);
	return page;
}

/*
 * put_page - drop a reference; the last frees the page.  Release orders
 * this user's accesses before the drop; acquire orders the free (or the
 * frag owner's reuse, page_count()) after everyone else's.
 */
void put_page(struct page *page)
{
	if (__atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	__atomic_sub_fetch(&live_pages, 1, __ATOMIC_RELAXED);
	free(page);
}

/* page_live_count - pages not yet freed, in the whole process (tests) */
long page_live_count(void)
{
	return __atomic_load_n(&live_pages, __ATOMIC_RELAXED);
}

#define SKB_FRAG_PAGE_ORDER 3 /* 32 KiB, as Linux's */

/**
 * skb_page_frag_refill - make sure @pfrag has @sz bytes free
 * A page nobody else references any more is reused from its start (only
 * @pfrag's owner can take new references to it, so the count cannot grow
 * behind its back); otherwise a new one replaces it (a 32 KiB one when
 * @sz fits).
 * Return: true, or false when out of memory.
 */
bool skb_page_frag_refill(unsigned int sz, struct page_frag *pfrag, int gfp)
{
	if (pfrag->page) {
		if (page_count(pfrag->page) == 1) {
			pfrag->offset = 0;
			return true;
		}
		if (pfrag->offset + sz <= pfrag->size)
			return true;
		put_page(pfrag->page);
		pfrag->page = NULL;
	}
	if (sz <= (PAGE_SIZE << SKB_FRAG_PAGE_ORDER))
		pfrag->page = alloc_pages(gfp, SKB_FRAG_PAGE_ORDER);
	if (!pfrag->page && sz <= PAGE_SIZE)
		pfrag->page = alloc_page(gfp);
	if (!pfrag->page)
		return false;
	pfrag->offset = 0;
	pfrag->size = page_size(pfrag->page);
	return true;
}

static struct sk_buff *skb_head_alloc(struct tn_stack *st)
{
	struct sk_buff *skb;

	if (SKB_CACHE && st->skb_cache) {
		skb = st->skb_cache;
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
	/* the free list's link lives in the buffer's first bytes */
	memcpy(buf, &st->skb_buf_cache[c], sizeof(st->skb_buf_cache[c]));
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

/**
 * skb_head_data_size - the data area Linux gives a head asked for @size
 * bytes: its kmalloc object (small head cache, bucket or pages) less the
 * shared info at its end.  The skb gets all of it as tailroom, and
 * SKB_TRUESIZE() of it is its truesize (see skbuff.h).
 */
unsigned int skb_head_data_size(unsigned int size)
{
	unsigned int obj = SKB_DATA_ALIGN(size) + SKB_SHINFO_TRUESIZE;
	unsigned int bucket = 1024;

	if (obj <= SKB_SMALL_HEAD_CACHE_SIZE)
		return SKB_SMALL_HEAD_CACHE_SIZE - SKB_SHINFO_TRUESIZE;
	/* kmalloc-1k .. kmalloc-8k, then whole pages (a power of two) */
	while (bucket < obj)
		bucket <<= 1;
	return bucket - SKB_SHINFO_TRUESIZE;
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
	size = skb_head_data_size(size);
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
	skb->truesize = SKB_TRUESIZE(size);
	/* the frags are not read beyond nr_frags: zero up to dataref only */
	memset(skb_shinfo(skb), 0, offsetof(struct skb_shared_info, dataref));
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

static void skb_free_head(struct sk_buff *skb)
{
	skb_buf_free(current_stack(), skb->head, skb_shinfo(skb)->buf_class);
}

/* skb_release_data - drop @skb's use of the buffer; the last frees it all */
static void skb_release_data(struct sk_buff *skb)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int i;

	if (skb->cloned) {
		shinfo->dataref -=
			skb->nohdr ? (1 << SKB_DATAREF_SHIFT) + 1 : 1;
		if (shinfo->dataref)
			return;
	}
	for (i = 0; i < shinfo->nr_frags; i++)
		put_page(shinfo->frags[i].bv_page);
	if (shinfo->frag_list)
		kfree_skb_list(shinfo->frag_list);
	skb_free_head(skb);
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

/* kfree_skb_list - free every skb of a ->next list (segments, frag_list) */
void kfree_skb_list(struct sk_buff *segs)
{
	/* ->next is left alone: a frag_list skb may be shared with a copy */
	while (segs) {
		struct sk_buff *next = segs->next;

		kfree_skb(segs);
		segs = next;
	}
}

void skb_frag_list_free(struct sk_buff *list)
{
	kfree_skb_list(list);
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

static void skb_copy_gso(struct sk_buff *n, const struct sk_buff *old)
{
	skb_shinfo(n)->gso_size = skb_shinfo(old)->gso_size;
	skb_shinfo(n)->gso_segs = skb_shinfo(old)->gso_segs;
	skb_shinfo(n)->gso_type = skb_shinfo(old)->gso_type;
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
	n->peeked = 0;
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
	n->data_len = skb->data_len;
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
	if (skb_copy_bits(skb, 0, skb_put(n, skb->len), (int)skb->len)) {
		kfree_skb(n);
		return NULL;
	}
	copy_skb_header(n, skb);
	skb_copy_gso(n, skb);
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
 * pskb_copy - a private head with the paged part shared
 * The head (headers and the linear data) is copied; the frags take another
 * reference on their pages and the frag_list skbs one each (skb_get), so
 * the copy may write its headers.  Return: the copy or NULL.
 */
struct sk_buff *pskb_copy(struct sk_buff *skb, int gfp)
{
	unsigned int headroom = skb_headroom(skb), i;
	struct skb_shared_info *sh = skb_shinfo(skb);
	struct sk_buff *n, *list;

	n = alloc_skb((unsigned int)(skb->end - skb->head), gfp);
	if (!n)
		return NULL;
	skb_reserve(n, (int)headroom);
	memcpy(n->head, skb->head, headroom + skb_headlen(skb));
	skb_put(n, skb_headlen(skb));
	for (i = 0; i < sh->nr_frags; i++) {
		skb_shinfo(n)->frags[i] = sh->frags[i];
		get_page(sh->frags[i].bv_page);
	}
	skb_shinfo(n)->nr_frags = sh->nr_frags;
	skb_shinfo(n)->frag_list = sh->frag_list;
	skb_walk_frags(skb, list) skb_get(list);
	n->data_len = skb->data_len;
	n->len = skb->len;
	copy_skb_header(n, skb);
	skb_copy_gso(n, skb);
	n->mac_header = skb->mac_header;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	return n;
}

/**
 * pskb_expand_head - reallocate @skb's head with @nhead/@ntail more room
 * Makes the head private if it was shared (the frags and frag_list then
 * get references of their own).  Header pointers into the old head are
 * invalid afterwards.  Return: 0, -EINVAL or -ENOMEM (skb unchanged).
 */
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail, int gfp)
{
	unsigned int size, osize, headroom = skb_headroom(skb);
	unsigned int used = (unsigned int)(skb->tail - skb->head);
	struct skb_shared_info *sh = skb_shinfo(skb), *nsh;
	unsigned char *data;
	long off;

	(void)gfp;
	if (nhead < 0 || ntail < 0)
		return -EINVAL;
	osize = (unsigned int)(skb->end - skb->head);
	size = skb_head_data_size(osize + (unsigned int)nhead +
				  (unsigned int)ntail);
	data = malloc(size + sizeof(struct skb_shared_info));
	if (!data)
		return -ENOMEM;
	memcpy(data + nhead, skb->head, used);
	nsh = (struct skb_shared_info *)(void *)(data + size);
	memcpy(nsh, sh, offsetof(struct skb_shared_info, frags[sh->nr_frags]));
	nsh->buf_class = 0;
	if (skb_cloned(skb)) {
		struct sk_buff *list;
		unsigned int i;

		/* the old head stays with the other clones: own refs now */
		for (i = 0; i < sh->nr_frags; i++)
			get_page(sh->frags[i].bv_page);
		skb_walk_frags(skb, list) skb_get(list);
		skb_release_data(skb);
	} else {
		skb_free_head(skb);
	}
	off = (long)nhead;
	skb->head = data;
	skb->data = data + off + headroom;
	skb->tail = skb->data + skb_headlen(skb);
	skb->end = data + size;
	nsh->dataref = 1;
	if (skb->mac_header != SKB_HDR_UNSET)
		skb->mac_header = (u16)(skb->mac_header + off);
	if (skb->network_header != SKB_HDR_UNSET)
		skb->network_header = (u16)(skb->network_header + off);
	if (skb->transport_header != SKB_HDR_UNSET)
		skb->transport_header = (u16)(skb->transport_header + off);
	skb->csum_start = (u16)(skb->csum_start + off);
	skb->cloned = 0;
	skb->nohdr = 0;
	/* Linux grows the charge only of an skb no socket is charged for:
	 * a socket's accounting must give back what it took */
	if (!skb->sk || !skb->destructor)
		skb->truesize += size - osize;
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
		     (unsigned int)offset + skb->csum_offset + 2 >
			     skb_headlen(skb)))
		return -EINVAL;
	if (skb_header_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return -ENOMEM;
	sum = csum_fold(skb_checksum(skb, offset, len, 0));
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

/* ---- the paged part ---- */

/*
 * skb_walk_bytes - call @fn on each contiguous piece of [@offset, @offset +
 * @len) of @skb: the head, then each frag, then each frag_list skb (its own
 * head, frags and frag_list).  @pos is the piece's offset from @offset.
 * Stops at the first non-zero return.  The caller has checked the range.
 */
typedef int (*skb_piece_fn)(void *ctx, unsigned char *p, int n, int pos);

static int skb_walk_bytes(const struct sk_buff *skb, int offset, int len,
			  skb_piece_fn fn, void *ctx, int pos)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	int start = (int)skb_headlen(skb), copy, err;
	const struct sk_buff *list;
	unsigned int i;

	copy = start - offset;
	if (copy > 0) {
		if (copy > len)
			copy = len;
		err = fn(ctx, skb->data + offset, copy, pos);
		if (err || !(len -= copy))
			return err;
		offset += copy;
		pos += copy;
	}
	for (i = 0; i < sh->nr_frags; i++) {
		const skb_frag_t *f = &sh->frags[i];
		int end = start + (int)skb_frag_size(f);

		copy = end - offset;
		if (copy > 0) {
			if (copy > len)
				copy = len;
			err = fn(ctx,
				 (unsigned char *)skb_frag_address(f) +
					 (offset - start),
				 copy, pos);
			if (err || !(len -= copy))
				return err;
			offset += copy;
			pos += copy;
		}
		start = end;
	}
	skb_walk_frags(skb, list)
	{
		int end = start + (int)list->len;

		copy = end - offset;
		if (copy > 0) {
			if (copy > len)
				copy = len;
			err = skb_walk_bytes(list, offset - start, copy, fn,
					     ctx, pos);
			if (err || !(len -= copy))
				return err;
			offset += copy;
			pos += copy;
		}
		start = end;
	}
	return len ? -EFAULT : 0;
}

static bool skb_range_ok(const struct sk_buff *skb, int offset, int len)
{
	return offset >= 0 && len >= 0 &&
	       (unsigned int)offset + len <= skb->len;
}

static int copy_out_piece(void *ctx, unsigned char *p, int n, int pos)
{
	memcpy((unsigned char *)ctx + pos, p, (size_t)n);
	return 0;
}

static int copy_in_piece(void *ctx, unsigned char *p, int n, int pos)
{
	memcpy(p, (const unsigned char *)ctx + pos, (size_t)n);
	return 0;
}

/**
 * skb_copy_bits - copy @len bytes at @offset of the packet (head, frags
 *	and frag_list alike) to @to
 * Return: 0 or -EFAULT (range outside the packet).
 */
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	if (!skb_range_ok(skb, offset, len))
		return -EFAULT;
	if (!len)
		return 0;
	return skb_walk_bytes(skb, offset, len, copy_out_piece, to, 0);
}

/**
 * skb_store_bits - write @len bytes from @from at @offset of the packet
 * The caller makes sure the bytes are its own to write (not cloned).
 * Return: 0 or -EFAULT.
 */
int skb_store_bits(struct sk_buff *skb, int offset, const void *from, int len)
{
	if (!skb_range_ok(skb, offset, len))
		return -EFAULT;
	if (!len)
		return 0;
	return skb_walk_bytes(skb, offset, len, copy_in_piece, (void *)from, 0);
}

struct csum_ctx {
	__wsum csum;
};

static int csum_piece(void *ctx, unsigned char *p, int n, int pos)
{
	struct csum_ctx *c = ctx;

	c->csum = csum_block_add(c->csum, csum_partial(p, n, 0), pos);
	return 0;
}

/**
 * skb_checksum - the 32-bit partial sum of @len bytes at @offset, added
 *	to @csum, over the head, frags and frag_list
 * Return: the sum (@csum unchanged if the range is outside the packet).
 */
__wsum skb_checksum(const struct sk_buff *skb, int offset, int len, __wsum csum)
{
	struct csum_ctx c = { .csum = csum };

	if (!skb_range_ok(skb, offset, len))
		return csum;
	if ((unsigned int)offset + len <= skb_headlen(skb))
		return csum_partial(skb->data + offset, len, csum);
	if (len)
		skb_walk_bytes(skb, offset, len, csum_piece, &c, 0);
	return c.csum;
}

/**
 * skb_add_rx_frag - append @size bytes at @off in @page as frags[@i]
 * The skb takes over the caller's page reference; len, data_len and
 * truesize grow.
 */
void skb_add_rx_frag(struct sk_buff *skb, int i, struct page *page, int off,
		     int size, unsigned int truesize)
{
	skb_fill_page_desc(skb, i, page, off, size);
	skb->len += (unsigned int)size;
	skb->data_len += (unsigned int)size;
	skb->truesize += truesize;
}

/**
 * __pskb_pull_tail - move @delta bytes from the paged part into the head
 * The head grows (or is made private) as needed; frags and frag_list skbs
 * that were pulled whole are released.
 * Return: the new tail, or NULL (out of memory; @skb unchanged).
 */
void *__pskb_pull_tail(struct sk_buff *skb, int delta)
{
	struct skb_shared_info *sh;
	struct sk_buff *list, *insp = NULL, *clone = NULL;
	int eat, i, k;

	if (delta <= 0)
		return skb->tail;
	if ((unsigned int)delta > skb->data_len)
		return NULL;
	eat = (int)((skb->tail + delta) - skb->end);
	if (eat > 0 || skb_cloned(skb)) {
		if (pskb_expand_head(skb, 0, eat > 0 ? eat + 128 : 0,
				     GFP_ATOMIC))
			return NULL;
	}
	sh = skb_shinfo(skb);
	if (skb_copy_bits(skb, (int)skb_headlen(skb), skb->tail, delta))
		return NULL;

	if (!sh->frag_list)
		goto pull_pages;
	eat = delta;
	for (i = 0; i < sh->nr_frags; i++) {
		eat -= (int)skb_frag_size(&sh->frags[i]);
		if (eat <= 0)
			goto pull_pages;
	}
	/* the rest comes out of the frag_list */
	list = sh->frag_list;
	while (eat) {
		if ((int)list->len <= eat) {
			eat -= (int)list->len;
			list = list->next;
			insp = list;
			continue;
		}
		if (skb_shared(list)) {
			clone = skb_clone(list, GFP_ATOMIC);
			if (!clone)
				return NULL;
			insp = list->next;
			list = clone;
		} else {
			insp = list;
		}
		if (!pskb_pull(list, (unsigned int)eat)) {
			kfree_skb(clone);
			return NULL;
		}
		break;
	}
	while ((list = sh->frag_list) != insp) {
		sh->frag_list = list->next;
		consume_skb(list); /* ->next untouched: may be shared */
	}
	if (clone) {
		clone->next = list;
		sh->frag_list = clone;
	}

pull_pages:
	eat = delta;
	k = 0;
	for (i = 0; i < sh->nr_frags; i++) {
		int size = (int)skb_frag_size(&sh->frags[i]);

		if (size <= eat) {
			put_page(sh->frags[i].bv_page);
			eat -= size;
			continue;
		}
		sh->frags[k] = sh->frags[i];
		if (eat) {
			sh->frags[k].bv_offset += (unsigned int)eat;
			sh->frags[k].bv_len -= (unsigned int)eat;
			eat = 0;
		}
		k++;
	}
	sh->nr_frags = (unsigned char)k;
	skb->tail += delta;
	skb->data_len -= (unsigned int)delta;
	return skb->tail;
}

/**
 * ___pskb_trim - cut a paged @skb to @len bytes (pskb_trim's slow path)
 * Return: 0 or -ENOMEM.
 */
int ___pskb_trim(struct sk_buff *skb, unsigned int len)
{
	struct skb_shared_info *sh;
	struct sk_buff **fragp, *frag;
	unsigned int offset = skb_headlen(skb);
	int i = 0, nfrags;
	int err;

	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return -ENOMEM;
	sh = skb_shinfo(skb);
	nfrags = sh->nr_frags;
	if (offset >= len)
		goto drop_pages;
	for (; i < nfrags; i++) {
		unsigned int end = offset + skb_frag_size(&sh->frags[i]);

		if (end < len) {
			offset = end;
			continue;
		}
		sh->frags[i++].bv_len = len - offset;
drop_pages:
		sh->nr_frags = (unsigned char)i;
		for (; i < nfrags; i++)
			put_page(sh->frags[i].bv_page);
		if (sh->frag_list) {
			kfree_skb_list(sh->frag_list);
			sh->frag_list = NULL;
		}
		goto done;
	}
	for (fragp = &sh->frag_list; (frag = *fragp); fragp = &frag->next) {
		unsigned int end = offset + frag->len;

		if (skb_shared(frag)) {
			struct sk_buff *nfrag = skb_clone(frag, GFP_ATOMIC);

			if (!nfrag)
				return -ENOMEM;
			nfrag->next = frag->next;
			consume_skb(frag);
			frag = nfrag;
			*fragp = frag;
		}
		if (end < len) {
			offset = end;
			continue;
		}
		if (end > len) {
			err = pskb_trim(frag, len - offset);
			if (err)
				return err;
		}
		if (frag->next) {
			kfree_skb_list(frag->next);
			frag->next = NULL;
		}
		break;
	}
done:
	if (len > skb_headlen(skb)) {
		skb->data_len -= skb->len - len;
		skb->len = len;
	} else {
		skb->len = len;
		skb->data_len = 0;
		skb->tail = skb->data + len;
	}
	return 0;
}

/**
 * skb_cow_data - make all of @skb's data writable by its owner
 * tuxnet has no scatterlists to fill (Linux returns their count for
 * IPsec): a shared head is made private, and a paged part pulled into it,
 * so the packet is one writable run.  @tailbits bytes of tailroom are
 * made available and *@trailer is set to @skb.
 * Return: 1 (one run) or -ENOMEM.
 */
int skb_cow_data(struct sk_buff *skb, int tailbits, struct sk_buff **trailer)
{
	if (skb_is_nonlinear(skb) && skb_linearize(skb))
		return -ENOMEM;
	if (skb_cloned(skb) || skb_tailroom(skb) < tailbits) {
		int ntail = skb_tailroom(skb) < tailbits
				    ? tailbits - skb_tailroom(skb)
				    : 0;

		if (pskb_expand_head(skb, 0, ntail, GFP_ATOMIC))
			return -ENOMEM;
	}
	if (trailer)
		*trailer = skb;
	return 1;
}

/*
 * skb_shift - move the first @shiftlen bytes of @skb's paged data to the
 * end of @tgt (TCP's SACK shifting and retransmit collapsing).  Frags
 * move with their page refs; one that continues @tgt's last frag in the
 * same page is merged into it, one cut in two takes a ref of its own.
 * Return: @shiftlen, or 0 (nothing changed) when @skb has a linear part,
 * either has a frag list, a shared head cannot be made private or @tgt
 * has no frag slots left.
 */
int skb_shift(struct sk_buff *tgt, struct sk_buff *skb, int shiftlen)
{
	struct skb_shared_info *from = skb_shinfo(skb), *to;
	unsigned int todo = (unsigned int)shiftlen, rest, i = 0, j, slots = 0;
	bool merge = false;

	if (shiftlen <= 0 || todo > skb->data_len || skb_headlen(skb) ||
	    skb_has_frag_list(skb) || skb_has_frag_list(tgt))
		return 0;
	to = skb_shinfo(tgt);
	j = to->nr_frags;
	if (j && to->frags[j - 1].bv_page == from->frags[0].bv_page &&
	    to->frags[j - 1].bv_offset + to->frags[j - 1].bv_len ==
		    from->frags[0].bv_offset)
		merge = true;
	/* the slots @tgt needs, before anything changes */
	rest = todo;
	if (merge) {
		rest -= min_t(unsigned int, rest, from->frags[0].bv_len);
		i = 1;
	}
	for (; rest && i < from->nr_frags; i++) {
		rest -= min_t(unsigned int, rest, from->frags[i].bv_len);
		slots++;
	}
	if (j + slots > MAX_SKB_FRAGS)
		return 0;
	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return 0;
	if (skb_cloned(tgt) && pskb_expand_head(tgt, 0, 0, GFP_ATOMIC))
		return 0;
	from = skb_shinfo(skb);
	to = skb_shinfo(tgt);
	i = 0;
	if (merge) {
		skb_frag_t *f = &from->frags[0];
		unsigned int take = min_t(unsigned int, todo, f->bv_len);

		to->frags[j - 1].bv_len += take;
		todo -= take;
		if (take == f->bv_len) {
			put_page(f->bv_page); /* @tgt's frag holds one */
			i = 1;
		} else {
			f->bv_offset += take;
			f->bv_len -= take;
		}
	}
	while (todo) {
		skb_frag_t *f = &from->frags[i];

		to->frags[j] = *f;
		if (todo >= f->bv_len) {
			todo -= f->bv_len;
			i++;
		} else {
			get_page(f->bv_page); /* both keep a part */
			to->frags[j].bv_len = todo;
			f->bv_offset += todo;
			f->bv_len -= todo;
			todo = 0;
		}
		j++;
	}
	to->nr_frags = (unsigned char)j;
	memmove(&from->frags[0], &from->frags[i],
		(from->nr_frags - i) * sizeof(skb_frag_t));
	from->nr_frags = (unsigned char)(from->nr_frags - i);
	skb->len -= (unsigned int)shiftlen;
	skb->data_len -= (unsigned int)shiftlen;
	skb->truesize -= (unsigned int)shiftlen;
	tgt->len += (unsigned int)shiftlen;
	tgt->data_len += (unsigned int)shiftlen;
	tgt->truesize += (unsigned int)shiftlen;
	return shiftlen;
}

/*
 * skb_try_coalesce - append @from's data to @to (TCP's receive queues):
 * copied into @to's tailroom when it fits there, else @from's frags move
 * over (with refs of their own when @from is shared).  *@delta_truesize
 * is what @to's truesize grew by: the pages' share of @from, none of its
 * sk_buff and head, which go when @from is freed.  A head of @from that
 * holds data cannot be stolen here (heads are not pages): no coalescing
 * then, as Linux for a kmalloc'ed head.  *@fragstolen is always false.
 * Return: whether it was done (@from is the caller's to free).
 */
bool skb_try_coalesce(struct sk_buff *to, struct sk_buff *from,
		      bool *fragstolen, int *delta_truesize)
{
	struct skb_shared_info *to_sh, *from_sh;
	unsigned int len = from->len, base;
	int i;

	*fragstolen = false;
	*delta_truesize = 0;
	if (skb_cloned(to))
		return false;
	if (len <= (unsigned int)skb_tailroom(to)) {
		if (len && skb_copy_bits(from, 0, skb_put(to, len), (int)len))
			return false;
		return true;
	}
	to_sh = skb_shinfo(to);
	from_sh = skb_shinfo(from);
	if (to_sh->frag_list || from_sh->frag_list || skb_headlen(from))
		return false;
	if (to_sh->nr_frags + from_sh->nr_frags > MAX_SKB_FRAGS)
		return false;
	base = SKB_TRUESIZE((unsigned int)(from->end - from->head));
	*delta_truesize =
		from->truesize > base ? (int)(from->truesize - base) : 0;
	memcpy(to_sh->frags + to_sh->nr_frags, from_sh->frags,
	       from_sh->nr_frags * sizeof(skb_frag_t));
	to_sh->nr_frags = (unsigned char)(to_sh->nr_frags + from_sh->nr_frags);
	if (skb_cloned(from)) {
		/* the other users of @from's frags keep theirs */
		for (i = 0; i < from_sh->nr_frags; i++)
			get_page(from_sh->frags[i].bv_page);
	} else {
		from_sh->nr_frags = 0;
	}
	to->truesize += (unsigned int)*delta_truesize;
	to->len += len;
	to->data_len += len;
	return true;
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

/*
 * The dequeues unlink through @list itself rather than through the skb's
 * neighbours (the same pointers, skb_unlink's way): that the head moved on
 * is then plain to the static analyzer too.
 */
struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (!skb)
		return NULL;
	list->qlen--;
	list->next = skb->next;
	list->next->prev = (struct sk_buff *)(void *)list;
	skb->next = skb->prev = NULL;
	return skb;
}

struct sk_buff *skb_dequeue_tail(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek_tail(list);

	if (!skb)
		return NULL;
	list->qlen--;
	list->prev = skb->prev;
	list->prev->next = (struct sk_buff *)(void *)list;
	skb->next = skb->prev = NULL;
	return skb;
}

void skb_queue_purge_reason(struct sk_buff_head *list,
			    enum skb_drop_reason reason)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)))
		kfree_skb_reason(skb, reason);
}

/* ---- segmentation (GSO) ---- */

struct seg_ctx {
	struct sk_buff *nskb;
	const struct sk_buff *src; /* where the pieces come from */
	bool own_last; /* the segment's last frag is a page of its own */
};

/*
 * skb_segment_add - append @n bytes at @p to the segment being built: as
 * another reference on @page when @p lies in a frag of the source, else
 * copied into a page of the segment's own (bytes from a frag_list skb's
 * head, or once the frags are all used).
 */
static int skb_segment_add(struct seg_ctx *c, struct page *page,
			   unsigned char *p, int n)
{
	struct sk_buff *nskb = c->nskb;
	struct skb_shared_info *sh = skb_shinfo(nskb);

	if (page && sh->nr_frags < MAX_SKB_FRAGS - 1) {
		get_page(page);
		skb_add_rx_frag(nskb, sh->nr_frags, page, (int)(p - page->addr),
				n, (unsigned int)n);
		c->own_last = false;
		return 0;
	}
	while (n > 0) {
		skb_frag_t *last =
			sh->nr_frags ? &sh->frags[sh->nr_frags - 1] : NULL;
		int room = 0, copy;

		if (c->own_last && last)
			room = (int)(page_size(last->bv_page) -
				     last->bv_offset - last->bv_len);
		if (room > 0) {
			copy = n < room ? n : room;
			memcpy((unsigned char *)skb_frag_address(last) +
				       last->bv_len,
			       p, (size_t)copy);
			last->bv_len += (unsigned int)copy;
			nskb->len += (unsigned int)copy;
			nskb->data_len += (unsigned int)copy;
		} else {
			struct page *np;

			if (sh->nr_frags >= MAX_SKB_FRAGS)
				return -EMSGSIZE;
			np = alloc_pages(GFP_ATOMIC, 4);
			if (!np)
				return -ENOMEM;
			copy = n < (int)page_size(np) ? n : (int)page_size(np);
			memcpy(np->addr, p, (size_t)copy);
			skb_add_rx_frag(nskb, sh->nr_frags, np, 0, copy,
					page_size(np));
			c->own_last = true;
		}
		p += copy;
		n -= copy;
	}
	return 0;
}

/* Which page of @skb (a frag) holds @p, if any. */
static struct page *skb_page_of(const struct sk_buff *skb,
				const unsigned char *p)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	const struct sk_buff *list;
	unsigned int i;

	for (i = 0; i < sh->nr_frags; i++) {
		const skb_frag_t *f = &sh->frags[i];
		const unsigned char *a = skb_frag_address(f);

		if (p >= a && p < a + skb_frag_size(f))
			return f->bv_page;
	}
	skb_walk_frags(skb, list)
	{
		struct page *page = skb_page_of(list, p);

		if (page)
			return page;
	}
	return NULL;
}

static int seg_piece(void *ctx, unsigned char *p, int n, int pos)
{
	struct seg_ctx *c = ctx;

	(void)pos;
	return skb_segment_add(c, skb_page_of(c->src, p), p, n);
}

/* Where the next segment's payload starts in the source's frags. */
struct frag_cursor {
	unsigned int i; /* frag */
	unsigned int off; /* bytes of it already used */
	unsigned int pos; /* packet offset of frags[i] + off */
};

/*
 * skb_segment_frags - the common case of skb_segment() with SG: the
 * payload (@len bytes at packet offset @from) lies in the source's frags,
 * which the segments take in order, so a cursor finds each piece without
 * searching.
 */
static int skb_segment_frags(struct sk_buff *nskb, const struct sk_buff *src,
			     struct frag_cursor *cur, unsigned int from,
			     unsigned int len)
{
	const struct skb_shared_info *sh = skb_shinfo(src);

	if (cur->pos != from) /* not where the last segment ended */
		return -EINVAL;
	while (len) {
		const skb_frag_t *f;
		unsigned int take;
		struct skb_shared_info *nsh = skb_shinfo(nskb);

		if (cur->i >= sh->nr_frags || nsh->nr_frags >= MAX_SKB_FRAGS)
			return -EMSGSIZE;
		f = &sh->frags[cur->i];
		take = min_t(unsigned int, len, f->bv_len - cur->off);
		get_page(f->bv_page);
		skb_add_rx_frag(nskb, nsh->nr_frags, f->bv_page,
				(int)(f->bv_offset + cur->off), (int)take,
				take);
		cur->off += take;
		cur->pos += take;
		len -= take;
		if (cur->off == f->bv_len) {
			cur->i++;
			cur->off = 0;
		}
	}
	return 0;
}

/**
 * skb_segment - cut a GSO packet into packets of gso_size payload bytes
 * @head_skb: data at the payload to cut; the headers in front of it (from
 *	the MAC header, or the network header when there is none) are
 *	copied into every segment
 * @features: with NETIF_F_SG the segments' payload points into the pages
 *	of @head_skb (another reference each, no copy); without it every
 *	segment is linear
 *
 * Each segment starts at its headers (data at the MAC or network header)
 * with the header offsets, route, priority, mark and checksum state of
 * @head_skb; the protocol's gso_segment fixes the headers up.
 * Return: the segments linked by ->next, or ERR_PTR(-errno); @head_skb is
 *	not consumed.
 */
struct sk_buff *skb_segment(struct sk_buff *head_skb,
			    unsigned long long features)
{
	unsigned int mss = skb_shinfo(head_skb)->gso_size;
	unsigned int hstart, doffset, len = head_skb->len, offset, headroom;
	bool sg = features & NETIF_F_SG;
	struct sk_buff *segs = NULL, **tail = &segs;
	struct frag_cursor cur = { 0, 0, skb_headlen(head_skb) };
	unsigned char *hdr;
	int err;

	if (!mss)
		return ERR_PTR(-EINVAL);
	hstart = head_skb->mac_header;
	if (hstart == SKB_HDR_UNSET || head_skb->head + hstart > head_skb->data)
		hstart = head_skb->network_header;
	if (hstart == SKB_HDR_UNSET || head_skb->head + hstart > head_skb->data)
		return ERR_PTR(-EINVAL);
	hdr = head_skb->head + hstart;
	doffset = (unsigned int)(head_skb->data - hdr);
	headroom = hstart;

	for (offset = 0; offset < len;) {
		unsigned int size = min_t(unsigned int, len - offset, mss);
		unsigned int hsize = size;
		struct sk_buff *nskb;

		if (sg) {
			hsize = offset < skb_headlen(head_skb)
					? skb_headlen(head_skb) - offset
					: 0;
			if (hsize > size)
				hsize = size;
		}
		nskb = alloc_skb(headroom + doffset + hsize, GFP_ATOMIC);
		if (!nskb) {
			err = -ENOMEM;
			goto fail;
		}
		*tail = nskb;
		tail = &nskb->next;
		skb_reserve(nskb, (int)headroom);
		copy_skb_header(nskb, head_skb);
		nskb->mac_header = head_skb->mac_header;
		nskb->network_header = head_skb->network_header;
		nskb->transport_header = head_skb->transport_header;
		memcpy(skb_put(nskb, doffset), hdr, doffset);
		/* the head's part (all of it without SG) is copied */
		if (hsize && skb_copy_bits(head_skb, (int)offset,
					   skb_put(nskb, hsize), (int)hsize)) {
			err = -EFAULT;
			goto fail;
		}
		if (size > hsize && sg && !skb_has_frag_list(head_skb) &&
		    cur.pos == offset + hsize) {
			err = skb_segment_frags(nskb, head_skb, &cur,
						offset + hsize, size - hsize);
			if (err)
				goto fail;
		} else if (size > hsize) {
			struct seg_ctx c = { .nskb = nskb, .src = head_skb };

			err = skb_walk_bytes(head_skb, (int)(offset + hsize),
					     (int)(size - hsize), seg_piece, &c,
					     0);
			if (err)
				goto fail;
		}
		offset += size;
	}
	return segs;

fail:
	kfree_skb_list(segs);
	return ERR_PTR(err);
}
