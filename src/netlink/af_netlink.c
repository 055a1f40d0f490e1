// SPDX-License-Identifier: BSD-2-Clause
/*
 * PF_NETLINK sockets: datagrams between user sockets and the kernel's
 * per-namespace sockets of each protocol (NETLINK_ROUTE, NETLINK_SOCK_DIAG,
 * NETLINK_GENERIC).
 * A request sent to port 0 is handed to the kernel socket's input
 * synchronously (rtnetlink_rcv, sock_diag_rcv); replies,
 * acks and dump parts are queued on the requester's receive queue; groups
 * carry notifications to every subscribed socket of the namespace.
 * Linux: net/netlink/af_netlink.c.
 */
#include <limits.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <net/init.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

#define MAX_LINKS 32 /* netlink protocols, as Linux */

/* nlk->flags (Linux's NETLINK_F_*) */
#define NETLINK_F_KERNEL_SOCKET	       0x1
#define NETLINK_F_RECV_PKTINFO	       0x2
#define NETLINK_F_BROADCAST_SEND_ERROR 0x4
#define NETLINK_F_RECV_NO_ENOBUFS      0x8
#define NETLINK_F_LISTEN_ALL_NSID      0x10
#define NETLINK_F_CAP_ACK	       0x20
#define NETLINK_F_EXT_ACK	       0x40
#define NETLINK_F_STRICT_CHK	       0x80

/* The largest dump skb, whatever the reader's buffer (Linux: 32 KiB). */
#define NETLINK_MAX_DUMP_ALLOC 32768

/**
 * struct netlink_sock - a netlink socket
 * @portid: the bound port (0 for the kernel socket)
 * @dst_portid, @dst_group: where connect() points sends
 * @groups: group memberships, bit n - 1 for group n
 * @cb: the dump in progress (while @cb_running)
 * @dump_extack: error text a dump reports in its NLMSG_DONE
 * @max_recvmsg_len: the largest buffer the reader offered; sizes dumps
 * @rover: kernel socket only: the next autobind port to try
 * @node: in net->netlink_socks (user sockets)
 */
struct netlink_sock {
	struct sock sk;
	u32 portid;
	u32 dst_portid;
	u32 dst_group;
	u32 flags;
	u64 groups;
	u32 ngroups;
	bool bound;
	bool congested;
	bool cb_running;
	int dump_done_errno;
	struct netlink_callback cb;
	struct netlink_ext_ack dump_extack;
	size_t max_recvmsg_len;
	u32 rover;
	void (*netlink_rcv)(struct sk_buff *skb);
	struct list_head node;
};

static inline struct netlink_sock *nlk_sk(const struct sock *sk)
{
	return container_of(sk, struct netlink_sock, sk);
}

static inline bool netlink_is_kernel(const struct sock *sk)
{
	return nlk_sk(sk)->flags & NETLINK_F_KERNEL_SOCKET;
}

static struct proto netlink_proto = {
	.name = "NETLINK",
	.obj_size = sizeof(struct netlink_sock),
};

static const struct proto_ops netlink_ops;

static u32 netlink_group_mask(u32 group)
{
	return group && group <= 32 ? 1U << (group - 1) : 0;
}

static bool netlink_is_member(const struct netlink_sock *nlk, u32 group)
{
	return group && group <= nlk->ngroups && group <= 64 &&
	       (nlk->groups & (1ULL << (group - 1)));
}

/*
 * netlink_lookup - the bound user socket of @net with @portid in @protocol,
 * or NULL: each protocol has its own port space, as on Linux
 */
static struct sock *netlink_lookup(struct net *net, int protocol, u32 portid)
{
	struct netlink_sock *nlk;

	list_for_each_entry(nlk, &net->netlink_socks, node)
		if (nlk->bound && nlk->portid == portid &&
		    nlk->sk.sk_protocol == protocol)
			return &nlk->sk;
	return NULL;
}

/* The kernel socket of @protocol in @net (NULL: no kernel side built). */
static struct sock *netlink_kernel_sock(const struct net *net, int protocol)
{
	switch (protocol) {
	case NETLINK_ROUTE:
		return net->rtnl;
	case NETLINK_SOCK_DIAG:
		return net->diag_nlsk;
	case NETLINK_GENERIC:
		return net->genl_sock;
	default:
		return NULL;
	}
}

/* Do @a and @b speak the same netlink protocol? */
static bool netlink_same_proto(const struct sock *a, const struct sock *b)
{
	return a->sk_protocol == b->sk_protocol;
}

/* ---- sockets ---- */

static struct sock *__netlink_create(struct net *net, struct socket *sock,
				     int protocol, int kern)
{
	struct netlink_sock *nlk;
	struct sock *sk;

	sk = sk_alloc(net, PF_NETLINK, &netlink_proto, kern);
	if (!sk)
		return NULL;
	sock_init_data(sock, sk);
	sk->sk_protocol = (unsigned short)protocol;
	nlk = nlk_sk(sk);
	INIT_LIST_HEAD(&nlk->node);
	nlk->ngroups = RTNLGRP_MAX;
	if (sock)
		sock->ops = &netlink_ops;
	return sk;
}

