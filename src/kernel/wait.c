// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sleeping and waking (kernel/sched/wait.c, schedule_timeout of
 * kernel/time/timer.c): a thread sleeps on its own condition variable
 * under the stack lock; wake-ups go through wait queues.
 */
#include <pthread.h>
#include <time.h>

#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "kernel.h"

struct tn_waiter *current_waiter(void)
{
	if (!tn_ctx.waiter_ready) {
		tn_cond_init(&tn_ctx.waiter.cond);
		tn_ctx.waiter_ready = true;
	}
	return &tn_ctx.waiter;
}

void init_wait_entry(struct wait_queue_entry *e, struct tn_waiter *w)
{
	INIT_LIST_HEAD(&e->entry);
	e->waiter = w;
	e->func = NULL;
	e->private = NULL;
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	if (list_empty(&e->entry))
		list_add_tail(&e->entry, &wq->head);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	(void)wq;
	if (!list_empty(&e->entry))
		list_del_init(&e->entry);
}

void waiter_wake(struct tn_stack *st, struct tn_waiter *w)
{
	if (w->woken)
		return;
	w->woken = true;
	if (w->sleeping) {
		w->sleeping = false;
		st->nr_sleeping--;
	}
	tn_cond_signal(&w->cond);
}

void wake_up_poll(struct wait_queue_head *wq, unsigned int key)
{
	struct wait_queue_entry *e, *n;
	struct tn_stack *st = current_stack();

	list_for_each_entry_safe(e, n, &wq->head, entry) {
		/* the poll mask travels as the key pointer, as in Linux */
		// NOLINTNEXTLINE(performance-no-int-to-ptr)
		void *pkey = (void *)(unsigned long)key;

		if (e->func)
			e->func(e, 0, pkey);
		else
			waiter_wake(st, e->waiter);
	}
}

struct sleep_timer {
	struct timer_list timer;
	struct tn_waiter *waiter;
};

static void sleep_timeout(struct timer_list *t)
{
	struct sleep_timer *s = from_timer(s, t, timer);

	waiter_wake(t->st, s->waiter);
}

s64 schedule_timeout(s64 timeo)
{
	struct tn_stack *st = current_stack();
	struct tn_waiter *w = current_waiter();
	struct tn_task *task = current_task();
	struct sleep_timer s;
	u64 deadline, now;
	bool armed;

	WARN_ON_ONCE(!stack_lock_held(st));
	do_softirq(st);
	if (w->woken || (task && task->sigpending))
		return timeo;
	if (timeo <= 0)
		return 0;
	timer_setup(&s.timer, sleep_timeout, st);
	s.waiter = w;
	/* the timeout runs from now, not from when this call began */
	clock_refresh(st);
	/* A deadline at or past the clock's limit never comes: no timer. */
	deadline = ktime_add_safe(ktime_get_ns(st), (u64)timeo);
	armed = deadline < (u64)KTIME_MAX;
	if (armed)
		mod_timer(&s.timer, deadline);
	if (task && task->counted) {
		w->sleeping = true;
		st->nr_sleeping++;
		/* The last one to fall asleep lets the worker jump. */
		if (st->idle_advance && all_asleep(st))
			stack_kick(st);
	}
	if (task)
		task->sleeper = w;
	while (!w->woken && !(task && task->sigpending))
		stack_cond_wait(st, &w->cond, NULL);
	if (task)
		task->sleeper = NULL;
	if (w->sleeping) {
		w->sleeping = false;
		st->nr_sleeping--;
	}
	del_timer(&s.timer);
	if (!armed)
		return timeo; /* a sleep without end, woken */
	now = ktime_get_ns(st);
	return now >= deadline ? 0 : (s64)(deadline - now);
}
