// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP between two namespaces over veth, in virtual time: the SYN and
 * SYN-ACK option bytes as Linux sends them, a multi-megabyte transfer
 * both ways, retransmission of a dropped segment with the RTO doubling,
 * and TIME-WAIT lasting 60 s.  An rx_handler on each end records the
 * segments and drops the ones the test asks it to.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <linux/ip.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define KT_SA(p) ((struct sockaddr *)(void *)(p))

/* What one end received, and what it is told to drop. */
static struct tn_stack *st;
static struct tp_wire wire_a, wire_b; /* received by va, by vb */

static void setup(void)
{
	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	st = tp_setup(NULL, tp_wire_rx, &wire_a, tp_wire_rx, &wire_b);
}

static void teardown(void)
{
	tp_teardown(st);
}

static void test_syn_options(void)
{
	static const u8 syn_opts[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10 };
	int l, c, s;
	const struct tp_seg *syn, *synack;
	struct tcp_info ti;

	setup();
	tp_connect_pair(8080, &l, &c, &s);
	/* b received the SYN, a the SYN-ACK, each first */
	KT_ASSERT(wire_b.nsegs >= 2 && wire_a.nsegs >= 1);
	syn = &wire_b.segs[0];
	synack = &wire_a.segs[0];
	KT_EQ(syn->flags, 0x02);
	/* <mss 1460,sackOK,TS val X ecr 0,nop,wscale 10>, window 64240 */
	KT_EQ(syn->doff - 20, 20);
	KT_ASSERT(!memcmp(syn->raw + 20, syn_opts, sizeof(syn_opts)));
	KT_ASSERT(!memcmp(syn->raw + 20 + 12, "\0\0\0\0\x01\x03\x03\x0a", 8));
	KT_EQ(syn->win, 64240);
	/* SYN-ACK: <mss 1460,sackOK,TS val Y ecr X,nop,wscale 10>, 65160 */
	KT_EQ(synack->flags, 0x12);
	KT_EQ(synack->doff - 20, 20);
	KT_ASSERT(!memcmp(synack->raw + 20, syn_opts, sizeof(syn_opts)));
	KT_ASSERT(!memcmp(synack->raw + 20 + 12, syn->raw + 20 + 8, 4));
	KT_ASSERT(!memcmp(synack->raw + 20 + 16, "\x01\x03\x03\x0a", 4));
	KT_EQ(synack->win, 65160);
	/* the third segment: ACK with <nop,nop,TS> */
	KT_EQ(wire_b.segs[1].flags, 0x10);
	KT_EQ(wire_b.segs[1].doff, 32U);
	/* 64240 scaled by 10 and rounded up, as Linux 6.18: 63 */
	KT_EQ(wire_b.segs[1].win, 63);
	KT_ASSERT(!memcmp(wire_b.segs[1].raw + 20, "\x01\x01\x08\x0a", 4));

	ti = tp_info(c);
	KT_EQ(ti.tcpi_state, TCP_ESTABLISHED);
	KT_EQ(ti.tcpi_options,
	      TCPI_OPT_TIMESTAMPS | TCPI_OPT_SACK | TCPI_OPT_WSCALE);
	KT_EQ(ti.tcpi_snd_wscale, 10);
	KT_EQ(ti.tcpi_rcv_wscale, 10);
	KT_EQ(ti.tcpi_snd_mss, 1448);
	KT_EQ(ti.tcpi_advmss, 1448);
	KT_EQ(ti.tcpi_snd_cwnd, 10);
	KT_EQ(ti.tcpi_snd_ssthresh, 0x7fffffff);
	ti = tp_info(s);
	KT_EQ(ti.tcpi_state, TCP_ESTABLISHED);
	KT_EQ(ti.tcpi_snd_mss, 1448);
	/* data and its immediate ACK (quick ACK mode): 65160 scaled and
	 * rounded up, 64 (Linux 6.18 over veth) */
	KT_EQ(tn_send(c, "hello", 5, 0), 5);
	KT_EQ(wire_a.segs[wire_a.nsegs - 1].flags, 0x10);
	KT_EQ(wire_a.segs[wire_a.nsegs - 1].win, 64);
	KT_EQ(wire_b.segs[wire_b.nsegs - 1].flags, 0x18);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/* Move @total bytes each way at once, non-blocking, and check them. */
static void test_bulk_both_ways(void)
{
	enum { TOTAL = 4 * 1024 * 1024 };
	static unsigned char buf[65536];
	size_t sent[2] = { 0, 0 }, rcvd[2] = { 0, 0 };
	int l, c, s, fds[2], i, rounds = 0;

	setup();
	tp_connect_pair(9000, &l, &c, &s);
	fds[0] = c;
	fds[1] = s;
	while ((rcvd[0] < TOTAL || rcvd[1] < TOTAL) && rounds < 200000) {
		rounds++;
		for (i = 0; i < 2; i++) {
			ssize_t n;
			size_t k;

			if (sent[i] < TOTAL) {
				size_t want = TOTAL - sent[i];

				if (want > sizeof(buf))
					want = sizeof(buf);
				for (k = 0; k < want; k++)
					buf[k] = (unsigned char)((sent[i] + k) *
								 (i ? 7 : 13));
				n = tn_send(fds[i], buf, want, MSG_DONTWAIT);
				if (n > 0)
					sent[i] += (size_t)n;
				else
					KT_EQ(errno, EAGAIN);
			}
			n = tn_recv(fds[1 - i], buf, sizeof(buf), MSG_DONTWAIT);
			if (n > 0) {
				for (k = 0; k < (size_t)n; k++)
					if (buf[k] !=
					    (unsigned char)((rcvd[i] + k) *
							    (i ? 7 : 13)))
						break;
				KT_EQ(k, (size_t)n);
				rcvd[i] += (size_t)n;
			}
		}
		/* delayed ACKs and timers move on in virtual time */
		if (!(rounds % 16))
			tn_clock_advance(st, NSEC_PER_MSEC);
	}
	KT_EQ(rcvd[0], TOTAL);
	KT_EQ(rcvd[1], TOTAL);
	KT_EQ(tp_info(c).tcpi_total_retrans, 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/*
 * A dropped segment comes again after the RTO, and again after twice
 * that (RFC 6298 5.5), until it gets through.
 */
static void test_retransmit_backoff(void)
{
	char buf[64];
	struct tcp_info ti;
	u32 rto;
	int l, c, s;

	setup();
	{
		/* no tail loss probe: the RTO alone repeats the segment */
		int fd = tn_open("/proc/sys/net/ipv4/tcp_early_retrans",
				 O_WRONLY);

		KT_ASSERT(fd >= 0);
		KT_EQ(tn_write(fd, "0\n", 2), 2);
		tn_close(fd);
	}
	tp_connect_pair(9100, &l, &c, &s);
	ti = tp_info(c);
	rto = ti.tcpi_rto;
	/* a fast path: RTO = SRTT + 4 RTTVAR, RTTVAR at least 200 ms */
	KT_ASSERT(rto >= 200000 && rto < 300000);
	wire_b.drop_data = 3;
	KT_EQ(tn_send(c, "data", 4, 0), 4);
	KT_EQ(wire_b.dropped, 1);
	tn_clock_advance(st, rto / 1000 * NSEC_PER_MSEC - NSEC_PER_MSEC);
	KT_EQ(wire_b.dropped, 1);
	tn_clock_advance(st, 2 * NSEC_PER_MSEC);
	KT_EQ(wire_b.dropped, 2);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_backoff, 1);
	KT_EQ(ti.tcpi_retransmits, 1);
	KT_EQ(ti.tcpi_rto, 2 * (rto / 1000) * 1000);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Loss);
	KT_EQ(ti.tcpi_snd_cwnd, 1);
	/* the second retransmission comes 2 RTO later */
	tn_clock_advance(st,
			 2 * (rto / 1000) * NSEC_PER_MSEC - 2 * NSEC_PER_MSEC);
	KT_EQ(wire_b.dropped, 2);
	tn_clock_advance(st, 2 * NSEC_PER_MSEC);
	KT_EQ(wire_b.dropped, 3);
	KT_EQ(tp_info(c).tcpi_rto, 4 * (rto / 1000) * 1000);
	/* the third gets through */
	tn_clock_advance(st, 4 * (rto / 1000) * NSEC_PER_MSEC + NSEC_PER_MSEC);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 4);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_total_retrans, 3);
	KT_EQ(ti.tcpi_unacked, 0);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Open);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

