// SPDX-License-Identifier: BSD-2-Clause
/*
 * ECN for TCP (RFC 3168 6.1) between two namespaces over veth, in virtual
 * time, as Linux 6.18 does it: net.ipv4.tcp_ecn (0, 1, 2; 2 by default,
 * AccECN's values refused), tcp_ecn_fallback, the route's "features
 * ecn"; the ECN-setup SYN (ECE|CWR) and the SYN-ACK that accepts (ECE);
 * ECT(0) on new data only (not on SYNs, pure ACKs or retransmissions);
 * a CE mark echoed with ECE until CWR; the sender's one reduction per
 * window (CA_CWR), CWR on its next new data; TCPI_OPT_ECN/ECN_SEEN,
 * tcpi_delivered_ce and TcpExt TCPDeliveredCE; IP_TOS keeping TCP's ECN
 * bits; ECN through a SYN cookie.  An rx_handler on each end records
 * every segment with the IP header's ECN field, and can drop segments
 * or mark them CE.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include <net/ip.h> /* after stack.h */

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define F_SYN 0x02
#define F_ACK 0x10
#define F_ECE 0x40
#define F_CWR 0x80

static struct tn_stack *st;
static struct tp_wire wire_a, wire_b; /* received by va, by vb */

static void setup(void)
{
	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	st = tp_setup(NULL, tp_wire_rx, &wire_a, tp_wire_rx, &wire_b);
}

