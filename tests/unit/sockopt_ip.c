// SPDX-License-Identifier: BSD-2-Clause
/*
 * SOL_IP socket options on UDP, raw and ping sockets: values, defaults and
 * the errno Linux gives for bad ones (EINVAL, ENOPROTOOPT, ENOTCONN), the
 * one-byte answer to a short getsockopt, IP_MTU on a connected socket.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"

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

	KT_EQ(tn_getsockopt(fd, SOL_IP, name, &v, &len), 0);
	KT_EQ(len, sizeof(int));
	return v;
}

static int setint(int fd, int name, int v)
{
	return tn_setsockopt(fd, SOL_IP, name, &v, sizeof(v));
}

static void test_sockopt_ttl_tos(void)
{
	unsigned char c = 0;
	socklen_t len = 1;
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(getint(fd, IP_TTL), 64); /* net.ipv4.ip_default_ttl */
	KT_EQ(setint(fd, IP_TTL, 5), 0);
	KT_EQ(getint(fd, IP_TTL), 5);
	KT_EQ(setint(fd, IP_TTL, 0), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(setint(fd, IP_TTL, 256), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_TTL, &c, 0), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(setint(fd, IP_TTL, -1), 0);
	KT_EQ(getint(fd, IP_TTL), 64);
	/* a one-byte getsockopt gets one byte */
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_TTL, &c, &len), 0);
	KT_EQ(len, 1);
	KT_EQ(c, 64);
	/* and a one-byte setsockopt is read as a byte */
	c = 9;
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_TTL, &c, 1), 0);
	KT_EQ(getint(fd, IP_TTL), 9);

	KT_EQ(getint(fd, IP_TOS), 0);
	KT_EQ(setint(fd, IP_TOS, 0x10), 0);
	KT_EQ(getint(fd, IP_TOS), 0x10);
	KT_EQ(getint(fd, IP_MULTICAST_TTL), 1);
	KT_EQ(getint(fd, IP_MULTICAST_LOOP), 1);
	KT_EQ(setint(fd, IP_MULTICAST_TTL, 256), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(setint(fd, IP_MULTICAST_TTL, -1), 0);
	KT_EQ(getint(fd, IP_MULTICAST_TTL), 1);
	tn_close(fd);
	teardown();
}

static void test_sockopt_flags(void)
{
	int fd, raw;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(getint(fd, IP_MTU_DISCOVER), IP_PMTUDISC_WANT);
	KT_EQ(setint(fd, IP_MTU_DISCOVER, IP_PMTUDISC_DO), 0);
	KT_EQ(getint(fd, IP_MTU_DISCOVER), IP_PMTUDISC_DO);
	KT_EQ(setint(fd, IP_MTU_DISCOVER, IP_PMTUDISC_OMIT + 1), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(setint(fd, IP_RECVERR, 1), 0);
	KT_EQ(getint(fd, IP_RECVERR), 1);
	KT_EQ(setint(fd, IP_RECVERR_RFC4884, 2), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(setint(fd, IP_RECVERR_RFC4884, 1), 0);
	KT_EQ(getint(fd, IP_RECVERR_RFC4884), 1);
	KT_EQ(setint(fd, IP_PKTINFO, 1), 0);
	KT_EQ(getint(fd, IP_PKTINFO), 1);
	KT_EQ(setint(fd, IP_RECVTTL, 7), 0);
	KT_EQ(getint(fd, IP_RECVTTL), 1);
	KT_EQ(setint(fd, IP_RECVTOS, 1), 0);
	KT_EQ(getint(fd, IP_RECVTOS), 1);
	KT_EQ(setint(fd, IP_FREEBIND, 1), 0);
	KT_EQ(getint(fd, IP_FREEBIND), 1);
	KT_EQ(setint(fd, IP_BIND_ADDRESS_NO_PORT, 1), 0);
	KT_EQ(getint(fd, IP_BIND_ADDRESS_NO_PORT), 1);
	/* IP_HDRINCL is for raw sockets only */
	KT_EQ(setint(fd, IP_HDRINCL, 1), -1);
	KT_EQ(errno, ENOPROTOOPT);
	KT_EQ(getint(fd, IP_HDRINCL), 0);
	/* IP_MTU is read-only and needs a route */
	KT_EQ(setint(fd, IP_MTU, 1000), -1);
	KT_EQ(errno, ENOPROTOOPT);
	{
		int v;
		socklen_t len = sizeof(v);

		KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MTU, &v, &len), -1);
		KT_EQ(errno, ENOTCONN);
		KT_EQ(tn_getsockopt(fd, SOL_IP, 9999, &v, &len), -1);
		KT_EQ(errno, ENOPROTOOPT);
	}
	KT_EQ(setint(fd, 9999, 1), -1);
	KT_EQ(errno, ENOPROTOOPT);
	/* empty IP_OPTIONS are fine */
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, NULL, 0), 0);

	raw = tn_socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	KT_ASSERT(raw >= 0);
	KT_EQ(getint(raw, IP_HDRINCL), 0);
	KT_EQ(setint(raw, IP_HDRINCL, 1), 0);
	KT_EQ(getint(raw, IP_HDRINCL), 1);
	tn_close(raw);
	/* IPPROTO_RAW implies IP_HDRINCL */
	raw = tn_socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	KT_ASSERT(raw >= 0);
	KT_EQ(getint(raw, IP_HDRINCL), 1);
	tn_close(raw);
	tn_close(fd);
	teardown();
}

