// SPDX-License-Identifier: BSD-2-Clause
/*
 * PF_NETLINK sockets: bind and autobind, options, acks and extended acks,
 * MSG_PEEK|MSG_TRUNC sizing, receive-buffer overruns, and malformed
 * requests (which must be answered or ignored as Linux does, never crash).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <net/if.h>
#include <linux/rtnetlink.h>

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

static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = tn_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

static unsigned int nl_portid(int fd)
{
	struct sockaddr_nl sa;
	socklen_t len = sizeof(sa);

	KT_EQ(tn_getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	KT_EQ(len, sizeof(sa));
	KT_EQ(sa.nl_family, AF_NETLINK);
	return sa.nl_pid;
}

/* A request: header, ifinfomsg, and optional raw attribute bytes. */
struct req {
	struct nlmsghdr n;
	struct ifinfomsg i;
	char attrs[256];
};

static void req_init(struct req *r, int type, int flags)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	r->n.nlmsg_type = (unsigned short)type;
	r->n.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | flags);
	r->n.nlmsg_seq = 42;
	r->i.ifi_family = AF_UNSPEC;
}

static void req_attr(struct req *r, int type, const void *data, int len)
{
	struct rtattr *rta =
		(struct rtattr *)((char *)&r->n + NLMSG_ALIGN(r->n.nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, (size_t)len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

static ssize_t nl_send(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	return tn_sendto(fd, buf, len, 0, (struct sockaddr *)&kernel,
			 sizeof(kernel));
}

/* Receive one datagram without blocking; returns its length or -errno. */
static ssize_t nl_recv(int fd, void *buf, size_t len)
{
	ssize_t n = tn_recv(fd, buf, len, MSG_DONTWAIT);

	return n < 0 ? -errno : n;
}

static void test_socket_errors_as_linux(void)
{
	struct tn_stack *st = vstack();

	KT_EQ(tn_socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE), -1);
	KT_EQ(errno, ESOCKTNOSUPPORT);
	KT_EQ(tn_socket(AF_NETLINK, SOCK_RAW, 99), -1);
	KT_EQ(errno, EPROTONOSUPPORT);
	KT_EQ(tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER), -1);
	KT_EQ(errno, EPROTONOSUPPORT);
	assert_clean_and_destroy(st);
}

static void test_bind_autobind_getsockname(void)
{
	struct tn_stack *st = vstack();
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(sa);
	unsigned int a, b;
	int fd1, fd2, fd3, fd4;

	fd1 = tn_socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	KT_ASSERT(fd1 >= 0);
	KT_EQ(nl_portid(fd1), 0); /* not bound yet */
	KT_EQ(tn_bind(fd1, (struct sockaddr *)&sa, sizeof(sa)), 0);
	a = nl_portid(fd1);
	KT_ASSERT(a != 0);
	fd2 = nl_open();
	b = nl_portid(fd2);
	KT_ASSERT(b != 0 && b != a);

	/* An explicit port that is taken. */
	fd3 = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	sa.nl_pid = a;
	KT_EQ(tn_bind(fd3, (struct sockaddr *)&sa, sizeof(sa)), -1);
	KT_EQ(errno, EADDRINUSE);
	sa.nl_pid = 12345;
	KT_EQ(tn_bind(fd3, (struct sockaddr *)&sa, sizeof(sa)), 0);
	KT_EQ(nl_portid(fd3), 12345);
	/* Rebinding to another port: EINVAL; short address: EINVAL. */
	sa.nl_pid = 777;
	KT_EQ(tn_bind(fd3, (struct sockaddr *)&sa, sizeof(sa)), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_bind(fd3, (struct sockaddr *)&sa, 4), -1);
	KT_EQ(errno, EINVAL);
	sa.nl_family = AF_INET;
	sa.nl_pid = 0;
	fd4 = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_EQ(tn_bind(fd4, (struct sockaddr *)&sa, sizeof(sa)), -1);
	KT_EQ(errno, EINVAL);

	/* Sending autobinds. */
	{
		struct req r;

		req_init(&r, RTM_GETLINK, NLM_F_ACK);
		r.n.nlmsg_len = NLMSG_LENGTH(0);
		KT_EQ(nl_portid(fd4), 0);
		KT_EQ(nl_send(fd4, &r, r.n.nlmsg_len), r.n.nlmsg_len);
		KT_ASSERT(nl_portid(fd4) != 0);
	}

	/* Groups given at bind show in getsockname. */
	sa.nl_family = AF_NETLINK;
	sa.nl_pid = 0;
	sa.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR;
	KT_EQ(tn_bind(fd1, (struct sockaddr *)&sa, sizeof(sa)), -1); /* pid */
	sa.nl_pid = a;
	KT_EQ(tn_bind(fd1, (struct sockaddr *)&sa, sizeof(sa)), 0);
	len = sizeof(sa);
	memset(&sa, 0, sizeof(sa));
	KT_EQ(tn_getsockname(fd1, (struct sockaddr *)&sa, &len), 0);
	KT_EQ(sa.nl_groups, RTMGRP_LINK | RTMGRP_IPV4_IFADDR);

	tn_close(fd1);
	tn_close(fd2);
	tn_close(fd3);
	tn_close(fd4);
	assert_clean_and_destroy(st);
}

static void test_sockopts(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(), one = 1, zero = 0, v = -1;
	socklen_t len = sizeof(v);
	unsigned int groups[2] = { 0, 0 };

	KT_EQ(tn_getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &v, &len), 0);
	KT_EQ(v, 0);
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			    sizeof(one)),
	      0);
	KT_EQ(tn_getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &v, &len), 0);
	KT_EQ(v, 1);
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
			    sizeof(one)),
	      0);
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
			    sizeof(one)),
	      0);
	KT_EQ(tn_getsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &v, &len),
	      0);
	KT_EQ(v, 1);
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &zero,
			    sizeof(zero)),
	      -1);
	KT_EQ(errno, EINVAL);
	v = RTNLGRP_LINK;
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v,
			    sizeof(v)),
	      0);
	v = RTNLGRP_IPV4_ROUTE;
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v,
			    sizeof(v)),
	      0);
	len = sizeof(groups);
	KT_EQ(tn_getsockopt(fd, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups,
			    &len),
	      0);
	KT_EQ(groups[0],
	      (1U << (RTNLGRP_LINK - 1)) | (1U << (RTNLGRP_IPV4_ROUTE - 1)));
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, &v,
			    sizeof(v)),
	      0);
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, 999, &one, sizeof(one)), -1);
	KT_EQ(errno, ENOPROTOOPT);
	/* SOL_SOCKET is the core's. */
	v = 4096;
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	len = sizeof(v);
	KT_EQ(tn_getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &len), 0);
	KT_EQ(v, 8192);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

