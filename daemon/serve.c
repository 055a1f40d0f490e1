// SPDX-License-Identifier: BSD-2-Clause
/*
 * tuxnetd's connections: one thread and one task per client.  The thread
 * reads a request, checks it, makes the tn_* call as the client's task and
 * writes the reply, until the client goes away; then it destroys the task,
 * which closes every fd the client had.
 *
 * Nothing in a request is trusted: every length is checked against the blob
 * that carries it and against the caps of rpc.h before a buffer is made, and
 * a malformed request gets an error reply (EINVAL), never a crash.  Where
 * Linux would copy from a NULL user pointer, the daemon answers EFAULT
 * itself; the stack is handed NULL only where its API documents it (no
 * address wanted from accept or recvfrom, the fd_sets of select, the name
 * of netns_set).
 */
#include "tuxnetd.h"
#include "rpc.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/route.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TN_CONN_SCRATCH 6

/*
 * Limits (tuxnetd options, set before the first connection).  Connections
 * are counted per uid (SO_PEERCRED), as Linux counts a user's processes
 * against RLIMIT_NPROC: one user's idle connections cannot use up every
 * slot, and nobody is cut off for idling.  A connection beyond a limit gets
 * TN_RPC_REFUSED (EAGAIN) and is closed.
 */
static struct tn_conn_limits tn_limits = {
	.max_conns = TN_CONN_MAX_DEFAULT,
	.max_conns_per_uid = TN_CONN_MAX_PER_UID_DEFAULT,
	.nofile = TN_NOFILE_DEFAULT,
};

/**
 * struct tn_conn - one client connection
 * @fd: the UNIX socket
 * @st: the stack
 * @task: the client's task (NULL in the host build)
 * @buf: the request buffer, grown as needed
 * @cap: its size
 * @scratch: buffers of the current call, freed once its reply is sent
 * @nscratch: how many
 * @uid: the client's uid, which its connections are counted against
 * @next: in tn_conns
 */
struct tn_conn {
	int fd;
	struct tn_stack *st;
	struct tn_task *task;
	void *buf;
	size_t cap;
	void *scratch[TN_CONN_SCRATCH];
	unsigned int nscratch;
	bool busy; /* inside a tn_* call: watched for a hang-up */
	bool watch_in; /* ... and for TN_RPC_INTERRUPT while busy */
	bool interrupt; /* to interrupt the call once it sleeps */
	uid_t uid; /* of the client process (SO_PEERCRED) */
	gid_t gid;
	pid_t pid; /* ... and its pid */
	unsigned long nreq; /* requests served: TN_RPC_ATTACH comes first */
	struct tn_proc *proc; /* the process it belongs to, once attached */
	struct tn_conn *proc_next; /* in proc->conns */
	struct tn_conn *next;
};

/**
 * struct tn_proc - a client process: the connections of its threads
 * @pid: its pid (SO_PEERCRED of each connection)
 * @cookie: its token (TN_RPC_ATTACH)
 * @conns: its attached connections, oldest first; their tasks share one fd
 *	table, which the last one to go closes
 * @next: in tn_procs
 *
 * Under tn_procs_lock, which is taken before the stack lock: a connection
 * leaves its process before its task is destroyed, so the tasks of @conns
 * are alive while the lock is held.
 */
struct tn_proc {
	pid_t pid;
	uint64_t cookie;
	struct tn_conn *conns;
	struct tn_proc *next;
};

static pthread_mutex_t tn_procs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tn_proc *tn_procs;

/*
 * struct tn_fork - the fd table copied for a child that has not claimed it
 * yet (TN_RPC_FORK); the client claims it right after fork().  At most
 * TN_FORKS_MAX wait (a child that died first): the oldest go.
 */
struct tn_fork {
	uint64_t ticket;
	struct tn_task *task;
	uid_t uid;
	pid_t ppid;
	struct tn_fork *next;
};

#define TN_FORKS_MAX 64
static struct tn_fork *tn_forks; /* newest first, under tn_procs_lock */
static unsigned int tn_nforks;

static pthread_mutex_t tn_conns_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t tn_conns_gone = PTHREAD_COND_INITIALIZER;
static struct tn_conn *tn_conns;
static int tn_nconns;

/*
 * The watcher: a client that dies while its call is blocked in the stack
 * (recv, poll ...) would hold its task and files until the call returns,
 * which may be never.  One thread polls the sockets of busy connections for
 * a hang-up and interrupts the task's call, as a signal would.
 */
static pthread_once_t tn_watch_once = PTHREAD_ONCE_INIT;
static int tn_watch_pipe[2] = { -1, -1 };

static void tn_watch_poke(void)
{
	char b = 0;

	if (tn_watch_pipe[1] >= 0 && write(tn_watch_pipe[1], &b, 1) < 0)
		(void)0; /* full: the watcher will look anyway */
}

static void tn_conn_set_busy(struct tn_conn *c, bool busy)
{
	pthread_mutex_lock(&tn_conns_lock);
	c->busy = busy;
	c->watch_in = busy;
	c->interrupt = false;
	pthread_mutex_unlock(&tn_conns_lock);
	if (busy)
		tn_watch_poke();
}

/*
 * tn_watch_read_interrupt - a busy client sent something: if it is the
 * interrupt message, take it and interrupt the call, as a signal would.
 * Anything else waits for the serving thread; stop watching for input.
 * Context: tn_conns_lock held, @c busy (its thread is not reading).
 */
static void tn_watch_read_interrupt(struct tn_conn *c)
{
	struct tn_rpc_hdr h;
	ssize_t n = recv(c->fd, &h, sizeof(h), MSG_PEEK | MSG_DONTWAIT);

	/* Exactly what tn_rpc_parse() would take for one. */
	if (n == (ssize_t)sizeof(h) && h.op == TN_RPC_INTERRUPT &&
	    h.len == sizeof(h) && h.nblob == 0 && h.version == TN_RPC_VERSION &&
	    recv(c->fd, &h, sizeof(h), MSG_DONTWAIT) == (ssize_t)sizeof(h)) {
		c->interrupt = true;
		return;
	}
	if (n > 0)
		c->watch_in = false;
}

