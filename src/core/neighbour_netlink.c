// SPDX-License-Identifier: BSD-2-Clause
/*
 * The neighbour cache seen from outside: rtnetlink (RTM_NEWNEIGH,
 * RTM_DELNEIGH, RTM_GETNEIGH: `ip neigh add/del/show/get/flush`) with
 * notifications to RTNLGRP_NEIGH, and the tunables under
 * /proc/sys/net/ipv4/neigh/{default,DEV}/.
 * Linux: net/core/neighbour.c (neigh_add, neigh_delete, neigh_fill_info,
 * neigh_sysctl_register).
 */
#include <net/neighbour.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <net/sock.h>
#include <net/sysctl.h>

/* jiffies_to_clock_t: ns -> USER_HZ (100) ticks */
static u32 ns_to_clock_t(u64 ns)
{
	return (u32)(ns / (NSEC_PER_SEC / 100));
}

static int neigh_fill_info(struct sk_buff *skb, struct neighbour *n, u32 pid,
			   u32 seq, int type, unsigned int flags)
{
	u64 now = net_now();
	struct nda_cacheinfo ci;
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	nlh = nlmsg_put(skb, pid, seq, type, sizeof(*ndm), (int)flags);
	if (!nlh)
		return -EMSGSIZE;
	ndm = nlmsg_data(nlh);
	ndm->ndm_family = (u8)n->tbl->family;
	ndm->ndm_pad1 = 0;
	ndm->ndm_pad2 = 0;
	ndm->ndm_flags = n->flags;
	ndm->ndm_type = n->type;
	ndm->ndm_ifindex = n->dev->ifindex;
	ndm->ndm_state = n->nud_state;
	if (nla_put(skb, NDA_DST, (int)n->tbl->key_len, n->primary_key))
		goto nla_put_failure;
	if ((n->nud_state & NUD_VALID) &&
	    nla_put(skb, NDA_LLADDR, n->dev->addr_len, n->ha))
		goto nla_put_failure;
	ci.ndm_used = ns_to_clock_t(now - n->used);
	ci.ndm_confirmed = ns_to_clock_t(now - n->confirmed);
	ci.ndm_updated = ns_to_clock_t(now - n->updated);
	ci.ndm_refcnt = (u32)(n->refcnt - 1);
	if (nla_put_u32(skb, NDA_PROBES, (u32)n->probes) ||
	    nla_put(skb, NDA_CACHEINFO, sizeof(ci), &ci))
		goto nla_put_failure;
	if (n->protocol && nla_put_u8(skb, NDA_PROTOCOL, n->protocol))
		goto nla_put_failure;
	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/**
 * neigh_notify - RTM_NEWNEIGH or RTM_DELNEIGH about @n to RTNLGRP_NEIGH
 * @pid: the requester's port, 0 for the kernel's own changes
 */
static void __neigh_notify(struct neighbour *n, int type, unsigned int flags,
			   u32 pid)
{
	struct net *net = dev_net(n->dev);
	struct sk_buff *skb = nlmsg_new(256, GFP_ATOMIC);

	if (!skb) {
		rtnl_set_sk_err(net, RTNLGRP_NEIGH, -ENOBUFS);
		return;
	}
	if (neigh_fill_info(skb, n, pid, 0, type, flags) < 0) {
		kfree_skb(skb);
		rtnl_set_sk_err(net, RTNLGRP_NEIGH, -EMSGSIZE);
		return;
	}
	rtnl_notify(skb, net, pid, RTNLGRP_NEIGH, NULL, 0);
}

void neigh_notify(struct neighbour *n, int type, u32 pid)
{
	__neigh_notify(n, type, 0, pid);
}

/**
 * neigh_app_ns - ask a user-space resolver (app_solicit): an RTM_GETNEIGH
 *	request for @n to RTNLGRP_NEIGH, as Linux sends it
 */
void neigh_app_ns(struct neighbour *n)
{
	__neigh_notify(n, RTM_GETNEIGH, NLM_F_REQUEST, 0);
}

/* NDA_FLAGS_EXT bits (newer than the build host's uapi headers) */
#ifndef NTF_EXT_EXT_VALIDATED
#define NTF_EXT_EXT_VALIDATED (1 << 2)
#endif
#define NTF_EXT_MASK (NTF_EXT_MANAGED | NTF_EXT_EXT_VALIDATED)

static const struct nla_policy nda_policy[NDA_MAX + 1] = {
	[NDA_UNSPEC] = { .strict_start_type = NDA_NH_ID },
	[NDA_DST] = { .type = NLA_BINARY, .len = MAX_ADDR_LEN },
	[NDA_LLADDR] = { .type = NLA_BINARY, .len = MAX_ADDR_LEN },
	[NDA_CACHEINFO] = { .type = NLA_UNSPEC,
			    .len = sizeof(struct nda_cacheinfo) },
	[NDA_PROBES] = { .type = NLA_U32 },
	[NDA_IFINDEX] = { .type = NLA_U32 },
	[NDA_MASTER] = { .type = NLA_U32 },
	[NDA_PROTOCOL] = { .type = NLA_U8 },
	[NDA_NH_ID] = { .type = NLA_U32 },
	[NDA_FLAGS_EXT] = { .type = NLA_U32, .mask = NTF_EXT_MASK },
};

struct neigh_req {
	struct net *net;
	struct ndmsg *ndm;
	struct nlattr *tb[NDA_MAX + 1];
	struct net_device *dev;
	struct neigh_table *tbl;
};

/* neigh_parse_req - the checks neigh_add and neigh_delete share */
static int neigh_parse_req(struct sk_buff *skb, struct nlmsghdr *nlh,
			   struct netlink_ext_ack *extack, struct neigh_req *r)
{
	int err;

	r->net = sock_net(NETLINK_CB(skb).sk);
	if (nlmsg_len(nlh) < (int)sizeof(struct ndmsg))
		return -EINVAL;
	memset(r->tb, 0, sizeof(r->tb));
	err = nlmsg_parse(nlh, sizeof(struct ndmsg), r->tb, NDA_MAX, nda_policy,
			  extack);
	if (err < 0)
		return err;
	r->ndm = nlmsg_data(nlh);
	r->dev = NULL;
	if (r->ndm->ndm_ifindex) {
		r->dev = __dev_get_by_index(r->net, r->ndm->ndm_ifindex);
		if (!r->dev)
			return -ENODEV;
	}
	r->tbl = neigh_find_table(r->net, r->ndm->ndm_family);
	if (!r->tbl)
		return -EAFNOSUPPORT;
	if (!r->tb[NDA_DST]) {
		NL_SET_ERR_MSG(extack, "Network address not specified");
		return -EINVAL;
	}
	if (nla_len(r->tb[NDA_DST]) < (int)r->tbl->key_len) {
		NL_SET_ERR_MSG(extack, "Invalid network address");
		return -EINVAL;
	}
	return 0;
}

/*
 * pneigh_fill_info - a proxy entry as Linux reports it: NTF_PROXY, type
 * unicast, state NONE, the device's index or 0 for any device.
 */
static int pneigh_fill_info(struct sk_buff *skb, struct neigh_table *tbl,
			    const struct pneigh_entry *pn, u32 pid, u32 seq,
			    int type, unsigned int flags)
{
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	nlh = nlmsg_put(skb, pid, seq, type, sizeof(*ndm), (int)flags);
	if (!nlh)
		return -EMSGSIZE;
	ndm = nlmsg_data(nlh);
	ndm->ndm_family = (u8)tbl->family;
	ndm->ndm_pad1 = 0;
	ndm->ndm_pad2 = 0;
	ndm->ndm_flags = pn->flags | NTF_PROXY;
	ndm->ndm_type = RTN_UNICAST;
	ndm->ndm_ifindex = pn->dev ? pn->dev->ifindex : 0;
	ndm->ndm_state = NUD_NONE;
	if (nla_put(skb, NDA_DST, (int)tbl->key_len, pn->key) ||
	    (pn->protocol && nla_put_u8(skb, NDA_PROTOCOL, pn->protocol))) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

/* pneigh_add - `ip neigh add proxy ADDR [dev DEV]`: an existing entry is
 * updated, never refused */
static int pneigh_add(struct neigh_req *r)
{
	struct pneigh_entry *pn =
		pneigh_create(r->tbl, nla_data(r->tb[NDA_DST]), r->dev);

	if (IS_ERR(pn))
		return (int)PTR_ERR(pn);
	pn->flags = r->ndm->ndm_flags & (u8)~NTF_PROXY;
	pn->permanent = !!(r->ndm->ndm_state & NUD_PERMANENT);
	if (r->tb[NDA_PROTOCOL])
		pn->protocol = nla_get_u8(r->tb[NDA_PROTOCOL]);
	return 0;
}

/* neigh_add - RTM_NEWNEIGH: `ip neigh add|replace|change` */
static int neigh_add(struct sk_buff *skb, struct nlmsghdr *nlh,
		     struct netlink_ext_ack *extack)
{
	u32 flags = NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE, ext = 0;
	struct neighbour *n;
	struct neigh_req r;
	const u8 *lladdr = NULL;
	int err;

	err = neigh_parse_req(skb, nlh, extack, &r);
	if (err)
		return err;
	if (r.dev && r.tb[NDA_LLADDR] &&
	    nla_len(r.tb[NDA_LLADDR]) < r.dev->addr_len) {
		NL_SET_ERR_MSG(extack, "Invalid link address");
		return -EINVAL;
	}
	if (r.ndm->ndm_flags & NTF_PROXY)
		return pneigh_add(&r);
	if (!r.dev) {
		NL_SET_ERR_MSG(extack, "Device not specified");
		return -EINVAL;
	}
	if (r.tb[NDA_LLADDR])
		lladdr = nla_data(r.tb[NDA_LLADDR]);

	if (r.tb[NDA_FLAGS_EXT])
		ext = nla_get_u32(r.tb[NDA_FLAGS_EXT]);
	n = neigh_lookup(r.tbl, nla_data(r.tb[NDA_DST]), r.dev);
	if (!n) {
		if (!(nlh->nlmsg_flags & NLM_F_CREATE))
			return -ENOENT;
		if ((r.ndm->ndm_state & NUD_PERMANENT) && ext) {
			NL_SET_ERR_MSG(
				extack,
				"Invalid NTF_* flag for permanent entry");
			return -EINVAL;
		}
	}
	if (ext) {
		/* tuxnet's entries are never kernel-managed */
		NL_SET_ERR_MSG(extack,
			       "Managed neighbour entries are not supported");
		return -EOPNOTSUPP;
	}
	if (!n) {
		n = __neigh_create(r.tbl, nla_data(r.tb[NDA_DST]), r.dev);
		if (IS_ERR(n))
			return (int)PTR_ERR(n);
	} else {
		if (nlh->nlmsg_flags & NLM_F_EXCL)
			return -EEXIST;
		if (!(nlh->nlmsg_flags & NLM_F_REPLACE))
			flags &= ~(NEIGH_UPDATE_F_OVERRIDE |
				   NEIGH_UPDATE_F_OVERRIDE_ISROUTER);
	}
	if (r.tb[NDA_PROTOCOL])
		n->protocol = nla_get_u8(r.tb[NDA_PROTOCOL]);
	n->flags = (u8)((n->flags & ~NTF_EXT_LEARNED) |
			(r.ndm->ndm_flags & NTF_EXT_LEARNED));
	if (r.ndm->ndm_flags & NTF_USE) {
		neigh_event_send(n, NULL);
		return 0;
	}
	err = neigh_update(n, lladdr, r.ndm->ndm_state, flags,
			   NETLINK_CB(skb).portid);
	/* a valid state for an entry with no address yet (__neigh_update) */
	if (err == -EINVAL && !lladdr)
		NL_SET_ERR_MSG(extack, "No link layer address given");
	return err;
}

/* neigh_delete - RTM_DELNEIGH: `ip neigh del` (and flush, one by one) */
static int neigh_delete(struct sk_buff *skb, struct nlmsghdr *nlh,
			struct netlink_ext_ack *extack)
{
	struct neighbour *n;
	struct neigh_req r;
	int err;

	err = neigh_parse_req(skb, nlh, extack, &r);
	if (err)
		return err;
	if (r.ndm->ndm_flags & NTF_PROXY)
		return pneigh_delete(r.tbl, nla_data(r.tb[NDA_DST]), r.dev);
	if (!r.dev)
		return -EINVAL;
	n = neigh_lookup(r.tbl, nla_data(r.tb[NDA_DST]), r.dev);
	if (!n)
		return -ENOENT;
	neigh_hold(n);
	err = neigh_update(n, NULL, NUD_FAILED,
			   NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN,
			   NETLINK_CB(skb).portid);
	write_lock_bh(&r.tbl->lock);
	if (!n->dead)
		neigh_remove_one(n);
	write_unlock_bh(&r.tbl->lock);
	neigh_release(n);
	return err;
}

/*
 * neigh_valid_get_req - a get request as Linux checks it (always strictly):
 * a clean header with a device, and NDA_DST of the table's key length as
 * the only attribute.
 */
static int neigh_valid_get_req(const struct nlmsghdr *nlh, struct nlattr **tb,
			       struct netlink_ext_ack *extack)
{
	const struct ndmsg *ndm;
	int err, i;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm))) {
		NL_SET_ERR_MSG(extack,
			       "Invalid header for neighbor get request");
		return -EINVAL;
	}
	ndm = nlmsg_data(nlh);
	if (ndm->ndm_pad1 || ndm->ndm_pad2 || ndm->ndm_state || ndm->ndm_type) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid values in header for neighbor get request");
		return -EINVAL;
	}
	if (ndm->ndm_flags & ~NTF_PROXY) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid flags in header for neighbor get request");
		return -EINVAL;
	}
	if (!(ndm->ndm_flags & NTF_PROXY) && !ndm->ndm_ifindex) {
		NL_SET_ERR_MSG(extack, "No device specified");
		return -EINVAL;
	}
	err = nlmsg_parse(nlh, sizeof(*ndm), tb, NDA_MAX, nda_policy, extack);
	if (err < 0)
		return err;
	for (i = 0; i <= NDA_MAX; i++) {
		if (!tb[i] || i == NDA_DST)
			continue;
		NL_SET_ERR_MSG(extack,
			       "Unsupported attribute in neighbor get request");
		return -EINVAL;
	}
	return 0;
}

