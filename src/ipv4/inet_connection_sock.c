// SPDX-License-Identifier: BSD-2-Clause
/*
 * What connection-oriented IPv4 socks share: binding a port with the
 * SO_REUSEADDR rules, listening, the request socks of the SYN queue and
 * the accept queue, accept(), making the child sock of a completed
 * handshake, and the retransmit/delayed-ACK/keepalive timers.
 * Linux: net/ipv4/inet_connection_sock.c, net/core/request_sock.c.
 */
#include <fcntl.h>

#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sock_reuseport.h>
#include <net/tcp.h>

/* ---- timers ---- */

void inet_csk_init_xmit_timers(struct sock *sk,
			       void (*retransmit_handler)(struct timer_list *),
			       void (*delack_handler)(struct timer_list *),
			       void (*keepalive_handler)(struct timer_list *))
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tn_stack *st = sock_net(sk)->st;

	timer_setup(&icsk->icsk_retransmit_timer, retransmit_handler, st);
	timer_setup(&icsk->icsk_delack_timer, delack_handler, st);
	timer_setup(&sk->sk_timer, keepalive_handler, st);
	icsk->icsk_pending = 0;
	icsk->icsk_ack.pending = 0;
}

void inet_csk_clear_xmit_timers(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_pending = 0;
	icsk->icsk_ack.pending = 0;
	del_timer(&icsk->icsk_retransmit_timer);
	del_timer(&icsk->icsk_delack_timer);
	del_timer(&sk->sk_timer);
}

static u64 ms_from_now(const struct sock *sk, u32 ms)
{
	return ktime_add_safe(ktime_get_ns(sock_net(sk)->st),
			      (u64)ms * NSEC_PER_MSEC);
}

void inet_csk_arm_timer(struct timer_list *t, u64 expires)
{
	/* read without the base's lock, as Linux's mod_timer() does: the
	 * timer is the socket's, armed and deleted under its lock */
	if (timer_pending(t) && t->expires <= expires)
		return;
	mod_timer(t, expires);
}

void inet_csk_reset_xmit_timer(struct sock *sk, int what, u32 when,
			       u32 max_when)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (when > max_when)
		when = max_when;
	if (what == ICSK_TIME_RETRANS || what == ICSK_TIME_PROBE0 ||
	    what == ICSK_TIME_LOSS_PROBE || what == ICSK_TIME_REO_TIMEOUT) {
		icsk->icsk_pending = (u8)what;
		icsk->icsk_timeout = ms_from_now(sk, when);
		inet_csk_arm_timer(&icsk->icsk_retransmit_timer,
				   icsk->icsk_timeout);
	} else if (what == ICSK_TIME_DACK) {
		icsk->icsk_ack.pending |= ICSK_ACK_TIMER;
		icsk->icsk_ack.timeout = ms_from_now(sk, when);
		inet_csk_arm_timer(&icsk->icsk_delack_timer,
				   icsk->icsk_ack.timeout);
	}
}

/*
 * inet_csk_clear_xmit_timer - nothing is pending any more.  As Linux
 * (built without INET_CSK_CLEAR_TIMERS), the timer is left armed: it is
 * re-armed on the next segment anyway, and if it fires first its handler
 * finds nothing pending and returns.  That spares a timer-base round trip
 * on every ACK that empties the retransmit queue and every ACK that a
 * reply carries.  inet_csk_clear_xmit_timers() does stop them all.
 */
void inet_csk_clear_xmit_timer(struct sock *sk, int what)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (what == ICSK_TIME_RETRANS || what == ICSK_TIME_PROBE0) {
		icsk->icsk_pending = 0;
	} else if (what == ICSK_TIME_DACK) {
		icsk->icsk_ack.pending = 0;
		icsk->icsk_ack.retry = 0;
	}
}

void inet_csk_delete_keepalive_timer(struct sock *sk)
{
	del_timer(&sk->sk_timer);
}

