// SPDX-License-Identifier: BSD-2-Clause
/*
 * BBR (tcp_bbr.c) driven through a real connection in virtual time: a
 * client in the initial namespace sends to a server in b over veth, the
 * client's side shaped as "tc qdisc add dev va root netem delay 10ms
 * rate 10mbit limit 1000", the client's congestion control "bbr"
 * (TCP_CONGESTION before connect).  For 25 virtual seconds the client
 * keeps its send buffer full; the test watches the model:
 *
 *   - the modes come in Linux's order: STARTUP, DRAIN, PROBE_BW, then
 *     PROBE_RTT about 10 s after the last lower RTT, and PROBE_BW again;
 *   - the gains as TCP_CC_INFO (struct tcp_bbr_info) reports them:
 *     2.885 (739/256) for both in STARTUP, cwnd gain 2 in PROBE_BW with
 *     pacing gains 5/4, 3/4 and 1 of the 8-phase cycle, 1 and 1 in
 *     PROBE_RTT;
 *   - the bandwidth filter finds the bottleneck (10 Mbit/s less the
 *     headers) and min_rtt the path's 10 ms plus one packet's
 *     serialization;
 *   - cwnd is 4 at most while PROBE_RTT holds;
 *   - every byte arrives.
 * And the registry: "bbr" is available and allowed (Linux flags it
 * TCP_CONG_NON_RESTRICTED), TCP_CC_INFO is empty for cubic; and BBR's
 * state, out of line, through its life.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"
#include "sock_diag.h"
#include "netem_nl.h"

#define PORT 5002

static struct tn_stack *st;

/* nothing to do before the next timer: time jumps to it (at most 1 s) */
static void idle(void)
{
	th_idle(st);
}

/* tc qdisc add dev @dev root netem delay 10ms rate 10mbit limit 1000 */
static void netem_bottleneck(const char *dev)
{
	struct tc_netem_qopt qopt = {
		.latency = 10000000U >> 6, /* psched ticks of 64 ns */
		.limit = 1000,
	};
	struct tc_netem_rate rate = { .rate = 10000000U / 8 };
	struct th_netem_req req;

	th_netem_begin(&req, dev, &qopt);
	th_netem_attr(&req, TCA_NETEM_RATE, &rate, sizeof(rate));
	th_netem_commit(&req);
}

static struct tcp_bbr_info bbr_info(int fd)
{
	union tcp_cc_info info;
	socklen_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_CC_INFO, &info, &len), 0);
	KT_EQ(len, sizeof(struct tcp_bbr_info));
	return info.bbr;
}

/*
 * What ss -ti gets over sock_diag: the dump of TCP sockets in the
 * initial namespace with the INET_DIAG_VEGASINFO bit (ss asks for BBR's
 * info so); the INET_DIAG_BBRINFO of local port @sport into @out.
 * Return: how many sockets of the dump carried one.
 */
static int diag_bbrinfo(u16 sport, struct tcp_bbr_info *out)
{
	static char buf[65536];
	struct diag_req q;
	int fd = diag_open(), found = 0;

	diag_init(&q, AF_INET, IPPROTO_TCP, ~0U);
	q.r.idiag_ext = 1 << (INET_DIAG_INFO - 1) |
			1 << (INET_DIAG_VEGASINFO - 1) |
			1 << (INET_DIAG_CONG - 1);
	KT_EQ(tn_send(fd, &q, q.nlh.nlmsg_len, 0), (ssize_t)q.nlh.nlmsg_len);
	for (;;) {
		ssize_t len = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		size_t left = len > 0 ? (size_t)len : 0;
		struct nlmsghdr *h;

		KT_ASSERT(len > 0);
		for (h = (struct nlmsghdr *)(void *)buf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			const struct inet_diag_msg *m = NLMSG_DATA(h);
			struct rtattr *a = (struct rtattr *)(void *)(m + 1);
			unsigned int alen =
				h->nlmsg_len - NLMSG_LENGTH(sizeof(*m));

			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY) {
				tn_close(fd);
				return found;
			}
			for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
				if (a->rta_type != INET_DIAG_BBRINFO)
					continue;
				KT_EQ(RTA_PAYLOAD(a),
				      sizeof(struct tcp_bbr_info));
				found++;
				if (ntohs(m->id.idiag_sport) == sport)
					memcpy(out, RTA_DATA(a), sizeof(*out));
			}
		}
	}
}

enum { STARTUP, DRAIN, PROBE_BW, PROBE_RTT };

#define RUN_NS (25ULL * NSEC_PER_SEC)

static char sbuf[65536], rbuf[65536];

