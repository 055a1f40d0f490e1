// SPDX-License-Identifier: BSD-2-Clause
/*
 * BBR congestion control, version 1 (Cardwell et al., "BBR:
 * Congestion-Based Congestion Control", ACM Queue 2016;
 * draft-cardwell-iccrg-bbr-congestion-control-00), as Linux 6.18's
 * net/ipv4/tcp_bbr.c runs it, with its constants and integer arithmetic
 * so that cwnd and the pacing rate come out as Linux's for the same ACKs.
 *
 * BBR builds a model of the path from the delivery-rate samples of
 * tcp_rate.c: the bottleneck bandwidth (the highest delivery rate of the
 * last 10 round trips) and the propagation delay (the lowest RTT of the
 * last 10 s).  It paces at pacing_gain times the bandwidth and keeps
 * cwnd_gain times the bandwidth-delay product in flight.  Four modes:
 *
 *   STARTUP     gains 2/ln2 (2.885): the rate doubles each round trip,
 *               until three rounds in a row raise the bandwidth by less
 *               than 25% (the pipe is full);
 *   DRAIN       pacing gain ln2/2: empties the queue STARTUP built, down
 *               to one BDP in flight;
 *   PROBE_BW    an 8-phase cycle of pacing gains 5/4, 3/4, 1, 1, 1, 1,
 *               1, 1 (one min_rtt each), cwnd gain 2: probe for more
 *               bandwidth, then drain what the probe queued;
 *   PROBE_RTT   when min_rtt has not been refreshed for 10 s: cwnd 4 for
 *               200 ms and a round trip, so that the queue empties and
 *               the propagation delay shows.
 *
 * A long-term ("policer") estimate takes over when the losses of 4-16
 * round trips show a steady rate (a token-bucket policer), and ACK
 * aggregation (ACKs that arrive in bursts) earns extra cwnd.
 *
 * BBR paces: it asks for internal pacing (SK_PACING_NEEDED) since this
 * stack has no fq qdisc, and tcp_output.c spaces packets by
 * sk_pacing_rate.
 *
 * Units: bandwidth in segments per us << BW_SCALE; gains in 1/256
 * (BBR_UNIT); time in us (tcp_mstamp) and ms (tcp_jiffies32).
 * Linux: net/ipv4/tcp_bbr.c.
 */
#include <linux/inet_diag.h>

#include <net/net_namespace.h>
#include <net/stack.h>
#include <net/tcp.h>

#define BW_SCALE      24
#define BW_UNIT	      (1U << BW_SCALE)

#define BBR_SCALE     8 /* gains in 1/256 */
#define BBR_UNIT      (1U << BBR_SCALE)

#define USEC_PER_SEC  1000000U
#define USEC_PER_MSEC 1000U

enum bbr_mode {
	BBR_STARTUP,
	BBR_DRAIN,
	BBR_PROBE_BW,
	BBR_PROBE_RTT,
};

/* the bandwidth filter's window: a full gain cycle and two rounds */
#define CYCLE_LEN   8
#define BBR_BW_RTTS (CYCLE_LEN + 2)
/* min_rtt's window (s) and PROBE_RTT's length (ms) */
#define BBR_MIN_RTT_WIN_SEC   10U
#define BBR_PROBE_RTT_MODE_MS 200U
/* below this rate (bits/s) one segment per TSO packet is enough */
#define BBR_MIN_TSO_RATE 1200000U
/* pace 1% below the model, so that queues drain */
#define BBR_PACING_MARGIN_PCT 1U
/* 2/ln2 rounded up: the smallest gain that doubles the rate per round */
#define BBR_HIGH_GAIN  (BBR_UNIT * 2885 / 1000 + 1)
#define BBR_DRAIN_GAIN (BBR_UNIT * 1000 / 2885)
#define BBR_CWND_GAIN  (BBR_UNIT * 2)
/* PROBE_BW starts in a random phase, never the draining one */
#define BBR_CYCLE_RAND	    7U
#define BBR_CWND_MIN_TARGET 4U
/* full pipe: 3 rounds growing the bandwidth less than 25% */
#define BBR_FULL_BW_THRESH (BBR_UNIT * 5 / 4)
#define BBR_FULL_BW_CNT	   3U
/* long-term sampling: intervals of 4..16 rounds, lossy (20%), rates
 * within 1/8 or 4 kbit/s of each other; used for 48 rounds */
#define BBR_LT_INTVL_MIN_RTTS 4U
#define BBR_LT_LOSS_THRESH    50U
#define BBR_LT_BW_RATIO	      (BBR_UNIT / 8)
#define BBR_LT_BW_DIFF	      (4000U / 8)
#define BBR_LT_BW_MAX_RTTS    48U
/* ACK aggregation: gain 1, windows of 5 rounds, at most 100 ms of data */
#define BBR_EXTRA_ACKED_GAIN		 BBR_UNIT
#define BBR_EXTRA_ACKED_WIN_RTTS	 5U
#define BBR_ACK_EPOCH_ACKED_RESET_THRESH (1U << 20)
#define BBR_EXTRA_ACKED_MAX_US		 100000U /* 100 ms */

static const u32 bbr_pacing_gain[CYCLE_LEN] = {
	BBR_UNIT * 5 / 4, /* probe for more bandwidth */
	BBR_UNIT * 3 / 4, /* drain the queue the probe built */
	BBR_UNIT,	  BBR_UNIT, BBR_UNIT, /* cruise at the estimate */
	BBR_UNIT,	  BBR_UNIT, BBR_UNIT,
};

