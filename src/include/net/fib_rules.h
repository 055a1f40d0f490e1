/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Policy routing rules (`ip rule`): an ordered list per family and
 * namespace, each rule a selector (iif, oif, fwmark/mask, and the family's
 * own: from, to, tos) and an action (look a table up, goto, nop, or fail
 * with unreachable/prohibit/blackhole).  A lookup walks the rules by
 * priority until one's action answers.
 *
 * The family-independent part lives in core/fib_rules.c (Linux:
 * net/core/fib_rules.c), IPv4's in ipv4/fib_rules.c.  Linux:
 * include/net/fib_rules.h.  tuxnet routes IPv4 only, so the flow handed
 * to the rules is a struct flowi4.
 */
#ifndef _NET_FIB_RULES_H
#define _NET_FIB_RULES_H

#include <linux/fib_rules.h>

#include <net/list.h>
#include <net/netdevice.h>
#include <net/netlink.h>
#include <net/route.h>

struct net;
struct fib_rules_ops;

struct fib_rule {
	struct list_head list; /* ops->rules_list, by pref */
	int iifindex; /* 0: any; -1: named device absent (detached) */
	int oifindex;
	u32 mark;
	u32 mark_mask;
	u32 flags; /* FIB_RULE_INVERT ... */
	u32 table;
	u8 action; /* FR_ACT_* */
	u8 proto; /* who made it: RTPROT_KERNEL for the defaults */
	u32 target; /* FR_ACT_GOTO: the pref jumped to */
	u32 pref;
	int suppress_ifgroup; /* -1: none */
	int suppress_prefixlen; /* -1: none */
	char iifname[IFNAMSIZ];
	char oifname[IFNAMSIZ];
	struct net *fr_net;
};

/* What a lookup through the rules carries and returns. */
struct fib_lookup_arg {
	void *result; /* struct fib_result for IPv4 */
	struct fib_rule *rule; /* the rule that answered */
	u32 table;
	int flags;
};

struct fib_rules_ops {
	int family;
	struct list_head list; /* the namespace's families */
	size_t rule_size;
	int addr_size;
	int nlgroup;
	int (*action)(struct fib_rule *rule, struct flowi4 *flp, int flags,
		      struct fib_lookup_arg *arg);
	bool (*suppress)(struct fib_rule *rule, int flags,
			 struct fib_lookup_arg *arg);
	int (*match)(struct fib_rule *rule, struct flowi4 *flp, int flags);
	int (*configure)(struct fib_rule *rule, struct sk_buff *skb,
			 struct fib_rule_hdr *frh, struct nlattr **tb,
			 struct netlink_ext_ack *extack);
	int (*delete)(struct fib_rule *rule);
	int (*compare)(struct fib_rule *rule, struct fib_rule_hdr *frh,
		       struct nlattr **tb);
	int (*fill)(struct fib_rule *rule, struct sk_buff *skb,
		    struct fib_rule_hdr *frh);
	void (*flush_cache)(struct fib_rules_ops *ops);
	const struct nla_policy *policy;
	struct list_head rules_list;
	struct net *fro_net;
};

/* fib_rule_get_table - the table a rule looks up */
static inline u32 fib_rule_get_table(const struct fib_rule *rule,
				     const struct fib_lookup_arg *arg)
{
	(void)arg;
	return rule->table;
}

/* fib_rules_register - a copy of @tmpl for @net, its rules empty */
struct fib_rules_ops *fib_rules_register(const struct fib_rules_ops *tmpl,
					 struct net *net);
void fib_rules_unregister(struct fib_rules_ops *ops);
/* fib_default_rule_add - one of the rules a namespace starts with */
int fib_default_rule_add(struct fib_rules_ops *ops, u32 pref, u32 table);
/**
 * fib_rules_lookup - walk @ops's rules for @flp
 * Return: the answering action's result (0 with arg->result filled, or its
 *	error), or -ESRCH when no rule answered.
 */
int fib_rules_lookup(struct fib_rules_ops *ops, struct flowi4 *flp, int flags,
		     struct fib_lookup_arg *arg);
/* fib_rule_matchall - a rule without any selector */
bool fib_rule_matchall(const struct fib_rule *rule);
/* fib_rules_init - RTM_NEWRULE/DELRULE/GETRULE handlers, device events */
int fib_rules_init(struct tn_stack *st);

#endif /* _NET_FIB_RULES_H */
