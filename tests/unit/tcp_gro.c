// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP GRO (tcp4_gro_receive, tcp4_gro_complete) on the receiving end of a
 * veth pair, in virtual time: frames handed to GRO in one NAPI poll are
 * merged into one GSO packet (gso_size the first one's payload, gso_segs
 * how many) while each continues the held one exactly, with Linux 6.18's
 * rules: the sequence number follows, ACK number, window and options are
 * equal, nothing longer than the first; PSH, FIN, URG, RST or SYN end the
 * flow with the segment merged, a shorter segment ends it merged, CWR
 * starts a new one, a pure ACK goes up on its own.  Then a real transfer
 * from a sender with TSO off (`ethtool -K va tso off`) to an end with
 * `ethtool -K vb gro on`: the receiver gets merged packets and counts them
 * as Linux does (Ip InReceives and Tcp InSegs per packet, IpExt
 * InNoECTPkts per segment).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <stdio.h>

#include "ktest.h"
#include "snmp.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#include <net/gro.h>
#include <net/stack.h>
#include <net/tcp.h>

#define MSS  1448U
#define NREC 64

struct rec {
	unsigned int payload, segs, gso_size;
	u32 seq;
	u8 flags;
	bool partial;
};

static struct tn_stack *st;
static struct net *net_b;
static struct rec recs[NREC];
static unsigned int nrec;
static bool consume; /* the handler takes what it sees */

static void put32(u32 v, u8 *p)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static void put16(u16 v, u8 *p)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static u32 be32_at(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

/* vb's rx_handler: what went up from GRO, one record per packet */
static rx_handler_result_t rec_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	u8 hdr[60];
	const struct iphdr *iph = (const struct iphdr *)(void *)hdr;
	unsigned int ihl, doff;

	if (skb->protocol != htons(ETH_P_IP) || skb->len < 40 ||
	    skb_copy_bits(skb, 0, hdr, 40) < 0 || iph->protocol != IPPROTO_TCP)
		return RX_HANDLER_PASS;
	ihl = iph->ihl * 4U;
	doff = (hdr[ihl + 12] >> 4) * 4U;
	KT_EQ(ntohs(iph->tot_len), skb->len);
	if (nrec < NREC) {
		struct rec *r = &recs[nrec++];

		r->payload = skb->len - ihl - doff;
		r->segs = skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
		r->gso_size = skb_shinfo(skb)->gso_size;
		r->seq = be32_at(hdr + ihl + 4);
		r->flags = hdr[ihl + 13];
		r->partial = skb->ip_summed == CHECKSUM_PARTIAL;
	}
	if (!consume)
		return RX_HANDLER_PASS;
	kfree_skb(skb);
	return RX_HANDLER_CONSUMED;
}

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
	u32 seq, ack, tsval;
	unsigned int len;
	u8 flags; /* TCPHDR_ACK is added */
	u16 id, window;
};

static char pattern(u32 i)
{
	return (char)(i * 7 + (i >> 8));
}

/* 10.0.0.1:5000 -> 10.0.0.2:6000 with <nop,nop,TS>, as it arrives on @dev */
static struct sk_buff *tcp_frame(struct net_device *dev, const struct frame *f)
{
	static const u8 src[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };
	unsigned int tlen = 32 + f->len;
	struct sk_buff *skb = alloc_skb(64 + 2 + ETH_HLEN + 20 + tlen, 0);
	struct iphdr *iph;
	struct ethhdr *eth;
	u8 *th;
	char *data;

