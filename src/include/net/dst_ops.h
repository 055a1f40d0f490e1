/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct dst_ops: a family's half of struct dst_entry (net/dst.h).
 * Linux: include/net/dst_ops.h.
 */
#ifndef _NET_DST_OPS_H
#define _NET_DST_OPS_H

#include <net/types.h>

struct dst_entry;
struct sock;
struct sk_buff;

/*
 * struct dst_ops - what a family's routes do (Linux: include/net/dst_ops.h)
 * @family: AF_INET ...
 * @entry_size: bytes dst_alloc() allocates, the family's route with the
 *	struct dst_entry at its start (Linux's kmem_cachep)
 * @check: is @dst still current (called while dst->obsolete is non-zero)?
 *	Returns @dst, or NULL when the holder must release it and look up
 * @default_advmss: the MSS to advertise when no RTAX_ADVMSS metric is set
 * @mtu: the path MTU (dst_mtu())
 * @destroy: the family's part of freeing, before the memory goes
 * @negative_advice: the socket @sk saw its route fail (retransmissions):
 *	drop the cached @dst if a new lookup could do better
 * @update_pmtu: learn @mtu for the path of @dst; the flow comes from @skb's
 *	network header, else from @sk
 * @redirect: an ICMP redirect for the path of @dst (optional)
 */
struct dst_ops {
	unsigned short family;
	unsigned int entry_size;
	struct dst_entry *(*check)(struct dst_entry *dst, u32 cookie);
	unsigned int (*default_advmss)(const struct dst_entry *dst);
	unsigned int (*mtu)(const struct dst_entry *dst);
	void (*destroy)(struct dst_entry *dst);
	void (*negative_advice)(struct sock *sk, struct dst_entry *dst);
	void (*update_pmtu)(struct dst_entry *dst, struct sock *sk,
			    struct sk_buff *skb, u32 mtu, bool confirm_neigh);
	void (*redirect)(struct dst_entry *dst, struct sock *sk,
			 struct sk_buff *skb);
};

#endif /* _NET_DST_OPS_H */
