// SPDX-License-Identifier: BSD-2-Clause
/*
 * Waiting on the host and on the stack at once.
 *
 * The relay waits on stdin and stdout, which are the host's, and on a
 * socket, which is the stack's: no one call waits on both.  So the main
 * thread waits on the host's descriptors with poll(2) while a helper thread
 * waits on the socket with tn_poll(), and whichever answers first ends the
 * other's wait: the helper by writing to a pipe, the main thread by making
 * the helper's wake-up instance (an epoll fd of the stack, polled beside
 * the socket) ready.  nc_poll() returns only once the helper is done, so
 * the two threads never use the socket at the same time.  Between waits the
 * helper sleeps in the stack too (tn_poll() on a second epoll fd, which
 * the main thread makes ready to hand it a wait): a thread of a lab client
 * that is not asleep in the stack would keep the lab's clock from jumping.
 *
 * While the main thread waits on the host it is not asleep in the stack, so
 * a lab's virtual clock runs at the real pace then: input may come from
 * outside at any moment, as on Linux.  A wait on the stack alone (stdin at
 * its end, or not read: -d) is one tn_poll(), and the lab's time jumps.
 * Host descriptors watched for nothing but a hang-up (stdout with nothing
 * to write) are looked at without waiting for them.
 */
#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "nc.h"

struct nc_helper {
	pthread_t thread;
	pthread_mutex_t lock;
	int started;
	int pending; /* a wait is handed to the helper */
	struct pollfd pfd[3]; /* the socket's entries, then the wake-up fd */
	nfds_t nfds;
	int timeout;
	int ret, err; /* tn_poll()'s result and errno */
	int done[2]; /* host pipe: the helper's wait is over */
	int idle_epfd; /* stack: made ready to hand the helper a wait */
	int abort_epfd; /* stack: made ready to end the helper's wait */
	int ready_fd; /* stack: an unbound UDP socket, always writable */
};

static struct nc_helper helper = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.done = { -1, -1 },
	.idle_epfd = -1,
	.abort_epfd = -1,
	.ready_fd = -1,
};

/* Makes @epfd ready (or not), by adding (removing) the always-ready fd. */
static void set_ready(int epfd, int ready)
{
	struct epoll_event ev = { .events = EPOLLOUT };

	if (tn_epoll_ctl(epfd, ready ? EPOLL_CTL_ADD : EPOLL_CTL_DEL,
			 helper.ready_fd, &ev) < 0)
		err(1, "epoll_ctl");
}

static void *helper_main(void *arg)
{
	(void)arg;
	for (;;) {
		struct pollfd idle = { .fd = helper.idle_epfd,
				       .events = POLLIN };
		struct pollfd p[3];
		nfds_t n;
		int t, ret, e;

		/* Asleep in the stack until handed a wait. */
		if (tn_poll(&idle, 1, -1) < 0 && errno != EINTR)
			err(1, "polling error");
		pthread_mutex_lock(&helper.lock);
		if (!helper.pending) {
			pthread_mutex_unlock(&helper.lock);
			continue;
		}
		n = helper.nfds;
		memcpy(p, helper.pfd, n * sizeof(*p));
		t = helper.timeout;
		pthread_mutex_unlock(&helper.lock);
		set_ready(helper.idle_epfd, 0);

		ret = tn_poll(p, n, t);
		e = errno;

		pthread_mutex_lock(&helper.lock);
		memcpy(helper.pfd, p, n * sizeof(*p));
		helper.ret = ret;
		helper.err = e;
		helper.pending = 0;
		pthread_mutex_unlock(&helper.lock);
		while (write(helper.done[1], "", 1) < 0 && errno == EINTR)
			;
	}
	return NULL;
}

