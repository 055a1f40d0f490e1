/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The wire format between libtuxnet-client and tuxnetd.
 *
 * DOC: messages
 *
 * Each thread of a client process holds one UNIX stream connection to the
 * daemon and sends one request at a time; the daemon answers each with one
 * reply.  A connection's first request is TN_RPC_ATTACH.  Request and
 * reply have the same shape:
 *
 *	struct tn_rpc_hdr	fixed header: total length, operation, scalar
 *				arguments (requests) or results (replies)
 *	blob 0 ... blob n-1	byte strings: each a struct tn_rpc_blob (length
 *				and flags) followed by the bytes, padded to 8
 *
 * Scalars travel in hdr.arg[]; everything a pointer points at travels as a
 * blob: socket addresses, data, iovec lengths, control messages, option
 * values, ioctl structures, pollfd arrays, fd_sets, epoll events, paths.
 * A blob can say "NULL pointer" (TN_RPC_BLOB_NULL), which is not the same as
 * an empty buffer.  Structures are the host's own ABI: client and daemon run
 * on the same machine, so struct sockaddr_in, struct cmsghdr (with struct
 * sock_extended_err behind it), struct ifreq or struct epoll_event are copied
 * byte for byte.  A reply carries the call's return value in hdr.ret and, when
 * it is -1, errno in hdr.err.
 *
 * Everything the daemon reads is untrusted: tn_rpc_parse() checks that the
 * blobs exactly fill the message, each handler checks the count and size of
 * the blobs it expects, and no message may exceed TN_RPC_MAX_MSG.
 */
#ifndef TUXNET_RPC_RPC_H
#define TUXNET_RPC_RPC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define TN_RPC_VERSION	 1
#define TN_RPC_MAX_MSG	 (1u << 20) /* whole message, header included */
#define TN_RPC_MAX_BLOBS 8
#define TN_RPC_NARGS	 6
/* Caps on what one call may carry; larger requests are clipped or refused. */
#define TN_RPC_MAX_DATA ((1u << 20) - (1u << 17)) /* data of one call */
#define TN_RPC_MAX_CTRL (1u << 16) /* control messages, option values */
#define TN_RPC_MAX_ADDR 256u /* a socket address */
#define TN_RPC_MAX_IOV	1024 /* UIO_MAXIOV */
#define TN_RPC_MAX_PATH 4096

/** enum tn_rpc_op - one operation per tn_* call */
enum tn_rpc_op {
	TN_RPC_NONE = 0,
	TN_RPC_NETNS_ADD,
	TN_RPC_NETNS_DEL,
	TN_RPC_NETNS_SET,
	TN_RPC_NETNS_LIST,
	TN_RPC_SOCKET,
	TN_RPC_SOCKETPAIR,
	TN_RPC_BIND,
	TN_RPC_CONNECT,
	TN_RPC_LISTEN,
	TN_RPC_ACCEPT4,
	TN_RPC_SENDTO,
	TN_RPC_RECVFROM,
	TN_RPC_SENDMSG,
	TN_RPC_RECVMSG,
	TN_RPC_GETSOCKNAME,
	TN_RPC_GETPEERNAME,
	TN_RPC_SETSOCKOPT,
	TN_RPC_GETSOCKOPT,
	TN_RPC_SHUTDOWN,
	TN_RPC_FCNTL,
	TN_RPC_IOCTL,
	TN_RPC_CLOSE,
	TN_RPC_POLL,
	TN_RPC_SELECT,
	TN_RPC_EPOLL_CREATE1,
	TN_RPC_EPOLL_CTL,
	TN_RPC_EPOLL_WAIT,
	TN_RPC_OPEN,
	TN_RPC_READ,
	TN_RPC_WRITE,
	TN_RPC_GETDENTS64,
	TN_RPC_GETHOSTNAME,
	TN_RPC_SETHOSTNAME,
	TN_RPC_CLOCK_GETTIME,
	TN_RPC_NANOSLEEP,
	/*
	 * Not a call: sent by a client whose wait for a reply was interrupted
	 * by a signal.  A bare header; the call in progress ends with EINTR
	 * (if it is blocked), and the message itself gets no reply.
	 */
	TN_RPC_INTERRUPT,
	/*
	 * Not a call: the daemon's answer to a connection it will not serve
	 * (too many connections, in all or from this uid).  hdr.err is the
	 * errno the client reports (EAGAIN), and one blob says why in words.
	 * The daemon sends it as soon as it accepts, then hangs up.
	 */
	TN_RPC_REFUSED,
	/*
	 * The first request of a connection: arg[0] is the client process's
	 * token (a random cookie made at its first call).  The connections
	 * of one process (same cookie and same pid by SO_PEERCRED, which a
	 * client in another pid namespace could not give itself) get tasks
	 * that share one fd table:
	 * one connection per thread.  Returns 0 for the process's first
	 * connection, 1 for the others.
	 */
	TN_RPC_ATTACH,
	/*
	 * fork(): sent by the forking thread before fork(2).  The daemon
	 * copies the process's fd table for the child (the same open files)
	 * and answers a ticket in arg[0]; the child's first connection passes
	 * it as arg[1] of TN_RPC_ATTACH and gets that copy.  Only a child of
	 * the forking process (its parent pid, by /proc) may claim it.
	 */
	TN_RPC_FORK,
	TN_RPC_OP_MAX,
};

