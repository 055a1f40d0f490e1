// SPDX-License-Identifier: BSD-2-Clause
/*
 * The qdisc layer: the default per device (noop while never up, noqueue
 * for virtual devices, pfifo_fast for a device with a queue), pfifo_fast's
 * bands and per-band txqueuelen limit, a stopped queue holding packets
 * until netif_wake_queue and the transmit softirq send them in order,
 * pfifo's packet and bfifo's byte limits, noqueue's direct path.
 */
#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/pkt_sched.h>
#include <net/sch_generic.h>

#include "ktest.h"
#include "veth_helpers.h"

static struct tn_stack *st;
static struct sk_buff_head sent; /* what the test driver was given */
static int stop_after; /* the driver stops its queue after this many */

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	stack_enter(st);
	rtnl_lock(); /* configuring, as the control plane does */
	skb_queue_head_init(&sent);
	stop_after = 0;
}

static void teardown(void)
{
	struct tn_stack_stats s;

	skb_queue_purge(&sent);
	rtnl_unlock();
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	tn_stack_destroy(st);
}

/* A device with a queue: keeps what it is given; may stop its queue. */
static netdev_tx_t qtest_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	skb_queue_tail(&sent, skb);
	if (stop_after && --stop_after == 0)
		netif_stop_queue(dev);
	return NETDEV_TX_OK;
}

static const struct net_device_ops qtest_ops = {
	.ndo_start_xmit = qtest_xmit,
};

static void qtest_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &qtest_ops;
	dev->needs_free_netdev = true;
}

static void virt_setup(struct net_device *dev)
{
	qtest_setup(dev);
	dev->priv_flags |= IFF_NO_QUEUE;
}

static struct net_device *qtest_new(const char *name,
				    void (*setup_fn)(struct net_device *))
{
	struct net_device *dev = alloc_netdev(0, name, NET_NAME_USER, setup_fn);

	KT_ASSERT(dev);
	eth_hw_addr_random(dev);
	KT_EQ(register_netdevice(dev), 0);
	return dev;
}

/* a frame of @len bytes on @dev, its first payload byte @tag */
static struct sk_buff *frame(struct net_device *dev, u8 tag, u32 prio,
			     unsigned int len)
{
	static const u8 zero[ETH_ALEN];
	struct sk_buff *skb = th_frame(zero, zero, 0x88b5, len - ETH_HLEN);

	KT_ASSERT(skb);
	skb->data[ETH_HLEN] = tag;
	skb->priority = prio;
	skb->dev = dev;
	return skb;
}

static int xmit(struct net_device *dev, u8 tag, u32 prio)
{
	return dev_queue_xmit(frame(dev, tag, prio, 100));
}

/* the tags of what the driver got, in order, into @buf */
static const char *sent_tags(char *buf)
{
	struct sk_buff *skb;
	int n = 0;

	skb_queue_walk(&sent, skb)
		buf[n++] = (char)skb->data[ETH_HLEN];
	buf[n] = 0;
	return buf;
}

static void test_defaults(void)
{
	struct net_device *d, *v, *lo;

	setup();
	d = qtest_new("q0", qtest_setup);
	v = qtest_new("v0", virt_setup);
	lo = st->init_net->loopback_dev;
	/* never up: noop, for the user and for packets */
	KT_STREQ(d->qdisc->ops->id, "noop");
	KT_EQ(xmit(d, 'a', 0), NET_XMIT_CN);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_DEV_READY], 1);

	KT_EQ(dev_open(d), 0);
	KT_EQ(dev_open(v), 0);
	KT_EQ(dev_open(lo), 0);
	KT_STREQ(d->qdisc->ops->id, "pfifo_fast");
	KT_EQ(d->qdisc->parent, TC_H_ROOT);
	KT_EQ(d->qdisc->handle, 0);
	KT_STREQ(v->qdisc->ops->id, "noqueue");
	KT_STREQ(lo->qdisc->ops->id, "noqueue");
	KT_ASSERT(d->_tx.qdisc == d->qdisc);

	/* down: packets meet noop; the root qdisc and its counters stay */
	KT_EQ(xmit(d, 'b', 0), NET_XMIT_SUCCESS);
	KT_EQ(d->qdisc->bstats.packets, 1);
	KT_EQ(dev_close(d), 0);
	KT_ASSERT(d->_tx.qdisc == &noop_qdisc);
	KT_STREQ(d->qdisc->ops->id, "pfifo_fast");
	KT_EQ(xmit(d, 'c', 0), NET_XMIT_CN);
	KT_EQ(d->qdisc->bstats.packets, 1);
	KT_EQ(skb_queue_len(&sent), 1);

	/* txqueuelen 0 at the first open: noqueue (as veth without a queue) */
	d = qtest_new("q1", qtest_setup);
	KT_EQ(dev_change_tx_queue_len(d, 0), 0);
	KT_EQ(dev_open(d), 0);
	KT_STREQ(d->qdisc->ops->id, "noqueue");
	teardown();
}

