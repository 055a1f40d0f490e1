// SPDX-License-Identifier: BSD-2-Clause
/*
 * What a route means: struct fib_info (protocol, scope, preferred source,
 * priority, metrics, next hop), its validation when a route is added
 * (fib_create_info, fib_check_nh), its netlink form (fib_dump_info), and
 * how routes follow their devices (fib_sync_down_dev, fib_sync_up).  Also
 * the per-next-hop exceptions that remember learned path MTUs (RFC 1191).
 *
 * Linux counterpart: net/ipv4/fib_semantics.c, net/ipv4/metrics.c.
 * Multipath (RTA_MULTIPATH) and nexthop objects (RTA_NH_ID) are refused
 * with -EOPNOTSUPP for now.
 */
#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/neighbour.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

/* Error and minimum scope of each route type (fib_props[] in Linux). */
const struct fib_prop fib_props[RTN_MAX + 1] = {
	[RTN_UNSPEC] = { .error = 0, .scope = RT_SCOPE_NOWHERE },
	[RTN_UNICAST] = { .error = 0, .scope = RT_SCOPE_UNIVERSE },
	[RTN_LOCAL] = { .error = 0, .scope = RT_SCOPE_HOST },
	[RTN_BROADCAST] = { .error = 0, .scope = RT_SCOPE_LINK },
	[RTN_ANYCAST] = { .error = 0, .scope = RT_SCOPE_LINK },
	[RTN_MULTICAST] = { .error = 0, .scope = RT_SCOPE_UNIVERSE },
	[RTN_BLACKHOLE] = { .error = -EINVAL, .scope = RT_SCOPE_UNIVERSE },
	[RTN_UNREACHABLE] = { .error = -EHOSTUNREACH,
			      .scope = RT_SCOPE_UNIVERSE },
	[RTN_PROHIBIT] = { .error = -EACCES, .scope = RT_SCOPE_UNIVERSE },
	[RTN_THROW] = { .error = -EAGAIN, .scope = RT_SCOPE_UNIVERSE },
	[RTN_NAT] = { .error = -EINVAL, .scope = RT_SCOPE_NOWHERE },
	[RTN_XRESOLVE] = { .error = -EINVAL, .scope = RT_SCOPE_NOWHERE },
};

#define RTAX_FEATURE_MASK_ALL 0xfU /* ECN, SACK, TIMESTAMP, ALLFRAG */

/* RTA_METRICS (nested RTAX_* u32s) into @metrics (ip_metrics_convert). */
static int fib_metrics_convert(struct nlattr *fc_mx, int fc_mx_len,
			       u32 *metrics, struct netlink_ext_ack *extack)
{
	struct nlattr *nla;
	int remaining;

	if (!fc_mx)
		return 0;
	nla_for_each_attr(nla, fc_mx, fc_mx_len, remaining) {
		int type = nla_type(nla);
		u32 val;

		if (!type)
			continue;
		if (type > RTAX_MAX) {
			NL_SET_ERR_MSG(extack, "Invalid metric type");
			return -EINVAL;
		}
		if (type == RTAX_CC_ALGO) {
			NL_SET_ERR_MSG(extack,
				       "Unknown tcp congestion algorithm");
			return -EINVAL;
		}
		if (nla_len(nla) != sizeof(u32)) {
			NL_SET_BAD_ATTR(extack, nla);
			NL_SET_ERR_MSG(extack, "Invalid attribute in metrics");
			return -EINVAL;
		}
		val = nla_get_u32(nla);
		if (type == RTAX_ADVMSS && val > 65535 - 40)
			val = 65535 - 40;
		if (type == RTAX_MTU && val > 65535 - 15)
			val = 65535 - 15;
		if (type == RTAX_HOPLIMIT && val > 255)
			val = 255;
		if (type == RTAX_FEATURES && (val & ~RTAX_FEATURE_MASK_ALL)) {
			NL_SET_ERR_MSG(
				extack,
				"Unknown flag set in feature mask in metrics attribute");
			return -EINVAL;
		}
		metrics[type] = val;
	}
	return 0;
}

/**
 * rtnetlink_put_metrics - RTA_METRICS with every set RTAX_* of @metrics
 *	(indexed by RTAX_*); nothing when none is set
 * Return: 0 or -EMSGSIZE.
 */
int rtnetlink_put_metrics(struct sk_buff *skb, const u32 *metrics)
{
	struct nlattr *mx = nla_nest_start_noflag(skb, RTA_METRICS);
	int i, valid = 0;

	if (!mx)
		return -ENOBUFS;
	for (i = 1; i <= RTAX_MAX; i++) {
		if (!metrics[i] || i == RTAX_CC_ALGO)
			continue;
		if (nla_put_u32(skb, i, metrics[i]))
			goto nla_put_failure;
		valid++;
	}
	if (!valid) {
		nla_nest_cancel(skb, mx);
		return 0;
	}
	nla_nest_end(skb, mx);
	return 0;

nla_put_failure:
	nla_nest_cancel(skb, mx);
	return -EMSGSIZE;
}

/* ---- next hops ---- */

