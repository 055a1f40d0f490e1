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

#define FLAG_DATA		0x01 /* the segment carries data */
#define FLAG_WIN_UPDATE		0x02 /* it updated the peer's window */
#define FLAG_DATA_ACKED		0x04 /* it acked new data */
#define FLAG_RETRANS_DATA_ACKED 0x08
#define FLAG_SYN_ACKED		0x10
#define FLAG_SLOWPATH		0x100
#define FLAG_SND_UNA_ADVANCED	0x400
#define FLAG_UPDATE_TS_RECENT	0x4000
#define FLAG_NO_CHALLENGE_ACK	0x8000
#define FLAG_ACKED		(FLAG_DATA_ACKED | FLAG_SYN_ACKED)
#define FLAG_NOT_DUP		(FLAG_DATA | FLAG_WIN_UPDATE | FLAG_ACKED)

/* ---- time ---- */

u64 tcp_clock_us(const struct sock *sk)
{
	return ktime_get_ns(sock_net(sk)->st) / NSEC_PER_USEC;
}

u32 tcp_time_stamp_ms(const struct sock *sk)
{
	return (u32)(ktime_get_ns(sock_net(sk)->st) / NSEC_PER_MSEC);
}

u32 tcp_jiffies32(const struct sock *sk)
{
	return tcp_time_stamp_ms(sk);
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
	const u8 *ptr = (const u8 *)(th + 1);
	int length = (int)__tcp_hdrlen(th) - (int)sizeof(struct tcphdr);

	opt_rx->saw_tstamp = 0;
	opt_rx->saw_unknown = 0;
	while (length > 0) {
		int opcode = *ptr++;
		int opsize;

		if (opcode == TCPOPT_EOL)
			return;
		if (opcode == TCPOPT_NOP) {
			length--;
			continue;
		}
		if (length < 2)
			return;
		opsize = *ptr++;
		if (opsize < 2 || opsize > length)
			return; /* "silly options" */
		tcp_parse_one_option(net, th, opcode, opsize, ptr, opt_rx,
				     estab);
		ptr += opsize - 2;
		length -= opsize;
	}
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
		if ((s32)(tp->rx_opt.rcv_tsval - tp->rx_opt.ts_recent) >= 0 ||
		    tcp_jiffies32(&tp->inet_conn.icsk_inet.sk) / 1000 >=
			    tp->rx_opt.ts_recent_stamp + TCP_PAWS_24DAYS)
			tcp_store_ts_recent(tp);
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
	u32 now_s = tcp_jiffies32(sk) / 1000;

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
	return inet_csk(sk)->icsk_rto_min * 1000U;
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

/*
 * tcp_ack_update_rtt - one RTT sample: from a segment never retransmitted
 * (Karn's rule, RFC 6298 3), else from the echoed timestamp (RFC 7323 4)
 */
static bool tcp_ack_update_rtt(struct sock *sk, int flag, long seq_rtt_us)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (seq_rtt_us < 0 && tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
	    (flag & FLAG_ACKED)) {
		u32 delta = tcp_ts_now(tp) - tp->rx_opt.rcv_tsecr;

		if ((s32)delta >= 0)
			seq_rtt_us = (long)delta * 1000;
	}
	if (seq_rtt_us < 0)
		return false;
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
		rtt_us = (long)(tcp_time_stamp_ms(sk) -
				tcp_rsk(req)->snt_synack) *
			 1000;
	tcp_ack_update_rtt(sk, FLAG_SYN_ACKED, rtt_us);
}

/* ---- the retransmission timer ---- */

void tcp_rearm_rto(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->packets_out) {
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_RETRANS);
	} else {
		/* RFC 6298 5.3: restart with the current RTO */
		tcp_reset_xmit_timer(sk, ICSK_TIME_RETRANS, icsk->icsk_rto,
				     TCP_RTO_MAX);
	}
}

void tcp_clear_retrans(struct tcp_sock *tp)
{
	tp->retrans_out = 0;
	tp->lost_out = 0;
	tp->undo_marker = 0;
	tp->undo_retrans = -1;
	tp->sacked_out = 0;
}

