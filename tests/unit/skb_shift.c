// SPDX-License-Identifier: BSD-2-Clause
/*
 * skb_shift and skb_try_coalesce, what TCP's SACK shifting, retransmit
 * collapsing and receive coalescing stand on: the bytes move in order, a
 * frag that continues the target's last one in the same page merges
 * into it, a frag cut in two takes a page ref of its own, nothing
 * changes when the target has no frag slots left, an skb with a linear
 * part is refused, and every page is freed at the end.
 */
#include "ktest.h"
#include "kstack.h"

#include <net/netdevice.h>
#include <net/skbuff.h>

static unsigned char pattern[8192];

static void fill_pattern(void)
{
	for (size_t i = 0; i < sizeof(pattern); i++)
		pattern[i] = (unsigned char)(i * 13 + (i >> 7));
}

/* an skb with no linear data and @n frags of @len bytes each: frag i
 * holds pattern[@from + i * @len ...] at offset @off of @page (or of a
 * page of its own when @page is NULL) */
static struct sk_buff *paged(struct page *page, unsigned int off,
			     unsigned int n, unsigned int len,
			     unsigned int from)
{
	struct sk_buff *skb = alloc_skb(64, GFP_ATOMIC);
	unsigned int i;

	KT_ASSERT(skb);
	skb_reserve(skb, 64);
	for (i = 0; i < n; i++) {
		struct page *p = page;
		unsigned int o = page ? off + i * len : 0;

		if (p)
			get_page(p);
		else
			p = alloc_page(GFP_ATOMIC);
		KT_ASSERT(p);
		memcpy(p->addr + o, pattern + from + i * len, len);
		skb_add_rx_frag(skb, (int)i, p, (int)o, (int)len, (int)len);
	}
	return skb;
}

/* does @skb hold pattern[@from ...]? */
static bool same(const struct sk_buff *skb, unsigned int from)
{
	static unsigned char buf[sizeof(pattern)];

	return !skb_copy_bits(skb, 0, buf, (int)skb->len) &&
	       !memcmp(buf, pattern + from, skb->len);
}

static void t_shift_merges_and_cuts(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct page *pg = alloc_page(GFP_ATOMIC);
	struct sk_buff *to, *from;
	unsigned int to_true, from_true;

	KT_ASSERT(pg);
	/* to: [0, 300) at pg+0; from: [300, 900) as 300 at pg+300 (which
	 * continues to's frag) and 300 in a page of its own */
	to = paged(pg, 0, 1, 300, 0);
	from = paged(pg, 300, 1, 300, 300);
	{
		struct page *p2 = alloc_page(GFP_ATOMIC);

		KT_ASSERT(p2);
		memcpy(p2->addr, pattern + 600, 300);
		skb_add_rx_frag(from, 1, p2, 0, 300, 300);
	}
	put_page(pg); /* the two skbs hold it */
	to_true = to->truesize;
	from_true = from->truesize;
	KT_EQ(skb_shift(to, from, 450), 450);
	KT_EQ(to->len, 750);
	KT_EQ(from->len, 150);
	KT_EQ(skb_shinfo(to)->nr_frags, 2); /* merged, then a cut piece */
	KT_EQ(skb_shinfo(to)->frags[0].bv_len, 600);
	KT_EQ(skb_shinfo(from)->nr_frags, 1);
	KT_EQ(page_count(skb_shinfo(from)->frags[0].bv_page), 2);
	KT_EQ(page_count(pg), 1); /* from's merged frag let its ref go */
	KT_EQ(to->truesize, to_true + 450);
	KT_EQ(from->truesize, from_true - 450);
	KT_ASSERT(same(to, 0));
	KT_ASSERT(same(from, 750));
	/* the rest: from empties */
	KT_EQ(skb_shift(to, from, 150), 150);
	KT_EQ(from->len, 0);
	KT_EQ(skb_shinfo(from)->nr_frags, 0);
	KT_EQ(skb_shinfo(to)->nr_frags, 2);
	KT_ASSERT(same(to, 0));
	kfree_skb(from);
	kfree_skb(to);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

static void t_shift_refused(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *to = paged(NULL, 0, MAX_SKB_FRAGS - 1, 100, 0);
	struct sk_buff *from = paged(NULL, 0, 3, 100, 1600);
	struct sk_buff *lin;

	/* two frags of from would need two slots: one is left */
	KT_EQ(skb_shift(to, from, 200), 0);
	KT_EQ(from->len, 300);
	KT_EQ(to->len, (MAX_SKB_FRAGS - 1) * 100);
	KT_EQ(skb_shift(to, from, 100), 100);
	KT_ASSERT(same(to, 0));
	KT_ASSERT(same(from, 1700));
	/* a linear part cannot move */
	lin = alloc_skb(200, GFP_ATOMIC);
	KT_ASSERT(lin);
	skb_put_data(lin, pattern, 100);
	KT_EQ(skb_shift(from, lin, 50), 0);
	kfree_skb(lin);
	kfree_skb(from);
	kfree_skb(to);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

static void t_coalesce(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *to, *from, *clone;
	bool stolen;
	int delta;

	/* a small linear one fits the tail's room: copied, no truesize */
	to = alloc_skb(1000, GFP_ATOMIC);
	KT_ASSERT(to);
	skb_put_data(to, pattern, 100);
	from = alloc_skb(100, GFP_ATOMIC);
	KT_ASSERT(from);
	skb_put_data(from, pattern + 100, 50);
	KT_ASSERT(skb_try_coalesce(to, from, &stolen, &delta));
	KT_EQ(delta, 0);
	KT_EQ(to->len, 150);
	KT_ASSERT(same(to, 0));
	kfree_skb(from);
	kfree_skb(to);

	/* paged into paged: the frags move, truesize follows the pages */
	to = paged(NULL, 0, 2, 500, 0);
	from = paged(NULL, 0, 2, 500, 1000);
	KT_ASSERT(skb_try_coalesce(to, from, &stolen, &delta));
	KT_ASSERT(!stolen);
	KT_EQ(delta, 1000);
	KT_EQ(to->len, 2000);
	KT_EQ(skb_shinfo(to)->nr_frags, 4);
	KT_EQ(skb_shinfo(from)->nr_frags, 0);
	KT_ASSERT(same(to, 0));
	kfree_skb(from);
	/* a shared target is never written */
	clone = skb_clone(to, GFP_ATOMIC);
	KT_ASSERT(clone);
	from = paged(NULL, 0, 1, 500, 2000);
	KT_ASSERT(!skb_try_coalesce(to, from, &stolen, &delta));
	kfree_skb(clone);
	/* a shared source: its frags get refs of their own */
	clone = skb_clone(from, GFP_ATOMIC);
	KT_ASSERT(clone);
	KT_ASSERT(skb_try_coalesce(to, from, &stolen, &delta));
	KT_EQ(page_count(skb_shinfo(to)->frags[4].bv_page), 2);
	KT_ASSERT(same(to, 0));
	KT_ASSERT(same(clone, 2000));
	kfree_skb(from);
	kfree_skb(clone);
	KT_ASSERT(same(to, 0));
	kfree_skb(to);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

KTEST_MAIN(KT(fill_pattern), KT(t_shift_merges_and_cuts), KT(t_shift_refused),
	   KT(t_coalesce))
