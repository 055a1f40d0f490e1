/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time and timers.  Protocol code never reads a clock: net_now() asks the
 * stack's clock, real (CLOCK_MONOTONIC) or virtual (moved only by
 * tn_clock_advance()).  Timers sit in a per-stack min-heap and run from the
 * stack loop, in softirq context, with the stack lock held.
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

/* Timeouts in nanoseconds; this one never expires. */
#define MAX_SCHEDULE_TIMEOUT INT64_MAX

struct timer_list {
	u64 expires; /* absolute, ns on the stack clock */
	void (*function)(struct timer_list *t);
	struct tn_stack *st;
	int heap_idx; /* -1 when not pending */
};

#define from_timer(var, timer, field) \
	container_of(timer, __typeof__(*var), field)

/**
 * timer_setup - prepare a timer; it fires @fn in softirq context
 * @t: the timer
 * @fn: callback, given @t (use from_timer() to reach the owner)
 * @st: stack whose clock the timer follows
 */
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 struct tn_stack *st);
/* mod_timer - (re)arm at absolute time @expires; returns 1 if it was pending */
int mod_timer(struct timer_list *t, u64 expires);
/* del_timer - disarm; returns 1 if it was pending */
int del_timer(struct timer_list *t);
#define del_timer_sync(t) del_timer(t)

static inline bool timer_pending(const struct timer_list *t)
{
	return t->heap_idx >= 0;
}

/* Now, in ns, on @st's clock. */
u64 ktime_get_ns(const struct tn_stack *st);
/* Wall-clock time in ns since the epoch (virtual clocks start 2026-01-01). */
u64 ktime_get_real_ns(const struct tn_stack *st);

#endif /* _NET_TIMER_H */
