// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP, the socket side: state changes and their counters, sendmsg (data
 * into MSS-sized segments on the write queue), recvmsg (MSG_PEEK,
 * MSG_WAITALL, MSG_DONTWAIT, SO_RCVLOWAT), poll as Linux's tcp_poll,
 * close (FIN, RST with unread data or SO_LINGER 0, orphans), shutdown,
 * disconnect, the TCP_* options, TCP_INFO and SIOCINQ/SIOCOUTQ.
 * Linux: net/ipv4/tcp.c, net/core/stream.c.
 */
#include <limits.h>
#include <sys/ioctl.h>

#include <linux/sockios.h>
#include <linux/inet_diag.h>

#include <net/ip.h>

#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/tcp.h>

#include "inet_dgram.h"

#define SOCK_MIN_RCVBUF_TCP 2304

/* ---- states ---- */

/*
 * tcp_set_state - move @sk to @state, keeping CurrEstab and EstabResets
 * (RFC 2012) and, on CLOSE, leaving the hash and an automatic port.
 */
void tcp_set_state(struct sock *sk, int state)
{
	int oldstate = sk->sk_state;
	struct net *net = sock_net(sk);

	switch (state) {
	case TCP_ESTABLISHED:
		if (oldstate != TCP_ESTABLISHED)
			TCP_INC_STATS(net, TCP_MIB_CURRESTAB);
		break;
	case TCP_CLOSE:
		if (oldstate == TCP_CLOSE_WAIT || oldstate == TCP_ESTABLISHED)
			TCP_INC_STATS(net, TCP_MIB_ESTABRESETS);
		sk->sk_prot->unhash(sk);
		if (inet_csk(sk)->icsk_bind_hash &&
		    !(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
			inet_put_port(sk);
		fallthrough;
	default:
		if (oldstate == TCP_ESTABLISHED)
			TCP_DEC_STATS(net, TCP_MIB_CURRESTAB);
	}
	sk->sk_state = (unsigned char)state;
}

/* tcp_done - the connection is over (RFC 9293 CLOSED) */
void tcp_done(struct sock *sk)
{
	if (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_SYN_RECV)
		TCP_INC_STATS(sock_net(sk), TCP_MIB_ATTEMPTFAILS);
	if (tcp_sk(sk)->fastopen_rsk)
		reqsk_fastopen_remove(sk, tcp_sk(sk)->fastopen_rsk);
	tcp_set_state(sk, TCP_CLOSE);
	inet_csk_clear_xmit_timers(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	if (!sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		tcp_sk_wake(sk);
	} else {
		inet_csk_destroy_sock(sk);
	}
}

void tcp_sk_wake(struct sock *sk)
{
	if (sk->sk_wq)
		wake_up_poll(sk->sk_wq, EPOLLIN | EPOLLOUT | EPOLLHUP |
						EPOLLRDHUP | EPOLLERR);
}

static void sk_stream_write_space(struct sock *sk)
{
	struct socket *sock = sk->sk_socket;

	if (sk_stream_is_writeable(sk) && sock) {
		sock->flags &= ~(1UL << SOCK_NOSPACE);
		if (sk->sk_wq)
			wake_up_poll(sk->sk_wq,
				     EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
	}
}

int tcp_orphan_count(const struct tn_stack *st)
{
	return inet_stack(st)->tcp_orphans;
}

#define TCP_ORPHAN_TIMER_PERIOD_NS (100 * NSEC_PER_MSEC)

/*
 * Linux checks tcp_max_orphans against tcp_orphan_cache, the sum of its
 * per-CPU orphan counters that a timer takes every 100 ms, not against
 * the count of now: an orphan made since the last tick is not seen yet.
 * Here the ticks fall on multiples of 100 ms of the stack's clock, and
 * the cache is brought up to date before the count changes and before
 * it is read (between changes the count is what a tick would have seen).
 */
static void tcp_orphan_update(struct tn_stack *st)
{
	struct inet_stack *is = inet_stack(st);
	u64 now = ktime_get_ns(st);

	if (now < is->tcp_orphan_next_tick)
		return;
	is->tcp_orphan_cache = is->tcp_orphans;
	is->tcp_orphan_next_tick = (now / TCP_ORPHAN_TIMER_PERIOD_NS + 1) *
				   TCP_ORPHAN_TIMER_PERIOD_NS;
}

void tcp_orphan_count_inc(const struct sock *sk)
{
	tcp_orphan_update(sock_net(sk)->st);
	inet_stack(sock_net(sk)->st)->tcp_orphans++;
}

void tcp_orphan_count_dec(const struct sock *sk)
{
	tcp_orphan_update(sock_net(sk)->st);
	inet_stack(sock_net(sk)->st)->tcp_orphans--;
}

/* more orphans than tcp_max_orphans (>> @shift: penalised ones sooner) */
static bool tcp_too_many_orphans(struct tn_stack *st, int shift)
{
	struct inet_stack *is = inet_stack(st);

	tcp_orphan_update(st);
	return (long)is->tcp_orphan_cache << shift >
	       (long)is->sysctl_tcp_max_orphans;
}

/* tcp_out_of_memory - TCP is over tcp_mem[2] and @sk queues more than
 * the least send buffer */
static bool tcp_out_of_memory(const struct sock *sk)
{
	return sk->sk_wmem_queued > 4608 /* SOCK_MIN_SNDBUF */ &&
	       sk_memory_allocated(sk) > sk_prot_mem_limits(sk, 2);
}

/**
 * tcp_check_oom - should this orphan be given up to save memory: too many
 *	orphans (tcp_max_orphans), or TCP over tcp_mem[2] with this one
 *	still queueing data
 */
bool tcp_check_oom(const struct sock *sk, int shift)
{
	struct tn_stack *st = sock_net(sk)->st;
	struct inet_stack *is = inet_stack(st);
	bool too_many_orphans = tcp_too_many_orphans(st, shift);
	bool out_of_socket_memory = tcp_out_of_memory(sk);

	if (!too_many_orphans && !out_of_socket_memory)
		return false;
	/* net_info_ratelimited(): a message per 5 s at most here */
	if (!is->tcp_orphan_warned ||
	    ktime_get_ns(st) - is->tcp_orphan_warned >= 5 * NSEC_PER_SEC) {
		is->tcp_orphan_warned = ktime_get_ns(st);
		if (too_many_orphans)
			net_info("TCP: too many orphaned sockets\n");
		if (out_of_socket_memory)
			net_info("TCP: out of memory -- consider tuning "
				 "tcp_mem\n");
	}
	return true;
}

/* TCP's memory pool in @sk's stack (tcp_prot.memory) */
struct proto_mem *tcp_memory(const struct sock *sk)
{
	return &inet_stack(sock_net(sk)->st)->tcp_memory;
}

/*
 * tcp_enter_memory_pressure - TCP went over tcp_mem[1] (or an allocation
 * failed): remember when, for TCPMemoryPressuresChrono, and count it
 */
void tcp_enter_memory_pressure(struct sock *sk)
{
	struct proto_mem *m = tcp_memory(sk);
	unsigned long val;

	if (m->memory_pressure)
		return;
	val = tcp_jiffies32(sk);
	if (!val)
		val--;
	m->memory_pressure = val;
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPMEMORYPRESSURES);
}

/* tcp_leave_memory_pressure - back under tcp_mem[0]: the ms it lasted */
void tcp_leave_memory_pressure(struct sock *sk)
{
	struct proto_mem *m = tcp_memory(sk);
	unsigned long val = m->memory_pressure;

	if (!val)
		return;
	m->memory_pressure = 0;
	NET_ADD_STATS(sock_net(sk), LINUX_MIB_TCPMEMORYPRESSURESCHRONO,
		      (u32)((u32)tcp_jiffies32(sk) - (u32)val));
}

/**
 * tcp_init_sock - a new TCP sock: Linux's initial RTO (1 s), IW10,
 *	infinite ssthresh, tcp_rmem[1]/tcp_wmem[1] buffers, Reno
 */
int tcp_init_sock(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);

	skb_queue_head_init(&tp->out_of_order_queue);
	tcp_init_xmit_timers(sk);
	tcp_tsq_init(sk);
	tcp_memory(sk)->sockets_allocated++; /* sk_sockets_allocated_inc */
	icsk->icsk_rto = TCP_TIMEOUT_INIT;
	/* read once, as Linux: later sysctl writes leave this sock alone */
	icsk->icsk_rto_min =
		DIV_ROUND_UP((u32)net->ipv4.sysctl_tcp_rto_min_us, 1000U);
	icsk->icsk_rto_max = (u32)net->ipv4.sysctl_tcp_rto_max_ms;
	tp->mdev_us = TCP_TIMEOUT_INIT * 1000U;
	tcp_snd_cwnd_set(tp, TCP_INIT_CWND);
	/* a bubble in the pipe until at least the first ACK (tcp_rate.c) */
	tp->app_limited = ~0U;
	tp->rate_app_limited = 1;
	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	tp->snd_cwnd_clamp = ~0U;
	tp->mss_cache = TCP_MSS_DEFAULT;
	tp->advmss = TCP_MSS_DEFAULT;
	tp->reordering = (u32)net->ipv4.sysctl_tcp_reordering;
	tp->rack.reo_wnd_steps = 1; /* RACK's reo_wnd: min_rtt/4 */
	tp->rx_opt.mss_clamp = TCP_MSS_DEFAULT;
	tp->scaling_ratio = TCP_DEFAULT_SCALING_RATIO;
	tp->notsent_lowat = 0;
	tp->send_head = NULL;
	tcp_assign_congestion_control(sk);
	sk->sk_write_space = sk_stream_write_space;
	if (!(sk->sk_userlocks & SOCK_SNDBUF_LOCK))
		sk->sk_sndbuf = net->ipv4.sysctl_tcp_wmem[1];
	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK))
		sk->sk_rcvbuf = net->ipv4.sysctl_tcp_rmem[1];
	return 0;
}

