// SPDX-License-Identifier: BSD-2-Clause
/*
 * udp_bench - tuxnet in-process against the Linux kernel, side by side.
 *
 * The same work on both: UDP datagrams from one network namespace to
 * another over a veth pair (64 and 1472 bytes of payload), and ICMP echo
 * round trips the same way.  Everything runs pinned to one CPU, each
 * measurement several times, tuxnet and Linux in turn, and each figure is
 * printed as the median of the runs with their min and max, and the ratio
 * of the medians (tuxnet/Linux):
 *
 *   udp_pps_64     tuxnet 2.31M/s [2.20-2.40]  linux 0.71M/s [0.69-0.74]  ratio 3.25
 *
 * The Linux side needs root (network namespaces); without it only tuxnet
 * is measured.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define MAX_RUNS 101

struct opts {
	int cpu;
	int runs;
	long count; /* datagrams per UDP run */
	long pings; /* round trips per ping run */
	const char *only; /* NULL, or the one side to run */
	struct bench_config cfg;
};

/* What a side measured for one figure, run by run. */
struct side_runs {
	const struct bench_ops *ops;
	int ok; /* the side set up */
	int failed; /* some figure failed */
	const char *why_not; /* "skipped" or "failed" when not @ok */
	int err; /* first error of a run, -errno */
	double v[MAX_RUNS];
	long lost;
};

enum figure_kind { FIG_UDP, FIG_GSO, FIG_PING };

struct figure {
	const char *name;
	enum figure_kind kind;
	size_t size;
};

static const struct figure figures[] = {
	{ "udp_pps_64", FIG_UDP, 64 },
	{ "udp_pps_1472", FIG_UDP, 1472 },
	{ "udp_gso_1472", FIG_GSO, 1472 },
	{ "ping_rtt", FIG_PING, 0 },
};

static void usage(FILE *f)
{
	static const char text[] =
		"usage: udp_bench [-c CPU] [-r RUNS] [-n DATAGRAMS] [-p PINGS] "
		"[-s SIDE] [-V]\n"
		"  -c CPU        pin everything to CPU (default: the last one "
		"allowed)\n"
		"  -r RUNS       runs of each measurement per side (default 5)\n"
		"  -n DATAGRAMS  datagrams per UDP run (default 200000)\n"
		"  -p PINGS      round trips per ping run (default 20000)\n"
		"  -s SIDE       run only tuxnet or only linux (to profile one)\n"
		"  -V            tuxnet on its virtual clock (a diagnostic)\n";

	fputs(text, f);
}

