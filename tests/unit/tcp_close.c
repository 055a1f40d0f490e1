// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP over loopback: listen backlog overflow (the SYN dropped, retried),
 * half-close, poll readiness at each step as Linux's tcp_poll, RST on
 * close with unread data and with SO_LINGER 0, shutdown errnos, connect
 * errnos (EALREADY, EISCONN), and the MIB counters.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>

#include "ktest.h"
#include "kstack.h"

static struct tn_stack *st;

static void setup(void)
{
	st = kt_stack_lo_up();
}

static void teardown(void)
{
	tn_clock_advance(st, 200ULL * 1000000000ULL);
	kt_stack_done(st);
}

static int listener(int port, int backlog)
{
	struct sockaddr_in a = kt_lo_addr(port);
	int fd = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(fd, backlog), 0);
	return fd;
}

static int nb_connect(int port)
{
	struct sockaddr_in a = kt_lo_addr(port);
	int fd = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_connect(fd, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EINPROGRESS);
	return fd;
}

static int state_of(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	return ti.tcpi_state;
}

static short revents(int fd)
{
	struct pollfd p = { .fd = fd,
			    .events = POLLIN | POLLOUT | POLLRDHUP | POLLPRI };

	KT_ASSERT(tn_poll(&p, 1, 0) >= 0);
	return p.revents;
}

/* the value of a counter in /proc/net/snmp ("Tcp:") or netstat */
static long mib(const char *file, const char *prefix, const char *name)
{
	char buf[16384], *hdr, *val, *save1, *save2, *h, *v;
	ssize_t n;
	int fd = tn_open(file, O_RDONLY);

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	hdr = strstr(buf, prefix);
	KT_ASSERT(hdr);
	val = strstr(hdr + 1, prefix);
	KT_ASSERT(val);
	*strchr(hdr, '\n') = '\0';
	*strchr(val, '\n') = '\0';
	for (h = strtok_r(hdr, " ", &save1), v = strtok_r(val, " ", &save2);
	     h && v;
	     h = strtok_r(NULL, " ", &save1), v = strtok_r(NULL, " ", &save2))
		if (!strcmp(h, name))
			return atol(v);
	KT_ASSERT(0);
	return -1;
}

static void test_backlog_overflow(void)
{
	int l, c[3], a;

	setup();
	l = listener(6100, 1);
	/* backlog 1 holds two (Linux: full when more than the backlog) */
	c[0] = nb_connect(6100);
	c[1] = nb_connect(6100);
	c[2] = nb_connect(6100);
	KT_EQ(state_of(c[0]), TCP_ESTABLISHED);
	KT_EQ(state_of(c[1]), TCP_ESTABLISHED);
	KT_EQ(state_of(c[2]), TCP_SYN_SENT);
	KT_EQ(mib("/proc/net/netstat", "TcpExt:", "ListenOverflows"), 1);
	KT_EQ(mib("/proc/net/netstat", "TcpExt:", "ListenDrops"), 1);
	KT_EQ(revents(l), POLLIN);
	a = tn_accept(l, NULL, NULL);
	KT_ASSERT(a >= 0);
	tn_close(a);
	/* the SYN comes again after 1 s and now fits */
	tn_clock_advance(st, 999ULL * 1000000ULL);
	KT_EQ(state_of(c[2]), TCP_SYN_SENT);
	tn_clock_advance(st, 2ULL * 1000000ULL);
	KT_EQ(state_of(c[2]), TCP_ESTABLISHED);
	KT_EQ(mib("/proc/net/snmp", "Tcp:", "ActiveOpens"), 3);
	KT_EQ(mib("/proc/net/snmp", "Tcp:", "PassiveOpens"), 3);
	KT_EQ(mib("/proc/net/snmp", "Tcp:", "RetransSegs"), 1);
	tn_close(c[0]);
	tn_close(c[1]);
	tn_close(c[2]);
	tn_close(l);
	teardown();
}

