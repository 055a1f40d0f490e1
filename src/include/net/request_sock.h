/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Request socks: a connection in SYN-RECV before it has a full sock
 * (RFC 9293 3.5: the passive side of the handshake), and the accept
 * queue of a listener.  A request sock sits in the established hash with
 * state TCP_NEW_SYN_RECV, so the ACK that completes the handshake finds
 * it; its own timer retransmits the SYN-ACK (tcp_synack_retries).
 * Linux: include/net/request_sock.h, include/net/inet_sock.h
 * (inet_request_sock).
 */
#ifndef _NET_REQUEST_SOCK_H
#define _NET_REQUEST_SOCK_H

#include <net/sock.h>

struct request_sock;

struct request_sock_ops {
	int family;
	unsigned int obj_size;
	int (*rtx_syn_ack)(const struct sock *sk, struct request_sock *req);
	void (*send_ack)(const struct sock *sk, struct sk_buff *skb,
			 struct request_sock *req);
	void (*send_reset)(const struct sock *sk, struct sk_buff *skb);
	void (*destructor)(struct request_sock *req);
};

/**
 * struct request_sock - a half-open connection
 * @__req_common: addresses and ports, state TCP_NEW_SYN_RECV, refcount
 * @dl_next: the accept queue's link once the handshake completed
 * @num_retrans: SYN-ACKs retransmitted; @num_timeout: timer expiries
 * @rsk_timer: SYN-ACK retransmission, then expiry
 * @rsk_listener: the listener it belongs to (holds a reference)
 * @sk: the child sock, once created (in the accept queue)
 */
struct request_sock {
	struct sock_common __req_common;
#define rsk_refcnt __req_common.skc_refcnt
	struct request_sock *dl_next;
	u16 mss;
	u8 num_retrans;
	u8 num_timeout;
	bool syncookie; /* never queued: its SYN-ACK carries a cookie */
	u32 ts_recent;
	u32 rsk_rcv_wnd; /* the window the SYN-ACK offers */
	u32 rsk_window_clamp;
	struct timer_list rsk_timer;
	const struct request_sock_ops *rsk_ops;
	struct sock *sk;
	struct sock *rsk_listener;
	struct saved_syn *saved_syn; /* TCP_SAVE_SYN: for the child */
};

/* The IPv4 part (Linux: struct inet_request_sock). */
struct inet_request_sock {
	struct request_sock req;
#define ir_loc_addr req.__req_common.skc_rcv_saddr
#define ir_rmt_addr req.__req_common.skc_daddr
#define ir_num	    req.__req_common.skc_num
#define ir_rmt_port req.__req_common.skc_dport
#define ir_iif	    req.__req_common.skc_bound_dev_if
	u16 snd_wscale : 4, rcv_wscale : 4, tstamp_ok : 1, sack_ok : 1,
		wscale_ok : 1, ecn_ok : 1, acked : 1;
	u32 ir_mark; /* the child's SO_MARK (inet_request_mark) */
};

static inline struct inet_request_sock *inet_rsk(const struct request_sock *r)
{
	return (struct inet_request_sock *)(void *)r;
}

/*
 * struct request_sock_queue - a listener's queues: the accept queue
 * (completed connections, oldest first) and the count of request socks
 * still in SYN-RECV (the "SYN queue", hashed in ehash).
 */
/*
 * struct fastopen_queue - a listener's TCP Fast Open state (RFC 7413):
 * children made from a SYN's data whose handshake is not complete yet
 * (@qlen, at most @max_qlen, TCP_FASTOPEN) and the listener's own key
 * (TCP_FASTOPEN_KEY), else the namespace's is used.
 */
struct tcp_fastopen_context;
struct fastopen_queue {
	int qlen;
	int max_qlen;
	struct tcp_fastopen_context *ctx;
};

struct request_sock_queue {
	u32 synflood_warned;
	int qlen; /* request socks in SYN-RECV */
	int young; /* of those, not yet retransmitted to */
	u8 rskq_defer_accept; /* TCP_DEFER_ACCEPT, in SYN-ACK timeouts */
	struct request_sock *rskq_accept_head;
	struct request_sock *rskq_accept_tail;
	struct fastopen_queue fastopenq;
};

static inline bool reqsk_queue_empty(const struct request_sock_queue *q)
{
	return q->rskq_accept_head == NULL;
}

static inline int reqsk_queue_len(const struct request_sock_queue *q)
{
	return q->qlen;
}

static inline int reqsk_queue_len_young(const struct request_sock_queue *q)
{
	return q->young;
}

/* reqsk_queue_remove - the oldest completed connection, or NULL */
static inline struct request_sock *
reqsk_queue_remove(struct request_sock_queue *q, struct sock *parent)
{
	struct request_sock *req = q->rskq_accept_head;

	if (req) {
		q->rskq_accept_head = req->dl_next;
		if (!q->rskq_accept_head)
			q->rskq_accept_tail = NULL;
		parent->sk_ack_backlog--;
	}
	return req;
}

struct request_sock *reqsk_alloc(const struct request_sock_ops *ops,
				 struct sock *sk_listener);
void reqsk_free(struct request_sock *req);

static inline void reqsk_put(struct request_sock *req)
{
	if (--req->rsk_refcnt == 0)
		reqsk_free(req);
}

#endif /* _NET_REQUEST_SOCK_H */
