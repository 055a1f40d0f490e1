// SPDX-License-Identifier: BSD-2-Clause
/*
 * The FIB front end: the tables of a namespace, lookups across them (the
 * default rules: local, main, default), the routes the kernel makes for
 * each address (fib_add_ifaddr / fib_del_ifaddr), routes following device
 * and address events, reverse-path validation, and RTM_NEWROUTE /
 * RTM_DELROUTE / RTM_GETROUTE dumps.
 *
 * Linux counterpart: net/ipv4/fib_frontend.c.  Lookups go through the
 * rules of fib_rules.c once they have been changed.
 */
#include <net/fib_rules.h>
#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

/* Per-namespace FIB state beyond net->ipv4 (net_generic slot). */
struct fib_net {
	bool fib_has_custom_local_routes;
};

static unsigned int fib_net_id;

static struct fib_net *fib_pernet(const struct net *net)
{
	return net_generic(net, fib_net_id);
}

/**
 * fib_get_table - the table @id of @net (0 means main)
 * Return: the table or NULL.
 */
struct fib_table *fib_get_table(struct net *net, u32 id)
{
	struct fib_table *tb;

	if (id == 0)
		id = RT_TABLE_MAIN;
	if (id == RT_TABLE_MAIN && net->ipv4.fib_main)
		return net->ipv4.fib_main;
	if (id == RT_TABLE_LOCAL && net->ipv4.fib_local)
		return net->ipv4.fib_local;
	list_for_each_entry(tb, &net->ipv4.fib_tables, tb_list)
		if (tb->tb_id == id)
			return tb;
	return NULL;
}

/**
 * fib_new_table - the table @id of @net, created empty if new
 * Tables are kept in the order Linux's table hash walks them (id modulo
 * 256, then creation), which is the order of a dump of every table.
 * Return: the table or NULL (-ENOMEM).
 */
struct fib_table *fib_new_table(struct net *net, u32 id)
{
	struct fib_table *tb, *pos, *alias = NULL;

	if (id == 0)
		id = RT_TABLE_MAIN;
	tb = fib_get_table(net, id);
	if (tb)
		return tb;
	/*
	 * As in Linux without custom rules, the local table shares main's
	 * trie: one lookup in main answers for both (fib_lookup).
	 */
	if (id == RT_TABLE_LOCAL) {
		alias = fib_new_table(net, RT_TABLE_MAIN);
		if (!alias)
			return NULL;
	}
	tb = fib_trie_table(id, alias);
	if (!tb)
		return NULL;
	list_for_each_entry(pos, &net->ipv4.fib_tables, tb_list) {
		if ((pos->tb_id & 0xff) > (id & 0xff)) {
			list_add_tail(&tb->tb_list, &pos->tb_list);
			goto linked;
		}
	}
	list_add_tail(&tb->tb_list, &net->ipv4.fib_tables);
linked:
	if (id == RT_TABLE_MAIN)
		net->ipv4.fib_main = tb;
	else if (id == RT_TABLE_LOCAL)
		net->ipv4.fib_local = tb;
	return tb;
}

int fib_lookup(struct net *net, struct flowi4 *flp, struct fib_result *res,
	       unsigned int flags)
{
	/* local is merged into main's trie: main, then default */
	static const u32 rule_tables[] = { RT_TABLE_MAIN, RT_TABLE_DEFAULT };
	unsigned int i;

	if (net->ipv4.fib_has_custom_rules)
		return __fib_lookup(net, flp, res, flags);
	for (i = 0; i < ARRAY_SIZE(rule_tables); i++) {
		struct fib_table *tb = fib_get_table(net, rule_tables[i]);
		int err;

		if (!tb)
			continue;
		err = fib_table_lookup(tb, flp, res, (int)flags);
		if (err != -EAGAIN)
			return err;
	}
	return -ENETUNREACH;
}

/**
 * fib_unmerge - give the local table a trie of its own and take its
 *	entries out of main's: once rules may look either up alone
 * Return: 0 or -ENOMEM.
 */
