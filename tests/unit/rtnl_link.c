// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtnetlink link messages as `ip link` sends them: a dump parsed back,
 * single gets, veth creation, changes and deletion, notifications to
 * RTNLGRP_LINK members, a move to another namespace with its nsid, and the
 * /proc/net/dev, /proc/net/snmp texts.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/ip.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"

static struct tn_stack *vstack(void)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL };
	struct tn_stack *st = tn_stack_create(&cfg);

	KT_ASSERT(st);
	tn_stack_attach(st);
	return st;
}

static void assert_clean_and_destroy(struct tn_stack *st)
{
	struct tn_stack_stats s;

	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_files, 0);
	tn_stack_destroy(st);
}

static int nl_open(unsigned int groups)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = groups };
	int fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), one = 1;

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return fd;
}

/* NLMSG_OK/NLMSG_NEXT without their signed/unsigned comparisons. */
static int nl_ok(const struct nlmsghdr *h, int len)
{
	return len >= (int)sizeof(*h) && h->nlmsg_len >= sizeof(*h) &&
	       (int)h->nlmsg_len <= len;
}

static struct nlmsghdr *nl_next(struct nlmsghdr *h, int *len)
{
	*len -= (int)NLMSG_ALIGN(h->nlmsg_len);
	return (struct nlmsghdr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
}

struct req {
	struct nlmsghdr n;
	struct ifinfomsg i;
	char attrs[512];
};

static void req_init(struct req *r, int type, int flags)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	r->n.nlmsg_type = (unsigned short)type;
	r->n.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | flags);
	r->n.nlmsg_seq = 7;
}

static struct rtattr *addattr(struct req *r, int type, const void *data,
			      int len)
{
	struct nlmsghdr *n = &r->n;
	struct rtattr *rta =
		(struct rtattr *)((char *)r + NLMSG_ALIGN(n->nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, (size_t)len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return rta;
}

static void nest_end(struct req *r, struct rtattr *nest)
{
	nest->rta_len =
		(unsigned short)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len) -
				 (char *)nest);
}

/* Send @r and return the error of its ack (0 for success). */
static int talk(int fd, struct req *r)
{
	char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	ssize_t n;

	r->n.nlmsg_flags |= NLM_F_ACK;
	KT_EQ(tn_send(fd, r, r->n.nlmsg_len, 0), r->n.nlmsg_len);
	n = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	KT_ASSERT(n > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
}

static struct rtattr *find_attr(struct nlmsghdr *h, int type)
{
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	int len = (int)h->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi));
	struct rtattr *rta = IFLA_RTA(ifi);

	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == type)
			return rta;
	return NULL;
}

struct link {
	int index;
	unsigned int flags;
	char name[IFNAMSIZ];
	unsigned int mtu;
	int link_netnsid;
};

/* Dump the links as `ip link show` does; returns how many. */
static int dump_links(int fd, struct link *out, int max)
{
	struct {
		struct nlmsghdr n;
		struct ifinfomsg i;
	} r = { .n = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		       .nlmsg_type = RTM_GETLINK,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		       .nlmsg_seq = 99 } };
	static char buf[32768];
	struct sockaddr_nl me;
	socklen_t mlen = sizeof(me);
	int count = 0, done = 0;

	KT_EQ(tn_getsockname(fd, (struct sockaddr *)&me, &mlen), 0);
	KT_EQ(tn_send(fd, &r, r.n.nlmsg_len, 0), r.n.nlmsg_len);
	while (!done) {
		struct nlmsghdr *h;
		ssize_t n = tn_recv(fd, NULL, 0,
				    MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
		int len;

		KT_ASSERT(n > 0 && n <= (ssize_t)sizeof(buf));
		len = (int)tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		KT_EQ(len, n);
		for (h = (struct nlmsghdr *)buf; nl_ok(h, len);
		     h = nl_next(h, &len)) {
			KT_EQ(h->nlmsg_seq, 99);
			KT_EQ(h->nlmsg_pid, me.nl_pid);
			KT_ASSERT(h->nlmsg_flags & NLM_F_MULTI);
			if (h->nlmsg_type == NLMSG_DONE) {
				KT_EQ(h->nlmsg_len, NLMSG_LENGTH(sizeof(int)));
				KT_EQ(*(int *)NLMSG_DATA(h), 0);
				done = 1;
				break;
			}
			KT_EQ(h->nlmsg_type, RTM_NEWLINK);
			if (count < max) {
				struct ifinfomsg *ifi = NLMSG_DATA(h);
				struct rtattr *a;

				out[count].index = ifi->ifi_index;
				out[count].flags = ifi->ifi_flags;
				a = find_attr(h, IFLA_IFNAME);
				KT_ASSERT(a);
				snprintf(out[count].name, IFNAMSIZ, "%s",
					 (char *)RTA_DATA(a));
				a = find_attr(h, IFLA_MTU);
				KT_ASSERT(a);
				out[count].mtu = *(unsigned int *)RTA_DATA(a);
				KT_ASSERT(find_attr(h, IFLA_STATS64));
				KT_ASSERT(find_attr(h, IFLA_QDISC));
				a = find_attr(h, IFLA_LINK_NETNSID);
				out[count].link_netnsid =
					a ? *(int *)RTA_DATA(a) : -1;
			}
			count++;
		}
	}
	KT_EQ(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	return count;
}

static struct link *link_by_name(struct link *l, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(l[i].name, name))
			return &l[i];
	return NULL;
}

