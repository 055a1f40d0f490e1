// SPDX-License-Identifier: BSD-2-Clause
/*
 * Loss recovery between two namespaces over veth, in virtual time (the
 * wire has no delay, so RTTs are near zero and RACK's reordering window
 * is too): the sysctls and their Linux defaults; SACK recovery repairing
 * a hole without a timeout (TCPSackRecovery, PRR ending at ssthresh);
 * the same without SACK (NewReno, TCPRenoRecovery); the tail loss probe
 * repairing a lost last segment before the RTO (TCPLossProbes), and
 * tcp_early_retrans=0 leaving it to the RTO.  An rx_handler on vb drops
 * the data segments the test names.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/tcp.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "kfile.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define MSS 1448

struct wire {
	unsigned int data_segs; /* data segments seen (dropped or not) */
	u32 drop_mask; /* drop data segment n (from 0) if bit n is set */
	int dropped;
};

static struct tn_stack *st;
static struct wire wire_b; /* what vb receives */

static rx_handler_result_t wire_rx(struct sk_buff **pskb)
{
	struct wire *w = (*pskb)->dev->rx_handler_data;
	static struct tp_seg seg;
	unsigned int n;

	if (!tp_seg_parse(*pskb, 0, &seg) || !seg.datalen)
		return RX_HANDLER_PASS;
	n = w->data_segs++;
	if (n < 32 && (w->drop_mask & (1U << n))) {
		w->dropped++;
		kfree_skb(*pskb);
		return RX_HANDLER_CONSUMED;
	}
	return RX_HANDLER_PASS;
}

static void setup(void)
{
	memset(&wire_b, 0, sizeof(wire_b));
	st = tp_setup(NULL, NULL, NULL, wire_rx, &wire_b);
}

static void close_pair(int l, int c, int s)
{
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

/* read /proc/sys/net/ipv4/@name of the current namespace into @buf */
/* receive @len bytes on @s, all there already */
static void drain(int s, size_t len)
{
	static char got[64 * MSS];
	size_t have = 0;

	KT_ASSERT(len <= sizeof(got));
	while (have < len) {
		ssize_t n = tn_recv(s, got + have, len - have, MSG_DONTWAIT);

		KT_ASSERT(n > 0);
		have += (size_t)n;
	}
}

/* Linux's defaults; tcp_early_retrans takes 0..4 only */
static void test_sysctls(void)
{
	char buf[32];
	int fd;

	setup();
	kt_ipv4_sysctl_read("tcp_recovery", buf, sizeof(buf));
	KT_STREQ(buf, "1\n");
	kt_ipv4_sysctl_read("tcp_early_retrans", buf, sizeof(buf));
	KT_STREQ(buf, "3\n");
	kt_ipv4_sysctl_read("tcp_frto", buf, sizeof(buf));
	KT_STREQ(buf, "2\n");
	kt_ipv4_sysctl_read("tcp_max_reordering", buf, sizeof(buf));
	KT_STREQ(buf, "300\n");
	fd = tn_open("/proc/sys/net/ipv4/tcp_early_retrans", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, "5\n", 2), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_write(fd, "4\n", 2), 2);
	tn_close(fd);
	kt_ipv4_sysctl_read("tcp_early_retrans", buf, sizeof(buf));
	KT_STREQ(buf, "4\n");
	tp_teardown(st);
}

/*
 * The first and the fourth of ten segments are lost: SACKs show both
 * holes, RACK marks them lost, one recovery episode sends both again
 * with no timeout, and recovery ends with cwnd = ssthresh (PRR).
 */
static void test_sack_recovery(void)
{
	static char data[10 * MSS];
	struct tcp_info ti;
	int l, c, s;

	setup();
	tp_connect_pair(9700, &l, &c, &s);
	wire_b.drop_mask = (1U << 0) | (1U << 3);
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.dropped, 2);
	drain(s, sizeof(data));
	ti = tp_info(c);
	KT_EQ(ti.tcpi_total_retrans, 2);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Open);
	KT_EQ(ti.tcpi_snd_ssthresh, 7);
	KT_EQ(ti.tcpi_snd_cwnd, 7);
	KT_EQ(ti.tcpi_lost, 0);
	KT_EQ(ti.tcpi_sacked, 0);
	KT_EQ(ti.tcpi_retrans, 0);
	KT_EQ(ti.tcpi_unacked, 0);
	KT_EQ(tp_tcpext("TCPSackRecovery"), 1);
	KT_EQ(tp_tcpext("TCPRenoRecovery"), 0);
	KT_EQ(tp_tcpext("TCPFastRetrans"), 2);
	KT_EQ(tp_tcpext("TCPTimeouts"), 0);
	KT_EQ(tp_tcpext("TCPLostRetransmit"), 0);
	close_pair(l, c, s);
	tp_teardown(st);
}