/* SO_NETNS_COOKIE: equal for sockets of one namespace, u64 only. */
static void test_netns_cookie(void)
{
	struct tn_stack *st = vstack();
	uint64_t c1 = 0, c2 = 0, c3 = 0;
	socklen_t len = sizeof(c1);
	int a = nl_open(), b = nl_open(), c, v;

	KT_EQ(tn_getsockopt(a, SOL_SOCKET, SO_NETNS_COOKIE, &c1, &len), 0);
	KT_EQ(len, sizeof(c1));
	KT_ASSERT(c1 != 0);
	KT_EQ(tn_getsockopt(b, SOL_SOCKET, SO_NETNS_COOKIE, &c2, &len), 0);
	KT_EQ(c1, c2);
	len = sizeof(v);
	KT_EQ(tn_getsockopt(a, SOL_SOCKET, SO_NETNS_COOKIE, &v, &len), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_netns_add("x"), 0);
	KT_EQ(tn_netns_set("x"), 0);
	c = nl_open();
	len = sizeof(c3);
	KT_EQ(tn_getsockopt(c, SOL_SOCKET, SO_NETNS_COOKIE, &c3, &len), 0);
	KT_ASSERT(c3 != c1);
	tn_close(a);
	tn_close(b);
	tn_close(c);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("x"), 0);
	assert_clean_and_destroy(st);
}

