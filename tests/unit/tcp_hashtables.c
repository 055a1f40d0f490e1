// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP's tables as Linux has them: one established hash for the stack,
 * sized from the machine's memory (tcp_ehash_entries, negative in a
 * namespace that shares it), so that a namespace costs no table; a pile
 * of TIME-WAIT socks that fills a port range, connects that keep working
 * until the range is spent and again once TIME-WAIT ends, the socks
 * bounded by tcp_max_tw_buckets; and connect()'s choice of local ports
 * in Linux's order (ports of the range's low parity first, then the
 * others; successive ports to one destination a random 2..16 apart),
 * checked against the kernel when run as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <net/inet_hashtables.h>
#include <net/net_namespace.h>
#include <net/stack.h>

#include "ktest.h"
#include "kfile.h"
#include "kstack.h"

static struct tn_stack *st;

/* "tw N" of /proc/net/sockstat's TCP line */
static long sockstat_tw(void)
{
	char buf[1024], *p;
	ssize_t n;
	int fd = tn_open("/proc/net/sockstat", O_RDONLY);

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	p = strstr(buf, "TCP:");
	KT_ASSERT(p);
	p = strstr(p, " tw ");
	KT_ASSERT(p);
	return atol(p + 4);
}

/* Linux's alloc_large_system_hash() for "TCP established": one bucket
 * per 128 KiB of memory (rounded up to a MiB), a power of two, <= 512 Ki */
static long expected_ehash_entries(void)
{
	unsigned long long bytes = (unsigned long long)sysconf(_SC_PHYS_PAGES) *
				   (unsigned long long)sysconf(_SC_PAGESIZE);
	unsigned long n, p = 1;

	bytes = (bytes + (1ULL << 20) - 1) & ~((1ULL << 20) - 1);
	n = (unsigned long)(bytes >> 17);
	while (p < n)
		p <<= 1;
	return p > 512 * 1024 ? 512 * 1024 : (long)p;
}

static void test_sizing(void)
{
	long n = expected_ehash_entries();
	int fd;

	st = kt_stack_lo_up();
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"), n);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_tw_buckets"), n / 2);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_syn_backlog"),
	      n / 128 > 128 ? n / 128 : 128);
	/* read-only, as Linux's (0444) */
	fd = tn_open("/proc/sys/net/ipv4/tcp_ehash_entries", O_WRONLY);
	KT_EQ(fd, -1);
	KT_EQ(errno, EACCES);
	/* another namespace shares the table: negative */
	KT_EQ(tn_netns_add("x"), 0);
	KT_EQ(tn_netns_set("x"), 0);
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"), -n);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_tw_buckets"), n / 2);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("x"), 0);
	kt_stack_done(st);
}

/* the namespace the calling task is in */
static struct net *cur_net(void)
{
	struct net *net;

	stack_enter(st);
	net = current_net();
	stack_exit(st);
	return net;
}

/*
 * A namespace costs no table of its own: every one hashes into the
 * stack's (the 4096-bucket tables of before took 42 KiB in each), and
 * what a namespace takes does not grow with the table's size.
 */
static void test_netns_cost(void)
{
	struct inet_hashinfo *h;
	struct mallinfo2 mi;
	size_t before, per_ns;
	char name[16];
	int i;

	st = kt_stack_lo_up();
	h = cur_net()->ipv4.tcp_hashinfo;
	KT_ASSERT(h);
	KT_EQ(h->ehash_mask + 1, expected_ehash_entries());
	/* the first namespace sets up what all share (sysctl trees ...) */
	KT_EQ(tn_netns_add("warm"), 0);
	malloc_trim(0);
	mi = mallinfo2();
	before = mi.uordblks + mi.hblkhd;
	for (i = 0; i < 64; i++) {
		(void)snprintf(name, sizeof(name), "n%d", i);
		KT_EQ(tn_netns_add(name), 0);
		KT_EQ(tn_netns_set(name), 0);
		KT_ASSERT(cur_net()->ipv4.tcp_hashinfo == h);
		KT_EQ(tn_netns_set(NULL), 0);
	}
	mi = mallinfo2();
	per_ns = (mi.uordblks + mi.hblkhd - before) / 64;
	/* far less than one ehash of this size, which alone is
	 * (ehash_mask + 1) pointers */
	KT_ASSERT(per_ns < (h->ehash_mask + 1) * sizeof(void *) / 4);
	for (i = 0; i < 64; i++) {
		(void)snprintf(name, sizeof(name), "n%d", i);
		KT_EQ(tn_netns_del(name), 0);
	}
	KT_EQ(tn_netns_del("warm"), 0);
	kt_stack_done(st);
}