/*
 * struct bbr_minmax - a windowed maximum (Kathleen Nichols' algorithm,
 * Linux's lib/win_minmax.c): the best, second best and third best samples
 * of the window, each newer than the one before, so that when the best
 * one ages out the next one is at hand.
 */
struct bbr_minmax_sample {
	u32 t; /* when (here: the round count) */
	u32 v; /* the value */
};

struct bbr_minmax {
	struct bbr_minmax_sample s[3];
};

/*
 * struct bbr - BBR's state: 104 bytes, more than icsk_ca_priv holds, so
 * out of line (tcp_congestion_ops.priv_size; Linux's fits its 104)
 */
struct bbr {
	u32 min_rtt_us; /* the propagation delay estimate */
	u32 min_rtt_stamp; /* ms: when it was taken */
	u32 probe_rtt_done_stamp; /* ms: PROBE_RTT may end after this */
	struct bbr_minmax bw; /* the bottleneck bandwidth, BW_UNIT */
	u32 rtt_cnt; /* round trips counted */
	u32 next_rtt_delivered; /* the round ends at this delivered count */
	u64 cycle_mstamp; /* us: when the gain cycle phase began */
	u32 mode : 3, /* enum bbr_mode */
		prev_ca_state : 3, /* the CA state of the last ACK */
		packet_conservation : 1, /* first round of recovery */
		round_start : 1, /* this ACK began a new round */
		idle_restart : 1, /* restarting after idle */
		probe_rtt_round_done : 1, /* a round passed in PROBE_RTT */
		unused : 13, lt_is_sampling : 1, /* long-term interval runs */
		lt_rtt_cnt : 7, /* its round trips */
		lt_use_bw : 1; /* the long-term rate is in use */
	u32 lt_bw; /* the long-term rate (policer), BW_UNIT */
	u32 lt_last_delivered; /* the interval's start: delivered, */
	u32 lt_last_stamp; /* ... time (ms) */
	u32 lt_last_lost; /* ... and lost */
	u32 pacing_gain : 10, /* BBR_UNIT */
		cwnd_gain : 10, /* BBR_UNIT */
		full_bw_reached : 1, /* STARTUP found the pipe full */
		full_bw_cnt : 2, /* rounds without 25% growth */
		cycle_idx : 3, /* the phase of the gain cycle */
		has_seen_rtt : 1, /* the pacing rate came from an RTT */
		unused_b : 5;
	u32 prior_cwnd; /* cwnd before loss recovery or PROBE_RTT */
	u32 full_bw; /* the bandwidth STARTUP's growth is checked against */
	/* ACK aggregation */
	u64 ack_epoch_mstamp; /* us: the start of the ACK epoch */
	u16 extra_acked[2]; /* the most ACKed beyond the rate, 2 windows */
	u32 ack_epoch_acked : 20, /* segments ACKed this epoch */
		extra_acked_win_rtts : 5, /* rounds of the current window */
		extra_acked_win_idx : 1, /* the current window */
		unused_c : 6;
};

_Static_assert(sizeof(struct bbr *) <= ICSK_CA_PRIV_SIZE,
	       "icsk_ca_priv must hold a pointer");

/* ---- the windowed max filter ---- */

static u32 minmax_get(const struct bbr_minmax *m)
{
	return m->s[0].v;
}

static u32 minmax_reset(struct bbr_minmax *m, u32 t, u32 meas)
{
	const struct bbr_minmax_sample val = { .t = t, .v = meas };

	m->s[2] = m->s[1] = m->s[0] = val;
	return m->s[0].v;
}

/* the best sample aged out: promote the others; keep them spread over
 * the window (a quarter and a half of it) */
static u32 minmax_subwin_update(struct bbr_minmax *m, u32 win,
				const struct bbr_minmax_sample *val)
{
	u32 dt = val->t - m->s[0].t;

	if (dt > win) {
		m->s[0] = m->s[1];
		m->s[1] = m->s[2];
		m->s[2] = *val;
		if (val->t - m->s[0].t > win) {
			m->s[0] = m->s[1];
			m->s[1] = m->s[2];
			m->s[2] = *val;
		}
	} else if (m->s[1].t == m->s[0].t && dt > win / 4) {
		m->s[2] = m->s[1] = *val;
	} else if (m->s[2].t == m->s[1].t && dt > win / 2) {
		m->s[2] = *val;
	}
	return m->s[0].v;
}

/* minmax_running_max - @meas at time @t into the max over @win */
static u32 minmax_running_max(struct bbr_minmax *m, u32 win, u32 t, u32 meas)
{
	const struct bbr_minmax_sample val = { .t = t, .v = meas };

	if (val.v >= m->s[0].v || val.t - m->s[2].t > win)
		return minmax_reset(m, t, meas);
	if (val.v >= m->s[1].v)
		m->s[2] = m->s[1] = val;
	else if (val.v >= m->s[2].v)
		m->s[2] = val;
	return minmax_subwin_update(m, win, &val);
}

/* ---- the model ---- */

static struct bbr *bbr_ca(const struct sock *sk)
{
	return tcp_ca_priv_ext(sk);
}

static bool bbr_full_bw_reached(const struct sock *sk)
{
	return bbr_ca(sk)->full_bw_reached;
}

/* the windowed maximum delivery rate */
static u32 bbr_max_bw(const struct sock *sk)
{
	return minmax_get(&bbr_ca(sk)->bw);
}

