/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The queueing discipline in front of every device: struct Qdisc, what a
 * discipline implements (Qdisc_ops), and the helpers the simple ones share.
 * Linux: include/net/sch_generic.h.
 */
#ifndef _NET_SCH_GENERIC_H
#define _NET_SCH_GENERIC_H

#include <linux/gen_stats.h>

#include <net/netdevice.h>
#include <net/skbuff.h>

struct net_device;
struct netlink_ext_ack;
struct nlattr;
struct Qdisc;

/* sch->flags */
#define TCQ_F_BUILTIN	 1U /* static (noop_qdisc): never freed */
#define TCQ_F_CAN_BYPASS 4U
#define TCQ_F_ONETXQUEUE 0x10U

/* sch->state bits */
#define __QDISC_STATE_SCHED   0 /* on the softirq's output queue */
#define __QDISC_STATE_RUNNING 1 /* a qdisc_run is dequeuing it */

/* "Sent N bytes M pkt" (struct gnet_stats_basic) */
struct gnet_stats_basic_sync {
	u64 bytes;
	u64 packets;
};

/* "(dropped D, overlimits O requeues R) backlog Bb Np": struct
 * gnet_stats_queue of <linux/gen_stats.h> (qlen, backlog, drops, requeues,
 * overlimits), the layout tc reads */

/**
 * struct Qdisc_ops - a queueing discipline
 * @id: its name as tc and `ip link` show it ("pfifo_fast")
 * @priv_size: bytes of private state after struct Qdisc (qdisc_priv)
 * @enqueue: take @skb (always consumed); NET_XMIT_SUCCESS, or
 *	NET_XMIT_DROP after qdisc_drop() counted it.  NULL: no queue
 *	(noqueue), the packet goes straight to the driver.
 * @dequeue: the next packet to send, or NULL
 * @peek: the packet dequeue would return, left in place
 * @init: set up a new qdisc; @opt is TCA_OPTIONS (struct tc_fifo_qopt
 *	for the fifos) or NULL for the defaults; 0 or -errno
 * @change: apply TCA_OPTIONS to a running qdisc (`tc qdisc change`);
 *	NULL: the discipline takes no options after creation
 * @reset: drop every queued packet (the device went down); the counters
 *	of what was sent and dropped stay
 * @destroy: free what init allocated (after reset)
 * @dump: put the options (TCA_OPTIONS) into a netlink message; 0 or -EMSGSIZE
 */
struct Qdisc_ops {
	const char *id;
	size_t priv_size;
	int (*enqueue)(struct sk_buff *skb, struct Qdisc *sch);
	struct sk_buff *(*dequeue)(struct Qdisc *sch);
	struct sk_buff *(*peek)(struct Qdisc *sch);
	int (*init)(struct Qdisc *sch, const struct nlattr *opt,
		    struct netlink_ext_ack *extack);
	int (*change)(struct Qdisc *sch, const struct nlattr *opt,
		      struct netlink_ext_ack *extack);
	void (*reset)(struct Qdisc *sch);
	void (*destroy)(struct Qdisc *sch);
	int (*dump)(struct Qdisc *sch, struct sk_buff *skb);
};

/**
 * struct Qdisc - one queueing discipline attached to a device
 * @enqueue: ops->enqueue, or NULL for noqueue (the transmit fast test)
 * @q: the packet list of the single-list disciplines (the fifos)
 * @limit: the fifos' limit, in packets (pfifo) or bytes (bfifo)
 * @next_sched: link on the stack's output queue while __QDISC_STATE_SCHED
 * @refcnt: what Linux counts and `tc qdisc` shows: the creator's
 *	reference, plus one per transmit queue and one for dev->qdisc (a
 *	default takes one queue: 2).  Reported only; the owner frees.
 */
struct Qdisc {
	int (*enqueue)(struct sk_buff *skb, struct Qdisc *sch);
	struct sk_buff *(*dequeue)(struct Qdisc *sch);
	unsigned int flags;
	u32 limit;
	const struct Qdisc_ops *ops;
	u32 handle;
	u32 parent;
	int refcnt;
	struct net_device *dev;
	struct Qdisc *next_sched;
	unsigned long state;
	struct sk_buff_head q;
	struct gnet_stats_basic_sync bstats;
	struct gnet_stats_queue qstats;
	u64 priv[];
};

static inline void *qdisc_priv(struct Qdisc *sch)
{
	return sch->priv;
}

static inline struct net_device *qdisc_dev(const struct Qdisc *sch)
{
	return sch->dev;
}

static inline u32 qdisc_qlen(const struct Qdisc *sch)
{
	return sch->qstats.qlen;
}

/*
 * qdisc_pkt_len - the bytes @skb puts on the wire: a GSO packet's headers
 * once per segment (Linux's qdisc_pkt_len_init), so that rates, limits
 * and byte counts are those of its segments.  skb->data is at the link
 * header here.
 */
