// SPDX-License-Identifier: BSD-2-Clause
/*
 * The scanner of .pkt text: blanks and comments (// and C-style), words,
 * integers, times in seconds, and raw text up to a closing mark (the
 * back-quoted shell lines and %{ python }% blocks).  The parser drives it
 * directly, because the language is context-sensitive (a packet's flags
 * "S." are not a word and a dot).
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"

void pd_lex_init(struct pd_lexer *lx, const char *text, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->p = text;
	lx->end = text + len;
	lx->line = 1;
}

void pd_lex_error(struct pd_lexer *lx, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (lx->failed)
		return;
	lx->failed = true;
	n = snprintf(lx->err, sizeof(lx->err), "%d: ", lx->line);
	if (n < 0 || (size_t)n >= sizeof(lx->err))
		return;
	va_start(ap, fmt);
	(void)vsnprintf(lx->err + n, sizeof(lx->err) - (size_t)n, fmt, ap);
	va_end(ap);
}

/* One comment at the cursor, skipped; false if there is none. */
static bool skip_comment(struct pd_lexer *lx)
{
	if (lx->end - lx->p >= 2 && lx->p[0] == '/' && lx->p[1] == '/') {
		while (lx->p < lx->end && *lx->p != '\n')
			lx->p++;
		return true;
	}
	if (lx->end - lx->p >= 2 && lx->p[0] == '/' && lx->p[1] == '*') {
		lx->p += 2;
		while (lx->p < lx->end &&
		       !(lx->p[0] == '*' && lx->p + 1 < lx->end &&
			 lx->p[1] == '/')) {
			if (*lx->p == '\n')
				lx->line++;
			lx->p++;
		}
		lx->p = lx->p < lx->end ? lx->p + 2 : lx->end;
		return true;
	}
	return false;
}

void pd_lex_skip(struct pd_lexer *lx)
{
	while (lx->p < lx->end) {
		if (*lx->p == '\n') {
			lx->line++;
			lx->p++;
		} else if (isspace((unsigned char)*lx->p)) {
			lx->p++;
		} else if (!skip_comment(lx)) {
			break;
		}
	}
}

void pd_lex_skip_inline(struct pd_lexer *lx)
{
	while (lx->p < lx->end && *lx->p != '\n') {
		if (isspace((unsigned char)*lx->p))
			lx->p++;
		else if (*lx->p == '/' && lx->end - lx->p >= 2 &&
			 lx->p[1] == '*')
			skip_comment(lx);
		else
			break;
	}
}

bool pd_lex_eof(struct pd_lexer *lx)
{
	return lx->p >= lx->end;
}

int pd_lex_peek(struct pd_lexer *lx)
{
	return lx->p < lx->end ? (unsigned char)*lx->p : -1;
}

bool pd_lex_accept(struct pd_lexer *lx, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(lx->end - lx->p) < n || memcmp(lx->p, s, n) != 0)
		return false;
	lx->p += n;
	return true;
}

bool pd_lex_expect(struct pd_lexer *lx, const char *s)
{
	int line = lx->line;

	pd_lex_skip(lx);
	if (pd_lex_accept(lx, s))
		return true;
	if (pd_lex_eof(lx))
		lx->line = line; /* say where the text ended, not the EOF */
	pd_lex_error(lx, "expected '%s'", s);
	return false;
}

bool pd_lex_word(struct pd_lexer *lx, char *buf, size_t len)
{
	const char *s = lx->p;
	size_t n;

	if (s >= lx->end || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	while (s < lx->end && (isalnum((unsigned char)*s) || *s == '_'))
		s++;
	n = (size_t)(s - lx->p);
	if (n >= len) {
		pd_lex_error(lx, "word too long");
		return false;
	}
	memcpy(buf, lx->p, n);
	buf[n] = '\0';
	lx->p = s;
	return true;
}

bool pd_lex_int(struct pd_lexer *lx, long long *v)
{
	const char *s = lx->p;
	bool neg = false;
	unsigned long long x = 0;
	int base = 10, digits = 0;

	if (s < lx->end && *s == '-') {
		neg = true;
		s++;
	}
	if (lx->end - s >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; s < lx->end; s++, digits++) {
		int c = (unsigned char)*s, d;

		if (isdigit(c))
			d = c - '0';
		else if (base == 16 && isxdigit(c))
			d = tolower(c) - 'a' + 10;
		else
			break;
		if (x > (~0ULL - (unsigned)d) / (unsigned)base) {
			pd_lex_error(lx, "number too large");
			return false;
		}
		x = x * (unsigned)base + (unsigned)d;
	}
	if (!digits)
		return false;
	if (s < lx->end && (isalpha((unsigned char)*s) || *s == '_'))
		return false; /* a word such as 0day is not a number */
	if (x > (unsigned long long)LLONG_MAX + (neg ? 1 : 0)) {
		pd_lex_error(lx, "number too large");
		return false;
	}
	lx->p = s;
	*v = neg ? (long long)(0 - x) : (long long)x;
	return true;
}

bool pd_lex_seconds(struct pd_lexer *lx, long long *usecs)
{
	const char *s = lx->p;
	long long whole = 0, frac = 0, scale = 1000000;
	int digits = 0;

	while (s < lx->end && isdigit((unsigned char)*s)) {
		if (whole > 1000000000LL) {
			pd_lex_error(lx, "time too large");
			return false;
		}
		whole = whole * 10 + (*s++ - '0');
		digits++;
	}
	/* "0...1" is 0 then an ellipsis, not a fraction */
	if (s < lx->end && *s == '.' && !(s + 1 < lx->end && s[1] == '.')) {
		s++;
		while (s < lx->end && isdigit((unsigned char)*s)) {
			scale /= 10;
			frac += (*s++ - '0') * scale;
			digits++;
		}
	}
	if (!digits)
		return false;
	lx->p = s;
	*usecs = whole * 1000000LL + frac;
	return true;
}

char *pd_lex_until(struct pd_lexer *lx, const char *close)
{
	size_t n = strlen(close);
	const char *s = lx->p;
	char *out;

	while (s < lx->end &&
	       ((size_t)(lx->end - s) < n || memcmp(s, close, n) != 0))
		s++;
	if (s >= lx->end) {
		pd_lex_error(lx, "missing closing '%s'", close);
		return NULL;
	}
	out = malloc((size_t)(s - lx->p) + 1);
	if (!out) {
		pd_lex_error(lx, "out of memory");
		return NULL;
	}
	memcpy(out, lx->p, (size_t)(s - lx->p));
	out[s - lx->p] = '\0';
	for (; lx->p < s; lx->p++)
		if (*lx->p == '\n')
			lx->line++;
	lx->p = s + n;
	return out;
}