/*
 * netlink_create - socket(PF_NETLINK, SOCK_RAW or SOCK_DGRAM, protocol).
 * Only NETLINK_ROUTE, NETLINK_SOCK_DIAG and NETLINK_GENERIC have a kernel
 * side here; the other protocols answer -EPROTONOSUPPORT as an
 * unregistered one does on Linux.
 */
static int netlink_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	sock->state = SS_UNCONNECTED;
	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol >= MAX_LINKS)
		return -EPROTONOSUPPORT;
	if (!netlink_kernel_sock(net, protocol))
		return -EPROTONOSUPPORT;
	if (!__netlink_create(net, sock, protocol, kern))
		return -ENOMEM;
	list_add_tail(&nlk_sk(sock->sk)->node, &net->netlink_socks);
	return 0;
}

/* netlink_dump_release - end the dump in progress, if any */
static void netlink_dump_release(struct netlink_sock *nlk)
{
	struct netlink_callback *cb = &nlk->cb;

	if (!nlk->cb_running)
		return;
	nlk->cb_running = false;
	if (cb->done)
		cb->done(cb);
	consume_skb(cb->skb);
	cb->skb = NULL;
}

static int netlink_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk;

	if (!sk)
		return 0;
	nlk = nlk_sk(sk);
	netlink_dump_release(nlk);
	list_del_init(&nlk->node);
	nlk->bound = false;
	nlk->groups = 0;
	sock_set_flag(sk, SOCK_DEAD);
	sk->sk_socket = NULL;
	sk->sk_wq = &sk->sk_wq_own;
	sock->sk = NULL;
	skb_queue_purge(&sk->sk_receive_queue);
	sock_put(sk);
	return 0;
}

/* netlink_insert - take @portid for @sk; -EADDRINUSE if it is taken */
static int netlink_insert(struct sock *sk, u32 portid)
{
	struct netlink_sock *nlk = nlk_sk(sk);

	if (nlk->bound)
		return -EBUSY;
	if (netlink_lookup(sock_net(sk), sk->sk_protocol, portid))
		return -EADDRINUSE;
	nlk->portid = portid;
	nlk->bound = true;
	return 0;
}

/*
 * netlink_autobind - pick a free port.  Linux first tries the process id,
 * then counts down from -4097; tuxnet has no process ids, so every socket
 * takes the next free value of a per-namespace countdown from -4097.
 */
static int netlink_autobind(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct net *net = sock_net(sk);
	struct netlink_sock *knlk = net->rtnl ? nlk_sk(net->rtnl) : NULL;
	u32 portid = knlk && knlk->rover ? knlk->rover : (u32)-4097;
	unsigned int tries;

	for (tries = 0; tries < 1U << 20; tries++) {
		u32 next = portid - 1;

		if (next == 0 || (s32)next > -4097)
			next = (u32)-4097;
		if (!netlink_lookup(net, sk->sk_protocol, portid)) {
			if (knlk)
				knlk->rover = next;
			return netlink_insert(sk, portid);
		}
		portid = next;
	}
	return -EADDRINUSE;
}

static int netlink_bind(struct socket *sock, struct sockaddr *addr,
			int addr_len)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	struct sockaddr_nl *nladdr = (struct sockaddr_nl *)(void *)addr;
	u32 groups;
	int err;

	if (addr_len < (int)sizeof(struct sockaddr_nl))
		return -EINVAL;
	if (nladdr->nl_family != AF_NETLINK)
		return -EINVAL;
	groups = nladdr->nl_groups;
	if (nlk->ngroups < 32)
		groups &= (1U << nlk->ngroups) - 1;
	if (nlk->bound && nladdr->nl_pid != nlk->portid)
		return -EINVAL;
	if (!nlk->bound) {
		err = nladdr->nl_pid ? netlink_insert(sk, nladdr->nl_pid)
				     : netlink_autobind(sock);
		if (err)
			return err;
	}
	nlk->groups = (nlk->groups & ~0xffffffffULL) | groups;
	return 0;
}

static int netlink_connect(struct socket *sock, struct sockaddr *addr, int alen,
			   int flags)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	struct sockaddr_nl *nladdr = (struct sockaddr_nl *)(void *)addr;
	int err = 0;

	(void)flags;
	if (alen < (int)sizeof(addr->sa_family))
		return -EINVAL;
	if (addr->sa_family == AF_UNSPEC) {
		sock->state = SS_UNCONNECTED;
		nlk->dst_portid = 0;
		nlk->dst_group = 0;
		return 0;
	}
	if (addr->sa_family != AF_NETLINK)
		return -EINVAL;
	if (alen < (int)sizeof(struct sockaddr_nl))
		return -EINVAL;
	if (!nlk->bound)
		err = netlink_autobind(sock);
	if (err == 0) {
		sock->state = SS_CONNECTED;
		nlk->dst_portid = nladdr->nl_pid;
		nlk->dst_group = (u32)ffs((int)nladdr->nl_groups);
	}
	return err;
}

static int netlink_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	struct sockaddr_nl *nladdr = (struct sockaddr_nl *)(void *)addr;

	memset(nladdr, 0, sizeof(*nladdr));
	nladdr->nl_family = AF_NETLINK;
	if (peer) {
		nladdr->nl_pid = nlk->dst_portid;
		nladdr->nl_groups = netlink_group_mask(nlk->dst_group);
	} else {
		nladdr->nl_pid = nlk->portid;
		nladdr->nl_groups = (u32)nlk->groups;
	}
	return sizeof(*nladdr);
}

