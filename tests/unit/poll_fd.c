// SPDX-License-Identifier: BSD-2-Clause
/*
 * netdev_poll_fd_add: a toy driver whose "wire" is a pipe.  Each byte
 * written to the pipe is a packet the driver's callback reads and hands to
 * netif_rx.  Without a worker (a plain virtual clock) the softirq looks at
 * the fd whenever it runs; with one (idle advance) the worker sleeps in
 * poll(2) on it and wakes when the test writes, with no call of the test
 * to carry it; destroying the stack wakes a worker waiting there.  Also
 * the errors, changing the events, and a deleted fd never called back.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>

#include "ktest.h"

#define ETH_P_TOY 0x88b5

static atomic_int delivered, callbacks;
static short last_revents;

static int toy_rcv(struct sk_buff *skb, struct net_device *dev,
		   struct packet_type *pt, struct net_device *orig_dev)
{
	(void)dev;
	(void)pt;
	(void)orig_dev;
	atomic_fetch_add(&delivered, 1);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type toy_pt = { .func = toy_rcv };

/* the driver's "interrupt": a byte per packet, read in a batch */
static void toy_fd_ready(struct net_device *dev, int fd, short revents,
			 void *arg)
{
	char buf[32];
	ssize_t n, i;

	(void)arg;
	atomic_fetch_add(&callbacks, 1);
	last_revents = revents;
	n = read(fd, buf, sizeof(buf));
	for (i = 0; i < n; i++) {
		struct sk_buff *skb = alloc_skb(64, GFP_ATOMIC);

		if (!skb)
			return;
		skb_put(skb, 20);
		skb->dev = dev;
		skb->protocol = htons(ETH_P_TOY);
		netif_rx(skb);
	}
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

static struct net_device *toy_dev(struct tn_stack *st)
{
	struct net_device *dev =
		alloc_netdev(0, "toy0", NET_NAME_USER, dummy_setup);

	KT_ASSERT(dev);
	dev->nd_net = st->init_net;
	KT_EQ(register_netdevice(dev), 0);
	return dev;
}

static void test_without_worker(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	struct net_device *dev;
	int p[2];

	KT_ASSERT(st);
	KT_EQ(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	atomic_store(&delivered, 0);
	atomic_store(&callbacks, 0);
	stack_enter(st);
	rtnl_lock();
	dev = toy_dev(st);
	toy_pt.type = htons(ETH_P_TOY);
	dev_add_pack(&toy_pt);
	KT_EQ(netdev_poll_fd_add(dev, -1, POLLIN, toy_fd_ready, NULL), -EINVAL);
	KT_EQ(netdev_poll_fd_add(dev, p[0], POLLIN, NULL, NULL), -EINVAL);
	KT_EQ(netdev_poll_fd_add(dev, p[0], 0, toy_fd_ready, NULL), -EINVAL);
	KT_EQ(netdev_poll_fd_add(dev, p[0], POLLIN, toy_fd_ready, NULL), 0);
	KT_EQ(netdev_poll_fd_add(dev, p[0], POLLIN, toy_fd_ready, NULL),
	      -EEXIST);
	KT_EQ(netdev_poll_fd_events(dev, p[1], POLLIN), -ENOENT);
	rtnl_unlock();
	stack_exit(st);
	KT_EQ(atomic_load(&callbacks), 0); /* nothing to read yet */

	/* the next softirq (here, the end of a call) looks at it */
	KT_EQ(write(p[1], "abc", 3), 3);
	stack_enter(st);
	rtnl_lock();
	rtnl_unlock();
	stack_exit(st);
	KT_EQ(atomic_load(&callbacks), 1);
	KT_ASSERT(last_revents & POLLIN);
	KT_EQ(atomic_load(&delivered), 3);

	/* the writer hangs up: POLLHUP reaches the driver too */
	stack_enter(st);
	rtnl_lock();
	KT_EQ(netdev_poll_fd_events(dev, p[0], POLLIN | POLLRDHUP), 0);
	rtnl_unlock();
	stack_exit(st);
	close(p[1]);
	stack_enter(st);
	rtnl_lock();
	rtnl_unlock();
	stack_exit(st);
	KT_ASSERT(last_revents & POLLHUP);

	/* deleted: never called back */
	stack_enter(st);
	rtnl_lock();
	netdev_poll_fd_del(dev, p[0]);
	KT_EQ(atomic_load(&callbacks), 2);
	rtnl_unlock();
	stack_exit(st);
	stack_enter(st);
	rtnl_lock();
	rtnl_unlock();
	stack_exit(st);
	KT_EQ(atomic_load(&callbacks), 2);

	stack_enter(st);

	rtnl_lock();
	dev_remove_pack(&toy_pt);
	unregister_netdevice(dev);
	rtnl_unlock();
	stack_exit(st);
	close(p[0]);
	tn_stack_destroy(st);
}

/* spin (no sleep) until @v reaches @want, a few seconds at most */
static bool wait_for(atomic_int *v, int want)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (atomic_load(v) >= want)
			return true;
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < 5);
	return false;
}

static void test_worker_waits_on_fd(void)
{
	struct tn_stack *st = tn_stack_create(&(struct tn_stack_config){
		.clock = TN_CLOCK_VIRTUAL, .idle_advance = true });
	struct net_device *dev;
	struct timespec t0, t1;
	int p[2], q[2];

	KT_ASSERT(st);
	KT_EQ(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	KT_EQ(pipe2(q, O_NONBLOCK | O_CLOEXEC), 0);
	atomic_store(&delivered, 0);
	atomic_store(&callbacks, 0);
	stack_enter(st);
	rtnl_lock();
	KT_ASSERT(st->worker_running);
	dev = toy_dev(st);
	toy_pt.type = htons(ETH_P_TOY);
	dev_add_pack(&toy_pt);
	KT_EQ(netdev_poll_fd_add(dev, p[0], POLLIN, toy_fd_ready, NULL), 0);
	rtnl_unlock();
	stack_exit(st);

	/* no call of ours carries it: the worker wakes in poll(2) */
	KT_EQ(write(p[1], "xy", 2), 2);
	KT_ASSERT(wait_for(&delivered, 2));
	/* a second fd added while the worker waits is waited on too */
	stack_enter(st);
	rtnl_lock();
	KT_EQ(netdev_poll_fd_add(dev, q[0], POLLIN, toy_fd_ready, NULL), 0);
	rtnl_unlock();
	stack_exit(st);
	KT_EQ(write(q[1], "z", 1), 1);
	KT_ASSERT(wait_for(&delivered, 3));

	stack_enter(st);

	rtnl_lock();
	netdev_poll_fd_del(dev, q[0]);
	dev_remove_pack(&toy_pt);
	rtnl_unlock();
	stack_exit(st);
	/* destroyed while its worker waits on p[0]: it is woken, not
	 * left to its poll timeout */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tn_stack_destroy(st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	KT_ASSERT((t1.tv_sec - t0.tv_sec) * 1000000000L +
			  (t1.tv_nsec - t0.tv_nsec) <
		  500000000L);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

KTEST_MAIN(KT(test_without_worker), KT(test_worker_waits_on_fd))