static int fib_check_nh_v4_gw(struct net *net, struct fib_nh *nh, u32 table,
			      u8 scope, struct netlink_ext_ack *extack)
{
	struct fib_table *tbl = NULL;
	struct net_device *dev;
	struct fib_result res;
	int err;

	if (nh->fib_nh_flags & RTNH_F_ONLINK) {
		if (scope >= RT_SCOPE_LINK) {
			NL_SET_ERR_MSG(extack, "Nexthop has invalid scope");
			return -EINVAL;
		}
		dev = __dev_get_by_index(net, nh->fib_nh_oif);
		if (!dev) {
			NL_SET_ERR_MSG(extack,
				       "Nexthop device required for onlink");
			return -ENODEV;
		}
		if (!(dev->flags & IFF_UP)) {
			NL_SET_ERR_MSG(extack, "Nexthop device is not up");
			return -ENETDOWN;
		}
		if (inet_addr_type_dev_table(net, dev, nh->fib_nh_gw4) !=
		    RTN_UNICAST) {
			NL_SET_ERR_MSG(extack, "Nexthop has invalid gateway");
			return -EINVAL;
		}
		if (!netif_carrier_ok(dev))
			nh->fib_nh_flags |= RTNH_F_LINKDOWN;
		nh->fib_nh_dev = dev;
		dev_hold(dev);
		nh->fib_nh_scope = RT_SCOPE_LINK;
		return 0;
	}

	{
		struct flowi4 fl4 = {
			.daddr = nh->fib_nh_gw4,
			.flowi4_scope = (u8)(scope + 1),
			.flowi4_oif = nh->fib_nh_oif,
			.flowi4_iif = LOOPBACK_IFINDEX,
		};

		/* The gateway must be on a link (or local), never via another
		 * gateway. */
		if (fl4.flowi4_scope < RT_SCOPE_LINK)
			fl4.flowi4_scope = RT_SCOPE_LINK;
		if (table && table != RT_TABLE_MAIN)
			tbl = fib_get_table(net, table);
		err = -EAGAIN;
		if (tbl)
			err = fib_table_lookup(tbl, &fl4, &res,
					       FIB_LOOKUP_IGNORE_LINKSTATE |
						       FIB_LOOKUP_NOREF);
		if (!tbl || err)
			err = fib_lookup(net, &fl4, &res,
					 FIB_LOOKUP_IGNORE_LINKSTATE);
		if (err) {
			NL_SET_ERR_MSG(extack, "Nexthop has invalid gateway");
			return err;
		}
	}
	if (res.type != RTN_UNICAST && res.type != RTN_LOCAL) {
		NL_SET_ERR_MSG(extack, "Nexthop has invalid gateway");
		return -EINVAL;
	}
	nh->fib_nh_scope = res.scope;
	nh->fib_nh_oif = FIB_RES_OIF(res);
	dev = FIB_RES_DEV(res);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "No egress device for nexthop gateway");
		return -EINVAL;
	}
	nh->fib_nh_dev = dev;
	dev_hold(dev);
	if (!netif_carrier_ok(dev))
		nh->fib_nh_flags |= RTNH_F_LINKDOWN;
	return (dev->flags & IFF_UP) ? 0 : -ENETDOWN;
}

static int fib_check_nh_nongw(struct net *net, struct fib_nh *nh,
			      struct netlink_ext_ack *extack)
{
	struct in_device *in_dev;

	if (nh->fib_nh_flags & (RTNH_F_DEAD | RTNH_F_ONLINK)) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
		return -EINVAL;
	}
	in_dev = inetdev_by_index(net, nh->fib_nh_oif);
	if (!in_dev)
		return -ENODEV;
	if (!(in_dev->dev->flags & IFF_UP)) {
		NL_SET_ERR_MSG(extack, "Device for nexthop is not up");
		return -ENETDOWN;
	}
	nh->fib_nh_dev = in_dev->dev;
	dev_hold(nh->fib_nh_dev);
	nh->fib_nh_scope = RT_SCOPE_HOST;
	if (!netif_carrier_ok(nh->fib_nh_dev))
		nh->fib_nh_flags |= RTNH_F_LINKDOWN;
	return 0;
}

/* A preferred source must be a local address (fib_valid_prefsrc). */
static bool fib_valid_prefsrc(struct fib_config *cfg, __be32 fib_prefsrc)
{
	struct net *net = cfg->fc_nlinfo.nl_net;

	if (cfg->fc_type != RTN_LOCAL || !cfg->fc_dst ||
	    fib_prefsrc != cfg->fc_dst) {
		u32 tb_id = cfg->fc_table;
		unsigned int rc;

		if (tb_id == RT_TABLE_MAIN)
			tb_id = RT_TABLE_LOCAL;
		rc = inet_addr_type_table(net, fib_prefsrc, tb_id);
		if (rc != RTN_LOCAL && tb_id != RT_TABLE_LOCAL)
			rc = inet_addr_type_table(net, fib_prefsrc,
						  RT_TABLE_LOCAL);
		if (rc != RTN_LOCAL)
			return false;
	}
	return true;
}

void fib_nh_flush_exceptions(struct fib_nh *nh)
{
	struct fib_nh_exception *fnhe, *tmp;

	list_for_each_entry_safe(fnhe, tmp, &nh->nh_exceptions, list) {
		list_del(&fnhe->list);
		kfree(fnhe);
	}
	nh->nh_nr_exceptions = 0;
}

static void fib_info_free(struct fib_info *fi)
{
	int i;

	for (i = 0; i < fi->fib_nhs; i++) {
		struct fib_nh *nh = &fi->fib_nh[i];

		fib_nh_flush_exceptions(nh);
		ip_rt_put(nh->nh_rth_input);
		ip_rt_put(nh->nh_rth_output);
		if (nh->fib_nh_dev)
			dev_put(nh->fib_nh_dev);
	}
	kfree(fi);
}

/**
 * fib_release_info - drop one alias's hold on @fi; freed with the last
 */
/*
 * Equal route data is shared, as Linux's fib_info_hash does: a million
 * routes through one gateway hold one fib_info, so they share its next
 * hop's cached routes and PMTU exceptions, and device events visit each
 * fib_info once rather than each route.
 */
static unsigned int fib_info_hashfn(const struct fib_info *fi,
				    unsigned int size)
{
	const struct fib_nh *nh = &fi->fib_nh[0];
	u32 h = fi->fib_protocol ^ ((u32)fi->fib_scope << 8) ^
		((u32)fi->fib_type << 16) ^ fi->fib_priority * 0x9e3779b1U ^
		fi->fib_prefsrc ^ (u32)nh->fib_nh_oif * 0x85ebca6bU ^
		nh->fib_nh_gw4 ^ fi->fib_tb_id * 0xc2b2ae35U;

	h ^= h >> 16;
	h *= 0x45d9f3bU;
	h ^= h >> 16;
	return h & (size - 1);
}

static void fib_info_hash_grow(struct net *net)
{
	unsigned int i, nsize = net->ipv4.fib_info_hash_size
					? net->ipv4.fib_info_hash_size * 2
					: 256;
	struct hlist_head *nh = kzalloc(nsize * sizeof(*nh), GFP_KERNEL);

	if (!nh)
		return; /* keep the old one: longer chains, still right */
	for (i = 0; i < net->ipv4.fib_info_hash_size; i++) {
		struct hlist_head *old = &net->ipv4.fib_info_hash[i];

		while (old->first) {
			struct fib_info *fi = hlist_entry(
				old->first, struct fib_info, fib_hash);

			hlist_del_init(&fi->fib_hash);
			hlist_add_head(&fi->fib_hash,
				       &nh[fib_info_hashfn(fi, nsize)]);
		}
	}
	kfree(net->ipv4.fib_info_hash);
	net->ipv4.fib_info_hash = nh;
	net->ipv4.fib_info_hash_size = nsize;
}

