// SPDX-License-Identifier: BSD-2-Clause
/*
 * ARP on the wire (RFC 826, RFC 1122 2.3.2): the request a host broadcasts
 * to resolve a neighbour and the unicast reply, field by field as Linux
 * sends them (42-byte frames, target hardware address zero in a request);
 * then hand-built requests injected into the stack: a valid one is
 * answered to the asker's hardware address, malformed ones (wrong address
 * lengths, protocol, opcode, truncated, multicast target) and requests for
 * another host are dropped without an answer.  Then the sysctls: which
 * requests arp_ignore 1, 2, 3 and 8 leave unanswered (conf.all and the
 * device combined by max), the sender address arp_announce 0, 1, 2 puts in
 * a request, the entries arp_accept 0, 1, 2 lets a gratuitous ARP create
 * (none with drop_gratuitous_arp), a proxy entry answered only when
 * forwarding (a broadcast request after a random part of proxy_delay),
 * entries kept on carrier loss with arp_evict_nocarrier=0, app_solicit
 * asking user space first, and the
 * neighbour gc thresholds shared by every namespace.
 */
#include "wire.h"

#include <net/neighbour.h>

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

/* Does b answer a request from @spa for @tpa?  (b's table forgotten) */
static bool b_answers(struct wire_env *e, u32 spa, u32 tpa)
{
	WIRE_BUF(buf, 64);
	unsigned int len;

	wire_clear(e);
	len = build_req(buf, bcast, fake_mac, spa, tpa);
	wire_inject(e, e->dev_a, buf, len);
	return wire_count(&e->tap, 0, ETH_P_ARP, 0) == 1;
}

static void in_ns(const char *ns)
{
	KT_EQ(tn_netns_set(ns), 0);
}

/* ip addr add @addr/@plen dev @dev scope @scope (in the current namespace) */
static void add_addr(const char *dev, u32 addr, int plen, u8 scope)
{
	struct ifaddrmsg *ifa;
	struct wire_req r;
	__be32 a = htonl(addr);

	ifa = wire_req_init(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
			    sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (u8)plen;
	ifa->ifa_scope = scope;
	ifa->ifa_index = (u32)wire_ifindex(dev);
	wire_req_attr(&r, IFA_LOCAL, &a, sizeof(a));
	wire_req_attr(&r, IFA_ADDRESS, &a, sizeof(a));
	KT_EQ(wire_talk(&r), 0);
}

static void test_arp_ignore(void)
{
	const u32 on_lo = WIRE_IP(10, 9, 9, 9), host = WIRE_IP(10, 0, 4, 1);
	const u32 other = WIRE_IP(10, 0, 3, 1), asker = WIRE_IP(10, 0, 0, 77);
	struct wire_env e;

	wire_setup(&e);
	in_ns("b");
	add_addr("lo", on_lo, 32, RT_SCOPE_UNIVERSE);
	add_addr("veth1", other, 24, RT_SCOPE_UNIVERSE);
	add_addr("veth1", host, 24, RT_SCOPE_HOST);

	/* 0: every local address, whichever device holds it */
	KT_ASSERT(b_answers(&e, asker, WIRE_B));
	KT_ASSERT(b_answers(&e, asker, on_lo));
	KT_ASSERT(b_answers(&e, asker, host));

	/* 1 (through conf.all, the larger): the incoming device's only */
	in_ns("b");
	wire_sysctl("net/ipv4/conf/all/arp_ignore", "1");
	KT_ASSERT(b_answers(&e, asker, WIRE_B));
	KT_ASSERT(!b_answers(&e, asker, on_lo));
	KT_ASSERT(b_answers(&e, asker, other));
	KT_ASSERT(!b_answers(&e, 0, on_lo)); /* nor a DAD probe */

	/* 2: and the asker in the target's subnet */
	in_ns("b");
	wire_sysctl("net/ipv4/conf/veth1/arp_ignore", "2");
	KT_ASSERT(b_answers(&e, asker, WIRE_B));
	KT_ASSERT(!b_answers(&e, asker, other));
	KT_ASSERT(b_answers(&e, WIRE_IP(10, 0, 3, 7), other));

	/* 3: not for scope host addresses */
	in_ns("b");
	wire_sysctl("net/ipv4/conf/all/arp_ignore", "0");
	wire_sysctl("net/ipv4/conf/veth1/arp_ignore", "3");
	KT_ASSERT(b_answers(&e, asker, on_lo));
	KT_ASSERT(!b_answers(&e, asker, host));

	/* 5 is reserved: answers; 8: never */
	in_ns("b");
	wire_sysctl("net/ipv4/conf/veth1/arp_ignore", "5");
	KT_ASSERT(b_answers(&e, asker, host));
	in_ns("b");
	wire_sysctl("net/ipv4/conf/veth1/arp_ignore", "8");
	KT_ASSERT(!b_answers(&e, asker, WIRE_B));
	KT_ASSERT(!b_answers(&e, 0, WIRE_B));
	wire_teardown(&e);
}

/* The sender protocol address of a's request when a sends from @from. */
static u32 request_source(struct wire_env *e, u32 from, u32 to)
{
	struct sockaddr_in src = wire_sin(from, 0), dst = wire_sin(to, 9);
	const struct wire_frame *f;
	int fd;

	in_ns("a");
	wire_clear(e);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, WIRE_SA(&src), sizeof(src)), 0);
	KT_EQ(tn_sendto(fd, "x", 1, 0, WIRE_SA(&dst), sizeof(dst)), 1);
	tn_close(fd);
	f = wire_find(&e->tap, 1, ETH_P_ARP, 0, 0);
	KT_ASSERT(f);
	if (!f)
		return 0;
	return arp_ip(arp_body(f) + 6);
}

