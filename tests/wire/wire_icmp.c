// SPDX-License-Identifier: BSD-2-Clause
/*
 * ICMP on the wire (RFC 792, RFC 1122 3.2.2, RFC 1812 4.3.2.3, RFC 1191):
 * echo requests a ping socket sends and the replies the stack gives to
 * hand-built requests (type, code, checksum, identifier, sequence number
 * and data echoed; TOS echoed; no DF as Linux's ICMP socket); the errors
 * it sends - port and protocol unreachable from a host, net unreachable,
 * host unreachable (ARP failure), fragmentation needed with the next-hop
 * MTU in the second half of the rest-of-header word, and time exceeded
 * from a router - each with TOS 0xc0, the offending datagram quoted from
 * its IP header (at least 8 bytes past it, the whole message within 576
 * bytes) and Linux's choice of source address; and received ICMP with a
 * bad checksum or too short, dropped and counted.
 */
#include "wire.h"

#define PING_ID	 0x4242
#define PING_SEQ 7

static const struct icmphdr *wire_icmph(const struct wire_frame *f)
{
	return (const struct icmphdr *)(const void *)wire_l4(f);
}

static unsigned int icmp_len(const struct wire_frame *f)
{
	return ntohs(wire_iph(f)->tot_len) - wire_iph(f)->ihl * 4U;
}

/*
 * check_icmp_err - @f is an ICMP error @type/@code from @saddr to @daddr
 * whose rest-of-header word is @rest, quoting @orig (@olen bytes from its
 * IP header) as far as 576 bytes allow
 */
static void check_icmp_err(const struct wire_frame *f, u32 saddr, u32 daddr,
			   u8 type, u8 code, u32 rest, const u8 *orig,
			   unsigned int olen)
{
	const struct iphdr *iph = wire_iph(f);
	const struct icmphdr *ich = wire_icmph(f);
	const u8 *quote = (const u8 *)(ich + 1);
	unsigned int qlen = icmp_len(f) - sizeof(*ich);
	unsigned int want = olen < 576 - 28 ? olen : 576 - 28;

	wire_check_ip(f, saddr, daddr);
	KT_EQ(iph->protocol, IPPROTO_ICMP);
	KT_EQ(iph->ihl, 5);
	/* RFC 1812 4.3.2.5 / Linux: precedence "internetwork control" */
	KT_EQ(iph->tos, 0xc0);
	KT_EQ(iph->ttl, 64);
	/* Linux's ICMP socket is IP_PMTUDISC_DONT */
	KT_EQ(ntohs(iph->frag_off), 0);
	KT_ASSERT(ntohs(iph->tot_len) <= 576);
	KT_EQ(ich->type, type);
	KT_EQ(ich->code, code);
	KT_EQ(wire_csum(ich, icmp_len(f)), 0);
	KT_EQ(ntohl(ich->un.gateway), rest);
	/* RFC 792: the internet header plus 64 bits of data, at least */
	KT_ASSERT(qlen >=
		  ((const struct iphdr *)(const void *)orig)->ihl * 4U + 8);
	KT_EQ(qlen, want);
	KT_ASSERT(memcmp(quote, orig, qlen) == 0);
}

/* ---- echo ---- */

static unsigned int build_echo(struct wire_env *e, u8 *buf, u8 tos,
			       const u8 *data, unsigned int dlen)
{
	u8 *p = wire_put_eth(buf, e->dev_b->dev_addr, e->dev_a->dev_addr,
			     ETH_P_IP);
	struct iphdr *iph = wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_ICMP,
					sizeof(struct icmphdr) + dlen, NULL, 0);

	iph->tos = tos;
	wire_ip_recheck(iph);
	wire_put_icmp(p + 20, ICMP_ECHO, 0, PING_ID << 16 | PING_SEQ, data,
		      dlen);
	return ETH_HLEN + 20 + sizeof(struct icmphdr) + dlen;
}

