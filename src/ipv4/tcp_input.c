// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP input: the segment arrival rules of RFC 9293 3.10.7 for every
 * state, option parsing, PAWS (RFC 7323 5), RFC 5961 checks and
 * challenge ACKs, ACK processing with the RTT estimator of RFC 6298,
 * Reno loss recovery (RFC 5681 3.2, RFC 6582), in-order and out-of-order
 * data with SACK blocks (RFC 2018 4), FIN, RST, and when to ACK.
 * Linux: net/ipv4/tcp_input.c.
 */
#include <limits.h>

#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/tcp_ecn.h>

#define FLAG_DATA		0x01 /* the segment carries data */
#define FLAG_WIN_UPDATE		0x02 /* it updated the peer's window */
#define FLAG_DATA_ACKED		0x04 /* it acked new data */
#define FLAG_RETRANS_DATA_ACKED 0x08
#define FLAG_SYN_ACKED		0x10
#define FLAG_SLOWPATH		0x100
#define FLAG_SND_UNA_ADVANCED	0x400
#define FLAG_UPDATE_TS_RECENT	0x4000
#define FLAG_NO_CHALLENGE_ACK	0x8000
#define FLAG_DATA_SACKED	0x20 /* new SACK information */
#define FLAG_ECE		0x40 /* ECE in this ACK */
#define FLAG_LOST_RETRANS	0x80 /* a retransmission was lost again */
#define FLAG_ORIG_SACK_ACKED	0x200 /* never-retransmitted data (s)acked */
#define FLAG_DSACKING_ACK	0x800 /* a D-SACK block */
#define FLAG_SET_XMIT_TIMER	0x1000 /* arm the loss probe or the RTO */
#define FLAG_SACK_RENEGING	0x2000 /* the peer dropped SACKed data */
#define FLAG_ACK_MAYBE_DELAYED	0x10000 /* likely a delayed ACK */
#define FLAG_DSACK_TLP		0x20000 /* the D-SACK is of the loss probe */
#define FLAG_ACKED		(FLAG_DATA_ACKED | FLAG_SYN_ACKED)
#define FLAG_NOT_DUP		(FLAG_DATA | FLAG_WIN_UPDATE | FLAG_ACKED)
#define FLAG_CA_ALERT		(FLAG_DATA_SACKED | FLAG_ECE | FLAG_DSACKING_ACK)
#define FLAG_FORWARD_PROGRESS	(FLAG_ACKED | FLAG_DATA_SACKED)

/* ---- time ---- */

void tcp_mstamp_refresh(struct tcp_sock *tp)
{
	tp->tcp_mstamp = tcp_clock_us(&tp->inet_conn.icsk_inet.sk);
}

/* ---- options ---- */

/* One option of a segment (kind @opcode, @opsize bytes, value at @ptr). */
static void tcp_parse_one_option(const struct net *net, const struct tcphdr *th,
				 int opcode, int opsize, const u8 *ptr,
				 struct tcp_options_received *opt_rx, int estab)
{
	__be32 v;

	switch (opcode) {
	case TCPOPT_MSS:
		if (opsize == TCPOLEN_MSS && th->syn && !estab) {
			u16 in_mss = (u16)((ptr[0] << 8) | ptr[1]);

			if (in_mss && opt_rx->user_mss &&
			    opt_rx->user_mss < in_mss)
				in_mss = opt_rx->user_mss;
			if (in_mss)
				opt_rx->mss_clamp = in_mss;
		}
		break;
	case TCPOPT_WINDOW:
		if (opsize == TCPOLEN_WINDOW && th->syn && !estab &&
		    net->ipv4.sysctl_tcp_window_scaling) {
			opt_rx->wscale_ok = 1;
			/* RFC 7323 2.3: at most 14 */
			opt_rx->snd_wscale =
				min_t(u8, *ptr, (u8)TCP_MAX_WSCALE) & 0xf;
		}
		break;
	case TCPOPT_TIMESTAMP:
		if (opsize == TCPOLEN_TIMESTAMP &&
		    ((estab && opt_rx->tstamp_ok) ||
		     (!estab && net->ipv4.sysctl_tcp_timestamps))) {
			opt_rx->saw_tstamp = 1;
			memcpy(&v, ptr, 4);
			opt_rx->rcv_tsval = ntohl(v);
			memcpy(&v, ptr + 4, 4);
			opt_rx->rcv_tsecr = ntohl(v);
		}
		break;
	case TCPOPT_SACK_PERM:
		if (opsize == TCPOLEN_SACK_PERM && th->syn && !estab &&
		    net->ipv4.sysctl_tcp_sack)
			opt_rx->sack_ok = 1;
		break;
	case TCPOPT_SACK:
		/* only D-SACK is read (tcp_check_dsack): no SACK scoreboard yet */
		break;
	default:
		opt_rx->saw_unknown = 1;
		break;
	}
}

/**
 * tcp_parse_options - read the options of the segment at tcp_hdr(@skb)
 * @estab: the connection is synchronized: options only SYNs may carry
 *	(MSS, window scale, SACK-permitted) are ignored (RFC 7323 2.2)
 */
void tcp_parse_options(const struct net *net, const struct sk_buff *skb,
		       struct tcp_options_received *opt_rx, int estab)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct tcp_opt_walk w;
	const u8 *ptr;
	int opcode, opsize;

	opt_rx->saw_tstamp = 0;
	opt_rx->saw_unknown = 0;
	tcp_opt_walk_init(&w, th);
	while ((opcode = tcp_opt_walk_next(&w, &opsize, &ptr)) >= 0)
		tcp_parse_one_option(net, th, opcode, opsize, ptr, opt_rx,
				     estab);
}

/* ---- PAWS (RFC 7323 5) ---- */

void tcp_store_ts_recent(struct tcp_sock *tp)
{
	tp->rx_opt.ts_recent = tp->rx_opt.rcv_tsval;
	tp->rx_opt.ts_recent_stamp =
		tcp_jiffies32(&tp->inet_conn.icsk_inet.sk) / 1000;
}

static void tcp_replace_ts_recent(struct tcp_sock *tp, u32 seq)
{
	/* RFC 7323 4.3: TS.Recent from a segment at Last.ACK.sent */
	if (tp->rx_opt.saw_tstamp && !after(seq, tp->rcv_wup)) {
		u32 now_s = tcp_mstamp_ms(tp) / 1000;

		if ((s32)(tp->rx_opt.rcv_tsval - tp->rx_opt.ts_recent) >= 0 ||
		    now_s >= tp->rx_opt.ts_recent_stamp + TCP_PAWS_24DAYS) {
			/* tcp_store_ts_recent(), with this segment's clock */
			tp->rx_opt.ts_recent = tp->rx_opt.rcv_tsval;
			tp->rx_opt.ts_recent_stamp = now_s;
		}
	}
}

bool tcp_paws_reject(const struct tcp_options_received *rx_opt, int rst)
{
	if ((s32)(rx_opt->ts_recent - rx_opt->rcv_tsval) <= TCP_PAWS_WINDOW)
		return false;
	/* RFC 7323 5.5: a TS.Recent idle for 24 days is no longer valid */
	if (rst)
		return false;
	return true;
}

static bool tcp_paws_discard(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 now_s = tcp_mstamp_ms(tp) / 1000;

	(void)skb;
	if (!tp->rx_opt.ts_recent_stamp)
		return false;
	if (now_s >= tp->rx_opt.ts_recent_stamp + TCP_PAWS_24DAYS)
		return false;
	return (s32)(tp->rx_opt.ts_recent - tp->rx_opt.rcv_tsval) >
	       TCP_PAWS_WINDOW;
}

/* ---- the RTT estimator (RFC 6298 2) ---- */

static u32 tcp_rto_min_us(const struct sock *sk)
{
	return tcp_rto_min(sk) * 1000U;
}

/*
 * tcp_rtt_estimator - RFC 6298 2.3 with Linux's refinements: SRTT kept
 * << 3, the deviation << 2, and RTTVAR not below the minimum RTO, so
 * that RTO = SRTT + 4*RTTVAR never falls under TCP_RTO_MIN.
 */
static void tcp_rtt_estimator(struct sock *sk, long mrtt_us)
{
	struct tcp_sock *tp = tcp_sk(sk);
	long m = mrtt_us;
	u32 srtt = tp->srtt_us;

	if (srtt != 0) {
		m -= (long)(srtt >> 3);
		srtt = (u32)((long)srtt + m);
		if (m < 0) {
			m = -m;
			m -= (long)(tp->mdev_us >> 2);
			if (m > 0)
				m >>= 3;
		} else {
			m -= (long)(tp->mdev_us >> 2);
		}
		tp->mdev_us = (u32)((long)tp->mdev_us + m);
		if (tp->mdev_us > tp->mdev_max_us) {
			tp->mdev_max_us = tp->mdev_us;
			if (tp->mdev_max_us > tp->rttvar_us)
				tp->rttvar_us = tp->mdev_max_us;
		}
		if (after(tp->snd_una, tp->rtt_seq)) {
			if (tp->mdev_max_us < tp->rttvar_us)
				tp->rttvar_us -=
					(tp->rttvar_us - tp->mdev_max_us) >> 2;
			tp->rtt_seq = tp->snd_nxt;
			tp->mdev_max_us = tcp_rto_min_us(sk);
		}
	} else {
		/* RFC 6298 2.2: the first measurement */
		srtt = (u32)(m << 3);
		tp->mdev_us = (u32)(m << 1);
		tp->rttvar_us = max_t(u32, tp->mdev_us, tcp_rto_min_us(sk));
		tp->mdev_max_us = tp->rttvar_us;
		tp->rtt_seq = tp->snd_nxt;
	}
	tp->srtt_us = max_t(u32, 1U, srtt);
}

static void tcp_set_rto(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	inet_csk(sk)->icsk_rto = __tcp_set_rto(tp);
	tcp_bound_rto(sk);
}

/* tcp_update_rtt_min - the path's minimum RTT over the last
 * tcp_min_rtt_wlen seconds (300), for RACK's reordering window */
static void tcp_update_rtt_min(struct sock *sk, u32 rtt_us, int flag)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 now = tcp_jiffies32(sk);

	/* a higher sample from an ACK the receiver may have delayed: a peer
	 * that always delays would otherwise become the minimum once the
	 * real one expires (Linux 6.18) */
	if ((flag & FLAG_ACK_MAYBE_DELAYED) && tp->rtt_min_us &&
	    rtt_us > tp->rtt_min_us)
		return;
	/* a sample of 0 counts as one jiffy, as Linux's (4000 us at the
	 * oracle's CONFIG_HZ=250) */
	if (!rtt_us)
		rtt_us = 4000;
	if (!tp->rtt_min_us || rtt_us <= tp->rtt_min_us ||
	    now - tp->rtt_min_stamp >
		    (u32)sock_net(sk)->ipv4.sysctl_tcp_min_rtt_wlen * 1000U) {
		tp->rtt_min_us = rtt_us;
		tp->rtt_min_stamp = now;
	}
}

/*
 * tcp_ack_update_rtt - one RTT sample: from a segment never retransmitted
 * (Karn's rule, RFC 6298 3), else from a newly SACKed one, else from the
 * echoed timestamp (RFC 7323 4)
 */
static bool tcp_ack_update_rtt(struct sock *sk, int flag, long seq_rtt_us,
			       long sack_rtt_us)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (seq_rtt_us < 0)
		seq_rtt_us = sack_rtt_us;
	if (seq_rtt_us < 0 && tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
	    (flag & FLAG_ACKED)) {
		u32 delta = tcp_ts_now(tp) - tp->rx_opt.rcv_tsecr;

		/* at least one tick, as Linux: 0 would not be a sample */
		if ((s32)delta >= 0)
			seq_rtt_us = (long)max_t(u32, delta, 1U) * 1000;
	}
	if (seq_rtt_us < 0)
		return false;
	tcp_update_rtt_min(sk, (u32)seq_rtt_us, flag);
	tcp_rtt_estimator(sk, seq_rtt_us);
	tcp_set_rto(sk);
	/* RFC 6298 5.7: a valid sample ends the back-off */
	inet_csk(sk)->icsk_backoff = 0;
	return true;
}

void tcp_synack_rtt_meas(struct sock *sk, struct request_sock *req)
{
	long rtt_us = -1;

	if (req && !req->num_retrans && tcp_rsk(req)->snt_synack)
		/* in us, as Linux: a handshake over a veth takes tens of
		 * them, and a 0 ms sample would leave srtt unset (ss -ti
		 * shows no rtt on the passive end) */
		rtt_us = (long)(tcp_clock_us(sk) - tcp_rsk(req)->snt_synack);
	tcp_ack_update_rtt(sk, FLAG_SYN_ACKED, rtt_us, -1);
}

static bool tcp_limit_reno_sacked(struct tcp_sock *tp);

/*
 * tcp_simple_retransmit - the path MTU shrank (RFC 1191): every skb in
 * flight whose segments are longer than the new MSS was dropped on the
 * way.  They are marked lost and sent again at once, cut to the new
 * size; the window is left alone (the data in flight did not grow, only
 * its units changed).  A Fast Open SYN's data is lost whatever its size.
 */
void tcp_simple_retransmit(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	bool all = tp->syn_data && sk->sk_state == TCP_SYN_SENT;
	u32 mss = tcp_current_mss(sk);
	struct sk_buff *skb;

	skb_queue_walk(&sk->sk_write_queue, skb) {
		/* the size of its segments (tcp_skb_seglen) */
		u32 seglen =
			tcp_skb_pcount(skb) == 1 ? skb->len : tcp_skb_mss(skb);

		if (skb == tcp_send_head(sk))
			break;
		if (all || seglen > mss)
			tcp_mark_skb_lost(sk, skb);
	}
	if (!tp->lost_out)
		return;
	if (tcp_is_reno(tp))
		tcp_limit_reno_sacked(tp);
	if (icsk->icsk_ca_state != TCP_CA_Loss) {
		tp->high_seq = tp->snd_nxt;
		tp->snd_ssthresh = tcp_current_ssthresh(sk);
		tp->prior_ssthresh = 0;
		tp->undo_marker = 0;
		tcp_set_ca_state(sk, TCP_CA_Loss);
	}
	tcp_xmit_retransmit_queue(sk);
}

/* ---- MTU probing (RFC 4821) ---- */

/*
 * tcp_mtup_probe_failed - RFC 4821 7.6.2: the probe was lost while the
 * segments behind it arrived: no MTU from its size up passes
 */
static void tcp_mtup_probe_failed(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_mtup.search_high = (int)icsk->icsk_mtup.probe_size - 1;
	icsk->icsk_mtup.probe_size = 0;
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPMTUPFAIL);
}

/*
 * tcp_mtup_probe_success - RFC 4821 7.6.1: the probe was acknowledged:
 * its MTU passes and becomes the MSS; the window keeps its size in bytes
 * (the cwnd in the larger segments shrinks in proportion)
 */
static void tcp_mtup_probe_success(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u64 val;

	tp->prior_ssthresh = tcp_current_ssthresh(sk);
	val = (u64)tcp_snd_cwnd(tp) *
	      (u64)tcp_mss_to_mtu(sk, (int)tp->mss_cache);
	val /= icsk->icsk_mtup.probe_size;
	tcp_snd_cwnd_set(tp, (u32)max_t(u64, 1U, val));
	tp->snd_cwnd_cnt = 0;
	tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	tp->snd_ssthresh = tcp_current_ssthresh(sk);
	icsk->icsk_mtup.search_low = (int)icsk->icsk_mtup.probe_size;
	icsk->icsk_mtup.probe_size = 0;
	tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPMTUPSUCCESS);
}

/*
 * tcp_mtup_probe_lost - the data behind the probe arrives, the probe not:
 * it failed.  The cwnd it took is given back and it is sent again in
 * MSS-sized segments, the window not reduced.
 */
static bool tcp_mtup_probe_lost(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	if (icsk->icsk_ca_state >= TCP_CA_CWR || !icsk->icsk_mtup.probe_size ||
	    tp->snd_una != tp->mtu_probe.probe_seq_start)
		return false;
	tcp_mtup_probe_failed(sk);
	tcp_snd_cwnd_set(tp, tcp_snd_cwnd(tp) + 1);
	tcp_simple_retransmit(sk);
	return true;
}

/* ---- ACK processing ---- */

void tcp_init_wl(struct tcp_sock *tp, u32 seq)
{
	tp->snd_wl1 = seq;
}

void tcp_update_wl(struct tcp_sock *tp, u32 seq)
{
	tp->snd_wl1 = seq;
}

/* RFC 9293 3.10.7.4: SND.WL1 < SEG.SEQ or (= and SND.WL2 =< SEG.ACK) */
static bool tcp_may_update_window(const struct tcp_sock *tp, u32 ack,
				  u32 ack_seq, u32 nwin)
{
	return after(ack, tp->snd_una) || after(ack_seq, tp->snd_wl1) ||
	       (ack_seq == tp->snd_wl1 && (nwin > tp->snd_wnd || !nwin));
}

static int tcp_ack_update_window(struct sock *sk, const struct sk_buff *skb,
				 u32 ack, u32 ack_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int flag = 0;
	u32 nwin = ntohs(tcp_hdr(skb)->window);

	if (!tcp_hdr(skb)->syn)
		nwin <<= tp->rx_opt.snd_wscale;
	if (tcp_may_update_window(tp, ack, ack_seq, nwin)) {
		flag |= FLAG_WIN_UPDATE;
		tcp_update_wl(tp, ack_seq);
		if (tp->snd_wnd != nwin) {
			tp->snd_wnd = nwin;
			if (nwin > tp->max_window) {
				tp->max_window = nwin;
				tcp_sync_mss(sk,
					     inet_csk(sk)->icsk_pmtu_cookie);
			}
		}
	}
	tp->snd_una = ack;
	return flag;
}

static void tcp_ack_probe(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct sk_buff *head = tcp_send_head(sk);

	if (!head)
		return;
	if (!after(TCP_SKB_CB(head)->end_seq, tcp_wnd_end(tcp_sk(sk)))) {
		icsk->icsk_backoff = 0;
		icsk->icsk_probes_tstamp = 0;
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_PROBE0);
	} else {
		tcp_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
				     tcp_probe0_when(sk, tcp_rto_max(sk)),
				     TCP_RTO_MAX);
	}
}

/* RFC 5961 5: challenge ACKs, rate limited (tcp_invalid_ratelimit) */
bool tcp_oow_rate_limited(struct net *net, const struct sk_buff *skb,
			  int mib_idx, u32 *last_oow_ack_time)
{
	u32 now = (u32)(ktime_get_ns(net->st) / NSEC_PER_MSEC);

	/* Data packets without SYNs are not likely part of an ACK loop
	 * (NULL: the caller's packet is not one to exempt).
	 */
	if (skb && TCP_SKB_CB(skb)->seq != TCP_SKB_CB(skb)->end_seq &&
	    !tcp_hdr(skb)->syn)
		return false;
	if (*last_oow_ack_time) {
		s32 elapsed = (s32)(now - *last_oow_ack_time);

		if (elapsed >= 0 &&
		    elapsed < net->ipv4.sysctl_tcp_invalid_ratelimit) {
			NET_INC_STATS(net, mib_idx);
			return true;
		}
	}
	*last_oow_ack_time = now;
	return false;
}

void tcp_send_challenge_ack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 now_s = tcp_jiffies32(sk) / 1000;
	u32 limit = (u32)net->ipv4.sysctl_tcp_challenge_ack_limit;

	if (tcp_oow_rate_limited(net, NULL, LINUX_MIB_TCPACKSKIPPEDCHALLENGE,
				 &tp->last_oow_ack_time))
		return;
	/* the namespace-wide limit per second (RFC 5961 7) */
	if (limit < (u32)INT_MAX) {
		if (net->ipv4.tcp_challenge_timestamp != now_s) {
			net->ipv4.tcp_challenge_timestamp = now_s;
			net->ipv4.tcp_challenge_count = 0;
		}
		if (++net->ipv4.tcp_challenge_count > limit)
			return;
	}
	NET_INC_STATS(net, LINUX_MIB_TCPCHALLENGEACK);
	tcp_send_ack(sk);
}

