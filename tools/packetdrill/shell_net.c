// SPDX-License-Identifier: BSD-2-Clause
/*
 * The `tc qdisc` and `ip route` lines of a script, sent to the stack under
 * test as the messages iproute2 sends (rtnetlink over tn_socket), so the
 * stack's own qdisc and route code does the work:
 *
 *   tc qdisc add|replace|change dev DEV root pfifo|bfifo|pfifo_fast [limit N]
 *   tc qdisc del dev DEV root
 *   ip route add|change|replace PREFIX [via GW] [dev DEV] [advmss N]
 *            [mtu [lock] N] [initcwnd N] [initrwnd N]
 *   ip tcp_metrics ...          (nothing is kept: a no-op)
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <tuxnet/tuxnet.h>

#include "run.h"

#define WORD_LEN 256

int pd_shell_tc(struct pd_run *r, int line, char w[][WORD_LEN], int n);
int pd_shell_ip(struct pd_run *r, int line, char w[][WORD_LEN], int n);

struct nlreq {
	struct nlmsghdr nh;
	char body[1024];
};

static void *nl_tail(struct nlreq *q)
{
	return (char *)q + NLMSG_ALIGN(q->nh.nlmsg_len);
}

static void nl_attr(struct nlreq *q, unsigned short type, const void *data,
		    size_t len)
{
	struct rtattr *a = nl_tail(q);

	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, len);
	q->nh.nlmsg_len = NLMSG_ALIGN(q->nh.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

/* Sends @q and returns the kernel's answer: 0 or -errno. */
static int nl_talk(struct nlreq *q)
{
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
		char more[256];
	} ans;
	int fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), rc = -EIO;

	if (fd < 0)
		return -errno;
	q->nh.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	if (tn_send(fd, q, q->nh.nlmsg_len, 0) == (ssize_t)q->nh.nlmsg_len &&
	    tn_recv(fd, &ans, sizeof(ans), 0) >=
		    (ssize_t)(sizeof(ans.nh) + sizeof(ans.err)) &&
	    ans.nh.nlmsg_type == NLMSG_ERROR)
		rc = ans.err.error;
	tn_close(fd);
	return rc;
}

static int ifindex_of(const char *name)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0), rc;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	rc = tn_ioctl(fd, SIOCGIFINDEX, &ifr) ? -1 : ifr.ifr_ifindex;
	tn_close(fd);
	return rc;
}

static int tc_qdisc(struct pd_run *r, int line, char w[][WORD_LEN], int n)
{
	struct nlreq q;
	struct tcmsg *tc = NLMSG_DATA(&q.nh);
	const char *verb = w[2], *kind = n > 6 ? w[6] : "";
	int i = 3, ifindex, e;

	if (n < 6 || strcmp(w[i], "dev") || strcmp(w[i + 2], "root"))
		return pd_fail(r, line,
			       "tc: only 'tc qdisc VERB dev DEV root ...'"),
		       -1;
	ifindex = ifindex_of(w[4]);
	if (ifindex < 0)
		return pd_fail(r, line, "tc: no device %s", w[4]), -1;
	memset(&q, 0, sizeof(q));
	q.nh.nlmsg_len = NLMSG_LENGTH(sizeof(*tc));
	tc->tcm_family = AF_UNSPEC;
	tc->tcm_ifindex = ifindex;
	tc->tcm_parent = TC_H_ROOT;
	if (!strcmp(verb, "del") || !strcmp(verb, "delete")) {
		q.nh.nlmsg_type = RTM_DELQDISC;
	} else {
		q.nh.nlmsg_type = RTM_NEWQDISC;
		if (!strcmp(verb, "add"))
			q.nh.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
		else if (!strcmp(verb, "replace"))
			q.nh.nlmsg_flags = NLM_F_CREATE | NLM_F_REPLACE;
		else if (strcmp(verb, "change"))
			return pd_fail(r, line, "tc: unknown verb %s", verb),
			       -1;
		nl_attr(&q, TCA_KIND, kind, strlen(kind) + 1);
		if (n == 9 && !strcmp(w[7], "limit")) {
			struct tc_fifo_qopt opt = { .limit = (unsigned)strtoul(
							    w[8], NULL, 0) };

			nl_attr(&q, TCA_OPTIONS, &opt, sizeof(opt));
		} else if (n != 7) {
			return pd_fail(r, line,
				       "tc: only 'KIND [limit N]' qdisc options"),
			       -1;
		}
	}
	e = nl_talk(&q);
	if (e)
		pd_fail(r, line, "tc qdisc %s: %s", verb, strerror(-e));
	return e ? -1 : 0;
}

int pd_shell_tc(struct pd_run *r, int line, char w[][WORD_LEN], int n)
{
	if (n >= 2 && !strcmp(w[1], "qdisc"))
		return tc_qdisc(r, line, w, n);
	pd_fail(r, line, "tc: only 'tc qdisc' is supported");
	return -1;
}

