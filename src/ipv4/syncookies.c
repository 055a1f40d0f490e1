// SPDX-License-Identifier: BSD-2-Clause
/*
 * SYN cookies (RFC 4987 3.6): when a listener's SYN queue is full
 * (tcp_syncookies 1) or always (tcp_syncookies 2), the SYN-ACK's ISN
 * encodes what the request sock would have kept, and no request sock is
 * kept.  The ACK that returns ISN+1 rebuilds the request sock and makes
 * the child from it.
 *
 * The ISN is
 *	H0(addresses, ports) + the peer's ISN + (count << 24)
 *	+ ((H1(addresses, ports, count) + mssind) mod 2^24)
 * where H0 and H1 are SipHash-2-4 under two per-stack keys, count is a
 * counter ticking every minute and mssind indexes msstab[].  A cookie
 * is good while the counter has moved by less than MAX_SYNCOOKIE_AGE.
 * With timestamps, the low TSBITS bits of TSval carry the SYN's window
 * scale, SACK-permitted and ECN, which the ACK's TSecr gives back.
 * Linux: net/ipv4/syncookies.c, tcp_syn_flood_action() in tcp_input.c.
 */
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sock_reuseport.h>
#include <net/tcp.h>

#define COOKIEBITS 24 /* the counter sits above these bits */
#define COOKIEMASK (((u32)1 << COOKIEBITS) - 1)

/* The MSS values a cookie can encode: the most common ones (2 bits). */
static const u16 msstab[] = { 536, 1300, 1440, 1460 };

static const u64 *syncookie_key(const struct net *net, int c)
{
	struct inet_stack *is = inet_stack(net->st);
	u64 *key = is->syncookie_secret[c];

	if (!key[0] && !key[1]) {
		key[0] = ((u64)get_random_u32() << 32) | get_random_u32();
		key[1] = ((u64)get_random_u32() << 32) | get_random_u32();
	}
	return key;
}

/* tcp_cookie_time - the minute counter (the stack's clock) */
static u32 tcp_cookie_time(const struct net *net)
{
	u64 ms = ktime_get_ns(net->st) / NSEC_PER_MSEC;

	return (u32)(ms / (u64)TCP_SYNCOOKIE_PERIOD_MS);
}

/* cookie_hash - SipHash of the 4-tuple and @count under key @c */
static u32 cookie_hash(const struct net *net, __be32 saddr, __be32 daddr,
		       __be16 sport, __be16 dport, u32 count, int c)
{
	u64 a = ((u64)(u32)daddr << 32) | (u32)saddr;
	u64 b = ((u64)count << 32) |
		(((u32)ntohs(sport) << 16) | (u32)ntohs(dport));

	return (u32)siphash_2u64(a, b, syncookie_key(net, c));
}

static u32 secure_tcp_syn_cookie(const struct net *net, __be32 saddr,
				 __be32 daddr, __be16 sport, __be16 dport,
				 u32 sseq, u32 data)
{
	u32 count = tcp_cookie_time(net);

	return cookie_hash(net, saddr, daddr, sport, dport, 0, 0) + sseq +
	       (count << COOKIEBITS) +
	       ((cookie_hash(net, saddr, daddr, sport, dport, count, 1) +
		 data) &
		COOKIEMASK);
}

/*
 * check_tcp_syn_cookie - the data (mssind) of @cookie, or (u32)-1 when
 * it is older than MAX_SYNCOOKIE_AGE counter values (or forged)
 */
static u32 check_tcp_syn_cookie(const struct net *net, u32 cookie, __be32 saddr,
				__be32 daddr, __be16 sport, __be16 dport,
				u32 sseq)
{
	u32 count = tcp_cookie_time(net);
	u32 diff;

	cookie -= cookie_hash(net, saddr, daddr, sport, dport, 0, 0) + sseq;
	diff = (count - (cookie >> COOKIEBITS)) & ((u32)-1 >> COOKIEBITS);
	if (diff >= MAX_SYNCOOKIE_AGE)
		return (u32)-1;
	return (cookie -
		cookie_hash(net, saddr, daddr, sport, dport, count - diff, 1)) &
	       COOKIEMASK;
}

