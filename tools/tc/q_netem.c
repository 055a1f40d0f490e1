// SPDX-License-Identifier: BSD-2-Clause
/*
 * tc's netem: the options as iproute2 6.1 parses them (its messages and
 * exit codes) and prints them (times, percentages and rates rounded as
 * it rounds them).  One addition, as iproute2 6.4 has it: `seed N`
 * (TCA_NETEM_PRNG_SEED); 6.1 neither parses nor prints it, and so the
 * output here does not show it either.
 *
 * Distribution tables: iproute2 reads normal, pareto and paretonormal
 * from files its build generates (netem/normal.c ...).  Here the same
 * formulas run when the option is given (netem_dist_make()), so nothing is
 * read from the host; any other name is read from TC_LIB_DIR (default
 * iproute2's directory) as iproute2 reads it.
 * iproute2: tc/q_netem.c, lib/utils.c (get_time, parse_percent),
 * tc/tc_core.c (ticks), tc/tc_util.c (sprint_rate, sprint_time).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tc_common.h"

#ifndef TCA_NETEM_PRNG_SEED
#define TCA_NETEM_PRNG_SEED (TCA_NETEM_SLOT_DIST + 1)
#endif

#define MAX_DIST 16384
/* the psched clock of Linux (/proc/net/psched): 64 ns ticks */
#define TICK_IN_USEC 15.625
#define TC_LIB_DIR   "/usr/lib/x86_64-linux-gnu/tc/"

static void explain(void)
{
	fprintf(stderr,
		"Usage: ... netem [ limit PACKETS ]\n"
		"                 [ delay TIME [ JITTER [CORRELATION]]]\n"
		"                 [ distribution {uniform|normal|pareto|paretonormal} ]\n"
		"                 [ corrupt PERCENT [CORRELATION]]\n"
		"                 [ duplicate PERCENT [CORRELATION]]\n"
		"                 [ loss random PERCENT [CORRELATION]]\n"
		"                 [ loss state P13 [P31 [P32 [P23 P14]]]\n"
		"                 [ loss gemodel PERCENT [R [1-H [1-K]]]\n"
		"                 [ ecn ]\n"
		"                 [ reorder PERCENT [CORRELATION] [ gap DISTANCE ]]\n"
		"                 [ rate RATE [PACKETOVERHEAD] [CELLSIZE] [CELLOVERHEAD]]\n"
		"                 [ slot MIN_DELAY [MAX_DELAY] [packets MAX_PACKETS] [bytes MAX_BYTES]]\n"
		"                 [ slot distribution {uniform|normal|pareto|paretonormal|custom}\n"
		"                   DELAY JITTER [packets MAX_PACKETS] [bytes MAX_BYTES]]\n");
}

static void explain1(const char *arg)
{
	fprintf(stderr, "Illegal \"%s\"\n", arg);
}

/* ---- the distribution tables, from iproute2's formulas ---- */

#define DIST_TABLESIZE 16384
#define DIST_FACTOR    NETEM_DIST_SCALE

/* the normal table: x at each 1/16384 step of the normal CDF */
static double *normal_table(void)
{
	double *t = calloc(DIST_TABLESIZE + 1, sizeof(*t));
	double x = -10.0;

	if (!t)
		return NULL;
	/* x from -10 in steps of 1/20000, summed as iproute2's loop sums
	 * it (the rounding of the sum decides a few entries) */
	while (x < 10.05) {
		double cdf = .5 + .5 * erf(x / sqrt(2.0));

		t[(int)rint(DIST_TABLESIZE * cdf)] = x;
		x += .00005;
	}
	return t;
}

/* pareto with a = 3, shifted to mean 0, in sigma / NETEM_DIST_SCALE */
static int pareto_value(int i)
{
	double d = (double)i / 65536.0;

	d = 1.0 / pow(d, 1.0 / 3.0);
	d -= 1.5;
	d *= (4.0 / 3.0) * DIST_FACTOR;
	if (d > 32767)
		d = 32767;
	return (int)rint(d);
}

static int16_t clamp16(int v)
{
	if (v < -32768)
		return -32768;
	if (v > 32767)
		return 32767;
	return (int16_t)v;
}

/* netem_dist_make - the table @name names; its size, or 0 if unknown */
static int netem_dist_make(const char *name, int16_t *data)
{
	double *nt;
	int i, n = 0;

	if (!strcmp(name, "pareto")) {
		for (i = 65536; i > 0; i -= 16)
			data[n++] = clamp16(pareto_value(i));
		return n;
	}
	if (strcmp(name, "normal") && strcmp(name, "paretonormal"))
		return 0;
	nt = normal_table();
	if (!nt)
		return 0;
	for (i = 0; i < DIST_TABLESIZE; i += 4) {
		int v = (int)rint(nt[i] * DIST_FACTOR);

		/* paretonormal: a quarter normal, three quarters pareto */
		if (strcmp(name, "normal"))
			v = (v + 3 * pareto_value(65536 - 4 * i)) / 4;
		data[n++] = clamp16(v);
	}
	free(nt);
	return n;
}

