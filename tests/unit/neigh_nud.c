// SPDX-License-Identifier: BSD-2-Clause
/*
 * The neighbour state machine over ARP, in virtual time, on a veth pair
 * with hand-made IPv4 packets and ARP replies: INCOMPLETE with three
 * broadcast requests a second apart then FAILED (queued packets dropped),
 * resolution by a reply (queue flushed to the resolved address),
 * REACHABLE -> STALE -> DELAY -> PROBE (unicast) -> FAILED, the queue and
 * table bounds, flush on device down, and malformed ARP packets.
 */
#include <linux/icmp.h>
#include <linux/if_arp.h>
#include <linux/ip.h>

#include <net/arp.h>
#include <net/neighbour.h>
#include <net/snmp.h>

#include "ktest.h"
#include "veth_helpers.h"

static struct tn_stack *st;
static struct net *net;
static struct net_device *a, *b;
static struct th_tap tap; /* everything b receives */
static bool own_ip, own_icmp, own_msg;

static const __be32 ip_a = 0x0100000a, ip_b = 0x0200000a; /* 10.0.0.1/2 */

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	stack_enter(st);
	rtnl_lock(); /* configuring, as the control plane does */
	net = st->init_net;
	KT_ASSERT(net->ipv4.arp_tbl);
	/* b's ip_rcv counts what it gets: MIBs while snmp is not in */
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
	a = th_veth_pair(net, "a", "b");
	KT_ASSERT(a);
	b = __dev_get_by_name(net, "b");
	dev_open(a);
	dev_open(b);
	th_tap_add(&tap, ETH_P_ALL, b);
}

static void teardown(void)
{
	struct tn_stack_stats s;

	th_tap_del(&tap);
	do_softirq(st);
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
	rtnl_unlock();
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	tn_stack_destroy(st);
}

static void advance_ms(u64 ms)
{
	rtnl_unlock();
	stack_exit(st);
	tn_clock_advance(st, ms * NSEC_PER_MSEC);
	stack_enter(st);
	rtnl_lock();
	do_softirq(st);
}

static struct sk_buff *ip_packet(__be32 daddr, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len + 128, 0);
	struct iphdr *iph;

	skb_reserve(skb, 128);
	skb_reset_network_header(skb);
	iph = skb_put_zero(skb, len);
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = ip_a;
	iph->daddr = daddr;
	iph->tot_len = htons((u16)len);
	skb->protocol = htons(ETH_P_IP);
	skb->dev = a;
	return skb;
}

/* ARP requests b saw: broadcast ones and unicast ones */
static int arp_seen(int pkt_type)
{
	struct sk_buff *skb;
	int n = 0;

	skb_queue_walk(&tap.q, skb)
		if (skb->protocol == htons(ETH_P_ARP) &&
		    skb->pkt_type == pkt_type)
			n++;
	return n;
}

static int ip_seen(void)
{
	struct sk_buff *skb;
	int n = 0;

	skb_queue_walk(&tap.q, skb)
		if (skb->protocol == htons(ETH_P_IP))
			n++;
	return n;
}

/* an ARP packet from b (sha, sip) to a, delivered as a received frame */
static struct sk_buff *arp_frame(u16 op, const u8 *sha, __be32 sip, __be32 tip,
				 const u8 *dst, unsigned int len)
{
	struct sk_buff *skb = th_frame(dst, sha, ETH_P_ARP, 28);
	struct arphdr *arp = (struct arphdr *)(void *)(skb->data + ETH_HLEN);
	u8 *p = (u8 *)(arp + 1);

	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = 6;
	arp->ar_pln = 4;
	arp->ar_op = htons(op);
	memcpy(p, sha, 6);
	memcpy(p + 6, &sip, 4);
	memcpy(p + 10, a->dev_addr, 6);
	memcpy(p + 16, &tip, 4);
	skb_trim(skb, ETH_HLEN + len);
	skb->protocol = eth_type_trans(skb, a);
	return skb;
}

static void test_incomplete_to_failed(void)
{
	struct neighbour *n;
	int i;

	setup();
	n = ip_neigh_gw4(a, ip_b);
	KT_ASSERT(!IS_ERR_OR_NULL(n));
	KT_EQ(n->nud_state, NUD_NONE);
	for (i = 0; i < 3; i++)
		KT_EQ(neigh_output(n, ip_packet(ip_b, 100), false), 0);
	KT_EQ(n->nud_state, NUD_INCOMPLETE);
	KT_EQ(skb_queue_len(&n->arp_queue), 3);
	do_softirq(st);
	KT_EQ(arp_seen(PACKET_BROADCAST), 1);
	advance_ms(1000);
	KT_EQ(arp_seen(PACKET_BROADCAST), 2);
	advance_ms(1000);
	KT_EQ(arp_seen(PACKET_BROADCAST), 3);
	KT_EQ(n->nud_state, NUD_INCOMPLETE);
	advance_ms(1000);
	KT_EQ(n->nud_state, NUD_FAILED);
	KT_EQ(arp_seen(PACKET_BROADCAST), 3);
	KT_EQ(skb_queue_len(&n->arp_queue), 0);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_NEIGH_FAILED], 3);
	KT_EQ(ip_seen(), 0);
	KT_EQ(net->ipv4.arp_tbl->stats.res_failed, 1);
	teardown();
}

