// SPDX-License-Identifier: BSD-2-Clause
/*
 * The idle-advancing virtual clock (the lab's) and the clock's limit.
 *
 * Under idle advance time flows at the real pace while any counted task is
 * outside the stack; when every one sleeps in it, time jumps to the next
 * deadline someone waits for.  Deferrable timers (periodic housekeeping)
 * are no such deadline.  The jump is the worker's, one batch at a time, so
 * the stack lock stays free for tn_task_interrupt().  No clock passes
 * KTIME_MAX and no timeout overflows.
 *
 * A few tests wait for real time briefly (a few hundred ms): flowing at the
 * real pace is what they test.  A watchdog fails a test that hangs.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include <net/stack.h>
#include <net/timer.h>

#include "ktest.h"

static void on_watchdog(int sig)
{
	static const char msg[] = "FAIL: hung (the stack lock is never free)\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		(void)0;
	_exit(1);
}

static void watchdog(unsigned int sec)
{
	signal(SIGALRM, on_watchdog);
	alarm(sec);
}

static u64 host_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

static u64 cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

static void host_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Real time a wake-up may take on a busy machine. */
#define SLACK NSEC_PER_SEC

static struct tn_stack *lab_stack(void)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL,
				       .idle_advance = 1 };
	struct tn_stack *st = tn_stack_create(&cfg);

	KT_ASSERT(st);
	tn_stack_attach(st);
	return st;
}

static u64 vnow(struct tn_stack *st)
{
	u64 t;

	stack_enter(st);
	t = net_now();
	stack_exit(st);
	return t;
}

/* A timer recording when it fired; a period re-arms it. */
struct tick {
	struct timer_list t;
	u64 period;
	int fired;
	u64 when[8];
	int order[8];
};

static int fire_seq;

static void tick_fn(struct timer_list *t)
{
	struct tick *k = from_timer(k, t, t);

	if (k->fired < 8) {
		k->when[k->fired] = net_now();
		k->order[k->fired] = ++fire_seq;
	}
	k->fired++;
	if (k->period)
		mod_timer(&k->t, net_now() + k->period);
}

static void arm(struct tn_stack *st, struct tick *k, u64 at, u32 flags)
{
	stack_enter(st);
	__timer_setup(&k->t, tick_fn, st, flags);
	mod_timer(&k->t, at);
	stack_exit(st);
}

static void disarm(struct tn_stack *st, struct tick *k)
{
	stack_enter(st);
	del_timer(&k->t);
	stack_exit(st);
}

static int fired(struct tn_stack *st, struct tick *k)
{
	int n;

	stack_enter(st);
	n = k->fired;
	stack_exit(st);
	return n;
}

/* A client: a counted task in a thread of its own, in tn_nanosleep. */
struct sleeper {
	struct tn_stack *st;
	struct tn_task *task;
	struct timespec req, rem;
	int ret, err;
	u64 woke_at; /* stack clock */
	pthread_t th;
};

static void *sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	tn_stack_attach(s->st);
	tn_task_attach(s->task);
	s->ret = tn_nanosleep(&s->req, &s->rem);
	s->err = errno;
	s->woke_at = vnow(s->st);
	tn_task_attach(NULL);
	return NULL;
}

static void sleeper_start(struct sleeper *s, struct tn_stack *st,
			  struct tn_task *task, time_t sec, long nsec)
{
	memset(s, 0, sizeof(*s));
	s->st = st;
	s->task = task;
	s->req.tv_sec = sec;
	s->req.tv_nsec = nsec;
	KT_EQ(pthread_create(&s->th, NULL, sleeper_fn, s), 0);
}

static bool task_asleep(struct tn_stack *st, struct tn_task *task)
{
	bool asleep;

	stack_enter(st);
	asleep = task->sleeper != NULL;
	stack_exit(st);
	return asleep;
}

static void wait_asleep(struct tn_stack *st, struct tn_task *task)
{
	int i;

	for (i = 0; i < 2000 && !task_asleep(st, task); i++)
		host_sleep_ms(1);
	KT_ASSERT(task_asleep(st, task));
}

/*
 * Every task asleep, one until +5 s: time jumps there at once.  The
 * deferrable timers due on the way (+1, +2, +3 s, armed out of order) all
 * fire, in order, before the sleeper wakes: late, at +5 s, as on an idle
 * Linux CPU whose next wake-up is the sleeper's.
 */