/**
 * __cookie_v4_init_sequence - the cookie ISN for the SYN @iph/@th
 * @mssp: in, the MSS the SYN offered; out, the table value encoded
 *	(the largest not above it)
 */
u32 __cookie_v4_init_sequence(const struct net *net, const struct iphdr *iph,
			      const struct tcphdr *th, u16 *mssp)
{
	u32 mssind;

	for (mssind = ARRAY_SIZE(msstab) - 1; mssind; mssind--)
		if (*mssp >= msstab[mssind])
			break;
	*mssp = msstab[mssind];
	return secure_tcp_syn_cookie(net, iph->saddr, iph->daddr, th->source,
				     th->dest, ntohl(th->seq), mssind);
}

/**
 * __cookie_v4_check - the MSS that the ACK @iph/@th's cookie encodes
 * Return: the MSS, or 0 when the cookie is bad or expired.
 */
int __cookie_v4_check(const struct net *net, const struct iphdr *iph,
		      const struct tcphdr *th)
{
	u32 cookie = ntohl(th->ack_seq) - 1;
	u32 seq = ntohl(th->seq) - 1;
	u32 mssind = check_tcp_syn_cookie(net, cookie, iph->saddr, iph->daddr,
					  th->source, th->dest, seq);

	return mssind < ARRAY_SIZE(msstab) ? msstab[mssind] : 0;
}

/*
 * The stamp of the last cookies: a SO_REUSEPORT group's, shared by its
 * listeners (a cookie's ACK may reach another member once the one that
 * sent it has closed), else the listener's unused ts_recent_stamp, as
 * Linux keeps them.
 */
static u32 *tcp_synq_overflow_stamp(const struct sock *sk)
{
	if (sk->sk_reuseport && sk->sk_reuseport_cb)
		return &sk->sk_reuseport_cb->synq_overflow_ts;
	return &tcp_sk(sk)->rx_opt.ts_recent_stamp;
}

/*
 * tcp_synq_overflow - remember that cookies went out: for two minutes
 * the listener (or its group) takes ACKs as possible cookies.  The stamp
 * is in ms; 0 means never.
 */
void tcp_synq_overflow(struct sock *sk)
{
	u32 *stamp = tcp_synq_overflow_stamp(sk);
	u32 now = tcp_jiffies32(sk);
	u32 last = *stamp;

	if (!last || (s32)(now - (last + 1000U)) > 0)
		*stamp = now ? now : 1;
}

bool tcp_synq_no_recent_overflow(const struct sock *sk)
{
	u32 last = *tcp_synq_overflow_stamp(sk);
	u32 now = tcp_jiffies32(sk);

	if (!last)
		return true;
	/* last - 1 s: a concurrent update may have moved it past now */
	return (s32)(now - (last - 1000U)) < 0 ||
	       (s32)(now - (last + TCP_SYNCOOKIE_VALID_MS)) > 0;
}

/* cookie_v4_init_sequence - the ISN of a cookie SYN-ACK, counted */
u32 cookie_v4_init_sequence(struct sock *sk, const struct sk_buff *skb,
			    u16 *mssp)
{
	struct net *net = sock_net(sk);

	tcp_synq_overflow(sk);
	NET_INC_STATS(net, LINUX_MIB_SYNCOOKIESSENT);
	return __cookie_v4_init_sequence(net, ip_hdr(skb), tcp_hdr(skb), mssp);
}

/*
 * cookie_init_timestamp - the TSval of a cookie SYN-ACK (before the
 * offset): the clock with its low TSBITS bits replaced by the SYN's
 * window scale (0xf for none), SACK-permitted and ECN, never ahead of
 * the clock.
 */
u32 cookie_init_timestamp(const struct request_sock *req)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	u32 ts_now = tcp_time_stamp_ms(req->rsk_listener);
	u32 options, ts;

	options = ireq->wscale_ok ? ireq->snd_wscale : TS_OPT_WSCALE_MASK;
	if (ireq->sack_ok)
		options |= TS_OPT_SACK;
	if (ireq->ecn_ok)
		options |= TS_OPT_ECN;
	ts = ((ts_now >> TSBITS) << TSBITS) | options;
	if (ts > ts_now)
		ts -= 1U << TSBITS;
	return ts;
}