/* the bandwidth estimate: long-term when a policer was found */
static u32 bbr_bw(const struct sock *sk)
{
	const struct bbr *bbr = bbr_ca(sk);

	return bbr->lt_use_bw ? bbr->lt_bw : bbr_max_bw(sk);
}

/* the largest ACK aggregation of the last two windows */
static u16 bbr_extra_acked(const struct sock *sk)
{
	const struct bbr *bbr = bbr_ca(sk);

	return max_t(u16, bbr->extra_acked[0], bbr->extra_acked[1]);
}

/* @rate (segments/us << BW_SCALE) times @gain in bytes/s, less the
 * pacing margin; the order of the operations keeps 64 bits from
 * overflowing and matches Linux's rounding */
static u64 bbr_rate_bytes_per_sec(const struct sock *sk, u64 rate, u32 gain)
{
	unsigned int mss = tcp_sk(sk)->mss_cache;

	rate *= mss;
	rate *= gain;
	rate >>= BBR_SCALE;
	rate *= (u64)(USEC_PER_SEC / 100) * (100 - BBR_PACING_MARGIN_PCT);
	return rate >> BW_SCALE;
}

static u64 bbr_bw_to_pacing_rate(const struct sock *sk, u32 bw, u32 gain)
{
	u64 rate = bbr_rate_bytes_per_sec(sk, (u64)bw, gain);

	return min_t(u64, rate, sk->sk_max_pacing_rate);
}

/* before any bandwidth sample: cwnd per SRTT (1 ms without one) at
 * STARTUP's gain */
static void bbr_init_pacing_rate_from_rtt(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u64 bw;
	u32 rtt_us;

	if (tp->srtt_us) {
		rtt_us = max_t(u32, tp->srtt_us >> 3, 1U);
		bbr->has_seen_rtt = 1;
	} else {
		rtt_us = USEC_PER_MSEC;
	}
	bw = (u64)tcp_snd_cwnd(tp) * BW_UNIT;
	bw /= rtt_us;
	sk->sk_pacing_rate = bbr_bw_to_pacing_rate(sk, (u32)bw, BBR_HIGH_GAIN);
}

/* pace at @gain times @bw; until the pipe is full never slower than
 * before (an early, low sample must not throttle STARTUP) */
static void bbr_set_pacing_rate(struct sock *sk, u32 bw, u32 gain)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u64 rate = bbr_bw_to_pacing_rate(sk, bw, gain);

	if (unlikely(!bbr->has_seen_rtt && tp->srtt_us))
		bbr_init_pacing_rate_from_rtt(sk);
	if (bbr_full_bw_reached(sk) || rate > sk->sk_pacing_rate)
		sk->sk_pacing_rate = rate;
}

/* tcp_congestion_ops.min_tso_segs: one segment per TSO packet below
 * 1.2 Mbit/s, else two */
static u32 bbr_min_tso_segs(struct sock *sk)
{
	return sk->sk_pacing_rate < (BBR_MIN_TSO_RATE >> 3) ? 1 : 2;
}

/* the segments of one TSO packet: 1 ms of the pacing rate, at most 127 */
static u32 bbr_tso_segs_goal(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u64 bytes = sk->sk_pacing_rate >> sk->sk_pacing_shift;
	u32 segs;

	bytes = min_t(u64, bytes, 65536U - 1 - MAX_TCP_HEADER);
	segs = max_t(u32, (u32)(bytes / tp->mss_cache), bbr_min_tso_segs(sk));
	return min_t(u32, segs, 0x7FU);
}

/* cwnd to return to after loss recovery or PROBE_RTT */
static void bbr_save_cwnd(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);

	if (bbr->prev_ca_state < TCP_CA_Recovery && bbr->mode != BBR_PROBE_RTT)
		bbr->prior_cwnd = tcp_snd_cwnd(tp);
	else /* already reduced: keep the cwnd from before */
		bbr->prior_cwnd = max_t(u32, bbr->prior_cwnd, tcp_snd_cwnd(tp));
}

static void bbr_check_probe_rtt_done(struct sock *sk);

/* sending again after idle: pace at the estimate, not a probing gain */
static void bbr_cwnd_event(struct sock *sk, enum tcp_ca_event event)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);

	if (event != CA_EVENT_TX_START || !tp->app_limited)
		return;
	bbr->idle_restart = 1;
	bbr->ack_epoch_mstamp = tp->tcp_mstamp;
	bbr->ack_epoch_acked = 0;
	if (bbr->mode == BBR_PROBE_BW)
		bbr_set_pacing_rate(sk, bbr_bw(sk), BBR_UNIT);
	else if (bbr->mode == BBR_PROBE_RTT)
		bbr_check_probe_rtt_done(sk);
}

/*
 * bbr_bdp - @gain times the bandwidth-delay product of @bw and min_rtt,
 * in segments, rounded up; TCP_INIT_CWND before any RTT sample
 */
static u32 bbr_bdp(const struct sock *sk, u32 bw, u32 gain)
{
	const struct bbr *bbr = bbr_ca(sk);
	u64 w;

	if (unlikely(bbr->min_rtt_us == ~0U))
		return TCP_INIT_CWND;
	w = (u64)bw * bbr->min_rtt_us;
	return (u32)((((w * gain) >> BBR_SCALE) + BW_UNIT - 1) / BW_UNIT);
}