void inet_csk_reset_keepalive_timer(struct sock *sk, u32 len_ms)
{
	mod_timer(&sk->sk_timer, ms_from_now(sk, len_ms));
}

/* ---- binding ---- */

static bool inet_rcv_saddr_overlap(const struct sock_common *a,
				   const struct sock_common *b)
{
	return !a->skc_rcv_saddr || !b->skc_rcv_saddr ||
	       a->skc_rcv_saddr == b->skc_rcv_saddr;
}

/*
 * inet_csk_bind_conflict - may @sk not share @tb's port?  As Linux: socks
 * on different devices never conflict; two SO_REUSEADDR socks share
 * while the other one does not listen (so of two that share, only one
 * can listen: the second listen() finds the first listening) if @relax
 * (an explicit port; the port-0 scan only in its relaxed pass, and then
 * not two SO_REUSEPORT socks); both SO_REUSEPORT share too if
 * @reuseport_ok (not in the port-0 scan) when they have the same owner
 * (or the other is a TIME-WAIT sock) and @sk is in no group yet, or only
 * closed in one; otherwise overlapping addresses (equal, or either one
 * the wildcard) conflict.  TIME-WAIT socks count with their sock's
 * SO_REUSEADDR.  Linux's inet_bind_conflict().
 */
static bool inet_csk_bind_conflict(const struct sock *sk,
				   const struct inet_bind_bucket *tb,
				   bool relax, bool reuseport_ok)
{
	const struct sock_common *sk2;
	bool reuse = sk->sk_reuse;
	bool reuseport_cb_ok =
		!sk->sk_reuseport_cb || sk->sk_reuseport_cb->num_closed_socks;

	hlist_for_each_entry(sk2, &tb->owners, skc_bind_node) {
		bool group; /* may the two share as SO_REUSEPORT socks? */

		if ((const void *)sk2 == (const void *)sk)
			continue;
		if (sk->sk_bound_dev_if && sk2->skc_bound_dev_if &&
		    sk->sk_bound_dev_if != sk2->skc_bound_dev_if)
			continue;
		group = sk->sk_reuseport && sk2->skc_reuseport &&
			reuseport_cb_ok &&
			(sk2->skc_state == TCP_TIME_WAIT ||
			 sock_i_uid((const struct sock *)(const void *)sk2) ==
				 sock_i_uid(sk));
		if (reuse && sk2->skc_reuse && sk2->skc_state != TCP_LISTEN) {
			if (relax && (reuseport_ok || !group))
				continue;
		} else if (reuseport_ok && group) {
			continue;
		}
		if (inet_rcv_saddr_overlap(&sk->__sk_common, sk2))
			return true;
	}
	return false;
}

/*
 * inet_csk_find_open_port - bind() to port 0: a port of
 * ip_local_port_range no sock conflicts with, from a random point, odd
 * offsets first (connect() favours the even ones); with SO_REUSEADDR the
 * lower half of the range first, then the upper.  When all are taken,
 * ip_autobind_reuse lets a second pass share a port with SO_REUSEADDR
 * socks that do not listen ("we still have a chance to connect to
 * different destinations").  As Linux's.
 * Return: the port, or 0 when none is free.
 */
