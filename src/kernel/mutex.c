// SPDX-License-Identifier: BSD-2-Clause
/*
 * Mutexes (kernel/locking/mutex.c) over pthread mutexes, telling lockdep
 * (debug builds) before a thread blocks, so that a deadlock in the making
 * is reported instead of hanging.
 */
#include <pthread.h>

#include <net/mutex.h>
#include <net/types.h>

void __mutex_init(struct mutex *lock, const char *name, void *key)
{
	pthread_mutex_init(&lock->m, NULL);
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
	pthread_mutex_destroy(&lock->m);
}

bool mutex_is_owner(const struct mutex *lock)
{
	return atomic_load_explicit(&lock->owner, memory_order_relaxed) ==
	       (unsigned long)pthread_self();
}

void __mutex_lock(struct mutex *lock, const char *site)
{
#ifdef CONFIG_LOCKDEP
	lock_acquire(&lock->dep_map, false, site);
#else
	(void)site;
#endif
	/* Without lockdep, a recursion would hang: say so instead. */
	BUG_ON(mutex_is_owner(lock));
	pthread_mutex_lock(&lock->m);
	atomic_store_explicit(&lock->owner, (unsigned long)pthread_self(),
			      memory_order_relaxed);
}

bool __mutex_trylock(struct mutex *lock, const char *site)
{
	if (pthread_mutex_trylock(&lock->m))
		return false;
	atomic_store_explicit(&lock->owner, (unsigned long)pthread_self(),
			      memory_order_relaxed);
#ifdef CONFIG_LOCKDEP
	lock_acquire(&lock->dep_map, true, site);
#else
	(void)site;
#endif
	return true;
}

void mutex_unlock(struct mutex *lock)
{
	BUG_ON(!mutex_is_owner(lock));
#ifdef CONFIG_LOCKDEP
	lock_release(&lock->dep_map);
#endif
	atomic_store_explicit(&lock->owner, 0, memory_order_relaxed);
	pthread_mutex_unlock(&lock->m);
}