static void *tn_watch_thread(void *arg)
{
	size_t max = tn_limits.max_conns + 1;
	struct pollfd *pfd = calloc(max, sizeof(*pfd));
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	struct tn_conn **owner = calloc(max, sizeof(*owner));

	(void)arg;
	if (!pfd || !owner) {
		fprintf(stderr, "tuxnetd: no memory for the watcher\n");
		abort();
	}
	for (;;) {
		struct tn_conn *c;
		nfds_t n = 1, i;
		char drain[64];
		bool pending = false;

		pfd[0].fd = tn_watch_pipe[0];
		pfd[0].events = POLLIN;
		pthread_mutex_lock(&tn_conns_lock);
		for (c = tn_conns; c && n < max; c = c->next) {
			if (!c->busy || !c->task)
				continue;
			/*
			 * tn_task_interrupt() ends a sleep; a call not asleep
			 * yet is tried again shortly, until it ends.
			 */
			if (c->interrupt) {
				tn_task_interrupt(c->task);
				pending = true;
			}
			pfd[n].fd = c->fd;
			pfd[n].events = POLLRDHUP | (c->watch_in ? POLLIN : 0);
			owner[n++] = c;
		}
		pthread_mutex_unlock(&tn_conns_lock);
		/* Polling, not sleeping: recheck now and then for new calls. */
		if (poll(pfd, n, pending ? 10 : 1000) < 0 && errno != EINTR)
			continue;
		if (pfd[0].revents & POLLIN)
			while (read(tn_watch_pipe[0], drain, sizeof(drain)) ==
			       (ssize_t)sizeof(drain))
				;
		pthread_mutex_lock(&tn_conns_lock);
		for (i = 1; i < n; i++) {
			if (!pfd[i].revents)
				continue;
			/* Still there and still in its call? */
			for (c = tn_conns; c && c != owner[i]; c = c->next)
				;
			if (!c || !c->busy)
				continue;
			if (pfd[i].revents & (POLLRDHUP | POLLHUP | POLLERR))
				c->interrupt = true;
			else if (pfd[i].revents & POLLIN)
				tn_watch_read_interrupt(c);
			if (c->interrupt)
				tn_task_interrupt(c->task);
		}
		pthread_mutex_unlock(&tn_conns_lock);
	}
	return NULL;
}

static void tn_watch_start(void)
{
	pthread_t tid;

	if (pipe2(tn_watch_pipe, O_CLOEXEC | O_NONBLOCK))
		return;
	if (pthread_create(&tid, NULL, tn_watch_thread, NULL)) {
		close(tn_watch_pipe[0]);
		close(tn_watch_pipe[1]);
		tn_watch_pipe[0] = tn_watch_pipe[1] = -1;
		return;
	}
	pthread_detach(tid);
}

/* Zeroed memory for the current call; NULL (errno ENOMEM) if none left. */
static void *tn_scratch(struct tn_conn *c, size_t len)
{
	void *p;

	if (c->nscratch >= TN_CONN_SCRATCH) {
		errno = ENOMEM;
		return NULL;
	}
	p = calloc(1, len ? len : 1);
	if (!p) {
		errno = ENOMEM;
		return NULL;
	}
	c->scratch[c->nscratch++] = p;
	return p;
}

static void tn_scratch_free(struct tn_conn *c)
{
	while (c->nscratch)
		free(c->scratch[--c->nscratch]);
}

static long tn_bad(int err)
{
	errno = err;
	return -1;
}

/* A NUL-terminated string of at most @max bytes, or NULL (errno set). */
static const char *tn_blob_str(const struct tn_rpc_view *v, size_t max)
{
	if (!v->data || !v->len || v->len > max ||
	    !memchr(v->data, '\0', v->len)) {
		errno = v->len > max ? ENAMETOOLONG : EINVAL;
		return NULL;
	}
	return v->data;
}

static size_t tn_min(size_t a, size_t b)
{
	return a < b ? a : b;
}

typedef long (*tn_handler_t)(struct tn_conn *c, const struct tn_rpc_msg *m,
			     struct tn_rpc_out *r);

/* ---- Namespaces ---- */

static long tn_h_netns_add(struct tn_conn *c, const struct tn_rpc_msg *m,
			   struct tn_rpc_out *r)
{
	const char *name = tn_blob_str(&m->blob[0], TN_RPC_MAX_PATH);

	(void)c;
	(void)r;
	if (m->nblob != 1 || !name)
		return tn_bad(m->nblob != 1 ? EINVAL : errno);
	return m->hdr.op == TN_RPC_NETNS_ADD ? tn_netns_add(name)
					     : tn_netns_del(name);
}

static long tn_h_netns_set(struct tn_conn *c, const struct tn_rpc_msg *m,
			   struct tn_rpc_out *r)
{
	const char *name = NULL;

	(void)c;
	(void)r;
	if (m->nblob != 1)
		return tn_bad(EINVAL);
	if (m->blob[0].data) {
		name = tn_blob_str(&m->blob[0], TN_RPC_MAX_PATH);
		if (!name)
			return -1;
	}
	return tn_netns_set(name);
}

static long tn_h_netns_list(struct tn_conn *c, const struct tn_rpc_msg *m,
			    struct tn_rpc_out *r)
{
	int64_t len = m->hdr.arg[0];
	char *buf;
	ssize_t ret;

	if (m->nblob || len < 0 || len > TN_RPC_MAX_DATA)
		return tn_bad(EINVAL);
	buf = tn_scratch(c, (size_t)len);
	if (!buf)
		return -1;
	ret = tn_netns_list(buf, (size_t)len);
	if (ret > 0)
		tn_rpc_out_blob(r, buf, tn_min((size_t)ret, (size_t)len));
	return ret;
}

/* ---- Sockets ---- */

static long tn_h_socket(struct tn_conn *c, const struct tn_rpc_msg *m,
			struct tn_rpc_out *r)
{
	int sv[2] = { -1, -1 };
	int ret;

	(void)c;
	if (m->nblob)
		return tn_bad(EINVAL);
	if (m->hdr.op == TN_RPC_SOCKET)
		return tn_socket((int)m->hdr.arg[0], (int)m->hdr.arg[1],
				 (int)m->hdr.arg[2]);
	ret = tn_socketpair((int)m->hdr.arg[0], (int)m->hdr.arg[1],
			    (int)m->hdr.arg[2], sv);
	r->hdr.arg[0] = sv[0];
	r->hdr.arg[1] = sv[1];
	return ret;
}

static long tn_h_bind(struct tn_conn *c, const struct tn_rpc_msg *m,
		      struct tn_rpc_out *r)
{
	const struct tn_rpc_view *a = &m->blob[0];
	int fd = (int)m->hdr.arg[0];
	void *addr = a->data;

	(void)r;
	if (m->nblob != 1 || a->len > TN_RPC_MAX_ADDR)
		return tn_bad(EINVAL);
	if (!addr) {
		/* As Linux: no address and a length is a fault... */
		if (m->hdr.arg[1])
			return tn_bad(EFAULT);
		/* ... and none, an empty address (never NULL to the stack). */
		addr = tn_scratch(c, sizeof(struct sockaddr_storage));
		if (!addr)
			return -1;
	}
	if (m->hdr.op == TN_RPC_BIND)
		return tn_bind(fd, addr, a->len);
	return tn_connect(fd, addr, a->len);
}

