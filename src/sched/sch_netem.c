// SPDX-License-Identifier: BSD-2-Clause
/*
 * netem, the network emulator: delay (with jitter, correlation and a
 * distribution table), loss (random with correlation, the 4-state Markov
 * model, Gilbert-Elliott), duplication, reordering (with a gap),
 * corruption, a rate (with packet and cell overheads), slots, a limit and
 * ECN marking instead of loss.  Packets wait in the tfifo, ordered by the
 * time they are due; the qdisc watchdog wakes the queue when the next one
 * is.  Every random choice comes from the qdisc's own generator, seeded by
 * TCA_NETEM_PRNG_SEED (or at random, as Linux), so that a seed under the
 * virtual clock replays exactly.
 * Linux: net/sched/sch_netem.c, lib/random32.c (the generator).
 */
#include <linux/ip.h>

#include <net/ip.h>
#include <net/netdevice.h>
#include <net/netlink.h>
#include <net/pkt_sched.h>

/* Linux 6.3's attribute; the build host's headers may predate it */
#ifndef TCA_NETEM_PRNG_SEED
#define TCA_NETEM_PRNG_SEED (TCA_NETEM_SLOT_DIST + 1)
#endif
#define NETEM_MAX_ATTR TCA_NETEM_PRNG_SEED

/* tc's times are in psched ticks of 64 ns */
#define PSCHED_SHIFT	   6
#define PSCHED_TICKS2NS(x) ((s64)(x) << PSCHED_SHIFT)
#define PSCHED_NS2TICKS(x) ((u64)(x) >> PSCHED_SHIFT)
#define NETEM_INT_MAX	   0x7fffffff

#ifndef INET_ECN_MASK
#define INET_ECN_NOT_ECT 0
#define INET_ECN_CE	 3
#define INET_ECN_MASK	 3
#endif

/* The Tausworthe generator of Linux's prandom (lfsr113): its seeding and
 * its sequence, so a seed gives the sequence Linux's netem draws. */
struct rnd_state {
	u32 s1, s2, s3, s4;
};

static u32 prandom_u32_state(struct rnd_state *s)
{
#define TAUSWORTHE(s, a, b, c, d) \
	((((s) & (c)) << (d)) ^ ((((s) << (a)) ^ (s)) >> (b)))
	s->s1 = TAUSWORTHE(s->s1, 6U, 13U, 4294967294U, 18U);
	s->s2 = TAUSWORTHE(s->s2, 2U, 27U, 4294967288U, 2U);
	s->s3 = TAUSWORTHE(s->s3, 13U, 21U, 4294967280U, 7U);
	s->s4 = TAUSWORTHE(s->s4, 3U, 12U, 4294967168U, 13U);
#undef TAUSWORTHE
	return s->s1 ^ s->s2 ^ s->s3 ^ s->s4;
}

static u32 prandom_seed_min(u32 x, u32 m)
{
	return x < m ? x + m : x;
}

static void prandom_seed_state(struct rnd_state *s, u64 seed)
{
	u32 i = (u32)((seed >> 32) ^ (seed << 10) ^ seed);

	s->s1 = prandom_seed_min(i, 2U);
	s->s2 = prandom_seed_min(i, 8U);
	s->s3 = prandom_seed_min(i, 16U);
	s->s4 = prandom_seed_min(i, 128U);
}

/* a correlated random stream: each value leans on the last by rho/2^32 */
struct crndstate {
	u32 last;
	u32 rho;
};

struct prng {
	u64 seed;
	struct rnd_state prng_state;
};

/* a distribution table (TCA_NETEM_DELAY_DIST, _SLOT_DIST): values in
 * units of sigma / NETEM_DIST_SCALE */
struct disttable {
	u32 size;
	s16 table[];
};

enum { CLG_RANDOM, CLG_4_STATES, CLG_GILB_ELL };
/* the 4-state model's states */
enum {
	TX_IN_GAP_PERIOD = 1,
	TX_IN_BURST_PERIOD,
	LOST_IN_GAP_PERIOD,
	LOST_IN_BURST_PERIOD,
};
/* Gilbert-Elliott's */
enum { GOOD_STATE = 1, BAD_STATE };

/* What netem keeps in skb->cb while a packet waits. */
struct netem_skb_cb {
	u64 time_to_send;
	u64 seq; /* arrival order: equal times leave in it */
};

static struct netem_skb_cb *netem_skb_cb(const struct sk_buff *skb)
{
	return (struct netem_skb_cb *)(void *)skb->cb;
}

struct netem_sched_data {
	/*
	 * The tfifo: packets in time order.  Those that come due no earlier
	 * than the last one queued are appended to a list (t_head..t_tail,
	 * the usual case); the others go into a min-heap on (time, seq),
	 * where Linux has an rbtree.  Reordered packets skip both: they sit
	 * at the head of sch->q.
	 */
	struct sk_buff *t_head, *t_tail;
	struct sk_buff **heap;
	u32 heap_len, heap_cap;
	u64 heap_max; /* the latest time in the heap (Linux's rb last) */
	u32 t_len;
	u64 seq;

	struct qdisc_watchdog watchdog;

	s64 latency, jitter;
	u32 loss, ecn, limit, counter, gap, duplicate, reorder, corrupt;
	u64 rate;
	s32 packet_overhead;
	u32 cell_size;
	s32 cell_overhead;

