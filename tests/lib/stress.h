/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sixteen threads over shared sockets, through the public tn_* API only,
 * so that the same run works in the library (tests/unit/stress_threads.c)
 * and through tuxnetd (daemon_client stress, tests/tools/daemon_stress.sh).
 *
 *   8 receivers, two per receiving socket, one of three kinds: a blocking
 *     recv(), poll() then recv(MSG_DONTWAIT), or epoll_wait() then the same;
 *   6 senders, three per sending socket, each sending STRESS_SENDS numbered
 *     datagrams round the receiving sockets;
 *   2 that churn: one makes a socket, the other sleeps in recv() on it,
 *     the first closes it under the sleeper and sends to its port.
 *
 * The calling thread waits for the senders, then for every datagram to be
 * received or counted dropped (UDP RcvbufErrors, lo's rx drops), then shuts
 * the receiving sockets down from its own thread, which ends the
 * receivers' calls.  No sleep and no timeout: every wait ends on an event.
 * Checked: no datagram lost beyond the counted drops, none received twice
 * or damaged, every call's result what Linux gives, every fd closed.
 * Include after the tn_* declarations; returns the number of failures.
 */
#ifndef TUXNET_TESTS_STRESS_H
#define TUXNET_TESTS_STRESS_H

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#ifndef STRESS_SENDS
#define STRESS_SENDS 1500 /* datagrams per sender */
#endif
#define STRESS_RX_SOCKS	  4
#define STRESS_RX_THREADS 8
#define STRESS_TX_SOCKS	  2
#define STRESS_TX_THREADS 6
#define STRESS_CHURN	  200 /* sockets closed under a sleeper */
#define STRESS_MAGIC	  0x7e57da7aU

struct stress_msg {
	uint32_t magic;
	uint32_t sender;
	uint32_t seq;
	uint32_t check; /* sender * 2654435761 ^ seq */
};

struct stress {
	uint16_t port; /* receiving sockets: port .. port + 3 */
	int rx[STRESS_RX_SOCKS], tx[STRESS_TX_SOCKS];
	pthread_barrier_t start;
	atomic_long sent, received, failures;
	atomic_uchar seen[STRESS_TX_THREADS][STRESS_SENDS];
	/* churn */
	sem_t ready, done;
	int churn_fd;
	atomic_long churn_got, churn_ebadf;
};

struct stress_arg {
	struct stress *s;
	int id;
};

#define STRESS_FAIL(s, ...)                              \
	do {                                             \
		fprintf(stderr, "stress: " __VA_ARGS__); \
		atomic_fetch_add(&(s)->failures, 1);     \
	} while (0)

static inline struct sockaddr_in stress_addr(uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static inline uint32_t stress_check(uint32_t sender, uint32_t seq)
{
	return (sender * 2654435761U) ^ seq;
}

/* One datagram in: well formed, and not seen before. */
static inline void stress_got(struct stress *s, const void *buf, ssize_t n)
{
	struct stress_msg m;

	if (n != (ssize_t)sizeof(m)) {
		STRESS_FAIL(s, "datagram of %zd bytes\n", n);
		return;
	}
	memcpy(&m, buf, sizeof(m));
	if (m.magic != STRESS_MAGIC || m.sender >= STRESS_TX_THREADS ||
	    m.seq >= STRESS_SENDS || m.check != stress_check(m.sender, m.seq)) {
		STRESS_FAIL(s, "damaged datagram\n");
		return;
	}
	if (atomic_exchange(&s->seen[m.sender][m.seq], 1))
		STRESS_FAIL(s, "datagram %u/%u twice\n", m.sender, m.seq);
	atomic_fetch_add(&s->received, 1);
}

/*
 * Drain @fd without blocking.  Return: 1 when done: empty and shut down
 * (@rdhup: poll said so; as on Linux a recv(MSG_DONTWAIT) then says
 * EAGAIN, only a blocking one 0), or a failure.
 */
static inline int stress_drain(struct stress *s, int fd, bool rdhup)
{
	char buf[64];

	for (;;) {
		ssize_t n = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n > 0) {
			stress_got(s, buf, n);
			continue;
		}
		if (n < 0 && errno == EAGAIN)
			return rdhup;
		STRESS_FAIL(s, "recv(MSG_DONTWAIT): %zd %s\n", n,
			    strerror(errno));
		return 1;
	}
}

static inline void *stress_receiver(void *arg)
{
	struct stress_arg *a = arg;
	struct stress *s = a->s;
	int fd = s->rx[a->id / 2], kind = a->id % 3, epfd = -1;
	char buf[64];

	if (kind == 2) {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP };

		epfd = tn_epoll_create1(0);
		if (epfd < 0 || tn_epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev)) {
			STRESS_FAIL(s, "epoll: %s\n", strerror(errno));
			kind = 0;
		}
	}
	pthread_barrier_wait(&s->start);
	for (;;) {
		if (kind == 0) { /* a blocking recv() */
			ssize_t n = tn_recv(fd, buf, sizeof(buf), 0);

			if (n > 0) {
				stress_got(s, buf, n);
				continue;
			}
			if (n < 0)
				STRESS_FAIL(s, "recv: %s\n", strerror(errno));
			break; /* 0: shut down */
		} else if (kind == 1) {
			struct pollfd p = { .fd = fd,
					    .events = POLLIN | POLLRDHUP };

			if (tn_poll(&p, 1, -1) != 1) {
				STRESS_FAIL(s, "poll: %s\n", strerror(errno));
				break;
			}
			if (stress_drain(s, fd, p.revents & POLLRDHUP))
				break;
		} else {
			struct epoll_event ev[4];
			int n = tn_epoll_wait(epfd, ev, 4, -1);

			if (n != 1 || ev[0].data.u64 != 0) {
				STRESS_FAIL(s, "epoll_wait: %d %s\n", n,
					    strerror(errno));
				break;
			}
			if (stress_drain(s, fd, ev[0].events & EPOLLRDHUP))
				break;
		}
	}
	if (epfd >= 0 && tn_close(epfd))
		STRESS_FAIL(s, "close(epfd): %s\n", strerror(errno));
	return NULL;
}