/* ip link add NAME type veth peer name PEER [netns fd] */
static int add_veth(int fd, const char *name, const char *peer, int nsfd)
{
	struct req r;
	struct rtattr *linkinfo, *data, *peerinfo;
	struct ifinfomsg pifi = { 0 };

	req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	addattr(&r, IFLA_IFNAME, name, (int)strlen(name) + 1);
	linkinfo = addattr(&r, IFLA_LINKINFO, NULL, 0);
	addattr(&r, IFLA_INFO_KIND, "veth", 5);
	data = addattr(&r, IFLA_INFO_DATA, NULL, 0);
	peerinfo = addattr(&r, VETH_INFO_PEER, &pifi, sizeof(pifi));
	addattr(&r, IFLA_IFNAME, peer, (int)strlen(peer) + 1);
	if (nsfd >= 0)
		addattr(&r, IFLA_NET_NS_FD, &nsfd, sizeof(nsfd));
	nest_end(&r, peerinfo);
	nest_end(&r, data);
	nest_end(&r, linkinfo);
	return talk(fd, &r);
}

static int set_link(int fd, const char *name, unsigned int flags,
		    unsigned int change, int mtu)
{
	struct req r;

	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_flags = flags;
	r.i.ifi_change = change;
	addattr(&r, IFLA_IFNAME, name, (int)strlen(name) + 1);
	if (mtu)
		addattr(&r, IFLA_MTU, &mtu, sizeof(mtu));
	return talk(fd, &r);
}

static void test_dump_and_get(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(0), n;
	struct link l[8];
	struct req r;

	n = dump_links(fd, l, 8);
	KT_EQ(n, 1);
	KT_STREQ(l[0].name, "lo");
	KT_EQ(l[0].index, 1);
	KT_EQ(l[0].mtu, 65536);

	req_init(&r, RTM_GETLINK, 0);
	addattr(&r, IFLA_IFNAME, "nope", 5);
	KT_EQ(talk(fd, &r), -ENODEV); /* "Cannot find device" */
	req_init(&r, RTM_DELLINK, 0);
	r.i.ifi_index = 1;
	KT_EQ(talk(fd, &r), -EOPNOTSUPP); /* lo has no link ops */
	tn_close(fd);
	assert_clean_and_destroy(st);
}

