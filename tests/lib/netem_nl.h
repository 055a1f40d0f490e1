/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the TCP unit tests that run a flow through netem share: time that
 * jumps to the next timer when nothing else can happen, a device's index,
 * rtnetlink requests sent and acked, and "tc qdisc add dev DEV root netem
 * ..." built as tc builds it (the qopt, then the netem attributes nested
 * in TCA_OPTIONS).  Include after ktest.h.
 */
#ifndef TUXNET_TESTS_NETEM_NL_H
#define TUXNET_TESTS_NETEM_NL_H

#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <net/stack.h>
#include <net/timer.h>

/* src/kernel/kernel.h: the earliest pending timer of the bases in @mask */
struct timer_list *next_timer(struct tn_stack *stack, unsigned int mask);

/*
 * th_idle - nothing can happen before the next timer (netem's watchdog,
 * an RTO, a delayed ACK): time jumps to it, as the lab's idle advance
 * does; at least a microsecond, at most a second
 */
static inline void th_idle(struct tn_stack *st)
{
	struct timer_list *t;
	u64 now, step = NSEC_PER_SEC;

	stack_enter(st);
	now = ktime_get_ns(st);
	t = next_timer(st, 1U << TIMER_BASE_STD);
	if (t && t->expires > now && t->expires - now < step)
		step = t->expires - now;
	else if (t && t->expires <= now)
		step = 0;
	stack_exit(st);
	tn_clock_advance(st, step ? step : 1000);
}

/* th_ifindex - the index of device @name in the current namespace */
static inline int th_ifindex(const char *name)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	KT_EQ(tn_ioctl(fd, SIOCGIFINDEX, &ifr), 0);
	tn_close(fd);
	return ifr.ifr_ifindex;
}

/*
 * th_nl_addattr - append attribute @type to the netlink message @msg (room
 * behind it is the caller's); not inlined, so that the compiler does not
 * take @msg for a bare struct nlmsghdr and warn of an overflow
 */
__attribute__((noinline, unused)) static void
th_nl_addattr(void *msg, int type, const void *data, int len)
{
	struct nlmsghdr *n = msg;
	struct rtattr *rta =
		(struct rtattr *)((char *)msg + NLMSG_ALIGN(n->nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, (size_t)len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* th_rtnl_talk - send the rtnetlink request @n, expect the ack of success */
static inline void th_rtnl_talk(struct nlmsghdr *n)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char buf[4096];
	struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
	int fd;

	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	KT_EQ(tn_send(fd, n, n->nlmsg_len, 0), (ssize_t)n->nlmsg_len);
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(h))->error, 0);
	tn_close(fd);
}

/* a "tc qdisc add ... root netem" request being built */
struct th_netem_req {
	struct nlmsghdr n;
	struct tcmsg t;
	char attrs[512];
	struct rtattr *opt; /* TCA_OPTIONS, closed by th_netem_commit */
};

/* th_netem_begin - "tc qdisc add dev @dev root netem" with @qopt */
static inline void th_netem_begin(struct th_netem_req *req, const char *dev,
				  const struct tc_netem_qopt *qopt)
{
	memset(req, 0, sizeof(*req));
	req->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	req->n.nlmsg_type = RTM_NEWQDISC;
	req->n.nlmsg_flags =
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	req->t.tcm_family = AF_UNSPEC;
	req->t.tcm_ifindex = th_ifindex(dev);
	req->t.tcm_parent = TC_H_ROOT;
	th_nl_addattr(req, TCA_KIND, "netem", 6);
	req->opt =
		(struct rtattr *)((char *)req + NLMSG_ALIGN(req->n.nlmsg_len));
	th_nl_addattr(req, TCA_OPTIONS, qopt, sizeof(*qopt));
}

/* th_netem_attr - a netem attribute (TCA_NETEM_*) inside TCA_OPTIONS */
static inline void th_netem_attr(struct th_netem_req *req, int type,
				 const void *data, int len)
{
	th_nl_addattr(req, type, data, len);
}

/* th_netem_commit - close TCA_OPTIONS, send, expect success */
static inline void th_netem_commit(struct th_netem_req *req)
{
	req->opt->rta_len = (unsigned short)((char *)req + req->n.nlmsg_len -
					     (char *)req->opt);
	th_rtnl_talk(&req->n);
}

#endif /* TUXNET_TESTS_NETEM_NL_H */