static int count_state(const char *ns, const char *st_hex)
{
	char buf[8192], pat[8];
	ssize_t n;
	int fd, count = 0;
	const char *p;

	KT_EQ(tn_netns_set(ns), 0);
	fd = tn_open("/proc/net/tcp", O_RDONLY);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	snprintf(pat, sizeof(pat), " %s ", st_hex);
	for (p = buf; (p = strstr(p, pat)) != NULL; p++)
		count++;
	return count;
}

/* The side that closes first waits 60 s in TIME-WAIT, then is gone. */
static void test_time_wait_60s(void)
{
	char buf[8];
	int l, c, s;

	setup();
	tp_connect_pair(9200, &l, &c, &s);
	tn_close(c);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 0);
	tn_close(s);
	tn_close(l);
	KT_EQ(count_state(NULL, "06"), 1);
	KT_EQ(count_state("b", "06"), 0);
	tn_clock_advance(st, 59 * NSEC_PER_SEC);
	KT_EQ(count_state(NULL, "06"), 1);
	tn_clock_advance(st, 2 * NSEC_PER_SEC);
	KT_EQ(count_state(NULL, "06"), 0);
	teardown();
}

/*
 * Simultaneous close (RFC 9293 3.6, figure 13): both FINs cross, both
 * ends pass through CLOSING and both wait in TIME-WAIT.
 */
