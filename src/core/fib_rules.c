// SPDX-License-Identifier: BSD-2-Clause
/*
 * Policy routing rules, the family-independent part: the per-namespace
 * list of each family's rules, their order and default priorities, the
 * walk of a lookup through them (match, goto/nop, action, suppress), the
 * rules following their devices by name, and RTM_NEWRULE / RTM_DELRULE /
 * RTM_GETRULE with Linux's attributes, errors and extended-ack texts.
 *
 * Linux counterpart: net/core/fib_rules.c.
 */
#include <net/fib_rules.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

/* The families with rules in one namespace (Linux: net->rules_ops). */
struct fib_rules_net {
	struct list_head rules_ops;
};

static unsigned int fib_rules_net_id;

static struct list_head *rules_ops_of(struct net *net)
{
	struct fib_rules_net *frn = net_generic(net, fib_rules_net_id);

	return frn ? &frn->rules_ops : NULL;
}

static struct fib_rules_ops *lookup_rules_ops(struct net *net, int family)
{
	struct list_head *head = rules_ops_of(net);
	struct fib_rules_ops *ops;

	if (!head)
		return NULL;
	list_for_each_entry(ops, head, list)
		if (ops->family == family)
			return ops;
	return NULL;
}

bool fib_rule_matchall(const struct fib_rule *rule)
{
	return !(rule->iifindex || rule->oifindex || rule->mark ||
		 rule->mark_mask || (rule->flags & FIB_RULE_INVERT));
}

static struct fib_rule *fib_rule_alloc(struct fib_rules_ops *ops)
{
	struct fib_rule *r = kzalloc(ops->rule_size, GFP_KERNEL);

	if (!r)
		return NULL;
	INIT_LIST_HEAD(&r->list);
	r->suppress_ifgroup = -1;
	r->suppress_prefixlen = -1;
	r->fr_net = ops->fro_net;
	return r;
}

int fib_default_rule_add(struct fib_rules_ops *ops, u32 pref, u32 table)
{
	struct fib_rule *r = fib_rule_alloc(ops);

	if (!r)
		return -ENOMEM;
	r->action = FR_ACT_TO_TBL;
	r->pref = pref;
	r->table = table;
	r->proto = RTPROT_KERNEL;
	/* the defaults are added in order: each goes last */
	list_add_tail(&r->list, &ops->rules_list);
	return 0;
}

struct fib_rules_ops *fib_rules_register(const struct fib_rules_ops *tmpl,
					 struct net *net)
{
	struct list_head *head = rules_ops_of(net);
	struct fib_rules_ops *ops;

	if (!head)
		return ERR_PTR(-ENOMEM);
	if (lookup_rules_ops(net, tmpl->family))
		return ERR_PTR(-EEXIST);
	ops = kzalloc(sizeof(*ops), GFP_KERNEL);
	if (!ops)
		return ERR_PTR(-ENOMEM);
	*ops = *tmpl;
	INIT_LIST_HEAD(&ops->rules_list);
	ops->fro_net = net;
	list_add_tail(&ops->list, head);
	return ops;
}

void fib_rules_unregister(struct fib_rules_ops *ops)
{
	struct fib_rule *r, *tmp;

	if (!ops)
		return;
	list_del(&ops->list);
	list_for_each_entry_safe(r, tmp, &ops->rules_list, list) {
		list_del(&r->list);
		kfree(r);
	}
	kfree(ops);
}

/* Selectors common to every family; "not" inverts the whole match. */
static int fib_rule_match(struct fib_rule *rule, struct fib_rules_ops *ops,
			  struct flowi4 *flp, int flags)
{
	int ret = 0;

	if (rule->iifindex && rule->iifindex != flp->flowi4_iif)
		goto out;
	if (rule->oifindex && rule->oifindex != flp->flowi4_oif)
		goto out;
	if ((rule->mark ^ flp->flowi4_mark) & rule->mark_mask)
		goto out;
	ret = ops->match(rule, flp, flags);
out:
	return (rule->flags & FIB_RULE_INVERT) ? !ret : ret;
}

/* The first rule of priority @target: where a goto lands (its ctarget). */
static struct fib_rule *fib_rule_target(struct fib_rules_ops *ops, u32 target)
{
	struct fib_rule *r;

