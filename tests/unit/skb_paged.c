// SPDX-License-Identifier: BSD-2-Clause
/*
 * Paged skbs: a packet whose bytes are spread over the head, page frags
 * and a frag_list reads, checksums, pulls, trims, copies and segments to
 * the same bytes as a linear copy, and frees every page and skb it holds.
 */
#include "ktest.h"
#include "kstack.h"

#include <net/netdevice.h>
#include <net/skbuff.h>

static unsigned char pattern[70000];

static void fill_pattern(void)
{
	for (size_t i = 0; i < sizeof(pattern); i++)
		pattern[i] = (unsigned char)(i * 7 + (i >> 8));
}

/* @head bytes in the head, then frags of @fraglen, then a frag_list skb. */
static struct sk_buff *build(unsigned int head, unsigned int nfrags,
			     unsigned int fraglen, unsigned int listlen)
{
	struct sk_buff *skb = alloc_skb(64 + head, GFP_ATOMIC);
	unsigned int off = head, i;

	KT_ASSERT(skb);
	skb_reserve(skb, 64);
	skb_put_data(skb, pattern, head);
	for (i = 0; i < nfrags; i++) {
		struct page *page = alloc_page(GFP_ATOMIC);

		KT_ASSERT(page);
		memcpy(page->addr + 100, pattern + off, fraglen);
		skb_add_rx_frag(skb, (int)i, page, 100, (int)fraglen,
				PAGE_SIZE);
		off += fraglen;
	}
	if (listlen) {
		struct sk_buff *l = alloc_skb(listlen, GFP_ATOMIC);

		KT_ASSERT(l);
		skb_put_data(l, pattern + off, listlen);
		skb_shinfo(skb)->frag_list = l;
		skb->len += listlen;
		skb->data_len += listlen;
	}
	return skb;
}

static void check_bytes(const struct sk_buff *skb, unsigned int from)
{
	static unsigned char buf[sizeof(pattern)];

	KT_EQ(skb_copy_bits(skb, 0, buf, (int)skb->len), 0);
	KT_EQ(memcmp(buf, pattern + from, skb->len), 0);
}

