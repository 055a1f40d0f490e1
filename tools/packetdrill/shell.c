// SPDX-License-Identifier: BSD-2-Clause
/*
 * The shell lines of a script.  Against tuxnet they are interpreted (no
 * program is ever run): defaults.sh, `sysctl -q`, set_sysctls.py,
 * `ip route` / `ip tcp_metrics`, `tc qdisc`, `ethtool -K`, `nstat`, the
 * sysctl restore script.  Sysctls are written through the stack's own
 * /proc/sys (the backend's open/write) exactly as the sysctl tool writes them; a
 * knob the stack does not have is recorded, and the script then fails
 * naming it, rather than being silently ignored.  A backend that runs
 * commands (--kernel) runs every line for real but defaults.sh (not in the
 * script folders: its knobs are written here), sysctl and set_sysctls.py
 * (written to the namespace's /proc/sys here, as the tools would) and the
 * restore script (the namespace goes with the script).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define MAX_WORDS 32
#define WORD_LEN  256

int pd_shell_tc(struct pd_run *r, int line, char w[][WORD_LEN], int n);
int pd_shell_ip(struct pd_run *r, int line, char w[][WORD_LEN], int n);

struct knob {
	const char *name;
	const char *value;
	bool optional; /* gone from Linux too: skipped if absent */
};

/*
 * What packetdrill's defaults.sh sets (README section 3), google's and
 * the kernel selftests' alike but for tcp_fastopen and tcp_ecn_option.
 */
static const struct knob defaults[] = {
	{ "net.ipv4.tcp_rmem", "4096 540000 15728640", false },
	{ "net.ipv4.tcp_wmem", "4096 262144 4194304", false },
	{ "net.ipv4.tcp_timestamps", "1", false },
	{ "net.ipv4.tcp_syn_retries", "5", false },
	{ "net.ipv4.tcp_synack_retries", "5", false },
	{ "net.ipv4.tcp_frto", "2", false },
	{ "net.ipv4.tcp_sack", "1", false },
	{ "net.ipv4.tcp_dsack", "1", false },
	{ "net.ipv4.tcp_fack", "0", true }, /* removed in Linux 4.15 */
	{ "net.ipv4.tcp_reordering", "3", false },
	{ "net.ipv4.tcp_congestion_control", "cubic", false },
	{ "net.ipv4.tcp_slow_start_after_idle", "0", false },
	{ "net.ipv4.tcp_early_retrans", "4", false },
	{ "net.ipv4.tcp_recovery", "1", false },
	{ "net.ipv4.tcp_tso_win_divisor", "3", false },
	{ "net.ipv4.tcp_ecn", "0", false },
	{ "net.ipv4.tcp_pacing_ss_ratio", "200", false },
	{ "net.ipv4.tcp_pacing_ca_ratio", "120", false },
	{ "net.ipv4.tcp_notsent_lowat", "4294967295", false },
	{ "net.ipv4.tcp_syncookies", "1", false },
	{ "net.ipv4.tcp_fastopen_key", "a1a2a3a4-b1b2b3b4-c1c2c3c4-d1d2d3d4",
	  false },
};

static void add_missing(struct pd_run *r, const char *what)
{
	int i;

	for (i = 0; i < r->nmissing; i++)
		if (!strcmp(r->missing[i], what))
			return;
	if (r->nmissing < PD_MAX_SYSCTLS) {
		r->missing[r->nmissing] = strdup(what);
		if (r->missing[r->nmissing])
			r->nmissing++;
	}
}

static int real_command(struct pd_run *r, int line, const char *text);

/*
 * Linux refuses a namespace a default congestion control the host does
 * not allow (tcp_allowed_congestion_control): every connection of the
 * script goes through tun0's default route, so that route's congctl gives
 * each the algorithm the default would have.
 */
static int route_congctl(struct pd_run *r, int line, const char *ca)
{
	char cmd[256];

	(void)snprintf(cmd, sizeof(cmd),
		       "ip route replace default dev tun0 congctl %s", ca);
	return real_command(r, line, cmd);
}

/*
 * set_sysctl - write @value to net.x.y (dots) through /proc/sys.  A knob
 * that is not there is recorded (or skipped when @optional).
 */
