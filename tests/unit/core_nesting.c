// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where the wait machinery meets its limits, each case as Linux 6.18
 * answers it: epoll instances inside one another (a cycle or a chain
 * longer than EP_MAX_NESTS is ELOOP, and wake-ups still travel up the
 * longest allowed chain), EPOLLEXCLUSIVE (its EINVAL cases, and a
 * wake-up that goes to one exclusive waiter only), select() and poll()
 * with huge or negative timeouts, select() with bits beyond the fd table,
 * and fcntl F_DUPFD / F_DUPFD_CLOEXEC.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
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

static int ctl(int ep, int op, int fd, unsigned int events)
{
	struct epoll_event ev = { .events = events };

	return tn_epoll_ctl(ep, op, fd, &ev);
}

#define KT_ERR(call, err)            \
	do {                         \
		KT_EQ((call), -1);   \
		KT_EQ(errno, (err)); \
	} while (0)

static void test_epoll_nesting(void)
{
	struct epoll_event out[2];
	struct pollfd p;
	int e[3], a[6], b[6], i, rx, tx;
	char c;

	setup();
	for (i = 0; i < 3; i++)
		e[i] = tn_epoll_create1(0);
	for (i = 0; i < 6; i++) {
		a[i] = tn_epoll_create1(0);
		b[i] = tn_epoll_create1(0);
	}
	/* Itself: EINVAL; a cycle, direct or not: ELOOP. */
	KT_ERR(ctl(e[0], EPOLL_CTL_ADD, e[0], EPOLLIN), EINVAL);
	KT_EQ(ctl(e[0], EPOLL_CTL_ADD, e[1], EPOLLIN), 0);
	KT_ERR(ctl(e[1], EPOLL_CTL_ADD, e[0], EPOLLIN), ELOOP);
	KT_EQ(ctl(e[1], EPOLL_CTL_ADD, e[2], EPOLLIN), 0);
	KT_ERR(ctl(e[2], EPOLL_CTL_ADD, e[0], EPOLLIN), ELOOP);
	KT_ERR(ctl(e[0], EPOLL_CTL_ADD, e[1], EPOLLIN), EEXIST);
	KT_EQ(ctl(e[0], EPOLL_CTL_ADD, e[2], EPOLLIN), 0); /* a diamond */

	/* Top down: a0 > a1 > ... five instances deep, not six. */
	for (i = 0; i < 4; i++)
		KT_EQ(ctl(a[i], EPOLL_CTL_ADD, a[i + 1], EPOLLIN), 0);
	KT_ERR(ctl(a[4], EPOLL_CTL_ADD, a[5], EPOLLIN), ELOOP);
	/* Bottom up: the same limit. */
	for (i = 0; i < 4; i++)
		KT_EQ(ctl(b[i + 1], EPOLL_CTL_ADD, b[i], EPOLLIN), 0);
	KT_ERR(ctl(b[5], EPOLL_CTL_ADD, b[4], EPOLLIN), ELOOP);
	/* Joining two chains in the middle counts both halves. */
	KT_ERR(ctl(a[2], EPOLL_CTL_ADD, b[2], EPOLLIN), ELOOP);
	KT_ERR(ctl(b[5], EPOLL_CTL_ADD, a[0], EPOLLIN), ELOOP);
	KT_EQ(ctl(b[5], EPOLL_CTL_ADD, a[1], EPOLLIN), 0);

	/* A datagram at the bottom wakes the whole chain, and the cycle
	 * refused above does not turn into an endless wake-up. */
	kt_udp_pair(5101, &rx, &tx);
	KT_EQ(ctl(a[4], EPOLL_CTL_ADD, rx, EPOLLIN), 0);
	KT_EQ(ctl(e[2], EPOLL_CTL_ADD, rx, EPOLLIN), 0);
	KT_EQ(tn_epoll_wait(a[0], out, 2, 0), 0);
	KT_EQ(tn_send(tx, "x", 1, 0), 1);
	KT_EQ(tn_epoll_wait(a[0], out, 2, 0), 1);
	KT_EQ(out[0].events, EPOLLIN);
	KT_EQ(tn_epoll_wait(e[0], out, 2, 0), 2); /* e1 and e2 */
	p = (struct pollfd){ .fd = a[0], .events = POLLIN };
	KT_EQ(tn_poll(&p, 1, 0), 1);
	KT_EQ(p.revents, POLLIN);
	KT_EQ(tn_recv(rx, &c, 1, 0), 1);
	KT_EQ(tn_epoll_wait(a[0], out, 2, 0), 0);
	KT_EQ(tn_poll(&p, 1, 0), 0);

	/* Closing the middle of a chain shortens it. */
	KT_ERR(ctl(b[0], EPOLL_CTL_ADD, a[3], EPOLLIN), ELOOP);
	KT_EQ(tn_close(a[2]), 0);
	KT_EQ(ctl(b[5], EPOLL_CTL_ADD, a[0], EPOLLIN), 0);
	KT_ERR(ctl(b[0], EPOLL_CTL_ADD, a[3], EPOLLIN), ELOOP);
	KT_EQ(ctl(b[3], EPOLL_CTL_ADD, a[3], EPOLLIN), 0);

	for (i = 0; i < 3; i++)
		tn_close(e[i]);
	for (i = 0; i < 6; i++) {
		if (i != 2)
			tn_close(a[i]);
		tn_close(b[i]);
	}
	tn_close(rx);
	tn_close(tx);
	teardown();
}

