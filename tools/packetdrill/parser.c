// SPDX-License-Identifier: BSD-2-Clause
/*
 * The .pkt grammar, by recursive descent over the scanner (lexer.c):
 *
 *   script  := option* [`init`] event*
 *   event   := time action
 *   time    := '*' | ['+']secs ['~' ['+']secs] | ['+']secs '...' ['+']secs
 *   action  := packet | syscall | `shell` | %{ python }%
 *   packet  := ('<'|'>') [ip_info] (tcp | 'udp' ... | 'icmp' ...)
 *   syscall := NAME '(' expr,* ')' '=' expr [ERRNO] ['(' text ')']
 *
 * Meanings are in ../shared/conformance/packetdrill/README.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"

/* Appends @v to the array of pointers *@arr of *@n. */
static void push_ptr(void *arr, int *n, void *v)
{
	void **a;

	memcpy(&a, arr, sizeof(a));
	a = realloc(a, sizeof(void *) * (size_t)(*n + 1));
	if (!a)
		abort();
	a[(*n)++] = v;
	memcpy(arr, &a, sizeof(a));
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		abort();
	return d;
}

static struct pd_expr *expr_new(enum pd_expr_kind kind)
{
	struct pd_expr *e = calloc(1, sizeof(*e));

	if (!e)
		abort();
	e->kind = kind;
	return e;
}

void pd_expr_free(struct pd_expr *e)
{
	int i;

	if (!e)
		return;
	for (i = 0; i < e->nkids; i++)
		pd_expr_free(e->kids[i]);
	free(e->kids);
	free(e->str);
	pd_expr_free(e->arg);
	pd_expr_free(e->val);
	free(e);
}

static struct pd_expr *parse_expr(struct pd_lexer *lx, int depth);

/* '[' or '{' already taken: items up to @close. */
static struct pd_expr *parse_seq(struct pd_lexer *lx, enum pd_expr_kind kind,
				 const char *close, int depth)
{
	struct pd_expr *e = expr_new(kind);

	pd_lex_skip(lx);
	if (pd_lex_accept(lx, close))
		return e;
	for (;;) {
		struct pd_expr *k = parse_expr(lx, depth + 1);

		if (!k)
			break;
		push_ptr(&e->kids, &e->nkids, k);
		pd_lex_skip(lx);
		if (pd_lex_accept(lx, close))
			return e;
		if (!pd_lex_expect(lx, ","))
			break;
	}
	pd_expr_free(e);
	return NULL;
}

static struct pd_expr *parse_string(struct pd_lexer *lx)
{
	struct pd_expr *e = expr_new(PD_E_STRING);

	e->str = pd_lex_until(lx, "\"");
	if (!e->str) {
		pd_expr_free(e);
		return NULL;
	}
	return e;
}

/* WORD, NULL, name=value or name(arg)=value */
static struct pd_expr *parse_word_expr(struct pd_lexer *lx, int depth)
{
	char w[64];
	struct pd_expr *e, *arg = NULL;
	const char *save;
	int line;

	if (!pd_lex_word(lx, w, sizeof(w)))
		return NULL;
	save = lx->p;
	line = lx->line;
	pd_lex_skip(lx);
	if (pd_lex_accept(lx, "(")) {
		arg = parse_expr(lx, depth + 1);
		if (!arg || !pd_lex_expect(lx, ")")) {
			pd_expr_free(arg);
			return NULL;
		}
		pd_lex_skip(lx);
		if (pd_lex_peek(lx) != '=') {
			pd_expr_free(arg);
			pd_lex_error(lx, "expected '=' after %s(...)", w);
			return NULL;
		}
	}
	if (pd_lex_peek(lx) == '=' &&
	    !(lx->p + 1 < lx->end && lx->p[1] == '=')) {
		lx->p++;
		e = expr_new(PD_E_FIELD);
		e->str = xstrdup(w);
		e->arg = arg;
		e->val = parse_expr(lx, depth + 1);
		if (!e->val) {
			pd_expr_free(e);
			return NULL;
		}
		return e;
	}
	lx->p = save;
	lx->line = line;
	if (!strcmp(w, "NULL"))
		return expr_new(PD_E_NULL);
	e = expr_new(PD_E_WORD);
	e->str = xstrdup(w);
	return e;
}

static struct pd_expr *parse_primary(struct pd_lexer *lx, int depth)
{
	struct pd_expr *e;
	long long v;

