// SPDX-License-Identifier: BSD-2-Clause
/*
 * Softirq context (kernel/softirq.c) and the stack's worker thread,
 * which is both ksoftirqd and the timer interrupt of a real-clock or
 * idle-advancing stack.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <net/fs.h>
#include <net/interrupt.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "kernel.h"

/* ---- drivers' file descriptors ---- */

/* one watched fd (softnet.poll_fds) */
struct netdev_poll_fd {
	struct list_head list;
	struct net_device *dev;
	int fd;
	short events;
	netdev_poll_fd_cb cb;
	void *arg;
	u64 gen; /* tells a new registration of the same fd from the old */
};

/* at most this many fds are looked at per wait (the rest next time) */
#define POLL_FDS_MAX 64

static struct netdev_poll_fd *poll_fd_find(struct tn_stack *st, int fd)
{
	struct netdev_poll_fd *p;

	list_for_each_entry(p, &st->softnet.poll_fds, list)
		if (p->fd == fd)
			return p;
	return NULL;
}

int netdev_poll_fd_add(struct net_device *dev, int fd, short events,
		       netdev_poll_fd_cb cb, void *arg)
{
	struct tn_stack *st = current_stack();
	struct softnet_data *sd = &st->softnet;
	struct netdev_poll_fd *p;

	if (fd < 0 || !cb || !events)
		return -EINVAL;
	if (poll_fd_find(st, fd))
		return -EEXIST;
	if (sd->poll_wake_fd < 0) {
		sd->poll_wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (sd->poll_wake_fd < 0)
			return -errno;
	}
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->dev = dev;
	p->fd = fd;
	p->events = events;
	p->cb = cb;
	p->arg = arg;
	p->gen = ++sd->poll_fd_gen;
	list_add_tail(&p->list, &sd->poll_fds);
	sd->nr_poll_fds++;
	stack_kick(st); /* a worker asleep must wait on it too */
	return 0;
}

int netdev_poll_fd_events(struct net_device *dev, int fd, short events)
{
	struct tn_stack *st = current_stack();
	struct netdev_poll_fd *p = poll_fd_find(st, fd);

	if (!p || p->dev != dev)
		return -ENOENT;
	if (!events)
		return -EINVAL;
	p->events = events;
	stack_kick(st);
	return 0;
}

void netdev_poll_fd_del(struct net_device *dev, int fd)
{
	struct tn_stack *st = current_stack();
	struct netdev_poll_fd *p = poll_fd_find(st, fd);

	if (!p || p->dev != dev)
		return;
	list_del_init(&p->list);
	st->softnet.nr_poll_fds--;
	kfree(p);
	/* a worker inside poll(2) may still hold the fd: it wakes, finds
	 * the registration gone and does not call back */
	stack_kick(st);
}

void netdev_poll_fds_free(struct tn_stack *st)
{
	struct softnet_data *sd = &st->softnet;
	struct netdev_poll_fd *p, *tmp;

	list_for_each_entry_safe(p, tmp, &sd->poll_fds, list) {
		list_del_init(&p->list);
		kfree(p);
	}
	sd->nr_poll_fds = 0;
	if (sd->poll_wake_fd >= 0)
		close(sd->poll_wake_fd);
	sd->poll_wake_fd = -1;
}

/*
 * poll_fds_wait - wait for the watched fds, the wake eventfd, or
 * @deadline (CLOCK_MONOTONIC; NULL: none; {0,0}: do not wait), then call
 * back those ready.  The stack lock is let go during the wait only, as
 * stack_relax does, so calls get in.  Context: the worker or the softirq,
 * stack lock held.
 */
