// SPDX-License-Identifier: BSD-2-Clause
/*
 * Policy routing and multipath: rules added over rtnetlink as `ip rule`
 * sends them and the lookups they steer (from, to, iif, oif, fwmark/mask,
 * tos, not, suppress_prefixlength, goto, nop, the reject actions), the
 * errors Linux gives, the local table split from main once rules change
 * (/proc/net/fib_trie); multipath hash ranges by weight as Linux computes
 * them, flows keeping their hop, weights respected over many flows, and
 * the L4 policy spreading one address pair by port.
 */
#include <linux/fib_rules.h>
#include <linux/icmp.h>
#include <linux/netlink.h>

#include <tuxnet/tuxnet.h>

#include "fib_helpers.h"

struct req {
	struct nlmsghdr n;
	struct fib_rule_hdr frh;
	char attrs[512];
};

static int nl_fd;

static void nl_setup(void)
{
	int one = 1;

	fh_unlock(); /* tn_* calls take the stack lock themselves */
	nl_fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_ASSERT(nl_fd >= 0);
	tn_setsockopt(nl_fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	fh_relock();
}

static void req_init(struct req *r, int type)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr));
	r->n.nlmsg_type = (unsigned short)type;
	r->n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (type == RTM_NEWRULE) {
		r->n.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
		r->frh.action = FR_ACT_TO_TBL;
	}
	r->frh.family = AF_INET;
}

static void addattr(struct req *r, int type, const void *data, int len)
{
	struct rtattr *rta =
		(struct rtattr *)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, (size_t)len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

static void addattr32(struct req *r, int type, u32 v)
{
	addattr(r, type, &v, sizeof(v));
}

static char last_msg[128];

/* Send @r; the ack's error (0 or -errno), its text in last_msg. */
static int talk(struct req *r)
{
	char buf[4096];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	ssize_t n;

	fh_unlock();
	KT_EQ(tn_send(nl_fd, r, r->n.nlmsg_len, 0), (ssize_t)r->n.nlmsg_len);
	n = tn_recv(nl_fd, buf, sizeof(buf), MSG_DONTWAIT);
	fh_relock();
	KT_ASSERT(n > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	last_msg[0] = 0;
	if (h->nlmsg_flags & NLM_F_ACK_TLVS) {
		size_t off = NLMSG_ALIGN(sizeof(*e) + e->msg.nlmsg_len -
					 sizeof(struct nlmsghdr));
		struct rtattr *a = (struct rtattr *)((char *)e + off);

		if (h->nlmsg_flags & NLM_F_CAPPED)
			a = (struct rtattr *)((char *)e + sizeof(*e));
		if (a->rta_type == NLMSGERR_ATTR_MSG)
			snprintf(last_msg, sizeof(last_msg), "%s",
				 (char *)RTA_DATA(a));
	}
	return e->error;
}

/* A rule: @from/@to "A.B.C.D/len" or NULL, table @table, pref @pref. */
static int rule(const char *from, int flen, const char *to, int tlen, u32 table,
		u32 pref)
{
	struct req r;
	__be32 a;

	req_init(&r, RTM_NEWRULE);
	if (from) {
		a = A(from);
		addattr(&r, FRA_SRC, &a, 4);
		r.frh.src_len = (u8)flen;
	}
	if (to) {
		a = A(to);
		addattr(&r, FRA_DST, &a, 4);
		r.frh.dst_len = (u8)tlen;
	}
	addattr32(&r, FRA_TABLE, table);
	if (pref)
		addattr32(&r, FRA_PRIORITY, pref);
	return talk(&r);
}

/* A route in table @table via @gw (unicast, universe scope). */
static void route_in(u32 table, const char *dst, int plen, const char *gw)
{
	struct fib_config cfg = {
		.fc_dst = A(dst),
		.fc_dst_len = (u8)plen,
		.fc_table = table,
		.fc_protocol = RTPROT_BOOT,
		.fc_type = RTN_UNICAST,
		.fc_scope = RT_SCOPE_UNIVERSE,
		.fc_gw4 = A(gw),
		.fc_gw_family = AF_INET,
		.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		.fc_nlinfo = { .nl_net = net },
	};

	KT_EQ(fib_table_insert(net, fib_new_table(net, table), &cfg, NULL), 0);
}

/* The table fib_lookup answers @fl4 from, or -errno. */
static long lookup(struct flowi4 *fl4)
{
	struct fib_result res;
	int err;

	memset(&res, 0, sizeof(res));
	err = fib_lookup(net, fl4, &res, 0);
	if (err)
		return err;
	return res.table ? (long)res.table->tb_id : 0;
}

static struct net_device *dev0, *dev1;

static void setup_two_links(void)
{
	fh_setup();
	nl_setup();
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags | IFF_UP),
	      0);
	dev0 = fh_dev("dum0", true);
	dev1 = fh_dev("dum1", true);
	fh_addr("dum0", "10.0.1.1", 24);
	fh_addr("dum1", "10.0.2.1", 24);
}