	if (depth > 32) {
		pd_lex_error(lx, "expression nested too deep");
		return NULL;
	}
	pd_lex_skip(lx);
	if (pd_lex_accept(lx, "..."))
		return expr_new(PD_E_ELLIPSIS);
	if (pd_lex_accept(lx, "["))
		return parse_seq(lx, PD_E_LIST, "]", depth);
	if (pd_lex_accept(lx, "{"))
		return parse_seq(lx, PD_E_STRUCT, "}", depth);
	if (pd_lex_accept(lx, "\""))
		return parse_string(lx);
	if (pd_lex_int(lx, &v)) {
		e = expr_new(PD_E_INT);
		e->num = v;
		return e;
	}
	e = parse_word_expr(lx, depth);
	if (!e)
		pd_lex_error(lx, "expected an expression");
	return e;
}

static struct pd_expr *parse_expr(struct pd_lexer *lx, int depth)
{
	struct pd_expr *e = parse_primary(lx, depth);

	while (e) {
		struct pd_expr *o, *r;

		pd_lex_skip(lx);
		if (pd_lex_peek(lx) != '|')
			break;
		lx->p++;
		r = parse_primary(lx, depth + 1);
		if (!r) {
			pd_expr_free(e);
			return NULL;
		}
		o = expr_new(PD_E_OR);
		push_ptr(&o->kids, &o->nkids, e);
		push_ptr(&o->kids, &o->nkids, r);
		e = o;
	}
	return e;
}

/* ---- Packets ---- */

static bool lex_u32(struct pd_lexer *lx, uint32_t *v)
{
	long long x;

	pd_lex_skip_inline(lx);
	if (!pd_lex_int(lx, &x) || x < 0 || x > 0xffffffffLL) {
		pd_lex_error(lx, "expected a 32-bit number");
		return false;
	}
	*v = (uint32_t)x;
	return true;
}

/* start:end(len) */
static bool parse_seq_range(struct pd_lexer *lx, uint32_t *start, uint32_t *end,
			    unsigned int *len)
{
	uint32_t l;

	if (!lex_u32(lx, start) || !pd_lex_expect(lx, ":") ||
	    !lex_u32(lx, end) || !pd_lex_expect(lx, "(") || !lex_u32(lx, &l) ||
	    !pd_lex_expect(lx, ")"))
		return false;
	if (l > 65535) {
		pd_lex_error(lx, "length %u over 65535", l);
		return false;
	}
	if ((uint32_t)(*end - *start) != l) {
		pd_lex_error(lx, "%u:%u(%u): length is not end - start", *start,
			     *end, l);
		return false;
	}
	*len = l;
	return true;
}

static bool parse_ip_info(struct pd_lexer *lx, struct pd_packet *p,
			  const char *close)
{
	char w[32];
	long long v;

	for (;;) {
		pd_lex_skip_inline(lx);
		if (pd_lex_accept(lx, close))
			return true;
		if (pd_lex_accept(lx, ","))
			continue;
		if (!pd_lex_word(lx, w, sizeof(w))) {
			pd_lex_error(lx, "bad ip info");
			return false;
		}
		if (!strcmp(w, "noecn"))
			p->ecn = 0;
		else if (!strcmp(w, "ect1"))
			p->ecn = 1;
		else if (!strcmp(w, "ect0"))
			p->ecn = 2;
		else if (!strcmp(w, "ce"))
			p->ecn = 3;
		else if (!strcmp(w, "ect01"))
			p->ecn = 4;
		else if (!strcmp(w, "tos") || !strcmp(w, "ttl") ||
			 !strcmp(w, "flowlabel")) {
			pd_lex_skip_inline(lx);
			if (!pd_lex_int(lx, &v) || v < 0) {
				pd_lex_error(lx, "bad %s", w);
				return false;
			}
			if (w[1] == 'o')
				p->tos = (int)v;
			else if (w[1] == 't')
				p->ttl = (int)v;
			else
				p->flowlabel = v;
		} else {
			pd_lex_error(lx, "unknown ip info '%s'", w);
			return false;
		}
	}
}

static bool parse_hex_bytes(struct pd_lexer *lx, struct pd_tcp_opt *o)
{
	pd_lex_skip_inline(lx);
	while (isxdigit(pd_lex_peek(lx)) && lx->p + 1 < lx->end &&
	       isxdigit((unsigned char)lx->p[1]) && o->len < 32) {
		char h[3] = { lx->p[0], lx->p[1], 0 };

		o->data[o->len++] = (uint8_t)strtoul(h, NULL, 16);
		lx->p += 2;
	}
	return true;
}