void tcp_write_queue_purge(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&sk->sk_write_queue)) != NULL)
		tcp_wmem_free_skb(sk, skb);
	tp->send_head = NULL;
	tcp_chrono_stop(sk, TCP_CHRONO_BUSY);
	tp->packets_out = 0;
	tcp_clear_retrans(tp);
	inet_csk(sk)->icsk_backoff = 0;
}

/* ---- sending ---- */

static bool forced_push(const struct tcp_sock *tp)
{
	return after(tp->write_seq, tp->pushed_seq + (tp->max_window >> 1));
}

static void tcp_mark_push(struct tcp_sock *tp, struct sk_buff *skb)
{
	TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_PSH;
	tp->pushed_seq = tp->write_seq;
}

/*
 * tcp_should_autocork - hold a small write back while an earlier packet
 * of ours is still in a qdisc or device (tcp_autocorking): its TX
 * completion (tcp_wfree, the TSQ tasklet) sends this one, grown by the
 * writes that came meanwhile - fewer, fuller packets for a writer of
 * many small pieces, even with TCP_NODELAY.  Linux's sk_wmem_alloc
 * counts one more than ours (the sock's own reference), so "more than
 * the skb's truesize" is "at least it" here.
 */
static bool tcp_should_autocork(struct sock *sk, struct sk_buff *skb,
				int size_goal)
{
	return (int)skb->len < size_goal &&
	       sock_net(sk)->ipv4.sysctl_tcp_autocorking &&
	       !tcp_rtx_queue_empty(sk) &&
	       sk->sk_wmem_alloc >= (int)skb->truesize &&
	       tcp_skb_can_collapse_to(skb);
}

/* tcp_push - send what is queued; MSG_MORE corks (RFC 9293 3.7.4) */
static void tcp_push(struct sock *sk, int flags, unsigned int mss_now,
		     int nonagle, int size_goal)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_write_queue_tail(sk);

	if (!skb || !tcp_send_head(sk))
		return;
	if (!(flags & MSG_MORE) || forced_push(tp))
		tcp_mark_push(tp, skb);
	/* MSG_OOB: the last byte written is urgent */
	if (flags & MSG_OOB)
		tp->snd_up = tp->write_seq;
	if (tcp_should_autocork(sk, skb, size_goal)) {
		if (!(tp->tsq_flags & TSQF_THROTTLED)) {
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPAUTOCORKING);
			tp->tsq_flags |= TSQF_THROTTLED;
		}
		return;
	}
	if (flags & MSG_MORE)
		nonagle = TCP_NAGLE_CORK;
	__tcp_push_pending_frames(sk, mss_now, nonagle);
}

/*
 * sk_stream_wait_connect - a send before the handshake completed waits
 * for it (or fails: EPIPE when there is no connection coming)
 */
static int sk_stream_wait_connect(struct sock *sk, s64 *timeo)
{
	for (;;) {
		int err = sock_error(sk);

		if (err)
			return err;
		if ((1 << sk->sk_state) & ~(TCPF_SYN_SENT | TCPF_SYN_RECV))
			return -EPIPE;
		if (!*timeo)
			return -EAGAIN;
		if (signal_pending())
			return sock_intr_errno(*timeo);
		if (sk_wait_event(sk, timeo,
				  !sk->sk_err && !((1 << sk->sk_state) &
						   ~(TCPF_ESTABLISHED |
						     TCPF_CLOSE_WAIT))))
			return 0;
	}
}

/*
 * tcp_stream_alloc_skb - a new skb for the payload of a write, its
 * memory scheduled (not yet charged: tcp_skb_entail does that).  The
 * first skb of an empty queue is never refused, so that a writer always
 * makes progress; a refusal shrinks the send buffer (sk_stream_moderate_
 * sndbuf) and the writer waits.
 */
static struct sk_buff *tcp_stream_alloc_skb(struct sock *sk)
{
	struct sk_buff *skb = alloc_skb(MAX_TCP_HEADER, GFP_KERNEL);

	if (unlikely(!skb)) {
		sk->sk_prot->enter_memory_pressure(sk);
		sk_stream_moderate_sndbuf(sk);
		return NULL;
	}
	if (skb_queue_empty(&sk->sk_write_queue))
		sk_forced_mem_schedule(sk, (int)skb->truesize);
	else if (!sk_wmem_schedule(sk, (int)skb->truesize)) {
		kfree_skb(skb);
		return NULL;
	}
	skb_reserve(skb, MAX_TCP_HEADER);
	return skb;
}

/*
 * sk_stream_wait_memory - wait for send-buffer room.  A writer refused
 * memory while its buffer has room (tcp_mem) waits a little first, for
 * the pool to recover: Linux's vm_wait, 2 to 51 jiffies of its HZ 250.
 */
static int sk_stream_wait_memory(struct sock *sk, s64 *timeo)
{
	s64 vm_wait = 0, current_timeo = *timeo;

	if (tcp_stream_memory_free(sk, 0))
		current_timeo = vm_wait =
			(s64)((u64)(get_random_u32() % 50 + 2) * 4 *
			      NSEC_PER_MSEC);
	for (;;) {
		if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN))
			return -EPIPE;
		if (!*timeo)
			return -EAGAIN;
		if (signal_pending())
			return sock_intr_errno(*timeo);
		if (tcp_stream_memory_free(sk, 0) && !vm_wait)
			return 0;
		if (sk->sk_socket)
			sk->sk_socket->flags |= 1UL << SOCK_NOSPACE;
		sk_wait_event(
			sk, &current_timeo,
			sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN) ||
				(tcp_stream_memory_free(sk, 0) && !vm_wait));
		if (vm_wait) {
			vm_wait -= current_timeo; /* what was slept */
			current_timeo = *timeo;
			if (current_timeo != MAX_SCHEDULE_TIMEOUT &&
			    (current_timeo -= vm_wait) < 0)
				current_timeo = 0;
			vm_wait = 0;
		}
		*timeo = current_timeo;
	}
}