	struct crndstate delay_cor, loss_cor, dup_cor, reorder_cor, corrupt_cor;
	struct prng prng;
	struct disttable *delay_dist;

	int loss_model;
	/* the loss models' state: a1..a5 are their transition probabilities */
	struct {
		u8 state;
		u32 a1, a2, a3, a4, a5;
	} clg;

	struct tc_netem_slot slot_config;
	struct {
		u64 slot_next;
		s32 packets_left;
		s32 bytes_left;
	} slot;
	struct disttable *slot_dist;
};

static void init_crandom(struct crndstate *state, u32 rho, struct prng *p)
{
	state->rho = rho;
	/* Linux starts from get_random_u32(); the seeded stream here, so
	 * that a seed fixes everything */
	state->last = prandom_u32_state(&p->prng_state);
}

static u32 get_crandom(struct crndstate *state, struct prng *p)
{
	u64 value, rho;
	u32 answer;

	if (!state || state->rho == 0) /* no correlation */
		return prandom_u32_state(&p->prng_state);
	value = prandom_u32_state(&p->prng_state);
	rho = (u64)state->rho + 1;
	answer =
		(u32)((value * ((1ULL << 32) - rho) + state->last * rho) >> 32);
	state->last = answer;
	return answer;
}

/* the 4-state Markov model (Salsano et al., "Definition of a general and
 * intuitive loss model for packet networks"): true means lose it */
static bool loss_4state(struct netem_sched_data *q)
{
	u32 rnd = prandom_u32_state(&q->prng.prng_state);

	switch (q->clg.state) {
	case TX_IN_GAP_PERIOD:
		if (rnd < q->clg.a4) {
			q->clg.state = LOST_IN_GAP_PERIOD;
			return true;
		} else if (q->clg.a4 < rnd && rnd < q->clg.a1 + q->clg.a4) {
			q->clg.state = LOST_IN_BURST_PERIOD;
			return true;
		} else if (q->clg.a1 + q->clg.a4 < rnd) {
			q->clg.state = TX_IN_GAP_PERIOD;
		}
		break;
	case TX_IN_BURST_PERIOD:
		if (rnd < q->clg.a5) {
			q->clg.state = LOST_IN_BURST_PERIOD;
			return true;
		}
		q->clg.state = TX_IN_BURST_PERIOD;
		break;
	case LOST_IN_BURST_PERIOD:
		if (rnd < q->clg.a3) {
			q->clg.state = TX_IN_BURST_PERIOD;
		} else if (q->clg.a3 < rnd && rnd < q->clg.a2 + q->clg.a3) {
			q->clg.state = TX_IN_GAP_PERIOD;
		} else if (q->clg.a2 + q->clg.a3 < rnd) {
			q->clg.state = LOST_IN_BURST_PERIOD;
			return true;
		}
		break;
	case LOST_IN_GAP_PERIOD:
		q->clg.state = TX_IN_GAP_PERIOD;
		break;
	default:
		break;
	}
	return false;
}

/* Gilbert-Elliott: a good and a bad state, each with its loss rate
 * (1-k in the good one, 1-h in the bad one) */
static bool loss_gilb_ell(struct netem_sched_data *q)
{
	struct rnd_state *s = &q->prng.prng_state;

	switch (q->clg.state) {
	case GOOD_STATE:
		if (prandom_u32_state(s) < q->clg.a1)
			q->clg.state = BAD_STATE;
		if (prandom_u32_state(s) < q->clg.a4)
			return true;
		break;
	case BAD_STATE:
		if (prandom_u32_state(s) < q->clg.a2)
			q->clg.state = GOOD_STATE;
		if (prandom_u32_state(s) > q->clg.a3)
			return true;
		break;
	default:
		break;
	}
	return false;
}

static bool loss_event(struct netem_sched_data *q)
{
	switch (q->loss_model) {
	case CLG_RANDOM:
		return q->loss &&
		       q->loss >= get_crandom(&q->loss_cor, &q->prng);
	case CLG_4_STATES:
		return loss_4state(q);
	case CLG_GILB_ELL:
		return loss_gilb_ell(q);
	default:
		return false;
	}
}

/*
 * tabledist - a random time of mean @mu and deviation @sigma: uniform
 * without a table, else from the table (values in sigma/NETEM_DIST_SCALE,
 * scaled in two parts so that sigma * value cannot overflow).
 */
static s64 tabledist(s64 mu, s32 sigma, struct crndstate *state,
		     struct prng *prng, const struct disttable *dist)
{
	s64 x;
	long t;
	u32 rnd;

	if (sigma == 0)
		return mu;
	rnd = get_crandom(state, prng);
	if (!dist)
		return (s64)((u64)(rnd % (2 * (u32)sigma)) + (u64)mu -
			     (u64)(s64)sigma);
	t = dist->table[rnd % dist->size];
	x = (s64)(sigma % NETEM_DIST_SCALE) * t;
	if (x >= 0)
		x += NETEM_DIST_SCALE / 2;
	else
		x -= NETEM_DIST_SCALE / 2;
	/* wrapping as the kernel's arithmetic does (-fno-strict-overflow) */
	return (s64)((u64)(x / NETEM_DIST_SCALE) +
		     (u64)((s64)(sigma / NETEM_DIST_SCALE) * t) + (u64)mu);
}

