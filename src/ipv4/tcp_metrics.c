// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TCP metrics cache: what a connection learnt about its path (RTT,
 * RTT variance, ssthresh, cwnd, reordering) is kept per (source,
 * destination) address pair when it closes cleanly (tcp_update_metrics,
 * at TIME-WAIT or LAST-ACK -> CLOSED) and seeds the next connection to the
 * same peer (tcp_init_metrics: its first RTO, ssthresh, reordering, a
 * locked cwnd clamp).  The client's Fast Open cookies live in the same
 * entry.  Entries start from the route's metrics (rtt, rttvar, ssthresh,
 * cwnd, reordering and their locks) and go back to them after an hour.
 * One hash for the whole stack, as Linux has one for the kernel, with the
 * namespace in the key; a chain longer than TCP_METRICS_RECLAIM_DEPTH
 * recycles its oldest entry instead of growing, so the cache is bounded.
 * The TCP_METRICS generic netlink family (ip tcp_metrics) reads and
 * deletes entries.  IPv4 only, as the stack.
 * Linux: net/ipv4/tcp_metrics.c.
 */
#include <linux/tcp_metrics.h>

#include <net/genetlink.h>
#include <net/inet_connection_sock.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/tcp.h>

/* Linux stores RTT and RTTVAR in us only; the _US indexes are for users */
#define TCP_METRIC_MAX_KERNEL	  (TCP_METRIC_MAX - 2)

#define TCP_METRICS_TIMEOUT	  (3600ULL * MSEC_PER_SEC) /* ms: an hour */
#define TCP_METRICS_RECLAIM_DEPTH 5
#define TCP_METRICS_HASH_LOG	  14 /* Linux's for 512 MiB of RAM or more */
#define MSEC_PER_SEC		  1000ULL
#define USEC_PER_MSEC		  1000U
/* RFC 6298 5.7: the RTO when the handshake gave no RTT sample, ms */
#define TCP_TIMEOUT_FALLBACK 3000U

struct tcp_fastopen_metrics {
	u16 mss;
	u16 syn_loss : 10, /* recurring Fast Open SYN losses */
		try_exp : 2; /* request a cookie with the exp option */
	u64 last_syn_loss; /* ms */
	struct tcp_fastopen_cookie cookie;
};

struct tcp_metrics_block {
	struct tcp_metrics_block *tcpm_next;
	struct net *tcpm_net;
	__be32 tcpm_saddr;
	__be32 tcpm_daddr;
	u64 tcpm_stamp; /* ms: last saved or reset from the route */
	u32 tcpm_lock; /* 1 << TCP_METRIC_*: locked by the route */
	u32 tcpm_vals[TCP_METRIC_MAX_KERNEL + 1];
	struct tcp_fastopen_metrics tcpm_fastopen;
};

struct tcpm_hash {
	struct tcp_metrics_block **chain;
	unsigned int log;
};

static struct tcpm_hash *tcpm_hash(const struct net *net)
{
	return net->st->tcp_metrics;
}

static u64 tcpm_now(const struct net *net)
{
	return ktime_get_ns(net->st) / NSEC_PER_MSEC;
}

static bool tcp_metric_locked(const struct tcp_metrics_block *tm, int idx)
{
	return tm->tcpm_lock & (1U << idx);
}

static u32 tcp_metric_get(const struct tcp_metrics_block *tm, int idx)
{
	return tm->tcpm_vals[idx];
}

static void tcp_metric_set(struct tcp_metrics_block *tm, int idx, u32 val)
{
	tm->tcpm_vals[idx] = val;
}

/* The bucket of @daddr in @net (Linux: ipv4_addr_hash ^ net_hash_mix). */
static unsigned int tcpm_bucket(const struct net *net, __be32 daddr)
{
	u32 hash = (u32)daddr ^ net->cookie;

	return (hash * 0x61C88647U) >> (32 - tcpm_hash(net)->log);
}