static void test_simultaneous_close(void)
{
	int l, c, s;

	setup();
	tp_connect_pair(9300, &l, &c, &s);
	wire_a.drop_flags = wire_b.drop_flags = 0x01; /* FIN */
	wire_a.drop_flags_n = wire_b.drop_flags_n = 1;
	KT_EQ(tn_shutdown(c, SHUT_WR), 0);
	KT_EQ(tn_shutdown(s, SHUT_WR), 0);
	KT_EQ(tp_info(c).tcpi_state, TCP_FIN_WAIT1);
	KT_EQ(tp_info(s).tcpi_state, TCP_FIN_WAIT1);
	KT_EQ(wire_a.dropped + wire_b.dropped, 2);
	/* each FIN comes again after the RTO and finds FIN-WAIT-1 */
	tn_clock_advance(st, 1 * NSEC_PER_SEC);
	KT_EQ(count_state(NULL, "06"), 1);
	KT_EQ(count_state("b", "06"), 1);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/*
 * Simultaneous open (RFC 9293 3.5 figure 8): a's SYN is lost, b's SYN
 * reaches a in SYN-SENT, which answers SYN-ACK from SYN-RECEIVED.
 */
static void test_simultaneous_open(void)
{
	struct sockaddr_in la = { .sin_family = AF_INET,
				  .sin_port = htons(7001) },
			   lb = tp_addr_b(7002);
	int ca, cb;

	setup();
	inet_pton(AF_INET, "10.0.0.1", &la.sin_addr);
	ca = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_EQ(tn_bind(ca, KT_SA(&la), sizeof(la)), 0);
	KT_EQ(tn_netns_set("b"), 0);
	cb = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_EQ(tn_bind(cb, KT_SA(&lb), sizeof(lb)), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	wire_b.drop_flags = 0x02; /* a's SYN */
	wire_b.drop_flags_n = 1;
	KT_EQ(tn_connect(ca, KT_SA(&lb), sizeof(lb)), -1);
	KT_EQ(errno, EINPROGRESS);
	KT_EQ(tp_info(ca).tcpi_state, TCP_SYN_SENT);
	KT_EQ(tn_connect(cb, KT_SA(&la), sizeof(la)), -1);
	KT_EQ(errno, EINPROGRESS);
	KT_EQ(tp_info(ca).tcpi_state, TCP_ESTABLISHED);
	KT_EQ(tp_info(cb).tcpi_state, TCP_ESTABLISHED);
	/* a's SYN-ACK carried its SYN again */
	KT_EQ(wire_b.segs[0].flags, 0x12);
	KT_EQ(tn_send(ca, "hi", 2, 0), 2);
	{
		char buf[4];

		KT_EQ(tn_recv(cb, buf, sizeof(buf), 0), 2);
	}
	tn_close(ca);
	tn_close(cb);
	teardown();
}

/*
 * Fast retransmit (RFC 5681 3.2, RACK's RFC 8985 with SACK): the first of
 * ten segments is lost; the SACKs of the other nine bring it again
 * without waiting for the RTO, and cwnd goes down to 0.7 of itself
 * (CUBIC's beta).
 */
static void test_fast_retransmit(void)
{
	static char data[10 * 1448], got[10 * 1448];
	struct tcp_info ti;
	size_t have = 0;
	int l, c, s, i;

	setup();
	tp_connect_pair(9400, &l, &c, &s);
	for (i = 0; i < (int)sizeof(data); i++)
		data[i] = (char)(i * 31);
	wire_b.drop_data = 1;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.dropped, 1);
	/* no time has passed: the loss was repaired by dupacks alone */
	while (have < sizeof(got)) {
		ssize_t n = tn_recv(s, got + have, sizeof(got) - have,
				    MSG_DONTWAIT);

		KT_ASSERT(n > 0);
		have += (size_t)n;
	}
	KT_ASSERT(!memcmp(data, got, sizeof(data)));
	ti = tp_info(c);
	KT_EQ(ti.tcpi_total_retrans, 1);
	KT_EQ(ti.tcpi_snd_ssthresh, 7); /* CUBIC: 10 * 717 / 1024 */
	/* the receiver held back the SACKs after the third (SACK
	 * compression): with three duplicate ACKs seen, a Linux 6.18 sender
	 * also leaves recovery with cwnd 8 (7 after nine) */
	KT_EQ(ti.tcpi_snd_cwnd, 8);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Open);
	{
		char cc[16];
		socklen_t cclen = sizeof(cc);

		KT_EQ(tn_getsockopt(c, IPPROTO_TCP, TCP_CONGESTION, cc, &cclen),
		      0);
		KT_STREQ(cc, "cubic");
	}
	KT_EQ(tp_tcpext("TCPSackRecovery"), 1); /* SACK was agreed */
	KT_EQ(tp_tcpext("TCPFastRetrans"), 1);
	KT_EQ(tp_tcpext("TCPTimeouts"), 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/* From b, a raw RST for the client's port with sequence number @seq. */
static void inject_rst(u16 sport, u16 dport, u32 seq)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	u8 th[20] = { 0 }, pseudo[12];
	u16 sum;
	int fd;

	inet_pton(AF_INET, "10.0.0.1", &dst.sin_addr);
	th[0] = (u8)(sport >> 8);
	th[1] = (u8)sport;
	th[2] = (u8)(dport >> 8);
	th[3] = (u8)dport;
	th[4] = (u8)(seq >> 24);
	th[5] = (u8)(seq >> 16);
	th[6] = (u8)(seq >> 8);
	th[7] = (u8)seq;
	th[12] = 5 << 4;
	th[13] = 0x04; /* RST */
	inet_pton(AF_INET, "10.0.0.2", pseudo);
	memcpy(pseudo + 4, &dst.sin_addr, 4);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_TCP;
	pseudo[10] = 0;
	pseudo[11] = 20;
	sum = tp_csum_fold_add(tp_csum_fold_add(0, pseudo, 12), th, 20);
	sum = (u16)~sum;
	th[16] = (u8)(sum >> 8);
	th[17] = (u8)sum;
	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_TCP);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_sendto(fd, th, sizeof(th), 0, KT_SA(&dst), sizeof(dst)), 20);
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
}

