// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack object: thread context, the stack lock, the clock, timers,
 * softirq and the worker thread, sleeping and waking, tasks.
 * Linux counterparts: kernel/time/timer.c, kernel/softirq.c,
 * kernel/sched/wait.c and the task bits of kernel/fork.c.
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

#include "core.h"

/* The thread's context: which stack, acting as which task. */
struct tn_thread_ctx {
	struct tn_stack *st;
	struct tn_task *task;
	struct tn_waiter waiter;
	bool waiter_ready;
};

static __thread struct tn_thread_ctx tn_ctx;

/* The process's default stack: the first one created. */
static pthread_mutex_t tn_default_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tn_stack *tn_default_stack;

/* Virtual clocks start at 2026-01-01 00:00:00 UTC for wall-clock readers. */
#define VIRTUAL_EPOCH_NS (1767225600ULL * NSEC_PER_SEC)
/* ... and at 100 s of uptime, so that no timestamp is ever 0. */
#define VIRTUAL_BOOT_NS (100ULL * NSEC_PER_SEC)

struct tn_stack *current_stack(void)
{
	return tn_ctx.st ? tn_ctx.st : tn_default_stack;
}

struct tn_task *current_task(void)
{
	struct tn_stack *st = current_stack();

	if (tn_ctx.task && tn_ctx.task->st == st)
		return tn_ctx.task;
	return st ? st->init_task : NULL;
}

struct net *current_net(void)
{
	struct tn_task *task = current_task();

	return task ? task->net : NULL;
}

void current_set(struct tn_stack *st, struct tn_task *task)
{
	tn_ctx.st = st;
	tn_ctx.task = task;
}

struct tn_waiter *current_waiter(void)
{
	if (!tn_ctx.waiter_ready) {
		pthread_condattr_t attr;

		pthread_condattr_init(&attr);
		pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
		pthread_cond_init(&tn_ctx.waiter.cond, &attr);
		pthread_condattr_destroy(&attr);
		tn_ctx.waiter_ready = true;
	}
	return &tn_ctx.waiter;
}

/* ---- the stack lock ---- */

/* Take the lock, counted among its waiters meanwhile (see stack_relax). */
static void stack_lock(struct tn_stack *st)
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
static void stack_relax(struct tn_stack *st)
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

/* ---- clock ---- */

static s64 mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (s64)ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
}

/* @real (CLOCK_MONOTONIC) + @off, within [0, KTIME_MAX]. */
static u64 clock_shift(s64 real, s64 off)
{
	s64 v;

	if (__builtin_add_overflow(real, off, &v))
		return off > 0 ? (u64)KTIME_MAX : 0;
	return v < 0 ? 0 : (u64)v;
}

u64 ktime_get_ns(const struct tn_stack *st)
{
	if (st->clock_kind == TN_CLOCK_REAL)
		return (u64)mono_ns();
	if (st->idle_advance)
		return clock_shift(mono_ns(), st->voffset);
	return st->vnow;
}

/*
 * clock_set - move a virtual clock forward to @t (at most KTIME_MAX);
 * an idle-advancing one keeps flowing at the real pace from there.
 */
static void clock_set(struct tn_stack *st, u64 t)
{
	if (t > (u64)KTIME_MAX)
		t = (u64)KTIME_MAX;
	if (t <= ktime_get_ns(st))
		return;
	if (st->idle_advance)
		st->voffset =
			(s64)t - mono_ns(); /* mono_ns() >= 0: no overflow */
	else
		st->vnow = t;
}

