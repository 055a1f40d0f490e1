// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP over IPv4: the receive entry (checksum, lookup, ownership and the
 * backlog), connect(), the passive open (request socks, SYN-ACK, the
 * child), RSTs and ACKs sent without a full sock, ISNs and timestamp
 * offsets per RFC 6528, ICMP errors, struct proto tcp_prot,
 * /proc/net/tcp and the per-namespace tables and sysctls.
 * Linux: net/ipv4/tcp_ipv4.c, net/core/secure_seq.c.
 */
#include <limits.h>

#include <net/icmp.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/snmp.h>
#include <net/sock_reuseport.h>
#include <net/sysctl.h>
#include <net/tcp.h>
#include <net/tcp_ecn.h>

/* ---- RFC 6528: ISN = M + F(localip, localport, remoteip, remoteport,
 * secretkey), F a keyed hash (SipHash-2-4), M a 4 us clock ---- */

static inline u64 rotl64(u64 x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static void sipround(u64 v[4])
{
	v[0] += v[1];
	v[1] = rotl64(v[1], 13);
	v[1] ^= v[0];
	v[0] = rotl64(v[0], 32);
	v[2] += v[3];
	v[3] = rotl64(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = rotl64(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = rotl64(v[1], 17);
	v[1] ^= v[2];
	v[2] = rotl64(v[2], 32);
}

/* siphash_2u64 - SipHash-2-4 of two words under @key */
u64 siphash_2u64(u64 a, u64 b, const u64 key[2])
{
	u64 v[4] = {
		0x736f6d6570736575ULL ^ key[0],
		0x646f72616e646f6dULL ^ key[1],
		0x6c7967656e657261ULL ^ key[0],
		0x7465646279746573ULL ^ key[1],
	};
	u64 m[3] = { a, b, (u64)16 << 56 };
	int i;

	for (i = 0; i < 3; i++) {
		v[3] ^= m[i];
		sipround(v);
		sipround(v);
		v[0] ^= m[i];
	}
	v[2] ^= 0xff;
	for (i = 0; i < 4; i++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* siphash_1u64 - SipHash-2-4 of one 8-byte word (Linux's siphash() of 8
 * bytes: the TCP Fast Open cookie) */
u64 siphash_1u64(u64 a, const u64 key[2])
{
	u64 v[4] = {
		0x736f6d6570736575ULL ^ key[0],
		0x646f72616e646f6dULL ^ key[1],
		0x6c7967656e657261ULL ^ key[0],
		0x7465646279746573ULL ^ key[1],
	};
	u64 m[2] = { a, (u64)8 << 56 };
	int i;

	for (i = 0; i < 2; i++) {
		v[3] ^= m[i];
		sipround(v);
		sipround(v);
		v[0] ^= m[i];
	}
	v[2] ^= 0xff;
	for (i = 0; i < 4; i++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

static const u64 *tcp_secret(const struct net *net)
{
	struct inet_stack *is = inet_stack(net->st);

	if (!is->tcp_secret[0] && !is->tcp_secret[1]) {
		is->tcp_secret[0] =
			((u64)get_random_u32() << 32) | get_random_u32();
		is->tcp_secret[1] =
			((u64)get_random_u32() << 32) | get_random_u32();
	}
	return is->tcp_secret;
}

/* The keyed hash alone, for ephemeral port offsets and ehash. */
static u32 secure_tcp_hash(const struct net *net, __be32 saddr, __be32 daddr,
			   __be16 sport, __be16 dport)
{
	u64 a = ((u64)ntohl(saddr) << 32) | ntohl(daddr);
	u64 b = ((u64)ntohs(sport) << 16) | ntohs(dport);

	b |= (u64)net->cookie << 32;
	return (u32)siphash_2u64(a, b, tcp_secret(net));
}

u32 secure_tcp_seq(const struct net *net, __be32 saddr, __be32 daddr,
		   __be16 sport, __be16 dport)
{
	return secure_tcp_hash(net, saddr, daddr, sport, dport);
}

/* tcp_isn - RFC 6528 3: the hash plus a clock ticking every 4 us */
static u32 tcp_isn(const struct net *net, __be32 saddr, __be32 daddr,
		   __be16 sport, __be16 dport)
{
	u64 ns = ktime_get_ns(net->st);

	return secure_tcp_hash(net, saddr, daddr, sport, dport) +
	       (u32)(ns >> 6);
}

/* RFC 7323 5.4: a random offset per address pair for TSval */
u32 secure_tcp_ts_off(const struct net *net, __be32 saddr, __be32 daddr)
{
	if (!net->ipv4.sysctl_tcp_timestamps)
		return 0;
	return (u32)siphash_2u64(((u64)ntohl(saddr) << 32) | ntohl(daddr),
				 0x7473ULL, tcp_secret(net));
}

/* ---- connect() ---- */

/**
 * tcp_v4_connect - the active open (RFC 9293 3.5): route, source
 *	address, local port (__inet_hash_connect), ISN and timestamp
 *	offset, SYN-SENT, the SYN
 * Return: 0 or -errno (-EAFNOSUPPORT, -ENETUNREACH, -EADDRNOTAVAIL ...).
 */
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct sockaddr_in usin;
	struct flowi4 fl4;
	struct rtable *rt;
	int err;

	if (addr_len < (int)sizeof(usin))
		return -EINVAL;
	memcpy(&usin, uaddr, sizeof(usin));
	if (usin.sin_family != AF_INET)
		return -EAFNOSUPPORT;

	memset(&fl4, 0, sizeof(fl4));
	fl4.flowi4_oif = sk->sk_bound_dev_if;
	fl4.flowi4_mark = sk->sk_mark;
	fl4.flowi4_tos = inet->tos;
	fl4.flowi4_proto = IPPROTO_TCP;
	fl4.daddr = usin.sin_addr.s_addr;
	fl4.saddr = inet->inet_saddr;
	fl4.fl4_dport = usin.sin_port;
	fl4.fl4_sport = inet->inet_sport;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		err = (int)PTR_ERR(rt);
		if (err == -ENETUNREACH)
			IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		return err;
	}
	if (rt->rt_flags & (RTCF_MULTICAST | RTCF_BROADCAST)) {
		ip_rt_put(rt);
		return -ENETUNREACH;
	}
	if (!inet->inet_saddr)
		inet->inet_saddr = fl4.saddr;
	inet->inet_rcv_saddr = inet->inet_saddr;
	if (tp->rx_opt.ts_recent_stamp && inet->inet_daddr != fl4.daddr) {
		tp->rx_opt.ts_recent = 0;
		tp->rx_opt.ts_recent_stamp = 0;
		tp->write_seq = 0;
	}
	inet->inet_dport = usin.sin_port;
	inet->inet_daddr = fl4.daddr;
	inet_csk(sk)->icsk_ext_hdr_len = 0;
	tp->rx_opt.mss_clamp = 536;

	tcp_set_state(sk, TCP_SYN_SENT);
	err = __inet_hash_connect(sk);
	if (err)
		goto failure;
	sk_setup_caps(sk, &rt->dst);
	rt = NULL;
	if (!tp->write_seq)
		tp->write_seq = tcp_isn(net, inet->inet_saddr, inet->inet_daddr,
					inet->inet_sport, usin.sin_port);
	tp->tsoffset =
		secure_tcp_ts_off(net, inet->inet_saddr, inet->inet_daddr);
	inet->inet_id = (u16)get_random_u32();
	if (tcp_fastopen_defer_connect(sk, &err))
		return err;
	if (err)
		goto failure;
	err = tcp_connect(sk);
	if (err)
		goto failure;
	return 0;

failure:
	tcp_set_state(sk, TCP_CLOSE);
	ip_rt_put(rt);
	inet->inet_dport = 0;
	return err;
}

/* ---- segments sent without a full sock ---- */

/* Build and send a bare segment back to where @skb came from. */
static void tcp_v4_send_ctl(struct net *net, const struct sk_buff *skb, u32 seq,
			    u32 ack, u32 win, u8 flags, u32 tsval, u32 tsecr,
			    bool ts, int oif, u8 tos, u32 mark, u32 priority)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int hlen =
		sizeof(struct tcphdr) + (ts ? TCPOLEN_TSTAMP_ALIGNED : 0);
	struct sk_buff *nskb;
	struct tcphdr *rth;
	struct iphdr *rip;
	struct flowi4 fl4;
	struct rtable *rt;

	/* ip_send_unicast_reply: the answered segment's mark under
	 * fwmark_reflect, else the replying sock's */
	if (IP4_REPLY_MARK(net, skb->mark))
		mark = skb->mark;
	memset(&fl4, 0, sizeof(fl4));
	fl4.flowi4_oif = oif;
	fl4.flowi4_proto = IPPROTO_TCP;
	fl4.flowi4_mark = mark;
	fl4.daddr = iph->saddr;
	fl4.saddr = iph->daddr;
	fl4.fl4_dport = th->source;
	fl4.fl4_sport = th->dest;
	fl4.flowi4_flags = FLOWI_FLAG_ANYSRC;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;
	nskb = alloc_skb(MAX_TCP_HEADER, GFP_ATOMIC);
	if (!nskb) {
		ip_rt_put(rt);
		return;
	}
	skb_reserve(nskb, MAX_TCP_HEADER);
	rth = skb_push(nskb, hlen);
	skb_reset_transport_header(nskb);
	memset(rth, 0, hlen);
	rth->source = th->dest;
	rth->dest = th->source;
	rth->seq = htonl(seq);
	rth->ack_seq = htonl(ack);
	rth->doff = (u16)(hlen / 4);
	((u8 *)rth)[13] = flags;
	rth->window = htons((u16)win);
	if (ts) {
		u8 *p = (u8 *)(rth + 1);
		__be32 v;

		p[0] = TCPOPT_NOP;
		p[1] = TCPOPT_NOP;
		p[2] = TCPOPT_TIMESTAMP;
		p[3] = TCPOLEN_TIMESTAMP;
		v = htonl(tsval);
		memcpy(p + 4, &v, 4);
		v = htonl(tsecr);
		memcpy(p + 8, &v, 4);
	}
	rth->check =
		csum_tcpudp_magic(iph->daddr, iph->saddr, hlen, IPPROTO_TCP,
				  skb_checksum(nskb, 0, (int)hlen, 0));
	rip = skb_push(nskb, sizeof(*rip));
	skb_reset_network_header(nskb);
	memset(rip, 0, sizeof(*rip));
	rip->version = 4;
	rip->ihl = 5;
	rip->tos = tos & (u8)~INET_ECN_MASK; /* not ECN-capable */
	rip->frag_off = htons(IP_DF);
	rip->ttl = (u8)ip4_dst_hoplimit(&rt->dst);
	rip->protocol = IPPROTO_TCP;
	rip->saddr = iph->daddr;
	rip->daddr = iph->saddr;
	skb_dst_set(nskb, &rt->dst);
	ip_select_ident(net, nskb, NULL);
	nskb->priority = priority;
	nskb->mark = mark;
	TCP_INC_STATS(net, TCP_MIB_OUTSEGS);
	ip_local_out(net, NULL, nskb);
}

/**
 * tcp_v4_send_reset - answer @skb with a RST (RFC 9293 3.10.7.1: for a
 *	closed port; 3.5.2): <SEQ=SEG.ACK><CTL=RST> if it had an ACK, else
 *	<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.  Never to a RST.
 * @sk: the sock the segment reached, or NULL
 */
void tcp_v4_send_reset(const struct sock *sk, struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct net *net;
	u32 seq = 0, ack = 0;
	u8 flags = TCPHDR_RST;

	if (th->rst)
		return;
	if (skb_rtable(skb) && skb_rtable(skb)->rt_type != RTN_LOCAL)
		return;
	net = sk ? sock_net(sk) : dev_net(skb->dev);
	if (th->ack) {
		seq = ntohl(th->ack_seq);
	} else {
		ack = ntohl(th->seq) + th->syn + th->fin + skb->len -
		      __tcp_hdrlen(th);
		flags |= TCPHDR_ACK;
	}
	/* the RST carries the DSCP of what it answers (Linux's, whatever
	 * tcp_reflect_tos says) */
	tcp_v4_send_ctl(net, skb, seq, ack, 0, flags, 0, 0, false,
			sk ? sk->sk_bound_dev_if : 0, ip_hdr(skb)->tos,
			sk ? sk->sk_mark : 0, sk ? sk->sk_priority : 0);
	TCP_INC_STATS(net, TCP_MIB_OUTRSTS);
}

static void tcp_v4_timewait_ack(struct sock *sk, struct sk_buff *skb)
{
	struct inet_timewait_sock *tw = inet_twsk(sk);
	struct tcp_timewait_sock *tcptw = tcp_twsk(sk);
	bool ts = tcptw->tw_ts_recent_stamp != 0;

	tcp_v4_send_ctl(tw->tw_net, skb, tcptw->tw_snd_nxt, tcptw->tw_rcv_nxt,
			tcptw->tw_rcv_wnd >> tw->tw_rcv_wscale, TCPHDR_ACK,
			(u32)(ktime_get_ns(tw->tw_net->st) / NSEC_PER_MSEC) +
				tcptw->tw_ts_offset,
			tcptw->tw_ts_recent, ts, tw->tw_bound_dev_if,
			tw->tw_tos, tw->tw_mark, tw->tw_priority);
}

static void tcp_v4_reqsk_send_ack(const struct sock *sk, struct sk_buff *skb,
				  struct request_sock *req)
{
	tcp_v4_send_ctl(
		sock_net(sk), skb, tcp_rsk(req)->snt_isn + 1,
		tcp_rsk(req)->rcv_nxt,
		req->rsk_rcv_wnd >> inet_rsk(req)->rcv_wscale, TCPHDR_ACK,
		tcp_time_stamp_ms(sk) + tcp_rsk(req)->ts_off, req->ts_recent,
		inet_rsk(req)->tstamp_ok, sk->sk_bound_dev_if, ip_hdr(skb)->tos,
		sk->sk_mark, sk->sk_priority);
}

/*
 * tcp_synack_tos - the SYN-ACK's TOS: the listener's, or with
 * tcp_reflect_tos the SYN's DSCP with the listener's ECN bits
 */
static u8 tcp_synack_tos(const struct sock *sk, const struct request_sock *req)
{
	u8 tos = inet_sk(sk)->tos;

	if (sock_net(sk)->ipv4.sysctl_tcp_reflect_tos)
		tos = (u8)((tcp_rsk(req)->syn_tos & ~INET_ECN_MASK) |
			   (tos & INET_ECN_MASK));
	return tos;
}

/* tcp_v4_send_synack - send the SYN-ACK of @req (again) */
static int tcp_v4_send_synack(const struct sock *sk, struct request_sock *req)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	struct net *net = sock_net(sk);
	struct dst_entry *dst = inet_csk_route_req(sk, req);
	struct sk_buff *skb;
	struct tcphdr *th;
	struct iphdr *iph;

	if (!dst)
		return -EHOSTUNREACH;
	skb = tcp_make_synack(sk, dst, req);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	th = tcp_hdr(skb);
	th->check = csum_tcpudp_magic(ireq->ir_loc_addr, ireq->ir_rmt_addr,
				      skb->len, IPPROTO_TCP,
				      skb_checksum(skb, 0, (int)skb->len, 0));
	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tcp_synack_tos(sk, req);
	if (ip_dont_fragment(sk, dst))
		iph->frag_off = htons(IP_DF);
	iph->ttl = (u8)(inet_sk(sk)->uc_ttl < 0 ? ip4_dst_hoplimit(dst)
						: inet_sk(sk)->uc_ttl);
	iph->protocol = IPPROTO_TCP;
	iph->saddr = ireq->ir_loc_addr;
	iph->daddr = ireq->ir_rmt_addr;
	skb_dst_set(skb, dst);
	ip_select_ident(net, skb, NULL);
	skb->priority = sk->sk_priority;
	skb->mark = sk->sk_mark;
	if (!tcp_rsk(req)->snt_synack)
		tcp_rsk(req)->snt_synack = tcp_clock_us(sk);
	TCP_INC_STATS(net, TCP_MIB_OUTSEGS);
	(void)ip_local_out(net, NULL, skb);
	return 0;
}

static int tcp_v4_rtx_synack(const struct sock *sk, struct request_sock *req)
{
	int res = tcp_v4_send_synack(sk, req);

	if (!res) {
		TCP_INC_STATS(sock_net(sk), TCP_MIB_RETRANSSEGS);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPSYNRETRANS);
	}
	return res;
}

const struct request_sock_ops tcp_request_sock_ops = {
	.family = PF_INET,
	.obj_size = sizeof(struct tcp_request_sock),
	.rtx_syn_ack = tcp_v4_rtx_synack,
	.send_ack = tcp_v4_reqsk_send_ack,
	.send_reset = tcp_v4_send_reset,
};

/* tcp_send_synack - simultaneous open: our SYN again, now with an ACK */
int tcp_send_synack(struct sock *sk)
{
	struct sk_buff *skb = tcp_rtx_queue_head(sk);

	if (!skb || !(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN))
		return -EFAULT;
	TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_ACK;
	tcp_ecn_send_synack(sk, skb);
	return tcp_transmit_skb(sk, skb, 1);
}

/* ---- the passive open ---- */

/**
 * tcp_v4_conn_request - a SYN for a listener (RFC 9293 3.10.7.2): a
 *	request sock in SYN-RECV, the SYN-ACK.  With the SYN queue full
 *	(or tcp_syncookies 2) the SYN-ACK carries a SYN cookie and no
 *	request sock is kept (syncookies.c); without cookies, or with the
 *	accept queue full, the SYN is dropped and counted.
 */
/*
 * tcp_reqsk_record_syn - TCP_SAVE_SYN: keep the SYN's headers (from its
 * IP header, or with 2 from its link-layer one) for the child to give
 * TCP_SAVED_SYN once; no memory, no headers.
 */
static void tcp_reqsk_record_syn(const struct sock *sk,
				 struct request_sock *req,
				 const struct sk_buff *skb)
{
	u32 mac_hdrlen = 0, len;
	struct saved_syn *saved_syn;
	const u8 *base = skb_network_header(skb);

	if (!tcp_sk(sk)->save_syn)
		return;
	len = skb_network_header_len(skb) + __tcp_hdrlen(tcp_hdr(skb));
	if (tcp_sk(sk)->save_syn == 2 && skb_mac_header_was_set(skb)) {
		mac_hdrlen = (u32)(skb->network_header - skb->mac_header);
		base = skb_mac_header(skb);
		len += mac_hdrlen;
	}
	saved_syn = kmalloc(sizeof(*saved_syn) + len, GFP_ATOMIC);
	if (!saved_syn)
		return;
	saved_syn->mac_hdrlen = mac_hdrlen;
	saved_syn->network_hdrlen = skb_network_header_len(skb);
	saved_syn->tcp_hdrlen = __tcp_hdrlen(tcp_hdr(skb));
	memcpy(saved_syn->data, base, len);
	req->saved_syn = saved_syn;
}

int tcp_v4_conn_request(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	struct tcp_options_received tmp_opt;
	struct inet_request_sock *ireq;
	struct request_sock *req;
	struct tcp_request_sock *treq;
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct tcp_fastopen_cookie foc = { .len = -1 };
	struct sock *fastopen_sk;
	struct dst_entry *dst;
	bool want_cookie = false;
	int syncookies = 0;

	if (skb_rtable(skb)->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		goto drop;
	/* a SYN that took over a TIME-WAIT sock is never a cookie's */
	if (!TCP_SKB_CB(skb)->tcp_tw_isn) {
		syncookies = net->ipv4.sysctl_tcp_syncookies;
		if (syncookies == 2 || inet_csk_reqsk_queue_is_full(sk)) {
			want_cookie = tcp_syn_flood_action(sk);
			if (!want_cookie)
				goto drop;
		}
	}
	if (sk_acceptq_is_full(sk)) {
		NET_INC_STATS(net, LINUX_MIB_LISTENOVERFLOWS);
		goto drop;
	}
	req = reqsk_alloc(&tcp_request_sock_ops, sk);
	if (!req)
		goto drop;
	memset(&tmp_opt, 0, sizeof(tmp_opt));
	tmp_opt.mss_clamp = TCP_MSS_DEFAULT;
	tmp_opt.user_mss = tcp_sk(sk)->rx_opt.user_mss;
	tcp_parse_options(net, skb, &tmp_opt, 0);
	if (want_cookie && !tmp_opt.saw_tstamp) {
		/* only timestamps can carry options back in a cookie */
		tmp_opt.wscale_ok = tmp_opt.snd_wscale = 0;
		tmp_opt.sack_ok = 0;
	}

	ireq = inet_rsk(req);
	req->syncookie = want_cookie;
	treq = tcp_rsk(req);
	req->mss = tmp_opt.mss_clamp;
	ireq->tstamp_ok = tmp_opt.saw_tstamp;
	req->ts_recent = tmp_opt.saw_tstamp ? tmp_opt.rcv_tsval : 0;
	ireq->snd_wscale = tmp_opt.snd_wscale;
	ireq->wscale_ok = tmp_opt.wscale_ok;
	ireq->sack_ok = tmp_opt.sack_ok;
	ireq->ir_loc_addr = iph->daddr;
	ireq->ir_rmt_addr = iph->saddr;
	ireq->ir_num = ntohs(th->dest);
	ireq->ir_rmt_port = th->source;
	ireq->ir_iif = sk->sk_bound_dev_if;
	ireq->ir_mark = inet_request_mark(sk, skb);
	treq->syn_tos = TCP_SKB_CB(skb)->ip_dsfield;
	treq->rcv_isn = TCP_SKB_CB(skb)->seq;
	treq->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
	treq->snt_isn =
		tcp_isn(net, iph->daddr, iph->saddr, th->dest, th->source);
	if (TCP_SKB_CB(skb)->tcp_tw_isn)
		treq->snt_isn = TCP_SKB_CB(skb)->tcp_tw_isn;
	else if (!want_cookie && !syncookies &&
		 net->ipv4.sysctl_max_syn_backlog -
				 inet_csk(sk)->icsk_accept_queue->qlen <
			 (net->ipv4.sysctl_max_syn_backlog >> 2) &&
		 !tcp_peer_is_proven(req, NULL)) {
		/* no cookies: the last quarter of tcp_max_syn_backlog
		 * is kept for peers known alive (an RTT in tcp_metrics) */
		reqsk_free(req);
		goto drop;
	}
	treq->ts_off = tmp_opt.saw_tstamp
			       ? secure_tcp_ts_off(net, iph->daddr, iph->saddr)
			       : 0;
	if (!tmp_opt.saw_tstamp)
		ireq->tstamp_ok = 0;

	dst = inet_csk_route_req(sk, req);
	if (!dst) {
		reqsk_free(req);
		goto drop;
	}
	tcp_ecn_create_request(req, skb, sk, dst);
	if (want_cookie) { /* once routed, as Linux: SyncookiesSent */
		treq->snt_isn = cookie_v4_init_sequence(sk, skb, &req->mss);
		/* the cookie keeps ECN only in TSval */
		if (!tmp_opt.saw_tstamp)
			ireq->ecn_ok = 0;
	}
	tcp_openreq_init_rwin(req, sk, dst);
	if (want_cookie) {
		dst_release(dst);
		(void)tcp_v4_send_synack(sk, req);
		reqsk_free(req);
		return 0;
	}

	tcp_reqsk_record_syn(sk, req, skb);
	/* RFC 7413: a Fast Open child takes the SYN's data now */
	tcp_parse_fastopen_option(skb, &foc);
	fastopen_sk = tcp_try_fastopen(sk, skb, req, &foc, dst);
	dst_release(dst);
	treq->tfo_synack_foc = &foc; /* the first SYN-ACK's cookie */
	if (fastopen_sk) {
		(void)tcp_v4_send_synack(sk, req);
		treq->tfo_synack_foc = NULL;
		if (!inet_csk_reqsk_queue_add(sk, req, fastopen_sk)) {
			inet_csk_prepare_forced_close(fastopen_sk);
			tcp_done(fastopen_sk);
			return 0;
		}
		sk->sk_data_ready(sk);
		return 0;
	}
	inet_csk_reqsk_queue_hash_add(sk, req, TCP_TIMEOUT_INIT);
	if (tcp_v4_send_synack(sk, req)) {
		treq->tfo_synack_foc = NULL;
		inet_csk_reqsk_queue_drop(sk, req);
		goto drop;
	}
	treq->tfo_synack_foc = NULL;
	return 0;

drop:
	NET_INC_STATS(net, LINUX_MIB_LISTENDROPS);
	return 0;
}

/*
 * tcp_v4_syn_recv_sock - the child sock of a completed handshake, with
 * its route, MSS and the listener's port
 */
struct sock *tcp_v4_syn_recv_sock(const struct sock *sk, struct sk_buff *skb,
				  struct request_sock *req,
				  struct dst_entry *dst)
{
	struct tcp_sock *newtp;
	struct sock *newsk;

	if (sk_acceptq_is_full(sk))
		return NULL;
	if (!dst) {
		dst = inet_csk_route_child_sock(sk, NULL, req);
		if (!dst)
			return NULL;
	}
	newsk = tcp_create_openreq_child(sk, req, skb);
	if (!newsk) {
		dst_release(dst);
		return NULL;
	}
	/* the ACK's input route: early demux skips the FIB from the
	 * child's first segment on, as Linux's */
	inet_sk_rx_dst_set(newsk, skb);
	newtp = tcp_sk(newsk);
	/* tcp_move_syn: the SYN's headers are the child's now */
	newtp->saved_syn = req->saved_syn;
	req->saved_syn = NULL;
	/* tcp_reflect_tos: the child sends with the SYN's DSCP (its ECN
	 * bits are TCP's own) */
	if (sock_net(sk)->ipv4.sysctl_tcp_reflect_tos)
		inet_sk(newsk)->tos =
			tcp_rsk(req)->syn_tos & (u8)~INET_ECN_MASK;
	sk_setup_caps(newsk, dst);
	tcp_sync_mss(newsk, dst_mtu(dst));
	newtp->advmss = (u16)dst_metric_advmss(dst);
	if (newtp->rx_opt.user_mss && newtp->rx_opt.user_mss < newtp->advmss)
		newtp->advmss = newtp->rx_opt.user_mss;
	tcp_initialize_rcv_mss(newsk);
	if (inet_csk(sk)->icsk_bind_hash)
		inet_bind_hash(newsk, inet_csk(sk)->icsk_bind_hash,
			       inet_sk(sk)->inet_num);
	return newsk;
}

/* ---- receive ---- */

/*
 * sock_edemux - the destructor that marks skb->sk as early demux's: the
 * lookup's result, no reference (the packet goes from ip_rcv_finish() to
 * tcp_v4_rcv() in one call, under the stack lock, the sock still hashed)
 */
static void sock_edemux(struct sk_buff *skb)
{
	(void)skb;
}

/* skb_steal_sock - the sock early demux found for @skb, or NULL */
static struct sock *skb_steal_sock(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	if (!sk || skb->destructor != sock_edemux)
		return NULL;
	skb->sk = NULL;
	skb->destructor = NULL;
	return sk;
}

/* inet_sk_rx_dst_set - keep @skb's input route for early demux */
void inet_sk_rx_dst_set(struct sock *sk, const struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);

	if (!dst)
		return;
	dst_hold(dst);
	sk->sk_rx_dst = dst;
	sk->sk_rx_dst_ifindex = skb->skb_iif;
}

/**
 * tcp_v4_early_demux - before the route lookup (ip_rcv_finish): a
 *	segment for an established sock takes the input route the sock
 *	keeps, when still valid and from the same device, so that its
 *	packets skip the FIB.  As Linux's; net.ipv4.tcp_early_demux.
 * @skb: the packet, data at the IP header, transport header set
 */
void tcp_v4_early_demux(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	int dif = skb->skb_iif ? skb->skb_iif : skb->dev->ifindex;
	const struct iphdr *iph;
	const struct tcphdr *th;
	struct dst_entry *dst;
	struct sock *sk;

	if (skb->pkt_type != PACKET_HOST)
		return;
	if (!pskb_may_pull(skb, ip_hdrlen(skb) + sizeof(struct tcphdr)))
		return;
	iph = ip_hdr(skb);
	th = tcp_hdr(skb);
	if (th->doff < sizeof(struct tcphdr) / 4)
		return;
	sk = __inet_lookup_established(net, iph->saddr, th->source, iph->daddr,
				       ntohs(th->dest), dif);
	/* TIME-WAIT and request socks keep no route */
	if (!sk || sk->sk_state == TCP_TIME_WAIT ||
	    sk->sk_state == TCP_NEW_SYN_RECV)
		return;
	/* tcp_v4_rcv() takes it from here instead of looking it up again */
	skb->sk = sk;
	skb->destructor = sock_edemux;
	dst = sk->sk_rx_dst;
	if (dst)
		dst = dst_check(dst, 0);
	if (dst && sk->sk_rx_dst_ifindex == skb->skb_iif) {
		dst_hold(dst);
		skb_dst_set(skb, dst);
	}
}

/**
 * tcp_v4_do_rcv - a segment for @sk, which nobody else owns now
 * Return: 0; @skb consumed.
 */
int tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb)
{
	if (sk->sk_state == TCP_ESTABLISHED) {
		struct dst_entry *dst = sk->sk_rx_dst;

		/* the cached input route, if it no longer holds (another
		 * device, or a route or address changed: the genid moved),
		 * gives way to this segment's */
		if (dst && (sk->sk_rx_dst_ifindex != skb->skb_iif ||
			    !dst_check(dst, 0))) {
			sk->sk_rx_dst = NULL;
			dst_release(dst);
		}
		if (!sk->sk_rx_dst)
			inet_sk_rx_dst_set(sk, skb);
		tcp_rcv_established(sk, skb);
		return 0;
	}
	if (sk->sk_state == TCP_LISTEN && !tcp_hdr(skb)->syn) {
		/* an ACK for a listener may return a SYN cookie */
		struct sock *nsk = cookie_v4_check(sk, skb);

		if (!nsk) {
			kfree_skb(skb);
			return 0;
		}
		if (nsk != sk) {
			sock_hold(nsk);
			if (tcp_child_process(sk, nsk, skb)) {
				tcp_v4_send_reset(nsk, skb);
				kfree_skb(skb);
			}
			sock_put(nsk);
			return 0;
		}
	}
	if (tcp_rcv_state_process(sk, skb)) {
		tcp_v4_send_reset(sk, skb);
		kfree_skb(skb);
	}
	return 0;
}

static void tcp_v4_fill_cb(struct sk_buff *skb, const struct iphdr *iph,
			   const struct tcphdr *th)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(skb);
	u8 tos = iph->tos;

	memset(cb, 0, sizeof(*cb));
	cb->seq = ntohl(th->seq);
	cb->end_seq = cb->seq + th->syn + th->fin + skb->len - th->doff * 4U;
	cb->ack_seq = ntohl(th->ack_seq);
	cb->tcp_flags = tcp_flag_byte(th);
	cb->ip_dsfield = tos;
}

