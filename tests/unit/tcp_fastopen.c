// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP Fast Open (RFC 7413) between two namespaces over veth, in virtual
 * time: the client (initial namespace, 10.0.0.1) asks for a cookie with
 * its first SYN, the server (b, 10.0.0.2) gives the one Linux gives for
 * the same key and addresses, the next connection carries its data in
 * the SYN and the server's accept() returns the child at once, data
 * readable, before the handshake completed; a stale cookie falls back to
 * a normal handshake (the client sends its data again); the no-cookie
 * modes; TCP_FASTOPEN_CONNECT; the sysctls in Linux's text format; the
 * socket options; the TcpExt counters.  An rx_handler on each end
 * records the segments.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <linux/ip.h>
#include <poll.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define KT_SA(p) ((struct sockaddr *)(void *)(p))
/* the header's flag bits and states, as the tests read them */
#define SYN	       0x02
#define ACK	       0x10
#define PSH	       0x08
#define ST_ESTABLISHED 1
#define ST_SYN_RECV    3
#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000
#endif

static struct tn_stack *st;
static struct tp_wire wire_a, wire_b; /* received by va, by vb */

/* What Linux 6.18 sends for 10.0.0.1 -> 10.0.0.2 under this key */
static const char linux_key[] = "a1a2a3a4-b1b2b3b4-c1c2c3c4-d1d2d3d4";
static const u8 linux_cookie[8] = { 0x82, 0x88, 0x30, 0xcd,
				    0x8f, 0x13, 0xdf, 0x11 };

static void setup(void)
{
	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	st = tp_setup(NULL, tp_wire_rx, &wire_a, tp_wire_rx, &wire_b);
}

static void teardown(void)
{
	tp_teardown(st);
}

/* /proc/sys/net/ipv4/@name in namespace @ns (NULL: the initial one) */
static int sysctl_write(const char *ns, const char *name, const char *v)
{
	char path[128];
	ssize_t n;
	int fd, err;

	KT_EQ(tn_netns_set(ns), 0);
	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(path, O_WRONLY);
	KT_ASSERT(fd >= 0);
	n = tn_write(fd, v, strlen(v));
	err = n < 0 ? errno : 0;
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
	return err;
}

static void sysctl_read(const char *ns, const char *name, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	KT_EQ(tn_netns_set(ns), 0);
	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(path, O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, len - 1);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
}

static long tcpext_b(const char *name)
{
	long v;

	KT_EQ(tn_netns_set("b"), 0);
	v = tp_tcpext(name);
	KT_EQ(tn_netns_set(NULL), 0);
	return v;
}

/*
 * The Fast Open option of a recorded segment: its cookie length (0 a
 * request), -1 without one; the cookie into @cookie, *@exp for kind 254.
 */
static int fo_option(const struct tp_seg *s, u8 *cookie, bool *exp)
{
	unsigned int i = 20;

	while (i < s->doff) {
		u8 kind = s->raw[i], olen;

		if (kind == 0)
			break;
		if (kind == 1) {
			i++;
			continue;
		}
		olen = s->raw[i + 1];
		if (kind == 34 ||
		    (kind == 254 && olen >= 4 && s->raw[i + 2] == 0xf9 &&
		     s->raw[i + 3] == 0x89)) {
			unsigned int base = kind == 34 ? 2 : 4;

			if (exp)
				*exp = kind == 254;
			if (cookie)
				memcpy(cookie, s->raw + i + base, olen - base);
			return (int)(olen - base);
		}
		i += olen;
	}
	return -1;
}

/* A listener on 10.0.0.2:@port in b, TCP_FASTOPEN @qlen (0: none) */
static int listener_b(int port, int qlen)
{
	struct sockaddr_in a = tp_addr_b(port);
	int l;

	KT_EQ(tn_netns_set("b"), 0);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(l >= 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	if (qlen)
		KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &qlen,
				    sizeof(qlen)),
		      0);
	KT_EQ(tn_listen(l, 8), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	return l;
}