static long tn_h_simple(struct tn_conn *c, const struct tn_rpc_msg *m,
			struct tn_rpc_out *r)
{
	const int64_t *a = m->hdr.arg;

	(void)c;
	(void)r;
	if (m->nblob)
		return tn_bad(EINVAL);
	switch (m->hdr.op) {
	case TN_RPC_LISTEN:
		return tn_listen((int)a[0], (int)a[1]);
	case TN_RPC_SHUTDOWN:
		return tn_shutdown((int)a[0], (int)a[1]);
	case TN_RPC_CLOSE:
		return tn_close((int)a[0]);
	case TN_RPC_FCNTL:
		return tn_fcntl((int)a[0], (int)a[1], (long)a[2]);
	case TN_RPC_EPOLL_CREATE1:
		return tn_epoll_create1((int)a[0]);
	}
	return tn_bad(ENOSYS);
}

/*
 * accept4, getsockname, getpeername: @want is the client's capacity for the
 * address (-1: none).  The reply holds the address and its full length.
 */
static long tn_h_getaddr(struct tn_conn *c, const struct tn_rpc_msg *m,
			 struct tn_rpc_out *r)
{
	int fd = (int)m->hdr.arg[0];
	int64_t want =
		m->hdr.op == TN_RPC_ACCEPT4 ? m->hdr.arg[2] : m->hdr.arg[1];
	struct sockaddr *addr = NULL;
	socklen_t cap = 0, len = 0;
	long ret;

	if (m->nblob || want < -1 || want > INT32_MAX ||
	    (want < 0 && m->hdr.op != TN_RPC_ACCEPT4))
		return tn_bad(EINVAL);
	if (want >= 0) {
		cap = (socklen_t)tn_min((size_t)want, TN_RPC_MAX_ADDR);
		addr = tn_scratch(c, cap);
		if (!addr)
			return -1;
		len = cap;
	}
	switch (m->hdr.op) {
	case TN_RPC_ACCEPT4:
		ret = tn_accept4(fd, addr, addr ? &len : NULL,
				 (int)m->hdr.arg[1]);
		break;
	case TN_RPC_GETSOCKNAME:
		ret = tn_getsockname(fd, addr, &len);
		break;
	default:
		ret = tn_getpeername(fd, addr, &len);
		break;
	}
	if (ret >= 0 && addr) {
		tn_rpc_out_blob(r, addr, tn_min(len, cap));
		r->hdr.arg[0] = len;
	}
	return ret;
}

static long tn_h_sendto(struct tn_conn *c, const struct tn_rpc_msg *m,
			struct tn_rpc_out *r)
{
	const struct tn_rpc_view *d = &m->blob[0], *a = &m->blob[1];
	int fd = (int)m->hdr.arg[0], flags = (int)m->hdr.arg[1];

	(void)c;
	(void)r;
	if (m->nblob != 2 || d->len > TN_RPC_MAX_DATA ||
	    a->len > TN_RPC_MAX_ADDR)
		return tn_bad(EINVAL);
	/* As Linux: without an address, the length given with it is moot. */
	if (!a->data)
		return tn_send(fd, d->data ? d->data : "", d->len, flags);
	return tn_sendto(fd, d->data ? d->data : "", d->len, flags, a->data,
			 a->len);
}

static long tn_h_recvfrom(struct tn_conn *c, const struct tn_rpc_msg *m,
			  struct tn_rpc_out *r)
{
	int fd = (int)m->hdr.arg[0], flags = (int)m->hdr.arg[2];
	int64_t len = m->hdr.arg[1], want = m->hdr.arg[3];
	struct sockaddr *addr = NULL;
	socklen_t cap = 0, alen = 0;
	void *buf;
	long ret;

	if (m->nblob || len < 0 || len > TN_RPC_MAX_DATA || want < -1 ||
	    want > INT32_MAX)
		return tn_bad(EINVAL);
	buf = tn_scratch(c, (size_t)len);
	if (!buf)
		return -1;
	if (want < 0) {
		ret = tn_recv(fd, buf, (size_t)len, flags);
	} else {
		cap = (socklen_t)tn_min((size_t)want, TN_RPC_MAX_ADDR);
		addr = tn_scratch(c, cap);
		if (!addr)
			return -1;
		alen = cap;
		ret = tn_recvfrom(fd, buf, (size_t)len, flags, addr, &alen);
	}
	if (ret >= 0) {
		tn_rpc_out_blob(r, buf, tn_min((size_t)ret, (size_t)len));
		tn_rpc_out_blob(r, addr, tn_min(alen, cap));
		r->hdr.arg[0] = alen;
	}
	return ret;
}

/*
 * Rebuilds an iovec array from a blob of uint64_t lengths over @data
 * (sendmsg) or over a fresh buffer (recvmsg, @data NULL).
 */
static struct iovec *tn_iov_build(struct tn_conn *c,
				  const struct tn_rpc_view *lv, char *data,
				  size_t datalen, size_t *niov, char **bufp,
				  size_t *totalp)
{
	const char *p = lv->data;
	struct iovec *iov;
	size_t n, i, total = 0;

	if ((lv->len % sizeof(uint64_t)) ||
	    lv->len / sizeof(uint64_t) > TN_RPC_MAX_IOV) {
		errno = EINVAL;
		return NULL;
	}
	n = lv->len / sizeof(uint64_t);
	for (i = 0; i < n; i++) {
		uint64_t l;

		memcpy(&l, p + i * sizeof(l), sizeof(l));
		if (l > TN_RPC_MAX_DATA - total) {
			errno = EINVAL;
			return NULL;
		}
		total += (size_t)l;
	}
	if (data && total != datalen) {
		errno = EINVAL;
		return NULL;
	}
	if (!data) {
		data = tn_scratch(c, total);
		if (!data)
			return NULL;
	}
	iov = tn_scratch(c, (n ? n : 1) * sizeof(*iov));
	if (!iov)
		return NULL;
	for (i = 0, total = 0; i < n; i++) {
		uint64_t l;

		memcpy(&l, p + i * sizeof(l), sizeof(l));
		iov[i].iov_base = data + total;
		iov[i].iov_len = (size_t)l;
		total += (size_t)l;
	}
	*niov = n;
	*bufp = data;
	*totalp = total;
	return iov;
}