/**
 * struct tn_rpc_hdr - the fixed head of every request and reply
 * @len: total length of the message in bytes, this header included
 * @op: an enum tn_rpc_op; a reply repeats its request's
 * @nblob: number of blobs that follow
 * @version: TN_RPC_VERSION
 * @err: reply only: errno when @ret is -1
 * @ret: reply only: the call's return value
 * @arg: request: scalar arguments; reply: scalar results (lengths, flags)
 */
struct tn_rpc_hdr {
	uint32_t len;
	uint16_t op;
	uint8_t nblob;
	uint8_t version;
	int32_t err;
	uint32_t reserved;
	int64_t ret;
	int64_t arg[TN_RPC_NARGS];
};

#define TN_RPC_BLOB_NULL 0x1 /* the pointer was NULL; len is 0 */

/** struct tn_rpc_blob - head of one blob; @len bytes follow, padded to 8 */
struct tn_rpc_blob {
	uint32_t len;
	uint32_t flags;
};

/** struct tn_rpc_view - one parsed blob, pointing into the message */
struct tn_rpc_view {
	void *data; /* NULL for a NULL blob */
	uint32_t len;
};

/** struct tn_rpc_msg - a parsed message */
struct tn_rpc_msg {
	struct tn_rpc_hdr hdr;
	unsigned int nblob;
	struct tn_rpc_view blob[TN_RPC_MAX_BLOBS];
};

/**
 * struct tn_rpc_out - a message being built; sent with one sendmsg()
 *
 * Blobs are referenced, not copied: they must stay valid until it is sent.
 */
struct tn_rpc_out {
	struct tn_rpc_hdr hdr;
	struct tn_rpc_blob bh[TN_RPC_MAX_BLOBS];
	struct iovec iov[1 + 3 * TN_RPC_MAX_BLOBS];
	unsigned int niov;
	int overflow; /* too many blobs or too long: not sendable */
};

static inline uint32_t tn_rpc_pad(uint32_t len)
{
	return (len + 7u) & ~7u;
}

void tn_rpc_out_init(struct tn_rpc_out *out, unsigned int op);
void tn_rpc_out_blob(struct tn_rpc_out *out, const void *data, size_t len);
int tn_rpc_send(int fd, struct tn_rpc_out *out);
int tn_rpc_parse(void *buf, size_t len, struct tn_rpc_msg *msg);
int tn_rpc_recv(int fd, void **bufp, size_t *capp, struct tn_rpc_msg *msg);
int tn_rpc_default_path(char *buf, size_t len);
int tn_rpc_check_dir(const char *sockpath, char *why, size_t whylen);

/**
 * enum tn_rpc_ioc_kind - how an ioctl's argument travels
 * @TN_IOC_UNKNOWN: not known: refused with ENOTTY, never passed on
 * @TN_IOC_IN: @size bytes to the daemon
 * @TN_IOC_OUT: @size bytes back
 * @TN_IOC_INOUT: @size bytes both ways (struct ifreq, struct arpreq ...)
 * @TN_IOC_IFCONF: struct ifconf: its buffer travels, not its pointer
 * @TN_IOC_RTENTRY: struct rtentry, and the string rt_dev points at
 * @TN_IOC_STR: a NUL-terminated name of at most IFNAMSIZ bytes
 */
enum tn_rpc_ioc_kind {
	TN_IOC_UNKNOWN = 0,
	TN_IOC_IN,
	TN_IOC_OUT,
	TN_IOC_INOUT,
	TN_IOC_IFCONF,
	TN_IOC_RTENTRY,
	TN_IOC_STR,
};

enum tn_rpc_ioc_kind tn_rpc_ioctl_kind(unsigned long req, uint32_t *size);

#endif /* TUXNET_RPC_RPC_H */