	list_for_each_entry(r, &ops->rules_list, list) {
		if (r->pref == target)
			return r;
		if (r->pref > target)
			break;
	}
	return NULL;
}

int fib_rules_lookup(struct fib_rules_ops *ops, struct flowi4 *flp, int flags,
		     struct fib_lookup_arg *arg)
{
	struct fib_rule *rule;
	int err;

	list_for_each_entry(rule, &ops->rules_list, list) {
jumped:
		if (!fib_rule_match(rule, ops, flp, flags))
			continue;
		if (rule->action == FR_ACT_GOTO) {
			struct fib_rule *target;

			target = fib_rule_target(ops, rule->target);
			if (!target)
				continue;
			rule = target;
			goto jumped;
		} else if (rule->action == FR_ACT_NOP) {
			continue;
		}
		err = ops->action(rule, flp, flags, arg);
		if (!err && ops->suppress && ops->suppress(rule, flags, arg))
			continue;
		if (err != -EAGAIN) {
			arg->rule = rule;
			return err;
		}
	}
	return -ESRCH;
}

/* ---- rtnetlink ---- */

static u32 frh_get_table(const struct fib_rule_hdr *frh, struct nlattr **tb)
{
	if (tb[FRA_TABLE])
		return nla_get_u32(tb[FRA_TABLE]);
	return frh->table;
}

/* Linux: the second rule's priority less one, or 0. */
static u32 fib_default_rule_pref(struct fib_rules_ops *ops)
{
	struct list_head *pos;
	struct fib_rule *rule;

	if (!list_empty(&ops->rules_list)) {
		pos = ops->rules_list.next;
		if (pos->next != &ops->rules_list) {
			rule = list_entry(pos->next, struct fib_rule, list);
			if (rule->pref)
				return rule->pref - 1;
		}
	}
	return 0;
}

static int fib_nl2rule(struct sk_buff *skb, struct nlmsghdr *nlh,
		       struct netlink_ext_ack *extack,
		       struct fib_rules_ops *ops, struct nlattr **tb,
		       struct fib_rule **rule, bool *user_priority)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct fib_rule_hdr *frh = nlmsg_data(nlh);
	struct fib_rule *nlrule;
	int err = -EINVAL;

	if (frh->src_len)
		if (!tb[FRA_SRC] || frh->src_len > (ops->addr_size * 8) ||
		    nla_len(tb[FRA_SRC]) != ops->addr_size) {
			NL_SET_ERR_MSG(extack, "Invalid source address");
			return err;
		}
	if (frh->dst_len)
		if (!tb[FRA_DST] || frh->dst_len > (ops->addr_size * 8) ||
		    nla_len(tb[FRA_DST]) != ops->addr_size) {
			NL_SET_ERR_MSG(extack, "Invalid dst address");
			return err;
		}

	nlrule = fib_rule_alloc(ops);
	if (!nlrule)
		return -ENOMEM;
	if (tb[FRA_PRIORITY]) {
		nlrule->pref = nla_get_u32(tb[FRA_PRIORITY]);
		*user_priority = true;
	}
	nlrule->proto =
		tb[FRA_PROTOCOL] ? nla_get_u8(tb[FRA_PROTOCOL]) : RTPROT_UNSPEC;
	if (tb[FRA_IIFNAME]) {
		struct net_device *dev;

		nlrule->iifindex = -1;
		nla_strscpy(nlrule->iifname, tb[FRA_IIFNAME], IFNAMSIZ);
		dev = __dev_get_by_name(net, nlrule->iifname);
		if (dev)
			nlrule->iifindex = dev->ifindex;
	}
	if (tb[FRA_OIFNAME]) {
		struct net_device *dev;

		nlrule->oifindex = -1;
		nla_strscpy(nlrule->oifname, tb[FRA_OIFNAME], IFNAMSIZ);
		dev = __dev_get_by_name(net, nlrule->oifname);
		if (dev)
			nlrule->oifindex = dev->ifindex;
	}
	if (tb[FRA_FWMARK]) {
		nlrule->mark = nla_get_u32(tb[FRA_FWMARK]);
		if (nlrule->mark)
			/* a mark without a mask matches the whole mark */
			nlrule->mark_mask = 0xFFFFFFFF;
	}
	if (tb[FRA_FWMASK])
		nlrule->mark_mask = nla_get_u32(tb[FRA_FWMASK]);
	nlrule->action = frh->action;
	nlrule->flags = frh->flags;
	nlrule->table = frh_get_table(frh, tb);
	if (tb[FRA_SUPPRESS_PREFIXLEN])
		nlrule->suppress_prefixlen =
			(int)nla_get_u32(tb[FRA_SUPPRESS_PREFIXLEN]);
	if (tb[FRA_SUPPRESS_IFGROUP])
		nlrule->suppress_ifgroup =
			(int)nla_get_u32(tb[FRA_SUPPRESS_IFGROUP]);
	if (tb[FRA_GOTO]) {
		if (nlrule->action != FR_ACT_GOTO) {
			NL_SET_ERR_MSG(extack, "Unexpected goto");
			goto errout_free;
		}
		nlrule->target = nla_get_u32(tb[FRA_GOTO]);
		/* Backward jumps are prohibited to avoid endless loops */
		if (nlrule->target <= nlrule->pref) {
			NL_SET_ERR_MSG(extack, "Backward goto not supported");
			goto errout_free;
		}
	} else if (nlrule->action == FR_ACT_GOTO) {
		NL_SET_ERR_MSG(extack, "Missing goto target for action goto");
		goto errout_free;
	}
	*rule = nlrule;
	return 0;