/*
 * bbr_quantization_budget - room for what delays the ACK clock: three
 * TSO packets at the sender (in the qdisc, in the device, being
 * ACKed), an even cwnd for a delayed-ACK receiver, and two more in
 * PROBE_BW's probing phase so that it can reach its target.
 */
static u32 bbr_quantization_budget(struct sock *sk, u32 cwnd)
{
	const struct bbr *bbr = bbr_ca(sk);

	cwnd += 3 * bbr_tso_segs_goal(sk);
	cwnd = (cwnd + 1) & ~1U;
	if (bbr->mode == BBR_PROBE_BW && bbr->cycle_idx == 0)
		cwnd += 2;
	return cwnd;
}

/* the flight @gain asks for */
static u32 bbr_inflight(struct sock *sk, u32 bw, u32 gain)
{
	return bbr_quantization_budget(sk, bbr_bdp(sk, bw, gain));
}

/*
 * bbr_packets_in_net_at_edt - what will still be in flight when the
 * next packet leaves (its earliest departure time): with pacing, the
 * packets already sent go on being delivered until then.
 */
static u32 bbr_packets_in_net_at_edt(struct sock *sk, u32 inflight_now)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct bbr *bbr = bbr_ca(sk);
	u64 now_ns = tp->tcp_mstamp * NSEC_PER_USEC;
	u64 edt_ns = max_t(u64, tp->tcp_wstamp_ns, now_ns);
	u64 interval_us = (edt_ns - now_ns) / NSEC_PER_USEC;
	u64 interval_delivered = ((u64)bbr_bw(sk) * interval_us) >> BW_SCALE;
	u32 inflight_at_edt = inflight_now;

	if (bbr->pacing_gain > BBR_UNIT) /* the next TSO packet, too */
		inflight_at_edt += bbr_tso_segs_goal(sk);
	if (interval_delivered >= inflight_at_edt)
		return 0;
	return inflight_at_edt - (u32)interval_delivered;
}

/* cwnd for ACKs that come in bursts: the recent excess, at most 100 ms
 * of the bandwidth; only once the pipe is full */
static u32 bbr_ack_aggregation_cwnd(const struct sock *sk)
{
	u32 max_aggr_cwnd, aggr_cwnd = 0;

	if (bbr_full_bw_reached(sk)) {
		max_aggr_cwnd =
			(u32)(((u64)bbr_bw(sk) * BBR_EXTRA_ACKED_MAX_US) /
			      BW_UNIT);
		aggr_cwnd = (BBR_EXTRA_ACKED_GAIN * bbr_extra_acked(sk)) >>
			    BBR_SCALE;
		aggr_cwnd = min_t(u32, aggr_cwnd, max_aggr_cwnd);
	}
	return aggr_cwnd;
}

/*
 * bbr_set_cwnd_to_recover_or_restore - loss recovery: losses come off
 * cwnd; the first round of recovery conserves packets (one out per one
 * delivered); leaving recovery restores the cwnd from before.
 * Return: true when packet conservation decides cwnd (*@new_cwnd).
 */
static bool bbr_set_cwnd_to_recover_or_restore(struct sock *sk,
					       const struct rate_sample *rs,
					       u32 acked, u32 *new_cwnd)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u8 prev_state = bbr->prev_ca_state;
	u8 state = inet_csk(sk)->icsk_ca_state;
	u32 cwnd = tcp_snd_cwnd(tp);

	if (rs->losses > 0)
		cwnd = (u32)max_t(s32, (s32)cwnd - rs->losses, 1);
	if (state == TCP_CA_Recovery && prev_state != TCP_CA_Recovery) {
		bbr->packet_conservation = 1;
		bbr->next_rtt_delivered = tp->delivered; /* a round from now */
		cwnd = tcp_packets_in_flight(tp) + acked;
	} else if (prev_state >= TCP_CA_Recovery && state < TCP_CA_Recovery) {
		cwnd = max_t(u32, cwnd, bbr->prior_cwnd);
		bbr->packet_conservation = 0;
	}
	bbr->prev_ca_state = state;
	if (bbr->packet_conservation) {
		*new_cwnd = max_t(u32, cwnd, tcp_packets_in_flight(tp) + acked);
		return true;
	}
	*new_cwnd = cwnd;
	return false;
}

/*
 * bbr_set_cwnd - toward @gain times the BDP (plus aggregation and the
 * quantization budget): once the pipe is full, grow by what was ACKed
 * up to the target; in STARTUP grow freely (slow start); never below 4,
 * and 4 at most in PROBE_RTT.
 */
static void bbr_set_cwnd(struct sock *sk, const struct rate_sample *rs,
			 u32 acked, u32 bw, u32 gain)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct bbr *bbr = bbr_ca(sk);
	u32 cwnd = tcp_snd_cwnd(tp), target_cwnd;

	if (!acked)
		goto done;
	if (bbr_set_cwnd_to_recover_or_restore(sk, rs, acked, &cwnd))
		goto done;
	target_cwnd = bbr_bdp(sk, bw, gain);
	target_cwnd += bbr_ack_aggregation_cwnd(sk);
	target_cwnd = bbr_quantization_budget(sk, target_cwnd);
	if (bbr_full_bw_reached(sk))
		cwnd = min_t(u32, cwnd + acked, target_cwnd);
	else if (cwnd < target_cwnd || tp->delivered < TCP_INIT_CWND)
		cwnd = cwnd + acked;
	cwnd = max_t(u32, cwnd, BBR_CWND_MIN_TARGET);