/* An existing fib_info equal to @fi (fib_find_info), or NULL. */
static struct fib_info *fib_find_info(struct fib_info *fi)
{
	struct net *net = fi->fib_net;
	struct fib_info *nfi;

	if (!net->ipv4.fib_info_hash_size)
		return NULL;
	hlist_for_each_entry(nfi,
			     &net->ipv4.fib_info_hash[fib_info_hashfn(
				     fi, net->ipv4.fib_info_hash_size)],
			     fib_hash) {
		if (nfi->fib_dead || nfi->fib_tb_id != fi->fib_tb_id ||
		    nfi->fib_nh[0].fib_nh_dev != fi->fib_nh[0].fib_nh_dev ||
		    nfi->fib_flags != fi->fib_flags ||
		    nfi->fib_nh[0].fib_nh_flags != fi->fib_nh[0].fib_nh_flags)
			continue;
		if (fib_info_equal(nfi, fi))
			return nfi;
	}
	return NULL;
}

/* Returns the fib_info to use: @fi, or an equal one (and @fi is freed). */
static struct fib_info *fib_info_link(struct fib_info *fi)
{
	struct net *net = fi->fib_net;
	struct fib_info *ofi;

	spin_lock_bh(&net->ipv4.fib_info_lock);
	ofi = fib_find_info(fi);
	if (ofi) {
		ofi->fib_treeref++;
		spin_unlock_bh(&net->ipv4.fib_info_lock);
		fib_info_free(fi);
		return ofi;
	}
	if (net->ipv4.fib_info_cnt >= net->ipv4.fib_info_hash_size)
		fib_info_hash_grow(net);
	if (!net->ipv4.fib_info_hash_size) {
		spin_unlock_bh(&net->ipv4.fib_info_lock);
		fib_info_free(fi);
		return ERR_PTR(-ENOBUFS);
	}
	hlist_add_head(&fi->fib_hash,
		       &net->ipv4.fib_info_hash[fib_info_hashfn(
			       fi, net->ipv4.fib_info_hash_size)]);
	net->ipv4.fib_info_cnt++;
	spin_unlock_bh(&net->ipv4.fib_info_lock);
	return fi;
}

void fib_release_info(struct fib_info *fi)
{
	if (!fi || --fi->fib_treeref > 0)
		return;
	spin_lock_bh(&fi->fib_net->ipv4.fib_info_lock);
	if (!hlist_unhashed(&fi->fib_hash)) {
		hlist_del_init(&fi->fib_hash);
		fi->fib_net->ipv4.fib_info_cnt--;
	}
	spin_unlock_bh(&fi->fib_net->ipv4.fib_info_lock);
	fi->fib_dead = 1;
	fib_info_free(fi);
}

void fib_info_hash_free(struct net *net)
{
	kfree(net->ipv4.fib_info_hash);
	net->ipv4.fib_info_hash = NULL;
	net->ipv4.fib_info_hash_size = 0;
	net->ipv4.fib_info_cnt = 0;
}

/* ---- multipath ---- */

static bool rtnh_ok(const struct rtnexthop *rtnh, int remaining)
{
	return remaining >= (int)sizeof(*rtnh) &&
	       rtnh->rtnh_len >= sizeof(*rtnh) &&
	       (int)rtnh->rtnh_len <= remaining;
}

static struct rtnexthop *rtnh_next(const struct rtnexthop *rtnh, int *remaining)
{
	int totlen = (int)RTNH_ALIGN(rtnh->rtnh_len);

	*remaining -= totlen;
	return (struct rtnexthop *)((char *)rtnh + totlen);
}

/* The attribute @type among a next hop's attributes, or NULL. */
static struct nlattr *rtnh_find(const struct rtnexthop *rtnh, int type)
{
	int attrlen = (int)rtnh->rtnh_len - (int)RTNH_ALIGN(sizeof(*rtnh));
	struct nlattr *nla;
	int remaining;

	if (attrlen <= 0)
		return NULL;
	nla_for_each_attr(nla, (struct nlattr *)RTNH_DATA(rtnh), attrlen,
			  remaining)
		if (nla_type(nla) == type)
			return nla;
	return NULL;
}

static int fib_count_nexthops(struct rtnexthop *rtnh, int remaining,
			      struct netlink_ext_ack *extack)
{
	int nhs = 0;

	while (rtnh_ok(rtnh, remaining)) {
		nhs++;
		rtnh = rtnh_next(rtnh, &remaining);
	}
	/* leftover implies invalid nexthop configuration, discard it */
	if (remaining > 0) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid nexthop configuration - extra data after nexthops");
		nhs = 0;
	}
	return nhs;
}

static int fib_gw_from_attr(__be32 *gw, struct nlattr *nla,
			    struct netlink_ext_ack *extack)
{
	if (nla_len(nla) < (int)sizeof(*gw)) {
		NL_SET_ERR_MSG(extack, "Invalid IPv4 address in RTA_GATEWAY");
		return -EINVAL;
	}
	*gw = nla_get_in_addr(nla);
	return 0;
}

/* The next hops of RTA_MULTIPATH into @fi (before their checks). */
static int fib_get_nhs(struct fib_info *fi, struct fib_config *cfg,
		       struct netlink_ext_ack *extack)
{
	struct rtnexthop *rtnh = cfg->fc_mp;
	int remaining = cfg->fc_mp_len, i, err;
	struct fib_nh *nh;

	for (i = 0; i < fi->fib_nhs; i++) {
		struct nlattr *nla;

		nh = &fi->fib_nh[i];
		if (!rtnh_ok(rtnh, remaining)) {
			NL_SET_ERR_MSG(
				extack,
				"Invalid nexthop configuration - extra data after nexthop");
			return -EINVAL;
		}
		if (rtnh->rtnh_flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)) {
			NL_SET_ERR_MSG(
				extack,
				"Invalid flags for nexthop - can not contain DEAD or LINKDOWN");
			return -EINVAL;
		}
		nh->fib_nh_flags = (cfg->fc_flags & ~0xFFU) | rtnh->rtnh_flags;
		nh->fib_nh_oif = rtnh->rtnh_ifindex;
		nh->fib_nh_weight = rtnh->rtnh_hops + 1;
		if (rtnh_find(rtnh, RTA_VIA) || rtnh_find(rtnh, RTA_ENCAP) ||
		    rtnh_find(rtnh, RTA_FLOW)) {
			/* IPv6 gateways, tunnels and realms are not built */
			NL_SET_ERR_MSG(extack,
				       "Nexthop attribute not supported");
			return -EOPNOTSUPP;
		}
		nla = rtnh_find(rtnh, RTA_GATEWAY);
		if (nla) {
			err = fib_gw_from_attr(&nh->fib_nh_gw4, nla, extack);
			if (err)
				return err;
			if (nh->fib_nh_gw4)
				nh->fib_nh_gw_family = AF_INET;
		}
		rtnh = rtnh_next(rtnh, &remaining);
	}
	nh = &fi->fib_nh[0];
	if (cfg->fc_oif && nh->fib_nh_oif != cfg->fc_oif) {
		NL_SET_ERR_MSG(extack,
			       "Nexthop device index does not match RTA_OIF");
		return -EINVAL;
	}
	if (cfg->fc_gw_family && (cfg->fc_gw_family != nh->fib_nh_gw_family ||
				  nh->fib_nh_gw4 != cfg->fc_gw4)) {
		NL_SET_ERR_MSG(
			extack,
			"Nexthop gateway does not match RTA_GATEWAY or RTA_VIA");
		return -EINVAL;
	}
	return 0;
}

