// SPDX-License-Identifier: BSD-2-Clause
/*
 * sockapi [tcp|udp]: TCP's or UDP's socket calls at their edges, each line
 * a call and what it returned ("-ERRNO" for a failure): unconnected and
 * listening sockets, binds and connects that must fail, every option's
 * default, range and round trip, shutdown, resets, linger 0, refused
 * datagrams and the error queue.  Built twice: against libtuxnet-client
 * (run in a tuxnet lab) and against libtuxnet-host (the same calls on
 * Linux); tests/tools/sockapi_compare.sh wants the same lines from both.
 */
#include <tuxnet/tuxnet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>
#include <sys/socket.h>
#include <netinet/udp.h>
#include <linux/errqueue.h>

/* the errno names the calls below may give */
#define E(x)          \
	{             \
		x, #x \
	}
static const struct {
	int e;
	const char *name;
} errnos[] = {
	E(EINVAL),	    E(EBADF),	      E(ENOTCONN),
	E(EISCONN),	    E(EALREADY),      E(EINPROGRESS),
	E(ECONNREFUSED),    E(EADDRNOTAVAIL), E(EAFNOSUPPORT),
	E(EOPNOTSUPP),	    E(ENOPROTOOPT),   E(EPIPE),
	E(EAGAIN),	    E(EPERM),	      E(EACCES),
	E(EDESTADDRREQ),    E(EMSGSIZE),      E(ECONNRESET),
	E(EFAULT),	    E(ENOTSOCK),      E(EPROTONOSUPPORT),
	E(ESOCKTNOSUPPORT), E(EBUSY),	      E(ENOTTY),
	E(ENOBUFS),	    E(EPROTOTYPE),    E(ERANGE),
	E(ETIMEDOUT),	    E(ENODEV),
};
#undef E

static const char *en(int e)
{
	static char b[32];
	size_t i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].e == e)
			return errnos[i].name;
	snprintf(b, sizeof(b), "E%d", e);
	return b;
}
#define T(label, call)                                           \
	do {                                                     \
		errno = 0;                                       \
		long r_ = (long)(call);                          \
		if (r_ < 0)                                      \
			printf("%-50s -%s\n", label, en(errno)); \
		else                                             \
			printf("%-50s %ld\n", label, r_);        \
	} while (0)

static struct sockaddr_in sin4(const char *a, int port)
{
	struct sockaddr_in s = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	inet_pton(AF_INET, a, &s.sin_addr);
	return s;
}
#define SA(x) (struct sockaddr *)&(x)

static int geti(int fd, int lvl, int opt)
{
	int v = -999;
	socklen_t l = sizeof v;
	if (tn_getsockopt(fd, lvl, opt, &v, &l) < 0)
		return -1000 - errno;
	return v;
}

