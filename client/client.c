// SPDX-License-Identifier: BSD-2-Clause
/*
 * libtuxnet-client: every tn_* call of include/tuxnet/tuxnet.h as a message
 * to tuxnetd, which runs it in the stack on this process's behalf.
 *
 * The first call connects to the daemon's socket ($TUXNET_SOCK, else the
 * default of tn_rpc_default_path()) and, if $TUXNET_NETNS is set and not
 * empty, moves this process into that namespace: how `ip netns exec NS CMD`
 * works.  Each thread has its own connection, one request in flight at a
 * time, and the daemon gives it a task of its own (its current namespace);
 * the tasks of one process share one fd table, as threads do.  If the
 * daemon cannot be reached, calls fail with the errno of connect()
 * (ENOENT, ECONNREFUSED); if it goes away, with ECONNRESET.
 *
 * Trust: the socket's directory must be ours with mode 0700 (or root's and
 * writable by nobody else), and not a symbolic link, else calls fail with
 * EACCES; the process listening must run as our uid or as root
 * (SO_PEERCRED), else EPERM.  A daemon that will not serve us (too many
 * connections) answers TN_RPC_REFUSED: calls fail with its errno (EAGAIN).
 * Each case also prints one line on stderr saying why.  Every reply is
 * checked before it is used: blob sizes and counts against what was asked
 * for, so that a broken or hostile daemon cannot make us write past a
 * caller's buffer; a reply that does not fit ends the connection (EPROTO).
 *
 * fork(): the child gets a copy of the parent's fd table, made as it
 * forks, referring to the same sockets (TN_RPC_FORK), as fork(2) gives.
 */
#include <tuxnet/tuxnet.h>

#include "rpc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <net/if.h>
#include <net/route.h>

/*
 * Each thread that calls the stack has a connection of its own, so that one
 * blocked in recv() or poll() holds up no other: to the daemon it is a task
 * of its own (a thread: its own current namespace, its own wait), and all
 * the connections of one process share one fd table.  The first request on
 * each connection, TN_RPC_ATTACH, names the process by a random token made
 * at its first call (the daemon also checks the pid, SO_PEERCRED).
 */
struct tn_client {
	int fd; /* -1: not connected */
	int drop; /* refused or broken: to be closed */
	void *buf; /* the last reply */
	size_t cap;
};

static __thread struct tn_client tn_cl = { .fd = -1 };

/*
 * The process: its token, whether the daemon went away (every call of
 * every thread then fails), and every thread's connection, which a forked
 * child must not use.
 */
static struct {
	pthread_mutex_t lock;
	pid_t pid; /* whose token this is: another pid means forked */
	uint64_t cookie;
	int attached; /* a connection of this process has attached */
	int dead;
	int *fds; /* every thread's connection */
	size_t nfds, capfds;
	pthread_key_t key; /* closes a thread's connection when it exits */
} tn_proc = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};
static pthread_once_t tn_cl_once = PTHREAD_ONCE_INIT;

static void tn_proc_fd_forget(int fd)
{
	size_t i;

	for (i = 0; i < tn_proc.nfds; i++) {
		if (tn_proc.fds[i] == fd) {
			tn_proc.fds[i] = tn_proc.fds[--tn_proc.nfds];
			return;
		}
	}
}

/* Ends the calling thread's connection (its task in the daemon ends too). */
static void tn_client_close(void)
{
	if (tn_cl.fd < 0)
		return;
	pthread_mutex_lock(&tn_proc.lock);
	tn_proc_fd_forget(tn_cl.fd);
	pthread_mutex_unlock(&tn_proc.lock);
	close(tn_cl.fd);
	tn_cl.fd = -1;
	tn_cl.drop = 0;
}

/* A thread that had a connection exits. */
static void tn_client_thread_exit(void *arg)
{
	(void)arg;
	tn_client_close();
	free(tn_cl.buf);
	tn_cl.buf = NULL;
	tn_cl.cap = 0;
}

/* The copy of our fd table the daemon made for the child being forked. */
static uint64_t tn_fork_ticket;

static int tn_call(struct tn_rpc_out *out, struct tn_rpc_msg *rep);
static long tn_done(const struct tn_rpc_msg *rep);
static int tn_client_connect(void);

/*
 * Before fork(2): if this process has fds in the daemon, it copies the fd
 * table for the child now (TN_RPC_FORK), as fork(2) does, so that what
 * the parent closes afterwards stays open in the child.
 */
static void tn_client_atfork_prepare(void)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	int saved = errno, attached;
	uint64_t ticket = 0;

	pthread_mutex_lock(&tn_proc.lock);
	attached = tn_proc.attached && tn_proc.pid == getpid();
	pthread_mutex_unlock(&tn_proc.lock);
	if (attached) {
		tn_rpc_out_init(&out, TN_RPC_FORK);
		if (!tn_call(&out, &rep) && tn_done(&rep) == 0)
			ticket = (uint64_t)rep.hdr.arg[0];
	}
	errno = saved;
	pthread_mutex_lock(&tn_proc.lock);
	tn_fork_ticket = ticket; /* read under the lock, by the child only */
}

static void tn_client_atfork_parent(void)
{
	tn_fork_ticket = 0; /* the child's, not ours */
	pthread_mutex_unlock(&tn_proc.lock);
}

/*
 * A forked child starts with no connection: the parent's threads' are not
 * its own.  It makes a new token and, if its parent had fds, claims their
 * copy at once, before the parent can exit and the copy be lost.
 */
