// SPDX-License-Identifier: BSD-2-Clause
/*
 * netem (src/sched/sch_netem.c) in virtual time, as root qdisc of lo with
 * UDP datagrams to 127.0.0.1: a delay holds every datagram exactly that
 * long; loss 10% of 10,000 stays within statistical bounds and replays
 * exactly from a seed; duplicates arrive twice; reordered datagrams
 * overtake delayed ones; corrupted ones are caught by the receiver's UDP
 * checksum (InCsumErrors); a rate stretches a burst to its serialisation
 * time; the limit drops and counts; slots release packets in groups.
 * Also the options as the kernel takes them (errors, change semantics,
 * what a dump says).
 */
#include <errno.h>
#include <linux/gen_stats.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"

#define LO		 1
#define MS		 1000000ULL
#define PORT		 7000
#define PSCHED_TICKS(ns) ((unsigned int)((ns) >> 6))

#ifndef TCA_NETEM_PRNG_SEED
#define TCA_NETEM_PRNG_SEED (TCA_NETEM_SLOT_DIST + 1)
#endif

struct req {
	struct nlmsghdr n;
	struct tcmsg t;
	char attrs[40000];
};

static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

static struct rtattr *addattr(struct req *r, int type, const void *data,
			      int len)
{
	struct rtattr *rta =
		(struct rtattr *)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, (size_t)len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return rta;
}

/* a RTM_NEWQDISC netem request on lo's root: the qopt opens TCA_OPTIONS,
 * attributes follow with opt_attr(), then opt_end() */
static struct rtattr *opt_begin(struct req *r, int flags,
				const struct tc_netem_qopt *qopt)
{
	memset(r, 0, sizeof(r->n) + sizeof(r->t));
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	r->n.nlmsg_type = RTM_NEWQDISC;
	r->n.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | NLM_F_ACK | flags);
	r->t.tcm_ifindex = LO;
	r->t.tcm_parent = TC_H_ROOT;
	addattr(r, TCA_KIND, "netem", 6);
	return addattr(r, TCA_OPTIONS, qopt, sizeof(*qopt));
}

static void opt_end(struct req *r, struct rtattr *opt)
{
	opt->rta_len =
		(unsigned short)((char *)r + r->n.nlmsg_len - (char *)opt);
}

static int talk(int fd, struct req *r)
{
	char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;

	KT_EQ(tn_send(fd, r, r->n.nlmsg_len, 0), r->n.nlmsg_len);
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	KT_EQ(h->nlmsg_type, NLMSG_ERROR);
	return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
}

static unsigned int pct(double p)
{
	return (unsigned int)(p * 4294967295.0 + 0.5);
}

/* add netem with @qopt and a seed; returns the kernel's answer */
static int netem_add(int fd, int flags, struct tc_netem_qopt qopt,
		     uint64_t seed)
{
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o;
	int err;

	KT_ASSERT(r);
	o = opt_begin(r, flags, &qopt);
	addattr(r, TCA_NETEM_PRNG_SEED, &seed, sizeof(seed));
	opt_end(r, o);
	err = talk(fd, r);
	free(r);
	return err;
}

/* the root qdisc's dump: its TCA_OPTIONS copied out, and its queue stats */
struct dump {
	char opts[2048];
	int optlen;
	struct gnet_stats_basic basic;
	struct gnet_stats_queue queue;
};