/* tcpm_suck_dst - (re)start @tm from the route's metrics and locks */
static void tcpm_suck_dst(struct tcp_metrics_block *tm,
			  const struct dst_entry *dst, bool fastopen_clear)
{
	static const struct {
		int idx, rtax;
	} map[] = {
		{ TCP_METRIC_RTT, RTAX_RTT },
		{ TCP_METRIC_RTTVAR, RTAX_RTTVAR },
		{ TCP_METRIC_SSTHRESH, RTAX_SSTHRESH },
		{ TCP_METRIC_CWND, RTAX_CWND },
		{ TCP_METRIC_REORDERING, RTAX_REORDERING },
	};
	u32 lock = 0;
	size_t i;

	tm->tcpm_stamp = tcpm_now(tm->tcpm_net);
	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (dst_metric_locked(dst, map[i].rtax))
			lock |= 1U << map[i].idx;
	tm->tcpm_lock = lock;
	/* the route keeps rtt and rttvar in ms (scaled as TCP scales them) */
	tcp_metric_set(tm, TCP_METRIC_RTT,
		       dst_metric_raw(dst, RTAX_RTT) * USEC_PER_MSEC);
	tcp_metric_set(tm, TCP_METRIC_RTTVAR,
		       dst_metric_raw(dst, RTAX_RTTVAR) * USEC_PER_MSEC);
	tcp_metric_set(tm, TCP_METRIC_SSTHRESH,
		       dst_metric_raw(dst, RTAX_SSTHRESH));
	tcp_metric_set(tm, TCP_METRIC_CWND, dst_metric_raw(dst, RTAX_CWND));
	tcp_metric_set(tm, TCP_METRIC_REORDERING,
		       dst_metric_raw(dst, RTAX_REORDERING));
	if (fastopen_clear) {
		tm->tcpm_fastopen.mss = 0;
		tm->tcpm_fastopen.syn_loss = 0;
		tm->tcpm_fastopen.try_exp = 0;
		tm->tcpm_fastopen.cookie.exp = false;
		tm->tcpm_fastopen.cookie.len = 0;
	}
}

/* An hour after its last save an entry forgets back to the route. */
static void tcpm_check_stamp(struct tcp_metrics_block *tm,
			     const struct dst_entry *dst)
{
	if (tm && dst &&
	    tcpm_now(tm->tcpm_net) > tm->tcpm_stamp + TCP_METRICS_TIMEOUT)
		tcpm_suck_dst(tm, dst, false);
}

/*
 * __tcp_get_metrics - the entry of (@saddr, @daddr) in @net, or NULL;
 * *@deep: the chain is longer than TCP_METRICS_RECLAIM_DEPTH
 */
static struct tcp_metrics_block *__tcp_get_metrics(struct net *net,
						   __be32 saddr, __be32 daddr,
						   unsigned int hash,
						   bool *deep)
{
	struct tcp_metrics_block *tm;
	int depth = 0;

	for (tm = tcpm_hash(net)->chain[hash]; tm; tm = tm->tcpm_next) {
		if (tm->tcpm_saddr == saddr && tm->tcpm_daddr == daddr &&
		    tm->tcpm_net == net)
			return tm;
		depth++;
	}
	if (deep)
		*deep = depth > TCP_METRICS_RECLAIM_DEPTH;
	return NULL;
}

/* tcpm_new - a new entry, or the chain's oldest recycled when it is deep */
static struct tcp_metrics_block *tcpm_new(struct net *net,
					  const struct dst_entry *dst,
					  __be32 saddr, __be32 daddr,
					  unsigned int hash, bool reclaim)
{
	struct tcp_metrics_block **chain = &tcpm_hash(net)->chain[hash];
	struct tcp_metrics_block *tm;

	if (reclaim) {
		struct tcp_metrics_block *oldest = *chain;

		for (tm = oldest->tcpm_next; tm; tm = tm->tcpm_next)
			if (tm->tcpm_stamp < oldest->tcpm_stamp)
				oldest = tm;
		tm = oldest;
	} else {
		tm = kzalloc(sizeof(*tm), GFP_ATOMIC);
		if (!tm)
			return NULL;
	}
	tm->tcpm_net = net;
	tm->tcpm_saddr = saddr;
	tm->tcpm_daddr = daddr;
	tcpm_suck_dst(tm, dst, reclaim);
	if (!reclaim) {
		tm->tcpm_next = *chain;
		*chain = tm;
	}
	return tm;
}

