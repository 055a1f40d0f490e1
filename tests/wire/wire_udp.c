// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP headers the stack parses (RFC 768, RFC 1122 4.1.3): hand-built
 * datagrams injected toward a host.  A checksum of 0 means "none" and is
 * accepted; 0xffff stands for a computed 0 and verifies; a wrong checksum
 * is dropped and counted in InCsumErrors and InErrors - for a closed port
 * too, with no ICMP sent, as Linux checks the sum before answering; a
 * length field longer than the IP payload or under 8 is dropped
 * (InErrors); a length field shorter than the IP payload delimits the
 * datagram (the rest is ignored); a closed port counts NoPorts and draws
 * a port unreachable.  SO_NO_CHECK sends a checksum of 0.
 */
#include "wire.h"

#define DPORT 5000
#define SPORT 4000

struct udp_env {
	struct wire_env e;
	int sock;
};

static void u_setup(struct udp_env *u)
{
	wire_setup(&u->e);
	tn_netns_set("b");
	u->sock = wire_udp_socket(DPORT);
	tn_netns_set("a");
}

static void u_teardown(struct udp_env *u)
{
	tn_netns_set("b");
	tn_close(u->sock);
	tn_netns_set("a");
	wire_teardown(&u->e);
}

static ssize_t u_recv(struct udp_env *u, void *buf, size_t len)
{
	ssize_t n;

	tn_netns_set("b");
	n = tn_recv(u->sock, buf, len, MSG_DONTWAIT);
	tn_netns_set("a");
	return n;
}

/*
 * build - a frame a:SPORT -> b:@dport carrying @plen bytes "abc..." with
 * a correct checksum; *@uhp and *@iphp point into @buf for spoiling
 */
static unsigned int build(struct udp_env *u, u8 *buf, u16 dport,
			  unsigned int plen, struct iphdr **iphp,
			  struct udphdr **uhp)
{
	u8 *p = wire_put_eth(buf, u->e.dev_b->dev_addr, u->e.dev_a->dev_addr,
			     ETH_P_IP);
	u8 payload[256];
	struct iphdr *iph;
	unsigned int i;

	for (i = 0; i < plen; i++)
		payload[i] = (u8)('a' + i % 26);
	iph = wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_UDP,
			  sizeof(struct udphdr) + plen, NULL, 0);
	*uhp = wire_put_udp(p + 20, iph, SPORT, dport, payload, plen);
	if (iphp)
		*iphp = iph;
	return ETH_HLEN + 20 + sizeof(struct udphdr) + plen;
}

static void test_checksums(void)
{
	struct sockaddr_in from;
	socklen_t alen = sizeof(from);
	struct udphdr *uh;
	struct iphdr *iph;
	struct udp_env u;
	WIRE_BUF(buf, 128);
	u8 got[64];
	unsigned int len;
	struct net *nb;

	u_setup(&u);
	nb = u.e.nb;

	/* correct: delivered, from a's address and port */
	len = build(&u, buf, DPORT, 6, NULL, &uh);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	tn_netns_set("b");
	KT_EQ(tn_recvfrom(u.sock, got, sizeof(got), MSG_DONTWAIT,
			  WIRE_SA(&from), &alen),
	      6);
	tn_netns_set("a");
	KT_ASSERT(memcmp(got, "abcdef", 6) == 0);
	KT_EQ(ntohl(from.sin_addr.s_addr), WIRE_A);
	KT_EQ(ntohs(from.sin_port), SPORT);

	/* 0: no checksum (RFC 768), accepted as it is */
	len = build(&u, buf, DPORT, 6, NULL, &uh);
	uh->check = 0;
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), 6);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INDATAGRAMS), 2);

	/* wrong by one bit: InCsumErrors, InErrors, not delivered */
	len = build(&u, buf, DPORT, 6, NULL, &uh);
	uh->check ^= htons(0x0001);
	if (!uh->check)
		uh->check = htons(0x0002);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), -1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_CSUMERRORS), 1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 1);

	/* the payload changed under a good checksum */
	len = build(&u, buf, DPORT, 6, NULL, &uh);
	buf[len - 1] ^= 0x20;
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), -1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_CSUMERRORS), 2);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 2);

	/* the pseudo-header counts: another source address, same sum */
	len = build(&u, buf, DPORT, 6, &iph, &uh);
	iph->saddr = htonl(WIRE_IP(10, 0, 0, 3));
	wire_ip_recheck(iph);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), -1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_CSUMERRORS), 3);

	/* a bad checksum to a closed port: counted, and no ICMP */
	wire_clear(&u.e);
	len = build(&u, buf, 9, 6, NULL, &uh);
	uh->check ^= htons(0x0100);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(wire_udpmib(nb, UDP_MIB_CSUMERRORS), 4);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 4);
	KT_EQ(wire_udpmib(nb, UDP_MIB_NOPORTS), 0);
	KT_EQ(wire_count(&u.e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 0);

	/* a good one to a closed port: NoPorts and a port unreachable */
	len = build(&u, buf, 9, 6, NULL, &uh);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(wire_udpmib(nb, UDP_MIB_NOPORTS), 1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 4);
	KT_EQ(wire_count(&u.e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INDATAGRAMS), 2);
	u_teardown(&u);
}

