// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TCP metrics cache between two namespaces over veth, in virtual
 * time, and its generic netlink family: a connection that closes saves
 * its RTT (both ends: TIME-WAIT and LAST-ACK), the next one to the same
 * peer takes its first RTO from the saved RTT (a route "rtt 100ms lock":
 * 100 + max(2 * 100, 200) = 300 ms, as Linux); nothing is saved under
 * tcp_no_metrics_save; a locked metric is never overwritten, and a locked
 * cwnd clamps the window; a deep hash chain recycles its oldest entry, so
 * a flood of destinations does not grow the cache past its bound; nlctrl
 * finds families by name and id and lists them; TCP_METRICS_CMD_GET/DEL
 * answer as Linux does (ESRCH for an unknown destination).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/rtnetlink.h>
#include <linux/tcp.h>
#include <linux/tcp_metrics.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "kfile.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

static struct tn_stack *st;
static struct net *net_b;

static void setup(void)
{
	st = tp_setup(&net_b, NULL, NULL, NULL, NULL);
}

/* ---- generic netlink, as ip tcp_metrics speaks it ---- */

struct genl_req {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char buf[256];
};

static void req_init(struct genl_req *r, int type, int cmd, int flags)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->n.nlmsg_type = (u16)type;
	r->n.nlmsg_flags = (u16)(NLM_F_REQUEST | flags);
	r->n.nlmsg_seq = 1;
	r->g.cmd = (u8)cmd;
	r->g.version = 1;
}

static void req_attr(struct genl_req *r, int type, const void *data, int len)
{
	struct nlattr *a =
		(struct nlattr *)(void *)((char *)r +
					  NLMSG_ALIGN(r->n.nlmsg_len));

	a->nla_type = (u16)type;
	a->nla_len = (u16)(NLA_HDRLEN + len);
	memcpy((char *)a + NLA_HDRLEN, data, (size_t)len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

/* send @r on a fresh NETLINK_GENERIC socket of namespace @ns; the
 * answer in @buf; return its length, or -errno of an NLMSG_ERROR */
static int genl_talk(const char *ns, struct genl_req *r, char *buf, int len)
{
	int fd, n;

	KT_EQ(tn_netns_set(ns), 0);
	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_send(fd, r, r->n.nlmsg_len, 0), (ssize_t)r->n.nlmsg_len);
	n = (int)tn_recv(fd, buf, (size_t)len, MSG_DONTWAIT);
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_ASSERT(n >= (int)NLMSG_HDRLEN);
	if (((struct nlmsghdr *)(void *)buf)->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(buf))->error;
	return n;
}

/* the attribute @type of a genl message, or NULL */
static struct nlattr *genl_attr(struct nlmsghdr *n, int type)
{
	int rem = (int)n->nlmsg_len - (int)NLMSG_LENGTH(GENL_HDRLEN);
	struct nlattr *a =
		(struct nlattr *)(void *)((char *)NLMSG_DATA(n) + GENL_HDRLEN);

	for (;
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)(void *)((char *)a + NLA_ALIGN(a->nla_len)))
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
	return NULL;
}

static int family_id(const char *name)
{
	struct genl_req r;
	char buf[2048];
	struct nlattr *a;
	u16 id;
	int n;

	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	req_attr(&r, CTRL_ATTR_FAMILY_NAME, name, (int)strlen(name) + 1);
	n = genl_talk(NULL, &r, buf, sizeof(buf));
	if (n < 0)
		return n;
	a = genl_attr((struct nlmsghdr *)(void *)buf, CTRL_ATTR_FAMILY_ID);
	KT_ASSERT(a);
	memcpy(&id, (char *)a + NLA_HDRLEN, sizeof(id));
	return id;
}

/* TCP_METRIC_* + 1 values of @ns's entry for @daddr (0: absent), or
 * -errno */
static int tm_get(const char *ns, const char *daddr, u32 vals[8])
{
	struct genl_req r;
	char buf[2048];
	struct nlattr *a, *m;
	__be32 addr;
	int n, rem;

	inet_pton(AF_INET, daddr, &addr);
	req_init(&r, family_id("tcp_metrics"), TCP_METRICS_CMD_GET, 0);
	req_attr(&r, TCP_METRICS_ATTR_ADDR_IPV4, &addr, 4);
	n = genl_talk(ns, &r, buf, sizeof(buf));
	if (n < 0)
		return n;
	memset(vals, 0, 8 * sizeof(u32));
	a = genl_attr((struct nlmsghdr *)(void *)buf, TCP_METRICS_ATTR_VALS);
	if (!a)
		return 0;
	for (m = (struct nlattr *)(void *)((char *)a + NLA_HDRLEN),
	    rem = a->nla_len - NLA_HDRLEN;
	     rem >= NLA_HDRLEN; rem -= NLA_ALIGN(m->nla_len),
	    m = (struct nlattr *)(void *)((char *)m + NLA_ALIGN(m->nla_len)))
		if (m->nla_type < 8)
			memcpy(&vals[m->nla_type], (char *)m + NLA_HDRLEN, 4);
	return 0;
}

