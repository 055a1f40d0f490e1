// SPDX-License-Identifier: BSD-2-Clause
/*
 * tc's helpers: its error messages and exit codes, sizes ("3k", "1514000b"),
 * qdisc handles and class ids ("8001:", "1:10", "root"), and sizes in
 * the output.  Text and JSON go through the tools' json_print (tools/lib),
 * as ip's do.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <net/if.h>

#include "tc_common.h"

/* get_size - "1000", "3k", "2mb", "8kbit" ... in bytes, fractions cut
 * off; -1 if not a size or more than 32 bits hold */
int get_size(unsigned int *size, const char *str)
{
	static const struct {
		const char *suffix;
		double mult;
	} units[] = {
		{ "kb", 1024.0 },
		{ "k", 1024.0 },
		{ "gb", 1024.0 * 1024 * 1024 },
		{ "g", 1024.0 * 1024 * 1024 },
		{ "gbit", 1024.0 * 1024 * 1024 / 8 },
		{ "mb", 1024.0 * 1024 },
		{ "m", 1024.0 * 1024 },
		{ "mbit", 1024.0 * 1024 / 8 },
		{ "kbit", 1024.0 / 8 },
		{ "b", 1 },
	};
	char *p;
	double sz = strtod(str, &p);
	size_t i;

	if (p == str)
		return -1;
	if (*p) {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strcasecmp(p, units[i].suffix))
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -1;
		sz *= units[i].mult;
	}
	/* truncated as iproute2 does; what does not fit 32 bits is refused */
	if (!(sz >= 0 && floor(sz) <= 4294967295.0))
		return -1;
	*size = (unsigned int)sz;
	return 0;
}

const char *sprint_size(uint32_t size, char *buf, size_t len)
{
	double tmp = size;

	if (size >= 1024 * 1024 &&
	    fabs(1024 * 1024 * rint(tmp / (1024 * 1024)) - size) < 1024)
		(void)snprintf(buf, len, "%gMb", rint(tmp / (1024 * 1024)));
	else if (size >= 1024 && fabs(1024 * rint(tmp / 1024) - size) < 16)
		(void)snprintf(buf, len, "%gKb", rint(tmp / 1024));
	else
		(void)snprintf(buf, len, "%ub", size);
	return buf;
}

/* get_qdisc_handle - "8001:" (anything after the colon is ignored) */
int get_qdisc_handle(uint32_t *h, const char *str)
{
	unsigned long maj = 0;
	char *p;

	if (strcmp(str, "none")) {
		maj = strtoul(str, &p, 16);
		if (p == str || maj >= (1UL << 16))
			return -1;
		maj <<= 16;
		if (*p != ':' && *p != 0)
			return -1;
	}
	*h = (uint32_t)maj;
	return 0;
}

/* get_tc_classid - "root", "none", "1:", "1:10", ":10" */
int get_tc_classid(uint32_t *h, const char *str)
{
	unsigned long maj, min;
	char *p;

	if (!strcmp(str, "root")) {
		*h = TC_H_ROOT;
		return 0;
	}
	if (!strcmp(str, "none")) {
		*h = TC_H_UNSPEC;
		return 0;
	}
	maj = strtoul(str, &p, 16);
	if (p == str) {
		maj = 0;
		if (*p != ':')
			return -1;
	}
	if (*p == ':') {
		if (maj >= (1UL << 16))
			return -1;
		maj <<= 16;
		str = p + 1;
		min = strtoul(str, &p, 16);
		if (*p != 0 || min >= (1UL << 16))
			return -1;
		maj |= min;
	} else if (*p != 0) {
		return -1;
	}
	*h = (uint32_t)maj;
	return 0;
}

const char *sprint_tc_classid(uint32_t h, char *buf, size_t len)
{
	if (h == TC_H_ROOT)
		(void)snprintf(buf, len, "root");
	else if (h == TC_H_UNSPEC)
		(void)snprintf(buf, len, "none");
	else if (TC_H_MAJ(h) == 0)
		(void)snprintf(buf, len, ":%x", TC_H_MIN(h));
	else if (TC_H_MIN(h) == 0)
		(void)snprintf(buf, len, "%x:", TC_H_MAJ(h) >> 16);
	else
		(void)snprintf(buf, len, "%x:%x", TC_H_MAJ(h) >> 16,
			       TC_H_MIN(h));
	return buf;
}

void print_size(enum output_type t, const char *key, const char *fmt,
		uint32_t sz)
{
	char buf[64];

	if (is_json_context()) {
		if (t & PRINT_JSON)
			print_uint(PRINT_JSON, key, NULL, sz);
	} else if (t & PRINT_FP) {
		print_string(PRINT_FP, key, fmt,
			     sprint_size(sz, buf, sizeof(buf)));
	}
}