static int count_notifications(int fd, int type, const char *name,
			       unsigned int *flags)
{
	char buf[8192];
	int got = 0;
	ssize_t len;

	while ((len = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		int l = (int)len;

		for (; nl_ok(h, l); h = nl_next(h, &l)) {
			struct rtattr *a = find_attr(h, IFLA_IFNAME);

			if (h->nlmsg_type == type && a &&
			    !strcmp(RTA_DATA(a), name)) {
				got++;
				if (flags)
					*flags =
						((struct ifinfomsg *)NLMSG_DATA(
							 h))
							->ifi_flags;
			}
		}
	}
	return got;
}

static void test_veth_lifecycle_and_notifications(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(0), mon = nl_open(RTMGRP_LINK), n;
	struct link l[8], *a, *b;
	unsigned int flags = 0;

	KT_EQ(add_veth(fd, "va", "vb", -1), 0);
	KT_ASSERT(count_notifications(mon, RTM_NEWLINK, "va", NULL) >= 1);
	KT_EQ(add_veth(fd, "va", "vc", -1), -EEXIST); /* "File exists" */
	n = dump_links(fd, l, 8);
	KT_EQ(n, 3);
	a = link_by_name(l, n, "va");
	b = link_by_name(l, n, "vb");
	KT_ASSERT(a && b);
	KT_EQ(a->link_netnsid, -1);

	KT_EQ(set_link(fd, "va", IFF_UP, IFF_UP, 0), 0);
	KT_ASSERT(count_notifications(mon, RTM_NEWLINK, "va", &flags) >= 1);
	KT_ASSERT(flags & IFF_UP);
	KT_EQ(set_link(fd, "va", 0, 0, 1400), 0);
	KT_ASSERT(count_notifications(mon, RTM_NEWLINK, "va", NULL) >= 1);
	n = dump_links(fd, l, 8);
	KT_EQ(link_by_name(l, n, "va")->mtu, 1400);
	KT_EQ(set_link(fd, "nosuch", IFF_UP, IFF_UP, 0), -ENODEV);

	{
		struct req r;

		req_init(&r, RTM_DELLINK, 0);
		addattr(&r, IFLA_IFNAME, "vb", 3);
		KT_EQ(talk(fd, &r), 0);
	}
	KT_ASSERT(count_notifications(mon, RTM_DELLINK, "va", NULL) >= 1);
	KT_EQ(dump_links(fd, l, 8), 1);
	tn_close(fd);
	tn_close(mon);
	assert_clean_and_destroy(st);
}

static void test_peer_in_other_netns_and_nsid(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(0), nsfd, n;
	struct link l[8];
	char buf[1024];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct req r; /* its ifinfomsg room holds the rtgenmsg */

	KT_EQ(tn_netns_add("blue"), 0);
	nsfd = tn_open("/run/netns/blue", O_RDONLY);
	KT_ASSERT(nsfd >= 0);
	KT_EQ(add_veth(fd, "v0", "v1", nsfd), 0);
	n = dump_links(fd, l, 8);
	KT_EQ(n, 2);
	KT_ASSERT(link_by_name(l, n, "v0"));
	KT_EQ(link_by_name(l, n, "v0")->link_netnsid, 0);

	/* ip netns list: RTM_GETNSID with NETNSA_FD gives "(id: 0)". */
	memset(&r, 0, sizeof(r));
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtgenmsg));
	r.n.nlmsg_type = RTM_GETNSID;
	r.n.nlmsg_flags = NLM_F_REQUEST;
	addattr(&r, NETNSA_FD, &nsfd, sizeof(nsfd));
	KT_EQ(tn_send(fd, &r, r.n.nlmsg_len, 0), r.n.nlmsg_len);
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	KT_EQ(h->nlmsg_type, RTM_NEWNSID);
	{
		struct rtattr *a = (struct rtattr *)((char *)NLMSG_DATA(h) +
						     NLMSG_ALIGN(1));

		KT_EQ(a->rta_type, NETNSA_NSID);
		KT_EQ(*(int *)RTA_DATA(a), 0);
	}

	/* ip link set v0 netns blue: both ends there now. */
	{
		struct req rq;

		req_init(&rq, RTM_NEWLINK, 0);
		addattr(&rq, IFLA_IFNAME, "v0", 3);
		addattr(&rq, IFLA_NET_NS_FD, &nsfd, sizeof(nsfd));
		KT_EQ(talk(fd, &rq), 0);
	}
	KT_EQ(dump_links(fd, l, 8), 1);
	tn_close(nsfd);
	tn_close(fd);
	KT_EQ(tn_netns_del("blue"), 0);
	assert_clean_and_destroy(st);
}

static char *read_file(const char *path, char *buf, size_t len)
{
	int fd = tn_open(path, O_RDONLY);
	ssize_t n, off = 0;

	KT_ASSERT(fd >= 0);
	while ((n = tn_read(fd, buf + off, len - 1 - (size_t)off)) > 0)
		off += n;
	buf[off] = '\0';
	tn_close(fd);
	return buf;
}

