// SPDX-License-Identifier: BSD-2-Clause
/*
 * The system calls of a script, through the backend (tuxnet's tn_* API or
 * libc on the host's kernel: backend.h).  A call
 * is prepared on the main thread (arguments to C values: script fds to
 * stack fds, "..." to the default address or a zeroed buffer, [N] to a
 * pointer to N), invoked on the main thread or, when it may block, on the
 * second one, and checked back on the main thread: the return value and
 * errno exactly, then what the script expects in the outputs (getsockopt's
 * value, poll's revents, epoll_wait's events, recvmsg's control data).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "run.h"

#define PD_DEFAULT_PORT 8080
#define MAX_ITEMS	16

enum call_op {
	OP_SOCKET,
	OP_BIND,
	OP_LISTEN,
	OP_ACCEPT,
	OP_CONNECT,
	OP_READ,
	OP_WRITE,
	OP_SEND,
	OP_SENDTO,
	OP_RECV,
	OP_RECVFROM,
	OP_RECVMSG,
	OP_SENDMSG,
	OP_READV,
	OP_WRITEV,
	OP_CLOSE,
	OP_SHUTDOWN,
	OP_FCNTL,
	OP_IOCTL,
	OP_GETSOCKOPT,
	OP_SETSOCKOPT,
	OP_POLL,
	OP_EPOLL_CREATE,
	OP_EPOLL_CTL,
	OP_EPOLL_WAIT,
};

static const char *const op_names[] = {
	"socket",     "bind",	  "listen",	  "accept",    "connect",
	"read",	      "write",	  "send",	  "sendto",    "recv",
	"recvfrom",   "recvmsg",  "sendmsg",	  "readv",     "writev",
	"close",      "shutdown", "fcntl",	  "ioctl",     "getsockopt",
	"setsockopt", "poll",	  "epoll_create", "epoll_ctl", "epoll_wait",
};

struct pd_call {
	const struct pd_backend *be;
	const struct pd_syscall *sc;
	int line;
	enum call_op op;
	long long a[6]; /* integer arguments, by position */
	/* pointers, by position (NULL where the script says NULL) */
	void *p[6];
	/* what a call fills in; room for any length a script gives */
	union {
		struct sockaddr_in sin;
		struct sockaddr_storage ss;
	} addr;
	socklen_t addrlen;
	void *buf;
	size_t buflen;
	union {
		int ival; /* [N] */
		char raw[1024]; /* what an ioctl or option may write */
	} val;
	socklen_t optlen;
	struct pollfd pfd[MAX_ITEMS];
	struct epoll_event ev[MAX_ITEMS];
	struct msghdr msg;
	struct iovec iov[PD_MAX_IOV];
	char control[256];
	struct sockaddr_in msgname;
	/* result */
	long long ret;
	int err;
};

int pd_live_fd(const struct pd_run *r, long long fd)
{
	if (fd >= 0 && fd < PD_MAX_FDS && r->live_fd[fd] >= 0)
		return r->live_fd[fd];
	return (int)fd;
}

static bool lookup_word(const struct pd_run *r, const char *w, long long *v)
{
	int i;

	for (i = 0; i < r->cfg->ndefines; i++) {
		if (!strcmp(r->cfg->define_sym[i], w)) {
			char *end;

			*v = strtoll(r->cfg->define_val[i], &end, 0);
			return !*end || pd_symbol(r->cfg->define_val[i], v);
		}
	}
	return pd_symbol(w, v);
}

/* An integer expression: a number, a symbol, or an | of them. */
static int int_of(struct pd_run *r, int line, const struct pd_expr *e,
		  long long *v)
{
	long long a, b;

	switch (e->kind) {
	case PD_E_INT:
		*v = e->num;
		return 0;
	case PD_E_WORD:
		if (lookup_word(r, e->str, v))
			return 0;
		pd_fail(r, line, "unknown symbol '%s'", e->str);
		return -1;
	case PD_E_OR:
		if (int_of(r, line, e->kids[0], &a) ||
		    int_of(r, line, e->kids[1], &b))
			return -1;
		*v = a | b;
		return 0;
	case PD_E_LIST:
		if (e->nkids == 1)
			return int_of(r, line, e->kids[0], v);
		break;
	default:
		break;
	}
	pd_fail(r, line, "expected an integer argument");
	return -1;
}

