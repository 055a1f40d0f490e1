// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP under a hostile wire, in virtual time: 64 MiB from namespace b to
 * the initial namespace over veth, with netem on both ends of the pair
 * (as "tc qdisc add dev vX root netem delay 1ms loss 10% duplicate 5%
 * reorder 25% corrupt 1%", each seeded with TCA_NETEM_PRNG_SEED), from the
 * handshake to the FIN.  For each seed: every byte arrives once and in
 * order (the receiver compares each byte with the sender's pattern, and
 * both ends' checksums of the whole stream agree), the transfer ends with
 * EOF well within its virtual-time budget, and once both sockets are
 * closed and every timer has run, the live skbs, socks and pages are
 * back where they were before the connection.
 *
 * The neighbours are permanent entries: netem corrupts ARP as well, which
 * has no checksum, and a reply with a flipped bit in its sender address
 * sends the connection to a wrong MAC until the entry fails (seed 22 did,
 * as it would on Linux).
 *
 * The plain build runs seeds 1..100 (about 20 s of CPU); sanitizer and
 * Debug builds run seeds 1..10 (each seed costs them ten times as much).  TN_RESILIENCE_SEEDS=N runs
 * seeds 1..N, TN_RESILIENCE_SEED=S runs seed S alone (to reproduce one),
 * TN_RESILIENCE_MB=M moves M MiB instead of 64.  Seeds that find a bug
 * not fixed yet go in pending_seeds[] with the reason: they are skipped
 * and named in the output.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/neighbour.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <time.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/skbuff.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"
#include "netem_nl.h"

#ifndef TCA_NETEM_PRNG_SEED
#define TCA_NETEM_PRNG_SEED (TCA_NETEM_SLOT_DIST + 1)
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RES_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RES_SANITIZED 1
#endif
#endif
#if defined(RES_SANITIZED) || !defined(NDEBUG)
#define RES_DEFAULT_SEEDS 10
#else
#define RES_DEFAULT_SEEDS 100
#endif

#define RES_PORT  5001
#define RES_CHUNK 65536
/* no progress for this long (virtual) is a hang: beyond any RTO backoff
 * that still leaves the connection alive (the RTO caps at 120 s, and a
 * retransmission may be lost a few times over) */
#define RES_STALL_NS (600ULL * NSEC_PER_SEC)
/* a 64 MiB transfer over a 2 ms RTT with 10% loss takes a few virtual
 * minutes; an hour means the flow has collapsed */
#define RES_BUDGET_NS (3600ULL * NSEC_PER_SEC)
/* after both closes, how long everything may take to be freed */
#define RES_SETTLE_NS (1800ULL * NSEC_PER_SEC)

/* Seeds that find a bug not fixed yet, with the reason; skipped. */
static const struct {
	unsigned int seed;
	const char *why;
} pending_seeds[] = {
	{ 0, NULL },
};

static struct tn_stack *st;

/*
 * Both ends would block: nothing can happen before the next timer (netem's
 * watchdog, an RTO, a delayed ACK), so time jumps to it.
 */
static void res_idle(void)
{
	th_idle(st);
}

static inline uint64_t res_word(uint64_t seed, uint64_t idx)
{
	uint64_t z = seed * 0x9e3779b97f4a7c15ULL + idx;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void res_fill(uint64_t seed, uint64_t off, unsigned char *p, size_t n)
{
	size_t i = 0;

	/* the head up to a word boundary, whole words, then the tail */
	while (i < n && ((off + i) & 7)) {
		p[i] = (unsigned char)(res_word(seed, (off + i) >> 3) >>
				       (((off + i) & 7) * 8));
		i++;
	}
	for (; i + 8 <= n; i += 8) {
		uint64_t w = res_word(seed, (off + i) >> 3);

		w = htole64(w); /* byte b of the word is w >> 8b */
		memcpy(p + i, &w, 8);
	}
	for (; i < n; i++)
		p[i] = (unsigned char)(res_word(seed, (off + i) >> 3) >>
				       (((off + i) & 7) * 8));
}

/* Fletcher-64 over 32-bit little-endian words of the stream, fed
 * byte-wise so that any split gives the same sum. */
struct res_sum {
	uint64_t a, b;
	uint32_t word;
	unsigned int fill;
};

static void res_sum_add(struct res_sum *s, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		s->word |= (uint32_t)p[i] << (s->fill * 8);
		if (++s->fill == 4) {
			s->a = (s->a + s->word) % 0xffffffffULL;
			s->b = (s->b + s->a) % 0xffffffffULL;
			s->word = 0;
			s->fill = 0;
		}
	}
}

static uint64_t res_sum_final(struct res_sum *s)
{
	if (s->fill) {
		s->a = (s->a + s->word) % 0xffffffffULL;
		s->b = (s->b + s->a) % 0xffffffffULL;
	}
	return s->b << 32 | s->a;
}

static int res_getenv(const char *name, int def)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : def;
}

static unsigned int res_pct(double p)
{
	return (unsigned int)(p * 4294967295.0 + 0.5);
}

/* the hardware address of @dev in the current namespace */
static void res_hwaddr(const char *dev, unsigned char mac[6])
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	KT_EQ(tn_ioctl(fd, SIOCGIFHWADDR, &ifr), 0);
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	tn_close(fd);
}