static bool fib_nh_ignored(const struct fib_nh *nh)
{
	struct in_device *in_dev;

	if (nh->fib_nh_flags & RTNH_F_DEAD)
		return true;
	if (!(nh->fib_nh_flags & RTNH_F_LINKDOWN) || !nh->fib_nh_dev)
		return false;
	in_dev = __in_dev_get_rtnl(nh->fib_nh_dev);
	return in_dev && IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN(in_dev);
}

void fib_rebalance(struct fib_info *fi)
{
	int total = 0, w = 0, i;

	if (fi->fib_nhs < 2)
		return;
	for (i = 0; i < fi->fib_nhs; i++)
		if (!fib_nh_ignored(&fi->fib_nh[i]))
			total += fi->fib_nh[i].fib_nh_weight;
	for (i = 0; i < fi->fib_nhs; i++) {
		struct fib_nh *nh = &fi->fib_nh[i];

		if (fib_nh_ignored(nh)) {
			nh->fib_nh_upper_bound = -1;
			continue;
		}
		w += nh->fib_nh_weight;
		/* the share of 2^31 up to and including this hop, rounded */
		nh->fib_nh_upper_bound =
			(int)((((u64)w << 31) + (u64)total / 2) / (u64)total -
			      1);
	}
}

/*
 * fib_good_nh - may a hop be chosen under fib_multipath_use_neigh: one
 * with a gateway (link scope) whose neighbour entry, if there is one, is
 * valid (not FAILED nor INCOMPLETE).  As Linux's.
 */
static bool fib_good_nh(const struct fib_nh *nh)
{
	int state = NUD_REACHABLE;

	if (nh->fib_nh_scope == RT_SCOPE_LINK) {
		struct net *net = dev_net(nh->fib_nh_dev);
		struct neighbour *n = NULL;

		if (nh->fib_nh_gw4 && net->ipv4.arp_tbl)
			n = neigh_lookup(net->ipv4.arp_tbl, &nh->fib_nh_gw4,
					 nh->fib_nh_dev);
		if (n)
			state = n->nud_state;
	}
	return !!(state & NUD_VALID);
}

/*
 * fib_select_multipath - the hop whose share of the hash space holds
 * @hash; with fib_multipath_use_neigh only good hops (fib_good_nh): the
 * next good one after a bad one, else the first good one, else the hop
 * the lookup left.  As Linux's.
 */
void fib_select_multipath(struct fib_result *res, int hash)
{
	struct fib_info *fi = res->fi;
	bool use_neigh =
		fi->fib_net && fi->fib_net->ipv4.sysctl_fib_multipath_use_neigh;
	bool first = false;
	int i;

	for (i = 0; i < fi->fib_nhs; i++) {
		struct fib_nh *nh = &fi->fib_nh[i];

		if (use_neigh) {
			if (!fib_good_nh(nh))
				continue;
			if (!first) {
				res->nh_sel = (unsigned char)i;
				res->nh = nh;
				first = true;
			}
		}
		if (hash > nh->fib_nh_upper_bound)
			continue;
		res->nh_sel = (unsigned char)i;
		res->nh = nh;
		return;
	}
}

/**
 * fib_create_info - validate a route and build its fib_info
 * @cfg: the parsed request (or a kernel route from fib_magic)
 * Checks as Linux: type and scope, metrics, "Gateway, device and multipath
 * can not be specified for this route type" for reject types, a host-scope
 * route has no gateway, next hop reachable and up (fib_check_nh), the
 * preferred source local.
 * Return: the fib_info (one reference, for the caller's alias) or ERR_PTR.
 */
struct fib_info *fib_create_info(struct fib_config *cfg,
				 struct netlink_ext_ack *extack)
{
	struct net *net = cfg->fc_nlinfo.nl_net;
	struct fib_info *fi;
	struct fib_nh *nh;
	int err = -EINVAL, nhs = 1, i;

	if (cfg->fc_type > RTN_MAX)
		return ERR_PTR(-EINVAL);
	if (fib_props[cfg->fc_type].scope > cfg->fc_scope) {
		NL_SET_ERR_MSG(extack, "Invalid scope");
		return ERR_PTR(-EINVAL);
	}
	if (cfg->fc_flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid rtm_flags - can not contain DEAD or LINKDOWN");
		return ERR_PTR(-EINVAL);
	}

	if (cfg->fc_mp) {
		nhs = fib_count_nexthops(cfg->fc_mp, cfg->fc_mp_len, extack);
		if (nhs == 0)
			return ERR_PTR(-EINVAL);
	}
	fi = kzalloc(sizeof(*fi) + (size_t)(nhs - 1) * sizeof(struct fib_nh),
		     GFP_KERNEL);
	if (!fi)
		return ERR_PTR(-ENOBUFS);
	fi->fib_nhs = nhs;
	for (i = 0; i < nhs; i++) {
		fi->fib_nh[i].nh_parent = fi;
		fi->fib_nh[i].fib_nh_weight = 1;
		INIT_LIST_HEAD(&fi->fib_nh[i].nh_exceptions);
	}
	fi->fib_net = net;
	fi->fib_treeref = 1;
	fi->fib_protocol = cfg->fc_protocol;
	fi->fib_scope = cfg->fc_scope;
	fi->fib_flags = cfg->fc_flags;
	fi->fib_priority = cfg->fc_priority;
	fi->fib_prefsrc = cfg->fc_prefsrc;
	fi->fib_type = cfg->fc_type;
	fi->fib_tb_id = cfg->fc_table;
	err = fib_metrics_convert(cfg->fc_mx, cfg->fc_mx_len, fi->fib_metrics,
				  extack);
	if (err)
		goto failure;