/* Unknown type: -EOPNOTSUPP, with the request echoed after nlmsgerr. */
static void test_error_ack_carries_request(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open();
	struct sockaddr_nl from;
	socklen_t flen = sizeof(from);
	char buf[1024];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlmsgerr *e;
	struct req r;
	ssize_t n;

	req_init(&r, RTM_MAX + 1, 0);
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	n = tn_recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
			(struct sockaddr *)&from, &flen);
	KT_EQ(n, NLMSG_LENGTH(sizeof(*e)) + sizeof(struct ifinfomsg));
	KT_EQ(flen, sizeof(from));
	KT_EQ(from.nl_pid, 0); /* from the kernel */
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	KT_EQ(h->nlmsg_seq, 42);
	KT_EQ(h->nlmsg_pid, nl_portid(fd));
	KT_EQ(h->nlmsg_flags, 0);
	e = NLMSG_DATA(h);
	KT_EQ(e->error, -EOPNOTSUPP);
	KT_EQ(e->msg.nlmsg_type, RTM_MAX + 1);
	KT_EQ(e->msg.nlmsg_len, r.n.nlmsg_len);

	/* An ACK for a success is capped. */
	req_init(&r, RTM_GETLINK, NLM_F_ACK);
	r.n.nlmsg_len = NLMSG_LENGTH(0); /* no family byte: ignored, acked */
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	n = nl_recv(fd, buf, sizeof(buf));
	KT_EQ(n, NLMSG_LENGTH(sizeof(*e)));
	KT_EQ(h->nlmsg_flags, NLM_F_CAPPED);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, 0);
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -EAGAIN);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

/* Find NLMSGERR_ATTR_MSG among the TLVs after an nlmsgerr. */
static const char *ack_msg(struct nlmsghdr *h)
{
	struct nlmsgerr *e = NLMSG_DATA(h);
	size_t off = sizeof(*e);
	struct rtattr *rta;
	int len;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += (size_t)e->msg.nlmsg_len - NLMSG_HDRLEN;
	rta = (struct rtattr *)((char *)e + NLMSG_ALIGN(off));
	len = (int)h->nlmsg_len - (int)((char *)rta - (char *)h);
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == NLMSGERR_ATTR_MSG)
			return RTA_DATA(rta);
	return NULL;
}

/* The TLV of @type after an nlmsgerr (NLMSGERR_ATTR_*), or NULL. */
static struct rtattr *ack_tlv(struct nlmsghdr *h, int type)
{
	struct nlmsgerr *e = NLMSG_DATA(h);
	size_t off = sizeof(*e);
	struct rtattr *rta;
	int len;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += (size_t)e->msg.nlmsg_len - NLMSG_HDRLEN;
	rta = (struct rtattr *)((char *)e + NLMSG_ALIGN(off));
	len = (int)h->nlmsg_len - (int)((char *)rta - (char *)h);
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if ((rta->rta_type & NLA_TYPE_MASK) == type)
			return rta;
	return NULL;
}

