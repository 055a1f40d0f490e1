// SPDX-License-Identifier: BSD-2-Clause
/*
 * veth: creation (peer registered first, names, random MACs), carrier and
 * operational state as Linux shows them, delivery with pkt_type by
 * destination, stats and drops, moving an end to another namespace, and
 * deleting the pair (also with its namespace).
 */
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

static void test_pair_carrier_delivery(void)
{
	struct net *net;
	struct net_device *a, *b;
	struct rtnl_link_stats64 sa, sb;
	struct th_tap tap;
	u8 bcast[ETH_ALEN], other[ETH_ALEN] = { 2, 0, 0, 0, 0, 1 };

	setup();
	net = st->init_net;
	a = th_veth_pair(net, "va", "vb");
	KT_ASSERT(a);
	b = __dev_get_by_name(net, "vb");
	KT_ASSERT(b);
	KT_EQ(b->ifindex, 2); /* the peer is registered first */
	KT_EQ(a->ifindex, 3);
	KT_EQ(dev_get_iflink(a), 3 - 1);
	KT_EQ(dev_get_iflink(b), 3);
	KT_EQ(a->addr_assign_type, NET_ADDR_RANDOM);
	KT_ASSERT(is_valid_ether_addr(a->dev_addr) &&
		  is_local_ether_addr(a->dev_addr));
	KT_ASSERT(!ether_addr_equal(a->dev_addr, b->dev_addr));
	KT_EQ(a->mtu, 1500);
	KT_EQ(a->max_mtu, 65535);
	KT_EQ(a->tx_queue_len, 1000);

	/* both down */
	KT_ASSERT(!netif_carrier_ok(a));
	KT_EQ(dev_get_flags(a), IFF_BROADCAST | IFF_MULTICAST);
	/* one up: NO-CARRIER, LOWERLAYERDOWN */
	KT_EQ(dev_open(a), 0);
	KT_EQ(dev_get_flags(a), IFF_BROADCAST | IFF_MULTICAST | IFF_UP);
	KT_EQ(a->operstate, IF_OPER_LOWERLAYERDOWN);
	KT_STREQ(a->qdisc->ops->id, "noqueue");
	/* both up: carrier on both, UP */
	KT_EQ(dev_open(b), 0);
	KT_ASSERT(netif_carrier_ok(a) && netif_carrier_ok(b));
	KT_EQ(a->operstate, IF_OPER_UP);
	KT_EQ(b->operstate, IF_OPER_UP);
	KT_EQ(dev_get_flags(b), IFF_BROADCAST | IFF_MULTICAST | IFF_UP |
					IFF_RUNNING | IFF_LOWER_UP);

	/* delivery: unicast to b, broadcast, other host */
	eth_broadcast_addr(bcast);
	th_tap_add(&tap, 0x88b5, b);
	{
		struct sk_buff *skb =
			th_frame(b->dev_addr, a->dev_addr, 0x88b5, 100);

		skb->dev = a;
		skb->mark = 7;
		KT_EQ(dev_queue_xmit(skb), 0);
		skb = th_frame(bcast, a->dev_addr, 0x88b5, 100);
		skb->dev = a;
		dev_queue_xmit(skb);
		skb = th_frame(other, a->dev_addr, 0x88b5, 100);
		skb->dev = a;
		dev_queue_xmit(skb);
	}
	do_softirq(st);
	KT_EQ(skb_queue_len(&tap.q), 3);
	KT_EQ(th_count(&tap, PACKET_HOST), 1);
	KT_EQ(th_count(&tap, PACKET_BROADCAST), 1);
	KT_EQ(th_count(&tap, PACKET_OTHERHOST), 1);
	KT_ASSERT(skb_peek(&tap.q)->dev == b);
	KT_EQ(skb_peek(&tap.q)->skb_iif, b->ifindex);
	KT_EQ(skb_peek(&tap.q)->mark, 7); /* same namespace: mark kept */
	KT_EQ(skb_peek(&tap.q)->len, 100);
	dev_get_stats(a, &sa);
	dev_get_stats(b, &sb);
	KT_EQ(sa.tx_packets, 3);
	KT_EQ(sa.tx_bytes, 3 * 114);
	KT_EQ(sb.rx_packets, 3);
	KT_EQ(sb.rx_bytes, 3 * 114);

	/* peer down: carrier off on both, drops counted */
	KT_EQ(dev_close(b), 0);
	KT_ASSERT(!netif_carrier_ok(a));
	KT_EQ(a->operstate, IF_OPER_LOWERLAYERDOWN);
	{
		struct sk_buff *skb =
			th_frame(b->dev_addr, a->dev_addr, 0x88b5, 10);

		skb->dev = a;
		dev_queue_xmit(skb);
	}
	dev_get_stats(a, &sa);
	dev_get_stats(b, &sb);
	KT_EQ(sa.tx_dropped, 1);
	KT_EQ(sb.rx_dropped, 1);
	th_tap_del(&tap);

	/* deleting one end deletes both */
	a->rtnl_link_ops->dellink(a, NULL);
	KT_ASSERT(!__dev_get_by_name(net, "va"));
	KT_ASSERT(!__dev_get_by_name(net, "vb"));
	teardown();
}

