// SPDX-License-Identifier: BSD-2-Clause
/*
 * The simple fifos: pfifo (a limit in packets), bfifo (a limit in bytes)
 * and pfifo_head_drop (a limit in packets; when full the oldest packet
 * makes room).  Without options the limit is the device's txqueuelen, in
 * packets or times the device's MTU plus link header in bytes, as Linux.
 * Linux: net/sched/sch_fifo.c.
 */
#include <net/netdevice.h>
#include <net/netlink.h>
#include <net/pkt_sched.h>

static int pfifo_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	if (likely(qdisc_qlen(sch) < sch->limit))
		return qdisc_enqueue_tail(skb, sch);
	return qdisc_drop(skb, sch);
}

static int bfifo_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	if (likely((u64)sch->qstats.backlog + qdisc_pkt_len(skb) <= sch->limit))
		return qdisc_enqueue_tail(skb, sch);
	return qdisc_drop(skb, sch);
}

/* full: the oldest goes (counted as a drop and an overlimit) */
static int pfifo_tail_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	struct sk_buff *old;

	if (likely(qdisc_qlen(sch) < sch->limit))
		return qdisc_enqueue_tail(skb, sch);
	if (!sch->limit)
		return qdisc_drop(skb, sch);
	old = skb_dequeue(&sch->q);
	sch->qstats.qlen--;
	sch->qstats.backlog -= qdisc_pkt_len(old);
	sch->qstats.drops++;
	sch->qstats.overlimits++;
	kfree_skb_reason(old, SKB_DROP_REASON_QDISC_DROP);
	qdisc_enqueue_tail(skb, sch);
	return NET_XMIT_CN;
}

/* psched_mtu - the largest frame the device sends: MTU and link header */
static unsigned int psched_mtu(const struct net_device *dev)
{
	return dev->mtu + dev->hard_header_len;
}

static void fifo_set_bypass(struct Qdisc *sch)
{
	bool is_bfifo = sch->ops == &bfifo_qdisc_ops;

	if (is_bfifo ? sch->limit >= psched_mtu(qdisc_dev(sch))
		     : sch->limit >= 1)
		sch->flags |= TCQ_F_CAN_BYPASS;
	else
		sch->flags &= ~TCQ_F_CAN_BYPASS;
}

/* fifo_init - also the change op: a new limit, or the default one */
static int fifo_init(struct Qdisc *sch, const struct nlattr *opt,
		     struct netlink_ext_ack *extack)
{
	(void)extack;
	if (!opt) {
		u64 limit = qdisc_dev(sch)->tx_queue_len;

		if (sch->ops == &bfifo_qdisc_ops)
			limit *= psched_mtu(qdisc_dev(sch));
		sch->limit = limit > UINT32_MAX ? UINT32_MAX : (u32)limit;
	} else {
		struct tc_fifo_qopt qopt;

		if (nla_len(opt) < (int)sizeof(qopt))
			return -EINVAL;
		memcpy(&qopt, nla_data(opt), sizeof(qopt));
		sch->limit = qopt.limit;
	}
	fifo_set_bypass(sch);
	return 0;
}

/* "limit 1000p" / "limit 1514000b" */
static int fifo_dump(struct Qdisc *sch, struct sk_buff *skb)
{
	struct tc_fifo_qopt opt = { .limit = sch->limit };

	return nla_put(skb, TCA_OPTIONS, sizeof(opt), &opt) ? -EMSGSIZE : 0;
}

const struct Qdisc_ops pfifo_qdisc_ops = {
	.id = "pfifo",
	.enqueue = pfifo_enqueue,
	.dequeue = qdisc_dequeue_head,
	.peek = qdisc_peek_head,
	.init = fifo_init,
	.change = fifo_init,
	.dump = fifo_dump,
};

const struct Qdisc_ops bfifo_qdisc_ops = {
	.id = "bfifo",
	.enqueue = bfifo_enqueue,
	.dequeue = qdisc_dequeue_head,
	.peek = qdisc_peek_head,
	.init = fifo_init,
	.change = fifo_init,
	.dump = fifo_dump,
};

const struct Qdisc_ops pfifo_head_drop_qdisc_ops = {
	.id = "pfifo_head_drop",
	.enqueue = pfifo_tail_enqueue,
	.dequeue = qdisc_dequeue_head,
	.peek = qdisc_peek_head,
	.init = fifo_init,
	.change = fifo_init,
	.dump = fifo_dump,
};

/* fifo_set_limit - change a fifo's limit (tc qdisc change ... limit N) */
int fifo_set_limit(struct Qdisc *q, unsigned int limit)
{
	if (q->ops != &pfifo_qdisc_ops && q->ops != &bfifo_qdisc_ops &&
	    q->ops != &pfifo_head_drop_qdisc_ops)
		return 0;
	q->limit = limit;
	fifo_set_bypass(q);
	return 0;
}
