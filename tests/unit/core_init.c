// SPDX-License-Identifier: BSD-2-Clause
/*
 * Init levels and their exits (src/core/init.c): with fault injection
 * (tn_fail_nth), every allocation of tn_stack_create() fails in turn.
 * Each failure must come back as ENOMEM (ENOBUFS from rtnl_register) with everything the earlier steps
 * built undone (the ASan build's leak checker sees what is not), and the
 * same for a namespace's pernet operations.
 */
#include <errno.h>
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <sys/ioctl.h>

#include <tuxnet/tuxnet.h>

#include <net/types.h>

#include "ktest.h"

static const struct tn_stack_config vcfg = { .clock = TN_CLOCK_VIRTUAL };

/* lo up, and one datagram to ourselves: the stack works. */
static void stack_works(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(7000) };
	struct ifreq ifr = { 0 };
	int rx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	int tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	char buf[4];

	KT_ASSERT(rx >= 0 && tx >= 0);
	strcpy(ifr.ifr_name, "lo");
	KT_EQ(tn_ioctl(rx, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(tn_ioctl(rx, SIOCSIFFLAGS, &ifr), 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_bind(rx, (struct sockaddr *)&a, sizeof(a)), 0);
	KT_EQ(tn_sendto(tx, "abc", 3, 0, (struct sockaddr *)&a, sizeof(a)), 3);
	KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT), 3);
	tn_close(rx);
	tn_close(tx);
}

static void test_stack_create_fails_cleanly_at_every_step(void)
{
	struct tn_stack *st = NULL;
	unsigned long n, failures = 0;

	for (n = 1; n < 100000 && !st; n++) {
		tn_fail_nth = n;
		st = tn_stack_create(&vcfg);
		tn_fail_nth = 0;
		if (!st) {
			/* rtnl_register's -ENOBUFS, as Linux's */
			KT_ASSERT(errno == ENOMEM || errno == ENOBUFS);
			failures++;
		}
	}
	KT_ASSERT(st);
	/* Many allocations, each one a way to fail: the walk saw them all. */
	KT_ASSERT(failures > 50);
	tn_stack_attach(st);
	stack_works();
	tn_stack_destroy(st);
}

static void test_netns_add_fails_cleanly_at_every_step(void)
{
	struct tn_stack *st = tn_stack_create(&vcfg);
	struct tn_stack_stats s;
	unsigned long n, failures = 0;
	int ret = -1;

	KT_ASSERT(st);
	tn_stack_attach(st);
	for (n = 1; n < 100000 && ret; n++) {
		tn_fail_nth = n;
		ret = tn_netns_add("x");
		tn_fail_nth = 0;
		if (ret) {
			KT_EQ(errno, ENOMEM);
			failures++;
			tn_stack_get_stats(st, &s);
			KT_EQ(s.live_netns, 0);
		}
	}
	KT_EQ(ret, 0);
	KT_ASSERT(failures > 10);
	KT_EQ(tn_netns_del("x"), 0);
	stack_works();
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_netns, 0);
	KT_EQ(s.live_socks, 0);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_stack_create_fails_cleanly_at_every_step),
	   KT(test_netns_add_fails_cleanly_at_every_step))
