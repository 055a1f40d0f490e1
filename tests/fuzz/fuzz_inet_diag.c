// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_inet_diag: the input is one datagram sent on a NETLINK_SOCK_DIAG
 * socket in netns "a" (it may hold several messages): sock_diag's
 * dispatch, inet_diag's request parsing, the bytecode audit and the
 * interpreter run over every socket, the UDP and raw dumps and dump_one.
 * Netns "a" holds the harness's sockets (UDP bound, UDP connected, ping)
 * and more: UDP on 10.0.0.1:53 bound to veth0, raw ICMP and raw UDP, and
 * TCP: a listener on 127.0.0.1:80, a connection to it (both ends) and a
 * TIME-WAIT sock, for the TCP dumps, dump_one and SOCK_DESTROY.
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

#ifndef NETLINK_SOCK_DIAG
#define NETLINK_SOCK_DIAG 4
#endif

/* A dump that does not end within this many reads is a bug. */
#define MAX_READS 4096

/* fds[3..7]: listener, client, accepted, TIME-WAIT's client and peer */
static int tcp_sockets(int fds[8])
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(80) };
	int i;

	sin.sin_addr.s_addr = htonl(0x7f000001);
	fds[3] = tn_socket(AF_INET, SOCK_STREAM, 0);
	if (fds[3] < 0 ||
	    tn_bind(fds[3], (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    tn_listen(fds[3], 8) < 0)
		return -1;
	for (i = 4; i < 8; i += 2) {
		fds[i] = tn_socket(AF_INET, SOCK_STREAM, 0);
		if (fds[i] < 0 || tn_connect(fds[i], (struct sockaddr *)&sin,
					     sizeof(sin)) < 0)
			return -1;
		fds[i + 1] = tn_accept(fds[3], NULL, NULL);
		if (fds[i + 1] < 0)
			return -1;
	}
	/* the second connection closes from both ends: TIME-WAIT */
	if (tn_shutdown(fds[6], SHUT_WR) < 0 ||
	    tn_shutdown(fds[7], SHUT_WR) < 0)
		return -1;
	return 0;
}

static int more_sockets(int fds[8])
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(53) };

	fds[0] = tn_socket(AF_INET, SOCK_DGRAM, 0);
	fds[1] = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	fds[2] = tn_socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	if (fds[0] < 0 || fds[1] < 0 || fds[2] < 0)
		return -1;
	sin.sin_addr.s_addr = htonl(0x0a000001);
	if (tn_setsockopt(fds[0], SOL_SOCKET, SO_BINDTODEVICE, "veth0", 6) < 0)
		return -1;
	if (tn_bind(fds[0], (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return -1;
	return tcp_sockets(fds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[65536] __attribute__((aligned(8)));
	struct tn_stack_stats s;
	struct fuzz_env e;
	long base_socks;
	int fd, i, fds[8];

	if (fuzz_env_create(&e, 1) < 0 || more_sockets(fds) < 0) {
		fprintf(stderr, "fuzz_inet_diag: cannot set up the stack\n");
		abort();
	}
	tn_stack_get_stats(e.st, &s);
	base_socks = s.live_socks;
	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	if (fd < 0) {
		fprintf(stderr, "fuzz_inet_diag: socket: errno %d\n", errno);
		abort();
	}
	tn_send(fd, data, size, 0);
	for (i = 0; i < MAX_READS; i++)
		if (tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			break;
	if (i == MAX_READS) {
		fprintf(stderr, "fuzz_inet_diag: replies never end\n");
		abort();
	}
	tn_close(fd);
	tn_stack_get_stats(e.st, &s);
	if (s.live_socks != base_socks) {
		fprintf(stderr, "fuzz_inet_diag: %ld socks left\n",
			s.live_socks - base_socks);
		abort();
	}
	for (i = 0; i < 8; i++)
		tn_close(fds[i]);
	fuzz_env_settle(&e);
	fuzz_env_destroy(&e);
	return 0;
}
