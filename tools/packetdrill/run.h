/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One script's run: the stack under test, the flow the packets belong to,
 * the script-fd map, the python snapshots, and the first failure.  Shared
 * by the event loop (run.c) and what it dispatches to: system calls
 * (syscall.c), shell lines (shell.c) and python asserts (code.c).
 */
#ifndef TUXNET_PACKETDRILL_RUN_H
#define TUXNET_PACKETDRILL_RUN_H

#include <linux/tcp.h>
#include <stdarg.h>

#include "backend.h"
#include "packet.h"
#include "pd.h"

#define PD_MAX_FDS     256
#define PD_MAX_SYSCTLS 64
#define PD_MAX_IOV     16

/*
 * struct pd_tcp_info - Linux 6.18's struct tcp_info (280 bytes): the
 * <linux/tcp.h> this builds against ends at tcpi_snd_wnd, and TCP_INFO of
 * both backends (tuxnet, and 6.18 with --kernel) goes on as below.  @len
 * is how much of it the backend filled: a field beyond it is an error.
 */
struct pd_tcp_info {
	struct tcp_info base;
	__u32 tcpi_rcv_wnd;
	__u32 tcpi_rehash;
	__u16 tcpi_total_rto;
	__u16 tcpi_total_rto_recoveries;
	__u32 tcpi_total_rto_time;
	__u32 tcpi_received_ce;
	__u32 tcpi_delivered_e1_bytes;
	__u32 tcpi_delivered_e0_bytes;
	__u32 tcpi_delivered_ce_bytes;
	__u32 tcpi_received_e1_bytes;
	__u32 tcpi_received_e0_bytes;
	__u32 tcpi_received_ce_bytes;
	__u16 tcpi_accecn_fail_mode;
	__u16 tcpi_accecn_opt_seen;
	unsigned int len; /* not Linux's: the bytes TCP_INFO gave */
};

#define PD_TCP_INFO_SIZE offsetof(struct pd_tcp_info, len)

/* A %{ python }% block with the TCP_INFO seen at its time. */
struct pd_snapshot {
	int line;
	const char *code;
	bool have_info; /* else @info_errno says why */
	int info_errno;
	struct pd_tcp_info info;
};

struct pd_counter {
	char name[64];
	long long value;
};

struct pd_run {
	const struct pd_config *cfg;
	const struct pd_script *script;
	const struct pd_backend *be; /* what the script runs against */
	struct pd_dut *dut;
	struct pd_flow flow;
	int live_fd[PD_MAX_FDS]; /* script fd -> stack fd, -1: none */
	int last_fd; /* the most recently used socket (script fd) */
	/* the first failure */
	bool failed;
	char reason[1024];
	/* knobs the script set that the stack does not have */
	int nmissing;
	char *missing[PD_MAX_SYSCTLS];
	/* python blocks, evaluated after the last event */
	int nsnaps;
	struct pd_snapshot *snaps;
	/* nstat's history: the counters at the last `nstat -n` */
	int ncounters;
	struct pd_counter *counters;
};

/* Records the first failure: "LINE: reason" (line 0: none). */
void pd_fail(struct pd_run *r, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- System calls (syscall.c) ---- */

struct pd_call;

/*
 * pd_call_prepare - the arguments of @sc as C values.  Returns a call to
 * invoke (on any thread) and check (on the main thread), or NULL after
 * pd_fail().
 */
struct pd_call *pd_call_prepare(struct pd_run *r, const struct pd_event *ev);
void pd_call_invoke(struct pd_call *c);
/* Compares result, errno and outputs; frees @c.  Returns 0 or -1. */
int pd_call_check(struct pd_run *r, struct pd_call *c);
void pd_call_free(struct pd_call *c);
/* The stack fd behind script fd @fd (itself if unmapped). */
int pd_live_fd(const struct pd_run *r, long long fd);

/* ---- Shell lines (shell.c) ---- */

/* Runs the init block or an event's command; 0, or -1 after pd_fail(). */
int pd_shell_run(struct pd_run *r, int line, const char *text);

/* ---- Python (code.c) ---- */

/* Takes the TCP_INFO snapshot for the block at @ev. */
void pd_code_snapshot(struct pd_run *r, const struct pd_event *ev);
/* Evaluates every block; 0, or -1 after pd_fail(). */
int pd_code_eval_all(struct pd_run *r);
/*
 * pd_code_eval - evaluates python @code over @info (NULL: none).  Returns
 * 0, or -1 with the failing assertion in @err.
 */
int pd_code_eval(const char *code, const struct pd_tcp_info *info,
		 int info_errno, char *err, size_t errlen);
/* An integer expression ($((...)) in a shell line); false if malformed. */
bool pd_eval_int(const char *expr, long long *v);

/* ---- The event loop (run.c) ---- */

/* Runs @script with @cfg on a fresh stack; 0 if it passed. */
int pd_run_script(const struct pd_config *cfg, const struct pd_script *script,
		  char *reason, size_t reasonlen);

#endif /* TUXNET_PACKETDRILL_RUN_H */