static void teardown(void)
{
	fh_unlock();
	tn_close(nl_fd);
	fh_relock();
	fh_teardown();
}

static void test_selectors(void)
{
	struct flowi4 fl4;
	struct req r;
	u32 v;

	setup_two_links();
	route_in(RT_TABLE_MAIN, "10.9.0.0", 16, "10.0.1.2");
	route_in(100, "10.9.0.0", 16, "10.0.2.2");
	route_in(101, "10.9.0.0", 16, "10.0.2.3");
	route_in(102, "10.9.0.0", 16, "10.0.1.3");
	route_in(103, "10.9.0.0", 16, "10.0.1.4");
	route_in(104, "10.9.0.0", 16, "10.0.1.5");

	/* no rule changed yet: main (local merged in) answers */
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.9.1.1");
	KT_EQ(lookup(&fl4), RT_TABLE_MAIN);

	KT_EQ(rule("10.0.2.0", 24, NULL, 0, 100, 100), 0);
	req_init(&r, RTM_NEWRULE);
	v = 5;
	addattr32(&r, FRA_FWMARK, v);
	v = 0xff;
	addattr32(&r, FRA_FWMASK, v);
	addattr32(&r, FRA_TABLE, 101);
	addattr32(&r, FRA_PRIORITY, 101);
	KT_EQ(talk(&r), 0);
	req_init(&r, RTM_NEWRULE);
	addattr(&r, FRA_IIFNAME, "dum1", 5);
	addattr32(&r, FRA_TABLE, 102);
	addattr32(&r, FRA_PRIORITY, 102);
	KT_EQ(talk(&r), 0);
	req_init(&r, RTM_NEWRULE);
	r.frh.tos = 0x10;
	addattr32(&r, FRA_TABLE, 103);
	addattr32(&r, FRA_PRIORITY, 103);
	KT_EQ(talk(&r), 0);
	req_init(&r, RTM_NEWRULE);
	addattr(&r, FRA_OIFNAME, "dum0", 5);
	addattr32(&r, FRA_TABLE, 104);
	addattr32(&r, FRA_PRIORITY, 104);
	KT_EQ(talk(&r), 0);

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.9.1.1");
	fl4.flowi4_iif = LOOPBACK_IFINDEX;
	KT_EQ(lookup(&fl4), RT_TABLE_MAIN);
	fl4.saddr = A("10.0.2.7");
	KT_EQ(lookup(&fl4), 100);
	fl4.saddr = 0;
	fl4.flowi4_mark = 0x305; /* 0x05 under the mask 0xff */
	KT_EQ(lookup(&fl4), 101);
	fl4.flowi4_mark = 0x306;
	KT_EQ(lookup(&fl4), RT_TABLE_MAIN);
	fl4.flowi4_mark = 0;
	fl4.flowi4_iif = dev1->ifindex;
	KT_EQ(lookup(&fl4), 102);
	fl4.flowi4_iif = LOOPBACK_IFINDEX;
	fl4.flowi4_tos = 0x10;
	KT_EQ(lookup(&fl4), 103);
	fl4.flowi4_tos = 0;
	fl4.flowi4_oif = dev0->ifindex;
	KT_EQ(lookup(&fl4), 104);
	fl4.flowi4_oif = 0;

	/* "not from 10.0.0.0/8 lookup 100" catches 192.0.2.1 only */
	req_init(&r, RTM_NEWRULE);
	r.frh.flags = FIB_RULE_INVERT;
	r.frh.src_len = 8;
	v = A("10.0.0.0");
	addattr(&r, FRA_SRC, &v, 4);
	addattr32(&r, FRA_TABLE, 100);
	addattr32(&r, FRA_PRIORITY, 50);
	KT_EQ(talk(&r), 0);
	fl4.saddr = A("10.3.3.3");
	KT_EQ(lookup(&fl4), RT_TABLE_MAIN);
	fl4.saddr = A("192.0.2.1");
	KT_EQ(lookup(&fl4), 100);
	fl4.saddr = 0;
	teardown();
}

