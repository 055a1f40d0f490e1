// SPDX-License-Identifier: BSD-2-Clause
/*
 * inet_diag: SOCK_DIAG_BY_FAMILY for AF_INET and AF_INET6.  A request
 * names a protocol, whose inet_diag_handler walks its sockets; the states,
 * ports and family in the request and the filter program `ss` compiles
 * (INET_DIAG_REQ_BYTECODE: checked once by inet_diag_bc_audit, then run
 * for every socket) choose which are reported, each as an inet_diag_msg
 * with the attributes asked for in idiag_ext.  A protocol with no handler
 * answers -ENOENT.  Linux: net/ipv4/inet_diag.c.
 */
#include <arpa/inet.h>

#include <net/init.h>
#include <net/inet_diag.h>
#include <net/inet_sock.h>
#include <net/net.h>
#include <net/net_namespace.h>
#include <net/inet_timewait_sock.h>
#include <net/sock_diag.h>

struct inet_diag_table {
	const struct inet_diag_handler *handlers[IPPROTO_MAX];
};

static struct inet_diag_table *inet_diag_tbl(const struct tn_stack *st)
{
	return st->inet_diag_table;
}

/* The handler of @proto, or NULL (Linux: ERR_PTR(-ENOENT)). */
static const struct inet_diag_handler *inet_diag_lock_handler(int proto)
{
	struct inet_diag_table *t = inet_diag_tbl(current_stack());

	if (!t || proto < 0 || proto >= IPPROTO_MAX)
		return NULL;
	return t->handlers[proto];
}

int inet_diag_register(const struct inet_diag_handler *h)
{
	struct inet_diag_table *t = inet_diag_tbl(current_stack());

	if (!t || h->idiag_type >= IPPROTO_MAX)
		return -EINVAL;
	if (t->handlers[h->idiag_type])
		return -EEXIST;
	t->handlers[h->idiag_type] = h;
	return 0;
}

void inet_diag_unregister(const struct inet_diag_handler *h)
{
	struct inet_diag_table *t = inet_diag_tbl(current_stack());

	if (t && h->idiag_type < IPPROTO_MAX && t->handlers[h->idiag_type] == h)
		t->handlers[h->idiag_type] = NULL;
}

/* ---- filling a message ---- */

/* What inet_diag_msg_attrs_fill may add, as Linux's inet_diag_msg_attrs_size. */
static size_t inet_diag_msg_attrs_size(void)
{
	return (size_t)nla_total_size(1) /* INET_DIAG_SHUTDOWN */
	       + (size_t)nla_total_size(1) /* INET_DIAG_TOS */
	       + (size_t)nla_total_size(4) /* INET_DIAG_MARK */
	       + (size_t)nla_total_size(4) /* INET_DIAG_CLASS_ID */
	       + (size_t)nla_total_size(8) /* INET_DIAG_CGROUP_ID */
	       + (size_t)nla_total_size(sizeof(struct inet_diag_sockopt));
}

size_t inet_sk_attr_size(const struct inet_diag_handler *h)
{
	return (size_t)nla_total_size(sizeof(struct inet_diag_msg)) +
	       inet_diag_msg_attrs_size() +
	       (size_t)nla_total_size(sizeof(struct inet_diag_meminfo)) +
	       (size_t)nla_total_size(SK_MEMINFO_VARS * sizeof(u32)) +
	       (size_t)nla_total_size(1) /* INET_DIAG_PROTOCOL */
	       + (size_t)nla_total_size(16) /* INET_DIAG_CONG */
	       + (size_t)nla_total_size(sizeof(union tcp_cc_info)) +
	       (size_t)nla_total_size(h ? h->idiag_info_size : 0) + 64;
}

static void inet_diag_msg_common_fill(struct inet_diag_msg *r, struct sock *sk)
{
	r->idiag_family = (u8)sk->sk_family;
	r->id.idiag_sport = htons(sk->sk_num);
	r->id.idiag_dport = sk->sk_dport;
	r->id.idiag_if = (u32)sk->sk_bound_dev_if;
	sock_diag_save_cookie(sk, r->id.idiag_cookie);
	memset(r->id.idiag_src, 0, sizeof(r->id.idiag_src));
	memset(r->id.idiag_dst, 0, sizeof(r->id.idiag_dst));
	r->id.idiag_src[0] = sk->sk_rcv_saddr;
	r->id.idiag_dst[0] = sk->sk_daddr;
}