	nh = &fi->fib_nh[0];
	if (cfg->fc_mp) {
		err = fib_get_nhs(fi, cfg, extack);
		if (err)
			goto failure;
	} else {
		nh->fib_nh_oif = cfg->fc_oif;
		nh->fib_nh_gw_family = cfg->fc_gw_family;
		nh->fib_nh_gw4 = cfg->fc_gw4;
		nh->fib_nh_flags = cfg->fc_flags;
	}

	err = -EINVAL;
	if (fib_props[cfg->fc_type].error) {
		if (cfg->fc_gw_family || cfg->fc_oif || cfg->fc_mp) {
			NL_SET_ERR_MSG(
				extack,
				"Gateway, device and multipath can not be specified for this route type");
			goto failure;
		}
		return fib_info_link(fi);
	}
	switch (cfg->fc_type) {
	case RTN_UNICAST:
	case RTN_LOCAL:
	case RTN_BROADCAST:
	case RTN_ANYCAST:
	case RTN_MULTICAST:
		break;
	default:
		NL_SET_ERR_MSG(extack, "Invalid route type");
		goto failure;
	}
	if (cfg->fc_scope > RT_SCOPE_HOST) {
		NL_SET_ERR_MSG(extack, "Invalid scope");
		goto failure;
	}

	if (cfg->fc_scope == RT_SCOPE_HOST) {
		/* A local address is added. */
		if (nhs != 1) {
			NL_SET_ERR_MSG(
				extack,
				"Route with host scope can not have multiple nexthops");
			goto failure;
		}
		if (nh->fib_nh_gw_family) {
			NL_SET_ERR_MSG(
				extack,
				"Route with host scope can not have a gateway");
			goto failure;
		}
		nh->fib_nh_scope = RT_SCOPE_NOWHERE;
		nh->fib_nh_dev = __dev_get_by_index(net, nh->fib_nh_oif);
		err = -ENODEV;
		if (!nh->fib_nh_dev)
			goto failure;
		dev_hold(nh->fib_nh_dev);
	} else {
		int linkdown = 0;

		for (i = 0; i < nhs; i++) {
			nh = &fi->fib_nh[i];
			if (nh->fib_nh_gw_family == AF_INET)
				err = fib_check_nh_v4_gw(net, nh, cfg->fc_table,
							 cfg->fc_scope, extack);
			else
				err = fib_check_nh_nongw(net, nh, extack);
			if (err)
				goto failure;
			if (nh->fib_nh_flags & RTNH_F_LINKDOWN)
				linkdown++;
		}
		if (linkdown == nhs)
			fi->fib_flags |= RTNH_F_LINKDOWN;
	}

	if (fi->fib_prefsrc && !fib_valid_prefsrc(cfg, fi->fib_prefsrc)) {
		NL_SET_ERR_MSG(extack, "Invalid prefsrc address");
		err = -EINVAL;
		goto failure;
	}
	fib_rebalance(fi);
	return fib_info_link(fi);

failure:
	fib_info_free(fi);
	return ERR_PTR(err);
}

/* Same route data (fib_find_info's test: dead/linkdown flags ignored). */
static bool fib_nh_equal(const struct fib_nh *na, const struct fib_nh *nb)
{
	return na->fib_nh_oif == nb->fib_nh_oif &&
	       na->fib_nh_gw_family == nb->fib_nh_gw_family &&
	       na->fib_nh_gw4 == nb->fib_nh_gw4 &&
	       na->fib_nh_scope == nb->fib_nh_scope &&
	       na->fib_nh_weight == nb->fib_nh_weight &&
	       !((na->fib_nh_flags ^ nb->fib_nh_flags) & ~RTNH_COMPARE_MASK);
}

bool fib_info_equal(const struct fib_info *a, const struct fib_info *b)
{
	int i;

	if (a->fib_nhs != b->fib_nhs)
		return false;
	for (i = 1; i < a->fib_nhs; i++)
		if (!fib_nh_equal(&a->fib_nh[i], &b->fib_nh[i]))
			return false;
	return a->fib_protocol == b->fib_protocol &&
	       a->fib_scope == b->fib_scope &&
	       a->fib_prefsrc == b->fib_prefsrc &&
	       a->fib_priority == b->fib_priority &&
	       a->fib_type == b->fib_type &&
	       !memcmp(a->fib_metrics, b->fib_metrics,
		       sizeof(a->fib_metrics)) &&
	       !((a->fib_flags ^ b->fib_flags) & ~RTNH_COMPARE_MASK) &&
	       fib_nh_equal(&a->fib_nh[0], &b->fib_nh[0]);
}

/* 0 when @fi's next hop is what @cfg names (unset fields match). */
int fib_nh_match(struct net *net, struct fib_config *cfg, struct fib_info *fi,
		 struct netlink_ext_ack *extack)
{
	const struct fib_nh *nh = &fi->fib_nh[0];

	(void)net;
	if (cfg->fc_priority && cfg->fc_priority != fi->fib_priority)
		return 1;
	if (cfg->fc_oif || cfg->fc_gw_family) {
		if (cfg->fc_oif && cfg->fc_oif != nh->fib_nh_oif)
			return 1;
		if (cfg->fc_gw_family &&
		    cfg->fc_gw_family != nh->fib_nh_gw_family)
			return 1;
		if (cfg->fc_gw_family == AF_INET &&
		    cfg->fc_gw4 != nh->fib_nh_gw4)
			return 1;
		return 0;
	}
	if (cfg->fc_mp) {
		struct rtnexthop *rtnh = cfg->fc_mp;
		int remaining = cfg->fc_mp_len, i;

		for (i = 0; i < fi->fib_nhs; i++) {
			struct nlattr *nla;

			nh = &fi->fib_nh[i];
			if (!rtnh_ok(rtnh, remaining))
				return -EINVAL;
			if (rtnh->rtnh_ifindex &&
			    rtnh->rtnh_ifindex != nh->fib_nh_oif)
				return 1;
			nla = rtnh_find(rtnh, RTA_GATEWAY);
			if (nla) {
				__be32 gw;
				int err = fib_gw_from_attr(&gw, nla, extack);

				if (err)
					return err;
				if (nh->fib_nh_gw_family != AF_INET ||
				    gw != nh->fib_nh_gw4)
					return 1;
			}
			rtnh = rtnh_next(rtnh, &remaining);
		}
	}
	return 0;
}