/* ---- delivery ---- */

/*
 * netlink_overrun - a message to @sk was lost: the next recv reports
 * ENOBUFS (once, until the queue drains), unless NETLINK_NO_ENOBUFS.
 */
static void netlink_overrun(struct sock *sk)
{
	struct netlink_sock *nlk = nlk_sk(sk);

	if (!(nlk->flags & NETLINK_F_RECV_NO_ENOBUFS) && !nlk->congested) {
		nlk->congested = true;
		sk->sk_err = ENOBUFS;
		sk->sk_error_report(sk);
	}
	sk->sk_drops++;
}

static void netlink_rcv_wake(struct sock *sk)
{
	if (skb_queue_empty(&sk->sk_receive_queue))
		nlk_sk(sk)->congested = false;
}

/* __netlink_sendskb - charge @skb to @sk and queue it; returns its length */
static int __netlink_sendskb(struct sock *sk, struct sk_buff *skb)
{
	int len = (int)skb->len;

	skb_set_owner_r(skb, sk);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_data_ready(sk);
	return len;
}

/* The kernel socket's input runs now, in the sender's context. */
static int netlink_unicast_kernel(struct sock *sk, struct sk_buff *skb,
				  struct sock *ssk)
{
	struct netlink_sock *nlk = nlk_sk(sk);
	int ret = -ECONNREFUSED;

	if (nlk->netlink_rcv) {
		ret = (int)skb->len;
		skb_orphan(skb);
		skb->sk = sk; /* the kernel socket answers (netlink_ack) */
		NETLINK_CB(skb).sk = ssk;
		nlk->netlink_rcv(skb);
		skb->sk = NULL;
		consume_skb(skb);
	} else {
		kfree_skb(skb);
	}
	return ret;
}

/**
 * netlink_unicast - deliver @skb to port @portid in @ssk's namespace
 * @ssk: the sending socket (the kernel socket for replies)
 * @skb: consumed on every path
 * @portid: 0 is the kernel
 * @nonblock: do not wait for receive-buffer room (tuxnet never waits)
 *
 * A full receiver loses the message: a reply from the kernel marks the
 * receiver's overrun (ENOBUFS on its next recv).
 * Return: the length delivered, -ECONNREFUSED (no such port) or -EAGAIN.
 */
int netlink_unicast(struct sock *ssk, struct sk_buff *skb, u32 portid,
		    int nonblock)
{
	struct net *net = sock_net(ssk);
	struct sock *sk;

	(void)nonblock;
	if (portid == 0 && netlink_kernel_sock(net, ssk->sk_protocol))
		return netlink_unicast_kernel(
			netlink_kernel_sock(net, ssk->sk_protocol), skb, ssk);
	sk = netlink_lookup(net, ssk->sk_protocol, portid);
	if (!sk) {
		kfree_skb(skb);
		return -ECONNREFUSED;
	}
	if (sk->sk_rmem_alloc > sk->sk_rcvbuf || nlk_sk(sk)->congested) {
		if (netlink_is_kernel(ssk))
			netlink_overrun(sk);
		else
			sk->sk_drops++;
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
		return -EAGAIN;
	}
	return __netlink_sendskb(sk, skb);
}

/**
 * netlink_has_listeners - does any socket of @sk's namespace listen to
 *	@group?  Notifications are not built when nobody would read them.
 */
bool netlink_has_listeners(struct sock *sk, unsigned int group)
{
	struct netlink_sock *nlk;

	list_for_each_entry(nlk, &sock_net(sk)->netlink_socks, node)
		if (netlink_same_proto(&nlk->sk, sk) &&
		    netlink_is_member(nlk, group))
			return true;
	return false;
}

/**
 * netlink_broadcast - deliver a copy of @skb to every member of @group in
 *	@ssk's namespace except port @portid
 * @skb: consumed
 * Return: 0 if someone got it, -ESRCH if nobody listens, -ENOBUFS if a
 *	copy could not be made.
 */
int netlink_broadcast(struct sock *ssk, struct sk_buff *skb, u32 portid,
		      u32 group, int gfp)
{
	struct netlink_sock *nlk;
	bool delivered = false, failure = false;

	(void)gfp;
	NETLINK_CB(skb).dst_group = group;
	list_for_each_entry(nlk, &sock_net(ssk)->netlink_socks, node) {
		struct sock *sk = &nlk->sk;
		struct sk_buff *copy;

		if (sk == ssk || !netlink_same_proto(sk, ssk) ||
		    (nlk->bound && nlk->portid == portid) ||
		    !netlink_is_member(nlk, group))
			continue;
		if (nlk->congested || sk->sk_rmem_alloc > sk->sk_rcvbuf) {
			netlink_overrun(sk);
			continue;
		}
		copy = skb_clone(skb, 0);
		if (!copy) {
			netlink_overrun(sk);
			failure = true;
			continue;
		}
		__netlink_sendskb(sk, copy);
		delivered = true;
	}
	consume_skb(skb);
	if (failure)
		return -ENOBUFS;
	return delivered ? 0 : -ESRCH;
}

