/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small lockdep (include/linux/lockdep.h) for debug builds
 * (CONFIG_LOCKDEP, set by CMAKE_BUILD_TYPE=Debug).  Every lock belongs to a
 * class, one per place that initialises it (a static lock_class_key in the
 * init macro).  Taking a lock records, for its class, each class the
 * thread already holds.  Taking A while holding B when "A held, then B
 * taken" was once recorded (directly or through other classes) is an
 * inversion: lockdep prints both chains and aborts.  So is taking a lock
 * of a class the thread already holds.  Without CONFIG_LOCKDEP all of it
 * compiles away.  See docs/locking.md.
 */
#ifndef _NET_LOCKDEP_H
#define _NET_LOCKDEP_H

#include <stdbool.h>

#define __LOCK_STR(x) #x
#define _LOCK_STR(x)  __LOCK_STR(x)
/* Where a lock is taken, for lockdep's reports: "file.c:123". */
#define LOCK_SITE __FILE__ ":" _LOCK_STR(__LINE__)

#ifdef CONFIG_LOCKDEP

/* One per init site (static storage): its address names the class. */
struct lock_class_key {
	int id; /* lockdep's class index, 0 until first taken */
};

/* What a lock instance tells lockdep: its class and name. */
struct lockdep_map {
	struct lock_class_key *key;
	const char *name;
};

void lockdep_init_map(struct lockdep_map *map, const char *name,
		      struct lock_class_key *key);
/*
 * lock_acquire - the thread is about to take (@trylock: has just taken) the
 * lock of @map at @site: check the order, then record it as held.
 * lock_release - the thread has let go of it.
 */
void lock_acquire(struct lockdep_map *map, bool trylock, const char *site);
void lock_release(struct lockdep_map *map);
/* lock_is_held - does this thread hold the lock of @map? */
bool lock_is_held(const struct lockdep_map *map);
/* lockdep_assert_held - abort with a report unless the lock is held. */
void __lockdep_assert_held(const struct lockdep_map *map, const char *site);
#define lockdep_assert_held(l) __lockdep_assert_held(&(l)->dep_map, LOCK_SITE)
/* Locks the thread holds now (tests: the suite ends with none). */
int lockdep_depth(void);

#else /* !CONFIG_LOCKDEP */

#define lockdep_assert_held(l) ((void)(l))
static inline int lockdep_depth(void)
{
	return 0;
}

#endif /* CONFIG_LOCKDEP */

#endif /* _NET_LOCKDEP_H */
