// SPDX-License-Identifier: BSD-2-Clause
/*
 * PF_INET: creating IPv4 sockets from the (type, protocol) registry, the
 * socket operations datagram and raw sockets share (bind, connect,
 * getname, sendmsg with autobind, shutdown, ioctl), and inet_init(), which
 * brings up ARP, IP, ICMP, UDP, raw and ping.  Linux: net/ipv4/af_inet.c,
 * net/ipv4/protocol.c.
 */
#include <netinet/in.h> /* before any <linux/...> header (libc-compat.h) */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

#include <net/init.h>
#include <net/arp.h>
#include <net/cred.h>
#include <net/gro.h>
#include <net/icmp.h>
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/ping.h>
#include <net/protocol.h>
#include <net/raw.h>
#include <net/snmp.h>
#include <net/tcp.h>
#include <net/udp.h>

#include <linux/sockios.h>

#include "inet_dgram.h"

/* The address class of @addr (RTN_LOCAL ...), from the local table. */
unsigned int inet_dgram_addr_type(struct net *net, __be32 addr)
{
	return inet_addr_type(net, addr);
}

/*
 * inet_proc_sock_line - one socket's line of /proc/net/{udp,raw,icmp}, in
 * Linux's format (the pointer is shown as zeroes, as Linux does for readers
 * without CAP_SYSLOG; "ref" counts the table's reference as Linux's does).
 */
int inet_proc_sock_line(char *buf, size_t len, int width_sl, int bucket,
			const struct sock *sk, __be32 src, u16 srcp,
			__be32 dest, u16 destp)
{
	return snprintf(
		buf, len,
		"%*d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %016lx %u",
		width_sl, bucket, src, srcp, dest, destp, sk->sk_state,
		(unsigned int)sk->sk_wmem_alloc,
		(unsigned int)(sk->sk_prot == &udp_prot ? udp_rqueue_get(sk)
							: sk->sk_rmem_alloc),
		0, 0UL, 0, sock_i_uid(sk), 0, sock_i_ino(sk), sk->sk_refcnt + 1,
		0UL, (unsigned int)sk->sk_drops);
}

/**
 * inet_autobind - give an unbound socket an ephemeral port (or echo id)
 * Return: 0 or -EAGAIN when none is free.
 */
int inet_autobind(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);

	lock_sock(sk);
	if (!inet->inet_num) {
		if (!sk->sk_prot->get_port || sk->sk_prot->get_port(sk, 0)) {
			release_sock(sk);
			return -EAGAIN;
		}
		inet->inet_sport = htons(inet->inet_num);
	}
	release_sock(sk);
	return 0;
}

/*
 * inet_create - socket(AF_INET, type, protocol): find the protosw entry
 * as Linux does (exact protocol, else the type's IPPROTO_IP wildcard) and
 * set the sock up.
 */
void inet_sock_destruct(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);

	kfree(inet->inet_opt);
	inet->inet_opt = NULL;
	if (inet->is_icsk) {
		kfree(inet_csk(sk)->icsk_accept_queue);
		inet_csk(sk)->icsk_accept_queue = NULL;
	}
}

