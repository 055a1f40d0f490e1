/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Wait queues and sleeping.  Everything that blocks (recvmsg, poll, connect)
 * sleeps on wait queues with the stack lock released, and wakes when the
 * event comes or its timeout timer fires.  Time here is the stack's clock,
 * so a virtual clock makes blocking timeouts instant and exact.
 * Linux: include/linux/wait.h, kernel/sched/wait.c, schedule_timeout().
 */
#ifndef _NET_WAIT_H
#define _NET_WAIT_H

#include <pthread.h>

#include <net/list.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, void *key);

struct wait_queue_entry {
	struct list_head entry;
	struct tn_waiter *waiter; /* the sleeping thread (default wake) */
	wait_queue_func_t func; /* NULL: wake @waiter */
	void *private;
};

struct wait_queue_head {
	struct list_head head;
};

/* One per sleeping thread. */
struct tn_waiter {
	struct tn_cond cond;
	bool woken;
	bool sleeping; /* counted in st->nr_sleeping */
};

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

static inline bool waitqueue_active(const struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

void init_wait_entry(struct wait_queue_entry *e, struct tn_waiter *w);
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
/* wake_up_poll - wake every entry on @wq; @key carries the EPOLL* mask */
void wake_up_poll(struct wait_queue_head *wq, unsigned int key);
#define wake_up(wq)		      wake_up_poll(wq, 0)
#define wake_up_interruptible_all(wq) wake_up_poll(wq, 0)

/* The calling thread's waiter (thread-local). */
struct tn_waiter *current_waiter(void);

/**
 * schedule_timeout - sleep until woken or @timeo ns pass on the stack clock
 * @timeo: relative timeout in ns; MAX_SCHEDULE_TIMEOUT for none
 *
 * Context: process context, stack lock held; the lock is released while
 * asleep.  Pending softirq work runs first.  The caller must have put its
 * waiter on the queues it waits on and reset ->woken before checking its
 * condition, so no wake-up is lost.
 * Return: time left (0 if the timeout expired).
 */
s64 schedule_timeout(s64 timeo);

#endif /* _NET_WAIT_H */
