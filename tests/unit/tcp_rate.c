// SPDX-License-Identifier: BSD-2-Clause
/*
 * Delivery rate sampling (tcp_rate.c), the chronograph and the rest of
 * Linux 6.18's struct tcp_info, in virtual time over a veth pair:
 *  - after the handshake no rate sample (the SYN gives none) and
 *    app-limited, as Linux 6.18 reports it; a request/response stays
 *    app-limited;
 *  - a bulk transfer through "netem rate 8mbit" measures the wire rate:
 *    tcpi_delivery_rate is the payload of a frame per frame time;
 *  - a peer that does not read: the time the zero window holds data back
 *    is tcpi_rwnd_limited, to the millisecond, and busy time stops when
 *    everything is acknowledged;
 *  - RTOs: tcpi_total_rto, tcpi_total_rto_recoveries, tcpi_rehash and
 *    tcpi_total_rto_time (counting while the recovery lasts, then
 *    frozen), TcpTimeoutRehash; tcpi_rcv_wnd is the announced window.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"
#include "netem_nl.h"

#define MSEC NSEC_PER_MSEC

static struct tn_stack *st;
static bool drop_b; /* vb drops every TCP segment */

static rx_handler_result_t rx_b(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;

	if (drop_b && skb->protocol == htons(ETH_P_IP)) {
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	return RX_HANDLER_PASS;
}

static struct tcp_info_ext info(int fd)
{
	struct tcp_info_ext ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0xa5, sizeof(ti));
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	KT_EQ(len, 280);
	return ti;
}

/* tc qdisc add dev @dev root netem delay @delay_ms [rate @rate bytes/s] */
static void netem(const char *dev, unsigned int delay_ms, unsigned int rate)
{
	struct tc_netem_qopt qopt = {
		.latency = delay_ms * (1000000U >> 6), /* ticks of 64 ns */
		.limit = 10000,
	};
	struct tc_netem_rate r = { .rate = rate };
	struct th_netem_req req;

	th_netem_begin(&req, dev, &qopt);
	if (rate)
		th_netem_attr(&req, TCA_NETEM_RATE, &r, sizeof(r));
	th_netem_commit(&req);
}

static void nonblock(int fd)
{
	KT_EQ(tn_fcntl(fd, F_SETFL, tn_fcntl(fd, F_GETFL, 0) | O_NONBLOCK), 0);
}

static char buf[1 << 18];