static void poll_fds_wait(struct tn_stack *st, const struct timespec *deadline)
{
	struct softnet_data *sd = &st->softnet;
	struct pollfd pfd[POLL_FDS_MAX + 1];
	u64 gen[POLL_FDS_MAX + 1];
	struct netdev_poll_fd *p;
	int n = 0, timeout = -1, i;
	bool was_softirq;

	list_for_each_entry(p, &sd->poll_fds, list) {
		if (n == POLL_FDS_MAX)
			break;
		pfd[n].fd = p->fd;
		pfd[n].events = p->events;
		pfd[n].revents = 0;
		gen[n++] = p->gen;
	}
	/* the wake fd goes last, so a busy driver does not starve it */
	pfd[n].fd = sd->poll_wake_fd;
	pfd[n].events = POLLIN;
	pfd[n].revents = 0;
	if (deadline) {
		struct timespec now;
		s64 ns;

		clock_gettime(CLOCK_MONOTONIC, &now);
		ns = (s64)(deadline->tv_sec - now.tv_sec) * (s64)NSEC_PER_SEC +
		     (deadline->tv_nsec - now.tv_nsec);
		if (!deadline->tv_sec && !deadline->tv_nsec)
			ns = 0;
		timeout = ns <= 0	      ? 0
			  : ns > 1000000000LL ? 1000
					      : (int)((ns + 999999) / 1000000);
	}
	if (timeout) {
		stack_unlock(st);
		i = poll(pfd, (nfds_t)n + 1, timeout);
		stack_lock(st);
	} else {
		i = poll(pfd, (nfds_t)n + 1, 0);
	}
	if (i <= 0)
		return;
	if (pfd[n].revents) {
		u64 v;

		while (read(sd->poll_wake_fd, &v, sizeof(v)) == sizeof(v))
			;
	}
	/* the callbacks are softirq work (only they: others' calls run
	 * their own softirq while this thread waited) */
	was_softirq = st->in_softirq;
	st->in_softirq = true;
	for (i = 0; i < n; i++) {
		if (!pfd[i].revents)
			continue;
		p = poll_fd_find(st, pfd[i].fd);
		/* gone, or another registration of that fd meanwhile */
		if (!p || p->gen != gen[i])
			continue;
		p->cb(p->dev, p->fd, pfd[i].revents, p->arg);
	}
	st->in_softirq = was_softirq;
}

/*
 * do_softirq - receive processing (net_rx_action polling the scheduled
 * NAPIs, the backlog's among them) and the transmit softirq (the qdiscs a
 * woken queue scheduled), with a budget per round and a bound on rounds,
 * so a storm cannot hold the lock forever.
 * What is left is the worker's (real clock) or the next call's.
 */
void do_softirq(struct tn_stack *st)
{
	int rounds;

	if (st->in_softirq)
		return;
	st->in_softirq = true;
	/* without a worker, drivers' fds are looked at here, not waited on */
	if (st->softnet.nr_poll_fds && !st->worker_running)
		poll_fds_wait(st, &(struct timespec){ 0, 0 });
	for (rounds = 0; rounds < 64; rounds++) {
		bool more = net_rx_action(st);

		if (net_tx_action(st))
			more = true;
		if (tasklet_action(st))
			more = true;
		if (!more)
			break;
	}
	st->in_softirq = false;
	if (net_rx_pending(st))
		stack_kick(st);
}

/* ---- tasklets (net/interrupt.h) ---- */

void tasklet_schedule(struct tasklet_struct *t)
{
	struct softnet_data *sd = &t->st->softnet;

	if (t->scheduled)
		return;
	t->scheduled = true;
	t->next = NULL;
	if (sd->tasklet_tail)
		sd->tasklet_tail->next = t;
	else
		sd->tasklet_head = t;
	sd->tasklet_tail = t;
}

bool tasklet_action(struct tn_stack *st)
{
	struct softnet_data *sd = &st->softnet;
	struct tasklet_struct *t = sd->tasklet_head, *next;

	/* those scheduled meanwhile wait for the next round */
	sd->tasklet_head = sd->tasklet_tail = NULL;
	for (; t; t = next) {
		next = t->next;
		t->next = NULL;
		t->scheduled = false; /* it may schedule itself again */
		t->callback(t);
	}
	return sd->tasklet_head != NULL;
}

