// SPDX-License-Identifier: BSD-2-Clause
/*
 * Helpers shared by the IPv4 datagram sockets (UDP, raw, ping): connect(),
 * the flow a send is routed with, and reading the caller's iovecs at an
 * offset.  Linux: net/ipv4/datagram.c, include/net/flow.h.
 */
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sock.h>
#include <net/sock_reuseport.h>

#include "inet_dgram.h"

void inet_sk_dst_set(struct sock *sk, struct dst_entry *dst)
{
	sk_setup_caps(sk, dst);
}

void inet_sk_error_report(struct sock *sk)
{
	if (!sock_flag(sk, SOCK_DEAD) && sk->sk_error_report)
		sk->sk_error_report(sk);
}

/**
 * inet_flow_init - the flow a datagram socket's send is routed with
 * @fl4: filled in
 * @oif: output interface (0: any)
 * @mark: SO_MARK
 * @tos: IP TOS
 * @proto: IP protocol
 * @daddr: destination; @saddr: source (0: let the route choose)
 * @dport: destination port; @sport: source port (network order)
 * @onlink: MSG_DONTROUTE / SO_DONTROUTE: only directly reachable hosts
 */
void inet_flow_init(struct flowi4 *fl4, int oif, u32 mark, u8 tos, u8 proto,
		    __be32 daddr, __be32 saddr, __be16 dport, __be16 sport,
		    bool onlink)
{
	memset(fl4, 0, sizeof(*fl4));
	fl4->flowi4_oif = oif;
	fl4->flowi4_mark = mark;
	fl4->flowi4_tos = tos & INET_TOS_MASK;
	fl4->flowi4_scope = onlink ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	fl4->flowi4_proto = proto;
	fl4->daddr = daddr;
	fl4->saddr = saddr;
	fl4->fl4_dport = dport;
	fl4->fl4_sport = sport;
}

/**
 * inet_iov_copy - copy @len bytes at offset @off of the caller's data
 * @msg: the message; its iovecs are read, never advanced
 * Return: 0, or -EFAULT if the iovecs hold fewer bytes or a NULL base.
 */
int inet_iov_copy(const struct msghdr *msg, size_t off, void *to, size_t len)
{
	u8 *dst = to;
	size_t i;

	for (i = 0; i < msg->msg_iovlen && len; i++) {
		const struct iovec *iov = &msg->msg_iov[i];
		size_t n;

		if (off >= iov->iov_len) {
			off -= iov->iov_len;
			continue;
		}
		if (!iov->iov_base)
			return -EFAULT;
		n = min_t(size_t, iov->iov_len - off, len);
		memcpy(dst, (const u8 *)iov->iov_base + off, n);
		dst += n;
		len -= n;
		off = 0;
	}
	return len ? -EFAULT : 0;
}

/* getfrag for ip_make_skb(): @from is a struct inet_getfrag_arg. */
int inet_getfrag(void *from, char *to, int offset, int len, int odd,
		 struct sk_buff *skb)
{
	const struct inet_getfrag_arg *arg = from;

	(void)odd;
	(void)skb;
	if (len <= 0)
		return 0;
	return inet_iov_copy(arg->msg, arg->base + (size_t)offset, to,
			     (size_t)len);
}

/**
 * ip4_datagram_connect - connect() of a UDP, raw or ping socket
 * @sk: the socket (already bound to a port by inet_dgram_connect)
 * @uaddr: a struct sockaddr_in
 * @addr_len: its length
 *
 * Under lock_sock(), routes to the peer, takes the route's source address
 * if none is bound,
 * records the peer and caches the route.  RFC 1122 4.1.3.4.
 * Return: 0 or -errno (-EINVAL, -EAFNOSUPPORT, -ENETUNREACH, -EACCES for
 *	a broadcast without SO_BROADCAST).
 */
static int __ip4_datagram_connect(struct sock *sk, struct sockaddr *uaddr,
				  int addr_len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in usin;
	struct flowi4 fl4;
	struct rtable *rt;
	__be32 saddr;
	int oif;

	if (addr_len < (int)sizeof(usin))
		return -EINVAL;
	memcpy(&usin, uaddr, sizeof(usin));
	if (usin.sin_family != AF_INET)
		return -EAFNOSUPPORT;

	sk_dst_reset(sk);
	oif = sk->sk_bound_dev_if;
	saddr = inet->inet_saddr;
	if (IN_MULTICAST(ntohl(usin.sin_addr.s_addr))) {
		if (!oif)
			oif = inet->mc_index;
		if (!saddr)
			saddr = inet->mc_addr;
	} else if (!oif) {
		oif = inet->uc_index;
	}

	inet_flow_init(&fl4, oif, sk->sk_mark, inet->tos, (u8)sk->sk_protocol,
		       usin.sin_addr.s_addr, saddr, usin.sin_port,
		       inet->inet_sport, sock_flag(sk, SOCK_LOCALROUTE));
	rt = ip_route_output_key(sock_net(sk), &fl4);
	if (IS_ERR(rt)) {
		int err = (int)PTR_ERR(rt);

		if (err == -ENETUNREACH)
			IP_INC_STATS(sock_net(sk), IPSTATS_MIB_OUTNOROUTES);
		return err;
	}
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST)) {
		ip_rt_put(rt);
		return -EACCES;
	}
	if (!inet->inet_saddr)
		inet->inet_saddr = fl4.saddr;
	if (!inet->inet_rcv_saddr)
		inet->inet_rcv_saddr = fl4.saddr;
	inet->inet_daddr = fl4.daddr;
	inet->inet_dport = usin.sin_port;
	reuseport_has_conns_set(sk); /* its group's lookups score again */
	sk->sk_state = TCP_ESTABLISHED;
	inet->inet_id = (u16)get_random_u32();
	inet_sk_dst_set(sk, &rt->dst);
	return 0;
}

int ip4_datagram_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	int err;

	lock_sock(sk);
	err = __ip4_datagram_connect(sk, uaddr, addr_len);
	release_sock(sk);
	return err;
}
