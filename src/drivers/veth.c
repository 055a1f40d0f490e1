// SPDX-License-Identifier: BSD-2-Clause
/*
 * veth: a pair of Ethernet devices joined back to back.  What one end
 * transmits the other receives; the ends may live in different namespaces.
 * Carrier is on only while both ends are up.  `ip link add A type veth peer
 * name B [netns NS]` creates a pair; deleting either end deletes both.
 * Both ends take TSO packets whole (NETIF_F_TSO, as Linux: a 64 KB TCP
 * packet crosses as one skb).  An end with NETIF_F_GRO (off by default,
 * as Linux's `ethtool -K gro on`) receives through its own NAPI and GRO:
 * what the peer transmits waits in a ring until the receive softirq polls
 * it.
 * Linux: drivers/net/veth.c.
 */
#include <linux/veth.h>
#include <unistd.h>

#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/rtnetlink.h>

#include "drivers.h"

#define DRV_NAME       "veth"

#define VETH_RING_SIZE 256

struct veth_priv {
	struct net_device *peer;
	u64 dropped; /* transmit drops: no peer, peer down, too big */
	/* receive with GRO: the peer's packets, polled by napi (open) */
	struct napi_struct napi;
	struct sk_buff_head ring;
};

static struct rtnl_link_ops veth_link_ops;

/*
 * veth_forward_skb - hand @skb to the peer as if it arrived on the wire:
 * the packet is scrubbed of everything that belonged to the sending side
 * (route, socket, mark and timestamp across namespaces) and classified
 * again by eth_type_trans on the peer.  Consumes @skb.
 */
static int veth_forward_skb(struct net_device *rcv, struct sk_buff *skb,
			    bool use_napi)
{
	bool xnet = !net_eq(dev_net(rcv), dev_net(skb->dev));

	/* is_skb_forwardable: a GSO packet's segments are checked instead */
	if (!(rcv->flags & IFF_UP) ||
	    (skb->len > rcv->mtu + rcv->hard_header_len + 4 /* VLAN_HLEN */ &&
	     (!skb_is_gso(skb) ||
	      !skb_gso_validate_network_len(skb, rcv->mtu + 4)))) {
		rcv->rx_dropped_core++;
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return NET_RX_DROP;
	}
	skb_orphan(skb);
	skb_dst_drop(skb);
	skb->pkt_type = PACKET_HOST;
	skb->skb_iif = 0;
	skb->ignore_df = 0;
	skb->priority = 0;
	if (xnet) {
		skb->mark = 0;
		skb->tstamp = 0;
	}
	skb->protocol = eth_type_trans(skb, rcv);
	if (use_napi) {
		struct veth_priv *rpriv = netdev_priv(rcv);

		if (skb_queue_len(&rpriv->ring) >= VETH_RING_SIZE) {
			kfree_skb_reason(skb, SKB_DROP_REASON_FULL_RING);
			return NET_RX_DROP;
		}
		skb_queue_tail(&rpriv->ring, skb);
		napi_schedule(&rpriv->napi);
		return NET_RX_SUCCESS;
	}
	return netif_rx(skb);
}

/* veth_poll - the receive NAPI of a GRO end: the ring, through GRO */
static int veth_poll(struct napi_struct *napi, int budget)
{
	struct veth_priv *priv = container_of(napi, struct veth_priv, napi);
	struct sk_buff *skb;
	int done = 0;

	while (done < budget && (skb = skb_dequeue(&priv->ring))) {
		napi_gro_receive(napi, skb);
		done++;
	}
	if (done < budget && napi_complete_done(napi, done) &&
	    !skb_queue_empty(&priv->ring))
		napi_schedule(napi); /* came while GRO's packets went up */
	return done;
}

/*
 * veth_skb_is_eligible_for_gro - worth the receiving end's NAPI and GRO?
 * Everything is when the sending end @dev has TSO off (its TCP comes in
 * wire-sized segments, for GRO to merge back); with TSO on (the default)
 * only a socket's own packets (UDP: sock_wfree, the one write destructor
 * here), and only for an end that merges them unasked (rx-gro-list,
 * rx-udp-gro-forwarding): `ethtool -K gro on` alone leaves a UDP_GRO
 * socket's datagrams unmerged on Linux 6.18 too.
 */
static bool veth_skb_is_eligible_for_gro(const struct net_device *dev,
					 const struct net_device *rcv,
					 const struct sk_buff *skb)
{
	if (!(rcv->features & NETIF_F_GRO))
		return false;
	return !(dev->features & NETIF_F_TSO) ||
	       (skb->sk && skb->destructor &&
		(rcv->features & (NETIF_F_GRO_FRAGLIST | NETIF_F_GRO_UDP_FWD)));
}