static bool tcp_v4_csum_bad(struct sk_buff *skb, const struct iphdr *iph)
{
	if (skb_csum_unnecessary(skb))
		return false;
	return csum_tcpudp_magic(iph->saddr, iph->daddr, skb->len, IPPROTO_TCP,
				 skb_checksum(skb, 0, (int)skb->len, 0)) != 0;
}

/**
 * tcp_v4_rcv - the IPPROTO_TCP handler: checks, then the sock: a
 *	request sock, a TIME-WAIT sock, an established or listening sock
 *	(processed now, or queued on the backlog of an owned sock), or
 *	none (a RST, RFC 9293 3.10.7.1)
 */
int tcp_v4_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph;
	const struct tcphdr *th;
	struct sock *sk;
	int ret = 0;

	if (skb->pkt_type != PACKET_HOST)
		goto discard_it;
	__TCP_INC_STATS(net, TCP_MIB_INSEGS);
	if (!pskb_may_pull(skb, sizeof(struct tcphdr)))
		goto discard_it;
	th = (const struct tcphdr *)(const void *)skb->data;
	if (th->doff < sizeof(struct tcphdr) / 4)
		goto bad_packet;
	if (!pskb_may_pull(skb, th->doff * 4U))
		goto discard_it;
	skb_reset_transport_header(skb);
	iph = ip_hdr(skb);
	if (tcp_v4_csum_bad(skb, iph))
		goto csum_error;
	th = tcp_hdr(skb);
	tcp_v4_fill_cb(skb, iph, th);

	sk = skb_steal_sock(skb);
	if (sk)
		goto found;
