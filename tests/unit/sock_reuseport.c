// SPDX-License-Identifier: BSD-2-Clause
/*
 * SO_REUSEPORT groups as Linux 6.18 has them (net/core/sock_reuseport.c):
 * listeners and UDP sockets of one owner bound to one address and port
 * with SO_REUSEPORT form a group, and the receive lookup picks one member
 * by the flow's hash (reciprocal_scale), so different 4-tuples spread
 * over the group and one 4-tuple always reaches the same member; who may
 * join (EADDRINUSE otherwise); and a listener of a group closing with
 * its accept queue, whose connections are reset, or with
 * net.ipv4.tcp_migrate_req 1 move to another listener of the group
 * (TcpExtTCPMigrateReqSuccess).  Each scenario runs on tuxnet, and, as
 * root, the same code runs on this machine's kernel in a namespace of
 * its own, with the same expectations.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"
#include "kstack.h"

/* the calls a scenario makes: tuxnet's or the kernel's */
struct api {
	const char *name;
	int (*socket)(int domain, int type, int protocol);
	int (*bind)(int fd, const struct sockaddr *addr, socklen_t len);
	int (*listen)(int fd, int backlog);
	int (*connect)(int fd, const struct sockaddr *addr, socklen_t len);
	int (*accept4)(int fd, struct sockaddr *addr, socklen_t *len,
		       int flags);
	int (*setsockopt)(int fd, int level, int name, const void *val,
			  socklen_t len);
	int (*getsockopt)(int fd, int level, int name, void *val,
			  socklen_t *len);
	ssize_t (*sendto)(int fd, const void *buf, size_t len, int flags,
			  const struct sockaddr *addr, socklen_t alen);
	ssize_t (*recvfrom)(int fd, void *buf, size_t len, int flags,
			    struct sockaddr *addr, socklen_t *alen);
	int (*open)(const char *path, int flags, ...);
	ssize_t (*read)(int fd, void *buf, size_t len);
	ssize_t (*write)(int fd, const void *buf, size_t len);
	int (*close)(int fd);
	int (*shutdown)(int fd, int how);
	void (*nonblock)(int fd);
	/* a socket of another user than the caller's (-1: none) */
	int (*other_user_socket)(int type);
	/* another user's fd is used through these (tuxnet: its task) */
	void (*as_other)(int on);
};

static struct tn_stack *st;
static struct tn_task *other_task;

static int tn_other_user_socket(int type)
{
	int fd;

	tn_task_attach(other_task);
	fd = tn_socket(AF_INET, type, 0);
	tn_task_attach(NULL);
	return fd;
}

static void tn_as_other(int on)
{
	tn_task_attach(on ? other_task : NULL);
}

static void tn_nonblock(int fd)
{
	KT_EQ(tn_fcntl(fd, F_SETFL, O_NONBLOCK), 0);
}

static const struct api tn_api = {
	.name = "tuxnet",
	.socket = tn_socket,
	.bind = tn_bind,
	.listen = tn_listen,
	.connect = tn_connect,
	.accept4 = tn_accept4,
	.setsockopt = tn_setsockopt,
	.getsockopt = tn_getsockopt,
	.sendto = tn_sendto,
	.recvfrom = tn_recvfrom,
	.open = tn_open,
	.read = tn_read,
	.write = tn_write,
	.close = tn_close,
	.shutdown = tn_shutdown,
	.nonblock = tn_nonblock,
	.other_user_socket = tn_other_user_socket,
	.as_other = tn_as_other,
};

/* the kernel: a socket made with euid 1000 belongs to 1000 (sk_uid) */
static int lx_other_user_socket(int type)
{
	int fd;

	if (seteuid(1000))
		return -1;
	fd = socket(AF_INET, type, 0);
	if (seteuid(0))
		_exit(3);
	return fd;
}

static void lx_as_other(int on)
{
	(void)on;
}