/* accept() in b without waiting */
static int accept_b(int l)
{
	int s, fl;

	KT_EQ(tn_netns_set("b"), 0);
	fl = tn_fcntl(l, F_GETFL, 0);
	KT_EQ(tn_fcntl(l, F_SETFL, fl | O_NONBLOCK), 0);
	s = tn_accept(l, NULL, NULL);
	KT_EQ(tn_netns_set(NULL), 0);
	return s;
}

static const struct tp_seg *find_seg(const struct tp_wire *w, u8 flags, int nth)
{
	unsigned int i;

	for (i = 0; i < w->nsegs; i++)
		if (w->segs[i].flags == flags && nth-- == 0)
			return &w->segs[i];
	return NULL;
}

/*
 * A client sends "hello" with sendto(MSG_FASTOPEN) to port @port (a
 * blocking socket: the call returns once everything is sent); the server
 * reads it.  Return: the client's fd (open).
 */
static int fastopen_hello(int l, int port, int *srv)
{
	struct sockaddr_in a = tp_addr_b(port);
	char buf[16];
	int c, s;

	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(c >= 0);
	KT_EQ(tn_sendto(c, "hello", 5, MSG_FASTOPEN, KT_SA(&a), sizeof(a)), 5);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	s = accept_b(l);
	KT_ASSERT(s >= 0);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 5);
	KT_ASSERT(!memcmp(buf, "hello", 5));
	*srv = s;
	return c;
}

/*
 * The first connection asks for a cookie (an empty option in the SYN,
 * the data waits for the handshake); the SYN-ACK brings Linux's cookie
 * for this key; the second connection sends "hello" in its SYN with the
 * cookie, the SYN-ACK acks it, and both ends count it.
 */
static void test_cookie_request_then_data_in_syn(void)
{
	const struct tp_seg *syn, *synack;
	u8 cookie[16];
	bool exp = true;
	int l, c, s;

	setup();
	KT_EQ(sysctl_write("b", "tcp_fastopen", "3"), 0);
	KT_EQ(sysctl_write("b", "tcp_fastopen_key", linux_key), 0);
	l = listener_b(9700, 16);

	c = fastopen_hello(l, 9700, &s);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(syn->datalen, 0);
	KT_EQ(fo_option(syn, NULL, &exp), 0); /* a cookie request */
	KT_ASSERT(!exp);
	/* <mss,sackOK,TS,nop,wscale,FO,nop,nop> as Linux */
	KT_EQ(syn->doff, 20 + 24);
	KT_ASSERT(!memcmp(syn->raw + 40, "\x22\x02\x01\x01", 4));
	synack = find_seg(&wire_a, SYN | ACK, 0);
	KT_ASSERT(synack);
	KT_EQ(fo_option(synack, cookie, NULL), 8);
	KT_ASSERT(!memcmp(cookie, linux_cookie, 8));
	KT_EQ(tcpext_b("TCPFastOpenCookieReqd"), 1);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 0);
	KT_EQ(tp_tcpext("TCPFastOpenActive"), 0);
	KT_ASSERT(!(tp_info(c).tcpi_options & TCPI_OPT_SYN_DATA));
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);

	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	c = fastopen_hello(l, 9700, &s);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(syn->datalen, 5);
	KT_ASSERT(!memcmp(syn->raw + syn->doff, "hello", 5));
	KT_EQ(fo_option(syn, cookie, NULL), 8);
	KT_ASSERT(!memcmp(cookie, linux_cookie, 8));
	synack = find_seg(&wire_a, SYN | ACK, 0);
	KT_ASSERT(synack);
	KT_EQ(synack->ack, syn->seq + 6); /* the data is acked */
	KT_EQ(fo_option(synack, NULL, NULL), -1);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 1);
	KT_EQ(tcpext_b("TCPFastOpenPassiveFail"), 0);
	KT_EQ(tp_tcpext("TCPFastOpenActive"), 1);
	KT_ASSERT(tp_info(c).tcpi_options & TCPI_OPT_SYN_DATA);
	KT_EQ(tp_info(c).tcpi_total_retrans, 0);
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);

	/* more than fits: the SYN takes 1460 - 40 bytes, as Linux's */
	{
		static char big[3000], got[3000];
		struct sockaddr_in a = tp_addr_b(9700);
		ssize_t n = 0, r;

		memset(&wire_b, 0, sizeof(wire_b));
		c = tn_socket(AF_INET, SOCK_STREAM, 0);
		KT_EQ(tn_sendto(c, big, sizeof(big), MSG_FASTOPEN, KT_SA(&a),
				sizeof(a)),
		      (ssize_t)sizeof(big));
		tn_clock_advance(st, 10 * NSEC_PER_MSEC);
		syn = find_seg(&wire_b, SYN, 0);
		KT_ASSERT(syn);
		KT_EQ(syn->datalen, 1420);
		s = accept_b(l);
		KT_ASSERT(s >= 0);
		while ((r = tn_recv(s, got + n, sizeof(got) - (size_t)n,
				    MSG_DONTWAIT)) > 0)
			n += r;
		KT_EQ(n, (ssize_t)sizeof(big));
		tn_close(c);
		tn_close(s);
	}
	tn_close(l);
	teardown();
}

