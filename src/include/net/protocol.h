/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The two IPv4 registries: transport protocols by IP protocol number
 * (receive side: net_protocol) and socket types by (type, protocol)
 * (socket side: inet_protosw).  Linux: include/net/protocol.h.
 */
#ifndef _NET_PROTOCOL_H
#define _NET_PROTOCOL_H

#include <sys/socket.h>

#include <net/list.h>
#include <net/skbuff.h>
#include <net/sock.h>
#include <net/stack.h>

struct proto;
struct proto_ops;
struct tn_stack;

/**
 * struct net_protocol - receive handlers for one IP protocol
 * @handler: a packet for us, transport header at skb->data; consumes @skb.
 *	Returns 0 (a positive value would ask for resubmission; unused).
 * @err_handler: an ICMP error quoting a packet of this protocol; @skb is
 *	the ICMP message with skb->data at the quoted IP header; @info is
 *	the MTU for frag-needed.  Does not consume @skb.
 */
struct net_protocol {
	int (*handler)(struct sk_buff *skb);
	int (*err_handler)(struct sk_buff *skb, u32 info);
	unsigned int no_policy : 1;
};

int inet_add_protocol(const struct net_protocol *prot, unsigned char num);
int inet_del_protocol(const struct net_protocol *prot, unsigned char num);

/**
 * struct inet_protosw - which proto/proto_ops a socket(AF_INET, type,
 *	protocol) gets; IPPROTO_IP as @protocol is the type's wildcard
 */
struct inet_protosw {
	struct list_head list;
	unsigned short type;
	unsigned short protocol;
	struct proto *prot;
	const struct proto_ops *ops;
	unsigned char flags; /* INET_PROTOSW_* */
};

#define INET_PROTOSW_REUSE     0x01
#define INET_PROTOSW_PERMANENT 0x02
#define INET_PROTOSW_ICSK      0x04

void inet_register_protosw(struct inet_protosw *p);

/*
 * struct inet_stack - what AF_INET keeps per stack (Linux: the globals of
 * af_inet.c and devinet.c): allocated by inet_init(), freed by inet_exit()
 */
struct inet_stack {
	struct list_head inetsw[16]; /* by SOCK_* type: struct inet_protosw */
	const struct net_protocol *inet_protos[256];
	struct raw_notifier_head inetaddr_chain; /* devinet.c */
	struct list_head tcp_cong_list; /* tcp_cong.c: registered algorithms */
	/* tcp_cong.c: the build's default (CONFIG_DEFAULT_TCP_CONG) */
	const struct tcp_congestion_ops *tcp_cong_default;
	u64 tcp_secret[2]; /* tcp_ipv4.c: RFC 6528 key, per stack */
	u64 syncookie_secret[2][2]; /* syncookies.c: the two cookie keys */
	int tcp_orphans; /* orphaned TCP socks (tcp_orphan_count) */
	/* tcp_ipv4.c: sysctls Linux keeps machine-wide (init_net only) */
	int sysctl_tcp_low_latency;
	int sysctl_tcp_max_orphans;
	/* tcp.c: the orphan count as the last 100 ms tick saw it (Linux's
	 * tcp_orphan_cache), the next tick, the last "too many" message */
	int tcp_orphan_cache;
	u64 tcp_orphan_next_tick; /* ns */
	u64 tcp_orphan_warned; /* ns */
	struct inet_hashinfo *tcp_hashinfo; /* inet_hashtables.c: TCP's */
	/* TCP's and UDP's socket memory (tcp_mem, udp_mem): machine-wide
	 * on Linux, the stack's here (struct proto_mem) */
	struct proto_mem tcp_memory, udp_memory;
};

static inline struct inet_stack *inet_stack(const struct tn_stack *st)
{
	return st->family_state[PF_INET];
}

/*
 * Segmentation offloads: what cuts a GSO packet of a protocol into
 * segments (skb_gso_segment).  The tables are constant, the same for
 * every stack: inet_offloads[] by IP protocol (af_inet.c), and the
 * packet_offload of each ethertype (ip_packet_offload).
 */
struct offload_callbacks {
	struct sk_buff *(*gso_segment)(struct sk_buff *skb,
				       unsigned long long features);
	/* GRO (net/gro.h): match @skb against the held packets of @head and
	 * merge it; return a held packet to complete now, or NULL */
	struct sk_buff *(*gro_receive)(struct sk_buff_head *head,
				       struct sk_buff *skb);
	/* fix the headers of a merged packet, @nhoff: this layer's header */
	int (*gro_complete)(struct sk_buff *skb, int nhoff);
};

struct net_offload {
	struct offload_callbacks callbacks;
};

struct packet_offload {
	__be16 type; /* ETH_P_*, network order */
	struct offload_callbacks callbacks;
};

extern const struct net_offload *const inet_offloads[256];
extern const struct packet_offload ip_packet_offload;
extern const struct net_offload udpv4_offload;
extern const struct net_offload tcpv4_offload;

struct sk_buff *inet_gso_segment(struct sk_buff *skb,
				 unsigned long long features);
struct sk_buff *__udp_gso_segment(struct sk_buff *gso_skb,
				  unsigned long long features);
struct sk_buff *inet_gro_receive(struct sk_buff_head *head,
				 struct sk_buff *skb);
int inet_gro_complete(struct sk_buff *skb, int nhoff);

#endif /* _NET_PROTOCOL_H */