static void tn_client_atfork_child(void)
{
	int saved = errno;
	size_t i;

	for (i = 0; i < tn_proc.nfds; i++)
		close(tn_proc.fds[i]);
	tn_proc.nfds = 0;
	tn_proc.attached = 0;
	tn_proc.dead = 0;
	tn_cl.fd = -1;
	tn_cl.drop = 0;
	pthread_mutex_unlock(&tn_proc.lock);
	if (tn_fork_ticket)
		tn_client_connect(); /* a later call tries again if it fails */
	tn_fork_ticket = 0;
	errno = saved;
}

static void tn_client_init_once(void)
{
	pthread_key_create(&tn_proc.key, tn_client_thread_exit);
	pthread_atfork(tn_client_atfork_prepare, tn_client_atfork_parent,
		       tn_client_atfork_child);
}

static int tn_client_exchange(struct tn_rpc_out *out, struct tn_rpc_msg *rep);

/*
 * Why a connection was refused, on stderr: the errno alone (EACCES, EPERM,
 * EAGAIN) would not tell the user what to fix.  Once per process: every
 * later call tries again and would say the same.
 */
__attribute__((format(printf, 1, 2))) static void
tn_client_complain(const char *fmt, ...)
{
	static int said;
	va_list ap;

	if (said)
		return;
	said = 1;
	fputs("libtuxnet-client: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/*
 * tn_client_attach - the first request of a connection: which process it
 * belongs to.  The first connection of a process also enters $TUXNET_NETNS;
 * the others start where the process's first thread is, as a thread
 * created by it would.  Called with tn_proc.lock held.
 */
static int tn_client_attach(void)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	const char *ns;
	int err;

	if (tn_proc.pid != getpid()) {
		uint64_t cookie = 0;

		while (!cookie) {
			if (getrandom(&cookie, sizeof(cookie), 0) !=
			    (ssize_t)sizeof(cookie))
				return -EAGAIN;
		}
		tn_proc.pid = getpid();
		tn_proc.cookie = cookie;
		tn_proc.attached = 0;
	}
	tn_rpc_out_init(&out, TN_RPC_ATTACH);
	out.hdr.arg[0] = (int64_t)tn_proc.cookie;
	if (!tn_proc.attached)
		out.hdr.arg[1] = (int64_t)tn_fork_ticket;
	err = tn_client_exchange(&out, &rep);
	if (!err && rep.hdr.ret < 0)
		err = rep.hdr.err > 0 && rep.hdr.err < 4096 ? -rep.hdr.err
							    : -EIO;
	if (err || tn_proc.attached)
		return err;
	if (out.hdr.arg[1]) {
		/* A forked child: where its parent was, with its fds. */
		tn_proc.attached = 1;
		return 0;
	}
	ns = getenv("TUXNET_NETNS");
	if (ns && *ns) {
		tn_rpc_out_init(&out, TN_RPC_NETNS_SET);
		tn_rpc_out_blob(&out, ns, strlen(ns) + 1);
		err = tn_client_exchange(&out, &rep);
		if (!err && rep.hdr.ret < 0)
			err = rep.hdr.err > 0 ? -rep.hdr.err : -EINVAL;
	}
	if (!err)
		tn_proc.attached = 1;
	return err;
}

/* Connects the calling thread and attaches it to its process. */
static int tn_client_connect(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct ucred cred = { .uid = (uid_t)-1 };
	socklen_t credlen = sizeof(cred);
	char why[TN_RPC_MAX_PATH + 64];
	int fd, err, *fds;

	pthread_once(&tn_cl_once, tn_client_init_once);
	err = tn_rpc_default_path(sun.sun_path, sizeof(sun.sun_path));
	if (err)
		return err;
	err = tn_rpc_check_dir(sun.sun_path, why, sizeof(why));
	if (err == -EACCES || err == -ENOTDIR) {
		tn_client_complain("refusing the daemon's socket %s: %s\n",
				   sun.sun_path, why);
		return -EACCES;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	/* Who listens: the daemon must be ours (or root's). */
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &credlen) < 0 ||
	    (cred.uid != geteuid() && cred.uid != 0)) {
		tn_client_complain("refusing the daemon at %s: it runs as uid "
				   "%u, not as uid %u or root\n",
				   sun.sun_path, (unsigned int)cred.uid,
				   (unsigned int)geteuid());
		close(fd);
		return -EPERM;
	}
	pthread_mutex_lock(&tn_proc.lock);
	if (tn_proc.nfds == tn_proc.capfds) {
		size_t cap = tn_proc.capfds ? 2 * tn_proc.capfds : 8;

		fds = realloc(tn_proc.fds, cap * sizeof(*fds));
		if (!fds) {
			pthread_mutex_unlock(&tn_proc.lock);
			close(fd);
			return -ENOMEM;
		}
		tn_proc.fds = fds;
		tn_proc.capfds = cap;
	}
	tn_proc.fds[tn_proc.nfds++] = fd;
	tn_cl.fd = fd;
	pthread_setspecific(tn_proc.key, &tn_cl);
	err = tn_client_attach();
	pthread_mutex_unlock(&tn_proc.lock);
	if (err)
		tn_client_close();
	return err;
}

/*
 * Calls Linux never restarts after a signal handler, even with SA_RESTART:
 * they return EINTR (signal(7), "Interruption of system calls").
 */
static int tn_op_never_restarts(unsigned int op)
{
	return op == TN_RPC_POLL || op == TN_RPC_SELECT ||
	       op == TN_RPC_EPOLL_WAIT || op == TN_RPC_NANOSLEEP;
}

/*
 * tn_client_wait - wait for the reply to @op.  A signal caught meanwhile
 * (one that would interrupt this call on Linux: any handler for the calls
 * above, a handler without SA_RESTART for the others, whose recv() the C
 * library restarts otherwise) is passed on to the daemon, which ends a
 * blocked call with EINTR; the reply then comes as usual.
 */
