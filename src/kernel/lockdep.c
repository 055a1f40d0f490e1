// SPDX-License-Identifier: BSD-2-Clause
/*
 * lockdep (kernel/locking/lockdep.c), small: the order in which lock
 * classes have been taken, checked on every acquisition in debug builds.
 *
 * deps[a] holds b when a thread once took a lock of class b while holding
 * one of class a (with where each was taken, for the report).  Taking a
 * lock of class n while holding h is an inversion when n reaches h through
 * deps: some thread did (or could) take them the other way round, and
 * together the two orders can deadlock.  The check runs before the thread
 * blocks, so the report comes instead of the hang.
 */
#include <net/lockdep.h>

#ifdef CONFIG_LOCKDEP

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LOCKDEP_KEYS 128
#define MAX_LOCK_DEPTH	 48

struct lock_class {
	const char *name;
	const struct lock_class_key *key;
};

/* Why a -> b is known: the first time it was seen. */
struct lock_edge {
	const char *held_site; /* where the a lock was taken */
	const char *site; /* where the b lock was taken under it */
};

struct held_lock {
	const struct lockdep_map *map;
	int class_id;
	const char *site;
};

/* The graph, guarded by its own (untracked) lock. */
static pthread_mutex_t lockdep_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lock_class lock_classes[MAX_LOCKDEP_KEYS];
static int nr_lock_classes = 1; /* 0: not registered */
static unsigned char deps[MAX_LOCKDEP_KEYS][MAX_LOCKDEP_KEYS];
static struct lock_edge edges[MAX_LOCKDEP_KEYS][MAX_LOCKDEP_KEYS];

static __thread struct held_lock held_locks[MAX_LOCK_DEPTH];
static __thread int lockdep_curr_depth;

void lockdep_init_map(struct lockdep_map *map, const char *name,
		      struct lock_class_key *key)
{
	map->key = key;
	map->name = name;
}

/* The class of @map, registered on first use; lockdep_lock held. */
static int lock_class_id(const struct lockdep_map *map)
{
	struct lock_class_key *key = map->key;

	if (!key) {
		fprintf(stderr, "tuxnet: lockdep: lock %s has no class\n",
			map->name);
		abort();
	}
	if (!key->id) {
		if (nr_lock_classes == MAX_LOCKDEP_KEYS) {
			fprintf(stderr, "tuxnet: lockdep: too many classes\n");
			abort();
		}
		key->id = nr_lock_classes++;
		lock_classes[key->id].name = map->name;
		lock_classes[key->id].key = key;
	}
	return key->id;
}

static void print_held_locks(void)
{
	int i;

	fprintf(stderr, "this thread holds:\n");
	for (i = 0; i < lockdep_curr_depth; i++)
		fprintf(stderr, "  #%d: %s, taken at %s\n", i,
			lock_classes[held_locks[i].class_id].name,
			held_locks[i].site);
}

/*
 * Is @to reachable from @from in deps?  Breadth first; @prev records the
 * path for the report.
 */
static bool dep_path(int from, int to, int *prev)
{
	int queue[MAX_LOCKDEP_KEYS], head = 0, tail = 0, i;
	unsigned char seen[MAX_LOCKDEP_KEYS] = { 0 };

	queue[tail++] = from;
	seen[from] = 1;
	while (head < tail) {
		int c = queue[head++];

		for (i = 1; i < nr_lock_classes; i++) {
			if (!deps[c][i] || seen[i])
				continue;
			seen[i] = 1;
			prev[i] = c;
			if (i == to)
				return true;
			queue[tail++] = i;
		}
	}
	return false;
}

static void __attribute__((noreturn))
report_inversion(int n, const char *site, int h, const int *prev)
{
	int path[MAX_LOCKDEP_KEYS], len = 0, c, i;

	fprintf(stderr,
		"\ntuxnet: lockdep: possible circular locking dependency\n"
		"taking %s at %s\n",
		lock_classes[n].name, site);
	print_held_locks();
	fprintf(stderr,
		"but the opposite order is already known (%s -> ... "
		"-> %s):\n",
		lock_classes[n].name, lock_classes[h].name);
	for (c = h; c != n; c = prev[c])
		path[len++] = c;
	path[len++] = n;
	for (i = len - 1; i > 0; i--) {
		int a = path[i], b = path[i - 1];

		fprintf(stderr, "  %s (taken at %s)\n  -> %s (taken at %s)\n",
			lock_classes[a].name, edges[a][b].held_site,
			lock_classes[b].name, edges[a][b].site);
	}
	abort();
}

