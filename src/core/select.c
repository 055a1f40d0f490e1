// SPDX-License-Identifier: BSD-2-Clause
/*
 * poll() and select(): ask every file for its readiness, and if none is
 * ready sleep on all their wait queues at once until one wakes us or the
 * timeout passes on the stack clock.  Linux: fs/select.c.
 */
#include <poll.h>
#include <sys/select.h>

#include <net/fs.h>
#include <net/stack.h>

#include "syscall.h"

struct poll_table_entry {
	struct wait_queue_entry wait;
	struct wait_queue_head *wq;
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_entry *entries;
	unsigned int nr, cap;
	int error;
};

static void __pollwait(struct file *file, struct wait_queue_head *wq,
		       poll_table *pt)
{
	struct poll_wqueues *p = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e;

	(void)file;
	if (p->nr == p->cap) {
		unsigned int cap = p->cap ? p->cap * 2 : 16;
		struct poll_table_entry *n;
		unsigned int i;

		/* Entries are linked into wait queues: move them carefully. */
		n = calloc(cap, sizeof(*n));
		if (!n) {
			p->error = -ENOMEM;
			return;
		}
		for (i = 0; i < p->nr; i++) {
			remove_wait_queue(p->entries[i].wq,
					  &p->entries[i].wait);
			n[i].wq = p->entries[i].wq;
			init_wait_entry(&n[i].wait, current_waiter());
			add_wait_queue(n[i].wq, &n[i].wait);
		}
		free(p->entries);
		p->entries = n;
		p->cap = cap;
	}
	e = &p->entries[p->nr++];
	e->wq = wq;
	init_wait_entry(&e->wait, current_waiter());
	add_wait_queue(wq, &e->wait);
}

static void poll_initwait(struct poll_wqueues *p)
{
	memset(p, 0, sizeof(*p));
	p->pt.qproc = __pollwait;
}

static void poll_freewait(struct poll_wqueues *p)
{
	unsigned int i;

	for (i = 0; i < p->nr; i++)
		remove_wait_queue(p->entries[i].wq, &p->entries[i].wait);
	free(p->entries);
}

static s64 ms_to_timeo(int timeout)
{
	if (timeout < 0)
		return MAX_SCHEDULE_TIMEOUT;
	return (s64)timeout * (s64)NSEC_PER_MSEC;
}

/* Held references to the polled files, so none vanishes while we sleep. */
struct held_files {
	struct file **f;
	unsigned int n;
};

static void held_put(struct held_files *h)
{
	unsigned int i;

	for (i = 0; i < h->n; i++)
		if (h->f[i])
			fput(h->f[i]);
	free(h->f);
}

static int do_poll(struct pollfd *fds, nfds_t nfds, s64 timeo)
{
	struct poll_wqueues table;
	struct held_files held = { 0 };
	poll_table *pt;
	bool timed_out = false;
	int count = 0;
	nfds_t i;

	held.f = calloc(nfds ? nfds : 1, sizeof(*held.f));
	if (!held.f)
		return -ENOMEM;
	held.n = (unsigned int)nfds;
	for (i = 0; i < nfds; i++) {
		struct file *file = fds[i].fd >= 0 ? fdget(fds[i].fd) : NULL;

		if (file)
			fget_raw(file);
		held.f[i] = file;
	}
	poll_initwait(&table);
	pt = timeo ? &table.pt : NULL;
	for (;;) {
		current_waiter()->woken = false;
		count = 0;
		for (i = 0; i < nfds; i++) {
			unsigned int mask;

			fds[i].revents = 0;
			if (fds[i].fd < 0)
				continue;
			if (!held.f[i]) {
				fds[i].revents = POLLNVAL;
				count++;
				continue;
			}
			mask = held.f[i]->f_op->poll
				       ? held.f[i]->f_op->poll(held.f[i], pt)
				       : (POLLIN | POLLOUT | POLLRDNORM |
					  POLLWRNORM);
			mask &= (unsigned int)fds[i].events | POLLERR | POLLHUP;
			fds[i].revents = (short)mask;
			if (mask)
				count++;
		}
		pt = NULL; /* registered on the first pass */
		if (count || timed_out || table.error)
			break;
		if (signal_pending()) {
			table.error = -EINTR;
			break;
		}
		timeo = schedule_timeout(timeo);
		if (!timeo)
			timed_out = true;
	}
	poll_freewait(&table);
	held_put(&held);
	return table.error && !count ? table.error : count;
}

int tn_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	SYSCALL_ENTER();
	if (nfds > 65536) {
		ret = -EINVAL;
		goto out;
	}
	if (nfds && !fds) {
		ret = -EFAULT;
		goto out;
	}
	ret = do_poll(fds, nfds, ms_to_timeo(timeout));
out:
	SYSCALL_EXIT();
}

#define POLLIN_SET  (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define POLLEX_SET  (POLLPRI)

int tn_select(int nfds, fd_set *rfds, fd_set *wfds, fd_set *efds,
	      struct timeval *timeout)
{
	struct pollfd *pfds = NULL;
	s64 timeo = MAX_SCHEDULE_TIMEOUT;
	u64 start;
	int i, n = 0, count = 0;

	SYSCALL_ENTER();
	if (nfds < 0 || nfds > FD_SETSIZE) {
		ret = -EINVAL;
		goto out;
	}
	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_usec < 0) {
			ret = -EINVAL;
			goto out;
		}
		timeo = (s64)timeout->tv_sec * (s64)NSEC_PER_SEC +
			(s64)timeout->tv_usec * (s64)NSEC_PER_USEC;
	}
	pfds = calloc(nfds ? (size_t)nfds : 1, sizeof(*pfds));
	if (!pfds) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < nfds; i++) {
		short ev = 0;

		if (rfds && FD_ISSET(i, rfds))
			ev |= POLLIN_SET;
		if (wfds && FD_ISSET(i, wfds))
			ev |= POLLOUT_SET;
		if (efds && FD_ISSET(i, efds))
			ev |= POLLEX_SET;
		if (!ev)
			continue;
		if (!fdget(i)) {
			ret = -EBADF;
			goto out;
		}
		pfds[n].fd = i;
		pfds[n].events = ev;
		n++;
	}
	start = net_now();
	ret = do_poll(pfds, (nfds_t)n, timeo);
	if (ret < 0)
		goto out;
	if (rfds)
		FD_ZERO(rfds);
	if (wfds)
		FD_ZERO(wfds);
	if (efds)
		FD_ZERO(efds);
	for (i = 0; i < n; i++) {
		short r = pfds[i].revents;

		if (rfds && (r & POLLIN_SET) && (pfds[i].events & POLLIN)) {
			FD_SET(pfds[i].fd, rfds);
			count++;
		}
		if (wfds && (r & POLLOUT_SET) && (pfds[i].events & POLLOUT)) {
			FD_SET(pfds[i].fd, wfds);
			count++;
		}
		if (efds && (r & POLLEX_SET)) {
			FD_SET(pfds[i].fd, efds);
			count++;
		}
	}
	ret = count;
	if (timeout) {
		u64 spent = net_now() - start;
		s64 left = timeo > (s64)spent ? timeo - (s64)spent : 0;

		timeout->tv_sec = (time_t)(left / (s64)NSEC_PER_SEC);
		timeout->tv_usec = (suseconds_t)((left % (s64)NSEC_PER_SEC) /
						 (s64)NSEC_PER_USEC);
	}
out:
	free(pfds);
	SYSCALL_EXIT();
}
