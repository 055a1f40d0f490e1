/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * UDP (RFC 768, RFC 1122 4.1): the socket, the per-namespace port table and
 * the entry points the IP layer and af_inet.c call.  Linux: include/net/udp.h,
 * include/linux/udp.h.
 */
#ifndef _NET_UDP_H
#define _NET_UDP_H

#include <linux/udp.h>

#include <net/inet_sock.h>
#include <net/protocol.h>
#include <net/route.h>

struct seq_file;

struct udp_sock {
	struct inet_sock inet; /* must be first */
	u16 udp_port_hash; /* slot in net->ipv4.udp_table */
	u8 no_check6_tx : 1, no_check6_rx : 1;
	u8 corkflag : 1; /* UDP_CORK */
	u8 gro_enabled : 1; /* UDP_GRO: takes GSO packets whole */
	u8 accept_udp_l4 : 1;
	u16 gso_size; /* UDP_SEGMENT: 0, or payload bytes per segment */
	/* a corked datagram (UDP_CORK, MSG_MORE) */
	int pending; /* AF_INET while one is being built */
	struct inet_cork cork;
	struct flowi4 cork_fl; /* where it goes */
	__be16 cork_dport;
	/* bytes of datagrams read whose memory is not given back yet:
	 * udp_rmem_release() returns it in batches */
	int forward_deficit;
};

#define UDP_MAX_SEGMENTS (1 << 7) /* segments of one UDP_SEGMENT send */

static inline struct udp_sock *udp_sk(const struct sock *sk)
{
	return (struct udp_sock *)(void *)sk;
}

/* udp_rqueue_get - the bytes still queued to be read: the receive memory
 * less what was read but is not given back yet (/proc/net/udp, ss) */
static inline int udp_rqueue_get(const struct sock *sk)
{
	return sk->sk_rmem_alloc - udp_sk(sk)->forward_deficit;
}

static inline struct udphdr *udp_hdr(const struct sk_buff *skb)
{
	return (struct udphdr *)(void *)skb_transport_header(skb);
}

/* Sockets hashed by local port: slot = port & mask. */
#define UDP_HTABLE_SIZE 256

struct udp_hslot {
	struct hlist_head head;
	int count;
	spinlock_t lock; /* @head and @count: binding and unhashing */
};

struct udp_table {
	struct udp_hslot hash[UDP_HTABLE_SIZE];
	unsigned int mask;
};

extern struct proto udp_prot;
extern const struct net_protocol udp_protocol;

/* udp.c */
int udp_rcv(struct sk_buff *skb);
int udp_err(struct sk_buff *skb, u32 info);
struct sock *udp4_lib_lookup(struct net *net, __be32 saddr, __be16 sport,
			     __be32 daddr, __be16 dport, int dif);
int udp_lib_get_port(struct sock *sk, unsigned short snum);
void udp_lib_unhash(struct sock *sk);
int udp_disconnect(struct sock *sk, int flags);
int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);
int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len);
int udp_ioctl(struct sock *sk, int cmd, void *arg);
int udp_init(struct tn_stack *st);

#endif /* _NET_UDP_H */