/*
 * tcp_enter_loss - the RTO fired (RFC 5681 3.1 eq. 4, RFC 6298 5.5):
 * ssthresh from the flight, cwnd to one segment, every segment in flight
 * presumed lost and sent again as the window opens.
 */
void tcp_enter_loss(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (icsk->icsk_ca_state <= TCP_CA_Disorder ||
	    !after(tp->high_seq, tp->snd_una) ||
	    (icsk->icsk_ca_state == TCP_CA_Loss && !icsk->icsk_retransmits)) {
		tp->prior_ssthresh = tp->snd_ssthresh;
		tp->snd_ssthresh = icsk->icsk_ca_ops->ssthresh(sk);
		tcp_ca_event(sk, CA_EVENT_LOSS);
	}
	tcp_snd_cwnd_set(tp, tcp_packets_in_flight(tp) + 1);
	tp->snd_cwnd_cnt = 0;
	tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	tp->retrans_out = 0;
	tp->lost_out = 0;
	tp->sacked_out = 0;
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk))
			break;
		TCP_SKB_CB(skb)->sacked &= (u8)~TCPCB_SACKED_RETRANS;
		TCP_SKB_CB(skb)->sacked |= TCPCB_LOST;
		tp->lost_out++;
		tp->lost++;
	}
	tcp_snd_cwnd_set(tp, 1);
	tcp_set_ca_state(sk, TCP_CA_Loss);
	tp->high_seq = tp->snd_nxt;
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

/*
 * tcp_clean_rtx_queue - free the segments @snd_una now covers; one RTT
 * sample from the oldest of them never sent twice.
 */
static int tcp_clean_rtx_queue(struct sock *sk, long *seq_rtt_us,
			       u32 *pkts_acked)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u64 now_us = tcp_clock_us(sk);
	u64 first_ackt = 0;
	struct sk_buff *skb;
	int flag = 0;

	while ((skb = tcp_rtx_queue_head(sk)) != NULL) {
		struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
		u8 sacked = scb->sacked;

		if (after(scb->end_seq, tp->snd_una))
			break;
		if (sacked & TCPCB_SACKED_RETRANS) {
			tp->retrans_out--;
			flag |= FLAG_RETRANS_DATA_ACKED;
		} else if (!(sacked & TCPCB_EVER_RETRANS) && !first_ackt) {
			first_ackt = skb->tstamp / NSEC_PER_USEC;
		}
		if (sacked & TCPCB_LOST)
			tp->lost_out--;
		tp->packets_out--;
		(*pkts_acked)++;
		tp->delivered++;
		if (!(scb->tcp_flags & TCPHDR_SYN)) {
			flag |= FLAG_DATA_ACKED;
		} else {
			flag |= FLAG_SYN_ACKED;
			tp->retrans_stamp = 0;
		}
		skb_unlink(skb, &sk->sk_write_queue);
		tcp_wmem_free_skb(sk, skb);
	}
	if (first_ackt && now_us >= first_ackt)
		*seq_rtt_us = (long)(now_us - first_ackt);
	if (flag & FLAG_ACKED) {
		tcp_rearm_rto(sk);
		if (!tp->packets_out)
			tp->retrans_stamp = 0;
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

static void tcp_cong_avoid(struct sock *sk, u32 ack, u32 acked)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);

	icsk->icsk_ca_ops->cong_avoid(sk, ack, acked);
	tcp_sk(sk)->snd_cwnd_stamp = tcp_jiffies32(sk);
}

/* Retransmit the first unacked segment now (fast retransmit). */
static void tcp_mark_head_lost(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_rtx_queue_head(sk);

	if (!skb || (TCP_SKB_CB(skb)->sacked & TCPCB_LOST))
		return;
	TCP_SKB_CB(skb)->sacked |= TCPCB_LOST;
	tp->lost_out++;
	tp->lost++;
}

static void tcp_enter_recovery(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPRENORECOVERY);
	tp->prior_ssthresh = tp->snd_ssthresh;
	tp->prior_cwnd = tcp_snd_cwnd(tp);
	tp->snd_ssthresh = inet_csk(sk)->icsk_ca_ops->ssthresh(sk);
	tp->high_seq = tp->snd_nxt;
	tcp_set_ca_state(sk, TCP_CA_Recovery);
}

