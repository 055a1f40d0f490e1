// SPDX-License-Identifier: BSD-2-Clause
/*
 * IP options on the wire (RFC 791 3.1, RFC 1122 3.2.1.8), as Linux writes
 * them: an echo request sent with IP_OPTIONS record route carries the
 * sender's address in the first slot, the router adds the address it
 * forwards by, and the reply carries the route there and back (the echoing
 * host twice: where the request came in, where the reply leaves); the
 * receiving socket sees its own address last (raw header, IP_RECVOPTS,
 * IP_RETOPTS with the pointer taken back).  A timestamp gets the echoing
 * host's time on receipt and on reply; a malformed option's parameter
 * problem carries the options compiled so far; a loose source route is
 * followed only where accept_source_route allows, its next hop put in the
 * destination and the router's address in the route; a strict one needs a
 * neighbour (SO_DONTROUTE lookup).
 */
#include "wire.h"

#include <linux/ip.h>

#define PING_ID 0x4343

static const u8 nodata[1]; /* an empty payload (memcpy wants a pointer) */

static const struct icmphdr *wire_icmph(const struct wire_frame *f)
{
	return (const struct icmphdr *)(const void *)wire_l4(f);
}

/* the option bytes of @f's header */
static const u8 *wire_opts(const struct wire_frame *f)
{
	return (const u8 *)(wire_iph(f) + 1);
}

static void put_addr(u8 *p, u32 addr)
{
	u32 a = htonl(addr);

	memcpy(p, &a, 4);
}

static u32 get_addr(const u8 *p)
{
	u32 a;

	memcpy(&a, p, 4);
	return ntohl(a);
}

static int raw_icmp_socket(void)
{
	int fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	KT_ASSERT(fd >= 0);
	return fd;
}

static void send_echo(int fd, u32 to, u16 seq)
{
	struct sockaddr_in sin = wire_sin(to, 0);
	u8 req[16];
	struct icmphdr *ich = (struct icmphdr *)(void *)req;

	memset(req, 0, sizeof(req));
	ich->type = ICMP_ECHO;
	ich->un.echo.id = htons(PING_ID);
	ich->un.echo.sequence = htons(seq);
	memcpy(req + 8, "optionsX", 8);
	ich->checksum = htons(wire_csum(req, sizeof(req)));
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, WIRE_SA(&sin), sizeof(sin)),
	      (int)sizeof(req));
}

