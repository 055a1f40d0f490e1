// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_sockopt: the socket API with hostile arguments.  The input is a
 * sequence of records, each one call on one of eight sockets in netns "a"
 * (a UDP socket bound to 7777, a second UDP socket, raw ICMP, raw
 * IPPROTO_RAW (IP_HDRINCL), raw UDP, raw protocol 253, a ping socket, and
 * a UDP socket that records may close and reopen):
 *
 *   u8 op      low 3 bits: 0 setsockopt, 1 getsockopt, 2 ioctl,
 *              3 sendmsg, 4 recvmsg, 5 bind, 6 connect, 7 close/reopen;
 *              high 5 bits: the socket (mod 8)
 *   u8 sel     what: an option from the table of those tuxnet knows
 *              (beyond the table: level and name from the data), an
 *              ioctl, an address, send or receive flags
 *   u8 len     bytes of data that follow (fewer if the input ends)
 *   data       the option value, ioctl argument, or message (for
 *              getsockopt: name, length, 0xff for a negative length, then
 *              the buffer's first bytes); for
 *              sendmsg, u8 namelen-selector, u8 controllen, control
 *              bytes (raw cmsgs), then the payload; with IP_HDRINCL the
 *              payload is the whole IP packet
 *
 * Every call is non-blocking (MSG_DONTWAIT, and sockets are O_NONBLOCK).
 * A fresh stack per input (harness topology: veth0 10.0.0.1/24 in "a",
 * veth1 10.0.0.2/24 in "b" with a UDP socket on 5555), so ioctls that
 * change devices cannot leak into the next input.  Oracle: no crash or
 * sanitizer report; once the sockets are closed and time has run past
 * every timeout, no socket is left and the live skb count is back at its
 * baseline.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <net/if_arp.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/icmp.h>
#include <linux/route.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <net/net_namespace.h>
#include <net/stack.h>
#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

#ifndef SOL_RAW
#define SOL_RAW 255
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef IP_PROTOCOL
#define IP_PROTOCOL 52
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif
#ifndef MSG_PROBE
#define MSG_PROBE 0x10
#endif
#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

#define NSOCK	 8
#define MAX_RECS 64

static const struct {
	int level, name;
} opts[] = {
	{ SOL_SOCKET, SO_DEBUG },
	{ SOL_SOCKET, SO_REUSEADDR },
	{ SOL_SOCKET, SO_REUSEPORT },
	{ SOL_SOCKET, SO_TYPE },
	{ SOL_SOCKET, SO_PROTOCOL },
	{ SOL_SOCKET, SO_DOMAIN },
	{ SOL_SOCKET, SO_ERROR },
	{ SOL_SOCKET, SO_DONTROUTE },
	{ SOL_SOCKET, SO_BROADCAST },
	{ SOL_SOCKET, SO_SNDBUF },
	{ SOL_SOCKET, SO_RCVBUF },
	{ SOL_SOCKET, SO_SNDBUFFORCE },
	{ SOL_SOCKET, SO_RCVBUFFORCE },
	{ SOL_SOCKET, SO_KEEPALIVE },
	{ SOL_SOCKET, SO_OOBINLINE },
	{ SOL_SOCKET, SO_NO_CHECK },
	{ SOL_SOCKET, SO_PRIORITY },
	{ SOL_SOCKET, SO_LINGER },
	{ SOL_SOCKET, SO_PASSCRED },
	{ SOL_SOCKET, SO_RCVLOWAT },
	{ SOL_SOCKET, SO_SNDLOWAT },
	{ SOL_SOCKET, 20 /* RCVTIMEO */ },
	{ SOL_SOCKET, 21 /* SNDTIMEO */ },
	{ SOL_SOCKET, 66 /* _NEW */ },
	{ SOL_SOCKET, 67 },
	{ SOL_SOCKET, SO_BINDTODEVICE },
	{ SOL_SOCKET, 29 /* TIMESTAMP */ },
	{ SOL_SOCKET, 35 /* TIMESTAMPNS */ },
	{ SOL_SOCKET, 63 /* TIMESTAMP_NEW */ },
	{ SOL_SOCKET, 64 /* TIMESTAMPNS_NEW */ },
	{ SOL_SOCKET, SO_MARK },
	{ SOL_SOCKET, SO_RXQ_OVFL },
	{ SOL_SOCKET, SO_PEEK_OFF },
	{ SOL_SOCKET, SO_SELECT_ERR_QUEUE },
	{ SOL_SOCKET, SO_NETNS_COOKIE },
	{ SOL_SOCKET, SO_PASSSEC },
	{ SOL_SOCKET, SO_ACCEPTCONN },
	{ SOL_IP, IP_TOS },
	{ SOL_IP, IP_TTL },
	{ SOL_IP, IP_HDRINCL },
	{ SOL_IP, IP_OPTIONS },
	{ SOL_IP, IP_RECVOPTS },
	{ SOL_IP, IP_RETOPTS },
	{ SOL_IP, IP_PKTINFO },
	{ SOL_IP, IP_MTU_DISCOVER },
	{ SOL_IP, IP_RECVERR },
	{ SOL_IP, IP_RECVTTL },
	{ SOL_IP, IP_RECVTOS },
	{ SOL_IP, IP_MTU },
	{ SOL_IP, IP_FREEBIND },
	{ SOL_IP, IP_PASSSEC },
	{ SOL_IP, IP_TRANSPARENT },
	{ SOL_IP, IP_MINTTL },
	{ SOL_IP, IP_NODEFRAG },
	{ SOL_IP, IP_CHECKSUM },
	{ SOL_IP, IP_BIND_ADDRESS_NO_PORT },
	{ SOL_IP, IP_RECVFRAGSIZE },
	{ SOL_IP, IP_RECVERR_RFC4884 },
	{ SOL_IP, IP_MULTICAST_IF },
	{ SOL_IP, IP_MULTICAST_TTL },
	{ SOL_IP, IP_MULTICAST_LOOP },
	{ SOL_IP, IP_MULTICAST_ALL },
	{ SOL_IP, IP_UNICAST_IF },
	{ SOL_IP, IP_ROUTER_ALERT },
	{ SOL_IP, IP_RECVORIGDSTADDR },
	{ SOL_IP, IP_PROTOCOL },
	{ SOL_IP, IP_ADD_MEMBERSHIP },
	{ SOL_RAW, ICMP_FILTER },
	{ SOL_UDP, UDP_CORK },
	{ SOL_UDP, UDP_SEGMENT },
	{ SOL_UDP, UDP_GRO },
	{ SOL_IP, IP_DROP_MEMBERSHIP },
	{ SOL_IP, IP_ADD_SOURCE_MEMBERSHIP },
	{ SOL_IP, IP_DROP_SOURCE_MEMBERSHIP },
	{ SOL_IP, IP_BLOCK_SOURCE },
	{ SOL_IP, IP_UNBLOCK_SOURCE },
	{ SOL_IP, IP_MSFILTER },
	{ SOL_IP, MCAST_JOIN_GROUP },
	{ SOL_IP, MCAST_LEAVE_GROUP },
	{ SOL_IP, MCAST_MSFILTER },
};
#define NOPTS (sizeof(opts) / sizeof(opts[0]))

static const unsigned long ioctls[] = {
	FIONREAD,	SIOCOUTQ,	SIOCGSTAMP,	SIOCGSTAMPNS,
	FIONBIO,	FIOASYNC,	SIOCGIFCONF,	SIOCGIFFLAGS,
	SIOCSIFFLAGS,	SIOCGIFADDR,	SIOCSIFADDR,	SIOCGIFNETMASK,
	SIOCSIFNETMASK, SIOCGIFBRDADDR, SIOCSIFBRDADDR, SIOCGIFDSTADDR,
	SIOCSIFDSTADDR, SIOCGIFMTU,	SIOCSIFMTU,	SIOCGIFINDEX,
	SIOCGIFNAME,	SIOCGIFHWADDR,	SIOCSIFHWADDR,	SIOCGIFTXQLEN,
	SIOCSIFTXQLEN,	SIOCGIFMETRIC,	SIOCGIFMAP,	SIOCADDRT,
	SIOCDELRT,	SIOCRTMSG,	SIOCDIFADDR,	SIOCGARP,
	SIOCSARP,	SIOCDARP,	SIOCSIFNAME,	SIOCGIFCOUNT,
};
#define NIOCTLS (sizeof(ioctls) / sizeof(ioctls[0]))

/* Addresses a record may name: host order. */
static const uint32_t addrs[] = {
	0x0a000002u, /* the peer */
	0x0a000001u, /* ourselves */
	0x7f000001u, /* lo */
	0x0a0000ffu, /* subnet broadcast */
	0xffffffffu, /* limited broadcast */
	0xe0000001u, /* all-hosts multicast */
	0x0a00004du, /* nobody (ARP never resolves) */
	0x00000000u, /* any */
	0x08080808u, /* unroutable */
};
#define NADDRS (sizeof(addrs) / sizeof(addrs[0]))

static struct fuzz_env e;
static int socks[NSOCK], peer;
static int verbose;

static int open_sock(int i)
{
	static const int kinds[NSOCK][2] = {
		{ SOCK_DGRAM, 0 },
		{ SOCK_DGRAM, 0 },
		{ SOCK_RAW, IPPROTO_ICMP },
		{ SOCK_RAW, IPPROTO_RAW },
		{ SOCK_RAW, IPPROTO_UDP },
		{ SOCK_RAW, 253 },
		{ SOCK_DGRAM, IPPROTO_ICMP },
		{ SOCK_DGRAM, IPPROTO_UDP },
	};
	int fd = tn_socket(AF_INET, kinds[i][0] | SOCK_NONBLOCK, kinds[i][1]);

	if (fd >= 0 && i == 0) {
		struct sockaddr_in sin = { .sin_family = AF_INET,
					   .sin_port = htons(FUZZ_UDP_PORT) };

		tn_bind(fd, (struct sockaddr *)&sin, sizeof(sin));
	}
	return fd;
}

static void make_addr(struct sockaddr_in *sin, uint8_t sel, const uint8_t *d,
		      size_t n)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = (sel & 0x80) ? AF_UNSPEC : AF_INET;
	sin->sin_addr.s_addr = htonl(addrs[(sel & 0x7f) % NADDRS]);
	sin->sin_port = htons(n >= 2 ? (uint16_t)(d[0] << 8 | d[1])
				     : (uint16_t)(5555 + (sel & 3)));
}

