// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 routes: turning a FIB answer into a struct rtable (a dst) for one
 * packet or socket - output routes with source selection
 * (ip_route_output_key), input routes with martian checks and the
 * local / broadcast / forward / unreachable decision (ip_route_input_noref),
 * ip_error for unreachable destinations, path MTU learning (RFC 1191),
 * and `ip route get` (RTM_GETROUTE requests).
 *
 * Linux counterpart: net/ipv4/route.c.  As Linux, a route made from a FIB
 * next hop is kept in it for the next packet (nh_rth_input for local and
 * forwarded input, nh_rth_output for output) unless a learned PMTU applies
 * there; every live route is also on a per-namespace list so
 * rt_cache_flush() can mark them all dead (sockets and next hops then look
 * up again).  Multicast is taken in, and looped back on output, for the
 * groups the device has joined (ip_check_mc_rcu); there is no multicast
 * forwarding.
 */
#include <linux/icmp.h>

#include <net/icmp.h>
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <net/snmp.h>
#include <net/sock.h>
#include <net/sysctl.h>

#define IP_RT_ERROR_COST  (1 * NSEC_PER_SEC) /* ip_rt_error_cost: HZ */
#define IP_RT_ERROR_BURST (5 * NSEC_PER_SEC) /* ip_rt_error_burst */
#define RT_ERROR_PEERS	  64

/* ip_error's per-source token bucket (Linux keeps it in inet_peer). */
struct rt_error_peer {
	__be32 saddr;
	u64 rate_tokens;
	u64 rate_last;
};

/* Per-namespace route state (net_generic). */
struct rt_net {
	struct list_head rt_uncached; /* every live rtable */
	struct rt_error_peer peers[RT_ERROR_PEERS];
	unsigned int next_peer;
	struct ctl_table_header *sysctl_hdr;
	struct ctl_table_header *fib_sysctl_hdr; /* net.ipv4.fib_* */
	/* rt_cache statistics (/proc/net/stat/rt_cache in Linux) */
	unsigned long in_slow_tot, in_slow_mc, in_no_route, in_brd;
	unsigned long in_martian_dst, in_martian_src, out_slow_tot;
};

static unsigned int rt_net_id;

static struct rt_net *rt_pernet(const struct net *net)
{
	return net_generic(net, rt_net_id);
}

/* ---- dst ---- */

static int ip_rt_bug(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	(void)net;
	(void)sk;
	net_warn("ip_rt_bug: output on an input route\n");
	kfree_skb(skb);
	return 0;
}

static const struct dst_ops ipv4_dst_ops;

/**
 * rt_dst_alloc - a new IPv4 route out of @dev (one reference, the
 *	caller's), on the namespace's list so rt_cache_flush() reaches it
 */
struct rtable *rt_dst_alloc(struct net_device *dev, unsigned int flags,
			    u16 type)
{
	struct net *net = dev_net(dev);
	struct rtable *rt;

	/* FORCE_CHK: every holder asks ipv4_dst_check (the genid) */
	rt = dst_alloc(&ipv4_dst_ops, dev, DST_OBSOLETE_FORCE_CHK, 0);
	if (!rt)
		return NULL;
	rt->dst.output = ip_output;
	if (flags & RTCF_LOCAL)
		rt->dst.input = ip_local_deliver;
	rt->rt_genid = net->ipv4.rt_genid;
	rt->rt_flags = flags;
	rt->rt_type = type;
	INIT_LIST_HEAD(&rt->rt_uncached);
	if (rt_pernet(net))
		list_add_tail(&rt->rt_uncached, &rt_pernet(net)->rt_uncached);
	return rt;
}

/* ipv4_dst_destroy - the last reference went: off the namespace's list */
static void ipv4_dst_destroy(struct dst_entry *dst)
{
	struct rtable *rt = container_of(dst, struct rtable, dst);

	list_del_init(&rt->rt_uncached);
}

/* ipv4_mtu - learned PMTU while valid, route metric, device MTU */
static unsigned int ipv4_mtu(const struct dst_entry *dst)
{
	const struct rtable *rt = container_of(dst, const struct rtable, dst);
	unsigned int mtu = rt->rt_pmtu;

	if (!mtu || net_now() >= dst->expires)
		mtu = dst_metric_raw(dst, RTAX_MTU);
	if (!mtu) {
		mtu = dst->dev ? dst->dev->mtu : 0;
		if (unlikely(ip_mtu_locked(dst)) && rt->rt_uses_gateway &&
		    mtu > 576)
			mtu = 576;
	}
	return min_t(unsigned int, mtu, IP_MAX_MTU);
}

/* ipv4_default_advmss - the MTU less TCP and IP headers, at least
 * net.ipv4.route.min_adv_mss */
static unsigned int ipv4_default_advmss(const struct dst_entry *dst)
{
	unsigned int header_size = 20 + (unsigned int)sizeof(struct iphdr);
	unsigned int min_advmss =
		dst->dev ? (unsigned int)dev_net(dst->dev)
				   ->ipv4.sysctl_route_min_adv_mss
			 : 256;
	unsigned int mtu = ipv4_mtu(dst);
	unsigned int advmss =
		max_t(unsigned int, mtu > header_size ? mtu - header_size : 0,
		      min_advmss);

	return min_t(unsigned int, advmss, IP_MAX_MTU - header_size);
}

/*
 * ipv4_dst_check - a route is stale once rt_cache_flush() ran (any route,
 * address or PMTU change: the genid moved) or its device went away
 */
static struct dst_entry *ipv4_dst_check(struct dst_entry *dst, u32 cookie)
{
	struct rtable *rt = container_of(dst, struct rtable, dst);

	(void)cookie;
	if (dst->obsolete == DST_OBSOLETE_DEAD || !dst->dev ||
	    rt->rt_genid != dev_net(dst->dev)->ipv4.rt_genid)
		return NULL;
	return dst;
}

/* ipv4_negative_advice - a dead, redirected or PMTU-learned route is
 * worth looking up again */
static void ipv4_negative_advice(struct sock *sk, struct dst_entry *dst)
{
	struct rtable *rt = container_of(dst, struct rtable, dst);

	if (dst->obsolete > 0 || (rt->rt_flags & RTCF_REDIRECTED) ||
	    dst->expires)
		sk_dst_reset(sk);
}

static void ip_rt_update_pmtu(struct dst_entry *dst, struct sock *sk,
			      struct sk_buff *skb, u32 mtu, bool confirm_neigh);

static const struct dst_ops ipv4_dst_ops = {
	.family = AF_INET,
	.entry_size = sizeof(struct rtable),
	.check = ipv4_dst_check,
	.default_advmss = ipv4_default_advmss,
	.mtu = ipv4_mtu,
	.destroy = ipv4_dst_destroy,
	.negative_advice = ipv4_negative_advice,
	.update_pmtu = ip_rt_update_pmtu,
};

/**
 * rt_cache_flush - every route handed out so far is stale: mark them dead
 *	so sockets look up again (after any route, address or PMTU change)
 */
void rt_cache_flush(struct net *net)
{
	struct rt_net *rn = rt_pernet(net);
	struct rtable *rt;

	net->ipv4.rt_genid++;
	if (!rn)
		return;
	list_for_each_entry(rt, &rn->rt_uncached, rt_uncached)
		rt->dst.obsolete = DST_OBSOLETE_DEAD;
}

