/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct dst_entry: the result of a routing decision attached to a packet -
 * the device to leave by and what to do next (dst->input on receive:
 * deliver, forward or error; dst->output on send).  Linux: include/net/dst.h.
 */
#ifndef _NET_DST_H
#define _NET_DST_H

#include <linux/rtnetlink.h>

#include <net/skbuff.h>

struct net;
struct sock;
struct net_device;

#define DST_OBSOLETE_NONE      0
#define DST_OBSOLETE_DEAD      2
#define DST_OBSOLETE_FORCE_CHK -1

#define DST_HOST	       0x0001
#define DST_NOCOUNT	       0x0008

struct dst_entry {
	struct net_device *dev; /* holds a reference */
	int __refcnt;
	short obsolete;
	unsigned short flags;
	short error; /* -EHOSTUNREACH ... for reject routes */
	u64 expires;
	u64 lastuse;
	int (*input)(struct sk_buff *skb);
	int (*output)(struct net *net, struct sock *sk, struct sk_buff *skb);
	void (*destroy)(struct dst_entry *dst);
	u32 metrics[RTAX_MAX + 1]; /* RTAX_MTU ... ; 0 = unset */
};

static inline void dst_hold(struct dst_entry *dst)
{
	dst->__refcnt++;
}

void dst_release(struct dst_entry *dst);

static inline u32 dst_metric_raw(const struct dst_entry *dst, int metric)
{
	return dst->metrics[metric];
}

/* dst_mtu - path MTU: learned or route metric, else the device MTU */
unsigned int dst_mtu(const struct dst_entry *dst);

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
