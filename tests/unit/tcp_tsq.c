// SPDX-License-Identifier: BSD-2-Clause
/*
 * The send path below TCP, in virtual time over a veth pair whose sending
 * end has a pfifo qdisc and a queue the test stops and wakes (a device
 * that does not drain: its packets stay in the qdisc, still charged to
 * the socket, as on Linux with a slow NIC or tbf):
 *  - TCP Small Queues: with a large cwnd, a write while the queue is
 *    stopped leaves at most tcp_limit_output_bytes (plus the last skb)
 *    below TCP, where the default 4 MiB lets the whole window go down;
 *    the flow is throttled, and when the queue drains the TX completions
 *    alone (no ACK comes) send more, through the TSQ tasklet;
 *  - the sysctl is per namespace, and a sock sends with its namespace's;
 *  - tcp_autocorking: small TCP_NODELAY writes while an earlier packet
 *    is still in the qdisc are held (TcpExtTCPAutoCorking counts the
 *    first) and go as one packet at its TX completion; with the sysctl
 *    off each write is a packet of its own;
 *  - tcp_tso_rtt_log: the TSO size grows for a small min RTT;
 *  - tcp_backlog_ack_defer: the backlog's segments get one ACK, at
 *    release_sock().
 * Linux 6.18 over veth with tbf shows the same on `ss -tmi` (skmem t at
 * the limit); see docs/tcp.md.
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
#include <net/sch_generic.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "kfile.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define MSEC NSEC_PER_MSEC

static struct tn_stack *st;
static bool drop_a; /* va drops what it receives (the peer's ACKs) */
static unsigned int data_b; /* data segments vb received */

static unsigned int acks_a; /* pure ACKs va received */

static rx_handler_result_t rx_a(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct tp_seg s;

	if (tp_seg_parse(skb, 0, &s) && !s.datalen && s.flags == 0x10)
		acks_a++;
	if (drop_a && skb->protocol == htons(ETH_P_IP)) {
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	return RX_HANDLER_PASS;
}

static rx_handler_result_t rx_b(struct sk_buff **pskb)
{
	struct tp_seg s;

	if (tp_seg_parse(*pskb, 0, &s) && s.datalen)
		data_b++;
	return RX_HANDLER_PASS;
}

static int ifindex(const char *name)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	KT_EQ(tn_ioctl(fd, SIOCGIFINDEX, &ifr), 0);
	tn_close(fd);
	return ifr.ifr_ifindex;
}

