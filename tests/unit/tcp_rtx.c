// SPDX-License-Identifier: BSD-2-Clause
/*
 * The retransmit queue keeps each sent TSO packet whole, as Linux does,
 * in virtual time over a wire capture: the test device "rtx0" takes TSO
 * packets whole (NETIF_F_TSO), so every packet the stack sends is seen as
 * it was built, with its segment count; the peer is this test, which
 * writes the SYN-ACK, ACKs and SACKs itself.  A lost TSO skb goes again
 * as one packet (with PSH, as every TSO packet); a partial ACK trims the
 * head skb and leaves the rest one skb; a SACK in the middle cuts an skb
 * at the block's edges only; the loss probe sends the last segment of a
 * TSO tail; after an RTO the head's first segment goes alone, then the
 * rest of its skb as one packet; a path MTU drop resends an skb whole in
 * segments of the new MSS; a FIN on a TSO skb stays with its last byte.
 * The tcp_info counts (tcpi_unacked, _sacked, _lost, _retrans, which
 * count segments) are Linux 6.18's for the same sequence: the same
 * exchange is tests/packetdrill/scripts/rtx-tso.pkt, which passes on
 * Linux (own.sh --kernel).
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/tcp.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "kstack.h"

#define MSS	  1000
#define PEER_ISN  1000000U
#define PEER_PORT 8080
#define NPKTS	  64

#define F_FIN	  0x01
#define F_SYN	  0x02
#define F_PSH	  0x08
#define F_ACK	  0x10

/* One packet the stack sent: sequence numbers relative to its ISN. */
struct pkt {
	u8 flags;
	u32 seq, len, ack;
	unsigned int segs; /* GSO segments, 1 for a plain packet */
	unsigned int gso_size;
};

static struct {
	struct tn_stack *st;
	struct net_device *dev;
	struct pkt pkts[NPKTS];
	unsigned int npkts, next; /* recorded, and read by the test */
	u32 isn;
	u16 port;
	struct sock *sk; /* the client, as its packets name it */
} w;

static u32 be32_at(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static netdev_tx_t rtx_xmit(struct sk_buff *skb, struct net_device *dev)
{
	u8 hdr[60];
	unsigned int ihl, doff;

	if (skb->len >= 40 && !skb_copy_bits(skb, 0, hdr, 40) &&
	    hdr[9] == IPPROTO_TCP && w.npkts < NPKTS) {
		struct pkt *p = &w.pkts[w.npkts++];

		ihl = (hdr[0] & 15) * 4U;
		doff = (hdr[ihl + 12] >> 4) * 4U;
		p->flags = hdr[ihl + 13];
		if (p->flags & F_SYN) {
			w.isn = be32_at(hdr + ihl + 4);
			w.port = (u16)((hdr[ihl] << 8) | hdr[ihl + 1]);
		}
		p->seq = be32_at(hdr + ihl + 4) - w.isn;
		p->ack = be32_at(hdr + ihl + 8) - PEER_ISN;
		p->len = skb->len - ihl - doff;
		p->segs = skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
		p->gso_size = skb_is_gso(skb) ? skb_shinfo(skb)->gso_size : 0;
		if (skb->sk && !w.sk)
			w.sk = skb->sk;
	}
	dev->stats.tx_packets++;
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops rtx_ops = {
	.ndo_start_xmit = rtx_xmit,
};

static void rtx_setup(struct net_device *dev)
{
	dev->type = ARPHRD_NONE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = 1500;
	dev->min_mtu = 68;
	dev->max_mtu = 65535;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->features = NETIF_F_SG | NETIF_F_TSO;
	dev->netdev_ops = &rtx_ops;
	dev->needs_free_netdev = true;
}

static void ifup(const char *name, const char *addr)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, addr, &sin->sin_addr);
	KT_EQ(tn_ioctl(fd, SIOCSIFADDR, &ifr), 0);
	inet_pton(AF_INET, "255.255.255.0", &sin->sin_addr);
	KT_EQ(tn_ioctl(fd, SIOCSIFNETMASK, &ifr), 0);
	KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	tn_close(fd);
}

static void setup(void)
{
	memset(&w, 0, sizeof(w));
	w.st = kt_stack_lo_up();
	stack_enter(w.st);
	rtnl_lock();
	w.dev = alloc_netdev(0, "rtx0", NET_NAME_USER, rtx_setup);
	KT_ASSERT(w.dev);
	w.dev->nd_net = w.st->init_net;
	KT_EQ(register_netdevice(w.dev), 0);
	rtnl_unlock();
	stack_exit(w.st);
	ifup("rtx0", "10.9.0.1");
}