/* ip neigh flush dev veth0 in a */
static void flush_a(struct wire_env *e)
{
	stack_enter(e->st);
	rtnl_lock();
	neigh_ifdown(e->na->ipv4.arp_tbl, e->dev_a);
	rtnl_unlock();
	stack_exit(e->st);
}

static void test_arp_announce(void)
{
	const u32 second = WIRE_IP(10, 0, 0, 3), off = WIRE_IP(10, 0, 8, 1);
	struct wire_env e;

	wire_setup(&e);
	in_ns("a");
	add_addr("veth0", second, 24, RT_SCOPE_UNIVERSE);
	add_addr("veth0", off, 24, RT_SCOPE_UNIVERSE);

	/* 0: the packet's own source, whatever its subnet */
	KT_EQ(request_source(&e, second, WIRE_B), second);
	flush_a(&e);
	KT_EQ(request_source(&e, off, WIRE_B), off);
	flush_a(&e);

	/* 1: only a source in the target's subnet */
	in_ns("a");
	wire_sysctl("net/ipv4/conf/veth0/arp_announce", "1");
	KT_EQ(request_source(&e, second, WIRE_B), second);
	flush_a(&e);
	KT_EQ(request_source(&e, off, WIRE_B), WIRE_A);
	flush_a(&e);

	/* 2 (conf.all, the larger): the primary address */
	in_ns("a");
	wire_sysctl("net/ipv4/conf/all/arp_announce", "2");
	KT_EQ(request_source(&e, second, WIRE_B), WIRE_A);
	wire_teardown(&e);
}

/* Inject a gratuitous request from @ip; does b then have an entry? */
static bool garp_learnt(struct wire_env *e, u32 ip)
{
	WIRE_BUF(buf, 64);
	unsigned int len;
	bool learnt;

	len = build_req(buf, bcast, fake_mac, ip, ip);
	wire_inject(e, e->dev_a, buf, len);
	stack_enter(e->st);
	rtnl_lock();
	learnt = neigh_lookup(e->nb->ipv4.arp_tbl, &(__be32){ htonl(ip) },
			      e->dev_b) != NULL;
	neigh_ifdown(e->nb->ipv4.arp_tbl, e->dev_b);
	rtnl_unlock();
	stack_exit(e->st);
	return learnt;
}