/*
 * tcp_sack_blocks - where the SACK blocks of @skb's header start (RFC
 * 2018 3); *@n gets how many there are.  NULL without a SACK option.
 */
static const u8 *tcp_sack_blocks(const struct sk_buff *skb, int *n)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const u8 *ptr = (const u8 *)(th + 1);
	int length = (int)__tcp_hdrlen(th) - (int)sizeof(struct tcphdr);

	while (length > 0) {
		int opcode = *ptr++, opsize;

		if (opcode == TCPOPT_EOL)
			break;
		if (opcode == TCPOPT_NOP) {
			length--;
			continue;
		}
		if (length < 2)
			break;
		opsize = *ptr++;
		if (opsize < 2 || opsize > length)
			break;
		if (opcode == TCPOPT_SACK &&
		    opsize >= TCPOLEN_SACK_BASE + TCPOLEN_SACK_PERBLOCK &&
		    !((opsize - TCPOLEN_SACK_BASE) % TCPOLEN_SACK_PERBLOCK)) {
			*n = (opsize - TCPOLEN_SACK_BASE) /
			     TCPOLEN_SACK_PERBLOCK;
			return ptr;
		}
		ptr += opsize - 2;
		length -= opsize;
	}
	return NULL;
}

static u32 get_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

/*
 * tcp_update_pacing_rate - sk_pacing_rate from cwnd and SRTT: twice the
 * current rate in slow start (tcp_pacing_ss_ratio, 200%), 1.2 times in
 * congestion avoidance (tcp_pacing_ca_ratio, 120%), so that the window
 * can still grow; capped by SO_MAX_PACING_RATE.  It sizes TSO packets
 * (tcp_tso_autosize) and, when the socket needs internal pacing, spaces
 * them.  Without an RTT sample it stays unlimited.
 */
void tcp_update_pacing_rate(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct netns_ipv4 *n = &sock_net(sk)->ipv4;
	u64 rate;

	/* mss per (srtt / 8) us, scaled: 100 * 8 * 10^4 = 10^6 * 8 / 100 */
	rate = (u64)tp->mss_cache * ((1000000U / 100) << 3);
	if (tcp_snd_cwnd(tp) < tp->snd_ssthresh / 2)
		rate *= (u64)n->sysctl_tcp_pacing_ss_ratio;
	else
		rate *= (u64)n->sysctl_tcp_pacing_ca_ratio;
	rate *= max_t(u32, tcp_snd_cwnd(tp), tp->packets_out);
	if (tp->srtt_us)
		rate /= tp->srtt_us;
	sk->sk_pacing_rate = min_t(u64, rate, sk->sk_max_pacing_rate);
}

struct tcp_sacktag_state;
static bool tcp_check_dsack(struct sock *sk, const struct sk_buff *skb,
			    u32 prior_snd_una, struct tcp_sacktag_state *state);

/* ---- the retransmission timer ---- */

/*
 * tcp_rearm_rto - RFC 6298 5.3: restart the timer with the current RTO.
 * When a loss probe or the reordering timer held the timer, the RTO
 * still counts from the head's transmission (Linux's rto_delta).
 */
void tcp_rearm_rto(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	/* a Fast Open child's timer retransmits its SYN-ACK: leave it */
	if (tp->fastopen_rsk)
		return;
	if (!tp->packets_out) {
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_RETRANS);
	} else {
		u32 rto = icsk->icsk_rto;

		if (icsk->icsk_pending == ICSK_TIME_REO_TIMEOUT ||
		    icsk->icsk_pending == ICSK_TIME_LOSS_PROBE) {
			s64 delta_us = tcp_rto_delta_us(sk);

			rto = (u32)DIV_ROUND_UP(max_t(s64, delta_us, 1), 1000);
		}
		tcp_reset_xmit_timer(sk, ICSK_TIME_RETRANS, rto, TCP_RTO_MAX);
	}
}

/* tcp_set_xmit_timer - after an ACK: the loss probe, else the RTO */
static void tcp_set_xmit_timer(struct sock *sk)
{
	if (!tcp_schedule_loss_probe(sk, true))
		tcp_rearm_rto(sk);
}

void tcp_clear_retrans(struct tcp_sock *tp)
{
	tp->retrans_out = 0;
	tp->lost_out = 0;
	tp->undo_marker = 0;
	tp->undo_retrans = -1;
	tp->sacked_out = 0;
}

/* ---- the SACK scoreboard ---- */

/*
 * tcp_mark_skb_lost - @skb is lost: LOST, counted in lost_out (and in
 * tp->lost); a retransmission lost again is no longer in flight.
 */
void tcp_mark_skb_lost(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 pcount = tcp_skb_pcount(skb);

	if (scb->sacked & TCPCB_SACKED_ACKED)
		return;
	if (scb->sacked & TCPCB_LOST) {
		if (scb->sacked & TCPCB_SACKED_RETRANS) {
			scb->sacked &= (u8)~TCPCB_SACKED_RETRANS;
			tp->retrans_out -= pcount;
			NET_ADD_STATS(sock_net(sk), LINUX_MIB_TCPLOSTRETRANSMIT,
				      pcount);
			tp->lost += pcount;
		}
	} else {
		tp->lost_out += pcount;
		scb->sacked |= TCPCB_LOST;
		tp->lost += pcount;
	}
}

/*
 * tcp_check_sack_reordering - a segment below the highest SACK (fack)
 * that was never retransmitted was delivered at @low_seq: the path
 * reorders by (fack - low_seq) bytes.  tp->reordering grows to that
 * many segments, at most tcp_max_reordering.
 */
static void tcp_check_sack_reordering(struct sock *sk, u32 low_seq, int ts)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const u32 mss = tp->mss_cache;
	u32 fack = tcp_highest_sack_seq(tp), metric;

	if (!before(low_seq, fack))
		return;
	metric = fack - low_seq;
	if (mss && metric > tp->reordering * mss) {
		u32 max_r = (u32)sock_net(sk)->ipv4.sysctl_tcp_max_reordering;

		tp->reordering = min_t(u32, (metric + mss - 1) / mss, max_r);
	}
	tp->reord_seen++;
	NET_INC_STATS(sock_net(sk),
		      ts ? LINUX_MIB_TCPTSREORDER : LINUX_MIB_TCPSACKREORDER);
}

/* what one ACK's SACK blocks did (Linux's tcp_sacktag_state) */
struct tcp_sacktag_state {
	u64 first_sackt; /* us: send time of the first newly SACKed */
	u64 last_sackt;
	u32 reord; /* lowest never-retransmitted newly SACKed seq */
	u32 sack_delivered;
	int flag;
	struct rate_sample *rate; /* this ACK's delivery rate sample */
};

/*
 * tcp_sacktag_one - @sacked, the marks of [@start_seq, @end_seq) of
 * @pcount segments, that a SACK block covers: return the new marks and
 * keep sacked_out/lost_out/retrans_out (RFC 6675 2's scoreboard).
 */
static u8 tcp_sacktag_one(struct sock *sk, struct tcp_sacktag_state *state,
			  u8 sacked, u32 start_seq, u32 end_seq, bool dup_sack,
			  u32 pcount, u64 xmit_time)
{
	struct tcp_sock *tp = tcp_sk(sk);

	/* RFC 2883 4.1: a D-SACK of a retransmission: it was not needed */
	if (dup_sack && (sacked & TCPCB_RETRANS)) {
		if (tp->undo_marker && tp->undo_retrans > 0 &&
		    after(end_seq, tp->undo_marker))
			tp->undo_retrans =
				max_t(int, 0, tp->undo_retrans - (int)pcount);
		if ((sacked & TCPCB_SACKED_ACKED) &&
		    before(start_seq, state->reord))
			state->reord = start_seq;
	}
	if (!after(end_seq, tp->snd_una))
		return sacked;
	if (!(sacked & TCPCB_SACKED_ACKED)) {
		tcp_rack_advance(tp, sacked, end_seq, xmit_time);
		if (sacked & TCPCB_SACKED_RETRANS) {
			/* unless it was lost, the retransmission is still
			 * in flight */
			if (sacked & TCPCB_LOST) {
				sacked &= (u8) ~(TCPCB_LOST |
						 TCPCB_SACKED_RETRANS);
				tp->lost_out -= pcount;
				tp->retrans_out -= pcount;
			}
		} else {
			if (!(sacked & TCPCB_RETRANS)) {
				/* an original in a hole: reordering */
				if (before(start_seq,
					   tcp_highest_sack_seq(tp)) &&
				    before(start_seq, state->reord))
					state->reord = start_seq;
				if (!after(end_seq, tp->high_seq))
					state->flag |= FLAG_ORIG_SACK_ACKED;
				if (!state->first_sackt)
					state->first_sackt = xmit_time;
				state->last_sackt = xmit_time;
			}
			if (sacked & TCPCB_LOST) {
				sacked &= (u8)~TCPCB_LOST;
				tp->lost_out -= pcount;
			}
		}
		sacked |= TCPCB_SACKED_ACKED;
		state->flag |= FLAG_DATA_SACKED;
		tp->sacked_out += pcount;
		state->sack_delivered += pcount;
		tp->delivered += pcount;
		if (!before(start_seq, tcp_highest_sack_seq(tp)) ||
		    tp->sacked_out == pcount)
			tp->highest_sack_seq = end_seq;
	}
	/* a D-SACKed retransmission left the network */
	if (dup_sack && (sacked & TCPCB_SACKED_RETRANS)) {
		sacked &= (u8)~TCPCB_SACKED_RETRANS;
		tp->retrans_out -= pcount;
	}
	return sacked;
}

/* ---- the retransmit queue walked as Linux walks its rbtree ---- */

/* the sent skb after @skb; NULL past the last one sent */
static struct sk_buff *tcp_rtx_next(const struct sock *sk,
				    const struct sk_buff *skb)
{
	struct sk_buff *next = skb->next;

	if (tcp_skb_is_last(sk, skb) || next == tcp_send_head(sk))
		return NULL;
	return next;
}

/* the sent skb before @skb; NULL for the head */
static struct sk_buff *tcp_rtx_prev(const struct sock *sk,
				    const struct sk_buff *skb)
{
	return skb == skb_peek(&sk->sk_write_queue) ? NULL : skb->prev;
}

/*
 * tcp_sacktag_skip - the sent skb that holds @seq, looked for from @skb
 * on when @skb does not lie past it already (Linux's tcp_sacktag_skip and
 * tcp_sacktag_bsearch: the queue here is a list, in sequence order).
 */
static struct sk_buff *tcp_sacktag_skip(struct sk_buff *skb, struct sock *sk,
					u32 seq)
{
	if (skb && after(TCP_SKB_CB(skb)->seq, seq))
		return skb;
	if (!skb)
		skb = tcp_rtx_queue_head(sk);
	for (; skb; skb = tcp_rtx_next(sk, skb)) {
		if (before(seq, TCP_SKB_CB(skb)->seq))
			return NULL;
		if (before(seq, TCP_SKB_CB(skb)->end_seq))
			return skb;
	}
	return NULL;
}

/* the skb after the highest SACKed one (Linux's tcp_highest_sack) */
static struct sk_buff *tcp_highest_sack(struct sock *sk)
{
	if (!tcp_sk(sk)->sacked_out)
		return tcp_rtx_queue_head(sk);
	return tcp_sacktag_skip(NULL, sk, tcp_highest_sack_seq(tcp_sk(sk)));
}

/*
 * tcp_match_skb_to_sack - does [@start_seq, @end_seq) cover @skb?  A
 * multi-segment skb it covers in part is cut at a segment boundary
 * first: the head it leaves out goes (rounded up to whole segments) and
 * 0 is returned, so that the walk looks at the rest next; or the tail it
 * leaves out (rounded down), and @skb is now covered.  Return 1 covered,
 * 0 not, < 0 less than a segment covered or no memory (the walk stops).
 */
static int tcp_match_skb_to_sack(struct sock *sk, struct sk_buff *skb,
				 u32 start_seq, u32 end_seq)
{
	u32 seq = TCP_SKB_CB(skb)->seq, mss, pkt_len;
	bool in_sack;
	int err;

	in_sack = !after(start_seq, seq) &&
		  !before(end_seq, TCP_SKB_CB(skb)->end_seq);
	if (in_sack || tcp_skb_pcount(skb) <= 1 ||
	    !after(TCP_SKB_CB(skb)->end_seq, start_seq))
		return in_sack;
	mss = tcp_skb_mss(skb);
	if (!mss)
		return 0;
	in_sack = !after(start_seq, seq);
	if (!in_sack) {
		pkt_len = max_t(u32, start_seq - seq, mss);
	} else {
		pkt_len = end_seq - seq;
		if (pkt_len < mss)
			return -EINVAL;
	}
	if (pkt_len > mss) {
		u32 new_len = (pkt_len / mss) * mss;

		if (!in_sack && new_len < pkt_len)
			new_len += mss;
		pkt_len = new_len;
	}
	if (pkt_len >= skb->len && !in_sack)
		return 0;
	err = tcp_fragment(sk, skb, pkt_len, mss);
	if (err < 0)
		return err;
	return in_sack;
}

/* a segment's size in @skb: its MSS, or its length when it is one */
static u32 tcp_skb_seglen(const struct sk_buff *skb)
{
	return tcp_skb_pcount(skb) == 1 ? skb->len : tcp_skb_mss(skb);
}

/* Linux's skb_can_shift: all of @skb's data is in its frags */
static bool tcp_skb_can_shift(const struct sk_buff *skb)
{
	return !skb_headlen(skb) && skb->data_len && !skb_has_frag_list(skb);
}

/*
 * tcp_skb_shift - move @shiftlen bytes (@pcount segments) from the head
 * of @from to the tail of @to, within what one skb may count: gso_segs is
 * 16 bits and a segment at least TCP_MIN_GSO_SIZE bytes.
 */
bool tcp_skb_shift(struct sk_buff *to, struct sk_buff *from, int pcount,
		   int shiftlen)
{
	if (to->len + (u32)shiftlen >= 65535U * TCP_MIN_GSO_SIZE)
		return false;
	if (tcp_skb_pcount(to) + (u32)pcount > 65535U)
		return false;
	return skb_shift(to, from, shiftlen) != 0;
}

/* unlink @skb, sent, from the write queue and free it */
void tcp_rtx_queue_unlink_and_free(struct sk_buff *skb, struct sock *sk)
{
	skb_unlink(skb, &sk->sk_write_queue);
	tcp_wmem_free_skb(sk, skb);
}

/*
 * tcp_shifted_skb - @shifted bytes (@pcount segments of @mss) moved from
 * the head of @skb to the SACKed @prev: they are SACKed now, counted as
 * tcp_sacktag_one counts them.  Return true when that emptied @skb and it
 * was freed (TcpExt SACKMerged), false when a part is left (SACKShifted).
 */
static bool tcp_shifted_skb(struct sock *sk, struct sk_buff *prev,
			    struct sk_buff *skb,
			    struct tcp_sacktag_state *state, u32 pcount,
			    u32 shifted, u32 mss, bool dup_sack)
{
	u32 start_seq = TCP_SKB_CB(skb)->seq;
	u32 end_seq = start_seq + shifted;

	/* tag first: @prev is SACKed already, the range is what is new */
	(void)tcp_sacktag_one(sk, state, TCP_SKB_CB(skb)->sacked, start_seq,
			      end_seq, dup_sack, pcount,
			      tcp_skb_timestamp_us(skb));
	tcp_rate_skb_delivered(sk, skb, state->rate);
	TCP_SKB_CB(prev)->end_seq += shifted;
	TCP_SKB_CB(skb)->seq += shifted;
	tcp_skb_pcount_set(prev, tcp_skb_pcount(prev) + pcount);
	tcp_skb_pcount_set(skb, tcp_skb_pcount(skb) - pcount);
	if (!TCP_SKB_CB(prev)->tcp_gso_size)
		TCP_SKB_CB(prev)->tcp_gso_size = (u16)mss;
	if (tcp_skb_pcount(skb) <= 1)
		TCP_SKB_CB(skb)->tcp_gso_size = 0;
	/* both go with the same cumulative ACK: one mark does for both */
	TCP_SKB_CB(prev)->sacked |=
		(u8)(TCP_SKB_CB(skb)->sacked & TCPCB_EVER_RETRANS);
	if (skb->len > 0) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_SACKSHIFTED);
		return false;
	}
	/* all of it moved: @prev takes its flags (PSH, FIN) and goes on */
	TCP_SKB_CB(prev)->tcp_flags |= TCP_SKB_CB(skb)->tcp_flags;
	TCP_SKB_CB(prev)->eor = TCP_SKB_CB(skb)->eor;
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
		TCP_SKB_CB(prev)->end_seq++;
	/* its delivery state no longer describes all of it */
	TCP_SKB_CB(prev)->tx.delivered_mstamp = 0;
	tcp_rtx_queue_unlink_and_free(skb, sk);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_SACKMERGED);
	return true;
}

/*
 * tcp_shift_skb_data - a SACK block covers the head of @skb (or all of
 * it) and the skb before it is SACKed already: move the covered whole
 * segments into that one rather than cut @skb (Linux's SACK shifting,
 * which keeps the queue short and SACKed runs in one skb).  Return the
 * skb the walk goes on from (@skb's predecessor after a shift, @skb when
 * the block does not cover a whole segment of it), or NULL when shifting
 * does not apply (TcpExt SACKShiftFallback): then the block is matched
 * the ordinary way.
 */
static struct sk_buff *tcp_shift_skb_data(struct sock *sk, struct sk_buff *skb,
					  struct tcp_sacktag_state *state,
					  u32 start_seq, u32 end_seq,
					  bool dup_sack)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *prev;
	u32 mss, pcount, len;
	bool in_sack;

	/* retransmitted and not marked lost: a SACK would not be plain */
	if (!dup_sack &&
	    (TCP_SKB_CB(skb)->sacked & (TCPCB_LOST | TCPCB_SACKED_RETRANS)) ==
		    TCPCB_SACKED_RETRANS)
		goto fallback;
	if (!tcp_skb_can_shift(skb))
		goto fallback;
	if (!after(TCP_SKB_CB(skb)->end_seq, tp->snd_una))
		goto fallback; /* acked: about to go */
	prev = tcp_rtx_prev(sk, skb);
	if (!prev)
		goto fallback;
	if ((TCP_SKB_CB(prev)->sacked & TCPCB_TAGBITS) != TCPCB_SACKED_ACKED)
		goto fallback;
	if (!tcp_skb_can_collapse_to(prev))
		goto fallback;
	in_sack = !after(start_seq, TCP_SKB_CB(skb)->seq) &&
		  !before(end_seq, TCP_SKB_CB(skb)->end_seq);
	if (in_sack) {
		len = skb->len;
		pcount = tcp_skb_pcount(skb);
		mss = tcp_skb_seglen(skb);
		if (mss != tcp_skb_seglen(prev))
			goto fallback;
	} else {
		if (!after(TCP_SKB_CB(skb)->end_seq, start_seq))
			goto noop;
		if (tcp_skb_pcount(skb) <= 1)
			goto noop;
		/* the block starts inside @skb: nothing to shift to */
		if (after(start_seq, TCP_SKB_CB(skb)->seq))
			goto fallback;
		len = end_seq - TCP_SKB_CB(skb)->seq;
		mss = tcp_skb_mss(skb);
		if (mss != tcp_skb_seglen(prev))
			goto fallback;
		if (len < mss)
			goto noop;
		pcount = len / mss;
		len = pcount * mss;
	}
	/* tcp_sacktag_one tags nothing below snd_una */
	if (!after(TCP_SKB_CB(skb)->seq + len, tp->snd_una))
		goto fallback;
	if (!tcp_skb_shift(prev, skb, (int)pcount, (int)len))
		goto fallback;
	if (!tcp_shifted_skb(sk, prev, skb, state, pcount, len, mss, dup_sack))
		goto out;
	/* the hole is filled: the SACKed skb after it may join too */
	skb = tcp_rtx_next(sk, prev);
	if (!skb || !tcp_skb_can_shift(skb) ||
	    (TCP_SKB_CB(skb)->sacked & TCPCB_TAGBITS) != TCPCB_SACKED_ACKED ||
	    mss != tcp_skb_seglen(skb) || !tcp_skb_can_collapse_to(prev))
		goto out;
	len = skb->len;
	pcount = tcp_skb_pcount(skb);
	if (tcp_skb_shift(prev, skb, (int)pcount, (int)len))
		tcp_shifted_skb(sk, prev, skb, state, pcount, len, mss, false);