static int inet_create(struct net *net, struct socket *sock, int protocol,
		       int kern)
{
	struct inet_stack *is = inet_stack(net->st);
	struct inet_protosw *answer;
	struct inet_sock *inet;
	struct proto *answer_prot;
	unsigned char answer_flags;
	struct sock *sk;
	int err = -ESOCKTNOSUPPORT;
	bool found = false;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	if (sock->type < 0 || (size_t)sock->type >= ARRAY_SIZE(is->inetsw))
		return -ESOCKTNOSUPPORT;

	sock->state = SS_UNCONNECTED;
	list_for_each_entry(answer, &is->inetsw[sock->type], list) {
		err = 0;
		if (protocol == answer->protocol) {
			if (protocol != IPPROTO_IP) {
				found = true;
				break;
			}
		} else {
			if (protocol == IPPROTO_IP) {
				protocol = answer->protocol;
				found = true;
				break;
			}
			if (answer->protocol == IPPROTO_IP) {
				found = true;
				break;
			}
		}
		err = -EPROTONOSUPPORT;
	}
	if (!found)
		return err ? err : -EPROTONOSUPPORT;

	/* Raw sockets need CAP_NET_RAW on Linux; tuxnet has no users. */
	(void)kern;
	sock->ops = answer->ops;
	answer_prot = answer->prot;
	answer_flags = answer->flags;

	sk = sk_alloc(net, PF_INET, answer_prot, kern);
	if (!sk)
		return -ENOBUFS;
	if (answer_flags & INET_PROTOSW_REUSE)
		sk->sk_reuse = 1;

	inet = inet_sk(sk);
	inet->is_icsk = (answer_flags & INET_PROTOSW_ICSK) != 0;
	inet->nodefrag = 0;
	if (sock->type == SOCK_RAW) {
		inet->inet_num = (u16)protocol;
		if (protocol == IPPROTO_RAW)
			inet->hdrincl = 1;
	}
	inet->pmtudisc = net->ipv4.sysctl_ip_no_pmtu_disc ? IP_PMTUDISC_DONT
							  : IP_PMTUDISC_WANT;
	inet->inet_id = 0;

	sock_init_data(sock, sk);
	sk->sk_destruct = inet_sock_destruct;
	sk->sk_state = TCP_CLOSE;
	sk->sk_protocol = (unsigned short)protocol;
	sk->sk_backlog_rcv = sk->sk_prot->backlog_rcv;

	inet->uc_ttl = -1;
	inet->mc_loop = 1;
	inet->mc_ttl = 1;
	inet->mc_all = 1;
	inet->mc_index = 0;
	inet->rcv_tos = 0;

	if (inet->inet_num) {
		/* Raw sockets are "bound" to their protocol from the start. */
		inet->inet_sport = htons(inet->inet_num);
		err = sk->sk_prot->hash ? sk->sk_prot->hash(sk) : 0;
		if (err)
			goto out_release;
	}
	if (sk->sk_prot->init) {
		err = sk->sk_prot->init(sk);
		if (err)
			goto out_release;
	}
	return 0;

out_release:
	sk_common_release(sk);
	sock->sk = NULL;
	return err;
}

/* inet_release - close(): the protocol drops the sock */
static int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (sk) {
		long timeout = 0;

		if (sock_flag(sk, SOCK_LINGER))
			timeout = (long)sk->sk_lingertime;
		sock->sk = NULL;
		ip_mc_drop_socket(sk);
		sk->sk_prot->close(sk, timeout);
	}
	return 0;
}

static bool inet_addr_valid_or_nonlocal(struct net *net,
					const struct inet_sock *inet,
					__be32 addr, unsigned int addr_type)
{
	return net->ipv4.sysctl_ip_nonlocal_bind || inet->freebind ||
	       inet->transparent || addr == htonl(INADDR_ANY) ||
	       addr_type == RTN_LOCAL || addr_type == RTN_MULTICAST ||
	       addr_type == RTN_BROADCAST;
}

/*
 * ns_capable(net->user_ns, CAP_NET_BIND_SERVICE): a stack is as a user
 * namespace owned by the user running it (the process's real uid); that
 * user and root hold every capability in it, any other (a daemon's task
 * given other credentials, a process after seteuid() to another) none.
 */
static bool inet_capable_bind_service(void)
{
	uid_t uid = current_euid();

	return uid == 0 || uid == getuid();
}

/**
 * inet_bind - bind(): a local address (one of ours, unless
 *	ip_nonlocal_bind/IP_FREEBIND) and a port (0: ephemeral, unless
 *	IP_BIND_ADDRESS_NO_PORT)
 *
 * A port below net.ipv4.ip_unprivileged_port_start needs
 * CAP_NET_BIND_SERVICE (inet_capable_bind_service).
 * Return: 0 or -EINVAL (short address, already bound), -EAFNOSUPPORT,
 *	-EADDRNOTAVAIL, -EACCES, -EADDRINUSE.
 */
