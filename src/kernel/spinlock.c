// SPDX-License-Identifier: BSD-2-Clause
/*
 * The contended path of the lock word under spinlock_t and struct mutex
 * (kernel/locking/spinlock.c, mutex.c): a futex (0 free, 1 held, 2 held
 * with sleepers, as Drepper's "Futexes Are Tricky"), taken and released
 * inline (net/mutex.h) without a system call while no one waits.  A
 * spinlock spins a little before it sleeps; a mutex, held longer, sleeps
 * at once.  In debug builds lockdep is told before a thread blocks.  And
 * struct tn_cond, what a thread sleeps on with the stack lock let go.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <net/mutex.h>
#include <net/types.h>

void __spin_lock_init(spinlock_t *lock, const char *name, void *key)
{
	atomic_init(&lock->val, 0);
	atomic_init(&lock->owner, 0);
#ifdef CONFIG_LOCKDEP
	lockdep_init_map(&lock->dep_map, name, key);
#else
	(void)name;
	(void)key;
#endif
}

_Noreturn void spin_bug(const spinlock_t *lock, const char *what)
{
	(void)fprintf(stderr, "tuxnet: BUG: spinlock %p: %s\n",
		      (const void *)lock, what);
	abort();
}

static long futex(atomic_uint *word, int op, unsigned int val,
		  const struct timespec *abstime, unsigned int val3)
{
	return syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, abstime,
		       NULL, val3);
}

void __lock_word_slow(atomic_uint *val, int spins)
{
	unsigned int c;
	int i;

	for (i = 0; i < spins; i++) {
		c = 0;
		if (atomic_load_explicit(val, memory_order_relaxed) == 0 &&
		    atomic_compare_exchange_weak_explicit(val, &c, 1,
							  memory_order_acquire,
							  memory_order_relaxed))
			return;
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	}
	/* mark it contended; whoever lets go then wakes a sleeper */
	while (atomic_exchange_explicit(val, 2, memory_order_acquire))
		(void)futex(val, FUTEX_WAIT, 2, NULL, 0);
}

void __lock_word_wake(atomic_uint *val)
{
	(void)futex(val, FUTEX_WAKE, 1, NULL, 0);
}

void tn_cond_signal(struct tn_cond *cond)
{
	atomic_fetch_add_explicit(&cond->seq, 1, memory_order_release);
	(void)futex(&cond->seq, FUTEX_WAKE, 1, NULL, 0);
}

int tn_cond_sleep(struct tn_cond *cond, unsigned int seq,
		  const struct timespec *abstime)
{
	/* FUTEX_WAIT_BITSET: an absolute deadline on CLOCK_MONOTONIC */
	if (futex(&cond->seq, FUTEX_WAIT_BITSET, seq, abstime,
		  FUTEX_BITSET_MATCH_ANY) < 0 &&
	    errno == ETIMEDOUT)
		return ETIMEDOUT;
	return 0;
}

#ifdef CONFIG_LOCKDEP
void __spin_lock(spinlock_t *lock, const char *site)
{
	lock_acquire(&lock->dep_map, false, site);
	/* lockdep reported a recursion above; if not, do not hang */
	__raw_spin_lock(lock);
}

bool __spin_trylock(spinlock_t *lock, const char *site)
{
	if (!__raw_spin_trylock(lock))
		return false;
	lock_acquire(&lock->dep_map, true, site);
	return true;
}

void spin_unlock(spinlock_t *lock)
{
	if (!spin_is_owner(lock))
		spin_bug(lock, "unlock by a thread that does not hold it");
	lock_release(&lock->dep_map);
	__raw_spin_unlock(lock);
}
#endif /* CONFIG_LOCKDEP */
