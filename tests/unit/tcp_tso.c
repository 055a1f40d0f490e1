// SPDX-License-Identifier: BSD-2-Clause
/*
 * TSO super-segments between two namespaces over veth, in virtual time:
 * tcp_sendmsg() builds skbs up to the size goal in page frags,
 * tcp_write_xmit() sends as much of one as the windows allow as one TSO
 * packet, and the tcp4 GSO callback cuts it (veth here has no TSO) into
 * MSS-sized segments with consecutive sequence numbers and PSH on the last
 * one only, as Linux's wire shows.  MSG_EOR keeps the next write out of a
 * skb; SO_MAX_PACING_RATE turns on internal pacing.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <linux/ip.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

static struct tn_stack *st;
static struct tp_wire wire_a, wire_b; /* what va, vb receive */

static rx_handler_result_t wire_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	static struct tp_seg seg;

	if (!tp_seg_parse(skb, ktime_get_ns(st), &seg))
		return RX_HANDLER_PASS;
	/* each packet on the wire is one segment of at most one MSS */
	KT_EQ(skb->len, seg.ipraw[2] << 8 | seg.ipraw[3]);
	if (seg.datalen)
		tp_wire_add(&wire_b, &seg);
	return RX_HANDLER_PASS;
}

static void setup(void)
{
	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	st = tp_setup(NULL, tp_wire_rx, &wire_a, wire_rx, &wire_b);
}

static void teardown(void)
{
	tp_teardown(st);
}

static void close_pair(int l, int c, int s)
{
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

/* read exactly @n bytes from @s, all zero-based counting bytes */
static void read_all(int s, size_t n)
{
	static char buf[65536];
	size_t got = 0;

	while (got < n) {
		ssize_t r = tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT);

		if (r < 0) {
			KT_EQ(errno, EAGAIN);
			tn_clock_advance(st, NSEC_PER_MSEC);
			continue;
		}
		KT_ASSERT(r > 0);
		for (ssize_t i = 0; i < r; i++)
			KT_EQ((unsigned char)buf[i],
			      (unsigned char)((got + (size_t)i) % 251));
		got += (size_t)r;
	}
}

static void fill(char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(i % 251);
}

/* A 30000-byte write: the initial window (10 segments) leaves as two TSO
 * packets of half the cwnd each (Linux's tcp_cwnd_test keeps two GSO
 * packets in flight), cut into full segments, PSH on the fifth and tenth. */
static void test_initial_window_burst(void)
{
	static char buf[30000];
	int l, c, s, i;
	struct tcp_info ti;

	setup();
	tp_connect_pair(7000, &l, &c, &s);
	tn_clock_advance(st, NSEC_PER_MSEC);
	wire_b.nsegs = 0;
	fill(buf, sizeof(buf));
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	/* veth hands the ACKs back at once: the rest follows, as TSO
	 * packets of tcp_min_tso_segs (2) segments at this tiny RTT */
	KT_EQ(wire_b.nsegs, 21U);
	for (i = 0; i < 10; i++) {
		KT_EQ(wire_b.segs[i].datalen, 1448U);
		if (i)
			KT_EQ(wire_b.segs[i].seq,
			      wire_b.segs[i - 1].seq + 1448U);
		KT_EQ(!!(wire_b.segs[i].flags & 0x08), i == 4 || i == 9);
	}
	for (i = 10; i < 21; i++)
		KT_EQ(!!(wire_b.segs[i].flags & 0x08), i % 2 == 1 || i == 20);
	KT_EQ(wire_b.segs[20].datalen, 30000U - 20 * 1448U);
	read_all(s, sizeof(buf));
	ti = tp_info(c);
	KT_ASSERT(ti.tcpi_pacing_rate > 0 && ti.tcpi_pacing_rate != ~0ULL);
	KT_EQ(ti.tcpi_max_pacing_rate, ~0ULL);
	close_pair(l, c, s);
	teardown();
}

/* MSG_EOR: a corked write ending a record is not coalesced with the next
 * write; without MSG_EOR the two make one segment. */
static void test_msg_eor(void)
{
	static char buf[1000];
	int l, c, s;

	setup();
	tp_connect_pair(7001, &l, &c, &s);
	tn_clock_advance(st, NSEC_PER_MSEC);
	fill(buf, sizeof(buf));

	wire_b.nsegs = 0;
	KT_EQ(tn_send(c, buf, 500, MSG_MORE), 500);
	KT_EQ(wire_b.nsegs, 0U); /* corked */
	KT_EQ(tn_send(c, buf + 500, 500, 0), 500);
	KT_EQ(wire_b.nsegs, 1U);
	KT_EQ(wire_b.segs[0].datalen, 1000U);
	read_all(s, 1000);

	wire_b.nsegs = 0;
	KT_EQ(tn_send(c, buf, 500, MSG_MORE | MSG_EOR), 500);
	KT_EQ(wire_b.nsegs, 0U);
	KT_EQ(tn_send(c, buf + 500, 500, 0), 500);
	KT_EQ(wire_b.nsegs, 2U);
	KT_EQ(wire_b.segs[0].datalen, 500U);
	KT_EQ(wire_b.segs[1].datalen, 500U);
	read_all(s, 1000);
	close_pair(l, c, s);
	teardown();
}

