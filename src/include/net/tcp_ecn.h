/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Classic ECN for TCP (RFC 3168 6.1), as Linux 6.18 does it with
 * net.ipv4.tcp_ecn 0 (off), 1 (ask in our SYNs, accept in SYN-ACKs) or 2
 * (accept only, the default): the ECN-setup SYN carries ECE|CWR, the
 * SYN-ACK that accepts carries ECE alone; then new data goes out ECT(0),
 * a CE mark makes every ACK carry ECE until a segment with CWR arrives,
 * and an ECE makes the sender reduce its window once per window of data
 * (tcp_enter_cwr()) and set CWR on the next new data.  AccECN (Linux's
 * tcp_ecn 3..5 and tcp_ecn_option) is not built: like the kernel here,
 * the sysctl refuses those values.  No congestion control here asks for
 * ECN (Linux's TCP_CONG_NEEDS_ECN, DCTCP), so those branches are left
 * out.  Linux: include/net/tcp_ecn.h.
 */
#ifndef _NET_TCP_ECN_H
#define _NET_TCP_ECN_H

#include <net/dst.h>
#include <net/inet_ecn.h>
#include <net/tcp.h>

/* net.ipv4.tcp_ecn (Linux's enum tcp_ecn_mode, classic values) */
#define TCP_ECN_IN_NOECN_OUT_NOECN 0
#define TCP_ECN_IN_ECN_OUT_ECN	   1
#define TCP_ECN_IN_ECN_OUT_NOECN   2
#define TCP_ECN_MODE_MAX	   2

/* an ECN-setup SYN: ECE and CWR both set (RFC 3168 6.1.1) */
#define TCPHDR_SYN_ECN (TCPHDR_SYN | TCPHDR_ECE | TCPHDR_CWR)

static inline void tcp_ecn_queue_cwr(struct tcp_sock *tp)
{
	if (tp->ecn_flags & TCP_ECN_OK)
		tp->ecn_flags |= TCP_ECN_QUEUE_CWR;
}

/*
 * tcp_ecn_accept_cwr - a segment with CWR: the sender reacted, stop
 * echoing (RFC 3168 6.1.3); with data it is ACKed at once, the sender's
 * window may be down to one segment
 */
static inline void tcp_ecn_accept_cwr(struct sock *sk,
				      const struct sk_buff *skb)
{
	if (tcp_hdr(skb)->cwr) {
		tcp_sk(sk)->ecn_flags &= (u8)~TCP_ECN_DEMAND_CWR;
		if (TCP_SKB_CB(skb)->seq != TCP_SKB_CB(skb)->end_seq)
			inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_NOW;
	}
}

/* the SYN-ACK for our ECN-setup SYN must have ECE and not CWR (6.1.1) */
static inline void tcp_ecn_rcv_synack(struct tcp_sock *tp,
				      const struct tcphdr *th)
{
	if ((tp->ecn_flags & TCP_ECN_OK) && (!th->ece || th->cwr))
		tp->ecn_flags &= (u8)~TCP_ECN_OK;
}

/* simultaneous open: both SYNs must be ECN-setup SYNs */
static inline void tcp_ecn_rcv_syn(struct tcp_sock *tp, const struct tcphdr *th)
{
	if ((tp->ecn_flags & TCP_ECN_OK) && (!th->ece || !th->cwr))
		tp->ecn_flags &= (u8)~TCP_ECN_OK;
}

/* an ACK with ECE: the receiver saw CE (not on SYNs, 6.1.1) */
static inline bool tcp_ecn_rcv_ecn_echo(const struct tcp_sock *tp,
					const struct tcphdr *th)
{
	return th->ece && !th->syn && (tp->ecn_flags & TCP_ECN_OK);
}

/*
 * tcp_ecn_send_syn - connect(): ask for ECN when tcp_ecn is 1 or the
 * route has "features ecn"; the SYN itself is never ECT (6.1.1)
 */
static inline void tcp_ecn_send_syn(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	bool use_ecn =
		sock_net(sk)->ipv4.sysctl_tcp_ecn == TCP_ECN_IN_ECN_OUT_ECN;

	if (!use_ecn) {
		const struct dst_entry *dst = sk->sk_dst_cache;

		if (dst && dst_feature(dst, RTAX_FEATURE_ECN))
			use_ecn = true;
	}
	tp->ecn_flags = 0;
	if (use_ecn) {
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_ECE | TCPHDR_CWR;
		tp->ecn_flags = TCP_ECN_OK;
	}
}

/*
 * tcp_ecn_clear_syn - the SYN is sent again: with tcp_ecn_fallback a
 * middlebox may be dropping ECN-setup SYNs, so ask no more (6.1.1.1)
 */
static inline void tcp_ecn_clear_syn(struct sock *sk, struct sk_buff *skb)
{
	if (sock_net(sk)->ipv4.sysctl_tcp_ecn_fallback)
		TCP_SKB_CB(skb)->tcp_flags &= (u8) ~(TCPHDR_ECE | TCPHDR_CWR);
}

/* simultaneous open: our SYN again as a SYN-ACK, ECE alone if agreed */
static inline void tcp_ecn_send_synack(struct sock *sk, struct sk_buff *skb)
{
	TCP_SKB_CB(skb)->tcp_flags &= (u8)~TCPHDR_CWR;
	if (!(tcp_sk(sk)->ecn_flags & TCP_ECN_OK))
		TCP_SKB_CB(skb)->tcp_flags &= (u8)~TCPHDR_ECE;
}

/* the SYN-ACK accepts with ECE alone */
static inline void tcp_ecn_make_synack(const struct request_sock *req,
				       struct tcphdr *th)
{
	if (inet_rsk(req)->ecn_ok)
		th->ece = 1;
}

/*
 * tcp_ecn_send - the ECN bits of a segment other than a SYN: new data
 * is ECT(0) and carries the CWR we owe; pure ACKs, window probes and
 * retransmissions are not ECT (6.1.4, 6.1.5); every segment echoes ECE
 * while we owe it.
 */
static inline void tcp_ecn_send(struct sock *sk, struct sk_buff *skb,
				struct tcphdr *th, unsigned int tcp_header_len)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!(tp->ecn_flags & TCP_ECN_OK))
		return;
	if (skb->len != tcp_header_len &&
	    !before(TCP_SKB_CB(skb)->seq, tp->snd_nxt)) {
		INET_ECN_xmit(sk);
		if (tp->ecn_flags & TCP_ECN_QUEUE_CWR) {
			tp->ecn_flags &= (u8)~TCP_ECN_QUEUE_CWR;
			th->cwr = 1;
		}
	} else {
		INET_ECN_dontxmit(sk);
	}
	if (tp->ecn_flags & TCP_ECN_DEMAND_CWR)
		th->ece = 1;
}