static bool parse_sack_blocks(struct pd_lexer *lx, struct pd_tcp_opt *o)
{
	for (;;) {
		pd_lex_skip(lx);
		if (!isdigit(pd_lex_peek(lx)))
			return o->nsack > 0 ||
			       (pd_lex_error(lx, "empty sack"), false);
		if (o->nsack == PD_MAX_SACK) {
			pd_lex_error(lx, "too many sack blocks");
			return false;
		}
		if (!lex_u32(lx, &o->sack[o->nsack][0]) ||
		    !pd_lex_expect(lx, ":") ||
		    !lex_u32(lx, &o->sack[o->nsack][1]))
			return false;
		o->nsack++;
	}
}

static bool parse_one_opt(struct pd_lexer *lx, struct pd_tcp_opt *o)
{
	char w[32];

	pd_lex_skip(lx);
	if (!pd_lex_word(lx, w, sizeof(w))) {
		pd_lex_error(lx, "expected a TCP option");
		return false;
	}
	if (!strcmp(w, "nop")) {
		o->kind = PD_OPT_NOP;
	} else if (!strcmp(w, "eol")) {
		o->kind = PD_OPT_EOL;
	} else if (!strcmp(w, "mss")) {
		o->kind = PD_OPT_MSS;
		return lex_u32(lx, &o->val);
	} else if (!strcmp(w, "wscale")) {
		o->kind = PD_OPT_WSCALE;
		return lex_u32(lx, &o->val);
	} else if (!strcmp(w, "sackOK")) {
		o->kind = PD_OPT_SACKOK;
	} else if (!strcmp(w, "sack")) {
		o->kind = PD_OPT_SACK;
		return parse_sack_blocks(lx, o);
	} else if (!strcmp(w, "TS")) {
		o->kind = PD_OPT_TS;
		pd_lex_skip(lx);
		return pd_lex_expect(lx, "val") && lex_u32(lx, &o->val) &&
		       pd_lex_expect(lx, "ecr") && lex_u32(lx, &o->ecr);
	} else if (!strcmp(w, "FO") || !strcmp(w, "FOEXP") ||
		   !strcmp(w, "md5")) {
		o->kind = w[0] == 'm'	? PD_OPT_MD5
			  : w[2] == 'E' ? PD_OPT_FOEXP
					: PD_OPT_FO;
		return parse_hex_bytes(lx, o);
	} else {
		pd_lex_error(lx, "unknown TCP option '%s'", w);
		return false;
	}
	return true;
}

static bool parse_tcp_opts(struct pd_lexer *lx, struct pd_packet *p)
{
	pd_lex_skip(lx);
	if (pd_lex_accept(lx, "...")) {
		p->opts_mode = PD_OPTS_ANY;
		return pd_lex_expect(lx, ">");
	}
	p->opts_mode = PD_OPTS_LIST;
	for (;;) {
		if (p->nopts == PD_MAX_OPTS) {
			pd_lex_error(lx, "too many options");
			return false;
		}
		if (!parse_one_opt(lx, &p->opts[p->nopts]))
			return false;
		p->nopts++;
		pd_lex_skip(lx);
		if (pd_lex_accept(lx, ">"))
			return true;
		if (!pd_lex_expect(lx, ","))
			return false;
	}
}

/*
 * [SPORT>DPORT] before a TCP packet's flags (our extension: packetdrill
 * has one flow per socket and no way to name a second peer): the flow
 * takes these ports from this packet on, so that a listener can see SYNs
 * from several peer ports (a full SYN queue, SYN cookies).
 */
static bool parse_tcp_ports(struct pd_lexer *lx, struct pd_packet *p)
{
	long long a, b;

	if (!pd_lex_int(lx, &a) || !pd_lex_expect(lx, ">"))
		return false;
	pd_lex_skip_inline(lx);
	if (!pd_lex_int(lx, &b) || a < 1 || a > 65535 || b < 1 || b > 65535) {
		pd_lex_error(lx, "bad TCP port");
		return false;
	}
	p->has_ports = true;
	p->sport = (unsigned int)a;
	p->dport = (unsigned int)b;
	pd_lex_skip_inline(lx);
	return true;
}

