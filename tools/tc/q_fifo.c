// SPDX-License-Identifier: BSD-2-Clause
/*
 * The disciplines tc knows how to parse and print: the fifos (pfifo,
 * bfifo, pfifo_head_drop: "limit N"), pfifo_fast (no options; printed as
 * prio prints: bands and priomap), and, by name only, the other kinds
 * iproute2 6.1 builds in, which tuxnet does not have yet: their options are
 * not checked here, the stack refuses the kind ("Specified qdisc kind is
 * unknown.") as Linux does without the module.  Any other kind gets
 * iproute2's generic treatment: no options allowed.
 * iproute2: tc/q_fifo.c, tc/q_prio.c, tc/tc.c get_qdisc_kind().
 */
#include <string.h>

#include "tc_common.h"

static void explain(void)
{
	fprintf(stderr,
		"Usage: ... <[p|b]fifo | pfifo_head_drop> [ limit NUMBER ]\n");
}

static int fifo_parse_opt(const struct qdisc_util *qu, int argc, char **argv,
			  struct nlmsghdr *n, size_t maxlen)
{
	struct tc_fifo_qopt opt = { 0 };
	int ok = 0;

	while (argc > 0) {
		if (strcmp(*argv, "limit") == 0) {
			NEXT_ARG();
			if (get_size(&opt.limit, *argv)) {
				fprintf(stderr,
					"%s: Illegal value for \"limit\": \"%s\"\n",
					qu->id, *argv);
				return -1;
			}
			ok++;
		} else if (strcmp(*argv, "help") == 0) {
			explain();
			return -1;
		} else {
			fprintf(stderr, "%s: unknown parameter \"%s\"\n",
				qu->id, *argv);
			explain();
			return -1;
		}
		argc--;
		argv++;
	}
	if (ok)
		addattr_l(n, maxlen, TCA_OPTIONS, &opt, sizeof(opt));
	return 0;
}

static int fifo_print_opt(const struct qdisc_util *qu, FILE *f,
			  struct rtattr *opt)
{
	struct tc_fifo_qopt qopt;

	(void)f;
	if (!opt)
		return 0;
	if (RTA_PAYLOAD(opt) < sizeof(qopt))
		return -1;
	memcpy(&qopt, RTA_DATA(opt), sizeof(qopt));
	if (strcmp(qu->id, "bfifo") == 0)
		print_size(PRINT_ANY, "limit", "limit %s", qopt.limit);
	else
		print_uint(PRINT_ANY, "limit", "limit %up", qopt.limit);
	return 0;
}

static int prio_print_opt(const struct qdisc_util *qu, FILE *f,
			  struct rtattr *opt)
{
	struct tc_prio_qopt qopt;
	int i;

	(void)qu;
	(void)f;
	if (!opt)
		return 0;
	if (RTA_PAYLOAD(opt) < sizeof(qopt))
		return -1;
	memcpy(&qopt, RTA_DATA(opt), sizeof(qopt));
	print_uint(PRINT_ANY, "bands", "bands %u ", (unsigned int)qopt.bands);
	open_json_array(PRINT_ANY, "priomap");
	for (i = 0; i <= TC_PRIO_MAX; i++)
		print_uint(PRINT_ANY, NULL, " %d", qopt.priomap[i]);
	close_json_array(PRINT_ANY, "");
	/* no TCA_PRIO_MQ nest: the bands are not per queue */
	print_bool(PRINT_JSON, "multiqueue", NULL, false);
	return 0;
}

/* the options of a kind tuxnet lacks: passed over, the stack refuses it */
static int unbuilt_parse_opt(const struct qdisc_util *qu, int argc, char **argv,
			     struct nlmsghdr *n, size_t maxlen)
{
	(void)qu;
	(void)argc;
	(void)argv;
	(void)n;
	(void)maxlen;
	return 0;
}

static int unbuilt_print_opt(const struct qdisc_util *qu, FILE *f,
			     struct rtattr *opt)
{
	(void)qu;
	(void)f;
	(void)opt;
	return 0;
}

/* a kind iproute2 does not know: no options (tc.c parse_noqopt) */
static int parse_noqopt(const struct qdisc_util *qu, int argc, char **argv,
			struct nlmsghdr *n, size_t maxlen)
{
	(void)n;
	(void)maxlen;
	if (argc) {
		fprintf(stderr,
			"Unknown qdisc \"%s\", hence option \"%s\" is unparsable\n",
			qu->id, *argv);
		return -1;
	}
	return 0;
}

static int print_noqopt(const struct qdisc_util *qu, FILE *f,
			struct rtattr *opt)
{
	(void)qu;
	(void)f;
	if (opt && RTA_PAYLOAD(opt))
		printf("[Unknown qdisc, optlen=%u] ",
		       (unsigned int)RTA_PAYLOAD(opt));
	return 0;
}

const struct qdisc_util pfifo_qdisc_util = { "pfifo", fifo_parse_opt,
					     fifo_print_opt };
const struct qdisc_util bfifo_qdisc_util = { "bfifo", fifo_parse_opt,
					     fifo_print_opt };
const struct qdisc_util pfifo_head_drop_qdisc_util = { "pfifo_head_drop",
						       fifo_parse_opt,
						       fifo_print_opt };
const struct qdisc_util pfifo_fast_qdisc_util = { "pfifo_fast", NULL,
						  prio_print_opt };
const struct qdisc_util prio_qdisc_util = { "prio", unbuilt_parse_opt,
					    prio_print_opt };

/* iproute2 6.1's other q_*.c */
static const char *const unbuilt[] = {
	"cake", "cbs",	   "choke",    "clsact", "codel",   "drr",    "etf",
	"ets",	"fq",	   "fq_codel", "fq_pie", "gred",    "hfsc",   "hhf",
	"htb",	"ingress", "mq",       "mqprio", "multiq",  "pie",    "plug",
	"qfq",	"red",	   "sfb",      "sfq",	 "skbprio", "taprio", "tbf",
};

const struct qdisc_util *get_qdisc_kind(const char *kind)
{
	static const struct qdisc_util *const known[] = {
		&pfifo_qdisc_util,
		&bfifo_qdisc_util,
		&pfifo_head_drop_qdisc_util,
		&pfifo_fast_qdisc_util,
		&prio_qdisc_util,
		&netem_qdisc_util,
	};
	static struct qdisc_util other;
	static char name[32];
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(kind, known[i]->id))
			return known[i];
	(void)snprintf(name, sizeof(name), "%s", kind);
	other.id = name;
	other.parse_qopt = parse_noqopt;
	other.print_qopt = print_noqopt;
	for (i = 0; i < sizeof(unbuilt) / sizeof(unbuilt[0]); i++) {
		if (!strcmp(kind, unbuilt[i])) {
			other.parse_qopt = unbuilt_parse_opt;
			other.print_qopt = unbuilt_print_opt;
		}
	}
	return &other;
}
