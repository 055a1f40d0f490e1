// SPDX-License-Identifier: BSD-2-Clause
/*
 * SYN cookies (tcp_syncookies 0/1/2) in virtual time: a listener in
 * namespace b behind a veth pair; spoofed segments from 10.0.0.1 with
 * ports below the ephemeral range are written by a raw socket in the
 * initial namespace, and an rx_handler on va records and swallows what
 * b answers to them.  Cookies are checked with __cookie_v4_check(), the
 * counters in b's TcpExt MIB.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/snmp.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define KT_SA(p)  ((struct sockaddr *)(void *)(p))
#define SPOOF_MAX 32768 /* spoofed ports are below ip_local_port_range */

/* What b sent to a spoofed port. */
struct reply {
	u32 seq, ack;
	u32 tsval, tsecr;
	int mss, wscale; /* -1: no option */
	u16 dport, window;
	u8 flags;
	bool has_ts, has_sack;
};

static struct tn_stack *st;
static struct net *net_b;
static struct reply replies[256];
static unsigned int nreplies;
static unsigned long swallowed;

static u32 get32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static rx_handler_result_t spoof_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	const struct iphdr *iph;
	const u8 *th, *o;
	unsigned int ihl, doff, i;
	struct reply *r;
	u16 dport;

	if (skb->protocol != htons(ETH_P_IP) || !pskb_may_pull(skb, 40))
		return RX_HANDLER_PASS;
	iph = (const struct iphdr *)(const void *)skb->data;
	if (iph->protocol != IPPROTO_TCP)
		return RX_HANDLER_PASS;
	ihl = iph->ihl * 4U;
	th = skb->data + ihl;
	dport = (u16)(th[2] << 8 | th[3]);
	if (dport >= SPOOF_MAX)
		return RX_HANDLER_PASS;
	swallowed++;
	doff = (th[12] >> 4) * 4U;
	if (nreplies < ARRAY_SIZE(replies) && pskb_may_pull(skb, ihl + doff)) {
		th = skb->data + ihl;
		r = &replies[nreplies++];
		memset(r, 0, sizeof(*r));
		r->flags = th[13];
		r->dport = dport;
		r->window = (u16)(th[14] << 8 | th[15]);
		r->seq = get32(th + 4);
		r->ack = get32(th + 8);
		r->mss = r->wscale = -1;
		for (i = 20; i < doff;) {
			o = th + i;
			if (o[0] == 0)
				break;
			if (o[0] == 1) {
				i++;
				continue;
			}
			if (o[0] == 2)
				r->mss = o[2] << 8 | o[3];
			else if (o[0] == 3)
				r->wscale = o[2];
			else if (o[0] == 4)
				r->has_sack = true;
			else if (o[0] == 8) {
				r->has_ts = true;
				r->tsval = get32(o + 2);
				r->tsecr = get32(o + 6);
			}
			i += o[1] ? o[1] : 1;
		}
	}
	kfree_skb(skb);
	return RX_HANDLER_CONSUMED;
}

static void setup(void)
{
	nreplies = 0;
	swallowed = 0;
	st = tp_setup(&net_b, spoof_rx, NULL, NULL, NULL);
}

static void teardown(void)
{
	tp_teardown(st);
}

static unsigned long mib(int field)
{
	return net_b->ipv4.net_statistics->mibs[field];
}

static void set_syncookies(int v)
{
	char path[] = "/proc/sys/net/ipv4/tcp_syncookies", buf[4];
	int fd, n;

	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_open(path, O_WRONLY, 0);
	KT_ASSERT(fd >= 0);
	n = snprintf(buf, sizeof(buf), "%d\n", v);
	KT_EQ(tn_write(fd, buf, (size_t)n), n);
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(net_b->ipv4.sysctl_tcp_syncookies, v);
}

static int listener(int port, int backlog)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int fd;

	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(fd, backlog), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	return fd;
}

