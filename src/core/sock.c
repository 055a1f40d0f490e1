// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic socket code: struct sock allocation and release, SOL_SOCKET
 * options, receive/send buffer accounting and the default callbacks.
 * Linux: net/core/sock.c.
 */
#include <limits.h>
#include <time.h>
#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <net/if.h>
#include <sys/time.h>

#include <net/dst.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/sock.h>
#include <net/sock_diag.h>

#define SOCK_MIN_SNDBUF 4608
#define SOCK_MIN_RCVBUF 2304

/**
 * sk_alloc - a new sock of @prot in @net
 * @kern: a kernel socket, which does not keep @net alive (as Linux)
 * Return: the sock with one reference, or NULL.
 */
struct sock *sk_alloc(struct net *net, int family, struct proto *prot, int kern)
{
	struct sock *sk = kzalloc(prot->obj_size, GFP_KERNEL);

	if (!sk)
		return NULL;
	sk->sk_family = (unsigned short)family;
	sk->sk_prot = prot;
	sk->sk_net_refcnt = !kern;
	sk->sk_net = kern ? net : get_net(net);
	sk->sk_refcnt = 1;
	if (!kern) {
		sk->sk_uid = (u32)current_euid();
		net->core.sock_inuse++;
	}
	sock_lock_init(sk);
	net->st->live_socks++;
	return sk;
}

/* ---- ownership: lock_sock() and the backlog ---- */

void sock_lock_init(struct sock *sk)
{
	spin_lock_init(&sk->sk_lock.slock);
	sk->sk_lock.owned = 0;
	init_waitqueue_head(&sk->sk_lock.wq);
}

/*
 * __lock_sock - wait for the owner to let go; called and returns with
 * slock held.  slock is dropped across the sleep (it is never held
 * asleep); the stack lock orders the check against release_sock()'s wake-up.
 */
static void __lock_sock(struct sock *sk)
{
	struct wait_queue_entry wait;

	init_wait_entry(&wait, current_waiter());
	add_wait_queue(&sk->sk_lock.wq, &wait);
	for (;;) {
		wait.waiter->woken = false;
		if (!sock_owned_by_user(sk))
			break;
		spin_unlock(&sk->sk_lock.slock);
		schedule_timeout(MAX_SCHEDULE_TIMEOUT);
		spin_lock(&sk->sk_lock.slock);
	}
	remove_wait_queue(&sk->sk_lock.wq, &wait);
}

void lock_sock(struct sock *sk)
{
	spin_lock(&sk->sk_lock.slock);
	if (sock_owned_by_user(sk)) {
		/* lockdep's "possible recursive locking": it never returns */
		if (WARN_ON_ONCE(
			    pthread_equal(sk->sk_lock.owner, pthread_self())))
			abort();
		__lock_sock(sk);
	}
	sk->sk_lock.owned = 1;
	sk->sk_lock.owner = pthread_self();
	spin_unlock(&sk->sk_lock.slock);
}

/*
 * __release_sock - process the backlog; slock held on entry and exit.
 * The list is taken whole and processed without slock, so the softirq can
 * keep appending (still to the backlog: the socket stays owned) and those
 * skbs are taken by the next round; sk_backlog.len is kept until the end so
 * the limit still bounds what a busy owner leaves behind.
 */
static void __release_sock(struct sock *sk)
{
	struct sk_buff *skb, *next;

	while ((skb = sk->sk_backlog.head) != NULL) {
		sk->sk_backlog.head = sk->sk_backlog.tail = NULL;
		spin_unlock(&sk->sk_lock.slock);
		do {
			next = skb->next;
			skb->next = NULL;
			sk_backlog_rcv(sk, skb);
			skb = next;
		} while (skb);
		spin_lock(&sk->sk_lock.slock);
	}
	sk->sk_backlog.len = 0;
}

void release_sock(struct sock *sk)
{
	spin_lock(&sk->sk_lock.slock);
	if (sk->sk_backlog.tail)
		__release_sock(sk);
	/* under slock, as Linux: it lets go itself when it has work */
	if (sk->sk_prot->release_cb)
		sk->sk_prot->release_cb(sk);
	sk->sk_lock.owned = 0;
	if (waitqueue_active(&sk->sk_lock.wq))
		wake_up(&sk->sk_lock.wq);
	spin_unlock(&sk->sk_lock.slock);
}

int sk_add_backlog(struct sock *sk, struct sk_buff *skb, unsigned int limit)
{
	unsigned int qsize = (unsigned int)sk->sk_backlog.len +
			     (unsigned int)sk->sk_rmem_alloc;

	if (qsize > limit)
		return -ENOBUFS;
	skb->next = NULL;
	if (!sk->sk_backlog.tail)
		sk->sk_backlog.head = skb;
	else
		sk->sk_backlog.tail->next = skb;
	sk->sk_backlog.tail = skb;
	sk->sk_backlog.len += (int)skb->truesize;
	return 0;
}