/* neigh_get - RTM_GETNEIGH for one entry: `ip neigh get ADDR dev DEV` */
static int neigh_get(struct sk_buff *in_skb, struct nlmsghdr *nlh,
		     struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(in_skb).sk);
	struct nlattr *tb[NDA_MAX + 1];
	struct pneigh_entry *pn = NULL;
	struct neigh_table *tbl;
	struct net_device *dev;
	const struct ndmsg *ndm;
	struct neighbour *n = NULL;
	struct sk_buff *skb;
	int err;

	err = neigh_valid_get_req(nlh, tb, extack);
	if (err < 0)
		return err;
	ndm = nlmsg_data(nlh);
	tbl = neigh_find_table(net, ndm->ndm_family);
	if (!tbl) {
		NL_SET_ERR_MSG(
			extack,
			"Unsupported family in header for neighbor get request");
		return -EAFNOSUPPORT;
	}
	if (tb[NDA_DST] && nla_len(tb[NDA_DST]) != (int)tbl->key_len) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid network address in neighbor get request");
		return -EINVAL;
	}
	if (!tb[NDA_DST]) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, NDA_DST);
		return -EINVAL;
	}
	dev = NULL;
	if (ndm->ndm_ifindex) {
		dev = __dev_get_by_index(net, ndm->ndm_ifindex);
		if (!dev) {
			NL_SET_ERR_MSG(extack, "Unknown device ifindex");
			return -ENODEV;
		}
	}
	if (ndm->ndm_flags & NTF_PROXY) {
		pn = pneigh_lookup(tbl, nla_data(tb[NDA_DST]), dev);
		if (!pn) {
			NL_SET_ERR_MSG(extack,
				       "Proxy neighbour entry not found");
			return -ENOENT;
		}
	} else {
		n = neigh_lookup(tbl, nla_data(tb[NDA_DST]), dev);
		if (!n) {
			NL_SET_ERR_MSG(extack, "Neighbour entry not found");
			return -ENOENT;
		}
	}
	skb = nlmsg_new(256, GFP_KERNEL);
	if (!skb)
		return -ENOBUFS;
	if (pn)
		err = pneigh_fill_info(skb, tbl, pn, NETLINK_CB(in_skb).portid,
				       nlh->nlmsg_seq, RTM_NEWNEIGH, 0);
	else
		err = neigh_fill_info(skb, n, NETLINK_CB(in_skb).portid,
				      nlh->nlmsg_seq, RTM_NEWNEIGH, 0);
	if (err < 0) {
		kfree_skb(skb);
		return err;
	}
	return netlink_unicast(net->rtnl, skb, NETLINK_CB(in_skb).portid, 0) < 0
		       ? -ENOBUFS
		       : 0;
}