static const struct pd_expr *field(const struct pd_expr *s, const char *name)
{
	int i;

	if (!s || s->kind != PD_E_STRUCT)
		return NULL;
	for (i = 0; i < s->nkids; i++)
		if (s->kids[i]->kind == PD_E_FIELD &&
		    !strcmp(s->kids[i]->str, name))
			return s->kids[i];
	return NULL;
}

static int field_int(struct pd_run *r, int line, const struct pd_expr *s,
		     const char *name, long long *v)
{
	const struct pd_expr *f = field(s, name);

	if (!f) {
		*v = 0;
		return 0;
	}
	return int_of(r, line, f->val, v);
}

static void default_addr(struct pd_run *r, struct sockaddr_in *sin, bool local)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(PD_DEFAULT_PORT);
	(void)inet_pton(AF_INET, local ? r->cfg->local_ip : r->cfg->remote_ip,
			&sin->sin_addr);
}

static enum call_op op_of(const char *name, bool *found)
{
	size_t i;

	*found = true;
	for (i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++)
		if (!strcmp(op_names[i], name))
			return (enum call_op)i;
	*found = false;
	return OP_SOCKET;
}

/* A zeroed buffer of @len bytes (for "...") */
static int zero_buf(struct pd_run *r, struct pd_call *c, long long len)
{
	if (len < 0 || len > 64LL * 1024 * 1024) {
		pd_fail(r, c->line, "bad buffer length %lld", len);
		return -1;
	}
	c->buf = calloc(1, (size_t)len ? (size_t)len : 1);
	if (!c->buf)
		abort();
	c->buflen = (size_t)len;
	return 0;
}

/* The iovecs of msg_iov(N)=[{..., len}, ...] or readv's [{..., len}]. */
static int iov_of(struct pd_run *r, struct pd_call *c, const struct pd_expr *l)
{
	size_t total = 0, off = 0;
	long long lens[PD_MAX_IOV];
	int i;

	if (!l || l->kind != PD_E_LIST || l->nkids > PD_MAX_IOV) {
		pd_fail(r, c->line, "expected an iovec list");
		return -1;
	}
	for (i = 0; i < l->nkids; i++) {
		const struct pd_expr *s = l->kids[i];

		if (s->kind != PD_E_STRUCT || s->nkids != 2 ||
		    int_of(r, c->line, s->kids[1], &lens[i]) || lens[i] < 0)
			return pd_fail(r, c->line, "bad iovec"), -1;
		total += (size_t)lens[i];
	}
	if (zero_buf(r, c, (long long)total))
		return -1;
	for (i = 0; i < l->nkids; i++) {
		c->iov[i].iov_base = (char *)c->buf + off;
		c->iov[i].iov_len = (size_t)lens[i];
		off += (size_t)lens[i];
	}
	c->msg.msg_iov = c->iov;
	c->msg.msg_iovlen = (size_t)l->nkids;
	return 0;
}

static int msghdr_of(struct pd_run *r, struct pd_call *c,
		     const struct pd_expr *m)
{
	const struct pd_expr *iov = field(m, "msg_iov");
	const struct pd_expr *name = field(m, "msg_name");

	if (!m || m->kind != PD_E_STRUCT || !iov) {
		pd_fail(r, c->line, "expected a msghdr with msg_iov");
		return -1;
	}
	if (iov_of(r, c, iov->val))
		return -1;
	if (name) {
		default_addr(r, &c->msgname, false);
		c->msg.msg_name = &c->msgname;
		c->msg.msg_namelen = sizeof(c->msgname);
	}
	if (field(m, "msg_control")) {
		c->msg.msg_control = c->control;
		c->msg.msg_controllen = sizeof(c->control);
	}
	return 0;
}