/*
 * tcp_fastretrans_alert - Reno's loss recovery with NewReno's partial
 * ACKs: three duplicate ACKs start fast retransmit and recovery (RFC
 * 5681 3.2); in recovery each partial ACK retransmits the next hole (RFC
 * 6582 3.2); the ACK of everything sent before recovery ends it, with
 * cwnd at ssthresh.  Duplicate ACKs stand in for SACKed segments in the
 * flight count (sacked_out), as Linux does for a peer without SACK.
 */
static void tcp_fastretrans_alert(struct sock *sk, u32 prior_snd_una,
				  u32 pkts_acked, bool is_dupack, int flag)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	if (is_dupack && tp->packets_out) {
		if (tp->sacked_out + 1 < tp->packets_out)
			tp->sacked_out++;
		else if (tp->packets_out > 1)
			tp->sacked_out = tp->packets_out - 1;
	}
	if (pkts_acked) {
		/* each ACKed segment beyond the first consumed a dupack */
		if (pkts_acked > 1 && tp->sacked_out)
			tp->sacked_out -=
				min_t(u32, tp->sacked_out, pkts_acked - 1);
	}
	switch (icsk->icsk_ca_state) {
	case TCP_CA_Recovery:
		if (!before(tp->snd_una, tp->high_seq)) {
			/* full ACK: recovery is over (RFC 6582 3.2 step 3) */
			tcp_snd_cwnd_set(tp, max_t(u32, tp->snd_ssthresh, 2));
			tp->snd_cwnd_stamp = tcp_jiffies32(sk);
			tp->sacked_out = 0;
			tcp_set_ca_state(sk, TCP_CA_Open);
			return;
		}
		if (flag & FLAG_SND_UNA_ADVANCED) {
			/* partial ACK: the next hole is lost too */
			tp->sacked_out = 0;
			tcp_mark_head_lost(sk);
		}
		break;
	case TCP_CA_Loss:
		if (!before(tp->snd_una, tp->high_seq)) {
			tcp_set_ca_state(sk, TCP_CA_Open);
			tp->sacked_out = 0;
			return;
		}
		break;
	default:
		if (flag & FLAG_SND_UNA_ADVANCED)
			tp->sacked_out = 0;
		if (tp->sacked_out && icsk->icsk_ca_state == TCP_CA_Open)
			tcp_set_ca_state(sk, TCP_CA_Disorder);
		else if (!tp->sacked_out &&
			 icsk->icsk_ca_state == TCP_CA_Disorder)
			tcp_set_ca_state(sk, TCP_CA_Open);
		/* the dupack threshold: tcp_reordering (RFC 5681 3.2's 3) */
		if (tp->sacked_out >= tp->reordering ||
		    (is_dupack && tp->sacked_out + 1 >= tp->packets_out &&
		     tp->packets_out > 1 &&
		     tp->sacked_out + 1 >= tp->reordering &&
		     !tcp_send_head(sk))) {
			tcp_enter_recovery(sk);
			tcp_mark_head_lost(sk);
			tcp_snd_cwnd_set(tp, tp->snd_ssthresh);
			tp->snd_cwnd_stamp = tcp_jiffies32(sk);
		} else {
			return;
		}
		break;
	}
	(void)prior_snd_una;
	tcp_xmit_retransmit_queue(sk);
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
				     tcp_probe0_when(sk, TCP_RTO_MAX),
				     TCP_RTO_MAX);
	}
}

