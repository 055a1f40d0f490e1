// SPDX-License-Identifier: BSD-2-Clause
/*
 * A client of tuxnetd for the transport tests (tests/tools/daemon_*.sh).
 *
 *	daemon_client calls	every kind of call through the daemon, inside a
 *				network namespace of its own: run against
 *				tuxnetd-host, the results must be Linux's
 *	daemon_client garbage	malformed, truncated and oversized requests
 *				on raw connections; the daemon must answer
 *				each with an error or hang up, and still serve
 *	daemon_client hostname	prints the host name the daemon reports
 *	daemon_client fill	opens UDP sockets until a call fails; prints
 *				how many and the error
 *	daemon_client write PATH VALUE	writes VALUE to a file of the stack
 *	daemon_client hold	connects (one call), says "ready", and waits
 *				until killed, holding its connection
 *	daemon_client hostile	fake daemons on $TUXNET_SOCK that lie in
 *				their replies (lengths past the buffers,
 *				results past the request); each lie must
 *				fail the call with EPROTO and overrun nothing
 *	daemon_client block N	binds UDP 127.0.0.1:N, says "ready", and
 *				blocks in tn_recv()
 *	daemon_client poke N	sends one datagram to 127.0.0.1:N
 *	daemon_client attach	TN_RPC_ATTACH on raw connections: one token
 *				and one pid share an fd table; the same
 *				token from another pid does not; a fork's
 *				copy goes to a child of the forker only
 *	daemon_client threads N	thread A blocks in tn_recv() on UDP :N; the
 *				main thread's calls (on :N+1 and on A's
 *				fd, a sleeping poll included) all finish
 *				meanwhile; a thread's namespace is its own;
 *				a forked child has the parent's fds
 *	daemon_client stress N	tests/lib/stress.h through the daemon: 16
 *				threads (each its own connection) on UDP
 *				:N to :N+3, nothing lost beyond the counted
 *				drops, every fd closed
 *	daemon_client tcp	the TCP calls of "calls" alone, with lo up:
 *				run through tuxnetd (tuxnet's own TCP)
 *	daemon_client cat PATH	prints a file of the stack (/proc/net/udp)
 *	daemon_client eintr	a signal handler without SA_RESTART ends a
 *				blocked tn_recv() with EINTR, and one with
 *				SA_RESTART ends a blocked tn_poll() too
 *	daemon_client idle	connected, says "ready", then idles between
 *				calls: a call every 200 ms of host time
 *	daemon_client sleep SEC NSEC [MS]
 *				tn_nanosleep(SEC.NSEC) (after "ready"); with
 *				MS, a signal after MS ms of host time
 *				interrupts it.  Prints "0", or "-1 ERRNO" and
 *				what remains ("SEC.NSEC") after EINTR
 *
 * Prints "ok NAME" per check and exits 1 if any failed.
 */
#include <tuxnet/tuxnet.h>

#include "rpc.h"
#include "../lib/stress.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/errqueue.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <poll.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

static int failed;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (cond) {                                                \
			printf("ok   %s\n", #cond);                        \
		} else {                                                   \
			printf("FAIL %s:%d: %s (errno %d %s)\n", __FILE__, \
			       __LINE__, #cond, errno, strerror(errno));   \
			failed++;                                          \
		}                                                          \
	} while (0)

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(port);
	return a;
}

/* Brings lo up in the daemon's namespace. */
static int lo_up(void)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0), err;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	err = fd < 0 || tn_ioctl(fd, SIOCGIFFLAGS, &ifr) < 0;
	ifr.ifr_flags |= IFF_UP;
	err = err || tn_ioctl(fd, SIOCSIFFLAGS, &ifr) < 0;
	tn_close(fd);
	return err ? -1 : 0;
}

