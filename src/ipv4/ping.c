// SPDX-License-Identifier: BSD-2-Clause
/*
 * ICMP datagram sockets ("ping sockets"): socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP) sends echo requests without raw-socket rights.  The stack
 * owns the echo identifier: it is the socket's port, chosen at bind or
 * autobind, written into every request, and used to find the socket a
 * reply or an error belongs to.  Linux: net/ipv4/ping.c.
 *
 * net.ipv4.ping_group_range says who may open one: the caller's effective
 * group or a supplementary group must be in it (the task's credentials:
 * the process's in the library, the client's in the daemon).  As on Linux
 * the default "1 0" lets nobody, root included; raw sockets stay open to
 * the stack's users (see core/cred.c), so ping falls back to them.
 */
#include <net/cred.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/ping.h>
#include <net/proc_fs.h>
#include <net/snmp.h>

#include "inet_dgram.h"

static struct ping_table *ping_table_of(const struct net *net)
{
	return net->ipv4.ping_table;
}

static struct hlist_head *ping_hashslot(struct ping_table *table,
					unsigned int num)
{
	return &table->hash[num & PING_HTABLE_MASK];
}

static bool ping_ident_inuse(struct ping_table *table, const struct sock *sk,
			     unsigned int ident)
{
	struct sock *sk2;

	hlist_for_each_entry(sk2, ping_hashslot(table, ident), sk_node) {
		if (inet_sk(sk2)->inet_num != ident || sk2 == sk)
			continue;
		if (!sk2->sk_reuse || !sk->sk_reuse)
			return true;
	}
	return false;
}

/*
 * ping_get_port - take echo identifier @ident, or the next free one after
 * the last handed out (never 0).  Return: 0 or -EADDRINUSE.
 */
static int ping_get_port(struct sock *sk, unsigned short ident)
{
	struct ping_table *table = ping_table_of(sock_net(sk));
	int err = 0;

	spin_lock(&table->lock);
	if (!ident) {
		u16 result = (u16)(table->port_rover + 1);
		unsigned int i;

		for (i = 0; i < (1U << 16); i++, result++) {
			if (!result)
				result++; /* avoid zero */
			if (!ping_ident_inuse(table, sk, result))
				break;
		}
		if (i >= (1U << 16)) {
			err = -EADDRINUSE;
			goto out;
		}
		table->port_rover = result;
		ident = result;
	} else if (ping_ident_inuse(table, sk, ident)) {
		err = -EADDRINUSE;
		goto out;
	}

	inet_sk(sk)->inet_num = ident;
	if (hlist_unhashed(&sk->sk_node))
		hlist_add_head(&sk->sk_node, ping_hashslot(table, ident));
out:
	spin_unlock(&table->lock);
	return err;
}

static int ping_hash(struct sock *sk)
{
	(void)sk; /* ping_get_port() hashes */
	return 0;
}

static void ping_unhash(struct sock *sk)
{
	struct ping_table *table = ping_table_of(sock_net(sk));

	spin_lock(&table->lock);
	if (!hlist_unhashed(&sk->sk_node)) {
		hlist_del_init(&sk->sk_node);
		inet_sk(sk)->inet_num = 0;
		inet_sk(sk)->inet_sport = 0;
	}
	spin_unlock(&table->lock);
}

/* The socket owning echo id @ident for a packet to local address @laddr. */
static struct sock *ping_lookup(struct net *net, u16 ident, __be32 laddr,
				int dif)
{
	struct ping_table *table = ping_table_of(net);
	struct sock *sk;

	if (!table)
		return NULL;
	/* Linux reads under RCU; the stack lock stands in for it. */
	hlist_for_each_entry(sk, ping_hashslot(table, ident), sk_node) {
		const struct inet_sock *isk = inet_sk(sk);

		if (isk->inet_num != ident)
			continue;
		if (isk->inet_rcv_saddr && isk->inet_rcv_saddr != laddr)
			continue;
		if (sk->sk_bound_dev_if && sk->sk_bound_dev_if != dif)
			continue;
		break;
	}
	return sk;
}

