// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP output: building segments (header, options in Linux's order, the
 * window we offer), sending what the congestion and receive windows allow
 * with Nagle's rule, ACKs now or delayed, FIN, RST, SYN and SYN-ACK, and
 * retransmission.  Linux: net/ipv4/tcp_output.c.
 */
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/tcp_ecn.h>

/* What the options of one segment are (Linux's struct tcp_out_options). */
#define OPTION_SACK_ADVERTISE	(1 << 0)
#define OPTION_TS		(1 << 1)
#define OPTION_WSCALE		(1 << 3)
#define OPTION_FAST_OPEN_COOKIE (1 << 8)

struct tcp_out_options {
	u16 options;
	u16 mss;
	u8 ws;
	u8 num_sack_blocks;
	u32 tsval, tsecr;
	const struct tcp_fastopen_cookie *fastopen_cookie;
};

/*
 * The room a Fast Open option takes (RFC 7413 4.1.1: kind 34, or 254 with
 * the ExID), 32-bit aligned; 0 when it is not to be sent or does not fit.
 */
static unsigned int
tcp_fastopen_option_space(const struct tcp_fastopen_cookie *foc,
			  unsigned int remaining)
{
	unsigned int need;

	if (!foc || foc->len < 0)
		return 0;
	need = (unsigned int)foc->len +
	       (foc->exp ? TCPOLEN_EXP_FASTOPEN_BASE : TCPOLEN_FASTOPEN_BASE);
	need = (need + 3) & ~3U;
	return remaining >= need ? need : 0;
}

/*
 * tcp_options_write - the options, in the order Linux writes them (RFC
 * 9293 3.2 allows any): MSS; SACK-permitted and timestamps together
 * (sackOK,TS) or NOP,NOP,TS; NOP,WS; NOP,NOP,sackOK without TS; then
 * NOP,NOP,SACK blocks (RFC 2018 3).
 */
static void tcp_options_write(u8 *ptr, const struct tcp_sock *tp,
			      const struct tcp_out_options *opts)
{
	u16 options = opts->options;

	if (opts->mss) {
		*ptr++ = TCPOPT_MSS;
		*ptr++ = TCPOLEN_MSS;
		*ptr++ = (u8)(opts->mss >> 8);
		*ptr++ = (u8)opts->mss;
	}
	if (options & OPTION_TS) {
		__be32 v;

		if (options & OPTION_SACK_ADVERTISE) {
			*ptr++ = TCPOPT_SACK_PERM;
			*ptr++ = TCPOLEN_SACK_PERM;
			options &= (u16)~OPTION_SACK_ADVERTISE;
		} else {
			*ptr++ = TCPOPT_NOP;
			*ptr++ = TCPOPT_NOP;
		}
		*ptr++ = TCPOPT_TIMESTAMP;
		*ptr++ = TCPOLEN_TIMESTAMP;
		v = htonl(opts->tsval);
		memcpy(ptr, &v, 4);
		ptr += 4;
		v = htonl(opts->tsecr);
		memcpy(ptr, &v, 4);
		ptr += 4;
	}
	if (options & OPTION_SACK_ADVERTISE) {
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_SACK_PERM;
		*ptr++ = TCPOLEN_SACK_PERM;
	}
	if (options & OPTION_WSCALE) {
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_WINDOW;
		*ptr++ = TCPOLEN_WINDOW;
		*ptr++ = opts->ws;
	}
	if (opts->num_sack_blocks && tp) {
		int n = opts->num_sack_blocks, i;

		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_SACK;
		*ptr++ = (u8)(TCPOLEN_SACK_BASE + n * TCPOLEN_SACK_PERBLOCK);
		for (i = 0; i < n; i++) {
			/* RFC 2883 4: a D-SACK block goes first */
			const struct tcp_sack_state *sb = tp->sack;
			const struct tcp_sack_block *sp =
				tp->rx_opt.dsack
					? (i ? &sb->selective_acks[i - 1]
					     : &sb->duplicate_sack[0])
					: &sb->selective_acks[i];
			__be32 v = htonl(sp->start_seq);

			memcpy(ptr, &v, 4);
			v = htonl(sp->end_seq);
			memcpy(ptr + 4, &v, 4);
			ptr += 8;
		}
	}
	if (options & OPTION_FAST_OPEN_COOKIE) {
		const struct tcp_fastopen_cookie *foc = opts->fastopen_cookie;
		u8 len;

		if (foc->exp) {
			len = (u8)(TCPOLEN_EXP_FASTOPEN_BASE + foc->len);
			*ptr++ = TCPOPT_EXP;
			*ptr++ = len;
			*ptr++ = (u8)(TCPOPT_FASTOPEN_MAGIC >> 8);
			*ptr++ = (u8)TCPOPT_FASTOPEN_MAGIC;
		} else {
			len = (u8)(TCPOLEN_FASTOPEN_BASE + foc->len);
			*ptr++ = TCPOPT_FASTOPEN;
			*ptr++ = len;
		}
		memcpy(ptr, foc->val, (size_t)foc->len);
		/* a 2-byte remainder is padded with NOPs, as Linux */
		if ((len & 3) == 2) {
			ptr[foc->len] = TCPOPT_NOP;
			ptr[foc->len + 1] = TCPOPT_NOP;
		}
	}
}

/* tcp_syn_options - a SYN's options; Return: their length */
static unsigned int tcp_syn_options(struct sock *sk,
				    struct tcp_out_options *opts)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	unsigned int size = TCPOLEN_MSS_ALIGNED;

	opts->mss = tcp_advertise_mss(sk);
	if (net->ipv4.sysctl_tcp_timestamps) {
		opts->options |= OPTION_TS;
		opts->tsval = tcp_ts_now(tp);
		opts->tsecr = tp->rx_opt.ts_recent;
		size += TCPOLEN_TSTAMP_ALIGNED;
	}
	if (net->ipv4.sysctl_tcp_window_scaling) {
		opts->ws = tp->rx_opt.rcv_wscale;
		opts->options |= OPTION_WSCALE;
		size += TCPOLEN_WSCALE_ALIGNED;
	}
	if (net->ipv4.sysctl_tcp_sack) {
		opts->options |= OPTION_SACK_ADVERTISE;
		if (!(opts->options & OPTION_TS))
			size += TCPOLEN_SACKPERM_ALIGNED;
	}
	if (tp->fastopen_req) {
		const struct tcp_fastopen_cookie *foc =
			&tp->fastopen_req->cookie;
		unsigned int need = tcp_fastopen_option_space(
			foc, MAX_TCP_OPTION_SPACE - size);

		if (need) {
			opts->options |= OPTION_FAST_OPEN_COOKIE;
			opts->fastopen_cookie = foc;
			size += need;
			tp->syn_fastopen = 1;
			tp->syn_fastopen_exp = foc->exp ? 1 : 0;
		}
	}
	return size;
}

static unsigned int tcp_synack_options(const struct request_sock *req,
				       unsigned int mss,
				       struct tcp_out_options *opts)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	unsigned int size = TCPOLEN_MSS_ALIGNED;

	opts->mss = (u16)mss;
	if (ireq->wscale_ok) {
		opts->ws = ireq->rcv_wscale;
		opts->options |= OPTION_WSCALE;
		size += TCPOLEN_WSCALE_ALIGNED;
	}
	if (ireq->tstamp_ok) {
		opts->options |= OPTION_TS;
		opts->tsval = (req->syncookie
				       ? cookie_init_timestamp(req)
				       : tcp_time_stamp_ms(req->rsk_listener)) +
			      tcp_rsk(req)->ts_off;
		opts->tsecr = req->ts_recent;
		size += TCPOLEN_TSTAMP_ALIGNED;
	}
	if (ireq->sack_ok) {
		opts->options |= OPTION_SACK_ADVERTISE;
		if (!ireq->tstamp_ok)
			size += TCPOLEN_SACKPERM_ALIGNED;
	}
	{
		const struct tcp_fastopen_cookie *foc =
			tcp_rsk(req)->tfo_synack_foc;
		unsigned int need = tcp_fastopen_option_space(
			foc, MAX_TCP_OPTION_SPACE - size);

		if (need) {
			opts->options |= OPTION_FAST_OPEN_COOKIE;
			opts->fastopen_cookie = foc;
			size += need;
		}
	}
	return size;
}

/* The options of an established connection's segment. */
static unsigned int tcp_established_options(struct sock *sk,
					    struct tcp_out_options *opts)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int size = 0;
	unsigned int eff_sacks;

	opts->options = 0;
	if (tp->rx_opt.tstamp_ok) {
		opts->options |= OPTION_TS;
		opts->tsval = tcp_ts_now(tp);
		opts->tsecr = tp->rx_opt.ts_recent;
		size += TCPOLEN_TSTAMP_ALIGNED;
	}
	eff_sacks = tp->rx_opt.num_sacks + tp->rx_opt.dsack;
	if (eff_sacks) {
		unsigned int remaining = MAX_TCP_OPTION_SPACE - size;

		opts->num_sack_blocks =
			(u8)min_t(unsigned int, eff_sacks,
				  (remaining - TCPOLEN_SACK_BASE_ALIGNED) /
					  TCPOLEN_SACK_PERBLOCK);
		size += TCPOLEN_SACK_BASE_ALIGNED +
			opts->num_sack_blocks * TCPOLEN_SACK_PERBLOCK;
	}
	return size;
}

/* ---- windows ---- */

/*
 * tcp_select_initial_window - the window of our SYN or SYN-ACK and the
 * scale we announce (RFC 7323 2.2-2.3), as Linux chooses them: the space
 * rounded down to the MSS; the scale covers the largest buffer the
 * socket may grow to (tcp_rmem[2], rmem_max) but never more than the
 * window clamp, so a socket with a small locked SO_RCVBUF announces 0.
 */
void tcp_select_initial_window(const struct sock *sk, int space, u32 mss,
			       u32 *rcv_wnd, u32 *window_clamp, int wscale_ok,
			       u8 *rcv_wscale, u32 init_rcv_wnd)
{
	const struct net *net = sock_net(sk);
	u32 clamp = *window_clamp;
	u32 space_u = space < 0 ? 0 : (u32)space;

	if (clamp == 0)
		clamp = 65535U << TCP_MAX_WSCALE;
	space_u = min_t(u32, clamp, space_u);
	if (space_u > mss)
		space_u = (space_u / mss) * mss;
	/* the SYN's own window field is capped at 64 KiB when sent; with
	 * tcp_workaround_signed_windows the window starts at 32767 at most
	 * (a peer might read the field as signed) */
	*rcv_wnd = space_u;
	if (net->ipv4.sysctl_tcp_workaround_signed_windows)
		*rcv_wnd = min_t(u32, *rcv_wnd, MAX_TCP_WINDOW);
	if (init_rcv_wnd)
		*rcv_wnd = min_t(u32, *rcv_wnd, init_rcv_wnd * mss);
	*rcv_wscale = 0;
	if (wscale_ok) {
		int shift = 0;

		space_u =
			max_t(u32, space_u, (u32)net->ipv4.sysctl_tcp_rmem[2]);
		space_u = max_t(u32, space_u, (u32)net->core.sysctl_rmem_max);
		space_u = min_t(u32, space_u, clamp);
		if (space_u) /* ilog2, as Linux's */
			shift = 31 - __builtin_clz(space_u);
		*rcv_wscale = (u8)clamp_t(int, shift - 15, 0, TCP_MAX_WSCALE);
	}
	*window_clamp = min_t(u32, 65535U << *rcv_wscale, clamp);
}

/*
 * __tcp_select_window - the window to offer now: free receive space,
 * never more than rcv_ssthresh; zero below one MSS or below 1/16 of the
 * buffer (RFC 9293 3.8.6.2.2, receiver-side silly window avoidance).
 * With tcp_shrink_window and a scale in effect the offer follows the
 * free space down (RFC 7323 2.4 allows it); otherwise it never moves its
 * right edge back (tcp_select_window).
 */
u32 __tcp_select_window(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int unit = 1 << tp->rx_opt.rcv_wscale;
	int mss = icsk->icsk_ack.rcv_mss;
	int free_space = tcp_space(sk);
	int allowed_space = tcp_full_space(sk);
	int full_space, window;

	full_space = min_t(int, (int)tp->window_clamp, allowed_space);
	if (mss > full_space) {
		mss = full_space;
		if (mss <= 0)
			return 0;
	}
	if (sock_net(sk)->ipv4.sysctl_tcp_shrink_window &&
	    tp->rx_opt.rcv_wscale) {
		free_space &= ~(unit - 1);
		if (free_space < (full_space >> 1)) {
			icsk->icsk_ack.quick = 0;
			if (tcp_under_memory_pressure(sk))
				tcp_adjust_rcv_ssthresh(sk);
			if (free_space < (allowed_space >> 4) ||
			    free_space < mss || free_space < unit)
				return 0;
		}
		if (free_space > (int)tp->rcv_ssthresh) {
			/* rcv_ssthresh is soft: round it up to the unit */
			free_space = ((int)tp->rcv_ssthresh + unit - 1) &
				     ~(unit - 1);
		}
		return (u32)free_space;
	}
	if (free_space < (full_space >> 1)) {
		icsk->icsk_ack.quick = 0;
		/* under tcp_mem pressure the offer stops at four segments */
		if (tcp_under_memory_pressure(sk))
			tcp_adjust_rcv_ssthresh(sk);
		/* no growth from rounding up to the scale's unit */
		free_space &= ~(unit - 1);
		/* go to zero in time: before the buffer, not the MSS, is
		 * exhausted when the window is large */
		if (free_space < (allowed_space >> 4) || free_space < mss)
			return 0;
	}
	if (free_space > (int)tp->rcv_ssthresh)
		free_space = (int)tp->rcv_ssthresh;
	if (tp->rx_opt.rcv_wscale) {
		/* a window the scale would round to zero is no offer */
		window = (free_space + unit - 1) & ~(unit - 1);
	} else {
		window = (int)tp->rcv_wnd;
		/* keep the offer while within one MSS of the free space */
		if (window <= free_space - mss || window > free_space)
			window = (free_space / mss) * mss;
		else if (mss == full_space &&
			 free_space > window + (full_space >> 1))
			window = free_space;
	}
	return (u32)window;
}

