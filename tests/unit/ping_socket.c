// SPDX-License-Identifier: BSD-2-Clause
/*
 * ICMP datagram ("ping") sockets over loopback: the echo round trip with
 * the stack's identifier, the EINVAL/EDESTADDRREQ cases, and the errors
 * iputils ping reads from MSG_ERRQUEUE: an ICMP time exceeded (forged with
 * a raw IP_HDRINCL socket, quoting our request) and a local EMSGSIZE with
 * the MTU.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"

static struct tn_stack *st;

#define SA(p) ((struct sockaddr *)(void *)(p))

static void lo_set(int mtu)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (mtu) {
		ifr.ifr_mtu = mtu;
		KT_EQ(tn_ioctl(fd, SIOCSIFMTU, &ifr), 0);
	} else {
		KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
		ifr.ifr_flags |= IFF_UP;
		KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	}
	tn_close(fd);
}

static void set_group_range(const char *range)
{
	int fd = tn_open("/proc/sys/net/ipv4/ping_group_range", O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, range, strlen(range)), (ssize_t)strlen(range));
	tn_close(fd);
}

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	lo_set(0);
	set_group_range("0 2147483647\n"); /* everyone may open them */
}

static void teardown(void)
{
	struct tn_stack_stats s;

	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	tn_stack_destroy(st);
}

static struct sockaddr_in lo_addr(const char *a)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, a, &sin.sin_addr);
	return sin;
}

static uint16_t csum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

static int ping_socket(uint16_t *id)
{
	struct sockaddr_in name;
	socklen_t alen = sizeof(name);
	int fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);

	KT_ASSERT(fd >= 0);
	name = lo_addr("0.0.0.0");
	KT_EQ(tn_bind(fd, SA(&name), sizeof(name)), 0);
	KT_EQ(tn_getsockname(fd, SA(&name), &alen), 0);
	KT_ASSERT(name.sin_port != 0);
	*id = name.sin_port;
	return fd;
}

static void test_ping_echo(void)
{
	struct sockaddr_in to = lo_addr("127.0.0.1"), from;
	unsigned char req[16], buf[64], cbuf[128];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr msg = { .msg_name = &from,
			      .msg_namelen = sizeof(from),
			      .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct icmphdr *h = (struct icmphdr *)(void *)req, r;
	struct cmsghdr *c;
	int fd, one = 1, ttl;
	uint16_t id;

	setup();
	fd = ping_socket(&id);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_RECVTTL, &one, sizeof(one)), 0);
	memset(req, 0, sizeof(req));
	h->type = ICMP_ECHO;
	h->un.echo.id = htons(0x4242); /* replaced by the socket's */
	h->un.echo.sequence = htons(7);
	memcpy(req + 8, "abcdefgh", 8);
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, SA(&to), sizeof(to)), 16);

	KT_EQ(tn_recvmsg(fd, &msg, MSG_DONTWAIT), 16);
	memcpy(&r, buf, sizeof(r));
	KT_EQ(r.type, ICMP_ECHOREPLY);
	KT_EQ(r.code, 0);
	KT_EQ(r.un.echo.id, id);
	KT_EQ(ntohs(r.un.echo.sequence), 7);
	KT_ASSERT(memcmp(buf + 8, "abcdefgh", 8) == 0);
	KT_EQ(csum(buf, 16), 0);
	KT_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	c = CMSG_FIRSTHDR(&msg);
	KT_ASSERT(c && c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL);
	memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
	KT_EQ(ttl, 64);
	tn_close(fd);
	teardown();
}

