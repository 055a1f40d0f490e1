/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct dst_entry: the result of a routing decision attached to a packet -
 * the device to leave by and what to do next (dst->input on receive:
 * deliver, forward or error; dst->output on send).  The entry is generic:
 * what it means (its MTU, whether it is still current, how it learns a
 * path MTU, what to free) is asked of the family through dst->ops, which
 * IPv4 fills in (ipv4_dst_ops in ipv4/route.c).  Core code never looks
 * inside a family's route (struct rtable).  Linux: include/net/dst.h,
 * include/net/dst_ops.h, net/core/dst.c.
 */
#ifndef _NET_DST_H
#define _NET_DST_H

#include <linux/rtnetlink.h>

#include <net/dst_ops.h>
#include <net/skbuff.h>

struct net;
struct sock;
struct net_device;
struct dst_entry;

#define DST_OBSOLETE_NONE      0
#define DST_OBSOLETE_DEAD      2
#define DST_OBSOLETE_FORCE_CHK -1 /* always ask ops->check */

#define DST_HOST	       0x0001
#define DST_NOCOUNT	       0x0008

struct dst_entry {
	struct net_device *dev; /* holds a reference */
	const struct dst_ops *ops;
	int __refcnt;
	short obsolete;
	unsigned short flags;
	short error; /* -EHOSTUNREACH ... for reject routes */
	u64 expires;
	u64 lastuse;
	int (*input)(struct sk_buff *skb);
	int (*output)(struct net *net, struct sock *sk, struct sk_buff *skb);
	u32 metrics[RTAX_MAX + 1]; /* RTAX_MTU ... ; 0 = unset */
};

/**
 * dst_alloc - allocate ops->entry_size bytes and dst_init() the dst at
 *	their start
 * Return: the new entry (one reference, the caller's) or NULL.
 */
void *dst_alloc(const struct dst_ops *ops, struct net_device *dev,
		int initial_obsolete, unsigned short flags);
/* dst_init - set up a dst: one reference, a hold on @dev, packets dropped
 * until the family sets input/output */
void dst_init(struct dst_entry *dst, const struct dst_ops *ops,
	      struct net_device *dev, int initial_obsolete,
	      unsigned short flags);
/* dst_destroy - free a dst whose last reference is gone: ops->destroy,
 * the device reference, the memory */
void dst_destroy(struct dst_entry *dst);

static inline void dst_hold(struct dst_entry *dst)
{
	dst->__refcnt++;
}

/* dst_release - drop a reference; the last one destroys the entry */
void dst_release(struct dst_entry *dst);

/* dst_discard_out - dst->output of a route that sends nothing */
int dst_discard_out(struct net *net, struct sock *sk, struct sk_buff *skb);

static inline int dst_discard(struct sk_buff *skb)
{
	return dst_discard_out(NULL, NULL, skb);
}

static inline u32 dst_metric_raw(const struct dst_entry *dst, int metric)
{
	return dst->metrics[metric];
}

static inline u32 dst_metric(const struct dst_entry *dst, int metric)
{
	return dst_metric_raw(dst, metric);
}

static inline bool dst_metric_locked(const struct dst_entry *dst, int metric)
{
	return dst_metric(dst, RTAX_LOCK) & (1U << metric);
}

/* dst_feature - RTAX_FEATURES bits of the route ("features ecn") */
static inline u32 dst_feature(const struct dst_entry *dst, u32 feature)
{
	return dst_metric(dst, RTAX_FEATURES) & feature;
}

/* dst_mtu - the path MTU, as the route's family computes it */
static inline unsigned int dst_mtu(const struct dst_entry *dst)
{
	return dst->ops->mtu(dst);
}

/* dst_metric_advmss - RTAX_ADVMSS if set, else the family's default */
static inline u32 dst_metric_advmss(const struct dst_entry *dst)
{
	u32 advmss = dst_metric_raw(dst, RTAX_ADVMSS);

	return advmss ? advmss : dst->ops->default_advmss(dst);
}

/**
 * dst_check - may @dst still be used?
 * Return: @dst, or NULL when it is stale (the caller releases it and
 *	looks up again).  Entries whose obsolete is 0 need no check.
 */
static inline struct dst_entry *dst_check(struct dst_entry *dst, u32 cookie)
{
	if (dst->obsolete)
		dst = dst->ops->check(dst, cookie);
	return dst;
}

/* dst_negative_advice - @sk's route did not work; let its family decide
 * whether to drop the cached one */
void dst_negative_advice(struct sock *sk);

/* skb_dst_update_pmtu - learn @mtu for the path of @skb's route */
static inline void skb_dst_update_pmtu(struct sk_buff *skb, u32 mtu)
{
	struct dst_entry *dst = skb_dst(skb);

	if (dst && dst->ops->update_pmtu)
		dst->ops->update_pmtu(dst, NULL, skb, mtu, true);
}

static inline int dst_input(struct sk_buff *skb)
{
	return skb_dst(skb)->input(skb);
}

static inline int dst_output(struct net *net, struct sock *sk,
			     struct sk_buff *skb)
{
	return skb_dst(skb)->output(net, sk, skb);
}

#endif /* _NET_DST_H */