static void test_half_close_and_poll(void)
{
	char buf[16];
	int l, c, s;

	setup();
	l = listener(6200, 4);
	KT_EQ(revents(l), 0);
	c = nb_connect(6200);
	/* a fresh socket, then one that connected */
	KT_EQ(revents(c), POLLOUT);
	KT_EQ(revents(l), POLLIN);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	KT_EQ(revents(l), 0);
	KT_EQ(revents(s), POLLOUT);
	KT_EQ(tn_send(c, "ab", 2, 0), 2);
	KT_EQ(revents(s), POLLIN | POLLOUT);

	/* c stops sending: s reads the data, then EOF, and may still send */
	KT_EQ(tn_shutdown(c, SHUT_WR), 0);
	/* the FIN's ACK is delayed (CLOSE-WAIT is interactive): 40 ms */
	KT_EQ(state_of(c), TCP_FIN_WAIT1);
	tn_clock_advance(st, 39ULL * 1000000ULL);
	KT_EQ(state_of(c), TCP_FIN_WAIT1);
	tn_clock_advance(st, 1ULL * 1000000ULL);
	KT_EQ(state_of(c), TCP_FIN_WAIT2);
	KT_EQ(state_of(s), TCP_CLOSE_WAIT);
	KT_EQ(revents(s), POLLIN | POLLOUT | POLLRDHUP);
	KT_EQ(revents(c), POLLOUT);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 2);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 0);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 0);
	KT_EQ(tn_send(s, "back", 4, 0), 4);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), 4);
	KT_EQ(tn_send(c, "x", 1, MSG_NOSIGNAL), -1);
	KT_EQ(errno, EPIPE);

	/* s closes its side: both shut, c goes to TIME-WAIT */
	KT_EQ(tn_shutdown(s, SHUT_WR), 0);
	KT_EQ(state_of(s), TCP_CLOSE);
	KT_EQ(revents(s), POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
	KT_EQ(state_of(c), TCP_CLOSE);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), 0);
	KT_EQ(revents(c), POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

static void test_reset_on_close(void)
{
	char buf[16];
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	int l, c, s, err;
	socklen_t len = sizeof(err);

	setup();
	l = listener(6300, 4);
	/* unread data: close sends a RST, the peer sees ECONNRESET */
	c = nb_connect(6300);
	s = tn_accept(l, NULL, NULL);
	KT_EQ(tn_send(c, "unread", 6, 0), 6);
	tn_close(s);
	KT_EQ(state_of(c), TCP_CLOSE);
	KT_EQ(revents(c), POLLIN | POLLOUT | POLLRDHUP | POLLHUP | POLLERR);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), -1);
	KT_EQ(errno, ECONNRESET);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), 0);
	tn_close(c);
	KT_EQ(mib("/proc/net/snmp", "Tcp:", "OutRsts"), 1);
	KT_EQ(mib("/proc/net/snmp", "Tcp:", "EstabResets"), 2);
	KT_EQ(mib("/proc/net/netstat", "TcpExt:", "TCPAbortOnClose"), 1);

	/* SO_LINGER 0: the same without unread data */
	c = nb_connect(6300);
	s = tn_accept(l, NULL, NULL);
	KT_EQ(tn_setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
	tn_close(s);
	KT_EQ(tn_getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	KT_EQ(err, ECONNRESET);
	KT_EQ(tn_send(c, "x", 1, MSG_NOSIGNAL), -1);
	KT_EQ(errno, EPIPE);
	tn_close(c);
	tn_close(l);
	teardown();
}

static void test_connect_errnos(void)
{
	struct sockaddr_in a = kt_lo_addr(6400);
	int l, c, s;

	setup();
	l = listener(6400, 4);
	c = nb_connect(6400);
	/* done already: the first repeat says so with 0, then EISCONN */
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EISCONN);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	tn_close(s);
	tn_close(c);
	/* a listener cannot connect; an unconnected socket cannot shut down */
	KT_EQ(tn_connect(l, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EISCONN);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_shutdown(c, SHUT_RDWR), -1);
	KT_EQ(errno, ENOTCONN);
	tn_close(c);
	tn_close(l);
	teardown();
}

/*
 * A server that closes first keeps its port in TIME-WAIT: bind() to it
 * fails unless both the old and the new socket have SO_REUSEADDR, as on
 * Linux; after 60 s the port is free.
 */
static void test_reuseaddr_time_wait(void)
{
	struct sockaddr_in a = kt_lo_addr(6700);
	int l, c, s, n, one = 1;
	char buf[4];

	setup();
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 4), 0);
	c = nb_connect(6700);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	tn_close(s);
	KT_EQ(tn_recv(c, buf, sizeof(buf), 0), 0);
	tn_close(c);
	tn_close(l);
	n = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(n, KT_SA(&a), sizeof(a)), -1);
	KT_EQ(errno, EADDRINUSE);
	KT_EQ(tn_setsockopt(n, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	KT_EQ(tn_bind(n, KT_SA(&a), sizeof(a)), 0);
	tn_close(n);
	tn_clock_advance(st, 61ULL * 1000000000ULL);
	n = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(n, KT_SA(&a), sizeof(a)), 0);
	tn_close(n);
	teardown();
}

static int count_proc(const char *st_hex)
{
	char buf[8192], pat[8];
	const char *p;
	ssize_t n;
	int fd = tn_open("/proc/net/tcp", O_RDONLY), count = 0;

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	snprintf(pat, sizeof(pat), " %s ", st_hex);
	for (p = buf; (p = strstr(p, pat)) != NULL; p++)
		count++;
	return count;
}

/*
 * An orphan in FIN-WAIT-2 waits tcp_fin_timeout (60 s) for the peer's
 * FIN, then goes; the peer's late FIN then gets a RST.
 */
static void test_orphan_fin_wait2(void)
{
	char buf[4];
	int l, c, s;

	setup();
	l = listener(6800, 4);
	c = nb_connect(6800);
	s = tn_accept(l, NULL, NULL);
	tn_close(c);
	tn_clock_advance(st, 100ULL * 1000000ULL); /* the delayed ACK */
	KT_EQ(count_proc("05"), 1);
	KT_EQ(tn_recv(s, buf, sizeof(buf), 0), 0);
	tn_clock_advance(st, 59ULL * 1000000000ULL);
	KT_EQ(count_proc("05"), 1);
	tn_clock_advance(st, 1ULL * 1000000000ULL);
	KT_EQ(count_proc("05"), 0);
	KT_EQ(mib("/proc/net/snmp", "Tcp:", "OutRsts"), 0);
	KT_EQ(tn_send(s, "late", 4, 0), 4);
	KT_EQ(mib("/proc/net/snmp", "Tcp:", "OutRsts"), 1);
	KT_EQ(state_of(s), TCP_CLOSE);
	tn_close(s);
	tn_close(l);
	teardown();
}

KTEST_MAIN(KT(test_backlog_overflow), KT(test_orphan_fin_wait2),
	   KT(test_reuseaddr_time_wait), KT(test_half_close_and_poll),
	   KT(test_reset_on_close), KT(test_connect_errnos))
