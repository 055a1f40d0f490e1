// SPDX-License-Identifier: BSD-2-Clause
/*
 * fib_bench: a big routing table, tuxnet beside the Linux kernel.
 *
 *	fib_bench [-n ROUTES] [-l LOOKUPS] [-s tuxnet|linux] [-t] [-T]
 *
 * The same work on both sides, in one run:
 *  - a namespace with a veth whose address is 10.0.0.1/24;
 *  - ROUTES (default 1,000,000) random distinct prefixes (/8 to /32, most
 *    of them /24 as in an Internet table) added "via 10.0.0.2" with
 *    RTM_NEWROUTE (NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, as ip sends it)
 *    on a NETLINK_ROUTE socket, 64 requests per send, every ack read;
 *  - lookups: connect() of a UDP socket to LOOKUPS random addresses inside
 *    the table's prefixes, timed when the table holds 1,000 routes and
 *    again at ROUTES.  A UDP connect is one route lookup (ip_route_connect)
 *    plus the socket's bookkeeping, on both sides the same; the fixed part
 *    is in both figures, so the 1M/1k ratio understates the lookup's own
 *    growth a little.
 *
 * -t prints each side's /proc/net/fib_triestat after the inserts: the
 * same routes in the same order must give the same trie.
 *
 * tuxnet runs in this process on its real clock; Linux needs root: the
 * program unshares a new network namespace, makes the veth with ip(8),
 * does the same work with system calls, and returns to its namespace,
 * which frees the new one.  Times are the host's CLOCK_MONOTONIC.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "bench.h"
#include "nlsetup.h"

#define NL_BATCH   64
#define SMALL_SIZE 1000

struct route {
	uint32_t key; /* host order */
	uint8_t plen;
};

/* The calls one side makes: the host's or tuxnet's. */
struct side {
	const char *name;
	int (*socket)(int domain, int type, int protocol);
	ssize_t (*send)(int fd, const void *buf, size_t len, int flags);
	ssize_t (*recv)(int fd, void *buf, size_t len, int flags);
	int (*connect)(int fd, const struct sockaddr *addr, socklen_t len);
	int (*close)(int fd);
};

static size_t put_route(char *buf, const struct route *r, uint32_t seq);

/*
 * The trie's shape after the inserts: -t prints /proc/net/fib_triestat;
 * -T also /proc/net/fib_trie, then deletes every third route and prints
 * both again (tests/tools/fib_trie_compare.sh diffs the two sides).
 */
static int show_stat, show_trie;

