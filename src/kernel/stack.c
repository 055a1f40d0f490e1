// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack object, one "kernel" (init/main.c for its life cycle), and
 * its lock: what a call takes to enter the stack and leaves through
 * stack_exit(), where pending softirq work runs.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/random.h>
#include <time.h>

#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "../core/core.h"
#include "kernel.h"

/* The process's default stack: the first one created. */
static pthread_mutex_t tn_default_lock = PTHREAD_MUTEX_INITIALIZER;
struct tn_stack *tn_default_stack;

/* Take the lock, counted among its waiters meanwhile (see stack_relax). */
void stack_lock(struct tn_stack *st)
{
	if (pthread_mutex_trylock(&st->lock) == 0)
		return;
	atomic_fetch_add(&st->lock_waiters, 1);
	pthread_mutex_lock(&st->lock);
	atomic_fetch_sub(&st->lock_waiters, 1);
}

void stack_enter(struct tn_stack *st)
{
	stack_lock(st);
	if (st->lock_depth++ == 0) {
		st->lock_owner = pthread_self();
		/* Remember the caller's context only at the outermost level. */
	}
	tn_ctx.st = st;
}

void stack_exit(struct tn_stack *st)
{
	if (st->lock_depth == 1) {
		struct tn_task *task = current_task();

		do_softirq(st);
		/* An interruption ends with the call it interrupted. */
		if (task)
			task->sigpending = false;
	}
	if (--st->lock_depth == 0)
		st->lock_owner = (pthread_t)0;
	pthread_mutex_unlock(&st->lock);
}

int stack_cond_wait(struct tn_stack *st, pthread_cond_t *cond,
		    const struct timespec *abstime)
{
	struct tn_thread_ctx saved = tn_ctx;
	int depth = st->lock_depth, ret;

	WARN_ON_ONCE(depth != 1);
	st->lock_depth = 0;
	st->lock_owner = (pthread_t)0;
	if (abstime)
		ret = pthread_cond_timedwait(cond, &st->lock, abstime);
	else
		ret = pthread_cond_wait(cond, &st->lock);
	st->lock_depth = depth;
	st->lock_owner = pthread_self();
	tn_ctx.st = saved.st;
	tn_ctx.task = saved.task;
	return ret;
}

/*
 * stack_relax - let those waiting for the lock have it, between two
 * batches of the worker's work.  A mutex is not fair: unlocking and locking
 * again would mostly find it free, so yield while anyone waits (a bounded
 * number of times: they may hold it long).
 */
void stack_relax(struct tn_stack *st)
{
	int depth = st->lock_depth, i;

	st->lock_depth = 0;
	st->lock_owner = (pthread_t)0;
	pthread_mutex_unlock(&st->lock);
	for (i = 0; i < 64 && atomic_load(&st->lock_waiters); i++)
		sched_yield();
	stack_lock(st);
	st->lock_depth = depth;
	st->lock_owner = pthread_self();
}

bool stack_lock_held(const struct tn_stack *st)
{
	return st && st->lock_depth > 0 &&
	       pthread_equal(st->lock_owner, pthread_self());
}

struct tn_stack *tn_stack_create(const struct tn_stack_config *cfg)
{
	struct tn_stack_config dflt = { .clock = TN_CLOCK_REAL };
	struct tn_thread_ctx saved = tn_ctx;
	pthread_mutexattr_t mattr;
	pthread_condattr_t cattr;
	struct tn_stack *st;
	int err;