static int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct sockaddr_in addr;
	unsigned int chk_addr_ret;
	unsigned short snum;

	if (sk->sk_prot->bind)
		return sk->sk_prot->bind(sk, uaddr, addr_len);

	if (addr_len < (int)sizeof(addr))
		return -EINVAL;
	memcpy(&addr, uaddr, sizeof(addr));
	if (addr.sin_family != AF_INET) {
		/* Compatibility: AF_UNSPEC with INADDR_ANY is accepted. */
		if (addr.sin_family != AF_UNSPEC ||
		    addr.sin_addr.s_addr != htonl(INADDR_ANY))
			return -EAFNOSUPPORT;
	}

	chk_addr_ret = inet_dgram_addr_type(net, addr.sin_addr.s_addr);
	if (!inet_addr_valid_or_nonlocal(net, inet, addr.sin_addr.s_addr,
					 chk_addr_ret))
		return -EADDRNOTAVAIL;

	snum = ntohs(addr.sin_port);
	if (snum && snum < net->ipv4.sysctl_ip_prot_sock &&
	    !inet_capable_bind_service())
		return -EACCES;
	lock_sock(sk);
	if (sk->sk_state != TCP_CLOSE || inet->inet_num) {
		release_sock(sk);
		return -EINVAL;
	}
	inet->inet_rcv_saddr = inet->inet_saddr = addr.sin_addr.s_addr;
	if (chk_addr_ret == RTN_MULTICAST || chk_addr_ret == RTN_BROADCAST)
		inet->inet_saddr = 0; /* use the device's */

	if (snum || !inet->bind_address_no_port) {
		if (sk->sk_prot->get_port(sk, snum)) {
			inet->inet_saddr = inet->inet_rcv_saddr = 0;
			release_sock(sk);
			return -EADDRINUSE;
		}
	}
	if (inet->inet_rcv_saddr)
		sk->sk_userlocks |= SOCK_BINDADDR_LOCK;
	if (snum)
		sk->sk_userlocks |= SOCK_BINDPORT_LOCK;
	inet->inet_sport = htons(inet->inet_num);
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	sk_dst_reset(sk);
	release_sock(sk);
	return 0;
}

/**
 * inet_getname - getsockname()/getpeername()
 * Return: the address length, or -ENOTCONN for a peer that is not there.
 */
static int inet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (peer) {
		if (!inet->inet_dport ||
		    (((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_SYN_SENT)) &&
		     peer == 1))
			return -ENOTCONN;
		sin.sin_port = inet->inet_dport;
		sin.sin_addr.s_addr = inet->inet_daddr;
	} else {
		__be32 addr = inet->inet_rcv_saddr;

		if (!addr)
			addr = inet->inet_saddr;
		sin.sin_port = inet->inet_sport;
		sin.sin_addr.s_addr = addr;
	}
	memcpy(uaddr, &sin, sizeof(sin));
	return sizeof(sin);
}

/**
 * inet_dgram_connect - connect() of a datagram socket; AF_UNSPEC
 *	dissolves the association
 */
static int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr,
			      int addr_len, int flags)
{
	struct sock *sk = sock->sk;

	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC)
		return sk->sk_prot->disconnect(sk, flags);
	if (!inet_sk(sk)->inet_num && inet_autobind(sk))
		return -EAGAIN;
	return sk->sk_prot->connect(sk, uaddr, addr_len);
}

static int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	struct sock *sk = sock->sk;

	if (!inet_sk(sk)->inet_num && inet_autobind(sk))
		return -EAGAIN;
	return sk->sk_prot->sendmsg(sk, msg, size);
}

static int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size,
			int flags)
{
	struct sock *sk = sock->sk;
	int addr_len = 0;
	int err;

	err = sk->sk_prot->recvmsg(sk, msg, size, flags, &addr_len);
	if (err >= 0)
		msg->msg_namelen = (socklen_t)addr_len;
	return err;
}

/**
 * inet_shutdown - shutdown(): an unconnected datagram socket answers
 *	-ENOTCONN but is shut down all the same, as Linux ("to wake up
 *	other listeners, who can poll for EPOLLHUP")
 */
static int inet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	/* 0 -> RCV_SHUTDOWN (1), 1 -> SEND_SHUTDOWN (2), 2 -> both (3) */
	how++;
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;

	lock_sock(sk);
	if (sock->state == SS_CONNECTING) {
		sock->state = sk->sk_state == TCP_ESTABLISHED
				      ? SS_CONNECTED
				      : SS_DISCONNECTING;
	}
	switch (sk->sk_state) {
	case TCP_LISTEN:
		if (!(how & RCV_SHUTDOWN))
			break;
		fallthrough;
	case TCP_SYN_SENT:
		/* stream socks: a listener or a connection attempt ends */
		err = sk->sk_prot->disconnect(sk, O_NONBLOCK);
		sock->state = err ? SS_DISCONNECTING : SS_UNCONNECTED;
		break;
	case TCP_CLOSE:
		err = -ENOTCONN;
		fallthrough;
	default:
		sk->sk_shutdown |= (unsigned char)how;
		if (sk->sk_prot->shutdown)
			sk->sk_prot->shutdown(sk, how);
		break;
	}
	sk->sk_state_change(sk);
	release_sock(sk);
	return err;
}