static inline void *stress_sender(void *arg)
{
	struct stress_arg *a = arg;
	struct stress *s = a->s;
	int fd = s->tx[a->id % STRESS_TX_SOCKS];
	uint32_t seq;

	pthread_barrier_wait(&s->start);
	for (seq = 0; seq < STRESS_SENDS; seq++) {
		struct stress_msg m = { STRESS_MAGIC, (uint32_t)a->id, seq,
					stress_check((uint32_t)a->id, seq) };
		struct sockaddr_in to = stress_addr(
			(uint16_t)(s->port +
				   (seq + (uint32_t)a->id) % STRESS_RX_SOCKS));

		if (tn_sendto(fd, &m, sizeof(m), 0, (struct sockaddr *)&to,
			      sizeof(to)) != (ssize_t)sizeof(m)) {
			STRESS_FAIL(s, "sendto: %s\n", strerror(errno));
			break;
		}
		atomic_fetch_add(&s->sent, 1);
	}
	return NULL;
}

/*
 * Makes a socket, lets the other sleep in recv() on it, closes it, then
 * sends to its port.  A sleeper holds the file, so the socket lives and
 * the datagram wakes it; one that came too late gets EBADF.
 */
static inline void *stress_churn_closer(void *arg)
{
	struct stress_arg *a = arg;
	struct stress *s = a->s;
	int tx = tn_socket(AF_INET, SOCK_DGRAM, 0), i, j;

	pthread_barrier_wait(&s->start);
	for (i = 0; i < STRESS_CHURN; i++) {
		struct sockaddr_in any = stress_addr(0), to;
		socklen_t len = sizeof(to);
		int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
		char c = 'x';

		if (fd < 0 ||
		    tn_bind(fd, (struct sockaddr *)&any, sizeof(any)) ||
		    tn_getsockname(fd, (struct sockaddr *)&to, &len)) {
			STRESS_FAIL(s, "churn socket: %s\n", strerror(errno));
			break;
		}
		s->churn_fd = fd;
		sem_post(&s->ready);
		for (j = 0; j < i % 4; j++)
			sched_yield(); /* mostly, the other is asleep by now */
		if (tn_close(fd))
			STRESS_FAIL(s, "churn close: %s\n", strerror(errno));
		if (tn_sendto(tx, &c, 1, 0, (struct sockaddr *)&to,
			      sizeof(to)) != 1)
			STRESS_FAIL(s, "churn sendto: %s\n", strerror(errno));
		sem_wait(&s->done); /* no fd reuse under the other's feet */
	}
	s->churn_fd = -1;
	sem_post(&s->ready);
	if (tx < 0 || tn_close(tx))
		STRESS_FAIL(s, "churn close(tx)\n");
	return NULL;
}

