// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP's timers: retransmission (RFC 6298 5: back-off, tcp_retries1/2,
 * tcp_syn_retries, TCP_USER_TIMEOUT), zero-window probes (RFC 9293
 * 3.8.6.1), delayed ACKs (RFC 1122 4.2.3.2) and the SACK compression
 * timer, keepalive (RFC 1122 4.2.3.6) and the orphan's FIN-WAIT-2 wait.  A timer that finds its socket owned
 * by a task tries again shortly, as Linux defers the work to
 * release_sock().  Linux: net/ipv4/tcp_timer.c.
 */
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/tcp.h>

#define TCP_DEFER_MS 5U

/* tcp_write_err - give up: the error the user sees, then CLOSED */
static void tcp_write_err(struct sock *sk)
{
	sk->sk_err = sk->sk_err_soft ? sk->sk_err_soft : ETIMEDOUT;
	sk->sk_error_report(sk);
	tcp_write_queue_purge(sk);
	tcp_done(sk);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONTIMEOUT);
}

static unsigned int ilog2_u32(u32 v)
{
	unsigned int r = 0;

	while (v >>= 1)
		r++;
	return r;
}

/*
 * tcp_model_timeout - how long @boundary retransmissions take with
 * exponential back-off from @rto_base, capped at TCP_RTO_MAX: the time
 * tcp_retries1/2 stand for (924.6 s for retries2 = 15)
 */
static u32 tcp_model_timeout(unsigned int boundary, u32 rto_base)
{
	unsigned int linear_backoff_thresh = ilog2_u32(TCP_RTO_MAX / rto_base);

	if (boundary <= linear_backoff_thresh)
		return ((2U << boundary) - 1) * rto_base;
	return ((2U << linear_backoff_thresh) - 1) * rto_base +
	       (boundary - linear_backoff_thresh) * TCP_RTO_MAX;
}

bool retransmits_timed_out(struct sock *sk, unsigned int boundary,
			   unsigned int timeout)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 start_ts;

	if (!inet_csk(sk)->icsk_retransmits)
		return false;
	start_ts = tp->retrans_stamp;
	if (!timeout)
		timeout = tcp_model_timeout(boundary, TCP_RTO_MIN);
	return (s32)(tcp_time_stamp_ms(sk) - start_ts - timeout) >= 0;
}

static int tcp_orphan_retries(struct sock *sk, bool alive)
{
	int retries = sock_net(sk)->ipv4.sysctl_tcp_orphan_retries;

	if (sk->sk_err_soft && !alive)
		retries = 0;
	if (retries == 0 && alive)
		retries = 8;
	return retries;
}

/*
 * tcp_out_of_resources - an orphan's timer found too many orphans
 * (tcp_check_oom, with a stricter limit for one whose peer has been
 * silent or sent an ICMP error): it goes, with a RST if it sent lately
 * or its peer's window is shut, and counts in TCPAbortOnMemory.
 * Return: 1 if it is gone.
 */
static int tcp_out_of_resources(struct sock *sk, bool do_reset)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	s32 idle = (s32)(tcp_jiffies32(sk) - tp->lsndtime);
	int shift = 0;

	if (idle > 2 * (s32)TCP_RTO_MAX || !do_reset)
		shift++;
	if (sk->sk_err_soft)
		shift++;
	if (!tcp_check_oom(sk, shift))
		return 0;
	if (idle <= (s32)TCP_TIMEWAIT_LEN || (!tp->snd_wnd && !tp->packets_out))
		do_reset = true;
	if (do_reset)
		tcp_send_active_reset(sk);
	tcp_done(sk);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONMEMORY);
	return 1;
}

/*
 * tcp_mtu_probing - blackhole detection (RFC 4821 7.7, full-stop
 * timeout): retransmissions time out (tcp_retries1) while nothing comes
 * back, perhaps because segments of this size die silently on the
 * path.  tcp_mtu_probing 1 turns MTU probing on (the MSS drops to
 * tcp_base_mss); once on, each such timeout halves the MSS known to
 * pass, not below tcp_mtu_probe_floor and tcp_min_snd_mss, nor above
 * tcp_base_mss.
 */