static netdev_tx_t veth_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *rcv = priv->peer;
	unsigned int length = skb->len;

	if (unlikely(!rcv) || !pskb_may_pull(skb, ETH_HLEN)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		goto drop;
	}
	if (likely(veth_forward_skb(
			   rcv, skb,
			   veth_skb_is_eligible_for_gro(dev, rcv, skb)) ==
		   NET_RX_SUCCESS)) {
		dev->stats.tx_packets++;
		dev->stats.tx_bytes += length;
		return NETDEV_TX_OK;
	}
drop:
	priv->dropped++;
	return NETDEV_TX_OK;
}

/* What one end sent, the other received. */
static void veth_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *tot)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = priv->peer;

	tot->tx_packets = dev->stats.tx_packets;
	tot->tx_bytes = dev->stats.tx_bytes;
	tot->tx_dropped = priv->dropped;
	if (peer) {
		tot->rx_packets = peer->stats.tx_packets;
		tot->rx_bytes = peer->stats.tx_bytes;
	}
}

static int veth_open(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = priv->peer;

	if (!peer)
		return -ENOTCONN;
	skb_queue_head_init(&priv->ring);
	netif_napi_add(dev, &priv->napi, veth_poll);
	napi_enable(&priv->napi);
	if (peer->flags & IFF_UP) {
		netif_carrier_on(dev);
		netif_carrier_on(peer);
	}
	return 0;
}

static int veth_close(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = priv->peer;

	netif_carrier_off(dev);
	if (peer)
		netif_carrier_off(peer);
	napi_disable(&priv->napi);
	netif_napi_del(&priv->napi);
	skb_queue_purge(&priv->ring);
	return 0;
}

static int veth_change_mtu(struct net_device *dev, int new_mtu)
{
	dev->mtu = (unsigned int)new_mtu;
	return 0;
}

static int veth_get_iflink(const struct net_device *dev)
{
	const struct veth_priv *priv = netdev_priv(dev);

	return priv->peer ? priv->peer->ifindex : 0;
}

static const struct net_device_ops veth_netdev_ops = {
	.ndo_open = veth_open,
	.ndo_stop = veth_close,
	.ndo_start_xmit = veth_xmit,
	.ndo_get_stats64 = veth_get_stats64,
	.ndo_change_mtu = veth_change_mtu,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_get_iflink = veth_get_iflink,
};

static void veth_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->netdev_ops = &veth_netdev_ops;
	dev->rtnl_link_ops = &veth_link_ops;
	dev->features |= NETIF_F_LLTX | NETIF_F_SG | NETIF_F_HW_CSUM |
			 NETIF_F_FRAGLIST | NETIF_F_TSO | NETIF_F_GSO_UDP_L4 |
			 NETIF_F_GSO_FRAGLIST;
	dev->needs_free_netdev = true;
	dev->max_mtu = ETH_MAX_MTU;
}