bool ping_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	const struct icmphdr *icmph;
	unsigned char *th = skb_transport_header(skb);
	struct sock *sk;

	/* Put skb->data back at the ICMP header. */
	if (skb->data > th)
		skb_push(skb, (unsigned int)(skb->data - th));
	else if (skb->data < th)
		skb_pull(skb, (unsigned int)(th - skb->data));
	if (skb->len < sizeof(struct icmphdr)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return false;
	}
	icmph = icmp_hdr(skb);
	sk = ping_lookup(net, ntohs(icmph->un.echo.id), ip_hdr(skb)->daddr,
			 skb->dev->ifindex);
	if (!sk) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NO_SOCKET);
		return false;
	}
	ipv4_pktinfo_prepare(sk, skb);
	sock_queue_rcv_skb(sk, skb);
	return true;
}

int ping_err(struct sk_buff *skb, u32 info)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	const int type = icmp_hdr(skb)->type;
	const int code = icmp_hdr(skb)->code;
	struct icmphdr *icmph;
	struct inet_sock *inet;
	int err, harderr = 0;
	unsigned int ihl;
	struct sock *sk;

	if (skb->len < sizeof(struct iphdr))
		return -EINVAL;
	ihl = iph->ihl * 4U;
	if (ihl < sizeof(struct iphdr) ||
	    skb->len < ihl + sizeof(struct icmphdr))
		return -EINVAL;
	icmph = (struct icmphdr *)(void *)(skb->data + ihl);
	if (icmph->type != ICMP_ECHO)
		return -ENOENT;

	sk = ping_lookup(net, ntohs(icmph->un.echo.id), iph->saddr,
			 skb->dev->ifindex);
	if (!sk)
		return -ENOENT;
	inet = inet_sk(sk);

	switch (type) {
	case ICMP_SOURCE_QUENCH:
		/* Not a real error, but ping wants to see it. */
		err = EREMOTEIO;
		break;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = 1;
		break;
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED) {
			ipv4_sk_update_pmtu(skb, sk, info);
			if (inet->pmtudisc != IP_PMTUDISC_DONT) {
				err = EMSGSIZE;
				harderr = 1;
				break;
			}
			return 0;
		}
		err = EHOSTUNREACH;
		if (code <= NR_ICMP_UNREACH) {
			harderr = icmp_err_convert[code].fatal;
			err = icmp_err_convert[code].errno_;
		}
		break;
	case ICMP_REDIRECT:
		err = EREMOTEIO;
		break;
	case ICMP_TIME_EXCEEDED:
	default:
		err = EHOSTUNREACH;
		break;
	}

	/* RFC 1122 4.1.3.3: pass ICMP errors to the application. */
	if (!inet->recverr) {
		if (!harderr || sk->sk_state != TCP_ESTABLISHED)
			return 0;
	} else {
		ip_icmp_error(sk, skb, err, 0, info, (u8 *)icmph);
	}
	sk->sk_err = err;
	inet_sk_error_report(sk);
	return 0;
}

/* Where the user's ICMP header must go, and what it may be. */
static int ping_common_sendmsg(struct msghdr *msg, size_t len,
			       struct icmphdr *user_icmph)
{
	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (len < sizeof(*user_icmph))
		return -EINVAL;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (inet_iov_copy(msg, 0, user_icmph, sizeof(*user_icmph)))
		return -EFAULT;
	if (user_icmph->type != ICMP_ECHO || user_icmph->code != 0)
		return -EINVAL;
	return 0;
}

/*
 * ping_v4_sendmsg - send an echo request: the user's ICMP header (type
 * ECHO, code 0) with our identifier and a fresh checksum, then the data.
 */