lookup:
	sk = __inet_lookup(net, iph->saddr, th->source, iph->daddr, th->dest,
			   skb->skb_iif ? skb->skb_iif : skb->dev->ifindex);
found:
	if (!sk)
		goto no_tcp_socket;

	if (sk->sk_state == TCP_TIME_WAIT)
		goto do_time_wait;

	if (sk->sk_state == TCP_NEW_SYN_RECV) {
		struct request_sock *req = (struct request_sock *)(void *)sk;
		struct sock *nsk;

		sk = req->rsk_listener;
		if (sk->sk_state != TCP_LISTEN) {
			/* a closed SO_REUSEPORT listener's: another of its
			 * group may take it (tcp_migrate_req) */
			nsk = reuseport_migrate_sock(sk, (struct sock *)req,
						     skb);
			if (!nsk) {
				inet_csk_reqsk_queue_drop_and_put(sk, req);
				goto lookup;
			}
			sk = nsk; /* held */
		} else {
			sock_hold(sk);
		}
		req->rsk_refcnt++;
		nsk = tcp_check_req(sk, skb, req);
		reqsk_put(req);
		if (!nsk) {
			sock_put(sk);
			goto discard_it;
		}
		if (nsk == sk) {
			tcp_v4_send_reset(sk, skb);
			sock_put(sk);
			goto discard_it;
		}
		sock_hold(nsk);
		if (tcp_child_process(sk, nsk, skb)) {
			tcp_v4_send_reset(nsk, skb);
			kfree_skb(skb);
		}
		sock_put(nsk);
		sock_put(sk);
		return 0;
	}

	if (inet_sk(sk)->min_ttl && iph->ttl < inet_sk(sk)->min_ttl) {
		__NET_INC_STATS(net, LINUX_MIB_TCPMINTTLDROP);
		goto discard_it;
	}
	if (sk->sk_state != TCP_LISTEN)
		sk_incoming_cpu_update(sk);
	tcp_sk(sk)->segs_in++;
	sock_hold(sk);
	bh_lock_sock(sk);
	if (!sock_owned_by_user(sk)) {
		bh_unlock_sock(sk);
		ret = tcp_v4_do_rcv(sk, skb);
	} else {
		if (sk_add_backlog(
			    sk, skb,
			    (unsigned int)(sk->sk_rcvbuf + sk->sk_sndbuf))) {
			bh_unlock_sock(sk);
			__NET_INC_STATS(net, LINUX_MIB_TCPBACKLOGDROP);
			sk->sk_drops++;
			sock_put(sk);
			goto discard_it;
		}
		bh_unlock_sock(sk);
	}
	sock_put(sk);
	return ret;