static void test_namespace_move(void)
{
	struct net *net, *ns;
	struct net_device *a, *b, *x;
	struct th_tap tap;

	setup();
	net = st->init_net;
	rtnl_unlock(); /* a namespace is made without it */
	ns = copy_net_ns(st);
	rtnl_lock();
	KT_ASSERT(ns);
	a = th_veth_pair(net, "veth0", "veth1");
	KT_ASSERT(a);
	b = __dev_get_by_name(net, "veth1");

	/* name clash without a pattern */
	x = th_veth_pair(ns, "veth1", "peerx");
	KT_ASSERT(x);
	KT_EQ(dev_change_net_namespace(b, ns, NULL), -EEXIST);
	x->rtnl_link_ops->dellink(x, NULL);

	KT_EQ(b->ifindex, 2);
	/* a move shuts the device down: its qdisc goes until the next up */
	KT_EQ(dev_open(b), 0);
	KT_STREQ(b->qdisc->ops->id, "noqueue");
	KT_EQ(dev_change_net_namespace(b, ns, NULL), 0);
	KT_STREQ(b->qdisc->ops->id, "noop");
	KT_ASSERT(!(b->flags & IFF_UP));
	KT_ASSERT(dev_net(b) == ns);
	KT_ASSERT(!__dev_get_by_name(net, "veth1"));
	KT_ASSERT(__dev_get_by_name(ns, "veth1") == b);
	/* ifindex 2 is taken in ns by the deleted pair? no: those were 2,3
	 * and are gone, but the counter moved on; 2 is free, so kept */
	KT_EQ(b->ifindex, 2);
	KT_ASSERT(a->rtnl_link_ops->get_link_net(a) == ns);
	KT_EQ(dev_get_iflink(a), 2);

	dev_open(a);
	dev_open(b);
	KT_ASSERT(netif_carrier_ok(a));
	th_tap_add(&tap, 0x88b5, b);
	{
		struct sk_buff *skb =
			th_frame(b->dev_addr, a->dev_addr, 0x88b5, 20);

		skb->dev = a;
		skb->mark = 7;
		dev_queue_xmit(skb);
	}
	do_softirq(st);
	KT_EQ(skb_queue_len(&tap.q), 1);
	KT_EQ(skb_peek(&tap.q)->mark, 0); /* scrubbed across namespaces */
	th_tap_del(&tap);

	/*
	 * peer down in the other namespace: a looks its peer's ifindex (2) up
	 * in its own namespace, finds nothing and says DOWN, not
	 * LOWERLAYERDOWN (Linux's default_operstate)
	 */
	KT_EQ(dev_close(b), 0);
	KT_ASSERT(!netif_carrier_ok(a));
	KT_ASSERT(!__dev_get_by_index(net, 2));
	KT_EQ(a->operstate, IF_OPER_DOWN);
	KT_EQ(dev_open(b), 0);
	KT_EQ(a->operstate, IF_OPER_UP);

	/* the namespace dies: the pair goes with it */
	rtnl_unlock();
	put_net(ns);
	rtnl_lock();
	KT_ASSERT(!__dev_get_by_name(net, "veth0"));
	teardown();
}

KTEST_MAIN(KT(test_pair_carrier_delivery), KT(test_namespace_move))