/* setsockopt's value: [N], {onoff=, linger=}, or a string. */
static int optval_of(struct pd_run *r, struct pd_call *c,
		     const struct pd_expr *e)
{
	long long v;

	if (e->kind == PD_E_NULL) {
		c->p[3] = NULL;
		return 0;
	}
	if (e->kind == PD_E_STRUCT) {
		long long on, secs;

		if (field_int(r, c->line, e, "onoff", &on) ||
		    field_int(r, c->line, e, "linger", &secs))
			return -1;
		struct linger lg = { .l_onoff = (int)on,
				     .l_linger = (int)secs };

		memcpy(c->val.raw, &lg, sizeof(lg));
		c->p[3] = c->val.raw;
		return 0;
	}
	if (e->kind == PD_E_STRING) {
		strncpy(c->val.raw, e->str, sizeof(c->val.raw) - 1);
		c->p[3] = c->val.raw;
		return 0;
	}
	if (int_of(r, c->line, e, &v))
		return -1;
	c->val.ival = (int)v;
	c->p[3] = &c->val.ival;
	return 0;
}

static int pollfds_of(struct pd_run *r, struct pd_call *c,
		      const struct pd_expr *l)
{
	int i;

	if (l->kind != PD_E_LIST || l->nkids > MAX_ITEMS)
		return pd_fail(r, c->line, "expected a pollfd list"), -1;
	for (i = 0; i < l->nkids; i++) {
		long long fd, events;

		if (field_int(r, c->line, l->kids[i], "fd", &fd) ||
		    field_int(r, c->line, l->kids[i], "events", &events))
			return -1;
		c->pfd[i].fd = pd_live_fd(r, fd);
		c->pfd[i].events = (short)events;
	}
	c->p[0] = c->pfd;
	return 0;
}

static int epoll_event_of(struct pd_run *r, struct pd_call *c,
			  const struct pd_expr *s, struct epoll_event *ev)
{
	long long events, data;

	if (s->kind != PD_E_STRUCT)
		return pd_fail(r, c->line, "expected an epoll_event"), -1;
	if (field_int(r, c->line, s, "events", &events))
		return -1;
	if (field(s, "fd")) {
		if (field_int(r, c->line, s, "fd", &data))
			return -1;
	} else if (field_int(r, c->line, s, "ptr", &data) ||
		   field_int(r, c->line, s, "u64", &data)) {
		return -1;
	}
	ev->events = (uint32_t)events;
	ev->data.u64 = (uint64_t)data; /* the script's fd: compared as is */
	return 0;
}

/* Arguments that are plain integers, fds mapped. */
static int int_args(struct pd_run *r, struct pd_call *c)
{
	const struct pd_syscall *sc = c->sc;
	int i;

	for (i = 0; i < sc->nargs && i < 6; i++) {
		const struct pd_expr *e = sc->args[i];

		if (e->kind == PD_E_INT || e->kind == PD_E_WORD ||
		    e->kind == PD_E_OR) {
			if (int_of(r, c->line, e, &c->a[i]))
				return -1;
		}
	}
	if (c->op != OP_SOCKET && c->op != OP_POLL &&
	    c->op != OP_EPOLL_CREATE && sc->nargs > 0) {
		if (c->op != OP_EPOLL_CTL && c->op != OP_EPOLL_WAIT)
			r->last_fd = (int)c->a[0];
		c->a[0] = pd_live_fd(r, c->a[0]);
	}
	if (c->op == OP_EPOLL_CTL && sc->nargs > 2) {
		r->last_fd = (int)c->a[2];
		c->a[2] = pd_live_fd(r, c->a[2]);
	}
	return 0;
}

static const struct pd_expr *arg(const struct pd_call *c, int i)
{
	return i < c->sc->nargs ? c->sc->args[i] : NULL;
}

static int prepare_addr(struct pd_run *r, struct pd_call *c, int i, bool local)
{
	const struct pd_expr *e = arg(c, i);

	if (!e || e->kind == PD_E_NULL)
		return 0;
	default_addr(r, &c->addr.sin, local);
	c->addrlen = sizeof(c->addr.sin);
	c->p[i] = &c->addr;
	if (arg(c, i + 1) && arg(c, i + 1)->kind != PD_E_ELLIPSIS &&
	    int_of(r, c->line, arg(c, i + 1), &c->a[i + 1]))
		return -1;
	if (arg(c, i + 1) && arg(c, i + 1)->kind != PD_E_ELLIPSIS)
		c->addrlen = c->a[i + 1] < 0 ? (socklen_t)-1
			     : c->a[i + 1] > (long long)sizeof(c->addr)
				     ? (socklen_t)sizeof(c->addr)
				     : (socklen_t)c->a[i + 1];
	return 0;
}

