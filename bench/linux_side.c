// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Linux side: the same work on the kernel of this machine.
 *
 * Two network namespaces of our own joined by a veth pair, made with ip(8):
 *
 *   ip netns add tnbench-a-PID; ip netns add tnbench-b-PID
 *   ip -n tnbench-a-PID link add tnb0 type veth peer name tnb1 netns tnbench-b-PID
 *   ip -n tnbench-a-PID addr add 10.0.0.1/24 dev tnb0 (and up); 10.0.0.2 on tnb1
 *
 * The sockets are made inside their namespace (setns) and keep it, so one
 * thread drives both ends, as on tuxnet: sendmmsg() of a batch on a
 * connected socket in a, recvmmsg() of everything queued in b.  On the
 * sending CPU veth hands each frame to the backlog and the softirq that
 * runs before sendmmsg() returns delivers it, so the work is the same.
 *
 * Once the sockets exist the namespaces' names are deleted: the sockets
 * and our namespace fds keep them alive, and they vanish with the process
 * however it ends.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define LINUX_RCVBUF (4 << 20)
#define LINUX_BUFLEN 2048

static struct {
	struct bench_lx_netns ns;
	int tx, rx, icmp;
} lx = { .tx = -1, .rx = -1, .icmp = -1 };

/* Runs a shell command quietly; 0 if it exited with 0. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	strncat(cmd, " >/dev/null 2>&1", sizeof(cmd) - strlen(cmd) - 1);
	st = system(cmd);
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

void bench_lx_names_del(struct bench_lx_netns *ns)
{
	if (!ns->named)
		return;
	run("ip netns del %s", ns->a);
	run("ip netns del %s", ns->b);
	ns->named = 0;
}

static void del_names(void)
{
	bench_lx_names_del(&lx.ns);
}

/* Moves the calling thread into namespace @ns (a name in /run/netns). */
int bench_lx_setns(const char *ns)
{
	char path[64];
	int nsfd, err = 0;

	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	if (nsfd < 0)
		return -errno;
	if (setns(nsfd, CLONE_NEWNET))
		err = -errno;
	close(nsfd);
	return err;
}

/* A socket made inside namespace @ns; the thread returns to @home. */
int bench_lx_socket_in(const char *ns, int home, int type, int proto)
{
	int fd, err;

	err = bench_lx_setns(ns);
	if (err)
		return err;
	fd = socket(AF_INET, type | SOCK_CLOEXEC, proto);
	err = fd < 0 ? -errno : 0;
	if (setns(home, CLONE_NEWNET) && !err) {
		err = -errno;
		close(fd);
	}
	return err ? err : fd;
}

static void sin_set(struct sockaddr_in *sin, const char *addr, int port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

static void linux_teardown(void)
{
	if (lx.tx >= 0)
		close(lx.tx);
	if (lx.rx >= 0)
		close(lx.rx);
	if (lx.icmp >= 0)
		close(lx.icmp);
	lx.tx = lx.rx = lx.icmp = -1;
	del_names();
}

static int linux_sockets(char *why, size_t len)
{
	struct sockaddr_in sin;
	int home, buf = LINUX_RCVBUF;
	int err = 0;

	home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0) {
		snprintf(why, len, "/proc/self/ns/net: %s", strerror(errno));
		return -errno;
	}
	lx.rx = bench_lx_socket_in(lx.ns.b, home, SOCK_DGRAM, 0);
	lx.tx = bench_lx_socket_in(lx.ns.a, home, SOCK_DGRAM, 0);
	lx.icmp = bench_lx_socket_in(lx.ns.a, home, SOCK_DGRAM, IPPROTO_ICMP);
	close(home);
	if (lx.rx < 0 || lx.tx < 0 || lx.icmp < 0) {
		err = lx.rx < 0 ? lx.rx : lx.tx < 0 ? lx.tx : lx.icmp;
		snprintf(why, len, "socket in namespace: %s", strerror(-err));
		return err;
	}
	setsockopt(lx.rx, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf));
	sin_set(&sin, BENCH_ADDR_B, BENCH_PORT);
	if (bind(lx.rx, (struct sockaddr *)&sin, sizeof(sin)) ||
	    connect(lx.tx, (struct sockaddr *)&sin, sizeof(sin))) {
		err = -errno;
		snprintf(why, len, "bind/connect: %s", strerror(errno));
		return err;
	}
	sin_set(&sin, BENCH_ADDR_B, 0);
	if (connect(lx.icmp, (struct sockaddr *)&sin, sizeof(sin))) {
		err = -errno;
		snprintf(why, len, "icmp connect: %s", strerror(errno));
	}
	return err;
}