/* rt_flush_dev - routes still pointing at a vanishing @dev move to lo */
static void rt_flush_dev(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct rt_net *rn = rt_pernet(net);
	struct rtable *rt;

	if (!rn)
		return;
	list_for_each_entry(rt, &rn->rt_uncached, rt_uncached) {
		if (rt->dst.dev != dev)
			continue;
		rt->dst.obsolete = DST_OBSOLETE_DEAD;
		rt->dst.input = dst_discard;
		if (net->loopback_dev && net->loopback_dev != dev) {
			rt->dst.dev = net->loopback_dev;
			dev_hold(rt->dst.dev);
		} else {
			rt->dst.dev = NULL;
		}
		dev_put(dev);
	}
}

/*
 * rt_cache_valid - may a route cached in a next hop serve another packet?
 * Not once rt_cache_flush() ran (genid) or its device went away.
 */
static bool rt_cache_valid(const struct rtable *rt)
{
	return rt && rt->dst.obsolete != DST_OBSOLETE_DEAD && rt->dst.dev &&
	       rt->rt_genid == dev_net(rt->dst.dev)->ipv4.rt_genid;
}

/* rt_cache_route - keep @rt (a reference of its own) in the slot @p */
static void rt_cache_route(struct rtable **p, struct rtable *rt)
{
	dst_hold(&rt->dst);
	ip_rt_put(*p);
	*p = rt;
}

/*
 * rt_nh_cacheable - routes through @res's next hop are the same for every
 * destination: no learned PMTU exception applies (those stay per packet)
 */
static bool rt_nh_cacheable(const struct fib_result *res)
{
	return res->fi && res->nh && !res->nh->nh_nr_exceptions;
}

/* rt_set_nexthop - gateway, metrics and any learned PMTU from the FIB */
static void rt_set_nexthop(struct rtable *rt, __be32 daddr,
			   const struct fib_result *res)
{
	struct fib_nh_exception *fnhe;
	struct fib_nh *nh;

	if (!res->fi)
		return;
	nh = res->nh;
	if (nh->fib_nh_gw_family && nh->fib_nh_scope == RT_SCOPE_LINK) {
		rt->rt_gw_family = AF_INET;
		rt->rt_gw4 = nh->fib_nh_gw4;
		rt->rt_uses_gateway = 1;
	}
	memcpy(rt->dst.metrics, res->fi->fib_metrics, sizeof(rt->dst.metrics));
	fnhe = nh->nh_nr_exceptions ? fib_nh_find_exception(nh, daddr) : NULL;
	if (fnhe) {
		/* as Linux's rt_bind_exception: the exception now holds a
		 * route, which `ip route show cache` lists */
		fnhe->fnhe_routed = true;
		rt->rt_pmtu = fnhe->fnhe_pmtu & 0x7fffffff;
		rt->rt_mtu_locked = fnhe->fnhe_mtu_locked;
		rt->dst.expires = fnhe->fnhe_expires;
	}
	rt->rt_table = res->table ? res->table->tb_id : 0;
}

/* ---- output ---- */

static struct rtable *__mkroute_output(const struct fib_result *res,
				       struct flowi4 *fl4, int orig_oif,
				       struct net_device *dev_out,
				       unsigned int flags)
{
	u16 type = res->type;
	struct rtable *rth;
	bool do_cache;

	if (ipv4_is_loopback(fl4->saddr) && !(dev_out->flags & IFF_LOOPBACK))
		return ERR_PTR(-EINVAL);
	if (ipv4_is_lbcast(fl4->daddr))
		type = RTN_BROADCAST;
	else if (ipv4_is_multicast(fl4->daddr))
		type = RTN_MULTICAST;
	else if (ipv4_is_zeronet(fl4->daddr))
		return ERR_PTR(-EINVAL);
	if (dev_out->flags & IFF_LOOPBACK)
		flags |= RTCF_LOCAL;
	if (!__in_dev_get_rcu(dev_out))
		return ERR_PTR(-EINVAL);
	if (type == RTN_BROADCAST) {
		flags |= RTCF_BROADCAST | RTCF_LOCAL;
	} else if (type == RTN_MULTICAST) {
		/* looped back (ip_mc_output) only if we are a member */
		flags |= RTCF_MULTICAST;
		if (ip_check_mc_rcu(__in_dev_get_rcu(dev_out), fl4->daddr,
				    fl4->saddr, fl4->flowi4_proto))
			flags |= RTCF_LOCAL;
	}
	/* as Linux's nhc_pcpu_rth_output: one route per next hop */
	do_cache = type != RTN_BROADCAST && type != RTN_MULTICAST &&
		   rt_nh_cacheable(res);
	if (do_cache) {
		rth = res->nh->nh_rth_output;
		if (rt_cache_valid(rth) && rth->dst.dev == dev_out &&
		    rth->rt_flags == flags && rth->rt_type == type) {
			dst_hold(&rth->dst);
			return rth;
		}
	}
	rth = rt_dst_alloc(dev_out, flags, type);
	if (!rth)
		return ERR_PTR(-ENOBUFS);
	if ((flags & (RTCF_BROADCAST | RTCF_MULTICAST)) &&
	    (flags & RTCF_LOCAL) && !(dev_out->flags & IFF_LOOPBACK))
		rth->dst.output = ip_mc_output;
	rth->rt_iif = orig_oif;
	rt_pernet(dev_net(dev_out))->out_slow_tot++;
	if (type != RTN_BROADCAST && type != RTN_MULTICAST)
		rt_set_nexthop(rth, fl4->daddr, res);
	else
		rth->rt_table = res->table ? res->table->tb_id : 0;
	if (do_cache)
		rt_cache_route(&res->nh->nh_rth_output, rth);
	return rth;
}

/*
 * ip_route_output_key_res - Linux's ip_route_output_key_hash_rcu: validate
 * the source, honour the output interface, pick the source address, route
 * local destinations through loopback.
 */
static struct rtable *ip_route_output_key_res(struct net *net,
					      struct flowi4 *fl4,
					      struct fib_result *res)
{
	struct net_device *dev_out = NULL;
	int orig_oif = fl4->flowi4_oif;
	unsigned int flags = 0;
	int err;

	memset(res, 0, sizeof(*res));
	res->type = RTN_UNSPEC;
	fl4->flowi4_iif = LOOPBACK_IFINDEX;

	if (fl4->saddr) {
		if (ipv4_is_multicast(fl4->saddr) ||
		    ipv4_is_lbcast(fl4->saddr) || ipv4_is_zeronet(fl4->saddr))
			return ERR_PTR(-EINVAL);
		if (fl4->flowi4_oif == 0 && (ipv4_is_multicast(fl4->daddr) ||
					     ipv4_is_lbcast(fl4->daddr))) {
			dev_out = __ip_dev_find(net, fl4->saddr);
			if (!dev_out)
				return ERR_PTR(-ENETUNREACH);
			fl4->flowi4_oif = dev_out->ifindex;
			goto make_route;
		}
		if (!(fl4->flowi4_flags & FLOWI_FLAG_ANYSRC) &&
		    !__ip_dev_find(net, fl4->saddr))
			return ERR_PTR(-ENETUNREACH);
	}