int fib_unmerge(struct net *net)
{
	struct fib_table *local = fib_get_table(net, RT_TABLE_LOCAL);
	struct fib_table *main_table;
	struct trie *shared;
	int err;

	if (!local)
		return 0;
	shared = local->tb_data;
	err = fib_trie_unmerge(local);
	if (err || local->tb_data == shared)
		return err;
	main_table = fib_get_table(net, RT_TABLE_MAIN);
	if (main_table)
		fib_table_flush_external(main_table);
	return 0;
}

/* fib_flush - remove every dead route of @net and flush cached routes */
void fib_flush(struct net *net)
{
	struct fib_table *tb;
	int flushed = 0;

	list_for_each_entry(tb, &net->ipv4.fib_tables, tb_list)
		flushed += fib_table_flush(net, tb, false);
	if (flushed)
		rt_cache_flush(net);
}

/* ---- address types ---- */

static unsigned int __inet_dev_addr_type(struct net *net,
					 const struct net_device *dev,
					 __be32 addr, u32 tb_id)
{
	struct flowi4 fl4 = { .daddr = addr };
	unsigned int ret = RTN_BROADCAST;
	struct fib_result res;
	struct fib_table *table;

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	table = fib_get_table(net, tb_id);
	if (table) {
		ret = RTN_UNICAST;
		if (!fib_table_lookup(table, &fl4, &res, FIB_LOOKUP_NOREF)) {
			if (!dev || dev == FIB_RES_DEV(res))
				ret = res.type;
		}
	}
	return ret;
}

/* inet_addr_type_table - RTN_LOCAL, RTN_UNICAST ... for @addr in @tb_id */
unsigned int inet_addr_type_table(struct net *net, __be32 addr, u32 tb_id)
{
	return __inet_dev_addr_type(net, NULL, addr, tb_id);
}

/* inet_addr_type - what @addr is to this namespace (local table) */
unsigned int inet_addr_type(struct net *net, __be32 addr)
{
	return __inet_dev_addr_type(net, NULL, addr, RT_TABLE_LOCAL);
}

unsigned int inet_dev_addr_type(struct net *net, const struct net_device *dev,
				__be32 addr)
{
	return __inet_dev_addr_type(net, dev, addr, RT_TABLE_LOCAL);
}

unsigned int inet_addr_type_dev_table(struct net *net,
				      const struct net_device *dev, __be32 addr)
{
	(void)dev; /* no l3mdev: the local table */
	return __inet_dev_addr_type(net, NULL, addr, RT_TABLE_LOCAL);
}

/* ---- reverse path ---- */

static bool fib_info_nh_uses_dev(const struct fib_info *fi,
				 const struct net_device *dev)
{
	int i;

	for (i = 0; i < fi->fib_nhs; i++)
		if (fi->fib_nh[i].fib_nh_dev == dev)
			return true;
	return false;
}

static int __fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst,
				 u8 tos, int oif, struct net_device *dev,
				 int rpf, struct in_device *idev, u32 *itag)
{
	struct net *net = dev_net(dev);
	struct flowi4 fl4 = {
		.flowi4_iif = oif ? oif : LOOPBACK_IFINDEX,
		.daddr = src,
		.saddr = dst,
		.flowi4_tos = tos,
		.flowi4_scope = RT_SCOPE_UNIVERSE,
	};
	struct fib_result res;
	bool dev_match, no_addr;
	int ret;

	no_addr = idev->ifa_list == NULL;
	fl4.flowi4_mark = IN_DEV_SRC_VMARK(idev) ? skb->mark : 0;
	if (fib_lookup(net, &fl4, &res, 0))
		goto last_resort;
	if (res.type != RTN_UNICAST &&
	    (res.type != RTN_LOCAL || !IN_DEV_ACCEPT_LOCAL(idev)))
		return -EINVAL;
	*itag = 0;
	dev_match = fib_info_nh_uses_dev(res.fi, dev) ||
		    (res.type == RTN_LOCAL && dev == net->loopback_dev);
	if (dev_match)
		return FIB_RES_NH(res).fib_nh_scope >= RT_SCOPE_HOST;
	if (no_addr)
		goto last_resort;
	if (rpf == 1)
		return -EXDEV;
	fl4.flowi4_oif = dev->ifindex;
	ret = 0;
	if (fib_lookup(net, &fl4, &res, FIB_LOOKUP_IGNORE_LINKSTATE) == 0) {
		if (res.type == RTN_UNICAST)
			ret = FIB_RES_NH(res).fib_nh_scope >= RT_SCOPE_HOST;
	}
	return ret;

last_resort:
	if (rpf)
		return -EXDEV;
	*itag = 0;
	return 0;
}