/* @msg: a netlink message with room behind it */
static void addattr(void *msg, int type, const void *data, int len)
{
	struct nlmsghdr *n = msg;
	struct rtattr *rta =
		(struct rtattr *)((char *)msg + NLMSG_ALIGN(n->nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, (size_t)len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* tc qdisc add dev @dev root pfifo */
static void pfifo(const char *dev)
{
	struct {
		struct nlmsghdr n;
		struct tcmsg t;
		char attrs[256];
	} req;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char buf[4096];
	struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
	int fd;

	memset(&req, 0, sizeof(req));
	req.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	req.n.nlmsg_type = RTM_NEWQDISC;
	req.n.nlmsg_flags =
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	req.t.tcm_family = AF_UNSPEC;
	req.t.tcm_ifindex = ifindex(dev);
	req.t.tcm_parent = TC_H_ROOT;
	addattr(&req, TCA_KIND, "pfifo", 6);
	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	KT_EQ(tn_send(fd, &req, req.n.nlmsg_len, 0), req.n.nlmsg_len);
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, 0);
	tn_close(fd);
}

/* stop (@stop) or wake va's queue, as its driver would */
static void va_queue(bool stop)
{
	struct net_device *va;

	stack_enter(st);
	va = __dev_get_by_name(st->init_net, "va");
	KT_ASSERT(va);
	if (stop)
		netif_stop_queue(va);
	else
		netif_wake_queue(va);
	stack_exit(st); /* the softirq runs the qdisc and the tasklets */
}

/* bytes in va's qdisc */
static u32 va_backlog(void)
{
	struct net_device *va;
	u32 b;

	stack_enter(st);
	va = __dev_get_by_name(st->init_net, "va");
	b = va->qdisc->qstats.backlog;
	stack_exit(st);
	return b;
}

static char buf[1 << 18];

static void drain(int s)
{
	while (tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

static void nonblock(int fd)
{
	KT_EQ(tn_fcntl(fd, F_SETFL, tn_fcntl(fd, F_GETFL, 0) | O_NONBLOCK), 0);
}

/* a bulk transfer long enough for a large cwnd and send buffer */
static void warm_up(int c, int s)
{
	u64 sent = 0;
	int i;

	nonblock(c);
	for (i = 0; i < 2000 && sent < (16U << 20); i++) {
		ssize_t n = tn_send(c, buf, sizeof(buf), 0);

		if (n > 0)
			sent += (u64)n;
		tn_clock_advance(st, MSEC);
		drain(s);
	}
	tn_clock_advance(st, 100 * MSEC);
	drain(s);
}

static void setup(int port, int *l, int *c, int *s)
{
	drop_a = false;
	data_b = 0;
	st = tp_setup(NULL, rx_a, NULL, rx_b, NULL);
	pfifo("va");
	/* a send buffer that holds more than the window */
	kt_ipv4_sysctl_set("tcp_wmem", "4096 4194304 4194304");
	tp_connect_pair(port, l, c, s);
}

static void done(int l, int c, int s)
{
	drop_a = false;
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

/*
 * With the queue stopped and no ACKs, one large write: how many bytes the
 * sock leaves below TCP (sk_wmem_alloc), which must equal what the qdisc
 * holds (plus the skbs' overhead).
 */
static int stalled_write(int c, struct sock *sk)
{
	int i;

	va_queue(true);
	drop_a = true;
	for (i = 0; i < 4; i++)
		KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KT_ASSERT(va_backlog() > 0);
	return sk->sk_wmem_alloc;
}

static void test_tsq_limit(void)
{
	struct sock *sk;
	u32 nxt, cwnd_bytes;
	int l, c, s, wmem;

	setup(9001, &l, &c, &s);
	KT_EQ(kt_ipv4_sysctl_get("tcp_limit_output_bytes"), 4194304);
	warm_up(c, s);
	sk = tp_sk_of(st, c);
	cwnd_bytes = tcp_snd_cwnd(tcp_sk(sk)) * tcp_sk(sk)->mss_cache;
	KT_ASSERT(cwnd_bytes > 400U * 1024U);

	/* 16 KiB: what is below TCP stays at the limit, plus the skbs sent
	 * while under it or while the retransmit queue held one skb or
	 * none (two TSO packets of 64 KB at most) */
	kt_ipv4_sysctl_set("tcp_limit_output_bytes", "16384");
	wmem = stalled_write(c, sk);
	KT_ASSERT(wmem >= 16384);
	KT_ASSERT(wmem < 16384 + 2 * 70000);
	KT_ASSERT(tcp_sk(sk)->tsq_flags & TSQF_THROTTLED);
	KT_ASSERT(tcp_send_head(sk)); /* the window would allow more */
	KT_ASSERT(tcp_packets_in_flight(tcp_sk(sk)) * 1448U + 256U * 1024U <
		  cwnd_bytes);

	/* the queue drains: no ACK comes, the TX completions send more */
	nxt = tcp_sk(sk)->snd_nxt;
	va_queue(false);
	KT_ASSERT(after(tcp_sk(sk)->snd_nxt, nxt + 16384));
	KT_ASSERT(!(tcp_sk(sk)->tsq_flags & TSQF_QUEUED));

	/* everything arrives once the ACKs do */
	drop_a = false;
	tn_clock_advance(st, 2000 * MSEC);
	drain(s);
	tn_clock_advance(st, 100 * MSEC);
	drain(s);
	KT_EQ(tcp_sk(sk)->snd_una, tcp_sk(sk)->write_seq);
	KT_EQ(sk->sk_wmem_alloc, 0);
	done(l, c, s);
}

/* the default 4 MiB: the whole window goes down to the stopped device */
static void test_tsq_default_fills_cwnd(void)
{
	struct sock *sk;
	int l, c, s, wmem;

	setup(9002, &l, &c, &s);
	warm_up(c, s);
	sk = tp_sk_of(st, c);
	wmem = stalled_write(c, sk);
	KT_ASSERT(wmem > 400 * 1024);
	/* all the window allowed: what is left waits for ACKs */
	KT_ASSERT(tcp_packets_in_flight(tcp_sk(sk)) + 45 >=
		  tcp_snd_cwnd(tcp_sk(sk)));
	va_queue(false);
	drop_a = false;
	tn_clock_advance(st, 2000 * MSEC);
	drain(s);
	tn_clock_advance(st, 100 * MSEC);
	drain(s);
	done(l, c, s);
}

/* per namespace: b keeps its default while the initial one changes */
static void test_per_namespace(void)
{
	int l, c, s;

	setup(9003, &l, &c, &s);
	kt_ipv4_sysctl_set("tcp_limit_output_bytes", "65536");
	kt_ipv4_sysctl_set("tcp_autocorking", "0");
	kt_ipv4_sysctl_set("tcp_tso_rtt_log", "3");
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(kt_ipv4_sysctl_get("tcp_limit_output_bytes"), 4194304);
	KT_EQ(kt_ipv4_sysctl_get("tcp_autocorking"), 1);
	KT_EQ(kt_ipv4_sysctl_get("tcp_tso_rtt_log"), 9);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(kt_ipv4_sysctl_get("tcp_limit_output_bytes"), 65536);
	done(l, c, s);
}

/*
 * Autocorking: 10 writes of 100 bytes with TCP_NODELAY into a stopped
 * queue.  The first goes down at once (nothing of ours below TCP); the
 * second is held (TcpExtTCPAutoCorking 1): an skb of ours as large is in
 * the qdisc.  The third makes the held skb larger than what is below us:
 * it goes (200 bytes); the remaining 7 are held behind those two (the
 * flow stays throttled, counted once) and leave as one packet at their TX
 * completion: 3 packets.  With tcp_autocorking=0, 10.  Linux 6.18 gives
 * the same 3 packets and count over veth with the writes held by tbf.
 */
static unsigned int small_writes(bool autocork, long *corked)
{
	int one = 1, l, c, s, i;
	long before;
	unsigned int segs;

	setup(autocork ? 9004 : 9005, &l, &c, &s);
	if (!autocork)
		kt_ipv4_sysctl_set("tcp_autocorking", "0");
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	before = tp_tcpext("TCPAutoCorking");
	va_queue(true);
	for (i = 0; i < 10; i++)
		KT_EQ(tn_send(c, buf, 100, 0), 100);
	KT_EQ(data_b, 0U);
	va_queue(false);
	tn_clock_advance(st, 100 * MSEC);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 1000);
	*corked = tp_tcpext("TCPAutoCorking") - before;
	segs = data_b;
	done(l, c, s);
	return segs;
}

static void test_autocorking(void)
{
	long corked;

	KT_EQ(small_writes(true, &corked), 3U);
	KT_EQ(corked, 1);
	KT_EQ(small_writes(false, &corked), 10U);
	KT_EQ(corked, 0);
}

/*
 * tcp_tso_rtt_log: a flow with a min RTT of 20 ms and a pacing rate of
 * 1448 KB/s (set on the sock: no ACK comes to change them while the
 * ACKs are dropped).  1 ms of the rate is 1 segment, so the TSO packets
 * carry tcp_min_tso_segs (2): 5 for a 10-segment write.  The RTT term
 * adds 64 KB >> (20000 >> log): nothing with the default 9 (39 halvings)
 * or 0, 4 KB with 12 (3 segments a packet: 4 packets), 32 KB with 14 and
 * all 64 KB with 31: then the packets are as large as the window lets
 * one be (half the cwnd, tcp_cwnd_test()): 2 packets.  Counted as vb
 * receives them (va keeps TSO: a packet arrives whole).
 */
static unsigned int tso_packets(const char *log)
{
	int one = 1, l, c, s;
	struct net *nb;
	struct sock *sk;
	unsigned int n;

	drop_a = false;
	data_b = 0;
	st = tp_setup(&nb, rx_a, NULL, NULL, NULL);
	/* vb's handler counts packets; va keeps TSO (tp_setup would turn
	 * it off), so each TSO packet arrives whole, one skb */
	stack_enter(st);
	rtnl_lock();
	KT_EQ(netdev_rx_handler_register(__dev_get_by_name(nb, "vb"), rx_b,
					 NULL),
	      0);
	rtnl_unlock();
	stack_exit(st);
	kt_ipv4_sysctl_set("tcp_wmem", "4096 4194304 4194304");
	tp_connect_pair(9006, &l, &c, &s);
	kt_ipv4_sysctl_set("tcp_tso_rtt_log", log);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	sk = tp_sk_of(st, c);
	stack_enter(st);
	tcp_sk(sk)->rtt_min_us = 20000;
	sk->sk_pacing_rate = 1448000;
	stack_exit(st);
	drop_a = true; /* no ACK changes them */
	KT_EQ(tn_send(c, buf, 10 * 1448, 0), 10 * 1448);
	n = data_b;
	drop_a = false;
	tn_clock_advance(st, 3000 * MSEC);
	drain(s);
	done(l, c, s);
	return n;
}

static void test_tso_rtt_log(void)
{
	KT_EQ(tso_packets("9"), 5U);
	KT_EQ(tso_packets("0"), 5U);
	KT_EQ(tso_packets("12"), 4U);
	KT_EQ(tso_packets("14"), 2U);
	KT_EQ(tso_packets("31"), 2U);
}

/*
 * tcp_backlog_ack_defer (Linux 6.8+): 5 segments arrive while the test
 * owns the receiver (lock_sock), so they wait in its backlog; at
 * release_sock() they are processed, and the ACKs they call for (quick
 * ACKs, at the start of a connection) become one, sent by
 * tcp_release_cb().  With the sysctl 0 each is ACKed as processed.
 */
static unsigned int backlog_acks(bool defer)
{
	int l, c, s;
	struct sock *sk;
	unsigned int n;

	setup(defer ? 9007 : 9008, &l, &c, &s);
	if (!defer) {
		KT_EQ(tn_netns_set("b"), 0);
		kt_ipv4_sysctl_set("tcp_backlog_ack_defer", "0");
		KT_EQ(tn_netns_set(NULL), 0);
	}
	sk = tp_sk_of(st, s);
	stack_enter(st);
	lock_sock(sk);
	stack_exit(st);
	acks_a = 0;
	KT_EQ(tn_send(c, buf, 5 * 1448, 0), 5 * 1448);
	KT_EQ(acks_a, 0U);
	KT_EQ(sk->sk_backlog.len > 0, 1);
	stack_enter(st);
	release_sock(sk);
	stack_exit(st);
	n = acks_a;
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 5 * 1448);
	done(l, c, s);
	return n;
}

static void test_backlog_ack_defer(void)
{
	KT_EQ(backlog_acks(true), 1U);
	KT_EQ(backlog_acks(false), 5U);
}

/*
 * Pure ACKs weigh 2 bytes each on their sock while they wait below TCP
 * (Linux's skb_set_tcp_pure_ack), so they neither fill TSQ's allowance
 * nor wake its tasklet; data and FINs weigh their truesize.
 */
static void test_pure_ack_weight(void)
{
	struct net_device *va;
	struct sock *sk;
	u32 qlen;
	int l, c, s, i, one = 1;

	setup(9008, &l, &c, &s);
	sk = tp_sk_of(st, c);
	KT_EQ(tn_setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	va_queue(true);
	for (i = 0; i < 8; i++) {
		KT_EQ(tn_send(s, buf, 1000, 0), 1000);
		tn_clock_advance(st, MSEC);
	}
	stack_enter(st);
	va = __dev_get_by_name(st->init_net, "va");
	qlen = va->qdisc->q.qlen;
	stack_exit(st);
	KT_ASSERT(qlen >= 4); /* quick ACKs at the start */
	KT_EQ(sk->sk_wmem_alloc, (int)(2 * qlen));
	va_queue(false);
	KT_EQ(sk->sk_wmem_alloc, 0);
	drain(c);
	done(l, c, s);
}

/*
 * The stack goes away while a throttled flow's packets sit in a stopped
 * queue: freeing them at the device's unregistration schedules the
 * sock's tasklet with the sock's last reference, and that tasklet must
 * still run, or the sock is never freed.
 */
static void (*inet_destruct)(struct sock *sk);
static int destructed;

static void count_destruct(struct sock *sk)
{
	destructed++;
	if (inet_destruct)
		inet_destruct(sk);
}

static void test_destroy_throttled(void)
{
	struct sock *sk;
	int l, c, s;

	setup(9007, &l, &c, &s);
	warm_up(c, s);
	sk = tp_sk_of(st, c);
	kt_ipv4_sysctl_set("tcp_limit_output_bytes", "16384");
	stalled_write(c, sk);
	KT_ASSERT(tcp_sk(sk)->tsq_flags & TSQF_THROTTLED);
	inet_destruct = sk->sk_destruct;
	sk->sk_destruct = count_destruct;
	destructed = 0;
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_stack_destroy(st);
	KT_EQ(destructed, 1);
}

KTEST_MAIN(KT(test_tsq_limit), KT(test_tsq_default_fills_cwnd),
	   KT(test_per_namespace), KT(test_autocorking), KT(test_tso_rtt_log),
	   KT(test_backlog_ack_defer), KT(test_destroy_throttled),
	   KT(test_pure_ack_weight))
