// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP's lookup tables: bind buckets (who uses a local port), listeners by
 * port, and the established hash, which also holds TIME-WAIT socks and
 * request socks in SYN-RECV.  Port selection for connect() as Linux's
 * __inet_hash_connect().  Linux: net/ipv4/inet_hashtables.c.
 */
#include <net/inet_hashtables.h>
#include <net/net_namespace.h>
#include <net/tcp.h>

struct inet_hashinfo *inet_hashinfo_alloc(void)
{
	struct inet_hashinfo *h = kzalloc(sizeof(*h), GFP_KERNEL);

	if (h)
		spin_lock_init(&h->lock);
	return h;
}

void inet_hashinfo_free(struct inet_hashinfo *h)
{
	if (!h)
		return;
	mutex_destroy(&h->lock);
	kfree(h);
}

static struct inet_hashinfo *hinfo(const struct net *net)
{
	return net->ipv4.tcp_hashinfo;
}

/*
 * A keyed hash of the 4-tuple (the key is the stack's RFC 6528 secret),
 * so that a peer cannot aim its connections at one chain.
 */
unsigned int inet_ehashfn(const struct net *net, __be32 laddr, u16 lport,
			  __be32 faddr, __be16 fport)
{
	u32 h = secure_tcp_seq(net, laddr, faddr, htons(lport), fport);

	return h & (INET_EHASH_SIZE - 1);
}

void inet_get_local_port_range(const struct net *net, int *low, int *high)
{
	*low = net->ipv4.sysctl_ip_local_port_range[0];
	*high = net->ipv4.sysctl_ip_local_port_range[1];
	if (*low <= 0 || *high < *low || *high > 65535) {
		*low = 32768;
		*high = 60999;
	}
}

struct inet_bind_bucket *inet_bind_bucket_create(struct inet_hashinfo *h,
						 struct net *net,
						 unsigned short snum)
{
	struct inet_bind_bucket *tb = kzalloc(sizeof(*tb), GFP_KERNEL);

	if (!tb)
		return NULL;
	tb->ib_net = net;
	tb->port = snum;
	tb->fastreuse = 0;
	INIT_HLIST_NODE(&tb->node);
	hlist_add_head(&tb->node, &h->bhash[inet_bhashfn(snum)]);
	return tb;
}

void inet_bind_bucket_destroy(struct inet_bind_bucket *tb)
{
	if (tb->owners.first)
		return;
	hlist_del_init(&tb->node);
	kfree(tb);
}

void inet_bind_hash(struct sock *sk, struct inet_bind_bucket *tb,
		    unsigned short snum)
{
	inet_sk(sk)->inet_num = snum;
	hlist_add_head(&sk->sk_bind_node, &tb->owners);
	inet_csk(sk)->icsk_bind_hash = tb;
}

void inet_put_port(struct sock *sk)
{
	struct inet_bind_bucket *tb = inet_csk(sk)->icsk_bind_hash;

	if (!tb)
		return;
	hlist_del_init(&sk->sk_bind_node);
	inet_csk(sk)->icsk_bind_hash = NULL;
	inet_sk(sk)->inet_num = 0;
	inet_bind_bucket_destroy(tb);
}

/* ---- lookup ---- */

struct sock *__inet_lookup_established(struct net *net, __be32 saddr,
				       __be16 sport, __be32 daddr, u16 hnum,
				       int dif)
{
	struct inet_hashinfo *h = hinfo(net);
	struct sock_common *skc;
	struct hlist_head *head;

	if (!h)
		return NULL;
	head = &h->ehash[inet_ehashfn(net, daddr, hnum, saddr, sport)];
	hlist_for_each_entry(skc, head, skc_node) {
		if (skc->skc_num == hnum && skc->skc_dport == sport &&
		    skc->skc_daddr == saddr && skc->skc_rcv_saddr == daddr &&
		    (!skc->skc_bound_dev_if || skc->skc_bound_dev_if == dif))
			return (struct sock *)(void *)skc;
	}
	return NULL;
}

