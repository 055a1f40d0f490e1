// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RPC wire format between libtuxnet-client and tuxnetd: messages built
 * with tn_rpc_out_*, flattened as tn_rpc_send() would write them, come back
 * whole from tn_rpc_parse(); every way of lying about a length is refused.
 * (The ioctl table, rpc_ioctl.c, is checked through the daemon by
 * tests/tools/daemon_host.sh.)
 */
#include "ktest.h"

#include "../../rpc/rpc.c"

#include <sys/wait.h>

/* Flattens a built message into @buf (8-aligned), as it goes on the wire. */
static size_t flatten(const struct tn_rpc_out *out, void *buf, size_t cap)
{
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < out->niov; i++) {
		KT_ASSERT(off + out->iov[i].iov_len <= cap);
		memcpy((char *)buf + off, out->iov[i].iov_base,
		       out->iov[i].iov_len);
		off += out->iov[i].iov_len;
	}
	return off;
}

static uint64_t wire[4096];

static void roundtrip(void)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg m;
	size_t len;

	tn_rpc_out_init(&out, TN_RPC_SENDTO);
	out.hdr.arg[0] = 7;
	out.hdr.arg[5] = -1;
	tn_rpc_out_blob(&out, "hello", 5);
	tn_rpc_out_blob(&out, NULL, 99);
	tn_rpc_out_blob(&out, "", 0);
	tn_rpc_out_blob(&out, "12345678", 8);
	KT_ASSERT(!out.overflow);
	len = flatten(&out, wire, sizeof(wire));
	KT_EQ(len, out.hdr.len);
	KT_EQ(len % 8, 0);
	KT_EQ(tn_rpc_parse(wire, len, &m), 0);
	KT_EQ(m.hdr.op, TN_RPC_SENDTO);
	KT_EQ(m.hdr.arg[0], 7);
	KT_EQ(m.hdr.arg[5], -1);
	KT_EQ(m.nblob, 4);
	KT_EQ(m.blob[0].len, 5);
	KT_ASSERT(!memcmp(m.blob[0].data, "hello", 5));
	KT_ASSERT(m.blob[1].data == NULL && m.blob[1].len == 0);
	KT_ASSERT(m.blob[2].data != NULL && m.blob[2].len == 0);
	KT_ASSERT(!memcmp(m.blob[3].data, "12345678", 8));
	/* Blobs are 8-aligned: a struct cmsghdr may be read in place. */
	KT_EQ(((uintptr_t)m.blob[3].data) % 8, 0);
}

static void lies_refused(void)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg m;
	struct tn_rpc_hdr *h = (struct tn_rpc_hdr *)wire;
	struct tn_rpc_blob *b = (struct tn_rpc_blob *)(h + 1);
	size_t len;

	tn_rpc_out_init(&out, TN_RPC_WRITE);
	tn_rpc_out_blob(&out, "abc", 3);
	len = flatten(&out, wire, sizeof(wire));
	KT_EQ(tn_rpc_parse(wire, len, &m), 0);

	KT_EQ(tn_rpc_parse(wire, len - 1, &m), -EINVAL); /* len mismatch */
	KT_EQ(tn_rpc_parse(wire, 10, &m), -EMSGSIZE);
	h->nblob = 2;
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL); /* missing blob */
	h->nblob = 0;
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL); /* trailing bytes */
	h->nblob = 1;
	b->len = 9;
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL); /* past the end */
	b->len = 0xffffffffu;
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL);
	b->len = 3;
	b->flags = TN_RPC_BLOB_NULL; /* NULL but with bytes */
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL);
	b->flags = 2;
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL);
	b->flags = 0;
	h->version = 0;
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL);
	h->version = TN_RPC_VERSION;
	h->nblob = TN_RPC_MAX_BLOBS + 1;
	KT_EQ(tn_rpc_parse(wire, len, &m), -EINVAL);
	h->nblob = 1;
	KT_EQ(tn_rpc_parse(wire, len, &m), 0);
}

static void too_big(void)
{
	static char big[TN_RPC_MAX_MSG];
	struct tn_rpc_out out;
	unsigned int i;

	tn_rpc_out_init(&out, TN_RPC_WRITE);
	tn_rpc_out_blob(&out, big, sizeof(big));
	KT_ASSERT(out.overflow);
	KT_EQ(tn_rpc_send(-1, &out), -EMSGSIZE);
	tn_rpc_out_init(&out, TN_RPC_WRITE);
	for (i = 0; i <= TN_RPC_MAX_BLOBS; i++)
		tn_rpc_out_blob(&out, "x", 1);
	KT_ASSERT(out.overflow);
	tn_rpc_out_init(&out, TN_RPC_WRITE);
	tn_rpc_out_blob(&out, big, TN_RPC_MAX_DATA);
	tn_rpc_out_blob(&out, big, TN_RPC_MAX_CTRL);
	tn_rpc_out_blob(&out, big, TN_RPC_MAX_ADDR);
	KT_ASSERT(!out.overflow);
}

static void socketpair_roundtrip(void)
{
	static char big[TN_RPC_MAX_DATA];
	struct tn_rpc_out out;
	struct tn_rpc_msg m;
	void *buf = NULL;
	size_t cap = 0;
	int sv[2], status;
	pid_t pid;

	/* A message larger than the socket buffer: sender in a child. */
	KT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	memset(big, 'z', sizeof(big));
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		close(sv[0]);
		tn_rpc_out_init(&out, TN_RPC_WRITE);
		tn_rpc_out_blob(&out, big, sizeof(big));
		_exit(tn_rpc_send(sv[1], &out) ? 1 : 0);
	}
	close(sv[1]);
	KT_EQ(tn_rpc_recv(sv[0], &buf, &cap, &m), 0);
	KT_EQ(m.blob[0].len, sizeof(big));
	KT_EQ(((char *)m.blob[0].data)[sizeof(big) - 1], 'z');
	KT_EQ(tn_rpc_recv(sv[0], &buf, &cap, &m), -EPIPE);
	close(sv[0]);
	free(buf);
	KT_EQ(waitpid(pid, &status, 0), pid);
	KT_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

KTEST_MAIN(KT(roundtrip), KT(lies_refused), KT(too_big),
	   KT(socketpair_roundtrip))
