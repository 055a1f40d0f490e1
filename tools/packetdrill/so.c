// SPDX-License-Identifier: BSD-2-Clause
/*
 * libtuxnet-packetdrill.so: a tuxnet stack behind upstream packetdrill's
 * shared-object interface, so that unmodified packetdrill runs its scripts
 * against tuxnet:
 *
 *   packetdrill --so_filename=build/lib/libtuxnet-packetdrill.so \
 *               --so_flags=local_ip=192.168.0.1 SCRIPT.pkt
 *
 * Each init makes a fresh stack on a virtual clock with the test device
 * tun0 (netdev.c).  Time moves only through the table: usleep() runs the
 * clock forward (timers fire on the way), gettimeofday() reads it, and
 * netdev_receive(), when the stack has nothing to send, runs the clock to
 * the next timer until it has (a retransmission, a delayed ACK).  A call
 * that blocks on packetdrill's syscall thread sleeps on the stack's wait
 * queues until packets or the clock wake it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

#include "netdev.h"
#include "packetdrill_so.h"

#define SO_API __attribute__((visibility("default")))

struct so_state {
	struct pd_net *net;
	long long epoch_us; /* gettimeofday() at the stack's time 0 */
	unsigned int mss; /* of oversize TCP packets in (GSO) */
};

static struct so_state *enter(void *userdata)
{
	struct so_state *s = userdata;

	tn_stack_attach(pd_net_stack(s->net));
	return s;
}

static void so_free(void *userdata)
{
	struct so_state *s = userdata;

	if (!s)
		return;
	pd_net_destroy(s->net);
	tn_stack_attach(NULL);
	free(s);
}

static int so_socket(void *u, int domain, int type, int protocol)
{
	enter(u);
	return tn_socket(domain, type, protocol);
}

static int so_bind(void *u, int fd, const struct sockaddr *a, socklen_t l)
{
	enter(u);
	return tn_bind(fd, a, l);
}

static int so_listen(void *u, int fd, int backlog)
{
	enter(u);
	return tn_listen(fd, backlog);
}

static int so_accept(void *u, int fd, struct sockaddr *a, socklen_t *l)
{
	enter(u);
	return tn_accept(fd, a, l);
}

static int so_connect(void *u, int fd, const struct sockaddr *a, socklen_t l)
{
	enter(u);
	return tn_connect(fd, a, l);
}

static ssize_t so_read(void *u, int fd, void *buf, size_t n)
{
	enter(u);
	return tn_read(fd, buf, n);
}

static ssize_t so_readv(void *u, int fd, const struct iovec *iov, int cnt)
{
	struct msghdr m = { .msg_iovlen = cnt < 0 ? 0 : (size_t)cnt };

	memcpy(&m.msg_iov, &iov, sizeof(void *)); /* msghdr's is not const */

	enter(u);
	return tn_recvmsg(fd, &m, 0);
}

static ssize_t so_recv(void *u, int fd, void *buf, size_t n, int flags)
{
	enter(u);
	return tn_recv(fd, buf, n, flags);
}

static ssize_t so_recvfrom(void *u, int fd, void *buf, size_t n, int flags,
			   struct sockaddr *a, socklen_t *l)
{
	enter(u);
	return tn_recvfrom(fd, buf, n, flags, a, l);
}

static ssize_t so_recvmsg(void *u, int fd, struct msghdr *m, int flags)
{
	enter(u);
	return tn_recvmsg(fd, m, flags);
}

static ssize_t so_write(void *u, int fd, const void *buf, size_t n)
{
	enter(u);
	return tn_write(fd, buf, n);
}

static ssize_t so_writev(void *u, int fd, const struct iovec *iov, int cnt)
{
	struct msghdr m = { .msg_iovlen = cnt < 0 ? 0 : (size_t)cnt };

	memcpy(&m.msg_iov, &iov, sizeof(void *)); /* msghdr's is not const */

	enter(u);
	return tn_sendmsg(fd, &m, 0);
}