static void test_pfifo_fast_bands(void)
{
	struct net_device *d;
	char buf[32];

	setup();
	d = qtest_new("q0", qtest_setup);
	KT_EQ(dev_open(d), 0);
	netif_stop_queue(d);
	/* TC_PRIO_BESTEFFORT -> band 1, INTERACTIVE -> 0, BULK -> 2,
	 * CONTROL -> 0, INTERACTIVE_BULK -> 1 */
	KT_EQ(xmit(d, 'A', TC_PRIO_BESTEFFORT), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'B', TC_PRIO_INTERACTIVE), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'C', TC_PRIO_BULK), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'D', TC_PRIO_CONTROL), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'E', TC_PRIO_INTERACTIVE_BULK), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'F', TC_PRIO_BESTEFFORT | 16), NET_XMIT_SUCCESS);
	KT_EQ(skb_queue_len(&sent), 0);
	KT_EQ(qdisc_qlen(d->qdisc), 6);
	KT_EQ(d->qdisc->qstats.backlog, 600);
	KT_EQ(d->qdisc->bstats.packets, 0);
	netif_wake_queue(d);
	do_softirq(st);
	KT_STREQ(sent_tags(buf), "BDAEFC");
	KT_EQ(qdisc_qlen(d->qdisc), 0);
	KT_EQ(d->qdisc->qstats.backlog, 0);
	KT_EQ(d->qdisc->bstats.packets, 6);
	KT_EQ(d->qdisc->bstats.bytes, 600);
	KT_EQ(d->qdisc->qstats.drops, 0);
	teardown();
}

static void test_pfifo_fast_limit(void)
{
	struct rtnl_link_stats64 stats;
	struct net_device *d;
	char buf[32];

	setup();
	d = qtest_new("q0", qtest_setup);
	KT_EQ(dev_change_tx_queue_len(d, 3), 0);
	KT_EQ(dev_open(d), 0);
	netif_stop_queue(d);
	KT_EQ(xmit(d, 'a', 0), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'b', 0), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'c', 0), NET_XMIT_SUCCESS);
	/* band 1 is full: dropped and counted by the qdisc, not the device */
	KT_EQ(xmit(d, 'd', 0), NET_XMIT_DROP);
	KT_EQ(d->qdisc->qstats.drops, 1);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_QDISC_DROP], 1);
	/* each band has its own txqueuelen */
	KT_EQ(xmit(d, 'X', TC_PRIO_INTERACTIVE), NET_XMIT_SUCCESS);
	KT_EQ(qdisc_qlen(d->qdisc), 4);
	/* a longer txqueuelen takes effect at once */
	KT_EQ(dev_change_tx_queue_len(d, 4), 0);
	KT_EQ(xmit(d, 'e', 0), NET_XMIT_SUCCESS);
	netif_wake_queue(d);
	do_softirq(st);
	KT_STREQ(sent_tags(buf), "Xabce");
	dev_get_stats(d, &stats);
	KT_EQ(stats.tx_dropped, 0);
	KT_EQ(stats.tx_packets, 5);
	teardown();
}

static void test_stop_wake(void)
{
	struct net_device *d;
	char buf[256];
	int i;

	setup();
	d = qtest_new("q0", qtest_setup);
	KT_EQ(dev_open(d), 0);
	/* the driver stops after two: the rest waits in the qdisc */
	stop_after = 2;
	for (i = 0; i < 5; i++)
		KT_EQ(xmit(d, (u8)('a' + i), 0), NET_XMIT_SUCCESS);
	KT_ASSERT(netif_queue_stopped(d));
	KT_STREQ(sent_tags(buf), "ab");
	KT_EQ(qdisc_qlen(d->qdisc), 3);
	/* the wake schedules the qdisc; the softirq sends, in order */
	stop_after = 2;
	netif_wake_queue(d);
	KT_STREQ(sent_tags(buf), "ab");
	do_softirq(st);
	KT_STREQ(sent_tags(buf), "abcd");
	KT_EQ(qdisc_qlen(d->qdisc), 1);
	/* a wake of a queue that is not stopped does nothing */
	netif_wake_queue(d);
	do_softirq(st);
	KT_STREQ(sent_tags(buf), "abcde");
	KT_EQ(qdisc_qlen(d->qdisc), 0);

	/* more than one run's quota: the softirq comes back for the rest */
	skb_queue_purge(&sent);
	netif_stop_queue(d);
	for (i = 0; i < 150; i++)
		KT_EQ(xmit(d, (u8)i, 0), NET_XMIT_SUCCESS);
	netif_wake_queue(d);
	do_softirq(st);
	KT_EQ(skb_queue_len(&sent), 150);
	i = 0;
	{
		struct sk_buff *skb;

		skb_queue_walk(&sent, skb)
			KT_EQ(skb->data[ETH_HLEN], (u8)i++);
	}

	/* going down drops what waits; a later wake sends nothing */
	skb_queue_purge(&sent);
	netif_stop_queue(d);
	KT_EQ(xmit(d, 'z', 0), NET_XMIT_SUCCESS);
	netif_wake_queue(d); /* scheduled, then the device goes down */
	KT_EQ(dev_close(d), 0);
	KT_EQ(qdisc_qlen(d->qdisc), 0);
	KT_EQ(d->qdisc->qstats.backlog, 0);
	do_softirq(st);
	KT_EQ(skb_queue_len(&sent), 0);
	KT_ASSERT(st->softnet.output_queue == NULL);
	teardown();
}