static void tn_client_wait(unsigned int op)
{
	int sent = 0;

	for (;;) {
		struct pollfd p = { .fd = tn_cl.fd, .events = POLLIN };
		char b;
		ssize_t n;

		if (tn_op_never_restarts(op))
			n = poll(&p, 1, -1);
		else
			n = recv(tn_cl.fd, &b, 1, MSG_PEEK);
		if (n >= 0 || errno != EINTR)
			return; /* the reply (or an error) is there to read */
		if (!sent) {
			struct tn_rpc_out intr;

			tn_rpc_out_init(&intr, TN_RPC_INTERRUPT);
			if (tn_rpc_send(tn_cl.fd, &intr))
				return;
			sent = 1;
		}
	}
}

static int64_t tn_max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/*
 * The total of a recvmsg request's iovec lengths: its blob 0, built by
 * tn_rpc_out_blob() as iov[1] (the blob's head) and iov[2] (the bytes).
 */
static int64_t tn_out_iov_total(const struct tn_rpc_out *out)
{
	const char *p = out->bh[0].len ? out->iov[2].iov_base : NULL;
	uint64_t total = 0, l;
	uint32_t i;

	for (i = 0; p && i + sizeof(l) <= out->bh[0].len; i += sizeof(l)) {
		memcpy(&l, p + i, sizeof(l));
		total += l; /* each was capped at TN_RPC_MAX_DATA in all */
	}
	return (int64_t)total;
}

/*
 * tn_reply_check - does a successful reply fit its request?
 *
 * The bytes of a blob are only ever copied up to the caller's capacity
 * (tn_take()), but the counts that come with them are handed to the caller,
 * who will index its buffers with them: a recv() result beyond the buffer,
 * a msg_controllen beyond the control buffer, an ifc_len beyond the ifconf
 * buffer, a poll() result beyond nfds, a send() result beyond what was
 * sent.  Each is checked against what the request asked for, as the
 * daemon checks requests.  Return: 0 or -EPROTO.
 */
static int tn_reply_check(const struct tn_rpc_out *out,
			  const struct tn_rpc_msg *rep)
{
	const int64_t *a = out->hdr.arg, *ra = rep->hdr.arg;
	int64_t ret = rep->hdr.ret, cap[3] = { 0, 0, 0 }, maxret = INT32_MAX;
	unsigned int i, nblob = 0;
	uint32_t size;

	if (ret < 0)
		return ret == -1 ? 0 : -EPROTO; /* errno checked in tn_done() */
	switch (out->hdr.op) {
	case TN_RPC_NETNS_LIST:
		nblob = 1;
		cap[0] = a[0];
		maxret = TN_RPC_MAX_DATA;
		break;
	case TN_RPC_ACCEPT4:
	case TN_RPC_GETSOCKNAME:
	case TN_RPC_GETPEERNAME:
		nblob = 1;
		cap[0] = tn_max64(out->hdr.op == TN_RPC_ACCEPT4 ? a[2] : a[1],
				  0);
		if (ra[0] < 0 || ra[0] > TN_RPC_MAX_ADDR)
			return -EPROTO;
		break;
	case TN_RPC_RECVFROM:
		nblob = 2;
		cap[0] = a[1];
		cap[1] = tn_max64(a[3], 0);
		if (!(a[2] & MSG_TRUNC))
			maxret = a[1];
		if (ra[0] < 0 || ra[0] > TN_RPC_MAX_ADDR)
			return -EPROTO;
		break;
	case TN_RPC_RECVMSG:
		/* The data is spread over the iovecs by their lengths. */
		nblob = 3;
		cap[0] = tn_out_iov_total(out);
		cap[1] = tn_max64(a[2], 0);
		cap[2] = tn_max64(a[3], 0);
		if (!(a[1] & MSG_TRUNC))
			maxret = cap[0];
		if (ra[0] < 0 || ra[0] > TN_RPC_MAX_ADDR || ra[1] < 0 ||
		    ra[1] > cap[2])
			return -EPROTO;
		break;
	case TN_RPC_SENDTO:
	case TN_RPC_WRITE:
		maxret = out->bh[0].len; /* no more than was sent */
		break;
	case TN_RPC_SENDMSG:
		maxret = out->bh[3].len;
		break;
	case TN_RPC_GETSOCKOPT:
		nblob = 1;
		cap[0] = a[3];
		if (ra[0] < 0 || ra[0] > a[3])
			return -EPROTO;
		break;
	case TN_RPC_IOCTL:
		switch (tn_rpc_ioctl_kind((unsigned long)a[1], &size)) {
		case TN_IOC_IFCONF:
			nblob = a[3] ? 1 : 0;
			cap[0] = tn_max64(a[2], 0);
			/* With a buffer, ifc_len says how much of it is used. */
			if (ra[0] < 0 || (a[3] && ra[0] > cap[0]))
				return -EPROTO;
			break;
		case TN_IOC_OUT:
		case TN_IOC_INOUT:
			nblob = 1;
			cap[0] = size;
			break;
		default:
			break;
		}
		break;
	case TN_RPC_POLL:
		nblob = 1;
		cap[0] = a[0] * (int64_t)sizeof(struct pollfd);
		maxret = a[0];
		break;
	case TN_RPC_SELECT:
		nblob = 3;
		cap[0] = cap[1] = cap[2] = sizeof(fd_set);
		maxret = 3 * (int64_t)FD_SETSIZE;
		break;
	case TN_RPC_EPOLL_WAIT:
		nblob = 1;
		cap[0] =
			tn_max64(a[1], 0) * (int64_t)sizeof(struct epoll_event);
		maxret = tn_max64(a[1], 0);
		break;
	case TN_RPC_READ:
	case TN_RPC_GETDENTS64:
		nblob = 1;
		cap[0] = a[1];
		maxret = a[1];
		break;
	case TN_RPC_GETHOSTNAME:
		nblob = 1;
		cap[0] = a[0];
		break;
	default:
		break;
	}
	if (rep->nblob > nblob || ret > maxret)
		return -EPROTO;
	for (i = 0; i < rep->nblob; i++)
		if (rep->blob[i].len > cap[i])
			return -EPROTO;
	return 0;
}

