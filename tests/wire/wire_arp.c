// SPDX-License-Identifier: BSD-2-Clause
/*
 * ARP on the wire (RFC 826, RFC 1122 2.3.2): the request a host broadcasts
 * to resolve a neighbour and the unicast reply, field by field as Linux
 * sends them (42-byte frames, target hardware address zero in a request);
 * then hand-built requests injected into the stack: a valid one is
 * answered to the asker's hardware address, malformed ones (wrong address
 * lengths, protocol, opcode, truncated, multicast target) and requests for
 * another host are dropped without an answer.
 */
#include "wire.h"

static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 zero_mac[ETH_ALEN];
static const u8 fake_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x77 };

static const u8 *arp_body(const struct wire_frame *f)
{
	return f->data + ETH_HLEN + sizeof(struct arphdr);
}

static u32 arp_ip(const u8 *p)
{
	__be32 a;

	memcpy(&a, p, 4);
	return ntohl(a);
}

static void check_arp(const struct wire_frame *f, u16 op, const u8 *eth_dst,
		      const u8 *sha, u32 spa, const u8 *tha, u32 tpa)
{
	const struct arphdr *arp =
		(const struct arphdr *)(const void *)(f->data + ETH_HLEN);
	const u8 *p = arp_body(f);

	/* Ethernet: 14 + 28 bytes, nothing padded in software */
	KT_EQ(f->len, ETH_HLEN + 28);
	KT_ASSERT(memcmp(wire_eth(f)->h_dest, eth_dst, ETH_ALEN) == 0);
	KT_ASSERT(memcmp(wire_eth(f)->h_source, sha, ETH_ALEN) == 0);
	KT_EQ(ntohs(wire_eth(f)->h_proto), ETH_P_ARP);
	/* RFC 826: hrd 1 (Ethernet), pro 0x0800, hln 6, pln 4 */
	KT_EQ(ntohs(arp->ar_hrd), ARPHRD_ETHER);
	KT_EQ(ntohs(arp->ar_pro), ETH_P_IP);
	KT_EQ(arp->ar_hln, 6);
	KT_EQ(arp->ar_pln, 4);
	KT_EQ(ntohs(arp->ar_op), op);
	KT_ASSERT(memcmp(p, sha, ETH_ALEN) == 0);
	KT_EQ(arp_ip(p + 6), spa);
	KT_ASSERT(memcmp(p + 10, tha, ETH_ALEN) == 0);
	KT_EQ(arp_ip(p + 16), tpa);
}

/* The resolution a first datagram to a neighbour causes, and the datagram. */
static void test_arp_request_and_reply_built(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 9);
	const struct wire_frame *req, *rep, *udp;
	struct wire_env e;
	int fd;

	wire_setup(&e);
	fd = wire_udp_socket(0);
	KT_EQ(tn_sendto(fd, "x", 1, 0, WIRE_SA(&to), sizeof(to)), 1);

	/* frame 0: the broadcast request from a */
	req = &e.tap.f[0];
	KT_ASSERT(e.tap.n >= 3);
	KT_ASSERT(req->out);
	check_arp(req, ARPOP_REQUEST, bcast, e.dev_a->dev_addr, WIRE_A,
		  zero_mac, WIRE_B);
	/* frame 1: the reply from b, unicast to a */
	rep = &e.tap.f[1];
	KT_ASSERT(!rep->out);
	check_arp(rep, ARPOP_REPLY, e.dev_a->dev_addr, e.dev_b->dev_addr,
		  WIRE_B, e.dev_a->dev_addr, WIRE_A);
	/* frame 2: the queued datagram, to b's hardware address */
	udp = &e.tap.f[2];
	KT_ASSERT(udp->out);
	KT_ASSERT(wire_is_ip(udp, IPPROTO_UDP));
	KT_ASSERT(memcmp(wire_eth(udp)->h_dest, e.dev_b->dev_addr, ETH_ALEN) ==
		  0);
	KT_ASSERT(memcmp(wire_eth(udp)->h_source, e.dev_a->dev_addr,
			 ETH_ALEN) == 0);

	/* resolved: the next datagram goes without a request */
	wire_clear(&e);
	KT_EQ(tn_sendto(fd, "y", 1, 0, WIRE_SA(&to), sizeof(to)), 1);
	KT_EQ(wire_count(&e.tap, 1, ETH_P_ARP, 0), 0);
	KT_EQ(wire_count(&e.tap, 1, ETH_P_IP, IPPROTO_UDP), 1);

	tn_close(fd);
	wire_teardown(&e);
}