static int inet_csk_find_open_port(const struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = net->ipv4.tcp_hashinfo;
	int low, high, remaining, i, port, attempt_half;
	struct inet_bind_bucket *tb;
	bool relax = false;
	u32 offset;

ports_exhausted:
	attempt_half = sk->sk_reuse ? 1 : 0; /* no SK_FORCE_REUSE here */
other_half_scan:
	inet_get_local_port_range(net, &low, &high);
	high++; /* [32768, 60999] -> [32768, 61000[ */
	if (high - low < 4)
		attempt_half = 0;
	if (attempt_half) {
		int half = low + (((high - low) >> 2) << 1);

		if (attempt_half == 1)
			high = half;
		else
			low = half;
	}
	remaining = high - low;
	if (remaining > 1)
		remaining &= ~1;
	offset = get_random_u32() % (u32)remaining;
	offset |= 1U;
other_parity_scan:
	port = low + (int)offset;
	for (i = 0; i < remaining; i += 2, port += 2) {
		if (port >= high)
			port -= remaining;
		if (inet_is_local_reserved_port(net, port))
			continue;
		tb = inet_bind_bucket_find(h, net, (unsigned short)port);
		if (!tb || !inet_csk_bind_conflict(sk, tb, relax, false))
			return port;
	}
	offset--;
	if (!(offset & 1))
		goto other_parity_scan;
	if (attempt_half == 1) {
		attempt_half = 2;
		goto other_half_scan;
	}
	if (net->ipv4.sysctl_ip_autobind_reuse && !relax) {
		relax = true;
		goto ports_exhausted;
	}
	return 0;
}

/**
 * inet_csk_get_port - bind(): @snum, or with 0 the port
 *	inet_csk_find_open_port chooses
 * Return: 0 or -EADDRINUSE.
 */
int inet_csk_get_port(struct sock *sk, unsigned short snum)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = net->ipv4.tcp_hashinfo;
	struct inet_bind_bucket *tb;

	if (!snum) {
		int port = inet_csk_find_open_port(sk);

		if (!port)
			return -EADDRINUSE;
		snum = (unsigned short)port;
	}
	tb = inet_bind_bucket_find(h, net, snum);
	if (tb) {
		if (inet_csk_bind_conflict(sk, tb, true, true))
			return -EADDRINUSE;
	} else {
		tb = inet_bind_bucket_create(h, net, snum);
		if (!tb)
			return -ENOMEM;
		tb->fastreuse = sk->sk_reuse ? 1 : 0;
	}
	if (!sk->sk_reuse || sk->sk_state == TCP_LISTEN)
		tb->fastreuse = 0;
	if (!inet_csk(sk)->icsk_bind_hash)
		inet_bind_hash(sk, tb, snum);
	return 0;
}

/* ---- listening ---- */

int inet_csk_accept_queue_alloc(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (!icsk->icsk_accept_queue)
		icsk->icsk_accept_queue =
			kzalloc(sizeof(*icsk->icsk_accept_queue), GFP_KERNEL);
	return icsk->icsk_accept_queue ? 0 : -ENOMEM;
}

int inet_csk_listen_start(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct inet_sock *inet = inet_sk(sk);
	struct inet_bind_bucket *tb = icsk->icsk_bind_hash;
	struct request_sock_queue *queue;
	struct fastopen_queue fastopenq;
	u8 defer_accept;

	if (inet_csk_accept_queue_alloc(sk))
		return -ENOMEM;
	queue = icsk->icsk_accept_queue;
	/* TCP_FASTOPEN, TCP_FASTOPEN_KEY and TCP_DEFER_ACCEPT may come
	 * before listen() */
	fastopenq = queue->fastopenq;
	defer_accept = queue->rskq_defer_accept;
	memset(queue, 0, sizeof(*queue));
	queue->fastopenq.max_qlen = fastopenq.max_qlen;
	queue->fastopenq.ctx = fastopenq.ctx;
	queue->rskq_defer_accept = defer_accept;
	sk->sk_ack_backlog = 0;
	inet_csk_delack_init(sk);
	/*
	 * The port is checked again: two SO_REUSEADDR socks may share a
	 * port while bound, but only one may listen on it.
	 */
	sk->sk_state = TCP_LISTEN;
	if (tb ? inet_csk_bind_conflict(sk, tb, true, true)
	       : sk->sk_prot->get_port(sk, inet->inet_num)) {
		sk->sk_state = TCP_CLOSE;
		return -EADDRINUSE;
	}
	if (tb)
		tb->fastreuse = 0;
	inet->inet_sport = htons(inet->inet_num);
	sk_dst_reset(sk);
	return sk->sk_prot->hash(sk);
}