static void test_bbr_modes(void)
{
	struct sockaddr_in a = tp_addr_b(PORT);
	u32 modes[16], nmodes = 0, mode = ~0U, idx;
	bool gain_seen[3] = { false, false, false };
	u64 t0, sent = 0, rcvd = 0, probe_rtt_at = 0;
	u32 max_cwnd_in_probe_rtt = 0;
	struct tcp_bbr_info bi;
	struct sock *sk;
	int l, c, s = -1, connected = 0;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	netem_bottleneck("va");
	KT_EQ(tn_netns_set("b"), 0);
	l = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_ASSERT(l >= 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_ASSERT(c >= 0);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, "bbr", 3), 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EINPROGRESS);
	sk = tp_sk_of(st, c);
	memset(sbuf, 0x5a, sizeof(sbuf));

	stack_enter(st);
	t0 = ktime_get_ns(st);
	stack_exit(st);
	while (ktime_get_ns(st) - t0 < RUN_NS) {
		int progress = 0;
		ssize_t n;
		u32 m, cwnd;

		if (s < 0) {
			s = tn_accept4(l, NULL, NULL, SOCK_NONBLOCK);
			progress |= s >= 0;
		}
		if (!connected) {
			struct pollfd p = { .fd = c, .events = POLLOUT };

			connected = tn_poll(&p, 1, 0) == 1;
			progress |= connected;
		}
		if (connected) {
			n = tn_send(c, sbuf, sizeof(sbuf), MSG_DONTWAIT);
			if (n > 0) {
				sent += (u64)n;
				progress = 1;
			}
		}
		if (s >= 0) {
			n = tn_recv(s, rbuf, sizeof(rbuf), MSG_DONTWAIT);
			if (n > 0) {
				KT_EQ(rbuf[0], 0x5a);
				rcvd += (u64)n;
				progress = 1;
			}
		}
		if (!connected) {
			idle();
			continue;
		}
		stack_enter(st);
		m = tcp_bbr_mode(sk, &idx);
		cwnd = tcp_snd_cwnd(tcp_sk(sk));
		stack_exit(st);
		if (m != mode && nmodes < 16) {
			modes[nmodes++] = m;
			mode = m;
			if (m == PROBE_RTT && !probe_rtt_at)
				probe_rtt_at = ktime_get_ns(st) - t0;
		}
		bi = bbr_info(c);
		if (m == STARTUP && bi.bbr_pacing_gain) {
			/* (0 until the first ACK: Linux sets them there) */
			KT_EQ(bi.bbr_pacing_gain, 739U);
			KT_EQ(bi.bbr_cwnd_gain, 739U);
		} else if (m == PROBE_BW) {
			KT_EQ(bi.bbr_cwnd_gain, 512U);
			if (bi.bbr_pacing_gain == 320)
				gain_seen[0] = true;
			else if (bi.bbr_pacing_gain == 192)
				gain_seen[1] = true;
			else if (bi.bbr_pacing_gain == 256)
				gain_seen[2] = true;
			KT_EQ(bi.bbr_pacing_gain, idx == 0   ? 320U
						  : idx == 1 ? 192U
							     : 256U);
		} else if (m == PROBE_RTT) {
			KT_EQ(bi.bbr_pacing_gain, 256U);
			KT_EQ(bi.bbr_cwnd_gain, 256U);
			max_cwnd_in_probe_rtt =
				max_t(u32, max_cwnd_in_probe_rtt, cwnd);
		}
		if (!progress)
			idle();
	}

	bi = bbr_info(c);
	printf("  %u modes, PROBE_RTT at %.3f s, bw %u B/s, min_rtt %u us, "
	       "%llu bytes\n",
	       nmodes, (double)probe_rtt_at / 1e9, bi.bbr_bw_lo, bi.bbr_min_rtt,
	       (unsigned long long)rcvd);
	/* STARTUP -> DRAIN -> PROBE_BW -> PROBE_RTT -> PROBE_BW */
	KT_ASSERT(nmodes >= 5);
	KT_EQ(modes[0], (u32)STARTUP);
	KT_EQ(modes[1], (u32)DRAIN);
	KT_EQ(modes[2], (u32)PROBE_BW);
	KT_EQ(modes[3], (u32)PROBE_RTT);
	KT_EQ(modes[4], (u32)PROBE_BW);
	KT_ASSERT(gain_seen[0] && gain_seen[1] && gain_seen[2]);
	/* min_rtt was set in the first second; 10 s later it expires */
	KT_ASSERT(probe_rtt_at > 10 * NSEC_PER_SEC);
	KT_ASSERT(probe_rtt_at < 12 * NSEC_PER_SEC);
	KT_ASSERT(max_cwnd_in_probe_rtt <= 4);

	/* the model: 10 Mbit/s less the headers, 10 ms + serialization */
	{
		u64 bw = (u64)bi.bbr_bw_hi << 32 | bi.bbr_bw_lo;

		KT_ASSERT(bw > 1100000 && bw < 1250000);
	}
	KT_ASSERT(bi.bbr_min_rtt >= 10000 && bi.bbr_min_rtt < 13000);
	/* most of the 25 s at the bottleneck rate went through */
	KT_ASSERT(rcvd > 20ULL * 1100000);
	KT_ASSERT(rcvd <= sent);

	/* sock_diag (what ss -ti reads) carries the same tcp_bbr_info as
	 * TCP_CC_INFO, for the one socket of this namespace */
	{
		struct sockaddr_in me;
		socklen_t ml = sizeof(me);
		struct tcp_bbr_info di;

		memset(&di, 0, sizeof(di));
		KT_EQ(tn_getsockname(c, KT_SA(&me), &ml), 0);
		KT_EQ(diag_bbrinfo(ntohs(me.sin_port), &di), 1);
		bi = bbr_info(c);
		KT_EQ(memcmp(&di, &bi, sizeof(di)), 0);
	}

	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

