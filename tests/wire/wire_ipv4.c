// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 and UDP headers the stack builds, checked field by field on the
 * wire (RFC 791, RFC 768, RFC 1122): Ethernet addresses and type, version,
 * header length, TOS, total length, the Identification rules Linux follows
 * (0 for an atomic datagram of an unconnected socket, the socket's own
 * counter once connected, one value shared by all fragments of a
 * datagram), DF by IP_MTU_DISCOVER, TTL 64 by default and per IP_TTL and
 * net.ipv4.ip_default_ttl, protocol, a header checksum that verifies, the
 * addresses; UDP ports, length and a checksum over the pseudo-header that
 * is never sent as 0 (RFC 768: 0 is sent as 0xffff).  Then fragmentation:
 * MF and offsets in 8-byte units, each fragment within the MTU, and the
 * fragments reassembled by hand and by the receiver equal to what was
 * sent.
 */
#include "wire.h"

static void check_udp(const struct wire_frame *f, u16 sport, u16 dport,
		      const void *payload, unsigned int plen)
{
	const struct iphdr *iph = wire_iph(f);
	const struct udphdr *uh =
		(const struct udphdr *)(const void *)wire_l4(f);
	u16 want;

	KT_EQ(ntohs(uh->source), sport);
	KT_EQ(ntohs(uh->dest), dport);
	KT_EQ(ntohs(uh->len), sizeof(*uh) + plen);
	KT_EQ(ntohs(iph->tot_len), iph->ihl * 4U + sizeof(*uh) + plen);
	KT_ASSERT(memcmp(uh + 1, payload, plen) == 0);
	/* RFC 768: the pseudo-header sum; a computed 0 goes as 0xffff */
	KT_ASSERT(uh->check != 0);
	want = wire_udp_csum(iph, uh, (u16)(sizeof(*uh) + plen));
	KT_EQ(ntohs(uh->check), want ? want : 0xffff);
}

/* A datagram from an unconnected socket: every field of every header. */
static void test_udp_datagram_headers(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 5000), from;
	socklen_t alen = sizeof(from);
	const struct wire_frame *f;
	const struct iphdr *iph;
	struct wire_env e;
	char buf[64];
	__be16 id;
	int a, b;

	wire_setup(&e);
	tn_netns_set("b");
	b = wire_udp_socket(5000);
	tn_netns_set("a");
	a = wire_udp_socket(4000);
	KT_EQ(tn_sendto(a, "hello", 5, 0, WIRE_SA(&to), sizeof(to)), 5);

	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_ASSERT(f);
	KT_EQ(f->len, ETH_HLEN + 20 + 8 + 5);
	KT_ASSERT(memcmp(wire_eth(f)->h_dest, e.dev_b->dev_addr, ETH_ALEN) ==
		  0);
	KT_ASSERT(memcmp(wire_eth(f)->h_source, e.dev_a->dev_addr, ETH_ALEN) ==
		  0);
	wire_check_ip(f, WIRE_A, WIRE_B);
	iph = wire_iph(f);
	KT_EQ(iph->ihl, 5);
	KT_EQ(iph->tos, 0);
	KT_EQ(iph->ttl, 64);
	KT_EQ(iph->protocol, IPPROTO_UDP);
	/*
	 * IP_PMTUDISC_WANT and it fits: DF.  WANT still lets the stack
	 * fragment locally (skb->ignore_df), so the datagram is not atomic
	 * and, unconnected, takes an id from the namespace's generator.
	 */
	KT_EQ(ntohs(iph->frag_off), WIRE_DF);
	id = iph->id;
	check_udp(f, 4000, 5000, "hello", 5);

	/* and the receiver got it, from a's address and port */
	tn_netns_set("b");
	KT_EQ(tn_recvfrom(b, buf, sizeof(buf), MSG_DONTWAIT, WIRE_SA(&from),
			  &alen),
	      5);
	KT_ASSERT(memcmp(buf, "hello", 5) == 0);
	KT_EQ(ntohl(from.sin_addr.s_addr), WIRE_A);
	KT_EQ(ntohs(from.sin_port), 4000);

	/* an empty datagram: 8 bytes of UDP, checksum still there */
	tn_netns_set("a");
	wire_clear(&e);
	KT_EQ(tn_sendto(a, "", 0, 0, WIRE_SA(&to), sizeof(to)), 0);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_A, WIRE_B);
	KT_ASSERT(wire_iph(f)->id != id);
	check_udp(f, 4000, 5000, "", 0);

	tn_close(a);
	tn_close(b);
	wire_teardown(&e);
}