/* A strict (NETLINK_GET_STRICT_CHK) dump request, as Linux checks it. */
static int neigh_valid_dump_req(const struct nlmsghdr *nlh,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NDA_MAX + 1];
	const struct ndmsg *ndm;
	int err, i;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm))) {
		NL_SET_ERR_MSG(extack,
			       "Invalid header for neighbor dump request");
		return -EINVAL;
	}
	ndm = nlmsg_data(nlh);
	if (ndm->ndm_pad1 || ndm->ndm_pad2 || ndm->ndm_ifindex ||
	    ndm->ndm_state || ndm->ndm_type) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid values in header for neighbor dump request");
		return -EINVAL;
	}
	if (ndm->ndm_flags & ~NTF_PROXY) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid flags in header for neighbor dump request");
		return -EINVAL;
	}
	err = nlmsg_parse(nlh, sizeof(*ndm), tb, NDA_MAX, nda_policy, extack);
	if (err < 0)
		return err;
	for (i = 0; i <= NDA_MAX; i++) {
		if (!tb[i] || i == NDA_IFINDEX || i == NDA_MASTER)
			continue;
		NL_SET_ERR_MSG(
			extack,
			"Unsupported attribute in neighbor dump request");
		return -EINVAL;
	}
	return 0;
}

/*
 * neigh_dump_info - RTM_GETNEIGH dump: every entry of the requester's
 * namespace, in hash order; cb->args[0] counts those already sent.  An
 * NDA_IFINDEX attribute filters by device, as `ip neigh show dev DEV`.
 */