/* Send @r with NLM_F_ACK and return the ack's error; the ack is in @buf. */
static int ack_of(int fd, struct req *r, char *buf, size_t size)
{
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	ssize_t n;

	r->n.nlmsg_flags |= NLM_F_ACK;
	KT_EQ(nl_send(fd, r, r->n.nlmsg_len), r->n.nlmsg_len);
	n = nl_recv(fd, buf, size);
	KT_ASSERT(n > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
}

/*
 * A policy violation is acked as Linux 6.18 acks it: -ERANGE, "Attribute
 * failed policy validation", the attribute's offset and the policy entry
 * as a nest (NLA_F_NESTED) of limits then type; types with no limits to
 * tell (a plain length, NLA_REJECT) get no policy.  Other texts: moving
 * lo, the address checks of devinet.c.  All as seen on the kernel.
 */
static void test_extack_policy_and_texts(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(), one = 1, nsfd;
	static char buf[2048];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct rtattr *pol, *a;
	unsigned short u16 = 1;
	unsigned int u32;
	char label[32];
	struct req r;
	char order[128];
	size_t off = 0;
	int len;

	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			    sizeof(one)),
	      0);
	/* IFLA_MTU (NLA_U32) two bytes long */
	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	req_attr(&r, IFLA_MTU, &u16, 2);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -ERANGE);
	KT_STREQ(ack_msg(h), "Attribute failed policy validation");
	a = ack_tlv(h, NLMSGERR_ATTR_OFFS);
	KT_ASSERT(a);
	KT_EQ(*(unsigned int *)RTA_DATA(a), 32); /* header + ifinfomsg */
	pol = ack_tlv(h, NLMSGERR_ATTR_POLICY);
	KT_ASSERT(pol);
	KT_ASSERT(pol->rta_type & NLA_F_NESTED);
	len = (int)RTA_PAYLOAD(pol);
	for (a = RTA_DATA(pol); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		unsigned long long v = 0;
		unsigned int v32 = 0;

		/* u64 values may sit at 4-byte alignment: copy them out */
		if (RTA_PAYLOAD(a) == 8) {
			memcpy(&v, RTA_DATA(a), sizeof(v));
		} else {
			memcpy(&v32, RTA_DATA(a), sizeof(v32));
			v = v32;
		}

		off += (size_t)snprintf(order + off, sizeof(order) - off,
					"%d:%llu ", a->rta_type, v);
	}
	KT_STREQ(order,
		 "4:0 5:4294967295 1:4 "); /* min, max, NL_ATTR_TYPE_U32 */

	/* IFLA_IFNAME too long: a string's max length */
	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	memset(label, 'a', sizeof(label));
	label[20] = '\0';
	req_attr(&r, IFLA_IFNAME, label, 21);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -ERANGE);
	pol = ack_tlv(h, NLMSGERR_ATTR_POLICY);
	KT_ASSERT(pol);
	a = RTA_DATA(pol);
	KT_EQ(a->rta_type, NL_POLICY_TYPE_ATTR_MAX_LENGTH);
	KT_EQ(*(unsigned int *)RTA_DATA(a), IFNAMSIZ - 1);

	/* IFLA_MAP short: a plain length, no policy to tell */
	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	req_attr(&r, IFLA_MAP, label, 8);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -ERANGE);
	KT_ASSERT(ack_tlv(h, NLMSGERR_ATTR_OFFS));
	KT_ASSERT(!ack_tlv(h, NLMSGERR_ATTR_POLICY));

	/* a read-only attribute: NLA_REJECT */
	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	u32 = 1;
	req_attr(&r, IFLA_ALLMULTI, &u32, 4);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(ack_msg(h), "Attribute failed policy validation");
	KT_ASSERT(!ack_tlv(h, NLMSGERR_ATTR_POLICY));
	/* counters Linux ignores when set */
	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	req_attr(&r, IFLA_CARRIER_CHANGES, &u32, 4);
	req_attr(&r, IFLA_MIN_MTU, &u32, 4);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), 0);
	/* protodown: no device supports it */
	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	req_attr(&r, IFLA_PROTO_DOWN, &one, 1);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -EOPNOTSUPP);
	KT_STREQ(ack_msg(h), "Protodown not supported by device");

	/* lo may not move, not even to its own namespace */
	nsfd = tn_open("/proc/self/ns/net", O_RDONLY);
	KT_ASSERT(nsfd >= 0);
	req_init(&r, RTM_NEWLINK, 0);
	r.i.ifi_index = 1;
	req_attr(&r, IFLA_NET_NS_FD, &nsfd, 4);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(ack_msg(h), "The interface netns is immutable");
	tn_close(nsfd);

	/* devinet.c: the address checks */
	{
		/* an ifaddrmsg request in a struct req, which req_attr fills */
		static union {
			struct req r;
			char bytes[1024];
		} u;
		struct req *rq = &u.r;
		struct ifaddrmsg *ifa = NLMSG_DATA(&u.r.n);
		unsigned int local = htonl(0x0a000001);
		struct ifa_cacheinfo ci = { 0 };

		memset(&u, 0, sizeof(u));
		rq->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
		rq->n.nlmsg_type = RTM_NEWADDR;
		rq->n.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE;
		ifa->ifa_family = AF_INET;
		ifa->ifa_prefixlen = 33;
		ifa->ifa_index = 1;
		KT_EQ(ack_of(fd, rq, buf, sizeof(buf)), -EINVAL);
		KT_STREQ(ack_msg(h), "ipv4: Invalid prefix length");
		ifa->ifa_prefixlen = 24;
		KT_EQ(ack_of(fd, rq, buf, sizeof(buf)), -EINVAL);
		KT_STREQ(ack_msg(h), "ipv4: Local address is not supplied");
		req_attr(rq, IFA_LOCAL, &local, 4);
		ifa->ifa_index = 99;
		KT_EQ(ack_of(fd, rq, buf, sizeof(buf)), -ENODEV);
		KT_STREQ(ack_msg(h), "ipv4: Device not found");
		ifa->ifa_index = 1;
		{ /* by hand: gcc mistakes req_attr's target for the header */
			struct rtattr *rta =
				(struct rtattr
					 *)(void *)(u.bytes +
						    NLMSG_ALIGN(
							    rq->n.nlmsg_len));

			rta->rta_type = IFA_CACHEINFO;
			rta->rta_len = RTA_LENGTH(sizeof(ci));
			memcpy(RTA_DATA(rta), &ci, sizeof(ci));
			rq->n.nlmsg_len = NLMSG_ALIGN(rq->n.nlmsg_len) +
					  RTA_LENGTH(sizeof(ci));
		}
		KT_EQ(ack_of(fd, rq, buf, sizeof(buf)), -EINVAL);
		KT_STREQ(ack_msg(h), "ipv4: address lifetime invalid");
		rq->n.nlmsg_len -= RTA_LENGTH(sizeof(ci));
		KT_EQ(ack_of(fd, rq, buf, sizeof(buf)), 0);
		KT_EQ(ack_of(fd, rq, buf, sizeof(buf)), -EEXIST);
		KT_STREQ(ack_msg(h), "ipv4: Address already assigned");
		rq->n.nlmsg_type = RTM_DELADDR;
		ifa->ifa_index = 99;
		KT_EQ(ack_of(fd, rq, buf, sizeof(buf)), -ENODEV);
		KT_STREQ(ack_msg(h), "ipv4: Device not found");
	}
	tn_close(fd);
	assert_clean_and_destroy(st);
}