/* IP_TTL, IP_TOS, net.ipv4.ip_default_ttl; DF and id by pmtudisc/connect. */
static void test_ttl_tos_df_id(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 5000);
	const struct wire_frame *f, *g;
	struct wire_env e;
	int a, b, v;
	u16 id;

	wire_setup(&e);
	tn_netns_set("b");
	b = wire_udp_socket(5000);
	tn_netns_set("a");
	a = wire_udp_socket(4000);
	v = 7;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_TTL, &v, sizeof(v)), 0);
	v = 0x10;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_TOS, &v, sizeof(v)), 0);
	KT_EQ(tn_sendto(a, "x", 1, 0, WIRE_SA(&to), sizeof(to)), 1);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_A, WIRE_B);
	KT_EQ(wire_iph(f)->ttl, 7);
	KT_EQ(wire_iph(f)->tos, 0x10);
	/* IP_TTL -1: back to the namespace default, read at send time */
	v = -1;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_TTL, &v, sizeof(v)), 0);
	wire_sysctl("net/ipv4/ip_default_ttl", "99");
	wire_clear(&e);
	KT_EQ(tn_sendto(a, "x", 1, 0, WIRE_SA(&to), sizeof(to)), 1);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_ASSERT(f);
	KT_EQ(wire_iph(f)->ttl, 99);

	/* IP_PMTUDISC_DONT: no DF, ids from the namespace's counter */
	v = IP_PMTUDISC_DONT;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof(v)), 0);
	wire_clear(&e);
	KT_EQ(tn_sendto(a, "x", 1, 0, WIRE_SA(&to), sizeof(to)), 1);
	KT_EQ(tn_sendto(a, "y", 1, 0, WIRE_SA(&to), sizeof(to)), 1);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	g = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 1);
	KT_ASSERT(f && g);
	wire_check_ip(f, WIRE_A, WIRE_B);
	wire_check_ip(g, WIRE_A, WIRE_B);
	KT_EQ(ntohs(wire_iph(f)->frag_off), 0);
	KT_EQ(ntohs(wire_iph(g)->frag_off), 0);
	KT_ASSERT(wire_iph(f)->id != wire_iph(g)->id);

	/* IP_PMTUDISC_DO: DF, never fragmented here: atomic, id 0 */
	v = IP_PMTUDISC_DO;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof(v)), 0);
	wire_clear(&e);
	KT_EQ(tn_sendto(a, "x", 1, 0, WIRE_SA(&to), sizeof(to)), 1);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_ASSERT(f);
	KT_EQ(ntohs(wire_iph(f)->frag_off), WIRE_DF);
	KT_EQ(wire_iph(f)->id, 0);

	/* connected: the socket's own counter, one step per datagram */
	KT_EQ(tn_connect(a, WIRE_SA(&to), sizeof(to)), 0);
	wire_clear(&e);
	KT_EQ(tn_send(a, "x", 1, 0), 1);
	KT_EQ(tn_send(a, "y", 1, 0), 1);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	g = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 1);
	KT_ASSERT(f && g);
	KT_EQ(ntohs(wire_iph(f)->frag_off), WIRE_DF);
	id = ntohs(wire_iph(f)->id);
	KT_EQ(ntohs(wire_iph(g)->id), (u16)(id + 1));

	tn_close(a);
	tn_netns_set("b");
	tn_close(b);
	wire_teardown(&e);
}

/*
 * RFC 768: "If the computed checksum is zero, it is transmitted as all
 * ones."  Two payload bytes chosen to make the sum come out 0.
 */
