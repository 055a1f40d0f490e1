// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Linux backend (--kernel): the script runs against the host's kernel
 * as upstream packetdrill runs it.  The calling process (one per script:
 * main.c forks) moves into a fresh network namespace, where tun0 is a real
 * tun device (IFF_TUN | IFF_NO_PI | IFF_VNET_HDR) with the local address on it and a
 * default route through it; inbound packets are written to its fd,
 * outbound ones are seen by a packet socket on tun0 that stamps each with
 * the time the kernel sent it.  As upstream packetdrill's, the device is
 * like a typical Ethernet card (checksum offload and TSO: the kernel hands
 * it TSO super-segments, with the TCP checksum left to the device, which
 * the runner completes) and every inbound TCP packet goes in as a GSO
 * packet of --mss segments (IFF_VNET_HDR), so that the kernel measures the
 * peer's MSS as --mss.  System calls are libc's, sysctls go to the
 * namespace's /proc/sys, shell lines run through sh with the host's ip,
 * tc, ethtool and nstat.  Needs root (CAP_NET_ADMIN for unshare and tun).
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <net/ethernet.h>
#include <linux/virtio_net.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "pd.h"

#define TUN_NAME "tun0"
/* a reader that falls this far behind drops (a runaway kernel) */
#define MAX_QUEUED 100000
/* a tun read: the vnet header and the largest IP packet */
#define VNET_HDR sizeof(struct virtio_net_hdr)
#define READ_MAX (VNET_HDR + 65536)
/* a call that should not block but still runs after this has blocked */
#define INLINE_LIMIT_S 2

struct pd_dut {
	int tun; /* written; read only to drain it (O_NONBLOCK) */
	int psock; /* the packet socket that sees what tun0 sends */
	uint8_t *drain;
	uint64_t real_offset; /* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
	pthread_t reader;
	pthread_mutex_t lock;
	pthread_cond_t arrived; /* a packet was queued */
	struct pd_sniffed *head, **tail; /* under @lock */
	size_t queued;
	uint64_t base; /* CLOCK_MONOTONIC at the script's time 0 */
	char history[256]; /* nstat's history file, one per script */
};

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/*
 * The transport checksum the device would have computed (a packet socket
 * sees it before the device, TP_STATUS_CSUMNOTREADY): over the pseudo
 * header and the segment, from scratch.
 */
static void finish_csum(uint8_t *pkt, size_t len)
{
	size_t ihl = (size_t)(pkt[0] & 15) * 4, at, i;
	uint32_t sum = 0;
	uint16_t c;

	if (len < ihl + 8 || (pkt[9] != IPPROTO_TCP && pkt[9] != IPPROTO_UDP))
		return;
	at = ihl + (pkt[9] == IPPROTO_TCP ? 16 : 6);
	if (at + 2 > len)
		return;
	pkt[at] = pkt[at + 1] = 0;
	for (i = 12; i < 20; i += 2) /* source and destination */
		sum += (uint32_t)pkt[i] << 8 | pkt[i + 1];
	sum += pkt[9] + (uint32_t)(len - ihl);
	for (i = ihl; i + 1 < len; i += 2)
		sum += (uint32_t)pkt[i] << 8 | pkt[i + 1];
	if (i < len)
		sum += (uint32_t)pkt[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	c = (uint16_t)~sum;
	if (c == 0 && pkt[9] == IPPROTO_UDP)
		c = 0xffff;
	pkt[at] = (uint8_t)(c >> 8);
	pkt[at + 1] = (uint8_t)c;
}

static void enqueue(struct pd_dut *d, const uint8_t *pkt, size_t len,
		    uint64_t t)
{
	struct pd_sniffed *p = malloc(sizeof(*p) + len);

	if (!p)
		return;
	memcpy(p->data, pkt, len);
	p->len = len;
	p->next = NULL;
	pthread_mutex_lock(&d->lock);
	p->ns = t > d->base ? t - d->base : 0;
	if (d->queued < MAX_QUEUED) {
		*d->tail = p;
		d->tail = &p->next;
		d->queued++;
		p = NULL;
	}
	pthread_cond_broadcast(&d->arrived);
	pthread_mutex_unlock(&d->lock);
	free(p);
}

/* The kernel's time stamp of a packet (CLOCK_REALTIME) on our clock. */
static uint64_t stamp_of(struct pd_dut *d, struct msghdr *m)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_TIMESTAMPNS) {
			struct timespec ts;

			memcpy(&ts, CMSG_DATA(c), sizeof(ts));
			return (uint64_t)ts.tv_sec * 1000000000ULL +
			       (uint64_t)ts.tv_nsec - d->real_offset;
		}
	}
	return mono_ns();
}