out:
	return prev;
noop:
	return skb;
fallback:
	NET_INC_STATS(sock_net(sk), LINUX_MIB_SACKSHIFTFALLBACK);
	return NULL;
}

/*
 * tcp_sacktag_walk - tag the sent skbs from @skb on that
 * [@start_seq, @end_seq) covers, shifting where it can, cutting where it
 * must; @next_dup, a D-SACK block that sorts after this one, marks what
 * it covers as duplicate.  Return the skb where the walk stopped.
 */
static struct sk_buff *tcp_sacktag_walk(struct sk_buff *skb, struct sock *sk,
					const struct tcp_sack_block *next_dup,
					struct tcp_sacktag_state *state,
					u32 start_seq, u32 end_seq,
					bool dup_sack_in)
{
	struct sk_buff *tmp;

	for (; skb; skb = tcp_rtx_next(sk, skb)) {
		struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
		bool dup_sack = dup_sack_in;
		int in_sack = 0;

		if (!before(scb->seq, end_seq))
			break;
		if (next_dup && before(scb->seq, next_dup->end_seq)) {
			in_sack = tcp_match_skb_to_sack(sk, skb,
							next_dup->start_seq,
							next_dup->end_seq);
			if (in_sack > 0)
				dup_sack = true;
		}
		/* a shift or a merge may free skbs here: go on from what
		 * tcp_shift_skb_data hands back */
		if (in_sack <= 0) {
			tmp = tcp_shift_skb_data(sk, skb, state, start_seq,
						 end_seq, dup_sack);
			if (tmp) {
				if (tmp != skb) {
					skb = tmp;
					continue;
				}
				in_sack = 0;
			} else {
				in_sack = tcp_match_skb_to_sack(
					sk, skb, start_seq, end_seq);
			}
		}
		if (in_sack < 0)
			break;
		if (in_sack) {
			scb = TCP_SKB_CB(skb);
			scb->sacked = tcp_sacktag_one(
				sk, state, scb->sacked, scb->seq, scb->end_seq,
				dup_sack, tcp_skb_pcount(skb),
				tcp_skb_timestamp_us(skb));
			tcp_rate_skb_delivered(sk, skb, state->rate);
		}
	}
	return skb;
}

/* the D-SACK block @next_dup, when it lies before @skip_to_seq, is
 * walked now, before the walk skips past it */
static struct sk_buff *
tcp_maybe_skipping_dsack(struct sk_buff *skb, struct sock *sk,
			 const struct tcp_sack_block *next_dup,
			 struct tcp_sacktag_state *state, u32 skip_to_seq)
{
	if (!next_dup || !before(next_dup->start_seq, skip_to_seq))
		return skb;
	skb = tcp_sacktag_skip(skb, sk, next_dup->start_seq);
	return tcp_sacktag_walk(skb, sk, NULL, state, next_dup->start_seq,
				next_dup->end_seq, true);
}

static bool tcp_is_sackblock_valid(const struct tcp_sock *tp, bool is_dsack,
				   u32 start_seq, u32 end_seq)
{
	/* RFC 2018 4: nothing past snd_nxt, and not empty */
	if (after(end_seq, tp->snd_nxt) || !before(start_seq, end_seq))
		return false;
	if (!before(start_seq, tp->snd_nxt))
		return false;
	if (after(start_seq, tp->snd_una))
		return true;
	/* below snd_una only a D-SACK, and only of what undo remembers */
	if (!is_dsack || !tp->undo_marker)
		return false;
	if (after(end_seq, tp->snd_una))
		return false;
	if (!before(start_seq, tp->undo_marker))
		return true;
	if (!after(end_seq, tp->undo_marker))
		return false;
	return !before(start_seq, end_seq - tp->max_window);
}

/*
 * tcp_sack_state_get - @tp's SACK blocks, allocated (zeroed) on first use;
 * NULL when out of memory: the caller does without (sends no SACK block,
 * or walks a SACK whole, as with an empty cache).
 */
static struct tcp_sack_state *tcp_sack_state_get(struct tcp_sock *tp)
{
	if (unlikely(!tp->sack))
		tp->sack = kzalloc(sizeof(*tp->sack), GFP_ATOMIC);
	return tp->sack;
}

/*
 * tcp_sacktag_blocks - walk the sent skbs for the @used sorted @blocks.
 * What the previous ACK's blocks (tp->recv_sack_cache) covered was tagged
 * then: only the parts of a block outside them are walked, from the
 * highest SACK on when that is where the new part starts, as Linux does
 * (its walk decides where shifting is tried, so TcpExt SACKShifted,
 * SACKMerged and SACKShiftFallback count as Linux's do).
 */
static void tcp_sacktag_blocks(struct sock *sk, struct tcp_sacktag_state *state,
			       const struct tcp_sack_block *blocks, int used,
			       bool found_dup, int first_sack_index)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_sack_state *sb = tcp_sack_state_get(tp);
	const struct tcp_sack_block *cache, *cache_end;
	struct sk_buff *skb = NULL;
	int i = 0, j;

	cache_end = sb ? sb->recv_sack_cache + TCP_NUM_SACKS : NULL;
	if (!tp->sacked_out || !sb) {
		cache = cache_end; /* nothing SACKed: nothing to skip */
	} else {
		cache = sb->recv_sack_cache;
		while (cache < cache_end && !cache->start_seq &&
		       !cache->end_seq)
			cache++;
	}
	while (i < used) {
		u32 start_seq = blocks[i].start_seq;
		u32 end_seq = blocks[i].end_seq;
		bool dup_sack = found_dup && i == first_sack_index;
		const struct tcp_sack_block *next_dup = NULL;

		if (found_dup && i + 1 == first_sack_index)
			next_dup = &blocks[i + 1];
		while (cache < cache_end && !before(start_seq, cache->end_seq))
			cache++;
		if (cache < cache_end && !dup_sack &&
		    after(end_seq, cache->start_seq)) {
			/* the head, up to the cached block, is new */
			if (before(start_seq, cache->start_seq)) {
				skb = tcp_sacktag_skip(skb, sk, start_seq);
				skb = tcp_sacktag_walk(
					skb, sk, next_dup, state, start_seq,
					cache->start_seq, dup_sack);
			}
			if (!after(end_seq, cache->end_seq))
				goto advance;
			skb = tcp_maybe_skipping_dsack(skb, sk, next_dup, state,
						       cache->end_seq);
			/* the tail is new: from the highest SACK when it
			 * starts there */
			if (tcp_highest_sack_seq(tp) == cache->end_seq) {
				skb = tcp_highest_sack(sk);
				if (!skb)
					break;
				cache++;
				goto walk;
			}
			skb = tcp_sacktag_skip(skb, sk, cache->end_seq);
			cache++;
			continue;
		}
		if (!before(start_seq, tcp_highest_sack_seq(tp))) {
			skb = tcp_highest_sack(sk);
			if (!skb)
				break;
		}
		skb = tcp_sacktag_skip(skb, sk, start_seq);
walk:
		skb = tcp_sacktag_walk(skb, sk, next_dup, state, start_seq,
				       end_seq, dup_sack);
advance:
		i++;
	}
	/* remember this ACK's blocks, last in the cache */
	if (!sb)
		return;
	for (j = 0; j < TCP_NUM_SACKS - used; j++) {
		sb->recv_sack_cache[j].start_seq = 0;
		sb->recv_sack_cache[j].end_seq = 0;
	}
	for (i = 0; i < used; i++)
		sb->recv_sack_cache[j++] = blocks[i];
}

/*
 * tcp_sacktag_write_queue - apply the SACK blocks of the ACK @ack_skb to
 * the retransmit queue (RFC 2018, RFC 2883 for the D-SACK one).  Return
 * the FLAG_* of what it did.
 */
static int tcp_sacktag_write_queue(struct sock *sk,
				   const struct sk_buff *ack_skb,
				   u32 prior_snd_una,
				   struct tcp_sacktag_state *state)
{
	struct tcp_sack_block blocks[TCP_NUM_SACKS];
	struct tcp_sock *tp = tcp_sk(sk);
	int first_sack_index = 0, used = 0;
	struct net *net = sock_net(sk);
	const u8 *sp;
	int n = 0, i;
	bool found_dup;

	sp = tcp_sack_blocks(ack_skb, &n);
	if (!sp || !n)
		return 0;
	state->flag = 0;
	state->reord = tp->snd_nxt;
	if (!tp->sacked_out)
		tp->highest_sack_seq = tp->snd_una;
	found_dup = tcp_check_dsack(sk, ack_skb, prior_snd_una, state);
	if (found_dup)
		state->flag |= FLAG_DSACKING_ACK;
	/* an ACK of nothing in flight has nothing to tag */
	if (before(TCP_SKB_CB(ack_skb)->ack_seq,
		   prior_snd_una - tp->max_window))
		return 0;
	if (!tp->packets_out)
		goto out;
	for (i = 0; i < n; i++) {
		const u8 *blk = sp + (size_t)i * TCPOLEN_SACK_PERBLOCK;
		u32 start = get_be32(blk), end = get_be32(blk + 4);
		bool dup = found_dup && i == 0;

		if (!tcp_is_sackblock_valid(tp, dup, start, end)) {
			if (dup) {
				if (!tp->undo_marker)
					NET_INC_STATS(
						net,
						LINUX_MIB_TCPDSACKIGNOREDNOUNDO);
				else
					NET_INC_STATS(
						net,
						LINUX_MIB_TCPDSACKIGNOREDOLD);
			} else {
				/* a block wholly below snd_una is stale, not
				 * bad (Linux does not count it either) */
				if (!(i == 0 && !after(end, tp->snd_una)))
					NET_INC_STATS(net,
						      LINUX_MIB_TCPSACKDISCARD);
			}
			if (i == 0)
				first_sack_index = -1;
			continue;
		}
		/* below snd_una: a D-SACK that tags nothing still queued */
		if (!after(end, prior_snd_una)) {
			if (i == 0)
				first_sack_index = -1;
			continue;
		}
		blocks[used].start_seq = start;
		blocks[used].end_seq = end;
		used++;
	}
	/* in sequence order, so that one walk goes up the queue; the D-SACK
	 * block (the first on the wire) is followed to its place */
	for (i = used - 1; i > 0; i--) {
		int j;

		for (j = 0; j < i; j++) {
			if (after(blocks[j].start_seq,
				  blocks[j + 1].start_seq)) {
				struct tcp_sack_block t = blocks[j];

				blocks[j] = blocks[j + 1];
				blocks[j + 1] = t;
				if (j == first_sack_index)
					first_sack_index = j + 1;
			}
		}
	}
	tcp_sacktag_blocks(sk, state, blocks, used, found_dup,
			   first_sack_index);
	if (state->reord != tp->snd_nxt && tcp_is_sack(tp))
		tcp_check_sack_reordering(sk, state->reord, 0);
out:
	return state->flag;
}

/* ---- cwnd reduction: PRR (RFC 6937) for recovery and CWR ---- */

/* ACKs that echo CE: what they acked counts as delivered with CE */
static void tcp_ecn_delivered_ce(struct sock *sk, u32 delivered)
{
	tcp_sk(sk)->delivered_ce += delivered;
	__NET_ADD_STATS(sock_net(sk), LINUX_MIB_TCPDELIVEREDCE, delivered);
}

/* RFC 6937 3 "on entering recovery": RecoverFS, prr_* from zero */
static void tcp_init_cwnd_reduction(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->high_seq = tp->snd_nxt;
	tp->tlp_high_seq = 0;
	tp->snd_cwnd_cnt = 0;
	tp->prior_cwnd = tcp_snd_cwnd(tp);
	tp->prr_delivered = 0;
	tp->prr_out = 0;
	tp->snd_ssthresh = inet_csk(sk)->icsk_ca_ops->ssthresh(sk);
	tcp_ecn_queue_cwr(tp); /* RFC 3168 6.1.2: CWR on the next new data */
}

/*
 * tcp_cwnd_reduction - RFC 6937 3 "on every ACK": with the flight above
 * ssthresh send in proportion to what was delivered (ssthresh /
 * RecoverFS); below it, slow-start back up to ssthresh (PRR-SSRB, one
 * more for an ACK that advanced snd_una and lost nothing new).  The
 * first call always lets the fast retransmission go.
 */
void tcp_cwnd_reduction(struct sock *sk, int newly_acked_sacked, int newly_lost,
			int flag)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int delta = (int)tp->snd_ssthresh - (int)tcp_packets_in_flight(tp);
	int sndcnt;

	if (newly_acked_sacked <= 0 || !tp->prior_cwnd)
		return;
	tp->prr_delivered += (u32)newly_acked_sacked;
	if (delta < 0) {
		u64 dividend = (u64)tp->snd_ssthresh * tp->prr_delivered +
			       tp->prior_cwnd - 1;

		sndcnt = (int)(dividend / tp->prior_cwnd) - (int)tp->prr_out;
	} else {
		sndcnt = max_t(int, (int)tp->prr_delivered - (int)tp->prr_out,
			       newly_acked_sacked);
		if ((flag & FLAG_SND_UNA_ADVANCED) && !newly_lost)
			sndcnt++;
		sndcnt = min_t(int, delta, sndcnt);
	}
	sndcnt = max_t(int, sndcnt, tp->prr_out ? 0 : 1);
	tcp_snd_cwnd_set(tp, tcp_packets_in_flight(tp) + (u32)sndcnt);
}

/* RFC 6937 3 "on exiting recovery": cwnd = ssthresh (unless undone) */
static void tcp_end_cwnd_reduction(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (inet_csk(sk)->icsk_ca_ops->cong_control)
		return;
	if (tp->snd_ssthresh < TCP_INFINITE_SSTHRESH &&
	    (inet_csk(sk)->icsk_ca_state == TCP_CA_CWR || tp->undo_marker)) {
		tcp_snd_cwnd_set(tp, tp->snd_ssthresh);
		tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	}
	tcp_ca_event(sk, CA_EVENT_COMPLETE_CWR);
}

/*
 * tcp_enter_cwr - reduce cwnd without loss recovery: an ECN echo (RFC
 * 3168 6.1.2) or a local congestion signal.  PRR carries the reduction
 * out; it is never undone.
 */
void tcp_enter_cwr(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->prior_ssthresh = 0;
	if (inet_csk(sk)->icsk_ca_state < TCP_CA_CWR) {
		tp->undo_marker = 0;
		tcp_init_cwnd_reduction(sk);
		tcp_set_ca_state(sk, TCP_CA_CWR);
	}
}

/* ---- undo: the reduction was for nothing ---- */

static void tcp_init_undo(struct tcp_sock *tp)
{
	tp->undo_marker = tp->snd_una;
	/* retransmissions in flight may still be D-SACKed */
	tp->undo_retrans = (int)tp->retrans_out;
	if (tp->tlp_high_seq && tp->tlp_retrans)
		tp->undo_retrans++;
	/* 0 would mean "may undo now" */
	if (!tp->undo_retrans)
		tp->undo_retrans = -1;
}

static bool tcp_any_retrans_done(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (tp->retrans_out)
		return true;
	skb = tcp_rtx_queue_head(sk);
	return skb && (TCP_SKB_CB(skb)->sacked & TCPCB_EVER_RETRANS);
}

/* the echoed timestamp predates @when (a tcp_time_stamp_ms value) */
static bool tcp_tsopt_ecr_before(const struct tcp_sock *tp, u32 when)
{
	return tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
	       before(tp->rx_opt.rcv_tsecr - tp->tsoffset, when);
}

/*
 * tcp_packet_delayed - nothing was retransmitted, or the ACK echoes a
 * timestamp older than the first retransmission (RFC 3522, Eifel): the
 * original arrived, it was only late.
 */
static bool tcp_packet_delayed(const struct tcp_sock *tp)
{
	const struct sock *sk = (const struct sock *)tp;

	if (tp->retrans_stamp)
		return tcp_tsopt_ecr_before(tp, tp->retrans_stamp);
	if (!tcp_is_sack(tp) && !before(tp->snd_una, tp->high_seq))
		return false;
	if (sk->sk_state == TCP_SYN_SENT)
		return false;
	return true;
}

static bool tcp_may_undo(const struct tcp_sock *tp)
{
	return tp->undo_marker && (!tp->undo_retrans || tcp_packet_delayed(tp));
}

static void tcp_undo_cwnd_reduction(struct sock *sk, bool unmark_loss)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (unmark_loss) {
		struct sk_buff *skb;

		skb_queue_walk(&sk->sk_write_queue, skb) {
			if (skb == tcp_send_head(sk))
				break;
			TCP_SKB_CB(skb)->sacked &= (u8)~TCPCB_LOST;
		}
		tp->lost_out = 0;
	}
	if (tp->prior_ssthresh) {
		const struct inet_connection_sock *icsk = inet_csk(sk);

		tcp_snd_cwnd_set(tp, icsk->icsk_ca_ops->undo_cwnd(sk));
		if (tp->prior_ssthresh > tp->snd_ssthresh)
			tp->snd_ssthresh = tp->prior_ssthresh;
	}
	tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	tp->undo_marker = 0;
	tp->rack.advanced = 1; /* look at the losses again */
}

/* without SACK, stay until something above high_seq is acked (RFC 6582
 * 3.2 step 3's "recover" and its note on retransmitted duplicates) */
static bool tcp_is_non_sack_preventing_reopen(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->snd_una == tp->high_seq && tcp_is_reno(tp)) {
		if (!tcp_any_retrans_done(sk))
			tp->retrans_stamp = 0;
		return true;
	}
	return false;
}

/* recovery or loss ended: undo it if it was spurious (TCPFullUndo,
 * TCPLossUndo) */
static bool tcp_try_undo_recovery(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tcp_may_undo(tp)) {
		tcp_undo_cwnd_reduction(sk, false);
		NET_INC_STATS(sock_net(sk),
			      inet_csk(sk)->icsk_ca_state == TCP_CA_Loss
				      ? LINUX_MIB_TCPLOSSUNDO
				      : LINUX_MIB_TCPFULLUNDO);
	} else if (tp->rack.reo_wnd_persist) {
		tp->rack.reo_wnd_persist--;
	}
	if (tcp_is_non_sack_preventing_reopen(sk))
		return true;
	tcp_set_ca_state(sk, TCP_CA_Open);
	tp->is_sack_reneg = 0;
	return false;
}

/* D-SACKs covered every retransmission: undo (TCPDSACKUndo) */
static bool tcp_try_undo_dsack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->undo_marker && !tp->undo_retrans) {
		tp->rack.reo_wnd_persist = min_t(u8, TCP_RACK_RECOVERY_THRESH,
						 tp->rack.reo_wnd_persist + 1);
		tcp_undo_cwnd_reduction(sk, false);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPDSACKUNDO);
		return true;
	}
	return false;
}

/* in Loss: undo on a delayed-packet ACK, or F-RTO's spurious verdict */
static bool tcp_try_undo_loss(struct sock *sk, bool frto_undo)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (frto_undo || tcp_may_undo(tp)) {
		tcp_undo_cwnd_reduction(sk, true);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPLOSSUNDO);
		if (frto_undo)
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPSPURIOUSRTOS);
		inet_csk(sk)->icsk_retransmits = 0;
		if (tcp_is_non_sack_preventing_reopen(sk))
			return true;
		if (frto_undo || tcp_is_sack(tp)) {
			tcp_set_ca_state(sk, TCP_CA_Open);
			tp->is_sack_reneg = 0;
		}
		return true;
	}
	return false;
}

static void tcp_try_keep_open(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u8 state = TCP_CA_Open;

	if (tcp_left_out(tp) || tcp_any_retrans_done(sk))
		state = TCP_CA_Disorder;
	if (inet_csk(sk)->icsk_ca_state != state) {
		tcp_set_ca_state(sk, state);
		tp->high_seq = tp->snd_nxt;
	}
}

static void tcp_try_to_open(struct sock *sk, int flag)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tcp_any_retrans_done(sk))
		tp->retrans_stamp = 0;
	if (flag & FLAG_ECE)
		tcp_enter_cwr(sk);
	if (inet_csk(sk)->icsk_ca_state != TCP_CA_CWR)
		tcp_try_keep_open(sk);
}

