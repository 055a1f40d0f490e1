// SPDX-License-Identifier: BSD-2-Clause
/*
 * Timers (kernel/time/timer.c): per base, a binary min-heap of pending
 * timers, ordered by expiry on the stack's clock.  Deferrable timers
 * live in a base of their own, so idle advance can skip them.
 */
#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "kernel.h"

static struct timer_base *timer_get_base(struct timer_list *t)
{
	return &t->st->timer_base[t->flags & TIMER_DEFERRABLE ? TIMER_BASE_DEF
							      : TIMER_BASE_STD];
}

static void heap_set(struct timer_base *b, unsigned int i, struct timer_list *t)
{
	b->heap[i] = t;
	t->heap_idx = (int)i;
}

static void heap_up(struct timer_base *b, unsigned int i)
{
	struct timer_list *t = b->heap[i];

	while (i > 0) {
		unsigned int parent = (i - 1) / 2;

		if (b->heap[parent]->expires <= t->expires)
			break;
		heap_set(b, i, b->heap[parent]);
		i = parent;
	}
	heap_set(b, i, t);
}

static void heap_down(struct timer_base *b, unsigned int i)
{
	struct timer_list *t = b->heap[i];

	for (;;) {
		unsigned int child = 2 * i + 1;

		if (child >= b->nr)
			break;
		if (child + 1 < b->nr &&
		    b->heap[child + 1]->expires < b->heap[child]->expires)
			child++;
		if (t->expires <= b->heap[child]->expires)
			break;
		heap_set(b, i, b->heap[child]);
		i = child;
	}
	heap_set(b, i, t);
}

static void heap_remove(struct timer_base *b, struct timer_list *t)
{
	unsigned int i = (unsigned int)t->heap_idx;
	struct timer_list *last = b->heap[--b->nr];

	t->heap_idx = -1;
	if (last == t)
		return;
	heap_set(b, i, last);
	heap_up(b, i);
	heap_down(b, (unsigned int)last->heap_idx);
}

void __timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		   struct tn_stack *st, u32 flags)
{
	t->function = fn;
	t->st = st;
	t->expires = 0;
	t->heap_idx = -1;
	t->flags = flags & TIMER_DEFERRABLE;
}

int mod_timer(struct timer_list *t, u64 expires)
{
	struct timer_base *b = timer_get_base(t);
	int was_pending;

	if (expires > (u64)KTIME_MAX)
		expires = (u64)KTIME_MAX;
	/*
	 * Already armed for that instant: nothing to do, and, as Linux's
	 * mod_timer(), known without the base's lock (whoever arms or
	 * deletes this timer holds the lock of what owns it).
	 */
	if (timer_pending(t) && t->expires == expires)
		return 1;
	spin_lock(&b->lock);
	was_pending = timer_pending(t);
	if (was_pending) {
		t->expires = expires;
		heap_up(b, (unsigned int)t->heap_idx);
		heap_down(b, (unsigned int)t->heap_idx);
	} else {
		if (b->nr == b->cap) {
			unsigned int cap = b->cap ? b->cap * 2 : 64;
			/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
			void *n = realloc(b->heap, cap * sizeof(*b->heap));

			/* Out of memory: better late than a lost timer. */
			BUG_ON(!n);
			b->heap = n;
			b->cap = cap;
		}
		t->expires = expires;
		heap_set(b, b->nr++, t);
		heap_up(b, (unsigned int)t->heap_idx);
	}
	spin_unlock(&b->lock);
	/*
	 * Only a deadline earlier than the worker's own wakes it; a later
	 * one waits for that wake-up (the worker then finds nothing due and
	 * sleeps until the next), so re-arming a timer costs no thread switch.
	 */
	if (expires <
	    atomic_load_explicit(&t->st->worker_wake, memory_order_relaxed))
		stack_kick(t->st);
	return was_pending;
}

int del_timer(struct timer_list *t)
{
	struct timer_base *b = timer_get_base(t);
	int ret = 0;

	/* not armed: as Linux's, no need of the base's lock to know it */
	if (!timer_pending(t))
		return 0;
	spin_lock(&b->lock);
	if (timer_pending(t)) {
		heap_remove(b, t);
		ret = 1;
	}
	spin_unlock(&b->lock);
	return ret;
}

/*
 * The earliest pending timer of the bases in @mask (bit per base), or NULL.
 * A timer at KTIME_MAX never fires (the clock stops there): none.
 */
struct timer_list *next_timer(struct tn_stack *st, unsigned int mask)
{
	struct timer_list *first = NULL;
	unsigned int i;

	for (i = 0; i < NR_TIMER_BASES; i++) {
		struct timer_base *b = &st->timer_base[i];

		if (!(mask & (1U << i)))
			continue;
		spin_lock(&b->lock);
		if (b->nr && (!first || b->heap[0]->expires < first->expires))
			first = b->heap[0];
		spin_unlock(&b->lock);
	}
	if (first && first->expires >= (u64)KTIME_MAX)
		return NULL;
	return first;
}

void run_timers(struct tn_stack *st)
{
	u64 now = ktime_get_ns(st);
	struct timer_list *t;

	/*
	 * Both bases in one order, as if they were one heap.  The function
	 * runs without the base's lock: it may re-arm its timer, or others.
	 */
	while ((t = next_timer(st, ALL_BASES)) && t->expires <= now) {
		struct timer_base *b = timer_get_base(t);

		spin_lock(&b->lock);
		if (timer_pending(t) && t->expires <= now)
			heap_remove(b, t);
		else
			t = NULL;
		spin_unlock(&b->lock);
		if (t)
			t->function(t);
	}
}