static ssize_t so_send(void *u, int fd, const void *buf, size_t n, int flags)
{
	enter(u);
	return tn_send(fd, buf, n, flags);
}

static ssize_t so_sendto(void *u, int fd, const void *buf, size_t n, int flags,
			 const struct sockaddr *a, socklen_t l)
{
	enter(u);
	return tn_sendto(fd, buf, n, flags, a, l);
}

static ssize_t so_sendmsg(void *u, int fd, const struct msghdr *m, int flags)
{
	enter(u);
	return tn_sendmsg(fd, m, flags);
}

static int so_fcntl(void *u, int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long); /* read whether or not @cmd takes one */
	va_end(ap);
	enter(u);
	return tn_fcntl(fd, cmd, arg);
}

static int so_ioctl(void *u, int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	enter(u);
	return tn_ioctl(fd, req, arg);
}

static int so_close(void *u, int fd)
{
	enter(u);
	return tn_close(fd);
}

static int so_shutdown(void *u, int fd, int how)
{
	enter(u);
	return tn_shutdown(fd, how);
}

static int so_getsockopt(void *u, int fd, int level, int name, void *val,
			 socklen_t *len)
{
	enter(u);
	return tn_getsockopt(fd, level, name, val, len);
}

static int so_setsockopt(void *u, int fd, int level, int name, const void *val,
			 socklen_t len)
{
	enter(u);
	return tn_setsockopt(fd, level, name, val, len);
}

static int so_poll(void *u, struct pollfd *fds, nfds_t n, int timeout)
{
	enter(u);
	return tn_poll(fds, n, timeout);
}

static int so_netdev_send(void *u, const void *buf, size_t count)
{
	struct so_state *s = enter(u);
	int e = pd_net_inject(s->net, buf, count, s->mss);

	if (e) {
		errno = -e;
		return -1;
	}
	return 0;
}

/*
 * Virtual time one call waits at most for a packet; then it reports none
 * (count 0), which packetdrill takes as a failed sniff, not a retry.
 */
#define RECEIVE_WAIT_NS (10ULL * 1000000000ULL)

static int so_netdev_receive(void *u, void *buf, size_t *count,
			     long long *time_usecs)
{
	struct so_state *s = enter(u);
	uint64_t limit = pd_net_now(s->net) + RECEIVE_WAIT_NS, next;
	struct pd_sniffed *p;

	/* nothing to send yet: run the clock a timer at a time until it has */
	while (!pd_net_pending(s->net) && pd_net_now(s->net) < limit) {
		if (!pd_net_next_timer(s->net, &next) || next > limit)
			next = limit;
		pd_net_run_to(s->net, next > pd_net_now(s->net)
					      ? next
					      : pd_net_now(s->net) + 1);
	}
	p = pd_net_pop(s->net);
	if (!p) {
		/* nothing for 10 virtual seconds: "received nothing" */
		*count = 0;
		*time_usecs =
			s->epoch_us + (long long)(pd_net_now(s->net) / 1000);
		return 0;
	}
	if (p->len > *count) {
		free(p);
		errno = EMSGSIZE;
		return -1;
	}
	memcpy(buf, p->data, p->len);
	*count = p->len;
	*time_usecs = s->epoch_us + (long long)(p->ns / 1000);
	free(p);
	return 0;
}

static int so_usleep(void *u, useconds_t usec)
{
	struct so_state *s = enter(u);

	pd_net_run_to(s->net, pd_net_now(s->net) + (uint64_t)usec * 1000);
	return 0;
}

static int so_gettimeofday(void *u, struct timeval *tv, struct timezone *tz)
{
	struct so_state *s = enter(u);
	long long us = s->epoch_us + (long long)(pd_net_now(s->net) / 1000);

	(void)tz;
	tv->tv_sec = (time_t)(us / 1000000);
	tv->tv_usec = (suseconds_t)(us % 1000000);
	return 0;
}

