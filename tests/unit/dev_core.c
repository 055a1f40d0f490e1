// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device core: loopback in every namespace (ifindex 1, down, UNKNOWN
 * when up, NETNS_LOCAL), ifindex and name assignment, MTU and rename
 * rules, notifier events, the receive backlog bound, and the ioctls.
 */
#include <sys/ioctl.h>

#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/sch_generic.h>

#include "ktest.h"
#include "veth_helpers.h"

static struct tn_stack *st;

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	stack_enter(st);
	rtnl_lock(); /* configuring, as the control plane does */
}

static void teardown(void)
{
	struct tn_stack_stats s;

	rtnl_unlock();
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_netns, 0);
	tn_stack_destroy(st);
}

static int dummy_xmit_count;

static netdev_tx_t dummy_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev->stats.tx_packets++;
	dummy_xmit_count++;
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops dummy_ops = {
	.ndo_start_xmit = dummy_xmit,
	.ndo_set_mac_address = eth_mac_addr,
};

static void dummy_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &dummy_ops;
	dev->needs_free_netdev = true;
}

static struct net_device *dummy_new(struct net *net, const char *name)
{
	struct net_device *dev =
		alloc_netdev(0, name, NET_NAME_USER, dummy_setup);

	if (!dev)
		return NULL;
	dev->nd_net = net;
	eth_hw_addr_random(dev);
	if (register_netdevice(dev)) {
		free_netdev(dev);
		return NULL;
	}
	return dev;
}

static void test_loopback_per_namespace(void)
{
	struct net *net2;
	struct net_device *lo, *lo2;
	struct rtnl_link_stats64 stats;
	struct th_tap tap;
	struct sk_buff *skb;
	u8 zero[ETH_ALEN] = { 0 };

	setup();
	lo = __dev_get_by_name(st->init_net, "lo");
	KT_ASSERT(lo);
	KT_EQ(lo->ifindex, 1);
	KT_ASSERT(lo == st->init_net->loopback_dev);
	KT_EQ(lo->mtu, 65536);
	KT_EQ(lo->type, ARPHRD_LOOPBACK);
	KT_EQ(dev_get_flags(lo), IFF_LOOPBACK);
	KT_STREQ(lo->qdisc->ops->id, "noop");

	rtnl_unlock(); /* a namespace is made without it */
	net2 = copy_net_ns(st);
	rtnl_lock();
	KT_ASSERT(net2);
	lo2 = __dev_get_by_index(net2, 1);
	KT_ASSERT(lo2 && lo2 != lo);
	KT_STREQ(lo2->name, "lo");
	/* loopback may not leave its namespace */
	KT_EQ(dev_change_net_namespace(lo2, st->init_net, "dev%d"), -EINVAL);

	KT_EQ(dev_open(lo), 0);
	KT_EQ(dev_get_flags(lo),
	      IFF_LOOPBACK | IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	KT_EQ(lo->operstate, IF_OPER_UNKNOWN);
	KT_STREQ(lo->qdisc->ops->id, "noqueue");

	/* what lo sends comes back, counted once as rx and tx */
	th_tap_add(&tap, 0x88b5, NULL);
	skb = th_frame(zero, zero, 0x88b5, 50);
	skb->dev = lo;
	KT_EQ(dev_queue_xmit(skb), 0);
	KT_EQ(skb_queue_len(&tap.q), 0); /* not before the softirq */
	do_softirq(st);
	KT_EQ(skb_queue_len(&tap.q), 1);
	KT_ASSERT(skb_peek(&tap.q)->dev == lo);
	KT_EQ(skb_peek(&tap.q)->len, 50);
	dev_get_stats(lo, &stats);
	KT_EQ(stats.tx_packets, 1);
	KT_EQ(stats.rx_packets, 1);
	KT_EQ(stats.tx_bytes, 50); /* after eth_type_trans, as Linux */
	th_tap_del(&tap);

	/* no handler: dropped, counted in rx_dropped */
	skb = th_frame(zero, zero, 0x88b6, 10);
	skb->dev = lo;
	dev_queue_xmit(skb);
	do_softirq(st);
	dev_get_stats(lo, &stats);
	KT_EQ(stats.rx_dropped, 1);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_UNHANDLED_PROTO], 1);

	/* a down device drops what it is given, as the noop qdisc: no error
	 * for the sender, nothing counted on the device */
	KT_EQ(dev_close(lo), 0);
	skb = th_frame(zero, zero, 0x88b5, 10);
	skb->dev = lo;
	KT_EQ(dev_queue_xmit(skb), NET_XMIT_CN);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_DEV_READY], 1);
	dev_get_stats(lo, &stats);
	KT_EQ(stats.tx_packets, 2);
	KT_EQ(stats.tx_dropped, 0);

	rtnl_unlock();
	put_net(net2);
	rtnl_lock();
	teardown();
}