/*
 * ip neigh replace @addr lladdr @mac dev @dev nud permanent: netem
 * corrupts ARP too, which has no checksum, so a flipped bit in a reply's
 * sender address would send the connection to a wrong MAC until the entry
 * fails (as on Linux); the test is about TCP, so ARP stays out of it.
 */
static void res_neigh(const char *dev, const char *addr,
		      const unsigned char mac[6])
{
	struct {
		struct nlmsghdr n;
		struct ndmsg nd;
		char attrs[64];
	} req;
	struct in_addr dst;

	memset(&req, 0, sizeof(req));
	req.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	req.n.nlmsg_type = RTM_NEWNEIGH;
	req.n.nlmsg_flags =
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
	req.nd.ndm_family = AF_INET;
	req.nd.ndm_ifindex = th_ifindex(dev);
	req.nd.ndm_state = NUD_PERMANENT;
	inet_pton(AF_INET, addr, &dst);
	th_nl_addattr(&req, NDA_DST, &dst, sizeof(dst));
	th_nl_addattr(&req, NDA_LLADDR, mac, 6);
	th_rtnl_talk(&req.n);
}

/*
 * tc qdisc add dev @dev root netem delay 1ms loss 10% duplicate 5%
 *	reorder 25% corrupt 1%, seeded with @seed (as tc sends it: the gap
 *	is 1 when reorder is given without one)
 */
static void res_netem(const char *dev, uint64_t seed)
{
	struct tc_netem_qopt qopt = {
		.latency = 1000000U >> 6, /* psched ticks of 64 ns */
		.limit = 1000,
		.loss = res_pct(0.10),
		.gap = 1,
		.duplicate = res_pct(0.05),
	};
	struct tc_netem_reorder reorder = { .probability = res_pct(0.25) };
	struct tc_netem_corrupt corrupt = { .probability = res_pct(0.01) };
	struct th_netem_req req;

	th_netem_begin(&req, dev, &qopt);
	th_netem_attr(&req, TCA_NETEM_REORDER, &reorder, sizeof(reorder));
	th_netem_attr(&req, TCA_NETEM_CORRUPT, &corrupt, sizeof(corrupt));
	th_netem_attr(&req, TCA_NETEM_PRNG_SEED, &seed, sizeof(seed));
	th_netem_commit(&req);
}

struct res_counts {
	long skbs, socks, files, pages;
};

static struct res_counts res_counts(void)
{
	struct tn_stack_stats s;
	struct res_counts c;

	tn_stack_get_stats(st, &s);
	c.skbs = s.live_skbs;
	c.socks = s.live_socks;
	c.files = s.live_files;
	/* the page the thread's sends fill is the thread's, kept for its
	 * next send, not the connection's */
	c.pages = page_live_count() - (current_task_frag()->page ? 1 : 0);
	return c;
}