/**
 * tcp_sendmsg - copy user data into segments of the current MSS at the
 *	tail of the write queue and send what the windows allow
 * Return: bytes queued, or -errno: -EPIPE (not connected, shut down,
 *	or reset), -EAGAIN, a pending sk_err.
 */
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t size)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int flags = msg->msg_flags;
	unsigned int mss_now = 0;
	int copied = 0, copied_syn = 0, err, size_goal;
	s64 timeo;

	if ((flags & MSG_FASTOPEN) || inet_sk(sk)->defer_connect) {
		/* RFC 7413: connect, with data in the SYN */
		err = tcp_sendmsg_fastopen(sk, msg, &copied_syn, size);
		if (err == -EINPROGRESS &&
		    (copied_syn > 0 ||
		     sock_sndtimeo(sk, flags & MSG_DONTWAIT))) {
			if (!sock_sndtimeo(sk, flags & MSG_DONTWAIT))
				return copied_syn;
			/* blocking: wait for the connection, send the rest */
		} else if (err) {
			return err;
		}
	}
	lock_sock(sk);
	timeo = sock_sndtimeo(sk, flags & MSG_DONTWAIT);
	tcp_rate_check_app_limited(sk); /* is sending application-limited? */
	/* a passive Fast Open child may send in SYN-RECV (RFC 7413 4.2.2) */
	if (((1 << sk->sk_state) & ~(TCPF_ESTABLISHED | TCPF_CLOSE_WAIT)) &&
	    !tp->fastopen_rsk) {
		err = sk_stream_wait_connect(sk, &timeo);
		if (err)
			goto do_error;
	}
	mss_now = tcp_send_mss(sk, &size_goal, flags);
	err = -EPIPE;
	if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN))
		goto do_error;

	while (msg_data_left(msg)) {
		struct sk_buff *skb = tcp_write_queue_tail(sk);
		struct page_frag *pfrag = sk_page_frag(sk);
		int copy = 0, i;
		bool merge;

		if (skb && tcp_send_head(sk) &&
		    !(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) &&
		    tcp_skb_can_collapse_to(skb))
			copy = size_goal - (int)skb->len;
		if (copy <= 0) {
new_segment:
			if (!tcp_stream_memory_free(sk, 0))
				goto wait_for_space;
			/* the payload goes in page frags: no linear room */
			skb = tcp_stream_alloc_skb(sk);
			if (!skb)
				goto wait_for_space;
			TCP_SKB_CB(skb)->seq = tp->write_seq;
			TCP_SKB_CB(skb)->end_seq = tp->write_seq;
			TCP_SKB_CB(skb)->tcp_flags = TCPHDR_ACK;
			TCP_SKB_CB(skb)->sacked = 0;
			TCP_SKB_CB(skb)->eor = 0;
			TCP_SKB_CB(skb)->tcp_gso_segs = 0;
			tcp_skb_entail(sk, skb);
			/*
			 * a new skb ends the TCP_NAGLE_PUSH override set by
			 * TCP_NODELAY / uncorking for what was already queued
			 */
			tp->nonagle &= (u8)~TCP_NAGLE_PUSH;
			/* new data after idle (Linux: in tcp_skb_entail) */
			tcp_slow_start_after_idle_check(sk);
			copy = size_goal;
		}
		if (copy > (int)msg_data_left(msg))
			copy = (int)msg_data_left(msg);
		if (!skb_page_frag_refill(32U, pfrag, GFP_KERNEL))
			goto wait_for_space;
		i = skb_shinfo(skb)->nr_frags;
		merge = i &&
			skb_shinfo(skb)->frags[i - 1].bv_page == pfrag->page &&
			skb_shinfo(skb)->frags[i - 1].bv_offset +
					skb_shinfo(skb)->frags[i - 1].bv_len ==
				pfrag->offset;
		if (!merge && i >= MAX_SKB_FRAGS) {
			tcp_mark_push(tp, skb);
			goto new_segment;
		}
		copy = min_t(int, copy, (int)(pfrag->size - pfrag->offset));
		if (!sk_wmem_schedule(sk, copy))
			goto wait_for_space;
		if (memcpy_from_msg((char *)page_address(pfrag->page) +
					    pfrag->offset,
				    msg, copy)) {
			err = -EFAULT;
			goto do_error;
		}
		if (merge) {
			skb_shinfo(skb)->frags[i - 1].bv_len +=
				(unsigned int)copy;
		} else {
			get_page(pfrag->page);
			skb_fill_page_desc(skb, i, pfrag->page,
					   (int)pfrag->offset, copy);
		}
		pfrag->offset += (unsigned int)copy;
		skb->len += (unsigned int)copy;
		skb->data_len += (unsigned int)copy;
		skb->truesize += (unsigned int)copy;
		sk->sk_wmem_queued += copy;
		sk_mem_charge(sk, copy);
		TCP_SKB_CB(skb)->tcp_gso_segs = 0; /* recount when sent */
		tp->write_seq += (u32)copy;
		TCP_SKB_CB(skb)->end_seq += (u32)copy;
		copied += copy;
		if (!msg_data_left(msg)) {
			/* MSG_EOR: nothing may be appended to this skb */
			if (flags & MSG_EOR)
				TCP_SKB_CB(skb)->eor = 1;
			break;
		}
		if ((int)skb->len < size_goal)
			continue;
		if (forced_push(tp)) {
			tcp_mark_push(tp, skb);
			__tcp_push_pending_frames(sk, mss_now, TCP_NAGLE_PUSH);
		} else if (skb == tcp_send_head(sk)) {
			tcp_push_one(sk, mss_now);
		}
		continue;

wait_for_space:
		if (sk->sk_socket)
			sk->sk_socket->flags |= 1UL << SOCK_NOSPACE;
		if (copied)
			tcp_push(sk, flags & ~MSG_MORE, mss_now, TCP_NAGLE_PUSH,
				 size_goal);
		err = sk_stream_wait_memory(sk, &timeo);
		if (err)
			goto do_error;
		mss_now = tcp_send_mss(sk, &size_goal, flags);
	}
	if (copied)
		tcp_push(sk, flags, mss_now, tp->nonagle, size_goal);
	release_sock(sk);
	return copied + copied_syn;

do_error:
	if (copied) {
		tcp_push(sk, flags, mss_now, tp->nonagle, size_goal);
		release_sock(sk);
		return copied + copied_syn;
	}
	release_sock(sk);
	return copied_syn ? copied_syn : err;
}

/* ---- receiving ---- */

/*
 * tcp_cleanup_rbuf - after reading: ACK now if a delayed ACK was due, or
 * if reading opened the window at least twice as wide (a window update,
 * RFC 9293 3.8.6.2.2).
 */
void tcp_cleanup_rbuf(struct sock *sk, int copied)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	bool time_to_ack = false;

	if (inet_csk_ack_scheduled(sk)) {
		if ((icsk->icsk_ack.pending & ICSK_ACK_PUSHED2) ||
		    tp->rcv_nxt - tp->rcv_wup > icsk->icsk_ack.rcv_mss ||
		    ((icsk->icsk_ack.pending & ICSK_ACK_PUSHED) && copied > 0 &&
		     !inet_csk_in_pingpong_mode(sk) && !sk->sk_rmem_alloc))
			time_to_ack = true;
	}
	if (copied > 0 && !time_to_ack && !(sk->sk_shutdown & RCV_SHUTDOWN)) {
		u32 rcv_window_now = tcp_receive_window(tp);

		if (2 * rcv_window_now <= tp->window_clamp) {
			u32 new_window = __tcp_select_window(sk);

			if (new_window && new_window >= 2 * rcv_window_now)
				time_to_ack = true;
		}
	}
	if (time_to_ack)
		tcp_send_ack(sk);
}

static int sock_rcvlowat(const struct sock *sk, int waitall, int len)
{
	int v = waitall ? len : min_t(int, sk->sk_rcvlowat, len);

	return v ? v : 1;
}

/*
 * tcp_recv_find - the skb holding byte @seq of the receive queue, with
 * @offset into it; *@fin when @seq is the peer's FIN instead
 */
static struct sk_buff *tcp_recv_find(struct sock *sk, u32 seq, u32 *offset,
				     bool *fin)
{
	struct sk_buff *skb;

	*fin = false;
	skb_queue_walk(&sk->sk_receive_queue, skb) {
		*offset = seq - TCP_SKB_CB(skb)->seq;
		if (*offset < skb->len)
			return skb;
		if ((TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) &&
		    seq == TCP_SKB_CB(skb)->end_seq - 1) {
			*fin = true;
			return skb;
		}
	}
	return NULL;
}

/*
 * tcp_recv_stop - nothing more to copy now: is the call over?  Return: 1
 * stop with what was copied, 0 wait for more; *@copied may become an
 * error when nothing was copied (as Linux's tcp_recvmsg_locked).
 */