void stack_kick(struct tn_stack *st)
{
	if (!st->worker_running)
		return;
	/* awake (or woken already): it looks again before it sleeps */
	if (!atomic_exchange_explicit(&st->worker_wake, 0,
				      memory_order_relaxed))
		return;
	atomic_fetch_add_explicit(&st->worker_kicks, 1, memory_order_relaxed);
	tn_cond_signal(&st->worker_cond);
	/* a worker waiting on drivers' fds waits in poll(2) instead */
	if (st->softnet.poll_wake_fd >= 0) {
		u64 one = 1;

		if (write(st->softnet.poll_wake_fd, &one, sizeof(one)) < 0) {
			/* the counter is full: the worker will wake anyway */
		}
	}
}

bool all_asleep(const struct tn_stack *st)
{
	return st->nr_tasks && st->nr_sleeping >= st->nr_tasks;
}

/*
 * idle_jump - idle advance, one batch: when every counted task is asleep in
 * the stack and the backlog is empty, nothing can happen before the next
 * timer that someone waits for, so time jumps there, and the timers due
 * then run.  Deferrable timers (periodic housekeeping) are no such
 * deadline: with only those pending, time flows at the real pace and
 * everyone waits.  The result equals a real run in which everyone simply
 * waited.  Context: the worker, stack lock held.
 */
static bool idle_jump(struct tn_stack *st)
{
	struct timer_list *t;

	if (!st->idle_advance || !all_asleep(st) || net_rx_pending(st))
		return false;
	t = next_timer(st, 1U << TIMER_BASE_STD);
	if (!t)
		return false;
	clock_set(st, t->expires);
	run_timers(st);
	do_softirq(st);
	return true;
}

/* The CLOCK_MONOTONIC instant when @st's clock reads @expires. */
static struct timespec clock_to_real(const struct tn_stack *st, u64 expires)
{
	struct timespec ts;
	s64 real = (s64)expires;

	if (st->idle_advance &&
	    __builtin_sub_overflow((s64)expires, st->voffset, &real))
		real = KTIME_MAX;
	if (real < 0)
		real = 0;
	ts.tv_sec = (time_t)(real / (s64)NSEC_PER_SEC);
	ts.tv_nsec = (long)(real % (s64)NSEC_PER_SEC);
	return ts;
}

/*
 * The worker: softirq context of a real-clock or idle-advancing stack
 * ("ksoftirqd", and the timer interrupt).  It drops the lock between
 * batches, so that calls, tn_task_interrupt() and the daemon's stop get in.
 */
void *stack_worker(void *arg)
{
	struct tn_stack *st = arg;

	current_set(st, st->init_task);
	stack_enter(st);
	while (!st->stopping) {
		struct timer_list *t;
		struct timespec ts;

		/* awake: no one need kick it until it sleeps again */
		atomic_store_explicit(&st->worker_wake, 0,
				      memory_order_relaxed);
		clock_refresh(st); /* a new batch, maybe without a sleep */
		run_timers(st);
		do_softirq(st);
		if (net_rx_pending(st) || idle_jump(st)) {
			stack_relax(st);
			continue;
		}
		t = next_timer(st, ALL_BASES);
		if (t)
			ts = clock_to_real(st, t->expires);
		/* from here until it has the lock again, it sleeps */
		atomic_store_explicit(&st->worker_wake,
				      t ? t->expires : (u64)KTIME_MAX,
				      memory_order_relaxed);
		if (st->softnet.nr_poll_fds) {
			/* the fds and the next timer at once */
			poll_fds_wait(st, t ? &ts : NULL);
			continue;
		}
		if (!t) {
			stack_cond_wait(st, &st->worker_cond, NULL);
			continue;
		}
		stack_cond_wait(st, &st->worker_cond, &ts);
	}
	stack_exit(st);
	return NULL;
}
