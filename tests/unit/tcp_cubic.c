// SPDX-License-Identifier: BSD-2-Clause
/*
 * CUBIC (tcp_cubic.c) against Linux's integer arithmetic: the cube root
 * within Linux's stated error of the real one; cwnd round by round after
 * a loss (K, the concave climb to W_max, the plateau, the convex probe,
 * fast convergence) equal to the values Linux's algorithm gives for the
 * same ACKs at the same times (computed independently, by
 * tcp_cubic_ref.py beside this file); HyStart's ACK-train and delay
 * exits; no slow-start growth while not cwnd-limited; and the
 * registry: "reno bbr cubic" available, cubic the default in /proc/sys,
 * for new sockets and in TCP_CONGESTION, ENOENT for an unknown name,
 * EPERM for a restricted one without CAP_NET_ADMIN.
 */
#include <errno.h>
#include <fcntl.h>

#include <net/inet_connection_sock.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sock.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "kstack.h"

static struct tn_stack *st;
static int fd;
static struct sock *sk;
static u64 t0; /* ns: where the scenario's time 0 is */

static void setup(void)
{
	struct socket *sock;
	u64 now;

	st = kt_stack_lo_up();
	fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(fd >= 0);
	stack_enter(st);
	sock = sock_from_file(fdget(fd));
	now = ktime_get_ns(st);
	stack_exit(st);
	KT_ASSERT(sock);
	sk = sock->sk;
	/* time 0 on a jiffy (ms) boundary, as the reference assumes */
	if (now % NSEC_PER_MSEC)
		tn_clock_advance(st, NSEC_PER_MSEC - now % NSEC_PER_MSEC);
	stack_enter(st);
	t0 = ktime_get_ns(st);
	stack_exit(st);
}

static void teardown(void)
{
	struct tcp_sock *tp = tcp_sk(sk);

	stack_enter(st);
	tp->packets_out = 0;
	tp->max_packets_out = 0;
	stack_exit(st);
	tn_close(fd);
	kt_stack_done(st);
}

/* move the virtual clock to t0 + @ns */
static void at(u64 ns)
{
	u64 now;

	stack_enter(st);
	now = ktime_get_ns(st);
	stack_exit(st);
	if (t0 + ns > now)
		tn_clock_advance(st, t0 + ns - now);
}

static const struct tcp_congestion_ops *ops(void)
{
	return inet_csk(sk)->icsk_ca_ops;
}

static void ca_init(u32 cwnd, u32 ssthresh)
{
	struct tcp_sock *tp = tcp_sk(sk);

	stack_enter(st);
	KT_ASSERT(ops() == &tcp_cubic);
	tcp_snd_cwnd_set(tp, cwnd);
	tp->snd_ssthresh = ssthresh;
	tp->snd_cwnd_cnt = 0;
	/* always cwnd-limited */
	tp->packets_out = 0;
	tp->max_packets_out = 1U << 20;
	tp->tcp_mstamp = tcp_clock_us(sk);
	ops()->init(sk);
	stack_exit(st);
}

static void acked_sample(s32 rtt_us)
{
	const struct ack_sample s = { .pkts_acked = 1, .rtt_us = rtt_us };

	stack_enter(st);
	tcp_sk(sk)->tcp_mstamp = tcp_clock_us(sk);
	ops()->pkts_acked(sk, &s);
	stack_exit(st);
}

/* a loss: ssthresh from CUBIC, cwnd down to it (as recovery ends) */
static u32 loss(void)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 ssthresh;

	stack_enter(st);
	ssthresh = ops()->ssthresh(sk);
	tp->snd_ssthresh = ssthresh;
	tcp_snd_cwnd_set(tp, ssthresh);
	tp->snd_cwnd_cnt = 0;
	stack_exit(st);
	return ssthresh;
}

#define RTT_NS (100 * NSEC_PER_MSEC)