static int tcp_recv_stop(struct sock *sk, int *copied, s64 timeo)
{
	if (*copied) {
		return sk->sk_err || sk->sk_state == TCP_CLOSE ||
		       (sk->sk_shutdown & RCV_SHUTDOWN) || !timeo ||
		       signal_pending();
	}
	if (sock_flag(sk, SOCK_DONE))
		return 1;
	if (sk->sk_err) {
		*copied = sock_error(sk);
		return 1;
	}
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		return 1;
	if (sk->sk_state == TCP_CLOSE) {
		*copied = -ENOTCONN; /* never connected */
		return 1;
	}
	if (!timeo) {
		*copied = -EAGAIN;
		return 1;
	}
	if (signal_pending()) {
		*copied = sock_intr_errno(timeo);
		return 1;
	}
	return 0;
}

/* tcp_recv_wait - let the backlog in, or sleep until more comes */
static void tcp_recv_wait(struct sock *sk, int copied, int target, u32 want,
			  s64 *timeo)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (copied >= target) {
		/* the backlog may hold more: process it */
		release_sock(sk);
		lock_sock(sk);
		return;
	}
	tcp_cleanup_rbuf(sk, copied);
	sk_wait_event(sk, timeo,
		      tp->rcv_nxt != want || sk->sk_err ||
			      (sk->sk_shutdown & RCV_SHUTDOWN) ||
			      sk->sk_state == TCP_CLOSE);
}

/*
 * tcp_recv_urg - recv(MSG_OOB): the urgent byte, once.  EINVAL when
 * there is none (or SO_OOBINLINE, or it was read), EAGAIN while it is
 * announced but not here yet: never blocks (as BSD and Linux).
 */
static int tcp_recv_urg(struct sock *sk, struct msghdr *msg, size_t len,
			int flags)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (sock_flag(sk, SOCK_URGINLINE) || !tp->urg_data ||
	    tp->urg_data == TCP_URG_READ)
		return -EINVAL;
	if (sk->sk_state == TCP_CLOSE && !sock_flag(sk, SOCK_DONE))
		return -ENOTCONN;
	if (tp->urg_data & TCP_URG_VALID) {
		char c = (char)(tp->urg_data & 0xff);
		int err = 0;

		if (!(flags & MSG_PEEK))
			tp->urg_data = TCP_URG_READ;
		msg->msg_flags |= MSG_OOB;
		if (len > 0) {
			if (!(flags & MSG_TRUNC))
				err = memcpy_to_msg(msg, &c, 1);
			return err ? -EFAULT : 1;
		}
		msg->msg_flags |= MSG_TRUNC;
		return 0;
	}
	if (sk->sk_state == TCP_CLOSE || (sk->sk_shutdown & RCV_SHUTDOWN))
		return 0;
	return -EAGAIN;
}

/**
 * tcp_recvmsg - copy received data in sequence order
 * @flags: MSG_PEEK (leave it queued), MSG_WAITALL (wait for @len),
 *	MSG_DONTWAIT, MSG_TRUNC (discard instead of copying), MSG_OOB (the
 *	urgent byte); reading stops at the urgent mark
 * Return: bytes copied; 0 at end of stream; -errno: -ENOTCONN, -EAGAIN,
 *	-EINTR, -EINVAL (MSG_OOB: no urgent byte), a pending error.
 */
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int copied = 0, target;
	u32 peek_seq, *seq;
	size_t left = len;
	s64 timeo;

	(void)addr_len;
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;
	lock_sock(sk);
	if (sk->sk_state == TCP_LISTEN) {
		release_sock(sk);
		return -ENOTCONN;
	}
	if (flags & MSG_OOB) {
		copied = tcp_recv_urg(sk, msg, len, flags);
		release_sock(sk);
		return copied;
	}
	timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	seq = &tp->copied_seq;
	if (flags & MSG_PEEK) {
		peek_seq = tp->copied_seq;
		seq = &peek_seq;
	}
	target = sock_rcvlowat(sk, flags & MSG_WAITALL,
			       (int)min_t(size_t, len, INT_MAX));

	do {
		u32 offset = 0;
		bool fin;
		struct sk_buff *skb;
		size_t used;

		/* the urgent mark ends a read that got something */
		if (tp->urg_data && tp->urg_seq == *seq && copied)
			break;
		skb = tcp_recv_find(sk, *seq, &offset, &fin);

		if (skb && fin) {
			++*seq;
			if (!(flags & MSG_PEEK)) {
				skb_unlink(skb, &sk->sk_receive_queue);
				kfree_skb(skb);
			}
			break;
		}
		if (!skb) {
			if (copied >= target && !sk->sk_backlog.tail)
				break;
			if (tcp_recv_stop(sk, &copied, timeo))
				break;
			tcp_recv_wait(sk, copied, target, *seq, &timeo);
			continue;
		}
		used = min_t(size_t, skb->len - offset, left);
		if (tp->urg_data) {
			u32 urg_offset = tp->urg_seq - *seq;

			if (urg_offset < used) {
				if (urg_offset) {
					used = urg_offset;
				} else if (!sock_flag(sk, SOCK_URGINLINE)) {
					/* the urgent byte is not in the stream */
					++*seq;
					offset++;
					used--;
					if (!used)
						goto skip_copy;
				}
			}
		}
		if (!(flags & MSG_TRUNC) &&
		    skb_copy_datagram_msg(skb, (int)offset, msg, (int)used)) {
			if (!copied)
				copied = -EFAULT;
			break;
		}
		*seq += (u32)used;
		copied += (int)used;
		left -= used;
skip_copy:
		if (tp->urg_data && after(tp->copied_seq, tp->urg_seq))
			tp->urg_data = 0;
		if (used + offset < skb->len)
			continue;
		if (!(flags & MSG_PEEK) &&
		    !(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)) {
			skb_unlink(skb, &sk->sk_receive_queue);
			kfree_skb(skb);
		}
	} while (left > 0);

	if (copied > 0 && !(flags & MSG_PEEK))
		tcp_rcv_space_adjust(sk);
	tcp_cleanup_rbuf(sk, copied);
	release_sock(sk);
	if (tp->recvmsg_inq && copied >= 0) {
		/* TCP_INQ: what is left to read; 1 after a FIN, so that the
		 * reader comes back for the end of the stream */
		int inq = (int)(tp->rcv_nxt - tp->copied_seq);

		if (inq == 0 && (sk->sk_shutdown & RCV_SHUTDOWN))
			inq = 1;
		put_cmsg(msg, IPPROTO_TCP, TCP_CM_INQ, sizeof(inq), &inq);
	}
	return copied;
}

/* ---- poll ---- */

/**
 * tcp_poll - readiness as Linux's tcp_poll: a listener is readable with
 *	a connection to accept; EPOLLHUP when both directions are shut or
 *	the sock is closed; EPOLLIN|EPOLLRDHUP after the peer's FIN; data
 *	and send room only once the handshake is done; EPOLLERR with an
 *	error pending
 */
unsigned int tcp_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	const struct tcp_sock *tp = tcp_sk(sk);
	unsigned int mask = 0;
	int state;

	poll_wait(file, sk->sk_wq, wait);
	state = sk->sk_state;
	if (state == TCP_LISTEN)
		return reqsk_queue_empty(inet_csk(sk)->icsk_accept_queue)
			       ? 0
			       : EPOLLIN | EPOLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;
	/* connected, or a passive Fast Open child (RFC 7413) */
	if (state != TCP_SYN_SENT &&
	    (state != TCP_SYN_RECV || tp->fastopen_rsk)) {
		int target = sock_rcvlowat(sk, 0, INT_MAX);

		/* the urgent byte at the mark is not readable data */
		if (tp->urg_data && tp->urg_seq == tp->copied_seq &&
		    !sock_flag(sk, SOCK_URGINLINE))
			target++;
		if ((int)(tp->rcv_nxt - tp->copied_seq) >= target)
			mask |= EPOLLIN | EPOLLRDNORM;
		if (tp->urg_data & TCP_URG_VALID)
			mask |= EPOLLPRI;
		if (!(sk->sk_shutdown & SEND_SHUTDOWN)) {
			if (sk_stream_is_writeable(sk)) {
				mask |= EPOLLOUT | EPOLLWRNORM;
			} else {
				sock->flags |= 1UL << SOCK_NOSPACE;
				if (sk_stream_is_writeable(sk))
					mask |= EPOLLOUT | EPOLLWRNORM;
			}
		} else {
			mask |= EPOLLOUT | EPOLLWRNORM;
		}
	} else if (state == TCP_SYN_SENT && inet_sk(sk)->defer_connect) {
		/* TCP_FASTOPEN_CONNECT: the write sends the SYN */
		mask |= EPOLLOUT | EPOLLWRNORM;
	}
	if (sk->sk_err || !skb_queue_empty(&sk->sk_error_queue))
		mask |= EPOLLERR;
	return mask;
}