static void tcp_mtu_probing(struct inet_connection_sock *icsk, struct sock *sk)
{
	const struct net *net = sock_net(sk);
	int mss;

	if (!net->ipv4.sysctl_tcp_mtu_probing)
		return;
	if (!icsk->icsk_mtup.enabled) {
		icsk->icsk_mtup.enabled = 1;
		icsk->icsk_mtup.probe_timestamp = tcp_jiffies32(sk);
	} else {
		mss = tcp_mtu_to_mss(sk, icsk->icsk_mtup.search_low) >> 1;
		mss = min_t(int, net->ipv4.sysctl_tcp_base_mss, mss);
		mss = max_t(int, mss, net->ipv4.sysctl_tcp_mtu_probe_floor);
		mss = max_t(int, mss, net->ipv4.sysctl_tcp_min_snd_mss);
		icsk->icsk_mtup.search_low = tcp_mss_to_mtu(sk, mss);
	}
	tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
}

/*
 * tcp_write_timeout - has the connection been retransmitting too long?
 * SYN-SENT/SYN-RECV count attempts (tcp_syn_retries); established
 * connections count time as tcp_retries2 (or TCP_USER_TIMEOUT) models
 * it.  Return: true when the connection was given up.
 */
static bool tcp_write_timeout(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct net *net = sock_net(sk);
	bool expired;
	int retry_until;

	if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
		retry_until = icsk->icsk_syn_retries
				      ? icsk->icsk_syn_retries
				      : net->ipv4.sysctl_tcp_syn_retries;
		/* Linux 6.5+: the linear SYN retransmissions come on top */
		if (sk->sk_state == TCP_SYN_SENT)
			retry_until += net->ipv4.sysctl_tcp_syn_linear_timeouts;
		expired = icsk->icsk_retransmits >= retry_until;
		if (icsk->icsk_user_timeout && icsk->icsk_retransmits &&
		    (s32)(tcp_time_stamp_ms(sk) - tcp_sk(sk)->retrans_stamp -
			  icsk->icsk_user_timeout) >= 0)
			expired = true;
	} else {
		if (retransmits_timed_out(
			    sk, (unsigned int)net->ipv4.sysctl_tcp_retries1,
			    0)) {
			tcp_mtu_probing(icsk, sk);
			sk_dst_reset(sk); /* RFC 1122 4.2.3.5: R1 */
		}
		retry_until = net->ipv4.sysctl_tcp_retries2;
		if (sock_flag(sk, SOCK_DEAD)) {
			bool alive = icsk->icsk_rto < tcp_rto_max(sk);

			bool do_reset;

			retry_until = tcp_orphan_retries(sk, alive);
			do_reset = alive ||
				   !retransmits_timed_out(
					   sk, (unsigned int)retry_until, 0);
			if (tcp_out_of_resources(sk, do_reset))
				return 1;
		}
		expired = retransmits_timed_out(sk, (unsigned int)retry_until,
						icsk->icsk_user_timeout);
	}
	tcp_fastopen_active_detect_blackhole(sk, expired);
	if (expired) {
		tcp_write_err(sk);
		return true;
	}
	return false;
}

/*
 * tcp_clamp_rto_to_user_timeout - the next RTO, but no later than when
 * TCP_USER_TIMEOUT runs out (counted from the first transmission of the
 * unacknowledged head)
 */
static u32 tcp_clamp_rto_to_user_timeout(const struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	u32 elapsed, user_timeout = icsk->icsk_user_timeout;

	if (!user_timeout)
		return icsk->icsk_rto;
	elapsed = tcp_time_stamp_ms(sk) - tcp_sk(sk)->retrans_stamp;
	if ((s32)elapsed < 0)
		elapsed = 0;
	if (elapsed >= user_timeout)
		return 1;
	return min_t(u32, icsk->icsk_rto, user_timeout - elapsed);
}

/*
 * tcp_retransmit_timer - RFC 6298 5.4-5.6: resend the earliest
 * unacknowledged segment, double the RTO (at most TCP_RTO_MAX), restart
 * the timer.  RFC 5681 3.1: the congestion window starts over.
 */