static int neigh_dump_info(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(NETLINK_CB(cb->skb).sk);
	const struct nlmsghdr *nlh = cb->nlh;
	struct neigh_table *tbl = net->ipv4.arp_tbl;
	int family = AF_UNSPEC, filter_idx = 0;
	long idx = 0, s_idx = cb->args[0];
	bool proxy = false;
	unsigned int i;

	if (nlmsg_len(nlh) >= 1)
		family = *(const u8 *)nlmsg_data(nlh);
	if (cb->strict_check) {
		int err = neigh_valid_dump_req(nlh, cb->extack);

		if (err < 0)
			return err;
	}
	if (nlmsg_len(nlh) >= (int)sizeof(struct ndmsg)) {
		const struct ndmsg *ndm = nlmsg_data(nlh);
		struct nlattr *tb[NDA_MAX + 1];

		proxy = ndm->ndm_flags & NTF_PROXY;
		memset(tb, 0, sizeof(tb));
		if (nlmsg_parse(nlh, sizeof(*ndm), tb, NDA_MAX, NULL, NULL) ==
			    0 &&
		    tb[NDA_IFINDEX] && nla_len(tb[NDA_IFINDEX]) >= 4)
			filter_idx = (int)nla_get_u32(tb[NDA_IFINDEX]);
	}
	if (!tbl || (family != AF_UNSPEC && family != tbl->family))
		return 0;
	if (proxy) {
		const struct pneigh_entry *pn;

		for (pn = tbl->phash; pn; pn = pn->next) {
			if (filter_idx &&
			    (!pn->dev || pn->dev->ifindex != filter_idx))
				continue;
			if (idx++ < s_idx)
				continue;
			if (pneigh_fill_info(skb, tbl, pn,
					     NETLINK_CB(cb->skb).portid,
					     nlh->nlmsg_seq, RTM_NEWNEIGH,
					     NLM_F_MULTI) < 0) {
				cb->args[0] = idx - 1;
				return (int)skb->len;
			}
		}
		cb->args[0] = idx;
		return (int)skb->len;
	}

	for (i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n;

		for (n = tbl->hash[i]; n; n = n->next) {
			if (filter_idx && n->dev->ifindex != filter_idx)
				continue;
			if (idx++ < s_idx)
				continue;
			if (neigh_fill_info(skb, n, NETLINK_CB(cb->skb).portid,
					    nlh->nlmsg_seq, RTM_NEWNEIGH,
					    NLM_F_MULTI) < 0) {
				cb->args[0] = idx - 1;
				return (int)skb->len;
			}
		}
	}
	cb->args[0] = idx;
	return (int)skb->len;
}

