/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct sock: the network-layer side of a socket, and struct proto, the
 * transport protocol's operations.  Protocols embed struct sock first in
 * their own (inet_sock, udp_sock ...) and reach it by container_of.
 * Linux: include/net/sock.h.
 */
#ifndef _NET_SOCK_H
#define _NET_SOCK_H

#include <pthread.h>

#include <net/list.h>
#include <net/mutex.h>
#include <net/net.h>
#include <net/skbuff.h>
#include <net/timer.h>

struct net;
struct proto;
struct dst_entry;
struct sock_reuseport;

/* Fields shared with lighter objects (timewait, request socks) later. */
struct sock_common {
	__be32 skc_daddr; /* foreign IPv4 address */
	__be32 skc_rcv_saddr; /* bound local IPv4 address */
	__be16 skc_dport; /* foreign port */
	u16 skc_num; /* local port, host order */
	unsigned short skc_family;
	volatile unsigned char skc_state;
	unsigned char skc_reuse : 4, skc_reuseport : 1;
	int skc_bound_dev_if;
	int skc_refcnt; /* here: no hole before the pointers */
	struct hlist_node skc_node; /* in the protocol's lookup table */
	struct hlist_node skc_bind_node;
	struct net *skc_net;
	struct proto *skc_prot;
};

/* sk->sk_flags bits (enum sock_flags) */
enum sock_flags {
	SOCK_DEAD,
	SOCK_DONE,
	SOCK_URGINLINE,
	SOCK_KEEPOPEN,
	SOCK_LINGER,
	SOCK_DESTROY,
	SOCK_BROADCAST,
	SOCK_TIMESTAMP,
	SOCK_ZAPPED,
	SOCK_USE_WRITE_QUEUE,
	SOCK_DBG,
	SOCK_RCVTSTAMP,
	SOCK_RCVTSTAMPNS,
	SOCK_LOCALROUTE,
	SOCK_MEMALLOC,
	SOCK_TIMESTAMPING_RX_SOFTWARE,
	SOCK_FASYNC,
	SOCK_RXQ_OVFL,
	SOCK_ZEROCOPY,
	SOCK_WIFI_STATUS,
	SOCK_NOFCS,
	SOCK_FILTER_LOCKED,
	SOCK_SELECT_ERR_QUEUE,
	SOCK_RCU_FREE,
	SOCK_TXTIME,
	SOCK_XDP,
	SOCK_TSTAMP_NEW,
	SOCK_RCVMARK,
};

/* Newer than some libc headers. */
#ifndef SO_PASSPIDFD
#define SO_PASSPIDFD 76
#endif
#ifndef SO_PASSRIGHTS
#define SO_PASSRIGHTS 83
#endif

/* sk->sk_shutdown */
#define RCV_SHUTDOWN  1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

/* sk->sk_userlocks */
#define SOCK_SNDBUF_LOCK   1
#define SOCK_RCVBUF_LOCK   2
#define SOCK_BINDADDR_LOCK 4
#define SOCK_BINDPORT_LOCK 8

/**
 * socket_lock_t - who may change a socket's state (Linux: socket_lock_t)
 * @slock: short-term lock; process context holds it only to test and set
 *	@owned, softirq context (bh_lock_sock) for the whole of its work on
 *	the socket.  Never held across a sleep.
 * @owned: a process-context user holds the socket (lock_sock); softirq
 *	work that finds it set queues to sk_backlog instead.
 * @wq: lock_sock() callers waiting for @owned to clear.
 * Ordering: the stack lock, then @slock.  See docs/locking.md.
 */
typedef struct {
	spinlock_t slock;
	int owned;
	pthread_t owner; /* for the self-deadlock check only */
	struct wait_queue_head wq;
} socket_lock_t;

