// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP over loopback in virtual time: socket/bind/listen/connect/accept
 * with Linux's errnos, the three-way handshake, data both ways (peek,
 * waitall, dontwait), a refused port, a full accept queue, /proc/net/tcp.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/tcp.h>
#include <poll.h>

#include <pthread.h>
#include <time.h>

#include <net/stack.h>

#include "ktest.h"
#include "kstack.h"

static struct tn_stack *st;

static void setup(void)
{
	st = kt_stack_lo_up();
}

static void teardown(void)
{
	/* TIME-WAIT and orphans go within their timers */
	tn_clock_advance(st, 200ULL * 1000000000ULL);
	kt_stack_done(st);
}

static int tcp_listener(int port, int backlog)
{
	struct sockaddr_in a = kt_lo_addr(port);
	int fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
	      0);
	KT_EQ(tn_bind(fd, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(fd, backlog), 0);
	return fd;
}

/* A connected pair over lo: *c the client, *s the accepted server end. */
static void tcp_pair(int port, int *lfd, int *c, int *s)
{
	struct sockaddr_in a = kt_lo_addr(port), peer;
	socklen_t plen = sizeof(peer);

	*lfd = tcp_listener(port, 8);
	*c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(*c >= 0);
	KT_EQ(tn_connect(*c, KT_SA(&a), sizeof(a)), 0);
	*s = tn_accept(*lfd, KT_SA(&peer), &plen);
	if (*s < 0)
		fprintf(stderr, "accept: %s\n", strerror(errno));
	KT_ASSERT(*s >= 0);
	KT_EQ(plen, sizeof(peer));
	KT_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
}

static int fcntl_nonblock(int fd)
{
	return tn_fcntl(fd, F_SETFL, tn_fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
}

static int tcp_state(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	return ti.tcpi_state;
}

static void test_socket_basics(void)
{
	struct sockaddr_in a = kt_lo_addr(5000);
	int fd, fd2, type;
	socklen_t len = sizeof(type);

	setup();
	fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &type, &len), 0);
	KT_EQ(type, IPPROTO_TCP);
	KT_EQ(tn_socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), -1);
	KT_EQ(errno, EPROTONOSUPPORT);
	/* send on an unconnected socket: EPIPE, recv: ENOTCONN */
	KT_EQ(tn_send(fd, "x", 1, MSG_NOSIGNAL), -1);
	KT_EQ(errno, EPIPE);
	KT_EQ(tn_recv(fd, &type, 1, 0), -1);
	KT_EQ(errno, ENOTCONN);
	KT_EQ(tn_bind(fd, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_bind(fd, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EINVAL);
	fd2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(fd2, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EADDRINUSE);
	KT_EQ(tn_listen(fd, 5), 0);
	KT_EQ(tcp_state(fd), TCP_LISTEN);
	/* accept without a connection, non-blocking */
	KT_EQ(fcntl_nonblock(fd), 0);
	KT_EQ(tn_accept(fd, NULL, NULL), -1);
	KT_EQ(errno, EAGAIN);
	/* getpeername on a listener */
	len = sizeof(a);
	KT_EQ(tn_getpeername(fd, KT_SA(&a), &len), -1);
	KT_EQ(errno, ENOTCONN);
	tn_close(fd);
	tn_close(fd2);
	teardown();
}

static void test_handshake_and_data(void)
{
	char buf[256];
	int l, c, s, v;
	socklen_t len;
	struct sockaddr_in a;

	setup();
	tcp_pair(6000, &l, &c, &s);
	KT_EQ(tcp_state(c), TCP_ESTABLISHED);
	KT_EQ(tcp_state(s), TCP_ESTABLISHED);
	/* the ephemeral port: even, from ip_local_port_range */
	len = sizeof(a);
	KT_EQ(tn_getsockname(c, KT_SA(&a), &len), 0);
	KT_ASSERT(ntohs(a.sin_port) >= 32768 && ntohs(a.sin_port) <= 60999);
	KT_EQ(ntohs(a.sin_port) % 2, 0);

	KT_EQ(tn_send(c, "hello", 5, 0), 5);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_PEEK), 5);
	KT_EQ(tn_ioctl(s, SIOCINQ, &v), 0);
	KT_EQ(v, 5);
	KT_EQ(tn_recv(s, buf, 3, 0), 3);
	KT_ASSERT(!memcmp(buf, "hel", 3));
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 2);
	KT_ASSERT(!memcmp(buf, "lo", 2));
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	KT_EQ(tn_send(s, "world!", 6, 0), 6);
	KT_EQ(tn_recv(c, buf, 6, MSG_WAITALL), 6);
	KT_ASSERT(!memcmp(buf, "world!", 6));

	/* close: FIN both ways; the client, closing first, ends in TIME-WAIT */
	tn_close(c);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 0);
	KT_EQ(tcp_state(s), TCP_CLOSE_WAIT);
	tn_close(s);
	tn_close(l);
	teardown();
}