/* One request, one reply, on a connected client.  Lock held. */
static int tn_client_exchange(struct tn_rpc_out *out, struct tn_rpc_msg *rep)
{
	int err;

	err = tn_rpc_send(tn_cl.fd, out);
	if (err == -EMSGSIZE)
		return err;
	if (!err) {
		tn_client_wait(out->hdr.op);
		err = tn_rpc_recv(tn_cl.fd, &tn_cl.buf, &tn_cl.cap, rep);
	} else if (err == -EPIPE || err == -ECONNRESET) {
		/* Hung up on at once: a refusal may be waiting to be read. */
		if (!tn_rpc_recv(tn_cl.fd, &tn_cl.buf, &tn_cl.cap, rep) &&
		    rep->hdr.op == TN_RPC_REFUSED)
			err = 0;
	}
	if (!err && rep->hdr.op == TN_RPC_REFUSED) {
		/* Not served: a later call may try again. */
		const struct tn_rpc_view *v = &rep->blob[0];

		err = rep->hdr.err > 0 && rep->hdr.err < 4096 ? rep->hdr.err
							      : EAGAIN;
		if (rep->nblob == 1 && v->data && v->len &&
		    memchr(v->data, '\0', v->len))
			tn_client_complain("%s\n", (const char *)v->data);
		tn_cl.drop = 1;
		return -err;
	}
	if (!err && (rep->hdr.op != out->hdr.op || tn_reply_check(out, rep)))
		err = -EPROTO;
	if (err) {
		/* The stream can no longer be trusted. */
		tn_cl.drop = 1;
		__atomic_store_n(&tn_proc.dead, 1, __ATOMIC_RELAXED);
		return err == -EPROTO ? err : -ECONNRESET;
	}
	return 0;
}

/**
 * tn_call - send a request and wait for its reply
 * @out: the request
 * @rep: the reply, valid until tn_done()
 *
 * Return: 0 with the client locked: the caller copies its results out of
 * @rep, then calls tn_done().  -1 with errno set and the client unlocked if
 * the daemon could not be asked.
 */
static int tn_call(struct tn_rpc_out *out, struct tn_rpc_msg *rep)
{
	int err = 0;

	if (__atomic_load_n(&tn_proc.dead, __ATOMIC_RELAXED))
		err = -ECONNRESET;
	else if (tn_cl.fd < 0)
		err = tn_client_connect();
	if (!err)
		err = tn_client_exchange(out, rep);
	if (err) {
		if (tn_cl.drop)
			tn_client_close();
		errno = -err;
		return -1;
	}
	return 0;
}

/* Unlocks the client and returns the call's result, setting errno. */
static long tn_done(const struct tn_rpc_msg *rep)
{
	long ret = (long)rep->hdr.ret;
	int err = rep->hdr.err;

	if (ret < 0) {
		errno = err > 0 && err < 4096 ? err : EIO;
		return -1;
	}
	return ret;
}

/* Copies blob @i of @rep into @dst (at most @cap bytes); returns the count. */
static size_t tn_take(const struct tn_rpc_msg *rep, unsigned int i, void *dst,
		      size_t cap)
{
	size_t n;

	if (i >= rep->nblob || !rep->blob[i].data || !dst)
		return 0;
	n = rep->blob[i].len < cap ? rep->blob[i].len : cap;
	memcpy(dst, rep->blob[i].data, n);
	return n;
}

static int tn_fail(int err)
{
	errno = err;
	return -1;
}

/* A call with scalar arguments and a scalar result. */
static long tn_call_simple(unsigned int op, int64_t a0, int64_t a1, int64_t a2)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	tn_rpc_out_init(&out, op);
	out.hdr.arg[0] = a0;
	out.hdr.arg[1] = a1;
	out.hdr.arg[2] = a2;
	if (tn_call(&out, &rep) < 0)
		return -1;
	return tn_done(&rep);
}

/* A call whose one argument is a string (NULL allowed). */
static long tn_call_str(unsigned int op, const char *s)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	size_t n = s ? strlen(s) + 1 : 0;

	if (n > TN_RPC_MAX_PATH)
		return tn_fail(ENAMETOOLONG);
	tn_rpc_out_init(&out, op);
	tn_rpc_out_blob(&out, s, n);
	if (tn_call(&out, &rep) < 0)
		return -1;
	return tn_done(&rep);
}

/* ---- Stacks and tasks live in the daemon ---- */

struct tn_stack *tn_stack_create(const struct tn_stack_config *cfg)
{
	(void)cfg;
	errno = ENOSYS;
	return NULL;
}

void tn_stack_destroy(struct tn_stack *st)
{
	(void)st;
}

void tn_stack_attach(struct tn_stack *st)
{
	(void)st;
}

struct tn_stack *tn_stack_current(void)
{
	return NULL;
}

void tn_stack_get_stats(struct tn_stack *st, struct tn_stack_stats *stats)
{
	(void)st;
	memset(stats, 0, sizeof(*stats));
}