static void teardown(void)
{
	tn_clock_advance(w.st, 300ULL * NSEC_PER_SEC);
	kt_stack_done(w.st);
}

static u16 csum_fold32(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

static u32 csum_add_bytes(u32 sum, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	return sum;
}

static void put32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

/*
 * inject_opts - a segment from the peer, no data: @flags, sequence @seq
 * (relative to the peer's ISN), ACK @ack (relative to ours), the window
 * field @win, @optlen bytes of options at @opt
 */
static void inject_opts(u8 flags, u32 seq, u32 ack, u16 win, const u8 *opt,
			unsigned int optlen)
{
	u8 pkt[80];
	unsigned int ihl = 20, thl = 20 + optlen, len = ihl + thl;
	u8 *th = pkt + ihl;
	struct sk_buff *skb;
	u32 sum;

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x45;
	pkt[2] = (u8)(len >> 8);
	pkt[3] = (u8)len;
	pkt[8] = 64;
	pkt[9] = IPPROTO_TCP;
	put32(pkt + 12, 0x0a090002); /* 10.9.0.2 */
	put32(pkt + 16, 0x0a090001);
	sum = csum_add_bytes(0, pkt, ihl);
	pkt[10] = (u8)(csum_fold32(sum) >> 8);
	pkt[11] = (u8)csum_fold32(sum);
	th[0] = PEER_PORT >> 8;
	th[1] = PEER_PORT & 0xff;
	th[2] = (u8)(w.port >> 8);
	th[3] = (u8)w.port;
	put32(th + 4, PEER_ISN + seq);
	put32(th + 8, w.isn + ack);
	th[12] = (u8)((thl / 4) << 4);
	th[13] = flags;
	th[14] = (u8)(win >> 8);
	th[15] = (u8)win;
	if (optlen)
		memcpy(th + 20, opt, optlen);
	sum = csum_add_bytes(0, pkt + 12, 8) + IPPROTO_TCP + thl;
	sum = csum_add_bytes(sum, th, thl);
	th[16] = (u8)(csum_fold32(sum) >> 8);
	th[17] = (u8)csum_fold32(sum);

	stack_enter(w.st);
	skb = alloc_skb(len + 64, 0);
	KT_ASSERT(skb);
	skb_reserve(skb, 64);
	skb_put_data(skb, pkt, len);
	skb->dev = w.dev;
	skb->protocol = htons(ETH_P_IP);
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	netif_rx(skb);
	stack_exit(w.st); /* runs the receive softirq */
}

/* an ACK of @ack with up to two SACK blocks [@s1, @e1) [@s2, @e2) (0: none) */
static void ack_sack(u32 ack, u32 s1, u32 e1, u32 s2, u32 e2)
{
	u8 opt[20];
	unsigned int n = 0;

	if (s1) {
		opt[n++] = TCPOPT_NOP;
		opt[n++] = TCPOPT_NOP;
		opt[n++] = TCPOPT_SACK;
		opt[n++] = (u8)(2 + (s2 ? 16 : 8));
		put32(opt + n, w.isn + s1);
		put32(opt + n + 4, w.isn + e1);
		n += 8;
		if (s2) {
			put32(opt + n, w.isn + s2);
			put32(opt + n + 4, w.isn + e2);
			n += 8;
		}
	}
	inject_opts(F_ACK, 1, ack, 257, opt, n);
}

static void ack(u32 seq)
{
	ack_sack(seq, 0, 0, 0, 0);
}

static const struct pkt *next_pkt(void)
{
	KT_ASSERT(w.next < w.npkts);
	return &w.pkts[w.next++];
}

/* the next packet sent is [@seq, @seq + @len) in @segs segments, @flags */
static void expect(u8 flags, u32 seq, u32 len, unsigned int segs)
{
	const struct pkt *p = next_pkt();

	KT_EQ(p->seq, seq);
	KT_EQ(p->len, len);
	KT_EQ(p->segs, segs);
	KT_EQ(p->flags, flags);
}

static void expect_none(void)
{
	KT_EQ(w.npkts, w.next);
}

/* Connect to 10.9.0.2:8080 through rtx0, the peer announcing MSS 1000,
 * SACK and window scale 7, after an RTT of 100 us. */
static int connect_client(void)
{
	static const u8 synack_opts[] = { TCPOPT_MSS, 4,	  MSS >> 8,
					  MSS & 0xff, TCPOPT_NOP, TCPOPT_NOP,
					  4,	      2,	  TCPOPT_NOP,
					  3,	      3,	  7 };
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(PEER_PORT) };
	int one = 1, c;

	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(c >= 0);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	KT_EQ(tn_fcntl(c, F_SETFL, O_NONBLOCK), 0);
	inet_pton(AF_INET, "10.9.0.2", &a.sin_addr);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EINPROGRESS);
	KT_EQ(next_pkt()->flags, F_SYN);
	tn_clock_advance(w.st, 100 * NSEC_PER_USEC);
	inject_opts(F_SYN | F_ACK, 0, 1, 32792, synack_opts,
		    sizeof(synack_opts));
	expect(F_ACK, 1, 0, 1);
	return c;
}