static void tcp_calls(void)
{
	struct sockaddr_in lo = sin4("127.0.0.1", 5000),
			   any = sin4("0.0.0.0", 5000);
	struct sockaddr_in closed = sin4("127.0.0.1", 5999);
	int one = 1, zero = 0, v;
	char buf[4096];
	socklen_t len;

	int s = tn_socket(AF_INET, SOCK_STREAM, 0);
	T("send unconnected", tn_send(s, "x", 1, 0));
	T("recv unconnected", tn_recv(s, buf, 1, MSG_DONTWAIT));
	T("shutdown unconnected", tn_shutdown(s, SHUT_RDWR));
	T("getpeername unconnected", ({
		  struct sockaddr_in p;
		  len = sizeof p;
		  tn_getpeername(s, SA(p), &len);
	  }));
	T("listen unbound", tn_listen(s, 5));
	len = sizeof lo;
	struct sockaddr_in nm;
	tn_getsockname(s, SA(nm), &len);
	printf("autobound port nonzero %d\n", nm.sin_port != 0);
	T("bind after listen", tn_bind(s, SA(lo), sizeof lo));
	T("connect listening", tn_connect(s, SA(lo), sizeof lo));
	T("accept nonblock empty", ({
		  tn_fcntl(s, F_SETFL, O_NONBLOCK);
		  tn_accept(s, NULL, NULL);
	  }));
	T("SIOCINQ listener", ({ tn_ioctl(s, SIOCINQ, &v); }));
	T("SIOCOUTQ listener", ({ tn_ioctl(s, SIOCOUTQ, &v); }));
	tn_close(s);

	int l = tn_socket(AF_INET, SOCK_STREAM, 0);
	T("bind lo", tn_bind(l, SA(lo), sizeof lo));
	T("bind again", tn_bind(l, SA(lo), sizeof lo));
	int l2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	T("bind any same port", tn_bind(l2, SA(any), sizeof any));
	tn_setsockopt(l2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	T("bind any same port reuseaddr (l not listening)",
	  tn_bind(l2, SA(any), sizeof any));
	tn_close(l2);
	T("listen", tn_listen(l, 1));
	T("listen again (backlog change)", tn_listen(l, 10));
	T("TCP_MAXSEG listener get", geti(l, IPPROTO_TCP, TCP_MAXSEG));
	T("connect closed port", ({
		  int c = tn_socket(AF_INET, SOCK_STREAM, 0);
		  int r = tn_connect(c, SA(closed), sizeof closed);
		  tn_close(c);
		  r;
	  }));
	T("connect bad family", ({
		  int c = tn_socket(AF_INET, SOCK_STREAM, 0);
		  struct sockaddr_in b = lo;
		  b.sin_family = AF_INET6;
		  int r = tn_connect(c, SA(b), sizeof b);
		  tn_close(c);
		  r;
	  }));
	T("connect short addr", ({
		  int c = tn_socket(AF_INET, SOCK_STREAM, 0);
		  int r = tn_connect(c, SA(lo), 8);
		  tn_close(c);
		  r;
	  }));
	T("connect AF_UNSPEC unconnected", ({
		  int c = tn_socket(AF_INET, SOCK_STREAM, 0);
		  struct sockaddr u = { .sa_family = AF_UNSPEC };
		  int r = tn_connect(c, &u, sizeof u);
		  tn_close(c);
		  r;
	  }));

	int c = tn_socket(AF_INET, SOCK_STREAM, 0);
	T("connect", tn_connect(c, SA(lo), sizeof lo));
	T("connect again", tn_connect(c, SA(lo), sizeof lo));
	int a = tn_accept(l, NULL, NULL);
	T("accept", a >= 0);
	T("TCP_MAXSEG", geti(c, IPPROTO_TCP, TCP_MAXSEG));
	T("TCP_NODELAY", geti(c, IPPROTO_TCP, TCP_NODELAY));
	T("TCP_KEEPIDLE", geti(c, IPPROTO_TCP, TCP_KEEPIDLE));
	T("TCP_KEEPINTVL", geti(c, IPPROTO_TCP, TCP_KEEPINTVL));
	T("TCP_KEEPCNT", geti(c, IPPROTO_TCP, TCP_KEEPCNT));
	T("TCP_SYNCNT", geti(c, IPPROTO_TCP, TCP_SYNCNT));
	T("TCP_LINGER2", geti(c, IPPROTO_TCP, TCP_LINGER2));
	T("TCP_DEFER_ACCEPT", geti(c, IPPROTO_TCP, TCP_DEFER_ACCEPT));
	T("TCP_WINDOW_CLAMP", geti(c, IPPROTO_TCP, TCP_WINDOW_CLAMP));
	T("TCP_QUICKACK", geti(c, IPPROTO_TCP, TCP_QUICKACK));
	T("TCP_USER_TIMEOUT", geti(c, IPPROTO_TCP, TCP_USER_TIMEOUT));
	T("TCP_NOTSENT_LOWAT", geti(c, IPPROTO_TCP, TCP_NOTSENT_LOWAT));
	T("TCP_THIN_LINEAR_TIMEOUTS",
	  geti(c, IPPROTO_TCP, TCP_THIN_LINEAR_TIMEOUTS));
	T("TCP_FASTOPEN", geti(c, IPPROTO_TCP, TCP_FASTOPEN));
	T("TCP_TIMESTAMP low bit (ms clock)", ({
		  int tv;
		  len = sizeof(tv);
		  int x = tn_getsockopt(c, IPPROTO_TCP, TCP_TIMESTAMP, &tv,
					&len);
		  x < 0 ? x : (tv & 1);
	  }));
	T("TCP_INQ", geti(c, IPPROTO_TCP, TCP_INQ));
	T("TCP_CORK", geti(c, IPPROTO_TCP, TCP_CORK));
	T("TCP_ULP get", ({
		  char u[16];
		  len = sizeof u;
		  tn_getsockopt(c, IPPROTO_TCP, TCP_ULP, u, &len);
	  }));
	T("SO_SNDBUF", geti(c, SOL_SOCKET, SO_SNDBUF));
	T("SO_RCVBUF", geti(c, SOL_SOCKET, SO_RCVBUF));
	T("SO_TYPE", geti(c, SOL_SOCKET, SO_TYPE));
	T("SO_PROTOCOL", geti(c, SOL_SOCKET, SO_PROTOCOL));
	T("SO_DOMAIN", geti(c, SOL_SOCKET, SO_DOMAIN));
	T("SO_ACCEPTCONN c", geti(c, SOL_SOCKET, SO_ACCEPTCONN));
	T("SO_ACCEPTCONN l", geti(l, SOL_SOCKET, SO_ACCEPTCONN));
	T("SO_ERROR", geti(c, SOL_SOCKET, SO_ERROR));
	T("SO_KEEPALIVE", geti(c, SOL_SOCKET, SO_KEEPALIVE));
	T("SO_PRIORITY", geti(c, SOL_SOCKET, SO_PRIORITY));
	T("SO_RCVLOWAT", geti(c, SOL_SOCKET, SO_RCVLOWAT));
	T("SO_SNDLOWAT", geti(c, SOL_SOCKET, SO_SNDLOWAT));
	T("IP_TOS", geti(c, IPPROTO_IP, IP_TOS));
	T("IP_TTL", geti(c, IPPROTO_IP, IP_TTL));
	T("IP_MTU", geti(c, IPPROTO_IP, IP_MTU));
	T("IP_MTU_DISCOVER", geti(c, IPPROTO_IP, IP_MTU_DISCOVER));
	T("set TCP_MAXSEG 0",
	  tn_setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &zero, sizeof zero));
	T("set TCP_MAXSEG 10", ({
		  v = 10;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof v);
	  }));
	T("set TCP_MAXSEG 536", ({
		  v = 536;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof v);
	  }));
	T("set TCP_MAXSEG 70000", ({
		  v = 70000;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof v);
	  }));
	T("TCP_MAXSEG after", geti(c, IPPROTO_TCP, TCP_MAXSEG));
	T("set TCP_KEEPIDLE 0",
	  tn_setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &zero, sizeof zero));
	T("set TCP_KEEPIDLE 32768", ({
		  v = 32768;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v);
	  }));
	T("set TCP_KEEPIDLE 32767", ({
		  v = 32767;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v);
	  }));
	T("set TCP_KEEPCNT 128", ({
		  v = 128;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof v);
	  }));
	T("set TCP_KEEPCNT 127", ({
		  v = 127;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof v);
	  }));
	T("set TCP_SYNCNT 0",
	  tn_setsockopt(c, IPPROTO_TCP, TCP_SYNCNT, &zero, sizeof zero));
	T("set TCP_SYNCNT 128", ({
		  v = 128;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_SYNCNT, &v, sizeof v);
	  }));
	T("set TCP_LINGER2 -1", ({
		  v = -1;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_LINGER2, &v, sizeof v);
	  }));
	T("TCP_LINGER2 after -1", geti(c, IPPROTO_TCP, TCP_LINGER2));
	T("set TCP_LINGER2 1000", ({
		  v = 1000;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_LINGER2, &v, sizeof v);
	  }));
	T("TCP_LINGER2 after 1000", geti(c, IPPROTO_TCP, TCP_LINGER2));
	T("set TCP_USER_TIMEOUT -1", ({
		  v = -1;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT, &v, sizeof v);
	  }));
	T("set TCP_CONGESTION nope",
	  tn_setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, "nope", 4));
	T("set TCP_CONGESTION reno",
	  tn_setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, "reno", 4));
	T("get TCP_CONGESTION", ({
		  char cc[16] = { 0 };
		  len = sizeof cc;
		  int r = tn_getsockopt(c, IPPROTO_TCP, TCP_CONGESTION, cc,
					&len);
		  printf("  cc=%s len=%u\n", cc, len);
		  r;
	  }));
	T("set TCP_WINDOW_CLAMP 10", ({
		  v = 10;
		  tn_setsockopt(c, IPPROTO_TCP, TCP_WINDOW_CLAMP, &v, sizeof v);
	  }));
	T("TCP_WINDOW_CLAMP after", geti(c, IPPROTO_TCP, TCP_WINDOW_CLAMP));
	T("set TCP_DEFER_ACCEPT 5", ({
		  v = 5;
		  tn_setsockopt(l, IPPROTO_TCP, TCP_DEFER_ACCEPT, &v, sizeof v);
	  }));
	T("TCP_DEFER_ACCEPT after", geti(l, IPPROTO_TCP, TCP_DEFER_ACCEPT));
	T("set TCP_NODELAY short",
	  tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, 2));
	T("set unknown tcp opt 99",
	  tn_setsockopt(c, IPPROTO_TCP, 99, &one, sizeof one));
	T("get unknown tcp opt 99", geti(c, IPPROTO_TCP, 99));
	T("set SO_LINGER short",
	  tn_setsockopt(c, SOL_SOCKET, SO_LINGER, &one, sizeof one));
	T("set IP_TOS 0x10", ({
		  v = 0x10;
		  tn_setsockopt(c, IPPROTO_IP, IP_TOS, &v, sizeof v);
	  }));
	T("IP_TOS after", geti(c, IPPROTO_IP, IP_TOS));
	T("set IP_TOS 0x13", ({
		  v = 0x13;
		  tn_setsockopt(c, IPPROTO_IP, IP_TOS, &v, sizeof v);
	  }));
	T("IP_TOS after 0x13", geti(c, IPPROTO_IP, IP_TOS));

	T("send 100", tn_send(c, buf, 100, 0));
	T("SIOCOUTQ (after ack)", ({
		  tn_ioctl(c, SIOCOUTQ, &v);
		  v;
	  }));
	T("SIOCINQ a", ({
		  struct pollfd p = { a, POLLIN, 0 };
		  tn_poll(&p, 1, 1000);
		  tn_ioctl(a, SIOCINQ, &v);
		  v;
	  }));
	T("recv MSG_PEEK 10", tn_recv(a, buf, 10, MSG_PEEK));
	T("recv MSG_TRUNC 10", tn_recv(a, NULL, 10, MSG_TRUNC | MSG_DONTWAIT));
	T("SIOCINQ a after", ({
		  tn_ioctl(a, SIOCINQ, &v);
		  v;
	  }));
	T("recv OOB none", tn_recv(a, buf, 1, MSG_OOB));
	T("recv MSG_ERRQUEUE", tn_recv(a, buf, 1, MSG_ERRQUEUE | MSG_DONTWAIT));
	T("recv rest", tn_recv(a, buf, sizeof buf, 0));
	T("recv empty nonblock", tn_recv(a, buf, 1, MSG_DONTWAIT));
	T("shutdown bad how", tn_shutdown(c, 7));
	T("shutdown WR", tn_shutdown(c, SHUT_WR));
	T("send after shut WR", tn_send(c, "x", 1, 0));
	T("recv EOF at a", ({
		  struct pollfd p = { a, POLLIN, 0 };
		  tn_poll(&p, 1, 1000);
		  tn_recv(a, buf, 1, 0);
	  }));
	T("poll a revents", ({
		  struct pollfd p = { a, POLLIN | POLLOUT | POLLRDHUP, 0 };
		  tn_poll(&p, 1, 0);
		  p.revents;
	  }));
	T("send a after peer shut", tn_send(a, "yy", 2, 0));
	T("recv c", ({
		  struct pollfd p = { c, POLLIN, 0 };
		  tn_poll(&p, 1, 1000);
		  tn_recv(c, buf, 10, 0);
	  }));
	T("shutdown WR twice", tn_shutdown(c, SHUT_WR));
	T("shutdown RD", tn_shutdown(c, SHUT_RD));
	T("recv after shut RD", tn_recv(c, buf, 10, MSG_DONTWAIT));
	T("poll c revents", ({
		  struct pollfd p = { c, POLLIN | POLLOUT | POLLRDHUP, 0 };
		  tn_poll(&p, 1, 0);
		  p.revents;
	  }));
	tn_close(a);
	T("poll c revents after peer close", ({
		  struct pollfd p = { c, POLLIN | POLLOUT | POLLRDHUP, 0 };
		  tn_poll(&p, 1, 100);
		  p.revents;
	  }));
	T("SO_ERROR after", geti(c, SOL_SOCKET, SO_ERROR));
	tn_close(c);

	/* RST by closing with unread data */
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	tn_connect(c, SA(lo), sizeof lo);
	a = tn_accept(l, NULL, NULL);
	tn_send(c, "abc", 3, 0);
	{
		struct pollfd p = { a, POLLIN, 0 };
		tn_poll(&p, 1, 1000);
	}
	tn_close(a);
	T("poll after RST", ({
		  struct pollfd p = { c, POLLIN | POLLOUT | POLLRDHUP, 0 };
		  tn_poll(&p, 1, 1000);
		  p.revents;
	  }));
	T("send after RST", tn_send(c, "x", 1, 0));
	T("send after RST again", tn_send(c, "x", 1, 0));
	T("recv after RST", tn_recv(c, buf, 1, 0));
	T("SO_ERROR after RST", geti(c, SOL_SOCKET, SO_ERROR));
	T("getpeername after RST", ({
		  struct sockaddr_in p;
		  len = sizeof p;
		  tn_getpeername(c, SA(p), &len);
	  }));
	tn_close(c);

	/* linger 0 */
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	tn_connect(c, SA(lo), sizeof lo);
	a = tn_accept(l, NULL, NULL);
	struct linger lg = { 1, 0 };
	T("SO_LINGER 1,0",
	  tn_setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	tn_close(c);
	T("recv after linger0 close", ({
		  struct pollfd p = { a, POLLIN, 0 };
		  tn_poll(&p, 1, 1000);
		  tn_recv(a, buf, 1, 0);
	  }));
	T("recv again", tn_recv(a, buf, 1, 0));
	tn_close(a);

	/* nonblocking connect to closed */
	c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	T("nb connect closed", tn_connect(c, SA(closed), sizeof closed));
	T("nb poll", ({
		  struct pollfd p = { c, POLLOUT, 0 };
		  tn_poll(&p, 1, 1000);
		  p.revents;
	  }));
	T("SO_ERROR", geti(c, SOL_SOCKET, SO_ERROR));
	T("SO_ERROR twice", geti(c, SOL_SOCKET, SO_ERROR));
	T("connect again after refusal",
	  tn_connect(c, SA(closed), sizeof closed));
	tn_close(c);
	c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	T("nb connect lo", tn_connect(c, SA(lo), sizeof lo));
	T("nb connect lo again", tn_connect(c, SA(lo), sizeof lo));
	T("nb poll", ({
		  struct pollfd p = { c, POLLOUT, 0 };
		  tn_poll(&p, 1, 1000);
		  p.revents;
	  }));
	T("nb connect lo third", tn_connect(c, SA(lo), sizeof lo));
	T("connect AF_UNSPEC (disconnect)", ({
		  struct sockaddr u = { .sa_family = AF_UNSPEC };
		  tn_connect(c, &u, sizeof u);
	  }));
	T("getpeername after disconnect", ({
		  struct sockaddr_in p;
		  len = sizeof p;
		  tn_getpeername(c, SA(p), &len);
	  }));
	T("connect after disconnect", tn_connect(c, SA(lo), sizeof lo));
	tn_close(c);
	/* backlog 1: how many complete */
	tn_close(l);
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	tn_setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	T("rebind after close (TIME_WAIT?)", tn_bind(l, SA(lo), sizeof lo));
	T("listen 0", tn_listen(l, 0));
	int cs[4];
	for (int i = 0; i < 4; i++) {
		cs[i] = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		char lab[64];
		snprintf(lab, sizeof lab, "backlog0 connect %d", i);
		T(lab, tn_connect(cs[i], SA(lo), sizeof lo));
	}
	for (int i = 0; i < 4; i++) {
		char lab[64];
		snprintf(lab, sizeof lab, "backlog0 poll %d", i);
		T(lab, ({
			  struct pollfd p = { cs[i], POLLOUT, 0 };
			  tn_poll(&p, 1, 0);
			  p.revents;
		  }));
	}
	T("accept nb", ({
		  tn_fcntl(l, F_SETFL, O_NONBLOCK);
		  int x = tn_accept(l, NULL, NULL);
		  x >= 0 ? 1 : x;
	  }));
	T("accept nb 2", ({
		  int x = tn_accept(l, NULL, NULL);
		  x >= 0 ? 1 : x;
	  }));

	/* what an accepted child takes from its listener */
	{
		struct sockaddr_in p = sin4("127.0.0.1", 5100);
		static const struct {
			int opt;
			const char *name;
		} inherited[] = {
			{ TCP_INQ, "child TCP_INQ" },
			{ TCP_USER_TIMEOUT, "child TCP_USER_TIMEOUT" },
			{ TCP_DEFER_ACCEPT, "child TCP_DEFER_ACCEPT" },
			{ TCP_WINDOW_CLAMP, "child TCP_WINDOW_CLAMP" },
			{ TCP_NODELAY, "child TCP_NODELAY" },
			{ TCP_SAVE_SYN, "child TCP_SAVE_SYN" },
			{ TCP_KEEPIDLE, "child TCP_KEEPIDLE" },
			{ TCP_MAXSEG, "child TCP_MAXSEG" },
		};
		int pl = tn_socket(AF_INET, SOCK_STREAM, 0), pc, ps;
		unsigned int i;

		tn_bind(pl, SA(p), sizeof(p));
		for (i = 0; i < sizeof(inherited) / sizeof(inherited[0]); i++) {
			v = inherited[i].opt == TCP_SAVE_SYN ? 1
			    : inherited[i].opt == TCP_MAXSEG ? 1000
							     : 1 + 10 * i;
			tn_setsockopt(pl, IPPROTO_TCP, inherited[i].opt, &v,
				      sizeof(v));
		}
		tn_listen(pl, 5);
		pc = tn_socket(AF_INET, SOCK_STREAM, 0);
		tn_connect(pc, SA(p), sizeof(p));
		tn_send(pc, "x", 1, 0);
		ps = tn_accept(pl, NULL, NULL);
		for (i = 0; i < sizeof(inherited) / sizeof(inherited[0]); i++)
			T(inherited[i].name,
			  geti(ps, IPPROTO_TCP, inherited[i].opt));
		T("child TCP_SAVED_SYN length", ({
			  char syn[128];
			  len = sizeof(syn);
			  int x = tn_getsockopt(ps, IPPROTO_TCP, TCP_SAVED_SYN,
						syn, &len);
			  x < 0 ? x : (int)len;
		  }));
		tn_close(ps);
		tn_close(pc);
		tn_close(pl);
	}
}

