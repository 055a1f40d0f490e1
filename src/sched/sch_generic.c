// SPDX-License-Identifier: BSD-2-Clause
/*
 * The generic qdisc machinery: noop (a device that is down), noqueue (the
 * virtual devices), pfifo_fast (the default for a device with a queue),
 * creating and freeing qdiscs, attaching them when a device comes up, and
 * running them (qdisc_run, the transmit softirq).
 * Linux: net/sched/sch_generic.c (and __qdisc_run, net_tx_action of
 * net/core/dev.c).
 */
#include <net/netdevice.h>
#include <net/netlink.h>
#include <net/pkt_sched.h>

/* ---- noop: everything is dropped, nothing is counted ---- */

static int noop_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	(void)sch;
	/* a down device: IP takes NET_XMIT_CN as sent (see dev_queue_xmit) */
	kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
	return NET_XMIT_CN;
}

static struct sk_buff *noop_dequeue(struct Qdisc *sch)
{
	(void)sch;
	return NULL;
}

const struct Qdisc_ops noop_qdisc_ops = {
	.id = "noop",
	.enqueue = noop_enqueue,
	.dequeue = noop_dequeue,
	.peek = noop_dequeue,
};

/*
 * One noop qdisc serves every device of every stack: it keeps no state
 * and no counters, and is never scheduled (__netif_schedule skips it).
 */
struct Qdisc noop_qdisc = {
	.enqueue = noop_enqueue,
	.dequeue = noop_dequeue,
	.flags = TCQ_F_BUILTIN,
	.ops = &noop_qdisc_ops,
};

/* ---- noqueue: no enqueue, dev_queue_xmit calls the driver directly ---- */

const struct Qdisc_ops noqueue_qdisc_ops = {
	.id = "noqueue",
	.dequeue = noop_dequeue,
	.peek = noop_dequeue,
};

/* ---- pfifo_fast: three bands, band 0 first ---- */

#define PFIFO_FAST_BANDS 3

/* skb->priority (TC_PRIO_*) to band: interactive first, bulk last */
static const u8 prio2band[TC_PRIO_MAX + 1] = { 1, 2, 2, 2, 1, 2, 0, 0,
					       1, 1, 1, 1, 1, 1, 1, 1 };

struct pfifo_fast_priv {
	struct sk_buff_head band[PFIFO_FAST_BANDS];
};

/*
 * Each band holds up to txqueuelen packets (Linux sizes one ring per band
 * by tx_queue_len, and resizes them when it changes).
 */
static int pfifo_fast_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	struct pfifo_fast_priv *priv = qdisc_priv(sch);
	struct sk_buff_head *list =
		&priv->band[prio2band[skb->priority & TC_PRIO_MAX]];

	if (unlikely(skb_queue_len(list) >= qdisc_dev(sch)->tx_queue_len))
		return qdisc_drop(skb, sch);
	__qdisc_enqueue_tail(sch, skb, list);
	return NET_XMIT_SUCCESS;
}

static struct sk_buff *pfifo_fast_dequeue(struct Qdisc *sch)
{
	struct pfifo_fast_priv *priv = qdisc_priv(sch);
	int b;

	for (b = 0; b < PFIFO_FAST_BANDS; b++)
		if (!skb_queue_empty(&priv->band[b]))
			return __qdisc_dequeue_head(sch, &priv->band[b]);
	return NULL;
}

static struct sk_buff *pfifo_fast_peek(struct Qdisc *sch)
{
	struct pfifo_fast_priv *priv = qdisc_priv(sch);
	int b;

	for (b = 0; b < PFIFO_FAST_BANDS; b++)
		if (!skb_queue_empty(&priv->band[b]))
			return skb_peek(&priv->band[b]);
	return NULL;
}

static int pfifo_fast_init(struct Qdisc *sch, const struct nlattr *opt,
			   struct netlink_ext_ack *extack)
{
	struct pfifo_fast_priv *priv = qdisc_priv(sch);
	int b;

	(void)opt;
	(void)extack;
	for (b = 0; b < PFIFO_FAST_BANDS; b++)
		skb_queue_head_init(&priv->band[b]);
	sch->flags |= TCQ_F_CAN_BYPASS;
	return 0;
}