u64 ktime_get_real_ns(const struct tn_stack *st)
{
	struct timespec ts;

	if (st->clock_kind == TN_CLOCK_VIRTUAL)
		return VIRTUAL_EPOCH_NS + ktime_get_ns(st) - VIRTUAL_BOOT_NS;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

u64 net_now(void)
{
	return ktime_get_ns(current_stack());
}

/* ---- timers: per base, a binary min-heap of pending timers ---- */

static struct timer_base *timer_get_base(struct timer_list *t)
{
	return &t->st->timer_base[t->flags & TIMER_DEFERRABLE ? TIMER_BASE_DEF
							      : TIMER_BASE_STD];
}

static void heap_set(struct timer_base *b, unsigned int i, struct timer_list *t)
{
	b->heap[i] = t;
	t->heap_idx = (int)i;
}

static void heap_up(struct timer_base *b, unsigned int i)
{
	struct timer_list *t = b->heap[i];

	while (i > 0) {
		unsigned int parent = (i - 1) / 2;

		if (b->heap[parent]->expires <= t->expires)
			break;
		heap_set(b, i, b->heap[parent]);
		i = parent;
	}
	heap_set(b, i, t);
}

static void heap_down(struct timer_base *b, unsigned int i)
{
	struct timer_list *t = b->heap[i];

	for (;;) {
		unsigned int child = 2 * i + 1;

		if (child >= b->nr)
			break;
		if (child + 1 < b->nr &&
		    b->heap[child + 1]->expires < b->heap[child]->expires)
			child++;
		if (t->expires <= b->heap[child]->expires)
			break;
		heap_set(b, i, b->heap[child]);
		i = child;
	}
	heap_set(b, i, t);
}

static void heap_remove(struct timer_base *b, struct timer_list *t)
{
	unsigned int i = (unsigned int)t->heap_idx;
	struct timer_list *last = b->heap[--b->nr];

	t->heap_idx = -1;
	if (last == t)
		return;
	heap_set(b, i, last);
	heap_up(b, i);
	heap_down(b, (unsigned int)last->heap_idx);
}

void __timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		   struct tn_stack *st, u32 flags)
{
	t->function = fn;
	t->st = st;
	t->expires = 0;
	t->heap_idx = -1;
	t->flags = flags & TIMER_DEFERRABLE;
}

int mod_timer(struct timer_list *t, u64 expires)
{
	struct timer_base *b = timer_get_base(t);
	int was_pending = timer_pending(t);

	if (expires > (u64)KTIME_MAX)
		expires = (u64)KTIME_MAX;
	if (was_pending) {
		t->expires = expires;
		heap_up(b, (unsigned int)t->heap_idx);
		heap_down(b, (unsigned int)t->heap_idx);
	} else {
		if (b->nr == b->cap) {
			unsigned int cap = b->cap ? b->cap * 2 : 64;
			void *n = realloc(b->heap, cap * sizeof(*b->heap));

			/* Out of memory: better late than a lost timer. */
			BUG_ON(!n);
			b->heap = n;
			b->cap = cap;
		}
		t->expires = expires;
		heap_set(b, b->nr++, t);
		heap_up(b, (unsigned int)t->heap_idx);
	}
	if (b->heap[0] == t)
		stack_kick(t->st);
	return was_pending;
}

int del_timer(struct timer_list *t)
{
	if (!timer_pending(t))
		return 0;
	heap_remove(timer_get_base(t), t);
	return 1;
}

/*
 * The earliest pending timer of the bases in @mask (bit per base), or NULL.
 * A timer at KTIME_MAX never fires (the clock stops there): none.
 */
static struct timer_list *next_timer(struct tn_stack *st, unsigned int mask)
{
	struct timer_list *first = NULL;
	unsigned int i;

	for (i = 0; i < NR_TIMER_BASES; i++) {
		struct timer_base *b = &st->timer_base[i];

		if (!(mask & (1U << i)) || !b->nr)
			continue;
		if (!first || b->heap[0]->expires < first->expires)
			first = b->heap[0];
	}
	if (first && first->expires >= (u64)KTIME_MAX)
		return NULL;
	return first;
}

#define ALL_BASES ((1U << NR_TIMER_BASES) - 1)

void run_timers(struct tn_stack *st)
{
	u64 now = ktime_get_ns(st);
	struct timer_list *t;

	/* Both bases in one order, as if they were one heap. */
	while ((t = next_timer(st, ALL_BASES)) && t->expires <= now) {
		heap_remove(timer_get_base(t), t);
		t->function(t);
	}
}

/* ---- softirq ---- */

/*
 * do_softirq - receive processing (and the transmit softirq: the qdiscs a
 * woken queue scheduled): drain the backlog with a budget per
 * round and a bound on rounds, so a storm cannot hold the lock forever.
 * What is left is the worker's (real clock) or the next call's.
 */
void do_softirq(struct tn_stack *st)
{
	int rounds;

	if (st->in_softirq)
		return;
	st->in_softirq = true;
	for (rounds = 0; rounds < 64; rounds++) {
		bool more = net_rx_action(st);

		if (!net_tx_action(st) && !more)
			break;
	}
	st->in_softirq = false;
	if (!skb_queue_empty(&st->softnet.input_pkt_queue))
		stack_kick(st);
}

void stack_kick(struct tn_stack *st)
{
	if (st->worker_running)
		pthread_cond_signal(&st->worker_cond);
}