/* Send a dump request; return NLMSG_DONE's error, DONE copied to @buf. */
static int done_of(int fd, struct req *r, char *buf, size_t size)
{
	static char rbuf[16384];
	int i;

	KT_EQ(nl_send(fd, r, r->n.nlmsg_len), r->n.nlmsg_len);
	for (i = 0; i < 64; i++) {
		ssize_t n = nl_recv(fd, rbuf, sizeof(rbuf));
		struct nlmsghdr *h = (struct nlmsghdr *)rbuf;
		int len = (int)n;

		KT_ASSERT(n > 0);
		for (; NLMSG_OK(h, (unsigned int)len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type != NLMSG_DONE)
				continue;
			KT_ASSERT(h->nlmsg_len <= size);
			memcpy(buf, h, h->nlmsg_len);
			return *(int *)NLMSG_DATA(h);
		}
	}
	KT_ASSERT(!"no NLMSG_DONE");
	return 0;
}

/* The TLV of @type after NLMSG_DONE's error code, or NULL. */
static struct rtattr *done_tlv(struct nlmsghdr *h, int type)
{
	struct rtattr *rta = (struct rtattr *)((char *)NLMSG_DATA(h) + 4);
	int len = (int)h->nlmsg_len - NLMSG_LENGTH(4);

	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == type)
			return rta;
	return NULL;
}

/* NLMSG_DONE's error text, or "" */
static const char *done_msg(struct nlmsghdr *h)
{
	struct rtattr *a = done_tlv(h, NLMSGERR_ATTR_MSG);
	static char text[256];

	text[0] = '\0';
	if (a)
		snprintf(text, sizeof(text), "%.*s", (int)RTA_PAYLOAD(a),
			 (char *)RTA_DATA(a));
	return text;
}

/*
 * With NETLINK_GET_STRICT_CHK (as iproute2 sets it) requests are checked
 * as Linux 6.18 checks them; texts and errors as seen on the kernel.
 */