static void do_setsockopt(int fd, uint8_t sel, const uint8_t *d, size_t n)
{
	int level, name;

	if (sel < NOPTS) {
		level = opts[sel].level;
		name = opts[sel].name;
	} else {
		static const int levels[] = { SOL_SOCKET, SOL_IP, SOL_RAW,
					      SOL_UDP };

		level = levels[sel & 3];
		name = n ? d[0] : sel;
		/* (sel & 4): the level itself from the data */
		if ((sel & 4) && n >= 2)
			level = d[1] == 0xff ? -1 : d[1];
		if (n) {
			d++;
			n--;
		}
	}
	tn_setsockopt(fd, level, name, n ? d : NULL, (socklen_t)n);
}

static void do_getsockopt(int fd, uint8_t sel, const uint8_t *d, size_t n)
{
	uint8_t buf[512];
	socklen_t len;
	int level, name;

	if (sel < NOPTS) {
		level = opts[sel].level;
		name = opts[sel].name;
	} else {
		level = (sel & 1) ? SOL_IP : SOL_SOCKET;
		name = n ? d[0] : sel;
	}
	/* the length asked: at most the buffer, or a negative one */
	len = n >= 2 ? (socklen_t)(d[1] % 300) : (socklen_t)sizeof(int);
	if (n >= 3 && d[2] == 0xff)
		len = (socklen_t)-4;
	memset(buf, 0xa5, sizeof(buf));
	/* what follows is the buffer's input (IP_MSFILTER, MCAST_MSFILTER) */
	if (n > 3)
		memcpy(buf, d + 3, n - 3 < sizeof(buf) ? n - 3 : sizeof(buf));
	tn_getsockopt(fd, level, name, buf, &len);
	if (len > sizeof(buf) && len != (socklen_t)-4)
		abort(); /* reported more than the buffer held */
}

