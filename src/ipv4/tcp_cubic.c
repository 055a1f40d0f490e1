// SPDX-License-Identifier: BSD-2-Clause
/*
 * CUBIC congestion control (RFC 9438) with HyStart slow-start exit, in
 * the integer arithmetic Linux uses so that cwnd moves exactly as
 * Linux's does for the same ACKs at the same times.  Linux:
 * net/ipv4/tcp_cubic.c, with its default parameters (the module
 * parameters of /sys/module/tcp_cubic/parameters on Linux 6.18).
 *
 * Units: time in tcp_jiffies32 (HZ per second); the cubic function's
 * time in 1/1024 s (BICTCP_HZ); cwnd in segments.
 */
#include <net/net_namespace.h>
#include <net/tcp.h>

#define BICTCP_BETA_SCALE 1024 /* beta is beta_fixed / 1024 */
#define BICTCP_HZ	  10 /* the cubic clock: 2^10 ticks a second */
#define USEC_PER_SEC	  1000000U
#define USEC_PER_MSEC	  1000U

#define HYSTART_ACK_TRAIN 0x1
#define HYSTART_DELAY	  0x2

/* HyStart's delay test: RTT samples per round, and its threshold band */
#define HYSTART_MIN_SAMPLES 8
#define HYSTART_DELAY_MIN   4000U /* us */
#define HYSTART_DELAY_MAX   16000U /* us */

/* Linux's defaults (module parameters of tcp_cubic) */
static const int fast_convergence = 1;
static const u32 beta = 717; /* RFC 9438 4.6: beta_cubic 0.7 */
static const u32 bic_scale = 41; /* RFC 9438 4.2: C = 0.4 = 41/1024 *10 */
static const int tcp_friendliness = 1;
static const int hystart = 1;
static const int hystart_detect = HYSTART_ACK_TRAIN | HYSTART_DELAY;
static const u32 hystart_low_window = 16;
static const s32 hystart_ack_delta_us = 2000;

/*
 * Scale factors derived from the parameters once, for an RTT of 100 ms
 * (the "rtt" Linux folds into C so that C/rtt = bic_scale * 10 / 1024):
 * beta_scale: Reno-friendly ACKs per segment, 8 * (1 + beta) / 3 / (1 - beta)
 * cube_rtt_scale: 1024 * C / rtt
 * cube_factor: 2^(10 + 3 * BICTCP_HZ) / cube_rtt_scale, so that
 *	K = cbrt(cube_factor * (W_max - cwnd)) in 1/1024 s (RFC 9438 eq. 2).
 */
#define CUBIC_BETA_SCALE \
	(8 * (BICTCP_BETA_SCALE + beta) / 3 / (BICTCP_BETA_SCALE - beta))
#define CUBIC_RTT_SCALE	  ((u64)bic_scale * 10)
#define CUBIC_CUBE_FACTOR ((1ULL << (10 + 3 * BICTCP_HZ)) / CUBIC_RTT_SCALE)

/* struct bictcp - CUBIC's state, in the socket's icsk_ca_priv */
struct bictcp {
	u32 cnt; /* ACKed segments per cwnd increment */
	u32 last_max_cwnd; /* W_max: cwnd before the last reduction */
	u32 last_cwnd; /* cwnd when cnt was last computed */
	u32 last_time; /* ... and when (jiffies) */
	u32 bic_origin_point; /* the plateau of the cubic curve */
	u32 bic_K; /* time from epoch start to the plateau (1/1024 s) */
	u32 delay_min; /* smallest RTT seen (us) */
	u32 epoch_start; /* when the current growth epoch began; 0: none */
	u32 ack_cnt; /* ACKed segments, for the Reno estimate */
	u32 tcp_cwnd; /* W_est: what Reno's cwnd would be (RFC 9438 4.3) */
	/* what bictcp_reset() clears ends here */
	u16 unused;
	u8 sample_cnt; /* RTT samples taken this round */
	u8 found; /* HyStart has found the slow-start exit */
	u32 round_start; /* us: when this round began */
	u32 end_seq; /* the round ends when this is ACKed */
	u32 last_ack; /* us: the last ACK of the current train */
	u32 curr_rtt; /* the smallest RTT of this round (us) */
};

_Static_assert(sizeof(struct bictcp) <= ICSK_CA_PRIV_SIZE,
	       "struct bictcp must fit icsk_ca_priv");

