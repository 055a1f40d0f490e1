// SPDX-License-Identifier: BSD-2-Clause
/*
 * The %{ python }% blocks of a script.  At the block's time the runner
 * takes TCP_INFO of the most recently used socket; after the last event
 * every block is evaluated over its snapshot.  The python the scripts use
 * is a list of `assert EXPR[, MESSAGE]` statements (newline- or
 * ';'-separated, '\' continuing a line, '#' comments) over integers,
 * tcpi_* fields and TCP_CA_* / TCP_* state names, with arithmetic,
 * comparisons (chained as in python: a <= x <= b), and/or/not.  That
 * subset is evaluated here; anything else fails the script saying so.
 * The same evaluator computes a shell line's $((...)).
 */
#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

struct field {
	const char *name;
	size_t off, size;
};

/* a field of 6.1's struct tcp_info, and one that 6.18 added after it */
#define F(x)                                                             \
	{                                                                \
		"tcpi_" #x, offsetof(struct pd_tcp_info, base.tcpi_##x), \
			sizeof(((struct pd_tcp_info *)0)->base.tcpi_##x) \
	}
#define G(x)                                                        \
	{                                                           \
		"tcpi_" #x, offsetof(struct pd_tcp_info, tcpi_##x), \
			sizeof(((struct pd_tcp_info *)0)->tcpi_##x) \
	}

static const struct field fields[] = {
	F(state),
	F(ca_state),
	F(retransmits),
	F(probes),
	F(backoff),
	F(options),
	F(rto),
	F(ato),
	F(snd_mss),
	F(rcv_mss),
	F(unacked),
	F(sacked),
	F(lost),
	F(retrans),
	F(fackets),
	F(last_data_sent),
	F(last_ack_sent),
	F(last_data_recv),
	F(last_ack_recv),
	F(pmtu),
	F(rcv_ssthresh),
	F(rtt),
	F(rttvar),
	F(snd_ssthresh),
	F(snd_cwnd),
	F(advmss),
	F(reordering),
	F(rcv_rtt),
	F(rcv_space),
	F(total_retrans),
	F(pacing_rate),
	F(max_pacing_rate),
	F(bytes_acked),
	F(bytes_received),
	F(segs_out),
	F(segs_in),
	F(notsent_bytes),
	F(min_rtt),
	F(data_segs_in),
	F(data_segs_out),
	F(delivery_rate),
	F(busy_time),
	F(rwnd_limited),
	F(sndbuf_limited),
	F(delivered),
	F(delivered_ce),
	F(bytes_sent),
	F(bytes_retrans),
	F(dsack_dups),
	F(reord_seen),
	F(rcv_ooopack),
	F(snd_wnd),
	G(rcv_wnd),
	G(rehash),
	G(total_rto),
	G(total_rto_recoveries),
	G(total_rto_time),
	G(received_ce),
	G(delivered_e1_bytes),
	G(delivered_e0_bytes),
	G(delivered_ce_bytes),
	G(received_e1_bytes),
	G(received_e0_bytes),
	G(received_ce_bytes),
	G(accecn_fail_mode),
	G(accecn_opt_seen),
};

static const struct {
	const char *name;
	long long value;
} constants[] = {
	{ "TCP_CA_Open", 0 },	 { "TCP_CA_Disorder", 1 },
	{ "TCP_CA_CWR", 2 },	 { "TCP_CA_Recovery", 3 },
	{ "TCP_CA_Loss", 4 },	 { "TCP_ESTABLISHED", 1 },
	{ "TCP_SYN_SENT", 2 },	 { "TCP_SYN_RECV", 3 },
	{ "TCP_FIN_WAIT1", 4 },	 { "TCP_FIN_WAIT2", 5 },
	{ "TCP_TIME_WAIT", 6 },	 { "TCP_CLOSE", 7 },
	{ "TCP_CLOSE_WAIT", 8 }, { "TCP_LAST_ACK", 9 },
	{ "TCP_LISTEN", 10 },	 { "TCP_CLOSING", 11 },
	{ "True", 1 },		 { "False", 0 },
};

struct ev {
	const char *p;
	const struct pd_tcp_info *info;
	int info_errno;
	char *err;
	size_t errlen;
	bool failed;
	int depth; /* of unary operators and parentheses */
};

static void ev_fail(struct ev *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void ev_fail(struct ev *e, const char *fmt, ...)
{
	va_list ap;

	if (e->failed)
		return;
	e->failed = true;
	va_start(ap, fmt);
	(void)vsnprintf(e->err, e->errlen, fmt, ap);
	va_end(ap);
}

static void skip(struct ev *e)
{
	while (*e->p == ' ' || *e->p == '\t' || *e->p == '\r')
		e->p++;
}

static bool take(struct ev *e, const char *s)
{
	size_t n = strlen(s);

	skip(e);
	if (strncmp(e->p, s, n))
		return false;
	/* a keyword must end there */
	if (isalpha((unsigned char)s[n - 1]) &&
	    (isalnum((unsigned char)e->p[n]) || e->p[n] == '_'))
		return false;
	e->p += n;
	return true;
}

static long long name_value(struct ev *e, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(constants) / sizeof(constants[0]); i++)
		if (!strcmp(constants[i].name, name))
			return constants[i].value;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const unsigned char *b;
		unsigned long long v = 0;

		if (strcmp(fields[i].name, name))
			continue;
		if (!e->info) {
			char why[160];

			(void)snprintf(why, sizeof(why), "%s: no TCP_INFO (%s)",
				       name,
				       e->info_errno ? strerror(e->info_errno)
						     : "no socket");
			ev_fail(e, "%s", why);
			return 0;
		}
		if (fields[i].off + fields[i].size > e->info->len) {
			ev_fail(e, "%s: not in this TCP_INFO (%u bytes)", name,
				e->info->len);
			return 0;
		}
		b = (const unsigned char *)e->info + fields[i].off;
		memcpy(&v, b, fields[i].size); /* little-endian host */
		return (long long)v;
	}
	if (!strcmp(name, "tcpi_snd_wscale") && e->info)
		return e->info->base.tcpi_snd_wscale;
	if (!strcmp(name, "tcpi_rcv_wscale") && e->info)
		return e->info->base.tcpi_rcv_wscale;
	if (!strcmp(name, "tcpi_delivery_rate_app_limited") && e->info)
		return e->info->base.tcpi_delivery_rate_app_limited;
	if (!strcmp(name, "tcpi_fastopen_client_fail") && e->info)
		return e->info->base.tcpi_fastopen_client_fail;
	ev_fail(e, "unknown name '%s'", name);
	return 0;
}

static long long expr(struct ev *e);

static long long primary(struct ev *e)
{
	char name[64];
	size_t n = 0;
	long long v;

	skip(e);
	if (*e->p == '(') {
		e->p++;
		v = expr(e);
		if (!take(e, ")"))
			ev_fail(e, "%s", "expected ')'");
		return v;
	}
	if (isdigit((unsigned char)*e->p)) {
		char *end;

		v = strtoll(e->p, &end, 0);
		e->p = end;
		return v;
	}
	while ((isalnum((unsigned char)*e->p) || *e->p == '_') &&
	       n + 1 < sizeof(name))
		name[n++] = *e->p++;
	name[n] = '\0';
	if (!n) {
		ev_fail(e, "unexpected '%.20s'", e->p);
		return 0;
	}
	return name_value(e, name);
}

/* Python's integers do not overflow; ours fail the block if they would. */
static long long overflow(struct ev *e)
{
	ev_fail(e, "%s", "integer overflow");
	return 0;
}

static long long unary(struct ev *e)
{
	long long v, r;

	if (++e->depth > 64) {
		ev_fail(e, "%s", "expression nested too deep");
		return 0;
	}
	if (take(e, "-")) {
		v = unary(e);
		r = __builtin_sub_overflow(0LL, v, &r) ? overflow(e) : r;
	} else if (take(e, "+")) {
		r = unary(e);
	} else {
		r = primary(e);
	}
	e->depth--;
	return r;
}

static long long term(struct ev *e)
{
	long long v = unary(e);

	for (;;) {
		long long r;

		if (take(e, "*")) {
			r = unary(e);
			if (__builtin_mul_overflow(v, r, &v))
				return overflow(e);
		} else if (take(e, "//") || take(e, "/") || take(e, "%")) {
			bool mod = e->p[-1] == '%';

			r = unary(e);
			if (!r) {
				ev_fail(e, "%s", "division by zero");
				return 0;
			}
			if (r == -1 && v == LLONG_MIN)
				return overflow(e);
			v = mod ? v % r : v / r;
		} else {
			return v;
		}
	}
}

static long long arith(struct ev *e)
{
	long long v = term(e);

	for (;;) {
		long long r;

		if (take(e, "+")) {
			r = term(e);
			if (__builtin_add_overflow(v, r, &v))
				return overflow(e);
		} else if (take(e, "-")) {
			r = term(e);
			if (__builtin_sub_overflow(v, r, &v))
				return overflow(e);
		} else {
			return v;
		}
	}
}

/* a < b <= c: every comparison holds */
static long long comparison(struct ev *e)
{
	static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">" };
	long long left = arith(e), ok = 1;
	bool any = false;

	for (;;) {
		size_t i;
		long long right;

		for (i = 0; i < 6 && !take(e, ops[i]); i++)
			;
		if (i == 6)
			return any ? ok : left;
		any = true;
		right = arith(e);
		switch (i) {
		case 0:
			ok &= left == right;
			break;
		case 1:
			ok &= left != right;
			break;
		case 2:
			ok &= left <= right;
			break;
		case 3:
			ok &= left >= right;
			break;
		case 4:
			ok &= left < right;
			break;
		default:
			ok &= left > right;
			break;
		}
		left = right;
	}
}

