/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct inet_connection_sock: what a connection-oriented IPv4 sock adds
 * to inet_sock - the accept queue of a listener, the bind bucket, the
 * retransmit and delayed-ACK timers, the RTO and its back-off, and the
 * congestion control.  Linux: include/net/inet_connection_sock.h.
 */
#ifndef _NET_INET_CONNECTION_SOCK_H
#define _NET_INET_CONNECTION_SOCK_H

#include <net/inet_sock.h>
#include <net/net_namespace.h>
#include <net/request_sock.h>
#include <net/tcp_states.h>

struct inet_bind_bucket;
struct tcp_congestion_ops;

/* icsk_pending: what the retransmit timer is armed for */
#define ICSK_TIME_RETRANS     1
#define ICSK_TIME_DACK	      2
#define ICSK_TIME_PROBE0      3
#define ICSK_TIME_LOSS_PROBE  5
#define ICSK_TIME_REO_TIMEOUT 6

/* icsk_ack.pending */
#define ICSK_ACK_SCHED	 1
#define ICSK_ACK_TIMER	 2
#define ICSK_ACK_PUSHED	 4
#define ICSK_ACK_PUSHED2 8
#define ICSK_ACK_NOW	 16
#define ICSK_ACK_NOMEM	 32 /* no memory for the data: offer 0 */

/*
 * icsk_ca_priv's size.  Linux's is 104 bytes, what BBR's state takes;
 * CUBIC's takes 60 and Reno's none, so here it is 64, and a congestion
 * control whose state is larger (tcp_congestion_ops.priv_size) has it
 * allocated out of line, icsk_ca_priv holding the pointer (tcp_cong.c).
 */
#define ICSK_CA_PRIV_SIZE 64

struct inet_connection_sock {
	struct inet_sock icsk_inet; /* must be first */
	/* the listener's queues: NULL until listen(), TCP_FASTOPEN or
	 * TCP_FASTOPEN_KEY needs them (inet_csk_accept_queue_alloc();
	 * Linux embeds them, 48 bytes most socks never use), freed with the
	 * sock (inet_sock_destruct()), as request socks point to it */
	struct request_sock_queue *icsk_accept_queue;
	struct inet_bind_bucket *icsk_bind_hash;
	u64 icsk_timeout; /* when the retransmit timer fires, ns */
	struct timer_list icsk_retransmit_timer;
	struct timer_list icsk_delack_timer;
	u32 icsk_rto; /* ms */
	u32 icsk_rto_min; /* ms */
	u32 icsk_rto_max; /* ms: back-off ceiling (TCP_RTO_MAX_MS) */
	u32 icsk_pmtu_cookie; /* the path MTU the MSS was made for */
	const struct tcp_congestion_ops *icsk_ca_ops;
	/* TCP_CA_*, and two bits, in one byte as Linux packs them */
	u8 icsk_ca_state : 5, icsk_ca_initialized : 1, icsk_ca_setsockopt : 1;
	u8 icsk_retransmits;
	u8 icsk_pending; /* ICSK_TIME_* */
	u8 icsk_backoff;
	u8 icsk_syn_retries; /* TCP_SYNCNT; 0: the sysctl */
	u8 icsk_probes_out;
	u16 icsk_ext_hdr_len;
	u32 icsk_probes_tstamp; /* first unanswered zero-window probe, ms */
	u32 icsk_user_timeout; /* TCP_USER_TIMEOUT, ms */
	struct {
		u8 pending; /* ICSK_ACK_* */
		u8 quick; /* quick ACKs left */
		u8 pingpong; /* interactive: delay ACKs */
		u8 retry;
		u32 ato; /* delayed-ACK timeout, ms */
		u32 lrcvtime; /* last data received, ms */
		u16 last_seg_size;
		u16 rcv_mss; /* guess of the peer's MSS */
		u64 timeout; /* when the delayed ACK goes, ns */
	} icsk_ack;
	/* MTU probing (RFC 4821, tcp_mtu_probing): the MTUs known to pass
	 * (search_low) and not yet known to (search_high), the probe in
	 * flight (its MTU, 0: none) and when the search last started, ms */
	struct {
		int search_high;
		int search_low;
		u32 probe_size : 31, enabled : 1; /* as Linux packs them */
		u32 probe_timestamp;
	} icsk_mtup;
	u64 icsk_ca_priv[ICSK_CA_PRIV_SIZE / sizeof(u64)];
};

static inline struct inet_connection_sock *inet_csk(const struct sock *sk)
{
	return (struct inet_connection_sock *)(void *)sk;
}

static inline void *inet_csk_ca(const struct sock *sk)
{
	return (void *)inet_csk(sk)->icsk_ca_priv;
}

/* The 200 ms / 120 s / 1 s / 3 s of include/net/tcp.h, in ms. */
#define TCP_RTO_MAX		    120000U
#define TCP_RTO_MIN		    200U
#define TCP_TIMEOUT_INIT	    1000U
#define TCP_TIMEOUT_FALLBACK	    3000U /* RFC 6298 5.7 */
#define TCP_TIMEOUT_MIN		    2U
#define TCP_DELACK_MAX		    200U
#define TCP_DELACK_MIN		    40U
#define TCP_ATO_MIN		    40U
#define TCP_RESOURCE_PROBE_INTERVAL 500U

/* inet_connection_sock.c */
void inet_csk_init_xmit_timers(struct sock *sk,
			       void (*retransmit_handler)(struct timer_list *),
			       void (*delack_handler)(struct timer_list *),
			       void (*keepalive_handler)(struct timer_list *));