static int ping_v4_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct inet_getfrag_arg arg = { .msg = msg,
					.base = sizeof(struct icmphdr) };
	struct icmphdr user_icmph, *icmph;
	struct ipcm_cookie ipc;
	struct rtable *rt = NULL;
	struct sk_buff *skb;
	struct flowi4 fl4;
	__be32 daddr, saddr, faddr;
	bool strict;
	int err;
	u8 tos;

	err = ping_common_sendmsg(msg, len, &user_icmph);
	if (err)
		return err;

	if (msg->msg_name) {
		struct sockaddr_in usin;

		if (msg->msg_namelen < sizeof(usin))
			return -EINVAL;
		memcpy(&usin, msg->msg_name, sizeof(usin));
		if (usin.sin_family != AF_INET)
			return -EAFNOSUPPORT;
		daddr = usin.sin_addr.s_addr;
	} else {
		if (sk->sk_state != TCP_ESTABLISHED)
			return -EDESTADDRREQ;
		daddr = inet->inet_daddr;
	}

	ipcm_init_sk(&ipc, inet);
	if (msg->msg_controllen) {
		err = ip_cmsg_send(sk, msg, &ipc, false);
		if (err)
			return err;
	}
	saddr = ipc.addr;
	err = ip_options_sendmsg(sk, &ipc, daddr, &faddr, &strict);
	if (err)
		return err;
	tos = ipc.tos != -1 ? (u8)ipc.tos : inet->tos;
	if (IN_MULTICAST(ntohl(daddr))) {
		if (!ipc.oif)
			ipc.oif = inet->mc_index;
		if (!saddr)
			saddr = inet->mc_addr;
	} else if (!ipc.oif) {
		ipc.oif = inet->uc_index;
	}

	inet_flow_init(&fl4, ipc.oif, ipc.mark, tos, IPPROTO_ICMP, faddr, saddr,
		       0, 0,
		       sock_flag(sk, SOCK_LOCALROUTE) ||
			       (msg->msg_flags & MSG_DONTROUTE) || strict);
	fl4.fl4_icmp_type = user_icmph.type;
	fl4.fl4_icmp_code = user_icmph.code;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		err = (int)PTR_ERR(rt);
		rt = NULL;
		if (err == -ENETUNREACH)
			IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		goto out;
	}
	err = -EACCES;
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST))
		goto out;

	skb = ip_make_skb(sk, &fl4, inet_getfrag, &arg, (int)len,
			  sizeof(struct icmphdr), &ipc, &rt, msg->msg_flags);
	err = 0;
	if (IS_ERR(skb)) {
		err = (int)PTR_ERR(skb);
		goto out;
	}
	if (!skb)
		goto out;

	icmph = icmp_hdr(skb);
	icmph->type = user_icmph.type;
	icmph->code = user_icmph.code;
	icmph->checksum = 0;
	icmph->un.echo.id = inet->inet_sport;
	icmph->un.echo.sequence = user_icmph.un.echo.sequence;
	icmph->checksum = csum_fold(csum_partial(icmph, (int)len, 0));
	err = ip_send_skb(net, skb);
	if (err == -ENOBUFS && !inet->recverr)
		err = 0;
out:
	ip_rt_put(rt);
	return err ? err : (int)len;
}

static int ping_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
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
	if (copied > len) {
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
	err = (int)copied;
done:
	skb_free_datagram(sk, skb);
	return err;
}

/* ping_bind - bind an address and, if given, the echo identifier */
static int __ping_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct inet_sock *isk = inet_sk(sk);
	struct sockaddr_in addr;
	unsigned short snum;
	unsigned int type;

	if (addr_len < (int)sizeof(addr))
		return -EINVAL;
	memcpy(&addr, uaddr, sizeof(addr));
	if (addr.sin_family != AF_INET &&
	    !(addr.sin_family == AF_UNSPEC &&
	      addr.sin_addr.s_addr == htonl(INADDR_ANY)))
		return -EAFNOSUPPORT;
	/*
	 * As Linux's ping_check_bind_addr(): an echo request can come from
	 * neither a broadcast nor a multicast address, whatever the
	 * non-local bind settings say.
	 */
	type = inet_dgram_addr_type(sock_net(sk), addr.sin_addr.s_addr);
	if (addr.sin_addr.s_addr &&
	    (type == RTN_MULTICAST || type == RTN_BROADCAST))
		return -EADDRNOTAVAIL;
	if (addr.sin_addr.s_addr && type != RTN_LOCAL &&
	    !sock_net(sk)->ipv4.sysctl_ip_nonlocal_bind && !isk->freebind &&
	    !isk->transparent)
		return -EADDRNOTAVAIL;

	if (isk->inet_num)
		return -EINVAL;
	snum = ntohs(addr.sin_port);
	if (ping_get_port(sk, snum))
		return -EADDRINUSE;
	isk->inet_rcv_saddr = isk->inet_saddr = addr.sin_addr.s_addr;
	if (snum)
		sk->sk_userlocks |= SOCK_BINDPORT_LOCK;
	isk->inet_sport = htons(isk->inet_num);
	isk->inet_daddr = 0;
	isk->inet_dport = 0;
	sk_dst_reset(sk);
	return 0;
}

