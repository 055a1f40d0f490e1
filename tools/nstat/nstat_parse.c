// SPDX-License-Identifier: BSD-2-Clause
/*
 * The two text forms nstat reads, parsed as iproute2 6.1 parses them:
 * "NAME VALUE [RATE]" lines (its history file, /proc/net/snmp6) and the
 * "Section: names" / "Section: values" pairs of /proc/net/snmp and
 * /proc/net/netstat.  The history file is the user's: anything in it is
 * either parsed or refused, never trusted (the fuzz target nstat_hist
 * feeds it arbitrary bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nstat.h"

#define NSTAT_LINE 4096 /* iproute2's fgets() buffer */

static const char *const useless_numbers[] = {
	"IpForwarding", "IpDefaultTTL", "TcpRtoAlgorithm", "TcpRtoMin",
	"TcpRtoMax",	"TcpMaxConn",	"TcpCurrEstab",
};

static int useless_number(const char *id)
{
	for (size_t i = 0;
	     i < sizeof(useless_numbers) / sizeof(useless_numbers[0]); i++)
		if (!strcmp(id, useless_numbers[i]))
			return 1;
	return 0;
}

/*
 * fgets() over a buffer: the next piece of at most NSTAT_LINE - 1 bytes,
 * up to and including a newline, NUL-terminated in @buf.  0 at the end.
 */
static int nstat_fgets(char *buf, const char **pos, const char *end)
{
	size_t n = 0;

	if (*pos >= end)
		return 0;
	while (*pos < end && n < NSTAT_LINE - 1) {
		char c = *(*pos)++;

		buf[n++] = c;
		if (c == '\n')
			break;
	}
	buf[n] = '\0';
	return 1;
}

static struct nstat_ent *nstat_new(const char *id)
{
	struct nstat_ent *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->id = strdup(id);
	if (!n->id) {
		free(n);
		return NULL;
	}
	return n;
}

void nstat_free(struct nstat_ent *db)
{
	while (db) {
		struct nstat_ent *n = db;

		db = db->next;
		free(n->id);
		free(n);
	}
}

/* Moves @list (built newest first) in front of *@db in its file order. */
static void nstat_splice(struct nstat_ent *list, struct nstat_ent **db)
{
	while (list) {
		struct nstat_ent *n = list;

		list = list->next;
		n->next = *db;
		*db = n;
	}
}

int nstat_load_good(const char *text, size_t len, struct nstat_ent **db,
		    char *source)
{
	const char *pos = text, *end = text + len;
	struct nstat_ent *list = NULL;
	char *buf = malloc(NSTAT_LINE), *idbuf = malloc(NSTAT_LINE);
	int err = 0;

	if (!buf || !idbuf) {
		free(buf);
		free(idbuf);
		return -1;
	}
	while (nstat_fgets(buf, &pos, end)) {
		unsigned long long val;
		double rate;
		struct nstat_ent *n;
		int nr;

		if (buf[0] == '#') {
			/* iproute2 drops the last byte, newline or not */
			buf[strlen(buf) - 1] = '\0';
			source[0] = '\0';
			strncat(source, buf + 1, NSTAT_SOURCE_LEN - 1);
			continue;
		}
		/* idbuf is as big as buf: %s cannot overrun it */
		nr = sscanf(buf, "%4095s%llu%lg", idbuf, &val, &rate);
		if (nr < 2) {
			err = -1;
			break;
		}
		if (nr < 3)
			rate = 0;
		if (useless_number(idbuf))
			continue;
		n = nstat_new(idbuf);
		if (!n) {
			err = -1;
			break;
		}
		n->val = val;
		n->rate = rate;
		n->next = list;
		list = n;
	}
	free(buf);
	free(idbuf);
	nstat_splice(list, db);
	return err;
}

static int count_spaces(const char *line)
{
	int count = 0;

	for (; *line; line++)
		count += *line == ' ' || *line == '\n';
	return count;
}

int nstat_load_ugly(const char *text, size_t len, struct nstat_ent **db)
{
	const char *pos = text, *end = text + len;
	struct nstat_ent *list = NULL, *n;
	char *buf = malloc(NSTAT_LINE), *idbuf = malloc(NSTAT_LINE);
	int err = 0;

	if (!buf || !idbuf) {
		free(buf);
		free(idbuf);
		return -1;
	}
	while (nstat_fgets(buf, &pos, end)) {
		int count1, count2, skip = 0;
		size_t off;
		char *p = strchr(buf, ':');

		if (!p) {
			err = -1;
			break;
		}
		count1 = count_spaces(buf);
		*p = '\0';
		(void)snprintf(idbuf, NSTAT_LINE, "%s", buf);
		off = (size_t)(p - buf);
		p++;
		if (*p)
			p++; /* the space after the colon */
		while (p && *p) {
			/* up to a space, or the newline ending the line */
			char *next = p + strcspn(p, " \n");

			if (*next)
				*next++ = '\0';
			else
				next = NULL;
			idbuf[off] = '\0';
			strncat(idbuf, p, NSTAT_LINE - off - 1);
			n = nstat_new(idbuf);
			if (!n) {
				err = -1;
				goto out;
			}
			n->next = list;
			list = n;
			p = next;
		}
		n = list;
		if (!nstat_fgets(buf, &pos, end)) {
			err = -1;
			break;
		}
		count2 = count_spaces(buf);
		if (count2 > count1)
			skip = count2 - count1;
		do {
			p = strrchr(buf, ' ');
			if (!p || !n) {
				err = -1;
				goto out;
			}
			*p = '\0';
			if (sscanf(p + 1, "%llu", &n->val) != 1) {
				err = -1;
				goto out;
			}
			/* iproute2's trick for 2.4's trailing dummy ICMP MIB */
			if (skip)
				skip--;
			else
				n = n->next;
		} while (p > buf + off + 2);
	}
out:
	free(buf);
	free(idbuf);
	/* the useless numbers are dropped after the values are placed */
	while (list) {
		n = list;
		list = list->next;
		if (useless_number(n->id)) {
			free(n->id);
			free(n);
		} else {
			n->next = *db;
			*db = n;
		}
	}
	return err;
}
