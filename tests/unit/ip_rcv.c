// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 receive checks (ip_rcv) and their MIB counters, local delivery of an
 * unknown protocol, forwarding (TTL expiry, TTL decrement with incremental
 * checksum, DF too big), ICMP receive checks and the per-host ICMP rate
 * limit over virtual time.  Packets are built by hand on an unregistered
 * device; routes are hand-made dsts attached before ip_rcv, so no routing
 * table is involved.
 */
#include <linux/icmp.h>

#include <net/protocol.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/route.h>
#include <net/snmp.h>

#include "ktest.h"
#include "fake_route.h"

static struct tn_stack *st;
static struct net *net;
static struct net_device *dev;
static struct rtable *rt;
static bool own_ip, own_icmp, own_msg;

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	stack_enter(st);
	net = st->init_net;
	own_ip = !net->ipv4.ip_statistics;
	if (own_ip)
		net->ipv4.ip_statistics =
			kzalloc(sizeof(struct ipstats_mib), 0);
	own_icmp = !net->ipv4.icmp_statistics;
	if (own_icmp)
		net->ipv4.icmp_statistics = kzalloc(sizeof(struct icmp_mib), 0);
	own_msg = !net->ipv4.icmpmsg_statistics;
	if (own_msg)
		net->ipv4.icmpmsg_statistics =
			kzalloc(sizeof(struct icmpmsg_mib), 0);
	if (!net->ipv4.frags)
		KT_EQ(ipfrag_init(st), 0);
	if (!net->ipv4.peers)
		KT_EQ(icmp_init(st), 0);
	rt = th_fake_route_create(net, &dev);
}

static void teardown(void)
{
	struct tn_stack_stats s;

	th_fake_route_destroy(dev, rt);
	if (own_ip) {
		kfree(net->ipv4.ip_statistics);
		net->ipv4.ip_statistics = NULL;
	}
	if (own_icmp) {
		kfree(net->ipv4.icmp_statistics);
		net->ipv4.icmp_statistics = NULL;
	}
	if (own_msg) {
		kfree(net->ipv4.icmpmsg_statistics);
		net->ipv4.icmpmsg_statistics = NULL;
	}
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	tn_stack_destroy(st);
}

static u64 mib(int field)
{
	return net->ipv4.ip_statistics->mibs[field];
}

static unsigned long icmib(int field)
{
	return net->ipv4.icmp_statistics->mibs[field];
}

static struct sk_buff *make_pkt(unsigned int plen, u8 proto, u8 ttl)
{
	struct sk_buff *skb = alloc_skb_with_headroom(20 + plen + 16, 0);
	struct iphdr *iph;

	skb_put(skb, 20 + plen);
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	memset(skb->data, 0xab, 20 + plen);
	memset(iph, 0, 20);
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = ttl;
	iph->protocol = proto;
	iph->saddr = htonl(0x0a000001);
	iph->daddr = htonl(0x0a000102);
	iph->tot_len = htons((u16)(20 + plen));
	ip_send_check(iph);
	skb->dev = dev;
	skb->skb_iif = dev->ifindex;
	skb->protocol = htons(ETH_P_IP);
	return skb;
}

static void rcv(struct sk_buff *skb)
{
	ip_rcv(skb, dev, NULL, dev);
}

static void test_header_checks(void)
{
	struct sk_buff *skb;

	setup();
	/* version 6 */
	skb = make_pkt(8, 17, 64);
	ip_hdr(skb)->version = 6;
	ip_send_check(ip_hdr(skb));
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INHDRERRORS), 1);
	/* ihl 4 */
	skb = make_pkt(8, 17, 64);
	ip_hdr(skb)->ihl = 4;
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INHDRERRORS), 2);
	/* bad checksum */
	skb = make_pkt(8, 17, 64);
	ip_hdr(skb)->check ^= 0x0101;
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_CSUMERRORS), 1);
	KT_EQ(mib(IPSTATS_MIB_INHDRERRORS), 3);
	/* tot_len past what arrived */
	skb = make_pkt(8, 17, 64);
	ip_hdr(skb)->tot_len = htons(100);
	ip_send_check(ip_hdr(skb));
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INTRUNCATEDPKTS), 1);
	/* tot_len shorter than the header */
	skb = make_pkt(8, 17, 64);
	ip_hdr(skb)->tot_len = htons(12);
	ip_send_check(ip_hdr(skb));
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INHDRERRORS), 4);
	/* shorter than a header at all */
	skb = make_pkt(8, 17, 64);
	skb_trim(skb, 10);
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INHDRERRORS), 5);
	KT_EQ(mib(IPSTATS_MIB_INPKTS), 6);
	/* for another host at the link layer: dropped before counting */
	skb = make_pkt(8, 17, 64);
	skb->pkt_type = PACKET_OTHERHOST;
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INPKTS), 6);
	teardown();
}

static void test_unknown_protocol(void)
{
	struct sk_buff *skb;

	setup();
	rt->dst.input = ip_local_deliver;
	rt->rt_type = RTN_LOCAL;
	rt->rt_flags = RTCF_LOCAL;
	skb = make_pkt(8, 253, 64);
	skb_put_zero(skb, 6); /* link padding: trimmed by ip_rcv */
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INUNKNOWNPROTOS), 1);
	KT_EQ(mib(IPSTATS_MIB_INDELIVERS), 0);
	KT_EQ(mib(IPSTATS_MIB_INOCTETS), 34);
	teardown();
}

