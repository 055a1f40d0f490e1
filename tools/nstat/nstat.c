// SPDX-License-Identifier: BSD-2-Clause
/*
 * nstat: the namespace's SNMP and Linux MIB counters and how they moved
 * since the last look, with iproute2 6.1's options and output.
 *
 *   nstat [-nsazr] [-j [-p]] [PATTERN...]
 *
 * The counters are the stack's /proc/net/netstat, /proc/net/snmp6 (tuxnet
 * has no IPv6: skipped, as nstat skips a file it cannot open) and
 * /proc/net/snmp, read through tn_open() ($PROC_ROOT, $PROC_NET_NETSTAT,
 * $PROC_NET_SNMP, $PROC_NET_SNMP6 name other paths, as in iproute2).
 * The history is a file of the host: $NSTAT_HISTORY or /tmp/.nstat.uUID,
 * opened, locked, checked and rewritten as iproute2 does; without -a the
 * output is the increase since it was written, and without -s it is
 * rewritten.  The sampling daemon (-d) is not built: nstat always reads
 * the counters itself ("#kernel").
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "nstat.h"

static int dump_zeros, reset_history, ignore_history, no_output;
static int json_output, pretty, no_update;
static char **patterns;
static int npatterns;
static char info_source[NSTAT_SOURCE_LEN];
static struct nstat_ent *kern_db, *hist_db;

static int match(const char *id)
{
	if (npatterns == 0)
		return 1;
	for (int i = 0; i < npatterns; i++)
		if (!fnmatch(patterns[i], id, 0))
			return 1;
	return 0;
}

/* The whole of a file of the stack, or NULL (errno) if it cannot be read. */
static char *nstat_slurp_stack(const char *path, size_t *lenp)
{
	size_t len = 0, cap = 8192;
	char *buf = malloc(cap);
	int fd = tn_open(path, O_RDONLY);

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			tn_close(fd);
		return NULL;
	}
	for (;;) {
		ssize_t n;

		if (cap - len < 4096) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		n = tn_read(fd, buf + len, cap - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	tn_close(fd);
	*lenp = len;
	return buf;
}

static void generic_proc_path(char *buf, size_t len, const char *env,
			      const char *name)
{
	const char *p = getenv(env);

	if (p) {
		(void)snprintf(buf, len, "%s", p);
		return;
	}
	p = getenv("PROC_ROOT");
	(void)snprintf(buf, len, "%s/%s", p ? p : "/proc", name);
}

static void parse_error(const char *what)
{
	fprintf(stderr, "nstat.c:146: error parsing %s\n", what);
	exit(-2);
}

static void load(const char *env, const char *name, int good)
{
	char path[4096], dummy[NSTAT_SOURCE_LEN];
	size_t len = 0;
	char *text;
	int err;

	generic_proc_path(path, sizeof(path), env, name);
	text = nstat_slurp_stack(path, &len);
	if (!text)
		return;
	dummy[0] = '\0';
	err = good ? nstat_load_good(text, len, &kern_db, dummy)
		   : nstat_load_ugly(text, len, &kern_db);
	free(text);
	if (err)
		parse_error(path);
}

static void load_kernel(void)
{
	/* each prepends its counters: snmp's come first, then netstat's */
	load("PROC_NET_NETSTAT", "net/netstat", 0);
	load("PROC_NET_SNMP6", "net/snmp6", 1);
	load("PROC_NET_SNMP", "net/snmp", 0);
}

/* ---- output: text, or JSON as iproute2's json_writer writes it ---- */

struct jw {
	FILE *out;
	int depth;
	char sep;
};

static void jw_eol(struct jw *w)
{
	if (!pretty)
		return;
	putc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("    ", w->out);
}

static void jw_string(struct jw *w, const char *s)
{
	putc('"', w->out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			fputs("\\\"", w->out);
			break;
		case '\\':
			fputs("\\\\", w->out);
			break;
		case '\n':
			fputs("\\n", w->out);
			break;
		case '\t':
			fputs("\\t", w->out);
			break;
		case '\r':
			fputs("\\r", w->out);
			break;
		case '\f':
			fputs("\\f", w->out);
			break;
		case '\b':
			fputs("\\b", w->out);
			break;
		default:
			if (c < 0x20)
				fprintf(w->out, "\\u%04x", c);
			else
				putc(c, w->out);
		}
	}
	putc('"', w->out);
}

