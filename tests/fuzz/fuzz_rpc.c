// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_rpc: the input is the byte stream a client sends tuxnetd, any number
 * of requests one after the other (rpc/rpc.h), fed through a socketpair
 * into the daemon's own serving code: tn_conn_start() (daemon/serve.c), its
 * connection thread and watcher, tn_rpc_recv() and tn_rpc_parse(), every
 * handler and the stack calls behind them.
 *
 * Each input gets a fresh virtual-clock stack (nothing one input makes
 * outlives it).  The whole input is written, then our half of the stream is
 * shut for writing: the daemon sees the client hang up, so a call that
 * blocks (recv, poll, nanosleep ...) is interrupted as it would be for a
 * client that died.  The oracle:
 *   - every reply is a well-formed message, in order, one per request the
 *     daemon could read whole, with that request's operation (none for
 *     TN_RPC_INTERRUPT); a header with an impossible length gets one
 *     EMSGSIZE reply and the connection is closed;
 *   - the daemon closes the connection, and its thread ends;
 *   - the client's task left no socket and no open file behind (and,
 *     under the sanitizers, no crash and no leak).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "harness.h"
#include "rpc.h"
#include "tuxnetd.h"

/* More than fits the socket's buffer at once is not more interesting. */
#define FUZZ_RPC_MAX_INPUT (64u * 1024u)
#define FUZZ_RPC_MAX_REQS  4096

static int verbose;

static void fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz_rpc: %s\n", what);
	abort();
}

/*
 * The operations the daemon must answer, in order, as it reads @data:
 * returns how many; *@closed is set if it must hang up after the last.
 */
static size_t expected_replies(const uint8_t *data, size_t size, uint16_t *ops,
			       int *closed)
{
	static uint8_t msg[FUZZ_RPC_MAX_INPUT] __attribute__((aligned(8)));
	size_t off = 0, n = 0;

	*closed = 0;
	while (size - off >= sizeof(struct tn_rpc_hdr) &&
	       n < FUZZ_RPC_MAX_REQS) {
		struct tn_rpc_hdr h;
		struct tn_rpc_msg m;

		memcpy(&h, data + off, sizeof(h));
		if (h.len < sizeof(h) || h.len > TN_RPC_MAX_MSG) {
			ops[n++] = 0; /* EMSGSIZE, then the daemon hangs up */
			*closed = 1;
			break;
		}
		if (h.len > size - off)
			break; /* cut short: the daemon just hangs up */
		memcpy(msg, data + off, h.len);
		off += h.len;
		if (tn_rpc_parse(msg, h.len, &m) == 0 &&
		    m.hdr.op == TN_RPC_INTERRUPT)
			continue; /* never answered */
		ops[n++] = h.op;
	}
	return n;
}

static void write_all(int fd, const uint8_t *p, size_t len)
{
	while (len) {
		ssize_t w = send(fd, p, len, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return; /* the daemon hung up early: allowed */
		p += w;
		len -= (size_t)w;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint16_t ops[FUZZ_RPC_MAX_REQS];
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL };
	struct tn_stack_stats s;
	struct tn_stack *st;
	struct tn_rpc_msg m;
	void *buf = NULL;
	size_t cap = 0, want, got = 0;
	int sv[2], closed, err, sndbuf = 4 * (int)FUZZ_RPC_MAX_INPUT;

	verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (size > FUZZ_RPC_MAX_INPUT)
		size = FUZZ_RPC_MAX_INPUT;
	want = expected_replies(data, size, ops, &closed);

	st = tn_stack_create(&cfg);
	if (!st)
		fuzz_fail("cannot make a stack");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		fuzz_fail("socketpair");
	/* The whole input must fit, whatever the daemon is doing. */
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	if (tn_conn_start(st, sv[1]) < 0)
		fuzz_fail("tn_conn_start");
	write_all(sv[0], data, size);
	shutdown(sv[0], SHUT_WR);

	while ((err = tn_rpc_recv(sv[0], &buf, &cap, &m)) == 0) {
		if (verbose)
			fprintf(stderr, "  reply op %u ret %lld err %d\n",
				m.hdr.op, (long long)m.hdr.ret, m.hdr.err);
		if (got >= want)
			fuzz_fail("a reply to no request");
		if (m.hdr.op != ops[got])
			fuzz_fail("a reply to another request");
		if (m.hdr.ret < 0 && (m.hdr.ret != -1 || m.hdr.err <= 0))
			fuzz_fail("a failure without an errno");
		got++;
	}
	/*
	 * The end: EOF, or ECONNRESET if the daemon hung up with requests
	 * still unread (after an impossible length): both are a close.
	 */
	if (err != -EPIPE && err != -ECONNRESET)
		fuzz_fail("the reply stream is malformed or cut short");
	if (got != want)
		fuzz_fail("a request went unanswered");
	(void)closed;
	free(buf);
	close(sv[0]);
	if (tn_conn_wait_all(10000) < 0)
		fuzz_fail("the connection thread does not end");

	tn_stack_get_stats(st, &s);
	if (s.live_socks || s.live_files) {
		fprintf(stderr, "fuzz_rpc: %ld socks, %ld files left\n",
			s.live_socks, s.live_files);
		abort();
	}
	tn_stack_destroy(st);
	return 0;
}
