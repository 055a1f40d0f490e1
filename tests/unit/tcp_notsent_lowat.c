// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP_NOTSENT_LOWAT and net.ipv4.tcp_notsent_lowat, as Linux 6.18 gives
 * them (the same calls on the kernel over its loopback): with the peer's
 * window full, poll reports POLLOUT only while twice the unsent bytes
 * are below the mark; the option 0 falls back to the sysctl (default
 * UINT_MAX: no limit); sendmsg stops taking data once the unsent bytes
 * reach the mark, and the peer reading wakes the writer.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <linux/tcp.h>

#include "ktest.h"
#include "kstack.h"

#define KT_SA(p)      ((struct sockaddr *)(void *)(p))
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC  1000000000ULL

static struct tn_stack *st;

static unsigned int notsent(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	return ti.tcpi_notsent_bytes;
}

static int pollout(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };

	KT_ASSERT(tn_poll(&p, 1, 0) >= 0);
	return !!(p.revents & POLLOUT);
}

static void lowat(int fd, unsigned int v)
{
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_NOTSENT_LOWAT, &v, sizeof(v)),
	      0);
}

static void write_sysctl(const char *v)
{
	int fd = tn_open("/proc/sys/net/ipv4/tcp_notsent_lowat", O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, v, strlen(v)), (ssize_t)strlen(v));
	tn_close(fd);
}

/* a client whose peer (4 KiB receive buffer, never read) is full */
static void full_pair(int *l, int *c, int *s)
{
	static char buf[1000];
	struct sockaddr_in a = kt_lo_addr(9700);
	int rb = 4096, sb = 1 << 20, one = 1, v = -1, i;
	socklen_t vl = sizeof(v);

	*l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(*l, SOL_SOCKET, SO_RCVBUF, &rb, sizeof(rb)), 0);
	KT_EQ(tn_bind(*l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(*l, 1), 0);
	*c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(*c, SOL_SOCKET, SO_SNDBUF, &sb, sizeof(sb)), 0);
	KT_EQ(tn_setsockopt(*c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)),
	      0);
	KT_EQ(tn_getsockopt(*c, IPPROTO_TCP, TCP_NOTSENT_LOWAT, &v, &vl), 0);
	KT_EQ(v, 0);
	KT_EQ(tn_connect(*c, KT_SA(&a), sizeof(a)), 0);
	*s = tn_accept(*l, NULL, NULL);
	KT_ASSERT(*s >= 0);
	for (i = 0; i < 1000 && !notsent(*c); i++) {
		KT_EQ(tn_send(*c, buf, sizeof(buf), MSG_DONTWAIT), 1000);
		tn_clock_advance(st, NSEC_PER_MSEC);
	}
	KT_EQ(tn_send(*c, buf, sizeof(buf), MSG_DONTWAIT), 1000);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_ASSERT(notsent(*c) >= 1000);
}

static void test_poll_half_mark(void)
{
	static char buf[65536];
	unsigned int n;
	int l, c, s;

	st = kt_stack_lo_up();
	full_pair(&l, &c, &s);
	n = notsent(c);
	/* the sysctl's UINT_MAX: writable */
	KT_EQ(pollout(c), 1);
	lowat(c, 2 * n + 1);
	KT_EQ(pollout(c), 1);
	lowat(c, 2 * n);
	KT_EQ(pollout(c), 0);
	lowat(c, n + 1);
	KT_EQ(pollout(c), 0);
	/* sendmsg wants only notsent < mark: a byte more is taken */
	KT_EQ(tn_send(c, buf, 1, MSG_DONTWAIT), 1);
	lowat(c, n);
	/* at the mark: what fits the tail segment at most, then EAGAIN */
	{
		ssize_t r = tn_send(c, buf, 3000, MSG_DONTWAIT);

		KT_ASSERT(r < 3000);
		if (r < 0)
			KT_EQ(errno, EAGAIN);
		KT_EQ(tn_send(c, buf, 3000, MSG_DONTWAIT), -1);
		KT_EQ(errno, EAGAIN);
	}
	/* the option 0: the sysctl's mark */
	lowat(c, 0);
	KT_EQ(pollout(c), 1);
	write_sysctl("100\n");
	KT_EQ(pollout(c), 0);
	/* the peer reads everything: all is sent, POLLOUT again */
	while (notsent(c)) {
		KT_ASSERT(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT) > 0);
		tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	}
	KT_EQ(pollout(c), 1);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 200ULL * NSEC_PER_SEC);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_poll_half_mark))
