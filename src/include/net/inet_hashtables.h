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
#include <net/net_namespace.h>

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

/*
 * struct inet_hashinfo - TCP's tables, one set for the whole stack as
 * Linux has one tcp_hashinfo for the machine: every namespace hashes its
 * socks into it with its own mix (net_hash_mix()), so a new namespace
 * costs no table.  Sized at boot as Linux sizes them
 * (alloc_large_system_hash(): one ehash bucket per 128 KiB of memory, at
 * most 512 Ki; as many bind buckets, at most 64 Ki; one listener bucket
 * per 2 MiB, at most 64 Ki), so chains stay short with a million socks.
 * A namespace may have a set of its own (tcp_child_ehash_entries).
 * @ehash: established, TIME-WAIT and request socks (skc_node)
 * @bhash: inet_bind_bucket by (namespace, port)
 * @lhash: listeners by (namespace, port) (skc_node)
 * @secret: the key of inet_ehashfn() and of the port offsets
 * @perturb: __inet_hash_connect()'s table_perturb (filled at first use)
 */
struct inet_hashinfo {
	struct hlist_head *ehash;
	unsigned int ehash_mask;
	struct hlist_head *bhash;
	unsigned int bhash_size;
	struct hlist_head *lhash;
	unsigned int lhash_mask;
	unsigned int ehash_count; /* established, TIME-WAIT, request socks */
	u64 secret[2];
	u32 *perturb;
	bool perturb_ready;
	spinlock_t lock;
};

/* Linux's CONFIG_INET_TABLE_PERTURB_ORDER */
#define INET_TABLE_PERTURB_ORDER 16
#define INET_TABLE_PERTURB_SIZE	 (1U << INET_TABLE_PERTURB_ORDER)

/* net_hash_mix - what a namespace adds to its keys in shared tables */
static inline u32 net_hash_mix(const struct net *net)
{
	return (u32)(((u64)net->cookie * 0x9e3779b97f4a7c15ULL) >> 32);
}

static inline struct hlist_head *inet_ehash_head(const struct inet_hashinfo *h,
						 u32 hash)
{
	return &h->ehash[hash & h->ehash_mask];
}

/* inet_ehashfn - the 4-tuple's hash: a keyed hash of all but the local
 * port, plus the local port (so that __inet_hash_connect() hashes once) */
u32 inet_ehashfn(const struct net *net, __be32 laddr, u16 lport, __be32 faddr,
		 __be16 fport);

/* the stack's tables (tcp_init) and their end (the stack's) */
struct inet_hashinfo *inet_hashinfo_alloc(void);
/* a namespace's own tables (tcp_child_ehash_entries): @ehash_entries
 * established buckets rounded up to a power of two, as many bind buckets
 * (at most 64 Ki) and a few listener buckets */
struct inet_hashinfo *inet_pernet_hashinfo_alloc(unsigned int ehash_entries);
void inet_hashinfo_free(struct inet_hashinfo *h);

struct inet_bind_bucket *inet_bind_bucket_create(struct inet_hashinfo *h,
						 struct net *net,
						 unsigned short snum);
/* inet_bind_bucket_find - @net's bucket of @port, or NULL */
struct inet_bind_bucket *inet_bind_bucket_find(const struct inet_hashinfo *h,
					       const struct net *net,
					       unsigned short port);
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
/* inet_lookup_reuseport - the member of @sk's SO_REUSEPORT group for
 *	the flow (its inet_ehashfn()), or NULL when it has none */
struct sock *inet_lookup_reuseport(struct net *net, struct sock *sk,
				   __be32 saddr, __be16 sport, __be32 daddr,
				   u16 hnum);
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
/* inet_sk_port_offset - where the search of the port range starts: the
 * low bits pick a table_perturb slot, the high 32 are added to it */
u64 inet_sk_port_offset(const struct sock *sk);
void inet_get_local_port_range(const struct net *net, int *low, int *high);

#endif /* _NET_INET_HASHTABLES_H */