int tn_clock_advance(struct tn_stack *st, uint64_t ns)
{
	(void)st;
	(void)ns;
	return tn_fail(ENOSYS);
}

struct tn_task *tn_task_create(struct tn_stack *st)
{
	(void)st;
	errno = ENOSYS;
	return NULL;
}

struct tn_task *tn_task_clone(struct tn_task *parent, unsigned int flags)
{
	(void)parent;
	(void)flags;
	errno = ENOSYS;
	return NULL;
}

void tn_task_destroy(struct tn_task *task)
{
	(void)task;
}

void tn_task_attach(struct tn_task *task)
{
	(void)task;
}

void tn_task_interrupt(struct tn_task *task)
{
	(void)task;
}

/* The daemon sets a client's limits itself (tuxnetd --nofile). */
int tn_task_set_nofile(struct tn_task *task, unsigned int nofile)
{
	(void)task;
	(void)nofile;
	return tn_fail(ENOSYS);
}

int tn_task_set_cred(struct tn_task *task, uid_t uid, gid_t gid)
{
	(void)task;
	(void)uid;
	(void)gid;
	errno = ENOSYS;
	return -1;
}

/* ---- Network namespaces ---- */

int tn_netns_add(const char *name)
{
	if (!name)
		return tn_fail(EFAULT);
	return (int)tn_call_str(TN_RPC_NETNS_ADD, name);
}

int tn_netns_del(const char *name)
{
	if (!name)
		return tn_fail(EFAULT);
	return (int)tn_call_str(TN_RPC_NETNS_DEL, name);
}

int tn_netns_set(const char *name)
{
	return (int)tn_call_str(TN_RPC_NETNS_SET, name);
}

ssize_t tn_netns_list(char *buf, size_t len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (len > TN_RPC_MAX_DATA)
		len = TN_RPC_MAX_DATA;
	tn_rpc_out_init(&out, TN_RPC_NETNS_LIST);
	out.hdr.arg[0] = (int64_t)len;
	if (tn_call(&out, &rep) < 0)
		return -1;
	tn_take(&rep, 0, buf, len);
	return tn_done(&rep);
}

/* ---- Sockets ---- */

int tn_socket(int domain, int type, int protocol)
{
	return (int)tn_call_simple(TN_RPC_SOCKET, domain, type, protocol);
}

int tn_socketpair(int domain, int type, int protocol, int sv[2])
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!sv)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_SOCKETPAIR);
	out.hdr.arg[0] = domain;
	out.hdr.arg[1] = type;
	out.hdr.arg[2] = protocol;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0) {
		sv[0] = (int)rep.hdr.arg[0];
		sv[1] = (int)rep.hdr.arg[1];
	}
	return (int)tn_done(&rep);
}

static int tn_call_addr(unsigned int op, int fd, const struct sockaddr *addr,
			socklen_t len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (addr && len > TN_RPC_MAX_ADDR)
		return tn_fail(EINVAL);
	tn_rpc_out_init(&out, op);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = len;
	tn_rpc_out_blob(&out, addr, len);
	if (tn_call(&out, &rep) < 0)
		return -1;
	return (int)tn_done(&rep);
}

int tn_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return tn_call_addr(TN_RPC_BIND, fd, addr, len);
}

int tn_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return tn_call_addr(TN_RPC_CONNECT, fd, addr, len);
}

int tn_listen(int fd, int backlog)
{
	return (int)tn_call_simple(TN_RPC_LISTEN, fd, backlog, 0);
}

/*
 * Calls that return a socket address: the daemon gets the capacity (-1 for
 * none wanted) and answers with the address and its full length.
 */
static int tn_call_getaddr(struct tn_rpc_out *out, struct sockaddr *addr,
			   socklen_t *len, unsigned int blob)
{
	struct tn_rpc_msg rep;
	long ret;

	if (tn_call(out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0 && addr && len) {
		tn_take(&rep, blob, addr, *len);
		*len = (socklen_t)rep.hdr.arg[0];
	}
	ret = tn_done(&rep);
	return (int)ret;
}

int tn_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	struct tn_rpc_out out;

	if (addr && !len)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_ACCEPT4);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = flags;
	out.hdr.arg[2] = addr ? (int64_t)(int)*len : -1;
	if (addr && (int)*len < 0)
		return tn_fail(EINVAL);
	return tn_call_getaddr(&out, addr, len, 0);
}

int tn_accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return tn_accept4(fd, addr, len, 0);
}

static int tn_call_name(unsigned int op, int fd, struct sockaddr *addr,
			socklen_t *len)
{
	struct tn_rpc_out out;

	if (!len || (!addr && *len))
		return tn_fail(EFAULT);
	if ((int)*len < 0)
		return tn_fail(EINVAL);
	tn_rpc_out_init(&out, op);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = *len;
	return tn_call_getaddr(&out, addr, len, 0);
}

int tn_getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return tn_call_name(TN_RPC_GETSOCKNAME, fd, addr, len);
}

int tn_getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return tn_call_name(TN_RPC_GETPEERNAME, fd, addr, len);
}

ssize_t tn_sendto(int fd, const void *buf, size_t len, int flags,
		  const struct sockaddr *addr, socklen_t alen)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!buf && len)
		return tn_fail(EFAULT);
	if (addr && alen > TN_RPC_MAX_ADDR)
		return tn_fail(EINVAL);
	if (len > TN_RPC_MAX_DATA)
		len = TN_RPC_MAX_DATA; /* a short write */
	tn_rpc_out_init(&out, TN_RPC_SENDTO);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = flags;
	out.hdr.arg[2] = alen;
	tn_rpc_out_blob(&out, buf ? buf : "", len);
	tn_rpc_out_blob(&out, addr, alen);
	if (tn_call(&out, &rep) < 0)
		return -1;
	return tn_done(&rep);
}