static void udp_calls(void)
{
	struct sockaddr_in lo = sin4("127.0.0.1", 6000),
			   closed = sin4("127.0.0.1", 6999),
			   bc = sin4("255.255.255.255", 6000);
	static char buf[70000];
	int v, one = 1;
	socklen_t len;
	struct sockaddr_in nowhere = sin4("10.9.9.9", 6000);
	int s = tn_socket(AF_INET, SOCK_DGRAM, 0);
	T("recv unbound nonblock", tn_recv(s, buf, 10, MSG_DONTWAIT));
	T("send unconnected", tn_send(s, "x", 1, 0));
	T("sendto broadcast no SO_BROADCAST",
	  tn_sendto(s, "x", 1, 0, SA(bc), sizeof bc));
	T("sendto no route",
	  tn_sendto(s, "x", 1, 0, SA(nowhere), sizeof nowhere));
	T("sendto 65508", tn_sendto(s, buf, 65508, 0, SA(lo), sizeof lo));
	T("sendto 65507", tn_sendto(s, buf, 65507, 0, SA(lo), sizeof lo));
	T("sendto port 0", ({
		  struct sockaddr_in z = sin4("127.0.0.1", 0);
		  tn_sendto(s, "x", 1, 0, SA(z), sizeof z);
	  }));
	T("SO_SNDBUF", geti(s, SOL_SOCKET, SO_SNDBUF));
	T("SO_RCVBUF", geti(s, SOL_SOCKET, SO_RCVBUF));
	T("IP_MULTICAST_TTL", geti(s, IPPROTO_IP, IP_MULTICAST_TTL));
	T("IP_MULTICAST_LOOP", geti(s, IPPROTO_IP, IP_MULTICAST_LOOP));
	T("IP_PKTINFO", geti(s, IPPROTO_IP, IP_PKTINFO));
	T("IP_RECVERR", geti(s, IPPROTO_IP, IP_RECVERR));
	T("IP_MTU unconnected", geti(s, IPPROTO_IP, IP_MTU));
	T("UDP_CORK", geti(s, IPPROTO_UDP, UDP_CORK));
	T("UDP_SEGMENT", geti(s, IPPROTO_UDP, UDP_SEGMENT));
	T("UDP_GRO", geti(s, IPPROTO_UDP, UDP_GRO));
	T("UDP unknown opt", geti(s, IPPROTO_UDP, 77));
	T("SO_BINDTODEVICE nope",
	  tn_setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "nope", 5));
	T("SO_BINDTODEVICE lo",
	  tn_setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
	T("SO_BINDTODEVICE get", ({
		  char d[16] = { 0 };
		  len = sizeof d;
		  int r = tn_getsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, d,
					&len);
		  printf("  dev=%s len=%u\n", d, len);
		  r;
	  }));
	T("SO_BINDTODEVICE clear",
	  tn_setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "", 0));
	T("IP_TTL 0", ({
		  v = 0;
		  tn_setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof v);
	  }));
	T("IP_TTL 256", ({
		  v = 256;
		  tn_setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof v);
	  }));
	T("IP_TTL -1", ({
		  v = -1;
		  tn_setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof v);
	  }));
	T("IP_TTL after -1", geti(s, IPPROTO_IP, IP_TTL));
	T("IP_TOS char", ({
		  unsigned char c = 0x20;
		  tn_setsockopt(s, IPPROTO_IP, IP_TOS, &c, 1);
	  }));
	T("IP_TOS after", geti(s, IPPROTO_IP, IP_TOS));
	T("IP_MULTICAST_TTL char", ({
		  unsigned char c = 5;
		  tn_setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, &c, 1);
	  }));
	T("IP_MULTICAST_TTL 256", ({
		  v = 256;
		  tn_setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, &v, sizeof v);
	  }));
	T("IP_MULTICAST_TTL -1", ({
		  v = -1;
		  tn_setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, &v, sizeof v);
	  }));
	T("IP_MULTICAST_TTL after", geti(s, IPPROTO_IP, IP_MULTICAST_TTL));
	T("bind lo", tn_bind(s, SA(lo), sizeof lo));
	int r = tn_socket(AF_INET, SOCK_DGRAM, 0);
	T("bind same no reuse", tn_bind(r, SA(lo), sizeof lo));
	T("bind 1.2.3.4", ({
		  struct sockaddr_in x = sin4("1.2.3.4", 0);
		  tn_bind(r, SA(x), sizeof x);
	  }));
	T("IP_FREEBIND then bind 1.2.3.4", ({
		  tn_setsockopt(r, IPPROTO_IP, IP_FREEBIND, &one, sizeof one);
		  struct sockaddr_in x = sin4("1.2.3.4", 0);
		  tn_bind(r, SA(x), sizeof x);
	  }));
	tn_close(r);
	r = tn_socket(AF_INET, SOCK_DGRAM, 0);
	T("connect closed", tn_connect(r, SA(closed), sizeof closed));
	T("send to closed", tn_send(r, "x", 1, 0));
	T("send to closed 2 (ECONNREFUSED?)", tn_send(r, "x", 1, 0));
	T("send to closed 3", tn_send(r, "x", 1, 0));
	T("recv after refused", tn_recv(r, buf, 1, MSG_DONTWAIT));
	T("SO_ERROR", geti(r, SOL_SOCKET, SO_ERROR));
	T("IP_RECVERR on",
	  tn_setsockopt(r, IPPROTO_IP, IP_RECVERR, &one, sizeof one));
	T("send to closed 4", tn_send(r, "x", 1, 0));
	T("recv errqueue", ({
		  char c[256];
		  struct iovec io = { buf, 100 };
		  struct msghdr m = { .msg_iov = &io,
				      .msg_iovlen = 1,
				      .msg_control = c,
				      .msg_controllen = sizeof c };
		  long n = tn_recvmsg(r, &m, MSG_ERRQUEUE);
		  if (n >= 0) {
			  struct cmsghdr *h = CMSG_FIRSTHDR(&m);
			  if (h) {
				  struct sock_extended_err *ee =
					  (void *)CMSG_DATA(h);
				  printf("  lvl=%d type=%d errno=%d origin=%d type=%d code=%d flags=%x\n",
					 h->cmsg_level, h->cmsg_type,
					 ee->ee_errno, ee->ee_origin,
					 ee->ee_type, ee->ee_code, m.msg_flags);
			  }
		  }
		  n;
	  }));
	T("IP_MTU connected", geti(r, IPPROTO_IP, IP_MTU));
	T("connect AF_UNSPEC", ({
		  struct sockaddr u = { .sa_family = AF_UNSPEC };
		  tn_connect(r, &u, sizeof u);
	  }));
	T("getpeername after", ({
		  struct sockaddr_in p;
		  len = sizeof p;
		  tn_getpeername(r, SA(p), &len);
	  }));
	T("getsockname after disconnect", ({
		  struct sockaddr_in p;
		  len = sizeof p;
		  tn_getsockname(r, SA(p), &len);
		  printf("  addr=%s port0=%d\n", inet_ntoa(p.sin_addr),
			 p.sin_port == 0);
		  0;
	  }));
	tn_close(r);
	r = tn_socket(AF_INET, SOCK_DGRAM, 0);
	T("connect lo", tn_connect(r, SA(lo), sizeof lo));
	T("send 5", tn_send(r, "hello", 5, 0));
	T("send 0", tn_send(r, "", 0, 0));
	T("SIOCINQ", ({
		  tn_ioctl(s, SIOCINQ, &v);
		  v;
	  }));
	T("SIOCOUTQ", ({
		  tn_ioctl(r, SIOCOUTQ, &v);
		  v;
	  }));
	T("FIONREAD", ({
		  tn_ioctl(s, FIONREAD, &v);
		  v;
	  }));
	T("recv 2 (trunc)", ({
		  struct iovec io = { buf, 2 };
		  struct msghdr m = { .msg_iov = &io, .msg_iovlen = 1 };
		  long n = tn_recvmsg(s, &m, MSG_DONTWAIT);
		  printf("  flags=%x\n", m.msg_flags);
		  n;
	  }));
	T("recv MSG_TRUNC 0-len", tn_recv(s, buf, 0, MSG_TRUNC | MSG_DONTWAIT));
	T("recv peek", tn_recv(s, buf, 10, MSG_PEEK | MSG_DONTWAIT));
	T("recv", tn_recv(s, buf, 10, MSG_DONTWAIT));
	T("recv empty", tn_recv(s, buf, 10, MSG_DONTWAIT));
	T("shutdown RD", tn_shutdown(s, SHUT_RD));
	T("recv after shutdown", tn_recv(s, buf, 10, MSG_DONTWAIT));
	T("shutdown unconnected WR", ({
		  int u = tn_socket(AF_INET, SOCK_DGRAM, 0);
		  int x = tn_shutdown(u, SHUT_WR);
		  tn_close(u);
		  x;
	  }));
	T("shutdown connected WR", tn_shutdown(r, SHUT_WR));
	T("send after shut WR", tn_send(r, "x", 1, 0));
	T("poll r", ({
		  struct pollfd p = { r, POLLIN | POLLOUT, 0 };
		  tn_poll(&p, 1, 0);
		  p.revents;
	  }));
	T("listen udp", tn_listen(r, 1));
	T("accept udp", tn_accept(r, NULL, NULL));
	T("socket bad proto", tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP));
	T("socket raw tcp", ({
		  int x = tn_socket(AF_INET, SOCK_RAW, IPPROTO_TCP);
		  if (x >= 0)
			  tn_close(x);
		  x >= 0 ? 1 : x;
	  }));
	T("socket seqpacket", tn_socket(AF_INET, SOCK_SEQPACKET, 0));
	T("socket family 99", tn_socket(99, SOCK_DGRAM, 0));
	T("socket type 99", tn_socket(AF_INET, 99, 0));
	T("socket icmp dgram", ({
		  int x = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
		  x >= 0 ? 1 : x;
	  }));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc > 1 && !strcmp(argv[1], "udp"))
		udp_calls();
	else
		tcp_calls();
	return 0;
}