/*
 * RFC 5961 3.2: a RST inside the window but not at RCV.NXT gets a
 * challenge ACK and changes nothing; one exactly at RCV.NXT resets.
 */
static void test_rst_in_window(void)
{
	struct sockaddr_in me;
	socklen_t len = sizeof(me);
	u32 rcv_nxt;
	char buf[4];
	int l, c, s, n0;

	setup();
	tp_connect_pair(9500, &l, &c, &s);
	KT_EQ(tn_getsockname(c, KT_SA(&me), &len), 0);
	KT_EQ(wire_a.segs[0].flags, 0x12);
	rcv_nxt = wire_a.segs[0].seq + 1;
	n0 = (int)wire_b.nsegs;
	inject_rst(9500, ntohs(me.sin_port), rcv_nxt + 1000);
	KT_EQ(tp_info(c).tcpi_state, TCP_ESTABLISHED);
	KT_EQ(tp_tcpext("TCPChallengeACK"), 1);
	/* the challenge ACK went to b */
	KT_EQ((int)wire_b.nsegs, n0 + 1);
	KT_EQ(wire_b.segs[n0].flags, 0x10);
	/* out of the window altogether: dropped, no answer */
	inject_rst(9500, ntohs(me.sin_port), rcv_nxt + 0x40000000);
	KT_EQ(tp_info(c).tcpi_state, TCP_ESTABLISHED);
	KT_EQ((int)wire_b.nsegs, n0 + 1);
	/* exactly RCV.NXT: reset */
	inject_rst(9500, ntohs(me.sin_port), rcv_nxt);
	KT_EQ(tp_info(c).tcpi_state, TCP_CLOSE);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), -1);
	KT_EQ(errno, ECONNRESET);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/*
 * A reader that does not read: the window closes, the sender probes it
 * (RFC 9293 3.8.6.1) with backing off, and the transfer resumes when the
 * reader catches up.
 */