no_tcp_socket:
	tcp_v4_send_reset(NULL, skb);
discard_it:
	kfree_skb(skb);
	return 0;

bad_packet:
	__TCP_INC_STATS(net, TCP_MIB_INERRS);
	kfree_skb(skb);
	return 0;

csum_error:
	__TCP_INC_STATS(net, TCP_MIB_CSUMERRORS);
	__TCP_INC_STATS(net, TCP_MIB_INERRS);
	kfree_skb(skb);
	return 0;

do_time_wait : {
	struct inet_timewait_sock *tw = inet_twsk(sk);
	u32 isn = 0;

	switch (tcp_timewait_state_process(tw, skb, th, &isn)) {
	case TCP_TW_SYN: {
		struct sock *sk2 = __inet_lookup_listener(
			net, iph->saddr, th->source, iph->daddr,
			ntohs(th->dest), skb->dev->ifindex);

		if (sk2) {
			inet_twsk_deschedule_put(tw);
			TCP_SKB_CB(skb)->tcp_tw_isn = isn;
			sk = sk2;
			sock_hold(sk);
			tcp_v4_do_rcv(sk, skb);
			sock_put(sk);
			return 0;
		}
		goto discard_it;
	}
	case TCP_TW_ACK:
		tcp_v4_timewait_ack(sk, skb);
		break;
	case TCP_TW_RST:
		tcp_v4_send_reset(NULL, skb);
		inet_twsk_deschedule_put(tw);
		break;
	case TCP_TW_SUCCESS:
		break;
	}
	goto discard_it;
}
}

/*
 * tcp_v4_mtu_reduced - RFC 1191: an ICMP frag-needed said the path takes
 * only tp->mtu_info: the route learns it and, unless IP_MTU_DISCOVER says
 * otherwise, the MSS shrinks and what no longer fits is sent again at once
 */
void tcp_v4_mtu_reduced(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	struct dst_entry *dst;
	u32 mtu;

	if ((1 << sk->sk_state) & (TCPF_LISTEN | TCPF_CLOSE))
		return;
	mtu = tcp_sk(sk)->mtu_info;
	dst = inet_csk_update_pmtu(sk, mtu);
	if (!dst)
		return;
	/* the soft error, should the connection never recover */
	if (mtu < dst_mtu(dst) && ip_dont_fragment(sk, dst))
		sk->sk_err_soft = EMSGSIZE;
	mtu = dst_mtu(dst);
	if (inet->pmtudisc != IP_PMTUDISC_DONT && ip_sk_accept_pmtu(sk) &&
	    inet_csk(sk)->icsk_pmtu_cookie > mtu) {
		tcp_sync_mss(sk, mtu);
		tcp_simple_retransmit(sk);
	}
	/* else the retransmission timer deals with it */
}

/*
 * tcp_release_cb - what waited for the user to release the sock; slock
 * held, as Linux's, so that the common case (nothing) costs no lock round
 * trip; the PMTU work sends, so it runs without slock.
 */
void tcp_release_cb(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned long flags =
		tp->tsq_flags & (TCPF_TSQ_DEFERRED | TCPF_ACK_DEFERRED);

	if (!tp->mtu_reduced_deferred && !flags)
		return;
	tp->tsq_flags &= ~flags;
	spin_unlock(&sk->sk_lock.slock);
	/* TSQ: a TX completion came while the user owned the sock */
	if (flags & TCPF_TSQ_DEFERRED)
		tcp_tsq_deferred(sk);
	if (tp->mtu_reduced_deferred) {
		tp->mtu_reduced_deferred = 0;
		tcp_v4_mtu_reduced(sk);
	}
	/* tcp_backlog_ack_defer: one ACK for the whole backlog, unless
	 * what was sent meanwhile carried it */
	if ((flags & TCPF_ACK_DEFERRED) && inet_csk_ack_scheduled(sk))
		tcp_send_ack(sk);
	spin_lock(&sk->sk_lock.slock);
}

/* tcp_v4_err - an ICMP error about one of our segments (RFC 1122 4.2.3.9) */
int tcp_v4_err(struct sk_buff *skb, u32 info)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct tcphdr *th;
	struct tcp_sock *tp;
	unsigned int ihl;
	struct sock *sk;
	u32 seq;
	int err;

	if (skb->len < sizeof(struct iphdr))
		return -EINVAL;
	ihl = iph->ihl * 4U;
	if (ihl < sizeof(struct iphdr) || skb->len < ihl + 8)
		return -EINVAL;
	th = (const struct tcphdr *)(const void *)(skb->data + ihl);
	sk = __inet_lookup_established(net, iph->daddr, th->dest, iph->saddr,
				       ntohs(th->source), skb->dev->ifindex);
	if (!sk) {
		__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return -ENOENT;
	}
	if (sk->sk_state == TCP_TIME_WAIT || sk->sk_state == TCP_NEW_SYN_RECV)
		return 0;
	tp = tcp_sk(sk);
	if (sock_owned_by_user(sk) && !(icmph->type == ICMP_DEST_UNREACH &&
					icmph->code == ICMP_FRAG_NEEDED))
		NET_INC_STATS(net, LINUX_MIB_LOCKDROPPEDICMPS);
	/* RFC 5927 4.1: only an error about data in flight is believed */
	seq = ntohl(th->seq);
	if (sk->sk_state != TCP_LISTEN &&
	    !between(seq, tp->snd_una, tp->snd_nxt)) {
		NET_INC_STATS(net, LINUX_MIB_OUTOFWINDOWICMPS);
		return 0;
	}
	switch (icmph->type) {
	case ICMP_DEST_UNREACH:
		if (icmph->code > NR_ICMP_UNREACH)
			return 0;
		if (icmph->code == ICMP_FRAG_NEEDED) {
			/* RFC 1191; SYN-ACKs are small, listeners ignore it */
			if (sk->sk_state == TCP_LISTEN)
				return 0;
			tp->mtu_info = info;
			if (!sock_owned_by_user(sk))
				tcp_v4_mtu_reduced(sk);
			else
				tp->mtu_reduced_deferred = 1;
			return 0;
		}
		err = EHOSTUNREACH;
		if (icmph->code <= NR_ICMP_UNREACH)
			err = icmp_err_convert[icmph->code].errno_;
		break;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		break;
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	default:
		return 0;
	}
	if (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_SYN_RECV) {
		/* RFC 1122 4.2.3.9: hard errors abort a connection attempt */
		if (!sock_owned_by_user(sk)) {
			sk->sk_err = err;
			sk->sk_error_report(sk);
			tcp_done(sk);
		} else {
			sk->sk_err_soft = err;
		}
		return 0;
	}
	if (!sock_owned_by_user(sk) && inet_sk(sk)->recverr) {
		sk->sk_err = err;
		sk->sk_error_report(sk);
	} else {
		sk->sk_err_soft = err;
	}
	return 0;
}

