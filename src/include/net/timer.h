/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time and timers.  Protocol code never reads a clock: net_now() asks the
 * stack's clock: real (CLOCK_MONOTONIC), virtual (moved only by
 * tn_clock_advance()), or idle-advancing virtual (CLOCK_MONOTONIC plus an
 * offset that grows when every task sleeps; docs/lab.md).  Timers sit in
 * per-stack min-heaps and run from the worker or tn_clock_advance(), in
 * softirq context, with the stack lock held.
 * Linux: include/linux/timer.h, kernel/time/timer.c, ktime.
 */
#ifndef _NET_TIMER_H
#define _NET_TIMER_H

#include <net/types.h>

struct tn_stack;

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC  1000000000ULL
#define HZ	      1000 /* for sysctls kept in "jiffies" (ms) like Linux's */

/*
 * The clock's limit (Linux's KTIME_MAX): no clock passes it, sums of times
 * saturate at it, and a deadline at or beyond it is "never".
 */
#define KTIME_MAX     INT64_MAX
#define KTIME_SEC_MAX (KTIME_MAX / (s64)NSEC_PER_SEC)

/* Timeouts in nanoseconds; this one never expires. */
#define MAX_SCHEDULE_TIMEOUT INT64_MAX

/*
 * TIMER_DEFERRABLE: the timer works normally while the system is busy but
 * does not wake an idle one.  Under idle advance (every task asleep) time
 * never jumps to a deferrable timer; one that is due when time jumps to a
 * later deadline fires then, late, as on an idle Linux CPU.  For periodic
 * housekeeping that nobody waits for (neigh_periodic_work).
 */
#define TIMER_DEFERRABLE 0x00080000U

struct timer_list {
	u64 expires; /* absolute, ns on the stack clock */
	void (*function)(struct timer_list *t);
	struct tn_stack *st;
	int heap_idx; /* -1 when not pending */
	u32 flags; /* TIMER_DEFERRABLE */
};

#define from_timer(var, timer, field) \
	container_of(timer, __typeof__(*var), field)

/**
 * __timer_setup - prepare a timer; it fires @fn in softirq context
 * @t: the timer
 * @fn: callback, given @t (use from_timer() to reach the owner)
 * @st: stack whose clock the timer follows
 * @flags: 0 or TIMER_DEFERRABLE
 */
void __timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		   struct tn_stack *st, u32 flags);
#define timer_setup(t, fn, st) __timer_setup(t, fn, st, 0)
/*
 * mod_timer - (re)arm at absolute time @expires (at most KTIME_MAX);
 * returns 1 if it was pending
 */
int mod_timer(struct timer_list *t, u64 expires);
/* del_timer - disarm; returns 1 if it was pending */
int del_timer(struct timer_list *t);
#define del_timer_sync(t) del_timer(t)

static inline bool timer_pending(const struct timer_list *t)
{
	return t->heap_idx >= 0;
}

/* ktime_get_ns(st): now on @st's clock, in net/stack.h (inline) */

/* @a + @b, saturated at KTIME_MAX (Linux: ktime_add_safe). */
static inline u64 ktime_add_safe(u64 a, u64 b)
{
	if (a >= (u64)KTIME_MAX || b >= (u64)KTIME_MAX - a)
		return (u64)KTIME_MAX;
	return a + b;
}
/* Wall-clock time in ns since the epoch (virtual clocks start 2026-01-01). */
u64 ktime_get_real_ns(const struct tn_stack *st);

#endif /* _NET_TIMER_H */