static void print_proc(const char *name, const char *path,
		       int (*openf)(const char *, int, ...),
		       ssize_t (*readf)(int, void *, size_t),
		       int (*closef)(int))
{
	static char buf[1 << 20];
	ssize_t n, got = 0;
	int fd = openf(path, O_RDONLY);

	if (fd < 0)
		return;
	while (got < (ssize_t)sizeof(buf) - 1 &&
	       (n = readf(fd, buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	buf[got] = 0;
	closef(fd);
	printf("# %s %s:\n%s", name, path, buf);
}

static void print_tries(const char *name, int tux)
{
	if (tux) {
		if (show_trie)
			print_proc(name, "/proc/net/fib_trie", tn_open, tn_read,
				   tn_close);
		print_proc(name, "/proc/net/fib_triestat", tn_open, tn_read,
			   tn_close);
	} else {
		if (show_trie)
			print_proc(name, "/proc/net/fib_trie", open, read,
				   close);
		print_proc(name, "/proc/net/fib_triestat", open, read, close);
	}
}

static size_t put_delroute(char *buf, const struct route *r, uint32_t seq)
{
	size_t len = put_route(buf, r, seq);
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	nlh->nlmsg_type = RTM_DELROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	return len;
}

struct result {
	double insert_s; /* ROUTES inserts */
	double lookup_1k; /* ns per connect at 1,000 routes */
	double lookup_big; /* ns per connect at ROUTES */
	long failed; /* inserts refused */
};

static struct route *routes;
static uint32_t *dests_1k, *dests_big;
static long nroutes = 1000000, nlookups = 200000;

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Distinct prefixes outside 0/8, 10/8, 127/8 and 224/3 (open hashing). */
static void make_routes(void)
{
	size_t hsz = 1;
	uint64_t *set;
	long i = 0;

	while (hsz < (size_t)nroutes * 2)
		hsz <<= 1;
	set = calloc(hsz, sizeof(*set));
	routes = calloc((size_t)nroutes, sizeof(*routes));
	if (!set || !routes) {
		perror("calloc");
		exit(1);
	}
	while (i < nroutes) {
		uint32_t r = rnd() % 100, key = rnd();
		uint8_t plen = r < 60 ? 24 : (uint8_t)(8 + rnd() % 25);
		uint64_t v;
		size_t h;
		unsigned int top;

		key &= plen ? ~0U << (32 - plen) : 0;
		top = key >> 24;
		if (top == 0 || top == 10 || top == 127 || top >= 224)
			continue;
		v = ((uint64_t)key << 8 | plen) + 1;
		for (h = (size_t)((v * 0x9e3779b97f4a7c15ULL) >> 20) &
			 (hsz - 1);
		     set[h] && set[h] != v; h = (h + 1) & (hsz - 1))
			;
		if (set[h])
			continue;
		set[h] = v;
		routes[i].key = key;
		routes[i].plen = plen;
		i++;
	}
	free(set);
}

/* Random addresses inside the first @n prefixes. */
static uint32_t *make_dests(long n)
{
	uint32_t *d = calloc((size_t)nlookups, sizeof(*d));
	long i;

	if (!d) {
		perror("calloc");
		exit(1);
	}
	for (i = 0; i < nlookups; i++) {
		const struct route *r = &routes[rnd() % (uint32_t)n];
		uint32_t host = r->plen < 32 ? rnd() & (~0U >> r->plen) : 0;

		d[i] = r->key | host;
	}
	return d;
}

static size_t put_route(char *buf, const struct route *r, uint32_t seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct rtmsg *rtm = NLMSG_DATA(nlh);
	struct rtattr *rta;
	uint32_t dst = htonl(r->key), gw;

	inet_pton(AF_INET, BENCH_ADDR_B, &gw);
	memset(buf, 0, NLMSG_SPACE(sizeof(*rtm)) + 2 * RTA_SPACE(4));
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(*rtm));
	nlh->nlmsg_type = RTM_NEWROUTE;
	nlh->nlmsg_flags =
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	nlh->nlmsg_seq = seq;
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = r->plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	rta = (struct rtattr *)(buf + NLMSG_ALIGN(nlh->nlmsg_len));
	rta->rta_type = RTA_DST;
	rta->rta_len = RTA_LENGTH(4);
	memcpy(RTA_DATA(rta), &dst, 4);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + RTA_SPACE(4);
	rta = (struct rtattr *)(buf + nlh->nlmsg_len);
	rta->rta_type = RTA_GATEWAY;
	rta->rta_len = RTA_LENGTH(4);
	memcpy(RTA_DATA(rta), &gw, 4);
	nlh->nlmsg_len += RTA_SPACE(4);
	return nlh->nlmsg_len;
}

/*
 * Adds routes [from, to) in batches (every @step-th deletes them instead);
 * returns how many were refused.
 */
static long nl_routes(const struct side *s, int nl, long from, long to,
		      long step)
{
	static char buf[NL_BATCH * 128], rbuf[65536];
	long failed = 0, i = from;

	while (i < to) {
		size_t len = 0;
		int n, acks = 0;

		for (n = 0; n < NL_BATCH && i < to; n++, i += step) {
			if (step > 1)
				len += put_delroute(buf + len, &routes[i],
						    (uint32_t)i);
			else
				len += put_route(buf + len, &routes[i],
						 (uint32_t)i);
		}
		if (s->send(nl, buf, len, 0) != (ssize_t)len) {
			perror("send");
			exit(1);
		}
		while (acks < n) {
			ssize_t got = s->recv(nl, rbuf, sizeof(rbuf), 0);
			size_t pos = 0;

			if (got < 0) {
				perror("recv");
				exit(1);
			}
			while (pos + sizeof(struct nlmsghdr) <= (size_t)got) {
				struct nlmsghdr *h =
					(struct nlmsghdr *)(rbuf + pos);
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (h->nlmsg_len < sizeof(*h) ||
				    h->nlmsg_len > (size_t)got - pos)
					break;
				pos += NLMSG_ALIGN(h->nlmsg_len);
				if (h->nlmsg_type != NLMSG_ERROR)
					continue;
				acks++;
				if (e->error && failed++ < 3)
					fprintf(stderr, "# %s: route %u: %s\n",
						s->name, h->nlmsg_seq,
						strerror(-e->error));
			}
		}
	}
	return failed;
}

static long add_routes(const struct side *s, int nl, long from, long to)
{
	return nl_routes(s, nl, from, to, 1);
}

static double time_connects(const struct side *s, const uint32_t *dests)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(BENCH_PORT) };
	int fd = s->socket(AF_INET, SOCK_DGRAM, 0);
	double t0, t1;
	long i;

	if (fd < 0) {
		perror("socket");
		exit(1);
	}
	for (i = 0; i < nlookups / 10; i++) { /* warm up */
		sin.sin_addr.s_addr = htonl(dests[i]);
		s->connect(fd, (struct sockaddr *)&sin, sizeof(sin));
	}
	t0 = bench_now_ns();
	for (i = 0; i < nlookups; i++) {
		sin.sin_addr.s_addr = htonl(dests[i]);
		if (s->connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
			perror("connect");
			exit(1);
		}
	}
	t1 = bench_now_ns();
	s->close(fd);
	return (t1 - t0) / (double)nlookups;
}