static void test_jump_to_the_sleepers_deadline(void)
{
	struct tn_stack *st = lab_stack();
	struct tn_task *task = tn_task_create(st);
	struct tick a = { 0 }, b = { 0 }, c = { 0 };
	struct sleeper s;
	u64 t0, h0;

	watchdog(10);
	KT_ASSERT(task);
	t0 = vnow(st);
	h0 = host_ns();
	fire_seq = 0;
	arm(st, &c, t0 + 3 * NSEC_PER_SEC, TIMER_DEFERRABLE);
	arm(st, &a, t0 + 1 * NSEC_PER_SEC, TIMER_DEFERRABLE);
	arm(st, &b, t0 + 2 * NSEC_PER_SEC, TIMER_DEFERRABLE);
	sleeper_start(&s, st, task, 5, 0);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, 0);
	KT_ASSERT(host_ns() - h0 < 2 * NSEC_PER_SEC); /* a jump, not 5 s */
	/* Woken at its deadline (plus the real time the wake-up took). */
	KT_ASSERT(s.woke_at >= t0 + 5 * NSEC_PER_SEC);
	KT_ASSERT(s.woke_at < t0 + 5 * NSEC_PER_SEC + SLACK);
	KT_EQ(a.fired, 1);
	KT_EQ(b.fired, 1);
	KT_EQ(c.fired, 1);
	KT_EQ(a.order[0], 1);
	KT_EQ(b.order[0], 2);
	KT_EQ(c.order[0], 3);
	KT_ASSERT(c.when[0] >= t0 + 5 * NSEC_PER_SEC);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

/*
 * A non-deferrable timer between now and the sleeper's deadline is a
 * deadline too: time stops there first, and it fires at its own instant.
 */
static void test_jump_stops_at_each_timer_on_the_way(void)
{
	struct tn_stack *st = lab_stack();
	struct tn_task *task = tn_task_create(st);
	struct tick a = { 0 }, b = { 0 };
	struct sleeper s;
	u64 t0;

	watchdog(10);
	t0 = vnow(st);
	fire_seq = 0;
	arm(st, &b, t0 + 20 * NSEC_PER_SEC, 0);
	arm(st, &a, t0 + 10 * NSEC_PER_SEC, 0);
	sleeper_start(&s, st, task, 30, 0);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, 0);
	KT_EQ(a.fired, 1);
	KT_EQ(b.fired, 1);
	KT_EQ(a.order[0], 1);
	KT_EQ(b.order[0], 2);
	KT_ASSERT(a.when[0] >= t0 + 10 * NSEC_PER_SEC &&
		  a.when[0] < t0 + 10 * NSEC_PER_SEC + SLACK);
	KT_ASSERT(b.when[0] >= t0 + 20 * NSEC_PER_SEC &&
		  b.when[0] < t0 + 20 * NSEC_PER_SEC + SLACK);
	KT_ASSERT(s.woke_at >= t0 + 30 * NSEC_PER_SEC);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

/*
 * The only task sleeps without end and only periodic housekeeping is
 * pending: no jump.  Time flows at the real pace, nobody spins, the lock
 * is free, and an interrupt ends the sleep with EINTR.
 */
static void test_deferrable_is_no_deadline(void)
{
	struct tn_stack *st = lab_stack();
	struct tn_task *task = tn_task_create(st);
	struct tick gc = { .period = NSEC_PER_SEC };
	struct sleeper s;
	u64 t0, h0, c0, dv, dh;

	watchdog(10);
	t0 = vnow(st);
	arm(st, &gc, t0 + NSEC_PER_SEC, TIMER_DEFERRABLE);
	sleeper_start(&s, st, task, INT64_MAX, 0); /* without end */
	wait_asleep(st, task);
	h0 = host_ns();
	c0 = cpu_ns();
	host_sleep_ms(300);
	dv = vnow(st) - t0;
	dh = host_ns() - h0;
	KT_ASSERT(cpu_ns() - c0 < 100 * NSEC_PER_MSEC); /* nobody spins */
	KT_ASSERT(task_asleep(st, task));
	/* Real pace: about the 300 ms we waited, and no jump. */
	KT_ASSERT(dv >= dh);
	KT_ASSERT(dv < dh + 500 * NSEC_PER_MSEC);
	/* At the real pace: once a second of it, not in a loop. */
	KT_ASSERT((u64)gc.fired <= (vnow(st) - t0) / NSEC_PER_SEC);
	tn_task_interrupt(task);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, -1);
	KT_EQ(s.err, EINTR);
	disarm(st, &gc);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