done:
	tcp_snd_cwnd_set(tp, min_t(u32, cwnd, tp->snd_cwnd_clamp));
	if (bbr->mode == BBR_PROBE_RTT)
		tcp_snd_cwnd_set(
			tp, min_t(u32, tcp_snd_cwnd(tp), BBR_CWND_MIN_TARGET));
}

/*
 * bbr_is_next_cycle_phase - each phase lasts at least min_rtt; the
 * probing phase (5/4) also until it lost or reached its flight, the
 * draining one (3/4) at most until the flight is down to one BDP.
 */
static bool bbr_is_next_cycle_phase(struct sock *sk,
				    const struct rate_sample *rs)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct bbr *bbr = bbr_ca(sk);
	bool is_full_length =
		tp->delivered_mstamp > bbr->cycle_mstamp &&
		tp->delivered_mstamp - bbr->cycle_mstamp > bbr->min_rtt_us;
	u32 inflight, bw;

	if (bbr->pacing_gain == BBR_UNIT)
		return is_full_length;
	inflight = bbr_packets_in_net_at_edt(sk, rs->prior_in_flight);
	bw = bbr_max_bw(sk);
	if (bbr->pacing_gain > BBR_UNIT)
		return is_full_length &&
		       (rs->losses ||
			inflight >= bbr_inflight(sk, bw, bbr->pacing_gain));
	return is_full_length || inflight <= bbr_inflight(sk, bw, BBR_UNIT);
}

static void bbr_advance_cycle_phase(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);

	bbr->cycle_idx = (bbr->cycle_idx + 1) & (CYCLE_LEN - 1);
	bbr->cycle_mstamp = tp->delivered_mstamp;
}

static void bbr_update_cycle_phase(struct sock *sk,
				   const struct rate_sample *rs)
{
	if (bbr_ca(sk)->mode == BBR_PROBE_BW && bbr_is_next_cycle_phase(sk, rs))
		bbr_advance_cycle_phase(sk);
}

static void bbr_reset_startup_mode(struct sock *sk)
{
	bbr_ca(sk)->mode = BBR_STARTUP;
}

/* PROBE_BW from a random phase other than the draining one (so that
 * flows do not probe in lockstep) */
static void bbr_reset_probe_bw_mode(struct sock *sk)
{
	struct bbr *bbr = bbr_ca(sk);

	bbr->mode = BBR_PROBE_BW;
	bbr->cycle_idx = CYCLE_LEN - 1 - get_random_u32() % BBR_CYCLE_RAND;
	bbr_advance_cycle_phase(sk);
}

static void bbr_reset_mode(struct sock *sk)
{
	if (!bbr_full_bw_reached(sk))
		bbr_reset_startup_mode(sk);
	else
		bbr_reset_probe_bw_mode(sk);
}

/* ---- long-term (policer) bandwidth ---- */

/* a new long-term interval starts now */
static void bbr_reset_lt_bw_sampling_interval(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);

	bbr->lt_last_stamp = (u32)(tp->delivered_mstamp / USEC_PER_MSEC);
	bbr->lt_last_delivered = tp->delivered;
	bbr->lt_last_lost = tp->lost;
	bbr->lt_rtt_cnt = 0;
}

static void bbr_reset_lt_bw_sampling(struct sock *sk)
{
	struct bbr *bbr = bbr_ca(sk);

	bbr->lt_bw = 0;
	bbr->lt_use_bw = 0;
	bbr->lt_is_sampling = false;
	bbr_reset_lt_bw_sampling_interval(sk);
}

/* an interval's rate @bw: two in a row that agree (within 1/8, or 4
 * kbit/s) mean a policer; their mean becomes the estimate */
static void bbr_lt_bw_interval_done(struct sock *sk, u32 bw)
{
	struct bbr *bbr = bbr_ca(sk);
	u32 diff;

	if (bbr->lt_bw) {
		diff = bw > bbr->lt_bw ? bw - bbr->lt_bw : bbr->lt_bw - bw;
		if ((u64)diff * BBR_UNIT <= (u64)BBR_LT_BW_RATIO * bbr->lt_bw ||
		    bbr_rate_bytes_per_sec(sk, diff, BBR_UNIT) <=
			    BBR_LT_BW_DIFF) {
			bbr->lt_bw = (bw + bbr->lt_bw) >> 1;
			bbr->lt_use_bw = 1;
			bbr->pacing_gain = BBR_UNIT; /* no probing */
			bbr->lt_rtt_cnt = 0;
			return;
		}
	}
	bbr->lt_bw = bw;
	bbr_reset_lt_bw_sampling_interval(sk);
}

/*
 * bbr_lt_bw_sampling - a token-bucket policer shows as heavy loss at a
 * steady delivery rate: from the first loss, measure delivery over
 * intervals of 4-16 round trips that end in a loss and lost 20% or
 * more; when two agree, use their rate for 48 round trips.
 */
