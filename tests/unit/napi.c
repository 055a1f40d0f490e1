// SPDX-License-Identifier: BSD-2-Clause
/*
 * NAPI: a toy driver with a receive ring polled by net_rx_action.  Disabled
 * until napi_enable; napi_schedule puts it on the poll list once (again
 * while polled: MISSED, one more poll); each poll gets the weight; a poll
 * that uses it stays scheduled, one that does not completes; the budget
 * (net.core.netdev_budget) ends a round with a time_squeeze in
 * /proc/net/softnet_stat; napi_disable takes it off the list; the backlog
 * of netif_rx is a NAPI of dev_weight; the sysctls exist in init_net only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>

#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>

#include "ktest.h"

#define ETH_P_TOY 0x88b5

static struct tn_stack *st;
static int delivered;

static int toy_rcv(struct sk_buff *skb, struct net_device *dev,
		   struct packet_type *pt, struct net_device *orig_dev)
{
	(void)dev;
	(void)pt;
	(void)orig_dev;
	delivered++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type toy_pt = { .func = toy_rcv };

/* the toy driver: @ring packets wait; each poll records its budget */
struct toy {
	struct napi_struct napi;
	struct net_device *dev;
	int ring, polls, last_budget, completes;
	bool reschedule_in_poll, gro;
	int delivered_before_complete;
};

static int toy_poll(struct napi_struct *napi, int budget)
{
	struct toy *t = container_of(napi, struct toy, napi);
	int work = 0;

	t->polls++;
	t->last_budget = budget;
	if (t->reschedule_in_poll) {
		/* a packet arrives while polled: the "interrupt" fires */
		t->reschedule_in_poll = false;
		KT_ASSERT(!napi_schedule(napi));
	}
	while (work < budget && t->ring > 0) {
		struct sk_buff *skb = alloc_skb(64, GFP_ATOMIC);

		KT_ASSERT(skb);
		skb_put(skb, 20);
		skb->dev = t->dev;
		skb->protocol = htons(ETH_P_TOY);
		if (t->gro)
			KT_EQ(napi_gro_receive(napi, skb), GRO_NORMAL);
		else
			netif_receive_skb(skb);
		t->ring--;
		work++;
	}
	t->delivered_before_complete = delivered;
	if (work < budget && napi_complete_done(napi, work))
		t->completes++;
	return work;
}

static netdev_tx_t dummy_xmit(struct sk_buff *skb, struct net_device *dev)
{
	(void)dev;
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops dummy_ops = {
	.ndo_start_xmit = dummy_xmit,
};

static void dummy_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &dummy_ops;
	dev->needs_free_netdev = true;
}

/* the tn_* calls take the stack lock themselves: leave it meanwhile */
static void read_file(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	rtnl_unlock();

	stack_exit(st);
	fd = tn_open(path, O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, len - 1);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	tn_close(fd);
	stack_enter(st);
	rtnl_lock();
}

static void write_file(const char *path, const char *val)
{
	int fd;

	rtnl_unlock();

	stack_exit(st);
	fd = tn_open(path, O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, val, strlen(val)), (ssize_t)strlen(val));
	tn_close(fd);
	stack_enter(st);
	rtnl_lock();
}