static void test_sockopt_ip_mtu_connected(void)
{
	struct sockaddr_in sin;
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(9);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_connect(fd, SA(&sin), sizeof(sin)), 0);
	KT_EQ(getint(fd, IP_MTU), 65535); /* lo's 65536, capped at IP_MAX_MTU */
	tn_close(fd);

	/* a device MTU beyond what IPv4 can carry: still 65535 */
	{
		struct ifreq ifr;
		int ctl = tn_socket(AF_INET, SOCK_DGRAM, 0);

		memset(&ifr, 0, sizeof(ifr));
		strcpy(ifr.ifr_name, "lo");
		ifr.ifr_mtu = 200000;
		KT_EQ(tn_ioctl(ctl, SIOCSIFMTU, &ifr), 0);
		KT_EQ(tn_ioctl(ctl, SIOCGIFMTU, &ifr), 0);
		KT_EQ(ifr.ifr_mtu, 200000);
		tn_close(ctl);
	}
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_connect(fd, SA(&sin), sizeof(sin)), 0);
	KT_EQ(getint(fd, IP_MTU), 65535);
	tn_close(fd);
	teardown();
}

#ifndef IP_PROTOCOL
#define IP_PROTOCOL 52
#endif

/* IP_PROTOCOL reads inet_num: a raw socket's protocol, a UDP port. */
static void test_sockopt_ip_protocol(void)
{
	static const int protos[] = { IPPROTO_ICMP, IPPROTO_UDP, IPPROTO_RAW,
				      IPPROTO_TCP };
	struct sockaddr_in sin;
	unsigned char c = 9;
	socklen_t len;
	size_t i;
	int fd;

	setup();
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		fd = tn_socket(AF_INET, SOCK_RAW, protos[i]);
		KT_ASSERT(fd >= 0);
		KT_EQ(getint(fd, IP_PROTOCOL), protos[i]);
		len = 1;
		KT_EQ(tn_getsockopt(fd, SOL_IP, IP_PROTOCOL, &c, &len), 0);
		KT_EQ(len, 1);
		KT_EQ(c, protos[i]);
		KT_EQ(setint(fd, IP_PROTOCOL, 1), -1);
		KT_EQ(errno, ENOPROTOOPT);
		tn_close(fd);
	}
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(getint(fd, IP_PROTOCOL), 0); /* not bound yet */
	KT_EQ(setint(fd, IP_PROTOCOL, IPPROTO_UDP), -1);
	KT_EQ(errno, ENOPROTOOPT);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(7777);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), 0);
	KT_EQ(getint(fd, IP_PROTOCOL), 7777);
	tn_close(fd);
	teardown();
}

static void test_sockopt_multicast_if(void)
{
	struct in_addr a = { .s_addr = htonl(INADDR_LOOPBACK) }, b;
	socklen_t len = sizeof(b);
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &a, sizeof(a)), 0);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_IF, &b, &len), 0);
	KT_EQ(len, sizeof(b));
	KT_EQ(b.s_addr, a.s_addr);
	a.s_addr = htonl(0x0a090909);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &a, sizeof(a)), -1);
	KT_EQ(errno, EADDRNOTAVAIL);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &a, 2), -1);
	KT_EQ(errno, EINVAL);
	tn_close(fd);
	teardown();
}

/*
 * IP_TOS also sets the socket's priority, rt_tos2priority() of the TOS
 * bits, which SO_PRIORITY reads back (values seen on Linux 6.18).
 */
static void test_sockopt_tos_sets_priority(void)
{
	static const int tos[][2] = { { 0x10, 6 }, { 0x08, 2 }, { 0x04, 0 },
				      { 0x02, 0 }, { 0x18, 4 }, { 0x1c, 4 },
				      { 0xb8, 4 } };
	unsigned int i;

	setup();
	for (i = 0; i < sizeof(tos) / sizeof(tos[0]); i++) {
		int fd = tn_socket(AF_INET, SOCK_DGRAM, 0), prio = -1;
		socklen_t len = sizeof(prio);

		KT_EQ(setint(fd, IP_TOS, tos[i][0]), 0);
		KT_EQ(tn_getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &prio, &len),
		      0);
		KT_EQ(prio, tos[i][1]);
		tn_close(fd);
	}
	teardown();
}

KTEST_MAIN(KT(test_sockopt_ttl_tos), KT(test_sockopt_tos_sets_priority),
	   KT(test_sockopt_flags), KT(test_sockopt_ip_mtu_connected),
	   KT(test_sockopt_multicast_if), KT(test_sockopt_ip_protocol))
