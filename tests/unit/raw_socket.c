// SPDX-License-Identifier: BSD-2-Clause
/*
 * Raw IPv4 sockets over loopback: they see every packet of their protocol
 * with its IP header, ICMP_FILTER drops types, IP_HDRINCL sends the
 * caller's header (tot_len, id and checksum filled in), and without it the
 * stack adds one; /proc/net/raw.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/icmp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"

static struct tn_stack *st;

#define SA(p) ((struct sockaddr *)(void *)(p))

static void setup(void)
{
	struct ifreq ifr;
	int fd;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	tn_close(fd);
}

static void teardown(void)
{
	struct tn_stack_stats s;

	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	tn_stack_destroy(st);
}

static struct sockaddr_in sin4(const char *a, int port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
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

static void send_echo(int fd, uint16_t seq)
{
	struct sockaddr_in to = sin4("127.0.0.1", 0);
	unsigned char req[12] = { ICMP_ECHO, 0, 0, 0, 0x12, 0x34 };

	req[7] = (unsigned char)seq;
	memcpy(req + 8, "ping", 4);
	{
		uint16_t c = csum(req, sizeof(req));

		memcpy(req + 2, &c, 2);
	}
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, SA(&to), sizeof(to)), 12);
}

static void test_raw_icmp_sees_echo_and_reply(void)
{
	struct sockaddr_in from;
	socklen_t alen = sizeof(from);
	unsigned char buf[128];
	struct icmp_filter filt = { .data = 1U << ICMP_ECHO };
	int a, b, n;

	setup();
	a = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	b = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	KT_ASSERT(a >= 0 && b >= 0);
	KT_EQ(tn_setsockopt(b, SOL_RAW, ICMP_FILTER, &filt, sizeof(filt)), 0);
	send_echo(a, 1);

	/* a: our request, then the stack's reply, IP header included */
	n = (int)tn_recvfrom(a, buf, sizeof(buf), MSG_DONTWAIT, SA(&from),
			     &alen);
	KT_EQ(n, 20 + 12);
	KT_EQ(buf[0], 0x45);
	KT_EQ(buf[9], IPPROTO_ICMP);
	KT_EQ(buf[20], ICMP_ECHO);
	KT_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	KT_EQ(from.sin_port, 0);
	KT_EQ(tn_ioctl(a, FIONREAD, &n), 0);
	KT_EQ(n, 32);
	n = (int)tn_recv(a, buf, sizeof(buf), MSG_DONTWAIT);
	KT_EQ(n, 32);
	KT_EQ(buf[20], ICMP_ECHOREPLY);
	KT_ASSERT(memcmp(buf + 28, "ping", 4) == 0);
	KT_EQ(tn_recv(a, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);

	/* b filters echo requests out: only the reply */
	KT_EQ(tn_recv(b, buf, sizeof(buf), MSG_DONTWAIT), 32);
	KT_EQ(buf[20], ICMP_ECHOREPLY);
	KT_EQ(tn_recv(b, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	{
		struct icmp_filter got;
		socklen_t len = sizeof(got);

		KT_EQ(tn_getsockopt(b, SOL_RAW, ICMP_FILTER, &got, &len), 0);
		KT_EQ(got.data, filt.data);
	}
	tn_close(a);
	tn_close(b);
	teardown();
}

static void test_raw_hdrincl_to_udp(void)
{
	struct sockaddr_in to = sin4("127.0.0.1", 0),
			   bnd = sin4("0.0.0.0", 5005), from;
	socklen_t alen = sizeof(from);
	unsigned char pkt[20 + 8 + 4], buf[64];
	int raw, u, rudp;

	setup();
	u = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(tn_bind(u, SA(&bnd), sizeof(bnd)), 0);
	rudp = tn_socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	raw = tn_socket(AF_INET, SOCK_RAW, IPPROTO_RAW);

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x45;
	pkt[8] = 9;
	pkt[9] = IPPROTO_UDP;
	/* saddr 0: the stack fills it; tot_len, id, check too */
	inet_pton(AF_INET, "127.0.0.1", pkt + 16);
	pkt[20] = 0x11;
	pkt[21] = 0x5c; /* sport 4444 */
	pkt[22] = 0x13;
	pkt[23] = 0x8d; /* dport 5005 */
	pkt[25] = 12; /* len; checksum 0: none */
	memcpy(pkt + 28, "raw!", 4);
	KT_EQ(tn_sendto(raw, pkt, sizeof(pkt), 0, SA(&to), sizeof(to)),
	      (long)sizeof(pkt));

	KT_EQ(tn_recvfrom(u, buf, sizeof(buf), MSG_DONTWAIT, SA(&from), &alen),
	      4);
	KT_ASSERT(memcmp(buf, "raw!", 4) == 0);
	KT_EQ(ntohs(from.sin_port), 4444);
	KT_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	/* the raw UDP socket got a copy, header as completed by the stack */
	KT_EQ(tn_recv(rudp, buf, sizeof(buf), MSG_DONTWAIT), 32);
	KT_EQ(buf[2] << 8 | buf[3], 32);
	KT_EQ(buf[8], 9);
	KT_EQ(csum(buf, 20), 0);
	KT_EQ(buf[12], 127);

	/* a bad ihl is refused */
	pkt[0] = 0x4f;
	KT_EQ(tn_sendto(raw, pkt, sizeof(pkt), 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_sendto(raw, pkt, 10, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EINVAL);

	/* without IP_HDRINCL the stack builds the IP header */
	memcpy(buf, pkt + 20, 12);
	KT_EQ(tn_sendto(rudp, buf, 12, 0, SA(&to), sizeof(to)), 12);
	KT_EQ(tn_recv(u, buf, sizeof(buf), MSG_DONTWAIT), 4);
	KT_EQ(tn_recv(rudp, buf, sizeof(buf), MSG_DONTWAIT), 32);
	KT_EQ(buf[8], 64);
	tn_close(raw);
	tn_close(rudp);
	tn_close(u);
	teardown();
}

static void test_raw_proc(void)
{
	char buf[1024], *line;
	unsigned long ino;
	unsigned int uid;
	int a, fd, timeout, pos;
	ssize_t n;

	setup();
	a = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	fd = tn_open("/proc/net/raw", O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	tn_close(fd);
	/* uid is the creator's, inode the socket's (as ls -i /proc/PID/fd) */
	line = strchr(buf, '\n') + 1;
	KT_EQ(sscanf(line + 76, "%u %d %lu %n", &uid, &timeout, &ino, &pos), 3);
	KT_EQ(uid, (unsigned int)geteuid());
	KT_EQ(timeout, 0);
	KT_ASSERT(ino != 0);
	line[76] = '\0';
	KT_STREQ(
		buf,
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
		"   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000 ");
	KT_STREQ(line + 76 + pos, "2 0000000000000000 0\n");
	tn_close(a);
	teardown();
}

/*
 * The length checks of a raw send, as Linux: an ICMP message needs its
 * type and code (fewer than 2 bytes: EFAULT, before any routing); an
 * IP_HDRINCL header needs 20 bytes, 5 <= ihl and ihl * 4 <= the length,
 * and nothing else of it is checked (version, tot_len are the caller's).
 */
static void test_raw_send_lengths(void)
{
	static const struct {
		unsigned char vihl;
		size_t len;
		int err;
	} cases[] = {
		{ 0x40, 40, EINVAL }, { 0x41, 40, EINVAL },
		{ 0x44, 40, EINVAL }, { 0x45, 40, 0 },
		{ 0x4a, 40, 0 },      { 0x4b, 40, EINVAL },
		{ 0x4f, 60, 0 },      { 0x4f, 59, EINVAL },
		{ 0x45, 0, EINVAL },  { 0x45, 19, EINVAL },
		{ 0x45, 20, 0 },      { 0x65, 40, 0 },
	};
	struct sockaddr_in to = sin4("127.0.0.1", 0),
			   nowhere = sin4("10.9.9.9", 0);
	unsigned char pkt[64];
	size_t i;
	int raw, icmp, udp;

	setup();
	icmp = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	udp = tn_socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 8; /* echo request */
	KT_EQ(tn_sendto(icmp, pkt, 0, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EFAULT);
	KT_EQ(tn_sendto(icmp, pkt, 1, 0, SA(&to), sizeof(to)), -1);
	KT_EQ(errno, EFAULT);
	/* before the route: no ENETUNREACH for an unroutable address */
	KT_EQ(tn_sendto(icmp, pkt, 1, 0, SA(&nowhere), sizeof(nowhere)), -1);
	KT_EQ(errno, EFAULT);
	KT_EQ(tn_sendto(icmp, pkt, 3, 0, SA(&nowhere), sizeof(nowhere)), -1);
	KT_EQ(errno, ENETUNREACH);
	KT_EQ(tn_sendto(icmp, pkt, 8, 0, SA(&to), sizeof(to)), 8);
	/* other protocols may send nothing at all */
	KT_EQ(tn_sendto(udp, pkt, 0, 0, SA(&to), sizeof(to)), 0);

	raw = tn_socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(pkt, 0, sizeof(pkt));
		pkt[0] = cases[i].vihl;
		pkt[8] = 64;
		pkt[9] = 253; /* experimental: nobody listens */
		inet_pton(AF_INET, "127.0.0.1", pkt + 16);
		if (cases[i].err) {
			KT_EQ(tn_sendto(raw, pkt, cases[i].len, 0, SA(&to),
					sizeof(to)),
			      -1);
			KT_EQ(errno, cases[i].err);
		} else {
			KT_EQ(tn_sendto(raw, pkt, cases[i].len, 0, SA(&to),
					sizeof(to)),
			      (long)cases[i].len);
		}
	}
	/* a tot_len that lies is corrected, not refused */
	pkt[0] = 0x45;
	pkt[2] = pkt[3] = 0xff;
	KT_EQ(tn_sendto(raw, pkt, 40, 0, SA(&to), sizeof(to)), 40);
	tn_close(raw);
	tn_close(udp);
	tn_close(icmp);
	teardown();
}

KTEST_MAIN(KT(test_raw_icmp_sees_echo_and_reply), KT(test_raw_hdrincl_to_udp),
	   KT(test_raw_proc), KT(test_raw_send_lengths))