static int set_sysctl(struct pd_run *r, int line, const char *name,
		      const char *value, bool optional)
{
	char path[256], buf[512];
	size_t i, n;
	int fd;
	ssize_t w;

	n = (size_t)snprintf(path, sizeof(path), "/proc/sys/%s", name);
	if (n >= sizeof(path))
		return pd_fail(r, line, "sysctl name too long"), -1;
	if (strncmp(name, "/proc/sys/", 10) == 0)
		(void)snprintf(path, sizeof(path), "%s", name);
	else
		for (i = 10; path[i]; i++)
			if (path[i] == '.')
				path[i] = '/';
	fd = r->be->open(path, O_WRONLY);
	if (fd < 0) {
		if (errno == ENOENT && !optional) {
			for (i = 10; path[i]; i++)
				if (path[i] == '/')
					path[i] = '.';
			add_missing(r, path + 10); /* as sysctl names it */
			errno = ENOENT;
		}
		if (errno == ENOENT)
			return 0;
		pd_fail(r, line, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	n = (size_t)snprintf(buf, sizeof(buf), "%s\n", value);
	w = r->be->write(fd, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
	r->be->close(fd);
	if (w < 0 && errno == EPERM && r->be->system &&
	    !strcmp(path, "/proc/sys/net/ipv4/tcp_congestion_control"))
		return route_congctl(r, line, value);
	if (w < 0) {
		pd_fail(r, line, "sysctl %s=%s: %s", path + 10, value,
			strerror(errno));
		return -1;
	}
	return 0;
}

/* A line run for real by the backend: it must exit 0. */
static int real_command(struct pd_run *r, int line, const char *text)
{
	int st = r->be->system(r->dut, text);

	if (st)
		return pd_fail(r, line, "shell command exited %d: %s", st,
			       text),
		       -1;
	return 0;
}

static int run_defaults(struct pd_run *r, int line, bool kernel)
{
	size_t i;

	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (set_sysctl(r, line, defaults[i].name, defaults[i].value,
			       defaults[i].optional))
			return -1;
	if (set_sysctl(r, line, "net.ipv4.tcp_fastopen",
		       kernel ? "3" : "0x70403", false))
		return -1;
	/* AccECN's knob exists from Linux 6.18: google's script sets it */
	if (!kernel &&
	    set_sysctl(r, line, "net.ipv4.tcp_ecn_option", "2", true))
		return -1;
	/* `ip tcp_metrics flush all`: nothing is kept before TCP is */
	if (r->be->system)
		return real_command(r, line,
				    "tc qdisc replace dev tun0 root pfifo");
	{
		char w[][WORD_LEN] = { "tc",   "qdisc", "replace", "dev",
				       "tun0", "root",	"pfifo" };

		return pd_shell_tc(r, line, w, 7);
	}
}

/* ---- Words of one command line ---- */

/* $((expr)) at @s: its value appended to @out */
static const char *expand_arith(const char *s, char *out, size_t *n, size_t cap)
{
	const char *e = strstr(s + 3, "))");
	char expr[128];
	long long v;

	if (!e || (size_t)(e - s - 3) >= sizeof(expr))
		return NULL;
	memcpy(expr, s + 3, (size_t)(e - s - 3));
	expr[e - s - 3] = '\0';
	if (!pd_eval_int(expr, &v))
		return NULL;
	*n += (size_t)snprintf(out + *n, cap - *n, "%lld", v);
	return e + 2;
}

/* Splits @line into words (quotes, $((...)), # comments). */
static int split_words(const char *line, char words[][WORD_LEN])
{
	int nw = 0;
	const char *s = line;

	while (*s) {
		size_t n = 0;
		char q = 0;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s || *s == '#')
			break;
		if (nw == MAX_WORDS)
			return -1;
		while (*s && (q || !isspace((unsigned char)*s))) {
			if (n + 24 >= WORD_LEN)
				return -1;
			if (!q && (*s == '"' || *s == '\'')) {
				q = *s++;
			} else if (q && *s == q) {
				q = 0;
				s++;
			} else if (q != '\'' && !strncmp(s, "$((", 3)) {
				s = expand_arith(s, words[nw], &n, WORD_LEN);
				if (!s)
					return -1;
			} else {
				words[nw][n++] = *s++;
			}
		}
		if (q)
			return -1;
		words[nw++][n] = '\0';
	}
	return nw;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

/* sysctl [-q] [-w] name=value ... */
static int cmd_sysctl(struct pd_run *r, int line, char w[][WORD_LEN], int n)
{
	int i;

	for (i = 1; i < n; i++) {
		char *eq = strchr(w[i], '=');

		if (w[i][0] == '-')
			continue;
		if (!eq)
			return pd_fail(r, line,
				       "sysctl: only name=value is supported"),
			       -1;
		*eq = '\0';
		if (set_sysctl(r, line, w[i], eq + 1, false))
			return -1;
	}
	return 0;
}

/* set_sysctls.py /proc/sys/net/ipv4/X=Y ... */
static int cmd_set_sysctls(struct pd_run *r, int line, char w[][WORD_LEN],
			   int n)
{
	return cmd_sysctl(r, line, w, n);
}

/* ---- nstat ---- */

static long long counter_of(const struct pd_counter *c, int n, const char *name,
			    bool *found)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!strcmp(c[i].name, name)) {
			*found = true;
			return c[i].value;
		}
	}
	*found = false;
	return 0;
}