/* get_distribution - a table by name: built in, or from a .dist file
 * (comment lines with #, numbers); its size, or -1 after saying why */
static int get_distribution(const char *type, int16_t *data, int maxdata)
{
	const char *lib = getenv("TC_LIB_DIR");
	char name[128], *line = NULL;
	size_t len = 0;
	FILE *f;
	int n;

	n = netem_dist_make(type, data);
	if (n)
		return n;
	(void)snprintf(name, sizeof(name), "%s/%s.dist", lib ? lib : TC_LIB_DIR,
		       type);
	f = fopen(name, "r");
	if (!f) {
		fprintf(stderr, "No distribution data for %s (%s: %s)\n", type,
			name, strerror(errno));
		return -1;
	}
	n = 0;
	while (getline(&line, &len, f) != -1) {
		char *p, *endp;

		if (*line == '\n' || *line == '#')
			continue;
		for (p = line;; p = endp) {
			long x = strtol(p, &endp, 0);

			if (endp == p)
				break;
			if (n >= maxdata) {
				fprintf(stderr, "%s: too much data\n", name);
				n = -1;
				goto out;
			}
			data[n++] = (int16_t)x;
		}
	}
out:
	free(line);
	(void)fclose(f);
	return n;
}

/* ---- values ---- */

/* get_time - iproute2's: "10ms", "1.5s", "100" (us) into microseconds;
 * the double goes to unsigned through 64 bits, as on x86-64 */
static int get_time(unsigned int *time, const char *str)
{
	char *p;
	double t = strtod(str, &p);

	if (p == str)
		return -1;
	if (*p) {
		if (!strcasecmp(p, "s") || !strcasecmp(p, "sec") ||
		    !strcasecmp(p, "secs"))
			t *= 1000000;
		else if (!strcasecmp(p, "ms") || !strcasecmp(p, "msec") ||
			 !strcasecmp(p, "msecs"))
			t *= 1000;
		else if (!strcasecmp(p, "us") || !strcasecmp(p, "usec") ||
			 !strcasecmp(p, "usecs"))
			t *= 1;
		else
			return -1;
	}
	*time = (unsigned int)(long long)t;
	return 0;
}

/* get_time64 - the same in nanoseconds (bare numbers are ns) */
static int get_time64(long long *time, const char *str)
{
	char *p;
	double t = strtod(str, &p);

	if (p == str)
		return -1;
	if (*p) {
		if (!strcasecmp(p, "s") || !strcasecmp(p, "sec") ||
		    !strcasecmp(p, "secs"))
			t *= 1e9;
		else if (!strcasecmp(p, "ms") || !strcasecmp(p, "msec") ||
			 !strcasecmp(p, "msecs"))
			t *= 1e6;
		else if (!strcasecmp(p, "us") || !strcasecmp(p, "usec") ||
			 !strcasecmp(p, "usecs"))
			t *= 1e3;
		else if (!strcasecmp(p, "ns") || !strcasecmp(p, "nsec") ||
			 !strcasecmp(p, "nsecs"))
			t *= 1;
		else
			return -1;
	}
	*time = (long long)t;
	return 0;
}

static int get_ticks(uint32_t *ticks, const char *str)
{
	unsigned int t;

	if (get_time(&t, str))
		return -1;
	if ((uint64_t)((double)t * TICK_IN_USEC) >> 32) {
		fprintf(stderr, "Illegal %u time (too large)\n", t);
		return -1;
	}
	*ticks = (uint32_t)((double)t * TICK_IN_USEC);
	return 0;
}

/* parse_percent - "25%" or "25" as a fraction; 1 out of range, -1 bad */
static int parse_percent(double *val, const char *str)
{
	char *p;

	*val = strtod(str, &p) / 100.;
	if (*val > 1.0 || *val < 0.0)
		return 1;
	if (*p && strcmp(p, "%"))
		return -1;
	return 0;
}

static void set_percent(uint32_t *percent, double per)
{
	*percent = (uint32_t)rint(per * UINT32_MAX);
}

static int get_percent(uint32_t *percent, const char *str)
{
	double per;

	if (parse_percent(&per, str))
		return -1;
	set_percent(percent, per);
	return 0;
}