static void inet_child_forget(struct sock *sk, struct request_sock *req,
			      struct sock *child)
{
	(void)sk;
	(void)req;
	sk->sk_prot->disconnect(child, O_NONBLOCK);
	sock_set_flag(child, SOCK_DEAD);
	child->sk_socket = NULL;
	child->sk_wq = &child->sk_wq_own;
	tcp_orphan_count_inc(child);
	inet_csk_destroy_sock(child);
}

/*
 * inet_csk_reqsk_migrate - @req belongs to the listener @nsk from now on
 * (a SO_REUSEPORT listener of its closed one's group), which takes over
 * the caller's reference on @nsk.  One still in SYN-RECV (@hashed) moves
 * to @nsk's SYN queue, a Fast Open child's to its Fast Open queue.
 * Linux clones the request sock for RCU's sake; here it moves.
 */
void inet_csk_reqsk_migrate(struct request_sock *req, struct sock *nsk,
			    bool hashed)
{
	struct sock *osk = req->rsk_listener;
	struct request_sock_queue *oq = inet_csk(osk)->icsk_accept_queue;
	struct request_sock_queue *nq = inet_csk(nsk)->icsk_accept_queue;

	if (hashed) {
		oq->qlen--;
		nq->qlen++;
		if (req->num_timeout == 0) {
			oq->young--;
			nq->young++;
		}
	}
	if (req->sk && tcp_sk(req->sk)->fastopen_rsk == req) {
		oq->fastopenq.qlen--;
		nq->fastopenq.qlen++;
	}
	req->rsk_listener = nsk;
	sock_put(osk);
}

/*
 * inet_csk_listen_stop - close() of a listener: every connection still in
 * the accept queue is reset, or with tcp_migrate_req moves to another
 * listener of its SO_REUSEPORT group (TcpExtTCPMigrateReqSuccess; with
 * none left, TCPMigrateReqFailure and the reset).  The request socks in
 * SYN-RECV go, or with tcp_migrate_req stay for the ACK or the SYN-ACK
 * timer to move them, as Linux's.
 */
void inet_csk_listen_stop(struct sock *sk)
{
	struct request_sock_queue *queue = inet_csk(sk)->icsk_accept_queue;
	struct inet_hashinfo *h = sock_net(sk)->ipv4.tcp_hashinfo;
	struct request_sock *req;
	unsigned int i;

	while ((req = reqsk_queue_remove(queue, sk)) != NULL) {
		struct sock *child = req->sk, *nsk;

		nsk = reuseport_migrate_sock(sk, child, NULL);
		if (nsk) {
			inet_csk_reqsk_migrate(req, nsk, false);
			if (inet_csk_reqsk_queue_add(nsk, req, child)) {
				__NET_INC_STATS(sock_net(nsk),
						LINUX_MIB_TCPMIGRATEREQSUCCESS);
				reqsk_put(req);
				continue;
			}
			__NET_INC_STATS(sock_net(nsk),
					LINUX_MIB_TCPMIGRATEREQFAILURE);
		}
		req->sk = NULL;
		inet_child_forget(sk, req, child);
		reqsk_put(req);
	}
	/* a closed member of a group keeps them (tcp_migrate_req) */
	if (sk->sk_reuseport_cb)
		return;
	for (i = 0; i <= h->ehash_mask && queue->qlen; i++) {
		struct sock_common *skc;
		struct hlist_node *n;

		hlist_for_each_entry_safe(skc, n, &h->ehash[i], skc_node) {
			struct request_sock *r =
				(struct request_sock *)(void *)skc;

			if (skc->skc_state == TCP_NEW_SYN_RECV &&
			    r->rsk_listener == sk)
				inet_csk_reqsk_queue_drop(sk, r);
		}
	}
}

