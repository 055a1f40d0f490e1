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

int arp_init(struct tn_stack *st);

#endif /* _NET_ARP_H */