/**
 * netlink_set_err - report error @code to every member of @group in
 *	@ssk's namespace (but @portid), as an overrun would
 * Return: the number of sockets told (NETLINK_NO_ENOBUFS ones skip ENOBUFS).
 */
int netlink_set_err(struct sock *ssk, u32 portid, u32 group, int code)
{
	struct netlink_sock *nlk;
	int n = 0;

	list_for_each_entry(nlk, &sock_net(ssk)->netlink_socks, node) {
		if (!netlink_same_proto(&nlk->sk, ssk) ||
		    (nlk->bound && nlk->portid == portid) ||
		    !netlink_is_member(nlk, group))
			continue;
		if (code == ENOBUFS && (nlk->flags & NETLINK_F_RECV_NO_ENOBUFS))
			continue;
		nlk->sk.sk_err = code;
		nlk->sk.sk_error_report(&nlk->sk);
		n++;
	}
	return n;
}

/* ---- send and receive ---- */

static int netlink_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	struct sockaddr_nl *addr = msg->msg_name;
	u32 dst_portid, dst_group;
	struct sk_buff *skb;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen) {
		if (msg->msg_namelen < sizeof(struct sockaddr_nl))
			return -EINVAL;
		if (addr->nl_family != AF_NETLINK)
			return -EINVAL;
		dst_portid = addr->nl_pid;
		dst_group = (u32)ffs((int)addr->nl_groups);
	} else {
		dst_portid = nlk->dst_portid;
		dst_group = nlk->dst_group;
	}
	if (!nlk->bound) {
		err = netlink_autobind(sock);
		if (err)
			return err;
	}
	if (len > (size_t)sk->sk_sndbuf - 32)
		return -EMSGSIZE;
	skb = alloc_skb((unsigned int)len, 0);
	if (!skb)
		return -ENOBUFS;
	NETLINK_CB(skb).portid = nlk->portid;
	NETLINK_CB(skb).dst_group = dst_group;
	NETLINK_CB(skb).sk = sk;
	err = memcpy_from_msg(skb_put(skb, (unsigned int)len), msg, (int)len);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	if (dst_group)
		netlink_broadcast(sk, skb_get(skb), dst_portid, dst_group, 0);
	err = netlink_unicast(sk, skb, dst_portid,
			      msg->msg_flags & MSG_DONTWAIT);
	if (err >= 0)
		err = (int)len;
	return err;
}

static int netlink_dump(struct sock *sk);

static int netlink_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
			   int flags)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	struct sk_buff *skb;
	size_t copied;
	int err, ret;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = skb_recv_datagram(sk, (unsigned int)flags, &err);
	if (!skb)
		goto out;
	nlk->max_recvmsg_len = max_t(size_t, nlk->max_recvmsg_len, len);
	nlk->max_recvmsg_len =
		min_t(size_t, nlk->max_recvmsg_len, NETLINK_MAX_DUMP_ALLOC);
	copied = skb->len;
	if (len < copied) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	err = skb_copy_datagram_msg(skb, 0, msg, (int)copied);
	if (msg->msg_name) {
		struct sockaddr_nl *addr = msg->msg_name;

		memset(addr, 0, sizeof(*addr));
		addr->nl_family = AF_NETLINK;
		addr->nl_pid = NETLINK_CB(skb).portid;
		addr->nl_groups = netlink_group_mask(NETLINK_CB(skb).dst_group);
		msg->msg_namelen = sizeof(*addr);
	}
	if (nlk->flags & NETLINK_F_RECV_PKTINFO) {
		struct nl_pktinfo info = { .group = NETLINK_CB(skb).dst_group };

		put_cmsg(msg, SOL_NETLINK, NETLINK_PKTINFO, sizeof(info),
			 &info);
	}
	if (flags & MSG_TRUNC)
		copied = skb->len;
	skb_free_datagram(sk, skb);

	if (nlk->cb_running && sk->sk_rmem_alloc <= sk->sk_rcvbuf / 2) {
		ret = netlink_dump(sk);
		if (ret) {
			sk->sk_err = -ret;
			sk->sk_error_report(sk);
		}
	}
	netlink_rcv_wake(sk);
	return err ? err : (int)copied;
out:
	netlink_rcv_wake(sk);
	return err;
}

/* ---- dumps ---- */

/* netlink_dump_done - NLMSG_DONE with the dump's status (and error text) */
static int netlink_dump_done(struct netlink_sock *nlk, struct sk_buff *skb,
			     struct netlink_callback *cb)
{
	struct nlmsghdr *nlh;

	nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			NLMSG_DONE, sizeof(nlk->dump_done_errno),
			NLM_F_MULTI | cb->answer_flags);
	if (!nlh)
		return -ENOBUFS;
	memcpy(nlmsg_data(nlh), &nlk->dump_done_errno,
	       sizeof(nlk->dump_done_errno));
	if (nlk->dump_extack._msg && (nlk->flags & NETLINK_F_EXT_ACK)) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		if (!nla_put_string(skb, NLMSGERR_ATTR_MSG,
				    nlk->dump_extack._msg))
			nlmsg_end(skb, nlh);
		/* the offending attribute's offset in the request, as Linux */
		if (nlk->dump_extack.bad_attr &&
		    (const unsigned char *)nlk->dump_extack.bad_attr >=
			    (const unsigned char *)cb->nlh &&
		    (const unsigned char *)nlk->dump_extack.bad_attr <
			    (const unsigned char *)cb->nlh +
				    cb->nlh->nlmsg_len &&
		    !nla_put_u32(skb, NLMSGERR_ATTR_OFFS,
				 (u32)((const unsigned char *)
					       nlk->dump_extack.bad_attr -
				       (const unsigned char *)cb->nlh)))
			nlmsg_end(skb, nlh);
	}
	return 0;
}

/*
 * netlink_dump - run the dump callback once into a fresh skb (sized by
 * the reader's buffer, up to 32 KiB) and queue it; when the callback is
 * done, NLMSG_DONE goes in the same skb if it fits, else in the next.
 */
static int netlink_dump(struct sock *sk)
{
	struct netlink_sock *nlk = nlk_sk(sk);
	struct netlink_callback *cb = &nlk->cb;
	size_t alloc_size;
	struct sk_buff *skb;
	int err = -ENOBUFS;

	if (!nlk->cb_running)
		return -EINVAL;
	if (sk->sk_rmem_alloc >= sk->sk_rcvbuf)
		goto errout;
	alloc_size = max_t(size_t, cb->min_dump_alloc, NLMSG_GOODSIZE);
	if (alloc_size < nlk->max_recvmsg_len)
		alloc_size = nlk->max_recvmsg_len;
	skb = alloc_skb((unsigned int)alloc_size, 0);
	if (!skb)
		goto errout;
	/* Limit the room to what the reader can take in one recv. */
	skb_reserve(skb, skb_tailroom(skb) - (int)alloc_size);
	skb_set_owner_r(skb, sk);

	if (nlk->dump_done_errno > 0) {
		cb->extack = &nlk->dump_extack;
		nlk->dump_done_errno = cb->dump(skb, cb);
		cb->extack = NULL;
	}
	if (nlk->dump_done_errno > 0 ||
	    skb_tailroom(skb) < (int)NLMSG_ALIGN(NLMSG_LENGTH(
					sizeof(nlk->dump_done_errno)))) {
		__netlink_sendskb(sk, skb);
		return 0;
	}
	err = netlink_dump_done(nlk, skb, cb);
	if (err) {
		kfree_skb(skb);
		goto errout;
	}
	__netlink_sendskb(sk, skb);
	netlink_dump_release(nlk);
	return 0;

errout:
	netlink_dump_release(nlk);
	return err;
}

int netlink_dump_start(struct sock *ssk, struct sk_buff *skb,
		       const struct nlmsghdr *nlh,
		       struct netlink_dump_control *control)
{
	struct sock *sk = NETLINK_CB(skb).sk;
	struct netlink_callback *cb;
	struct netlink_sock *nlk;
	int ret;

	(void)ssk;
	if (!sk || netlink_is_kernel(sk))
		return -ECONNREFUSED;
	nlk = nlk_sk(sk);
	if (nlk->cb_running)
		return -EBUSY;
	cb = &nlk->cb;
	memset(cb, 0, sizeof(*cb));
	memset(&nlk->dump_extack, 0, sizeof(nlk->dump_extack));
	cb->dump = control->dump;
	cb->done = control->done;
	cb->nlh = nlh;
	cb->min_dump_alloc = control->min_dump_alloc;
	cb->data = control->data;
	cb->flags = control->flags;
	cb->skb = skb_get(skb);
	cb->strict_check = !!(nlk->flags & NETLINK_F_STRICT_CHK);
	if (control->start) {
		ret = control->start(cb);
		if (ret) {
			consume_skb(cb->skb);
			cb->skb = NULL;
			return ret;
		}
	}
	nlk->cb_running = true;
	nlk->dump_done_errno = INT_MAX;
	ret = netlink_dump(sk);
	if (ret)
		return ret;
	/* The dump has begun: the request must not be acked. */
	return -EINTR;
}

/* ---- requests and acks ---- */

/*
 * netlink_policy_dump_write_attr - describe policy entry @pt as a nest of
 * NL_POLICY_TYPE_ATTR_* (what Linux attaches to an ack as
 * NLMSGERR_ATTR_POLICY: the limits first, the type last).  Types with
 * nothing to say (NLA_UNSPEC, NLA_REJECT) get no nest: -ENODATA.
 * Linux: net/netlink/policy.c.
 */