static void test_udp_zero_checksum_sent_as_ffff(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 5000);
	struct iphdr iph;
	struct udphdr uh;
	const struct wire_frame *f;
	struct wire_env e;
	u8 payload[2];
	char buf[8];
	u32 sum;
	u16 x;
	int a, b;

	wire_setup(&e);
	tn_netns_set("b");
	b = wire_udp_socket(5000);
	tn_netns_set("a");
	a = wire_udp_socket(4000);

	memset(&iph, 0, sizeof(iph));
	iph.saddr = htonl(WIRE_A);
	iph.daddr = htonl(WIRE_B);
	uh.source = htons(4000);
	uh.dest = htons(5000);
	uh.len = htons(10);
	uh.check = 0;
	sum = wire_pseudo(&iph, IPPROTO_UDP, 10);
	sum = wire_sum(&uh, sizeof(uh), sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	x = (u16)~sum; /* sum + x == 0xffff: checksum ~0xffff == 0 */
	payload[0] = (u8)(x >> 8);
	payload[1] = (u8)x;

	KT_EQ(tn_sendto(a, payload, 2, 0, WIRE_SA(&to), sizeof(to)), 2);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_ASSERT(f);
	KT_EQ(wire_udp_csum(wire_iph(f),
			    (const struct udphdr *)(const void *)wire_l4(f),
			    10),
	      0);
	KT_EQ(((const struct udphdr *)(const void *)wire_l4(f))->check, 0xffff);
	/* and 0xffff verifies at the receiver */
	tn_netns_set("b");
	KT_EQ(tn_recv(b, buf, sizeof(buf), MSG_DONTWAIT), 2);
	KT_ASSERT(memcmp(buf, payload, 2) == 0);
	tn_close(b);
	tn_netns_set("a");
	tn_close(a);
	wire_teardown(&e);
}

/* Fragments of a 3000-byte datagram on a 1500-byte link. */
static void test_fragments(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 5000);
	static u8 data[3000], got[3100], whole[3100];
	unsigned int total = 0, end = 0;
	const struct wire_frame *f;
	struct wire_env e;
	u16 id = 0;
	int a, b, i, v, n;

	wire_setup(&e);
	for (i = 0; i < (int)sizeof(data); i++)
		data[i] = (u8)(i * 7 + 3);
	tn_netns_set("b");
	b = wire_udp_socket(5000);
	tn_netns_set("a");
	a = wire_udp_socket(4000);
	KT_EQ(tn_sendto(a, data, sizeof(data), 0, WIRE_SA(&to), sizeof(to)),
	      (ssize_t)sizeof(data));

	/* 3008 bytes of UDP: 1480 + 1480 + 48 */
	n = wire_count(&e.tap, 1, ETH_P_IP, IPPROTO_UDP);
	KT_EQ(n, 3);
	memset(whole, 0, sizeof(whole));
	for (i = 0; i < n; i++) {
		const struct iphdr *iph;
		unsigned int off, len;
		u16 fo;

		f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, i);
		wire_check_ip(f, WIRE_A, WIRE_B);
		iph = wire_iph(f);
		KT_ASSERT(ntohs(iph->tot_len) <= e.dev_a->mtu);
		fo = ntohs(iph->frag_off);
		off = (fo & WIRE_OFFSET) * 8U;
		len = ntohs(iph->tot_len) - iph->ihl * 4U;
		/* a datagram too big is fragmented: no DF on any fragment */
		KT_EQ(fo & WIRE_DF, 0);
		KT_EQ(!!(fo & WIRE_MF), i < n - 1);
		if (i < n - 1)
			KT_EQ(len % 8, 0);
		KT_EQ(off, end); /* in order, no gaps or overlaps */
		if (i == 0) {
			id = iph->id;
			KT_EQ(ntohs(iph->tot_len), 1500);
		} else {
			KT_EQ(iph->id, id);
		}
		KT_EQ(iph->ttl, 64);
		memcpy(whole + off, wire_l4(f), len);
		end = off + len;
		total += len;
	}
	KT_EQ(total, 3008);
	KT_EQ(ntohs(wire_iph(wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 1))
			    ->frag_off) &
		      WIRE_OFFSET,
	      185);
	KT_EQ(ntohs(wire_iph(wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 2))
			    ->frag_off) &
		      WIRE_OFFSET,
	      370);
	/* the datagram put together by hand: header, checksum, payload */
	{
		const struct udphdr *uh =
			(const struct udphdr *)(const void *)whole;
		struct iphdr ph;

		memset(&ph, 0, sizeof(ph));
		ph.saddr = htonl(WIRE_A);
		ph.daddr = htonl(WIRE_B);
		KT_EQ(ntohs(uh->len), 3008);
		KT_EQ(ntohs(uh->source), 4000);
		KT_EQ(ntohs(uh->dest), 5000);
		v = wire_udp_csum(&ph, uh, 3008);
		KT_EQ(ntohs(uh->check), v ? v : 0xffff);
		KT_ASSERT(memcmp(whole + 8, data, sizeof(data)) == 0);
	}
	/* and by the receiver */
	tn_netns_set("b");
	KT_EQ(tn_recv(b, got, sizeof(got), MSG_DONTWAIT),
	      (ssize_t)sizeof(data));
	KT_ASSERT(memcmp(got, data, sizeof(data)) == 0);
	KT_EQ(wire_ipmib(e.nb, IPSTATS_MIB_REASMOKS), 1);
	KT_EQ(wire_ipmib(e.nb, IPSTATS_MIB_REASMREQDS), 3);
	KT_EQ(wire_ipmib(e.na, IPSTATS_MIB_FRAGOKS), 1);
	KT_EQ(wire_ipmib(e.na, IPSTATS_MIB_FRAGCREATES), 3);

	/* IP_PMTUDISC_DO: too big for the link is EMSGSIZE, nothing sent */
	tn_netns_set("a");
	v = IP_PMTUDISC_DO;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof(v)), 0);
	wire_clear(&e);
	KT_EQ(tn_sendto(a, data, sizeof(data), 0, WIRE_SA(&to), sizeof(to)),
	      -1);
	KT_EQ(errno, EMSGSIZE);
	KT_EQ(e.tap.n, 0);

	/* a datagram of exactly the MTU goes whole, with DF */
	v = IP_PMTUDISC_WANT;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof(v)), 0);
	KT_EQ(tn_sendto(a, data, 1472, 0, WIRE_SA(&to), sizeof(to)), 1472);
	KT_EQ(wire_count(&e.tap, 1, ETH_P_IP, IPPROTO_UDP), 1);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_EQ(ntohs(wire_iph(f)->tot_len), 1500);
	KT_EQ(ntohs(wire_iph(f)->frag_off), WIRE_DF);
	check_udp(f, 4000, 5000, data, 1472);

	tn_close(a);
	tn_netns_set("b");
	tn_close(b);
	wire_teardown(&e);
}

