// SPDX-License-Identifier: BSD-2-Clause
/*
 * What TCP takes from its route and its path, between two namespaces over
 * veth in virtual time: PMTU discovery (RFC 1191: an ICMP frag-needed
 * shrinks the MSS and what no longer fits is sent again at once, DF as
 * IP_MTU_DISCOVER says), the route metrics initcwnd, initrwnd, window,
 * rto_min and quickack, slow start after idle (RFC 2861), TCP_INFO of a
 * listener, and SO_KEEPALIVE on a connected sock.  Values as Linux 6.18
 * gives them.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/rtnetlink.h>
#include <linux/tcp.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define WIRE_DF	     0x4000 /* IP_DF */
#define STATE_LISTEN 10 /* TCP_LISTEN */

static struct tn_stack *st;
static struct tp_wire wire_a, wire_b; /* received by va, by vb */

static void setup(void)
{
	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	/* a dropped segment is kept: its ICMP error quotes it */
	wire_b.keep_dropped = true;
	st = tp_setup(NULL, tp_wire_rx, &wire_a, tp_wire_rx, &wire_b);
}

static void close_pair(int l, int c, int s)
{
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

static void write_sysctl(const char *path, const char *val)
{
	int fd = tn_open(path, O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, val, strlen(val)), (ssize_t)strlen(val));
	tn_close(fd);
}

/* From b (10.0.0.2), a frag-needed about the segment @s, next hop @mtu */
static void send_frag_needed(const struct tp_seg *s, u16 mtu)
{
	u8 pkt[8 + 28];
	struct sockaddr_in to = { .sin_family = AF_INET };
	u16 sum;
	int fd;

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 3; /* ICMP_DEST_UNREACH */
	pkt[1] = 4; /* ICMP_FRAG_NEEDED */
	pkt[6] = (u8)(mtu >> 8);
	pkt[7] = (u8)mtu;
	memcpy(pkt + 8, s->ipraw, 28);
	sum = (u16)~tp_csum_fold_add(0, pkt, sizeof(pkt));
	pkt[2] = (u8)(sum >> 8);
	pkt[3] = (u8)sum;
	inet_pton(AF_INET, "10.0.0.1", &to.sin_addr);
	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_sendto(fd, pkt, sizeof(pkt), 0, KT_SA(&to), sizeof(to)),
	      (ssize_t)sizeof(pkt));
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
}

/* RFC 1191: 1460 bytes dropped on the way, frag-needed with MTU 1200:
 * sent again at once as 1160 + 300 (Linux: tcp_v4_mtu_reduced and
 * tcp_simple_retransmit), DF on every segment, the MSS 1160 - 12 */
static void test_pmtu_frag_needed(void)
{
	static char data[1448], buf[4096];
	int l, c, s, one = 1, val;
	unsigned int first, i, n = 0, got = 0;
	socklen_t len = sizeof(val);
	ssize_t r;

	setup();
	tp_connect_pair(9701, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1448);
	wire_b.drop_data = 1;
	first = wire_b.nsegs;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.nsegs, first + 1);
	KT_EQ(wire_b.segs[first].datalen, 1448);
	KT_ASSERT(wire_b.segs[first].frag_off & WIRE_DF);
	send_frag_needed(&wire_b.segs[first], 1200);
	/* at once, no clock advance: two segments, 1148 and 300 */
	for (i = first + 1; i < wire_b.nsegs; i++) {
		if (!wire_b.segs[i].datalen)
			continue;
		KT_ASSERT(wire_b.segs[i].frag_off & WIRE_DF);
		if (n == 0)
			KT_EQ(wire_b.segs[i].datalen, 1148);
		else
			KT_EQ(wire_b.segs[i].datalen, 300);
		n++;
	}
	KT_EQ(n, 2);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1148);
	KT_EQ(tp_info(c).tcpi_pmtu, 1200);
	KT_EQ(tn_getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &val, &len), 0);
	KT_EQ(val, 1148);
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	while (got < sizeof(data)) {
		r = tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		KT_ASSERT(r > 0);
		got += (unsigned int)r;
	}
	KT_EQ(got, sizeof(data));
	close_pair(l, c, s);
	tp_teardown(st);
}

/* an ICMP about a sequence not in flight is counted and ignored; with
 * IP_PMTUDISC_DONT there is no DF and a frag-needed sends nothing again
 * at once (the route learns the MTU; the RTO resends, cut to it) */