/*
 * The attributes every reply carries.  tuxnet has one cgroup, the root
 * of cgroup2 (id 1), as a process outside any other is on Linux.
 */
static int inet_diag_msg_attrs_fill(struct sock *sk, struct sk_buff *skb,
				    struct inet_diag_msg *r, u8 ext,
				    bool net_admin)
{
	const struct inet_sock *inet = inet_sk(sk);
	struct inet_diag_sockopt opt;

	if (nla_put_u8(skb, INET_DIAG_SHUTDOWN, sk->sk_shutdown))
		return -EMSGSIZE;
	if ((ext & (1 << (INET_DIAG_TOS - 1))) &&
	    nla_put_u8(skb, INET_DIAG_TOS, inet->tos))
		return -EMSGSIZE;
	if (net_admin && nla_put_u32(skb, INET_DIAG_MARK, sk->sk_mark))
		return -EMSGSIZE;
	if (((ext & (1 << (INET_DIAG_CLASS_ID - 1))) ||
	     (ext & (1 << (INET_DIAG_TCLASS - 1)))) &&
	    nla_put_u32(skb, INET_DIAG_CLASS_ID, sk->sk_priority))
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, INET_DIAG_CGROUP_ID, 1, INET_DIAG_PAD))
		return -EMSGSIZE;
	memset(&opt, 0, sizeof(opt));
	opt.recverr = inet->recverr;
	opt.is_icsk = inet->is_icsk;
	opt.freebind = inet->freebind;
	opt.hdrincl = inet->hdrincl;
	opt.mc_loop = inet->mc_loop;
	opt.transparent = inet->transparent;
	opt.mc_all = inet->mc_all;
	opt.nodefrag = inet->nodefrag;
	opt.bind_address_no_port = inet->bind_address_no_port;
	opt.recverr_rfc4884 = inet->recverr_rfc4884;
	opt.defer_connect = inet->defer_connect;
	if (nla_put(skb, INET_DIAG_SOCKOPT, sizeof(opt), &opt))
		return -EMSGSIZE;
	r->idiag_uid = sock_i_uid(sk);
	r->idiag_inode = (u32)sock_i_ino(sk);
	return 0;
}

int inet_sk_diag_fill(struct sock *sk, struct sk_buff *skb,
		      struct netlink_callback *cb,
		      const struct inet_diag_req_v2 *req, u16 nlmsg_flags,
		      bool net_admin)
{
	const struct inet_diag_handler *handler =
		inet_diag_lock_handler(req->sdiag_protocol);
	u8 ext = req->idiag_ext;
	struct inet_diag_msg *r;
	struct nlmsghdr *nlh;
	void *info = NULL;

	if (!handler)
		return -ENOENT;
	nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			cb->nlh->nlmsg_type, sizeof(*r), nlmsg_flags);
	if (!nlh)
		return -EMSGSIZE;
	r = nlmsg_data(nlh);
	inet_diag_msg_common_fill(r, sk);
	r->idiag_state = sk->sk_state;
	r->idiag_timer = 0;
	r->idiag_retrans = 0;
	r->idiag_expires = 0;
	r->idiag_rqueue = 0;
	r->idiag_wqueue = 0;

	if (inet_diag_msg_attrs_fill(sk, skb, r, ext, net_admin))
		goto errout;
	if (ext & (1 << (INET_DIAG_MEMINFO - 1))) {
		struct inet_diag_meminfo minfo = {
			.idiag_rmem = (u32)sk->sk_rmem_alloc,
			.idiag_wmem = (u32)sk->sk_wmem_queued,
			.idiag_fmem = 0, /* no forward allocation */
			.idiag_tmem = (u32)sk->sk_wmem_alloc,
		};

		if (nla_put(skb, INET_DIAG_MEMINFO, sizeof(minfo), &minfo))
			goto errout;
	}
	if ((ext & (1 << (INET_DIAG_SKMEMINFO - 1))) &&
	    sock_diag_put_meminfo(sk, skb, INET_DIAG_SKMEMINFO))
		goto errout;
	/* Raw sockets may carry any protocol: report the one they were made with. */
	if (sk->sk_type == SOCK_RAW &&
	    nla_put_u8(skb, INET_DIAG_PROTOCOL, (u8)sk->sk_protocol))
		goto errout;

	if (!handler->idiag_get_timer) {
		handler->idiag_get_info(sk, r, NULL);
		goto out;
	}
	handler->idiag_get_timer(sk, r);
	if ((ext & (1 << (INET_DIAG_INFO - 1))) && handler->idiag_info_size) {
		struct nlattr *attr;

		if (skb_tailroom(skb) <
		    nla_total_size(handler->idiag_info_size))
			goto errout;
		attr = skb_put(skb, (unsigned int)nla_total_size(
					    handler->idiag_info_size));
		attr->nla_type = INET_DIAG_INFO;
		attr->nla_len = (u16)nla_attr_size(handler->idiag_info_size);
		info = nla_data(attr);
		memset(info, 0, (size_t)NLA_ALIGN(handler->idiag_info_size));
	}
	if ((ext & (1 << (INET_DIAG_CONG - 1))) && handler->idiag_get_cong) {
		const char *name = handler->idiag_get_cong(sk);

		if (name && nla_put_string(skb, INET_DIAG_CONG, name))
			goto errout;
	}
	handler->idiag_get_info(sk, r, info);
	if (handler->idiag_put_cc_info && sk->sk_state < TCP_TIME_WAIT &&
	    handler->idiag_put_cc_info(sk, skb, ext))
		goto errout;
