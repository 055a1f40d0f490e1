// SPDX-License-Identifier: BSD-2-Clause
/*
 * ss's filter language (iproute2 6.1's ssfilter.y): words split at blanks,
 * "(" ")" "!"/"not", "&"/"&&"/"and", "|"/"||"/"or" (equal precedence,
 * left to right; juxtaposition is "and"), "dst"/"src" [=] HOST[:PORT],
 * "dport"/"sport" OP PORT with OP one of = == eq != ne neq >= ge geq <= le
 * leq > gt < lt, "dev" [=|!=] DEV, "fwmark" [=|!=] MARK[/MASK],
 * "autobound".  Compiled to inet_diag bytecode as ss compiles it.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ssfilter.h"

enum tok {
	T_END,
	T_LP,
	T_RP,
	T_NOT,
	T_AND,
	T_OR,
	T_DCOND,
	T_SCOND,
	T_DPORT,
	T_SPORT,
	T_DEV,
	T_FWMARK,
	T_AUTO,
	T_EQ,
	T_NEQ,
	T_GEQ,
	T_LEQ,
	T_GT,
	T_LT,
	T_WORD,
};

struct parser {
	char **words;
	int nwords, wi;
	char *cur; /* inside words[wi - 1] */
	char buf[1024];
	enum tok tok;
	char *word; /* T_WORD's text */
	int cond; /* the last DCOND/SCOND/DPORT/SPORT/DEV/FWMARK seen */
	void *value; /* T_WORD: the operand it was read as */
	const struct ssfilter_ctx *ctx;
	bool failed;
};

static char *next_word(struct parser *p)
{
	char *tok;

	for (;;) {
		while (p->cur && (*p->cur == ' ' || *p->cur == '\t'))
			p->cur++;
		if (p->cur && *p->cur)
			break;
		if (p->wi >= p->nwords)
			return NULL;
		(void)snprintf(p->buf, sizeof(p->buf), "%s", p->words[p->wi++]);
		p->cur = p->buf;
	}
	tok = p->cur;
	while (*p->cur && *p->cur != ' ' && *p->cur != '\t') {
		if (*p->cur == '\\') { /* a backslash escapes the next byte */
			memmove(p->cur, p->cur + 1, strlen(p->cur));
			if (!*p->cur)
				break;
		}
		p->cur++;
	}
	if (*p->cur)
		*p->cur++ = 0;
	return tok;
}

static void *operand(struct parser *p);

static void lex(struct parser *p)
{
	static const struct {
		const char *s;
		enum tok t;
	} words[] = {
		{ "!", T_NOT },		 { "not", T_NOT },
		{ "&", T_AND },		 { "&&", T_AND },
		{ "and", T_AND },	 { "|", T_OR },
		{ "||", T_OR },		 { "or", T_OR },
		{ "(", T_LP },		 { ")", T_RP },
		{ "dst", T_DCOND },	 { "src", T_SCOND },
		{ "dport", T_DPORT },	 { "sport", T_SPORT },
		{ "dev", T_DEV },	 { "fwmark", T_FWMARK },
		{ ">=", T_GEQ },	 { "ge", T_GEQ },
		{ "geq", T_GEQ },	 { "<=", T_LEQ },
		{ "le", T_LEQ },	 { "leq", T_LEQ },
		{ "!=", T_NEQ },	 { "ne", T_NEQ },
		{ "neq", T_NEQ },	 { "=", T_EQ },
		{ "==", T_EQ },		 { "eq", T_EQ },
		{ ">", T_GT },		 { "gt", T_GT },
		{ "<", T_LT },		 { "lt", T_LT },
		{ "autobound", T_AUTO },
	};
	char *w = next_word(p);
	size_t i;

	p->word = w;
	if (!w) {
		p->tok = T_END;
		return;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcmp(w, words[i].s) == 0) {
			p->tok = words[i].t;
			if (p->tok >= T_DCOND && p->tok <= T_AUTO)
				p->cond = p->tok;
			return;
		}
	}
	/* Any other word is an operand of the last condition word, read now:
	 * one that does not parse ends ss (exit 1), as iproute2's lexer does. */
	p->tok = T_WORD;
	p->value = operand(p);
}

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n);

	if (!p) {
		fprintf(stderr, "ss: failed to malloc buffer\n");
		abort();
	}
	return p;
}