/* compute_score - a listener's match: -1 none; exact address beats any */
static int compute_score(const struct sock *sk, __be32 daddr, u16 hnum, int dif)
{
	int score = 1;

	if (inet_sk(sk)->inet_num != hnum)
		return -1;
	if (inet_sk(sk)->inet_rcv_saddr) {
		if (inet_sk(sk)->inet_rcv_saddr != daddr)
			return -1;
		score += 4;
	}
	if (sk->sk_bound_dev_if) {
		if (sk->sk_bound_dev_if != dif)
			return -1;
		score += 4;
	}
	return score;
}

struct sock *__inet_lookup_listener(struct net *net, __be32 saddr, __be16 sport,
				    __be32 daddr, u16 hnum, int dif)
{
	struct inet_hashinfo *h = hinfo(net);
	struct sock *sk, *result = NULL;
	int hiscore = 0, score;

	(void)saddr;
	(void)sport;
	if (!h)
		return NULL;
	hlist_for_each_entry(sk, &h->lhash[inet_lhashfn(hnum)], sk_node) {
		score = compute_score(sk, daddr, hnum, dif);
		if (score > hiscore) {
			result = sk;
			hiscore = score;
		}
	}
	return result;
}

struct sock *__inet_lookup(struct net *net, __be32 saddr, __be16 sport,
			   __be32 daddr, __be16 dport, int dif)
{
	u16 hnum = ntohs(dport);
	struct sock *sk;

	sk = __inet_lookup_established(net, saddr, sport, daddr, hnum, dif);
	if (sk)
		return sk;
	return __inet_lookup_listener(net, saddr, sport, daddr, hnum, dif);
}

/* ---- hashing ---- */

bool inet_ehash_insert(struct sock *sk, struct sock *osk)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = hinfo(net);
	struct hlist_head *head;

	head = &h->ehash[inet_ehashfn(net, sk->sk_rcv_saddr, sk->sk_num,
				      sk->sk_daddr, sk->sk_dport)];
	if (osk) {
		if (hlist_unhashed(&osk->sk_node))
			return false;
		hlist_del_init(&osk->sk_node);
		h->ehash_count--;
	}
	hlist_add_head(&sk->sk_node, head);
	h->ehash_count++;
	return true;
}

bool inet_ehash_nolisten(struct sock *sk, struct sock *osk)
{
	return inet_ehash_insert(sk, osk);
}

void inet_ehash_remove(struct sock *sk)
{
	struct inet_hashinfo *h = hinfo(sock_net(sk));

	if (hlist_unhashed(&sk->sk_node))
		return;
	hlist_del_init(&sk->sk_node);
	h->ehash_count--;
}

/* inet_hash - a listener into lhash, anything else into ehash */
int inet_hash(struct sock *sk)
{
	struct inet_hashinfo *h = hinfo(sock_net(sk));

	if (sk->sk_state == TCP_CLOSE || !hlist_unhashed(&sk->sk_node))
		return 0;
	if (sk->sk_state != TCP_LISTEN) {
		inet_ehash_nolisten(sk, NULL);
		return 0;
	}
	hlist_add_head(&sk->sk_node, &h->lhash[inet_lhashfn(sk->sk_num)]);
	return 0;
}

void inet_unhash(struct sock *sk)
{
	if (hlist_unhashed(&sk->sk_node))
		return;
	if (sk->sk_state == TCP_LISTEN) {
		hlist_del_init(&sk->sk_node);
		return;
	}
	inet_ehash_remove(sk);
}

/* ---- connect(): the local port ---- */

u32 inet_sk_port_offset(const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);

	return secure_tcp_seq(sock_net(sk), inet->inet_rcv_saddr,
			      inet->inet_daddr, 0, inet->inet_dport);
}