static void run(const struct side *s, struct result *res)
{
	int nl = s->socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	long small = nroutes < SMALL_SIZE ? nroutes : SMALL_SIZE;
	double t0, t1;

	if (nl < 0) {
		perror("netlink socket");
		exit(1);
	}
	/* insertion time: both parts, without the lookups between them */
	t0 = bench_now_ns();
	res->failed = add_routes(s, nl, 0, small);
	t1 = bench_now_ns();
	res->insert_s = (t1 - t0) / 1e9;
	res->lookup_1k = time_connects(s, dests_1k);
	t0 = bench_now_ns();
	res->failed += add_routes(s, nl, small, nroutes);
	t1 = bench_now_ns();
	res->insert_s += (t1 - t0) / 1e9;
	if (show_stat || show_trie)
		print_tries(s->name, s->socket == tn_socket);
	res->lookup_big = time_connects(s, dests_big);
	if (show_trie) {
		res->failed += nl_routes(s, nl, 0, nroutes, 3);
		print_tries(s->name, s->socket == tn_socket);
	}
	s->close(nl);
}

/* ---- tuxnet ---- */

static const struct side tuxnet_side = {
	.name = "tuxnet",
	.socket = tn_socket,
	.send = tn_send,
	.recv = tn_recv,
	.connect = tn_connect,
	.close = tn_close,
};

/* ip link set lo up: its 127/8 routes, as on the Linux side */
static int lo_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0), err = 0;

	if (fd < 0)
		return -errno;
	if (tn_ioctl(fd, SIOCGIFFLAGS, &ifr))
		err = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (!err && tn_ioctl(fd, SIOCSIFFLAGS, &ifr))
		err = -errno;
	tn_close(fd);
	return err;
}

