/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct tn_stack: one "kernel".  It owns its namespaces, clock, timers,
 * tasks, registries and the softirq backlog; nothing mutable lives outside
 * a stack.  Every thread inside the stack knows its stack, task and
 * namespace through a thread-local context (current_stack(), current_net()).
 *
 * Locking (docs/locking.md): one outer lock per stack for now, not
 * recursive.  API calls take it on entry (stack_enter) and drop it on exit
 * (stack_exit, which first runs pending softirq work); the worker takes it
 * to run timers, one batch at a time.  Under it: the RTNL (rtnl_lock()),
 * socket ownership (lock_sock()), and one named lock per table.
 */
#ifndef _NET_STACK_H
#define _NET_STACK_H

#include <pthread.h>
#include <stdatomic.h>

#include <tuxnet/tuxnet.h>

#include <net/cred.h>
#include <net/dropreason.h>
#include <net/list.h>
#include <net/mutex.h>
#include <net/skbuff.h>
#include <net/timer.h>
#include <net/wait.h>

struct net;
struct net_device;
struct Qdisc;
struct tasklet_struct;
struct packet_type;
struct net_proto_family;
struct notifier_block;
struct pernet_operations;
struct rtnl_link_ops;
struct file;
struct net_protocol;
struct ctl_table_header;
struct proc_dir_entry;

#define NPROTO 46 /* AF_MAX on Linux 6.1 */

/*
 * A min-heap of pending timers (Linux: struct timer_base, per CPU).  @lock
 * guards the heap; it is the innermost lock, and a timer's function runs
 * without it.
 */
struct timer_base {
	spinlock_t lock;
	struct timer_list **heap;
	unsigned int nr, cap;
};

enum { TIMER_BASE_STD, TIMER_BASE_DEF, NR_TIMER_BASES };

/*
 * A device's receive context polled by the softirq (NAPI); the API is in
 * netdevice.h.  Linux: include/linux/netdevice.h.
 */
struct napi_struct {
	struct list_head poll_list; /* softnet.poll_list while scheduled */
	unsigned long state; /* NAPI_STATE_* bits */
	int weight; /* packets one poll may take */
	int (*poll)(struct napi_struct *napi, int budget);
	struct net_device *dev;
	/* napi_gro_receive's packets, handed up in batches (gro.c) */
	struct sk_buff_head rx_list;
	int rx_count;
	/* packets held for merging, by flow hash, oldest first (gro.c) */
	unsigned long gro_bitmask; /* buckets that hold something */
	struct sk_buff_head gro_hash[8]; /* GRO_HASH_BUCKETS */
};

/* Softirq receive state (Linux: per-CPU struct softnet_data). */
struct softnet_data {
	struct list_head poll_list; /* scheduled NAPI contexts */
	struct napi_struct backlog; /* netif_rx's queue, polled as a NAPI */
	struct sk_buff_head input_pkt_queue;
	unsigned int dropped; /* backlog full: netdev_max_backlog */
	unsigned int processed;
	unsigned int time_squeeze; /* budget or time spent, work left */
	struct Qdisc *output_queue; /* qdiscs for net_tx_action */
	/* scheduled tasklets, in order (tasklet_action) */
	struct tasklet_struct *tasklet_head, *tasklet_tail;
	/* net.core.netdev_budget, netdev_budget_usecs, dev_weight */
	int netdev_budget, netdev_budget_usecs, dev_weight;
	/* net.core.mem_pcpu_rsv: pages a protocol's memory count may drift
	 * on the one CPU before the pool sees it (struct proto_mem) */
	int sysctl_mem_pcpu_rsv;
	struct ctl_table_header *sysctl_hdr;
	/* drivers' file descriptors the worker waits on (softirq.c) */
	struct list_head poll_fds;
	unsigned int nr_poll_fds;
	int poll_wake_fd; /* an eventfd that interrupts the worker's poll */
	u64 poll_fd_gen;
};

/*
 * A notifier chain (include/linux/notifier.h), ordered by priority.  The
 * chain links nodes it allocates, not the (usually static, const-like)
 * notifier_block, so one block can sit in the chains of several stacks.
 */
