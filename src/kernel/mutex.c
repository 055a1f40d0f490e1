// SPDX-License-Identifier: BSD-2-Clause
/*
 * Mutexes (kernel/locking/mutex.c) over a futex word (spinlock.c),
 * telling lockdep (debug builds) before a thread blocks, so that a
 * deadlock in the making is reported instead of hanging.  Without lockdep
 * the lock and unlock are inline (net/mutex.h).
 */
#include <net/mutex.h>
#include <net/types.h>

void __mutex_init(struct mutex *lock, const char *name, void *key)
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

void mutex_destroy(struct mutex *lock)
{
	WARN_ON_ONCE(mutex_is_locked(lock));
}

void mutex_bug(const struct mutex *lock, const char *what)
{
	(void)fprintf(stderr, "tuxnet: BUG: mutex %p: %s\n", (const void *)lock,
		      what);
	abort();
}

#ifdef CONFIG_LOCKDEP
void __mutex_lock(struct mutex *lock, const char *site)
{
	lock_acquire(&lock->dep_map, false, site);
	/* lockdep reported a recursion above; if not, do not hang */
	if (mutex_is_owner(lock))
		mutex_bug(lock, "recursive locking");
	if (!__lock_word_trylock(&lock->val))
		__lock_word_slow(&lock->val, 0);
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
}

bool __mutex_trylock(struct mutex *lock, const char *site)
{
	if (!__lock_word_trylock(&lock->val))
		return false;
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
	lock_acquire(&lock->dep_map, true, site);
	return true;
}

void mutex_unlock(struct mutex *lock)
{
	if (!mutex_is_owner(lock))
		mutex_bug(lock, "unlock by a thread that does not hold it");
	lock_release(&lock->dep_map);
	atomic_store_explicit(&lock->owner, 0, memory_order_relaxed);
	__lock_word_unlock(&lock->val);
}
#endif /* CONFIG_LOCKDEP */
