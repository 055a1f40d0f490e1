// SPDX-License-Identifier: BSD-2-Clause
/*
 * MTU probing (RFC 4821, tcp_mtu_probing) over a path MTU blackhole, in
 * virtual time: the client (10.0.0.1) sends to b (10.0.0.2) over veth;
 * b advertises MSS 1460, but what reaches vb longer than the path MTU
 * vanishes without an ICMP (as behind a router whose far link is smaller
 * and whose frag-needed errors are filtered).  With tcp_mtu_probing 0 the
 * transfer stalls; with 1 the RTO blackhole detection drops the MSS to
 * tcp_base_mss (halving it on each further timeout) and the transfer
 * completes; with 2 the client starts at tcp_base_mss and probes up to
 * the path MTU.  The sizes, counters and TCP_INFO values are the ones
 * Linux 6.18 gives over veth between three namespaces (a, router, b with
 * its link MTU at 1200 or 600).
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

#define NLENS 8192

/* what vb sees of the client's data: each segment's length, negative
 * when the blackhole ate it */
struct hole {
	unsigned int path_mtu;
	int lens[NLENS];
	unsigned int n;
	unsigned int dropped;
};

static struct tn_stack *st;
static struct hole hole;

static rx_handler_result_t hole_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct hole *h = skb->dev->rx_handler_data;
	u8 hdr[60];
	const struct iphdr *iph = (const struct iphdr *)(void *)hdr;
	unsigned int len, datalen;

	if (skb->protocol != htons(ETH_P_IP) || skb->len < 40 ||
	    skb_copy_bits(skb, 0, hdr, 40) < 0 || iph->protocol != IPPROTO_TCP)
		return RX_HANDLER_PASS;
	len = ntohs(iph->tot_len);
	datalen = len - iph->ihl * 4U - (hdr[iph->ihl * 4U + 12] >> 4) * 4U;
	if (len > h->path_mtu) {
		h->dropped++;
		if (datalen && h->n < NLENS)
			h->lens[h->n++] = -(int)datalen;
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	if (datalen && h->n < NLENS)
		h->lens[h->n++] = (int)datalen;
	return RX_HANDLER_PASS;
}

static void write_sysctl(const char *path, const char *val)
{
	int fd = tn_open(path, O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, val, strlen(val)), (ssize_t)strlen(val));
	tn_close(fd);
}

static void setup(const char *mode, unsigned int path_mtu)
{
	memset(&hole, 0, sizeof(hole));
	hole.path_mtu = path_mtu;
	st = tp_setup(NULL, NULL, NULL, hole_rx, &hole);
	write_sysctl("/proc/sys/net/ipv4/tcp_mtu_probing", mode);
}

/* send @total bytes from @c to @s for at most @limit_ms of virtual time;
 * returns what arrived */