/**
 * bench_lx_netns_add - the two namespaces, the veth pair, the addresses
 * @ns: filled with the names
 * Return: 0, -EPERM without root, or -EIO (with @why) if ip(8) failed; on
 *	failure nothing is left behind.
 */
int bench_lx_netns_add(struct bench_lx_netns *ns, char *why, size_t len)
{
	int pid = (int)getpid();
	const char *a = ns->a, *b = ns->b;

	if (geteuid() != 0) {
		snprintf(why, len, "needs root");
		return -EPERM;
	}
	snprintf(ns->a, sizeof(ns->a), "tnbench-a-%d", pid);
	snprintf(ns->b, sizeof(ns->b), "tnbench-b-%d", pid);
	if (run("ip netns add %s", a))
		goto fail_ip;
	ns->named = 1;
	if (run("ip netns add %s", b) ||
	    run("ip -n %s link add tnb0 type veth peer name tnb1 netns %s", a,
		b) ||
	    run("ip -n %s addr add %s/%d dev tnb0", a, BENCH_ADDR_A,
		BENCH_PREFIX) ||
	    run("ip -n %s addr add %s/%d dev tnb1", b, BENCH_ADDR_B,
		BENCH_PREFIX) ||
	    run("ip -n %s link set tnb0 up", a) ||
	    run("ip -n %s link set tnb1 up", b))
		goto fail_ip;
	return 0;

fail_ip:
	snprintf(why, len, "setting up namespaces with ip(8) failed");
	bench_lx_names_del(ns);
	return -EIO;
}

static int linux_setup(const struct bench_config *cfg, char *why, size_t len)
{
	int err;

	(void)cfg;
	err = bench_lx_netns_add(&lx.ns, why, len);
	if (err)
		return err;
	if (run("ip netns exec %s sysctl -qw net.ipv4.ping_group_range='0 "
		"2147483647'",
		lx.ns.a)) {
		snprintf(why, len, "setting up namespaces with ip(8) failed");
		linux_teardown();
		return -EIO;
	}
	err = linux_sockets(why, len);
	del_names();
	if (err)
		linux_teardown();
	return err;
}

/* Takes everything queued on the receiver; returns how many or -errno. */
static long linux_drain(struct mmsghdr *msgs)
{
	long got = 0;
	int n;

	do {
		n = recvmmsg(lx.rx, msgs, BENCH_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0)
			return errno == EAGAIN ? got : -errno;
		got += n;
	} while (n == BENCH_BATCH);
	return got;
}

static int linux_udp(size_t size, long count, struct bench_udp_result *res)
{
	static char sbuf[LINUX_BUFLEN], rbuf[BENCH_BATCH][LINUX_BUFLEN];
	struct mmsghdr smsg[BENCH_BATCH], rmsg[BENCH_BATCH];
	struct iovec siov, riov[BENCH_BATCH];
	struct pollfd pfd = { .fd = lx.rx, .events = POLLIN };
	long sent = 0, got = 0, n;
	double t0;
	int i;

	memset(sbuf, 'x', sizeof(sbuf));
	siov.iov_base = sbuf;
	siov.iov_len = size;
	memset(smsg, 0, sizeof(smsg));
	memset(rmsg, 0, sizeof(rmsg));
	for (i = 0; i < BENCH_BATCH; i++) {
		smsg[i].msg_hdr.msg_iov = &siov;
		smsg[i].msg_hdr.msg_iovlen = 1;
		riov[i].iov_base = rbuf[i];
		riov[i].iov_len = LINUX_BUFLEN;
		rmsg[i].msg_hdr.msg_iov = &riov[i];
		rmsg[i].msg_hdr.msg_iovlen = 1;
	}

	t0 = bench_now_ns();
	while (sent < count) {
		long b =
			count - sent < BENCH_BATCH ? count - sent : BENCH_BATCH;

		n = sendmmsg(lx.tx, smsg, (unsigned int)b, 0);
		if (n < 0 && errno != ENOBUFS && errno != EAGAIN)
			return -errno;
		if (n > 0)
			sent += n;
		n = linux_drain(rmsg);
		if (n < 0)
			return (int)n;
		got += n;
	}
	/* Anything the softirq left to ksoftirqd arrives soon after. */
	while (got < sent && poll(&pfd, 1, 200) > 0) {
		n = linux_drain(rmsg);
		if (n < 0)
			return (int)n;
		got += n;
	}
	res->secs = (bench_now_ns() - t0) / 1e9;
	res->received = got;
	return 0;
}