static inline unsigned int qdisc_pkt_len(const struct sk_buff *skb)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int hdr_len;
	long toff;

	if (!skb_is_gso(skb) || shinfo->gso_segs < 2)
		return skb->len;
	toff = skb_transport_header(skb) - skb->data;
	if (toff < 0 || (unsigned long)toff + 20 > skb_headlen(skb))
		return skb->len;
	hdr_len = (unsigned int)toff;
	if (shinfo->gso_type & SKB_GSO_UDP_L4)
		hdr_len += 8;
	else
		hdr_len += (skb_transport_header(skb)[12] >> 4) * 4U;
	return skb->len + (shinfo->gso_segs - 1U) * hdr_len;
}

/* qdisc_bstats_update - count @skb as sent (at dequeue, as Linux) */
static inline void qdisc_bstats_update(struct Qdisc *sch,
				       const struct sk_buff *skb)
{
	sch->bstats.bytes += qdisc_pkt_len(skb);
	sch->bstats.packets += skb_is_gso(skb) && skb_shinfo(skb)->gso_segs
				       ? skb_shinfo(skb)->gso_segs
				       : 1;
}

/* __qdisc_enqueue_tail - append @skb to @list, counting qlen and backlog */
static inline void __qdisc_enqueue_tail(struct Qdisc *sch, struct sk_buff *skb,
					struct sk_buff_head *list)
{
	skb_queue_tail(list, skb);
	sch->qstats.qlen++;
	sch->qstats.backlog += qdisc_pkt_len(skb);
}

static inline int qdisc_enqueue_tail(struct sk_buff *skb, struct Qdisc *sch)
{
	__qdisc_enqueue_tail(sch, skb, &sch->q);
	return NET_XMIT_SUCCESS;
}

/* __qdisc_dequeue_head - the head of @list, uncounted from the queue and
 * counted as sent */
static inline struct sk_buff *__qdisc_dequeue_head(struct Qdisc *sch,
						   struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_dequeue(list);

	if (skb) {
		sch->qstats.qlen--;
		sch->qstats.backlog -= qdisc_pkt_len(skb);
		qdisc_bstats_update(sch, skb);
	}
	return skb;
}

static inline struct sk_buff *qdisc_dequeue_head(struct Qdisc *sch)
{
	return __qdisc_dequeue_head(sch, &sch->q);
}

static inline struct sk_buff *qdisc_peek_head(struct Qdisc *sch)
{
	return skb_peek(&sch->q);
}

/* qdisc_drop - the qdisc refuses @skb: counted in its drops, freed */
static inline int qdisc_drop(struct sk_buff *skb, struct Qdisc *sch)
{
	sch->qstats.drops++;
	kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
	return NET_XMIT_DROP;
}

/* __qdisc_reset_queue - free what @list holds (the counters stay) */
static inline void __qdisc_reset_queue(struct sk_buff_head *list)
{
	skb_queue_purge_reason(list, SKB_DROP_REASON_QDISC_DROP);
}

/* The built-in disciplines (src/sched/sch_generic.c, sch_fifo.c). */
extern struct Qdisc noop_qdisc;
extern const struct Qdisc_ops noop_qdisc_ops;
extern const struct Qdisc_ops noqueue_qdisc_ops;
extern const struct Qdisc_ops pfifo_fast_ops;
extern const struct Qdisc_ops pfifo_qdisc_ops;
extern const struct Qdisc_ops bfifo_qdisc_ops;
extern const struct Qdisc_ops pfifo_head_drop_qdisc_ops;
extern const struct Qdisc_ops netem_qdisc_ops; /* sch_netem.c */

/**
 * qdisc_create_dflt - a new qdisc of @ops on @dev with its default options
 * @parentid: TC_H_ROOT for a device's root qdisc
 * Return: the qdisc (handle 0, as Linux's defaults), or NULL.
 */
struct Qdisc *qdisc_create_dflt(struct net_device *dev,
				const struct Qdisc_ops *ops, u32 parentid);
/* qdisc_alloc - a zeroed qdisc of @ops on @dev (refcnt 1), not initialised */
struct Qdisc *qdisc_alloc(struct net_device *dev, const struct Qdisc_ops *ops);
/* qdisc_reset - drop what @sch holds; qlen and backlog go to 0 */
void qdisc_reset(struct Qdisc *sch);
/* qdisc_put - reset, destroy and free @sch (not the built-in ones) */
void qdisc_put(struct Qdisc *sch);

/* the device side (src/sched/sch_generic.c) */
void dev_init_scheduler(struct net_device *dev);
void dev_activate(struct net_device *dev);
void dev_deactivate(struct net_device *dev);
void dev_shutdown(struct net_device *dev);
/*
 * dev_graft_qdisc - make @new @dev's root qdisc (NULL: back to noop, and
 * the default attaches at the next open); returns the old one, which the
 * caller puts.  A running device keeps running on the new one.
 */
struct Qdisc *dev_graft_qdisc(struct net_device *dev, struct Qdisc *new);

#endif /* _NET_SCH_GENERIC_H */
