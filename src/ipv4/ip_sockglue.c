// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IP-level side of sockets: IP_* socket options, the control messages
 * recvmsg adds and sendmsg reads, and the error queue (IP_RECVERR) that
 * carries ICMP and local errors to the application as struct
 * sock_extended_err.  Linux: net/ipv4/ip_sockglue.c.  RFC 1122 4.1.3.3.
 */
#include <net/icmp.h>
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "inet_dgram.h"

#ifndef IP_CHECKSUM
#define IP_CHECKSUM 23
#endif
#ifndef IP_RECVFRAGSIZE
#define IP_RECVFRAGSIZE 25
#endif

/* Room for the IP_RECVERR cmsg: the error, then the offender's address. */
struct ip_errhdr {
	struct sock_extended_err ee;
	struct sockaddr_in offender;
};

/**
 * ipv4_pktinfo_prepare - record what IP_PKTINFO will report for @skb
 * @sk: the socket @skb is about to be queued on
 * @skb: a received datagram, network header set
 *
 * Linux records this before the route is dropped from the queued skb; we
 * keep it beside IPCB in skb->cb.
 */
void ipv4_pktinfo_prepare(const struct sock *sk, struct sk_buff *skb)
{
	struct in_pktinfo *info = PKTINFO_SKB_CB(skb);

	BUILD_BUG_ON(PKTINFO_SKB_CB_OFFSET < sizeof(struct inet_skb_parm));
	BUILD_BUG_ON(PKTINFO_SKB_CB_OFFSET + sizeof(struct in_pktinfo) >
		     sizeof(skb->cb));
	BUILD_BUG_ON(sizeof(struct sock_exterr_skb) > sizeof(skb->cb));

	if (!(inet_sk(sk)->cmsg_flags & IP_CMSG_PKTINFO)) {
		memset(info, 0, sizeof(*info));
		return;
	}
	info->ipi_ifindex = IPCB(skb)->iif ? IPCB(skb)->iif : skb->skb_iif;
	if (skb_dst(skb) && skb_rtable(skb)->rt_spec_dst)
		info->ipi_spec_dst.s_addr = skb_rtable(skb)->rt_spec_dst;
	else
		info->ipi_spec_dst.s_addr = ip_hdr(skb)->daddr;
	info->ipi_addr.s_addr = 0;
}

static void ip_cmsg_recv_pktinfo(struct msghdr *msg, struct sk_buff *skb,
				 bool errq)
{
	struct in_pktinfo info;

	if (errq) {
		/* An ICMP error: the interface it came in on. */
		memset(&info, 0, sizeof(info));
		info.ipi_ifindex =
			IPCB(skb)->iif ? IPCB(skb)->iif : skb->skb_iif;
	} else {
		memcpy(&info, PKTINFO_SKB_CB(skb), sizeof(info));
	}
	info.ipi_addr.s_addr = ip_hdr(skb)->daddr;
	put_cmsg(msg, SOL_IP, IP_PKTINFO, sizeof(info), &info);
}

static void ip_cmsg_recv_dstaddr(struct msghdr *msg, struct sk_buff *skb)
{
	struct sockaddr_in sin;
	__be16 ports[2];
	int end = skb_transport_offset(skb) + 4;

	if (end > (int)skb->len)
		return;
	memcpy(ports, skb_transport_header(skb), sizeof(ports));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = ip_hdr(skb)->daddr;
	sin.sin_port = ports[1];
	put_cmsg(msg, SOL_IP, IP_ORIGDSTADDR, sizeof(sin), &sin);
}