static void get_dump(int fd, struct dump *d)
{
	char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct req *r = calloc(1, sizeof(*r));
	struct tcmsg *t;
	struct rtattr *a;
	int len;

	KT_ASSERT(r);
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	r->n.nlmsg_type = RTM_GETQDISC;
	r->n.nlmsg_flags = NLM_F_REQUEST;
	r->t.tcm_ifindex = LO;
	r->t.tcm_parent = TC_H_ROOT;
	KT_EQ(tn_send(fd, r, r->n.nlmsg_len, 0), r->n.nlmsg_len);
	free(r);
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	KT_EQ(h->nlmsg_type, RTM_NEWQDISC);
	memset(d, 0, sizeof(*d));
	t = NLMSG_DATA(h);
	len = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*t));
	for (a = TCA_RTA(t); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == TCA_OPTIONS) {
			d->optlen = (int)RTA_PAYLOAD(a);
			memcpy(d->opts, RTA_DATA(a), (size_t)d->optlen);
		}
		if (a->rta_type == TCA_STATS2) {
			struct rtattr *s = RTA_DATA(a);
			int slen = (int)RTA_PAYLOAD(a);

			for (; RTA_OK(s, slen); s = RTA_NEXT(s, slen)) {
				if (s->rta_type == TCA_STATS_BASIC)
					memcpy(&d->basic, RTA_DATA(s),
					       sizeof(d->basic));
				if (s->rta_type == TCA_STATS_QUEUE)
					memcpy(&d->queue, RTA_DATA(s),
					       sizeof(d->queue));
			}
		}
	}
}

/* the netem attribute @type of a dump, or NULL */
static const void *dump_attr(const struct dump *d, int type, int *len)
{
	const struct rtattr *a =
		(const struct rtattr
			 *)(const void *)(d->opts +
					  RTA_ALIGN(sizeof(
						  struct tc_netem_qopt)));
	int rem = d->optlen - (int)RTA_ALIGN(sizeof(struct tc_netem_qopt));

	for (; RTA_OK(a, rem); a = RTA_NEXT(a, rem))
		if (a->rta_type == type) {
			if (len)
				*len = (int)RTA_PAYLOAD(a);
			return RTA_DATA(a);
		}
	return NULL;
}

/* datagram @seq (its number in the first 4 bytes) of @size bytes */
static void send_seq(int tx, unsigned int seq, size_t size)
{
	char buf[2000];

	memset(buf, 0x5a, size);
	memcpy(buf, &seq, sizeof(seq));
	KT_EQ(tn_send(tx, buf, size, 0), (ssize_t)size);
}

/* what has arrived: sequence numbers into @seqs (up to @max); the count */
static int drain(int rx, unsigned int *seqs, int max)
{
	char buf[2000];
	int n = 0;

	for (;;) {
		ssize_t got = tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT);

		if (got < 0) {
			KT_EQ(errno, EAGAIN);
			return n;
		}
		if (seqs && n < max)
			memcpy(&seqs[n], buf, sizeof(seqs[0]));
		n++;
	}
}

static long snmp_udp(const char *field)
{
	char buf[4096], *hdr, *val;
	int fd = tn_open("/proc/net/snmp", 0);
	ssize_t n;
	long v = -1;
	int col = 0, i;
	char *tok, *save;

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	hdr = strstr(buf, "\nUdp: ");
	KT_ASSERT(hdr);
	val = strstr(hdr + 1, "\nUdp: ");
	KT_ASSERT(val);
	*val++ = '\0';
	for (tok = strtok_r(hdr + 1, " \n", &save); tok;
	     tok = strtok_r(NULL, " \n", &save), col++)
		if (!strcmp(tok, field))
			break;
	KT_ASSERT(tok);
	tok = strtok_r(val, " \n", &save);
	for (i = 0; tok && i < col; i++)
		tok = strtok_r(NULL, " \n", &save);
	KT_ASSERT(tok);
	v = strtol(tok, NULL, 10);
	return v;
}

static struct tn_stack *st;
static int nl, rx, tx;

static void setup(void)
{
	st = kt_stack_lo_up();
	nl = nl_open();
	kt_udp_pair(PORT, &rx, &tx);
}

static void done(void)
{
	tn_close(rx);
	tn_close(tx);
	tn_close(nl);
	kt_stack_done(st);
}

/* delay 100ms: nothing before, everything at exactly +100 ms */
static void test_delay(void)
{
	struct tc_netem_qopt q = { .limit = 1000,
				   .latency = PSCHED_TICKS(100 * MS) };
	struct dump d;

	setup();
	KT_EQ(netem_add(nl, NLM_F_CREATE | NLM_F_EXCL, q, 1), 0);
	send_seq(tx, 1, 100);
	send_seq(tx, 2, 100);
	get_dump(nl, &d);
	KT_EQ(d.queue.qlen, 2);
	KT_EQ(d.queue.backlog, 2 * (100 + 8 + 20 + 14));
	KT_EQ(tn_clock_advance(st, 100 * MS - 1), 0);
	KT_EQ(drain(rx, NULL, 0), 0);
	KT_EQ(tn_clock_advance(st, 1), 0);
	KT_EQ(drain(rx, NULL, 0), 2);
	get_dump(nl, &d);
	KT_EQ(d.queue.qlen, 0);
	KT_EQ(d.queue.backlog, 0);
	KT_EQ(d.basic.packets, 2);
	done();
}