static void send_bytes(int c, size_t n)
{
	static char buf[16384];

	KT_ASSERT(n <= sizeof(buf));
	KT_EQ(tn_send(c, buf, n, 0), (ssize_t)n);
}

static struct tcp_info info(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	return ti;
}

static void expect_counts(int fd, u32 unacked, u32 sacked, u32 lost,
			  u32 retrans)
{
	struct tcp_info ti = info(fd);

	KT_EQ(ti.tcpi_unacked, unacked);
	KT_EQ(ti.tcpi_sacked, sacked);
	KT_EQ(ti.tcpi_lost, lost);
	KT_EQ(ti.tcpi_retrans, retrans);
}

/* the retransmit queue, skb by skb: "seq:end_seq/pcount", relative */
static void rtx_queue(char *out, size_t len)
{
	const struct sk_buff *skb;
	size_t n = 0;

	out[0] = 0;
	stack_enter(w.st);
	skb_queue_walk(&w.sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(w.sk))
			break;
		n += (size_t)snprintf(
			out + n, len - n, "%s%u:%u/%u", n ? " " : "",
			TCP_SKB_CB(skb)->seq - w.isn,
			TCP_SKB_CB(skb)->end_seq - w.isn, tcp_skb_pcount(skb));
	}
	stack_exit(w.st);
}

static void expect_queue(const char *want)
{
	char q[512];

	rtx_queue(q, sizeof(q));
	KT_STREQ(q, want);
}

static void close_client(int c)
{
	tn_close(c);
	/* the peer answers whatever came with a RST */
	inject_opts(0x04, 1, 0, 0, NULL, 0);
}

/*
 * A 4-segment skb in the middle of the flight is lost (RACK: the five
 * segments after it SACKed): it goes again as one 4-segment TSO packet,
 * with PSH; its segments count 4 in tcpi_lost and tcpi_retrans.  The
 * SACKed last skb is merged into the SACKed one before it (Linux's SACK
 * shifting).
 */
static void test_lost_tso_skb_resent_whole(void)
{
	int c;

	setup();
	c = connect_client();
	send_bytes(c, 4000);
	expect(F_ACK | F_PSH, 1, 4000, 4);
	send_bytes(c, 4000);
	expect(F_ACK | F_PSH, 4001, 4000, 4);
	send_bytes(c, 1000);
	expect(F_ACK | F_PSH, 8001, 1000, 1);
	expect_queue("1:4001/4 4001:8001/4 8001:9001/1");
	expect_counts(c, 9, 0, 0, 0);
	tn_clock_advance(w.st, 1 * NSEC_PER_MSEC);
	ack_sack(1, 4001, 9001, 0, 0);
	expect(F_ACK | F_PSH, 1, 4000, 4);
	expect_none();
	expect_queue("1:4001/4 4001:9001/5");
	expect_counts(c, 9, 5, 4, 4);
	ack(9001);
	expect_counts(c, 0, 0, 0, 0);
	expect_queue("");
	close_client(c);
	teardown();
}

/*
 * A partial ACK trims the head skb: 1500 of 4000 bytes acked leaves one
 * skb of 2500 bytes, 3 segments; no cut anywhere.  The RTO resends its
 * first segment alone, the next ACK lets the other two go as one packet.
 */