/* a partial ACK in recovery: undo if the hole was only late */
static bool tcp_try_undo_partial(struct sock *sk, u32 prior_snd_una)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->undo_marker && tcp_packet_delayed(tp)) {
		tcp_check_sack_reordering(sk, prior_snd_una, 1);
		/* retransmissions out: clock out new data, no more losses */
		if (tp->retrans_out)
			return true;
		if (!tcp_any_retrans_done(sk))
			tp->retrans_stamp = 0;
		tcp_undo_cwnd_reduction(sk, true);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPPARTIALUNDO);
		tcp_try_keep_open(sk);
	}
	return false;
}

/* ---- the states: Open, Disorder, CWR, Recovery, Loss ---- */

/* without SACK each dupack stands for a SACKed segment (RFC 5681 3.2) */
static bool tcp_limit_reno_sacked(struct tcp_sock *tp)
{
	u32 holes = max_t(u32, tp->lost_out, 1U);

	holes = min_t(u32, holes, tp->packets_out);
	if (tp->sacked_out + holes > tp->packets_out) {
		tp->sacked_out = tp->packets_out - holes;
		return true;
	}
	return false;
}

/* more dupacks than segments beyond the hole: the path reorders */
static void tcp_check_reno_reordering(struct sock *sk, const u32 addend)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tcp_limit_reno_sacked(tp))
		return;
	tp->reordering =
		min_t(u32, tp->packets_out + addend,
		      (u32)sock_net(sk)->ipv4.sysctl_tcp_max_reordering);
	tp->reord_seen++;
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPRENOREORDER);
}

static void tcp_add_reno_sack(struct sock *sk, int num_dupack)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 prior_sacked = tp->sacked_out;

	if (!num_dupack)
		return;
	tp->sacked_out += (u32)num_dupack;
	tcp_check_reno_reordering(sk, 0);
	if (tp->sacked_out > prior_sacked)
		tp->delivered += tp->sacked_out - prior_sacked;
}

static void tcp_remove_reno_sacks(struct sock *sk, u32 acked)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (acked > 0) {
		/* one ACKed the hole, the others used up dupacks */
		tp->delivered +=
			acked > tp->sacked_out ? acked - tp->sacked_out : 1;
		if (acked - 1 >= tp->sacked_out)
			tp->sacked_out = 0;
		else
			tp->sacked_out -= acked - 1;
	}
	tcp_check_reno_reordering(sk, acked);
}

static void tcp_reset_reno_sack(struct tcp_sock *tp)
{
	tp->sacked_out = 0;
}

/*
 * tcp_enter_recovery - RFC 6675 5 / RFC 5681 3.2 step 2: fast recovery;
 * ssthresh from the congestion control, PRR from here.
 */
void tcp_enter_recovery(struct sock *sk, bool ece_ack)
{
	struct tcp_sock *tp = tcp_sk(sk);

	NET_INC_STATS(sock_net(sk), tcp_is_reno(tp)
					    ? LINUX_MIB_TCPRENORECOVERY
					    : LINUX_MIB_TCPSACKRECOVERY);
	tp->prior_ssthresh = 0;
	tcp_init_undo(tp);
	if (!tcp_in_cwnd_reduction(sk)) {
		if (!ece_ack)
			tp->prior_ssthresh = tcp_current_ssthresh(sk);
		tcp_init_cwnd_reduction(sk);
	}
	tcp_set_ca_state(sk, TCP_CA_Recovery);
}

/*
 * tcp_timeout_mark_lost - the RTO: all in flight is lost, except what
 * RACK says was sent too recently to tell; a SACKed head means the peer
 * reneged (RFC 2018 8): its SACKs are forgotten (TCPSACKReneging).
 */
static void tcp_timeout_mark_lost(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb, *head = tcp_rtx_queue_head(sk);
	bool is_reneg = head && (TCP_SKB_CB(head)->sacked & TCPCB_SACKED_ACKED);

	if (is_reneg) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPSACKRENEGING);
		tp->sacked_out = 0;
		tp->is_sack_reneg = 1;
	} else if (tcp_is_reno(tp)) {
		tcp_reset_reno_sack(tp);
	}
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk))
			break;
		if (is_reneg)
			TCP_SKB_CB(skb)->sacked &= (u8)~TCPCB_SACKED_ACKED;
		else if (skb != head && tcp_rack_skb_timeout(tp, skb, 0) > 0)
			continue; /* sent too recently to call lost */
		tcp_mark_skb_lost(sk, skb);
	}
}

/*
 * tcp_enter_loss - the RTO fired (RFC 5681 3.1 eq. 4, RFC 6298 5.5):
 * ssthresh from the flight (once per window), cwnd to one segment, what
 * is in flight presumed lost, and F-RTO (RFC 5682) armed when this is a
 * new episode or a repeated timeout of the same head.
 */
void tcp_enter_loss(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	bool new_recovery = icsk->icsk_ca_state < TCP_CA_Recovery;
	u32 reordering;

	tcp_timeout_mark_lost(sk);
	if (icsk->icsk_ca_state <= TCP_CA_Disorder ||
	    !after(tp->high_seq, tp->snd_una) ||
	    (icsk->icsk_ca_state == TCP_CA_Loss && !icsk->icsk_retransmits)) {
		tp->prior_ssthresh = tcp_current_ssthresh(sk);
		tp->prior_cwnd = tcp_snd_cwnd(tp);
		tp->snd_ssthresh = icsk->icsk_ca_ops->ssthresh(sk);
		tcp_ca_event(sk, CA_EVENT_LOSS);
		tcp_init_undo(tp);
	}
	tcp_snd_cwnd_set(tp, tcp_packets_in_flight(tp) + 1);
	tp->snd_cwnd_cnt = 0;
	tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	/* many dupacks then a timeout: reordering was over-estimated */
	reordering = (u32)net->ipv4.sysctl_tcp_reordering;
	if (icsk->icsk_ca_state <= TCP_CA_Disorder &&
	    tp->sacked_out >= reordering)
		tp->reordering = min_t(u32, tp->reordering, reordering);
	tcp_set_ca_state(sk, TCP_CA_Loss);
	tp->high_seq = tp->snd_nxt;
	tp->tlp_high_seq = 0;
	tcp_ecn_queue_cwr(tp); /* RFC 3168 6.1.2: CWR on the next new data */
	/* RFC 5682 3.1 step 1 */
	tp->frto = net->ipv4.sysctl_tcp_frto &&
		   (new_recovery || icsk->icsk_retransmits);
}

/* REXMIT_*: what tcp_xmit_recovery sends after the ACK */
#define REXMIT_NONE 0
#define REXMIT_LOST 1 /* the segments marked lost */
#define REXMIT_NEW  2 /* new data (F-RTO step 2.b) */

/*
 * tcp_process_loss - an ACK in Loss, with F-RTO (RFC 5682 3.1, the SACK
 * variant): new data SACKed or ACKed without retransmission after the
 * timeout means it was spurious.
 */
static void tcp_process_loss(struct sock *sk, int flag, int num_dupack,
			     int *rexmit)
{
	struct tcp_sock *tp = tcp_sk(sk);
	bool recovered = !before(tp->snd_una, tp->high_seq);

	if ((flag & FLAG_SND_UNA_ADVANCED) && tcp_try_undo_loss(sk, false))
		return;
	if (tp->frto) {
		/* step 3.b: never-retransmitted data delivered */
		if ((flag & FLAG_ORIG_SACK_ACKED) &&
		    tcp_try_undo_loss(sk, true))
			return;
		if (after(tp->snd_nxt, tp->high_seq)) {
			if ((flag & FLAG_DATA_SACKED) || num_dupack)
				tp->frto = 0; /* step 3.a: the loss was real */
		} else if ((flag & FLAG_SND_UNA_ADVANCED) && !recovered) {
			tp->high_seq = tp->snd_nxt;
			/* step 2.b: send new data if there is some */
			if (!tcp_write_queue_empty(sk) &&
			    after(tcp_wnd_end(tp), tp->snd_nxt)) {
				*rexmit = REXMIT_NEW;
				return;
			}
			tp->frto = 0;
		}
	}
	if (recovered) {
		/* step 2.a and the first part of 3.a */
		tcp_try_undo_recovery(sk);
		return;
	}
	if (tcp_is_reno(tp)) {
		if (after(tp->snd_nxt, tp->high_seq) && num_dupack)
			tcp_add_reno_sack(sk, num_dupack);
		else if (flag & FLAG_SND_UNA_ADVANCED)
			tcp_reset_reno_sack(tp);
	}
	*rexmit = REXMIT_LOST;
}

/* what the ACK tells about losses: RACK with SACK, NewReno without */
static void tcp_identify_packet_loss(struct sock *sk, int *ack_flag)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tcp_rtx_queue_empty(sk))
		return;
	if (tcp_is_reno(tp)) {
		tcp_newreno_mark_lost(sk,
				      (*ack_flag & FLAG_SND_UNA_ADVANCED) != 0);
	} else if (sock_net(sk)->ipv4.sysctl_tcp_recovery &
		   TCP_RACK_LOSS_DETECTION) {
		u32 prior_retrans = tp->retrans_out;

		if (tcp_rack_mark_lost(sk))
			*ack_flag &= ~FLAG_SET_XMIT_TIMER;
		if (prior_retrans > tp->retrans_out)
			*ack_flag |= FLAG_LOST_RETRANS;
	}
}

/* tcp_recovery without RACK: RFC 6675's DupThresh marks the head lost */
static void tcp_update_scoreboard(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_rtx_queue_head(sk);

	if (tcp_is_sack(tp) && skb &&
	    !(TCP_SKB_CB(skb)->sacked & (TCPCB_LOST | TCPCB_SACKED_ACKED)))
		tcp_mark_skb_lost(sk, skb);
}

static bool tcp_time_to_recover(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (tp->lost_out)
		return true; /* the loss is proven */
	/* RFC 6675 5 DupThresh, when RACK does not decide */
	return !(sock_net(sk)->ipv4.sysctl_tcp_recovery &
		 TCP_RACK_LOSS_DETECTION) &&
	       tp->sacked_out + 1 > tp->reordering;
}

/*
 * tcp_check_sack_reneging - the cumulative ACK stopped at a SACKed
 * segment: the peer dropped what it had SACKed (RFC 2018 8).  Wait a
 * little for its ACK, then let the RTO sort it out.
 */
static bool tcp_check_sack_reneging(struct sock *sk, int *ack_flag)
{
	if ((*ack_flag & FLAG_SACK_RENEGING) &&
	    (*ack_flag & FLAG_SND_UNA_ADVANCED)) {
		struct tcp_sock *tp = tcp_sk(sk);
		u32 delay =
			max_t(u32, DIV_ROUND_UP(tp->srtt_us >> 4, 1000), 10);

		inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, delay,
					  TCP_RTO_MAX);
		*ack_flag &= ~FLAG_SET_XMIT_TIMER;
		return true;
	}
	return false;
}

/*
 * tcp_fastretrans_alert - the state machine of Linux's loss recovery on
 * a dubious ACK (a dupack, SACK or D-SACK, ECE, or not in Open): end
 * the state whose high_seq is acked, undo what proves spurious, mark
 * losses (RACK, or NewReno's rule without SACK), enter Recovery when a
 * loss is proven.  *@rexmit says what tcp_xmit_recovery sends.
 */
static void tcp_fastretrans_alert(struct sock *sk, const u32 prior_snd_una,
				  int num_dupack, int *ack_flag, int *rexmit)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int flag = *ack_flag;
	bool ece_ack = (flag & FLAG_ECE) != 0;
	bool do_lost = num_dupack || ((flag & FLAG_DATA_SACKED) &&
				      tp->sacked_out + 1 > tp->reordering);

	if (!tp->packets_out && tp->sacked_out)
		tp->sacked_out = 0;
	if (ece_ack)
		tp->prior_ssthresh = 0; /* an ECN reduction is never undone */
	if (tcp_check_sack_reneging(sk, ack_flag))
		return;

	/* D: leave the state once high_seq is acked */
	if (icsk->icsk_ca_state == TCP_CA_Open) {
		tp->retrans_stamp = 0;
	} else if (!before(tp->snd_una, tp->high_seq)) {
		switch (icsk->icsk_ca_state) {
		case TCP_CA_CWR:
			/* hold CWR until past high_seq: the peer saw CWR */
			if (tp->snd_una != tp->high_seq) {
				tcp_end_cwnd_reduction(sk);
				tcp_set_ca_state(sk, TCP_CA_Open);
			}
			break;
		case TCP_CA_Recovery:
			if (tcp_is_reno(tp))
				tcp_reset_reno_sack(tp);
			if (tcp_try_undo_recovery(sk))
				return;
			tcp_end_cwnd_reduction(sk);
			break;
		default:
			break;
		}
	}

	/* E: the state's own work */
	switch (icsk->icsk_ca_state) {
	case TCP_CA_Recovery:
		if (!(flag & FLAG_SND_UNA_ADVANCED)) {
			if (tcp_is_reno(tp))
				tcp_add_reno_sack(sk, num_dupack);
		} else {
			if (tcp_try_undo_partial(sk, prior_snd_una))
				return;
			/* a partial ACK: the next hole is lost too */
			do_lost = tcp_is_reno(tp) ||
				  tcp_highest_sack_seq(tp) - tp->snd_una >=
					  tp->reordering * tp->mss_cache;
		}
		if (tcp_try_undo_dsack(sk))
			tcp_try_to_open(sk, flag);
		tcp_identify_packet_loss(sk, ack_flag);
		if (icsk->icsk_ca_state != TCP_CA_Recovery) {
			if (!tcp_time_to_recover(sk))
				return;
			/* undone, yet a loss is evident: recover again */
			tcp_enter_recovery(sk, ece_ack);
		}
		break;
	case TCP_CA_Loss:
		tcp_process_loss(sk, flag, num_dupack, rexmit);
		if (icsk->icsk_ca_state != TCP_CA_Loss)
			tcp_update_rto_time(tp);
		tcp_identify_packet_loss(sk, ack_flag);
		if (!(icsk->icsk_ca_state == TCP_CA_Open ||
		      (*ack_flag & FLAG_LOST_RETRANS)))
			return;
		/* undone, or retransmissions lost again */
		fallthrough;
	default:
		if (tcp_is_reno(tp)) {
			if (flag & FLAG_SND_UNA_ADVANCED)
				tcp_reset_reno_sack(tp);
			tcp_add_reno_sack(sk, num_dupack);
		}
		if (icsk->icsk_ca_state <= TCP_CA_Disorder)
			tcp_try_undo_dsack(sk);
		tcp_identify_packet_loss(sk, ack_flag);
		if (!tcp_time_to_recover(sk)) {
			tcp_try_to_open(sk, flag);
			return;
		}
		if (tcp_mtup_probe_lost(sk))
			return; /* MTU probe failure: the cwnd stays */
		tcp_enter_recovery(sk, ece_ack);
		do_lost = true;
		break;
	}
	if (!(sock_net(sk)->ipv4.sysctl_tcp_recovery &
	      TCP_RACK_LOSS_DETECTION) &&
	    do_lost)
		tcp_update_scoreboard(sk);
	*rexmit = REXMIT_LOST;
}

/*
 * tcp_process_tlp_ack - RFC 8985 7.4: the probe's episode.  An ACK past
 * the probe that D-SACKs nothing means a loss the probe repaired: reduce
 * cwnd once (TCPLossProbeRecovery); a D-SACK of the probe or a pure
 * dupack means nothing was lost.
 */
void tcp_process_tlp_ack(struct sock *sk, u32 ack, int flag)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (before(ack, tp->tlp_high_seq))
		return;
	/* a probe of new data acked, the D-SACK of the probe (the original
	 * arrived too), or a pure dupack: nothing was lost */
	if (!tp->tlp_retrans || (flag & FLAG_DSACK_TLP) ||
	    (!after(ack, tp->tlp_high_seq) &&
	     !(flag &
	       (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP | FLAG_DATA_SACKED)))) {
		tp->tlp_high_seq = 0;
		return;
	}
	if (after(ack, tp->tlp_high_seq)) {
		/* tcp_init_cwnd_reduction clears tlp_high_seq */
		tcp_init_cwnd_reduction(sk);
		tcp_set_ca_state(sk, TCP_CA_CWR);
		tcp_end_cwnd_reduction(sk);
		tcp_try_keep_open(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPLOSSPROBERECOVERY);
	}
}

/*
 * tcp_tso_acked - the sent TSO @skb is acked in part: trim the acked
 * bytes off its head, so the rest stays one skb.  Return: how many of
 * its segments that acked (0: none whole, or no memory).
 */
static u32 tcp_tso_acked(struct sock *sk, struct sk_buff *skb)
{
	u32 packets_acked = tcp_skb_pcount(skb);

	if (tcp_trim_head(sk, skb, tcp_sk(sk)->snd_una - TCP_SKB_CB(skb)->seq))
		return 0;
	return packets_acked - tcp_skb_pcount(skb);
}

/*
 * tcp_clean_rtx_queue - free the skbs @snd_una now covers (a TSO skb
 * acked in part loses the acked bytes and stays); one RTT sample
 * from the oldest of them never sent twice; RACK and the reordering
 * detection learn from the originals among them.
 */
static int tcp_clean_rtx_queue(struct sock *sk, u32 prior_fack,
			       u32 prior_snd_una,
			       struct tcp_sacktag_state *sack, long *seq_rtt_us,
			       long *sack_rtt_us, u32 *pkts_acked)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u64 now_us = tp->tcp_mstamp;
	u64 first_ackt = 0;
	u32 reord = tp->snd_nxt;
	u32 prior_sacked = tp->sacked_out;
	bool fully_acked = true;
	struct sk_buff *skb;
	int flag = 0;

	while ((skb = tcp_rtx_queue_head(sk)) != NULL) {
		struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
		const u32 start_seq = scb->seq;
		u8 sacked = scb->sacked;
		u32 acked_pcount;

		if (after(scb->end_seq, tp->snd_una)) {
			/* part of a TSO skb: its acked head goes */
			if (tcp_skb_pcount(skb) == 1 ||
			    !after(tp->snd_una, scb->seq))
				break;
			acked_pcount = tcp_tso_acked(sk, skb);
			if (!acked_pcount)
				break;
			fully_acked = false;
		} else {
			acked_pcount = tcp_skb_pcount(skb);
		}
		if (sacked & TCPCB_RETRANS) {
			if (sacked & TCPCB_SACKED_RETRANS)
				tp->retrans_out -= acked_pcount;
			flag |= FLAG_RETRANS_DATA_ACKED;
		} else if (!(sacked & TCPCB_SACKED_ACKED)) {
			if (!first_ackt)
				first_ackt = tcp_skb_timestamp_us(skb);
			if (before(start_seq, reord))
				reord = start_seq;
			if (!after(scb->end_seq, tp->high_seq))
				flag |= FLAG_ORIG_SACK_ACKED;
		}
		if (sacked & TCPCB_SACKED_ACKED) {
			tp->sacked_out -= acked_pcount;
		} else if (tcp_is_sack(tp)) {
			tp->delivered += acked_pcount;
			tcp_rack_advance(tp, sacked, scb->end_seq,
					 tcp_skb_timestamp_us(skb));
		}
		if (sacked & TCPCB_LOST)
			tp->lost_out -= acked_pcount;
		tp->packets_out -= acked_pcount;
		*pkts_acked += acked_pcount;
		tcp_rate_skb_delivered(sk, skb, sack->rate);
		if (!(scb->tcp_flags & TCPHDR_SYN)) {
			flag |= FLAG_DATA_ACKED;
		} else {
			flag |= FLAG_SYN_ACKED;
			tp->retrans_stamp = 0;
		}
		if (!fully_acked)
			break;
		skb_unlink(skb, &sk->sk_write_queue);
		tcp_wmem_free_skb(sk, skb);
	}
	/* the cumulative ACK stopped at a SACKed segment: reneging */
	skb = tcp_rtx_queue_head(sk);
	if (!skb) /* all acked: busy only while data waits to be sent */
		tcp_chrono_stop(sk, TCP_CHRONO_BUSY);
	if (skb && (TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_ACKED))
		flag |= FLAG_SACK_RENEGING;
	if (first_ackt && now_us >= first_ackt &&
	    !(flag & FLAG_RETRANS_DATA_ACKED)) {
		*seq_rtt_us = (long)(now_us - first_ackt);
		/* one lone runt, nothing else delivered since it left and no
		 * SACK, loss or ECN news: the receiver may well have held
		 * its ACK for the delayed-ACK timer (Linux 6.18) */
		if (*pkts_acked == 1 && fully_acked && !prior_sacked &&
		    tp->snd_una - prior_snd_una < tp->mss_cache && sack->rate &&
		    sack->rate->prior_delivered + 1 == tp->delivered &&
		    !(flag & (FLAG_CA_ALERT | FLAG_SYN_ACKED)))
			flag |= FLAG_ACK_MAYBE_DELAYED;
	}
	if (sack->first_sackt && now_us >= sack->first_sackt)
		*sack_rtt_us = (long)(now_us - sack->first_sackt);
	if (flag & FLAG_ACKED) {
		flag |= FLAG_SET_XMIT_TIMER;
		if (unlikely(inet_csk(sk)->icsk_mtup.probe_size &&
			     !after(tp->mtu_probe.probe_seq_end, tp->snd_una)))
			tcp_mtup_probe_success(sk);
		if (tcp_is_reno(tp)) {
			tcp_remove_reno_sacks(sk, *pkts_acked);
			/* without SACK marks a retransmitted one among them
			 * hides whether an original arrived */
			if (flag & FLAG_RETRANS_DATA_ACKED)
				flag &= ~FLAG_ORIG_SACK_ACKED;
		} else if (before(reord, prior_fack)) {
			tcp_check_sack_reordering(sk, reord, 0);
		}
	} else if (skb && *sack_rtt_us >= 0 &&
		   (u64)*sack_rtt_us >
			   now_us - min_t(u64, now_us,
					  tcp_skb_timestamp_us(skb))) {
		/* the SACK RTT is older than the head: the head was sent
		 * again since, restart its clock */
		flag |= FLAG_SET_XMIT_TIMER;
	}
	if (tp->sacked_out > tp->packets_out)
		tp->sacked_out = tp->packets_out;
	return flag;
}