static void check_echo_reply(struct wire_env *e, u8 tos, const u8 *data,
			     unsigned int dlen)
{
	const struct wire_frame *f =
		wire_find(&e->tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	const struct icmphdr *ich;

	KT_ASSERT(f);
	KT_ASSERT(memcmp(wire_eth(f)->h_dest, e->dev_a->dev_addr, ETH_ALEN) ==
		  0);
	KT_ASSERT(memcmp(wire_eth(f)->h_source, e->dev_b->dev_addr, ETH_ALEN) ==
		  0);
	wire_check_ip(f, WIRE_B, WIRE_A);
	KT_EQ(wire_iph(f)->ihl, 5);
	KT_EQ(wire_iph(f)->tos, tos);
	KT_EQ(wire_iph(f)->ttl, 64);
	KT_EQ(ntohs(wire_iph(f)->frag_off), 0);
	ich = wire_icmph(f);
	KT_EQ(icmp_len(f), sizeof(*ich) + dlen);
	KT_EQ(ich->type, ICMP_ECHOREPLY);
	KT_EQ(ich->code, 0);
	KT_EQ(wire_csum(ich, icmp_len(f)), 0);
	KT_EQ(ntohs(ich->un.echo.id), PING_ID);
	KT_EQ(ntohs(ich->un.echo.sequence), PING_SEQ);
	KT_ASSERT(memcmp(ich + 1, data, dlen) == 0);
}

static void test_echo_reply(void)
{
	struct wire_env e;
	WIRE_BUF(buf, 1600);
	u8 data[1500];
	unsigned int i, len;

	wire_setup(&e);
	for (i = 0; i < sizeof(data); i++)
		data[i] = (u8)(0x10 + i);
	len = build_echo(&e, buf, 0, data, 56);
	wire_inject(&e, e.dev_a, buf, len);
	check_echo_reply(&e, 0, data, 56);
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_INMSGS), 1);
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_OUTMSGS), 1);
	KT_EQ(e.nb->ipv4.icmpmsg_statistics->mibs[ICMP_ECHO], 1);
	KT_EQ(e.nb->ipv4.icmpmsg_statistics->mibs[256 + ICMP_ECHOREPLY], 1);

	/* an odd length, TOS echoed */
	wire_clear(&e);
	len = build_echo(&e, buf, 0x10, data, 57);
	wire_inject(&e, e.dev_a, buf, len);
	check_echo_reply(&e, 0x10, data, 57);

	/* no data at all, and a full-size request */
	wire_clear(&e);
	len = build_echo(&e, buf, 0, data, 0);
	wire_inject(&e, e.dev_a, buf, len);
	check_echo_reply(&e, 0, data, 0);
	wire_clear(&e);
	len = build_echo(&e, buf, 0, data, 1472);
	wire_inject(&e, e.dev_a, buf, len);
	check_echo_reply(&e, 0, data, 1472);
	wire_teardown(&e);
}

/* A ping socket's request on the wire, and the reply it reads. */
static void test_echo_request_built(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 0), name;
	socklen_t alen = sizeof(name);
	const struct wire_frame *f;
	const struct icmphdr *ich;
	struct icmphdr req[8];
	struct wire_env e;
	u8 got[128];
	int fd;

	wire_setup(&e);
	fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	if (fd < 0) {
		wire_sysctl("net/ipv4/ping_group_range", "0 2147483647");
		fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	}
	KT_ASSERT(fd >= 0);
	memset(req, 0, sizeof(req));
	req[0].type = ICMP_ECHO;
	req[0].un.echo.sequence = htons(1);
	memcpy(&req[1], "abcdefghijklmnopqrstuvwxyz", 26);
	KT_EQ(tn_sendto(fd, req, 8 + 26, 0, WIRE_SA(&to), sizeof(to)), 34);
	KT_EQ(tn_getsockname(fd, WIRE_SA(&name), &alen), 0);

	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_A, WIRE_B);
	KT_EQ(wire_iph(f)->ttl, 64);
	KT_EQ(wire_iph(f)->tos, 0);
	KT_EQ(ntohs(wire_iph(f)->frag_off), WIRE_DF);
	ich = wire_icmph(f);
	KT_EQ(icmp_len(f), 34);
	KT_EQ(ich->type, ICMP_ECHO);
	KT_EQ(ich->code, 0);
	KT_EQ(wire_csum(ich, 34), 0);
	/* the identifier is the socket's "port" */
	KT_EQ(ich->un.echo.id, name.sin_port);
	KT_EQ(ntohs(ich->un.echo.sequence), 1);
	KT_ASSERT(memcmp(ich + 1, "abcdefghijklmnopqrstuvwxyz", 26) == 0);

	/* the reply came back and is the socket's */
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	KT_EQ(wire_icmph(f)->type, ICMP_ECHOREPLY);
	KT_EQ(wire_icmph(f)->un.echo.id, name.sin_port);
	KT_EQ(tn_recv(fd, got, sizeof(got), MSG_DONTWAIT), 34);
	KT_EQ(got[0], ICMP_ECHOREPLY);
	KT_ASSERT(memcmp(got + 8, "abcdefghijklmnopqrstuvwxyz", 26) == 0);
	tn_close(fd);
	wire_teardown(&e);
}

/* ---- received ICMP that is wrong ---- */

