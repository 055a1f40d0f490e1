// SPDX-License-Identifier: BSD-2-Clause
/*
 * The light states: TIME-WAIT (RFC 9293 3.10.7.4, RFC 7323 5 PAWS for
 * old duplicates, RFC 1337), and the request sock of a passive open,
 * which becomes a full child sock when the handshake's ACK arrives.
 * Linux: net/ipv4/tcp_minisocks.c.
 */
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/tcp_ecn.h>

/*
 * tcp_timewait_state_process - a segment for a TIME-WAIT (or orphaned
 * FIN-WAIT-2) sock.  A retransmitted FIN is ACKed again and restarts the
 * 2*MSL timer; a new SYN with a higher sequence (or newer timestamp) may
 * reopen the connection (RFC 9293 3.10.7.4 note, RFC 6191); a RST kills
 * the sock unless tcp_rfc1337; anything else gets an ACK.
 */
enum tcp_tw_status tcp_timewait_state_process(struct inet_timewait_sock *tw,
					      struct sk_buff *skb,
					      const struct tcphdr *th,
					      u32 *tw_isn)
{
	struct tcp_timewait_sock *tcptw = tcp_twsk((struct sock *)(void *)tw);
	struct net *net = tw->tw_net;
	struct tcp_options_received tmp_opt;
	bool paws_reject = false;
	u32 now_s = (u32)(ktime_get_ns(net->st) / NSEC_PER_SEC);

	memset(&tmp_opt, 0, sizeof(tmp_opt));
	tmp_opt.saw_tstamp = 0;
	if (th->doff > (sizeof(*th) >> 2) && tcptw->tw_ts_recent_stamp) {
		tmp_opt.tstamp_ok = 1;
		tcp_parse_options(net, skb, &tmp_opt, 0);
		if (tmp_opt.saw_tstamp) {
			if (tmp_opt.rcv_tsecr)
				tmp_opt.rcv_tsecr -= tcptw->tw_ts_offset;
			tmp_opt.ts_recent = tcptw->tw_ts_recent;
			tmp_opt.ts_recent_stamp = tcptw->tw_ts_recent_stamp;
			paws_reject = tcp_paws_reject(&tmp_opt, th->rst);
		}
	}

	if (tw->tw_substate == TCP_FIN_WAIT2) {
		/* just FIN-WAIT-2: RFC 9293 rules for it */
		if (paws_reject ||
		    !(TCP_SKB_CB(skb)->seq == tcptw->tw_rcv_nxt ||
		      (!after(TCP_SKB_CB(skb)->end_seq, tcptw->tw_rcv_nxt) &&
		       TCP_SKB_CB(skb)->seq != TCP_SKB_CB(skb)->end_seq)))
			return th->rst ? TCP_TW_SUCCESS : TCP_TW_ACK;
		if (th->rst)
			goto kill;
		if (th->syn && !before(TCP_SKB_CB(skb)->seq, tcptw->tw_rcv_nxt))
			return TCP_TW_RST;
		if (!th->ack ||
		    !after(TCP_SKB_CB(skb)->end_seq, tcptw->tw_rcv_nxt) ||
		    TCP_SKB_CB(skb)->end_seq == TCP_SKB_CB(skb)->seq)
			return TCP_TW_SUCCESS;
		/* new data or a FIN */
		if (!th->fin ||
		    TCP_SKB_CB(skb)->end_seq != tcptw->tw_rcv_nxt + 1)
			return TCP_TW_RST;
		/* the FIN: TIME-WAIT proper */
		tw->tw_substate = TCP_TIME_WAIT;
		tcptw->tw_rcv_nxt = TCP_SKB_CB(skb)->end_seq;
		if (tmp_opt.saw_tstamp) {
			tcptw->tw_ts_recent_stamp = now_s;
			tcptw->tw_ts_recent = tmp_opt.rcv_tsval;
		}
		inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN);
		return TCP_TW_ACK;
	}

	/* TIME-WAIT proper */
	if (!paws_reject &&
	    (TCP_SKB_CB(skb)->seq == tcptw->tw_rcv_nxt &&
	     (TCP_SKB_CB(skb)->seq == TCP_SKB_CB(skb)->end_seq || th->rst))) {
		/* in window: a duplicate ACK, or a RST */
		if (th->rst) {
			/* RFC 1337: TIME-WAIT assassination, unless asked */
			if (!net->ipv4.sysctl_tcp_rfc1337) {
kill:
				inet_twsk_deschedule_put(tw);
				return TCP_TW_SUCCESS;
			}
		} else {
			inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN);
		}
		if (tmp_opt.saw_tstamp) {
			tcptw->tw_ts_recent = tmp_opt.rcv_tsval;
			tcptw->tw_ts_recent_stamp = now_s;
		}
		return TCP_TW_SUCCESS;
	}

	/*
	 * Out of window.  A SYN with a higher sequence, or a newer
	 * timestamp, may start a new incarnation (Linux, RFC 6191).
	 */
	if (th->syn && !th->rst && !th->ack && !paws_reject &&
	    (after(TCP_SKB_CB(skb)->seq, tcptw->tw_rcv_nxt) ||
	     (tmp_opt.saw_tstamp &&
	      (s32)(tcptw->tw_ts_recent - tmp_opt.rcv_tsval) < 0))) {
		u32 isn = tcptw->tw_snd_nxt + 65535 + 2;

		if (isn == 0)
			isn++;
		*tw_isn = isn;
		return TCP_TW_SYN;
	}
	if (paws_reject)
		NET_INC_STATS(net, LINUX_MIB_PAWSESTABREJECTED);
	if (!th->rst) {
		/* a retransmitted FIN, or anything else: ACK, restart */
		if (paws_reject || th->ack)
			inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN);
		if (tcp_oow_rate_limited(net, skb,
					 LINUX_MIB_TCPACKSKIPPEDTIMEWAIT,
					 &tcptw->tw_last_oow_ack_time))
			return TCP_TW_SUCCESS;
		return TCP_TW_ACK;
	}
	return TCP_TW_SUCCESS;
}