static struct Qdisc *graft(struct net_device *dev, const struct Qdisc_ops *ops)
{
	struct Qdisc *q = qdisc_create_dflt(dev, ops, TC_H_ROOT);

	KT_ASSERT(q);
	qdisc_put(dev_graft_qdisc(dev, q));
	return q;
}

static void test_pfifo_bfifo(void)
{
	struct net_device *d;
	struct Qdisc *q;
	char buf[32];

	setup();
	d = qtest_new("q0", qtest_setup);
	KT_EQ(dev_open(d), 0);

	/* pfifo: txqueuelen packets by default, one list whatever the prio */
	q = graft(d, &pfifo_qdisc_ops);
	KT_STREQ(d->qdisc->ops->id, "pfifo");
	KT_ASSERT(d->_tx.qdisc == q);
	KT_EQ(q->limit, 1000);
	KT_EQ(fifo_set_limit(q, 2), 0);
	netif_stop_queue(d);
	KT_EQ(xmit(d, 'a', TC_PRIO_BULK), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'b', TC_PRIO_INTERACTIVE), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'c', 0), NET_XMIT_DROP);
	KT_EQ(q->qstats.drops, 1);
	netif_wake_queue(d);
	do_softirq(st);
	KT_STREQ(sent_tags(buf), "ab");
	KT_EQ(q->bstats.packets, 2);

	/* bfifo: txqueuelen * (mtu + link header) bytes by default */
	skb_queue_purge(&sent);
	q = graft(d, &bfifo_qdisc_ops);
	KT_EQ(q->limit, 1000 * (1500 + ETH_HLEN));
	KT_EQ(fifo_set_limit(q, 250), 0);
	netif_stop_queue(d);
	KT_EQ(xmit(d, 'a', 0), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'b', 0), NET_XMIT_SUCCESS);
	KT_EQ(xmit(d, 'c', 0), NET_XMIT_DROP); /* 300 > 250 */
	KT_EQ(dev_queue_xmit(frame(d, 'd', 0, 50)), NET_XMIT_SUCCESS);
	KT_EQ(q->qstats.backlog, 250);
	KT_EQ(q->qstats.drops, 1);
	netif_wake_queue(d);
	do_softirq(st);
	KT_STREQ(sent_tags(buf), "abd");
	KT_EQ(q->bstats.bytes, 250);
	teardown();
}

static void test_noqueue(void)
{
	struct rtnl_link_stats64 stats;
	struct net_device *v;
	char buf[32];

	setup();
	v = qtest_new("v0", virt_setup);
	KT_EQ(dev_open(v), 0);
	KT_STREQ(v->qdisc->ops->id, "noqueue");
	/* straight to the driver, no softirq needed */
	KT_EQ(xmit(v, 'a', 0), NET_XMIT_SUCCESS);
	KT_STREQ(sent_tags(buf), "a");
	/* a virtual device that stops its queue has nowhere to keep it */
	netif_stop_queue(v);
	KT_EQ(xmit(v, 'b', 0), -ENETDOWN);
	dev_get_stats(v, &stats);
	KT_EQ(stats.tx_dropped, 1);
	netif_wake_queue(v);
	do_softirq(st);
	KT_STREQ(sent_tags(buf), "a");
	KT_EQ(xmit(v, 'c', 0), NET_XMIT_SUCCESS);
	KT_STREQ(sent_tags(buf), "ac");
	teardown();
}

KTEST_MAIN(KT(test_defaults), KT(test_pfifo_fast_bands),
	   KT(test_pfifo_fast_limit), KT(test_stop_wake), KT(test_pfifo_bfifo),
	   KT(test_noqueue))