static int ping_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	int err;

	lock_sock(sk);
	err = __ping_bind(sk, uaddr, addr_len);
	release_sock(sk);
	return err;
}

static int ping_init_sock(struct sock *sk)
{
	const int *range = sock_net(sk)->ipv4.sysctl_ping_group_range;

	if (range[0] < 0 || range[1] < 0 ||
	    !cred_in_group_range(current_cred(), (gid_t)range[0],
				 (gid_t)range[1]))
		return -EACCES;
	return 0;
}

static void ping_close(struct sock *sk, long timeout)
{
	(void)timeout;
	sk_common_release(sk);
}

static int ping_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	return ip4_datagram_connect(sk, uaddr, addr_len);
}

static int __ping_disconnect(struct sock *sk, int flags)
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
	if (!(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
		ping_unhash(sk);
	sk_dst_reset(sk);
	return 0;
}

/* connect(AF_UNSPEC); Linux's ping sockets use udp_disconnect(), locked */
static int ping_disconnect(struct sock *sk, int flags)
{
	int err;

	lock_sock(sk);
	err = __ping_disconnect(sk, flags);
	release_sock(sk);
	return err;
}

static int ping_setsockopt(struct sock *sk, int level, int optname,
			   const void *optval, unsigned int optlen)
{
	return ip_setsockopt(sk, level, optname, optval, optlen);
}

static int ping_getsockopt(struct sock *sk, int level, int optname,
			   void *optval, int *optlen)
{
	return ip_getsockopt(sk, level, optname, optval, optlen);
}

struct proto ping_prot = {
	.name = "PING",
	.obj_size = sizeof(struct inet_sock),
	.init = ping_init_sock,
	.close = ping_close,
	.connect = ping_connect,
	.disconnect = ping_disconnect,
	.setsockopt = ping_setsockopt,
	.getsockopt = ping_getsockopt,
	.sendmsg = ping_v4_sendmsg,
	.recvmsg = ping_recvmsg,
	.bind = ping_bind,
	.hash = ping_hash,
	.unhash = ping_unhash,
	.get_port = ping_get_port,
	.max_header = MAX_HEADER,
};

/* /proc/net/icmp: the ping sockets. */
static int ping_v4_seq_show(struct seq_file *m, void *v)
{
	struct ping_table *table = ping_table_of(seq_file_net(m));
	char line[256];
	unsigned int i;
	struct sock *sk;

	(void)v;
	seq_printf(
		m, "%-127s\n",
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops");
	if (!table)
		return 0;
	for (i = 0; i < PING_HTABLE_SIZE; i++) {
		hlist_for_each_entry(sk, &table->hash[i], sk_node) {
			const struct inet_sock *inet = inet_sk(sk);

			inet_proc_sock_line(
				line, sizeof(line), 5, (int)i, sk,
				inet->inet_rcv_saddr, ntohs(inet->inet_sport),
				inet->inet_daddr, ntohs(inet->inet_dport));
			seq_printf(m, "%-127s\n", line);
		}
	}
	return 0;
}

static int ping_net_init(struct net *net)
{
	net->ipv4.ping_table = kzalloc(sizeof(struct ping_table), GFP_KERNEL);
	if (!net->ipv4.ping_table)
		return -ENOMEM;
	spin_lock_init(&net->ipv4.ping_table->lock);
	return 0;
}

static void ping_net_exit(struct net *net)
{
	kfree(net->ipv4.ping_table);
	net->ipv4.ping_table = NULL;
}

static struct pernet_operations ping_net_ops = {
	.init = ping_net_init,
	.exit = ping_net_exit,
};

/**
 * ping_init - per-namespace ping socket tables and /proc/net/icmp
 * Return: 0 or -errno.
 */
int ping_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = register_pernet_subsys(&ping_net_ops);
	if (err)
		return err;
	return proc_create_net_single("icmp", 0444, ping_v4_seq_show);
}
