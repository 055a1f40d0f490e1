// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_skb: sk_buff operations on random fragment layouts, checked
 * against a linear copy of the bytes.  The input is a layout, then
 * operations:
 *   u8 head length (x4), u8 frags (low nibble, up to 8) and frag_list
 *   skbs (high nibble, up to 3); per frag: u8 length (x8, +1), u8 page
 *   offset (x16); per frag_list skb: u8 head length (x4), u8 frags (up to
 *   2) with a length byte each;
 *   then records u8 op, u16 arg: pull (pskb_may_pull + skb_pull), pskb_trim,
 *   skb_copy_bits, skb_linearize, skb_checksum, skb_segment (with or without
 *   SG), clone and write the clone's head, pskb_copy and write the copy,
 *   skb_copy, skb_store_bits, pskb_expand_head, skb_copy_datagram_iter,
 *   __pskb_pull_tail, skb_header_release on a clone.
 * The bytes of every result must equal the reference; at the end every
 * skb and page is freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <net/netdevice.h>
#include <net/skbuff.h>
#include <net/sock.h>
#include <net/stack.h>

#include <tuxnet/tuxnet.h>

#include "harness.h"

#define MAXLEN 40000

static unsigned char ref[MAXLEN], tmp[MAXLEN];
static unsigned int ref_len;
static unsigned char seed;

static void check(int ok, const char *what)
{
	fuzz_check(ok, "fuzz_skb", what);
}

static unsigned char next_byte(void)
{
	seed = (unsigned char)(seed * 29 + 71);
	return seed;
}

static void fill(unsigned char *p, unsigned int n)
{
	while (n--) {
		*p = next_byte();
		ref[ref_len++] = *p++;
	}
}

/* frags of @n bytes at page offset @off, appended to @skb */
static void add_frag(struct sk_buff *skb, unsigned int n, unsigned int off)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	check(page != NULL, "alloc_page");
	if (off + n > PAGE_SIZE)
		off = PAGE_SIZE - n;
	fill(page->addr + off, n);
	skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, (int)off, (int)n,
			PAGE_SIZE);
}

static void check_all(const struct sk_buff *skb, const char *what)
{
	check(skb->len == ref_len, what);
	check(skb->len >= skb->data_len, what);
	check(skb_copy_bits(skb, 0, tmp, (int)skb->len) == 0, what);
	check(memcmp(tmp, ref, ref_len) == 0, what);
}

static unsigned int folded(__wsum s)
{
	return (unsigned int)(u16)csum_fold(s);
}

static void op_segment(struct sk_buff *skb, unsigned int arg)
{
	struct sk_buff *segs, *s, *next;
	unsigned int off = 0, mss = arg % 1500 + 1;

	if (!skb->len)
		return;
	skb_reset_network_header(skb);
	skb_shinfo(skb)->gso_size = (unsigned short)mss;
	segs = skb_segment(skb, (arg & 0x8000) ? NETIF_F_SG : 0);
	skb_shinfo(skb)->gso_size = 0;
	if (IS_ERR(segs))
		return; /* out of frags for a segment: allowed */
	skb_list_walk_safe(segs, s, next)
	{
		s->next = NULL;
		check(s->len <= mss, "segment length");
		check(off + s->len <= ref_len, "segments too long");
		check(skb_copy_bits(s, 0, tmp, (int)s->len) == 0, "segment");
		check(memcmp(tmp, ref + off, s->len) == 0, "segment bytes");
		check(next == NULL || s->len == mss, "short segment");
		off += s->len;
		kfree_skb(s);
	}
	check(off == ref_len, "segments cover the packet");
}

static void op_datagram(struct sk_buff *skb, unsigned int arg)
{
	struct iovec iov[3];
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 3 };
	unsigned int a = arg % (ref_len + 1), b = (arg >> 4) % (ref_len + 1);

	if (a > b) {
		unsigned int t = a;

		a = b;
		b = t;
	}
	memset(tmp, 0, ref_len + 1);
	iov[0].iov_base = tmp;
	iov[0].iov_len = (b - a) / 3;
	iov[1].iov_base = tmp + iov[0].iov_len;
	iov[1].iov_len = (b - a) / 3;
	iov[2].iov_base = tmp + 2 * iov[0].iov_len;
	iov[2].iov_len = b - a - 2 * iov[0].iov_len;
	check(skb_copy_datagram_iter(skb, (int)a, &msg, (int)(b - a)) == 0,
	      "datagram copy");
	check(memcmp(tmp, ref + a, b - a) == 0, "datagram bytes");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tn_stack *st = fuzz_bare_stack();
	struct tn_stack_stats before, after;
	struct sk_buff *skb;
	unsigned int head, nfrags, nlist, i;
	size_t pos = 0;

