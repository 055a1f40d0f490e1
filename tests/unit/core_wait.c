// SPDX-License-Identifier: BSD-2-Clause
/*
 * Waiting on sockets through the stack's own wait queues, with UDP over
 * loopback: poll, select and epoll (level-triggered, edge-triggered,
 * one-shot), blocking receive woken by a sender, SO_RCVTIMEO on virtual
 * time, and O_NONBLOCK.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#include <tuxnet/tuxnet.h>

#include <net/stack.h>

#include "ktest.h"
#include "kstack.h"

static struct tn_stack *st;

#define SA(p) KT_SA(p)

static void setup(void)
{
	st = kt_stack_lo_up();
}

static void teardown(void)
{
	kt_stack_done(st);
}

static void test_poll_and_select(void)
{
	struct pollfd p;
	struct timeval tv = { 0 };
	fd_set r, w;
	int rx, tx;
	char c;

	setup();
	kt_udp_pair(5001, &rx, &tx);
	p = (struct pollfd){ .fd = rx, .events = POLLIN | POLLOUT };
	KT_EQ(tn_poll(&p, 1, 0), 1);
	KT_EQ(p.revents, POLLOUT);
	FD_ZERO(&r);
	FD_SET(rx, &r);
	KT_EQ(tn_select(rx + 1, &r, NULL, NULL, &tv), 0); /* nothing yet */

	KT_EQ(tn_send(tx, "x", 1, 0), 1);
	KT_EQ(tn_poll(&p, 1, 0), 1);
	KT_EQ(p.revents, POLLIN | POLLOUT);
	FD_ZERO(&r);
	FD_SET(rx, &r);
	FD_ZERO(&w);
	FD_SET(tx, &w);
	KT_EQ(tn_select(tx > rx ? tx + 1 : rx + 1, &r, &w, NULL, NULL), 2);
	KT_ASSERT(FD_ISSET(rx, &r) && FD_ISSET(tx, &w));
	KT_EQ(tn_recv(rx, &c, 1, 0), 1);
	FD_ZERO(&r);
	FD_SET(60, &r); /* closed, within the fd table */
	KT_EQ(tn_select(61, &r, NULL, NULL, &tv), -1);
	KT_EQ(errno, EBADF);
	tn_close(rx);
	tn_close(tx);
	teardown();
}

static void test_epoll_level_edge_oneshot(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 }, out[4];
	int ep, rx, tx;
	char c;

	setup();
	kt_udp_pair(5002, &rx, &tx);
	ep = tn_epoll_create1(EPOLL_CLOEXEC);
	KT_ASSERT(ep >= 3);
	KT_EQ(tn_epoll_ctl(ep, EPOLL_CTL_ADD, rx, &ev), 0);
	KT_EQ(tn_epoll_ctl(ep, EPOLL_CTL_ADD, rx, &ev), -1);
	KT_EQ(errno, EEXIST);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 0);

	/* Level-triggered: reported while data is there. */
	KT_EQ(tn_send(tx, "a", 1, 0), 1);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 1);
	KT_EQ(out[0].events, EPOLLIN);
	KT_EQ(out[0].data.u64, 42);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 1);
	KT_EQ(tn_recv(rx, &c, 1, 0), 1);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 0);

	/* Edge-triggered: once per arrival. */
	ev.events = EPOLLIN | EPOLLET;
	KT_EQ(tn_epoll_ctl(ep, EPOLL_CTL_MOD, rx, &ev), 0);
	KT_EQ(tn_send(tx, "b", 1, 0), 1);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 1);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 0);
	KT_EQ(tn_send(tx, "c", 1, 0), 1);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 1);
	KT_EQ(tn_recv(rx, &c, 1, 0), 1);
	KT_EQ(tn_recv(rx, &c, 1, 0), 1);

	/* One-shot: reported once, then disarmed until re-armed. */
	ev.events = EPOLLIN | EPOLLONESHOT;
	KT_EQ(tn_epoll_ctl(ep, EPOLL_CTL_MOD, rx, &ev), 0);
	KT_EQ(tn_send(tx, "d", 1, 0), 1);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 1);
	KT_EQ(tn_send(tx, "e", 1, 0), 1);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 0);
	KT_EQ(tn_epoll_ctl(ep, EPOLL_CTL_MOD, rx, &ev), 0);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 1);

	/* A closed fd leaves the set. */
	KT_EQ(tn_close(rx), 0);
	KT_EQ(tn_epoll_wait(ep, out, 4, 0), 0);
	KT_EQ(tn_epoll_ctl(ep, EPOLL_CTL_DEL, tx, NULL), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_epoll_wait(ep, out, 0, 0), -1);
	KT_EQ(errno, EINVAL);
	tn_close(ep);
	tn_close(tx);
	teardown();
}

