// SPDX-License-Identifier: BSD-2-Clause
/*
 * tcp_bench - TCP on tuxnet in-process against the Linux kernel, side by
 * side, in the topology udp_bench uses (two namespaces, a veth pair,
 * everything pinned to one CPU, one thread driving both ends, runs
 * interleaved tuxnet, Linux, tuxnet, ...):
 *
 *   tcp_stream    one connection, a -> b, 64 KiB writes: Gbit/s received
 *   tcp_rr        1-byte request, 1-byte response, one at a time: per s
 *   tcp_crr       connect, 1 byte each way, close (client first), over
 *                 BENCH_TCP_PORTS server ports: connections per s
 *   tcp_mem_idle  bytes per idle established connection (its two
 *                 sockets) with CONNS connections open: tuxnet's malloc
 *                 heap delta, Linux's Slab + sockstat mem delta
 *
 * Printed as udp_bench prints: NAME tuxnet X [min-max] linux Y [min-max]
 * ratio R (the ratio of the medians, tuxnet/Linux).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "bench.h"

#define MAX_RUNS      101
#define TCP_PORTS     16 /* server ports of tcp_crr and tcp_mem_idle */
#define TCP_BASE_PORT 5000
#define TCP_CHUNK     65536
#define TN_TASK_CONNS 25000 /* connections per tuxnet task (fd limit) */
#define TN_MAX_TASKS  64

struct opts {
	int cpu;
	int runs, mem_runs;
	long stream_mb, rr, crr, conns;
	const char *only;
};

/* One side: the same calls on tuxnet's API or on the kernel's. */
struct tside {
	const char *name;
	int (*setup)(char *why, size_t len);
	void (*teardown)(void);
	int (*stream)(long bytes, double *secs);
	int (*rr)(long count, double *secs);
	int (*crr)(long count, double *secs);
	int (*mem)(long conns, double *bytes_per_conn);
};

