/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the link-layer tests: a veth pair made the way rtnl_newlink
 * makes one (IFLA_IFNAME, IFLA_INFO_DATA/VETH_INFO_PEER with an ifinfomsg),
 * Ethernet frames built by hand, and a tap collecting what a device sees.
 */
#ifndef TN_TEST_VETH_HELPERS_H
#define TN_TEST_VETH_HELPERS_H

#include <linux/veth.h>

#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/rtnetlink.h>

static inline struct nlattr *th_put_str(void *at, int type, const char *s)
{
	struct nlattr *nla = at;

	nla->nla_type = (u16)type;
	nla->nla_len = (u16)(NLA_HDRLEN + strlen(s) + 1);
	strcpy(nla_data(nla), s);
	return nla;
}

/* th_veth_pair - "ip link add A type veth peer name B" in @net; returns A */
static inline struct net_device *th_veth_pair(struct net *net, const char *a,
					      const char *b)
{
	const struct rtnl_link_ops *ops = rtnl_link_ops_get("veth");
	struct nlattr *tb[IFLA_MAX + 1], *data[VETH_INFO_MAX + 1], *peer;
	u64 buf[64];
	struct ifinfomsg *ifm;
	struct net_device *dev;
	struct nlattr *nb;

	if (!ops)
		return NULL;
	memset(buf, 0, sizeof(buf));
	memset(tb, 0, sizeof(tb));
	memset(data, 0, sizeof(data));
	tb[IFLA_IFNAME] = th_put_str(buf, IFLA_IFNAME, a);
	peer = (struct nlattr *)(void *)(buf + 8);
	ifm = nla_data(peer);
	nb = th_put_str(ifm + 1, IFLA_IFNAME, b);
	peer->nla_type = VETH_INFO_PEER;
	peer->nla_len =
		(u16)(NLA_HDRLEN + sizeof(*ifm) + NLA_ALIGN(nb->nla_len));
	data[VETH_INFO_PEER] = peer;
	dev = rtnl_create_link(net, a, NET_NAME_USER, ops, tb, NULL);
	if (IS_ERR_OR_NULL(dev))
		return NULL;
	if (ops->newlink(net, dev, tb, data, NULL)) {
		free_netdev(dev);
		return NULL;
	}
	return dev;
}

/* th_frame - an Ethernet frame dst/src/type with @len payload bytes of 0xab */
static inline struct sk_buff *th_frame(const u8 *dst, const u8 *src, u16 type,
				       unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len + 64 + ETH_HLEN, 0);
	struct ethhdr *eth;

	if (!skb)
		return NULL;
	skb_reserve(skb, 64);
	memset(skb_put(skb, len), 0xab, len);
	eth = skb_push(skb, ETH_HLEN);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = htons(type);
	skb->protocol = htons(type);
	return skb;
}

/* A tap: collects clones of what it sees (ETH_P_ALL) or what it handles. */
struct th_tap {
	struct packet_type pt;
	struct sk_buff_head q;
};

static inline int th_tap_rcv(struct sk_buff *skb, struct net_device *dev,
			     struct packet_type *pt,
			     struct net_device *orig_dev)
{
	struct th_tap *tap = container_of(pt, struct th_tap, pt);

	(void)dev;
	(void)orig_dev;
	skb_queue_tail(&tap->q, skb);
	return NET_RX_SUCCESS;
}

static inline void th_tap_add(struct th_tap *tap, u16 type,
			      struct net_device *dev)
{
	memset(tap, 0, sizeof(*tap));
	skb_queue_head_init(&tap->q);
	tap->pt.type = htons(type);
	tap->pt.dev = dev;
	tap->pt.func = th_tap_rcv;
	dev_add_pack(&tap->pt);
}

static inline void th_tap_del(struct th_tap *tap)
{
	dev_remove_pack(&tap->pt);
	skb_queue_purge(&tap->q);
}

/* th_count_dir - packets in @tap's queue with pkt_type @out (or not) */
static inline int th_count(struct th_tap *tap, int pkt_type)
{
	struct sk_buff *skb;
	int n = 0;

	skb_queue_walk(&tap->q, skb)
		if (skb->pkt_type == pkt_type)
			n++;
	return n;
}

#endif /* TN_TEST_VETH_HELPERS_H */