static struct tcp_metrics_block *
tcp_get_metrics_addr(struct net *net, __be32 saddr, __be32 daddr,
		     const struct dst_entry *dst, bool create)
{
	unsigned int hash;
	struct tcp_metrics_block *tm;
	bool deep = false;

	if (!tcpm_hash(net) || !dst)
		return NULL;
	hash = tcpm_bucket(net, daddr);
	tm = __tcp_get_metrics(net, saddr, daddr, hash, &deep);
	if (!tm && create)
		return tcpm_new(net, dst, saddr, daddr, hash, deep);
	tcpm_check_stamp(tm, dst);
	return tm;
}

static struct tcp_metrics_block *
tcp_get_metrics(struct sock *sk, const struct dst_entry *dst, bool create)
{
	const struct inet_sock *inet = inet_sk(sk);

	return tcp_get_metrics_addr(sock_net(sk), inet->inet_saddr,
				    inet->inet_daddr, dst, create);
}

static bool tcp_in_initial_slowstart(const struct tcp_sock *tp)
{
	return tp->snd_ssthresh >= TCP_INFINITE_SSTHRESH;
}

/* tcp_update_ssthresh_cwnd - what the cwnd says, by congestion phase */
static void tcp_update_ssthresh_cwnd(struct sock *sk,
				     struct tcp_metrics_block *tm)
{
	const struct net *net = sock_net(sk);
	bool ssthresh_save = !net->ipv4.sysctl_tcp_no_ssthresh_metrics_save &&
			     !tcp_metric_locked(tm, TCP_METRIC_SSTHRESH);
	bool cwnd_save = !tcp_metric_locked(tm, TCP_METRIC_CWND);
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 cwnd = tcp_snd_cwnd(tp), val;

	if (tcp_in_initial_slowstart(tp)) {
		/* slow start never ended: a floor for both */
		val = tcp_metric_get(tm, TCP_METRIC_SSTHRESH);
		if (ssthresh_save && val && (cwnd >> 1) > val)
			tcp_metric_set(tm, TCP_METRIC_SSTHRESH, cwnd >> 1);
		if (cwnd_save && cwnd > tcp_metric_get(tm, TCP_METRIC_CWND))
			tcp_metric_set(tm, TCP_METRIC_CWND, cwnd);
	} else if (!tcp_in_slow_start(tp) &&
		   inet_csk(sk)->icsk_ca_state == TCP_CA_Open) {
		/* congestion avoidance: cwnd is reliable */
		if (ssthresh_save)
			tcp_metric_set(tm, TCP_METRIC_SSTHRESH,
				       max_t(u32, cwnd >> 1, tp->snd_ssthresh));
		if (cwnd_save)
			tcp_metric_set(
				tm, TCP_METRIC_CWND,
				(tcp_metric_get(tm, TCP_METRIC_CWND) + cwnd) >>
					1);
	} else {
		/* in recovery or back in slow start: cwnd means nothing,
		 * ssthresh may be wrong too */
		if (cwnd_save)
			tcp_metric_set(tm, TCP_METRIC_CWND,
				       (tcp_metric_get(tm, TCP_METRIC_CWND) +
					tp->snd_ssthresh) >>
					       1);
		val = tcp_metric_get(tm, TCP_METRIC_SSTHRESH);
		if (ssthresh_save && val && tp->snd_ssthresh > val)
			tcp_metric_set(tm, TCP_METRIC_SSTHRESH,
				       tp->snd_ssthresh);
		val = tcp_metric_get(tm, TCP_METRIC_REORDERING);
		if (!tcp_metric_locked(tm, TCP_METRIC_REORDERING) &&
		    val < tp->reordering &&
		    tp->reordering != (u32)net->ipv4.sysctl_tcp_reordering)
			tcp_metric_set(tm, TCP_METRIC_REORDERING,
				       tp->reordering);
	}
}

