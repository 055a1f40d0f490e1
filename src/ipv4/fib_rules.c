// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 policy routing rules: the selectors of an IPv4 rule (from, to,
 * tos), its table lookup with suppress_prefixlength / suppress_ifgroup,
 * the default rules (0 local, 32766 main, 32767 default) and the split of
 * the local table from main's trie once rules are changed (fib_unmerge).
 *
 * Linux counterpart: net/ipv4/fib_rules.c.
 */
#include <net/fib_rules.h>
#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>

struct fib4_rule {
	struct fib_rule common;
	u8 dst_len;
	u8 src_len;
	u8 tos; /* DS field, ECN bits clear */
	__be32 src;
	__be32 srcmask;
	__be32 dst;
	__be32 dstmask;
	u32 tclassid;
};

static int fib4_rule_action(struct fib_rule *rule, struct flowi4 *flp,
			    int flags, struct fib_lookup_arg *arg)
{
	struct fib_table *tbl;
	int err = -EAGAIN;

	(void)flags;
	switch (rule->action) {
	case FR_ACT_TO_TBL:
		break;
	case FR_ACT_UNREACHABLE:
		return -ENETUNREACH;
	case FR_ACT_PROHIBIT:
		return -EACCES;
	case FR_ACT_BLACKHOLE:
	default:
		return -EINVAL;
	}
	arg->table = fib_rule_get_table(rule, arg);
	tbl = fib_get_table(rule->fr_net, arg->table);
	if (tbl)
		err = fib_table_lookup(tbl, flp, arg->result, arg->flags);
	return err;
}

static bool fib4_rule_suppress(struct fib_rule *rule, int flags,
			       struct fib_lookup_arg *arg)
{
	struct fib_result *result = arg->result;
	struct net_device *dev = NULL;

	(void)flags;
	if (result->fi)
		dev = result->fi->fib_nh[0].fib_nh_dev;
	/* a route not longer than the rule's prefix length is not taken */
	if ((int)result->prefixlen <= rule->suppress_prefixlen)
		return true;
	if (rule->suppress_ifgroup != -1 && dev &&
	    dev->group == (u32)rule->suppress_ifgroup)
		return true;
	return false;
}

static int fib4_rule_match(struct fib_rule *rule, struct flowi4 *fl4, int flags)
{
	struct fib4_rule *r = (struct fib4_rule *)rule;

	(void)flags;
	if (((fl4->saddr ^ r->src) & r->srcmask) ||
	    ((fl4->daddr ^ r->dst) & r->dstmask))
		return 0;
	if (r->tos && r->tos != (fl4->flowi4_tos & IPTOS_TOS_MASK))
		return 0;
	return 1;
}

static const struct nla_policy fib4_rule_policy[FRA_MAX + 1] = {
	[FRA_IIFNAME] = { .type = NLA_STRING, .len = IFNAMSIZ - 1 },
	[FRA_OIFNAME] = { .type = NLA_STRING, .len = IFNAMSIZ - 1 },
	[FRA_PRIORITY] = { .type = NLA_U32 },
	[FRA_FWMARK] = { .type = NLA_U32 },
	[FRA_FLOW] = { .type = NLA_U32 },
	[FRA_TUN_ID] = { .type = NLA_U64 },
	[FRA_FWMASK] = { .type = NLA_U32 },
	[FRA_TABLE] = { .type = NLA_U32 },
	[FRA_SUPPRESS_PREFIXLEN] = { .type = NLA_U32 },
	[FRA_SUPPRESS_IFGROUP] = { .type = NLA_U32 },
	[FRA_GOTO] = { .type = NLA_U32 },
	[FRA_L3MDEV] = { .type = NLA_U8 },
	[FRA_UID_RANGE] = { .type = NLA_BINARY },
	[FRA_PROTOCOL] = { .type = NLA_U8 },
	[FRA_IP_PROTO] = { .type = NLA_U8 },
	[FRA_SPORT_RANGE] = { .type = NLA_BINARY },
	[FRA_DPORT_RANGE] = { .type = NLA_BINARY },
	[FRA_SRC] = { .type = NLA_U32 },
	[FRA_DST] = { .type = NLA_U32 },
};

/* The first table id not in use, for a rule given none (fib_empty_table). */
static struct fib_table *fib_empty_table(struct net *net)
{
	u32 id;

	for (id = 1; id <= RT_TABLE_MAX; id++)
		if (!fib_get_table(net, id))
			return fib_new_table(net, id);
	return NULL;
}

static int fib4_rule_configure(struct fib_rule *rule, struct sk_buff *skb,
			       struct fib_rule_hdr *frh, struct nlattr **tb,
			       struct netlink_ext_ack *extack)
{
	struct net *net = rule->fr_net;
	struct fib4_rule *rule4 = (struct fib4_rule *)rule;
	int err;

