// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic netlink: NETLINK_GENERIC messages carry a struct genlmsghdr
 * after the netlink header, and the message type is a family id.  A
 * family registers by name (genl_register_family) and gets the next free
 * id from GENL_START_ALLOC up, cyclically, as Linux's idr_alloc_cyclic
 * gives them; the controller "nlctrl" is GENL_ID_CTRL and answers
 * CTRL_CMD_GETFAMILY by name or id, and as a dump of every family.  The
 * families are the stack's (Linux's are the kernel's): one registry per
 * stack, visible from every namespace for the families that say netnsok.
 * Not built: CTRL_CMD_GETPOLICY and multicast groups (nlctrl's "notify"),
 * which no family here needs.
 * Linux: net/netlink/genetlink.c.
 */
#include <net/genetlink.h>
#include <net/init.h>
#include <net/net_namespace.h>
#include <net/sock.h>

/* The stack's families by id (Linux: genl_fam_idr). */
struct genl_registry {
	const struct genl_family *by_id[GENL_MAX_ID + 1];
	u16 next_id; /* where the cyclic allocation goes on */
};

static struct genl_registry *genl_reg(void)
{
	struct tn_stack *st = current_stack();

	return st ? st->genl_families : NULL;
}

static const struct genl_family *genl_family_find_byid(u16 id)
{
	struct genl_registry *reg = genl_reg();

	return reg && id <= GENL_MAX_ID ? reg->by_id[id] : NULL;
}

static const struct genl_family *genl_family_find_byname(const char *name,
							 u16 *id)
{
	struct genl_registry *reg = genl_reg();
	unsigned int i;

	if (!reg)
		return NULL;
	for (i = GENL_MIN_ID; i <= GENL_MAX_ID; i++) {
		const struct genl_family *f = reg->by_id[i];

		if (f && !strncmp(f->name, name, GENL_NAMSIZ)) {
			*id = (u16)i;
			return f;
		}
	}
	return NULL;
}

u16 genl_family_id(const struct genl_family *family)
{
	struct genl_registry *reg = genl_reg();
	unsigned int i;

	if (!reg)
		return 0;
	for (i = GENL_MIN_ID; i <= GENL_MAX_ID; i++)
		if (reg->by_id[i] == family)
			return (u16)i;
	return 0;
}

static struct genl_family genl_ctrl;

/* genl_alloc_id - the next free id after the last one given, wrapping */
static int genl_alloc_id(struct genl_registry *reg,
			 const struct genl_family *family)
{
	unsigned int n, span = GENL_MAX_ID - GENL_START_ALLOC + 1;

	if (family == &genl_ctrl)
		return reg->by_id[GENL_ID_CTRL] ? -ENOSPC : GENL_ID_CTRL;
	if (!strcmp(family->name, "pmcraid"))
		return reg->by_id[GENL_ID_PMCRAID] ? -ENOSPC : GENL_ID_PMCRAID;
	if (!strcmp(family->name, "VFS_DQUOT"))
		return reg->by_id[GENL_ID_VFS_DQUOT] ? -ENOSPC
						     : GENL_ID_VFS_DQUOT;
	for (n = 0; n < span; n++) {
		unsigned int id = reg->next_id + n;

		if (id > GENL_MAX_ID)
			id -= span;
		if (!reg->by_id[id]) {
			reg->next_id =
				(u16)(id + 1 > GENL_MAX_ID ? GENL_START_ALLOC
							   : id + 1);
			return (int)id;
		}
	}
	return -ENOSPC;
}

/**
 * genl_register_family - make @family reachable by name and id
 * Return: 0, -EEXIST (a family of that name is there), -EINVAL (no
 *	name), -ENOSPC (no id left).
 */
int genl_register_family(const struct genl_family *family)
{
	struct genl_registry *reg = genl_reg();
	u16 id;
	int ret;

	if (!reg)
		return -EINVAL;
	if (!family->name[0] ||
	    strnlen(family->name, GENL_NAMSIZ) == GENL_NAMSIZ)
		return -EINVAL;
	if (genl_family_find_byname(family->name, &id))
		return -EEXIST;
	ret = genl_alloc_id(reg, family);
	if (ret < 0)
		return ret;
	reg->by_id[ret] = family;
	return 0;
}

int genl_unregister_family(const struct genl_family *family)
{
	struct genl_registry *reg = genl_reg();
	u16 id = genl_family_id(family);

	if (!id)
		return -ENOENT;
	reg->by_id[id] = NULL;
	return 0;
}

void *genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq,
		  const struct genl_family *family, int flags, u8 cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *hdr;

	nlh = nlmsg_put(skb, portid, seq, genl_family_id(family),
			(int)(GENL_HDRLEN + family->hdrsize), flags);
	if (!nlh)
		return NULL;
	hdr = nlmsg_data(nlh);
	hdr->cmd = cmd;
	hdr->version = (u8)family->version;
	hdr->reserved = 0;
	return (char *)hdr + GENL_HDRLEN;
}

