// SPDX-License-Identifier: BSD-2-Clause
/*
 * What an idle TCP connection costs, and the thread's page frag that
 * keeps it small.  Sends fill the sending thread's page frag (Linux's
 * current->task_frag through sk_page_frag()), not a 32 KiB page per
 * socket: connections that each exchanged a byte hold no page between
 * them, and their heap stays under a bound; the thread's page goes when
 * the thread ends; sockets sending from one thread share its page and
 * their bytes stay exact while one of them frees its skbs and the other
 * still reads from the page.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>

#include "ktest.h"
#include "kstack.h"

#include <net/sock.h>
#include <net/stack.h>
#include <net/tcp.h>

#define PORT 9700

/*
 * Heap bytes an idle connection may hold beyond its two struct tcp_socks
 * (1640 bytes each as this is written): the two struct socket (64) and
 * struct file (48), their fd slots (8, the table grows by doubling), the
 * client's bind bucket (40) and malloc's chunk headers: about 400 bytes.
 * No page, no skb.  A socket's own 32 KiB page frag was 69 KB per
 * connection.  Linux here: 8.28 KB per connection.
 */
#define MEM_BEYOND_SOCKS 512

static struct sockaddr_in addr(void)
{
	return kt_lo_addr(PORT);
}

static int listener(int backlog)
{
	struct sockaddr_in a = addr();
	int l = tn_socket(AF_INET, SOCK_STREAM, 0);

	KT_ASSERT(l >= 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, backlog), 0);
	return l;
}

static void pair(int l, int *c, int *s)
{
	struct sockaddr_in a = addr();

	*c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(*c >= 0);
	KT_EQ(tn_connect(*c, KT_SA(&a), sizeof(a)), 0);
	*s = tn_accept(l, NULL, NULL);
	KT_ASSERT(*s >= 0);
}

static void one_byte(int from, int to)
{
	char b = 'x';

	KT_EQ(tn_send(from, &b, 1, 0), 1);
	b = 0;
	KT_EQ(tn_recv(to, &b, 1, MSG_DONTWAIT), 1);
	KT_EQ(b, 'x');
}

static double heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();

	return (double)mi.uordblks + (double)mi.hblkhd;
}

/* Does mallinfo2 see malloc (not under a sanitizer's allocator)? */
static bool heap_visible(void)
{
	double before = heap_bytes();
	void *p = malloc(1 << 16);
	bool seen;

	KT_ASSERT(p);
	seen = heap_bytes() - before >= (double)(1 << 16);
	free(p);
	return seen;
}

/* Open @n connections on @l, a byte each way, into @fds (2 per conn). */
static void open_idle(struct tn_stack *st, int l, int n, int *fds)
{
	size_t i;

	for (i = 0; i < (size_t)n; i++) {
		int *c = &fds[2 * i], *s = &fds[2 * i + 1];

		pair(l, c, s);
		one_byte(*c, *s);
		one_byte(*s, *c);
	}
	/* the delayed ACKs go: nothing left in flight */
	tn_clock_advance(st, NSEC_PER_SEC);
}

/*
 * Idle connections hold no page: the bytes they sent were acknowledged
 * and read, and the page they came from is the thread's.  The heap per
 * connection is measured between 64 and 320 connections (the skb caches
 * fill during the first ones).
 */
static void test_idle_connections(void)
{
	enum { N0 = 64, N1 = 256 };
	static int fds[2 * (N0 + N1)];
	struct tn_stack *st = kt_stack_lo_up();
	int l = listener(N0 + N1), i;
	long pages0 = page_live_count();
	double heap0, per_conn;

	open_idle(st, l, N0, fds);
	/* the thread's page, at most */
	KT_ASSERT(page_live_count() - pages0 <= 1);
	malloc_trim(0);
	heap0 = heap_bytes();
	open_idle(st, l, N1, &fds[(size_t)2 * N0]);
	KT_ASSERT(page_live_count() - pages0 <= 1);
	per_conn = (heap_bytes() - heap0) / N1;
	printf("  %.0f heap bytes per idle connection, %zu of them two "
	       "tcp_socks\n",
	       per_conn, 2 * sizeof(struct tcp_sock));
	if (heap_visible())
		KT_ASSERT(per_conn - 2.0 * sizeof(struct tcp_sock) <
			  MEM_BEYOND_SOCKS);
	for (i = 0; i < 2 * (N0 + N1); i++)
		tn_close(fds[i]);
	tn_close(l);
	tn_clock_advance(st, 200ULL * NSEC_PER_SEC);
	kt_stack_done(st);
	KT_EQ(page_live_count(), 0);
}

struct sender {
	struct tn_stack *st;
	int fd;
};

static void *send_and_end(void *arg)
{
	struct sender *s = arg;

	tn_stack_attach(s->st);
	KT_EQ(tn_send(s->fd, "abc", 3, 0), 3);
	return NULL;
}

/*
 * A thread's page frag goes with the thread: once it has joined and the
 * receiver has read what it sent, no page is left, though both sockets
 * are still open.
 */
