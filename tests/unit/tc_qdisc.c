// SPDX-License-Identifier: BSD-2-Clause
/*
 * The qdisc messages of rtnetlink (src/sched/sch_api.c) as `tc` sends
 * them, on lo: what NLM_F_CREATE/EXCL/REPLACE decide when a qdisc of
 * another kind is asked for where one sits (the table probed on Linux
 * 6.18), handles chosen per stack, refcnt, the statistics a drop leaves,
 * notifications to RTNLGRP_TC, and what is refused (kinds not built, size
 * tables, estimators, blocks).
 */
#include <errno.h>
#include <linux/gen_stats.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"

#define LO 1

static struct tn_stack *vstack(void)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL };
	struct tn_stack *st = tn_stack_create(&cfg);

	KT_ASSERT(st);
	tn_stack_attach(st);
	return st;
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

struct req {
	struct nlmsghdr n;
	struct tcmsg t;
	char attrs[256];
};

static void req_init(struct req *r, int type, int flags, int ifindex,
		     unsigned int parent, unsigned int handle)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	r->n.nlmsg_type = (unsigned short)type;
	r->n.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | flags);
	r->n.nlmsg_seq = 9;
	r->t.tcm_ifindex = ifindex;
	r->t.tcm_parent = parent;
	r->t.tcm_handle = handle;
}

static void addattr(struct req *r, int type, const void *data, int len)
{
	struct rtattr *rta =
		(struct rtattr *)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, (size_t)len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

static void add_kind(struct req *r, const char *kind)
{
	addattr(r, TCA_KIND, kind, (int)strlen(kind) + 1);
}

/* the extended-ack text of the last error talk() saw */
static char last_msg[128];

/* Send @r; the error of its ack (0 for success). */
static int talk(int fd, struct req *r)
{
	char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	ssize_t n;

	last_msg[0] = '\0';
	r->n.nlmsg_flags |= NLM_F_ACK;
	KT_EQ(tn_send(fd, r, r->n.nlmsg_len, 0), r->n.nlmsg_len);
	n = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	KT_ASSERT(n > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	if (e->error && (h->nlmsg_flags & NLM_F_ACK_TLVS)) {
		size_t off = NLMSG_ALIGN(sizeof(*e) + e->msg.nlmsg_len -
					 NLMSG_HDRLEN);
		struct rtattr *a = (struct rtattr *)((char *)e + off);
		int len = (int)(h->nlmsg_len - NLMSG_HDRLEN - off);

		for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
			if (a->rta_type == NLMSGERR_ATTR_MSG)
				snprintf(last_msg, sizeof(last_msg), "%s",
					 (char *)RTA_DATA(a));
	}
	return e->error;
}

static void set_up(int fd, int ifindex)
{
	struct {
		struct nlmsghdr n;
		struct ifinfomsg i;
	} r;
	char buf[1024];

	memset(&r, 0, sizeof(r));
	r.n.nlmsg_len = sizeof(r);
	r.n.nlmsg_type = RTM_NEWLINK;
	r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.i.ifi_index = ifindex;
	r.i.ifi_flags = IFF_UP;
	r.i.ifi_change = IFF_UP;
	KT_EQ(tn_send(fd, &r, sizeof(r), 0), (ssize_t)sizeof(r));
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA((struct nlmsghdr *)buf))->error,
	      0);
}

/* what RTM_GETQDISC says of a device's root qdisc */
struct qinfo {
	char kind[32];
	unsigned int handle, parent, refcnt, limit;
	struct gnet_stats_basic basic;
	struct gnet_stats_queue queue;
};

static void parse_qdisc(struct nlmsghdr *h, struct qinfo *q)
{
	struct tcmsg *t = NLMSG_DATA(h);
	int len = (int)h->nlmsg_len - NLMSG_LENGTH(sizeof(*t));
	struct rtattr *a = TCA_RTA(t);

	memset(q, 0, sizeof(*q));
	q->handle = t->tcm_handle;
	q->parent = t->tcm_parent;
	q->refcnt = t->tcm_info;
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == TCA_KIND)
			snprintf(q->kind, sizeof(q->kind), "%s",
				 (char *)RTA_DATA(a));
		if (a->rta_type == TCA_OPTIONS && RTA_PAYLOAD(a) == 4)
			memcpy(&q->limit, RTA_DATA(a), 4);
		if (a->rta_type == TCA_STATS2) {
			struct rtattr *s = RTA_DATA(a);
			int slen = (int)RTA_PAYLOAD(a);

			for (; RTA_OK(s, slen); s = RTA_NEXT(s, slen)) {
				if (s->rta_type == TCA_STATS_BASIC)
					memcpy(&q->basic, RTA_DATA(s),
					       sizeof(q->basic));
				if (s->rta_type == TCA_STATS_QUEUE)
					memcpy(&q->queue, RTA_DATA(s),
					       sizeof(q->queue));
			}
		}
	}
}