struct notifier_block {
	int (*notifier_call)(struct notifier_block *nb, unsigned long action,
			     void *data);
	int priority;
};

struct notifier_node;

struct raw_notifier_head {
	struct notifier_node *head;
};

#define NOTIFY_DONE	 0x0000
#define NOTIFY_OK	 0x0001
#define NOTIFY_STOP_MASK 0x8000
#define NOTIFY_BAD	 (NOTIFY_STOP_MASK | 0x0002)
#define notifier_from_errno(err) \
	(err ? (NOTIFY_STOP_MASK | (0x8000 - (err))) : NOTIFY_OK)
#define notifier_to_errno(ret) \
	((ret)&NOTIFY_STOP_MASK ? (0x8000 - ((ret) & ~NOTIFY_STOP_MASK)) : 0)

int raw_notifier_chain_register(struct raw_notifier_head *nh,
				struct notifier_block *nb);
int raw_notifier_chain_unregister(struct raw_notifier_head *nh,
				  struct notifier_block *nb);
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val,
			    void *v);
void raw_notifier_chain_free(struct raw_notifier_head *nh);

/*
 * The open files of a process (include/linux/fdtable.h): shared by its
 * threads' tasks (tn_task_clone() with TN_CLONE_FILES), @count of them.
 */
struct files_struct {
	int count; /* tasks using it; the last one closes the files */
	struct file **fd;
	unsigned char *cloexec;
	int max_fds;
	int nofile; /* RLIMIT_NOFILE: fds from here on are refused (EMFILE) */
};

/*
 * What a thread is to Linux (its task_struct): its own current namespace,
 * wait entry and credentials, and an fd table that the threads of one
 * process share.
 */
struct tn_task {
	struct tn_stack *st;
	struct list_head list; /* st->tasks */
	struct files_struct *files; /* shared with CLONE_FILES (counted) */
	struct net *net; /* current network namespace (holds a reference) */
	bool counted; /* in st->nr_tasks for idle-advance accounting */
	bool sigpending; /* tn_task_interrupt(): blocked calls end */
	struct tn_waiter *sleeper; /* its thread's waiter, while asleep */
	struct cred cred; /* who it acts as (net/cred.h) */
};

/* signal_pending - the current task was interrupted: sleeps end, -EINTR */
bool signal_pending(void);

struct tn_stack {
	struct mutex lock; /* the stack lock: see above; not recursive */
	struct mutex rtnl_mutex; /* rtnl_lock(): configuration */
	/* pernet_list and namespace setup/cleanup (net_namespace.c) */
	struct mutex pernet_ops_rwsem;

	atomic_int lock_waiters; /* threads waiting for @lock (stack_relax) */

	/* clock */
	enum tn_clock_kind clock_kind;
	u64 vnow; /* virtual clock without idle advance, ns */
	/*
	 * The real clock as the holder of the lock first read it in this
	 * pass (0: not yet): time stands still within one pass, as Linux's
	 * tcp_mstamp does within one packet event, so a round trip reads
	 * the clock once per call instead of at every timer, timestamp and
	 * rate sample (timekeeping.c).  Cleared whenever the lock is taken.
	 */
	u64 clock_cache;
	atomic_ulong clock_reads; /* clock_gettime()s behind it (tests) */
	/*
	 * Idle advance (lab): now = CLOCK_MONOTONIC + voffset, so time flows
	 * at the real pace; when every counted task sleeps, the worker adds
	 * to voffset to jump to the next non-deferrable timer.
	 */
	bool idle_advance;
	s64 voffset;
	unsigned int nr_tasks; /* counted tasks (daemon clients) */
	unsigned int nr_sleeping; /* of those, asleep in schedule_timeout */

	/* timers: binary min-heaps on expires, [TIMER_BASE_DEF] deferrable */
	struct timer_base timer_base[NR_TIMER_BASES];

	/* softirq */
	struct softnet_data softnet;
	bool in_softirq;
	u32 qdisc_autohandle; /* the last handle tc chose (sch_api.c) */