static void test_lengths(void)
{
	struct udphdr *uh;
	struct iphdr *iph;
	struct udp_env u;
	WIRE_BUF(buf, 128);
	u8 got[64];
	unsigned int len;
	struct net *nb;
	u16 c;

	u_setup(&u);
	nb = u.e.nb;

	/* length field one past the IP payload */
	len = build(&u, buf, DPORT, 6, &iph, &uh);
	uh->len = htons(15);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), -1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 1);

	/* length field 7: less than the header */
	len = build(&u, buf, DPORT, 6, &iph, &uh);
	uh->len = htons(7);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), -1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 2);

	/* an IP payload of 4 bytes: not even a header */
	len = build(&u, buf, DPORT, 6, &iph, &uh);
	iph->tot_len = htons(24);
	wire_ip_recheck(iph);
	wire_inject(&u.e, u.e.dev_a, buf, ETH_HLEN + 24);
	KT_EQ(u_recv(&u, got, sizeof(got)), -1);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 3);
	KT_EQ(wire_udpmib(nb, UDP_MIB_CSUMERRORS), 0);

	/*
	 * length field 11 in a 14-byte IP payload: the datagram is the
	 * first 11 bytes (checksummed over those), the rest ignored
	 */
	len = build(&u, buf, DPORT, 6, &iph, &uh);
	uh->len = htons(11);
	c = wire_udp_csum(iph, uh, 11);
	uh->check = htons(c ? c : 0xffff);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), 3);
	KT_ASSERT(memcmp(got, "abc", 3) == 0);

	/* an empty datagram: 8 bytes, delivered as a 0-byte read */
	len = build(&u, buf, DPORT, 0, &iph, &uh);
	wire_inject(&u.e, u.e.dev_a, buf, len);
	KT_EQ(u_recv(&u, got, sizeof(got)), 0);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INERRORS), 3);
	KT_EQ(wire_udpmib(nb, UDP_MIB_INDATAGRAMS), 2);
	u_teardown(&u);
}

/*
 * To the subnet's broadcast address in a link broadcast: delivered to a
 * socket on the port, else ignored (IgnoredMulti) - no port unreachable
 * about a broadcast (RFC 1122 3.2.2).
 */