	if (fl4->flowi4_oif) {
		dev_out = __dev_get_by_index(net, fl4->flowi4_oif);
		if (!dev_out)
			return ERR_PTR(-ENODEV);
		if (!(dev_out->flags & IFF_UP) || !__in_dev_get_rcu(dev_out))
			return ERR_PTR(-ENETUNREACH);
		if (ipv4_is_local_multicast(fl4->daddr) ||
		    ipv4_is_lbcast(fl4->daddr) ||
		    fl4->flowi4_proto == IPPROTO_IGMP) {
			if (!fl4->saddr)
				fl4->saddr = inet_select_addr(dev_out, 0,
							      RT_SCOPE_LINK);
			goto make_route;
		}
		if (!fl4->saddr) {
			if (ipv4_is_multicast(fl4->daddr))
				fl4->saddr = inet_select_addr(
					dev_out, 0, fl4->flowi4_scope);
			else if (!fl4->daddr)
				fl4->saddr = inet_select_addr(dev_out, 0,
							      RT_SCOPE_HOST);
		}
	}

	if (!fl4->daddr) {
		fl4->daddr = fl4->saddr;
		if (!fl4->daddr)
			fl4->daddr = fl4->saddr = htonl(INADDR_LOOPBACK);
		dev_out = net->loopback_dev;
		if (!dev_out)
			return ERR_PTR(-ENETUNREACH);
		fl4->flowi4_oif = LOOPBACK_IFINDEX;
		res->type = RTN_LOCAL;
		flags |= RTCF_LOCAL;
		goto make_route;
	}

	err = fib_lookup(net, fl4, res, 0);
	if (err) {
		res->fi = NULL;
		res->table = NULL;
		if (fl4->flowi4_oif) {
			/*
			 * The tables know nothing, but the caller named an
			 * interface: assume the destination is on link.
			 */
			if (!fl4->saddr)
				fl4->saddr = inet_select_addr(dev_out, 0,
							      RT_SCOPE_LINK);
			res->type = RTN_UNICAST;
			goto make_route;
		}
		return ERR_PTR(err);
	}

	if (res->type == RTN_LOCAL) {
		if (!fl4->saddr)
			fl4->saddr = res->fi->fib_prefsrc ? res->fi->fib_prefsrc
							  : fl4->daddr;
		dev_out = net->loopback_dev;
		if (!dev_out)
			return ERR_PTR(-ENETUNREACH);
		/* rt_iif names the route's device though lo carries it */
		orig_oif = FIB_RES_OIF(*res);
		fl4->flowi4_oif = dev_out->ifindex;
		flags |= RTCF_LOCAL;
		goto make_route;
	}

	fib_select_path(net, res, fl4);
	dev_out = FIB_RES_DEV(*res);
	if (!dev_out)
		return ERR_PTR(-ENETUNREACH);

make_route:
	return __mkroute_output(res, fl4, orig_oif, dev_out, flags);
}

struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4)
{
	struct fib_result res;

	return ip_route_output_key_res(net, fl4, &res);
}

/* ---- input ---- */

static void ip_handle_martian_source(struct net_device *dev,
				     struct in_device *in_dev, __be32 daddr,
				     __be32 saddr)
{
	rt_pernet(dev_net(dev))->in_martian_src++;
	if (IN_DEV_LOG_MARTIANS(in_dev))
		net_info("martian source %08x from %08x, on dev %s\n",
			 ntohl(daddr), ntohl(saddr), dev->name);
}

static int __mkroute_input(struct sk_buff *skb, const struct fib_result *res,
			   struct in_device *in_dev, __be32 daddr, __be32 saddr,
			   u8 tos)
{
	struct net_device *out = FIB_RES_DEV(*res);
	struct in_device *out_dev = out ? __in_dev_get_rcu(out) : NULL;
	struct rtable *rth;
	bool do_cache;
	u32 itag = 0;
	int err;

	if (!out_dev)
		return -EINVAL;
	err = fib_validate_source(skb, saddr, daddr, tos, FIB_RES_OIF(*res),
				  in_dev->dev, in_dev, &itag);
	if (err < 0) {
		ip_handle_martian_source(in_dev->dev, in_dev, daddr, saddr);
		return err;
	}
	/* RFC 1812 5.2.7.2: the source is on the link we would send on */
	if (out_dev == in_dev && err && IN_DEV_TX_REDIRECTS(out_dev) &&
	    (IN_DEV_SHARED_MEDIA(out_dev) ||
	     inet_addr_onlink(out_dev, saddr, FIB_RES_GW(*res))))
		IPCB(skb)->flags |= IPSKB_DOREDIRECT;

	/* as Linux's nhc_rth_input: one forwarding route per next hop */
	do_cache =
		rt_nh_cacheable(res) && !(IPCB(skb)->flags & IPSKB_DOREDIRECT);
	if (do_cache) {
		rth = res->nh->nh_rth_input;
		if (rt_cache_valid(rth) && rth->dst.dev == out &&
		    rth->rt_type == res->type && rth->dst.input == ip_forward) {
			dst_hold(&rth->dst);
			skb_dst_set(skb, &rth->dst);
			return 0;
		}
	}
	rth = rt_dst_alloc(out, 0, res->type);
	if (!rth)
		return -ENOBUFS;
	rth->rt_is_input = 1;
	rth->dst.input = ip_forward;
	rth->dst.output = ip_output;
	rt_set_nexthop(rth, daddr, res);
	if (IPCB(skb)->flags & IPSKB_DOREDIRECT)
		rth->rt_flags |= RTCF_DOREDIRECT;
	rt_pernet(dev_net(out))->in_slow_tot++;
	if (do_cache)
		rt_cache_route(&res->nh->nh_rth_input, rth);
	skb_dst_set(skb, &rth->dst);
	return 0;
}

static int ip_route_input_mc(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			     u8 tos, struct net_device *dev,
			     struct in_device *in_dev)
{
	struct net *net = dev_net(dev);
	struct rtable *rth;
	u32 itag = 0;
	int err;

	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr))
		return -EINVAL;
	if (ipv4_is_loopback(saddr) && !IN_DEV_ROUTE_LOCALNET(in_dev))
		return -EINVAL;
	if (ipv4_is_zeronet(saddr)) {
		if (!ipv4_is_local_multicast(daddr))
			return -EINVAL;
	} else {
		err = fib_validate_source(skb, saddr, 0, tos, 0, dev, in_dev,
					  &itag);
		if (err < 0)
			return err;
	}
	if (!net->loopback_dev)
		return -EINVAL;
	rth = rt_dst_alloc(net->loopback_dev, RTCF_MULTICAST | RTCF_LOCAL,
			   RTN_MULTICAST);
	if (!rth)
		return -ENOBUFS;
	rth->dst.output = ip_rt_bug;
	rth->rt_is_input = 1;
	rt_pernet(net)->in_slow_mc++;
	skb_dst_set(skb, &rth->dst);
	return 0;
}

/*
 * ip_route_input_slow - Linux's decision for a received packet: martians,
 * broadcast, local delivery, forwarding (if the input device forwards),
 * or an unreachable route whose dst->input is ip_error.
 */
static int ip_route_input_slow(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			       u8 tos, struct net_device *dev,
			       struct fib_result *res)
{
	struct in_device *in_dev = __in_dev_get_rcu(dev);
	struct net *net = dev_net(dev);
	struct rt_net *rn = rt_pernet(net);
	struct flowi4 fl4 = { 0 };
	unsigned int flags = 0;
	struct rtable *rth;
	u32 itag = 0;
	int err = -EINVAL;