struct sock {
	struct sock_common __sk_common;
	socket_lock_t sk_lock;
	/*
	 * Softirq work that found the socket owned; release_sock() hands each
	 * skb to sk_backlog_rcv() in arrival order.  @len is in truesize.
	 */
	struct {
		struct sk_buff *head, *tail;
		int len;
	} sk_backlog;
#define sk_daddr	__sk_common.skc_daddr
#define sk_rcv_saddr	__sk_common.skc_rcv_saddr
#define sk_dport	__sk_common.skc_dport
#define sk_num		__sk_common.skc_num
#define sk_family	__sk_common.skc_family
#define sk_state	__sk_common.skc_state
#define sk_reuse	__sk_common.skc_reuse
#define sk_reuseport	__sk_common.skc_reuseport
#define sk_bound_dev_if __sk_common.skc_bound_dev_if
#define sk_node		__sk_common.skc_node
#define sk_bind_node	__sk_common.skc_bind_node
#define sk_net		__sk_common.skc_net
#define sk_prot		__sk_common.skc_prot
#define sk_refcnt	__sk_common.skc_refcnt

	struct sk_buff_head sk_receive_queue;
	struct sk_buff_head sk_write_queue;
	/* payload pages for paged sends that may not use the thread's page
	 * frag (sk_page_frag()) */
	struct page_frag sk_frag;
	struct sk_buff_head sk_error_queue;
	int sk_rmem_alloc; /* bytes charged by queued receive skbs */
	int sk_wmem_alloc; /* bytes of sent skbs still alive */
	int sk_omem_alloc; /* option memory (sock_kmalloc): net.core.optmem_max */
	/* bytes taken from the protocol's memory_allocated ahead of use
	 * and not yet charged (sk_mem_charge); pages come and go whole */
	int sk_forward_alloc;
	int sk_rcvbuf, sk_sndbuf;
	int sk_rcvlowat;
	int sk_err, sk_err_soft;
	int sk_drops;
	int sk_wmem_queued; /* TCP: bytes in the write queue (truesize) */
	u32 sk_ack_backlog, sk_max_ack_backlog; /* listen(): accept queue */
	unsigned char sk_shutdown;
	unsigned char sk_userlocks;
	unsigned char sk_net_refcnt; /* holds a reference on sk_net */
	unsigned char
		sk_no_check_tx; /* SO_NO_CHECK: UDP sent without checksum */
	unsigned short sk_type;
	unsigned short sk_protocol;
	unsigned long sk_flags;
	u32 sk_priority;
	u32 sk_mark;
	/* pacing (TCP): bytes/s; ~0: none.  SK_PACING_NEEDED: paced by
	 * TCP itself (SO_MAX_PACING_RATE set, no fq qdisc) */
	u64 sk_pacing_rate, sk_max_pacing_rate;
	u8 sk_pacing_status; /* SK_PACING_NONE, SK_PACING_NEEDED */
	u8 sk_pacing_shift; /* a TSO burst is 1/2^shift s of pacing */
	bool sk_use_task_frag; /* may fill current_task_frag() */
	u32 sk_tsflags;
	s64 sk_rcvtimeo, sk_sndtimeo; /* ns; MAX_SCHEDULE_TIMEOUT = forever */
	unsigned long sk_lingertime;
	u64 sk_stamp; /* SIOCGSTAMP; 0: nothing received yet */
	u64 sk_cookie; /* sock_gen_cookie(): 0 until sock_diag asks */
	u32 sk_uid; /* the creator's effective uid (sock_diag, /proc) */
	int sk_peek_off;

	struct socket *sk_socket;
	struct wait_queue_head *sk_wq; /* &sk_socket->wq, or own if kernel */
	struct wait_queue_head sk_wq_own;
	struct dst_entry *sk_dst_cache;
	/* early demux (tcp_v4_early_demux): the input route of the segments
	 * that reach this sock, held, and the device they come in on */
	struct dst_entry *sk_rx_dst;
	int sk_rx_dst_ifindex;
	/* the GFP flags of the socket's allocations: GFP_ATOMIC for one
	 * that sends from softirq (sk_page_frag()) */
	int sk_allocation;
	struct timer_list sk_timer;

