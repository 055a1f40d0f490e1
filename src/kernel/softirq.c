// SPDX-License-Identifier: BSD-2-Clause
/*
 * Softirq context (kernel/softirq.c) and the stack's worker thread,
 * which is both ksoftirqd and the timer interrupt of a real-clock or
 * idle-advancing stack.
 */
#include <pthread.h>
#include <time.h>

#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "kernel.h"

/*
 * do_softirq - receive processing (net_rx_action polling the scheduled
 * NAPIs, the backlog's among them) and the transmit softirq (the qdiscs a
 * woken queue scheduled), with a budget per round and a bound on rounds,
 * so a storm cannot hold the lock forever.
 * What is left is the worker's (real clock) or the next call's.
 */
void do_softirq(struct tn_stack *st)
{
	int rounds;

	if (st->in_softirq)
		return;
	st->in_softirq = true;
	for (rounds = 0; rounds < 64; rounds++) {
		bool more = net_rx_action(st);

		if (!net_tx_action(st) && !more)
			break;
	}
	st->in_softirq = false;
	if (net_rx_pending(st))
		stack_kick(st);
}

void stack_kick(struct tn_stack *st)
{
	if (st->worker_running)
		pthread_cond_signal(&st->worker_cond);
}

bool all_asleep(const struct tn_stack *st)
{
	return st->nr_tasks && st->nr_sleeping >= st->nr_tasks;
}

/*
 * idle_jump - idle advance, one batch: when every counted task is asleep in
 * the stack and the backlog is empty, nothing can happen before the next
 * timer that someone waits for, so time jumps there, and the timers due
 * then run.  Deferrable timers (periodic housekeeping) are no such
 * deadline: with only those pending, time flows at the real pace and
 * everyone waits.  The result equals a real run in which everyone simply
 * waited.  Context: the worker, stack lock held.
 */
static bool idle_jump(struct tn_stack *st)
{
	struct timer_list *t;

	if (!st->idle_advance || !all_asleep(st) || net_rx_pending(st))
		return false;
	t = next_timer(st, 1U << TIMER_BASE_STD);
	if (!t)
		return false;
	clock_set(st, t->expires);
	run_timers(st);
	do_softirq(st);
	return true;
}

/* The CLOCK_MONOTONIC instant when @st's clock reads @expires. */
static struct timespec clock_to_real(const struct tn_stack *st, u64 expires)
{
	struct timespec ts;
	s64 real = (s64)expires;

	if (st->idle_advance &&
	    __builtin_sub_overflow((s64)expires, st->voffset, &real))
		real = KTIME_MAX;
	if (real < 0)
		real = 0;
	ts.tv_sec = (time_t)(real / (s64)NSEC_PER_SEC);
	ts.tv_nsec = (long)(real % (s64)NSEC_PER_SEC);
	return ts;
}

/*
 * The worker: softirq context of a real-clock or idle-advancing stack
 * ("ksoftirqd", and the timer interrupt).  It drops the lock between
 * batches, so that calls, tn_task_interrupt() and the daemon's stop get in.
 */
void *stack_worker(void *arg)
{
	struct tn_stack *st = arg;

	current_set(st, st->init_task);
	stack_enter(st);
	while (!st->stopping) {
		struct timer_list *t;
		struct timespec ts;

		run_timers(st);
		do_softirq(st);
		if (net_rx_pending(st) || idle_jump(st)) {
			stack_relax(st);
			continue;
		}
		t = next_timer(st, ALL_BASES);
		if (!t) {
			stack_cond_wait(st, &st->worker_cond, NULL);
			continue;
		}
		ts = clock_to_real(st, t->expires);
		stack_cond_wait(st, &st->worker_cond, &ts);
	}
	stack_exit(st);
	return NULL;
}