	memset(res, 0, sizeof(*res));
	/* IP is disabled on this device */
	if (!in_dev)
		return -EINVAL;

	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr))
		goto martian_source;
	if (ipv4_is_lbcast(daddr) || (saddr == 0 && daddr == 0))
		goto brd_input;
	/* zero sources only to the limited broadcast */
	if (ipv4_is_zeronet(saddr))
		goto martian_source;
	if (ipv4_is_zeronet(daddr))
		goto martian_destination;
	if (ipv4_is_loopback(daddr)) {
		if (!IN_DEV_NET_ROUTE_LOCALNET(in_dev, net))
			goto martian_destination;
	} else if (ipv4_is_loopback(saddr)) {
		if (!IN_DEV_NET_ROUTE_LOCALNET(in_dev, net))
			goto martian_source;
	}

	fl4.flowi4_iif = dev->ifindex;
	fl4.flowi4_mark = skb->mark;
	fl4.flowi4_tos = tos;
	fl4.flowi4_scope = RT_SCOPE_UNIVERSE;
	fl4.daddr = daddr;
	fl4.saddr = saddr;
	err = fib_lookup(net, &fl4, res, 0);
	if (err != 0) {
		if (!IN_DEV_FORWARD(in_dev))
			err = -EHOSTUNREACH;
		goto no_route;
	}

	if (res->type == RTN_BROADCAST) {
		if (IN_DEV_BFORWARD(in_dev))
			goto make_route;
		goto brd_input;
	}
	if (res->type == RTN_LOCAL) {
		err = fib_validate_source(skb, saddr, daddr, tos, 0, dev,
					  in_dev, &itag);
		if (err < 0)
			goto martian_source;
		goto local_input;
	}
	if (!IN_DEV_FORWARD(in_dev)) {
		err = -EHOSTUNREACH;
		goto no_route;
	}
	if (res->type != RTN_UNICAST)
		goto martian_destination; /* -EINVAL */

make_route:
	if (res->fi && res->fi->fib_nhs > 1)
		fib_select_multipath(res, fib_multipath_hash(net, NULL, skb));
	return __mkroute_input(skb, res, in_dev, daddr, saddr, tos);

brd_input:
	if (skb->protocol != htons(ETH_P_IP))
		return -EINVAL;
	if (!ipv4_is_zeronet(saddr)) {
		err = fib_validate_source(skb, saddr, 0, tos, 0, dev, in_dev,
					  &itag);
		if (err < 0)
			goto martian_source;
	}
	flags |= RTCF_BROADCAST;
	res->type = RTN_BROADCAST;
	rn->in_brd++;

local_input : {
	/*
	 * As Linux (ip_rt_get_dev): a packet for us is routed to loopback,
	 * whichever device its local route names (no VRF masters here).
	 */
	struct net_device *rdev = net->loopback_dev;
	/*
	 * A local route for one address (the /32 every address adds) gives
	 * the same route to every packet: keep it in the next hop.
	 */
	bool do_cache = !flags && res->type == RTN_LOCAL &&
			res->prefixlen == 32 && rt_nh_cacheable(res);

	if (!rdev)
		rdev = net->loopback_dev;
	if (!rdev)
		return -EINVAL;
	if (do_cache) {
		rth = res->nh->nh_rth_input;
		if (rt_cache_valid(rth) && rth->dst.dev == rdev &&
		    rth->rt_type == RTN_LOCAL && rth->rt_spec_dst == daddr) {
			dst_hold(&rth->dst);
			skb_dst_set(skb, &rth->dst);
			return 0;
		}
	}
	rth = rt_dst_alloc(rdev, flags | RTCF_LOCAL, res->type);
	if (!rth)
		return -ENOBUFS;
	rth->dst.output = ip_rt_bug;
	rth->rt_is_input = 1;
	rth->rt_table = res->table ? res->table->tb_id : 0;
	rth->rt_spec_dst = daddr;
	rn->in_slow_tot++;
	if (res->type == RTN_UNREACHABLE) {
		rth->dst.input = ip_error;
		rth->dst.error = (short)-err;
		rth->rt_flags &= ~RTCF_LOCAL;
	}
	if (do_cache)
		rt_cache_route(&res->nh->nh_rth_input, rth);
	skb_dst_set(skb, &rth->dst);
	return 0;
}

no_route:
	rn->in_no_route++;
	res->type = RTN_UNREACHABLE;
	res->fi = NULL;
	res->nh = NULL;
	goto local_input;

martian_destination:
	rn->in_martian_dst++;
	if (IN_DEV_LOG_MARTIANS(in_dev))
		net_info("martian destination %08x from %08x, dev %s\n",
			 ntohl(daddr), ntohl(saddr), dev->name);
	return -EINVAL;

martian_source:
	ip_handle_martian_source(dev, in_dev, daddr, saddr);
	return err < 0 ? err : -EINVAL;
}

static int ip_route_input_res(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			      u8 tos, struct net_device *dev,
			      struct fib_result *res)
{
	tos &= 0x1c; /* IPTOS_RT_MASK */
	if (ipv4_is_multicast(daddr)) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);

		memset(res, 0, sizeof(*res));
		if (!in_dev)
			return -EINVAL;
		/* the groups this device joined; no multicast routing */
		if (ip_check_mc_rcu(in_dev, daddr, saddr,
				    ip_hdr(skb)->protocol))
			return ip_route_input_mc(skb, daddr, saddr, tos, dev,
						 in_dev);
		return -EINVAL;
	}
	return ip_route_input_slow(skb, daddr, saddr, tos, dev, res);
}

int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
			 u8 tos, struct net_device *dev)
{
	struct fib_result res;

	return ip_route_input_res(skb, daddr, saddr, tos, dev, &res);
}

static struct rt_error_peer *rt_error_peer_get(struct rt_net *rn, __be32 saddr,
					       u64 now)
{
	struct rt_error_peer *p;
	unsigned int i;

	for (i = 0; i < RT_ERROR_PEERS; i++)
		if (rn->peers[i].rate_last && rn->peers[i].saddr == saddr)
			return &rn->peers[i];
	/* a new peer replaces the oldest slot, with a full bucket */
	p = &rn->peers[rn->next_peer++ % RT_ERROR_PEERS];
	p->saddr = saddr;
	p->rate_tokens = 0;
	p->rate_last = now > 60 * NSEC_PER_SEC ? now - 60 * NSEC_PER_SEC : 1;
	return p;
}

int ip_error(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = skb->dev;
	struct in_device *in_dev = dev ? __in_dev_get_rcu(dev) : NULL;
	struct rt_error_peer *peer;
	struct net *net;
	int code;
	u64 now;

	if (!in_dev || !rt->dst.dev)
		goto out;
	net = dev_net(rt->dst.dev);
	if (!IN_DEV_FORWARD(in_dev)) {
		switch (rt->dst.error) {
		case EHOSTUNREACH:
			__IP_INC_STATS(net, IPSTATS_MIB_INADDRERRORS);
			break;
		case ENETUNREACH:
			__IP_INC_STATS(net, IPSTATS_MIB_INNOROUTES);
			break;
		}
		goto out;
	}
	switch (rt->dst.error) {
	case EHOSTUNREACH:
		code = ICMP_HOST_UNREACH;
		break;
	case ENETUNREACH:
		code = ICMP_NET_UNREACH;
		__IP_INC_STATS(net, IPSTATS_MIB_INNOROUTES);
		break;
	case EACCES:
		code = ICMP_PKT_FILTERED;
		break;
	case EINVAL:
	default:
		goto out;
	}
	now = net_now();
	peer = rt_error_peer_get(rt_pernet(net), ip_hdr(skb)->saddr, now);
	peer->rate_tokens += now - peer->rate_last;
	if (peer->rate_tokens > IP_RT_ERROR_BURST)
		peer->rate_tokens = IP_RT_ERROR_BURST;
	peer->rate_last = now;
	if (peer->rate_tokens >= IP_RT_ERROR_COST) {
		peer->rate_tokens -= IP_RT_ERROR_COST;
		icmp_send(skb, ICMP_DEST_UNREACH, code, 0);
	}
out:
	kfree_skb_reason(skb, SKB_DROP_REASON_IP_INNOROUTES);
	return 0;
}