/* get_rate64 - "1mbit", "100kbps"... in bytes per second */
static int get_rate64(uint64_t *rate, const char *str)
{
	static const struct {
		const char *name;
		double scale;
	} sfx[] = {
		{ "bit", 1. },
		{ "Kibit", 1024. },
		{ "kbit", 1000. },
		{ "mibit", 1024. * 1024. },
		{ "mbit", 1000000. },
		{ "gibit", 1024. * 1024. * 1024. },
		{ "gbit", 1000000000. },
		{ "tibit", 1024. * 1024. * 1024. * 1024. },
		{ "tbit", 1000000000000. },
		{ "Bps", 8. },
		{ "KiBps", 8. * 1024. },
		{ "KBps", 8000. },
		{ "MiBps", 8. * 1024 * 1024 },
		{ "MBps", 8000000. },
		{ "GiBps", 8. * 1024. * 1024. * 1024. },
		{ "GBps", 8000000000. },
		{ "TiBps", 8. * 1024. * 1024. * 1024. * 1024. },
		{ "TBps", 8000000000000. },
	};
	char *p;
	double bps = strtod(str, &p);
	size_t i;

	if (p == str)
		return -1;
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		if (!strcasecmp(sfx[i].name, p)) {
			bps *= sfx[i].scale;
			p += strlen(p);
			break;
		}
	}
	if (*p)
		return -1;
	bps /= 8;
	*rate = (uint64_t)(long long)bps;
	return 0;
}

static int get_s32(int32_t *val, const char *arg)
{
	char *end;
	long long v;

	if (!arg || !*arg)
		return -1;
	v = strtoll(arg, &end, 0);
	if (*end || v > INT32_MAX || v < INT32_MIN)
		return -1;
	*val = (int32_t)v;
	return 0;
}

static int get_u64(uint64_t *val, const char *arg)
{
	char *end;

	if (!arg || !*arg || *arg == '-')
		return -1;
	errno = 0;
	*val = strtoull(arg, &end, 10);
	return *end || errno ? -1 : 0;
}

/* ---- parsing ---- */

#define NEXT_ARG_OK()	 (argc - 1 > 0)
#define NEXT_IS_NUMBER() (NEXT_ARG_OK() && isdigit((unsigned char)argv[1][0]))
#define NEXT_IS_SIGNED_NUMBER() \
	(NEXT_ARG_OK() &&       \
	 (isdigit((unsigned char)argv[1][0]) || argv[1][0] == '-'))

struct netem_args {
	struct tc_netem_qopt opt;
	struct tc_netem_corr cor;
	struct tc_netem_reorder reorder;
	struct tc_netem_corrupt corrupt;
	struct tc_netem_gimodel gimodel;
	struct tc_netem_gemodel gemodel;
	struct tc_netem_rate rate;
	struct tc_netem_slot slot;
	uint64_t rate64, seed;
	uint16_t loss_type;
	int present[TCA_NETEM_PRNG_SEED + 1];
	int16_t *dist_data, *slot_dist_data;
	int dist_size, slot_dist_size;
};

static int parse_loss(struct netem_args *a, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	int ret = -1;

	if (a->opt.loss > 0 || a->loss_type != NETEM_LOSS_UNSPEC) {
		explain1("duplicate loss argument\n");
		return -1;
	}
	NEXT_ARG();
	if (isdigit((unsigned char)argv[0][0]) || !strcmp(*argv, "random")) {
		if (!isdigit((unsigned char)argv[0][0]))
			NEXT_ARG();
		if (get_percent(&a->opt.loss, *argv)) {
			explain1("loss percent");
			goto out;
		}
		if (NEXT_IS_NUMBER()) {
			NEXT_ARG();
			++a->present[TCA_NETEM_CORR];
			if (get_percent(&a->cor.loss_corr, *argv)) {
				explain1("loss correllation");
				goto out;
			}
		}
	} else if (!strcmp(*argv, "state")) {
		static const char *const what[] = { "loss p31", "loss p32",
						    "loss p23", "loss p14" };
		uint32_t *p[] = { &a->gimodel.p31, &a->gimodel.p32,
				  &a->gimodel.p23, &a->gimodel.p14 };
		double p13;
		int i;

		NEXT_ARG();
		if (parse_percent(&p13, *argv)) {
			explain1("loss p13");
			goto out;
		}
		set_percent(&a->gimodel.p13, p13);
		set_percent(&a->gimodel.p31, 1. - p13);
		set_percent(&a->gimodel.p32, 0);
		set_percent(&a->gimodel.p23, 1.);
		set_percent(&a->gimodel.p14, 0);
		a->loss_type = NETEM_LOSS_GI;
		for (i = 0; i < 4 && NEXT_IS_NUMBER(); i++) {
			NEXT_ARG();
			if (get_percent(p[i], *argv)) {
				explain1(what[i]);
				goto out;
			}
		}
	} else if (!strcmp(*argv, "gemodel")) {
		static const char *const what[] = { "loss gemodel r",
						    "loss gemodel h",
						    "loss gemodel k" };
		uint32_t *p[] = { &a->gemodel.r, &a->gemodel.h,
				  &a->gemodel.k1 };
		double pv;
		int i;

		NEXT_ARG();
		if (parse_percent(&pv, *argv)) {
			explain1("loss gemodel p");
			goto out;
		}
		set_percent(&a->gemodel.p, pv);
		set_percent(&a->gemodel.r, 1. - pv);
		set_percent(&a->gemodel.h, 0);
		set_percent(&a->gemodel.k1, 0);
		a->loss_type = NETEM_LOSS_GE;
		for (i = 0; i < 3 && NEXT_IS_NUMBER(); i++) {
			NEXT_ARG();
			if (get_percent(p[i], *argv)) {
				explain1(what[i]);
				goto out;
			}
			/* tc's option is 1-h, the kernel takes h */
			if (i == 1)
				a->gemodel.h = UINT32_MAX - a->gemodel.h;
		}
	} else {
		fprintf(stderr, "Unknown loss parameter: %s\n", *argv);
		goto out;
	}
	ret = 0;
out:
	*argcp = argc;
	*argvp = argv;
	return ret;
}