	void (*sk_state_change)(struct sock *sk);
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	void (*sk_error_report)(struct sock *sk);
	int (*sk_backlog_rcv)(struct sock *sk, struct sk_buff *skb);
	void (*sk_destruct)(struct sock *sk);
	void *sk_user_data;
	struct sock_reuseport *sk_reuseport_cb; /* its SO_REUSEPORT group */
	/* SO_INCOMING_CPU: set, or the CPU that last received (-1: none) */
	int sk_incoming_cpu;
};

/* the CPU softirq work runs on: tuxnet's worker is one, number 0 */
static inline int raw_smp_processor_id(void)
{
	return 0;
}

/* sk_incoming_cpu_update - a connected sock received on this CPU */
static inline void sk_incoming_cpu_update(struct sock *sk)
{
	if (sk->sk_incoming_cpu != raw_smp_processor_id())
		sk->sk_incoming_cpu = raw_smp_processor_id();
}

/**
 * struct proto - a transport protocol's socket operations (udp_prot ...)
 * @obj_size: sizeof the protocol's sock (struct udp_sock, ...)
 * @init/@destroy: per-socket setup and teardown; optional.
 * @close: the socket is released by its user; must drop it (sk_common_release)
 * @hash/@unhash: enter/leave the lookup tables; @get_port binds a port
 *	(0: pick an ephemeral one) or returns -EADDRINUSE.
 * @sendmsg/@recvmsg: as proto_ops, for this protocol's sock.
 * @backlog_rcv: deliver a queued skb once the user releases the socket.
 * @release_cb: optional; work deferred while the user owned the socket
 *	(TCP's PMTU reduction), run by release_sock() after the backlog,
 *	with slock held (a callback with work to do lets go of it meanwhile).
 * @keepalive: optional; SO_KEEPALIVE was set to @valbool (before the flag
 *	changes).
 * All with the stack lock held.
 */
struct proto {
	const char *name;
	unsigned int obj_size;
	int (*init)(struct sock *sk);
	void (*destroy)(struct sock *sk);
	void (*close)(struct sock *sk, long timeout);
	int (*pre_connect)(struct sock *sk, struct sockaddr *uaddr,
			   int addr_len);
	int (*connect)(struct sock *sk, struct sockaddr *uaddr, int addr_len);
	int (*disconnect)(struct sock *sk, int flags);
	int (*ioctl)(struct sock *sk, int cmd, void *arg);
	void (*shutdown)(struct sock *sk, int how);
	int (*setsockopt)(struct sock *sk, int level, int optname,
			  const void *optval, unsigned int optlen);
	int (*getsockopt)(struct sock *sk, int level, int optname, void *optval,
			  int *optlen);
	int (*sendmsg)(struct sock *sk, struct msghdr *msg, size_t len);
	int (*recvmsg)(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags, int *addr_len);
	int (*bind)(struct sock *sk, struct sockaddr *addr, int addr_len);
	int (*backlog_rcv)(struct sock *sk, struct sk_buff *skb);
	void (*release_cb)(struct sock *sk);
	void (*keepalive)(struct sock *sk, int valbool);
	int (*hash)(struct sock *sk);
	void (*unhash)(struct sock *sk);
	int (*get_port)(struct sock *sk, unsigned short snum);
	unsigned int (*poll_mask)(struct sock *sk); /* optional extra bits */
	int *sysctl_rmem, *sysctl_wmem;
	/* offsetof(struct net, ...) of the per-namespace minimum buffer
	 * kept under pressure (sk_get_rmem0/wmem0; 0: none) */
	unsigned int sysctl_rmem_offset, sysctl_wmem_offset;
	int max_header;
	/* memory accounting (sk_mem_schedule): the stack's proto_mem of
	 * the protocol, NULL when it keeps none (sk_has_account).  A
	 * protocol with a pressure state (TCP) enters and leaves it through
	 * the other two. */
	struct proto_mem *(*memory)(const struct sock *sk);
	void (*enter_memory_pressure)(struct sock *sk);
	void (*leave_memory_pressure)(struct sock *sk);
};