/* read/write/send/recv...: the buffer at @i, its length at @i + 1 */
static int prepare_buf(struct pd_run *r, struct pd_call *c, int i)
{
	const struct pd_expr *e = arg(c, i);

	if (!e || !arg(c, i + 1))
		return pd_fail(r, c->line, "%s: too few arguments",
			       c->sc->name),
		       -1;
	if (zero_buf(r, c, c->a[i + 1]))
		return -1;
	c->p[i] = e->kind == PD_E_NULL ? NULL : c->buf;
	if (e->kind == PD_E_STRING) {
		size_t n = strlen(e->str);

		memcpy(c->buf, e->str, n < c->buflen ? n : c->buflen);
	}
	return 0;
}

static int prepare_sockopt(struct pd_run *r, struct pd_call *c)
{
	const struct pd_expr *v = arg(c, 3), *l = arg(c, 4);
	long long n;

	if (!v || !l)
		return pd_fail(r, c->line, "sockopt: too few arguments"), -1;
	if (c->op == OP_SETSOCKOPT) {
		if (optval_of(r, c, v) || int_of(r, c->line, l, &n))
			return -1;
		/* past the buffer only EINVAL/EFAULT-worthy sizes are kept */
		c->optlen = n < 0 ? (socklen_t)-1
			    : n > (long long)sizeof(c->val)
				    ? (socklen_t)sizeof(c->val)
				    : (socklen_t)n;
		return 0;
	}
	/* getsockopt: room for any option, the length as the script says */
	if (zero_buf(r, c, sizeof(c->val)))
		return -1;
	c->p[3] = v->kind == PD_E_NULL ? NULL : c->buf;
	if (l->kind == PD_E_NULL) {
		c->p[4] = NULL;
		return 0;
	}
	if (int_of(r, c->line, l, &n))
		return -1;
	c->optlen = n < 0			    ? (socklen_t)-1
		    : n > (long long)sizeof(c->val) ? (socklen_t)sizeof(c->val)
						    : (socklen_t)n;
	c->p[4] = &c->optlen;
	return 0;
}

static int prepare_args(struct pd_run *r, struct pd_call *c)
{
	switch (c->op) {
	case OP_SOCKET:
		/* the address family of --ip_version */
		if (arg(c, 0) && arg(c, 0)->kind == PD_E_ELLIPSIS)
			c->a[0] = AF_INET;
		return 0;
	case OP_BIND:
		return prepare_addr(r, c, 1, true);
	case OP_CONNECT:
	case OP_ACCEPT:
		return prepare_addr(r, c, 1, false);
	case OP_READ:
	case OP_WRITE:
	case OP_SEND:
	case OP_RECV:
		return prepare_buf(r, c, 1);
	case OP_SENDTO:
	case OP_RECVFROM:
		return prepare_buf(r, c, 1) || prepare_addr(r, c, 4, false);
	case OP_RECVMSG:
	case OP_SENDMSG:
		return arg(c, 1) ? msghdr_of(r, c, arg(c, 1)) : -1;
	case OP_READV:
	case OP_WRITEV:
		return arg(c, 1) ? iov_of(r, c, arg(c, 1)) : -1;
	case OP_IOCTL:
		c->p[2] = c->val.raw;
		return 0;
	case OP_GETSOCKOPT:
	case OP_SETSOCKOPT:
		return prepare_sockopt(r, c);
	case OP_POLL:
		return arg(c, 0) ? pollfds_of(r, c, arg(c, 0)) : -1;
	case OP_EPOLL_CTL:
		if (arg(c, 3) && arg(c, 3)->kind == PD_E_STRUCT)
			return epoll_event_of(r, c, arg(c, 3), &c->ev[0]);
		return 0;
	default:
		return 0;
	}
}