/* Record route through a router, there and back. */
static void test_record_route(void)
{
	/* ping -R's option: a NOP to align, then RR with nine slots */
	u8 rspace[40] = { IPOPT_NOP, IPOPT_RR, 39, 4 };
	const struct wire_frame *f;
	const u8 *o;
	struct wire_env e;
	u8 buf[256], cbuf[256];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr msg = { 0 };
	struct cmsghdr *cmsg;
	int fd, on = 1, seen = 0;

	wire_setup_routed(&e);
	fd = raw_icmp_socket();
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, rspace, sizeof(rspace)), 0);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_RECVOPTS, &on, sizeof(on)), 0);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_RETOPTS, &on, sizeof(on)), 0);
	send_echo(fd, WIRE_B2, 1);

	/* out of a: 60-byte header, the sender's source in slot 1 */
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_A, WIRE_B2);
	KT_EQ(wire_iph(f)->ihl, 15);
	o = wire_opts(f);
	KT_EQ(o[0], IPOPT_NOP);
	KT_EQ(o[1], IPOPT_RR);
	KT_EQ(o[2], 39);
	KT_EQ(o[3], 8);
	KT_EQ(get_addr(o + 4), WIRE_A);
	KT_EQ(get_addr(o + 8), 0);
	KT_EQ(wire_icmph(f)->type, ICMP_ECHO);

	/* out of the router: its address on the way out added */
	f = wire_find(&e.tap2, 1, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_A, WIRE_B2);
	o = wire_opts(f);
	KT_EQ(o[3], 12);
	KT_EQ(get_addr(o + 4), WIRE_A);
	KT_EQ(get_addr(o + 8), WIRE_RB);
	KT_EQ(get_addr(o + 12), 0);

	/* the reply coming back into a: RR echoed (no NOP), EOL padded */
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_B2, WIRE_A);
	KT_EQ(wire_iph(f)->ihl, 15);
	o = wire_opts(f);
	KT_EQ(o[0], IPOPT_RR);
	KT_EQ(o[1], 39);
	KT_EQ(o[2], 24);
	KT_EQ(get_addr(o + 3), WIRE_A);
	KT_EQ(get_addr(o + 7), WIRE_RB);
	KT_EQ(get_addr(o + 11), WIRE_B2); /* the request came to it */
	KT_EQ(get_addr(o + 15), WIRE_B2); /* the reply left by it */
	KT_EQ(get_addr(o + 19), WIRE_RA);
	KT_EQ(get_addr(o + 23), 0);
	KT_EQ(o[39], IPOPT_END);
	KT_EQ(wire_icmph(f)->type, ICMP_ECHOREPLY);
	KT_EQ(wire_csum(wire_icmph(f), 16), 0);

	/* what the socket reads: a's own address last */
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	KT_EQ(tn_recvmsg(fd, &msg, MSG_DONTWAIT), 60 + 16);
	KT_EQ(buf[22], 28);
	KT_EQ(get_addr(buf + 20 + 23), WIRE_A);
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
		const u8 *d = CMSG_DATA(cmsg);

		KT_EQ(cmsg->cmsg_level, SOL_IP);
		if (cmsg->cmsg_type == IP_RECVOPTS) {
			/* the options as they arrived, filled in */
			KT_EQ(seen, 0);
			KT_EQ(cmsg->cmsg_len, CMSG_LEN(40));
			KT_ASSERT(memcmp(d, buf + 20, 40) == 0);
			seen |= 1;
		} else if (cmsg->cmsg_type == IP_RETOPTS) {
			/* what a reply would carry, as IP_OPTIONS takes it */
			KT_EQ(seen, 1);
			KT_EQ(cmsg->cmsg_len, CMSG_LEN(40));
			KT_EQ(d[0], IPOPT_RR);
			KT_EQ(d[2], 28);
			KT_EQ(get_addr(d + 23), WIRE_A);
			KT_EQ(get_addr(d + 27), 0);
			seen |= 2;
		}
	}
	KT_EQ(seen, 3);

	/* the next probe: the same route */
	wire_clear(&e);
	send_echo(fd, WIRE_B2, 2);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	KT_EQ(wire_opts(f)[2], 24);
	tn_close(fd);
	wire_teardown(&e);
}

/* A timestamp request: the echoing host stamps on receipt and on reply. */
static void test_timestamp_echo(void)
{
	struct wire_env e;
	WIRE_BUF(buf, 256);
	const struct wire_frame *f;
	u8 opt[12] = { IPOPT_TS, 12, 5, IPOPT_TS_TSONLY };
	u8 *p;
	struct iphdr *iph;
	const u8 *o;
	u32 t1, t2;

	wire_setup(&e);
	p = wire_put_eth(buf, e.dev_b->dev_addr, e.dev_a->dev_addr, ETH_P_IP);
	iph = wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_ICMP, 8, opt, sizeof(opt));
	wire_put_icmp(p + iph->ihl * 4, ICMP_ECHO, 0, PING_ID << 16 | 1, nodata,
		      0);
	wire_inject(&e, e.dev_a, buf, ETH_HLEN + 20 + sizeof(opt) + 8);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_B, WIRE_A);
	KT_EQ(wire_iph(f)->ihl, 8);
	o = wire_opts(f);
	KT_EQ(o[0], IPOPT_TS);
	KT_EQ(o[1], 12);
	KT_EQ(o[2], 13); /* both slots used */
	KT_EQ(o[3], IPOPT_TS_TSONLY);
	t1 = get_addr(o + 4);
	t2 = get_addr(o + 8);
	/* ms since midnight UTC; the virtual clock did not move between */
	KT_ASSERT(t1 < 86400000U);
	KT_EQ(t1, t2);

	/* full, overflow count at 15: a parameter problem at the flags */
	wire_clear(&e);
	opt[1] = 4;
	opt[2] = 5;
	opt[3] = 0xf0;
	iph = wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_ICMP, 8, opt, 4);
	wire_put_icmp(p + iph->ihl * 4, ICMP_ECHO, 0, PING_ID << 16 | 2, nodata,
		      0);
	wire_inject(&e, e.dev_a, buf, ETH_HLEN + 24 + 8);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	KT_EQ(wire_icmph(f)->type, ICMP_PARAMETERPROB);
	KT_EQ(ntohl(wire_icmph(f)->un.gateway) >> 24, 23);
	/* the bad option was never compiled: the error carries none */
	KT_EQ(wire_iph(f)->ihl, 5);
	wire_teardown(&e);
}