/**
 * tcp_update_metrics - save what @sk learnt about its path
 * Context: the connection finished cleanly (TIME-WAIT, or LAST-ACK to
 *	CLOSED).  Nothing is saved under tcp_no_metrics_save; a
 *	connection without an RTT sample (or backed off) only clears the
 *	saved RTT.  A bigger RTT replaces the saved one, a smaller one is
 *	blended in by 1/8: overestimating is the safe side.
 */
void tcp_update_metrics(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct dst_entry *dst = sk->sk_dst_cache;
	const struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct tcp_metrics_block *tm;
	u32 rtt;
	int m;

	if (net->ipv4.sysctl_tcp_nometrics_save || !dst)
		return;
	if (icsk->icsk_backoff || !tp->srtt_us) {
		/* no RTT estimate: probably nothing came back in time */
		tm = tcp_get_metrics(sk, dst, false);
		if (tm && !tcp_metric_locked(tm, TCP_METRIC_RTT))
			tcp_metric_set(tm, TCP_METRIC_RTT, 0);
		return;
	}
	tm = tcp_get_metrics(sk, dst, true);
	if (!tm)
		return;
	rtt = tcp_metric_get(tm, TCP_METRIC_RTT);
	m = (int)(rtt - tp->srtt_us);
	if (!tcp_metric_locked(tm, TCP_METRIC_RTT)) {
		if (m <= 0)
			rtt = tp->srtt_us;
		else
			rtt -= (u32)m >> 3;
		tcp_metric_set(tm, TCP_METRIC_RTT, rtt);
	}
	if (!tcp_metric_locked(tm, TCP_METRIC_RTTVAR)) {
		u32 var;

		if (m < 0)
			m = -m;
		m >>= 1; /* to rttvar's fixed point */
		if ((u32)m < tp->mdev_us)
			m = (int)tp->mdev_us;
		var = tcp_metric_get(tm, TCP_METRIC_RTTVAR);
		if ((u32)m >= var)
			var = (u32)m;
		else
			var -= (var - (u32)m) >> 2;
		tcp_metric_set(tm, TCP_METRIC_RTTVAR, var);
	}
	tcp_update_ssthresh_cwnd(sk, tm);
	tm->tcpm_stamp = tcpm_now(net);
}

/**
 * tcp_init_metrics - seed a new connection from its peer's entry
 * Context: the connection is established (tcp_init_transfer).
 * ssthresh goes back to infinity (the handshake may have cut it), then
 * takes the saved one (unless tcp_no_ssthresh_metrics_save); a locked
 * cwnd clamps the window; the saved RTT, when above the handshake's,
 * sets the first RTO (the estimator itself starts from the samples);
 * no sample and no entry: RTO 3 s (RFC 6298 5.7).
 */