/*
 * Every task asleep for good and a timer pending that is no deadline of
 * theirs (a TIME-WAIT sock's end, a neighbour going stale): nobody waits
 * for it, and the lab script, which is no task, may still look before it
 * fires (ss lists the TIME-WAIT sock for 60 s on Linux).  No jump: time
 * flows at the real pace.
 */
static void test_no_jump_without_a_deadline(void)
{
	struct tn_stack *st = lab_stack();
	struct tn_task *task = tn_task_create(st);
	struct tick tw = { .period = 60 * NSEC_PER_SEC };
	struct sleeper s;
	u64 t0, h0, dv, dh;

	watchdog(10);
	t0 = vnow(st);
	arm(st, &tw, t0 + 60 * NSEC_PER_SEC, 0);
	sleeper_start(&s, st, task, INT64_MAX, 0); /* without end */
	wait_asleep(st, task);
	h0 = host_ns();
	host_sleep_ms(300);
	dv = vnow(st) - t0;
	dh = host_ns() - h0;
	KT_ASSERT(task_asleep(st, task));
	KT_EQ(tw.fired, 0);
	KT_ASSERT(dv >= dh);
	KT_ASSERT(dv < dh + 500 * NSEC_PER_MSEC);
	tn_task_interrupt(task);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, -1);
	KT_EQ(s.err, EINTR);
	disarm(st, &tw);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

/*
 * A timer re-armed every virtual millisecond, with the only task asleep
 * for an hour (a deadline, so time jumps): the worker jumps from one to
 * the next as fast as it can, but one batch at a time, so calls and an
 * interrupt still get the lock at once.
 */
static void test_lock_free_between_batches(void)
{
	struct tn_stack *st = lab_stack();
	struct tn_task *task = tn_task_create(st);
	struct tick storm = { .period = NSEC_PER_MSEC };
	struct sleeper s;
	u64 t0, h0;
	int i;

	watchdog(10);
	t0 = vnow(st);
	arm(st, &storm, t0 + NSEC_PER_MSEC, 0);
	sleeper_start(&s, st, task, 3600, 0);
	wait_asleep(st, task);
	/* Each look takes the lock, between the worker's batches. */
	h0 = host_ns();
	for (i = 0; i < 1000000 && fired(st, &storm) < 1000; i++)
		;
	KT_ASSERT(fired(st, &storm) >= 1000);
	KT_ASSERT(host_ns() - h0 < 5 * NSEC_PER_SEC);
	tn_task_interrupt(task);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, -1);
	KT_EQ(s.err, EINTR);
	disarm(st, &storm);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

/*
 * One client between calls (a task that exists but is in no call): time
 * flows at the real pace, and another's 200 ms sleep takes 200 ms of real
 * time.  Once that client leaves, the sleeper's deadline is jumped to.
 */
static void test_real_pace_while_a_task_is_between_calls(void)
{
	struct tn_stack *st = lab_stack();
	struct tn_task *busy = tn_task_create(st);
	struct tn_task *task = tn_task_create(st);
	struct sleeper s;
	u64 t0, h0, dh;

	watchdog(10);
	t0 = vnow(st);
	h0 = host_ns();
	sleeper_start(&s, st, task, 0, 200 * 1000000L);
	pthread_join(s.th, NULL);
	dh = host_ns() - h0;
	KT_EQ(s.ret, 0);
	KT_ASSERT(dh >= 190 * NSEC_PER_MSEC);
	KT_ASSERT(dh < 2 * NSEC_PER_SEC);
	KT_ASSERT(s.woke_at >= t0 + 200 * NSEC_PER_MSEC);

	/* A long sleep: real time until the busy client leaves. */
	h0 = host_ns();
	sleeper_start(&s, st, task, 3600, 0);
	wait_asleep(st, task);
	host_sleep_ms(50);
	KT_ASSERT(task_asleep(st, task));
	tn_task_destroy(busy);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, 0);
	KT_ASSERT(host_ns() - h0 < NSEC_PER_SEC);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