/*
 * tcp_select_window - the window field: never shrinks what we offered
 * (RFC 9293 3.8.6.2.2) unless tcp_shrink_window allows it; zero when the
 * last segment could not be queued for lack of memory.
 */
static u16 tcp_select_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 old_win = tp->rcv_wnd;
	u32 cur_win, new_win;

	if (inet_csk(sk)->icsk_ack.pending & ICSK_ACK_NOMEM) {
		tp->rcv_wnd = 0;
		tp->rcv_wup = tp->rcv_nxt;
		return 0;
	}
	cur_win = tcp_receive_window(tp);
	new_win = __tcp_select_window(sk);
	if (new_win < cur_win &&
	    (!net->ipv4.sysctl_tcp_shrink_window || !tp->rx_opt.rcv_wscale)) {
		u32 unit = 1U << tp->rx_opt.rcv_wscale;

		if (new_win == 0)
			NET_INC_STATS(net, LINUX_MIB_TCPWANTZEROWINDOWADV);
		new_win = (cur_win + unit - 1) & ~(unit - 1);
	}
	tp->rcv_wnd = new_win;
	tp->rcv_wup = tp->rcv_nxt;
	/* without a scale, 32767 at most to a peer that may read the
	 * window as signed (tcp_workaround_signed_windows) */
	if (!tp->rx_opt.rcv_wscale &&
	    net->ipv4.sysctl_tcp_workaround_signed_windows)
		new_win = min_t(u32, new_win, MAX_TCP_WINDOW);
	else
		new_win = min_t(u32, new_win, 65535U << tp->rx_opt.rcv_wscale);
	new_win >>= tp->rx_opt.rcv_wscale;
	if (new_win == 0) {
		if (old_win)
			NET_INC_STATS(net, LINUX_MIB_TCPTOZEROWINDOWADV);
	} else if (old_win == 0) {
		NET_INC_STATS(net, LINUX_MIB_TCPFROMZEROWINDOWADV);
	}
	return (u16)new_win;
}

/* ---- MSS ---- */

int tcp_mss_clamp(const struct tcp_sock *tp, int mss)
{
	int user_mss = tp->rx_opt.user_mss;

	return (user_mss && user_mss < mss) ? user_mss : mss;
}

/* tcp_advertise_mss - the MSS option: the route's advmss (MTU - 40) */
u16 tcp_advertise_mss(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct dst_entry *dst = sk->sk_dst_cache;
	int mss = tp->advmss;

	if (dst) {
		int metric = (int)dst_metric_advmss(dst);

		if (metric < mss)
			mss = metric;
		tp->advmss = (u16)mss;
	}
	return (u16)mss;
}

static int __tcp_mtu_to_mss(struct sock *sk, int pmtu)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	int mss_now =
		pmtu - (int)sizeof(struct iphdr) - (int)sizeof(struct tcphdr);

	if (mss_now > tp->rx_opt.mss_clamp)
		mss_now = tp->rx_opt.mss_clamp;
	mss_now -= inet_csk(sk)->icsk_ext_hdr_len;
	if (mss_now < sock_net(sk)->ipv4.sysctl_tcp_min_snd_mss)
		mss_now = sock_net(sk)->ipv4.sysctl_tcp_min_snd_mss;
	return mss_now;
}

int tcp_mtu_to_mss(struct sock *sk, int pmtu)
{
	return __tcp_mtu_to_mss(sk, pmtu) -
	       (tcp_sk(sk)->tcp_header_len - (int)sizeof(struct tcphdr));
}

int tcp_mss_to_mtu(struct sock *sk, int mss)
{
	return mss + tcp_sk(sk)->tcp_header_len + (int)sizeof(struct iphdr) +
	       inet_csk(sk)->icsk_ext_hdr_len;
}

/* tcp_bound_to_half_wnd - RFC 9293 3.8.6.2.1: not more than half the
 * largest window the peer offered (once it offered a sizeable one) */
static int tcp_bound_to_half_wnd(const struct tcp_sock *tp, int pktsize)
{
	int cutoff;

	if (tp->max_window > TCP_MSS_DEFAULT)
		cutoff = (int)(tp->max_window >> 1);
	else
		cutoff = (int)tp->max_window;
	if (cutoff && pktsize > cutoff)
		return max_t(int, cutoff, 68 - tp->tcp_header_len);
	return pktsize;
}

/*
 * tcp_mtup_init - MTU probing (RFC 4821) starts over: it searches between
 * the MTU of tcp_base_mss and the largest the peer's MSS allows;
 * tcp_mtu_probing 2 searches from the start, 1 only once tcp_mtu_probing()
 * saw a blackhole
 */
void tcp_mtup_init(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);

	icsk->icsk_mtup.enabled = net->ipv4.sysctl_tcp_mtu_probing > 1;
	icsk->icsk_mtup.search_high = tp->rx_opt.mss_clamp +
				      (int)sizeof(struct tcphdr) +
				      (int)sizeof(struct iphdr);
	icsk->icsk_mtup.search_low =
		tcp_mss_to_mtu(sk, net->ipv4.sysctl_tcp_base_mss);
	icsk->icsk_mtup.probe_size = 0;
	if (icsk->icsk_mtup.enabled)
		icsk->icsk_mtup.probe_timestamp = tcp_jiffies32(sk);
}

/*
 * tcp_sync_mss - the MSS for a path MTU of @pmtu; while MTU probing is on,
 * no larger than what the search knows to pass (search_low)
 */
unsigned int tcp_sync_mss(struct sock *sk, u32 pmtu)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int mss_now;

	if (icsk->icsk_mtup.search_high > (int)pmtu)
		icsk->icsk_mtup.search_high = (int)pmtu;
	mss_now = tcp_mtu_to_mss(sk, (int)pmtu);
	mss_now = tcp_bound_to_half_wnd(tp, mss_now);
	icsk->icsk_pmtu_cookie = pmtu;
	if (icsk->icsk_mtup.enabled)
		mss_now = min_t(int, mss_now,
				tcp_mtu_to_mss(sk, icsk->icsk_mtup.search_low));
	tp->mss_cache = (u32)mss_now;
	return (unsigned int)mss_now;
}

/* tcp_current_mss - the payload a segment may carry now, options counted */
unsigned int tcp_current_mss(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct dst_entry *dst = sk->sk_dst_cache;
	struct tcp_out_options opts;
	unsigned int header_len;
	u32 mss_now = tp->mss_cache;

	memset(&opts, 0, sizeof(opts));
	if (dst && dst_mtu(dst) != inet_csk(sk)->icsk_pmtu_cookie)
		mss_now = tcp_sync_mss(sk, dst_mtu(dst));
	header_len = tcp_established_options(sk, &opts) +
		     (unsigned int)sizeof(struct tcphdr);
	if (header_len != tp->tcp_header_len) {
		int delta = (int)header_len - tp->tcp_header_len;

		mss_now = (u32)((int)mss_now - delta);
	}
	return mss_now;
}

/* ---- transmitting one segment ---- */

/* The route a connected sock sends on, cached; NULL: unreachable. */
static struct rtable *tcp_route(struct sock *sk)
{
	struct dst_entry *dst = __sk_dst_check(sk, 0);

	if (!dst)
		dst = inet_csk_rebuild_route(sk);
	return dst ? dst_rtable(dst) : NULL;
}

void tcp_v4_send_check(struct sock *sk, struct sk_buff *skb)
{
	struct tcphdr *th = tcp_hdr(skb);
	const struct inet_sock *inet = inet_sk(sk);
	unsigned int len = skb->len;

	th->check = 0;
	th->check = csum_tcpudp_magic(inet->inet_saddr, inet->inet_daddr, len,
				      IPPROTO_TCP,
				      skb_checksum(skb, 0, (int)len, 0));
}

/* __ip_queue_xmit - an IP header in front, then out (ip_queue_xmit) */
static int tcp_ip_queue_xmit(struct sock *sk, struct sk_buff *skb)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct rtable *rt = tcp_route(sk);
	struct iphdr *iph;

	if (!rt) {
		IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_OUTNOROUTES);
		return -EHOSTUNREACH;
	}
	if (!inet->inet_saddr) {
		/* connect() chose no source yet: the route's */
		inet->inet_saddr = inet->inet_rcv_saddr;
	}
	iph = skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = inet->tos;
	if (ip_dont_fragment(sk, &rt->dst) && !skb->ignore_df)
		iph->frag_off = htons(IP_DF);
	iph->ttl = (u8)(inet->uc_ttl < 0 ? ip4_dst_hoplimit(&rt->dst)
					 : inet->uc_ttl);
	iph->protocol = IPPROTO_TCP;
	iph->saddr = inet->inet_saddr;
	iph->daddr = inet->inet_daddr;
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	ip_select_ident(net, skb, sk);
	skb->priority = sk->sk_priority;
	skb->mark = sk->sk_mark;
	return ip_local_out(net, sk, skb);
}

static void tcp_event_ack_sent(struct sock *sk, u32 rcv_nxt)
{
	struct tcp_sock *tp = tcp_sk(sk);

	/* this ACK stands for the duplicate ACKs SACK compression held */
	if (tp->compressed_ack) {
		NET_ADD_STATS(sock_net(sk), LINUX_MIB_TCPACKCOMPRESSED,
			      tp->compressed_ack);
		tp->compressed_ack = 0;
		del_timer(&tp->compressed_ack_timer);
	}
	if (rcv_nxt != tp->rcv_nxt)
		return;
	tcp_dec_quickack_mode(sk);
	inet_csk_clear_xmit_timer(sk, ICSK_TIME_DACK);
}

/*
 * tcp_event_data_sent - sending data soon after receiving some makes the
 * connection interactive (delayed ACKs ride on the answer).
 */
static void tcp_event_data_sent(struct tcp_sock *tp, struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 now = tcp_jiffies32(sk);

	if (tcp_packets_in_flight(tp) == 0)
		tcp_ca_event(sk, CA_EVENT_TX_START);
	tp->lsndtime = now;
	if ((u32)(now - icsk->icsk_ack.lrcvtime) < icsk->icsk_ack.ato)
		inet_csk_inc_pingpong_cnt(sk);
}

static void tcp_update_skb_after_send(struct sock *sk, struct sk_buff *skb,
				      u64 prior_wstamp);

/* ---- TCP Small Queues ---- */

/*
 * TSQ keeps the bytes a flow has below TCP - in qdiscs and devices, not
 * yet freed or orphaned - near what ~1 ms of its pacing rate is, and at
 * most net.ipv4.tcp_limit_output_bytes, instead of a whole congestion
 * window: less bufferbloat on the sending host, fairer qdiscs, RTT and
 * cwnd not inflated by our own queue.  sk_wmem_alloc counts those bytes
 * (each sent skb is charged until its destructor, tcp_wfree, runs).  A
 * flow over the limit is THROTTLED; the TX completion that brings it
 * under schedules the sock's tasklet, which sends more from softirq
 * context, or, if the user owns the sock, from tcp_release_cb().
 */

/* tcp_tsq_write - what a TX completion lets go: lost segments, new data */
static void tcp_tsq_write(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!((1 << sk->sk_state) &
	      (TCPF_ESTABLISHED | TCPF_FIN_WAIT1 | TCPF_CLOSING |
	       TCPF_CLOSE_WAIT | TCPF_LAST_ACK)))
		return;
	if (tp->lost_out > tp->retrans_out &&
	    tcp_snd_cwnd(tp) > tcp_packets_in_flight(tp))
		tcp_xmit_retransmit_queue(sk);
	tcp_write_xmit(sk, tcp_current_mss(sk), tp->nonagle, 0);
}

/* tcp_tsq_tasklet - softirq: a throttled flow's packets left the host */
static void tcp_tsq_tasklet(struct tasklet_struct *t)
{
	struct tcp_sock *tp = container_of(t, struct tcp_sock, tsq_tasklet);
	struct sock *sk = &tp->inet_conn.icsk_inet.sk;

	bh_lock_sock(sk);
	tp->tsq_flags &= ~TSQF_QUEUED;
	if (!sock_owned_by_user(sk))
		tcp_tsq_write(sk);
	else if (!(tp->tsq_flags & TCPF_TSQ_DEFERRED)) {
		/* the owner sends it when it lets go (tcp_release_cb) */
		tp->tsq_flags |= TCPF_TSQ_DEFERRED;
		sock_hold(sk);
	}
	bh_unlock_sock(sk);
	sock_put(sk); /* the reference tcp_wfree() handed over */
}

