// SPDX-License-Identifier: BSD-2-Clause
/*
 * Socket ownership (lock_sock/release_sock) and the backlog, with UDP over
 * loopback: a datagram that arrives while the user owns the socket waits on
 * sk_backlog and is queued, in arrival order, by release_sock(); the backlog
 * is bounded by sk_rcvbuf + sk_sndbuf and its drops are counted in sk_drops
 * and UDP's InErrors/RcvbufErrors; release_sock() wakes a task waiting in
 * lock_sock(); sk_wait_event() gives ownership up while asleep.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>

#include <tuxnet/tuxnet.h>

#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sock.h>
#include <net/stack.h>

#include "ktest.h"
#include "kstack.h"

static struct tn_stack *st;

#define SA(p) KT_SA(p)

static void setup(void)
{
	st = kt_stack_lo_up();
}

static void teardown(void)
{
	kt_stack_done(st);
}

/* The struct sock behind @fd (the fd stays open while it is used). */
static struct sock *sk_of(int fd)
{
	struct socket *sock;

	stack_enter(st);
	sock = sock_from_file(fdget(fd));
	stack_exit(st);
	KT_ASSERT(sock);
	return sock->sk;
}

/* lock_sock() as a system call would, then leave the stack still owning. */
static void user_lock(struct sock *sk)
{
	stack_enter(st);
	lock_sock(sk);
	stack_exit(st);
}

static void user_release(struct sock *sk)
{
	stack_enter(st);
	release_sock(sk);
	stack_exit(st);
}

static unsigned int rcvq_len(struct sock *sk)
{
	unsigned int n;

	stack_enter(st);
	n = skb_queue_len(&sk->sk_receive_queue);
	stack_exit(st);
	return n;
}

static unsigned int backlog_len(struct sock *sk)
{
	struct sk_buff *skb;
	unsigned int n = 0;

	stack_enter(st);
	for (skb = sk->sk_backlog.head; skb; skb = skb->next)
		n++;
	stack_exit(st);
	return n;
}

static u64 udp_mib(struct sock *sk, int field)
{
	return (u64)sock_net(sk)->ipv4.udp_statistics->mibs[field];
}

static void test_datagram_while_owned_is_handled_at_release(void)
{
	struct sock *sk;
	char buf[8];
	int rx, tx;

	setup();
	kt_udp_pair(6001, &rx, &tx);
	sk = sk_of(rx);

	KT_EQ(tn_send(tx, "1", 1, 0), 1); /* before: straight to the queue */
	KT_EQ(rcvq_len(sk), 1);
	user_lock(sk);
	KT_ASSERT(sock_owned_by_user(sk));
	KT_EQ(tn_send(tx, "2", 1, 0), 1); /* while owned: the backlog */
	KT_EQ(rcvq_len(sk), 1);
	KT_EQ(backlog_len(sk), 1);
	KT_ASSERT(sk->sk_backlog.len > 0);
	/* Not visible to recv yet: the owner has not let go. */
	KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT), 1);
	KT_EQ(buf[0], '1');
	KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);

	user_release(sk);
	KT_ASSERT(!sock_owned_by_user(sk));
	KT_EQ(backlog_len(sk), 0);
	KT_EQ(sk->sk_backlog.len, 0);
	KT_EQ(rcvq_len(sk), 1);
	KT_EQ(tn_send(tx, "3", 1, 0), 1); /* after: the queue again */
	KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT), 1);
	KT_EQ(buf[0], '2');
	KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT), 1);
	KT_EQ(buf[0], '3');
	KT_EQ(sk->sk_drops, 0);

	/* A backlog left behind by a socket closed while owned is freed
	 * with it (teardown counts the skbs). */
	user_lock(sk);
	KT_EQ(tn_send(tx, "4", 1, 0), 1);
	KT_EQ(backlog_len(sk), 1);
	KT_EQ(tn_close(rx), 0);
	KT_EQ(tn_close(tx), 0);
	teardown();
}