/* What a stuck or broken run was doing, for the report. */
static void res_dump(unsigned int seed, const char *what, uint64_t sent,
		     uint64_t rcvd, int c, int s)
{
	struct tcp_info ti;
	socklen_t len;
	int i, fds[2] = { s, c };

	fprintf(stderr,
		"  seed %u: %s at virtual %.3f s: sent %llu, received %llu\n",
		seed, what, (double)ktime_get_ns(st) / 1e9,
		(unsigned long long)sent, (unsigned long long)rcvd);
	for (i = 0; i < 2; i++) {
		len = sizeof(ti);
		if (fds[i] < 0 ||
		    tn_getsockopt(fds[i], IPPROTO_TCP, TCP_INFO, &ti, &len))
			continue;
		fprintf(stderr,
			"  %s: state %u ca_state %u rtt %u rttvar %u retransmits %u backoff %u "
			"rto %u unacked %u lost %u retrans %u sacked %u "
			"cwnd %u ssthresh %u rcv_space %u "
			"total_retrans %u\n",
			i ? "receiver" : "sender", ti.tcpi_state,
			ti.tcpi_ca_state, ti.tcpi_rtt, ti.tcpi_rttvar,
			ti.tcpi_retransmits, ti.tcpi_backoff, ti.tcpi_rto,
			ti.tcpi_unacked, ti.tcpi_lost, ti.tcpi_retrans,
			ti.tcpi_sacked, ti.tcpi_snd_cwnd, ti.tcpi_snd_ssthresh,
			ti.tcpi_rcv_space, ti.tcpi_total_retrans);
	}
}

/* One transfer: its sockets, where it stands, what each end summed. */
struct res_xfer {
	unsigned int seed;
	uint64_t total, sent, rcvd;
	uint64_t sbuf_off; /* sbuf holds the stream from here ... */
	size_t sbuf_len; /* ... this much, refilled once all has gone */
	struct res_sum ssum, rsum;
	int l, c, s; /* listener and sender in b, receiver in a */
	int connected, eof;
	const char *cc; /* the sender's TCP_CONGESTION, NULL: the default */
};

static unsigned char sbuf[RES_CHUNK], rbuf[RES_CHUNK], want[RES_CHUNK];

/* A fresh stack, permanent neighbours, netem on both ends. */
static void res_wire(unsigned int seed)
{
	unsigned char mac_a[6], mac_b[6];

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	res_hwaddr("va", mac_a);
	KT_EQ(tn_netns_set("b"), 0);
	res_hwaddr("vb", mac_b);
	res_neigh("vb", "10.0.0.1", mac_a);
	res_netem("vb", (uint64_t)seed * 2 + 1);
	KT_EQ(tn_netns_set(NULL), 0);
	res_neigh("va", "10.0.0.2", mac_b);
	res_netem("va", (uint64_t)seed * 2);
}