/*
 * The "ACK may be delayed" mark (Linux 6.18's FLAG_ACK_MAYBE_DELAYED):
 * an ACK of one lone runt segment, with nothing else delivered meanwhile,
 * may have waited at the receiver for the delayed-ACK timer.  Once
 * BBR's min_rtt filter has expired (10 s) BBR still takes no such sample
 * (rs->is_ack_delayed).  A client sends 100-byte messages one at a time
 * over 10 ms of netem delay (added once connected); the server, past its
 * quick ACKs and reading nothing (a read of all that was pushed would
 * ACK at once, as Linux's tcp_cleanup_rbuf), ACKs each 40 ms late.  After
 * 12 s min_rtt is still the handshake's; a lone full-sized segment, not
 * marked, then sets it (the path's 10 ms).
 */
static void send_one(int c, size_t len)
{
	struct sock *sk = tp_sk_of(st, c);
	u32 packets_out;

	KT_EQ(tn_send(c, sbuf, len, MSG_DONTWAIT), (ssize_t)len);
	for (;;) {
		stack_enter(st);
		packets_out = tcp_sk(sk)->packets_out;
		stack_exit(st);
		if (!packets_out)
			break;
		idle();
	}
}

static void test_bbr_delayed_ack_min_rtt(void)
{
	int l, c, s;
	u64 t0;
	u32 first_min_rtt;
	struct tcp_bbr_info bi;
	struct tcp_info ti;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	/* connected before netem delays it: a blocking connect would wait
	 * for a clock nobody advances */
	tp_connect_pair_cc(PORT + 1, "bbr", &l, &c, &s);
	netem_bottleneck("va");
	memset(sbuf, 0x5a, sizeof(sbuf));
	send_one(c, 100);
	bi = bbr_info(c);
	first_min_rtt = bi.bbr_min_rtt;
	KT_ASSERT(first_min_rtt < 13000);

	stack_enter(st);
	t0 = ktime_get_ns(st);
	stack_exit(st);
	while (ktime_get_ns(st) - t0 < 12ULL * NSEC_PER_SEC)
		send_one(c, 100);
	/* the runts' late ACKs (10 ms + 40 ms) left min_rtt alone */
	ti = tp_info(c);
	KT_ASSERT(ti.tcpi_rtt > 40000);
	bi = bbr_info(c);
	KT_EQ(bi.bbr_min_rtt, first_min_rtt);
	KT_ASSERT(ti.tcpi_min_rtt < 13000);

	/* a full-sized one is no runt: its sample (ACKed at once, more
	 * than the receiver's MSS estimate of 536 bytes) replaces the
	 * expired minimum */
	send_one(c, tcp_sk(tp_sk_of(st, c))->mss_cache);
	bi = bbr_info(c);
	KT_ASSERT(bi.bbr_min_rtt >= 10000 && bi.bbr_min_rtt < 13000);
	while (tn_recv(s, rbuf, sizeof(rbuf), MSG_DONTWAIT) > 0)
		;

	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

static void read_proc(const char *path, char *buf, size_t len)
{
	int f = tn_open(path, O_RDONLY);
	ssize_t n;

	KT_ASSERT(f >= 0);
	n = tn_read(f, buf, len - 1);
	KT_ASSERT(n >= 0);
	buf[n] = '\0';
	tn_close(f);
}

/* the registry as a kernel with bbr and cubic built in, default cubic */
static void test_registry(void)
{
	char val[64];
	socklen_t len = sizeof(val);
	union tcp_cc_info info;
	struct sock *sk;
	int fd;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	read_proc("/proc/sys/net/ipv4/tcp_available_congestion_control", val,
		  sizeof(val));
	KT_STREQ(val, "reno bbr cubic\n");
	read_proc("/proc/sys/net/ipv4/tcp_allowed_congestion_control", val,
		  sizeof(val));
	KT_STREQ(val, "reno bbr cubic\n");
	read_proc("/proc/sys/net/ipv4/tcp_congestion_control", val,
		  sizeof(val));
	KT_STREQ(val, "cubic\n");

	fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(fd >= 0);
	/* cubic has no get_info: TCP_CC_INFO is empty */
	len = sizeof(info);
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_CC_INFO, &info, &len), 0);
	KT_EQ(len, 0);
	/* bbr is not restricted: no CAP_NET_ADMIN needed */
	sk = tp_sk_of(st, fd);
	stack_enter(st);
	KT_EQ(__tcp_set_congestion_control(sk, "bbr", false), 0);
	stack_exit(st);
	len = sizeof(val);
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, val, &len), 0);
	KT_STREQ(val, "bbr");
	tn_close(fd);
	tp_teardown(st);
}