static struct ssfilter *node(int type, void *pred)
{
	struct ssfilter *n = xmalloc(sizeof(*n));

	n->type = type;
	n->pred = pred;
	return n;
}

/* A port by number or service name (for the tables shown). */
static int parse_port(const struct ssfilter_ctx *ctx, const char *port,
		      int *out)
{
	struct servent *se1 = NULL, *se2 = NULL;

	if (get_integer(out, port, 0) == 0)
		return 0;
	if (ctx->udp)
		se1 = getservbyname(port, "udp");
	if (ctx->tcp)
		se2 = getservbyname(port, "tcp");
	if (se1 && se2 && se1->s_port != se2->s_port) {
		fprintf(stderr, "Error: ambiguous port \"%s\".\n", port);
		return -1;
	}
	if (!se1)
		se1 = se2;
	if (!se1) {
		fprintf(stderr, "Error: \"%s\" does not look like a port.\n",
			port);
		return -1;
	}
	*out = ntohs((uint16_t)se1->s_port);
	return 0;
}

/* Every address @name resolves to, in @a (and a list after it). */
static int get_dns_host(struct aafilter *a, const char *name, int fam)
{
	struct addrinfo hints = { .ai_family = fam, .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res, *ai;
	int cnt = 0;

	if (getaddrinfo(name, NULL, &hints, &res))
		return -1;
	for (ai = res; ai; ai = ai->ai_next) {
		struct aafilter *b = a;

		if (ai->ai_family != AF_INET)
			continue;
		if (cnt) {
			b = xmalloc(sizeof(*b));
			*b = *a;
			a->next = b;
		}
		memcpy(b->addr.data,
		       &((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr,
		       4);
		b->addr.family = AF_INET;
		b->addr.bytelen = 4;
		b->addr.bitlen = 32;
		cnt++;
	}
	freeaddrinfo(res);
	return cnt ? 0 : -1;
}

/* parse_hostcond - [inet:]ADDR[/LEN][:PORT], *[:PORT], :PORT, [ADDR]:PORT */
static struct aafilter *parse_hostcond(struct parser *p, char *addr,
				       bool is_port)
{
	struct aafilter a = { .port = -1 };
	int fam = p->ctx->preferred_family;
	char *port = NULL;

	if (strncmp(addr, "inet:", 5) == 0) {
		fam = AF_INET;
		addr += 5;
	} else if (strncmp(addr, "inet6:", 6) == 0) {
		fam = AF_INET6;
		addr += 6;
	}
	if (addr[0] == '[') {
		addr++;
		port = strchr(addr, ']');
		if (!port)
			return NULL;
		*port++ = 0;
	} else if (addr[0] == '*') {
		port = addr + 1;
	} else {
		port = strrchr(strchr(addr, '/') ? strchr(addr, '/') : addr,
			       ':');
	}
	if (is_port)
		port = addr;
	if (port && *port) {
		if (*port == ':')
			*port++ = 0;
		if (*port && *port != '*' && parse_port(p->ctx, port, &a.port))
			return NULL;
	}
	if (!is_port && *addr && *addr != '*') {
		if (get_prefix(&a.addr, addr, fam)) {
			if (get_dns_host(&a, addr, fam)) {
				fprintf(stderr,
					"Error: an inet prefix is expected rather than \"%s\".\n",
					addr);
				return NULL;
			}
		} else if (a.addr.bitlen < 0) {
			a.addr.bitlen = (int16_t)(a.addr.bytelen * 8);
		}
	}
	if (fam != AF_UNSPEC && p->ctx->set_family)
		p->ctx->set_family(fam);
	{
		struct aafilter *res = xmalloc(sizeof(*res));

		*res = a;
		return res;
	}
}

static struct aafilter *parse_markmask(const char *s)
{
	struct aafilter a = { .port = -1 };
	struct aafilter *res;

	if (strchr(s, '/')) {
		if (sscanf(s, "%i/%i", (int *)&a.mark, (int *)&a.mask) != 2)
			return NULL;
	} else {
		a.mask = 0xffffffff;
		if (sscanf(s, "%i", (int *)&a.mark) != 1)
			return NULL;
	}
	res = xmalloc(sizeof(*res));
	*res = a;
	return res;
}

/* The operand of a condition (exits as ss does on errors). */
static void *operand(struct parser *p)
{
	void *v;

	if (p->cond == T_DEV) {
		struct aafilter *a = xmalloc(sizeof(*a));
		char *end;
		int idx = p->ctx->dev_index ? p->ctx->dev_index(p->word) : 0;

		a->port = -1;
		a->iface = (unsigned int)idx;
		if (!idx) {
			unsigned long n = strtoul(p->word, &end, 0);

			if (end == p->word || *end || n > 0xffffffffUL) {
				fprintf(stderr, "Cannot parse device.\n");
				exit(1);
			}
			a->iface = (unsigned int)n;
		}
		v = a;
	} else if (p->cond == T_FWMARK) {
		v = parse_markmask(p->word);
		if (!v) {
			fprintf(stderr, "Cannot parse mark %s.\n", p->word);
			exit(1);
		}
	} else {
		v = parse_hostcond(p, p->word,
				   p->cond == T_SPORT || p->cond == T_DPORT);
		if (!v) {
			fprintf(stderr, "Cannot parse dst/src address.\n");
			exit(1);
		}
	}
	return v;
}

/* The operand the lexer read: consumed. */
static void *take_operand(struct parser *p)
{
	void *v = p->value;

	if (p->tok != T_WORD) {
		p->failed = true;
		return NULL;
	}
	p->value = NULL;
	lex(p);
	return v;
}

static struct ssfilter *exprlist(struct parser *p);

static struct ssfilter *expr(struct parser *p)
{
	enum tok t = p->tok;
	struct ssfilter *n;
	void *v;

	switch (t) {
	case T_LP:
		lex(p);
		n = exprlist(p);
		if (p->failed || p->tok != T_RP) {
			p->failed = true;
			return n;
		}
		lex(p);
		return n;
	case T_NOT:
		lex(p);
		return node(SSF_NOT, expr(p));
	case T_AUTO:
		lex(p);
		return node(SSF_S_AUTO, NULL);
	case T_DCOND:
	case T_SCOND:
	case T_DEV:
	case T_FWMARK:
		lex(p);
		if (p->tok == T_EQ) {
			lex(p);
		} else if (p->tok == T_NEQ && (t == T_DEV || t == T_FWMARK)) {
			lex(p);
			v = take_operand(p);
			return node(SSF_NOT, node(t == T_DEV ? SSF_DEVCOND
							     : SSF_MARKMASK,
						  v));
		}
		v = take_operand(p);
		return node(t == T_DCOND   ? SSF_DCOND
			    : t == T_SCOND ? SSF_SCOND
			    : t == T_DEV   ? SSF_DEVCOND
					   : SSF_MARKMASK,
			    v);
	case T_DPORT:
	case T_SPORT: {
		bool d = t == T_DPORT;
		enum tok op;

		lex(p);
		op = p->tok;
		if (op == T_EQ || op == T_NEQ || op == T_GEQ || op == T_LEQ ||
		    op == T_GT || op == T_LT)
			lex(p);
		else
			op = T_EQ;
		v = take_operand(p);
		switch (op) {
		case T_GEQ:
			return node(d ? SSF_D_GE : SSF_S_GE, v);
		case T_LEQ:
			return node(d ? SSF_D_LE : SSF_S_LE, v);
		case T_GT:
			return node(SSF_NOT, node(d ? SSF_D_LE : SSF_S_LE, v));
		case T_LT:
			return node(SSF_NOT, node(d ? SSF_D_GE : SSF_S_GE, v));
		case T_NEQ:
			return node(SSF_NOT,
				    node(d ? SSF_DCOND : SSF_SCOND, v));
		default:
			return node(d ? SSF_DCOND : SSF_SCOND, v);
		}
	}
	default:
		p->failed = true;
		return NULL;
	}
}

static struct ssfilter *exprlist(struct parser *p)
{
	struct ssfilter *left = expr(p);

	while (!p->failed && p->tok != T_END && p->tok != T_RP) {
		int type = SSF_AND;
		struct ssfilter *n;

		if (p->tok == T_OR || p->tok == T_AND) {
			type = p->tok == T_OR ? SSF_OR : SSF_AND;
			lex(p);
		}
		n = node(type, left);
		n->post = expr(p);
		left = n;
	}
	return left;
}

int ssfilter_parse(struct ssfilter **f, int argc, char **argv,
		   const struct ssfilter_ctx *ctx)
{
	struct parser p = { .words = argv, .nwords = argc, .ctx = ctx };

	*f = NULL;
	lex(&p);
	if (p.tok == T_END)
		return 0;
	*f = exprlist(&p);
	if (p.failed || p.tok != T_END) {
		fprintf(stderr,
			"ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n");
		/* an operand read but never used */
		if (p.value) {
			struct ssfilter *lost = node(SSF_DCOND, p.value);

			ssfilter_free(lost);
		}
		return -1;
	}
	return 0;
}

void ssfilter_free(struct ssfilter *f)
{
	if (!f)
		return;
	switch (f->type) {
	case SSF_AND:
	case SSF_OR:
		ssfilter_free(f->post);
		ssfilter_free(f->pred);
		break;
	case SSF_NOT:
		ssfilter_free(f->pred);
		break;
	default: {
		struct aafilter *a = f->pred;

		while (a) {
			struct aafilter *next = a->next;

			free(a);
			a = next;
		}
		break;
	}
	}
	free(f);
}

/* Is @a inside prefix @p (any v4-mapped IPv6 address matches IPv4)? */
static bool addr_match(const inet_prefix *a, const inet_prefix *p, int plen)
{
	return inet_addr_match(a, p, plen) == 0;
}

static bool hostcond_match(const struct aafilter *a, const inet_prefix *addr,
			   int port)
{
	if (a->port != -1 && a->port != port)
		return false;
	if (!a->addr.bitlen)
		return true;
	for (; a; a = a->next)
		if (addr_match(addr, &a->addr, a->addr.bitlen))
			return true;
	return false;
}

bool run_ssfilter(const struct ssfilter *f, const struct ss_sockaddrs *s,
		  const struct ssfilter_ctx *ctx)
{
	const struct aafilter *a = f->pred;

	switch (f->type) {
	case SSF_S_AUTO:
		return ctx->is_ephemeral(s->lport);
	case SSF_DCOND:
		return hostcond_match(a, &s->remote, s->rport);
	case SSF_SCOND:
		return hostcond_match(a, &s->local, s->lport);
	case SSF_D_GE:
		return s->rport >= a->port;
	case SSF_D_LE:
		return s->rport <= a->port;
	case SSF_S_GE:
		return s->lport >= a->port;
	case SSF_S_LE:
		return s->lport <= a->port;
	case SSF_DEVCOND:
		return s->iface == a->iface;
	case SSF_MARKMASK:
		return (s->mark & a->mask) == a->mark;
	case SSF_AND:
		return run_ssfilter(f->pred, s, ctx) &&
		       run_ssfilter(f->post, s, ctx);
	case SSF_OR:
		return run_ssfilter(f->pred, s, ctx) ||
		       run_ssfilter(f->post, s, ctx);
	case SSF_NOT:
		return !run_ssfilter(f->pred, s, ctx);
	default:
		abort();
	}
}

static void put_op(char *at, unsigned char code, unsigned char yes,
		   unsigned short no)
{
	struct inet_diag_bc_op op = { .code = code, .yes = yes, .no = no };

	memcpy(at, &op, sizeof(op));
}

/* ssfilter_patch - jumps past the end of @a (len) move by @reloc */
static void ssfilter_patch(char *a, int len, int reloc)
{
	while (len > 0) {
		struct inet_diag_bc_op op;

		memcpy(&op, a, sizeof(op));
		if (op.no == len + 4) {
			op.no = (unsigned short)(op.no + reloc);
			memcpy(a, &op, sizeof(op));
		}
		len -= op.yes;
		a += op.yes;
	}
	if (len < 0)
		abort();
}

static int compile_hostcond(const struct ssfilter *f, char **bytecode)
{
	const struct aafilter *a = f->pred, *b;
	unsigned char code = f->type == SSF_DCOND ? INET_DIAG_BC_D_COND
						  : INET_DIAG_BC_S_COND;
	int alen = a->addr.family == AF_INET6 ? 16 : 4;
	int oplen = 4 + (int)sizeof(struct inet_diag_hostcond) + alen;
	int len = 0;
	char *ptr;

	for (b = a; b; b = b->next)
		len += oplen + (b->next ? 4 : 0);
	ptr = *bytecode = xmalloc((size_t)len);
	for (b = a; b; b = b->next) {
		struct inet_diag_hostcond cond = {
			.family = (unsigned char)a->addr.family,
			.prefix_len = (unsigned char)a->addr.bitlen,
			.port = a->port,
		};

		put_op(ptr, code, (unsigned char)oplen,
		       (unsigned short)(oplen + 4));
		memcpy(ptr + 4, &cond, sizeof(cond));
		memcpy(ptr + 4 + sizeof(cond), a->addr.data, (size_t)alen);
		ptr += oplen;
		if (b->next) {
			put_op(ptr, INET_DIAG_BC_JMP, 4,
			       (unsigned short)(len - (ptr - *bytecode)));
			ptr += 4;
		}
	}
	return (int)(ptr - *bytecode);
}

static int compile_portcmp(unsigned char code, int port, char **bytecode)
{
	*bytecode = xmalloc(8);
	put_op(*bytecode, code, 8, 12);
	put_op(*bytecode + 4, 0, 0, (unsigned short)port);
	return 8;
}

int ssfilter_bytecompile(const struct ssfilter *f, char **bytecode)
{
	const struct aafilter *a = f->pred;
	char *a1 = NULL, *a2 = NULL, *out;
	int l1, l2;

	switch (f->type) {
	case SSF_S_AUTO:
		*bytecode = xmalloc(4);
		put_op(*bytecode, INET_DIAG_BC_AUTO, 4, 8);
		return 4;
	case SSF_DCOND:
	case SSF_SCOND:
		return compile_hostcond(f, bytecode);
	case SSF_D_GE:
		return compile_portcmp(INET_DIAG_BC_D_GE, a->port, bytecode);
	case SSF_D_LE:
		return compile_portcmp(INET_DIAG_BC_D_LE, a->port, bytecode);
	case SSF_S_GE:
		return compile_portcmp(INET_DIAG_BC_S_GE, a->port, bytecode);
	case SSF_S_LE:
		return compile_portcmp(INET_DIAG_BC_S_LE, a->port, bytecode);
	case SSF_AND:
	case SSF_OR:
		l1 = ssfilter_bytecompile(f->pred, &a1);
		l2 = ssfilter_bytecompile(f->post, &a2);
		if (!l1 || !l2) {
			free(a1);
			free(a2);
			return 0;
		}
		if (f->type == SSF_AND) {
			out = xmalloc((size_t)l1 + (size_t)l2);
			memcpy(out, a1, (size_t)l1);
			memcpy(out + l1, a2, (size_t)l2);
			ssfilter_patch(out, l1, l2);
		} else {
			out = xmalloc((size_t)l1 + (size_t)l2 + 4);
			memcpy(out, a1, (size_t)l1);
			memcpy(out + l1 + 4, a2, (size_t)l2);
			put_op(out + l1, INET_DIAG_BC_JMP, 4,
			       (unsigned short)(l2 + 4));
		}
		free(a1);
		free(a2);
		*bytecode = out;
		return f->type == SSF_AND ? l1 + l2 : l1 + l2 + 4;
	case SSF_NOT:
		l1 = ssfilter_bytecompile(f->pred, &a1);
		if (!l1) {
			free(a1);
			return 0;
		}
		out = xmalloc((size_t)l1 + 4);
		memcpy(out, a1, (size_t)l1);
		free(a1);
		put_op(out + l1, INET_DIAG_BC_JMP, 4, 8);
		*bytecode = out;
		return l1 + 4;
	case SSF_DEVCOND: {
		uint32_t ifindex = a->iface;

		*bytecode = xmalloc(8);
		put_op(*bytecode, INET_DIAG_BC_DEV_COND, 8, 12);
		memcpy(*bytecode + 4, &ifindex, sizeof(ifindex));
		return 8;
	}
	case SSF_MARKMASK: {
		struct inet_diag_markcond cond = { .mark = a->mark,
						   .mask = a->mask };
		int len = 4 + (int)sizeof(cond);

		*bytecode = xmalloc((size_t)len);
		put_op(*bytecode, INET_DIAG_BC_MARK_COND, (unsigned char)len,
		       (unsigned short)(len + 4));
		memcpy(*bytecode + 4, &cond, sizeof(cond));
		return len;
	}
	default:
		abort();
	}
}