static int has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Fetch one link by name into @buf; returns its message. */
static struct nlmsghdr *get_link(int fd, const char *name, char *buf,
				 size_t size)
{
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct req r;
	ssize_t n;

	req_init(&r, RTM_GETLINK, 0);
	addattr(&r, IFLA_IFNAME, name, (int)strlen(name) + 1);
	KT_EQ(tn_send(fd, &r, r.n.nlmsg_len, 0), r.n.nlmsg_len);
	n = tn_recv(fd, buf, size, MSG_DONTWAIT);
	KT_ASSERT(n > 0);
	KT_EQ(h->nlmsg_type, RTM_NEWLINK);
	return h;
}

/* The top-level attribute types of a link message, in order, as text. */
static void attr_order(struct nlmsghdr *h, char *out, size_t size)
{
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	int len = (int)h->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi));
	struct rtattr *rta = IFLA_RTA(ifi);
	size_t off = 0;

	out[0] = '\0';
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		off += (size_t)snprintf(out + off, size - off, "%s%d",
					off ? " " : "", rta->rta_type);
}

static unsigned int attr_u32(struct nlmsghdr *h, int type)
{
	struct rtattr *a = find_attr(h, type);

	KT_ASSERT(a && RTA_PAYLOAD(a) == 4);
	return *(unsigned int *)RTA_DATA(a);
}

/*
 * RTM_NEWLINK carries Linux 6.18's attributes in Linux's order (taken from
 * the kernel for lo and a veth pair), the IPv4 devconf in IFLA_AF_SPEC,
 * and carrier changes counted as they happen.
 */