static void test_ioctl(void)
{
	struct ifreq ifr;
	struct ifconf ifc;
	char buf[1024];
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	CHECK(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	CHECK(tn_ioctl(fd, SIOCGIFFLAGS, &ifr) == 0);
	ifr.ifr_flags |= IFF_UP;
	CHECK(tn_ioctl(fd, SIOCSIFFLAGS, &ifr) == 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	CHECK(tn_ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 &&
	      (ifr.ifr_flags & IFF_UP));
	CHECK(tn_ioctl(fd, SIOCGIFINDEX, &ifr) == 0 && ifr.ifr_ifindex == 1);
	memset(ifr.ifr_name, 0, sizeof(ifr.ifr_name));
	CHECK(tn_ioctl(fd, SIOCGIFNAME, &ifr) == 0 &&
	      !strcmp(ifr.ifr_name, "lo"));
	CHECK(tn_ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu == 65536);
	strcpy(ifr.ifr_name, "nosuch0");
	CHECK(tn_ioctl(fd, SIOCGIFINDEX, &ifr) == -1 && errno == ENODEV);
	CHECK(tn_ioctl(fd, 0x89ff0000ul, &ifr) == -1 && errno == ENOTTY);

	ifc.ifc_len = 0;
	ifc.ifc_buf = NULL;
	CHECK(tn_ioctl(fd, SIOCGIFCONF, &ifc) == 0 &&
	      ifc.ifc_len == (int)sizeof(struct ifreq));
	memset(buf, 0, sizeof(buf));
	ifc.ifc_len = sizeof(buf);
	ifc.ifc_buf = buf;
	CHECK(tn_ioctl(fd, SIOCGIFCONF, &ifc) == 0 &&
	      ifc.ifc_len == (int)sizeof(struct ifreq) &&
	      !strcmp(ifc.ifc_req[0].ifr_name, "lo") &&
	      ((struct sockaddr_in *)&ifc.ifc_req[0].ifr_addr)
			      ->sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	tn_close(fd);
}

static void test_udp(void)
{
	struct sockaddr_in ra, sa, from;
	socklen_t len = sizeof(ra);
	int r, s, one = 1, ttl = 7, n = -1, seen_ts = 0, seen_ttl = 0;
	char ctl[256], a[3], b[16];
	struct iovec iov[2];
	struct msghdr mh;
	struct cmsghdr *cm;
	struct pollfd pfd;

	r = tn_socket(AF_INET, SOCK_DGRAM, 0);
	s = tn_socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	CHECK(r >= 0 && s >= 0 && r != s);
	ra = loopback(0);
	CHECK(tn_bind(r, (struct sockaddr *)&ra, sizeof(ra)) == 0);
	CHECK(tn_getsockname(r, (struct sockaddr *)&ra, &len) == 0 &&
	      len == sizeof(ra) && ra.sin_port != 0);
	CHECK(tn_bind(s, (struct sockaddr *)&ra, sizeof(ra)) == -1 &&
	      errno == EADDRINUSE);
	sa = loopback(0);
	CHECK(tn_bind(s, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	len = sizeof(sa);
	CHECK(tn_getsockname(s, (struct sockaddr *)&sa, &len) == 0);
	CHECK(tn_setsockopt(r, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one)) ==
	      0);
	CHECK(tn_setsockopt(r, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one)) == 0);
	len = sizeof(n);
	CHECK(tn_getsockopt(r, SOL_SOCKET, SO_TYPE, &n, &len) == 0 &&
	      n == SOCK_DGRAM && len == sizeof(int));

	pfd.fd = r;
	pfd.events = POLLIN;
	pfd.revents = -1;
	CHECK(tn_poll(&pfd, 1, 0) == 0 && pfd.revents == 0);
	CHECK(tn_sendto(s, "hello", 5, 0, (struct sockaddr *)&ra, sizeof(ra)) ==
	      5);
	CHECK(tn_poll(&pfd, 1, 1000) == 1 && pfd.revents == POLLIN);
	n = -1;
	CHECK(tn_ioctl(r, FIONREAD, &n) == 0 && n == 5);

	/* Scatter over two iovecs, with the sender and two cmsgs. */
	iov[0].iov_base = a;
	iov[0].iov_len = sizeof(a);
	iov[1].iov_base = b;
	iov[1].iov_len = sizeof(b);
	memset(&mh, 0, sizeof(mh));
	memset(&from, 0, sizeof(from));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof(ctl);
	CHECK(tn_recvmsg(r, &mh, 0) == 5);
	CHECK(!memcmp(a, "hel", 3) && !memcmp(b, "lo", 2));
	CHECK(mh.msg_namelen == sizeof(from) && from.sin_port == sa.sin_port &&
	      from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	CHECK(mh.msg_flags == 0);
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SCM_TIMESTAMP)
			seen_ts = 1;
		if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_TTL)
			memcpy(&seen_ttl, CMSG_DATA(cm), sizeof(int));
	}
	CHECK(seen_ts && seen_ttl == 64);

	/* sendmsg: gather two iovecs, IP_TTL as a control message. */
	{
		union {
			char buf[CMSG_SPACE(sizeof(int))];
			struct cmsghdr align;
		} u;
		struct msghdr sm = { 0 };
		struct iovec siov[2] = { { "ab", 2 }, { "cde", 3 } };

		memset(&u, 0, sizeof(u));
		sm.msg_name = &ra;
		sm.msg_namelen = sizeof(ra);
		sm.msg_iov = siov;
		sm.msg_iovlen = 2;
		sm.msg_control = u.buf;
		sm.msg_controllen = sizeof(u.buf);
		cm = CMSG_FIRSTHDR(&sm);
		cm->cmsg_level = IPPROTO_IP;
		cm->cmsg_type = IP_TTL;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &ttl, sizeof(ttl));
		CHECK(tn_sendmsg(s, &sm, 0) == 5);
		/* a control length without a buffer: EFAULT, as Linux */
		sm.msg_control = NULL;
		errno = 0;
		CHECK(tn_sendmsg(s, &sm, 0) == -1 && errno == EFAULT);
	}
	memset(b, 0, sizeof(b));
	mh.msg_iov = &iov[1];
	mh.msg_iovlen = 1;
	mh.msg_controllen = sizeof(ctl);
	mh.msg_namelen = sizeof(from);
	seen_ttl = 0;
	CHECK(tn_recvmsg(r, &mh, 0) == 5 && !memcmp(b, "abcde", 5));
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_TTL)
			memcpy(&seen_ttl, CMSG_DATA(cm), sizeof(int));
	CHECK(seen_ttl == 7);

	/* A datagram larger than the buffer: MSG_TRUNC both ways. */
	CHECK(tn_sendto(s, "0123456789", 10, 0, (struct sockaddr *)&ra,
			sizeof(ra)) == 10);
	mh.msg_iov = iov;
	mh.msg_iovlen = 1;
	mh.msg_control = NULL;
	mh.msg_controllen = 0;
	CHECK(tn_recvmsg(r, &mh, MSG_TRUNC) == 10 &&
	      (mh.msg_flags & MSG_TRUNC) && !memcmp(a, "012", 3));

	/* Non-blocking: EAGAIN comes back as errno. */
	n = tn_fcntl(r, F_GETFL, 0);
	CHECK(n >= 0 && !(n & O_NONBLOCK));
	CHECK(tn_fcntl(r, F_SETFL, n | O_NONBLOCK) == 0);
	CHECK(tn_recv(r, b, sizeof(b), 0) == -1 && errno == EAGAIN);
	CHECK(tn_recvfrom(r, b, sizeof(b), MSG_DONTWAIT, NULL, NULL) == -1 &&
	      errno == EAGAIN);

	/* select and epoll see the same readiness. */
	{
		struct timeval tv = { 0, 0 };
		struct epoll_event ev = { .events = EPOLLIN }, out[4];
		fd_set rs;
		int ep;

		FD_ZERO(&rs);
		FD_SET(r, &rs);
		CHECK(tn_select(r + 1, &rs, NULL, NULL, &tv) == 0 &&
		      !FD_ISSET(r, &rs));
		CHECK(tn_send(s, "x", 1, 0) == -1 && errno == EDESTADDRREQ);
		CHECK(tn_connect(s, (struct sockaddr *)&ra, sizeof(ra)) == 0);
		CHECK(tn_send(s, "x", 1, 0) == 1);
		len = sizeof(from);
		CHECK(tn_getpeername(s, (struct sockaddr *)&from, &len) == 0 &&
		      from.sin_port == ra.sin_port);
		FD_SET(r, &rs);
		tv.tv_sec = 1;
		CHECK(tn_select(r + 1, &rs, NULL, NULL, &tv) == 1 &&
		      FD_ISSET(r, &rs));
		ep = tn_epoll_create1(EPOLL_CLOEXEC);
		CHECK(ep >= 0);
		ev.data.u64 = 0x1122334455667788ull;
		CHECK(tn_epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev) == 0);
		CHECK(tn_epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev) == -1 &&
		      errno == EEXIST);
		CHECK(tn_epoll_wait(ep, out, 4, 1000) == 1 &&
		      out[0].events == EPOLLIN &&
		      out[0].data.u64 == 0x1122334455667788ull);
		CHECK(tn_epoll_ctl(ep, EPOLL_CTL_DEL, r, NULL) == 0);
		CHECK(tn_epoll_wait(ep, out, 4, 0) == 0);
		CHECK(tn_close(ep) == 0);
		CHECK(tn_recvfrom(r, b, sizeof(b), 0, NULL, NULL) == 1);
	}

	/* F_DUPFD, a select() timeout too large for nanoseconds, and an
	 * epoll cycle: each answered as Linux, none harms the daemon. */
	{
		struct timeval tv = { LONG_MAX, 0 };
		struct epoll_event ev = { .events = EPOLLIN };
		int d = tn_fcntl(r, F_DUPFD_CLOEXEC, 40), e1, e2;
		fd_set rs;

		CHECK(d >= 40 && tn_fcntl(d, F_GETFD, 0) == FD_CLOEXEC);
		CHECK(tn_send(s, "y", 1, 0) == 1);
		FD_ZERO(&rs);
		FD_SET(d, &rs);
		CHECK(tn_select(d + 1, &rs, NULL, NULL, &tv) == 1 &&
		      FD_ISSET(d, &rs) && tv.tv_sec > LONG_MAX / 2);
		tv.tv_sec = -1;
		CHECK(tn_select(d + 1, &rs, NULL, NULL, &tv) == -1 &&
		      errno == EINVAL);
		e1 = tn_epoll_create1(0);
		e2 = tn_epoll_create1(0);
		CHECK(e1 >= 0 && e2 >= 0);
		CHECK(tn_epoll_ctl(e1, EPOLL_CTL_ADD, e2, &ev) == 0);
		CHECK(tn_epoll_ctl(e2, EPOLL_CTL_ADD, e1, &ev) == -1 &&
		      errno == ELOOP);
		CHECK(tn_recv(d, b, sizeof(b), 0) == 1);
		CHECK(tn_close(e2) == 0 && tn_close(e1) == 0);
		CHECK(tn_close(d) == 0);
	}
	CHECK(tn_close(s) == 0);
	CHECK(tn_close(r) == 0);
	CHECK(tn_close(r) == -1 && errno == EBADF);
}