/* note in @got which datagrams arrived; how many */
static int loss_drain(unsigned char *got)
{
	unsigned int seqs[100];
	int n = drain(rx, seqs, 100), i;

	KT_ASSERT(n <= 100);
	for (i = 0; i < n; i++) {
		KT_ASSERT(seqs[i] < 10000);
		got[seqs[i]] = 1;
	}
	return n;
}

/* loss 10% of 10,000: which ones are lost, for one seed */
static int loss_run(uint64_t seed, unsigned char *got, unsigned int *drops)
{
	struct tc_netem_qopt q = { .limit = 1000, .loss = pct(0.10) };
	struct dump d;
	int total = 0, i;

	setup();
	KT_EQ(netem_add(nl, NLM_F_CREATE | NLM_F_EXCL, q, seed), 0);
	memset(got, 0, 10000);
	for (i = 0; i < 10000; i++) {
		send_seq(tx, (unsigned int)i, 64);
		if (i % 50 == 49)
			total += loss_drain(got);
	}
	get_dump(nl, &d);
	*drops = d.queue.drops;
	done();
	return total;
}

static void test_loss_seeded(void)
{
	static unsigned char a[10000], b[10000], c[10000];
	unsigned int da, db, dc;
	int na = loss_run(42, a, &da), nb = loss_run(42, b, &db);
	int nc = loss_run(43, c, &dc);

	/* binomial(10000, 0.1): sd 30; 5 sd either way */
	KT_ASSERT(na > 9000 - 150 && na < 9000 + 150);
	KT_EQ(da, 10000 - na);
	/* the same seed: the same datagrams lost */
	KT_EQ(nb, na);
	KT_EQ(db, da);
	KT_ASSERT(!memcmp(a, b, sizeof(a)));
	/* another: others */
	KT_ASSERT(nc > 9000 - 150 && nc < 9000 + 150);
	KT_ASSERT(memcmp(a, c, sizeof(a)) != 0);
}

/* 10,000 datagrams through a loss model; how many arrive */
static int model_run(int type, const void *model, int len)
{
	struct tc_netem_qopt q = { .limit = 1000 };
	struct req *r = calloc(1, sizeof(*r));
	static unsigned char got[10000];
	struct rtattr *o, *nest;
	uint64_t seed = 77;
	struct dump d;
	int total = 0, i;

	KT_ASSERT(r);
	setup();
	o = opt_begin(r, NLM_F_CREATE | NLM_F_EXCL, &q);
	nest = addattr(r, TCA_NETEM_LOSS, NULL, 0);
	addattr(r, type, model, len);
	opt_end(r, nest);
	addattr(r, TCA_NETEM_PRNG_SEED, &seed, sizeof(seed));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	free(r);
	for (i = 0; i < 10000; i++) {
		send_seq(tx, (unsigned int)i, 64);
		if (i % 50 == 49)
			total += loss_drain(got);
	}
	get_dump(nl, &d);
	KT_EQ(d.queue.drops, 10000 - total);
	done();
	return total;
}

/*
 * The 4-state model with p13 10%, p31 50% (tc's defaults for the rest:
 * p32 0, p23 100%, p14 0) loses 1/6 of the packets, in bursts; Gilbert-
 * Elliott with p 1%, r 10%, 1-h 100%, 1-k 0% loses p/(p+r) = 1/11.
 */
