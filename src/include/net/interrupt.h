/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tasklets (include/linux/interrupt.h): work that softirq context runs
 * soon after it was scheduled, once whoever scheduled it has let go of
 * what it held - as a TX completion (an skb's destructor, which may run
 * deep inside a transmit) asks TCP to send more (TCP Small Queues).
 * do_softirq() runs them after the receive and transmit work of a round.
 */
#ifndef _NET_INTERRUPT_H
#define _NET_INTERRUPT_H

#include <stdbool.h>

struct tn_stack;

struct tasklet_struct {
	struct tasklet_struct *next; /* softnet's list while scheduled */
	struct tn_stack *st;
	bool scheduled; /* Linux's TASKLET_STATE_SCHED */
	void (*callback)(struct tasklet_struct *t);
};

static inline void tasklet_setup(struct tasklet_struct *t,
				 void (*callback)(struct tasklet_struct *t),
				 struct tn_stack *st)
{
	t->next = NULL;
	t->st = st;
	t->scheduled = false;
	t->callback = callback;
}

/* tasklet_schedule - run @t at the next softirq, once however often asked */
void tasklet_schedule(struct tasklet_struct *t);
/* tasklet_action - run the tasklets scheduled now; true if more came */
bool tasklet_action(struct tn_stack *st);

#endif /* _NET_INTERRUPT_H */