static long tn_h_sendmsg(struct tn_conn *c, const struct tn_rpc_msg *m,
			 struct tn_rpc_out *r)
{
	const struct tn_rpc_view *name = &m->blob[0], *ctl = &m->blob[1];
	struct msghdr mh = { 0 };
	size_t total;
	char *data;

	(void)r;
	if (m->nblob != 4 || name->len > TN_RPC_MAX_ADDR ||
	    ctl->len > TN_RPC_MAX_CTRL)
		return tn_bad(EINVAL);
	mh.msg_iov = tn_iov_build(
		c, &m->blob[2], m->blob[3].data ? m->blob[3].data : (char *)"",
		m->blob[3].len, &mh.msg_iovlen, &data, &total);
	if (!mh.msg_iov)
		return -1;
	mh.msg_name = name->data;
	mh.msg_namelen = name->len;
	mh.msg_control = ctl->data;
	mh.msg_controllen = ctl->len;
	return tn_sendmsg((int)m->hdr.arg[0], &mh, (int)m->hdr.arg[1]);
}

static long tn_h_recvmsg(struct tn_conn *c, const struct tn_rpc_msg *m,
			 struct tn_rpc_out *r)
{
	int64_t namecap = m->hdr.arg[2], ctlcap = m->hdr.arg[3];
	struct msghdr mh = { 0 };
	size_t total;
	char *data;
	long ret;

	if (m->nblob != 1 || namecap < -1 || ctlcap < -1 || namecap > INT32_MAX)
		return tn_bad(EINVAL);
	mh.msg_iov = tn_iov_build(c, &m->blob[0], NULL, 0, &mh.msg_iovlen,
				  &data, &total);
	if (!mh.msg_iov)
		return -1;
	if (namecap >= 0) {
		mh.msg_namelen =
			(socklen_t)tn_min((size_t)namecap, TN_RPC_MAX_ADDR);
		mh.msg_name = tn_scratch(c, mh.msg_namelen);
		if (!mh.msg_name)
			return -1;
	}
	if (ctlcap >= 0) {
		mh.msg_controllen = tn_min((size_t)ctlcap, TN_RPC_MAX_CTRL);
		mh.msg_control = tn_scratch(c, mh.msg_controllen);
		if (!mh.msg_control)
			return -1;
	}
	namecap = mh.msg_namelen;
	ctlcap = (int64_t)mh.msg_controllen;
	ret = tn_recvmsg((int)m->hdr.arg[0], &mh, (int)m->hdr.arg[1]);
	if (ret >= 0) {
		tn_rpc_out_blob(r, data, tn_min((size_t)ret, total));
		tn_rpc_out_blob(r, mh.msg_name,
				tn_min(mh.msg_namelen, (size_t)namecap));
		tn_rpc_out_blob(r, mh.msg_control,
				tn_min(mh.msg_controllen, (size_t)ctlcap));
		r->hdr.arg[0] = mh.msg_namelen;
		r->hdr.arg[1] = (int64_t)mh.msg_controllen;
		r->hdr.arg[2] = mh.msg_flags;
	}
	return ret;
}

static long tn_h_setsockopt(struct tn_conn *c, const struct tn_rpc_msg *m,
			    struct tn_rpc_out *r)
{
	const struct tn_rpc_view *v = &m->blob[0];
	const void *val = v->data ? v->data : "";

	(void)c;
	(void)r;
	if (m->nblob != 1 || v->len > TN_RPC_MAX_CTRL)
		return tn_bad(EINVAL);
	if (!v->data && m->hdr.arg[3])
		return tn_bad(EFAULT);
	return tn_setsockopt((int)m->hdr.arg[0], (int)m->hdr.arg[1],
			     (int)m->hdr.arg[2], val, v->len);
}

static long tn_h_getsockopt(struct tn_conn *c, const struct tn_rpc_msg *m,
			    struct tn_rpc_out *r)
{
	int64_t want = m->hdr.arg[3];
	socklen_t cap, len;
	void *val;
	long ret;

	if (m->nblob || want < 0 || want > INT32_MAX)
		return tn_bad(EINVAL);
	cap = (socklen_t)tn_min((size_t)want, TN_RPC_MAX_CTRL);
	val = tn_scratch(c, cap);
	if (!val)
		return -1;
	len = cap;
	ret = tn_getsockopt((int)m->hdr.arg[0], (int)m->hdr.arg[1],
			    (int)m->hdr.arg[2], val, &len);
	if (ret >= 0)
		tn_rpc_out_blob(r, val, tn_min(len, cap));
	/* the length, which an error may have set too (TCP_SAVED_SYN) */
	r->hdr.arg[0] = len;
	r->hdr.arg[1] = 1;
	return ret;
}

static long tn_h_ioctl_ifconf(struct tn_conn *c, const struct tn_rpc_msg *m,
			      struct tn_rpc_out *r, unsigned long req)
{
	struct ifconf ifc = { 0 };
	int64_t len = m->hdr.arg[2];
	size_t cap = 0;
	long ret;

	if (m->nblob || len > INT32_MAX || len < INT32_MIN)
		return tn_bad(EINVAL);
	if (m->hdr.arg[3]) {
		cap = len < 0 ? 0 : tn_min((size_t)len, TN_RPC_MAX_DATA);
		ifc.ifc_buf = tn_scratch(c, cap);
		if (!ifc.ifc_buf)
			return -1;
	}
	ifc.ifc_len = ifc.ifc_buf ? (int)cap : (int)len;
	ret = tn_ioctl((int)m->hdr.arg[0], req, &ifc);
	if (ret >= 0) {
		if (ifc.ifc_buf)
			tn_rpc_out_blob(
				r, ifc.ifc_buf,
				ifc.ifc_len > 0
					? tn_min((size_t)ifc.ifc_len, cap)
					: 0);
		r->hdr.arg[0] = ifc.ifc_len;
	}
	return ret;
}

static long tn_h_ioctl(struct tn_conn *c, const struct tn_rpc_msg *m,
		       struct tn_rpc_out *r)
{
	unsigned long req = (unsigned long)m->hdr.arg[1];
	int fd = (int)m->hdr.arg[0];
	const struct tn_rpc_view *v = &m->blob[0];
	enum tn_rpc_ioc_kind kind;
	struct rtentry rt;
	uint32_t size;
	char *arg;
	long ret;

