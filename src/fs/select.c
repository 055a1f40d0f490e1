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

#include <net/syscall.h>

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

	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
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

#ifndef USEC_PER_SEC
#define USEC_PER_SEC 1000000L
#endif

/* A point in time on the stack clock, as Linux's struct timespec64. */
struct tn_ts {
	s64 sec;
	long nsec;
};

/*
 * poll_select_set_timeout - @end becomes now + @sec.@nsec, saturating at
 * the largest time as Linux's timespec64_add_safe (a huge timeout is then
 * simply one that never expires); zero stays zero, "don't wait".
 */
static void poll_select_set_timeout(struct tn_ts *end, s64 sec, long nsec)
{
	u64 now = net_now();
	s64 carry;

	if (!sec && !nsec) {
		*end = (struct tn_ts){ 0, 0 };
		return;
	}
	end->sec = (s64)(now / NSEC_PER_SEC);
	end->nsec = (long)(now % NSEC_PER_SEC) + nsec;
	carry = end->nsec >= (long)NSEC_PER_SEC;
	if (carry)
		end->nsec -= (long)NSEC_PER_SEC;
	if (sec > INT64_MAX - end->sec - carry)
		*end = (struct tn_ts){ INT64_MAX, 0 };
	else
		end->sec += sec + carry;
}

/*
 * poll_select_timeo - what is left until @end, for schedule_timeout():
 * MAX_SCHEDULE_TIMEOUT if @end lies beyond what the clock can count (as
 * an hrtimer at KTIME_MAX, it never fires), 0 if it has passed.
 */
static s64 poll_select_timeo(const struct tn_ts *end)
{
	u64 now = net_now(), end_ns;

	if (!end->sec && !end->nsec)
		return 0;
	if (end->sec >= KTIME_SEC_MAX)
		return MAX_SCHEDULE_TIMEOUT;
	end_ns = (u64)end->sec * NSEC_PER_SEC + (u64)end->nsec;
	if (end_ns > (u64)INT64_MAX)
		return MAX_SCHEDULE_TIMEOUT;
	return end_ns > now ? (s64)(end_ns - now) : 0;
}

/* poll_select_remaining - @end minus now, never negative */
static struct tn_ts poll_select_remaining(const struct tn_ts *end)
{
	u64 now = net_now();
	struct tn_ts rem = { end->sec - (s64)(now / NSEC_PER_SEC),
			     end->nsec - (long)(now % NSEC_PER_SEC) };

	if (rem.nsec < 0) {
		rem.nsec += (long)NSEC_PER_SEC;
		rem.sec--;
	}
	if (rem.sec < 0)
		rem = (struct tn_ts){ 0, 0 };
	return rem;
}

/*
 * The result sets are written as Linux writes them: whole longs up to the
 * (clamped) @nfds, so bits beyond the fd table are left as they were.
 */
static void select_clear(fd_set *set, int nfds)
{
	int i, end = (int)ALIGN((unsigned int)nfds, 8 * sizeof(long));

	if (!set)
		return;
	if (end > FD_SETSIZE)
		end = FD_SETSIZE;
	for (i = 0; i < end; i++)
		FD_CLR(i, set);
}

int tn_select(int nfds, fd_set *rfds, fd_set *wfds, fd_set *efds,
	      struct timeval *timeout)
{
	struct pollfd *pfds = NULL;
	struct tn_ts end = { 0, 0 };
	s64 timeo = MAX_SCHEDULE_TIMEOUT;
	int i, n = 0, count = 0;

	SYSCALL_ENTER();
	if (nfds < 0) {
		ret = -EINVAL;
		goto out;
	}
	/* Bits beyond the fd table are ignored, as Linux ignores them. */
	if (nfds > current_task()->files->max_fds)
		nfds = current_task()->files->max_fds;
	if (nfds > FD_SETSIZE)
		nfds = FD_SETSIZE;
	if (timeout) {
		s64 sec = timeout->tv_sec;
		long usec = timeout->tv_usec, nsec;

		if (sec < 0 || usec < 0) {
			ret = -EINVAL;
			goto out;
		}
		/* Normalized, and saturated where the sum would overflow
		 * (as the C library does before the system call). */
		if (usec / (long)USEC_PER_SEC > INT64_MAX - sec) {
			sec = INT64_MAX;
			nsec = (long)NSEC_PER_SEC - 1;
		} else {
			sec += usec / (long)USEC_PER_SEC;
			nsec = (usec % (long)USEC_PER_SEC) *
			       (long)NSEC_PER_USEC;
		}
		poll_select_set_timeout(&end, sec, nsec);
		timeo = poll_select_timeo(&end);
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
	ret = do_poll(pfds, (nfds_t)n, timeo);
	if (ret < 0)
		goto out;
	select_clear(rfds, nfds);
	select_clear(wfds, nfds);
	select_clear(efds, nfds);
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
	if (timeout && (end.sec || end.nsec)) {
		struct tn_ts rem = poll_select_remaining(&end);

		timeout->tv_sec = (time_t)rem.sec;
		timeout->tv_usec =
			(suseconds_t)(rem.nsec / (long)NSEC_PER_USEC);
	}
out:
	free(pfds);
	SYSCALL_EXIT();
}
