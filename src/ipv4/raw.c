// SPDX-License-Identifier: BSD-2-Clause
/*
 * Raw IPv4 sockets: a copy of every packet of their protocol, IP header
 * included; sending with our IP header or the caller's (IP_HDRINCL);
 * ICMP_FILTER; /proc/net/raw.  Linux: net/ipv4/raw.c.
 */
#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <net/icmp.h>
#include <net/igmp.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/raw.h>
#include <net/snmp.h>

#include "inet_dgram.h"

#ifndef SOL_RAW
#define SOL_RAW 255
#endif

static struct raw_hashinfo *raw_hash_of(const struct net *net)
{
	return net->ipv4.raw_hash;
}

static int raw_hash_sk(struct sock *sk)
{
	struct raw_hashinfo *h = raw_hash_of(sock_net(sk));

	spin_lock(&h->lock);
	if (hlist_unhashed(&sk->sk_node))
		hlist_add_head(
			&sk->sk_node,
			&h->ht[inet_sk(sk)->inet_num & (RAW_HTABLE_SIZE - 1)]);
	spin_unlock(&h->lock);
	return 0;
}

static void raw_unhash_sk(struct sock *sk)
{
	struct raw_hashinfo *h = raw_hash_of(sock_net(sk));

	spin_lock(&h->lock);
	hlist_del_init(&sk->sk_node);
	spin_unlock(&h->lock);
}

/* raw_v4_match - is @sk a raw socket for protocol @num from @raddr to @laddr */
static bool raw_v4_match(const struct sock *sk, unsigned short num,
			 __be32 raddr, __be32 laddr, int dif)
{
	const struct inet_sock *inet = inet_sk(sk);

	return inet->inet_num == num &&
	       !(inet->inet_daddr && inet->inet_daddr != raddr) &&
	       !(inet->inet_rcv_saddr && inet->inet_rcv_saddr != laddr) &&
	       !(sk->sk_bound_dev_if && sk->sk_bound_dev_if != dif);
}

/* ICMP_FILTER: true if the socket does not want this ICMP type. */
static bool icmp_filter(const struct sock *sk, const struct sk_buff *skb)
{
	const u8 *type;

	if (skb->len < 1)
		return true;
	type = skb_transport_header(skb);
	if (*type < 32)
		return (raw_sk(sk)->filter.data >> *type) & 1;
	return false; /* do not block unknown ICMP types */
}

/* Queue a clone (data at the transport header) on @sk; consumes it. */
static void raw_rcv(struct sock *sk, struct sk_buff *skb)
{
	skb_push(skb, (unsigned int)(skb->data - skb_network_header(skb)));
	ipv4_pktinfo_prepare(sk, skb);
	sock_queue_rcv_skb(sk, skb);
}

int raw_local_deliver(struct sk_buff *skb, int protocol)
{
	struct net *net = dev_net(skb->dev);
	struct raw_hashinfo *h = raw_hash_of(net);
	const struct iphdr *iph = ip_hdr(skb);
	int dif = skb->dev->ifindex;
	int delivered = 0;
	struct sock *sk;

	if (!h)
		return 0;
	/* Linux reads under RCU; the stack lock stands in for it. */
	hlist_for_each_entry(sk, &h->ht[protocol & (RAW_HTABLE_SIZE - 1)],
			     sk_node) {
		struct sk_buff *clone;

		if (!raw_v4_match(sk, (unsigned short)protocol, iph->saddr,
				  iph->daddr, dif))
			continue;
		delivered = 1;
		if (protocol == IPPROTO_ICMP && icmp_filter(sk, skb))
			continue;
		if (!ip_mc_sf_allow(sk, iph->daddr, iph->saddr, dif))
			continue;
		clone = skb_clone(skb, GFP_ATOMIC);
		if (clone)
			raw_rcv(sk, clone);
	}
	return delivered;
}