/* No clock passes KTIME_MAX; a deadline past it never comes. */
static void test_clock_stops_at_its_limit(void)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL };
	struct tn_stack *st = tn_stack_create(&cfg);
	struct tn_task *task;
	struct timespec ts;
	struct tick a = { 0 };
	struct sleeper s;

	watchdog(10);
	KT_ASSERT(st);
	tn_stack_attach(st);
	task = tn_task_create(st);
	/* A timer armed beyond the limit sits at it. */
	arm(st, &a, UINT64_MAX, 0);
	KT_EQ(a.t.expires, KTIME_MAX);
	disarm(st, &a);

	KT_EQ(tn_clock_advance(st, UINT64_MAX - 1), 0);
	KT_EQ(vnow(st), KTIME_MAX);
	KT_EQ(tn_clock_advance(st, UINT64_MAX), 0);
	KT_EQ(vnow(st), KTIME_MAX); /* no wrap */
	KT_EQ(tn_clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	KT_EQ(ts.tv_sec, 9223372036LL);
	KT_EQ(ts.tv_nsec, 854775807L);

	/* Any sleep now ends past the limit: it never ends by itself. */
	sleeper_start(&s, st, task, 1, 0);
	wait_asleep(st, task);
	tn_clock_advance(st, 10 * NSEC_PER_SEC);
	KT_ASSERT(task_asleep(st, task));
	tn_task_interrupt(task);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, -1);
	KT_EQ(s.err, EINTR);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

/* As Linux: a huge request saturates, and what is left is KTIME_MAX - now. */
static void test_nanosleep_huge_and_invalid(void)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL };
	struct tn_stack *st = tn_stack_create(&cfg);
	static const struct timespec bad[] = {
		{ -1, 0 },
		{ 0, -1 },
		{ 0, 1000000000L },
		{ INT64_MIN, 0 },
		{ INT64_MAX, 1000000000L },
	};
	struct tn_task *task;
	struct timespec rem;
	struct sleeper s;
	u64 now, left;
	unsigned int i;

	watchdog(10);
	KT_ASSERT(st);
	tn_stack_attach(st);
	task = tn_task_create(st);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		errno = 0;
		KT_EQ(tn_nanosleep(&bad[i], &rem), -1);
		KT_EQ(errno, EINVAL);
	}
	KT_EQ(tn_nanosleep(NULL, &rem), -1);
	KT_EQ(errno, EFAULT);

	sleeper_start(&s, st, task, INT64_MAX, 999999999L);
	wait_asleep(st, task);
	tn_clock_advance(st, 1000 * NSEC_PER_SEC); /* nothing ends it */
	KT_ASSERT(task_asleep(st, task));
	now = vnow(st);
	tn_task_interrupt(task);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, -1);
	KT_EQ(s.err, EINTR);
	left = (u64)s.rem.tv_sec * NSEC_PER_SEC + (u64)s.rem.tv_nsec;
	KT_EQ(left, (u64)KTIME_MAX - now);

	/* Just under the limit in itself, past it from now: the same. */
	sleeper_start(&s, st, task, KTIME_SEC_MAX, 0);
	wait_asleep(st, task);
	now = vnow(st);
	tn_task_interrupt(task);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, -1);
	KT_EQ(s.err, EINTR);
	left = (u64)s.rem.tv_sec * NSEC_PER_SEC + (u64)s.rem.tv_nsec;
	KT_EQ(left, (u64)KTIME_MAX - now);

	/* An ordinary one still ends on time, with nothing left. */
	sleeper_start(&s, st, task, 2, 5);
	wait_asleep(st, task);
	tn_clock_advance(st, 2 * NSEC_PER_SEC + 4);
	KT_ASSERT(task_asleep(st, task));
	tn_clock_advance(st, 1);
	pthread_join(s.th, NULL);
	KT_EQ(s.ret, 0);
	tn_task_destroy(task);
	tn_stack_destroy(st);
	alarm(0);
}

KTEST_MAIN(KT(test_jump_to_the_sleepers_deadline),
	   KT(test_jump_stops_at_each_timer_on_the_way),
	   KT(test_deferrable_is_no_deadline),
	   KT(test_no_jump_without_a_deadline),
	   KT(test_lock_free_between_batches),
	   KT(test_real_pace_while_a_task_is_between_calls),
	   KT(test_clock_stops_at_its_limit),
	   KT(test_nanosleep_huge_and_invalid))