static int parse_slot(struct netem_args *a, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	int ret = -1;

	if (NEXT_IS_NUMBER()) {
		NEXT_ARG();
		a->present[TCA_NETEM_SLOT] = 1;
		if (get_time64(&a->slot.min_delay, *argv)) {
			explain1("slot min_delay");
			goto out;
		}
		if (NEXT_IS_NUMBER()) {
			NEXT_ARG();
			if (get_time64(&a->slot.max_delay, *argv) ||
			    a->slot.max_delay < a->slot.min_delay) {
				explain1("slot max_delay");
				goto out;
			}
		} else {
			a->slot.max_delay = a->slot.min_delay;
		}
	} else {
		NEXT_ARG();
		if (strcmp(*argv, "distribution")) {
			fprintf(stderr, "Unknown slot parameter: %s\n", *argv);
			goto out;
		}
		a->present[TCA_NETEM_SLOT] = 1;
		NEXT_ARG();
		free(a->slot_dist_data);
		a->slot_dist_data = calloc(MAX_DIST, sizeof(int16_t));
		if (!a->slot_dist_data)
			goto out;
		a->slot_dist_size =
			get_distribution(*argv, a->slot_dist_data, MAX_DIST);
		if (a->slot_dist_size <= 0)
			goto out;
		NEXT_ARG();
		if (get_time64(&a->slot.dist_delay, *argv)) {
			explain1("slot delay");
			goto out;
		}
		NEXT_ARG();
		if (get_time64(&a->slot.dist_jitter, *argv)) {
			explain1("slot jitter");
			goto out;
		}
		if (a->slot.dist_jitter <= 0) {
			fprintf(stderr, "Non-positive jitter\n");
			goto out;
		}
	}
	if (NEXT_ARG_OK() && matches(argv[1], "packets") == 0) {
		NEXT_ARG();
		if (!NEXT_ARG_OK() || get_s32(&a->slot.max_packets, argv[1])) {
			explain1("slot packets");
			goto out;
		}
		NEXT_ARG();
	}
	if (NEXT_ARG_OK() && matches(argv[1], "bytes") == 0) {
		unsigned int max_bytes;

		NEXT_ARG();
		if (!NEXT_ARG_OK() || get_size(&max_bytes, argv[1])) {
			explain1("slot bytes");
			goto out;
		}
		a->slot.max_bytes = (int)max_bytes;
		NEXT_ARG();
	}
	ret = 0;
out:
	*argcp = argc;
	*argvp = argv;
	return ret;
}

static int parse_rate(struct netem_args *a, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	int ret = -1;

	++a->present[TCA_NETEM_RATE];
	NEXT_ARG();
	/* a share of the link's speed (iproute2 reads sysfs): tuxnet's
	 * devices report none, so it is refused */
	if (strchr(*argv, '%')) {
		explain1("rate");
		goto out;
	}
	if (get_rate64(&a->rate64, *argv)) {
		explain1("rate");
		goto out;
	}
	if (NEXT_IS_SIGNED_NUMBER()) {
		NEXT_ARG();
		if (get_s32(&a->rate.packet_overhead, *argv)) {
			explain1("rate");
			goto out;
		}
	}
	if (NEXT_IS_NUMBER()) {
		NEXT_ARG();
		if (get_u32(&a->rate.cell_size, *argv, 0)) {
			explain1("rate");
			goto out;
		}
	}
	if (NEXT_IS_SIGNED_NUMBER()) {
		NEXT_ARG();
		if (get_s32(&a->rate.cell_overhead, *argv)) {
			explain1("rate");
			goto out;
		}
	}
	ret = 0;
out:
	*argcp = argc;
	*argvp = argv;
	return ret;
}

/* parse_pct_corr - "PERCENT [CORRELATION]" into @p and @corr */
static int parse_pct_corr(const char *what, uint32_t *p, uint32_t *corr,
			  int *present_corr, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	int ret = -1;

	NEXT_ARG();
	if (get_percent(p, *argv)) {
		explain1(what);
		goto out;
	}
	if (NEXT_IS_NUMBER()) {
		NEXT_ARG();
		if (present_corr)
			++*present_corr;
		if (get_percent(corr, *argv)) {
			explain1(what);
			goto out;
		}
	}
	ret = 0;
out:
	*argcp = argc;
	*argvp = argv;
	return ret;
}