static long long not_expr(struct ev *e)
{
	if (take(e, "not"))
		return !not_expr(e);
	return comparison(e);
}

static long long and_expr(struct ev *e)
{
	long long v = not_expr(e);

	while (take(e, "and")) {
		long long r = not_expr(e);

		v = v && r;
	}
	return v;
}

static long long expr(struct ev *e)
{
	long long v = and_expr(e);

	while (take(e, "or")) {
		long long r = and_expr(e);

		v = v || r;
	}
	return v;
}

bool pd_eval_int(const char *s, long long *v)
{
	char err[64];
	struct ev e = { .p = s, .err = err, .errlen = sizeof(err) };

	*v = arith(&e);
	skip(&e);
	return !e.failed && !*e.p;
}

/* One statement: "assert EXPR[, MESSAGE]"; a failed one shows the
 * message's value when it is an expression over tcp_info (as Python's
 * AssertionError shows the message) */
static int statement(const char *st, const struct pd_tcp_info *info,
		     int info_errno, char *err, size_t errlen)
{
	struct ev e = { .p = st,
			.info = info,
			.info_errno = info_errno,
			.err = err,
			.errlen = errlen };
	long long v;

	if (!take(&e, "assert")) {
		(void)snprintf(err, errlen, "unsupported python: %.60s", st);
		return -1;
	}
	v = expr(&e);
	skip(&e);
	if (!e.failed && *e.p && *e.p != ',')
		ev_fail(&e, "cannot read '%.30s'", e.p);
	if (e.failed)
		return -1;
	if (!v) {
		const char *msg = *e.p == ',' ? e.p + 1 : NULL;
		long long mv = 0;

		if (msg) {
			e.p = msg;
			mv = arith(&e);
			skip(&e);
		}
		if (msg && !e.failed && !*e.p)
			(void)snprintf(err, errlen,
				       "AssertionError: %.200s: %lld", st, mv);
		else
			(void)snprintf(err, errlen, "AssertionError: %.200s",
				       st);
		return -1;
	}
	return 0;
}

