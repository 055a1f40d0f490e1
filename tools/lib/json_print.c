// SPDX-License-Identifier: BSD-2-Clause
/*
 * Text and JSON output through one set of calls (see json_print.h).  The
 * writer keeps iproute2's json_writer conventions: a separator is written
 * before a value only when one came before it at the same depth; with -p
 * each key starts a new line indented four spaces a level, arrays open as
 * "[ " and close as " ]", and nothing else gets a space.
 */
#include "json_print.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The text formats are the callers' (iproute2's design): each is a literal
 * at its call site, checked there by eye, not here by the compiler. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

int json;
const char *_SL_ = "\n"; /* the line break of -oneline: "\\" */
int pretty;

static struct {
	bool on; /* between new_json_obj() and delete_json_obj() */
	int depth; /* open objects and arrays */
	char sep; /* written before the next value ('\0': none) */
	bool color; /* -color in effect (text only) */
} jw;

bool is_json_context(void)
{
	return jw.on;
}

static bool json_ctx(enum output_type type)
{
	return jw.on && (type & PRINT_JSON);
}

static bool fp_ctx(enum output_type type)
{
	return !jw.on && (type & PRINT_FP);
}

/* ---- the writer ---- */

static void jw_eol(void)
{
	int i;

	if (!pretty)
		return;
	putchar('\n');
	for (i = 0; i < jw.depth; i++)
		fputs("    ", stdout);
}

/* the separator owed to the previous value, if any */
static void jw_eor(void)
{
	if (jw.sep)
		putchar(jw.sep);
	jw.sep = ',';
}

static void jw_begin(char c)
{
	jw_eor();
	putchar(c);
	jw.depth++;
	jw.sep = '\0';
}

static void jw_end(char c)
{
	jw.depth--;
	if (jw.sep)
		jw_eol();
	putchar(c);
	jw.sep = ',';
}

static void jw_puts(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		case '\f':
			fputs("\\f", stdout);
			break;
		case '\b':
			fputs("\\b", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '"':
			fputs("\\\"", stdout);
			break;
		default:
			putchar(*s);
		}
	}
	putchar('"');
}

static void jw_name(const char *name)
{
	jw_eor();
	jw_eol();
	jw.sep = '\0';
	jw_puts(name);
	putchar(':');
	if (pretty)
		putchar(' ');
}

static void jw_start_object(void)
{
	jw_begin('{');
}

static void jw_end_object(void)
{
	jw_end('}');
}

static void jw_start_array(void)
{
	jw_begin('[');
	if (pretty)
		putchar(' ');
}

static void jw_end_array(void)
{
	if (pretty && jw.sep)
		putchar(' ');
	jw.sep = '\0';
	jw_end(']');
}

/* a value: "key": value in an object, or a bare one in an array */
static void jw_key(const char *key)
{
	if (key)
		jw_name(key);
	jw_eor();
}

__attribute__((format(printf, 2, 3))) static void
jw_printf(const char *key, const char *fmt, ...)
{
	va_list ap;

	jw_key(key);
	va_start(ap, fmt);
	/* clang-tidy 14 loses the va_start when a file has two compile
	 * commands (here: the tool and its fuzz build) */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vprintf(fmt, ap);
	va_end(ap);
}

/* ---- output as a whole ---- */

void new_json_obj(int json_on)
{
	if (!json_on)
		return;
	jw.on = true;
	jw.depth = 0;
	jw.sep = '\0';
	jw_start_array();
}

void delete_json_obj(void)
{
	if (!jw.on)
		return;
	jw_end_array();
	putchar('\n');
	(void)fflush(stdout);
	jw.on = false;
}

void open_json_object(const char *name)
{
	if (!jw.on)
		return;
	if (name)
		jw_name(name);
	jw_start_object();
}

void close_json_object(void)
{
	if (jw.on)
		jw_end_object();
}

void open_json_array(enum output_type type, const char *name)
{
	if (json_ctx(type)) {
		jw_name(name);
		jw_start_array();
	} else if (fp_ctx(type)) {
		printf("%s", name);
	}
}

void close_json_array(enum output_type type, const char *delim)
{
	if (json_ctx(type))
		jw_end_array();
	else if (fp_ctx(type))
		printf("%s", delim);
}

void print_nl(void)
{
	if (!jw.on)
		fputs(_SL_, stdout);
}

/* ---- colors (-color) ---- */

/* iproute2's palettes: for a light background, and a dark one (bold). */
static const char *const color_light[] = {
	[COLOR_IFNAME] = "\e[36m",	 [COLOR_MAC] = "\e[33m",
	[COLOR_INET] = "\e[35m",	 [COLOR_INET6] = "\e[34m",
	[COLOR_OPERSTATE_UP] = "\e[32m", [COLOR_OPERSTATE_DOWN] = "\e[31m",
};
static const char *const color_dark[] = {
	[COLOR_IFNAME] = "\e[1;36m",	   [COLOR_MAC] = "\e[1;33m",
	[COLOR_INET] = "\e[1;35m",	   [COLOR_INET6] = "\e[1;34m",
	[COLOR_OPERSTATE_UP] = "\e[1;32m", [COLOR_OPERSTATE_DOWN] = "\e[1;31m",
};
static const char *const *color_codes = color_light;

/*
 * The background is dark when $COLORFGBG ("fg;bg" or "fg;x;bg") ends in
 * 0-6 or 8, as iproute2's set_color_palette() reads it.
 */
