/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TCP lookup tables of a namespace: established (and TIME-WAIT and
 * SYN-RECV request socks) by the 4-tuple, listeners by local port, and
 * bind buckets by local port, which hold every sock using the port and
 * decide who may share it.  Linux: include/net/inet_hashtables.h.
 */
#ifndef _NET_INET_HASHTABLES_H
#define _NET_INET_HASHTABLES_H

#include <net/inet_connection_sock.h>

struct net;
struct inet_timewait_sock;

/**
 * struct inet_bind_bucket - one local port in use
 * @fastreuse: every owner has SO_REUSEADDR and none listens (so a new
 *	SO_REUSEADDR sock may share without looking at each owner)
 * @owners: socks (sk_bind_node) and TIME-WAIT socks (tw_bind_node)
 */
struct inet_bind_bucket {
	struct net *ib_net;
	unsigned short port;
	signed char fastreuse;
	struct hlist_node node;
	struct hlist_head owners;
};

#define INET_EHASH_SIZE 4096
#define INET_BHASH_SIZE 1024
#define INET_LHASH_SIZE 256

struct inet_hashinfo {
	struct hlist_head ehash[INET_EHASH_SIZE]; /* sock_common.skc_node */
	struct hlist_head bhash[INET_BHASH_SIZE]; /* inet_bind_bucket */
	struct hlist_head lhash[INET_LHASH_SIZE]; /* listeners, skc_node */
	unsigned int ehash_count; /* established, TIME-WAIT, request socks */
	unsigned int tw_count;
	spinlock_t lock;
};

static inline unsigned int inet_bhashfn(unsigned short port)
{
	return port & (INET_BHASH_SIZE - 1);
}

static inline unsigned int inet_lhashfn(unsigned short port)
{
	return port & (INET_LHASH_SIZE - 1);
}

unsigned int inet_ehashfn(const struct net *net, __be32 laddr, u16 lport,
			  __be32 faddr, __be16 fport);

struct inet_hashinfo *inet_hashinfo_alloc(void);
void inet_hashinfo_free(struct inet_hashinfo *h);

struct inet_bind_bucket *inet_bind_bucket_create(struct inet_hashinfo *h,
						 struct net *net,
						 unsigned short snum);
void inet_bind_bucket_destroy(struct inet_bind_bucket *tb);
void inet_bind_hash(struct sock *sk, struct inet_bind_bucket *tb,
		    unsigned short snum);
/* inet_put_port - leave the port's bind bucket (freed when empty) */
void inet_put_port(struct sock *sk);

/**
 * __inet_lookup_established - the connected sock, TIME-WAIT or request
 *	sock for a 4-tuple (check sk_state), or NULL; no reference taken
 */
struct sock *__inet_lookup_established(struct net *net, __be32 saddr,
				       __be16 sport, __be32 daddr, u16 hnum,
				       int dif);
/**
 * __inet_lookup_listener - the best listener for a local address and
 *	port: bound to the address beats the wildcard, device-bound
 *	beats unbound
 */
struct sock *__inet_lookup_listener(struct net *net, __be32 saddr, __be16 sport,
				    __be32 daddr, u16 hnum, int dif);
struct sock *__inet_lookup(struct net *net, __be32 saddr, __be16 sport,
			   __be32 daddr, __be16 dport, int dif);

int inet_hash(struct sock *sk);
void inet_unhash(struct sock *sk);
/* inet_ehash_insert - @sk (or request/TIME-WAIT @sk) into ehash;
 * @osk, if any, leaves it (its place is taken) */
bool inet_ehash_insert(struct sock *sk, struct sock *osk);
bool inet_ehash_nolisten(struct sock *sk, struct sock *osk);
void inet_ehash_remove(struct sock *sk);
/**
 * __inet_hash_connect - choose the local port of an active open as
 *	Linux does: ip_local_port_range, an offset from a keyed hash of the
 *	destination, even ports first (odd ones are left to bind()), and a
 *	port whose 4-tuple is unique (a TIME-WAIT sock in the way is
 *	taken over only when tcp_tw_reuse allows)
 * Return: 0 (bound and hashed) or -EADDRNOTAVAIL.
 */
int __inet_hash_connect(struct sock *sk);
/* inet_sk_port_offset - where the search of the port range starts */
u32 inet_sk_port_offset(const struct sock *sk);
void inet_get_local_port_range(const struct net *net, int *low, int *high);

#endif /* _NET_INET_HASHTABLES_H */
