/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tuxnetd internals shared by its files: the connection threads (serve.c)
 * and the main loop (tuxnetd.c).
 */
#ifndef TUXNET_DAEMON_TUXNETD_H
#define TUXNET_DAEMON_TUXNETD_H

#include <tuxnet/tuxnet.h>

/*
 * Built against libtuxnet-host (tuxnetd-host, a test aid), there is no
 * stack and no tasks: the calls go to the Linux kernel instead.
 */
#ifdef TN_DAEMON_HOST
#define TN_DAEMON_HAS_STACK 0
#else
#define TN_DAEMON_HAS_STACK 1
#endif

/* Defaults of the tuxnetd options of the same names. */
#define TN_CONN_MAX_DEFAULT	    1024 /* --max-connections */
#define TN_CONN_MAX_PER_UID_DEFAULT 256 /* --max-connections-per-uid */
#define TN_NOFILE_DEFAULT	    1024 /* --nofile: Linux's soft default */

/**
 * struct tn_conn_limits - what one client, and all of them, may hold
 * @max_conns: connections served at once
 * @max_conns_per_uid: of those, from one uid
 * @nofile: each client's RLIMIT_NOFILE (the size of its fd table)
 */
struct tn_conn_limits {
	unsigned int max_conns;
	unsigned int max_conns_per_uid;
	unsigned int nofile;
};

void tn_conn_set_limits(const struct tn_conn_limits *l);
int tn_conn_start(struct tn_stack *st, int fd);
void tn_conn_shutdown_all(void);
int tn_conn_wait_all(int timeout_ms);

#endif /* TUXNET_DAEMON_TUXNETD_H */