static int get_root(int fd, int ifindex, struct qinfo *q)
{
	char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct req r;

	req_init(&r, RTM_GETQDISC, 0, ifindex, TC_H_ROOT, 0);
	KT_EQ(tn_send(fd, &r, r.n.nlmsg_len, 0), r.n.nlmsg_len);
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	if (h->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	KT_EQ(h->nlmsg_type, RTM_NEWQDISC);
	parse_qdisc(h, q);
	return 0;
}

static int modify(int fd, int flags, unsigned int handle, const char *kind)
{
	struct req r;

	req_init(&r, RTM_NEWQDISC, flags, LO, TC_H_ROOT, handle);
	if (kind)
		add_kind(&r, kind);
	return talk(fd, &r);
}

static int del_root(int fd)
{
	struct req r;

	req_init(&r, RTM_DELQDISC, 0, LO, TC_H_ROOT, 0);
	return talk(fd, &r);
}

#define C NLM_F_CREATE
#define E NLM_F_EXCL
#define R NLM_F_REPLACE

/*
 * A pfifo 5: sits at the root; bfifo is asked for without a handle.
 * Linux 6.18 (probed with every flag combination) grafts a new one for
 * none of the flags, C|E, C|R and C|R|E, and otherwise takes the request
 * for a change of the pfifo, which fails.
 */
static void test_flags_decide_graft_or_change(void)
{
	static const struct {
		int flags, err;
		const char *msg;
	} t[] = {
		{ 0, 0, "" },
		{ C, -EINVAL, "Invalid qdisc name: must match existing qdisc" },
		{ E, -EEXIST, "Exclusivity flag on, cannot modify" },
		{ R, -EINVAL, "Invalid qdisc name: must match existing qdisc" },
		{ C | E, 0, "" },
		{ C | R, 0, "" },
		{ R | E, -EEXIST, "Exclusivity flag on, cannot modify" },
		{ C | R | E, 0, "" },
	};
	struct tn_stack *st = vstack();
	int fd = nl_open(0);
	unsigned int grafted = 0;
	struct qinfo q;
	size_t i;

	set_up(fd, LO);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_STREQ(q.kind, "noqueue");
	KT_EQ(q.handle, 0);
	KT_EQ(q.refcnt, 2);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (get_root(fd, LO, &q) == 0 && q.handle)
			KT_EQ(del_root(fd), 0);
		KT_EQ(modify(fd, C | E, 0x50000, "pfifo"), 0);
		KT_EQ(modify(fd, t[i].flags, 0, "bfifo"), t[i].err);
		KT_STREQ(last_msg, t[i].msg);
		KT_EQ(get_root(fd, LO, &q), 0);
		KT_STREQ(q.kind, t[i].err ? "pfifo" : "bfifo");
		if (!t[i].err)
			grafted++;
		/* a new one gets the next 8xxx: handle */
		KT_EQ(q.handle,
		      t[i].err ? 0x50000U : 0x80000000U + 0x10000U * grafted);
		/* lo has one transmit queue: its reference and dev->qdisc's */
		KT_EQ(q.refcnt, 2);
	}
	/* same kind, no handle: a change, refused only by EXCL */
	KT_EQ(modify(fd, C | E, 0, "bfifo"), -EEXIST);
	KT_EQ(modify(fd, C | R, 0, "bfifo"), 0);
	/* a handle other than the root's needs REPLACE, then CREATE */
	KT_EQ(modify(fd, C | E, 0x70000, "pfifo"), -EEXIST);
	KT_STREQ(last_msg, "NLM_F_REPLACE needed to override");
	KT_EQ(modify(fd, R, 0x70000, "pfifo"), -ENOENT);
	KT_STREQ(last_msg,
		 "Qdisc not found. To create specify NLM_F_CREATE flag");
	KT_EQ(modify(fd, C | R, 0x70001, "pfifo"), -EINVAL);
	KT_STREQ(last_msg, "Invalid minor handle");
	KT_EQ(modify(fd, C | R, 0x70000, "pfifo"), 0);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_EQ(q.handle, 0x70000);
	/* back to the default, which cannot be deleted */
	KT_EQ(del_root(fd), 0);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_STREQ(q.kind, "noqueue");
	KT_EQ(del_root(fd), -ENOENT);
	KT_STREQ(last_msg, "Cannot delete qdisc with handle of zero");
	tn_close(fd);
	kt_stack_done(st);
}