int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			int oif, struct net_device *dev, struct in_device *idev,
			u32 *itag)
{
	int r = IN_DEV_RPFILTER(idev);
	struct net *net = dev_net(dev);

	if (!r && (dev->ifindex != oif || !IN_DEV_TX_REDIRECTS(idev))) {
		if (IN_DEV_ACCEPT_LOCAL(idev))
			goto ok;
		if (fib_pernet(net)->fib_has_custom_local_routes)
			goto full_check;
		/* Our own address as a source is a martian. */
		if (inet_lookup_ifaddr(net, src))
			return -EINVAL;
ok:
		*itag = 0;
		return 0;
	}
full_check:
	return __fib_validate_source(skb, src, dst, tos, oif, dev, r, idev,
				     itag);
}

/* ---- RTM_NEWROUTE, RTM_DELROUTE, dumps ---- */

static const struct nla_policy rtm_ipv4_policy[RTA_MAX + 1] = {
	[RTA_DST] = { .type = NLA_U32 },
	[RTA_SRC] = { .type = NLA_U32 },
	[RTA_IIF] = { .type = NLA_U32 },
	[RTA_OIF] = { .type = NLA_U32 },
	[RTA_GATEWAY] = { .type = NLA_U32 },
	[RTA_PRIORITY] = { .type = NLA_U32 },
	[RTA_PREFSRC] = { .type = NLA_U32 },
	[RTA_METRICS] = { .type = NLA_NESTED },
	[RTA_MULTIPATH] = { .type = NLA_BINARY },
	[RTA_FLOW] = { .type = NLA_U32 },
	[RTA_MARK] = { .type = NLA_U32 },
	[RTA_TABLE] = { .type = NLA_U32 },
	[RTA_UID] = { .type = NLA_U32 },
	[RTA_IP_PROTO] = { .type = NLA_U8 },
	[RTA_SPORT] = { .type = NLA_U16 },
	[RTA_DPORT] = { .type = NLA_U16 },
	[RTA_NH_ID] = { .type = NLA_U32 },
};

static int rtm_to_fib_config(struct net *net, struct sk_buff *skb,
			     struct nlmsghdr *nlh, struct fib_config *cfg,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[RTA_MAX + 1];
	struct rtmsg *rtm;
	int err;

	err = nlmsg_parse(nlh, sizeof(*rtm), tb, RTA_MAX, rtm_ipv4_policy,
			  extack);
	if (err < 0)
		return err;
	memset(cfg, 0, sizeof(*cfg));
	rtm = nlmsg_data(nlh);
	if (rtm->rtm_tos & 3) {
		NL_SET_ERR_MSG(extack,
			       "Invalid dsfield (tos): ECN bits must be 0");
		return -EINVAL;
	}
	cfg->fc_dst_len = rtm->rtm_dst_len;
	cfg->fc_tos = rtm->rtm_tos;
	cfg->fc_table = rtm->rtm_table;
	cfg->fc_protocol = rtm->rtm_protocol;
	cfg->fc_scope = rtm->rtm_scope;
	cfg->fc_type = rtm->rtm_type;
	cfg->fc_flags = rtm->rtm_flags;
	cfg->fc_nlflags = nlh->nlmsg_flags;
	cfg->fc_nlinfo.portid = NETLINK_CB(skb).portid;
	cfg->fc_nlinfo.nlh = nlh;
	cfg->fc_nlinfo.nl_net = net;
	if (cfg->fc_type > RTN_MAX) {
		NL_SET_ERR_MSG(extack, "Invalid route type");
		return -EINVAL;
	}
	if (tb[RTA_DST])
		cfg->fc_dst = nla_get_in_addr(tb[RTA_DST]);
	if (tb[RTA_OIF])
		cfg->fc_oif = (int)nla_get_u32(tb[RTA_OIF]);
	if (tb[RTA_GATEWAY]) {
		cfg->fc_gw4 = nla_get_in_addr(tb[RTA_GATEWAY]);
		if (cfg->fc_gw4)
			cfg->fc_gw_family = AF_INET;
	}
	if (tb[RTA_PRIORITY])
		cfg->fc_priority = nla_get_u32(tb[RTA_PRIORITY]);
	if (tb[RTA_PREFSRC])
		cfg->fc_prefsrc = nla_get_in_addr(tb[RTA_PREFSRC]);
	if (tb[RTA_METRICS]) {
		cfg->fc_mx = nla_data(tb[RTA_METRICS]);
		cfg->fc_mx_len = nla_len(tb[RTA_METRICS]);
	}
	if (tb[RTA_TABLE])
		cfg->fc_table = nla_get_u32(tb[RTA_TABLE]);
	if (tb[RTA_MULTIPATH]) {
		cfg->fc_mp = nla_data(tb[RTA_MULTIPATH]);
		cfg->fc_mp_len = nla_len(tb[RTA_MULTIPATH]);
	}
	/* nexthop objects (ip nexthop) are not built: refused */
	if (tb[RTA_NH_ID]) {
		NL_SET_ERR_MSG(extack, "Nexthop objects are not supported");
		return -EOPNOTSUPP;
	}
	if (cfg->fc_dst_len > 32) {
		NL_SET_ERR_MSG(extack, "Invalid prefix length");
		return -EINVAL;
	}
	return 0;
}