	KT_ASSERT(skb);
	skb_reserve(skb, 64 + 2 + ETH_HLEN + 20 + 32); /* NET_IP_ALIGN */
	data = skb_put(skb, f->len);
	for (unsigned int i = 0; i < f->len; i++)
		data[i] = pattern(f->seq + i);
	th = skb_push(skb, 32);
	memset(th, 0, 32);
	th[0] = 5000 >> 8;
	th[1] = 5000 & 0xff;
	th[2] = 6000 >> 8;
	th[3] = 6000 & 0xff;
	put32(f->seq, th + 4);
	put32(f->ack, th + 8);
	th[12] = 8 << 4;
	th[13] = f->flags | TCPHDR_ACK;
	put16(f->window ? f->window : 502, th + 14);
	th[20] = 1;
	th[21] = 1;
	th[22] = 8;
	th[23] = 10;
	put32(f->tsval, th + 24);
	put32(7, th + 28);
	iph = skb_push(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->id = htons(f->id);
	iph->frag_off = htons(IP_DF);
	iph->tot_len = htons((u16)(20 + tlen));
	inet_pton(AF_INET, "10.0.0.1", &iph->saddr);
	inet_pton(AF_INET, "10.0.0.2", &iph->daddr);
	ip_send_check(iph);
	put16(ntohs(csum_tcpudp_magic(iph->saddr, iph->daddr, tlen, IPPROTO_TCP,
				      csum_partial(th, (int)tlen, 0))),
	      th + 16);
	eth = skb_push(skb, ETH_HLEN);
	memcpy(eth->h_dest, dev->dev_addr, ETH_ALEN);
	memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	skb->dev = dev;
	skb->protocol = eth_type_trans(skb, dev);
	return skb;
}

static struct net_device *vb;

/* @n frames through GRO on vb in one poll; the records start afresh */
static void one_poll(const struct frame *f, int n)
{
	struct test_napi t;

	nrec = 0;
	KT_EQ(tn_netns_set("b"), 0);
	stack_enter(st);
	skb_queue_head_init(&t.q);
	netif_napi_add(vb, &t.napi, test_poll);
	napi_enable(&t.napi);
	for (int i = 0; i < n; i++)
		skb_queue_tail(&t.q, tcp_frame(vb, &f[i]));
	napi_schedule(&t.napi);
	do_softirq(st);
	napi_disable(&t.napi);
	netif_napi_del(&t.napi);
	stack_exit(st);
	KT_EQ(tn_netns_set(NULL), 0);
}

static struct frame fr[64];

/* @n back-to-back frames of @len from sequence @seq, IP IDs from @id */
static int frames(int at, int n, u32 seq, unsigned int len, u16 id)
{
	for (int i = 0; i < n; i++)
		fr[at + i] = (struct frame){ .seq = seq + (u32)i * len,
					     .ack = 1000,
					     .tsval = 100,
					     .len = len,
					     .id = (u16)(id + i) };
	return at + n;
}

static void setup(void)
{
	st = tp_setup(&net_b, NULL, NULL, NULL, NULL);
	stack_enter(st);
	rtnl_lock();
	vb = __dev_get_by_name(net_b, "vb");
	KT_ASSERT(vb);
	KT_EQ(netdev_rx_handler_register(vb, rec_rx, NULL), 0);
	vb->features |= NETIF_F_GRO; /* ethtool -K vb gro on */
	rtnl_unlock();
	stack_exit(st);
}

static void expect(unsigned int i, u32 seq, unsigned int payload,
		   unsigned int segs, u8 flags)
{
	KT_ASSERT(i < nrec);
	KT_EQ(recs[i].seq, seq);
	KT_EQ(recs[i].payload, payload);
	KT_EQ(recs[i].segs, segs);
	KT_EQ(recs[i].flags, flags | TCPHDR_ACK);
	if (segs > 1) {
		KT_EQ(recs[i].gso_size, MSS);
		KT_ASSERT(recs[i].partial);
	}
}

/* Back-to-back full segments merge; PSH on the fourth ends the flow with
 * it merged; FIN does the same. */
static void test_merge_until_psh_fin(void)
{
	int n;

	setup();
	consume = true;
	n = frames(0, 4, 1, MSS, 10);
	fr[3].flags = TCPHDR_PSH;
	n = frames(n, 2, 1 + 4 * MSS, MSS, 14);
	one_poll(fr, n);
	KT_EQ(nrec, 2U);
	expect(0, 1, 4 * MSS, 4, TCPHDR_PSH);
	expect(1, 1 + 4 * MSS, 2 * MSS, 2, 0);

	n = frames(0, 3, 1, MSS, 20);
	fr[2].flags = TCPHDR_FIN | TCPHDR_PSH;
	one_poll(fr, n);
	KT_EQ(nrec, 1U);
	expect(0, 1, 3 * MSS, 3, TCPHDR_FIN | TCPHDR_PSH);
	tp_teardown(st);
}

/* A changed option (the timestamp), ACK number or window, or a gap in
 * the sequence, ends the held packet; the new segment starts another. */
static void test_flush_on_difference(void)
{
	int n;

	setup();
	consume = true;
	n = frames(0, 6, 1, MSS, 30);
	fr[2].tsval = fr[3].tsval = 101; /* TS: a new flow from 3 */
	fr[4].tsval = fr[5].tsval = 101;
	fr[4].ack = fr[5].ack = 2000; /* ACK number: a new flow from 5 */
	one_poll(fr, n);
	KT_EQ(nrec, 3U);
	expect(0, 1, 2 * MSS, 2, 0);
	expect(1, 1 + 2 * MSS, 2 * MSS, 2, 0);
	/* the last two were held and went up at the end of the poll */
	expect(2, 1 + 4 * MSS, 2 * MSS, 2, 0);

	n = frames(0, 4, 1, MSS, 40);
	fr[2].seq += 1; /* a gap */
	fr[3].seq += 1;
	fr[3].window = 600; /* a new window */
	one_poll(fr, n);
	KT_EQ(nrec, 3U);
	expect(0, 1, 2 * MSS, 2, 0);
	expect(1, 2 + 2 * MSS, MSS, 1, 0);
	expect(2, 2 + 3 * MSS, MSS, 1, 0);
	tp_teardown(st);
}

/* A shorter segment is merged and ends the flow; a longer one than the
 * first is not merged; a pure ACK goes up alone after the held packet;
 * CWR is not merged but starts a new held packet (SKB_GSO_TCP_ECN). */
static void test_lengths_ack_cwr(void)
{
	int n;

	setup();
	consume = true;
	n = frames(0, 2, 1, MSS, 50);
	n = frames(n, 1, 1 + 2 * MSS, 500, 52);
	n = frames(n, 1, 1 + 2 * MSS + 500, MSS, 53);
	one_poll(fr, n);
	KT_EQ(nrec, 2U);
	expect(0, 1, 2 * MSS + 500, 3, 0);
	expect(1, 1 + 2 * MSS + 500, MSS, 1, 0);

	n = frames(0, 1, 1, 1000, 60);
	n = frames(n, 1, 1001, MSS, 61); /* longer than the first */
	n = frames(n, 1, 1001 + MSS, 0, 62); /* a pure ACK */
	one_poll(fr, n);
	KT_EQ(nrec, 3U);
	expect(0, 1, 1000, 1, 0);
	expect(1, 1001, MSS, 1, 0);
	expect(2, 1001 + MSS, 0, 1, 0);

	n = frames(0, 3, 1, MSS, 70);
	fr[1].flags = TCPHDR_CWR;
	one_poll(fr, n);
	KT_EQ(nrec, 2U);
	expect(0, 1, MSS, 1, 0);
	expect(1, 1 + MSS, 2 * MSS, 2, TCPHDR_CWR);
	tp_teardown(st);
}

/* A merged packet stops short of 64 KiB: 45 segments, then the next. */
static void test_64k_limit(void)
{
	int n;

	setup();
	consume = true;
	n = frames(0, 46, 1, MSS, 80);
	one_poll(fr, n);
	KT_EQ(nrec, 2U);
	expect(0, 1, 45 * MSS, 45, 0);
	expect(1, 1 + 45 * MSS, MSS, 1, 0);
	tp_teardown(st);
}

/* A bad checksum goes up alone (tcp_v4_rcv counts it), as Linux ahead of
 * the held packet, which the next segment then does not continue; the
 * segments after it merge again. */
static void test_bad_checksum(void)
{
	struct sk_buff *skb;
	struct test_napi t;
	long err0;
	int n;

	setup();
	consume = false;
	KT_EQ(tn_netns_set("b"), 0);
	err0 = th_snmp("snmp", "Tcp:", "InCsumErrors");
	KT_EQ(tn_netns_set(NULL), 0);
	n = frames(0, 4, 1, MSS, 90);
	nrec = 0;
	KT_EQ(tn_netns_set("b"), 0);
	stack_enter(st);
	skb_queue_head_init(&t.q);
	netif_napi_add(vb, &t.napi, test_poll);
	napi_enable(&t.napi);
	for (int i = 0; i < n; i++) {
		skb = tcp_frame(vb, &fr[i]);
		if (i == 1)
			skb->data[skb->len - 1] ^= 0x55;
		skb_queue_tail(&t.q, skb);
	}
	napi_schedule(&t.napi);
	do_softirq(st);
	napi_disable(&t.napi);
	netif_napi_del(&t.napi);
	stack_exit(st);
	KT_EQ(th_snmp("snmp", "Tcp:", "InCsumErrors"), err0 + 1);
	KT_EQ(tn_netns_set(NULL), 0);
	/* the bad one goes up at once, ahead of the held first one */
	KT_EQ(nrec, 3U);
	expect(0, 1 + MSS, MSS, 1, 0);
	expect(1, 1, MSS, 1, 0);
	expect(2, 1 + 2 * MSS, 2 * MSS, 2, 0);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_merge_until_psh_fin), KT(test_flush_on_difference),
	   KT(test_lengths_ack_cwr), KT(test_64k_limit), KT(test_bad_checksum))
