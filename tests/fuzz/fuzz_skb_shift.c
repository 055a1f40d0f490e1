// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_skb_shift: skb_shift and skb_try_coalesce (TCP's SACK shifting,
 * retransmit collapsing and receive coalescing) between two skbs, "to"
 * and "from", whose bytes are one stream: to's, then from's.  The input:
 *   u8 to's head length (x2), u8 frags of to (up to 8), u8 frags of from
 *   (low nibble, up to 8; high nibble bit 0: from gets a head of 16
 *   bytes); per frag: u8 page (low 2 bits: one of four pages, where frags
 *   follow each other, so that they may continue one another) and u8
 *   length (x4, +1);
 *   then records u8 op, u16 arg: skb_shift of arg bytes, skb_try_coalesce
 *   (which ends from), hold or drop a clone of either.
 * Oracle: the stream's bytes never change, a shift moves exactly what it
 * returns (0: nothing changed), neither skb holds more than MAX_SKB_FRAGS
 * frags, a clone keeps its bytes, and at the end every skb and page is
 * freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/netdevice.h>
#include <net/skbuff.h>
#include <net/stack.h>

#include <tuxnet/tuxnet.h>

#include "harness.h"

#define MAXLEN 20000

static unsigned char ref[MAXLEN], tmp[MAXLEN], ctmp[MAXLEN];
static unsigned int ref_len;
static unsigned char seed;
static struct page *pool[4];
static unsigned int pool_off[4];

static void check(int ok, const char *what)
{
	fuzz_check(ok, "fuzz_skb_shift", what);
}

static void fill(unsigned char *p, unsigned int n)
{
	while (n--) {
		seed = (unsigned char)(seed * 29 + 71);
		*p = seed;
		ref[ref_len++] = *p++;
	}
}

/* a frag of @n bytes next in pool page @pg (a page of its own when full) */
static void add_frag(struct sk_buff *skb, unsigned int pg, unsigned int n)
{
	struct page *page = pool[pg];
	unsigned int off = pool_off[pg];

	if (skb_shinfo(skb)->nr_frags >= MAX_SKB_FRAGS)
		return;
	if (off + n > PAGE_SIZE) {
		page = alloc_page(GFP_ATOMIC);
		check(page != NULL, "alloc_page");
		off = 0;
	} else {
		get_page(page);
		pool_off[pg] += n;
	}
	fill(page->addr + off, n);
	skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, (int)off, (int)n,
			n);
}

/* the stream: to's bytes then from's (from may be gone) */
static void check_stream(const struct sk_buff *to, const struct sk_buff *from,
			 const char *what)
{
	unsigned int tl = to->len, fl = from ? from->len : 0;

	check(tl + fl == ref_len, what);
	check(skb_shinfo(to)->nr_frags <= MAX_SKB_FRAGS, what);
	check(!from || skb_shinfo(from)->nr_frags <= MAX_SKB_FRAGS, what);
	check(skb_copy_bits(to, 0, tmp, (int)tl) == 0, what);
	if (fl)
		check(skb_copy_bits(from, 0, tmp + tl, (int)fl) == 0, what);
	check(memcmp(tmp, ref, ref_len) == 0, what);
}

/* a clone's bytes, kept to compare later */
struct held {
	struct sk_buff *skb;
	unsigned int len;
	unsigned char *bytes;
};

static void hold(struct held *h, struct sk_buff *skb)
{
	if (h->skb || !skb)
		return;
	h->skb = skb_clone(skb, GFP_ATOMIC);
	check(h->skb != NULL, "clone");
	h->len = h->skb->len;
	h->bytes = malloc(h->len + 1);
	check(h->bytes != NULL, "malloc");
	check(skb_copy_bits(h->skb, 0, h->bytes, (int)h->len) == 0, "clone");
}

static void drop(struct held *h)
{
	if (!h->skb)
		return;
	check(h->skb->len == h->len, "clone length");
	check(skb_copy_bits(h->skb, 0, ctmp, (int)h->len) == 0, "clone");
	check(memcmp(ctmp, h->bytes, h->len) == 0, "clone bytes");
	kfree_skb(h->skb);
	free(h->bytes);
	h->skb = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tn_stack *st = fuzz_bare_stack();
	struct tn_stack_stats before, after;
	struct held held_to = { 0 }, held_from = { 0 };
	struct sk_buff *to, *from;
	unsigned int head, nto, nfrom, i;
	size_t pos = 0;

#define NEXT() (pos < size ? data[pos++] : 0)
	if (size < 3)
		return 0;
	tn_stack_get_stats(st, &before);
	ref_len = 0;
	seed = data[0];
	for (i = 0; i < 4; i++) {
		pool[i] = alloc_page(GFP_ATOMIC);
		check(pool[i] != NULL, "alloc_page");
		pool_off[i] = 0;
	}
	head = NEXT() * 2U;
	nto = NEXT() % 9;
	i = NEXT();
	nfrom = (i & 15) % 9;
	to = alloc_skb(64 + head, GFP_ATOMIC);
	check(to != NULL, "alloc_skb");
	skb_reserve(to, 64);
	fill(skb_put(to, head), head);
	for (i = 0; i < nto; i++) {
		unsigned int pg = NEXT() & 3;

		add_frag(to, pg, NEXT() * 4U + 1);
	}
	from = alloc_skb(64 + 16, GFP_ATOMIC);
	check(from != NULL, "alloc_skb");
	skb_reserve(from, 64);
	if (data[2] & 0x10)
		fill(skb_put(from, 16), 16);
	for (i = 0; i < nfrom; i++) {
		unsigned int pg = NEXT() & 3;

		add_frag(from, pg, NEXT() * 4U + 1);
	}
	for (i = 0; i < 4; i++)
		put_page(pool[i]); /* the frags hold what they use */
	check_stream(to, from, "built");

	while (pos + 3 <= size) {
		unsigned int op = data[pos] % 6;
		unsigned int arg =
			(unsigned int)(data[pos + 1] << 8 | data[pos + 2]);

		pos += 3;
		switch (op) {
		case 0: { /* shift */
			unsigned int n = from ? arg % (from->len + 2) : 0;
			unsigned int tl = to->len, fl = from ? from->len : 0;
			int r;

			if (!from)
				break;
			r = skb_shift(to, from, (int)n);
			check(r == 0 || r == (int)n, "shift returns");
			check(to->len == tl + (unsigned int)r &&
				      from->len == fl - (unsigned int)r,
			      "shift lengths");
			check(r == 0 || !skb_headlen(from), "shifted a head");
			break;
		}
		case 1: { /* coalesce: from is done with */
			bool stolen;
			int delta;

			if (!from)
				break;
			if (skb_try_coalesce(to, from, &stolen, &delta)) {
				check(!stolen && delta >= 0, "coalesce");
				kfree_skb(from);
				from = NULL;
				check_stream(to, NULL, "after coalescing");
				continue;
			}
			break;
		}
		case 2:
			hold(&held_to, to);
			break;
		case 3:
			hold(&held_from, from);
			break;
		case 4:
			drop(&held_to);
			break;
		case 5:
			drop(&held_from);
			break;
		}
		check_stream(to, from, "after an operation");
	}
	drop(&held_to);
	drop(&held_from);
	kfree_skb(to);
	if (from)
		kfree_skb(from);
	tn_stack_get_stats(st, &after);
	check(after.live_skbs == before.live_skbs, "skb leaked");
	check(page_live_count() == 0, "page leaked");
	return 0;
}