static void raw_err(struct sock *sk, struct sk_buff *skb, u32 info)
{
	struct inet_sock *inet = inet_sk(sk);
	const int type = icmp_hdr(skb)->type;
	const int code = icmp_hdr(skb)->code;
	int err = 0, harderr = 0;

	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		ipv4_sk_update_pmtu(skb, sk, info);
	else if (type == ICMP_REDIRECT)
		return;

	/*
	 * Report only if the user asked (IP_RECVERR) or the socket is
	 * connected: otherwise nobody could tell what the error is about.
	 */
	if (!inet->recverr && sk->sk_state != TCP_ESTABLISHED)
		return;

	switch (type) {
	case ICMP_SOURCE_QUENCH:
		return;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = 1;
		break;
	case ICMP_DEST_UNREACH:
		err = EHOSTUNREACH;
		if (code > NR_ICMP_UNREACH)
			break;
		if (code == ICMP_FRAG_NEEDED) {
			harderr = inet->pmtudisc != IP_PMTUDISC_DONT;
			err = EMSGSIZE;
		} else {
			err = icmp_err_convert[code].errno_;
			harderr = icmp_err_convert[code].fatal;
		}
		break;
	case ICMP_TIME_EXCEEDED:
	default:
		err = EHOSTUNREACH;
		break;
	}

	if (inet->recverr) {
		const struct iphdr *iph =
			(const struct iphdr *)(void *)skb->data;
		u8 *payload = skb->data + (size_t)iph->ihl * 4;

		if (inet->hdrincl)
			payload = skb->data;
		ip_icmp_error(sk, skb, err, 0, info, payload);
	}
	if (inet->recverr || harderr) {
		sk->sk_err = err;
		inet_sk_error_report(sk);
	}
}

void raw_icmp_error(struct sk_buff *skb, int protocol, u32 info)
{
	struct net *net = dev_net(skb->dev);
	struct raw_hashinfo *h = raw_hash_of(net);
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	int dif = skb->dev->ifindex;
	struct sock *sk;

	if (!h || skb->len < sizeof(struct iphdr) || skb->len < iph->ihl * 4U)
		return;
	hlist_for_each_entry(sk, &h->ht[protocol & (RAW_HTABLE_SIZE - 1)],
			     sk_node) {
		if (!raw_v4_match(sk, (unsigned short)iph->protocol, iph->daddr,
				  iph->saddr, dif))
			continue;
		raw_err(sk, skb, info);
	}
}

/*
 * raw_send_hdrinc - send the caller's own IP header (IP_HDRINCL), after
 * the checks of Linux's raw_send_hdrinc(): a sane ihl; saddr, tot_len,
 * id and checksum filled in.
 */
static int raw_send_hdrinc(struct sock *sk, struct flowi4 *fl4,
			   struct msghdr *msg, size_t length,
			   struct rtable **rtp, unsigned int flags)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct rtable *rt = *rtp;
	struct net_device *dev = rt->dst.dev;
	unsigned int iphlen;
	struct sk_buff *skb;
	struct iphdr *iph;
	int err;

	if (length > dev->mtu) {
		ip_local_error(sk, EMSGSIZE, fl4->daddr, inet->inet_dport,
			       dev->mtu);
		return -EMSGSIZE;
	}
	if (length < sizeof(struct iphdr))
		return -EINVAL;
	if (flags & MSG_PROBE)
		return 0;

	skb = sock_alloc_send_skb(sk, LL_RESERVED_SPACE(dev) + length + 15,
				  (flags & MSG_DONTWAIT) != 0, &err);
	if (!skb)
		goto error;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb->protocol = htons(ETH_P_IP);
	skb->priority = sk->sk_priority;
	skb->mark = sk->sk_mark;
	skb_dst_set(skb, &rt->dst);
	*rtp = NULL;

	skb_reset_network_header(skb);
	iph = skb_put(skb, (unsigned int)length);
	skb->ip_summed = CHECKSUM_NONE;
	skb->transport_header = skb->network_header;
	err = inet_iov_copy(msg, 0, iph, length);
	if (err)
		goto error_free;

	/* ihl must fit the data and cover at least a bare header. */
	iphlen = iph->ihl * 4U;
	err = -EINVAL;
	if (iphlen > length || iphlen < sizeof(*iph))
		goto error_free;
	if (!iph->saddr)
		iph->saddr = fl4->saddr;
	iph->check = 0;
	iph->tot_len = htons((u16)length);
	if (!iph->id)
		ip_select_ident(net, skb, NULL);
	iph->check = ip_fast_csum(iph, iph->ihl);
	skb->transport_header = (u16)(skb->transport_header + iphlen);
	if (iph->protocol == IPPROTO_ICMP &&
	    length >= iphlen + sizeof(struct icmphdr))
		icmp_out_count(net, *skb_transport_header(skb));
	err = dst_output(net, sk, skb);
	if (err > 0)
		err = net_xmit_errno(err);
	if (err)
		goto error;
	return 0;