/*
 * @rounds round trips of 100 ms, each ACKing the cwnd it began with one
 * segment at a time, evenly spaced; cwnd after each round into @out.
 * Return: the time after the last round.
 */
static u64 run_rounds(u64 t, unsigned int rounds, u32 *out)
{
	for (unsigned int r = 0; r < rounds; r++) {
		u32 n = tcp_snd_cwnd(tcp_sk(sk));

		for (u32 i = 0; i < n; i++) {
			at(t + (i + 1) * RTT_NS / n);
			stack_enter(st);
			ops()->cong_avoid(sk, 0, 1);
			stack_exit(st);
		}
		t += RTT_NS;
		out[r] = tcp_snd_cwnd(tcp_sk(sk));
	}
	return t;
}

/* the first 16 bytes of CUBIC's state: cnt, last_max_cwnd, ... */
static u32 ca_u32(unsigned int i)
{
	const u32 *p = inet_csk_ca(sk);

	return p[i];
}

#define CA_LAST_MAX 1
#define CA_ORIGIN   4
#define CA_K	    5

/* the real cube root, by Newton's method in double (no libm) */
static double real_cbrt(double a)
{
	double x = 1;

	if (a <= 0)
		return 0;
	while (x * x * x < a)
		x *= 2;
	for (int i = 0; i < 100; i++)
		x = (2 * x + a / (x * x)) / 3;
	return x;
}

static double dabs(double d)
{
	return d < 0 ? -d : d;
}

/* cbrt: within 1 below 2^21, within 1% above, 0.2% on average */
static void test_cubic_root(void)
{
	double sum = 0;
	unsigned int n = 0;
	u64 seed = 88172645463325252ULL;

	KT_EQ(tcp_cubic_root(0), 0);
	KT_EQ(tcp_cubic_root(1), 1);
	KT_EQ(tcp_cubic_root(7), 2);
	KT_EQ(tcp_cubic_root(64), 4);
	KT_EQ(tcp_cubic_root(1000), 10);
	KT_EQ(tcp_cubic_root(27000), 30);
	KT_EQ(tcp_cubic_root(1ULL << 30), 1024);
	/* K for W_max - cwnd = 30 and 1000 (cube_factor = 2^40 / 410) */
	KT_EQ(tcp_cubic_root(2681735677ULL * 30), 4316);
	KT_EQ(tcp_cubic_root(2681735677ULL * 1000), 13897);

	for (u64 a = 0; a < (1U << 21); a += 7) {
		double d = (double)tcp_cubic_root(a) - real_cbrt((double)a);

		KT_ASSERT(dabs(d) < 1.0);
	}
	for (unsigned int bits = 21; bits < 64; bits++) {
		for (unsigned int j = 0; j < 2000; j++) {
			u64 a;
			double c, e;

			/* xorshift64 */
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			a = (1ULL << (bits - 1)) |
			    (seed & ((1ULL << (bits - 1)) - 1));
			c = real_cbrt((double)a);
			e = dabs((double)tcp_cubic_root(a) - c) / c;
			KT_ASSERT(e < 0.01);
			sum += e;
			n++;
		}
	}
	KT_ASSERT(sum / n < 0.00195);
}

/* Linux's cwnd after each 100 ms round (tcp_cubic_ref.py) */
static const u32 after_loss_100[60] = {
	73,  75,  77,  79,  80,	 82,  83,  85,	86,  87,  88,  90,
	91,  92,  93,  94,  95,	 95,  96,  97,	97,  98,  98,  98,
	99,  99,  99,  100, 100, 100, 100, 100, 100, 100, 100, 100,
	100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100,
	100, 100, 100, 100, 100, 100, 101, 101, 101, 101, 102, 102,
};
static const u32 after_loss_102[5] = { 74, 76, 78, 80, 82 };
static const u32 after_loss_82[20] = {
	58, 59, 60, 61, 62, 63, 64, 65, 66, 66,
	67, 67, 67, 68, 68, 68, 69, 69, 69, 69,
};

