/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ethernet devices: the header (RFC 894 framing), MAC address helpers and
 * the standard setup of an Ethernet-like net_device.
 * Linux: include/linux/etherdevice.h, include/linux/if_ether.h.
 */
#ifndef _NET_ETHERDEVICE_H
#define _NET_ETHERDEVICE_H

#include <linux/if_ether.h>

#include <net/netdevice.h>

/* dev->addr_assign_type (include/uapi/linux/netdevice.h) */
#ifndef NET_ADDR_PERM
#define NET_ADDR_PERM	0 /* address is permanent (default) */
#define NET_ADDR_RANDOM 1 /* address is generated randomly */
#define NET_ADDR_STOLEN 2 /* address is stolen from other device */
#define NET_ADDR_SET	3 /* address is set using dev_set_mac_address() */
#endif

static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)(void *)skb_mac_header(skb);
}

static inline bool is_zero_ether_addr(const u8 *addr)
{
	return !(addr[0] | addr[1] | addr[2] | addr[3] | addr[4] | addr[5]);
}

static inline bool is_multicast_ether_addr(const u8 *addr)
{
	return addr[0] & 0x01;
}

static inline bool is_local_ether_addr(const u8 *addr)
{
	return addr[0] & 0x02;
}

static inline bool is_broadcast_ether_addr(const u8 *addr)
{
	return (addr[0] & addr[1] & addr[2] & addr[3] & addr[4] & addr[5]) ==
	       0xff;
}

static inline bool is_unicast_ether_addr(const u8 *addr)
{
	return !is_multicast_ether_addr(addr);
}

/* is_valid_ether_addr - not multicast, not broadcast, not 00:00:00:00:00:00 */
static inline bool is_valid_ether_addr(const u8 *addr)
{
	return !is_multicast_ether_addr(addr) && !is_zero_ether_addr(addr);
}

static inline bool ether_addr_equal(const u8 *a, const u8 *b)
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

static inline void ether_addr_copy(u8 *dst, const u8 *src)
{
	memcpy(dst, src, ETH_ALEN);
}

static inline void eth_broadcast_addr(u8 *addr)
{
	memset(addr, 0xff, ETH_ALEN);
}

static inline void eth_zero_addr(u8 *addr)
{
	memset(addr, 0, ETH_ALEN);
}

/* eth_random_addr - a random, locally administered unicast address */
static inline void eth_random_addr(u8 *addr)
{
	u32 a = get_random_u32(), b = get_random_u32();

	memcpy(addr, &a, 4);
	memcpy(addr + 4, &b, 2);
	addr[0] &= 0xfe; /* clear multicast bit */
	addr[0] |= 0x02; /* set local assignment bit (IEEE802) */
}

static inline void eth_hw_addr_set(struct net_device *dev, const u8 *addr)
{
	memcpy(dev->dev_addr, addr, ETH_ALEN);
}

/* src/ethernet/eth.c */
extern const struct header_ops eth_header_ops;

int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const void *daddr, const void *saddr, unsigned int len);
int eth_header_parse(const struct sk_buff *skb, unsigned char *haddr);
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
void ether_setup(struct net_device *dev);
void eth_hw_addr_random(struct net_device *dev);
int eth_validate_addr(struct net_device *dev);
int eth_prepare_mac_addr_change(struct net_device *dev, void *p);
void eth_commit_mac_addr_change(struct net_device *dev, void *p);
int eth_mac_addr(struct net_device *dev, void *p);

#endif /* _NET_ETHERDEVICE_H */