static void test_ping_send_errors(void)
{
	struct sockaddr_in to = lo_addr("127.0.0.1");
	unsigned char req[8] = { ICMP_ECHO };
	int fd;
	uint16_t id;

	setup();
	fd = ping_socket(&id);
	KT_EQ(tn_sendto(fd, req, 7, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EINVAL);
	req[0] = ICMP_ECHOREPLY;
	KT_EQ(tn_sendto(fd, req, 8, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EINVAL);
	req[0] = ICMP_ECHO;
	req[1] = 1;
	KT_EQ(tn_sendto(fd, req, 8, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EINVAL);
	req[1] = 0;
	KT_EQ(tn_send(fd, req, 8, 0), -1);
	KT_EQ(errno, EDESTADDRREQ);
	to.sin_family = AF_INET6;
	KT_EQ(tn_sendto(fd, req, 8, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EAFNOSUPPORT);
	tn_close(fd);
	teardown();
}

/* Echo requests come from no broadcast or multicast address. */
static void test_ping_bind_addresses(void)
{
	static const struct {
		const char *addr;
		int err;
	} cases[] = {
		{ "255.255.255.255", EADDRNOTAVAIL },
		{ "224.0.0.1", EADDRNOTAVAIL },
		{ "239.1.2.3", EADDRNOTAVAIL },
		{ "127.255.255.255", EADDRNOTAVAIL }, /* lo's broadcast */
		{ "10.9.9.9", EADDRNOTAVAIL },
		{ "127.0.0.1", 0 },
		{ "0.0.0.0", 0 },
	};
	struct sockaddr_in sin;
	size_t i;
	int fd, one = 1;

	setup();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
		KT_ASSERT(fd >= 0);
		sin = lo_addr(cases[i].addr);
		KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)),
		      cases[i].err ? -1 : 0);
		if (cases[i].err)
			KT_EQ(errno, cases[i].err);
		tn_close(fd);
	}
	/* IP_FREEBIND lets a foreign address in, never a multicast one */
	fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_FREEBIND, &one, sizeof(one)), 0);
	sin = lo_addr("224.0.0.1");
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), -1);
	KT_EQ(errno, EADDRNOTAVAIL);
	sin = lo_addr("10.9.9.9");
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), 0);
	tn_close(fd);
	teardown();
}

/* A gid neither the process's effective one nor a supplementary one. */
static gid_t foreign_gid(void)
{
	gid_t groups[256], g = getegid() + 1;
	int n = getgroups(256, groups), i;

	for (i = 0; i < n; i++)
		if (groups[i] == g) {
			g++;
			i = -1;
		}
	return g;
}

/*
 * net.ipv4.ping_group_range: the caller's effective group or one of its
 * supplementary groups must be in it; "1 0" (the default) lets nobody in,
 * root included.  A daemon client's task has its peer's credentials.
 */
static void test_ping_group_range(void)
{
	char range[64];
	gid_t me = getegid(), other = foreign_gid();
	struct tn_task *task;
	int fd;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), -1);
	KT_EQ(errno, EACCES);
	/* raw sockets are still there */
	fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	KT_ASSERT(fd >= 0);
	tn_close(fd);

	snprintf(range, sizeof(range), "%u %u", (unsigned)me, (unsigned)me);
	set_group_range(range);
	fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	KT_ASSERT(fd >= 0);
	tn_close(fd);
	snprintf(range, sizeof(range), "%u %u", (unsigned)other,
		 (unsigned)other);
	set_group_range(range);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), -1);
	KT_EQ(errno, EACCES);

	/* a task acting as another group, as the daemon makes them */
	task = tn_task_create(st);
	KT_ASSERT(task);
	KT_EQ(tn_task_set_cred(task, getuid(), other), 0);
	tn_task_attach(task);
	fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	KT_ASSERT(fd >= 0);
	tn_close(fd);
	snprintf(range, sizeof(range), "%u %u", (unsigned)me, (unsigned)me);
	set_group_range(range);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), -1);
	KT_EQ(errno, EACCES);
	tn_task_attach(NULL);
	tn_task_destroy(task);

	/* the process's group is read at each call: setegid() counts */
	if (geteuid() == 0) {
		snprintf(range, sizeof(range), "%u %u", (unsigned)other,
			 (unsigned)other);
		set_group_range(range);
		KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), -1);
		KT_EQ(errno, EACCES);
		KT_EQ(setegid(other), 0);
		fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
		KT_EQ(setegid(me), 0);
		KT_ASSERT(fd >= 0);
		tn_close(fd);
	}
	teardown();
}

/* Read one MSG_ERRQUEUE entry: its payload, error and offender. */
static int read_err(int fd, unsigned char *buf, size_t len,
		    struct sock_extended_err *ee, struct sockaddr_in *off)
{
	unsigned char cbuf[256];
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	int n;

