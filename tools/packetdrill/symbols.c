// SPDX-License-Identifier: BSD-2-Clause
/*
 * Symbolic constants a script may name (SOL_SOCKET, TCP_NODELAY,
 * EPOLLOUT ...), with the values of Linux's headers, and errno names.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>

#include "pd.h"

#ifndef TCP_CM_INQ
#define TCP_CM_INQ TCP_INQ
#endif
#ifndef TCP_RTO_MAX_MS
#define TCP_RTO_MAX_MS 44 /* Linux 6.15+; newer than the libc headers */
#endif
#ifndef SOL_TCP
#define SOL_TCP 6
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif

struct sym {
	const char *name;
	long long val;
};

#define S(x)                       \
	{                          \
#x, (long long)(x) \
	}

static const struct sym symbols[] = {
	S(AF_INET),
	S(AF_INET6),
	S(AF_UNSPEC),
	S(PF_INET),
	S(PF_INET6),
	S(SOCK_STREAM),
	S(SOCK_DGRAM),
	S(SOCK_RAW),
	S(SOCK_NONBLOCK),
	S(SOCK_CLOEXEC),
	S(IPPROTO_IP),
	S(IPPROTO_TCP),
	S(IPPROTO_UDP),
	S(IPPROTO_ICMP),
	S(IPPROTO_RAW),
	S(SOL_SOCKET),
	S(SOL_TCP),
	S(SOL_IP),
	S(SOL_UDP),
	S(SO_REUSEADDR),
	S(SO_REUSEPORT),
	S(SO_SNDBUF),
	S(SO_RCVBUF),
	S(SO_SNDBUFFORCE),
	S(SO_RCVBUFFORCE),
	S(SO_ERROR),
	S(SO_KEEPALIVE),
	S(SO_LINGER),
	S(SO_RCVLOWAT),
	S(SO_SNDLOWAT),
	S(SO_RCVTIMEO),
	S(SO_SNDTIMEO),
	S(SO_TYPE),
	S(SO_DOMAIN),
	S(SO_PROTOCOL),
	S(SO_BROADCAST),
	S(SO_PRIORITY),
	S(SO_MARK),
	S(SO_TIMESTAMP),
	S(SO_ACCEPTCONN),
	S(SO_OOBINLINE),
	S(SO_MEMINFO),
	S(SO_BINDTODEVICE),
	S(SO_MAX_PACING_RATE),
	S(SO_ZEROCOPY),
	S(SO_INCOMING_CPU),
	S(TCP_NODELAY),
	S(TCP_MAXSEG),
	S(TCP_CORK),
	S(TCP_KEEPIDLE),
	S(TCP_KEEPINTVL),
	S(TCP_KEEPCNT),
	S(TCP_SYNCNT),
	S(TCP_LINGER2),
	S(TCP_DEFER_ACCEPT),
	S(TCP_WINDOW_CLAMP),
	S(TCP_INFO),
	S(TCP_QUICKACK),
	S(TCP_CONGESTION),
	S(TCP_MD5SIG),
	S(TCP_USER_TIMEOUT),
	S(TCP_FASTOPEN),
	S(TCP_NOTSENT_LOWAT),
	S(TCP_INQ),
	S(TCP_CM_INQ),
	S(TCP_FASTOPEN_CONNECT),
	S(TCP_TIMESTAMP),
	S(TCP_REPAIR),
	S(TCP_THIN_LINEAR_TIMEOUTS),
	S(TCP_SAVE_SYN),
	S(TCP_SAVED_SYN),
	S(TCP_TX_DELAY),
	S(TCP_RTO_MAX_MS),
	S(IP_TOS),
	S(IP_TTL),
	S(IP_MTU_DISCOVER),
	S(IP_MTU),
	S(IP_RECVERR),
	S(IP_PKTINFO),
	S(IP_OPTIONS),
	S(IP_RECVTOS),
	S(IP_RECVTTL),
	S(IP_PMTUDISC_DONT),
	S(IP_PMTUDISC_WANT),
	S(IP_PMTUDISC_DO),
	S(IP_PMTUDISC_PROBE),
	S(IP_BIND_ADDRESS_NO_PORT),
	S(IP_FREEBIND),
	S(IP_TRANSPARENT),
	S(IP_MULTICAST_TTL),
	S(IP_MULTICAST_LOOP),
	S(O_RDONLY),
	S(O_WRONLY),
	S(O_RDWR),
	S(O_NONBLOCK),
	S(O_CLOEXEC),
	S(F_GETFL),
	S(F_SETFL),
	S(F_GETFD),
	S(F_SETFD),
	S(F_DUPFD),
	S(FD_CLOEXEC),
	S(MSG_OOB),
	S(MSG_PEEK),
	S(MSG_DONTROUTE),
	S(MSG_TRUNC),
	S(MSG_DONTWAIT),
	S(MSG_EOR),
	S(MSG_WAITALL),
	S(MSG_NOSIGNAL),
	S(MSG_MORE),
	S(MSG_ERRQUEUE),
	S(MSG_ZEROCOPY),
	S(MSG_CTRUNC),
	S(MSG_FASTOPEN),
	S(SHUT_RD),
	S(SHUT_WR),
	S(SHUT_RDWR),
	S(POLLIN),
	S(POLLPRI),
	S(POLLOUT),
	S(POLLERR),
	S(POLLHUP),
	S(POLLNVAL),
	S(POLLRDNORM),
	S(POLLRDBAND),
	S(POLLWRNORM),
	S(POLLWRBAND),
	S(POLLMSG),
	S(POLLRDHUP),
	S(EPOLLIN),
	S(EPOLLPRI),
	S(EPOLLOUT),
	S(EPOLLERR),
	S(EPOLLHUP),
	S(EPOLLRDNORM),
	S(EPOLLRDBAND),
	S(EPOLLWRNORM),
	S(EPOLLWRBAND),
	S(EPOLLMSG),
	S(EPOLLRDHUP),
	S(EPOLLET),
	S(EPOLLONESHOT),
	S(EPOLLEXCLUSIVE),
	S(EPOLL_CTL_ADD),
	S(EPOLL_CTL_MOD),
	S(EPOLL_CTL_DEL),
	S(SIOCINQ),
	S(SIOCOUTQ),
	S(SIOCOUTQNSD),
	S(FIONREAD),
	S(FIONBIO),
};

bool pd_symbol(const char *name, long long *v)
{
	size_t i;

	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		if (!strcmp(symbols[i].name, name)) {
			*v = symbols[i].val;
			return true;
		}
	}
	return false;
}

int pd_errno_by_name(const char *name)
{
	int e;

	for (e = 1; e < 134; e++) {
		const char *n = strerrorname_np(e);

		if (n && !strcmp(n, name))
			return e;
	}
	return -1;
}

const char *pd_errno_name(int err)
{
	const char *n = err ? strerrorname_np(err) : "0";

	return n ? n : "E?";
}