	kind = tn_rpc_ioctl_kind(req, &size);
	switch (kind) {
	case TN_IOC_UNKNOWN:
		return tn_bad(ENOTTY);
	case TN_IOC_IFCONF:
		return tn_h_ioctl_ifconf(c, m, r, req);
	case TN_IOC_IN:
	case TN_IOC_INOUT:
		if (m->nblob != 1 || !v->data || v->len != size)
			return tn_bad(EINVAL);
		break;
	case TN_IOC_OUT:
		if (m->nblob)
			return tn_bad(EINVAL);
		break;
	case TN_IOC_STR:
		if (m->nblob != 1 || !tn_blob_str(v, IFNAMSIZ))
			return tn_bad(EINVAL);
		break;
	case TN_IOC_RTENTRY:
		if (m->nblob != 2 || !v->data || v->len != sizeof(rt) ||
		    (m->blob[1].data && !tn_blob_str(&m->blob[1], IFNAMSIZ)))
			return tn_bad(EINVAL);
		memcpy(&rt, v->data, sizeof(rt));
		rt.rt_dev = NULL;
		if (m->blob[1].data) {
			rt.rt_dev = tn_scratch(c, IFNAMSIZ);
			if (!rt.rt_dev)
				return -1;
			memcpy(rt.rt_dev, m->blob[1].data, m->blob[1].len);
		}
		return tn_ioctl(fd, req, &rt);
	}
	arg = tn_scratch(c, size);
	if (!arg)
		return -1;
	if (v->data)
		memcpy(arg, v->data, v->len);
	ret = tn_ioctl(fd, req, arg);
	if (ret >= 0 && (kind == TN_IOC_OUT || kind == TN_IOC_INOUT))
		tn_rpc_out_blob(r, arg, size);
	return ret;
}

/* ---- Waiting on many ---- */

static long tn_h_poll(struct tn_conn *c, const struct tn_rpc_msg *m,
		      struct tn_rpc_out *r)
{
	int64_t nfds = m->hdr.arg[0];
	struct pollfd *fds;
	long ret;

	if (m->nblob != 1 || nfds < 0 ||
	    nfds > (int64_t)(TN_RPC_MAX_DATA / sizeof(*fds)) ||
	    m->blob[0].len != (size_t)nfds * sizeof(*fds))
		return tn_bad(EINVAL);
	fds = tn_scratch(c, m->blob[0].len);
	if (!fds)
		return -1;
	if (nfds)
		memcpy(fds, m->blob[0].data, m->blob[0].len);
	ret = tn_poll(fds, (nfds_t)nfds, (int)m->hdr.arg[1]);
	if (ret >= 0)
		tn_rpc_out_blob(r, fds, m->blob[0].len);
	return ret;
}

static long tn_h_select(struct tn_conn *c, const struct tn_rpc_msg *m,
			struct tn_rpc_out *r)
{
	fd_set *sets[3] = { NULL, NULL, NULL };
	struct timeval tv, *tvp = NULL;
	int64_t nfds = m->hdr.arg[0];
	unsigned int i;
	long ret;

	if (m->nblob != 3 || nfds < 0)
		return tn_bad(EINVAL);
	if (nfds > FD_SETSIZE)
		nfds = FD_SETSIZE;
	for (i = 0; i < 3; i++) {
		const struct tn_rpc_view *v = &m->blob[i];

		if (!v->data)
			continue;
		if (v->len != sizeof(fd_set))
			return tn_bad(EINVAL);
		sets[i] = tn_scratch(c, sizeof(fd_set));
		if (!sets[i])
			return -1;
		memcpy(sets[i], v->data, sizeof(fd_set));
	}
	if (m->hdr.arg[1]) {
		tv.tv_sec = (time_t)m->hdr.arg[2];
		tv.tv_usec = (suseconds_t)m->hdr.arg[3];
		tvp = &tv;
	}
	ret = tn_select((int)nfds, sets[0], sets[1], sets[2], tvp);
	for (i = 0; i < 3; i++)
		tn_rpc_out_blob(r, sets[i], sizeof(fd_set));
	if (tvp) {
		r->hdr.arg[0] = 1;
		r->hdr.arg[1] = tv.tv_sec;
		r->hdr.arg[2] = tv.tv_usec;
	}
	return ret;
}

static long tn_h_epoll_ctl(struct tn_conn *c, const struct tn_rpc_msg *m,
			   struct tn_rpc_out *r)
{
	const struct tn_rpc_view *v = &m->blob[0];
	struct epoll_event ev, *evp = NULL;

	(void)c;
	(void)r;
	if (m->nblob != 1 || (v->data && v->len != sizeof(ev)))
		return tn_bad(EINVAL);
	if (!v->data && m->hdr.arg[1] != EPOLL_CTL_DEL)
		return tn_bad(EFAULT);
	if (v->data) {
		memcpy(&ev, v->data, sizeof(ev));
		evp = &ev;
	}
	return tn_epoll_ctl((int)m->hdr.arg[0], (int)m->hdr.arg[1],
			    (int)m->hdr.arg[2], evp);
}

static long tn_h_epoll_wait(struct tn_conn *c, const struct tn_rpc_msg *m,
			    struct tn_rpc_out *r)
{
	int64_t max = m->hdr.arg[1];
	struct epoll_event *ev;
	long ret;

	if (m->nblob || max > (int64_t)(TN_RPC_MAX_DATA / sizeof(*ev)) ||
	    max < INT32_MIN)
		return tn_bad(EINVAL);
	ev = tn_scratch(c, max > 0 ? (size_t)max * sizeof(*ev) : 0);
	if (!ev)
		return -1;
	ret = tn_epoll_wait((int)m->hdr.arg[0], ev, (int)max,
			    (int)m->hdr.arg[2]);
	if (ret > 0)
		tn_rpc_out_blob(r, ev,
				tn_min((size_t)ret, (size_t)max) * sizeof(*ev));
	return ret;
}

/* ---- Files ---- */

static long tn_h_open(struct tn_conn *c, const struct tn_rpc_msg *m,
		      struct tn_rpc_out *r)
{
	const char *path = tn_blob_str(&m->blob[0], TN_RPC_MAX_PATH);

	(void)c;
	(void)r;
	if (m->nblob != 1 || !path)
		return tn_bad(m->nblob != 1 ? EINVAL : errno);
	return tn_open(path, (int)m->hdr.arg[0], (int)m->hdr.arg[1]);
}

static long tn_h_read(struct tn_conn *c, const struct tn_rpc_msg *m,
		      struct tn_rpc_out *r)
{
	int64_t len = m->hdr.arg[1];
	void *buf;
	long ret;