/* Inject a request as @sha/@spa for @tpa; return the frame length built. */
static unsigned int build_req(u8 *buf, const u8 *eth_dst, const u8 *sha,
			      u32 spa, u32 tpa)
{
	u8 *p = wire_put_eth(buf, eth_dst, sha, ETH_P_ARP);

	p = wire_put_arp(p, ARPOP_REQUEST, sha, spa, zero_mac, tpa);
	return (unsigned int)(p - buf);
}

static void test_arp_request_parsed(void)
{
	struct wire_env e;
	WIRE_BUF(buf, 64);
	unsigned int len;

	wire_setup(&e);
	/* an asker b has never heard of: answered to its own address */
	len = build_req(buf, bcast, fake_mac, WIRE_IP(10, 0, 0, 77), WIRE_B);
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 1);
	check_arp(wire_find(&e.tap, 0, ETH_P_ARP, 0, 0), ARPOP_REPLY, fake_mac,
		  e.dev_b->dev_addr, WIRE_B, fake_mac, WIRE_IP(10, 0, 0, 77));

	/* unicast to b's address, with link padding to 60 bytes: answered */
	wire_clear(&e);
	len = build_req(buf, e.dev_b->dev_addr, e.dev_a->dev_addr, WIRE_A,
			WIRE_B);
	memset(buf + len, 0, 60 - len);
	wire_inject(&e, e.dev_a, buf, 60);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 1);
	check_arp(wire_find(&e.tap, 0, ETH_P_ARP, 0, 0), ARPOP_REPLY,
		  e.dev_a->dev_addr, e.dev_b->dev_addr, WIRE_B,
		  e.dev_a->dev_addr, WIRE_A);

	/* RFC 5227 probe from 0.0.0.0: answered by broadcast-free unicast */
	wire_clear(&e);
	len = build_req(buf, bcast, fake_mac, 0, WIRE_B);
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 1);
	check_arp(wire_find(&e.tap, 0, ETH_P_ARP, 0, 0), ARPOP_REPLY, fake_mac,
		  e.dev_b->dev_addr, WIRE_B, fake_mac, 0);

	wire_teardown(&e);
}

static void test_arp_malformed_dropped(void)
{
	struct wire_env e;
	struct arphdr *arp;
	unsigned long inval, small;
	WIRE_BUF(buf, 64);
	unsigned int len;

	wire_setup(&e);
	arp = (struct arphdr *)(void *)(buf + ETH_HLEN);
	inval = e.st->drop_reasons[SKB_DROP_REASON_ARP_INVALID];
	small = e.st->drop_reasons[SKB_DROP_REASON_PKT_TOO_SMALL];

	/* hardware address length 5 */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_B);
	arp->ar_hln = 5;
	wire_inject(&e, e.dev_a, buf, len);
	/* protocol address length 16 */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_B);
	arp->ar_pln = 16;
	wire_inject(&e, e.dev_a, buf, len);
	/* protocol 0x86dd */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_B);
	arp->ar_pro = htons(ETH_P_IPV6);
	wire_inject(&e, e.dev_a, buf, len);
	/* hardware type 7 */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_B);
	arp->ar_hrd = htons(7);
	wire_inject(&e, e.dev_a, buf, len);
	/* opcode 3 (RARP request) */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_B);
	arp->ar_op = htons(3);
	wire_inject(&e, e.dev_a, buf, len);
	/* a multicast target */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_IP(224, 0, 0, 1));
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(e.st->drop_reasons[SKB_DROP_REASON_ARP_INVALID] - inval, 6);

	/* truncated: the target protocol address cut off */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_B);
	wire_inject(&e, e.dev_a, buf, len - 4);
	KT_EQ(e.st->drop_reasons[SKB_DROP_REASON_PKT_TOO_SMALL] - small, 1);

	/* well formed, but for a host that is not b: no answer */
	len = build_req(buf, bcast, fake_mac, WIRE_A, WIRE_IP(10, 0, 0, 99));
	wire_inject(&e, e.dev_a, buf, len);

	/* b said nothing at all */
	for (int i = 0; i < e.tap.n; i++)
		KT_ASSERT(e.tap.f[i].out);
	wire_teardown(&e);
}

KTEST_MAIN(KT(test_arp_request_and_reply_built), KT(test_arp_request_parsed),
	   KT(test_arp_malformed_dropped))