/* ---- struct proto ---- */

static int tcp_v4_init_sock(struct sock *sk)
{
	return tcp_init_sock(sk);
}

static void tcp_v4_destroy_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	inet_csk_clear_xmit_timers(sk);
	del_timer(&tp->pacing_timer);
	del_timer(&tp->compressed_ack_timer);
	tcp_cleanup_congestion_control(sk);
	tcp_fastopen_destroy_sock(sk);
	tcp_write_queue_purge(sk);
	skb_queue_purge(&tp->out_of_order_queue);
	skb_queue_purge(&sk->sk_receive_queue);
	kfree(tp->sack);
	tp->sack = NULL;
	kfree(tp->saved_syn); /* tcp_saved_syn_free */
	tp->saved_syn = NULL;
	tp->rx_opt.num_sacks = 0;
	tp->rx_opt.dsack = 0;
	tcp_memory(sk)->sockets_allocated--; /* sk_sockets_allocated_dec */
	if (inet_csk(sk)->icsk_bind_hash)
		inet_put_port(sk);
	dst_release(sk->sk_rx_dst);
	sk->sk_rx_dst = NULL;
}

static int tcp_v4_get_port(struct sock *sk, unsigned short snum)
{
	return inet_csk_get_port(sk, snum);
}

struct proto tcp_prot = {
	.name = "TCP",
	.obj_size = sizeof(struct tcp_sock),
	.init = tcp_v4_init_sock,
	.destroy = tcp_v4_destroy_sock,
	.close = tcp_close,
	.pre_connect = NULL,
	.connect = tcp_v4_connect,
	.disconnect = tcp_disconnect,
	.ioctl = tcp_ioctl,
	.shutdown = tcp_shutdown,
	.setsockopt = tcp_setsockopt,
	.getsockopt = tcp_getsockopt,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
	.backlog_rcv = tcp_v4_do_rcv,
	.release_cb = tcp_release_cb,
	.keepalive = tcp_set_keepalive,
	.hash = inet_hash,
	.unhash = inet_unhash,
	.get_port = tcp_v4_get_port,
	.sysctl_rmem = NULL,
	.sysctl_wmem = NULL,
	.sysctl_rmem_offset = offsetof(struct net, ipv4.sysctl_tcp_rmem),
	.sysctl_wmem_offset = offsetof(struct net, ipv4.sysctl_tcp_wmem),
	.max_header = MAX_TCP_HEADER,
	.memory = tcp_memory,
	.enter_memory_pressure = tcp_enter_memory_pressure,
	.leave_memory_pressure = tcp_leave_memory_pressure,
};

const struct net_protocol tcp_protocol = {
	.handler = tcp_v4_rcv,
	.err_handler = tcp_v4_err,
	.no_policy = 1,
};

/* ---- /proc/net/tcp (Linux's format, tcp4_seq_show) ---- */

static u32 proc_timer_ticks(u64 expires, u64 now)
{
	/* "tm->when" is in clock ticks (USER_HZ, 100 on Linux) */
	if (expires <= now)
		return 0;
	return (u32)((expires - now) / (NSEC_PER_SEC / 100));
}

static void get_tcp4_sock(struct seq_file *f, struct sock *sk, int i)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct inet_sock *inet = inet_sk(sk);
	u64 now = ktime_get_ns(sock_net(sk)->st);
	int timer_active;
	u64 timer_expires;
	int rx_queue, state = sk->sk_state;
	char line[256];

	if (icsk->icsk_pending == ICSK_TIME_RETRANS ||
	    icsk->icsk_pending == ICSK_TIME_REO_TIMEOUT ||
	    icsk->icsk_pending == ICSK_TIME_LOSS_PROBE) {
		timer_active = 1;
		timer_expires = icsk->icsk_timeout;
	} else if (icsk->icsk_pending == ICSK_TIME_PROBE0) {
		timer_active = 4;
		timer_expires = icsk->icsk_timeout;
	} else if (timer_pending(&sk->sk_timer)) {
		timer_active = 2;
		timer_expires = sk->sk_timer.expires;
	} else {
		timer_active = 0;
		timer_expires = now;
	}
	if (state == TCP_LISTEN)
		rx_queue = (int)sk->sk_ack_backlog;
	else
		rx_queue = max_t(int, (int)(tp->rcv_nxt - tp->copied_seq), 0);
	(void)snprintf(
		line, sizeof(line),
		"%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5u %8d %lu %d %016lx %u %u %u %u %d",
		i, inet->inet_rcv_saddr, ntohs(inet->inet_sport),
		inet->inet_daddr, ntohs(inet->inet_dport), state,
		state == TCP_LISTEN ? 0U : tp->write_seq - tp->snd_una,
		(unsigned int)rx_queue, timer_active,
		proc_timer_ticks(timer_expires, now), icsk->icsk_retransmits,
		sock_i_uid(sk), icsk->icsk_probes_out, sock_i_ino(sk),
		sk->sk_refcnt, 0UL, icsk->icsk_rto / 10,
		icsk->icsk_ack.ato / 10,
		(icsk->icsk_ack.quick << 1) |
			(unsigned int)inet_csk_in_pingpong_mode(sk),
		tcp_snd_cwnd(tp),
		state == TCP_LISTEN
			? icsk->icsk_accept_queue->fastopenq.max_qlen
			: (tcp_in_slow_start(tp) ? -1 : (int)tp->snd_ssthresh));
	seq_printf(f, "%-149s\n", line);
}

static void get_timewait4_sock(struct seq_file *f,
			       const struct inet_timewait_sock *tw, int i)
{
	u64 now = ktime_get_ns(tw->tw_net->st);
	char line[256];

	(void)snprintf(
		line, sizeof(line),
		"%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016lx",
		i, tw->tw_rcv_saddr, ntohs(tw->tw_sport), tw->tw_daddr,
		ntohs(tw->tw_dport), tw->tw_substate, 0, 0, 3,
		proc_timer_ticks(tw->tw_expires, now), 0, 0, 0, 0, 3, 0UL);
	seq_printf(f, "%-149s\n", line);
}

static void get_openreq4(struct seq_file *f, const struct request_sock *req,
			 int i)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	u64 now = ktime_get_ns(req->rsk_listener->sk_net->st);
	char line[256];

	(void)snprintf(
		line, sizeof(line),
		"%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5u %8d %u %d %016lx",
		i, ireq->ir_loc_addr, ireq->ir_num, ireq->ir_rmt_addr,
		ntohs(ireq->ir_rmt_port), TCP_SYN_RECV, 0, 0, 1,
		proc_timer_ticks(req->rsk_timer.expires, now), req->num_timeout,
		sock_i_uid(req->rsk_listener), 0, 0U, 0, 0UL);
	seq_printf(f, "%-149s\n", line);
}