/* tcp_tsq_deferred - tcp_release_cb()'s part: the tasklet found it owned */
void tcp_tsq_deferred(struct sock *sk)
{
	tcp_tsq_write(sk);
	sock_put(sk);
}

void tcp_tsq_init(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->tsq_flags = 0;
	tasklet_setup(&tp->tsq_tasklet, tcp_tsq_tasklet, sock_net(sk)->st);
}

/*
 * tcp_wfree - the destructor of a sent skb (a TX completion): uncharge
 * it, and if the flow was throttled, let the tasklet send more; the
 * skb's reference on the sock passes to it.
 */
void tcp_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;
	struct tcp_sock *tp = tcp_sk(sk);

	sk->sk_wmem_alloc -= (int)skb->truesize;
	if ((tp->tsq_flags & (TSQF_THROTTLED | TSQF_QUEUED)) !=
	    TSQF_THROTTLED) {
		sock_put(sk);
		return;
	}
	tp->tsq_flags = (tp->tsq_flags & ~TSQF_THROTTLED) | TSQF_QUEUED;
	tasklet_schedule(&tp->tsq_tasklet);
}

/* one skb or none in the retransmit queue: nothing in flight below us
 * would call us back soon enough, so TSQ does not hold this one */
static bool tcp_rtx_queue_empty_or_single_skb(const struct sock *sk)
{
	const struct sk_buff *skb = tcp_rtx_queue_head(sk);

	return !skb || skb->next == tcp_send_head(sk) ||
	       tcp_skb_is_last(sk, skb);
}

/*
 * tcp_small_queue_check - may @skb not go now because the flow has
 * enough below TCP?  The limit: two skbs like it, or 1/2^sk_pacing_shift
 * s of the pacing rate, whichever is more, but not over
 * tcp_limit_output_bytes (a negative value is no limit, as Linux reads
 * the int as unsigned long); doubled (@factor 1) for retransmissions.
 */
static bool tcp_small_queue_check(struct sock *sk, const struct sk_buff *skb,
				  unsigned int factor)
{
	s64 sysctl = sock_net(sk)->ipv4.sysctl_tcp_limit_output_bytes;
	u64 limit;

	limit = max_t(u64, 2ULL * skb->truesize,
		      sk->sk_pacing_rate >> sk->sk_pacing_shift);
	limit = min_t(u64, limit, (u64)sysctl);
	limit <<= factor;
	/* Linux's sk_wmem_alloc counts one more: the sock's own reference */
	if ((u64)sk->sk_wmem_alloc + 1 <= limit)
		return false;
	if (tcp_rtx_queue_empty_or_single_skb(sk))
		return false;
	tcp_sk(sk)->tsq_flags |= TSQF_THROTTLED;
	return true;
}

/*
 * __tcp_transmit_skb - send @skb (a write-queue segment, cloned or copied
 * when @clone_it, or a segment built for this one send) with a header
 * made now: the ACK and window are current.  Return: 0 or -errno.
 */
static int __tcp_transmit_skb(struct sock *sk, struct sk_buff *skb,
			      int clone_it, u32 rcv_nxt)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct tcp_out_options opts;
	unsigned int tcp_options_size, tcp_header_size;
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	struct sk_buff *oskb = NULL;
	u64 prior_wstamp = 0;
	struct tcphdr *th;
	int err;

	if (clone_it) {
		u64 now_ns = tcp_clock_us(sk) * NSEC_PER_USEC;

		/* departure time: now, or later when paced (EDT) */
		prior_wstamp = tp->tcp_wstamp_ns;
		tp->tcp_wstamp_ns = max_t(u64, tp->tcp_wstamp_ns, now_ns);
		skb->tstamp = now_ns;
		oskb = skb;
		if (skb_cloned(skb))
			skb = pskb_copy(skb, GFP_ATOMIC);
		else
			skb = skb_clone(skb, GFP_ATOMIC);
		if (!skb)
			return -ENOBUFS;
		tcb = TCP_SKB_CB(skb);
	}
	memset(&opts, 0, sizeof(opts));
	if (unlikely(tcb->tcp_flags & TCPHDR_SYN))
		tcp_options_size = tcp_syn_options(sk, &opts);
	else {
		tcp_options_size = tcp_established_options(sk, &opts);
		/* every TSO packet carries PSH (on its last segment once
		 * cut), as Linux does to flush GRO at the receiver */
		if (tcp_skb_pcount(skb) > 1)
			tcb->tcp_flags |= TCPHDR_PSH;
	}
	tcp_header_size = tcp_options_size + (unsigned int)sizeof(*th);
	if (tcp_skb_pcount(skb) > 1) {
		skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
		skb_shinfo(skb)->gso_size = (unsigned short)tcp_skb_mss(skb);
		skb_shinfo(skb)->gso_segs = (unsigned short)tcp_skb_pcount(skb);
	} else {
		skb_shinfo(skb)->gso_type = 0;
		skb_shinfo(skb)->gso_size = 0;
		skb_shinfo(skb)->gso_segs = 0;
	}

	skb_orphan(skb);
	skb_set_owner_w(skb, sk);
	/* TSQ: a data segment's TX completion counts, a pure ACK's not */
	skb->destructor = skb_is_tcp_pure_ack(skb) ? __sock_wfree : tcp_wfree;
	th = skb_push(skb, tcp_header_size);
	skb_reset_transport_header(skb);
	memset(th, 0, tcp_header_size);
	th->source = inet->inet_sport;
	th->dest = inet->inet_dport;
	th->seq = htonl(tcb->seq);
	th->ack_seq = htonl(rcv_nxt);
	th->doff = (u16)(tcp_header_size >> 2);
	((u8 *)th)[13] = tcb->tcp_flags;
	if (unlikely(tcb->tcp_flags & TCPHDR_SYN)) {
		/* RFC 7323 2.2: the window of a SYN is never scaled */
		th->window = htons((u16)min_t(u32, tp->rcv_wnd, 65535U));
	} else {
		th->window = htons(tcp_select_window(sk));
		tcp_ecn_send(sk, skb, th, tcp_header_size);
	}
	/* RFC 9293 3.8.5: the pointer (BSD-style, after the urgent byte)
	 * while it is within 64 KiB, else 0xFFFF as long as it is ahead */
	if (tcp_urg_mode(tp) && before(tcb->seq, tp->snd_up)) {
		if (before(tp->snd_up, tcb->seq + 0x10000)) {
			th->urg_ptr = htons((u16)(tp->snd_up - tcb->seq));
			th->urg = 1;
		} else if (after(tcb->seq + 0xFFFF, tp->snd_nxt)) {
			th->urg_ptr = htons(0xFFFF);
			th->urg = 1;
		}
	}
	tcp_options_write((u8 *)(th + 1), tp, &opts);
	if (opts.num_sack_blocks)
		tp->rx_opt.dsack = 0; /* a D-SACK is reported once */
	if (tcb->tcp_flags & TCPHDR_ACK)
		tcp_event_ack_sent(sk, rcv_nxt);
	if (skb->len != tcp_header_size) {
		tcp_event_data_sent(tp, sk);
		tp->data_segs_out += (u32)max_t(int, tcp_skb_pcount(skb), 1);
		tp->bytes_sent += skb->len - tcp_header_size;
	}
	if (after(tcb->end_seq, tp->snd_nxt) || tcb->seq == tcb->end_seq)
		TCP_ADD_STATS(net, TCP_MIB_OUTSEGS,
			      max_t(int, tcp_skb_pcount(skb), 1));
	tp->segs_out += (u32)max_t(int, tcp_skb_pcount(skb), 1);

	/* the checksum: the device's if it can (lo, veth), else ours */
	th->check = 0;
	{
		struct dst_entry *dst = sk->sk_dst_cache;

		if (dst && dst->dev && (dst->dev->features & NETIF_F_HW_CSUM) &&
		    !skb_has_frag_list(skb)) {
			skb->ip_summed = CHECKSUM_PARTIAL;
			skb->csum_start = skb->transport_header;
			skb->csum_offset = offsetof(struct tcphdr, check);
			th->check = (__sum16)~csum_tcpudp_magic(
				inet->inet_saddr, inet->inet_daddr, skb->len,
				IPPROTO_TCP, 0);
		} else {
			skb->ip_summed = CHECKSUM_NONE;
			tcp_v4_send_check(sk, skb);
		}
	}
	err = tcp_ip_queue_xmit(sk, skb);
	if (err > 0)
		err = 0;
	/* the queued skb remembers the delivery state it left with; the
	 * next may leave when this one's time at the pacing rate is up */
	if (!err && oskb) {
		tcp_update_skb_after_send(sk, oskb, prior_wstamp);
		tcp_rate_skb_sent(sk, oskb);
	}
	return err;
}

int tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, int clone_it)
{
	return __tcp_transmit_skb(sk, skb, clone_it, tcp_sk(sk)->rcv_nxt);
}

/* ---- the write queue ---- */

static void tcp_init_nondata_skb(struct sk_buff *skb, u32 seq, u8 flags)
{
	skb->ip_summed = CHECKSUM_PARTIAL;
	TCP_SKB_CB(skb)->tcp_flags = flags;
	TCP_SKB_CB(skb)->sacked = 0;
	TCP_SKB_CB(skb)->seq = seq;
	if (flags & (TCPHDR_SYN | TCPHDR_FIN))
		seq++;
	TCP_SKB_CB(skb)->end_seq = seq;
}

static struct sk_buff *tcp_alloc_ctl_skb(void)
{
	struct sk_buff *skb = alloc_skb(MAX_TCP_HEADER, GFP_ATOMIC);

	if (skb)
		skb_reserve(skb, MAX_TCP_HEADER);
	return skb;
}

/* tcp_skb_entail - queue @skb at the tail of the write queue */
void tcp_skb_entail(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	TCP_SKB_CB(skb)->sacked = 0;
	skb_queue_tail(&sk->sk_write_queue, skb);
	/* tcp_sendmsg scheduled it; a SYN or FIN is sent anyway */
	sk_forced_mem_schedule(sk, (int)skb->truesize);
	sk->sk_wmem_queued += (int)skb->truesize;
	sk_mem_charge(sk, (int)skb->truesize);
	if (!tp->send_head) {
		tp->send_head = skb;
		/* data to send: busy (the SYN is not data, as in Linux
		 * where it never enters the write queue) */
		if (!(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN))
			tcp_chrono_start(sk, TCP_CHRONO_BUSY);
	}
}

static void tcp_advance_send_head(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (skb->next == (struct sk_buff *)(void *)&sk->sk_write_queue)
		tp->send_head = NULL;
	else
		tp->send_head = skb->next;
}

/* tcp_event_new_data_sent - @skb went out for the first time */
static void tcp_event_new_data_sent(struct sock *sk, struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int prior_packets = tp->packets_out;

	tcp_advance_send_head(sk, skb);
	tp->snd_nxt = TCP_SKB_CB(skb)->end_seq;
	tp->packets_out += tcp_skb_pcount(skb);
	/* new data (a FIN too) leaves for the first time; a SYN is no data
	 * (Linux's tcp_connect() queues it without this function) */
	if (!(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN))
		NET_ADD_STATS(sock_net(sk), LINUX_MIB_TCPORIGDATASENT,
			      tcp_skb_pcount(skb));
	if (!prior_packets || icsk->icsk_pending == ICSK_TIME_PROBE0 ||
	    icsk->icsk_pending == ICSK_TIME_LOSS_PROBE)
		tcp_rearm_rto(sk);
}

static bool tcp_minshall_check(const struct tcp_sock *tp)
{
	return after(tp->snd_sml, tp->snd_una) &&
	       !after(tp->snd_sml, tp->snd_nxt);
}

static void tcp_minshall_update(struct tcp_sock *tp, unsigned int mss_now,
				const struct sk_buff *skb)
{
	if (skb->len < mss_now)
		tp->snd_sml = TCP_SKB_CB(skb)->end_seq;
}

/*
 * tcp_nagle_check - RFC 9293 3.7.4 (Nagle, RFC 896) in Minshall's form:
 * hold a partial segment while an earlier partial one is unacknowledged,
 * or always under TCP_CORK.
 */
static bool tcp_nagle_check(bool partial, const struct tcp_sock *tp,
			    int nonagle)
{
	return partial &&
	       ((nonagle & TCP_NAGLE_CORK) ||
		(!nonagle && tp->packets_out && tcp_minshall_check(tp)));
}

static bool tcp_nagle_test(const struct tcp_sock *tp, const struct sk_buff *skb,
			   unsigned int cur_mss, int nonagle)
{
	/*
	 * TCP_NAGLE_PUSH overrides TCP_CORK for data queued before it was
	 * set; sendmsg clears it when it queues a new skb, so later partial
	 * segments are corked again
	 */
	if (nonagle & TCP_NAGLE_PUSH)
		return true;
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
		return true;
	return !tcp_nagle_check(skb->len < cur_mss, tp, nonagle);
}

