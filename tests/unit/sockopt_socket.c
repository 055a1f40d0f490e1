// SPDX-License-Identifier: BSD-2-Clause
/*
 * SOL_SOCKET behaviour at the edges, each as Linux 6.18 gives it (checked
 * with the same calls on the kernel): a receive after shutdown(SHUT_RD)
 * that would not wait is EAGAIN; SO_RCVBUF/SO_SNDBUF compare the value as
 * unsigned with rmem_max/wmem_max and the *FORCE variants clamp at 0 and
 * INT_MAX / 2 before doubling; SO_RCVTIMEO/SO_SNDTIMEO (old and new
 * layouts) with huge, negative and out-of-range values; SO_NO_CHECK is
 * kept; SO_PASSCRED and friends are EOPNOTSUPP on inet sockets.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"

#ifndef SO_RCVTIMEO_NEW
#define SO_RCVTIMEO_NEW 66
#define SO_SNDTIMEO_NEW 67
#endif
#ifndef SO_PASSPIDFD
#define SO_PASSPIDFD 76
#endif
#ifndef SO_PASSRIGHTS
#define SO_PASSRIGHTS 83
#endif

static struct tn_stack *st;

#define SA(p) KT_SA(p)

static void setup(void)
{
	st = kt_stack_lo_up();
}

static void teardown(void)
{
	kt_stack_done(st);
}

static int getint(int fd, int name)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	KT_EQ(tn_getsockopt(fd, SOL_SOCKET, name, &v, &len), 0);
	KT_EQ(len, sizeof(int));
	return v;
}

static int setint(int fd, int name, int v)
{
	return tn_setsockopt(fd, SOL_SOCKET, name, &v, sizeof(v));
}

static void test_shutdown_rd_nonblocking(void)
{
	struct sockaddr_in sin;
	char buf[16];
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), 0);
	/* unconnected: ENOTCONN, but the shutdown is made all the same */
	KT_EQ(tn_shutdown(fd, SHUT_RD), -1);
	KT_EQ(errno, ENOTCONN);

	/* a receive that would not wait: EAGAIN, not end of file */
	KT_EQ(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	KT_EQ(tn_fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	KT_EQ(tn_recv(fd, buf, sizeof(buf), 0), -1);
	KT_EQ(errno, EAGAIN);
	KT_EQ(tn_fcntl(fd, F_SETFL, 0), 0);
	/* a negative SO_RCVTIMEO is a zero timeout: no wait either */
	{
		struct timeval tv = { -1, 0 };

		KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
				    sizeof(tv)),
		      0);
		KT_EQ(tn_recv(fd, buf, sizeof(buf), 0), -1);
		KT_EQ(errno, EAGAIN);
		tv.tv_sec = 0;
		KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
				    sizeof(tv)),
		      0);
	}
	/* only a blocking one returns 0 */
	KT_EQ(tn_recv(fd, buf, sizeof(buf), 0), 0);
	tn_close(fd);
	teardown();
}