/*
 * tcp_time_wait - @sk enters TIME-WAIT (or orphaned FIN-WAIT-2 @state):
 * a TIME-WAIT sock takes its place and the sock is done.
 * @timeo: ms for FIN-WAIT-2; TIME-WAIT lasts TCP_TIMEWAIT_LEN
 */
void tcp_time_wait(struct sock *sk, int state, int timeo)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct inet_timewait_sock *tw;

	tw = inet_twsk_alloc(sk, state);
	if (tw) {
		struct tcp_timewait_sock *tcptw =
			tcp_twsk((struct sock *)(void *)tw);

		tw->tw_rcv_wscale = tp->rx_opt.rcv_wscale;
		tcptw->tw_rcv_nxt = tp->rcv_nxt;
		tcptw->tw_snd_nxt = tp->snd_nxt;
		tcptw->tw_rcv_wnd = tcp_receive_window(tp);
		tcptw->tw_ts_recent = tp->rx_opt.ts_recent;
		tcptw->tw_ts_recent_stamp = tp->rx_opt.ts_recent_stamp;
		tcptw->tw_ts_offset = tp->tsoffset;
		tcptw->tw_last_oow_ack_time = 0;
		tcptw->tw_entry_stamp = tcp_time_stamp_ms(sk);
		tw->tw_ttl = 0;
		if (state == TCP_TIME_WAIT)
			timeo = TCP_TIMEWAIT_LEN;
		inet_twsk_hashdance_schedule(tw, sk, (u32)timeo);
	} else {
		/* no memory (or tcp_max_tw_buckets): just close */
		NET_INC_STATS(net, LINUX_MIB_TCPTIMEWAITOVERFLOW);
	}
	tcp_update_metrics(sk);
	tcp_done(sk);
}

void tcp_twsk_destructor(struct sock *sk)
{
	(void)sk;
}