static void test_epollexclusive_einval(void)
{
	int x, y, s2, s3, tx;

	setup();
	x = tn_epoll_create1(0);
	y = tn_epoll_create1(0);
	kt_udp_pair(5102, &s2, &tx);
	s3 = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(ctl(x, EPOLL_CTL_ADD, s2, EPOLLIN | EPOLLEXCLUSIVE), 0);
	/* An exclusive entry cannot be modified at all. */
	KT_ERR(ctl(x, EPOLL_CTL_MOD, s2, EPOLLIN), EINVAL);
	KT_ERR(ctl(x, EPOLL_CTL_MOD, s2, EPOLLIN | EPOLLEXCLUSIVE), EINVAL);
	KT_EQ(tn_epoll_ctl(x, EPOLL_CTL_DEL, s2, NULL), 0);
	/* MOD with it: EINVAL, even for an fd not in the set. */
	KT_EQ(ctl(x, EPOLL_CTL_ADD, s2, EPOLLIN), 0);
	KT_ERR(ctl(x, EPOLL_CTL_MOD, s2, EPOLLIN | EPOLLEXCLUSIVE), EINVAL);
	KT_ERR(ctl(x, EPOLL_CTL_MOD, s3, 0x12345678 | EPOLLEXCLUSIVE), EINVAL);
	KT_ERR(ctl(x, EPOLL_CTL_MOD, y, EPOLLIN), ENOENT);
	/* ADD with it and any bit outside the allowed set. */
	KT_ERR(ctl(x, EPOLL_CTL_ADD, s3,
		   EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT),
	       EINVAL);
	KT_ERR(ctl(x, EPOLL_CTL_ADD, s3, EPOLLIN | EPOLLEXCLUSIVE | EPOLLPRI),
	       EINVAL);
	KT_ERR(ctl(x, EPOLL_CTL_ADD, s3, EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP),
	       EINVAL);
	KT_ERR(ctl(x, EPOLL_CTL_ADD, s3,
		   EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDNORM),
	       EINVAL);
	KT_EQ(ctl(x, EPOLL_CTL_ADD, s3, EPOLLEXCLUSIVE), 0);
	KT_EQ(tn_epoll_ctl(x, EPOLL_CTL_DEL, s3, NULL), 0);
	KT_EQ(ctl(x, EPOLL_CTL_ADD, s3,
		  EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP |
			  EPOLLET | EPOLLEXCLUSIVE),
	      0);
	KT_EQ(tn_epoll_ctl(x, EPOLL_CTL_DEL, s3, NULL), 0);
	/* On an epoll instance, or on itself: EINVAL. */
	KT_ERR(ctl(x, EPOLL_CTL_ADD, y, EPOLLIN | EPOLLEXCLUSIVE), EINVAL);
	KT_ERR(ctl(x, EPOLL_CTL_ADD, x, EPOLLIN | EPOLLEXCLUSIVE), EINVAL);
	KT_ERR(tn_epoll_ctl(x, EPOLL_CTL_DEL, x, NULL), EINVAL);
	/* The event is read before the op is looked at. */
	KT_ERR(tn_epoll_ctl(x, EPOLL_CTL_MOD, s3, NULL), EFAULT);
	KT_ERR(ctl(x, 99, s3, EPOLLIN), EINVAL);
	KT_ERR(tn_epoll_ctl(x, 99, s3, NULL), EFAULT);
	KT_EQ(ctl(x, EPOLL_CTL_ADD, s3, 0xffffffffu & ~EPOLLEXCLUSIVE), 0);
	tn_close(x);
	tn_close(y);
	tn_close(s2);
	tn_close(s3);
	tn_close(tx);
	teardown();
}