static void do_ioctl(int fd, uint8_t sel, const uint8_t *d, size_t n)
{
	union {
		struct ifreq ifr;
		struct ifconf ifc;
		struct rtentry rt;
		struct arpreq arp;
		int i;
		uint8_t b[256];
	} arg;
	static uint8_t ifcbuf[1024];
	char dev[IFNAMSIZ];
	unsigned long req = ioctls[sel % NIOCTLS];

	memset(&arg, 0, sizeof(arg));
	memcpy(arg.b, d, n < sizeof(arg.b) ? n : sizeof(arg.b));
	/* Pointers in the argument point into memory of ours, as a caller's
	 * would: the kernel would fault on anything else. */
	switch (req) {
	case SIOCGIFCONF:
		arg.ifc.ifc_len = arg.ifc.ifc_len % (int)(sizeof(ifcbuf) + 1);
		arg.ifc.ifc_buf = (sel & 0x80) ? NULL : (char *)ifcbuf;
		break;
	case SIOCADDRT:
	case SIOCDELRT:
		memset(dev, 0, sizeof(dev));
		if (n >= 100 + sizeof(dev))
			memcpy(dev, d + 100, sizeof(dev));
		else
			strcpy(dev, "veth0");
		if (n)
			dev[d[0] % IFNAMSIZ] = 0;
		arg.rt.rt_dev = (sel & 0x80) ? NULL : dev;
		break;
	default:
		break;
	}
	tn_ioctl(fd, req, &arg);
}

