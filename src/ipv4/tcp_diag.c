// SPDX-License-Identifier: BSD-2-Clause
/*
 * inet_diag for TCP: a dump walks the namespace's listeners, then the
 * established hash, where connected socks, TIME-WAIT socks and request
 * socks (SYN-RECV) live side by side; each kind has its own fill, since
 * only a full sock has queues, timers in inet_connection_sock and
 * struct tcp_info.  One socket is found as a segment would find it, for
 * a reply or for SOCK_DESTROY (`ss -K`: tcp_abort).
 * Linux: net/ipv4/tcp_diag.c, and inet_diag_dump_icsk, inet_twsk_diag_fill
 * and inet_req_diag_fill of net/ipv4/inet_diag.c (TCP's alone use them).
 */
#include <arpa/inet.h>

#include <net/inet_diag.h>
#include <net/inet_sock.h>
#include <net/net_namespace.h>
#include <net/request_sock.h>
#include <net/sock_diag.h>
#include <net/tcp.h>

/* ms until @expires (ns), never negative (Linux: jiffies_delta_to_msecs) */
static u32 tcp_diag_expires_ms(const struct net *net, u64 expires)
{
	u64 now = ktime_get_ns(net->st);

	return expires > now ? (u32)((expires - now) / NSEC_PER_MSEC) : 0;
}

/*
 * What ss -o shows of a full sock's timers, as Linux's inet_sk_diag_fill
 * reads them: 1 retransmission (and its relatives), 4 zero-window probe,
 * 2 keepalive (sk_timer, also a FIN-WAIT-2 orphan's), 0 none.
 */
static void tcp_diag_get_timer(struct sock *sk, struct inet_diag_msg *r)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct net *net = sock_net(sk);

	if (icsk->icsk_pending == ICSK_TIME_RETRANS ||
	    icsk->icsk_pending == ICSK_TIME_REO_TIMEOUT ||
	    icsk->icsk_pending == ICSK_TIME_LOSS_PROBE) {
		r->idiag_timer = 1;
		r->idiag_retrans = icsk->icsk_retransmits;
		r->idiag_expires = tcp_diag_expires_ms(net, icsk->icsk_timeout);
	} else if (icsk->icsk_pending == ICSK_TIME_PROBE0) {
		r->idiag_timer = 4;
		r->idiag_retrans = icsk->icsk_probes_out;
		r->idiag_expires = tcp_diag_expires_ms(net, icsk->icsk_timeout);
	} else if (timer_pending(&sk->sk_timer)) {
		r->idiag_timer = 2;
		r->idiag_retrans = icsk->icsk_probes_out;
		r->idiag_expires =
			tcp_diag_expires_ms(net, sk->sk_timer.expires);
	} else {
		r->idiag_timer = 0;
		r->idiag_expires = 0;
	}
}

/*
 * Queues: a listener's accept queue and its backlog, else the bytes not
 * yet read and not yet acked; with @info, struct tcp_info as TCP_INFO.
 */
static void tcp_diag_get_info(struct sock *sk, struct inet_diag_msg *r,
			      void *info)
{
	if (sk->sk_state == TCP_LISTEN) {
		r->idiag_rqueue = sk->sk_ack_backlog;
		r->idiag_wqueue = sk->sk_max_ack_backlog;
	} else if (sk->sk_type == SOCK_STREAM) {
		const struct tcp_sock *tp = tcp_sk(sk);
		int rq = (int)(tp->rcv_nxt - tp->copied_seq);

		r->idiag_rqueue = rq > 0 ? (u32)rq : 0;
		r->idiag_wqueue = tp->write_seq - tp->snd_una;
	}
	if (info) {
		/* the attribute is 4-byte aligned, tcp_info's u64s want 8: Linux
		 * writes in place (x86 does not mind), here it goes by copy */
		struct tcp_info_ext ti;

		tcp_get_info_ext(sk, &ti);
		memcpy(info, &ti, sizeof(ti));
	}
}

static const char *tcp_diag_get_cong(struct sock *sk)
{
	const struct tcp_congestion_ops *ca = inet_csk(sk)->icsk_ca_ops;

	return ca ? ca->name : NULL;
}