struct epoll_sleeper {
	int ep;
	int n;
};

static void *epoll_sleeper_fn(void *arg)
{
	struct epoll_sleeper *s = arg;
	struct epoll_event ev;

	tn_stack_attach(st);
	s->n = tn_epoll_wait(s->ep, &ev, 1, -1);
	return NULL;
}

/* Until the thread blocked in epoll_wait is asleep. */
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

/*
 * Two instances watch one socket; a thread sleeps on the first.  With
 * EPOLLEXCLUSIVE the datagram's wake-up stops at that sleeper and the
 * second instance never hears of it; without, both do.  With nobody
 * asleep, every exclusive item is told (there is no one to prefer).
 */
static void exclusive_case(unsigned int excl, int port, int ep2_expect)
{
	struct epoll_sleeper s = { 0 };
	struct epoll_event ev;
	pthread_t th;
	int ep2, rx, tx;
	char c;

	kt_udp_pair(port, &rx, &tx);
	s.ep = tn_epoll_create1(0);
	ep2 = tn_epoll_create1(0);
	KT_EQ(ctl(s.ep, EPOLL_CTL_ADD, rx, EPOLLIN | excl), 0);
	KT_EQ(ctl(ep2, EPOLL_CTL_ADD, rx, EPOLLIN | excl), 0);
	pthread_create(&th, NULL, epoll_sleeper_fn, &s);
	wait_blocked();
	KT_EQ(tn_send(tx, "x", 1, 0), 1);
	pthread_join(th, NULL);
	KT_EQ(s.n, 1);
	KT_EQ(tn_epoll_wait(ep2, &ev, 1, 0), ep2_expect);
	KT_EQ(tn_recv(rx, &c, 1, 0), 1);
	KT_EQ(tn_send(tx, "y", 1, 0), 1);
	KT_EQ(tn_epoll_wait(s.ep, &ev, 1, 0), 1);
	KT_EQ(tn_epoll_wait(ep2, &ev, 1, 0), 1);
	KT_EQ(tn_close(rx), 0); /* the group goes with its last item */
	tn_close(tx);
	tn_close(s.ep);
	tn_close(ep2);
}

static void test_epollexclusive_wakes_one(void)
{
	setup();
	exclusive_case(0, 5103, 1);
	exclusive_case(EPOLLEXCLUSIVE, 5104, 0);
	teardown();
}

/* select() for reading on @fd alone, with the timeout @sec.@usec */
static int sel1(int fd, fd_set *r, struct timeval *tv, long sec, long usec)
{
	FD_ZERO(r);
	FD_SET(fd, r);
	tv->tv_sec = sec;
	tv->tv_usec = usec;
	return tn_select(fd + 1, r, NULL, NULL, tv);
}