static void bbr_lt_bw_sampling(struct sock *sk, const struct rate_sample *rs)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u32 lost, delivered;
	u64 bw;
	u32 t;

	if (bbr->lt_use_bw) {
		if (bbr->mode == BBR_PROBE_BW && bbr->round_start &&
		    ++bbr->lt_rtt_cnt >= BBR_LT_BW_MAX_RTTS) {
			bbr_reset_lt_bw_sampling(sk);
			bbr_reset_probe_bw_mode(sk);
		}
		return;
	}
	/* an interval starts with a loss (a policer's bucket is empty) */
	if (!bbr->lt_is_sampling) {
		if (!rs->losses)
			return;
		bbr_reset_lt_bw_sampling_interval(sk);
		bbr->lt_is_sampling = true;
	}
	/* an app-limited sample says nothing of a policer */
	if (rs->is_app_limited) {
		bbr_reset_lt_bw_sampling(sk);
		return;
	}
	if (bbr->round_start)
		bbr->lt_rtt_cnt++;
	if (bbr->lt_rtt_cnt < BBR_LT_INTVL_MIN_RTTS)
		return;
	if (bbr->lt_rtt_cnt > 4 * BBR_LT_INTVL_MIN_RTTS) {
		bbr_reset_lt_bw_sampling(sk);
		return;
	}
	/* the interval ends with a loss */
	if (!rs->losses)
		return;
	lost = tp->lost - bbr->lt_last_lost;
	delivered = tp->delivered - bbr->lt_last_delivered;
	if (!delivered ||
	    ((u64)lost << BBR_SCALE) < (u64)BBR_LT_LOSS_THRESH * delivered)
		return;
	t = (u32)(tp->delivered_mstamp / USEC_PER_MSEC) - bbr->lt_last_stamp;
	if ((s32)t < 1)
		return; /* too short to measure */
	if (t >= ~0U / USEC_PER_MSEC) {
		bbr_reset_lt_bw_sampling(sk);
		return;
	}
	bw = (u64)delivered * BW_UNIT / ((u64)t * USEC_PER_MSEC);
	bbr_lt_bw_interval_done(sk, (u32)bw);
}

/* ---- the model, per ACK ---- */

/* a new round trip starts when the ACK covers what was sent when the
 * last one started; the sample enters the max filter (an app-limited
 * one only when it is higher) */
static void bbr_update_bw(struct sock *sk, const struct rate_sample *rs)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u64 bw;

	bbr->round_start = 0;
	if (rs->delivered < 0 || rs->interval_us <= 0)
		return; /* not a valid sample */
	if (!before(rs->prior_delivered, bbr->next_rtt_delivered)) {
		bbr->next_rtt_delivered = tp->delivered;
		bbr->rtt_cnt++;
		bbr->round_start = 1;
		bbr->packet_conservation = 0;
	}
	bbr_lt_bw_sampling(sk, rs);
	bw = (u64)rs->delivered * BW_UNIT / (u64)rs->interval_us;
	if (!rs->is_app_limited || bw >= bbr_max_bw(sk))
		minmax_running_max(&bbr->bw, BBR_BW_RTTS, bbr->rtt_cnt,
				   (u32)bw);
}

/*
 * bbr_update_ack_aggregation - how much more was ACKed in this epoch
 * than the bandwidth explains: the maximum over two windows of 5 rounds
 * each (at most cwnd) becomes extra cwnd.  An epoch restarts when the
 * ACKs fall behind the rate.
 */
static void bbr_update_ack_aggregation(struct sock *sk,
				       const struct rate_sample *rs)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u32 epoch_us, expected_acked, extra_acked;

	if (rs->acked_sacked <= 0 || rs->delivered < 0 || rs->interval_us <= 0)
		return;
	if (bbr->round_start) {
		bbr->extra_acked_win_rtts =
			min_t(u32, 0x1F, bbr->extra_acked_win_rtts + 1);
		if (bbr->extra_acked_win_rtts >= BBR_EXTRA_ACKED_WIN_RTTS) {
			bbr->extra_acked_win_rtts = 0;
			bbr->extra_acked_win_idx =
				bbr->extra_acked_win_idx ? 0 : 1;
			bbr->extra_acked[bbr->extra_acked_win_idx] = 0;
		}
	}
	epoch_us = tp->delivered_mstamp > bbr->ack_epoch_mstamp
			   ? (u32)(tp->delivered_mstamp - bbr->ack_epoch_mstamp)
			   : 0;
	expected_acked = (u32)(((u64)bbr_bw(sk) * epoch_us) / BW_UNIT);
	if (bbr->ack_epoch_acked <= expected_acked ||
	    bbr->ack_epoch_acked + rs->acked_sacked >=
		    BBR_ACK_EPOCH_ACKED_RESET_THRESH) {
		bbr->ack_epoch_acked = 0;
		bbr->ack_epoch_mstamp = tp->delivered_mstamp;
		expected_acked = 0;
	}
	bbr->ack_epoch_acked =
		min_t(u32, 0xFFFFF, bbr->ack_epoch_acked + rs->acked_sacked);
	extra_acked = bbr->ack_epoch_acked - expected_acked;
	extra_acked = min_t(u32, extra_acked, tcp_snd_cwnd(tp));
	if (extra_acked > bbr->extra_acked[bbr->extra_acked_win_idx])
		bbr->extra_acked[bbr->extra_acked_win_idx] = (u16)extra_acked;
}

/* STARTUP ends when 3 rounds (not app-limited) in a row fail to grow
 * the bandwidth by 25% */
static void bbr_check_full_bw_reached(struct sock *sk,
				      const struct rate_sample *rs)
{
	struct bbr *bbr = bbr_ca(sk);
	u32 bw_thresh;

	if (bbr_full_bw_reached(sk) || !bbr->round_start || rs->is_app_limited)
		return;
	bw_thresh =
		(u32)(((u64)bbr->full_bw * BBR_FULL_BW_THRESH) >> BBR_SCALE);
	if (bbr_max_bw(sk) >= bw_thresh) {
		bbr->full_bw = bbr_max_bw(sk);
		bbr->full_bw_cnt = 0;
		return;
	}
	++bbr->full_bw_cnt;
	bbr->full_bw_reached = bbr->full_bw_cnt >= BBR_FULL_BW_CNT;
}