/* ---- path MTU ---- */

static void __ip_rt_update_pmtu(struct rtable *rt, struct flowi4 *fl4, u32 mtu)
{
	struct dst_entry *dst = &rt->dst;
	struct net *net = dev_net(dst->dev);
	u64 expires_ns =
		(u64)net->ipv4.sysctl_route_mtu_expires * NSEC_PER_MSEC;
	u32 min_pmtu = (u32)net->ipv4.sysctl_route_min_pmtu;
	struct fib_result res;
	bool lock = false;
	u32 old_mtu;

	if (ip_mtu_locked(dst))
		return;
	old_mtu = dst_mtu(dst);
	if (old_mtu < mtu)
		return;
	if (mtu < min_pmtu) {
		lock = true;
		mtu = min_t(u32, old_mtu, min_pmtu);
	}
	if (rt->rt_pmtu == mtu && !lock &&
	    net_now() + expires_ns / 2 < dst->expires)
		return;
	if (fib_lookup(net, fl4, &res, 0) == 0) {
		fib_select_path(net, &res, fl4);
		fib_nh_update_exception(res.nh, fl4->daddr, mtu, lock,
					net_now() + expires_ns);
		rt_cache_flush(net);
	}
}

/*
 * ip_rt_update_pmtu - ipv4_dst_ops.update_pmtu: the flow is the one of
 * @skb's IP header (a packet that took @dst), else of the connected @sk
 */
static void ip_rt_update_pmtu(struct dst_entry *dst, struct sock *sk,
			      struct sk_buff *skb, u32 mtu, bool confirm_neigh)
{
	struct rtable *rt = container_of(dst, struct rtable, dst);
	struct flowi4 fl4 = { 0 };

	(void)confirm_neigh;
	if (!dst->dev)
		return;
	if (skb) {
		const struct iphdr *iph = ip_hdr(skb);

		fl4.daddr = iph->daddr;
		fl4.saddr = iph->saddr;
		fl4.flowi4_tos = iph->tos & 0x1c;
		fl4.flowi4_proto = iph->protocol;
		fl4.flowi4_mark = skb->mark;
		fl4.flowi4_oif = skb->dev ? skb->dev->ifindex : 0;
	} else if (sk) {
		fl4.daddr = sk->sk_daddr;
		fl4.saddr = inet_sk(sk)->inet_saddr;
		fl4.flowi4_proto = (u8)sk->sk_protocol;
	} else {
		return;
	}
	if (sk) {
		fl4.flowi4_oif = sk->sk_bound_dev_if;
		fl4.flowi4_mark = sk->sk_mark;
		fl4.flowi4_proto = (u8)sk->sk_protocol;
	}
	__ip_rt_update_pmtu(rt, &fl4, mtu);
}

void ipv4_update_pmtu(struct sk_buff *skb, struct net *net, u32 mtu, int oif,
		      u8 protocol)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	struct flowi4 fl4 = {
		.flowi4_oif = oif,
		.flowi4_tos = iph->tos & 0x1c,
		.flowi4_proto = protocol,
		.flowi4_mark = skb->mark,
		.daddr = iph->daddr,
		.saddr = iph->saddr,
	};
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (!IS_ERR(rt)) {
		__ip_rt_update_pmtu(rt, &fl4, mtu);
		ip_rt_put(rt);
	}
}

void ipv4_sk_update_pmtu(struct sk_buff *skb, struct sock *sk, u32 mtu)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	bool had_dst = sk->sk_dst_cache != NULL;
	struct flowi4 fl4;
	struct rtable *rt;

	/* IP_PMTUDISC_INTERFACE and _OMIT: the path's MTU is not ours */
	if (!ip_sk_accept_pmtu(sk))
		return;
	ipv4_update_pmtu(skb, sock_net(sk), mtu, sk->sk_bound_dev_if,
			 (u8)sk->sk_protocol);
	/*
	 * A socket holding a route (a connected one) has it looked up again
	 * at once, through the exception just made, as Linux does; one that
	 * holds none finds it at its next send.
	 */
	if (!had_dst || sock_owned_by_user(sk) || __sk_dst_check(sk, 0))
		return;
	memset(&fl4, 0, sizeof(fl4));
	fl4.flowi4_oif = sk->sk_bound_dev_if;
	fl4.flowi4_mark = sk->sk_mark;
	fl4.flowi4_tos = inet_sk(sk)->tos & 0x1c;
	fl4.flowi4_proto = (u8)sk->sk_protocol;
	fl4.daddr = iph->daddr;
	fl4.saddr = iph->saddr;
	rt = ip_route_output_key(sock_net(sk), &fl4);
	if (!IS_ERR(rt))
		sk_setup_caps(sk, &rt->dst);
}

/* ---- ip route get ---- */

static int rt_fill_info(struct net *net, __be32 dst, __be32 src,
			struct rtable *rt, u32 table_id, struct flowi4 *fl4,
			struct sk_buff *skb, u32 portid, u32 seq, bool notify)
{
	u32 metrics[RTAX_MAX + 1];
	struct rta_cacheinfo ci;
	struct nlmsghdr *nlh;
	struct rtmsg *r;
	s64 expires = 0;

	(void)net;
	nlh = nlmsg_put(skb, portid, seq, RTM_NEWROUTE, sizeof(*r), 0);
	if (!nlh)
		return -EMSGSIZE;
	r = nlmsg_data(nlh);
	r->rtm_family = AF_INET;
	r->rtm_dst_len = 32;
	r->rtm_src_len = 0;
	r->rtm_tos = fl4 ? fl4->flowi4_tos : 0;
	r->rtm_table =
		table_id < 256 ? (unsigned char)table_id : RT_TABLE_COMPAT;
	if (nla_put_u32(skb, RTA_TABLE, table_id))
		goto nla_put_failure;
	r->rtm_type = (unsigned char)rt->rt_type;
	r->rtm_scope = RT_SCOPE_UNIVERSE;
	r->rtm_protocol = RTPROT_UNSPEC;
	r->rtm_flags = (rt->rt_flags & ~0xFFFFU) | RTM_F_CLONED;
	if (notify) {
		r->rtm_flags |= RTCF_NOTIFY & ~0xFFFFU;
		r->rtm_flags |= RTM_F_NOTIFY;
	}
	if (nla_put_in_addr(skb, RTA_DST, dst))
		goto nla_put_failure;
	if (src) {
		r->rtm_src_len = 32;
		if (nla_put_in_addr(skb, RTA_SRC, src))
			goto nla_put_failure;
	}
	if (rt->dst.dev && nla_put_u32(skb, RTA_OIF, (u32)rt->dst.dev->ifindex))
		goto nla_put_failure;
	if (fl4 && !rt->rt_is_input && fl4->saddr != src &&
	    nla_put_in_addr(skb, RTA_PREFSRC, fl4->saddr))
		goto nla_put_failure;
	if (rt->rt_uses_gateway && rt->rt_gw_family == AF_INET &&
	    nla_put_in_addr(skb, RTA_GATEWAY, rt->rt_gw4))
		goto nla_put_failure;