static void test_cwnd_after_loss(void)
{
	u32 got[60];
	u64 t;

	setup();
	ca_init(100, 100);
	acked_sample(100000); /* min RTT 100 ms */
	KT_EQ(loss(), 70); /* 100 * 717 / 1024 */
	KT_EQ(ca_u32(CA_LAST_MAX), 100);
	t = run_rounds(0, 60, got);
	KT_EQ(ca_u32(CA_K), 4316); /* real_cbrt(30 / 0.4) s in 1/1024 s */
	KT_EQ(ca_u32(CA_ORIGIN), 100);
	for (unsigned int i = 0; i < 60; i++)
		KT_EQ(got[i], after_loss_100[i]);

	/* RFC 9438 eq. 1 (float): cwnd stays within 3 of W_cubic(t + RTT) */
	for (unsigned int i = 0; i < 60; i++) {
		double s = (i + 2) * 0.1 - real_cbrt(30 / 0.4);
		double w = 0.4 * s * s * s + 100;

		KT_ASSERT(dabs(got[i] - w) < 3.0);
	}

	/* a loss above W_max: W_max is the cwnd */
	KT_EQ(loss(), 71);
	KT_EQ(ca_u32(CA_LAST_MAX), 102);
	t = run_rounds(t, 5, got);
	KT_EQ(ca_u32(CA_K), 4361);
	for (unsigned int i = 0; i < 5; i++)
		KT_EQ(got[i], after_loss_102[i]);

	/* below W_max: fast convergence (RFC 9438 4.7) */
	KT_EQ(loss(), 57); /* 82 * 717 / 1024 */
	KT_EQ(ca_u32(CA_LAST_MAX), 69); /* 82 * (1 + 0.7) / 2 */
	(void)run_rounds(t, 20, got);
	KT_EQ(ca_u32(CA_K), 3179);
	for (unsigned int i = 0; i < 20; i++)
		KT_EQ(got[i], after_loss_82[i]);
	teardown();
}

/* RTO: the curve and W_max are forgotten (set_state(TCP_CA_Loss)) */
static void test_rto_resets(void)
{
	setup();
	ca_init(100, 100);
	KT_EQ(loss(), 70);
	stack_enter(st);
	tcp_set_ca_state(sk, TCP_CA_Loss);
	KT_EQ(ca_u32(CA_LAST_MAX), 0);
	tcp_set_ca_state(sk, TCP_CA_Open);
	stack_exit(st);
	teardown();
}

static u64 mib(int field)
{
	return sock_net(sk)->ipv4.net_statistics->mibs[field];
}

/*
 * HyStart ACK train: with cwnd >= 16 and ACKs less than 2 ms apart,
 * slow start ends (ssthresh = cwnd) once the train is longer than half
 * the min RTT (10 ms here): at the ACK 6 ms into the round.
 */
