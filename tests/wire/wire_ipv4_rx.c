// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 headers the stack parses: hand-built frames injected on the wire
 * toward a host with a UDP socket.  A good datagram is delivered; a bad
 * header checksum, a version other than 4, a header length under 5 words,
 * a total length longer than what arrived or shorter than the header, and
 * a frame too short to hold a header are each dropped and counted in the
 * MIB counter Linux uses (InHdrErrors, InCsumErrors, InTruncatedPkts);
 * link padding past the total length is trimmed; options (NOP, EOL,
 * record route, timestamp) are accepted, a malformed option draws an ICMP
 * parameter problem pointing at it (RFC 1122 3.2.2.5); fragments are
 * reassembled in any order, and a datagram whose fragments never all
 * arrive times out with an ICMP time exceeded (code 1) if the first came.
 */
#include "wire.h"

#define DPORT 5000

struct rx_env {
	struct wire_env e;
	int sock;
};

static void rx_setup(struct rx_env *r)
{
	wire_setup(&r->e);
	tn_netns_set("b");
	r->sock = wire_udp_socket(DPORT);
	tn_netns_set("a");
}

static void rx_teardown(struct rx_env *r)
{
	tn_netns_set("b");
	tn_close(r->sock);
	tn_netns_set("a");
	wire_teardown(&r->e);
}

/* rx_recv - what the socket at b holds: a datagram's length or -1 */
static ssize_t rx_recv(struct rx_env *r, void *buf, size_t len)
{
	ssize_t n;

	tn_netns_set("b");
	n = tn_recv(r->sock, buf, len, MSG_DONTWAIT);
	tn_netns_set("a");
	return n;
}

/*
 * build_udp - a frame a -> b:DPORT with @optlen bytes of IP options and
 * @plen bytes of payload "0123..."; returns its length, *@iphp its header
 */
static unsigned int build_udp(struct rx_env *r, u8 *buf, const u8 *opt,
			      unsigned int optlen, unsigned int plen,
			      struct iphdr **iphp)
{
	u8 *p = wire_put_eth(buf, r->e.dev_b->dev_addr, r->e.dev_a->dev_addr,
			     ETH_P_IP);
	u8 payload[256];
	struct iphdr *iph;
	unsigned int i;

	for (i = 0; i < plen; i++)
		payload[i] = (u8)('0' + i % 10);
	iph = wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_UDP,
			  sizeof(struct udphdr) + plen, opt, optlen);
	wire_put_udp(p + iph->ihl * 4, iph, 4000, DPORT, payload, plen);
	if (iphp)
		*iphp = iph;
	return ETH_HLEN + iph->ihl * 4U + sizeof(struct udphdr) + plen;
}

static void test_good_datagram_delivered(void)
{
	struct rx_env r;
	WIRE_BUF(buf, 128);
	u8 got[64];
	unsigned int len;

	rx_setup(&r);
	len = build_udp(&r, buf, NULL, 0, 10, NULL);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(rx_recv(&r, got, sizeof(got)), 10);
	KT_ASSERT(memcmp(got, "0123456789", 10) == 0);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_INPKTS), 1);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_INDELIVERS), 1);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_INHDRERRORS), 0);
	KT_EQ(wire_udpmib(r.e.nb, UDP_MIB_INDATAGRAMS), 1);

	/* link padding to the 60-byte minimum: trimmed to tot_len */
	len = build_udp(&r, buf, NULL, 0, 3, NULL);
	memset(buf + len, 0xee, 60 - len);
	wire_inject(&r.e, r.e.dev_a, buf, 60);
	KT_EQ(rx_recv(&r, got, sizeof(got)), 3);
	KT_ASSERT(memcmp(got, "012", 3) == 0);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_INDELIVERS), 2);
	rx_teardown(&r);
}