void tcp_retransmit_timer(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct sk_buff *skb;

	if (tp->fastopen_rsk) { /* a Fast Open child's SYN-ACK */
		tcp_fastopen_synack_timer(sk, tp->fastopen_rsk);
		return;
	}
	if (!tp->packets_out)
		return;
	skb = tcp_rtx_queue_head(sk);
	if (!skb)
		return;
	if (!tp->snd_wnd && !sock_flag(sk, SOCK_DEAD) &&
	    !((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))) {
		/* a zero window with data in flight: the peer shrank it */
		if ((s32)(tcp_time_stamp_ms(sk) - tp->rcv_tstamp) >
		    (s32)TCP_RTO_MAX) {
			tcp_write_err(sk);
			return;
		}
		tcp_enter_loss(sk);
		tcp_retransmit_skb(sk, skb, 1);
		goto out_reset_timer;
	}
	NET_INC_STATS(net, LINUX_MIB_TCPTIMEOUTS);
	if (tcp_write_timeout(sk))
		return;
	/* Linux picks a new txhash (a new path) on each RTO it survives */
	tp->timeout_rehash++;
	NET_INC_STATS(net, LINUX_MIB_TCPTIMEOUTREHASH);
	if (icsk->icsk_retransmits == 0) {
		int mib_idx = 0;

		/* the recovery in progress failed */
		if (icsk->icsk_ca_state == TCP_CA_Recovery)
			mib_idx = tcp_is_sack(tp)
					  ? LINUX_MIB_TCPSACKRECOVERYFAIL
					  : LINUX_MIB_TCPRENORECOVERYFAIL;
		else if (icsk->icsk_ca_state == TCP_CA_Loss)
			mib_idx = LINUX_MIB_TCPLOSSFAILURES;
		else if (icsk->icsk_ca_state == TCP_CA_Disorder ||
			 tp->sacked_out)
			mib_idx = tcp_is_sack(tp) ? LINUX_MIB_TCPSACKFAILURES
						  : LINUX_MIB_TCPRENOFAILURES;
		if (mib_idx)
			NET_INC_STATS(net, mib_idx);
		tp->total_rto_recoveries++;
		tp->rto_stamp = tcp_time_stamp_ms(sk);
	}
	tcp_enter_loss(sk);
	tp->total_rto++;
	icsk->icsk_retransmits++;
	if (tcp_retransmit_skb(sk, tcp_rtx_queue_head(sk), 1)) {
		/* no memory now: retry without backing off */
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS,
					  TCP_RESOURCE_PROBE_INTERVAL,
					  TCP_RTO_MAX);
		return;
	}

out_reset_timer:
	/*
	 * RFC 6298 5.5: back off the timer; but a SYN is first sent again
	 * tcp_syn_linear_timeouts times at the same RTO (Linux 6.5+: a lost
	 * SYN costs 1 s, not 1 + 2 + 4 ... s), and a thin stream (RFC 6298
	 * leaves it to the sender, Linux: TCP_THIN_LINEAR_TIMEOUTS or the
	 * sysctl) gets its first TCP_THIN_LINEAR_RETRIES RTOs unbacked: no
	 * backoff counted, the RTO recomputed from srtt and rttvar.
	 */
	if (sk->sk_state == TCP_ESTABLISHED &&
	    (tp->thin_lto || net->ipv4.sysctl_tcp_thin_linear_timeouts) &&
	    tcp_stream_is_thin(tp) &&
	    icsk->icsk_retransmits <= TCP_THIN_LINEAR_RETRIES) {
		icsk->icsk_backoff = 0;
		icsk->icsk_rto = clamp_t(u32, __tcp_set_rto(tp),
					 tcp_rto_min(sk), TCP_RTO_MAX);
	} else if (sk->sk_state != TCP_SYN_SENT ||
		   tp->total_rto >
			   (u32)net->ipv4.sysctl_tcp_syn_linear_timeouts) {
		icsk->icsk_backoff++;
		icsk->icsk_rto =
			min_t(u32, icsk->icsk_rto << 1, tcp_rto_max(sk));
	}
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS,
				  tcp_clamp_rto_to_user_timeout(sk),
				  tcp_rto_max(sk));
	if (retransmits_timed_out(
		    sk, (unsigned int)net->ipv4.sysctl_tcp_retries1 + 1, 0))
		sk_dst_reset(sk);
}