ssize_t tn_send(int fd, const void *buf, size_t len, int flags)
{
	return tn_sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t tn_recvfrom(int fd, void *buf, size_t len, int flags,
		    struct sockaddr *addr, socklen_t *alen)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	/* MSG_TRUNC: TCP discards what it would have copied (no buffer) */
	if (!buf && len && !(flags & MSG_TRUNC))
		return tn_fail(EFAULT);
	if (addr && !alen)
		return tn_fail(EFAULT);
	if (addr && (int)*alen < 0)
		return tn_fail(EINVAL);
	if (len > TN_RPC_MAX_DATA)
		len = TN_RPC_MAX_DATA;
	tn_rpc_out_init(&out, TN_RPC_RECVFROM);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = (int64_t)len;
	out.hdr.arg[2] = flags;
	out.hdr.arg[3] = addr ? (int64_t)*alen : -1;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0) {
		if (buf)
			tn_take(&rep, 0, buf, len);
		if (addr) {
			tn_take(&rep, 1, addr, *alen);
			*alen = (socklen_t)rep.hdr.arg[0];
		}
	}
	return tn_done(&rep);
}

ssize_t tn_recv(int fd, void *buf, size_t len, int flags)
{
	return tn_recvfrom(fd, buf, len, flags, NULL, NULL);
}

ssize_t tn_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	uint64_t *lens = NULL;
	char *data = NULL;
	size_t total = 0, i;
	ssize_t ret;

	if (!msg || (!msg->msg_iov && msg->msg_iovlen))
		return tn_fail(EFAULT);
	if (msg->msg_iovlen > TN_RPC_MAX_IOV)
		return tn_fail(EMSGSIZE);
	if (msg->msg_name && msg->msg_namelen > TN_RPC_MAX_ADDR)
		return tn_fail(EINVAL);
	/* beyond what one call carries: as beyond optmem_max on Linux */
	if (msg->msg_controllen > TN_RPC_MAX_CTRL)
		return tn_fail(ENOBUFS);
	if (!msg->msg_control && msg->msg_controllen)
		return tn_fail(EFAULT);
	lens = calloc(msg->msg_iovlen ? msg->msg_iovlen : 1, sizeof(*lens));
	if (!lens)
		return tn_fail(ENOMEM);
	for (i = 0; i < msg->msg_iovlen; i++) {
		size_t n = msg->msg_iov[i].iov_len;

		if (n && !msg->msg_iov[i].iov_base) {
			free(lens);
			return tn_fail(EFAULT);
		}
		if (n > TN_RPC_MAX_DATA - total)
			n = TN_RPC_MAX_DATA - total; /* a short write */
		lens[i] = n;
		total += n;
	}
	data = malloc(total ? total : 1);
	if (!data) {
		free(lens);
		return tn_fail(ENOMEM);
	}
	for (i = 0, total = 0; i < msg->msg_iovlen; i++) {
		if (lens[i])
			memcpy(data + total, msg->msg_iov[i].iov_base, lens[i]);
		total += lens[i];
	}
	tn_rpc_out_init(&out, TN_RPC_SENDMSG);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = flags;
	out.hdr.arg[2] = msg->msg_namelen;
	out.hdr.arg[3] = (int64_t)msg->msg_controllen;
	tn_rpc_out_blob(&out, msg->msg_name, msg->msg_namelen);
	tn_rpc_out_blob(&out, msg->msg_control, msg->msg_controllen);
	tn_rpc_out_blob(&out, lens, msg->msg_iovlen * sizeof(*lens));
	tn_rpc_out_blob(&out, data, total);
	if (tn_call(&out, &rep) < 0) {
		ret = -1;
	} else {
		ret = tn_done(&rep);
	}
	free(lens);
	free(data);
	return ret;
}

ssize_t tn_recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	uint64_t *lens;
	size_t total = 0, i;
	ssize_t ret;

	if (!msg || (!msg->msg_iov && msg->msg_iovlen))
		return tn_fail(EFAULT);
	if (msg->msg_iovlen > TN_RPC_MAX_IOV)
		return tn_fail(EMSGSIZE);
	lens = calloc(msg->msg_iovlen ? msg->msg_iovlen : 1, sizeof(*lens));
	if (!lens)
		return tn_fail(ENOMEM);
	for (i = 0; i < msg->msg_iovlen; i++) {
		size_t n = msg->msg_iov[i].iov_len;

		if (n && !msg->msg_iov[i].iov_base) {
			free(lens);
			return tn_fail(EFAULT);
		}
		if (n > TN_RPC_MAX_DATA - total)
			n = TN_RPC_MAX_DATA - total;
		lens[i] = n;
		total += n;
	}
	tn_rpc_out_init(&out, TN_RPC_RECVMSG);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = flags;
	out.hdr.arg[2] = msg->msg_name ? (int64_t)msg->msg_namelen : -1;
	out.hdr.arg[3] = msg->msg_control ? (int64_t)msg->msg_controllen : -1;
	tn_rpc_out_blob(&out, lens, msg->msg_iovlen * sizeof(*lens));
	if (tn_call(&out, &rep) < 0) {
		free(lens);
		return -1;
	}
	if (rep.hdr.ret >= 0) {
		const char *p = rep.nblob > 0 ? rep.blob[0].data : NULL;
		size_t left = rep.nblob > 0 ? rep.blob[0].len : 0;

		for (i = 0; p && i < msg->msg_iovlen && left; i++) {
			size_t n = lens[i] < left ? lens[i] : left;

			memcpy(msg->msg_iov[i].iov_base, p, n);
			p += n;
			left -= n;
		}
		if (msg->msg_name)
			tn_take(&rep, 1, msg->msg_name, msg->msg_namelen);
		msg->msg_namelen = (socklen_t)rep.hdr.arg[0];
		if (msg->msg_control)
			tn_take(&rep, 2, msg->msg_control, msg->msg_controllen);
		msg->msg_controllen = (size_t)rep.hdr.arg[1];
		msg->msg_flags = (int)rep.hdr.arg[2];
	}
	ret = tn_done(&rep);
	free(lens);
	return ret;
}