static int inet_rtm_delroute(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct fib_config cfg;
	struct fib_table *tb;
	int err;

	err = rtm_to_fib_config(net, skb, nlh, &cfg, extack);
	if (err < 0)
		return err;
	tb = fib_get_table(net, cfg.fc_table);
	if (!tb) {
		NL_SET_ERR_MSG(extack, "FIB table does not exist");
		return -ESRCH;
	}
	return fib_table_delete(net, tb, &cfg, extack);
}

static int inet_rtm_newroute(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct fib_config cfg;
	struct fib_table *tb;
	int err;

	err = rtm_to_fib_config(net, skb, nlh, &cfg, extack);
	if (err < 0)
		return err;
	tb = fib_new_table(net, cfg.fc_table);
	if (!tb)
		return -ENOBUFS;
	err = fib_table_insert(net, tb, &cfg, extack);
	if (!err && cfg.fc_type == RTN_LOCAL && tb->tb_id == RT_TABLE_LOCAL)
		fib_pernet(net)->fib_has_custom_local_routes = true;
	return err;
}

static int ip_valid_fib_dump_req(struct net *net, const struct nlmsghdr *nlh,
				 struct fib_dump_filter *filter,
				 struct netlink_callback *cb)
{
	struct netlink_ext_ack *extack = cb->extack;
	struct nlattr *tb[RTA_MAX + 1];
	struct rtmsg *rtm;
	int err, i;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*rtm))) {
		NL_SET_ERR_MSG(extack, "Invalid header for FIB dump request");
		return -EINVAL;
	}
	rtm = nlmsg_data(nlh);
	if (rtm->rtm_dst_len || rtm->rtm_src_len || rtm->rtm_tos ||
	    rtm->rtm_scope) {
		NL_SET_ERR_MSG(extack,
			       "Invalid values in header for FIB dump request");
		return -EINVAL;
	}
	if (rtm->rtm_flags & ~(RTM_F_CLONED | RTM_F_PREFIX)) {
		NL_SET_ERR_MSG(extack, "Invalid flags for FIB dump request");
		return -EINVAL;
	}
	if (rtm->rtm_flags & RTM_F_CLONED)
		filter->dump_routes = false;
	else
		filter->dump_exceptions = false;
	filter->flags = rtm->rtm_flags;
	filter->protocol = rtm->rtm_protocol;
	filter->rt_type = rtm->rtm_type;
	filter->table_id = rtm->rtm_table;

	err = nlmsg_parse(nlh, sizeof(*rtm), tb, RTA_MAX, rtm_ipv4_policy,
			  extack);
	if (err < 0)
		return err;
	for (i = 0; i <= RTA_MAX; ++i) {
		if (!tb[i])
			continue;
		switch (i) {
		case RTA_TABLE:
			filter->table_id = nla_get_u32(tb[i]);
			break;
		case RTA_OIF:
			filter->dev = __dev_get_by_index(
				net, (int)nla_get_u32(tb[i]));
			if (!filter->dev)
				return -ENODEV;
			break;
		default:
			NL_SET_ERR_MSG(extack,
				       "Unsupported attribute in dump request");
			return -EINVAL;
		}
	}
	if (filter->flags || filter->protocol || filter->rt_type ||
	    filter->table_id || filter->dev)
		filter->filter_set = true;
	return 0;
}