static void test_pmtu_out_of_window_and_dont(void)
{
	static char data[1448];
	int l, c, s, one = 1, dont = IP_PMTUDISC_DONT;
	unsigned int first;
	struct tp_seg old;

	setup();
	tp_connect_pair(9702, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	first = wire_b.nsegs;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	old = wire_b.segs[first];
	send_frag_needed(&old, 1200); /* acked meanwhile */
	KT_EQ(tp_tcpext("OutOfWindowIcmps"), 1);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1448);
	/* nor did the route learn it: the next segment is whole */
	first = wire_b.nsegs;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.segs[first].datalen, 1448);
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);

	KT_EQ(tn_setsockopt(c, IPPROTO_IP, IP_MTU_DISCOVER, &dont,
			    sizeof(dont)),
	      0);
	wire_b.drop_data = 1;
	first = wire_b.nsegs;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.segs[first].frag_off & WIRE_DF, 0);
	send_frag_needed(&wire_b.segs[first], 1200);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1448);
	KT_EQ(wire_b.nsegs, first + 1); /* no retransmission now */
	close_pair(l, c, s);
	tp_teardown(st);
}

/* 10.0.0.2 dev va, in the initial namespace */
static void route_metrics(const u32 *m, u32 lock)
{
	tp_route_metrics("va", "10.0.0.2", m, lock);
}

/* initcwnd 4 sets the first window; initrwnd 3 and window 20000 shape
 * the SYN's window (3 * 1448 = 4344 ... clamped by the window metric) */
static void test_route_initcwnd_initrwnd_window(void)
{
	static const u32 m1[] = { RTAX_INITCWND, 4, RTAX_INITRWND, 3, 0 };
	static const u32 m2[] = { RTAX_WINDOW, 2000, 0 };
	int l, c, s;

	setup();
	route_metrics(m1, 0);
	tp_connect_pair(9703, &l, &c, &s);
	KT_EQ(tp_info(c).tcpi_snd_cwnd, 4);
	KT_EQ(wire_b.segs[0].flags, 0x02); /* the SYN */
	KT_EQ(wire_b.segs[0].win, 3 * 1460); /* the MSS before options */
	KT_EQ(tp_info(s).tcpi_snd_cwnd, 10); /* b's route has no metric */
	close_pair(l, c, s);

	route_metrics(m2, 0);
	wire_b.nsegs = 0;
	tp_connect_pair(9704, &l, &c, &s);
	KT_EQ(tp_info(c).tcpi_snd_cwnd, 10);
	KT_EQ(wire_b.segs[0].flags, 0x02);
	KT_EQ(wire_b.segs[0].win, 1460); /* rounded down to the MSS */
	KT_EQ(tp_info(c).tcpi_rcv_wscale, 0); /* no scale for 2000 */
	KT_EQ(tp_info(s).tcpi_snd_mss, 730); /* half the window */
	close_pair(l, c, s);
	tp_teardown(st);
}

/* rto_min 1000 ms (ip route locks it): the RTO does not go below it */
static void test_route_rto_min(void)
{
	static const u32 m[] = { RTAX_RTO_MIN, 1000, 0 };
	int l, c, s;

	setup();
	tp_connect_pair(9705, &l, &c, &s);
	KT_EQ(tp_info(c).tcpi_rto, 200000);
	close_pair(l, c, s);
	route_metrics(m, 1U << RTAX_RTO_MIN);
	tp_connect_pair(9706, &l, &c, &s);
	KT_EQ(tp_info(c).tcpi_rto, 1000000);
	close_pair(l, c, s);
	tp_teardown(st);
}

/* b sends a lone segment after request/response turns: its ACK from a
 * is delayed (pingpong), unless a's route says quickack 1 */
static unsigned int lone_segment_acks(int port, bool quickack)
{
	static const u32 m[] = { RTAX_QUICKACK, 1, 0 };
	static char data[100], buf[100];
	int l, c, s, i;
	unsigned int before, i2, acks = 0;

	setup();
	if (quickack)
		route_metrics(m, 0);
	tp_connect_pair(port, &l, &c, &s);
	for (i = 0; i < 20; i++) {
		KT_EQ(tn_send(s, data, 10, 0), 10);
		KT_EQ(tn_recv(c, buf, sizeof(buf), 0), 10);
		KT_EQ(tn_send(c, data, 10, 0), 10);
		KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 10);
		tn_clock_advance(st, 50 * NSEC_PER_MSEC);
	}
	before = wire_b.nsegs;
	KT_EQ(tn_send(s, data, 10, 0), 10);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), 10);
	for (i2 = before; i2 < wire_b.nsegs; i2++)
		if (!wire_b.segs[i2].datalen)
			acks++;
	close_pair(l, c, s);
	tp_teardown(st);
	return acks;
}