static void bictcp_reset(struct bictcp *ca)
{
	memset(ca, 0, offsetof(struct bictcp, unused));
	ca->found = 0;
}

static u32 bictcp_clock_us(const struct sock *sk)
{
	return (u32)tcp_sk(sk)->tcp_mstamp;
}

/* HyStart: a new round starts with the next segment sent */
static void bictcp_hystart_reset(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);

	ca->round_start = bictcp_clock_us(sk);
	ca->last_ack = ca->round_start;
	ca->end_seq = tp->snd_nxt;
	ca->curr_rtt = ~0U;
	ca->sample_cnt = 0;
}

static void cubictcp_init(struct sock *sk)
{
	bictcp_reset(inet_csk_ca(sk));
	if (hystart)
		bictcp_hystart_reset(sk);
}

/*
 * After an idle period (application limited) the epoch moves forward by
 * the idle time, so that cwnd resumes on the curve where it left it
 * rather than jumping ahead (RFC 9438 5.8).
 */
static void cubictcp_cwnd_event(struct sock *sk, enum tcp_ca_event event)
{
	struct bictcp *ca = inet_csk_ca(sk);
	u32 now = tcp_jiffies32(sk);
	s32 idle;

	if (event != CA_EVENT_TX_START)
		return;
	idle = (s32)(now - tcp_sk(sk)->lsndtime);
	if (ca->epoch_start && idle > 0) {
		ca->epoch_start += (u32)idle;
		if (after(ca->epoch_start, now))
			ca->epoch_start = now;
	}
}

/* fls64 - the 1-based index of the highest set bit, 0 for 0 */
static u32 cubic_fls64(u64 x)
{
	return x ? 64U - (u32)__builtin_clzll(x) : 0U;
}

/*
 * tcp_cubic_root - cbrt(@a), rounded as Linux rounds it: a first guess
 * from a 64-entry table of cube roots of the top 6 bits, then one
 * Newton-Raphson step, x' = (2x + a / (x * (x - 1))) / 3 (with / 3 as
 * * 341 >> 10).  About 0.2% average error.  Exported for its unit test.
 */
u32 tcp_cubic_root(u64 a)
{
	/* v[i] = cbrt(i << 18) - 1, hand-tuned (as Linux's table) */
	static const u8 v[] = {
		0,   54,  54,  54,  118, 118, 118, 118, 123, 129, 134, 138, 143,
		147, 151, 156, 157, 161, 164, 168, 170, 173, 176, 179, 181, 185,
		187, 190, 192, 194, 197, 199, 200, 202, 204, 206, 209, 211, 213,
		215, 217, 219, 221, 222, 224, 225, 227, 229, 231, 232, 234, 236,
		237, 239, 240, 242, 244, 245, 246, 248, 250, 251, 252, 254,
	};
	u32 x, b, shift;

	b = cubic_fls64(a);
	if (b < 7) /* a < 64: the table alone */
		return ((u32)v[(u32)a] + 35) >> 6;

	b = ((b * 84) >> 8) - 1; /* about (fls - 1) / 3 */
	shift = (u32)(a >> (b * 3));
	x = ((u32)(((u32)v[shift] + 10) << b)) >> 6;

	x = 2 * x + (u32)(a / ((u64)x * (u64)(x - 1)));
	return (x * 341) >> 10;
}

/* usecs_to_jiffies, rounding up as Linux does */
static u32 cubic_usecs_to_jiffies(u32 us)
{
	const u32 us_per_jiffy = USEC_PER_SEC / HZ;

	return (u32)(((u64)us + us_per_jiffy - 1) / us_per_jiffy);
}

/* The Reno estimate W_est (RFC 9438 4.3) caps cnt where Reno is faster */
static void bictcp_friendliness(struct bictcp *ca, u32 cwnd)
{
	u32 per_seg = (cwnd * CUBIC_BETA_SCALE) >> 3;

	while (ca->ack_cnt > per_seg) {
		ca->ack_cnt -= per_seg;
		ca->tcp_cwnd++;
	}
	if (ca->tcp_cwnd > cwnd) {
		u32 max_cnt = cwnd / (ca->tcp_cwnd - cwnd);

		if (ca->cnt > max_cnt)
			ca->cnt = max_cnt;
	}
}