/* SIOCGSTAMP / SIOCGSTAMPNS: when the last datagram was received. */
static int inet_gettstamp(struct sock *sk, void *arg, bool timeval)
{
	u64 ns;

	if (!sock_flag(sk, SOCK_TIMESTAMP))
		sock_set_flag(sk, SOCK_TIMESTAMP);
	ns = sk->sk_stamp;
	if (!ns)
		return -ENOENT;
	if (ns == SK_STAMP_UNSTAMPED) {
		ns = ktime_get_real_ns(sock_net(sk)->st);
		sk->sk_stamp = ns;
	}
	if (timeval) {
		struct timeval tv = {
			.tv_sec = (time_t)(ns / NSEC_PER_SEC),
			.tv_usec = (suseconds_t)((ns % NSEC_PER_SEC) /
						 NSEC_PER_USEC),
		};

		memcpy(arg, &tv, sizeof(tv));
	} else {
		struct timespec ts = {
			.tv_sec = (time_t)(ns / NSEC_PER_SEC),
			.tv_nsec = (long)(ns % NSEC_PER_SEC),
		};

		memcpy(arg, &ts, sizeof(ts));
	}
	return 0;
}

static bool inet_is_devinet_ioctl(unsigned int cmd)
{
	switch (cmd) {
	case SIOCGIFADDR:
	case SIOCGIFBRDADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFDSTADDR:
	case SIOCSIFADDR:
	case SIOCSIFBRDADDR:
	case SIOCSIFNETMASK:
	case SIOCSIFDSTADDR:
	case SIOCSIFFLAGS:
		return true;
	default:
		return false;
	}
}

/* Interface requests: struct ifreq in and out, by the owning subsystem. */
static int inet_ifreq_ioctl(struct net *net, unsigned int cmd, void *arg)
{
	struct ifreq ifr;
	int err;

	if (!arg)
		return -EFAULT;
	memcpy(&ifr, arg, sizeof(ifr));
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	if (inet_is_devinet_ioctl(cmd)) {
		rtnl_lock(); /* as Linux's devinet_ioctl() takes it */
		err = devinet_ioctl(net, cmd, &ifr);
		rtnl_unlock();
	} else {
		err = dev_ioctl(net, cmd, &ifr, NULL);
	}
	if (!err)
		memcpy(arg, &ifr, sizeof(ifr));
	return err;
}

/**
 * inet_ioctl - ioctl() on an IPv4 socket: timestamps, the protocol's own
 *	(SIOCINQ, SIOCOUTQ), then interface requests, as Linux's
 *	inet_ioctl() and sock_ioctl() together
 * Return: 0 or -errno; -ENOTTY for a request nobody knows.
 */
static int inet_ioctl(struct socket *sock, unsigned int cmd, void *arg)
{
	struct sock *sk = sock->sk;
	struct net *net = sock_net(sk);
	int err;

	switch (cmd) {
	case SIOCGSTAMP:
		return inet_gettstamp(sk, arg, true);
	case SIOCGSTAMPNS:
		return inet_gettstamp(sk, arg, false);
	case SIOCGIFCONF:
		return dev_ioctl(net, cmd, NULL, arg);
	case SIOCRTMSG:
		return -EINVAL;
	default:
		break;
	}
	if (inet_is_devinet_ioctl(cmd))
		return inet_ifreq_ioctl(net, cmd, arg);

	err = -ENOIOCTLCMD;
	if (sk->sk_prot->ioctl)
		err = sk->sk_prot->ioctl(sk, (int)cmd, arg);
	if (err != -ENOIOCTLCMD)
		return err;
	/* The device requests every socket family answers (dev_ioctl). */
	if (cmd >= SIOCGIFNAME && cmd <= SIOCSIFHWBROADCAST)
		return inet_ifreq_ioctl(net, cmd, arg);
	if (cmd == SIOCGIFINDEX || cmd == SIOCGIFTXQLEN ||
	    cmd == SIOCSIFTXQLEN || cmd == SIOCETHTOOL || cmd == SIOCSIFNAME)
		return inet_ifreq_ioctl(net, cmd, arg);
	return -ENOTTY;
}

static int inet_setsockopt(struct socket *sock, int level, int optname,
			   const void *optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;

	if (level == SOL_SOCKET)
		return sock_setsockopt(sock, level, optname, optval, optlen);
	return sk->sk_prot->setsockopt(sk, level, optname, optval, optlen);
}