	/*
	 * worker (real clock and idle advance): runs timers and the backlog,
	 * and alone makes the idle jumps
	 */
	pthread_t worker;
	bool worker_running, stopping;
	struct tn_cond worker_cond;
	/*
	 * When the worker, asleep, wakes by itself: the expiry (stack clock)
	 * of the timer it waits for, KTIME_MAX for none, 0 while it is awake
	 * (it looks at everything again before it sleeps).  stack_kick()
	 * wakes it only when asleep, and mod_timer() only for an earlier
	 * deadline, as Linux's timers never wake a CPU for a later one.
	 */
	_Atomic u64 worker_wake;
	atomic_ulong worker_kicks; /* wake-ups stack_kick() sent (tests) */

	/* namespaces */
	struct list_head net_list; /* all struct net, init_net first */
	struct net *init_net;
	struct net *task_net; /* tn_task_create()'s: cfg unshare_net, or NULL */
	struct list_head netns_names; /* struct netns_name, newest first */
	u32 net_cookie;
	bool net_cleanup_pending; /* a net died under the RTNL: see put_net */

	/*
	 * The UTS namespace: one per stack.  As on Linux, the host name is
	 * not the network namespace's (`ip netns exec` keeps it).
	 */
	char hostname[65];
	/* cfg's tcp_congestion_control: CONFIG_DEFAULT_TCP_CONG */
	char tcp_cong_default[16];

	/* tasks */
	struct tn_task *init_task;
	struct list_head tasks;

	/* registries, filled by the init levels (core, fs, subsys, device) */
	const struct net_proto_family *net_families[NPROTO];
	struct list_head ptype_all; /* taps: tcpdump */
	struct list_head ptype_base; /* by ethertype */
	size_t initcalls_done; /* steps of the init levels that ran */
	unsigned long ep_loop_gen; /* eventpoll.c: loop-check passes */
	struct list_head rtnl_link_ops; /* "veth", ... */
	struct list_head pernet_list; /* pernet_operations, init order */
	struct raw_notifier_head netdev_chain;
	/*
	 * What a protocol family keeps for the whole stack (AF_INET: its
	 * socket types, transport handlers, address notifiers), set and
	 * freed by the family's own init level; Linux keeps these as the
	 * family's globals, one "kernel" being one stack here.
	 */
	void *family_state[NPROTO];
	void *rtnl_msg_handlers; /* src/core/rtnetlink.c */
	void *sock_diag_handlers; /* src/core/sock_diag.c, by family */
	void *genl_families; /* src/netlink/genetlink.c, by id */
	void *tcp_metrics; /* src/ipv4/tcp_metrics.c: the cache's hash */
	void *inet_diag_table; /* src/ipv4/inet_diag.c, by protocol */
	struct list_head sysctl_list; /* ctl_table_header: /proc/sys */
	struct list_head proc_list; /* /proc/net entries */

	/* randomness for hashes, ports, IDs (deterministic per seed) */
	u64 prng_state;

	/*
	 * skbuff.c: freed sk_buff structs and small data buffers kept for
	 * reuse (singly linked through their first word), per size class
	 */
	void *skb_cache;
	void *skb_buf_cache[2];
	unsigned int skb_cache_len, skb_buf_cache_len[2];

	/* live object counters (tests end with all zero) */
	long live_skbs, live_socks, live_files, live_netns;

	/*
	 * Limits (/proc/sys): fs.file-max, open files in the whole stack
	 * (ENFILE); user.max_net_namespaces and user.max_net_devices, what one
	 * owner (a task's uid) may have at once (ENOSPC).
	 */
	unsigned long file_max;
	int max_netns_per_owner, max_devs_per_owner;
	unsigned long drop_reasons[SKB_DROP_REASON_MAX];
};

/*
 * The thread's context: which stack, acting as which task; its waiter and
 * its page frag (kernel/task.c) are the thread's own whatever the stack.
 * Save and restore st and task only (current_set()), never the whole
 * struct.  Here for the inline current_stack().
 */
struct tn_thread_ctx {
	struct tn_stack *st;
	struct tn_task *task;
	struct tn_waiter waiter;
	bool waiter_ready;
	bool task_frag_keyed; /* task_frag registered for thread exit */
	struct page_frag task_frag;
};