static unsigned int transfer(int c, int s, unsigned int total,
			     unsigned int limit_ms)
{
	static char data[65536], buf[65536];
	unsigned int sent = 0, got = 0, t;

	for (t = 0; t < limit_ms && got < total; t++) {
		ssize_t r;

		while (sent < total) {
			size_t n = min_t(size_t, sizeof(data), total - sent);

			r = tn_send(c, data, n, MSG_DONTWAIT);
			if (r <= 0)
				break;
			sent += (unsigned int)r;
		}
		tn_clock_advance(st, 1 * NSEC_PER_MSEC);
		while ((r = tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
			got += (unsigned int)r;
	}
	return got;
}

/* the client ends with a RST (SO_LINGER 0): nothing left to time out */
static void close_all(int l, int c, int s)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	KT_EQ(tn_setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

static int abs_len(unsigned int i)
{
	return hole.lens[i] < 0 ? -hole.lens[i] : hole.lens[i];
}

/* the probes from segment @from on: segments longer than any delivered
 * before them (from @base: the MSS known to pass).  A probe that passes
 * raises that MSS; one that is lost does not, and what it carried goes
 * again at the MSS.  (A probe need not sit between segments of the MSS:
 * the next probe may follow it at once.) */
static unsigned int probes(unsigned int from, int base, int *out,
			   unsigned int max)
{
	unsigned int i, k = 0;
	int mss = base;

	for (i = from; i < hole.n && k < max; i++) {
		if (abs_len(i) > mss)
			out[k++] = abs_len(i);
		if (hole.lens[i] > mss)
			mss = hole.lens[i];
	}
	return k;
}

/* tcp_mtu_probing 0: full-sized segments die until the connection would
 * time out; nothing changes the MSS (Linux: 6 RTOs in 20 s, mss 1448) */
static void test_mode0_stalls(void)
{
	int l, c, s;
	unsigned int got;

	setup("0\n", 1200);
	tp_connect_pair(9801, &l, &c, &s);
	got = transfer(c, s, 1000000, 20000);
	KT_EQ(got, 0);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1448);
	KT_EQ(tp_info(c).tcpi_pmtu, 1500);
	KT_EQ(tp_info(c).tcpi_snd_cwnd, 1);
	KT_EQ(tp_tcpext("TCPTimeouts"), 6);
	KT_EQ(tp_tcpext("TCPMTUPFail"), 0);
	KT_EQ(tp_tcpext("TCPMTUPSuccess"), 0);
	KT_ASSERT(hole.dropped > 0);
	close_all(l, c, s);
	tp_teardown(st);
}

/*
 * tcp_mtu_probing 1: the RTOs resend 1448 bytes until tcp_retries1's
 * 3 s have passed since the first retransmission (the 5th RTO, 6.2 s
 * in); then probing is on and the MSS tcp_base_mss, 1024, passes.  From
 * there it probes up as mode 2 does, and the transfer completes.  Linux
 * 6.18 (4 MB): TCPTimeouts 5, TCPMTUPFail 3, TCPMTUPSuccess 3, MSS 1147;
 * its first probe may go while the RTO recovery still has a hole, be
 * resent in recovery and so count neither way (__tcp_retransmit_skb()
 * makes it inconclusive), a matter of timing.
 */
static void test_mode1_blackhole_recovers(void)
{
	static const int want[] = { 1236, 1129, 1182, 1155, 1141, 1147 };
	int l, c, s, sizes[16];
	unsigned int got, i, k;

	setup("1\n", 1200);
	tp_connect_pair(9802, &l, &c, &s);
	got = transfer(c, s, 1000000, 60000);
	KT_EQ(got, 1000000);
	/* the first flight: 10 + the loss probe, then 4 RTOs of 1448 */
	for (i = 0; i < 15; i++)
		KT_EQ(hole.lens[i], -1448);
	KT_EQ(hole.lens[15], 1024);
	KT_EQ(tp_tcpext("TCPTimeouts"), 5);
	k = probes(16, 1024, sizes, 16);
	KT_EQ(k, ARRAY_SIZE(want));
	for (i = 0; i < k && i < ARRAY_SIZE(want); i++)
		KT_EQ(sizes[i], want[i]);
	KT_EQ(tp_tcpext("TCPMTUPFail"), 3);
	KT_EQ(tp_tcpext("TCPMTUPSuccess"), 3);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1147);
	KT_EQ(tp_info(c).tcpi_pmtu, 1500);
	close_all(l, c, s);
	tp_teardown(st);
}

/*
 * tcp_mtu_probing 1, a path of 600: 1024 dies too, so the next timeout
 * halves the MSS known to pass: 1024 / 2 = 512 (tcp_base_mss caps it,
 * tcp_mtu_probe_floor floors it), and 512 + 52 fits.  The probes then
 * search 564..1500: 980, 745, 628, 569 lost, 540 passes, 554 lost, 546
 * passes.  Linux 6.18 (2 MB): TCPTimeouts 6, TCPMTUPFail 5,
 * TCPMTUPSuccess 2, MSS 546.
 */
static void test_mode1_halves(void)
{
	int l, c, s;
	unsigned int got, i;

	setup("1\n", 600);
	tp_connect_pair(9803, &l, &c, &s);
	got = transfer(c, s, 200000, 60000);
	KT_EQ(got, 200000);
	for (i = 0; i < 15; i++)
		KT_EQ(hole.lens[i], -1448);
	KT_EQ(hole.lens[15], -1024);
	KT_EQ(hole.lens[16], 512);
	KT_EQ(tp_tcpext("TCPTimeouts"), 6);
	KT_EQ(tp_tcpext("TCPMTUPFail"), 5);
	KT_EQ(tp_tcpext("TCPMTUPSuccess"), 2);
	KT_EQ(tp_info(c).tcpi_snd_mss, 546);
	close_all(l, c, s);
	tp_teardown(st);
}

/*
 * tcp_mtu_probing 2: the client starts at tcp_base_mss (1024) and, with a
 * cwnd of 11, searches between 1076 and 1500: probes of 1236 (lost: the
 * next segments are SACKed, it goes again as 1024 + 212), 1129 (passes),
 * 1182 and 1155 (lost), 1141 and 1147 (pass); then the range, 1193 to
 * 1199... is under tcp_probe_threshold and the search stops at MSS 1147
 * (MTU 1199).  Linux 6.18: TCPMTUPFail 3, TCPMTUPSuccess 3, the same
 * sizes, tcpi_snd_mss 1147, tcpi_pmtu 1500.
 */
static void test_mode2_probes_up(void)
{
	static const int want[] = { 1236, 1129, 1182, 1155, 1141, 1147 };
	int l, c, s, sizes[16];
	unsigned int got, i, k;

	setup("2\n", 1200);
	tp_connect_pair(9804, &l, &c, &s);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1024);
	got = transfer(c, s, 1000000, 60000);
	KT_EQ(got, 1000000);
	k = probes(0, 1024, sizes, 16);
	KT_EQ(k, ARRAY_SIZE(want));
	for (i = 0; i < k && i < ARRAY_SIZE(want); i++)
		KT_EQ(sizes[i], want[i]);
	KT_EQ(tp_tcpext("TCPMTUPFail"), 3);
	KT_EQ(tp_tcpext("TCPMTUPSuccess"), 3);
	KT_EQ(tp_tcpext("TCPTimeouts"), 0);
	KT_EQ(tp_info(c).tcpi_snd_mss, 1147);
	KT_EQ(tp_info(c).tcpi_pmtu, 1500);
	close_all(l, c, s);
	tp_teardown(st);
}