bool tcp_is_cwnd_limited(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (tcp_in_slow_start(tp))
		return tcp_snd_cwnd(tp) < 2 * tp->max_packets_out;
	return tcp_packets_in_flight(tp) + 1 >= tcp_snd_cwnd(tp) ||
	       tp->max_packets_out >= tcp_snd_cwnd(tp);
}

static void tcp_cong_avoid(struct sock *sk, u32 ack, u32 acked)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);

	if (!tcp_is_cwnd_limited(sk))
		return;
	icsk->icsk_ca_ops->cong_avoid(sk, ack, acked);
	tcp_sk(sk)->snd_cwnd_stamp = tcp_mstamp_ms(tcp_sk(sk));
}

/* cwnd grows on data acked; with reordering beyond the sysctl's, on any
 * forward progress */
static bool tcp_may_raise_cwnd(const struct sock *sk, const int flag)
{
	if (tcp_sk(sk)->reordering >
	    (u32)sock_net(sk)->ipv4.sysctl_tcp_reordering)
		return flag & FLAG_FORWARD_PROGRESS;
	return flag & FLAG_DATA_ACKED;
}

/* tcp_cong_control - a congestion control with its own cong_control
 * decides from the rate sample alone; else PRR in CWR and Recovery, and
 * the congestion control's own growth (Open, Disorder and Loss) */
static void tcp_cong_control(struct sock *sk, u32 ack, u32 acked_sacked,
			     int flag, const struct rate_sample *rs)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ca_ops->cong_control) {
		icsk->icsk_ca_ops->cong_control(sk, ack, flag, rs);
		return;
	}
	if (tcp_in_cwnd_reduction(sk))
		tcp_cwnd_reduction(sk, (int)acked_sacked, rs->losses, flag);
	else if (tcp_may_raise_cwnd(sk, flag))
		tcp_cong_avoid(sk, ack, acked_sacked);
	tcp_update_pacing_rate(sk);
}

/* send what the recovery decided: lost segments, or new data (F-RTO) */
static void tcp_xmit_recovery(struct sock *sk, int rexmit)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (rexmit == REXMIT_NONE || sk->sk_state == TCP_SYN_SENT)
		return;
	if (rexmit == REXMIT_NEW) {
		__tcp_push_pending_frames(sk, tcp_current_mss(sk),
					  TCP_NAGLE_OFF);
		if (after(tp->snd_nxt, tp->high_seq))
			return;
		tp->frto = 0;
	}
	tcp_xmit_retransmit_queue(sk);
}

/*
 * tcp_check_dsack - is the first SACK block of this ACK a D-SACK (RFC
 * 2883 4.1): below the cumulative ACK, or inside the second block?  It
 * counts the duplicates (tcpi_dsack_dups); a range larger than any
 * window we saw, or more duplicates than we ever retransmitted, is
 * dubious and ignored.  A D-SACK of a retransmission made since
 * undo_marker means that retransmission was not needed; once reordering
 * was seen it also widens RACK's window (RFC 8985 6.2 step 4), unless
 * it D-SACKs the loss probe.
 */
static bool tcp_check_dsack(struct sock *sk, const struct sk_buff *skb,
			    u32 prior_snd_una, struct tcp_sacktag_state *state)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 start0, end0, len, dup_segs = 1;
	const u8 *sp;
	int n = 0;

	if (!tp->rx_opt.sack_ok)
		return false;
	sp = tcp_sack_blocks(skb, &n);
	if (!sp)
		return false;
	start0 = get_be32(sp);
	end0 = get_be32(sp + 4);
	if (before(start0, TCP_SKB_CB(skb)->ack_seq)) {
		NET_INC_STATS(net, LINUX_MIB_TCPDSACKRECV);
	} else if (n > 1 && !before(start0, get_be32(sp + 8)) &&
		   !after(end0, get_be32(sp + 12))) {
		NET_INC_STATS(net, LINUX_MIB_TCPDSACKOFORECV);
	} else {
		return false;
	}
	if (!before(start0, end0))
		goto dubious;
	len = end0 - start0;
	if (len > tp->max_window)
		goto dubious;
	if (len > tp->mss_cache)
		dup_segs = DIV_ROUND_UP(len, max_t(u32, tp->mss_cache, 1));
	else if (tp->tlp_high_seq && tp->tlp_high_seq == end0)
		state->flag |= FLAG_DSACK_TLP;
	tp->dsack_dups += dup_segs;
	if (tp->dsack_dups > tp->total_retrans)
		goto dubious; /* we never sent that many twice */
	if (tp->reord_seen && !(state->flag & FLAG_DSACK_TLP))
		tp->rack.dsack_seen = 1;
	state->flag |= FLAG_DSACKING_ACK;
	state->sack_delivered += dup_segs;
	__NET_ADD_STATS(net, LINUX_MIB_TCPDSACKRECVSEGS, dup_segs);
	if (tp->undo_marker && tp->undo_retrans > 0 &&
	    !after(end0, prior_snd_una) && after(end0, tp->undo_marker))
		tp->undo_retrans =
			max_t(int, 0, tp->undo_retrans - (int)dup_segs);
	return true;
dubious:
	NET_INC_STATS(net, LINUX_MIB_TCPDSACKIGNOREDDUBIOUS);
	return false;
}

/* an ACK that needs tcp_fastretrans_alert */
static bool tcp_ack_is_dubious(const struct sock *sk, const int flag)
{
	return !(flag & FLAG_NOT_DUP) || (flag & FLAG_CA_ALERT) ||
	       inet_csk(sk)->icsk_ca_state != TCP_CA_Open;
}

/*
 * tcp_ack - process the ACK field (RFC 9293 3.10.7.4, fifth check)
 * Return: > 0 it acked something, 0 an old or duplicate ACK, < 0 the
 *	segment is to be dropped (an ACK of data never sent, or too old).
 */
static int tcp_ack(struct sock *sk, const struct sk_buff *skb, int flag)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_sacktag_state sack_state = { 0 };
	u32 prior_snd_una = tp->snd_una;
	u32 ack_seq = TCP_SKB_CB(skb)->seq;
	u32 ack = TCP_SKB_CB(skb)->ack_seq;
	u32 prior_fack, prior_delivered = tp->delivered;
	u32 lost = tp->lost;
	bool is_sack_reneg = tp->is_sack_reneg;
	struct rate_sample rs = { .prior_delivered = 0, .rtt_us = -1 };
	long seq_rtt_us = -1, sack_rtt_us = -1;
	u32 pkts_acked = 0;
	int rexmit = REXMIT_NONE;
	int num_dupack = 0;
	const u8 *sp;
	int nsacks = 0;

	if (before(ack, prior_snd_una)) {
		/* RFC 5961 5.2: older than the window the peer could know */
		if (before(ack, prior_snd_una - tp->max_window)) {
			if (!(flag & FLAG_NO_CHALLENGE_ACK))
				tcp_send_challenge_ack(sk);
			return -1;
		}
		goto old_ack;
	}
	/* RFC 9293 3.10.7.4: an ACK of something not yet sent */
	if (after(ack, tp->snd_nxt))
		return -1;

	prior_fack = tcp_is_sack(tp) ? tcp_highest_sack_seq(tp) : tp->snd_una;
	if (after(ack, prior_snd_una)) {
		flag |= FLAG_SND_UNA_ADVANCED;
		icsk->icsk_retransmits = 0;
	}
	/* the urgent pointer was acknowledged: urgent mode is over */
	if (between(tp->snd_up, prior_snd_una, ack))
		tp->snd_up = ack;
	if (flag & FLAG_UPDATE_TS_RECENT)
		tcp_replace_ts_recent(tp, ack_seq);
	/*
	 * Linux's slow path: an ACK without data is a pure one (TcpExt
	 * TCPPureAcks).  Its header-prediction fast path, which counts
	 * TCPHPAcks instead, is not built: every ACK comes this way.
	 */
	if (TCP_SKB_CB(skb)->seq != TCP_SKB_CB(skb)->end_seq)
		flag |= FLAG_DATA;
	else
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPPUREACKS);
	flag |= tcp_ack_update_window(sk, skb, ack, ack_seq);
	tp->bytes_acked += ack - prior_snd_una;
	/* something answered: soft errors and unanswered probes are over */
	sk->sk_err_soft = 0;
	icsk->icsk_probes_out = 0;
	tp->rcv_tstamp = tcp_mstamp_ms(tp);
	if (!tp->packets_out)
		goto no_queue;

	sack_state.rate = &rs;
	rs.prior_in_flight = tcp_packets_in_flight(tp);
	if (tcp_ecn_rcv_ecn_echo(tp, tcp_hdr(skb)))
		flag |= FLAG_ECE;
	sp = tcp_is_sack(tp) ? tcp_sack_blocks(skb, &nsacks) : NULL;
	if (sp)
		flag |= tcp_sacktag_write_queue(sk, skb, prior_snd_una,
						&sack_state);
	flag |= tcp_clean_rtx_queue(sk, prior_fack, prior_snd_una, &sack_state,
				    &seq_rtt_us, &sack_rtt_us, &pkts_acked);
	flag |= sack_state.flag & (FLAG_ORIG_SACK_ACKED | FLAG_DSACK_TLP);
	if ((flag & FLAG_ACKED) || sack_rtt_us >= 0)
		tcp_ack_update_rtt(sk, flag, seq_rtt_us, sack_rtt_us);
	rs.rtt_us = seq_rtt_us >= 0 ? seq_rtt_us : sack_rtt_us;
	if (icsk->icsk_ca_ops->pkts_acked && pkts_acked) {
		struct ack_sample sample = {
			.pkts_acked = pkts_acked,
			.rtt_us = (s32)seq_rtt_us,
			.in_flight = tcp_packets_in_flight(tp),
		};

		icsk->icsk_ca_ops->pkts_acked(sk, &sample);
	}
	tcp_rack_update_reo_wnd(sk, prior_delivered);
	if (tp->tlp_high_seq)
		tcp_process_tlp_ack(sk, ack, flag);
	if (tcp_ack_is_dubious(sk, flag)) {
		if (!(flag & (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP |
			      FLAG_DSACKING_ACK)))
			num_dupack = 1;
		tcp_fastretrans_alert(sk, prior_snd_una, num_dupack, &flag,
				      &rexmit);
	}
	if (flag & FLAG_SET_XMIT_TIMER)
		tcp_set_xmit_timer(sk);
	NET_ADD_STATS(sock_net(sk), LINUX_MIB_TCPDELIVERED,
		      tp->delivered - prior_delivered);
	if (flag & FLAG_ECE)
		tcp_ecn_delivered_ce(sk, tp->delivered - prior_delivered);
	rs.is_ack_delayed = (flag & FLAG_ACK_MAYBE_DELAYED) != 0;
	tcp_rate_gen(sk, tp->delivered - prior_delivered, tp->lost - lost,
		     is_sack_reneg, &rs);
	tcp_cong_control(sk, ack, tp->delivered - prior_delivered, flag, &rs);
	tcp_xmit_recovery(sk, rexmit);
	if (tp->packets_out == 0) {
		tp->max_packets_out = 0;
		/* the give-up clocks start again with the next loss (undo
		 * above has read it already) */
		tp->retrans_stamp = 0;
	}
	return 1;

no_queue:
	/* a window update may let a probed zero window open */
	if (tcp_send_head(sk))
		tcp_ack_probe(sk);
	if (tp->tlp_high_seq)
		tcp_process_tlp_ack(sk, ack, flag);
	return 1;

old_ack:
	/* an old ACK still updates the timestamp (RFC 7323 4.3), and its
	 * SACK blocks still count */
	if (flag & FLAG_UPDATE_TS_RECENT)
		tcp_replace_ts_recent(tp, ack_seq);
	sp = tcp_is_sack(tp) ? tcp_sack_blocks(skb, &nsacks) : NULL;
	if (sp && tp->packets_out) {
		sack_state.rate = &rs;
		flag |= tcp_sacktag_write_queue(sk, skb, prior_snd_una,
						&sack_state);
		tcp_fastretrans_alert(sk, prior_snd_una, num_dupack, &flag,
				      &rexmit);
		tcp_rack_update_reo_wnd(sk, prior_delivered);
		tcp_xmit_recovery(sk, rexmit);
	} else {
		tcp_check_dsack(sk, skb, prior_snd_una, &sack_state);
	}
	return 0;
}

/* ---- when to ACK ---- */

static void tcp_incr_quickack(struct sock *sk, unsigned int max_quickacks)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned int quickacks = tcp_sk(sk)->rcv_wnd /
				 (2 * max_t(u32, icsk->icsk_ack.rcv_mss, 1));

	if (quickacks == 0)
		quickacks = 2;
	quickacks = min_t(unsigned int, quickacks, max_quickacks);
	if (quickacks > icsk->icsk_ack.quick)
		icsk->icsk_ack.quick = (u8)quickacks;
}

void tcp_enter_quickack_mode(struct sock *sk, unsigned int max_quickacks)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	tcp_incr_quickack(sk, max_quickacks);
	inet_csk_exit_pingpong_mode(sk);
	icsk->icsk_ack.ato = TCP_ATO_MIN;
}

static bool tcp_in_quickack_mode(const struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct dst_entry *dst = sk->sk_dst_cache;

	/* the route's quickack metric: every ACK at once */
	return (dst && dst_metric(dst, RTAX_QUICKACK)) ||
	       (icsk->icsk_ack.quick && !inet_csk_in_pingpong_mode(sk));
}

void tcp_initialize_rcv_mss(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	unsigned int hint = min_t(unsigned int, tp->advmss, tp->mss_cache);

	hint = min_t(unsigned int, hint, tp->rcv_wnd / 2);
	hint = min_t(unsigned int, hint, TCP_MSS_DEFAULT);
	hint = max_t(unsigned int, hint, TCP_MIN_MSS);
	inet_csk(sk)->icsk_ack.rcv_mss = (u16)hint;
}

/*
 * tcp_update_scaling_ratio - how much of the buffer the payload gets:
 * len / truesize of what arrives (Linux 6.18 measures it instead of
 * assuming tcp_adv_win_scale); the window clamp follows the buffer.
 */
static void tcp_update_scaling_ratio(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u8 old_ratio = tp->scaling_ratio;
	u64 val;

	if (!skb->truesize)
		return;
	val = ((u64)skb->len << TCP_RMEM_TO_WIN_SCALE) / skb->truesize;
	tp->scaling_ratio = (u8)clamp_t(u64, val, 1, 255);
	if (old_ratio != tp->scaling_ratio) {
		tcp_set_window_clamp(sk, tcp_win_from_space(sk, sk->sk_rcvbuf));
		if (tp->window_clamp < tp->rcv_ssthresh)
			tp->rcv_ssthresh = tp->window_clamp;
	}
}

static void tcp_measure_rcv_mss(struct sock *sk, const struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	/* a GRO/GSO packet: its segment size, not its length */
	unsigned int len = skb_shinfo(skb)->gso_size ?: skb->len;

	icsk->icsk_ack.last_seg_size = 0;
	/* a GRO/GSO packet's segments are gso_size long */
	if (skb_shinfo(skb)->gso_size)
		len = skb_shinfo(skb)->gso_size;
	if (len >= icsk->icsk_ack.rcv_mss) {
		if (len != icsk->icsk_ack.rcv_mss)
			tcp_update_scaling_ratio(sk, skb);
		icsk->icsk_ack.rcv_mss =
			(u16)min_t(unsigned int, len, tcp_sk(sk)->advmss);
	} else {
		if (len >= TCP_MSS_DEFAULT + sizeof(struct tcphdr))
			icsk->icsk_ack.rcv_mss = (u16)len;
		icsk->icsk_ack.last_seg_size = (u16)len;
		icsk->icsk_ack.pending |= ICSK_ACK_PUSHED;
	}
}

/*
 * __tcp_grow_window - may a segment with this overhead (truesize / len)
 * grow the window?  Only while rcv_ssthresh stays below the part of
 * tcp_rmem[2] such segments could fill.
 */
static int __tcp_grow_window(const struct sock *sk, const struct sk_buff *skb,
			     unsigned int skbtruesize)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	int truesize = tcp_win_from_space(sk, (int)skbtruesize) >> 1;
	int window =
		tcp_win_from_space(sk, sock_net(sk)->ipv4.sysctl_tcp_rmem[2]) >>
		1;

	while ((int)tp->rcv_ssthresh <= window) {
		if (truesize <= (int)skb->len)
			return 2 * inet_csk(sk)->icsk_ack.rcv_mss;
		truesize >>= 1;
		window >>= 1;
	}
	return 0;
}

/*
 * tcp_grow_window - offer more as in-order data keeps coming (the
 * receiver's slow start of rcv_ssthresh), up to what the buffer and the
 * clamp hold
 */
static void tcp_grow_window(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int room, incr;

	room = min_t(int, (int)tp->window_clamp, tcp_space(sk)) -
	       (int)tp->rcv_ssthresh;
	/* not under tcp_mem pressure */
	if (room <= 0 || tcp_under_memory_pressure(sk))
		return;
	if (tcp_win_from_space(sk, (int)skb->truesize) <= (int)skb->len)
		incr = 2 * tp->advmss;
	else
		incr = __tcp_grow_window(sk, skb, skb->truesize);
	if (incr) {
		incr = max_t(int, incr, 2 * (int)skb->len);
		tp->rcv_ssthresh += (u32)min_t(int, room, incr);
		inet_csk(sk)->icsk_ack.quick |= 1;
	}
}

/* ---- urgent data (RFC 9293 3.8.5, RFC 6093) ---- */

/*
 * tcp_check_urg - a segment with URG: where the urgent byte is.  Linux
 * reads the pointer as BSD does (it points after the urgent byte) unless
 * tcp_stdurg (RFC 1122 4.2.2.4: it points at it); one urgent byte is kept
 * aside, SO_OOBINLINE leaves it in the stream.
 */