/**
 * cookie_timestamp_decode - the SYN's options from the ACK's TSecr
 *	(already less the timestamp offset)
 * Return: false when they ask for what a sysctl has since turned off.
 */
bool cookie_timestamp_decode(const struct net *net,
			     struct tcp_options_received *opt)
{
	u32 options = opt->rcv_tsecr;

	if (!opt->saw_tstamp) {
		/* without timestamps the cookie kept no options */
		opt->tstamp_ok = opt->wscale_ok = opt->snd_wscale = 0;
		opt->sack_ok = 0;
		return true;
	}
	if (!net->ipv4.sysctl_tcp_timestamps)
		return false;
	opt->sack_ok = (options & TS_OPT_SACK) ? 1 : 0;
	if (opt->sack_ok && !net->ipv4.sysctl_tcp_sack)
		return false;
	if ((options & TS_OPT_WSCALE_MASK) == TS_OPT_WSCALE_MASK)
		return true; /* no window scaling */
	opt->wscale_ok = 1;
	opt->snd_wscale = options & TS_OPT_WSCALE_MASK;
	return net->ipv4.sysctl_tcp_window_scaling != 0;
}

/*
 * tcp_syn_flood_action - the SYN queue is full (or tcp_syncookies is 2):
 * cookies or a drop, counted; the first time for a listener (with
 * tcp_syncookies 1 or 0) Linux logs "Possible SYN flooding", which here
 * goes where the stack's other messages go (net_info, on stderr).
 */
bool tcp_syn_flood_action(struct sock *sk)
{
	struct request_sock_queue *queue = inet_csk(sk)->icsk_accept_queue;
	struct net *net = sock_net(sk);
	int syncookies = net->ipv4.sysctl_tcp_syncookies;
	const char *msg = "Dropping request";
	bool want_cookie = false;

	if (syncookies) {
		msg = "Sending cookies";
		want_cookie = true;
		NET_INC_STATS(net, LINUX_MIB_TCPREQQFULLDOCOOKIES);
	} else {
		NET_INC_STATS(net, LINUX_MIB_TCPREQQFULLDROP);
	}
	if (syncookies != 2 && !queue->synflood_warned) {
		__be32 a = sk->sk_rcv_saddr;

		queue->synflood_warned = 1;
		net_info("TCP: request_sock_TCP: Possible SYN flooding on port "
			 "%u.%u.%u.%u:%u. %s.\n",
			 ((const u8 *)&a)[0], ((const u8 *)&a)[1],
			 ((const u8 *)&a)[2], ((const u8 *)&a)[3], sk->sk_num,
			 msg);
	}
	return want_cookie;
}

/*
 * tcp_get_cookie_sock - the child of a cookie's request sock, in the
 * accept queue.  A full accept queue drops the ACK (cookies do not help
 * there): ListenOverflows and ListenDrops, as Linux counts them.
 */
static struct sock *tcp_get_cookie_sock(struct sock *sk, struct sk_buff *skb,
					struct request_sock *req,
					struct dst_entry *dst)
{
	struct net *net = sock_net(sk);
	struct sock *child;

	if (sk_acceptq_is_full(sk)) {
		NET_INC_STATS(net, LINUX_MIB_LISTENOVERFLOWS);
		NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
		dst_release(dst);
		reqsk_free(req);
		return NULL;
	}
	child = tcp_v4_syn_recv_sock(sk, skb, req, dst);
	if (!child) {
		NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
		reqsk_free(req);
		return NULL;
	}
	if (!inet_csk_reqsk_queue_add(sk, req, child)) {
		reqsk_free(req);
		inet_csk_prepare_forced_close(child);
		tcp_done(child);
		return NULL;
	}
	reqsk_put(req); /* the accept queue holds its own reference */
	inet_ehash_nolisten(child, NULL);
	return child;
}