errout_free:
	kfree(nlrule);
	return err;
}

/* A rule equal to @rule in every field (NLM_F_EXCL) */
static bool rule_exists(struct fib_rules_ops *ops, struct fib_rule_hdr *frh,
			struct nlattr **tb, struct fib_rule *rule)
{
	struct fib_rule *r;

	list_for_each_entry(r, &ops->rules_list, list) {
		if (r->action != rule->action || r->table != rule->table ||
		    r->pref != rule->pref ||
		    memcmp(r->iifname, rule->iifname, IFNAMSIZ) ||
		    memcmp(r->oifname, rule->oifname, IFNAMSIZ) ||
		    r->mark != rule->mark ||
		    r->suppress_ifgroup != rule->suppress_ifgroup ||
		    r->suppress_prefixlen != rule->suppress_prefixlen ||
		    r->mark_mask != rule->mark_mask ||
		    r->target != rule->target || r->proto != rule->proto)
			continue;
		if (!ops->compare(r, frh, tb))
			continue;
		return true;
	}
	return false;
}

/* The first rule the selectors given in a delete request match. */
static struct fib_rule *rule_find(struct fib_rules_ops *ops,
				  struct fib_rule_hdr *frh, struct nlattr **tb,
				  struct fib_rule *rule, bool user_priority)
{
	struct fib_rule *r;

	list_for_each_entry(r, &ops->rules_list, list) {
		if (rule->action && r->action != rule->action)
			continue;
		if (rule->table && r->table != rule->table)
			continue;
		if (user_priority && r->pref != rule->pref)
			continue;
		if (rule->iifname[0] &&
		    memcmp(r->iifname, rule->iifname, IFNAMSIZ))
			continue;
		if (rule->oifname[0] &&
		    memcmp(r->oifname, rule->oifname, IFNAMSIZ))
			continue;
		if (rule->mark && r->mark != rule->mark)
			continue;
		if (rule->suppress_ifgroup != -1 &&
		    r->suppress_ifgroup != rule->suppress_ifgroup)
			continue;
		if (rule->suppress_prefixlen != -1 &&
		    r->suppress_prefixlen != rule->suppress_prefixlen)
			continue;
		if (rule->mark_mask && r->mark_mask != rule->mark_mask)
			continue;
		if (rule->target && r->target != rule->target)
			continue;
		if (rule->proto && r->proto != rule->proto)
			continue;
		if (!ops->compare(r, frh, tb))
			continue;
		return r;
	}
	return NULL;
}

static int fib_nl_fill_rule(struct sk_buff *skb, struct fib_rule *rule, u32 pid,
			    u32 seq, int type, int flags,
			    struct fib_rules_ops *ops)
{
	struct fib_rule_hdr *frh;
	struct nlmsghdr *nlh;