/* INET_DIAG_BBRINFO and the like: what the congestion control's
 * get_info gives for @ext (ss -i asks with INET_DIAG_VEGASINFO) */
static int tcp_diag_put_cc_info(struct sock *sk, struct sk_buff *skb, u32 ext)
{
	const struct tcp_congestion_ops *ca = inet_csk(sk)->icsk_ca_ops;
	union tcp_cc_info info;
	size_t sz = 0;
	int attr = 0;

	if (ca && ca->get_info)
		sz = ca->get_info(sk, ext, &attr, &info);
	if (sz && nla_put(skb, attr, (int)sz, &info))
		return -EMSGSIZE;
	return 0;
}

/* The fields every kind of sock has (sock_common); no cookie kept. */
static struct nlmsghdr *tcp_diag_msg_put(struct sk_buff *skb,
					 struct netlink_callback *cb,
					 const struct sock *sk, __be16 sport,
					 u16 nlmsg_flags)
{
	struct inet_diag_msg *r;
	struct nlmsghdr *nlh;

	nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			cb->nlh->nlmsg_type, sizeof(*r), nlmsg_flags);
	if (!nlh)
		return NULL;
	r = nlmsg_data(nlh);
	memset(r, 0, sizeof(*r));
	r->idiag_family = (u8)sk->sk_family;
	r->id.idiag_sport = sport;
	r->id.idiag_dport = sk->sk_dport;
	r->id.idiag_if = (u32)sk->sk_bound_dev_if;
	r->id.idiag_src[0] = sk->sk_rcv_saddr;
	r->id.idiag_dst[0] = sk->sk_daddr;
	return nlh;
}

/*
 * inet_twsk_diag_fill - a TIME-WAIT sock: the state it closed from
 * (TIME-WAIT or FIN-WAIT-2), timer 3 and its expiry, no owner, no
 * attributes, as Linux.
 */
static int inet_twsk_diag_fill(struct sock *sk, struct sk_buff *skb,
			       struct netlink_callback *cb, u16 nlmsg_flags)
{
	const struct inet_timewait_sock *tw = inet_twsk(sk);
	struct inet_diag_msg *r;
	struct nlmsghdr *nlh;

	nlh = tcp_diag_msg_put(skb, cb, sk, tw->tw_sport, nlmsg_flags);
	if (!nlh)
		return -EMSGSIZE;
	r = nlmsg_data(nlh);
	r->idiag_state = tw->tw_substate;
	r->idiag_timer = 3;
	r->idiag_expires = tcp_diag_expires_ms(sock_net(sk), tw->tw_expires);
	nlmsg_end(skb, nlh);
	return 0;
}

/*
 * inet_req_diag_fill - a request sock: SYN-RECV, timer 1 (the SYN-ACK's
 * retransmission) with the SYN-ACKs resent, no owner; the mark (0: no
 * mark is kept on request socks) for a CAP_NET_ADMIN caller.
 */