static u16 cs_add(u32 sum, const u8 *p, unsigned int len)
{
	unsigned int i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

/* A spoofed segment's options: -1 leaves one out. */
struct spoof_opts {
	int mss, wscale, sack;
	long long tsval, tsecr; /* tsval < 0: no timestamps */
};

static const struct spoof_opts all_opts = { 1460, 7, 1, 1000, 0 };

static void put32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

/* A segment from 10.0.0.1:@sport to 10.0.0.2:@dport, through va. */
static void spoof(int raw, u16 sport, u16 dport, u8 flags, u32 seq, u32 ack,
		  const struct spoof_opts *o, const char *data)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	u8 seg[128] = { 0 }, pseudo[12];
	unsigned int len = 20, dlen = data ? (unsigned int)strlen(data) : 0;
	u16 sum;

	inet_pton(AF_INET, "10.0.0.2", &dst.sin_addr);
	seg[0] = (u8)(sport >> 8);
	seg[1] = (u8)sport;
	seg[2] = (u8)(dport >> 8);
	seg[3] = (u8)dport;
	put32(seg + 4, seq);
	put32(seg + 8, ack);
	seg[13] = flags;
	seg[14] = 0xfa; /* window 64240 */
	seg[15] = 0xf0;
	if (o && o->mss >= 0) {
		seg[len] = 2;
		seg[len + 1] = 4;
		seg[len + 2] = (u8)(o->mss >> 8);
		seg[len + 3] = (u8)o->mss;
		len += 4;
	}
	if (o && o->sack > 0 && (flags & 0x02)) {
		seg[len] = 4;
		seg[len + 1] = 2;
		len += 2;
	} else if (o && o->tsval >= 0) {
		seg[len] = seg[len + 1] = 1;
		len += 2;
	}
	if (o && o->tsval >= 0) {
		seg[len] = 8;
		seg[len + 1] = 10;
		put32(seg + len + 2, (u32)o->tsval);
		put32(seg + len + 6, (u32)o->tsecr);
		len += 10;
	}
	if (o && o->wscale >= 0 && (flags & 0x02)) {
		seg[len] = 1;
		seg[len + 1] = 3;
		seg[len + 2] = 3;
		seg[len + 3] = (u8)o->wscale;
		len += 4;
	}
	while (len & 3)
		seg[len++] = 0;
	seg[12] = (u8)((len / 4) << 4);
	memcpy(seg + len, data ? data : "", dlen);
	len += dlen;
	memcpy(pseudo, "\x0a\0\0\x01\x0a\0\0\x02", 8);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_TCP;
	pseudo[10] = (u8)(len >> 8);
	pseudo[11] = (u8)len;
	sum = (u16)~cs_add(cs_add(0, pseudo, 12), seg, len);
	seg[16] = (u8)(sum >> 8);
	seg[17] = (u8)sum;
	KT_EQ(tn_sendto(raw, seg, len, 0, KT_SA(&dst), sizeof(dst)), (long)len);
}

static int raw_socket(void)
{
	int fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_TCP);

	KT_ASSERT(fd >= 0);
	return fd;
}

/* Whether the SYN-ACK @r carries a valid cookie for the SYN @isn. */
static int cookie_mss(const struct reply *r, u16 lport, u32 isn)
{
	struct iphdr iph = { 0 };
	struct tcphdr th = { 0 };
	int mss;

	inet_pton(AF_INET, "10.0.0.1", &iph.saddr);
	inet_pton(AF_INET, "10.0.0.2", &iph.daddr);
	th.source = htons(r->dport);
	th.dest = htons(lport);
	th.seq = htonl(isn + 1);
	th.ack_seq = htonl(r->seq + 1);
	stack_enter(st);
	mss = __cookie_v4_check(net_b, &iph, &th);
	stack_exit(st);
	return mss;
}

static int reqsk_qlen(int l)
{
	return inet_csk(tp_sk_of(st, l))->icsk_accept_queue->qlen;
}

/*
 * tcp_syncookies 1: with a backlog of 2, the first SYNs get request
 * socks, the rest cookies; the counters are Linux's.
 */