/* inet_csk_wait_for_connect - sleep until the accept queue has one */
static int inet_csk_wait_for_connect(struct sock *sk, s64 timeo)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	int err;

	for (;;) {
		sk_wait_event(sk, &timeo,
			      !reqsk_queue_empty(icsk->icsk_accept_queue) ||
				      sk->sk_state != TCP_LISTEN);
		err = 0;
		if (!reqsk_queue_empty(icsk->icsk_accept_queue))
			break;
		err = -EINVAL;
		if (sk->sk_state != TCP_LISTEN)
			break;
		err = sock_intr_errno(timeo);
		if (signal_pending())
			break;
		err = -EAGAIN;
		if (!timeo)
			break;
	}
	return err;
}

/**
 * inet_csk_accept - take the oldest connection of the accept queue
 * @flags: O_NONBLOCK: -EAGAIN instead of waiting
 * Return: the child sock, or NULL with *@err (-EINVAL not listening,
 *	-EAGAIN, -EINTR).
 */
struct sock *inet_csk_accept(struct sock *sk, int flags, int *err, bool kern)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct request_sock_queue *queue = icsk->icsk_accept_queue;
	struct request_sock *req;
	struct sock *newsk;
	int error;

	(void)kern;
	lock_sock(sk);
	error = -EINVAL;
	if (sk->sk_state != TCP_LISTEN)
		goto out_err;
	if (reqsk_queue_empty(queue)) {
		s64 timeo = sock_rcvtimeo(sk, flags & O_NONBLOCK);

		error = -EAGAIN;
		if (!timeo)
			goto out_err;
		error = inet_csk_wait_for_connect(sk, timeo);
		if (error)
			goto out_err;
	}
	req = reqsk_queue_remove(queue, sk);
	newsk = req->sk;
	req->sk = NULL;
	release_sock(sk);
	reqsk_put(req);
	return newsk;

out_err:
	release_sock(sk);
	*err = error;
	return NULL;
}

/* ---- request socks ---- */

struct request_sock *reqsk_alloc(const struct request_sock_ops *ops,
				 struct sock *sk_listener)
{
	struct request_sock *req = kzalloc(ops->obj_size, GFP_KERNEL);

	if (!req)
		return NULL;
	req->rsk_ops = ops;
	sock_hold(sk_listener);
	req->rsk_listener = sk_listener;
	req->rsk_refcnt = 1;
	req->__req_common.skc_state = TCP_NEW_SYN_RECV;
	req->__req_common.skc_net = sock_net(sk_listener);
	INIT_HLIST_NODE(&req->__req_common.skc_node);
	INIT_HLIST_NODE(&req->__req_common.skc_bind_node);
	return req;
}

void reqsk_free(struct request_sock *req)
{
	if (req->rsk_ops->destructor)
		req->rsk_ops->destructor(req);
	if (req->rsk_listener)
		sock_put(req->rsk_listener);
	kfree(req->saved_syn);
	kfree(req);
}

static bool reqsk_queue_unlink(struct request_sock *req)
{
	if (hlist_unhashed(&req->__req_common.skc_node))
		return false;
	inet_ehash_remove((struct sock *)(void *)req);
	return true;
}

/* inet_csk_reqsk_queue_drop - @req leaves the SYN queue and ehash */
void inet_csk_reqsk_queue_drop(struct sock *sk, struct request_sock *req)
{
	struct request_sock_queue *queue = inet_csk(sk)->icsk_accept_queue;

	if (!reqsk_queue_unlink(req))
		return;
	del_timer(&req->rsk_timer);
	queue->qlen--;
	if (req->num_timeout == 0)
		queue->young--;
	reqsk_put(req); /* the hash's reference */
}

void inet_csk_reqsk_queue_drop_and_put(struct sock *sk,
				       struct request_sock *req)
{
	inet_csk_reqsk_queue_drop(sk, req);
}

/*
 * syn_ack_recalc - after @req's SYN-ACK timer fired num_timeout times:
 * does it die (*@expire), and is its SYN-ACK sent again (*@resend)?  A
 * request the peer ACKed while TCP_DEFER_ACCEPT holds it waits quietly
 * for data, and gets its SYN-ACK again only as the deferral ends - one
 * last chance for the peer's data or ACK to make the connection.
 */