static int events[NETDEV_PRE_UP + 1];

static int count_event(struct notifier_block *nb, unsigned long ev, void *p)
{
	(void)nb;
	(void)p;
	if (ev <= NETDEV_PRE_UP)
		events[ev]++;
	return NOTIFY_DONE;
}

static void test_names_indexes_events(void)
{
	struct notifier_block nb = { .notifier_call = count_event };
	struct net_device *d0, *d1, *d2;
	struct net *net = NULL;
	struct net_device *x;

	setup();
	net = st->init_net;
	memset(events, 0, sizeof(events));
	KT_EQ(register_netdevice_notifier(&nb), 0);
	KT_EQ(events[NETDEV_REGISTER], 1); /* replayed for lo */

	d0 = dummy_new(net, "dum%d");
	d1 = dummy_new(net, "dum%d");
	KT_ASSERT(d0 && d1);
	KT_STREQ(d0->name, "dum0");
	KT_STREQ(d1->name, "dum1");
	KT_EQ(d0->ifindex, 2);
	KT_EQ(d1->ifindex, 3);
	KT_EQ(events[NETDEV_REGISTER], 3);
	KT_STREQ(d0->qdisc->ops->id, "noop");

	/* names: taken, invalid */
	x = alloc_netdev(0, "dum0", NET_NAME_USER, dummy_setup);
	x->nd_net = net;
	KT_EQ(register_netdevice(x), -EEXIST);
	strcpy(x->name, "a/b");
	KT_EQ(register_netdevice(x), -EINVAL);
	free_netdev(x);
	KT_EQ(dev_valid_name(""), 0);
	KT_EQ(dev_valid_name("."), 0);
	KT_EQ(dev_valid_name("0123456789abcdef"), 0);
	KT_EQ(dev_valid_name("eth 0"), 0);
	KT_EQ(dev_valid_name("veth0"), 1);

	/* MTU limits of Ethernet: 68 .. 1500 */
	KT_EQ(dev_set_mtu(d0, 67), -EINVAL);
	KT_EQ(dev_set_mtu(d0, 1501), -EINVAL);
	KT_EQ(dev_set_mtu(d0, 1400), 0);
	KT_EQ(d0->mtu, 1400);
	KT_EQ(events[NETDEV_CHANGEMTU], 1);

	/* rename: allowed while up (Linux 6.x), taken -> EEXIST, bad names
	 * -> EINVAL, pattern */
	KT_EQ(dev_change_flags(d0, d0->flags | IFF_UP), 0);
	KT_EQ(events[NETDEV_UP], 1);
	KT_STREQ(d0->qdisc->ops->id, "pfifo_fast");
	KT_EQ(dev_change_name(d0, "x0"), 0);
	KT_STREQ(d0->name, "x0");
	KT_EQ(events[NETDEV_CHANGENAME], 1);
	KT_EQ(dev_change_name(d0, "dum1"), -EEXIST);
	KT_EQ(dev_change_name(d0, "a:b"), -EINVAL);
	KT_EQ(dev_change_name(d0, ".."), -EINVAL);
	KT_EQ(dev_change_name(d0, "a%d%d"), -EINVAL);
	KT_STREQ(d0->name, "x0");
	KT_EQ(dev_change_flags(d0, d0->flags & ~IFF_UP), 0);
	KT_EQ(events[NETDEV_DOWN], 1);
	KT_STREQ(d0->qdisc->ops->id, "pfifo_fast"); /* stays once attached */
	KT_EQ(dev_change_name(d0, "dum1"), -EEXIST);
	KT_EQ(dev_change_name(d0, "eth%d"), 0);
	KT_STREQ(d0->name, "eth0");
	KT_EQ(events[NETDEV_CHANGENAME], 2);
	KT_ASSERT(__dev_get_by_name(net, "eth0") == d0);

	/* MAC: multicast refused, valid accepted, wrong family */
	{
		struct sockaddr sa = { .sa_family = ARPHRD_ETHER };

		sa.sa_data[0] = 1;
		KT_EQ(dev_set_mac_address(d0, &sa), -EADDRNOTAVAIL);
		sa.sa_data[0] = 2;
		sa.sa_data[5] = 9;
		KT_EQ(dev_set_mac_address(d0, &sa), 0);
		KT_EQ(d0->dev_addr[5], 9);
		KT_EQ(d0->addr_assign_type, NET_ADDR_SET);
		sa.sa_family = AF_INET;
		KT_EQ(dev_set_mac_address(d0, &sa), -EINVAL);
		sa.sa_family = ARPHRD_ETHER;
		KT_EQ(dev_set_mac_address(st->init_net->loopback_dev, &sa),
		      -EOPNOTSUPP);
	}

	/* a freed index is not reused at once: counter goes on */
	unregister_netdevice(d1);
	KT_EQ(events[NETDEV_UNREGISTER], 1);
	d2 = dummy_new(net, "dum%d");
	KT_ASSERT(d2);
	KT_STREQ(d2->name, "dum0"); /* d0 is eth0 now */
	KT_EQ(d2->ifindex, 4);

	/* the list is in ifindex order */
	{
		int last = 0;

		for_each_netdev(net, x) {
			KT_ASSERT(x->ifindex > last);
			last = x->ifindex;
		}
	}
	unregister_netdevice(d0);
	unregister_netdevice(d2);
	unregister_netdevice_notifier(&nb);
	teardown();
}