static void tcp_check_urg(struct sock *sk, const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 ptr = ntohs(th->urg_ptr);

	if (ptr && !sock_net(sk)->ipv4.sysctl_tcp_stdurg)
		ptr--;
	ptr += ntohl(th->seq);
	/* read already, or behind what arrived: nothing new */
	if (after(tp->copied_seq, ptr) || before(ptr, tp->rcv_nxt))
		return;
	if (tp->urg_data && !after(ptr, tp->urg_seq))
		return;
	/* the old urgent byte, unread and next, is skipped over */
	if (tp->urg_seq == tp->copied_seq && tp->urg_data &&
	    !sock_flag(sk, SOCK_URGINLINE) && tp->copied_seq != tp->rcv_nxt) {
		struct sk_buff *skb = skb_peek(&sk->sk_receive_queue);

		tp->copied_seq++;
		if (skb && !before(tp->copied_seq, TCP_SKB_CB(skb)->end_seq)) {
			skb_unlink(skb, &sk->sk_receive_queue);
			kfree_skb(skb);
		}
	}
	tp->urg_data = TCP_URG_NOTYET;
	tp->urg_seq = ptr;
}

/* tcp_urg - note a new urgent pointer; take the byte once it is here */
static void tcp_urg(struct sock *sk, struct sk_buff *skb,
		    const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (th->urg)
		tcp_check_urg(sk, th);
	if (tp->urg_data == TCP_URG_NOTYET) {
		u32 ptr =
			tp->urg_seq - ntohl(th->seq) + th->doff * 4U - th->syn;
		u8 c;

		if (ptr < skb->len && !skb_copy_bits(skb, (int)ptr, &c, 1)) {
			tp->urg_data = (u16)(TCP_URG_VALID | c);
			if (!sock_flag(sk, SOCK_DEAD))
				sk->sk_data_ready(sk);
		}
	}
}

/* ---- the receiver's RTT and receive buffer auto-tuning (DRS) ---- */

static void tcp_rcv_rtt_update(struct tcp_sock *tp, u32 sample, int win_dep)
{
	u32 new_sample, old_sample = tp->rcv_rtt_est.rtt_us;
	u32 m = sample << 3;

	if (old_sample == 0 || m < old_sample) {
		new_sample = m;
	} else {
		/* without timestamps only the minimum is kept: a stalled
		 * reader would otherwise inflate it */
		if (win_dep)
			return;
		if (tp->rcv_nxt != tp->copied_seq)
			return;
		new_sample = old_sample - (old_sample >> 3) + sample;
	}
	tp->rcv_rtt_est.rtt_us = new_sample;
}

/* one window's worth of data took how long to arrive (no timestamps) */
static void tcp_rcv_rtt_measure(struct tcp_sock *tp)
{
	u32 delta_us;

	if (tp->rcv_rtt_est.time == 0)
		goto new_measure;
	if (before(tp->rcv_nxt, tp->rcv_rtt_est.seq))
		return;
	delta_us = (u32)(tp->tcp_mstamp - tp->rcv_rtt_est.time);
	if (!delta_us)
		delta_us = 1;
	tcp_rcv_rtt_update(tp, delta_us, 1);
new_measure:
	tp->rcv_rtt_est.seq = tp->rcv_nxt + tp->rcv_wnd;
	tp->rcv_rtt_est.time = tp->tcp_mstamp;
}

/* the echoed timestamp of a full segment (RFC 7323 4.1) */
static void tcp_rcv_rtt_measure_ts(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 delta;

	if (!tp->rx_opt.saw_tstamp || !tp->rx_opt.rcv_tsecr ||
	    tp->rx_opt.rcv_tsecr == tp->rcv_rtt_last_tsecr)
		return;
	tp->rcv_rtt_last_tsecr = tp->rx_opt.rcv_tsecr;
	if (TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq <
	    inet_csk(sk)->icsk_ack.rcv_mss)
		return;
	delta = tcp_ts_now(tp) - tp->rx_opt.rcv_tsecr;
	if ((s32)delta > 0 && delta < INT_MAX / 1000U)
		tcp_rcv_rtt_update(tp, delta * 1000U, 0);
}

/* tcp_space_from_win - the buffer a window of @win needs */
static int tcp_space_from_win(const struct sock *sk, int win)
{
	u64 val = (u64)win << TCP_RMEM_TO_WIN_SCALE;

	return (int)min_t(u64, val / max_t(u8, tcp_sk(sk)->scaling_ratio, 1),
			  INT_MAX);
}

/*
 * tcp_rcvbuf_grow - with tcp_moderate_rcvbuf and no SO_RCVBUF, the buffer
 * follows twice what the application read in the last RTT (the sender
 * may double its rate: slow start), plus the out-of-order data, up to
 * tcp_rmem[2]; the window clamp follows the buffer.
 */
static void tcp_rcvbuf_grow(struct sock *sk)
{
	const struct net *net = sock_net(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *last;
	int rcvwin, rcvbuf;

	if (!net->ipv4.sysctl_tcp_moderate_rcvbuf ||
	    (sk->sk_userlocks & SOCK_RCVBUF_LOCK))
		return;
	rcvwin = (int)min_t(u32, tp->rcvq_space.space, INT_MAX / 4) << 1;
	last = skb_peek_tail(&tp->out_of_order_queue);
	if (last)
		rcvwin += (int)(TCP_SKB_CB(last)->end_seq - tp->rcv_nxt);
	rcvbuf = min_t(int, tcp_space_from_win(sk, rcvwin),
		       net->ipv4.sysctl_tcp_rmem[2]);
	if (rcvbuf > sk->sk_rcvbuf) {
		sk->sk_rcvbuf = rcvbuf;
		tp->window_clamp = (u32)tcp_win_from_space(sk, rcvbuf);
	}
}

/*
 * tcp_rcv_space_adjust - after a read: once per receiver RTT, compare
 * what the application took with the last measure (Dynamic Right-Sizing)
 */
void tcp_rcv_space_adjust(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u64 now = tcp_clock_us(sk);
	int copied, inq;

	if (!tp->rcv_rtt_est.rtt_us ||
	    now - tp->rcvq_space.time < (tp->rcv_rtt_est.rtt_us >> 3))
		return;
	copied = (int)(tp->copied_seq - tp->rcvq_space.seq);
	inq = (int)(tp->rcv_nxt - tp->copied_seq);
	copied -= inq;
	if (copied > (int)tp->rcvq_space.space) {
		tp->rcvq_space.space = (u32)copied;
		tcp_rcvbuf_grow(sk);
	}
	tp->rcvq_space.seq = tp->copied_seq;
	tp->rcvq_space.time = now;
}

/*
 * tcp_event_data_recv - data arrived: an ACK is due; the delayed-ACK
 * timeout follows the arrival gaps (quick ACKs at the start, RFC 1122
 * 4.2.3.2 at most every second full segment otherwise).
 */
static void tcp_event_data_recv(struct sock *sk, const struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 now = tcp_mstamp_ms(tcp_sk(sk));

	inet_csk_schedule_ack(sk);
	tcp_measure_rcv_mss(sk, skb);
	tcp_rcv_rtt_measure(tcp_sk(sk));
	if (!icsk->icsk_ack.ato) {
		tcp_incr_quickack(sk, TCP_MAX_QUICKACKS);
		icsk->icsk_ack.ato = TCP_ATO_MIN;
	} else {
		u32 m = now - icsk->icsk_ack.lrcvtime;

		if (m <= TCP_ATO_MIN / 2) {
			icsk->icsk_ack.ato =
				(icsk->icsk_ack.ato >> 1) + TCP_ATO_MIN / 2;
		} else if (m < icsk->icsk_ack.ato) {
			icsk->icsk_ack.ato = (icsk->icsk_ack.ato >> 1) + m;
			if (icsk->icsk_ack.ato > icsk->icsk_rto)
				icsk->icsk_ack.ato = icsk->icsk_rto;
		} else if (m > icsk->icsk_rto) {
			tcp_incr_quickack(sk, TCP_MAX_QUICKACKS);
		}
	}
	icsk->icsk_ack.lrcvtime = now;
	tcp_sk(sk)->last_data_recv = now;
	tcp_ecn_check_ce(sk, skb);
	if (skb->len >= 128)
		tcp_grow_window(sk, skb);
}

/* ---- SACK compression (Linux 6.18's; tcp_comp_sack_*) ---- */

/*
 * A SACK block that lands past the second slot forces out a held ACK:
 * with timestamps only three blocks fit and ACKs may be lost, so two is
 * what the sender can be relied on to see.
 */
#define TCP_SACK_BLOCKS_EXPECTED 2

/*
 * tcp_sack_compress_send_ack - send the ACK that the held duplicate ACKs
 * were waiting for now, not at the timer.  TcpExtTCPAckCompressed counts
 * the ACKs it replaces: all held but the one it is.
 */
void tcp_sack_compress_send_ack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->compressed_ack)
		return;
	del_timer(&tp->compressed_ack_timer);
	NET_ADD_STATS(sock_net(sk), LINUX_MIB_TCPACKCOMPRESSED,
		      tp->compressed_ack - 1);
	tp->compressed_ack = 0;
	tcp_send_ack(sk);
}

/*
 * tcp_sack_slot - where the block holding [@seq, @end_seq) sits among
 * the SACK blocks last sent (Linux's tcp_sack_new_ofo_skb keeps them most
 * recent first): the index of one it touches, else how many there are
 * (a new block).
 */
static int tcp_sack_slot(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	int i;

	for (i = 0; i < tp->rx_opt.num_sacks; i++) {
		const struct tcp_sack_block *sp = &tp->sack->selective_acks[i];

		if (!after(sp->start_seq, end_seq) && !after(seq, sp->end_seq))
			return i;
	}
	return i;
}

/* out-of-order [@seq, @end_seq) is about to change the SACK blocks */
static void tcp_sack_compress_new_ofo(struct sock *sk, u32 seq, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->rx_opt.num_sacks &&
	    tcp_sack_slot(tp, seq, end_seq) >= TCP_SACK_BLOCKS_EXPECTED)
		tcp_sack_compress_send_ack(sk);
}

/*
 * tcp_sack_compress - an ACK is due while data is out of order: the
 * first TCP_FASTRETRANS_THRESH duplicate ACKs for this RCV.NXT go at once
 * (the sender's fast retransmit needs them), later ones are held, up to
 * tcp_comp_sack_nr, for min(tcp_comp_sack_delay_ns, 5 % of the RTT) plus
 * tcp_comp_sack_slack_ns.  Return: true when the ACK must go now.
 */
static bool tcp_sack_compress(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct net *net = sock_net(sk);
	u64 delay, rtt;

	if (!tcp_is_sack(tp) ||
	    tp->compressed_ack >= (u32)net->ipv4.sysctl_tcp_comp_sack_nr)
		return true;
	if (tp->compressed_ack_rcv_nxt != tp->rcv_nxt) {
		tp->compressed_ack_rcv_nxt = tp->rcv_nxt;
		tp->dup_ack_counter = 0;
	}
	if (tp->dup_ack_counter < TCP_FASTRETRANS_THRESH) {
		tp->dup_ack_counter++;
		return true;
	}
	tp->compressed_ack++;
	if (timer_pending(&tp->compressed_ack_timer))
		return false;
	/* the receiver's RTT estimate, or srtt when smaller (both << 3):
	 * with neither measured yet the timer is due at once */
	rtt = tp->rcv_rtt_est.rtt_us;
	if (tp->srtt_us && tp->srtt_us < rtt)
		rtt = tp->srtt_us;
	delay = rtt * (NSEC_PER_USEC >> 3) / 20;
	if (delay > net->ipv4.sysctl_tcp_comp_sack_delay_ns)
		delay = net->ipv4.sysctl_tcp_comp_sack_delay_ns;
	/* an hrtimer with a range fires at its end when nothing else wakes
	 * the CPU sooner */
	delay = ktime_add_safe(delay, net->ipv4.sysctl_tcp_comp_sack_slack_ns);
	mod_timer(&tp->compressed_ack_timer,
		  ktime_add_safe(ktime_get_ns(net->st), delay));
	return false;
}

static void __tcp_ack_snd_check(struct sock *sk, int ofo_possible)
{
	struct tcp_sock *tp = tcp_sk(sk);
	bool now =
		((tp->rcv_nxt - tp->rcv_wup) > inet_csk(sk)->icsk_ack.rcv_mss &&
		 __tcp_select_window(sk) >= tp->rcv_wnd) ||
		tcp_in_quickack_mode(sk) ||
		(inet_csk(sk)->icsk_ack.pending & ICSK_ACK_NOW);

	if (now) {
		/* from the backlog (release_sock): one ACK at the end, from
		 * tcp_release_cb() (Linux 6.8+, tcp_backlog_ack_defer) */
		if (sock_owned_by_user(sk) &&
		    sock_net(sk)->ipv4.sysctl_tcp_backlog_ack_defer) {
			tp->tsq_flags |= TCPF_ACK_DEFERRED;
			return;
		}
		tcp_send_ack(sk);
		return;
	}
	if (!ofo_possible || skb_queue_empty(&tp->out_of_order_queue)) {
		tcp_send_delayed_ack(sk);
		return;
	}
	if (tcp_sack_compress(sk))
		tcp_send_ack(sk);
}

static void tcp_ack_snd_check(struct sock *sk)
{
	if (!inet_csk_ack_scheduled(sk))
		return;
	__tcp_ack_snd_check(sk, 1);
}

/* tcp_data_snd_check - the ACK may have opened the windows: send */
static void tcp_data_snd_check(struct sock *sk)
{
	if (tcp_send_head(sk))
		__tcp_push_pending_frames(sk, tcp_current_mss(sk),
					  tcp_sk(sk)->nonagle);
	tcp_check_space(sk);
}

/*
 * tcp_dsack_set - tell the peer [@seq, @end_seq) arrived twice: the next
 * ACK carries it as the first SACK block (RFC 2883 4), when SACK was
 * agreed and tcp_dsack allows it.  Below RCV.NXT it is an old duplicate,
 * above it a duplicate of out-of-order data.
 */
static void tcp_dsack_set(struct sock *sk, u32 seq, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_sack_state *sb;

	if (!tp->rx_opt.sack_ok || !sock_net(sk)->ipv4.sysctl_tcp_dsack)
		return;
	sb = tcp_sack_state_get(tp);
	if (!sb)
		return;
	NET_INC_STATS(sock_net(sk), before(seq, tp->rcv_nxt)
					    ? LINUX_MIB_TCPDSACKOLDSENT
					    : LINUX_MIB_TCPDSACKOFOSENT);
	tp->rx_opt.dsack = 1;
	sb->duplicate_sack[0].start_seq = seq;
	sb->duplicate_sack[0].end_seq = end_seq;
}

/* tcp_dsack_extend - one more duplicate: grow the pending D-SACK block
 * when the ranges touch (RFC 2883 4 reports one contiguous block) */
static void tcp_dsack_extend(struct sock *sk, u32 seq, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_sack_block *sp;

	if (!tp->rx_opt.dsack) {
		tcp_dsack_set(sk, seq, end_seq);
		return;
	}
	sp = &tp->sack->duplicate_sack[0];
	if (after(seq, sp->end_seq) || after(sp->start_seq, end_seq))
		return;
	if (before(seq, sp->start_seq))
		sp->start_seq = seq;
	if (after(end_seq, sp->end_seq))
		sp->end_seq = end_seq;
}

static void tcp_send_dupack(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 seq = TCP_SKB_CB(skb)->seq, end_seq = TCP_SKB_CB(skb)->end_seq;

	if (end_seq != seq && before(seq, tp->rcv_nxt)) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_DELAYEDACKLOST);
		tcp_enter_quickack_mode(sk, TCP_MAX_QUICKACKS);
		/* the part below RCV.NXT is what we had already */
		tcp_dsack_set(sk, seq,
			      after(end_seq, tp->rcv_nxt) ? tp->rcv_nxt
							  : end_seq);
	}
	tcp_send_ack(sk);
}

/* ---- FIN and RST ---- */

/*
 * tcp_reset - an acceptable RST (RFC 9293 3.10.7.3, 3.10.7.4 first
 * check): the error the user sees, then CLOSED.
 */
void tcp_reset(struct sock *sk, struct sk_buff *skb)
{
	(void)skb;
	switch (sk->sk_state) {
	case TCP_SYN_SENT:
		sk->sk_err = ECONNREFUSED;
		break;
	case TCP_CLOSE_WAIT:
		sk->sk_err = EPIPE;
		break;
	case TCP_CLOSE:
		return;
	default:
		sk->sk_err = ECONNRESET;
	}
	tcp_write_queue_purge(sk);
	tcp_done(sk);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_error_report(sk);
}

/*
 * tcp_fin - the peer's FIN, in sequence (RFC 9293 3.10.7.4 eighth
 * check): CLOSE-WAIT from ESTABLISHED, CLOSING from FIN-WAIT-1,
 * TIME-WAIT from FIN-WAIT-2.
 */
void tcp_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	inet_csk_schedule_ack(sk);
	sk->sk_shutdown |= RCV_SHUTDOWN;
	sock_set_flag(sk, SOCK_DONE);
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_CLOSE_WAIT);
		inet_csk_enter_pingpong_mode(sk);
		break;
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		break;
	case TCP_FIN_WAIT1:
		/* simultaneous close (RFC 9293 3.6 figure 13) */
		tcp_send_ack(sk);
		tcp_set_state(sk, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_send_ack(sk);
		tcp_time_wait(sk, TCP_TIME_WAIT, 0);
		break;
	default:
		break;
	}
	/* anything out of order beyond the FIN is void, and so are the SACK
	 * blocks: a D-SACK of data the FIN's segment repeated is not sent
	 * (Linux's tcp_sack_reset) */
	skb_queue_purge(&tp->out_of_order_queue);
	tp->rx_opt.num_sacks = 0;
	tp->rx_opt.dsack = 0;
	if (!sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		tcp_sk_wake(sk);
	}
}

/* ---- data ---- */

/*
 * tcp_try_coalesce - @from continues @to exactly: its data joins @to
 * (skb_try_coalesce), so that a queue of small segments holds one skb's
 * overhead, not one each (TcpExt TCPRcvCoalesce).  @to's owner is
 * charged what @to's truesize grew by; @from is the caller's to free,
 * uncharged.
 */
static bool tcp_try_coalesce(struct sock *sk, struct sk_buff *to,
			     struct sk_buff *from)
{
	bool fragstolen;
	int delta;

	if (TCP_SKB_CB(from)->seq != TCP_SKB_CB(to)->end_seq)
		return false;
	if (!skb_try_coalesce(to, from, &fragstolen, &delta))
		return false;
	sk->sk_rmem_alloc += delta;
	sk_mem_charge(sk, delta);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPRCVCOALESCE);
	TCP_SKB_CB(to)->end_seq = TCP_SKB_CB(from)->end_seq;
	TCP_SKB_CB(to)->ack_seq = TCP_SKB_CB(from)->ack_seq;
	TCP_SKB_CB(to)->tcp_flags |= TCP_SKB_CB(from)->tcp_flags;
	return true;
}

/*
 * tcp_queue_rcv - in-order @skb goes to the receive queue, into its tail
 * skb when it can.  Return: true when it was coalesced there (the caller
 * frees @skb when done with it).
 */
static bool tcp_queue_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct sk_buff *tail = skb_peek_tail(&sk->sk_receive_queue);
	struct tcp_sock *tp = tcp_sk(sk);
	bool eaten = tail && tcp_try_coalesce(sk, tail, skb);

	tp->rcv_nxt = TCP_SKB_CB(skb)->end_seq;
	tp->bytes_received += skb->len;
	if (!eaten) {
		skb_dst_drop(skb);
		skb_set_owner_r(skb, sk);
		skb_queue_tail(&sk->sk_receive_queue, skb);
	}
	return eaten;
}

/* ---- receive memory: prune and collapse (Linux's tcp_prune_queue) ---- */

static void tcp_sack_rebuild(struct tcp_sock *tp, u32 newest_seq);

/*
 * tcp_can_ingest - may @skb join the queues within sk_rcvbuf?  Its len,
 * not its truesize, is what counts (Linux 6.18): a tiny segment in a
 * big buffer must not close a window the peer was offered.
 */
static bool tcp_can_ingest(const struct sock *sk, const struct sk_buff *skb)
{
	return sk->sk_rmem_alloc + (int)skb->len <= sk->sk_rcvbuf;
}

