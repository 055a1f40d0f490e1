/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What most unit tests start and end with: a virtual-clock stack with lo
 * up, and at the end the check that nothing leaked (no skb, sock or file
 * left) before it is destroyed.  Include after ktest.h.
 */
#ifndef TUXNET_TESTS_KSTACK_H
#define TUXNET_TESTS_KSTACK_H

#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#ifndef KT_SA
#define KT_SA(p) ((struct sockaddr *)(void *)(p))
#endif

/* "ip link set lo up" in the current namespace, through the API */
static inline void kt_lo_up(void)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	KT_EQ(tn_close(fd), 0);
}

/* A virtual-clock stack, attached to the calling thread, with lo up. */
static inline struct tn_stack *kt_stack_lo_up(void)
{
	struct tn_stack *st;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	kt_lo_up();
	return st;
}

/* Nothing left behind, then the stack goes. */
static inline void kt_stack_done(struct tn_stack *st)
{
	struct tn_stack_stats s;

	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_files, 0);
	tn_stack_destroy(st);
}

static inline struct sockaddr_in kt_lo_addr(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((uint16_t)port) };

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

/* A UDP receiver bound to 127.0.0.1:@port and a sender connected to it. */
static inline void kt_udp_pair(int port, int *rx, int *tx)
{
	struct sockaddr_in a = kt_lo_addr(port);

	*rx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	*tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_bind(*rx, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_connect(*tx, KT_SA(&a), sizeof(a)), 0);
}

#endif /* TUXNET_TESTS_KSTACK_H */