struct pd_call *pd_call_prepare(struct pd_run *r, const struct pd_event *ev)
{
	struct pd_call *c = calloc(1, sizeof(*c));
	bool found;

	if (!c)
		abort();
	c->be = r->be;
	c->sc = ev->sc;
	c->line = ev->line;
	c->op = op_of(ev->sc->name, &found);
	if (!found) {
		pd_fail(r, c->line,
			"system call %s() not supported by the runner",
			ev->sc->name);
		free(c);
		return NULL;
	}
	if (int_args(r, c) || prepare_args(r, c)) {
		pd_call_free(c);
		return NULL;
	}
	return c;
}

void pd_call_free(struct pd_call *c)
{
	if (!c)
		return;
	free(c->buf);
	free(c);
}

static long long invoke_io(struct pd_call *c)
{
	int fd = (int)c->a[0];

	switch (c->op) {
	case OP_READ:
		return c->be->read(fd, c->p[1], (size_t)c->a[2]);
	case OP_WRITE:
		return c->be->write(fd, c->p[1], (size_t)c->a[2]);
	case OP_SEND:
		return c->be->send(fd, c->p[1], (size_t)c->a[2], (int)c->a[3]);
	case OP_RECV:
		return c->be->recv(fd, c->p[1], (size_t)c->a[2], (int)c->a[3]);
	case OP_SENDTO:
		return c->be->sendto(fd, c->p[1], (size_t)c->a[2], (int)c->a[3],
				     c->p[4], c->addrlen);
	case OP_RECVFROM:
		return c->be->recvfrom(fd, c->p[1], (size_t)c->a[2],
				       (int)c->a[3], c->p[4],
				       c->p[4] ? &c->addrlen : NULL);
	case OP_RECVMSG:
	case OP_READV:
		return c->be->recvmsg(fd, &c->msg, (int)c->a[2]);
	case OP_SENDMSG:
	case OP_WRITEV:
		return c->be->sendmsg(fd, &c->msg, (int)c->a[2]);
	default:
		return -1;
	}
}

void pd_call_invoke(struct pd_call *c)
{
	int fd = (int)c->a[0];

	errno = 0;
	switch (c->op) {
	case OP_SOCKET:
		c->ret = c->be->socket(fd, (int)c->a[1], (int)c->a[2]);
		break;
	case OP_BIND:
		c->ret = c->be->bind(fd, c->p[1], c->addrlen);
		break;
	case OP_LISTEN:
		c->ret = c->be->listen(fd, (int)c->a[1]);
		break;
	case OP_ACCEPT:
		c->ret = c->be->accept(fd, c->p[1],
				       c->p[1] ? &c->addrlen : NULL);
		break;
	case OP_CONNECT:
		c->ret = c->be->connect(fd, c->p[1], c->addrlen);
		break;
	case OP_CLOSE:
		c->ret = c->be->close(fd);
		break;
	case OP_SHUTDOWN:
		c->ret = c->be->shutdown(fd, (int)c->a[1]);
		break;
	case OP_FCNTL:
		c->ret = c->be->fcntl(fd, (int)c->a[1], (long)c->a[2]);
		break;
	case OP_IOCTL:
		c->ret = c->be->ioctl(fd, (unsigned long)c->a[1], c->p[2]);
		break;
	case OP_GETSOCKOPT:
		c->ret = c->be->getsockopt(fd, (int)c->a[1], (int)c->a[2],
					   c->p[3], c->p[4]);
		break;
	case OP_SETSOCKOPT:
		c->ret = c->be->setsockopt(fd, (int)c->a[1], (int)c->a[2],
					   c->p[3], c->optlen);
		break;
	case OP_POLL:
		/* never more entries than the script wrote down */
		c->ret = c->be->poll(c->pfd,
				     (nfds_t)c->a[1] > (nfds_t)arg(c, 0)->nkids
					     ? (nfds_t)arg(c, 0)->nkids
					     : (nfds_t)c->a[1],
				     (int)c->a[2]);
		break;
	case OP_EPOLL_CREATE:
		c->ret = c->be->epoll_create1(0);
		break;
	case OP_EPOLL_CTL:
		c->ret = c->be->epoll_ctl(
			fd, (int)c->a[1], (int)c->a[2],
			arg(c, 3) && arg(c, 3)->kind == PD_E_NULL ? NULL
								  : &c->ev[0]);
		break;
	case OP_EPOLL_WAIT:
		c->ret = c->be->epoll_wait(fd, c->ev,
					   c->a[2] > MAX_ITEMS ? MAX_ITEMS
							       : (int)c->a[2],
					   (int)c->a[3]);
		break;
	default:
		c->ret = invoke_io(c);
		break;
	}
	c->err = c->ret < 0 ? errno : 0;
}