static void __attribute__((noreturn))
report_recursion(const struct lockdep_map *map, int n, const char *site, int i)
{
	fprintf(stderr,
		"\ntuxnet: lockdep: %s: %s taken at %s\n"
		"while this thread already holds %s (taken at %s)\n",
		held_locks[i].map == map ? "recursive locking"
					 : "possible recursive locking",
		lock_classes[n].name, site, held_locks[i].map->name,
		held_locks[i].site);
	print_held_locks();
	abort();
}

void lock_acquire(struct lockdep_map *map, bool trylock, const char *site)
{
	int prev[MAX_LOCKDEP_KEYS];
	int n, i;

	pthread_mutex_lock(&lockdep_lock);
	n = lock_class_id(map);
	if (lockdep_curr_depth == MAX_LOCK_DEPTH) {
		fprintf(stderr, "tuxnet: lockdep: too many locks held\n");
		print_held_locks();
		abort();
	}
	/* A trylock cannot wait, so it cannot close a cycle: no checks. */
	for (i = 0; !trylock && i < lockdep_curr_depth; i++) {
		int h = held_locks[i].class_id;

		if (h == n)
			report_recursion(map, n, site, i);
		if (dep_path(n, h, prev))
			report_inversion(n, site, h, prev);
	}
	for (i = 0; !trylock && i < lockdep_curr_depth; i++) {
		int h = held_locks[i].class_id;

		if (!deps[h][n]) {
			deps[h][n] = 1;
			edges[h][n].held_site = held_locks[i].site;
			edges[h][n].site = site;
		}
	}
	held_locks[lockdep_curr_depth].map = map;
	held_locks[lockdep_curr_depth].class_id = n;
	held_locks[lockdep_curr_depth].site = site;
	lockdep_curr_depth++;
	pthread_mutex_unlock(&lockdep_lock);
}

void lock_release(struct lockdep_map *map)
{
	int i;

	/* Locks may be let go in any order. */
	for (i = lockdep_curr_depth - 1; i >= 0; i--) {
		if (held_locks[i].map != map)
			continue;
		memmove(&held_locks[i], &held_locks[i + 1],
			(size_t)(lockdep_curr_depth - i - 1) *
				sizeof(held_locks[0]));
		lockdep_curr_depth--;
		return;
	}
	fprintf(stderr, "\ntuxnet: lockdep: releasing %s, which is not held\n",
		map->name);
	print_held_locks();
	abort();
}

bool lock_is_held(const struct lockdep_map *map)
{
	int i;

	for (i = 0; i < lockdep_curr_depth; i++)
		if (held_locks[i].map == map)
			return true;
	return false;
}

void __lockdep_assert_held(const struct lockdep_map *map, const char *site)
{
	if (lock_is_held(map))
		return;
	fprintf(stderr, "\ntuxnet: lockdep: %s must be held at %s\n", map->name,
		site);
	print_held_locks();
	abort();
}

int lockdep_depth(void)
{
	return lockdep_curr_depth;
}

/*
 * With TUXNET_LOCKDEP_GRAPH set, each process prints at exit every order
 * it saw ("A -> B": B taken while A held), for docs/locking.md.
 */
static void lockdep_print_graph(void)
{
	int a, b;

	pthread_mutex_lock(&lockdep_lock);
	for (a = 1; a < nr_lock_classes; a++)
		for (b = 1; b < nr_lock_classes; b++)
			if (deps[a][b])
				fprintf(stderr, "lockdep: %s -> %s (%s)\n",
					lock_classes[a].name,
					lock_classes[b].name, edges[a][b].site);
	pthread_mutex_unlock(&lockdep_lock);
}

__attribute__((constructor)) static void lockdep_init(void)
{
	if (getenv("TUXNET_LOCKDEP_GRAPH"))
		(void)atexit(lockdep_print_graph);
}

#else
/* ISO C wants something in every translation unit. */
typedef int lockdep_unused_t;
#endif /* CONFIG_LOCKDEP */