static void test_buf_sizes(void)
{
	/* net.core.rmem_max = wmem_max = 4 MiB (Linux 6.18's default) */
	static const struct {
		int name, get, val, want;
	} cases[] = {
		{ SO_RCVBUF, SO_RCVBUF, -1, 8388608 },
		{ SO_RCVBUF, SO_RCVBUF, INT_MIN, 8388608 },
		{ SO_RCVBUF, SO_RCVBUF, 0, 2304 },
		{ SO_RCVBUF, SO_RCVBUF, 1, 2304 },
		{ SO_RCVBUF, SO_RCVBUF, 2303, 4606 },
		{ SO_RCVBUF, SO_RCVBUF, 4194305, 8388608 },
		{ SO_RCVBUF, SO_RCVBUF, INT_MAX, 8388608 },
		{ SO_SNDBUF, SO_SNDBUF, -1, 8388608 },
		{ SO_SNDBUF, SO_SNDBUF, INT_MIN, 8388608 },
		{ SO_SNDBUF, SO_SNDBUF, 0, 4608 },
		{ SO_SNDBUF, SO_SNDBUF, 2304, 4608 },
		{ SO_SNDBUF, SO_SNDBUF, 4607, 9214 },
		{ SO_SNDBUF, SO_SNDBUF, INT_MAX, 8388608 },
		{ SO_RCVBUFFORCE, SO_RCVBUF, -1, 2304 },
		{ SO_RCVBUFFORCE, SO_RCVBUF, INT_MIN, 2304 },
		{ SO_RCVBUFFORCE, SO_RCVBUF, 212993, 425986 },
		{ SO_RCVBUFFORCE, SO_RCVBUF, 1 << 30, 2147483646 },
		{ SO_RCVBUFFORCE, SO_RCVBUF, INT_MAX, 2147483646 },
		{ SO_SNDBUFFORCE, SO_SNDBUF, -1, 4608 },
		{ SO_SNDBUFFORCE, SO_SNDBUF, INT_MIN, 4608 },
		{ SO_SNDBUFFORCE, SO_SNDBUF, INT_MAX, 2147483646 },
	};
	size_t i;
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		KT_EQ(setint(fd, cases[i].name, cases[i].val), 0);
		if (getint(fd, cases[i].get) != cases[i].want) {
			fprintf(stderr, "  case %zu\n", i);
			KT_EQ(getint(fd, cases[i].get), cases[i].want);
		}
	}
	tn_close(fd);
	teardown();
}

struct tv64 {
	int64_t sec, usec;
};

static struct tv64 get_timeo(int fd, int name)
{
	struct tv64 tv = { 7, 7 };
	socklen_t len = sizeof(tv);

	KT_EQ(tn_getsockopt(fd, SOL_SOCKET, name, &tv, &len), 0);
	KT_EQ(len, sizeof(tv));
	return tv;
}

static void test_timeouts(void)
{
	static const int names[] = { SO_RCVTIMEO, SO_SNDTIMEO, SO_RCVTIMEO_NEW,
				     SO_SNDTIMEO_NEW };
	static const struct {
		int64_t sec, usec;
		int err;
		int64_t get_sec, get_usec;
	} cases[] = {
		{ 0, 0, 0, 0, 0 },
		{ 1, 0, 0, 1, 0 },
		{ 3, 500000, 0, 3, 500000 },
		{ -1, 0, 0, 0, 0 },
		{ -5, 5, 0, 0, 0 },
		{ 0, -1, EDOM, 0, 0 },
		{ 0, 1000000, EDOM, 0, 0 },
		{ INT64_MAX, 0, 0, 0, 0 }, /* forever, read back as 0 */
		{ INT64_MAX, 999999, 0, 0, 0 },
		{ INT_MAX, 0, 0, INT_MAX, 0 },
	};
	struct tv64 tv;
	size_t i, n;
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	for (n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			tv.sec = cases[i].sec;
			tv.usec = cases[i].usec;
			if (cases[i].err) {
				KT_EQ(tn_setsockopt(fd, SOL_SOCKET, names[n],
						    &tv, sizeof(tv)),
				      -1);
				KT_EQ(errno, cases[i].err);
				/* the last value stays: 0 from the case before */
				continue;
			}
			KT_EQ(tn_setsockopt(fd, SOL_SOCKET, names[n], &tv,
					    sizeof(tv)),
			      0);
			tv = get_timeo(fd, names[n]);
			KT_EQ(tv.sec, cases[i].get_sec);
			KT_EQ(tv.usec, cases[i].get_usec);
		}
		/* too short a value: EINVAL */
		KT_EQ(tn_setsockopt(fd, SOL_SOCKET, names[n], &tv, 8), -1);
		KT_EQ(errno, EINVAL);
	}
	/* the old and new names are one timeout */
	tv.sec = 4;
	tv.usec = 250000;
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO_NEW, &tv, sizeof(tv)),
	      0);
	tv = get_timeo(fd, SO_RCVTIMEO);
	KT_EQ(tv.sec, 4);
	KT_EQ(tv.usec, 250000);
	tn_close(fd);
	teardown();
}