	if (m->nblob || len < 0 || len > TN_RPC_MAX_DATA)
		return tn_bad(EINVAL);
	buf = tn_scratch(c, (size_t)len);
	if (!buf)
		return -1;
	if (m->hdr.op == TN_RPC_READ)
		ret = tn_read((int)m->hdr.arg[0], buf, (size_t)len);
	else
		ret = tn_getdents64((int)m->hdr.arg[0], buf, (size_t)len);
	if (ret > 0)
		tn_rpc_out_blob(r, buf, tn_min((size_t)ret, (size_t)len));
	return ret;
}

static long tn_h_write(struct tn_conn *c, const struct tn_rpc_msg *m,
		       struct tn_rpc_out *r)
{
	const struct tn_rpc_view *d = &m->blob[0];

	(void)c;
	(void)r;
	if (m->nblob != 1 || d->len > TN_RPC_MAX_DATA)
		return tn_bad(EINVAL);
	return tn_write((int)m->hdr.arg[0], d->data ? d->data : "", d->len);
}

/* ---- Host name, time ---- */

static long tn_h_gethostname(struct tn_conn *c, const struct tn_rpc_msg *m,
			     struct tn_rpc_out *r)
{
	int64_t len = m->hdr.arg[0];
	char *buf;
	long ret;

	if (m->nblob || len < 0 || len > TN_RPC_MAX_PATH)
		return tn_bad(EINVAL);
	buf = tn_scratch(c, (size_t)len + 1);
	if (!buf)
		return -1;
	ret = tn_gethostname(buf, (size_t)len);
	tn_rpc_out_blob(r, buf,
			tn_min(strnlen(buf, (size_t)len) + 1, (size_t)len));
	return ret;
}

static long tn_h_sethostname(struct tn_conn *c, const struct tn_rpc_msg *m,
			     struct tn_rpc_out *r)
{
	const struct tn_rpc_view *d = &m->blob[0];

	(void)c;
	(void)r;
	if (m->nblob != 1 || d->len > TN_RPC_MAX_PATH)
		return tn_bad(EINVAL);
	return tn_sethostname(d->data ? d->data : "", d->len);
}

static long tn_h_clock(struct tn_conn *c, const struct tn_rpc_msg *m,
		       struct tn_rpc_out *r)
{
	struct timespec ts = { 0 }, rem = { 0 };
	long ret;

	(void)c;
	if (m->nblob)
		return tn_bad(EINVAL);
	if (m->hdr.op == TN_RPC_CLOCK_GETTIME) {
		ret = tn_clock_gettime((clockid_t)m->hdr.arg[0], &ts);
		r->hdr.arg[0] = ts.tv_sec;
		r->hdr.arg[1] = ts.tv_nsec;
		return ret;
	}
	ts.tv_sec = (time_t)m->hdr.arg[0];
	ts.tv_nsec = (long)m->hdr.arg[1];
	ret = tn_nanosleep(&ts, &rem);
	if (ret < 0) {
		r->hdr.arg[0] = rem.tv_sec;
		r->hdr.arg[1] = rem.tv_nsec;
		r->hdr.arg[2] = 1;
	}
	return ret;
}

/* The parent of @pid, from /proc/PID/stat; -1 if it cannot be read. */
static pid_t tn_ppid(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	int ppid = -1;

	(void)snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f)) {
		p = strrchr(buf, ')'); /* the name may hold anything */
		if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
			ppid = -1;
	}
	(void)fclose(f);
	return ppid;
}

/* Takes the copy made for @ticket, if @c is that fork's child. */
static struct tn_task *tn_fork_claim(struct tn_conn *c, uint64_t ticket)
{
	struct tn_fork *f, **fp;
	struct tn_task *t;

	for (fp = &tn_forks; (f = *fp); fp = &f->next)
		if (f->ticket == ticket)
			break;
	if (!f || f->uid != c->uid || tn_ppid(c->pid) != f->ppid)
		return NULL;
	*fp = f->next;
	tn_nforks--;
	t = f->task;
	free(f);
	return t;
}

/* TN_RPC_FORK: a copy of the process's fd table for a child to claim. */
static long tn_h_fork(struct tn_conn *c, const struct tn_rpc_msg *m,
		      struct tn_rpc_out *r)
{
	struct tn_fork *f, **fp;
	uint64_t ticket;

	if (m->nblob || !c->proc)
		return tn_bad(EINVAL);
	if (!c->task)
		return tn_bad(ENOSYS);
	f = calloc(1, sizeof(*f));
	if (!f)
		return tn_bad(ENOMEM);
	while (!f->ticket) {
		if (getrandom(&f->ticket, sizeof(f->ticket), 0) !=
		    (ssize_t)sizeof(f->ticket)) {
			free(f);
			return tn_bad(EAGAIN);
		}
		f->ticket &= INT64_MAX;
	}
	f->task = tn_task_clone(c->task, 0);
	if (!f->task) {
		free(f);
		return tn_bad(ENOMEM);
	}
	f->uid = c->uid;
	f->ppid = c->pid;
	ticket = f->ticket;
	pthread_mutex_lock(&tn_procs_lock);
	f->next = tn_forks;
	tn_forks = f;
	if (++tn_nforks > TN_FORKS_MAX) {
		for (fp = &tn_forks; (*fp)->next; fp = &(*fp)->next)
			;
		f = *fp;
		*fp = NULL;
		tn_nforks--;
		tn_task_destroy(f->task);
		free(f);
	}
	pthread_mutex_unlock(&tn_procs_lock);
	r->hdr.arg[0] = (int64_t)ticket;
	return 0;
}

/* Drops the copies no child claimed (the daemon stops). */
static void tn_forks_free(void)
{
	struct tn_fork *f;

	pthread_mutex_lock(&tn_procs_lock);
	while ((f = tn_forks)) {
		tn_forks = f->next;
		tn_task_destroy(f->task);
		free(f);
	}
	tn_nforks = 0;
	pthread_mutex_unlock(&tn_procs_lock);
}

/*
 * TN_RPC_ATTACH: join the process named by the token, or start it.  Only
 * the same pid may join (SO_PEERCRED, as the daemon sees it: a token alone
 * is not enough), and only as the connection's first request, while its
 * own task is still empty.
 */
static long tn_h_attach(struct tn_conn *c, const struct tn_rpc_msg *m,
			struct tn_rpc_out *r)
{
	uint64_t cookie = (uint64_t)m->hdr.arg[0];
	struct tn_proc *p;
	struct tn_conn **cp;
	long ret = 0;