/**
 * neigh_rtnl_init - register the RTM_*NEIGH handlers (PF_UNSPEC, as Linux)
 * Return: 0 or -errno.
 */
int neigh_rtnl_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = rtnl_register(PF_UNSPEC, RTM_NEWNEIGH, neigh_add, NULL, 0);
	if (!err)
		err = rtnl_register(PF_UNSPEC, RTM_DELNEIGH, neigh_delete, NULL,
				    0);
	if (!err)
		err = rtnl_register(PF_UNSPEC, RTM_GETNEIGH, neigh_get,
				    neigh_dump_info, 0);
	return err;
}

/* ---- sysctl: net/ipv4/neigh/{default,DEV}/ ---- */

/*
 * Values kept in ms shown in USER_HZ (1/100 s) ticks: retrans_time,
 * anycast_delay, proxy_delay, locktime.
 */
static int neigh_proc_dointvec_userhz_jiffies(struct ctl_table *ctl, int write,
					      char *buffer, size_t *lenp,
					      long *ppos)
{
	int *valp = ctl->data, tmp = *valp / 10, err;
	struct ctl_table t = *ctl;

	t.data = &tmp;
	err = proc_dointvec(&t, write, buffer, lenp, ppos);
	if (!err && write) {
		if (tmp < 0 || tmp > INT32_MAX / 10)
			return -EINVAL;
		*valp = tmp * 10;
	}
	return err;
}