/* A huge SO_RCVTIMEO is a wait with no end, not an overflow. */
static void test_timeout_huge_waits(void)
{
	struct tv64 tv = { INT64_MAX / 1000, 999999 };
	struct sockaddr_in sin;
	char buf[8];
	int fd, tx;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(9000);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), 0);
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_sendto(tx, "x", 1, 0, SA(&sin), sizeof(sin)), 1);
	KT_EQ(tn_recv(fd, buf, sizeof(buf), 0), 1);
	tn_close(tx);
	tn_close(fd);
	teardown();
}

static void test_no_check_passcred(void)
{
	static const int pass[] = { SO_PASSCRED, SO_PASSSEC, SO_PASSPIDFD,
				    SO_PASSRIGHTS };
	char buf[64];
	socklen_t len;
	size_t i;
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(getint(fd, SO_NO_CHECK), 0);
	KT_EQ(setint(fd, SO_NO_CHECK, 5), 0);
	KT_EQ(getint(fd, SO_NO_CHECK), 1);
	KT_EQ(setint(fd, SO_NO_CHECK, 0), 0);
	KT_EQ(getint(fd, SO_NO_CHECK), 0);

	/* SCM_CREDENTIALS and friends: AF_UNIX and AF_NETLINK only */
	for (i = 0; i < sizeof(pass) / sizeof(pass[0]); i++) {
		KT_EQ(setint(fd, pass[i], 1), -1);
		KT_EQ(errno, EOPNOTSUPP);
		KT_EQ(setint(fd, pass[i], 0), -1);
		KT_EQ(errno, EOPNOTSUPP);
		len = sizeof(buf);
		KT_EQ(tn_getsockopt(fd, SOL_SOCKET, pass[i], buf, &len), -1);
		KT_EQ(errno, EOPNOTSUPP);
	}
	tn_close(fd);
	fd = tn_socket(AF_NETLINK, SOCK_RAW, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(setint(fd, SO_PASSCRED, 1), 0);
	KT_EQ(getint(fd, SO_PASSCRED), 1);
	KT_EQ(setint(fd, SO_PASSSEC, 1), 0);
	KT_EQ(getint(fd, SO_PASSSEC), 1);
	KT_EQ(setint(fd, SO_PASSPIDFD, 1), -1); /* AF_UNIX only */
	KT_EQ(errno, EOPNOTSUPP);
	tn_close(fd);
	teardown();
}

/*
 * SOL_UDP's options as Linux 6.18 answers them (checked on the real
 * kernel): UDP_CORK, UDP_SEGMENT (0..65535) and UDP_GRO read back what
 * was set; a short optlen or a segment size out of range is EINVAL; an
 * unknown option ENOPROTOOPT.
 */
static void test_udp_options(void)
{
	int fd, v;
	socklen_t len;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(fd >= 0);
	v = 1;
	KT_EQ(tn_setsockopt(fd, IPPROTO_UDP, 103, &v, 2), -1);
	KT_EQ(errno, EINVAL);
	v = -1;
	KT_EQ(tn_setsockopt(fd, IPPROTO_UDP, 103, &v, sizeof(v)), -1);
	KT_EQ(errno, EINVAL);
	v = 65536;
	KT_EQ(tn_setsockopt(fd, IPPROTO_UDP, 103, &v, sizeof(v)), -1);
	KT_EQ(errno, EINVAL);
	v = 65535;
	KT_EQ(tn_setsockopt(fd, IPPROTO_UDP, 103, &v, sizeof(v)), 0);
	len = sizeof(v);
	v = 0;
	KT_EQ(tn_getsockopt(fd, IPPROTO_UDP, 103, &v, &len), 0);
	KT_EQ(v, 65535);
	KT_EQ(len, sizeof(v));
	v = 1;
	KT_EQ(tn_setsockopt(fd, IPPROTO_UDP, 104 /* UDP_GRO */, &v, sizeof(v)),
	      0);
	KT_EQ(tn_setsockopt(fd, IPPROTO_UDP, 1 /* UDP_CORK */, &v, sizeof(v)),
	      0);
	len = 2; /* a short buffer gets the low bytes, as Linux */
	v = 0;
	KT_EQ(tn_getsockopt(fd, IPPROTO_UDP, 1, &v, &len), 0);
	KT_EQ(v, 1);
	KT_EQ(len, 2);
	len = sizeof(v);
	KT_EQ(tn_getsockopt(fd, IPPROTO_UDP, 104, &v, &len), 0);
	KT_EQ(v, 1);
	KT_EQ(tn_setsockopt(fd, IPPROTO_UDP, 99, &v, sizeof(v)), -1);
	KT_EQ(errno, ENOPROTOOPT);
	KT_EQ(tn_getsockopt(fd, IPPROTO_UDP, 99, &v, &len), -1);
	KT_EQ(errno, ENOPROTOOPT);
	tn_close(fd);
	teardown();
}

/*
 * sendmsg's control data: past the 36 bytes Linux's ____sys_sendmsg keeps
 * on its stack, it is copied into option memory (sock_kmalloc), so it
 * must fit under net.core.optmem_max with what the socket holds already
 * (ENOBUFS, checked before any message is read); a missing buffer is
 * EFAULT.  Values as Linux 6.18 gives them.
 */
static ssize_t send_ctl(int fd, void *ctl, size_t len)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(9),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	char d = 'x';
	struct iovec io = { &d, 1 };
	struct msghdr m = { .msg_name = &a,
			    .msg_namelen = sizeof(a),
			    .msg_iov = &io,
			    .msg_iovlen = 1,
			    .msg_control = ctl,
			    .msg_controllen = len };

	return tn_sendmsg(fd, &m, 0);
}

