// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_tcp_gro: sequences of TCP segments handed to GRO (napi_gro_receive
 * on veth0, GRO on) in NAPI polls.  The input is a mode byte (0x01 a poll
 * weight of 8 instead of 64), then records of three bytes, one segment
 * each, from 10.0.0.2 to 10.0.0.1:6000 with <nop,nop,TS>:
 *   u8 ctl: 0x01 PSH, 0x02 FIN, 0x04 a gap of 100 bytes before it, 0x08
 *	the TS value moves on, 0x10 the ACK number does, 0x20 bad TCP
 *	checksum, 0x40 CWR, 0x80 the poll ends after it;
 *   u16 v: 0x8000 picks the flow (source port 5000 or 5001), the rest
 *	mod 1449 the payload length (0 to 1448).
 * Oracle, over what veth0's rx_handler sees going up (and takes): every
 * TCP packet has a right IP length and header checksum, payload bytes
 * that are its flow's at their sequence numbers, and a segment count that
 * fits its length and gso_size; a merged one is left to finish its
 * checksum (CHECKSUM_PARTIAL, a pseudo-header sum of the right length);
 * of the others exactly those sent with a bad checksum have one (GRO
 * merged none of them); the segments and payload bytes that went up are
 * those sent; no skb is left.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/etherdevice.h>
#include <net/gro.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/tcp.h>
#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

#define MAX_SEGS 128
#define MSS	 1448U
#define PORT	 6000

static struct fuzz_env e;
static int ready;

struct test_napi {
	struct napi_struct napi;
	struct sk_buff_head q;
};

static struct test_napi tn;

/* what was sent and what went up */
static unsigned long sent_segs, sent_bytes, sent_bad, up_segs, up_bytes, up_bad;

static void die(const char *why)
{
	fprintf(stderr, "fuzz_tcp_gro: %s\n", why);
	abort();
}

static u8 byte_of(unsigned int flow, u32 seq)
{
	return (u8)(seq * 7 + (seq >> 8) + flow * 13);
}

static u32 get32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static void put32(u32 v, u8 *p)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

/* the checks on one TCP packet that went up (data at the IP header) */
static void check_packet(struct sk_buff *skb)
{
	static u8 pkt[70000];
	const struct iphdr *iph = (const struct iphdr *)(void *)pkt;
	unsigned int ihl, doff, tlen, payload, segs = 1, flow;
	u32 seq;

	if (skb->len > sizeof(pkt) || skb_copy_bits(skb, 0, pkt, (int)skb->len))
		die("packet too long or unreadable");
	ihl = iph->ihl * 4U;
	if (ntohs(iph->tot_len) != skb->len || ip_fast_csum(iph, iph->ihl))
		die("IP length or header checksum");
	tlen = skb->len - ihl;
	doff = (pkt[ihl + 12] >> 4) * 4U;
	if (doff != 32 || tlen < doff)
		die("TCP header");
	payload = tlen - doff;
	flow = pkt[ihl + 1] & 1;
	seq = get32(pkt + ihl + 4);
	for (unsigned int i = 0; i < payload; i++)
		if (pkt[ihl + doff + i] != byte_of(flow, seq + i))
			die("payload bytes");
	if (skb_is_gso(skb)) {
		unsigned int gs = skb_shinfo(skb)->gso_size;

		segs = skb_shinfo(skb)->gso_segs;
		if (!gs || !(skb_shinfo(skb)->gso_type & SKB_GSO_TCPV4) ||
		    payload <= (segs - 1) * gs || payload > segs * gs)
			die("segment count");
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		u16 want = (u16)~csum_tcpudp_magic(iph->saddr, iph->daddr, tlen,
						   IPPROTO_TCP, 0);

		if (((pkt[ihl + 16] << 8) | pkt[ihl + 17]) != ntohs(want))
			die("partial checksum");
	} else if (segs > 1) {
		die("merged packet without CHECKSUM_PARTIAL");
	} else if (csum_tcpudp_magic(iph->saddr, iph->daddr, tlen, IPPROTO_TCP,
				     csum_partial(pkt + ihl, (int)tlen, 0))) {
		up_bad++;
	}
	up_segs += segs;
	up_bytes += payload;
}

static rx_handler_result_t take_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;

	if (skb->protocol != htons(ETH_P_IP))
		return RX_HANDLER_PASS;
	check_packet(skb);
	kfree_skb(skb);
	return RX_HANDLER_CONSUMED;
}

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

static void setup(void)
{
	if (ready)
		return;
	if (fuzz_env_create(&e, 0) < 0)
		die("env");
	stack_enter(e.st);
	rtnl_lock();
	if (netdev_rx_handler_register(e.dev_a, take_rx, NULL))
		die("rx_handler");
	e.dev_a->features |= NETIF_F_GRO;
	rtnl_unlock();
	skb_queue_head_init(&tn.q);
	netif_napi_add(e.dev_a, &tn.napi, test_poll);
	napi_enable(&tn.napi);
	stack_exit(e.st);
	ready = 1;
}