/*
 * With a cookie, the server's accept() returns the child before the
 * handshake completes: the client's ACK of the SYN-ACK is lost, the child
 * is in SYN-RECV with the SYN's data to read; its own timer sends the
 * SYN-ACK again after 1 s, and the client's new ACK establishes it.
 */
static void test_child_accepted_in_syn_recv(void)
{
	struct sockaddr_in a = tp_addr_b(9701);
	char buf[16];
	int l, c, s, c2;

	setup();
	KT_EQ(sysctl_write("b", "tcp_fastopen", "3"), 0);
	l = listener_b(9701, 16);
	c = fastopen_hello(l, 9701, &s); /* learns the cookie */
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);

	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	wire_b.drop_acks = 2; /* the ACKs of the SYN-ACK and of "early" */
	c2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(c2 >= 0);
	KT_EQ(tn_sendto(c2, "world", 5, MSG_FASTOPEN | MSG_DONTWAIT, KT_SA(&a),
			sizeof(a)),
	      5);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);

	s = accept_b(l);
	KT_ASSERT(s >= 0);
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(tp_info(s).tcpi_state, ST_SYN_RECV);
	{
		struct pollfd pfd = { .fd = s, .events = POLLIN | POLLOUT };

		KT_EQ(tn_poll(&pfd, 1, 0), 1);
		KT_EQ(pfd.revents, POLLIN | POLLOUT);
	}
	/* the child may answer before the handshake completes */
	KT_EQ(tn_send(s, "early", 5, MSG_DONTWAIT), 5);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 5);
	KT_ASSERT(!memcmp(buf, "world", 5));
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tn_recv(c2, buf, sizeof(buf), MSG_DONTWAIT), 5);
	KT_ASSERT(!memcmp(buf, "early", 5));
	KT_EQ(tp_info(c2).tcpi_state, ST_ESTABLISHED);
	tn_clock_advance(st, 1100 * NSEC_PER_MSEC);
	KT_ASSERT(find_seg(&wire_a, SYN | ACK, 1)); /* again */
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(tp_info(s).tcpi_state, ST_ESTABLISHED);
	KT_EQ(tn_send(s, "ok", 2, 0), 2);
	KT_EQ(tn_netns_set(NULL), 0);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tn_recv(c2, buf, sizeof(buf), MSG_DONTWAIT), 2);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 1);
	tn_close(c2);
	tn_close(s);
	tn_close(l);
	teardown();
}

/*
 * A cookie from an old key: the server counts TCPFastOpenPassiveFail,
 * makes a normal request sock, and its SYN-ACK acks only the SYN and
 * carries the new cookie; the client sends its data again at once
 * (TCPFastOpenActiveFail) and the data arrives all the same.  The next
 * SYN carries the new cookie.
 */