static void test_actions(void)
{
	struct flowi4 fl4;
	struct req r;

	setup_two_links();
	route_in(RT_TABLE_MAIN, "10.9.0.0", 16, "10.0.1.2");
	route_in(100, "10.9.0.0", 16, "10.0.2.2");

	/* unreachable / prohibit / blackhole rules fail as Linux's */
	req_init(&r, RTM_NEWRULE);
	r.frh.action = FR_ACT_UNREACHABLE;
	r.frh.dst_len = 24;
	addattr32(&r, FRA_DST, A("10.9.5.0"));
	addattr32(&r, FRA_PRIORITY, 10);
	KT_EQ(talk(&r), 0);
	r.frh.action = FR_ACT_PROHIBIT;
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr));
	addattr32(&r, FRA_DST, A("10.9.6.0"));
	addattr32(&r, FRA_PRIORITY, 11);
	KT_EQ(talk(&r), 0);
	r.frh.action = FR_ACT_BLACKHOLE;
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr));
	addattr32(&r, FRA_DST, A("10.9.7.0"));
	addattr32(&r, FRA_PRIORITY, 12);
	KT_EQ(talk(&r), 0);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.9.5.1");
	KT_EQ(lookup(&fl4), -ENETUNREACH);
	fl4.daddr = A("10.9.6.1");
	KT_EQ(lookup(&fl4), -EACCES);
	fl4.daddr = A("10.9.7.1");
	KT_EQ(lookup(&fl4), -EINVAL);

	/* suppress_prefixlength 16: table 100's /16 is not taken */
	req_init(&r, RTM_NEWRULE);
	addattr32(&r, FRA_TABLE, 100);
	addattr32(&r, FRA_SUPPRESS_PREFIXLEN, 16);
	addattr32(&r, FRA_PRIORITY, 20);
	KT_EQ(talk(&r), 0);
	fl4.daddr = A("10.9.1.1");
	KT_EQ(lookup(&fl4), RT_TABLE_MAIN);

	/* goto 30 skips the suppressing rule's neighbour; nop does nothing */
	KT_EQ(rule(NULL, 0, NULL, 0, 100, 30), 0);
	req_init(&r, RTM_NEWRULE);
	r.frh.action = FR_ACT_GOTO;
	addattr32(&r, FRA_GOTO, 30);
	addattr32(&r, FRA_PRIORITY, 15);
	KT_EQ(talk(&r), 0);
	KT_EQ(lookup(&fl4), 100);
	req_init(&r, RTM_NEWRULE);
	r.frh.action = FR_ACT_GOTO;
	addattr32(&r, FRA_GOTO, 3);
	addattr32(&r, FRA_PRIORITY, 15);
	KT_EQ(talk(&r), -EINVAL);
	KT_STREQ(last_msg, "Backward goto not supported");
	req_init(&r, RTM_NEWRULE);
	r.frh.action = FR_ACT_NOP;
	addattr32(&r, FRA_PRIORITY, 1);
	KT_EQ(talk(&r), 0);
	KT_EQ(lookup(&fl4), 100);

	/* errors */
	KT_EQ(rule(NULL, 0, NULL, 0, 100, 30), -EEXIST);
	req_init(&r, RTM_NEWRULE);
	r.frh.tos = 0x03;
	KT_EQ(talk(&r), -EINVAL);
	KT_STREQ(last_msg, "Invalid dsfield (tos): ECN bits must be 0");
	req_init(&r, RTM_NEWRULE);
	r.frh.tos = 0x28;
	KT_EQ(talk(&r), -EINVAL);
	KT_STREQ(last_msg, "Invalid tos");
	req_init(&r, RTM_NEWRULE);
	r.frh.src_len = 8; /* no FRA_SRC */
	KT_EQ(talk(&r), -EINVAL);
	KT_STREQ(last_msg, "Invalid source address");
	req_init(&r, RTM_NEWRULE);
	r.frh.family = AF_INET6;
	KT_EQ(talk(&r), -EAFNOSUPPORT);
	req_init(&r, RTM_DELRULE);
	addattr32(&r, FRA_PRIORITY, 999);
	KT_EQ(talk(&r), -ENOENT);
	/* what is not built is refused, not ignored */
	req_init(&r, RTM_NEWRULE);
	addattr32(&r, FRA_FLOW, 3);
	KT_EQ(talk(&r), -EOPNOTSUPP);
	teardown();
}

