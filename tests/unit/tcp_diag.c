// SPDX-License-Identifier: BSD-2-Clause
/*
 * tcp_diag: NETLINK_SOCK_DIAG dumps of TCP sockets as `ss` asks for them:
 * a listener, an established pair and a TIME-WAIT sock, chosen by
 * states, by port and by filter bytecode (which TIME-WAIT socks must
 * pass or fail like full socks), struct tcp_info in INET_DIAG_INFO, one
 * socket by id, SOCK_DESTROY, the timers ss -o shows, and the TCP line
 * of /proc/net/sockstat.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <stdbool.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"
#include "sock_diag.h"

/* RFC 9293 states as Linux numbers them (include/net/tcp_states.h) */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_RECV = 3,
	TCP_TIME_WAIT = 6,
	TCP_CLOSE = 7,
	TCP_LISTEN = 10
};

static int info_len; /* INET_DIAG_INFO's payload in the last dump, or -1 */

static void find_info(const struct nlmsghdr *h)
{
	const struct nlattr *a =
		(const struct nlattr
			 *)(const void *)((const char *)NLMSG_DATA(h) +
					  NLMSG_ALIGN(sizeof(
						  struct inet_diag_msg)));
	int rem = (int)h->nlmsg_len -
		  (int)NLMSG_LENGTH(sizeof(struct inet_diag_msg));

	while (rem >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= rem) {
		if (a->nla_type == INET_DIAG_INFO)
			info_len = a->nla_len - NLA_HDRLEN;
		rem -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)(const void *)((const char *)a +
							  NLA_ALIGN(
								  a->nla_len));
	}
}

static int tcp_listener(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((unsigned short)port) };
	int fd = tn_socket(AF_INET, SOCK_STREAM, 0);

	KT_ASSERT(fd >= 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_bind(fd, KT_SA(&sin), sizeof(sin)), 0);
	KT_EQ(tn_listen(fd, 16), 0);
	return fd;
}

/* A connection to 127.0.0.1:@port; its local port in *@lport. */
static int tcp_connected(int port, int *lport)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((unsigned short)port) };
	socklen_t len = sizeof(sin);
	int fd = tn_socket(AF_INET, SOCK_STREAM, 0);

	KT_ASSERT(fd >= 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	KT_EQ(tn_connect(fd, KT_SA(&sin), sizeof(sin)), 0);
	KT_EQ(tn_getsockname(fd, KT_SA(&sin), &len), 0);
	*lport = ntohs(sin.sin_port);
	return fd;
}

static int count(int fd, unsigned int states, struct diag_prog *p, int *ports)
{
	struct diag_req q;
	int n = -1;

	diag_init(&q, AF_INET, IPPROTO_TCP, states);
	if (p)
		diag_bytecode(&q, p);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	return n;
}