static void test_route_quickack(void)
{
	KT_EQ(lone_segment_acks(9711, false), 0);
	KT_EQ(lone_segment_acks(9712, true), 1);
}

/* RFC 2861: after 2 s idle (RTO about 200 ms) the window restarts at 10;
 * with tcp_slow_start_after_idle 0 it is kept */
static void ssai_case(int on)
{
	static char data[100000], buf[65536];
	int l, c, s, one = 1;
	unsigned int got = 0, sent = 0;
	u32 cwnd;

	setup();
	write_sysctl("/proc/sys/net/ipv4/tcp_slow_start_after_idle",
		     on ? "1\n" : "0\n");
	tp_connect_pair(9708, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	while (got < sizeof(data)) {
		ssize_t r;

		if (sent < sizeof(data)) {
			r = tn_send(c, data, sizeof(data) - sent, MSG_DONTWAIT);
			if (r > 0)
				sent += (unsigned int)r;
		}
		tn_clock_advance(st, 1 * NSEC_PER_MSEC);
		r = tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (r > 0)
			got += (unsigned int)r;
	}
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	cwnd = tp_info(c).tcpi_snd_cwnd;
	KT_ASSERT(cwnd > 20);
	tn_clock_advance(st, 2 * NSEC_PER_SEC);
	KT_EQ(tp_info(c).tcpi_snd_cwnd, cwnd); /* only sending restarts */
	KT_EQ(tn_send(c, data, 1000, 0), 1000);
	if (on)
		KT_EQ(tp_info(c).tcpi_snd_cwnd, 10);
	else
		KT_EQ(tp_info(c).tcpi_snd_cwnd, cwnd);
	close_pair(l, c, s);
	tp_teardown(st);
}

static void test_slow_start_after_idle(void)
{
	ssai_case(1);
	ssai_case(0);
}

/* Linux fills state, cwnd, reordering and the backlog aliases of a
 * listener, nothing else (rto, ato, mss stay 0) */
static void test_listener_info(void)
{
	struct sockaddr_in a = tp_addr_b(9709);
	struct tcp_info ti;
	int l;

	setup();
	KT_EQ(tn_netns_set("b"), 0);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 5), 0);
	ti = tp_info(l);
	KT_EQ(ti.tcpi_state, STATE_LISTEN);
	KT_EQ(ti.tcpi_rto, 0);
	KT_EQ(ti.tcpi_ato, 0);
	KT_EQ(ti.tcpi_snd_mss, 0);
	KT_EQ(ti.tcpi_rcv_mss, 0);
	KT_EQ(ti.tcpi_unacked, 0);
	KT_EQ(ti.tcpi_sacked, 5);
	KT_EQ(ti.tcpi_snd_cwnd, 10);
	KT_EQ(ti.tcpi_reordering, 3);
	KT_EQ(ti.tcpi_pacing_rate, ~0ULL);
	KT_EQ(ti.tcpi_max_pacing_rate, ~0ULL);
	tn_close(l);
	KT_EQ(tn_netns_set(NULL), 0);
	tp_teardown(st);
}

/* SO_KEEPALIVE on an established sock arms the timer (TCP_KEEPIDLE set
 * first, which alone arms nothing): a probe after 10 s idle */
static void test_keepalive_after_connect(void)
{
	int l, c, s, one = 1, idle = 10;
	unsigned int before, i, probes = 0;

	setup();
	tp_connect_pair(9710, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)),
	      0);
	before = wire_b.nsegs;
	tn_clock_advance(st, 20 * NSEC_PER_SEC);
	KT_EQ(wire_b.nsegs, before); /* no keepalive yet */
	KT_EQ(tn_setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)), 0);
	tn_clock_advance(st, 9 * NSEC_PER_SEC);
	KT_EQ(wire_b.nsegs, before);
	tn_clock_advance(st, 2 * NSEC_PER_SEC);
	for (i = before; i < wire_b.nsegs; i++)
		if (wire_b.segs[i].flags == 0x10 && !wire_b.segs[i].datalen)
			probes++;
	KT_EQ(probes, 1);
	close_pair(l, c, s);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_pmtu_frag_needed), KT(test_pmtu_out_of_window_and_dont),
	   KT(test_route_initcwnd_initrwnd_window), KT(test_route_rto_min),
	   KT(test_route_quickack), KT(test_slow_start_after_idle),
	   KT(test_listener_info), KT(test_keepalive_after_connect))