/* IP_RECVERR: an ICMP port unreachable comes back on the error queue. */
static void test_errqueue(void)
{
	struct sockaddr_in dst = loopback(9), *off;
	struct sock_extended_err *ee = NULL;
	char ctl[512], data[64];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr mh = { 0 };
	struct pollfd pfd;
	struct cmsghdr *cm;
	int s, one = 1;

	s = tn_socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(s >= 0);
	CHECK(tn_setsockopt(s, IPPROTO_IP, IP_RECVERR, &one, sizeof(one)) == 0);
	CHECK(tn_connect(s, (struct sockaddr *)&dst, sizeof(dst)) == 0);
	CHECK(tn_send(s, "ping", 4, 0) == 4);
	pfd.fd = s;
	pfd.events = 0;
	CHECK(tn_poll(&pfd, 1, 1000) == 1 && (pfd.revents & POLLERR));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof(ctl);
	CHECK(tn_recvmsg(s, &mh, MSG_ERRQUEUE) == 4 &&
	      (mh.msg_flags & MSG_ERRQUEUE));
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_RECVERR)
			ee = (struct sock_extended_err *)CMSG_DATA(cm);
	CHECK(ee && ee->ee_errno == ECONNREFUSED &&
	      ee->ee_origin == SO_EE_ORIGIN_ICMP && ee->ee_type == 3 &&
	      ee->ee_code == 3);
	if (ee) {
		off = (struct sockaddr_in *)SO_EE_OFFENDER(ee);
		CHECK(off->sin_family == AF_INET &&
		      off->sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	}
	CHECK(tn_close(s) == 0);
}