/* ---- close, shutdown, disconnect ---- */

/* RFC 9293 3.10.4 CLOSE: where each state goes, and whether a FIN goes */
static const unsigned char new_state[16] = {
	[0] = TCP_CLOSE,
	[TCP_ESTABLISHED] = TCP_FIN_WAIT1 | 0x10,
	[TCP_SYN_SENT] = TCP_CLOSE,
	[TCP_SYN_RECV] = TCP_FIN_WAIT1 | 0x10,
	[TCP_FIN_WAIT1] = TCP_FIN_WAIT1,
	[TCP_FIN_WAIT2] = TCP_FIN_WAIT2,
	[TCP_TIME_WAIT] = TCP_CLOSE,
	[TCP_CLOSE] = TCP_CLOSE,
	[TCP_CLOSE_WAIT] = TCP_LAST_ACK | 0x10,
	[TCP_LAST_ACK] = TCP_LAST_ACK,
	[TCP_LISTEN] = TCP_CLOSE,
	[TCP_CLOSING] = TCP_CLOSING,
	[TCP_NEW_SYN_RECV] = TCP_CLOSE,
};

static int tcp_close_state(struct sock *sk)
{
	int next = new_state[sk->sk_state];
	int ns = next & 0xf;

	tcp_set_state(sk, ns);
	return next & 0x10;
}

void tcp_shutdown(struct sock *sk, int how)
{
	if (!(how & SEND_SHUTDOWN))
		return;
	if ((1 << sk->sk_state) & (TCPF_ESTABLISHED | TCPF_SYN_SENT |
				   TCPF_SYN_RECV | TCPF_CLOSE_WAIT)) {
		if (tcp_close_state(sk))
			tcp_send_fin(sk);
	}
}

static void tcp_sock_orphan(struct sock *sk)
{
	sock_set_flag(sk, SOCK_DEAD);
	sk->sk_socket = NULL;
	sk->sk_wq = &sk->sk_wq_own;
}

static bool tcp_need_reset(int state)
{
	return (1 << state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT |
			       TCPF_FIN_WAIT1 | TCPF_FIN_WAIT2 | TCPF_SYN_RECV);
}

/**
 * tcp_close - the user closes: a listener drops its queue; unread data
 *	or SO_LINGER with 0 aborts with a RST (RFC 9293 3.10.4, RFC 2525
 *	2.17); otherwise the FIN goes after the data and the sock lives on
 *	as an orphan until the close completes.
 * @timeout: SO_LINGER seconds to wait for the FIN to be acknowledged
 */
void tcp_close(struct sock *sk, long timeout)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 data_was_unread = 0;
	struct sk_buff *skb;
	int state;

	lock_sock(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	if (sk->sk_state == TCP_LISTEN) {
		tcp_set_state(sk, TCP_CLOSE);
		inet_csk_listen_stop(sk);
		goto adjudge_to_death;
	}
	while ((skb = skb_dequeue(&sk->sk_receive_queue)) != NULL) {
		u32 len = TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq;

		if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
			len--;
		if (after(TCP_SKB_CB(skb)->seq + len, tp->copied_seq))
			data_was_unread +=
				TCP_SKB_CB(skb)->seq + len -
				(after(tp->copied_seq, TCP_SKB_CB(skb)->seq)
					 ? tp->copied_seq
					 : TCP_SKB_CB(skb)->seq);
		kfree_skb(skb);
	}
	if (sk->sk_state == TCP_CLOSE)
		goto adjudge_to_death;
	if (data_was_unread) {
		/* RFC 2525 2.17: unread data is lost, the peer must know */
		tcp_set_state(sk, TCP_CLOSE);
		tcp_send_active_reset(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONCLOSE);
	} else if (sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime) {
		/* SO_LINGER 0: abort (RFC 9293 3.10.5 ABORT) */
		sk->sk_prot->disconnect(sk, 0);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONDATA);
	} else if (tcp_close_state(sk)) {
		tcp_send_fin(sk);
	}
	if (timeout > 0) {
		s64 timeo = (s64)timeout * (s64)NSEC_PER_SEC;

		sk_wait_event(
			sk, &timeo,
			!((1 << sk->sk_state) &
			  (TCPF_FIN_WAIT1 | TCPF_CLOSING | TCPF_LAST_ACK)));
	}

adjudge_to_death:
	state = sk->sk_state;
	sock_hold(sk);
	tcp_sock_orphan(sk);
	release_sock(sk);
	tcp_orphan_count_inc(sk);
	if (state != TCP_CLOSE && sk->sk_state == TCP_CLOSE) {
		/* closed meanwhile: tcp_done saw no orphan yet */
		inet_csk_destroy_sock(sk);
		goto out;
	}
	if (sk->sk_state == TCP_FIN_WAIT2) {
		if (tp->linger2 < 0) {
			tcp_set_state(sk, TCP_CLOSE);
			tcp_send_active_reset(sk);
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONLINGER);
		} else {
			int tmo = tcp_fin_time(sk);

			if (tmo > (int)TCP_TIMEWAIT_LEN) {
				inet_csk_reset_keepalive_timer(
					sk, (u32)tmo - TCP_TIMEWAIT_LEN);
			} else {
				tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);
				goto out;
			}
		}
	}
	if (sk->sk_state != TCP_CLOSE && tcp_check_oom(sk, 0)) {
		tcp_set_state(sk, TCP_CLOSE);
		tcp_send_active_reset(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONMEMORY);
	}
	if (sk->sk_state == TCP_CLOSE)
		inet_csk_destroy_sock(sk);
out:
	sock_put(sk);
}

/**
 * tcp_disconnect - abort the connection (connect(AF_UNSPEC), SO_LINGER 0,
 *	a listener's unaccepted children): RST if the peer has a
 *	connection, back to a fresh CLOSED sock
 */
int tcp_disconnect(struct sock *sk, int flags)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int old_state = sk->sk_state;
	u32 seq;

	(void)flags;
	if (old_state != TCP_CLOSE)
		tcp_set_state(sk, TCP_CLOSE);
	if (old_state == TCP_LISTEN) {
		inet_csk_listen_stop(sk);
	} else if (tcp_need_reset(old_state) ||
		   (tp->snd_nxt != tp->write_seq &&
		    (1 << old_state) & (TCPF_CLOSING | TCPF_LAST_ACK))) {
		tcp_send_active_reset(sk);
		sk->sk_err = ECONNRESET;
	} else if (old_state == TCP_SYN_SENT) {
		sk->sk_err = ECONNRESET;
	}
	inet_csk_clear_xmit_timers(sk);
	del_timer(&tp->compressed_ack_timer);
	tp->compressed_ack = 0;
	skb_queue_purge(&sk->sk_receive_queue);
	tcp_write_queue_purge(sk);
	tcp_fastopen_active_disable_ofo_check(sk);
	skb_queue_purge(&tp->out_of_order_queue);
	tcp_free_fastopen_req(tp);
	dst_release(sk->sk_rx_dst); /* early demux's, for the old peer */
	sk->sk_rx_dst = NULL;
	inet->defer_connect = 0;
	tp->syn_data = tp->syn_fastopen = tp->syn_data_acked = 0;
	tp->fastopen_client_fail = 0;
	inet->inet_dport = 0;
	inet->inet_daddr = 0;
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK)) {
		inet->inet_saddr = 0;
		inet->inet_rcv_saddr = 0;
	}
	sk->sk_shutdown = 0;
	sock_reset_flag(sk, SOCK_DONE);
	tp->srtt_us = 0;
	tp->mdev_us = TCP_TIMEOUT_INIT * 1000U;
	seq = tp->write_seq + tp->max_window + 2;
	if (!seq)
		seq = 1;
	tp->write_seq = seq;
	icsk->icsk_backoff = 0;
	icsk->icsk_probes_out = 0;
	icsk->icsk_retransmits = 0;
	icsk->icsk_rto = TCP_TIMEOUT_INIT;
	icsk->icsk_rto_min = TCP_RTO_MIN; /* not the sysctl's: as Linux */
	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	tcp_snd_cwnd_set(tp, TCP_INIT_CWND);
	tp->snd_cwnd_cnt = 0;
	tp->window_clamp = 0;
	tp->delivered = 0;
	tp->delivered_ce = 0;
	tp->received_ce = 0;
	/* a bubble in the pipe until at least the first ACK */
	tp->app_limited = ~0U;
	tp->rate_app_limited = 1;
	tp->rto_stamp = 0;
	tp->total_rto = 0;
	tp->total_rto_recoveries = 0;
	tp->total_rto_time = 0;
	tp->ecn_flags = 0;
	tcp_set_ca_state(sk, TCP_CA_Open);
	tp->rx_opt.saw_tstamp = 0;
	tp->rx_opt.tstamp_ok = 0;
	tp->rx_opt.sack_ok = 0;
	tp->rx_opt.wscale_ok = 0;
	tp->rx_opt.num_sacks = 0;
	tp->rx_opt.ts_recent = 0;
	tp->rx_opt.ts_recent_stamp = 0;
	tp->max_window = 0;
	tp->rcv_ooopack = 0;
	/* the loss recovery state of the old connection */
	tcp_clear_retrans(tp);
	tp->reordering = (u32)sock_net(sk)->ipv4.sysctl_tcp_reordering;
	tp->reord_seen = 0;
	tp->tlp_high_seq = 0;
	tp->rtt_min_us = 0;
	memset(&tp->rack, 0, sizeof(tp->rack));
	tp->rack.reo_wnd_steps = 1;
	if (tp->sack)
		memset(tp->sack->recv_sack_cache, 0,
		       sizeof(tp->sack->recv_sack_cache));
	inet_csk_delack_init(sk);
	sk_dst_reset(sk);
	sk->sk_error_report(sk);
	return 0;
}

