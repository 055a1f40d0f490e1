// SPDX-License-Identifier: BSD-2-Clause
/*
 * TSO packets across virtual devices, in virtual time.  veth and lo take
 * TCP's super-segments whole (NETIF_F_TSO, as Linux's `ethtool -k`
 * shows), so a bulk transfer over veth arrives as GSO packets (gso_size
 * the MSS, gso_segs their count) and the counters relate as Linux 6.18's
 * do for 1 MB over veth between two namespaces (nstat: the sender's
 * TcpOutSegs, per segment, equals the receiver's IpExtInNoECTPkts; the
 * receiver's TcpInSegs and IpInReceives count packets, as the sender's
 * IpOutRequests do; the receiver sends no more ACKs than packets came).
 * With TSO off on the sender and GRO on at the receiver the segments are
 * merged back.  Through a router whose egress has a 1400-byte MTU and no
 * TSO, a forwarded GSO packet is cut into wire-sized segments, after PMTU
 * discovery (each segment too long for DF) brought the sender's MSS down.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <stdio.h>

#include "ktest.h"
#include "snmp.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#include <net/ip_fib.h>
#include <net/stack.h>

#define MSS   1448U
#define TOTAL (1U << 20)

struct obs {
	unsigned int pkts; /* TCP packets seen */
	unsigned int data; /* of them with payload */
	unsigned int segs; /* segments they stand for */
	unsigned int multi; /* packets of more than one segment */
	unsigned int acks_after_multi; /* see ack_rx */
	unsigned int max_len, max_segs, gso_size;
	bool bad_gso; /* a packet whose gso_segs does not fit its length */
};

static struct tn_stack *st;
static struct net *net_b;
static struct obs ob_b, ob_a;

/* an rx_handler that notes what each TCP packet stands for */
static rx_handler_result_t obs_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct obs *o = skb->dev->rx_handler_data;
	u8 hdr[60];
	const struct iphdr *iph = (const struct iphdr *)(void *)hdr;
	unsigned int ihl, doff, payload, segs = 1;

	if (skb->protocol != htons(ETH_P_IP) || skb->len < 40 ||
	    skb_copy_bits(skb, 0, hdr, 40) < 0 || iph->protocol != IPPROTO_TCP)
		return RX_HANDLER_PASS;
	ihl = iph->ihl * 4U;
	doff = (hdr[ihl + 12] >> 4) * 4U;
	payload = skb->len - ihl - doff;
	o->pkts++;
	if (skb->len > o->max_len)
		o->max_len = skb->len;
	if (skb_is_gso(skb)) {
		unsigned int gs = skb_shinfo(skb)->gso_size;

		segs = skb_shinfo(skb)->gso_segs;
		o->gso_size = gs;
		if (!gs || segs != (payload + gs - 1) / gs)
			o->bad_gso = true;
	}
	if (payload) {
		o->data++;
		o->segs += segs;
		if (segs > 1)
			o->multi++;
	} else {
		o->segs++;
	}
	if (segs > o->max_segs)
		o->max_segs = segs;
	return RX_HANDLER_PASS;
}

static void add_handler(struct net *net, const char *name, struct obs *o)
{
	struct net_device *dev;

	memset(o, 0, sizeof(*o));
	stack_enter(st);
	rtnl_lock();
	dev = __dev_get_by_name(net, name);
	KT_ASSERT(dev);
	KT_EQ(netdev_rx_handler_register(dev, obs_rx, o), 0);
	rtnl_unlock();
	stack_exit(st);
}

/* ethtool -K @name: @on and @off features */
static void features(struct net *net, const char *name, netdev_features_t on,
		     netdev_features_t off)
{
	struct net_device *dev;

	stack_enter(st);
	rtnl_lock();
	dev = __dev_get_by_name(net, name);
	KT_ASSERT(dev);
	dev->features = (dev->features | on) & ~off;
	rtnl_unlock();
	stack_exit(st);
}