/**
 * struct proto_mem - a protocol's socket memory in one stack.  Linux
 *	keeps it machine-wide (struct proto's memory_allocated,
 *	per_cpu_fw_alloc, sysctl_mem, memory_pressure, sockets_allocated
 *	point at globals); tuxnet's stack is the machine: the figures are
 *	the stack's, set and shown in its initial namespace.
 * @allocated: pages forward allocated to the sockets, as the limits see
 *	them (sk_memory_allocated, /proc/net/sockstat's mem)
 * @per_cpu_fw_alloc: pages not yet in @allocated: Linux's per-CPU
 *	reserve, of the stack's one CPU, flushed into @allocated once it
 *	reaches net.core.mem_pcpu_rsv (256) either way
 * @sysctl_mem: net.ipv4.tcp_mem / udp_mem, in pages
 * @memory_pressure: TCP: when pressure began (tcp_jiffies32, never 0),
 *	0 when there is none
 * @sockets_allocated: TCP: its socks alive (the fair-share rule)
 */
/* nr_free_buffer_pages() of the machine tuxnet's Linux figures come from
 * (6.18, 24 GB): Linux derives tcp_mem and udp_mem from it at boot */
#define TN_FREE_BUFFER_PAGES 6142040L

struct proto_mem {
	long allocated;
	int per_cpu_fw_alloc;
	long sysctl_mem[3];
	unsigned long memory_pressure;
	int sockets_allocated;
};

static inline struct net *sock_net(const struct sock *sk)
{
	return sk->sk_net;
}

static inline void sock_set_flag(struct sock *sk, enum sock_flags flag)
{
	sk->sk_flags |= 1UL << flag;
}

static inline void sock_reset_flag(struct sock *sk, enum sock_flags flag)
{
	sk->sk_flags &= ~(1UL << flag);
}

static inline bool sock_flag(const struct sock *sk, enum sock_flags flag)
{
	return sk->sk_flags & (1UL << flag);
}

static inline void sock_hold(struct sock *sk)
{
	sk->sk_refcnt++;
}

/* The inode number of @sk's socket (0 once orphaned), as sock_i_ino. */
unsigned long sock_i_ino(const struct sock *sk);
/* The owner's uid, as sock_i_uid. */
u32 sock_i_uid(const struct sock *sk);

void sk_free(struct sock *sk);

/* sock_put - drop a reference; frees the sock on the last one */
static inline void sock_put(struct sock *sk)
{
	if (--sk->sk_refcnt == 0)
		sk_free(sk);
}

/* src/core/sock.c: socket ownership (Linux: net/core/sock.c) */
void sock_lock_init(struct sock *sk);
/**
 * lock_sock - become the socket's owner (process context)
 * Waits, asleep with the stack lock released, while another task owns it.
 * Not recursive: a task that owns @sk must not call it again.
 */
void lock_sock(struct sock *sk);
/**
 * release_sock - give up ownership: first hand every skb the softirq put
 *	on sk_backlog to sk_backlog_rcv(), in order, then wake a waiter
 */
void release_sock(struct sock *sk);
#define bh_lock_sock(sk)   spin_lock(&(sk)->sk_lock.slock)
#define bh_unlock_sock(sk) spin_unlock(&(sk)->sk_lock.slock)

static inline bool sock_owned_by_user(const struct sock *sk)
{
	return sk->sk_lock.owned;
}

#define sock_owned_by_me(sk) WARN_ON_ONCE(!sock_owned_by_user(sk))

/**
 * sk_add_backlog - queue @skb for the owner's release_sock()
 * Context: softirq, bh_lock_sock() held, socket owned by user.
 * @limit: bytes; the backlog plus the receive memory may not exceed it
 * Return: 0, or -ENOBUFS and @skb is untouched (the caller drops it).
 */
int sk_add_backlog(struct sock *sk, struct sk_buff *skb, unsigned int limit);

/* sk_backlog_rcv - deliver one backlogged skb through the protocol */
static inline int sk_backlog_rcv(struct sock *sk, struct sk_buff *skb)
{
	return sk->sk_backlog_rcv(sk, skb);
}