/* The backlog of a socket that is going away (no owner left to drain it). */
static void sk_backlog_purge(struct sock *sk)
{
	struct sk_buff *skb = sk->sk_backlog.head, *next;

	for (; skb; skb = next) {
		next = skb->next;
		skb->next = NULL;
		kfree_skb(skb);
	}
	sk->sk_backlog.head = sk->sk_backlog.tail = NULL;
	sk->sk_backlog.len = 0;
}

static void sock_def_wakeup(struct sock *sk)
{
	if (sk->sk_wq)
		wake_up_poll(sk->sk_wq, EPOLLIN | EPOLLOUT | EPOLLHUP);
}

void sock_def_readable(struct sock *sk)
{
	if (sk->sk_wq)
		wake_up_poll(sk->sk_wq,
			     EPOLLIN | EPOLLPRI | EPOLLRDNORM | EPOLLRDBAND);
}

static void sock_def_write_space(struct sock *sk)
{
	if (sock_writeable(sk) && sk->sk_wq)
		wake_up_poll(sk->sk_wq, EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

static void sock_def_error_report(struct sock *sk)
{
	if (sk->sk_wq)
		wake_up_poll(sk->sk_wq, EPOLLERR);
}

unsigned long sock_i_ino(const struct sock *sk)
{
	return sk->sk_socket ? sk->sk_socket->ino : 0;
}

u32 sock_i_uid(const struct sock *sk)
{
	return sk->sk_uid;
}

/**
 * sock_init_data - defaults for a new sock and its tie to @sock (may be
 *	NULL for a kernel sock without a socket)
 */
void sock_init_data(struct socket *sock, struct sock *sk)
{
	struct net *net = sock_net(sk);

	skb_queue_head_init(&sk->sk_receive_queue);
	skb_queue_head_init(&sk->sk_write_queue);
	skb_queue_head_init(&sk->sk_error_queue);
	INIT_HLIST_NODE(&sk->sk_node);
	INIT_HLIST_NODE(&sk->sk_bind_node);
	sk->sk_rcvbuf = net->core.sysctl_rmem_default;
	sk->sk_sndbuf = net->core.sysctl_wmem_default;
	sk->sk_rcvlowat = 1;
	sk->sk_pacing_rate = ~0ULL;
	sk->sk_max_pacing_rate = ~0ULL;
	sk->sk_pacing_shift = 10;
	sk->sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_peek_off = -1;
	sk->sk_allocation = GFP_KERNEL;
	sk->sk_use_task_frag = true;
	init_waitqueue_head(&sk->sk_wq_own);
	timer_setup(&sk->sk_timer, NULL, net->st);
	sk->sk_state_change = sock_def_wakeup;
	sk->sk_data_ready = sock_def_readable;
	sk->sk_write_space = sock_def_write_space;
	sk->sk_error_report = sock_def_error_report;
	if (sock) {
		sk->sk_type = (unsigned short)sock->type;
		sk->sk_wq = &sock->wq;
		sock->sk = sk;
		sk->sk_socket = sock;
	} else {
		sk->sk_wq = &sk->sk_wq_own;
	}
}

/* sk_free - the last reference went: free the sock and what it holds */
void sk_free(struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct tn_stack *st = net->st;

	if (sk->sk_destruct)
		sk->sk_destruct(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_error_queue);
	skb_queue_purge(&sk->sk_write_queue);
	if (sk->sk_frag.page) {
		put_page(sk->sk_frag.page);
		sk->sk_frag.page = NULL;
	}
	sk_backlog_purge(sk);
	/* all uncharged now: the last pages go back (sk_mem_reclaim_final) */
	sk_mem_reclaim(sk);
	sk_dst_reset(sk);
	del_timer(&sk->sk_timer);
	if (sk->sk_net_refcnt) {
		net->core.sock_inuse--;
		put_net(net);
	}
	st->live_socks--;
	kfree(sk);
}

static void sock_orphan(struct sock *sk)
{
	sock_set_flag(sk, SOCK_DEAD);
	sk->sk_socket = NULL;
	sk->sk_wq = &sk->sk_wq_own;
}

/**
 * sk_common_release - the end of a datagram sock's life: the protocol
 *	destroys its state and unhashes, the queues are purged, and the
 *	user's reference is dropped
 */
void sk_common_release(struct sock *sk)
{
	if (sk->sk_prot->destroy)
		sk->sk_prot->destroy(sk);
	if (sk->sk_prot->unhash)
		sk->sk_prot->unhash(sk);
	sock_orphan(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_error_queue);
	sock_put(sk);
}

void sk_dst_reset(struct sock *sk)
{
	if (sk->sk_dst_cache) {
		dst_release(sk->sk_dst_cache);
		sk->sk_dst_cache = NULL;
	}
}

/* __sk_dst_check - the cached route if still valid, else drop it */
struct dst_entry *__sk_dst_check(struct sock *sk, u32 cookie)
{
	struct dst_entry *dst = sk->sk_dst_cache;

	if (dst && dst->obsolete && !dst_check(dst, cookie)) {
		sk_dst_reset(sk);
		return NULL;
	}
	return dst;
}

struct dst_entry *sk_dst_check(struct sock *sk, u32 cookie)
{
	struct dst_entry *dst = __sk_dst_check(sk, cookie);

	if (dst)
		dst_hold(dst);
	return dst;
}

/* sk_setup_caps - cache @dst (its reference moves to the sock) */
void sk_setup_caps(struct sock *sk, struct dst_entry *dst)
{
	sk_dst_reset(sk);
	sk->sk_dst_cache = dst;
}

/* ---- buffer accounting ---- */

/*
 * The pool's count moves through the one CPU's reserve, as Linux's
 * sk_memory_allocated_add/sub through this CPU's: what the limits see
 * changes only once the reserve reaches net.core.mem_pcpu_rsv pages
 * either way, then all of it at once.
 */
static void proto_memory_pcpu_drain(struct proto_mem *m)
{
	m->allocated += m->per_cpu_fw_alloc;
	m->per_cpu_fw_alloc = 0;
}

void sk_memory_allocated_add(const struct sock *sk, int pages)
{
	struct proto_mem *m = sk_proto_mem(sk);

	m->per_cpu_fw_alloc += pages;
	if (m->per_cpu_fw_alloc >=
	    sock_net(sk)->st->softnet.sysctl_mem_pcpu_rsv)
		proto_memory_pcpu_drain(m);
}

void sk_memory_allocated_sub(const struct sock *sk, int pages)
{
	struct proto_mem *m = sk_proto_mem(sk);

	m->per_cpu_fw_alloc -= pages;
	if (m->per_cpu_fw_alloc <=
	    -sock_net(sk)->st->softnet.sysctl_mem_pcpu_rsv)
		proto_memory_pcpu_drain(m);
}

static void sk_enter_memory_pressure(struct sock *sk)
{
	if (sk->sk_prot->enter_memory_pressure)
		sk->sk_prot->enter_memory_pressure(sk);
}

static void sk_leave_memory_pressure(struct sock *sk)
{
	if (sk->sk_prot->leave_memory_pressure)
		sk->sk_prot->leave_memory_pressure(sk);
}

int sk_get_rmem0(const struct sock *sk)
{
	const struct proto *prot = sk->sk_prot;

	if (!prot->sysctl_rmem_offset)
		return 0;
	return *(const int *)(const void *)((const char *)sock_net(sk) +
					    prot->sysctl_rmem_offset);
}

int sk_get_wmem0(const struct sock *sk)
{
	const struct proto *prot = sk->sk_prot;

	if (!prot->sysctl_wmem_offset)
		return 0;
	return *(const int *)(const void *)((const char *)sock_net(sk) +
					    prot->sysctl_wmem_offset);
}

void sk_stream_moderate_sndbuf(struct sock *sk)
{
	int val;

	if (sk->sk_userlocks & SOCK_SNDBUF_LOCK)
		return;
	val = min_t(int, sk->sk_sndbuf, sk->sk_wmem_queued >> 1);
	sk->sk_sndbuf = max_t(int, val, SOCK_MIN_SNDBUF);
}

/*
 * __sk_mem_raise_allocated - Linux 6.18's rules: under tcp_mem[0] (or
 * udp_mem[0]) anything goes and pressure ends; above [1] pressure
 * begins; above [2] nothing more.  Between, a socket still gets its
 * minimum buffer (tcp_rmem[0]/tcp_wmem[0], udp_rmem_min), and under
 * pressure one that uses less than its fair share of [2]; a stream
 * sender refused shrinks its send buffer, and is let through when it
 * already queues its (new) sndbuf, so that it stops at the buffer.
 */
int __sk_mem_raise_allocated(struct sock *sk, int size, int amt, int kind)
{
	struct proto_mem *m = sk_proto_mem(sk);
	long allocated;

	sk_memory_allocated_add(sk, amt);
	allocated = m->allocated;

	if (allocated <= m->sysctl_mem[0]) {
		if (m->memory_pressure)
			sk_leave_memory_pressure(sk);
		return 1;
	}
	if (allocated > m->sysctl_mem[1])
		sk_enter_memory_pressure(sk);
	if (allocated > m->sysctl_mem[2])
		goto suppress_allocation;

	if (kind == SK_MEM_RECV) {
		if (sk->sk_rmem_alloc < sk_get_rmem0(sk))
			return 1;
	} else {
		int wmem0 = sk_get_wmem0(sk);

		if (sk->sk_type == SOCK_STREAM) {
			if (sk->sk_wmem_queued < wmem0)
				return 1;
		} else if (sk->sk_wmem_alloc < wmem0) {
			return 1;
		}
	}

	if (sk_has_memory_pressure(sk)) {
		long alloc;

		if (!m->memory_pressure)
			return 1;
		/* fair among the sockets: one below the average may grow */
		alloc = max_t(long, m->sockets_allocated, 1);
		if (m->sysctl_mem[2] >
		    alloc * sk_mem_pages(sk->sk_wmem_queued +
					 sk->sk_rmem_alloc +
					 sk->sk_forward_alloc))
			return 1;
	}

suppress_allocation:
	if (kind == SK_MEM_SEND && sk->sk_type == SOCK_STREAM) {
		sk_stream_moderate_sndbuf(sk);
		/* fail only under the send buffer: a writer past it waits */
		if (sk->sk_wmem_queued + size >= sk->sk_sndbuf)
			return 1;
	}
	sk_memory_allocated_sub(sk, amt);
	return 0;
}

int __sk_mem_schedule(struct sock *sk, int size, int kind)
{
	int ret, amt = sk_mem_pages(size);

	sk->sk_forward_alloc += amt << PAGE_SHIFT;
	ret = __sk_mem_raise_allocated(sk, size, amt, kind);
	if (!ret)
		sk->sk_forward_alloc -= amt << PAGE_SHIFT;
	return ret;
}

void __sk_mem_reduce_allocated(struct sock *sk, int amount)
{
	struct proto_mem *m = sk_proto_mem(sk);

	sk_memory_allocated_sub(sk, amount);
	if (sk_under_memory_pressure(sk) && m->allocated < m->sysctl_mem[0])
		sk_leave_memory_pressure(sk);
}

void __sk_mem_reclaim(struct sock *sk, int amount)
{
	amount >>= PAGE_SHIFT;
	sk->sk_forward_alloc -= amount << PAGE_SHIFT;
	__sk_mem_reduce_allocated(sk, amount);
}

void sk_forced_mem_schedule(struct sock *sk, int size)
{
	int delta, amt;

	if (!sk_has_account(sk))
		return;
	delta = size - sk->sk_forward_alloc;
	if (delta <= 0)
		return;
	amt = sk_mem_pages(delta);
	sk->sk_forward_alloc += amt << PAGE_SHIFT;
	sk_memory_allocated_add(sk, amt);
}

static void sock_rfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	sk->sk_rmem_alloc -= (int)skb->truesize;
	sk_mem_uncharge(sk, (int)skb->truesize);
}

/* skb_set_owner_r - charge a received skb to @sk (its receive memory and
 * forward allocation) until it is freed */
void skb_set_owner_r(struct sk_buff *skb, struct sock *sk)
{
	skb_orphan(skb);
	skb->sk = sk;
	skb->destructor = sock_rfree;
	sk->sk_rmem_alloc += (int)skb->truesize;
	sk_mem_charge(sk, (int)skb->truesize);
}

/* the error queue's skbs count as receive memory, with no forward
 * allocation (Linux's sock_rmem_free) */
static void sock_rmem_free(struct sk_buff *skb)
{
	skb->sk->sk_rmem_alloc -= (int)skb->truesize;
}

static void sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	sk->sk_wmem_alloc -= (int)skb->truesize;
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_write_space(sk);
	sock_put(sk);
}

