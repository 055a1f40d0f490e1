/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nc: OpenBSD netcat as Debian 12 ships it (netcat-openbsd 1.219), on the
 * tuxnet API.  Its flags, messages and exit codes are that program's; the
 * network is the stack's, and so is every wait (virtual time in a lab).
 */
#ifndef TN_NC_H
#define TN_NC_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>

/* The four descriptors the relay loop watches, as netcat numbers them. */
enum {
	POLL_STDIN,
	POLL_NETOUT,
	POLL_NETIN,
	POLL_STDOUT,
	POLL_NR,
};

#define NC_BUFSIZE 16384

/* The command line. */
struct nc_opts {
	int dflag; /* -d: no stdin */
	int iflag; /* -i: seconds between lines sent */
	int kflag; /* -k: keep listening */
	int lflag; /* -l: listen */
	int nflag; /* -n: no name or service lookups */
	int big_nflag; /* -N: shutdown(SHUT_WR) at EOF on stdin */
	int qflag; /* -q: seconds to linger after EOF on stdin (-1: no) */
	int tflag; /* -t: answer telnet negotiation */
	int uflag; /* -u: UDP */
	int vflag; /* -v */
	int zflag; /* -z: scan */
	int crlf; /* -C: send CRLF line ends */
	int recvlimit; /* -W: stop after this many reads from the network */
	int timeout; /* -w, in ms; -1: none */
};

extern struct nc_opts nc;

/*
 * readwrite.c: relays stdin to the network and the network to stdout.
 * Returns 1 if it closed @net_fd itself (-q), else 0.
 */
int readwrite(int net_fd);

/*
 * wait.c: poll(2) over the relay's four descriptors, two of the host
 * (stdin, stdout) and two of the stack (the socket).  @timeout in ms on the
 * stack's clock (-1: none).  Returns what poll(2) returns.
 */
int nc_poll(struct pollfd pfd[POLL_NR], int timeout);
/* The stack's clock, in ms. */
long long nc_now_ms(void);
/* Sleeps @ms on the stack's clock. */
void nc_sleep_ms(long long ms);

#endif /* TN_NC_H */