	nlh = nlmsg_put(skb, pid, seq, type, sizeof(*frh), flags);
	if (!nlh)
		return -EMSGSIZE;
	frh = nlmsg_data(nlh);
	memset(frh, 0, sizeof(*frh));
	frh->family = (u8)ops->family;
	frh->table = rule->table < 256 ? (u8)rule->table : RT_TABLE_COMPAT;
	if (nla_put_u32(skb, FRA_TABLE, rule->table) ||
	    nla_put_u32(skb, FRA_SUPPRESS_PREFIXLEN,
			(u32)rule->suppress_prefixlen))
		goto nla_put_failure;
	frh->action = rule->action;
	frh->flags = rule->flags;
	if (nla_put_u8(skb, FRA_PROTOCOL, rule->proto))
		goto nla_put_failure;
	if (rule->action == FR_ACT_GOTO && !fib_rule_target(ops, rule->target))
		frh->flags |= FIB_RULE_UNRESOLVED;
	if (rule->iifname[0]) {
		if (nla_put_string(skb, FRA_IIFNAME, rule->iifname))
			goto nla_put_failure;
		if (rule->iifindex == -1)
			frh->flags |= FIB_RULE_IIF_DETACHED;
	}
	if (rule->oifname[0]) {
		if (nla_put_string(skb, FRA_OIFNAME, rule->oifname))
			goto nla_put_failure;
		if (rule->oifindex == -1)
			frh->flags |= FIB_RULE_OIF_DETACHED;
	}
	if ((rule->pref && nla_put_u32(skb, FRA_PRIORITY, rule->pref)) ||
	    (rule->mark && nla_put_u32(skb, FRA_FWMARK, rule->mark)) ||
	    ((rule->mark_mask || rule->mark) &&
	     nla_put_u32(skb, FRA_FWMASK, rule->mark_mask)) ||
	    (rule->target && nla_put_u32(skb, FRA_GOTO, rule->target)))
		goto nla_put_failure;
	if (rule->suppress_ifgroup != -1 &&
	    nla_put_u32(skb, FRA_SUPPRESS_IFGROUP, (u32)rule->suppress_ifgroup))
		goto nla_put_failure;
	if (ops->fill(rule, skb, frh) < 0)
		goto nla_put_failure;
	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

static void notify_rule_change(int event, struct fib_rule *rule,
			       struct fib_rules_ops *ops, struct nlmsghdr *nlh,
			       u32 pid)
{
	struct net *net = ops->fro_net;
	struct sk_buff *skb;
	int err;

	skb = nlmsg_new(256, GFP_KERNEL);
	if (!skb) {
		rtnl_set_sk_err(net, (u32)ops->nlgroup, -ENOBUFS);
		return;
	}
	err = fib_nl_fill_rule(skb, rule, pid, nlh ? nlh->nlmsg_seq : 0, event,
			       0, ops);
	if (err < 0) {
		kfree_skb(skb);
		rtnl_set_sk_err(net, (u32)ops->nlgroup, err);
		return;
	}
	rtnl_notify(skb, net, pid, (u32)ops->nlgroup, nlh, 0);
}

static void flush_route_cache(struct fib_rules_ops *ops)
{
	if (ops->flush_cache)
		ops->flush_cache(ops);
}

/* Parse the common part of RTM_NEWRULE/RTM_DELRULE: the ops and attrs. */
static int fib_rule_request(struct sk_buff *skb, struct nlmsghdr *nlh,
			    struct netlink_ext_ack *extack,
			    struct fib_rules_ops **opsp, struct nlattr **tb)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct fib_rule_hdr *frh;
	struct fib_rules_ops *ops;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*frh))) {
		NL_SET_ERR_MSG(extack, "Invalid msg length");
		return -EINVAL;
	}
	frh = nlmsg_data(nlh);
	ops = lookup_rules_ops(net, frh->family);
	if (!ops) {
		NL_SET_ERR_MSG(extack, "Rule family not supported");
		return -EAFNOSUPPORT;
	}
	*opsp = ops;
	return nlmsg_parse_deprecated(nlh, sizeof(*frh), tb, FRA_MAX,
				      ops->policy, extack);
}

