// SPDX-License-Identifier: BSD-2-Clause
/*
 * The qdisc messages of rtnetlink, which `tc qdisc` speaks:
 * RTM_NEWQDISC (add, replace, change, link: NLM_F_CREATE/EXCL/REPLACE
 * decide which), RTM_DELQDISC, RTM_GETQDISC and its dump, with the
 * attributes and extended-ack texts of Linux 6.18.  Only root qdiscs
 * exist (none of the built disciplines has classes), so a handle names
 * the root qdisc of its device or nothing.
 * Linux: net/sched/sch_api.c, net/core/gen_stats.c (the statistics).
 */
#include <linux/gen_stats.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/netlink.h>
#include <net/pkt_sched.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

/* The disciplines `tc qdisc add` can name; noop is not among them. */
static const struct Qdisc_ops *const qdisc_base[] = {
	&pfifo_fast_ops,    &pfifo_qdisc_ops,		&bfifo_qdisc_ops,
	&noqueue_qdisc_ops, &pfifo_head_drop_qdisc_ops, &netem_qdisc_ops,
};

/* qdisc_lookup_ops - the discipline @kind names, or NULL (none, or one
 * this stack does not build: netem, fq, htb ...) */
static const struct Qdisc_ops *qdisc_lookup_ops(const struct nlattr *kind)
{
	size_t i;

	if (!kind)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(qdisc_base); i++)
		if (!nla_strcmp(kind, qdisc_base[i]->id))
			return qdisc_base[i];
	return NULL;
}

struct Qdisc *qdisc_lookup(struct net_device *dev, u32 handle)
{
	struct Qdisc *root = dev->qdisc;

	if (root && !(root->flags & TCQ_F_BUILTIN) && root->handle == handle)
		return root;
	return NULL;
}

/*
 * qdisc_alloc_handle - the next free handle of the form 8xxx:, from one
 * counter per stack (Linux keeps one for the machine), skipping those in
 * use on @dev.  Return: the handle, or 0 if all 0x8000 are taken.
 */
static u32 qdisc_alloc_handle(struct net_device *dev)
{
	u32 *autohandle = &current_stack()->qdisc_autohandle;
	int i = 0x8000;

	if (!*autohandle)
		*autohandle = TC_H_MAKE(0x80000000U, 0);
	do {
		*autohandle += TC_H_MAKE(0x10000U, 0);
		if (*autohandle == TC_H_MAKE(TC_H_ROOT, 0))
			*autohandle = TC_H_MAKE(0x80000000U, 0);
		if (!qdisc_lookup(dev, *autohandle))
			return *autohandle;
	} while (--i > 0);
	return 0;
}

static const struct nla_policy rtm_tca_policy[TCA_MAX + 1] = {
	[TCA_UNSPEC] = { .strict_start_type = TCA_INGRESS_BLOCK },
	[TCA_KIND] = { .type = NLA_STRING },
	[TCA_RATE] = { .type = NLA_BINARY, .len = sizeof(struct tc_estimator) },
	[TCA_STAB] = { .type = NLA_NESTED },
	[TCA_DUMP_INVISIBLE] = { .type = NLA_FLAG },
	[TCA_CHAIN] = { .type = NLA_U32 },
	[TCA_INGRESS_BLOCK] = { .type = NLA_U32 },
	[TCA_EGRESS_BLOCK] = { .type = NLA_U32 },
};

/*
 * What the stack does not build yet is refused rather than ignored: a
 * size table (TCA_STAB) and a rate estimator (TCA_RATE) would change what
 * the qdisc counts and shows.
 */