static int tn_listener(int port);
static int tn_connect_port(int port, int *fdp);

/*
 * tcp_child_ehash_entries (Linux 6.18, values from the kernel): a
 * namespace created from one where it is set gets an established hash
 * of its own, that many buckets rounded up to a power of two, read
 * positive as tcp_ehash_entries; tcp_max_tw_buckets (half of it) and
 * tcp_max_syn_backlog (1/128, at least 128) follow its size.  The value
 * is the creator's: the new namespace's own starts at 0, and what it
 * creates shares the stack's table again.  0..16 Mi.
 */
static void test_child_ehash(void)
{
	long n = expected_ehash_entries();
	struct inet_hashinfo *global, *own;
	unsigned int global_count;
	int l, c, s, fd;

	st = kt_stack_lo_up();
	global = cur_net()->ipv4.tcp_hashinfo;
	KT_EQ(kt_ipv4_sysctl_get("tcp_child_ehash_entries"), 0);
	fd = tn_open("/proc/sys/net/ipv4/tcp_child_ehash_entries", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, "-1", 2), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_write(fd, "16777217", 8), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_write(fd, "16777216", 8), 8);
	tn_close(fd);
	KT_EQ(kt_ipv4_sysctl_get("tcp_child_ehash_entries"), 16777216);

	kt_ipv4_sysctl_set("tcp_child_ehash_entries", "100");
	KT_EQ(kt_ipv4_sysctl_get("tcp_child_ehash_entries"), 100);
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"),
	      n); /* this one's unchanged */
	KT_EQ(tn_netns_add("c"), 0);
	KT_EQ(tn_netns_set("c"), 0);
	own = cur_net()->ipv4.tcp_hashinfo;
	KT_ASSERT(own != global);
	KT_EQ(own->ehash_mask + 1, 128);
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"), 128);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_tw_buckets"), 64);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_syn_backlog"), 128);
	KT_EQ(kt_ipv4_sysctl_get("tcp_child_ehash_entries"), 0);
	/* its connections are hashed in its table, not in the stack's */
	kt_lo_up();
	global_count = global->ehash_count;
	l = tn_listener(8080);
	KT_ASSERT(tn_connect_port(8080, &c) > 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	KT_EQ(own->ehash_count, 2);
	KT_EQ(global->ehash_count, global_count);
	tn_close(s);
	tn_close(c);
	tn_close(l);
	/* what it creates shares the stack's table again */
	KT_EQ(tn_netns_add("g"), 0);
	KT_EQ(tn_netns_set("g"), 0);
	KT_ASSERT(cur_net()->ipv4.tcp_hashinfo == global);
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"), -n);
	KT_EQ(tn_netns_set(NULL), 0);

	kt_ipv4_sysctl_set("tcp_child_ehash_entries", "1");
	KT_EQ(tn_netns_add("d"), 0);
	KT_EQ(tn_netns_set("d"), 0);
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"), 1);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_tw_buckets"), 0);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_syn_backlog"), 128);
	KT_EQ(tn_netns_set(NULL), 0);
	kt_ipv4_sysctl_set("tcp_child_ehash_entries", "65536");
	KT_EQ(tn_netns_add("e"), 0);
	KT_EQ(tn_netns_set("e"), 0);
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"), 65536);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_tw_buckets"), 32768);
	KT_EQ(kt_ipv4_sysctl_get("tcp_max_syn_backlog"), 512);
	KT_EQ(tn_netns_set(NULL), 0);
	kt_ipv4_sysctl_set("tcp_child_ehash_entries", "0");
	KT_EQ(tn_netns_add("f"), 0);
	KT_EQ(tn_netns_set("f"), 0);
	KT_EQ(kt_ipv4_sysctl_get("tcp_ehash_entries"), -n);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("c"), 0);
	KT_EQ(tn_netns_del("d"), 0);
	KT_EQ(tn_netns_del("e"), 0);
	KT_EQ(tn_netns_del("f"), 0);
	KT_EQ(tn_netns_del("g"), 0);
	kt_stack_done(st);
}

static int tn_listener(int port)
{
	struct sockaddr_in a = kt_lo_addr(port);
	int fd = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(fd, 4096), 0);
	return fd;
}