/* "delay TIME [JITTER [CORRELATION]]" */
static int parse_delay(struct netem_args *a, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	int ret = -1;

	NEXT_ARG();
	if (get_ticks(&a->opt.latency, *argv))
		goto bad;
	if (NEXT_IS_NUMBER()) {
		NEXT_ARG();
		if (get_ticks(&a->opt.jitter, *argv))
			goto bad;
		if (NEXT_IS_NUMBER()) {
			NEXT_ARG();
			++a->present[TCA_NETEM_CORR];
			if (get_percent(&a->cor.delay_corr, *argv))
				goto bad;
		}
	}
	ret = 0;
	goto out;
bad:
	explain1("latency");
out:
	*argcp = argc;
	*argvp = argv;
	return ret;
}

static int netem_parse_args(struct netem_args *a, int argc, char **argv)
{
	for (; argc > 0; --argc, ++argv) {
		if (matches(*argv, "limit") == 0) {
			NEXT_ARG();
			if (get_size(&a->opt.limit, *argv)) {
				explain1("limit");
				return -1;
			}
		} else if (matches(*argv, "latency") == 0 ||
			   matches(*argv, "delay") == 0) {
			if (parse_delay(a, &argc, &argv))
				return -1;
		} else if (matches(*argv, "loss") == 0 ||
			   matches(*argv, "drop") == 0) {
			if (parse_loss(a, &argc, &argv))
				return -1;
		} else if (matches(*argv, "ecn") == 0) {
			a->present[TCA_NETEM_ECN] = 1;
		} else if (matches(*argv, "reorder") == 0) {
			a->present[TCA_NETEM_REORDER] = 1;
			if (parse_pct_corr("reorder", &a->reorder.probability,
					   &a->reorder.correlation,
					   &a->present[TCA_NETEM_CORR], &argc,
					   &argv))
				return -1;
		} else if (matches(*argv, "corrupt") == 0) {
			a->present[TCA_NETEM_CORRUPT] = 1;
			if (parse_pct_corr("corrupt", &a->corrupt.probability,
					   &a->corrupt.correlation,
					   &a->present[TCA_NETEM_CORR], &argc,
					   &argv))
				return -1;
		} else if (matches(*argv, "gap") == 0) {
			NEXT_ARG();
			if (get_u32(&a->opt.gap, *argv, 0)) {
				explain1("gap");
				return -1;
			}
		} else if (matches(*argv, "duplicate") == 0) {
			if (parse_pct_corr("duplicate", &a->opt.duplicate,
					   &a->cor.dup_corr, NULL, &argc,
					   &argv))
				return -1;
		} else if (matches(*argv, "distribution") == 0) {
			NEXT_ARG();
			free(a->dist_data);
			a->dist_data = calloc(MAX_DIST, sizeof(int16_t));
			if (!a->dist_data)
				return -1;
			a->dist_size =
				get_distribution(*argv, a->dist_data, MAX_DIST);
			if (a->dist_size <= 0)
				return -1;
		} else if (matches(*argv, "rate") == 0) {
			if (parse_rate(a, &argc, &argv))
				return -1;
		} else if (matches(*argv, "slot") == 0) {
			if (parse_slot(a, &argc, &argv))
				return -1;
		} else if (strcmp(*argv, "seed") == 0) {
			/* iproute2 6.4's */
			NEXT_ARG();
			a->present[TCA_NETEM_PRNG_SEED] = 1;
			if (get_u64(&a->seed, *argv)) {
				explain1("seed");
				return -1;
			}
		} else if (strcmp(*argv, "help") == 0) {
			explain();
			return -1;
		} else {
			fprintf(stderr, "What is \"%s\"?\n", *argv);
			explain();
			return -1;
		}
	}
	return 0;
}

static int netem_check(struct netem_args *a)
{
	if (a->reorder.probability) {
		if (a->opt.latency == 0) {
			fprintf(stderr,
				"reordering not possible without specifying some delay\n");
			explain();
			return -1;
		}
		if (a->opt.gap == 0)
			a->opt.gap = 1;
	} else if (a->opt.gap > 0) {
		fprintf(stderr, "gap specified without reorder probability\n");
		explain();
		return -1;
	}
	if (a->present[TCA_NETEM_ECN] && a->opt.loss <= 0 &&
	    a->loss_type == NETEM_LOSS_UNSPEC) {
		fprintf(stderr, "ecn requested without loss model\n");
		explain();
		return -1;
	}
	if (a->dist_data && (a->opt.latency == 0 || a->opt.jitter == 0)) {
		fprintf(stderr,
			"distribution specified but no latency and jitter values\n");
		explain();
		return -1;
	}
	return 0;
}