static void t_copy_bits_and_checksum(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *skb = build(33, 3, 1001, 517);
	unsigned char buf[4000];
	int off, len;

	KT_EQ(skb->len, 33 + 3003 + 517);
	KT_EQ(skb_headlen(skb), 33);
	KT_ASSERT(skb_is_nonlinear(skb));
	check_bytes(skb, 0);
	/* odd offsets and lengths: the sum matches a linear one */
	for (off = 0; off < 1200; off += 37) {
		len = (int)skb->len - off - 11;
		KT_EQ(skb_checksum(skb, off, len, 0) % 0xffff,
		      csum_partial(pattern + off, len, 0) % 0xffff);
	}
	KT_EQ(skb_copy_bits(skb, 30, buf, 3500), 0);
	KT_EQ(memcmp(buf, pattern + 30, 3500), 0);
	KT_EQ(skb_copy_bits(skb, 1, buf, (int)skb->len), -EFAULT);
	memset(buf, 0xab, 100);
	KT_EQ(skb_store_bits(skb, 1020, buf, 100), 0);
	memset(pattern + 1020, 0xab, 100);
	check_bytes(skb, 0);
	fill_pattern();
	kfree_skb(skb);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

static void t_pull_trim_linearize(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *skb = build(20, 2, 700, 300);

	KT_ASSERT(pskb_may_pull(skb, 20));
	KT_ASSERT(pskb_may_pull(skb, 750)); /* into the second frag */
	KT_EQ(skb_headlen(skb), 750);
	KT_EQ(skb_shinfo(skb)->nr_frags, 1);
	check_bytes(skb, 0);
	KT_ASSERT(pskb_may_pull(skb, 1500)); /* into the frag_list */
	KT_EQ(skb_shinfo(skb)->nr_frags, 0);
	check_bytes(skb, 0);
	KT_ASSERT(!pskb_may_pull(skb, skb->len + 1));
	KT_EQ(pskb_trim(skb, 1450), 0);
	KT_EQ(skb->len, 1450);
	check_bytes(skb, 0);
	kfree_skb(skb);

	skb = build(10, 3, 500, 200);
	KT_EQ(pskb_trim(skb, 900), 0); /* in the second frag: drops the rest */
	KT_EQ(skb_shinfo(skb)->nr_frags, 2);
	KT_ASSERT(!skb_has_frag_list(skb));
	check_bytes(skb, 0);
	KT_EQ(skb_linearize(skb), 0);
	KT_ASSERT(!skb_is_nonlinear(skb));
	KT_EQ(skb->len, 900);
	check_bytes(skb, 0);
	kfree_skb(skb);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

/* A clone shares pages; writing one side's head leaves the other alone. */
static void t_clone_copy(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *skb = build(40, 2, 300, 100), *c, *p, *l;

	c = skb_clone(skb, GFP_ATOMIC);
	KT_ASSERT(c);
	KT_ASSERT(skb_cloned(skb) && skb_cloned(c));
	KT_EQ(page_count(skb_shinfo(skb)->frags[0].bv_page), 1);
	KT_EQ(skb_cow_head(c, 0), 0); /* private head: pages get refs */
	KT_ASSERT(!skb_cloned(c));
	KT_EQ(page_count(skb_shinfo(skb)->frags[0].bv_page), 2);
	c->data[0] ^= 0xff;
	check_bytes(skb, 0);
	KT_ASSERT(pskb_may_pull(c, 600)); /* pulls a shared frag_list skb */
	check_bytes(skb, 0);
	p = pskb_copy(skb, GFP_ATOMIC);
	KT_ASSERT(p);
	check_bytes(p, 0);
	l = skb_copy(skb, GFP_ATOMIC);
	KT_ASSERT(l && !skb_is_nonlinear(l));
	check_bytes(l, 0);
	kfree_skb(skb);
	check_bytes(p, 0);
	kfree_skb(p);
	kfree_skb(l);
	kfree_skb(c);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

/* skb_header_release: the payload-only user does not make the head shared */
static void t_header_release(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *skb = build(40, 1, 300, 0), *c;

	c = skb_clone(skb, GFP_ATOMIC);
	KT_ASSERT(c);
	KT_ASSERT(skb_header_cloned(skb));
	skb_header_release(c);
	KT_ASSERT(!skb_header_cloned(skb));
	KT_ASSERT(skb_cloned(skb));
	kfree_skb(c);
	KT_ASSERT(!skb_cloned(skb));
	kfree_skb(skb);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

/* skb_segment: segments of gso_size, headers copied, payload shared */
static void t_segment(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *skb = build(28 + 100, 3, 1000, 777), *segs, *s, *n;
	unsigned int off = 28, count = 0;
	int sg;

	for (sg = 0; sg < 2; sg++) {
		skb_reset_network_header(skb);
		skb_pull(skb, 28);
		skb_shinfo(skb)->gso_size = 300;
		segs = skb_segment(skb, sg ? NETIF_F_SG : 0);
		KT_ASSERT(!IS_ERR(segs));
		off = 28;
		count = 0;
		skb_list_walk_safe(segs, s, n)
		{
			unsigned char buf[400];
			unsigned int want = skb->len + 28 - off;

			if (want > 300)
				want = 300;
			KT_EQ(s->len, 28 + want);
			KT_EQ(skb_copy_bits(s, 0, buf, (int)s->len), 0);
			KT_EQ(memcmp(buf, pattern, 28), 0);
			KT_EQ(memcmp(buf + 28, pattern + off, want), 0);
			KT_EQ(skb_is_nonlinear(s), sg && off + want > 128);
			off += want;
			count++;
			s->next = NULL;
			kfree_skb(s);
		}
		KT_EQ(off, skb->len + 28);
		KT_EQ(count, (skb->len + 299) / 300);
		skb_push(skb, 28);
	}
	kfree_skb(skb);
	KT_EQ(page_live_count(), 0);
	kt_stack_done(st);
}

KTEST_MAIN(KT(fill_pattern), KT(t_copy_bits_and_checksum),
	   KT(t_pull_trim_linearize), KT(t_clone_copy), KT(t_header_release),
	   KT(t_segment))
