/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ICMP datagram ("ping") sockets: socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP).
 * The stack owns the echo identifier - the socket's "port".
 * Linux: include/net/ping.h.
 */
#ifndef _NET_PING_H
#define _NET_PING_H

#include <net/inet_sock.h>

#define PING_HTABLE_SIZE 64
#define PING_HTABLE_MASK (PING_HTABLE_SIZE - 1)

struct ping_table {
	spinlock_t lock; /* the chains (writers) and @port_rover */
	struct hlist_head hash[PING_HTABLE_SIZE];
	u16 port_rover; /* last identifier handed out */
};

extern struct proto ping_prot;

/**
 * ping_rcv - deliver an echo reply to the ping socket owning its id
 * @skb: the echo reply, transport header at the ICMP header; consumed
 * Context: softirq, stack lock held.
 * Return: true if a socket took it.
 */
bool ping_rcv(struct sk_buff *skb);

/**
 * ping_err - an ICMP error quoting an echo request a ping socket sent
 * @skb: the ICMP error, skb->data at the quoted IP header, transport
 *	header at the ICMP header; not consumed
 * @info: next-hop MTU for frag-needed
 * Return: 0, or -ENOENT when no socket owns the quoted id.
 */
int ping_err(struct sk_buff *skb, u32 info);

int ping_init(struct tn_stack *st);

#endif /* _NET_PING_H */