static void ip_cmsg_recv_flags(struct net *net, struct msghdr *msg,
			       struct sk_buff *skb, unsigned long flags,
			       bool errq)
{
	/* Ordered as Linux emits them. */
	if (flags & IP_CMSG_PKTINFO)
		ip_cmsg_recv_pktinfo(msg, skb, errq);
	if (flags & IP_CMSG_TTL) {
		int ttl = ip_hdr(skb)->ttl;

		put_cmsg(msg, SOL_IP, IP_TTL, sizeof(int), &ttl);
	}
	if (flags & IP_CMSG_TOS)
		put_cmsg(msg, SOL_IP, IP_TOS, 1, &ip_hdr(skb)->tos);
	if (flags & IP_CMSG_RECVOPTS && !errq && IPCB(skb)->opt.optlen)
		put_cmsg(msg, SOL_IP, IP_RECVOPTS, IPCB(skb)->opt.optlen,
			 ip_hdr(skb) + 1);
	if (flags & IP_CMSG_RETOPTS && !errq && IPCB(skb)->opt.optlen) {
		/* the options a reply would carry, as given to IP_OPTIONS */
		struct ip_options_data ret;

		if (ip_options_echo(net, &ret.opt, skb)) {
			msg->msg_flags |= MSG_CTRUNC;
		} else {
			ip_options_undo(&ret.opt);
			put_cmsg(msg, SOL_IP, IP_RETOPTS, ret.opt.optlen,
				 ret.opt.__data);
		}
	}
	if (flags & IP_CMSG_ORIGDSTADDR)
		ip_cmsg_recv_dstaddr(msg, skb);
	if (flags & IP_CMSG_RECVFRAGSIZE && IPCB(skb)->frag_max_size) {
		int val = IPCB(skb)->frag_max_size;

		put_cmsg(msg, SOL_IP, IP_RECVFRAGSIZE, sizeof(val), &val);
	}
}

/**
 * ip_cmsg_recv_offset - add the IP control messages @sk asked for
 * @msg: the recvmsg message being built
 * @sk: the receiving socket (inet->cmsg_flags say which)
 * @skb: the datagram, network header set; not consumed
 * @tlen: transport header length (for IP_CHECKSUM; unused)
 * @offset: peek offset (unused)
 */
void ip_cmsg_recv_offset(struct msghdr *msg, struct sock *sk,
			 struct sk_buff *skb, int tlen, int offset)
{
	unsigned long flags = inet_sk(sk)->cmsg_flags;

	(void)tlen;
	(void)offset;
	if (flags)
		ip_cmsg_recv_flags(sock_net(sk), msg, skb, flags, false);
}

/* The SOL_SOCKET control messages a send may carry (__sock_cmsg_send). */
static int ip_sock_cmsg_send(const struct cmsghdr *cmsg,
			     struct ipcm_cookie *ipc)
{
	switch (cmsg->cmsg_type) {
	case SO_MARK:
		if (cmsg->cmsg_len != CMSG_LEN(sizeof(u32)))
			return -EINVAL;
		memcpy(&ipc->mark, CMSG_DATA(cmsg), sizeof(u32));
		return 0;
	case SO_TIMESTAMPING_OLD: {
		u32 tsflags;

		if (cmsg->cmsg_len != CMSG_LEN(sizeof(u32)))
			return -EINVAL;
		memcpy(&tsflags, CMSG_DATA(cmsg), sizeof(u32));
		ipc->tsflags = (u16)tsflags;
		return 0;
	}
	case SCM_TXTIME:
		if (cmsg->cmsg_len != CMSG_LEN(sizeof(u64)))
			return -EINVAL;
		memcpy(&ipc->transmit_time, CMSG_DATA(cmsg), sizeof(u64));
		return 0;
	case SCM_RIGHTS:
	case SCM_CREDENTIALS:
		return 0; /* a sendmsg wrapper's business: ignored as Linux */
	default:
		return -EINVAL;
	}
}

static bool ip_cmsg_ok(const struct msghdr *msg, const struct cmsghdr *cmsg)
{
	size_t used =
		(size_t)((const char *)cmsg - (const char *)msg->msg_control);

	return cmsg->cmsg_len >= sizeof(struct cmsghdr) &&
	       cmsg->cmsg_len <= msg->msg_controllen - used;
}

/**
 * ip_cmsg_send - read IP_TTL, IP_TOS, IP_PKTINFO ... from a sendmsg
 * @sk: the sending socket
 * @msg: the caller's message (msg_control, msg_controllen)
 * @ipc: per-send options, initialised by ipcm_init_sk(); updated
 * @allow_ipv6: IPv6 cmsgs allowed (unused: no IPv6 yet)
 *
 * Return: 0 or -EINVAL for a malformed or unknown control message.
 */