static void helper_start(void)
{
	if (helper.started)
		return;
	if (pipe(helper.done) < 0)
		err(1, "pipe");
	helper.idle_epfd = tn_epoll_create1(EPOLL_CLOEXEC);
	helper.abort_epfd = tn_epoll_create1(EPOLL_CLOEXEC);
	if (helper.idle_epfd < 0 || helper.abort_epfd < 0)
		err(1, "epoll_create1");
	helper.ready_fd = tn_socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (helper.ready_fd < 0)
		err(1, "socket");
	if (pthread_create(&helper.thread, NULL, helper_main, NULL))
		errx(1, "cannot start a thread");
	helper.started = 1;
}

/* Waits on the host's @host and the stack's @net together. */
static int wait_both(struct pollfd *host, nfds_t nh, struct pollfd *net,
		     nfds_t nn, int timeout)
{
	int woke = 0, ret;
	char c;

	helper_start();
	pthread_mutex_lock(&helper.lock);
	memcpy(helper.pfd, net, nn * sizeof(*net));
	helper.pfd[nn] =
		(struct pollfd){ .fd = helper.abort_epfd, .events = POLLIN };
	helper.nfds = nn + 1;
	helper.timeout = timeout;
	helper.pending = 1;
	pthread_mutex_unlock(&helper.lock);
	set_ready(helper.idle_epfd, 1);

	host[nh] = (struct pollfd){ .fd = helper.done[0], .events = POLLIN };
	while ((ret = poll(host, nh + 1, -1)) < 0 && errno == EINTR)
		;
	if (ret < 0)
		err(1, "polling error");
	if (!(host[nh].revents & POLLIN)) {
		/* The host answered first: end the helper's wait. */
		set_ready(helper.abort_epfd, 1);
		woke = 1;
	}
	while (read(helper.done[0], &c, 1) < 0 && errno == EINTR)
		;
	if (woke)
		set_ready(helper.abort_epfd, 0);

	pthread_mutex_lock(&helper.lock);
	memcpy(net, helper.pfd, nn * sizeof(*net));
	ret = helper.ret;
	errno = helper.err;
	pthread_mutex_unlock(&helper.lock);
	return ret < 0 ? -1 : 0;
}

int nc_poll(struct pollfd pfd[POLL_NR], int timeout)
{
	static const int host_idx[] = { POLL_STDIN, POLL_STDOUT };
	static const int net_idx[] = { POLL_NETOUT, POLL_NETIN };
	struct pollfd host[3], net[2];
	int hmap[2], nmap[2];
	nfds_t nh = 0, nn = 0, i;
	int host_waits = 0, ret = 0, n = 0;

	for (i = 0; i < 2; i++) {
		struct pollfd *h = &pfd[host_idx[i]], *s = &pfd[net_idx[i]];

		h->revents = 0;
		s->revents = 0;
		if (h->fd != -1) {
			host_waits |= h->events != 0;
			hmap[nh] = host_idx[i];
			host[nh++] = *h;
		}
		if (s->fd != -1) {
			nmap[nn] = net_idx[i];
			net[nn++] = *s;
		}
	}

	/* A first look, without waiting. */
	if (nh && poll(host, nh, 0) < 0)
		return -1;
	if (nn && tn_poll(net, nn, 0) < 0)
		return -1;
	for (i = 0; i < nh; i++)
		n += host[i].revents != 0;
	for (i = 0; i < nn; i++)
		n += net[i].revents != 0;

	if (!n && timeout != 0) {
		if (!host_waits)
			ret = tn_poll(net, nn, timeout);
		else if (!nn)
			ret = poll(host, nh, timeout);
		else
			ret = wait_both(host, nh, net, nn, timeout);
		if (ret < 0)
			return -1;
	}
	n = 0;
	for (i = 0; i < nh; i++) {
		pfd[hmap[i]].revents = host[i].revents;
		n += host[i].revents != 0;
	}
	for (i = 0; i < nn; i++) {
		pfd[nmap[i]].revents = net[i].revents;
		n += net[i].revents != 0;
	}
	return n;
}

long long nc_now_ms(void)
{
	struct timespec ts;

	if (tn_clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		err(1, "clock_gettime");
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void nc_sleep_ms(long long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000 };

	while (tn_nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