static void test_strict_requests(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(), one = 1, v;
	static char buf[2048];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct ndmsg *nd;
	struct rtattr *a;
	struct req r;

	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			    sizeof(one)),
	      0);
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
			    sizeof(one)),
	      0);
	/* link dumps: no index filter, a clean header, few attributes */
	req_init(&r, RTM_GETLINK, NLM_F_DUMP);
	r.i.ifi_index = 1;
	KT_EQ(done_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_ASSERT(h->nlmsg_flags & NLM_F_ACK_TLVS);
	KT_STREQ(done_msg(h),
		 "Filter by device index not supported for link dumps");
	req_init(&r, RTM_GETLINK, NLM_F_DUMP);
	r.i.ifi_flags = 1;
	KT_EQ(done_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(done_msg(h), "Invalid values in header for link dump request");
	req_init(&r, RTM_GETLINK, NLM_F_DUMP);
	v = 1500;
	req_attr(&r, IFLA_MTU, &v, 4);
	KT_EQ(done_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(done_msg(h), "Unsupported attribute in link dump request");
	req_init(&r, RTM_GETLINK, NLM_F_DUMP);
	KT_EQ(done_of(fd, &r, buf, sizeof(buf)), 0);
	/* a get with an attribute a get does not take */
	req_init(&r, RTM_GETLINK, NLM_F_ACK);
	req_attr(&r, IFLA_IFNAME, "lo", 3);
	req_attr(&r, IFLA_MTU, &v, 4);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(ack_msg(h), "Unsupported attribute in get link request");

	/* neighbour get and dump */
	req_init(&r, RTM_GETNEIGH, 0);
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	nd = NLMSG_DATA(&r.n);
	nd->ndm_family = AF_INET;
	nd->ndm_ifindex = 1;
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	a = ack_tlv(h, NLMSGERR_ATTR_MISS_TYPE); /* NDA_DST is missing */
	KT_ASSERT(a);
	KT_EQ(*(unsigned int *)RTA_DATA(a), NDA_DST);
	KT_ASSERT(!ack_msg(h));
	v = htonl(0x0a000001);
	req_attr(&r, NDA_DST, &v, 4);
	nd->ndm_ifindex = 99;
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -ENODEV);
	KT_STREQ(ack_msg(h), "Unknown device ifindex");
	req_init(&r, RTM_GETNEIGH, NLM_F_DUMP);
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	nd->ndm_family = AF_INET;
	nd->ndm_ifindex = 0;
	nd->ndm_state = NUD_REACHABLE;
	KT_EQ(done_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(done_msg(h),
		 "Invalid values in header for neighbor dump request");

	/* NDA_FLAGS_EXT is past NDA_NH_ID, where neighbour attributes are
	 * checked strictly: exact length, and its policy is a mask */
	req_init(&r, RTM_NEWNEIGH, NLM_F_CREATE);
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	nd->ndm_family = AF_INET;
	nd->ndm_ifindex = 1;
	nd->ndm_state = NUD_PERMANENT;
	v = htonl(0x0a000001);
	req_attr(&r, NDA_DST, &v, 4);
	{
		unsigned short two = 1;
		struct rtattr *p;

		req_attr(&r, NDA_FLAGS_EXT, &two, 2);
		KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -EINVAL);
		KT_STREQ(ack_msg(h), "invalid attribute length");
		KT_EQ(*(unsigned int *)RTA_DATA(ack_tlv(h, NLMSGERR_ATTR_OFFS)),
		      36);
		p = ack_tlv(h, NLMSGERR_ATTR_POLICY);
		KT_ASSERT(p);
		a = RTA_DATA(p);
		KT_EQ(a->rta_type, NL_POLICY_TYPE_ATTR_MASK);
		KT_EQ(*(unsigned int *)RTA_DATA(a), 5);
	}
	r.n.nlmsg_len -= RTA_ALIGN(RTA_LENGTH(2));
	v = 1; /* NTF_EXT_MANAGED */
	req_attr(&r, NDA_FLAGS_EXT, &v, 4);
	KT_EQ(ack_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(ack_msg(h), "Invalid NTF_* flag for permanent entry");

	/* nsid dumps: NETNSA_NSID is not a filter; the offset is given */
	req_init(&r, RTM_GETNSID, NLM_F_DUMP);
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtgenmsg));
	v = 1;
	req_attr(&r, NETNSA_NSID, &v, 4);
	KT_EQ(done_of(fd, &r, buf, sizeof(buf)), -EINVAL);
	KT_STREQ(done_msg(h), "Unsupported attribute in dump request");
	KT_EQ(*(unsigned int *)RTA_DATA(done_tlv(h, NLMSGERR_ATTR_OFFS)), 20);
	req_init(&r, RTM_GETNSID, NLM_F_DUMP);
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtgenmsg));
	KT_EQ(done_of(fd, &r, buf, sizeof(buf)), 0);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