/*
 * A second record route after one with room: Linux has already written its
 * address into the first when it finds the second, so the parameter
 * problem quotes the header so changed and carries that first RR back.
 * (Seen on Linux 6.18 over lo with a raw socket.)
 */
static void test_param_problem_carries_options(void)
{
	static const u8 opt[12] = { IPOPT_RR, 7,	4, 0, 0,	 0,
				    0,	      IPOPT_RR, 3, 4, IPOPT_END, 0 };
	struct wire_env e;
	WIRE_BUF(buf, 256);
	const struct wire_frame *f;
	const struct icmphdr *ich;
	const u8 *q;
	struct iphdr *iph;
	u8 *p;

	wire_setup(&e);
	p = wire_put_eth(buf, e.dev_b->dev_addr, e.dev_a->dev_addr, ETH_P_IP);
	iph = wire_put_ip(p, WIRE_A, WIRE_B, IPPROTO_ICMP, 8, opt, sizeof(opt));
	wire_put_icmp(p + iph->ihl * 4, ICMP_ECHO, 0, PING_ID << 16 | 1, nodata,
		      0);
	wire_inject(&e, e.dev_a, buf, ETH_HLEN + 32 + 8);
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_B, WIRE_A);
	KT_EQ(wire_iph(f)->ihl, 7);
	KT_EQ(wire_opts(f)[0], IPOPT_RR);
	KT_EQ(wire_opts(f)[1], 7);
	KT_EQ(wire_opts(f)[2], 8);
	KT_EQ(get_addr(wire_opts(f) + 3), WIRE_B);
	KT_EQ(wire_opts(f)[7], IPOPT_END);
	ich = wire_icmph(f);
	KT_EQ(ich->type, ICMP_PARAMETERPROB);
	KT_EQ(ntohl(ich->un.gateway) >> 24, 27);
	q = (const u8 *)(ich + 1);
	KT_EQ(q[20 + 2], 8);
	KT_EQ(get_addr(q + 20 + 3), WIRE_B);
	wire_teardown(&e);
}