bool fib_metrics_match(struct fib_config *cfg, struct fib_info *fi)
{
	struct nlattr *nla;
	int remaining;

	if (!cfg->fc_mx)
		return true;
	nla_for_each_attr(nla, cfg->fc_mx, cfg->fc_mx_len, remaining) {
		int type = nla_type(nla);

		if (!type)
			continue;
		if (type > RTAX_MAX || type == RTAX_CC_ALGO ||
		    nla_len(nla) != sizeof(u32))
			return false;
		if (fi->fib_metrics[type] != nla_get_u32(nla))
			return false;
	}
	return true;
}

/* ---- netlink ---- */

/* A next hop's flags as a dump shows them (fib_nexthop_info). */
static unsigned char fib_nh_dump_flags(const struct fib_nh *nh)
{
	unsigned char nhflags = 0;

	if (nh->fib_nh_flags & RTNH_F_DEAD)
		nhflags |= RTNH_F_DEAD;
	if (nh->fib_nh_flags & RTNH_F_LINKDOWN) {
		nhflags |= RTNH_F_LINKDOWN;
		if (nh->fib_nh_dev && __in_dev_get_rtnl(nh->fib_nh_dev) &&
		    IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN(
			    __in_dev_get_rtnl(nh->fib_nh_dev)))
			nhflags |= RTNH_F_DEAD;
	}
	nhflags |= nh->fib_nh_flags &
		   (RTNH_F_ONLINK | RTNH_F_OFFLOAD | RTNH_F_TRAP);
	return nhflags;
}

/* The rest of a multipath route's message: RTA_MULTIPATH, one rtnexthop
 * (weight - 1 in rtnh_hops) with its RTA_GATEWAY per hop. */
static int fib_add_multipath(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct rtmsg *rtm, const struct fib_info *fi)
{
	struct nlattr *mp = nla_nest_start_noflag(skb, RTA_MULTIPATH);
	int i;

	if (!mp)
		goto nla_put_failure;
	for (i = 0; i < fi->fib_nhs; i++) {
		const struct fib_nh *nh = &fi->fib_nh[i];
		struct rtnexthop rtnh = {
			.rtnh_flags = fib_nh_dump_flags(nh),
			.rtnh_hops = (unsigned char)(nh->fib_nh_weight - 1),
			.rtnh_ifindex =
				nh->fib_nh_dev ? nh->fib_nh_dev->ifindex : 0,
		};
		unsigned char *start = skb->tail;

		if (skb_tailroom(skb) < (int)RTNH_ALIGN(sizeof(rtnh)))
			goto nla_put_failure;
		memcpy(skb_put(skb, RTNH_ALIGN(sizeof(rtnh))), &rtnh,
		       sizeof(rtnh));
		if (nh->fib_nh_gw_family == AF_INET &&
		    nla_put_in_addr(skb, RTA_GATEWAY, nh->fib_nh_gw4))
			goto nla_put_failure;
		((struct rtnexthop *)start)->rtnh_len =
			(unsigned short)(skb->tail - start);
	}
	nla_nest_end(skb, mp);
	rtm->rtm_flags = (unsigned char)(fi->fib_flags & RTNH_F_LINKDOWN);
	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/**
 * fib_dump_info - one route as an RTM_NEWROUTE/RTM_DELROUTE message
 * Return: 0, or -EMSGSIZE with nothing left in @skb.
 */
int fib_dump_info(struct sk_buff *skb, u32 portid, u32 seq, int event,
		  u32 tb_id, u8 type, __be32 dst, int dst_len, u8 tos,
		  struct fib_info *fi, unsigned int flags)
{
	const struct fib_nh *nh = &fi->fib_nh[0];
	unsigned char nhflags = 0;
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;

	nlh = nlmsg_put(skb, portid, seq, event, sizeof(*rtm), (int)flags);
	if (!nlh)
		return -EMSGSIZE;
	rtm = nlmsg_data(nlh);
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)dst_len;
	rtm->rtm_src_len = 0;
	rtm->rtm_tos = tos;
	rtm->rtm_table = tb_id < 256 ? (unsigned char)tb_id : RT_TABLE_COMPAT;
	if (nla_put_u32(skb, RTA_TABLE, tb_id))
		goto nla_put_failure;
	rtm->rtm_type = type;
	rtm->rtm_scope = fi->fib_scope;
	rtm->rtm_protocol = fi->fib_protocol;
	if (rtm->rtm_dst_len && nla_put_in_addr(skb, RTA_DST, dst))
		goto nla_put_failure;
	if (fi->fib_priority &&
	    nla_put_u32(skb, RTA_PRIORITY, fi->fib_priority))
		goto nla_put_failure;
	if (rtnetlink_put_metrics(skb, fi->fib_metrics) < 0)
		goto nla_put_failure;
	if (fi->fib_prefsrc &&
	    nla_put_in_addr(skb, RTA_PREFSRC, fi->fib_prefsrc))
		goto nla_put_failure;

	if (fi->fib_nhs > 1)
		return fib_add_multipath(skb, nlh, rtm, fi);

	/* fib_nexthop_info */
	if (nh->fib_nh_flags & RTNH_F_DEAD)
		nhflags |= RTNH_F_DEAD;
	if (nh->fib_nh_flags & RTNH_F_LINKDOWN) {
		nhflags |= RTNH_F_LINKDOWN;
		if (nh->fib_nh_dev && __in_dev_get_rtnl(nh->fib_nh_dev) &&
		    IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN(
			    __in_dev_get_rtnl(nh->fib_nh_dev)))
			nhflags |= RTNH_F_DEAD;
	}
	if (nh->fib_nh_gw_family == AF_INET &&
	    nla_put_in_addr(skb, RTA_GATEWAY, nh->fib_nh_gw4))
		goto nla_put_failure;
	nhflags |= nh->fib_nh_flags &
		   (RTNH_F_ONLINK | RTNH_F_OFFLOAD | RTNH_F_TRAP);
	if (nh->fib_nh_dev &&
	    nla_put_u32(skb, RTA_OIF, (u32)nh->fib_nh_dev->ifindex))
		goto nla_put_failure;
	rtm->rtm_flags = nhflags;
	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/**
 * rtmsg_fib - tell RTNLGRP_IPV4_ROUTE listeners a route came or went
 */
void rtmsg_fib(int event, __be32 key, struct fib_alias *fa, int dst_len,
	       u32 tb_id, const struct nl_info *info, unsigned int nlm_flags)
{
	u32 seq = info->nlh ? info->nlh->nlmsg_seq : 0;
	struct net *net = info->nl_net;
	struct sk_buff *skb;
	int err;

	if (!net)
		return;
	skb = nlmsg_new(512, GFP_KERNEL);
	if (!skb) {
		rtnl_set_sk_err(net, RTNLGRP_IPV4_ROUTE, -ENOBUFS);
		return;
	}
	err = fib_dump_info(skb, info->portid, seq, event, tb_id, fa->fa_type,
			    key, dst_len, fa->fa_tos, fa->fa_info, nlm_flags);
	if (err < 0) {
		kfree_skb(skb);
		rtnl_set_sk_err(net, RTNLGRP_IPV4_ROUTE, err);
		return;
	}
	rtnl_notify(skb, net, info->portid, RTNLGRP_IPV4_ROUTE, info->nlh, 0);
}

/* ---- routes following their devices ---- */

/* Calls @fn once for every fib_info of @net's routes. */
static int fib_for_each_info(struct net *net,
			     int (*fn)(struct fib_info *fi, void *arg),
			     void *arg)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < net->ipv4.fib_info_hash_size; i++) {
		struct fib_info *fi;

		hlist_for_each_entry(fi, &net->ipv4.fib_info_hash[i], fib_hash)
			ret += fn(fi, arg);
	}
	return ret;
}