static int so_epoll_create(void *u, int size)
{
	enter(u);
	if (size <= 0) {
		errno = EINVAL;
		return -1;
	}
	return tn_epoll_create1(0);
}

static int so_epoll_ctl(void *u, int epfd, int op, int fd,
			struct epoll_event *ev)
{
	enter(u);
	return tn_epoll_ctl(epfd, op, fd, ev);
}

static int so_epoll_wait(void *u, int epfd, struct epoll_event *ev, int max,
			 int timeout)
{
	enter(u);
	return tn_epoll_wait(epfd, ev, max, timeout);
}

/* Not in the stack's API: refused as a kernel without them would. */
static int so_pipe(void *u, int fds[2])
{
	(void)u;
	(void)fds;
	errno = ENOSYS;
	return -1;
}

static int so_splice(void *u, int in, loff_t *off_in, int out, loff_t *off_out,
		     size_t len, unsigned int flags)
{
	(void)u, (void)in, (void)off_in, (void)out, (void)off_out, (void)len,
		(void)flags;
	errno = ENOSYS;
	return -1;
}

/* local_ip=A,mtu=N,mss=N */
static void parse_flags(const char *flags, char *ip, size_t iplen, int *mtu,
			int *mss)
{
	char buf[256], *tok, *save = NULL;

	(void)snprintf(buf, sizeof(buf), "%s", flags ? flags : "");
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strncmp(tok, "local_ip=", 9))
			(void)snprintf(ip, iplen, "%s", tok + 9);
		else if (!strncmp(tok, "mtu=", 4))
			*mtu = atoi(tok + 4);
		else if (!strncmp(tok, "mss=", 4))
			*mss = atoi(tok + 4);
	}
}

static const struct packetdrill_interface so_table = {
	.free = so_free,
	.socket = so_socket,
	.bind = so_bind,
	.listen = so_listen,
	.accept = so_accept,
	.connect = so_connect,
	.read = so_read,
	.readv = so_readv,
	.recv = so_recv,
	.recvfrom = so_recvfrom,
	.recvmsg = so_recvmsg,
	.write = so_write,
	.writev = so_writev,
	.send = so_send,
	.sendto = so_sendto,
	.sendmsg = so_sendmsg,
	.fcntl = so_fcntl,
	.ioctl = so_ioctl,
	.close = so_close,
	.shutdown = so_shutdown,
	.getsockopt = so_getsockopt,
	.setsockopt = so_setsockopt,
	.poll = so_poll,
	.netdev_send = so_netdev_send,
	.netdev_receive = so_netdev_receive,
	.usleep = so_usleep,
	.gettimeofday = so_gettimeofday,
	.epoll_create = so_epoll_create,
	.epoll_ctl = so_epoll_ctl,
	.epoll_wait = so_epoll_wait,
	.pipe = so_pipe,
	.splice = so_splice,
};

SO_API void packetdrill_interface_init(const char *flags,
				       struct packetdrill_interface *ifc)
{
	struct so_state *s = calloc(1, sizeof(*s));
	char ip[64] = "192.168.0.1", err[256];
	struct timespec ts;
	int mtu = 1500, mss = 1460;

	*ifc = so_table;
	ifc->userdata = NULL;
	if (!s)
		return;
	parse_flags(flags, ip, sizeof(ip), &mtu, &mss);
	s->mss = mss > 0 && mss < 65536 ? (unsigned int)mss : 1460;
	s->net = pd_net_create(ip, mtu, err, sizeof(err));
	if (!s->net) {
		fprintf(stderr, "libtuxnet-packetdrill: %s\n", err);
		free(s);
		return;
	}
	tn_clock_gettime(CLOCK_REALTIME, &ts);
	s->epoch_us = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 -
		      (long long)(pd_net_now(s->net) / 1000);
	ifc->userdata = s;
}