out:
	nlmsg_end(skb, nlh);
	return 0;

errout:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/* ---- the filter program ---- */

/* Do the first @bits bits of @a1 and @a2 agree? */
static bool bitstring_match(const __be32 *a1, const __be32 *a2, int bits)
{
	int words = bits >> 5;

	bits &= 0x1f;
	if (words && memcmp(a1, a2, (size_t)words * sizeof(*a1)))
		return false;
	if (bits) {
		__be32 mask = htonl((0xffffffffU) << (32 - bits));

		if ((a1[words] ^ a2[words]) & mask)
			return false;
	}
	return true;
}

/* Read instruction @off of @bc (alignment-safe: bytecode comes from users). */
static struct inet_diag_bc_op bc_op_at(const unsigned char *bc, int off)
{
	struct inet_diag_bc_op op;

	memcpy(&op, bc + off, sizeof(op));
	return op;
}

static bool bc_hostcond_match(const unsigned char *opp,
			      const struct inet_diag_entry *entry, bool src)
{
	struct inet_diag_hostcond cond;
	const __be32 *addr = src ? entry->saddr : entry->daddr;
	__be32 caddr[4] = { 0 };
	int alen;

	memcpy(&cond, opp + sizeof(struct inet_diag_bc_op), sizeof(cond));
	if (cond.port != -1 && cond.port != (src ? entry->sport : entry->dport))
		return false;
	alen = cond.family == AF_INET6 ? 16 : cond.family == AF_INET ? 4 : 0;
	memcpy(caddr,
	       opp + sizeof(struct inet_diag_bc_op) +
		       sizeof(struct inet_diag_hostcond),
	       (size_t)alen);
	if (cond.family != AF_UNSPEC && cond.family != entry->family) {
		/* an IPv4 rule matches the v4-mapped addresses of IPv6 sockets */
		return entry->family == AF_INET6 && cond.family == AF_INET &&
		       addr[0] == 0 && addr[1] == 0 &&
		       addr[2] == htonl(0xffff) &&
		       bitstring_match(addr + 3, caddr, cond.prefix_len);
	}
	if (cond.prefix_len == 0)
		return true;
	return bitstring_match(addr, caddr, cond.prefix_len);
}