static void test_link_attributes(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(0);
	static char buf[8192];
	char order[512];
	struct nlmsghdr *h;
	struct rtattr *a, *b;
	int len;

	/* 32830, 32833: the empty nests IFLA_DEVLINK_PORT, IFLA_DPLL_PIN with
	 * NLA_F_NESTED; IFLA_XDP (43), IFLA_AF_SPEC (26) without it */
	h = get_link(fd, "lo", buf, sizeof(buf));
	attr_order(h, order, sizeof(order));
	KT_STREQ(order,
		 "3 13 16 17 67 4 50 51 27 30 61 31 40 41 58 63 64 59 "
		 "60 66 32 33 35 47 48 68 69 39 1 2 23 7 43 6 26 14 32830 "
		 "32833");
	KT_EQ(*(unsigned char *)RTA_DATA(find_attr(h, 67)), 1); /* immutable */
	KT_EQ(attr_u32(h, IFLA_NUM_TX_QUEUES), 1);
	KT_EQ(attr_u32(h, IFLA_GSO_MAX_SIZE), 65536);
	KT_EQ(attr_u32(h, IFLA_TSO_MAX_SIZE), 524280);
	KT_EQ(RTA_PAYLOAD(find_attr(h, IFLA_STATS64)),
	      sizeof(struct rtnl_link_stats64));
	KT_EQ(RTA_PAYLOAD(find_attr(h, IFLA_STATS)),
	      sizeof(struct rtnl_link_stats));
	/* IFLA_AF_SPEC: AF_INET { IFLA_INET_CONF: the devconf array } */
	a = find_attr(h, IFLA_AF_SPEC);
	KT_ASSERT(a);
	b = RTA_DATA(a);
	KT_EQ(b->rta_type, AF_INET);
	KT_EQ(b->rta_len, RTA_LENGTH(RTA_LENGTH(IPV4_DEVCONF_MAX * 4)));
	b = RTA_DATA(b);
	KT_EQ(b->rta_type, IFLA_INET_CONF);
	/* lo: accept_redirects ... = 1, forwarding 0, mc_forwarding 0 */
	KT_EQ(((unsigned int *)RTA_DATA(b))[IPV4_DEVCONF_FORWARDING - 1], 0);
	KT_EQ(((unsigned int *)RTA_DATA(b))[IPV4_DEVCONF_ACCEPT_REDIRECTS - 1],
	      1);

	KT_EQ(add_veth(fd, "v0", "v1", -1), 0);
	h = get_link(fd, "v0", buf, sizeof(buf));
	attr_order(h, order, sizeof(order));
	KT_STREQ(order, "3 13 16 17 67 4 50 51 27 30 61 31 40 41 58 63 64 59 "
			"60 66 32 33 35 47 48 68 69 39 1 2 23 7 43 18 5 6 26 "
			"14 32830 32833");
	KT_EQ(*(unsigned char *)RTA_DATA(find_attr(h, 67)), 0);
	KT_EQ(attr_u32(h, IFLA_MIN_MTU), 68);
	KT_EQ(attr_u32(h, IFLA_MAX_MTU), 65535);
	/* carrier set off once at creation */
	KT_EQ(attr_u32(h, IFLA_CARRIER_CHANGES), 1);
	KT_EQ(attr_u32(h, IFLA_CARRIER_UP_COUNT), 0);
	KT_EQ(attr_u32(h, IFLA_CARRIER_DOWN_COUNT), 1);

	/* both up: carrier on; the peer down and up: off and on again */
	KT_EQ(set_link(fd, "v0", IFF_UP, IFF_UP, 0), 0);
	KT_EQ(set_link(fd, "v1", IFF_UP, IFF_UP, 0), 0);
	KT_EQ(set_link(fd, "v1", 0, IFF_UP, 0), 0);
	KT_EQ(set_link(fd, "v1", IFF_UP, IFF_UP, 0), 0);
	h = get_link(fd, "v0", buf, sizeof(buf));
	KT_EQ(attr_u32(h, IFLA_CARRIER_CHANGES), 4);
	KT_EQ(attr_u32(h, IFLA_CARRIER_UP_COUNT), 2);
	KT_EQ(attr_u32(h, IFLA_CARRIER_DOWN_COUNT), 2);
	len = (int)attr_u32(h, IFLA_NUM_TX_QUEUES);
	KT_ASSERT(len >= 1 && len <= 4096);
	KT_EQ(attr_u32(h, IFLA_NUM_RX_QUEUES), (unsigned int)len);

	/* renaming a device that is up; to a name in use: EEXIST */
	{
		struct req r;

		req_init(&r, RTM_NEWLINK, 0);
		r.i.ifi_index =
			(int)((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index;
		addattr(&r, IFLA_IFNAME, "w0", 3);
		KT_EQ(talk(fd, &r), 0);
		req_init(&r, RTM_NEWLINK, 0);
		r.i.ifi_index =
			(int)((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index;
		addattr(&r, IFLA_IFNAME, "v1", 3);
		KT_EQ(talk(fd, &r), -EEXIST);
		req_init(&r, RTM_NEWLINK, 0);
		r.i.ifi_index =
			(int)((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index;
		addattr(&r, IFLA_IFNAME, "a:b", 4);
		KT_EQ(talk(fd, &r), -EINVAL);
	}
	h = get_link(fd, "w0", buf, sizeof(buf));
	KT_ASSERT(((struct ifinfomsg *)NLMSG_DATA(h))->ifi_flags & IFF_UP);
	KT_ASSERT(!find_attr(h, IFLA_IFALIAS));

	/* an alias: stored up to its NUL, given back with one; "" removes */
	{
		struct req r;

		req_init(&r, RTM_NEWLINK, 0);
		addattr(&r, IFLA_IFNAME, "w0", 3);
		addattr(&r, IFLA_IFALIAS, "x", 1);
		KT_EQ(talk(fd, &r), 0);
		h = get_link(fd, "w0", buf, sizeof(buf));
		a = find_attr(h, IFLA_IFALIAS);
		KT_ASSERT(a);
		KT_EQ(RTA_PAYLOAD(a), 2);
		KT_STREQ((char *)RTA_DATA(a), "x");
		/* between IFLA_CARRIER and IFLA_CARRIER_CHANGES, as Linux */
		KT_EQ(((struct rtattr *)((char *)a - RTA_ALIGN(RTA_LENGTH(1))))
			      ->rta_type,
		      IFLA_CARRIER);
		req_init(&r, RTM_NEWLINK, 0);
		addattr(&r, IFLA_IFNAME, "w0", 3);
		addattr(&r, IFLA_IFALIAS, "", 0);
		KT_EQ(talk(fd, &r), 0);
		h = get_link(fd, "w0", buf, sizeof(buf));
		KT_ASSERT(!find_attr(h, IFLA_IFALIAS));
	}
	tn_close(fd);
	assert_clean_and_destroy(st);
}

static void test_proc_net_dev_and_snmp(void)
{
	struct tn_stack *st = vstack();
	static char buf[16384];
	char *p;

	read_file("/proc/net/dev", buf, sizeof(buf));
	KT_STREQ(buf, "Inter-|   Receive                            "
		      "                    |  Transmit\n"
		      " face |bytes    packets errs drop fifo frame "
		      "compressed multicast|bytes    packets errs "
		      "drop fifo colls carrier compressed\n"
		      "    lo:       0       0    0    0    0     0"
		      "          0         0        0       0    0"
		      "    0    0     0       0          0\n");

	read_file("/proc/net/snmp", buf, sizeof(buf));
	KT_ASSERT(has_prefix(buf,
			     "Ip: Forwarding DefaultTTL InReceives InHdrErrors "
			     "InAddrErrors ForwDatagrams InUnknownProtos "
			     "InDiscards InDelivers OutRequests OutDiscards "
			     "OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs "
			     "ReasmFails FragOKs FragFails FragCreates "
			     "OutTransmits\nIp: 2 64 "));
	p = strstr(buf, "\nTcp: 1 200 120000 -1 0 0 0 0 0 0 0 0 0 0 0\n");
	KT_ASSERT(p);
	KT_ASSERT(strstr(buf, "\nUdpLite: 0 0 0 0 0 0 0 0 0\n"));
	KT_ASSERT(!strstr(buf, "IcmpMsg"));

	read_file("/proc/net/netstat", buf, sizeof(buf));
	KT_ASSERT(has_prefix(buf, "TcpExt: SyncookiesSent SyncookiesRecv"));
	/* Linux 6.18's list: the new names, last TCPAODroppedIcmps */
	KT_ASSERT(strstr(buf, " PAWSEstab BeyondWindow TSEcrRejected "
			      "PAWSOldAck PAWSTimewait DelayedACKs "));
	KT_ASSERT(strstr(buf, " TCPMigrateReqFailure TCPPLBRehash "));
	KT_ASSERT(strstr(buf, " TCPAODroppedIcmps\nTcpExt: 0 "));
	KT_ASSERT(strstr(buf, "\nIpExt: InNoRoutes InTruncatedPkts"));
	KT_ASSERT(strstr(buf, "\nMPTcpExt: MPCapableSYNRX"));
	KT_ASSERT(strstr(buf, " FallbackFailed WinProbe\nMPTcpExt: 0 "));
	assert_clean_and_destroy(st);
}

/*
 * IFLA_AF_SPEC in a request, as Linux 6.18 answers it (checked with the
 * same messages on the kernel): AF_INET's IFLA_INET_CONF sets the devconf
 * (index IPV4_DEVCONF_* as the attribute type); a bad index or a short
 * value is EINVAL and changes nothing; a family that takes no part is
 * EAFNOSUPPORT.
 */
static int set_af_spec(int fd, int family, int conf_type, const void *val,
		       int len)
{
	struct rtattr *spec, *af, *conf;
	struct req r;

	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	spec = addattr(&r, IFLA_AF_SPEC, NULL, 0);
	af = addattr(&r, family, NULL, 0);
	if (conf_type >= 0) {
		conf = addattr(&r, IFLA_INET_CONF, NULL, 0);
		addattr(&r, conf_type, val, len);
		nest_end(&r, conf);
	}
	nest_end(&r, af);
	nest_end(&r, spec);
	return talk(fd, &r);
}

static void read_forwarding(char *buf)
{
	int fd = tn_open("/proc/sys/net/ipv4/conf/lo/forwarding", O_RDONLY);
	ssize_t n;

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, 7);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	tn_close(fd);
}

/* ip link set DEV promisc/allmulticast/arp ..., group N ..., txqueuelen */
static void test_flags_group_txqlen(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(0), mtu = 1400;
	unsigned int group = 5;
	static char buf[8192];
	struct nlmsghdr *h;
	struct req r;

	KT_EQ(add_veth(fd, "v0", "v1", -1), 0);
	/* promisc counts the user once however often it is asked for */
	KT_EQ(set_link(fd, "v0", IFF_PROMISC, IFF_PROMISC, 0), 0);
	KT_EQ(set_link(fd, "v0", IFF_PROMISC, IFF_PROMISC, 0), 0);
	h = get_link(fd, "v0", buf, sizeof(buf));
	KT_ASSERT(((struct ifinfomsg *)NLMSG_DATA(h))->ifi_flags & IFF_PROMISC);
	KT_EQ(attr_u32(h, IFLA_PROMISCUITY), 1);
	KT_EQ(set_link(fd, "v0", IFF_ALLMULTI | IFF_NOARP,
		       IFF_PROMISC | IFF_ALLMULTI | IFF_NOARP, 0),
	      0);
	h = get_link(fd, "v0", buf, sizeof(buf));
	KT_EQ(((struct ifinfomsg *)NLMSG_DATA(h))->ifi_flags &
		      (IFF_PROMISC | IFF_ALLMULTI | IFF_NOARP),
	      IFF_ALLMULTI | IFF_NOARP);
	KT_EQ(attr_u32(h, IFLA_PROMISCUITY), 0);
	KT_EQ(attr_u32(h, IFLA_ALLMULTI), 1);

	/* a group as the selector: every member changes, none is no error */
	req_init(&r, RTM_NEWLINK, 0);
	addattr(&r, IFLA_IFNAME, "v0", 3);
	addattr(&r, IFLA_GROUP, &group, sizeof(group));
	KT_EQ(talk(fd, &r), 0);
	req_init(&r, RTM_NEWLINK, 0);
	addattr(&r, IFLA_IFNAME, "v1", 3);
	addattr(&r, IFLA_GROUP, &group, sizeof(group));
	KT_EQ(talk(fd, &r), 0);
	req_init(&r, RTM_NEWLINK, 0);
	addattr(&r, IFLA_GROUP, &group, sizeof(group));
	addattr(&r, IFLA_MTU, &mtu, sizeof(mtu));
	KT_EQ(talk(fd, &r), 0);
	KT_EQ(attr_u32(get_link(fd, "v0", buf, sizeof(buf)), IFLA_MTU), 1400);
	KT_EQ(attr_u32(get_link(fd, "v1", buf, sizeof(buf)), IFLA_MTU), 1400);
	KT_EQ(attr_u32(get_link(fd, "lo", buf, sizeof(buf)), IFLA_MTU), 65536);
	group = 7;
	req_init(&r, RTM_NEWLINK, 0);
	addattr(&r, IFLA_GROUP, &group, sizeof(group));
	addattr(&r, IFLA_MTU, &mtu, sizeof(mtu));
	KT_EQ(talk(fd, &r), 0);
	/* a bad change stops at the first member, with its error */
	group = 5;
	mtu = 20;
	req_init(&r, RTM_NEWLINK, 0);
	addattr(&r, IFLA_GROUP, &group, sizeof(group));
	addattr(&r, IFLA_MTU, &mtu, sizeof(mtu));
	KT_EQ(talk(fd, &r), -EINVAL);

	/* txqueuelen: the device's queue length (pfifo_fast's limit) */
	req_init(&r, RTM_NEWLINK, 0);
	addattr(&r, IFLA_IFNAME, "v0", 3);
	group = 3;
	addattr(&r, IFLA_TXQLEN, &group, sizeof(group));
	KT_EQ(talk(fd, &r), 0);
	KT_EQ(attr_u32(get_link(fd, "v0", buf, sizeof(buf)), IFLA_TXQLEN), 3);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

static void test_af_spec_request(void)
{
	struct tn_stack *st = vstack();
	unsigned int one = 1;
	char buf[8];
	int fd = nl_open(0);

	KT_EQ(set_af_spec(fd, AF_INET, 0, &one, 4), -EINVAL);
	KT_EQ(set_af_spec(fd, AF_INET, 99, &one, 4), -EINVAL);
	KT_EQ(set_af_spec(fd, AF_INET, 1, &one, 2), -EINVAL);
	read_forwarding(buf);
	KT_STREQ(buf, "0\n");
	KT_EQ(set_af_spec(fd, AF_INET, 1 /* FORWARDING */, &one, 4), 0);
	read_forwarding(buf);
	KT_STREQ(buf, "1\n");
	KT_EQ(set_af_spec(fd, 99, -1, NULL, 0), -EAFNOSUPPORT);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

KTEST_MAIN(KT(test_af_spec_request), KT(test_dump_and_get),
	   KT(test_flags_group_txqlen),
	   KT(test_veth_lifecycle_and_notifications),
	   KT(test_peer_in_other_netns_and_nsid),
	   KT(test_proc_net_dev_and_snmp), KT(test_link_attributes))