/* The listener in b, a non-blocking connect from a: under way. */
static void res_open(struct res_xfer *x)
{
	struct sockaddr_in a = tp_addr_b(RES_PORT);
	int one = 1;

	KT_EQ(tn_netns_set("b"), 0);
	x->l = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_ASSERT(x->l >= 0);
	KT_EQ(tn_setsockopt(x->l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
	      0);
	KT_EQ(tn_bind(x->l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(x->l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	x->c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	KT_ASSERT(x->c >= 0);
	KT_EQ(tn_connect(x->c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EINPROGRESS);
	x->s = -1;
}

/* The handshake's end on either side: 1 progress, 0 none, -1 failed. */
static int res_step_open(struct res_xfer *x)
{
	int progress = 0;

	if (x->s < 0) {
		x->s = tn_accept4(x->l, NULL, NULL, SOCK_NONBLOCK);
		if (x->s < 0 && errno != EAGAIN) {
			res_dump(x->seed, "accept failed", 0, 0, x->c, -1);
			return -1;
		}
		progress |= x->s >= 0;
		if (x->s >= 0 && x->cc)
			KT_EQ(tn_setsockopt(x->s, IPPROTO_TCP, TCP_CONGESTION,
					    x->cc, (socklen_t)strlen(x->cc)),
			      0);
	}
	if (!x->connected) {
		struct pollfd p = { .fd = x->c, .events = POLLOUT };

		x->connected = tn_poll(&p, 1, 0) == 1;
		progress |= x->connected;
	}
	return progress;
}

/* One send of what is left of sbuf; SHUT_WR after the last byte. */
static int res_step_send(struct res_xfer *x)
{
	ssize_t n;

	if (x->s < 0 || x->sent == x->total)
		return 0;
	if (x->sent == x->sbuf_off + x->sbuf_len) {
		x->sbuf_off = x->sent;
		x->sbuf_len = x->total - x->sent < RES_CHUNK
				      ? (size_t)(x->total - x->sent)
				      : RES_CHUNK;
		res_fill(x->seed, x->sbuf_off, sbuf, x->sbuf_len);
	}
	n = tn_send(x->s, sbuf + (x->sent - x->sbuf_off),
		    x->sbuf_len - (size_t)(x->sent - x->sbuf_off),
		    MSG_DONTWAIT);
	if (n < 0 && errno == EAGAIN)
		return 0;
	if (n <= 0) {
		res_dump(x->seed, strerror(errno), x->sent, x->rcvd, x->c,
			 x->s);
		return -1;
	}
	res_sum_add(&x->ssum, sbuf + (x->sent - x->sbuf_off), (size_t)n);
	x->sent += (uint64_t)n;
	if (x->sent == x->total)
		KT_EQ(tn_shutdown(x->s, SHUT_WR), 0);
	return 1;
}

/* One receive, each byte compared with the stream's. */
static int res_step_recv(struct res_xfer *x)
{
	ssize_t n;

	if (!x->connected)
		return 0;
	n = tn_recv(x->c, rbuf, sizeof(rbuf), MSG_DONTWAIT);
	if (n < 0 && errno == EAGAIN)
		return 0;
	if (n < 0) {
		res_dump(x->seed, strerror(errno), x->sent, x->rcvd, x->c,
			 x->s);
		return -1;
	}
	if (n == 0) {
		x->eof = 1;
		return 1;
	}
	res_fill(x->seed, x->rcvd, want, (size_t)n);
	if (memcmp(rbuf, want, (size_t)n) || x->rcvd + (uint64_t)n > x->total) {
		res_dump(x->seed, "corrupt data", x->sent, x->rcvd, x->c, x->s);
		return -1;
	}
	res_sum_add(&x->rsum, rbuf, (size_t)n);
	x->rcvd += (uint64_t)n;
	return 1;
}

/* Handshake to EOF; 0, or -1 (reported). */
static int res_transfer(struct res_xfer *x)
{
	u64 start = ktime_get_ns(st), last_progress = start;

	while (!x->eof) {
		int a = res_step_open(x), b, c;

		b = a < 0 ? 0 : res_step_send(x);
		c = a < 0 || b < 0 ? 0 : res_step_recv(x);
		if (a < 0 || b < 0 || c < 0)
			return -1;
		if (a || b || c) {
			last_progress = ktime_get_ns(st);
			continue;
		}
		res_idle();
		if (ktime_get_ns(st) - last_progress > RES_STALL_NS ||
		    ktime_get_ns(st) - start > RES_BUDGET_NS) {
			res_dump(x->seed, "stalled", x->sent, x->rcvd, x->c,
				 x->s);
			return -1;
		}
	}
	if (x->rcvd != x->total) {
		res_dump(x->seed, "early EOF", x->sent, x->rcvd, x->c, x->s);
		return -1;
	}
	if (res_sum_final(&x->ssum) != res_sum_final(&x->rsum)) {
		res_dump(x->seed, "checksums differ", x->sent, x->rcvd, x->c,
			 x->s);
		return -1;
	}
	return 0;
}

/*
 * The FINs, TIME-WAIT, netem's queues: all run out.  A FIN lost often
 * enough is retransmitted for minutes (tcp_orphan_retries 0 means 8
 * tries, with the RTO doubling up to 120 s), so time runs a minute at a
 * time until everything is back, for half an hour at most.  0 or -1.
 */
static int res_settle(unsigned int seed, const struct res_counts *before)
{
	u64 settle = ktime_get_ns(st);
	struct res_counts after;

	do {
		tn_clock_advance(st, 60ULL * NSEC_PER_SEC);
		after = res_counts();
	} while (memcmp(&after, before, sizeof(after)) &&
		 ktime_get_ns(st) - settle < RES_SETTLE_NS);
	if (!memcmp(&after, before, sizeof(after)))
		return 0;
	fprintf(stderr,
		"  seed %u: memory not back: skbs %ld -> %ld, socks %ld -> "
		"%ld, files %ld -> %ld, pages %ld -> %ld\n",
		seed, before->skbs, after.skbs, before->socks, after.socks,
		before->files, after.files, before->pages, after.pages);
	return -1;
}

/*
 * One seed: a fresh stack, netem both ways, connect, 64 MiB b -> a,
 * FIN, close, every timer run out.  Returns 0 or -1 (reported).
 */
static int res_run(unsigned int seed, uint64_t total, const char *cc)
{
	struct res_xfer x = { .seed = seed, .total = total, .cc = cc };
	struct res_counts before;
	u64 start;
	int ret;

	res_wire(seed);
	before = res_counts();
	res_open(&x);
	start = ktime_get_ns(st);
	ret = res_transfer(&x);
	if (!ret)
		printf("  seed %u: %llu bytes in %.1f virtual s\n", seed,
		       (unsigned long long)total,
		       (double)(ktime_get_ns(st) - start) / 1e9);
	if (x.s >= 0)
		tn_close(x.s);
	tn_close(x.c);
	tn_close(x.l);
	if (res_settle(seed, &before))
		ret = -1;
	tp_teardown(st);
	st = NULL;
	return ret;
}

static const char *res_pending(unsigned int seed)
{
	size_t i;

	for (i = 0; i < sizeof(pending_seeds) / sizeof(pending_seeds[0]); i++)
		if (pending_seeds[i].why && pending_seeds[i].seed == seed)
			return pending_seeds[i].why;
	return NULL;
}

static void test_64mib_under_netem(void)
{
	int nseeds = res_getenv("TN_RESILIENCE_SEEDS", RES_DEFAULT_SEEDS);
	int one = res_getenv("TN_RESILIENCE_SEED", 0);
	uint64_t total = (uint64_t)res_getenv("TN_RESILIENCE_MB", 64) << 20;
	unsigned int seed, first = one > 0 ? (unsigned int)one : 1;
	unsigned int last = one > 0 ? first : (unsigned int)nseeds;
	int failed = 0;
	long pages0 = page_live_count();

	for (seed = first; seed <= last; seed++) {
		const char *why = res_pending(seed);

		if (why && one <= 0) {
			printf("  seed %u: pending (%s)\n", seed, why);
			continue;
		}
		if (res_run(seed, total, NULL))
			failed++;
		(void)fflush(stdout);
	}
	KT_EQ(failed, 0);
	KT_EQ(page_live_count(), pages0);
}

/*
 * BBR (tcp_bbr.c) as the sender's congestion control: its own cwnd and
 * pacing through the same hostile wire, 8 MiB for seeds 1..10 (one
 * with TN_RESILIENCE_SEED), byte-exact, memory back.  BBR does not back
 * off for loss as CUBIC does: this proves its recovery (packet
 * conservation, the cwnd restored after it, RTO) still delivers.
 */
static void test_bbr_under_netem(void)
{
	int one = res_getenv("TN_RESILIENCE_SEED", 0);
	unsigned int seed, first = one > 0 ? (unsigned int)one : 1;
	unsigned int last = one > 0 ? first : 10;
	int failed = 0;

	for (seed = first; seed <= last; seed++) {
		if (res_run(seed, 8ULL << 20, "bbr"))
			failed++;
		(void)fflush(stdout);
	}
	KT_EQ(failed, 0);
}

KTEST_MAIN(KT(test_64mib_under_netem), KT(test_bbr_under_netem));