/* STARTUP -> DRAIN with a full pipe; DRAIN -> PROBE_BW once the flight
 * is down to one BDP */
static void bbr_check_drain(struct sock *sk, const struct rate_sample *rs)
{
	struct bbr *bbr = bbr_ca(sk);

	(void)rs;
	if (bbr->mode == BBR_STARTUP && bbr_full_bw_reached(sk)) {
		bbr->mode = BBR_DRAIN;
		/* for TCP_INFO and metrics: where slow start ended */
		tcp_sk(sk)->snd_ssthresh =
			bbr_inflight(sk, bbr_max_bw(sk), BBR_UNIT);
	}
	if (bbr->mode == BBR_DRAIN &&
	    bbr_packets_in_net_at_edt(sk, tcp_packets_in_flight(tcp_sk(sk))) <=
		    bbr_inflight(sk, bbr_max_bw(sk), BBR_UNIT))
		bbr_reset_probe_bw_mode(sk);
}

/* PROBE_RTT is over (200 ms and a round trip at cwnd 4): min_rtt is
 * fresh; back to cwnd as it was and to the mode before */
static void bbr_check_probe_rtt_done(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u32 now = tcp_jiffies32(sk);

	if (!(bbr->probe_rtt_done_stamp &&
	      after(now, bbr->probe_rtt_done_stamp)))
		return;
	bbr->min_rtt_stamp = now;
	tcp_snd_cwnd_set(tp, max_t(u32, tcp_snd_cwnd(tp), bbr->prior_cwnd));
	bbr_reset_mode(sk);
}

/*
 * bbr_update_min_rtt - the lowest RTT of the last 10 s.  When it is
 * that old, PROBE_RTT: cwnd 4 until the flight is down to 4, then for
 * 200 ms and at least one round trip.  An idle restart does not enter
 * PROBE_RTT (the idle time drained the queue).  The samples of
 * PROBE_RTT are app-limited: its low rate must not enter the filter.
 */
static void bbr_update_min_rtt(struct sock *sk, const struct rate_sample *rs)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);
	u32 now = tcp_jiffies32(sk);
	bool filter_expired;

	filter_expired =
		after(now, bbr->min_rtt_stamp + BBR_MIN_RTT_WIN_SEC * HZ);
	if (rs->rtt_us >= 0 && ((u64)rs->rtt_us < bbr->min_rtt_us ||
				(filter_expired && !rs->is_ack_delayed))) {
		bbr->min_rtt_us = (u32)rs->rtt_us;
		bbr->min_rtt_stamp = now;
	}
	if (filter_expired && !bbr->idle_restart &&
	    bbr->mode != BBR_PROBE_RTT) {
		bbr->mode = BBR_PROBE_RTT;
		bbr_save_cwnd(sk);
		bbr->probe_rtt_done_stamp = 0;
	}
	if (bbr->mode == BBR_PROBE_RTT) {
		u32 mark = tp->delivered + tcp_packets_in_flight(tp);

		tp->app_limited = mark ? mark : 1;
		if (!bbr->probe_rtt_done_stamp &&
		    tcp_packets_in_flight(tp) <= BBR_CWND_MIN_TARGET) {
			bbr->probe_rtt_done_stamp =
				now + BBR_PROBE_RTT_MODE_MS * HZ / 1000;
			bbr->probe_rtt_round_done = 0;
			bbr->next_rtt_delivered = tp->delivered;
		} else if (bbr->probe_rtt_done_stamp) {
			if (bbr->round_start)
				bbr->probe_rtt_round_done = 1;
			if (bbr->probe_rtt_round_done)
				bbr_check_probe_rtt_done(sk);
		}
	}
	if (rs->delivered > 0)
		bbr->idle_restart = 0;
}

static void bbr_update_gains(struct sock *sk)
{
	struct bbr *bbr = bbr_ca(sk);

	switch (bbr->mode) {
	case BBR_STARTUP:
		bbr->pacing_gain = BBR_HIGH_GAIN;
		bbr->cwnd_gain = BBR_HIGH_GAIN;
		break;
	case BBR_DRAIN:
		bbr->pacing_gain = BBR_DRAIN_GAIN; /* slow, to drain */
		bbr->cwnd_gain = BBR_HIGH_GAIN; /* keep cwnd */
		break;
	case BBR_PROBE_BW:
		bbr->pacing_gain = bbr->lt_use_bw
					   ? BBR_UNIT
					   : bbr_pacing_gain[bbr->cycle_idx];
		bbr->cwnd_gain = BBR_CWND_GAIN;
		break;
	case BBR_PROBE_RTT:
	default:
		bbr->pacing_gain = BBR_UNIT;
		bbr->cwnd_gain = BBR_UNIT;
		break;
	}
}

static void bbr_update_model(struct sock *sk, const struct rate_sample *rs)
{
	bbr_update_bw(sk, rs);
	bbr_update_ack_aggregation(sk, rs);
	bbr_update_cycle_phase(sk, rs);
	bbr_check_full_bw_reached(sk, rs);
	bbr_check_drain(sk, rs);
	bbr_update_min_rtt(sk, rs);
	bbr_update_gains(sk);
}

/* tcp_congestion_ops.cong_control: every ACK, the model, then the
 * pacing rate and cwnd from it */
