// SPDX-License-Identifier: BSD-2-Clause
/*
 * threads_bench - does a second thread add throughput?  One stack in this
 * process, two pairs of namespaces each joined by its own veth pair, a
 * sender and a receiver socket per pair.  First one thread drives pair 1
 * alone (64-byte datagrams, sent in batches of BENCH_BATCH and drained, as
 * udp_bench does); then two threads, one per pair, at the same time.  It
 * prints the datagram rate of each, their ratio, and the medians of the
 * runs:
 *
 *   udp_pps_64     1 thread 2.31M/s [...]  2 threads 2.40M/s [...]  ratio 1.04
 *
 * The pairs share nothing but the stack, so the ratio shows what the stack
 * itself lets two threads do at once (its lock, and the CPUs there are).
 * Each thread is pinned to a CPU of its own when there are two.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "bench.h"
#include "nlsetup.h"

#define RUNS   7
#define COUNT  400000L
#define SIZE   64
#define RCVBUF (4 << 20)
#define BUFLEN 2048

struct pair {
	char ns_a[16], ns_b[16], dev_a[16], dev_b[16];
	char addr_a[16], addr_b[16];
	int tx, rx;
	int cpu;
	double rate; /* datagrams per second of the last run */
	int err;
};

static struct pair pairs[2];

static void die(const char *what)
{
	fprintf(stderr, "threads_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void pair_setup(struct pair *p, int i)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(BENCH_PORT) };
	int buf = RCVBUF, err;

	snprintf(p->ns_a, sizeof(p->ns_a), "thr%d-a", i);
	snprintf(p->ns_b, sizeof(p->ns_b), "thr%d-b", i);
	snprintf(p->dev_a, sizeof(p->dev_a), "veth%da", i);
	snprintf(p->dev_b, sizeof(p->dev_b), "veth%db", i);
	snprintf(p->addr_a, sizeof(p->addr_a), "10.0.%d.1", i);
	snprintf(p->addr_b, sizeof(p->addr_b), "10.0.%d.2", i);
	if (tn_netns_add(p->ns_a) || tn_netns_add(p->ns_b))
		die("netns add");
	tn_netns_set(p->ns_a);
	err = nl_add_veth(p->dev_a, p->dev_b, p->ns_b);
	if (!err)
		err = nl_addr_up(p->dev_a, p->addr_a, BENCH_PREFIX);
	tn_netns_set(p->ns_b);
	if (!err)
		err = nl_addr_up(p->dev_b, p->addr_b, BENCH_PREFIX);
	if (err) {
		errno = -err;
		die("topology");
	}
	p->rx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (p->rx < 0)
		die("socket");
	if (tn_setsockopt(p->rx, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)))
		tn_setsockopt(p->rx, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	inet_pton(AF_INET, p->addr_b, &sin.sin_addr);
	if (tn_bind(p->rx, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	tn_netns_set(p->ns_a);
	p->tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (p->tx < 0 ||
	    tn_connect(p->tx, (struct sockaddr *)&sin, sizeof(sin)))
		die("connect");
	tn_netns_set(NULL);
}

/* One run on @arg's pair: COUNT datagrams, batch by batch. */
static void *pair_run(void *arg)
{
	static __thread char buf[BUFLEN];
	struct pair *p = arg;
	long sent = 0, got = 0;
	double t0;

	if (p->cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(p->cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	memset(buf, 'x', sizeof(buf));
	t0 = bench_now_ns();
	while (sent < COUNT) {
		int b;

		for (b = 0; b < BENCH_BATCH; b++)
			if (tn_send(p->tx, buf, SIZE, 0) >= 0)
				sent++;
		while (tn_recv(p->rx, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
			got++;
	}
	p->rate = (double)got / ((bench_now_ns() - t0) / 1e9);
	p->err = got ? 0 : EIO;
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	struct tn_stack_config sc = { .clock = TN_CLOCK_REAL };
	double one[RUNS], two[RUNS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct tn_stack *st;
	pthread_t th[2];
	int r, i;

	st = tn_stack_create(&sc);
	if (!st)
		die("tn_stack_create");
	for (i = 0; i < 2; i++)
		pair_setup(&pairs[i], i);
	pairs[0].cpu = ncpu >= 2 ? 0 : -1;
	pairs[1].cpu = ncpu >= 2 ? 1 : -1;
	for (r = 0; r < RUNS; r++) {
		pair_run(&pairs[0]);
		one[r] = pairs[0].rate;
		for (i = 0; i < 2; i++)
			if (pthread_create(&th[i], NULL, pair_run, &pairs[i]))
				die("pthread_create");
		for (i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		if (pairs[0].err || pairs[1].err) {
			errno = EIO;
			die("nothing received");
		}
		two[r] = pairs[0].rate + pairs[1].rate;
	}
	qsort(one, RUNS, sizeof(one[0]), cmp);
	qsort(two, RUNS, sizeof(two[0]), cmp);
	printf("# %ld CPUs; medians [min-max] of %d runs of %ld datagrams\n",
	       ncpu, RUNS, COUNT);
	printf("udp_pps_%-6d 1 thread %.2fM/s [%.2f-%.2f]  "
	       "2 threads %.2fM/s [%.2f-%.2f]  ratio %.2f\n",
	       SIZE, one[RUNS / 2] / 1e6, one[0] / 1e6, one[RUNS - 1] / 1e6,
	       two[RUNS / 2] / 1e6, two[0] / 1e6, two[RUNS - 1] / 1e6,
	       two[RUNS / 2] / one[RUNS / 2]);
	for (i = 0; i < 2; i++) {
		tn_close(pairs[i].tx);
		tn_close(pairs[i].rx);
		tn_netns_del(pairs[i].ns_a);
		tn_netns_del(pairs[i].ns_b);
	}
	tn_stack_destroy(st);
	return 0;
}