static int fib_nl_newrule(struct sk_buff *skb, struct nlmsghdr *nlh,
			  struct netlink_ext_ack *extack)
{
	struct fib_rule_hdr *frh = nlmsg_data(nlh);
	struct fib_rule *rule = NULL, *r, *last = NULL;
	struct nlattr *tb[FRA_MAX + 1];
	struct fib_rules_ops *ops;
	bool user_priority = false;
	int err;

	err = fib_rule_request(skb, nlh, extack, &ops, tb);
	if (err < 0)
		return err;
	err = fib_nl2rule(skb, nlh, extack, ops, tb, &rule, &user_priority);
	if (err)
		return err;
	if (!user_priority)
		rule->pref = fib_default_rule_pref(ops);
	if ((nlh->nlmsg_flags & NLM_F_EXCL) &&
	    rule_exists(ops, frh, tb, rule)) {
		err = -EEXIST;
		goto errout_free;
	}
	err = ops->configure(rule, skb, frh, tb, extack);
	if (err < 0)
		goto errout_free;

	list_for_each_entry(r, &ops->rules_list, list) {
		if (r->pref > rule->pref)
			break;
		last = r;
	}
	if (last)
		list_add(&rule->list, &last->list);
	else
		list_add(&rule->list, &ops->rules_list);
	notify_rule_change(RTM_NEWRULE, rule, ops, nlh, NETLINK_CB(skb).portid);
	flush_route_cache(ops);
	return 0;

errout_free:
	kfree(rule);
	return err;
}

static int fib_nl_delrule(struct sk_buff *skb, struct nlmsghdr *nlh,
			  struct netlink_ext_ack *extack)
{
	struct fib_rule_hdr *frh = nlmsg_data(nlh);
	struct nlattr *tb[FRA_MAX + 1];
	struct fib_rule *rule = NULL, *nlrule = NULL;
	struct fib_rules_ops *ops;
	bool user_priority = false;
	int err;

	err = fib_rule_request(skb, nlh, extack, &ops, tb);
	if (err < 0)
		return err;
	err = fib_nl2rule(skb, nlh, extack, ops, tb, &nlrule, &user_priority);
	if (err)
		return err;
	rule = rule_find(ops, frh, tb, nlrule, user_priority);
	kfree(nlrule);
	if (!rule)
		return -ENOENT;
	if (rule->flags & FIB_RULE_PERMANENT)
		return -EPERM;
	if (ops->delete) {
		err = ops->delete (rule);
		if (err)
			return err;
	}
	list_del(&rule->list);
	notify_rule_change(RTM_DELRULE, rule, ops, nlh, NETLINK_CB(skb).portid);
	kfree(rule);
	flush_route_cache(ops);
	return 0;
}

static int fib_valid_dumprule_req(const struct nlmsghdr *nlh,
				  struct netlink_ext_ack *extack)
{
	struct fib_rule_hdr *frh;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*frh))) {
		NL_SET_ERR_MSG(extack,
			       "Invalid header for fib rule dump request");
		return -EINVAL;
	}
	frh = nlmsg_data(nlh);
	if (frh->dst_len || frh->src_len || frh->tos || frh->table ||
	    frh->res1 || frh->res2 || frh->action || frh->flags) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid values in header for fib rule dump request");
		return -EINVAL;
	}
	if (nlmsg_len(nlh) > (int)NLMSG_ALIGN(sizeof(*frh))) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid data after header in fib rule dump request");
		return -EINVAL;
	}
	return 0;
}

/* One family's rules from cb->args[1] on; -EMSGSIZE when the skb is full. */
static int dump_rules(struct sk_buff *skb, struct netlink_callback *cb,
		      struct fib_rules_ops *ops)
{
	struct fib_rule *rule;
	long idx = 0;
	int err = 0;

	list_for_each_entry(rule, &ops->rules_list, list) {
		if (idx < cb->args[1])
			goto skip;
		err = fib_nl_fill_rule(skb, rule, NETLINK_CB(cb->skb).portid,
				       cb->nlh->nlmsg_seq, RTM_NEWRULE,
				       NLM_F_MULTI, ops);
		if (err)
			break;
skip:
		idx++;
	}
	cb->args[1] = idx;
	return err;
}

