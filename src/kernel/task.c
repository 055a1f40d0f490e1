// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tasks and the thread's context (kernel/fork.c, kernel/exit.c, the
 * "current" of include/asm/current.h): which stack a thread calls, as
 * which task; tasks share or copy their file table as clone(2) says.
 */
#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "kernel.h"

__thread struct tn_thread_ctx tn_ctx;

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

/*
 * The thread's page frag.  Linux frees a task's page in free_task(); here
 * a thread ends through pthread_exit or a return, so a key's destructor
 * drops the page (it runs in the ending thread, its TLS still there).
 */
static pthread_key_t task_frag_key;
static pthread_once_t task_frag_once = PTHREAD_ONCE_INIT;
static bool task_frag_key_ok;

static void task_frag_exit(void *arg)
{
	struct page_frag *pfrag = arg;

	if (pfrag->page)
		put_page(pfrag->page);
	pfrag->page = NULL;
}

static void task_frag_key_init(void)
{
	task_frag_key_ok = !pthread_key_create(&task_frag_key, task_frag_exit);
}

struct page_frag *current_task_frag(void)
{
	if (unlikely(!tn_ctx.task_frag_keyed)) {
		(void)pthread_once(&task_frag_once, task_frag_key_init);
		tn_ctx.task_frag_keyed =
			task_frag_key_ok &&
			!pthread_setspecific(task_frag_key, &tn_ctx.task_frag);
	}
	return &tn_ctx.task_frag;
}

void current_task_frag_put(void)
{
	task_frag_exit(&tn_ctx.task_frag);
}

/*
 * task_alloc - a new task on @st; with @files it shares that table (taking
 * a reference), else it gets an empty one of its own.
 */
struct tn_task *task_alloc(struct tn_stack *st, bool counted,
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
	/* Where new processes start: init_net, or the namespace of unshare_net */
	if (st->task_net)
		task->net = get_net(st->task_net);
	else
		task->net = st->init_net ? get_net(st->init_net) : NULL;
	task->counted = counted;
	if (counted)
		st->nr_tasks++;
	list_add_tail(&task->list, &st->tasks);
	return task;
}

void task_free(struct tn_task *task)
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
	stack_unlock(st);
}

void tn_task_attach(struct tn_task *task)
{
	tn_ctx.task = task;
	if (task)
		tn_ctx.st = task->st;
}
