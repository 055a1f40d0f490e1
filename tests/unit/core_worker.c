// SPDX-License-Identifier: BSD-2-Clause
/*
 * The worker (softirq.c) is woken only when it must be, as a Linux CPU's
 * timer interrupt is: a timer armed later than the worker's own wake-up
 * does not wake it (it wakes at its old deadline, finds nothing due and
 * sleeps again), deleting a timer does not wake it, only an earlier
 * deadline does, once.  So a request/response exchange, which re-arms
 * its retransmit and delayed-ACK timers on every segment, costs the
 * worker no wake-up per round trip.
 *
 * Likewise the real clock is read once per pass under the stack lock
 * (st->clock_reads), not at every timer and timestamp of every segment.
 *
 * The worker runs on the real clock and under idle advance; its wake-ups
 * are counted in st->worker_kicks.  A watchdog fails a test that hangs.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include <net/stack.h>
#include <net/timer.h>

#include "ktest.h"
#include "kstack.h"

static void on_watchdog(int sig)
{
	static const char msg[] = "FAIL: hung\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		(void)0;
	_exit(1);
}

static unsigned long kicks(struct tn_stack *st)
{
	return atomic_load(&st->worker_kicks);
}

static u64 wake(struct tn_stack *st)
{
	return atomic_load(&st->worker_wake);
}

/*
 * Enter @st once its worker is asleep; returns when it wakes by itself.
 * Holding the stack lock, the worker cannot wake by itself meanwhile:
 * only a kick changes that.
 */
static u64 enter_asleep(struct tn_stack *st)
{
	for (;;) {
		u64 w;

		stack_enter(st);
		w = wake(st);
		if (w)
			return w;
		stack_exit(st);
		sched_yield();
	}
}

static void nothing(struct timer_list *t)
{
	(void)t;
}

static struct tn_stack *worker_stack(bool lab)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_REAL };
	struct tn_stack *st;

	(void)signal(SIGALRM, on_watchdog);
	if (lab)
		cfg = (struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL,
						.idle_advance = 1 };
	st = tn_stack_create(&cfg);
	KT_ASSERT(st);
	KT_ASSERT(st->worker_running);
	tn_stack_attach(st);
	return st;
}

static void timer_kicks(bool lab)
{
	struct tn_stack *st = worker_stack(lab);
	struct timer_list a, b;
	unsigned long k;
	u64 w, now;

	alarm(60);
	w = enter_asleep(st);
	timer_setup(&a, nothing, st);
	timer_setup(&b, nothing, st);
	now = ktime_get_ns(st);
	k = kicks(st);
	/* something pending for the worker to wait for, far away: a wake-up
	 * only if it is earlier than what the worker waits for */
	mod_timer(&a, now + 1000 * NSEC_PER_SEC);
	KT_EQ(kicks(st), w > now + 1000 * NSEC_PER_SEC ? k + 1 : k);
	stack_exit(st);

	w = enter_asleep(st);
	KT_ASSERT(w <= now + 1000 * NSEC_PER_SEC);
	now = ktime_get_ns(st);
	KT_ASSERT(w > now + NSEC_PER_MSEC); /* nothing due for a while */
	k = kicks(st);
	/* later than its wake-up, or at it: no wake-up */
	mod_timer(&b, w + NSEC_PER_SEC);
	KT_EQ(kicks(st), k);
	mod_timer(&b, w);
	KT_EQ(kicks(st), k);
	/* moved later, deleted: none either */
	mod_timer(&a, now + 2000 * NSEC_PER_SEC);
	KT_EQ(kicks(st), k);
	del_timer(&b);
	del_timer(&a);
	KT_EQ(kicks(st), k);
	KT_EQ(wake(st), w); /* it still sleeps until then */
	/* earlier: one wake-up, and no second one before it looked */
	mod_timer(&b, now + (w - now) / 2);
	KT_EQ(kicks(st), k + 1);
	KT_EQ(wake(st), 0);
	mod_timer(&a, now + (w - now) / 4);
	KT_EQ(kicks(st), k + 1);
	del_timer(&a);
	del_timer(&b);
	stack_exit(st);
	alarm(0);
	tn_stack_destroy(st);
}

static void test_timer_kicks_real(void)
{
	timer_kicks(false);
}

static void test_timer_kicks_idle_advance(void)
{
	timer_kicks(true);
}

static u64 host_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000 + (u64)ts.tv_nsec / 1000000;
}

/* ip link set lo up */
/* one byte from @from, there on @to when the send returns */
static void one_byte(int from, int to)
{
	char b = 'x';

	KT_EQ(tn_send(from, &b, 1, MSG_DONTWAIT), 1);
	KT_EQ(tn_recv(to, &b, 1, MSG_DONTWAIT), 1);
}

/*
 * Round trips over loopback on the real clock.  Each segment re-arms the
 * sender's retransmit timer and the receiver's delayed ACK, later than
 * before: the worker wakes at most at its deadlines (a few per 40 ms, the
 * delayed ACK's), however many round trips run meanwhile.
 */
static void test_rr_no_kicks(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(5001) };
	struct tn_stack *st = worker_stack(false);
	int l, c, s, i, one = 1;
	unsigned long k, r;
	u64 t0, ms;

	alarm(60);
	kt_lo_up();
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(l >= 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 4), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(c >= 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	KT_EQ(tn_setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	for (i = 0; i < 100; i++) {
		one_byte(c, s);
		one_byte(s, c);
	}
	k = kicks(st);
	r = atomic_load(&st->clock_reads);
	t0 = host_ms();
	for (i = 0; i < 5000; i++) {
		one_byte(c, s);
		one_byte(s, c);
	}
	ms = host_ms() - t0;
	k = kicks(st) - k;
	r = atomic_load(&st->clock_reads) - r;
	if (k > 4 + ms / 10)
		fprintf(stderr,
			"%lu worker wake-ups in 5000 round trips, %llu ms\n", k,
			(unsigned long long)ms);
	KT_ASSERT(k <= 4 + ms / 10);
	/* and one clock read per call (four per round trip), not one per
	 * timer, timestamp and rate sample of each segment */
	if (r > 4 * 5000 + 8 + ms / 5)
		fprintf(stderr, "%lu clock reads in 5000 round trips\n", r);
	KT_ASSERT(r <= 4 * 5000 + 8 + ms / 5);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	alarm(0);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_timer_kicks_real), KT(test_timer_kicks_idle_advance),
	   KT(test_rr_no_kicks))