u32 tcp_clamp_probe0_to_user_timeout(const struct sock *sk, u32 when)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	u32 remaining, elapsed;

	if (!icsk->icsk_user_timeout || !icsk->icsk_probes_tstamp)
		return when;
	elapsed = tcp_jiffies32(sk) - icsk->icsk_probes_tstamp;
	if (elapsed >= icsk->icsk_user_timeout)
		return 1;
	remaining = icsk->icsk_user_timeout - elapsed;
	return min_t(u32, remaining, when);
}

/* tcp_probe_timer - a zero window: probe it, give up as retries2 says */
static void tcp_probe_timer(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int max_probes;

	if (tp->packets_out || !tcp_send_head(sk)) {
		icsk->icsk_probes_out = 0;
		icsk->icsk_probes_tstamp = 0;
		return;
	}
	if (!icsk->icsk_probes_tstamp) {
		icsk->icsk_probes_tstamp = tcp_jiffies32(sk);
	} else if (icsk->icsk_user_timeout &&
		   tcp_jiffies32(sk) - icsk->icsk_probes_tstamp >=
			   icsk->icsk_user_timeout) {
		goto abort;
	}
	max_probes = sock_net(sk)->ipv4.sysctl_tcp_retries2;
	if (sock_flag(sk, SOCK_DEAD)) {
		bool alive = inet_csk_rto_backoff(icsk, tcp_rto_max(sk)) <
			     tcp_rto_max(sk);

		max_probes = tcp_orphan_retries(sk, alive);
		if (!alive && icsk->icsk_backoff >= max_probes)
			goto abort;
		if (tcp_out_of_resources(sk, true))
			return;
	}
	if (icsk->icsk_probes_out >= max_probes) {
abort:
		tcp_write_err(sk);
	} else {
		tcp_send_probe0(sk);
	}
}

void tcp_write_timer_handler(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	int event;

	if (((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)) ||
	    !icsk->icsk_pending)
		return;
	/* armed earlier than the event now pending: wait for it */
	if (icsk->icsk_timeout > ktime_get_ns(sock_net(sk)->st)) {
		mod_timer(&icsk->icsk_retransmit_timer, icsk->icsk_timeout);
		return;
	}
	event = icsk->icsk_pending;
	/* RACK and the probe measure time from now */
	tcp_sk(sk)->tcp_mstamp = tcp_clock_us(sk);
	switch (event) {
	case ICSK_TIME_REO_TIMEOUT:
		/* pending stays: tcp_rearm_rto counts the RTO on from it */
		tcp_rack_reo_timeout(sk);
		break;
	case ICSK_TIME_LOSS_PROBE:
		tcp_send_loss_probe(sk);
		break;
	case ICSK_TIME_RETRANS:
		icsk->icsk_pending = 0;
		tcp_retransmit_timer(sk);
		break;
	case ICSK_TIME_PROBE0:
		icsk->icsk_pending = 0;
		tcp_probe_timer(sk);
		break;
	default:
		break;
	}
}

static void tcp_write_timer(struct timer_list *t)
{
	struct inet_connection_sock *icsk =
		from_timer(icsk, t, icsk_retransmit_timer);
	struct sock *sk = &icsk->icsk_inet.sk;

	/* cleared, left armed (inet_csk_clear_xmit_timer): nothing to do */
	if (!icsk->icsk_pending)
		return;
	/* armed for an earlier deadline (inet_csk_arm_timer): wait on */
	if (icsk->icsk_timeout > ktime_get_ns(sock_net(sk)->st)) {
		mod_timer(t, icsk->icsk_timeout);
		return;
	}
	sock_hold(sk);
	if (sock_owned_by_user(sk))
		mod_timer(t, ktime_get_ns(sock_net(sk)->st) +
				     TCP_DEFER_MS * NSEC_PER_MSEC);
	else
		tcp_write_timer_handler(sk);
	sock_put(sk);
}