static void test_bad_headers_counted(void)
{
	struct rx_env r;
	struct iphdr *iph;
	WIRE_BUF(buf, 128);
	u8 got[64];
	unsigned int len;
	struct net *nb;

	rx_setup(&r);
	nb = r.e.nb;

	/* header checksum wrong: InCsumErrors and InHdrErrors */
	len = build_udp(&r, buf, NULL, 0, 10, &iph);
	iph->check ^= htons(0x0100);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_CSUMERRORS), 1);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INHDRERRORS), 1);

	/* version 6 in an ETH_P_IP frame (RFC 1122 3.2.1.1) */
	len = build_udp(&r, buf, NULL, 0, 10, &iph);
	iph->version = 6;
	wire_ip_recheck(iph);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INHDRERRORS), 2);

	/* header length 4 words */
	len = build_udp(&r, buf, NULL, 0, 10, &iph);
	iph->ihl = 4;
	iph->check = 0;
	iph->check = htons(wire_csum(iph, 16));
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INHDRERRORS), 3);

	/* header length 15 words in a 38-byte packet */
	len = build_udp(&r, buf, NULL, 0, 10, &iph);
	iph->ihl = 15;
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INHDRERRORS), 4);

	/* total length past the end of what arrived */
	len = build_udp(&r, buf, NULL, 0, 10, &iph);
	iph->tot_len = htons(ntohs(iph->tot_len) + 1);
	wire_ip_recheck(iph);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INTRUNCATEDPKTS), 1);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INHDRERRORS), 4);

	/* total length shorter than the header */
	len = build_udp(&r, buf, NULL, 0, 10, &iph);
	iph->tot_len = htons(19);
	wire_ip_recheck(iph);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INHDRERRORS), 5);

	/* a frame with 12 bytes of IP: no header at all */
	len = build_udp(&r, buf, NULL, 0, 10, &iph);
	wire_inject(&r.e, r.e.dev_a, buf, ETH_HLEN + 12);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INHDRERRORS), 6);

	/* all counted as received, none delivered, nothing answered */
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INPKTS), 7);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INDELIVERS), 0);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_CSUMERRORS), 1);
	KT_EQ(wire_ipmib(nb, IPSTATS_MIB_INTRUNCATEDPKTS), 1);
	KT_EQ(rx_recv(&r, got, sizeof(got)), -1);
	KT_EQ(wire_count(&r.e.tap, 0, ETH_P_IP, 0), 0);
	rx_teardown(&r);
}

static void test_options_accepted(void)
{
	/* NOP NOP NOP EOL */
	static const u8 nops[4] = { IPOPT_NOOP, IPOPT_NOOP, IPOPT_NOOP,
				    IPOPT_END };
	/* record route with room for two addresses, then EOL */
	static const u8 rr[12] = { IPOPT_RR, 11, 4, 0, 0, 0,
				   0,	     0,	 0, 0, 0, IPOPT_END };
	/* timestamps only (flag 0), room for two, then NOP */
	static const u8 ts[12] = { IPOPT_TS, 12, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	/* a full record route: pointer past the end, nothing to record */
	static const u8 rr_full[8] = { IPOPT_NOOP, IPOPT_RR, 7, 8, 1, 2, 3, 4 };
	struct rx_env r;
	WIRE_BUF(buf, 128);
	u8 got[64];
	unsigned int len;

	rx_setup(&r);
	len = build_udp(&r, buf, nops, sizeof(nops), 5, NULL);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(rx_recv(&r, got, sizeof(got)), 5);
	len = build_udp(&r, buf, rr, sizeof(rr), 5, NULL);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(rx_recv(&r, got, sizeof(got)), 5);
	len = build_udp(&r, buf, ts, sizeof(ts), 5, NULL);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(rx_recv(&r, got, sizeof(got)), 5);
	len = build_udp(&r, buf, rr_full, sizeof(rr_full), 5, NULL);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(rx_recv(&r, got, sizeof(got)), 5);
	KT_ASSERT(memcmp(got, "01234", 5) == 0);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_INHDRERRORS), 0);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_INDELIVERS), 4);
	rx_teardown(&r);
}

/*
 * A malformed option: dropped (InHdrErrors) and answered with a parameter
 * problem whose pointer (the top byte of the rest-of-header word) is the
 * offset of the offending octet, as Linux's ip_options_compile points.
 */
static void check_param_problem(struct rx_env *r, const u8 *opt,
				unsigned int optlen, u8 pointer)
{
	const struct wire_frame *f;
	const struct icmphdr *ich;
	u64 hdr = wire_ipmib(r->e.nb, IPSTATS_MIB_INHDRERRORS);
	WIRE_BUF(buf, 128);
	u8 got[64];
	unsigned int len;

	/* Parameter problems are rate limited per peer: refill the bucket. */
	tn_clock_advance(r->e.st, 10 * NSEC_PER_SEC);
	wire_clear(&r->e);
	len = build_udp(r, buf, opt, optlen, 5, NULL);
	wire_inject(&r->e, r->e.dev_a, buf, len);
	KT_EQ(rx_recv(r, got, sizeof(got)), -1);
	KT_EQ(wire_ipmib(r->e.nb, IPSTATS_MIB_INHDRERRORS) - hdr, 1);
	f = wire_find(&r->e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_B, WIRE_A);
	ich = (const struct icmphdr *)(const void *)wire_l4(f);
	KT_EQ(ich->type, ICMP_PARAMETERPROB);
	KT_EQ(ich->code, 0);
	KT_EQ(ntohl(ich->un.gateway) >> 24, pointer);
	KT_EQ(ntohl(ich->un.gateway) & 0xffffff, 0);
	/* the quote starts with the offending header, options and all */
	KT_ASSERT(memcmp(ich + 1, buf + ETH_HLEN, 20 + optlen) == 0);
}