static void test_icmp_bad_checksum_and_short(void)
{
	struct wire_env e;
	WIRE_BUF(buf, 200);
	u8 data[56] = { 1, 2, 3 };
	unsigned int len;
	unsigned long in, err, csum;

	wire_setup(&e);
	in = wire_icmpmib(e.nb, ICMP_MIB_INMSGS);
	err = wire_icmpmib(e.nb, ICMP_MIB_INERRORS);
	csum = wire_icmpmib(e.nb, ICMP_MIB_CSUMERRORS);

	/* checksum off by one */
	len = build_echo(&e, buf, 0, data, 56);
	buf[ETH_HLEN + 20 + 2] ^= 0x01;
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_CSUMERRORS) - csum, 1);
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_INERRORS) - err, 1);
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_INMSGS) - in, 1);

	/* 4 bytes of ICMP, checksum right: shorter than a header */
	{
		u8 *p = wire_put_eth(buf, e.dev_b->dev_addr, e.dev_a->dev_addr,
				     ETH_P_IP);
		u16 c;

		wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_ICMP, 4, NULL, 0);
		p += 20;
		p[0] = ICMP_ECHO;
		p[1] = 0;
		p[2] = p[3] = 0;
		c = wire_csum(p, 4);
		p[2] = (u8)(c >> 8);
		p[3] = (u8)c;
		wire_inject(&e, e.dev_a, buf, ETH_HLEN + 24);
	}
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_INERRORS) - err, 2);
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_CSUMERRORS) - csum, 1);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 0);
	KT_EQ(wire_icmpmib(e.nb, ICMP_MIB_OUTMSGS), 0);
	wire_teardown(&e);
}

/* ---- errors from a host ---- */

static void test_port_and_protocol_unreachable(void)
{
	struct sockaddr_in to = wire_sin(WIRE_B, 9);
	const struct wire_frame *sent, *f;
	static u8 data[1000];
	struct wire_env e;
	WIRE_BUF(buf, 200);
	unsigned int len;
	int a;

	wire_setup(&e);
	a = wire_udp_socket(4000);
	KT_EQ(tn_sendto(a, "knock", 5, 0, WIRE_SA(&to), sizeof(to)), 5);
	sent = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(sent && f);
	/* from the address the datagram was sent to; the whole of it quoted */
	check_icmp_err(f, WIRE_B, WIRE_A, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH,
		       0, sent->data + ETH_HLEN, sent->len - ETH_HLEN);
	KT_EQ(wire_udpmib(e.nb, UDP_MIB_NOPORTS), 1);

	/* a long datagram: quoted up to 576 bytes in all */
	wire_clear(&e);
	KT_EQ(tn_sendto(a, data, sizeof(data), 0, WIRE_SA(&to), sizeof(to)),
	      (ssize_t)sizeof(data));
	sent = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(sent && f);
	KT_EQ(ntohs(wire_iph(f)->tot_len), 576);
	check_icmp_err(f, WIRE_B, WIRE_A, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH,
		       0, sent->data + ETH_HLEN, sent->len - ETH_HLEN);

	/* sent to b's second address: the error comes from that one */
	tn_netns_set("b");
	wire_addr_up("veth1", WIRE_IP(10, 0, 0, 3), 24, 0);
	tn_netns_set("a");
	wire_clear(&e);
	to = wire_sin(WIRE_IP(10, 0, 0, 3), 9);
	KT_EQ(tn_sendto(a, "knock", 5, 0, WIRE_SA(&to), sizeof(to)), 5);
	sent = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(sent && f);
	check_icmp_err(f, WIRE_IP(10, 0, 0, 3), WIRE_A, ICMP_DEST_UNREACH,
		       ICMP_PORT_UNREACH, 0, sent->data + ETH_HLEN,
		       sent->len - ETH_HLEN);
	tn_close(a);

	/* protocol 253 (RFC 3692 experimental): protocol unreachable */
	wire_clear(&e);
	{
		u8 *p = wire_put_eth(buf, e.dev_b->dev_addr, e.dev_a->dev_addr,
				     ETH_P_IP);

		memset(p + 20, 0x77, 30);
		wire_put_ip(p, WIRE_A, WIRE_B, 253, 30, NULL, 0);
		len = ETH_HLEN + 50;
	}
	wire_inject(&e, e.dev_a, buf, len);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	check_icmp_err(f, WIRE_B, WIRE_A, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH,
		       0, buf + ETH_HLEN, 50);
	KT_EQ(wire_ipmib(e.nb, IPSTATS_MIB_INUNKNOWNPROTOS), 1);
	wire_teardown(&e);
}

/* ---- errors from a router ---- */