static inline void *stress_churn_sleeper(void *arg)
{
	struct stress_arg *a = arg;
	struct stress *s = a->s;

	pthread_barrier_wait(&s->start);
	for (;;) {
		char c;
		ssize_t n;
		int fd;

		sem_wait(&s->ready);
		fd = s->churn_fd;
		if (fd < 0)
			break;
		n = tn_recv(fd, &c, 1, 0);
		if (n == 1 && c == 'x')
			atomic_fetch_add(&s->churn_got, 1);
		else if (n < 0 && errno == EBADF)
			atomic_fetch_add(&s->churn_ebadf, 1);
		else
			STRESS_FAIL(s, "churn recv: %zd %s\n", n,
				    strerror(errno));
		sem_post(&s->done);
	}
	return NULL;
}

/* A counter from a /proc file: @row's line after @hdr's, column @col. */
static inline long stress_proc_field(const char *path, const char *row,
				     const char *col)
{
	char buf[8192], *hdr, *val, *save1, *save2, *h, *v;
	ssize_t n;
	int fd = tn_open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	hdr = strstr(buf, row);
	if (!hdr)
		return -1;
	val = strstr(hdr + 1, row);
	if (!val)
		return -1;
	*strchr(hdr, '\n') = 0;
	if (strchr(val, '\n'))
		*strchr(val, '\n') = 0;
	for (h = strtok_r(hdr, " ", &save1), v = strtok_r(val, " ", &save2);
	     h && v;
	     h = strtok_r(NULL, " ", &save1), v = strtok_r(NULL, " ", &save2))
		if (!strcmp(h, col))
			return atol(v);
	return -1;
}

/* lo's rx drops in /proc/net/dev (the backlog's, as Linux counts them). */
static inline long stress_lo_drops(void)
{
	char buf[4096], *lo;
	long f[4];
	ssize_t n;
	int fd = tn_open("/proc/net/dev", O_RDONLY);

	if (fd < 0)
		return -1;
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	lo = strstr(buf, "lo:");
	if (!lo ||
	    sscanf(lo + 3, "%ld %ld %ld %ld", &f[0], &f[1], &f[2], &f[3]) != 4)
		return -1;
	return f[3];
}

static inline long stress_drops(void)
{
	long rcvbuf =
		stress_proc_field("/proc/net/snmp", "Udp:", "RcvbufErrors");
	long lo = stress_lo_drops();

	return rcvbuf < 0 || lo < 0 ? -1 : rcvbuf + lo;
}