static void test_loss_models(void)
{
	struct tc_netem_gimodel gi = { .p13 = pct(0.1),
				       .p31 = pct(0.5),
				       .p23 = pct(1.0) };
	struct tc_netem_gemodel ge = { pct(0.01), pct(0.1), 0, 0 };
	int n;

	n = model_run(NETEM_LOSS_GI, &gi, sizeof(gi));
	KT_ASSERT(10000 - n > 1667 - 250 && 10000 - n < 1667 + 250);
	n = model_run(NETEM_LOSS_GE, &ge, sizeof(ge));
	KT_ASSERT(10000 - n > 909 - 250 && 10000 - n < 909 + 250);
}

/* duplicate 100%: every datagram twice; 30%: about a third more */
static void test_duplicate(void)
{
	struct tc_netem_qopt q = { .limit = 1000, .duplicate = pct(1.0) };
	unsigned int seqs[100];
	int n, i;

	setup();
	KT_EQ(netem_add(nl, NLM_F_CREATE | NLM_F_EXCL, q, 7), 0);
	for (i = 0; i < 10; i++)
		send_seq(tx, (unsigned int)i, 64);
	n = drain(rx, seqs, 100);
	KT_EQ(n, 20);
	for (i = 0; i < 20; i++)
		KT_EQ(seqs[i], (unsigned int)i / 2);
	q.duplicate = pct(0.3);
	KT_EQ(netem_add(nl, 0, q, 7), 0);
	n = 0;
	for (i = 0; i < 1000; i++) {
		send_seq(tx, (unsigned int)i, 64);
		n += drain(rx, NULL, 0);
	}
	KT_ASSERT(n > 1300 - 75 && n < 1300 + 75);
	done();
}

/* reorder 25%: those picked leave at once, ahead of the delayed rest */
static void test_reorder(void)
{
	struct tc_netem_qopt q = { .limit = 1000,
				   .latency = PSCHED_TICKS(10 * MS) };
	struct tc_netem_reorder ro = { .probability = pct(0.25) };
	unsigned int seqs[200], early;
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o;
	uint64_t seed = 5;
	struct dump d;
	int n, i, inversions = 0;

	KT_ASSERT(r);
	setup();
	q.gap = 1;
	o = opt_begin(r, NLM_F_CREATE | NLM_F_EXCL, &q);
	addattr(r, TCA_NETEM_REORDER, &ro, sizeof(ro));
	addattr(r, TCA_NETEM_PRNG_SEED, &seed, sizeof(seed));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	free(r);
	for (i = 0; i < 200; i++)
		send_seq(tx, (unsigned int)i, 64);
	early = (unsigned int)drain(rx, seqs, 200);
	get_dump(nl, &d);
	KT_EQ(d.queue.requeues, early);
	KT_ASSERT(early > 25 && early < 75);
	KT_EQ(tn_clock_advance(st, 10 * MS), 0);
	n = drain(rx, seqs + early, 200 - (int)early);
	KT_EQ((unsigned int)n + early, 200);
	for (i = 1; i < 200; i++)
		if (seqs[i] < seqs[i - 1])
			inversions++;
	KT_ASSERT(inversions > 0);
	done();
}

/* corrupt 100%: a bit flipped in each; the UDP checksum catches those
 * whose flip lands in the UDP part (most of a 1000-byte datagram) */
static void test_corrupt(void)
{
	struct tc_netem_qopt q = { .limit = 1000 };
	struct tc_netem_corrupt c = { .probability = pct(1.0) };
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o;
	uint64_t seed = 11;
	long before;
	long errs;
	int n, i;

	KT_ASSERT(r);
	setup();
	before = snmp_udp("InCsumErrors");
	o = opt_begin(r, NLM_F_CREATE | NLM_F_EXCL, &q);
	addattr(r, TCA_NETEM_CORRUPT, &c, sizeof(c));
	addattr(r, TCA_NETEM_PRNG_SEED, &seed, sizeof(seed));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	free(r);
	for (i = 0; i < 100; i++)
		send_seq(tx, (unsigned int)i, 1000);
	n = drain(rx, NULL, 0);
	errs = snmp_udp("InCsumErrors") - before;
	/* 1008 of 1042 bytes are UDP's */
	KT_ASSERT(errs > 85);
	KT_ASSERT(n + errs <= 100);
	done();
}