static int inet_dump_fib(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct fib_dump_filter filter = { .dump_routes = true,
					  .dump_exceptions = true };
	const struct nlmsghdr *nlh = cb->nlh;
	struct net *net = sock_net(NETLINK_CB(cb->skb).sk);
	struct fib_table *tb;
	long s_e = cb->args[0], e = 0;
	int err;

	if (cb->strict_check) {
		err = ip_valid_fib_dump_req(net, nlh, &filter, cb);
		if (err < 0)
			return err;
	} else if (nlmsg_len(nlh) >= (int)sizeof(struct rtmsg)) {
		struct rtmsg *rtm = nlmsg_data(nlh);

		filter.flags = rtm->rtm_flags & (RTM_F_PREFIX | RTM_F_CLONED);
	}
	/* IPv4 does not use the prefix flag */
	if (filter.flags & RTM_F_PREFIX)
		return (int)skb->len;

	if (filter.table_id) {
		tb = fib_get_table(net, filter.table_id);
		if (!tb) {
			if (((struct rtgenmsg *)nlmsg_data(nlh))
				    ->rtgen_family != PF_INET)
				return (int)skb->len;
			NL_SET_ERR_MSG(cb->extack,
				       "ipv4: FIB table does not exist");
			return -ENOENT;
		}
		err = fib_table_dump(tb, skb, cb, &filter);
		return skb->len ? (int)skb->len : err;
	}

	list_for_each_entry(tb, &net->ipv4.fib_tables, tb_list) {
		if (e < s_e) {
			e++;
			continue;
		}
		err = fib_table_dump(tb, skb, cb, &filter);
		if (err < 0) {
			/* full: resume in this table, at cb->args[1..3] */
			cb->args[0] = e;
			return skb->len ? (int)skb->len : err;
		}
		cb->args[0] = ++e;
		cb->args[1] = cb->args[2] = cb->args[3] = 0;
	}
	return (int)skb->len;
}

/* ---- routes made for addresses ---- */

/* fib_magic - add or delete a kernel route for address @ifa */
static void fib_magic(int cmd, int type, __be32 dst, int dst_len,
		      struct in_ifaddr *ifa, u32 rt_priority)
{
	struct net *net = dev_net(ifa->ifa_dev->dev);
	struct fib_config cfg = {
		.fc_protocol = RTPROT_KERNEL,
		.fc_type = (u8)type,
		.fc_dst = dst,
		.fc_dst_len = (u8)dst_len,
		.fc_priority = rt_priority,
		.fc_prefsrc = ifa->ifa_local,
		.fc_oif = ifa->ifa_dev->dev->ifindex,
		.fc_nlflags = NLM_F_CREATE | NLM_F_APPEND,
		.fc_nlinfo = { .nl_net = net },
	};
	struct fib_table *tb;

	tb = fib_new_table(net, type == RTN_UNICAST ? RT_TABLE_MAIN
						    : RT_TABLE_LOCAL);
	if (!tb)
		return;
	cfg.fc_table = tb->tb_id;
	cfg.fc_scope = type != RTN_LOCAL ? RT_SCOPE_LINK : RT_SCOPE_HOST;
	if (cmd == RTM_NEWROUTE)
		fib_table_insert(net, tb, &cfg, NULL);
	else
		fib_table_delete(net, tb, &cfg, NULL);
}

/**
 * fib_add_ifaddr - the routes an address brings, as Linux:
 *	local A dev D proto kernel scope host src A        (table local)
 *	broadcast B dev D proto kernel scope link src A    (table local)
 *	P/len dev D proto kernel scope link src A          (table main)
 * Only the local route while the device is down; secondaries add their
 * local route with their primary's source.
 */
