/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sleeping and short-term locks with Linux's names (include/linux/mutex.h,
 * spinlock.h, rwlock.h), all built on a pthread mutex: in user space a
 * "spinlock" that may be contended for long is better a mutex, and there is
 * no bottom half to disable (softirq work runs under the stack lock).  A
 * reader of an rwlock_t excludes the others too, for now.  None is
 * recursive.  Each knows its owner, for the assertions, and in debug
 * builds its lockdep class (net/lockdep.h).
 */
#ifndef _NET_MUTEX_H
#define _NET_MUTEX_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include <net/lockdep.h>

struct mutex {
	pthread_mutex_t m;
	atomic_ulong owner; /* mutex_self() of the holder, 0 when free */
#ifdef CONFIG_LOCKDEP
	struct lockdep_map dep_map;
#endif
};

void __mutex_init(struct mutex *lock, const char *name, void *key);
void mutex_destroy(struct mutex *lock);
/* a recursion or an unlock by a non-owner: report and abort */
_Noreturn void mutex_bug(const struct mutex *lock, const char *what);

/*
 * mutex_self - the calling thread, as the owner field records it: the
 * thread pointer (a register read; pthread_self() is a call into libc).
 */
static inline unsigned long mutex_self(void)
{
	return (unsigned long)__builtin_thread_pointer();
}

/* mutex_is_owner - does the calling thread hold @lock? */
static inline bool mutex_is_owner(const struct mutex *lock)
{
	return atomic_load_explicit(&lock->owner, memory_order_relaxed) ==
	       mutex_self();
}

static inline bool mutex_is_locked(const struct mutex *lock)
{
	return atomic_load_explicit(&lock->owner, memory_order_relaxed) != 0;
}

#ifdef CONFIG_LOCKDEP
void __mutex_lock(struct mutex *lock, const char *site);
bool __mutex_trylock(struct mutex *lock, const char *site);
void mutex_unlock(struct mutex *lock);
#else
/*
 * Without lockdep, inline: the packet path takes a dozen of these per
 * segment (socket, timer base), and the wrapper's calls cost as much as
 * the uncontended pthread lock itself.
 */
static inline void __mutex_lock(struct mutex *lock, const char *site)
{
	(void)site;
	/* Without lockdep, a recursion would hang: say so instead. */
	if (__builtin_expect(mutex_is_owner(lock), 0))
		mutex_bug(lock, "recursive locking");
	pthread_mutex_lock(&lock->m);
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
}

static inline bool __mutex_trylock(struct mutex *lock, const char *site)
{
	(void)site;
	if (pthread_mutex_trylock(&lock->m))
		return false;
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
	return true;
}

static inline void mutex_unlock(struct mutex *lock)
{
	if (__builtin_expect(!mutex_is_owner(lock), 0))
		mutex_bug(lock, "unlock by a thread that does not hold it");
	atomic_store_explicit(&lock->owner, 0, memory_order_relaxed);
	pthread_mutex_unlock(&lock->m);
}
#endif

#ifdef CONFIG_LOCKDEP
/* One lockdep class per place a lock is initialised, as in Linux. */
#define mutex_init(lock)                             \
	do {                                         \
		static struct lock_class_key __key;  \
		__mutex_init((lock), #lock, &__key); \
	} while (0)
#else
#define mutex_init(lock) __mutex_init((lock), #lock, NULL)
#endif
#define mutex_lock(lock)    __mutex_lock((lock), LOCK_SITE)
#define mutex_trylock(lock) __mutex_trylock((lock), LOCK_SITE)

typedef struct mutex spinlock_t;

#define spin_lock_init(lock) mutex_init(lock)
#define spin_lock(lock)	     mutex_lock(lock)
#define spin_trylock(lock)   mutex_trylock(lock)
#define spin_unlock(lock)    mutex_unlock(lock)
#define spin_lock_bh(lock)   mutex_lock(lock)
#define spin_unlock_bh(lock) mutex_unlock(lock)

typedef struct mutex rwlock_t;

#define rwlock_init(lock)     mutex_init(lock)
#define read_lock(lock)	      mutex_lock(lock)
#define read_unlock(lock)     mutex_unlock(lock)
#define write_lock(lock)      mutex_lock(lock)
#define write_unlock(lock)    mutex_unlock(lock)
#define read_lock_bh(lock)    mutex_lock(lock)
#define read_unlock_bh(lock)  mutex_unlock(lock)
#define write_lock_bh(lock)   mutex_lock(lock)
#define write_unlock_bh(lock) mutex_unlock(lock)

#endif /* _NET_MUTEX_H */
