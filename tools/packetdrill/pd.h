/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tuxnet-packetdrill: runs packetdrill scripts (.pkt) against a fresh
 * tuxnet stack in virtual time.  What one script is once parsed: its
 * options, then a list of events, each a time and one action (a packet in
 * or out, a system call, a shell line, a python snippet).  The language
 * is the one ../shared/conformance/packetdrill/README.md describes; this
 * is our own implementation of it.
 */
#ifndef TUXNET_PACKETDRILL_PD_H
#define TUXNET_PACKETDRILL_PD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Run configuration: command line and in-script options ---- */

#define PD_MAX_DEFINES 32

struct pd_config {
	char local_ip[64], remote_ip[64];
	int mss, mtu;
	long long tolerance_usecs;
	double tolerance_percent;
	long long tcp_ts_tick_usecs; /* 0: TS val not checked */
	bool strict_segments;
	bool parse_only;
	bool verbose;
	bool kernel; /* --kernel: against the host's Linux, not tuxnet */
	int ip_version; /* 4 */
	int ndefines;
	char *define_sym[PD_MAX_DEFINES], *define_val[PD_MAX_DEFINES];
	/* set from the command line: in-script options do not override */
	unsigned int cli_set;
};

void pd_config_defaults(struct pd_config *cfg);
/*
 * pd_config_option - apply "--name[=value]" (without the dashes); @cli
 * marks it as given on the command line.  Returns 0, or -1 for an option
 * we do not know (message in @err).
 */
int pd_config_option(struct pd_config *cfg, const char *name, const char *value,
		     bool cli, char *err, size_t errlen);
int pd_config_define(struct pd_config *cfg, const char *symval);

/* ---- Expressions: system call arguments and return values ---- */

enum pd_expr_kind {
	PD_E_INT, /* 42, 0x2, -1 */
	PD_E_ELLIPSIS, /* ... */
	PD_E_NULL, /* NULL */
	PD_E_WORD, /* SOL_SOCKET, a -D symbol */
	PD_E_STRING, /* "text" */
	PD_E_LIST, /* [a, b] */
	PD_E_STRUCT, /* {a, b} */
	PD_E_FIELD, /* name=value, or name(arg)=value */
	PD_E_OR, /* a|b */
};

struct pd_expr {
	enum pd_expr_kind kind;
	long long num;
	char *str; /* WORD, STRING, FIELD's name */
	struct pd_expr **kids; /* LIST, STRUCT; OR: two */
	int nkids;
	struct pd_expr *arg; /* FIELD name(arg)=... */
	struct pd_expr *val; /* FIELD value */
};

/* ---- Packets ---- */

enum pd_proto { PD_TCP, PD_UDP, PD_ICMP };

enum pd_tcp_opt_kind {
	PD_OPT_EOL = 0,
	PD_OPT_NOP = 1,
	PD_OPT_MSS = 2,
	PD_OPT_WSCALE = 3,
	PD_OPT_SACKOK = 4,
	PD_OPT_SACK = 5,
	PD_OPT_TS = 8,
	PD_OPT_MD5 = 19,
	PD_OPT_FO = 34,
	PD_OPT_FOEXP = 254,
};

#define PD_MAX_SACK 4
#define PD_MAX_OPTS 40

struct pd_tcp_opt {
	enum pd_tcp_opt_kind kind;
	uint32_t val, ecr; /* MSS / WSCALE: val; TS: val, ecr */
	int nsack;
	uint32_t sack[PD_MAX_SACK][2];
	uint8_t data[32]; /* FO / FOEXP cookie, MD5 digest */
	int len; /* bytes of data */
};

enum { PD_OPTS_NONE, PD_OPTS_ANY, PD_OPTS_LIST };