/* ---- options ---- */

static int tcp_getsockopt_int(void *optval, int *optlen, int val)
{
	int len = *optlen;

	if (len < 0)
		return -EINVAL;
	if (len > (int)sizeof(int))
		len = sizeof(int);
	memcpy(optval, &val, (size_t)len);
	*optlen = len;
	return 0;
}

/* the last delivery rate sample in bytes per second (segments of the
 * current MSS), 0 before the first */
static u64 tcp_compute_delivery_rate(const struct tcp_sock *tp)
{
	u32 rate = tp->rate_delivered, intv = tp->rate_interval_us;

	if (!rate || !intv)
		return 0;
	return (u64)rate * tp->mss_cache * 1000000ULL / intv;
}

/* the chronograph's sums, the running state included, in us; busy time
 * is all of them */
static void tcp_get_info_chrono_stats(const struct sock *sk,
				      struct tcp_info *info)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u64 stats[__TCP_CHRONO_MAX], total = 0;
	int i;

	for (i = TCP_CHRONO_BUSY; i < __TCP_CHRONO_MAX; ++i) {
		stats[i] = tp->chrono_stat[i - 1];
		if (i == tp->chrono_type)
			stats[i] += tcp_jiffies32(sk) - tp->chrono_start;
		stats[i] *= 1000; /* us in a tick of tcp_jiffies32 (ms) */
		total += stats[i];
	}
	info->tcpi_busy_time = total;
	info->tcpi_rwnd_limited = stats[TCP_CHRONO_RWND_LIMITED];
	info->tcpi_sndbuf_limited = stats[TCP_CHRONO_SNDBUF_LIMITED];
}

void tcp_get_info(struct sock *sk, struct tcp_info *info)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 now = tcp_jiffies32(sk);

	memset(info, 0, sizeof(*info));
	info->tcpi_state = sk->sk_state;
	/* what Linux reports for every state, listeners included */
	info->tcpi_pacing_rate = sk->sk_pacing_rate;
	info->tcpi_max_pacing_rate = sk->sk_max_pacing_rate;
	info->tcpi_reordering = tp->reordering;
	info->tcpi_snd_cwnd = tcp_snd_cwnd(tp);
	if (sk->sk_state == TCP_LISTEN) {
		/* aliases: children ready for accept(2), and the backlog */
		info->tcpi_unacked = sk->sk_ack_backlog;
		info->tcpi_sacked = sk->sk_max_ack_backlog;
		return;
	}
	info->tcpi_ca_state = icsk->icsk_ca_state;
	info->tcpi_retransmits = icsk->icsk_retransmits;
	info->tcpi_probes = icsk->icsk_probes_out;
	info->tcpi_backoff = icsk->icsk_backoff;
	if (tp->rx_opt.tstamp_ok)
		info->tcpi_options |= TCPI_OPT_TIMESTAMPS;
	if (tp->rx_opt.sack_ok)
		info->tcpi_options |= TCPI_OPT_SACK;
	if (tp->syn_data_acked)
		info->tcpi_options |= TCPI_OPT_SYN_DATA;
	info->tcpi_fastopen_client_fail = tp->fastopen_client_fail;
	if (tp->rx_opt.wscale_ok) {
		info->tcpi_options |= TCPI_OPT_WSCALE;
		info->tcpi_snd_wscale = tp->rx_opt.snd_wscale;
		info->tcpi_rcv_wscale = tp->rx_opt.rcv_wscale;
	}
	if (tp->ecn_flags & TCP_ECN_OK)
		info->tcpi_options |= TCPI_OPT_ECN;
	if (tp->ecn_flags & TCP_ECN_SEEN)
		info->tcpi_options |= TCPI_OPT_ECN_SEEN;
	info->tcpi_rto = icsk->icsk_rto * 1000U;
	info->tcpi_ato = icsk->icsk_ack.ato * 1000U;
	info->tcpi_snd_mss = tp->mss_cache;
	info->tcpi_rcv_mss = icsk->icsk_ack.rcv_mss;
	info->tcpi_unacked = tp->packets_out;
	info->tcpi_sacked = tp->sacked_out;
	info->tcpi_lost = tp->lost_out;
	info->tcpi_retrans = tp->retrans_out;
	info->tcpi_last_data_sent = now - tp->lsndtime;
	info->tcpi_last_data_recv = now - icsk->icsk_ack.lrcvtime;
	info->tcpi_last_ack_recv = now - tp->rcv_tstamp;
	info->tcpi_pmtu = icsk->icsk_pmtu_cookie;
	info->tcpi_rcv_ssthresh = tp->rcv_ssthresh;
	info->tcpi_rtt = tp->srtt_us >> 3;
	info->tcpi_rttvar = tp->mdev_us >> 2;
	info->tcpi_snd_ssthresh = tp->snd_ssthresh;
	info->tcpi_advmss = tp->advmss;
	info->tcpi_rcv_rtt = tp->rcv_rtt_est.rtt_us >> 3;
	info->tcpi_rcv_space = tp->rcvq_space.space;
	info->tcpi_total_retrans = tp->total_retrans;
	info->tcpi_bytes_acked = tp->bytes_acked;
	info->tcpi_bytes_received = tp->bytes_received;
	info->tcpi_segs_out = tp->segs_out;
	info->tcpi_segs_in = tp->segs_in;
	info->tcpi_notsent_bytes = tp->write_seq - tp->snd_nxt;
	/* the windowed minimum RACK keeps; ~0U before the first sample */
	info->tcpi_min_rtt = tp->rtt_min_us ? tp->rtt_min_us : ~0U;
	info->tcpi_reord_seen = tp->reord_seen;
	info->tcpi_data_segs_in = tp->data_segs_in;
	info->tcpi_data_segs_out = tp->data_segs_out;
	info->tcpi_delivered = tp->delivered;
	info->tcpi_delivered_ce = tp->delivered_ce;
	info->tcpi_delivery_rate_app_limited = tp->rate_app_limited ? 1 : 0;
	info->tcpi_delivery_rate = tcp_compute_delivery_rate(tp);
	tcp_get_info_chrono_stats(sk, info);
	info->tcpi_bytes_sent = tp->bytes_sent;
	info->tcpi_bytes_retrans = tp->bytes_retrans;
	info->tcpi_dsack_dups = tp->dsack_dups;
	info->tcpi_rcv_ooopack = tp->rcv_ooopack;
	info->tcpi_snd_wnd = tp->snd_wnd;
}