static bool all_asleep(const struct tn_stack *st)
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

	if (!st->idle_advance || !all_asleep(st) ||
	    !skb_queue_empty(&st->softnet.input_pkt_queue))
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
static void *stack_worker(void *arg)
{
	struct tn_stack *st = arg;

	current_set(st, st->init_task);
	stack_enter(st);
	while (!st->stopping) {
		struct timer_list *t;
		struct timespec ts;

		run_timers(st);
		do_softirq(st);
		if (!skb_queue_empty(&st->softnet.input_pkt_queue) ||
		    idle_jump(st)) {
			stack_relax(st);
			continue;
		}
		t = next_timer(st, ALL_BASES);
		if (!t) {
			stack_cond_wait(st, &st->worker_cond, NULL);
			continue;
		}
		ts = clock_to_real(st, t->expires);
		stack_cond_wait(st, &st->worker_cond, &ts);
	}
	stack_exit(st);
	return NULL;
}

/* ---- sleeping and waking ---- */

void init_wait_entry(struct wait_queue_entry *e, struct tn_waiter *w)
{
	INIT_LIST_HEAD(&e->entry);
	e->waiter = w;
	e->func = NULL;
	e->private = NULL;
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	if (list_empty(&e->entry))
		list_add_tail(&e->entry, &wq->head);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	(void)wq;
	if (!list_empty(&e->entry))
		list_del_init(&e->entry);
}

static void waiter_wake(struct tn_stack *st, struct tn_waiter *w)
{
	if (w->woken)
		return;
	w->woken = true;
	if (w->sleeping) {
		w->sleeping = false;
		st->nr_sleeping--;
	}
	pthread_cond_signal(&w->cond);
}

void wake_up_poll(struct wait_queue_head *wq, unsigned int key)
{
	struct wait_queue_entry *e, *n;
	struct tn_stack *st = current_stack();

	list_for_each_entry_safe(e, n, &wq->head, entry) {
		if (e->func)
			e->func(e, 0, (void *)(unsigned long)key);
		else
			waiter_wake(st, e->waiter);
	}
}

struct sleep_timer {
	struct timer_list timer;
	struct tn_waiter *waiter;
};

static void sleep_timeout(struct timer_list *t)
{
	struct sleep_timer *s = from_timer(s, t, timer);

	waiter_wake(t->st, s->waiter);
}

s64 schedule_timeout(s64 timeo)
{
	struct tn_stack *st = current_stack();
	struct tn_waiter *w = current_waiter();
	struct tn_task *task = current_task();
	struct sleep_timer s;
	u64 deadline, now;
	bool armed;

	WARN_ON_ONCE(st->lock_depth != 1);
	do_softirq(st);
	if (w->woken || (task && task->sigpending))
		return timeo;
	if (timeo <= 0)
		return 0;
	timer_setup(&s.timer, sleep_timeout, st);
	s.waiter = w;
	/* A deadline at or past the clock's limit never comes: no timer. */
	deadline = ktime_add_safe(ktime_get_ns(st), (u64)timeo);
	armed = deadline < (u64)KTIME_MAX;
	if (armed)
		mod_timer(&s.timer, deadline);
	if (task && task->counted) {
		w->sleeping = true;
		st->nr_sleeping++;
		/* The last one to fall asleep lets the worker jump. */
		if (st->idle_advance && all_asleep(st))
			stack_kick(st);
	}
	if (task)
		task->sleeper = w;
	while (!w->woken && !(task && task->sigpending))
		stack_cond_wait(st, &w->cond, NULL);
	if (task)
		task->sleeper = NULL;
	if (w->sleeping) {
		w->sleeping = false;
		st->nr_sleeping--;
	}
	del_timer(&s.timer);
	if (!armed)
		return timeo; /* a sleep without end, woken */
	now = ktime_get_ns(st);
	return now >= deadline ? 0 : (s64)(deadline - now);
}

/* ---- randomness ---- */

u32 get_random_u32(void)
{
	struct tn_stack *st = current_stack();
	u64 x = st->prng_state;

	/* xorshift64*: fast, good enough for ports, IDs and hash seeds. */
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	st->prng_state = x;
	return (u32)((x * 0x2545F4914F6CDD1DULL) >> 32);
}

/* ---- tasks ---- */

/*
 * task_alloc - a new task on @st; with @files it shares that table (taking
 * a reference), else it gets an empty one of its own.
 */
static struct tn_task *task_alloc(struct tn_stack *st, bool counted,
				  struct files_struct *files)
{
	struct tn_task *task = kzalloc(sizeof(*task), GFP_KERNEL);

	if (!task)
		return NULL;
	task->st = st;
	if (files)
		files->count++;
	else
		files = files_alloc();
	if (!files) {
		kfree(task);
		return NULL;
	}
	task->files = files;
	if (task_cred_init(task)) {
		put_files_struct(files);
		kfree(task);
		return NULL;
	}
	task->net = st->init_net ? get_net(st->init_net) : NULL;
	task->counted = counted;
	if (counted)
		st->nr_tasks++;
	list_add_tail(&task->list, &st->tasks);
	return task;
}