/* connect to 127.0.0.1:@port (the handshake runs inside the call);
 * the local port, or -errno */
static int tn_connect_port(int port, int *fdp)
{
	struct sockaddr_in a = kt_lo_addr(port), me;
	socklen_t len = sizeof(me);
	int fd = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	KT_ASSERT(fd >= 0);
	if (tn_connect(fd, KT_SA(&a), sizeof(a)) && errno != EINPROGRESS) {
		int err = -errno;

		tn_close(fd);
		return err;
	}
	KT_EQ(tn_getsockname(fd, KT_SA(&me), &len), 0);
	*fdp = fd;
	return ntohs(me.sin_port);
}

/*
 * TIME-WAIT piles up on the side that closes first: every port of a
 * 1000-port range ends up held, each connect finding its port without
 * trying those held (the perturbation table moves on), the next one
 * EADDRNOTAVAIL, and after 60 s all of them are free again.
 */
static void test_timewait_pile(void)
{
	static unsigned char seen[1000];
	int l, i, fd, s, port;

	st = kt_stack_lo_up();
	kt_ipv4_sysctl_set("ip_local_port_range", "40000 40999");
	kt_ipv4_sysctl_set("tcp_tw_reuse", "0"); /* 2 would reuse on loopback */
	l = tn_listener(7000);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 1000; i++) {
		port = tn_connect_port(7000, &fd);
		KT_ASSERT(port >= 40000 && port <= 40999);
		KT_EQ(seen[port - 40000], 0);
		seen[port - 40000] = 1;
		s = tn_accept4(l, NULL, NULL, SOCK_NONBLOCK);
		KT_ASSERT(s >= 0);
		tn_close(fd); /* the client closes first: its TIME-WAIT */
		tn_close(s);
		tn_clock_advance(st, 1000000ULL);
	}
	KT_EQ(sockstat_tw(), 1000);
	KT_EQ(tn_connect_port(7000, &fd), -EADDRNOTAVAIL);
	tn_close(fd);
	tn_clock_advance(st, 61ULL * 1000000000ULL);
	KT_EQ(sockstat_tw(), 0);
	port = tn_connect_port(7000, &fd);
	KT_ASSERT(port >= 40000 && port <= 40999);
	tn_close(fd);
	tn_close(l);
	kt_stack_done(st);
}

/* tcp_max_tw_buckets bounds the pile: beyond it the socks just go */
static void test_timewait_bounded(void)
{
	int l, i, fd, s;

	st = kt_stack_lo_up();
	kt_ipv4_sysctl_set("tcp_tw_reuse", "0");
	kt_ipv4_sysctl_set("tcp_max_tw_buckets", "100");
	l = tn_listener(7001);
	for (i = 0; i < 300; i++) {
		KT_ASSERT(tn_connect_port(7001, &fd) > 0);
		s = tn_accept4(l, NULL, NULL, SOCK_NONBLOCK);
		KT_ASSERT(s >= 0);
		tn_close(fd);
		tn_close(s);
	}
	tn_clock_advance(st, 1000000ULL);
	KT_EQ(sockstat_tw(), 100);
	tn_close(l);
	kt_stack_done(st);
}

/*
 * The order of connect()'s ports, as a string: for each of @n connects
 * to one destination (all kept open), 'E' or 'O' for the parity of the
 * port, 'X' for EADDRNOTAVAIL; *@deltas_ok whether each port is 2..16
 * (even) past the one before, modulo the range, while there is room.
 */
struct order {
	char parity[64];
	int deltas_ok;
	int ndeltas; /* how many distinct deltas were seen */
};

static void tn_port_order(const char *range, int low, int high, int n,
			  struct order *o)
{
	int l, i, fd[64], prev = -1, port;
	unsigned int deltas = 0;

	st = kt_stack_lo_up();
	kt_ipv4_sysctl_set("ip_local_port_range", range);
	l = tn_listener(7002);
	o->deltas_ok = 1;
	for (i = 0; i < n; i++) {
		fd[i] = -1;
		port = tn_connect_port(7002, &fd[i]);
		if (port < 0) {
			KT_EQ(port, -EADDRNOTAVAIL);
			o->parity[i] = 'X';
			continue;
		}
		KT_ASSERT(port >= low && port <= high);
		o->parity[i] = (port & 1) ? 'O' : 'E';
		if (prev >= 0) {
			int d = (port - prev + (high - low + 1)) %
				(high - low + 1);

			if (d < 2 || d > 16 || (d & 1))
				o->deltas_ok = 0;
			else
				deltas |= 1U << d;
		}
		prev = port;
	}
	o->parity[n] = '\0';
	o->ndeltas = __builtin_popcount(deltas);
	for (i = 0; i < n; i++)
		if (fd[i] >= 0)
			tn_close(fd[i]);
	tn_close(l);
	kt_stack_done(st);
}