static void test_select_poll_timeouts(void)
{
	struct epoll_event ev;
	struct timespec now;
	struct timeval tv;
	struct pollfd p;
	fd_set r;
	int rx, tx, ep;

	setup();
	kt_udp_pair(5105, &rx, &tx);
	KT_EQ(tn_send(tx, "x", 1, 0), 1);
#define SEL(sec, usec) sel1(rx, &r, &tv, (sec), (usec))
	/* Huge: no overflow; the deadline saturates at the largest time, and
	 * what is left is counted from there, as Linux counts it. */
	tn_clock_gettime(CLOCK_MONOTONIC, &now);
	KT_EQ(SEL(LONG_MAX, 0), 1);
	KT_ASSERT(FD_ISSET(rx, &r));
	KT_EQ(tv.tv_sec, LONG_MAX - now.tv_sec - (now.tv_nsec ? 1 : 0));
	KT_EQ(SEL(LONG_MAX, 999999), 1);
	KT_EQ(SEL(LONG_MAX, 1000000), 1);
	KT_EQ(SEL(LONG_MAX - 1, 999999999), 1);
	KT_EQ(SEL(1000000000000L, 0), 1);
	KT_EQ(tv.tv_sec, 1000000000000L);
	KT_EQ(tv.tv_usec, 0);
	/* Microseconds beyond a second are normalized. */
	KT_EQ(SEL(9223372036L, 854775807L), 1);
	KT_EQ(tv.tv_sec, 9223372036L + 854);
	KT_EQ(tv.tv_usec, 775807);
	KT_EQ(SEL(0, 1000000), 1);
	KT_EQ(tv.tv_sec, 1);
	/* Negative: EINVAL, and the timeval is left alone. */
	KT_ERR(SEL(-1, 0), EINVAL);
	KT_ERR(SEL(0, -1), EINVAL);
	KT_ERR(SEL(1, -1), EINVAL);
	KT_ERR(SEL(5, -1000000), EINVAL);
	KT_ERR(SEL(LONG_MIN, 0), EINVAL);
	KT_EQ(tv.tv_sec, LONG_MIN);
	/* Zero: no wait, and nothing written back. */
	KT_EQ(SEL(0, 0), 1);
	KT_EQ(tv.tv_sec, 0);
	KT_EQ(tv.tv_usec, 0);
#undef SEL
	/* poll and epoll_wait: any negative timeout is "forever". */
	p = (struct pollfd){ .fd = rx, .events = POLLIN };
	KT_EQ(tn_poll(&p, 1, INT_MIN), 1);
	KT_EQ(tn_poll(&p, 1, -5), 1);
	KT_EQ(tn_poll(&p, 1, INT_MAX), 1);
	ep = tn_epoll_create1(0);
	KT_EQ(ctl(ep, EPOLL_CTL_ADD, rx, EPOLLIN), 0);
	KT_EQ(tn_epoll_wait(ep, &ev, 1, INT_MIN), 1);
	KT_EQ(tn_epoll_wait(ep, &ev, 1, INT_MAX), 1);
	tn_close(ep);
	tn_close(rx);
	tn_close(tx);
	teardown();
}

/*
 * Bits for fds beyond the task's fd table (64 slots until an fd needs
 * more, as Linux's NR_OPEN_DEFAULT) are ignored and left as they were;
 * within it, a closed fd is EBADF.
 */