/* ---- Checking the outputs ---- */

static int check_int_out(struct pd_run *r, struct pd_call *c,
			 const struct pd_expr *e, long long got,
			 const char *what)
{
	long long want;

	if (!e || e->kind == PD_E_ELLIPSIS || e->kind == PD_E_NULL)
		return 0;
	if (e->kind == PD_E_LIST && e->nkids == 1 &&
	    e->kids[0]->kind == PD_E_STRUCT)
		return 0; /* a struct output is not compared */
	if (int_of(r, c->line, e, &want))
		return -1;
	/* a 32-bit value written unsigned: [4294967295] is -1 */
	if (want > INT32_MAX && want <= (long long)UINT32_MAX &&
	    got >= INT32_MIN && got < 0)
		got = (long long)(uint32_t)got;
	if (want != got) {
		pd_fail(r, c->line, "%s: %s: expected %lld, got %lld",
			c->sc->name, what, want, got);
		return -1;
	}
	return 0;
}

static int check_poll(struct pd_run *r, struct pd_call *c)
{
	const struct pd_expr *l = arg(c, 0);
	int i;

	for (i = 0; i < l->nkids; i++) {
		long long rev;

		if (!field(l->kids[i], "revents"))
			continue;
		if (field_int(r, c->line, l->kids[i], "revents", &rev))
			return -1;
		if (rev != c->pfd[i].revents) {
			pd_fail(r, c->line,
				"poll: revents: expected 0x%llx, got 0x%x", rev,
				(unsigned)c->pfd[i].revents);
			return -1;
		}
	}
	return 0;
}

static int check_epoll_wait(struct pd_run *r, struct pd_call *c)
{
	const struct pd_expr *e = arg(c, 1);
	const struct pd_expr *one[1];
	const struct pd_expr *const *items = one;
	int i, n = 1;

	if (!e || e->kind == PD_E_ELLIPSIS)
		return 0;
	one[0] = e;
	if (e->kind == PD_E_LIST) {
		items = (const struct pd_expr *const *)e->kids;
		n = e->nkids;
	}
	for (i = 0; i < n && i < c->ret; i++) {
		struct epoll_event want;

		if (epoll_event_of(r, c, items[i], &want))
			return -1;
		if (want.events != c->ev[i].events ||
		    want.data.u64 != c->ev[i].data.u64) {
			pd_fail(r, c->line,
				"epoll_wait: expected events 0x%x for %llu, got 0x%x for %llu",
				want.events, (unsigned long long)want.data.u64,
				c->ev[i].events,
				(unsigned long long)c->ev[i].data.u64);
			return -1;
		}
	}
	return 0;
}

static int check_cmsg(struct pd_run *r, struct pd_call *c,
		      const struct pd_expr *want)
{
	long long level, type, data;
	struct cmsghdr *cm;

	if (field_int(r, c->line, want, "cmsg_level", &level) ||
	    field_int(r, c->line, want, "cmsg_type", &type) ||
	    field_int(r, c->line, want, "cmsg_data", &data))
		return -1;
	for (cm = CMSG_FIRSTHDR(&c->msg); cm; cm = CMSG_NXTHDR(&c->msg, cm)) {
		int got;

		if (cm->cmsg_level != level || cm->cmsg_type != type)
			continue;
		memcpy(&got, CMSG_DATA(cm), sizeof(got));
		if (got != data) {
			pd_fail(r, c->line,
				"recvmsg: cmsg %lld/%lld: expected %lld, got %d",
				level, type, data, got);
			return -1;
		}
		return 0;
	}
	pd_fail(r, c->line, "recvmsg: no control message %lld/%lld", level,
		type);
	return -1;
}