static void test_bad_options(void)
{
	/* record route with length 1: points at the option (offset 20) */
	static const u8 len1[4] = { IPOPT_RR, 1, 4, 0 };
	/* NOP, then timestamp whose length runs past the header: 21 */
	static const u8 past[4] = { IPOPT_NOOP, IPOPT_TS, 40, 5 };
	/* record route with pointer 3 (< 4): points at the pointer, 22 */
	static const u8 ptr3[8] = { IPOPT_RR, 7, 3, 0, 0, 0, 0, IPOPT_END };
	/* an option type alone in the last octet: 23 */
	static const u8 alone[4] = { IPOPT_NOOP, IPOPT_NOOP, IPOPT_NOOP,
				     IPOPT_RR };
	/* too short for the option: points at the length octet, 21 */
	static const u8 rr2[4] = { IPOPT_RR, 2, IPOPT_END, 0 };
	static const u8 lsrr2[4] = { IPOPT_LSRR, 2, IPOPT_END, 0 };
	static const u8 ts3[4] = { IPOPT_TS, 3, 5, 0 };
	static const u8 ra2[4] = { IPOPT_RA, 2, IPOPT_END, 0 };
	/* record route whose pointer leaves no room for a hop: 22 */
	static const u8 rr_room[8] = { IPOPT_RR, 8, 6, 0, 0, 0, 0, 0 };
	/*
	 * a second record route: points at its type octet, 27 (the first is
	 * full, so the quote is unchanged: one with room would carry our
	 * address, as Linux fills it in before it finds the second)
	 */
	static const u8 rr_twice[12] = {
		IPOPT_RR, 7, 8, 1, 2, 3, 4, IPOPT_RR, 3, 4, IPOPT_END, 0
	};
	struct rx_env r;

	rx_setup(&r);
	check_param_problem(&r, rr2, sizeof(rr2), 21);
	check_param_problem(&r, lsrr2, sizeof(lsrr2), 21);
	check_param_problem(&r, ts3, sizeof(ts3), 21);
	check_param_problem(&r, ra2, sizeof(ra2), 21);
	check_param_problem(&r, rr_room, sizeof(rr_room), 22);
	check_param_problem(&r, rr_twice, sizeof(rr_twice), 27);
	check_param_problem(&r, alone, sizeof(alone), 23);
	check_param_problem(&r, ptr3, sizeof(ptr3), 22);
	check_param_problem(&r, len1, sizeof(len1), 20);
	check_param_problem(&r, past, sizeof(past), 21);

	/* never an ICMP error about an ICMP error (RFC 1122 3.2.2) */
	{
		WIRE_BUF(buf, 128);
		u8 *p = wire_put_eth(buf, r.e.dev_b->dev_addr,
				     r.e.dev_a->dev_addr, ETH_P_IP);
		u8 quote[28];
		u64 hdr = wire_ipmib(r.e.nb, IPSTATS_MIB_INHDRERRORS);
		struct iphdr *iph;

		memset(quote, 0, sizeof(quote));
		quote[0] = 0x45;
		iph = wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_ICMP,
				  8 + sizeof(quote), len1, sizeof(len1));
		wire_put_icmp(p + iph->ihl * 4, ICMP_DEST_UNREACH,
			      ICMP_PORT_UNREACH, 0, quote, sizeof(quote));
		wire_clear(&r.e);
		wire_inject(&r.e, r.e.dev_a, buf,
			    ETH_HLEN + 24 + 8 + sizeof(quote));
		KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_INHDRERRORS) - hdr, 1);
		KT_EQ(wire_count(&r.e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 0);
	}
	rx_teardown(&r);
}