static int linux_udp_gso(size_t seg, int segs, long count,
			 struct bench_udp_result *res)
{
	static char sbuf[65536], rbuf[BENCH_BATCH][LINUX_BUFLEN];
	struct mmsghdr rmsg[BENCH_BATCH];
	struct iovec riov[BENCH_BATCH];
	struct pollfd pfd = { .fd = lx.rx, .events = POLLIN };
	int gso = (int)seg, off = 0, i;
	long sent = 0, got = 0, n;
	double t0;

	if (seg * (size_t)segs > sizeof(sbuf))
		return -EINVAL;
	memset(sbuf, 'x', sizeof(sbuf));
	memset(rmsg, 0, sizeof(rmsg));
	for (i = 0; i < BENCH_BATCH; i++) {
		riov[i].iov_base = rbuf[i];
		riov[i].iov_len = LINUX_BUFLEN;
		rmsg[i].msg_hdr.msg_iov = &riov[i];
		rmsg[i].msg_hdr.msg_iovlen = 1;
	}
	if (setsockopt(lx.tx, SOL_UDP, UDP_SEGMENT, &gso, sizeof(gso)))
		return -errno;
	t0 = bench_now_ns();
	while (sent < count) {
		if (send(lx.tx, sbuf, seg * (size_t)segs, 0) >= 0)
			sent += segs;
		else if (errno != ENOBUFS && errno != EAGAIN)
			return -errno;
		n = linux_drain(rmsg);
		if (n < 0)
			return (int)n;
		got += n;
	}
	while (got < sent && poll(&pfd, 1, 200) > 0) {
		n = linux_drain(rmsg);
		if (n < 0)
			return (int)n;
		got += n;
	}
	res->secs = (bench_now_ns() - t0) / 1e9;
	res->received = got;
	setsockopt(lx.tx, SOL_UDP, UDP_SEGMENT, &off, sizeof(off));
	return 0;
}

static int linux_ping(long count, double *rtt_ns)
{
	char req[BENCH_PING_LEN];
	char ans[LINUX_BUFLEN];
	struct pollfd pfd = { .fd = lx.icmp, .events = POLLIN };
	long i;

	for (i = 0; i < count; i++) {
		uint16_t seq = (uint16_t)i;
		double t0;
		ssize_t n;

		bench_icmp_echo(req, sizeof(req), seq);
		t0 = bench_now_ns();
		if (send(lx.icmp, req, sizeof(req), 0) != (ssize_t)sizeof(req))
			return -errno;
		for (;;) {
			n = recv(lx.icmp, ans, sizeof(ans), MSG_DONTWAIT);
			if (n < 0 && errno != EAGAIN)
				return -errno;
			if (n < 0 && poll(&pfd, 1, 1000) <= 0)
				return -ETIMEDOUT;
			if (n > 0 && bench_icmp_is_reply(ans, (size_t)n, seq))
				break;
		}
		rtt_ns[i] = bench_now_ns() - t0;
	}
	return 0;
}

const struct bench_ops linux_bench_ops = {
	.name = "linux",
	.setup = linux_setup,
	.teardown = linux_teardown,
	.udp = linux_udp,
	.udp_gso = linux_udp_gso,
	.ping = linux_ping,
};