static bool parse_tcp(struct pd_lexer *lx, struct pd_packet *p)
{
	size_t n = 0;
	char w[16];

	if (pd_lex_peek(lx) >= '0' && pd_lex_peek(lx) <= '9' &&
	    !parse_tcp_ports(lx, p))
		return false;

	while (strchr("SFRPUEWA.-", pd_lex_peek(lx)) && pd_lex_peek(lx) > 0) {
		if (n + 1 >= sizeof(p->flags)) {
			pd_lex_error(lx, "too many flags");
			return false;
		}
		p->flags[n++] = *lx->p++;
	}
	if (!n) {
		pd_lex_error(lx, "expected TCP flags, udp or icmp");
		return false;
	}
	if (!parse_seq_range(lx, &p->seq, &p->seq_end, &p->len))
		return false;
	for (;;) {
		uint32_t *v;

		pd_lex_skip_inline(lx);
		if (pd_lex_accept(lx, "<"))
			return parse_tcp_opts(lx, p);
		if (!pd_lex_word(lx, w, sizeof(w)))
			return true;
		if (!strcmp(w, "ack"))
			p->has_ack = true, v = &p->ack;
		else if (!strcmp(w, "win"))
			p->has_win = true, v = &p->win;
		else if (!strcmp(w, "urg"))
			p->has_urg = true, v = &p->urg;
		else {
			pd_lex_error(lx, "unknown TCP field '%s'", w);
			return false;
		}
		if (!lex_u32(lx, v))
			return false;
	}
}

/* udp [SPORT>DPORT] (LEN) */
static bool parse_udp(struct pd_lexer *lx, struct pd_packet *p)
{
	long long v;
	uint32_t l;

	pd_lex_skip_inline(lx);
	if (pd_lex_int(lx, &v)) {
		p->has_ports = true;
		p->sport = (unsigned int)v;
		if (!pd_lex_expect(lx, ">"))
			return false;
		pd_lex_skip_inline(lx);
		if (!pd_lex_int(lx, &v) || v < 0 || v > 65535) {
			pd_lex_error(lx, "bad UDP port");
			return false;
		}
		p->dport = (unsigned int)v;
		if (p->sport > 65535) {
			pd_lex_error(lx, "bad UDP port");
			return false;
		}
	}
	if (!pd_lex_expect(lx, "(") || !lex_u32(lx, &l) ||
	    !pd_lex_expect(lx, ")"))
		return false;
	if (l > 65507) {
		pd_lex_error(lx, "UDP length %u too large", l);
		return false;
	}
	p->len = l;
	return true;
}

/* icmp TYPE [CODE] [mtu N] [[quoted segment]] */
static bool parse_icmp(struct pd_lexer *lx, struct pd_packet *p)
{
	char w[32];

	pd_lex_skip_inline(lx);
	if (!pd_lex_word(lx, p->icmp_type, sizeof(p->icmp_type))) {
		pd_lex_error(lx, "expected an ICMP type");
		return false;
	}
	for (;;) {
		pd_lex_skip_inline(lx);
		if (pd_lex_accept(lx, "[")) {
			pd_lex_skip_inline(lx);
			p->has_quote = true;
			if (pd_lex_accept(lx, "udp")) {
				p->quote_proto = PD_UDP;
				if (!pd_lex_expect(lx, "(") ||
				    !lex_u32(lx, &p->quote_end) ||
				    !pd_lex_expect(lx, ")"))
					return false;
				p->quote_len = p->quote_end;
			} else if (!parse_seq_range(lx, &p->quote_seq,
						    &p->quote_end,
						    &p->quote_len)) {
				return false;
			}
			return pd_lex_expect(lx, "]");
		}
		if (!pd_lex_word(lx, w, sizeof(w)))
			return true;
		if (!strcmp(w, "mtu")) {
			p->has_mtu = true;
			if (!lex_u32(lx, &p->mtu))
				return false;
		} else if (!p->icmp_code[0]) {
			(void)snprintf(p->icmp_code, sizeof(p->icmp_code), "%s",
				       w);
		} else {
			pd_lex_error(lx, "unexpected '%s' in icmp packet", w);
			return false;
		}
	}
}

static struct pd_packet *parse_packet(struct pd_lexer *lx, char dir)
{
	struct pd_packet *p = calloc(1, sizeof(*p));
	bool ok;