struct fib_sync_arg {
	struct net_device *dev;
	unsigned long event;
	int scope;
	unsigned char nh_flags;
	__be32 local;
};

static int fib_sync_down_dev_one(struct fib_info *fi, void *arg)
{
	struct fib_sync_arg *a = arg;
	int i, dead = 0;
	bool uses = false;

	for (i = 0; i < fi->fib_nhs; i++)
		uses |= fi->fib_nh[i].fib_nh_dev == a->dev;
	if (!uses)
		return 0;
	for (i = 0; i < fi->fib_nhs; i++) {
		struct fib_nh *nh = &fi->fib_nh[i];

		if (nh->fib_nh_flags & RTNH_F_DEAD) {
			dead++;
		} else if (nh->fib_nh_dev == a->dev &&
			   nh->fib_nh_scope != a->scope) {
			switch (a->event) {
			case NETDEV_DOWN:
			case NETDEV_UNREGISTER:
				nh->fib_nh_flags |= RTNH_F_DEAD;
				fallthrough;
			case NETDEV_CHANGE:
				nh->fib_nh_flags |= RTNH_F_LINKDOWN;
				break;
			}
			dead++;
		}
		if (a->event == NETDEV_UNREGISTER && nh->fib_nh_dev == a->dev) {
			dead = fi->fib_nhs;
			break;
		}
	}
	fib_rebalance(fi);
	if (dead != fi->fib_nhs)
		return 0;
	switch (a->event) {
	case NETDEV_DOWN:
	case NETDEV_UNREGISTER:
		fi->fib_flags |= RTNH_F_DEAD;
		fallthrough;
	case NETDEV_CHANGE:
		fi->fib_flags |= RTNH_F_LINKDOWN;
		break;
	}
	return 1;
}

/**
 * fib_sync_down_dev - mark the next hops through @dev dead (down,
 *	unregister) or link-down (carrier loss).  Local routes survive a
 *	plain down (their next-hop scope is "nowhere"); @force kills them too.
 * Return: how many routes died entirely (fib_flush removes them).
 */
int fib_sync_down_dev(struct net_device *dev, unsigned long event, bool force)
{
	struct fib_sync_arg a = {
		.dev = dev,
		.event = event,
		.scope = force ? -1 : RT_SCOPE_NOWHERE,
	};

	return fib_for_each_info(dev_net(dev), fib_sync_down_dev_one, &a);
}

static int fib_sync_down_addr_one(struct fib_info *fi, void *arg)
{
	struct fib_sync_arg *a = arg;
	u32 tb_id = RT_TABLE_MAIN; /* no l3mdev: devices use the main table */

	if (fi->fib_prefsrc != a->local ||
	    (fi->fib_tb_id != tb_id && fi->fib_tb_id != RT_TABLE_LOCAL) ||
	    fi->fib_flags & RTNH_F_DEAD)
		return 0;
	fi->fib_flags |= RTNH_F_DEAD;
	return 1;
}

/* fib_sync_down_addr - routes using a vanished @local as prefsrc die */
int fib_sync_down_addr(struct net_device *dev, __be32 local)
{
	struct fib_sync_arg a = { .dev = dev, .local = local };

	if (!dev)
		return 0;
	return fib_for_each_info(dev_net(dev), fib_sync_down_addr_one, &a);
}

static int fib_sync_up_one(struct fib_info *fi, void *arg)
{
	struct fib_sync_arg *a = arg;
	int i, alive = 0;
	bool uses = false;

	for (i = 0; i < fi->fib_nhs; i++)
		uses |= fi->fib_nh[i].fib_nh_dev == a->dev;
	if (!uses)
		return 0;
	for (i = 0; i < fi->fib_nhs; i++) {
		struct fib_nh *nh = &fi->fib_nh[i];

		if (!(nh->fib_nh_flags & a->nh_flags)) {
			alive++;
			continue;
		}
		if (!nh->fib_nh_dev || !(nh->fib_nh_dev->flags & IFF_UP))
			continue;
		if (nh->fib_nh_dev != a->dev || !__in_dev_get_rtnl(a->dev))
			continue;
		alive++;
		nh->fib_nh_flags &= ~(unsigned int)a->nh_flags;
	}
	fib_rebalance(fi);
	if (alive > 0) {
		fi->fib_flags &= ~(unsigned int)a->nh_flags;
		return 1;
	}
	return 0;
}

/**
 * fib_sync_up - clear @nh_flags (RTNH_F_DEAD and/or RTNH_F_LINKDOWN) on
 *	the next hops through @dev, now up (with carrier for LINKDOWN)
 * Return: the number of routes revived.
 */
int fib_sync_up(struct net_device *dev, unsigned char nh_flags)
{
	struct fib_sync_arg a = { .dev = dev, .nh_flags = nh_flags };

	if (!(dev->flags & IFF_UP))
		return 0;
	if (nh_flags & RTNH_F_DEAD) {
		unsigned int flags = dev_get_flags(dev);

		if (flags & (IFF_RUNNING | IFF_LOWER_UP))
			a.nh_flags |= RTNH_F_LINKDOWN;
	}
	return fib_for_each_info(dev_net(dev), fib_sync_up_one, &a);
}