static void jw_name(struct jw *w, const char *name)
{
	if (w->sep)
		putc(w->sep, w->out);
	jw_eol(w);
	w->sep = '\0';
	jw_string(w, name);
	putc(':', w->out);
	if (pretty)
		putc(' ', w->out);
}

static void jw_end(struct jw *w, int c)
{
	w->depth--;
	if (w->sep)
		jw_eol(w);
	putc(c, w->out);
	w->sep = ',';
}

static void out_begin(FILE *fp, struct jw *w)
{
	if (!json_output) {
		fprintf(fp, "#%s\n", info_source);
		return;
	}
	w->out = fp;
	w->depth = 1;
	w->sep = '\0';
	putc('{', fp);
	jw_name(w, info_source);
	putc('{', fp);
	w->depth++;
	w->sep = '\0';
}

static void out_end(struct jw *w)
{
	if (!json_output)
		return;
	jw_end(w, '}');
	jw_end(w, '}');
	putc('\n', w->out);
}

static void out_json_value(struct jw *w, const char *id, unsigned long long val)
{
	jw_name(w, id);
	fprintf(w->out, "%llu", val);
	w->sep = ',';
}

static void dump_kern_db(FILE *fp, int to_hist)
{
	struct nstat_ent *n, *h = hist_db;
	struct jw w = { 0 };

	out_begin(fp, &w);
	for (n = kern_db; n; n = n->next) {
		unsigned long long val = n->val;

		if (!dump_zeros && !val && !n->rate)
			continue;
		if (!match(n->id)) {
			if (!to_hist)
				continue;
			/* a counter the patterns hide keeps its old value */
			for (struct nstat_ent *h1 = h; h1; h1 = h1->next)
				if (!strcmp(h1->id, n->id)) {
					val = h1->val;
					h = h1->next;
					break;
				}
		}
		if (json_output)
			out_json_value(&w, n->id, val);
		else
			fprintf(fp, "%-32s%-16llu%6.1f\n", n->id, val, n->rate);
	}
	out_end(&w);
}

static void dump_incr_db(FILE *fp)
{
	struct nstat_ent *n, *h = hist_db;
	struct jw w = { 0 };

	out_begin(fp, &w);
	for (n = kern_db; n; n = n->next) {
		unsigned long long val = n->val;
		int ovfl = 0;

		for (struct nstat_ent *h1 = h; h1; h1 = h1->next)
			if (!strcmp(h1->id, n->id)) {
				if (val < h1->val) {
					ovfl = 1;
					val = h1->val;
				}
				val -= h1->val;
				h = h1->next;
				break;
			}
		if (!dump_zeros && !val && !n->rate)
			continue;
		if (!match(n->id))
			continue;
		if (json_output)
			out_json_value(&w, n->id, val);
		else
			fprintf(fp, "%-32s%-16llu%6.1f%s\n", n->id, val,
				n->rate, ovfl ? " (overflow)" : "");
	}
	out_end(&w);
}

static void usage(void)
{
	fprintf(stderr,
		"Usage: nstat [OPTION] [ PATTERN [ PATTERN ] ]\n"
		"   -h, --help          this message\n"
		"   -a, --ignore        ignore history\n"
		"   -d, --scan=SECS     sample every statistics every SECS\n"
		"   -j, --json          format output in JSON\n"
		"   -n, --nooutput      do history only\n"
		"   -p, --pretty        pretty print\n"
		"   -r, --reset         reset history\n"
		"   -s, --noupdate      don't update history\n"
		"   -t, --interval=SECS report average over the last SECS\n"
		"   -V, --version       output version information\n"
		"   -z, --zeros         show entries with zero activity\n");
	exit(-1);
}

