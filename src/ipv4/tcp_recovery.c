// SPDX-License-Identifier: BSD-2-Clause
/*
 * RACK (RFC 8985): time-based loss detection.  A segment is lost once a
 * segment sent after it has been delivered (SACKed or ACKed) and more
 * than an RTT plus a reordering window (reo_wnd) has passed since it
 * was sent.  reo_wnd starts at min_rtt/4 (none at all while no
 * reordering was ever seen and recovery is underway or the dupack
 * threshold is met), and grows by min_rtt/4 per round in which D-SACKs
 * show a retransmission was spurious (RFC 8985 6.2 step 4).  What is not
 * yet due arms the reordering timer (ICSK_TIME_REO_TIMEOUT).  Also
 * NewReno's rule for peers without SACK (RFC 6582 3.2).
 * Linux: net/ipv4/tcp_recovery.c.
 */
#include <net/tcp.h>

/* TCP_TIMEOUT_MIN: the 2 ms (two jiffies) added to the reordering timer */
#define TCP_TIMEOUT_MIN_US 2000U

static u32 tcp_stamp_us_delta(u64 t1, u64 t0)
{
	return t1 > t0 ? (u32)(t1 - t0) : 0;
}

/* RFC 8985 6.2 step 4: the reordering window */
static u32 tcp_rack_reo_wnd(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 wnd;

	if (!tp->reord_seen) {
		/* no reordering ever seen: be quick in recovery, or once
		 * the dupack threshold (RFC 6675's DupThresh) is met */
		if (inet_csk(sk)->icsk_ca_state >= TCP_CA_Recovery)
			return 0;
		if (tp->sacked_out >= tp->reordering &&
		    !(sock_net(sk)->ipv4.sysctl_tcp_recovery &
		      TCP_RACK_NO_DUPTHRESH))
			return 0;
	}
	/* min_rtt/4 per step, never more than the smoothed RTT */
	wnd = (tcp_min_rtt(tp) >> 2) * tp->rack.reo_wnd_steps;
	return min_t(u32, wnd, tp->srtt_us >> 3);
}

/* tcp_rack_skb_timeout - us until @skb is due as lost (<= 0: it is) */
s32 tcp_rack_skb_timeout(struct tcp_sock *tp, struct sk_buff *skb, u32 reo_wnd)
{
	return (s32)(tp->rack.rtt_us + reo_wnd -
		     tcp_stamp_us_delta(tp->tcp_mstamp,
					tcp_skb_timestamp_us(skb)));
}

/*
 * tcp_rack_detect_loss - RFC 8985 6.2 step 5: mark lost every segment
 * sent before the latest delivered one that has waited RTT + reo_wnd;
 * *@reo_timeout gets how long the next one still has (us, 0: none).
 */
static void tcp_rack_detect_loss(struct sock *sk, u32 *reo_timeout)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb, *tmp;
	u32 reo_wnd;

	*reo_timeout = 0;
	reo_wnd = tcp_rack_reo_wnd(sk);
	/* Linux walks its time-ordered list; the sequence-ordered queue
	 * gives the same answer when every segment is looked at */
	skb_queue_walk_safe(&sk->sk_write_queue, skb, tmp) {
		struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
		s32 remaining;

		if (skb == tcp_send_head(sk))
			break;
		if (scb->sacked & TCPCB_SACKED_ACKED)
			continue;
		/* lost and not yet sent again: nothing more to learn */
		if ((scb->sacked & TCPCB_LOST) &&
		    !(scb->sacked & TCPCB_SACKED_RETRANS))
			continue;
		if (!tcp_skb_sent_after(tp->rack.mstamp,
					tcp_skb_timestamp_us(skb),
					tp->rack.end_seq, scb->end_seq))
			continue;
		/* a retransmission made in the very microsecond of the
		 * delivered segment's send time cannot be judged by it (the
		 * sequence tie-break orders originals only; a virtual clock
		 * that stands still would mark it lost at every SACK) */
		if ((scb->sacked & TCPCB_SACKED_RETRANS) &&
		    tcp_skb_timestamp_us(skb) >= tp->rack.mstamp)
			continue;
		remaining = tcp_rack_skb_timeout(tp, skb, reo_wnd);
		if (remaining <= 0)
			tcp_mark_skb_lost(sk, skb);
		else if ((u32)remaining > *reo_timeout)
			*reo_timeout = (u32)remaining;
	}
}

/*
 * tcp_rack_mark_lost - run the detection if a delivery advanced RACK;
 * arm the reordering timer for what is not due yet.  Return: whether
 * the timer was armed.
 */