static void syn_ack_recalc(struct request_sock *req,
			   const int max_syn_ack_retries,
			   const u8 rskq_defer_accept, int *expire, int *resend)
{
	if (!rskq_defer_accept) {
		*expire = req->num_timeout >= max_syn_ack_retries;
		*resend = 1;
		return;
	}
	*expire = req->num_timeout >= max_syn_ack_retries &&
		  (!inet_rsk(req)->acked ||
		   req->num_timeout >= rskq_defer_accept);
	*resend = !inet_rsk(req)->acked ||
		  req->num_timeout >= rskq_defer_accept - 1;
}

/*
 * reqsk_timer_handler - SYN-ACK retransmission with exponential back-off
 * from TCP_TIMEOUT_INIT, TCP_SYNCNT or tcp_synack_retries times, then the
 * request sock is dropped (RFC 6298 5.5 back-off; Linux's SYN-RECV
 * rules).  When over half the queue is old requests (a flood, or peers
 * that never answer), those get fewer retries, down to 2, so that young
 * ones keep their room.
 */
static void reqsk_timer_handler(struct timer_list *t)
{
	struct request_sock *req = from_timer(req, t, rsk_timer);
	struct sock *sk_listener = req->rsk_listener;
	struct inet_connection_sock *icsk = inet_csk(sk_listener);
	struct request_sock_queue *queue = icsk->icsk_accept_queue;
	struct net *net = sock_net(sk_listener);
	int max_syn_ack_retries, qlen, expire = 0, resend = 0;
	bool migrated = false;
	u32 timeo;

	if (sk_listener->sk_state != TCP_LISTEN) {
		/* its listener closed: to another of its group, if it may */
		struct sock *nsk = reuseport_migrate_sock(
			sk_listener, (struct sock *)req, NULL);

		if (!nsk)
			goto drop;
		inet_csk_reqsk_migrate(req, nsk, true);
		sk_listener = nsk;
		icsk = inet_csk(nsk);
		queue = icsk->icsk_accept_queue;
		migrated = true;
	}
	max_syn_ack_retries = icsk->icsk_syn_retries
				      ? icsk->icsk_syn_retries
				      : net->ipv4.sysctl_tcp_synack_retries;
	qlen = reqsk_queue_len(queue);
	if ((u32)(qlen << 1) >
	    max_t(u32, 8U, sk_listener->sk_max_ack_backlog)) {
		int young = reqsk_queue_len_young(queue) << 1;

		while (max_syn_ack_retries > 2) {
			if (qlen < young)
				break;
			max_syn_ack_retries--;
			young <<= 1;
		}
	}
	syn_ack_recalc(req, max_syn_ack_retries, queue->rskq_defer_accept,
		       &expire, &resend);
	tcp_syn_ack_timeout(req); /* TcpExtTCPTimeouts */
	if (!expire && resend && !req->rsk_ops->rtx_syn_ack(sk_listener, req))
		req->num_retrans++;
	else if (!expire && resend && !inet_rsk(req)->acked)
		expire = 1; /* the SYN-ACK could not be sent */
	if (!expire) {
		if (req->num_timeout++ == 0)
			queue->young--;
		timeo = (u32)min_t(u64,
				   (u64)TCP_TIMEOUT_INIT << req->num_timeout,
				   TCP_RTO_MAX);
		mod_timer(&req->rsk_timer, ms_from_now(sk_listener, timeo));
		if (migrated)
			__NET_INC_STATS(net, LINUX_MIB_TCPMIGRATEREQSUCCESS);
		return;
	}
	/* moved only to expire: Linux counts the move failed */
	if (migrated)
		__NET_INC_STATS(net, LINUX_MIB_TCPMIGRATEREQFAILURE);
drop:
	inet_csk_reqsk_queue_drop_and_put(sk_listener, req);
}