static int check_msghdr(struct pd_run *r, struct pd_call *c)
{
	const struct pd_expr *m = arg(c, 1);
	const struct pd_expr *ctl = field(m, "msg_control");
	long long flags;
	int i;

	if (field(m, "msg_flags")) {
		if (field_int(r, c->line, m, "msg_flags", &flags))
			return -1;
		if (flags != c->msg.msg_flags) {
			pd_fail(r, c->line,
				"%s: msg_flags: expected 0x%llx, got 0x%x",
				c->sc->name, flags, (unsigned)c->msg.msg_flags);
			return -1;
		}
	}
	if (c->op != OP_RECVMSG || !ctl || ctl->val->kind != PD_E_LIST)
		return 0;
	for (i = 0; i < ctl->val->nkids; i++)
		if (check_cmsg(r, c, ctl->val->kids[i]))
			return -1;
	return 0;
}

static int check_outputs(struct pd_run *r, struct pd_call *c)
{
	switch (c->op) {
	case OP_GETSOCKOPT: {
		int v = 0;

		memcpy(&v, c->buf, sizeof(v));
		if (arg(c, 3)->kind == PD_E_LIST &&
		    check_int_out(r, c, arg(c, 3), v, "value"))
			return -1;
		if (arg(c, 4)->kind == PD_E_LIST)
			return check_int_out(r, c, arg(c, 4), c->optlen,
					     "length");
		return 0;
	}
	case OP_IOCTL:
		return arg(c, 2) && arg(c, 2)->kind == PD_E_LIST
			       ? check_int_out(r, c, arg(c, 2), c->val.ival,
					       "value")
			       : 0;
	case OP_POLL:
		return check_poll(r, c);
	case OP_EPOLL_WAIT:
		return check_epoll_wait(r, c);
	case OP_RECVMSG:
	case OP_SENDMSG:
		return check_msghdr(r, c);
	default:
		return 0;
	}
}

static bool makes_fd(enum call_op op)
{
	return op == OP_SOCKET || op == OP_ACCEPT || op == OP_EPOLL_CREATE;
}

int pd_call_check(struct pd_run *r, struct pd_call *c)
{
	const struct pd_syscall *sc = c->sc;
	long long want;
	int want_err = 0, rc = -1;

	if (int_of(r, c->line, sc->ret, &want))
		goto out;
	if (sc->err) {
		want_err = pd_errno_by_name(sc->err);
		if (want_err < 0) {
			pd_fail(r, c->line, "unknown errno %s", sc->err);
			goto out;
		}
	}
	if (makes_fd(c->op) && want >= 0 && c->ret >= 0) {
		/* the script's fd number stands for whatever the stack gave */
		if (want < PD_MAX_FDS)
			r->live_fd[want] = (int)c->ret;
		/* a new socket's first packet out names its ports */
		if (c->op == OP_SOCKET)
			r->flow.ports_fixed = false;
		r->last_fd = (int)want;
	} else if (c->ret != want) {
		pd_fail(r, c->line, "%s() = %lld%s%s, expected %lld", sc->name,
			c->ret, c->ret < 0 ? " " : "",
			c->ret < 0 ? pd_errno_name(c->err) : "", want);
		goto out;
	}
	if (want < 0 && want_err && c->err != want_err) {
		pd_fail(r, c->line, "%s(): expected errno %s, got %s", sc->name,
			sc->err, pd_errno_name(c->err));
		goto out;
	}
	if (c->op == OP_CLOSE && c->ret == 0) {
		int i;

		for (i = 0; i < PD_MAX_FDS; i++)
			if (r->live_fd[i] == (int)c->a[0])
				r->live_fd[i] = -1;
	}
	rc = c->ret >= 0 ? check_outputs(r, c) : 0;
out:
	pd_call_free(c);
	return rc;
}