	if (rt->dst.expires) {
		u64 now = net_now();

		expires = now < rt->dst.expires ? (s64)(rt->dst.expires - now)
						: 0;
	}
	memcpy(metrics, rt->dst.metrics, sizeof(metrics));
	if (rt->rt_pmtu && expires)
		metrics[RTAX_MTU] = rt->rt_pmtu;
	if (rt->rt_mtu_locked && expires)
		metrics[RTAX_LOCK] |= 1U << RTAX_MTU;
	if (rtnetlink_put_metrics(skb, metrics) < 0)
		goto nla_put_failure;
	if (fl4) {
		if (fl4->flowi4_mark &&
		    nla_put_u32(skb, RTA_MARK, fl4->flowi4_mark))
			goto nla_put_failure;
		if (!rt->rt_is_input && nla_put_u32(skb, RTA_UID, 0))
			goto nla_put_failure;
		if (rt->rt_is_input &&
		    nla_put_u32(skb, RTA_IIF, (u32)fl4->flowi4_iif))
			goto nla_put_failure;
	}
	memset(&ci, 0, sizeof(ci));
	ci.rta_lastuse = (u32)((net_now() - rt->dst.lastuse) /
			       (10 * NSEC_PER_MSEC)); /* clock_t: 1/100 s */
	ci.rta_clntref = (u32)rt->dst.__refcnt;
	ci.rta_error = (u32)rt->dst.error;
	if (expires) {
		s64 clk = expires / (s64)(10 * NSEC_PER_MSEC);

		ci.rta_expires = (s32)min_t(s64, clk, 0x7fffffff);
	}
	if (nla_put(skb, RTA_CACHEINFO, sizeof(ci), &ci))
		goto nla_put_failure;
	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

int fib_dump_info_fnhe(struct sk_buff *skb, struct netlink_callback *cb,
		       u32 table_id, struct fib_info *fi, long *i, long s_i,
		       unsigned int flags)
{
	struct net *net = sock_net(NETLINK_CB(cb->skb).sk);
	u64 now = net_now();
	int n, err;

	(void)flags;
	for (n = 0; n < fi->fib_nhs; n++) {
		struct fib_nh *nh = &fi->fib_nh[n];
		struct fib_nh_exception *fnhe;

		list_for_each_entry(fnhe, &nh->nh_exceptions, list) {
			struct rtable rt;

			/* expired or flushed: as if gone; and as Linux, only
			 * one a route was made through since */
			if ((fnhe->fnhe_expires && now >= fnhe->fnhe_expires) ||
			    !fib_nh_exception_current(nh, fnhe) ||
			    !fnhe->fnhe_routed)
				continue;
			if (*i < s_i) {
				(*i)++;
				continue;
			}
			/* the route a lookup through it would give */
			memset(&rt, 0, sizeof(rt));
			rt.dst.dev = nh->fib_nh_dev;
			rt.dst.lastuse = now;
			rt.dst.expires = fnhe->fnhe_expires;
			memcpy(rt.dst.metrics, fi->fib_metrics,
			       sizeof(rt.dst.metrics));
			rt.rt_type = RTN_UNICAST;
			rt.rt_pmtu = fnhe->fnhe_pmtu & 0x7fffffff;
			rt.rt_mtu_locked = fnhe->fnhe_mtu_locked;
			if (nh->fib_nh_gw_family &&
			    nh->fib_nh_scope == RT_SCOPE_LINK) {
				rt.rt_gw_family = AF_INET;
				rt.rt_gw4 = nh->fib_nh_gw4;
				rt.rt_uses_gateway = 1;
			}
			err = rt_fill_info(net, fnhe->fnhe_daddr, 0, &rt,
					   table_id, NULL, skb,
					   NETLINK_CB(cb->skb).portid,
					   cb->nlh->nlmsg_seq, false);
			if (err < 0)
				return err;
			(*i)++;
		}
	}
	return (int)skb->len;
}

static const struct nla_policy rtm_getroute_policy[RTA_MAX + 1] = {
	[RTA_DST] = { .type = NLA_U32 },   [RTA_SRC] = { .type = NLA_U32 },
	[RTA_IIF] = { .type = NLA_U32 },   [RTA_OIF] = { .type = NLA_U32 },
	[RTA_MARK] = { .type = NLA_U32 },  [RTA_UID] = { .type = NLA_U32 },
	[RTA_TABLE] = { .type = NLA_U32 }, [RTA_IP_PROTO] = { .type = NLA_U8 },
	[RTA_SPORT] = { .type = NLA_U16 }, [RTA_DPORT] = { .type = NLA_U16 },
};

/**
 * inet_rtm_getroute - `ip route get`: route a made-up packet (input if
 *	RTA_IIF is given, else output) and answer with the route as
 *	Linux's inet_rtm_getroute does (RTM_F_CLONED, RTA_PREFSRC, RTA_UID,
 *	RTA_CACHEINFO ...).
 */
int inet_rtm_getroute(struct sk_buff *in_skb, struct nlmsghdr *nlh,
		      struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(in_skb).sk);
	struct nlattr *tb[RTA_MAX + 1];
	struct fib_result res = { 0 };
	struct flowi4 fl4 = { 0 };
	__be32 dst, src;
	struct rtable *rt;
	struct sk_buff *skb;
	struct rtmsg *rtm;
	u32 table_id;
	int err, iif;

	err = nlmsg_parse(nlh, sizeof(*rtm), tb, RTA_MAX, rtm_getroute_policy,
			  extack);
	if (err < 0)
		return err;
	rtm = nlmsg_data(nlh);
	src = tb[RTA_SRC] ? nla_get_in_addr(tb[RTA_SRC]) : 0;
	dst = tb[RTA_DST] ? nla_get_in_addr(tb[RTA_DST]) : 0;
	iif = tb[RTA_IIF] ? (int)nla_get_u32(tb[RTA_IIF]) : 0;
	fl4.daddr = dst;
	fl4.saddr = src;
	fl4.flowi4_tos = rtm->rtm_tos & 0x1c;
	fl4.flowi4_oif = tb[RTA_OIF] ? (int)nla_get_u32(tb[RTA_OIF]) : 0;
	fl4.flowi4_mark = tb[RTA_MARK] ? nla_get_u32(tb[RTA_MARK]) : 0;
	if (tb[RTA_IP_PROTO])
		fl4.flowi4_proto = nla_get_u8(tb[RTA_IP_PROTO]);
	if (tb[RTA_SPORT])
		fl4.fl4_sport = (__be16)nla_get_u16(tb[RTA_SPORT]);
	if (tb[RTA_DPORT])
		fl4.fl4_dport = (__be16)nla_get_u16(tb[RTA_DPORT]);