static bool tcp_snd_wnd_test(const struct tcp_sock *tp,
			     const struct sk_buff *skb, unsigned int cur_mss)
{
	u32 end_seq = TCP_SKB_CB(skb)->end_seq;

	if (skb->len > cur_mss) /* a TSO skb: its first segment must fit */
		end_seq = TCP_SKB_CB(skb)->seq + cur_mss;
	else if (skb->len > 0 && (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN))
		end_seq--; /* the FIN needs no window */
	return !after(end_seq, tcp_wnd_end(tp));
}

static u32 tcp_cwnd_test(const struct tcp_sock *tp)
{
	u32 in_flight = tcp_packets_in_flight(tp);
	u32 cwnd = tcp_snd_cwnd(tp);
	u32 halfcwnd;

	if (in_flight >= cwnd)
		return 0;
	/* at most half the cwnd per TSO packet, so that at least two
	 * GSO packets are in flight (better ACK clocking), as Linux does */
	halfcwnd = max_t(u32, cwnd >> 1, 1U);
	return min_t(u32, halfcwnd, cwnd - in_flight);
}

/* tcp_check_probe_timer - nothing in flight and nothing can go: probe */
static void tcp_check_probe_timer(struct sock *sk)
{
	if (!tcp_sk(sk)->packets_out && !inet_csk(sk)->icsk_pending)
		tcp_reset_xmit_timer(sk, ICSK_TIME_PROBE0, tcp_probe0_base(sk),
				     TCP_RTO_MAX);
}

/* ---- pacing (without an fq qdisc, TCP paces itself) ---- */

/* tcp_needs_internal_pacing - SO_MAX_PACING_RATE asked for pacing */
bool tcp_needs_internal_pacing(const struct sock *sk)
{
	return sk->sk_pacing_status == SK_PACING_NEEDED;
}

/*
 * tcp_pacing_check - is it too early for the next packet?  Then the
 * pacing timer is armed for when it may leave (tcp_wstamp_ns).
 */
static bool tcp_pacing_check(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u64 now_ns = tcp_clock_us(sk) * NSEC_PER_USEC;

	if (!tcp_needs_internal_pacing(sk))
		return false;
	if (tp->tcp_wstamp_ns <= now_ns)
		return false;
	/* TCP's clock reads whole us: wake when it shows the time */
	if (!timer_pending(&tp->pacing_timer))
		mod_timer(&tp->pacing_timer,
			  DIV_ROUND_UP(tp->tcp_wstamp_ns, NSEC_PER_USEC) *
				  NSEC_PER_USEC);
	return true;
}

/*
 * tcp_update_skb_after_send - with pacing, the next packet may leave
 * only when this one's length at the pacing rate has passed.  As Linux
 * (and sch_fq) the first 10 segments go unpaced, and a packet sent late
 * (the departure time @prior_wstamp had passed) earns up to half its
 * time back, for the jitter of timers.
 */
static void tcp_update_skb_after_send(struct sock *sk, struct sk_buff *skb,
				      u64 prior_wstamp)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u64 rate = sk->sk_pacing_rate;
	u64 len_ns, credit;

	if (sk->sk_pacing_status == SK_PACING_NONE || !rate || rate == ~0ULL ||
	    tp->data_segs_out < 10)
		return;
	len_ns = (u64)skb->len * NSEC_PER_SEC / rate;
	credit = tp->tcp_wstamp_ns - prior_wstamp;
	len_ns -= min_t(u64, len_ns / 2, credit);
	tp->tcp_wstamp_ns += len_ns;
}

/*
 * tcp_adjust_pcount - @skb, sent already, counts @decr segments fewer
 * (its length or its MSS changed): the flight and scoreboard counts
 * follow its marks (Linux's tcp_adjust_pcount)
 */
static void tcp_adjust_pcount(struct sock *sk, const struct sk_buff *skb,
			      int decr)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u8 sacked = TCP_SKB_CB(skb)->sacked;

	tp->packets_out -= (u32)decr;
	if (sacked & TCPCB_SACKED_ACKED)
		tp->sacked_out -= (u32)decr;
	if (sacked & TCPCB_SACKED_RETRANS)
		tp->retrans_out -= (u32)decr;
	if (sacked & TCPCB_LOST)
		tp->lost_out -= (u32)decr;
	/* without SACK, sacked_out counts dupacks: never above the flight */
	if (tcp_is_reno(tp) && decr > 0)
		tp->sacked_out -= min_t(u32, tp->sacked_out, (u32)decr);
}

/*
 * tcp_fragment - cut @skb after @len bytes; the rest becomes the next skb
 * of the write queue and takes the FIN and PSH.  Paged data moves by
 * reference (the pages are shared), a linear part is copied.  Both parts
 * count segments of @mss_now; on the retransmit queue they keep the
 * scoreboard marks and the send time, and the flight counts change only
 * when the parts do not add up to the segments @skb counted for.
 */
int tcp_fragment(struct sock *sk, struct sk_buff *skb, u32 len,
		 unsigned int mss_now)
{
	u32 old_pcount = tcp_skb_pcount(skb);
	u32 nlen = skb->len - len;
	struct sk_buff *buff;

	if (len >= skb->len || !len)
		return -EINVAL;
	if (len >= skb_headlen(skb) && !skb_has_frag_list(skb)) {
		/* the part after @len lies in the frags: share them */
		struct skb_shared_info *sh;
		unsigned int off = skb_headlen(skb), moved;
		int i, j = 0;

		if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
			return -ENOMEM;
		buff = alloc_skb(MAX_TCP_HEADER, GFP_ATOMIC);
		if (!buff)
			return -ENOMEM;
		skb_reserve(buff, MAX_TCP_HEADER);
		sh = skb_shinfo(skb);
		for (i = 0; i < sh->nr_frags; i++) {
			const skb_frag_t *f = &sh->frags[i];
			unsigned int end = off + f->bv_len;

			if (end > len) {
				unsigned int skip = off < len ? len - off : 0;

				get_page(f->bv_page);
				skb_fill_page_desc(buff, j++, f->bv_page,
						   (int)(f->bv_offset + skip),
						   (int)(f->bv_len - skip));
			}
			off = end;
		}
		buff->len = nlen;
		buff->data_len = nlen;
		buff->truesize += nlen;
		if (pskb_trim(skb, len)) {
			kfree_skb(buff);
			return -ENOMEM;
		}
		/* the moved bytes are charged to @buff now, not twice */
		moved = min_t(unsigned int, nlen, skb->truesize - sizeof(*skb));
		skb->truesize -= moved;
		sk->sk_wmem_queued -= (int)moved;
		sk_mem_uncharge(sk, (int)moved);
	} else {
		buff = alloc_skb(MAX_TCP_HEADER + nlen, GFP_ATOMIC);
		if (!buff)
			return -ENOMEM;
		skb_reserve(buff, MAX_TCP_HEADER);
		if (skb_copy_bits(skb, (int)len, skb_put(buff, nlen),
				  (int)nlen)) {
			kfree_skb(buff);
			return -EFAULT;
		}
		if (pskb_trim(skb, len)) {
			kfree_skb(buff);
			return -ENOMEM;
		}
	}
	buff->tstamp = skb->tstamp;
	buff->ip_summed = skb->ip_summed;
	TCP_SKB_CB(buff)->seq = TCP_SKB_CB(skb)->seq + len;
	TCP_SKB_CB(buff)->end_seq = TCP_SKB_CB(skb)->end_seq;
	TCP_SKB_CB(buff)->tcp_flags = TCP_SKB_CB(skb)->tcp_flags;
	TCP_SKB_CB(buff)->sacked = TCP_SKB_CB(skb)->sacked;
	TCP_SKB_CB(buff)->eor = TCP_SKB_CB(skb)->eor;
	/* both halves were sent with the same delivery state */
	TCP_SKB_CB(buff)->tx = TCP_SKB_CB(skb)->tx;
	TCP_SKB_CB(skb)->eor = 0;
	TCP_SKB_CB(skb)->end_seq = TCP_SKB_CB(buff)->seq;
	/* PSH and FIN belong to the last byte */
	TCP_SKB_CB(skb)->tcp_flags &= (u8) ~(TCPHDR_FIN | TCPHDR_PSH);
	tcp_set_skb_tso_segs(skb, mss_now);
	tcp_set_skb_tso_segs(buff, mss_now);
	if (skb != tcp_send_head(sk) &&
	    old_pcount != tcp_skb_pcount(skb) + tcp_skb_pcount(buff))
		tcp_adjust_pcount(sk, skb,
				  (int)old_pcount - (int)tcp_skb_pcount(skb) -
					  (int)tcp_skb_pcount(buff));
	/* after @skb in the write queue */
	buff->prev = skb;
	buff->next = skb->next;
	skb->next->prev = buff;
	skb->next = buff;
	sk->sk_write_queue.qlen++;
	/* a split is never refused for memory (Linux forces it too) */
	sk_forced_mem_schedule(sk, (int)buff->truesize);
	sk->sk_wmem_queued += (int)buff->truesize;
	sk_mem_charge(sk, (int)buff->truesize);
	return 0;
}

/* tso_fragment - cut an unsent TSO skb where the windows end (Linux's
 * fast path for paged skbs is tcp_fragment's paged branch here) */
static int tso_fragment(struct sock *sk, struct sk_buff *skb, unsigned int len,
			unsigned int mss_now)
{
	return tcp_fragment(sk, skb, len, mss_now);
}

/*
 * tcp_trim_head - the peer acknowledged the first @len bytes of the sent
 * @skb: drop them, so that the rest stays one skb (one TSO packet when
 * sent again) with its marks; its segment count is redone with its own
 * MSS.  Paged bytes are let go by reference, a linear part is pulled.
 * Return: 0 or -ENOMEM.
 */
int tcp_trim_head(struct sock *sk, struct sk_buff *skb, u32 len)
{
	struct skb_shared_info *sh;
	u32 eat, paged, moved;
	int i, k;

	if (!len || len > skb->len || skb_has_frag_list(skb))
		return -EINVAL;
	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return -ENOMEM;
	eat = min_t(u32, len, skb_headlen(skb));
	if (eat)
		skb_pull(skb, eat);
	paged = len - eat;
	eat = paged;
	sh = skb_shinfo(skb);
	for (i = 0, k = 0; i < sh->nr_frags; i++) {
		skb_frag_t *f = &sh->frags[i];

		if (f->bv_len <= eat) {
			eat -= f->bv_len;
			put_page(f->bv_page);
			continue;
		}
		sh->frags[k] = *f;
		if (eat) {
			sh->frags[k].bv_offset += eat;
			sh->frags[k].bv_len -= eat;
			eat = 0;
		}
		k++;
	}
	sh->nr_frags = (unsigned char)k;
	skb->data_len -= paged;
	skb->len -= paged;
	/* the paged bytes let go are no longer charged (as sendmsg charged
	 * them: one for one) */
	moved = min_t(u32, paged, skb->truesize - (u32)sizeof(*skb));
	skb->truesize -= moved;
	sk->sk_wmem_queued -= (int)moved;
	sk_mem_uncharge(sk, (int)moved);
	TCP_SKB_CB(skb)->seq += len;
	if (tcp_skb_pcount(skb) > 1)
		tcp_set_skb_tso_segs(skb, tcp_skb_mss(skb));
	return 0;
}

/* tcp_set_skb_tso_segs - how many segments of @mss_now bytes @skb makes */
void tcp_set_skb_tso_segs(struct sk_buff *skb, unsigned int mss_now)
{
	if (skb->len <= mss_now || !mss_now) {
		TCP_SKB_CB(skb)->tcp_gso_segs = 1;
		TCP_SKB_CB(skb)->tcp_gso_size = 0;
	} else {
		TCP_SKB_CB(skb)->tcp_gso_segs =
			(u16)DIV_ROUND_UP(skb->len, mss_now);
		TCP_SKB_CB(skb)->tcp_gso_size = (u16)mss_now;
	}
}

/* tcp_init_tso_segs - the segment count, redone when the MSS changed */
static int tcp_init_tso_segs(struct sk_buff *skb, unsigned int mss_now)
{
	/* the raw count: 0 is an skb not sized yet */
	int tso_segs = TCP_SKB_CB(skb)->tcp_gso_segs;

	if (!tso_segs || (tso_segs > 1 && tcp_skb_mss(skb) != mss_now)) {
		tcp_set_skb_tso_segs(skb, mss_now);
		tso_segs = (int)tcp_skb_pcount(skb);
	}
	return tso_segs;
}

/* the most a device takes in one TSO packet, headers included
 * (GSO_LEGACY_MAX_SIZE less the header room, as sk_setup_caps) */
#define TCP_GSO_MAX_SIZE (65536U - (MAX_TCP_HEADER + 1))
#define TCP_GSO_MAX_SEGS 65535U