static void test_arp_accept(void)
{
	struct wire_env e;

	wire_setup(&e);
	KT_ASSERT(!garp_learnt(&e, WIRE_IP(10, 0, 0, 77)));
	in_ns("b");
	wire_sysctl("net/ipv4/conf/veth1/arp_accept", "1");
	KT_ASSERT(garp_learnt(&e, WIRE_IP(10, 0, 0, 77)));
	KT_ASSERT(garp_learnt(&e, WIRE_IP(10, 0, 7, 7)));
	/* 2: only from the device's subnets */
	in_ns("b");
	wire_sysctl("net/ipv4/conf/veth1/arp_accept", "2");
	KT_ASSERT(garp_learnt(&e, WIRE_IP(10, 0, 0, 77)));
	KT_ASSERT(!garp_learnt(&e, WIRE_IP(10, 0, 7, 7)));
	/* drop_gratuitous_arp (either all or the device) wins */
	in_ns("b");
	wire_sysctl("net/ipv4/conf/all/drop_gratuitous_arp", "1");
	KT_ASSERT(!garp_learnt(&e, WIRE_IP(10, 0, 0, 77)));
	wire_teardown(&e);
}

/* A proxy entry on r: answered for a host behind r, only when forwarding. */
static void test_arp_proxy_entry(void)
{
	const u32 behind = WIRE_IP(10, 0, 1, 77);
	struct wire_env e;
	WIRE_BUF(buf, 64);
	unsigned int len;

	wire_setup_routed(&e);
	/* a unicast request is answered at once (no proxy_delay) */
	len = build_req(buf, e.dev_b->dev_addr, fake_mac, WIRE_A, behind);
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 0);
	stack_enter(e.st);
	rtnl_lock();
	KT_ASSERT(!IS_ERR(pneigh_create(e.nr->ipv4.arp_tbl,
					&(__be32){ htonl(behind) }, e.dev_b)));
	rtnl_unlock();
	stack_exit(e.st);
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 1);
	check_arp(wire_find(&e.tap, 0, ETH_P_ARP, 0, 0), ARPOP_REPLY, fake_mac,
		  e.dev_b->dev_addr, behind, fake_mac, WIRE_A);
	/* a broadcast one waits up to proxy_delay (0.8 s) */
	wire_clear(&e);
	len = build_req(buf, bcast, fake_mac, WIRE_A, behind);
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 0);
	tn_clock_advance(e.st, 800 * 1000 * 1000ULL);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 1);
	/* not when r does not forward */
	wire_clear(&e);
	in_ns("r");
	wire_sysctl("net/ipv4/ip_forward", "0");
	len = build_req(buf, e.dev_b->dev_addr, fake_mac, WIRE_A, behind);
	wire_inject(&e, e.dev_a, buf, len);
	KT_EQ(wire_count(&e.tap, 0, ETH_P_ARP, 0), 0);
	wire_teardown(&e);
}

/* b learns the asker of a request; then a's end goes down and up again:
 * is the entry still there? */
static bool survives_carrier_loss(struct wire_env *e)
{
	const u32 asker = WIRE_IP(10, 0, 0, 77);
	bool kept;

	KT_ASSERT(b_answers(e, asker, WIRE_B));
	stack_enter(e->st);
	rtnl_lock();
	KT_EQ(dev_change_flags(e->dev_a, e->dev_a->flags & ~IFF_UP), 0);
	KT_ASSERT(!netif_carrier_ok(e->dev_b));
	kept = neigh_lookup(e->nb->ipv4.arp_tbl, &(__be32){ htonl(asker) },
			    e->dev_b) != NULL;
	KT_EQ(dev_change_flags(e->dev_a, e->dev_a->flags | IFF_UP), 0);
	rtnl_unlock();
	stack_exit(e->st);
	return kept;
}

static void test_arp_evict_nocarrier(void)
{
	struct wire_env e;

	wire_setup(&e);
	KT_ASSERT(!survives_carrier_loss(&e));
	/* all && dev: either one at 0 keeps the entries */
	in_ns("b");
	wire_sysctl("net/ipv4/conf/all/arp_evict_nocarrier", "0");
	KT_ASSERT(survives_carrier_loss(&e));
	in_ns("b");
	wire_sysctl("net/ipv4/conf/all/arp_evict_nocarrier", "1");
	wire_sysctl("net/ipv4/conf/veth1/arp_evict_nocarrier", "0");
	KT_ASSERT(survives_carrier_loss(&e));
	wire_teardown(&e);
}

/*
 * app_solicit: the first probes of a resolution are RTM_GETNEIGH requests
 * to RTNLGRP_NEIGH listeners (a user-space resolver), the broadcast
 * requests come after them, a retrans_time apart.
 */