void inet_csk_reqsk_queue_hash_add(struct sock *sk, struct request_sock *req,
				   u32 timeout_ms)
{
	struct request_sock_queue *queue = inet_csk(sk)->icsk_accept_queue;

	timer_setup(&req->rsk_timer, reqsk_timer_handler, sock_net(sk)->st);
	mod_timer(&req->rsk_timer, ms_from_now(sk, timeout_ms));
	inet_ehash_insert((struct sock *)(void *)req, NULL);
	queue->qlen++;
	queue->young++;
}

/**
 * inet_csk_reqsk_queue_add - a completed connection joins the accept
 *	queue (which takes its own reference on @req)
 * Return: @child, or NULL when the listener is closing (the caller then
 *	disposes of @child).
 */
struct sock *inet_csk_reqsk_queue_add(struct sock *sk, struct request_sock *req,
				      struct sock *child)
{
	struct request_sock_queue *queue = inet_csk(sk)->icsk_accept_queue;

	if (sk->sk_state != TCP_LISTEN)
		return NULL;
	req->sk = child;
	req->dl_next = NULL;
	req->rsk_refcnt++;
	if (!queue->rskq_accept_head)
		queue->rskq_accept_head = req;
	else
		queue->rskq_accept_tail->dl_next = req;
	queue->rskq_accept_tail = req;
	sk->sk_ack_backlog++;
	return child;
}

/* ---- the child ---- */

/*
 * inet_csk_clone_lock - the new sock of a completed handshake: a fresh
 * sock of the listener's protocol that inherits the listener's socket
 * options, with the request's addresses and ports.
 */
struct sock *inet_csk_clone_lock(const struct sock *sk,
				 const struct request_sock *req)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	struct sock *newsk;
	struct inet_sock *newinet;
	const struct inet_sock *inet = inet_sk(sk);

	newsk = sk_alloc(sock_net(sk), sk->sk_family, sk->sk_prot, 0);
	if (!newsk)
		return NULL;
	sock_init_data(NULL, newsk);
	newsk->sk_destruct = sk->sk_destruct; /* inet_sock_destruct() */
	newsk->sk_type = sk->sk_type;
	newsk->sk_protocol = sk->sk_protocol;
	newsk->sk_backlog_rcv = sk->sk_backlog_rcv;
	newsk->sk_rcvbuf = sk->sk_rcvbuf;
	newsk->sk_sndbuf = sk->sk_sndbuf;
	newsk->sk_userlocks = sk->sk_userlocks & ~SOCK_BINDPORT_LOCK;
	newsk->sk_flags = sk->sk_flags & ~(1UL << SOCK_DEAD);
	newsk->sk_lingertime = sk->sk_lingertime;
	newsk->sk_priority = sk->sk_priority;
	newsk->sk_mark = ireq->ir_mark; /* inet_request_mark() */
	newsk->sk_rcvlowat = sk->sk_rcvlowat;
	newsk->sk_rcvtimeo = sk->sk_rcvtimeo;
	newsk->sk_sndtimeo = sk->sk_sndtimeo;
	newsk->sk_reuse = sk->sk_reuse;
	newsk->sk_reuseport = sk->sk_reuseport;
	newsk->sk_incoming_cpu = sk->sk_incoming_cpu;
	newsk->sk_bound_dev_if =
		ireq->ir_iif ? ireq->ir_iif : sk->sk_bound_dev_if;
	newsk->sk_state = TCP_SYN_RECV;
	newsk->sk_daddr = ireq->ir_rmt_addr;
	newsk->sk_dport = ireq->ir_rmt_port;
	newsk->sk_rcv_saddr = ireq->ir_loc_addr;
	newsk->sk_num = ireq->ir_num;

	newinet = inet_sk(newsk);
	newinet->inet_saddr = ireq->ir_loc_addr;
	newinet->inet_sport = htons(ireq->ir_num);
	newinet->uc_ttl = inet->uc_ttl;
	newinet->tos = inet->tos;
	newinet->pmtudisc = inet->pmtudisc;
	newinet->recverr = inet->recverr;
	newinet->is_icsk = 1;
	newinet->mc_ttl = 1;
	newinet->mc_loop = 1;
	newinet->mc_all = 1;
	newinet->inet_id = (u16)get_random_u32();
	return newsk;
}