struct pd_packet {
	char dir; /* '<' inbound, '>' outbound */
	enum pd_proto proto;
	/* ip_info; -1: not given (not checked) */
	int ecn; /* 0 noecn, 1 ect1, 2 ect0, 3 ce; 4 ect01 (either) */
	int tos, ttl;
	long long flowlabel;
	/* TCP */
	char flags[12];
	uint32_t seq, seq_end;
	unsigned int len;
	bool has_ack, has_win, has_urg;
	uint32_t ack, win, urg;
	int opts_mode; /* PD_OPTS_* */
	int nopts;
	struct pd_tcp_opt opts[PD_MAX_OPTS];
	/* UDP: len; explicit ports when given (TCP too: parser.c) */
	bool has_ports;
	unsigned int sport, dport;
	/* ICMP: type, code words; mtu; the quoted segment */
	char icmp_type[32], icmp_code[32];
	bool has_mtu;
	unsigned int mtu;
	bool has_quote;
	enum pd_proto quote_proto;
	uint32_t quote_seq, quote_end;
	unsigned int quote_len;
};

/* ---- Events ---- */

enum pd_time_kind { PD_T_ABS, PD_T_REL, PD_T_ANY };

struct pd_time {
	enum pd_time_kind kind;
	long long usecs;
	bool has_end; /* A~B window (packets) or start...end (calls) */
	enum pd_time_kind end_kind;
	long long end_usecs;
};

enum pd_event_kind { PD_EV_PACKET, PD_EV_SYSCALL, PD_EV_SHELL, PD_EV_CODE };

struct pd_syscall {
	char *name;
	int nargs;
	struct pd_expr **args;
	struct pd_expr *ret;
	char *err; /* expected errno name, or NULL */
	bool blocking; /* start...end */
};

struct pd_event {
	int line;
	struct pd_time time;
	enum pd_event_kind kind;
	struct pd_packet *pkt;
	struct pd_syscall *sc;
	char *text; /* shell command / python code */
};

struct pd_script {
	char *path;
	char *init_command; /* the leading back-quoted block, or NULL */
	int nevents;
	struct pd_event *events;
	/* in-script options, in order, applied before the command line's */
	int nopts;
	char **opt_name, **opt_value;
};

/*
 * pd_parse - parse @text (the contents of @path).  Returns 0, or -1 with
 * "LINE: message" in @err.
 */
int pd_parse(const char *path, const char *text, struct pd_script *script,
	     char *err, size_t errlen);
void pd_script_free(struct pd_script *script);
void pd_expr_free(struct pd_expr *e);

/* ---- Scanner (lexer.c): characters to tokens, with line numbers ---- */

struct pd_lexer {
	const char *p, *end;
	int line;
	char err[256];
	bool failed;
};

void pd_lex_init(struct pd_lexer *lx, const char *text, size_t len);
/* skips blanks, newlines and comments */
void pd_lex_skip(struct pd_lexer *lx);
/* skips blanks and comments but stops at a newline */
void pd_lex_skip_inline(struct pd_lexer *lx);
bool pd_lex_eof(struct pd_lexer *lx);
int pd_lex_peek(struct pd_lexer *lx);
bool pd_lex_accept(struct pd_lexer *lx, const char *s);
bool pd_lex_expect(struct pd_lexer *lx, const char *s);
/* [A-Za-z_][A-Za-z0-9_]* into @buf; false if none */
bool pd_lex_word(struct pd_lexer *lx, char *buf, size_t len);
/* an integer: decimal or 0x hex, optional '-' */
bool pd_lex_int(struct pd_lexer *lx, long long *v);
/* a time in seconds ("1", ".1", "0.004") as microseconds */
bool pd_lex_seconds(struct pd_lexer *lx, long long *usecs);
/* text up to the closing @close (e.g. "`", "}%"), copied */
char *pd_lex_until(struct pd_lexer *lx, const char *close);
void pd_lex_error(struct pd_lexer *lx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- Symbols (symbols.c): SOL_SOCKET and friends ---- */

/* The value of a symbolic constant; false if unknown. */
bool pd_symbol(const char *name, long long *v);
/* errno value of "EINPROGRESS"; -1 if unknown */
int pd_errno_by_name(const char *name);
const char *pd_errno_name(int err);

#endif /* TUXNET_PACKETDRILL_PD_H */
