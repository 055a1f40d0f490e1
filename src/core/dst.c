// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic route entries: allocation, reference counting and destruction
 * of a struct dst_entry, whatever family made it.  What a route means is
 * the family's (dst->ops); this file never looks past the dst_entry.
 * Linux counterpart: net/core/dst.c.
 */
#include <net/dst.h>
#include <net/netdevice.h>
#include <net/sock.h>
#include <net/stack.h>

int dst_discard_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	(void)net;
	(void)sk;
	kfree_skb(skb);
	return 0;
}

void dst_init(struct dst_entry *dst, const struct dst_ops *ops,
	      struct net_device *dev, int initial_obsolete,
	      unsigned short flags)
{
	dst->dev = dev;
	if (dev)
		dev_hold(dev);
	dst->ops = ops;
	dst->__refcnt = 1;
	dst->obsolete = (short)initial_obsolete;
	dst->flags = flags;
	dst->error = 0;
	dst->expires = 0;
	dst->lastuse = net_now();
	dst->input = dst_discard;
	dst->output = dst_discard_out;
	memset(dst->metrics, 0, sizeof(dst->metrics));
}

void *dst_alloc(const struct dst_ops *ops, struct net_device *dev,
		int initial_obsolete, unsigned short flags)
{
	struct dst_entry *dst;

	if (WARN_ON_ONCE(ops->entry_size < sizeof(*dst)))
		return NULL;
	dst = kzalloc(ops->entry_size, GFP_ATOMIC);
	if (!dst)
		return NULL;
	dst_init(dst, ops, dev, initial_obsolete, flags);
	return dst;
}

void dst_destroy(struct dst_entry *dst)
{
	if (dst->ops->destroy)
		dst->ops->destroy(dst);
	if (dst->dev)
		dev_put(dst->dev);
	/* the family's route begins with the dst (dst_alloc) */
	kfree(dst);
}

void dst_release(struct dst_entry *dst)
{
	if (!dst)
		return;
	if (--dst->__refcnt > 0)
		return;
	if (WARN_ON_ONCE(dst->__refcnt < 0))
		return; /* released once too often: already gone */
	dst_destroy(dst);
}

void dst_negative_advice(struct sock *sk)
{
	struct dst_entry *dst = sk->sk_dst_cache;

	if (dst && dst->ops->negative_advice)
		dst->ops->negative_advice(sk, dst);
}
