// SPDX-License-Identifier: BSD-2-Clause
/*
 * What an skb is charged to a socket (its truesize), against Linux 6.18 on
 * x86-64.  Every expected value below was measured on that kernel with
 * `ss -m` (skmem r) and /proc/net/snmp, in a fresh network namespace over
 * lo: one datagram or one TCP write (TCP_NODELAY) at a time, the receiver
 * not reading.
 */
#include <errno.h>

#include "ktest.h"
#include "kstack.h"

#include <net/sock.h>
#include <net/stack.h>
#include <net/tcp.h>

#define PORT 9710

static int rmem_of(struct tn_stack *st, int fd)
{
	int rmem;

	stack_enter(st);
	rmem = sock_from_file(fdget(fd))->sk->sk_rmem_alloc;
	stack_exit(st);
	return rmem;
}

/* The formula alone: Linux's head sizes for a few requests. */
static void test_alloc_skb_truesize(void)
{
	static const struct {
		unsigned int size, truesize, tailroom;
	} t[] = {
		{ 0, 832, 256 }, /* skb_small_head_cache: 576 */
		{ 256, 832, 256 },	 { 257, 1280, 704 }, /* kmalloc-1k */
		{ 704, 1280, 704 },	 { 705, 2304, 1728 },
		{ 1728, 2304, 1728 },	 { 1729, 4352, 3776 },
		{ 7872, 8448, 7872 },	 { 7873, 16640, 16064 }, /* pages */
		{ 16064, 16640, 16064 }, { 65536, 131328, 130752 },
	};
	struct tn_stack *st = kt_stack_lo_up();
	unsigned int i;

	stack_enter(st);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		struct sk_buff *skb = alloc_skb(t[i].size, 0);

		KT_ASSERT(skb);
		KT_EQ(skb->truesize, t[i].truesize);
		KT_EQ((unsigned int)skb_tailroom(skb), t[i].tailroom);
		kfree_skb(skb);
	}
	stack_exit(st);
	kt_stack_done(st);
}

/*
 * pskb_expand_head grows the charge of an skb nobody is charged for, by
 * what its data area grew (Linux: truesize += new size - old size).
 */
static void test_expand_head_truesize(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sk_buff *skb;

	stack_enter(st);
	skb = alloc_skb(100, 0);
	KT_ASSERT(skb);
	skb_put(skb, 100);
	KT_EQ(pskb_expand_head(skb, 64, 400, 0), 0);
	/* 256 + 64 + 400 = 720: kmalloc-2k, 1728 of data */
	KT_EQ(skb->truesize, 2304U);
	KT_EQ((unsigned int)(skb->end - skb->head), 1728U);
	kfree_skb(skb);
	stack_exit(st);
	kt_stack_done(st);
}

/* One UDP datagram of each size over lo: the receiver's rmem (ss's r). */
static void test_udp_datagram_truesize(void)
{
	static const struct {
		int len, rmem;
	} t[] = {
		{ 1, 832 },	  { 150, 832 },	    { 152, 832 },
		{ 200, 1280 },	  { 1400, 2304 },   { 1700, 4352 },
		{ 3700, 4352 },	  { 3800, 8448 },   { 7000, 8448 },
		{ 8000, 16640 },  { 16000, 16640 }, { 16020, 16852 },
		{ 20000, 20832 }, { 60000, 60832 }, { 65507, 66339 },
	};
	static char buf[65536];
	struct tn_stack *st = kt_stack_lo_up();
	int rx, tx, big = 1 << 20;
	unsigned int i;

	kt_udp_pair(PORT, &rx, &tx);
	KT_EQ(tn_setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)), 0);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		KT_EQ(tn_send(tx, buf, (size_t)t[i].len, 0), t[i].len);
		KT_EQ(rmem_of(st, rx), t[i].rmem);
		KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT), t[i].len);
		KT_EQ(rmem_of(st, rx), 0);
	}
	tn_close(rx);
	tn_close(tx);
	kt_stack_done(st);
}

/*
 * How many of 100 datagrams a receive buffer takes (SO_RCVBUF, doubled):
 * Linux 6.18 queues one while its truesize fits what is left, and always
 * the first into an empty queue; the rest are RcvbufErrors.
 */
static void test_udp_rcvbuf_fill(void)
{
	static const struct {
		int rcvbuf, len, queued, rmem;
	} t[] = {
		{ 4096, 100, 9, 7488 },	     { 4096, 1000, 3, 6912 },
		{ 16384, 1, 39, 32448 },     { 16384, 1400, 14, 32256 },
		{ 65536, 5000, 15, 126720 }, { 2304, 1, 5, 4160 },
		{ 0, 1, 2, 1664 },	     { 0, 3000, 1, 4352 },
		{ 0, 1400, 1, 2304 },	     { 2304, 1500, 2, 4608 },
	};
	static char buf[8192];
	struct tn_stack *st = kt_stack_lo_up();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		int rx, tx, n, got = 0;

		kt_udp_pair(PORT + 1 + (int)i, &rx, &tx);
		KT_EQ(tn_setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &t[i].rcvbuf,
				    sizeof(int)),
		      0);
		for (n = 0; n < 100; n++)
			KT_EQ(tn_send(tx, buf, (size_t)t[i].len, 0), t[i].len);
		KT_EQ(rmem_of(st, rx), t[i].rmem);
		while (tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
			got++;
		KT_EQ(got, t[i].queued);
		tn_close(rx);
		tn_close(tx);
	}
	kt_stack_done(st);
}