	/* a dummy packet to route: an IP header (and ports), as Linux's */
	skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return -ENOBUFS;
	skb->protocol = htons(ETH_P_IP);
	skb->mark = fl4.flowi4_mark;
	skb_reset_network_header(skb);
	{
		struct iphdr *iph = skb_put(skb, sizeof(*iph));

		memset(iph, 0, sizeof(*iph));
		iph->version = 4;
		iph->ihl = 5;
		iph->frag_off = htons(IP_DF);
		iph->protocol = fl4.flowi4_proto;
		iph->saddr = src;
		iph->daddr = dst;
		if (fl4.flowi4_proto == IPPROTO_UDP ||
		    fl4.flowi4_proto == IPPROTO_TCP) {
			__be16 *ports = skb_put(skb, 2 * sizeof(__be16));

			ports[0] = fl4.fl4_sport;
			ports[1] = fl4.fl4_dport;
		}
	}

	if (iif) {
		struct net_device *dev = __dev_get_by_index(net, iif);

		if (!dev) {
			err = -ENODEV;
			goto errout_free;
		}
		fl4.flowi4_iif = iif;
		skb->dev = dev;
		err = ip_route_input_res(skb, dst, src, fl4.flowi4_tos, dev,
					 &res);
		rt = skb_rtable(skb);
		if (err == 0 && rt->dst.error)
			err = -rt->dst.error;
	} else {
		fl4.flowi4_iif = LOOPBACK_IFINDEX;
		skb->dev = net->loopback_dev;
		rt = ip_route_output_key_res(net, &fl4, &res);
		err = 0;
		if (IS_ERR(rt))
			err = (int)PTR_ERR(rt);
		else
			skb_dst_set(skb, &rt->dst);
	}
	if (err)
		goto errout_free;
	/* the table found is reported only when asked for (RTM_F_LOOKUP_TABLE;
	 * iproute2 does not ask): "table main" otherwise, as Linux */
	table_id = RT_TABLE_MAIN;
	if (rtm->rtm_flags & RTM_F_LOOKUP_TABLE)
		table_id = res.table ? res.table->tb_id : rt->rt_table;
	/* the reply's tos is the matching route's, not the request's */
	fl4.flowi4_tos = res.tos;

	/* the dummy skb becomes the reply */
	skb_trim(skb, 0);
	if (rtm->rtm_flags & RTM_F_FIB_MATCH) {
		if (!res.fi) {
			err = fib_props[res.type].error;
			if (!err)
				err = -EHOSTUNREACH;
			goto errout_free;
		}
		err = fib_dump_info(skb, NETLINK_CB(in_skb).portid,
				    nlh->nlmsg_seq, RTM_NEWROUTE, table_id,
				    res.type, res.prefix, res.prefixlen,
				    fl4.flowi4_tos, res.fi, 0);
	} else {
		err = rt_fill_info(net, dst, src, rt, table_id, &fl4, skb,
				   NETLINK_CB(in_skb).portid, nlh->nlmsg_seq,
				   rtm->rtm_flags & RTM_F_NOTIFY);
	}
	if (err < 0)
		goto errout_free;
	skb_dst_drop(skb);
	err = netlink_unicast(net->rtnl, skb, NETLINK_CB(in_skb).portid, 1);
	return err < 0 ? err : 0;

errout_free:
	kfree_skb(skb);
	return err;
}

/* ---- multipath hash ---- */

/*
 * The hash key: fib_multipath_hash_seed when set, else one random value
 * fixed for the life of the process (Linux's is drawn at boot), the same
 * in every namespace.
 */
static u32 fib_multipath_hashrnd;

static u32 fib_multipath_mp_seed(const struct net *net)
{
	if (net->ipv4.sysctl_fib_multipath_hash_seed)
		return net->ipv4.sysctl_fib_multipath_hash_seed;
	if (!fib_multipath_hashrnd)
		fib_multipath_hashrnd = get_random_u32() | 1;
	return fib_multipath_hashrnd;
}

static u32 mp_hash_mix(u32 h, u32 v)
{
	v *= 0xcc9e2d51U;
	v = (v << 15) | (v >> 17);
	v *= 0x1b873593U;
	h ^= v;
	h = (h << 13) | (h >> 19);
	return h * 5 + 0xe6546b64U;
}

/*
 * fib_multipath_hash - where a flow falls in a multipath route's hash
 * space, by net.ipv4.fib_multipath_hash_policy: 0 L3 (an ICMP error as
 * the packet it quotes), 1 L4, 2 L3 or inner L3 (as 0 here: nothing is
 * decapsulated), 3 the fields of fib_multipath_hash_fields (the outer
 * ones: source and destination address, protocol, ports; none of them
 * hashes everything to 0, and the inner ones find no inner header, as
 * for a packet that is not encapsulated).  Both directions of a flow
 * hash alike.  Return: 0 .. INT_MAX.
 */
int fib_multipath_hash(const struct net *net, const struct flowi4 *fl4,
		       const struct sk_buff *skb)
{
	int policy = net->ipv4.sysctl_fib_multipath_hash_policy;
	u32 fields = FIB_MULTIPATH_HASH_FIELD_DEFAULT_MASK;
	bool l4 = policy == 1;
	u32 src = 0, dst = 0, h;
	u16 sport = 0, dport = 0;
	u8 proto = 0;

	if (policy == 3) {
		fields = (u32)net->ipv4.sysctl_fib_multipath_hash_fields;
		if (!(fields & FIB_MULTIPATH_HASH_FIELD_OUTER_MASK))
			return 0;
		l4 = true; /* the ports are read, then masked */
	}
	if (skb) {
		const struct iphdr *iph = ip_hdr(skb);
		/* the bytes readable from the IP header on, in the head */
		long avail = (long)skb_headlen(skb) -
			     (long)((const u8 *)iph - skb->data);

		src = ntohl(iph->saddr);
		dst = ntohl(iph->daddr);
		proto = iph->protocol;
		/*
		 * L3: an ICMP error hashes as the packet it quotes, so it
		 * follows that flow's path (ip_multipath_l3_keys).
		 */
		if (!l4 && proto == IPPROTO_ICMP &&
		    !(iph->frag_off & htons(IP_OFFSET)) &&
		    avail >= (long)(iph->ihl * 4U + 8 + sizeof(struct iphdr))) {
			const u8 *icmph =
				(const u8 *)iph + (size_t)iph->ihl * 4;
			const struct iphdr *inner =
				(const struct iphdr *)(const void *)(icmph + 8);

			if (icmph[0] == ICMP_DEST_UNREACH ||
			    icmph[0] == ICMP_SOURCE_QUENCH ||
			    icmph[0] == ICMP_TIME_EXCEEDED ||
			    icmph[0] == ICMP_PARAMETERPROB) {
				src = ntohl(inner->saddr);
				dst = ntohl(inner->daddr);
			}
		}
		/* ports of the first fragment only, as the flow dissector */
		if (l4 && !(iph->frag_off & htons(IP_MF | IP_OFFSET)) &&
		    (proto == IPPROTO_UDP || proto == IPPROTO_TCP) &&
		    avail >= (long)(iph->ihl * 4U + 4)) {
			const __be16 *ports =
				(const __be16
					 *)(const void *)((const u8 *)iph +
							  (size_t)iph->ihl * 4);

			sport = ntohs(ports[0]);
			dport = ntohs(ports[1]);
		}
	} else if (fl4) { /* one of the two is given */
		src = ntohl(fl4->saddr);
		dst = ntohl(fl4->daddr);
		proto = fl4->flowi4_proto;
		sport = ntohs(fl4->fl4_sport);
		dport = ntohs(fl4->fl4_dport);
	}
	/* both directions of a flow hash alike (__flow_hash_consistentify) */
	if ((s32)(dst - src) < 0) {
		u32 t = src;

		src = dst;
		dst = t;
	}
	if (dport < sport) {
		u16 t = sport;

		sport = dport;
		dport = t;
	}
	if (policy == 3) {
		if (!(fields & FIB_MULTIPATH_HASH_FIELD_SRC_IP))
			src = 0;
		if (!(fields & FIB_MULTIPATH_HASH_FIELD_DST_IP))
			dst = 0;
		if (!(fields & FIB_MULTIPATH_HASH_FIELD_IP_PROTO))
			proto = 0;
		if (!(fields & FIB_MULTIPATH_HASH_FIELD_SRC_PORT))
			sport = 0;
		if (!(fields & FIB_MULTIPATH_HASH_FIELD_DST_PORT))
			dport = 0;
	}
	h = mp_hash_mix(fib_multipath_mp_seed(net), src);
	h = mp_hash_mix(h, dst);
	if (l4) {
		h = mp_hash_mix(h, (u32)sport << 16 | dport);
		h = mp_hash_mix(h, proto);
	}
	h ^= h >> 16;
	h *= 0x85ebca6bU;
	h ^= h >> 13;
	h *= 0xc2b2ae35U;
	h ^= h >> 16;
	if (!h)
		h = 1;
	return (int)(h >> 1);
}

