// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP_INQ: with the option on, recvmsg adds a TCP_CM_INQ control message
 * with the bytes left to read (1 once a FIN came and all is read), as
 * Linux 6.18 does; without it, no control message.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>

#include "ktest.h"
#include "kstack.h"

#define KT_SA(p) ((struct sockaddr *)(void *)(p))

/* recvmsg of up to @len bytes; *@inq the TCP_CM_INQ value or -1 */
static ssize_t recv_inq(int fd, size_t len, int *inq)
{
	char buf[64], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	ssize_t n = tn_recvmsg(fd, &msg, MSG_DONTWAIT);

	*inq = -1;
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm))
		if (cm->cmsg_level == IPPROTO_TCP &&
		    cm->cmsg_type == TCP_CM_INQ)
			memcpy(inq, CMSG_DATA(cm), sizeof(int));
	return n;
}

static void test_inq_cmsg(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in a = kt_lo_addr(9800);
	int l, c, s, one = 1, inq;

	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 1), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	KT_EQ(tn_send(c, "0123456789", 10, 0), 10);
	KT_EQ(recv_inq(s, 3, &inq), 3);
	KT_EQ(inq, -1);
	KT_EQ(tn_setsockopt(s, IPPROTO_TCP, TCP_INQ, &one, sizeof(one)), 0);
	KT_EQ(recv_inq(s, 3, &inq), 3);
	KT_EQ(inq, 4);
	KT_EQ(tn_shutdown(c, SHUT_WR), 0);
	KT_EQ(recv_inq(s, 10, &inq), 4);
	KT_EQ(inq, 1);
	KT_EQ(recv_inq(s, 10, &inq), 0);
	KT_EQ(inq, 1);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 200ULL * 1000000000ULL);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_inq_cmsg))
