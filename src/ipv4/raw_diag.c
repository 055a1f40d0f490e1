// SPDX-License-Identifier: BSD-2-Clause
/*
 * inet_diag for raw sockets (requests for IPPROTO_RAW; the protocol a
 * socket was made with goes in INET_DIAG_PROTOCOL).  As Linux's, the dump
 * takes every raw socket of the family, whatever its state.  ICMP
 * datagram ("ping") sockets have no diag handler on Linux and none here:
 * a request for IPPROTO_ICMP answers -ENOENT, and only /proc/net/icmp
 * shows them.  Linux: net/ipv4/raw_diag.c.
 */
#include <arpa/inet.h>

#include <net/inet_diag.h>
#include <net/inet_sock.h>
#include <net/net_namespace.h>
#include <net/raw.h>
#include <net/sock_diag.h>

/* raw_lookup - does @sk match the request as raw_v4_match would? */
static bool raw_lookup(const struct sock *sk,
		       const struct inet_diag_req_v2 *req)
{
	const struct inet_diag_req_raw *r = (const void *)req;
	const struct inet_sock *inet = inet_sk(sk);

	if (r->sdiag_family != AF_INET || sk->sk_family != AF_INET)
		return false;
	return inet->inet_num == r->sdiag_raw_protocol &&
	       !(inet->inet_daddr && inet->inet_daddr != r->id.idiag_dst[0]) &&
	       !(inet->inet_rcv_saddr &&
		 inet->inet_rcv_saddr != r->id.idiag_src[0]) &&
	       !(sk->sk_bound_dev_if &&
		 (u32)sk->sk_bound_dev_if != r->id.idiag_if);
}

static int raw_diag_dump_one(struct netlink_callback *cb,
			     const struct inet_diag_req_v2 *r)
{
	struct sk_buff *in_skb = cb->skb;
	struct net *net = sock_net(in_skb->sk);
	struct raw_hashinfo *h = net->ipv4.raw_hash;
	struct sock *sk = NULL, *it;
	struct sk_buff *rep;
	unsigned int slot;
	int err;

	for (slot = 0; h && slot < RAW_HTABLE_SIZE && !sk; slot++)
		hlist_for_each_entry(it, &h->ht[slot], sk_node)
			if (raw_lookup(it, r)) {
				sk = it;
				break;
			}
	if (!sk)
		return -ENOENT;
	rep = nlmsg_new(inet_sk_attr_size(NULL), 0);
	if (!rep)
		return -ENOMEM;
	err = inet_sk_diag_fill(sk, rep, cb, r, 0, true);
	if (err < 0) {
		kfree_skb(rep);
		return err;
	}
	return nlmsg_unicast(net->diag_nlsk, rep, NETLINK_CB(in_skb).portid);
}

static void raw_diag_dump(struct sk_buff *skb, struct netlink_callback *cb,
			  const struct inet_diag_req_v2 *r)
{
	struct net *net = sock_net(skb->sk);
	struct raw_hashinfo *h = net->ipv4.raw_hash;
	unsigned int slot;
	long num = 0, s_num;

	if (!h || r->sdiag_family != AF_INET)
		return; /* no raw6 table: nothing for AF_INET6 */
	s_num = cb->args[1];
	for (slot = (unsigned int)cb->args[0]; slot < RAW_HTABLE_SIZE;
	     s_num = 0, slot++) {
		struct sock *sk;

		num = 0;
		hlist_for_each_entry(sk, &h->ht[slot], sk_node) {
			const struct inet_sock *inet = inet_sk(sk);

			if (num < s_num)
				goto next;
			if (sk->sk_family != r->sdiag_family)
				goto next;
			if (r->id.idiag_sport != inet->inet_sport &&
			    r->id.idiag_sport)
				goto next;
			if (r->id.idiag_dport != inet->inet_dport &&
			    r->id.idiag_dport)
				goto next;
			if (inet_diag_bc_sk(cb->data, sk) &&
			    inet_sk_diag_fill(sk, skb, cb, r, NLM_F_MULTI,
					      true) < 0)
				goto out;
next:
			num++;
		}
	}
out:
	cb->args[0] = (long)slot;
	cb->args[1] = num;
}

static void raw_diag_get_info(struct sock *sk, struct inet_diag_msg *r,
			      void *info)
{
	(void)info;
	r->idiag_rqueue = (u32)sk->sk_rmem_alloc;
	r->idiag_wqueue = (u32)sk->sk_wmem_alloc;
}

static const struct inet_diag_handler raw_diag_handler = {
	.dump = raw_diag_dump,
	.dump_one = raw_diag_dump_one,
	.idiag_get_info = raw_diag_get_info,
	.idiag_type = IPPROTO_RAW,
	.idiag_info_size = 0,
};

int raw_diag_init(void)
{
	return inet_diag_register(&raw_diag_handler);
}

void raw_diag_exit(void)
{
	inet_diag_unregister(&raw_diag_handler);
}