	n = (int)tn_recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
	if (n < 0)
		return n;
	KT_ASSERT(msg.msg_flags & MSG_ERRQUEUE);
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) {
			memcpy(ee, CMSG_DATA(c), sizeof(*ee));
			memcpy(off, CMSG_DATA(c) + sizeof(*ee), sizeof(*off));
			return n;
		}
	}
	KT_ASSERT(!"no IP_RECVERR cmsg");
	return -1;
}

static void test_ping_time_exceeded(void)
{
	struct sockaddr_in to = lo_addr("127.0.0.1"), off;
	unsigned char pkt[20 + 8 + 20 + 8], buf[64];
	struct sock_extended_err ee;
	int fd, raw, one = 1;
	uint16_t id;

	setup();
	fd = ping_socket(&id);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_RECVERR, &one, sizeof(one)), 0);
	raw = tn_socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	KT_ASSERT(raw >= 0);

	/* "router" 127.0.0.2 says our echo to 10.0.0.9 ran out of TTL */
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x45;
	pkt[8] = 64;
	pkt[9] = IPPROTO_ICMP;
	inet_pton(AF_INET, "127.0.0.2", pkt + 12);
	inet_pton(AF_INET, "127.0.0.1", pkt + 16);
	pkt[20] = ICMP_TIME_EXCEEDED;
	pkt[21] = ICMP_EXC_TTL;
	pkt[28] = 0x45;
	pkt[30] = 0;
	pkt[31] = 28;
	pkt[36] = 1;
	pkt[37] = IPPROTO_ICMP;
	inet_pton(AF_INET, "127.0.0.1", pkt + 40);
	inet_pton(AF_INET, "10.0.0.9", pkt + 44);
	{
		uint16_t c = csum(pkt + 28, 20);

		memcpy(pkt + 38, &c, 2);
	}
	pkt[48] = ICMP_ECHO;
	memcpy(pkt + 52, &id, 2);
	pkt[55] = 1;
	{
		uint16_t c = csum(pkt + 20, sizeof(pkt) - 20);

		memcpy(pkt + 22, &c, 2);
	}
	KT_EQ(tn_sendto(raw, pkt, sizeof(pkt), 0, SA(&to), sizeof(to)),
	      (long)sizeof(pkt));

	/* the error is pending on the socket (read first: reading the
	 * queue clears it, as Linux) */
	KT_EQ(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EHOSTUNREACH);
	KT_EQ(read_err(fd, buf, sizeof(buf), &ee, &off), 8);
	KT_EQ(buf[0], ICMP_ECHO);
	KT_EQ(ee.ee_origin, SO_EE_ORIGIN_ICMP);
	KT_EQ(ee.ee_type, ICMP_TIME_EXCEEDED);
	KT_EQ(ee.ee_code, ICMP_EXC_TTL);
	KT_EQ(ee.ee_errno, EHOSTUNREACH);
	KT_EQ(off.sin_family, AF_INET);
	KT_EQ(ntohl(off.sin_addr.s_addr), 0x7f000002);
	tn_close(raw);
	tn_close(fd);
	teardown();
}

static void test_ping_local_emsgsize(void)
{
	struct sockaddr_in to = lo_addr("127.0.0.1"), off;
	static unsigned char req[1500];
	struct sock_extended_err ee;
	unsigned char buf[64];
	int fd, one = 1, pmtu = IP_PMTUDISC_DO;
	uint16_t id;

	setup();
	lo_set(1400);
	fd = ping_socket(&id);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_RECVERR, &one, sizeof(one)), 0);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MTU_DISCOVER, &pmtu, sizeof(pmtu)),
	      0);
	req[0] = ICMP_ECHO;
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EMSGSIZE);
	KT_EQ(read_err(fd, buf, sizeof(buf), &ee, &off), 0);
	KT_EQ(ee.ee_origin, SO_EE_ORIGIN_LOCAL);
	KT_EQ(ee.ee_errno, EMSGSIZE);
	KT_EQ(ee.ee_info, 1400);
	KT_EQ(off.sin_family, 0);
	/* nothing else queued */
	KT_EQ(read_err(fd, buf, sizeof(buf), &ee, &off), -1);
	KT_EQ(errno, EAGAIN);
	tn_close(fd);
	teardown();
}

KTEST_MAIN(KT(test_ping_echo), KT(test_ping_send_errors),
	   KT(test_ping_bind_addresses), KT(test_ping_group_range),
	   KT(test_ping_time_exceeded), KT(test_ping_local_emsgsize))
