// SPDX-License-Identifier: BSD-2-Clause
/*
 * Address lifetimes on the virtual clock: an address added with
 * preferred_lft 1 and valid_lft 3 is deprecated between T+1 s and T+2 s
 * (check_lifetime rounds to whole seconds) with an RTM_NEWADDR, and
 * deleted with its routes between T+3 s and T+4 s with an RTM_DELADDR;
 * replacing the lifetimes restarts the count; permanent addresses stay.
 */
#include "../wire/wire.h"

#include <net/inetdevice.h>
#include <net/ip_fib.h>

#define SEC  NSEC_PER_SEC
#define MSEC NSEC_PER_MSEC

/* ip addr add|replace @addr/24 dev veth0 valid_lft @valid preferred_lft @pref */
static int addr_lft(u32 addr, u32 valid, u32 pref, int flags)
{
	struct ifa_cacheinfo ci = { .ifa_prefered = pref, .ifa_valid = valid };
	struct ifaddrmsg *ifa;
	struct wire_req r;
	__be32 a = htonl(addr);

	ifa = wire_req_init(&r, RTM_NEWADDR, flags, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 24;
	ifa->ifa_index = (u32)wire_ifindex("veth0");
	wire_req_attr(&r, IFA_LOCAL, &a, sizeof(a));
	wire_req_attr(&r, IFA_ADDRESS, &a, sizeof(a));
	wire_req_attr(&r, IFA_CACHEINFO, &ci, sizeof(ci));
	return wire_talk(&r);
}

/* The flags of @addr on veth0, or -1 if it is not there. */
static long addr_flags(struct wire_env *e, u32 addr)
{
	const struct in_ifaddr *ifa;
	long flags = -1;

	stack_enter(e->st);
	in_dev_for_each_ifa(ifa, __in_dev_get_rtnl(e->dev_a))
		if (ifa->ifa_local == htonl(addr))
			flags = ifa->ifa_flags;
	stack_exit(e->st);
	return flags;
}

static bool is_local(struct wire_env *e, u32 addr)
{
	bool local;

	stack_enter(e->st);
	local = inet_addr_type(e->na, htonl(addr)) == RTN_LOCAL;
	stack_exit(e->st);
	return local;
}

/* The next notification of type @type on @fd for @addr: its ifa_flags */
static long next_note(int fd, int type, u32 addr)
{
	u64 buf[512];
	ssize_t n;

	while ((n = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)(void *)buf;
		int len = (int)n;

		for (; NLMSG_OK(nlh, (unsigned int)len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			struct ifaddrmsg *ifm = NLMSG_DATA(nlh);
			struct rtattr *rta = IFA_RTA(ifm);
			int alen = (int)IFA_PAYLOAD(nlh);
			u32 flags = ifm->ifa_flags;
			bool match = false;

			if (nlh->nlmsg_type != type)
				continue;
			for (; RTA_OK(rta, alen); rta = RTA_NEXT(rta, alen)) {
				if (rta->rta_type == IFA_LOCAL)
					match = *(__be32 *)RTA_DATA(rta) ==
						htonl(addr);
				if (rta->rta_type == IFA_FLAGS)
					flags = *(u32 *)RTA_DATA(rta);
			}
			if (match)
				return flags;
		}
	}
	return -1;
}

static void test_lifetimes_count_down(void)
{
	const u32 dyn = WIRE_IP(10, 0, 5, 1), perm = WIRE_IP(10, 0, 6, 1);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = RTMGRP_IPV4_IFADDR };
	struct wire_env e;
	int mon;

	wire_setup(&e);
	mon = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_ASSERT(mon >= 0);
	KT_EQ(tn_bind(mon, WIRE_SA(&sa), sizeof(sa)), 0);

	KT_EQ(addr_lft(dyn, 3, 1, NLM_F_CREATE | NLM_F_EXCL), 0);
	KT_EQ(addr_lft(perm, INFINITY_LIFE_TIME, INFINITY_LIFE_TIME,
		       NLM_F_CREATE | NLM_F_EXCL),
	      0);
	KT_EQ(next_note(mon, RTM_NEWADDR, dyn), 0);
	KT_EQ(addr_flags(&e, dyn), 0); /* dynamic: no IFA_F_PERMANENT */
	KT_EQ(addr_flags(&e, perm), IFA_F_PERMANENT);

	/* preferred for a second (less the 20 ms batching slack) */
	tn_clock_advance(e.st, 970 * MSEC);
	KT_EQ(addr_flags(&e, dyn), 0);
	KT_EQ(next_note(mon, RTM_NEWADDR, dyn), -1);
	tn_clock_advance(e.st, 1030 * MSEC);
	KT_EQ(addr_flags(&e, dyn), IFA_F_DEPRECATED);
	KT_EQ(next_note(mon, RTM_NEWADDR, dyn), IFA_F_DEPRECATED);
	KT_ASSERT(is_local(&e, dyn));

	/* valid until T+3 s; gone by T+4 s with its routes */
	tn_clock_advance(e.st, 970 * MSEC);
	KT_ASSERT(addr_flags(&e, dyn) >= 0);
	tn_clock_advance(e.st, 1030 * MSEC);
	KT_EQ(addr_flags(&e, dyn), -1);
	KT_ASSERT(!is_local(&e, dyn));
	KT_ASSERT(next_note(mon, RTM_DELADDR, dyn) >= 0);
	KT_EQ(addr_flags(&e, perm), IFA_F_PERMANENT);

	/* replace restarts the count; forever makes it permanent again */
	KT_EQ(addr_lft(dyn, 2, 2, NLM_F_CREATE | NLM_F_EXCL), 0);
	tn_clock_advance(e.st, 1500 * MSEC);
	KT_EQ(addr_lft(dyn, 2, 2, NLM_F_CREATE | NLM_F_REPLACE), 0);
	tn_clock_advance(e.st, 1500 * MSEC);
	KT_EQ(addr_flags(&e, dyn), 0);
	KT_EQ(addr_lft(dyn, INFINITY_LIFE_TIME, INFINITY_LIFE_TIME,
		       NLM_F_CREATE | NLM_F_REPLACE),
	      0);
	tn_clock_advance(e.st, 10 * SEC);
	KT_EQ(addr_flags(&e, dyn), IFA_F_PERMANENT);

	/* preferred_lft 0: deprecated from the start */
	KT_EQ(addr_lft(WIRE_IP(10, 0, 7, 1), 100, 0, NLM_F_CREATE | NLM_F_EXCL),
	      0);
	KT_EQ(addr_flags(&e, WIRE_IP(10, 0, 7, 1)), IFA_F_DEPRECATED);
	tn_close(mon);
	wire_teardown(&e);
}

KTEST_MAIN(KT(test_lifetimes_count_down))