void fib_add_ifaddr(struct in_ifaddr *ifa)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct net_device *dev = in_dev->dev;
	struct in_ifaddr *prim = ifa;
	__be32 mask = ifa->ifa_mask;
	__be32 addr = ifa->ifa_local;
	__be32 prefix = ifa->ifa_address & mask;

	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		prim = inet_ifa_byprefix(in_dev, prefix, mask);
		if (!prim) {
			net_warn("%s: bug: prim == NULL\n", __func__);
			return;
		}
	}
	fib_magic(RTM_NEWROUTE, RTN_LOCAL, addr, 32, prim, 0);
	if (!(dev->flags & IFF_UP))
		return;
	/* The broadcast address, if one is explicitly assigned. */
	if (ifa->ifa_broadcast && ifa->ifa_broadcast != htonl(0xFFFFFFFF))
		fib_magic(RTM_NEWROUTE, RTN_BROADCAST, ifa->ifa_broadcast, 32,
			  prim, 0);
	if (!ipv4_is_zeronet(prefix) && !(ifa->ifa_flags & IFA_F_SECONDARY) &&
	    (prefix != addr || ifa->ifa_prefixlen < 32)) {
		if (!(ifa->ifa_flags & IFA_F_NOPREFIXROUTE))
			fib_magic(RTM_NEWROUTE,
				  dev->flags & IFF_LOOPBACK ? RTN_LOCAL
							    : RTN_UNICAST,
				  prefix, ifa->ifa_prefixlen, prim,
				  ifa->ifa_rt_priority);
		/* The network broadcast address, when it makes sense. */
		if (ifa->ifa_prefixlen < 31)
			fib_magic(RTM_NEWROUTE, RTN_BROADCAST, prefix | ~mask,
				  32, prim, 0);
	}
}

/* fib_modify_prefix_metric - `ip addr change ... metric N` */
void fib_modify_prefix_metric(struct in_ifaddr *ifa, u32 new_metric)
{
	__be32 prefix = ifa->ifa_address & ifa->ifa_mask;
	struct net_device *dev = ifa->ifa_dev->dev;

	if (!(dev->flags & IFF_UP) ||
	    ifa->ifa_flags & (IFA_F_SECONDARY | IFA_F_NOPREFIXROUTE) ||
	    ipv4_is_zeronet(prefix) ||
	    (prefix == ifa->ifa_local && ifa->ifa_prefixlen == 32))
		return;
	/* add the new */
	fib_magic(RTM_NEWROUTE, RTN_UNICAST, prefix, ifa->ifa_prefixlen, ifa,
		  new_metric);
	/* delete the old */
	fib_magic(RTM_DELROUTE, RTN_UNICAST, prefix, ifa->ifa_prefixlen, ifa,
		  ifa->ifa_rt_priority);
}

/**
 * fib_del_ifaddr - remove the routes of a deleted address, keeping the
 *	local and broadcast routes other addresses (same primary source)
 *	still need, as Linux
 * @iprim: on promotion, the primary whose subnet counts as deleted
 */