/*
 * sock_kmalloc - memory a socket holds for its options and for the
 * duration of a call (a large sendmsg control buffer), charged to
 * sk_omem_alloc: NULL unless it stays under net.core.optmem_max.
 */
void *sock_kmalloc(struct sock *sk, int size, int priority)
{
	int max = sock_net(sk)->core.sysctl_optmem_max;
	void *mem;

	if (size > max || sk->sk_omem_alloc + size >= max)
		return NULL;
	mem = kmalloc((size_t)size, priority);
	if (mem)
		sk->sk_omem_alloc += size;
	return mem;
}

void sock_kfree_s(struct sock *sk, void *mem, int size)
{
	kfree(mem);
	sk->sk_omem_alloc -= size;
}

void __sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	sk->sk_wmem_alloc -= (int)skb->truesize;
	sock_put(sk);
}

/* skb_set_owner_w - charge a sent skb to @sk until it is freed */
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk)
{
	skb_orphan(skb);
	sock_hold(sk);
	skb->sk = sk;
	skb->destructor = sock_wfree;
	sk->sk_wmem_alloc += (int)skb->truesize;
}

/*
 * sock_queue_rcv_skb - queue @skb on @sk's receive queue, as Linux's
 * __sock_queue_rcv_skb: refused only once the queue already holds
 * sk_rcvbuf (the last skb in may take it past; UDP applies its own rule
 * first).
 */
int sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	if (sk->sk_rmem_alloc >= sk->sk_rcvbuf) {
		sk->sk_drops++;
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
		return -ENOMEM;
	}
	if (!sk_rmem_schedule(sk, skb, (int)skb->truesize)) {
		sk->sk_drops++;
		kfree_skb_reason(skb, SKB_DROP_REASON_PROTO_MEM);
		return -ENOBUFS;
	}
	/*
	 * Read the clock only for a socket that wants receive times (as
	 * Linux's netstamp_needed_key): SO_TIMESTAMP* or an earlier SIOCGSTAMP.
	 */
	if (!skb->tstamp &&
	    (sock_flag(sk, SOCK_RCVTSTAMP) || sock_flag(sk, SOCK_TIMESTAMP)))
		skb->tstamp = ktime_get_real_ns(sock_net(sk)->st);
	skb_dst_drop(skb);
	skb_set_owner_r(skb, sk);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_data_ready(sk);
	return 0;
}

int sock_queue_err_skb(struct sock *sk, struct sk_buff *skb)
{
	if (sk->sk_rmem_alloc + (int)skb->truesize > sk->sk_rcvbuf) {
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
		return -ENOMEM;
	}
	skb_dst_drop(skb);
	skb_orphan(skb);
	skb->sk = sk;
	skb->destructor = sock_rmem_free;
	sk->sk_rmem_alloc += (int)skb->truesize;
	skb_queue_tail(&sk->sk_error_queue, skb);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_error_report(sk);
	return 0;
}