/* the same on this machine's kernel, in a namespace of its own (root) */
static int lx_port_order(const char *range, int low, int high, int n,
			 struct order *o)
{
	int pfd[2], status;
	pid_t pid;

	if (geteuid() != 0 || pipe(pfd))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct sockaddr_in a;
		int l, i, fd, prev = -1, one = 1, f;
		unsigned int deltas = 0;
		struct order r = { .deltas_ok = 1 };

		if (unshare(CLONE_NEWNET) || system("ip link set lo up") != 0)
			_exit(2);
		f = open("/proc/sys/net/ipv4/ip_local_port_range", O_WRONLY);
		if (f < 0 || write(f, range, strlen(range)) < 0)
			_exit(2);
		close(f);
		a = kt_lo_addr(7002);
		l = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(l, KT_SA(&a), sizeof(a)) || listen(l, 4096))
			_exit(2);
		for (i = 0; i < n; i++) {
			struct sockaddr_in me;
			socklen_t len = sizeof(me);
			int port;

			fd = socket(AF_INET, SOCK_STREAM, 0);
			if (connect(fd, KT_SA(&a), sizeof(a))) {
				r.parity[i] =
					errno == EADDRNOTAVAIL ? 'X' : '?';
				close(fd);
				continue;
			}
			getsockname(fd, KT_SA(&me), &len);
			port = ntohs(me.sin_port);
			r.parity[i] = (port & 1) ? 'O' : 'E';
			if (prev >= 0) {
				int d = (port - prev + (high - low + 1)) %
					(high - low + 1);

				if (d < 2 || d > 16 || (d & 1))
					r.deltas_ok = 0;
				else
					deltas |= 1U << d;
			}
			prev = port;
		}
		r.ndeltas = __builtin_popcount(deltas);
		if (write(pfd[1], &r, sizeof(r)) != sizeof(r))
			_exit(2);
		_exit(0);
	}
	close(pfd[1]);
	if (read(pfd[0], o, sizeof(*o)) != sizeof(*o)) {
		close(pfd[0]);
		waitpid(pid, &status, 0);
		return -1;
	}
	close(pfd[0]);
	waitpid(pid, &status, 0);
	fprintf(stderr, "  linux (%s): %s\n", range, o->parity);
	return 0;
}

/* a 10-port range: the five even ports, the five odd ones, then none */
static void test_port_order_narrow(void)
{
	struct order tn, lx;

	tn_port_order("40000 40009", 40000, 40009, 11, &tn);
	KT_STREQ(tn.parity, "EEEEEOOOOOX");
	if (lx_port_order("40000 40009", 40000, 40009, 11, &lx) == 0)
		KT_STREQ(lx.parity, tn.parity);
	/* an odd low: its parity first */
	tn_port_order("40001 40010", 40001, 40010, 11, &tn);
	KT_STREQ(tn.parity, "OOOOOEEEEEX");
	if (lx_port_order("40001 40010", 40001, 40010, 11, &lx) == 0)
		KT_STREQ(lx.parity, tn.parity);
}

/* a wide range: each port 2, 4 ... or 16 past the one before */
static void test_port_order_steps(void)
{
	struct order tn, lx;

	tn_port_order("32768 60999", 32768, 60999, 60, &tn);
	KT_EQ(tn.deltas_ok, 1);
	KT_ASSERT(tn.ndeltas >= 3); /* random, not a fixed step */
	KT_ASSERT(!strchr(tn.parity, 'O'));
	if (lx_port_order("32768 60999", 32768, 60999, 60, &lx) == 0) {
		KT_EQ(lx.deltas_ok, 1);
		KT_ASSERT(lx.ndeltas >= 3);
		KT_STREQ(tn.parity, lx.parity);
	}
}

KTEST_MAIN(KT(test_sizing), KT(test_netns_cost), KT(test_child_ehash),
	   KT(test_timewait_pile), KT(test_timewait_bounded),
	   KT(test_port_order_narrow), KT(test_port_order_steps))
