// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP sockets through the public API over loopback: send and receive,
 * addresses, the errno of bind/connect/sendto as Linux, MSG_PEEK and
 * MSG_TRUNC, FIONREAD, control messages, ECONNREFUSED after an ICMP port
 * unreachable (sk_err and IP_RECVERR), broadcast permission and
 * /proc/net/udp.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <linux/sockios.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"

static struct tn_stack *st;

static struct sockaddr_in sin4(const char *addr, int port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	return sin;
}

#define SA(p) ((struct sockaddr *)(void *)(p))

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	kt_lo_up();
}

static void teardown(void)
{
	struct tn_stack_stats s;

	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	tn_stack_destroy(st);
}

static int udp_bound(const char *addr, int port)
{
	struct sockaddr_in sin = sin4(addr, port);
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), 0);
	return fd;
}

static void test_udp_loopback_echo(void)
{
	struct sockaddr_in to = sin4("127.0.0.1", 5000), from, name;
	socklen_t alen = sizeof(from);
	char buf[64];
	int a, b;

	setup();
	a = udp_bound("127.0.0.1", 5000);
	b = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	KT_ASSERT(b >= 0);
	KT_EQ(tn_sendto(b, "hello", 5, 0, SA(&to), sizeof(to)), 5);

	/* b was autobound to an ephemeral port in 32768..60999 */
	alen = sizeof(name);
	KT_EQ(tn_getsockname(b, SA(&name), &alen), 0);
	KT_ASSERT(ntohs(name.sin_port) >= 32768 &&
		  ntohs(name.sin_port) <= 60999);
	KT_EQ(name.sin_addr.s_addr, htonl(INADDR_ANY));

	alen = sizeof(from);
	KT_EQ(tn_recvfrom(a, buf, sizeof(buf), MSG_DONTWAIT, SA(&from), &alen),
	      5);
	KT_ASSERT(memcmp(buf, "hello", 5) == 0);
	KT_EQ(alen, sizeof(from));
	KT_EQ(from.sin_family, AF_INET);
	KT_EQ(from.sin_port, name.sin_port);
	KT_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	/* and back, to the sender's port */
	KT_EQ(tn_sendto(a, "back", 4, 0, SA(&from), alen), 4);
	KT_EQ(tn_recv(b, buf, sizeof(buf), MSG_DONTWAIT), 4);
	KT_EQ(tn_recv(b, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);

	tn_close(a);
	tn_close(b);
	teardown();
}

static void test_udp_bind_errors(void)
{
	struct sockaddr_in sin = sin4("127.0.0.1", 6000);
	int a, b, one = 1;

	setup();
	a = udp_bound("0.0.0.0", 6000);
	b = tn_socket(AF_INET, SOCK_DGRAM, 0);
	/* wildcard and specific address conflict */
	KT_EQ(tn_bind(b, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EADDRINUSE);
	/* short address */
	KT_EQ(tn_bind(b, SA(&sin), sizeof(sin) - 1), -1);
	KT_EQ(errno, EINVAL);
	/* not one of ours */
	sin = sin4("10.9.9.9", 6001);
	KT_EQ(tn_bind(b, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EADDRNOTAVAIL);
	/* ... unless IP_FREEBIND */
	KT_EQ(tn_setsockopt(b, SOL_IP, IP_FREEBIND, &one, sizeof(one)), 0);
	KT_EQ(tn_bind(b, SA(&sin), sizeof(sin)), 0);
	/* already bound */
	sin = sin4("127.0.0.1", 6002);
	KT_EQ(tn_bind(b, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EINVAL);
	tn_close(b);

	/* wrong family */
	b = tn_socket(AF_INET, SOCK_DGRAM, 0);
	sin = sin4("127.0.0.1", 6003);
	sin.sin_family = AF_INET6;
	KT_EQ(tn_bind(b, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EAFNOSUPPORT);
	tn_close(b);

	/* SO_REUSEADDR on both lets them share the port */
	tn_close(a);
	a = tn_socket(AF_INET, SOCK_DGRAM, 0);
	b = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_setsockopt(a, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	KT_EQ(tn_setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	sin = sin4("0.0.0.0", 6000);
	KT_EQ(tn_bind(a, SA(&sin), sizeof(sin)), 0);
	KT_EQ(tn_bind(b, SA(&sin), sizeof(sin)), 0);
	tn_close(a);
	tn_close(b);
	teardown();
}

static void test_udp_socket_types(void)
{
	setup();
	/* Linux's answer for a type without protocols (no SCTP here) */
	KT_EQ(tn_socket(AF_INET, SOCK_SEQPACKET, 0), -1);
	KT_EQ(errno, ESOCKTNOSUPPORT);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), -1);
	KT_EQ(errno, EPROTONOSUPPORT);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, 300), -1);
	KT_EQ(errno, EINVAL);
	teardown();
}

static void test_udp_sendto_errors(void)
{
	struct sockaddr_in sin = sin4("127.0.0.1", 7000);
	static char big[70000];
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_send(fd, "x", 1, 0), -1);
	KT_EQ(errno, EDESTADDRREQ);
	KT_EQ(tn_sendto(fd, "x", 1, 0, SA(&sin), sizeof(sin) - 2), -1);
	KT_EQ(errno, EINVAL);
	sin.sin_family = AF_INET6;
	KT_EQ(tn_sendto(fd, "x", 1, 0, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EAFNOSUPPORT);
	sin = sin4("127.0.0.1", 0);
	KT_EQ(tn_sendto(fd, "x", 1, 0, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EINVAL);
	sin = sin4("127.0.0.1", 7000);
	KT_EQ(tn_sendto(fd, big, 65508, 0, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EMSGSIZE);
	KT_EQ(tn_sendto(fd, big, sizeof(big), 0, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EMSGSIZE);
	/* the biggest UDP datagram there is: 65535 - 20 - 8 */
	KT_EQ(tn_sendto(fd, big, 65507, 0, SA(&sin), sizeof(sin)), 65507);
	/* only loopback: nowhere else to go */
	sin = sin4("10.1.2.3", 7000);
	KT_EQ(tn_sendto(fd, "x", 1, 0, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, ENETUNREACH);
	KT_EQ(tn_getpeername(fd, SA(&sin), &(socklen_t){ sizeof(sin) }), -1);
	KT_EQ(errno, ENOTCONN);
	tn_close(fd);
	teardown();
}

static void test_udp_peek_trunc(void)
{
	struct sockaddr_in to = sin4("127.0.0.1", 5001);
	char data[100], buf[100];
	struct iovec iov = { .iov_base = buf, .iov_len = 10 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	int a, b, n;

	setup();
	memset(data, 'q', sizeof(data));
	a = udp_bound("127.0.0.1", 5001);
	b = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_sendto(b, data, 100, 0, SA(&to), sizeof(to)), 100);
	KT_EQ(tn_sendto(b, data, 7, 0, SA(&to), sizeof(to)), 7);

	KT_EQ(tn_ioctl(a, FIONREAD, &n), 0);
	KT_EQ(n, 100);
	KT_EQ(tn_recvmsg(a, &msg, MSG_PEEK), 10);
	KT_ASSERT(msg.msg_flags & MSG_TRUNC);
	/* still there: MSG_TRUNC returns the real length */
	msg.msg_flags = 0;
	KT_EQ(tn_recvmsg(a, &msg, MSG_TRUNC), 100);
	KT_ASSERT(msg.msg_flags & MSG_TRUNC);
	/* the next one fits */
	iov.iov_len = sizeof(buf);
	msg.msg_flags = 0;
	KT_EQ(tn_recvmsg(a, &msg, 0), 7);
	KT_ASSERT(!(msg.msg_flags & MSG_TRUNC));
	KT_EQ(tn_ioctl(a, FIONREAD, &n), 0);
	KT_EQ(n, 0);
	KT_EQ(tn_recv(a, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	tn_close(a);
	tn_close(b);
	teardown();
}

static void test_udp_cmsgs(void)
{
	struct sockaddr_in to = sin4("127.0.0.1", 5002);
	char buf[16], cbuf[256];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	int a, b, one = 1, ttl = 0, seen = 0;
	struct in_pktinfo pi;
	struct timeval tv;

	setup();
	a = udp_bound("0.0.0.0", 5002);
	KT_EQ(tn_setsockopt(a, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one)), 0);
	KT_EQ(tn_setsockopt(a, SOL_IP, IP_PKTINFO, &one, sizeof(one)), 0);
	KT_EQ(tn_setsockopt(a, SOL_IP, IP_RECVTTL, &one, sizeof(one)), 0);
	b = tn_socket(AF_INET, SOCK_DGRAM, 0);
	ttl = 33;
	KT_EQ(tn_setsockopt(b, SOL_IP, IP_TTL, &ttl, sizeof(ttl)), 0);
	KT_EQ(tn_sendto(b, "t", 1, 0, SA(&to), sizeof(to)), 1);
	KT_EQ(tn_recvmsg(a, &msg, MSG_DONTWAIT), 1);
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SO_TIMESTAMP) {
			memcpy(&tv, CMSG_DATA(c), sizeof(tv));
			KT_ASSERT(tv.tv_sec > 0);
			seen |= 1;
		} else if (c->cmsg_level == SOL_IP &&
			   c->cmsg_type == IP_PKTINFO) {
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			KT_EQ(pi.ipi_addr.s_addr, htonl(INADDR_LOOPBACK));
			KT_ASSERT(pi.ipi_ifindex == 1);
			seen |= 2;
		} else if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL) {
			memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
			KT_EQ(ttl, 33);
			seen |= 4;
		}
	}
	KT_EQ(seen, 7);
	KT_EQ(tn_ioctl(a, SIOCGSTAMP, &tv), 0);
	KT_ASSERT(tv.tv_sec > 0);
	tn_close(a);
	tn_close(b);
	teardown();
}

static void test_udp_connect_refused(void)
{
	struct sockaddr_in to = sin4("127.0.0.1", 5999), peer;
	socklen_t alen = sizeof(peer);
	char buf[256], cbuf[256];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr msg = { .msg_name = &peer,
			      .msg_namelen = sizeof(peer),
			      .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct sock_extended_err ee;
	struct sockaddr_in off;
	struct cmsghdr *c;
	int fd, one = 1;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_connect(fd, SA(&to), sizeof(to)), 0);
	KT_EQ(tn_getpeername(fd, SA(&peer), &alen), 0);
	KT_EQ(peer.sin_port, htons(5999));
	/* connect() chose the source address */
	alen = sizeof(peer);
	KT_EQ(tn_getsockname(fd, SA(&peer), &alen), 0);
	KT_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	KT_EQ(tn_send(fd, "knock", 5, 0), 5);
	KT_EQ(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, ECONNREFUSED);
	/* reported once */
	KT_EQ(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);

	/* with IP_RECVERR the error is also queued, with its details */
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_RECVERR, &one, sizeof(one)), 0);
	KT_EQ(tn_send(fd, "again", 5, 0), 5);
	KT_EQ(tn_recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT), 5);
	KT_ASSERT(memcmp(buf, "again", 5) == 0);
	KT_ASSERT(msg.msg_flags & MSG_ERRQUEUE);
	KT_EQ(peer.sin_port, htons(5999));
	KT_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	c = CMSG_FIRSTHDR(&msg);
	KT_ASSERT(c);
	KT_EQ(c->cmsg_level, SOL_IP);
	KT_EQ(c->cmsg_type, IP_RECVERR);
	memcpy(&ee, CMSG_DATA(c), sizeof(ee));
	KT_EQ(ee.ee_errno, ECONNREFUSED);
	KT_EQ(ee.ee_origin, SO_EE_ORIGIN_ICMP);
	KT_EQ(ee.ee_type, 3);
	KT_EQ(ee.ee_code, 3);
	memcpy(&off, CMSG_DATA(c) + sizeof(ee), sizeof(off));
	KT_EQ(off.sin_family, AF_INET);
	KT_EQ(off.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	/* reading the queue took the pending sk_err with it, as Linux */
	KT_EQ(tn_send(fd, "x", 1, 0), 1);
	KT_EQ(tn_recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT), 1);
	KT_EQ(tn_send(fd, "y", 1, 0), 1);
	/* unread, the error is pending on the socket as well */
	KT_EQ(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, ECONNREFUSED);
	KT_EQ(tn_recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT), 1);

	/* AF_UNSPEC dissolves the association */
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_UNSPEC;
	KT_EQ(tn_connect(fd, SA(&to), sizeof(to)), 0);
	alen = sizeof(peer);
	KT_EQ(tn_getpeername(fd, SA(&peer), &alen), -1);
	KT_EQ(errno, ENOTCONN);
	KT_EQ(tn_send(fd, "x", 1, 0), -1);
	KT_EQ(errno, EDESTADDRREQ);
	tn_close(fd);
	teardown();
}

static void test_udp_broadcast_needs_permission(void)
{
	struct sockaddr_in to = sin4("127.255.255.255", 5003);
	int fd, one = 1;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_sendto(fd, "b", 1, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EACCES);
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)),
	      0);
	KT_EQ(tn_sendto(fd, "b", 1, 0, SA(&to), sizeof(to)), 1);
	tn_close(fd);
	teardown();
}

static void test_udp_proc(void)
{
	char buf[4096];
	ssize_t n;
	int a, fd;

	setup();
	a = udp_bound("127.0.0.1", 53);
	fd = tn_open("/proc/net/udp", O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	tn_close(fd);
	/* header and one line, each padded to 127 columns */
	KT_EQ(n, 2 * 128);
	KT_ASSERT(strncmp(buf, "   sl  local_address rem_address   st ", 38) ==
		  0);
	KT_ASSERT(strstr(buf, "   53: 0100007F:0035 00000000:0000 07 "
			      "00000000:00000000 00:00000000 00000000     0 "
			      "       0 "));
	tn_close(a);
	teardown();
}

KTEST_MAIN(KT(test_udp_loopback_echo), KT(test_udp_bind_errors),
	   KT(test_udp_socket_types), KT(test_udp_sendto_errors),
	   KT(test_udp_peek_trunc), KT(test_udp_cmsgs),
	   KT(test_udp_connect_refused),
	   KT(test_udp_broadcast_needs_permission), KT(test_udp_proc))