static void test_select_beyond_fd_table(void)
{
	struct timeval tv = { 0 };
	fd_set r, w;
	int rx, tx, hi;

	setup();
	kt_udp_pair(5106, &rx, &tx);
	FD_ZERO(&r);
	FD_SET(99, &r);
	KT_EQ(tn_select(100, &r, NULL, NULL, &tv), 0);
	KT_ASSERT(FD_ISSET(99, &r));
	FD_ZERO(&r);
	FD_SET(63, &r);
	KT_ERR(tn_select(100, &r, NULL, NULL, &tv), EBADF);
	FD_ZERO(&r);
	FD_SET(64, &r);
	KT_EQ(tn_select(100, &r, NULL, NULL, &tv), 0);
	KT_ASSERT(FD_ISSET(64, &r));
	FD_ZERO(&w);
	FD_SET(tx, &w);
	FD_SET(64, &w);
	FD_SET(65, &w);
	KT_EQ(tn_select(100, NULL, &w, NULL, &tv), 1);
	KT_ASSERT(FD_ISSET(tx, &w) && FD_ISSET(64, &w) && FD_ISSET(65, &w));
	FD_ZERO(&r);
	FD_SET(1023, &r);
	KT_EQ(tn_select(1024, &r, NULL, NULL, &tv), 0);
	KT_ASSERT(FD_ISSET(1023, &r));
	FD_ZERO(&r);
	KT_EQ(tn_select(INT_MAX, &r, NULL, NULL, &tv), 0);
	KT_ERR(tn_select(-1, &r, NULL, NULL, &tv), EINVAL);
	/* An fd at 70 grows the table to 128: 99 is now a closed fd. */
	hi = tn_fcntl(rx, F_DUPFD, 70);
	KT_EQ(hi, 70);
	FD_ZERO(&r);
	FD_SET(99, &r);
	KT_ERR(tn_select(100, &r, NULL, NULL, &tv), EBADF);
	FD_ZERO(&r);
	FD_SET(200, &r);
	KT_EQ(tn_select(201, &r, NULL, NULL, &tv), 0);
	tn_close(hi);
	tn_close(rx);
	tn_close(tx);
	teardown();
}

static void test_fcntl_dupfd(void)
{
	int rx, tx, d0, d, fl;
	char c;

	setup();
	kt_udp_pair(5107, &rx, &tx);
	d0 = tn_fcntl(rx, F_DUPFD, 0);
	KT_EQ(d0, tx + 1); /* the lowest free one */
	KT_EQ(tn_fcntl(rx, F_DUPFD, 50), 50);
	KT_EQ(tn_fcntl(rx, F_DUPFD, 50), 51);
	KT_ERR(tn_fcntl(rx, F_DUPFD, -1), EINVAL);
	KT_ERR(tn_fcntl(rx, F_DUPFD, LONG_MAX), EINVAL);
	KT_ERR(tn_fcntl(rx, F_DUPFD, 65536), EINVAL); /* RLIMIT_NOFILE */
	KT_EQ(tn_fcntl(rx, F_DUPFD, 65535), 65535);
	KT_ERR(tn_fcntl(rx, F_DUPFD, 65535), EMFILE);
	KT_ERR(tn_fcntl(999, F_DUPFD, 0), EBADF);
	/* Only the low 32 bits of the argument count, as Linux. */
	KT_EQ(tn_fcntl(rx, F_DUPFD, 0x100000000L + 50), 52);
	/* FD_CLOEXEC: set by F_DUPFD_CLOEXEC, never copied by F_DUPFD. */
	d = tn_fcntl(rx, F_DUPFD_CLOEXEC, 10);
	KT_EQ(d, 10);
	KT_EQ(tn_fcntl(d, F_GETFD, 0), FD_CLOEXEC);
	KT_EQ(tn_fcntl(d, F_DUPFD, 10), 11);
	KT_EQ(tn_fcntl(11, F_GETFD, 0), 0);
	/* One open file: flags are shared, and it lives on until the last
	 * fd is closed. */
	fl = tn_fcntl(rx, F_GETFL, 0);
	KT_EQ(tn_fcntl(d, F_SETFL, fl | O_NONBLOCK), 0);
	KT_ASSERT(tn_fcntl(rx, F_GETFL, 0) & O_NONBLOCK);
	KT_EQ(tn_close(rx), 0);
	KT_EQ(tn_send(tx, "z", 1, 0), 1);
	KT_EQ(tn_recv(65535, &c, 1, 0), 1);
	KT_EQ(c, 'z');
	KT_ERR(tn_recv(d0, &c, 1, 0), EAGAIN);
	tn_close(d0);
	tn_close(50);
	tn_close(51);
	tn_close(52);
	tn_close(65535);
	tn_close(d);
	tn_close(11);
	tn_close(tx);
	teardown();
}

KTEST_MAIN(KT(test_epoll_nesting), KT(test_epollexclusive_einval),
	   KT(test_epollexclusive_wakes_one), KT(test_select_poll_timeouts),
	   KT(test_select_beyond_fd_table), KT(test_fcntl_dupfd))
