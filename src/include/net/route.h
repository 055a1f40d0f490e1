/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv4 routes: struct rtable (a dst for IPv4), flow keys and the lookups.
 * The FIB itself (tables, longest-prefix match) is in ip_fib.h.
 * Linux: include/net/route.h, include/net/flow.h.
 */
#ifndef _NET_ROUTE_H
#define _NET_ROUTE_H

#include <net/dst.h>
#include <net/list.h>

struct in_device;

/* A flow: what a lookup is keyed on. */
struct flowi4 {
	int flowi4_oif;
	int flowi4_iif;
	u32 flowi4_mark;
	u8 flowi4_tos;
	u8 flowi4_scope;
	u8 flowi4_proto;
	u8 flowi4_flags;
	__be32 saddr;
	__be32 daddr;
	__be16 fl4_sport;
	__be16 fl4_dport;
	u8 fl4_icmp_type;
	u8 fl4_icmp_code;
};

#define FLOWI_FLAG_ANYSRC      0x01
#define FLOWI_FLAG_SKIP_NH_OIF 0x04

#define LOOPBACK_IFINDEX       1 /* loopback is always the first device */
#define IP_MAX_MTU	       0xFFFFU /* largest IPv4 datagram */

/* rt_flags (include/uapi/linux/in_route.h) */
#define RTCF_NOTIFY	0x00010000
#define RTCF_REDIRECTED 0x00040000
#define RTCF_DOREDIRECT 0x01000000
#define RTCF_BROADCAST	0x10000000
#define RTCF_MULTICAST	0x20000000
#define RTCF_LOCAL	0x80000000

struct rtable {
	struct dst_entry dst;
	u32 rt_genid;
	unsigned int rt_flags;
	u16 rt_type; /* RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST ... */
	u8 rt_is_input;
	u8 rt_uses_gateway;
	int rt_iif;
	u8 rt_gw_family; /* 0 or AF_INET */
	__be32 rt_gw4;
	u32 rt_mtu_locked : 1, rt_pmtu : 31;
	u32 rt_table; /* for ip route get */
	__be32 rt_spec_dst; /* preferred source for replies (input routes) */
	struct list_head rt_uncached; /* every live route of the namespace:
				       * rt_cache_flush marks them dead */
};

/* dst_rtable - the IPv4 route around @dst (IPv4 code only: elsewhere a
 * dst is reached through dst->ops) */
#define dst_rtable(_dst) container_of(_dst, struct rtable, dst)

/* ip_mtu_locked - the path MTU of @dst is fixed: "mtu lock", or a learned
 * PMTU below min_pmtu */
static inline bool ip_mtu_locked(const struct dst_entry *dst)
{
	const struct rtable *rt = container_of(dst, const struct rtable, dst);

	return rt->rt_mtu_locked || dst_metric_locked(dst, RTAX_MTU);
}

static inline struct rtable *skb_rtable(const struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);

	return dst ? dst_rtable(dst) : NULL;
}

static inline __be32 rt_nexthop(const struct rtable *rt, __be32 daddr)
{
	return rt->rt_gw_family == AF_INET ? rt->rt_gw4 : daddr;
}

static inline void ip_rt_put(struct rtable *rt)
{
	if (rt)
		dst_release(&rt->dst);
}

/**
 * ip_route_output_key - route a locally generated packet
 * @fl4: in: daddr, saddr (0: choose), oif, tos, proto ...; out: saddr and
 *	daddr filled in as the route decided
 * Return: the route (caller releases with ip_rt_put) or ERR_PTR(-ENETUNREACH,
 *	-EHOSTUNREACH, -EINVAL, -EACCES for prohibit ...).
 */
struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4);
#define ip_route_output_flow(net, fl4, sk) ip_route_output_key(net, fl4)

/**
 * ip_route_input_noref - route a received packet; sets skb's dst
 * Return: 0, or -errno (-EINVAL martian, -EHOSTUNREACH, -ENETUNREACH) with
 *	the skb untouched (the caller drops it).
 */
int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			 u8 tos, struct net_device *dev);

/**
 * ipv4_update_pmtu - learn a path MTU from ICMP frag-needed (RFC 1191)
 * @skb: the ICMP error, data at the quoted IP header (not consumed)
 * @mtu: the next-hop MTU it reported; below net.ipv4.route.min_pmtu the
 *	route is clamped to min_pmtu and locked (DF no longer set), as Linux
 * The value is kept per destination for net.ipv4.route.mtu_expires; cached
 * routes are invalidated so sockets pick it up.
 */
void ipv4_update_pmtu(struct sk_buff *skb, struct net *net, u32 mtu, int oif,
		      u8 protocol);
void ipv4_sk_update_pmtu(struct sk_buff *skb, struct sock *sk, u32 mtu);
/* Flush cached routes (address or route change): bumps rt_genid. */
void rt_cache_flush(struct net *net);

/**
 * rt_dst_alloc - a new route out of @dev with ipv4_dst_ops (flags RTCF_*,
 *	type RTN_*); the caller holds its one reference (ip_rt_put)
 * Return: the route or NULL.
 */
struct rtable *rt_dst_alloc(struct net_device *dev, unsigned int flags,
			    u16 type);

/**
 * ip_error - dst->input of an unreachable input route: counts the packet
 *	and, when the device forwards, answers with ICMP destination
 *	unreachable (net, host or filtered per dst->error), rate limited as
 *	Linux's (5 burst, 1 per second per source).  Consumes @skb.
 */
int ip_error(struct sk_buff *skb);

/* ip_rt_init - route sysctls, RTM_GETROUTE, per-net state; for ip_init */
int ip_rt_init(struct tn_stack *st);
/* sysctl_ipv4_init - net.ipv4.* (ip_forward, ip_default_ttl ...); called
 * by devinet_init, after the devconf it aliases exists */
int sysctl_ipv4_init(struct tn_stack *st);

/*
 * rt_tos2priority - the packet scheduler's priority (TC_PRIO_*) for an IP
 * TOS: the RFC 1349 TOS bits pick best effort, bulk (maximise throughput),
 * interactive (minimise delay) or interactive bulk; the cost bit does not
 * count.  IP_TOS sets it as the socket's priority, an IP_TOS control
 * message as the packet's.
 */
static inline u32 rt_tos2priority(u8 tos)
{
	static const u8 ip_tos2prio[8] = {
		0 /* BESTEFFORT */,
		0 /* lowcost */,
		2 /* BULK: throughput */,
		2,
		6 /* INTERACTIVE: lowdelay */,
		6,
		4 /* INTERACTIVE_BULK */,
		4,
	};

	return ip_tos2prio[(tos & 0x1e) >> 2];
}

#endif /* _NET_ROUTE_H */
