/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ss's filter expressions: parsed from the command line into a tree, run
 * over each socket in user space and compiled to the inet_diag bytecode
 * the kernel runs (INET_DIAG_REQ_BYTECODE), as iproute2's ss does.
 */
#ifndef TN_SS_FILTER_H
#define TN_SS_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "utils.h"

enum {
	SSF_DCOND,
	SSF_SCOND,
	SSF_OR,
	SSF_AND,
	SSF_NOT,
	SSF_D_GE,
	SSF_D_LE,
	SSF_S_GE,
	SSF_S_LE,
	SSF_S_AUTO,
	SSF_DEVCOND,
	SSF_MARKMASK,
};

/* An address/port condition: a list when a name gave several addresses. */
struct aafilter {
	inet_prefix addr; /* bitlen 0: any address */
	int port; /* -1: any port */
	unsigned int iface;
	uint32_t mark, mask;
	struct aafilter *next;
};

struct ssfilter {
	int type;
	struct ssfilter *post; /* AND, OR: the right operand */
	void *pred; /* AND, OR, NOT: the (left) operand; else an aafilter */
};

/* What a filter looks at of one socket. */
struct ss_sockaddrs {
	inet_prefix local, remote;
	int lport, rport;
	unsigned int iface;
	uint32_t mark;
};

/* Hooks into ss.c: the family a bare address is read in, and the tables
 * shown (a named port is looked up for UDP and/or TCP). */
struct ssfilter_ctx {
	int preferred_family;
	bool udp, tcp;
	/* called when an "inet:" prefix (or -4/-6) fixes the family */
	void (*set_family)(int family);
	int (*dev_index)(const char *name);
	int (*is_ephemeral)(int port);
};

/* Parse @argc words (each may hold several tokens): 0, or -1 after an
 * error message.  *@f stays NULL for an empty expression. */
int ssfilter_parse(struct ssfilter **f, int argc, char **argv,
		   const struct ssfilter_ctx *ctx);
bool run_ssfilter(const struct ssfilter *f, const struct ss_sockaddrs *s,
		  const struct ssfilter_ctx *ctx);
/* The bytecode of @f in *@bytecode (malloc'd): its length, 0 when some
 * part cannot be compiled (then only user space filters). */
int ssfilter_bytecompile(const struct ssfilter *f, char **bytecode);
void ssfilter_free(struct ssfilter *f);

#endif /* TN_SS_FILTER_H */