void fib_del_ifaddr(struct in_ifaddr *ifa, struct in_ifaddr *iprim)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct net_device *dev = in_dev->dev;
	struct in_ifaddr *ifa1, *prim = ifa, *prim1 = NULL;
	__be32 brd = ifa->ifa_address | ~ifa->ifa_mask;
	__be32 any = ifa->ifa_address & ifa->ifa_mask;
	enum { LOCAL_OK = 1, BRD_OK = 2, BRD1_OK = 8 };
	unsigned int ok = 0;
	int subnet = 0, gone = 1, same_prefsrc = 0;

	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		prim = inet_ifa_byprefix(in_dev, any, ifa->ifa_mask);
		if (!prim) {
			/* the device is going away: no promotions */
			if (!in_dev->dead)
				net_warn("%s: bug: prim == NULL\n", __func__);
			return;
		}
		if (iprim && iprim != prim) {
			net_warn("%s: bug: iprim != prim\n", __func__);
			return;
		}
	} else if (!ipv4_is_zeronet(any) &&
		   (any != ifa->ifa_local || ifa->ifa_prefixlen < 32)) {
		if (!(ifa->ifa_flags & IFA_F_NOPREFIXROUTE))
			fib_magic(RTM_DELROUTE,
				  dev->flags & IFF_LOOPBACK ? RTN_LOCAL
							    : RTN_UNICAST,
				  any, ifa->ifa_prefixlen, prim, 0);
		subnet = 1;
	}
	if (in_dev->dead)
		goto no_promotions;

	/* Scan the remaining addresses: what do they still need? */
	in_dev_for_each_ifa(ifa1, in_dev) {
		if (ifa1 == ifa) {
			/* promotion: keep the address */
			gone = 0;
			continue;
		}
		/* ignore addresses of the subnet being promoted */
		if (iprim && ifa1->ifa_mask == iprim->ifa_mask &&
		    inet_ifa_match(ifa1->ifa_address, iprim))
			continue;
		/* ignore ifa1 if it uses a different primary (prefsrc) */
		if (ifa1->ifa_flags & IFA_F_SECONDARY) {
			if (ifa1->ifa_mask == prim->ifa_mask &&
			    inet_ifa_match(ifa1->ifa_address, prim)) {
				prim1 = prim;
			} else {
				if (!same_prefsrc)
					continue;
				if (!prim1 ||
				    ifa1->ifa_mask != prim1->ifa_mask ||
				    !inet_ifa_match(ifa1->ifa_address, prim1))
					prim1 = inet_ifa_byprefix(
						in_dev, ifa1->ifa_address,
						ifa1->ifa_mask);
				if (!prim1)
					continue;
				if (prim1->ifa_local != prim->ifa_local)
					continue;
			}
		} else {
			if (prim->ifa_local != ifa1->ifa_local)
				continue;
			prim1 = ifa1;
			if (prim != prim1)
				same_prefsrc = 1;
		}
		if (ifa->ifa_local == ifa1->ifa_local)
			ok |= LOCAL_OK;
		if (ifa->ifa_broadcast == ifa1->ifa_broadcast)
			ok |= BRD_OK;
		if (brd == ifa1->ifa_broadcast)
			ok |= BRD1_OK;
		/* a primary has network specific broadcasts */
		if (prim1 == ifa1 && ifa1->ifa_prefixlen < 31) {
			__be32 brd1 = ifa1->ifa_address | ~ifa1->ifa_mask;
			__be32 any1 = ifa1->ifa_address & ifa1->ifa_mask;

			if (!ipv4_is_zeronet(any1)) {
				if (ifa->ifa_broadcast == brd1 ||
				    ifa->ifa_broadcast == any1)
					ok |= BRD_OK;
				if (brd == brd1 || brd == any1)
					ok |= BRD1_OK;
			}
		}
	}

no_promotions:
	if (!(ok & BRD_OK))
		fib_magic(RTM_DELROUTE, RTN_BROADCAST, ifa->ifa_broadcast, 32,
			  prim, 0);
	if (subnet && ifa->ifa_prefixlen < 31 && !(ok & BRD1_OK))
		fib_magic(RTM_DELROUTE, RTN_BROADCAST, brd, 32, prim, 0);
	if (!(ok & LOCAL_OK)) {
		unsigned int addr_type;

		fib_magic(RTM_DELROUTE, RTN_LOCAL, ifa->ifa_local, 32, prim, 0);
		/* Has this local address finally disappeared? */
		addr_type = inet_addr_type_dev_table(dev_net(dev), dev,
						     ifa->ifa_local);
		if (gone && addr_type != RTN_LOCAL) {
			/* then routes using it as their source go too */
			if (fib_sync_down_addr(dev, ifa->ifa_local))
				fib_flush(dev_net(dev));
		}
	}
}

static void fib_disable_ip(struct net_device *dev, unsigned long event,
			   bool force)
{
	if (fib_sync_down_dev(dev, event, force))
		fib_flush(dev_net(dev));
	else
		rt_cache_flush(dev_net(dev));
}

static int fib_inetaddr_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct in_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->ifa_dev->dev;
	struct net *net = dev_net(dev);

	(void)nb;
	switch (event) {
	case NETDEV_UP:
		fib_add_ifaddr(ifa);
		rt_cache_flush(net);
		break;
	case NETDEV_DOWN:
		fib_del_ifaddr(ifa, NULL);
		if (!ifa->ifa_dev->ifa_list) {
			/* The last address went: disable IP. */
			fib_disable_ip(dev, event, true);
		} else {
			rt_cache_flush(net);
		}
		break;
	}
	return NOTIFY_DONE;
}

