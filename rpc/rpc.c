// SPDX-License-Identifier: BSD-2-Clause
/*
 * Building, sending, receiving and checking tuxnet RPC messages: the half of
 * the wire format that the client library and the daemon share.  See rpc.h.
 */
#include "rpc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char tn_rpc_zeros[8];

/**
 * tn_rpc_out_init - start a message
 * @out: the message
 * @op: its operation
 */
void tn_rpc_out_init(struct tn_rpc_out *out, unsigned int op)
{
	memset(&out->hdr, 0, sizeof(out->hdr));
	out->hdr.op = (uint16_t)op;
	out->hdr.version = TN_RPC_VERSION;
	out->hdr.len = sizeof(out->hdr);
	out->iov[0].iov_base = &out->hdr;
	out->iov[0].iov_len = sizeof(out->hdr);
	out->niov = 1;
	out->overflow = 0;
}

/**
 * tn_rpc_out_blob - append a blob
 * @out: the message
 * @data: the bytes, or NULL for a NULL pointer
 * @len: how many (ignored for NULL)
 *
 * The bytes are not copied: @data must stay valid until tn_rpc_send().
 */
void tn_rpc_out_blob(struct tn_rpc_out *out, const void *data, size_t len)
{
	struct tn_rpc_blob *bh;
	uint32_t pad;

	if (!data)
		len = 0;
	if (out->hdr.nblob >= TN_RPC_MAX_BLOBS ||
	    len > TN_RPC_MAX_MSG - out->hdr.len) {
		out->overflow = 1;
		return;
	}
	bh = &out->bh[out->hdr.nblob++];
	bh->len = (uint32_t)len;
	bh->flags = data ? 0 : TN_RPC_BLOB_NULL;
	out->iov[out->niov].iov_base = bh;
	out->iov[out->niov++].iov_len = sizeof(*bh);
	if (len) {
		out->iov[out->niov].iov_base = (void *)data;
		out->iov[out->niov++].iov_len = len;
	}
	pad = tn_rpc_pad((uint32_t)len) - (uint32_t)len;
	if (pad) {
		out->iov[out->niov].iov_base = (void *)tn_rpc_zeros;
		out->iov[out->niov++].iov_len = pad;
	}
	out->hdr.len += (uint32_t)sizeof(*bh) + tn_rpc_pad((uint32_t)len);
	if (out->hdr.len > TN_RPC_MAX_MSG)
		out->overflow = 1;
}

/**
 * tn_rpc_send - write a whole message to a stream socket
 * @fd: the connection
 * @out: the message
 *
 * Never raises SIGPIPE.  Return: 0, -EMSGSIZE if the message could not be
 * built, or the negative errno of the failed send (-EPIPE: peer gone).
 */
int tn_rpc_send(int fd, struct tn_rpc_out *out)
{
	struct iovec *iov = out->iov;
	unsigned int niov = out->niov;

	if (out->overflow)
		return -EMSGSIZE;
	while (niov) {
		struct msghdr mh = { .msg_iov = iov, .msg_iovlen = niov };
		ssize_t n = sendmsg(fd, &mh, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		while (niov && (size_t)n >= iov->iov_len) {
			n -= (ssize_t)iov->iov_len;
			iov++;
			niov--;
		}
		if (niov && n) {
			/* A partial send: iov[] is ours to adjust. */
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= (size_t)n;
		}
	}
	return 0;
}

/**
 * tn_rpc_parse - check a received message and find its blobs
 * @buf: the message, 8-byte aligned
 * @len: its length
 * @msg: filled with the header and views of the blobs
 *
 * Return: 0, or -EINVAL if the blobs do not exactly fill the message.
 */
int tn_rpc_parse(void *buf, size_t len, struct tn_rpc_msg *msg)
{
	size_t off = sizeof(struct tn_rpc_hdr);
	unsigned int i;

	if (len < sizeof(msg->hdr) || len > TN_RPC_MAX_MSG)
		return -EMSGSIZE;
	memcpy(&msg->hdr, buf, sizeof(msg->hdr));
	if (msg->hdr.len != len || msg->hdr.version != TN_RPC_VERSION ||
	    msg->hdr.nblob > TN_RPC_MAX_BLOBS)
		return -EINVAL;
	msg->nblob = msg->hdr.nblob;
	for (i = 0; i < msg->nblob; i++) {
		struct tn_rpc_blob bh;

		if (len - off < sizeof(bh))
			return -EINVAL;
		memcpy(&bh, (char *)buf + off, sizeof(bh));
		off += sizeof(bh);
		if (bh.flags & ~(uint32_t)TN_RPC_BLOB_NULL)
			return -EINVAL;
		if ((bh.flags & TN_RPC_BLOB_NULL) && bh.len)
			return -EINVAL;
		if (bh.len > len - off || tn_rpc_pad(bh.len) > len - off)
			return -EINVAL;
		msg->blob[i].data = (bh.flags & TN_RPC_BLOB_NULL)
					    ? NULL
					    : (char *)buf + off;
		msg->blob[i].len = bh.len;
		off += tn_rpc_pad(bh.len);
	}
	for (; i < TN_RPC_MAX_BLOBS; i++) {
		msg->blob[i].data = NULL;
		msg->blob[i].len = 0;
	}
	return off == len ? 0 : -EINVAL;
}

static int tn_rpc_read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return got ? -ECONNRESET : -EPIPE;
		got += (size_t)n;
	}
	return 0;
}