static void netem_put(struct netem_args *a, struct nlmsghdr *n, size_t maxlen)
{
	struct rtattr *tail = NLMSG_TAIL(n);

	addattr_l(n, maxlen, TCA_OPTIONS, &a->opt, sizeof(a->opt));
	if (a->present[TCA_NETEM_CORR])
		addattr_l(n, maxlen, TCA_NETEM_CORR, &a->cor, sizeof(a->cor));
	if (a->present[TCA_NETEM_REORDER])
		addattr_l(n, maxlen, TCA_NETEM_REORDER, &a->reorder,
			  sizeof(a->reorder));
	if (a->present[TCA_NETEM_ECN])
		addattr_l(n, maxlen, TCA_NETEM_ECN, &a->present[TCA_NETEM_ECN],
			  sizeof(a->present[TCA_NETEM_ECN]));
	if (a->present[TCA_NETEM_CORRUPT])
		addattr_l(n, maxlen, TCA_NETEM_CORRUPT, &a->corrupt,
			  sizeof(a->corrupt));
	if (a->present[TCA_NETEM_SLOT])
		addattr_l(n, maxlen, TCA_NETEM_SLOT, &a->slot, sizeof(a->slot));
	if (a->loss_type != NETEM_LOSS_UNSPEC) {
		struct rtattr *start = addattr_nest(
			n, maxlen, (int)(TCA_NETEM_LOSS | NLA_F_NESTED));

		if (a->loss_type == NETEM_LOSS_GI)
			addattr_l(n, maxlen, NETEM_LOSS_GI, &a->gimodel,
				  sizeof(a->gimodel));
		else
			addattr_l(n, maxlen, NETEM_LOSS_GE, &a->gemodel,
				  sizeof(a->gemodel));
		addattr_nest_end(n, start);
	}
	if (a->present[TCA_NETEM_RATE]) {
		if (a->rate64 >= (1ULL << 32)) {
			addattr_l(n, maxlen, TCA_NETEM_RATE64, &a->rate64,
				  sizeof(a->rate64));
			a->rate.rate = ~0U;
		} else {
			a->rate.rate = (uint32_t)a->rate64;
		}
		addattr_l(n, maxlen, TCA_NETEM_RATE, &a->rate, sizeof(a->rate));
	}
	if (a->present[TCA_NETEM_PRNG_SEED])
		addattr_l(n, maxlen, TCA_NETEM_PRNG_SEED, &a->seed,
			  sizeof(a->seed));
	if (a->dist_data)
		addattr_l(n, maxlen, TCA_NETEM_DELAY_DIST, a->dist_data,
			  (size_t)a->dist_size * sizeof(int16_t));
	if (a->slot_dist_data)
		addattr_l(n, maxlen, TCA_NETEM_SLOT_DIST, a->slot_dist_data,
			  (size_t)a->slot_dist_size * sizeof(int16_t));
	tail->rta_len = (unsigned short)((char *)NLMSG_TAIL(n) - (char *)tail);
}

static int netem_parse_opt(const struct qdisc_util *qu, int argc, char **argv,
			   struct nlmsghdr *n, size_t maxlen)
{
	struct netem_args *a = calloc(1, sizeof(*a));
	int ret;

	(void)qu;
	if (!a)
		return -1;
	a->opt.limit = 1000;
	ret = netem_parse_args(a, argc, argv);
	if (!ret)
		ret = netem_check(a);
	if (!ret)
		netem_put(a, n, maxlen);
	free(a->dist_data);
	free(a->slot_dist_data);
	free(a);
	return ret;
}

/* ---- printing ---- */

/* sprint_time - microseconds as tc 6.1 shows them: 3 significant digits */
static const char *sprint_time(unsigned int time, char *buf, size_t len)
{
	double tmp = time;

	if (tmp >= 1000000)
		(void)snprintf(buf, len, "%.3gs", tmp / 1000000);
	else if (tmp >= 1000)
		(void)snprintf(buf, len, "%.3gms", tmp / 1000);
	else
		(void)snprintf(buf, len, "%uus", time);
	return buf;
}

static const char *sprint_ticks(uint32_t ticks, char *buf, size_t len)
{
	return sprint_time((unsigned int)(ticks / TICK_IN_USEC), buf, len);
}

static const char *sprint_time64(int64_t time, char *buf, size_t len)
{
	double nsec = (double)time;

	if (time >= 1000000000)
		(void)snprintf(buf, len, "%.3gs", nsec / 1e9);
	else if (time >= 1000000)
		(void)snprintf(buf, len, "%.3gms", nsec / 1e6);
	else if (time >= 1000)
		(void)snprintf(buf, len, "%.3gus", nsec / 1e3);
	else
		(void)snprintf(buf, len, "%lldns", (long long)time);
	return buf;
}

/* sprint_rate - bytes/s as bits/s in the largest unit that keeps it
 * whole (or above 1000 of it): "1Mbit", "1500Kbit"; with -iec in 1024s */
