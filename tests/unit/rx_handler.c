// SPDX-License-Identifier: BSD-2-Clause
/*
 * rx_handler: a toy master device's hook on a port (what bridge, bonding
 * and macvlan attach), seen from __netif_receive_skb: registering (busy,
 * refused by IFF_NO_RX_HANDLER), RX_HANDLER_CONSUMED (the protocols never
 * see the packet), RX_HANDLER_PASS, RX_HANDLER_EXACT (only protocols bound
 * to the device; none: rx_nohandler), RX_HANDLER_ANOTHER (received again
 * as from the master: its taps and protocols, orig_dev still the port),
 * and a loop of ANOTHER cut off.
 */
#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>

#include "ktest.h"

#define ETH_P_TOY 0x88b5 /* IEEE local experimental */

static struct tn_stack *st;

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	stack_enter(st);
	rtnl_lock();
}

static void teardown(void)
{
	struct tn_stack_stats s;

	rtnl_unlock();

	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	tn_stack_destroy(st);
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

static struct net_device *dummy_new(const char *name)
{
	struct net_device *dev =
		alloc_netdev(0, name, NET_NAME_USER, dummy_setup);

	KT_ASSERT(dev);
	dev->nd_net = st->init_net;
	eth_hw_addr_random(dev);
	KT_EQ(register_netdevice(dev), 0);
	KT_EQ(dev_open(dev), 0);
	return dev;
}

/* what each protocol handler and tap saw */
struct seen {
	int count;
	struct net_device *dev, *orig_dev;
};

static struct seen any_proto, port_proto, master_proto, tap;

static int record(struct seen *s, struct sk_buff *skb, struct net_device *dev,
		  struct net_device *orig_dev)
{
	s->count++;
	s->dev = dev;
	s->orig_dev = orig_dev;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static int any_rcv(struct sk_buff *skb, struct net_device *dev,
		   struct packet_type *pt, struct net_device *orig_dev)
{
	(void)pt;
	return record(&any_proto, skb, dev, orig_dev);
}

static int port_rcv(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev)
{
	(void)pt;
	return record(&port_proto, skb, dev, orig_dev);
}

static int master_rcv(struct sk_buff *skb, struct net_device *dev,
		      struct packet_type *pt, struct net_device *orig_dev)
{
	(void)pt;
	return record(&master_proto, skb, dev, orig_dev);
}

static int tap_rcv(struct sk_buff *skb, struct net_device *dev,
		   struct packet_type *pt, struct net_device *orig_dev)
{
	(void)pt;
	return record(&tap, skb, dev, orig_dev);
}

/* the toy master: rx_handler_data is what to answer, and where to send */
struct toy {
	rx_handler_result_t verdict;
	struct net_device *master;
	int calls;
};

static rx_handler_result_t toy_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct toy *toy = skb->dev->rx_handler_data;

	toy->calls++;
	switch (toy->verdict) {
	case RX_HANDLER_CONSUMED:
		consume_skb(skb);
		break;
	case RX_HANDLER_ANOTHER:
		skb->dev = toy->master;
		break;
	default:
		break;
	}
	return toy->verdict;
}

static struct sk_buff *frame(struct net_device *dev)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct ethhdr *eth;

	KT_ASSERT(skb);
	eth = skb_put(skb, ETH_HLEN + 4);
	memset(eth, 0, ETH_HLEN + 4);
	memcpy(eth->h_dest, dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons(ETH_P_TOY);
	skb->dev = dev;
	skb->protocol = eth_type_trans(skb, dev);
	return skb;
}

static void test_rx_handler(void)
{
	struct packet_type pt_any = { .type = htons(ETH_P_TOY),
				      .func = any_rcv };
	struct packet_type pt_port = { .type = htons(ETH_P_TOY),
				       .func = port_rcv };
	struct packet_type pt_master = { .type = htons(ETH_P_TOY),
					 .func = master_rcv };
	struct packet_type pt_tap = { .type = htons(ETH_P_ALL),
				      .func = tap_rcv };
	struct net_device *port, *master, *other;
	struct toy toy = { 0 };

	setup();
	port = dummy_new("port0");
	master = dummy_new("toy0");
	other = dummy_new("port1");
	toy.master = master;
	pt_port.dev = port;
	pt_master.dev = master;
	pt_tap.dev = master;
	dev_add_pack(&pt_any);
	dev_add_pack(&pt_port);
	dev_add_pack(&pt_master);
	dev_add_pack(&pt_tap);

	/* registering */
	KT_ASSERT(!netdev_is_rx_handler_busy(port));
	KT_ASSERT(!netdev_is_rx_handler_busy(NULL));
	KT_EQ(netdev_rx_handler_register(port, toy_handle_frame, &toy), 0);
	KT_ASSERT(netdev_is_rx_handler_busy(port));
	KT_EQ(netdev_rx_handler_register(port, toy_handle_frame, &toy), -EBUSY);
	other->priv_flags |= IFF_NO_RX_HANDLER;
	KT_EQ(netdev_rx_handler_register(other, toy_handle_frame, &toy),
	      -EINVAL);
	KT_ASSERT(port->rx_handler_data == &toy);

	/* CONSUMED: no protocol sees it */
	toy.verdict = RX_HANDLER_CONSUMED;
	KT_EQ(netif_receive_skb(frame(port)), NET_RX_SUCCESS);
	KT_EQ(toy.calls, 1);
	KT_EQ(any_proto.count + port_proto.count + master_proto.count, 0);

	/* PASS: as without a handler; the last match gets the original */
	toy.verdict = RX_HANDLER_PASS;
	KT_EQ(netif_receive_skb(frame(port)), NET_RX_SUCCESS);
	KT_EQ(toy.calls, 2);
	KT_EQ(any_proto.count, 1);
	KT_EQ(port_proto.count, 1);
	KT_EQ(master_proto.count, 0);

	/* EXACT: only what is bound to the port */
	toy.verdict = RX_HANDLER_EXACT;
	KT_EQ(netif_receive_skb(frame(port)), NET_RX_SUCCESS);
	KT_EQ(any_proto.count, 1);
	KT_EQ(port_proto.count, 2);
	dev_remove_pack(&pt_port);
	KT_EQ(netif_receive_skb(frame(port)), NET_RX_DROP);
	KT_EQ(port->rx_nohandler, 1);
	KT_EQ(port->rx_dropped_core, 0);
	KT_EQ(any_proto.count, 1);

	/* ANOTHER: received again as from the master */
	toy.verdict = RX_HANDLER_ANOTHER;
	KT_EQ(tap.count, 0);
	KT_EQ(netif_receive_skb(frame(port)), NET_RX_SUCCESS);
	KT_EQ(tap.count, 1); /* the master's tap */
	KT_ASSERT(tap.dev == master);
	KT_EQ(any_proto.count + master_proto.count, 3);
	KT_EQ(master_proto.count, 1);
	KT_ASSERT(master_proto.dev == master);
	KT_ASSERT(master_proto.orig_dev == port);
	KT_ASSERT(any_proto.dev == master);

	/* a master that hands packets to itself is cut off */
	KT_EQ(netdev_rx_handler_register(master, toy_handle_frame, &toy), 0);
	toy.calls = 0;
	KT_EQ(netif_receive_skb(frame(port)), NET_RX_DROP);
	KT_EQ(toy.calls, 8);
	KT_EQ(master->rx_dropped_core, 1);
	netdev_rx_handler_unregister(master);

	/* gone: the port is a plain device again */
	netdev_rx_handler_unregister(port);
	KT_ASSERT(!netdev_is_rx_handler_busy(port));
	KT_ASSERT(!port->rx_handler_data);
	toy.calls = 0;
	KT_EQ(netif_receive_skb(frame(port)), NET_RX_SUCCESS);
	KT_EQ(toy.calls, 0);
	KT_EQ(any_proto.count, 3);

	dev_remove_pack(&pt_any);
	dev_remove_pack(&pt_master);
	dev_remove_pack(&pt_tap);
	unregister_netdevice(port);
	unregister_netdevice(master);
	unregister_netdevice(other);
	teardown();
}

KTEST_MAIN(KT(test_rx_handler))