static void test_ioctls(void)
{
	struct net *net;
	struct net_device *d;
	struct ifreq ifr;

	setup();
	net = st->init_net;
	d = dummy_new(net, "dum0");
	KT_ASSERT(d);
	rtnl_unlock(); /* dev_ioctl() takes it */
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "dum0");
	KT_EQ(dev_ioctl(net, SIOCGIFINDEX, &ifr, NULL), 0);
	KT_EQ(ifr.ifr_ifindex, 2);
	memset(ifr.ifr_name, 0, IFNAMSIZ);
	KT_EQ(dev_ioctl(net, SIOCGIFNAME, &ifr, NULL), 0);
	KT_STREQ(ifr.ifr_name, "dum0");
	ifr.ifr_ifindex = 77;
	KT_EQ(dev_ioctl(net, SIOCGIFNAME, &ifr, NULL), -ENODEV);
	strcpy(ifr.ifr_name, "dum0");
	KT_EQ(dev_ioctl(net, SIOCGIFFLAGS, &ifr, NULL), 0);
	KT_EQ(ifr.ifr_flags, IFF_BROADCAST | IFF_MULTICAST);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(dev_ioctl(net, SIOCSIFFLAGS, &ifr, NULL), 0);
	KT_ASSERT(d->flags & IFF_UP);
	KT_EQ(dev_ioctl(net, SIOCGIFFLAGS, &ifr, NULL), 0);
	/* no carrier handling in the dummy: carrier is on, so RUNNING */
	KT_ASSERT(ifr.ifr_flags & IFF_RUNNING);
	ifr.ifr_mtu = 9000;
	KT_EQ(dev_ioctl(net, SIOCSIFMTU, &ifr, NULL), -EINVAL);
	KT_EQ(dev_ioctl(net, SIOCGIFMTU, &ifr, NULL), 0);
	KT_EQ(ifr.ifr_mtu, 1500);
	KT_EQ(dev_ioctl(net, SIOCGIFHWADDR, &ifr, NULL), 0);
	KT_EQ(ifr.ifr_hwaddr.sa_family, ARPHRD_ETHER);
	KT_EQ(memcmp(ifr.ifr_hwaddr.sa_data, d->dev_addr, 6), 0);
	KT_EQ(dev_ioctl(net, SIOCGIFTXQLEN, &ifr, NULL), 0);
	KT_EQ(ifr.ifr_qlen, 1000);
	strcpy(ifr.ifr_name, "nope");
	KT_EQ(dev_ioctl(net, SIOCGIFINDEX, &ifr, NULL), -ENODEV);
	KT_EQ(dev_ioctl(net, 0x89ff, &ifr, NULL), -ENOTTY);
	rtnl_lock();
	unregister_netdevice(d);
	teardown();
}

static void test_backlog_bound(void)
{
	struct net_device *lo;
	struct rtnl_link_stats64 stats;
	u8 zero[ETH_ALEN] = { 0 };
	int i;

	setup();
	lo = st->init_net->loopback_dev;
	dev_open(lo);
	st->in_softirq = true; /* keep stack_exit from draining meanwhile */
	for (i = 0; i < 1005; i++) {
		struct sk_buff *skb = th_frame(zero, zero, 0x88b6, 1);

		skb->dev = lo;
		skb_pull(skb, ETH_HLEN);
		netif_rx(skb);
	}
	st->in_softirq = false;
	KT_EQ(skb_queue_len(&st->softnet.input_pkt_queue), 1000);
	KT_EQ(st->softnet.dropped, 5);
	dev_get_stats(lo, &stats);
	KT_EQ(stats.rx_dropped, 5);
	/* one round polls the backlog NAPI once: dev_weight packets */
	KT_ASSERT(net_rx_action(st));
	KT_EQ(skb_queue_len(&st->softnet.input_pkt_queue), 1000 - 64);
	do_softirq(st);
	KT_EQ(skb_queue_len(&st->softnet.input_pkt_queue), 0);
	teardown();
}

KTEST_MAIN(KT(test_loopback_per_namespace), KT(test_names_indexes_events),
	   KT(test_ioctls), KT(test_backlog_bound))