/* RFC 5961 5: challenge ACKs, rate limited (tcp_invalid_ratelimit) */
bool tcp_oow_rate_limited(struct net *net, const struct sk_buff *skb,
			  int mib_idx, u32 *last_oow_ack_time)
{
	u32 now = (u32)(ktime_get_ns(net->st) / NSEC_PER_MSEC);

	(void)skb;
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
 * tcp_check_dsack - is the first SACK block of this ACK a D-SACK (RFC
 * 2883 4.1): below the cumulative ACK, or inside the second block?  It
 * counts the duplicates (tcpi_dsack_dups); a range larger than any
 * window we saw, or more duplicates than we ever retransmitted, is
 * dubious and ignored.  A D-SACK of a retransmission made since
 * undo_marker means that retransmission was not needed.
 */
static void tcp_check_dsack(struct sock *sk, const struct sk_buff *skb,
			    u32 prior_snd_una)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 start0, end0, len, dup_segs;
	const u8 *sp;
	int n = 0;

	if (!tp->rx_opt.sack_ok)
		return;
	sp = tcp_sack_blocks(skb, &n);
	if (!sp)
		return;
	start0 = get_be32(sp);
	end0 = get_be32(sp + 4);
	if (before(start0, TCP_SKB_CB(skb)->ack_seq)) {
		NET_INC_STATS(net, LINUX_MIB_TCPDSACKRECV);
	} else if (n > 1 && !before(start0, get_be32(sp + 8)) &&
		   !after(end0, get_be32(sp + 12))) {
		NET_INC_STATS(net, LINUX_MIB_TCPDSACKOFORECV);
	} else {
		return;
	}
	if (!before(start0, end0))
		goto dubious;
	len = end0 - start0;
	if (len > tp->max_window)
		goto dubious;
	dup_segs = len > tp->mss_cache
			   ? DIV_ROUND_UP(len, max_t(u32, tp->mss_cache, 1))
			   : 1;
	tp->dsack_dups += dup_segs;
	if (tp->dsack_dups > tp->total_retrans)
		goto dubious; /* we never sent that many twice */
	__NET_ADD_STATS(net, LINUX_MIB_TCPDSACKRECVSEGS, dup_segs);
	if (tp->undo_marker && tp->undo_retrans > 0 &&
	    !after(end0, prior_snd_una) && after(end0, tp->undo_marker))
		tp->undo_retrans =
			max_t(int, 0, tp->undo_retrans - (int)dup_segs);
	return;
dubious:
	NET_INC_STATS(net, LINUX_MIB_TCPDSACKIGNOREDDUBIOUS);
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
	u32 prior_snd_una = tp->snd_una;
	u32 ack_seq = TCP_SKB_CB(skb)->seq;
	u32 ack = TCP_SKB_CB(skb)->ack_seq;
	u32 prior_wnd = tp->snd_wnd;
	long seq_rtt_us = -1;
	u32 pkts_acked = 0;
	bool is_dupack;

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

	if (after(ack, prior_snd_una)) {
		flag |= FLAG_SND_UNA_ADVANCED;
		icsk->icsk_retransmits = 0;
	}
	if (flag & FLAG_UPDATE_TS_RECENT)
		tcp_replace_ts_recent(tp, ack_seq);
	if (TCP_SKB_CB(skb)->seq != TCP_SKB_CB(skb)->end_seq)
		flag |= FLAG_DATA;
	flag |= tcp_ack_update_window(sk, skb, ack, ack_seq);
	tp->bytes_acked += ack - prior_snd_una;
	/* something answered: soft errors and unanswered probes are over */
	sk->sk_err_soft = 0;
	icsk->icsk_probes_out = 0;
	tp->rcv_tstamp = tcp_jiffies32(sk);
	if (!prior_snd_una && !tp->packets_out)
		goto no_queue;
	if (!tp->packets_out)
		goto no_queue;

	tcp_check_dsack(sk, skb, prior_snd_una);
	flag |= tcp_clean_rtx_queue(sk, &seq_rtt_us, &pkts_acked);
	if (flag & FLAG_ACKED)
		tcp_ack_update_rtt(sk, flag, seq_rtt_us);
	if (icsk->icsk_ca_ops->pkts_acked && pkts_acked) {
		struct ack_sample sample = {
			.pkts_acked = pkts_acked,
			.rtt_us = (s32)seq_rtt_us,
			.in_flight = tcp_packets_in_flight(tp),
		};

		icsk->icsk_ca_ops->pkts_acked(sk, &sample);
	}
	is_dupack = !(flag & (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP)) &&
		    prior_wnd == tp->snd_wnd;
	if (icsk->icsk_ca_state == TCP_CA_Open && (flag & FLAG_ACKED) &&
	    !tp->sacked_out && tcp_is_cwnd_limited(sk))
		tcp_cong_avoid(sk, ack, pkts_acked);
	tcp_fastretrans_alert(sk, prior_snd_una, pkts_acked, is_dupack, flag);
	if (icsk->icsk_ca_state == TCP_CA_Loss && (flag & FLAG_ACKED) &&
	    tcp_is_cwnd_limited(sk))
		tcp_cong_avoid(sk, ack, pkts_acked);
	if (icsk->icsk_ca_state == TCP_CA_Loss)
		tcp_xmit_retransmit_queue(sk);
	tcp_update_pacing_rate(sk);
	if (tp->packets_out == 0)
		tp->max_packets_out = 0;
	return 1;

no_queue:
	/* a window update may let a probed zero window open */
	if (tcp_send_head(sk))
		tcp_ack_probe(sk);
	return 1;

old_ack:
	/* an old ACK still updates the timestamp (RFC 7323 4.3) */
	if (flag & FLAG_UPDATE_TS_RECENT)
		tcp_replace_ts_recent(tp, ack_seq);
	tcp_check_dsack(sk, skb, prior_snd_una);
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

	return icsk->icsk_ack.quick && !inet_csk_in_pingpong_mode(sk);
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

static void tcp_measure_rcv_mss(struct sock *sk, const struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	/* a GRO/GSO packet: its segment size, not its length */
	unsigned int len = skb_shinfo(skb)->gso_size ?: skb->len;

	icsk->icsk_ack.last_seg_size = 0;
	if (len >= icsk->icsk_ack.rcv_mss) {
		icsk->icsk_ack.rcv_mss =
			(u16)min_t(unsigned int, len, tcp_sk(sk)->advmss);
	} else {
		if (len >= TCP_MSS_DEFAULT + sizeof(struct tcphdr))
			icsk->icsk_ack.rcv_mss = (u16)len;
		icsk->icsk_ack.last_seg_size = (u16)len;
		icsk->icsk_ack.pending |= ICSK_ACK_PUSHED;
	}
}

/* tcp_grow_window - offer more as in-order data keeps coming */
static void tcp_grow_window(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	(void)skb;
	if (tp->rcv_ssthresh < tp->window_clamp &&
	    (int)tp->rcv_ssthresh < tcp_space(sk)) {
		tp->rcv_ssthresh = min_t(u32, tp->rcv_ssthresh + 2 * tp->advmss,
					 tp->window_clamp);
		inet_csk(sk)->icsk_ack.quick |= 1;
	}
}

/*
 * tcp_event_data_recv - data arrived: an ACK is due; the delayed-ACK
 * timeout follows the arrival gaps (quick ACKs at the start, RFC 1122
 * 4.2.3.2 at most every second full segment otherwise).
 */
static void tcp_event_data_recv(struct sock *sk, const struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 now = tcp_jiffies32(sk);

	inet_csk_schedule_ack(sk);
	tcp_measure_rcv_mss(sk, skb);
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
	if (skb->len >= 128)
		tcp_grow_window(sk, skb);
}

static void __tcp_ack_snd_check(struct sock *sk, int ofo_possible)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (((tp->rcv_nxt - tp->rcv_wup) > inet_csk(sk)->icsk_ack.rcv_mss &&
	     __tcp_select_window(sk) >= tp->rcv_wnd) ||
	    tcp_in_quickack_mode(sk) ||
	    (inet_csk(sk)->icsk_ack.pending & ICSK_ACK_NOW) ||
	    (ofo_possible && !skb_queue_empty(&tp->out_of_order_queue))) {
		tcp_send_ack(sk);
		return;
	}
	tcp_send_delayed_ack(sk);
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

	if (!tp->rx_opt.sack_ok || !sock_net(sk)->ipv4.sysctl_tcp_dsack)
		return;
	NET_INC_STATS(sock_net(sk), before(seq, tp->rcv_nxt)
					    ? LINUX_MIB_TCPDSACKOLDSENT
					    : LINUX_MIB_TCPDSACKOFOSENT);
	tp->rx_opt.dsack = 1;
	tp->duplicate_sack[0].start_seq = seq;
	tp->duplicate_sack[0].end_seq = end_seq;
}