static char pattern(size_t i)
{
	return (char)(i % 251);
}

/* one non-blocking send of what is left of @total; true if it took any */
static bool send_some(int c, size_t *sent, size_t total)
{
	static char out[65536];
	size_t n = total - *sent < sizeof(out) ? total - *sent : sizeof(out);
	ssize_t w;

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = pattern(*sent + i);
	w = tn_send(c, out, n, MSG_DONTWAIT);
	if (w <= 0) {
		KT_EQ(errno, EAGAIN);
		return false;
	}
	*sent += (size_t)w;
	return true;
}

/* everything queued on @s, checked; true if there was any */
static bool recv_all(int s, size_t *got)
{
	static char in[65536];
	bool any = false;
	ssize_t r;

	while ((r = tn_recv(s, in, sizeof(in), MSG_DONTWAIT)) > 0) {
		for (ssize_t i = 0; i < r; i++)
			KT_EQ(in[i], pattern(*got + (size_t)i));
		*got += (size_t)r;
		any = true;
	}
	KT_ASSERT(r < 0 && errno == EAGAIN);
	return any;
}

/* @total bytes from @c to @s, checked byte for byte */
static void transfer(int c, int s, size_t total)
{
	size_t sent = 0, got = 0;

	while (got < total) {
		bool moved = send_some(c, &sent, total);

		if (!recv_all(s, &got) && !moved)
			tn_clock_advance(st, NSEC_PER_MSEC);
	}
}

struct counters {
	long out_segs, out_req, in_segs, in_recv, noect;
};

static struct counters counters(const char *ns)
{
	struct counters k;

	KT_EQ(tn_netns_set(ns), 0);
	k.out_segs = th_snmp("snmp", "Tcp:", "OutSegs");
	k.out_req = th_snmp("snmp", "Ip:", "OutRequests");
	k.in_segs = th_snmp("snmp", "Tcp:", "InSegs");
	k.in_recv = th_snmp("snmp", "Ip:", "InReceives");
	k.noect = th_snmp("netstat", "IpExt:", "InNoECTPkts");
	KT_EQ(tn_netns_set(NULL), 0);
	return k;
}

/*
 * 1 MB over veth with TSO on both ends (the default): whole GSO packets
 * cross, and the counters relate as Linux's.  Its nstat for the same
 * transfer in 64 KiB writes, handshake and FIN included: sender
 * TcpOutSegs 735, IpOutRequests 34; receiver TcpInSegs 34, IpInReceives
 * 34, IpExtInNoECTPkts 735, TcpOutSegs 28.  tuxnet, the data alone: 736,
 * 38; 38, 38, 736, 24 (printed below).
 */