	if (!p)
		abort();
	p->dir = dir;
	p->ecn = p->tos = p->ttl = -1;
	p->flowlabel = -1;
	pd_lex_skip_inline(lx);
	if (pd_lex_accept(lx, "[") || pd_lex_accept(lx, "(")) {
		if (!parse_ip_info(lx, p, lx->p[-1] == '[' ? "]" : ")"))
			goto bad;
		pd_lex_skip_inline(lx);
	}
	if (pd_lex_accept(lx, "udp")) {
		p->proto = PD_UDP;
		ok = parse_udp(lx, p);
	} else if (pd_lex_accept(lx, "icmp")) {
		p->proto = PD_ICMP;
		ok = parse_icmp(lx, p);
	} else {
		p->proto = PD_TCP;
		ok = parse_tcp(lx, p);
	}
	if (ok)
		return p;
bad:
	free(p);
	return NULL;
}

/* ---- System calls ---- */

static void syscall_free(struct pd_syscall *sc)
{
	int i;

	if (!sc)
		return;
	for (i = 0; i < sc->nargs; i++)
		pd_expr_free(sc->args[i]);
	free(sc->args);
	pd_expr_free(sc->ret);
	free(sc->err);
	free(sc->name);
	free(sc);
}

/* The note after an errno: balanced parentheses, ignored. */
static bool skip_note(struct pd_lexer *lx)
{
	int depth = 0;

	do {
		if (pd_lex_eof(lx)) {
			pd_lex_error(lx, "unterminated '('");
			return false;
		}
		if (*lx->p == '(')
			depth++;
		else if (*lx->p == ')')
			depth--;
		else if (*lx->p == '\n')
			lx->line++;
		lx->p++;
	} while (depth > 0);
	return true;
}

static struct pd_syscall *parse_syscall(struct pd_lexer *lx, const char *name)
{
	struct pd_syscall *sc = calloc(1, sizeof(*sc));
	char w[64];

	if (!sc)
		abort();
	sc->name = xstrdup(name);
	pd_lex_skip(lx);
	if (!pd_lex_accept(lx, ")")) {
		for (;;) {
			struct pd_expr *a = parse_expr(lx, 0);

			if (!a)
				goto bad;
			push_ptr(&sc->args, &sc->nargs, a);
			pd_lex_skip(lx);
			if (pd_lex_accept(lx, ")"))
				break;
			if (!pd_lex_expect(lx, ","))
				goto bad;
		}
	}
	if (!pd_lex_expect(lx, "="))
		goto bad;
	sc->ret = parse_expr(lx, 0);
	if (!sc->ret)
		goto bad;
	pd_lex_skip_inline(lx);
	if (pd_lex_word(lx, w, sizeof(w))) {
		sc->err = xstrdup(w);
		pd_lex_skip_inline(lx);
	}
	if (pd_lex_peek(lx) == '(' && !skip_note(lx))
		goto bad;
	return sc;
bad:
	syscall_free(sc);
	return NULL;
}

/* ---- Events ---- */

static bool parse_one_time(struct pd_lexer *lx, enum pd_time_kind *kind,
			   long long *usecs)
{
	pd_lex_skip(lx);
	*kind = PD_T_ABS;
	if (pd_lex_accept(lx, "+"))
		*kind = PD_T_REL;
	if (!pd_lex_seconds(lx, usecs)) {
		pd_lex_error(lx, "expected a time");
		return false;
	}
	return true;
}

static bool parse_time(struct pd_lexer *lx, struct pd_time *t)
{
	memset(t, 0, sizeof(*t));
	if (pd_lex_accept(lx, "*")) {
		t->kind = PD_T_ANY;
		return true;
	}
	if (!parse_one_time(lx, &t->kind, &t->usecs))
		return false;
	pd_lex_skip_inline(lx);
	if (pd_lex_accept(lx, "~") || pd_lex_accept(lx, "...")) {
		t->has_end = true;
		if (!parse_one_time(lx, &t->end_kind, &t->end_usecs))
			return false;
		/* "+A...B": B is relative to the same anchor as A */
		if (t->kind == PD_T_REL)
			t->end_kind = PD_T_REL;
	}
	return true;
}

