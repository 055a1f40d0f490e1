// SPDX-License-Identifier: BSD-2-Clause
/*
 * Datagram receive helpers shared by UDP, raw, ping and netlink sockets:
 * waiting for a packet, copying it out, poll, timestamps.
 * Linux: net/core/datagram.c, parts of net/socket.c (__sock_recv_timestamp).
 */
#include <sys/epoll.h>
#include <sys/time.h>

#include <net/sock.h>
#include <net/net_namespace.h>

/* sock_error - take the pending error: -errno or 0 */
int sock_error(struct sock *sk)
{
	int err = sk->sk_err;

	if (likely(!err))
		return 0;
	sk->sk_err = 0;
	return -err;
}

/**
 * skb_recv_datagram - see sock.h.  With MSG_PEEK the skb stays queued and
 *	gains a reference that skb_free_datagram drops.
 */
struct sk_buff *skb_recv_datagram(struct sock *sk, unsigned int flags, int *err)
{
	s64 timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	struct sk_buff *skb;
	int error;

	for (;;) {
		error = sock_error(sk);
		if (error)
			goto no_packet;
		skb = skb_peek(&sk->sk_receive_queue);
		if (skb) {
			if (flags & MSG_PEEK) {
				skb->peeked = 1;
				skb_get(skb);
			} else {
				skb_unlink(skb, &sk->sk_receive_queue);
			}
			return skb;
		}
		/*
		 * Shutdown ends only a wait: a call that would not wait
		 * (MSG_DONTWAIT, O_NONBLOCK, a zero timeout) gets -EAGAIN,
		 * as Linux's __skb_wait_for_more_packets() is where
		 * RCV_SHUTDOWN is looked at.
		 */
		error = -EAGAIN;
		if (!timeo)
			goto no_packet;
		error = 0;
		if (sk->sk_shutdown & RCV_SHUTDOWN)
			goto no_packet;
		__sk_sleep_event(sk, &timeo,
				 !skb_queue_empty(&sk->sk_receive_queue) ||
					 sk->sk_err ||
					 (sk->sk_shutdown & RCV_SHUTDOWN));
		if (signal_pending()) {
			error = sock_intr_errno(timeo);
			goto no_packet;
		}
		if (!timeo && skb_queue_empty(&sk->sk_receive_queue) &&
		    !sk->sk_err && !(sk->sk_shutdown & RCV_SHUTDOWN)) {
			error = -EAGAIN;
			goto no_packet;
		}
	}

no_packet:
	*err = error;
	return NULL;
}

void skb_free_datagram(struct sock *sk, struct sk_buff *skb)
{
	(void)sk;
	consume_skb(skb);
}

/**
 * skb_copy_datagram_iter - copy @len bytes at @offset of @skb (head, page
 *	frags, frag_list) to the user's buffers in @msg
 * Return: 0 or -EFAULT.
 */
int skb_copy_datagram_iter(const struct sk_buff *skb, int offset,
			   struct msghdr *msg, int len)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	int start = (int)skb_headlen(skb), copy;
	const struct sk_buff *frag;
	unsigned int i;

	if (offset < 0 || len < 0 || (unsigned int)offset + len > skb->len)
		return -EFAULT;
	copy = start - offset;
	if (copy > 0) {
		if (copy > len)
			copy = len;
		if (memcpy_to_msg(msg, skb->data + offset, copy))
			return -EFAULT;
		if (!(len -= copy))
			return 0;
		offset += copy;
	}
	for (i = 0; i < sh->nr_frags; i++) {
		const skb_frag_t *f = &sh->frags[i];
		int end = start + (int)skb_frag_size(f);

		copy = end - offset;
		if (copy > 0) {
			if (copy > len)
				copy = len;
			if (memcpy_to_msg(msg,
					  (const char *)skb_frag_address(f) +
						  (offset - start),
					  copy))
				return -EFAULT;
			if (!(len -= copy))
				return 0;
			offset += copy;
		}
		start = end;
	}
	skb_walk_frags(skb, frag)
	{
		int end = start + (int)frag->len;

		copy = end - offset;
		if (copy > 0) {
			if (copy > len)
				copy = len;
			if (skb_copy_datagram_iter(frag, offset - start, msg,
						   copy))
				return -EFAULT;
			if (!(len -= copy))
				return 0;
			offset += copy;
		}
		start = end;
	}
	return len ? -EFAULT : 0;
}

int skb_copy_datagram_msg(const struct sk_buff *from, int offset,
			  struct msghdr *msg, int size)
{
	return skb_copy_datagram_iter(from, offset, msg, size);
}

/**
 * datagram_poll - readiness of a datagram socket
 * Readable with a packet queued, writable with send-buffer room; errors
 * (sk_err or a queued IP_RECVERR message) raise EPOLLERR.
 */
unsigned int datagram_poll(struct file *file, struct socket *sock,
			   poll_table *wait)
{
	struct sock *sk = sock->sk;
	unsigned int mask = 0;

	poll_wait(file, sk->sk_wq, wait);
	if (sk->sk_err || !skb_queue_empty(&sk->sk_error_queue))
		mask |= EPOLLERR |
			(sock_flag(sk, SOCK_SELECT_ERR_QUEUE) ? EPOLLPRI : 0);
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (sock_writeable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	else
		sock->flags |= 1UL << SOCK_NOSPACE;
	return mask;
}

int sk_wait_data(struct sock *sk, s64 *timeo)
{
	return sk_wait_event(sk, timeo,
			     !skb_queue_empty(&sk->sk_receive_queue) ||
				     sk->sk_err ||
				     (sk->sk_shutdown & RCV_SHUTDOWN));
}

/* sock_recv_timestamp - SCM_TIMESTAMP(NS) when the socket asked for it */
void sock_recv_timestamp(struct msghdr *msg, struct sock *sk,
			 struct sk_buff *skb)
{
	u64 ns = skb->tstamp;

	if (!sock_flag(sk, SOCK_RCVTSTAMP)) {
		/* unstamped: SIOCGSTAMP reads the clock when asked */
		sk->sk_stamp = ns ? ns : SK_STAMP_UNSTAMPED;
		return;
	}
	if (!ns)
		ns = ktime_get_real_ns(sock_net(sk)->st);
	sk->sk_stamp = ns;
	if (sock_flag(sk, SOCK_RCVTSTAMPNS)) {
		struct timespec ts = {
			.tv_sec = (time_t)(ns / NSEC_PER_SEC),
			.tv_nsec = (long)(ns % NSEC_PER_SEC),
		};

		put_cmsg(msg, SOL_SOCKET,
			 sock_flag(sk, SOCK_TSTAMP_NEW) ? SO_TIMESTAMPNS_NEW
							: SO_TIMESTAMPNS_OLD,
			 sizeof(ts), &ts);
	} else {
		struct timeval tv = {
			.tv_sec = (time_t)(ns / NSEC_PER_SEC),
			.tv_usec = (suseconds_t)((ns % NSEC_PER_SEC) /
						 NSEC_PER_USEC),
		};

		put_cmsg(msg, SOL_SOCKET,
			 sock_flag(sk, SOCK_TSTAMP_NEW) ? SO_TIMESTAMP_NEW
							: SO_TIMESTAMP_OLD,
			 sizeof(tv), &tv);
	}
}