static int inet_getsockopt(struct socket *sock, int level, int optname,
			   void *optval, int *optlen)
{
	struct sock *sk = sock->sk;

	if (level == SOL_SOCKET)
		return sock_getsockopt(sock, level, optname, optval, optlen);
	return sk->sk_prot->getsockopt(sk, level, optname, optval, optlen);
}

const struct proto_ops inet_dgram_ops = {
	.family = PF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.socketpair = sock_no_socketpair,
	.accept = sock_no_accept,
	.getname = inet_getname,
	.poll = datagram_poll,
	.ioctl = inet_ioctl,
	.listen = sock_no_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

/* inet_wait_for_connect - sleep until the handshake ends either way */
static s64 inet_wait_for_connect(struct sock *sk, s64 timeo)
{
	sk_wait_event(sk, &timeo,
		      !((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)));
	return timeo;
}

/**
 * inet_stream_connect - connect() of a stream socket, with Linux's
 *	errnos: -EINPROGRESS (non-blocking, started), -EALREADY (still
 *	connecting), -EISCONN, the connection's error (-ECONNREFUSED,
 *	-ETIMEDOUT ...) once it failed, -ECONNABORTED without one
 */
static int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr,
			       int addr_len, int flags)
{
	struct sock *sk = sock->sk;
	s64 timeo;
	int err;

	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC) {
		lock_sock(sk);
		err = sk->sk_prot->disconnect(sk, flags);
		sock->state = err ? SS_DISCONNECTING : SS_UNCONNECTED;
		release_sock(sk);
		return err;
	}
	lock_sock(sk);
	switch (sock->state) {
	default:
		err = -EINVAL;
		goto out;
	case SS_CONNECTED:
		err = -EISCONN;
		goto out;
	case SS_CONNECTING:
		/* TCP_FASTOPEN_CONNECT: the SYN waits for the first write */
		err = inet_sk(sk)->defer_connect ? -EISCONN : -EALREADY;
		if (inet_sk(sk)->defer_connect)
			goto out;
		break;
	case SS_UNCONNECTED:
		err = -EISCONN;
		if (sk->sk_state != TCP_CLOSE)
			goto out;
		err = sk->sk_prot->connect(sk, uaddr, addr_len);
		if (err < 0)
			goto out;
		sock->state = SS_CONNECTING;
		if (!err && inet_sk(sk)->defer_connect)
			goto out;
		err = -EINPROGRESS;
		break;
	}
	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
		if (!timeo)
			goto out;
		timeo = inet_wait_for_connect(sk, timeo);
		if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
			err = signal_pending() ? sock_intr_errno(timeo)
					       : -EINPROGRESS;
			goto out;
		}
	}
	if (sk->sk_state == TCP_CLOSE) {
		err = sock_error(sk);
		if (!err)
			err = -ECONNABORTED;
		sock->state = SS_UNCONNECTED;
		if (sk->sk_prot->disconnect(sk, flags))
			sock->state = SS_DISCONNECTING;
		goto out;
	}
	sock->state = SS_CONNECTED;
	err = 0;
out:
	release_sock(sk);
	return err;
}

/* inet_accept - accept(): the child, grafted onto @newsock */
static int inet_accept(struct socket *sock, struct socket *newsock, int flags,
		       bool kern)
{
	struct sock *sk1 = sock->sk;
	struct sock *sk2;
	int err = -EINVAL;

	sk2 = inet_csk_accept(sk1, flags, &err, kern);
	if (!sk2)
		return err;
	lock_sock(sk2);
	sk2->sk_wq = &newsock->wq;
	sk2->sk_socket = newsock;
	sk2->sk_type = (unsigned short)newsock->type;
	newsock->sk = sk2;
	newsock->state = SS_CONNECTED;
	release_sock(sk2);
	return 0;
}

/*
 * inet_listen - listen(): @backlog (already capped at net.core.somaxconn)
 * bounds the accept queue; an unbound socket gets an ephemeral port
 */
static int inet_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int old_state, err;

	lock_sock(sk);
	err = -EINVAL;
	if (sock->state != SS_UNCONNECTED || sock->type != SOCK_STREAM)
		goto out;
	old_state = sk->sk_state;
	if (!((1 << old_state) & (TCPF_CLOSE | TCPF_LISTEN)))
		goto out;
	sk->sk_max_ack_backlog = (u32)backlog;
	if (old_state != TCP_LISTEN) {
		err = inet_csk_accept_queue_alloc(sk);
		if (err)
			goto out;
		tcp_fastopen_listen(sk, backlog); /* tcp_fastopen 0x400 */
		err = inet_csk_listen_start(sk);
		if (err)
			goto out;
	}
	err = 0;