static void test_overflow_sends_cookies(void)
{
	unsigned long sent0, doc0, drops0;
	int l, raw, i, ncookies = 0;

	setup();
	KT_EQ(net_b->ipv4.sysctl_tcp_syncookies, 1);
	l = listener(80, 2);
	raw = raw_socket();
	sent0 = mib(LINUX_MIB_SYNCOOKIESSENT);
	doc0 = mib(LINUX_MIB_TCPREQQFULLDOCOOKIES);
	drops0 = mib(LINUX_MIB_LISTENDROPS);
	for (i = 0; i < 6; i++)
		spoof(raw, (u16)(1000 + i), 80, 0x02, 5000U * (u32)i, 0,
		      &all_opts, NULL);
	KT_EQ(nreplies, 6);
	for (i = 0; i < 6; i++) {
		KT_EQ(replies[i].flags, 0x12);
		KT_EQ(replies[i].dport, 1000 + i);
		KT_EQ(replies[i].ack, 5000U * (u32)i + 1);
		if (cookie_mss(&replies[i], 80, 5000U * (u32)i) == 1460)
			ncookies++;
		else
			KT_ASSERT(i < 3); /* a request sock's ISN */
	}
	/* a backlog of 2 keeps 3 request socks, as Linux 6.18 */
	KT_EQ(ncookies, 3);
	KT_EQ(reqsk_qlen(l), 3);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESSENT) - sent0, 3);
	KT_EQ(mib(LINUX_MIB_TCPREQQFULLDOCOOKIES) - doc0, 3);
	KT_EQ(mib(LINUX_MIB_LISTENDROPS) - drops0, 0);
	/* the listener is marked warned once */
	KT_EQ(inet_csk(tp_sk_of(st, l))->icsk_accept_queue->synflood_warned, 1);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/* tcp_syncookies 0: a full SYN queue drops, and counts it. */
static void test_syncookies_0_drops(void)
{
	unsigned long full0, drops0;
	int l, raw, i;

	setup();
	set_syncookies(0);
	l = listener(80, 2);
	raw = raw_socket();
	full0 = mib(LINUX_MIB_TCPREQQFULLDROP);
	drops0 = mib(LINUX_MIB_LISTENDROPS);
	for (i = 0; i < 5; i++)
		spoof(raw, (u16)(1000 + i), 80, 0x02, 7, 0, &all_opts, NULL);
	KT_EQ(nreplies, 3);
	KT_EQ(mib(LINUX_MIB_TCPREQQFULLDROP) - full0, 2);
	KT_EQ(mib(LINUX_MIB_LISTENDROPS) - drops0, 2);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESSENT), 0);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/*
 * tcp_syncookies 2: every SYN gets a cookie and nothing is kept: no
 * request sock, no SYN-ACK retransmission.
 */
static void test_syncookies_2_always(void)
{
	int l, raw, i;

	setup();
	set_syncookies(2);
	l = listener(80, 128);
	raw = raw_socket();
	for (i = 0; i < 3; i++)
		spoof(raw, (u16)(1000 + i), 80, 0x02, 99, 0, &all_opts, NULL);
	KT_EQ(nreplies, 3);
	for (i = 0; i < 3; i++)
		KT_EQ(cookie_mss(&replies[i], 80, 99), 1460);
	KT_EQ(reqsk_qlen(l), 0);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESSENT), 3);
	KT_EQ(mib(LINUX_MIB_TCPREQQFULLDOCOOKIES), 3);
	/* no warning with tcp_syncookies 2 */
	KT_EQ(inet_csk(tp_sk_of(st, l))->icsk_accept_queue->synflood_warned, 0);
	tn_clock_advance(st, 5 * NSEC_PER_SEC);
	KT_EQ(nreplies, 3);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/* The ACK of a cookie SYN-ACK, echoing its TSval. */
static void ack_cookie(int raw, const struct reply *r, u16 lport, u32 isn,
		       const char *data)
{
	struct spoof_opts o = { -1, -1, 0, -1, 0 };

	if (r->has_ts) {
		o.tsval = 1001;
		o.tsecr = r->tsval;
	}
	spoof(raw, r->dport, lport, 0x10 | (data ? 0x08 : 0), isn + 1,
	      r->seq + 1, &o, data);
}

/*
 * A spoofed peer completes the handshake with its cookie: accept()
 * returns the child, with the cookie's ISN, the MSS from the table,
 * the window scale and SACK the SYN offered, and data flows both ways.
 */