void tcp_init_metrics(struct sock *sk)
{
	const struct dst_entry *dst = sk->sk_dst_cache;
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct tcp_metrics_block *tm;
	u32 val, crtt = 0; /* the saved RTT, us << 3 */

	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	tm = dst ? tcp_get_metrics(sk, dst, false) : NULL;
	if (tm) {
		if (tcp_metric_locked(tm, TCP_METRIC_CWND))
			tp->snd_cwnd_clamp =
				tcp_metric_get(tm, TCP_METRIC_CWND);
		val = net->ipv4.sysctl_tcp_no_ssthresh_metrics_save
			      ? 0
			      : tcp_metric_get(tm, TCP_METRIC_SSTHRESH);
		if (val) {
			tp->snd_ssthresh = val;
			if (tp->snd_ssthresh > tp->snd_cwnd_clamp)
				tp->snd_ssthresh = tp->snd_cwnd_clamp;
		}
		val = tcp_metric_get(tm, TCP_METRIC_REORDERING);
		if (val && tp->reordering != val)
			tp->reordering = val;
		crtt = tcp_metric_get(tm, TCP_METRIC_RTT);
	}
	if (crtt > tp->srtt_us) {
		/* the RTO as tcp_rtt_estimator would set it, from the cache */
		crtt /= 8 * USEC_PER_MSEC;
		inet_csk(sk)->icsk_rto =
			crtt + max_t(u32, 2 * crtt, tcp_rto_min(sk));
	} else if (!tp->srtt_us) {
		tp->rttvar_us = TCP_TIMEOUT_FALLBACK * USEC_PER_MSEC;
		tp->mdev_us = tp->mdev_max_us = tp->rttvar_us;
		inet_csk(sk)->icsk_rto = TCP_TIMEOUT_FALLBACK;
	}
}

/**
 * tcp_peer_is_proven - has the peer of @req an RTT in the cache?  Without
 * SYN cookies the last quarter of the SYN backlog is kept for these.
 * @dst: the request's route; NULL looks in the listener's namespace
 */
bool tcp_peer_is_proven(struct request_sock *req, struct dst_entry *dst)
{
	const struct inet_request_sock *ireq = inet_rsk(req);
	struct net *net = sock_net(req->rsk_listener);
	struct tcp_metrics_block *tm;

	if (!tcpm_hash(net))
		return false;
	tm = __tcp_get_metrics(net, ireq->ir_loc_addr, ireq->ir_rmt_addr,
			       tcpm_bucket(net, ireq->ir_rmt_addr), NULL);
	tcpm_check_stamp(tm, dst);
	return tm && tcp_metric_get(tm, TCP_METRIC_RTT);
}

/* tcp_fastopen_cache_get - the server's MSS and cookie, as we last saw them */
void tcp_fastopen_cache_get(struct sock *sk, u16 *mss,
			    struct tcp_fastopen_cookie *cookie)
{
	const struct tcp_metrics_block *tm =
		tcp_get_metrics(sk, sk->sk_dst_cache, false);
	const struct tcp_fastopen_metrics *tfom;

	if (!tm)
		return;
	tfom = &tm->tcpm_fastopen;
	if (tfom->mss)
		*mss = tfom->mss;
	*cookie = tfom->cookie;
	if (cookie->len <= 0 && tfom->try_exp == 1)
		cookie->exp = true;
}

/* tcp_fastopen_cache_set - what a SYN-ACK taught us about the server */
void tcp_fastopen_cache_set(struct sock *sk, u16 mss,
			    const struct tcp_fastopen_cookie *cookie,
			    bool syn_lost, u16 try_exp)
{
	struct tcp_metrics_block *tm =
		tcp_get_metrics(sk, sk->sk_dst_cache, true);
	struct tcp_fastopen_metrics *tfom;

	if (!tm)
		return;
	tfom = &tm->tcpm_fastopen;
	if (mss)
		tfom->mss = mss;
	if (cookie && cookie->len > 0)
		tfom->cookie = *cookie;
	else if (try_exp > tfom->try_exp && tfom->cookie.len <= 0 &&
		 !tfom->cookie.exp)
		tfom->try_exp = try_exp & 3;
	if (syn_lost) {
		tfom->syn_loss++;
		tfom->last_syn_loss = tcpm_now(sock_net(sk));
	} else {
		tfom->syn_loss = 0;
	}
}

/* ---- the TCP_METRICS generic netlink family ---- */

static const struct genl_family tcp_metrics_nl_family;