struct sk_buff *sock_dequeue_err_skb(struct sock *sk)
{
	return skb_dequeue(&sk->sk_error_queue);
}

/**
 * sock_alloc_send_skb - a buffer to send on @sk, charged to it, waiting
 *	up to sk_sndtimeo for send-buffer room unless @noblock
 * Return: the skb or NULL with *@errcode (-EAGAIN, -EPIPE, sk_err ...).
 */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned long size,
				    int noblock, int *errcode)
{
	s64 timeo = sock_sndtimeo(sk, noblock);
	struct sk_buff *skb;
	int err;

	for (;;) {
		err = sock_error(sk);
		if (err)
			goto failure;
		err = -EPIPE;
		if (sk->sk_shutdown & SEND_SHUTDOWN)
			goto failure;
		if (sk->sk_wmem_alloc < sk->sk_sndbuf)
			break;
		err = -EAGAIN;
		if (!timeo)
			goto failure;
		__sk_sleep_event(sk, &timeo,
				 sk->sk_wmem_alloc < sk->sk_sndbuf ||
					 sk->sk_err ||
					 (sk->sk_shutdown & SEND_SHUTDOWN));
		err = sock_intr_errno(timeo);
		if (signal_pending())
			goto failure;
		err = -EAGAIN;
		if (!timeo && sk->sk_wmem_alloc >= sk->sk_sndbuf)
			goto failure;
	}
	/* what was asked, as Linux: the callers reserve their link header,
	 * and the size decides the charge (truesize) */
	skb = alloc_skb((unsigned int)size, GFP_KERNEL);
	if (!skb) {
		err = -ENOBUFS;
		goto failure;
	}
	skb_set_owner_w(skb, sk);
	return skb;

failure:
	*errcode = err;
	return NULL;
}

/* ---- SOL_SOCKET options ---- */

/*
 * sock_set_timeout - SO_RCVTIMEO/SO_SNDTIMEO (both layouts are two 64-bit
 * fields here).  As Linux: tv_usec outside 0..999999 is -EDOM; a negative
 * tv_sec is a zero timeout (the call does not wait); {0, 0} and anything
 * too long for the clock's range wait forever (MAX_SCHEDULE_TIMEOUT).
 * Timeouts are kept in ns, so "too long" starts at about 292 years where
 * Linux's jiffies last longer; both mean forever in practice.
 */
static int sock_set_timeout(s64 *timeo, const void *optval, unsigned int optlen)
{
	struct {
		s64 tv_sec, tv_usec;
	} tv;

	if (optlen < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, optval, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo = 0;
		return 0;
	}
	*timeo = MAX_SCHEDULE_TIMEOUT;
	if (tv.tv_sec == 0 && tv.tv_usec == 0)
		return 0;
	if (tv.tv_sec < MAX_SCHEDULE_TIMEOUT / (s64)NSEC_PER_SEC - 1)
		*timeo = tv.tv_sec * (s64)NSEC_PER_SEC +
			 tv.tv_usec * (s64)NSEC_PER_USEC;
	return 0;
}

/* Only AF_UNIX and AF_NETLINK carry SCM_CREDENTIALS (Linux 6.16 on). */
static bool sk_may_scm_recv(const struct sock *sk)
{
	return sk->sk_family == AF_UNIX || sk->sk_family == AF_NETLINK;
}

static int sock_bindtoindex(struct sock *sk, const void *optval,
			    unsigned int optlen)
{
	char devname[IFNAMSIZ];
	struct net_device *dev;

	if (optlen == 0 || !((const char *)optval)[0]) {
		sk->sk_bound_dev_if = 0;
		sk_dst_reset(sk);
		return 0;
	}
	if (optlen > IFNAMSIZ - 1)
		optlen = IFNAMSIZ - 1;
	memset(devname, 0, sizeof(devname));
	memcpy(devname, optval, optlen);
	dev = __dev_get_by_name(sock_net(sk), devname);
	if (!dev)
		return -ENODEV;
	sk->sk_bound_dev_if = dev->ifindex;
	sk_dst_reset(sk);
	return 0;
}

static void sock_valbool_flag(struct sock *sk, enum sock_flags bit, int valbool)
{
	if (valbool)
		sock_set_flag(sk, bit);
	else
		sock_reset_flag(sk, bit);
}

/*
 * sock_set_max_pacing_rate - SO_MAX_PACING_RATE: ~0U (as a 32-bit value)
 * lifts the cap; any other value caps sk_pacing_rate and turns on TCP's
 * own pacing (there is no fq qdisc to do it)
 */