/*
 * __inet_check_established - is (saddr, lport, daddr, dport) free?  A
 * TIME-WAIT sock holding it gives way when tcp_tw_reuse allows and its
 * timestamps make old duplicates recognisable (RFC 7323 5.5, as Linux's
 * tcp_twsk_unique); *@twp gets it, to be killed by the caller.
 */
static bool __inet_check_established(struct sock *sk, u16 lport,
				     struct inet_timewait_sock **twp)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct sock *sk2;

	sk2 = __inet_lookup_established(net, inet->inet_daddr, inet->inet_dport,
					inet->inet_rcv_saddr, lport,
					sk->sk_bound_dev_if);
	if (!sk2)
		return true;
	if (sk2->sk_state == TCP_TIME_WAIT) {
		struct tcp_timewait_sock *tcptw = tcp_twsk(sk2);
		int reuse = net->ipv4.sysctl_tcp_tw_reuse;
		u32 now_s = tcp_jiffies32(sk) / 1000;

		if (reuse == 2)
			reuse = inet->inet_daddr ==
				htonl(INADDR_LOOPBACK); /* loopback only */
		if (tcptw->tw_ts_recent_stamp && reuse &&
		    now_s - tcptw->tw_ts_recent_stamp > 1) {
			struct tcp_sock *tp = tcp_sk(sk);

			tp->write_seq = tcptw->tw_snd_nxt + 65535 + 2;
			if (!tp->write_seq)
				tp->write_seq = 1;
			tp->rx_opt.ts_recent = tcptw->tw_ts_recent;
			tp->rx_opt.ts_recent_stamp = tcptw->tw_ts_recent_stamp;
			*twp = inet_twsk(sk2);
			return true;
		}
	}
	return false;
}

int __inet_hash_connect(struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = hinfo(net);
	struct inet_timewait_sock *tw = NULL;
	struct inet_bind_bucket *tb;
	u16 port = inet_sk(sk)->inet_num;
	int low, high, remaining, i, step;
	u32 offset;

	if (port) {
		/* bound already: the 4-tuple must be unique */
		tb = inet_csk(sk)->icsk_bind_hash;
		if (!__inet_check_established(sk, port, &tw))
			return -EADDRNOTAVAIL;
		inet_ehash_nolisten(sk, NULL);
		if (tw)
			inet_twsk_deschedule_put(tw);
		(void)tb;
		return 0;
	}

	inet_get_local_port_range(net, &low, &high);
	high++; /* [low, high) */
	remaining = high - low;
	if (remaining > 1)
		remaining &= ~1; /* even ports first, odd ones for bind() */
	offset = inet_sk_port_offset(sk) & ~1U;
	/*
	 * Two passes, as Linux: the even ports from a point the keyed hash
	 * of the destination chooses, then the odd ones.
	 */
	for (step = 0; step < 2; step++) {
		for (i = 0; i < remaining; i += 2) {
			u16 p = (u16)(low + (int)((offset + (u32)i) %
						  (u32)remaining));
			bool ok = true;

			p = (u16)(p | (u16)step);
			if (p >= high)
				continue;
			hlist_for_each_entry(tb, &h->bhash[inet_bhashfn(p)],
					     node) {
				if (tb->ib_net == net && tb->port == p)
					break;
			}
			if (tb) {
				/* shared only if every owner is a connected
				 * sock with a different 4-tuple */
				if (tb->fastreuse >= 0) {
					ok = false;
				} else {
					tw = NULL;
					ok = __inet_check_established(sk, p,
								      &tw);
				}
				if (!ok)
					continue;
			} else {
				tb = inet_bind_bucket_create(h, net, p);
				if (!tb)
					return -ENOMEM;
				tb->fastreuse = -1;
			}
			inet_bind_hash(sk, tb, p);
			inet_sk(sk)->inet_sport = htons(p);
			inet_ehash_nolisten(sk, NULL);
			if (tw)
				inet_twsk_deschedule_put(tw);
			return 0;
		}
	}
	return -EADDRNOTAVAIL;
}
