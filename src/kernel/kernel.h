/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to src/kernel: how its files (stack, task, timers, softirq,
 * wait, timekeeping) reach one another. */
#ifndef _KERNEL_KERNEL_H
#define _KERNEL_KERNEL_H

#include <pthread.h>

#include <net/fdtable.h>
#include <net/stack.h>
#include <net/timer.h>
#include <net/wait.h>

/* Virtual clocks start at 2026-01-01 00:00:00 UTC for wall-clock readers. */
#define VIRTUAL_EPOCH_NS (1767225600ULL * NSEC_PER_SEC)
/* ... and at 100 s of uptime, so that no timestamp is ever 0. */
#define VIRTUAL_BOOT_NS (100ULL * NSEC_PER_SEC)

/* stack.c: the stack lock, and yielding it between the worker's batches */
void __stack_lock(struct tn_stack *st, const char *site);
#define stack_lock(st) __stack_lock((st), LOCK_SITE)
void stack_unlock(struct tn_stack *st);
void stack_relax(struct tn_stack *st);

/* task.c */
struct tn_task *task_alloc(struct tn_stack *st, bool counted,
			   struct files_struct *files);
void task_free(struct tn_task *task);

/* timekeeping.c */
s64 mono_ns(void);
void clock_set(struct tn_stack *st, u64 t);
/* a new pass: the next reader of a real clock reads it afresh */
void clock_refresh(struct tn_stack *st);

/* timer.c */
#define ALL_BASES ((1U << NR_TIMER_BASES) - 1)
struct timer_list *next_timer(struct tn_stack *st, unsigned int mask);

/* softirq.c */
bool all_asleep(const struct tn_stack *st);
void *stack_worker(void *arg);

/* wait.c */
void waiter_wake(struct tn_stack *st, struct tn_waiter *w);

#endif /* _KERNEL_KERNEL_H */