/* cookie_tcp_reqsk - the request sock the cookie stood for */
static struct request_sock *
cookie_tcp_reqsk(struct sock *sk, struct sk_buff *skb,
		 const struct tcp_options_received *opt, int mss, u32 tsoff)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct inet_request_sock *ireq;
	struct tcp_request_sock *treq;
	struct request_sock *req;

	req = reqsk_alloc(&tcp_request_sock_ops, sk);
	if (!req)
		return NULL;
	ireq = inet_rsk(req);
	treq = tcp_rsk(req);
	req->syncookie = true;
	req->mss = (u16)mss;
	req->ts_recent = opt->saw_tstamp ? opt->rcv_tsval : 0;
	ireq->snd_wscale = opt->snd_wscale & 0xf;
	ireq->tstamp_ok = opt->saw_tstamp;
	ireq->sack_ok = opt->sack_ok ? 1 : 0;
	ireq->wscale_ok = opt->wscale_ok;
	ireq->ecn_ok = (opt->rcv_tsecr & TS_OPT_ECN) ? 1 : 0;
	ireq->ir_loc_addr = iph->daddr;
	ireq->ir_rmt_addr = iph->saddr;
	ireq->ir_num = ntohs(th->dest);
	ireq->ir_rmt_port = th->source;
	ireq->ir_iif = sk->sk_bound_dev_if;
	ireq->ir_mark = inet_request_mark(sk, skb);
	treq->syn_tos = TCP_SKB_CB(skb)->ip_dsfield; /* the ACK's, as Linux */
	treq->ts_off = tsoff;
	treq->rcv_isn = ntohl(th->seq) - 1;
	treq->rcv_nxt = treq->rcv_isn + 1;
	treq->snt_isn = ntohl(th->ack_seq) - 1;
	return req;
}

/**
 * cookie_v4_check - an ACK for a listener: if it returns a good cookie,
 *	the child it completes (RFC 4987 3.6)
 * Return: the child; @sk when the ACK is not a cookie's (the listener
 *	then answers it with a RST); NULL when it is dropped.
 */
struct sock *cookie_v4_check(struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct tcp_options_received opt;
	struct request_sock *req;
	struct dst_entry *dst;
	u32 tsoff = 0;
	u8 rcv_wscale;
	int mss;

	if (!net->ipv4.sysctl_tcp_syncookies || !th->ack || th->rst)
		return sk;
	if (tcp_synq_no_recent_overflow(sk))
		return sk;
	mss = __cookie_v4_check(net, iph, th);
	if (!mss) {
		NET_INC_STATS(net, LINUX_MIB_SYNCOOKIESFAILED);
		return sk;
	}
	NET_INC_STATS(net, LINUX_MIB_SYNCOOKIESRECV);

	memset(&opt, 0, sizeof(opt));
	tcp_parse_options(net, skb, &opt, 0);
	if (opt.saw_tstamp && opt.rcv_tsecr) {
		tsoff = secure_tcp_ts_off(net, iph->daddr, iph->saddr);
		opt.rcv_tsecr -= tsoff;
	}
	if (!cookie_timestamp_decode(net, &opt))
		return sk;

	req = cookie_tcp_reqsk(sk, skb, &opt, mss, tsoff);
	if (!req)
		return NULL;
	dst = inet_csk_route_req(sk, req);
	if (!dst) {
		reqsk_free(req);
		return NULL;
	}
	/* ECN from TSval, if tcp_ecn or the route still allow it */
	if (!net->ipv4.sysctl_tcp_ecn && !dst_feature(dst, RTAX_FEATURE_ECN))
		inet_rsk(req)->ecn_ok = 0;
	/* the window and scale the SYN-ACK offered, computed again */
	req->rsk_window_clamp = tp->window_clamp;
	tcp_select_initial_window(sk, tcp_full_space(sk), req->mss,
				  &req->rsk_rcv_wnd, &req->rsk_window_clamp,
				  inet_rsk(req)->wscale_ok, &rcv_wscale, 0);
	inet_rsk(req)->rcv_wscale = rcv_wscale & 0xf;
	return tcp_get_cookie_sock(sk, skb, req, dst);
}
