// SPDX-License-Identifier: BSD-2-Clause
/*
 * Delivery rate estimation (draft-cheng-iccrg-delivery-rate-estimation),
 * as Linux does it.  Every skb, when sent, remembers how much the
 * connection had delivered (tp->delivered) and when (delivered_mstamp),
 * and when the current send phase began (first_tx_mstamp).  When an ACK
 * (S)ACKs skbs, the most recently sent of them gives the sample: the
 * segments delivered since it was sent, over the longer of its send phase
 * (its send time minus the phase's start) and its ACK phase (now minus
 * the delivery time it remembered).  The longer phase keeps ACK
 * compression and bursty sends from overestimating the rate.
 *
 * A sample taken while the application did not keep the pipe full is
 * marked app-limited: tcp_rate_check_app_limited() sets tp->app_limited
 * to the delivered count at which the bubble will have left the network.
 *
 * TCP_INFO reports the last sample that was not app-limited, or an
 * app-limited one that shows a higher rate (tcpi_delivery_rate,
 * tcpi_delivery_rate_app_limited).
 * Linux: net/ipv4/tcp_rate.c.
 */
#include <net/tcp.h>

/* Linux's SKB_TRUESIZE(1): what the smallest skb in a qdisc or device
 * charges to the sock (alloc_skb's truesize, here) */
#define TCP_RATE_SKB_TRUESIZE_1 (1U + (unsigned int)sizeof(struct sk_buff))

static u32 tcp_rate_us_delta(u64 t1, u64 t0)
{
	return t1 > t0 ? (u32)(t1 - t0) : 0;
}

/*
 * tcp_rate_skb_sent - @skb went out (first time or again): stamp it with
 * the connection's delivery state.  With nothing in flight, a new send
 * phase and a new delivery interval start at its send time: ACKs after
 * now show what the network delivered from this moment on.  packets_out,
 * not the in-flight estimate, decides, so that a spurious RTO or loss
 * marking cannot shorten the interval.
 */
void tcp_rate_skb_sent(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *scb = TCP_SKB_CB(skb);

	/* a SYN counts as in flight before it is sent (Linux queues it
	 * first): it never starts a phase, and gives no sample */
	if (!tp->packets_out && !(scb->tcp_flags & TCPHDR_SYN)) {
		u64 tstamp_us = tcp_skb_timestamp_us(skb);

		tp->first_tx_mstamp = tstamp_us;
		tp->delivered_mstamp = tstamp_us;
	}
	scb->tx.first_tx_mstamp = tp->first_tx_mstamp;
	scb->tx.delivered_mstamp = tp->delivered_mstamp;
	scb->tx.delivered = tp->delivered;
	scb->tx.delivered_ce = tp->delivered_ce & TCPCB_DELIVERED_CE_MASK;
	scb->tx.is_app_limited = tp->app_limited ? 1 : 0;
}

/*
 * tcp_rate_skb_delivered - @skb was SACKed or cumulatively ACKed: when it
 * was sent after every other skb this ACK covers (the latest send time,
 * then the highest sequence), its send state becomes the sample's start.
 * A SACKed skb is marked used, so that its later cumulative ACK does not
 * count again.
 */
void tcp_rate_skb_delivered(struct sock *sk, struct sk_buff *skb,
			    struct rate_sample *rs)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
	u64 tx_tstamp;

	if (!rs || !scb->tx.delivered_mstamp)
		return;
	tx_tstamp = tcp_skb_timestamp_us(skb);
	if (!rs->prior_delivered ||
	    tcp_skb_sent_after(tx_tstamp, tp->first_tx_mstamp, scb->end_seq,
			       rs->last_end_seq)) {
		rs->prior_delivered_ce = scb->tx.delivered_ce;
		rs->prior_delivered = scb->tx.delivered;
		rs->prior_mstamp = scb->tx.delivered_mstamp;
		rs->is_app_limited = scb->tx.is_app_limited;
		rs->is_retrans = (scb->sacked & TCPCB_RETRANS) != 0;
		rs->last_end_seq = scb->end_seq;
		/* the next send phase starts at this send time */
		tp->first_tx_mstamp = tx_tstamp;
		/* this send phase: from its start to this skb's send */
		rs->interval_us =
			tcp_rate_us_delta(tx_tstamp, scb->tx.first_tx_mstamp);
	}
	if (scb->sacked & TCPCB_SACKED_ACKED)
		scb->tx.delivered_mstamp = 0;
}