int tn_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if ((int)len < 0)
		return tn_fail(EINVAL);
	if (val && len > TN_RPC_MAX_CTRL)
		return tn_fail(ENOMEM);
	tn_rpc_out_init(&out, TN_RPC_SETSOCKOPT);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = level;
	out.hdr.arg[2] = name;
	out.hdr.arg[3] = len;
	tn_rpc_out_blob(&out, val, len);
	if (tn_call(&out, &rep) < 0)
		return -1;
	return (int)tn_done(&rep);
}

int tn_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!len || (!val && *len))
		return tn_fail(EFAULT);
	if ((int)*len < 0)
		return tn_fail(EINVAL);
	tn_rpc_out_init(&out, TN_RPC_GETSOCKOPT);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = level;
	out.hdr.arg[2] = name;
	out.hdr.arg[3] = *len;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0) {
		if (val)
			tn_take(&rep, 0, val, *len);
		*len = (socklen_t)rep.hdr.arg[0];
	} else if (rep.hdr.arg[1]) { /* an error that set the length */
		*len = (socklen_t)rep.hdr.arg[0];
	}
	return (int)tn_done(&rep);
}

int tn_shutdown(int fd, int how)
{
	return (int)tn_call_simple(TN_RPC_SHUTDOWN, fd, how, 0);
}

int tn_fcntl(int fd, int cmd, long arg)
{
	return (int)tn_call_simple(TN_RPC_FCNTL, fd, cmd, arg);
}

static int tn_ioctl_ifconf(int fd, unsigned long req, struct ifconf *ifc)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!ifc)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_IOCTL);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = (int64_t)req;
	out.hdr.arg[2] = ifc->ifc_len;
	out.hdr.arg[3] = ifc->ifc_buf != NULL;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0) {
		if (ifc->ifc_buf && ifc->ifc_len > 0)
			tn_take(&rep, 0, ifc->ifc_buf, (size_t)ifc->ifc_len);
		ifc->ifc_len = (int)rep.hdr.arg[0];
	}
	return (int)tn_done(&rep);
}

int tn_ioctl(int fd, unsigned long req, void *arg)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	enum tn_rpc_ioc_kind kind;
	uint32_t size;

	kind = tn_rpc_ioctl_kind(req, &size);
	if (kind == TN_IOC_UNKNOWN)
		return tn_fail(ENOTTY);
	if (kind == TN_IOC_IFCONF)
		return tn_ioctl_ifconf(fd, req, arg);
	if (!arg)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_IOCTL);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = (int64_t)req;
	switch (kind) {
	case TN_IOC_IN:
	case TN_IOC_INOUT:
		tn_rpc_out_blob(&out, arg, size);
		break;
	case TN_IOC_STR:
		tn_rpc_out_blob(&out, arg, strnlen(arg, IFNAMSIZ - 1) + 1);
		break;
	case TN_IOC_RTENTRY: {
		const struct rtentry *rt = arg;

		tn_rpc_out_blob(&out, rt, sizeof(*rt));
		tn_rpc_out_blob(
			&out, rt->rt_dev,
			rt->rt_dev ? strnlen(rt->rt_dev, IFNAMSIZ - 1) + 1 : 0);
		break;
	}
	default:
		break;
	}
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0 && (kind == TN_IOC_OUT || kind == TN_IOC_INOUT))
		tn_take(&rep, 0, arg, size);
	return (int)tn_done(&rep);
}

int tn_close(int fd)
{
	return (int)tn_call_simple(TN_RPC_CLOSE, fd, 0, 0);
}

/* ---- Waiting on many ---- */

int tn_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (nfds > TN_RPC_MAX_DATA / sizeof(*fds))
		return tn_fail(EINVAL);
	if (!fds && nfds)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_POLL);
	out.hdr.arg[0] = (int64_t)nfds;
	out.hdr.arg[1] = timeout;
	tn_rpc_out_blob(&out, fds ? (void *)fds : (void *)"",
			nfds * sizeof(*fds));
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0)
		tn_take(&rep, 0, fds, nfds * sizeof(*fds));
	return (int)tn_done(&rep);
}

int tn_select(int nfds, fd_set *rfds, fd_set *wfds, fd_set *efds,
	      struct timeval *timeout)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (nfds < 0)
		return tn_fail(EINVAL);
	tn_rpc_out_init(&out, TN_RPC_SELECT);
	out.hdr.arg[0] = nfds;
	out.hdr.arg[1] = timeout != NULL;
	out.hdr.arg[2] = timeout ? timeout->tv_sec : 0;
	out.hdr.arg[3] = timeout ? timeout->tv_usec : 0;
	tn_rpc_out_blob(&out, rfds, sizeof(fd_set));
	tn_rpc_out_blob(&out, wfds, sizeof(fd_set));
	tn_rpc_out_blob(&out, efds, sizeof(fd_set));
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0) {
		tn_take(&rep, 0, rfds, sizeof(fd_set));
		tn_take(&rep, 1, wfds, sizeof(fd_set));
		tn_take(&rep, 2, efds, sizeof(fd_set));
	}
	if (timeout && rep.hdr.arg[0] == 1) {
		timeout->tv_sec = (time_t)rep.hdr.arg[1];
		timeout->tv_usec = (suseconds_t)rep.hdr.arg[2];
	}
	return (int)tn_done(&rep);
}