	(void)r;
	if (m->nblob || c->nreq != 1 || c->proc || !cookie)
		return tn_bad(EINVAL);
	pthread_mutex_lock(&tn_procs_lock);
	for (p = tn_procs; p; p = p->next)
		if (p->pid == c->pid && p->cookie == cookie)
			break;
	if (!p && m->hdr.arg[1] && c->task) {
		/* A forked child: the copy its parent made for it. */
		struct tn_task *t = tn_fork_claim(c, (uint64_t)m->hdr.arg[1]),
			       *old;

		if (!t) {
			pthread_mutex_unlock(&tn_procs_lock);
			return tn_bad(ESRCH);
		}
		tn_task_set_cred(t, c->uid, c->gid);
		pthread_mutex_lock(&tn_conns_lock);
		old = c->task;
		c->task = t;
		pthread_mutex_unlock(&tn_conns_lock);
		tn_task_attach(t);
		tn_task_destroy(old);
	}
	if (p && c->task) {
		/* A thread: a task of its own on the process's fd table. */
		struct tn_task *t = tn_task_clone(p->conns->task,
						  TN_CLONE_FILES),
			       *old;

		if (!t) {
			pthread_mutex_unlock(&tn_procs_lock);
			return tn_bad(ENOMEM);
		}
		tn_task_set_cred(t, c->uid, c->gid);
		pthread_mutex_lock(&tn_conns_lock); /* the watcher reads it */
		old = c->task;
		c->task = t;
		pthread_mutex_unlock(&tn_conns_lock);
		tn_task_attach(t);
		tn_task_destroy(old);
		ret = 1;
	} else if (p) {
		ret = 1;
	} else {
		p = calloc(1, sizeof(*p));
		if (!p) {
			pthread_mutex_unlock(&tn_procs_lock);
			return tn_bad(ENOMEM);
		}
		p->pid = c->pid;
		p->cookie = cookie;
		p->next = tn_procs;
		tn_procs = p;
	}
	for (cp = &p->conns; *cp; cp = &(*cp)->proc_next)
		;
	*cp = c;
	c->proc = p;
	pthread_mutex_unlock(&tn_procs_lock);
	return ret;
}

/* A connection leaves its process; the last one ends it. */
static void tn_proc_leave(struct tn_conn *c)
{
	struct tn_proc *p = c->proc, **pp;
	struct tn_conn **cp;

	if (!p)
		return;
	pthread_mutex_lock(&tn_procs_lock);
	for (cp = &p->conns; *cp; cp = &(*cp)->proc_next) {
		if (*cp == c) {
			*cp = c->proc_next;
			break;
		}
	}
	if (!p->conns) {
		for (pp = &tn_procs; *pp; pp = &(*pp)->next) {
			if (*pp == p) {
				*pp = p->next;
				break;
			}
		}
		free(p);
	}
	c->proc = NULL;
	pthread_mutex_unlock(&tn_procs_lock);
}

static const tn_handler_t tn_handlers[TN_RPC_OP_MAX] = {
	[TN_RPC_NETNS_ADD] = tn_h_netns_add,
	[TN_RPC_NETNS_DEL] = tn_h_netns_add,
	[TN_RPC_NETNS_SET] = tn_h_netns_set,
	[TN_RPC_NETNS_LIST] = tn_h_netns_list,
	[TN_RPC_SOCKET] = tn_h_socket,
	[TN_RPC_SOCKETPAIR] = tn_h_socket,
	[TN_RPC_BIND] = tn_h_bind,
	[TN_RPC_CONNECT] = tn_h_bind,
	[TN_RPC_LISTEN] = tn_h_simple,
	[TN_RPC_ACCEPT4] = tn_h_getaddr,
	[TN_RPC_SENDTO] = tn_h_sendto,
	[TN_RPC_RECVFROM] = tn_h_recvfrom,
	[TN_RPC_SENDMSG] = tn_h_sendmsg,
	[TN_RPC_RECVMSG] = tn_h_recvmsg,
	[TN_RPC_GETSOCKNAME] = tn_h_getaddr,
	[TN_RPC_GETPEERNAME] = tn_h_getaddr,
	[TN_RPC_SETSOCKOPT] = tn_h_setsockopt,
	[TN_RPC_GETSOCKOPT] = tn_h_getsockopt,
	[TN_RPC_SHUTDOWN] = tn_h_simple,
	[TN_RPC_FCNTL] = tn_h_simple,
	[TN_RPC_IOCTL] = tn_h_ioctl,
	[TN_RPC_CLOSE] = tn_h_simple,
	[TN_RPC_POLL] = tn_h_poll,
	[TN_RPC_SELECT] = tn_h_select,
	[TN_RPC_EPOLL_CREATE1] = tn_h_simple,
	[TN_RPC_EPOLL_CTL] = tn_h_epoll_ctl,
	[TN_RPC_EPOLL_WAIT] = tn_h_epoll_wait,
	[TN_RPC_OPEN] = tn_h_open,
	[TN_RPC_READ] = tn_h_read,
	[TN_RPC_WRITE] = tn_h_write,
	[TN_RPC_GETDENTS64] = tn_h_read,
	[TN_RPC_GETHOSTNAME] = tn_h_gethostname,
	[TN_RPC_SETHOSTNAME] = tn_h_sethostname,
	[TN_RPC_CLOCK_GETTIME] = tn_h_clock,
	[TN_RPC_NANOSLEEP] = tn_h_clock,
	[TN_RPC_ATTACH] = tn_h_attach,
	[TN_RPC_FORK] = tn_h_fork,
};

/* Answers one request; a malformed one (@perr) gets -1/@perr. */
static int tn_conn_reply(struct tn_conn *c, const struct tn_rpc_msg *m,
			 int perr)
{
	struct tn_rpc_out r;
	unsigned int op = m->hdr.op;
	long ret;
	int err;

	tn_rpc_out_init(&r, op);
	errno = 0;
	if (perr) {
		ret = tn_bad(perr);
	} else if (op >= TN_RPC_OP_MAX || !tn_handlers[op]) {
		ret = tn_bad(ENOSYS);
	} else {
		tn_conn_set_busy(c, true);
		ret = tn_handlers[op](c, m, &r);
		tn_conn_set_busy(c, false);
	}
	r.hdr.ret = ret;
	if (ret < 0) {
		r.hdr.ret = -1;
		r.hdr.err = errno ? errno : EIO;
	}
	err = tn_rpc_send(c->fd, &r);
	tn_scratch_free(c);
	return err;
}

