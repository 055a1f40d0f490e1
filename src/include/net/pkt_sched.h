/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Running the qdiscs: qdisc_run, the transmit softirq's output queue.
 * Linux: include/net/pkt_sched.h.
 */
#ifndef _NET_PKT_SCHED_H
#define _NET_PKT_SCHED_H

#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include <net/sch_generic.h>
#include <net/timer.h>

/* packets one qdisc_run sends before it yields to the softirq
 * (net.core.dev_weight * dev_weight_tx_bias) */
#define DEV_TX_WEIGHT 64

/*
 * __qdisc_run - dequeue and transmit until the qdisc is empty, the
 * device's queue is stopped, or the quota is spent (then the rest is
 * scheduled for the softirq).  Context: stack lock held.
 */
void __qdisc_run(struct Qdisc *q);

/* qdisc_run - __qdisc_run unless a run of @q is already under way */
static inline void qdisc_run(struct Qdisc *q)
{
	/* noop holds nothing, and is shared: its state is never written */
	if ((q->flags & TCQ_F_BUILTIN) ||
	    (q->state & (1UL << __QDISC_STATE_RUNNING)))
		return;
	q->state |= 1UL << __QDISC_STATE_RUNNING;
	__qdisc_run(q);
	q->state &= ~(1UL << __QDISC_STATE_RUNNING);
}

/* __netif_schedule - have the transmit softirq run @q (once) */
void __netif_schedule(struct Qdisc *q);

/* qdisc_lookup - @dev's qdisc with @handle (the root, the only one), or NULL */
struct Qdisc *qdisc_lookup(struct net_device *dev, u32 handle);

/*
 * struct qdisc_watchdog - a timer that has the transmit softirq run a qdisc
 * that holds packets not yet due (netem's delays).  It follows the stack
 * clock (virtual in tests and labs), as Linux's follows an hrtimer.
 * Linux: include/net/pkt_sched.h, net/sched/sch_api.c.
 */
struct qdisc_watchdog {
	struct timer_list timer;
	struct Qdisc *qdisc;
};

/* qdisc_watchdog_init - @wd will schedule @qdisc; not yet armed */
void qdisc_watchdog_init(struct qdisc_watchdog *wd, struct Qdisc *qdisc);
/* qdisc_watchdog_schedule_ns - run the qdisc again at @expires (stack
 * clock, ns); an earlier or later arming is replaced */
void qdisc_watchdog_schedule_ns(struct qdisc_watchdog *wd, u64 expires);
/* qdisc_watchdog_cancel - disarm (reset, destroy) */
void qdisc_watchdog_cancel(struct qdisc_watchdog *wd);

struct tn_stack;
/* pktsched_init - RTM_{NEW,DEL,GET}QDISC for `tc qdisc` (sch_api.c) */
int pktsched_init(struct tn_stack *st);

/* fifo_set_limit-style access for tc and tests: sch_fifo.c */
int fifo_set_limit(struct Qdisc *q, unsigned int limit);

#endif /* _NET_PKT_SCHED_H */