static void lx_nonblock(int fd)
{
	KT_EQ(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
}

static const struct api lx_api = {
	.name = "linux",
	.socket = socket,
	.bind = bind,
	.listen = listen,
	.connect = connect,
	.accept4 = accept4,
	.setsockopt = setsockopt,
	.getsockopt = getsockopt,
	.sendto = sendto,
	.recvfrom = recvfrom,
	.open = open,
	.read = read,
	.write = write,
	.close = close,
	.shutdown = shutdown,
	.nonblock = lx_nonblock,
	.other_user_socket = lx_other_user_socket,
	.as_other = lx_as_other,
};

static void set_int(const struct api *a, int fd, int level, int name, int v)
{
	KT_EQ(a->setsockopt(fd, level, name, &v, sizeof(v)), 0);
}

/* a socket of @type, SO_REUSEPORT if @reuseport, bound to @addr:@port;
 * Return: the fd, or -errno of bind() (the socket closed) */
static int bound(const struct api *a, int type, int reuseport, in_addr_t addr,
		 int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((uint16_t)port) };
	int fd = a->socket(AF_INET, type, 0), err;

	KT_ASSERT(fd >= 0);
	sin.sin_addr.s_addr = htonl(addr);
	if (reuseport)
		set_int(a, fd, SOL_SOCKET, SO_REUSEPORT, 1);
	if (a->bind(fd, KT_SA(&sin), sizeof(sin)) == 0)
		return fd;
	err = errno;
	a->close(fd);
	return -err;
}