static int metric_of(const char *name)
{
	if (!strcmp(name, "advmss"))
		return RTAX_ADVMSS;
	if (!strcmp(name, "mtu"))
		return RTAX_MTU;
	if (!strcmp(name, "initcwnd"))
		return RTAX_INITCWND;
	if (!strcmp(name, "initrwnd"))
		return RTAX_INITRWND;
	if (!strcmp(name, "window"))
		return RTAX_WINDOW;
	if (!strcmp(name, "cwnd"))
		return RTAX_CWND;
	if (!strcmp(name, "reordering"))
		return RTAX_REORDERING;
	return -1;
}

static int route_prefix(struct nlreq *q, struct rtmsg *rt, const char *s)
{
	char buf[64], *slash;
	struct in_addr a;

	if (!strcmp(s, "default"))
		return 0;
	(void)snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (inet_pton(AF_INET, buf, &a) != 1)
		return -1;
	rt->rtm_dst_len = (unsigned char)(slash ? atoi(slash + 1) : 32);
	nl_attr(q, RTA_DST, &a, sizeof(a));
	return 0;
}

/* The metrics after the prefix: a nested RTA_METRICS. */
static int route_args(struct nlreq *q, struct rtmsg *rt, char w[][WORD_LEN],
		      int i, int n)
{
	char mbuf[256];
	size_t mlen = 0;
	unsigned int lock = 0;
	struct in_addr gw;
	int ifindex;

	for (; i < n; i += 2) {
		int m = metric_of(w[i]);

		if (i + 1 >= n)
			return -1;
		if (!strcmp(w[i], "via")) {
			if (inet_pton(AF_INET, w[i + 1], &gw) != 1)
				return -1;
			nl_attr(q, RTA_GATEWAY, &gw, sizeof(gw));
			rt->rtm_scope = RT_SCOPE_UNIVERSE;
		} else if (!strcmp(w[i], "dev")) {
			ifindex = ifindex_of(w[i + 1]);
			if (ifindex < 0)
				return -1;
			nl_attr(q, RTA_OIF, &ifindex, sizeof(ifindex));
		} else if (m > 0 && mlen + 8 <= sizeof(mbuf)) {
			struct rtattr *a = (struct rtattr *)(mbuf + mlen);
			unsigned int v;

			if (!strcmp(w[i + 1], "lock")) {
				lock |= 1U << m;
				i++;
				if (i + 1 >= n)
					return -1;
			}
			v = (unsigned int)strtoul(w[i + 1], NULL, 0);
			a->rta_type = (unsigned short)m;
			a->rta_len = RTA_LENGTH(sizeof(v));
			memcpy(RTA_DATA(a), &v, sizeof(v));
			mlen += RTA_ALIGN(a->rta_len);
		} else {
			return -1;
		}
	}
	if (lock && mlen + 8 <= sizeof(mbuf)) {
		struct rtattr *a = (struct rtattr *)(mbuf + mlen);

		a->rta_type = RTAX_LOCK;
		a->rta_len = RTA_LENGTH(sizeof(lock));
		memcpy(RTA_DATA(a), &lock, sizeof(lock));
		mlen += RTA_ALIGN(a->rta_len);
	}
	if (mlen)
		nl_attr(q, RTA_METRICS, mbuf, mlen);
	return 0;
}

static int ip_route(struct pd_run *r, int line, char w[][WORD_LEN], int n)
{
	struct nlreq q;
	struct rtmsg *rt = NLMSG_DATA(&q.nh);
	const char *verb = n > 2 ? w[2] : "";
	int e;

	memset(&q, 0, sizeof(q));
	q.nh.nlmsg_len = NLMSG_LENGTH(sizeof(*rt));
	q.nh.nlmsg_type = RTM_NEWROUTE;
	if (!strcmp(verb, "add"))
		q.nh.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	else if (!strcmp(verb, "change"))
		q.nh.nlmsg_flags = NLM_F_REPLACE;
	else if (!strcmp(verb, "replace"))
		q.nh.nlmsg_flags = NLM_F_CREATE | NLM_F_REPLACE;
	else
		return pd_fail(r, line, "ip route: only add, change, replace"),
		       -1;
	rt->rtm_family = AF_INET;
	rt->rtm_table = RT_TABLE_MAIN;
	rt->rtm_protocol = RTPROT_BOOT;
	rt->rtm_scope = RT_SCOPE_LINK;
	rt->rtm_type = RTN_UNICAST;
	if (n < 4 || route_prefix(&q, rt, w[3]) || route_args(&q, rt, w, 4, n))
		return pd_fail(r, line, "ip route: cannot read the route"), -1;
	e = nl_talk(&q);
	if (e)
		pd_fail(r, line, "ip route %s: %s", verb, strerror(-e));
	return e ? -1 : 0;
}

int pd_shell_ip(struct pd_run *r, int line, char w[][WORD_LEN], int n)
{
	if (n >= 2 && !strcmp(w[1], "tcp_metrics"))
		return 0; /* no TCP metrics are kept yet: nothing to flush */
	if (n >= 2 && (!strcmp(w[1], "route") || !strcmp(w[1], "r")))
		return ip_route(r, line, w, n);
	pd_fail(r, line, "ip: only 'ip route' and 'ip tcp_metrics'");
	return -1;
}