static void test_bad_cookie_falls_back(void)
{
	const struct tp_seg *syn, *synack, *data;
	u8 cookie[16], cookie2[16];
	int l, c, s;

	setup();
	KT_EQ(sysctl_write("b", "tcp_fastopen", "3"), 0);
	KT_EQ(sysctl_write("b", "tcp_fastopen_key", linux_key), 0);
	l = listener_b(9702, 16);
	c = fastopen_hello(l, 9702, &s);
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);
	KT_EQ(sysctl_write("b", "tcp_fastopen_key", "1-2-3-4"), 0);

	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	c = fastopen_hello(l, 9702, &s);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(syn->datalen, 5);
	KT_EQ(fo_option(syn, cookie, NULL), 8);
	KT_ASSERT(!memcmp(cookie, linux_cookie, 8));
	synack = find_seg(&wire_a, SYN | ACK, 0);
	KT_ASSERT(synack);
	KT_EQ(synack->ack, syn->seq + 1); /* the data is not acked */
	KT_EQ(fo_option(synack, cookie2, NULL), 8);
	/* Linux 6.18's cookie under key 1-2-3-4 */
	KT_ASSERT(!memcmp(cookie2, "\xe1\x73\x2f\xe9\x82\xd3\x57\x1c", 8));
	data = find_seg(&wire_b, ACK | PSH, 0);
	KT_ASSERT(data);
	KT_EQ(data->seq, syn->seq + 1);
	KT_EQ(data->datalen, 5);
	KT_EQ(tcpext_b("TCPFastOpenPassiveFail"), 1);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 0);
	KT_EQ(tp_tcpext("TCPFastOpenActiveFail"), 1);
	KT_ASSERT(!(tp_info(c).tcpi_options & TCPI_OPT_SYN_DATA));
	KT_EQ(tp_info(c).tcpi_fastopen_client_fail, 2); /* TFO_DATA_NOT_ACKED */
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);

	memset(&wire_b, 0, sizeof(wire_b));
	c = fastopen_hello(l, 9702, &s);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(fo_option(syn, cookie, NULL), 8);
	KT_ASSERT(!memcmp(cookie, cookie2, 8));
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 1);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/*
 * tcp_fastopen 0x4 on the client and 0x200 on the server: data in the
 * very first SYN, without any option; the server makes the child.  With
 * the client side off (0), MSG_FASTOPEN is EOPNOTSUPP.
 */
static void test_no_cookie_modes(void)
{
	struct sockaddr_in a = tp_addr_b(9703);
	const struct tp_seg *syn;
	int l, c, s, one = 1;

	setup();
	KT_EQ(sysctl_write(NULL, "tcp_fastopen", "5"), 0);
	KT_EQ(sysctl_write("b", "tcp_fastopen", "0x202"), 0);
	l = listener_b(9703, 16);
	c = fastopen_hello(l, 9703, &s);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(syn->datalen, 5);
	KT_EQ(fo_option(syn, NULL, NULL), -1);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 1);
	KT_EQ(tcpext_b("TCPFastOpenCookieReqd"), 0);
	tn_close(c);
	tn_close(s);

	/* the socket option instead of 0x4 */
	KT_EQ(sysctl_write(NULL, "tcp_fastopen", "1"), 0);
	memset(&wire_b, 0, sizeof(wire_b));
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_FASTOPEN_NO_COOKIE, &one,
			    sizeof(one)),
	      0);
	KT_EQ(tn_sendto(c, "hello", 5, MSG_FASTOPEN, KT_SA(&a), sizeof(a)), 5);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(syn->datalen, 5);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 2);
	tn_close(c);
	s = accept_b(l);
	KT_ASSERT(s >= 0);
	tn_close(s);

	KT_EQ(sysctl_write(NULL, "tcp_fastopen", "0"), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_sendto(c, "hello", 5, MSG_FASTOPEN, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EOPNOTSUPP);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, &one,
			    sizeof(one)),
	      -1);
	KT_EQ(errno, EOPNOTSUPP);
	tn_close(c);
	tn_close(l);
	teardown();
}

/*
 * TCP_FASTOPEN_CONNECT: with a cookie, connect() returns 0 at once and
 * nothing is sent; the first write sends the SYN with the data.
 */