/* SKB_TRUESIZE(ETH_FRAME_LEN) on Linux x86-64: unres_qlen <-> bytes */
#define NEIGH_QLEN_TRUESIZE 2090

static int neigh_proc_unres_qlen(struct ctl_table *ctl, int write, char *buffer,
				 size_t *lenp, long *ppos)
{
	int *valp = ctl->data, tmp = *valp / NEIGH_QLEN_TRUESIZE, err;
	struct ctl_table t = *ctl;

	t.data = &tmp;
	err = proc_dointvec(&t, write, buffer, lenp, ppos);
	if (!err && write) {
		if (tmp < 0 || tmp > INT32_MAX / NEIGH_QLEN_TRUESIZE)
			return -EINVAL;
		*valp = tmp * NEIGH_QLEN_TRUESIZE;
	}
	return err;
}

/* base_reachable_time(_ms): re-randomise reachable_time on a write */
static int neigh_proc_base_reachable(struct ctl_table *ctl, int write,
				     char *buffer, size_t *lenp, long *ppos,
				     proc_handler *h)
{
	struct neigh_parms *p = ctl->extra1;
	int err = h(ctl, write, buffer, lenp, ppos);

	if (!err && write && p) {
		p->reachable_time = neigh_rand_reach_time(
			NEIGH_VAR(p, BASE_REACHABLE_TIME));
	}
	return err;
}

static int neigh_proc_brt(struct ctl_table *ctl, int write, char *buffer,
			  size_t *lenp, long *ppos)
{
	return neigh_proc_base_reachable(ctl, write, buffer, lenp, ppos,
					 proc_dointvec_jiffies);
}

static int neigh_proc_brt_ms(struct ctl_table *ctl, int write, char *buffer,
			     size_t *lenp, long *ppos)
{
	return neigh_proc_base_reachable(ctl, write, buffer, lenp, ppos,
					 proc_dointvec_ms_jiffies);
}

struct neigh_sysctl_var {
	const char *procname;
	int var; /* NEIGH_VAR_*, or -1..-4 for the table's gc fields */
	proc_handler *handler;
};