/* the receiver @s reads all there is */
static void drain(int s)
{
	while (tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

static void done(int l, int c, int s)
{
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

static void test_handshake_and_request(void)
{
	struct tcp_info_ext ti;
	int l, c, s;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(8001, &l, &c, &s);
	/* as Linux 6.18 over veth: delivered 1 (the SYN), no sample yet,
	 * app-limited, never busy */
	ti = info(c);
	KT_EQ(ti.info.tcpi_delivered, 1);
	KT_EQ(ti.info.tcpi_delivery_rate, 0);
	KT_EQ(ti.info.tcpi_delivery_rate_app_limited, 1);
	KT_EQ(ti.info.tcpi_busy_time, 0);
	ti = info(s);
	KT_EQ(ti.info.tcpi_delivery_rate, 0);
	KT_EQ(ti.info.tcpi_delivery_rate_app_limited, 1);
	/* the window it announced, as Linux 6.18 shows it on veth */
	KT_EQ(ti.tcpi_rcv_wnd, 65160);
	KT_EQ(ti.tcpi_total_rto, 0);
	KT_EQ(ti.tcpi_received_ce, 0);
	/* 5 ms each way (without a delay the virtual RTT is 0: shorter
	 * than the minimum RTT of 1 us, no sample would be valid) */
	netem("va", 5, 0);
	KT_EQ(tn_netns_set("b"), 0);
	netem("vb", 5, 0);
	KT_EQ(tn_netns_set(NULL), 0);
	/* 5 bytes and their ACK: one segment over an RTT (10 ms),
	 * app-limited (a bubble in the pipe) */
	KT_EQ(tn_send(c, "hello", 5, 0), 5);
	tn_clock_advance(st, 300 * MSEC);
	drain(s);
	ti = info(c);
	KT_EQ(ti.info.tcpi_delivered, 2);
	KT_ASSERT(ti.info.tcpi_delivery_rate > 0);
	/* a segment over at least the RTT (the ACK may be delayed) */
	KT_ASSERT(ti.info.tcpi_delivery_rate <=
		  (u64)ti.info.tcpi_snd_mss * 100U);
	KT_EQ(ti.info.tcpi_delivery_rate_app_limited, 1);
	done(l, c, s);
}

static void test_rate_under_netem(void)
{
	struct tcp_info_ext ti;
	u64 sent = 0, expect;
	int l, c, s, i;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(8002, &l, &c, &s);
	/* 8 Mbit/s from a to b, 5 ms each way */
	netem("va", 5, 1000000);
	KT_EQ(tn_netns_set("b"), 0);
	netem("vb", 5, 0);
	KT_EQ(tn_netns_set(NULL), 0);
	nonblock(c);
	for (i = 0; i < 4000; i++) {
		ssize_t n = tn_send(c, buf, sizeof(buf), 0);

		if (n > 0)
			sent += (u64)n;
		tn_clock_advance(st, MSEC);
		drain(s);
		if (sent > (4U << 20))
			break;
	}
	ti = info(c);
	/* a frame of 1448 + 52 + 14 bytes at 1 MB/s: 1448 bytes of
	 * payload every 1.514 ms */
	expect = 1448ULL * 1000000U / 1514U;
	KT_EQ(ti.info.tcpi_snd_mss, 1448);
	KT_EQ(ti.info.tcpi_delivery_rate_app_limited, 0);
	KT_ASSERT(ti.info.tcpi_delivery_rate >= expect * 97 / 100);
	KT_ASSERT(ti.info.tcpi_delivery_rate <= expect * 103 / 100);
	/* busy all along.  netem's queue (1000 packets) lets cwnd grow past
	 * the path, and the send buffer grows with cwnd (tcp_new_space), so
	 * at times the receiver's auto-tuned window is what holds it back:
	 * under a tenth of the time (about 240 ms of 3.6 s here) */
	KT_ASSERT(ti.info.tcpi_busy_time >= (u64)(i - 20) * 1000U);
	KT_ASSERT(ti.info.tcpi_rwnd_limited < ti.info.tcpi_busy_time / 10);
	done(l, c, s);
}

static void test_rwnd_limited(void)
{
	struct tcp_info_ext a, b;
	int l, c, s, i;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(8003, &l, &c, &s);
	nonblock(c);
	/* the peer does not read: its window closes */
	for (i = 0; i < 300; i++) {
		(void)tn_send(c, buf, sizeof(buf), 0);
		tn_clock_advance(st, MSEC);
	}
	a = info(c);
	KT_EQ(a.info.tcpi_snd_wnd, 0);
	KT_ASSERT(a.info.tcpi_rwnd_limited > 0);
	KT_ASSERT(a.info.tcpi_busy_time >= a.info.tcpi_rwnd_limited);
	KT_EQ(info(s).tcpi_rcv_wnd, 0);
	/* every millisecond of the zero window counts, busy as well */
	tn_clock_advance(st, 1000 * MSEC);
	b = info(c);
	KT_EQ(b.info.tcpi_rwnd_limited - a.info.tcpi_rwnd_limited, 1000000);
	KT_EQ(b.info.tcpi_busy_time - a.info.tcpi_busy_time, 1000000);
	KT_EQ(b.info.tcpi_sndbuf_limited, 0);
	/* the peer reads everything: no longer limited, and once all is
	 * acknowledged, no longer busy */
	for (i = 0; i < 2000; i++) {
		drain(s);
		tn_clock_advance(st, MSEC);
	}
	drain(s);
	tn_clock_advance(st, 1000 * MSEC);
	a = info(c);
	KT_EQ(a.info.tcpi_unacked, 0);
	tn_clock_advance(st, 1000 * MSEC);
	b = info(c);
	KT_EQ(b.info.tcpi_busy_time, a.info.tcpi_busy_time);
	KT_EQ(b.info.tcpi_rwnd_limited, a.info.tcpi_rwnd_limited);
	done(l, c, s);
}

static void test_rto_stats(void)
{
	struct tcp_info_ext a, b;
	int l, c, s;

	st = tp_setup(NULL, NULL, NULL, rx_b, NULL);
	tp_connect_pair(8005, &l, &c, &s);
	drop_b = true;
	KT_EQ(tn_send(c, "0123456789", 10, 0), 10);
	/* the loss probe, then the RTO (200 ms, the minimum) */
	tn_clock_advance(st, 1500 * MSEC);
	a = info(c);
	KT_ASSERT(a.tcpi_total_rto >= 1);
	KT_EQ(a.tcpi_total_rto_recoveries, 1);
	KT_EQ(a.tcpi_rehash, a.tcpi_total_rto);
	KT_EQ(a.info.tcpi_ca_state, TCP_CA_Loss);
	KT_ASSERT(a.tcpi_total_rto_time > 0);
	/* still in recovery: its time goes on */
	tn_clock_advance(st, 100 * MSEC);
	b = info(c);
	if (b.tcpi_total_rto == a.tcpi_total_rto)
		KT_EQ(b.tcpi_total_rto_time, a.tcpi_total_rto_time + 100);
	KT_EQ(tp_tcpext("TcpTimeoutRehash"), (long)b.tcpi_rehash);
	/* the path heals: the next retransmission is acked, the recovery
	 * ends, its time is frozen */
	drop_b = false;
	tn_clock_advance(st, 10000 * MSEC);
	drain(s);
	a = info(c);
	KT_EQ(a.info.tcpi_ca_state, TCP_CA_Open);
	KT_EQ(a.tcpi_total_rto_recoveries, 1);
	KT_EQ(a.tcpi_rehash, a.tcpi_total_rto);
	tn_clock_advance(st, 1000 * MSEC);
	b = info(c);
	KT_EQ(b.tcpi_total_rto_time, a.tcpi_total_rto_time);
	KT_ASSERT(b.tcpi_total_rto_time >= 1500);
	done(l, c, s);
}

KTEST_MAIN(KT(test_handshake_and_request), KT(test_rate_under_netem),
	   KT(test_rwnd_limited), KT(test_rto_stats))
