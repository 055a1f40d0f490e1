// SPDX-License-Identifier: BSD-2-Clause
/*
 * Receive-side coalescing (Linux's tcp_try_coalesce), between two
 * namespaces over veth in virtual time: in-order segments join the
 * receive queue's tail skb, and segments that continue an out-of-order
 * skb join it.  Each join counts in TcpExt TCPRcvCoalesce, and the
 * receive memory grows by the payload only, not by an skb per segment.
 *
 * The in-order figures are Linux 6.18's for the same exchange over veth
 * between two netns (a client with TCP_NODELAY writing N messages 1 ms
 * apart, the server reading only after the last; nstat -az and ss -tm in
 * the server's namespace): 10 writes of 100 bytes give TCPRcvCoalesce 9
 * and skmem r1832 (the first skb's 932 and 100 per later segment), 15
 * writes of 1000 bytes give 14 and r15832.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define NSEC_PER_MSEC 1000000ULL

static struct tn_stack *st;

static long coalesced_in_b(void)
{
	long v;

	KT_EQ(tn_netns_set("b"), 0);
	v = tp_tcpext("TCPRcvCoalesce");
	KT_EQ(tn_netns_set(NULL), 0);
	return v;
}

static int rmem_of(int fd)
{
	struct sock *sk = tp_sk_of(st, fd);
	int v;

	stack_enter(st);
	v = sk->sk_rmem_alloc;
	stack_exit(st);
	return v;
}

static int rcvq_skbs(int fd)
{
	struct sock *sk = tp_sk_of(st, fd);
	int n;

	stack_enter(st);
	n = (int)skb_queue_len(&sk->sk_receive_queue);
	stack_exit(st);
	return n;
}

/* @n writes of @size bytes, 1 ms apart, as Linux's exchange; then the
 * server reads them all and must see every byte in order */
static void exchange(int n, int size, long want_coalesced)
{
	char buf[2000], in[32768];
	int l, c, s, one = 1, i, first_rmem = 0;
	long before;
	ssize_t got = 0, r;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(8000, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	before = coalesced_in_b();
	for (i = 0; i < n; i++) {
		memset(buf, 'a' + i % 26, (size_t)size);
		KT_EQ(tn_write(c, buf, (size_t)size), (ssize_t)size);
		tn_clock_advance(st, 1 * NSEC_PER_MSEC);
		if (i == 0)
			first_rmem = rmem_of(s);
	}
	KT_EQ(coalesced_in_b() - before, want_coalesced);
	/* one skb holds it all: its overhead once, then the payload */
	KT_EQ(rcvq_skbs(s), 1);
	KT_EQ(rmem_of(s), first_rmem + (n - 1) * size);
	while (got < (ssize_t)n * size) {
		r = tn_read(s, in + got, sizeof(in) - (size_t)got);
		KT_ASSERT(r > 0);
		got += r;
	}
	KT_EQ(got, (ssize_t)n * size);
	for (i = 0; i < n * size; i++)
		if (in[i] != 'a' + (i / size) % 26)
			break;
	KT_EQ(i, n * size);
	KT_EQ(rmem_of(s), 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

static void test_small_writes_coalesce(void)
{
	exchange(10, 100, 9);
}

static void test_full_segments_coalesce(void)
{
	exchange(15, 1000, 14);
}

/* what vb lets through: the first data segment is dropped once */
static struct tp_wire wire_b;

/*
 * Out of order: the first segment lost, the next four arrive and join
 * one out-of-order skb (three joins: with TSO off at the sender they are
 * GSO's fresh skbs, not clones of the sender's).  The retransmission, a
 * clone of the skb the sender still holds, fills the hole; the
 * out-of-order skb cannot join it (skb_try_coalesce never writes into a
 * shared skb) and follows it in the receive queue: two skbs.
 */
static void test_out_of_order_coalesce(void)
{
	char buf[1000], in[8000];
	int l, c, s, one = 1, i;
	long before;
	ssize_t got = 0, r;
	struct sock *sk;

	memset(&wire_b, 0, sizeof(wire_b));
	st = tp_setup(NULL, NULL, NULL, tp_wire_rx, &wire_b);
	tp_connect_pair(8000, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	before = coalesced_in_b();
	wire_b.drop_data = 1;
	for (i = 0; i < 5; i++) {
		memset(buf, 'a' + i, sizeof(buf));
		KT_EQ(tn_write(c, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	}
	tn_clock_advance(st, 1 * NSEC_PER_MSEC);
	sk = tp_sk_of(st, s);
	stack_enter(st);
	KT_EQ(skb_queue_len(&tcp_sk(sk)->out_of_order_queue), 0);
	stack_exit(st);
	KT_EQ(rcvq_skbs(s), 2);
	KT_EQ(coalesced_in_b() - before, 3);
	while (got < 5000) {
		r = tn_read(s, in + got, sizeof(in) - (size_t)got);
		KT_ASSERT(r > 0);
		got += r;
	}
	for (i = 0; i < 5000; i++)
		if (in[i] != 'a' + i / 1000)
			break;
	KT_EQ(i, 5000);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_small_writes_coalesce), KT(test_full_segments_coalesce),
	   KT(test_out_of_order_coalesce));