/* tcp_dsack_extend - one more duplicate: grow the pending D-SACK block
 * when the ranges touch (RFC 2883 4 reports one contiguous block) */
static void tcp_dsack_extend(struct sock *sk, u32 seq, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_sack_block *sp = &tp->duplicate_sack[0];

	if (!tp->rx_opt.dsack) {
		tcp_dsack_set(sk, seq, end_seq);
		return;
	}
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
	skb_queue_purge(&tp->out_of_order_queue);
	tp->rx_opt.num_sacks = 0;
	if (!sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		tcp_sk_wake(sk);
	}
}

/* ---- data ---- */

static void tcp_queue_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	skb_dst_drop(skb);
	skb_set_owner_r(skb, sk);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	tp->rcv_nxt = TCP_SKB_CB(skb)->end_seq;
	tp->bytes_received += skb->len;
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
	if (!tp->rx_opt.sack_ok)
		return;
	if (first >= 0)
		tp->selective_acks[tp->rx_opt.num_sacks++] = blocks[first];
	for (i = n - 1; i >= 0 && tp->rx_opt.num_sacks < TCP_NUM_SACKS; i--)
		if (i != first)
			tp->selective_acks[tp->rx_opt.num_sacks++] = blocks[i];
}

/* tcp_ofo_queue - move what became in-order to the receive queue */
static void tcp_ofo_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

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
		tcp_queue_rcv(sk, skb);
		if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
			tcp_fin(sk);
	}
}