/* stress_run - the whole run from the calling thread; failures counted */
static inline long stress_run(uint16_t port)
{
	enum { NR = STRESS_RX_THREADS + STRESS_TX_THREADS + 2 };
	struct stress *s = calloc(1, sizeof(*s));
	struct stress_arg args[NR];
	pthread_t th[NR];
	long drops0, drops = 0, failures, spins;
	int i;

	if (!s)
		return 1;
	s->port = port;
	pthread_barrier_init(&s->start, NULL, NR);
	sem_init(&s->ready, 0, 0);
	sem_init(&s->done, 0, 0);
	drops0 = stress_drops();
	if (drops0 < 0)
		STRESS_FAIL(s, "no drop counters\n");
	for (i = 0; i < STRESS_RX_SOCKS; i++) {
		struct sockaddr_in a = stress_addr((uint16_t)(port + i));

		s->rx[i] = tn_socket(AF_INET, SOCK_DGRAM, 0);
		if (s->rx[i] < 0 ||
		    tn_bind(s->rx[i], (struct sockaddr *)&a, sizeof(a)))
			STRESS_FAIL(s, "bind %u: %s\n", port + i,
				    strerror(errno));
	}
	for (i = 0; i < STRESS_TX_SOCKS; i++) {
		s->tx[i] = tn_socket(AF_INET, SOCK_DGRAM, 0);
		if (s->tx[i] < 0)
			STRESS_FAIL(s, "socket: %s\n", strerror(errno));
	}
	for (i = 0; i < NR; i++) {
		void *(*fn)(void *) =
			i < STRESS_RX_THREADS ? stress_receiver
			: i < STRESS_RX_THREADS + STRESS_TX_THREADS
				? stress_sender
			: i == NR - 2 ? stress_churn_closer
				      : stress_churn_sleeper;

		args[i].s = s;
		args[i].id = i < STRESS_RX_THREADS ? i : i - STRESS_RX_THREADS;
		if (pthread_create(&th[i], NULL, fn, &args[i])) {
			fprintf(stderr, "stress: pthread_create\n");
			exit(1);
		}
	}
	/* The senders and the churn first. */
	for (i = STRESS_RX_THREADS; i < NR; i++)
		pthread_join(th[i], NULL);
	/*
	 * Every datagram sent is now queued, received or dropped; wait for
	 * the receivers to take what is queued.  Each look at the counters
	 * is a call, which also runs any receive work left over.
	 */
	for (spins = 0; spins < 100000; spins++) {
		drops = stress_drops() - drops0;
		if (atomic_load(&s->received) + drops >= atomic_load(&s->sent))
			break;
		sched_yield();
	}
	if (atomic_load(&s->received) + drops != atomic_load(&s->sent))
		STRESS_FAIL(s, "sent %ld, received %ld, dropped %ld\n",
			    atomic_load(&s->sent), atomic_load(&s->received),
			    drops);
	if (atomic_load(&s->sent) != STRESS_TX_THREADS * STRESS_SENDS)
		STRESS_FAIL(s, "sent only %ld\n", atomic_load(&s->sent));
	if (atomic_load(&s->churn_got) + atomic_load(&s->churn_ebadf) !=
	    STRESS_CHURN)
		STRESS_FAIL(s, "churn: %ld got, %ld EBADF\n",
			    atomic_load(&s->churn_got),
			    atomic_load(&s->churn_ebadf));
	/* Shut down from here: the sleepers' calls end with 0. */
	for (i = 0; i < STRESS_RX_SOCKS; i++)
		if (tn_shutdown(s->rx[i], SHUT_RD) && errno != ENOTCONN)
			STRESS_FAIL(s, "shutdown: %s\n", strerror(errno));
	for (i = 0; i < STRESS_RX_THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < STRESS_RX_SOCKS; i++)
		if (tn_close(s->rx[i]))
			STRESS_FAIL(s, "close: %s\n", strerror(errno));
	for (i = 0; i < STRESS_TX_SOCKS; i++)
		if (tn_close(s->tx[i]))
			STRESS_FAIL(s, "close: %s\n", strerror(errno));
	/* Every fd of the run is closed (the epoll ones by their threads). */
	for (i = 3; i < 64; i++)
		if (tn_fcntl(i, F_GETFD, 0) != -1 || errno != EBADF)
			STRESS_FAIL(s, "fd %d still open\n", i);
	printf("stress: %ld sent, %ld received, %ld dropped (counted); "
	       "churn: %ld received, %ld EBADF\n",
	       atomic_load(&s->sent), atomic_load(&s->received), drops,
	       atomic_load(&s->churn_got), atomic_load(&s->churn_ebadf));
	failures = atomic_load(&s->failures);
	pthread_barrier_destroy(&s->start);
	sem_destroy(&s->ready);
	sem_destroy(&s->done);
	free(s);
	return failures;
}

#endif /* TUXNET_TESTS_STRESS_H */