static int tm_del(const char *ns, const char *daddr)
{
	struct genl_req r;
	char buf[512];
	__be32 addr;

	req_init(&r, family_id("tcp_metrics"), TCP_METRICS_CMD_DEL, NLM_F_ACK);
	if (daddr) {
		inet_pton(AF_INET, daddr, &addr);
		req_attr(&r, TCP_METRICS_ATTR_ADDR_IPV4, &addr, 4);
	}
	return genl_talk(ns, &r, buf, sizeof(buf));
}

static unsigned int tm_count(struct net *net)
{
	unsigned int n;

	stack_enter(st);
	n = tcp_metrics_count(net);
	stack_exit(st);
	return n;
}

/* /proc/sys/net/ipv4/@name in the initial namespace */
/* a connection with some data both ways, closed by the client first
 * (its end goes to TIME-WAIT, the server's through LAST-ACK) */
static void one_connection(int port, struct tcp_info *info)
{
	static char data[4000], buf[4000];
	int l, c, s;

	tp_connect_pair(port, &l, &c, &s);
	if (info)
		*info = tp_info(c);
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_WAITALL), (ssize_t)sizeof(buf));
	KT_EQ(tn_send(s, data, 100, 0), 100);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), 100);
	tn_close(c);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 100 * NSEC_PER_MSEC);
}

static void test_save_on_close(void)
{
	u32 v[8];

	setup();
	KT_EQ(tm_get(NULL, "10.0.0.2", v), -ESRCH);
	one_connection(9801, NULL);
	/* the client (TIME-WAIT) and the server (LAST-ACK) both saved */
	KT_EQ(tm_count(st->init_net), 1);
	KT_EQ(tm_count(net_b), 1);
	KT_EQ(tm_get(NULL, "10.0.0.2", v), 0);
	KT_ASSERT(v[TCP_METRIC_RTT_US + 1] > 0);
	KT_ASSERT(v[TCP_METRIC_RTT + 1] >= 1); /* ms, at least 1 */
	KT_ASSERT(v[TCP_METRIC_CWND + 1] >= 10); /* slow start: the cwnd */
	KT_EQ(v[TCP_METRIC_SSTHRESH + 1], 0); /* no_ssthresh_metrics_save */
	KT_EQ(tm_get("b", "10.0.0.1", v), 0);
	KT_ASSERT(v[TCP_METRIC_RTT_US + 1] > 0);
	/* DEL: one address, then ESRCH; no address: everything */
	KT_EQ(tm_del(NULL, "10.0.0.2"), 0);
	KT_EQ(tm_del(NULL, "10.0.0.2"), -ESRCH);
	KT_EQ(tm_count(st->init_net), 0);
	KT_EQ(tm_del("b", NULL), 0);
	KT_EQ(tm_count(net_b), 0);
	tp_teardown(st);
}

/* rtt 100ms lock (the route keeps ms << 3): the entry starts from it and
 * keeps it; the next connection's first RTO is 100 + max(200, 200) */
static void test_seed_on_next_connect(void)
{
	static const u32 m[] = { RTAX_RTT, 800, 0 };
	struct tcp_info ti;
	u32 v[8];

	setup();
	tp_route_metrics("va", "10.0.0.2", m, 1U << RTAX_RTT);
	one_connection(9802, &ti);
	KT_EQ(ti.tcpi_rto, 200000); /* no entry yet: the handshake's */
	KT_EQ(tm_get(NULL, "10.0.0.2", v), 0);
	KT_EQ(v[TCP_METRIC_RTT_US + 1], 800000); /* locked: not saved */
	KT_EQ(v[TCP_METRIC_RTT + 1], 800);
	one_connection(9803, &ti);
	KT_EQ(ti.tcpi_rto, 300000);
	KT_EQ(tm_get(NULL, "10.0.0.2", v), 0);
	KT_EQ(v[TCP_METRIC_RTT_US + 1], 800000);
	/* b's side has no such route: its RTO is its own */
	tp_teardown(st);
}

static void test_no_metrics_save(void)
{
	u32 v[8];

	setup();
	kt_ipv4_sysctl_set("tcp_no_metrics_save", "1");
	one_connection(9804, NULL);
	KT_EQ(tm_count(st->init_net), 0);
	KT_EQ(tm_get(NULL, "10.0.0.2", v), -ESRCH);
	KT_EQ(tm_count(net_b), 1); /* b's own setting is 0 */
	kt_ipv4_sysctl_set("tcp_no_metrics_save", "0");
	one_connection(9805, NULL);
	KT_EQ(tm_count(st->init_net), 1);
	tp_teardown(st);
}