static void test_resolve_and_nud_cycle(void)
{
	struct neighbour *n;
	struct sk_buff *skb;

	setup();
	n = ip_neigh_gw4(a, ip_b);
	neigh_output(n, ip_packet(ip_b, 100), false);
	neigh_output(n, ip_packet(ip_b, 100), false);
	do_softirq(st);
	KT_EQ(arp_seen(PACKET_BROADCAST), 1);

	/* the reply: REACHABLE, the queue goes out to b's address */
	netif_rx(arp_frame(ARPOP_REPLY, b->dev_addr, ip_b, ip_a, a->dev_addr,
			   28));
	do_softirq(st);
	KT_EQ(n->nud_state, NUD_REACHABLE);
	KT_EQ(memcmp(n->ha, b->dev_addr, 6), 0);
	KT_EQ(ip_seen(), 2);
	skb_queue_walk(&tap.q, skb)
		if (skb->protocol == htons(ETH_P_IP))
			KT_EQ(skb->pkt_type, PACKET_HOST);

	/* reachable_time is 15..45 s; unused by then: STALE */
	advance_ms(46000);
	KT_EQ(n->nud_state, NUD_STALE);
	/* a packet: sent at once, DELAY */
	neigh_output(n, ip_packet(ip_b, 100), false);
	do_softirq(st);
	KT_EQ(ip_seen(), 3);
	KT_EQ(n->nud_state, NUD_DELAY);
	/* no confirmation within delay_first_probe_time: PROBE, unicast */
	advance_ms(5000);
	KT_EQ(n->nud_state, NUD_PROBE);
	KT_EQ(arp_seen(PACKET_HOST), 1);
	advance_ms(1000);
	advance_ms(1000);
	KT_EQ(arp_seen(PACKET_HOST), 3);
	advance_ms(1000);
	KT_EQ(n->nud_state, NUD_FAILED);
	KT_EQ(arp_seen(PACKET_HOST), 3);

	/* a confirmation in DELAY returns to REACHABLE */
	neigh_output(n, ip_packet(ip_b, 100), false);
	KT_EQ(n->nud_state, NUD_INCOMPLETE);
	netif_rx(arp_frame(ARPOP_REPLY, b->dev_addr, ip_b, ip_a, a->dev_addr,
			   28));
	do_softirq(st);
	KT_EQ(n->nud_state, NUD_REACHABLE);
	advance_ms(46000);
	neigh_output(n, ip_packet(ip_b, 100), false);
	KT_EQ(n->nud_state, NUD_DELAY);
	advance_ms(1500); /* past locktime */
	netif_rx(arp_frame(ARPOP_REPLY, b->dev_addr, ip_b, ip_a, a->dev_addr,
			   28));
	do_softirq(st);
	advance_ms(5000);
	KT_EQ(n->nud_state, NUD_REACHABLE);

	/* device down: its entries go */
	dev_close(a);
	KT_EQ(net->ipv4.arp_tbl->entries, 0);
	teardown();
}

static void test_bounds(void)
{
	struct neigh_table *tbl;
	struct neighbour *n;
	int i, errs = 0;

	setup();
	tbl = net->ipv4.arp_tbl;
	n = ip_neigh_gw4(a, ip_b);
	for (i = 0; i < 300; i++)
		neigh_output(n, ip_packet(ip_b, 1400), false);
	KT_ASSERT(n->arp_queue_len_bytes <= 212992);
	/* unres_qlen_bytes over what Linux charges such a packet: 2304 */
	KT_EQ(skb_queue_len(&n->arp_queue), 212992 / 2304);
	KT_ASSERT(tbl->stats.unres_discards > 0);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_NEIGH_QUEUEFULL],
	      tbl->stats.unres_discards);

	/* the table stops at gc_thresh3 when nothing can be collected */
	for (i = 0; i < 1100; i++) {
		__be32 key = htonl(0x0b000000U + (u32)i);

		if (IS_ERR(__neigh_create(tbl, &key, a)))
			errs++;
	}
	KT_ASSERT(tbl->entries <= 1024);
	KT_ASSERT(errs > 0);
	/* 5 s later the forced gc may reclaim old unused entries */
	advance_ms(6000);
	{
		__be32 key = htonl(0x0c000001U);

		KT_ASSERT(!IS_ERR(__neigh_create(tbl, &key, a)));
	}
	KT_ASSERT(tbl->entries <= 1024);
	teardown();
}

static void test_malformed_arp(void)
{
	unsigned long small, invalid;
	struct sk_buff *skb;
	u8 bcast[6];

	setup();
	eth_broadcast_addr(bcast);
	small = st->drop_reasons[SKB_DROP_REASON_PKT_TOO_SMALL];
	invalid = st->drop_reasons[SKB_DROP_REASON_ARP_INVALID];

	netif_rx(arp_frame(ARPOP_REQUEST, b->dev_addr, ip_b, ip_a, bcast, 27));
	skb = arp_frame(ARPOP_REQUEST, b->dev_addr, ip_b, ip_a, bcast, 28);
	((struct arphdr *)(void *)skb->data)->ar_hln = 4;
	netif_rx(skb);
	skb = arp_frame(ARPOP_REQUEST, b->dev_addr, ip_b, ip_a, bcast, 28);
	((struct arphdr *)(void *)skb->data)->ar_op = htons(5);
	netif_rx(skb);
	skb = arp_frame(ARPOP_REQUEST, b->dev_addr, ip_b, ip_a, bcast, 28);
	((struct arphdr *)(void *)skb->data)->ar_pro = htons(0x86dd);
	netif_rx(skb);
	/* a request for a multicast address */
	netif_rx(arp_frame(ARPOP_REQUEST, b->dev_addr, ip_b, htonl(0xe0000001),
			   bcast, 28));
	do_softirq(st);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_PKT_TOO_SMALL], small + 1);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_ARP_INVALID], invalid + 4);
	/* none of them taught us anything */
	KT_EQ(net->ipv4.arp_tbl->entries, 0);
	teardown();
}

KTEST_MAIN(KT(test_incomplete_to_failed), KT(test_resolve_and_nud_cycle),
	   KT(test_bounds), KT(test_malformed_arp))
