// SPDX-License-Identifier: BSD-2-Clause
/*
 * inet_diag for UDP sockets: a dump walks the namespace's port table in
 * slot order, as /proc/net/udp does; one socket is found as a datagram
 * would find it.  Linux: net/ipv4/udp_diag.c (UDP-Lite is not built).
 */
#include <arpa/inet.h>

#include <net/inet_diag.h>
#include <net/inet_sock.h>
#include <net/net_namespace.h>
#include <net/sock_diag.h>
#include <net/udp.h>

static int sk_diag_dump(struct sock *sk, struct sk_buff *skb,
			struct netlink_callback *cb,
			const struct inet_diag_req_v2 *r, bool net_admin)
{
	if (!inet_diag_bc_sk(cb->data, sk))
		return 0;
	return inet_sk_diag_fill(sk, skb, cb, r, NLM_F_MULTI, net_admin);
}

static void udp_diag_dump(struct sk_buff *skb, struct netlink_callback *cb,
			  const struct inet_diag_req_v2 *r)
{
	struct net *net = sock_net(skb->sk);
	struct udp_table *table = net->ipv4.udp_table;
	unsigned int slot;
	long num = 0, s_num;

	if (!table)
		return;
	s_num = cb->args[1];
	for (slot = (unsigned int)cb->args[0]; slot <= table->mask;
	     s_num = 0, slot++) {
		struct udp_hslot *hslot = &table->hash[slot];
		struct sock *sk;

		num = 0;
		hlist_for_each_entry(sk, &hslot->head, sk_node) {
			const struct inet_sock *inet = inet_sk(sk);

			if (num < s_num)
				goto next;
			if (!(r->idiag_states & (1U << sk->sk_state)))
				goto next;
			if (r->sdiag_family != AF_UNSPEC &&
			    sk->sk_family != r->sdiag_family)
				goto next;
			if (r->id.idiag_sport != inet->inet_sport &&
			    r->id.idiag_sport)
				goto next;
			if (r->id.idiag_dport != inet->inet_dport &&
			    r->id.idiag_dport)
				goto next;
			if (sk_diag_dump(sk, skb, cb, r, true) < 0)
				goto done;
next:
			num++;
		}
	}
done:
	cb->args[0] = (long)slot;
	cb->args[1] = num;
}

/*
 * udp_diag_lookup - the socket a datagram from @saddr:@sport to
 * @daddr:@dport would reach, the most specific first, as
 * __udp4_lib_lookup finds it.  Linux's dump_one hands it the request's
 * source as the datagram's source (so the socket's own port goes in
 * idiag_dport); its destroy hands it the other way round.
 */
static struct sock *udp_diag_lookup(struct net *net, __be32 saddr, __be16 sport,
				    __be32 daddr, __be16 dport, u32 dif)
{
	struct udp_table *table = net->ipv4.udp_table;
	u16 hnum = ntohs(dport);
	struct sock *sk, *best = NULL;
	int best_score = -1;

	if (!table)
		return NULL;
	hlist_for_each_entry(sk, &table->hash[hnum & table->mask].head,
			     sk_node) {
		const struct inet_sock *inet = inet_sk(sk);
		int score = 0;

		if (inet->inet_num != hnum || sk->sk_family != AF_INET)
			continue;
		if (inet->inet_rcv_saddr) {
			if (inet->inet_rcv_saddr != daddr)
				continue;
			score++;
		}
		if (inet->inet_daddr) {
			if (inet->inet_daddr != saddr)
				continue;
			score++;
		}
		if (inet->inet_dport) {
			if (inet->inet_dport != sport)
				continue;
			score++;
		}
		if (sk->sk_bound_dev_if) {
			if ((u32)sk->sk_bound_dev_if != dif)
				continue;
			score++;
		}
		if (score > best_score) {
			best = sk;
			best_score = score;
		}
	}
	return best;
}

static int udp_diag_dump_one(struct netlink_callback *cb,
			     const struct inet_diag_req_v2 *req)
{
	struct sk_buff *in_skb = cb->skb;
	struct net *net = sock_net(in_skb->sk);
	struct sk_buff *rep;
	struct sock *sk = NULL;
	int err;

	if (req->sdiag_family == AF_INET)
		sk = udp_diag_lookup(net, req->id.idiag_src[0],
				     req->id.idiag_sport, req->id.idiag_dst[0],
				     req->id.idiag_dport, req->id.idiag_if);
	if (!sk)
		return -ENOENT;
	err = sock_diag_check_cookie(sk, req->id.idiag_cookie);
	if (err)
		return err;
	rep = nlmsg_new(inet_sk_attr_size(NULL), 0);
	if (!rep)
		return -ENOMEM;
	err = inet_sk_diag_fill(sk, rep, cb, req, 0, true);
	if (err < 0) {
		kfree_skb(rep);
		return err;
	}
	return nlmsg_unicast(net->diag_nlsk, rep, NETLINK_CB(in_skb).portid);
}

/*
 * udp_diag_destroy - SOCK_DESTROY (`ss -K`): the socket's user gets
 * ECONNABORTED and the socket is disconnected, as Linux's udp_abort().
 */
static int udp_diag_destroy(struct sk_buff *in_skb,
			    const struct inet_diag_req_v2 *req)
{
	struct net *net = sock_net(in_skb->sk);
	struct sock *sk = NULL;
	int err;

	if (req->sdiag_family == AF_INET)
		sk = udp_diag_lookup(net, req->id.idiag_dst[0],
				     req->id.idiag_dport, req->id.idiag_src[0],
				     req->id.idiag_sport, req->id.idiag_if);
	if (!sk)
		return -ENOENT;
	err = sock_diag_check_cookie(sk, req->id.idiag_cookie);
	if (err)
		return err;
	if (sock_flag(sk, SOCK_DEAD))
		return 0;
	sk->sk_err = ECONNABORTED;
	sk->sk_error_report(sk);
	return udp_disconnect(sk, 0);
}

static void udp_diag_get_info(struct sock *sk, struct inet_diag_msg *r,
			      void *info)
{
	(void)info;
	r->idiag_rqueue = (u32)udp_rqueue_get(sk);
	r->idiag_wqueue = (u32)sk->sk_wmem_alloc;
}

static const struct inet_diag_handler udp_diag_handler = {
	.dump = udp_diag_dump,
	.dump_one = udp_diag_dump_one,
	.destroy = udp_diag_destroy,
	.idiag_get_info = udp_diag_get_info,
	.idiag_type = IPPROTO_UDP,
	.idiag_info_size = 0,
};

int udp_diag_init(void)
{
	return inet_diag_register(&udp_diag_handler);
}

void udp_diag_exit(void)
{
	inet_diag_unregister(&udp_diag_handler);
}