static int tcp4_seq_show(struct seq_file *f, void *v)
{
	struct net *net = seq_file_net(f);
	struct inet_hashinfo *h = net->ipv4.tcp_hashinfo;
	struct sock_common *skc;
	unsigned int b;
	int i = 0;

	(void)v;
	seq_printf(
		f, "%-*s\n", 149,
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode");
	if (!h)
		return 0;
	/* the tables are the stack's: this namespace's socks only */
	for (b = 0; b <= h->lhash_mask; b++)
		hlist_for_each_entry(skc, &h->lhash[b], skc_node)
			if (net_eq(skc->skc_net, net))
				get_tcp4_sock(f, (struct sock *)(void *)skc,
					      i++);
	for (b = 0; b <= h->ehash_mask && net->ipv4.tcp_ehash_count; b++) {
		hlist_for_each_entry(skc, &h->ehash[b], skc_node) {
			if (!net_eq(skc->skc_net, net))
				continue;
			if (skc->skc_state == TCP_TIME_WAIT)
				get_timewait4_sock(
					f,
					(const struct inet_timewait_sock
						 *)(const void *)skc,
					i++);
			else if (skc->skc_state == TCP_NEW_SYN_RECV)
				get_openreq4(f,
					     (const struct request_sock
						      *)(const void *)skc,
					     i++);
			else
				get_tcp4_sock(f, (struct sock *)(void *)skc,
					      i++);
		}
	}
	return 0;
}

/* ---- per-namespace state and sysctls ---- */

static int tcp_retr1_max = 255;
static int tcp_syn_retries_min = 1;
static int tcp_syn_retries_max = MAX_TCP_SYNCNT;
static int tcp_syn_linear_timeouts_max = MAX_TCP_SYNCNT;
static int tcp_tw_reuse_max = 2;
static int tcp_early_retrans_max = 4;
static int int_zero;
static int int_one = 1;
static int tcp_ecn_mode_max = TCP_ECN_MODE_MAX; /* AccECN's 3..5 not built */
static int tcp_app_win_max = 31;
static int tcp_pacing_ratio_max = 1000; /* Linux: ONE_THOUSAND */
static int tcp_min_snd_mss_min = TCP_MIN_SND_MSS;
static int tcp_min_snd_mss_max = 65535;
static int tcp_mtu_probing_max = 255; /* a u8 in Linux */
static int tcp_retrans_collapse_max = 255; /* a u8 in Linux */
/* Linux: UINT_MAX / HZ seconds, with the oracle's CONFIG_HZ=250 */
static int tcp_probe_interval_max = 17179869;
static int tcp_thin_linear_timeouts_max = 255; /* a u8 in Linux */
static int tcp_child_ehash_entries_max = 16 * 1024 * 1024;
/* the RTO bounds, pingpong, min-RTT window and TIME-WAIT reuse block */
static int tcp_rto_max_min = 1000; /* ms: Linux's TCP_RTO_MAX_MIN_SEC */
static int tcp_rto_max_max = (int)TCP_RTO_MAX;
static int tcp_min_rtt_wlen_max = 86400; /* one day */
static int tcp_pingpong_thresh_max = 255; /* a u8 in Linux */
static int tcp_tw_reuse_delay_max = 60000; /* TCP_PAWS_MSL, in ms */
static int tcp_u8_max = 255; /* Linux's proc_dou8vec_minmax */
static int tcp_adv_win_scale_min = -31;
static int tcp_adv_win_scale_max = 31;

static int tcp_sysctl_mem_vec(struct ctl_table *ctl, int write, char *buffer,
			      size_t *lenp, long *ppos)
{
	struct ctl_table tmp = *ctl;
	int vals[3], ret;

	memcpy(vals, ctl->data, sizeof(vals));
	tmp.data = vals;
	tmp.extra1 = &int_one;
	tmp.extra2 = NULL;
	ret = proc_dointvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (write && !ret)
		memcpy(ctl->data, vals, sizeof(vals));
	return ret;
}

static int tcp_sysctl_congestion_control(struct ctl_table *ctl, int write,
					 char *buffer, size_t *lenp, long *ppos)
{
	struct net *net = ctl->extra2;
	char val[TCP_CA_NAME_MAX];
	struct ctl_table tbl = {
		.data = val,
		.maxlen = TCP_CA_NAME_MAX,
		.mode = ctl->mode,
	};
	int ret;

	tcp_get_default_congestion_control(net, val);
	ret = proc_dostring(&tbl, write, buffer, lenp, ppos);
	if (write && ret == 0)
		ret = tcp_set_default_congestion_control(net, val);
	return ret;
}

static int tcp_sysctl_available_cc(struct ctl_table *ctl, int write,
				   char *buffer, size_t *lenp, long *ppos)
{
	char val[256];
	struct ctl_table tbl = {
		.data = val,
		.maxlen = sizeof(val),
		.mode = ctl->mode,
	};

	if (write)
		return -EPERM;
	tcp_get_available_congestion_control(val, sizeof(val));
	return proc_dostring(&tbl, write, buffer, lenp, ppos);
}

static int tcp_sysctl_allowed_cc(struct ctl_table *ctl, int write, char *buffer,
				 size_t *lenp, long *ppos)
{
	char val[256];
	struct ctl_table tbl = {
		.data = val,
		.maxlen = sizeof(val),
		.mode = ctl->mode,
	};
	int ret;

	tcp_get_allowed_congestion_control(val, sizeof(val));
	ret = proc_dostring(&tbl, write, buffer, lenp, ppos);
	if (write && ret == 0)
		ret = tcp_set_allowed_congestion_control(val);
	return ret;
}

/*
 * tcp_ehash_entries (read-only): the size of the namespace's established
 * hash; negative where the namespace shares the stack's table, as every
 * namespace but the initial one does (Linux's proc_tcp_ehash_entries)
 */
static int proc_tcp_ehash_entries(struct ctl_table *ctl, int write,
				  char *buffer, size_t *lenp, long *ppos)
{
	const struct net *net = ctl->extra2;
	int entries = (int)(net->ipv4.tcp_hashinfo->ehash_mask + 1);
	struct ctl_table tbl = {
		.data = &entries,
		.maxlen = sizeof(entries),
		.mode = ctl->mode,
	};

	if (!net_eq(net, net->st->init_net) && !net->ipv4.tcp_own_hashinfo)
		entries = -entries;
	return proc_dointvec(&tbl, write, buffer, lenp, ppos);
}

/* An int sysctl; tcp_sk_init() points it at the namespace's value */
#define TCP_INT(name, handler, min, max)                                 \
	{                                                                \
		.procname = (name), .maxlen = sizeof(int), .mode = 0644, \
		.proc_handler = (handler), .extra1 = (void *)(min),      \
		.extra2 = (void *)(max)                                  \
	}

static const struct ctl_table ipv4_tcp_table[] = {
	TCP_INT("tcp_timestamps", proc_dointvec_minmax, &int_zero,
		&tcp_tw_reuse_max),
	TCP_INT("tcp_sack", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_window_scaling", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_syn_retries", proc_dointvec_minmax, &tcp_syn_retries_min,
		&tcp_syn_retries_max),
	TCP_INT("tcp_syn_linear_timeouts", proc_dointvec_minmax, &int_zero,
		&tcp_syn_linear_timeouts_max),
	TCP_INT("tcp_synack_retries", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_retries1", proc_dointvec_minmax, NULL, &tcp_retr1_max),
	TCP_INT("tcp_retries2", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_orphan_retries", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_fin_timeout", proc_dointvec_jiffies, NULL, NULL),
	TCP_INT("tcp_keepalive_time", proc_dointvec_jiffies, NULL, NULL),
	TCP_INT("tcp_keepalive_probes", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_keepalive_intvl", proc_dointvec_jiffies, NULL, NULL),
	TCP_INT("tcp_max_syn_backlog", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_tw_reuse", proc_dointvec_minmax, &int_zero,
		&tcp_tw_reuse_max),
	TCP_INT("tcp_max_tw_buckets", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_challenge_ack_limit", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_rfc1337", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_abort_on_overflow", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_invalid_ratelimit", proc_dointvec_ms_jiffies, NULL, NULL),
	TCP_INT("tcp_min_snd_mss", proc_dointvec_minmax, &tcp_min_snd_mss_min,
		&tcp_min_snd_mss_max),
	TCP_INT("tcp_mtu_probing", proc_dointvec_minmax, &int_zero,
		&tcp_mtu_probing_max),
	TCP_INT("tcp_base_mss", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_mtu_probe_floor", proc_dointvec_minmax,
		&tcp_min_snd_mss_min, &tcp_min_snd_mss_max),
	TCP_INT("tcp_probe_threshold", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_probe_interval", proc_dointvec_minmax, &int_zero,
		&tcp_probe_interval_max),
	TCP_INT("tcp_slow_start_after_idle", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_moderate_rcvbuf", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_notsent_lowat", proc_douintvec, NULL, NULL),
	TCP_INT("tcp_syncookies", proc_dointvec_minmax, &int_zero,
		&tcp_tw_reuse_max),
	TCP_INT("tcp_dsack", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_reordering", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_recovery", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_early_retrans", proc_dointvec_minmax, &int_zero,
		&tcp_early_retrans_max),
	TCP_INT("tcp_frto", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_max_reordering", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_ecn", proc_dointvec_minmax, &int_zero, &tcp_ecn_mode_max),
	TCP_INT("tcp_ecn_fallback", proc_dointvec_minmax, &int_zero, &int_one),
	TCP_INT("tcp_fastopen", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_fastopen_blackhole_timeout_sec", proc_dointvec_minmax,
		&int_zero, NULL),
	TCP_INT("tcp_shrink_window", proc_dointvec_minmax, &int_zero, &int_one),
	TCP_INT("tcp_app_win", proc_dointvec_minmax, &int_zero,
		&tcp_app_win_max),
	TCP_INT("tcp_tso_win_divisor", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_min_tso_segs", proc_dointvec_minmax, &int_one, NULL),
	TCP_INT("tcp_retrans_collapse", proc_dointvec_minmax, &int_zero,
		&tcp_retrans_collapse_max),
	TCP_INT("tcp_pacing_ss_ratio", proc_dointvec_minmax, &int_zero,
		&tcp_pacing_ratio_max),
	TCP_INT("tcp_pacing_ca_ratio", proc_dointvec_minmax, &int_zero,
		&tcp_pacing_ratio_max),
	TCP_INT("tcp_early_demux", proc_dointvec_minmax, &int_zero, &int_one),
	TCP_INT("tcp_no_metrics_save", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_no_ssthresh_metrics_save", proc_dointvec_minmax, &int_zero,
		&int_one),
	TCP_INT("tcp_thin_linear_timeouts", proc_dointvec_minmax, &int_zero,
		&tcp_thin_linear_timeouts_max),
	TCP_INT("tcp_child_ehash_entries", proc_dointvec_minmax, &int_zero,
		&tcp_child_ehash_entries_max),
	/* read by tcp_init_sock() */
	TCP_INT("tcp_rto_min_us", proc_dointvec_minmax, &int_one, NULL),
	TCP_INT("tcp_rto_max_ms", proc_dointvec_minmax, &tcp_rto_max_min,
		&tcp_rto_max_max),
	TCP_INT("tcp_min_rtt_wlen", proc_dointvec_minmax, &int_zero,
		&tcp_min_rtt_wlen_max),
	TCP_INT("tcp_pingpong_thresh", proc_dointvec_minmax, &int_one,
		&tcp_pingpong_thresh_max),
	/* Linux's is a uint: -1 and values over INT_MAX are EINVAL alike */
	TCP_INT("tcp_tw_reuse_delay", proc_dointvec_minmax, &int_one,
		&tcp_tw_reuse_delay_max),
	/*
	 * Linux 6.18 registers these and reads them nowhere: FACK went in
	 * 4.18 (RACK replaced it), tcp_adv_win_scale in 6.6 (scaling_ratio
	 * replaced it).  Taking them with Linux's range checks is all the
	 * effect they have.
	 */
	TCP_INT("tcp_fack", proc_dointvec_minmax, &int_zero, &tcp_u8_max),
	TCP_INT("tcp_adv_win_scale", proc_dointvec_minmax,
		&tcp_adv_win_scale_min, &tcp_adv_win_scale_max),
	/* u8s in Linux */
	TCP_INT("tcp_stdurg", proc_dointvec_minmax, &int_zero, &tcp_u8_max),
	TCP_INT("tcp_workaround_signed_windows", proc_dointvec_minmax,
		&int_zero, &tcp_u8_max),
	/* SACK compression (tcp_input.c): a u8 and two unsigned longs */
	TCP_INT("tcp_comp_sack_nr", proc_dointvec_minmax, &int_zero,
		&tcp_u8_max),
	{ .procname = "tcp_comp_sack_delay_ns",
	  .maxlen = sizeof(unsigned long),
	  .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ .procname = "tcp_comp_sack_slack_ns",
	  .maxlen = sizeof(unsigned long),
	  .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	/* listeners: the SYN's DSCP and mark for SYN-ACK and child (u8s) */
	TCP_INT("tcp_reflect_tos", proc_dointvec_minmax, &int_zero, &int_one),
	TCP_INT("tcp_fwmark_accept", proc_dointvec_minmax, &int_zero,
		&tcp_u8_max),
	/* the send path: TSQ (an int, any value), autocorking and the TSO
	 * autosizing's RTT term (u8s in Linux) */
	TCP_INT("tcp_limit_output_bytes", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_autocorking", proc_dointvec_minmax, &int_zero, &int_one),
	TCP_INT("tcp_tso_rtt_log", proc_dointvec_minmax, &int_zero,
		&tcp_u8_max),
	TCP_INT("tcp_backlog_ack_defer", proc_dointvec_minmax, &int_zero,
		&int_one),
	/* SO_REUSEPORT: a closed listener's connections move (a u8) */
	TCP_INT("tcp_migrate_req", proc_dointvec_minmax, &int_zero, &int_one),
	{ .procname = "tcp_rmem",
	  .maxlen = 3 * sizeof(int),
	  .mode = 0644,
	  .proc_handler = tcp_sysctl_mem_vec },
	{ .procname = "tcp_wmem",
	  .maxlen = 3 * sizeof(int),
	  .mode = 0644,
	  .proc_handler = tcp_sysctl_mem_vec },
	{ .procname = "tcp_congestion_control",
	  .maxlen = TCP_CA_NAME_MAX,
	  .mode = 0644,
	  .proc_handler = tcp_sysctl_congestion_control },
	{ .procname = "tcp_available_congestion_control",
	  .maxlen = 256,
	  .mode = 0444,
	  .proc_handler = tcp_sysctl_available_cc },
	{ .procname = "tcp_allowed_congestion_control",
	  .maxlen = 256,
	  .mode = 0644,
	  .proc_handler = tcp_sysctl_allowed_cc },
	{ .procname = "tcp_fastopen_key",
	  .maxlen = 2 * (4 * 8 + 3) + 2,
	  .mode = 0600,
	  .proc_handler = proc_tcp_fastopen_key },
	{ .procname = "tcp_ehash_entries",
	  .maxlen = sizeof(int),
	  .mode = 0444,
	  .proc_handler = proc_tcp_ehash_entries },
	{ 0 }
};

/*
 * Rows Linux has in the initial namespace only (its global ipv4_table),
 * whose values are the stack's.  tcp_low_latency has done nothing since
 * Linux 4.14 (no prequeue left); Linux still takes any int for it.
 * tcp_max_orphans: tcp_check_oom().  tcp_mem: TCP's memory limits in
 * pages (struct proto_mem).
 */
static const struct ctl_table ipv4_tcp_global_table[] = {
	TCP_INT("tcp_low_latency", proc_dointvec, NULL, NULL),
	TCP_INT("tcp_max_orphans", proc_dointvec, NULL, NULL),
	{ .procname = "tcp_mem",
	  .maxlen = 3 * sizeof(long),
	  .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ 0 },
};

static int tcp_global_sysctl_init(struct net *net)
{
	struct inet_stack *is = inet_stack(net->st);
	struct ctl_table *t;

	if (!net_eq(net, net->st->init_net))
		return 0;
	t = kmemdup(ipv4_tcp_global_table, sizeof(ipv4_tcp_global_table),
		    GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	/* in ipv4_tcp_global_table[]'s order */
	t[0].data = &is->sysctl_tcp_low_latency;
	t[1].data = &is->sysctl_tcp_max_orphans;
	t[2].data = is->tcp_memory.sysctl_mem;
	net->ipv4.tcp_global_sysctl_hdr =
		register_net_sysctl(net, "net/ipv4", t);
	if (!net->ipv4.tcp_global_sysctl_hdr) {
		kfree(t);
		return -ENOMEM;
	}
	net->ipv4.tcp_global_sysctl_hdr->free_table = true;
	return 0;
}

static void tcp_sk_defaults(struct net *net)
{
	struct netns_ipv4 *n = &net->ipv4;

	n->sysctl_tcp_rmem[0] = TCP_RMEM_DEFAULT_MIN;
	n->sysctl_tcp_rmem[1] = TCP_RMEM_DEFAULT;
	n->sysctl_tcp_rmem[2] = TCP_RMEM_DEFAULT_MAX;
	n->sysctl_tcp_wmem[0] = TCP_WMEM_DEFAULT_MIN;
	n->sysctl_tcp_wmem[1] = TCP_WMEM_DEFAULT;
	n->sysctl_tcp_wmem[2] = TCP_WMEM_DEFAULT_MAX;
	n->sysctl_tcp_timestamps = 1;
	n->sysctl_tcp_sack = 1;
	n->sysctl_tcp_window_scaling = 1;
	n->sysctl_tcp_syn_retries = TCP_SYN_RETRIES;
	n->sysctl_tcp_syn_linear_timeouts = 4;
	n->sysctl_tcp_synack_retries = TCP_SYNACK_RETRIES;
	n->sysctl_tcp_retries1 = TCP_RETR1;
	n->sysctl_tcp_retries2 = TCP_RETR2;
	n->sysctl_tcp_orphan_retries = 0;
	n->sysctl_tcp_fin_timeout = TCP_FIN_TIMEOUT;
	n->sysctl_tcp_keepalive_time = (int)TCP_KEEPALIVE_TIME;
	n->sysctl_tcp_keepalive_probes = TCP_KEEPALIVE_PROBES;
	n->sysctl_tcp_keepalive_intvl = (int)TCP_KEEPALIVE_INTVL;
	/* as Linux's tcp_set_hashinfo(): from the ehash's size */
	n->sysctl_max_syn_backlog =
		max_t(int, 128, (int)((n->tcp_hashinfo->ehash_mask + 1) / 128));
	n->sysctl_tcp_tw_reuse = 2;
	n->sysctl_tcp_syncookies = 1;
	n->sysctl_tcp_max_tw_buckets =
		(int)((n->tcp_hashinfo->ehash_mask + 1) / 2);
	n->sysctl_tcp_challenge_ack_limit = INT_MAX;
	n->sysctl_tcp_min_snd_mss = TCP_MIN_SND_MSS;
	n->sysctl_tcp_mtu_probing = TCP_MTU_PROBING_DEFAULT;
	n->sysctl_tcp_base_mss = TCP_BASE_MSS;
	n->sysctl_tcp_mtu_probe_floor = TCP_MIN_SND_MSS;
	n->sysctl_tcp_probe_threshold = TCP_PROBE_THRESHOLD;
	n->sysctl_tcp_probe_interval = TCP_PROBE_INTERVAL;
	n->sysctl_tcp_slow_start_after_idle = 1;
	n->sysctl_tcp_adv_win_scale = 1;
	n->sysctl_tcp_moderate_rcvbuf = 1;
	n->sysctl_tcp_invalid_ratelimit = 500;
	n->sysctl_tcp_notsent_lowat =
		-1; /* UINT_MAX as proc_douintvec shows it */
	/* init_net: the build's default; any other namespace inherits
	 * init_net's as it is now (Linux's tcp_sk_init) */
	n->tcp_congestion_control =
		net_eq(net, net->st->init_net)
			? inet_stack(net->st)->tcp_cong_default
			: net->st->init_net->ipv4.tcp_congestion_control;
	n->sysctl_tcp_dsack = 1;
	n->sysctl_tcp_reordering = TCP_FASTRETRANS_THRESH;
	n->sysctl_tcp_recovery = TCP_RACK_LOSS_DETECTION;
	n->sysctl_tcp_early_retrans = 3;
	n->sysctl_tcp_frto = 2;
	n->sysctl_tcp_max_reordering = 300;
	n->sysctl_tcp_ecn = TCP_ECN_IN_ECN_OUT_NOECN;
	n->sysctl_tcp_ecn_fallback = 1;
	n->sysctl_tcp_shrink_window = 0;
	n->sysctl_tcp_app_win = 31;
	n->sysctl_tcp_tso_win_divisor = 3;
	n->sysctl_tcp_min_tso_segs = 2;
	n->sysctl_tcp_retrans_collapse = 1;
	n->sysctl_tcp_pacing_ss_ratio = 200;
	n->sysctl_tcp_pacing_ca_ratio = 120;
	n->sysctl_tcp_early_demux = 1;
	n->sysctl_tcp_nometrics_save = 0;
	n->sysctl_tcp_no_ssthresh_metrics_save = 1;
	n->sysctl_tcp_rto_min_us = (int)TCP_RTO_MIN * 1000;
	n->sysctl_tcp_rto_max_ms = (int)TCP_RTO_MAX;
	n->sysctl_tcp_min_rtt_wlen = 300;
	n->sysctl_tcp_pingpong_thresh = 1;
	n->sysctl_tcp_tw_reuse_delay = 1000;
	n->sysctl_tcp_comp_sack_nr = 44;
	n->sysctl_tcp_comp_sack_delay_ns = NSEC_PER_MSEC;
	n->sysctl_tcp_comp_sack_slack_ns = 100 * NSEC_PER_USEC;
	n->sysctl_tcp_limit_output_bytes = 4 << 20; /* 4 MiB since 6.16 */
	n->sysctl_tcp_autocorking = 1;
	n->sysctl_tcp_tso_rtt_log = 9; /* 2^9 us: 512 us */
	n->sysctl_tcp_backlog_ack_defer = 1;
}

/*
 * tcp_set_hashinfo - every namespace shares the stack's tables, as
 * Linux's share tcp_hashinfo, unless the namespace creating it set
 * tcp_child_ehash_entries: then it gets tables of its own, of that many
 * established buckets rounded up to a power of two (or, short of memory,
 * shares after all, as Linux falls back).
 */
static void tcp_set_hashinfo(struct net *net)
{
	const struct net *creator = current_net();
	unsigned int entries = 0;

	net->ipv4.tcp_hashinfo = inet_stack(net->st)->tcp_hashinfo;
	if (creator && creator != net && creator->st == net->st)
		entries = (unsigned int)
				  creator->ipv4.sysctl_tcp_child_ehash_entries;
	if (!entries)
		return;
	net->ipv4.tcp_own_hashinfo = inet_pernet_hashinfo_alloc(entries);
	if (net->ipv4.tcp_own_hashinfo)
		net->ipv4.tcp_hashinfo = net->ipv4.tcp_own_hashinfo;
}

static int tcp_sk_init(struct net *net)
{
	struct ctl_table *t;
	size_t i;

	tcp_set_hashinfo(net);
	tcp_sk_defaults(net);
	if (tcp_fastopen_net_init(net))
		goto err;
	t = kmemdup(ipv4_tcp_table, sizeof(ipv4_tcp_table), GFP_KERNEL);
	if (!t)
		goto err;
	{
		struct netns_ipv4 *n = &net->ipv4;
		/* in ipv4_tcp_table[]'s order */
		void *const data[] = {
			&n->sysctl_tcp_timestamps,
			&n->sysctl_tcp_sack,
			&n->sysctl_tcp_window_scaling,
			&n->sysctl_tcp_syn_retries,
			&n->sysctl_tcp_syn_linear_timeouts,
			&n->sysctl_tcp_synack_retries,
			&n->sysctl_tcp_retries1,
			&n->sysctl_tcp_retries2,
			&n->sysctl_tcp_orphan_retries,
			&n->sysctl_tcp_fin_timeout,
			&n->sysctl_tcp_keepalive_time,
			&n->sysctl_tcp_keepalive_probes,
			&n->sysctl_tcp_keepalive_intvl,
			&n->sysctl_max_syn_backlog,
			&n->sysctl_tcp_tw_reuse,
			&n->sysctl_tcp_max_tw_buckets,
			&n->sysctl_tcp_challenge_ack_limit,
			&n->sysctl_tcp_rfc1337,
			&n->sysctl_tcp_abort_on_overflow,
			&n->sysctl_tcp_invalid_ratelimit,
			&n->sysctl_tcp_min_snd_mss,
			&n->sysctl_tcp_mtu_probing,
			&n->sysctl_tcp_base_mss,
			&n->sysctl_tcp_mtu_probe_floor,
			&n->sysctl_tcp_probe_threshold,
			&n->sysctl_tcp_probe_interval,
			&n->sysctl_tcp_slow_start_after_idle,
			&n->sysctl_tcp_moderate_rcvbuf,
			&n->sysctl_tcp_notsent_lowat,
			&n->sysctl_tcp_syncookies,
			&n->sysctl_tcp_dsack,
			&n->sysctl_tcp_reordering,
			&n->sysctl_tcp_recovery,
			&n->sysctl_tcp_early_retrans,
			&n->sysctl_tcp_frto,
			&n->sysctl_tcp_max_reordering,
			&n->sysctl_tcp_ecn,
			&n->sysctl_tcp_ecn_fallback,
			&n->sysctl_tcp_fastopen,
			&n->sysctl_tcp_fastopen_blackhole_timeout,
			&n->sysctl_tcp_shrink_window,
			&n->sysctl_tcp_app_win,
			&n->sysctl_tcp_tso_win_divisor,
			&n->sysctl_tcp_min_tso_segs,
			&n->sysctl_tcp_retrans_collapse,
			&n->sysctl_tcp_pacing_ss_ratio,
			&n->sysctl_tcp_pacing_ca_ratio,
			&n->sysctl_tcp_early_demux,
			&n->sysctl_tcp_nometrics_save,
			&n->sysctl_tcp_no_ssthresh_metrics_save,
			&n->sysctl_tcp_thin_linear_timeouts,
			&n->sysctl_tcp_child_ehash_entries,
			&n->sysctl_tcp_rto_min_us,
			&n->sysctl_tcp_rto_max_ms,
			&n->sysctl_tcp_min_rtt_wlen,
			&n->sysctl_tcp_pingpong_thresh,
			&n->sysctl_tcp_tw_reuse_delay,
			&n->sysctl_tcp_fack,
			&n->sysctl_tcp_adv_win_scale,
			&n->sysctl_tcp_stdurg,
			&n->sysctl_tcp_workaround_signed_windows,
			&n->sysctl_tcp_comp_sack_nr,
			&n->sysctl_tcp_comp_sack_delay_ns,
			&n->sysctl_tcp_comp_sack_slack_ns,
			&n->sysctl_tcp_reflect_tos,
			&n->sysctl_tcp_fwmark_accept,
			&n->sysctl_tcp_limit_output_bytes,
			&n->sysctl_tcp_autocorking,
			&n->sysctl_tcp_tso_rtt_log,
			&n->sysctl_tcp_backlog_ack_defer,
			&n->sysctl_tcp_migrate_req,
			n->sysctl_tcp_rmem,
			n->sysctl_tcp_wmem,
		};

		for (i = 0; t[i].procname; i++) {
			if (i < ARRAY_SIZE(data))
				t[i].data = data[i];
			else
				t[i].extra2 = net; /* the congestion control */
		}
	}
	net->ipv4.tcp_sysctl_hdr = register_net_sysctl(net, "net/ipv4", t);
	if (!net->ipv4.tcp_sysctl_hdr) {
		kfree(t);
		goto err;
	}
	net->ipv4.tcp_sysctl_hdr->free_table = true;
	if (tcp_global_sysctl_init(net)) {
		unregister_net_sysctl_table(net->ipv4.tcp_sysctl_hdr);
		net->ipv4.tcp_sysctl_hdr = NULL;
		goto err;
	}
	return 0;
err:
	tcp_fastopen_net_exit(net);
	net->ipv4.tcp_hashinfo = NULL;
	inet_hashinfo_free(net->ipv4.tcp_own_hashinfo);
	net->ipv4.tcp_own_hashinfo = NULL;
	return -ENOMEM;
}

/*
 * tcp_purge_orphans - a namespace dies with the stack while connections
 * are still closing (orphans) or half open: they go now.  They do not
 * keep the dying namespace: their reference on it is dropped with it.
 */
static void tcp_purge_orphans(struct net *net)
{
	struct inet_hashinfo *h = net->ipv4.tcp_hashinfo;
	unsigned int i;

	/* the table is the stack's: walk it only if @net has socks there */
	for (i = 0; i <= h->ehash_mask && net->ipv4.tcp_ehash_count; i++) {
		struct sock_common *skc;
		struct hlist_node *n;

		hlist_for_each_entry_safe(skc, n, &h->ehash[i], skc_node) {
			struct sock *sk = (struct sock *)(void *)skc;

			if (!net_eq(skc->skc_net, net))
				continue;
			if (skc->skc_state == TCP_NEW_SYN_RECV) {
				struct request_sock *req =
					(struct request_sock *)(void *)skc;

				inet_csk_reqsk_queue_drop(req->rsk_listener,
							  req);
				continue;
			}
			if (skc->skc_state == TCP_TIME_WAIT ||
			    !sock_flag(sk, SOCK_DEAD))
				continue;
			sk->sk_net_refcnt = 0;
			tcp_set_state(sk, TCP_CLOSE);
			inet_csk_clear_xmit_timers(sk);
			inet_csk_destroy_sock(sk);
		}
	}
}

static void tcp_sk_exit(struct net *net)
{
	if (net->ipv4.tcp_hashinfo)
		tcp_purge_orphans(net);
	inet_twsk_purge(net);
	if (net->ipv4.tcp_sysctl_hdr)
		unregister_net_sysctl_table(net->ipv4.tcp_sysctl_hdr);
	net->ipv4.tcp_sysctl_hdr = NULL;
	if (net->ipv4.tcp_global_sysctl_hdr)
		unregister_net_sysctl_table(net->ipv4.tcp_global_sysctl_hdr);
	net->ipv4.tcp_global_sysctl_hdr = NULL;
	net->ipv4.tcp_hashinfo = NULL; /* the stack's: freed with it */
	/* its own, now empty: the purges above emptied it */
	inet_hashinfo_free(net->ipv4.tcp_own_hashinfo);
	net->ipv4.tcp_own_hashinfo = NULL;
	tcp_fastopen_net_exit(net);
}

static struct pernet_operations tcp_sk_ops = {
	.init = tcp_sk_init,
	.exit = tcp_sk_exit,
};

/*
 * tcp_init_mem - tcp_mem as Linux's tcp_init_mem() sets it, from the
 * free buffer pages of the machine that records Linux's behaviour
 * (TN_FREE_BUFFER_PAGES): a sixteenth of them is [1], three quarters of
 * that [0], twice [0] the hard limit
 */
static void tcp_init_mem(struct proto_mem *m)
{
	long limit = max_t(long, TN_FREE_BUFFER_PAGES / 16, 128);

	m->sysctl_mem[0] = limit / 4 * 3;
	m->sysctl_mem[1] = limit;
	m->sysctl_mem[2] = m->sysctl_mem[0] * 2;
}

/**
 * tcp_init - TCP's tables in every namespace, its sysctls, the
 *	congestion control registry and /proc/net/tcp (from inet_init)
 */
int tcp_init(struct tn_stack *st)
{
	int err;

	err = tcp_cong_init(st);
	if (err)
		return err;
	/* the tables, before any namespace hashes into them */
	inet_stack(st)->tcp_hashinfo = inet_hashinfo_alloc();
	if (!inet_stack(st)->tcp_hashinfo)
		return -ENOMEM;
	/* as Linux's tcp_init(): half the established hash's size */
	inet_stack(st)->sysctl_tcp_max_orphans =
		(int)((inet_stack(st)->tcp_hashinfo->ehash_mask + 1) / 2);
	tcp_init_mem(&inet_stack(st)->tcp_memory);
	err = register_pernet_subsys(&tcp_sk_ops);
	if (!err)
		err = tcp_metrics_init(st);
	if (err)
		return err;
	return proc_create_net_single("tcp", 0444, tcp4_seq_show);
}