/*
 * tcp_clamp_window - the queue outgrew the buffer: an unlocked buffer
 * grows to what is queued (up to tcp_rmem[2]) while TCP is under
 * tcp_mem[0] and not under pressure; if it still does not fit,
 * rcv_ssthresh drops to two segments.
 */
static void tcp_clamp_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int rmem2 = sock_net(sk)->ipv4.sysctl_tcp_rmem[2];

	inet_csk(sk)->icsk_ack.quick = 0;
	if (sk->sk_rcvbuf < rmem2 && !(sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    !tcp_under_memory_pressure(sk) &&
	    sk_memory_allocated(sk) < sk_prot_mem_limits(sk, 0))
		sk->sk_rcvbuf = min_t(int, sk->sk_rmem_alloc, rmem2);
	if (sk->sk_rmem_alloc > sk->sk_rcvbuf)
		tp->rcv_ssthresh =
			min_t(u32, tp->window_clamp, 2U * tp->advmss);
}

/*
 * tcp_collapse - copy the receive queue's unread data into as few
 * skbs as hold it, so that the overhead (truesize beyond len) of many
 * small segments no longer counts against the buffer.
 */
static void tcp_collapse(struct sock *sk)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff_head out;
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb, *nskb = NULL;
	unsigned int cap = 4096 - 512, old_truesize = 0, n = 0;
	unsigned int left = tp->rcv_nxt - tp->copied_seq;

	skb_queue_walk(q, skb) {
		old_truesize += skb->truesize;
		n++;
		/* a FIN stays where it is: collapse stops before it */
		if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
			return;
	}
	/* worth it only when the copies are smaller than what they replace */
	if (n < 2 || old_truesize <= left + (left / cap + 1) * 1024)
		return;
	skb_queue_head_init(&out);
	while ((skb = skb_peek(q)) != NULL) {
		u32 start = TCP_SKB_CB(skb)->seq, offset = 0;

		if (before(start, tp->copied_seq))
			offset = tp->copied_seq - start;
		while (offset < skb->len) {
			unsigned int copy;

			if (!nskb || !skb_tailroom(nskb)) {
				nskb = alloc_skb(min_t(unsigned int, left, cap),
						 GFP_ATOMIC);
				if (!nskb)
					goto out;
				TCP_SKB_CB(nskb)->seq =
					TCP_SKB_CB(skb)->seq + offset;
				TCP_SKB_CB(nskb)->end_seq =
					TCP_SKB_CB(nskb)->seq;
				TCP_SKB_CB(nskb)->tcp_flags = 0;
				skb_set_owner_r(nskb, sk);
				skb_queue_tail(&out, nskb);
			}
			copy = min_t(unsigned int, skb->len - offset,
				     (unsigned int)skb_tailroom(nskb));
			skb_copy_bits(skb, (int)offset, skb_put(nskb, copy),
				      (int)copy);
			TCP_SKB_CB(nskb)->end_seq += copy;
			offset += copy;
			left -= copy;
		}
		if (nskb)
			TCP_SKB_CB(nskb)->tcp_flags |=
				TCP_SKB_CB(skb)->tcp_flags &
				(TCPHDR_PSH | TCPHDR_URG);
		skb_unlink(skb, q);
		kfree_skb(skb);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPRCVCOLLAPSED);
	}
out:
	/* what was copied goes first, what could not be stays behind */
	while ((nskb = skb_dequeue_tail(&out)) != NULL)
		skb_queue_head(q, nskb);
}

/*
 * tcp_prune_ofo_queue - drop out-of-order data from its far end, an
 * eighth of the buffer at a time, until @in_skb fits: it is the least
 * useful data we hold (RFC 2018 8: the SACKed data may be reneged).
 */
static bool tcp_prune_ofo_queue(struct sock *sk, const struct sk_buff *in_skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int goal = sk->sk_rcvbuf >> 3;
	bool pruned = false;
	struct sk_buff *skb;

	while ((skb = skb_peek_tail(&tp->out_of_order_queue)) != NULL) {
		if (after(TCP_SKB_CB(in_skb)->seq, TCP_SKB_CB(skb)->seq))
			break;
		pruned = true;
		skb_unlink(skb, &tp->out_of_order_queue);
		goal -= (int)skb->truesize;
		kfree_skb(skb);
		if (goal <= 0) {
			if (tcp_can_ingest(sk, in_skb))
				break;
			goal = sk->sk_rcvbuf >> 3;
		}
	}
	if (pruned) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_OFOPRUNED);
		tp->rx_opt.num_sacks = 0;
		if (!skb_queue_empty(&tp->out_of_order_queue))
			tcp_sack_rebuild(tp, tp->rcv_nxt);
	}
	return pruned;
}

/*
 * tcp_prune_queue - make room for @in_skb: grow the buffer if allowed,
 * collapse the receive queue, then sacrifice out-of-order data.
 * Return: 0 when it fits now, -1 when it must be dropped.
 */
static int tcp_prune_queue(struct sock *sk, const struct sk_buff *in_skb)
{
	NET_INC_STATS(sock_net(sk), LINUX_MIB_PRUNECALLED);
	if (!tcp_can_ingest(sk, in_skb))
		tcp_clamp_window(sk);
	else if (tcp_under_memory_pressure(sk))
		tcp_adjust_rcv_ssthresh(sk);
	if (tcp_can_ingest(sk, in_skb))
		return 0;
	tcp_collapse(sk);
	if (tcp_can_ingest(sk, in_skb))
		return 0;
	tcp_prune_ofo_queue(sk, in_skb);
	if (tcp_can_ingest(sk, in_skb))
		return 0;
	NET_INC_STATS(sock_net(sk), LINUX_MIB_RCVPRUNED);
	return -1;
}

/*
 * tcp_try_rmem_schedule - room for @skb: within sk_rcvbuf and with its
 * truesize forward allocated from tcp_mem; else prune, then give up
 * out-of-order data until the memory comes.  Return: 0 or -1 (drop).
 */
static int tcp_try_rmem_schedule(struct sock *sk, struct sk_buff *skb)
{
	int size = (int)skb->truesize;

	if (!tcp_can_ingest(sk, skb) || !sk_rmem_schedule(sk, skb, size)) {
		if (tcp_prune_queue(sk, skb) < 0)
			return -1;
		while (!sk_rmem_schedule(sk, skb, size)) {
			if (!tcp_prune_ofo_queue(sk, skb))
				return -1;
		}
	}
	return 0;
}

/* The SACK blocks (RFC 2018 4): the out-of-order runs, newest first. */
static void tcp_sack_rebuild(struct tcp_sock *tp, u32 newest_seq)
{
	struct tcp_sack_block blocks[64];
	struct sk_buff *skb;
	int n = 0, i, first = -1;

	skb_queue_walk(&tp->out_of_order_queue, skb) {
		u32 s = TCP_SKB_CB(skb)->seq, e = TCP_SKB_CB(skb)->end_seq;

		if (n && !after(s, blocks[n - 1].end_seq)) {
			if (after(e, blocks[n - 1].end_seq))
				blocks[n - 1].end_seq = e;
		} else if (n < 64) {
			blocks[n].start_seq = s;
			blocks[n].end_seq = e;
			n++;
		}
	}
	for (i = 0; i < n; i++)
		if (!before(newest_seq, blocks[i].start_seq) &&
		    before(newest_seq, blocks[i].end_seq))
			first = i;
	tp->rx_opt.num_sacks = 0;
	if (!tp->rx_opt.sack_ok || !n || !tcp_sack_state_get(tp))
		return;
	if (first >= 0)
		tp->sack->selective_acks[tp->rx_opt.num_sacks++] =
			blocks[first];
	for (i = n - 1; i >= 0 && tp->rx_opt.num_sacks < TCP_NUM_SACKS; i--)
		if (i != first)
			tp->sack->selective_acks[tp->rx_opt.num_sacks++] =
				blocks[i];
}

/* tcp_ofo_queue - move what became in-order to the receive queue */
static void tcp_ofo_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	bool fin;

	while ((skb = skb_peek(&tp->out_of_order_queue)) != NULL) {
		if (after(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			break;
		skb_unlink(skb, &tp->out_of_order_queue);
		/* the part in-order data already brought is a duplicate */
		if (before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			tcp_dsack_extend(
				sk, TCP_SKB_CB(skb)->seq,
				after(TCP_SKB_CB(skb)->end_seq, tp->rcv_nxt)
					? tp->rcv_nxt
					: TCP_SKB_CB(skb)->end_seq);
		if (!after(TCP_SKB_CB(skb)->end_seq, tp->rcv_nxt)) {
			kfree_skb(skb); /* all duplicate */
			continue;
		}
		fin = TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN;
		if (tcp_queue_rcv(sk, skb))
			consume_skb(skb);
		if (fin)
			tcp_fin(sk);
	}
}

static void tcp_data_queue_ofo(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 seq = TCP_SKB_CB(skb)->seq, end_seq = TCP_SKB_CB(skb)->end_seq;
	struct sk_buff *pos, *next;

	tcp_ecn_check_ce(sk, skb);
	if (tcp_try_rmem_schedule(sk, skb)) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPOFODROP);
		sk->sk_drops++;
		if (!sock_flag(sk, SOCK_DEAD))
			sk->sk_data_ready(sk);
		kfree_skb_reason(skb, SKB_DROP_REASON_PROTO_MEM);
		return;
	}
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPOFOQUEUE);
	tp->rcv_ooopack++;
	inet_csk_schedule_ack(sk);
	skb_dst_drop(skb);
	/* after the last one that starts at or before us */
	skb_queue_walk(&tp->out_of_order_queue, pos) {
		if (after(TCP_SKB_CB(pos)->seq, seq))
			break;
		if (!before(TCP_SKB_CB(pos)->end_seq, end_seq) &&
		    !after(TCP_SKB_CB(pos)->seq, seq)) {
			/* covered already: all of it is a duplicate */
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPOFOMERGE);
			tcp_dsack_set(sk, seq, end_seq);
			kfree_skb(skb);
			tcp_sack_compress_new_ofo(sk, seq, end_seq);
			tcp_sack_rebuild(tp, seq);
			return;
		}
	}
	/* it continues the one before exactly: it joins that one (Linux's
	 * tcp_ooo_try_coalesce) */
	if (pos->prev != (struct sk_buff *)&tp->out_of_order_queue &&
	    tcp_try_coalesce(sk, pos->prev, skb)) {
		consume_skb(skb);
		tcp_sack_compress_new_ofo(sk, seq, end_seq);
		tcp_sack_rebuild(tp, seq);
		if (sk->sk_socket)
			tcp_rcvbuf_grow(sk);
		return;
	}
	/* the head overlaps the one before: that part is a duplicate */
	if (pos->prev != (struct sk_buff *)&tp->out_of_order_queue &&
	    after(TCP_SKB_CB(pos->prev)->end_seq, seq))
		tcp_dsack_set(sk, seq, TCP_SKB_CB(pos->prev)->end_seq);
	/* insert before @pos */
	skb->next = pos;
	skb->prev = pos->prev;
	pos->prev->next = skb;
	pos->prev = skb;
	tp->out_of_order_queue.qlen++;
	skb_set_owner_r(skb, sk);
	/* those we cover whole go; one we reach into is a duplicate too */
	for (pos = skb->next; pos != (struct sk_buff *)&tp->out_of_order_queue;
	     pos = next) {
		next = pos->next;
		if (!after(end_seq, TCP_SKB_CB(pos)->seq))
			break;
		if (before(end_seq, TCP_SKB_CB(pos)->end_seq)) {
			tcp_dsack_extend(sk, TCP_SKB_CB(pos)->seq, end_seq);
			break;
		}
		tcp_dsack_extend(sk, TCP_SKB_CB(pos)->seq,
				 TCP_SKB_CB(pos)->end_seq);
		skb_unlink(pos, &tp->out_of_order_queue);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPOFOMERGE);
		kfree_skb(pos);
	}
	tcp_sack_compress_new_ofo(sk, seq, end_seq);
	tcp_sack_rebuild(tp, seq);
	/* not for a sock not yet accepted or already orphaned */
	if (sk->sk_socket)
		tcp_rcvbuf_grow(sk);
}

/*
 * tcp_data_queue - the segment's text (RFC 9293 3.10.7.4 seventh check):
 * in order it goes to the receive queue (and what it completes from the
 * out-of-order queue follows); ahead of RCV.NXT it waits out of order;
 * already received, it is dropped and ACKed at once.
 */
static void tcp_data_queue(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	bool eaten;

	if (cb->seq == cb->end_seq) {
		kfree_skb(skb);
		return;
	}
	/* tcp_segs_in(): a segment with payload; a FIN alone is not one */
	if (cb->end_seq - cb->seq > (u32) !!(cb->tcp_flags & TCPHDR_FIN))
		tp->data_segs_in++;
	/* the header goes: the skb holds the text only from here */
	tcp_ecn_accept_cwr(sk, skb);
	__skb_pull_header(skb);

	if (cb->seq == tp->rcv_nxt) {
		if (tcp_receive_window(tp) == 0) {
			/* a bare FIN into a closed window is taken: some
			 * stacks resend it forever otherwise */
			if (!skb->len && (cb->tcp_flags & TCPHDR_FIN))
				goto queue_and_out;
			NET_INC_STATS(sock_net(sk),
				      LINUX_MIB_TCPZEROWINDOWDROP);
			goto out_of_window;
		}
queue_and_out:
		if (tcp_try_rmem_schedule(sk, skb)) {
			/* no room: offer a zero window at once */
			inet_csk(sk)->icsk_ack.pending |=
				ICSK_ACK_NOMEM | ICSK_ACK_NOW;
			inet_csk_schedule_ack(sk);
			if (!sock_flag(sk, SOCK_DEAD))
				sk->sk_data_ready(sk);
			/* an empty queue takes it anyway, or the
			 * connection could stall for good */
			if (skb_queue_len(&sk->sk_receive_queue) && skb->len) {
				NET_INC_STATS(sock_net(sk),
					      LINUX_MIB_TCPRCVQDROP);
				sk->sk_drops++;
				kfree_skb_reason(skb,
						 SKB_DROP_REASON_PROTO_MEM);
				return;
			}
			sk_forced_mem_schedule(sk, (int)skb->truesize);
		}
		eaten = tcp_queue_rcv(sk, skb);
		if (skb->len)
			tcp_event_data_recv(sk, skb);
		if (cb->tcp_flags & TCPHDR_FIN)
			tcp_fin(sk);
		if (!skb_queue_empty(&tp->out_of_order_queue)) {
			tcp_ofo_queue(sk);
			/* RFC 5681 4.2: ACK at once when a hole fills */
			inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_NOW;
			if (skb_queue_empty(&tp->out_of_order_queue))
				tp->rx_opt.num_sacks = 0;
			else
				tcp_sack_rebuild(tp, tp->rcv_nxt);
		}
		if (eaten)
			consume_skb(skb);
		if (!sock_flag(sk, SOCK_DEAD))
			sk->sk_data_ready(sk);
		return;
	}
	if (!after(cb->end_seq, tp->rcv_nxt)) {
		/* a retransmission of what we have: ACK now (RFC 5681 4.2) */
		NET_INC_STATS(sock_net(sk), LINUX_MIB_DELAYEDACKLOST);
		tcp_dsack_set(sk, cb->seq, cb->end_seq);
out_of_window:
		tcp_enter_quickack_mode(sk, TCP_MAX_QUICKACKS);
		inet_csk_schedule_ack(sk);
		kfree_skb(skb);
		return;
	}
	/* beyond the window, e.g. a zero-window probe */
	if (!before(cb->seq, tp->rcv_nxt + tcp_receive_window(tp)))
		goto out_of_window;
	if (before(cb->seq, tp->rcv_nxt)) {
		/* partly old: the part below RCV.NXT came twice */
		tcp_dsack_set(sk, cb->seq, tp->rcv_nxt);
		if (!tcp_receive_window(tp)) {
			NET_INC_STATS(sock_net(sk),
				      LINUX_MIB_TCPZEROWINDOWDROP);
			goto out_of_window;
		}
		goto queue_and_out;
	}
	tcp_data_queue_ofo(sk, skb);
}

/* ---- the fast path is the slow path here: every check, in order ---- */

/* tcp_sequence's verdicts: Linux's drop reasons TCP_OLD_SEQUENCE ... */
enum tcp_seq_verdict {
	TCP_SEQ_OK = 0,
	TCP_SEQ_OLD, /* all before RCV.WUP */
	TCP_SEQ_INVALID, /* starts beyond the window */
	TCP_SEQ_INVALID_END, /* ends beyond it, with data queued */
};

/*
 * tcp_sequence - RFC 9293 3.10.7.4 first check: does the segment fit the
 * receive window?  Linux's test: not entirely before RCV.WUP; a FIN may
 * reach one past the window (some stacks send it into a zero window);
 * data past the right edge is taken only when it starts inside the
 * window and nothing waits in the receive queue (a peer that sends a
 * whole buffer at once must not stall).
 */
static enum tcp_seq_verdict tcp_sequence(const struct sock *sk, u32 seq,
					 u32 end_seq, const struct tcphdr *th)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 seq_limit;

	if (before(end_seq, tp->rcv_wup))
		return TCP_SEQ_OLD;
	seq_limit = tp->rcv_nxt + tcp_receive_window(tp);
	if (after(end_seq, seq_limit)) {
		if (!after(end_seq - th->fin, seq_limit))
			return TCP_SEQ_OK;
		if (after(seq, seq_limit))
			return TCP_SEQ_INVALID;
		if (skb_queue_len(&sk->sk_receive_queue))
			return TCP_SEQ_INVALID_END;
	}
	return TCP_SEQ_OK;
}

/*
 * tcp_fast_parse_options - the options of a segment on a synchronized
 * connection: a bare header has none; otherwise only what RFC 7323 2.2
 * lets a non-SYN carry (the timestamps, SACK blocks) is read.  TSecr is
 * kept as the peer sent it (tcp_ts_now() and tcp_tsopt_ecr_before()
 * compare it with tsoffset applied).  Return: whether any were present.
 */
/*
 * tcp_parse_aligned_timestamp - the options are exactly
 * <nop,nop,TS val ecr> (RFC 7323 Appendix A's layout, what Linux and
 * most stacks send on every segment): read them in one compare
 */
static bool tcp_parse_aligned_timestamp(struct tcp_sock *tp,
					const struct tcphdr *th)
{
	const u8 *ptr = (const u8 *)(th + 1);
	__be32 w;

	memcpy(&w, ptr, 4);
	if (w != htonl((TCPOPT_NOP << 24) | (TCPOPT_NOP << 16) |
		       (TCPOPT_TIMESTAMP << 8) | TCPOLEN_TIMESTAMP))
		return false;
	tp->rx_opt.saw_tstamp = 1;
	tp->rx_opt.saw_unknown = 0;
	memcpy(&w, ptr + 4, 4);
	tp->rx_opt.rcv_tsval = ntohl(w);
	memcpy(&w, ptr + 8, 4);
	tp->rx_opt.rcv_tsecr = ntohl(w);
	return true;
}

static bool tcp_fast_parse_options(const struct net *net,
				   const struct sk_buff *skb,
				   const struct tcphdr *th, struct tcp_sock *tp)
{
	/* doff compared for equality: a short one is no concern here */
	if (th->doff == sizeof(*th) / 4) {
		tp->rx_opt.saw_tstamp = 0;
		return false;
	} else if (tp->rx_opt.tstamp_ok &&
		   th->doff == (sizeof(*th) + TCPOLEN_TSTAMP_ALIGNED) / 4) {
		if (tcp_parse_aligned_timestamp(tp, th))
			return true;
	}
	tcp_parse_options(net, skb, &tp->rx_opt, 1);
	return true;
}

/*
 * tcp_validate_incoming - the checks before the ACK field: PAWS (RFC
 * 7323 5.3), the sequence window, RST (RFC 5961 3.2: only an exact
 * RCV.NXT resets, anything else in the window gets a challenge ACK) and
 * SYN (RFC 5961 4.2: a challenge ACK).  Return: false when the segment
 * was dropped.
 */
