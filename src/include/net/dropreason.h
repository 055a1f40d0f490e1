/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Why a packet was dropped: one X-macro list generating the enum and the
 * name table.  Every kfree_skb_reason() counts its reason per stack.
 * Linux: include/net/dropreason-core.h.
 */
#ifndef _NET_DROPREASON_H
#define _NET_DROPREASON_H

#define DEFINE_DROP_REASON(FN, FNe) \
	FN(NOT_SPECIFIED)           \
	FN(NO_SOCKET)               \
	FN(PKT_TOO_SMALL)           \
	FN(TCP_CSUM)                \
	FN(SOCKET_FILTER)           \
	FN(UDP_CSUM)                \
	FN(NETFILTER_DROP)          \
	FN(OTHERHOST)               \
	FN(IP_CSUM)                 \
	FN(IP_INHDR)                \
	FN(IP_RPFILTER)             \
	FN(UNICAST_IN_L2_MULTICAST) \
	FN(PKT_TOO_BIG)             \
	FN(SOCKET_RCVBUFF)          \
	FN(PROTO_MEM)               \
	FN(NEIGH_FAILED)            \
	FN(NEIGH_QUEUEFULL)         \
	FN(NEIGH_DEAD)              \
	FN(IP_OUTNOROUTES)          \
	FN(IP_INNOROUTES)           \
	FN(IP_INADDRERRORS)         \
	FN(IP_OUTADDRERRORS)        \
	FN(IP_NOPROTO)              \
	FN(IP_TTL_EXPIRED)          \
	FN(IP_FRAG_TIMEOUT)         \
	FN(IP_FRAG_OVERLAP)         \
	FN(IP_FRAG_TOO_FAR)         \
	FN(IP_FRAG_MEM)             \
	FN(IP_FORWARDING_DISABLED)  \
	FN(ICMP_CSUM)               \
	FN(ICMP_INVALID)            \
	FN(ICMP_RATELIMIT)          \
	FN(ARP_INVALID)             \
	FN(DEV_READY)               \
	FN(BACKLOG_FULL)            \
	FN(CPU_BACKLOG)             \
	FN(UNHANDLED_PROTO)         \
	FN(QUEUE_PURGE)             \
	FN(DEV_HDR)                 \
	FN(SKB_UCOPY_FAULT)         \
	FN(QDISC_DROP)              \
	FN(SOCKET_BACKLOG)          \
	FN(FULL_RING)               \
	FNe(MAX)

#define DROP_REASON_ENUM(x)  SKB_DROP_REASON_##x,
#define DROP_REASON_ENUMe(x) SKB_DROP_REASON_##x

enum skb_drop_reason {
	SKB_NOT_DROPPED_YET = 0,
	SKB_CONSUMED,
	DEFINE_DROP_REASON(DROP_REASON_ENUM, DROP_REASON_ENUMe)
};

/* drop_reason_name - "NO_SOCKET" for SKB_DROP_REASON_NO_SOCKET */
const char *drop_reason_name(enum skb_drop_reason reason);

#endif /* _NET_DROPREASON_H */