static void test_tso_crosses_veth(void)
{
	struct counters a0, b0, a1, b1;
	int l, c, s;

	st = tp_setup(&net_b, NULL, NULL, NULL, NULL);
	tp_connect_pair(7100, &l, &c, &s);
	tn_clock_advance(st, NSEC_PER_MSEC);
	add_handler(net_b, "vb", &ob_b);
	add_handler(st->init_net, "va", &ob_a);
	a0 = counters(NULL);
	b0 = counters("b");
	transfer(c, s, TOTAL);
	tn_clock_advance(st, NSEC_PER_SEC);
	a1 = counters(NULL);
	b1 = counters("b");

	/* GSO packets of MSS-sized segments, up to 64 KB, each whole */
	KT_ASSERT(!ob_b.bad_gso);
	KT_EQ(ob_b.gso_size, MSS);
	KT_ASSERT(ob_b.max_segs >= 20);
	KT_ASSERT(ob_b.max_len <= 65535);
	KT_ASSERT(ob_b.data < TOTAL / MSS / 8);
	/* per segment: what the sender sent is what the receiver counts in
	 * InNoECTPkts; per packet: TcpInSegs and IpInReceives */
	KT_EQ(a1.out_segs - a0.out_segs, (long)ob_b.segs);
	KT_EQ(b1.noect - b0.noect, (long)ob_b.segs);
	KT_EQ(b1.in_segs - b0.in_segs, (long)ob_b.pkts);
	KT_EQ(b1.in_recv - b0.in_recv, (long)ob_b.pkts);
	KT_EQ(a1.out_req - a0.out_req, (long)ob_b.pkts);
	/* a packet of more than one segment is acked at once (more than one
	 * full segment unacked), but those that reach the receiver while
	 * its reader holds the socket wait in the backlog and get one ACK
	 * at release (tcp_backlog_ack_defer): fewer ACKs than packets, as
	 * Linux's 34 in and 28 out */
	KT_EQ(b1.out_segs - b0.out_segs, (long)ob_a.pkts);
	KT_ASSERT(ob_a.pkts > 0 && ob_a.pkts <= ob_b.pkts);
	KT_ASSERT(ob_a.data == 0);
	(void)fprintf(stderr,
		      "1 MB over veth: sender OutSegs %ld OutRequests %ld, "
		      "receiver InSegs %ld InNoECTPkts %ld OutSegs %ld\n",
		      a1.out_segs - a0.out_segs, a1.out_req - a0.out_req,
		      b1.in_segs - b0.in_segs, b1.noect - b0.noect,
		      b1.out_segs - b0.out_segs);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

/*
 * TSO off on the sender (`ethtool -K va tso off`: its GSO packets are cut
 * at va) and GRO on at the receiver (`ethtool -K vb gro on`): the
 * segments of each burst are merged back, as Linux's nstat shows (1 MB
 * in 64 KiB writes: receiver IpInReceives 38 for the sender's 734
 * segments in 32 packets; tuxnet's NAPI polls each burst whole: 29 for
 * 725 in 29).
 */
static void test_gro_merges_transfer(void)
{
	struct counters a0, b0, a1, b1;
	int l, c, s;

	st = tp_setup(&net_b, NULL, NULL, NULL, NULL);
	features(st->init_net, "va", 0, NETIF_F_TSO);
	features(net_b, "vb", NETIF_F_GRO, 0);
	tp_connect_pair(7200, &l, &c, &s);
	tn_clock_advance(st, NSEC_PER_MSEC);
	add_handler(net_b, "vb", &ob_b);
	a0 = counters(NULL);
	b0 = counters("b");
	transfer(c, s, TOTAL);
	tn_clock_advance(st, NSEC_PER_SEC);
	a1 = counters(NULL);
	b1 = counters("b");

	KT_ASSERT(!ob_b.bad_gso);
	KT_EQ(ob_b.gso_size, MSS);
	KT_ASSERT(ob_b.multi > 0);
	KT_ASSERT(ob_b.max_segs >= 10);
	KT_EQ(a1.out_segs - a0.out_segs, (long)ob_b.segs);
	KT_EQ(b1.noect - b0.noect, (long)ob_b.segs);
	KT_EQ(b1.in_segs - b0.in_segs, (long)ob_b.pkts);
	KT_EQ(b1.in_recv - b0.in_recv, (long)ob_b.pkts);
	KT_ASSERT(ob_b.pkts < ob_b.segs / 4);
	(void)fprintf(stderr,
		      "1 MB, GRO: sender OutSegs %ld, receiver InReceives "
		      "%ld\n",
		      a1.out_segs - a0.out_segs, b1.in_recv - b0.in_recv);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

/* `ethtool -k` on Linux 6.18: lo and a new veth have
 * tcp-segmentation-offload on; the veth has generic-receive-offload off. */
static void test_default_features(void)
{
	struct net_device *lo, *vb;

	st = tp_setup(&net_b, NULL, NULL, NULL, NULL);
	stack_enter(st);
	lo = __dev_get_by_name(st->init_net, "lo");
	vb = __dev_get_by_name(net_b, "vb");
	KT_ASSERT(lo && vb);
	KT_ASSERT(lo->features & NETIF_F_TSO);
	KT_ASSERT(vb->features & NETIF_F_TSO);
	KT_ASSERT(vb->features & NETIF_F_SG);
	KT_ASSERT(!(vb->features & NETIF_F_GRO));
	stack_exit(st);
	tp_teardown(st);
}

/* "ip link set @name mtu @mtu" in @net */
static struct net_device *set_mtu(struct net *net, const char *name, int mtu)
{
	struct net_device *dev;

	stack_enter(st);
	rtnl_lock();
	dev = __dev_get_by_name(net, name);
	KT_ASSERT(dev);
	KT_EQ(dev_set_mtu(dev, mtu), 0);
	rtnl_unlock();
	stack_exit(st);
	return dev;
}

/*
 * A veth end drops a GSO packet whose segments would not fit its MTU
 * (Linux's is_skb_forwardable): with vb's MTU lowered under an
 * established connection nothing arrives; with it back, the
 * retransmission does.
 */
static void test_veth_checks_segments(void)
{
	static char buf[20000];
	struct net_device *vb;
	size_t got = 0;
	int l, c, s;

	st = tp_setup(&net_b, NULL, NULL, NULL, NULL);
	tp_connect_pair(7400, &l, &c, &s);
	tn_clock_advance(st, NSEC_PER_MSEC);
	vb = set_mtu(net_b, "vb", 1400);
	memset(buf, 0, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = pattern(i);
	KT_EQ(tn_send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	KT_ASSERT(vb->rx_dropped_core > 0);
	set_mtu(net_b, "vb", 1500);
	while (got < sizeof(buf)) {
		if (!recv_all(s, &got))
			tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	}
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

/* "ip route add @dst/@plen via @gw" in @net */
static void route_via(struct net *net, const char *dst, int plen,
		      const char *gw)
{
	struct fib_config cfg = {
		.fc_dst_len = (u8)plen,
		.fc_table = RT_TABLE_MAIN,
		.fc_protocol = RTPROT_BOOT,
		.fc_type = RTN_UNICAST,
		.fc_scope = RT_SCOPE_UNIVERSE,
		.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		.fc_gw_family = AF_INET,
		.fc_nlinfo = { .nl_net = net },
	};
	struct netlink_ext_ack extack = { 0 };

	inet_pton(AF_INET, dst, &cfg.fc_dst);
	inet_pton(AF_INET, gw, &cfg.fc_gw4);
	stack_enter(st);
	rtnl_lock();
	KT_EQ(fib_table_insert(net, fib_new_table(net, RT_TABLE_MAIN), &cfg,
			       &extack),
	      0);
	rtnl_unlock();
	stack_exit(st);
}

/* a veth pair @a (in @na) -- @b (in @nb) */
static void pair(struct net *na, const char *a, struct net *nb, const char *b)
{
	struct net_device *da, *db;

	stack_enter(st);
	rtnl_lock();
	da = th_veth_pair(st->init_net, a, b);
	KT_ASSERT(da);
	db = __dev_get_by_name(st->init_net, b);
	if (na != st->init_net)
		KT_EQ(dev_change_net_namespace(da, na, a), 0);
	if (nb != st->init_net)
		KT_EQ(dev_change_net_namespace(db, nb, b), 0);
	rtnl_unlock();
	stack_exit(st);
}

static struct net *netns(const char *name)
{
	struct net *n;

	KT_EQ(tn_netns_add(name), 0);
	KT_EQ(tn_netns_set(name), 0);
	stack_enter(st);
	n = current_net();
	stack_exit(st);
	tp_ifup("lo", NULL);
	KT_EQ(tn_netns_set(NULL), 0);
	return n;
}

/*
 * a (10.1.0.1) -- r -- b (10.2.0.2); r's egress rb has a 1400-byte MTU and
 * TSO off, b's end a 1500-byte MTU (so b offers MSS 1460).  The sender's
 * first GSO packets have segments too long for DF: r answers with ICMP
 * fragmentation-needed (RFC 1191) and drops them; after that the sender's
 * GSO packets cross the first veth whole, are forwarded whole (each
 * segment fits: skb_gso_validate_network_len) and cut at rb into
 * segments of at most 1400 bytes.
 */
static void forward_through(int mtu)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(7300) };
	struct net *nr, *nb;
	struct obs ob_r;
	long unreach;
	int l, c, s, fd;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	tp_ifup("lo", NULL);
	nr = netns("r");
	nb = netns("b");
	pair(st->init_net, "va", nr, "ra");
	pair(nr, "rb", nb, "vb");
	tp_ifup("va", "10.1.0.1");
	route_via(st->init_net, "10.2.0.0", 24, "10.1.0.2");
	KT_EQ(tn_netns_set("r"), 0);
	tp_ifup("ra", "10.1.0.2");
	tp_ifup("rb", "10.2.0.1");
	fd = tn_open("/proc/sys/net/ipv4/ip_forward", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, "1", 1), 1);
	tn_close(fd);
	KT_EQ(tn_netns_set("b"), 0);
	tp_ifup("vb", "10.2.0.2");
	KT_EQ(tn_netns_set(NULL), 0);
	route_via(nb, "10.1.0.0", 24, "10.2.0.1");
	set_mtu(nr, "rb", mtu);
	features(nr, "rb", 0, NETIF_F_TSO);
	add_handler(nb, "vb", &ob_b);
	add_handler(nr, "ra", &ob_r);

	inet_pton(AF_INET, "10.2.0.2", &a.sin_addr);
	KT_EQ(tn_netns_set("b"), 0);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	KT_EQ(tn_netns_set("r"), 0);
	unreach = th_snmp("snmp", "Icmp:", "OutDestUnreachs");
	KT_EQ(tn_netns_set(NULL), 0);

	transfer(c, s, TOTAL);
	tn_clock_advance(st, NSEC_PER_SEC);

	KT_EQ(tn_netns_set("r"), 0);
	KT_ASSERT(th_snmp("snmp", "Icmp:", "OutDestUnreachs") > unreach);
	KT_EQ(tn_netns_set(NULL), 0);
	/* GSO packets came in to the router ... */
	KT_ASSERT(ob_r.multi > 0);
	/* ... and left it as segments that fit the egress */
	KT_EQ(ob_b.multi, 0U);
	KT_EQ(ob_b.max_segs, 1U);
	KT_ASSERT(ob_b.max_len <= (unsigned int)mtu);
	KT_ASSERT(ob_b.data >= TOTAL / (unsigned int)mtu);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 300ULL * NSEC_PER_SEC);
	KT_EQ(tn_netns_del("b"), 0);
	KT_EQ(tn_netns_del("r"), 0);
	{
		struct tn_stack_stats stats;

		tn_stack_get_stats(st, &stats);
		KT_EQ(stats.live_skbs, 0);
		KT_EQ(stats.live_socks, 0);
	}
	tn_stack_destroy(st);
}

static void test_forward_cuts_gso(void)
{
	forward_through(1400);
}

/* 1480: a segment of 1448 bytes fits with the bare TCP header (1468) but
 * not with the timestamps (1500); skb_gso_validate_network_len counts
 * them, so the router still asks for a smaller MSS */
static void test_forward_counts_tcp_options(void)
{
	forward_through(1480);
}

KTEST_MAIN(KT(test_default_features), KT(test_tso_crosses_veth),
	   KT(test_gro_merges_transfer), KT(test_veth_checks_segments),
	   KT(test_forward_cuts_gso), KT(test_forward_counts_tcp_options))