/* TCP_CC_INFO's length and struct tcp_bbr_info for @fd */
static socklen_t cc_info(int fd, struct tcp_bbr_info *bi)
{
	union tcp_cc_info info;
	socklen_t len = sizeof(info);

	memset(&info, 0xff, sizeof(info));
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_CC_INFO, &info, &len), 0);
	*bi = info.bbr;
	return len;
}

/*
 * BBR's state is larger than icsk_ca_priv and lives out of line
 * (tcp_cong.c): it is there, zeroed, as soon as bbr is chosen, before
 * connect; an accepted child of a listener given bbr has its own; a
 * switch to cubic and back gives a fresh one.  As Linux (6.x, checked in
 * a namespace): TCP_CC_INFO is 20 bytes of zeros on an unconnected
 * socket with bbr, 20 bytes with the handshake's min_rtt on the
 * accepted child, none for cubic.  Leaks show under valgrind or ASan.
 */
static void test_bbr_state_out_of_line(void)
{
	struct sockaddr_in a = tp_addr_b(PORT);
	struct tcp_bbr_info bi;
	char val[16];
	socklen_t len;
	int fd, l, c, s;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "bbr", 3), 0);
	KT_EQ(cc_info(fd, &bi), (socklen_t)sizeof(bi));
	KT_EQ(bi.bbr_bw_lo, 0U);
	KT_EQ(bi.bbr_min_rtt, 0U);
	KT_EQ(bi.bbr_pacing_gain, 0U);
	KT_EQ(bi.bbr_cwnd_gain, 0U);
	tn_close(fd); /* never initialized: its state goes all the same */

	KT_EQ(tn_netns_set("b"), 0);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(l >= 0);
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_CONGESTION, "bbr", 3), 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(c >= 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	len = sizeof(val);
	KT_EQ(tn_getsockopt(s, IPPROTO_TCP, TCP_CONGESTION, val, &len), 0);
	KT_STREQ(val, "bbr");
	len = sizeof(val);
	KT_EQ(tn_getsockopt(c, IPPROTO_TCP, TCP_CONGESTION, val, &len), 0);
	KT_STREQ(val, "cubic");
	KT_EQ(cc_info(s, &bi), (socklen_t)sizeof(bi));
	KT_ASSERT(bi.bbr_min_rtt > 0 && bi.bbr_min_rtt != ~0U);
	KT_EQ(tn_setsockopt(s, IPPROTO_TCP, TCP_CONGESTION, "cubic", 5), 0);
	KT_EQ(cc_info(s, &bi), 0);
	KT_EQ(tn_setsockopt(s, IPPROTO_TCP, TCP_CONGESTION, "bbr", 3), 0);
	KT_EQ(cc_info(s, &bi), (socklen_t)sizeof(bi));
	KT_ASSERT(bi.bbr_min_rtt > 0 && bi.bbr_min_rtt != ~0U);
	KT_EQ(tn_write(s, "x", 1), 1);
	KT_EQ(tn_read(c, val, 1), 1);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_registry), KT(test_bbr_modes),
	   KT(test_bbr_delayed_ack_min_rtt), KT(test_bbr_state_out_of_line));