/* tcp_get_info_ext - all of Linux 6.18's struct tcp_info (what a listener
 * has stops at the 6.1 part, as in Linux) */
void tcp_get_info_ext(struct sock *sk, struct tcp_info_ext *ext)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	memset(ext, 0, sizeof(*ext));
	tcp_get_info(sk, &ext->info);
	if (sk->sk_state == TCP_LISTEN)
		return;
	ext->tcpi_rcv_wnd = tp->rcv_wnd;
	ext->tcpi_rehash = tp->timeout_rehash; /* no PLB here */
	ext->tcpi_total_rto = (__u16)tp->total_rto;
	ext->tcpi_total_rto_recoveries = (__u16)tp->total_rto_recoveries;
	ext->tcpi_total_rto_time = tp->total_rto_time;
	ext->tcpi_received_ce = tp->received_ce;
	if (tp->rto_stamp)
		ext->tcpi_total_rto_time +=
			tcp_time_stamp_ms(sk) - tp->rto_stamp;
}

/*
 * tcp_set_window_clamp - the largest window to offer (TCP_WINDOW_CLAMP,
 * or the buffer as scaling_ratio sees it): a lower clamp pulls
 * rcv_ssthresh down with it, a higher one lets it up to what was offered.
 */
void tcp_set_window_clamp(struct sock *sk, int val)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 old_clamp = tp->window_clamp;
	u32 new_clamp = (u32)max_t(int, val, (int)SOCK_MIN_RCVBUF_TCP / 2);

	if (new_clamp == old_clamp)
		return;
	tp->window_clamp = new_clamp;
	if (new_clamp < old_clamp)
		tp->rcv_ssthresh = min_t(u32, tp->rcv_ssthresh, new_clamp);
	else
		tp->rcv_ssthresh =
			max_t(u32, min_t(u32, tp->rcv_wnd, new_clamp),
			      tp->rcv_ssthresh);
}

/* TCP_NODELAY: Nagle off, and what it held goes now */
static void __tcp_sock_set_nodelay(struct sock *sk, bool on)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (on) {
		tp->nonagle |= TCP_NAGLE_OFF | TCP_NAGLE_PUSH;
		if (tcp_send_head(sk))
			__tcp_push_pending_frames(sk, tcp_current_mss(sk),
						  tp->nonagle);
	} else {
		tp->nonagle &= (u8)~TCP_NAGLE_OFF;
	}
}

/* TCP_CORK: hold partial segments; uncorking sends what was held */
static void __tcp_sock_set_cork(struct sock *sk, bool on)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (on) {
		tp->nonagle |= TCP_NAGLE_CORK;
		return;
	}
	tp->nonagle &= (u8)~TCP_NAGLE_CORK;
	if (tp->nonagle & TCP_NAGLE_OFF)
		tp->nonagle |= TCP_NAGLE_PUSH;
	if (tcp_send_head(sk))
		__tcp_push_pending_frames(sk, tcp_current_mss(sk),
					  tp->nonagle | TCP_NAGLE_PUSH);
}

/*
 * TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT (seconds, seconds, probes):
 * a new idle time re-arms a running keepalive timer from now.
 */
static int tcp_set_keepalive_opt(struct sock *sk, int optname, int val)
{
	struct tcp_sock *tp = tcp_sk(sk);

	switch (optname) {
	case TCP_KEEPIDLE:
		if (val < 1 || val > MAX_TCP_KEEPIDLE)
			return -EINVAL;
		tp->keepalive_time = (u32)val * 1000U;
		if (sock_flag(sk, SOCK_KEEPOPEN) &&
		    !((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)))
			inet_csk_reset_keepalive_timer(sk,
						       keepalive_time_when(tp));
		return 0;
	case TCP_KEEPINTVL:
		if (val < 1 || val > MAX_TCP_KEEPINTVL)
			return -EINVAL;
		tp->keepalive_intvl = (u32)val * 1000U;
		return 0;
	default: /* TCP_KEEPCNT */
		if (val < 1 || val > MAX_TCP_KEEPCNT)
			return -EINVAL;
		tp->keepalive_probes = (u8)val;
		return 0;
	}
}

/*
 * secs_to_retrans - how many timeouts, from @timeout s doubling up to
 * @rto_max s, cover @seconds: TCP_DEFER_ACCEPT's unit.  retrans_to_secs
 * is its inverse, what getsockopt() reports.
 */
static u8 secs_to_retrans(int seconds, int timeout, int rto_max)
{
	u8 res = 0;

	if (seconds > 0) {
		int period = timeout;

		res = 1;
		while (seconds > period && res < 255) {
			res++;
			timeout <<= 1;
			if (timeout > rto_max)
				timeout = rto_max;
			period += timeout;
		}
	}
	return res;
}

static int retrans_to_secs(u8 retrans, int timeout, int rto_max)
{
	int period = 0;

	if (retrans > 0) {
		period = timeout;
		while (--retrans) {
			timeout <<= 1;
			if (timeout > rto_max)
				timeout = rto_max;
			period += timeout;
		}
	}
	return period;
}

