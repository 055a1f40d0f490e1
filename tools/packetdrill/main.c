// SPDX-License-Identifier: BSD-2-Clause
/*
 * tuxnet-packetdrill [OPTIONS] SCRIPT...
 *
 * Runs each packetdrill script against a fresh tuxnet stack in virtual
 * time and prints one line per script, "PASS path" or "FAIL path: reason".
 * Exits 0 only if every script passed.  --parse-only (or --dry-run) only
 * parses them.  --kernel runs them against the host's Linux kernel instead,
 * as upstream packetdrill does (root; each script in a child process of its
 * own, in a fresh network namespace: kernel.c).  Options are packetdrill's (--mss, --mtu, --local_ip,
 * --remote_ip, --tolerance_usecs, --tolerance_percent,
 * --tcp_ts_tick_usecs, --strict_segments, -D SYM=val); a script's own
 * option lines apply unless the command line gave the same option.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pd.h"
#include "run.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tuxnet-packetdrill [--kernel] [--parse-only] [-v|--verbose]\n"
		"       [-D SYM=val]\n"
		"       [--local_ip=A] [--remote_ip=A] [--mss=N] [--mtu=N]\n"
		"       [--tolerance_usecs=N] [--tolerance_percent=P]\n"
		"       [--tcp_ts_tick_usecs=N] [--strict_segments] SCRIPT...\n");
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t n;

		if (cap - len < 4096) {
			char *nb = realloc(buf, cap + 65536);

			if (!nb) {
				free(buf);
				(void)fclose(f);
				return NULL;
			}
			buf = nb;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0 || len > 16UL * 1024 * 1024)
			break;
	}
	(void)fclose(f);
	buf[len] = '\0';
	return buf;
}

/* -D SYM=val: every word SYM of the script becomes val. */
static char *apply_defines(const struct pd_config *cfg, char *text)
{
	size_t cap = strlen(text) + 1, n = 0;
	char *out = malloc(cap), *s = text;

	if (!out)
		abort();
	while (*s) {
		const char *val = NULL;
		size_t wl = 0, vl;
		int i;

		if ((isalpha((unsigned char)*s) || *s == '_') &&
		    (s == text ||
		     !(isalnum((unsigned char)s[-1]) || s[-1] == '_'))) {
			while (isalnum((unsigned char)s[wl]) || s[wl] == '_')
				wl++;
			for (i = 0; i < cfg->ndefines && !val; i++)
				if (strlen(cfg->define_sym[i]) == wl &&
				    !strncmp(cfg->define_sym[i], s, wl))
					val = cfg->define_val[i];
		}
		if (!val) {
			val = s;
			wl = vl = 1;
		} else {
			vl = strlen(val);
		}
		if (n + vl + 1 > cap) {
			char *o = realloc(out, cap = 2 * (n + vl + 1));

			if (!o)
				abort();
			out = o;
		}
		memcpy(out + n, val, vl);
		n += vl;
		s += wl;
	}
	out[n] = '\0';
	free(text);
	return out;
}

static int one_script(const struct pd_config *base, const char *path)
{
	struct pd_config cfg = *base;
	struct pd_script s;
	char err[1024];
	char *text = read_file(path);
	int i, rc;

	if (!text) {
		printf("FAIL %s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	if (cfg.ndefines)
		text = apply_defines(&cfg, text);
	rc = pd_parse(path, text, &s, err, sizeof(err));
	free(text);
	if (rc) {
		printf("FAIL %s: parse error at line %s\n", path, err);
		pd_script_free(&s);
		return -1;
	}
	for (i = 0; i < s.nopts && !rc; i++)
		rc = pd_config_option(&cfg, s.opt_name[i], s.opt_value[i],
				      false, err, sizeof(err));
	if (!rc && !cfg.parse_only)
		rc = pd_run_script(&cfg, &s, err, sizeof(err));
	if (rc)
		printf("FAIL %s: %s\n", path, err);
	else
		printf("PASS %s\n", path);
	(void)fflush(stdout);
	pd_script_free(&s);
	return rc;
}

/*
 * --kernel: the script in a child of its own, which moves into a fresh
 * network namespace; its sockets, tun0 and threads end with it.
 */
static int one_child(const struct pd_config *cfg, const char *path)
{
	pid_t pid;
	int st;

	(void)fflush(NULL);
	pid = fork();
	if (pid < 0) {
		printf("FAIL %s: fork: %s\n", path, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int rc = one_script(cfg, path);

		(void)fflush(NULL);
		_exit(rc ? 1 : 0);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(st)) {
		printf("FAIL %s: killed by signal %d\n", path, WTERMSIG(st));
		(void)fflush(stdout);
	}
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int parse_args(struct pd_config *cfg, int argc, char **argv, int *first)
{
	char err[256];
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		char *a = argv[i], *eq;

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "-v")) {
			cfg->verbose = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		}
		if (!strncmp(a, "-D", 2)) {
			const char *sv =
				a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : "");

			if (pd_config_define(cfg, sv)) {
				fprintf(stderr, "bad -D %s\n", sv);
				return -1;
			}
			continue;
		}
		if (strncmp(a, "--", 2)) {
			usage(stderr);
			return -1;
		}
		a += 2;
		if (!strcmp(a, "kernel")) {
			cfg->kernel = true;
			continue;
		}
		if (!strcmp(a, "parse-only") || !strcmp(a, "dry-run")) {
			cfg->parse_only = true;
			continue;
		}
		eq = strchr(a, '=');
		if (eq)
			*eq++ = '\0';
		if (pd_config_option(cfg, a, eq, true, err, sizeof(err))) {
			fprintf(stderr, "tuxnet-packetdrill: %s\n", err);
			return -1;
		}
	}
	*first = i;
	return 0;
}

int main(int argc, char **argv)
{
	struct pd_config cfg;
	int i, first, failed = 0;

	pd_config_defaults(&cfg);
	if (parse_args(&cfg, argc, argv, &first))
		return 2;
	if (first >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = first; i < argc; i++)
		if (cfg.kernel && !cfg.parse_only ? one_child(&cfg, argv[i])
						  : one_script(&cfg, argv[i]))
			failed++;
	for (i = 0; i < cfg.ndefines; i++) {
		free(cfg.define_sym[i]);
		free(cfg.define_val[i]);
	}
	return failed ? 1 : 0;
}