bool inet_diag_bc_run(const struct nlattr *bytecode,
		      const struct inet_diag_entry *entry)
{
	const unsigned char *bc = nla_data(bytecode);
	int len = nla_len(bytecode), off = 0;

	while (len > 0) {
		struct inet_diag_bc_op op = bc_op_at(bc, off);
		u16 port = 0;
		bool yes = true;

		switch (op.code) {
		case INET_DIAG_BC_S_EQ:
		case INET_DIAG_BC_S_GE:
		case INET_DIAG_BC_S_LE:
		case INET_DIAG_BC_D_EQ:
		case INET_DIAG_BC_D_GE:
		case INET_DIAG_BC_D_LE:
			/* the port is the next instruction's "no" */
			port = bc_op_at(bc, off + (int)sizeof(op)).no;
			break;
		default:
			break;
		}
		switch (op.code) {
		case INET_DIAG_BC_NOP:
			break;
		case INET_DIAG_BC_JMP:
			yes = false;
			break;
		case INET_DIAG_BC_S_EQ:
			yes = entry->sport == port;
			break;
		case INET_DIAG_BC_S_GE:
			yes = entry->sport >= port;
			break;
		case INET_DIAG_BC_S_LE:
			yes = entry->sport <= port;
			break;
		case INET_DIAG_BC_D_EQ:
			yes = entry->dport == port;
			break;
		case INET_DIAG_BC_D_GE:
			yes = entry->dport >= port;
			break;
		case INET_DIAG_BC_D_LE:
			yes = entry->dport <= port;
			break;
		case INET_DIAG_BC_AUTO:
			yes = !(entry->userlocks & SOCK_BINDPORT_LOCK);
			break;
		case INET_DIAG_BC_S_COND:
		case INET_DIAG_BC_D_COND:
			yes = bc_hostcond_match(bc + off, entry,
						op.code == INET_DIAG_BC_S_COND);
			break;
		case INET_DIAG_BC_DEV_COND: {
			u32 ifindex;

			memcpy(&ifindex, bc + off + sizeof(op),
			       sizeof(ifindex));
			yes = ifindex == entry->ifindex;
			break;
		}
		case INET_DIAG_BC_MARK_COND: {
			struct inet_diag_markcond cond;

			memcpy(&cond, bc + off + sizeof(op), sizeof(cond));
			yes = (entry->mark & cond.mask) == cond.mark;
			break;
		}
		case INET_DIAG_BC_CGROUP_COND: {
			u64 id;

			memcpy(&id, bc + off + sizeof(op), sizeof(id));
			yes = id == entry->cgroup_id;
			break;
		}
		default:
			break;
		}
		if (yes) {
			len -= op.yes;
			off += op.yes;
		} else {
			len -= op.no;
			off += op.no;
		}
	}
	return len == 0;
}

bool inet_diag_bc_sk(const struct inet_diag_dump_data *cb_data, struct sock *sk)
{
	const struct nlattr *bc = cb_data ? cb_data->inet_diag_nla_bc : NULL;
	struct inet_diag_entry entry;
	__be32 saddr[4] = { 0 }, daddr[4] = { 0 };

	if (!bc)
		return true;
	saddr[0] = sk->sk_rcv_saddr;
	daddr[0] = sk->sk_daddr;
	entry.family = sk->sk_family;
	entry.saddr = saddr;
	entry.daddr = daddr;
	entry.sport = sk->sk_state == TCP_TIME_WAIT
			      ? ntohs(inet_twsk(sk)->tw_sport)
			      : sk->sk_num;
	entry.dport = ntohs(sk->sk_dport);
	entry.ifindex = (u32)sk->sk_bound_dev_if;
	/* TIME-WAIT and request socks end after sock_common */
	entry.userlocks = sk_fullsock(sk) ? sk->sk_userlocks : 0;
	if (sk_fullsock(sk))
		entry.mark = sk->sk_mark;
	else if (sk->sk_state == TCP_TIME_WAIT)
		entry.mark = inet_twsk(sk)->tw_mark;
	else
		entry.mark = 0;
	entry.cgroup_id = 1;
	return inet_diag_bc_run(bc, &entry);
}

/* Does a jump of @cc bytes from the end (@len left) land on an instruction? */
static bool valid_cc(const unsigned char *bc, int len, int cc)
{
	int off = 0;

	while (len >= 0) {
		struct inet_diag_bc_op op;

		if (cc > len)
			return false;
		if (cc == len)
			return true;
		op = bc_op_at(bc, off);
		if (op.yes < 4 || op.yes & 3)
			return false;
		len -= op.yes;
		off += op.yes;
	}
	return false;
}

static bool valid_hostcond(const unsigned char *opp, int len, int *min_len)
{
	struct inet_diag_hostcond cond;
	int addr_len;

	*min_len += (int)sizeof(struct inet_diag_hostcond);
	if (len < *min_len)
		return false;
	memcpy(&cond, opp + sizeof(struct inet_diag_bc_op), sizeof(cond));
	switch (cond.family) {
	case AF_UNSPEC:
		addr_len = 0;
		break;
	case AF_INET:
		addr_len = 4;
		break;
	case AF_INET6:
		addr_len = 16;
		break;
	default:
		return false;
	}
	*min_len += addr_len;
	if (len < *min_len)
		return false;
	return cond.prefix_len <= 8 * addr_len;
}