static int parse(int argc, char **argv, struct opts *o)
{
	int c;

	o->cpu = -1;
	o->runs = 5;
	o->count = 200000;
	o->pings = 20000;
	o->only = NULL;
	o->cfg.virtual_clock = 0;
	while ((c = getopt(argc, argv, "c:r:n:p:s:Vh")) != -1) {
		switch (c) {
		case 'c':
			o->cpu = atoi(optarg);
			break;
		case 'r':
			o->runs = atoi(optarg);
			break;
		case 'n':
			o->count = atol(optarg);
			break;
		case 'p':
			o->pings = atol(optarg);
			break;
		case 's':
			o->only = optarg;
			break;
		case 'V':
			o->cfg.virtual_clock = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (o->runs < 1 || o->runs > MAX_RUNS || o->count < 1 || o->pings < 1 ||
	    (o->only && strcmp(o->only, "tuxnet") &&
	     strcmp(o->only, "linux"))) {
		usage(stderr);
		return -1;
	}
	return 0;
}

/* One run of @fig on @s: a sample in s->v[run] unless it fails. */
static void run_once(const struct figure *fig, struct side_runs *s, int run,
		     const struct opts *o, double *rtt)
{
	struct bench_udp_result res;
	struct bench_stats st;
	int err;

	if (!s->ok || s->err)
		return;
	if (fig->kind == FIG_UDP || fig->kind == FIG_GSO) {
		long count = o->count;

		if (fig->kind == FIG_GSO) {
			count -= count % BENCH_GSO_SEGS;
			err = s->ops->udp_gso(fig->size, BENCH_GSO_SEGS, count,
					      &res);
		} else {
			err = s->ops->udp(fig->size, count, &res);
		}
		if (!err && res.received == 0)
			err = -EIO;
		if (!err) {
			s->v[run] = (double)res.received / res.secs;
			s->lost += count - res.received;
		}
	} else {
		err = s->ops->ping(o->pings, rtt);
		if (!err) {
			bench_stats(rtt, (size_t)o->pings, &st);
			s->v[run] = st.median;
		}
	}
	s->err = err;
}

/* "2.31M/s [2.20-2.40]", or why the side has no figure. */
static void format_side(char *buf, size_t len, const struct figure *fig,
			const struct side_runs *s, int runs,
			struct bench_stats *st)
{
	double k;
	const char *unit;

	if (!s->ok) {
		snprintf(buf, len, "%s", s->why_not);
		return;
	}
	if (s->err) {
		snprintf(buf, len, "failed (%s)", strerror(-s->err));
		return;
	}
	bench_stats(s->v, (size_t)runs, st);
	if (fig->kind != FIG_PING) {
		k = 1e6;
		unit = "M/s";
	} else {
		k = 1e3; /* nanoseconds to microseconds */
		unit = "us";
	}
	snprintf(buf, len, "%.2f%s [%.2f-%.2f]", st->median / k, unit,
		 st->min / k, st->max / k);
}

static void report(const struct figure *fig, const struct side_runs *tn,
		   const struct side_runs *lx, const struct opts *o)
{
	struct bench_stats ts = { 0 }, ls = { 0 };
	char a[64], b[64], ratio[32] = "";

	format_side(a, sizeof(a), fig, tn, o->runs, &ts);
	format_side(b, sizeof(b), fig, lx, o->runs, &ls);
	if (tn->ok && !tn->err && lx->ok && !lx->err && ls.median > 0)
		snprintf(ratio, sizeof(ratio), "  ratio %.2f",
			 ts.median / ls.median);
	printf("%-14s tuxnet %s  linux %s%s", fig->name, a, b, ratio);
	if (tn->lost || lx->lost)
		printf("  lost tuxnet %ld linux %ld", tn->lost, lx->lost);
	printf("\n");
	fflush(stdout);
}

/* Resolves ARP and warms caches on a side before anything is timed. */
static int warm_up(const struct bench_ops *ops, double *rtt)
{
	struct bench_udp_result res;
	int err;

	err = ops->udp(64, 4 * BENCH_BATCH, &res);
	if (!err && res.received == 0)
		err = -EIO;
	if (!err)
		err = ops->ping(16, rtt);
	return err;
}

int main(int argc, char **argv)
{
	struct side_runs tn = { .ops = &tuxnet_bench_ops };
	struct side_runs lx = { .ops = &linux_bench_ops };
	struct side_runs *sides[] = { &tn, &lx };
	char why[256];
	struct opts o;
	double *rtt;
	size_t f;
	int i, j, err;

	if (parse(argc, argv, &o))
		return 2;
	err = bench_pin(&o.cpu);
	if (err) {
		fprintf(stderr, "udp_bench: pinning to CPU %d: %s\n", o.cpu,
			strerror(-err));
		return 1;
	}
	rtt = calloc((size_t)(o.pings > 16 ? o.pings : 16), sizeof(*rtt));
	if (!rtt)
		return 1;

	printf("# cpu %d, %d runs per side interleaved, %ld datagrams per UDP "
	       "run in batches of %d, %ld pings per run\n",
	       o.cpu, o.runs, o.count, BENCH_BATCH, o.pings);
	printf("# tuxnet clock %s; linux: connected UDP, sendmmsg/recvmmsg "
	       "of %d, one thread\n",
	       o.cfg.virtual_clock ? "virtual" : "real", BENCH_BATCH);
	printf("# figures: median [min-max] of the runs; ratio = "
	       "tuxnet/linux of the medians\n");
	for (i = 0; i < 2; i++) {
		struct side_runs *s = sides[i];

		if (o.only && strcmp(o.only, s->ops->name)) {
			s->why_not = "not run";
			continue;
		}
		err = s->ops->setup(&o.cfg, why, sizeof(why));
		if (!err) {
			err = warm_up(s->ops, rtt);
			if (err)
				snprintf(why, sizeof(why), "warm-up: %s",
					 strerror(-err));
		}
		if (err) {
			s->why_not =
				err == -EPERM && i == 1 ? "skipped" : "failed";
			printf("%s: %s (%s)\n", s->ops->name, s->why_not, why);
			s->ops->teardown();
		}
		s->ok = !err;
	}
	fflush(stdout);

	for (f = 0; f < sizeof(figures) / sizeof(figures[0]); f++) {
		for (i = 0; i < 2; i++) {
			sides[i]->err = 0;
			sides[i]->lost = 0;
		}
		for (j = 0; j < o.runs; j++)
			for (i = 0; i < 2; i++)
				run_once(&figures[f], sides[i], j, &o, rtt);
		report(&figures[f], &tn, &lx, &o);
		for (i = 0; i < 2; i++)
			sides[i]->failed |= sides[i]->err != 0;
	}

	for (i = 0; i < 2; i++)
		if (sides[i]->ok)
			sides[i]->ops->teardown();
	free(rtt);
	if (o.only && !strcmp(o.only, "linux"))
		return lx.ok && !lx.failed ? 0 : 1;
	return tn.ok && !tn.failed ? 0 : 1;
}