/* Appends the counters of one /proc/net file ("Prefix: names" lines). */
static int read_counters(struct pd_run *r, const char *path,
			 struct pd_counter **out, int *nout)
{
	static char buf[65536];
	char *names = NULL, *line, *save = NULL;
	size_t len = 0;
	ssize_t got;
	int fd = r->be->open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (len < sizeof(buf) - 1 &&
	       (got = r->be->read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)got;
	r->be->close(fd);
	buf[len] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *ns, *vs, *s1 = NULL,
		     *s2 = NULL;

		if (!colon)
			continue;
		if (!names ||
		    strncmp(names, line, (size_t)(colon - line) + 1)) {
			names = line; /* a header line; values follow */
			continue;
		}
		ns = strtok_r(strchr(names, ':') + 1, " ", &s1);
		vs = strtok_r(colon + 1, " ", &s2);
		for (; ns && vs; ns = strtok_r(NULL, " ", &s1),
				 vs = strtok_r(NULL, " ", &s2)) {
			struct pd_counter *c = realloc(
				*out, sizeof(**out) * (size_t)(*nout + 1));

			if (!c)
				return -1;
			*out = c;
			(void)snprintf(
				c[*nout].name, sizeof(c[*nout].name), "%.*s%s",
				(int)(strchr(names, ':') - names), names, ns);
			c[*nout].value = strtoll(vs, NULL, 10);
			(*nout)++;
		}
		names = NULL;
	}
	return 0;
}

/*
 * nstat -n: remember the counters.  nstat [-s] | grep NAME | grep -q " N ":
 * NAME's increase since then is N (nstat prints only what changed); the
 * counters are remembered again unless -s.
 */
static int cmd_nstat(struct pd_run *r, int line, const char *text)
{
	struct pd_counter *now = NULL;
	int n = 0, rc = 0;
	char name[64];
	long long want;
	const char *g;
	bool found, had;

	if (read_counters(r, "/proc/net/snmp", &now, &n) ||
	    read_counters(r, "/proc/net/netstat", &now, &n)) {
		free(now);
		return pd_fail(r, line, "nstat: cannot read /proc/net"), -1;
	}
	g = strstr(text, "grep ");
	if (!g) {
		free(r->counters);
		r->counters = now;
		r->ncounters = n;
		return 0;
	}
	if (sscanf(g, "grep %63s | grep -q \" %lld \"", name, &want) != 2) {
		free(now);
		return pd_fail(r, line, "nstat: unsupported pipeline"), -1;
	}
	{
		long long v = counter_of(now, n, name, &found);
		long long base =
			counter_of(r->counters, r->ncounters, name, &had);

		if (!found) {
			pd_fail(r, line, "nstat: no counter %s on this stack",
				name);
			rc = -1;
		} else if (v - base != want || !want) {
			pd_fail(r, line,
				"nstat: %s increased by %lld, expected %lld",
				name, v - base, want);
			rc = -1;
		}
	}
	/* as nstat keeps its history unless -s */
	if (!strstr(text, " -s") && !strstr(text, " --nooutput")) {
		free(r->counters);
		r->counters = now;
		r->ncounters = n;
		now = NULL;
	}
	free(now);
	return rc;
}

/* ---- ip, tc, ethtool ---- */

static int cmd_ethtool(struct pd_run *r, int line, char w[][WORD_LEN], int n)
{
	/* tun0 offers no TSO/GSO/checksum offload: turning them off is moot */
	if (n >= 3 && !strcmp(w[1], "-K"))
		return 0;
	pd_fail(r, line, "ethtool: only -K is supported");
	return -1;
}

static int one_command(struct pd_run *r, int line, const char *text)
{
	char w[MAX_WORDS][WORD_LEN];
	int n = split_words(text, w);
	const char *cmd;

	if (n < 0)
		return pd_fail(r, line, "cannot read shell line '%s'", text),
		       -1;
	if (!n)
		return 0;
	cmd = w[0];
	if (ends_with(cmd, "defaults.sh"))
		return run_defaults(r, line, !strcmp(cmd, "./defaults.sh"));
	if (ends_with(cmd, "set_sysctls.py"))
		return cmd_set_sysctls(r, line, w, n);
	if (!strncmp(cmd, "/tmp/sysctl_restore_", 20))
		return 0; /* the stack goes with the script */
	if (!strcmp(cmd, "sysctl"))
		return cmd_sysctl(r, line, w, n);
	if (r->be->system)
		return real_command(r, line, text);
	if (!strcmp(cmd, "nstat"))
		return cmd_nstat(r, line, text);
	if (!strcmp(cmd, "ethtool"))
		return cmd_ethtool(r, line, w, n);
	if (!strcmp(cmd, "tc"))
		return pd_shell_tc(r, line, w, n);
	if (!strcmp(cmd, "ip"))
		return pd_shell_ip(r, line, w, n);
	pd_fail(r, line, "shell command not supported by the runner: %s", text);
	return -1;
}

int pd_shell_run(struct pd_run *r, int line, const char *text)
{
	char *copy = strdup(text), *s, *nl;
	int rc = 0;

	if (!copy)
		abort();
	/* join continuation lines, then one command per line */
	for (s = copy; (s = strstr(s, "\\\n"));)
		s[0] = s[1] = ' ';
	for (s = copy; s && !rc; s = nl) {
		nl = strchr(s, '\n');
		if (nl)
			*nl++ = '\0';
		rc = one_command(r, line, s);
		line++;
	}
	free(copy);
	return rc;
}
