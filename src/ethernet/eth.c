// SPDX-License-Identifier: BSD-2-Clause
/*
 * Ethernet: building and parsing the 14-byte header (RFC 894 framing), the
 * receive classification of a frame (eth_type_trans), the standard setup of
 * an Ethernet-like device and its MAC address operations.
 * Linux: net/ethernet/eth.c.
 */
#include <net/etherdevice.h>

/**
 * eth_header - push an Ethernet header (header_ops->create)
 * @skb: the packet, with at least ETH_HLEN of headroom
 * @dev: the device it leaves by
 * @type: ETH_P_* in host order (802.3 length frames are not built)
 * @daddr: destination MAC, or NULL when not known yet
 * @saddr: source MAC, or NULL for dev->dev_addr
 * @len: payload length (unused: only Ethernet II frames are built)
 *
 * Return: ETH_HLEN when the header is complete; -ETH_HLEN when @daddr is
 * still unknown (the neighbour layer fills it in), as Linux.  Loopback and
 * NOARP devices get a zero destination and a complete header.
 */
int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const void *daddr, const void *saddr, unsigned int len)
{
	struct ethhdr *eth = skb_push(skb, ETH_HLEN);

	(void)len;
	eth->h_proto = htons(type);
	memcpy(eth->h_source, saddr ? saddr : dev->dev_addr, ETH_ALEN);
	if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) {
		eth_zero_addr(eth->h_dest);
		return ETH_HLEN;
	}
	if (daddr) {
		memcpy(eth->h_dest, daddr, ETH_ALEN);
		return ETH_HLEN;
	}
	return -ETH_HLEN;
}

/**
 * eth_header_parse - copy the source MAC of @skb's Ethernet header
 * @skb: a packet whose mac header is set
 * @haddr: ETH_ALEN bytes of room
 * Return: ETH_ALEN.
 */
int eth_header_parse(const struct sk_buff *skb, unsigned char *haddr)
{
	memcpy(haddr, eth_hdr(skb)->h_source, ETH_ALEN);
	return ETH_ALEN;
}

const struct header_ops eth_header_ops = {
	.create = eth_header,
	.parse = eth_header_parse,
};

/**
 * eth_type_trans - classify a received frame and pull its Ethernet header
 * @skb: the frame, data at the Ethernet header; skb->dev is set here
 * @dev: the receiving device
 *
 * Sets the mac header, skb->pkt_type (HOST, BROADCAST, MULTICAST or
 * OTHERHOST by the destination) and pulls ETH_HLEN.  The caller made sure
 * ETH_HLEN bytes are there (pskb_may_pull).
 * Return: the payload's protocol (ETH_P_* in network order); ETH_P_802_3 or
 * ETH_P_802_2 for length-field frames, as Linux.
 */
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	const struct ethhdr *eth;
	const unsigned char *raw;

	skb->dev = dev;
	skb_reset_mac_header(skb);
	eth = (const struct ethhdr *)(const void *)skb->data;
	skb_pull(skb, ETH_HLEN);
	skb->mac_len = ETH_HLEN;

	if (unlikely(!ether_addr_equal(dev->dev_addr, eth->h_dest))) {
		if (is_multicast_ether_addr(eth->h_dest)) {
			if (is_broadcast_ether_addr(eth->h_dest))
				skb->pkt_type = PACKET_BROADCAST;
			else
				skb->pkt_type = PACKET_MULTICAST;
		} else {
			skb->pkt_type = PACKET_OTHERHOST;
		}
	}

	if (likely(ntohs(eth->h_proto) >= ETH_P_802_3_MIN))
		return eth->h_proto;

	/*
	 * A length field.  0xFFFF as the first two payload bytes is the raw
	 * 802.3 of Novell's IPX; otherwise it is 802.2 LLC.
	 */
	raw = skb->data;
	if (skb->len >= 2 && raw[0] == 0xff && raw[1] == 0xff)
		return htons(ETH_P_802_3);
	return htons(ETH_P_802_2);
}

/**
 * ether_setup - the fields every Ethernet device shares
 * @dev: a device being allocated (alloc_netdev's setup callback calls this)
 */
void ether_setup(struct net_device *dev)
{
	dev->header_ops = &eth_header_ops;
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	eth_broadcast_addr(dev->broadcast);
}

/**
 * eth_hw_addr_random - give @dev a random locally administered MAC
 * @dev: the device; its addr_assign_type becomes NET_ADDR_RANDOM
 */
void eth_hw_addr_random(struct net_device *dev)
{
	u8 addr[ETH_ALEN];

	dev->addr_assign_type = NET_ADDR_RANDOM;
	eth_random_addr(addr);
	eth_hw_addr_set(dev, addr);
}

/**
 * eth_validate_addr - is dev_addr a usable unicast address?
 * Return: 0 or -EADDRNOTAVAIL.
 */
int eth_validate_addr(struct net_device *dev)
{
	if (!is_valid_ether_addr(dev->dev_addr))
		return -EADDRNOTAVAIL;
	return 0;
}

/**
 * eth_prepare_mac_addr_change - may @dev take the address in @p now?
 * @p: a struct sockaddr holding the new address in sa_data
 * Return: 0; -EBUSY if the device is running and cannot change it live;
 * -EADDRNOTAVAIL for a multicast or zero address.
 */
int eth_prepare_mac_addr_change(struct net_device *dev, void *p)
{
	const struct sockaddr *addr = p;

	if (!(dev->priv_flags & IFF_LIVE_ADDR_CHANGE) && netif_running(dev))
		return -EBUSY;
	if (!is_valid_ether_addr((const u8 *)addr->sa_data))
		return -EADDRNOTAVAIL;
	return 0;
}

/* eth_commit_mac_addr_change - copy the address in @p to dev_addr */
void eth_commit_mac_addr_change(struct net_device *dev, void *p)
{
	const struct sockaddr *addr = p;

	eth_hw_addr_set(dev, (const u8 *)addr->sa_data);
}

/**
 * eth_mac_addr - ndo_set_mac_address for Ethernet devices
 * @p: a struct sockaddr with the new address in sa_data
 * Return: 0 or the error of eth_prepare_mac_addr_change().
 */
int eth_mac_addr(struct net_device *dev, void *p)
{
	int ret = eth_prepare_mac_addr_change(dev, p);

	if (ret < 0)
		return ret;
	eth_commit_mac_addr_change(dev, p);
	return 0;
}