/*
 * bictcp_update - ca->cnt for the next ACKs: how many ACKed segments
 * make cwnd one larger so that it reaches W_cubic(t + RTT) (RFC 9438
 * 4.2, eq. 1 and 2, with Linux's min RTT as "RTT").
 */
static void bictcp_update(struct sock *sk, struct bictcp *ca, u32 cwnd,
			  u32 acked)
{
	u32 now = tcp_jiffies32(sk);
	u32 delta, bic_target;
	u64 offs, t;

	ca->ack_cnt += acked;

	/* recompute at most 32 times a second while cwnd stands still */
	if (ca->last_cwnd == cwnd && (s32)(now - ca->last_time) <= HZ / 32)
		return;

	/* ... and at most once a jiffy; a reduction (epoch 0) forces it */
	if (ca->epoch_start && now == ca->last_time)
		goto friendliness;

	ca->last_cwnd = cwnd;
	ca->last_time = now;

	if (ca->epoch_start == 0) {
		/* a new epoch (RFC 9438 4.2): K from how far below W_max */
		ca->epoch_start = now;
		ca->ack_cnt = acked;
		ca->tcp_cwnd = cwnd;
		if (ca->last_max_cwnd <= cwnd) {
			ca->bic_K = 0;
			ca->bic_origin_point = cwnd;
		} else {
			ca->bic_K =
				tcp_cubic_root(CUBIC_CUBE_FACTOR *
					       (u64)(ca->last_max_cwnd - cwnd));
			ca->bic_origin_point = ca->last_max_cwnd;
		}
	}

	/* t: time since the epoch began plus one (min) RTT, 1/1024 s */
	t = (u64)(s64)(s32)(now - ca->epoch_start);
	t += cubic_usecs_to_jiffies(ca->delay_min);
	t <<= BICTCP_HZ;
	t /= HZ;

	offs = t < ca->bic_K ? ca->bic_K - t : t - ca->bic_K;
	/* C * (t - K)^3, overflow-free while cwnd < 2^20 */
	delta = (u32)((CUBIC_RTT_SCALE * offs * offs * offs) >>
		      (10 + 3 * BICTCP_HZ));
	bic_target = t < ca->bic_K ? ca->bic_origin_point - delta
				   : ca->bic_origin_point + delta;

	if (bic_target > cwnd)
		ca->cnt = cwnd / (bic_target - cwnd);
	else
		ca->cnt = 100 * cwnd; /* at or above target: barely grow */

	/* no W_max yet: grow at least 5% per RTT */
	if (ca->last_max_cwnd == 0 && ca->cnt > 20)
		ca->cnt = 20;

friendliness:
	if (tcp_friendliness)
		bictcp_friendliness(ca, cwnd);

	/* never faster than one segment per two ACKed (1.5x per RTT) */
	ca->cnt = max_t(u32, ca->cnt, 2U);
}

static void cubictcp_cong_avoid(struct sock *sk, u32 ack, u32 acked)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);

	(void)ack;
	if (!tcp_is_cwnd_limited(sk))
		return;
	if (tcp_in_slow_start(tp)) {
		acked = tcp_slow_start(tp, acked);
		if (!acked)
			return;
	}
	bictcp_update(sk, ca, tcp_snd_cwnd(tp), acked);
	tcp_cong_avoid_ai(tp, ca->cnt, acked);
}

/*
 * On congestion: W_max, with fast convergence (RFC 9438 4.7) lowering it
 * further when cwnd had not regained the last W_max; the new ssthresh
 * is cwnd * beta_cubic (RFC 9438 4.6).
 */
static u32 cubictcp_recalc_ssthresh(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);
	u32 cwnd = tcp_snd_cwnd(tp);

	ca->epoch_start = 0;
	if (cwnd < ca->last_max_cwnd && fast_convergence)
		ca->last_max_cwnd = (cwnd * (BICTCP_BETA_SCALE + beta)) /
				    (2 * BICTCP_BETA_SCALE);
	else
		ca->last_max_cwnd = cwnd;
	return max_t(u32, (cwnd * beta) / BICTCP_BETA_SCALE, 2U);
}

/* an RTO starts over: the curve and HyStart forget everything */
static void cubictcp_state(struct sock *sk, u8 new_state)
{
	if (new_state == TCP_CA_Loss) {
		bictcp_reset(inet_csk_ca(sk));
		bictcp_hystart_reset(sk);
	}
}