int inet_diag_bc_audit(const struct nlattr *attr, bool net_admin)
{
	const unsigned char *bytecode;
	int bytecode_len, len, off = 0;

	if (!attr || nla_len(attr) < (int)sizeof(struct inet_diag_bc_op))
		return -EINVAL;
	bytecode = nla_data(attr);
	len = bytecode_len = nla_len(attr);

	while (len > 0) {
		int min_len = (int)sizeof(struct inet_diag_bc_op);
		struct inet_diag_bc_op op;

		if (len < min_len)
			return -EINVAL; /* Linux reads past; a short tail is refused */
		op = bc_op_at(bytecode, off);
		switch (op.code) {
		case INET_DIAG_BC_S_COND:
		case INET_DIAG_BC_D_COND:
			if (!valid_hostcond(bytecode + off, len, &min_len))
				return -EINVAL;
			break;
		case INET_DIAG_BC_DEV_COND:
			min_len += (int)sizeof(u32);
			if (len < min_len)
				return -EINVAL;
			break;
		case INET_DIAG_BC_S_EQ:
		case INET_DIAG_BC_S_GE:
		case INET_DIAG_BC_S_LE:
		case INET_DIAG_BC_D_EQ:
		case INET_DIAG_BC_D_GE:
		case INET_DIAG_BC_D_LE:
			/* the port rides in a second instruction */
			min_len += (int)sizeof(struct inet_diag_bc_op);
			if (len < min_len)
				return -EINVAL;
			break;
		case INET_DIAG_BC_MARK_COND:
			if (!net_admin)
				return -EPERM;
			min_len += (int)sizeof(struct inet_diag_markcond);
			if (len < min_len)
				return -EINVAL;
			break;
		case INET_DIAG_BC_CGROUP_COND:
			min_len += (int)sizeof(u64);
			if (len < min_len)
				return -EINVAL;
			break;
		case INET_DIAG_BC_AUTO:
		case INET_DIAG_BC_JMP:
		case INET_DIAG_BC_NOP:
			break;
		default:
			return -EINVAL;
		}
		if (op.code != INET_DIAG_BC_NOP) {
			if (op.no < min_len || op.no > len + 4 || op.no & 3)
				return -EINVAL;
			if (op.no < len &&
			    !valid_cc(bytecode, bytecode_len, len - op.no))
				return -EINVAL;
		}
		if (op.yes < min_len || op.yes > len + 4 || op.yes & 3)
			return -EINVAL;
		off += op.yes;
		len -= op.yes;
	}
	return len == 0 ? 0 : -EINVAL;
}

/* ---- requests ---- */

/* The request's attributes after its header, the last of each type kept. */
static void inet_diag_parse_attrs(const struct nlmsghdr *nlh, int hdrlen,
				  struct nlattr **req_nlas)
{
	struct nlattr *attr;
	int rem;

	nla_for_each_attr(attr,
			  (struct nlattr *)((char *)nlmsg_data(nlh) +
					    NLMSG_ALIGN(hdrlen)),
			  nlmsg_len(nlh) - (int)NLMSG_ALIGN(hdrlen), rem) {
		int type = nla_type(attr);

		if (type < __INET_DIAG_REQ_MAX)
			req_nlas[type] = attr;
	}
}

/* INET_DIAG_REQ_PROTOCOL (a u32) overrides the header's u8 protocol. */
static int inet_diag_get_protocol(const struct inet_diag_req_v2 *req,
				  const struct inet_diag_dump_data *data)
{
	const struct nlattr *p = data->req_nlas[INET_DIAG_REQ_PROTOCOL];
	u32 proto;

	if (!p || nla_len(p) < (int)sizeof(u32))
		return req->sdiag_protocol;
	memcpy(&proto, nla_data(p), sizeof(proto));
	return (int)proto;
}