/* rate 1mbit: 10 frames of 1042 bytes take 10 x 8.336 ms */
static void test_rate(void)
{
	struct tc_netem_qopt q = { .limit = 1000 };
	struct tc_netem_rate rt = { .rate = 125000 };
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o;
	int i, got = 0;

	KT_ASSERT(r);
	setup();
	o = opt_begin(r, NLM_F_CREATE | NLM_F_EXCL, &q);
	addattr(r, TCA_NETEM_RATE, &rt, sizeof(rt));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	free(r);
	for (i = 0; i < 10; i++)
		send_seq(tx, (unsigned int)i, 1000);
	for (i = 1; i <= 10; i++) {
		/* 1042 * 8 / 1e6 s = 8.336 ms each */
		KT_EQ(tn_clock_advance(st, 8336000ULL - 1), 0);
		KT_EQ(drain(rx, NULL, 0), 0);
		KT_EQ(tn_clock_advance(st, 1), 0);
		got += drain(rx, NULL, 0);
		KT_EQ(got, i);
	}
	done();
}

/* limit 5 with a delay: the sixth and later are dropped and counted */
static void test_limit(void)
{
	struct tc_netem_qopt q = { .limit = 5,
				   .latency = PSCHED_TICKS(10 * MS) };
	struct dump d;
	int i;

	setup();
	KT_EQ(netem_add(nl, NLM_F_CREATE | NLM_F_EXCL, q, 1), 0);
	for (i = 0; i < 8; i++)
		send_seq(tx, (unsigned int)i, 64);
	get_dump(nl, &d);
	KT_EQ(d.queue.qlen, 5);
	KT_EQ(d.queue.drops, 3);
	KT_EQ(tn_clock_advance(st, 10 * MS), 0);
	KT_EQ(drain(rx, NULL, 0), 5);
	done();
}

/* slot 10ms packets 2: two at a time, 10 ms apart */
static void test_slot(void)
{
	struct tc_netem_qopt q = { .limit = 1000 };
	struct tc_netem_slot sl = { .min_delay = (long long)(10 * MS),
				    .max_delay = (long long)(10 * MS),
				    .max_packets = 2 };
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o;
	int i;

	KT_ASSERT(r);
	setup();
	o = opt_begin(r, NLM_F_CREATE | NLM_F_EXCL, &q);
	addattr(r, TCA_NETEM_SLOT, &sl, sizeof(sl));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	free(r);
	for (i = 0; i < 6; i++)
		send_seq(tx, (unsigned int)i, 64);
	KT_EQ(drain(rx, NULL, 0), 2);
	KT_EQ(tn_clock_advance(st, 10 * MS - 1), 0);
	KT_EQ(drain(rx, NULL, 0), 0);
	KT_EQ(tn_clock_advance(st, 1), 0);
	KT_EQ(drain(rx, NULL, 0), 2);
	KT_EQ(tn_clock_advance(st, 10 * MS), 0);
	KT_EQ(drain(rx, NULL, 0), 2);
	done();
}

/* delay 100ms jitter 10ms: uniform within [90, 110) ms without a table;
 * with the table {-1, +1} (in units of sigma) exactly 90 or 110 ms;
 * jitter beyond the delay (5ms 10ms) sends some at once, none lost */
