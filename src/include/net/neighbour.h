/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The neighbour table: protocol address -> link address with NUD states
 * (incomplete, reachable, stale, delay, probe, failed, noarp, permanent),
 * a queue of packets waiting for resolution, and timers.
 * Linux: include/net/neighbour.h.
 * (Owned by the link-layer work: extend freely; the two calls below are the
 * contract the IPv4 output path uses.)
 */
#ifndef _NET_NEIGHBOUR_H
#define _NET_NEIGHBOUR_H

#include <linux/neighbour.h>

#include <net/netdevice.h>

struct neighbour;

/**
 * neigh_output - send @skb to the neighbour @n: with the cached link header
 *	when resolved, else queued while resolution runs (bounded; excess
 *	dropped).  If resolution fails the queued packets are dropped and
 *	reported with icmp_send(ICMP_DEST_UNREACH, ICMP_HOST_UNREACH).
 * Consumes @skb.  Return: 0 or -errno.
 */
int neigh_output(struct neighbour *n, struct sk_buff *skb, bool skip_cache);

#endif /* _NET_NEIGHBOUR_H */