static void test_zero_window(void)
{
	static char buf[65536];
	size_t sent = 0, rcvd = 0;
	int l, c, s, i;
	long probes;

	setup();
	tp_connect_pair(9600, &l, &c, &s);
	memset(buf, 'z', sizeof(buf));
	for (i = 0; i < 200; i++) {
		ssize_t n = tn_send(c, buf, sizeof(buf), MSG_DONTWAIT);

		if (n > 0)
			sent += (size_t)n;
		tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	}
	KT_ASSERT(sent > 100000);
	tn_clock_advance(st, 30 * NSEC_PER_SEC);
	probes = tp_tcpext("TCPWinProbe");
	KT_ASSERT(probes >= 3 && probes <= 10);
	KT_EQ(tp_info(c).tcpi_state, TCP_ESTABLISHED);
	KT_EQ(tp_info(s).tcpi_state, TCP_ESTABLISHED);
	/* the receiver, in b, offered a zero window */
	KT_EQ(tn_netns_set("b"), 0);
	KT_ASSERT(tp_tcpext("TCPToZeroWindowAdv") >= 1);
	KT_EQ(tn_netns_set(NULL), 0);
	while (rcvd < sent) {
		ssize_t n = tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT);

		if (n > 0)
			rcvd += (size_t)n;
		else
			tn_clock_advance(st, 10 * NSEC_PER_MSEC);
		KT_ASSERT(n > 0 || errno == EAGAIN);
	}
	KT_EQ(rcvd, sent);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/*
 * Nothing gets through: TCP_USER_TIMEOUT ends the connection after its
 * time (here 3 s), else tcp_retries2 (15) after 924.6 s of back-off.
 */