static int tcp_metrics_fill_info(struct sk_buff *msg,
				 const struct tcp_metrics_block *tm)
{
	const struct tcp_fastopen_metrics *tfom = &tm->tcpm_fastopen;
	u64 now = tcpm_now(tm->tcpm_net);
	struct nlattr *nest;
	int i, n = 0;

	if (nla_put_in_addr(msg, TCP_METRICS_ATTR_ADDR_IPV4, tm->tcpm_daddr) ||
	    nla_put_in_addr(msg, TCP_METRICS_ATTR_SADDR_IPV4, tm->tcpm_saddr) ||
	    nla_put_u64_64bit(msg, TCP_METRICS_ATTR_AGE, now - tm->tcpm_stamp,
			      TCP_METRICS_ATTR_PAD))
		return -EMSGSIZE;
	nest = nla_nest_start_noflag(msg, TCP_METRICS_ATTR_VALS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < TCP_METRIC_MAX_KERNEL + 1; i++) {
		u32 val = tcp_metric_get(tm, i);

		if (!val)
			continue;
		/* rtt and rttvar: in us as _US, then in ms (at least 1) */
		if (i == TCP_METRIC_RTT || i == TCP_METRIC_RTTVAR) {
			if (nla_put_u32(msg,
					(i == TCP_METRIC_RTT
						 ? TCP_METRIC_RTT_US
						 : TCP_METRIC_RTTVAR_US) +
						1,
					val))
				return -EMSGSIZE;
			n++;
			val = max_t(u32, val / 1000, 1);
		}
		if (nla_put_u32(msg, i + 1, val))
			return -EMSGSIZE;
		n++;
	}
	if (n)
		nla_nest_end(msg, nest);
	else
		nla_nest_cancel(msg, nest);
	if (tfom->mss &&
	    nla_put_u16(msg, TCP_METRICS_ATTR_FOPEN_MSS, tfom->mss))
		return -EMSGSIZE;
	if (tfom->syn_loss &&
	    (nla_put_u16(msg, TCP_METRICS_ATTR_FOPEN_SYN_DROPS,
			 tfom->syn_loss) ||
	     nla_put_u64_64bit(msg, TCP_METRICS_ATTR_FOPEN_SYN_DROP_TS,
			       now - tfom->last_syn_loss,
			       TCP_METRICS_ATTR_PAD)))
		return -EMSGSIZE;
	if (tfom->cookie.len > 0 && nla_put(msg, TCP_METRICS_ATTR_FOPEN_COOKIE,
					    tfom->cookie.len, tfom->cookie.val))
		return -EMSGSIZE;
	return 0;
}

/* tcp_metrics_nl_dump - cb->args[0]: the bucket, [1]: the place in it */
static int tcp_metrics_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct tcpm_hash *h = tcpm_hash(net);
	unsigned int max_rows = 1U << h->log, row;
	long s_col = cb->args[1], col = s_col;

	for (row = (unsigned int)cb->args[0]; row < max_rows;
	     row++, s_col = 0) {
		const struct tcp_metrics_block *tm;

		for (col = 0, tm = h->chain[row]; tm;
		     tm = tm->tcpm_next, col++) {
			void *hdr;

			if (tm->tcpm_net != net || col < s_col)
				continue;
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq,
					  &tcp_metrics_nl_family, NLM_F_MULTI,
					  TCP_METRICS_CMD_GET);
			if (!hdr)
				goto done;
			if (tcp_metrics_fill_info(skb, tm) < 0) {
				genlmsg_cancel(skb, hdr);
				goto done;
			}
			genlmsg_end(skb, hdr);
		}
	}
done:
	cb->args[0] = row;
	cb->args[1] = col;
	return (int)skb->len;
}

/* parse_nl_addr - the request's address of kind @v4 (IPv6: -EAFNOSUPPORT
 * here, as there is none to match); 1 if absent and @optional */