static void task_free(struct tn_task *task)
{
	struct tn_stack *st = task->st;
	struct tn_task *saved = tn_ctx.task;

	/* The last user of the files closes them, acting as the task. */
	tn_ctx.task = task;
	put_files_struct(task->files);
	task->files = NULL;
	tn_ctx.task = saved;
	list_del(&task->list);
	if (task->counted)
		st->nr_tasks--;
	if (task->net)
		put_net(task->net);
	task_cred_free(task);
	kfree(task);
}

struct tn_task *tn_task_create(struct tn_stack *st)
{
	struct tn_task *task;

	if (!st) {
		errno = EINVAL;
		return NULL;
	}
	stack_enter(st);
	task = task_alloc(st, true, NULL);
	stack_exit(st);
	if (!task)
		errno = ENOMEM;
	return task;
}

void tn_task_destroy(struct tn_task *task)
{
	struct tn_stack *st;

	if (!task)
		return;
	st = task->st;
	stack_enter(st);
	if (tn_ctx.task == task)
		tn_ctx.task = NULL;
	task_free(task);
	/* Those left may all be asleep now: the worker may jump. */
	stack_kick(st);
	stack_exit(st);
}

struct tn_task *tn_task_clone(struct tn_task *parent, unsigned int flags)
{
	struct files_struct *files = NULL;
	struct tn_stack *st;
	struct tn_task *task;

	if (!parent || (flags & ~TN_CLONE_FILES)) {
		errno = EINVAL;
		return NULL;
	}
	st = parent->st;
	stack_enter(st);
	/* A thread shares the table; a forked child gets a copy (dup_fd). */
	if (!(flags & TN_CLONE_FILES)) {
		files = dup_fd(parent->files);
		if (!files)
			goto nomem;
	}
	task = task_alloc(st, true, files ? files : parent->files);
	if (files)
		put_files_struct(files); /* task_alloc took its own reference */
	if (!task)
		goto nomem;
	if (parent->net && task->net != parent->net) {
		put_net(task->net);
		task->net = get_net(parent->net);
	}
	stack_exit(st);
	return task;
nomem:
	stack_exit(st);
	errno = ENOMEM;
	return NULL;
}

bool signal_pending(void)
{
	struct tn_task *task = current_task();

	return task && task->sigpending;
}

void tn_task_interrupt(struct tn_task *task)
{
	struct tn_stack *st;

	if (!task)
		return;
	st = task->st;
	stack_lock(st);
	if (task->sleeper) {
		task->sigpending = true;
		waiter_wake(st, task->sleeper);
	}
	pthread_mutex_unlock(&st->lock);
}

void tn_task_attach(struct tn_task *task)
{
	tn_ctx.task = task;
	if (task)
		tn_ctx.st = task->st;
}

/* ---- stacks ---- */

struct tn_stack *tn_stack_create(const struct tn_stack_config *cfg)
{
	struct tn_stack_config dflt = { .clock = TN_CLOCK_REAL };
	struct tn_thread_ctx saved = tn_ctx;
	pthread_mutexattr_t mattr;
	pthread_condattr_t cattr;
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
	INIT_LIST_HEAD(&st->net_list);
	INIT_LIST_HEAD(&st->netns_names);
	INIT_LIST_HEAD(&st->tasks);
	INIT_LIST_HEAD(&st->ptype_all);
	INIT_LIST_HEAD(&st->ptype_base);
	for (i = 0; i < ARRAY_SIZE(st->inetsw); i++)
		INIT_LIST_HEAD(&st->inetsw[i]);
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
		pthread_cond_signal(&st->worker_cond);
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

int tn_clock_advance(struct tn_stack *st, uint64_t ns)
{
	struct timer_list *t;
	u64 target;

	if (!st || st->clock_kind != TN_CLOCK_VIRTUAL) {
		errno = EINVAL;
		return -1;
	}
	stack_enter(st);
	/* Saturates at KTIME_MAX: the clock never wraps. */
	target = ktime_add_safe(ktime_get_ns(st), ns);
	/*
	 * An idle period: time steps from one non-deferrable timer to the
	 * next; deferrable ones due meanwhile run late, at the next step, as
	 * on an idle Linux CPU (so periodic work cannot make this endless).
	 */
	while ((t = next_timer(st, 1U << TIMER_BASE_STD)) &&
	       t->expires <= target) {
		clock_set(st, t->expires);
		run_timers(st);
		do_softirq(st);
	}
	clock_set(st, target);
	run_timers(st);
	stack_exit(st);
	return 0;
}