int genlmsg_reply(struct sk_buff *skb, const struct genl_info *info)
{
	return nlmsg_unicast(info->net->genl_sock, skb, info->snd_portid);
}

/* genl_get_cmd - @family's operation for @cmd, with the family's policy
 * when it has none of its own */
static bool genl_get_cmd(const struct genl_family *family, u8 cmd,
			 struct genl_ops *op)
{
	unsigned int i;

	for (i = 0; i < family->n_ops; i++) {
		if (family->ops[i].cmd != cmd)
			continue;
		*op = family->ops[i];
		if (!op->policy) {
			op->policy = family->policy;
			op->maxattr = family->maxattr;
		}
		return true;
	}
	return false;
}

static int genl_family_rcv_msg_doit(const struct genl_family *family,
				    struct sk_buff *skb, struct nlmsghdr *nlh,
				    struct netlink_ext_ack *extack,
				    const struct genl_ops *op,
				    unsigned int hdrlen, struct net *net)
{
	struct nlattr **attrs = NULL;
	struct genl_info info;
	int err;

	if (op->maxattr) {
		attrs = kzalloc((op->maxattr + 1) * sizeof(struct nlattr *),
				GFP_KERNEL);
		if (!attrs)
			return -ENOMEM;
		/* every operation here validates liberally (deprecated) */
		err = nlmsg_parse_deprecated(nlh, (int)hdrlen, attrs,
					     (int)op->maxattr, op->policy,
					     extack);
		if (err < 0)
			goto out;
	}
	memset(&info, 0, sizeof(info));
	info.snd_seq = nlh->nlmsg_seq;
	info.snd_portid = NETLINK_CB(skb).portid;
	info.family = family;
	info.nlhdr = nlh;
	info.genlhdr = nlmsg_data(nlh);
	info.attrs = attrs;
	info.net = net;
	info.extack = extack;
	err = op->doit(skb, &info);
out:
	kfree(attrs);
	return err;
}

int genl_rcv_msg(struct sk_buff *skb, struct nlmsghdr *nlh,
		 struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	const struct genl_family *family;
	const struct genlmsghdr *hdr;
	unsigned int hdrlen;
	struct genl_ops op;
	bool dump;

	family = genl_family_find_byid(nlh->nlmsg_type);
	if (!family)
		return -ENOENT;
	if (!family->netnsok && net != current_stack()->init_net)
		return -ENOENT;
	hdrlen = GENL_HDRLEN + family->hdrsize;
	if (nlh->nlmsg_len < NLMSG_LENGTH(hdrlen))
		return -EINVAL;
	hdr = nlmsg_data(nlh);
	if (hdr->cmd >= family->resv_start_op && hdr->reserved)
		return -EINVAL;
	dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	if (!genl_get_cmd(family, hdr->cmd, &op) ||
	    (dump ? !op.dumpit : !op.doit))
		return -EOPNOTSUPP;
	/* GENL_ADMIN_PERM: no capabilities yet, every caller may */
	if (dump) {
		struct netlink_dump_control c = {
			.start = op.start,
			.dump = op.dumpit,
			.done = op.done,
		};

		return netlink_dump_start(net->genl_sock, skb, nlh, &c);
	}
	return genl_family_rcv_msg_doit(family, skb, nlh, extack, &op, hdrlen,
					net);
}

static void genl_rcv(struct sk_buff *skb)
{
	netlink_rcv_skb(skb, &genl_rcv_msg);
}

/* ---- nlctrl ---- */

static int ctrl_fill_info(const struct genl_family *family, u16 id, u32 portid,
			  u32 seq, int flags, struct sk_buff *skb, u8 cmd)
{
	struct nlattr *nla_ops;
	unsigned int i;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &genl_ctrl, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, CTRL_ATTR_FAMILY_NAME, family->name) ||
	    nla_put_u16(skb, CTRL_ATTR_FAMILY_ID, id) ||
	    nla_put_u32(skb, CTRL_ATTR_VERSION, family->version) ||
	    nla_put_u32(skb, CTRL_ATTR_HDRSIZE, family->hdrsize) ||
	    nla_put_u32(skb, CTRL_ATTR_MAXATTR, family->maxattr))
		goto nla_put_failure;
	if (family->n_ops) {
		nla_ops = nla_nest_start_noflag(skb, CTRL_ATTR_OPS);
		if (!nla_ops)
			goto nla_put_failure;
		for (i = 0; i < family->n_ops; i++) {
			struct genl_ops op = { 0 };
			struct nlattr *nest;
			u32 op_flags;

			(void)genl_get_cmd(family, family->ops[i].cmd, &op);
			op_flags = op.flags;
			if (op.doit)
				op_flags |= GENL_CMD_CAP_DO;
			if (op.dumpit)
				op_flags |= GENL_CMD_CAP_DUMP;
			if (op.policy)
				op_flags |= GENL_CMD_CAP_HASPOL;
			nest = nla_nest_start_noflag(skb, (int)i + 1);
			if (!nest ||
			    nla_put_u32(skb, CTRL_ATTR_OP_ID, op.cmd) ||
			    nla_put_u32(skb, CTRL_ATTR_OP_FLAGS, op_flags))
				goto nla_put_failure;
			nla_nest_end(skb, nest);
		}
		nla_nest_end(skb, nla_ops);
	}
	genlmsg_end(skb, hdr);
	return 0;