static void test_cookie_handshake_and_data(void)
{
	const struct spoof_opts syn = { 1400, 5, 1, 1000, 0 };
	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);
	struct tcp_info ti;
	socklen_t tlen = sizeof(ti);
	struct reply r0;
	const struct reply *r = &r0;
	char buf[16];
	int l, raw, s;

	setup();
	set_syncookies(2);
	l = listener(80, 8);
	raw = raw_socket();
	spoof(raw, 2000, 80, 0x02, 0x10000, 0, &syn, NULL);
	KT_EQ(nreplies, 1);
	r0 = replies[0];
	/* 1400 encodes as 1300; the TSval's low bits: wscale 5 | SACK */
	KT_EQ(cookie_mss(r, 80, 0x10000), 1300);
	KT_ASSERT(r->has_ts && r->has_sack);
	KT_EQ(r->tsecr, 1000);
	KT_EQ(r->wscale, 10);
	KT_EQ(r->mss, 1460);
	stack_enter(st);
	KT_EQ((r->tsval -
	       secure_tcp_ts_off(net_b, htonl(0x0a000002), htonl(0x0a000001))) &
		      0x3f,
	      5 | TS_OPT_SACK);
	stack_exit(st);

	ack_cookie(raw, r, 80, 0x10000, NULL);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESRECV), 1);
	KT_EQ(tn_netns_set("b"), 0);
	s = tn_accept(l, KT_SA(&peer), &plen);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_ASSERT(s >= 0);
	KT_EQ(ntohs(peer.sin_port), 2000);
	KT_EQ(tn_getsockopt(s, IPPROTO_TCP, TCP_INFO, &ti, &tlen), 0);
	KT_EQ(ti.tcpi_state, TCP_ESTABLISHED);
	KT_EQ(ti.tcpi_options,
	      TCPI_OPT_TIMESTAMPS | TCPI_OPT_SACK | TCPI_OPT_WSCALE);
	KT_EQ(ti.tcpi_snd_wscale, 5);
	KT_EQ(ti.tcpi_rcv_wscale, 10);
	KT_EQ(ti.tcpi_snd_mss, 1300 - 12);

	/* data from the peer, and to it with the cookie's sequence */
	spoof(raw, 2000, 80, 0x18, 0x10001, r->seq + 1,
	      &(struct spoof_opts){ -1, -1, 0, 1002, r->tsval }, "hello");
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 5);
	KT_ASSERT(!memcmp(buf, "hello", 5));
	nreplies = 0;
	KT_EQ(tn_send(s, "world", 5, 0), 5);
	KT_ASSERT(nreplies >= 1);
	KT_EQ(replies[nreplies - 1].seq, r->seq + 1);
	KT_EQ(replies[nreplies - 1].ack, 0x10001 + 5);
	tn_close(s);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/* Without timestamps the cookie keeps only the MSS: no wscale, no SACK. */
static void test_cookie_without_timestamps(void)
{
	const struct spoof_opts syn = { 500, 5, 1, -1, 0 };
	struct tcp_info ti;
	socklen_t tlen = sizeof(ti);
	int l, raw, s;

	setup();
	set_syncookies(2);
	l = listener(80, 8);
	raw = raw_socket();
	spoof(raw, 2001, 80, 0x02, 77, 0, &syn, NULL);
	KT_EQ(nreplies, 1);
	KT_EQ(cookie_mss(&replies[0], 80, 77), 536);
	KT_ASSERT(!replies[0].has_ts && !replies[0].has_sack);
	KT_EQ(replies[0].wscale, -1);
	ack_cookie(raw, &replies[0], 80, 77, NULL);
	KT_EQ(tn_netns_set("b"), 0);
	s = tn_accept(l, NULL, NULL);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_ASSERT(s >= 0);
	KT_EQ(tn_getsockopt(s, IPPROTO_TCP, TCP_INFO, &ti, &tlen), 0);
	KT_EQ(ti.tcpi_options, 0);
	KT_EQ(ti.tcpi_snd_mss, 536);
	tn_close(s);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/* The MSS table: the largest entry not above what the SYN offered. */
static void test_mss_table(void)
{
	static const struct {
		u16 in, out;
	} t[] = { { 0, 536 },	  { 536, 536 },	  { 1299, 536 },
		  { 1300, 1300 }, { 1439, 1300 }, { 1440, 1440 },
		  { 1459, 1440 }, { 1460, 1460 }, { 9000, 1460 } };
	struct iphdr iph = { .saddr = htonl(0x0a000001),
			     .daddr = htonl(0x0a000002) };
	struct tcphdr th = { .source = htons(1), .dest = htons(2) };
	size_t i;

	setup();
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		u16 mss = t[i].in;
		u32 cookie;

		th.seq = htonl(1234);
		stack_enter(st);
		cookie = __cookie_v4_init_sequence(net_b, &iph, &th, &mss);
		th.seq = htonl(1235);
		th.ack_seq = htonl(cookie + 1);
		KT_EQ(__cookie_v4_check(net_b, &iph, &th), t[i].out);
		/* another port pair does not check */
		th.source = htons(3);
		KT_EQ(__cookie_v4_check(net_b, &iph, &th), 0);
		th.source = htons(1);
		stack_exit(st);
		KT_EQ(mss, t[i].out);
	}
	teardown();
}

