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

/*
 * Take the lock, counted among its waiters meanwhile (see stack_relax).  It
 * is not recursive: a second stack_enter() from the thread that holds it
 * aborts (lockdep's report in debug builds).
 */
void __stack_lock(struct tn_stack *st, const char *site)
{
#ifdef CONFIG_LOCKDEP
	lock_acquire(&st->lock.dep_map, false, site);
#else
	(void)site;
#endif
	BUG_ON(mutex_is_owner(&st->lock));
	if (!__lock_word_trylock(&st->lock.val)) {
		atomic_fetch_add(&st->lock_waiters, 1);
		__lock_word_slow(&st->lock.val, 0);
		atomic_fetch_sub(&st->lock_waiters, 1);
	}
	atomic_store_explicit(&st->lock.owner, mutex_self(),
			      memory_order_relaxed);
	clock_refresh(st);
}

void stack_unlock(struct tn_stack *st)
{
	mutex_unlock(&st->lock);
}

void __stack_enter(struct tn_stack *st, const char *site)
{
	__stack_lock(st, site);
	tn_ctx.st = st;
}

void stack_exit(struct tn_stack *st)
{
	struct tn_task *task = current_task();

	do_softirq(st);
	if (st->net_cleanup_pending)
		net_cleanup_deferred(st);
	/* An interruption ends with the call it interrupted. */
	if (task)
		task->sigpending = false;
	stack_unlock(st);
}

int stack_cond_wait(struct tn_stack *st, struct tn_cond *cond,
		    const struct timespec *abstime)
{
	struct tn_thread_ctx saved = tn_ctx;
	unsigned int seq;
	int ret;

	BUG_ON(!mutex_is_owner(&st->lock));
#ifdef CONFIG_LOCKDEP
	lock_release(&st->lock.dep_map);
#endif
	/* read under the lock: a signal from here on moves it */
	seq = atomic_load_explicit(&cond->seq, memory_order_relaxed);
	atomic_store_explicit(&st->lock.owner, 0, memory_order_relaxed);
	__lock_word_unlock(&st->lock.val);
	ret = tn_cond_sleep(cond, seq, abstime);
	if (!__lock_word_trylock(&st->lock.val))
		__lock_word_slow(&st->lock.val, 0);
	atomic_store_explicit(&st->lock.owner, mutex_self(),
			      memory_order_relaxed);
	clock_refresh(st);
#ifdef CONFIG_LOCKDEP
	/* Taken again: anything held across the sleep is checked here. */
	lock_acquire(&st->lock.dep_map, false, LOCK_SITE);
#endif
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
	int i;

	stack_unlock(st);
	for (i = 0; i < 64 && atomic_load(&st->lock_waiters); i++)
		sched_yield();
	stack_lock(st);
}

bool stack_lock_held(const struct tn_stack *st)
{
	return st && mutex_is_owner(&st->lock);
}

struct tn_stack *tn_stack_create(const struct tn_stack_config *cfg)
{
	struct tn_stack_config dflt = { .clock = TN_CLOCK_REAL };
	struct tn_thread_ctx saved = tn_ctx;
	struct tn_stack *st;
	unsigned int i;
	int err;

	if (!cfg)
		cfg = &dflt;
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st) {
		errno = ENOMEM;
		return NULL;
	}
	mutex_init(&st->lock);
	mutex_init(&st->rtnl_mutex);
	mutex_init(&st->pernet_ops_rwsem);
	for (i = 0; i < NR_TIMER_BASES; i++)
		spin_lock_init(&st->timer_base[i].lock);
	tn_cond_init(&st->worker_cond);

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

	if (cfg->tcp_congestion_control)
		(void)snprintf(st->tcp_cong_default,
			       sizeof(st->tcp_cong_default), "%s",
			       cfg->tcp_congestion_control);
	stack_enter(st);
	st->init_task = task_alloc(st, false, NULL);
	current_set(st, st->init_task);
	err = st->init_task ? stack_init_levels(st, cfg) : -ENOMEM;
	stack_exit(st);
	if (err) {
		current_set(saved.st, saved.task);
		tn_stack_destroy(st);
		errno = -err;
		return NULL;
	}

	if (st->clock_kind == TN_CLOCK_REAL || st->idle_advance) {
		st->worker_running = true;
		if (pthread_create(&st->worker, NULL, stack_worker, st)) {
			st->worker_running = false;
			current_set(saved.st, saved.task);
			tn_stack_destroy(st);
			errno = EAGAIN;
			return NULL;
		}
	}
	pthread_mutex_lock(&tn_default_lock);
	if (!tn_default_stack)
		tn_default_stack = st;
	pthread_mutex_unlock(&tn_default_lock);
	current_set(saved.st, saved.task);
	return st;
}

void tn_stack_destroy(struct tn_stack *st)
{
	struct tn_task *task, *tmp;
	unsigned int i;

	if (!st)
		return;
	if (st->worker_running) {
		stack_lock(st);
		st->stopping = true;
		stack_kick(st); /* also out of a wait on drivers' fds */
		stack_unlock(st);
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
	stack_unlock(st);

	pthread_mutex_lock(&tn_default_lock);
	if (tn_default_stack == st)
		tn_default_stack = NULL;
	pthread_mutex_unlock(&tn_default_lock);
	if (tn_ctx.st == st)
		current_set(NULL, NULL);
	/* pages outlive no stack in a test's eyes (page_live_count()) */
	current_task_frag_put();
	skb_cache_free(st);
	for (i = 0; i < NR_TIMER_BASES; i++)
		kfree(st->timer_base[i].heap);
	mutex_destroy(&st->pernet_ops_rwsem);
	mutex_destroy(&st->rtnl_mutex);
	mutex_destroy(&st->lock);
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
	stack_lock(st);
	stats->live_skbs = st->live_skbs;
	stats->live_socks = st->live_socks;
	stats->live_files = st->live_files;
	stats->live_netns = st->live_netns;
	stack_unlock(st);
}
