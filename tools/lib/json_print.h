/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One printing path for text and JSON output, as iproute2's json_print:
 * each print_*() call names its JSON key and its text format, and says with
 * its output_type where it appears (PRINT_FP: text only, PRINT_JSON: JSON
 * only, PRINT_ANY: both).  new_json_obj() starts the output ("[" with -j),
 * delete_json_obj() ends it ("]\n").  The JSON is iproute2's json_writer's
 * byte for byte, pretty (-p) or not.
 */
#ifndef TN_TOOLS_JSON_PRINT_H
#define TN_TOOLS_JSON_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum output_type {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

/* Colors of -color, as iproute2's: what a value is decides its color. */
enum color_attr {
	COLOR_IFNAME,
	COLOR_MAC,
	COLOR_INET,
	COLOR_INET6,
	COLOR_OPERSTATE_UP,
	COLOR_OPERSTATE_DOWN,
	COLOR_NONE,
};

enum color_opt {
	COLOR_OPT_NEVER,
	COLOR_OPT_AUTO,
	COLOR_OPT_ALWAYS,
};

extern int json; /* -j */
extern int pretty; /* -p */
extern const char *_SL_; /* what print_nl() prints: "\n", or -o's "\\" */

bool is_json_context(void);
void new_json_obj(int json_on);
void delete_json_obj(void);

int matches_color(const char *arg, int *val);
void check_enable_color(int color, int json_on);
void color_reset(void);
enum color_attr ifa_family_color(int family);
enum color_attr oper_state_color(unsigned int state);

void open_json_object(const char *name);
void close_json_object(void);
void open_json_array(enum output_type type, const char *name);
void close_json_array(enum output_type type, const char *delim);
void print_nl(void);

void print_color_string(enum output_type type, enum color_attr color,
			const char *key, const char *fmt, const char *value);
void print_string(enum output_type type, const char *key, const char *fmt,
		  const char *value);
void print_uint(enum output_type type, const char *key, const char *fmt,
		unsigned int value);
void print_u64(enum output_type type, const char *key, const char *fmt,
	       uint64_t value);
void print_int(enum output_type type, const char *key, const char *fmt,
	       int value);
/* a double: "%g" in JSON (jsonw_float), @fmt in text */
void print_float(enum output_type type, const char *key, const char *fmt,
		 double value);
void print_hex(enum output_type type, const char *key, const char *fmt,
	       unsigned int value);
void print_0xhex(enum output_type type, const char *key, const char *fmt,
		 uint64_t value);
void print_hu(enum output_type type, const char *key, const char *fmt,
	      unsigned short value);
void print_bool(enum output_type type, const char *key, const char *fmt,
		bool value);
void print_null(enum output_type type, const char *key, const char *fmt,
		const char *value);

#endif /* TN_TOOLS_JSON_PRINT_H */