static void pfifo_fast_reset(struct Qdisc *sch)
{
	struct pfifo_fast_priv *priv = qdisc_priv(sch);
	int b;

	for (b = 0; b < PFIFO_FAST_BANDS; b++)
		__qdisc_reset_queue(&priv->band[b]);
}

/* "bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1" */
static int pfifo_fast_dump(struct Qdisc *sch, struct sk_buff *skb)
{
	struct tc_prio_qopt opt = { .bands = PFIFO_FAST_BANDS };

	(void)sch;
	memcpy(opt.priomap, prio2band, sizeof(opt.priomap));
	return nla_put(skb, TCA_OPTIONS, sizeof(opt), &opt) ? -EMSGSIZE : 0;
}

const struct Qdisc_ops pfifo_fast_ops = {
	.id = "pfifo_fast",
	.priv_size = sizeof(struct pfifo_fast_priv),
	.enqueue = pfifo_fast_enqueue,
	.dequeue = pfifo_fast_dequeue,
	.peek = pfifo_fast_peek,
	.init = pfifo_fast_init,
	.reset = pfifo_fast_reset,
	.dump = pfifo_fast_dump,
};

/* ---- creating and freeing ---- */

struct Qdisc *qdisc_alloc(struct net_device *dev, const struct Qdisc_ops *ops)
{
	struct Qdisc *sch = kzalloc(sizeof(*sch) + ops->priv_size, GFP_KERNEL);

	if (!sch)
		return NULL;
	sch->ops = ops;
	sch->enqueue = ops->enqueue;
	sch->dequeue = ops->dequeue;
	sch->dev = dev;
	sch->refcnt = 1;
	skb_queue_head_init(&sch->q);
	return sch;
}

struct Qdisc *qdisc_create_dflt(struct net_device *dev,
				const struct Qdisc_ops *ops, u32 parentid)
{
	struct Qdisc *sch = qdisc_alloc(dev, ops);

	if (!sch)
		return NULL;
	sch->parent = parentid;
	if (ops->init && ops->init(sch, NULL, NULL)) {
		qdisc_put(sch);
		return NULL;
	}
	return sch;
}

void qdisc_reset(struct Qdisc *sch)
{
	/* noop holds nothing, and is shared: never written */
	if (sch->flags & TCQ_F_BUILTIN)
		return;
	if (sch->ops->reset)
		sch->ops->reset(sch);
	__qdisc_reset_queue(&sch->q);
	sch->qstats.qlen = 0;
	sch->qstats.backlog = 0;
}

/* take @q off the stack's output queue (it is going away or down) */
static void qdisc_unschedule(struct Qdisc *q)
{
	struct Qdisc **pp;

	if (!(q->state & (1UL << __QDISC_STATE_SCHED)))
		return;
	for (pp = &current_stack()->softnet.output_queue; *pp;
	     pp = &(*pp)->next_sched) {
		if (*pp == q) {
			*pp = q->next_sched;
			break;
		}
	}
	q->next_sched = NULL;
	q->state &= ~(1UL << __QDISC_STATE_SCHED);
}

void qdisc_put(struct Qdisc *sch)
{
	if (!sch || (sch->flags & TCQ_F_BUILTIN))
		return;
	qdisc_unschedule(sch);
	qdisc_reset(sch);
	if (sch->ops->destroy)
		sch->ops->destroy(sch);
	kfree(sch);
}

/* ---- attaching to a device ---- */

/* dev_init_scheduler - a new device: noop until it first comes up */
void dev_init_scheduler(struct net_device *dev)
{
	dev->qdisc = &noop_qdisc;
	dev->_tx.dev = dev;
	dev->_tx.qdisc = &noop_qdisc;
}

/*
 * attach_default_qdiscs - Linux's default per device: noqueue for the
 * virtual devices (IFF_NO_QUEUE) and those without a queue length,
 * pfifo_fast for the rest.  Without memory the device stays on noop.
 */
