// SPDX-License-Identifier: BSD-2-Clause
/*
 * Two stacks in one process: the registries (pernet ops, notifiers,
 * packet types, protosw, link types) hold per-stack nodes, so static ops
 * tables serve both, and destroying one leaves the other working.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <sys/ioctl.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"

static struct tn_stack *make_stack(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	struct ifreq ifr = { 0 };
	int fd;

	KT_ASSERT(st);
	tn_stack_attach(st);
	KT_EQ(tn_netns_add("x"), 0);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	strcpy(ifr.ifr_name, "lo");
	KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	tn_close(fd);
	return st;
}

/* A datagram to ourselves over lo, in the attached stack. */
static void echo_over_lo(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int rx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	int tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	char buf[4];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_bind(rx, (struct sockaddr *)&a, sizeof(a)), 0);
	KT_EQ(tn_sendto(tx, "abc", 3, 0, (struct sockaddr *)&a, sizeof(a)), 3);
	KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT), 3);
	tn_close(rx);
	tn_close(tx);
}

static void test_two_stacks_live_together(void)
{
	struct tn_stack *a = make_stack(), *b = make_stack();
	struct tn_stack_stats s;

	/* The same port in both: they share nothing. */
	tn_stack_attach(a);
	echo_over_lo(6000);
	tn_stack_attach(b);
	echo_over_lo(6000);

	tn_stack_attach(a);
	KT_EQ(tn_netns_del("x"), 0);
	tn_stack_destroy(a);

	tn_stack_attach(b);
	echo_over_lo(6001);
	KT_EQ(tn_netns_add("y"), 0); /* pernet ops still run for b */
	KT_EQ(tn_netns_del("y"), 0);
	KT_EQ(tn_netns_del("x"), 0);
	tn_stack_get_stats(b, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_netns, 0);
	tn_stack_destroy(b);
}

KTEST_MAIN(KT(test_two_stacks_live_together))