static void test_arp_app_solicit(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = RTMGRP_NEIGH };
	struct sockaddr_in to = wire_sin(WIRE_B, 9);
	struct nlmsghdr *nlh;
	struct wire_env e;
	u64 buf[128];
	int mon, fd;

	wire_setup(&e);
	in_ns("a");
	wire_sysctl("net/ipv4/neigh/veth0/app_solicit", "1");
	mon = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_ASSERT(mon >= 0);
	KT_EQ(tn_bind(mon, WIRE_SA(&sa), sizeof(sa)), 0);
	fd = wire_udp_socket(0);
	KT_EQ(tn_sendto(fd, "x", 1, 0, WIRE_SA(&to), sizeof(to)), 1);
	KT_EQ(wire_count(&e.tap, 1, ETH_P_ARP, 0), 0);
	KT_ASSERT(tn_recv(mon, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	nlh = (struct nlmsghdr *)(void *)buf;
	KT_EQ(nlh->nlmsg_type, RTM_GETNEIGH);
	KT_ASSERT(nlh->nlmsg_flags & NLM_F_REQUEST);
	KT_EQ(((struct ndmsg *)NLMSG_DATA(nlh))->ndm_state, NUD_INCOMPLETE);
	/* nobody answers it: a second later, ARP */
	tn_clock_advance(e.st, 999 * 1000 * 1000ULL);
	KT_EQ(wire_count(&e.tap, 1, ETH_P_ARP, 0), 0);
	tn_clock_advance(e.st, 1000 * 1000ULL);
	KT_EQ(wire_count(&e.tap, 1, ETH_P_ARP, 0), 1);
	KT_EQ(wire_count(&e.tap, 1, ETH_P_IP, IPPROTO_UDP), 1);
	tn_close(fd);
	tn_close(mon);
	wire_teardown(&e);
}

/*
 * net.ipv4.neigh.default (with gc_thresh*) is the initial namespace's
 * only, and gc_thresh3 bounds the entries of every namespace together;
 * net.core.netdev_max_backlog too exists there only (Linux 6.18 in a new
 * namespace: neither).
 */
static void test_neigh_gc_thresh_init_ns_only(void)
{
	struct neigh_table *root;
	struct wire_env e;
	int i, made = 0;

	wire_setup(&e);
	in_ns("a");
	KT_EQ(tn_open("/proc/sys/net/ipv4/neigh/default/gc_thresh3", O_RDONLY),
	      -1);
	KT_EQ(errno, ENOENT);
	/* the same for net.core.netdev_max_backlog, global on Linux */
	KT_EQ(tn_open("/proc/sys/net/core/netdev_max_backlog", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	KT_ASSERT(tn_open("/proc/sys/net/core/somaxconn", O_RDONLY) >= 0);
	KT_ASSERT(tn_open("/proc/sys/net/ipv4/neigh/veth0/gc_stale_time",
			  O_RDONLY) >= 0);
	stack_enter(e.st);
	rtnl_lock();
	root = e.st->init_net->ipv4.arp_tbl;
	root->gc_thresh2 = 4;
	root->gc_thresh3 = 4;
	for (i = 0; i < 3; i++) {
		__be32 key = htonl(WIRE_IP(10, 0, 0, 100) + (u32)i);

		KT_ASSERT(!IS_ERR(
			__neigh_create(e.na->ipv4.arp_tbl, &key, e.dev_a)));
	}
	/* b's table is empty, yet only one more entry fits */
	for (i = 0; i < 3; i++) {
		__be32 key = htonl(WIRE_IP(10, 0, 0, 100) + (u32)i);

		if (!IS_ERR(__neigh_create(e.nb->ipv4.arp_tbl, &key, e.dev_b)))
			made++;
	}
	KT_EQ(made, 1);
	rtnl_unlock();
	stack_exit(e.st);
	wire_teardown(&e);
}

KTEST_MAIN(KT(test_arp_request_and_reply_built), KT(test_arp_request_parsed),
	   KT(test_arp_malformed_dropped), KT(test_arp_ignore),
	   KT(test_arp_announce), KT(test_arp_accept), KT(test_arp_proxy_entry),
	   KT(test_arp_evict_nocarrier), KT(test_arp_app_solicit),
	   KT(test_neigh_gc_thresh_init_ns_only))
