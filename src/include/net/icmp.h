/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ICMP (RFC 792, RFC 1122 3.2.2): errors and echo.  Linux: include/net/icmp.h.
 */
#ifndef _NET_ICMP_H
#define _NET_ICMP_H

#include <linux/icmp.h>

#include <net/protocol.h>
#include <net/skbuff.h>

struct net;

struct icmp_err {
	int errno_;
	unsigned int fatal : 1;
};

/* errno for each ICMP_DEST_UNREACH code (icmp_err_convert[]) */
extern const struct icmp_err icmp_err_convert[];

static inline struct icmphdr *icmp_hdr(const struct sk_buff *skb)
{
	return (struct icmphdr *)(void *)skb_transport_header(skb);
}

/**
 * icmp_send - send an ICMP error about @skb_in (not consumed) to its source
 * @info: next-hop MTU for frag-needed, pointer for parameter problem
 * Follows RFC 1122's "never about an ICMP error, a broadcast, a non-first
 * fragment ..." rules and the per-namespace rate limit.
 */
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info);
#define __icmp_send(skb, type, code, info, opt) icmp_send(skb, type, code, info)

/* icmp_rcv - IPPROTO_ICMP handler; consumes @skb */
int icmp_rcv(struct sk_buff *skb);
/* icmp_err - err_handler for ICMP errors quoting an ICMP message */
int icmp_err(struct sk_buff *skb, u32 info);
/* icmp_out_count - count one sent ICMP message of @type (OutMsgs, by type) */
void icmp_out_count(struct net *net, unsigned char type);

/*
 * Per-host state for rate limits (Linux: struct inet_peer, inetpeer.c),
 * kept in a small bounded table per namespace (net->ipv4.peers): when it
 * is full the least recently used entry is recycled.
 */
struct inet_peer {
	__be32 daddr; /* 0: free slot */
	u64 last_used; /* ms on the stack clock */
	u64 rate_last; /* ms: icmp_ratelimit token bucket */
	u64 rate_tokens; /* ms of credit, at most 6 * icmp_ratelimit */
	u64 redirect_last; /* ms: redirect back-off (ip_forward.c) */
	u32 redirect_tokens;
	u32 n_redirects;
};

/**
 * inet_getpeer_v4 - the rate-limit state of host @daddr in @net
 * @create: make an entry if there is none (recycling the oldest)
 * Return: the entry (no reference; valid while the stack lock is held) or
 *	NULL.
 */
struct inet_peer *inet_getpeer_v4(struct net *net, __be32 daddr, bool create);
/* inet_peer_xrlim_allow - may one more message go to @peer? (ms) */
bool inet_peer_xrlim_allow(struct inet_peer *peer, int timeout_ms);

/* IPPROTO_ICMP's receive handlers, registered by inet_init (af_inet.c). */
extern const struct net_protocol icmp_protocol;

/* ICMP message types that are errors (RFC 1122 3.2.2: never answered). */
static inline bool icmp_is_err(int type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	}
	return false;
}

#endif /* _NET_ICMP_H */
