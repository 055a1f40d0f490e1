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

int tn_conn_start(struct tn_stack *st, int fd);
void tn_conn_shutdown_all(void);
int tn_conn_wait_all(int timeout_ms);

#endif /* TUXNET_DAEMON_TUXNETD_H */