static void test_fastopen_connect(void)
{
	struct sockaddr_in a = tp_addr_b(9704);
	const struct tp_seg *syn;
	char buf[16];
	int l, c, s, one = 1;
	socklen_t len = sizeof(one);

	setup();
	KT_EQ(sysctl_write("b", "tcp_fastopen", "3"), 0);
	l = listener_b(9704, 16);
	c = fastopen_hello(l, 9704, &s);
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);

	memset(&wire_b, 0, sizeof(wire_b));
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, &one,
			    sizeof(one)),
	      0);
	one = 0;
	KT_EQ(tn_getsockopt(c, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, &one, &len),
	      0);
	KT_EQ(one, 1);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(wire_b.nsegs, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EISCONN);
	KT_EQ(tn_send(c, "again", 5, 0), 5);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(syn->datalen, 5);
	KT_EQ(fo_option(syn, NULL, NULL), 8);
	s = accept_b(l);
	KT_ASSERT(s >= 0);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 5);
	KT_ASSERT(!memcmp(buf, "again", 5));
	KT_EQ(tp_tcpext("TCPFastOpenActive"), 1);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/* The sysctls read and written in Linux 6.18's formats and errnos. */
static void test_sysctls(void)
{
	char buf[128];

	setup();
	sysctl_read(NULL, "tcp_fastopen", buf, sizeof(buf));
	KT_STREQ(buf, "1\n");
	sysctl_read(NULL, "tcp_fastopen_blackhole_timeout_sec", buf,
		    sizeof(buf));
	KT_STREQ(buf, "0\n");
	sysctl_read(NULL, "tcp_fastopen_key", buf, sizeof(buf));
	KT_STREQ(buf, "00000000-00000000-00000000-00000000\n");
	KT_EQ(sysctl_write(NULL, "tcp_fastopen", "0x70403"), 0);
	sysctl_read(NULL, "tcp_fastopen", buf, sizeof(buf));
	KT_STREQ(buf, "459779\n");
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_key", linux_key), 0);
	sysctl_read(NULL, "tcp_fastopen_key", buf, sizeof(buf));
	KT_STREQ(buf, "a1a2a3a4-b1b2b3b4-c1c2c3c4-d1d2d3d4\n");
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_key", "1-2-3-4,5-6-7-8\n"), 0);
	sysctl_read(NULL, "tcp_fastopen_key", buf, sizeof(buf));
	KT_STREQ(buf, "00000001-00000002-00000003-00000004,"
		      "00000005-00000006-00000007-00000008\n");
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_key", "1-2-3"), EINVAL);
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_key", "1-2-3-4,"), EINVAL);
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_key", "1-2-3-4,5-6-7"), EINVAL);
	sysctl_read(NULL, "tcp_fastopen_key", buf, sizeof(buf));
	KT_STREQ(buf, "00000001-00000002-00000003-00000004,"
		      "00000005-00000006-00000007-00000008\n");
	/* sscanf's %x: 0x taken, too many digits truncated, junk after */
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_key", "0x10-2-3-4 5"), 0);
	sysctl_read(NULL, "tcp_fastopen_key", buf, sizeof(buf));
	KT_STREQ(buf, "00000010-00000002-00000003-00000004\n");
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_key", "123456789-2-3-4x"), 0);
	sysctl_read(NULL, "tcp_fastopen_key", buf, sizeof(buf));
	KT_STREQ(buf, "23456789-00000002-00000003-00000004\n");
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_blackhole_timeout_sec", "-1"),
	      EINVAL);
	KT_EQ(sysctl_write(NULL, "tcp_fastopen_blackhole_timeout_sec", "3600"),
	      0);
	sysctl_read(NULL, "tcp_fastopen_blackhole_timeout_sec", buf,
		    sizeof(buf));
	KT_STREQ(buf, "3600\n");
	/* per namespace: b still has the defaults */
	sysctl_read("b", "tcp_fastopen", buf, sizeof(buf));
	KT_STREQ(buf, "1\n");
	sysctl_read("b", "tcp_fastopen_key", buf, sizeof(buf));
	KT_STREQ(buf, "00000000-00000000-00000000-00000000\n");
	teardown();
}

/*
 * TCP_FASTOPEN (queue length, before or after listen), TCP_FASTOPEN_KEY
 * (16 or 32 bytes, read back; the namespace's key when the socket has
 * none), TCP_FASTOPEN_NO_COOKIE, and tcp_fastopen 0x400 (every listener,
 * queue = backlog).  TCP_FASTOPEN on a connected socket is EINVAL.  A
 * socket that never listened has no accept queue (allocated when first
 * needed): TCP_FASTOPEN reads 0 there, and a TCP_FASTOPEN_KEY set on it
 * reads back, as on Linux (checked in a namespace).
 */