error_free:
	kfree_skb(skb);
error:
	IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
	if (err == -ENOBUFS && !inet->recverr)
		err = 0;
	return err;
}

/* Send with our IP header: the caller's data is the whole payload. */
static int raw_send_payload(struct sock *sk, struct flowi4 *fl4,
			    struct msghdr *msg, size_t len,
			    struct ipcm_cookie *ipc, struct rtable **rtp)
{
	struct inet_sock *inet = inet_sk(sk);
	struct inet_getfrag_arg arg = { .msg = msg, .base = 0 };
	struct sk_buff *skb;
	int err;

	skb = ip_make_skb(sk, fl4, inet_getfrag, &arg, (int)len, 0, ipc, rtp,
			  msg->msg_flags);
	if (IS_ERR(skb))
		return (int)PTR_ERR(skb);
	if (!skb)
		return 0;
	err = ip_send_skb(sock_net(sk), skb);
	if (err == -ENOBUFS && !inet->recverr)
		err = 0;
	return err;
}

static int raw_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct ipcm_cookie ipc;
	struct rtable *rt = NULL;
	struct flowi4 fl4;
	bool hdrincl = inet->hdrincl, strict;
	__be32 daddr, saddr, faddr;
	int err;
	u8 tos;

	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;

	if (msg->msg_namelen) {
		struct sockaddr_in usin;

		if (msg->msg_namelen < sizeof(usin))
			return -EINVAL;
		memcpy(&usin, msg->msg_name, sizeof(usin));
		if (usin.sin_family != AF_INET && usin.sin_family)
			return -EAFNOSUPPORT;
		daddr = usin.sin_addr.s_addr;
	} else {
		if (sk->sk_state != TCP_ESTABLISHED)
			return -EDESTADDRREQ;
		daddr = inet->inet_daddr;
	}

	ipcm_init_sk(&ipc, inet);
	if (hdrincl)
		ipc.protocol = IPPROTO_RAW;
	if (msg->msg_controllen) {
		err = ip_cmsg_send(sk, msg, &ipc, false);
		if (err)
			return err;
	}
	saddr = ipc.addr;
	err = ip_options_sendmsg(sk, &ipc, daddr, &faddr, &strict);
	if (err)
		return err;
	/* Linux does not mangle a header the caller wrote: no options */
	if (ipc.opt && hdrincl)
		return -EINVAL;
	tos = ipc.tos != -1 ? (u8)ipc.tos : inet->tos;
	if (IN_MULTICAST(ntohl(daddr))) {
		if (!ipc.oif)
			ipc.oif = inet->mc_index;
		if (!saddr)
			saddr = inet->mc_addr;
	} else if (!ipc.oif) {
		ipc.oif = inet->uc_index;
	}

	inet_flow_init(&fl4, ipc.oif, ipc.mark, tos,
		       hdrincl ? ipc.protocol : (u8)sk->sk_protocol, faddr,
		       saddr, 0, 0,
		       sock_flag(sk, SOCK_LOCALROUTE) ||
			       (msg->msg_flags & MSG_DONTROUTE) || strict);
	if (hdrincl)
		fl4.flowi4_flags |= FLOWI_FLAG_ANYSRC;
	/*
	 * raw_probe_proto_opt(): Linux reads an ICMP message's type and code
	 * for the flow before routing; fewer than two bytes is -EFAULT.
	 */
	if (!hdrincl && sk->sk_protocol == IPPROTO_ICMP) {
		u8 tc[2];

		err = inet_iov_copy(msg, 0, tc, sizeof(tc));
		if (err || len < sizeof(tc))
			return -EFAULT;
		fl4.fl4_icmp_type = tc[0];
		fl4.fl4_icmp_code = tc[1];
	}
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		err = (int)PTR_ERR(rt);
		rt = NULL;
		goto done;
	}
	err = -EACCES;
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST))
		goto done;

	if (hdrincl) {
		err = raw_send_hdrinc(sk, &fl4, msg, len, &rt, msg->msg_flags);
	} else {
		if (!ipc.addr)
			ipc.addr = fl4.daddr;
		ipc.protocol = 0;
		err = raw_send_payload(sk, &fl4, msg, len, &ipc, &rt);
	}
