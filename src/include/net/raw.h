/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw IPv4 sockets (SOCK_RAW): every packet of a protocol, IP header
 * included, to every matching socket.  Linux: include/net/raw.h,
 * include/net/icmp.h (struct raw_sock).
 */
#ifndef _NET_RAW_H
#define _NET_RAW_H

#include <linux/icmp.h>

#include <net/inet_sock.h>

#define RAW_HTABLE_LOG	8
#define RAW_HTABLE_SIZE (1U << RAW_HTABLE_LOG) /* slot = protocol */

struct raw_hashinfo {
	spinlock_t lock; /* the chains, for writers (readers: see raw.c) */
	struct hlist_head ht[RAW_HTABLE_SIZE];
};

struct raw_sock {
	struct inet_sock inet; /* must be first */
	struct icmp_filter filter; /* ICMP_FILTER: bit t set = drop type t */
};

static inline struct raw_sock *raw_sk(const struct sock *sk)
{
	return (struct raw_sock *)(void *)sk;
}

extern struct proto raw_prot;

/**
 * raw_local_deliver - give a clone of @skb to every raw socket of @protocol
 * @skb: a packet for this host, skb->data at the transport header; NOT
 *	consumed (the caller goes on to the protocol's handler)
 * @protocol: the IP protocol number
 *
 * Context: softirq, stack lock held.
 * Return: 1 if at least one raw socket matched (so "protocol unreachable"
 *	must not be sent), else 0.
 */
int raw_local_deliver(struct sk_buff *skb, int protocol);

/**
 * raw_icmp_error - report an ICMP error to the raw sockets of @protocol
 * @skb: the ICMP message, skb->data at the quoted IP header, transport
 *	header at the ICMP header; not consumed
 * @info: next-hop MTU for frag-needed
 */
void raw_icmp_error(struct sk_buff *skb, int protocol, u32 info);

int raw_init(struct tn_stack *st);

#endif /* _NET_RAW_H */