static int qdisc_check_unbuilt(struct nlattr **tca,
			       struct netlink_ext_ack *extack)
{
	if (tca[TCA_STAB]) {
		NL_SET_ERR_MSG(extack, "Size tables are not supported");
		return -EOPNOTSUPP;
	}
	if (tca[TCA_RATE]) {
		NL_SET_ERR_MSG(extack, "Rate estimators are not supported");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* ---- the message: tcmsg, kind, options, statistics ---- */

static int tc_fill_stats(struct sk_buff *skb, const struct Qdisc *q)
{
	struct gnet_stats_basic basic;
	struct gnet_stats_queue queue;
	struct tc_stats st;
	struct nlattr *nest;

	/* the padding of the 16-byte struct goes out as zeros, as Linux's */
	memset(&basic, 0, sizeof(basic));
	basic.bytes = q->bstats.bytes;
	basic.packets = (u32)q->bstats.packets;
	queue.qlen = q->qstats.qlen;
	queue.backlog = q->qstats.backlog;
	queue.drops = q->qstats.drops;
	queue.requeues = q->qstats.requeues;
	queue.overlimits = q->qstats.overlimits;
	nest = nla_nest_start_noflag(skb, TCA_STATS2);
	if (!nest || nla_put(skb, TCA_STATS_BASIC, sizeof(basic), &basic) ||
	    nla_put(skb, TCA_STATS_QUEUE, sizeof(queue), &queue))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	/* the old struct, for old tools (TCA_STATS) */
	memset(&st, 0, sizeof(st));
	st.bytes = basic.bytes;
	st.packets = basic.packets;
	st.drops = queue.drops;
	st.overlimits = queue.overlimits;
	st.qlen = queue.qlen;
	st.backlog = queue.backlog;
	return nla_put(skb, TCA_STATS, sizeof(st), &st) ? -EMSGSIZE : 0;
}

static int tc_fill_qdisc(struct sk_buff *skb, struct Qdisc *q, u32 clid,
			 u32 portid, u32 seq, u16 flags, int event)
{
	struct nlmsghdr *nlh;
	struct tcmsg *tcm;

	nlh = nlmsg_put(skb, portid, seq, event, sizeof(*tcm), flags);
	if (!nlh)
		return -EMSGSIZE;
	tcm = nlmsg_data(nlh);
	memset(tcm, 0, sizeof(*tcm));
	tcm->tcm_family = AF_UNSPEC;
	tcm->tcm_ifindex = qdisc_dev(q)->ifindex;
	tcm->tcm_parent = clid;
	tcm->tcm_handle = q->handle;
	tcm->tcm_info = (u32)q->refcnt;
	if (nla_put_string(skb, TCA_KIND, q->ops->id))
		goto nla_put_failure;
	if (q->ops->dump && q->ops->dump(q, skb) < 0)
		goto nla_put_failure;
	if (nla_put_u8(skb, TCA_HW_OFFLOAD, 0))
		goto nla_put_failure;
	if (tc_fill_stats(skb, q))
		goto nla_put_failure;
	nlmsg_end(skb, nlh);
	return (int)skb->len;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/* qdisc_notify - RTM_DELQDISC for @old and RTM_NEWQDISC for @new to
 * RTNLGRP_TC (and the requester, if it asked for NLM_F_ECHO) */
static int qdisc_notify(struct net *net, struct sk_buff *oskb,
			struct nlmsghdr *n, u32 clid, struct Qdisc *old,
			struct Qdisc *new)
{
	u32 portid = oskb ? NETLINK_CB(oskb).portid : 0;
	struct sk_buff *skb = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);

	if (!skb)
		return -ENOBUFS;
	if (old && !(old->flags & TCQ_F_BUILTIN) &&
	    tc_fill_qdisc(skb, old, clid, portid, n->nlmsg_seq, 0,
			  RTM_DELQDISC) < 0)
		goto err_out;
	if (new && !(new->flags &TCQ_F_BUILTIN) &&
	    tc_fill_qdisc(skb, new, clid, portid, n->nlmsg_seq,
			  old ? NLM_F_REPLACE : 0, RTM_NEWQDISC) < 0)
		goto err_out;
	if (skb->len) {
		rtnl_notify(skb, net, portid, RTNLGRP_TC, n, 0);
		return 0;
	}
err_out:
	kfree_skb(skb);
	return -EINVAL;
}

/*
 * qdisc_graft - make @new the root qdisc of @dev in place of @old (NULL:
 * back to the default, made at the next activation).  The old one is
 * announced gone and freed.
 */
static void qdisc_graft(struct net_device *dev, struct sk_buff *skb,
			struct nlmsghdr *n, u32 classid, struct Qdisc *new)
{
	struct net *net = dev_net(dev);
	struct Qdisc *old;

	/* one reference per transmit queue and one for dev->qdisc */
	if (new)
		new->refcnt += (int)dev->num_tx_queues;
	old = dev_graft_qdisc(dev, new);
	qdisc_notify(net, skb, n, classid, old, new);
	qdisc_put(old);
}

/*
 * qdisc_create - a new qdisc of the kind TCA_KIND names, with handle
 * @handle (0: one is chosen), TCA_OPTIONS given to its init.
 */
static struct Qdisc *qdisc_create(struct net_device *dev, u32 parent,
				  u32 handle, struct nlattr **tca, int *errp,
				  struct netlink_ext_ack *extack)
{
	const struct Qdisc_ops *ops = qdisc_lookup_ops(tca[TCA_KIND]);
	struct Qdisc *sch;
	int err;

	if (!ops) {
		NL_SET_ERR_MSG(extack, "Specified qdisc kind is unknown");
		*errp = -ENOENT;
		return NULL;
	}
	if (parent == TC_H_INGRESS) {
		/* only ingress and clsact may sit there; neither is built */
		NL_SET_ERR_MSG(
			extack,
			"Specified parent ID is reserved for ingress and clsact Qdiscs");
		*errp = -EINVAL;
		return NULL;
	}
	sch = qdisc_alloc(dev, ops);
	if (!sch) {
		*errp = -ENOBUFS;
		return NULL;
	}
	sch->parent = parent;
	if (!handle) {
		handle = qdisc_alloc_handle(dev);
		if (!handle) {
			NL_SET_ERR_MSG(
				extack,
				"Maximum number of qdisc handles was exceeded");
			err = -ENOSPC;
			goto err_out;
		}
	}
	sch->handle = handle;
	if (dev->num_tx_queues <= 1)
		sch->flags |= TCQ_F_ONETXQUEUE;
	if (tca[TCA_INGRESS_BLOCK] || tca[TCA_EGRESS_BLOCK]) {
		const struct nlattr *b = tca[TCA_INGRESS_BLOCK];
		bool ingress = b != NULL;

		if (!b)
			b = tca[TCA_EGRESS_BLOCK];
		if (!nla_get_u32(b)) {
			NL_SET_ERR_MSG(
				extack,
				ingress ? "Ingress block index cannot be 0"
					: "Egress block index cannot be 0");
			err = -EINVAL;
		} else {
			NL_SET_ERR_MSG(
				extack,
				ingress ? "Ingress block sharing is not supported"
					: "Egress block sharing is not supported");
			err = -EOPNOTSUPP;
		}
		goto err_out;
	}
	if (ops->init) {
		err = ops->init(sch, tca[TCA_OPTIONS], extack);
		if (err)
			goto err_out;
	}
	return sch;

err_out:
	qdisc_put(sch);
	*errp = err;
	return NULL;
}

/* qdisc_change - new options for a running qdisc (its counters stay) */
static int qdisc_change(struct Qdisc *sch, struct nlattr **tca,
			struct netlink_ext_ack *extack)
{
	if (tca[TCA_OPTIONS]) {
		if (!sch->ops->change) {
			NL_SET_ERR_MSG(
				extack,
				"Change operation not supported by specified qdisc");
			return -EINVAL;
		}
		if (tca[TCA_INGRESS_BLOCK] || tca[TCA_EGRESS_BLOCK]) {
			NL_SET_ERR_MSG(extack,
				       "Change of blocks is not supported");
			return -EOPNOTSUPP;
		}
		return sch->ops->change(sch, tca[TCA_OPTIONS], extack);
	}
	return 0;
}

static bool kind_differs(struct nlattr **tca, const struct Qdisc *q)
{
	return tca[TCA_KIND] && nla_strcmp(tca[TCA_KIND], q->ops->id);
}

/*
 * tc_modify_qdisc - RTM_NEWQDISC.  Where the parent (only the root here)
 * has a qdisc of its own making, the request either changes it or makes
 * and grafts a new one; the flags decide as Linux 6.18 decides (tc's add
 * is CREATE|EXCL, replace CREATE|REPLACE, change none, link REPLACE).
 */
/*
 * A handle is asked for at a parent where @q (maybe none) is not it: the
 * qdisc with @handle would be grafted there.  1: there is none, make it;
 * 0: it is the root already, nothing moves; or the errno refusing it.
 */
static int qdisc_graft_by_handle(struct net_device *dev, struct nlattr **tca,
				 struct Qdisc *q, u32 handle, u16 flags,
				 struct netlink_ext_ack *extack)
{
	if (q && !(flags & NLM_F_REPLACE)) {
		NL_SET_ERR_MSG(extack, "NLM_F_REPLACE needed to override");
		return -EEXIST;
	}
	if (TC_H_MIN(handle)) {
		NL_SET_ERR_MSG(extack, "Invalid minor handle");
		return -EINVAL;
	}
	q = qdisc_lookup(dev, handle);
	if (!q)
		return 1;
	if (flags & NLM_F_EXCL) {
		NL_SET_ERR_MSG(extack, "Exclusivity flag on, cannot override");
		return -EEXIST;
	}
	if (kind_differs(tca, q)) {
		NL_SET_ERR_MSG(extack,
			       "Invalid qdisc name: must match existing qdisc");
		return -EINVAL;
	}
	/* the root grafted on itself */
	return 0;
}

static int tc_modify_qdisc(struct sk_buff *skb, struct nlmsghdr *n,
			   struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	u16 flags = n->nlmsg_flags;
	struct nlattr *tca[TCA_MAX + 1];
	struct net_device *dev;
	struct Qdisc *q = NULL;
	struct tcmsg *tcm;
	u32 clid;
	int err;

	err = nlmsg_parse_deprecated(n, sizeof(*tcm), tca, TCA_MAX,
				     rtm_tca_policy, extack);
	if (err < 0)
		return err;
	tcm = nlmsg_data(n);
	clid = tcm->tcm_parent;
	dev = __dev_get_by_index(net, tcm->tcm_ifindex);
	if (!dev)
		return -ENODEV;
	err = qdisc_check_unbuilt(tca, extack);
	if (err)
		return err;

	if (clid) {
		if (clid == TC_H_ROOT) {
			q = dev->qdisc;
		} else if (clid != TC_H_INGRESS) {
			struct Qdisc *p = qdisc_lookup(dev, TC_H_MAJ(clid));

			if (!p) {
				NL_SET_ERR_MSG(
					extack,
					"Failed to find specified qdisc");
				return -ENOENT;
			}
			/* none of the built disciplines has classes */
			NL_SET_ERR_MSG(extack, "Parent qdisc is not classful");
			return -EOPNOTSUPP;
		}
		/* a default (handle 0) or noop is not the user's: replace it */
		if (q && q->handle == 0)
			q = NULL;

		if (!q || !tcm->tcm_handle || q->handle != tcm->tcm_handle) {
			if (tcm->tcm_handle) {
				err = qdisc_graft_by_handle(dev, tca, q,
							    tcm->tcm_handle,
							    flags, extack);
				if (err <= 0)
					return err;
				goto create_n_graft;
			}
			if (!q)
				goto create_n_graft;
			/*
			 * A qdisc of another kind is asked for where one
			 * sits: Linux 6.18 makes and grafts it for
			 * CREATE with REPLACE or EXCL, and for a request
			 * with none of the three flags (tc's change); else
			 * the request is a change of the one there.
			 */
			if (kind_differs(tca, q)) {
				u16 f = flags & (NLM_F_CREATE | NLM_F_REPLACE |
						 NLM_F_EXCL);

				if (!f)
					goto create;
				if ((f & NLM_F_CREATE) &&
				    (f & (NLM_F_REPLACE | NLM_F_EXCL)))
					goto create_n_graft;
			}
		}
	} else {
		if (!tcm->tcm_handle) {
			NL_SET_ERR_MSG(extack, "Handle cannot be zero");
			return -EINVAL;
		}
		q = qdisc_lookup(dev, tcm->tcm_handle);
	}

	/* change the qdisc's parameters */
	if (!q) {
		NL_SET_ERR_MSG(extack, "Specified qdisc not found");
		return -ENOENT;
	}
	if (flags & NLM_F_EXCL) {
		NL_SET_ERR_MSG(extack, "Exclusivity flag on, cannot modify");
		return -EEXIST;
	}
	if (kind_differs(tca, q)) {
		NL_SET_ERR_MSG(extack,
			       "Invalid qdisc name: must match existing qdisc");
		return -EINVAL;
	}
	err = qdisc_change(q, tca, extack);
	if (!err)
		qdisc_notify(net, skb, n, clid, NULL, q);
	return err;

create_n_graft:
	if (!(flags & NLM_F_CREATE)) {
		NL_SET_ERR_MSG(
			extack,
			"Qdisc not found. To create specify NLM_F_CREATE flag");
		return -ENOENT;
	}
create:
	q = qdisc_create(dev, tcm->tcm_parent, tcm->tcm_handle, tca, &err,
			 extack);
	if (!q)
		return err;
	qdisc_graft(dev, skb, n, clid, q);
	return 0;
}

/* tc_get_qdisc - RTM_GETQDISC for one qdisc, and RTM_DELQDISC */
static int tc_get_qdisc(struct sk_buff *skb, struct nlmsghdr *n,
			struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct nlattr *tca[TCA_MAX + 1];
	struct net_device *dev;
	struct Qdisc *q = NULL;
	struct sk_buff *rskb;
	struct tcmsg *tcm;
	u32 clid;
	int err;

	err = nlmsg_parse_deprecated(n, sizeof(*tcm), tca, TCA_MAX,
				     rtm_tca_policy, extack);
	if (err < 0)
		return err;
	tcm = nlmsg_data(n);
	clid = tcm->tcm_parent;
	dev = __dev_get_by_index(net, tcm->tcm_ifindex);
	if (!dev)
		return -ENODEV;

	if (clid) {
		if (clid == TC_H_ROOT) {
			q = dev->qdisc;
		} else if (TC_H_MAJ(clid) != TC_H_MAJ(TC_H_INGRESS)) {
			if (!qdisc_lookup(dev, TC_H_MAJ(clid))) {
				NL_SET_ERR_MSG(
					extack,
					"Failed to find qdisc with specified classid");
				return -ENOENT;
			}
			NL_SET_ERR_MSG(extack, "Parent qdisc is not classful");
			return -EOPNOTSUPP;
		}
		if (!q) {
			NL_SET_ERR_MSG(
				extack,
				"Cannot find qdisc with specified classid");
			return -ENOENT;
		}
		if (tcm->tcm_handle && q->handle != tcm->tcm_handle) {
			NL_SET_ERR_MSG(extack, "Invalid handle");
			return -EINVAL;
		}
	} else {
		q = qdisc_lookup(dev, tcm->tcm_handle);
		if (!q) {
			NL_SET_ERR_MSG(
				extack,
				"Failed to find qdisc with specified handle");
			return -ENOENT;
		}
	}
	if (kind_differs(tca, q)) {
		NL_SET_ERR_MSG(extack,
			       "Invalid qdisc name: must match existing qdisc");
		return -EINVAL;
	}

	if (n->nlmsg_type == RTM_DELQDISC) {
		if (!clid) {
			NL_SET_ERR_MSG(extack, "Classid cannot be zero");
			return -EINVAL;
		}
		if (q->handle == 0) {
			NL_SET_ERR_MSG(
				extack,
				"Cannot delete qdisc with handle of zero");
			return -ENOENT;
		}
		qdisc_graft(dev, skb, n, clid, NULL);
		return 0;
	}
	rskb = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!rskb)
		return -ENOBUFS;
	if (tc_fill_qdisc(rskb, q, clid, NETLINK_CB(skb).portid, n->nlmsg_seq,
			  0, RTM_NEWQDISC) < 0) {
		kfree_skb(rskb);
		return -EINVAL;
	}
	return rtnl_unicast(rskb, net, NETLINK_CB(skb).portid);
}

/*
 * tc_dump_qdisc - every device's root qdisc, in ifindex order (noop, the
 * qdisc of a device never up, is not shown).  cb->args[0] counts the
 * devices done.  tc filters by device itself.
 */
static int tc_dump_qdisc(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(NETLINK_CB(cb->skb).sk);
	struct nlattr *tca[TCA_MAX + 1];
	struct net_device *dev;
	long idx = 0, s_idx = cb->args[0];
	int err;

	err = nlmsg_parse_deprecated(cb->nlh, sizeof(struct tcmsg), tca,
				     TCA_MAX, rtm_tca_policy, cb->extack);
	if (err < 0)
		return err;
	for_each_netdev(net, dev) {
		struct Qdisc *q = dev->qdisc;

		if (idx++ < s_idx)
			continue;
		if (!q || (q->flags & TCQ_F_BUILTIN))
			continue;
		if (tc_fill_qdisc(skb, q, q->parent, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, NLM_F_MULTI,
				  RTM_NEWQDISC) < 0) {
			idx--;
			break;
		}
	}
	cb->args[0] = idx;
	return (int)skb->len;
}

/* ---- the watchdog: a qdisc's timer on the stack clock ---- */

static void qdisc_watchdog(struct timer_list *t)
{
	struct qdisc_watchdog *wd = from_timer(wd, t, timer);

	__netif_schedule(wd->qdisc);
}

void qdisc_watchdog_init(struct qdisc_watchdog *wd, struct Qdisc *qdisc)
{
	timer_setup(&wd->timer, qdisc_watchdog, current_stack());
	wd->qdisc = qdisc;
}

void qdisc_watchdog_schedule_ns(struct qdisc_watchdog *wd, u64 expires)
{
	/* a device that is down runs noop: nothing to wake */
	if (qdisc_dev(wd->qdisc)->_tx.qdisc != wd->qdisc)
		return;
	if (timer_pending(&wd->timer) && wd->timer.expires == expires)
		return;
	mod_timer(&wd->timer, expires);
}

void qdisc_watchdog_cancel(struct qdisc_watchdog *wd)
{
	del_timer(&wd->timer);
}

/* pktsched_init - the qdisc messages of rtnetlink (subsys init level) */
int pktsched_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = rtnl_register(PF_UNSPEC, RTM_NEWQDISC, tc_modify_qdisc, NULL, 0);
	if (!err)
		err = rtnl_register(PF_UNSPEC, RTM_DELQDISC, tc_get_qdisc, NULL,
				    0);
	if (!err)
		err = rtnl_register(PF_UNSPEC, RTM_GETQDISC, tc_get_qdisc,
				    tc_dump_qdisc, 0);
	return err;
}