nla_put_failure:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static bool ctrl_visible(const struct genl_family *family,
			 const struct net *net)
{
	return family->netnsok || net == current_stack()->init_net;
}

static int ctrl_getfamily(struct sk_buff *skb, struct genl_info *info)
{
	const struct genl_family *res = NULL;
	struct sk_buff *msg;
	int err = -EINVAL;
	u16 id = 0;

	(void)skb;
	if (info->attrs[CTRL_ATTR_FAMILY_ID]) {
		id = nla_get_u16(info->attrs[CTRL_ATTR_FAMILY_ID]);
		res = genl_family_find_byid(id);
		err = -ENOENT;
	}
	if (info->attrs[CTRL_ATTR_FAMILY_NAME]) {
		/* the policy made it a NUL-terminated string */
		res = genl_family_find_byname(
			nla_data(info->attrs[CTRL_ATTR_FAMILY_NAME]), &id);
		err = -ENOENT;
	}
	if (!res)
		return err;
	if (!ctrl_visible(res, genl_info_net(info)))
		return -ENOENT;
	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOBUFS;
	err = ctrl_fill_info(res, id, info->snd_portid, info->snd_seq, 0, msg,
			     CTRL_CMD_NEWFAMILY);
	if (err < 0) {
		kfree_skb(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* ctrl_dumpfamily - every family, by id; cb->args[0]: how many were sent */
static int ctrl_dumpfamily(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct genl_registry *reg = genl_reg();
	struct net *net = sock_net(skb->sk);
	long skip = cb->args[0], n = 0;
	unsigned int i;

	for (i = GENL_MIN_ID; reg && i <= GENL_MAX_ID; i++) {
		const struct genl_family *f = reg->by_id[i];

		if (!f || !ctrl_visible(f, net))
			continue;
		if (n++ < skip)
			continue;
		if (ctrl_fill_info(f, (u16)i, NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, NLM_F_MULTI, skb,
				   CTRL_CMD_NEWFAMILY)) {
			n--;
			break;
		}
	}
	cb->args[0] = n;
	return (int)skb->len;
}

static const struct nla_policy ctrl_policy_family[] = {
	[CTRL_ATTR_FAMILY_ID] = { .type = NLA_U16 },
	[CTRL_ATTR_FAMILY_NAME] = { .type = NLA_NUL_STRING,
				    .len = GENL_NAMSIZ - 1 },
};

static const struct genl_ops genl_ctrl_ops[] = {
	{
		.cmd = CTRL_CMD_GETFAMILY,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.policy = ctrl_policy_family,
		.maxattr = ARRAY_SIZE(ctrl_policy_family) - 1,
		.doit = ctrl_getfamily,
		.dumpit = ctrl_dumpfamily,
	},
};

static struct genl_family genl_ctrl = {
	.name = "nlctrl",
	.version = 0x2,
	.netnsok = true,
	.ops = genl_ctrl_ops,
	.n_ops = ARRAY_SIZE(genl_ctrl_ops),
	.resv_start_op = CTRL_CMD_GETPOLICY + 1,
};

/* ---- per namespace ---- */

static int genl_pernet_init(struct net *net)
{
	net->genl_sock = netlink_kernel_create(net, NETLINK_GENERIC, genl_rcv);
	return net->genl_sock ? 0 : -ENOMEM;
}

static void genl_pernet_exit(struct net *net)
{
	netlink_kernel_release(net->genl_sock);
	net->genl_sock = NULL;
}

static struct pernet_operations genl_pernet_ops = {
	.init = genl_pernet_init,
	.exit = genl_pernet_exit,
};

int genl_init(struct tn_stack *st)
{
	struct genl_registry *reg;
	int err;

	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg)
		return -ENOMEM;
	reg->next_id = GENL_START_ALLOC;
	st->genl_families = reg;
	err = genl_register_family(&genl_ctrl);
	if (!err)
		err = register_pernet_subsys(&genl_pernet_ops);
	if (err) {
		kfree(reg);
		st->genl_families = NULL;
	}
	return err;
}

void genl_exit(struct tn_stack *st)
{
	unregister_pernet_subsys(&genl_pernet_ops);
	kfree(st->genl_families);
	st->genl_families = NULL;
}