static void test_refused(void)
{
	struct sockaddr_in a = kt_lo_addr(7);
	int c;

	setup();
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, ECONNREFUSED);
	tn_close(c);
	/* non-blocking: EINPROGRESS, then the error from SO_ERROR */
	c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EINPROGRESS);
	{
		int err = 0;
		socklen_t len = sizeof(err);
		struct pollfd p = { .fd = c, .events = POLLOUT };

		KT_EQ(tn_poll(&p, 1, 0), 1);
		KT_EQ(p.revents, POLLOUT | POLLERR | POLLHUP);
		KT_EQ(tn_getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
		KT_EQ(err, ECONNREFUSED);
	}
	tn_close(c);
	teardown();
}

/* 2 MiB each way over lo (MSS 65483), blocking calls, one thread */
static void test_loopback_bulk(void)
{
	enum { TOTAL = 2 * 1024 * 1024, CHUNK = 100000 };
	static unsigned char out[TOTAL], in[TOTAL];
	size_t sent = 0, rcvd = 0, k;
	int l, c, s, mss;
	socklen_t len = sizeof(mss);

	setup();
	tcp_pair(6500, &l, &c, &s);
	/* as Linux: half the largest window lo's peer offered (64 KiB) */
	KT_EQ(tn_send(c, "abc", 3, 0), 3);
	KT_EQ(tn_recv(s, in, 3, 0), 3);
	KT_EQ(tn_getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &mss, &len), 0);
	KT_EQ(mss, 32768);
	for (k = 0; k < TOTAL; k++)
		out[k] = (unsigned char)(k * 131 + (k >> 16));
	while (rcvd < TOTAL) {
		ssize_t n;

		if (sent < TOTAL) {
			n = tn_send(c, out + sent,
				    TOTAL - sent < CHUNK ? TOTAL - sent : CHUNK,
				    MSG_DONTWAIT);
			if (n > 0)
				sent += (size_t)n;
		}
		n = tn_recv(s, in + rcvd, TOTAL - rcvd, MSG_DONTWAIT);
		if (n > 0)
			rcvd += (size_t)n;
		else
			tn_clock_advance(st, 1000000ULL);
	}
	KT_ASSERT(!memcmp(in, out, TOTAL));
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

struct blocker {
	struct tn_stack *st;
	struct tn_task *task;
	pthread_t th;
	int fd, ret, err;
	char buf[16];
};

static void *accept_then_waitall(void *arg)
{
	struct blocker *b = arg;
	int s;

	tn_stack_attach(b->st);
	tn_task_attach(b->task);
	s = tn_accept(b->fd, NULL, NULL);
	b->fd = s;
	b->ret = (int)tn_recv(s, b->buf, 10, MSG_WAITALL);
	b->err = errno;
	tn_task_attach(NULL);
	return NULL;
}

static void wait_asleep(struct blocker *b)
{
	struct timespec ms = { .tv_nsec = 1000000 };
	bool asleep = false;
	int i;

	for (i = 0; i < 5000 && !asleep; i++) {
		nanosleep(&ms, NULL);
		stack_enter(st);
		asleep = b->task->sleeper != NULL;
		stack_exit(st);
	}
	KT_ASSERT(asleep);
}

/* accept() and recv(MSG_WAITALL) block in another thread until served */
static void test_blocking_calls(void)
{
	struct sockaddr_in a = kt_lo_addr(6600);
	struct blocker b = { 0 };
	struct tn_task *self;
	int c, l;

	setup();
	stack_enter(st);
	self = current_task();
	stack_exit(st);
	b.st = st;
	b.task = tn_task_clone(self, TN_CLONE_FILES);
	KT_ASSERT(b.task);
	l = tcp_listener(6600, 4);
	b.fd = l;
	KT_EQ(pthread_create(&b.th, NULL, accept_then_waitall, &b), 0);
	wait_asleep(&b); /* in accept */
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_send(c, "12345", 5, 0), 5);
	wait_asleep(&b); /* in recv, half served */
	KT_EQ(tn_send(c, "67890", 5, 0), 5);
	pthread_join(b.th, NULL);
	KT_EQ(b.ret, 10);
	KT_ASSERT(!memcmp(b.buf, "1234567890", 10));
	tn_close(b.fd);
	tn_close(c);
	tn_close(l);
	tn_task_destroy(b.task);
	teardown();
}

/* A stack may go with connections open, orphans and TIME-WAIT inside. */
static void test_destroy_with_connections(void)
{
	int l, c, s, c2, s2;

	setup();
	tcp_pair(6900, &l, &c, &s);
	KT_EQ(tn_send(c, "pending", 7, 0), 7);
	c2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	{
		struct sockaddr_in a = kt_lo_addr(6900);

		KT_EQ(tn_connect(c2, KT_SA(&a), sizeof(a)), 0);
	}
	s2 = tn_accept(l, NULL, NULL);
	tn_close(c2); /* an orphan in FIN-WAIT-2 */
	tn_close(s2); /* and TIME-WAIT */
	(void)s;
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_socket_basics), KT(test_destroy_with_connections),
	   KT(test_blocking_calls), KT(test_loopback_bulk),
	   KT(test_handshake_and_data), KT(test_refused))
