// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fuzz target: nstat's history file, which is the user's (any bytes in
 * $NSTAT_HISTORY or /tmp/.nstat.uUID), through the parser nstat uses
 * (tools/nstat/nstat_parse.c): nstat_load_good(), and the same bytes as a
 * /proc/net/snmp-style table through nstat_load_ugly().
 *
 * Oracle: nothing crashes or trips a sanitizer, no memory is left; every
 * counter of a history has a non-empty name without white space (of a
 * table: without a newline); and a history
 * that parsed writes back (as nstat writes it, "%-32s%-16llu%6.1f", rate
 * 0) to a file that parses to the same names and values -- unless a name starts
 * with '#' (the written line would be a comment) or has 32 bytes or more
 * (the value is written right after it, with no space between: the
 * kernel's longest name has 31), both as in iproute2.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "nstat.h"

static __attribute__((noreturn)) void die(const char *what)
{
	fprintf(stderr, "fuzz_nstat_hist: %s\n", what);
	abort();
}

/*
 * A history's names are sscanf() words: not empty, no white space.  A
 * table's are "Section" (anything before the colon) joined to what lies
 * between spaces after it: only a newline is ruled out.
 */
static void check_names(const struct nstat_ent *db, int history, int *roundtrip)
{
	for (; db; db = db->next) {
		const char *p = db->id;

		if (history && !*p)
			die("empty name");
		if (*p == '#' || strlen(p) >= 32)
			*roundtrip = 0;
		for (; *p; p++)
			if (history ? isspace((unsigned char)*p) : *p == '\n')
				die("white space in a name");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nstat_ent *db = NULL, *again = NULL, *a, *b;
	char source[NSTAT_SOURCE_LEN], source2[NSTAT_SOURCE_LEN];
	int roundtrip = 1;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	source[0] = '\0';
	if (nstat_load_good((const char *)data, size, &db, source))
		roundtrip = 0;
	check_names(db, 1, &roundtrip);
	if (roundtrip) {
		out = open_memstream(&text, &len);
		if (!out)
			die("open_memstream");
		fprintf(out, "#%s\n", source);
		for (a = db; a; a = a->next)
			/* nstat writes the counters it read, whose rate is 0
			 * without the sampling daemon */
			fprintf(out, "%-32s%-16llu%6.1f\n", a->id, a->val, 0.0);
		if (fclose(out))
			die("fclose");
		source2[0] = '\0';
		if (nstat_load_good(text, len, &again, source2))
			die("a history nstat wrote does not parse");
		for (a = db, b = again; a && b; a = a->next, b = b->next)
			if (strcmp(a->id, b->id) || a->val != b->val)
				die("a history nstat wrote reads back changed");
		if (a || b)
			die("a history nstat wrote reads back longer or shorter");
		free(text);
		nstat_free(again);
	}
	nstat_free(db);

	db = NULL;
	(void)nstat_load_ugly((const char *)data, size, &db);
	check_names(db, 0, &roundtrip);
	nstat_free(db);
	return 0;
}