static bool tcp_validate_incoming(struct sock *sk, struct sk_buff *skb,
				  const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	enum tcp_seq_verdict reason;

	if (tcp_fast_parse_options(net, skb, th, tp) && tp->rx_opt.saw_tstamp &&
	    tcp_paws_discard(sk, skb)) {
		if (!th->rst) {
			NET_INC_STATS(net, LINUX_MIB_PAWSESTABREJECTED);
			if (!tcp_oow_rate_limited(net, skb,
						  LINUX_MIB_TCPACKSKIPPEDPAWS,
						  &tp->last_oow_ack_time))
				tcp_send_dupack(sk, skb);
			goto discard;
		}
	}
	reason = tcp_sequence(sk, TCP_SKB_CB(skb)->seq,
			      TCP_SKB_CB(skb)->end_seq, th);
	if (reason) {
		if (!th->rst) {
			if (th->syn)
				goto syn_challenge;
			if (reason == TCP_SEQ_INVALID ||
			    reason == TCP_SEQ_INVALID_END)
				NET_INC_STATS(net, LINUX_MIB_BEYOND_WINDOW);
			if (!tcp_oow_rate_limited(net, skb,
						  LINUX_MIB_TCPACKSKIPPEDSEQ,
						  &tp->last_oow_ack_time))
				tcp_send_dupack(sk, skb);
		}
		goto discard;
	}
	if (th->rst) {
		if (TCP_SKB_CB(skb)->seq == tp->rcv_nxt) {
			tcp_reset(sk, skb);
		} else {
			/* RFC 5961 3.2 */
			tcp_send_challenge_ack(sk);
		}
		goto discard;
	}
	tcp_replace_ts_recent(tp, TCP_SKB_CB(skb)->seq);
	if (th->syn) {
		/* a simultaneous open's SYN-ACK, answering ours */
		if (sk->sk_state == TCP_SYN_RECV && sk->sk_socket && th->ack &&
		    TCP_SKB_CB(skb)->seq + 1 == TCP_SKB_CB(skb)->end_seq &&
		    TCP_SKB_CB(skb)->seq + 1 == tp->rcv_nxt &&
		    TCP_SKB_CB(skb)->ack_seq == tp->snd_nxt)
			return true;
syn_challenge:
		/* a Fast Open child's SYN again: its SYN-ACK was lost */
		if (tp->fastopen_rsk && tcp_fastopen_check_req(sk, skb))
			goto discard;
		TCP_INC_STATS(net, TCP_MIB_INERRS);
		NET_INC_STATS(net, LINUX_MIB_TCPSYNCHALLENGE);
		tcp_send_challenge_ack(sk);
		goto discard;
	}
	return true;

discard:
	kfree_skb(skb);
	return false;
}

/**
 * tcp_rcv_established - a segment for a synchronized connection
 * Context: softirq or the owner's backlog; @skb consumed.
 */
void tcp_rcv_established(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);

	tcp_mstamp_refresh(tcp_sk(sk));
	if (!th->ack && !th->rst && !th->syn) {
		kfree_skb(skb);
		return;
	}
	if (!tcp_validate_incoming(sk, skb, th))
		return;
	tcp_ecn_received_counters(sk, skb);
	if (tcp_ack(sk, skb, FLAG_SLOWPATH | FLAG_UPDATE_TS_RECENT) < 0) {
		kfree_skb(skb);
		return;
	}
	tcp_rcv_rtt_measure_ts(sk, skb);
	tcp_urg(sk, skb, th);
	tcp_data_queue(sk, skb);
	tcp_data_snd_check(sk);
	tcp_ack_snd_check(sk);
}

/*
 * tcp_init_transfer - the connection is established: the RTO fallback,
 * congestion control (IW10, RFC 6928) and the buffers
 */
void tcp_init_transfer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_init_metrics(sk);
	tcp_mtup_init(sk);
	tcp_init_buffer_space(sk);
	tp->lsndtime = tcp_jiffies32(sk);
	tcp_snd_cwnd_set(tp, tcp_init_cwnd(tp, sk->sk_dst_cache));
	tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	tcp_init_congestion_control(sk);
}

/*
 * tcp_sndbuf_expand - a send buffer for two congestion windows (what the
 * congestion control asks: BBR 3) of the worst case, one skb a segment:
 * the segment and MAX_TCP_HEADER in a kmalloc'ed head (a power of two)
 * with its shared info, and the sk_buff, as Linux charges them (skbuff.h).
 * At most tcp_wmem[2].  Linux 6.18 with CUBIC: 2626560 on lo (MSS
 * 65483), 46080 at MTU 1500.
 */
static void tcp_sndbuf_expand(struct sock *sk)
{
	const struct tcp_congestion_ops *ca = inet_csk(sk)->icsk_ca_ops;
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 per_mss, nr_segs, head = 1024;
	int sndmem;

	per_mss = max_t(u32, tp->rx_opt.mss_clamp, tp->mss_cache) +
		  MAX_TCP_HEADER + SKB_SHINFO_TRUESIZE;
	while (head < per_mss)
		head <<= 1;
	per_mss = head + SKB_STRUCT_TRUESIZE;
	nr_segs = max_t(u32, TCP_INIT_CWND, tcp_snd_cwnd(tp));
	nr_segs = max_t(u32, nr_segs, tp->reordering + 1);
	sndmem = (ca->sndbuf_expand ? (int)ca->sndbuf_expand(sk) : 2) *
		 (int)(nr_segs * per_mss);
	if (sk->sk_sndbuf < sndmem)
		sk->sk_sndbuf = min_t(int, sndmem,
				      sock_net(sk)->ipv4.sysctl_tcp_wmem[2]);
}

/*
 * tcp_should_expand_sndbuf - may a writer out of send buffer get more?
 * Not when the application set SO_SNDBUF, nor under tcp_mem pressure or
 * over tcp_mem[0], nor when the congestion window is full (the buffer
 * would only queue more behind it).
 */
static bool tcp_should_expand_sndbuf(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (sk->sk_userlocks & SOCK_SNDBUF_LOCK)
		return false;
	if (tcp_under_memory_pressure(sk))
		return false;
	if (sk_memory_allocated(sk) >= sk_prot_mem_limits(sk, 0))
		return false;
	return tcp_packets_in_flight(tp) < tcp_snd_cwnd(tp);
}

/* tcp_new_space - room was made: grow the buffer with cwnd, wake writers */
static void tcp_new_space(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tcp_should_expand_sndbuf(sk)) {
		tcp_sndbuf_expand(sk);
		tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	}
	sk->sk_write_space(sk);
}

/*
 * tcp_check_space - ACKs freed send buffer, or queued data went out: if a
 * writer ran out of buffer (SOCK_NOSPACE), make room for it and wake it
 */
void tcp_check_space(struct sock *sk)
{
	struct socket *sock = sk->sk_socket;

	if (sock && (sock->flags & (1UL << SOCK_NOSPACE))) {
		tcp_new_space(sk);
		/* the writer has room again: no longer sndbuf-limited */
		if (!(sock->flags & (1UL << SOCK_NOSPACE)))
			tcp_chrono_stop(sk, TCP_CHRONO_SNDBUF_LIMITED);
	}
}

void tcp_init_buffer_space(struct sock *sk)
{
	int app_win = sock_net(sk)->ipv4.sysctl_tcp_app_win;
	struct tcp_sock *tp = tcp_sk(sk);
	int maxwin;

	/* sndbuf for a full initial window */
	if (!(sk->sk_userlocks & SOCK_SNDBUF_LOCK))
		tcp_sndbuf_expand(sk);
	tp->rcvq_space.seq = tp->copied_seq;
	tp->rcvq_space.time = tcp_clock_us(sk);
	maxwin = tcp_full_space(sk);
	if ((int)tp->window_clamp >= maxwin) {
		tp->window_clamp = (u32)maxwin;
		/* tcp_app_win: 1/2^n of the buffer stays for the app */
		if (app_win && maxwin > 4 * (int)tp->advmss)
			tp->window_clamp =
				(u32)max_t(int, maxwin - (maxwin >> app_win),
					   4 * (int)tp->advmss);
	}
	/* keep room for one segment */
	if (app_win && tp->window_clamp > 2U * tp->advmss &&
	    (int)(tp->window_clamp + tp->advmss) > maxwin)
		tp->window_clamp = (u32)max_t(int, 2 * (int)tp->advmss,
					      maxwin - (int)tp->advmss);
	tp->rcv_ssthresh = min_t(u32, tp->rcv_ssthresh, tp->window_clamp);
	tp->rcvq_space.space =
		min_t(u32, min_t(u32, tp->rcv_ssthresh, tp->rcv_wnd),
		      TCP_INIT_CWND * (u32)tp->advmss);
}

void tcp_finish_connect(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_set_state(sk, TCP_ESTABLISHED);
	/* the SYN-ACK's input route, for early demux from the next
	 * segment on (Linux's icsk_af_ops->sk_rx_dst_set) */
	if (skb)
		inet_sk_rx_dst_set(sk, skb);
	inet_csk(sk)->icsk_ack.lrcvtime = tcp_jiffies32(sk);
	tcp_init_transfer(sk);
	tp->lsndtime = tcp_jiffies32(sk);
	if (sock_flag(sk, SOCK_KEEPOPEN))
		inet_csk_reset_keepalive_timer(sk, keepalive_time_when(tp));
}

/*
 * tcp_rcv_synsent_state_process - SYN-SENT (RFC 9293 3.10.7.3): the
 * SYN-ACK completes the handshake; a bare SYN is a simultaneous open.
 * Return: -1 consumed; 0 dropped; 1 the caller answers with a RST.
 */
static int tcp_rcv_synsent_state_process(struct sock *sk, struct sk_buff *skb,
					 const struct tcphdr *th)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	int saved_clamp = tp->rx_opt.mss_clamp;
	struct tcp_fastopen_cookie foc;
	bool fastopen_fail;

	tcp_parse_options(net, skb, &tp->rx_opt, 0);
	tcp_parse_fastopen_option(skb, &foc);
	if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr)
		tp->rx_opt.rcv_tsecr -= tp->tsoffset;

	if (th->ack) {
		/* first: an ACK outside ISS..SND.NXT gets a reset */
		if (!after(TCP_SKB_CB(skb)->ack_seq, tp->snd_una) ||
		    after(TCP_SKB_CB(skb)->ack_seq, tp->snd_nxt)) {
			if (th->rst)
				goto discard;
			return 1;
		}
		if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
		    !between(tp->rx_opt.rcv_tsecr, tp->retrans_stamp,
			     tcp_time_stamp_ms(sk))) {
			NET_INC_STATS(net, LINUX_MIB_PAWSACTIVEREJECTED);
			return 1;
		}
		/* second: a RST with an acceptable ACK (RFC 5961 3.2 does
		 * not apply to SYN-SENT) */
		if (th->rst) {
			tcp_reset(sk, skb);
			goto discard;
		}
		if (!th->syn)
			goto discard;

		/* the SYN-ACK */
		tcp_ecn_rcv_synack(tp, th);
		tcp_init_wl(tp, TCP_SKB_CB(skb)->seq);
		if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr)
			tp->rx_opt.rcv_tsecr += tp->tsoffset;
		tcp_ack(sk, skb, FLAG_SLOWPATH);
		tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
		tp->rcv_wup = TCP_SKB_CB(skb)->seq + 1;
		/* RFC 7323 2.2: the SYN-ACK's window is not scaled */
		tp->snd_wnd = ntohs(th->window);
		if (!tp->rx_opt.wscale_ok) {
			tp->rx_opt.snd_wscale = 0;
			tp->rx_opt.rcv_wscale = 0;
			tp->window_clamp = min_t(u32, tp->window_clamp, 65535U);
		}
		if (tp->rx_opt.saw_tstamp) {
			tp->rx_opt.tstamp_ok = 1;
			tp->tcp_header_len =
				sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
			tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;
			tcp_store_ts_recent(tp);
		} else {
			tp->rx_opt.tstamp_ok = 0;
			tp->tcp_header_len = sizeof(struct tcphdr);
		}
		if (!tp->rx_opt.sack_ok)
			tp->rx_opt.num_sacks = 0;
		tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
		tcp_initialize_rcv_mss(sk);
		tp->copied_seq = tp->rcv_nxt;
		tcp_finish_connect(sk, skb);
		/* RFC 7413: the cookie, and our SYN's data if not acked */
		fastopen_fail = (tp->syn_fastopen || tp->syn_data) &&
				tcp_rcv_fastopen_synack(sk, skb, &foc);
		if (!sock_flag(sk, SOCK_DEAD)) {
			sk->sk_state_change(sk);
			tcp_sk_wake(sk);
		}
		if (!fastopen_fail)
			tcp_send_ack(sk);
		kfree_skb(skb);
		return -1;
	}

	/* neither ACK nor RST: a SYN means a simultaneous open */
	if (th->rst)
		goto discard;
	if (th->syn) {
		tcp_set_state(sk, TCP_SYN_RECV);
		if (tp->rx_opt.saw_tstamp) {
			tp->rx_opt.tstamp_ok = 1;
			tcp_store_ts_recent(tp);
			tp->tcp_header_len =
				sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
		} else {
			tp->tcp_header_len = sizeof(struct tcphdr);
		}
		if (!tp->rx_opt.wscale_ok) {
			tp->rx_opt.snd_wscale = 0;
			tp->rx_opt.rcv_wscale = 0;
		}
		tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
		tp->copied_seq = tp->rcv_nxt;
		tp->rcv_wup = TCP_SKB_CB(skb)->seq + 1;
		tp->snd_wnd = ntohs(th->window);
		tp->snd_wl1 = TCP_SKB_CB(skb)->seq;
		tp->max_window = tp->snd_wnd;
		tcp_ecn_rcv_syn(tp, th);
		tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
		tcp_initialize_rcv_mss(sk);
		tcp_send_synack(sk);
		goto discard;
	}
discard:
	tp->rx_opt.mss_clamp = (u16)saved_clamp;
	kfree_skb(skb);
	return 0;
}

/* LAST-ACK -> CLOSED: the close was clean, so what the connection learnt
 * is saved for the next one to its peer (tcp_metrics.c), as Linux does */
static void tcp_last_ack_done(struct sock *sk)
{
	tcp_update_metrics(sk);
	tcp_done(sk);
}

/*
 * tcp_rcv_state_text - RFC 9293 3.10.7.4, the sixth and seventh steps
 * outside the fast path: the URG bit in every state, as in ESTABLISHED
 * (RFC 6093: the pointer is where urgent data ends), then the text, queued
 * in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2 (and a retransmission of what
 * came before the peer's FIN).
 * Return: 1 queued, 0 not, -1 data after close() reset the connection.
 */
static int tcp_rcv_state_text(struct sock *sk, struct sk_buff *skb,
			      const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_urg(sk, skb, th);
	switch (sk->sk_state) {
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			return 0;
		fallthrough;
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		/* RFC 1122 4.2.2.13: data after close() resets */
		if (sk->sk_shutdown & RCV_SHUTDOWN) {
			if (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
			    after(TCP_SKB_CB(skb)->end_seq - th->fin,
				  tp->rcv_nxt)) {
				NET_INC_STATS(sock_net(sk),
					      LINUX_MIB_TCPABORTONDATA);
				tcp_reset(sk, skb);
				return -1;
			}
		}
		fallthrough;
	case TCP_ESTABLISHED:
		tcp_data_queue(sk, skb);
		return 1;
	default:
		return 0;
	}
}

/*
 * tcp_rcv_state_process - a segment for a sock in any state but
 * ESTABLISHED (and for a child in SYN-RECV): RFC 9293 3.10.7.
 * Return: 0 done (@skb consumed); 1 the caller sends a RST (and drops).
 */
int tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	int queued = 0, acceptable;

	tcp_mstamp_refresh(tp);
	switch (sk->sk_state) {
	case TCP_CLOSE:
		goto discard;
	case TCP_LISTEN:
		if (th->ack)
			return 1;
		if (th->rst)
			goto discard;
		if (th->syn) {
			if (th->fin)
				goto discard;
			tcp_v4_conn_request(sk, skb);
			consume_skb(skb);
			return 0;
		}
		goto discard;
	case TCP_SYN_SENT:
		queued = tcp_rcv_synsent_state_process(sk, skb, th);
		if (queued > 0)
			return queued;
		tcp_data_snd_check(sk);
		return 0;
	default:
		break;
	}
	if (!th->ack && !th->rst && !th->syn)
		goto discard;
	if (!tcp_validate_incoming(sk, skb, th))
		return 0;

	acceptable = tcp_ack(sk, skb,
			     FLAG_SLOWPATH | FLAG_UPDATE_TS_RECENT |
				     FLAG_NO_CHALLENGE_ACK) > 0;
	if (!acceptable) {
		if (sk->sk_state == TCP_SYN_RECV)
			return 1; /* RFC 9293: <SEQ=SEG.ACK><CTL=RST> */
		tcp_send_challenge_ack(sk);
		goto discard;
	}
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
		tp->delivered++;
		if (!tp->srtt_us)
			tcp_synack_rtt_meas(sk, NULL);
		/*
		 * The timestamps' room comes off advmss before the buffer
		 * space is set up (Linux 6.18, "tcp: fix initial
		 * tp->rcvq_space.space value for passive TS enabled
		 * flows"): rcv_space and rcv_ssthresh as the active side's,
		 * 10 * 1448 and 65536 - 1448 (ss -ti).
		 */
		if (tp->rx_opt.tstamp_ok)
			tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;
		/* a Fast Open child was set up when the SYN came */
		tp->fastopen_rsk ? tcp_rcv_synrecv_state_fastopen(sk)
				 : tcp_init_transfer(sk);
		tcp_set_state(sk, TCP_ESTABLISHED);
		sk->sk_state_change(sk);
		tcp_sk_wake(sk);
		tp->snd_una = TCP_SKB_CB(skb)->ack_seq;
		tp->snd_wnd = (u32)ntohs(th->window) << tp->rx_opt.snd_wscale;
		tcp_init_wl(tp, TCP_SKB_CB(skb)->seq);
		/* a cong_control (BBR) set its own pacing rate in init */
		if (!inet_csk(sk)->icsk_ca_ops->cong_control)
			tcp_update_pacing_rate(sk);
		if (tp->max_window < tp->snd_wnd)
			tp->max_window = tp->snd_wnd;
		tcp_initialize_rcv_mss(sk);
		if (sock_flag(sk, SOCK_KEEPOPEN))
			inet_csk_reset_keepalive_timer(sk,
						       keepalive_time_when(tp));
		break;
	case TCP_FIN_WAIT1: {
		int tmo;

		if (tp->snd_una != tp->write_seq)
			break;
		tcp_set_state(sk, TCP_FIN_WAIT2);
		sk->sk_shutdown |= SEND_SHUTDOWN;
		if (!sock_flag(sk, SOCK_DEAD)) {
			sk->sk_state_change(sk);
			break;
		}
		/* an orphan: it waits tcp_fin_timeout for the FIN */
		if (tp->linger2 < 0) {
			tcp_done(sk);
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONLINGER);
			kfree_skb(skb);
			return 0;
		}
		if (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
		    after(TCP_SKB_CB(skb)->end_seq - th->fin, tp->rcv_nxt)) {
			tcp_done(sk);
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONDATA);
			return 1;
		}
		tmo = tcp_fin_time(sk);
		if (th->fin || sock_owned_by_user(sk)) {
			inet_csk_reset_keepalive_timer(sk, (u32)tmo);
		} else {
			tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
			kfree_skb(skb);
			return 0;
		}
		break;
	}
	case TCP_CLOSING:
		if (tp->snd_una == tp->write_seq) {
			tcp_time_wait(sk, TCP_TIME_WAIT, 0);
			kfree_skb(skb);
			return 0;
		}
		break;
	case TCP_LAST_ACK:
		if (tp->snd_una == tp->write_seq) {
			tcp_last_ack_done(sk);
			kfree_skb(skb);
			return 0;
		}
		break;
	default:
		break;
	}

	queued = tcp_rcv_state_text(sk, skb, th);
	if (queued < 0)
		return 1;
	if (sk->sk_state != TCP_CLOSE) {
		tcp_data_snd_check(sk);
		tcp_ack_snd_check(sk);
	}
	if (!queued)
		goto discard;
	return 0;

discard:
	kfree_skb(skb);
	return 0;
}