static void test_tcp_dumps(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int l = tcp_listener(80), c1, c2, a1, a2, p1, p2, fd, ports[16], n2;
	struct diag_prog p;
	struct diag_req q;
	char buf[512];
	ssize_t n;

	c1 = tcp_connected(80, &p1);
	a1 = tn_accept(l, NULL, NULL);
	c2 = tcp_connected(80, &p2);
	a2 = tn_accept(l, NULL, NULL);
	KT_ASSERT(a1 >= 0 && a2 >= 0);
	/* c2 closes first and hears a2's FIN: TIME-WAIT */
	KT_EQ(tn_shutdown(c2, SHUT_WR), 0);
	KT_EQ(tn_shutdown(a2, SHUT_WR), 0);
	fd = diag_open();

	KT_EQ(count(fd, 0xfff, NULL, NULL), 4);
	KT_EQ(count(fd, 1U << TCP_LISTEN, NULL, ports), 1);
	KT_EQ(ports[0], 80);
	KT_EQ(count(fd, 1U << TCP_ESTABLISHED, NULL, NULL), 2);
	KT_EQ(count(fd, 1U << TCP_TIME_WAIT, NULL, ports), 1);
	KT_EQ(ports[0], p2);
	KT_EQ(count(fd, 1U << TCP_SYN_RECV, NULL, NULL), 0);
	KT_EQ(count(fd, 1U << TCP_CLOSE, NULL, NULL), 0);

	/* sport = :80: the listener and a1 */
	memset(&p, 0, sizeof(p));
	diag_port_ge(&p, INET_DIAG_BC_S_EQ, 80);
	KT_EQ(count(fd, 0xfff, &p, NULL), 2);
	/* dport = :80: c1 and the TIME-WAIT sock */
	memset(&p, 0, sizeof(p));
	diag_port_ge(&p, INET_DIAG_BC_D_EQ, 80);
	KT_EQ(count(fd, 0xfff, &p, NULL), 2);
	/* sport = :p2 finds the TIME-WAIT sock by its own port */
	memset(&p, 0, sizeof(p));
	diag_port_ge(&p, INET_DIAG_BC_S_EQ, p2);
	KT_EQ(count(fd, 0xfff, &p, ports), 1);
	KT_EQ(ports[0], p2);
	/* the request's own ports, without bytecode */
	diag_init(&q, AF_INET, IPPROTO_TCP, 0xfff);
	q.r.id.idiag_dport = htons(80);
	KT_EQ(diag_run(fd, &q, NULL, &n2), 0);
	KT_EQ(n2, 2);
	/* no IPv6 sockets */
	diag_init(&q, AF_INET6, IPPROTO_TCP, 0xfff);
	KT_EQ(diag_run(fd, &q, NULL, &n2), 0);
	KT_EQ(n2, 0);

	/* one socket by id: c1 */
	diag_init(&q, AF_INET, IPPROTO_TCP, 0xfff);
	q.nlh.nlmsg_flags = NLM_F_REQUEST;
	q.r.id.idiag_sport = htons((unsigned short)p1);
	q.r.id.idiag_dport = htons(80);
	q.r.id.idiag_src[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_cookie[0] = q.r.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	KT_EQ(diag_run(fd, &q, ports, NULL), 0);
	KT_EQ(ports[0], p1);
	q.r.id.idiag_sport = htons(1);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);

	tn_close(fd);
	fd = tn_open("/proc/net/sockstat", O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	KT_ASSERT(n > 0);
	buf[n] = 0;
	KT_ASSERT(strstr(buf, "\nTCP: inuse 3 orphan 0 tw 1 alloc 3 mem 0\n"));
	tn_close(fd);
	tn_close(a1);
	tn_close(a2);
	tn_close(c1);
	tn_close(c2);
	tn_close(l);
	kt_stack_done(st);
}

static void test_tcp_info(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int l = tcp_listener(80), c, a, p, fd, i;
	struct diag_req q;
	static char buf[65536];
	ssize_t len;
	struct nlmsghdr *h;

	c = tcp_connected(80, &p);
	a = tn_accept(l, NULL, NULL);
	fd = diag_open();
	diag_init(&q, AF_INET, IPPROTO_TCP, 1U << TCP_ESTABLISHED);
	q.r.idiag_ext = 1 << (INET_DIAG_INFO - 1);
	KT_EQ(tn_send(fd, &q, q.nlh.nlmsg_len, 0), (ssize_t)q.nlh.nlmsg_len);
	len = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	KT_ASSERT(len > 0);
	i = 0;
	for (h = (struct nlmsghdr *)(void *)buf; NLMSG_OK(h, (size_t)len);
	     h = NLMSG_NEXT(h, len)) {
		if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
			break;
		info_len = -1;
		find_info(h);
		/* Linux 6.18's struct tcp_info, longer than this
		 * <linux/tcp.h>'s */
		KT_EQ(info_len, 280);
		i++;
	}
	KT_EQ(i, 2);
	tn_close(fd);
	tn_close(a);
	tn_close(c);
	tn_close(l);
	kt_stack_done(st);
}

/* SOCK_DESTROY (ss -K) of one connection, as Linux's tcp_abort. */
static void test_tcp_destroy(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int l = tcp_listener(80), c, a, p, fd;
	struct diag_req q;
	char b;

	c = tcp_connected(80, &p);
	a = tn_accept(l, NULL, NULL);
	fd = diag_open();
	diag_init(&q, AF_INET, IPPROTO_TCP, 0xfff);
	q.nlh.nlmsg_type = SOCK_DESTROY;
	q.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	q.r.id.idiag_sport = htons((unsigned short)p);
	q.r.id.idiag_dport = htons(80);
	q.r.id.idiag_src[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_cookie[0] = q.r.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	KT_EQ(diag_run(fd, &q, NULL, NULL), 0);
	/* its user reads ECONNABORTED; the peer was reset */
	KT_EQ(tn_recv(c, &b, 1, MSG_DONTWAIT), -1);
	KT_EQ(errno, ECONNABORTED);
	KT_EQ(tn_recv(a, &b, 1, MSG_DONTWAIT), -1);
	KT_EQ(errno, ECONNRESET);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);
	/* the listener, by its own address (as ss -K names it) */
	q.r.id.idiag_dport = 0;
	q.r.id.idiag_dst[0] = 0;
	q.r.id.idiag_sport = htons(80);
	KT_EQ(diag_run(fd, &q, NULL, NULL), 0);
	KT_EQ(count(fd, 0xfff, NULL, NULL), 0);
	tn_close(fd);
	tn_close(a);
	tn_close(c);
	tn_close(l);
	kt_stack_done(st);
}

/* A dump larger than one buffer resumes where it stopped: none lost or
 * repeated (listeners, then the established hash, bucket by bucket). */
static void test_tcp_dump_resumes(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	enum { N = 150 };
	int l = tcp_listener(80), l2 = tcp_listener(81), c[N], a[N], p, i, fd;
	struct diag_req q;

	for (i = 0; i < N; i++) {
		c[i] = tcp_connected(80, &p);
		a[i] = tn_accept(l, NULL, NULL);
		KT_ASSERT(a[i] >= 0);
	}
	fd = diag_open();
	KT_EQ(count(fd, 0xfff, NULL, NULL), 2 + 2 * N);
	/* with tcp_info each: more rounds */
	diag_init(&q, AF_INET, IPPROTO_TCP, 0xfff);
	q.r.idiag_ext = 1 << (INET_DIAG_INFO - 1);
	KT_EQ(diag_run(fd, &q, NULL, &p), 0);
	KT_EQ(p, 2 + 2 * N);
	tn_close(fd);
	for (i = 0; i < N; i++) {
		tn_close(a[i]);
		tn_close(c[i]);
	}
	tn_close(l);
	tn_close(l2);
	kt_stack_done(st);
}

/* The first socket a dump of @states from local port @sport reports. */
static struct inet_diag_msg first(int fd, unsigned int states, int sport)
{
	static char buf[65536];
	struct inet_diag_msg m;
	struct diag_req q;
	struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
	ssize_t len;

	diag_init(&q, AF_INET, IPPROTO_TCP, states);
	q.r.id.idiag_sport = htons((unsigned short)sport);
	KT_EQ(tn_send(fd, &q, q.nlh.nlmsg_len, 0), (ssize_t)q.nlh.nlmsg_len);
	len = tn_recv(fd, buf, sizeof(buf), 0);
	KT_ASSERT(len > 0 && NLMSG_OK(h, (size_t)len));
	KT_EQ(h->nlmsg_type, SOCK_DIAG_BY_FAMILY);
	memcpy(&m, NLMSG_DATA(h), sizeof(m));
	do /* the rest of the dump */
		len = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	while (len > 0);
	return m;
}

/* What ss -o shows: keepalive (2) and TIME-WAIT (3) timers counting
 * down in ms on the virtual clock; none on an idle connection. */
static void test_tcp_timers(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int l = tcp_listener(80), c, a, c2, a2, p, p2, k, ka, pk, fd, one = 1;
	struct sockaddr_in sin = kt_lo_addr(80);
	socklen_t len = sizeof(sin);
	struct inet_diag_msg m;

	c = tcp_connected(80, &p);
	a = tn_accept(l, NULL, NULL);
	/* SO_KEEPALIVE before connect(): the timer starts once established */
	k = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(k, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)), 0);
	KT_EQ(tn_connect(k, KT_SA(&sin), sizeof(sin)), 0);
	KT_EQ(tn_getsockname(k, KT_SA(&sin), &len), 0);
	pk = ntohs(sin.sin_port);
	ka = tn_accept(l, NULL, NULL);
	c2 = tcp_connected(80, &p2);
	a2 = tn_accept(l, NULL, NULL);
	KT_EQ(tn_shutdown(c2, SHUT_WR), 0);
	KT_EQ(tn_shutdown(a2, SHUT_WR), 0);
	fd = diag_open();
	m = first(fd, 1U << TCP_ESTABLISHED, p);
	KT_EQ(m.idiag_timer, 0);
	KT_EQ(m.idiag_expires, 0);
	m = first(fd, 1U << TCP_ESTABLISHED, pk);
	KT_EQ(m.idiag_timer, 2);
	KT_EQ(m.idiag_expires, 7200000); /* tcp_keepalive_time */
	m = first(fd, 1U << TCP_TIME_WAIT, p2);
	KT_EQ(m.idiag_timer, 3);
	KT_EQ(m.idiag_expires, 60000);
	tn_clock_advance(st, 10000000000ULL); /* 10 s */
	m = first(fd, 1U << TCP_TIME_WAIT, p2);
	KT_EQ(m.idiag_expires, 50000);
	m = first(fd, 1U << TCP_ESTABLISHED, pk);
	KT_EQ(m.idiag_expires, 7190000);
	tn_close(fd);
	tn_close(k);
	tn_close(ka);
	tn_close(a);
	tn_close(c);
	tn_close(a2);
	tn_close(c2);
	tn_close(l);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_tcp_dumps), KT(test_tcp_timers), KT(test_tcp_info),
	   KT(test_tcp_destroy), KT(test_tcp_dump_resumes))