static int inet_req_diag_fill(struct sock *sk, struct sk_buff *skb,
			      struct netlink_callback *cb, u16 nlmsg_flags,
			      bool net_admin)
{
	const struct request_sock *req =
		(const struct request_sock *)(void *)sk;
	struct inet_diag_msg *r;
	struct nlmsghdr *nlh;

	nlh = tcp_diag_msg_put(skb, cb, sk, htons(sk->sk_num), nlmsg_flags);
	if (!nlh)
		return -EMSGSIZE;
	r = nlmsg_data(nlh);
	r->idiag_state = TCP_SYN_RECV;
	r->idiag_timer = 1;
	r->idiag_retrans = req->num_retrans;
	r->idiag_expires =
		tcp_diag_expires_ms(sock_net(sk), req->rsk_timer.expires);
	if (net_admin && nla_put_u32(skb, INET_DIAG_MARK, 0)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

static int sk_diag_fill(struct sock *sk, struct sk_buff *skb,
			struct netlink_callback *cb,
			const struct inet_diag_req_v2 *r, u16 nlmsg_flags,
			bool net_admin)
{
	if (sk->sk_state == TCP_TIME_WAIT)
		return inet_twsk_diag_fill(sk, skb, cb, nlmsg_flags);
	if (sk->sk_state == TCP_NEW_SYN_RECV)
		return inet_req_diag_fill(sk, skb, cb, nlmsg_flags, net_admin);
	return inet_sk_diag_fill(sk, skb, cb, r, nlmsg_flags, net_admin);
}

/*
 * tcp_diag_dump - listeners (cb->args[0] == 0), then the established
 * hash (1); cb->args[1] is the bucket and cb->args[2] the place in it,
 * so a dump that fills its buffer resumes where it stopped.
 */
static void tcp_diag_dump(struct sk_buff *skb, struct netlink_callback *cb,
			  const struct inet_diag_req_v2 *r)
{
	struct net *net = sock_net(skb->sk);
	struct inet_hashinfo *h = net->ipv4.tcp_hashinfo;
	u32 idiag_states = r->idiag_states;
	unsigned int b;
	long num, s_num = cb->args[2];
	struct sock_common *skc;

	if (!h)
		return;
	/* SYN-RECV connections are request socks (TCP_NEW_SYN_RECV) */
	if (idiag_states & TCPF_SYN_RECV)
		idiag_states |= TCPF_NEW_SYN_RECV;

	if (cb->args[0] == 0) {
		if (!(idiag_states & TCPF_LISTEN) || r->id.idiag_dport)
			goto skip_listen;
		for (b = (unsigned int)cb->args[1]; b <= h->lhash_mask;
		     b++, s_num = 0) {
			num = 0;
			hlist_for_each_entry(skc, &h->lhash[b], skc_node) {
				struct sock *sk = (struct sock *)(void *)skc;

				if (num < s_num || !net_eq(sock_net(sk), net))
					goto next_listen;
				if (r->sdiag_family != AF_UNSPEC &&
				    sk->sk_family != r->sdiag_family)
					goto next_listen;
				if (r->id.idiag_sport != htons(sk->sk_num) &&
				    r->id.idiag_sport)
					goto next_listen;
				if (!inet_diag_bc_sk(cb->data, sk))
					goto next_listen;
				if (inet_sk_diag_fill(sk, skb, cb, r,
						      NLM_F_MULTI, true) < 0) {
					cb->args[1] = (long)b;
					cb->args[2] = num;
					return;
				}
next_listen:
				num++;
			}
		}
skip_listen:
		cb->args[0] = 1;
		cb->args[1] = 0;
		cb->args[2] = 0;
		s_num = 0;
	}

	if (!(idiag_states & ~TCPF_LISTEN))
		return;
	for (b = (unsigned int)cb->args[1];
	     b <= h->ehash_mask && net->ipv4.tcp_ehash_count; b++, s_num = 0) {
		num = 0;
		hlist_for_each_entry(skc, &h->ehash[b], skc_node) {
			struct sock *sk = (struct sock *)(void *)skc;
			int state = sk->sk_state == TCP_TIME_WAIT
					    ? inet_twsk(sk)->tw_substate
					    : sk->sk_state;
			__be16 sport = sk->sk_state == TCP_TIME_WAIT
					       ? inet_twsk(sk)->tw_sport
					       : htons(sk->sk_num);

			if (num < s_num || !net_eq(sock_net(sk), net))
				goto next_normal;
			if (!(idiag_states & (1U << state)))
				goto next_normal;
			if (r->sdiag_family != AF_UNSPEC &&
			    sk->sk_family != r->sdiag_family)
				goto next_normal;
			if (r->id.idiag_sport != sport && r->id.idiag_sport)
				goto next_normal;
			if (r->id.idiag_dport != sk->sk_dport &&
			    r->id.idiag_dport)
				goto next_normal;
			if (!inet_diag_bc_sk(cb->data, sk))
				goto next_normal;
			if (sk_diag_fill(sk, skb, cb, r, NLM_F_MULTI, true) <
			    0) {
				cb->args[1] = (long)b;
				cb->args[2] = num;
				return;
			}
next_normal:
			num++;
		}
	}
	cb->args[1] = (long)b;
	cb->args[2] = 0;
}

/*
 * The sock @req names, as Linux's inet_diag_find_one_icsk looks it up:
 * the request's destination is the segment's source (an established,
 * TIME-WAIT or request sock first, then a listener).
 */
static struct sock *tcp_diag_find_one(struct net *net,
				      const struct inet_diag_req_v2 *req)
{
	if (req->sdiag_family != AF_INET || !net->ipv4.tcp_hashinfo)
		return NULL;
	return __inet_lookup(net, req->id.idiag_dst[0], req->id.idiag_dport,
			     req->id.idiag_src[0], req->id.idiag_sport,
			     (int)req->id.idiag_if);
}

static const struct inet_diag_handler tcp_diag_handler;

static int tcp_diag_dump_one(struct netlink_callback *cb,
			     const struct inet_diag_req_v2 *req)
{
	struct sk_buff *in_skb = cb->skb;
	struct net *net = sock_net(in_skb->sk);
	struct sk_buff *rep;
	struct sock *sk;
	int err;

	sk = tcp_diag_find_one(net, req);
	if (!sk)
		return -ENOENT;
	if (sk_fullsock(sk)) {
		err = sock_diag_check_cookie(sk, req->id.idiag_cookie);
		if (err)
			return err;
	}
	rep = nlmsg_new(inet_sk_attr_size(&tcp_diag_handler), 0);
	if (!rep)
		return -ENOMEM;
	err = sk_diag_fill(sk, rep, cb, req, 0, true);
	if (err < 0) {
		kfree_skb(rep);
		return err;
	}
	return nlmsg_unicast(net->diag_nlsk, rep, NETLINK_CB(in_skb).portid);
}

/* RFC 9293 3.10.7: the states in which an abort tells the peer (RST) */
static bool tcp_diag_need_reset(int state)
{
	return (1 << state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT |
			       TCPF_FIN_WAIT1 | TCPF_FIN_WAIT2 | TCPF_SYN_RECV);
}

/*
 * tcp_abort - what SOCK_DESTROY (`ss -K`) does to a TCP sock, as Linux's:
 * a request sock leaves its listener's SYN queue, a TIME-WAIT sock dies
 * now; a listener stops listening (its queued connections reset); a
 * connection resets its peer where RFC 9293 says an abort does, and
 * closes with @err for its user (an orphan is freed).
 */
static int tcp_abort(struct sock *sk, int err)
{
	if (sk->sk_state == TCP_NEW_SYN_RECV) {
		struct request_sock *req = (struct request_sock *)(void *)sk;

		inet_csk_reqsk_queue_drop(req->rsk_listener, req);
		return 0;
	}
	if (sk->sk_state == TCP_TIME_WAIT) {
		inet_twsk_deschedule_put(inet_twsk(sk));
		return 0;
	}
	sock_hold(sk); /* tcp_done frees an orphan */
	lock_sock(sk);
	if (sk->sk_state == TCP_LISTEN) {
		tcp_set_state(sk, TCP_CLOSE);
		inet_csk_listen_stop(sk);
	}
	if (tcp_diag_need_reset(sk->sk_state))
		tcp_send_active_reset(sk);
	sk->sk_err = err;
	tcp_write_queue_purge(sk);
	tcp_done(sk);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_error_report(sk);
	release_sock(sk);
	sock_put(sk);
	return 0;
}

static int tcp_diag_destroy(struct sk_buff *in_skb,
			    const struct inet_diag_req_v2 *req)
{
	struct net *net = sock_net(in_skb->sk);
	struct sock *sk = tcp_diag_find_one(net, req);
	int err;

	if (!sk)
		return -ENOENT;
	if (sk_fullsock(sk)) {
		err = sock_diag_check_cookie(sk, req->id.idiag_cookie);
		if (err)
			return err;
	}
	return tcp_abort(sk, ECONNABORTED);
}

static const struct inet_diag_handler tcp_diag_handler = {
	.dump = tcp_diag_dump,
	.dump_one = tcp_diag_dump_one,
	.destroy = tcp_diag_destroy,
	.idiag_get_info = tcp_diag_get_info,
	.idiag_get_timer = tcp_diag_get_timer,
	.idiag_get_cong = tcp_diag_get_cong,
	.idiag_put_cc_info = tcp_diag_put_cc_info,
	.idiag_type = IPPROTO_TCP,
	.idiag_info_size = sizeof(struct tcp_info_ext),
};

int tcp_diag_init(void)
{
	return inet_diag_register(&tcp_diag_handler);
}

void tcp_diag_exit(void)
{
	inet_diag_unregister(&tcp_diag_handler);
}