/*
 * tcp_tso_autosize - how many segments one TSO packet should carry: about
 * 1 ms of the pacing rate (1/2^sk_pacing_shift s), plus, for a flow with
 * a small min RTT, the largest TSO size halved once per 2^tcp_tso_rtt_log
 * us of it (Linux 5.18+: a whole 64 KB more under 512 us by default, 0
 * turns the term off for any RTT of 1 us and over), at most the largest
 * TSO size, at least @min_tso_segs
 */
static u32 tcp_tso_autosize(const struct sock *sk, unsigned int mss_now,
			    int min_tso_segs)
{
	u64 bytes = sk->sk_pacing_rate >> sk->sk_pacing_shift;
	u32 min_rtt = tcp_min_rtt(tcp_sk(sk));
	u32 r;

	/* no sample yet (0 here, ~0U in Linux): no term.  A log of 32 or
	 * more shifts by its low 5 bits, as Linux's shift does on x86 */
	r = min_rtt ? min_rtt >>
			      (sock_net(sk)->ipv4.sysctl_tcp_tso_rtt_log & 31)
		    : ~0U;
	if (r < 32)
		bytes += TCP_GSO_MAX_SIZE >> r;
	bytes = min_t(u64, bytes, TCP_GSO_MAX_SIZE);
	return max_t(u32, (u32)(bytes / mss_now), (u32)min_tso_segs);
}

/* tcp_tso_segs - the TSO size goal in segments (tcp_min_tso_segs at least) */
static u32 tcp_tso_segs(struct sock *sk, unsigned int mss_now)
{
	const struct tcp_congestion_ops *ca_ops = inet_csk(sk)->icsk_ca_ops;
	int min_tso = ca_ops->min_tso_segs
			      ? (int)ca_ops->min_tso_segs(sk)
			      : sock_net(sk)->ipv4.sysctl_tcp_min_tso_segs;

	return min_t(u32, tcp_tso_autosize(sk, mss_now, min_tso),
		     TCP_GSO_MAX_SEGS);
}

/*
 * tcp_xmit_size_goal - how big tcp_sendmsg() builds an skb: as much as
 * one TSO packet may carry, no more than half the peer's largest window
 * (tcp_bound_to_half_wnd), a whole number of segments
 */
static u32 tcp_xmit_size_goal(struct sock *sk, u32 mss_now)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 new_size_goal, size_goal;

	new_size_goal = (u32)tcp_bound_to_half_wnd(tp, (int)TCP_GSO_MAX_SIZE);
	size_goal = tp->gso_segs * mss_now;
	if (new_size_goal < size_goal || new_size_goal >= size_goal + mss_now) {
		tp->gso_segs = (u16)min_t(u32, new_size_goal / mss_now,
					  TCP_GSO_MAX_SEGS);
		size_goal = tp->gso_segs * mss_now;
	}
	return max_t(u32, size_goal, mss_now);
}

/* tcp_send_mss - the current MSS, and in @size_goal the skb size goal */
unsigned int tcp_send_mss(struct sock *sk, int *size_goal, int flags)
{
	unsigned int mss_now = tcp_current_mss(sk);

	*size_goal = (int)tcp_xmit_size_goal(sk, mss_now);
	(void)flags; /* MSG_OOB: no urgent mode here */
	return mss_now;
}

/*
 * tcp_mss_split_point - how much of @skb to send now: @max_segs segments
 * within the peer's window; the last partial segment only if Nagle lets it
 */
static unsigned int tcp_mss_split_point(const struct sock *sk,
					const struct sk_buff *skb,
					unsigned int mss_now,
					unsigned int max_segs, int nonagle)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 partial, needed, window, max_len;

	window = tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq;
	max_len = mss_now * max_segs;
	if (max_len <= window && skb != tcp_write_queue_tail(sk))
		return max_len;
	needed = min_t(u32, skb->len, window);
	if (max_len <= needed)
		return max_len;
	partial = needed % mss_now;
	if (tcp_nagle_check(partial != 0, tp, nonagle))
		return needed - partial;
	return needed;
}

/*
 * tcp_tso_should_defer - hold a TSO skb back when the windows allow only
 * part of it, the next ACK is near and will open more: a bigger packet
 * later beats a small one now (net.ipv4.tcp_tso_win_divisor: send at once
 * when that part is at least 1/divisor of the window).
 */
static bool tcp_tso_should_defer(struct sock *sk, struct sk_buff *skb,
				 u32 max_segs)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 send_win, cong_win, limit, in_flight;
	s64 now_ns = (s64)(tcp_clock_us(sk) * NSEC_PER_USEC);
	s64 srtt_in_ns, how_far_is_the_ack;
	struct sk_buff *head;
	int win_divisor;

	if (icsk->icsk_ca_state >= TCP_CA_Recovery)
		return false;
	/* defer only right after a send (1 ms), not after idle */
	if (now_ns - (s64)tp->tcp_wstamp_ns - (s64)NSEC_PER_MSEC > 0)
		return false;
	in_flight = tcp_packets_in_flight(tp);
	send_win = tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq;
	cong_win = (tcp_snd_cwnd(tp) - in_flight) * tp->mss_cache;
	limit = min_t(u32, send_win, cong_win);
	/* a full-sized TSO packet can go */
	if (limit >= max_segs * tp->mss_cache)
		return false;
	/* not the tail: it gets no more data, and all of it can go */
	if (skb != tcp_write_queue_tail(sk) && limit >= skb->len)
		return false;
	win_divisor = sock_net(sk)->ipv4.sysctl_tcp_tso_win_divisor;
	if (win_divisor) {
		u32 chunk = min_t(u32, tp->snd_wnd,
				  tcp_snd_cwnd(tp) * tp->mss_cache);

		if (limit >= chunk / (u32)win_divisor)
			return false;
	} else if (limit > 3 * tp->mss_cache) {
		/* the receiver ACKs every other segment: > 3 is enough */
		return false;
	}
	head = tcp_rtx_queue_head(sk);
	if (!head)
		return false;
	srtt_in_ns = (s64)(NSEC_PER_USEC >> 3) * tp->srtt_us;
	how_far_is_the_ack = (s64)head->tstamp + srtt_in_ns - now_ns;
	/* the ACK comes too late (more than srtt/2 away): send now */
	if (how_far_is_the_ack > (srtt_in_ns >> 1))
		return false;
	if (cong_win < send_win) {
		if (cong_win <= skb->len)
			return true;
	} else if (send_win <= skb->len) {
		return true;
	}
	/* nothing more will be appended: do not wait */
	if ((TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) || TCP_SKB_CB(skb)->eor)
		return false;
	return true;
}

/*
 * tcp_grow_skb - the unsent head @skb is smaller than what may go now
 * (skbs built while the MSS or the peer's window was small): move up to
 * @amount bytes from the front of the next skb into it, as Linux's
 * tcp_grow_skb() does, so the packet is sized by today's MSS.  Only paged
 * skbs are grown: their frags move by reference.
 */
static void tcp_grow_skb(struct sock *sk, struct sk_buff *skb, u32 amount)
{
	struct sk_buff *next = skb->next;
	struct skb_shared_info *to, *from;
	u32 nlen, moved = 0, skip = 0;
	int i;

	if (tcp_skb_is_last(sk, skb) || TCP_SKB_CB(skb)->eor)
		return;
	to = skb_shinfo(skb);
	from = skb_shinfo(next);
	if (skb_headlen(skb) || skb_headlen(next) || skb_has_frag_list(skb) ||
	    skb_has_frag_list(next) || skb_cloned(skb) || skb_cloned(next))
		return;
	nlen = min_t(u32, amount, next->len);
	if (!nlen)
		return;
	/* room for the frags that move (merging aside) */
	for (i = 0; i < from->nr_frags && moved < nlen; i++)
		moved += from->frags[i].bv_len;
	if (to->nr_frags + i > MAX_SKB_FRAGS)
		return;
	for (i = 0, moved = 0; moved < nlen; i++) {
		skb_frag_t *f = &from->frags[i];
		u32 take = min_t(u32, f->bv_len, nlen - moved);
		skb_frag_t *last =
			to->nr_frags ? &to->frags[to->nr_frags - 1] : NULL;

		if (last && last->bv_page == f->bv_page &&
		    last->bv_offset + last->bv_len == f->bv_offset) {
			last->bv_len += take;
		} else {
			get_page(f->bv_page);
			skb_fill_page_desc(skb, to->nr_frags, f->bv_page,
					   (int)f->bv_offset, (int)take);
		}
		moved += take;
		if (take == f->bv_len) {
			put_page(f->bv_page);
			skip++;
		} else {
			f->bv_offset += take;
			f->bv_len -= take;
		}
	}
	if (skip) {
		memmove(from->frags, from->frags + skip,
			(from->nr_frags - skip) * sizeof(skb_frag_t));
		from->nr_frags = (unsigned char)(from->nr_frags - skip);
	}
	skb->len += nlen;
	skb->data_len += nlen;
	skb->truesize += nlen;
	next->len -= nlen;
	next->data_len -= nlen;
	next->truesize -= nlen;
	TCP_SKB_CB(skb)->end_seq += nlen;
	TCP_SKB_CB(next)->seq += nlen;
	TCP_SKB_CB(skb)->tcp_gso_segs = 0;
	TCP_SKB_CB(next)->tcp_gso_segs = 0;
	if (!next->len) {
		/* a FIN counts in end_seq; PSH and EOR go with the data */
		TCP_SKB_CB(skb)->end_seq = TCP_SKB_CB(next)->end_seq;
		TCP_SKB_CB(skb)->eor = TCP_SKB_CB(next)->eor;
		TCP_SKB_CB(skb)->tcp_flags |= TCP_SKB_CB(next)->tcp_flags;
		skb_unlink(next, &sk->sk_write_queue);
		tcp_wmem_free_skb(sk, next);
	}
}

/* ---- MTU probing (RFC 4821) ---- */

/*
 * tcp_mtu_check_reprobe - the search ended (or never could start): after
 * tcp_probe_interval seconds it starts again, from the current MSS up to
 * what the peer's MSS allows (the path may have changed since)
 */
static void tcp_mtu_check_reprobe(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 interval = (u32)sock_net(sk)->ipv4.sysctl_tcp_probe_interval;
	s32 delta = (s32)(tcp_jiffies32(sk) - icsk->icsk_mtup.probe_timestamp);

	if (delta >= 0 && (u64)delta >= (u64)interval * 1000U) {
		int mss = (int)tcp_current_mss(sk);

		icsk->icsk_mtup.probe_size = 0;
		icsk->icsk_mtup.search_high = tp->rx_opt.mss_clamp +
					      (int)sizeof(struct tcphdr) +
					      (int)sizeof(struct iphdr);
		icsk->icsk_mtup.search_low = tcp_mss_to_mtu(sk, mss);
		icsk->icsk_mtup.probe_timestamp = tcp_jiffies32(sk);
	}
}

/*
 * tcp_mtu_probe_build - make the unsent head of the write queue exactly
 * @len bytes: the skbs behind it give their page frags up (an skb with
 * MSG_EOR, a linear part or a clone stops it), a longer head is cut.
 * Return: the head, or NULL when it cannot be done.
 */
static struct sk_buff *tcp_mtu_probe_build(struct sock *sk, u32 len,
					   unsigned int mss_now)
{
	struct sk_buff *skb = tcp_send_head(sk);

	while (skb && skb->len < len) {
		u32 had = skb->len;

		tcp_grow_skb(sk, skb, len - skb->len);
		if (skb->len == had)
			return NULL;
	}
	if (!skb || (skb->len > len && tcp_fragment(sk, skb, len, mss_now)))
		return NULL;
	return skb;
}

/*
 * tcp_mtu_probe - RFC 4821 7.3-7.5: send the next data as one segment of
 * the MSS half-way between the MTU known to pass (search_low) and the
 * smallest not known to (search_high).  Only in the Open state with a
 * cwnd of at least 11, no SACK blocks to send, and enough data queued to
 * follow the probe with reordering + 1 segments, so that a lost probe is
 * found by duplicate ACKs (tcp_mtup_probe_failed()) and not by the RTO.
 * Return: 1 a probe went, 0 wait (the windows), -1 send as usual.
 */
