// SPDX-License-Identifier: BSD-2-Clause
/*
 * The loopback device "lo": one per namespace, ifindex 1, created down as
 * in a new Linux namespace.  What it transmits comes straight back in
 * through netif_rx, keeping its route (the dst says "deliver locally").
 * Linux: drivers/net/loopback.c.
 */
#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>

#include "drivers.h"

/*
 * loopback_xmit - ndo_start_xmit: turn the packet around.  One count serves
 * both directions, as Linux's loopback reports rx == tx.
 */
static netdev_tx_t loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	unsigned int len;

	skb_orphan(skb);
	skb->tstamp = 0;
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return NETDEV_TX_OK;
	}
	skb->protocol = eth_type_trans(skb, dev);
	/* a looped packet is for us whatever its link destination */
	skb->pkt_type = PACKET_HOST;
	len = skb->len;
	if (likely(netif_rx(skb) == NET_RX_SUCCESS)) {
		dev->stats.tx_packets++;
		dev->stats.tx_bytes += len;
	}
	return NETDEV_TX_OK;
}

static void loopback_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *stats)
{
	stats->rx_packets = stats->tx_packets = dev->stats.tx_packets;
	stats->rx_bytes = stats->tx_bytes = dev->stats.tx_bytes;
	stats->tx_dropped = dev->stats.tx_dropped;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit = loopback_xmit,
	.ndo_get_stats64 = loopback_get_stats64,
};

static void loopback_setup(struct net_device *dev)
{
	dev->mtu = 64 * 1024;
	dev->hard_header_len = ETH_HLEN;
	dev->addr_len = ETH_ALEN;
	dev->type = ARPHRD_LOOPBACK;
	dev->flags = IFF_LOOPBACK;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_LLTX |
			NETIF_F_NETNS_LOCAL | NETIF_F_LOOPBACK |
			NETIF_F_FRAGLIST | NETIF_F_TSO | NETIF_F_GSO_UDP_L4 |
			NETIF_F_GSO_FRAGLIST;
	dev->header_ops = &eth_header_ops;
	dev->netdev_ops = &loopback_ops;
	dev->needs_free_netdev = true;
}

static int loopback_net_init(struct net *net)
{
	struct net_device *dev;
	int err;

	dev = alloc_netdev(0, "lo", NET_NAME_PREDICTABLE, loopback_setup);
	if (!dev)
		return -ENOMEM;
	dev->nd_net = net;
	dev->ifindex = LOOPBACK_IFINDEX;
	err = register_netdev(dev);
	if (err)
		goto out_free_netdev;
	net->loopback_dev = dev;
	return 0;

out_free_netdev:
	free_netdev(dev);
	return err;
}

/* The other devices have left by now (default_device_exit); lo goes last. */
static void loopback_net_exit(struct net *net)
{
	struct net_device *dev = net->loopback_dev;

	if (!dev)
		return;
	net->loopback_dev = NULL;
	unregister_netdev(dev);
}

static struct pernet_operations loopback_net_ops = {
	.init = loopback_net_init,
	.exit = loopback_net_exit,
};

/**
 * loopback_init - create "lo" in every namespace, now and to come
 * Return: 0 or -errno.
 */
int loopback_init(struct tn_stack *st)
{
	(void)st;
	return register_pernet_device(&loopback_net_ops);
}

void loopback_exit(struct tn_stack *st)
{
	(void)st;
	unregister_pernet_device(&loopback_net_ops);
}