/* -1 with errno @err */
#define SEND_FAILS(call, err)        \
	do {                         \
		KT_EQ((call), -1);   \
		KT_EQ(errno, (err)); \
	} while (0)

static void test_sendmsg_control_optmem(void)
{
	static char big[1 << 18];
	struct ip_mreqn mr = { .imr_multiaddr.s_addr = htonl(0xe1010101) };
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(send_ctl(fd, NULL, 0), 1);
	SEND_FAILS(send_ctl(fd, NULL, 8), EFAULT);
	SEND_FAILS(send_ctl(fd, NULL, 37), EFAULT);
	/* shorter than a cmsghdr: no control message at all */
	KT_EQ(send_ctl(fd, big, 10), 1);
	/* zeros: a control message of length 0 is EINVAL, once it fits */
	SEND_FAILS(send_ctl(fd, big, 131071), EINVAL);
	SEND_FAILS(send_ctl(fd, big, 131072), ENOBUFS);
	SEND_FAILS(send_ctl(fd, big, sizeof(big)), ENOBUFS);
	SEND_FAILS(send_ctl(fd, big, (size_t)INT_MAX + 1), ENOBUFS);
	/* a membership holds 48 bytes of it */
	mr.imr_ifindex = 1;
	KT_EQ(tn_setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)),
	      0);
	SEND_FAILS(send_ctl(fd, big, 131072 - 48), ENOBUFS);
	SEND_FAILS(send_ctl(fd, big, 131072 - 49), EINVAL);
	tn_close(fd);
	teardown();
}

KTEST_MAIN(KT(test_udp_options), KT(test_shutdown_rd_nonblocking),
	   KT(test_buf_sizes), KT(test_timeouts), KT(test_timeout_huge_waits),
	   KT(test_no_check_passcred), KT(test_sendmsg_control_optmem))