/* one mode-2 transfer with no blackhole; the route metrics @m_a (with the
 * RTAX_LOCK bits @lock_a) on the client's route to b, @m_b on b's route
 * back; the probes, the successes, TCP_INFO's mss, pmtu and advmss */
static void route_case(const u32 *m_a, u32 lock_a, const u32 *m_b,
		       const int *want, unsigned int nwant, long succ,
		       unsigned int mss, unsigned int pmtu, unsigned int advmss)
{
	int l, c, s, sizes[16];
	unsigned int got, i, k;

	setup("2\n", 1500);
	if (m_a)
		tp_route_metrics("va", "10.0.0.2", m_a, lock_a);
	if (m_b) {
		KT_EQ(tn_netns_set("b"), 0);
		tp_route_metrics("vb", "10.0.0.1", m_b, 0);
		KT_EQ(tn_netns_set(NULL), 0);
	}
	tp_connect_pair(9805, &l, &c, &s);
	got = transfer(c, s, 2000000, 60000);
	KT_EQ(got, 2000000);
	k = probes(0, 1024, sizes, 16);
	KT_EQ(k, nwant);
	for (i = 0; i < k && i < nwant; i++)
		KT_EQ(sizes[i], want[i]);
	KT_EQ(hole.dropped, 0);
	KT_EQ(tp_tcpext("TCPMTUPFail"), 0);
	KT_EQ(tp_tcpext("TCPMTUPSuccess"), succ);
	KT_EQ(tp_info(c).tcpi_snd_mss, mss);
	KT_EQ(tp_info(c).tcpi_pmtu, pmtu);
	KT_EQ(tp_info(c).tcpi_advmss, advmss);
	close_all(l, c, s);
	tp_teardown(st);
}

