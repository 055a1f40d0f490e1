/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TIME-WAIT socks: what is left of a closed connection for 2*MSL
 * (RFC 9293 3.6.1; Linux's TCP_TIMEWAIT_LEN, 60 s): the 4-tuple, the
 * sequence numbers and the timestamp needed to answer a retransmitted
 * FIN and to refuse old duplicates, and a timer.  Much smaller than a
 * sock; it keeps its port in the bind bucket.
 * Linux: include/net/inet_timewait_sock.h, include/linux/tcp.h.
 */
#ifndef _NET_INET_TIMEWAIT_SOCK_H
#define _NET_INET_TIMEWAIT_SOCK_H

#include <net/inet_sock.h>
#include <net/tcp_states.h>

struct inet_bind_bucket;
struct inet_hashinfo;

struct inet_timewait_sock {
	struct sock_common __tw_common; /* must be first */
#define tw_daddr	__tw_common.skc_daddr
#define tw_rcv_saddr	__tw_common.skc_rcv_saddr
#define tw_dport	__tw_common.skc_dport
#define tw_num		__tw_common.skc_num
#define tw_state	__tw_common.skc_state
#define tw_reuse	__tw_common.skc_reuse
#define tw_bound_dev_if __tw_common.skc_bound_dev_if
#define tw_node		__tw_common.skc_node
#define tw_bind_node	__tw_common.skc_bind_node
#define tw_net		__tw_common.skc_net
#define tw_refcnt	__tw_common.skc_refcnt
	__be16 tw_sport;
	u8 tw_substate; /* TCP_TIME_WAIT or TCP_FIN_WAIT2 */
	u8 tw_rcv_wscale;
	u8 tw_tos, tw_ttl;
	u32 tw_priority, tw_mark;
	struct timer_list tw_timer;
	struct inet_bind_bucket *tw_tb;
	u64 tw_expires; /* ns */
};

/* The TCP part (Linux: struct tcp_timewait_sock). */
struct tcp_timewait_sock {
	struct inet_timewait_sock tw_sk;
	u32 tw_rcv_wnd;
	u32 tw_ts_offset;
	u32 tw_snd_nxt;
	u32 tw_rcv_nxt;
	u32 tw_ts_recent;
	u32 tw_ts_recent_stamp; /* seconds */
	u32 tw_last_oow_ack_time;
	u32 tw_entry_stamp; /* ms: when it began (tcp_tw_reuse_delay) */
};

static inline struct inet_timewait_sock *inet_twsk(const struct sock *sk)
{
	return (struct inet_timewait_sock *)(void *)sk;
}

static inline struct tcp_timewait_sock *tcp_twsk(const struct sock *sk)
{
	return (struct tcp_timewait_sock *)(void *)sk;
}

struct inet_timewait_sock *inet_twsk_alloc(const struct sock *sk, int state);
/**
 * inet_twsk_hashdance_schedule - @tw takes @sk's place in ehash and its
 *	bind bucket, and its timer is armed for @timeo_ms
 */
void inet_twsk_hashdance_schedule(struct inet_timewait_sock *tw,
				  struct sock *sk, u32 timeo_ms);
void inet_twsk_reschedule(struct inet_timewait_sock *tw, u32 timeo_ms);
/* inet_twsk_deschedule_put - kill @tw now (its timer, hash and port) */
void inet_twsk_deschedule_put(struct inet_timewait_sock *tw);
void inet_twsk_put(struct inet_timewait_sock *tw);
/* inet_twsk_purge - every TIME-WAIT sock of a dying namespace */
void inet_twsk_purge(struct net *net);

#endif /* _NET_INET_TIMEWAIT_SOCK_H */