/* cwnd lock 5: the entry keeps 5 and the next connection is clamped */
static void test_locked_cwnd(void)
{
	static const u32 m[] = { RTAX_CWND, 5, 0 };
	struct tcp_info ti;
	u32 v[8];

	setup();
	tp_route_metrics("va", "10.0.0.2", m, 1U << RTAX_CWND);
	one_connection(9806, &ti);
	KT_EQ(ti.tcpi_snd_cwnd, 10);
	KT_EQ(tm_get(NULL, "10.0.0.2", v), 0);
	KT_EQ(v[TCP_METRIC_CWND + 1], 5);
	one_connection(9807, &ti);
	KT_EQ(ti.tcpi_snd_cwnd, 5);
	KT_EQ(tm_get(NULL, "10.0.0.2", v), 0);
	KT_EQ(v[TCP_METRIC_CWND + 1], 5);
	tp_teardown(st);
}

/* 200,000 destinations: chains stop at TCP_METRICS_RECLAIM_DEPTH + 1
 * entries, the oldest recycled, so the cache stays within its bound */
static void test_eviction_bounded(void)
{
	struct flowi4 fl4;
	struct rtable *rt;
	unsigned int i, bound = (1U << 14) * 6;
	__be32 saddr;

	setup();
	inet_pton(AF_INET, "10.0.0.1", &saddr);
	stack_enter(st);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = htonl(0x0a000002);
	rt = ip_route_output_key(st->init_net, &fl4);
	KT_ASSERT(!IS_ERR(rt));
	for (i = 0; i < 200000; i++)
		KT_ASSERT(tcp_metrics_touch(st->init_net, saddr,
					    htonl(0x0b000000 + i), &rt->dst));
	KT_ASSERT(tcp_metrics_count(st->init_net) > 1U << 14);
	KT_ASSERT(tcp_metrics_count(st->init_net) <= bound);
	KT_EQ(tcp_metrics_count(net_b), 0);
	ip_rt_put(rt);
	stack_exit(st);
	tp_teardown(st);
}

/* nlctrl: by name, by id, a dump of every family; errors as Linux */
static void test_genl_ctrl(void)
{
	struct genl_req r;
	char buf[8192];
	struct nlattr *a;
	int id, n, families = 0;
	u16 want = GENL_ID_CTRL;

	setup();
	KT_EQ(family_id("nlctrl"), GENL_ID_CTRL);
	id = family_id("tcp_metrics");
	KT_ASSERT(id >= GENL_START_ALLOC);
	KT_EQ(family_id("nope"), -ENOENT);
	/* by id */
	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	req_attr(&r, CTRL_ATTR_FAMILY_ID, &want, 2);
	KT_ASSERT(genl_talk(NULL, &r, buf, sizeof(buf)) > 0);
	a = genl_attr((struct nlmsghdr *)(void *)buf, CTRL_ATTR_FAMILY_NAME);
	KT_ASSERT(a);
	KT_STREQ((char *)a + NLA_HDRLEN, "nlctrl");
	/* neither attribute: EINVAL; an unknown family id: ENOENT; a
	 * command the family lacks: EOPNOTSUPP */
	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	KT_EQ(genl_talk(NULL, &r, buf, sizeof(buf)), -EINVAL);
	req_init(&r, 0x3ff, 1, 0);
	KT_EQ(genl_talk(NULL, &r, buf, sizeof(buf)), -ENOENT);
	req_init(&r, id, 7, 0);
	KT_EQ(genl_talk("b", &r, buf, sizeof(buf)), -EOPNOTSUPP);
	/* the dump: nlctrl and tcp_metrics, in id order */
	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_DUMP);
	n = genl_talk(NULL, &r, buf, sizeof(buf));
	KT_ASSERT(n > 0);
	{
		struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
		unsigned int left = (unsigned int)n;

		for (; NLMSG_OK(h, left) && h->nlmsg_type != NLMSG_DONE;
		     h = NLMSG_NEXT(h, left)) {
			a = genl_attr(h, CTRL_ATTR_FAMILY_NAME);
			KT_ASSERT(a);
			KT_STREQ((char *)a + NLA_HDRLEN,
				 families ? "tcp_metrics" : "nlctrl");
			families++;
		}
	}
	KT_EQ(families, 2);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_save_on_close), KT(test_seed_on_next_connect),
	   KT(test_no_metrics_save), KT(test_locked_cwnd),
	   KT(test_eviction_bounded), KT(test_genl_ctrl))