/* veth_validate - IFLA_ADDRESS and IFLA_MTU of either end */
static int veth_validate(struct nlattr *tb[], struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))
			return -EADDRNOTAVAIL;
	}
	if (tb[IFLA_MTU]) {
		u32 mtu = nla_get_u32(tb[IFLA_MTU]);

		if (mtu < ETH_MIN_MTU || mtu > ETH_MAX_MTU) {
			NL_SET_ERR_MSG(extack, "Invalid MTU");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * veth_newlink - rtnl_link_ops->newlink: the peer (its ifinfomsg and IFLA_*
 * in IFLA_INFO_DATA/VETH_INFO_PEER, possibly in another namespace) is made
 * and registered first, then @dev; then they are tied together.  Both
 * start without carrier.
 */
static int veth_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct nlattr *peer_tb[RTNL_IFLA_MAX + 1], **tbp = tb;
	const struct ifinfomsg *ifmp = NULL;
	unsigned char name_assign_type;
	struct veth_priv *priv;
	struct net_device *peer;
	char ifname[IFNAMSIZ];
	struct net *net;
	int err;

	err = veth_validate(tb, extack);
	if (err < 0)
		return err;
	if (data && data[VETH_INFO_PEER]) {
		struct nlattr *nla_peer = data[VETH_INFO_PEER];

		if (nla_len(nla_peer) < (int)sizeof(struct ifinfomsg))
			return -EINVAL;
		ifmp = nla_data(nla_peer);
		memset(peer_tb, 0, sizeof(peer_tb));
		err = nla_parse(peer_tb, RTNL_IFLA_MAX,
				(const struct nlattr *)(const void *)(ifmp + 1),
				nla_len(nla_peer) -
					(int)sizeof(struct ifinfomsg),
				NULL, extack);
		if (err < 0)
			return err;
		err = veth_validate(peer_tb, extack);
		if (err < 0)
			return err;
		tbp = peer_tb;
	}

	if (ifmp && tbp[IFLA_IFNAME]) {
		nla_strscpy(ifname, tbp[IFLA_IFNAME], IFNAMSIZ);
		name_assign_type = NET_NAME_USER;
	} else {
		(void)snprintf(ifname, IFNAMSIZ, DRV_NAME "%%d");
		name_assign_type = NET_NAME_ENUM;
	}

	net = rtnl_link_get_net(src_net, tbp);
	if (IS_ERR(net))
		return (int)PTR_ERR(net);

	peer = rtnl_create_link(net, ifname, name_assign_type, &veth_link_ops,
				tbp, extack);
	if (IS_ERR(peer)) {
		put_net(net);
		return (int)PTR_ERR(peer);
	}
	if (!ifmp || !tbp[IFLA_ADDRESS])
		eth_hw_addr_random(peer);
	if (ifmp && dev->ifindex)
		peer->ifindex = ifmp->ifi_index;

	err = register_netdevice(peer);
	put_net(net);
	if (err < 0)
		goto err_register_peer;
	netif_carrier_off(peer);
	if (ifmp) {
		err = rtnl_configure_link(peer, ifmp);
		if (err < 0)
			goto err_configure_peer;
	}

	if (!tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);
	if (tb[IFLA_IFNAME])
		nla_strscpy(dev->name, tb[IFLA_IFNAME], IFNAMSIZ);
	else
		(void)snprintf(dev->name, IFNAMSIZ, DRV_NAME "%%d");

	err = register_netdevice(dev);
	if (err < 0)
		goto err_configure_peer;
	netif_carrier_off(dev);

	priv = netdev_priv(dev);
	priv->peer = peer;
	priv = netdev_priv(peer);
	priv->peer = dev;
	/* Linux's link watch runs later and sees the pair tied. */
	linkwatch_fire_event(peer);
	linkwatch_fire_event(dev);
	return 0;

err_configure_peer:
	unregister_netdevice(peer);
	return err;
err_register_peer:
	free_netdev(peer);
	return err;
}

/* veth_dellink - deleting one end deletes the pair */
static void veth_dellink(struct net_device *dev, struct list_head *head)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *peer = priv->peer;

	(void)head;
	priv->peer = NULL;
	if (peer) {
		struct veth_priv *ppriv = netdev_priv(peer);

		ppriv->peer = NULL;
	}
	unregister_netdevice(dev);
	if (peer)
		unregister_netdevice(peer);
}

static struct net *veth_get_link_net(const struct net_device *dev)
{
	const struct veth_priv *priv = netdev_priv(dev);

	return priv->peer ? dev_net(priv->peer) : dev_net(dev);
}

static const struct nla_policy veth_policy[VETH_INFO_MAX + 1] = {
	[VETH_INFO_PEER] = { .type = NLA_UNSPEC,
			     .len = sizeof(struct ifinfomsg) },
};

/*
 * Linux gives a veth one queue per possible CPU (at most 4096); tuxnet's
 * possible CPUs are the host's.
 */
static unsigned int veth_get_num_queues(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	if (n < 1)
		return 1;
	return n > 4096 ? 4096 : (unsigned int)n;
}

static struct rtnl_link_ops veth_link_ops = {
	.kind = DRV_NAME,
	.priv_size = sizeof(struct veth_priv),
	.setup = veth_setup,
	.maxtype = VETH_INFO_MAX,
	.policy = veth_policy,
	.newlink = veth_newlink,
	.dellink = veth_dellink,
	.get_link_net = veth_get_link_net,
	.get_num_tx_queues = veth_get_num_queues,
	.get_num_rx_queues = veth_get_num_queues,
};

/**
 * veth_init - register the "veth" link type
 * Return: 0 or -errno.
 */
int veth_init(struct tn_stack *st)
{
	(void)st;
	return rtnl_link_register(&veth_link_ops);
}

/* veth_exit - the "veth" link type goes, and every veth with it */
void veth_exit(struct tn_stack *st)
{
	(void)st;
	rtnl_link_unregister(&veth_link_ops);
}
