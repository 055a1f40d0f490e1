/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nstat (iproute2 6.1) on the tuxnet API: its table of counters and the
 * parsers of the two text forms it reads.
 */
#ifndef TN_TOOLS_NSTAT_H
#define TN_TOOLS_NSTAT_H

#include <stddef.h>

/* One counter: "IpInReceives", its value and (history only) its rate. */
struct nstat_ent {
	struct nstat_ent *next;
	char *id;
	unsigned long long val;
	double rate;
};

#define NSTAT_SOURCE_LEN 128

/*
 * nstat_load_good - parse "NAME VALUE [RATE]" lines (nstat's history file,
 * /proc/net/snmp6) and prepend them, in file order, to *@db
 * @text: the file, @len bytes (need not be NUL-terminated; may hold NULs)
 * @db: the list to extend
 * @source: the text of the last "#..." line is kept here
 *          (NSTAT_SOURCE_LEN bytes, "" if none)
 *
 * Lines are taken as iproute2 reads them, in fgets() pieces of at most
 * 4095 bytes.  The useless counters (IpForwarding ...) are dropped.
 *
 * Return: 0, or -1 for a line that is neither a comment nor "NAME VALUE"
 * (iproute2 stops with "error parsing history file"); what was parsed
 * before stays in *@db.
 */
int nstat_load_good(const char *text, size_t len, struct nstat_ent **db,
		    char *source);

/*
 * nstat_load_ugly - parse "Section: names" / "Section: values" pairs
 * (/proc/net/snmp, /proc/net/netstat) into "SectionName" counters,
 * prepended in file order to *@db.
 *
 * Return: 0, or -1 for text not in that form.
 */
int nstat_load_ugly(const char *text, size_t len, struct nstat_ent **db);

void nstat_free(struct nstat_ent *db);

#endif /* TN_TOOLS_NSTAT_H */