done:
	ip_rt_put(rt);
	return err < 0 ? err : (int)len;
}

static int raw_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags, int *addr_len)
{
	struct sockaddr_in *sin = msg->msg_name;
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return ip_recv_error(sk, msg, (int)len, addr_len);

	skb = skb_recv_datagram(sk, (unsigned int)flags, &err);
	if (!skb)
		return err;

	copied = skb->len;
	if (len < copied) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	err = skb_copy_datagram_msg(skb, 0, msg, (int)copied);
	if (err)
		goto done;

	sock_recv_timestamp(msg, sk, skb);
	if (sin) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = ip_hdr(skb)->saddr;
		*addr_len = sizeof(*sin);
	}
	if (inet_sk(sk)->cmsg_flags)
		ip_cmsg_recv_offset(msg, sk, skb, 0, 0);
	if (flags & MSG_TRUNC)
		copied = skb->len;
done:
	skb_free_datagram(sk, skb);
	return err ? err : (int)copied;
}

/* raw_bind - bind a local address (raw sockets have no ports) */
static int __raw_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in addr;
	unsigned int type;

	if (sk->sk_state != TCP_CLOSE || addr_len < (int)sizeof(addr))
		return -EINVAL;
	memcpy(&addr, uaddr, sizeof(addr)); /* no family check, as Linux */
	type = inet_dgram_addr_type(sock_net(sk), addr.sin_addr.s_addr);
	if (addr.sin_addr.s_addr && type != RTN_LOCAL &&
	    type != RTN_MULTICAST && type != RTN_BROADCAST &&
	    !sock_net(sk)->ipv4.sysctl_ip_nonlocal_bind && !inet->freebind &&
	    !inet->transparent)
		return -EADDRNOTAVAIL;
	inet->inet_rcv_saddr = inet->inet_saddr = addr.sin_addr.s_addr;
	if (type == RTN_MULTICAST || type == RTN_BROADCAST)
		inet->inet_saddr = 0; /* use the device's */
	sk_dst_reset(sk);
	return 0;
}

static int raw_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	int err;

	lock_sock(sk);
	err = __raw_bind(sk, uaddr, addr_len);
	release_sock(sk);
	return err;
}

static int raw_ioctl(struct sock *sk, int cmd, void *arg)
{
	int amount;

	switch (cmd) {
	case SIOCOUTQ:
		amount = sk->sk_wmem_alloc;
		break;
	case SIOCINQ: {
		struct sk_buff *skb = skb_peek(&sk->sk_receive_queue);

		amount = skb ? (int)skb->len : 0;
		break;
	}
	default:
		return -ENOIOCTLCMD;
	}
	memcpy(arg, &amount, sizeof(amount));
	return 0;
}

static int raw_setsockopt(struct sock *sk, int level, int optname,
			  const void *optval, unsigned int optlen)
{
	if (level != SOL_RAW)
		return ip_setsockopt(sk, level, optname, optval, optlen);
	if (optname != ICMP_FILTER)
		return -ENOPROTOOPT;
	if (inet_sk(sk)->inet_num != IPPROTO_ICMP)
		return -EOPNOTSUPP;
	if (optlen > sizeof(struct icmp_filter))
		optlen = sizeof(struct icmp_filter);
	if (optlen) /* optval may be NULL with a length of 0 */
		memcpy(&raw_sk(sk)->filter, optval, optlen);
	return 0;
}