/* tcp_delack_timer_handler - the delayed ACK is due */
void tcp_delack_timer_handler(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN))
		return;
	/* duplicate ACKs held by SACK compression: one goes for them */
	if (tcp_sk(sk)->compressed_ack) {
		tcp_mstamp_refresh(tcp_sk(sk));
		tcp_sack_compress_send_ack(sk);
		return;
	}
	if (!(icsk->icsk_ack.pending & ICSK_ACK_TIMER))
		return;
	/* armed earlier than the ACK now delayed: wait for it */
	if (icsk->icsk_ack.timeout > ktime_get_ns(sock_net(sk)->st)) {
		mod_timer(&icsk->icsk_delack_timer, icsk->icsk_ack.timeout);
		return;
	}
	icsk->icsk_ack.pending &= (u8)~ICSK_ACK_TIMER;
	if (inet_csk_ack_scheduled(sk)) {
		if (!inet_csk_in_pingpong_mode(sk)) {
			/* delayed ACKs went out late: be quicker */
			icsk->icsk_ack.ato = min_t(u32, icsk->icsk_ack.ato << 1,
						   icsk->icsk_rto);
		} else {
			inet_csk_exit_pingpong_mode(sk);
			icsk->icsk_ack.ato = TCP_ATO_MIN;
		}
		tcp_send_ack(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_DELAYEDACKS);
	}
}

static void tcp_delack_timer(struct timer_list *t)
{
	struct inet_connection_sock *icsk =
		from_timer(icsk, t, icsk_delack_timer);
	struct sock *sk = &icsk->icsk_inet.sk;

	/* no ACK to send (cleared, left armed): do not count it locked */
	if (!(icsk->icsk_ack.pending & ICSK_ACK_TIMER))
		return;
	/* armed for an earlier deadline (inet_csk_arm_timer): wait on */
	if (icsk->icsk_ack.timeout > ktime_get_ns(sock_net(sk)->st)) {
		mod_timer(t, icsk->icsk_ack.timeout);
		return;
	}
	sock_hold(sk);
	if (sock_owned_by_user(sk)) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_DELAYEDACKLOCKED);
		mod_timer(t, ktime_get_ns(sock_net(sk)->st) +
				     TCP_DEFER_MS * NSEC_PER_MSEC);
	} else {
		tcp_delack_timer_handler(sk);
	}
	sock_put(sk);
}

/*
 * tcp_compressed_ack_kick - the SACK compression timer: the ACK the held
 * duplicate ACKs stand for goes now; it is one of them, so the count
 * TCPAckCompressed gets when it is sent is one less.  An owned sock is
 * tried again shortly (Linux defers it to release_sock()).
 */
static void tcp_compressed_ack_kick(struct timer_list *t)
{
	struct tcp_sock *tp = from_timer(tp, t, compressed_ack_timer);
	struct sock *sk = &tp->inet_conn.icsk_inet.sk;

	sock_hold(sk);
	if (sock_owned_by_user(sk)) {
		mod_timer(t, ktime_get_ns(sock_net(sk)->st) +
				     TCP_DEFER_MS * NSEC_PER_MSEC);
	} else if (tp->compressed_ack &&
		   !((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN))) {
		tp->compressed_ack--;
		tcp_mstamp_refresh(tp);
		tcp_send_ack(sk);
	}
	sock_put(sk);
}

void tcp_compressed_ack_timer_init(struct sock *sk)
{
	timer_setup(&tcp_sk(sk)->compressed_ack_timer, tcp_compressed_ack_kick,
		    sock_net(sk)->st);
}

void tcp_set_keepalive(struct sock *sk, int val)
{
	if ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN))
		return;
	if (val && !sock_flag(sk, SOCK_KEEPOPEN))
		inet_csk_reset_keepalive_timer(sk,
					       keepalive_time_when(tcp_sk(sk)));
	else if (!val)
		inet_csk_delete_keepalive_timer(sk);
}

static u32 keepalive_time_elapsed(const struct tcp_sock *tp)
{
	const struct sock *sk = &tp->inet_conn.icsk_inet.sk;
	const struct inet_connection_sock *icsk = &tp->inet_conn;
	u32 now = tcp_jiffies32(sk);
	u32 a = now - icsk->icsk_ack.lrcvtime, b = now - tp->rcv_tstamp;

	return a < b ? a : b;
}