/* Each stack has its own handle counter (Linux: one per machine). */
static void test_handles_per_stack(void)
{
	struct tn_stack *a = vstack(), *b;
	int fd = nl_open(0), fdb;
	struct qinfo q;

	KT_EQ(modify(fd, C | E, 0, "pfifo"), 0);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_EQ(q.handle, 0x80010000U);
	/* a device never up: the qdisc waits for the first up */
	KT_EQ(q.refcnt, 2);
	b = vstack();
	fdb = nl_open(0);
	KT_EQ(modify(fdb, C | E, 0, "bfifo"), 0);
	KT_EQ(get_root(fdb, LO, &q), 0);
	KT_EQ(q.handle, 0x80010000U);
	KT_EQ(q.limit, 1000U * (65536 + 14)); /* txqueuelen x (MTU + header) */
	tn_close(fdb);
	kt_stack_done(b);
	tn_stack_attach(a);
	KT_EQ(modify(fd, C | R, 0, "bfifo"), 0);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_EQ(q.handle, 0x80020000U);
	tn_close(fd);
	kt_stack_done(a);
}

/* What the stack does not build is refused, not ignored. */
static void test_refused(void)
{
	struct tn_stack *st = vstack();
	struct tc_estimator est = { .interval = 0, .ewma_log = 2 };
	unsigned int block = 1, zero = 0, limit = 5;
	int fd = nl_open(0);
	struct qinfo q;
	struct req r;

	KT_EQ(modify(fd, C | E, 0, "fq"), -ENOENT);
	KT_STREQ(last_msg, "Specified qdisc kind is unknown");
	/* built, but it needs its options (Linux's netem_init) */
	KT_EQ(modify(fd, C | E, 0, "netem"), -EINVAL);
	KT_EQ(modify(fd, C | E, 0, "noop"), -ENOENT);
	KT_EQ(modify(fd, C | E, 0, NULL), -ENOENT);
	KT_STREQ(last_msg, "Specified qdisc kind is unknown");

	req_init(&r, RTM_NEWQDISC, C | E, LO, TC_H_ROOT, 0);
	add_kind(&r, "pfifo");
	addattr(&r, TCA_STAB, NULL, 0);
	KT_EQ(talk(fd, &r), -EOPNOTSUPP);
	req_init(&r, RTM_NEWQDISC, C | E, LO, TC_H_ROOT, 0);
	add_kind(&r, "pfifo");
	addattr(&r, TCA_RATE, &est, sizeof(est));
	KT_EQ(talk(fd, &r), -EOPNOTSUPP);
	req_init(&r, RTM_NEWQDISC, C | E, LO, TC_H_ROOT, 0);
	add_kind(&r, "pfifo");
	addattr(&r, TCA_INGRESS_BLOCK, &block, 4);
	KT_EQ(talk(fd, &r), -EOPNOTSUPP);
	KT_STREQ(last_msg, "Ingress block sharing is not supported");
	req_init(&r, RTM_NEWQDISC, C | E, LO, TC_H_ROOT, 0);
	add_kind(&r, "pfifo");
	addattr(&r, TCA_EGRESS_BLOCK, &zero, 4);
	KT_EQ(talk(fd, &r), -EINVAL);
	/* a fifo's options are a struct tc_fifo_qopt */
	req_init(&r, RTM_NEWQDISC, C | E, LO, TC_H_ROOT, 0);
	add_kind(&r, "pfifo");
	addattr(&r, TCA_OPTIONS, &limit, 2);
	KT_EQ(talk(fd, &r), -EINVAL);
	/* pfifo_fast takes no options after creation */
	KT_EQ(modify(fd, C | E, 0, "pfifo_fast"), 0);
	req_init(&r, RTM_NEWQDISC, 0, LO, TC_H_ROOT, 0);
	add_kind(&r, "pfifo_fast");
	addattr(&r, TCA_OPTIONS, &limit, 4);
	KT_EQ(talk(fd, &r), -EINVAL);
	KT_STREQ(last_msg, "Change operation not supported by specified qdisc");
	/* no classes anywhere */
	KT_EQ(get_root(fd, LO, &q), 0);
	req_init(&r, RTM_NEWQDISC, C | E, LO, q.handle | 1, 0);
	add_kind(&r, "pfifo");
	KT_EQ(talk(fd, &r), -EOPNOTSUPP);
	KT_STREQ(last_msg, "Parent qdisc is not classful");
	req_init(&r, RTM_NEWQDISC, C | E, LO, TC_H_INGRESS, 0xffff0000U);
	add_kind(&r, "pfifo");
	KT_EQ(talk(fd, &r), -EINVAL);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_STREQ(q.kind, "pfifo_fast");
	tn_close(fd);
	kt_stack_done(st);
}