static void test_router_errors(void)
{
	struct sockaddr_in to;
	const struct wire_frame *sent, *f;
	static u8 data[1472], orig[1500] __attribute__((aligned(4)));
	struct wire_env e;
	unsigned int olen;
	struct iphdr *oiph;
	int a, b, v;

	wire_setup_routed(&e);
	tn_netns_set("b");
	b = wire_udp_socket(5000);
	tn_netns_set("a");
	a = wire_udp_socket(4000);

	/* no route at the router: net unreachable, from its near address */
	to = wire_sin(WIRE_IP(10, 9, 9, 9), 5000);
	KT_EQ(tn_sendto(a, "net", 3, 0, WIRE_SA(&to), sizeof(to)), 3);
	sent = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(sent && f);
	check_icmp_err(f, WIRE_RA, WIRE_A, ICMP_DEST_UNREACH, ICMP_NET_UNREACH,
		       0, sent->data + ETH_HLEN, sent->len - ETH_HLEN);
	KT_EQ(wire_ipmib(e.nr, IPSTATS_MIB_INNOROUTES), 1);

	/* TTL 1: time exceeded in transit, quoting the header as it came */
	wire_clear(&e);
	v = 1;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_TTL, &v, sizeof(v)), 0);
	to = wire_sin(WIRE_B2, 5000);
	KT_EQ(tn_sendto(a, "ttl", 3, 0, WIRE_SA(&to), sizeof(to)), 3);
	sent = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(sent && f);
	KT_EQ(wire_iph(sent)->ttl, 1);
	check_icmp_err(f, WIRE_RA, WIRE_A, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0,
		       sent->data + ETH_HLEN, sent->len - ETH_HLEN);
	KT_EQ(wire_count(&e.tap2, 1, ETH_P_IP, 0), 0);
	v = -1;
	KT_EQ(tn_setsockopt(a, IPPROTO_IP, IP_TTL, &v, sizeof(v)), 0);

	/*
	 * 1500 bytes with DF onto the router's 1400-byte link: frag needed,
	 * the next-hop MTU in the low 16 bits (RFC 1191), quoted before the
	 * router touched the TTL
	 */
	wire_clear(&e);
	KT_EQ(tn_sendto(a, data, sizeof(data), 0, WIRE_SA(&to), sizeof(to)),
	      (ssize_t)sizeof(data));
	sent = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(sent && f);
	KT_EQ(ntohs(wire_iph(sent)->frag_off), WIRE_DF);
	KT_EQ(ntohs(wire_iph(sent)->tot_len), 1500);
	check_icmp_err(f, WIRE_RA, WIRE_A, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
		       WIRE_MTU2, sent->data + ETH_HLEN, sent->len - ETH_HLEN);
	KT_EQ(ntohs(wire_icmph(f)->un.frag.mtu), WIRE_MTU2);
	KT_EQ(wire_icmph(f)->un.frag.__unused, 0);
	KT_EQ(wire_count(&e.tap2, 1, ETH_P_IP, 0), 0);
	/* a learnt the path MTU: the next one is fragmented to fit */
	wire_clear(&e);
	KT_EQ(tn_sendto(a, data, sizeof(data), 0, WIRE_SA(&to), sizeof(to)),
	      (ssize_t)sizeof(data));
	KT_EQ(wire_count(&e.tap, 1, ETH_P_IP, IPPROTO_UDP), 2);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	KT_ASSERT(ntohs(wire_iph(f)->tot_len) <= WIRE_MTU2);
	KT_EQ(ntohs(wire_iph(f)->frag_off), WIRE_MF);
	KT_EQ(wire_count(&e.tap2, 1, ETH_P_IP, IPPROTO_UDP), 2);
	tn_netns_set("b");
	KT_EQ(tn_recv(b, data, sizeof(data), MSG_DONTWAIT),
	      (ssize_t)sizeof(data));
	tn_netns_set("a");

	/*
	 * A host that does not answer ARP: after the router's probes, host
	 * unreachable, quoting the datagram as it was forwarded (TTL 63).
	 */
	wire_clear(&e);
	to = wire_sin(WIRE_IP(10, 0, 1, 99), 5000);
	KT_EQ(tn_sendto(a, "host", 4, 0, WIRE_SA(&to), sizeof(to)), 4);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 0);
	KT_EQ(tn_clock_advance(e.st, 5ULL * 1000000000ULL), 0);
	KT_EQ(wire_count(&e.tap2, 1, ETH_P_ARP, 0), 3);
	sent = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(sent && f);
	olen = sent->len - ETH_HLEN;
	memcpy(orig, sent->data + ETH_HLEN, olen);
	oiph = (struct iphdr *)(void *)orig;
	oiph->ttl--;
	wire_ip_recheck(oiph);
	check_icmp_err(f, WIRE_RA, WIRE_A, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH,
		       0, orig, olen);

	tn_close(a);
	tn_netns_set("b");
	tn_close(b);
	wire_teardown(&e);
}

KTEST_MAIN(KT(test_echo_reply), KT(test_echo_request_built),
	   KT(test_icmp_bad_checksum_and_short),
	   KT(test_port_and_protocol_unreachable), KT(test_router_errors))