static void test_partial_ack_trims_head(void)
{
	int c;

	setup();
	c = connect_client();
	send_bytes(c, 4000);
	expect(F_ACK | F_PSH, 1, 4000, 4);
	send_bytes(c, 3000);
	expect(F_ACK | F_PSH, 4001, 3000, 3);
	tn_clock_advance(w.st, 1 * NSEC_PER_MSEC);
	ack(1501);
	expect_queue("1501:4001/3 4001:7001/3");
	expect_counts(c, 6, 0, 0, 0);
	ack(3001);
	expect_queue("3001:4001/1 4001:7001/3");
	expect_counts(c, 4, 0, 0, 0);
	/* the loss probe: the last segment of the tail skb, cut off */
	tn_clock_advance(w.st, 10 * NSEC_PER_MSEC);
	expect(F_ACK | F_PSH, 6001, 1000, 1);
	expect_queue("3001:4001/1 4001:6001/2 6001:7001/1");
	/* the RTO: one segment, then (cwnd 2) the next skb whole */
	tn_clock_advance(w.st, 300 * NSEC_PER_MSEC);
	expect(F_ACK | F_PSH, 3001, 1000, 1);
	expect_none();
	expect_counts(c, 4, 0, 4, 1);
	ack(4001);
	expect(F_ACK | F_PSH, 4001, 2000, 2);
	expect_none();
	expect_counts(c, 3, 0, 3, 2);
	ack(7001);
	expect_counts(c, 0, 0, 0, 0);
	close_client(c);
	teardown();
}

/*
 * The exchange of rtx-tso.pkt, with Linux 6.18's counts: a SACK in the
 * middle of a 5-segment skb cuts it in three; the two lost 2-segment
 * pieces go again as one packet each; an ACK into the third piece trims
 * it (1.5 segments left count 2); later, after the probe and an RTO, the
 * rest of the head skb goes as one packet once cwnd is 2.
 */
static void test_linux_sequence(void)
{
	int c;

	setup();
	c = connect_client();
	send_bytes(c, 9000);
	expect(F_ACK | F_PSH, 1, 5000, 5);
	expect(F_ACK | F_PSH, 5001, 4000, 4);
	send_bytes(c, 1000);
	expect(F_ACK | F_PSH, 9001, 1000, 1);
	expect_counts(c, 10, 0, 0, 0);
	tn_clock_advance(w.st, 3 * NSEC_PER_MSEC);
	expect(F_ACK | F_PSH, 9001, 1000, 1); /* the loss probe */
	tn_clock_advance(w.st, 10 * NSEC_PER_MSEC);
	ack_sack(1, 2001, 3001, 5001, 10001);
	/* the probed segment is merged back into the SACKed skb before it */
	expect_queue("1:2001/2 2001:3001/1 3001:5001/2 5001:10001/5");
	expect(F_ACK | F_PSH, 1, 2000, 2);
	expect(F_ACK | F_PSH, 3001, 2000, 2);
	expect_none();
	expect_counts(c, 10, 6, 4, 4);
	tn_clock_advance(w.st, 10 * NSEC_PER_MSEC);
	ack_sack(3501, 5001, 10001, 0, 0);
	expect_queue("3501:5001/2 5001:10001/5");
	expect_counts(c, 7, 5, 2, 2);
	ack(10001);
	expect_counts(c, 0, 0, 0, 0);

	send_bytes(c, 5000);
	expect(F_ACK | F_PSH, 10001, 3000, 3);
	expect(F_ACK | F_PSH, 13001, 2000, 2);
	tn_clock_advance(w.st, 10 * NSEC_PER_MSEC);
	expect(F_ACK | F_PSH, 14001, 1000, 1); /* the loss probe */
	expect_queue("10001:13001/3 13001:14001/1 14001:15001/1");
	tn_clock_advance(w.st, 250 * NSEC_PER_MSEC);
	expect(F_ACK, 10001, 1000, 1); /* the RTO */
	expect_none();
	expect_counts(c, 5, 0, 5, 1);
	expect_queue("10001:11001/1 11001:13001/2 13001:14001/1 "
		     "14001:15001/1");
	tn_clock_advance(w.st, 10 * NSEC_PER_MSEC);
	ack(11001);
	expect(F_ACK | F_PSH, 11001, 2000, 2);
	expect_none();
	ack(15001);
	expect_counts(c, 0, 0, 0, 0);
	close_client(c);
	teardown();
}

/*
 * The path MTU drops to 1000 (MSS 960) with a 4-segment skb in flight:
 * it is lost and goes again whole, one packet of 5 segments of 960
 * (tcp_simple_retransmit; the flight counts follow the new count).
 */