/* ---- per namespace: net.ipv4.route.* ---- */

static int ipv4_sysctl_rtcache_flush(struct ctl_table *ctl, int write,
				     char *buffer, size_t *lenp, long *ppos)
{
	(void)buffer;
	(void)ppos;
	if (!write)
		return -EINVAL;
	rt_cache_flush(ctl->extra2);
	/* and the exceptions go too (Linux's fnhe_genid_bump) */
	((struct net *)ctl->extra2)->ipv4.fnhe_genid++;
	(void)lenp;
	return 0;
}

static const struct ctl_table ipv4_route_netns_table[] = {
	{ .procname = "flush",
	  .maxlen = sizeof(int),
	  .mode = 0200,
	  .proc_handler = ipv4_sysctl_rtcache_flush },
	{ .procname = "min_pmtu",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax },
	{ .procname = "mtu_expires",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_jiffies },
	{ .procname = "min_adv_mss",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ 0 }
};

/*
 * net.ipv4.fib_multipath_hash_policy 0..3 (fib_multipath_hash), the
 * fields policy 3 hashes (1..4095: FIB_MULTIPATH_HASH_FIELD_*) and the
 * hash key (0: the process's random one).
 */
static const int mp_hash_policy_max = 3;
static const int mp_hash_fields_max = FIB_MULTIPATH_HASH_FIELD_ALL_MASK;
static const int int_zero;

static const struct ctl_table ipv4_fib_netns_table[] = {
	{ .procname = "fib_multipath_hash_policy",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = (void *)&int_zero,
	  .extra2 = (void *)&mp_hash_policy_max },
	/* skip hops whose neighbour is FAILED (fib_select_multipath) */
	{ .procname = "fib_multipath_use_neigh",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "fib_multipath_hash_fields",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE,
	  .extra2 = (void *)&mp_hash_fields_max },
	{ .procname = "fib_multipath_hash_seed",
	  .maxlen = sizeof(u32),
	  .mode = 0644,
	  .proc_handler = proc_douintvec },
	{ 0 }
};

/* min_pmtu's floor: 68, the smallest MTU IPv4 allows (RFC 791) */
static const int ip_min_valid_pmtu = 68;

static int rt_net_init(struct net *net)
{
	struct rt_net *rn = kzalloc(sizeof(*rn), GFP_KERNEL);
	struct ctl_table *t;

	if (!rn)
		return -ENOMEM;
	INIT_LIST_HEAD(&rn->rt_uncached);
	net->gen[rt_net_id] = rn;
	net->ipv4.rt_genid = get_random_u32();
	net->ipv4.sysctl_route_min_pmtu = 512 + 20 + 20;
	net->ipv4.sysctl_route_mtu_expires = 10 * 60 * HZ;
	net->ipv4.sysctl_route_min_adv_mss = 256;
	net->ipv4.sysctl_fib_multipath_hash_fields =
		FIB_MULTIPATH_HASH_FIELD_DEFAULT_MASK;

	t = kmemdup(ipv4_route_netns_table, sizeof(ipv4_route_netns_table),
		    GFP_KERNEL);
	if (!t)
		goto err_table;
	t[0].extra2 = net;
	t[1].data = &net->ipv4.sysctl_route_min_pmtu;
	t[1].extra1 = (void *)&ip_min_valid_pmtu;
	t[2].data = &net->ipv4.sysctl_route_mtu_expires;
	t[3].data = &net->ipv4.sysctl_route_min_adv_mss;
	rn->sysctl_hdr = register_net_sysctl(net, "net/ipv4/route", t);
	if (!rn->sysctl_hdr) {
		kfree(t);
		goto err_table;
	}
	rn->sysctl_hdr->free_table = true;
	t = kmemdup(ipv4_fib_netns_table, sizeof(ipv4_fib_netns_table),
		    GFP_KERNEL);
	if (t) {
		t[0].data = &net->ipv4.sysctl_fib_multipath_hash_policy;
		t[1].data = &net->ipv4.sysctl_fib_multipath_use_neigh;
		t[2].data = &net->ipv4.sysctl_fib_multipath_hash_fields;
		t[3].data = &net->ipv4.sysctl_fib_multipath_hash_seed;
		rn->fib_sysctl_hdr = register_net_sysctl(net, "net/ipv4", t);
	}
	if (!rn->fib_sysctl_hdr) {
		kfree(t);
		unregister_net_sysctl_table(rn->sysctl_hdr);
		goto err_table;
	}
	rn->fib_sysctl_hdr->free_table = true;
	return 0;

err_table:
	net->gen[rt_net_id] = NULL;
	kfree(rn);
	return -ENOMEM;
}

static void rt_net_exit(struct net *net)
{
	struct rt_net *rn = rt_pernet(net);
	struct rtable *rt, *tmp;

	if (!rn)
		return;
	unregister_net_sysctl_table(rn->sysctl_hdr);
	unregister_net_sysctl_table(rn->fib_sysctl_hdr);
	/* routes still held (by skbs or sockets) outlive the list */
	list_for_each_entry_safe(rt, tmp, &rn->rt_uncached, rt_uncached) {
		rt->dst.obsolete = DST_OBSOLETE_DEAD;
		list_del_init(&rt->rt_uncached);
	}
	net->gen[rt_net_id] = NULL;
	kfree(rn);
}

static struct pernet_operations rt_net_ops = {
	.init = rt_net_init,
	.exit = rt_net_exit,
	.id = &rt_net_id,
};

static int rt_netdev_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	(void)nb;
	if (event == NETDEV_UNREGISTER)
		rt_flush_dev(ptr);
	return NOTIFY_DONE;
}

static struct notifier_block rt_netdev_notifier = {
	.notifier_call = rt_netdev_event,
	.priority = -10, /* after the FIB has let go of the device */
};

/**
 * ip_rt_init - per-namespace route state and net.ipv4.route.* sysctls
 * (the RTM_GETROUTE handlers are registered with the FIB's, ip_fib_init).
 * Return: 0 or -errno.
 */
int ip_rt_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = register_pernet_subsys(&rt_net_ops);
	if (err)
		return err;
	return register_netdevice_notifier(&rt_netdev_notifier);
}