static int fib_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = ptr;
	struct net *net = dev_net(dev);
	struct in_device *in_dev;
	struct in_ifaddr *ifa;
	unsigned int flags;

	(void)nb;
	if (event == NETDEV_UNREGISTER) {
		fib_disable_ip(dev, event, true);
		return NOTIFY_DONE;
	}
	in_dev = __in_dev_get_rtnl(dev);
	if (!in_dev)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UP:
		in_dev_for_each_ifa(ifa, in_dev)
			fib_add_ifaddr(ifa);
		fib_sync_up(dev, RTNH_F_DEAD);
		rt_cache_flush(net);
		break;
	case NETDEV_DOWN:
		fib_disable_ip(dev, event, false);
		break;
	case NETDEV_CHANGE:
		flags = dev_get_flags(dev);
		if (flags & (IFF_RUNNING | IFF_LOWER_UP))
			fib_sync_up(dev, RTNH_F_LINKDOWN);
		else
			fib_sync_down_dev(dev, event, false);
		rt_cache_flush(net);
		break;
	case NETDEV_CHANGEMTU:
		fib_sync_mtu(dev, 0);
		rt_cache_flush(net);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block fib_inetaddr_notifier = {
	.notifier_call = fib_inetaddr_event,
};

static struct notifier_block fib_netdev_notifier = {
	.notifier_call = fib_netdev_event,
};

/* ---- per namespace ---- */

static int fib_net_init(struct net *net)
{
	struct fib_net *fn = kzalloc(sizeof(*fn), GFP_KERNEL);

	if (!fn)
		return -ENOMEM;
	net->gen[fib_net_id] = fn;
	spin_lock_init(&net->ipv4.fib_info_lock);
	INIT_LIST_HEAD(&net->ipv4.fib_tables);
	if (!fib_new_table(net, RT_TABLE_MAIN) ||
	    !fib_new_table(net, RT_TABLE_LOCAL))
		goto out_free;
	if (fib4_rules_init(net))
		goto out_free;
	return 0;

out_free:
	while (!list_empty(&net->ipv4.fib_tables)) {
		struct fib_table *tb = list_first_entry(
			&net->ipv4.fib_tables, struct fib_table, tb_list);

		list_del(&tb->tb_list);
		fib_free_table(tb);
	}
	net->ipv4.fib_main = net->ipv4.fib_local = NULL;
	kfree(fn);
	net->gen[fib_net_id] = NULL;
	return -ENOMEM;
}

static void fib_net_exit(struct net *net)
{
	fib4_rules_exit(net);
	while (!list_empty(&net->ipv4.fib_tables)) {
		struct fib_table *tb = list_first_entry(
			&net->ipv4.fib_tables, struct fib_table, tb_list);

		list_del(&tb->tb_list);
		fib_free_table(tb);
	}
	net->ipv4.fib_main = net->ipv4.fib_local = NULL;
	fib_info_hash_free(net);
	kfree(net->gen[fib_net_id]);
	net->gen[fib_net_id] = NULL;
}

static struct pernet_operations fib_net_ops = {
	.init = fib_net_init,
	.exit = fib_net_exit,
	.id = &fib_net_id,
};

/**
 * ip_fib_init - set up the FIB for a stack: per-namespace tables, the
 *	route rtnetlink handlers, address and device notifiers, and
 *	/proc/net/route.  Called by ip_init after devinet_init.
 * Return: 0 or -errno.
 */
int ip_fib_init(struct tn_stack *st)
{
	int err;

	err = fib_rules_init(st);
	if (err)
		return err;
	err = register_pernet_subsys(&fib_net_ops);
	if (err)
		return err;
	err = rtnl_register(PF_INET, RTM_NEWROUTE, inet_rtm_newroute, NULL, 0);
	if (!err)
		err = rtnl_register(PF_INET, RTM_DELROUTE, inet_rtm_delroute,
				    NULL, 0);
	if (!err)
		err = rtnl_register(PF_INET, RTM_GETROUTE, inet_rtm_getroute,
				    inet_dump_fib, RTNL_FLAG_DOIT_UNLOCKED);
	if (err)
		return err;
	err = register_netdevice_notifier(&fib_netdev_notifier);
	if (err)
		return err;
	err = register_inetaddr_notifier(&fib_inetaddr_notifier);
	if (err)
		return err;
	return fib_proc_init(st->init_net);
}