int tcp_setsockopt(struct sock *sk, int level, int optname, const void *optval,
		   unsigned int optlen)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int val, err = 0;

	if (level != IPPROTO_TCP)
		return ip_setsockopt(sk, level, optname, optval, optlen);
	if (optname == TCP_CONGESTION) {
		char name[TCP_CA_NAME_MAX];
		unsigned int n =
			min_t(unsigned int, optlen, TCP_CA_NAME_MAX - 1);

		if ((int)optlen < 1)
			return -EINVAL;
		memcpy(name, optval, n);
		name[n] = '\0';
		lock_sock(sk);
		err = tcp_set_congestion_control(sk, name);
		release_sock(sk);
		return err;
	}
	if (optname == TCP_FASTOPEN || optname == TCP_FASTOPEN_CONNECT ||
	    optname == TCP_FASTOPEN_KEY || optname == TCP_FASTOPEN_NO_COOKIE)
		return tcp_fastopen_setsockopt(sk, optname, optval, optlen);
	/* upper layer protocols (kTLS, MPTCP's subflows): none is built, so
	 * every name is unknown, as on a kernel without them */
	if (optname == TCP_ULP)
		return (int)optlen < 1 ? -EINVAL : -ENOENT;
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));

	lock_sock(sk);
	switch (optname) {
	case TCP_MAXSEG:
		/* RFC 9293 3.7.1: bounded by TCP_MIN_MSS and the window */
		if (val &&
		    (val < (int)TCP_MIN_MSS || val > (int)MAX_TCP_WINDOW)) {
			err = -EINVAL;
			break;
		}
		tp->rx_opt.user_mss = (u16)val;
		break;
	case TCP_NODELAY:
		__tcp_sock_set_nodelay(sk, val);
		break;
	case TCP_CORK:
		__tcp_sock_set_cork(sk, val);
		break;
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
	case TCP_KEEPCNT:
		err = tcp_set_keepalive_opt(sk, optname, val);
		break;
	case TCP_SYNCNT:
		if (val < 1 || val > MAX_TCP_SYNCNT)
			err = -EINVAL;
		else
			icsk->icsk_syn_retries = (u8)val;
		break;
	case TCP_LINGER2:
		if (val < 0)
			tp->linger2 = -1;
		else if (val > (int)(TCP_FIN_TIMEOUT_MAX / 1000))
			tp->linger2 = (int)TCP_FIN_TIMEOUT_MAX;
		else
			tp->linger2 = val * 1000;
		break;
	case TCP_DEFER_ACCEPT:
		/* seconds, kept as the SYN-ACK timeouts that cover them, in
		 * the accept queue, which a sock gets when first needed */
		err = inet_csk_accept_queue_alloc(sk);
		if (err)
			break;
		icsk->icsk_accept_queue->rskq_defer_accept = secs_to_retrans(
			val, TCP_TIMEOUT_INIT / 1000, TCP_RTO_MAX / 1000);
		break;
	case TCP_TIMESTAMP:
		/* only a socket in repair mode may move its clock */
		err = -EPERM;
		break;
	case TCP_USER_TIMEOUT:
		if (val < 0)
			err = -EINVAL;
		else
			icsk->icsk_user_timeout = (u32)val;
		break;
	case TCP_QUICKACK:
		if (!val) {
			inet_csk_enter_pingpong_mode(sk);
		} else {
			inet_csk_exit_pingpong_mode(sk);
			if ((1 << sk->sk_state) &
				    (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT) &&
			    inet_csk_ack_scheduled(sk)) {
				icsk->icsk_ack.pending |= ICSK_ACK_PUSHED;
				tcp_cleanup_rbuf(sk, 1);
			}
		}
		break;
	case TCP_NOTSENT_LOWAT:
		tp->notsent_lowat = (u32)val;
		sk->sk_write_space(sk); /* a higher mark may wake a writer */
		break;
	case TCP_WINDOW_CLAMP:
		if (!val) {
			if (sk->sk_state != TCP_CLOSE)
				err = -EINVAL;
			else
				tp->window_clamp = 0;
		} else {
			tcp_set_window_clamp(sk, val);
		}
		break;
	case TCP_RTO_MAX_MS:
		if (val < 1000 || val > (int)TCP_RTO_MAX)
			err = -EINVAL;
		else
			icsk->icsk_rto_max = (u32)val;
		break;
	case TCP_INQ:
		if (val > 1 || val < 0)
			err = -EINVAL;
		else
			tp->recvmsg_inq = (u8)val;
		break;
	case TCP_THIN_LINEAR_TIMEOUTS:
		if (val > 1 || val < 0)
			err = -EINVAL;
		else
			tp->thin_lto = (u8)val;
		break;
	case TCP_SAVE_SYN:
		/* 0: off, 1: from the IP header, 2: from the link layer's */
		if (val < 0 || val > 2)
			err = -EINVAL;
		else
			tp->save_syn = (u8)val;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

/*
 * TCP_SAVED_SYN: the headers of the SYN that made this connection, once
 * (then they are freed); a buffer too small is EINVAL with the length it
 * needs; none saved is an empty answer.
 */
static int tcp_get_saved_syn(struct sock *sk, void *optval, int *optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int len;

	lock_sock(sk);
	if (!tp->saved_syn) {
		release_sock(sk);
		*optlen = 0;
		return 0;
	}
	len = (int)tcp_saved_syn_len(tp->saved_syn);
	if (*optlen < len) {
		release_sock(sk);
		*optlen = len;
		return -EINVAL;
	}
	memcpy(optval, tp->saved_syn->data, (size_t)len);
	*optlen = len;
	kfree(tp->saved_syn);
	tp->saved_syn = NULL;
	release_sock(sk);
	return 0;
}

int tcp_getsockopt(struct sock *sk, int level, int optname, void *optval,
		   int *optlen)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	int val;

	if (level != IPPROTO_TCP)
		return ip_getsockopt(sk, level, optname, optval, optlen);
	if (*optlen < 0)
		return -EINVAL;
	if (optname == TCP_ULP) { /* none attached: an empty name */
		*optlen = 0;
		return 0;
	}
	if (optname == TCP_SAVED_SYN)
		return tcp_get_saved_syn(sk, optval, optlen);
	switch (optname) {
	case TCP_MAXSEG:
		val = (int)tp->mss_cache;
		if (tp->rx_opt.user_mss &&
		    ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)))
			val = tp->rx_opt.user_mss;
		break;
	case TCP_NODELAY:
		val = !!(tp->nonagle & TCP_NAGLE_OFF);
		break;
	case TCP_CORK:
		val = !!(tp->nonagle & TCP_NAGLE_CORK);
		break;
	case TCP_KEEPIDLE:
		val = (int)(keepalive_time_when(tp) / 1000U);
		break;
	case TCP_KEEPINTVL:
		val = (int)(keepalive_intvl_when(tp) / 1000U);
		break;
	case TCP_KEEPCNT:
		val = keepalive_probes(tp);
		break;
	case TCP_SYNCNT:
		val = icsk->icsk_syn_retries ? icsk->icsk_syn_retries
					     : net->ipv4.sysctl_tcp_syn_retries;
		break;
	case TCP_DEFER_ACCEPT:
		val = icsk->icsk_accept_queue
			      ? retrans_to_secs(icsk->icsk_accept_queue
							->rskq_defer_accept,
						TCP_TIMEOUT_INIT / 1000,
						TCP_RTO_MAX / 1000)
			      : 0;
		break;
	case TCP_TIMESTAMP:
		/* the TSval clock now (ms; the low bit clear: not in us) */
		val = (int)(tcp_time_stamp_ms(sk) + tp->tsoffset) & ~1;
		break;
	case TCP_LINGER2:
		val = tp->linger2;
		if (val >= 0)
			val = (val ? val : net->ipv4.sysctl_tcp_fin_timeout) /
			      1000;
		break;
	case TCP_WINDOW_CLAMP:
		val = (int)tp->window_clamp;
		break;
	case TCP_USER_TIMEOUT:
		val = (int)icsk->icsk_user_timeout;
		break;
	case TCP_QUICKACK:
		val = !inet_csk_in_pingpong_mode(sk);
		break;
	case TCP_NOTSENT_LOWAT:
		val = (int)tp->notsent_lowat;
		break;
	case TCP_RTO_MAX_MS:
		val = (int)tcp_rto_max(sk);
		break;
	case TCP_INQ:
		val = tp->recvmsg_inq;
		break;
	case TCP_THIN_LINEAR_TIMEOUTS:
		val = tp->thin_lto;
		break;
	case TCP_SAVE_SYN:
		val = tp->save_syn;
		break;
	case TCP_INFO: {
		struct tcp_info_ext info;
		int len = *optlen;

		tcp_get_info_ext(sk, &info);
		if (len > (int)sizeof(info))
			len = sizeof(info);
		memcpy(optval, &info, (size_t)len);
		*optlen = len;
		return 0;
	}
	case TCP_FASTOPEN:
	case TCP_FASTOPEN_CONNECT:
	case TCP_FASTOPEN_KEY:
	case TCP_FASTOPEN_NO_COOKIE:
		return tcp_fastopen_getsockopt(sk, optname, optval, optlen);
	case TCP_CC_INFO: {
		/* the congestion control's own info (BBR: tcp_bbr_info);
		 * none (length 0) for one without get_info, as cubic */
		const struct tcp_congestion_ops *ca = icsk->icsk_ca_ops;
		union tcp_cc_info cc;
		size_t sz = 0;
		int attr;

		if (ca && ca->get_info)
			sz = ca->get_info(sk, ~0U, &attr, &cc);
		if (*optlen < 0)
			return -EINVAL;
		*optlen = (int)min_t(size_t, (size_t)*optlen, sz);
		memcpy(optval, &cc, (size_t)*optlen);
		return 0;
	}
	case TCP_CONGESTION: {
		int len = *optlen;

		if (len > TCP_CA_NAME_MAX)
			len = TCP_CA_NAME_MAX;
		memset(optval, 0, (size_t)len);
		memcpy(optval, icsk->icsk_ca_ops->name,
		       min_t(size_t, (size_t)len,
			     strlen(icsk->icsk_ca_ops->name)));
		*optlen = len;
		return 0;
	}
	default:
		return -ENOPROTOOPT;
	}
	return tcp_getsockopt_int(optval, optlen, val);
}

/* tcp_ioctl - SIOCINQ (unread bytes), SIOCOUTQ (unacked), SIOCOUTQNSD */
int tcp_ioctl(struct sock *sk, int cmd, void *arg)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int answ;

	switch (cmd) {
	case SIOCINQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		lock_sock(sk);
		if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
			answ = 0;
		} else {
			answ = (int)(tp->rcv_nxt - tp->copied_seq);
			if (answ && sock_flag(sk, SOCK_DONE))
				answ--;
		}
		release_sock(sk);
		break;
	case SIOCATMARK:
		/* is the next byte to read the urgent one? */
		answ = tp->urg_data && tp->urg_seq == tp->copied_seq;
		break;
	case SIOCOUTQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))
			answ = 0;
		else
			answ = (int)(tp->write_seq - tp->snd_una);
		break;
	case SIOCOUTQNSD:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))
			answ = 0;
		else
			answ = (int)(tp->write_seq - tp->snd_nxt);
		break;
	default:
		return -ENOIOCTLCMD;
	}
	if (!arg)
		return -EFAULT;
	memcpy(arg, &answ, sizeof(answ));
	return 0;
}