/*
 * ___sk_wait_event - sleep on @sk's wait queue until @condition or timeout;
 * @owned: the caller owns @sk and gives it up while asleep (the backlog is
 * processed and others may take the socket), taking it again before
 * @condition is looked at, as Linux's sk_wait_event().
 */
#define ___sk_wait_event(sk, timeo, condition, owned)            \
	({                                                       \
		struct wait_queue_entry wait_;                   \
		int rc_;                                         \
		init_wait_entry(&wait_, current_waiter());       \
		add_wait_queue((sk)->sk_wq, &wait_);             \
		for (;;) {                                       \
			wait_.waiter->woken = false;             \
			if (condition) {                         \
				rc_ = 1;                         \
				break;                           \
			}                                        \
			if (*(timeo) <= 0 || signal_pending()) { \
				rc_ = 0;                         \
				break;                           \
			}                                        \
			if (owned)                               \
				release_sock(sk);                \
			*(timeo) = schedule_timeout(*(timeo));   \
			if (owned)                               \
				lock_sock(sk);                   \
		}                                                \
		remove_wait_queue((sk)->sk_wq, &wait_);          \
		rc_;                                             \
	})

/*
 * __sk_sleep_event - sleep on @sk's wait queue until @condition or timeout,
 * without touching ownership (a caller that may not own the socket, or one
 * that must keep it, as Linux's sock_alloc_send_pskb() does).
 */
#define __sk_sleep_event(sk, timeo, condition) \
	___sk_wait_event(sk, timeo, condition, false)

/**
 * sk_wait_event - sleep on @sk's wait queue until @condition or timeout
 * @timeo: pointer to the remaining time (ns), updated
 * Context: process context, the caller owns @sk (lock_sock); ownership is
 * given up while asleep and taken again before @condition is looked at.
 * The stack lock is released while asleep too.
 * Return: nonzero when @condition became true.
 */
#define sk_wait_event(sk, timeo, condition) \
	___sk_wait_event(sk, timeo, condition, true)

static inline bool sock_writeable(const struct sock *sk)
{
	return sk->sk_wmem_alloc < (sk->sk_sndbuf >> 1);
}

/* ---- memory accounting (Linux: include/net/sock.h, proto_memory.h) ----
 *
 * A socket of a protocol that keeps accounts (TCP, UDP) takes memory from
 * the protocol's pool (struct proto_mem) a page at a time ahead of use:
 * sk_forward_alloc.  sk_rmem_schedule()/sk_wmem_schedule() make sure it
 * covers what is about to be charged, asking __sk_mem_schedule() for the
 * pages missing, which the limits tcp_mem/udp_mem may refuse;
 * sk_mem_charge() takes an skb's truesize out of it, sk_mem_uncharge()
 * puts it back and hands whole pages back to the pool (sk_mem_reclaim),
 * so that less than a page stays with an idle socket.  The charge is
 * per skb and costs an add and a compare; pages move through the
 * out-of-line functions.
 */
/* the unit pages move in (Linux's name until 6.1; PAGE_SIZE since) */
#define SK_MEM_QUANTUM ((int)PAGE_SIZE)
#define SK_MEM_SEND    0
#define SK_MEM_RECV    1

static inline int sk_mem_pages(int amt)
{
	return (amt + (int)PAGE_SIZE - 1) >> PAGE_SHIFT;
}

static inline bool sk_has_account(const struct sock *sk)
{
	return sk->sk_prot->memory != NULL;
}

static inline struct proto_mem *sk_proto_mem(const struct sock *sk)
{
	return sk->sk_prot->memory(sk);
}

/* the protocol's pages in use, as the limits see them */
static inline long sk_memory_allocated(const struct sock *sk)
{
	return sk_proto_mem(sk)->allocated;
}

static inline long sk_prot_mem_limits(const struct sock *sk, int index)
{
	return sk_proto_mem(sk)->sysctl_mem[index];
}