static const char *sprint_rate(uint64_t rate, char *buf, size_t len)
{
	static const char *const units[] = { "", "K", "M", "G", "T" };
	uint64_t kilo = use_iec ? 1024 : 1000;
	int i;

	rate <<= 3; /* bytes/s to bits/s */
	for (i = 0; i < 4; i++) {
		if (rate < kilo)
			break;
		if ((rate % kilo) != 0 && rate < 1000 * kilo)
			break;
		rate /= kilo;
	}
	(void)snprintf(buf, len, "%.0f%s%sbit", (double)rate, units[i],
		       use_iec && i ? "i" : "");
	return buf;
}

static void print_time_opt(const char *key, const char *fmt, int64_t ns,
			   const char *text)
{
	print_string(PRINT_FP, NULL, fmt, text);
	print_float(PRINT_JSON, key, NULL, (double)ns / 1000000000.);
}

/* " 25%" in text, 0.25 in JSON */
static void print_pct(const char *key, const char *fmt, uint32_t per)
{
	print_float(PRINT_FP, NULL, fmt, (100. * per) / UINT32_MAX);
	print_float(PRINT_JSON, key, NULL, (1. * per) / UINT32_MAX);
}

static void print_corr(bool present, uint32_t value)
{
	if (!is_json_context()) {
		if (present)
			print_pct("", " %g%%", value);
	} else {
		print_pct("correlation", " correlation %g%%", value);
	}
}

static void print_int_opt(const char *key, const char *fmt, int val)
{
	print_int(PRINT_ANY, key, val ? fmt : "", val);
}

static void print_rate_slot(const struct tc_netem_rate *rate, uint64_t rate64,
			    const struct tc_netem_slot *slot)
{
	char b1[64];

	if (rate && rate->rate) {
		open_json_object("rate");
		rate64 = rate64 ? rate64 : rate->rate;
		if (is_json_context())
			print_u64(PRINT_JSON, "rate", NULL, rate64);
		else
			print_string(PRINT_FP, NULL, " rate %s",
				     sprint_rate(rate64, b1, sizeof(b1)));
		print_int_opt("packetoverhead", " packetoverhead %d",
			      rate->packet_overhead);
		print_uint(PRINT_ANY, "cellsize",
			   rate->cell_size ? " cellsize %u" : "",
			   rate->cell_size);
		print_int_opt("celloverhead", " celloverhead %d",
			      rate->cell_overhead);
		close_json_object();
	}
	if (slot) {
		open_json_object("slot");
		if (slot->dist_jitter > 0) {
			print_time_opt("distribution", " slot distribution %s",
				       slot->dist_delay,
				       sprint_time64(slot->dist_delay, b1,
						     sizeof(b1)));
			print_time_opt("jitter", " %s", slot->dist_jitter,
				       sprint_time64(slot->dist_jitter, b1,
						     sizeof(b1)));
		} else {
			print_time_opt(
				"min-delay", " slot %s", slot->min_delay,
				sprint_time64(slot->min_delay, b1, sizeof(b1)));
			print_time_opt(
				"max-delay", " %s", slot->max_delay,
				sprint_time64(slot->max_delay, b1, sizeof(b1)));
		}
		print_int_opt("packets", " packets %d", slot->max_packets);
		print_int_opt("bytes", " bytes %d", slot->max_bytes);
		close_json_object();
	}
}

static void print_loss_models(const struct tc_netem_gimodel *gimodel,
			      const struct tc_netem_gemodel *gemodel)
{
	if (gimodel) {
		open_json_object("loss-state");
		print_pct("p13", " loss state p13 %g%%", gimodel->p13);
		print_pct("p31", " p31 %g%%", gimodel->p31);
		print_pct("p32", " p32 %g%%", gimodel->p32);
		print_pct("p23", " p23 %g%%", gimodel->p23);
		print_pct("p14", " p14 %g%%", gimodel->p14);
		close_json_object();
	}
	if (gemodel) {
		open_json_object("loss-gemodel");
		print_pct("p", " loss gemodel p %g%%", gemodel->p);
		print_pct("r", " r %g%%", gemodel->r);
		print_pct("1-h", " 1-h %g%%", UINT32_MAX - gemodel->h);
		print_pct("1-k", " 1-k %g%%", gemodel->k1);
		close_json_object();
	}
}

static int netem_print_opt(const struct qdisc_util *qu, FILE *f,
			   struct rtattr *opt)
{
	const struct tc_netem_corr *cor = NULL;
	const struct tc_netem_reorder *reorder = NULL;
	const struct tc_netem_corrupt *corrupt = NULL;
	const struct tc_netem_gimodel *gimodel = NULL;
	const struct tc_netem_gemodel *gemodel = NULL;
	const struct tc_netem_rate *rate = NULL;
	const struct tc_netem_slot *slot = NULL;
	struct tc_netem_slot slot_buf;
	const int *ecn = NULL;
	struct tc_netem_qopt qopt;
	uint64_t rate64 = 0;
	char b1[64];
	int len;