static void tcp_data_queue_ofo(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 seq = TCP_SKB_CB(skb)->seq, end_seq = TCP_SKB_CB(skb)->end_seq;
	struct sk_buff *pos, *next;

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
			tcp_sack_rebuild(tp, seq);
			return;
		}
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
	tcp_sack_rebuild(tp, seq);
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

	if (cb->seq == cb->end_seq) {
		kfree_skb(skb);
		return;
	}
	tp->data_segs_in++;
	/* the header goes: the skb holds the text only from here */
	__skb_pull_header(skb);

	if (cb->seq == tp->rcv_nxt ||
	    (before(cb->seq, tp->rcv_nxt) && after(cb->end_seq, tp->rcv_nxt))) {
		if (tcp_receive_window(tp) == 0 && cb->seq == tp->rcv_nxt &&
		    skb->len) {
			NET_INC_STATS(sock_net(sk),
				      LINUX_MIB_TCPZEROWINDOWDROP);
			goto out_of_window;
		}
		if (sk->sk_rmem_alloc > sk->sk_rcvbuf + (sk->sk_rcvbuf >> 1)) {
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPRCVQDROP);
			sk->sk_drops++;
			inet_csk_schedule_ack(sk);
			kfree_skb(skb);
			return;
		}
		/* partly old: the part below RCV.NXT came twice */
		if (before(cb->seq, tp->rcv_nxt))
			tcp_dsack_set(sk, cb->seq, tp->rcv_nxt);
		tcp_event_data_recv(sk, skb);
		tcp_queue_rcv(sk, skb);
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
	if (!before(cb->seq, tp->rcv_nxt + tcp_receive_window(tp)))
		goto out_of_window;
	tcp_data_queue_ofo(sk, skb);
}

/* ---- the fast path is the slow path here: every check, in order ---- */

/*
 * tcp_sequence - RFC 9293 3.10.7.4 first check: does the segment overlap
 * the receive window?  (Linux's test: not entirely before RCV.WUP and
 * not starting beyond the window.)
 */