static const struct neigh_sysctl_var neigh_sysctl_vars[] = {
	{ "mcast_solicit", NEIGH_VAR_MCAST_PROBES, proc_dointvec },
	{ "ucast_solicit", NEIGH_VAR_UCAST_PROBES, proc_dointvec },
	{ "app_solicit", NEIGH_VAR_APP_PROBES, proc_dointvec },
	{ "mcast_resolicit", NEIGH_VAR_MCAST_REPROBES, proc_dointvec },
	{ "retrans_time", NEIGH_VAR_RETRANS_TIME,
	  neigh_proc_dointvec_userhz_jiffies },
	{ "base_reachable_time", NEIGH_VAR_BASE_REACHABLE_TIME,
	  neigh_proc_brt },
	{ "delay_first_probe_time", NEIGH_VAR_DELAY_PROBE_TIME,
	  proc_dointvec_jiffies },
	{ "gc_stale_time", NEIGH_VAR_GC_STALETIME, proc_dointvec_jiffies },
	{ "unres_qlen_bytes", NEIGH_VAR_QUEUE_LEN_BYTES, proc_dointvec },
	{ "proxy_qlen", NEIGH_VAR_PROXY_QLEN, proc_dointvec },
	{ "anycast_delay", NEIGH_VAR_ANYCAST_DELAY,
	  neigh_proc_dointvec_userhz_jiffies },
	{ "proxy_delay", NEIGH_VAR_PROXY_DELAY,
	  neigh_proc_dointvec_userhz_jiffies },
	{ "locktime", NEIGH_VAR_LOCKTIME, neigh_proc_dointvec_userhz_jiffies },
	{ "unres_qlen", NEIGH_VAR_QUEUE_LEN_BYTES, neigh_proc_unres_qlen },
	{ "retrans_time_ms", NEIGH_VAR_RETRANS_TIME, proc_dointvec_ms_jiffies },
	{ "base_reachable_time_ms", NEIGH_VAR_BASE_REACHABLE_TIME,
	  neigh_proc_brt_ms },
	{ "interval_probe_time_ms", NEIGH_VAR_INTERVAL_PROBE_TIME_MS,
	  proc_dointvec_ms_jiffies },
	{ "gc_interval", -1, proc_dointvec_jiffies },
	{ "gc_thresh1", -2, proc_dointvec },
	{ "gc_thresh2", -3, proc_dointvec },
	{ "gc_thresh3", -4, proc_dointvec },
};

static void *neigh_sysctl_data(struct neigh_parms *p, int var)
{
	struct neigh_table *tbl = p->tbl;

	switch (var) {
	case -1:
		return &tbl->gc_interval;
	case -2:
		return &tbl->gc_thresh1;
	case -3:
		return &tbl->gc_thresh2;
	case -4:
		return &tbl->gc_thresh3;
	default:
		return &p->data[var];
	}
}

/**
 * neigh_sysctl_register - publish @p as net/ipv4/neigh/<dev or default>/
 * @dev: the device, or NULL for the table's default (which also has the
 *	gc_* entries)
 * Return: 0 or -ENOMEM.
 */
int neigh_sysctl_register(struct net_device *dev, struct neigh_parms *p)
{
	size_t i, n = 0, count = ARRAY_SIZE(neigh_sysctl_vars);
	struct ctl_table *t = kzalloc((count + 1) * sizeof(*t), GFP_KERNEL);
	char path[sizeof("net/ipv4/neigh/") + IFNAMSIZ];

	if (!t)
		return -ENOMEM;
	for (i = 0; i < count; i++) {
		const struct neigh_sysctl_var *v = &neigh_sysctl_vars[i];

		if (v->var < 0 && dev)
			continue;
		t[n].procname = v->procname;
		t[n].data = neigh_sysctl_data(p, v->var);
		t[n].maxlen = sizeof(int);
		t[n].mode = 0644;
		t[n].proc_handler = v->handler;
		t[n].extra1 = p;
		n++;
	}
	(void)snprintf(path, sizeof(path), "net/ipv4/neigh/%s",
		       dev ? dev->name : "default");
	p->sysctl = register_net_sysctl(p->tbl->net, path, t);
	if (!p->sysctl) {
		kfree(t);
		return -ENOMEM;
	}
	p->sysctl->free_table = true;
	return 0;
}

void neigh_sysctl_unregister(struct neigh_parms *p)
{
	if (p && p->sysctl) {
		unregister_net_sysctl_table(p->sysctl);
		p->sysctl = NULL;
	}
}
