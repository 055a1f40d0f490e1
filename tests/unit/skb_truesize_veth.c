// SPDX-License-Identifier: BSD-2-Clause
/*
 * What a TCP receiver is charged for one write over veth between two
 * namespaces (skb_truesize.c does lo), against Linux 6.18: `ss -tm`'s r
 * on the receiving end, measured with the same traffic over a veth pair
 * between two netns, TCP_NODELAY, nothing read.  veth hands the sender's
 * TSO packet over whole, so a write that went out as one packet is one
 * head (832) and its bytes; a larger one left as two packets.
 */
#include <errno.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

static void test_veth_segment_truesize(void)
{
	static const struct {
		int len, rmem;
	} t[] = {
		{ 1, 833 },	  { 100, 932 },	  { 1000, 1832 },
		{ 1448, 2280 },	  { 3000, 3832 }, { 10000, 11664 },
		{ 60000, 61664 },
	};
	static char buf[60000];
	struct tn_stack *st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	int one = 1;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		int l, c, s;

		tp_connect_pair(9720 + (int)i, &l, &c, &s);
		KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one,
				    sizeof(one)),
		      0);
		KT_EQ(tn_send(c, buf, (size_t)t[i].len, 0), t[i].len);
		tn_clock_advance(st, 300 * NSEC_PER_MSEC);
		KT_EQ(tp_sk_of(st, s)->sk_rmem_alloc, t[i].rmem);
		tn_close(c);
		tn_close(s);
		tn_close(l);
	}
	tp_teardown(st);
}

KTEST_MAIN(KT(test_veth_segment_truesize))