static void test_pmtu_resends_whole(void)
{
	u8 icmp[28 + 20 + 20];
	struct sk_buff *skb;
	const struct pkt *p;
	u32 sum;
	int c;

	setup();
	c = connect_client();
	send_bytes(c, 4000);
	expect(F_ACK | F_PSH, 1, 4000, 4);
	/* ICMP fragmentation needed, next-hop MTU 1000, quoting the packet */
	memset(icmp, 0, sizeof(icmp));
	icmp[0] = 0x45;
	icmp[3] = sizeof(icmp);
	icmp[8] = 64;
	icmp[9] = IPPROTO_ICMP;
	put32(icmp + 12, 0x0a090002);
	put32(icmp + 16, 0x0a090001);
	sum = csum_add_bytes(0, icmp, 20);
	icmp[10] = (u8)(csum_fold32(sum) >> 8);
	icmp[11] = (u8)csum_fold32(sum);
	icmp[20] = 3; /* ICMP_DEST_UNREACH */
	icmp[21] = 4; /* ICMP_FRAG_NEEDED */
	icmp[26] = 1000 >> 8;
	icmp[27] = 1000 & 0xff;
	icmp[28] = 0x45; /* the quoted header, then 20 bytes of TCP */
	icmp[28 + 2] = (4040 >> 8) & 0xff;
	icmp[28 + 3] = 4040 & 0xff;
	icmp[28 + 6] = 0x40;
	icmp[28 + 8] = 64;
	icmp[28 + 9] = IPPROTO_TCP;
	put32(icmp + 28 + 12, 0x0a090001);
	put32(icmp + 28 + 16, 0x0a090002);
	icmp[48] = (u8)(w.port >> 8);
	icmp[49] = (u8)w.port;
	icmp[50] = PEER_PORT >> 8;
	icmp[51] = PEER_PORT & 0xff;
	put32(icmp + 52, w.isn + 1);
	sum = csum_add_bytes(0, icmp + 20, sizeof(icmp) - 20);
	icmp[22] = (u8)(csum_fold32(sum) >> 8);
	icmp[23] = (u8)csum_fold32(sum);
	stack_enter(w.st);
	skb = alloc_skb(sizeof(icmp) + 64, 0);
	KT_ASSERT(skb);
	skb_reserve(skb, 64);
	skb_put_data(skb, icmp, sizeof(icmp));
	skb->dev = w.dev;
	skb->protocol = htons(ETH_P_IP);
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	netif_rx(skb);
	stack_exit(w.st);

	p = next_pkt();
	KT_EQ(p->seq, 1);
	KT_EQ(p->len, 4000);
	KT_EQ(p->segs, 5);
	KT_EQ(p->gso_size, 960);
	expect_none();
	expect_queue("1:4001/5");
	expect_counts(c, 5, 0, 5, 5);
	ack(4001);
	expect_counts(c, 0, 0, 0, 0);
	close_client(c);
	teardown();
}

/*
 * A FIN on a TSO skb (queued behind a closed window, then shutdown): sent
 * as one packet with FIN when the window opens; an ACK of the data alone
 * trims the skb to the FIN, which the RTO then sends alone.
 */
static void test_fin_on_tso_skb(void)
{
	int c;

	setup();
	c = connect_client();
	inject_opts(F_ACK, 1, 1, 0, NULL, 0);
	send_bytes(c, 3000);
	expect_none();
	KT_EQ(tn_shutdown(c, SHUT_WR), 0);
	expect_none();
	ack(1); /* the window opens */
	expect(F_ACK | F_PSH | F_FIN, 1, 3000, 3);
	expect_queue("1:3002/3");
	tn_clock_advance(w.st, 1 * NSEC_PER_MSEC);
	ack(1001);
	expect_queue("1001:3002/2");
	expect_counts(c, 2, 0, 0, 0);
	ack(3001);
	expect_queue("3001:3002/1");
	expect_counts(c, 1, 0, 0, 0);
	tn_clock_advance(w.st, 400 * NSEC_PER_MSEC);
	expect(F_ACK | F_PSH | F_FIN, 3001, 0, 1);
	ack(3002);
	expect_queue("");
	close_client(c);
	teardown();
}

KTEST_MAIN(KT(test_lost_tso_skb_resent_whole), KT(test_partial_ack_trims_head),
	   KT(test_linux_sequence), KT(test_pmtu_resends_whole),
	   KT(test_fin_on_tso_skb))