static int tcp_mtu_probe(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	int probe_size, size_needed, interval;
	struct sk_buff *skb;

	if (likely(!icsk->icsk_mtup.enabled || icsk->icsk_mtup.probe_size ||
		   icsk->icsk_ca_state != TCP_CA_Open ||
		   tcp_snd_cwnd(tp) < 11 || tp->rx_opt.num_sacks ||
		   tp->rx_opt.dsack))
		return -1;
	probe_size = tcp_mtu_to_mss(sk, (icsk->icsk_mtup.search_high +
					 icsk->icsk_mtup.search_low) >>
						1);
	size_needed = probe_size + (int)((tp->reordering + 1) * tp->mss_cache);
	interval = icsk->icsk_mtup.search_high - icsk->icsk_mtup.search_low;
	if (probe_size > tcp_mtu_to_mss(sk, icsk->icsk_mtup.search_high) ||
	    interval < net->ipv4.sysctl_tcp_probe_threshold) {
		/* the search is over: maybe time for another */
		tcp_mtu_check_reprobe(sk);
		return -1;
	}
	if (tp->write_seq - tp->snd_nxt < (u32)size_needed)
		return -1;
	if (tp->snd_wnd < (u32)size_needed)
		return -1;
	if (after(tp->snd_nxt + (u32)size_needed, tcp_wnd_end(tp)))
		return 0;
	/* room for the probe and one more; with nothing in flight, no stall */
	if (tcp_packets_in_flight(tp) + 2 > tcp_snd_cwnd(tp))
		return tcp_packets_in_flight(tp) ? 0 : -1;
	skb = tcp_mtu_probe_build(sk, (u32)probe_size, tcp_current_mss(sk));
	if (!skb)
		return -1;
	tcp_set_skb_tso_segs(skb, skb->len); /* one segment on the wire */
	if (tcp_transmit_skb(sk, skb, 1)) {
		/* tcp_write_xmit() sends it, cut to the MSS */
		tcp_set_skb_tso_segs(skb, tcp_current_mss(sk));
		return -1;
	}
	/* the probe and the data it displaces count as two packets */
	tcp_snd_cwnd_set(tp, tcp_snd_cwnd(tp) - 1);
	tcp_event_new_data_sent(sk, skb);
	icsk->icsk_mtup.probe_size = (u32)tcp_mss_to_mtu(sk, (int)skb->len);
	tp->mtu_probe.probe_seq_start = TCP_SKB_CB(skb)->seq;
	tp->mtu_probe.probe_seq_end = TCP_SKB_CB(skb)->end_seq;
	return 1;
}

/*
 * ---- the chronograph ----
 *
 * How long the sender was busy (data queued or in flight), and of that
 * how long the peer's window or the send buffer held it back: TCP_INFO's
 * tcpi_busy_time, tcpi_rwnd_limited, tcpi_sndbuf_limited.  One state at a
 * time, the higher enum tcp_chrono winning; ticks of tcp_jiffies32.
 */
static void tcp_chrono_set(struct tcp_sock *tp, const enum tcp_chrono new)
{
	const u32 now = tcp_jiffies32(&tp->inet_conn.icsk_inet.sk);
	const enum tcp_chrono old = (enum tcp_chrono)tp->chrono_type;

	if (old > TCP_CHRONO_UNSPEC)
		tp->chrono_stat[old - 1] += now - tp->chrono_start;
	tp->chrono_start = now;
	tp->chrono_type = (u8) new;
}

/* tcp_chrono_start - @type began: it replaces a less interesting state */
void tcp_chrono_start(struct sock *sk, const enum tcp_chrono type)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (type > (enum tcp_chrono)tp->chrono_type)
		tcp_chrono_set(tp, type);
}

/* tcp_chrono_stop - @type ended: idle when nothing is queued or in flight,
 * else back to busy if @type was the state being timed */
void tcp_chrono_stop(struct sock *sk, const enum tcp_chrono type)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (skb_queue_empty(&sk->sk_write_queue))
		tcp_chrono_set(tp, TCP_CHRONO_UNSPEC);
	else if (type == (enum tcp_chrono)tp->chrono_type)
		tcp_chrono_set(tp, TCP_CHRONO_BUSY);
}

/*
 * tcp_chrono_defer_limits - tcp_tso_should_defer() held @skb back: which
 * window was too small for it (what Linux's returns through its flags)
 */
static void tcp_chrono_defer_limits(struct sock *sk, const struct sk_buff *skb,
				    bool *is_cwnd_limited,
				    bool *is_rwnd_limited)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 send_win = tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq;
	u32 cong_win =
		(tcp_snd_cwnd(tp) - tcp_packets_in_flight(tp)) * tp->mss_cache;

	if (cong_win < send_win) {
		if (cong_win <= skb->len)
			*is_cwnd_limited = true;
	} else if (send_win <= skb->len) {
		*is_rwnd_limited = true;
	}
}

/*
 * tcp_chrono_check_sndbuf - after a send (Linux's tcp_cwnd_validate): the
 * window has room, nothing is left to send and the writer is waiting for
 * send-buffer space: the send buffer is what limits the sender
 */
static void tcp_chrono_check_sndbuf(struct sock *sk, bool is_cwnd_limited)
{
	if (is_cwnd_limited || tcp_is_cwnd_limited(sk))
		return;
	if (!tcp_send_head(sk) && sk->sk_socket &&
	    (sk->sk_socket->flags & (1UL << SOCK_NOSPACE)) &&
	    ((1 << sk->sk_state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT)))
		tcp_chrono_start(sk, TCP_CHRONO_SNDBUF_LIMITED);
}

/*
 * tcp_write_xmit - send what may go: within the congestion window
 * (RFC 5681), the peer's window (RFC 9293 3.8.6.2.1), and Nagle's rule,
 * as TSO packets of up to tcp_tso_segs() segments.
 * Return: true when something is left that the windows hold back with
 * nothing in flight to open them.
 */
bool tcp_write_xmit(struct sock *sk, unsigned int mss_now, int nonagle,
		    int push_one)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	int sent_pkts = 0;
	u32 max_segs = tcp_tso_segs(sk, mss_now);
	bool is_cwnd_limited = false, is_rwnd_limited = false;

	if (!push_one) {
		int result = tcp_mtu_probe(sk);

		if (!result)
			return false;
		if (result > 0)
			sent_pkts = 1;
	}
	while ((skb = tcp_send_head(sk)) != NULL) {
		unsigned int limit, cwnd_quota;
		int tso_segs;

		if (tcp_pacing_check(sk))
			break;
		cwnd_quota = tcp_cwnd_test(tp);
		if (!cwnd_quota) {
			/* a loss probe goes out even when cwnd is full
			 * (RFC 8985 7.3) */
			if (push_one != 2) {
				is_cwnd_limited = true;
				break;
			}
			cwnd_quota = 1;
		}
		cwnd_quota = min_t(u32, cwnd_quota, max_segs);
		if (cwnd_quota * mss_now > skb->len)
			tcp_grow_skb(sk, skb, cwnd_quota * mss_now - skb->len);
		tso_segs = tcp_init_tso_segs(skb, mss_now);
		if (!tcp_snd_wnd_test(tp, skb, mss_now)) {
			is_rwnd_limited = true;
			break;
		}
		if (tso_segs == 1) {
			if (!tcp_nagle_test(tp, skb, mss_now,
					    (tcp_skb_is_last(sk, skb)
						     ? nonagle
						     : TCP_NAGLE_PUSH)))
				break;
		} else if (!push_one &&
			   tcp_tso_should_defer(sk, skb, max_segs)) {
			tcp_chrono_defer_limits(sk, skb, &is_cwnd_limited,
						&is_rwnd_limited);
			break;
		}
		limit = mss_now;
		if (tso_segs > 1)
			limit = tcp_mss_split_point(
				sk, skb, mss_now,
				min_t(u32, cwnd_quota, max_segs), nonagle);
		if (skb->len > limit && tso_fragment(sk, skb, limit, mss_now))
			break;
		if (tcp_small_queue_check(sk, skb, 0))
			break;
		if (TCP_SKB_CB(skb)->end_seq == TCP_SKB_CB(skb)->seq)
			break; /* an empty skb a sendmsg() is still filling */
		if (tcp_transmit_skb(sk, skb, 1))
			break;
		sent_pkts += (int)tcp_skb_pcount(skb);
		tcp_event_new_data_sent(sk, skb);
		tcp_minshall_update(tp, mss_now, skb);
		if (push_one)
			break;
	}
	if (is_rwnd_limited)
		tcp_chrono_start(sk, TCP_CHRONO_RWND_LIMITED);
	else
		tcp_chrono_stop(sk, TCP_CHRONO_RWND_LIMITED);
	is_cwnd_limited |= tcp_packets_in_flight(tp) >= tcp_snd_cwnd(tp);
	if (sent_pkts || is_cwnd_limited)
		tcp_chrono_check_sndbuf(sk, is_cwnd_limited);
	if (sent_pkts) {
		/* RFC 6937: what goes out during a reduction is prr_out */
		if (tcp_in_cwnd_reduction(sk))
			tp->prr_out += (u32)sent_pkts;
		/* one loss probe per tail loss episode (RFC 8985 7.2) */
		if (push_one != 2)
			tcp_schedule_loss_probe(sk, false);
		if (tcp_packets_in_flight(tp) > tp->max_packets_out)
			tp->max_packets_out = tcp_packets_in_flight(tp);
		tp->snd_cwnd_used = max_t(u32, tp->snd_cwnd_used,
					  tcp_packets_in_flight(tp));
		return false;
	}
	return !tp->packets_out && tcp_send_head(sk);
}

void __tcp_push_pending_frames(struct sock *sk, unsigned int cur_mss,
			       int nonagle)
{
	if (unlikely(sk->sk_state == TCP_CLOSE))
		return;
	if (tcp_write_xmit(sk, cur_mss, nonagle, 0))
		tcp_check_probe_timer(sk);
}

void tcp_push_one(struct sock *sk, unsigned int mss_now)
{
	tcp_write_xmit(sk, mss_now, TCP_NAGLE_PUSH, 1);
}

/* ---- ACK, FIN, RST ---- */

void __tcp_send_ack(struct sock *sk, u32 rcv_nxt)
{
	struct sk_buff *skb;

	if (sk->sk_state == TCP_CLOSE)
		return;
	skb = tcp_alloc_ctl_skb();
	if (!skb) {
		inet_csk_schedule_ack(sk);
		tcp_reset_xmit_timer(sk, ICSK_TIME_DACK, TCP_ATO_MIN,
				     TCP_RTO_MAX);
		return;
	}
	/* RFC 9293 3.10.7.4: an ACK carries SEG.SEQ = SND.NXT */
	tcp_init_nondata_skb(skb, tcp_sk(sk)->snd_nxt, TCPHDR_ACK);
	skb_set_tcp_pure_ack(skb);
	__tcp_transmit_skb(sk, skb, 0, rcv_nxt);
}

void tcp_send_ack(struct sock *sk)
{
	__tcp_send_ack(sk, tcp_sk(sk)->rcv_nxt);
}

/*
 * tcp_send_delayed_ack - RFC 9293 3.8.6.3 / RFC 1122 4.2.3.2: an ACK may
 * wait (ato, 40 ms at first, up to 200 ms), but not past the timer of an
 * earlier one.
 */
void tcp_send_delayed_ack(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 ato = icsk->icsk_ack.ato;
	u64 now = ktime_get_ns(sock_net(sk)->st);
	u64 timeout;

	if (ato > TCP_DELACK_MIN) {
		u32 max_ato = 500;

		if (inet_csk_in_pingpong_mode(sk) ||
		    (icsk->icsk_ack.pending & ICSK_ACK_PUSHED))
			max_ato = TCP_DELACK_MAX;
		if (ato > max_ato)
			ato = max_ato;
	}
	if (ato < TCP_DELACK_MIN)
		ato = TCP_DELACK_MIN;
	timeout = now + (u64)ato * NSEC_PER_MSEC;
	if (icsk->icsk_ack.pending & ICSK_ACK_TIMER) {
		if (icsk->icsk_ack.timeout <=
		    now + (u64)(ato >> 2) * NSEC_PER_MSEC) {
			tcp_send_ack(sk);
			return;
		}
		if (timeout > icsk->icsk_ack.timeout)
			timeout = icsk->icsk_ack.timeout;
	}
	icsk->icsk_ack.pending |= ICSK_ACK_SCHED | ICSK_ACK_TIMER;
	icsk->icsk_ack.timeout = timeout;
	inet_csk_arm_timer(&icsk->icsk_delack_timer, timeout);
}

/*
 * tcp_send_fin - RFC 9293 3.6: the FIN follows the data; it rides on the
 * last unsent segment if there is one.
 */
void tcp_send_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *tskb = tcp_write_queue_tail(sk);

	if (tskb && tcp_send_head(sk)) {
		TCP_SKB_CB(tskb)->tcp_flags |= TCPHDR_FIN;
		TCP_SKB_CB(tskb)->end_seq++;
		tp->write_seq++;
	} else {
		struct sk_buff *skb = tcp_alloc_ctl_skb();

		if (!skb)
			return;
		tcp_init_nondata_skb(skb, tp->write_seq,
				     TCPHDR_ACK | TCPHDR_FIN);
		tcp_skb_entail(sk, skb);
		tp->write_seq++;
	}
	__tcp_push_pending_frames(sk, tcp_current_mss(sk), TCP_NAGLE_OFF);
}

/*
 * tcp_send_active_reset - abort (RFC 9293 3.10.7.1 ABORT, SO_LINGER 0,
 * close with unread data): RST|ACK at SND.NXT, not queued, not repeated.
 */
void tcp_send_active_reset(struct sock *sk)
{
	struct sk_buff *skb = tcp_alloc_ctl_skb();

	TCP_INC_STATS(sock_net(sk), TCP_MIB_OUTRSTS);
	if (!skb) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTFAILED);
		return;
	}
	tcp_init_nondata_skb(skb, tcp_sk(sk)->snd_nxt, TCPHDR_ACK | TCPHDR_RST);
	tcp_transmit_skb(sk, skb, 0);
}

/* ---- connect(): the SYN ---- */

