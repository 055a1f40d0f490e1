/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sleeping and short-term locks with Linux's names (include/linux/mutex.h,
 * spinlock.h, rwlock.h), both a futex word taken and let go inline: a
 * contended struct mutex sleeps on it at once, a contended spinlock_t
 * spins a little first, so a holder that is preempted costs its waiters
 * no CPU.  There is no bottom half to disable (softirq work runs under
 * the stack lock).  A reader of an rwlock_t excludes the others too, for
 * now.  None is recursive.  Each knows its owner, for the assertions, and
 * in debug builds its lockdep class (net/lockdep.h).
 */
#ifndef _NET_MUTEX_H
#define _NET_MUTEX_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include <net/lockdep.h>

/*
 * The lock word of both (Drepper, "Futexes Are Tricky", mutex 2): 0 free,
 * 1 held, 2 held with sleepers.  Taken with one compare-and-swap, let go
 * with one exchange; the futex system calls only when someone sleeps.
 */
struct mutex {
	atomic_uint val;
	atomic_ulong owner; /* mutex_self() of the holder, 0 when free */
#ifdef CONFIG_LOCKDEP
	struct lockdep_map dep_map;
#endif
};

void __mutex_init(struct mutex *lock, const char *name, void *key);
void mutex_destroy(struct mutex *lock);
/*
 * The contended paths of a lock word (src/kernel/spinlock.c): spin up to
 * @spins times, then sleep on the futex; wake one sleeper.
 */
void __lock_word_slow(atomic_uint *val, int spins);
void __lock_word_wake(atomic_uint *val);

static inline bool __lock_word_trylock(atomic_uint *val)
{
	unsigned int c = 0;

	return atomic_compare_exchange_strong_explicit(
		val, &c, 1, memory_order_acquire, memory_order_relaxed);
}

static inline void __lock_word_unlock(atomic_uint *val)
{
	if (__builtin_expect(
		    atomic_exchange_explicit(val, 0, memory_order_release) == 2,
		    0))
		__lock_word_wake(val);
}
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
	if (!__lock_word_trylock(&lock->val))
		__lock_word_slow(&lock->val, 0);
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
}

static inline bool __mutex_trylock(struct mutex *lock, const char *site)
{
	(void)site;
	if (!__lock_word_trylock(&lock->val))
		return false;
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
	return true;
}

