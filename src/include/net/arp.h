/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARP (RFC 826): IPv4 neighbours on Ethernet.  Linux: include/net/arp.h.
 * (Owned by the link-layer work: extend freely.)
 */
#ifndef _NET_ARP_H
#define _NET_ARP_H

#include <net/neighbour.h>

/**
 * ip_neigh_gw4 - the neighbour entry for next hop @gw on @dev, created
 *	(NUD_NONE) if there is none.  No reference is taken (stack lock held).
 * Return: the entry or ERR_PTR(-ENOBUFS ...).
 */
struct neighbour *ip_neigh_gw4(struct net_device *dev, __be32 gw);

/**
 * arp_send - build and transmit an ARP packet on @dev (not on NOARP ones)
 * @type: ARPOP_REQUEST or ARPOP_REPLY; @ptype: ETH_P_ARP
 * @dest_hw: link destination (NULL: broadcast); @src_hw: NULL: dev_addr
 * @target_hw: the target hardware address field (NULL: zeros)
 */
void arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev,
	      __be32 src_ip, const unsigned char *dest_hw,
	      const unsigned char *src_hw, const unsigned char *target_hw);

/* arp_ifdown - flush @dev's ARP entries (device down or gone) */
void arp_ifdown(struct net_device *dev);

int arp_init(struct tn_stack *st);

#endif /* _NET_ARP_H */