static void do_sendmsg(int fd, uint8_t sel, const uint8_t *d, size_t n)
{
	static uint8_t payload[70000];
	uint8_t cbuf[256] __attribute__((aligned(8)));
	struct sockaddr_storage ss; /* a short sin and room behind it */
	struct sockaddr_in sin;
	struct iovec iov[2];
	struct msghdr msg;
	size_t clen = 0, plen, i;
	uint8_t asel = 0;
	int flags = MSG_DONTWAIT;

	memset(&msg, 0, sizeof(msg));
	if (n) {
		asel = d[0];
		d++;
		n--;
	}
	if (n) {
		clen = d[0] < n - 1 ? d[0] : n - 1;
		d++;
		n--;
		memcpy(cbuf, d, clen);
		d += clen;
		n -= clen;
	}
	if (sel & 0x01)
		flags |= MSG_DONTROUTE;
	if (sel & 0x02)
		flags |= MSG_PROBE;
	if (sel & 0x04)
		flags |= MSG_MORE;
	if (sel & 0x08)
		flags |= MSG_CONFIRM;
	if (sel & 0x10)
		flags |= MSG_OOB;
	/* the message itself: the data, or long (fragments) */
	plen = n;
	memcpy(payload, d, n);
	if ((sel & 0x60) == 0x60) {
		plen = (size_t)(n ? d[0] : 1) * 260; /* up to 66300 */
		for (i = n; i < plen; i++)
			payload[i] = (uint8_t)i;
	}
	/* a raw IP header addressed as the record says */
	if ((sel & 0x80) && plen >= 20) {
		uint32_t a = htonl(addrs[asel % NADDRS]);

		payload[0] = (uint8_t)(0x40 | (payload[0] & 0x0f));
		memcpy(payload + 16, &a, 4);
	}
	iov[0].iov_base = payload;
	iov[0].iov_len = plen / 2;
	iov[1].iov_base = payload + plen / 2;
	iov[1].iov_len = plen - plen / 2;
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	if (!(asel & 0x40)) {
		make_addr(&sin, asel, d, n);
		memset(&ss, 0, sizeof(ss));
		memcpy(&ss, &sin, sizeof(sin));
		msg.msg_name = &ss;
		msg.msg_namelen = (asel & 0x20) ? (socklen_t)(asel & 0x1f)
						: (socklen_t)sizeof(sin);
	}
	if (clen) {
		msg.msg_control = cbuf;
		msg.msg_controllen = clen;
	}
	tn_sendmsg(fd, &msg, flags);
}

static void do_recvmsg(int fd, uint8_t sel, const uint8_t *d, size_t n)
{
	static uint8_t buf[70000];
	uint8_t cbuf[512] __attribute__((aligned(8)));
	struct sockaddr_in sin;
	struct iovec iov[2];
	struct msghdr msg;
	size_t len = n ? (size_t)d[0] * 8 : sizeof(buf);
	int flags = MSG_DONTWAIT;

	if (len > sizeof(buf) / 2)
		len = sizeof(buf) / 2;
	if (sel & 0x01)
		flags |= MSG_PEEK;
	if (sel & 0x02)
		flags |= MSG_TRUNC;
	if (sel & 0x04)
		flags |= MSG_ERRQUEUE;
	if (sel & 0x08)
		flags |= MSG_WAITALL;
	if (sel & 0x10)
		flags |= MSG_OOB;
	memset(&msg, 0, sizeof(msg));
	iov[0].iov_base = buf;
	iov[0].iov_len = len;
	iov[1].iov_base = buf + len;
	iov[1].iov_len = (sel & 0x20) ? len : 0;
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	msg.msg_name = (sel & 0x40) ? NULL : &sin;
	msg.msg_namelen = n >= 2 ? (socklen_t)(d[1] % (sizeof(sin) + 1))
				 : (socklen_t)sizeof(sin);
	msg.msg_control = (sel & 0x80) ? NULL : cbuf;
	msg.msg_controllen = n >= 3 ? d[2] * 2u : sizeof(cbuf);
	if (!msg.msg_control)
		msg.msg_controllen = 0;
	tn_recvmsg(fd, &msg, flags);
	if (msg.msg_controllen > sizeof(cbuf) || msg.msg_namelen > sizeof(sin))
		abort(); /* claims more than the buffers held */
}