static inline void mutex_unlock(struct mutex *lock)
{
	if (__builtin_expect(!mutex_is_owner(lock), 0))
		mutex_bug(lock, "unlock by a thread that does not hold it");
	atomic_store_explicit(&lock->owner, 0, memory_order_relaxed);
	__lock_word_unlock(&lock->val);
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

/*
 * spinlock_t - a short-term lock (include/linux/spinlock.h), the lock
 * word of a mutex: the packet path takes one per segment and two per
 * lock_sock()/release_sock() pair.  A contended one spins a little, then
 * sleeps on the futex (the holder may be preempted).  There is no bottom
 * half to disable, so spin_lock_bh() is spin_lock().  Its word and
 * owner take 16 bytes, a third of the pthread mutex it once was: every
 * sock holds one.
 */
typedef struct spinlock {
	atomic_uint val;
	atomic_ulong owner; /* mutex_self() of the holder, 0 when free */
#ifdef CONFIG_LOCKDEP
	struct lockdep_map dep_map;
#endif
} spinlock_t;

_Static_assert(sizeof(spinlock_t) == sizeof(struct mutex),
	       "spinlock_t keeps the size of struct mutex");

void __spin_lock_init(spinlock_t *lock, const char *name, void *key);
/* a contended spinlock spins this many times before it sleeps */
#define SPIN_TRIES 100
_Noreturn void spin_bug(const spinlock_t *lock, const char *what);

static inline bool spin_is_owner(const spinlock_t *lock)
{
	return atomic_load_explicit(&lock->owner, memory_order_relaxed) ==
	       mutex_self();
}

static inline bool spin_is_locked(const spinlock_t *lock)
{
	return atomic_load_explicit(&lock->val, memory_order_relaxed) != 0;
}

static inline void __raw_spin_lock(spinlock_t *lock)
{
	if (__builtin_expect(spin_is_owner(lock), 0))
		spin_bug(lock, "recursive locking");
	if (!__lock_word_trylock(&lock->val))
		__lock_word_slow(&lock->val, SPIN_TRIES);
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
}

static inline bool __raw_spin_trylock(spinlock_t *lock)
{
	if (!__lock_word_trylock(&lock->val))
		return false;
	atomic_store_explicit(&lock->owner, mutex_self(), memory_order_relaxed);
	return true;
}

static inline void __raw_spin_unlock(spinlock_t *lock)
{
	if (__builtin_expect(!spin_is_owner(lock), 0))
		spin_bug(lock, "unlock by a thread that does not hold it");
	atomic_store_explicit(&lock->owner, 0, memory_order_relaxed);
	__lock_word_unlock(&lock->val);
}

#ifdef CONFIG_LOCKDEP
void __spin_lock(spinlock_t *lock, const char *site);
bool __spin_trylock(spinlock_t *lock, const char *site);
void spin_unlock(spinlock_t *lock);
#define spin_lock_init(lock)                             \
	do {                                             \
		static struct lock_class_key __key;      \
		__spin_lock_init((lock), #lock, &__key); \
	} while (0)
#else
static inline void __spin_lock(spinlock_t *lock, const char *site)
{
	(void)site;
	__raw_spin_lock(lock);
}

static inline bool __spin_trylock(spinlock_t *lock, const char *site)
{
	(void)site;
	return __raw_spin_trylock(lock);
}

static inline void spin_unlock(spinlock_t *lock)
{
	__raw_spin_unlock(lock);
}
#define spin_lock_init(lock) __spin_lock_init((lock), #lock, NULL)
#endif

#define spin_lock(lock)	     __spin_lock((lock), LOCK_SITE)
#define spin_trylock(lock)   __spin_trylock((lock), LOCK_SITE)
#define spin_lock_bh(lock)   spin_lock(lock)
#define spin_unlock_bh(lock) spin_unlock(lock)

/* rwlock_t - a spinlock_t for now: a reader excludes the others too */
typedef spinlock_t rwlock_t;

#define rwlock_init(lock)     spin_lock_init(lock)
#define read_lock(lock)	      spin_lock(lock)
#define read_unlock(lock)     spin_unlock(lock)
#define write_lock(lock)      spin_lock(lock)
#define write_unlock(lock)    spin_unlock(lock)
#define read_lock_bh(lock)    spin_lock(lock)
#define read_unlock_bh(lock)  spin_unlock(lock)
#define write_lock_bh(lock)   spin_lock(lock)
#define write_unlock_bh(lock) spin_unlock(lock)

/*
 * struct tn_cond - what a thread sleeps on with the stack lock let go
 * (stack_cond_wait()): a futex word that every signal moves on.  The
 * sleeper reads it before it lets the lock go, so a signal given after
 * that (by a thread that then held the lock) is never lost.
 */
struct tn_cond {
	atomic_uint seq;
};

static inline void tn_cond_init(struct tn_cond *cond)
{
	atomic_init(&cond->seq, 0);
}

/* tn_cond_signal - wake the thread sleeping on @cond, if one is */
void tn_cond_signal(struct tn_cond *cond);
struct timespec;
/*
 * tn_cond_sleep - sleep while @cond still reads @seq, at most until
 * @abstime (CLOCK_MONOTONIC; NULL: no limit); 0 or ETIMEDOUT, and it may
 * return early, as pthread_cond_wait() may.
 */
int tn_cond_sleep(struct tn_cond *cond, unsigned int seq,
		  const struct timespec *abstime);

#endif /* _NET_MUTEX_H */