static void test_hystart_ack_train(void)
{
	struct tcp_sock *tp;

	setup();
	tp = tcp_sk(sk);
	ca_init(16, TCP_INFINITE_SSTHRESH);
	tp->snd_una = 0;
	tp->snd_nxt = 100;
	acked_sample(10000);
	KT_EQ(tp->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	for (unsigned int ms = 1; ms <= 5; ms++) {
		at(ms * NSEC_PER_MSEC);
		acked_sample(10000);
		KT_EQ(tp->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	}
	at(6 * NSEC_PER_MSEC);
	acked_sample(10000);
	KT_EQ(tp->snd_ssthresh, 16);
	KT_EQ(mib(LINUX_MIB_TCPHYSTARTTRAINDETECT), 1);
	KT_EQ(mib(LINUX_MIB_TCPHYSTARTTRAINCWND), 16);
	KT_EQ(mib(LINUX_MIB_TCPHYSTARTDELAYDETECT), 0);
	teardown();
}

/*
 * HyStart delay: ACKs 3 ms apart (no train); in a new round, after 8
 * samples, a round min RTT above min RTT + max(min RTT / 8, 4 ms) ends
 * slow start.  Below 16 segments HyStart does nothing.
 */
static void test_hystart_delay(void)
{
	struct tcp_sock *tp;
	u64 t = 0;

	setup();
	tp = tcp_sk(sk);
	ca_init(20, TCP_INFINITE_SSTHRESH);
	tp->snd_una = 0;
	tp->snd_nxt = 100;
	acked_sample(10000); /* min RTT 10 ms, round 1 */
	tp->snd_una = 101; /* round 2 begins with the next sample */
	tp->snd_nxt = 200;
	for (unsigned int i = 0; i < 9; i++) {
		t += 3 * NSEC_PER_MSEC;
		at(t);
		KT_EQ(tp->snd_ssthresh, TCP_INFINITE_SSTHRESH);
		acked_sample(14001); /* > 10 ms + 4 ms */
	}
	KT_EQ(tp->snd_ssthresh, 20);
	KT_EQ(mib(LINUX_MIB_TCPHYSTARTDELAYDETECT), 1);
	KT_EQ(mib(LINUX_MIB_TCPHYSTARTTRAINDETECT), 0);
	teardown();

	/* 14000 is not above the threshold */
	setup();
	tp = tcp_sk(sk);
	ca_init(20, TCP_INFINITE_SSTHRESH);
	tp->snd_nxt = 100;
	acked_sample(10000);
	tp->snd_una = 101;
	tp->snd_nxt = 200;
	for (unsigned int i = 0; i < 20; i++) {
		at((i + 1) * 3 * NSEC_PER_MSEC);
		acked_sample(14000);
	}
	KT_EQ(tp->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	teardown();
}

/* Slow start is Reno's (cwnd + acked, up to ssthresh), then CUBIC */
static void test_slow_start(void)
{
	struct tcp_sock *tp;

	setup();
	tp = tcp_sk(sk);
	ca_init(10, 15);
	stack_enter(st);
	ops()->cong_avoid(sk, 0, 3);
	KT_EQ(tcp_snd_cwnd(tp), 13);
	ops()->cong_avoid(sk, 0, 3);
	KT_EQ(tcp_snd_cwnd(tp), 15); /* one left over for the curve */
	stack_exit(st);
	teardown();
}

/*
 * Slow start grows cwnd only while cwnd-limited: cwnd below twice the
 * most packets out this window.  Linux 6.18 with CUBIC (TCP_CONGESTION,
 * 127.0.0.1): one segment a round trip, request only or request/response,
 * leaves cwnd at 10 round after round, as Reno does; six segments out
 * grow it per ACK to 12.  (The host's default there is BBR, which does
 * grow it: 11, 12, 13, 14.)
 */
static void test_slow_start_app_limited(void)
{
	struct tcp_sock *tp;
	int i;

	setup();
	tp = tcp_sk(sk);
	ca_init(10, TCP_INFINITE_SSTHRESH);
	stack_enter(st);
	tp->max_packets_out = 1;
	for (i = 0; i < 4; i++) {
		ops()->cong_avoid(sk, 0, 1);
		KT_EQ(tcp_snd_cwnd(tp), 10);
	}
	tp->max_packets_out = 5;
	ops()->cong_avoid(sk, 0, 1);
	KT_EQ(tcp_snd_cwnd(tp), 10);
	tp->max_packets_out = 6;
	ops()->cong_avoid(sk, 0, 1);
	KT_EQ(tcp_snd_cwnd(tp), 11);
	ops()->cong_avoid(sk, 0, 1);
	KT_EQ(tcp_snd_cwnd(tp), 12);
	for (i = 0; i < 4; i++) {
		ops()->cong_avoid(sk, 0, 1);
		KT_EQ(tcp_snd_cwnd(tp), 12);
	}
	stack_exit(st);
	teardown();
}

static void read_sysctl(const char *key, char *val, size_t len)
{
	int f = tn_open(key, O_RDONLY);
	ssize_t n;

	KT_ASSERT(f >= 0);
	n = tn_read(f, val, len - 1);
	KT_ASSERT(n > 0);
	val[n] = '\0';
	tn_close(f);
}

static ssize_t write_sysctl(const char *key, const char *val)
{
	int f = tn_open(key, O_WRONLY), err;
	ssize_t n;

	KT_ASSERT(f >= 0);
	n = tn_write(f, val, strlen(val));
	err = errno;
	tn_close(f);
	errno = err;
	return n;
}

#define SYS "/proc/sys/net/ipv4/"

static void test_registry_and_default(void)
{
	char val[64];
	socklen_t len = sizeof(val);
	int s;

	setup();
	read_sysctl(SYS "tcp_available_congestion_control", val, sizeof(val));
	KT_STREQ(val, "reno bbr cubic\n");
	read_sysctl(SYS "tcp_congestion_control", val, sizeof(val));
	KT_STREQ(val, "cubic\n");
	/* bbr is TCP_CONG_NON_RESTRICTED in Linux, cubic allowed as the
	 * default */
	read_sysctl(SYS "tcp_allowed_congestion_control", val, sizeof(val));
	KT_STREQ(val, "reno bbr cubic\n");

	memset(val, 'x', sizeof(val));
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, val, &len), 0);
	KT_EQ(len, TCP_CA_NAME_MAX);
	KT_STREQ(val, "cubic");

	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "vegas", 5), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 4), 0);
	len = sizeof(val);
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, val, &len), 0);
	KT_STREQ(val, "reno");
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "cubic", 5), 0);

	/* unknown names leave the sysctls as they were */
	KT_EQ(write_sysctl(SYS "tcp_congestion_control", "vegas"), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(write_sysctl(SYS "tcp_allowed_congestion_control", "reno vegas"),
	      -1);
	KT_EQ(errno, ENOENT);

	/* only reno allowed: cubic stays usable as the default ... */
	KT_EQ(write_sysctl(SYS "tcp_allowed_congestion_control", "reno"), 4);
	read_sysctl(SYS "tcp_allowed_congestion_control", val, sizeof(val));
	KT_STREQ(val, "reno\n");
	/* ... and without CAP_NET_ADMIN a socket gets EPERM for it */
	stack_enter(st);
	KT_EQ(__tcp_set_congestion_control(sk, "reno", false), 0);
	KT_EQ(__tcp_set_congestion_control(sk, "cubic", false), -EPERM);
	KT_EQ(__tcp_set_congestion_control(sk, "cubic", true), 0);
	stack_exit(st);
	/* the API caller holds CAP_NET_ADMIN over its own stack */
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "cubic", 5), 0);
	/* setting the default allows it again, as on Linux */
	KT_EQ(write_sysctl(SYS "tcp_congestion_control", "reno"), 4);
	KT_EQ(write_sysctl(SYS "tcp_congestion_control", "cubic"), 5);
	read_sysctl(SYS "tcp_allowed_congestion_control", val, sizeof(val));
	KT_STREQ(val, "reno cubic\n");

	/* a new socket takes the default */
	KT_EQ(write_sysctl(SYS "tcp_congestion_control", "reno"), 4);
	s = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(s >= 0);
	len = sizeof(val);
	KT_EQ(tn_getsockopt(s, IPPROTO_TCP, TCP_CONGESTION, val, &len), 0);
	KT_STREQ(val, "reno");
	tn_close(s);
	teardown();
}

KTEST_MAIN(KT(test_cubic_root), KT(test_cwnd_after_loss), KT(test_rto_resets),
	   KT(test_hystart_ack_train), KT(test_hystart_delay),
	   KT(test_slow_start), KT(test_slow_start_app_limited),
	   KT(test_registry_and_default))