static inline bool sk_has_memory_pressure(const struct sock *sk)
{
	return sk->sk_prot->enter_memory_pressure != NULL;
}

static inline bool sk_under_memory_pressure(const struct sock *sk)
{
	return sk_has_memory_pressure(sk) && sk_proto_mem(sk)->memory_pressure;
}

void sk_memory_allocated_add(const struct sock *sk, int pages);
void sk_memory_allocated_sub(const struct sock *sk, int pages);
/* __sk_mem_raise_allocated - take @amt pages for @size bytes of @kind
 * (SK_MEM_SEND/RECV) from the pool; 0 when the limits refuse them */
int __sk_mem_raise_allocated(struct sock *sk, int size, int amt, int kind);
/* __sk_mem_schedule - forward allocate the pages @size needs; 0: refused */
int __sk_mem_schedule(struct sock *sk, int size, int kind);
void __sk_mem_reduce_allocated(struct sock *sk, int amount);
/* __sk_mem_reclaim - give @amount bytes' whole pages back to the pool */
void __sk_mem_reclaim(struct sock *sk, int amount);
/* sk_forced_mem_schedule - what must be sent anyway (SYN, FIN, a split
 * of what is queued): the pages are taken past any limit */
void sk_forced_mem_schedule(struct sock *sk, int size);

static inline bool sk_wmem_schedule(struct sock *sk, int size)
{
	int delta;

	if (!sk_has_account(sk))
		return true;
	delta = size - sk->sk_forward_alloc;
	return delta <= 0 || __sk_mem_schedule(sk, delta, SK_MEM_SEND);
}

static inline bool sk_rmem_schedule(struct sock *sk, struct sk_buff *skb,
				    int size)
{
	int delta;

	(void)skb;
	if (!sk_has_account(sk))
		return true;
	delta = size - sk->sk_forward_alloc;
	return delta <= 0 || __sk_mem_schedule(sk, delta, SK_MEM_RECV);
}

/* sk_mem_reclaim - hand the whole pages of sk_forward_alloc back */
static inline void sk_mem_reclaim(struct sock *sk)
{
	if (!sk_has_account(sk))
		return;
	if (sk->sk_forward_alloc >= SK_MEM_QUANTUM)
		__sk_mem_reclaim(sk, sk->sk_forward_alloc);
}

static inline void sk_mem_charge(struct sock *sk, int size)
{
	if (!sk_has_account(sk))
		return;
	sk->sk_forward_alloc -= size;
}

/* sk_mem_uncharge - @size bytes are free again; whole pages go back to
 * the pool at once (Linux 5.19 on keeps sk_forward_alloc below a page) */
static inline void sk_mem_uncharge(struct sock *sk, int size)
{
	if (!sk_has_account(sk))
		return;
	sk->sk_forward_alloc += size;
	sk_mem_reclaim(sk);
}

/* sk_get_rmem0/wmem0 - the buffer a socket keeps under pressure */
int sk_get_rmem0(const struct sock *sk);
int sk_get_wmem0(const struct sock *sk);

/* sk_stream_moderate_sndbuf - no memory for more: the send buffer
 * shrinks to half of what is queued (not below SOCK_MIN_SNDBUF), unless
 * the user set it */
void sk_stream_moderate_sndbuf(struct sock *sk);

/* src/core/sock.c */
struct sock *sk_alloc(struct net *net, int family, struct proto *prot,
		      int kern);
enum sk_pacing { SK_PACING_NONE, SK_PACING_NEEDED, SK_PACING_FQ };

void sock_init_data(struct socket *sock, struct sock *sk);
void sk_common_release(struct sock *sk);
int sock_setsockopt(struct socket *sock, int level, int optname,
		    const void *optval, unsigned int optlen);
int sock_getsockopt(struct socket *sock, int level, int optname, void *optval,
		    int *optlen);
void sock_def_readable(struct sock *sk);
/*
 * sk_stamp of a socket that received a datagram nobody asked to timestamp
 * (Linux's zero ktime): SIOCGSTAMP answers with the time of the call.
 */