void inet_csk_prepare_forced_close(struct sock *sk)
{
	sock_set_flag(sk, SOCK_DEAD);
	tcp_orphan_count_inc(sk);
}

/**
 * inet_csk_destroy_sock - the end of an orphan: the protocol's state,
 *	the hash and the port go, and the last reference with them
 */
void inet_csk_destroy_sock(struct sock *sk)
{
	WARN_ON_ONCE(!sock_flag(sk, SOCK_DEAD));
	sk->sk_prot->destroy(sk);
	sk->sk_prot->unhash(sk);
	inet_put_port(sk);
	tcp_orphan_count_dec(sk);
	sock_put(sk);
}

/* inet_csk_route_req - the route a SYN-ACK takes back to the client */
struct dst_entry *inet_csk_route_req(const struct sock *sk,
				     const struct request_sock *req)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	struct flowi4 fl4;
	struct rtable *rt;

	memset(&fl4, 0, sizeof(fl4));
	fl4.flowi4_oif = ireq->ir_iif;
	fl4.flowi4_mark = ireq->ir_mark;
	fl4.flowi4_tos = inet_sk(sk)->tos;
	fl4.flowi4_proto = IPPROTO_TCP;
	fl4.daddr = ireq->ir_rmt_addr;
	fl4.saddr = ireq->ir_loc_addr;
	fl4.fl4_dport = ireq->ir_rmt_port;
	fl4.fl4_sport = htons(ireq->ir_num);
	rt = ip_route_output_key(sock_net(sk), &fl4);
	if (IS_ERR(rt))
		return NULL;
	return &rt->dst;
}

/*
 * inet_csk_rebuild_route - look up the route of the connected @sk again
 * and cache it (its old one went stale); NULL when there is none
 */
struct dst_entry *inet_csk_rebuild_route(struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);
	struct flowi4 fl4;
	struct rtable *rt;

	memset(&fl4, 0, sizeof(fl4));
	fl4.flowi4_oif = sk->sk_bound_dev_if;
	fl4.flowi4_mark = sk->sk_mark;
	fl4.flowi4_tos = inet->tos;
	fl4.flowi4_proto = IPPROTO_TCP;
	fl4.daddr = inet->inet_daddr;
	fl4.saddr = inet->inet_saddr;
	fl4.fl4_dport = inet->inet_dport;
	fl4.fl4_sport = inet->inet_sport;
	rt = ip_route_output_key(sock_net(sk), &fl4);
	if (IS_ERR(rt))
		return NULL;
	sk_setup_caps(sk, &rt->dst);
	return &rt->dst;
}

/*
 * inet_csk_update_pmtu - RFC 1191: the path of @sk carries at most @mtu;
 * the route learns it and the sock's (new) route is returned
 */
struct dst_entry *inet_csk_update_pmtu(struct sock *sk, u32 mtu)
{
	struct dst_entry *dst = __sk_dst_check(sk, 0);

	if (!dst)
		dst = inet_csk_rebuild_route(sk);
	if (!dst)
		return NULL;
	dst->ops->update_pmtu(dst, sk, NULL, mtu, true);
	dst = __sk_dst_check(sk, 0);
	if (!dst)
		dst = inet_csk_rebuild_route(sk);
	return dst;
}

struct dst_entry *inet_csk_route_child_sock(const struct sock *sk,
					    struct sock *newsk,
					    const struct request_sock *req)
{
	(void)newsk;
	return inet_csk_route_req(sk, req);
}