static int run_tuxnet(struct result *res)
{
	struct tn_stack_config sc = { .clock = TN_CLOCK_REAL };
	struct tn_stack *st = tn_stack_create(&sc);
	int err;

	if (!st) {
		perror("tn_stack_create");
		return -1;
	}
	if (tn_netns_add("fibbench") || tn_netns_add("fibpeer")) {
		perror("tn_netns_add");
		return -1;
	}
	tn_netns_set("fibbench");
	err = lo_up();
	if (!err)
		err = nl_add_veth("veth0", "veth1", "fibpeer");
	if (!err)
		err = nl_addr_up("veth0", BENCH_ADDR_A, BENCH_PREFIX);
	if (err) {
		fprintf(stderr, "tuxnet setup: %s\n", strerror(-err));
		return -1;
	}
	run(&tuxnet_side, res);
	tn_netns_set(NULL);
	tn_netns_del("fibbench");
	tn_netns_del("fibpeer");
	tn_stack_destroy(st);
	return 0;
}

/* ---- Linux ---- */

static const struct side linux_side = {
	.name = "linux",
	.socket = socket,
	.send = send,
	.recv = recv,
	.connect = connect,
	.close = close,
};

static int run_linux(struct result *res)
{
	int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);

	if (home < 0 || unshare(CLONE_NEWNET)) {
		if (home >= 0)
			close(home);
		return -1;
	}
	if (system("ip link add tnb0 type veth peer name tnb1 && "
		   "ip link set lo up && ip link set tnb1 up && "
		   "ip addr add " BENCH_ADDR_A "/24 dev tnb0 && "
		   "ip link set tnb0 up")) {
		fprintf(stderr, "linux setup failed\n");
		setns(home, CLONE_NEWNET);
		close(home);
		return -1;
	}
	run(&linux_side, res);
	/* back home: the namespace and its veth go with the last reference */
	if (setns(home, CLONE_NEWNET))
		perror("setns");
	close(home);
	return 0;
}

static void print(const char *name, const struct result *r)
{
	printf("%-7s insert %ld routes: %.3f s (%.0f routes/s, %ld refused)\n",
	       name, nroutes, r->insert_s, (double)nroutes / r->insert_s,
	       r->failed);
	printf("%-7s connect() at %d routes: %.0f ns, at %ld: %.0f ns "
	       "(x%.2f)\n",
	       name, SMALL_SIZE, r->lookup_1k, nroutes, r->lookup_big,
	       r->lookup_big / r->lookup_1k);
}

int main(int argc, char **argv)
{
	struct result tx = { 0 }, lx = { 0 };
	const char *only = NULL;
	int opt, have_tx = 0, have_lx = 0;

	while ((opt = getopt(argc, argv, "n:l:s:tT")) != -1) {
		switch (opt) {
		case 't':
			show_stat = 1;
			break;
		case 'T':
			show_trie = 1;
			break;
		case 'n':
			nroutes = atol(optarg);
			break;
		case 'l':
			nlookups = atol(optarg);
			break;
		case 's':
			only = optarg;
			break;
		default:
			fprintf(stderr,
				"usage: fib_bench [-n ROUTES] [-l LOOKUPS] "
				"[-s tuxnet|linux]\n");
			return 2;
		}
	}
	if (nroutes < 1 || nlookups < 10) {
		fprintf(stderr, "fib_bench: bad -n or -l\n");
		return 2;
	}
	make_routes();
	dests_1k = make_dests(nroutes < SMALL_SIZE ? nroutes : SMALL_SIZE);
	dests_big = make_dests(nroutes);

	if (!only || !strcmp(only, "tuxnet")) {
		have_tx = !run_tuxnet(&tx);
		if (have_tx)
			print("tuxnet", &tx);
	}
	if (!only || !strcmp(only, "linux")) {
		if (geteuid())
			printf("linux: skipped (needs root)\n");
		else if (run_linux(&lx))
			printf("linux: skipped (%s)\n", strerror(errno));
		else
			have_lx = 1;
		if (have_lx)
			print("linux", &lx);
	}
	if (have_tx && have_lx)
		printf("ratio tuxnet/linux: insert x%.2f, connect at %d x%.2f, "
		       "at %ld x%.2f\n",
		       tx.insert_s / lx.insert_s, SMALL_SIZE,
		       tx.lookup_1k / lx.lookup_1k, nroutes,
		       tx.lookup_big / lx.lookup_big);
	return 0;
}