static int inet_diag_dump_start(struct netlink_callback *cb)
{
	struct inet_diag_dump_data *cb_data;
	int err;

	cb_data = kzalloc(sizeof(*cb_data), GFP_KERNEL);
	if (!cb_data)
		return -ENOMEM;
	inet_diag_parse_attrs(cb->nlh, sizeof(struct inet_diag_req_v2),
			      cb_data->req_nlas);
	if (cb_data->inet_diag_nla_bc) {
		/* no capabilities in tuxnet: every caller is CAP_NET_ADMIN */
		err = inet_diag_bc_audit(cb_data->inet_diag_nla_bc, true);
		if (err) {
			kfree(cb_data);
			return err;
		}
	}
	cb->data = cb_data;
	return 0;
}

static int inet_diag_dump_done(struct netlink_callback *cb)
{
	kfree(cb->data);
	cb->data = NULL;
	return 0;
}

static int inet_diag_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct inet_diag_req_v2 *r = nlmsg_data(cb->nlh);
	const struct inet_diag_handler *handler;

	handler = inet_diag_lock_handler(inet_diag_get_protocol(r, cb->data));
	if (!handler)
		return -ENOENT;
	handler->dump(skb, cb, r);
	return (int)skb->len;
}

/* One socket, named by the request's id (and cookie). */
static int inet_diag_cmd_exact(int cmd, struct sk_buff *in_skb,
			       const struct nlmsghdr *nlh,
			       const struct inet_diag_req_v2 *req)
{
	struct inet_diag_dump_data dump_data;
	const struct inet_diag_handler *handler;
	struct netlink_callback cb = {
		.nlh = nlh,
		.skb = in_skb,
		.data = &dump_data,
	};

	memset(&dump_data, 0, sizeof(dump_data));
	inet_diag_parse_attrs(nlh, sizeof(*req), dump_data.req_nlas);
	handler =
		inet_diag_lock_handler(inet_diag_get_protocol(req, &dump_data));
	if (!handler)
		return -ENOENT;
	if (cmd == SOCK_DIAG_BY_FAMILY)
		return handler->dump_one(&cb, req);
	if (cmd == SOCK_DESTROY && handler->destroy)
		return handler->destroy(in_skb, req);
	return -EOPNOTSUPP;
}

static int inet_diag_handler_cmd(struct sk_buff *skb, struct nlmsghdr *h)
{
	struct net *net = sock_net(skb->sk);

	if (nlmsg_len(h) < (int)sizeof(struct inet_diag_req_v2))
		return -EINVAL;
	if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
	    (h->nlmsg_flags & NLM_F_DUMP)) {
		struct netlink_dump_control c = {
			.start = inet_diag_dump_start,
			.done = inet_diag_dump_done,
			.dump = inet_diag_dump,
		};

		return netlink_dump_start(net->diag_nlsk, skb, h, &c);
	}
	return inet_diag_cmd_exact(h->nlmsg_type, skb, h, nlmsg_data(h));
}

static const struct sock_diag_handler inet_diag_handler = {
	.family = AF_INET,
	.dump = inet_diag_handler_cmd,
	.destroy = inet_diag_handler_cmd,
};

static const struct sock_diag_handler inet6_diag_handler = {
	.family = AF_INET6,
	.dump = inet_diag_handler_cmd,
	.destroy = inet_diag_handler_cmd,
};

/**
 * inet_diag_init - the AF_INET and AF_INET6 sock_diag handlers, then the
 *	protocols' inet_diag handlers (TCP, UDP, raw)
 * Context: stack creation, fs init level, after inet_init.
 * Return: 0 or -errno (undone).
 */
int inet_diag_init(struct tn_stack *st)
{
	int err;

	st->inet_diag_table =
		kzalloc(sizeof(struct inet_diag_table), GFP_KERNEL);
	if (!st->inet_diag_table)
		return -ENOMEM;
	err = sock_diag_register(&inet_diag_handler);
	if (!err)
		err = sock_diag_register(&inet6_diag_handler);
	if (!err)
		err = tcp_diag_init();
	if (!err)
		err = udp_diag_init();
	if (!err)
		err = raw_diag_init();
	if (err)
		inet_diag_exit(st);
	return err;
}

void inet_diag_exit(struct tn_stack *st)
{
	raw_diag_exit();
	udp_diag_exit();
	tcp_diag_exit();
	sock_diag_unregister(&inet6_diag_handler);
	sock_diag_unregister(&inet_diag_handler);
	kfree(st->inet_diag_table);
	st->inet_diag_table = NULL;
}