static void drain(int fd)
{
	static uint8_t buf[70000];
	uint8_t cbuf[512];
	struct msghdr msg;
	struct iovec iov;
	int i;

	if (fd < 0)
		return;
	for (i = 0; i < 1000; i++)
		if (tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 &&
		    errno != EINTR)
			break;
	for (i = 0; i < 1000; i++) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		if (tn_recvmsg(fd, &msg, MSG_DONTWAIT | MSG_ERRQUEUE) < 0)
			break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tn_stack_stats s;
	size_t k = 0;
	int i, recs;

	verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (fuzz_env_create(&e, 0) < 0) {
		fprintf(stderr, "fuzz_sockopt: cannot set up the stack\n");
		abort();
	}
	/* anyone may open ping sockets */
	e.net_a->ipv4.sysctl_ping_group_range[0] = 0;
	e.net_a->ipv4.sysctl_ping_group_range[1] = 2147483647;
	tn_netns_set("b");
	peer = tn_socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	{
		struct sockaddr_in sin = { .sin_family = AF_INET,
					   .sin_port = htons(5555) };

		tn_bind(peer, (struct sockaddr *)&sin, sizeof(sin));
	}
	tn_netns_set("a");
	for (i = 0; i < NSOCK; i++)
		socks[i] = open_sock(i);

	for (recs = 0; recs < MAX_RECS && k + 3 <= size; recs++) {
		uint8_t op = data[k], sel = data[k + 1];
		size_t n = data[k + 2];
		const uint8_t *d = data + k + 3;
		int s_i = (op >> 3) % NSOCK, fd = socks[s_i];

		if (n > size - k - 3)
			n = size - k - 3;
		k += 3 + n;
		if (verbose)
			fprintf(stderr, "  rec op %d sock %d sel %u len %zu\n",
				op & 7, s_i, sel, n);
		switch (op & 7) {
		case 0:
			do_setsockopt(fd, sel, d, n);
			break;
		case 1:
			do_getsockopt(fd, sel, d, n);
			break;
		case 2:
			do_ioctl(fd, sel, d, n);
			break;
		case 3:
			do_sendmsg(fd, sel, d, n);
			break;
		case 4:
			do_recvmsg(fd, sel, d, n);
			break;
		case 5:
		case 6: {
			struct sockaddr_storage ss;
			struct sockaddr_in sin;
			socklen_t alen = sizeof(sin);

			make_addr(&sin, sel, d, n);
			memset(&ss, 0, sizeof(ss));
			memcpy(&ss, &sin, sizeof(sin));
			if (n >= 3)
				alen = d[2] % (sizeof(sin) + 4);
			if ((op & 7) == 5)
				tn_bind(fd, (struct sockaddr *)&ss, alen);
			else
				tn_connect(fd, (struct sockaddr *)&ss, alen);
			break;
		}
		case 7:
			if (fd >= 0)
				tn_close(fd);
			socks[s_i] = open_sock(s_i);
			break;
		}
		/* let the packets travel: replies and errors come back */
		if (sel & 1)
			tn_clock_advance(e.st, 2 * NSEC_PER_MSEC);
	}

	for (i = 0; i < NSOCK; i++)
		drain(socks[i]);
	for (i = 0; i < NSOCK; i++)
		if (socks[i] >= 0)
			tn_close(socks[i]);
	tn_netns_set("b");
	drain(peer);
	tn_close(peer);
	tn_netns_set("a");
	fuzz_env_settle(&e);
	tn_stack_get_stats(e.st, &s);
	if (s.live_socks) {
		fprintf(stderr, "fuzz_sockopt: %ld socks left\n", s.live_socks);
		abort();
	}
	fuzz_env_destroy(&e);
	return 0;
}