static int parse_nl_addr(const struct genl_info *info, __be32 *addr,
			 int optional, int v4, int v6)
{
	const struct nlattr *a = info->attrs[v4];

	if (a) {
		*addr = nla_get_in_addr(a);
		return 0;
	}
	a = info->attrs[v6];
	if (a) {
		if (nla_len(a) != (int)sizeof(struct in6_addr))
			return -EINVAL;
		return -ESRCH; /* no IPv6 entries exist */
	}
	return optional ? 1 : -EAFNOSUPPORT;
}

static int tcp_metrics_nl_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	const struct tcp_metrics_block *tm;
	__be32 saddr = 0, daddr;
	struct sk_buff *msg;
	bool src = true;
	void *reply;
	int ret;

	(void)skb;
	ret = parse_nl_addr(info, &daddr, 0, TCP_METRICS_ATTR_ADDR_IPV4,
			    TCP_METRICS_ATTR_ADDR_IPV6);
	if (ret < 0)
		return ret;
	if (parse_nl_addr(info, &saddr, 0, TCP_METRICS_ATTR_SADDR_IPV4,
			  TCP_METRICS_ATTR_SADDR_IPV6) < 0)
		src = false;
	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	reply = genlmsg_put_reply(msg, info, &tcp_metrics_nl_family, 0,
				  info->genlhdr->cmd);
	if (!reply) {
		ret = -EMSGSIZE;
		goto out_free;
	}
	ret = -ESRCH;
	for (tm = tcpm_hash(net)->chain[tcpm_bucket(net, daddr)]; tm;
	     tm = tm->tcpm_next) {
		if (tm->tcpm_daddr == daddr &&
		    (!src || tm->tcpm_saddr == saddr) && tm->tcpm_net == net) {
			ret = tcp_metrics_fill_info(msg, tm);
			break;
		}
	}
	if (ret < 0)
		goto out_free;
	genlmsg_end(msg, reply);
	return genlmsg_reply(msg, info);

out_free:
	kfree_skb(msg);
	return ret;
}

/* tcp_metrics_flush_all - every entry of @net (NULL: of every namespace) */
static void tcp_metrics_flush_all(struct tcpm_hash *h, const struct net *net)
{
	unsigned int row;

	for (row = 0; row < 1U << h->log; row++) {
		struct tcp_metrics_block **pp = &h->chain[row], *tm;

		while ((tm = *pp)) {
			if (!net || tm->tcpm_net == net) {
				*pp = tm->tcpm_next;
				kfree(tm);
			} else {
				pp = &tm->tcpm_next;
			}
		}
	}
}

static int tcp_metrics_nl_cmd_del(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct tcp_metrics_block **pp, *tm;
	__be32 saddr = 0, daddr;
	bool src = true, found = false;
	int ret;

	(void)skb;
	ret = parse_nl_addr(info, &daddr, 1, TCP_METRICS_ATTR_ADDR_IPV4,
			    TCP_METRICS_ATTR_ADDR_IPV6);
	if (ret < 0)
		return ret;
	if (ret > 0) { /* no address: all of the namespace */
		tcp_metrics_flush_all(tcpm_hash(net), net);
		return 0;
	}
	if (parse_nl_addr(info, &saddr, 0, TCP_METRICS_ATTR_SADDR_IPV4,
			  TCP_METRICS_ATTR_SADDR_IPV6) < 0)
		src = false;
	pp = &tcpm_hash(net)->chain[tcpm_bucket(net, daddr)];
	while ((tm = *pp)) {
		if (tm->tcpm_daddr == daddr &&
		    (!src || tm->tcpm_saddr == saddr) && tm->tcpm_net == net) {
			*pp = tm->tcpm_next;
			kfree(tm);
			found = true;
		} else {
			pp = &tm->tcpm_next;
		}
	}
	return found ? 0 : -ESRCH;
}