static bool csum_not_ready(struct msghdr *m)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		if (c->cmsg_level == SOL_PACKET &&
		    c->cmsg_type == PACKET_AUXDATA) {
			struct tpacket_auxdata aux;

			memcpy(&aux, CMSG_DATA(c), sizeof(aux));
			return aux.tp_status & TP_STATUS_CSUMNOTREADY;
		}
	}
	return false;
}

/*
 * What tun0 sends, as upstream packetdrill sees it: through a packet
 * socket, each packet with the time the kernel handed it to the device
 * (a thread of ours would stamp it when it got to run, milliseconds later
 * on a busy machine).  The tun fd itself is only drained.
 */
static void *reader_main(void *arg)
{
	struct pd_dut *d = arg;
	uint8_t *buf = malloc(READ_MAX);
	union {
		char buf[CMSG_SPACE(sizeof(struct timespec)) +
			 CMSG_SPACE(sizeof(struct tpacket_auxdata)) + 64];
		struct cmsghdr align;
	} ctl;

	if (!buf)
		return NULL;
	for (;;) {
		struct sockaddr_ll from;
		struct iovec iov = { buf, READ_MAX };
		struct msghdr m = { .msg_name = &from,
				    .msg_namelen = sizeof(from),
				    .msg_iov = &iov,
				    .msg_iovlen = 1,
				    .msg_control = ctl.buf,
				    .msg_controllen = sizeof(ctl.buf) };
		ssize_t n = recvmsg(d->psock, &m, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		while (read(d->tun, d->drain, READ_MAX) > 0)
			;
		/* ours, IPv4 (the script speaks no IPv6) */
		if (from.sll_pkttype != PACKET_OUTGOING || n < 20 ||
		    (buf[0] >> 4) != 4)
			continue;
		if (csum_not_ready(&m))
			finish_csum(buf, (size_t)n);
		enqueue(d, buf, (size_t)n, stamp_of(d, &m));
	}
	free(buf);
	return NULL;
}

/* A packet socket on tun0 that time-stamps what it sees. */
static int sniffer_open(char *err, size_t errlen)
{
	struct sockaddr_ll sll;
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_ALL));
	int one = 1, big = 8 << 20;

	if (fd < 0) {
		(void)snprintf(err, errlen, "packet socket: %s",
			       strerror(errno));
		return -1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)if_nametoindex(TUN_NAME);
	if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		(void)snprintf(err, errlen, "packet socket on %s: %s", TUN_NAME,
			       strerror(errno));
		close(fd);
		return -1;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big));
	return fd;
}

