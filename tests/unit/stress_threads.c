// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sixteen threads of one program over shared sockets of one stack (the
 * run is tests/lib/stress.h): send, recv, poll, epoll_wait, close under a
 * sleeper and shutdown from another thread, on a virtual clock.  Nothing
 * is lost beyond the counted drops, and at the end no skb, sock or file
 * is left.  Once more on a real clock, where the stack's worker thread
 * runs receive work and timers beside the callers.  `make tsan` runs it
 * under ThreadSanitizer.
 */
#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"
#include "stress.h"

static void test_sixteen_threads(void)
{
	struct tn_stack *st = kt_stack_lo_up();

	KT_EQ(stress_run(7700), 0);
	kt_stack_done(st);
}

static void test_sixteen_threads_real_clock(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_REAL });
	struct ifreq ifr;
	int fd;

	KT_ASSERT(st);
	tn_stack_attach(st);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	tn_close(fd);
	KT_EQ(stress_run(7710), 0);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_sixteen_threads), KT(test_sixteen_threads_real_clock))