struct seg {
	unsigned int flow, len;
	u32 seq, ack, tsval;
	u8 flags;
	bool bad_csum;
};

/* The frame of @s as veth0 would receive it; stack entered. */
static struct sk_buff *frame(const struct seg *s, u16 id)
{
	unsigned int tlen = 32 + s->len;
	struct sk_buff *skb = alloc_skb(64 + 2 + 14 + 20 + tlen, GFP_ATOMIC);
	struct iphdr *iph;
	struct ethhdr *eth;
	u8 *th, *p;
	u16 sum;

	if (!skb)
		die("alloc_skb");
	skb_reserve(skb, 64 + 2 + 14 + 20 + 32); /* NET_IP_ALIGN */
	p = skb_put(skb, s->len);
	for (unsigned int i = 0; i < s->len; i++)
		p[i] = byte_of(s->flow, s->seq + i);
	th = skb_push(skb, 32);
	memset(th, 0, 32);
	th[0] = (5000 + s->flow) >> 8;
	th[1] = (5000 + s->flow) & 0xff;
	th[2] = PORT >> 8;
	th[3] = PORT & 0xff;
	put32(s->seq, th + 4);
	put32(s->ack, th + 8);
	th[12] = 8 << 4;
	th[13] = s->flags | TCPHDR_ACK;
	th[14] = 1;
	th[15] = 0xf6;
	th[20] = 1;
	th[21] = 1;
	th[22] = 8;
	th[23] = 10;
	put32(s->tsval, th + 24);
	put32(7, th + 28);
	iph = skb_push(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->id = htons(id);
	iph->frag_off = htons(IP_DF);
	iph->tot_len = htons((u16)(20 + tlen));
	iph->saddr = htonl(FUZZ_IP_B);
	iph->daddr = htonl(FUZZ_IP_A);
	ip_send_check(iph);
	sum = ntohs(csum_tcpudp_magic(iph->saddr, iph->daddr, tlen, IPPROTO_TCP,
				      csum_partial(th, (int)tlen, 0)));
	if (s->bad_csum)
		sum ^= 0x0110;
	th[16] = (u8)(sum >> 8);
	th[17] = (u8)sum;
	eth = skb_push(skb, 14);
	memcpy(eth->h_dest, fuzz_mac_a, 6);
	memcpy(eth->h_source, fuzz_mac_b, 6);
	eth->h_proto = htons(0x0800);
	skb->dev = e.dev_a;
	skb->protocol = eth_type_trans(skb, e.dev_a);
	return skb;
}

static void run_poll(struct sk_buff_head *frames)
{
	struct sk_buff *skb;

	stack_enter(e.st);
	while ((skb = skb_dequeue(frames)))
		skb_queue_tail(&tn.q, skb);
	napi_schedule(&tn.napi);
	do_softirq(e.st);
	stack_exit(e.st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u32 seq[2] = { 1, 1000000 }, ack[2] = { 1, 1 }, ts[2] = { 1, 1 };
	struct sk_buff_head frames;
	u16 id[2] = { 100, 30000 };
	int n = 0;

	setup();
	if (size < 1)
		return 0;
	stack_enter(e.st);
	tn.napi.weight = data[0] & 0x01 ? 8 : 64;
	skb_queue_head_init(&frames);
	stack_exit(e.st);
	sent_segs = sent_bytes = sent_bad = up_segs = up_bytes = up_bad = 0;

	for (size_t at = 1; at + 3 <= size && n < MAX_SEGS; at += 3, n++) {
		u8 ctl = data[at];
		unsigned int v =
			(unsigned int)(data[at + 1] << 8 | data[at + 2]);
		struct seg s = { .flow = v >> 15,
				 .len = (v & 0x7fff) % (MSS + 1) };

		if (ctl & 0x04)
			seq[s.flow] += 100;
		if (ctl & 0x08)
			ts[s.flow]++;
		if (ctl & 0x10)
			ack[s.flow] += 1000;
		s.seq = seq[s.flow];
		s.ack = ack[s.flow];
		s.tsval = ts[s.flow];
		s.flags = (ctl & 0x01 ? TCPHDR_PSH : 0) |
			  (ctl & 0x02 ? TCPHDR_FIN : 0) |
			  (ctl & 0x40 ? TCPHDR_CWR : 0);
		s.bad_csum = ctl & 0x20;
		sent_bad += s.bad_csum;
		seq[s.flow] += s.len;
		sent_segs++;
		sent_bytes += s.len;
		stack_enter(e.st);
		skb_queue_tail(&frames, frame(&s, id[s.flow]++));
		stack_exit(e.st);
		if (ctl & 0x80)
			run_poll(&frames);
	}
	run_poll(&frames);
	if (up_segs != sent_segs || up_bytes != sent_bytes)
		die("segments or bytes lost or made up");
	if (up_bad != sent_bad)
		die("a bad checksum merged or a good one broken");
	fuzz_env_settle(&e);
	return 0;
}