/* Rules split local from main: deleting rule 0 hides local addresses. */
static void test_unmerge(void)
{
	char buf[4096];
	struct flowi4 fl4;
	struct req r;

	setup_two_links();
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("127.0.0.1");
	KT_EQ(lookup(&fl4), RT_TABLE_MAIN); /* merged: main's trie holds it */
	fh_read("/proc/net/fib_trie", buf, sizeof(buf));
	KT_ASSERT(strstr(strstr(buf, "Main:"), "/32 host LOCAL"));

	req_init(&r, RTM_DELRULE);
	addattr32(&r, FRA_PRIORITY, 0);
	KT_EQ(talk(&r), 0);
	/* the default rules are not custom: lookups skip rules still */
	req_init(&r, RTM_NEWRULE);
	addattr32(&r, FRA_TABLE, RT_TABLE_LOCAL);
	addattr32(&r, FRA_PRIORITY, 40000);
	KT_EQ(talk(&r), 0);
	/* main (no local routes now), then default, then local (40000) */
	KT_EQ(lookup(&fl4), RT_TABLE_LOCAL);
	fl4.daddr = A("10.0.1.1");
	KT_EQ(lookup(&fl4), RT_TABLE_MAIN); /* its /24 in main comes first */
	fh_read("/proc/net/fib_trie", buf, sizeof(buf));
	/* "Main:" comes first and holds no local routes any more */
	KT_ASSERT(strstr(buf, "Main:") && strstr(buf, "Local:"));
	KT_ASSERT(strstr(buf, "Main:") < strstr(buf, "Local:"));
	*strstr(buf, "Local:") = 0;
	KT_ASSERT(!strstr(buf, "LOCAL"));
	teardown();
}

/* /proc/net/fib_trie once tables are split, as Linux 6.18 printed it for
 * the same routes (veth for the dummy device there). */