/*
 * A raw socket takes a packet while what it holds is under its buffer
 * (Linux's __sock_queue_rcv_skb), so the last one in may take it past:
 * five echo requests to 127.0.0.1 and their replies, each charged 832,
 * into the smallest buffer (2304): Linux 6.18 queues three.
 */
static void test_raw_rcvbuf(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in a = kt_lo_addr(0);
	int r = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	int s = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	int zero = 0, i, n = 0;
	char buf[2000];

	KT_ASSERT(r >= 0 && s >= 0);
	KT_EQ(tn_setsockopt(r, SOL_SOCKET, SO_RCVBUF, &zero, sizeof(zero)), 0);
	for (i = 0; i < 5; i++) {
		unsigned char m[64] = { 8, 0, 0, 0, 0, 1, 0, (unsigned char)i };
		unsigned int sum = 0, k;

		for (k = 0; k < sizeof(m); k += 2)
			sum += (unsigned int)(m[k] << 8 | m[k + 1]);
		sum = (sum >> 16) + (sum & 0xffff);
		sum = ~(sum + (sum >> 16)) & 0xffff;
		m[2] = (unsigned char)(sum >> 8);
		m[3] = (unsigned char)sum;
		KT_EQ(tn_sendto(s, m, sizeof(m), 0, KT_SA(&a), sizeof(a)),
		      (ssize_t)sizeof(m));
	}
	while (tn_recv(r, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		n++;
	KT_EQ(n, 3);
	tn_close(r);
	tn_close(s);
	kt_stack_done(st);
}

/* One TCP write of each size: the receiver's rmem, the sender's head. */
static void test_tcp_segment_truesize(void)
{
	static const int len[] = { 1, 100, 1000, 1448, 3000, 10000, 30000 };
	static char buf[30000];
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in a = kt_lo_addr(PORT);
	int l = tn_socket(AF_INET, SOCK_STREAM, 0), one = 1;
	unsigned int i;

	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 8), 0);
	for (i = 0; i < ARRAY_SIZE(len); i++) {
		int c = tn_socket(AF_INET, SOCK_STREAM, 0), s;

		KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
		s = tn_accept(l, NULL, NULL);
		KT_ASSERT(s >= 0);
		KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one,
				    sizeof(one)),
		      0);
		KT_EQ(tn_send(c, buf, (size_t)len[i], 0), len[i]);
		KT_EQ(rmem_of(st, s), 832 + len[i]);
		tn_close(c);
		tn_close(s);
	}
	tn_close(l);
	tn_clock_advance(st, 200ULL * NSEC_PER_SEC);
	kt_stack_done(st);
}

/*
 * Several writes, read by nobody: Linux coalesces each segment into the
 * first (its page frags move over, its head goes), so the queue is
 * charged one head and the bytes.
 */
static void test_tcp_coalesced_truesize(void)
{
	static const struct {
		int len, writes, rmem;
	} t[] = {
		{ 10, 3, 862 },	   { 40, 3, 952 },     { 100, 3, 1132 },
		{ 1000, 3, 3832 }, { 3000, 5, 15832 },
	};
	static char buf[4096];
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in a = kt_lo_addr(PORT);
	int l = tn_socket(AF_INET, SOCK_STREAM, 0), one = 1;
	unsigned int i;

	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 8), 0);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		int c = tn_socket(AF_INET, SOCK_STREAM, 0), s, k;

		KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
		s = tn_accept(l, NULL, NULL);
		KT_ASSERT(s >= 0);
		KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one,
				    sizeof(one)),
		      0);
		for (k = 0; k < t[i].writes; k++) {
			KT_EQ(tn_send(c, buf, (size_t)t[i].len, 0), t[i].len);
			tn_clock_advance(st, 20 * NSEC_PER_MSEC);
		}
		KT_EQ(rmem_of(st, s), t[i].rmem);
		tn_close(c);
		tn_close(s);
	}
	tn_close(l);
	tn_clock_advance(st, 200ULL * NSEC_PER_SEC);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_alloc_skb_truesize), KT(test_expand_head_truesize),
	   KT(test_udp_datagram_truesize), KT(test_udp_rcvbuf_fill),
	   KT(test_raw_rcvbuf), KT(test_tcp_segment_truesize),
	   KT(test_tcp_coalesced_truesize))