extern __thread struct tn_thread_ctx tn_ctx;
/* the process's default stack (the first one created) */
extern struct tn_stack *tn_default_stack;

/* The thread's context. */
static inline struct tn_stack *current_stack(void)
{
	return tn_ctx.st ? tn_ctx.st : tn_default_stack;
}
struct tn_task *current_task(void);
struct net *current_net(void);
void current_set(struct tn_stack *st, struct tn_task *task);

u64 __ktime_get_ns(const struct tn_stack *st);
/*
 * ktime_get_ns - now, in ns, on @st's clock (never beyond KTIME_MAX).
 * Inline for the common cases, a dozen reads per segment: the real
 * clock already read in this pass by the lock's holder (timekeeping.c),
 * or a virtual clock that only moves when told to.
 */
static inline u64 ktime_get_ns(const struct tn_stack *st)
{
	if (st->clock_kind == TN_CLOCK_REAL) {
		if (mutex_is_owner(&st->lock) && st->clock_cache)
			return st->clock_cache;
	} else if (!st->idle_advance) {
		return st->vnow;
	}
	return __ktime_get_ns(st);
}
/*
 * The thread's page frag (Linux's current->task_frag): what the paged
 * sends of this thread fill, whatever socket or stack they are for.  Its
 * page goes when the thread ends; current_task_frag_put() lets it go
 * earlier (tn_stack_destroy() does, for the thread that destroys).
 */
struct page_frag *current_task_frag(void);
void current_task_frag_put(void);

/**
 * stack_enter - take @st's lock and make it the thread's stack
 * stack_exit - run pending softirq work and drop the lock
 *
 * Every tn_* call brackets its work with these.  They do not nest: the
 * lock is not recursive, and taking it twice aborts (lockdep, or BUG_ON).
 */
void __stack_enter(struct tn_stack *st, const char *site);
#define stack_enter(st) __stack_enter((st), LOCK_SITE)
void stack_exit(struct tn_stack *st);
bool stack_lock_held(const struct tn_stack *st);

/*
 * The RTNL (net/core/rtnetlink.c): one mutex per stack, as Linux has one
 * per kernel, taken around every configuration change (rtnetlink doit and
 * dumpit, configuration ioctls, sysctl writes that reconfigure, namespace
 * creation and destruction, device registration).  Taken under the stack
 * lock: see docs/locking.md for the order.
 */
void __rtnl_lock(const char *site);
#define rtnl_lock() __rtnl_lock(LOCK_SITE) /* lockdep names the caller */
void rtnl_unlock(void);
int rtnl_trylock(void);
int rtnl_is_locked(void);
/* lockdep_rtnl_is_held - the calling thread holds the RTNL */
bool lockdep_rtnl_is_held(void);
#ifdef CONFIG_LOCKDEP
/* Debug builds: a missing RTNL is a test failure, with a report. */
#define ASSERT_RTNL() lockdep_assert_held(&current_stack()->rtnl_mutex)
#else
#define ASSERT_RTNL() WARN_ON_ONCE(!lockdep_rtnl_is_held())
#endif

/* net_now - the current time on the thread's stack clock, ns */
u64 net_now(void);

/* do_softirq - drain the receive backlog (bounded); stack lock held */
void do_softirq(struct tn_stack *st);
/* run_timers - fire every timer due at the clock's current time */
void run_timers(struct tn_stack *st);
/*
 * Wake the worker if it is asleep: an earlier timer, backlog, or every task
 * now asleep.  Stack lock held (the worker decides to sleep under it).
 */
void stack_kick(struct tn_stack *st);

/* Pseudo-random numbers from the stack's generator (prandom_u32). */
u32 get_random_u32(void);

/*
 * stack_cond_wait - wait on @cond with the stack lock released, as
 * pthread_cond_(timed)wait; @abstime on CLOCK_MONOTONIC or NULL.
 */
int stack_cond_wait(struct tn_stack *st, struct tn_cond *cond,
		    const struct timespec *abstime);

/* Counted object lifetimes (tests assert none are left). */
#define stack_stat_inc(field) (current_stack()->field++)
#define stack_stat_dec(field) (current_stack()->field--)

#endif /* _NET_STACK_H */
