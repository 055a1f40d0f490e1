// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack's clock (kernel/time/timekeeping.c): real, virtual, or
 * virtual and advancing while everyone is idle.  A virtual clock moves
 * only when a test advances it (tn_clock_advance) or, idle-advancing,
 * when the worker jumps to the next deadline.
 */
#include <time.h>

#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "kernel.h"

s64 mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (s64)ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
}

/* @real (CLOCK_MONOTONIC) + @off, within [0, KTIME_MAX]. */
static u64 clock_shift(s64 real, s64 off)
{
	s64 v;

	if (__builtin_add_overflow(real, off, &v))
		return off > 0 ? (u64)KTIME_MAX : 0;
	return v < 0 ? 0 : (u64)v;
}

/*
 * The real clock, read once per pass: the first reader holding the stack
 * lock reads it, later readers in the same pass get the same instant.  A
 * pass ends when the lock is let go (stack_exit, a sleep, the worker's
 * next batch), so no one sees time stand still for longer than one call's
 * or one batch's work.  Without the lock (a caller outside the stack),
 * the clock itself.
 */
static u64 real_clock_ns(const struct tn_stack *st)
{
	/* the cache is the lock holder's: the stack is otherwise const */
	struct tn_stack *mst = (struct tn_stack *)st;

	if (likely(mutex_is_owner(&st->lock))) {
		if (unlikely(!mst->clock_cache)) {
			/*
			 * Counted for the tests without a locked add: the
			 * holder's load and store, as the lock orders it
			 * (a lock-free reader's count below may be lost).
			 */
			atomic_store_explicit(
				&mst->clock_reads,
				atomic_load_explicit(&mst->clock_reads,
						     memory_order_relaxed) +
					1,
				memory_order_relaxed);
			mst->clock_cache = (u64)mono_ns();
		}
		return mst->clock_cache;
	}
	atomic_fetch_add_explicit(&mst->clock_reads, 1, memory_order_relaxed);
	return (u64)mono_ns();
}

void clock_refresh(struct tn_stack *st)
{
	st->clock_cache = 0;
}

/* ktime_get_ns()'s other cases (net/stack.h) */
u64 __ktime_get_ns(const struct tn_stack *st)
{
	if (st->clock_kind == TN_CLOCK_REAL)
		return real_clock_ns(st);
	if (st->idle_advance)
		return clock_shift(mono_ns(), st->voffset);
	return st->vnow;
}

/*
 * clock_set - move a virtual clock forward to @t (at most KTIME_MAX);
 * an idle-advancing one keeps flowing at the real pace from there.
 */
void clock_set(struct tn_stack *st, u64 t)
{
	if (t > (u64)KTIME_MAX)
		t = (u64)KTIME_MAX;
	if (t <= ktime_get_ns(st))
		return;
	if (st->idle_advance)
		st->voffset =
			(s64)t - mono_ns(); /* mono_ns() >= 0: no overflow */
	else
		st->vnow = t;
}

u64 ktime_get_real_ns(const struct tn_stack *st)
{
	struct timespec ts;

	if (st->clock_kind == TN_CLOCK_VIRTUAL)
		return VIRTUAL_EPOCH_NS + ktime_get_ns(st) - VIRTUAL_BOOT_NS;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

u64 net_now(void)
{
	return ktime_get_ns(current_stack());
}

int tn_clock_advance(struct tn_stack *st, uint64_t ns)
{
	struct timer_list *t;
	u64 target;

	if (!st || st->clock_kind != TN_CLOCK_VIRTUAL) {
		errno = EINVAL;
		return -1;
	}
	stack_enter(st);
	/* Saturates at KTIME_MAX: the clock never wraps. */
	target = ktime_add_safe(ktime_get_ns(st), ns);
	/*
	 * An idle period: time steps from one non-deferrable timer to the
	 * next; deferrable ones due meanwhile run late, at the next step, as
	 * on an idle Linux CPU (so periodic work cannot make this endless).
	 */
	while ((t = next_timer(st, 1U << TIMER_BASE_STD)) &&
	       t->expires <= target) {
		clock_set(st, t->expires);
		run_timers(st);
		do_softirq(st);
	}
	clock_set(st, target);
	run_timers(st);
	stack_exit(st);
	return 0;
}