static void write_sysctl(const struct api *a, const char *name, const char *val)
{
	char path[128];
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = a->open(path, O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(a->write(fd, val, strlen(val)), (long)strlen(val));
	a->close(fd);
}

/* TcpExt @name of /proc/net/netstat */
static long tcpext(const struct api *a, const char *name)
{
	static char buf[16384];
	char *hdr, *val, *h, *v, *hs = NULL, *vs = NULL;
	ssize_t n, got = 0;
	int fd = a->open("/proc/net/netstat", O_RDONLY);

	KT_ASSERT(fd >= 0);
	while ((n = a->read(fd, buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	a->close(fd);
	buf[got] = '\0';
	hdr = strstr(buf, "TcpExt:");
	KT_ASSERT(hdr);
	val = strstr(hdr + 1, "TcpExt:");
	KT_ASSERT(val);
	*strchr(hdr, '\n') = '\0';
	*strchr(val, '\n') = '\0';
	h = strtok_r(hdr + 7, " ", &hs);
	v = strtok_r(val + 7, " ", &vs);
	while (h && v) {
		if (!strcmp(h, name))
			return atol(v);
		h = strtok_r(NULL, " ", &hs);
		v = strtok_r(NULL, " ", &vs);
	}
	KT_ASSERT(!"no such counter");
	return -1;
}

/* the accept queue's length (a listener's tcpi_unacked, as Linux's) */
static int acceptq_len(const struct api *a, int l)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	KT_EQ(a->getsockopt(l, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	return (int)ti.tcpi_unacked;
}

/* a client from 127.0.0.1:@cport to 127.0.0.1:@port */
static int tcp_client(const struct api *a, int cport, int port)
{
	struct sockaddr_in dst = kt_lo_addr(port);
	int c = bound(a, SOCK_STREAM, 0, INADDR_LOOPBACK, cport);

	KT_ASSERT(c >= 0);
	KT_EQ(a->connect(c, KT_SA(&dst), sizeof(dst)), 0);
	return c;
}

/* the index of the listener of @l[@n] that has a connection, -1 none */
static int accept_any(const struct api *a, const int *l, int n, int *child)
{
	int i;

	for (i = 0; i < n; i++) {
		*child = a->accept4(l[i], NULL, NULL, SOCK_NONBLOCK);
		if (*child >= 0)
			return i;
		/* EINVAL: not listening (shut down) */
		KT_ASSERT(errno == EAGAIN || errno == EINVAL);
	}
	return -1;
}

/* closed without TIME-WAIT (SO_LINGER 0), so the 4-tuple can come again */
static void close_abort(const struct api *a, int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	KT_EQ(a->setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
	KT_EQ(a->close(fd), 0);
}

#define NL    4
#define NCONN 64

/* NCONN connections, from ports 20000 on: which listener takes each,
 * in @first (round 0, counted in @got) or checked against it */
static void tcp_spread_round(const struct api *a, const int *l, int round,
			     int *first, int *got)
{
	int i, c, child, who;

	for (i = 0; i < NCONN; i++) {
		c = tcp_client(a, 20000 + i, 7100);
		who = accept_any(a, l, NL, &child);
		KT_ASSERT(who >= 0);
		if (round == 0) {
			first[i] = who;
			got[who]++;
		} else {
			KT_EQ(who, first[i]);
		}
		close_abort(a, c);
		KT_EQ(a->close(child), 0);
	}
}

/*
 * Four listeners on one port: 64 connections from different client
 * ports reach every one of them, and the same 4-tuple again reaches the
 * same listener (the hash of the flow picks the member).
 */
static void scenario_tcp_spread(const struct api *a)
{
	int l[NL], got[NL] = { 0 }, first[NCONN], i;

	for (i = 0; i < NL; i++) {
		l[i] = bound(a, SOCK_STREAM, 1, INADDR_LOOPBACK, 7100);
		KT_ASSERT(l[i] >= 0);
		KT_EQ(a->listen(l[i], 128), 0);
		a->nonblock(l[i]);
	}
	tcp_spread_round(a, l, 0, first, got);
	tcp_spread_round(a, l, 1, first, got);
	for (i = 0; i < NL; i++) {
		KT_ASSERT(got[i] > 0);
		KT_EQ(a->close(l[i]), 0);
	}
}

/* The same with UDP: each sender's datagrams all reach one member. */
static void scenario_udp_spread(const struct api *a)
{
	int r[NL], got[NL] = { 0 }, i, k, n = 0;
	int owner[32];
	char b[8];

	for (i = 0; i < NL; i++) {
		r[i] = bound(a, SOCK_DGRAM, 1, INADDR_LOOPBACK, 7200);
		KT_ASSERT(r[i] >= 0);
	}
	for (i = 0; i < 32; i++) {
		struct sockaddr_in dst = kt_lo_addr(7200);
		int s = bound(a, SOCK_DGRAM, 0, INADDR_LOOPBACK, 21000 + i);

		KT_ASSERT(s >= 0);
		owner[i] = -1;
		for (k = 0; k < 3; k++)
			KT_EQ(a->sendto(s, "x", 1, 0, KT_SA(&dst), sizeof(dst)),
			      1);
		a->close(s);
	}
	for (i = 0; i < NL; i++) {
		struct sockaddr_in from;
		socklen_t len = sizeof(from);

		while (a->recvfrom(r[i], b, sizeof(b), MSG_DONTWAIT,
				   KT_SA(&from), &len) == 1) {
			int p = ntohs(from.sin_port) - 21000;

			KT_ASSERT(p >= 0 && p < 32);
			KT_ASSERT(owner[p] == -1 || owner[p] == i);
			owner[p] = i;
			got[i]++;
			n++;
			len = sizeof(from);
		}
		KT_EQ(errno, EAGAIN);
	}
	KT_EQ(n, 32 * 3);
	for (i = 0; i < NL; i++) {
		KT_ASSERT(got[i] > 0);
		a->close(r[i]);
	}
}

/*
 * Who may share a port: every socket with SO_REUSEPORT (set before its
 * bind) and the same owner; a different address in a group of its own
 * (the exact address wins the lookup).
 */
static void scenario_errors(const struct api *a, int type)
{
	struct sockaddr_in sin = kt_lo_addr(7300);
	int s1, s2, s3, one = 1;

	/* the first without SO_REUSEPORT, then the second with */
	s1 = bound(a, type, 0, INADDR_LOOPBACK, 7300);
	KT_ASSERT(s1 >= 0);
	KT_EQ(bound(a, type, 1, INADDR_LOOPBACK, 7300), -EADDRINUSE);
	KT_EQ(bound(a, type, 1, INADDR_ANY, 7300), -EADDRINUSE);
	/* set after its bind: the others see it (the check is at theirs) */
	set_int(a, s1, SOL_SOCKET, SO_REUSEPORT, 1);
	s2 = bound(a, type, 1, INADDR_LOOPBACK, 7300);
	KT_ASSERT(s2 >= 0);
	a->close(s2);
	a->close(s1);

	/* the first with, the second without */
	s1 = bound(a, type, 1, INADDR_LOOPBACK, 7300);
	KT_ASSERT(s1 >= 0);
	KT_EQ(bound(a, type, 0, INADDR_LOOPBACK, 7300), -EADDRINUSE);
	KT_EQ(bound(a, type, 0, INADDR_ANY, 7300), -EADDRINUSE);

	/* another owner */
	s3 = a->other_user_socket(type);
	KT_ASSERT(s3 >= 0);
	a->as_other(1);
	KT_EQ(a->setsockopt(s3, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)),
	      0);
	KT_EQ(a->bind(s3, KT_SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EADDRINUSE);
	a->close(s3);
	a->as_other(0);

	/* the wildcard beside 127.0.0.1: both bound */
	s2 = bound(a, type, 1, INADDR_ANY, 7300);
	KT_ASSERT(s2 >= 0);
	if (type == SOCK_STREAM) {
		int c, child;
		int l[2] = { s1, s2 };

		KT_EQ(a->listen(s1, 8), 0);
		KT_EQ(a->listen(s2, 8), 0);
		a->nonblock(s1);
		a->nonblock(s2);
		c = tcp_client(a, 22000, 7300);
		KT_EQ(accept_any(a, l, 2, &child), 0);
		close_abort(a, c);
		a->close(child);
	}
	a->close(s2);
	a->close(s1);
}

static void scenario_errors_tcp(const struct api *a)
{
	scenario_errors(a, SOCK_STREAM);
}

static void scenario_errors_udp(const struct api *a)
{
	scenario_errors(a, SOCK_DGRAM);
}

#define NMIG 16

/*
 * A listener of a group closes with connections in its accept queue:
 * with tcp_migrate_req 0 they are reset (the client reads ECONNRESET),
 * with 1 they join the accept queue of the other listener, counted in
 * TcpExtTCPMigrateReqSuccess.
 */
static void scenario_migrate(const struct api *a, int migrate)
{
	int l0, l1, c[NMIG], q0, n1 = 0, resets = 0, i, child;
	long ok0 = tcpext(a, "TCPMigrateReqSuccess");
	long bad0 = tcpext(a, "TCPMigrateReqFailure");
	char b;

	write_sysctl(a, "tcp_migrate_req", migrate ? "1" : "0");
	l0 = bound(a, SOCK_STREAM, 1, INADDR_LOOPBACK, 7400);
	l1 = bound(a, SOCK_STREAM, 1, INADDR_LOOPBACK, 7400);
	KT_ASSERT(l0 >= 0 && l1 >= 0);
	KT_EQ(a->listen(l0, 64), 0);
	KT_EQ(a->listen(l1, 64), 0);
	a->nonblock(l1);
	for (i = 0; i < NMIG; i++)
		c[i] = tcp_client(a, 23000 + i, 7400);
	q0 = acceptq_len(a, l0);
	KT_EQ(q0 + acceptq_len(a, l1), NMIG);
	KT_ASSERT(q0 > 0 && q0 < NMIG);
	KT_EQ(a->close(l0), 0);
	KT_EQ(acceptq_len(a, l1), migrate ? NMIG : NMIG - q0);
	while ((child = a->accept4(l1, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
		n1++;
		a->close(child);
	}
	KT_EQ(n1, migrate ? NMIG : NMIG - q0);
	for (i = 0; i < NMIG; i++) {
		if (a->recvfrom(c[i], &b, 1, MSG_DONTWAIT, NULL, NULL) < 0 &&
		    errno == ECONNRESET)
			resets++;
		a->close(c[i]);
	}
	/* those accepted then closed sent a FIN: read as 0, not a reset */
	KT_EQ(resets, migrate ? 0 : q0);
	KT_EQ(tcpext(a, "TCPMigrateReqSuccess") - ok0, migrate ? q0 : 0);
	KT_EQ(tcpext(a, "TCPMigrateReqFailure") - bad0, 0);
	a->close(l1);
	write_sysctl(a, "tcp_migrate_req", "0");
}

static void scenario_migrate0(const struct api *a)
{
	scenario_migrate(a, 0);
}

static void scenario_migrate1(const struct api *a)
{
	scenario_migrate(a, 1);
}

/*
 * A listener of a group shut down (tcp_migrate_req 1: a closed member)
 * takes no connection; listening again, it is a member as before and
 * connections spread over both.
 */
static void scenario_relisten(const struct api *a)
{
	int l[2], got[2] = { 0 }, i, c, child, who;

	write_sysctl(a, "tcp_migrate_req", "1");
	for (i = 0; i < 2; i++) {
		l[i] = bound(a, SOCK_STREAM, 1, INADDR_LOOPBACK, 7500);
		KT_ASSERT(l[i] >= 0);
		KT_EQ(a->listen(l[i], 64), 0);
		a->nonblock(l[i]);
	}
	KT_EQ(a->shutdown(l[0], SHUT_RD), 0);
	for (i = 0; i < 8; i++) {
		c = tcp_client(a, 24000 + i, 7500);
		KT_EQ(accept_any(a, l, 2, &child), 1);
		close_abort(a, c);
		a->close(child);
	}
	KT_EQ(a->listen(l[0], 64), 0);
	for (i = 0; i < 32; i++) {
		c = tcp_client(a, 24100 + i, 7500);
		who = accept_any(a, l, 2, &child);
		KT_ASSERT(who >= 0);
		got[who]++;
		close_abort(a, c);
		a->close(child);
	}
	KT_ASSERT(got[0] > 0 && got[1] > 0);
	a->close(l[0]);
	a->close(l[1]);
	write_sysctl(a, "tcp_migrate_req", "0");
}

static int get_int(const struct api *a, int fd, int level, int name)
{
	socklen_t len = sizeof(int);
	int v = -2;

	KT_EQ(a->getsockopt(fd, level, name, &v, &len), 0);
	KT_EQ(len, sizeof(int));
	return v;
}

/*
 * SO_INCOMING_CPU: -1 until set or until a connected socket receives
 * (then the CPU that received: 0, the kernel's test pinned there, as
 * tuxnet's one); members of a group that set it to the receiving CPU
 * take the flows, and when none has it, the hash decides.
 */
static void scenario_incoming_cpu(const struct api *a)
{
	int l[NL], got[NL] = { 0 }, u[2], i, c, child, who, used = 0;
	struct sockaddr_in dst = kt_lo_addr(7601);
	char b;

	for (i = 0; i < NL; i++) {
		l[i] = bound(a, SOCK_STREAM, 1, INADDR_LOOPBACK, 7600);
		KT_ASSERT(l[i] >= 0);
		KT_EQ(get_int(a, l[i], SOL_SOCKET, SO_INCOMING_CPU), -1);
		if (i < NL - 1)
			set_int(a, l[i], SOL_SOCKET, SO_INCOMING_CPU, 1);
		KT_EQ(a->listen(l[i], 64), 0);
		a->nonblock(l[i]);
	}
	/* set once in the group, to the receiving CPU: it takes all */
	set_int(a, l[NL - 1], SOL_SOCKET, SO_INCOMING_CPU, 0);
	for (i = 0; i < 16; i++) {
		c = tcp_client(a, 25000 + i, 7600);
		KT_EQ(get_int(a, c, SOL_SOCKET, SO_INCOMING_CPU), 0);
		KT_EQ(accept_any(a, l, NL, &child), NL - 1);
		close_abort(a, c);
		a->close(child);
	}
	KT_EQ(get_int(a, l[0], SOL_SOCKET, SO_INCOMING_CPU), 1);
	KT_EQ(get_int(a, l[NL - 1], SOL_SOCKET, SO_INCOMING_CPU), 0);
	/* none on the receiving CPU: the hash */
	set_int(a, l[NL - 1], SOL_SOCKET, SO_INCOMING_CPU, -1);
	for (i = 0; i < 32; i++) {
		c = tcp_client(a, 25100 + i, 7600);
		who = accept_any(a, l, NL, &child);
		KT_ASSERT(who >= 0);
		got[who]++;
		close_abort(a, c);
		a->close(child);
	}
	for (i = 0; i < NL; i++) {
		used += got[i] > 0;
		a->close(l[i]);
	}
	KT_ASSERT(used >= 2);

	/* UDP: the member with the receiving CPU */
	for (i = 0; i < 2; i++) {
		u[i] = bound(a, SOCK_DGRAM, 1, INADDR_LOOPBACK, 7601);
		KT_ASSERT(u[i] >= 0);
		set_int(a, u[i], SOL_SOCKET, SO_INCOMING_CPU, 1 - i);
	}
	for (i = 0; i < 8; i++) {
		int s = bound(a, SOCK_DGRAM, 0, INADDR_LOOPBACK, 25200 + i);

		KT_ASSERT(s >= 0);
		KT_EQ(a->sendto(s, "x", 1, 0, KT_SA(&dst), sizeof(dst)), 1);
		a->close(s);
	}
	for (i = 0; i < 8; i++)
		KT_EQ(a->recvfrom(u[1], &b, 1, MSG_DONTWAIT, NULL, NULL), 1);
	KT_EQ(a->recvfrom(u[0], &b, 1, MSG_DONTWAIT, NULL, NULL), -1);
	KT_EQ(errno, EAGAIN);
	a->close(u[0]);
	a->close(u[1]);
}

/* the scenario on this machine's kernel, in a namespace of its own (root) */
static void on_linux(void (*scenario)(const struct api *))
{
	int status;
	pid_t pid;

	if (geteuid() != 0)
		return;
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		if (setjmp(ktest_jmp))
			_exit(1);
		cpu_set_t cpus;

		/* one CPU, as tuxnet has: SO_INCOMING_CPU's CPU is 0 */
		CPU_ZERO(&cpus);
		CPU_SET(0, &cpus);
		if (sched_setaffinity(0, sizeof(cpus), &cpus) ||
		    unshare(CLONE_NEWNET) || system("ip link set lo up") != 0)
			_exit(2);
		scenario(&lx_api);
		_exit(0);
	}
	KT_EQ(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "  linux: the scenario failed\n");
	KT_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void on_tuxnet(void (*scenario)(const struct api *))
{
	st = kt_stack_lo_up();
	other_task = tn_task_create(st);
	KT_ASSERT(other_task);
	KT_EQ(tn_task_set_cred(other_task, getuid() + 1, getgid()), 0);
	scenario(&tn_api);
	tn_task_destroy(other_task);
	/* the RSTs of the aborted clients and TIME-WAIT pass */
	tn_clock_advance(st, 120ULL * 1000000000ULL);
	kt_stack_done(st);
}

#define BOTH(s)                          \
	static void test_##s(void)       \
	{                                \
		on_linux(scenario_##s);  \
		on_tuxnet(scenario_##s); \
	}

BOTH(tcp_spread)
BOTH(udp_spread)
BOTH(errors_tcp)
BOTH(errors_udp)
BOTH(migrate0)
BOTH(migrate1)
BOTH(relisten)
BOTH(incoming_cpu)

KTEST_MAIN(KT(test_tcp_spread), KT(test_udp_spread), KT(test_errors_tcp),
	   KT(test_errors_udp), KT(test_migrate0), KT(test_migrate1),
	   KT(test_relisten), KT(test_incoming_cpu))
