/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tc: what its files share.  The output helpers print text, or JSON with
 * -j, the way iproute2's json_print does, so one call serves both.
 */
#ifndef TN_TOOLS_TC_COMMON_H
#define TN_TOOLS_TC_COMMON_H

#include "json_print.h"
#include <linux/pkt_sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libnetlink.h"
#include "utils.h"

extern struct rtnl_handle rth;
extern int show_stats, show_details, show_raw, oneline, use_iec;

/* A discipline tc knows: how to parse its options and print them. */
struct qdisc_util {
	const char *id;
	int (*parse_qopt)(const struct qdisc_util *qu, int argc, char **argv,
			  struct nlmsghdr *n, size_t maxlen);
	int (*print_qopt)(const struct qdisc_util *qu, FILE *f,
			  struct rtattr *opt);
};

const struct qdisc_util *get_qdisc_kind(const char *kind);
extern const struct qdisc_util pfifo_qdisc_util, bfifo_qdisc_util,
	pfifo_head_drop_qdisc_util, pfifo_fast_qdisc_util, prio_qdisc_util,
	netem_qdisc_util;

int do_qdisc(int argc, char **argv);
/* tc_qdisc.c: one qdisc message, as `tc qdisc show` prints it */
int print_qdisc(struct nlmsghdr *n, void *arg);
/* tc_monitor.c: `tc monitor [file FILE]` */
int do_tcmonitor(int argc, char **argv);

/* tc_util.c */
int get_size(unsigned int *size, const char *str);
const char *sprint_size(uint32_t size, char *buf, size_t len);
int get_qdisc_handle(uint32_t *h, const char *str);
int get_tc_classid(uint32_t *h, const char *str);
const char *sprint_tc_classid(uint32_t h, char *buf, size_t len);

#define NEXT_ARG()                            \
	do {                                  \
		argv++;                       \
		if (--argc <= 0)              \
			incomplete_command(); \
	} while (0)

/* the output (text, or JSON with -j): tools/lib/json_print.h, and */
void print_size(enum output_type t, const char *key, const char *fmt,
		uint32_t sz);

#endif /* TN_TOOLS_TC_COMMON_H */