static void close_pair(int l, int c, int s)
{
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

/* write @v to net.ipv4.@name of the current namespace: 0 or -errno */
static int set_sysctl(const char *name, const char *v)
{
	char path[128];
	ssize_t n;
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(path, O_WRONLY);
	KT_ASSERT(fd >= 0);
	n = tn_write(fd, v, strlen(v));
	tn_close(fd);
	return n < 0 ? -errno : 0;
}

static int set_sysctl_b(const char *name, const char *v)
{
	int ret;

	KT_EQ(tn_netns_set("b"), 0);
	ret = set_sysctl(name, v);
	KT_EQ(tn_netns_set(NULL), 0);
	return ret;
}

static int get_sysctl(const char *name)
{
	char path[128], buf[32];
	ssize_t n;
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(path, O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	return atoi(buf);
}

static const struct tp_seg *first_with(const struct tp_wire *w, u8 flags)
{
	unsigned int i;

	for (i = 0; i < w->nsegs; i++)
		if ((w->segs[i].flags & flags) == flags)
			return &w->segs[i];
	return NULL;
}

/* the last segment @w recorded, with (@data) or without data */
static const struct tp_seg *last_seg(const struct tp_wire *w, bool data)
{
	unsigned int i = w->nsegs;

	while (i--)
		if (!!w->segs[i].datalen == data)
			return &w->segs[i];
	return NULL;
}

static long tcpext_b(const char *name)
{
	long v;

	KT_EQ(tn_netns_set("b"), 0);
	v = tp_tcpext(name);
	KT_EQ(tn_netns_set(NULL), 0);
	return v;
}

/* tcp_ecn and tcp_ecn_fallback: Linux 6.18's defaults and ranges */
static void test_sysctls(void)
{
	setup();
	KT_EQ(get_sysctl("tcp_ecn"), 2);
	KT_EQ(get_sysctl("tcp_ecn_fallback"), 1);
	KT_EQ(set_sysctl("tcp_ecn", "1\n"), 0);
	KT_EQ(get_sysctl("tcp_ecn"), 1);
	KT_EQ(set_sysctl("tcp_ecn", "0"), 0);
	KT_EQ(get_sysctl("tcp_ecn"), 0);
	/* AccECN's 3..5 are refused, as by the kernel here */
	KT_EQ(set_sysctl("tcp_ecn", "3"), -EINVAL);
	KT_EQ(set_sysctl("tcp_ecn", "5"), -EINVAL);
	KT_EQ(set_sysctl("tcp_ecn", "-1"), -EINVAL);
	KT_EQ(get_sysctl("tcp_ecn"), 0);
	KT_EQ(set_sysctl("tcp_ecn_fallback", "2"), -EINVAL);
	KT_EQ(set_sysctl("tcp_ecn_fallback", "0"), 0);
	KT_EQ(get_sysctl("tcp_ecn_fallback"), 0);
	/* per namespace: b still has the defaults */
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(get_sysctl("tcp_ecn"), 2);
	KT_EQ(get_sysctl("tcp_ecn_fallback"), 1);
	KT_EQ(tn_netns_set(NULL), 0);
	tp_teardown(st);
}

/* the default (2 on both ends): nobody asks, nothing is ECT */
static void test_default_no_ecn(void)
{
	const struct tp_seg *syn;
	char buf[100] = { 0 };
	int l, c, s;

	setup();
	tp_connect_pair(9700, &l, &c, &s);
	syn = first_with(&wire_b, F_SYN);
	KT_ASSERT(syn);
	KT_EQ(syn->flags & (F_ECE | F_CWR), 0);
	KT_EQ(first_with(&wire_a, F_SYN | F_ACK)->flags & (F_ECE | F_CWR), 0);
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KT_EQ(tn_send(s, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	KT_EQ(last_seg(&wire_b, true)->ecn, 0);
	KT_EQ(last_seg(&wire_a, true)->ecn, 0);
	KT_EQ(tp_info(c).tcpi_options & (TCPI_OPT_ECN | TCPI_OPT_ECN_SEEN), 0);
	KT_EQ(tp_info(s).tcpi_options & (TCPI_OPT_ECN | TCPI_OPT_ECN_SEEN), 0);
	close_pair(l, c, s);
	tp_teardown(st);
}

/*
 * tcp_ecn=1 on the client, 2 on the server: SYN with ECE|CWR, SYN-ACK
 * with ECE alone, neither ECT; the handshake's ACK and other pure ACKs
 * Not-ECT, data ECT(0) both ways; both ends show TCPI_OPT_ECN, and
 * ECN_SEEN once ECT data arrived
 */
static void test_negotiated(void)
{
	const struct tp_seg *syn, *synack;
	char buf[100] = { 0 };
	unsigned int i;
	int l, c, s;

	setup();
	KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
	tp_connect_pair(9701, &l, &c, &s);
	syn = first_with(&wire_b, F_SYN);
	KT_ASSERT(syn);
	KT_EQ(syn->flags & (F_ECE | F_CWR), F_ECE | F_CWR);
	KT_EQ(syn->ecn, 0);
	synack = first_with(&wire_a, F_SYN | F_ACK);
	KT_ASSERT(synack);
	KT_EQ(synack->flags & (F_ECE | F_CWR), F_ECE);
	KT_EQ(synack->ecn, 0);
	KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_ECN, TCPI_OPT_ECN);
	KT_EQ(tp_info(s).tcpi_options & TCPI_OPT_ECN, TCPI_OPT_ECN);
	KT_EQ(tp_info(s).tcpi_options & TCPI_OPT_ECN_SEEN, 0);
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	KT_EQ(last_seg(&wire_b, true)->ecn, 2); /* ECT(0), never ECT(1) */
	KT_EQ(last_seg(&wire_b, true)->flags & (F_ECE | F_CWR), 0);
	KT_EQ(tp_info(s).tcpi_options & TCPI_OPT_ECN_SEEN, TCPI_OPT_ECN_SEEN);
	KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_ECN_SEEN, 0);
	KT_EQ(tn_send(s, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	KT_EQ(last_seg(&wire_a, true)->ecn, 2);
	KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_ECN_SEEN, TCPI_OPT_ECN_SEEN);
	/* every segment without data was Not-ECT */
	for (i = 0; i < wire_a.nsegs; i++)
		if (!wire_a.segs[i].datalen)
			KT_EQ(wire_a.segs[i].ecn, 0);
	for (i = 0; i < wire_b.nsegs; i++)
		if (!wire_b.segs[i].datalen)
			KT_EQ(wire_b.segs[i].ecn, 0);
	close_pair(l, c, s);
	tp_teardown(st);
}

/* a server with tcp_ecn=0 refuses: SYN-ACK without ECE, no ECT */
static void test_server_refuses(void)
{
	char buf[100] = { 0 };
	int l, c, s;

	setup();
	KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
	KT_EQ(set_sysctl_b("tcp_ecn", "0"), 0);
	tp_connect_pair(9702, &l, &c, &s);
	KT_EQ(first_with(&wire_b, F_SYN)->flags & (F_ECE | F_CWR),
	      F_ECE | F_CWR);
	KT_EQ(first_with(&wire_a, F_SYN | F_ACK)->flags & (F_ECE | F_CWR), 0);
	KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_ECN, 0);
	KT_EQ(tp_info(s).tcpi_options & TCPI_OPT_ECN, 0);
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	KT_EQ(last_seg(&wire_b, true)->ecn, 0);
	close_pair(l, c, s);
	tp_teardown(st);
}

/*
 * A data segment marked CE: the receiver ACKs at once with ECE, and
 * keeps ECE on its ACKs until data with CWR arrives; the sender reduces
 * once (CA_CWR, ssthresh from the congestion control), its next new
 * data carries CWR; the segments ACKed by ECE ACKs are counted as
 * delivered with CE.
 */
static void test_ce_echo_and_cwr(void)
{
	char buf[100] = { 0 };
	const struct tp_seg *ack, *data;
	struct tcp_info ti;
	u32 cwnd;
	int l, c, s;
	int one = 1;

	setup();
	KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
	tp_connect_pair(9703, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	cwnd = tp_info(c).tcpi_snd_cwnd;
	KT_EQ(cwnd, 10);
	wire_b.mark_ce = 1;
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KT_EQ(wire_b.mark_ce, 0);
	KT_EQ(last_seg(&wire_b, true)->ecn, 3);
	/* the ACK went at once, with ECE */
	ack = last_seg(&wire_a, false);
	KT_ASSERT(ack);
	KT_EQ(ack->flags & F_ECE, F_ECE);
	KT_EQ(ack->ecn, 0);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_CWR);
	KT_EQ(ti.tcpi_snd_ssthresh, 7); /* CUBIC: 10 * 717 / 1024 */
	KT_EQ(ti.tcpi_delivered_ce, 1);
	KT_EQ(tp_tcpext("TCPDeliveredCE"), 1);
	/* the server echoes on its data too, until it sees CWR */
	KT_EQ(tn_send(s, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	data = last_seg(&wire_a, true);
	KT_EQ(data->flags & F_ECE, F_ECE);
	KT_EQ(data->ecn, 2);
	/* the client's next new data: CWR, ECT(0) */
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	data = last_seg(&wire_b, true);
	KT_EQ(data->flags & F_CWR, F_CWR);
	KT_EQ(data->ecn, 2);
	/* CWR is sent once; the ACK of it has no ECE and ends CA_CWR */
	ack = last_seg(&wire_a, false);
	KT_EQ(ack->flags & F_ECE, 0);
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Open);
	KT_EQ(ti.tcpi_snd_cwnd, 7);
	KT_EQ(ti.tcpi_delivered_ce, 1);
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KT_EQ(last_seg(&wire_b, true)->flags & (F_CWR | F_ECE), 0);
	KT_EQ(tp_info(s).tcpi_options & TCPI_OPT_ECN_SEEN, TCPI_OPT_ECN_SEEN);
	KT_EQ(tcpext_b("TCPDeliveredCE"), 0);
	close_pair(l, c, s);
	tp_teardown(st);
}

/*
 * Two CE marks in one window: ssthresh is reduced once (RFC 3168 6.1.2:
 * at most once per window of data); CA_CWR lasts until data sent after
 * the reduction is ACKed
 */
static void test_one_reduction_per_window(void)
{
	static char buf[3000];
	int l, c, s;

	setup();
	KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
	tp_connect_pair(9704, &l, &c, &s);
	/* three segments leave before the first ACK comes back */
	wire_b.mark_ce = 2;
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KT_EQ(wire_b.mark_ce, 0);
	KT_EQ(wire_b.segs[wire_b.nsegs - 1].datalen, 3000 - 2 * 1448);
	KT_EQ(tp_info(c).tcpi_ca_state, TCP_CA_CWR);
	KT_EQ(tp_info(c).tcpi_snd_ssthresh, 7);
	KT_EQ(tp_info(c).tcpi_delivered_ce, 3);
	/* the next data carries CWR; its ACK ends the reduction */
	KT_EQ(tn_send(c, buf, 100, 0), 100);
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	KT_EQ(last_seg(&wire_b, true)->flags & F_CWR, F_CWR);
	KT_EQ(tp_info(c).tcpi_ca_state, TCP_CA_Open);
	KT_EQ(tp_info(c).tcpi_snd_ssthresh, 7);
	KT_EQ(tp_info(c).tcpi_snd_cwnd, 7);
	close_pair(l, c, s);
	tp_teardown(st);
}

/* a retransmission is never ECT (RFC 3168 6.1.5) */
static void test_retransmit_not_ect(void)
{
	char buf[100] = { 0 };
	const struct tp_seg *data;
	int l, c, s;

	setup();
	KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
	/* no tail loss probe: the RTO repairs the loss (a probe that repairs
	 * the only segment in flight reduces nothing, so queues no CWR) */
	KT_EQ(set_sysctl("tcp_early_retrans", "0"), 0);
	tp_connect_pair(9705, &l, &c, &s);
	wire_b.drop_data = 1;
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KT_EQ(wire_b.drop_data, 0);
	tn_clock_advance(st, 1500 * NSEC_PER_MSEC); /* the RTO */
	KT_EQ(tp_info(c).tcpi_total_retrans, 1);
	data = last_seg(&wire_b, true);
	KT_ASSERT(data);
	KT_EQ(data->ecn, 0);
	/* RTO: CWR on the next new data, which is ECT(0) again */
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	data = last_seg(&wire_b, true);
	KT_EQ(data->ecn, 2);
	KT_EQ(data->flags & F_CWR, F_CWR);
	close_pair(l, c, s);
	tp_teardown(st);
}

/* tp_connect_pair() without blocking: the SYN may need its RTO */
static void connect_nonblock(int port, int *l, int *c, int *s)
{
	struct sockaddr_in a = tp_addr_b(port);

	KT_EQ(tn_netns_set("b"), 0);
	*l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(*l >= 0);
	KT_EQ(tn_bind(*l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(*l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	*c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_ASSERT(*c >= 0);
	KT_EQ(tn_connect(*c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EINPROGRESS);
	tn_clock_advance(st, 1100 * NSEC_PER_MSEC);
	*s = tn_accept(*l, NULL, NULL);
	KT_ASSERT(*s >= 0);
}

/*
 * The ECN-setup SYN is lost: with tcp_ecn_fallback (default) the SYN
 * sent again asks no more and the connection is without ECN; with 0 it
 * keeps asking, and its first data carries CWR (the RTO was a loss), as
 * Linux's
 */
static void test_syn_fallback(void)
{
	static const char *const fb[] = { "1", "0" };
	int l, c, s, k;

	for (k = 0; k < 2; k++) {
		const struct tp_seg *syn;

		setup();
		KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
		KT_EQ(set_sysctl("tcp_ecn_fallback", fb[k]), 0);
		wire_b.drop_flags = F_SYN;
		wire_b.drop_flags_n = 1;
		connect_nonblock(9706, &l, &c, &s);
		KT_EQ(wire_b.drop_flags_n, 0);
		syn = first_with(&wire_b, F_SYN);
		KT_ASSERT(syn);
		KT_EQ(syn->flags & (F_ECE | F_CWR), k == 0 ? 0 : F_ECE | F_CWR);
		KT_EQ(tp_tcpext("TCPSynRetrans"), 1);
		KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_ECN,
		      k == 0 ? 0 : TCPI_OPT_ECN);
		KT_EQ(tp_info(s).tcpi_options & TCPI_OPT_ECN,
		      k == 0 ? 0 : TCPI_OPT_ECN);
		/* the SYN's RTO went through tcp_enter_loss(): CWR owed */
		KT_EQ(tn_send(c, "x", 1, 0), 1);
		KT_EQ(last_seg(&wire_b, true)->flags & F_CWR,
		      k == 0 ? 0 : F_CWR);
		KT_EQ(last_seg(&wire_b, true)->ecn, k == 0 ? 0 : 2);
		close_pair(l, c, s);
		tp_teardown(st);
	}
}

/*
 * A SYN cookie keeps ECN in TSval's low bits: with timestamps the
 * connection is ECN; without them the SYN-ACK refuses (Linux 6.18 alike)
 */
static void test_syncookie(void)
{
	int l, c, s, ts;

	for (ts = 1; ts >= 0; ts--) {
		setup();
		KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
		KT_EQ(set_sysctl("tcp_timestamps", ts ? "1" : "0"), 0);
		KT_EQ(set_sysctl_b("tcp_syncookies", "2"), 0);
		tp_connect_pair(9709, &l, &c, &s);
		KT_EQ(tcpext_b("SyncookiesSent"), 1);
		KT_EQ(tcpext_b("SyncookiesRecv"), 1);
		KT_EQ(first_with(&wire_a, F_SYN | F_ACK)->flags & F_ECE,
		      ts ? F_ECE : 0);
		KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_ECN,
		      ts ? TCPI_OPT_ECN : 0);
		KT_EQ(tp_info(s).tcpi_options & TCPI_OPT_ECN,
		      ts ? TCPI_OPT_ECN : 0);
		close_pair(l, c, s);
		tp_teardown(st);
	}
}

/* "ip route add 10.0.0.2 dev va features ecn": asks with tcp_ecn=2 */
static void test_route_feature(void)
{
	static const u32 m[] = { RTAX_FEATURES, RTAX_FEATURE_ECN, 0 };
	int l, c, s;

	setup();
	tp_route_metrics("va", "10.0.0.2", m, 0);
	KT_EQ(get_sysctl("tcp_ecn"), 2);
	tp_connect_pair(9707, &l, &c, &s);
	KT_EQ(first_with(&wire_b, F_SYN)->flags & (F_ECE | F_CWR),
	      F_ECE | F_CWR);
	KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_ECN, TCPI_OPT_ECN);
	close_pair(l, c, s);
	tp_teardown(st);
}

/*
 * IP_TOS on a TCP sock: the ECN bits given are ignored and TCP's own are
 * kept (Linux's __ip_sock_set_tos); getsockopt shows what the sock sends
 */
static void test_ip_tos(void)
{
	char buf[100] = { 0 };
	int l, c, s, tos;
	socklen_t len = sizeof(tos);

	setup();
	KT_EQ(set_sysctl("tcp_ecn", "1"), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(c >= 0);
	tos = 0x13;
	KT_EQ(tn_setsockopt(c, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)), 0);
	KT_EQ(tn_getsockopt(c, IPPROTO_IP, IP_TOS, &tos, &len), 0);
	KT_EQ(tos, 0x10);
	tn_close(c);
	/* a datagram sock keeps them */
	c = tn_socket(AF_INET, SOCK_DGRAM, 0);
	tos = 0x13;
	KT_EQ(tn_setsockopt(c, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)), 0);
	KT_EQ(tn_getsockopt(c, IPPROTO_IP, IP_TOS, &tos, &len), 0);
	KT_EQ(tos, 0x13);
	tn_close(c);
	/* connected with ECN, after new data: ECT(0) stays set */
	tp_connect_pair(9708, &l, &c, &s);
	tos = 0x11;
	KT_EQ(tn_setsockopt(c, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)), 0);
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	KT_EQ(last_seg(&wire_b, true)->ecn, 2);
	KT_EQ(tn_getsockopt(c, IPPROTO_IP, IP_TOS, &tos, &len), 0);
	KT_EQ(tos, 0x12);
	tos = 0x0;
	KT_EQ(tn_setsockopt(c, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)), 0);
	KT_EQ(tn_getsockopt(c, IPPROTO_IP, IP_TOS, &tos, &len), 0);
	KT_EQ(tos, 0x2);
	close_pair(l, c, s);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_sysctls), KT(test_default_no_ecn), KT(test_negotiated),
	   KT(test_server_refuses), KT(test_ce_echo_and_cwr),
	   KT(test_one_reduction_per_window), KT(test_retransmit_not_ect),
	   KT(test_syn_fallback), KT(test_route_feature), KT(test_ip_tos),
	   KT(test_syncookie))
