// SPDX-License-Identifier: BSD-2-Clause
/*
 * Urgent data as Linux receives it, between two namespaces over veth in
 * virtual time: send(MSG_OOB) marks the last byte urgent, a read stops
 * at the mark, SIOCATMARK and POLLPRI say it is there, recv(MSG_OOB)
 * takes the byte once (EINVAL before, after, and with SO_OOBINLINE, when
 * it stays in the stream), a newer urgent byte replaces an unread one.
 * The expected sequence is what Linux 6.18 printed for the same calls
 * over veth between two netns.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define NSEC_PER_MSEC 1000000ULL

static struct tn_stack *st;

static int atmark(int fd)
{
	int v = -1;

	KT_EQ(tn_ioctl(fd, SIOCATMARK, &v), 0);
	return v;
}

static int pollmask(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLPRI };

	KT_ASSERT(tn_poll(&p, 1, 0) >= 0);
	return p.revents;
}

/* recv into @buf (NUL-terminated); -errno on failure */
static int rd(int fd, char *buf, int flags)
{
	ssize_t n = tn_recv(fd, buf, 99, flags | MSG_DONTWAIT);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return (int)n;
}

static void sendx(int fd, const char *s, int flags)
{
	KT_EQ(tn_send(fd, s, strlen(s), flags), (ssize_t)strlen(s));
}

static void run(int inline_)
{
	char buf[100];
	int l, c, s, one = 1;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(8001, &l, &c, &s);
	if (inline_)
		KT_EQ(tn_setsockopt(s, SOL_SOCKET, SO_OOBINLINE, &one,
				    sizeof(one)),
		      0);
	KT_EQ(rd(s, buf, MSG_OOB), -EINVAL);
	sendx(c, "abc", 0);
	sendx(c, "X", MSG_OOB);
	sendx(c, "def", 0);
	tn_clock_advance(st, 200 * NSEC_PER_MSEC);
	KT_EQ(pollmask(s), POLLIN | POLLPRI);
	KT_EQ(atmark(s), 0);
	KT_EQ(rd(s, buf, 0), 3);
	KT_ASSERT(!strcmp(buf, "abc"));
	KT_EQ(atmark(s), 1);
	KT_EQ(pollmask(s), POLLIN | POLLPRI);
	if (inline_) {
		KT_EQ(rd(s, buf, MSG_OOB), -EINVAL);
		KT_EQ(rd(s, buf, 0), 4);
		KT_ASSERT(!strcmp(buf, "Xdef"));
	} else {
		KT_EQ(rd(s, buf, MSG_OOB | MSG_PEEK), 1);
		KT_EQ(rd(s, buf, MSG_OOB), 1);
		KT_EQ(buf[0], 'X');
		KT_EQ(rd(s, buf, MSG_OOB), -EINVAL);
		KT_EQ(rd(s, buf, 0), 3);
		KT_ASSERT(!strcmp(buf, "def"));
	}
	KT_EQ(atmark(s), 0);
	/* a second urgent byte replaces the first, unread one */
	sendx(c, "12", MSG_OOB);
	sendx(c, "Y", MSG_OOB);
	tn_clock_advance(st, 200 * NSEC_PER_MSEC);
	KT_EQ(rd(s, buf, 0), 2);
	KT_ASSERT(!strcmp(buf, "12"));
	KT_EQ(atmark(s), 1);
	if (inline_) {
		KT_EQ(rd(s, buf, MSG_OOB), -EINVAL);
		KT_EQ(rd(s, buf, 0), 1);
		KT_EQ(buf[0], 'Y');
	} else {
		KT_EQ(rd(s, buf, MSG_OOB), 1);
		KT_EQ(buf[0], 'Y');
		KT_EQ(rd(s, buf, 0), -EAGAIN);
	}
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

static void test_oob(void)
{
	run(0);
}

static void test_oobinline(void)
{
	run(1);
}

KTEST_MAIN(KT(test_oob), KT(test_oobinline))