static void tcp_connect_init(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	const struct dst_entry *dst = sk->sk_dst_cache;
	u8 rcv_wscale;

	tp->tcp_header_len = sizeof(struct tcphdr);
	if (net->ipv4.sysctl_tcp_timestamps)
		tp->tcp_header_len += TCPOLEN_TSTAMP_ALIGNED;
	if (tp->rx_opt.user_mss)
		tp->rx_opt.mss_clamp = tp->rx_opt.user_mss;
	tp->max_window = 0;
	/* the route's window metric clamps what we offer (RTAX_WINDOW) */
	if (!tp->window_clamp && dst)
		tp->window_clamp = dst_metric(dst, RTAX_WINDOW);
	tcp_mtup_init(sk);
	tcp_sync_mss(sk, dst ? dst_mtu(dst) : 576);
	tp->advmss = (u16)(dst ? dst_metric_advmss(dst) : 536);
	if (tp->rx_opt.user_mss && tp->rx_opt.user_mss < tp->advmss)
		tp->advmss = tp->rx_opt.user_mss;
	tcp_initialize_rcv_mss(sk);
	/* a locked (SO_RCVBUF) buffer limits the window and its scale */
	if ((sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    (tp->window_clamp > (u32)tcp_full_space(sk) ||
	     tp->window_clamp == 0))
		tp->window_clamp = (u32)tcp_full_space(sk);
	tcp_select_initial_window(
		sk, tcp_full_space(sk),
		tp->advmss - (tp->rx_opt.ts_recent_stamp
				      ? tp->tcp_header_len -
						(u16)sizeof(struct tcphdr)
				      : 0),
		&tp->rcv_wnd, &tp->window_clamp,
		net->ipv4.sysctl_tcp_window_scaling, &rcv_wscale,
		dst ? dst_metric(dst, RTAX_INITRWND) : 0);
	tp->rx_opt.rcv_wscale = rcv_wscale;
	tp->rcv_ssthresh = tp->rcv_wnd;
	sk->sk_err = 0;
	sock_reset_flag(sk, SOCK_DONE);
	tp->snd_wnd = 0;
	tcp_init_wl(tp, 0);
	tp->snd_una = tp->write_seq;
	tp->snd_sml = tp->write_seq;
	tp->snd_up = tp->write_seq;
	tp->snd_nxt = tp->write_seq;
	tp->rcv_nxt = 0;
	tp->rcv_wup = tp->rcv_nxt;
	tp->copied_seq = tp->rcv_nxt;
	inet_csk(sk)->icsk_rto = TCP_TIMEOUT_INIT;
	inet_csk(sk)->icsk_retransmits = 0;
	tcp_clear_retrans(tp);
}

/*
 * tcp_send_syn_data - the SYN of a Fast Open connect (RFC 7413 4.2.1):
 * with a cookie (or in a no-cookie mode) it carries as much of the
 * sendmsg() as fits in one segment, sent as one skb with the SYN's
 * sequence number; the data stays queued behind the SYN as its own skb
 * (ACK|PSH) for retransmission.  Without a cookie, a plain SYN asking for
 * one.  Retransmitted SYNs carry neither option nor data.
 */
static int tcp_send_syn_data(struct sock *sk, struct sk_buff *syn)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_fastopen_request *fo = tp->fastopen_req;
	struct sk_buff *syn_data;
	int space, err;

	tp->rx_opt.mss_clamp = tp->advmss; /* if no MSS is cached */
	if (!tcp_fastopen_cookie_check(sk, &tp->rx_opt.mss_clamp, &fo->cookie))
		goto fallback;
	/* reserve all option space: middleboxes may add options */
	tp->rx_opt.mss_clamp = (u16)tcp_mss_clamp(tp, tp->rx_opt.mss_clamp);
	tcp_sync_mss(sk, icsk->icsk_pmtu_cookie);
	space = __tcp_mtu_to_mss(sk, (int)icsk->icsk_pmtu_cookie) -
		MAX_TCP_OPTION_SPACE;
	if (!fo->data || space <= 0)
		space = 0;
	space = (int)min_t(size_t, (size_t)space, fo->size);
	if (!space) { /* no data: the SYN carries the cookie alone */
		err = tcp_transmit_skb(sk, syn, 1);
		goto done;
	}
	syn_data = alloc_skb(MAX_TCP_HEADER + (unsigned int)space, GFP_KERNEL);
	if (!syn_data)
		goto fallback;
	skb_reserve(syn_data, MAX_TCP_HEADER);
	memcpy(syn_data->cb, syn->cb, sizeof(syn->cb));
	if (memcpy_from_msg(skb_put(syn_data, (unsigned int)space), fo->data,
			    space)) {
		kfree_skb(syn_data);
		goto fallback;
	}
	if ((size_t)space == fo->size)
		fo->data = NULL;
	fo->copied = space;
	TCP_SKB_CB(syn_data)->end_seq += (u32)space;
	tp->write_seq = TCP_SKB_CB(syn_data)->end_seq;
	err = tcp_transmit_skb(sk, syn_data, 1);
	/* the queued copy is the data alone, after the SYN */
	TCP_SKB_CB(syn_data)->seq++;
	TCP_SKB_CB(syn_data)->tcp_flags = TCPHDR_ACK | TCPHDR_PSH;
	tcp_skb_entail(sk, syn_data);
	if (!err) {
		tp->syn_data = fo->copied > 0;
		goto done;
	}
	/* not sent: the data waits, unsent, for the connection */
fallback:
	if (fo->cookie.len > 0)
		fo->cookie.len = 0;
	err = tcp_transmit_skb(sk, syn, 1);
	if (err)
		tp->syn_fastopen = 0;
done:
	fo->cookie.len = -1; /* no option on SYN retransmissions */
	return err;
}

/* tcp_connect - send the SYN (RFC 9293 3.5) and arm its timer */
int tcp_connect(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *buff;
	int err;

	tcp_connect_init(sk);
	buff = tcp_alloc_ctl_skb();
	if (unlikely(!buff))
		return -ENOBUFS;
	tcp_init_nondata_skb(buff, tp->write_seq++, TCPHDR_SYN);
	tcp_ecn_send_syn(sk, buff);
	tp->retrans_stamp = tcp_time_stamp_ms(sk);
	tcp_skb_entail(sk, buff);
	err = tp->fastopen_req ? tcp_send_syn_data(sk, buff)
			       : tcp_transmit_skb(sk, buff, 1);
	if (err == -ECONNREFUSED)
		return err;
	tcp_event_new_data_sent(sk, buff);
	if (tp->syn_data) /* the data went with the SYN */
		tcp_event_new_data_sent(sk, tcp_send_head(sk));
	tp->snd_nxt = tcp_send_head(sk) ? TCP_SKB_CB(tcp_send_head(sk))->seq
					: tp->write_seq;
	tp->pushed_seq = tp->snd_nxt;
	TCP_INC_STATS(sock_net(sk), TCP_MIB_ACTIVEOPENS);
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, inet_csk(sk)->icsk_rto,
				  TCP_RTO_MAX);
	return 0;
}

/*
 * tcp_make_synack - the SYN-ACK of request sock @req: ISN snt_isn, ACK
 * of the client's ISN, options from what the SYN offered (RFC 7323 1.3,
 * RFC 2018 2: only those the SYN carried).
 */
struct sk_buff *tcp_make_synack(const struct sock *sk, struct dst_entry *dst,
				struct request_sock *req)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	struct tcp_out_options opts;
	unsigned int tcp_header_size;
	struct sk_buff *skb;
	struct tcphdr *th;
	u16 mss;

	skb = alloc_skb(MAX_TCP_HEADER, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, MAX_TCP_HEADER);
	memset(&opts, 0, sizeof(opts));
	mss = (u16)dst_metric_advmss(dst);
	if (tcp_sk(sk)->rx_opt.user_mss && tcp_sk(sk)->rx_opt.user_mss < mss)
		mss = tcp_sk(sk)->rx_opt.user_mss;
	tcp_header_size = tcp_synack_options(req, mss, &opts) + sizeof(*th);
	th = skb_push(skb, tcp_header_size);
	skb_reset_transport_header(skb);
	memset(th, 0, tcp_header_size);
	th->syn = 1;
	th->ack = 1;
	tcp_ecn_make_synack(req, th);
	th->source = htons(ireq->ir_num);
	th->dest = ireq->ir_rmt_port;
	th->seq = htonl(tcp_rsk(req)->snt_isn);
	th->ack_seq = htonl(tcp_rsk(req)->rcv_nxt);
	th->window = htons((u16)min_t(u32, req->rsk_rcv_wnd, 65535U));
	th->doff = (u16)(tcp_header_size >> 2);
	tcp_options_write((u8 *)(th + 1), NULL, &opts);
	TCP_SKB_CB(skb)->seq = tcp_rsk(req)->snt_isn;
	TCP_SKB_CB(skb)->end_seq = tcp_rsk(req)->snt_isn + 1;
	return skb;
}

/* ---- retransmission ---- */

/* Linux's tcp_can_collapse: a one-segment skb no clone still holds and
 * the peer has not SACKed */
static bool tcp_can_collapse(const struct sk_buff *skb)
{
	if (tcp_skb_pcount(skb) > 1 || skb_cloned(skb))
		return false;
	return !(TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_ACKED);
}

/*
 * tcp_collapse_retrans - the skb after @skb joins it: its data moves
 * over by reference, its sequence space, flags (PSH, FIN) and EOR too,
 * and it stops counting in the flight and in the marks it had.
 */
static bool tcp_collapse_retrans(struct sock *sk, struct sk_buff *skb)
{
	struct sk_buff *next_skb = skb->next;
	u32 next_len = next_skb->len;

	if (next_len && !tcp_skb_shift(skb, next_skb, 1, (int)next_len))
		return false;
	TCP_SKB_CB(skb)->end_seq = TCP_SKB_CB(next_skb)->end_seq;
	TCP_SKB_CB(skb)->tcp_flags |= TCP_SKB_CB(next_skb)->tcp_flags;
	TCP_SKB_CB(skb)->sacked |=
		(u8)(TCP_SKB_CB(next_skb)->sacked & TCPCB_EVER_RETRANS);
	TCP_SKB_CB(skb)->eor = TCP_SKB_CB(next_skb)->eor;
	tcp_adjust_pcount(sk, next_skb, (int)tcp_skb_pcount(next_skb));
	tcp_rtx_queue_unlink_and_free(next_skb, sk);
	return true;
}

/*
 * tcp_retrans_try_collapse - @to, about to go again, is shorter than
 * @space (an MSS, or less window): the sent one-segment skbs after it
 * join it while they fit, so that small writes lost together go again as
 * one segment (tcp_retrans_collapse, Linux's default 1).  Not a SYN.
 */
static void tcp_retrans_try_collapse(struct sock *sk, struct sk_buff *to,
				     int space)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = to, *next;

	if (!sock_net(sk)->ipv4.sysctl_tcp_retrans_collapse)
		return;
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN)
		return;
	for (; skb; skb = next) {
		next = tcp_skb_is_last(sk, skb) ||
				       skb->next == tcp_send_head(sk)
			       ? NULL
			       : skb->next;
		if (!tcp_can_collapse(skb) || !tcp_skb_can_collapse_to(to))
			break;
		space -= (int)skb->len;
		if (skb == to)
			continue;
		if (space < 0)
			break;
		if (after(TCP_SKB_CB(skb)->end_seq, tcp_wnd_end(tp)))
			break;
		if (!tcp_collapse_retrans(sk, to))
			break;
	}
}

/*
 * __tcp_retransmit_skb - send @skb again (RFC 6298 5.4, RFC 5681 3.2),
 * whole, as one TSO packet of at most @segs segments: what the peer
 * acked of it meanwhile is trimmed off, what goes beyond @segs or the
 * peer's window (or, the path MTU having shrunk, does not fit today's
 * MSS: RFC 1191) is cut off as an skb of its own with the same marks.
 * The header is made anew, so the ACK and window are current.  The
 * scoreboard is the caller's: a loss probe is not a retransmission of a
 * segment marked lost.
 */