static const struct nla_policy tcp_metrics_nl_policy[TCP_METRICS_ATTR_MAX +
						     1] = {
	[TCP_METRICS_ATTR_ADDR_IPV4] = { .type = NLA_U32 },
	[TCP_METRICS_ATTR_ADDR_IPV6] = { .type = NLA_BINARY,
					 .len = sizeof(struct in6_addr) },
	[TCP_METRICS_ATTR_SADDR_IPV4] = { .type = NLA_U32 },
	[TCP_METRICS_ATTR_SADDR_IPV6] = { .type = NLA_BINARY,
					  .len = sizeof(struct in6_addr) },
};

static const struct genl_ops tcp_metrics_nl_ops[] = {
	{
		.cmd = TCP_METRICS_CMD_GET,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.doit = tcp_metrics_nl_cmd_get,
		.dumpit = tcp_metrics_nl_dump,
	},
	{
		.cmd = TCP_METRICS_CMD_DEL,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.doit = tcp_metrics_nl_cmd_del,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_family tcp_metrics_nl_family = {
	.name = TCP_METRICS_GENL_NAME,
	.version = TCP_METRICS_GENL_VERSION,
	.maxattr = TCP_METRICS_ATTR_MAX,
	.policy = tcp_metrics_nl_policy,
	.netnsok = true,
	.ops = tcp_metrics_nl_ops,
	.n_ops = ARRAY_SIZE(tcp_metrics_nl_ops),
	.resv_start_op = TCP_METRICS_CMD_DEL + 1,
};

/* ---- for tests ---- */

/* tcp_metrics_count - how many entries @net has */
unsigned int tcp_metrics_count(struct net *net)
{
	struct tcpm_hash *h = tcpm_hash(net);
	const struct tcp_metrics_block *tm;
	unsigned int row, n = 0;

	for (row = 0; h && row < 1U << h->log; row++)
		for (tm = h->chain[row]; tm; tm = tm->tcpm_next)
			n += tm->tcpm_net == net;
	return n;
}

/* tcp_metrics_touch - the entry of (@saddr, @daddr) made if missing, as a
 * closing connection makes it: false if there is none */
bool tcp_metrics_touch(struct net *net, __be32 saddr, __be32 daddr,
		       const struct dst_entry *dst)
{
	return tcp_get_metrics_addr(net, saddr, daddr, dst, true);
}

/* ---- init ---- */

static void tcp_net_metrics_exit(struct net *net)
{
	if (tcpm_hash(net))
		tcp_metrics_flush_all(tcpm_hash(net), net);
}

static struct pernet_operations tcp_net_metrics_ops = {
	.exit = tcp_net_metrics_exit,
};

/**
 * tcp_metrics_init - the stack's hash and the TCP_METRICS family
 * Context: tcp_init.  Return: 0 or -errno.
 */
int tcp_metrics_init(struct tn_stack *st)
{
	struct tcpm_hash *h = kzalloc(sizeof(*h), GFP_KERNEL);
	int err;

	if (!h)
		return -ENOMEM;
	h->log = TCP_METRICS_HASH_LOG;
	h->chain = kzalloc(sizeof(struct tcp_metrics_block *) << h->log,
			   GFP_KERNEL);
	if (!h->chain) {
		kfree(h);
		return -ENOMEM;
	}
	st->tcp_metrics = h;
	err = register_pernet_subsys(&tcp_net_metrics_ops);
	if (!err) {
		err = genl_register_family(&tcp_metrics_nl_family);
		if (err)
			unregister_pernet_subsys(&tcp_net_metrics_ops);
	}
	if (err)
		tcp_metrics_exit(st);
	return err;
}

void tcp_metrics_exit(struct tn_stack *st)
{
	struct tcpm_hash *h = st->tcp_metrics;

	genl_unregister_family(&tcp_metrics_nl_family);
	unregister_pernet_subsys(&tcp_net_metrics_ops);
	if (!h)
		return;
	tcp_metrics_flush_all(h, NULL);
	kfree(h->chain);
	kfree(h);
	st->tcp_metrics = NULL;
}