/*
 * tcp_rate_gen - the end of an ACK: @delivered segments newly (S)ACKed,
 * @lost newly marked lost.  Fill in @rs (delivered and interval_us -1
 * when there is no valid sample) and keep the one TCP_INFO reports.
 */
void tcp_rate_gen(struct sock *sk, u32 delivered, u32 lost, bool is_sack_reneg,
		  struct rate_sample *rs)
{
	struct tcp_sock *tp = tcp_sk(sk);
	/* no RTT sample yet: Linux's minimum is then ~0U, no sample valid */
	u32 min_rtt = tcp_min_rtt(tp) ? tcp_min_rtt(tp) : ~0U;
	u32 snd_us, ack_us;

	/* the app-limited bubble has been delivered: no longer limited */
	if (tp->app_limited && after(tp->delivered, tp->app_limited))
		tp->app_limited = 0;
	if (delivered)
		tp->delivered_mstamp = tp->tcp_mstamp;
	rs->acked_sacked = delivered;
	rs->losses = (int)lost;
	/* no send state to start from, or SACKed data reneged (what was
	 * SACKed before would count twice): no sample */
	if (!rs->prior_mstamp || is_sack_reneg) {
		rs->delivered = -1;
		rs->interval_us = -1;
		return;
	}
	rs->delivered = (s32)(tp->delivered - rs->prior_delivered);
	rs->delivered_ce = (s32)((tp->delivered_ce - rs->prior_delivered_ce) &
				 TCPCB_DELIVERED_CE_MASK);
	/* sending and ACKing are two phases of a pipeline: the longer one
	 * is the interval (ACK compression can make the ACK phase short) */
	snd_us = (u32)rs->interval_us;
	ack_us = tcp_rate_us_delta(tp->tcp_mstamp, rs->prior_mstamp);
	rs->interval_us = (long)max_t(u32, snd_us, ack_us);
	rs->snd_interval_us = snd_us;
	rs->rcv_interval_us = ack_us;
	/*
	 * Shorter than the minimum RTT cannot be right (a retransmission
	 * SACKed as if it were the original, for one): no sample.
	 */
	if (rs->interval_us < (long)min_rtt) {
		rs->interval_us = -1;
		return;
	}
	/* keep the last sample that was not app-limited, or the higher
	 * rate of an app-limited one */
	if (!rs->is_app_limited ||
	    (u64)rs->delivered * tp->rate_interval_us >=
		    (u64)tp->rate_delivered * (u64)rs->interval_us) {
		tp->rate_delivered = (u32)rs->delivered;
		tp->rate_interval_us = (u32)rs->interval_us;
		tp->rate_app_limited = rs->is_app_limited;
	}
}

/*
 * tcp_rate_check_app_limited - on a send by the application: when less
 * than a segment is waiting, nothing sits in a qdisc or the device, the
 * congestion window has room and no lost segment awaits retransmission,
 * the sender is limited by the application.  Samples stay marked
 * app-limited until what is in flight now has been delivered.
 */
void tcp_rate_check_app_limited(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->write_seq - tp->snd_nxt < tp->mss_cache &&
	    (unsigned int)sk->sk_wmem_alloc < TCP_RATE_SKB_TRUESIZE_1 &&
	    tcp_packets_in_flight(tp) < tcp_snd_cwnd(tp) &&
	    tp->lost_out <= tp->retrans_out) {
		u32 mark = tp->delivered + tcp_packets_in_flight(tp);

		/* 0 means "not limited": mark 1 instead */
		tp->app_limited = mark ? mark : 1;
	}
}
