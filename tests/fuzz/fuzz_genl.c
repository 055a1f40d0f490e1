// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_genl: the input is one datagram sent on a NETLINK_GENERIC socket
 * in netns "a" (it may hold several messages): generic netlink's dispatch
 * (family ids, the generic header, commands, dumps, attribute parsing
 * under each operation's policy), nlctrl's GETFAMILY by name, by id and
 * as a dump, and the TCP_METRICS family's GET (one address, a dump) and
 * DEL (one address, all) over a cache that holds the entries a closed
 * connection over lo left (both of its ends saved 127.0.0.1).
 *
 * Each input gets a fresh stack.  Replies are read until the socket is
 * empty (a dump that never ends aborts); afterwards no socket may be left
 * and the live skb count must be back at its baseline.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

/* A dump that does not end within this many reads is a bug. */
#define MAX_READS 4096

/* a connection over lo in "a", closed from both ends: two entries */
static int metrics_entries(struct tn_stack *st)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(80) };
	int l, c, s;

	sin.sin_addr.s_addr = htonl(0x7f000001);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || tn_bind(l, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    tn_listen(l, 8) < 0)
		return -1;
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || tn_connect(c, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return -1;
	s = tn_accept(l, NULL, NULL);
	if (s < 0 || tn_send(c, "x", 1, 0) != 1)
		return -1;
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 100000000ULL); /* 100 ms */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[65536] __attribute__((aligned(8)));
	struct tn_stack_stats s;
	struct fuzz_env e;
	long base_socks;
	int fd, i;

	if (fuzz_env_create(&e, 0) < 0 || metrics_entries(e.st) < 0) {
		fprintf(stderr, "fuzz_genl: cannot set up the stack\n");
		abort();
	}
	tn_stack_get_stats(e.st, &s);
	base_socks = s.live_socks;
	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0) {
		fprintf(stderr, "fuzz_genl: socket: errno %d\n", errno);
		abort();
	}
	tn_send(fd, data, size, 0);
	for (i = 0; i < MAX_READS; i++)
		if (tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			break;
	if (i == MAX_READS) {
		fprintf(stderr, "fuzz_genl: replies never end\n");
		abort();
	}
	tn_close(fd);
	tn_stack_get_stats(e.st, &s);
	if (s.live_socks != base_socks) {
		fprintf(stderr, "fuzz_genl: %ld socks left\n",
			s.live_socks - base_socks);
		abort();
	}
	fuzz_env_settle(&e);
	fuzz_env_destroy(&e);
	return 0;
}