static void test_task_frag_thread_end(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int l = listener(1), c, s;
	struct sender snd = { .st = st };
	pthread_t t;
	char buf[4] = { 0 };

	pair(l, &c, &s);
	KT_EQ(page_live_count(), 0);
	snd.fd = c;
	KT_EQ(pthread_create(&t, NULL, send_and_end, &snd), 0);
	KT_EQ(pthread_join(t, NULL), 0);
	/* the thread is gone; its bytes still hold its page */
	KT_EQ(page_live_count(), 1);
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 3);
	KT_STREQ(buf, "abc");
	tn_clock_advance(st, NSEC_PER_SEC); /* the ACK frees the sender's */
	KT_EQ(page_live_count(), 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 200ULL * NSEC_PER_SEC);
	kt_stack_done(st);
}

/*
 * The same, without the join first: the thread's exit drops its page
 * reference (outside any lock) while this thread reads, and so frees, the
 * skb that holds another.  Nothing orders the two drops but the count's
 * atomicity, which ThreadSanitizer checks (make tsan).
 */
static void test_task_frag_concurrent_exit(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int l = listener(1), c, s, i;
	struct sender snd = { .st = st };
	pthread_t t;
	char buf[4] = { 0 };
	ssize_t n = -1;

	pair(l, &c, &s);
	snd.fd = c;
	KT_EQ(pthread_create(&t, NULL, send_and_end, &snd), 0);
	for (i = 0; i < 1000000 && n < 0; i++) {
		n = tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			KT_EQ(errno, EAGAIN);
			sched_yield();
		}
	}
	KT_EQ(n, 3);
	KT_STREQ(buf, "abc");
	KT_EQ(pthread_join(t, NULL), 0);
	tn_clock_advance(st, NSEC_PER_SEC);
	KT_EQ(page_live_count(), 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 200ULL * NSEC_PER_SEC);
	kt_stack_done(st);
}

/* the first frag page of the first skb on @fd's receive queue */
static struct page *rx_page(struct tn_stack *st, int fd)
{
	struct sock *sk;
	struct sk_buff *skb;
	struct page *page = NULL;

	stack_enter(st);
	sk = sock_from_file(fdget(fd))->sk;
	skb = skb_peek(&sk->sk_receive_queue);
	if (skb && skb_shinfo(skb)->nr_frags)
		page = skb_shinfo(skb)->frags[0].bv_page;
	stack_exit(st);
	return page;
}

static void pattern(unsigned char *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)((size_t)seed * 131 + i * 7 + (i >> 8));
}

/* read exactly @len bytes from @fd and compare them with @want */
static void expect(struct tn_stack *st, int fd, const unsigned char *want,
		   size_t len)
{
	static unsigned char got[1 << 16];
	size_t done = 0;

	KT_ASSERT(len <= sizeof(got));
	while (done < len) {
		ssize_t n = tn_recv(fd, got + done, len - done, MSG_DONTWAIT);

		if (n < 0) {
			KT_EQ(errno, EAGAIN);
			tn_clock_advance(st, NSEC_PER_SEC / 1000);
			continue;
		}
		KT_ASSERT(n > 0);
		done += (size_t)n;
	}
	KT_ASSERT(!memcmp(got, want, len));
}

/*
 * Two sockets sending from one thread fill one page: their receivers'
 * skbs point into the same page, and one page is live.  The first
 * connection then goes away entirely (its skbs freed) while the second
 * still has unread bytes in the page; those stay exact, and so does what
 * both send next, interleaved, across pages.
 */
static void test_shared_frag(void)
{
	enum { BIG = 40000 };
	static unsigned char a[BIG], b[BIG];
	struct tn_stack *st = kt_stack_lo_up();
	int l = listener(2), c1, s1, c2, s2;
	struct page *p1, *p2;

	pair(l, &c1, &s1);
	pair(l, &c2, &s2);
	pattern(a, BIG, 1);
	pattern(b, BIG, 2);
	KT_EQ(tn_send(c1, a, 100, 0), 100);
	KT_EQ(tn_send(c2, b, 100, 0), 100);
	p1 = rx_page(st, s1);
	p2 = rx_page(st, s2);
	KT_ASSERT(p1);
	KT_EQ(p1, p2);
	KT_EQ(page_live_count(), 1);

	/* c1/s1 go, their skbs freed; s2's 100 bytes still in the page */
	expect(st, s1, a, 100);
	tn_close(c1);
	tn_close(s1);
	tn_clock_advance(st, NSEC_PER_SEC);
	KT_EQ(tn_send(c2, b + 100, 300, 0), 300);
	expect(st, s2, b, 400);

	/* interleaved sends of a page and more, read after both */
	pair(l, &c1, &s1);
	KT_EQ(tn_send(c1, a, 20000, 0), 20000);
	KT_EQ(tn_send(c2, b, 30000, 0), 30000);
	KT_EQ(tn_send(c1, a + 20000, BIG - 20000, 0), BIG - 20000);
	KT_EQ(tn_send(c2, b + 30000, BIG - 30000, 0), BIG - 30000);
	expect(st, s2, b, BIG);
	tn_close(c2);
	tn_close(s2);
	tn_clock_advance(st, NSEC_PER_SEC);
	expect(st, s1, a, BIG);
	tn_close(c1);
	tn_close(s1);
	tn_close(l);
	tn_clock_advance(st, 200ULL * NSEC_PER_SEC);
	kt_stack_done(st);
	KT_EQ(page_live_count(), 0);
}

KTEST_MAIN(KT(test_idle_connections), KT(test_task_frag_thread_end),
	   KT(test_task_frag_concurrent_exit), KT(test_shared_frag))