struct receiver {
	int fd;
	ssize_t n;
	int err;
	char buf[8];
};

static void *receiver_fn(void *arg)
{
	struct receiver *r = arg;

	tn_stack_attach(st);
	r->n = tn_recv(r->fd, r->buf, sizeof(r->buf), 0);
	r->err = errno;
	return NULL;
}

/* Until the thread blocked in @fd's socket is asleep on its queue. */
static void wait_blocked(void)
{
	bool asleep = false;

	while (!asleep) {
		stack_enter(st);
		asleep = st->init_task->sleeper != NULL;
		stack_exit(st);
		sched_yield();
	}
}

static void test_blocking_recv_is_woken_by_a_sender(void)
{
	struct receiver r = { 0 };
	pthread_t th;
	int tx;

	setup();
	kt_udp_pair(5003, &r.fd, &tx);
	pthread_create(&th, NULL, receiver_fn, &r);
	wait_blocked();
	KT_EQ(tn_send(tx, "hello", 5, 0), 5);
	pthread_join(th, NULL);
	KT_EQ(r.n, 5);
	KT_ASSERT(!memcmp(r.buf, "hello", 5));
	tn_close(r.fd);
	tn_close(tx);
	teardown();
}

static void test_rcvtimeo_runs_on_virtual_time(void)
{
	struct timeval tv = { .tv_sec = 30 };
	struct receiver r = { 0 };
	struct timespec t0, t1;
	pthread_t th;
	int tx;

	setup();
	kt_udp_pair(5004, &r.fd, &tx);
	KT_EQ(tn_setsockopt(r.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	tn_clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_create(&th, NULL, receiver_fn, &r);
	wait_blocked();
	tn_clock_advance(st, 29 * NSEC_PER_SEC);
	stack_enter(st);
	KT_ASSERT(st->init_task->sleeper != NULL); /* not yet */
	stack_exit(st);
	tn_clock_advance(st, NSEC_PER_SEC);
	pthread_join(th, NULL);
	tn_clock_gettime(CLOCK_MONOTONIC, &t1);
	KT_EQ(r.n, -1);
	KT_EQ(r.err, EAGAIN);
	KT_EQ(t1.tv_sec - t0.tv_sec, 30);
	tn_close(r.fd);
	tn_close(tx);
	teardown();
}

static void test_nonblocking(void)
{
	int rx, tx, fl;
	char c;

	setup();
	kt_udp_pair(5005, &rx, &tx);
	KT_EQ(tn_recv(rx, &c, 1, MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	fl = tn_fcntl(rx, F_GETFL, 0);
	KT_EQ(tn_fcntl(rx, F_SETFL, fl | O_NONBLOCK), 0);
	KT_ASSERT(tn_fcntl(rx, F_GETFL, 0) & O_NONBLOCK);
	KT_EQ(tn_recv(rx, &c, 1, 0), -1);
	KT_EQ(errno, EAGAIN);
	KT_EQ(tn_fcntl(rx, F_SETFL, fl), 0);
	KT_EQ(tn_fcntl(77, F_GETFL, 0), -1);
	KT_EQ(errno, EBADF);
	tn_close(rx);
	tn_close(tx);
	rx = tn_socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	KT_EQ(tn_recv(rx, &c, 1, 0), -1);
	KT_EQ(errno, EAGAIN);
	tn_close(rx);
	teardown();
}

KTEST_MAIN(KT(test_poll_and_select), KT(test_epoll_level_edge_oneshot),
	   KT(test_blocking_recv_is_woken_by_a_sender),
	   KT(test_rcvtimeo_runs_on_virtual_time), KT(test_nonblocking))