static int fib_sync_mtu_one(struct fib_info *fi, void *arg)
{
	struct fib_sync_arg *a = arg;
	u32 mtu = a->dev->mtu;
	int i;

	for (i = 0; i < fi->fib_nhs; i++) {
		struct fib_nh_exception *fnhe;

		if (fi->fib_nh[i].fib_nh_dev != a->dev)
			continue;
		list_for_each_entry(fnhe, &fi->fib_nh[i].nh_exceptions, list) {
			if (fnhe->fnhe_mtu_locked) {
				if (mtu <= fnhe->fnhe_pmtu) {
					fnhe->fnhe_pmtu = mtu;
					fnhe->fnhe_mtu_locked = false;
				}
			} else if (mtu < fnhe->fnhe_pmtu ||
				   a->local == fnhe->fnhe_pmtu) {
				fnhe->fnhe_pmtu = mtu;
			}
		}
	}
	return 0;
}

/* fib_sync_mtu - @dev's MTU changed from @orig_mtu: clamp learned PMTUs */
void fib_sync_mtu(struct net_device *dev, u32 orig_mtu)
{
	struct fib_sync_arg a = { .dev = dev, .local = orig_mtu };

	fib_for_each_info(dev_net(dev), fib_sync_mtu_one, &a);
}

/* ---- source selection ---- */

__be32 fib_info_update_nh_saddr(struct net *net, struct fib_nh *nh)
{
	(void)net;
	nh->nh_saddr =
		nh->fib_nh_dev
			? inet_select_addr(nh->fib_nh_dev, nh->fib_nh_gw4,
					   nh->nh_parent->fib_scope)
			: 0;
	return nh->nh_saddr;
}

/* The source a route implies: its prefsrc, else one chosen on its device. */
__be32 fib_result_prefsrc(struct net *net, struct fib_result *res)
{
	if (res->fi->fib_prefsrc)
		return res->fi->fib_prefsrc;
	return fib_info_update_nh_saddr(net, res->nh);
}

/* fib_select_path - one of a multipath route's next hops; fills fl4->saddr */
void fib_select_path(struct net *net, struct fib_result *res,
		     struct flowi4 *fl4)
{
	/* a flow bound to a device keeps the hop the lookup found on it */
	/* after a lookup that found a route: res->fi is set */
	if (!fl4->flowi4_oif && res->fi->fib_nhs > 1)
		fib_select_multipath(res, fib_multipath_hash(net, fl4, NULL));
	if (!fl4->saddr)
		fl4->saddr = fib_result_prefsrc(net, res);
}

/* ---- next-hop exceptions: learned PMTU per destination ---- */

bool fib_nh_exception_current(const struct fib_nh *nh,
			      const struct fib_nh_exception *fnhe)
{
	const struct fib_info *fi = nh->nh_parent;

	return !fi || !fi->fib_net ||
	       fnhe->fnhe_genid == fi->fib_net->ipv4.fnhe_genid;
}

/*
 * The walk of fib_nh_find_exception; when it finds none, *@oldest is the
 * live entry closest to expiry (NULL if none is left), the one to evict.
 */
static struct fib_nh_exception *
fnhe_find_or_oldest(struct fib_nh *nh, __be32 daddr,
		    struct fib_nh_exception **oldest)
{
	/* the link before: unlinking through it, not through the entry,
	 * shows the static analyzer the head moving on too */
	struct list_head *prev = &nh->nh_exceptions;
	struct fib_nh_exception *fnhe, *tmp;
	u64 now = net_now();

	*oldest = NULL;
	list_for_each_entry_safe(fnhe, tmp, &nh->nh_exceptions, list) {
		if (fnhe->fnhe_expires && now >= fnhe->fnhe_expires) {
			prev->next = fnhe->list.next;
			fnhe->list.next->prev = prev;
			nh->nh_nr_exceptions--;
			kfree(fnhe);
			continue;
		}
		if (fnhe->fnhe_daddr == daddr)
			return fnhe;
		if (!*oldest || fnhe->fnhe_expires < (*oldest)->fnhe_expires)
			*oldest = fnhe;
		prev = &fnhe->list;
	}
	return NULL;
}

/**
 * fib_nh_find_exception - the live exception for @daddr via @nh
 * Expired ones are dropped on the way (net.ipv4.route.mtu_expires).
 */
struct fib_nh_exception *fib_nh_find_exception(struct fib_nh *nh, __be32 daddr)
{
	struct fib_nh_exception *oldest;
	struct fib_nh_exception *fnhe = fnhe_find_or_oldest(nh, daddr, &oldest);

	/* flushed since it was learned: it learns nothing any more, as
	 * Linux's rt_bind_exception resets it */
	if (fnhe && !fib_nh_exception_current(nh, fnhe)) {
		fnhe->fnhe_pmtu = 0;
		fnhe->fnhe_mtu_locked = false;
		fnhe->fnhe_expires = 0;
		fnhe->fnhe_genid = nh->nh_parent->fib_net->ipv4.fnhe_genid;
	}
	return fnhe;
}

/**
 * fib_nh_update_exception - remember @pmtu for @daddr until @expires
 * The list is bounded (FNHE_MAX_PER_NH): the entry closest to expiry goes.
 * Return: 0 or -ENOMEM.
 */
int fib_nh_update_exception(struct fib_nh *nh, __be32 daddr, u32 pmtu,
			    bool lock, u64 expires)
{
	struct fib_nh_exception *oldest;
	struct fib_nh_exception *fnhe = fnhe_find_or_oldest(nh, daddr, &oldest);

	if (!fnhe) {
		if (nh->nh_nr_exceptions >= FNHE_MAX_PER_NH && oldest) {
			/* the entry closest to expiry makes room: reused */
			list_del(&oldest->list);
			nh->nh_nr_exceptions--;
			fnhe = oldest;
			memset(fnhe, 0, sizeof(*fnhe));
		} else {
			fnhe = kzalloc(sizeof(*fnhe), GFP_ATOMIC);
			if (!fnhe)
				return -ENOMEM;
		}
		fnhe->fnhe_daddr = daddr;
		list_add(&fnhe->list, &nh->nh_exceptions);
		nh->nh_nr_exceptions++;
	}
	fnhe->fnhe_pmtu = pmtu;
	fnhe->fnhe_mtu_locked = lock;
	fnhe->fnhe_expires = expires;
	if (nh->nh_parent && nh->nh_parent->fib_net)
		fnhe->fnhe_genid = nh->nh_parent->fib_net->ipv4.fnhe_genid;
	return 0;
}