/* The statements of @code: ';' and newlines split, '\' joins, '#' ends. */
int pd_code_eval(const char *code, const struct pd_tcp_info *info,
		 int info_errno, char *err, size_t errlen)
{
	char *buf = strdup(code), *s, *d, *st;
	int depth = 0, rc = 0;
	char q = 0;

	if (!buf)
		abort();
	for (s = d = buf; *s; s++) {
		if (!q && *s == '#') {
			while (s[1] && s[1] != '\n')
				s++;
			continue;
		}
		if (*s == '\\' && s[1] == '\n') {
			s++;
			continue;
		}
		if (q && *s == q)
			q = 0;
		else if (!q && (*s == '\'' || *s == '"'))
			q = *s;
		if (!q && (*s == '(' || *s == '['))
			depth++;
		if (!q && (*s == ')' || *s == ']'))
			depth--;
		*d++ = (char)(!q && !depth && *s == ';' ? '\n' : *s);
	}
	*d = '\0';
	for (st = strtok_r(buf, "\n", &s); st && !rc;
	     st = strtok_r(NULL, "\n", &s)) {
		size_t n;

		while (isspace((unsigned char)*st))
			st++;
		n = strlen(st);
		while (n && isspace((unsigned char)st[n - 1]))
			st[--n] = '\0';
		if (*st)
			rc = statement(st, info, info_errno, err, errlen);
	}
	free(buf);
	return rc;
}

void pd_code_snapshot(struct pd_run *r, const struct pd_event *ev)
{
	struct pd_snapshot *s;
	socklen_t len = PD_TCP_INFO_SIZE;

	s = realloc(r->snaps, sizeof(*s) * (size_t)(r->nsnaps + 1));
	if (!s)
		abort();
	r->snaps = s;
	s += r->nsnaps++;
	memset(s, 0, sizeof(*s));
	s->line = ev->line;
	s->code = ev->text;
	if (r->last_fd < 0) {
		s->info_errno = 0;
		return;
	}
	if (r->be->getsockopt(pd_live_fd(r, r->last_fd), IPPROTO_TCP, TCP_INFO,
			      &s->info, &len) == 0) {
		s->have_info = true;
		s->info.len = len;
	} else {
		s->info_errno = errno;
	}
}

int pd_code_eval_all(struct pd_run *r)
{
	char err[512];
	int i;

	for (i = 0; i < r->nsnaps; i++) {
		const struct pd_snapshot *s = &r->snaps[i];

		if (pd_code_eval(s->code, s->have_info ? &s->info : NULL,
				 s->info_errno, err, sizeof(err))) {
			pd_fail(r, s->line, "%s", err);
			return -1;
		}
	}
	return 0;
}