/* Fragment sizes follow the MTU: 8-byte multiples of (mtu - 20). */
static void test_fragments_odd_mtu(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 5000);
	static u8 data[2000], got[2100];
	struct wire_env e;
	struct ifreq ifr;
	int a, b, i, n;

	wire_setup(&e);
	for (i = 0; i < (int)sizeof(data); i++)
		data[i] = (u8)(i ^ 0x5a);
	tn_netns_set("b");
	b = wire_udp_socket(5000);
	tn_netns_set("a");
	a = wire_udp_socket(4000);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "veth0");
	ifr.ifr_mtu = 1003;
	KT_EQ(tn_ioctl(a, SIOCSIFMTU, &ifr), 0);
	KT_EQ(tn_sendto(a, data, sizeof(data), 0, WIRE_SA(&to), sizeof(to)),
	      (ssize_t)sizeof(data));
	/* 2008 bytes: 976 + 976 + 56 (983 rounded down to 8) */
	n = wire_count(&e.tap, 1, ETH_P_IP, IPPROTO_UDP);
	KT_EQ(n, 3);
	for (i = 0; i < n; i++) {
		const struct wire_frame *f =
			wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, i);

		wire_check_ip(f, WIRE_A, WIRE_B);
		KT_ASSERT(ntohs(wire_iph(f)->tot_len) <= 1003);
		KT_EQ(ntohs(wire_iph(f)->tot_len), i < 2 ? 996 : 76);
		KT_EQ(ntohs(wire_iph(f)->frag_off) & WIRE_OFFSET, i * 122);
	}
	tn_netns_set("b");
	KT_EQ(tn_recv(b, got, sizeof(got), MSG_DONTWAIT),
	      (ssize_t)sizeof(data));
	KT_ASSERT(memcmp(got, data, sizeof(data)) == 0);
	tn_close(b);
	tn_netns_set("a");
	tn_close(a);
	wire_teardown(&e);
}

KTEST_MAIN(KT(test_udp_datagram_headers), KT(test_ttl_tos_df_id),
	   KT(test_udp_zero_checksum_sent_as_ffff), KT(test_fragments),
	   KT(test_fragments_odd_mtu))
