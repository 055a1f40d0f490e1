// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP GRO on receive, over a veth pair between two namespaces, on the
 * virtual clock.  What a receiver gets (lengths, UDP_GRO control messages)
 * and what the counters say are those of Linux 6.18 for the same sends
 * over the same setup: `ethtool -K veth0 tx-udp-segmentation off` on the
 * sender (its UDP_SEGMENT sends are cut on transmit, so the segments reach
 * the receiving end's NAPI in one poll) and `ethtool -K veth1 gro on
 * rx-gro-list on` (or rx-udp-gro-forwarding on) on the receiver.  A socket
 * with UDP_GRO gets merged datagrams with the segment size, one without
 * gets every datagram as sent.  Then frames handed to GRO in one poll
 * through a NAPI of the test's own: flows, lengths, IP IDs, checksums,
 * the 64-segment and 64 KiB limits, and what a tap sees.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/udp.h>
#include <stdio.h>

#include "ktest.h"
#include "snmp.h"
#include "kstack.h"
#include "veth_helpers.h"

#include <net/gro.h>
#include <net/stack.h>

/* ip(8)'s requests through the public API (bench/nlsetup.c) */
#include "../../bench/nlsetup.c" // NOLINT(bugprone-suspicious-include)

#define NS_A "gro-a"
#define NS_B "gro-b"
#define PORT 9000

static struct tn_stack *st;
static char buf[70000];

static char pattern(int i)
{
	return (char)(i * 13 + (i >> 9));
}

static int send_gso(int fd, int len, int gso)
{
	struct iovec iov = { buf, (size_t)len };
	char c[CMSG_SPACE(sizeof(unsigned short))];
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	unsigned short g = (unsigned short)gso;

	for (int i = 0; i < len; i++)
		buf[i] = pattern(i);
	if (gso > 0) {
		struct cmsghdr *cm;

		memset(c, 0, sizeof(c));
		m.msg_control = c;
		m.msg_controllen = sizeof(c);
		cm = CMSG_FIRSTHDR(&m);
		cm->cmsg_level = SOL_UDP;
		cm->cmsg_type = UDP_SEGMENT;
		cm->cmsg_len = CMSG_LEN(sizeof(g));
		memcpy(CMSG_DATA(cm), &g, sizeof(g));
	}
	return (int)tn_sendmsg(fd, &m, 0) < 0 ? -errno : len;
}

/*
 * drain - everything queued, as the Linux program printed it: each
 * datagram's length, "(gro N)" with a UDP_GRO control message.  The bytes
 * of each source port's datagrams continue the pattern from 0; *bad
 * counts those that do not.
 */
static const char *drain(int fd, int *bad)
{
	static char out[4096], rbuf[70000];
	int off[8] = { 0 };
	size_t o = 0;

	out[0] = 0;
	*bad = 0;
	for (;;) {
		char cb[64];
		struct sockaddr_in from;
		struct iovec iov = { rbuf, sizeof(rbuf) };
		struct msghdr m = { .msg_name = &from,
				    .msg_namelen = sizeof(from),
				    .msg_iov = &iov,
				    .msg_iovlen = 1,
				    .msg_control = cb,
				    .msg_controllen = sizeof(cb) };
		struct cmsghdr *cm;
		int gro = -1, *at;
		ssize_t n = tn_recvmsg(fd, &m, MSG_DONTWAIT);

		if (n < 0)
			break;
		at = &off[ntohs(from.sin_port) & 7];
		for (ssize_t i = 0; i < n; i++)
			if (rbuf[i] != pattern(*at + (int)i)) {
				(*bad)++;
				break;
			}
		*at += (int)n;
		for (cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm))
			if (cm->cmsg_level == SOL_UDP &&
			    cm->cmsg_type == UDP_GRO)
				memcpy(&gro, CMSG_DATA(cm), sizeof(int));
		if (o < sizeof(out) - 32)
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%zd",
					      o ? " " : "", n);
		if (gro >= 0 && o < sizeof(out) - 32)
			o += (size_t)snprintf(out + o, sizeof(out) - o,
					      "(gro %d)", gro);
	}
	return out;
}

static struct net_device *dev_in(const char *ns, const char *name)
{
	struct net_device *dev;

	tn_netns_set(ns);
	stack_enter(st);
	dev = __dev_get_by_name(current_net(), name);
	stack_exit(st);
	tn_netns_set(NULL);
	KT_ASSERT(dev);
	return dev;
}

/* ethtool -K: @on and @off features of @dev (under the RTNL, as ethtool) */
static void features(struct net_device *dev, netdev_features_t on,
		     netdev_features_t off)
{
	stack_enter(st);
	rtnl_lock();
	dev->features = (dev->features | on) & ~off;
	rtnl_unlock();
	stack_exit(st);
}

/* The namespaces, the pair 10.9.0.1 (veth0, gro-a) - 10.9.0.2 (veth1,
 * gro-b), a receiver bound to 10.9.0.2:9000 and a sender connected to it;
 * one datagram first, so that ARP is done. */
static void setup(int *rx, int *tx)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(PORT) };
	int v = 4 << 20, bad;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	KT_EQ(tn_netns_add(NS_A), 0);
	KT_EQ(tn_netns_add(NS_B), 0);
	tn_netns_set(NS_A);
	KT_EQ(nl_add_veth("veth0", "veth1", NS_B), 0);
	KT_EQ(nl_addr_up("veth0", "10.9.0.1", 24), 0);
	tn_netns_set(NS_B);
	KT_EQ(nl_addr_up("veth1", "10.9.0.2", 24), 0);
	*rx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_setsockopt(*rx, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	inet_pton(AF_INET, "10.9.0.2", &sin.sin_addr);
	KT_EQ(tn_bind(*rx, KT_SA(&sin), sizeof(sin)), 0);
	tn_netns_set(NS_A);
	*tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_connect(*tx, KT_SA(&sin), sizeof(sin)), 0);
	tn_netns_set(NULL);
	KT_EQ(send_gso(*tx, 10, 0), 10);
	KT_STREQ(drain(*rx, &bad), "10");
}

static void teardown(int rx, int tx)
{
	struct tn_stack_stats s;

	tn_close(rx);
	tn_close(tx);
	KT_EQ(tn_netns_del(NS_A), 0);
	KT_EQ(tn_netns_del(NS_B), 0);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_files, 0);
	tn_stack_destroy(st);
	KT_EQ(page_live_count(), 0);
}

static void set_gro(int fd, int on)
{
	KT_EQ(tn_setsockopt(fd, SOL_UDP, UDP_GRO, &on, sizeof(on)), 0);
}

/* The sends of the Linux program, and what its receiver printed. */
static const struct {
	int len, gso;
	const char *gro, *plain;
} sends[] = {
	{ 1472 * 10, 1472, "14720(gro 1472)", NULL },
	{ 1472 * 3 + 500, 1472, "4916(gro 1472)", "1472 1472 1472 500" },
	{ 100 * 128, 100, "6400(gro 100) 6400(gro 100)", NULL },
	{ 1000 * 65, 1000, "64000(gro 1000) 1000", NULL },
	{ 1472 * 44, 1472, "64768(gro 1472)", NULL },
	{ 1000, 0, "1000", "1000" },
};

/* The receiver gets every send as Linux's did; 0 or the first send that
 * differs (1-based). */
static int run_sends(int rx, int tx, bool gro)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(sends); i++) {
		const char *got;
		int bad, n = 0;

		KT_EQ(send_gso(tx, sends[i].len, sends[i].gso), sends[i].len);
		got = drain(rx, &bad);
		KT_EQ(bad, 0);
		if (gro) {
			if (strcmp(got, sends[i].gro))
				return (int)i + 1;
			continue;
		}
		if (sends[i].plain) {
			if (strcmp(got, sends[i].plain))
				return (int)i + 1;
			continue;
		}
		/* without UDP_GRO: every segment, of gso bytes but the last */
		for (const char *p = got; *p; p++)
			n += *p == ' ';
		if (n + 1 != (sends[i].len + sends[i].gso - 1) / sends[i].gso)
			return (int)i + 1;
	}
	return 0;
}

/* rx-gro-list: a UDP_GRO socket gets merged datagrams, another every one;
 * the counters as Linux's nstat showed them. */
static void t_gro_list(void)
{
	struct net_device *veth0, *veth1;
	long in0, udp0, noect0;
	int rx, tx;

	setup(&rx, &tx);
	veth0 = dev_in(NS_A, "veth0");
	veth1 = dev_in(NS_B, "veth1");
	features(veth0, 0, NETIF_F_GSO_UDP_L4);
	features(veth1, NETIF_F_GRO | NETIF_F_GRO_FRAGLIST, 0);

	tn_netns_set(NS_B);
	in0 = th_snmp("snmp", "Ip:", "InReceives");
	udp0 = th_snmp("snmp", "Udp:", "InDatagrams");
	noect0 = th_snmp("netstat", "IpExt:", "InNoECTPkts");
	set_gro(rx, 1);
	KT_EQ(run_sends(rx, tx, true), 0);
	/* Linux: 8 packets up, 252 segments; one datagram each read */
	KT_EQ(th_snmp("snmp", "Ip:", "InReceives") - in0, 8);
	KT_EQ(th_snmp("snmp", "Udp:", "InDatagrams") - udp0, 8);
	KT_EQ(th_snmp("netstat", "IpExt:", "InNoECTPkts") - noect0, 252);

	set_gro(rx, 0);
	in0 = th_snmp("snmp", "Ip:", "InReceives");
	udp0 = th_snmp("snmp", "Udp:", "InDatagrams");
	KT_EQ(run_sends(rx, tx, false), 0);
	/* merged as frag_lists, cut again for the socket */
	KT_EQ(th_snmp("snmp", "Ip:", "InReceives") - in0, 8);
	KT_EQ(th_snmp("snmp", "Udp:", "InDatagrams") - udp0, 252);
	tn_netns_set(NULL);
	teardown(rx, tx);
}

/* rx-udp-gro-forwarding: the same for both sockets; `gro on` alone merges
 * nothing (veth's TSO: only these two features make a socket's UDP worth
 * GRO); the sender's GSO on, the GSO packet reaches the socket whole. */
static void t_udp_fwd_and_gro_only(void)
{
	struct net_device *veth0, *veth1;
	int rx, tx;

	setup(&rx, &tx);
	veth0 = dev_in(NS_A, "veth0");
	veth1 = dev_in(NS_B, "veth1");
	features(veth0, 0, NETIF_F_GSO_UDP_L4);
	features(veth1, NETIF_F_GRO | NETIF_F_GRO_UDP_FWD, 0);
	set_gro(rx, 1);
	KT_EQ(run_sends(rx, tx, true), 0);
	set_gro(rx, 0);
	KT_EQ(run_sends(rx, tx, false), 0);

	features(veth1, 0, NETIF_F_GRO_UDP_FWD);
	set_gro(rx, 1);
	KT_EQ(run_sends(rx, tx, false), 0);
	set_gro(rx, 0);
	KT_EQ(run_sends(rx, tx, false), 0);
	teardown(rx, tx);
}

/* ---- frames handed to GRO in one poll ---- */

struct test_napi {
	struct napi_struct napi;
	struct sk_buff_head q;
};

static int test_poll(struct napi_struct *napi, int budget)
{
	struct test_napi *t = container_of(napi, struct test_napi, napi);
	struct sk_buff *skb;
	int done = 0;

	while (done < budget && (skb = skb_dequeue(&t->q))) {
		napi_gro_receive(napi, skb);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

struct frame {
	u16 sport;
	int len, off; /* payload bytes, from the pattern at @off */
	u16 id;
	u8 ttl;
	bool bad_csum;
};

/* A frame 10.9.0.1:@sport -> 10.9.0.2:9000 as it would arrive on @dev. */
static struct sk_buff *udp_frame(struct net_device *dev, const struct frame *f)
{
	static const u8 src[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };
	unsigned int ulen = sizeof(struct udphdr) + (unsigned int)f->len;
	struct sk_buff *skb = alloc_skb(64 + 2 + ETH_HLEN + 20 + ulen, 0);
	struct udphdr *uh;
	struct iphdr *iph;
	struct ethhdr *eth;
	char *data;

	KT_ASSERT(skb);
	skb_reserve(skb, 64 + 2 + ETH_HLEN + 20 + (int)sizeof(*uh));
	data = skb_put(skb, (unsigned int)f->len);
	for (int i = 0; i < f->len; i++)
		data[i] = pattern(f->off + i);
	uh = skb_push(skb, sizeof(*uh));
	uh->source = htons(f->sport);
	uh->dest = htons(PORT);
	uh->len = htons((u16)ulen);
	uh->check = 0;
	iph = skb_push(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = f->ttl ? f->ttl : 64;
	iph->protocol = IPPROTO_UDP;
	iph->id = htons(f->id);
	iph->frag_off = htons(IP_DF);
	iph->tot_len = htons((u16)(20 + ulen));
	inet_pton(AF_INET, "10.9.0.1", &iph->saddr);
	inet_pton(AF_INET, "10.9.0.2", &iph->daddr);
	ip_send_check(iph);
	uh->check = csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
				      csum_partial(uh, (int)ulen, 0));
	if (!uh->check)
		uh->check = 0xffff;
	if (f->bad_csum)
		uh->check ^= 0x0101;
	eth = skb_push(skb, ETH_HLEN);
	memcpy(eth->h_dest, dev->dev_addr, ETH_ALEN);
	memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	skb->dev = dev;
	skb->protocol = eth_type_trans(skb, dev);
	return skb;
}

/* @n frames through GRO on @dev in one poll */
static void one_poll(struct net_device *dev, const struct frame *f, int n)
{
	struct test_napi t;

	tn_netns_set(NS_B);
	stack_enter(st);
	skb_queue_head_init(&t.q);
	netif_napi_add(dev, &t.napi, test_poll);
	napi_enable(&t.napi);
	for (int i = 0; i < n; i++)
		skb_queue_tail(&t.q, udp_frame(dev, &f[i]));
	napi_schedule(&t.napi);
	do_softirq(st);
	napi_disable(&t.napi);
	netif_napi_del(&t.napi);
	stack_exit(st);
	tn_netns_set(NULL);
}

static struct frame fr[64];

/* @n frames of @len from @sport, IDs from @id, the pattern from @off */
static int frames(int at, int n, u16 sport, int len, u16 id, int off)
{
	for (int i = 0; i < n; i++)
		fr[at + i] = (struct frame){ .sport = sport,
					     .len = len,
					     .off = off + i * len,
					     .id = (u16)(id + i) };
	return at + n;
}

static void t_frames(void)
{
	struct net_device *veth1;
	struct th_tap tap;
	long csum0;
	int rx, tx, n, bad;

	setup(&rx, &tx);
	veth1 = dev_in(NS_B, "veth1");
	features(veth1, NETIF_F_GRO, 0);
	set_gro(rx, 1);

	/* equal ones, a shorter one that ends the flow, a new flow */
	n = frames(0, 5, 7000, 1000, 100, 0);
	n = frames(n, 1, 7000, 600, 105, 5000);
	n = frames(n, 1, 7000, 1000, 106, 5600);
	stack_enter(st);
	th_tap_add(&tap, ETH_P_ALL, veth1);
	stack_exit(st);
	one_poll(veth1, fr, n);
	KT_STREQ(drain(rx, &bad), "5600(gro 1000) 1000");
	KT_EQ(bad, 0);
	/* the tap sees what went up: the merged packet, then the other */
	stack_enter(st);
	KT_EQ(skb_queue_len(&tap.q), 2);
	KT_EQ(skb_peek(&tap.q)->len, 20 + 8 + 5600);
	KT_EQ(skb_peek_tail(&tap.q)->len, 20 + 8 + 1000);
	th_tap_del(&tap);
	stack_exit(st);

	/* two flows interleaved: each merged on its own */
	for (int i = 0; i < 6; i++)
		fr[i] = (struct frame){ .sport = (u16)(7001 + i % 2),
					.len = 1000,
					.off = i / 2 * 1000,
					.id = (u16)(200 + i / 2) };
	one_poll(veth1, fr, 6);
	KT_STREQ(drain(rx, &bad), "3000(gro 1000) 3000(gro 1000)");
	KT_EQ(bad, 0);

	/* a bad checksum goes up alone and is dropped; the IP ID that then
	 * jumps ends the first flow */
	tn_netns_set(NS_B);
	csum0 = th_snmp("snmp", "Udp:", "InCsumErrors");
	tn_netns_set(NULL);
	n = frames(0, 5, 7003, 1000, 300, 0);
	fr[2].bad_csum = true;
	fr[3].off = 2000;
	fr[4].off = 3000;
	one_poll(veth1, fr, n);
	KT_STREQ(drain(rx, &bad), "2000(gro 1000) 2000(gro 1000)");
	KT_EQ(bad, 0);
	tn_netns_set(NS_B);
	KT_EQ(th_snmp("snmp", "Udp:", "InCsumErrors") - csum0, 1);
	tn_netns_set(NULL);

	/* another TTL ends the flow, and starts one */
	n = frames(0, 5, 7004, 1000, 400, 0);
	fr[2].ttl = 63;
	fr[3].ttl = 63;
	one_poll(veth1, fr, n);
	KT_STREQ(drain(rx, &bad), "2000(gro 1000) 2000(gro 1000) 1000");
	KT_EQ(bad, 0);

	/* 64 KiB: 46 of 1400 fit, the 47th starts another */
	n = frames(0, 50, 7005, 1400, 500, 0);
	one_poll(veth1, fr, n);
	KT_STREQ(drain(rx, &bad), "64400(gro 1400) 5600(gro 1400)");
	KT_EQ(bad, 0);

	/* 64 segments at most */
	n = frames(0, 64, 7006, 10, 600, 0);
	one_poll(veth1, fr, n);
	n = frames(0, 3, 7006, 10, 664, 640);
	one_poll(veth1, fr, n);
	KT_STREQ(drain(rx, &bad), "640(gro 10) 30(gro 10)");
	KT_EQ(bad, 0);

	/* without UDP_GRO: one by one, as before */
	set_gro(rx, 0);
	n = frames(0, 5, 7007, 1000, 700, 0);
	one_poll(veth1, fr, n);
	KT_STREQ(drain(rx, &bad), "1000 1000 1000 1000 1000");
	KT_EQ(bad, 0);
	/* ... also when merged as a frag_list (rx-gro-list) */
	features(veth1, NETIF_F_GRO_FRAGLIST, 0);
	stack_enter(st);
	th_tap_add(&tap, ETH_P_ALL, veth1);
	stack_exit(st);
	n = frames(0, 5, 7007, 1000, 705, 0);
	one_poll(veth1, fr, n);
	KT_STREQ(drain(rx, &bad), "1000 1000 1000 1000 1000");
	KT_EQ(bad, 0);
	stack_enter(st);
	KT_EQ(skb_queue_len(&tap.q), 1);
	th_tap_del(&tap);
	stack_exit(st);
	teardown(rx, tx);
}

KTEST_MAIN(KT(t_gro_list), KT(t_udp_fwd_and_gro_only), KT(t_frames))