/*
 * tcp_keepalive_timer - sk_timer: an orphan's FIN-WAIT-2 wait, or
 * keepalive (RFC 1122 4.2.3.6): after keepalive_time idle, probes every
 * keepalive_intvl; keepalive_probes unanswered (or TCP_USER_TIMEOUT)
 * end the connection with ETIMEDOUT.
 */
static void tcp_keepalive_timer(struct timer_list *t)
{
	struct sock *sk = from_timer(sk, t, sk_timer);
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 elapsed;

	sock_hold(sk);
	if (sock_owned_by_user(sk)) {
		inet_csk_reset_keepalive_timer(sk, HZ / 20);
		goto out;
	}
	if (sk->sk_state == TCP_LISTEN)
		goto out;
	if (sk->sk_state == TCP_FIN_WAIT2 && sock_flag(sk, SOCK_DEAD)) {
		if (tp->linger2 >= 0) {
			int tmo = tcp_fin_time(sk) - (int)TCP_TIMEWAIT_LEN;

			if (tmo > 0) {
				tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
				goto out;
			}
		}
		tcp_send_active_reset(sk);
		goto death;
	}
	if (!sock_flag(sk, SOCK_KEEPOPEN) ||
	    ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_SYN_SENT)))
		goto out;
	elapsed = keepalive_time_when(tp);
	if (tp->packets_out || tcp_send_head(sk))
		goto resched;
	elapsed = keepalive_time_elapsed(tp);
	if (elapsed >= keepalive_time_when(tp)) {
		if ((icsk->icsk_user_timeout &&
		     elapsed >= icsk->icsk_user_timeout &&
		     icsk->icsk_probes_out > 0) ||
		    (!icsk->icsk_user_timeout &&
		     icsk->icsk_probes_out >= keepalive_probes(tp))) {
			tcp_send_active_reset(sk);
			tcp_write_err(sk);
			goto out;
		}
		if (tcp_write_wakeup(sk, LINUX_MIB_TCPKEEPALIVE) <= 0) {
			icsk->icsk_probes_out++;
			elapsed = keepalive_intvl_when(tp);
		} else {
			elapsed = TCP_RESOURCE_PROBE_INTERVAL;
		}
	} else {
		elapsed = keepalive_time_when(tp) - elapsed;
	}
resched:
	inet_csk_reset_keepalive_timer(sk, elapsed);
	goto out;
death:
	tcp_done(sk);
out:
	sock_put(sk);
}

void tcp_syn_ack_timeout(const struct request_sock *req)
{
	struct net *net = sock_net(req->rsk_listener);

	NET_INC_STATS(net, LINUX_MIB_TCPTIMEOUTS);
}

/*
 * tcp_pace_kick - the internal pacing timer: the time the last packet's
 * pacing asked for has come, send what waits (Linux: tcp_pace_kick and
 * tcp_tsq_handler)
 */
static void tcp_pace_kick(struct timer_list *t)
{
	struct tcp_sock *tp = from_timer(tp, t, pacing_timer);
	struct sock *sk = &tp->inet_conn.icsk_inet.sk;

	sock_hold(sk);
	if (sock_owned_by_user(sk)) {
		/* the owner sends when it releases the sock; look again
		 * soon in case it does not */
		mod_timer(t, ktime_get_ns(sock_net(sk)->st) + NSEC_PER_MSEC);
	} else if ((1 << sk->sk_state) &
		   (TCPF_ESTABLISHED | TCPF_FIN_WAIT1 | TCPF_CLOSING |
		    TCPF_CLOSE_WAIT | TCPF_LAST_ACK)) {
		tcp_xmit_retransmit_queue(sk);
		tcp_write_xmit(sk, tcp_current_mss(sk), tp->nonagle, 0);
	}
	sock_put(sk);
}

void tcp_init_xmit_timers(struct sock *sk)
{
	inet_csk_init_xmit_timers(sk, tcp_write_timer, tcp_delack_timer,
				  tcp_keepalive_timer);
	timer_setup(&tcp_sk(sk)->pacing_timer, tcp_pace_kick, sock_net(sk)->st);
	tcp_compressed_ack_timer_init(sk);
}