/* The history file: read it whole from its open descriptor. */
static void load_history(FILE *fp)
{
	size_t len = 0, cap = 8192;
	char *buf = malloc(cap);
	size_t n;

	if (!buf) {
		perror("nstat: history");
		exit(-1);
	}
	while ((n = fread(buf + len, 1, cap - len, fp)) > 0) {
		len += n;
		if (len == cap) {
			char *nb = realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				perror("nstat: history");
				exit(-1);
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (nstat_load_good(buf, len, &kern_db, info_source))
		parse_error("history file");
	free(buf);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "ignore", no_argument, NULL, 'a' },
		{ "scan", required_argument, NULL, 'd' },
		{ "nooutput", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "reset", no_argument, NULL, 'r' },
		{ "noupdate", no_argument, NULL, 's' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "interval", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ "zeros", no_argument, NULL, 'z' },
		{ NULL, 0, NULL, 0 },
	};
	char hist_buf[128];
	const char *hist_name;
	FILE *hist_fp = NULL;
	int ch, fd, time_constant = 0;

	while ((ch = getopt_long(argc, argv, "h?vVzrnasd:t:jp", longopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'z':
			dump_zeros = 1;
			break;
		case 'r':
			reset_history = 1;
			break;
		case 'a':
			ignore_history = 1;
			break;
		case 's':
			no_update = 1;
			break;
		case 'n':
			no_output = 1;
			break;
		case 'd':
			fprintf(stderr, "nstat: -d: the sampling daemon is not "
					"built in tuxnet\n");
			exit(-1);
		case 't':
			if (sscanf(optarg, "%d", &time_constant) != 1 ||
			    time_constant <= 0) {
				fprintf(stderr,
					"nstat: invalid time constant divisor\n");
				exit(-1);
			}
			break;
		case 'j':
			json_output = 1;
			break;
		case 'p':
			pretty = 1;
			break;
		case 'v':
		case 'V':
			printf("nstat utility, iproute2-6.1.0\n");
			exit(0);
		default:
			usage();
		}
	}
	patterns = argv + optind;
	npatterns = argc - optind;

	hist_name = getenv("NSTAT_HISTORY");
	if (!hist_name) {
		(void)snprintf(hist_buf, sizeof(hist_buf), "/tmp/.nstat.u%u",
			       (unsigned int)getuid());
		hist_name = hist_buf;
	}
	if (reset_history)
		unlink(hist_name);

	if (!ignore_history || !no_update) {
		struct stat stb;

		fd = open(hist_name, O_RDWR | O_CREAT | O_NOFOLLOW, 0600);
		if (fd < 0) {
			perror("nstat: open history file");
			exit(-1);
		}
		hist_fp = fdopen(fd, "r+");
		if (!hist_fp) {
			perror("nstat: fdopen history file");
			exit(-1);
		}
		if (flock(fileno(hist_fp), LOCK_EX)) {
			perror("nstat: flock history file");
			exit(-1);
		}
		if (fstat(fileno(hist_fp), &stb) != 0) {
			perror("nstat: fstat history file");
			exit(-1);
		}
		if (stb.st_nlink != 1 || stb.st_uid != getuid()) {
			fprintf(stderr,
				"nstat: something is so wrong with history file, "
				"that I prefer not to proceed.\n");
			exit(-1);
		}
		if (!ignore_history) {
			/* the host's uptime: a file older than the boot is
			 * history of counters that no longer exist */
			FILE *tfp = fopen("/proc/uptime", "r");
			long uptime = -1;

			if (tfp) {
				if (fscanf(tfp, "%ld", &uptime) != 1)
					uptime = -1;
				(void)fclose(tfp);
			}
			if (uptime >= 0 &&
			    time(NULL) >= stb.st_mtime + uptime) {
				fprintf(stderr, "nstat: history is aged out, "
						"resetting\n");
				if (ftruncate(fileno(hist_fp), 0) < 0)
					perror("nstat: ftruncate");
			}
		}
		load_history(hist_fp);
		hist_db = kern_db;
		kern_db = NULL;
	}

	if (hist_db && info_source[0] && strcmp(info_source, "kernel")) {
		fprintf(stderr, "nstat: history is stale, ignoring it.\n");
		nstat_free(hist_db);
		hist_db = NULL;
		info_source[0] = '\0';
	}
	load_kernel();
	if (info_source[0] == '\0')
		(void)snprintf(info_source, sizeof(info_source), "kernel");

	if (!no_output) {
		if (ignore_history || !hist_db)
			dump_kern_db(stdout, 0);
		else
			dump_incr_db(stdout);
	}
	if (!no_update) {
		if (ftruncate(fileno(hist_fp), 0) < 0)
			perror("nstat: ftruncate");
		rewind(hist_fp);
		json_output = 0;
		dump_kern_db(hist_fp, 1);
		(void)fclose(hist_fp);
		hist_fp = NULL;
	}
	if (hist_fp)
		(void)fclose(hist_fp);
	nstat_free(kern_db);
	nstat_free(hist_db);
	return 0;
}