static int netlink_policy_dump_write_attr(struct sk_buff *skb,
					  const struct nla_policy *pt,
					  int nestattr)
{
	static const struct {
		u32 type;
		bool is_signed;
		u64 max;
	} ints[] = {
		[NLA_U8] = { NL_ATTR_TYPE_U8, false, 0xff },
		[NLA_U16] = { NL_ATTR_TYPE_U16, false, 0xffff },
		[NLA_U32] = { NL_ATTR_TYPE_U32, false, 0xffffffffu },
		[NLA_U64] = { NL_ATTR_TYPE_U64, false, ~0ULL },
		[NLA_S32] = { NL_ATTR_TYPE_S32, true, 0x7fffffff },
	};
	struct nlattr *nest;
	u32 type;

	switch (pt->type) {
	case NLA_U8:
	case NLA_U16:
	case NLA_U32:
	case NLA_U64:
	case NLA_S32:
	case NLA_STRING:
	case NLA_NUL_STRING:
	case NLA_BINARY:
	case NLA_NESTED:
	case NLA_FLAG:
		break;
	default:
		return -ENODATA;
	}
	nest = nla_nest_start(skb, nestattr);
	if (!nest)
		return -EMSGSIZE;
	switch (pt->type) {
	case NLA_U8:
	case NLA_U16:
	case NLA_U32:
	case NLA_U64:
	case NLA_S32:
		type = ints[pt->type].type;
		if (pt->mask) {
			if (nla_put_u64_64bit(skb, NL_POLICY_TYPE_ATTR_MASK,
					      pt->mask,
					      NL_POLICY_TYPE_ATTR_PAD))
				goto cancel;
		} else if (ints[pt->type].is_signed) {
			s64 max = (s64)ints[pt->type].max;

			if (nla_put_u64_64bit(
				    skb, NL_POLICY_TYPE_ATTR_MIN_VALUE_S,
				    (u64)(-max - 1), NL_POLICY_TYPE_ATTR_PAD) ||
			    nla_put_u64_64bit(
				    skb, NL_POLICY_TYPE_ATTR_MAX_VALUE_S,
				    (u64)max, NL_POLICY_TYPE_ATTR_PAD))
				goto cancel;
		} else if (nla_put_u64_64bit(skb,
					     NL_POLICY_TYPE_ATTR_MIN_VALUE_U, 0,
					     NL_POLICY_TYPE_ATTR_PAD) ||
			   nla_put_u64_64bit(skb,
					     NL_POLICY_TYPE_ATTR_MAX_VALUE_U,
					     ints[pt->type].max,
					     NL_POLICY_TYPE_ATTR_PAD)) {
			goto cancel;
		}
		break;
	case NLA_STRING:
	case NLA_NUL_STRING:
	case NLA_BINARY:
		type = pt->type == NLA_STRING	    ? NL_ATTR_TYPE_STRING
		       : pt->type == NLA_NUL_STRING ? NL_ATTR_TYPE_NUL_STRING
						    : NL_ATTR_TYPE_BINARY;
		if (pt->len &&
		    nla_put_u32(skb, NL_POLICY_TYPE_ATTR_MAX_LENGTH, pt->len))
			goto cancel;
		break;
	case NLA_NESTED:
		type = NL_ATTR_TYPE_NESTED;
		break;
	default:
		type = NL_ATTR_TYPE_FLAG;
		break;
	}
	if (nla_put_u32(skb, NL_POLICY_TYPE_ATTR_TYPE, type))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

void netlink_ack(struct sk_buff *in_skb, struct nlmsghdr *nlh, int err,
		 const struct netlink_ext_ack *extack)
{
	struct sock *ssk = NETLINK_CB(in_skb).sk;
	struct netlink_sock *nlk = nlk_sk(ssk);
	size_t payload = sizeof(struct nlmsgerr), tlvlen = 0;
	struct nlmsgerr *errmsg;
	struct nlmsghdr *rep;
	struct sk_buff *skb;
	unsigned int flags = 0;
	bool put_offs = false;

	if (err && !(nlk->flags & NETLINK_F_CAP_ACK))
		payload += (size_t)nlmsg_len(nlh);
	else
		flags |= NLM_F_CAPPED;
	if (extack && (nlk->flags & NETLINK_F_EXT_ACK)) {
		if (extack->_msg)
			tlvlen += (size_t)nla_total_size(
				(int)strlen(extack->_msg) + 1);
		if (err && extack->bad_attr &&
		    (const unsigned char *)extack->bad_attr >=
			    (const unsigned char *)nlh &&
		    (const unsigned char *)extack->bad_attr <
			    (const unsigned char *)nlh + nlh->nlmsg_len) {
			tlvlen += (size_t)nla_total_size(sizeof(u32));
			put_offs = true;
		}
		if (err && extack->miss_type) {
			tlvlen += (size_t)nla_total_size(sizeof(u32));
			if (extack->miss_nest)
				tlvlen += (size_t)nla_total_size(sizeof(u32));
		}
		/* the failed policy entry: at most three values and a type */
		if (err && extack->policy)
			tlvlen += (size_t)nla_total_size(
				3 * nla_total_size(sizeof(u64)) +
				nla_total_size(sizeof(u32)));
	}
	if (tlvlen)
		flags |= NLM_F_ACK_TLVS;

	skb = nlmsg_new(payload + tlvlen, 0);
	if (!skb)
		goto err_skb;
	rep = nlmsg_put(skb, NETLINK_CB(in_skb).portid, nlh->nlmsg_seq,
			NLMSG_ERROR, sizeof(*errmsg), (int)flags);
	if (!rep)
		goto err_bad_put;
	errmsg = nlmsg_data(rep);
	errmsg->error = err;
	errmsg->msg = *nlh;
	if (!(flags & NLM_F_CAPPED)) {
		int extra = nlmsg_len(nlh);

		if (skb_tailroom(skb) < (int)NLMSG_ALIGN(extra))
			goto err_bad_put;
		memcpy(skb_put(skb, NLMSG_ALIGN(extra)), nlmsg_data(nlh),
		       (size_t)extra);
	}
	if (tlvlen) {
		if (extack->_msg &&
		    nla_put_string(skb, NLMSGERR_ATTR_MSG, extack->_msg))
			goto err_bad_put;
		if (put_offs &&
		    nla_put_u32(skb, NLMSGERR_ATTR_OFFS,
				(u32)((const unsigned char *)extack->bad_attr -
				      (const unsigned char *)nlh)))
			goto err_bad_put;
		if (err && extack->policy)
			netlink_policy_dump_write_attr(skb, extack->policy,
						       NLMSGERR_ATTR_POLICY);
		if (err && extack->miss_type &&
		    nla_put_u32(skb, NLMSGERR_ATTR_MISS_TYPE,
				extack->miss_type))
			goto err_bad_put;
		if (err && extack->miss_type && extack->miss_nest &&
		    (const unsigned char *)extack->miss_nest >=
			    (const unsigned char *)nlh &&
		    (const unsigned char *)extack->miss_nest <
			    (const unsigned char *)nlh + nlh->nlmsg_len &&
		    nla_put_u32(skb, NLMSGERR_ATTR_MISS_NEST,
				(u32)((const unsigned char *)extack->miss_nest -
				      (const unsigned char *)nlh)))
			goto err_bad_put;
	}
	nlmsg_end(skb, rep);
	nlmsg_unicast(in_skb->sk ? in_skb->sk : ssk, skb,
		      NETLINK_CB(in_skb).portid);
	return;

err_bad_put:
	kfree_skb(skb);
err_skb:
	ssk->sk_err = ENOBUFS;
	ssk->sk_error_report(ssk);
}

int netlink_rcv_skb(struct sk_buff *skb,
		    int (*cb)(struct sk_buff *skb, struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack))
{
	struct netlink_ext_ack extack;
	struct nlmsghdr *nlh;
	int err;

	while (skb->len >= NLMSG_HDRLEN) {
		unsigned int msglen;

		memset(&extack, 0, sizeof(extack));
		nlh = nlmsg_hdr(skb);
		err = 0;
		/* A broken header ends the buffer silently, as on Linux. */
		if (nlh->nlmsg_len < NLMSG_HDRLEN || skb->len < nlh->nlmsg_len)
			return 0;
		/* Only requests are handled; control types are just acked. */
		if (!(nlh->nlmsg_flags & NLM_F_REQUEST))
			goto ack;
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
			goto ack;
		err = cb(skb, nlh, &extack);
		if (err == -EINTR)
			goto skip;
ack:
		if ((nlh->nlmsg_flags & NLM_F_ACK) || err)
			netlink_ack(skb, nlh, err, &extack);
skip:
		msglen = NLMSG_ALIGN(nlh->nlmsg_len);
		if (msglen > skb->len)
			msglen = skb->len;
		skb_pull(skb, msglen);
	}
	return 0;
}

bool netlink_strict_get_check(struct sk_buff *skb)
{
	struct sock *sk = NETLINK_CB(skb).sk;

	return sk && (nlk_sk(sk)->flags & NETLINK_F_STRICT_CHK);
}

/* ---- options ---- */

static int netlink_setsockopt(struct socket *sock, int level, int optname,
			      const void *optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	struct netlink_sock *nlk = nlk_sk(sk);
	unsigned int val = 0;
	u32 nr = 0;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (optlen >= sizeof(int))
		memcpy(&val, optval, sizeof(val));

	switch (optname) {
	case NETLINK_PKTINFO:
		nr = NETLINK_F_RECV_PKTINFO;
		break;
	case NETLINK_ADD_MEMBERSHIP:
	case NETLINK_DROP_MEMBERSHIP:
		if (!val || val - 1 >= nlk->ngroups || val > 64)
			return -EINVAL;
		if (optname == NETLINK_ADD_MEMBERSHIP)
			nlk->groups |= 1ULL << (val - 1);
		else
			nlk->groups &= ~(1ULL << (val - 1));
		return 0;
	case NETLINK_BROADCAST_ERROR:
		nr = NETLINK_F_BROADCAST_SEND_ERROR;
		break;
	case NETLINK_NO_ENOBUFS:
		nr = NETLINK_F_RECV_NO_ENOBUFS;
		if (val)
			nlk->congested = false;
		break;
	case NETLINK_LISTEN_ALL_NSID:
		nr = NETLINK_F_LISTEN_ALL_NSID;
		break;
	case NETLINK_CAP_ACK:
		nr = NETLINK_F_CAP_ACK;
		break;
	case NETLINK_EXT_ACK:
		nr = NETLINK_F_EXT_ACK;
		break;
	case NETLINK_GET_STRICT_CHK:
		nr = NETLINK_F_STRICT_CHK;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (val)
		nlk->flags |= nr;
	else
		nlk->flags &= ~nr;
	return 0;
}

static int netlink_getsockopt(struct socket *sock, int level, int optname,
			      void *optval, int *optlen)
{
	struct netlink_sock *nlk = nlk_sk(sock->sk);
	int len = *optlen, val;
	u32 flag;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case NETLINK_PKTINFO:
		flag = NETLINK_F_RECV_PKTINFO;
		break;
	case NETLINK_BROADCAST_ERROR:
		flag = NETLINK_F_BROADCAST_SEND_ERROR;
		break;
	case NETLINK_NO_ENOBUFS:
		flag = NETLINK_F_RECV_NO_ENOBUFS;
		break;
	case NETLINK_LIST_MEMBERSHIPS: {
		u32 words[2] = { (u32)nlk->groups, (u32)(nlk->groups >> 32) };
		int pos;

		for (pos = 0; pos * 8 < (int)nlk->ngroups && pos < 8;
		     pos += (int)sizeof(u32)) {
			if (len - pos < (int)sizeof(u32))
				break;
			memcpy((char *)optval + pos, &words[pos / 4],
			       sizeof(u32));
		}
		*optlen = (int)ALIGN((nlk->ngroups + 7) / 8, sizeof(u32));
		return 0;
	}
	case NETLINK_CAP_ACK:
		flag = NETLINK_F_CAP_ACK;
		break;
	case NETLINK_EXT_ACK:
		flag = NETLINK_F_EXT_ACK;
		break;
	case NETLINK_GET_STRICT_CHK:
		flag = NETLINK_F_STRICT_CHK;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (len < (int)sizeof(int))
		return -EINVAL;
	val = nlk->flags & flag ? 1 : 0;
	memcpy(optval, &val, sizeof(val));
	*optlen = sizeof(int);
	return 0;
}

/*
 * netlink_ioctl - netlink has no requests of its own; the device requests
 * every socket answers go to dev_ioctl, as Linux's sock_ioctl does.
 */
static int netlink_ioctl(struct socket *sock, unsigned int cmd, void *arg)
{
	struct net *net = sock_net(sock->sk);
	struct ifreq ifr;
	int err;

	if (cmd == SIOCGIFCONF)
		return dev_ioctl(net, cmd, NULL, arg);
	if (!((cmd >= SIOCGIFNAME && cmd <= SIOCSIFHWBROADCAST) ||
	      cmd == SIOCGIFINDEX || cmd == SIOCGIFTXQLEN ||
	      cmd == SIOCSIFTXQLEN || cmd == SIOCETHTOOL || cmd == SIOCSIFNAME))
		return -ENOTTY;
	if (!arg)
		return -EFAULT;
	memcpy(&ifr, arg, sizeof(ifr));
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	err = dev_ioctl(net, cmd, &ifr, NULL);
	if (!err)
		memcpy(arg, &ifr, sizeof(ifr));
	return err;
}

static const struct proto_ops netlink_ops = {
	.family = PF_NETLINK,
	.release = netlink_release,
	.bind = netlink_bind,
	.connect = netlink_connect,
	.socketpair = sock_no_socketpair,
	.accept = sock_no_accept,
	.getname = netlink_getname,
	.poll = datagram_poll,
	.ioctl = netlink_ioctl,
	.listen = sock_no_listen,
	.shutdown = sock_no_shutdown,
	.setsockopt = netlink_setsockopt,
	.getsockopt = netlink_getsockopt,
	.sendmsg = netlink_sendmsg,
	.recvmsg = netlink_recvmsg,
};

static const struct net_proto_family netlink_family_ops = {
	.family = PF_NETLINK,
	.create = netlink_create,
};

/* ---- kernel sockets ---- */

/**
 * netlink_kernel_create - the kernel end of protocol @unit in @net
 * @input: runs each request skb sent to port 0 (the caller keeps it)
 *
 * Kernel sockets are part of the namespace, like its loopback device: they
 * are not counted among the live sockets a test must have closed.
 * Return: the sock, or NULL.
 */
struct sock *netlink_kernel_create(struct net *net, int unit,
				   void (*input)(struct sk_buff *skb))
{
	struct netlink_sock *nlk;
	struct sock *sk;

	sk = __netlink_create(net, NULL, unit, 1);
	if (!sk)
		return NULL;
	net->st->live_socks--;
	nlk = nlk_sk(sk);
	nlk->flags |= NETLINK_F_KERNEL_SOCKET;
	nlk->bound = true;
	nlk->netlink_rcv = input;
	return sk;
}

/* netlink_kernel_release - the namespace is going: its kernel socket too */
void netlink_kernel_release(struct sock *sk)
{
	if (!sk)
		return;
	sock_net(sk)->st->live_socks++;
	sock_set_flag(sk, SOCK_DEAD);
	sock_put(sk);
}

/**
 * netlink_proto_init - register PF_NETLINK and bring up rtnetlink (the
 *	handler registry and every namespace's NETLINK_ROUTE kernel socket)
 * Context: stack creation, the "core" init level.
 * Return: 0 or -errno.
 */
int netlink_proto_init(struct tn_stack *st)
{
	int err;

	err = sock_register(&netlink_family_ops);
	if (err)
		return err;
	err = rtnetlink_init(st); /* undoes itself on failure */
	if (err)
		sock_unregister(PF_NETLINK);
	return err;
}

void netlink_proto_exit(struct tn_stack *st)
{
	rtnetlink_exit(st);
	sock_unregister(PF_NETLINK);
}