static void test_broadcast(void)
{
	static const u8 bcast[ETH_ALEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	struct udphdr *uh;
	struct iphdr *iph;
	struct udp_env u;
	WIRE_BUF(buf, 128);
	u8 got[64];
	unsigned int len;
	u16 c;
	int i;

	u_setup(&u);
	for (i = 0; i < 2; i++) {
		len = build(&u, buf, i ? 9 : DPORT, 4, &iph, &uh);
		memcpy(buf, bcast, ETH_ALEN);
		iph->daddr = htonl(WIRE_IP(10, 0, 0, 255));
		wire_ip_recheck(iph);
		uh->check = 0;
		c = wire_udp_csum(iph, uh, 12);
		uh->check = htons(c ? c : 0xffff);
		wire_inject(&u.e, u.e.dev_a, buf, len);
	}
	KT_EQ(u_recv(&u, got, sizeof(got)), 4);
	KT_EQ(wire_udpmib(u.e.nb, UDP_MIB_INDATAGRAMS), 1);
	KT_EQ(wire_udpmib(u.e.nb, UDP_MIB_IGNOREDMULTI), 1);
	KT_EQ(wire_udpmib(u.e.nb, UDP_MIB_NOPORTS), 0);
	KT_EQ(wire_count(&u.e.tap, 0, ETH_P_IP, IPPROTO_ICMP), 0);
	u_teardown(&u);
}

/*
 * Through a router, with no tap watching (a tap makes the checksum final):
 * the sender leaves the UDP checksum to veth's offload (CHECKSUM_PARTIAL),
 * the router forwards it, fragmenting to the 1400-byte link, and b gets
 * exactly the bytes sent; then again with offload off on the router's far
 * device, which must finish the checksum itself (skb_checksum_help).  A raw
 * socket in b sees the bytes as they came: wherever the checksum had to be
 * finished (a fragmented datagram, offload off), it must be right.
 */
static void test_forwarded_offload(void)
{
	static u8 out[3000], in[3100], raw[3200];
	struct wire_env e;
	unsigned int k, i;
	int rx, tx, rawfd;

	wire_setup_routed(&e);
	stack_enter(e.st);
	wire_tap_del(&e.tap);
	wire_tap_del(&e.tap2);
	stack_exit(e.st);
	tn_netns_set("b");
	rx = wire_udp_socket(9000);
	rawfd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	KT_ASSERT(rawfd >= 0);
	tn_netns_set("a");
	tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	for (i = 0; i < sizeof(out); i++)
		out[i] = (u8)(i * 13 + 1);
	for (k = 0; k < 4; k++) {
		struct sockaddr_in to = wire_sin(WIRE_B2, 9000);
		size_t len = k & 1 ? sizeof(out) : 100;

		stack_enter(e.st);
		if (k < 2)
			e.dev_r2->features |= NETIF_F_HW_CSUM;
		else
			e.dev_r2->features &= ~NETIF_F_HW_CSUM;
		stack_exit(e.st);
		KT_EQ(tn_sendto(tx, out, len, 0, (struct sockaddr *)&to,
				sizeof(to)),
		      (ssize_t)len);
		tn_clock_advance(e.st, NSEC_PER_MSEC);
		KT_EQ(tn_recv(rx, in, sizeof(in), MSG_DONTWAIT), (ssize_t)len);
		KT_ASSERT(memcmp(in, out, len) == 0);
		KT_EQ(tn_recv(rawfd, raw, sizeof(raw), MSG_DONTWAIT),
		      (ssize_t)(len + 28));
		if (k > 0) {
			const struct iphdr *iph = (const void *)raw;
			const struct udphdr *uh = (const void *)(raw + 20);
			u16 want = wire_udp_csum(iph, uh, (u16)(len + 8));

			KT_EQ(ntohs(uh->check), want ? want : 0xffff);
		}
	}
	KT_EQ(wire_udpmib(e.nb, UDP_MIB_CSUMERRORS), 0);
	tn_close(tx);
	tn_netns_set("b");
	tn_close(rx);
	tn_close(rawfd);
	tn_netns_set("a");
	stack_enter(e.st);
	wire_tap_add(&e.tap, e.dev_a);
	wire_tap_add(&e.tap2, e.dev_r2);
	stack_exit(e.st);
	wire_teardown(&e);
}

/*
 * SO_NO_CHECK: datagrams leave with a checksum field of 0 ("none"), with
 * the device's checksum offload on or off and when fragmented, and the
 * receiver takes them.  Without it the field is the real sum.
 */
static void test_no_check_tx(void)
{
	static u8 out[3000], in[3100];
	struct sockaddr_in to = wire_sin(WIRE_B, 9000);
	struct wire_env e;
	unsigned int k;
	int rx, tx, one = 1;

	wire_setup(&e);
	tn_netns_set("b");
	rx = wire_udp_socket(9000);
	tn_netns_set("a");
	tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(out, 'n', sizeof(out));
	for (k = 0; k < 4; k++) {
		size_t len = k == 3 ? sizeof(out) : 100;
		const struct wire_frame *f;
		const struct udphdr *uh;

		stack_enter(e.st);
		if (k == 2)
			e.dev_a->features &= ~NETIF_F_HW_CSUM;
		stack_exit(e.st);
		if (k == 1)
			KT_EQ(tn_setsockopt(tx, SOL_SOCKET, SO_NO_CHECK, &one,
					    sizeof(one)),
			      0);
		wire_clear(&e);
		KT_EQ(tn_sendto(tx, out, len, 0, (struct sockaddr *)&to,
				sizeof(to)),
		      (ssize_t)len);
		tn_clock_advance(e.st, NSEC_PER_MSEC);
		f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_UDP, 0);
		KT_ASSERT(f);
		wire_check_ip(f, WIRE_A, WIRE_B);
		uh = (const struct udphdr *)(const void *)wire_l4(f);
		if (k == 0)
			KT_ASSERT(uh->check != 0);
		else
			KT_EQ(uh->check, 0);
		tn_netns_set("b");
		KT_EQ(tn_recv(rx, in, sizeof(in), MSG_DONTWAIT), (ssize_t)len);
		tn_netns_set("a");
		KT_ASSERT(memcmp(in, out, len) == 0);
	}
	KT_EQ(wire_udpmib(e.nb, UDP_MIB_CSUMERRORS), 0);
	tn_close(tx);
	tn_netns_set("b");
	tn_close(rx);
	tn_netns_set("a");
	wire_teardown(&e);
}

KTEST_MAIN(KT(test_checksums), KT(test_lengths), KT(test_broadcast),
	   KT(test_forwarded_offload), KT(test_no_check_tx))