static int fib_nl_dumprule(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct nlmsghdr *nlh = cb->nlh;
	struct net *net = sock_net(NETLINK_CB(cb->skb).sk);
	struct fib_rules_ops *ops;
	int family = ((struct rtgenmsg *)nlmsg_data(nlh))->rtgen_family;
	long idx = 0;

	if (cb->strict_check) {
		int err = fib_valid_dumprule_req(nlh, cb->extack);

		if (err < 0)
			return err;
	}
	if (family != AF_UNSPEC) {
		ops = lookup_rules_ops(net, family);
		if (!ops)
			return -EAFNOSUPPORT;
		dump_rules(skb, cb, ops);
		return (int)skb->len;
	}
	list_for_each_entry(ops, rules_ops_of(net), list) {
		if (idx < cb->args[0])
			goto skip;
		if (dump_rules(skb, cb, ops) < 0)
			break;
		cb->args[1] = 0;
skip:
		idx++;
	}
	cb->args[0] = idx;
	return (int)skb->len;
}

/* ---- rules following devices by name ---- */

static void attach_rules(struct list_head *rules, struct net_device *dev)
{
	struct fib_rule *rule;

	list_for_each_entry(rule, rules, list) {
		if (rule->iifindex == -1 &&
		    strcmp(dev->name, rule->iifname) == 0)
			rule->iifindex = dev->ifindex;
		if (rule->oifindex == -1 &&
		    strcmp(dev->name, rule->oifname) == 0)
			rule->oifindex = dev->ifindex;
	}
}

static void detach_rules(struct list_head *rules, struct net_device *dev)
{
	struct fib_rule *rule;

	list_for_each_entry(rule, rules, list) {
		if (rule->iifindex == dev->ifindex)
			rule->iifindex = -1;
		if (rule->oifindex == dev->ifindex)
			rule->oifindex = -1;
	}
}

static int fib_rules_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = ptr;
	struct list_head *head = rules_ops_of(dev_net(dev));
	struct fib_rules_ops *ops;

	(void)nb;
	if (!head)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_REGISTER:
		list_for_each_entry(ops, head, list)
			attach_rules(&ops->rules_list, dev);
		break;
	case NETDEV_CHANGENAME:
		list_for_each_entry(ops, head, list) {
			detach_rules(&ops->rules_list, dev);
			attach_rules(&ops->rules_list, dev);
		}
		break;
	case NETDEV_UNREGISTER:
		list_for_each_entry(ops, head, list)
			detach_rules(&ops->rules_list, dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block fib_rules_notifier = {
	.notifier_call = fib_rules_event,
};

static int fib_rules_net_init(struct net *net)
{
	struct fib_rules_net *frn = kzalloc(sizeof(*frn), GFP_KERNEL);

	if (!frn)
		return -ENOMEM;
	INIT_LIST_HEAD(&frn->rules_ops);
	net->gen[fib_rules_net_id] = frn;
	return 0;
}

static void fib_rules_net_exit(struct net *net)
{
	kfree(net->gen[fib_rules_net_id]);
	net->gen[fib_rules_net_id] = NULL;
}

static struct pernet_operations fib_rules_net_ops = {
	.init = fib_rules_net_init,
	.exit = fib_rules_net_exit,
	.id = &fib_rules_net_id,
};

/**
 * fib_rules_init - the per-namespace list of rule families, the rule
 *	rtnetlink handlers and the device notifier.  Called by ip_fib_init
 *	before any family registers its rules.
 * Return: 0 or -errno.
 */
int fib_rules_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = register_pernet_subsys(&fib_rules_net_ops);
	if (err)
		return err;
	err = rtnl_register(PF_UNSPEC, RTM_NEWRULE, fib_nl_newrule, NULL, 0);
	if (!err)
		err = rtnl_register(PF_UNSPEC, RTM_DELRULE, fib_nl_delrule,
				    NULL, 0);
	if (!err)
		err = rtnl_register(PF_UNSPEC, RTM_GETRULE, NULL,
				    fib_nl_dumprule, 0);
	if (err)
		return err;
	return register_netdevice_notifier(&fib_rules_notifier);
}