	(void)skb;
	if (frh->tos & 3) {
		NL_SET_ERR_MSG(extack,
			       "Invalid dsfield (tos): ECN bits must be 0");
		return -EINVAL;
	}
	if (frh->tos & ~IPTOS_TOS_MASK) {
		NL_SET_ERR_MSG(extack, "Invalid tos");
		return -EINVAL;
	}
	/* What tuxnet has not built is refused, not ignored. */
	if (tb[FRA_FLOW] || tb[FRA_TUN_ID] || tb[FRA_L3MDEV] ||
	    tb[FRA_UID_RANGE] || tb[FRA_IP_PROTO] || tb[FRA_SPORT_RANGE] ||
	    tb[FRA_DPORT_RANGE]) {
		NL_SET_ERR_MSG(extack, "Rule attribute not supported");
		return -EOPNOTSUPP;
	}
	/* split local/main if they are not already split */
	err = fib_unmerge(net);
	if (err)
		return err;
	if (rule->table == RT_TABLE_UNSPEC && rule->action == FR_ACT_TO_TBL) {
		struct fib_table *table = fib_empty_table(net);

		if (!table)
			return -ENOBUFS;
		rule->table = table->tb_id;
	}
	if (frh->src_len)
		rule4->src = nla_get_in_addr(tb[FRA_SRC]);
	if (frh->dst_len)
		rule4->dst = nla_get_in_addr(tb[FRA_DST]);
	rule4->src_len = frh->src_len;
	rule4->srcmask = inet_make_mask(rule4->src_len);
	rule4->dst_len = frh->dst_len;
	rule4->dstmask = inet_make_mask(rule4->dst_len);
	rule4->tos = frh->tos;
	net->ipv4.fib_has_custom_rules = true;
	return 0;
}

static int fib4_rule_delete(struct fib_rule *rule)
{
	/* split local/main if they are not already split */
	return fib_unmerge(rule->fr_net);
}

static int fib4_rule_compare(struct fib_rule *rule, struct fib_rule_hdr *frh,
			     struct nlattr **tb)
{
	struct fib4_rule *rule4 = (struct fib4_rule *)rule;

	if (frh->src_len && rule4->src_len != frh->src_len)
		return 0;
	if (frh->dst_len && rule4->dst_len != frh->dst_len)
		return 0;
	if (frh->tos && rule4->tos != frh->tos)
		return 0;
	if (frh->src_len && rule4->src != nla_get_in_addr(tb[FRA_SRC]))
		return 0;
	if (frh->dst_len && rule4->dst != nla_get_in_addr(tb[FRA_DST]))
		return 0;
	return 1;
}

static int fib4_rule_fill(struct fib_rule *rule, struct sk_buff *skb,
			  struct fib_rule_hdr *frh)
{
	struct fib4_rule *rule4 = (struct fib4_rule *)rule;

	frh->dst_len = rule4->dst_len;
	frh->src_len = rule4->src_len;
	frh->tos = rule4->tos;
	if ((rule4->dst_len && nla_put_in_addr(skb, FRA_DST, rule4->dst)) ||
	    (rule4->src_len && nla_put_in_addr(skb, FRA_SRC, rule4->src)))
		return -EMSGSIZE;
	return 0;
}

static void fib4_rule_flush_cache(struct fib_rules_ops *ops)
{
	rt_cache_flush(ops->fro_net);
}

static const struct fib_rules_ops fib4_rules_ops_template = {
	.family = AF_INET,
	.rule_size = sizeof(struct fib4_rule),
	.addr_size = sizeof(u32),
	.nlgroup = RTNLGRP_IPV4_RULE,
	.action = fib4_rule_action,
	.suppress = fib4_rule_suppress,
	.match = fib4_rule_match,
	.configure = fib4_rule_configure,
	.delete = fib4_rule_delete,
	.compare = fib4_rule_compare,
	.fill = fib4_rule_fill,
	.flush_cache = fib4_rule_flush_cache,
	.policy = fib4_rule_policy,
};

int __fib_lookup(struct net *net, struct flowi4 *flp, struct fib_result *res,
		 unsigned int flags)
{
	struct fib_lookup_arg arg = {
		.result = res,
		.flags = (int)flags,
	};
	int err;

	err = fib_rules_lookup(net->ipv4.rules_ops, flp, 0, &arg);
	res->tclassid = 0;
	if (err == -ESRCH)
		err = -ENETUNREACH;
	return err;
}

int fib4_rules_init(struct net *net)
{
	struct fib_rules_ops *ops;
	int err;

	ops = fib_rules_register(&fib4_rules_ops_template, net);
	if (IS_ERR(ops))
		return (int)PTR_ERR(ops);
	err = fib_default_rule_add(ops, 0, RT_TABLE_LOCAL);
	if (!err)
		err = fib_default_rule_add(ops, 0x7FFE, RT_TABLE_MAIN);
	if (!err)
		err = fib_default_rule_add(ops, 0x7FFF, RT_TABLE_DEFAULT);
	if (err) {
		fib_rules_unregister(ops);
		return err;
	}
	net->ipv4.rules_ops = ops;
	net->ipv4.fib_has_custom_rules = false;
	return 0;
}

void fib4_rules_exit(struct net *net)
{
	fib_rules_unregister(net->ipv4.rules_ops);
	net->ipv4.rules_ops = NULL;
}