static void test_jitter_distribution(void)
{
	struct tc_netem_qopt q = { .limit = 1000,
				   .latency = PSCHED_TICKS(100 * MS),
				   .jitter = PSCHED_TICKS(10 * MS) };
	short table[2] = { -NETEM_DIST_SCALE, NETEM_DIST_SCALE };
	struct req *r = calloc(1, sizeof(*r));
	int at[200] = { 0 }, ms, n, total = 0, i;
	struct rtattr *o;

	KT_ASSERT(r);
	setup();
	KT_EQ(netem_add(nl, NLM_F_CREATE | NLM_F_EXCL, q, 3), 0);
	for (i = 0; i < 100; i++)
		send_seq(tx, (unsigned int)i, 64);
	for (ms = 0; ms < 120; ms++) {
		n = drain(rx, NULL, 0);
		KT_ASSERT(n == 0 || (ms >= 90 && ms <= 110));
		total += n;
		KT_EQ(tn_clock_advance(st, MS), 0);
	}
	KT_EQ(total, 100);

	o = opt_begin(r, 0, &q);
	addattr(r, TCA_NETEM_DELAY_DIST, table, sizeof(table));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	for (i = 0; i < 100; i++)
		send_seq(tx, (unsigned int)i, 64);
	for (ms = 0; ms < 120; ms++) {
		at[ms] = drain(rx, NULL, 0);
		KT_EQ(tn_clock_advance(st, MS), 0);
	}
	KT_ASSERT(at[90] > 20 && at[110] > 20);
	KT_EQ(at[90] + at[110], 100);

	q.latency = PSCHED_TICKS(5 * MS);
	o = opt_begin(r, 0, &q);
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	for (i = 0; i < 100; i++)
		send_seq(tx, (unsigned int)i, 64);
	n = drain(rx, NULL, 0);
	KT_ASSERT(n > 10);
	KT_EQ(tn_clock_advance(st, 15 * MS), 0);
	KT_EQ(n + drain(rx, NULL, 0), 100);
	free(r);
	done();
}

/* the TOS byte a datagram arrived with (IP_RECVTOS), or -1 if none came */
static int recv_tos(void)
{
	char buf[256], cbuf[64];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = { .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;

	if (tn_recvmsg(rx, &m, MSG_DONTWAIT) < 0)
		return -1;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_TOS)
			return *(unsigned char *)CMSG_DATA(c);
	return -1;
}

/* loss 100% with ecn: ECN-capable datagrams arrive marked CE (and are
 * counted as drops, as Linux counts them); the others are lost */
static void test_ecn(void)
{
	struct tc_netem_qopt q = { .limit = 1000, .loss = pct(1.0) };
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o;
	int one = 1, tos = 2; /* ECT(0) */
	unsigned int ecn = 1;
	struct dump d;

	KT_ASSERT(r);
	setup();
	o = opt_begin(r, NLM_F_CREATE | NLM_F_EXCL, &q);
	addattr(r, TCA_NETEM_ECN, &ecn, sizeof(ecn));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	free(r);
	KT_EQ(tn_setsockopt(rx, SOL_IP, IP_RECVTOS, &one, sizeof(one)), 0);
	send_seq(tx, 1, 64);
	KT_EQ(recv_tos(), -1);
	KT_EQ(tn_setsockopt(tx, SOL_IP, IP_TOS, &tos, sizeof(tos)), 0);
	send_seq(tx, 2, 64);
	KT_EQ(recv_tos(), 3); /* CE */
	get_dump(nl, &d);
	KT_EQ(d.queue.drops, 2);
	KT_EQ(d.basic.packets, 1);
	done();
}

/* what the kernel refuses, with Linux's errnos */
static void test_errors(void)
{
	struct tc_netem_qopt q = { .limit = 1000 };
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o, *nest;
	short table[2] = { 1, 2 };
	int zero = 0;

	KT_ASSERT(r);
	setup();
	/* no TCA_OPTIONS at all */
	memset(r, 0, sizeof(r->n) + sizeof(r->t));
	r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	r->n.nlmsg_type = RTM_NEWQDISC;
	r->n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE;
	r->t.tcm_ifindex = LO;
	r->t.tcm_parent = TC_H_ROOT;
	addattr(r, TCA_KIND, "netem", 6);
	KT_EQ(talk(nl, r), -EINVAL);
	/* shorter than the qopt */
	addattr(r, TCA_OPTIONS, &q, 20);
	KT_EQ(talk(nl, r), -EINVAL);
	/* an empty distribution */
	o = opt_begin(r, NLM_F_CREATE, &q);
	addattr(r, TCA_NETEM_DELAY_DIST, table, 0);
	opt_end(r, o);
	KT_EQ(talk(nl, r), -EINVAL);
	/* a short correlation: the policy's -ERANGE */
	o = opt_begin(r, NLM_F_CREATE, &q);
	addattr(r, TCA_NETEM_CORR, table, 4);
	opt_end(r, o);
	KT_EQ(talk(nl, r), -ERANGE);
	/* an unknown loss model */
	o = opt_begin(r, NLM_F_CREATE, &q);
	nest = addattr(r, TCA_NETEM_LOSS, NULL, 0);
	addattr(r, 3, &zero, 4);
	opt_end(r, nest);
	opt_end(r, o);
	KT_EQ(talk(nl, r), -EINVAL);
	/* a short gemodel */
	o = opt_begin(r, NLM_F_CREATE, &q);
	nest = addattr(r, TCA_NETEM_LOSS, NULL, 0);
	addattr(r, NETEM_LOSS_GE, &zero, 4);
	opt_end(r, nest);
	opt_end(r, o);
	KT_EQ(talk(nl, r), -EINVAL);
	/* a table is fine */
	o = opt_begin(r, NLM_F_CREATE, &q);
	addattr(r, TCA_NETEM_DELAY_DIST, table, sizeof(table));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	free(r);
	done();
}