static void test_sockopts(void)
{
	u8 key[32], out[40];
	int l, c, s, v;
	socklen_t len;

	setup();
	KT_EQ(tn_netns_set("b"), 0);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	len = sizeof(v);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &v, &len), 0);
	KT_EQ(v, 0);
	for (v = 0; v < 16; v++)
		key[v] = (u8)(0xa0 + v);
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_FASTOPEN_KEY, key, 16), 0);
	len = sizeof(out);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN_KEY, out, &len), 0);
	KT_EQ(len, 16);
	KT_ASSERT(!memcmp(out, key, 16));
	len = sizeof(v);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &v, &len), 0);
	KT_EQ(v, 0);
	tn_close(l);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	v = 5;
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &v, sizeof(v)), 0);
	v = -1;
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &v, sizeof(v)), -1);
	KT_EQ(errno, EINVAL);
	len = sizeof(v);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &v, &len), 0);
	KT_EQ(v, 5);
	/* TCP_FASTOPEN made the namespace's key: the socket reads it */
	len = sizeof(out);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN_KEY, out, &len), 0);
	KT_EQ(len, 16);
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_FASTOPEN_KEY, key, 20), -1);
	KT_EQ(errno, EINVAL);
	for (v = 0; v < 32; v++)
		key[v] = (u8)v;
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_FASTOPEN_KEY, key, 32), 0);
	len = sizeof(out);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN_KEY, out, &len), 0);
	KT_EQ(len, 32);
	KT_ASSERT(!memcmp(out, key, 32));
	KT_EQ(tn_netns_set(NULL), 0);
	{
		struct sockaddr_in a = tp_addr_b(9705);

		KT_EQ(tn_netns_set("b"), 0);
		KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
		KT_EQ(tn_listen(l, 8), 0);
		len = sizeof(v);
		KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &v, &len), 0);
		KT_EQ(v, 5); /* listen() keeps it */
		len = sizeof(out);
		KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN_KEY, out,
				    &len),
		      0);
		KT_EQ(len, 32);
		KT_EQ(tn_netns_set(NULL), 0);
	}
	tn_close(l);

	/* 0x400: every listener, its queue as long as the backlog */
	KT_EQ(sysctl_write("b", "tcp_fastopen", "0x403"), 0);
	l = listener_b(9706, 0);
	KT_EQ(tn_netns_set("b"), 0);
	len = sizeof(v);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &v, &len), 0);
	KT_EQ(v, 8);
	KT_EQ(tn_netns_set(NULL), 0);
	c = fastopen_hello(l, 9706, &s);
	tn_close(s);
	tn_close(c);
	tn_clock_advance(st, NSEC_PER_SEC);
	c = fastopen_hello(l, 9706, &s);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 1);
	v = 1;
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_FASTOPEN, &v, sizeof(v)), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_FASTOPEN_NO_COOKIE, &v,
			    sizeof(v)),
	      -1);
	KT_EQ(errno, EINVAL);
	tn_close(s);
	tn_close(c);
	tn_close(l);
	teardown();
}

/*
 * The Fast Open queue: with TCP_FASTOPEN 1, a second Fast Open SYN while
 * the first child is still in SYN-RECV gets a normal handshake
 * (TCPFastOpenListenOverflow); once the first completes there is room.
 */