static void test_extack_unknown_kind(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(), one = 1;
	char buf[1024];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct {
		struct rtattr kind_hdr;
		char kind[12];
	} li;
	struct req r;
	char linkinfo[64];
	struct rtattr *nest = (struct rtattr *)linkinfo;
	ssize_t n;

	/* IFLA_LINKINFO { IFLA_INFO_KIND "nosuchkind" } */
	memset(&li, 0, sizeof(li));
	li.kind_hdr.rta_type = IFLA_INFO_KIND;
	li.kind_hdr.rta_len = RTA_LENGTH(sizeof("nosuchkind"));
	memcpy(li.kind, "nosuchkind", sizeof("nosuchkind"));
	memset(linkinfo, 0, sizeof(linkinfo));
	memcpy(RTA_DATA(nest), &li, RTA_ALIGN(li.kind_hdr.rta_len));
	req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
	req_attr(&r, IFLA_IFNAME, "x0", 3);
	req_attr(&r, IFLA_LINKINFO, RTA_DATA(nest),
		 RTA_ALIGN(li.kind_hdr.rta_len));

	/* Without NETLINK_EXT_ACK: the bare error ("RTNETLINK answers"). */
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	n = nl_recv(fd, buf, sizeof(buf));
	KT_ASSERT(n > 0);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, -EOPNOTSUPP);
	KT_ASSERT(!(h->nlmsg_flags & NLM_F_ACK_TLVS));

	/* With it: "Error: Unknown device type." */
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			    sizeof(one)),
	      0);
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	n = nl_recv(fd, buf, sizeof(buf));
	KT_ASSERT(n > 0);
	KT_EQ(n, h->nlmsg_len);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, -EOPNOTSUPP);
	KT_ASSERT(ack_msg(h));
	KT_STREQ(ack_msg(h), "Unknown device type");

	/* NETLINK_CAP_ACK leaves the request out but keeps the text. */
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
			    sizeof(one)),
	      0);
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	n = nl_recv(fd, buf, sizeof(buf));
	KT_ASSERT(h->nlmsg_flags & NLM_F_CAPPED);
	KT_ASSERT(n < (ssize_t)(NLMSG_LENGTH(sizeof(struct nlmsgerr)) +
				r.n.nlmsg_len - NLMSG_HDRLEN));
	KT_STREQ(ack_msg(h), "Unknown device type");
	tn_close(fd);
	assert_clean_and_destroy(st);
}

static void test_peek_trunc_sizes_the_message(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open();
	char buf[64];
	struct req r;
	ssize_t n, full;
	char *big;

	req_init(&r, RTM_MAX + 1, 0); /* answered with an error + request */
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	n = tn_recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
	full = NLMSG_LENGTH(sizeof(struct nlmsgerr)) + sizeof(struct ifinfomsg);
	KT_EQ(n, full);
	/* A short buffer without MSG_TRUNC: the copied size, MSG_TRUNC set. */
	{
		struct iovec iov = { .iov_base = buf, .iov_len = 20 };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

		n = tn_recvmsg(fd, &msg, MSG_PEEK | MSG_DONTWAIT);
		KT_EQ(n, 20);
		KT_ASSERT(msg.msg_flags & MSG_TRUNC);
	}
	big = malloc((size_t)full);
	KT_EQ(tn_recv(fd, big, (size_t)full, MSG_DONTWAIT), full);
	free(big);
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -EAGAIN);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

static void test_malformed_requests(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(), one = 1;
	char buf[2048];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct req r;
	unsigned short mtu16 = 1400;

	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			    sizeof(one)),
	      0);
	/* nlmsg_len below a header, or past the buffer: silently dropped. */
	req_init(&r, RTM_GETLINK, NLM_F_ACK);
	r.n.nlmsg_len = 8;
	KT_EQ(nl_send(fd, &r, sizeof(r.n) + sizeof(r.i)),
	      sizeof(r.n) + sizeof(r.i));
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -EAGAIN);
	req_init(&r, RTM_GETLINK, NLM_F_ACK);
	r.n.nlmsg_len = 4000;
	KT_EQ(nl_send(fd, &r, sizeof(r.n) + sizeof(r.i)),
	      sizeof(r.n) + sizeof(r.i));
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -EAGAIN);
	/* Fewer bytes than a header at all. */
	KT_EQ(nl_send(fd, &r, 7), 7);
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -EAGAIN);

	/* A SETLINK too short for its ifinfomsg: -EINVAL. */
	req_init(&r, RTM_SETLINK, NLM_F_ACK);
	r.n.nlmsg_len = NLMSG_LENGTH(4);
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_ASSERT(nl_recv(fd, buf, sizeof(buf)) > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, -EINVAL);

	/* IFLA_MTU of two bytes fails the policy: -ERANGE with its text. */
	req_init(&r, RTM_SETLINK, NLM_F_ACK);
	r.i.ifi_index = 1;
	req_attr(&r, IFLA_MTU, &mtu16, sizeof(mtu16));
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_ASSERT(nl_recv(fd, buf, sizeof(buf)) > 0);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, -ERANGE);
	KT_STREQ(ack_msg(h), "Attribute failed policy validation");

	/* An attribute claiming more bytes than remain ends the stream. */
	req_init(&r, RTM_GETLINK, NLM_F_ACK);
	r.i.ifi_index = 424242;
	req_attr(&r, IFLA_IFNAME, "lo", 3);
	((struct rtattr *)r.attrs)->rta_len = 200;
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_ASSERT(nl_recv(fd, buf, sizeof(buf)) > 0);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, -ENODEV);

	/* GET by neither index nor name: -EINVAL. */
	req_init(&r, RTM_GETLINK, 0);
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_ASSERT(nl_recv(fd, buf, sizeof(buf)) > 0);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, -EINVAL);

	/* Not a request (no NLM_F_REQUEST): only acked if asked. */
	req_init(&r, RTM_GETLINK, NLM_F_ACK);
	r.n.nlmsg_flags = NLM_F_ACK;
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_ASSERT(nl_recv(fd, buf, sizeof(buf)) > 0);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, 0);
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -EAGAIN);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