static int write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	close(fd);
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int run(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int st;

	va_start(ap, fmt);
	(void)vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int tun_open(char *err, size_t errlen)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		(void)snprintf(err, errlen, "/dev/net/tun: %s",
			       strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI | IFF_VNET_HDR;
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", TUN_NAME);
	if (ioctl(fd, TUNSETIFF, &ifr)) {
		(void)snprintf(err, errlen, "TUNSETIFF %s: %s", TUN_NAME,
			       strerror(errno));
		close(fd);
		return -1;
	}
	if (ioctl(fd, TUNSETOFFLOAD,
		  TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN)) {
		(void)snprintf(err, errlen, "TUNSETOFFLOAD: %s",
			       strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static volatile sig_atomic_t alarm_fired;

static void on_alarm(int sig)
{
	(void)sig;
	alarm_fired = 1;
}

static void on_signal(int sig)
{
	(void)sig; /* only to end a blocked call with EINTR */
}

static struct pd_dut *k_create(const struct pd_config *cfg, char *err,
			       size_t errlen)
{
	struct pd_dut *d = calloc(1, sizeof(*d));
	struct sigaction sa;

	if (!d) {
		(void)snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->tun = d->psock = -1;
	d->tail = &d->head;
	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->arrived, NULL);
	if (unshare(CLONE_NEWNET)) {
		(void)snprintf(
			err, errlen,
			"unshare(CLONE_NEWNET): %s (--kernel needs root)",
			strerror(errno));
		goto fail;
	}
	/* no IPv6 on tun0: its solicitations are not the script's packets */
	(void)write_file("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1");
	(void)write_file("/proc/sys/net/ipv6/conf/all/disable_ipv6", "1");
	d->tun = tun_open(err, errlen);
	d->drain = malloc(READ_MAX);
	if (d->tun < 0 || !d->drain)
		goto fail;
	if (run("ip link set dev lo up && "
		"ip addr add %s/16 dev %s && "
		"ip link set dev %s mtu %d up && "
		"ip route add default dev %s",
		cfg->local_ip, TUN_NAME, TUN_NAME, cfg->mtu, TUN_NAME)) {
		(void)snprintf(err, errlen, "cannot configure %s with %s",
			       TUN_NAME, cfg->local_ip);
		goto fail;
	}
	/* nstat -n / nstat: a history of this script's own */
	(void)snprintf(d->history, sizeof(d->history),
		       "%s/tuxnet-packetdrill-nstat.%d",
		       getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir,
		       (int)getpid());
	(void)setenv("NSTAT_HISTORY", d->history, 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART */
	(void)sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_alarm;
	(void)sigaction(SIGALRM, &sa, NULL);
	/* a write on a shut down socket fails with EPIPE, as the script says */
	(void)signal(SIGPIPE, SIG_IGN);
	d->psock = sniffer_open(err, errlen);
	if (d->psock < 0)
		goto fail;
	{
		struct timespec rt;
		uint64_t m0 = mono_ns();

		clock_gettime(CLOCK_REALTIME, &rt);
		d->real_offset = (uint64_t)rt.tv_sec * 1000000000ULL +
				 (uint64_t)rt.tv_nsec - m0;
	}
	d->base = mono_ns();
	if (pthread_create(&d->reader, NULL, reader_main, d)) {
		(void)snprintf(err, errlen, "cannot start a thread");
		goto fail;
	}
	return d;
fail:
	if (d->tun >= 0)
		close(d->tun);
	if (d->psock >= 0)
		close(d->psock);
	free(d->drain);
	free(d);
	return NULL;
}

/*
 * The namespace, tun0 and every socket go with the process (one per
 * script); the reader may be inside read(), so it is not joined.
 */
static void k_destroy(struct pd_dut *d)
{
	if (d && d->history[0])
		(void)unlink(d->history);
}

static void k_start_clock(struct pd_dut *d)
{
	pthread_mutex_lock(&d->lock);
	d->base = mono_ns();
	pthread_mutex_unlock(&d->lock);
}

static void k_attach(struct pd_dut *d)
{
	(void)d; /* threads share the namespace they were made in */
}

static uint64_t k_now(struct pd_dut *d)
{
	uint64_t t = mono_ns();

	return t > d->base ? t - d->base : 0;
}

/* The real clock moves by itself: look again every millisecond. */
static bool k_next_timer(struct pd_dut *d, uint64_t *ns)
{
	*ns = k_now(d) + 1000000;
	return true;
}

static void k_advance(struct pd_dut *d, uint64_t ns, bool until_packet)
{
	uint64_t abs = d->base + ns;
	struct timespec ts = { .tv_sec = (time_t)(abs / 1000000000ULL),
			       .tv_nsec = (long)(abs % 1000000000ULL) };

	if (!until_packet) {
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
				       NULL) == EINTR)
			;
		return;
	}
	pthread_mutex_lock(&d->lock);
	while (!d->head && mono_ns() < abs)
		if (pthread_cond_timedwait(&d->arrived, &d->lock, &ts) ==
		    ETIMEDOUT)
			break;
	pthread_mutex_unlock(&d->lock);
}

static int k_inject(struct pd_dut *d, const uint8_t *pkt, size_t len,
		    unsigned int gso_size)
{
	struct virtio_net_hdr vh;
	struct iovec iov[2];
	ssize_t n;

	memset(&vh, 0, sizeof(vh));
	if (gso_size && len >= 40 && pkt[9] == IPPROTO_TCP) {
		vh.gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
		vh.gso_size = (uint16_t)gso_size;
	}
	iov[0].iov_base = &vh;
	iov[0].iov_len = sizeof(vh);
	iov[1].iov_base = (void *)pkt;
	iov[1].iov_len = len;
	n = writev(d->tun, iov, 2);
	if (n < 0)
		return -errno;
	return n == (ssize_t)(sizeof(vh) + len) ? 0 : -EIO;
}

static struct pd_sniffed *k_pop(struct pd_dut *d)
{
	struct pd_sniffed *p;

	pthread_mutex_lock(&d->lock);
	p = d->head;
	if (p) {
		d->head = p->next;
		if (!d->head)
			d->tail = &d->head;
		d->queued--;
	}
	pthread_mutex_unlock(&d->lock);
	return p;
}

static bool k_pending(struct pd_dut *d)
{
	bool r;

	pthread_mutex_lock(&d->lock);
	r = d->head != NULL;
	pthread_mutex_unlock(&d->lock);
	return r;
}

/* The thread sleeps in the kernel (state S), as upstream packetdrill sees it. */
static bool k_blocked(struct pd_dut *d, pid_t tid)
{
	char path[64], buf[512], *paren;
	ssize_t n;
	int fd;

	(void)d;
	if (tid <= 0)
		return false;
	(void)snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' && paren[2] == 'S';
}

/*
 * A call that should not block runs on the main thread, no thread to
 * schedule in between (a busy machine delays that by milliseconds); one
 * that blocks anyway is ended by an alarm, as the loop would end it.
 */
static int k_call_inline(struct pd_dut *d, void (*fn)(void *), void *arg)
{
	struct itimerval it = { .it_value = { .tv_sec = INLINE_LIMIT_S } };
	struct itimerval off = { 0 };

	(void)d;
	alarm_fired = 0;
	(void)setitimer(ITIMER_REAL, &it, NULL);
	fn(arg);
	(void)setitimer(ITIMER_REAL, &off, NULL);
	return alarm_fired ? -1 : 0;
}

static void k_interrupt(struct pd_dut *d, pthread_t thread)
{
	(void)d;
	(void)pthread_kill(thread, SIGUSR1);
}

static int k_system(struct pd_dut *d, const char *cmd)
{
	int st;

	(void)d;
	(void)fflush(NULL);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int k_fcntl(int fd, int cmd, long arg)
{
	return fcntl(fd, cmd, arg);
}

static int k_ioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg);
}

static int k_open(const char *path, int flags)
{
	return open(path, flags | O_CLOEXEC);
}

const struct pd_backend pd_backend_kernel = {
	.name = "kernel",
	.create = k_create,
	.destroy = k_destroy,
	.start_clock = k_start_clock,
	.attach = k_attach,
	.now = k_now,
	.next_timer = k_next_timer,
	.advance = k_advance,
	.inject = k_inject,
	.pop = k_pop,
	.pending = k_pending,
	.blocked = k_blocked,
	.call_inline = k_call_inline,
	.interrupt = k_interrupt,
	.system = k_system,
	.socket = socket,
	.bind = bind,
	.listen = listen,
	.accept = accept,
	.connect = connect,
	.read = read,
	.write = write,
	.send = send,
	.recv = recv,
	.sendto = sendto,
	.recvfrom = recvfrom,
	.sendmsg = sendmsg,
	.recvmsg = recvmsg,
	.close = close,
	.shutdown = shutdown,
	.fcntl = k_fcntl,
	.ioctl = k_ioctl,
	.getsockopt = getsockopt,
	.setsockopt = setsockopt,
	.poll = poll,
	.epoll_create1 = epoll_create1,
	.epoll_ctl = epoll_ctl,
	.epoll_wait = epoll_wait,
	.open = k_open,
};
