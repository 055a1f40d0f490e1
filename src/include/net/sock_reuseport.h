/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SO_REUSEPORT groups: the sockets of one owner bound to one address and
 * port (and device) with SO_REUSEPORT, among which the receive lookup
 * picks one by the flow's hash.  Linux: include/net/sock_reuseport.h.
 */
#ifndef _NET_SOCK_REUSEPORT_H
#define _NET_SOCK_REUSEPORT_H

#include <net/sock.h>

/**
 * struct sock_reuseport - a group, shared by its members (sk_reuseport_cb)
 * @max_socks: the length of @socks
 * @num_socks: members that take flows, @socks[0 .. num_socks)
 * @num_closed_socks: TCP listeners closed while tcp_migrate_req lets
 *	their request socks move on, at the end of @socks
 * @bind_inany: the members are bound to the wildcard address
 * @incoming_cpu: members with SO_INCOMING_CPU set
 * @has_conns: a UDP member is connected: the lookup scores again
 * @synq_overflow_ts: when a member last sent SYN cookies (ms; 0 never),
 *	so that any member takes a cookie's ACK (tcp_synq_overflow)
 * @socks: the members
 */
struct sock_reuseport {
	u16 max_socks;
	u16 num_socks;
	u16 num_closed_socks;
	u16 incoming_cpu;
	unsigned int bind_inany : 1;
	unsigned int has_conns : 1;
	u32 synq_overflow_ts;
	struct sock *socks[];
};

/* reuseport_alloc - a group of @sk alone (nothing if it has one) */
int reuseport_alloc(struct sock *sk, bool bind_inany);
/* reuseport_add_sock - @sk joins @sk2's group (made if @sk2 has none) */
int reuseport_add_sock(struct sock *sk, struct sock *sk2, bool bind_inany);
/* reuseport_detach_sock - @sk leaves its group, freed with its last */
void reuseport_detach_sock(struct sock *sk);
/*
 * reuseport_stop_listen_sock - a listener unhashed: it takes no more
 * flows; with tcp_migrate_req it stays in the group, closed, so that
 * its request socks and children may move to another member.
 */
void reuseport_stop_listen_sock(struct sock *sk);
/**
 * reuseport_select_sock - the member of @sk's group for a flow: the one
 *	@hash scales to (reciprocal_scale), skipping connected (UDP) ones
 * Return: the member, or NULL when @sk has no group.
 */
struct sock *reuseport_select_sock(struct sock *sk, u32 hash,
				   struct sk_buff *skb, int hdr_len);
/**
 * reuseport_migrate_sock - another listener of the group of the closed
 *	@sk for @migrating_sk (a request sock or a child), chosen by its
 *	flow's hash, when tcp_migrate_req allows
 * Return: the listener, held, or NULL (TcpExtTCPMigrateReqFailure
 *	counted if @sk had a group).
 */
struct sock *reuseport_migrate_sock(struct sock *sk, struct sock *migrating_sk,
				    struct sk_buff *skb);

/* reuseport_update_incoming_cpu - SO_INCOMING_CPU set on @sk, counted in
 *	its group, whose selection then prefers members on this CPU */
void reuseport_update_incoming_cpu(struct sock *sk, int val);

static inline bool reuseport_has_conns(struct sock *sk)
{
	return sk->sk_reuseport_cb && sk->sk_reuseport_cb->has_conns;
}

/* a UDP member connected: the group's lookups score again */
static inline void reuseport_has_conns_set(struct sock *sk)
{
	if (sk->sk_reuseport_cb)
		sk->sk_reuseport_cb->has_conns = 1;
}

#endif /* _NET_SOCK_REUSEPORT_H */