/* Random bytes, and random messages of each link type: no crash, no leak. */
static void test_fuzz_requests(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(), one = 1, i, j;
	static const unsigned short types[] = {
		RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_SETLINK,
		RTM_NEWNSID, RTM_GETNSID, RTM_NEWADDR, RTM_GETROUTE,
	};
	unsigned char buf[600], rbuf[8192];
	unsigned int seed = 12345;

	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			    sizeof(one)),
	      0);
	for (i = 0; i < 3000; i++) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		size_t len = 16 + (size_t)(rand_r(&seed) % (sizeof(buf) - 16));

		for (j = 0; j < (int)len; j++)
			buf[j] = (unsigned char)rand_r(&seed);
		if (i % 4 != 0) {
			/* plausible header, random body */
			h->nlmsg_len = (unsigned int)len;
			h->nlmsg_type =
				types[rand_r(&seed) %
				      (sizeof(types) / sizeof(types[0]))];
			h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
			if (h->nlmsg_type == RTM_NEWLINK ||
			    h->nlmsg_type == RTM_DELLINK)
				h->nlmsg_flags =
					NLM_F_REQUEST; /* no creation */
			if (i % 8 == 1)
				h->nlmsg_flags |= NLM_F_DUMP;
		}
		tn_send(fd, buf, len, MSG_DONTWAIT);
		while (tn_recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT) > 0 ||
		       errno == ENOBUFS)
			;
	}
	tn_close(fd);
	assert_clean_and_destroy(st);
}

/* Acks nobody reads: the queue stops at sk_rcvbuf and recv says ENOBUFS. */
static void test_overrun_reports_enobufs(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(), v = 1, i, got = 0;
	char buf[256];
	struct req r;

	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	req_init(&r, RTM_MAX + 1, 0);
	for (i = 0; i < 50; i++)
		KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -ENOBUFS);
	while (nl_recv(fd, buf, sizeof(buf)) > 0)
		got++;
	KT_ASSERT(got > 0 && got < 50);
	/* Drained: no more errors; new replies come again. */
	KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_ASSERT(nl_recv(fd, buf, sizeof(buf)) > 0);
	KT_EQ(nl_recv(fd, buf, sizeof(buf)), -EAGAIN);

	/* NETLINK_NO_ENOBUFS: losses are silent. */
	KT_EQ(tn_setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &v, sizeof(v)),
	      0);
	for (i = 0; i < 50; i++)
		KT_EQ(nl_send(fd, &r, r.n.nlmsg_len), r.n.nlmsg_len);
	KT_ASSERT(nl_recv(fd, buf, sizeof(buf)) > 0);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

KTEST_MAIN(KT(test_socket_errors_as_linux), KT(test_bind_autobind_getsockname),
	   KT(test_netns_cookie), KT(test_sockopts),
	   KT(test_error_ack_carries_request), KT(test_extack_unknown_kind),
	   KT(test_peek_trunc_sizes_the_message), KT(test_malformed_requests),
	   KT(test_fuzz_requests), KT(test_overrun_reports_enobufs),
	   KT(test_extack_policy_and_texts), KT(test_strict_requests))
