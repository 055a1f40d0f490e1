// SPDX-License-Identifier: BSD-2-Clause
/*
 * The tuxnet side: the stack in this process, on its real clock.
 *
 * Two namespaces joined by a veth pair, configured over rtnetlink
 * (nlsetup.c), a receiver bound in b and a connected sender in a.  Every
 * tn_send() runs the whole path - UDP, IP, veth, IP, UDP - to the receiving
 * socket before it returns, so one thread sends a batch and then drains it,
 * with no system call per packet.
 *
 * The clock is real (CLOCK_MONOTONIC, a worker thread runs the timers), as
 * a program embedding the stack would run it; the worker is pinned to the
 * same CPU as everything else, so whatever it costs is in the figures.
 * (-V runs it on the virtual clock instead: the difference is what reading
 * the time costs the stack, a diagnostic, not the figure to quote.)
 * Time is measured by the benchmark on the host's clock, not the stack's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

#include "bench.h"
#include "nlsetup.h"

#define TN_NS_A	  BENCH_TN_NS_A
#define TN_NS_B	  BENCH_TN_NS_B
#define TN_RCVBUF (4 << 20)
#define TN_BUFLEN 2048

static struct {
	struct tn_stack *st;
	int tx, rx, icmp;
} tb = { .tx = -1, .rx = -1, .icmp = -1 };

static void sin_set(struct sockaddr_in *sin, const char *addr, int port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

static void tuxnet_teardown(void)
{
	struct tn_stack_stats stats;

	if (!tb.st)
		return;
	if (tb.tx >= 0)
		tn_close(tb.tx);
	if (tb.rx >= 0)
		tn_close(tb.rx);
	if (tb.icmp >= 0)
		tn_close(tb.icmp);
	tb.tx = tb.rx = tb.icmp = -1;
	bench_tn_topology_del();
	tn_stack_get_stats(tb.st, &stats);
	if (stats.live_skbs || stats.live_socks || stats.live_netns)
		printf("# tuxnet: left behind %ld skbs, %ld socks, %ld netns\n",
		       stats.live_skbs, stats.live_socks, stats.live_netns);
	tn_stack_destroy(tb.st);
	tb.st = NULL;
}

/* Deletes what bench_tn_topology() made (whatever of it exists). */
void bench_tn_topology_del(void)
{
	tn_netns_set(NULL);
	tn_netns_del(TN_NS_A);
	tn_netns_del(TN_NS_B);
}

/* The topology: ip netns add, veth, addresses, links up. */
int bench_tn_topology(char *why, size_t len)
{
	int err;

	if (tn_netns_add(TN_NS_A) || tn_netns_add(TN_NS_B)) {
		snprintf(why, len, "netns add: %s", strerror(errno));
		return -errno;
	}
	tn_netns_set(TN_NS_A);
	err = nl_add_veth("veth0", "veth1", TN_NS_B);
	if (err) {
		snprintf(why, len, "veth: %s", strerror(-err));
		return err;
	}
	err = nl_addr_up("veth0", BENCH_ADDR_A, BENCH_PREFIX);
	if (err) {
		snprintf(why, len, "address of a: %s", strerror(-err));
		return err;
	}
	tn_netns_set(TN_NS_B);
	err = nl_addr_up("veth1", BENCH_ADDR_B, BENCH_PREFIX);
	if (err)
		snprintf(why, len, "address of b: %s", strerror(-err));
	return err;
}

static int tuxnet_sockets(char *why, size_t len)
{
	struct sockaddr_in sin;
	int buf = TN_RCVBUF;

	tn_netns_set(TN_NS_B);
	tb.rx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (tb.rx < 0)
		goto fail;
	if (tn_setsockopt(tb.rx, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)))
		tn_setsockopt(tb.rx, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	sin_set(&sin, BENCH_ADDR_B, BENCH_PORT);
	if (tn_bind(tb.rx, (struct sockaddr *)&sin, sizeof(sin)))
		goto fail;

	tn_netns_set(TN_NS_A);
	tb.tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (tb.tx < 0 ||
	    tn_connect(tb.tx, (struct sockaddr *)&sin, sizeof(sin)))
		goto fail;
	/* as linux_side.c: anyone may open ping sockets */
	{
		static const char range[] = "0 2147483647\n";
		int fd = tn_open("/proc/sys/net/ipv4/ping_group_range",
				 O_WRONLY);

		if (fd < 0 || tn_write(fd, range, sizeof(range) - 1) < 0)
			goto fail;
		tn_close(fd);
	}
	tb.icmp = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	sin_set(&sin, BENCH_ADDR_B, 0);
	if (tb.icmp < 0 ||
	    tn_connect(tb.icmp, (struct sockaddr *)&sin, sizeof(sin)))
		goto fail;
	tn_netns_set(NULL);
	return 0;

fail:
	snprintf(why, len, "sockets: %s", strerror(errno));
	return -errno;
}