	(void)qu;
	(void)f;
	if (!opt)
		return 0;
	len = (int)RTA_PAYLOAD(opt) - (int)sizeof(qopt);
	if (len < 0) {
		fprintf(stderr, "options size error\n");
		return -1;
	}
	memcpy(&qopt, RTA_DATA(opt), sizeof(qopt));
	if (len > 0) {
		struct rtattr *tb[TCA_NETEM_MAX + 1];

		parse_rtattr(tb, TCA_NETEM_MAX,
			     (struct rtattr *)(void *)((char *)RTA_DATA(opt) +
						       sizeof(qopt)),
			     len);
#define NETEM_GET(var, type)                                        \
	do {                                                        \
		if (tb[type]) {                                     \
			if (RTA_PAYLOAD(tb[type]) < sizeof(*(var))) \
				return -1;                          \
			(var) = RTA_DATA(tb[type]);                 \
		}                                                   \
	} while (0)
		NETEM_GET(cor, TCA_NETEM_CORR);
		NETEM_GET(reorder, TCA_NETEM_REORDER);
		NETEM_GET(corrupt, TCA_NETEM_CORRUPT);
		NETEM_GET(rate, TCA_NETEM_RATE);
		NETEM_GET(ecn, TCA_NETEM_ECN);
		if (tb[TCA_NETEM_SLOT]) {
			/* 64-bit fields at a 4-byte boundary: copied out */
			if (RTA_PAYLOAD(tb[TCA_NETEM_SLOT]) < sizeof(slot_buf))
				return -1;
			memcpy(&slot_buf, RTA_DATA(tb[TCA_NETEM_SLOT]),
			       sizeof(slot_buf));
			slot = &slot_buf;
		}
#undef NETEM_GET
		if (tb[TCA_NETEM_LOSS]) {
			struct rtattr *lb[NETEM_LOSS_MAX + 1];

			parse_rtattr_nested(lb, NETEM_LOSS_MAX,
					    tb[TCA_NETEM_LOSS]);
			if (lb[NETEM_LOSS_GI])
				gimodel = RTA_DATA(lb[NETEM_LOSS_GI]);
			if (lb[NETEM_LOSS_GE])
				gemodel = RTA_DATA(lb[NETEM_LOSS_GE]);
		}
		if (tb[TCA_NETEM_RATE64]) {
			if (RTA_PAYLOAD(tb[TCA_NETEM_RATE64]) < sizeof(rate64))
				return -1;
			memcpy(&rate64, RTA_DATA(tb[TCA_NETEM_RATE64]),
			       sizeof(rate64));
		}
	}

	print_uint(PRINT_ANY, "limit", "limit %d", qopt.limit);
	if (qopt.latency) {
		open_json_object("delay");
		if (!is_json_context()) {
			print_string(
				PRINT_FP, NULL, " delay %s",
				sprint_ticks(qopt.latency, b1, sizeof(b1)));
			if (qopt.jitter)
				print_string(PRINT_FP, NULL, "  %s",
					     sprint_ticks(qopt.jitter, b1,
							  sizeof(b1)));
		} else {
			print_float(
				PRINT_JSON, "delay", NULL,
				(unsigned int)(qopt.latency / TICK_IN_USEC) /
					1000000.);
			print_float(PRINT_JSON, "jitter", NULL,
				    (unsigned int)(qopt.jitter / TICK_IN_USEC) /
					    1000000.);
		}
		print_corr(qopt.jitter && cor && cor->delay_corr,
			   cor ? cor->delay_corr : 0);
		close_json_object();
	}
	if (qopt.loss) {
		open_json_object("loss-random");
		print_pct("loss", " loss %g%%", qopt.loss);
		print_corr(cor && cor->loss_corr, cor ? cor->loss_corr : 0);
		close_json_object();
	}
	print_loss_models(gimodel, gemodel);
	if (qopt.duplicate) {
		open_json_object("duplicate");
		print_pct("duplicate", " duplicate %g%%", qopt.duplicate);
		print_corr(cor && cor->dup_corr, cor ? cor->dup_corr : 0);
		close_json_object();
	}
	if (reorder && reorder->probability) {
		open_json_object("reorder");
		print_pct("reorder", " reorder %g%%", reorder->probability);
		print_corr(reorder->correlation, reorder->correlation);
		close_json_object();
	}
	if (corrupt && corrupt->probability) {
		open_json_object("corrupt");
		print_pct("corrupt", " corrupt %g%%", corrupt->probability);
		print_corr(corrupt->correlation, corrupt->correlation);
		close_json_object();
	}
	print_rate_slot(rate, rate64, slot);
	print_bool(PRINT_ANY, "ecn", ecn ? " ecn " : "", ecn != NULL);
	print_u64(PRINT_ANY, "gap", qopt.gap ? " gap %llu" : "",
		  (uint64_t)qopt.gap);
	return 0;
}

const struct qdisc_util netem_qdisc_util = { "netem", netem_parse_opt,
					     netem_print_opt };