/*
 * A forged ACK whose cookie is wrong gets a RST (the listener answers an
 * ACK it cannot match, as Linux) and counts SyncookiesFailed.
 */
static void test_bad_cookie_refused(void)
{
	int l, raw;

	setup();
	set_syncookies(2);
	l = listener(80, 8);
	raw = raw_socket();
	spoof(raw, 3000, 80, 0x02, 500, 0, &all_opts, NULL);
	KT_EQ(nreplies, 1);
	spoof(raw, 3000, 80, 0x10, 501, replies[0].seq + 1 + 0x1000,
	      &(struct spoof_opts){ -1, -1, 0, 1001, replies[0].tsval }, NULL);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESFAILED), 1);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESRECV), 0);
	KT_EQ(nreplies, 2);
	KT_EQ(replies[1].flags, 0x04);
	KT_EQ(replies[1].seq, replies[0].seq + 1 + 0x1000);
	KT_EQ(reqsk_qlen(l), 0);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/*
 * A cookie is good while the minute counter moved by less than two:
 * taken at counter c, it is accepted at c + 1 and refused at c + 2.
 */
static void test_cookie_expiry(void)
{
	struct reply r0, r1;
	int l, raw, s;

	setup();
	set_syncookies(2);
	l = listener(80, 8);
	raw = raw_socket();
	/* the clock starts at 100 s: 121 s is early in counter 2 */
	tn_clock_advance(st, 21 * NSEC_PER_SEC);
	spoof(raw, 4000, 80, 0x02, 10, 0, &all_opts, NULL);
	spoof(raw, 4001, 80, 0x02, 20, 0, &all_opts, NULL);
	KT_EQ(nreplies, 2);
	r0 = replies[0];
	r1 = replies[1];
	tn_clock_advance(st, 60 * NSEC_PER_SEC); /* counter 3 */
	ack_cookie(raw, &r0, 80, 10, NULL);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESRECV), 1);
	KT_EQ(tn_netns_set("b"), 0);
	s = tn_accept(l, NULL, NULL);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_ASSERT(s >= 0);
	tn_close(s);
	/* a SYN keeps the listener "under flood" for the next check */
	spoof(raw, 4002, 80, 0x02, 30, 0, &all_opts, NULL);
	tn_clock_advance(st, 60 * NSEC_PER_SEC); /* counter 4 */
	nreplies = 0;
	ack_cookie(raw, &r1, 80, 20, NULL);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESFAILED), 1);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESRECV), 1);
	KT_EQ(nreplies, 1);
	KT_EQ(replies[0].flags, 0x04);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/*
 * Cookies do not help a full accept queue: the cookie's ACK is dropped
 * (no RST) with ListenOverflows and ListenDrops, as Linux.
 */