static int sock_set_max_pacing_rate(struct sock *sk, int val)
{
	sk->sk_max_pacing_rate = (u32)val == ~0U ? ~0ULL : (u32)val;
	if ((u32)val != ~0U && sk->sk_pacing_status == SK_PACING_NONE)
		sk->sk_pacing_status = SK_PACING_NEEDED;
	if (sk->sk_pacing_rate > sk->sk_max_pacing_rate)
		sk->sk_pacing_rate = sk->sk_max_pacing_rate;
	return 0;
}

/**
 * sock_setsockopt - SOL_SOCKET options, with Linux's errors: -EINVAL for
 *	a short value, -ENOPROTOOPT for an unknown or read-only option
 */
static int sk_setsockopt(struct socket *sock, int level, int optname,
			 const void *optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	struct net *net = sock_net(sk);
	int val = 0, valbool;

	(void)level;
	if (optname == SO_BINDTODEVICE)
		return sock_bindtoindex(sk, optval, optlen);
	if (optname == SO_RCVTIMEO_OLD || optname == SO_RCVTIMEO_NEW)
		return sock_set_timeout(&sk->sk_rcvtimeo, optval, optlen);
	if (optname == SO_SNDTIMEO_OLD || optname == SO_SNDTIMEO_NEW)
		return sock_set_timeout(&sk->sk_sndtimeo, optval, optlen);
	if (optname == SO_LINGER) {
		struct linger ling;

		if (optlen < sizeof(ling))
			return -EINVAL;
		memcpy(&ling, optval, sizeof(ling));
		if (!ling.l_onoff) {
			sock_reset_flag(sk, SOCK_LINGER);
		} else {
			sk->sk_lingertime = (unsigned long)ling.l_linger;
			sock_set_flag(sk, SOCK_LINGER);
		}
		return 0;
	}
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	valbool = val ? 1 : 0;

	switch (optname) {
	case SO_DEBUG:
		sock_valbool_flag(sk, SOCK_DBG, valbool);
		return 0;
	case SO_REUSEADDR:
		sk->sk_reuse = valbool ? 1 : 0;
		return 0;
	case SO_REUSEPORT:
		sk->sk_reuseport = (unsigned char)valbool;
		return 0;
	case SO_TYPE:
	case SO_PROTOCOL:
	case SO_DOMAIN:
	case SO_ERROR:
	case SO_ACCEPTCONN:
		return -ENOPROTOOPT;
	case SO_DONTROUTE:
		sock_valbool_flag(sk, SOCK_LOCALROUTE, valbool);
		sk_dst_reset(sk);
		return 0;
	case SO_BROADCAST:
		sock_valbool_flag(sk, SOCK_BROADCAST, valbool);
		return 0;
	/*
	 * As Linux: SO_*BUF compares the value as u32 with the sysctl, so a
	 * negative one is taken as huge and gets the maximum; the *FORCE
	 * variants (CAP_NET_ADMIN, which the caller holds over its stack as
	 * for raw sockets) take a negative value as 0.  Then doubled, capped
	 * at INT_MAX / 2 first so that the doubling cannot overflow.
	 */
	case SO_SNDBUF:
		val = (int)min_t(u32, (u32)val, (u32)net->core.sysctl_wmem_max);
		goto set_sndbuf;
	case SO_SNDBUFFORCE:
		val = max_t(int, val, 0);
set_sndbuf:
		val = min_t(int, val, INT_MAX / 2);
		sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
		sk->sk_sndbuf = max_t(int, val * 2, SOCK_MIN_SNDBUF);
		sk->sk_write_space(sk);
		return 0;
	case SO_RCVBUF:
		val = (int)min_t(u32, (u32)val, (u32)net->core.sysctl_rmem_max);
		goto set_rcvbuf;
	case SO_RCVBUFFORCE:
		val = max_t(int, val, 0);
set_rcvbuf:
		val = min_t(int, val, INT_MAX / 2);
		sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
		sk->sk_rcvbuf = max_t(int, val * 2, SOCK_MIN_RCVBUF);
		return 0;
	case SO_KEEPALIVE:
		/* TCP starts (or stops) its keepalive timer now */
		if (sk->sk_prot->keepalive)
			sk->sk_prot->keepalive(sk, valbool);
		sock_valbool_flag(sk, SOCK_KEEPOPEN, valbool);
		return 0;
	case SO_OOBINLINE:
		sock_valbool_flag(sk, SOCK_URGINLINE, valbool);
		return 0;
	case SO_NO_CHECK:
		sk->sk_no_check_tx = (unsigned char)valbool;
		return 0;
	case SO_PRIORITY:
		sk->sk_priority = (u32)val;
		return 0;
	case SO_PASSSEC: /* kept; there are no LSM labels to pass */
		if (!sk_may_scm_recv(sk))
			return -EOPNOTSUPP;
		if (valbool)
			sock->flags |= 1UL << SOCK_PASSSEC;
		else
			sock->flags &= ~(1UL << SOCK_PASSSEC);
		return 0;
	case SO_PASSPIDFD: /* AF_UNIX only */
	case SO_PASSRIGHTS:
		return -EOPNOTSUPP;
	case SO_PASSCRED:
		if (!sk_may_scm_recv(sk))
			return -EOPNOTSUPP;
		if (valbool)
			sock->flags |= 1UL << SOCK_PASSCRED;
		else
			sock->flags &= ~(1UL << SOCK_PASSCRED);
		return 0;
	case SO_TIMESTAMP_OLD:
	case SO_TIMESTAMPNS_OLD:
	case SO_TIMESTAMP_NEW:
	case SO_TIMESTAMPNS_NEW:
		sock_reset_flag(sk, SOCK_RCVTSTAMP);
		sock_reset_flag(sk, SOCK_RCVTSTAMPNS);
		sock_valbool_flag(sk, SOCK_TSTAMP_NEW,
				  optname == SO_TIMESTAMP_NEW ||
					  optname == SO_TIMESTAMPNS_NEW);
		if (valbool) {
			sock_set_flag(sk, SOCK_RCVTSTAMP);
			if (optname == SO_TIMESTAMPNS_OLD ||
			    optname == SO_TIMESTAMPNS_NEW)
				sock_set_flag(sk, SOCK_RCVTSTAMPNS);
		}
		return 0;
	case SO_RCVLOWAT:
		sk->sk_rcvlowat = val ? val : 1;
		if (sk->sk_rcvlowat < 0)
			sk->sk_rcvlowat = INT32_MAX;
		return 0;
	case SO_MARK:
		if ((u32)val != sk->sk_mark) {
			sk->sk_mark = (u32)val;
			sk_dst_reset(sk);
		}
		return 0;
	case SO_RXQ_OVFL:
		sock_valbool_flag(sk, SOCK_RXQ_OVFL, valbool);
		return 0;
	case SO_PEEK_OFF:
		sk->sk_peek_off = val;
		return 0;
	case SO_SELECT_ERR_QUEUE:
		sock_valbool_flag(sk, SOCK_SELECT_ERR_QUEUE, valbool);
		return 0;
	default:
		if (optname == SO_MAX_PACING_RATE)
			return sock_set_max_pacing_rate(sk, val);
		return -ENOPROTOOPT;
	}
}

