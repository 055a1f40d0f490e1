// SPDX-License-Identifier: BSD-2-Clause
/*
 * spinlock_t's contended path (kernel/locking/spinlock.c): the lock word
 * is a futex (0 free, 1 held, 2 held with sleepers, as Drepper's "Futexes
 * Are Tricky"), taken and released inline (net/mutex.h) without a system
 * call while no one waits.  In debug builds lockdep is told before a
 * thread blocks, as for a mutex.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <net/mutex.h>
#include <net/types.h>

/* spins before sleeping: a holder is usually about to let go */
#define SPIN_TRIES 100

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

static void futex(atomic_uint *word, int op, unsigned int val)
{
	(void)syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL,
		      0);
}

void __spin_lock_slow(spinlock_t *lock)
{
	unsigned int c;
	int i;

	for (i = 0; i < SPIN_TRIES; i++) {
		c = 0;
		if (atomic_load_explicit(&lock->val, memory_order_relaxed) ==
			    0 &&
		    atomic_compare_exchange_weak_explicit(&lock->val, &c, 1,
							  memory_order_acquire,
							  memory_order_relaxed))
			return;
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	}
	/* mark it contended; whoever lets go then wakes a sleeper */
	while (atomic_exchange_explicit(&lock->val, 2, memory_order_acquire))
		futex(&lock->val, FUTEX_WAIT, 2);
}

void __spin_unlock_wake(spinlock_t *lock)
{
	futex(&lock->val, FUTEX_WAKE, 1);
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