static void set_color_palette(void)
{
	const char *p = getenv("COLORFGBG");

	color_codes = color_light;
	if (p && (p = strrchr(p, ';')) != NULL &&
	    ((p[1] >= '0' && p[1] <= '6') || p[1] == '8') && p[2] == '\0')
		color_codes = color_dark;
}

/*
 * "-c", "-color", "-color=always|auto|never": iproute2's matches_color();
 * 1 if @arg is the option (with *@val set), 0 if not.
 */
int matches_color(const char *arg, int *val)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);

	if (len < 2 || strncmp(arg, "-color", len) != 0)
		return 0;
	if (!eq) {
		*val = COLOR_OPT_ALWAYS;
		return 1;
	}
	eq++;
	if (strcmp(eq, "always") == 0)
		*val = COLOR_OPT_ALWAYS;
	else if (strcmp(eq, "auto") == 0)
		*val = COLOR_OPT_AUTO;
	else if (strcmp(eq, "never") == 0)
		*val = COLOR_OPT_NEVER;
	else
		return 0;
	return 1;
}

/* Colors with -color=always, or =auto on a terminal; never with -j. */
void check_enable_color(int color, int json_on)
{
	jw.color = false;
	if (json_on || color == COLOR_OPT_NEVER)
		return;
	if (color == COLOR_OPT_ALWAYS || isatty(fileno(stdout))) {
		jw.color = true;
		set_color_palette();
	}
}

void color_reset(void)
{
	jw.color = false;
	jw.on = false;
}

enum color_attr ifa_family_color(int family)
{
	switch (family) {
	case 2: /* AF_INET */
		return COLOR_INET;
	case 10: /* AF_INET6 */
		return COLOR_INET6;
	default:
		return COLOR_NONE;
	}
}

enum color_attr oper_state_color(unsigned int state)
{
	switch (state) {
	case 6: /* IF_OPER_UP */
		return COLOR_OPERSTATE_UP;
	case 2: /* IF_OPER_DOWN */
		return COLOR_OPERSTATE_DOWN;
	default:
		return COLOR_NONE;
	}
}

/* ---- values ---- */

void print_color_string(enum output_type type, enum color_attr color,
			const char *key, const char *fmt, const char *value)
{
	if (json_ctx(type)) {
		if (key && !value) {
			jw_name(key);
		} else {
			jw_key(key);
			jw_puts(value ? value : "");
		}
	} else if (fp_ctx(type) && fmt) {
		if (jw.color && color != COLOR_NONE) {
			/* the color wraps the whole formatted text */
			fputs(color_codes[color], stdout);
			printf(fmt, value);
			fputs("\e[0m", stdout);
		} else {
			printf(fmt, value);
		}
	}
}

void print_string(enum output_type type, const char *key, const char *fmt,
		  const char *value)
{
	print_color_string(type, COLOR_NONE, key, fmt, value);
}

void print_uint(enum output_type type, const char *key, const char *fmt,
		unsigned int value)
{
	if (json_ctx(type))
		jw_printf(key, "%u", value);
	else if (fp_ctx(type) && fmt)
		printf(fmt, value);
}

void print_u64(enum output_type type, const char *key, const char *fmt,
	       uint64_t value)
{
	if (json_ctx(type))
		jw_printf(key, "%llu", (unsigned long long)value);
	else if (fp_ctx(type) && fmt)
		printf(fmt, (unsigned long long)value);
}

void print_float(enum output_type type, const char *key, const char *fmt,
		 double value)
{
	if (json_ctx(type))
		jw_printf(key, "%g", value);
	else if (fp_ctx(type) && fmt)
		printf(fmt, value);
}

void print_int(enum output_type type, const char *key, const char *fmt,
	       int value)
{
	if (json_ctx(type))
		jw_printf(key, "%d", value);
	else if (fp_ctx(type) && fmt)
		printf(fmt, value);
}

void print_hex(enum output_type type, const char *key, const char *fmt,
	       unsigned int value)
{
	if (json_ctx(type)) {
		char b[16];

		(void)snprintf(b, sizeof(b), "%x", value);
		jw_key(key);
		jw_puts(b);
	} else if (fp_ctx(type) && fmt) {
		printf(fmt, value);
	}
}

/* JSON: the value as a string "0x1f" (fwmarks, masks); text: @fmt */
void print_0xhex(enum output_type type, const char *key, const char *fmt,
		 uint64_t value)
{
	if (json_ctx(type)) {
		char b[24];

		(void)snprintf(b, sizeof(b), "%#llx",
			       (unsigned long long)value);
		jw_key(key);
		jw_puts(b);
	} else if (fp_ctx(type) && fmt) {
		printf(fmt, (unsigned long long)value);
	}
}

void print_hu(enum output_type type, const char *key, const char *fmt,
	      unsigned short value)
{
	if (json_ctx(type))
		jw_printf(key, "%hu", value);
	else if (fp_ctx(type) && fmt)
		printf(fmt, value);
}

void print_bool(enum output_type type, const char *key, const char *fmt,
		bool value)
{
	if (json_ctx(type))
		jw_printf(key, "%s", value ? "true" : "false");
	else if (fp_ctx(type) && fmt)
		printf(fmt, value ? "true" : "false");
}

void print_null(enum output_type type, const char *key, const char *fmt,
		const char *value)
{
	if (json_ctx(type))
		jw_printf(key, "null");
	else if (fp_ctx(type) && fmt)
		printf(fmt, value);
}
