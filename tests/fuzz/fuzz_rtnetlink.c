// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_rtnetlink: the input is one datagram sent on a NETLINK_ROUTE socket
 * in netns "a" (it may hold several messages): rtnetlink_rcv, the message
 * and attribute parsers, the link, address, route and neighbour handlers
 * and their dumps.  Replies are read until the socket is empty.
 *
 * Each input gets a fresh stack with the harness's topology (veth0
 * 10.0.0.1/24 in "a", its peer in "b"), so nothing one message creates
 * outlives its input and a crash reproduces from the input alone.  After
 * the socket is closed, no socket may be left and the live skb count must
 * come back to its baseline.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>

#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

/* A dump that does not end within this many reads is a bug. */
#define MAX_READS 4096

/* FUZZ_VERBOSE set: print what came back (type, and error if any) */
static void show_replies(const char *buf, size_t len)
{
	size_t off = 0;

	while (len - off >= sizeof(struct nlmsghdr)) {
		const struct nlmsghdr *nlh = (const void *)(buf + off);

		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len - off)
			break;
		if (nlh->nlmsg_type == NLMSG_ERROR &&
		    nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
			fprintf(stderr, "  reply ERROR %d\n",
				*(const int *)NLMSG_DATA(nlh));
		else
			fprintf(stderr, "  reply type %u len %u\n",
				nlh->nlmsg_type, nlh->nlmsg_len);
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[65536] __attribute__((aligned(8)));
	struct tn_stack_stats s;
	struct fuzz_env e;
	int fd, i, verbose = getenv("FUZZ_VERBOSE") != NULL;

	if (fuzz_env_create(&e, 0) < 0) {
		fprintf(stderr, "fuzz_rtnetlink: cannot set up the stack\n");
		abort();
	}
	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	if (fd < 0) {
		fprintf(stderr, "fuzz_rtnetlink: socket: errno %d\n", errno);
		abort();
	}
	tn_send(fd, data, size, 0);
	for (i = 0; i < MAX_READS; i++) {
		ssize_t n = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0)
			break;
		if (verbose)
			show_replies(buf, (size_t)n);
	}
	if (i == MAX_READS) {
		fprintf(stderr, "fuzz_rtnetlink: replies never end\n");
		abort();
	}
	tn_close(fd);
	fuzz_env_settle(&e);
	tn_stack_get_stats(e.st, &s);
	if (s.live_socks) {
		fprintf(stderr, "fuzz_rtnetlink: %ld socks left\n",
			s.live_socks);
		abort();
	}
	fuzz_env_destroy(&e);
	return 0;
}