void inet_csk_clear_xmit_timers(struct sock *sk);
/* inet_csk_accept_queue_alloc - give @sk its icsk_accept_queue (-ENOMEM) */
int inet_csk_accept_queue_alloc(struct sock *sk);
/**
 * inet_csk_reset_xmit_timer - arm the retransmit timer for @what
 *	(ICSK_TIME_*) @when ms from now, capped at @max_when ms
 */
void inet_csk_reset_xmit_timer(struct sock *sk, int what, u32 when,
			       u32 max_when);
void inet_csk_clear_xmit_timer(struct sock *sk, int what);
/*
 * inet_csk_arm_timer - arm the retransmit or delayed-ACK timer for its
 * deadline @expires (icsk_timeout, icsk_ack.timeout), which only its own
 * timer function reads: if the timer is armed already and fires no later,
 * it stays (that function re-arms it for the deadline when it fires
 * early).  Pushing the RTO back on every ACK, and the delayed ACK on every
 * segment, then costs no timer-base lock: on a busy connection the timer
 * fires about once per RTO, not once per segment.
 */
void inet_csk_arm_timer(struct timer_list *t, u64 expires);
void inet_csk_delete_keepalive_timer(struct sock *sk);
void inet_csk_reset_keepalive_timer(struct sock *sk, u32 len_ms);
int inet_csk_get_port(struct sock *sk, unsigned short snum);
int inet_csk_listen_start(struct sock *sk);
void inet_csk_listen_stop(struct sock *sk);
/* inet_csk_reqsk_migrate - @req to the listener @nsk (whose reference
 *	it takes), from the SYN queue (@hashed) or the accept queue */
void inet_csk_reqsk_migrate(struct request_sock *req, struct sock *nsk,
			    bool hashed);
struct sock *inet_csk_accept(struct sock *sk, int flags, int *err, bool kern);
struct sock *inet_csk_clone_lock(const struct sock *sk,
				 const struct request_sock *req);
struct sock *inet_csk_reqsk_queue_add(struct sock *sk, struct request_sock *req,
				      struct sock *child);
void inet_csk_reqsk_queue_hash_add(struct sock *sk, struct request_sock *req,
				   u32 timeout_ms);
void inet_csk_reqsk_queue_drop(struct sock *sk, struct request_sock *req);
void inet_csk_reqsk_queue_drop_and_put(struct sock *sk,
				       struct request_sock *req);
void inet_csk_destroy_sock(struct sock *sk);
void inet_csk_prepare_forced_close(struct sock *sk);
struct dst_entry *inet_csk_rebuild_route(struct sock *sk);
struct dst_entry *inet_csk_update_pmtu(struct sock *sk, u32 mtu);
struct dst_entry *inet_csk_route_req(const struct sock *sk,
				     const struct request_sock *req);
struct dst_entry *inet_csk_route_child_sock(const struct sock *sk,
					    struct sock *newsk,
					    const struct request_sock *req);

/* Linux 6.18: a backlog of N holds N + 1 request socks, as the accept
 * queue holds N + 1 children */
static inline bool inet_csk_reqsk_queue_is_full(const struct sock *sk)
{
	return inet_csk(sk)->icsk_accept_queue->qlen >
	       (int)sk->sk_max_ack_backlog;
}

static inline bool sk_acceptq_is_full(const struct sock *sk)
{
	return sk->sk_ack_backlog > sk->sk_max_ack_backlog;
}

static inline void inet_csk_schedule_ack(struct sock *sk)
{
	inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;
}

static inline int inet_csk_ack_scheduled(const struct sock *sk)
{
	return inet_csk(sk)->icsk_ack.pending & ICSK_ACK_SCHED;
}

static inline void inet_csk_delack_init(struct sock *sk)
{
	memset(&inet_csk(sk)->icsk_ack, 0, sizeof(inet_csk(sk)->icsk_ack));
}

/*
 * Ping-pong (interactive) mode: icsk_ack.pingpong counts the replies sent
 * within the ATO of the data they answer; at tcp_pingpong_thresh of them
 * ACKs are delayed to ride on the next reply (tcp_event_data_sent).
 */
static inline bool inet_csk_in_pingpong_mode(const struct sock *sk)
{
	return inet_csk(sk)->icsk_ack.pingpong >=
	       sock_net(sk)->ipv4.sysctl_tcp_pingpong_thresh;
}

static inline void inet_csk_enter_pingpong_mode(struct sock *sk)
{
	inet_csk(sk)->icsk_ack.pingpong =
		(u8)sock_net(sk)->ipv4.sysctl_tcp_pingpong_thresh;
}

static inline void inet_csk_inc_pingpong_cnt(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ack.pingpong < 255) /* a u8 */
		icsk->icsk_ack.pingpong++;
}

static inline void inet_csk_exit_pingpong_mode(struct sock *sk)
{
	inet_csk(sk)->icsk_ack.pingpong = 0;
}

/* inet_csk_rto_backoff - the RTO after @icsk_backoff doublings, capped */
static inline u32 inet_csk_rto_backoff(const struct inet_connection_sock *icsk,
				       u32 max_when)
{
	u64 when = (u64)icsk->icsk_rto << icsk->icsk_backoff;

	return (u32)(when < max_when ? when : max_when);
}

#endif /* _NET_INET_CONNECTION_SOCK_H */