/* A pfifo with room for nothing drops what UDP sends: counted there. */
static void test_drops_in_stats(void)
{
	struct tn_stack *st = vstack();
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons(9),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = nl_open(0), u;
	unsigned int limit = 0;
	struct qinfo q;
	struct req r;

	set_up(fd, LO);
	req_init(&r, RTM_NEWQDISC, C | E, LO, TC_H_ROOT, 0x10000);
	add_kind(&r, "pfifo");
	addattr(&r, TCA_OPTIONS, &limit, 4);
	KT_EQ(talk(fd, &r), 0);
	u = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(u >= 0);
	/* without IP_RECVERR the sender is not told (as Linux's UDP) */
	KT_EQ(tn_sendto(u, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)), 1);
	KT_EQ(tn_sendto(u, "y", 1, 0, (struct sockaddr *)&to, sizeof(to)), 1);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_EQ(q.queue.drops, 2);
	KT_EQ(q.basic.packets, 0);
	KT_EQ(q.queue.qlen, 0);
	/* room again: what goes through is counted as sent */
	limit = 10;
	req_init(&r, RTM_NEWQDISC, 0, LO, 0, 0x10000);
	addattr(&r, TCA_OPTIONS, &limit, 4);
	KT_EQ(talk(fd, &r), 0);
	KT_EQ(tn_sendto(u, "z", 1, 0, (struct sockaddr *)&to, sizeof(to)), 1);
	KT_EQ(get_root(fd, LO, &q), 0);
	KT_EQ(q.limit, 10);
	KT_EQ(q.queue.drops, 2);
	/* the datagram, then the ICMP port unreachable coming back */
	KT_EQ(q.basic.packets, 2);
	KT_EQ(q.basic.bytes, (14 + 20 + 8 + 1) + (14 + 20 + 8 + 20 + 8 + 1));
	tn_close(u);
	tn_close(fd);
	kt_stack_done(st);
}

/* RTNLGRP_TC hears a replace as the old qdisc gone and the new one */
static void test_notifications(void)
{
	struct tn_stack *st = vstack();
	int fd = nl_open(0), mon = nl_open(1U << (RTNLGRP_TC - 1));
	char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct qinfo q;
	ssize_t n;
	int len;

	KT_EQ(modify(fd, C | E, 0x10000, "pfifo"), 0);
	n = tn_recv(mon, buf, sizeof(buf), MSG_DONTWAIT);
	KT_ASSERT(n > 0);
	KT_EQ(h->nlmsg_type, RTM_NEWQDISC);
	parse_qdisc(h, &q);
	KT_STREQ(q.kind, "pfifo");
	KT_EQ(modify(fd, C | R, 0x20000, "bfifo"), 0);
	n = tn_recv(mon, buf, sizeof(buf), MSG_DONTWAIT);
	KT_ASSERT(n > 0);
	len = (int)n;
	KT_EQ(h->nlmsg_type, RTM_DELQDISC);
	parse_qdisc(h, &q);
	KT_EQ(q.handle, 0x10000);
	len -= (int)NLMSG_ALIGN(h->nlmsg_len);
	KT_ASSERT(len > 0);
	h = (struct nlmsghdr *)(buf + NLMSG_ALIGN(h->nlmsg_len));
	KT_EQ(h->nlmsg_type, RTM_NEWQDISC);
	KT_ASSERT(h->nlmsg_flags & NLM_F_REPLACE);
	parse_qdisc(h, &q);
	KT_STREQ(q.kind, "bfifo");
	tn_close(mon);
	tn_close(fd);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_flags_decide_graft_or_change), KT(test_handles_per_stack),
	   KT(test_refused), KT(test_drops_in_stats), KT(test_notifications))