/* A loose source route through the router: only with accept_source_route. */
static void test_loose_source_route(void)
{
	u8 lsrr[8] = { IPOPT_NOP, IPOPT_LSRR, 7, 4 };
	const struct wire_frame *f;
	struct wire_env e;
	const u8 *o;
	int fd;

	wire_setup_routed(&e);
	fd = raw_icmp_socket();
	/* the first hop listed becomes the destination of the header */
	put_addr(lsrr + 4, WIRE_RA);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, lsrr, sizeof(lsrr)), 0);
	send_echo(fd, WIRE_B2, 1);
	f = wire_find(&e.tap, 1, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_A, WIRE_RA);
	o = wire_opts(f);
	KT_EQ(o[1], IPOPT_LSRR);
	KT_EQ(o[3], 4);
	KT_EQ(get_addr(o + 4), WIRE_B2);
	/* conf.all.accept_source_route is 0: the router drops it */
	KT_EQ(wire_count(&e.tap2, 1, ETH_P_IP, IPPROTO_ICMP), 0);

	tn_netns_set("r");
	wire_sysctl("net/ipv4/conf/all/accept_source_route", "1");
	tn_netns_set("b");
	wire_sysctl("net/ipv4/conf/all/accept_source_route", "1");
	tn_netns_set("a");
	wire_clear(&e);
	send_echo(fd, WIRE_B2, 2);
	/* forwarded to the next hop, the router's address in its place */
	f = wire_find(&e.tap2, 1, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_A, WIRE_B2);
	o = wire_opts(f);
	KT_EQ(o[1], IPOPT_LSRR);
	KT_EQ(o[3], 8);
	KT_EQ(get_addr(o + 4), WIRE_RB);
	/* the reply takes the route back: first hop the router */
	f = wire_find(&e.tap2, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_B2, WIRE_RB);
	o = wire_opts(f);
	KT_EQ(o[0], IPOPT_LSRR);
	KT_EQ(o[1], 7);
	KT_EQ(o[2], 4);
	KT_EQ(get_addr(o + 3), WIRE_A);
	/* which the router follows to a */
	f = wire_find(&e.tap, 0, ETH_P_IP, IPPROTO_ICMP, 0);
	KT_ASSERT(f);
	wire_check_ip(f, WIRE_B2, WIRE_A);
	KT_EQ(wire_icmph(f)->type, ICMP_ECHOREPLY);
	KT_EQ(get_addr(wire_opts(f) + 3), WIRE_RA);
	tn_close(fd);
	wire_teardown(&e);
}

/* A strict route's first hop must be a neighbour: RT_SCOPE_LINK lookup. */
static void test_strict_route_and_dontroute(void)
{
	u8 ssrr[8] = { IPOPT_NOP, IPOPT_SSRR, 7, 4 };
	struct sockaddr_in far = wire_sin(WIRE_B2, 0),
			   near = wire_sin(WIRE_RA, 0);
	struct wire_env e;
	u8 req[8] = { ICMP_ECHO };
	int fd, on = 1;

	wire_setup_routed(&e);
	fd = raw_icmp_socket();
	put_addr(ssrr + 4, WIRE_B2); /* not on a's network */
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, ssrr, sizeof(ssrr)), 0);
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, WIRE_SA(&near), sizeof(near)),
	      -1);
	KT_EQ(errno, ENETUNREACH);
	put_addr(ssrr + 4, WIRE_RA);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, ssrr, sizeof(ssrr)), 0);
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, WIRE_SA(&far), sizeof(far)),
	      (int)sizeof(req));
	/* a source route needs a destination */
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, ssrr, 0), 0);

	/* MSG_DONTROUTE and SO_DONTROUTE: the same link-scope lookup */
	KT_EQ(tn_sendto(fd, req, sizeof(req), MSG_DONTROUTE, WIRE_SA(&far),
			sizeof(far)),
	      -1);
	KT_EQ(errno, ENETUNREACH);
	KT_EQ(tn_sendto(fd, req, sizeof(req), MSG_DONTROUTE, WIRE_SA(&near),
			sizeof(near)),
	      (int)sizeof(req));
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_DONTROUTE, &on, sizeof(on)), 0);
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, WIRE_SA(&far), sizeof(far)),
	      -1);
	KT_EQ(errno, ENETUNREACH);
	tn_close(fd);

	fd = wire_udp_socket(0);
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_DONTROUTE, &on, sizeof(on)), 0);
	far.sin_port = htons(9);
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, WIRE_SA(&far), sizeof(far)),
	      -1);
	KT_EQ(errno, ENETUNREACH);
	tn_close(fd);
	wire_teardown(&e);
}

KTEST_MAIN(KT(test_record_route), KT(test_timestamp_echo),
	   KT(test_param_problem_carries_options), KT(test_loose_source_route),
	   KT(test_strict_route_and_dontroute))
