// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP's lookup tables: bind buckets (who uses a local port), listeners by
 * port, and the established hash, which also holds TIME-WAIT socks and
 * request socks in SYN-RECV.  Port selection for connect() as Linux's
 * __inet_hash_connect().  Linux: net/ipv4/inet_hashtables.c.
 */
#include <net/inet_hashtables.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/tcp.h>

#include <unistd.h>

static unsigned long roundup_pow_of_two_ul(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/*
 * alloc_large_system_hash - a table sized as Linux sizes its boot-time
 * hashes (mm/mm_init.c): @numentries buckets, or with 0 one per 2^@scale
 * bytes of the machine's memory, rounded up to a power of two and kept
 * within [@low_limit, @high_limit].  *@hash_mask gets the size less one.
 * The table is zeroed (untouched pages cost nothing until used).
 */
static void *alloc_large_system_hash(size_t bucketsize,
				     unsigned long numentries, int scale,
				     unsigned int *hash_mask,
				     unsigned long low_limit,
				     unsigned long high_limit)
{
	unsigned long n = numentries;

	if (!n) {
		long pages = sysconf(_SC_PHYS_PAGES);
		long psize = sysconf(_SC_PAGESIZE);
		unsigned long long bytes =
			pages > 0 && psize > 0
				? (unsigned long long)pages *
					  (unsigned long long)psize
				: 1ULL << 30;

		/* rounded up to a whole MiB, as Linux does */
		bytes = (bytes + (1ULL << 20) - 1) & ~((1ULL << 20) - 1);
		n = (unsigned long)(bytes >> scale);
	}
	n = roundup_pow_of_two_ul(n);
	if (n < low_limit)
		n = low_limit;
	if (high_limit && n > high_limit)
		n = high_limit;
	*hash_mask = (unsigned int)(n - 1);
	return kzalloc(n * bucketsize, GFP_KERNEL);
}

/* the tables with @ehash_entries established buckets, 0: by memory */
static struct inet_hashinfo *hashinfo_alloc(unsigned long ehash_entries)
{
	struct inet_hashinfo *h = kzalloc(sizeof(*h), GFP_KERNEL);
	unsigned long lhash_entries = 0;

	if (!h)
		return NULL;
	spin_lock_init(&h->lock);
	/* Linux's tcp_init(): "TCP established", then "TCP bind" as many
	 * (at most 64 Ki), and lhash2's "tcp_listen_portaddr_hash" */
	h->ehash = alloc_large_system_hash(sizeof(*h->ehash), ehash_entries, 17,
					   &h->ehash_mask, 0,
					   ehash_entries ? 0 : 512UL * 1024);
	h->bhash =
		alloc_large_system_hash(sizeof(*h->bhash), h->ehash_mask + 1UL,
					17, &h->bhash_size, 0, 64UL * 1024);
	h->bhash_size++;
	if (ehash_entries) /* no more listener buckets than established */
		lhash_entries = min_t(unsigned long, ehash_entries, 64);
	h->lhash = alloc_large_system_hash(sizeof(*h->lhash), lhash_entries, 21,
					   &h->lhash_mask, 0, 64UL * 1024);
	h->perturb = kzalloc(INET_TABLE_PERTURB_SIZE * sizeof(*h->perturb),
			     GFP_KERNEL);
	h->secret[0] = ((u64)get_random_u32() << 32) | get_random_u32();
	h->secret[1] = ((u64)get_random_u32() << 32) | get_random_u32();
	if (!h->ehash || !h->bhash || !h->lhash || !h->perturb) {
		inet_hashinfo_free(h);
		return NULL;
	}
	return h;
}

struct inet_hashinfo *inet_hashinfo_alloc(void)
{
	return hashinfo_alloc(0);
}

struct inet_hashinfo *inet_pernet_hashinfo_alloc(unsigned int ehash_entries)
{
	return hashinfo_alloc(ehash_entries);
}

void inet_hashinfo_free(struct inet_hashinfo *h)
{
	if (!h)
		return;
	kfree(h->ehash);
	kfree(h->bhash);
	kfree(h->lhash);
	kfree(h->perturb);
	kfree(h);
}

static struct inet_hashinfo *hinfo(const struct net *net)
{
	return net->ipv4.tcp_hashinfo;
}

static inline unsigned int inet_bhashfn(const struct net *net,
					unsigned short port,
					unsigned int bhash_size)
{
	return (port + net_hash_mix(net)) & (bhash_size - 1);
}

static inline struct hlist_head *inet_lhash_head(const struct inet_hashinfo *h,
						 const struct net *net,
						 unsigned short port)
{
	return &h->lhash[(port + net_hash_mix(net)) & h->lhash_mask];
}

static inline u32 rol32(u32 w, unsigned int s)
{
	return (w << s) | (w >> (32 - s));
}

/* jhash_3words - Bob Jenkins' lookup3 final mix of three words (public
 * domain), what Linux hashes its established table with */
static inline u32 jhash_3words(u32 a, u32 b, u32 c, u32 initval)
{
	initval += 0xdeadbeef + (3 << 2);
	a += initval;
	b += initval;
	c += initval;
	c ^= b;
	c -= rol32(b, 14);
	a ^= c;
	a -= rol32(c, 11);
	b ^= a;
	b -= rol32(a, 25);
	c ^= b;
	c -= rol32(b, 16);
	a ^= c;
	a -= rol32(c, 4);
	b ^= a;
	b -= rol32(a, 14);
	c ^= b;
	c -= rol32(b, 24);
	return c;
}

/*
 * As Linux's inet_ehashfn(): jhash under a random secret mixed with the
 * namespace, so that a peer cannot aim its connections at one chain, run
 * on every segment (cheaper than the SipHash of the port offsets).  The
 * local port is added after hashing: connect() hashes the rest once and
 * tries each port by adding it.
 */
u32 inet_ehashfn(const struct net *net, __be32 laddr, u16 lport, __be32 faddr,
		 __be16 fport)
{
	const struct inet_hashinfo *h = hinfo(net);

	return lport + jhash_3words(laddr, faddr, fport,
				    (u32)h->secret[0] + net_hash_mix(net));
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

bool inet_is_local_reserved_port(const struct net *net, unsigned short port)
{
	const unsigned long *map = net->ipv4.sysctl_local_reserved_ports;
	const unsigned int bits = 8 * sizeof(*map);

	return map && ((map[port / bits] >> (port % bits)) & 1);
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
	hlist_add_head(&tb->node,
		       &h->bhash[inet_bhashfn(net, snum, h->bhash_size)]);
	return tb;
}

struct inet_bind_bucket *inet_bind_bucket_find(const struct inet_hashinfo *h,
					       const struct net *net,
					       unsigned short port)
{
	struct inet_bind_bucket *tb;

	hlist_for_each_entry(
		tb, &h->bhash[inet_bhashfn(net, port, h->bhash_size)], node) {
		if (tb->ib_net == net && tb->port == port)
			return tb;
	}
	return NULL;
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

/* the chain of @hash, as __inet_lookup_established() searches it */
static struct sock *inet_lookup_established_hash(const struct net *net,
						 u32 hash, __be32 saddr,
						 __be16 sport, __be32 daddr,
						 u16 hnum, int dif)
{
	struct sock_common *skc;

	hlist_for_each_entry(skc, inet_ehash_head(hinfo(net), hash), skc_node) {
		if (skc->skc_num == hnum && skc->skc_dport == sport &&
		    skc->skc_daddr == saddr && skc->skc_rcv_saddr == daddr &&
		    net_eq(skc->skc_net, net) &&
		    (!skc->skc_bound_dev_if || skc->skc_bound_dev_if == dif))
			return (struct sock *)(void *)skc;
	}
	return NULL;
}

struct sock *__inet_lookup_established(struct net *net, __be32 saddr,
				       __be16 sport, __be32 daddr, u16 hnum,
				       int dif)
{
	if (!hinfo(net))
		return NULL;
	return inet_lookup_established_hash(
		net, inet_ehashfn(net, daddr, hnum, saddr, sport), saddr, sport,
		daddr, hnum, dif);
}

/* compute_score - a listener's match: -1 none; exact address beats any */
static int compute_score(const struct sock *sk, const struct net *net,
			 __be32 daddr, u16 hnum, int dif)
{
	int score = 1;

	if (inet_sk(sk)->inet_num != hnum || !net_eq(sock_net(sk), net))
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
	hlist_for_each_entry(sk, inet_lhash_head(h, net, hnum), sk_node) {
		score = compute_score(sk, net, daddr, hnum, dif);
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

/* out of ehash: a full, TIME-WAIT or request sock (as struct sock) */
void inet_ehash_remove(struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = hinfo(net);

	if (hlist_unhashed(&sk->sk_node))
		return;
	hlist_del_init(&sk->sk_node);
	h->ehash_count--;
	net->ipv4.tcp_ehash_count--;
}

bool inet_ehash_insert(struct sock *sk, struct sock *osk)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = hinfo(net);
	struct hlist_head *head;

	head = inet_ehash_head(h,
			       inet_ehashfn(net, sk->sk_rcv_saddr, sk->sk_num,
					    sk->sk_daddr, sk->sk_dport));
	if (osk) {
		if (hlist_unhashed(&osk->sk_node))
			return false;
		inet_ehash_remove(osk);
	}
	hlist_add_head(&sk->sk_node, head);
	h->ehash_count++;
	net->ipv4.tcp_ehash_count++;
	return true;
}

bool inet_ehash_nolisten(struct sock *sk, struct sock *osk)
{
	return inet_ehash_insert(sk, osk);
}

/* inet_hash - a listener into lhash, anything else into ehash */
int inet_hash(struct sock *sk)
{
	struct net *net = sock_net(sk);

	if (sk->sk_state == TCP_CLOSE || !hlist_unhashed(&sk->sk_node))
		return 0;
	if (sk->sk_state != TCP_LISTEN) {
		inet_ehash_nolisten(sk, NULL);
		return 0;
	}
	hlist_add_head(&sk->sk_node,
		       inet_lhash_head(hinfo(net), net, sk->sk_num));
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

/* Linux's secure_ipv4_port_ephemeral(): 64 bits of a keyed hash of the
 * addresses and the destination port */
u64 inet_sk_port_offset(const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);
	const struct inet_hashinfo *h = hinfo(sock_net(sk));
	u64 a = ((u64)ntohl(inet->inet_rcv_saddr) << 32) |
		ntohl(inet->inet_daddr);

	/* "pe": not the same input as inet_ehashfn()'s */
	return siphash_2u64(a, ((u64)0x7065 << 32) | ntohs(inet->inet_dport),
			    h->secret);
}

/*
 * __inet_check_established - is (saddr, lport, daddr, dport) free?  A
 * TIME-WAIT sock holding it gives way when tcp_tw_reuse allows and its
 * timestamps make old duplicates recognisable (RFC 7323 5.5, as Linux's
 * tcp_twsk_unique); *@twp gets it, to be killed by the caller.  @hash is
 * the 4-tuple's inet_ehashfn().  Linux 6.13+ counts tcp_tw_reuse_delay
 * from the start of the TIME-WAIT, not from the peer's last timestamp.
 */
static bool __inet_check_established(struct sock *sk, u16 lport,
				     struct inet_timewait_sock **twp,
				     bool bound, u32 hash)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct sock *sk2;

	sk2 = inet_lookup_established_hash(
		net, hash, inet->inet_daddr, inet->inet_dport,
		inet->inet_rcv_saddr, lport, sk->sk_bound_dev_if);
	if (!sk2)
		return true;
	if (sk2->sk_state == TCP_TIME_WAIT) {
		struct tcp_timewait_sock *tcptw = tcp_twsk(sk2);
		int reuse = net->ipv4.sysctl_tcp_tw_reuse;

		if (reuse == 2)
			reuse = inet->inet_daddr ==
				htonl(INADDR_LOOPBACK); /* loopback only */
		/*
		 * A port the user bound takes over a TIME-WAIT sock with
		 * timestamps whatever tcp_tw_reuse says, as Linux's
		 * check_established() without twp; a chosen one only when
		 * tcp_tw_reuse allows, tcp_tw_reuse_delay ms later.
		 */
		u32 reuse_thresh = tcptw->tw_entry_stamp +
				   (u32)net->ipv4.sysctl_tcp_tw_reuse_delay;

		if (tcptw->tw_ts_recent_stamp &&
		    (bound || (reuse && (s32)(tcp_time_stamp_ms(sk) -
					      reuse_thresh) > 0))) {
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

/* the port is @sk's: bound, hashed, the TIME-WAIT sock it replaces gone */
static void inet_hash_connect_finish(struct sock *sk,
				     struct inet_bind_bucket *tb, u16 port,
				     struct inet_timewait_sock *tw)
{
	inet_bind_hash(sk, tb, port);
	inet_sk(sk)->inet_sport = htons(port);
	inet_ehash_nolisten(sk, NULL);
	if (tw)
		inet_twsk_deschedule_put(tw);
}

/*
 * As Linux 6.18's __inet_hash_connect(): the search starts at an offset
 * that a keyed hash of (saddr, daddr, dport) picks in table_perturb[] plus
 * that slot's value, which every success moves past the port it took (by
 * at least the ports it tried, and a random 0..7 steps), so successive
 * connections to one destination find a free port at once instead of
 * scanning those their predecessors hold.  Ports of @low's parity first
 * (inet_csk_get_port() prefers the others), stepping by 2, then the
 * others.  A port whose bucket is only connect()'s (fastreuse -1) is
 * shared when the 4-tuple is unique.
 */
int __inet_hash_connect(struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct inet_hashinfo *h = hinfo(net);
	const struct inet_sock *inet = inet_sk(sk);
	struct inet_timewait_sock *tw = NULL;
	struct inet_bind_bucket *tb;
	int port = inet->inet_num;
	int i, low, high, step = 2;
	u32 remaining, offset, index, hash_port0;
	u64 port_offset;

	hash_port0 = inet_ehashfn(net, inet->inet_rcv_saddr, 0,
				  inet->inet_daddr, inet->inet_dport);
	if (port) {
		/* bound already: the 4-tuple must be unique */
		if (!__inet_check_established(sk, (u16)port, &tw, true,
					      hash_port0 + (u32)port))
			return -EADDRNOTAVAIL;
		inet_ehash_nolisten(sk, NULL);
		if (tw)
			inet_twsk_deschedule_put(tw);
		return 0;
	}

	inet_get_local_port_range(net, &low, &high);
	high++; /* [32768, 60999] -> [32768, 61000[ */
	remaining = (u32)(high - low);
	if (remaining > 1)
		remaining &= ~1U;

	if (!h->perturb_ready) { /* get_random_sleepable_once() */
		u32 j;

		for (j = 0; j < INET_TABLE_PERTURB_SIZE; j++)
			h->perturb[j] = get_random_u32();
		h->perturb_ready = true;
	}
	port_offset = inet_sk_port_offset(sk);
	index = (u32)port_offset & (INET_TABLE_PERTURB_SIZE - 1);
	offset = (h->perturb[index] + (u32)(port_offset >> 32)) % remaining;
	offset &= ~1U; /* the first pass: @low's parity */

other_parity_scan:
	port = low + (int)offset;
	for (i = 0; (u32)i < remaining; i += step, port += step) {
		if (port >= high)
			port -= (int)remaining;
		if (inet_is_local_reserved_port(net, (unsigned short)port))
			continue;
		tb = inet_bind_bucket_find(h, net, (u16)port);
		if (tb) {
			tw = NULL;
			if (tb->fastreuse < 0 &&
			    __inet_check_established(sk, (u16)port, &tw, false,
						     hash_port0 + (u32)port))
				goto ok;
			continue;
		}
		tb = inet_bind_bucket_create(h, net, (u16)port);
		if (!tb)
			return -ENOMEM;
		tb->fastreuse = -1;
		goto ok;
	}
	offset++;
	if ((offset & 1) && remaining > 1)
		goto other_parity_scan;
	return -EADDRNOTAVAIL;

ok:
	/* a little randomness for the next one: a lot when there is no
	 * contention, none when there is much */
	i = max_t(int, i, (int)(get_random_u32() % 8) * step);
	h->perturb[index] += (u32)(i + step);
	inet_hash_connect_finish(sk, tb, (u16)port, tw);
	return 0;
}