static void test_give_up(void)
{
	int l, c, s, c2, s2, err, ut = 3000;
	socklen_t len = sizeof(err);

	setup();
	tp_connect_pair(9700, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT, &ut, sizeof(ut)),
	      0);
	c2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	{
		struct sockaddr_in a = tp_addr_b(9700);

		KT_EQ(tn_connect(c2, KT_SA(&a), sizeof(a)), 0);
	}
	s2 = tn_accept(l, NULL, NULL);
	KT_ASSERT(s2 >= 0);
	wire_b.drop_data = 1000;
	KT_EQ(tn_send(c, "x", 1, 0), 1);
	KT_EQ(tn_send(c2, "y", 1, 0), 1);
	tn_clock_advance(st, 2 * NSEC_PER_SEC);
	KT_EQ(tp_info(c).tcpi_state, TCP_ESTABLISHED);
	tn_clock_advance(st, 2 * NSEC_PER_SEC);
	KT_EQ(tp_info(c).tcpi_state, TCP_CLOSE);
	KT_EQ(tn_getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	KT_EQ(err, ETIMEDOUT);
	/* the other one: tcp_retries2 */
	tn_clock_advance(st, 900 * NSEC_PER_SEC);
	KT_EQ(tp_info(c2).tcpi_state, TCP_ESTABLISHED);
	KT_ASSERT(tp_info(c2).tcpi_retransmits >= 10);
	tn_clock_advance(st, 200 * NSEC_PER_SEC);
	KT_EQ(tp_info(c2).tcpi_state, TCP_CLOSE);
	KT_EQ(tn_getsockopt(c2, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	KT_EQ(err, ETIMEDOUT);
	wire_b.drop_data = 0;
	tn_close(c);
	tn_close(c2);
	tn_close(s);
	tn_close(s2);
	tn_close(l);
	teardown();
}

static unsigned int data_segs(const struct tp_wire *w, unsigned int from)
{
	unsigned int i, n = 0;

	for (i = from; i < w->nsegs; i++)
		n += w->segs[i].datalen > 0;
	return n;
}

/*
 * Nagle (RFC 9293 3.7.4): a second small segment waits while the first
 * is unacknowledged (its ACK is lost here); TCP_NODELAY sends it at once;
 * TCP_CORK holds small writes until uncorked, then sends them as one.
 */
static void test_nagle_nodelay_cork(void)
{
	int l, c, s, one = 1, zero = 0;
	unsigned int n0;
	char buf[8];

	setup();
	tp_connect_pair(9800, &l, &c, &s);
	wire_a.drop_flags = 0x10; /* the ACKs to the sender */
	wire_a.drop_flags_n = 1000;
	n0 = wire_b.nsegs;
	KT_EQ(tn_send(c, "a", 1, 0), 1);
	KT_EQ(tn_send(c, "b", 1, 0), 1);
	KT_EQ(data_segs(&wire_b, n0), 1);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	/* setting TCP_NODELAY pushes what Nagle held */
	KT_EQ(data_segs(&wire_b, n0), 2);
	KT_EQ(tn_send(c, "c", 1, 0), 1);
	KT_EQ(data_segs(&wire_b, n0), 3);
	wire_a.drop_flags_n = 0;
	tn_clock_advance(st, 2 * NSEC_PER_SEC);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 3);
	KT_EQ(tp_info(c).tcpi_unacked, 0);

	/* TCP_CORK */
	n0 = wire_b.nsegs;
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_CORK, &one, sizeof(one)), 0);
	KT_EQ(tn_send(c, "x", 1, 0), 1);
	KT_EQ(tn_send(c, "y", 1, 0), 1);
	KT_EQ(tn_send(c, "z", 1, 0), 1);
	KT_EQ(data_segs(&wire_b, n0), 0);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_CORK, &zero, sizeof(zero)), 0);
	KT_EQ(data_segs(&wire_b, n0), 1);
	KT_EQ(wire_b.segs[wire_b.nsegs - 1].datalen, 3);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 3);
	KT_ASSERT(!memcmp(buf, "xyz", 3));
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

static u32 seg_ts(const struct tp_seg *sg, int ecr)
{
	const u8 *o =
		sg->raw + 20 + 4 + (ecr ? 4 : 0); /* <nop,nop,TS val ecr> */

	return ((u32)o[0] << 24) | ((u32)o[1] << 16) | ((u32)o[2] << 8) | o[3];
}

/*
 * RFC 7323 4.3: each ACK echoes the TSval of the segment it answers, so
 * the timestamps of every segment after the handshake must be read.
 */
static void test_ts_echo(void)
{
	const struct tp_seg *data, *ack;
	int l, c, s, i;
	char b[8];

	setup();
	tp_connect_pair(9100, &l, &c, &s);
	for (i = 0; i < 2; i++) {
		tn_clock_advance(st, 1000 * NSEC_PER_MSEC);
		wire_a.nsegs = 0;
		wire_b.nsegs = 0;
		KT_EQ(tn_send(c, "x", 1, 0), 1);
		KT_EQ(tn_recv(s, b, sizeof(b), 0), 1);
		tn_clock_advance(st, 50 * NSEC_PER_MSEC); /* the delayed ACK */
		KT_ASSERT(wire_b.nsegs >= 1 && wire_a.nsegs >= 1);
		data = &wire_b.segs[0];
		ack = &wire_a.segs[wire_a.nsegs - 1];
		KT_EQ(data->datalen, 1);
		KT_EQ(data->doff - 20, 12);
		KT_EQ(ack->doff - 20, 12);
		KT_EQ(seg_ts(ack, 1), seg_ts(data, 0));
	}
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

KTEST_MAIN(KT(test_syn_options), KT(test_ts_echo), KT(test_nagle_nodelay_cork),
	   KT(test_give_up), KT(test_zero_window), KT(test_rst_in_window),
	   KT(test_fast_retransmit), KT(test_bulk_both_ways),
	   KT(test_retransmit_backoff), KT(test_time_wait_60s),
	   KT(test_simultaneous_close), KT(test_simultaneous_open))