#define NEXT() (pos < size ? data[pos++] : 0)
	if (size < 2)
		return 0;
	tn_stack_get_stats(st, &before);
	ref_len = 0;
	seed = data[0];
	head = NEXT() * 4U;
	i = NEXT();
	nfrags = (i & 15) % 9;
	nlist = (i >> 4) % 4;
	skb = alloc_skb(64 + head, GFP_ATOMIC);
	check(skb != NULL, "alloc_skb");
	skb_reserve(skb, 64);
	fill(skb_put(skb, head), head);
	for (i = 0; i < nfrags; i++) {
		unsigned int n = NEXT() * 8U + 1, off = NEXT() * 16U;

		add_frag(skb, n, off);
	}
	for (i = 0; i < nlist; i++) {
		unsigned int lh = NEXT() * 4U, lf = NEXT() % 3, j;
		struct sk_buff *l = alloc_skb(32 + lh, GFP_ATOMIC), **tail;
		unsigned int before_len = ref_len;

		check(l != NULL, "alloc_skb");
		skb_reserve(l, 32);
		fill(skb_put(l, lh), lh);
		for (j = 0; j < lf; j++)
			add_frag(l, NEXT() * 8U + 1, 0);
		for (tail = &skb_shinfo(skb)->frag_list; *tail;
		     tail = &(*tail)->next)
			;
		*tail = l;
		skb->len += ref_len - before_len;
		skb->data_len += ref_len - before_len;
	}
	check_all(skb, "built");

	while (pos + 3 <= size) {
		unsigned int op = data[pos] % 14;
		unsigned int arg =
			(unsigned int)(data[pos + 1] << 8 | data[pos + 2]);
		unsigned int n = ref_len ? arg % (ref_len + 1) : 0;
		struct sk_buff *c;

		pos += 3;
		switch (op) {
		case 0: /* pull */
			if (pskb_may_pull(skb, n)) {
				check(skb_headlen(skb) >= n, "may_pull");
				skb_pull(skb, n);
				memmove(ref, ref + n, ref_len - n);
				ref_len -= n;
			} else {
				check(n > skb->len, "may_pull failed");
			}
			break;
		case 1: /* trim */
			if (pskb_trim(skb, n) == 0 && n < ref_len)
				ref_len = n;
			break;
		case 2: { /* copy_bits */
			unsigned int len = (arg >> 3) % (ref_len - n + 1);

			check(skb_copy_bits(skb, (int)n, tmp, (int)len) == 0,
			      "copy_bits");
			check(memcmp(tmp, ref + n, len) == 0,
			      "copy_bits bytes");
			check(skb_copy_bits(skb, (int)n, tmp,
					    (int)(ref_len - n + 1)) == -EFAULT,
			      "copy_bits past the end");
			break;
		}
		case 3:
			if (skb_linearize(skb) == 0)
				check(!skb_is_nonlinear(skb), "linearize");
			break;
		case 4: { /* checksum */
			unsigned int len = (arg >> 2) % (ref_len - n + 1);

			check(folded(skb_checksum(skb, (int)n, (int)len, 0)) ==
				      folded(csum_partial(ref + n, (int)len,
							  0)),
			      "checksum");
			break;
		}
		case 5:
			op_segment(skb, arg);
			break;
		case 6: /* clone, make the clone's head private, write it */
			c = skb_clone(skb, GFP_ATOMIC);
			check(c != NULL, "clone");
			if (skb_cow_data(c, 0, NULL) > 0 && c->len)
				c->data[n % c->len] ^= 0x5a;
			check_all(skb, "after writing a clone");
			kfree_skb(c);
			break;
		case 7: /* pskb_copy: a private head, pages shared */
			c = pskb_copy(skb, GFP_ATOMIC);
			check(c != NULL, "pskb_copy");
			check_all(c, "pskb_copy");
			if (skb_headlen(c))
				c->data[n % skb_headlen(c)] ^= 0x5a;
			check_all(skb, "after writing a pskb_copy");
			kfree_skb(c);
			break;
		case 8:
			c = skb_copy(skb, GFP_ATOMIC);
			check(c != NULL && !skb_is_nonlinear(c), "skb_copy");
			check_all(c, "skb_copy");
			kfree_skb(c);
			break;
		case 9: { /* store_bits: the skb is the pages' only user */
			unsigned int len = (arg >> 5) % (ref_len - n + 1);

			for (i = 0; i < len; i++)
				tmp[i] = next_byte();
			check(skb_store_bits(skb, (int)n, tmp, (int)len) == 0,
			      "store_bits");
			memcpy(ref + n, tmp, len);
			break;
		}
		case 10:
			if (pskb_expand_head(skb, (int)(arg & 0xff),
					     (int)(arg >> 8), GFP_ATOMIC) == 0)
				check(!skb_cloned(skb), "expand_head");
			break;
		case 11:
			op_datagram(skb, arg);
			break;
		case 12: /* pull the tail in steps */
			if (skb->data_len)
				__pskb_pull_tail(
					skb, (int)(arg % skb->data_len + 1));
			break;
		case 13: /* a payload-only clone leaves the head writable */
			c = skb_clone(skb, GFP_ATOMIC);
			check(c != NULL, "clone");
			skb_header_release(c);
			check(!skb_header_cloned(skb), "header_release");
			check(skb_cloned(skb), "still cloned");
			kfree_skb(c);
			check(!skb_cloned(skb), "clone gone");
			break;
		}
		check_all(skb, "after an operation");
	}
	kfree_skb(skb);
	tn_stack_get_stats(st, &after);
	check(after.live_skbs == before.live_skbs, "skb leaked");
	check(page_live_count() == 0, "page leaked");
	return 0;
}