/*
 * The search's top is the peer's MSS + 40 and the route's MTU.  b's route
 * with advmss 1100: MSS option 1100, so 1076..1140: probes of 1056, 1072,
 * 1080, 1084, all pass, the search stops at MTU 1136, MSS 1084 (4 below
 * the 1088 the peer allows).  The client's route with mtu lock 1300
 * (DF off): 1076..1300, probes of 1136, 1192, 1220, 1234, 1241, MSS 1241,
 * tcpi_pmtu 1300, advmss 1248.  Linux 6.18 over veth: the same probes,
 * TCPMTUPSuccess 4 and 5, the same TCP_INFO.
 */
static void test_mode2_route_metrics(void)
{
	static const u32 advmss[] = { RTAX_ADVMSS, 1100, 0 };
	static const u32 mtu[] = { RTAX_MTU, 1300, 0 };
	static const int want_advmss[] = { 1056, 1072, 1080, 1084 };
	static const int want_mtu[] = { 1136, 1192, 1220, 1234, 1241 };

	route_case(NULL, 0, advmss, want_advmss, ARRAY_SIZE(want_advmss), 4,
		   1084, 1500, 1448);
	route_case(mtu, 1U << RTAX_MTU, NULL, want_mtu, ARRAY_SIZE(want_mtu), 5,
		   1241, 1300, 1248);
}

/* the sysctls: Linux 6.18's defaults, ranges and errors */
static void test_sysctls(void)
{
	static const struct {
		const char *name, *val;
		int err;
	} w[] = {
		{ "tcp_mtu_probing", "255\n", 0 },
		{ "tcp_mtu_probing", "256\n", EINVAL },
		{ "tcp_mtu_probing", "-1\n", EINVAL },
		{ "tcp_base_mss", "-1\n", 0 },
		{ "tcp_mtu_probe_floor", "47\n", EINVAL },
		{ "tcp_mtu_probe_floor", "65535\n", 0 },
		{ "tcp_mtu_probe_floor", "65536\n", EINVAL },
		{ "tcp_probe_threshold", "-1\n", 0 },
		{ "tcp_probe_interval", "-1\n", EINVAL },
		{ "tcp_probe_interval", "17179869\n", 0 },
		{ "tcp_probe_interval", "17179870\n", EINVAL },
		{ "tcp_min_snd_mss", "47\n", EINVAL },
		{ "tcp_min_snd_mss", "65535\n", 0 },
		{ "tcp_min_snd_mss", "65536\n", EINVAL },
	};
	static const char *const defaults[][2] = {
		{ "tcp_mtu_probing", "0\n" },
		{ "tcp_base_mss", "1024\n" },
		{ "tcp_mtu_probe_floor", "48\n" },
		{ "tcp_probe_threshold", "8\n" },
		{ "tcp_probe_interval", "600\n" },
		{ "tcp_min_snd_mss", "48\n" },
	};
	char path[128], buf[32];
	unsigned int i;
	ssize_t r;
	int fd;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	for (i = 0; i < ARRAY_SIZE(defaults); i++) {
		(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s",
			       defaults[i][0]);
		fd = tn_open(path, O_RDONLY);
		KT_ASSERT(fd >= 0);
		r = tn_read(fd, buf, sizeof(buf) - 1);
		KT_ASSERT(r > 0);
		buf[r] = '\0';
		KT_STREQ(buf, defaults[i][1]);
		tn_close(fd);
	}
	for (i = 0; i < ARRAY_SIZE(w); i++) {
		(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s",
			       w[i].name);
		fd = tn_open(path, O_WRONLY);
		KT_ASSERT(fd >= 0);
		r = tn_write(fd, w[i].val, strlen(w[i].val));
		if (w[i].err) {
			KT_EQ(r, -1);
			KT_EQ(errno, w[i].err);
		} else {
			KT_EQ(r, (ssize_t)strlen(w[i].val));
		}
		tn_close(fd);
	}
	tp_teardown(st);
}

KTEST_MAIN(KT(test_sysctls), KT(test_mode0_stalls),
	   KT(test_mode1_blackhole_recovers), KT(test_mode1_halves),
	   KT(test_mode2_probes_up), KT(test_mode2_route_metrics))