static void test_backlog_is_bounded_and_drops_are_counted(void)
{
	const int sent = 200;
	u64 inerr, rcvbuferr;
	int rx, tx, i, got = 0, last = -1, small = 1;
	unsigned char buf[64] = { 0 };
	struct sock *sk;
	int limit;

	setup();
	kt_udp_pair(6002, &rx, &tx);
	sk = sk_of(rx);
	/* The minimums: 2304 + 4608 bytes of backlog and receive memory. */
	KT_EQ(tn_setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)),
	      0);
	KT_EQ(tn_setsockopt(rx, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)),
	      0);
	limit = sk->sk_rcvbuf + sk->sk_sndbuf;
	inerr = udp_mib(sk, UDP_MIB_INERRORS);
	rcvbuferr = udp_mib(sk, UDP_MIB_RCVBUFERRORS);

	user_lock(sk);
	for (i = 0; i < sent; i++) {
		buf[0] = (unsigned char)i;
		KT_EQ(tn_send(tx, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	}
	KT_ASSERT(backlog_len(sk) > 1);
	KT_ASSERT(backlog_len(sk) < (unsigned int)sent);
	KT_ASSERT(sk->sk_drops > 0);
	/* One skb may cross the limit (the test is before adding), no more. */
	KT_ASSERT(sk->sk_backlog.len <=
		  limit + (int)sk->sk_backlog.tail->truesize);
	KT_EQ(udp_mib(sk, UDP_MIB_INERRORS) - inerr, (u64)sk->sk_drops);
	KT_EQ(udp_mib(sk, UDP_MIB_RCVBUFERRORS) - rcvbuferr, (u64)sk->sk_drops);
	KT_EQ(rcvq_len(sk), 0);

	user_release(sk);
	while (tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT) == sizeof(buf)) {
		KT_ASSERT((int)buf[0] > last); /* in order */
		last = buf[0];
		got++;
	}
	KT_EQ(errno, EAGAIN);
	KT_ASSERT(got > 0);
	/* Each one was received or dropped and counted, at the backlog or
	 * when the backlog met a full receive buffer. */
	KT_EQ(got + sk->sk_drops, sent);
	KT_EQ(udp_mib(sk, UDP_MIB_INERRORS) - inerr, (u64)sk->sk_drops);
	tn_close(rx);
	tn_close(tx);
	teardown();
}

struct locker {
	struct sock *sk;
	int owned; /* set once lock_sock() returned */
};

static void *locker_fn(void *arg)
{
	struct locker *l = arg;

	tn_stack_attach(st);
	stack_enter(st);
	lock_sock(l->sk);
	l->owned = 1;
	release_sock(l->sk);
	stack_exit(st);
	return NULL;
}

static void test_release_sock_wakes_a_waiter(void)
{
	struct locker l = { 0 };
	bool waiting = false;
	pthread_t th;
	int rx, tx;

	setup();
	kt_udp_pair(6003, &rx, &tx);
	l.sk = sk_of(rx);
	user_lock(l.sk);
	pthread_create(&th, NULL, locker_fn, &l);
	while (!waiting) {
		stack_enter(st);
		waiting = waitqueue_active(&l.sk->sk_lock.wq);
		stack_exit(st);
		sched_yield();
	}
	stack_enter(st);
	KT_EQ(l.owned, 0);
	stack_exit(st);
	user_release(l.sk);
	pthread_join(th, NULL);
	KT_EQ(l.owned, 1);
	KT_ASSERT(!sock_owned_by_user(l.sk));
	tn_close(rx);
	tn_close(tx);
	teardown();
}

struct sleeper {
	struct sock *sk;
	int rc;
	int owned_after;
};

/* Owns the socket and waits for data in sk_wait_data(), as a protocol's
 * recvmsg under lock_sock() would. */
static void *sleeper_fn(void *arg)
{
	struct sleeper *s = arg;
	s64 timeo = MAX_SCHEDULE_TIMEOUT;

	tn_stack_attach(st);
	stack_enter(st);
	lock_sock(s->sk);
	s->rc = sk_wait_data(s->sk, &timeo);
	s->owned_after = sock_owned_by_user(s->sk);
	release_sock(s->sk);
	stack_exit(st);
	return NULL;
}

static void test_sk_wait_event_gives_up_ownership_while_asleep(void)
{
	struct sleeper s = { 0 };
	bool asleep = false;
	pthread_t th;
	int rx, tx;

	setup();
	kt_udp_pair(6004, &rx, &tx);
	s.sk = sk_of(rx);
	pthread_create(&th, NULL, sleeper_fn, &s);
	while (!asleep) {
		stack_enter(st);
		asleep = waitqueue_active(s.sk->sk_wq) &&
			 !sock_owned_by_user(s.sk);
		stack_exit(st);
		sched_yield();
	}
	/* Not owned while it sleeps: the datagram goes to the queue and
	 * wakes it, and it owns the socket again when it looks. */
	KT_EQ(tn_send(tx, "x", 1, 0), 1);
	pthread_join(th, NULL);
	KT_EQ(s.rc, 1);
	KT_EQ(s.owned_after, 1);
	KT_EQ(backlog_len(s.sk), 0);
	KT_EQ(rcvq_len(s.sk), 1);
	tn_close(rx);
	tn_close(tx);
	teardown();
}

KTEST_MAIN(KT(test_datagram_while_owned_is_handled_at_release),
	   KT(test_backlog_is_bounded_and_drops_are_counted),
	   KT(test_release_sock_wakes_a_waiter),
	   KT(test_sk_wait_event_gives_up_ownership_while_asleep))