static void tn_conn_serve(struct tn_conn *c)
{
	for (;;) {
		struct tn_rpc_msg m;
		int err;

		err = tn_rpc_recv(c->fd, &c->buf, &c->cap, &m);
		if (err == -EINVAL) {
			/* Whole but malformed: refuse it, read the next. */
			if (tn_conn_reply(c, &m, EINVAL))
				return;
			continue;
		}
		if (err == -EMSGSIZE) {
			/* Out of step: say why, then hang up. */
			memset(&m, 0, sizeof(m));
			tn_conn_reply(c, &m, EMSGSIZE);
			return;
		}
		if (err)
			return; /* gone, or unreadable */
		if (m.hdr.op == TN_RPC_INTERRUPT)
			continue; /* came after its call had ended */
		c->nreq++;
		if (tn_conn_reply(c, &m, 0))
			return; /* EPIPE: the client died mid-call */
	}
}

static void *tn_conn_thread(void *arg)
{
	struct tn_conn *c = arg, **pp;
	struct ucred cr;
	socklen_t crlen = sizeof(cr);

	if (TN_DAEMON_HAS_STACK) {
		c->task = tn_task_create(c->st);
		if (!c->task) {
			fprintf(stderr, "tuxnetd: cannot make a task: %s\n",
				strerror(errno));
			goto out;
		}
#ifndef TN_DAEMON_HOST
		tn_task_set_nofile(c->task, tn_limits.nofile);
#endif
		/*
		 * The client's task acts as the peer's user and group; its
		 * namespaces and devices count against that user.
		 */
		if (!getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &cr, &crlen))
			tn_task_set_cred(c->task, cr.uid, cr.gid);
		tn_task_attach(c->task);
	}
	tn_conn_serve(c);
	tn_proc_leave(c);
	if (c->task) {
		tn_task_attach(NULL);
		tn_task_destroy(c->task); /* closes the client's fds */
	}
out:
	close(c->fd);
	free(c->buf);
	pthread_mutex_lock(&tn_conns_lock);
	for (pp = &tn_conns; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	if (--tn_nconns == 0)
		pthread_cond_broadcast(&tn_conns_gone);
	pthread_mutex_unlock(&tn_conns_lock);
	free(c);
	return NULL;
}

/**
 * tn_conn_set_limits - the limits of connections and of their tasks
 * @l: the limits; called before the first connection
 */
void tn_conn_set_limits(const struct tn_conn_limits *l)
{
	tn_limits = *l;
}

/*
 * Turns a connection away: the refusal is sent at once (it fits the
 * socket's buffer) and the client reads it as the reply to its first
 * request, whether or not that request reached us before we hung up.
 */
static void tn_conn_refuse(int fd, int err, const char *why)
{
	struct tn_rpc_out r;
	struct msghdr mh;

	tn_rpc_out_init(&r, TN_RPC_REFUSED);
	r.hdr.ret = -1;
	r.hdr.err = err;
	tn_rpc_out_blob(&r, why, strlen(why) + 1);
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = r.iov;
	mh.msg_iovlen = r.niov;
	if (sendmsg(fd, &mh, MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
		(void)0; /* it learns from the hang-up alone */
	close(fd);
}

/**
 * tn_conn_start - serve a newly accepted client in a thread of its own
 * @st: the stack
 * @fd: the connection; owned by the thread from now on
 *
 * Return: 0, or a negative errno (@fd is then closed): -EAGAIN when the
 * client was refused because of a limit (it has been told why).
 */
int tn_conn_start(struct tn_stack *st, int fd)
{
	struct tn_conn *c = calloc(1, sizeof(*c)), *o;
	struct ucred cred = { .uid = (uid_t)-1 };
	socklen_t credlen = sizeof(cred);
	unsigned int mine = 0;
	pthread_attr_t attr;
	pthread_t tid;
	char why[160];
	int err;

	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &credlen) < 0) {
		err = -errno;
		close(fd);
		free(c);
		return err;
	}
	c->fd = fd;
	c->st = st;
	c->uid = cred.uid;
	c->gid = cred.gid;
	c->pid = cred.pid;
	if (TN_DAEMON_HAS_STACK)
		pthread_once(&tn_watch_once, tn_watch_start);
	pthread_mutex_lock(&tn_conns_lock);
	for (o = tn_conns; o; o = o->next)
		mine += o->uid == c->uid;
	why[0] = '\0';
	if ((unsigned int)tn_nconns >= tn_limits.max_conns)
		(void)snprintf(why, sizeof(why),
			       "tuxnetd: too many connections (limit %u)",
			       tn_limits.max_conns);
	else if (mine >= tn_limits.max_conns_per_uid)
		(void)snprintf(
			why, sizeof(why),
			"tuxnetd: too many connections from uid %u (limit %u)",
			(unsigned int)c->uid, tn_limits.max_conns_per_uid);
	if (why[0]) {
		pthread_mutex_unlock(&tn_conns_lock);
		tn_conn_refuse(fd, EAGAIN, why);
		free(c);
		return -EAGAIN;
	}
	c->next = tn_conns;
	tn_conns = c;
	tn_nconns++;
	pthread_mutex_unlock(&tn_conns_lock);

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&tid, &attr, tn_conn_thread, c);
	pthread_attr_destroy(&attr);
	if (err) {
		struct tn_conn **pp;

		pthread_mutex_lock(&tn_conns_lock);
		for (pp = &tn_conns; *pp; pp = &(*pp)->next) {
			if (*pp == c) {
				*pp = c->next;
				break;
			}
		}
		tn_nconns--;
		pthread_mutex_unlock(&tn_conns_lock);
		close(fd);
		free(c);
		return -err;
	}
	return 0;
}

/**
 * tn_conn_shutdown_all - hang up on every client
 *
 * A thread waiting for its client's next request wakes with end-of-stream
 * and ends; one inside a blocking call ends when the call returns.
 */
void tn_conn_shutdown_all(void)
{
	struct tn_conn *c;

	pthread_mutex_lock(&tn_conns_lock);
	for (c = tn_conns; c; c = c->next) {
		shutdown(c->fd, SHUT_RDWR);
		if (c->busy && c->task)
			tn_task_interrupt(c->task);
	}
	pthread_mutex_unlock(&tn_conns_lock);
}

/**
 * tn_conn_wait_all - wait until every connection thread has ended
 * @timeout_ms: how long at most
 *
 * Return: 0, or -ETIMEDOUT with threads still running.
 */
int tn_conn_wait_all(int timeout_ms)
{
	struct timespec end;
	int err = 0;

	clock_gettime(CLOCK_REALTIME, &end);
	end.tv_sec += timeout_ms / 1000;
	end.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&tn_conns_lock);
	while (tn_nconns && !err)
		err = pthread_cond_timedwait(&tn_conns_gone, &tn_conns_lock,
					     &end);
	err = tn_nconns ? -ETIMEDOUT : 0;
	pthread_mutex_unlock(&tn_conns_lock);
	if (!err)
		tn_forks_free();
	return err;
}