static void test_proc_fib_trie_tables(void)
{
	char buf[4096];

	fh_setup();
	nl_setup();
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags | IFF_UP),
	      0);
	dev0 = fh_dev("dum0", true);
	fh_addr("dum0", "10.0.0.1", 24);
	route_in(100, "10.9.0.0", 16, "10.0.0.2");
	route_in(356, "10.8.0.0", 16, "10.0.0.2");
	route_in(RT_TABLE_MAIN, "10.7.0.0", 16, "10.0.0.2");
	KT_EQ(rule(NULL, 0, NULL, 0, 100, 5), 0);
	fh_read("/proc/net/fib_trie", buf, sizeof(buf));
	KT_STREQ(buf, "Id 356:\n"
		      "  |-- 10.8.0.0\n"
		      "     /16 universe UNICAST\n"
		      "Id 100:\n"
		      "  |-- 10.9.0.0\n"
		      "     /16 universe UNICAST\n"
		      "Main:\n"
		      "  +-- 10.0.0.0/13 2 0 2\n"
		      "     |-- 10.0.0.0\n"
		      "        /24 link UNICAST\n"
		      "     |-- 10.7.0.0\n"
		      "        /16 universe UNICAST\n"
		      "Local:\n"
		      "  +-- 0.0.0.0/1 2 0 2\n"
		      "     +-- 10.0.0.0/24 2 0 2\n"
		      "        |-- 10.0.0.1\n"
		      "           /32 host LOCAL\n"
		      "        |-- 10.0.0.255\n"
		      "           /32 link BROADCAST\n"
		      "     +-- 127.0.0.0/8 2 0 2\n"
		      "        +-- 127.0.0.0/31 1 0 0\n"
		      "           |-- 127.0.0.0\n"
		      "              /8 host LOCAL\n"
		      "           |-- 127.0.0.1\n"
		      "              /32 host LOCAL\n"
		      "        |-- 127.255.255.255\n"
		      "           /32 link BROADCAST\n");
	teardown();
}

/* A multipath route via dum0 (@w0) and dum1 (@w1). */
static struct fib_info *mp_route(int w0, int w1)
{
	struct {
		struct rtnexthop nh0;
		struct rtattr gw0;
		__be32 a0;
		struct rtnexthop nh1;
		struct rtattr gw1;
		__be32 a1;
	} mp = {
		.nh0 = { .rtnh_len = sizeof(struct rtnexthop) + 8,
			 .rtnh_hops = (u8)(w0 - 1),
			 .rtnh_ifindex = dev0->ifindex },
		.gw0 = { .rta_len = 8, .rta_type = RTA_GATEWAY },
		.a0 = A("10.0.1.2"),
		.nh1 = { .rtnh_len = sizeof(struct rtnexthop) + 8,
			 .rtnh_hops = (u8)(w1 - 1),
			 .rtnh_ifindex = dev1->ifindex },
		.gw1 = { .rta_len = 8, .rta_type = RTA_GATEWAY },
		.a1 = A("10.0.2.2"),
	};
	struct fib_config cfg = {
		.fc_dst = A("10.99.0.0"),
		.fc_dst_len = 16,
		.fc_table = RT_TABLE_MAIN,
		.fc_protocol = RTPROT_BOOT,
		.fc_type = RTN_UNICAST,
		.fc_scope = RT_SCOPE_UNIVERSE,
		.fc_mp = &mp.nh0,
		.fc_mp_len = sizeof(mp),
		.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		.fc_nlinfo = { .nl_net = net },
	};
	struct fib_result res;

	KT_EQ(fib_table_insert(net, fib_get_table(net, RT_TABLE_MAIN), &cfg,
			       NULL),
	      0);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "10.99.0.1", &res), RTN_UNICAST);
	KT_EQ(res.fi->fib_nhs, 2);
	return res.fi;
}

/* The hop a flow from @src:@sport to @dst:@dport (UDP) takes: 0 or 1. */
static int hop_of(__be32 src, __be32 dst, u16 sport, u16 dport)
{
	struct flowi4 fl4 = {
		.saddr = src,
		.daddr = dst,
		.flowi4_proto = IPPROTO_UDP,
		.fl4_sport = htons(sport),
		.fl4_dport = htons(dport),
	};
	struct fib_result res;

	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	fib_select_path(net, &res, &fl4);
	return res.nh_sel;
}