/*
 * hystart_ack_delay - a cushion for TSO/GRO aggregation: the time four
 * 64 KB GSO packets (GSO_LEGACY_MAX_SIZE, what veth and lo allow) take
 * at the pacing rate, at most 1 ms; none before there is a rate.
 */
static u32 hystart_ack_delay(const struct sock *sk)
{
	const u64 gso_max_size = 65536;
	u64 rate = sk->sk_pacing_rate;

	if (!rate)
		return 0;
	return (u32)min_t(u64, USEC_PER_MSEC,
			  gso_max_size * 4 * USEC_PER_SEC / rate);
}

/*
 * HyStart: leave slow start (ssthresh = cwnd) when the ACKs of a round
 * keep coming back-to-back for longer than half the min RTT (the ACK
 * train has filled the pipe), or when the round's min RTT rose by an
 * eighth of the min RTT, clamped to 4..16 ms (queues are building).
 */
static void hystart_update(struct sock *sk, u32 delay)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);
	u32 threshold;

	if (after(tp->snd_una, ca->end_seq))
		bictcp_hystart_reset(sk);

	if (tcp_snd_cwnd(tp) < hystart_low_window)
		return;

	if (hystart_detect & HYSTART_ACK_TRAIN) {
		u32 now = bictcp_clock_us(sk);

		if ((s32)(now - ca->last_ack) <= hystart_ack_delta_us) {
			ca->last_ack = now;
			threshold = ca->delay_min + hystart_ack_delay(sk);
			/* unpaced: the train may span half an RTT */
			threshold >>= 1;
			if (now - ca->round_start > threshold) {
				ca->found = 1;
				NET_INC_STATS(sock_net(sk),
					      LINUX_MIB_TCPHYSTARTTRAINDETECT);
				__NET_ADD_STATS(sock_net(sk),
						LINUX_MIB_TCPHYSTARTTRAINCWND,
						tcp_snd_cwnd(tp));
				tp->snd_ssthresh = tcp_snd_cwnd(tp);
			}
		}
	}

	if (hystart_detect & HYSTART_DELAY) {
		if (ca->curr_rtt > delay)
			ca->curr_rtt = delay;
		if (ca->sample_cnt < HYSTART_MIN_SAMPLES) {
			ca->sample_cnt++;
		} else if (ca->curr_rtt >
			   ca->delay_min + clamp_t(u32, ca->delay_min >> 3,
						   HYSTART_DELAY_MIN,
						   HYSTART_DELAY_MAX)) {
			ca->found = 1;
			NET_INC_STATS(sock_net(sk),
				      LINUX_MIB_TCPHYSTARTDELAYDETECT);
			__NET_ADD_STATS(sock_net(sk),
					LINUX_MIB_TCPHYSTARTDELAYCWND,
					tcp_snd_cwnd(tp));
			tp->snd_ssthresh = tcp_snd_cwnd(tp);
		}
	}
}

/* Each RTT sample: the min RTT, and HyStart while in slow start */
static void cubictcp_acked(struct sock *sk, const struct ack_sample *sample)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);
	u32 delay;

	if (sample->rtt_us < 0)
		return;
	/* samples within a second of a reduction may still carry its queue */
	if (ca->epoch_start && (s32)(tcp_jiffies32(sk) - ca->epoch_start) < HZ)
		return;

	delay = sample->rtt_us ? (u32)sample->rtt_us : 1U;
	if (ca->delay_min == 0 || ca->delay_min > delay)
		ca->delay_min = delay;

	if (!ca->found && tcp_in_slow_start(tp) && hystart)
		hystart_update(sk, delay);
}

const struct tcp_congestion_ops tcp_cubic = {
	.init = cubictcp_init,
	.ssthresh = cubictcp_recalc_ssthresh,
	.cong_avoid = cubictcp_cong_avoid,
	.set_state = cubictcp_state,
	.undo_cwnd = tcp_reno_undo_cwnd,
	.cwnd_event = cubictcp_cwnd_event,
	.pkts_acked = cubictcp_acked,
	.name = "cubic",
};

/* tcp_cubic_register - offer "cubic" in the stack's registry */
int tcp_cubic_register(void)
{
	return tcp_register_congestion_control(&tcp_cubic);
}