/**
 * tn_rpc_recv - read one whole message from a stream socket
 * @fd: the connection
 * @bufp: a malloc'ed buffer, grown as needed (may start NULL)
 * @capp: its capacity
 * @msg: the parsed message, pointing into *@bufp
 *
 * Return: 0; -EPIPE on a clean end of stream; -EMSGSIZE if the header
 * announces an impossible length (the stream is then out of step and must be
 * closed); -EINVAL if the message was read whole but is malformed (the next
 * one can still be read); another negative errno if reading failed.
 */
int tn_rpc_recv(int fd, void **bufp, size_t *capp, struct tn_rpc_msg *msg)
{
	struct tn_rpc_hdr hdr;
	int err;

	err = tn_rpc_read_full(fd, &hdr, sizeof(hdr));
	if (err)
		return err;
	if (hdr.len < sizeof(hdr) || hdr.len > TN_RPC_MAX_MSG)
		return -EMSGSIZE;
	if (*capp < hdr.len) {
		void *nb = realloc(*bufp, hdr.len);

		if (!nb)
			return -ENOMEM;
		*bufp = nb;
		*capp = hdr.len;
	}
	memcpy(*bufp, &hdr, sizeof(hdr));
	err = tn_rpc_read_full(fd, (char *)*bufp + sizeof(hdr),
			       hdr.len - sizeof(hdr));
	if (err)
		return err == -EPIPE ? -ECONNRESET : err;
	return tn_rpc_parse(*bufp, hdr.len, msg);
}

/**
 * tn_rpc_default_path - where the daemon listens unless told otherwise
 * @buf: filled with the path
 * @len: its size
 *
 * $TUXNET_SOCK if set and non-empty; else $XDG_RUNTIME_DIR/tuxnet/sock;
 * else /run/tuxnet/sock for root and /tmp/tuxnet-UID/sock for others.
 *
 * Return: 0, or -ENAMETOOLONG.
 */
int tn_rpc_default_path(char *buf, size_t len)
{
	const char *env = getenv("TUXNET_SOCK");
	int n;

	if (env && *env)
		n = snprintf(buf, len, "%s", env);
	else if ((env = getenv("XDG_RUNTIME_DIR")) && *env)
		n = snprintf(buf, len, "%s/tuxnet/sock", env);
	else if (geteuid() == 0)
		n = snprintf(buf, len, "/run/tuxnet/sock");
	else
		n = snprintf(buf, len, "/tmp/tuxnet-%u/sock",
			     (unsigned int)geteuid());
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/**
 * tn_rpc_check_dir - may the socket at @sockpath be trusted?
 * @sockpath: the daemon's socket
 * @why: filled with the reason when it may not
 * @whylen: its size
 *
 * Whoever may create or replace entries in the socket's directory may put
 * a listener of their own there.  The directory must therefore be a real
 * directory (lstat: not a symbolic link) owned by us with no access for
 * anyone else (mode 0700, as ssh-agent's and tmux's), or owned by root and
 * writable by nobody else (a root daemon's /run/tuxnet, shared on purpose).
 *
 * Return: 0; -EACCES if the directory is not trusted (a symbolic link, the
 * wrong owner, group or other access); -ENOTDIR; or lstat's negative errno.
 */
int tn_rpc_check_dir(const char *sockpath, char *why, size_t whylen)
{
	char dir[TN_RPC_MAX_PATH];
	const char *slash = strrchr(sockpath, '/');
	uid_t me = geteuid();
	struct stat sb;
	size_t n;

	if (!slash) {
		strcpy(dir, ".");
	} else {
		n = slash == sockpath ? 1 : (size_t)(slash - sockpath);
		if (n >= sizeof(dir))
			return -ENAMETOOLONG;
		memcpy(dir, sockpath, n);
		dir[n] = '\0';
	}
	if (lstat(dir, &sb) < 0) {
		int err = errno;

		(void)snprintf(why, whylen, "%s: %s", dir, strerror(err));
		return -err;
	}
	if (S_ISLNK(sb.st_mode)) {
		(void)snprintf(why, whylen, "%s: is a symbolic link", dir);
		return -EACCES;
	}
	if (!S_ISDIR(sb.st_mode)) {
		(void)snprintf(why, whylen, "%s: not a directory", dir);
		return -ENOTDIR;
	}
	if (sb.st_uid != me && sb.st_uid != 0) {
		(void)snprintf(why, whylen,
			       "%s: owned by uid %u, not by uid %u", dir,
			       (unsigned int)sb.st_uid, (unsigned int)me);
		return -EACCES;
	}
	if (sb.st_mode & (sb.st_uid == 0 && me != 0 ? 022 : 077)) {
		(void)snprintf(why, whylen, "%s: mode %04o, not 0700", dir,
			       (unsigned int)(sb.st_mode & 07777));
		return -EACCES;
	}
	return 0;
}
