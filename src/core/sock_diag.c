// SPDX-License-Identifier: BSD-2-Clause
/*
 * NETLINK_SOCK_DIAG: each namespace's kernel socket takes
 * SOCK_DIAG_BY_FAMILY and SOCK_DESTROY requests and hands them to the
 * handler of the family they name; socket cookies and the memory figures
 * every family reports.  The old TCPDIAG_GETSOCK message (inet_diag's
 * compat entry) is not built: -EOPNOTSUPP, as Linux answers while no
 * compat handler is registered.  DCCPDIAG_GETSOCK is unknown, -EINVAL,
 * as in Linux 6.18, which has no DCCP: `ss -a` (and `ss -d`), falling
 * back to it when DCCP's SOCK_DIAG_BY_FAMILY dump finds no handler,
 * prints "RTNETLINK answers: Invalid argument".
 * Linux: net/core/sock_diag.c.
 */
#include <stdatomic.h>

#include <linux/inet_diag.h>

#include <net/init.h>
#include <net/net.h>
#include <net/net_namespace.h>
#include <net/sock_diag.h>

struct sock_diag_registry {
	const struct sock_diag_handler *handlers[NPROTO];
};

static struct sock_diag_registry *sock_diag_reg(const struct tn_stack *st)
{
	return st->sock_diag_handlers;
}

/*
 * sock_gen_cookie - Linux numbers sockets on first demand from one
 * machine-wide counter; so does tuxnet, process-wide.
 */
u64 sock_gen_cookie(struct sock *sk)
{
	static atomic_ullong last_cookie;

	if (!sk->sk_cookie)
		sk->sk_cookie = atomic_fetch_add(&last_cookie, 1) + 1;
	return sk->sk_cookie;
}

int sock_diag_check_cookie(struct sock *sk, const u32 *cookie)
{
	u64 res;

	if (cookie[0] == INET_DIAG_NOCOOKIE && cookie[1] == INET_DIAG_NOCOOKIE)
		return 0;
	res = sock_gen_cookie(sk);
	if ((u32)res != cookie[0] || (u32)(res >> 32) != cookie[1])
		return -ESTALE;
	return 0;
}

void sock_diag_save_cookie(struct sock *sk, u32 *cookie)
{
	u64 res = sock_gen_cookie(sk);

	cookie[0] = (u32)res;
	cookie[1] = (u32)(res >> 32);
}

/* sock_diag_put_meminfo - sk_get_meminfo()'s figures as @attrtype */
int sock_diag_put_meminfo(struct sock *sk, struct sk_buff *skb, int attrtype)
{
	u32 mem[SK_MEMINFO_VARS];

	sk_get_meminfo(sk, mem);
	return nla_put(skb, attrtype, sizeof(mem), mem);
}

int sock_diag_register(const struct sock_diag_handler *h)
{
	struct sock_diag_registry *reg = sock_diag_reg(current_stack());

	if (!reg || h->family >= NPROTO)
		return -EINVAL;
	if (reg->handlers[h->family])
		return -EBUSY;
	reg->handlers[h->family] = h;
	return 0;
}

void sock_diag_unregister(const struct sock_diag_handler *h)
{
	struct sock_diag_registry *reg = sock_diag_reg(current_stack());

	if (reg && h->family < NPROTO && reg->handlers[h->family] == h)
		reg->handlers[h->family] = NULL;
}

/* __sock_diag_cmd - a request naming a family: its handler answers */
static int __sock_diag_cmd(struct sk_buff *skb, struct nlmsghdr *nlh)
{
	struct sock_diag_registry *reg = sock_diag_reg(current_stack());
	const struct sock_diag_handler *hndl;
	const struct sock_diag_req *req;

	if (nlmsg_len(nlh) < (int)sizeof(*req))
		return -EINVAL;
	req = nlmsg_data(nlh);
	if (req->sdiag_family >= AF_MAX || req->sdiag_family >= NPROTO)
		return -EINVAL;
	hndl = reg ? reg->handlers[req->sdiag_family] : NULL;
	if (!hndl)
		return -ENOENT;
	if (nlh->nlmsg_type == SOCK_DIAG_BY_FAMILY)
		return hndl->dump(skb, nlh);
	if (nlh->nlmsg_type == SOCK_DESTROY && hndl->destroy)
		return hndl->destroy(skb, nlh);
	return -EOPNOTSUPP;
}

static int sock_diag_rcv_msg(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct netlink_ext_ack *extack)
{
	(void)extack;
	switch (nlh->nlmsg_type) {
	case TCPDIAG_GETSOCK:
		return -EOPNOTSUPP; /* no inet_rcv_compat */
	case SOCK_DIAG_BY_FAMILY:
	case SOCK_DESTROY:
		return __sock_diag_cmd(skb, nlh);
	default:
		return -EINVAL;
	}
}

static void sock_diag_rcv(struct sk_buff *skb)
{
	netlink_rcv_skb(skb, &sock_diag_rcv_msg);
}

static int diag_net_init(struct net *net)
{
	net->diag_nlsk =
		netlink_kernel_create(net, NETLINK_SOCK_DIAG, sock_diag_rcv);
	return net->diag_nlsk ? 0 : -ENOMEM;
}

static void diag_net_exit(struct net *net)
{
	netlink_kernel_release(net->diag_nlsk);
	net->diag_nlsk = NULL;
}

static struct pernet_operations diag_net_ops = {
	.init = diag_net_init,
	.exit = diag_net_exit,
};

/**
 * sock_diag_init - the handler registry and each namespace's
 *	NETLINK_SOCK_DIAG kernel socket
 * Context: stack creation, core init level (after netlink).
 * Return: 0 or -errno.
 */
int sock_diag_init(struct tn_stack *st)
{
	int err;

	st->sock_diag_handlers =
		kzalloc(sizeof(struct sock_diag_registry), GFP_KERNEL);
	if (!st->sock_diag_handlers)
		return -ENOMEM;
	err = register_pernet_subsys(&diag_net_ops);
	if (err) {
		kfree(st->sock_diag_handlers);
		st->sock_diag_handlers = NULL;
	}
	return err;
}

void sock_diag_exit(struct tn_stack *st)
{
	unregister_pernet_subsys(&diag_net_ops);
	kfree(st->sock_diag_handlers);
	st->sock_diag_handlers = NULL;
}