static void test_forward(void)
{
	struct sk_buff *skb;
	struct iphdr *iph;

	setup();
	rt->dst.input = ip_forward;
	rt->rt_type = RTN_UNICAST;
	rt->dst.metrics[RTAX_MTU] = 1000;

	/* TTL 1: time exceeded, counted as a header error */
	skb = make_pkt(8, 17, 1);
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_INHDRERRORS), 1);
	KT_EQ(skb_queue_len(&th_fake_sent), 0);

	/* forwarded: TTL - 1, checksum still right */
	skb = make_pkt(100, 17, 64);
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(skb_queue_len(&th_fake_sent), 1);
	iph = ip_hdr(skb_peek(&th_fake_sent));
	KT_EQ(iph->ttl, 63);
	KT_EQ(ip_fast_csum(iph, iph->ihl), 0);
	KT_EQ(mib(IPSTATS_MIB_OUTFORWDATAGRAMS), 1);

	/* DF and bigger than the route's MTU: frag needed, FragFails */
	skb = make_pkt(1200, 17, 64);
	ip_hdr(skb)->frag_off = htons(IP_DF);
	ip_send_check(ip_hdr(skb));
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(mib(IPSTATS_MIB_FRAGFAILS), 1);
	KT_EQ(skb_queue_len(&th_fake_sent), 1);

	/* not for us at the link layer: not forwarded */
	skb = make_pkt(8, 17, 64);
	skb->pkt_type = PACKET_BROADCAST;
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(skb_queue_len(&th_fake_sent), 1);
	teardown();
}

static void test_icmp_checks(void)
{
	struct sk_buff *skb;
	struct icmphdr *ih;

	setup();
	rt->dst.input = ip_local_deliver;
	rt->rt_type = RTN_LOCAL;
	rt->rt_flags = RTCF_LOCAL;
	if (!inet_stack(net->st)->inet_protos[IPPROTO_ICMP])
		inet_stack(net->st)->inet_protos[IPPROTO_ICMP] = &icmp_protocol;

	/* bad ICMP checksum */
	skb = make_pkt(16, IPPROTO_ICMP, 64);
	ih = (struct icmphdr *)(void *)(skb->data + 20);
	memset(ih, 0, 16);
	ih->type = ICMP_ECHO;
	ih->checksum = 0x1234;
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(icmib(ICMP_MIB_INMSGS), 1);
	KT_EQ(icmib(ICMP_MIB_CSUMERRORS), 1);
	KT_EQ(icmib(ICMP_MIB_INERRORS), 1);

	/* too short for a header */
	skb = make_pkt(4, IPPROTO_ICMP, 64);
	memset(skb->data + 20, 0, 4);
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(icmib(ICMP_MIB_INERRORS), 2);

	/* unknown type 40: counted by type, silently discarded */
	skb = make_pkt(8, IPPROTO_ICMP, 64);
	ih = (struct icmphdr *)(void *)(skb->data + 20);
	memset(ih, 0, 8);
	ih->type = 40;
	ih->checksum = csum_fold(csum_partial(ih, 8, 0));
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	rcv(skb);
	KT_EQ(net->ipv4.icmpmsg_statistics->mibs[40], 1);
	KT_EQ(icmib(ICMP_MIB_INMSGS), 3);
	teardown();
}

static void test_icmp_peer_ratelimit(void)
{
	struct inet_peer *peer;
	int i, allowed = 0;

	setup();
	peer = inet_getpeer_v4(net, htonl(0x0a000009), true);
	KT_ASSERT(peer);
	KT_ASSERT(inet_getpeer_v4(net, htonl(0x0a000009), false) == peer);
	/* a new host may take a burst of 6, then one per icmp_ratelimit */
	for (i = 0; i < 20; i++)
		allowed += inet_peer_xrlim_allow(peer, 1000);
	KT_EQ(allowed, 6);
	stack_exit(st);
	tn_clock_advance(st, 999ULL * NSEC_PER_MSEC);
	stack_enter(st);
	KT_EQ(inet_peer_xrlim_allow(peer, 1000), 0);
	stack_exit(st);
	tn_clock_advance(st, 1001ULL * NSEC_PER_MSEC);
	stack_enter(st);
	/* 999 + 1001 ms of credit: two more, then none */
	KT_EQ(inet_peer_xrlim_allow(peer, 1000), 1);
	KT_EQ(inet_peer_xrlim_allow(peer, 1000), 1);
	KT_EQ(inet_peer_xrlim_allow(peer, 1000), 0);
	/* the table is bounded: many hosts recycle the oldest entries */
	for (i = 0; i < 1000; i++)
		KT_ASSERT(
			inet_getpeer_v4(net, htonl(0x0b000000 + (u32)i), true));
	teardown();
}

/* ip_fast_csum: RFC 1071's sum, for plain headers and with options */
static void test_ip_fast_csum(void)
{
	/* a UDP datagram's header; its checksum is 0xb861 */
	unsigned char h[24] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
		0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01,
		0xc0, 0xa8, 0x00, 0xc7, 0x01, 0x01, 0x01, 0x00
	};
	__sum16 c;

	c = ip_fast_csum(h, 5);
	KT_EQ(ntohs((u16)c), 0xb861);
	memcpy(&h[10], &c, 2);
	KT_EQ(ip_fast_csum(h, 5), 0);
	/* four NOP/EOL option bytes: ihl 6 */
	h[0] = 0x46;
	h[10] = h[11] = 0;
	c = ip_fast_csum(h, 6);
	KT_EQ(ntohs((u16)c), 0xb560);
	memcpy(&h[10], &c, 2);
	KT_EQ(ip_fast_csum(h, 6), 0);
}

KTEST_MAIN(KT(test_header_checks), KT(test_unknown_protocol), KT(test_forward),
	   KT(test_icmp_checks), KT(test_icmp_peer_ratelimit),
	   KT(test_ip_fast_csum))