int ip_cmsg_send(struct sock *sk, struct msghdr *msg, struct ipcm_cookie *ipc,
		 bool allow_ipv6)
{
	struct cmsghdr *cmsg;
	int err, val;

	(void)allow_ipv6;
	for (cmsg = CMSG_FIRSTHDR(msg); cmsg; cmsg = CMSG_NXTHDR(msg, cmsg)) {
		if (!ip_cmsg_ok(msg, cmsg))
			return -EINVAL;
		if (cmsg->cmsg_level == SOL_SOCKET) {
			err = ip_sock_cmsg_send(cmsg, ipc);
			if (err)
				return err;
			continue;
		}
		if (cmsg->cmsg_level != SOL_IP)
			continue;
		switch (cmsg->cmsg_type) {
		case IP_RETOPTS: {
			/* options for this send; more than 40 bytes are cut */
			unsigned int olen =
				(unsigned int)(cmsg->cmsg_len - CMSG_LEN(0));

			err = ip_options_get(
				sock_net(sk), &ipc->opt_buf, CMSG_DATA(cmsg),
				olen < MAX_IPOPTLEN ? olen : MAX_IPOPTLEN);
			if (err)
				return err;
			ipc->opt = &ipc->opt_buf.opt;
			break;
		}
		case IP_PKTINFO: {
			struct in_pktinfo info;

			if (cmsg->cmsg_len != CMSG_LEN(sizeof(info)))
				return -EINVAL;
			memcpy(&info, CMSG_DATA(cmsg), sizeof(info));
			if (info.ipi_ifindex)
				ipc->oif = info.ipi_ifindex;
			ipc->addr = info.ipi_spec_dst.s_addr;
			break;
		}
		case IP_TTL:
			if (cmsg->cmsg_len != CMSG_LEN(sizeof(int)))
				return -EINVAL;
			memcpy(&val, CMSG_DATA(cmsg), sizeof(int));
			if (val < 1 || val > 255)
				return -EINVAL;
			ipc->ttl = (u8)val;
			ipc->ttl_set = true;
			break;
		case IP_TOS:
			if (cmsg->cmsg_len == CMSG_LEN(sizeof(int)))
				memcpy(&val, CMSG_DATA(cmsg), sizeof(int));
			else if (cmsg->cmsg_len == CMSG_LEN(sizeof(u8)))
				val = *(u8 *)CMSG_DATA(cmsg);
			else
				return -EINVAL;
			if (val < 0 || val > 255)
				return -EINVAL;
			ipc->tos = (s16)val;
			ipc->priority = (char)rt_tos2priority((u8)val);
			break;
		case IP_PROTOCOL:
			if (cmsg->cmsg_len != CMSG_LEN(sizeof(int)))
				return -EINVAL;
			memcpy(&val, CMSG_DATA(cmsg), sizeof(int));
			if (val < 1 || val > 255)
				return -EINVAL;
			ipc->protocol = (u8)val;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/* IP_MULTICAST_IF: an in_addr, an ip_mreq or an ip_mreqn. */
static int ip_set_mcast_if(struct sock *sk, const void *optval,
			   unsigned int optlen)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net_device *dev = NULL;
	struct ip_mreqn mreq;

	if (sk->sk_type == SOCK_STREAM)
		return -EINVAL;
	if (optlen < sizeof(struct in_addr))
		return -EINVAL;
	memset(&mreq, 0, sizeof(mreq));
	if (optlen >= sizeof(struct ip_mreqn))
		memcpy(&mreq, optval, sizeof(mreq));
	else if (optlen >= sizeof(struct ip_mreq))
		memcpy(&mreq, optval, sizeof(struct ip_mreq));
	else
		memcpy(&mreq.imr_address, optval, sizeof(struct in_addr));

	if (!mreq.imr_ifindex) {
		if (mreq.imr_address.s_addr == htonl(INADDR_ANY)) {
			inet->mc_index = 0;
			inet->mc_addr = 0;
			return 0;
		}
		dev = __ip_dev_find(sock_net(sk), mreq.imr_address.s_addr);
		if (dev)
			mreq.imr_ifindex = dev->ifindex;
	} else {
		dev = __dev_get_by_index(sock_net(sk), mreq.imr_ifindex);
	}
	if (!dev)
		return -EADDRNOTAVAIL;
	if (sk->sk_bound_dev_if && mreq.imr_ifindex != sk->sk_bound_dev_if)
		return -EINVAL;
	inet->mc_index = mreq.imr_ifindex;
	inet->mc_addr = mreq.imr_address.s_addr;
	return 0;
}

static void ip_set_cmsg_flag(struct inet_sock *inet, int val, u16 flag)
{
	if (val)
		inet->cmsg_flags |= flag;
	else
		inet->cmsg_flags &= (u16)~flag;
}

/* Options that take an int (or, if shorter, a byte; none: zero). */
static bool ip_opt_is_int(int optname)
{
	switch (optname) {
	case IP_PKTINFO:
	case IP_RECVTTL:
	case IP_RECVOPTS:
	case IP_RECVTOS:
	case IP_RETOPTS:
	case IP_TOS:
	case IP_TTL:
	case IP_HDRINCL:
	case IP_MTU_DISCOVER:
	case IP_RECVERR:
	case IP_ROUTER_ALERT:
	case IP_FREEBIND:
	case IP_PASSSEC:
	case IP_TRANSPARENT:
	case IP_MINTTL:
	case IP_NODEFRAG:
	case IP_BIND_ADDRESS_NO_PORT:
	case IP_UNICAST_IF:
	case IP_MULTICAST_TTL:
	case IP_MULTICAST_ALL:
	case IP_MULTICAST_LOOP:
	case IP_RECVORIGDSTADDR:
	case IP_CHECKSUM:
	case IP_RECVFRAGSIZE:
	case IP_RECVERR_RFC4884:
		return true;
	default:
		return false;
	}
}

static int do_ip_setsockopt_int(struct sock *sk, int optname, int val,
				unsigned int optlen)
{
	struct inet_sock *inet = inet_sk(sk);

	switch (optname) {
	case IP_PKTINFO:
		ip_set_cmsg_flag(inet, val, IP_CMSG_PKTINFO);
		return 0;
	case IP_RECVTTL:
		ip_set_cmsg_flag(inet, val, IP_CMSG_TTL);
		return 0;
	case IP_RECVTOS:
		ip_set_cmsg_flag(inet, val, IP_CMSG_TOS);
		return 0;
	case IP_RECVOPTS:
		ip_set_cmsg_flag(inet, val, IP_CMSG_RECVOPTS);
		return 0;
	case IP_RETOPTS:
		ip_set_cmsg_flag(inet, val, IP_CMSG_RETOPTS);
		return 0;
	case IP_PASSSEC:
		ip_set_cmsg_flag(inet, val, IP_CMSG_PASSSEC);
		return 0;
	case IP_RECVORIGDSTADDR:
		ip_set_cmsg_flag(inet, val, IP_CMSG_ORIGDSTADDR);
		return 0;
	case IP_CHECKSUM:
		ip_set_cmsg_flag(inet, val, IP_CMSG_CHECKSUM);
		return 0;
	case IP_RECVFRAGSIZE:
		if (sk->sk_type != SOCK_RAW && sk->sk_type != SOCK_DGRAM)
			return -EINVAL;
		ip_set_cmsg_flag(inet, val, IP_CMSG_RECVFRAGSIZE);
		return 0;
	case IP_TOS:
		/* a stream sock's ECN bits are TCP's (RFC 3168 6.1.1) */
		if (sk->sk_type == SOCK_STREAM) {
			val &= ~INET_ECN_MASK;
			val |= inet->tos & INET_ECN_MASK;
		}
		if (inet->tos != (u8)val) {
			inet->tos = (u8)val;
			sk->sk_priority = rt_tos2priority((u8)val);
			sk_dst_reset(sk);
		}
		return 0;
	case IP_TTL:
		if (optlen < 1)
			return -EINVAL;
		if (val != -1 && (val < 1 || val > 255))
			return -EINVAL;
		inet->uc_ttl = (s16)val;
		return 0;
	case IP_HDRINCL:
		if (sk->sk_type != SOCK_RAW)
			return -ENOPROTOOPT;
		inet->hdrincl = val ? 1 : 0;
		return 0;
	case IP_NODEFRAG:
		if (sk->sk_type != SOCK_RAW)
			return -ENOPROTOOPT;
		inet->nodefrag = val ? 1 : 0;
		return 0;
	case IP_BIND_ADDRESS_NO_PORT:
		inet->bind_address_no_port = val ? 1 : 0;
		return 0;
	case IP_MTU_DISCOVER:
		if (val < IP_PMTUDISC_DONT || val > IP_PMTUDISC_OMIT)
			return -EINVAL;
		inet->pmtudisc = (u8)val;
		return 0;
	case IP_RECVERR:
		inet->recverr = !!val;
		if (!val)
			skb_queue_purge(&sk->sk_error_queue);
		return 0;
	case IP_RECVERR_RFC4884:
		if (val < 0 || val > 1)
			return -EINVAL;
		inet->recverr_rfc4884 = !!val;
		return 0;
	case IP_MULTICAST_TTL:
		if (sk->sk_type == SOCK_STREAM)
			return -EINVAL;
		if (optlen < 1)
			return -EINVAL;
		if (val == -1)
			val = 1;
		if (val < 0 || val > 255)
			return -EINVAL;
		inet->mc_ttl = (u8)val;
		return 0;
	case IP_MULTICAST_LOOP:
		if (optlen < 1)
			return -EINVAL;
		inet->mc_loop = !!val;
		return 0;
	case IP_MULTICAST_ALL:
		if (optlen < 1)
			return -EINVAL;
		if (val != 0 && val != 1)
			return -EINVAL;
		inet->mc_all = (u8)val;
		return 0;
	case IP_UNICAST_IF: {
		int ifindex;

		if (optlen != sizeof(int))
			return -EINVAL;
		ifindex = (int)ntohl((u32)val);
		if (ifindex == 0) {
			inet->uc_index = 0;
			sk_dst_reset(sk);
			return 0;
		}
		if (!__dev_get_by_index(sock_net(sk), ifindex))
			return -EADDRNOTAVAIL;
		if (sk->sk_bound_dev_if && sk->sk_bound_dev_if != ifindex)
			return -EINVAL;
		inet->uc_index = ifindex;
		sk_dst_reset(sk);
		return 0;
	}
	case IP_FREEBIND:
		if (optlen < 1)
			return -EINVAL;
		inet->freebind = !!val;
		return 0;
	case IP_TRANSPARENT:
		if (optlen < 1)
			return -EINVAL;
		inet->transparent = !!val;
		return 0;
	case IP_MINTTL:
		if (optlen < 1)
			return -EINVAL;
		if (val < 0 || val > 255)
			return -EINVAL;
		inet->min_ttl = (u8)val;
		return 0;
	case IP_ROUTER_ALERT:
		if (sk->sk_type != SOCK_RAW)
			return -ENOPROTOOPT;
		return 0; /* accepted; router alert is not implemented */
	default:
		return -ENOPROTOOPT;
	}
}

/**
 * ip_setsockopt - setsockopt(fd, SOL_IP, ...)
 * @sk: an IPv4 socket
 * @level: must be SOL_IP (else -ENOPROTOOPT)
 * @optname: IP_TTL, IP_TOS, IP_RECVERR ...
 * @optval: the caller's value (kernel copy)
 * @optlen: its length; short ints are read as a byte, none as 0
 *
 * Context: process context, stack lock held; takes lock_sock().
 * Return: 0 or -errno as Linux (-EINVAL, -ENOPROTOOPT, -EADDRNOTAVAIL).
 */
static int do_ip_setsockopt(struct sock *sk, int level, int optname,
			    const void *optval, unsigned int optlen)
{
	int val = 0;

	if (level != SOL_IP)
		return -ENOPROTOOPT;

	if (ip_opt_is_int(optname)) {
		if (optlen >= sizeof(int)) {
			if (!optval)
				return -EFAULT;
			memcpy(&val, optval, sizeof(val));
		} else if (optlen >= sizeof(char)) {
			if (!optval)
				return -EFAULT;
			val = *(const unsigned char *)optval;
		}
		return do_ip_setsockopt_int(sk, optname, val, optlen);
	}

	switch (optname) {
	case IP_OPTIONS: {
		struct inet_sock *inet = inet_sk(sk);
		struct ip_options_data buf, *opt;
		int err;

		err = ip_options_get(sock_net(sk), &buf, optval, optlen);
		if (err)
			return err;
		/* an empty set is kept as one, as Linux keeps it */
		opt = kmalloc(sizeof(*opt), GFP_KERNEL);
		if (!opt)
			return -ENOMEM;
		memcpy(opt, &buf, sizeof(buf));
		kfree(inet->inet_opt);
		inet->inet_opt = &opt->opt; /* opt is its first member */
		return 0;
	}
	case IP_MULTICAST_IF:
		return ip_set_mcast_if(sk, optval, optlen);
	default:
		if (ip_mc_sockopt(optname))
			return ip_mc_setsockopt(sk, optname, optval, optlen);
		return -ENOPROTOOPT;
	}
}

int ip_setsockopt(struct sock *sk, int level, int optname, const void *optval,
		  unsigned int optlen)
{
	int err;

	lock_sock(sk);
	err = do_ip_setsockopt(sk, level, optname, optval, optlen);
	release_sock(sk);
	return err;
}

static int ip_getsockopt_int(struct sock *sk, int optname, int *val)
{
	const struct inet_sock *inet = inet_sk(sk);

	switch (optname) {
	case IP_PKTINFO:
		*val = (inet->cmsg_flags & IP_CMSG_PKTINFO) != 0;
		return 0;
	case IP_RECVTTL:
		*val = (inet->cmsg_flags & IP_CMSG_TTL) != 0;
		return 0;
	case IP_RECVTOS:
		*val = (inet->cmsg_flags & IP_CMSG_TOS) != 0;
		return 0;
	case IP_RECVOPTS:
		*val = (inet->cmsg_flags & IP_CMSG_RECVOPTS) != 0;
		return 0;
	case IP_RETOPTS:
		*val = (inet->cmsg_flags & IP_CMSG_RETOPTS) != 0;
		return 0;
	case IP_PASSSEC:
		*val = (inet->cmsg_flags & IP_CMSG_PASSSEC) != 0;
		return 0;
	case IP_RECVORIGDSTADDR:
		*val = (inet->cmsg_flags & IP_CMSG_ORIGDSTADDR) != 0;
		return 0;
	case IP_CHECKSUM:
		*val = (inet->cmsg_flags & IP_CMSG_CHECKSUM) != 0;
		return 0;
	case IP_RECVFRAGSIZE:
		*val = (inet->cmsg_flags & IP_CMSG_RECVFRAGSIZE) != 0;
		return 0;
	case IP_TOS:
		*val = inet->tos;
		return 0;
	case IP_TTL:
		*val = inet->uc_ttl == -1
			       ? sock_net(sk)->ipv4.sysctl_ip_default_ttl
			       : inet->uc_ttl;
		return 0;
	case IP_HDRINCL:
		*val = inet->hdrincl;
		return 0;
	case IP_NODEFRAG:
		*val = inet->nodefrag;
		return 0;
	case IP_BIND_ADDRESS_NO_PORT:
		*val = inet->bind_address_no_port;
		return 0;
	case IP_MTU_DISCOVER:
		*val = inet->pmtudisc;
		return 0;
	case IP_MTU:
		*val = sk->sk_dst_cache ? (int)dst_mtu(sk->sk_dst_cache) : 0;
		return *val ? 0 : -ENOTCONN;
	case IP_RECVERR:
		*val = inet->recverr;
		return 0;
	case IP_RECVERR_RFC4884:
		*val = inet->recverr_rfc4884;
		return 0;
	case IP_MULTICAST_TTL:
		*val = inet->mc_ttl;
		return 0;
	case IP_MULTICAST_LOOP:
		*val = inet->mc_loop;
		return 0;
	case IP_MULTICAST_ALL:
		*val = inet->mc_all;
		return 0;
	case IP_UNICAST_IF:
		*val = (int)htonl((u32)inet->uc_index);
		return 0;
	case IP_FREEBIND:
		*val = inet->freebind;
		return 0;
	case IP_TRANSPARENT:
		*val = inet->transparent;
		return 0;
	case IP_MINTTL:
		*val = inet->min_ttl;
		return 0;
	case IP_PROTOCOL:
		/* As Linux: inet_num, the protocol of a raw socket but the
		 * local port (or ping identifier) of a datagram one. */
		*val = inet->inet_num;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/**
 * ip_getsockopt - getsockopt(fd, SOL_IP, ...)
 * @sk: an IPv4 socket
 * @level: must be SOL_IP (else -EOPNOTSUPP, as Linux)
 * @optname: the option
 * @optval: buffer of *@optlen bytes
 * @optlen: in: buffer size; out: bytes written.  Ints asked for with
 *	fewer than 4 bytes come back as one byte when they fit, as Linux.
 *
 * Return: 0 or -errno (-ENOPROTOOPT, -ENOTCONN for IP_MTU unconnected,
 *	-EINVAL for a negative length).
 */
int ip_getsockopt(struct sock *sk, int level, int optname, void *optval,
		  int *optlen)
{
	int len = *optlen, val = 0, err;

	if (level != SOL_IP)
		return -EOPNOTSUPP;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case IP_OPTIONS: {
		const struct ip_options *opt = inet_sk(sk)->inet_opt;
		struct ip_options_data buf;

		if (!opt || !opt->optlen) {
			*optlen = 0;
			return 0;
		}
		/* shown as given: without what compiling filled in */
		memcpy(&buf, opt, sizeof(struct ip_options) + opt->optlen);
		ip_options_undo(&buf.opt);
		len = min_t(int, len, buf.opt.optlen);
		memcpy(optval, buf.opt.__data, (size_t)len);
		*optlen = len;
		return 0;
	}
	case IP_MULTICAST_IF: {
		struct in_addr addr = { .s_addr = inet_sk(sk)->mc_addr };

		len = min_t(int, len, (int)sizeof(addr));
		memcpy(optval, &addr, (size_t)len);
		*optlen = len;
		return 0;
	}
	case IP_MSFILTER:
	case MCAST_MSFILTER:
		lock_sock(sk);
		err = ip_mc_getsockopt(sk, optname, optval, optlen);
		release_sock(sk);
		return err;
	default:
		break;
	}

	err = ip_getsockopt_int(sk, optname, &val);
	if (err)
		return err;
	if (len < (int)sizeof(int) && len > 0 && val >= 0 && val <= 255) {
		unsigned char ucval = (unsigned char)val;

		memcpy(optval, &ucval, 1);
		*optlen = 1;
	} else {
		len = min_t(int, (int)sizeof(int), len);
		memcpy(optval, &val, (size_t)len);
		*optlen = len;
	}
	return 0;
}

/**
 * ip_icmp_error - queue an ICMP error on @sk's error queue (IP_RECVERR)
 * @sk: the socket the quoted packet came from
 * @skb: the ICMP message: network header at the outer IP header, transport
 *	header at the ICMP header, skb->data at the quoted IP header; not
 *	consumed (a clone is queued)
 * @err: errno for the application (EHOSTUNREACH, ECONNREFUSED ...)
 * @port: destination port of the quoted packet (0: msg_name not filled)
 * @info: ee_info: the MTU for frag-needed
 * @payload: where the queued data starts: the quoted transport header
 */
void ip_icmp_error(struct sock *sk, struct sk_buff *skb, int err, __be16 port,
		   u32 info, u8 *payload)
{
	struct sock_exterr_skb *serr;
	const struct iphdr *quoted;
	struct sk_buff *clone;

	if (payload < skb->data || payload > skb->data + skb->len)
		return;
	clone = skb_clone(skb, GFP_ATOMIC);
	if (!clone)
		return;

	serr = SKB_EXT_ERR(clone);
	memset(&serr->ee, 0, sizeof(serr->ee));
	serr->ee.ee_errno = (u32)err;
	serr->ee.ee_origin = SO_EE_ORIGIN_ICMP;
	serr->ee.ee_type = icmp_hdr(clone)->type;
	serr->ee.ee_code = icmp_hdr(clone)->code;
	serr->ee.ee_info = info;
	quoted = (const struct iphdr *)(void *)(icmp_hdr(clone) + 1);
	serr->addr_offset =
		(u16)((const u8 *)&quoted->daddr - skb_network_header(clone));
	serr->port = port;

	skb_pull(clone, (unsigned int)(payload - skb->data));
	skb_reset_transport_header(clone);
	sock_queue_err_skb(sk, clone);
}

/**
 * ip_local_error - queue a locally detected send error (IP_RECVERR)
 * @sk: the sender; nothing happens unless it set IP_RECVERR
 * @err: errno (EMSGSIZE ...)
 * @daddr: destination of the failed send; @port its port
 * @info: ee_info: the MTU for EMSGSIZE
 */
void ip_local_error(struct sock *sk, int err, __be32 daddr, __be16 port,
		    u32 info)
{
	struct sock_exterr_skb *serr;
	struct sk_buff *skb;
	struct iphdr *iph;

	if (!inet_sk(sk)->recverr)
		return;
	skb = alloc_skb(sizeof(struct iphdr), GFP_ATOMIC);
	if (!skb)
		return;
	iph = skb_put_zero(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	iph->daddr = daddr;

	serr = SKB_EXT_ERR(skb);
	memset(serr, 0, sizeof(*serr));
	serr->ee.ee_errno = (u32)err;
	serr->ee.ee_origin = SO_EE_ORIGIN_LOCAL;
	serr->ee.ee_info = info;
	serr->addr_offset = (u16)((u8 *)&iph->daddr - skb_network_header(skb));
	serr->port = port;

	skb_pull(skb, skb->len);
	skb_reset_transport_header(skb);
	sock_queue_err_skb(sk, skb);
}

/*
 * As Linux's sock_dequeue_err_skb(): the pending sk_err follows the error
 * queue - the next queued ICMP error's errno, or none once the last ICMP
 * error has been read.
 */
static void ip_recv_error_update_sk_err(struct sock *sk,
					const struct sk_buff *skb)
{
	const struct sk_buff *next = skb_peek(&sk->sk_error_queue);
	bool icmp_next =
		next && SKB_EXT_ERR(next)->ee.ee_origin == SO_EE_ORIGIN_ICMP;

	if (icmp_next)
		sk->sk_err = (int)SKB_EXT_ERR(next)->ee.ee_errno;
	else if (SKB_EXT_ERR(skb)->ee.ee_origin == SO_EE_ORIGIN_ICMP)
		sk->sk_err = 0;
}

/**
 * ip_recv_error - recvmsg(MSG_ERRQUEUE): the next queued error
 * @sk: the socket
 * @msg: gets the original payload as data, the destination in msg_name
 *	(if a port was recorded), an IP_RECVERR cmsg (struct
 *	sock_extended_err + offender sockaddr_in) and MSG_ERRQUEUE
 * @len: data buffer size (MSG_TRUNC if the payload is longer)
 * @addr_len: set to sizeof(struct sockaddr_in) when msg_name is filled
 *
 * Return: bytes of payload copied, or -EAGAIN when the queue is empty.
 */
int ip_recv_error(struct sock *sk, struct msghdr *msg, int len, int *addr_len)
{
	struct sockaddr_in *sin = msg->msg_name;
	struct sock_exterr_skb *serr;
	struct ip_errhdr errhdr;
	struct sk_buff *skb;
	int copied, err;

	skb = sock_dequeue_err_skb(sk);
	if (!skb)
		return -EAGAIN;
	ip_recv_error_update_sk_err(sk, skb);

	copied = (int)skb->len;
	if (copied > len) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	err = skb_copy_datagram_msg(skb, 0, msg, copied);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	sock_recv_timestamp(msg, sk, skb);

	serr = SKB_EXT_ERR(skb);
	if (sin) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr.s_addr,
		       skb_network_header(skb) + serr->addr_offset,
		       sizeof(__be32));
		sin->sin_port = serr->port;
		*addr_len = sizeof(*sin);
	}

	memset(&errhdr, 0, sizeof(errhdr));
	memcpy(&errhdr.ee, &serr->ee, sizeof(errhdr.ee));
	if (serr->ee.ee_origin == SO_EE_ORIGIN_ICMP) {
		errhdr.offender.sin_family = AF_INET;
		errhdr.offender.sin_addr.s_addr = ip_hdr(skb)->saddr;
		if (inet_sk(sk)->cmsg_flags)
			ip_cmsg_recv_flags(sock_net(sk), msg, skb,
					   inet_sk(sk)->cmsg_flags, true);
	}
	put_cmsg(msg, SOL_IP, IP_RECVERR, sizeof(errhdr), &errhdr);

	msg->msg_flags |= MSG_ERRQUEUE;
	consume_skb(skb);
	return copied;
}