/* sock_setsockopt - SOL_SOCKET options, under lock_sock() as Linux's */
int sock_setsockopt(struct socket *sock, int level, int optname,
		    const void *optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int err;

	lock_sock(sk);
	err = sk_setsockopt(sock, level, optname, optval, optlen);
	release_sock(sk);
	return err;
}

static int sock_put_val(void *optval, int *optlen, const void *v, int lv)
{
	int len = *optlen;

	if (len < 0)
		return -EINVAL;
	if (len > lv)
		len = lv;
	memcpy(optval, v, (size_t)len);
	*optlen = len;
	return 0;
}

/*
 * sk_get_meminfo - Linux's SK_MEMINFO_* figures; the write queue is
 * TCP's (datagram sockets keep none).
 */
void sk_get_meminfo(const struct sock *sk, u32 *mem)
{
	memset(mem, 0, sizeof(u32) * SK_MEMINFO_VARS);
	mem[SK_MEMINFO_RMEM_ALLOC] = (u32)sk->sk_rmem_alloc;
	mem[SK_MEMINFO_RCVBUF] = (u32)sk->sk_rcvbuf;
	mem[SK_MEMINFO_WMEM_ALLOC] = (u32)sk->sk_wmem_alloc;
	mem[SK_MEMINFO_SNDBUF] = (u32)sk->sk_sndbuf;
	mem[SK_MEMINFO_FWD_ALLOC] = (u32)sk->sk_forward_alloc;
	mem[SK_MEMINFO_WMEM_QUEUED] = (u32)sk->sk_wmem_queued;
	mem[SK_MEMINFO_BACKLOG] = (u32)sk->sk_backlog.len;
	mem[SK_MEMINFO_DROPS] = (u32)sk->sk_drops;
}

static void sock_get_timeout(s64 timeo, struct timeval *tv)
{
	if (timeo == MAX_SCHEDULE_TIMEOUT) {
		tv->tv_sec = 0;
		tv->tv_usec = 0;
	} else {
		tv->tv_sec = (time_t)(timeo / (s64)NSEC_PER_SEC);
		tv->tv_usec = (suseconds_t)((timeo % (s64)NSEC_PER_SEC) /
					    (s64)NSEC_PER_USEC);
	}
}