/* SO_MAX_PACING_RATE: TCP paces itself (no fq qdisc here): segments
 * leave spaced by their length at the rate, not as one burst, except
 * the first 10 of the connection (Linux's rule, as sch_fq's). */
static void test_max_pacing_rate(void)
{
	static char buf[28960];
	unsigned int rate = 1448 * 1000; /* one segment per ms */
	unsigned int v = 0;
	socklen_t vl = sizeof(v);
	int l, c, s;
	struct tcp_info ti;

	setup();
	tp_connect_pair(7002, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, SOL_SOCKET, SO_MAX_PACING_RATE, &rate,
			    sizeof(rate)),
	      0);
	KT_EQ(tn_getsockopt(c, SOL_SOCKET, SO_MAX_PACING_RATE, &v, &vl), 0);
	KT_EQ(v, rate);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_max_pacing_rate, (u64)rate);
	KT_ASSERT(ti.tcpi_pacing_rate <= (u64)rate);
	tn_clock_advance(st, NSEC_PER_MSEC);
	wire_b.nsegs = 0;
	fill(buf, sizeof(buf));
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	/* the initial window, the first 10 segments: at once, unpaced */
	KT_EQ(wire_b.nsegs, 10U);
	KT_EQ(wire_b.segs[9].ns, wire_b.segs[0].ns);
	read_all(s, sizeof(buf));
	KT_EQ(wire_b.nsegs, 20U);
	/* then 2 segments per 2 ms (the first pair after the pause with
	 * half its time as credit): the last pair 7 ms after the first */
	KT_ASSERT(wire_b.segs[19].ns - wire_b.segs[10].ns >= 7 * NSEC_PER_MSEC);
	close_pair(l, c, s);
	teardown();
}

/*
 * tcp_grow_skb (Linux 6.10+): while the peer's window is small the MSS
 * and the size goal are half of it, so a write of one MSS fills a skb
 * and the next 300 bytes, then the FIN, go in a second one (the window
 * is full: the server's ACKs are lost).  When the window opens (the ACK
 * of the loss probe), the head takes the whole of the next skb, its FIN
 * with it: one segment of MSS + 300 bytes with FIN, as Linux 6.18 sends
 * it (tests/packetdrill/scripts/tso-grow-fin.pkt); without the merge it
 * would be two.  The frags move by reference: the bytes arrive intact,
 * sk_wmem_queued comes back to 0 once all is acked, and nothing leaks
 * (tp_teardown; the ASan build).
 */
static void test_grow_skb_takes_fin(void)
{
	static char buf[2048];
	struct sockaddr_in a = tp_addr_b(7003);
	int clamp = 1000, l, c, s, mss, queued2;
	const struct tp_seg *last;
	struct sock *sk;

	setup();
	KT_EQ(tn_netns_set("b"), 0);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(l >= 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_WINDOW_CLAMP, &clamp,
			    sizeof(clamp)),
	      0);
	KT_EQ(tn_listen(l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(c >= 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	sk = tp_sk_of(st, c);
	tn_clock_advance(st, NSEC_PER_MSEC);
	/* the window offered: 1152 (the clamp in whole 576-byte segments, as
	 * tcp_select_initial_window rounds it) and the MSS half of it */
	mss = (int)tp_info(c).tcpi_snd_mss;
	KT_EQ(mss, 576);
	/* the server may open its window further as data comes */
	clamp = 65535;
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(tn_setsockopt(s, IPPROTO_TCP, TCP_WINDOW_CLAMP, &clamp,
			    sizeof(clamp)),
	      0);
	KT_EQ(tn_netns_set(NULL), 0);

	fill(buf, sizeof(buf));
	wire_b.nsegs = 0;
	/* the window's worth, whose ACKs are lost: the window stays full */
	wire_a.drop_acks = 100;
	KT_EQ(tn_send(c, buf, 2 * mss, 0), 2 * mss);
	KT_EQ(wire_b.nsegs, 2U);
	KT_EQ(tn_send(c, buf + 2 * mss, mss, 0), mss);
	queued2 = sk->sk_wmem_queued;
	KT_EQ(tn_send(c, buf + 3 * mss, 300, 0), 300);
	KT_EQ(tn_shutdown(c, SHUT_WR), 0);
	KT_EQ(wire_b.nsegs, 2U); /* the window is full */
	KT_ASSERT(sk->sk_wmem_queued > queued2); /* a second skb */

	/* the loss probe's ACK gets through with the larger window */
	wire_a.drop_acks = 0;
	while (!(wire_b.segs[wire_b.nsegs - 1].flags & 0x01) &&
	       wire_b.nsegs < 8)
		tn_clock_advance(st, NSEC_PER_MSEC);
	last = &wire_b.segs[wire_b.nsegs - 1];
	KT_EQ(last->seq, wire_b.segs[1].seq + (u32)mss);
	KT_EQ(last->datalen, (unsigned int)mss + 300U);
	KT_EQ(last->flags & 0x09, 0x09); /* FIN, PSH */
	read_all(s, (size_t)(3 * mss + 300));
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 0);
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	KT_EQ(sk->sk_wmem_queued, 0);
	close_pair(l, c, s);
	teardown();
}

KTEST_MAIN(KT(test_initial_window_burst), KT(test_msg_eor),
	   KT(test_max_pacing_rate), KT(test_grow_skb_takes_fin))