/*
 * tcp_ecn_create_request - a SYN for a listener: accept ECN if it is an
 * ECN-setup SYN that is not itself ECT (a SYN marked ECT is broken or
 * from a middlebox that rewrites the field, RFC 3168 6.1.1), and
 * tcp_ecn or the route's "features ecn" allows it
 */
static inline void tcp_ecn_create_request(struct request_sock *req,
					  const struct sk_buff *skb,
					  const struct sock *listen_sk,
					  const struct dst_entry *dst)
{
	const struct tcphdr *th = tcp_hdr(skb);
	bool ect, ecn_ok;

	if (!th->ece || !th->cwr)
		return;
	ect = !INET_ECN_is_not_ect(TCP_SKB_CB(skb)->ip_dsfield);
	ecn_ok = sock_net(listen_sk)->ipv4.sysctl_tcp_ecn ||
		 dst_feature(dst, RTAX_FEATURE_ECN);
	if ((!ect || th->res1) && ecn_ok)
		inet_rsk(req)->ecn_ok = 1;
}

/* the child of an accepted ECN-setup SYN starts with ECN on */
static inline void tcp_ecn_openreq_child(struct tcp_sock *tp,
					 const struct request_sock *req)
{
	tp->ecn_flags = inet_rsk(req)->ecn_ok ? TCP_ECN_OK : 0;
}

/*
 * tcp_ecn_check_ce - data arrived: a CE mark is echoed (ECE until CWR)
 * and ACKed at once; an unmarked segment after ECT ones is probably a
 * retransmission (not ECT, 6.1.5), so the ACKs go quickly too
 */
static inline void tcp_ecn_check_ce(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!(tp->ecn_flags & TCP_ECN_OK))
		return;
	switch (TCP_SKB_CB(skb)->ip_dsfield & INET_ECN_MASK) {
	case INET_ECN_NOT_ECT:
		if (tp->ecn_flags & TCP_ECN_SEEN)
			tcp_enter_quickack_mode(sk, 2);
		break;
	case INET_ECN_CE:
		if (!(tp->ecn_flags & TCP_ECN_DEMAND_CWR)) {
			tcp_enter_quickack_mode(sk, 2);
			tp->ecn_flags |= TCP_ECN_DEMAND_CWR;
		}
		tp->ecn_flags |= TCP_ECN_SEEN;
		break;
	default:
		tp->ecn_flags |= TCP_ECN_SEEN;
		break;
	}
}

/*
 * tcp_ecn_received_counters - a segment of the connection arrived (data
 * or a pure ACK): CE marks are counted in every ECN mode, negotiated or
 * not, a GRO packet for each segment it holds (tcpi_received_ce, Linux
 * 6.18's AccECN receive counter, which classic ECN keeps too)
 */
static inline void tcp_ecn_received_counters(struct sock *sk,
					     const struct sk_buff *skb)
{
	if (INET_ECN_is_ce(TCP_SKB_CB(skb)->ip_dsfield))
		tcp_sk(sk)->received_ce +=
			max_t(u32, 1, skb_shinfo(skb)->gso_segs);
}

#endif /* _NET_TCP_ECN_H */