static void test_accept_queue_full(void)
{
	unsigned long ovf0, drops0;
	int l, raw, i;

	setup();
	set_syncookies(2);
	l = listener(80, 1);
	raw = raw_socket();
	for (i = 0; i < 3; i++)
		spoof(raw, (u16)(5000 + i), 80, 0x02, 40, 0, &all_opts, NULL);
	KT_EQ(nreplies, 3);
	ovf0 = mib(LINUX_MIB_LISTENOVERFLOWS);
	drops0 = mib(LINUX_MIB_LISTENDROPS);
	for (i = 0; i < 3; i++)
		ack_cookie(raw, &replies[i], 80, 40, NULL);
	/* a backlog of 1 holds two (sk_acceptq_is_full is ">") */
	KT_EQ(tp_sk_of(st, l)->sk_ack_backlog, 2);
	KT_EQ(mib(LINUX_MIB_SYNCOOKIESRECV), 3);
	KT_EQ(mib(LINUX_MIB_LISTENOVERFLOWS) - ovf0, 1);
	KT_EQ(mib(LINUX_MIB_LISTENDROPS) - drops0, 1);
	KT_EQ(nreplies, 3); /* nothing answered the dropped ACK */
	/* and a SYN now is dropped before any cookie */
	spoof(raw, 5003, 80, 0x02, 40, 0, &all_opts, NULL);
	KT_EQ(nreplies, 3);
	KT_EQ(mib(LINUX_MIB_LISTENOVERFLOWS) - ovf0, 2);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/*
 * 100,000 spoofed SYNs on a listener with a backlog of 16 while a real
 * client connects: the SYN queue never grows past its limit, nothing
 * is left behind, and the client's handshake completes through a
 * cookie and carries data.
 */
static void test_flood_real_client(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct tn_stack_stats stats;
	int l, raw, c = -1, s, i, maxq = 0;
	char buf[8];

	setup();
	l = listener(80, 16);
	raw = raw_socket();
	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	for (i = 0; i < 100000; i++) {
		spoof(raw, (u16)(1 + i % (SPOOF_MAX - 1)), 80, 0x02,
		      (u32)i * 7919U, 0, &all_opts, NULL);
		if (i % 1000 == 0) {
			int q = reqsk_qlen(l);

			if (q > maxq)
				maxq = q;
			nreplies = 0;
		}
		if (i == 50000) {
			c = tn_socket(AF_INET, SOCK_STREAM, 0);
			KT_ASSERT(c >= 0);
			KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
		}
	}
	KT_ASSERT(maxq <= 17);
	KT_EQ(reqsk_qlen(l), 17);
	/* all but the SYNs that found one of the 17 request socks (their
	 * ports come round about three times more) */
	KT_ASSERT(mib(LINUX_MIB_SYNCOOKIESSENT) >= 100000 - 17 * 4);
	tn_stack_get_stats(st, &stats);
	KT_ASSERT(stats.live_skbs < 64);
	KT_EQ(tn_netns_set("b"), 0);
	s = tn_accept(l, NULL, NULL);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_ASSERT(s >= 0);
	KT_ASSERT(mib(LINUX_MIB_SYNCOOKIESRECV) >= 1);
	KT_EQ(tn_send(c, "ping", 4, 0), 4);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 4);
	KT_EQ(tn_send(s, "pong", 4, 0), 4);
	KT_EQ(tn_recv(c, buf, sizeof(buf), MSG_DONTWAIT), 4);
	KT_ASSERT(!memcmp(buf, "pong", 4));
	tn_close(c);
	tn_close(s);
	tn_close(raw);
	tn_close(l);
	teardown();
}

/* The sysctl: default 1, range 0..2 as Linux (EINVAL outside). */
static void test_sysctl_range(void)
{
	int fd;

	setup();
	KT_EQ(net_b->ipv4.sysctl_tcp_syncookies, 1);
	set_syncookies(2);
	set_syncookies(0);
	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_open("/proc/sys/net/ipv4/tcp_syncookies", O_WRONLY, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, "3\n", 2), -1);
	KT_EQ(errno, EINVAL);
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(net_b->ipv4.sysctl_tcp_syncookies, 0);
	teardown();
}

KTEST_MAIN(KT(test_overflow_sends_cookies), KT(test_syncookies_0_drops),
	   KT(test_syncookies_2_always), KT(test_cookie_handshake_and_data),
	   KT(test_cookie_without_timestamps), KT(test_mss_table),
	   KT(test_bad_cookie_refused), KT(test_cookie_expiry),
	   KT(test_accept_queue_full), KT(test_flood_real_client),
	   KT(test_sysctl_range))