static bool parse_action(struct pd_lexer *lx, struct pd_event *ev)
{
	char w[64];

	pd_lex_skip(lx);
	ev->line = lx->line;
	if (pd_lex_peek(lx) == '<' || pd_lex_peek(lx) == '>') {
		char dir = *lx->p++;

		ev->kind = PD_EV_PACKET;
		ev->pkt = parse_packet(lx, dir);
		return ev->pkt != NULL;
	}
	if (pd_lex_accept(lx, "`")) {
		ev->kind = PD_EV_SHELL;
		ev->text = pd_lex_until(lx, "`");
		return ev->text != NULL;
	}
	if (pd_lex_accept(lx, "%{")) {
		ev->kind = PD_EV_CODE;
		ev->text = pd_lex_until(lx, "}%");
		return ev->text != NULL;
	}
	if (pd_lex_word(lx, w, sizeof(w))) {
		pd_lex_skip_inline(lx);
		if (pd_lex_expect(lx, "(")) {
			ev->kind = PD_EV_SYSCALL;
			ev->sc = parse_syscall(lx, w);
			if (ev->sc)
				ev->sc->blocking = ev->time.has_end;
			return ev->sc != NULL;
		}
		return false;
	}
	pd_lex_error(
		lx,
		"expected a packet, system call, `command` or %%{ code }%%");
	return false;
}

static void event_free(struct pd_event *ev)
{
	free(ev->pkt);
	syscall_free(ev->sc);
	free(ev->text);
}

void pd_script_free(struct pd_script *s)
{
	int i;

	for (i = 0; i < s->nevents; i++)
		event_free(&s->events[i]);
	free(s->events);
	for (i = 0; i < s->nopts; i++) {
		free(s->opt_name[i]);
		free(s->opt_value[i]);
	}
	free(s->opt_name);
	free(s->opt_value);
	free(s->init_command);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

/* --name[=value] lines before the first event */
static bool parse_option_line(struct pd_lexer *lx, struct pd_script *s)
{
	const char *b = lx->p, *eq = NULL, *e;
	char *name, *val;
	int n;

	while (lx->p < lx->end && !isspace((unsigned char)*lx->p)) {
		if (*lx->p == '=' && !eq)
			eq = lx->p;
		lx->p++;
	}
	e = lx->p;
	if ((eq ? eq : e) == b) {
		pd_lex_error(lx, "empty option");
		return false;
	}
	name = strndup(b, (size_t)((eq ? eq : e) - b));
	val = eq ? strndup(eq + 1, (size_t)(e - eq - 1)) : strdup("");
	if (!name || !val)
		abort();
	n = s->nopts;
	push_ptr(&s->opt_value, &n, val);
	push_ptr(&s->opt_name, &s->nopts, name);
	return true;
}

static int push_event(struct pd_script *s, const struct pd_event *ev)
{
	struct pd_event *e = realloc(
		s->events, sizeof(struct pd_event) * (size_t)(s->nevents + 1));

	if (!e)
		abort();
	s->events = e;
	s->events[s->nevents++] = *ev;
	return 0;
}

static bool parse_events(struct pd_lexer *lx, struct pd_script *s)
{
	for (;;) {
		struct pd_event ev;

		pd_lex_skip(lx);
		if (pd_lex_eof(lx))
			return true;
		memset(&ev, 0, sizeof(ev));
		ev.line = lx->line;
		if (pd_lex_peek(lx) == '`') {
			/* a command without a time: init (first) or cleanup */
			lx->p++;
			ev.kind = PD_EV_SHELL;
			ev.time.kind = PD_T_REL;
			ev.text = pd_lex_until(lx, "`");
			if (!ev.text)
				return false;
			if (!s->nevents && !s->init_command) {
				s->init_command = ev.text;
				continue;
			}
		} else if (!parse_time(lx, &ev.time) ||
			   !parse_action(lx, &ev)) {
			event_free(&ev);
			return false;
		}
		if (push_event(s, &ev))
			return false;
	}
}

int pd_parse(const char *path, const char *text, struct pd_script *s, char *err,
	     size_t errlen)
{
	struct pd_lexer lx;

	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	pd_lex_init(&lx, text, strlen(text));
	for (;;) {
		pd_lex_skip(&lx);
		if (!pd_lex_accept(&lx, "--"))
			break;
		if (!parse_option_line(&lx, s))
			break;
	}
	if (!lx.failed && parse_events(&lx, s))
		return 0;
	if (!lx.failed)
		pd_lex_error(&lx, "syntax error");
	(void)snprintf(err, errlen, "%s", lx.err);
	return -1;
}