static void bbr_main(struct sock *sk, u32 ack, int flag,
		     const struct rate_sample *rs)
{
	struct bbr *bbr = bbr_ca(sk);
	u32 bw;

	(void)ack;
	(void)flag;
	bbr_update_model(sk, rs);
	bw = bbr_bw(sk);
	bbr_set_pacing_rate(sk, bw, bbr->pacing_gain);
	bbr_set_cwnd(sk, rs, rs->acked_sacked, bw, bbr->cwnd_gain);
}

static void bbr_init(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bbr *bbr = bbr_ca(sk);

	memset(bbr, 0, sizeof(*bbr));
	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	bbr->next_rtt_delivered = tp->delivered;
	bbr->prev_ca_state = TCP_CA_Open;
	/* the handshake's RTT, or ~0U (no sample) */
	bbr->min_rtt_us = tcp_min_rtt(tp) ? tcp_min_rtt(tp) : ~0U;
	bbr->min_rtt_stamp = tcp_jiffies32(sk);
	minmax_reset(&bbr->bw, bbr->rtt_cnt, 0);
	bbr_init_pacing_rate_from_rtt(sk);
	bbr_reset_lt_bw_sampling(sk);
	bbr_reset_startup_mode(sk);
	bbr->ack_epoch_mstamp = tp->tcp_mstamp;
	/* BBR needs pacing: without fq, TCP paces itself */
	if (sk->sk_pacing_status == SK_PACING_NONE)
		sk->sk_pacing_status = SK_PACING_NEEDED;
}

/* room for 3 cwnds: BBR may keep growing during recovery */
static u32 bbr_sndbuf_expand(struct sock *sk)
{
	(void)sk;
	return 3;
}

/* a spurious loss: BBR never cut cwnd for it; forget the full-pipe
 * count and the long-term estimate the loss may have started */
static u32 bbr_undo_cwnd(struct sock *sk)
{
	struct bbr *bbr = bbr_ca(sk);

	bbr->full_bw = 0;
	bbr->full_bw_cnt = 0;
	bbr_reset_lt_bw_sampling(sk);
	return tcp_snd_cwnd(tcp_sk(sk));
}

/* entering loss recovery: save cwnd; ssthresh stays as it is (BBR does
 * not use it) */
static u32 bbr_ssthresh(struct sock *sk)
{
	bbr_save_cwnd(sk);
	return tcp_sk(sk)->snd_ssthresh;
}

/* tcp_congestion_ops.get_info: struct tcp_bbr_info for TCP_CC_INFO and
 * INET_DIAG_BBRINFO (asked for as INET_DIAG_VEGASINFO, as ss does) */
static size_t bbr_get_info(struct sock *sk, u32 ext, int *attr,
			   union tcp_cc_info *info)
{
	if (ext & (1U << (INET_DIAG_BBRINFO - 1)) ||
	    ext & (1U << (INET_DIAG_VEGASINFO - 1))) {
		const struct tcp_sock *tp = tcp_sk(sk);
		const struct bbr *bbr = bbr_ca(sk);
		u64 bw = bbr_bw(sk);

		bw = bw * tp->mss_cache * USEC_PER_SEC >> BW_SCALE;
		memset(&info->bbr, 0, sizeof(info->bbr));
		info->bbr.bbr_bw_lo = (u32)bw;
		info->bbr.bbr_bw_hi = (u32)(bw >> 32);
		info->bbr.bbr_min_rtt = bbr->min_rtt_us;
		info->bbr.bbr_pacing_gain = bbr->pacing_gain;
		info->bbr.bbr_cwnd_gain = bbr->cwnd_gain;
		*attr = INET_DIAG_BBRINFO;
		return sizeof(info->bbr);
	}
	return 0;
}

/* an RTO: the end of a round, and a loss for the policer detector */
static void bbr_set_state(struct sock *sk, u8 new_state)
{
	struct bbr *bbr = bbr_ca(sk);

	if (new_state == TCP_CA_Loss) {
		const struct rate_sample rs = { .losses = 1 };

		bbr->prev_ca_state = TCP_CA_Loss;
		bbr->full_bw = 0;
		bbr->round_start = 1;
		bbr_lt_bw_sampling(sk, &rs);
	}
}

const struct tcp_congestion_ops tcp_bbr = {
	.flags = TCP_CONG_NON_RESTRICTED,
	.name = "bbr",
	.init = bbr_init,
	.cong_control = bbr_main,
	.sndbuf_expand = bbr_sndbuf_expand,
	.undo_cwnd = bbr_undo_cwnd,
	.cwnd_event = bbr_cwnd_event,
	.ssthresh = bbr_ssthresh,
	.min_tso_segs = bbr_min_tso_segs,
	.get_info = bbr_get_info,
	.set_state = bbr_set_state,
	.priv_size = sizeof(struct bbr),
};

/* tcp_bbr_register - offer "bbr" in the stack's registry */
int tcp_bbr_register(void)
{
	return tcp_register_congestion_control(&tcp_bbr);
}

/* tcp_bbr_mode - the mode (enum bbr_mode order: 0 STARTUP, 1 DRAIN,
 * 2 PROBE_BW, 3 PROBE_RTT) and the gain cycle's phase, for tests */
u32 tcp_bbr_mode(const struct sock *sk, u32 *cycle_idx)
{
	const struct bbr *bbr = bbr_ca(sk);

	if (cycle_idx)
		*cycle_idx = bbr->cycle_idx;
	return bbr->mode;
}