/* Without SACK (tcp_sack=0 on the listener's side): NewReno */
static void test_reno_recovery(void)
{
	static char data[10 * MSS];
	struct tcp_info ti;
	int l, c, s;

	setup();
	KT_EQ(tn_netns_set("b"), 0);
	kt_ipv4_sysctl_set("tcp_sack", "0\n");
	KT_EQ(tn_netns_set(NULL), 0);
	tp_connect_pair(9701, &l, &c, &s);
	KT_EQ(tp_info(c).tcpi_options & TCPI_OPT_SACK, 0);
	wire_b.drop_mask = 1U << 0;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	drain(s, sizeof(data));
	ti = tp_info(c);
	KT_EQ(ti.tcpi_total_retrans, 1);
	/* RFC 6582 3.2: recovery holds until an ACK beyond "recover"
	 * (high_seq), which only new data can bring */
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Recovery);
	KT_EQ(tn_send(c, "x", 1, 0), 1);
	drain(s, 1);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Open);
	KT_EQ(ti.tcpi_snd_ssthresh, 7);
	KT_EQ(tp_tcpext("TCPRenoRecovery"), 1);
	KT_EQ(tp_tcpext("TCPSackRecovery"), 0);
	KT_EQ(tp_tcpext("TCPTimeouts"), 0);
	close_pair(l, c, s);
	tp_teardown(st);
}

/*
 * The last of four segments is lost: nothing comes back to show it, so
 * the tail loss probe sends it again before the RTO would; no cwnd
 * reduction for a probe that the ACK covers exactly.
 */
static void test_tail_loss_probe(void)
{
	static char data[4 * MSS];
	struct tcp_info ti;
	u32 rto;
	int l, c, s;

	setup();
	tp_connect_pair(9702, &l, &c, &s);
	rto = tp_info(c).tcpi_rto / 1000;
	wire_b.drop_mask = 1U << 3;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.dropped, 1);
	KT_EQ(tp_info(c).tcpi_unacked, 1);
	/* PTO = 2 SRTT + the minimum RTO (one segment out), capped at the
	 * RTO: just before it nothing, by then the probe */
	tn_clock_advance(st, (rto - 5) * NSEC_PER_MSEC);
	KT_EQ(tp_info(c).tcpi_total_retrans, 0);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_total_retrans, 1);
	KT_EQ(ti.tcpi_unacked, 0);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Open);
	KT_EQ(ti.tcpi_backoff, 0);
	KT_EQ(ti.tcpi_snd_cwnd, 10);
	KT_EQ(tp_tcpext("TCPLossProbes"), 1);
	KT_EQ(tp_tcpext("TCPTimeouts"), 0);
	KT_EQ(tp_tcpext("TCPLossProbeRecovery"), 0);
	drain(s, sizeof(data));
	/* the ACK of the FIN goes past the probe's snd_nxt: the episode
	 * counts as a repaired loss (Linux 6.18 on veth does the same) */
	close_pair(l, c, s);
	tn_clock_advance(st, NSEC_PER_SEC);
	KT_EQ(tp_tcpext("TCPLossProbeRecovery"), 1);
	tp_teardown(st);
}

/* tcp_early_retrans=0: no probe, the RTO repairs the tail (Loss) */
static void test_no_tail_loss_probe(void)
{
	static char data[4 * MSS];
	int l, c, s;

	setup();
	kt_ipv4_sysctl_set("tcp_early_retrans", "0\n");
	tp_connect_pair(9703, &l, &c, &s);
	wire_b.drop_mask = 1U << 3;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	tn_clock_advance(st, 1500 * NSEC_PER_MSEC);
	KT_EQ(tp_info(c).tcpi_total_retrans, 1);
	KT_EQ(tp_info(c).tcpi_unacked, 0);
	KT_EQ(tp_tcpext("TCPLossProbes"), 0);
	KT_EQ(tp_tcpext("TCPTimeouts"), 1);
	drain(s, sizeof(data));
	close_pair(l, c, s);
	tp_teardown(st);
}

/*
 * tcp_enter_cwr, what an ECN echo calls (RFC 3168 6.1.2): CWR with
 * ssthresh from the congestion control (CUBIC: cwnd * 717 / 1024), PRR
 * while what was in flight is acked, then Open with cwnd at ssthresh and
 * nothing sent twice.
 */
static void test_enter_cwr(void)
{
	static char data[20 * MSS];
	struct tcp_info ti;
	struct sock *sk;
	u32 cwnd;
	int l, c, s;

	setup();
	tp_connect_pair(9704, &l, &c, &s);
	sk = tp_sk_of(st, c);
	KT_EQ(tn_send(c, data, 10 * MSS, 0), 10 * MSS);
	drain(s, 10 * MSS);
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	cwnd = tp_info(c).tcpi_snd_cwnd;
	KT_ASSERT(cwnd >= 10);
	stack_enter(st);
	tcp_enter_cwr(sk);
	stack_exit(st);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_CWR);
	KT_EQ(ti.tcpi_snd_ssthresh, cwnd * 717 / 1024);
	/* entered twice: no second reduction */
	stack_enter(st);
	tcp_enter_cwr(sk);
	stack_exit(st);
	KT_EQ(tp_info(c).tcpi_snd_ssthresh, cwnd * 717 / 1024);
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	drain(s, sizeof(data));
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
	ti = tp_info(c);
	KT_EQ(ti.tcpi_ca_state, TCP_CA_Open);
	KT_EQ(ti.tcpi_snd_ssthresh, cwnd * 717 / 1024);
	KT_ASSERT(ti.tcpi_snd_cwnd >= ti.tcpi_snd_ssthresh);
	KT_ASSERT(ti.tcpi_snd_cwnd < cwnd);
	KT_EQ(ti.tcpi_total_retrans, 0);
	close_pair(l, c, s);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_sysctls), KT(test_sack_recovery), KT(test_reno_recovery),
	   KT(test_tail_loss_probe), KT(test_no_tail_loss_probe),
	   KT(test_enter_cwr))