out:
	release_sock(sk);
	return err;
}

/* A stream socket never autobinds on send (TCP's no_autobind). */
static int inet_stream_sendmsg(struct socket *sock, struct msghdr *msg,
			       size_t size)
{
	return sock->sk->sk_prot->sendmsg(sock->sk, msg, size);
}

const struct proto_ops inet_stream_ops = {
	.family = PF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_stream_connect,
	.socketpair = sock_no_socketpair,
	.accept = inet_accept,
	.getname = inet_getname,
	.poll = tcp_poll,
	.ioctl = inet_ioctl,
	.listen = inet_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_stream_sendmsg,
	.recvmsg = inet_recvmsg,
};

/* Raw sockets: the same, but they never autobind (they own a protocol). */
static const struct proto_ops inet_sockraw_ops = {
	.family = PF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.socketpair = sock_no_socketpair,
	.accept = sock_no_accept,
	.getname = inet_getname,
	.poll = datagram_poll,
	.ioctl = inet_ioctl,
	.listen = sock_no_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

static const struct net_proto_family inet_family_ops = {
	.family = PF_INET,
	.create = inet_create,
};

/* The socket types IPv4 offers, as Linux's inetsw_array. */
static struct inet_protosw inetsw_array[] = {
	{
		.type = SOCK_STREAM,
		.protocol = IPPROTO_TCP,
		.prot = &tcp_prot,
		.ops = &inet_stream_ops,
		.flags = INET_PROTOSW_PERMANENT | INET_PROTOSW_ICSK,
	},
	{
		.type = SOCK_DGRAM,
		.protocol = IPPROTO_UDP,
		.prot = &udp_prot,
		.ops = &inet_dgram_ops,
		.flags = INET_PROTOSW_PERMANENT,
	},
	{
		.type = SOCK_DGRAM,
		.protocol = IPPROTO_ICMP,
		.prot = &ping_prot,
		.ops = &inet_dgram_ops,
		.flags = INET_PROTOSW_REUSE,
	},
	{
		.type = SOCK_RAW,
		.protocol = IPPROTO_IP, /* wild card */
		.prot = &raw_prot,
		.ops = &inet_sockraw_ops,
		.flags = INET_PROTOSW_REUSE,
	},
};

/**
 * inet_register_protosw - offer a (type, protocol) for socket(AF_INET, ...)
 * @p: the entry; the stack keeps its own copy in its list (wildcards after
 *	exact entries), so a static table serves every stack in the process
 */
void inet_register_protosw(struct inet_protosw *p)
{
	struct inet_stack *is = inet_stack(current_stack());
	struct list_head *last_perm;
	struct inet_protosw *answer;

	if (p->type >= ARRAY_SIZE(is->inetsw)) {
		net_err("Attempt to register invalid socket type %d.\n",
			p->type);
		return;
	}
	/* Permanent entries first; a protocol registers only once. */
	last_perm = &is->inetsw[p->type];
	list_for_each_entry(answer, &is->inetsw[p->type], list) {
		if ((INET_PROTOSW_PERMANENT & answer->flags) &&
		    p->protocol == answer->protocol) {
			net_err("Attempt to override permanent protocol %d.\n",
				p->protocol);
			return;
		}
		if (!(INET_PROTOSW_PERMANENT & answer->flags))
			break;
		last_perm = &answer->list;
	}
	p = kmemdup(p, sizeof(*p), GFP_KERNEL | __GFP_NOFAIL);
	BUG_ON(!p); /* at stack init: nothing to go on with */
	list_add(&p->list, last_perm);
}

/* inetsw_free - the stack's copies of the entries */
static void inetsw_free(struct inet_stack *is)
{
	struct inet_protosw *p, *tmp;
	size_t i;

	/* whole lists go: no entry needs unlinking from the next */
	for (i = 0; i < ARRAY_SIZE(is->inetsw); i++) {
		list_for_each_entry_safe(p, tmp, &is->inetsw[i], list)
			kfree(p);
		INIT_LIST_HEAD(&is->inetsw[i]);
	}
}

/* ---- segmentation offloads (Linux: inet_offloads, ip_packet_offload) ---- */

const struct net_offload *const inet_offloads[256] = {
	[IPPROTO_UDP] = &udpv4_offload,
	[IPPROTO_TCP] = &tcpv4_offload,
};

/**
 * inet_gso_segment - cut an IPv4 GSO packet: the transport's offload cuts
 *	the payload, then each segment gets its own IP total length, ID
 *	(consecutive from the packet's) and header checksum
 * @skb: data at the IP header; not consumed
 * @features: for the transport's gso_segment
 * Return: the segments or ERR_PTR(-errno).
 */
struct sk_buff *inet_gso_segment(struct sk_buff *skb,
				 unsigned long long features)
{
	const struct net_offload *ops;
	struct sk_buff *segs, *seg;
	const struct iphdr *iph;
	unsigned int ihl;
	u16 id;

	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		return ERR_PTR(-EINVAL);
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	ihl = iph->ihl * 4U;
	if (ihl < sizeof(struct iphdr) || !pskb_may_pull(skb, ihl))
		return ERR_PTR(-EINVAL);
	iph = ip_hdr(skb);
	id = ntohs(iph->id);
	ops = inet_offloads[iph->protocol];
	if (!ops || !ops->callbacks.gso_segment)
		return ERR_PTR(-EPROTONOSUPPORT);
	skb_pull(skb, ihl);
	skb_reset_transport_header(skb);
	segs = ops->callbacks.gso_segment(skb, features);
	skb_push(skb, ihl);
	if (IS_ERR(segs))
		return segs;
	for (seg = segs; seg; seg = seg->next) {
		struct iphdr *h = ip_hdr(seg);

		h->id = htons(id++);
		h->tot_len = htons((
			u16)(seg->len - (unsigned int)skb_network_offset(seg)));
		ip_send_check(h);
	}
	return segs;
}

/**
 * inet_gro_receive - the IPv4 step of GRO: a packet whose header may start
 *	or continue a flow (version 4 without options, not a fragment, a good
 *	header checksum, a total length that is the packet's) goes on to its
 *	transport; the held packets of other addresses or protocols are
 *	marked as not of its flow.  The rest of the header is compared when
 *	segments are merged (inet_gro_flush).
 * @head: the held packets of the bucket
 * @skb: data at the IP header
 * Return: a held packet to complete now, or NULL.
 */
struct sk_buff *inet_gro_receive(struct sk_buff_head *head, struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	const struct net_offload *ops;
	const struct iphdr *iph;
	struct sk_buff *pp = NULL, *p;
	int flush = 1;

	iph = skb_gro_header(skb, off + sizeof(*iph), off);
	if (!iph)
		goto out;
	ops = inet_offloads[iph->protocol];
	if (!ops || !ops->callbacks.gro_receive)
		goto out;
	if (iph->version != 4 || iph->ihl != 5)
		goto out;
	if (ip_is_fragment(iph))
		goto out;
	if (ip_fast_csum(iph, 5))
		goto out;

	NAPI_GRO_CB(skb)->proto = iph->protocol;
	flush = ntohs(iph->tot_len) != skb_gro_len(skb) ||
		(ntohs(iph->frag_off) & ~IP_DF);
	skb_queue_walk(head, p) {
		const struct iphdr *iph2;

		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		iph2 = (const struct iphdr *)(const void *)(p->data + off);
		if (iph->protocol != iph2->protocol ||
		    iph->saddr != iph2->saddr || iph->daddr != iph2->daddr)
			NAPI_GRO_CB(p)->same_flow = 0;
	}
	NAPI_GRO_CB(skb)->flush |= flush;
	NAPI_GRO_CB(skb)->network_offset = (u16)off;
	skb_gro_pull(skb, sizeof(*iph));
	skb_set_transport_header(skb, (int)skb_gro_offset(skb));
	pp = ops->callbacks.gro_receive(head, skb);
out:
	NAPI_GRO_CB(skb)->flush |= flush;
	return pp;
}

/*
 * inet_gro_complete - the IP header of a merged packet gets its total
 * length and checksum; the transport fixes its own
 */
int inet_gro_complete(struct sk_buff *skb, int nhoff)
{
	struct iphdr *iph = (struct iphdr *)(void *)(skb->data + nhoff);
	const struct net_offload *ops = inet_offloads[iph->protocol];

	iph->tot_len = htons((u16)(skb->len - (unsigned int)nhoff));
	ip_send_check(iph);
	if (!ops || !ops->callbacks.gro_complete)
		return -ENOSYS;
	return ops->callbacks.gro_complete(skb, nhoff + (int)sizeof(*iph));
}

const struct packet_offload ip_packet_offload = {
	/* htons(ETH_P_IP) as a constant expression */
	.type = (__be16)(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				 ? __builtin_bswap16(ETH_P_IP)
				 : ETH_P_IP),
	.callbacks = { .gso_segment = inet_gso_segment,
		       .gro_receive = inet_gro_receive,
		       .gro_complete = inet_gro_complete },
};

/**
 * inet_add_protocol - receive handlers for IP protocol @num
 * Return: 0, or -1 if @num already has one (as Linux).
 */
int inet_add_protocol(const struct net_protocol *prot, unsigned char num)
{
	struct inet_stack *is = inet_stack(current_stack());

	if (is->inet_protos[num])
		return -1;
	is->inet_protos[num] = prot;
	return 0;
}

/**
 * inet_del_protocol - remove @prot as IP protocol @num's handlers
 * Return: 0, or -1 if it was not @num's (as Linux).
 */
int inet_del_protocol(const struct net_protocol *prot, unsigned char num)
{
	struct inet_stack *is = inet_stack(current_stack());

	if (is->inet_protos[num] != prot)
		return -1;
	is->inet_protos[num] = NULL;
	return 0;
}

/**
 * inet_init - the PF_INET family and everything under it
 * @st: the stack being created (fs init level)
 *
 * Order as Linux's inet_init(): the family and socket types, the
 * transport handlers, then ARP, IP (routes, devinet), ICMP, and the
 * socket tables of UDP, raw and ping.
 * Return: 0 or -errno.
 */
static int __inet_init(struct tn_stack *st)
{
	struct inet_stack *is;
	size_t i;
	int err;

	is = kzalloc(sizeof(*is), GFP_KERNEL);
	if (!is)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(is->inetsw); i++)
		INIT_LIST_HEAD(&is->inetsw[i]);
	st->family_state[PF_INET] = is;

	err = sock_register(&inet_family_ops);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(inetsw_array); i++)
		inet_register_protosw(&inetsw_array[i]);

	if (inet_add_protocol(&icmp_protocol, IPPROTO_ICMP) < 0)
		net_err("%s: Cannot add ICMP protocol\n", __func__);
	if (inet_add_protocol(&udp_protocol, IPPROTO_UDP) < 0)
		net_err("%s: Cannot add UDP protocol\n", __func__);
	if (inet_add_protocol(&tcp_protocol, IPPROTO_TCP) < 0)
		net_err("%s: Cannot add TCP protocol\n", __func__);

	/* The MIB counters are already there: ipv4_mib_init (ipv4/proc.c). */
	err = arp_init(st);
	if (err)
		return err;
	err = ip_init(st);
	if (err)
		return err;
	err = icmp_init(st);
	if (err)
		return err;
	err = tcp_init(st);
	if (err)
		return err;
	err = udp_init(st);
	if (err)
		return err;
	err = raw_init(st);
	if (err)
		return err;
	err = igmp_init(st);
	if (err)
		return err;
	return ping_init(st);
}

int inet_init(struct tn_stack *st)
{
	int err = __inet_init(st);

	if (err)
		inet_exit(st);
	return err;
}

/**
 * inet_exit - undo inet_init() at stack teardown, once every namespace
 *	is gone: the family, its socket types and handlers, its notifiers
 * @st: the stack being destroyed
 *
 * What IPv4's parts registered in the core's registries (packet types,
 * pernet operations, /proc and sysctl files) goes with those registries.
 */
void inet_exit(struct tn_stack *st)
{
	struct inet_stack *is = inet_stack(st);
	struct net *net;

	if (!is)
		return;
	sock_unregister(PF_INET);
	inetsw_free(is);
	if (is->tcp_cong_list.next)
		tcp_cong_exit(st);
	tcp_metrics_exit(st);
	raw_notifier_chain_free(&is->inetaddr_chain);
	/*
	 * After a failed inet_init() the namespaces still exist (their
	 * pernet exits run later, with the core's): none may keep pointing
	 * at the table, which goes now.  It is empty: nothing was hashed.
	 */
	for_each_net(st, net)
		net->ipv4.tcp_hashinfo = NULL;
	inet_hashinfo_free(is->tcp_hashinfo);
	kfree(is);
	st->family_state[PF_INET] = NULL;
}