/* change: what the new options leave out goes back (loss model) or
 * stays (reorder, rate); the dump says so; the seed is kept or drawn */
static void test_change_and_dump(void)
{
	struct tc_netem_qopt q = { .limit = 1000 };
	struct tc_netem_gemodel ge = { pct(0.01), pct(0.99), pct(0.2),
				       pct(0.3) };
	struct tc_netem_rate rt = { .rate = 125000, .packet_overhead = -4 };
	const struct tc_netem_rate *prt;
	const void *seedp;
	struct req *r = calloc(1, sizeof(*r));
	struct rtattr *o, *nest;
	uint64_t s = 99, lat = 5 * 1000000000000ULL;
	struct dump d;
	int len;

	KT_ASSERT(r);
	setup();
	o = opt_begin(r, NLM_F_CREATE | NLM_F_EXCL, &q);
	nest = addattr(r, TCA_NETEM_LOSS, NULL, 0);
	addattr(r, NETEM_LOSS_GE, &ge, sizeof(ge));
	opt_end(r, nest);
	addattr(r, TCA_NETEM_RATE, &rt, sizeof(rt));
	addattr(r, TCA_NETEM_PRNG_SEED, &s, sizeof(s));
	addattr(r, TCA_NETEM_LATENCY64, &lat, sizeof(lat));
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	get_dump(nl, &d);
	KT_ASSERT(dump_attr(&d, TCA_NETEM_LOSS, &len));
	KT_EQ(len, 4 + (int)sizeof(ge));
	seedp = dump_attr(&d, TCA_NETEM_PRNG_SEED, NULL);
	KT_ASSERT(seedp);
	memcpy(&s, seedp, sizeof(s));
	KT_EQ(s, 99);
	/* 5000 s does not fit the qopt's ticks: LATENCY64 says it */
	KT_ASSERT(dump_attr(&d, TCA_NETEM_LATENCY64, NULL));
	KT_EQ(((struct tc_netem_qopt *)(void *)d.opts)->latency, UINT32_MAX);
	/* change with the qopt only */
	q.limit = 10;
	o = opt_begin(r, 0, &q);
	opt_end(r, o);
	KT_EQ(talk(nl, r), 0);
	get_dump(nl, &d);
	KT_ASSERT(!dump_attr(&d, TCA_NETEM_LOSS, NULL));
	KT_ASSERT(!dump_attr(&d, TCA_NETEM_LATENCY64, NULL));
	KT_EQ(((struct tc_netem_qopt *)(void *)d.opts)->limit, 10);
	prt = dump_attr(&d, TCA_NETEM_RATE, NULL);
	KT_ASSERT(prt);
	KT_EQ(prt->rate, 125000);
	KT_EQ(prt->packet_overhead, -4);
	KT_ASSERT(!dump_attr(&d, TCA_NETEM_ECN, NULL));
	KT_ASSERT(!dump_attr(&d, TCA_NETEM_SLOT, NULL));
	free(r);
	done();
}

KTEST_MAIN(KT(test_delay), KT(test_jitter_distribution), KT(test_loss_seeded),
	   KT(test_loss_models), KT(test_duplicate), KT(test_reorder),
	   KT(test_corrupt), KT(test_rate), KT(test_limit), KT(test_slot),
	   KT(test_ecn), KT(test_errors), KT(test_change_and_dump))