static bool tcp_sequence(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	return !before(end_seq, tp->rcv_wup) &&
	       !after(seq, tp->rcv_nxt + tcp_receive_window(tp));
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

	if (tp->rx_opt.saw_tstamp && tcp_paws_discard(sk, skb)) {
		if (!th->rst) {
			NET_INC_STATS(net, LINUX_MIB_PAWSESTABREJECTED);
			if (!tcp_oow_rate_limited(net, skb,
						  LINUX_MIB_TCPACKSKIPPEDPAWS,
						  &tp->last_oow_ack_time))
				tcp_send_dupack(sk, skb);
			goto discard;
		}
	}
	if (!tcp_sequence(tp, TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->end_seq)) {
		if (!th->rst) {
			if (th->syn)
				goto syn_challenge;
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

	tcp_sk(sk)->tcp_mstamp = tcp_clock_us(sk);
	if (!th->ack && !th->rst && !th->syn) {
		kfree_skb(skb);
		return;
	}
	if (!tcp_validate_incoming(sk, skb, th))
		return;
	if (tcp_ack(sk, skb, FLAG_SLOWPATH | FLAG_UPDATE_TS_RECENT) < 0) {
		kfree_skb(skb);
		return;
	}
	tcp_data_queue(sk, skb);
	tcp_data_snd_check(sk);
	tcp_ack_snd_check(sk);
}

void tcp_mtup_init(struct sock *sk)
{
	(void)sk; /* MTU probing (tcp_mtu_probing) is not built */
}

/*
 * tcp_init_transfer - the connection is established: congestion control
 * (IW10, RFC 6928) and the buffers
 */
void tcp_init_transfer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_init_buffer_space(sk);
	tp->lsndtime = tcp_jiffies32(sk);
	tcp_snd_cwnd_set(tp, TCP_INIT_CWND);
	tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	tcp_init_congestion_control(sk);
}

void tcp_init_buffer_space(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int maxwin;

	/* sndbuf for a full initial window (tcp_sndbuf_expand) */
	if (!(sk->sk_userlocks & SOCK_SNDBUF_LOCK)) {
		int per_mss = (int)tp->mss_cache + MAX_TCP_HEADER +
			      (int)sizeof(struct sk_buff) + 320;
		int sndmem = 2 * TCP_INIT_CWND * per_mss;

		if (sk->sk_sndbuf < sndmem)
			sk->sk_sndbuf =
				min_t(int, sndmem,
				      sock_net(sk)->ipv4.sysctl_tcp_wmem[2]);
	}
	tp->rcvq_space.space =
		min_t(u32, tp->rcv_wnd, TCP_INIT_CWND * (u32)tp->advmss);
	tp->rcvq_space.seq = tp->copied_seq;
	tp->rcvq_space.time = tcp_clock_us(sk);
	maxwin = tcp_full_space(sk);
	if ((int)tp->window_clamp >= maxwin)
		tp->window_clamp = (u32)maxwin;
	tp->rcv_ssthresh = min_t(u32, tp->rcv_ssthresh, tp->window_clamp);
}

void tcp_finish_connect(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	(void)skb;
	tcp_set_state(sk, TCP_ESTABLISHED);
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

	tcp_parse_options(net, skb, &tp->rx_opt, 0);
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
		if (!sock_flag(sk, SOCK_DEAD)) {
			sk->sk_state_change(sk);
			tcp_sk_wake(sk);
		}
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

	tp->tcp_mstamp = tcp_clock_us(sk);
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
		tcp_init_transfer(sk);
		tcp_set_state(sk, TCP_ESTABLISHED);
		sk->sk_state_change(sk);
		tcp_sk_wake(sk);
		tp->snd_una = TCP_SKB_CB(skb)->ack_seq;
		tp->snd_wnd = (u32)ntohs(th->window) << tp->rx_opt.snd_wscale;
		tcp_init_wl(tp, TCP_SKB_CB(skb)->seq);
		if (tp->rx_opt.tstamp_ok)
			tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;
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
			tcp_done(sk);
			kfree_skb(skb);
			return 0;
		}
		break;
	default:
		break;
	}

	switch (sk->sk_state) {
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			break;
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
				return 1;
			}
		}
		fallthrough;
	case TCP_ESTABLISHED:
		tcp_data_queue(sk, skb);
		queued = 1;
		break;
	default:
		break;
	}
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