static void test_napi(void)
{
	struct toy t = { 0 }, u = { 0 };
	char buf[512];
	unsigned int squeeze;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	stack_enter(st);
	rtnl_lock();
	st->in_softirq = true; /* the test runs the softirq itself */
	t.dev = alloc_netdev(0, "toy0", NET_NAME_USER, dummy_setup);
	KT_ASSERT(t.dev);
	t.dev->nd_net = st->init_net;
	KT_EQ(register_netdevice(t.dev), 0);
	u.dev = t.dev;
	toy_pt.type = htons(ETH_P_TOY);
	dev_add_pack(&toy_pt);

	/* disabled until enabled */
	netif_napi_add_weight(t.dev, &t.napi, toy_poll, 16);
	KT_ASSERT(!napi_schedule(&t.napi));
	KT_ASSERT(!net_rx_pending(st));
	napi_enable(&t.napi);

	/* less than the weight: one poll, completed */
	t.ring = 5;
	KT_ASSERT(napi_schedule(&t.napi));
	KT_ASSERT(net_rx_pending(st));
	KT_ASSERT(!net_rx_action(st));
	KT_EQ(t.polls, 1);
	KT_EQ(t.last_budget, 16);
	KT_EQ(delivered, 5);
	KT_EQ(t.completes, 1);
	/* scheduled twice before its poll: once on the list, and MISSED
	 * gives it one more poll (as Linux: the second "interrupt" may have
	 * come after the driver looked at its ring) */
	t.polls = 0;
	KT_ASSERT(napi_schedule(&t.napi));
	KT_ASSERT(!napi_schedule(&t.napi));
	KT_ASSERT(net_rx_action(st));
	KT_ASSERT(!net_rx_action(st));
	KT_EQ(t.polls, 2);
	KT_EQ(t.completes, 2);

	/* the whole weight: scheduled again, polled next round */
	t.ring = 40;
	KT_ASSERT(napi_schedule(&t.napi));
	KT_ASSERT(net_rx_action(st));
	KT_EQ(delivered, 5 + 16);
	KT_ASSERT(net_rx_action(st));
	KT_ASSERT(!net_rx_action(st));
	KT_EQ(delivered, 45);
	KT_EQ(t.completes, 3);

	/* scheduled while polled: MISSED, so it is polled once more */
	t.polls = 0;
	t.ring = 1;
	t.reschedule_in_poll = true;
	KT_ASSERT(napi_schedule(&t.napi));
	KT_ASSERT(net_rx_action(st));
	KT_ASSERT(!net_rx_action(st));
	KT_EQ(t.polls, 2);

	/* napi_gro_receive: up in batches of 8, the rest at completion */
	t.gro = true;
	t.ring = 10;
	delivered = 0;
	KT_ASSERT(napi_schedule(&t.napi));
	KT_ASSERT(!net_rx_action(st));
	KT_EQ(t.delivered_before_complete, 8);
	KT_EQ(delivered, 10);
	/* and at a repoll: nothing waits for the next round (a weight of
	 * 12: a batch of 8 goes up in the poll, 4 after it) */
	netif_napi_del(&t.napi);
	netif_napi_add_weight(t.dev, &t.napi, toy_poll, 12);
	napi_enable(&t.napi);
	t.ring = 20;
	delivered = 0;
	KT_ASSERT(napi_schedule(&t.napi));
	KT_ASSERT(net_rx_action(st));
	KT_EQ(t.delivered_before_complete, 8);
	KT_EQ(delivered, 12);
	KT_ASSERT(!net_rx_action(st));
	KT_EQ(delivered, 20);
	t.gro = false;
	netif_napi_del(&t.napi);
	netif_napi_add_weight(t.dev, &t.napi, toy_poll, 16);
	napi_enable(&t.napi);

	/* the budget ends the round: a time_squeeze, the rest waits */
	write_file("/proc/sys/net/core/netdev_budget", "20");
	netif_napi_add_weight(u.dev, &u.napi, toy_poll, 16);
	napi_enable(&u.napi);
	t.ring = 100;
	u.ring = 100;
	squeeze = st->softnet.time_squeeze;
	KT_ASSERT(napi_schedule(&t.napi));
	KT_ASSERT(napi_schedule(&u.napi));
	delivered = 0;
	KT_ASSERT(net_rx_action(st));
	KT_EQ(delivered, 32); /* 16 each: 20 spent after the second */
	KT_EQ(st->softnet.time_squeeze, squeeze + 1);
	read_file("/proc/net/softnet_stat", buf, sizeof(buf));
	KT_EQ(strlen(buf), 15 * 9);
	KT_EQ(strtoul(buf + 18, NULL, 16), squeeze + 1);

	/* disabled: off the list, not scheduled until enabled again */
	napi_disable(&u.napi);
	KT_ASSERT(!napi_schedule(&u.napi));
	write_file("/proc/sys/net/core/netdev_budget", "300");
	while (net_rx_action(st))
		;
	KT_EQ(t.ring, 0);
	KT_EQ(u.ring, 100 - 16);
	napi_enable(&u.napi);
	KT_ASSERT(napi_schedule(&u.napi));
	netif_napi_del(&u.napi); /* forgotten, off the list */
	KT_ASSERT(!net_rx_pending(st));
	netif_napi_del(&t.napi);

	/* the backlog is a NAPI of dev_weight */
	read_file("/proc/sys/net/core/dev_weight", buf, sizeof(buf));
	KT_STREQ(buf, "64\n");
	write_file("/proc/sys/net/core/dev_weight", "3");
	delivered = 0;
	for (int i = 0; i < 10; i++) {
		struct sk_buff *skb = alloc_skb(64, GFP_ATOMIC);

		KT_ASSERT(skb);
		skb_put(skb, 20);
		skb->dev = t.dev;
		skb->protocol = htons(ETH_P_TOY);
		netif_rx(skb);
	}
	KT_ASSERT(net_rx_action(st)); /* the weight it had: 64 */
	KT_EQ(delivered, 10);
	for (int i = 0; i < 10; i++) {
		struct sk_buff *skb = alloc_skb(64, GFP_ATOMIC);

		KT_ASSERT(skb);
		skb_put(skb, 20);
		skb->dev = t.dev;
		skb->protocol = htons(ETH_P_TOY);
		netif_rx(skb);
	}
	KT_ASSERT(net_rx_action(st));
	KT_EQ(delivered, 13);
	read_file("/proc/sys/net/core/netdev_budget_usecs", buf, sizeof(buf));
	KT_STREQ(buf, "8000\n");
	st->in_softirq = false;
	do_softirq(st);
	KT_EQ(delivered, 20);
	st->in_softirq = true;

	dev_remove_pack(&toy_pt);
	unregister_netdevice(t.dev);
	st->in_softirq = false;
	rtnl_unlock();
	stack_exit(st);
	/* only init_net has them, as on Linux */
	KT_EQ(tn_netns_add("x"), 0);
	KT_EQ(tn_netns_set("x"), 0);
	KT_EQ(tn_open("/proc/sys/net/core/netdev_budget", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("x"), 0);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_napi))