static void attach_default_qdiscs(struct net_device *dev)
{
	const struct Qdisc_ops *ops = &pfifo_fast_ops;
	struct Qdisc *q;

	if ((dev->priv_flags & IFF_NO_QUEUE) || !dev->tx_queue_len)
		ops = &noqueue_qdisc_ops;
	q = qdisc_create_dflt(dev, ops, TC_H_ROOT);
	if (q) {
		q->refcnt++; /* dev->qdisc's, beside the queue's */
		dev->qdisc = q;
	}
}

/* dev_activate - at open: the root qdisc (the default at the first open)
 * takes the packets */
void dev_activate(struct net_device *dev)
{
	if (dev->qdisc == &noop_qdisc)
		attach_default_qdiscs(dev);
	dev->_tx.qdisc = dev->qdisc;
}

/* dev_deactivate - at close: packets go to noop; what was queued is
 * dropped (qdisc_reset), the qdisc and its counters stay */
void dev_deactivate(struct net_device *dev)
{
	dev->_tx.qdisc = &noop_qdisc;
	qdisc_unschedule(dev->qdisc);
	qdisc_reset(dev->qdisc);
}

/* dev_shutdown - the device leaves (unregister, another namespace) */
void dev_shutdown(struct net_device *dev)
{
	struct Qdisc *q = dev->qdisc;

	dev->qdisc = &noop_qdisc;
	dev->_tx.qdisc = &noop_qdisc;
	qdisc_put(q);
}

struct Qdisc *dev_graft_qdisc(struct net_device *dev, struct Qdisc *new)
{
	struct Qdisc *old = dev->qdisc;
	bool up = dev->_tx.qdisc != &noop_qdisc;

	if (up)
		dev_deactivate(dev);
	dev->qdisc = new ? new : &noop_qdisc;
	if (up)
		dev_activate(dev);
	return old;
}

/* ---- running ---- */

/*
 * qdisc_restart - send one packet: none while the driver has stopped the
 * queue (it stays in the qdisc).  Return: true if another may follow.
 */
static bool qdisc_restart(struct Qdisc *q)
{
	struct net_device *dev = qdisc_dev(q);
	struct netdev_queue *txq = netdev_get_tx_queue(dev);
	struct sk_buff *skb;

	if (netif_xmit_stopped(txq))
		return false;
	skb = q->dequeue(q);
	if (!skb)
		return false;
	dev_hard_start_xmit(skb, dev);
	return !netif_xmit_stopped(txq);
}

void __qdisc_run(struct Qdisc *q)
{
	int quota = DEV_TX_WEIGHT;

	while (qdisc_restart(q)) {
		if (--quota <= 0) {
			__netif_schedule(q);
			break;
		}
	}
}

void __netif_schedule(struct Qdisc *q)
{
	struct tn_stack *st = current_stack();
	struct Qdisc **pp;

	/* noop and noqueue hold nothing to send */
	if ((q->flags & TCQ_F_BUILTIN) || !q->enqueue ||
	    (q->state & (1UL << __QDISC_STATE_SCHED)))
		return;
	q->state |= 1UL << __QDISC_STATE_SCHED;
	q->next_sched = NULL;
	for (pp = &st->softnet.output_queue; *pp; pp = &(*pp)->next_sched)
		;
	*pp = q;
}

/* netif_wake_queue - see netdevice.h */
void netif_wake_queue(struct net_device *dev)
{
	struct netdev_queue *txq = netdev_get_tx_queue(dev);

	if (!netif_xmit_stopped(txq))
		return;
	txq->state &= ~(1UL << __QUEUE_STATE_DRV_XOFF);
	__netif_schedule(txq->qdisc);
}

bool net_tx_action(struct tn_stack *st)
{
	unsigned int n = 0;
	struct Qdisc *q;

	/*
	 * One pass over what is scheduled now; a qdisc that runs out of quota
	 * schedules itself again, behind.  Each is taken off the list before
	 * it runs, so a device going away meanwhile finds the list whole.
	 */
	for (q = st->softnet.output_queue; q; q = q->next_sched)
		n++;
	while (n-- && (q = st->softnet.output_queue)) {
		st->softnet.output_queue = q->next_sched;
		q->next_sched = NULL;
		q->state &= ~(1UL << __QDISC_STATE_SCHED);
		qdisc_run(q);
	}
	return st->softnet.output_queue != NULL;
}