/* tcp_openreq_init_rwin - the window the SYN-ACK offers */
void tcp_openreq_init_rwin(struct request_sock *req,
			   const struct sock *sk_listener,
			   const struct dst_entry *dst)
{
	struct inet_request_sock *ireq = inet_rsk(req);
	const struct tcp_sock *tp = tcp_sk(sk_listener);
	int full_space = tcp_full_space(sk_listener);
	u32 window_clamp = tp->window_clamp;
	u8 rcv_wscale;
	u32 mss = dst_metric_advmss(dst);

	if (tp->rx_opt.user_mss && tp->rx_opt.user_mss < mss)
		mss = tp->rx_opt.user_mss;
	if (ireq->tstamp_ok)
		mss -= TCPOLEN_TSTAMP_ALIGNED;
	/* the listener's clamp, else the route's window metric */
	req->rsk_window_clamp =
		window_clamp ? window_clamp : dst_metric(dst, RTAX_WINDOW);
	/* a locked (SO_RCVBUF) buffer limits the window and its scale */
	if ((sk_listener->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    (req->rsk_window_clamp > (u32)full_space ||
	     req->rsk_window_clamp == 0))
		req->rsk_window_clamp = (u32)full_space;
	tcp_select_initial_window(sk_listener, full_space, mss,
				  &req->rsk_rcv_wnd, &req->rsk_window_clamp,
				  ireq->wscale_ok, &rcv_wscale,
				  dst_metric(dst, RTAX_INITRWND));
	ireq->rcv_wscale = rcv_wscale & 0xf;
}

/*
 * tcp_create_openreq_child - the sock of a connection whose handshake
 * @req completed: the listener's options, the request's sequence
 * numbers and negotiated options.
 */
struct sock *tcp_create_openreq_child(const struct sock *sk,
				      struct request_sock *req,
				      struct sk_buff *skb)
{
	struct sock *newsk = inet_csk_clone_lock(sk, req);
	const struct inet_request_sock *ireq = inet_rsk(req);
	const struct tcp_request_sock *treq = tcp_rsk(req);
	const struct tcp_sock *oldtp = tcp_sk(sk);
	struct inet_connection_sock *newicsk;
	struct tcp_sock *newtp;
	u32 seq;

	if (!newsk)
		return NULL;
	tcp_init_sock(newsk);
	newicsk = inet_csk(newsk);
	newtp = tcp_sk(newsk);
	newtp->nonagle = oldtp->nonagle;
	newtp->thin_lto = oldtp->thin_lto; /* Linux's child is a clone */
	newtp->recvmsg_inq = oldtp->recvmsg_inq;
	newtp->save_syn = oldtp->save_syn;
	newtp->keepalive_time = oldtp->keepalive_time;
	newtp->keepalive_intvl = oldtp->keepalive_intvl;
	newtp->keepalive_probes = oldtp->keepalive_probes;
	newtp->linger2 = oldtp->linger2;
	newtp->notsent_lowat = oldtp->notsent_lowat;
	newtp->rx_opt.user_mss = oldtp->rx_opt.user_mss;
	newicsk->icsk_user_timeout = inet_csk(sk)->icsk_user_timeout;
	newicsk->icsk_syn_retries = inet_csk(sk)->icsk_syn_retries;
	/* the listener's RTO bounds, not the sysctls' values of now */
	newicsk->icsk_rto_min = inet_csk(sk)->icsk_rto_min;
	newicsk->icsk_rto_max = inet_csk(sk)->icsk_rto_max;
	tcp_ca_inherit(newsk, sk);

	newtp->segs_in = 1;
	seq = treq->rcv_isn + 1;
	newtp->rcv_wup = seq;
	newtp->copied_seq = seq;
	newtp->rcv_nxt = seq;
	newtp->snd_sml = newtp->snd_una = newtp->snd_nxt = newtp->snd_up =
		treq->snt_isn + 1;
	newtp->write_seq = newtp->pushed_seq = treq->snt_isn + 1;
	tcp_init_wl(newtp, treq->rcv_isn);
	newicsk->icsk_rto = TCP_TIMEOUT_INIT;
	newicsk->icsk_ack.lrcvtime = tcp_jiffies32(newsk);
	newtp->lsndtime = tcp_jiffies32(newsk);
	newtp->total_retrans = req->num_retrans;
	if (req->num_timeout) {
		/* the SYN-ACK's RTOs: one RTO recovery, over now */
		newtp->total_rto = req->num_timeout;
		newtp->total_rto_recoveries = 1;
		newtp->total_rto_time =
			tcp_time_stamp_ms(newsk) -
			(u32)(tcp_rsk(req)->snt_synack / 1000); /* us to ms */
	}
	newtp->window_clamp = req->rsk_window_clamp;
	newtp->rcv_ssthresh = req->rsk_rcv_wnd;
	newtp->rcv_wnd = req->rsk_rcv_wnd;
	newtp->rx_opt.wscale_ok = ireq->wscale_ok;
	if (newtp->rx_opt.wscale_ok) {
		newtp->rx_opt.snd_wscale = ireq->snd_wscale;
		newtp->rx_opt.rcv_wscale = ireq->rcv_wscale;
	} else {
		newtp->rx_opt.snd_wscale = newtp->rx_opt.rcv_wscale = 0;
		newtp->window_clamp = min_t(u32, newtp->window_clamp, 65535U);
	}
	newtp->snd_wnd = (u32)ntohs(tcp_hdr(skb)->window)
			 << newtp->rx_opt.snd_wscale;
	newtp->max_window = newtp->snd_wnd;
	newtp->rx_opt.sack_ok = ireq->sack_ok;
	newtp->rx_opt.tstamp_ok = ireq->tstamp_ok;
	if (newtp->rx_opt.tstamp_ok) {
		newtp->rx_opt.ts_recent = req->ts_recent;
		newtp->rx_opt.ts_recent_stamp = tcp_jiffies32(newsk) / 1000;
		newtp->tcp_header_len =
			sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
	} else {
		newtp->rx_opt.ts_recent_stamp = 0;
		newtp->tcp_header_len = sizeof(struct tcphdr);
	}
	newtp->tsoffset = treq->ts_off;
	newtp->rx_opt.mss_clamp = req->mss;
	tcp_ecn_openreq_child(newtp, req);
	TCP_INC_STATS(sock_net(sk), TCP_MIB_PASSIVEOPENS);
	return newsk;
}

/*
 * tcp_check_req - a segment for a request sock in SYN-RECV (RFC 9293
 * 3.10.7.4 for SYN-RECEIVED): a retransmitted SYN gets the SYN-ACK
 * again; the ACK of our SYN-ACK makes the child and queues it for
 * accept(); a bad ACK gets a reset.
 * Return: the child (to be processed with the segment), @sk itself
 *	when the segment was consumed, or NULL (the caller may reset).
 */
struct sock *tcp_check_req(struct sock *sk, struct sk_buff *skb,
			   struct request_sock *req)
{
	struct tcp_options_received tmp_opt;
	const struct tcphdr *th = tcp_hdr(skb);
	struct net *net = sock_net(sk);
	struct sock *child;
	bool paws_reject = false;

	memset(&tmp_opt, 0, sizeof(tmp_opt));
	if (th->doff > (sizeof(struct tcphdr) >> 2)) {
		tmp_opt.tstamp_ok = inet_rsk(req)->tstamp_ok;
		tcp_parse_options(net, skb, &tmp_opt, 0);
		if (tmp_opt.saw_tstamp) {
			tmp_opt.ts_recent = req->ts_recent;
			if (tmp_opt.rcv_tsecr)
				tmp_opt.rcv_tsecr -= tcp_rsk(req)->ts_off;
			tmp_opt.ts_recent_stamp =
				tcp_jiffies32(sk) / 1000 -
				((TCP_TIMEOUT_INIT / 1000) << req->num_timeout);
			paws_reject = tcp_paws_reject(&tmp_opt, th->rst);
		}
	}

	/* a retransmitted SYN: send the SYN-ACK again */
	if (TCP_SKB_CB(skb)->seq == tcp_rsk(req)->rcv_isn &&
	    (tcp_flag_byte(th) & (TCPHDR_SYN | TCPHDR_RST | TCPHDR_ACK)) ==
		    TCPHDR_SYN &&
	    !paws_reject) {
		if (!tcp_oow_rate_limited(net, skb,
					  LINUX_MIB_TCPACKSKIPPEDSYNRECV,
					  &tcp_rsk(req)->snt_synack_oow)) {
			if (!req->rsk_ops->rtx_syn_ack(sk, req))
				req->num_retrans++;
		}
		return NULL;
	}

	/* RFC 9293: an unacceptable ACK in SYN-RECEIVED gets a reset */
	if ((tcp_flag_byte(th) & TCPHDR_ACK) &&
	    TCP_SKB_CB(skb)->ack_seq != tcp_rsk(req)->snt_isn + 1)
		return sk;

	/* out of window: an ACK (unless it is a RST) and drop */
	if (paws_reject ||
	    before(TCP_SKB_CB(skb)->end_seq, tcp_rsk(req)->rcv_nxt) ||
	    after(TCP_SKB_CB(skb)->seq,
		  tcp_rsk(req)->rcv_nxt + req->rsk_rcv_wnd)) {
		if (!th->rst &&
		    !tcp_oow_rate_limited(net, skb,
					  LINUX_MIB_TCPACKSKIPPEDSYNRECV,
					  &tcp_rsk(req)->snt_synack_oow))
			req->rsk_ops->send_ack(sk, skb, req);
		if (paws_reject)
			NET_INC_STATS(net, LINUX_MIB_PAWSESTABREJECTED);
		return NULL;
	}
	if (tmp_opt.saw_tstamp &&
	    !after(TCP_SKB_CB(skb)->seq, tcp_rsk(req)->rcv_nxt))
		req->ts_recent = tmp_opt.rcv_tsval;
	if (th->rst || th->syn) {
		TCP_INC_STATS(net, TCP_MIB_ATTEMPTFAILS);
		if (th->syn && !th->rst) {
			/* RFC 5961 4.2: a challenge, not a reset */
			req->rsk_ops->send_ack(sk, skb, req);
			return NULL;
		}
		inet_csk_reqsk_queue_drop(req->rsk_listener, req);
		return NULL;
	}
	if (!th->ack)
		return NULL;

	/* TCP_DEFER_ACCEPT: a bare ACK does not make the connection yet;
	 * data does, or, once the deferral is over, an ACK again */
	if (req->num_timeout <
		    inet_csk(sk)->icsk_accept_queue->rskq_defer_accept &&
	    TCP_SKB_CB(skb)->end_seq == tcp_rsk(req)->rcv_isn + 1) {
		inet_rsk(req)->acked = 1;
		__NET_INC_STATS(net, LINUX_MIB_TCPDEFERACCEPTDROP);
		return NULL;
	}

	/* the handshake is complete */
	if (sk_acceptq_is_full(sk)) {
		NET_INC_STATS(net, LINUX_MIB_LISTENOVERFLOWS);
		NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
		/*
		 * The ACK is dropped and the request sock kept: the SYN-ACK
		 * timer retries, as Linux does with tcp_abort_on_overflow 0.
		 */
		inet_rsk(req)->acked = 1;
		if (net->ipv4.sysctl_tcp_abort_on_overflow) {
			inet_csk_reqsk_queue_drop(req->rsk_listener, req);
			return sk;
		}
		return NULL;
	}
	child = tcp_v4_syn_recv_sock(sk, skb, req, NULL);
	if (!child) {
		NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
		return NULL;
	}
	if (tmp_opt.saw_tstamp)
		tcp_sk(child)->rx_opt.ts_recent = req->ts_recent;
	/* the SYN-ACK's RTT is the child's first sample (RFC 6298 2.2) */
	tcp_synack_rtt_meas(child, req);
	if (sk != req->rsk_listener) {
		/* its listener closed: @sk, of the same SO_REUSEPORT group,
		 * takes it (tcp_migrate_req); the caller holds @req */
		inet_csk_reqsk_queue_drop(req->rsk_listener, req);
		sock_hold(sk);
		inet_csk_reqsk_migrate(req, sk, false);
		if (!inet_csk_reqsk_queue_add(sk, req, child)) {
			__NET_INC_STATS(net, LINUX_MIB_TCPMIGRATEREQFAILURE);
			inet_csk_prepare_forced_close(child);
			tcp_done(child);
			return NULL;
		}
		__NET_INC_STATS(net, LINUX_MIB_TCPMIGRATEREQSUCCESS);
		inet_ehash_nolisten(child, NULL);
		return child;
	}
	if (!inet_csk_reqsk_queue_add(sk, req, child)) {
		inet_csk_reqsk_queue_drop(req->rsk_listener, req);
		inet_csk_prepare_forced_close(child);
		tcp_done(child);
		return NULL;
	}
	/* the child takes the request's place in ehash */
	inet_csk_reqsk_queue_drop(req->rsk_listener, req);
	inet_ehash_nolisten(child, NULL);
	return child;
}

/*
 * tcp_child_process - the segment that completed the handshake, for the
 * child (it may carry data); the listener learns there is one to accept.
 * Return: nonzero when a reset is due.
 */
int tcp_child_process(struct sock *parent, struct sock *child,
		      struct sk_buff *skb)
{
	int ret = 0;

	/* tcp_segs_in(): the ACK that completes the handshake is the
	 * child's second segment (ss -ti: segs_in:2) */
	tcp_sk(child)->segs_in++;
	if (!sock_owned_by_user(child)) {
		ret = tcp_rcv_state_process(child, skb);
		parent->sk_data_ready(parent);
	} else {
		if (sk_add_backlog(child, skb,
				   (unsigned int)(child->sk_rcvbuf +
						  child->sk_sndbuf)))
			kfree_skb(skb);
	}
	return ret;
}