int __tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb, int segs)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	unsigned int cur_mss;
	int avail_wnd, len;

	/* anything sent again makes an MTU probe in flight inconclusive
	 * (RFC 4821 7.6.3: neither success nor failure is counted) */
	inet_csk(sk)->icsk_mtup.probe_size = 0;
	if (before(TCP_SKB_CB(skb)->seq, tp->snd_una)) {
		if (!after(TCP_SKB_CB(skb)->end_seq, tp->snd_una) ||
		    (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN))
			return -EINVAL; /* acked meanwhile */
		if (tcp_trim_head(sk, skb, tp->snd_una - TCP_SKB_CB(skb)->seq))
			return -ENOMEM;
	}
	cur_mss = tcp_current_mss(sk);
	avail_wnd = (int)(tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq);
	/* beyond a window the peer shrank: not now, unless it is the head
	 * on a zero window, which then probes it */
	if (avail_wnd <= 0) {
		if (TCP_SKB_CB(skb)->seq != tp->snd_una)
			return -EAGAIN;
		avail_wnd = (int)cur_mss;
	}
	len = (int)cur_mss * segs;
	if (len > avail_wnd) {
		len = (avail_wnd / (int)cur_mss) * (int)cur_mss;
		if (!len)
			len = avail_wnd;
	}
	if (skb->len > (unsigned int)len) {
		if (tcp_fragment(sk, skb, (u32)len, cur_mss))
			return -ENOMEM;
	} else {
		int diff = (int)tcp_skb_pcount(skb);

		/* a copy still in a queue below keeps the old head */
		if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
			return -ENOMEM;
		tcp_set_skb_tso_segs(skb, cur_mss);
		diff -= (int)tcp_skb_pcount(skb);
		if (diff)
			tcp_adjust_pcount(sk, skb, diff);
		avail_wnd = min_t(int, avail_wnd, (int)cur_mss);
		if ((int)skb->len < avail_wnd)
			tcp_retrans_try_collapse(sk, skb, avail_wnd);
	}
	segs = (int)tcp_skb_pcount(skb);
	/* RFC 3168 6.1.1.1: ECN fallback */
	if ((TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN_ECN) == TCPHDR_SYN_ECN)
		tcp_ecn_clear_syn(sk, skb);
	len = tcp_transmit_skb(sk, skb, 1);
	if (len)
		return len;
	TCP_ADD_STATS(net, TCP_MIB_RETRANSSEGS, segs);
	tp->total_retrans += (u32)segs;
	tp->bytes_retrans += skb->len;
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN)
		NET_INC_STATS(net, LINUX_MIB_TCPSYNRETRANS);
	TCP_SKB_CB(skb)->sacked |= TCPCB_EVER_RETRANS;
	/* one more retransmission a D-SACK may show was not needed */
	if (tp->undo_retrans < 0)
		tp->undo_retrans = 0;
	tp->undo_retrans += segs;
	return 0;
}

int tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb, int segs)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err = __tcp_retransmit_skb(sk, skb, segs);

	if (!err && !(TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_RETRANS)) {
		TCP_SKB_CB(skb)->sacked |= TCPCB_SACKED_RETRANS;
		tp->retrans_out += tcp_skb_pcount(skb);
	}
	/* the first (attempted) retransmission's time, as Linux keeps it:
	 * the give-up clocks (tcp_retries2, TCP_USER_TIMEOUT) count from
	 * it.  A loss probe (__tcp_retransmit_skb alone) does not start
	 * them. */
	if (!tp->retrans_stamp)
		tp->retrans_stamp = (u32)(skb->tstamp / NSEC_PER_MSEC);
	return err;
}

/*
 * tcp_xmit_retransmit_queue - send again the segments marked lost that
 * are not yet retransmitted, in sequence order, as the congestion window
 * allows (RFC 6675 5 NextSeg rule 1; PRR counts them in prr_out).
 */
void tcp_xmit_retransmit_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb, *tmp;
	u32 max_segs;

	if (!tp->packets_out || !tp->lost_out)
		return;
	max_segs = tcp_tso_segs(sk, tcp_current_mss(sk));
	skb_queue_walk_safe(&sk->sk_write_queue, skb, tmp) {
		u8 sacked = TCP_SKB_CB(skb)->sacked;
		u32 segs;

		if (skb == tcp_send_head(sk))
			break;
		/* retransmissions are paced as new data is (Linux 6.18):
		 * the pacing timer sends the rest */
		if (tcp_pacing_check(sk))
			break;
		if (tcp_packets_in_flight(tp) >= tcp_snd_cwnd(tp))
			break;
		/* a lost TSO skb goes whole, as far as the window and the
		 * TSO size goal allow (the rest is cut off and follows) */
		segs = tcp_snd_cwnd(tp) - tcp_packets_in_flight(tp);
		segs = min_t(u32, segs, max_segs);
		if (tp->retrans_out >= tp->lost_out)
			break;
		if (!(sacked & TCPCB_LOST))
			continue;
		if (sacked & (TCPCB_SACKED_ACKED | TCPCB_SACKED_RETRANS))
			continue;
		if (tcp_small_queue_check(sk, skb, 1))
			break;
		if (tcp_retransmit_skb(sk, skb, (int)segs))
			break;
		tmp = skb->next; /* a cut put the rest there */
		NET_ADD_STATS(sock_net(sk),
			      inet_csk(sk)->icsk_ca_state != TCP_CA_Loss
				      ? LINUX_MIB_TCPFASTRETRANS
				      : LINUX_MIB_TCPSLOWSTARTRETRANS,
			      tcp_skb_pcount(skb));
		if (tcp_in_cwnd_reduction(sk))
			tp->prr_out += tcp_skb_pcount(skb);
		if (skb == tcp_rtx_queue_head(sk) &&
		    inet_csk(sk)->icsk_pending != ICSK_TIME_REO_TIMEOUT)
			tcp_rearm_rto(sk);
	}
}

/* ---- the tail loss probe (RFC 8985 7) ---- */

/* tcp_rto_delta_us - how far ahead the head's RTO lies, in us */
s64 tcp_rto_delta_us(const struct sock *sk)
{
	const struct sk_buff *skb = tcp_rtx_queue_head(sk);
	u64 rto_us = (u64)inet_csk(sk)->icsk_rto * 1000U;

	if (!skb)
		return (s64)rto_us;
	return (s64)(tcp_skb_timestamp_us(skb) + rto_us) -
	       (s64)tcp_sk(sk)->tcp_mstamp;
}

/*
 * tcp_schedule_loss_probe - RFC 8985 7.2: with SACK, in Open or CWR,
 * probe after PTO = 2 * SRTT, plus the minimum RTO (a delayed ACK) when
 * one segment is out, else 2 ms; 1 s without an RTT sample; never after
 * the RTO.  tcp_early_retrans 3 and 4 enable it (Linux 6.18 has no
 * early retransmit left: both mean TLP), 0-2 do not.
 */
bool tcp_schedule_loss_probe(struct sock *sk, bool advancing_rto)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int early_retrans = sock_net(sk)->ipv4.sysctl_tcp_early_retrans;
	u32 timeout_us, timeout;
	s64 rto_delta_us;

	if (tp->fastopen_rsk)
		return false;
	if ((early_retrans != 3 && early_retrans != 4) || !tp->packets_out ||
	    !tcp_is_sack(tp) ||
	    (icsk->icsk_ca_state != TCP_CA_Open &&
	     icsk->icsk_ca_state != TCP_CA_CWR))
		return false;
	if (tp->srtt_us) {
		timeout_us = tp->srtt_us >> 2;
		if (tp->packets_out == 1)
			timeout_us += icsk->icsk_rto_min * 1000U;
		else
			timeout_us += 2000U; /* TCP_TIMEOUT_MIN_US */
		timeout = DIV_ROUND_UP(timeout_us, 1000U);
	} else {
		timeout = TCP_TIMEOUT_INIT;
	}
	rto_delta_us = advancing_rto ? (s64)icsk->icsk_rto * 1000
				     : tcp_rto_delta_us(sk);
	if (rto_delta_us > 0)
		timeout = min_t(u32, timeout,
				(u32)DIV_ROUND_UP(rto_delta_us, 1000));
	tcp_reset_xmit_timer(sk, ICSK_TIME_LOSS_PROBE, timeout, TCP_RTO_MAX);
	return true;
}

/*
 * tcp_send_loss_probe - the probe timer fired (RFC 8985 7.3): new data
 * if the window allows, else the last segment again.  At most one probe
 * is outstanding (tlp_high_seq); then the RTO is armed again.
 */
void tcp_send_loss_probe(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int mss = tcp_current_mss(sk);
	struct sk_buff *skb;
	u32 pcount;

	if (tp->tlp_high_seq)
		goto rearm_timer;
	tp->tlp_retrans = 0;
	skb = tcp_send_head(sk);
	if (skb && tcp_snd_wnd_test(tp, skb, mss)) {
		pcount = tp->packets_out;
		tcp_write_xmit(sk, mss, TCP_NAGLE_OFF, 2);
		if (tp->packets_out > pcount)
			goto probe_sent;
		goto rearm_timer;
	}
	skb = tcp_write_queue_tail(sk);
	if (skb && tcp_send_head(sk))
		skb = tcp_send_head(sk)->prev;
	if (!skb || skb == (struct sk_buff *)(void *)&sk->sk_write_queue ||
	    !tp->packets_out) {
		inet_csk(sk)->icsk_pending = 0;
		return;
	}
	pcount = tcp_skb_pcount(skb);
	if (pcount > 1 && skb->len > (pcount - 1) * mss) {
		/* only the last segment of a TSO skb */
		if (tcp_fragment(sk, skb, (pcount - 1) * mss, mss))
			goto rearm_timer;
		skb = skb->next;
	}
	if (__tcp_retransmit_skb(sk, skb, 1))
		goto rearm_timer;
	tp->tlp_retrans = 1;

probe_sent:
	tp->tlp_high_seq = tp->snd_nxt;
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPLOSSPROBES);
	/* so that tcp_rearm_rto counts the RTO from now */
	inet_csk(sk)->icsk_pending = 0;
rearm_timer:
	tcp_rearm_rto(sk);
}

/* ---- probes ---- */

static int tcp_xmit_probe_skb(struct sock *sk, int urgent, int mib)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_alloc_ctl_skb();

	if (!skb)
		return -1;
	/* an old sequence number: the peer answers with an ACK (RFC 9293
	 * 3.8.6.1 zero-window probing, RFC 1122 4.2.3.6 keepalive) */
	tcp_init_nondata_skb(skb, tp->snd_una - !urgent, TCPHDR_ACK);
	NET_INC_STATS(sock_net(sk), mib);
	return tcp_transmit_skb(sk, skb, 0);
}

void tcp_send_window_probe(struct sock *sk)
{
	if (sk->sk_state == TCP_ESTABLISHED) {
		tcp_sk(sk)->snd_wl1 = tcp_sk(sk)->rcv_nxt - 1;
		tcp_xmit_probe_skb(sk, 0, LINUX_MIB_TCPWINPROBE);
	}
}

/*
 * tcp_write_wakeup - a keepalive or window probe: new data if the window
 * allows a piece of it, else an old-sequence ACK.
 */
int tcp_write_wakeup(struct sock *sk, int mib)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (sk->sk_state == TCP_CLOSE)
		return -1;
	skb = tcp_send_head(sk);
	if (skb && before(TCP_SKB_CB(skb)->seq, tcp_wnd_end(tp))) {
		u32 seg_size = tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq;
		unsigned int mss = tcp_current_mss(sk);
		int err;

		/* what the window takes of it goes (one segment at most),
		 * the rest waits */
		if (seg_size <
			    TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq ||
		    skb->len > mss) {
			seg_size = min_t(u32, seg_size, mss);
			TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_PSH;
			if (seg_size < skb->len &&
			    tcp_fragment(sk, skb, seg_size, mss))
				return -1;
		} else if (!TCP_SKB_CB(skb)->tcp_gso_segs) {
			tcp_set_skb_tso_segs(skb, mss);
		}
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_PSH;
		err = tcp_transmit_skb(sk, skb, 1);
		if (!err)
			tcp_event_new_data_sent(sk, skb);
		return err;
	}
	return tcp_xmit_probe_skb(sk, 0, mib);
}

/* tcp_send_probe0 - the zero-window probe timer fired (RFC 9293 3.8.6.1) */
void tcp_send_probe0(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	err = tcp_write_wakeup(sk, LINUX_MIB_TCPWINPROBE);
	if (tp->packets_out || !tcp_send_head(sk)) {
		icsk->icsk_probes_out = 0;
		icsk->icsk_backoff = 0;
		icsk->icsk_probes_tstamp = 0;
		return;
	}
	icsk->icsk_probes_out++;
	if (err <= 0) {
		if (icsk->icsk_backoff < 15)
			icsk->icsk_backoff++;
		tcp_reset_xmit_timer(
			sk, ICSK_TIME_PROBE0,
			tcp_clamp_probe0_to_user_timeout(
				sk, tcp_probe0_when(sk, tcp_rto_max(sk))),
			TCP_RTO_MAX);
	} else {
		tcp_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
				     TCP_RESOURCE_PROBE_INTERVAL, TCP_RTO_MAX);
	}
}

/*
 * tcp_cwnd_restart - RFC 2861 / RFC 5681 4.1: after an idle period longer
 * than the RTO the window is halved for each RTO idle, down to the
 * restart window (the initial one)
 */
void tcp_cwnd_restart(struct sock *sk, s32 delta)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 restart_cwnd = tcp_init_cwnd(tp, sk->sk_dst_cache);
	u32 cwnd = tcp_snd_cwnd(tp);

	tcp_ca_event(sk, CA_EVENT_CWND_RESTART);
	tp->snd_ssthresh = tcp_current_ssthresh(sk);
	restart_cwnd = min_t(u32, restart_cwnd, cwnd);
	while ((delta -= (s32)inet_csk(sk)->icsk_rto) > 0 &&
	       cwnd > restart_cwnd)
		cwnd >>= 1;
	tcp_snd_cwnd_set(tp, max_t(u32, cwnd, restart_cwnd));
	tp->snd_cwnd_stamp = tcp_jiffies32(sk);
	tp->snd_cwnd_used = 0;
}