/* build_frag - fragment of a datagram a -> b: @off bytes in, @mf, @data */
static unsigned int build_frag(struct rx_env *r, u8 *buf, u16 id,
			       unsigned int off, bool mf, const u8 *data,
			       unsigned int len)
{
	u8 *p = wire_put_eth(buf, r->e.dev_b->dev_addr, r->e.dev_a->dev_addr,
			     ETH_P_IP);
	struct iphdr *iph =
		wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_UDP, len, NULL, 0);

	iph->id = htons(id);
	iph->frag_off = htons((u16)(off / 8 | (mf ? WIRE_MF : 0)));
	memcpy(p + 20, data, len);
	wire_ip_recheck(iph);
	return ETH_HLEN + 20 + len;
}

static void test_reassembly(void)
{
	static u8 dgram[1208] __attribute__((aligned(4))), got[1300];
	WIRE_BUF(buf, 1600);
	struct iphdr ph;
	const struct wire_frame *f;
	struct rx_env r;
	unsigned int len, i;
	struct udphdr *uh = (struct udphdr *)(void *)dgram;

	rx_setup(&r);
	memset(&ph, 0, sizeof(ph));
	ph.saddr = htonl(WIRE_A);
	ph.daddr = htonl(WIRE_B);
	for (i = 8; i < sizeof(dgram); i++)
		dgram[i] = (u8)(i * 13);
	uh->source = htons(4000);
	uh->dest = htons(DPORT);
	uh->len = htons(sizeof(dgram));
	uh->check = htons(wire_udp_csum(&ph, uh, sizeof(dgram)));

	/* three fragments, last first */
	len = build_frag(&r, buf, 77, 800, false, dgram + 800, 408);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	len = build_frag(&r, buf, 77, 0, true, dgram, 400);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(rx_recv(&r, got, sizeof(got)), -1);
	len = build_frag(&r, buf, 77, 400, true, dgram + 400, 400);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(rx_recv(&r, got, sizeof(got)), 1200);
	KT_ASSERT(memcmp(got, dgram + 8, 1200) == 0);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_REASMREQDS), 3);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_REASMOKS), 1);

	/*
	 * The middle never comes: after ipfrag_time (30 s) the queue times
	 * out, and as the first fragment came, an ICMP time exceeded,
	 * "fragment reassembly time exceeded" (RFC 792 code 1) quoting it.
	 */
	wire_clear(&r.e);
	len = build_frag(&r, buf, 78, 0, true, dgram, 400);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	len = build_frag(&r, buf, 78, 800, false, dgram + 800, 408);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(tn_clock_advance(r.e.st, 29ULL * 1000000000ULL), 0);
	KT_EQ(wire_count(&r.e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 0);
	KT_EQ(tn_clock_advance(r.e.st, 2ULL * 1000000000ULL), 0);
	f = wire_find(&r.e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_B, WIRE_A);
	KT_EQ(wire_iph(f)->tos, 0xc0);
	{
		const struct icmphdr *ich =
			(const struct icmphdr *)(const void *)wire_l4(f);

		/* the whole first fragment, 420 bytes, is quoted */
		build_frag(&r, buf, 78, 0, true, dgram, 400);
		KT_EQ(ich->type, ICMP_TIME_EXCEEDED);
		KT_EQ(ich->code, ICMP_EXC_FRAGTIME);
		KT_EQ(ntohl(ich->un.gateway), 0);
		KT_EQ(ntohs(wire_iph(f)->tot_len), 20 + 8 + 420);
		KT_EQ(wire_csum(ich, ntohs(wire_iph(f)->tot_len) - 20U), 0);
		KT_ASSERT(memcmp(ich + 1, buf + ETH_HLEN, 420) == 0);
	}
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_REASMTIMEOUT), 1);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_REASMFAILS), 1);

	/* without the first fragment, a timeout says nothing */
	wire_clear(&r.e);
	len = build_frag(&r, buf, 79, 400, true, dgram + 400, 400);
	wire_inject(&r.e, r.e.dev_a, buf, len);
	KT_EQ(tn_clock_advance(r.e.st, 31ULL * 1000000000ULL), 0);
	KT_EQ(wire_count(&r.e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 0);
	KT_EQ(wire_ipmib(r.e.nb, IPSTATS_MIB_REASMTIMEOUT), 2);
	rx_teardown(&r);
}

KTEST_MAIN(KT(test_good_datagram_delivered), KT(test_bad_headers_counted),
	   KT(test_options_accepted), KT(test_bad_options), KT(test_reassembly))