static void test_fastopen_queue_full(void)
{
	struct sockaddr_in a = tp_addr_b(9707);
	int l, c, s, c2, c3, s2;

	setup();
	KT_EQ(sysctl_write("b", "tcp_fastopen", "3"), 0);
	l = listener_b(9707, 1);
	c = fastopen_hello(l, 9707, &s);
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);
	wire_b.drop_acks = 2; /* the first child stays in SYN-RECV */
	c2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_sendto(c2, "one", 3, MSG_FASTOPEN | MSG_DONTWAIT, KT_SA(&a),
			sizeof(a)),
	      3);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	c3 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_sendto(c3, "two", 3, MSG_FASTOPEN | MSG_DONTWAIT, KT_SA(&a),
			sizeof(a)),
	      3);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tcpext_b("TCPFastOpenListenOverflow"), 1);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 1);
	KT_EQ(tp_tcpext("TCPFastOpenActiveFail"), 1);
	s = accept_b(l);
	s2 = accept_b(l);
	KT_ASSERT(s >= 0 && s2 >= 0);
	tn_close(c2);
	tn_close(c3);
	tn_close(s);
	tn_close(s2);
	tn_close(l);
	teardown();
}

/*
 * A listener closed while a Fast Open child is still in SYN-RECV and not
 * accepted: the child is reset and everything is freed (the teardown
 * checks for leaks).  A child whose SYN-ACK never gets an ACK gives up
 * after tcp_synack_retries + 1 retransmissions.
 */
static void test_close_listener_with_child(void)
{
	struct sockaddr_in a = tp_addr_b(9708);
	int l, c, s, c2;

	setup();
	KT_EQ(sysctl_write("b", "tcp_fastopen", "3"), 0);
	KT_EQ(sysctl_write("b", "tcp_synack_retries", "2"), 0);
	l = listener_b(9708, 4);
	c = fastopen_hello(l, 9708, &s);
	tn_close(c);
	tn_close(s);
	tn_clock_advance(st, NSEC_PER_SEC);
	memset(&wire_a, 0, sizeof(wire_a));
	wire_b.drop_acks = 100; /* no ACK ever reaches the server */
	c2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_sendto(c2, "lost", 4, MSG_FASTOPEN | MSG_DONTWAIT, KT_SA(&a),
			sizeof(a)),
	      4);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	s = accept_b(l);
	KT_ASSERT(s >= 0);
	/* 1 + 2 + 4 s: three retransmissions, then the child gives up */
	tn_clock_advance(st, 20 * NSEC_PER_SEC);
	KT_ASSERT(find_seg(&wire_a, SYN | ACK, 3));
	KT_ASSERT(!find_seg(&wire_a, SYN | ACK, 4));
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(tp_info(s).tcpi_state, 7); /* TCP_CLOSE */
	KT_EQ(tn_netns_set(NULL), 0);
	tn_close(s);
	tn_close(c2);

	/* an unaccepted child when the listener goes */
	wire_b.drop_acks = 100;
	c2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_sendto(c2, "gone", 4, MSG_FASTOPEN | MSG_DONTWAIT, KT_SA(&a),
			sizeof(a)),
	      4);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 2);
	tn_close(l);
	tn_close(c2);
	teardown();
}

/*
 * The route's fastopen_no_cookie metric (ip route ... fastopen_no_cookie
 * 1) lets a client without a cookie put data in its SYN, as Linux's
 * tcp_fastopen_no_cookie() reads it.
 */
static void test_route_no_cookie(void)
{
	static const u32 m[] = { RTAX_FASTOPEN_NO_COOKIE, 1, 0 };
	const struct tp_seg *syn;
	int l, c, s;

	setup();
	KT_EQ(sysctl_write(NULL, "tcp_fastopen", "1"), 0);
	KT_EQ(sysctl_write("b", "tcp_fastopen", "0x202"), 0);
	tp_route_metrics("va", "10.0.0.2", m, 0);
	l = listener_b(9709, 16);
	c = fastopen_hello(l, 9709, &s);
	syn = find_seg(&wire_b, SYN, 0);
	KT_ASSERT(syn);
	KT_EQ(syn->datalen, 5);
	KT_EQ(fo_option(syn, NULL, NULL), -1);
	KT_EQ(tcpext_b("TCPFastOpenPassive"), 1);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

KTEST_MAIN(KT(test_sysctls), KT(test_route_no_cookie),
	   KT(test_cookie_request_then_data_in_syn),
	   KT(test_child_accepted_in_syn_recv), KT(test_bad_cookie_falls_back),
	   KT(test_no_cookie_modes), KT(test_fastopen_connect),
	   KT(test_sockopts), KT(test_fastopen_queue_full),
	   KT(test_close_listener_with_child))
