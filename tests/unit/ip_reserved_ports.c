// SPDX-License-Identifier: BSD-2-Clause
/*
 * net.ipv4.ip_local_reserved_ports: the list syntax Linux 6.18 takes and
 * prints (proc_do_large_bitmap: "8080,9000-9100", ',' or '\n' between
 * items, C-notation numbers, EINVAL for anything else and nothing changed),
 * and its effect: ephemeral ports skip reserved ones for UDP (bind 0,
 * autobind on send) and TCP (bind 0, connect), while an explicit bind to a
 * reserved port still works.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "ktest.h"
#include "kstack.h"

#define P "/proc/sys/net/ipv4/ip_local_reserved_ports"

static int wr(const char *path, const char *val, size_t len)
{
	int fd = tn_open(path, O_WRONLY), err = 0;

	KT_ASSERT(fd >= 0);
	if (tn_write(fd, val, len) < 0)
		err = errno;
	tn_close(fd);
	return err;
}

static int set(const char *val)
{
	return wr(P, val, strlen(val));
}

static const char *get(void)
{
	static char buf[256];
	int fd = tn_open(P, O_RDONLY);
	ssize_t n;

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	KT_ASSERT(n >= 0);
	buf[n] = '\0';
	tn_close(fd);
	return buf;
}

/* Each write after "0": its errno (0 for none) and what reads back. */
static void check(const char *val, size_t len, int err, const char *after)
{
	KT_EQ(set("0"), 0);
	KT_EQ(wr(P, val, len), err);
	KT_STREQ(get(), after);
}

#define CHECK(v, err, after) check(v, sizeof(v) - 1, err, after)

static void test_syntax(void)
{
	struct tn_stack *st = kt_stack_lo_up();

	KT_STREQ(get(), "\n");
	/* what Linux 6.18 does with each (recorded with printf > /proc) */
	CHECK("8080,9000-9100", 0, "8080,9000-9100\n");
	CHECK("7-7", 0, "7\n");
	CHECK(" 5 ", EINVAL, "0\n");
	CHECK("5 ", EINVAL, "0\n");
	CHECK("5 ,6", EINVAL, "0\n");
	CHECK("5, 6", EINVAL, "0\n");
	CHECK("5\n", 0, "5\n");
	CHECK("5\n\n", 0, "5\n");
	CHECK("5,\n", 0, "5\n");
	CHECK("5,", 0, "5\n");
	CHECK(",5", EINVAL, "0\n");
	CHECK("1,,2", EINVAL, "0\n");
	CHECK("5-6\n7", 0, "5-7\n");
	CHECK("\n", 0, "\n");
	CHECK("5\t", EINVAL, "0\n");
	CHECK("5-", EINVAL, "0\n");
	CHECK("-5", EINVAL, "0\n");
	CHECK("+5", EINVAL, "0\n");
	CHECK("0x10", 0, "16\n");
	CHECK("010", 0, "8\n");
	CHECK("5 -6", EINVAL, "0\n");
	CHECK("5- 6", EINVAL, "0\n");
	CHECK("1-2-3", EINVAL, "0\n");
	CHECK("10-5", EINVAL, "0\n");
	CHECK("1,3,2,4", 0, "1-4\n");
	CHECK("4,3", 0, "3-4\n");
	CHECK("65536", EINVAL, "0\n");
	CHECK("65535", 0, "65535\n");
	CHECK("1-65535", 0, "1-65535\n");
	CHECK("0-3,65534-65535", 0, "0-3,65534-65535\n");
	CHECK("4294967297", EINVAL, "0\n");
	CHECK("a", EINVAL, "0\n");
	kt_stack_done(st);
}

static unsigned short local_port(int fd)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	KT_EQ(tn_getsockname(fd, KT_SA(&sin), &len), 0);
	return ntohs(sin.sin_port);
}

static int sock_bound(int type, int port)
{
	struct sockaddr_in a = kt_lo_addr(port);
	int fd = tn_socket(AF_INET, type, 0);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, KT_SA(&a), sizeof(a)), 0);
	return fd;
}

static void test_ephemeral_ports_skip(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in a = kt_lo_addr(0), srv = kt_lo_addr(5000);
	int u1, u2, t1, t2, l, c, e, i;

	KT_EQ(wr("/proc/sys/net/ipv4/ip_local_port_range", "40000 40003", 11),
	      0);
	KT_EQ(set("40000-40002"), 0);

	/* UDP bind(0): the one port left, then none */
	u1 = sock_bound(SOCK_DGRAM, 0);
	KT_EQ(local_port(u1), 40003);
	u2 = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_bind(u2, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EADDRINUSE);
	tn_close(u2);
	/* autobind on send: none either */
	u2 = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_sendto(u2, "x", 1, 0, KT_SA(&srv), sizeof(srv)), -1);
	KT_EQ(errno, EAGAIN);
	tn_close(u2);
	/* an explicit bind to a reserved port works */
	u2 = sock_bound(SOCK_DGRAM, 40001);
	KT_EQ(local_port(u2), 40001);
	tn_close(u2);
	tn_close(u1);
	/* the one left, every time (random start: try a few) */
	for (i = 0; i < 8; i++) {
		u1 = tn_socket(AF_INET, SOCK_DGRAM, 0);
		KT_EQ(tn_sendto(u1, "x", 1, 0, KT_SA(&srv), sizeof(srv)), 1);
		KT_EQ(local_port(u1), 40003);
		tn_close(u1);
	}

	/* TCP bind(0) */
	t1 = sock_bound(SOCK_STREAM, 0);
	KT_EQ(local_port(t1), 40003);
	t2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(t2, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EADDRINUSE);
	tn_close(t2);
	tn_close(t1);

	/* TCP connect: 40003 too, and then no port */
	l = sock_bound(SOCK_STREAM, 5000);
	KT_EQ(tn_listen(l, 8), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&srv), sizeof(srv)), 0);
	KT_EQ(local_port(c), 40003);
	t2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(t2, KT_SA(&srv), sizeof(srv)), -1);
	KT_EQ(errno, EADDRNOTAVAIL);
	tn_close(t2);
	e = tn_accept(l, NULL, NULL);
	KT_ASSERT(e >= 0);
	tn_close(e);
	tn_close(c);
	tn_close(l);

	/* cleared: every port of the range again */
	KT_EQ(set("\n"), 0);
	u1 = sock_bound(SOCK_DGRAM, 0);
	u2 = sock_bound(SOCK_DGRAM, 0);
	KT_ASSERT(local_port(u1) >= 40000 && local_port(u1) <= 40003);
	KT_ASSERT(local_port(u2) >= 40000 && local_port(u2) <= 40003);
	tn_close(u1);
	tn_close(u2);
	tn_clock_advance(st, 120ULL * 1000000000ULL); /* TIME_WAIT ends */
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_syntax), KT(test_ephemeral_ports_skip))