	if (!cfg)
		cfg = &dflt;
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st) {
		errno = ENOMEM;
		return NULL;
	}
	pthread_mutexattr_init(&mattr);
	pthread_mutexattr_settype(&mattr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&st->lock, &mattr);
	pthread_mutexattr_destroy(&mattr);
	pthread_condattr_init(&cattr);
	pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC);
	pthread_cond_init(&st->worker_cond, &cattr);
	pthread_condattr_destroy(&cattr);

	st->clock_kind = cfg->clock;
	st->idle_advance = cfg->clock == TN_CLOCK_VIRTUAL && cfg->idle_advance;
	st->vnow = VIRTUAL_BOOT_NS;
	st->voffset = (s64)VIRTUAL_BOOT_NS - mono_ns();
	if (cfg->clock == TN_CLOCK_VIRTUAL) {
		st->prng_state = 0x9E3779B97F4A7C15ULL; /* reproducible runs */
	} else if (getrandom(&st->prng_state, sizeof(st->prng_state), 0) !=
			   sizeof(st->prng_state) ||
		   !st->prng_state) {
		st->prng_state = 0x9E3779B97F4A7C15ULL ^ (u64)time(NULL);
	}
	skb_queue_head_init(&st->softnet.input_pkt_queue);
	/* the rest of the softnet data is net_dev_init's; these lists are
	 * walked by every softirq, even one before that level ran */
	INIT_LIST_HEAD(&st->softnet.poll_list);
	INIT_LIST_HEAD(&st->softnet.poll_fds);
	st->softnet.poll_wake_fd = -1;
	INIT_LIST_HEAD(&st->net_list);
	INIT_LIST_HEAD(&st->netns_names);
	INIT_LIST_HEAD(&st->tasks);
	INIT_LIST_HEAD(&st->rtnl_link_ops);
	INIT_LIST_HEAD(&st->pernet_list);
	INIT_LIST_HEAD(&st->sysctl_list);
	INIT_LIST_HEAD(&st->proc_list);

	stack_enter(st);
	st->init_task = task_alloc(st, false, NULL);
	current_set(st, st->init_task);
	err = st->init_task ? stack_init_levels(st, cfg) : -ENOMEM;
	stack_exit(st);
	if (err) {
		tn_ctx = saved;
		tn_stack_destroy(st);
		errno = -err;
		return NULL;
	}

	if (st->clock_kind == TN_CLOCK_REAL || st->idle_advance) {
		st->worker_running = true;
		if (pthread_create(&st->worker, NULL, stack_worker, st)) {
			st->worker_running = false;
			tn_ctx = saved;
			tn_stack_destroy(st);
			errno = EAGAIN;
			return NULL;
		}
	}
	pthread_mutex_lock(&tn_default_lock);
	if (!tn_default_stack)
		tn_default_stack = st;
	pthread_mutex_unlock(&tn_default_lock);
	tn_ctx = saved;
	return st;
}

void tn_stack_destroy(struct tn_stack *st)
{
	struct tn_task *task, *tmp;
	unsigned int i;

	if (!st)
		return;
	if (st->worker_running) {
		pthread_mutex_lock(&st->lock);
		st->stopping = true;
		stack_kick(st); /* also out of a wait on drivers' fds */
		pthread_mutex_unlock(&st->lock);
		pthread_join(st->worker, NULL);
		st->worker_running = false;
	}
	stack_enter(st);
	current_set(st, st->init_task);
	list_for_each_entry_safe(task, tmp, &st->tasks, list)
		if (task != st->init_task)
			task_free(task);
	if (st->init_task)
		files_close_all(st->init_task->files);
	stack_exit_levels(st);
	if (st->init_task) {
		list_del(&st->init_task->list);
		files_free(st->init_task->files);
		kfree(st->init_task->files);
		kfree(st->init_task);
		st->init_task = NULL;
	}
	skb_queue_purge(&st->softnet.input_pkt_queue);
	st->lock_depth--;
	pthread_mutex_unlock(&st->lock);

	pthread_mutex_lock(&tn_default_lock);
	if (tn_default_stack == st)
		tn_default_stack = NULL;
	pthread_mutex_unlock(&tn_default_lock);
	if (tn_ctx.st == st)
		current_set(NULL, NULL);
	skb_cache_free(st);
	for (i = 0; i < NR_TIMER_BASES; i++)
		kfree(st->timer_base[i].heap);
	pthread_cond_destroy(&st->worker_cond);
	pthread_mutex_destroy(&st->lock);
	kfree(st);
}

void tn_stack_attach(struct tn_stack *st)
{
	tn_ctx.st = st;
	tn_ctx.task = NULL;
}

struct tn_stack *tn_stack_current(void)
{
	return current_stack();
}

void tn_stack_get_stats(struct tn_stack *st, struct tn_stack_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	if (!st)
		return;
	pthread_mutex_lock(&st->lock);
	stats->live_skbs = st->live_skbs;
	stats->live_socks = st->live_socks;
	stats->live_files = st->live_files;
	stats->live_netns = st->live_netns;
	pthread_mutex_unlock(&st->lock);
}