#define SK_STAMP_UNSTAMPED ((u64)-1)

void sk_dst_reset(struct sock *sk);
struct dst_entry *__sk_dst_check(struct sock *sk, u32 cookie);
/* sk_dst_check - the cached route, if still valid, with a reference taken
 * for the caller (ip_rt_put / dst_release); NULL: look up again */
struct dst_entry *sk_dst_check(struct sock *sk, u32 cookie);
void sk_setup_caps(struct sock *sk, struct dst_entry *dst);

/*
 * sk_page_frag - the page frag a paged send from @sk fills: the thread's
 * when the socket may use it and sends where it may sleep (process
 * context: one frag per thread shared by all its sockets, as Linux's
 * current->task_frag), else the socket's own.  A sender that may run
 * inside another send (softirq, timers) keeps its sk_frag: it clears
 * sk_use_task_frag or allocates GFP_ATOMIC.
 */
static inline struct page_frag *sk_page_frag(struct sock *sk)
{
	if (sk->sk_use_task_frag && gfpflags_allow_blocking(sk->sk_allocation))
		return current_task_frag();
	return &sk->sk_frag;
}

static inline s64 sock_rcvtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? 0 : sk->sk_rcvtimeo;
}

static inline s64 sock_sndtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? 0 : sk->sk_sndtimeo;
}

/* sock_intr_errno - what a wait ended by an interruption returns */
static inline int sock_intr_errno(s64 timeo)
{
	(void)timeo;
	return -EINTR;
}

/**
 * sock_queue_rcv_skb - charge @skb to @sk and queue it for recvmsg
 * @skb: consumed: queued, or dropped with -ENOMEM when sk_rcvbuf is full
 * Return: 0 or -errno (the skb is gone either way).
 */
int sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb);
/* sock_queue_err_skb - queue an IP_RECVERR message; consumes @skb */
int sock_queue_err_skb(struct sock *sk, struct sk_buff *skb);
struct sk_buff *sock_dequeue_err_skb(struct sock *sk);
void skb_set_owner_r(struct sk_buff *skb, struct sock *sk);
/* SK_MEMINFO_VARS u32s of @sk's memory (SO_MEMINFO, ss -m's skmem) */
void sk_get_meminfo(const struct sock *sk, u32 *mem);
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk);
/* sock_kmalloc - @size bytes of option memory (net.core.optmem_max) */
void *sock_kmalloc(struct sock *sk, int size, int priority);
void sock_kfree_s(struct sock *sk, void *mem, int size);
/* __sock_wfree - uncharge a sent skb, waking no writer (TCP's pure ACKs) */
void __sock_wfree(struct sk_buff *skb);
/* sock_alloc_send_skb - allocate for sending, waiting for sndbuf room */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned long size,
				    int noblock, int *errcode);

/* datagram.c */
/**
 * skb_recv_datagram - take the next datagram off sk_receive_queue
 * @flags: MSG_DONTWAIT, MSG_PEEK
 * Waits up to sk_rcvtimeo.  Return: the skb (caller frees with
 * skb_free_datagram) or NULL with *err set (-EAGAIN, sk_err ...).
 */
struct sk_buff *skb_recv_datagram(struct sock *sk, unsigned int flags,
				  int *err);
void skb_free_datagram(struct sock *sk, struct sk_buff *skb);
int skb_copy_datagram_iter(const struct sk_buff *skb, int offset,
			   struct msghdr *msg, int len);
int skb_copy_datagram_msg(const struct sk_buff *from, int offset,
			  struct msghdr *msg, int size);
unsigned int datagram_poll(struct file *file, struct socket *sock,
			   poll_table *wait);
int sock_error(struct sock *sk);
/* sk_wait_event-style helper: sleep on sk's queue up to *timeo */
int sk_wait_data(struct sock *sk, s64 *timeo);
void sock_recv_timestamp(struct msghdr *msg, struct sock *sk,
			 struct sk_buff *skb);

#endif /* _NET_SOCK_H */