int sock_getsockopt(struct socket *sock, int level, int optname, void *optval,
		    int *optlen)
{
	struct sock *sk = sock->sk;
	int v = 0;

	(void)level;
	switch (optname) {
	case SO_DEBUG:
		v = sock_flag(sk, SOCK_DBG);
		break;
	case SO_DONTROUTE:
		v = sock_flag(sk, SOCK_LOCALROUTE);
		break;
	case SO_BROADCAST:
		v = sock_flag(sk, SOCK_BROADCAST);
		break;
	case SO_SNDBUF:
		v = sk->sk_sndbuf;
		break;
	case SO_RCVBUF:
		v = sk->sk_rcvbuf;
		break;
	case SO_REUSEADDR:
		v = sk->sk_reuse;
		break;
	case SO_REUSEPORT:
		v = sk->sk_reuseport;
		break;
	case SO_KEEPALIVE:
		v = sock_flag(sk, SOCK_KEEPOPEN);
		break;
	case SO_TYPE:
		v = sk->sk_type;
		break;
	case SO_PROTOCOL:
		v = sk->sk_protocol;
		break;
	case SO_DOMAIN:
		v = sk->sk_family;
		break;
	case SO_ERROR:
		v = -sock_error(sk);
		if (!v) {
			v = -sk->sk_err_soft;
			sk->sk_err_soft = 0;
		}
		break;
	case SO_OOBINLINE:
		v = sock_flag(sk, SOCK_URGINLINE);
		break;
	case SO_NO_CHECK:
		v = sk->sk_no_check_tx;
		break;
	case SO_PRIORITY:
		v = (int)sk->sk_priority;
		break;
	case SO_LINGER: {
		struct linger ling = {
			.l_onoff = sock_flag(sk, SOCK_LINGER),
			.l_linger = (int)sk->sk_lingertime,
		};

		return sock_put_val(optval, optlen, &ling, sizeof(ling));
	}
	case SO_TIMESTAMP_OLD:
		v = sock_flag(sk, SOCK_RCVTSTAMP) &&
		    !sock_flag(sk, SOCK_TSTAMP_NEW) &&
		    !sock_flag(sk, SOCK_RCVTSTAMPNS);
		break;
	case SO_TIMESTAMPNS_OLD:
		v = sock_flag(sk, SOCK_RCVTSTAMPNS) &&
		    !sock_flag(sk, SOCK_TSTAMP_NEW);
		break;
	case SO_RCVTIMEO_OLD:
	case SO_SNDTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
	case SO_SNDTIMEO_NEW: {
		struct timeval tv;

		sock_get_timeout(optname == SO_RCVTIMEO_OLD ||
						 optname == SO_RCVTIMEO_NEW
					 ? sk->sk_rcvtimeo
					 : sk->sk_sndtimeo,
				 &tv);
		return sock_put_val(optval, optlen, &tv, sizeof(tv));
	}
	case SO_RCVLOWAT:
		v = sk->sk_rcvlowat;
		break;
	case SO_SNDLOWAT:
		v = 1;
		break;
	case SO_PASSSEC:
		if (!sk_may_scm_recv(sk))
			return -EOPNOTSUPP;
		v = !!(sock->flags & (1UL << SOCK_PASSSEC));
		break;
	case SO_PASSPIDFD:
	case SO_PASSRIGHTS:
		return -EOPNOTSUPP;
	case SO_PASSCRED:
		if (!sk_may_scm_recv(sk))
			return -EOPNOTSUPP;
		v = !!(sock->flags & (1UL << SOCK_PASSCRED));
		break;
	case SO_ACCEPTCONN:
		v = sk->sk_state == 10; /* TCP_LISTEN */
		break;
	case SO_MAX_PACING_RATE:
		v = (int)(u32)min_t(u64, sk->sk_max_pacing_rate, ~0U);
		break;
	case SO_MARK:
		v = (int)sk->sk_mark;
		break;
	case SO_RXQ_OVFL:
		v = sock_flag(sk, SOCK_RXQ_OVFL);
		break;
	case SO_PEEK_OFF:
		v = sk->sk_peek_off;
		break;
	case SO_SELECT_ERR_QUEUE:
		v = sock_flag(sk, SOCK_SELECT_ERR_QUEUE);
		break;
	case SO_MEMINFO: {
		u32 mem[SK_MEMINFO_VARS];

		sk_get_meminfo(sk, mem);
		return sock_put_val(optval, optlen, mem, (int)sizeof(mem));
	}
	case SO_NETNS_COOKIE: {
		u64 cookie = sock_net(sk)->cookie;

		if (*optlen != (int)sizeof(cookie))
			return -EINVAL;
		return sock_put_val(optval, optlen, &cookie, sizeof(cookie));
	}
	case SO_BINDTODEVICE: {
		char devname[IFNAMSIZ] = "";
		struct net_device *dev;
		int len;

		if (sk->sk_bound_dev_if) {
			dev = __dev_get_by_index(sock_net(sk),
						 sk->sk_bound_dev_if);
			if (dev)
				(void)snprintf(devname, sizeof(devname), "%s",
					       dev->name);
		}
		len = (int)strlen(devname) + 1;
		if (!sk->sk_bound_dev_if)
			len = 0;
		if (*optlen < len)
			return -EINVAL;
		memcpy(optval, devname, (size_t)len);
		*optlen = len;
		return 0;
	}
	default:
		return -ENOPROTOOPT;
	}
	return sock_put_val(optval, optlen, &v, sizeof(v));
}