static int raw_getsockopt(struct sock *sk, int level, int optname, void *optval,
			  int *optlen)
{
	int len;

	if (level != SOL_RAW)
		return ip_getsockopt(sk, level, optname, optval, optlen);
	if (optname != ICMP_FILTER)
		return -ENOPROTOOPT;
	if (inet_sk(sk)->inet_num != IPPROTO_ICMP)
		return -EOPNOTSUPP;
	len = *optlen;
	if (len < 0)
		return -EINVAL;
	if (len > (int)sizeof(struct icmp_filter))
		len = sizeof(struct icmp_filter);
	memcpy(optval, &raw_sk(sk)->filter, (size_t)len);
	*optlen = len;
	return 0;
}

static int raw_sk_init(struct sock *sk)
{
	if (inet_sk(sk)->inet_num == IPPROTO_ICMP)
		memset(&raw_sk(sk)->filter, 0, sizeof(raw_sk(sk)->filter));
	return 0;
}

static void raw_close(struct sock *sk, long timeout)
{
	(void)timeout;
	sk_common_release(sk);
}

static int raw_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	return ip4_datagram_connect(sk, uaddr, addr_len);
}

static int __raw_disconnect(struct sock *sk, int flags)
{
	struct inet_sock *inet = inet_sk(sk);

	(void)flags;
	sk->sk_state = TCP_CLOSE;
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	sk->sk_bound_dev_if = 0;
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK)) {
		inet->inet_rcv_saddr = 0;
		inet->inet_saddr = 0;
	}
	sk_dst_reset(sk);
	return 0;
}

/* connect(AF_UNSPEC); Linux's raw sockets use udp_disconnect(), locked */
static int raw_disconnect(struct sock *sk, int flags)
{
	int err;

	lock_sock(sk);
	err = __raw_disconnect(sk, flags);
	release_sock(sk);
	return err;
}

struct proto raw_prot = {
	.name = "RAW",
	.obj_size = sizeof(struct raw_sock),
	.init = raw_sk_init,
	.close = raw_close,
	.connect = raw_connect,
	.disconnect = raw_disconnect,
	.ioctl = raw_ioctl,
	.setsockopt = raw_setsockopt,
	.getsockopt = raw_getsockopt,
	.sendmsg = raw_sendmsg,
	.recvmsg = raw_recvmsg,
	.bind = raw_bind,
	.hash = raw_hash_sk,
	.unhash = raw_unhash_sk,
	.max_header = MAX_HEADER,
};

/* /proc/net/raw */
static int raw_seq_show(struct seq_file *m, void *v)
{
	struct raw_hashinfo *h = raw_hash_of(seq_file_net(m));
	char line[256];
	unsigned int i;
	struct sock *sk;

	(void)v;
	seq_puts(
		m,
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
	if (!h)
		return 0;
	for (i = 0; i < RAW_HTABLE_SIZE; i++) {
		hlist_for_each_entry(sk, &h->ht[i], sk_node) {
			const struct inet_sock *inet = inet_sk(sk);

			inet_proc_sock_line(line, sizeof(line), 4, (int)i, sk,
					    inet->inet_rcv_saddr,
					    inet->inet_num, inet->inet_daddr,
					    0);
			seq_printf(m, "%s\n", line);
		}
	}
	return 0;
}

static int raw_net_init(struct net *net)
{
	net->ipv4.raw_hash = kzalloc(sizeof(struct raw_hashinfo), GFP_KERNEL);
	if (!net->ipv4.raw_hash)
		return -ENOMEM;
	spin_lock_init(&net->ipv4.raw_hash->lock);
	return 0;
}

static void raw_net_exit(struct net *net)
{
	kfree(net->ipv4.raw_hash);
	net->ipv4.raw_hash = NULL;
}

static struct pernet_operations raw_net_ops = {
	.init = raw_net_init,
	.exit = raw_net_exit,
};

/**
 * raw_init - per-namespace raw socket tables and /proc/net/raw
 * Return: 0 or -errno.
 */
int raw_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = register_pernet_subsys(&raw_net_ops);
	if (err)
		return err;
	return proc_create_net_single("raw", 0444, raw_seq_show);
}