/* packet_time_ns - how long @len bytes take at the rate, with the
 * per-packet overhead and whole cells (ATM-like links) */
static u64 packet_time_ns(u64 len, const struct netem_sched_data *q)
{
	len += (u64)(s64)q->packet_overhead;
	if (q->cell_size) {
		u64 cells = len / q->cell_size;

		if (len > cells * q->cell_size) /* the remainder: one more */
			cells++;
		len = cells * (u64)((s64)q->cell_size + q->cell_overhead);
	}
	return len * NSEC_PER_SEC / q->rate;
}

/* ---- the tfifo ---- */

static bool tfifo_before(const struct sk_buff *a, const struct sk_buff *b)
{
	const struct netem_skb_cb *ca = netem_skb_cb(a), *cb = netem_skb_cb(b);

	if (ca->time_to_send != cb->time_to_send)
		return ca->time_to_send < cb->time_to_send;
	return ca->seq < cb->seq;
}

static void heap_swap(struct netem_sched_data *q, u32 i, u32 j)
{
	struct sk_buff *t = q->heap[i];

	q->heap[i] = q->heap[j];
	q->heap[j] = t;
}

/* heap_push - false without memory for it */
static bool heap_push(struct netem_sched_data *q, struct sk_buff *skb)
{
	u32 i;

	if (q->heap_len == q->heap_cap) {
		u32 cap = q->heap_cap ? q->heap_cap * 2 : 64;
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
		struct sk_buff **h = kmalloc(sizeof(*h) * cap, GFP_ATOMIC);

		if (!h)
			return false;
		if (q->heap_len)
			/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
			memcpy(h, q->heap, sizeof(*h) * q->heap_len);
		kfree(q->heap);
		q->heap = h;
		q->heap_cap = cap;
	}
	if (!q->heap_len || netem_skb_cb(skb)->time_to_send > q->heap_max)
		q->heap_max = netem_skb_cb(skb)->time_to_send;
	i = q->heap_len++;
	q->heap[i] = skb;
	while (i && tfifo_before(q->heap[i], q->heap[(i - 1) / 2])) {
		heap_swap(q, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
	return true;
}

static void heap_pop(struct netem_sched_data *q)
{
	u32 i = 0;

	q->heap[0] = q->heap[--q->heap_len];
	for (;;) {
		u32 l = 2 * i + 1, r = l + 1, m = i;

		if (l < q->heap_len && tfifo_before(q->heap[l], q->heap[m]))
			m = l;
		if (r < q->heap_len && tfifo_before(q->heap[r], q->heap[m]))
			m = r;
		if (m == i)
			break;
		heap_swap(q, i, m);
		i = m;
	}
}

/* tfifo_enqueue - false without memory (the packet is not queued) */
static bool tfifo_enqueue(struct sk_buff *nskb, struct Qdisc *sch)
{
	struct netem_sched_data *q = qdisc_priv(sch);
	u64 tnext = netem_skb_cb(nskb)->time_to_send;

	netem_skb_cb(nskb)->seq = q->seq++;
	if (!q->t_tail || tnext >= netem_skb_cb(q->t_tail)->time_to_send) {
		nskb->next = NULL;
		if (q->t_tail)
			q->t_tail->next = nskb;
		else
			q->t_head = nskb;
		q->t_tail = nskb;
	} else if (!heap_push(q, nskb)) {
		return false;
	}
	q->t_len++;
	sch->qstats.qlen++;
	return true;
}

/* the packet due first, of the list and the heap */
static struct sk_buff *netem_peek(struct netem_sched_data *q)
{
	struct sk_buff *skb = q->heap_len ? q->heap[0] : NULL;

	if (!skb)
		return q->t_head;
	if (!q->t_head)
		return skb;
	return tfifo_before(skb, q->t_head) ? skb : q->t_head;
}

static void netem_erase_head(struct netem_sched_data *q, struct sk_buff *skb)
{
	if (skb == q->t_head) {
		q->t_head = skb->next;
		if (!q->t_head)
			q->t_tail = NULL;
	} else {
		heap_pop(q);
	}
	skb->next = NULL;
	skb->prev = NULL;
}

static void tfifo_reset(struct Qdisc *sch)
{
	struct netem_sched_data *q = qdisc_priv(sch);
	struct sk_buff *skb;
	u32 i;

	while ((skb = q->t_head)) {
		q->t_head = skb->next;
		kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
	}
	q->t_tail = NULL;
	for (i = 0; i < q->heap_len; i++)
		kfree_skb_reason(q->heap[i], SKB_DROP_REASON_QDISC_DROP);
	q->heap_len = 0;
	q->t_len = 0;
}

/* ---- enqueue ---- */

/* INET_ECN_set_ce for IPv4: mark an ECN-capable packet CE (true), or say
 * it is not ECN-capable (false); the header checksum follows */
static bool netem_set_ce(struct sk_buff *skb)
{
	struct iphdr *iph;
	unsigned int off;

	if (skb->protocol != htons(ETH_P_IP))
		return false;
	off = (unsigned int)skb_network_offset(skb);
	if (skb_headlen(skb) < off + sizeof(*iph))
		return false;
	iph = ip_hdr(skb);
	if ((iph->tos & INET_ECN_MASK) == INET_ECN_NOT_ECT)
		return false;
	if ((iph->tos & INET_ECN_MASK) != INET_ECN_CE) {
		iph->tos |= INET_ECN_CE;
		ip_send_check(iph);
	}
	return true;
}

/* netem_last_time - the latest due time queued (the reference for the
 * rate's next packet); false if nothing is queued */
static bool netem_last_time(const struct netem_sched_data *q, struct Qdisc *sch,
			    u64 *t)
{
	bool any = false;

	if (!skb_queue_empty(&sch->q)) {
		*t = netem_skb_cb(sch->q.prev)->time_to_send;
		any = true;
	}
	if (q->heap_len && (!any || q->heap_max > *t)) {
		*t = q->heap_max;
		any = true;
	}
	if (q->t_tail && (!any || netem_skb_cb(q->t_tail)->time_to_send > *t)) {
		*t = netem_skb_cb(q->t_tail)->time_to_send;
		any = true;
	}
	return any;
}

/* netem_segment - @skb cut into its segments (consumed); NULL if that
 * failed (dropped) */
static struct sk_buff *netem_segment(struct sk_buff *skb, struct Qdisc *sch)
{
	struct sk_buff *segs = skb_gso_segment(skb, 0);

	if (IS_ERR_OR_NULL(segs)) {
		qdisc_drop(skb, sch);
		return NULL;
	}
	consume_skb(skb);
	return segs;
}

static void netem_enqueue_segs(struct sk_buff *segs, struct Qdisc *sch);

static int netem_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	struct netem_sched_data *q = qdisc_priv(sch);
	struct sk_buff *skb2 = NULL, *segs = NULL;
	struct netem_skb_cb *cb;
	int count = 1;

	/* random duplication */
	if (q->duplicate && q->duplicate >= get_crandom(&q->dup_cor, &q->prng))
		++count;

	/* loss, or a CE mark instead when asked and the packet can take it */
	if (loss_event(q)) {
		if (q->ecn && netem_set_ce(skb))
			sch->qstats.drops++; /* Linux counts the mark so */
		else
			--count;
	}
	if (count == 0) {
		sch->qstats.drops++;
		kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
		/* a loss on the wire: the sender is not told */
		return NET_XMIT_SUCCESS;
	}

	/* delayed: the sender's buffer is freed now, not at the "wire" */
	if (q->latency || q->jitter || q->rate)
		skb_orphan(skb);

	/* the copy is taken before the original is corrupted */
	if (count > 1)
		skb2 = skb_clone(skb, GFP_ATOMIC);

	if (q->corrupt &&
	    q->corrupt >= get_crandom(&q->corrupt_cor, &q->prng)) {
		u32 r;

		/* a GSO packet is cut first and only its first segment is
		 * corrupted: a bit flipped in the super-packet's header would
		 * reach every segment with a checksum made after it */
		if (skb_is_gso(skb)) {
			skb = netem_segment(skb, sch);
			if (!skb)
				goto finish_segs;
			segs = skb->next;
			skb->next = NULL;
		}
		skb = skb_unshare(skb, GFP_ATOMIC);
		if (unlikely(!skb)) {
			sch->qstats.drops++;
			goto finish;
		}
		/* a checksum left to the device is made first, then broken */
		if (skb->ip_summed == CHECKSUM_PARTIAL &&
		    skb_checksum_help(skb)) {
			qdisc_drop(skb, sch);
			skb = NULL;
			goto finish;
		}
		if (skb_headlen(skb)) {
			r = prandom_u32_state(&q->prng.prng_state);
			skb->data[(u64)r * skb_headlen(skb) >> 32] ^=
				(u8)(1U << ((u64)prandom_u32_state(
						    &q->prng.prng_state) *
						    8 >>
					    32));
		}
	}

	if (unlikely(q->t_len >= sch->limit)) {
		qdisc_drop(skb, sch);
		if (skb2)
			kfree_skb_reason(skb2, SKB_DROP_REASON_QDISC_DROP);
		return NET_XMIT_DROP;
	}

	/* the copy goes in as a new packet (Linux: at the root, which this
	 * qdisc is), never duplicated again */
	if (skb2) {
		u32 dupsave = q->duplicate;

		q->duplicate = 0;
		netem_enqueue(skb2, sch);
		q->duplicate = dupsave;
		skb2 = NULL;
	}

	cb = netem_skb_cb(skb);
	if (q->gap == 0 || /* not reordering */
	    q->counter < q->gap - 1 || /* inside the reordering gap */
	    q->reorder < get_crandom(&q->reorder_cor, &q->prng)) {
		u64 now;
		s64 delay;

		delay = tabledist(q->latency, (s32)q->jitter, &q->delay_cor,
				  &q->prng, q->delay_dist);
		now = ktime_get_ns(current_stack());
		if (q->rate) {
			u64 last;

			if (netem_last_time(q, sch, &last)) {
				/* the last queued packet is the reference:
				 * what it still waits is taken off */
				delay = (s64)((u64)delay - (last - now));
				if (delay < 0)
					delay = 0;
				now = last;
			}
			delay = (s64)((u64)delay +
				      packet_time_ns(qdisc_pkt_len(skb), q));
		}
		/* jitter may reach below zero: due at once (the virtual
		 * clock starts at 0, where Linux's has long run) */
		if (delay < 0 && 0 - (u64)delay > now)
			cb->time_to_send = 0;
		else
			cb->time_to_send = now + (u64)delay;
		if (!tfifo_enqueue(skb, sch)) {
			netem_enqueue_segs(segs, sch);
			return qdisc_drop(skb, sch);
		}
		++q->counter;
	} else {
		/* reordering: this one goes out first, now */
		cb->time_to_send = ktime_get_ns(current_stack());
		q->counter = 0;
		skb_queue_head(&sch->q, skb);
		sch->qstats.qlen++;
		sch->qstats.requeues++;
	}
	sch->qstats.backlog += qdisc_pkt_len(skb);
	netem_enqueue_segs(segs, sch);
	return NET_XMIT_SUCCESS;

finish:
	if (skb2)
		kfree_skb_reason(skb2, SKB_DROP_REASON_QDISC_DROP);
finish_segs:
	netem_enqueue_segs(segs, sch);
	return NET_XMIT_SUCCESS;
}

/* the rest of a GSO packet cut for corruption: each segment goes in as a
 * packet of its own, with its own loss, delay and corruption (Linux
 * enqueues them to this qdisc again) */
static void netem_enqueue_segs(struct sk_buff *segs, struct Qdisc *sch)
{
	while (segs) {
		struct sk_buff *next = segs->next;

		segs->next = NULL;
		if (netem_enqueue(segs, sch) != NET_XMIT_SUCCESS)
			sch->qstats.drops++;
		segs = next;
	}
}

/* ---- dequeue ---- */

/* the next slot: its time, and what it may carry */
static void get_slot_next(struct netem_sched_data *q, u64 now)
{
	s64 next_delay;

	if (!q->slot_dist)
		next_delay =
			q->slot_config.min_delay +
			(s64)(((u64)prandom_u32_state(&q->prng.prng_state) *
			       (u64)(q->slot_config.max_delay -
				     q->slot_config.min_delay)) >>
			      32);
	else
		next_delay = tabledist(q->slot_config.dist_delay,
				       (s32)q->slot_config.dist_jitter, NULL,
				       &q->prng, q->slot_dist);
	q->slot.slot_next = now + (u64)next_delay;
	q->slot.packets_left = q->slot_config.max_packets;
	q->slot.bytes_left = q->slot_config.max_bytes;
}

static struct sk_buff *netem_dequeue(struct Qdisc *sch)
{
	struct netem_sched_data *q = qdisc_priv(sch);
	struct sk_buff *skb;
	u64 time_to_send, now;

	skb = skb_dequeue(&sch->q); /* a reordered packet: at once */
	if (skb)
		goto deliver;
	skb = netem_peek(q);
	if (!skb)
		return NULL;
	now = ktime_get_ns(current_stack());
	time_to_send = netem_skb_cb(skb)->time_to_send;
	if (q->slot.slot_next && q->slot.slot_next < time_to_send)
		get_slot_next(q, now);
	if (time_to_send <= now && q->slot.slot_next <= now) {
		netem_erase_head(q, skb);
		q->t_len--;
		skb->dev = qdisc_dev(sch);
		if (q->slot.slot_next) {
			q->slot.packets_left--;
			q->slot.bytes_left -= (s32)qdisc_pkt_len(skb);
			if (q->slot.packets_left <= 0 ||
			    q->slot.bytes_left <= 0)
				get_slot_next(q, now);
		}
		goto deliver;
	}
	qdisc_watchdog_schedule_ns(&q->watchdog,
				   max_t(u64, time_to_send, q->slot.slot_next));
	return NULL;

deliver:
	sch->qstats.qlen--;
	sch->qstats.backlog -= qdisc_pkt_len(skb);
	qdisc_bstats_update(sch, skb);
	return skb;
}

static struct sk_buff *netem_peek_op(struct Qdisc *sch)
{
	struct netem_sched_data *q = qdisc_priv(sch);

	if (!skb_queue_empty(&sch->q))
		return skb_peek(&sch->q);
	return netem_peek(q);
}

static void netem_reset(struct Qdisc *sch)
{
	struct netem_sched_data *q = qdisc_priv(sch);

	tfifo_reset(sch);
	qdisc_watchdog_cancel(&q->watchdog);
}

/* ---- configuration ---- */

static const struct nla_policy netem_policy[NETEM_MAX_ATTR + 1] = {
	[TCA_NETEM_CORR] = { .len = sizeof(struct tc_netem_corr) },
	[TCA_NETEM_REORDER] = { .len = sizeof(struct tc_netem_reorder) },
	[TCA_NETEM_CORRUPT] = { .len = sizeof(struct tc_netem_corrupt) },
	[TCA_NETEM_RATE] = { .len = sizeof(struct tc_netem_rate) },
	[TCA_NETEM_LOSS] = { .type = NLA_NESTED },
	[TCA_NETEM_ECN] = { .type = NLA_U32 },
	[TCA_NETEM_RATE64] = { .type = NLA_U64 },
	[TCA_NETEM_LATENCY64] = { .type = NLA_U64 }, /* NLA_S64 */
	[TCA_NETEM_JITTER64] = { .type = NLA_U64 }, /* NLA_S64 */
	[TCA_NETEM_SLOT] = { .len = sizeof(struct tc_netem_slot) },
	[TCA_NETEM_PRNG_SEED] = { .type = NLA_U64 },
};

/*
 * parse_attr - TCA_OPTIONS is a struct tc_netem_qopt followed by
 * attributes (not a plain nest): too short for the struct is -EINVAL.
 */
static int parse_attr(struct nlattr **tb, const struct nlattr *nla, int len)
{
	int nested_len = nla_len(nla) - (int)NLA_ALIGN(len);

	if (nested_len < 0)
		return -EINVAL;
	if (nested_len >= nla_attr_size(0))
		return nla_parse(
			tb, NETEM_MAX_ATTR,
			(const struct nlattr
				 *)(const void *)((const char *)nla_data(nla) +
						  NLA_ALIGN(len)),
			nested_len, netem_policy, NULL);
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	memset(tb, 0, sizeof(*tb) * (NETEM_MAX_ATTR + 1));
	return 0;
}

static s64 get_s64(const struct nlattr *nla)
{
	s64 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static int get_dist_table(struct disttable **tbl, const struct nlattr *attr)
{
	size_t n = (size_t)nla_len(attr) / sizeof(s16);
	struct disttable *d;

	if (!n || n > NETEM_DIST_MAX)
		return -EINVAL;
	d = kmalloc(sizeof(*d) + n * sizeof(s16), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->size = (u32)n;
	memcpy(d->table, nla_data(attr), n * sizeof(s16));
	*tbl = d;
	return 0;
}

static int get_loss_clg(struct netem_sched_data *q, const struct nlattr *attr)
{
	const struct nlattr *la;
	int rem;

	nla_for_each_nested(la, attr, rem) {
		switch (nla_type(la)) {
		case NETEM_LOSS_GI: {
			struct tc_netem_gimodel gi;

			if (nla_len(la) < (int)sizeof(gi))
				return -EINVAL; /* "incorrect gi model size" */
			memcpy(&gi, nla_data(la), sizeof(gi));
			q->loss_model = CLG_4_STATES;
			q->clg.state = TX_IN_GAP_PERIOD;
			q->clg.a1 = gi.p13;
			q->clg.a2 = gi.p31;
			q->clg.a3 = gi.p32;
			q->clg.a4 = gi.p14;
			q->clg.a5 = gi.p23;
			break;
		}
		case NETEM_LOSS_GE: {
			struct tc_netem_gemodel ge;

			if (nla_len(la) < (int)sizeof(ge))
				return -EINVAL; /* "incorrect ge model size" */
			memcpy(&ge, nla_data(la), sizeof(ge));
			q->loss_model = CLG_GILB_ELL;
			q->clg.state = GOOD_STATE;
			q->clg.a1 = ge.p;
			q->clg.a2 = ge.r;
			q->clg.a3 = ge.h;
			q->clg.a4 = ge.k1;
			break;
		}
		default:
			return -EINVAL; /* "unknown loss type" */
		}
	}
	return 0;
}

static void get_slot(struct netem_sched_data *q, const struct nlattr *attr)
{
	memcpy(&q->slot_config, nla_data(attr), sizeof(q->slot_config));
	if (q->slot_config.max_packets == 0)
		q->slot_config.max_packets = NETEM_INT_MAX;
	if (q->slot_config.max_bytes == 0)
		q->slot_config.max_bytes = NETEM_INT_MAX;
	/* what tabledist() can take */
	if (q->slot_config.dist_jitter < 0)
		q->slot_config.dist_jitter = -q->slot_config.dist_jitter;
	if (q->slot_config.dist_jitter > NETEM_INT_MAX ||
	    q->slot_config.dist_jitter < 0)
		q->slot_config.dist_jitter = NETEM_INT_MAX;
	q->slot.packets_left = q->slot_config.max_packets;
	q->slot.bytes_left = q->slot_config.max_bytes;
	if (q->slot_config.min_delay | q->slot_config.max_delay |
	    q->slot_config.dist_jitter)
		q->slot.slot_next = ktime_get_ns(current_stack());
	else
		q->slot.slot_next = 0;
}

/*
 * netem_change - the whole configuration from TCA_OPTIONS, as Linux:
 * the qopt always; correlation, reorder, corrupt, rate and slot only when
 * their attribute comes (else the old values stay); the loss model back to
 * random unless TCA_NETEM_LOSS names one; the generator reseeded.
 */
static int netem_change(struct Qdisc *sch, const struct nlattr *opt,
			struct netlink_ext_ack *extack)
{
	struct netem_sched_data *q = qdisc_priv(sch);
	struct nlattr *tb[NETEM_MAX_ATTR + 1];
	struct disttable *delay_dist = NULL, *slot_dist = NULL;
	struct tc_netem_qopt qopt;
	int old_loss_model;
	int ret;

	(void)extack;
	if (!opt)
		return -EINVAL;
	ret = parse_attr(tb, opt, (int)sizeof(qopt));
	if (ret < 0)
		return ret;
	memcpy(&qopt, nla_data(opt), sizeof(qopt));
	if (tb[TCA_NETEM_DELAY_DIST]) {
		ret = get_dist_table(&delay_dist, tb[TCA_NETEM_DELAY_DIST]);
		if (ret)
			goto table_free;
	}
	if (tb[TCA_NETEM_SLOT_DIST]) {
		ret = get_dist_table(&slot_dist, tb[TCA_NETEM_SLOT_DIST]);
		if (ret)
			goto table_free;
	}

	old_loss_model = q->loss_model;
	if (tb[TCA_NETEM_LOSS]) {
		__typeof__(q->clg) old_clg = q->clg;

		ret = get_loss_clg(q, tb[TCA_NETEM_LOSS]);
		if (ret) {
			q->loss_model = old_loss_model;
			q->clg = old_clg;
			goto table_free;
		}
	} else {
		q->loss_model = CLG_RANDOM;
	}

	if (delay_dist) {
		struct disttable *t = q->delay_dist;

		q->delay_dist = delay_dist;
		delay_dist = t;
	}
	if (slot_dist) {
		struct disttable *t = q->slot_dist;

		q->slot_dist = slot_dist;
		slot_dist = t;
	}
	sch->limit = qopt.limit;
	q->latency = PSCHED_TICKS2NS(qopt.latency);
	q->jitter = PSCHED_TICKS2NS(qopt.jitter);
	q->limit = qopt.limit;
	q->gap = qopt.gap;
	q->counter = 0;
	q->loss = qopt.loss;
	/* one netem in the tree (only root qdiscs exist): nothing to mix */
	q->duplicate = qopt.duplicate;

	/* for old tools: a gap alone means reordering every gap-th packet */
	if (q->gap)
		q->reorder = ~0U;

	/* the seed first: the correlated streams start from it */
	if (tb[TCA_NETEM_PRNG_SEED])
		q->prng.seed = nla_get_u64(tb[TCA_NETEM_PRNG_SEED]);
	else
		q->prng.seed = (u64)get_random_u32() << 32 | get_random_u32();
	prandom_seed_state(&q->prng.prng_state, q->prng.seed);

	if (tb[TCA_NETEM_CORR]) {
		struct tc_netem_corr c;

		memcpy(&c, nla_data(tb[TCA_NETEM_CORR]), sizeof(c));
		init_crandom(&q->delay_cor, c.delay_corr, &q->prng);
		init_crandom(&q->loss_cor, c.loss_corr, &q->prng);
		init_crandom(&q->dup_cor, c.dup_corr, &q->prng);
	}
	if (tb[TCA_NETEM_REORDER]) {
		struct tc_netem_reorder r;

		memcpy(&r, nla_data(tb[TCA_NETEM_REORDER]), sizeof(r));
		q->reorder = r.probability;
		init_crandom(&q->reorder_cor, r.correlation, &q->prng);
	}
	if (tb[TCA_NETEM_CORRUPT]) {
		struct tc_netem_corrupt r;

		memcpy(&r, nla_data(tb[TCA_NETEM_CORRUPT]), sizeof(r));
		q->corrupt = r.probability;
		init_crandom(&q->corrupt_cor, r.correlation, &q->prng);
	}
	if (tb[TCA_NETEM_RATE]) {
		struct tc_netem_rate r;

		memcpy(&r, nla_data(tb[TCA_NETEM_RATE]), sizeof(r));
		q->rate = r.rate;
		q->packet_overhead = r.packet_overhead;
		q->cell_size = r.cell_size;
		q->cell_overhead = r.cell_overhead;
	}
	if (tb[TCA_NETEM_RATE64])
		q->rate =
			max_t(u64, q->rate, nla_get_u64(tb[TCA_NETEM_RATE64]));
	if (tb[TCA_NETEM_LATENCY64])
		q->latency = get_s64(tb[TCA_NETEM_LATENCY64]);
	if (tb[TCA_NETEM_JITTER64])
		q->jitter = get_s64(tb[TCA_NETEM_JITTER64]);
	if (tb[TCA_NETEM_ECN])
		q->ecn = nla_get_u32(tb[TCA_NETEM_ECN]);
	if (tb[TCA_NETEM_SLOT])
		get_slot(q, tb[TCA_NETEM_SLOT]);

	/* what tabledist() can take */
	if (q->jitter < 0)
		q->jitter = q->jitter == INT64_MIN ? INT64_MAX : -q->jitter;
	if (q->jitter > NETEM_INT_MAX)
		q->jitter = NETEM_INT_MAX;

table_free:
	kfree(delay_dist);
	kfree(slot_dist);
	return ret;
}

static int netem_init(struct Qdisc *sch, const struct nlattr *opt,
		      struct netlink_ext_ack *extack)
{
	struct netem_sched_data *q = qdisc_priv(sch);

	qdisc_watchdog_init(&q->watchdog, sch);
	if (!opt)
		return -EINVAL;
	q->loss_model = CLG_RANDOM;
	return netem_change(sch, opt, extack);
}

static void netem_destroy(struct Qdisc *sch)
{
	struct netem_sched_data *q = qdisc_priv(sch);

	qdisc_watchdog_cancel(&q->watchdog);
	tfifo_reset(sch);
	kfree(q->heap);
	q->heap = NULL;
	q->heap_cap = 0;
	kfree(q->delay_dist);
	kfree(q->slot_dist);
}

static int dump_loss_model(const struct netem_sched_data *q,
			   struct sk_buff *skb)
{
	struct nlattr *nest = nla_nest_start_noflag(skb, TCA_NETEM_LOSS);

	if (!nest)
		return -EMSGSIZE;
	switch (q->loss_model) {
	case CLG_4_STATES: {
		struct tc_netem_gimodel gi = {
			.p13 = q->clg.a1,
			.p31 = q->clg.a2,
			.p32 = q->clg.a3,
			.p14 = q->clg.a4,
			.p23 = q->clg.a5,
		};

		if (nla_put(skb, NETEM_LOSS_GI, sizeof(gi), &gi))
			return -EMSGSIZE;
		break;
	}
	case CLG_GILB_ELL: {
		struct tc_netem_gemodel ge = {
			.p = q->clg.a1,
			.r = q->clg.a2,
			.h = q->clg.a3,
			.k1 = q->clg.a4,
		};

		if (nla_put(skb, NETEM_LOSS_GE, sizeof(ge), &ge))
			return -EMSGSIZE;
		break;
	}
	default:
		/* the random model is the qopt's loss: no nest */
		nla_nest_cancel(skb, nest);
		return 0;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* TCA_OPTIONS: the qopt (times in ticks), then the attributes */
static int netem_dump(struct Qdisc *sch, struct sk_buff *skb)
{
	const struct netem_sched_data *q = qdisc_priv(sch);
	struct nlattr *nla = (struct nlattr *)(void *)skb->tail;
	struct tc_netem_qopt qopt;
	struct tc_netem_corr cor;
	struct tc_netem_reorder reorder;
	struct tc_netem_corrupt corrupt;
	struct tc_netem_rate rate;
	struct tc_netem_slot slot;
	u64 t;

	t = PSCHED_NS2TICKS(q->latency);
	qopt.latency = (u32)min_t(u64, t, UINT32_MAX);
	t = PSCHED_NS2TICKS(q->jitter);
	qopt.jitter = (u32)min_t(u64, t, UINT32_MAX);
	qopt.limit = q->limit;
	qopt.loss = q->loss;
	qopt.gap = q->gap;
	qopt.duplicate = q->duplicate;
	if (nla_put(skb, TCA_OPTIONS, sizeof(qopt), &qopt))
		return -EMSGSIZE;
	if (PSCHED_TICKS2NS(qopt.latency) != q->latency &&
	    nla_put(skb, TCA_NETEM_LATENCY64, sizeof(q->latency), &q->latency))
		return -EMSGSIZE;
	if (PSCHED_TICKS2NS(qopt.jitter) != q->jitter &&
	    nla_put(skb, TCA_NETEM_JITTER64, sizeof(q->jitter), &q->jitter))
		return -EMSGSIZE;
	cor.delay_corr = q->delay_cor.rho;
	cor.loss_corr = q->loss_cor.rho;
	cor.dup_corr = q->dup_cor.rho;
	if (nla_put(skb, TCA_NETEM_CORR, sizeof(cor), &cor))
		return -EMSGSIZE;
	reorder.probability = q->reorder;
	reorder.correlation = q->reorder_cor.rho;
	if (nla_put(skb, TCA_NETEM_REORDER, sizeof(reorder), &reorder))
		return -EMSGSIZE;
	corrupt.probability = q->corrupt;
	corrupt.correlation = q->corrupt_cor.rho;
	if (nla_put(skb, TCA_NETEM_CORRUPT, sizeof(corrupt), &corrupt))
		return -EMSGSIZE;
	if (q->rate >= (1ULL << 32)) {
		if (nla_put_u64_64bit(skb, TCA_NETEM_RATE64, q->rate,
				      TCA_NETEM_PAD))
			return -EMSGSIZE;
		rate.rate = ~0U;
	} else {
		rate.rate = (u32)q->rate;
	}
	rate.packet_overhead = q->packet_overhead;
	rate.cell_size = q->cell_size;
	rate.cell_overhead = q->cell_overhead;
	if (nla_put(skb, TCA_NETEM_RATE, sizeof(rate), &rate))
		return -EMSGSIZE;
	if (q->ecn && nla_put_u32(skb, TCA_NETEM_ECN, q->ecn))
		return -EMSGSIZE;
	if (dump_loss_model(q, skb))
		return -EMSGSIZE;
	if (q->slot_config.min_delay | q->slot_config.max_delay |
	    q->slot_config.dist_jitter) {
		slot = q->slot_config;
		if (slot.max_packets == NETEM_INT_MAX)
			slot.max_packets = 0;
		if (slot.max_bytes == NETEM_INT_MAX)
			slot.max_bytes = 0;
		if (nla_put(skb, TCA_NETEM_SLOT, sizeof(slot), &slot))
			return -EMSGSIZE;
	}
	if (nla_put_u64_64bit(skb, TCA_NETEM_PRNG_SEED, q->prng.seed,
			      TCA_NETEM_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nla);
	return 0;
}

const struct Qdisc_ops netem_qdisc_ops = {
	.id = "netem",
	.priv_size = sizeof(struct netem_sched_data),
	.enqueue = netem_enqueue,
	.dequeue = netem_dequeue,
	.peek = netem_peek_op,
	.init = netem_init,
	.change = netem_change,
	.reset = netem_reset,
	.destroy = netem_destroy,
	.dump = netem_dump,
};