static void test_multipath(void)
{
	struct fib_info *fi;
	int i, n1 = 0, first, spread = 0, same = 0;

	setup_two_links();
	fi = mp_route(3, 1);
	/* Linux's bounds: round(w_sum / total * 2^31) - 1 */
	KT_EQ(fi->fib_nh[0].fib_nh_upper_bound, 1610612735);
	KT_EQ(fi->fib_nh[1].fib_nh_upper_bound, 2147483647);
	{
		struct fib_result res = { .fi = fi };

		fib_select_multipath(&res, 1610612735);
		KT_EQ(res.nh_sel, 0);
		fib_select_multipath(&res, 1610612736);
		KT_EQ(res.nh_sel, 1);
	}

	/* L3 policy: a flow keeps its hop; 3:1 over 4000 address pairs */
	for (i = 0; i < 4000; i++) {
		__be32 src = htonl(0x0a000101), dst = htonl(0x0a630000 + i);
		int h = hop_of(src, dst, 1000, 2000);

		KT_EQ(hop_of(src, dst, 1000, 2000), h);
		/* ports do not count under policy 0 */
		KT_EQ(hop_of(src, dst, 1001, 2002), h);
		/* both directions hash alike */
		KT_EQ(fib_multipath_hash(
			      net,
			      &(struct flowi4){ .saddr = src, .daddr = dst },
			      NULL),
		      fib_multipath_hash(
			      net,
			      &(struct flowi4){ .saddr = dst, .daddr = src },
			      NULL));
		n1 += h;
	}
	/* 1000 expected on hop 1; a 10% tolerance */
	KT_ASSERT(n1 > 900 && n1 < 1100);

	/* an ICMP error hashes as the flow it quotes (L3 policy) */
	for (i = 0; i < 64; i++) {
		struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
		struct iphdr *outer, *inner;
		u8 *icmph;
		__be32 a = htonl(0x0a000101), b = htonl(0x0a630000 + i);

		KT_ASSERT(skb);
		skb_reset_network_header(skb);
		outer = skb_put(skb, sizeof(*outer) + 8 + sizeof(*inner) + 8);
		memset(outer, 0, sizeof(*outer) + 8 + sizeof(*inner) + 8);
		outer->version = 4;
		outer->ihl = 5;
		outer->protocol = IPPROTO_ICMP;
		outer->saddr = htonl(0x0a000202); /* a router on the way */
		outer->daddr = a;
		icmph = (u8 *)(outer + 1);
		icmph[0] = ICMP_TIME_EXCEEDED;
		inner = (struct iphdr *)(void *)(icmph + 8);
		inner->version = 4;
		inner->ihl = 5;
		inner->protocol = IPPROTO_UDP;
		inner->saddr = a;
		inner->daddr = b;
		KT_EQ(fib_multipath_hash(net, NULL, skb),
		      fib_multipath_hash(
			      net, &(struct flowi4){ .saddr = a, .daddr = b },
			      NULL));
		/* an echo reply is its own flow */
		icmph[0] = ICMP_ECHOREPLY;
		same += fib_multipath_hash(net, NULL, skb) ==
			fib_multipath_hash(
				net, &(struct flowi4){ .saddr = a, .daddr = b },
				NULL);
		kfree_skb(skb);
	}
	KT_ASSERT(same < 4);

	/* L4 policy: one address pair spreads over both hops by port */
	fh_sysctl("/proc/sys/net/ipv4/fib_multipath_hash_policy", "1");
	first = hop_of(A("10.0.1.1"), A("10.99.0.1"), 5000, 53);
	n1 = 0;
	for (i = 0; i < 4000; i++) {
		int h = hop_of(A("10.0.1.1"), A("10.99.0.1"), (u16)(5000 + i),
			       53);

		KT_EQ(hop_of(A("10.0.1.1"), A("10.99.0.1"), (u16)(5000 + i),
			     53),
		      h);
		spread |= h != first;
		n1 += h;
	}
	KT_ASSERT(spread);
	KT_ASSERT(n1 > 900 && n1 < 1100);

	/* a dead hop takes no flow */
	KT_EQ(dev_change_flags(dev1, dev1->flags & ~IFF_UP), 0);
	KT_EQ(fi->fib_nh[0].fib_nh_upper_bound, 2147483647);
	KT_EQ(fi->fib_nh[1].fib_nh_upper_bound, -1);
	for (i = 0; i < 100; i++)
		KT_EQ(hop_of(A("10.0.1.1"), A("10.99.0.1"), (u16)(7000 + i),
			     53),
		      0);
	teardown();
}

KTEST_MAIN(KT(test_selectors), KT(test_actions), KT(test_unmerge),
	   KT(test_proc_fib_trie_tables), KT(test_multipath))