static void test_tcp(void)
{
	struct sockaddr_in a = loopback(0), peer;
	socklen_t len = sizeof(a);
	int l, c, s, n;
	char buf[8];

	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	CHECK(tn_bind(l, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(tn_getsockname(l, (struct sockaddr *)&a, &len) == 0);
	CHECK(tn_listen(l, 4) == 0);
	CHECK(tn_connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	len = 4; /* too short: truncated, full length reported */
	memset(&peer, 0, sizeof(peer));
	s = tn_accept4(l, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	CHECK(s >= 0 && len == sizeof(peer) && peer.sin_family == AF_INET &&
	      peer.sin_port != 0 && peer.sin_addr.s_addr == 0);
	CHECK(tn_write(c, "tcp!", 4) == 4);
	n = -1;
	CHECK(tn_ioctl(c, SIOCOUTQ, &n) == 0 && n >= 0);
	CHECK(tn_read(s, buf, sizeof(buf)) == 4 && !memcmp(buf, "tcp!", 4));
	/* MSG_TRUNC: TCP discards the bytes, no buffer needed (as Linux) */
	CHECK(tn_write(c, "drop", 4) == 4);
	CHECK(tn_recv(s, NULL, 2, MSG_TRUNC) == 2);
	CHECK(tn_read(s, buf, sizeof(buf)) == 2 && !memcmp(buf, "op", 2));
	CHECK(tn_shutdown(c, SHUT_WR) == 0);
	CHECK(tn_recv(s, buf, sizeof(buf), 0) == 0);
	CHECK(tn_close(s) == 0 && tn_close(c) == 0 && tn_close(l) == 0);
}

static void test_misc(void)
{
	char name[256], small[2], ents[4096];
	struct timespec ts = { 0 }, zero = { 0, 0 };
	int sv[2] = { -1, -1 }, fd;
	char buf[16];

	CHECK(tn_gethostname(name, sizeof(name)) == 0 && name[0]);
	CHECK(tn_gethostname(small, sizeof(small)) == -1 &&
	      errno == ENAMETOOLONG);
	CHECK(tn_clock_gettime(CLOCK_MONOTONIC, &ts) == 0 &&
	      (ts.tv_sec || ts.tv_nsec));
	CHECK(tn_clock_gettime((clockid_t)999, &ts) == -1 && errno == EINVAL);
	CHECK(tn_nanosleep(&zero, NULL) == 0);
	CHECK(tn_socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && sv[0] >= 0 &&
	      sv[1] >= 0);
	CHECK(tn_write(sv[0], "pair", 4) == 4);
	CHECK(tn_read(sv[1], buf, sizeof(buf)) == 4 && !memcmp(buf, "pair", 4));
	tn_close(sv[0]);
	tn_close(sv[1]);
	fd = tn_open("/proc/net/dev", O_RDONLY);
	CHECK(fd >= 0 && tn_read(fd, buf, 5) == 5 && !memcmp(buf, "Inter", 5));
	tn_close(fd);
	fd = tn_open("/proc/net", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0 && tn_getdents64(fd, ents, sizeof(ents)) > 0);
	tn_close(fd);
	CHECK(tn_open("/proc/net/nosuch", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(tn_netns_list(ents, sizeof(ents)) >= 0);
	CHECK(tn_socket(AF_INET, 999, 0) == -1 && errno == EINVAL);
	CHECK(tn_stack_create(NULL) == NULL && errno == ENOSYS);
}

/* ---- Raw requests ---- */

static int raw_connect(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if (tn_rpc_default_path(sun.sun_path, sizeof(sun.sun_path)))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int raw_write(int fd, const void *buf, size_t len)
{
	return send(fd, buf, len, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
}

static int64_t last_arg0; /* hdr.arg[0] of the last raw reply */

/* Reads one reply; returns its errno (0 for success), or -1 if hung up. */
static int raw_reply(int fd, int64_t *ret)
{
	static void *buf;
	static size_t cap;
	struct tn_rpc_msg m;

	if (tn_rpc_recv(fd, &buf, &cap, &m))
		return -1;
	if (ret)
		*ret = m.hdr.ret;
	last_arg0 = m.hdr.arg[0];
	return m.hdr.ret < 0 ? m.hdr.err : 0;
}

static void hdr_init(struct tn_rpc_hdr *h, unsigned int op, uint32_t len)
{
	memset(h, 0, sizeof(*h));
	h->op = (uint16_t)op;
	h->version = TN_RPC_VERSION;
	h->len = len;
}

/* One raw request with scalar arguments only; its errno, *ret the result. */
static int raw_call(int fd, unsigned int op, int64_t a0, int64_t a1, int64_t a2,
		    int64_t *ret)
{
	struct tn_rpc_out out;

	tn_rpc_out_init(&out, op);
	out.hdr.arg[0] = a0;
	out.hdr.arg[1] = a1;
	out.hdr.arg[2] = a2;
	if (tn_rpc_send(fd, &out))
		return -1;
	return raw_reply(fd, ret);
}

/*
 * attach: the trust rules of TN_RPC_ATTACH on raw connections.  Two
 * connections of this process with one token share an fd table; another
 * process (a child) with the same token does not get it: the daemon keys
 * on its pid too.  ATTACH comes first or not at all.
 */
static void test_attach(void)
{
	int a = raw_connect(), b = raw_connect(), c = raw_connect();
	int64_t ret = -2, sock = -1;
	pid_t pid;
	int status = -1;

	CHECK(a >= 0 && b >= 0 && c >= 0);
	CHECK(raw_call(a, TN_RPC_ATTACH, 4242, 0, 0, &ret) == 0 && ret == 0);
	CHECK(raw_call(a, TN_RPC_SOCKET, AF_INET, SOCK_DGRAM, 0, &sock) == 0 &&
	      sock >= 3);
	CHECK(raw_call(b, TN_RPC_ATTACH, 4242, 0, 0, &ret) == 0 && ret == 1);
	CHECK(raw_call(b, TN_RPC_FCNTL, sock, F_GETFD, 0, &ret) == 0);
	CHECK(raw_call(a, TN_RPC_ATTACH, 4242, 0, 0, NULL) == EINVAL);
	CHECK(raw_call(c, TN_RPC_FCNTL, sock, F_GETFD, 0, NULL) == EBADF);
	CHECK(raw_call(c, TN_RPC_ATTACH, 4242, 0, 0, NULL) == EINVAL);
	pid = fork();
	if (pid == 0) {
		int d = raw_connect();

		_exit(!(d >= 0 &&
			raw_call(d, TN_RPC_ATTACH, 4242, 0, 0, &ret) == 0 &&
			ret == 0 &&
			raw_call(d, TN_RPC_FCNTL, sock, F_GETFD, 0, NULL) ==
				EBADF));
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	/* A fork's copy: only a child of the forking process may claim it. */
	{
		int64_t ticket = 0;
		int d = raw_connect();

		CHECK(raw_call(b, TN_RPC_FORK, 0, 0, 0, NULL) == 0);
		CHECK(raw_call(b, TN_RPC_FORK, 0, 0, 0, &ret) == 0);
		ticket = last_arg0;
		CHECK(ticket != 0);
		CHECK(d >= 0 && raw_call(d, TN_RPC_ATTACH, 777, ticket, 0,
					 NULL) == ESRCH);
		close(d);
		pid = fork();
		if (pid == 0) {
			d = raw_connect();
			_exit(!(d >= 0 &&
				raw_call(d, TN_RPC_ATTACH, 5, ticket, 0,
					 NULL) == 0 &&
				raw_call(d, TN_RPC_FCNTL, sock, F_GETFD, 0,
					 NULL) == 0));
		}
		CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	/* The table outlives its first connection. */
	close(a);
	CHECK(raw_call(b, TN_RPC_CLOSE, sock, 0, 0, NULL) == 0);
	close(b);
	close(c);
}

static void test_garbage(void)
{
	struct {
		struct tn_rpc_hdr h;
		struct tn_rpc_blob b;
		char data[64];
	} req;
	struct tn_rpc_out out;
	uint64_t lens[2] = { 1ull << 40, 8 };
	unsigned int seed = 12345, i;
	int64_t ret;
	int fd, sock;

	/* Framing is sound but the contents are not: EINVAL, keep going. */
	fd = raw_connect();
	CHECK(fd >= 0);
	hdr_init(&req.h, TN_RPC_SOCKET, sizeof(req.h));
	req.h.nblob = 1; /* promises a blob that is not there */
	CHECK(raw_write(fd, &req.h, sizeof(req.h)) == 0 &&
	      raw_reply(fd, NULL) == EINVAL);
	hdr_init(&req.h, TN_RPC_BIND, sizeof(req));
	req.h.nblob = 1;
	req.b.len = 1000; /* longer than the message */
	req.b.flags = 0;
	CHECK(raw_write(fd, &req, sizeof(req)) == 0 &&
	      raw_reply(fd, NULL) == EINVAL);
	req.b.len = sizeof(req.data);
	req.b.flags = 0x80; /* unknown flag */
	CHECK(raw_write(fd, &req, sizeof(req)) == 0 &&
	      raw_reply(fd, NULL) == EINVAL);
	hdr_init(&req.h, 999, sizeof(req.h));
	CHECK(raw_write(fd, &req.h, sizeof(req.h)) == 0 &&
	      raw_reply(fd, NULL) == ENOSYS);
	hdr_init(&req.h, TN_RPC_SOCKET, sizeof(req.h));
	req.h.version = 77;
	CHECK(raw_write(fd, &req.h, sizeof(req.h)) == 0 &&
	      raw_reply(fd, NULL) == EINVAL);
	/* Lengths inside blobs that lie. */
	tn_rpc_out_init(&out, TN_RPC_IOCTL);
	out.hdr.arg[1] = SIOCGIFFLAGS;
	tn_rpc_out_blob(&out, "short", 5); /* not a struct ifreq */
	CHECK(tn_rpc_send(fd, &out) == 0 && raw_reply(fd, NULL) == EINVAL);
	tn_rpc_out_init(&out, TN_RPC_POLL);
	out.hdr.arg[0] = 1000; /* but no pollfds */
	tn_rpc_out_blob(&out, "", 0);
	CHECK(tn_rpc_send(fd, &out) == 0 && raw_reply(fd, NULL) == EINVAL);
	tn_rpc_out_init(&out, TN_RPC_RECVMSG);
	out.hdr.arg[2] = -1;
	out.hdr.arg[3] = -1;
	tn_rpc_out_blob(&out, lens, sizeof(lens)); /* a terabyte iovec */
	CHECK(tn_rpc_send(fd, &out) == 0 && raw_reply(fd, NULL) == EINVAL);
	tn_rpc_out_init(&out, TN_RPC_READ);
	out.hdr.arg[1] = -5;
	CHECK(tn_rpc_send(fd, &out) == 0 && raw_reply(fd, NULL) == EINVAL);
	tn_rpc_out_init(&out, TN_RPC_OPEN);
	tn_rpc_out_blob(&out, "no-nul", 6);
	CHECK(tn_rpc_send(fd, &out) == 0 && raw_reply(fd, NULL) == EINVAL);
	tn_rpc_out_init(&out, TN_RPC_SOCKET);
	out.hdr.arg[0] = AF_INET;
	out.hdr.arg[1] = SOCK_DGRAM;
	CHECK(tn_rpc_send(fd, &out) == 0 && raw_reply(fd, &ret) == 0 &&
	      ret >= 0);
	/* Framing is broken: EMSGSIZE, then the daemon hangs up. */
	hdr_init(&req.h, TN_RPC_SOCKET, 0xffffffffu);
	CHECK(raw_write(fd, &req.h, sizeof(req.h)) == 0 &&
	      raw_reply(fd, NULL) == EMSGSIZE && raw_reply(fd, NULL) == -1);
	close(fd);

	fd = raw_connect();
	hdr_init(&req.h, TN_RPC_SOCKET, 3);
	CHECK(raw_write(fd, &req.h, sizeof(req.h)) == 0 &&
	      raw_reply(fd, NULL) == EMSGSIZE);
	close(fd);

	/* A client that dies halfway through a request. */
	fd = raw_connect();
	hdr_init(&req.h, TN_RPC_WRITE, 1000);
	CHECK(raw_write(fd, &req.h, sizeof(req.h)) == 0);
	close(fd);

	/* Random bytes, each on a fresh connection. */
	for (i = 0; i < 200; i++) {
		unsigned char junk[512];
		size_t n = (size_t)(rand_r(&seed) % sizeof(junk)), k;

		for (k = 0; k < n; k++)
			junk[k] = (unsigned char)rand_r(&seed);
		if (n >= sizeof(req.h) && (i & 1)) {
			/*
			 * A plausible header over random blobs.  Its fd is
			 * -1 and it changes nothing that outlives the
			 * daemon: tuxnetd-host passes calls to the kernel.
			 */
			struct tn_rpc_hdr *h = (struct tn_rpc_hdr *)junk;
			unsigned int op = 1 + i % (TN_RPC_OP_MAX - 1);

			if (op == TN_RPC_SETHOSTNAME || op == TN_RPC_OPEN ||
			    op == TN_RPC_NETNS_SET)
				op = TN_RPC_SOCKET;
			hdr_init(h, op, (uint32_t)n);
			h->nblob = (uint8_t)(i % 9);
			h->arg[0] = -1;
		}
		fd = raw_connect();
		if (fd < 0)
			break;
		raw_write(fd, junk, n);
		shutdown(fd, SHUT_WR);
		while (raw_reply(fd, NULL) != -1)
			;
		close(fd);
	}
	CHECK(i == 200);

	/* And still it serves. */
	sock = tn_socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(sock >= 0);
	CHECK(tn_close(sock) == 0);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* Block in @what until SIGALRM (after 200 ms) arrives. */
static void check_eintr(int restart, int use_poll)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value.tv_usec = 200000 };
	struct sockaddr_in a = loopback(0);
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	ssize_t n;
	char c;

	sa.sa_flags = restart ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	CHECK(fd >= 0 && tn_bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0);
	setitimer(ITIMER_REAL, &it, NULL);
	if (use_poll) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		n = tn_poll(&p, 1, -1);
	} else {
		n = tn_recv(fd, &c, 1, 0);
	}
	CHECK(n == -1 && errno == EINTR);
	/* The connection is still in step: the next call works. */
	CHECK(tn_close(fd) == 0);
}

/* ---- A hostile daemon ---- */

/*
 * One fake daemon per case, on the socket $TUXNET_SOCK names: it answers
 * every request with the reply @make builds from it.  The client must
 * refuse each lie with EPROTO and write nothing past the caller's buffers
 * (the buffers have guards; AddressSanitizer watches too).
 */
typedef void (*lie_fn)(const struct tn_rpc_msg *req, struct tn_rpc_out *r,
		       char *blob);

static pid_t hostile_start(lie_fn make)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int lfd, ready[2];
	pid_t pid;
	char b;

	if (tn_rpc_default_path(sun.sun_path, sizeof(sun.sun_path)) ||
	    pipe(ready) < 0)
		return -1;
	unlink(sun.sun_path);
	pid = fork();
	if (pid != 0) {
		close(ready[1]);
		if (read(ready[0], &b, 1) != 1)
			pid = -1;
		close(ready[0]);
		return pid;
	}
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    listen(lfd, 8) < 0)
		_exit(1);
	if (write(ready[1], "r", 1) != 1)
		_exit(1);
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		void *buf = NULL;
		size_t cap = 0;
		struct tn_rpc_msg m;
		static char blob[1 << 16];

		if (fd < 0)
			_exit(1);
		while (!tn_rpc_recv(fd, &buf, &cap, &m)) {
			struct tn_rpc_out r;

			tn_rpc_out_init(&r, m.hdr.op);
			memset(blob, 'X', sizeof(blob));
			make(&m, &r, blob);
			if (tn_rpc_send(fd, &r))
				break;
		}
		free(buf);
		close(fd);
	}
}

static void hostile_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Each case runs in a child: after a lie the connection is dead for good. */
static int hostile_case(lie_fn make, int (*call)(void))
{
	pid_t srv = hostile_start(make), pid;
	int status = 1;

	if (srv < 0)
		return -1;
	pid = fork();
	if (pid == 0)
		_exit(call());
	waitpid(pid, &status, 0);
	hostile_stop(srv);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

#define GUARD 64

static int guard_ok(const char *buf, size_t from, size_t to)
{
	for (; from < to; from++)
		if (buf[from] != 'G')
			return 0;
	return 1;
}

static void lie_big_ret(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
			char *blob)
{
	(void)m;
	r->hdr.ret = 4096; /* a read of 4 bytes "got" 4096 */
	tn_rpc_out_blob(r, blob, 4);
}

static int call_read(void)
{
	char buf[4 + GUARD];
	ssize_t n;

	memset(buf, 'G', sizeof(buf));
	n = tn_read(3, buf, 4);
	return !(n == -1 && errno == EPROTO && guard_ok(buf, 4, sizeof(buf)));
}

static int call_recv(void)
{
	char buf[4 + GUARD];
	ssize_t n;

	memset(buf, 'G', sizeof(buf));
	n = tn_recv(3, buf, 4, 0);
	return !(n == -1 && errno == EPROTO && guard_ok(buf, 4, sizeof(buf)));
}

static int call_write(void)
{
	return !(tn_write(3, "ab", 2) == -1 && errno == EPROTO);
}

static int call_recvmsg_ret(void)
{
	char data[4 + GUARD];
	struct iovec iov = { data, 4 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	memset(data, 'G', sizeof(data));
	return !(tn_recvmsg(3, &mh, 0) == -1 && errno == EPROTO &&
		 guard_ok(data, 4, sizeof(data)));
}

static void lie_long_blob(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
			  char *blob)
{
	(void)m;
	r->hdr.ret = 0;
	r->hdr.arg[0] = 16;
	tn_rpc_out_blob(r, blob, 4096); /* far more than asked for */
}

static int call_getsockname(void)
{
	char buf[8 + GUARD];
	socklen_t len = 8;
	int n;

	memset(buf, 'G', sizeof(buf));
	n = tn_getsockname(3, (struct sockaddr *)buf, &len);
	return !(n == -1 && errno == EPROTO && guard_ok(buf, 8, sizeof(buf)));
}

static void lie_controllen(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
			   char *blob)
{
	(void)m;
	r->hdr.ret = 1;
	tn_rpc_out_blob(r, blob, 1);
	tn_rpc_out_blob(r, NULL, 0);
	tn_rpc_out_blob(r, blob, 16);
	r->hdr.arg[1] = 1 << 20; /* msg_controllen far past the buffer */
}

static int call_recvmsg(void)
{
	char data[1], ctl[16 + GUARD];
	struct iovec iov = { data, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	memset(ctl, 'G', sizeof(ctl));
	mh.msg_control = ctl;
	mh.msg_controllen = 16;
	n = tn_recvmsg(3, &mh, 0);
	return !(n == -1 && errno == EPROTO && mh.msg_controllen == 16 &&
		 guard_ok(ctl, 16, sizeof(ctl)));
}

static void lie_optlen(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
		       char *blob)
{
	(void)m;
	r->hdr.ret = 0;
	r->hdr.arg[0] = 1000;
	tn_rpc_out_blob(r, blob, 4);
}

static int call_getsockopt(void)
{
	int v;
	socklen_t len = sizeof(v);
	int n = tn_getsockopt(3, SOL_SOCKET, SO_TYPE, &v, &len);

	return !(n == -1 && errno == EPROTO && len == sizeof(v));
}

static void lie_poll(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
		     char *blob)
{
	r->hdr.ret = 100; /* 100 of 1 fd ready */
	tn_rpc_out_blob(r, blob, m->blob[0].len);
}

static int call_poll(void)
{
	struct pollfd p = { .fd = 3, .events = POLLIN };

	return !(tn_poll(&p, 1, 0) == -1 && errno == EPROTO);
}

static void lie_ifconf(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
		       char *blob)
{
	(void)m;
	r->hdr.ret = 0;
	r->hdr.arg[0] = 1 << 16; /* ifc_len past the buffer */
	tn_rpc_out_blob(r, blob, 40);
}

static int call_ifconf(void)
{
	char buf[40 + GUARD];
	struct ifconf ifc = { .ifc_len = 40, .ifc_buf = buf };

	memset(buf, 'G', sizeof(buf));
	return !(tn_ioctl(3, SIOCGIFCONF, &ifc) == -1 && errno == EPROTO &&
		 ifc.ifc_len == 40 && guard_ok(buf, 40, sizeof(buf)));
}

static void lie_errno(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
		      char *blob)
{
	(void)m;
	(void)blob;
	r->hdr.ret = -1;
	r->hdr.err = -5; /* no errno at all: the call still fails */
}

static int call_close(void)
{
	return !(tn_close(3) == -1 && errno == EIO);
}

static void lie_refuse(const struct tn_rpc_msg *m, struct tn_rpc_out *r,
		       char *blob)
{
	static const char why[] = "tuxnetd: too many connections (test)";

	(void)m;
	(void)blob;
	r->hdr.op = TN_RPC_REFUSED;
	r->hdr.ret = -1;
	r->hdr.err = EAGAIN;
	tn_rpc_out_blob(r, why, sizeof(why));
}

/* A refusal is not the end: the next call connects again. */
static int call_refused(void)
{
	int a = tn_close(3), ea = errno;
	int b = tn_close(3), eb = errno;

	return !(a == -1 && ea == EAGAIN && b == -1 && eb == EAGAIN);
}

static void test_hostile(void)
{
	CHECK(hostile_case(lie_big_ret, call_read) == 0);
	CHECK(hostile_case(lie_big_ret, call_recv) == 0);
	CHECK(hostile_case(lie_big_ret, call_write) == 0);
	CHECK(hostile_case(lie_big_ret, call_recvmsg_ret) == 0);
	CHECK(hostile_case(lie_long_blob, call_getsockname) == 0);
	CHECK(hostile_case(lie_controllen, call_recvmsg) == 0);
	CHECK(hostile_case(lie_optlen, call_getsockopt) == 0);
	CHECK(hostile_case(lie_poll, call_poll) == 0);
	CHECK(hostile_case(lie_ifconf, call_ifconf) == 0);
	CHECK(hostile_case(lie_errno, call_close) == 0);
	CHECK(hostile_case(lie_refuse, call_refused) == 0);
}

/*
 * threads: thread A blocks in tn_recv() on an idle UDP socket; the main
 * thread (B) then makes calls of every kind, a poll that sleeps included,
 * on A's fd and on its own, all while A stays blocked; then it wakes A
 * with a datagram.  A third thread moves to another namespace without
 * moving B.  Every wait is bounded by alarm(): a B that cannot get a call
 * through dies of SIGALRM.
 */
struct thr_a {
	uint16_t port;
	int fd; /* made by A, used by B */
	pid_t tid;
	int ready; /* fd is bound, A is about to block */
	int done; /* A's recv returned */
	ssize_t n;
	char buf[16];
};

static void *thr_a_main(void *arg)
{
	struct thr_a *a = arg;
	struct sockaddr_in sa = loopback(a->port);
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || tn_bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		fd = -1;
	__atomic_store_n(&a->tid, (pid_t)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
	__atomic_store_n(&a->fd, fd, __ATOMIC_SEQ_CST);
	__atomic_store_n(&a->ready, 1, __ATOMIC_SEQ_CST);
	if (fd >= 0)
		a->n = tn_recv(fd, a->buf, sizeof(a->buf), 0);
	__atomic_store_n(&a->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Whether thread @tid is blocked waiting for the daemon's reply. */
static int thr_blocked(pid_t tid)
{
	char path[64], line[64];
	FILE *f;
	long nr = -1;

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)tid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f))
		nr = strtol(line, NULL, 10);
	fclose(f);
	return nr == SYS_recvfrom || nr == SYS_poll || nr == SYS_ppoll;
}

/*
 * thr_wait_blocked - wait until thread @tid sleeps in its call to the
 * daemon.  It is another thread of a real process reaching a system call,
 * so the wait is on the host's clock: up to 10 s (the test's alarm is 20),
 * checked every 1 ms.  A count of sched_yield()s ran out on a loaded
 * machine.
 */
static int thr_wait_blocked(pid_t tid)
{
	struct timespec ms = { 0, 1000000 }, t0, now;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!thr_blocked(tid)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec > 10)
			return 0;
		nanosleep(&ms, NULL);
	}
	return 1;
}

static int lo_flags(void)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0), ret;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ret = fd >= 0 && tn_ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 ? ifr.ifr_flags
							       : -1;
	tn_close(fd);
	return ret;
}

static void *thr_ns_main(void *arg)
{
	int *flags = arg;

	*flags = tn_netns_set("thr") == 0 ? lo_flags() : -1;
	return NULL;
}

static void test_threads(uint16_t port)
{
	struct thr_a a = { .port = port, .fd = -1 };
	struct sockaddr_in me = loopback((uint16_t)(port + 1)), got;
	struct sockaddr_in to = loopback(port);
	socklen_t len = sizeof(got);
	struct pollfd p;
	pthread_t ta, tc;
	int fd, nsflags = -1;
	char c;

	alarm(20);
	CHECK(lo_up() == 0);
	CHECK(pthread_create(&ta, NULL, thr_a_main, &a) == 0);
	while (!__atomic_load_n(&a.ready, __ATOMIC_SEQ_CST))
		sched_yield();
	CHECK(a.fd >= 0);
	/* A is inside its call: its thread waits for the daemon's reply. */
	CHECK(thr_wait_blocked(a.tid));

	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(fd >= 0);
	CHECK(tn_bind(fd, (struct sockaddr *)&me, sizeof(me)) == 0);
	CHECK(tn_sendto(fd, "x", 1, 0, (struct sockaddr *)&me, sizeof(me)) ==
	      1);
	CHECK(tn_recv(fd, &c, 1, 0) == 1 && c == 'x');
	/* A's fd is ours too; a poll that sleeps its full timeout. */
	CHECK(tn_getsockname(a.fd, (struct sockaddr *)&got, &len) == 0 &&
	      got.sin_port == htons(port));
	p = (struct pollfd){ .fd = a.fd, .events = POLLIN };
	CHECK(tn_poll(&p, 1, 50) == 0);
	CHECK(tn_close(fd) == 0);
	CHECK(!__atomic_load_n(&a.done, __ATOMIC_SEQ_CST));

	/* A thread's namespace is its own (setns(2) is per thread). */
	CHECK(tn_netns_add("thr") == 0);
	CHECK(pthread_create(&tc, NULL, thr_ns_main, &nsflags) == 0);
	CHECK(pthread_join(tc, NULL) == 0);
	CHECK(nsflags >= 0 && !(nsflags & IFF_UP));
	CHECK(lo_flags() & IFF_UP);
	CHECK(tn_netns_del("thr") == 0);
	CHECK(!__atomic_load_n(&a.done, __ATOMIC_SEQ_CST));

	/* Now wake A. */
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(tn_sendto(fd, "wake", 4, 0, (struct sockaddr *)&to, sizeof(to)) ==
	      4);
	CHECK(pthread_join(ta, NULL) == 0);
	CHECK(a.n == 4 && !memcmp(a.buf, "wake", 4));
	CHECK(tn_close(fd) == 0);
	/*
	 * fork(): the child has the fds the process had when it forked, the
	 * same socket, even once the parent has closed its own.
	 */
	{
		int go[2];
		pid_t pid;
		int status = -1;

		CHECK(pipe(go) == 0);
		pid = fork();
		if (pid == 0) {
			socklen_t l = sizeof(got);

			close(go[1]);
			_exit(!(read(go[0], &c, 1) == 1 &&
				tn_getsockname(a.fd, (struct sockaddr *)&got,
					       &l) == 0 &&
				got.sin_port == htons(port) &&
				tn_close(a.fd) == 0 && tn_close(a.fd) == -1 &&
				errno == EBADF));
		}
		close(go[0]);
		/* A has gone; its socket stays, the process's. */
		CHECK(tn_close(a.fd) == 0);
		CHECK(write(go[1], "g", 1) == 1);
		close(go[1]);
		CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	alarm(0);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "calls")) {
		test_ioctl();
		test_udp();
		test_errqueue();
		test_tcp();
		test_misc();
	} else if (!strcmp(mode, "tcp")) {
		CHECK(lo_up() == 0);
		test_tcp();
	} else if (!strcmp(mode, "threads") && argc > 2) {
		test_threads((uint16_t)atoi(argv[2]));
	} else if (!strcmp(mode, "stress") && argc > 2) {
		/* tests/lib/stress.h: 16 threads, each its own connection */
		CHECK(lo_up() == 0);
		CHECK(stress_run((uint16_t)atoi(argv[2])) == 0);
	} else if (!strcmp(mode, "attach")) {
		test_attach();
	} else if (!strcmp(mode, "garbage")) {
		test_garbage();
	} else if (!strcmp(mode, "hostile")) {
		test_hostile();
	} else if (!strcmp(mode, "fill")) {
		int n = 0;

		while (tn_socket(AF_INET, SOCK_DGRAM, 0) >= 0)
			n++;
		printf("%d %s\n", n, strerror(errno));
		return 0;
	} else if (!strcmp(mode, "write") && argc > 3) {
		int fd = tn_open(argv[2], O_WRONLY);
		ssize_t len = (ssize_t)strlen(argv[3]);

		if (fd < 0 || tn_write(fd, argv[3], (size_t)len) != len) {
			fprintf(stderr, "daemon_client: %s: %s\n", argv[2],
				strerror(errno));
			return 1;
		}
		return tn_close(fd) < 0;
	} else if (!strcmp(mode, "hold")) {
		char name[256];

		if (tn_gethostname(name, sizeof(name)) < 0) {
			fprintf(stderr, "daemon_client: %s\n", strerror(errno));
			return 1;
		}
		printf("ready\n");
		pause();
	} else if (!strcmp(mode, "block") && argc > 2) {
		struct sockaddr_in a = loopback((uint16_t)atoi(argv[2]));
		int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
		char c;

		if (lo_up() < 0 || fd < 0 ||
		    tn_bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
			return 1;
		printf("ready\n");
		return tn_recv(fd, &c, 1, 0) < 0;
	} else if (!strcmp(mode, "poke") && argc > 2) {
		struct sockaddr_in a = loopback((uint16_t)atoi(argv[2]));
		int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

		return fd < 0 || tn_sendto(fd, "!", 1, 0, (struct sockaddr *)&a,
					   sizeof(a)) != 1;
	} else if (!strcmp(mode, "eintr")) {
		if (lo_up() < 0)
			return 1;
		check_eintr(0, 0);
		check_eintr(1, 1);
	} else if (!strcmp(mode, "idle")) {
		char name[256];

		if (tn_gethostname(name, sizeof(name)) < 0)
			return 1;
		printf("ready\n");
		for (;;) {
			usleep(200000);
			if (tn_gethostname(name, sizeof(name)) < 0)
				return 1;
		}
	} else if (!strcmp(mode, "sleep") && argc > 3) {
		struct timespec req, rem = { 0, 0 };
		int ret;

		req.tv_sec = (time_t)strtoll(argv[2], NULL, 0);
		req.tv_nsec = strtol(argv[3], NULL, 0);
		if (argc > 4) {
			struct sigaction sa = { .sa_handler = on_alarm };
			struct itimerval it = { 0 };
			long ms = atol(argv[4]);

			it.it_value.tv_sec = ms / 1000;
			it.it_value.tv_usec = (ms % 1000) * 1000;
			sigemptyset(&sa.sa_mask);
			sigaction(SIGALRM, &sa, NULL);
			setitimer(ITIMER_REAL, &it, NULL);
		}
		printf("ready\n");
		ret = tn_nanosleep(&req, &rem);
		if (ret == 0)
			printf("0\n");
		else if (errno == EINTR)
			printf("-1 EINTR %lld.%09ld\n", (long long)rem.tv_sec,
			       rem.tv_nsec);
		else
			printf("-1 %s\n", strerror(errno));
		return 0;
	} else if (!strcmp(mode, "cat") && argc > 2) {
		char buf[4096];
		ssize_t n;
		int fd = tn_open(argv[2], O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "daemon_client: %s: %s\n", argv[2],
				strerror(errno));
			return 1;
		}
		while ((n = tn_read(fd, buf, sizeof(buf))) > 0)
			fwrite(buf, 1, (size_t)n, stdout);
		tn_close(fd);
		return n < 0;
	} else if (!strcmp(mode, "pingsock")) {
		/* may this client open a ping socket? (ping_group_range) */
		int fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);

		printf("%s\n", fd < 0 ? strerror(errno) : "ok");
		return 0;
	} else if (!strcmp(mode, "hostname")) {
		char name[256];

		if (tn_gethostname(name, sizeof(name)) < 0) {
			fprintf(stderr, "daemon_client: %s\n", strerror(errno));
			return 1;
		}
		printf("%s\n", name);
		return 0;
	} else {
		fprintf(stderr,
			"usage: daemon_client calls|garbage|hostname|"
			"block N|poke N|cat PATH|write PATH VALUE|eintr|hold|\n"
			"hostile|fill|pingsock|idle|"
			"sleep SEC NSEC [MS]\n");
		return 2;
	}
	return failed ? 1 : 0;
}