bool tcp_rack_mark_lost(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 timeout;

	if (!tp->rack.advanced)
		return false;
	tp->rack.advanced = 0;
	tcp_rack_detect_loss(sk, &timeout);
	if (timeout) {
		u32 ms = DIV_ROUND_UP(timeout, 1000U) +
			 TCP_TIMEOUT_MIN_US / 1000;

		inet_csk_reset_xmit_timer(sk, ICSK_TIME_REO_TIMEOUT, ms,
					  inet_csk(sk)->icsk_rto);
	}
	return timeout != 0;
}

/*
 * tcp_rack_advance - RFC 8985 6.2 steps 1-2: a segment sent at
 * @xmit_time ending at @end_seq was delivered; remember the latest sent
 * such segment and its RTT.  A retransmitted segment delivered sooner
 * than min_rtt after the retransmission was the original's delivery:
 * ambiguous, ignored (step 2).
 */
void tcp_rack_advance(struct tcp_sock *tp, u8 sacked, u32 end_seq,
		      u64 xmit_time)
{
	u32 rtt_us = tcp_stamp_us_delta(tp->tcp_mstamp, xmit_time);

	if (rtt_us < tcp_min_rtt(tp) && (sacked & TCPCB_RETRANS))
		return;
	tp->rack.advanced = 1;
	tp->rack.rtt_us = rtt_us;
	if (tcp_skb_sent_after(xmit_time, tp->rack.mstamp, end_seq,
			       tp->rack.end_seq)) {
		tp->rack.mstamp = xmit_time;
		tp->rack.end_seq = end_seq;
	}
}

/*
 * tcp_rack_reo_timeout - the reordering timer fired: mark what is due,
 * enter recovery if that lost something, and send.
 */
void tcp_rack_reo_timeout(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 timeout, prior_inflight;
	u32 lost = tp->lost;

	prior_inflight = tcp_packets_in_flight(tp);
	tcp_rack_detect_loss(sk, &timeout);
	if (prior_inflight != tcp_packets_in_flight(tp)) {
		if (inet_csk(sk)->icsk_ca_state != TCP_CA_Recovery) {
			tcp_enter_recovery(sk, false);
			if (!inet_csk(sk)->icsk_ca_ops->cong_control)
				tcp_cwnd_reduction(sk, 1,
						   (int)(tp->lost - lost), 0);
		}
		tcp_xmit_retransmit_queue(sk);
	}
	if (inet_csk(sk)->icsk_pending != ICSK_TIME_RETRANS)
		tcp_rearm_rto(sk);
}

/*
 * tcp_rack_update_reo_wnd - RFC 8985 6.2 step 4: a D-SACK seen at least
 * a round after the last change grows reo_wnd by a step; it stays grown
 * for TCP_RACK_RECOVERY_THRESH recoveries, then falls back to one step.
 * @prior_delivered: tp->delivered before this ACK.
 */
void tcp_rack_update_reo_wnd(struct sock *sk, u32 prior_delivered)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if ((sock_net(sk)->ipv4.sysctl_tcp_recovery &
	     TCP_RACK_STATIC_REO_WND) ||
	    !prior_delivered)
		return;
	/* a D-SACK within a round of the last change says nothing new */
	if (before(prior_delivered, tp->rack.last_delivered))
		tp->rack.dsack_seen = 0;
	if (tp->rack.dsack_seen) {
		tp->rack.reo_wnd_steps =
			(u8)min_t(u32, 0xFF, tp->rack.reo_wnd_steps + 1U);
		tp->rack.dsack_seen = 0;
		tp->rack.last_delivered = tp->delivered;
		tp->rack.reo_wnd_persist = TCP_RACK_RECOVERY_THRESH;
	} else if (!tp->rack.reo_wnd_persist) {
		tp->rack.reo_wnd_steps = 1;
	}
}

/*
 * tcp_newreno_mark_lost - without SACK (RFC 6582 3.2): the head is lost
 * after tcp_reordering dupacks, and in recovery at each partial ACK.  A
 * TSO head loses only its first segment.
 */
void tcp_newreno_mark_lost(struct sock *sk, bool snd_una_advanced)
{
	const u8 state = inet_csk(sk)->icsk_ca_state;
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (!((state < TCP_CA_Recovery && tp->sacked_out >= tp->reordering) ||
	      (state == TCP_CA_Recovery && snd_una_advanced)))
		return;
	skb = tcp_rtx_queue_head(sk);
	if (!skb || (TCP_SKB_CB(skb)->sacked & TCPCB_LOST))
		return;
	if (tcp_skb_pcount(skb) > 1 && tcp_skb_mss(skb) &&
	    skb->len > tcp_skb_mss(skb))
		tcp_fragment(sk, skb, tcp_skb_mss(skb), tcp_skb_mss(skb));
	tcp_mark_skb_lost(sk, skb);
}