static int tuxnet_setup(const struct bench_config *cfg, char *why, size_t len)
{
	struct tn_stack_config sc = {
		.clock = cfg->virtual_clock ? TN_CLOCK_VIRTUAL : TN_CLOCK_REAL,
	};
	int err;

	tb.st = tn_stack_create(&sc);
	if (!tb.st) {
		snprintf(why, len, "tn_stack_create: %s", strerror(errno));
		return -errno;
	}
	err = bench_tn_topology(why, len);
	if (!err)
		err = tuxnet_sockets(why, len);
	if (err)
		tuxnet_teardown();
	return err;
}

/* Takes everything queued on the receiver; returns how many or -errno. */
static long tuxnet_drain(void)
{
	static char buf[TN_BUFLEN];
	long got = 0;

	for (;;) {
		if (tn_recv(tb.rx, buf, sizeof(buf), MSG_DONTWAIT) >= 0) {
			got++;
			continue;
		}
		return errno == EAGAIN ? got : -errno;
	}
}

static int tuxnet_udp(size_t size, long count, struct bench_udp_result *res)
{
	static char sbuf[TN_BUFLEN];
	struct pollfd pfd = { .fd = tb.rx, .events = POLLIN };
	long sent = 0, got = 0, n;
	double t0;

	memset(sbuf, 'x', sizeof(sbuf));
	t0 = bench_now_ns();
	while (sent < count) {
		long b =
			count - sent < BENCH_BATCH ? count - sent : BENCH_BATCH;

		for (; b > 0; b--) {
			if (tn_send(tb.tx, sbuf, size, 0) >= 0)
				sent++;
			else if (errno != ENOBUFS && errno != EAGAIN)
				return -errno;
		}
		n = tuxnet_drain();
		if (n < 0)
			return (int)n;
		got += n;
	}
	while (got < sent && tn_poll(&pfd, 1, 200) > 0) {
		n = tuxnet_drain();
		if (n < 0)
			return (int)n;
		got += n;
	}
	res->secs = (bench_now_ns() - t0) / 1e9;
	res->received = got;
	return 0;
}

static int tuxnet_udp_gso(size_t seg, int segs, long count,
			  struct bench_udp_result *res)
{
	static char sbuf[65536];
	struct pollfd pfd = { .fd = tb.rx, .events = POLLIN };
	int gso = (int)seg, off = 0;
	long sent = 0, got = 0, n;
	double t0;

	if (seg * (size_t)segs > sizeof(sbuf))
		return -EINVAL;
	memset(sbuf, 'x', sizeof(sbuf));
	if (tn_setsockopt(tb.tx, SOL_UDP, UDP_SEGMENT, &gso, sizeof(gso)))
		return -errno;
	t0 = bench_now_ns();
	while (sent < count) {
		if (tn_send(tb.tx, sbuf, seg * (size_t)segs, 0) >= 0)
			sent += segs;
		else if (errno != ENOBUFS && errno != EAGAIN)
			return -errno;
		n = tuxnet_drain();
		if (n < 0)
			return (int)n;
		got += n;
	}
	while (got < sent && tn_poll(&pfd, 1, 200) > 0) {
		n = tuxnet_drain();
		if (n < 0)
			return (int)n;
		got += n;
	}
	res->secs = (bench_now_ns() - t0) / 1e9;
	res->received = got;
	tn_setsockopt(tb.tx, SOL_UDP, UDP_SEGMENT, &off, sizeof(off));
	return 0;
}

static int tuxnet_ping(long count, double *rtt_ns)
{
	char req[BENCH_PING_LEN], ans[TN_BUFLEN];
	struct pollfd pfd = { .fd = tb.icmp, .events = POLLIN };
	long i;

	for (i = 0; i < count; i++) {
		uint16_t seq = (uint16_t)i;
		double t0;
		ssize_t n;

		bench_icmp_echo(req, sizeof(req), seq);
		t0 = bench_now_ns();
		if (tn_send(tb.icmp, req, sizeof(req), 0) !=
		    (ssize_t)sizeof(req))
			return -errno;
		for (;;) {
			n = tn_recv(tb.icmp, ans, sizeof(ans), MSG_DONTWAIT);
			if (n < 0 && errno != EAGAIN)
				return -errno;
			if (n < 0 && tn_poll(&pfd, 1, 1000) <= 0)
				return -ETIMEDOUT;
			if (n > 0 && bench_icmp_is_reply(ans, (size_t)n, seq))
				break;
		}
		rtt_ns[i] = bench_now_ns() - t0;
	}
	return 0;
}

const struct bench_ops tuxnet_bench_ops = {
	.name = "tuxnet",
	.setup = tuxnet_setup,
	.teardown = tuxnet_teardown,
	.udp = tuxnet_udp,
	.udp_gso = tuxnet_udp_gso,
	.ping = tuxnet_ping,
};