int tn_epoll_create1(int flags)
{
	return (int)tn_call_simple(TN_RPC_EPOLL_CREATE1, flags, 0, 0);
}

int tn_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	tn_rpc_out_init(&out, TN_RPC_EPOLL_CTL);
	out.hdr.arg[0] = epfd;
	out.hdr.arg[1] = op;
	out.hdr.arg[2] = fd;
	tn_rpc_out_blob(&out, ev, sizeof(*ev));
	if (tn_call(&out, &rep) < 0)
		return -1;
	return (int)tn_done(&rep);
}

int tn_epoll_wait(int epfd, struct epoll_event *events, int maxevents,
		  int timeout)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	size_t cap;

	if (maxevents > 0 && !events)
		return tn_fail(EFAULT);
	if (maxevents > (int)(TN_RPC_MAX_DATA / sizeof(*events)))
		maxevents = (int)(TN_RPC_MAX_DATA / sizeof(*events));
	cap = maxevents > 0 ? (size_t)maxevents * sizeof(*events) : 0;
	tn_rpc_out_init(&out, TN_RPC_EPOLL_WAIT);
	out.hdr.arg[0] = epfd;
	out.hdr.arg[1] = maxevents;
	out.hdr.arg[2] = timeout;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret > 0)
		tn_take(&rep, 0, events, cap);
	return (int)tn_done(&rep);
}

/* ---- Files ---- */

int tn_open(const char *path, int flags, ...)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;
	mode_t mode = 0;
	size_t n;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (!path)
		return tn_fail(EFAULT);
	n = strlen(path) + 1;
	if (n > TN_RPC_MAX_PATH)
		return tn_fail(ENAMETOOLONG);
	tn_rpc_out_init(&out, TN_RPC_OPEN);
	out.hdr.arg[0] = flags;
	out.hdr.arg[1] = mode;
	tn_rpc_out_blob(&out, path, n);
	if (tn_call(&out, &rep) < 0)
		return -1;
	return (int)tn_done(&rep);
}

/* read() and getdents64(): a count in, bytes back. */
static ssize_t tn_call_read(unsigned int op, int fd, void *buf, size_t len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!buf && len)
		return tn_fail(EFAULT);
	if (len > TN_RPC_MAX_DATA)
		len = TN_RPC_MAX_DATA;
	tn_rpc_out_init(&out, op);
	out.hdr.arg[0] = fd;
	out.hdr.arg[1] = (int64_t)len;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret > 0)
		tn_take(&rep, 0, buf, len);
	return tn_done(&rep);
}

ssize_t tn_read(int fd, void *buf, size_t len)
{
	return tn_call_read(TN_RPC_READ, fd, buf, len);
}

ssize_t tn_getdents64(int fd, void *dirp, size_t count)
{
	return tn_call_read(TN_RPC_GETDENTS64, fd, dirp, count);
}

ssize_t tn_write(int fd, const void *buf, size_t len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!buf && len)
		return tn_fail(EFAULT);
	if (len > TN_RPC_MAX_DATA)
		len = TN_RPC_MAX_DATA;
	tn_rpc_out_init(&out, TN_RPC_WRITE);
	out.hdr.arg[0] = fd;
	tn_rpc_out_blob(&out, buf ? buf : "", len);
	if (tn_call(&out, &rep) < 0)
		return -1;
	return tn_done(&rep);
}

/* ---- Host name ---- */

int tn_gethostname(char *name, size_t len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!name && len)
		return tn_fail(EFAULT);
	if (len > TN_RPC_MAX_PATH)
		len = TN_RPC_MAX_PATH;
	tn_rpc_out_init(&out, TN_RPC_GETHOSTNAME);
	out.hdr.arg[0] = (int64_t)len;
	if (tn_call(&out, &rep) < 0)
		return -1;
	tn_take(&rep, 0, name, len);
	return (int)tn_done(&rep);
}

int tn_sethostname(const char *name, size_t len)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (len > TN_RPC_MAX_PATH)
		return tn_fail(EINVAL);
	if (!name && len)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_SETHOSTNAME);
	tn_rpc_out_blob(&out, name ? name : "", len);
	if (tn_call(&out, &rep) < 0)
		return -1;
	return (int)tn_done(&rep);
}

/* ---- Time ---- */

int tn_clock_gettime(clockid_t clk, struct timespec *ts)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!ts)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_CLOCK_GETTIME);
	out.hdr.arg[0] = clk;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rep.hdr.ret >= 0) {
		ts->tv_sec = (time_t)rep.hdr.arg[0];
		ts->tv_nsec = (long)rep.hdr.arg[1];
	}
	return (int)tn_done(&rep);
}

int tn_nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct tn_rpc_out out;
	struct tn_rpc_msg rep;

	if (!req)
		return tn_fail(EFAULT);
	tn_rpc_out_init(&out, TN_RPC_NANOSLEEP);
	out.hdr.arg[0] = req->tv_sec;
	out.hdr.arg[1] = req->tv_nsec;
	if (tn_call(&out, &rep) < 0)
		return -1;
	if (rem && rep.hdr.ret < 0 && rep.hdr.arg[2]) {
		rem->tv_sec = (time_t)rep.hdr.arg[0];
		rem->tv_nsec = (long)rep.hdr.arg[1];
	}
	return (int)tn_done(&rep);
}