static void sin_set(struct sockaddr_in *sin, const char *addr, int port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

/* ---- tuxnet ---- */

static struct {
	struct tn_stack *st;
	struct tn_task *task; /* ours: tn_mem()'s tasks are copies of it */
	int lst[TCP_PORTS]; /* listeners in b */
	int c, s; /* the stream/rr connection: client in a, server in b */
} tx = { .c = -1, .s = -1 };

static void tn_teardown(void)
{
	int i;

	if (!tx.st)
		return;
	if (tx.c >= 0)
		tn_close(tx.c);
	if (tx.s >= 0)
		tn_close(tx.s);
	for (i = 0; i < TCP_PORTS; i++)
		if (tx.lst[i] > 0)
			tn_close(tx.lst[i]);
	bench_tn_topology_del();
	tn_task_attach(NULL);
	if (tx.task)
		tn_task_destroy(tx.task);
	tx.task = NULL;
	tn_stack_destroy(tx.st);
	tx.st = NULL;
}

/* connect (non-blocking), accept, both TCP_NODELAY; 0 or -errno */
static int tn_pair(int lst, int port, int *c, int *s)
{
	struct sockaddr_in sin;
	int one = 1, i;

	sin_set(&sin, BENCH_ADDR_B, port);
	*c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (*c < 0)
		return -errno;
	if (tn_connect(*c, (struct sockaddr *)&sin, sizeof(sin)) &&
	    errno != EINPROGRESS)
		return -errno;
	/* the handshake ran inside connect(): the child waits in accept */
	for (i = 0; i < 1000; i++) {
		*s = tn_accept4(lst, NULL, NULL, SOCK_NONBLOCK);
		if (*s >= 0)
			break;
		if (errno != EAGAIN)
			return -errno;
		struct pollfd p = { .fd = lst, .events = POLLIN };
		tn_poll(&p, 1, 10);
	}
	if (*s < 0)
		return -ETIMEDOUT;
	tn_setsockopt(*c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	tn_setsockopt(*s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

static int tn_setup(char *why, size_t len)
{
	struct tn_stack_config sc = { .clock = TN_CLOCK_REAL };
	struct sockaddr_in sin;
	int err, i, one = 1;

	tx.st = tn_stack_create(&sc);
	if (!tx.st) {
		(void)snprintf(why, len, "tn_stack_create: %s",
			       strerror(errno));
		return -errno;
	}
	tx.task = tn_task_create(tx.st);
	if (!tx.task) {
		err = -errno;
		(void)snprintf(why, len, "tn_task_create: %s", strerror(errno));
		goto fail;
	}
	tn_task_attach(tx.task);
	err = bench_tn_topology(why, len);
	if (err)
		goto fail;
	tn_netns_set(BENCH_TN_NS_B);
	for (i = 0; i < TCP_PORTS; i++) {
		tx.lst[i] = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		sin_set(&sin, BENCH_ADDR_B, TCP_BASE_PORT + i);
		if (tx.lst[i] < 0 ||
		    tn_setsockopt(tx.lst[i], SOL_SOCKET, SO_REUSEADDR, &one,
				  sizeof(one)) ||
		    tn_bind(tx.lst[i], (struct sockaddr *)&sin, sizeof(sin)) ||
		    tn_listen(tx.lst[i], 4096)) {
			err = -errno;
			(void)snprintf(why, len, "listen: %s", strerror(errno));
			goto fail;
		}
	}
	tn_netns_set(BENCH_TN_NS_A);
	err = tn_pair(tx.lst[0], TCP_BASE_PORT, &tx.c, &tx.s);
	tn_netns_set(NULL);
	if (err) {
		(void)snprintf(why, len, "connect: %s", strerror(-err));
		goto fail;
	}
	return 0;
fail:
	tn_teardown();
	return err;
}

static int tn_stream(long bytes, double *secs)
{
	static char sbuf[TCP_CHUNK], rbuf[TCP_CHUNK];
	long sent = 0, got = 0;
	double t0 = bench_now_ns();
	int idle = 0;

	while (got < bytes) {
		ssize_t n;

		if (sent < bytes) {
			n = tn_send(tx.c, sbuf,
				    bytes - sent < TCP_CHUNK ? bytes - sent
							     : TCP_CHUNK,
				    MSG_DONTWAIT);
			if (n > 0)
				sent += n;
			else if (errno != EAGAIN)
				return -errno;
		}
		while ((n = tn_recv(tx.s, rbuf, sizeof(rbuf), MSG_DONTWAIT)) >
		       0)
			got += n;
		if (n < 0 && errno != EAGAIN)
			return -errno;
		if (n < 0 && sent >= bytes && got < bytes) {
			/* what is left waits for a timer (delayed ACK) */
			struct pollfd p = { .fd = tx.s, .events = POLLIN };

			if (tn_poll(&p, 1, 1000) <= 0 && ++idle > 5)
				return -ETIMEDOUT;
		}
	}
	*secs = (bench_now_ns() - t0) / 1e9;
	return 0;
}

/* one byte from @from, received on @to (polling if not there yet) */
static int tn_one_byte(int from, int to)
{
	struct pollfd p = { .fd = to, .events = POLLIN };
	char b = 'x';

	if (tn_send(from, &b, 1, MSG_DONTWAIT) != 1)
		return -errno;
	while (tn_recv(to, &b, 1, MSG_DONTWAIT) != 1) {
		if (errno != EAGAIN)
			return -errno;
		if (tn_poll(&p, 1, 1000) <= 0)
			return -ETIMEDOUT;
	}
	return 0;
}

static int tn_rr(long count, double *secs)
{
	double t0 = bench_now_ns();
	long i;
	int err;

	for (i = 0; i < count; i++) {
		err = tn_one_byte(tx.c, tx.s);
		if (!err)
			err = tn_one_byte(tx.s, tx.c);
		if (err)
			return err;
	}
	*secs = (bench_now_ns() - t0) / 1e9;
	return 0;
}

static int tn_crr(long count, double *secs)
{
	double t0 = bench_now_ns();
	long i;
	int err = 0, c, s;

	tn_netns_set(BENCH_TN_NS_A);
	for (i = 0; i < count && !err; i++) {
		int k = (int)(i % TCP_PORTS);

		c = s = -1;
		err = tn_pair(tx.lst[k], TCP_BASE_PORT + k, &c, &s);
		if (!err)
			err = tn_one_byte(c, s);
		if (!err)
			err = tn_one_byte(s, c);
		if (c >= 0)
			tn_close(c);
		if (s >= 0)
			tn_close(s);
	}
	tn_netns_set(NULL);
	*secs = (bench_now_ns() - t0) / 1e9;
	return err;
}

/* the process's heap in use: what the stack allocated (nothing else runs) */
static double heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();

	return (double)mi.uordblks + (double)mi.hblkhd;
}

static int tn_mem(long conns, double *per_conn)
{
	struct tn_task *tasks[TN_MAX_TASKS];
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	int ntasks = 0, err = 0, t;
	double before;
	long i;

	malloc_trim(0);
	before = heap_bytes();
	/* a task holds at most 65536 fds: 2 x TN_TASK_CONNS in each */
	for (i = 0; i < conns && !err; i++) {
		int k = (int)(i % TCP_PORTS), c = -1, s = -1;

		if (i % TN_TASK_CONNS == 0) {
			if (ntasks == TN_MAX_TASKS) {
				err = -EMFILE;
				break;
			}
			tasks[ntasks] = tn_task_clone(tx.task, 0);
			if (!tasks[ntasks]) {
				err = -errno;
				break;
			}
			tn_task_attach(tasks[ntasks++]);
			tn_netns_set(BENCH_TN_NS_A);
		}
		err = tn_pair(tx.lst[k], TCP_BASE_PORT + k, &c, &s);
		if (!err)
			err = tn_one_byte(c, s);
		if (!err)
			err = tn_one_byte(s, c);
		/* closed with a RST at the end: no TIME-WAIT left behind */
		if (!err)
			tn_setsockopt(c, SOL_SOCKET, SO_LINGER, &lg,
				      sizeof(lg));
	}
	/* idle: every delayed ACK sent, nothing queued */
	tn_task_attach(tx.task);
	{
		struct timespec ts = { 0, 100000000L };

		nanosleep(&ts, NULL);
	}
	*per_conn = (heap_bytes() - before) / (double)conns;
	for (t = 0; t < ntasks; t++)
		tn_task_destroy(tasks[t]);
	return err;
}

static const struct tside tn_side = {
	.name = "tuxnet",
	.setup = tn_setup,
	.teardown = tn_teardown,
	.stream = tn_stream,
	.rr = tn_rr,
	.crr = tn_crr,
	.mem = tn_mem,
};

/* ---- Linux ---- */

static struct {
	struct bench_lx_netns ns;
	int home; /* our own namespace */
	int lst[TCP_PORTS];
	int c, s;
} lx = { .home = -1, .c = -1, .s = -1 };

static void lx_teardown(void)
{
	int i;

	if (lx.c >= 0)
		close(lx.c);
	if (lx.s >= 0)
		close(lx.s);
	lx.c = lx.s = -1;
	for (i = 0; i < TCP_PORTS; i++)
		if (lx.lst[i] > 0)
			close(lx.lst[i]);
	memset(lx.lst, 0, sizeof(lx.lst));
	if (lx.home >= 0) {
		setns(lx.home, CLONE_NEWNET);
		close(lx.home);
	}
	lx.home = -1;
	bench_lx_names_del(&lx.ns);
}

static int lx_pair(int lst, int port, int *c, int *s)
{
	struct sockaddr_in sin;
	int one = 1, i;

	sin_set(&sin, BENCH_ADDR_B, port);
	*c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (*c < 0)
		return -errno;
	if (connect(*c, (struct sockaddr *)&sin, sizeof(sin)) &&
	    errno != EINPROGRESS)
		return -errno;
	for (i = 0; i < 1000; i++) {
		*s = accept4(lst, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (*s >= 0)
			break;
		if (errno != EAGAIN)
			return -errno;
		struct pollfd p = { .fd = lst, .events = POLLIN };
		poll(&p, 1, 10);
	}
	if (*s < 0)
		return -ETIMEDOUT;
	setsockopt(*c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(*s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

static int lx_setup(char *why, size_t len)
{
	struct sockaddr_in sin;
	int err, i, one = 1;

	err = bench_lx_netns_add(&lx.ns, why, len);
	if (err)
		return err;
	lx.home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	for (i = 0; i < TCP_PORTS; i++) {
		lx.lst[i] = bench_lx_socket_in(lx.ns.b, lx.home,
					       SOCK_STREAM | SOCK_NONBLOCK, 0);
		sin_set(&sin, BENCH_ADDR_B, TCP_BASE_PORT + i);
		if (lx.lst[i] < 0 ||
		    setsockopt(lx.lst[i], SOL_SOCKET, SO_REUSEADDR, &one,
			       sizeof(one)) ||
		    bind(lx.lst[i], (struct sockaddr *)&sin, sizeof(sin)) ||
		    listen(lx.lst[i], 4096)) {
			err = -errno;
			(void)snprintf(why, len, "listen: %s", strerror(errno));
			goto fail;
		}
	}
	/* the thread lives in a: every client socket is made there (and
	 * tcp_mem_idle's children inherit it); the names can go, the
	 * namespaces end with the process however it ends */
	err = bench_lx_setns(lx.ns.a);
	bench_lx_names_del(&lx.ns);
	if (!err)
		err = lx_pair(lx.lst[0], TCP_BASE_PORT, &lx.c, &lx.s);
	if (err) {
		(void)snprintf(why, len, "connect: %s", strerror(-err));
		goto fail;
	}
	return 0;
fail:
	lx_teardown();
	return err;
}

static int lx_stream(long bytes, double *secs)
{
	static char sbuf[TCP_CHUNK], rbuf[TCP_CHUNK];
	long sent = 0, got = 0;
	double t0 = bench_now_ns();
	int idle = 0;

	while (got < bytes) {
		ssize_t n;

		if (sent < bytes) {
			n = send(lx.c, sbuf,
				 bytes - sent < TCP_CHUNK ? bytes - sent
							  : TCP_CHUNK,
				 MSG_DONTWAIT);
			if (n > 0)
				sent += n;
			else if (errno != EAGAIN)
				return -errno;
		}
		while ((n = recv(lx.s, rbuf, sizeof(rbuf), MSG_DONTWAIT)) > 0)
			got += n;
		if (n < 0 && errno != EAGAIN)
			return -errno;
		if (n < 0 && sent >= bytes && got < bytes) {
			struct pollfd p = { .fd = lx.s, .events = POLLIN };

			if (poll(&p, 1, 1000) <= 0 && ++idle > 5)
				return -ETIMEDOUT;
		}
	}
	*secs = (bench_now_ns() - t0) / 1e9;
	return 0;
}

static int lx_one_byte(int from, int to)
{
	struct pollfd p = { .fd = to, .events = POLLIN };
	char b = 'x';

	if (send(from, &b, 1, MSG_DONTWAIT) != 1)
		return -errno;
	while (recv(to, &b, 1, MSG_DONTWAIT) != 1) {
		if (errno != EAGAIN)
			return -errno;
		if (poll(&p, 1, 1000) <= 0)
			return -ETIMEDOUT;
	}
	return 0;
}

static int lx_rr(long count, double *secs)
{
	double t0 = bench_now_ns();
	long i;
	int err;

	for (i = 0; i < count; i++) {
		err = lx_one_byte(lx.c, lx.s);
		if (!err)
			err = lx_one_byte(lx.s, lx.c);
		if (err)
			return err;
	}
	*secs = (bench_now_ns() - t0) / 1e9;
	return 0;
}

static int lx_crr(long count, double *secs)
{
	double t0 = bench_now_ns();
	long i;
	int err = 0, c, s;

	for (i = 0; i < count && !err; i++) {
		int k = (int)(i % TCP_PORTS);

		c = s = -1;
		err = lx_pair(lx.lst[k], TCP_BASE_PORT + k, &c, &s);
		if (!err)
			err = lx_one_byte(c, s);
		if (!err)
			err = lx_one_byte(s, c);
		if (c >= 0)
			close(c);
		if (s >= 0)
			close(s);
	}
	*secs = (bench_now_ns() - t0) / 1e9;
	return err;
}

/* "Slab:" of /proc/meminfo in bytes */
static double slab_bytes(void)
{
	char line[256];
	double v = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %lf kB", &v) == 1)
			break;
	(void)fclose(f);
	return v * 1024;
}

/* "TCP: ... mem N" of /proc/net/sockstat (pages) of namespace @ns, bytes */
static double sockstat_bytes(void)
{
	char line[256], *p;
	double v = 0;
	FILE *f = fopen("/proc/net/sockstat", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "TCP:", 4) && (p = strstr(line, " mem ")))
			v = atof(p + 5);
	(void)fclose(f);
	return v * (double)sysconf(_SC_PAGESIZE);
}

/*
 * @count connections from @first on, held open until @go is closed; for a
 * child process (one process may not hold them all: RLIMIT_NOFILE).
 * Writes 0 or the errno to @ready once they are all open.
 */
static void lx_mem_child(long first, long count, int ready, int go)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	long i;
	int err = 0;
	char b;

	for (i = first; i < first + count && !err; i++) {
		int k = (int)(i % TCP_PORTS), c = -1, s = -1;

		err = lx_pair(lx.lst[k], TCP_BASE_PORT + k, &c, &s);
		if (!err)
			err = lx_one_byte(c, s);
		if (!err)
			err = lx_one_byte(s, c);
		/* closed with a RST at the end: no TIME-WAIT left behind */
		if (!err)
			setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	b = (char)-err;
	if (write(ready, &b, 1) != 1)
		_exit(1);
	while (read(go, &b, 1) > 0)
		;
	_exit(0);
}

static int lx_mem(long conns, double *per_conn)
{
	struct timespec ts = { 0, 200000000L };
	struct rlimit rl;
	long per, first, nkids = 0, k;
	int ready[2], go[2], err = 0;
	double before;
	pid_t *kids;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -errno;
	per = ((long)rl.rlim_cur - 256) / 2;
	if (per < 1)
		return -EMFILE;
	kids = calloc((size_t)(conns / per + 1), sizeof(*kids));
	if (!kids || pipe(ready) || pipe(go)) {
		free(kids);
		return -errno;
	}
	nanosleep(&ts, NULL);
	before = slab_bytes() + sockstat_bytes();
	/* one at a time, so that only one process runs */
	for (first = 0; first < conns && !err; first += per) {
		pid_t pid = fork();
		char b;

		if (pid == 0) {
			close(ready[0]);
			close(go[1]);
			lx_mem_child(first,
				     conns - first < per ? conns - first : per,
				     ready[1], go[0]);
		}
		if (pid < 0) {
			err = -errno;
			break;
		}
		kids[nkids++] = pid;
		if (read(ready[0], &b, 1) != 1)
			err = -EIO;
		else if (b)
			err = -(int)(unsigned char)b;
	}
	nanosleep(&ts, NULL);
	*per_conn = (slab_bytes() + sockstat_bytes() - before) / (double)conns;
	close(go[1]);
	for (k = 0; k < nkids; k++)
		waitpid(kids[k], NULL, 0);
	close(go[0]);
	close(ready[0]);
	close(ready[1]);
	free(kids);
	return err;
}

static const struct tside lx_side = {
	.name = "linux",
	.setup = lx_setup,
	.teardown = lx_teardown,
	.stream = lx_stream,
	.rr = lx_rr,
	.crr = lx_crr,
	.mem = lx_mem,
};

/* ---- the runs ---- */

enum fig { F_STREAM, F_RR, F_CRR, F_MEM, NR_FIGS };

static const struct {
	const char *name, *unit;
	double scale; /* printed value = sample / scale */
	int less_is_better;
} figs[NR_FIGS] = {
	[F_STREAM] = { "tcp_stream", "Gbit/s", 1e9, 0 },
	[F_RR] = { "tcp_rr", "k/s", 1e3, 0 },
	[F_CRR] = { "tcp_crr", "k/s", 1e3, 0 },
	[F_MEM] = { "tcp_mem_idle", "KB", 1e3, 1 },
};

struct side_runs {
	const struct tside *ops;
	int ok;
	const char *why_not;
	int err[NR_FIGS];
	double v[NR_FIGS][MAX_RUNS];
};

static void run_once(enum fig f, struct side_runs *s, int run,
		     const struct opts *o)
{
	double secs = 0, v = 0;
	int err;

	if (!s->ok || s->err[f])
		return;
	switch (f) {
	case F_STREAM:
		err = s->ops->stream(o->stream_mb << 20, &secs);
		v = (double)(o->stream_mb << 20) * 8 / secs;
		break;
	case F_RR:
		err = s->ops->rr(o->rr, &secs);
		v = (double)o->rr / secs;
		break;
	case F_CRR:
		err = s->ops->crr(o->crr, &secs);
		v = (double)o->crr / secs;
		break;
	default:
		err = s->ops->mem(o->conns, &v);
		break;
	}
	s->err[f] = err;
	s->v[f][run] = v;
}

static void format_side(char *buf, size_t len, enum fig f,
			const struct side_runs *s, int runs,
			struct bench_stats *st)
{
	double k = figs[f].scale;

	if (!s->ok) {
		(void)snprintf(buf, len, "%s", s->why_not);
		return;
	}
	if (s->err[f]) {
		(void)snprintf(buf, len, "failed (%s)", strerror(-s->err[f]));
		return;
	}
	bench_stats(s->v[f], (size_t)runs, st);
	(void)snprintf(buf, len, "%.2f%s [%.2f-%.2f]", st->median / k,
		       figs[f].unit, st->min / k, st->max / k);
}

static void report(enum fig f, const struct side_runs *tn,
		   const struct side_runs *lxr, int runs)
{
	struct bench_stats ts = { 0 }, ls = { 0 };
	char a[80], b[80], ratio[32] = "";

	format_side(a, sizeof(a), f, tn, runs, &ts);
	format_side(b, sizeof(b), f, lxr, runs, &ls);
	if (tn->ok && !tn->err[f] && lxr->ok && !lxr->err[f] && ls.median > 0)
		(void)snprintf(ratio, sizeof(ratio), "  ratio %.2f",
			       ts.median / ls.median);
	printf("%-14s tuxnet %s  linux %s%s\n", figs[f].name, a, b, ratio);
	(void)fflush(stdout);
}

static void usage(FILE *f)
{
	fputs("usage: tcp_bench [-c CPU] [-r RUNS] [-R MEMRUNS] [-b MB] "
	      "[-q RR] [-k CRR] [-m CONNS] [-s SIDE]\n"
	      "  -c CPU     pin everything to CPU (default: the last one "
	      "allowed)\n"
	      "  -r RUNS    runs of each figure per side (default 5)\n"
	      "  -R RUNS    runs of tcp_mem_idle per side (default 1)\n"
	      "  -b MB      MiB per tcp_stream run (default 1024)\n"
	      "  -q N       round trips per tcp_rr run (default 100000)\n"
	      "  -k N       connections per tcp_crr run (default 20000)\n"
	      "  -m N       connections open for tcp_mem_idle (default "
	      "100000; 0: skip)\n"
	      "  -s SIDE    run only tuxnet or only linux (to profile one)\n",
	      f);
}

static int parse(int argc, char **argv, struct opts *o)
{
	int c;

	*o = (struct opts){ .cpu = -1,
			    .runs = 5,
			    .mem_runs = 1,
			    .stream_mb = 1024,
			    .rr = 100000,
			    .crr = 20000,
			    .conns = 100000 };
	while ((c = getopt(argc, argv, "c:r:R:b:q:k:m:s:h")) != -1) {
		switch (c) {
		case 'c':
			o->cpu = atoi(optarg);
			break;
		case 'r':
			o->runs = atoi(optarg);
			break;
		case 'R':
			o->mem_runs = atoi(optarg);
			break;
		case 'b':
			o->stream_mb = atol(optarg);
			break;
		case 'q':
			o->rr = atol(optarg);
			break;
		case 'k':
			o->crr = atol(optarg);
			break;
		case 'm':
			o->conns = atol(optarg);
			break;
		case 's':
			o->only = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (o->runs < 1 || o->runs > MAX_RUNS || o->mem_runs < 1 ||
	    o->mem_runs > MAX_RUNS || o->stream_mb < 1 || o->rr < 1 ||
	    o->crr < 1 || o->conns < 0 ||
	    (o->only && strcmp(o->only, "tuxnet") &&
	     strcmp(o->only, "linux"))) {
		usage(stderr);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct side_runs tn = { .ops = &tn_side }, lxr = { .ops = &lx_side };
	struct side_runs *sides[] = { &tn, &lxr };
	struct rlimit rl;
	char why[256];
	struct opts o;
	int i, j, f, err;

	if (parse(argc, argv, &o))
		return 2;
	err = bench_pin(&o.cpu);
	if (err) {
		fprintf(stderr, "tcp_bench: pinning to CPU %d: %s\n", o.cpu,
			strerror(-err));
		return 1;
	}
	/* Linux's side of tcp_mem_idle holds 2 x CONNS fds, in as many
	 * processes as the hard limit needs */
	rl.rlim_cur = rl.rlim_max = (rlim_t)(2 * o.conns + 1024);
	if (setrlimit(RLIMIT_NOFILE, &rl) && !getrlimit(RLIMIT_NOFILE, &rl)) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	printf("# cpu %d, %d runs per side interleaved (%d of tcp_mem_idle); "
	       "tcp_stream %ld MiB in %d-byte writes, tcp_rr %ld round "
	       "trips, tcp_crr %ld connections over %d ports, tcp_mem_idle "
	       "%ld connections\n",
	       o.cpu, o.runs, o.mem_runs, o.stream_mb, TCP_CHUNK, o.rr, o.crr,
	       TCP_PORTS, o.conns);
	printf("# tuxnet clock real, one thread; linux: non-blocking "
	       "sockets, one thread; TCP_NODELAY on both\n");
	printf("# figures: median [min-max] of the runs; ratio = "
	       "tuxnet/linux of the medians; tcp_mem_idle per connection (both its sockets), less "
	       "is better\n");
	for (i = 0; i < 2; i++) {
		struct side_runs *s = sides[i];

		if (o.only && strcmp(o.only, s->ops->name)) {
			s->why_not = "not run";
			continue;
		}
		err = s->ops->setup(why, sizeof(why));
		if (err) {
			s->why_not =
				err == -EPERM && i == 1 ? "skipped" : "failed";
			printf("%s: %s (%s)\n", s->ops->name, s->why_not, why);
		} else {
			double secs;

			/* warm up: ARP, caches */
			s->ops->stream(16 << 20, &secs);
			s->ops->rr(1000, &secs);
		}
		s->ok = !err;
	}
	(void)fflush(stdout);

	for (f = 0; f < NR_FIGS; f++) {
		int runs = f == F_MEM ? o.mem_runs : o.runs;

		if (f == F_MEM && !o.conns)
			continue;
		for (j = 0; j < runs; j++)
			for (i = 0; i < 2; i++)
				run_once((enum fig)f, sides[i], j, &o);
		report((enum fig)f, &tn, &lxr, runs);
	}
	for (i = 0; i < 2; i++)
		if (sides[i]->ok)
			sides[i]->ops->teardown();
	for (f = 0; f < NR_FIGS; f++)
		if (tn.ok && tn.err[f])
			return 1;
	return o.only && !strcmp(o.only, "linux") ? !lxr.ok : !tn.ok;
}
