// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 on devices: the struct in_device of every device (addresses and
 * net.ipv4.conf.DEV.*), adding and removing addresses with Linux's
 * semantics (primaries and secondaries per subnet, promotion when
 * net.ipv4.conf.*.promote_secondaries is set, lo's 127.0.0.1/8 at up),
 * the inetaddr notifier chain, RTM_NEWADDR/RTM_DELADDR/RTM_GETADDR, the
 * address ioctls (SIOCGIFADDR ...) and the per-device sysctls with the
 * "all.forwarding sets every device" rule.
 *
 * Linux counterpart: net/ipv4/devinet.c.  Finite address lifetimes count
 * down on the stack's clock (check_lifetime): past preferred_lft an
 * address is deprecated, past valid_lft deleted.  Multicast auto-join is
 * not supported.
 */
#include <linux/if_arp.h>
#include <linux/sockios.h>

#include <net/arp.h>
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/protocol.h>
#include <net/route.h>
#include <net/rtnetlink.h>
#include <net/sock.h>
#include <net/sysctl.h>

/* Defaults of net.ipv4.conf.all and .default (ipv4_devconf in Linux). */
static void ipv4_devconf_defaults(struct ipv4_devconf *cnf, bool dflt)
{
	memset(cnf, 0, sizeof(*cnf));
	IPV4_DEVCONF(*cnf, ACCEPT_REDIRECTS) = 1;
	IPV4_DEVCONF(*cnf, SEND_REDIRECTS) = 1;
	IPV4_DEVCONF(*cnf, SECURE_REDIRECTS) = 1;
	IPV4_DEVCONF(*cnf, SHARED_MEDIA) = 1;
	IPV4_DEVCONF(*cnf, IGMPV2_UNSOLICITED_REPORT_INTERVAL) = 10000;
	IPV4_DEVCONF(*cnf, IGMPV3_UNSOLICITED_REPORT_INTERVAL) = 1000;
	IPV4_DEVCONF(*cnf, ARP_EVICT_NOCARRIER) = 1;
	if (dflt)
		IPV4_DEVCONF(*cnf, ACCEPT_SOURCE_ROUTE) = 1;
}

static struct in_ifaddr *inet_alloc_ifa(void)
{
	return kzalloc(sizeof(struct in_ifaddr), GFP_KERNEL);
}

static void inet_free_ifa(struct in_ifaddr *ifa)
{
	kfree(ifa);
}

static void rtmsg_ifa(int event, struct in_ifaddr *ifa, struct nlmsghdr *nlh,
		      u32 portid);
static int devinet_sysctl_register(struct in_device *idev);
static void devinet_sysctl_unregister(struct in_device *idev);

/* ---- lookups ---- */

struct in_device *inetdev_by_index(struct net *net, int ifindex)
{
	struct net_device *dev = __dev_get_by_index(net, ifindex);

	return dev ? __in_dev_get_rtnl(dev) : NULL;
}

struct in_ifaddr *inet_lookup_ifaddr(struct net *net, __be32 addr)
{
	struct net_device *dev;
	struct in_ifaddr *ifa;

	for_each_netdev(net, dev) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (!in_dev)
			continue;
		in_dev_for_each_ifa(ifa, in_dev)
			if (ifa->ifa_local == addr)
				return ifa;
	}
	return NULL;
}

struct net_device *__ip_dev_find(struct net *net, __be32 addr)
{
	struct in_ifaddr *ifa = inet_lookup_ifaddr(net, addr);
	struct fib_table *local;

	if (ifa)
		return ifa->ifa_dev->dev;
	/* Not an address: maybe a local route (ip route add local ...). */
	local = fib_get_table(net, RT_TABLE_LOCAL);
	if (local) {
		struct flowi4 fl4 = { .daddr = addr };
		struct fib_result res;

		if (!fib_table_lookup(local, &fl4, &res, FIB_LOOKUP_NOREF) &&
		    res.type == RTN_LOCAL)
			return FIB_RES_DEV(res);
	}
	return NULL;
}

struct in_ifaddr *inet_ifa_byprefix(struct in_device *in_dev, __be32 prefix,
				    __be32 mask)
{
	struct in_ifaddr *ifa;

	in_dev_for_each_ifa(ifa, in_dev)
		if (ifa->ifa_mask == mask && inet_ifa_match(prefix, ifa))
			return ifa;
	return NULL;
}

int inet_addr_onlink(struct in_device *in_dev, __be32 a, __be32 b)
{
	struct in_ifaddr *ifa;

	in_dev_for_each_ifa(ifa, in_dev)
		if (inet_ifa_match(a, ifa) && (!b || inet_ifa_match(b, ifa)))
			return 1;
	return 0;
}

static __be32 in_dev_select_addr(const struct in_device *in_dev, int scope)
{
	const struct in_ifaddr *ifa;

	in_dev_for_each_ifa(ifa, in_dev) {
		if (ifa->ifa_flags & IFA_F_SECONDARY)
			continue;
		if (ifa->ifa_scope != RT_SCOPE_LINK && ifa->ifa_scope <= scope)
			return ifa->ifa_local;
	}
	return 0;
}

__be32 inet_select_addr(const struct net_device *dev, __be32 dst, int scope)
{
	unsigned char localnet_scope = RT_SCOPE_HOST;
	struct in_device *in_dev = __in_dev_get_rcu(dev);
	struct net *net = dev_net(dev);
	struct net_device *d;
	struct in_ifaddr *ifa;
	__be32 addr = 0;

	if (in_dev) {
		if (unlikely(IN_DEV_ROUTE_LOCALNET(in_dev)))
			localnet_scope = RT_SCOPE_LINK;
		in_dev_for_each_ifa(ifa, in_dev) {
			if (ifa->ifa_flags & IFA_F_SECONDARY)
				continue;
			if (min_t(int, ifa->ifa_scope, localnet_scope) > scope)
				continue;
			if (!dst || inet_ifa_match(dst, ifa)) {
				addr = ifa->ifa_local;
				break;
			}
			if (!addr)
				addr = ifa->ifa_local;
		}
		if (addr)
			return addr;
	}
	/*
	 * Any device's address outside link scope will do; loopback is the
	 * first device, so its non-loopback addresses are preferred.
	 */
	for_each_netdev(net, d) {
		in_dev = __in_dev_get_rcu(d);
		if (!in_dev)
			continue;
		addr = in_dev_select_addr(in_dev, scope);
		if (addr)
			return addr;
	}
	return 0;
}

static __be32 confirm_addr_indev(struct in_device *in_dev, __be32 dst,
				 __be32 local, int scope)
{
	unsigned char localnet_scope = RT_SCOPE_HOST;
	const struct in_ifaddr *ifa;
	__be32 addr = 0;
	int same = 0;

	if (unlikely(IN_DEV_ROUTE_LOCALNET(in_dev)))
		localnet_scope = RT_SCOPE_LINK;
	in_dev_for_each_ifa(ifa, in_dev) {
		int min_scope = min_t(int, ifa->ifa_scope, localnet_scope);

		if (!addr && (local == ifa->ifa_local || !local) &&
		    min_scope <= scope) {
			addr = ifa->ifa_local;
			if (same)
				break;
		}
		if (!same) {
			same = (!local || inet_ifa_match(local, ifa)) &&
			       (!dst || inet_ifa_match(dst, ifa));
			if (same && addr) {
				if (local || !dst)
					break;
				/* Is the selected addr in dst's subnet? */
				if (inet_ifa_match(addr, ifa))
					break;
				/* No: can this one be the source? */
				if (min_scope <= scope) {
					addr = ifa->ifa_local;
					break;
				}
				/* look for a larger subnet holding addr */
				same = 0;
			}
		}
	}
	return same ? addr : 0;
}

__be32 inet_confirm_addr(struct net *net, struct in_device *in_dev, __be32 dst,
			 __be32 local, int scope)
{
	struct net_device *dev;
	__be32 addr = 0;

	if (in_dev)
		return confirm_addr_indev(in_dev, dst, local, scope);
	for_each_netdev(net, dev) {
		in_dev = __in_dev_get_rcu(dev);
		if (in_dev) {
			addr = confirm_addr_indev(in_dev, dst, local, scope);
			if (addr)
				break;
		}
	}
	return addr;
}

/* ---- the inetaddr chain ---- */

int register_inetaddr_notifier(struct notifier_block *nb)
{
	return raw_notifier_chain_register(
		&inet_stack(current_stack())->inetaddr_chain, nb);
}

int unregister_inetaddr_notifier(struct notifier_block *nb)
{
	return raw_notifier_chain_unregister(
		&inet_stack(current_stack())->inetaddr_chain, nb);
}

static void inetaddr_notify(unsigned long event, struct in_ifaddr *ifa)
{
	raw_notifier_call_chain(&inet_stack(current_stack())->inetaddr_chain,
				event, ifa);
}

/* ---- adding and removing addresses ---- */

static void set_ifa_lifetime(struct in_ifaddr *ifa, u32 valid_lft,
			     u32 prefered_lft)
{
	ifa->ifa_flags &= ~(u32)(IFA_F_PERMANENT | IFA_F_DEPRECATED);
	if (valid_lft != INFINITY_LIFE_TIME)
		ifa->ifa_valid_lft = valid_lft;
	else
		ifa->ifa_flags |= IFA_F_PERMANENT;
	ifa->ifa_preferred_lft = prefered_lft;
	if (prefered_lft != INFINITY_LIFE_TIME && prefered_lft == 0)
		ifa->ifa_flags |= IFA_F_DEPRECATED;
	ifa->ifa_tstamp = net_now();
	if (!ifa->ifa_cstamp)
		ifa->ifa_cstamp = ifa->ifa_tstamp;
}

static void check_lifetime_kick(struct net *net);

/*
 * __inet_insert_ifa - link @ifa into its device's list: secondary if an
 * address of the same subnet exists, primaries after the last primary of
 * equal or wider scope.  Announces RTM_NEWADDR, then the chain (which adds
 * the routes).  Consumes @ifa on error.
 */
static int __inet_insert_ifa(struct in_ifaddr *ifa, struct nlmsghdr *nlh,
			     u32 portid, struct netlink_ext_ack *extack)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct in_ifaddr **ifap, **last_primary, *ifa1;

	ASSERT_RTNL();
	if (!ifa->ifa_local) {
		inet_free_ifa(ifa);
		return 0;
	}
	ifa->ifa_flags &= ~(u32)IFA_F_SECONDARY;
	/* IPv6-only flags do not apply */
	ifa->ifa_flags &= ~(u32)(IFA_F_NODAD | IFA_F_OPTIMISTIC |
				 IFA_F_HOMEADDRESS | IFA_F_TENTATIVE |
				 IFA_F_MANAGETEMPADDR | IFA_F_STABLE_PRIVACY);
	last_primary = &in_dev->ifa_list;
	for (ifap = &in_dev->ifa_list; (ifa1 = *ifap) != NULL;
	     ifap = &ifa1->ifa_next) {
		if (!(ifa1->ifa_flags & IFA_F_SECONDARY) &&
		    ifa->ifa_scope <= ifa1->ifa_scope)
			last_primary = &ifa1->ifa_next;
		if (ifa1->ifa_mask == ifa->ifa_mask &&
		    inet_ifa_match(ifa1->ifa_address, ifa)) {
			if (ifa1->ifa_local == ifa->ifa_local) {
				inet_free_ifa(ifa);
				return -EEXIST;
			}
			if (ifa1->ifa_scope != ifa->ifa_scope) {
				NL_SET_ERR_MSG(extack,
					       "ipv4: Invalid scope value");
				inet_free_ifa(ifa);
				return -EINVAL;
			}
			ifa->ifa_flags |= IFA_F_SECONDARY;
		}
	}
	if (!(ifa->ifa_flags & IFA_F_SECONDARY))
		ifap = last_primary;
	ifa->ifa_next = *ifap;
	*ifap = ifa;

	/* The message first, then the chain: listeners see the address
	 * before its routes. */
	rtmsg_ifa(RTM_NEWADDR, ifa, nlh, portid);
	inetaddr_notify(NETDEV_UP, ifa);
	check_lifetime_kick(dev_net(in_dev->dev));
	return 0;
}

static int inet_insert_ifa(struct in_ifaddr *ifa)
{
	return __inet_insert_ifa(ifa, NULL, 0, NULL);
}

/*
 * __inet_del_ifa - unlink *@ifap.  Deleting a primary deletes the
 * secondaries of its subnet, or promotes the first of them when
 * promote_secondaries is set.  @destroy frees the address.
 */
static void __inet_del_ifa(struct in_device *in_dev, struct in_ifaddr **ifap,
			   int destroy, struct nlmsghdr *nlh, u32 portid)
{
	struct in_ifaddr *promote = NULL, *prev_prom = NULL;
	struct in_ifaddr *ifa, *ifa1 = *ifap;
	struct in_ifaddr *last_prim = in_dev->ifa_list;
	int do_promote = IN_DEV_PROMOTE_SECONDARIES(in_dev);

	ASSERT_RTNL();
	if (in_dev->dead)
		goto no_promotions;

	/* 1. A primary takes its secondaries along unless promoting. */
	if (!(ifa1->ifa_flags & IFA_F_SECONDARY)) {
		struct in_ifaddr **ifap1 = &ifa1->ifa_next;

		while ((ifa = *ifap1) != NULL) {
			if (!(ifa->ifa_flags & IFA_F_SECONDARY) &&
			    ifa1->ifa_scope <= ifa->ifa_scope)
				last_prim = ifa;
			if (!(ifa->ifa_flags & IFA_F_SECONDARY) ||
			    ifa1->ifa_mask != ifa->ifa_mask ||
			    !inet_ifa_match(ifa1->ifa_address, ifa)) {
				ifap1 = &ifa->ifa_next;
				prev_prom = ifa;
				continue;
			}
			if (!do_promote) {
				*ifap1 = ifa->ifa_next;
				rtmsg_ifa(RTM_DELADDR, ifa, nlh, portid);
				inetaddr_notify(NETDEV_DOWN, ifa);
				inet_free_ifa(ifa);
			} else {
				promote = ifa;
				break;
			}
		}
	}

	/* On promotion the secondaries change their primary source: drop
	 * their routes now and add them back below. */
	for (ifa = promote; ifa; ifa = ifa->ifa_next)
		if (ifa1->ifa_mask == ifa->ifa_mask &&
		    inet_ifa_match(ifa1->ifa_address, ifa))
			fib_del_ifaddr(ifa, ifa1);

no_promotions:
	/* 2. Unlink. */
	*ifap = ifa1->ifa_next;

	/* 3. Announce: the message first, then the chain. */
	rtmsg_ifa(RTM_DELADDR, ifa1, nlh, portid);
	inetaddr_notify(NETDEV_DOWN, ifa1);

	if (promote) {
		struct in_ifaddr *next_sec = promote->ifa_next;

		if (prev_prom) {
			prev_prom->ifa_next = next_sec;
			promote->ifa_next = last_prim->ifa_next;
			last_prim->ifa_next = promote;
		}
		promote->ifa_flags &= ~(u32)IFA_F_SECONDARY;
		rtmsg_ifa(RTM_NEWADDR, promote, nlh, portid);
		inetaddr_notify(NETDEV_UP, promote);
		for (ifa = next_sec; ifa; ifa = ifa->ifa_next) {
			if (ifa1->ifa_mask != ifa->ifa_mask ||
			    !inet_ifa_match(ifa1->ifa_address, ifa))
				continue;
			fib_add_ifaddr(ifa);
		}
	}
	if (destroy)
		inet_free_ifa(ifa1);
}

static void inet_del_ifa(struct in_device *in_dev, struct in_ifaddr **ifap,
			 int destroy)
{
	__inet_del_ifa(in_dev, ifap, destroy, NULL, 0);
}

/* inet_set_ifa - add @ifa (from an ioctl) to @dev */
static int inet_set_ifa(struct net_device *dev, struct in_ifaddr *ifa)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	if (!in_dev) {
		inet_free_ifa(ifa);
		return -ENOBUFS;
	}
	ifa->ifa_dev = in_dev;
	if (ipv4_is_loopback(ifa->ifa_local))
		ifa->ifa_scope = RT_SCOPE_HOST;
	return inet_insert_ifa(ifa);
}

/* ---- in_device life ---- */

static struct in_device *inetdev_init(struct net_device *dev)
{
	struct in_device *in_dev = kzalloc(sizeof(*in_dev), GFP_KERNEL);

	if (!in_dev)
		return ERR_PTR(-ENOMEM);
	memcpy(in_dev->cnf.data, dev_net(dev)->ipv4.devconf_dflt->data,
	       sizeof(in_dev->cnf.data));
	in_dev->dev = dev;
	in_dev->refcnt = 1;
	if (dev->flags & IFF_LOOPBACK) {
		IN_DEV_CONF_SET(in_dev, NOXFRM, 1);
		IN_DEV_CONF_SET(in_dev, NOPOLICY, 1);
	}
	if (devinet_sysctl_register(in_dev)) {
		kfree(in_dev);
		return ERR_PTR(-ENOMEM);
	}
	dev->ip_ptr = in_dev;
	ip_mc_init_dev(in_dev);
	if (dev->flags & IFF_UP)
		ip_mc_up(in_dev);
	return in_dev;
}

static void inetdev_destroy(struct in_device *in_dev)
{
	struct net_device *dev = in_dev->dev;
	struct in_ifaddr *ifa;

	ip_mc_destroy_dev(in_dev);
	in_dev->dead = 1;
	while ((ifa = in_dev->ifa_list) != NULL) {
		inet_del_ifa(in_dev, &in_dev->ifa_list, 0);
		inet_free_ifa(ifa);
	}
	dev->ip_ptr = NULL;
	devinet_sysctl_unregister(in_dev);
	kfree(in_dev);
}

/* Labels follow a renamed device, keeping their ":alias" part. */
static void inetdev_changename(struct net_device *dev, struct in_device *in_dev)
{
	struct in_ifaddr *ifa;
	int named = 0;

	in_dev_for_each_ifa(ifa, in_dev) {
		char old[IFNAMSIZ], *dot;

		memcpy(old, ifa->ifa_label, IFNAMSIZ);
		memcpy(ifa->ifa_label, dev->name, IFNAMSIZ);
		if (named++ == 0)
			goto skip;
		dot = strchr(old, ':');
		if (!dot) {
			(void)snprintf(old, sizeof(old), ":%d", named);
			dot = old;
		}
		/* after the name, or over its end if both do not fit */
		memcpy(ifa->ifa_label + min_t(size_t, strlen(dev->name),
					      IFNAMSIZ - strlen(dot) - 1),
		       dot, strlen(dot) + 1);
skip:
		rtmsg_ifa(RTM_NEWADDR, ifa, NULL, 0);
	}
}

static bool inetdev_valid_mtu(unsigned int mtu)
{
	return mtu >= 68; /* IPV4_MIN_MTU */
}

/* A gratuitous request (sender = target) for each address of @dev. */
static void inetdev_send_gratuitous_arp(struct net_device *dev,
					struct in_device *in_dev)
{
	const struct in_ifaddr *ifa;

	in_dev_for_each_ifa(ifa, in_dev)
		arp_send(ARPOP_REQUEST, ETH_P_ARP, ifa->ifa_local, dev,
			 ifa->ifa_local, NULL, dev->dev_addr, NULL);
}

static int inetdev_event(struct notifier_block *nb, unsigned long event,
			 void *ptr)
{
	struct net_device *dev = ptr;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct in_ifaddr *ifa;

	(void)nb;
	if (!in_dev) {
		if (event == NETDEV_REGISTER || (event == NETDEV_CHANGEMTU &&
						 inetdev_valid_mtu(dev->mtu))) {
			in_dev = inetdev_init(dev);
			if (IS_ERR(in_dev))
				return notifier_from_errno(PTR_ERR(in_dev));
		}
		return NOTIFY_DONE;
	}

	switch (event) {
	case NETDEV_REGISTER:
		break;
	case NETDEV_UP:
		if (!inetdev_valid_mtu(dev->mtu))
			break;
		if (dev->flags & IFF_LOOPBACK) {
			ifa = inet_alloc_ifa();
			if (ifa) {
				ifa->ifa_local = ifa->ifa_address =
					htonl(INADDR_LOOPBACK);
				ifa->ifa_prefixlen = 8;
				ifa->ifa_mask = inet_make_mask(8);
				ifa->ifa_dev = in_dev;
				ifa->ifa_scope = RT_SCOPE_HOST;
				memcpy(ifa->ifa_label, dev->name, IFNAMSIZ);
				set_ifa_lifetime(ifa, INFINITY_LIFE_TIME,
						 INFINITY_LIFE_TIME);
				inet_insert_ifa(ifa);
			}
		}
		ip_mc_up(in_dev);
		fallthrough;
	case NETDEV_CHANGEADDR:
		/* arp_notify: tell the link who we are now */
		if (IN_DEV_ARP_NOTIFY(in_dev))
			inetdev_send_gratuitous_arp(dev, in_dev);
		break;
	case NETDEV_DOWN:
		ip_mc_down(in_dev);
		break;
	case NETDEV_CHANGEMTU:
		if (inetdev_valid_mtu(dev->mtu))
			break;
		/* IP cannot run on so small an MTU: disable it */
		fallthrough;
	case NETDEV_UNREGISTER:
		inetdev_destroy(in_dev);
		break;
	case NETDEV_CHANGENAME:
		inetdev_changename(dev, in_dev);
		devinet_sysctl_unregister(in_dev);
		devinet_sysctl_register(in_dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ip_netdev_notifier = {
	.notifier_call = inetdev_event,
};

/* ---- rtnetlink: RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR ---- */

static const struct nla_policy ifa_ipv4_policy[IFA_MAX + 1] = {
	[IFA_LOCAL] = { .type = NLA_U32 },
	[IFA_ADDRESS] = { .type = NLA_U32 },
	[IFA_BROADCAST] = { .type = NLA_U32 },
	[IFA_LABEL] = { .type = NLA_STRING, .len = IFNAMSIZ - 1 },
	[IFA_CACHEINFO] = { .len = sizeof(struct ifa_cacheinfo) },
	[IFA_FLAGS] = { .type = NLA_U32 },
	[IFA_RT_PRIORITY] = { .type = NLA_U32 },
	[IFA_TARGET_NETNSID] = { .type = NLA_S32 },
	[IFA_PROTO] = { .type = NLA_U8 },
};

/* Hundredths of a second on the stack clock (cstamp_delta). */
static u32 cstamp_delta(u64 ns)
{
	return (u32)(ns / (10 * NSEC_PER_MSEC));
}

static int inet_fill_ifaddr(struct sk_buff *skb, struct in_ifaddr *ifa,
			    u32 portid, u32 seq, int event, unsigned int flags)
{
	struct ifa_cacheinfo ci;
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifm;
	u32 preferred, valid;

	nlh = nlmsg_put(skb, portid, seq, event, sizeof(*ifm), (int)flags);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	ifm->ifa_family = AF_INET;
	ifm->ifa_prefixlen = ifa->ifa_prefixlen;
	ifm->ifa_flags = (unsigned char)ifa->ifa_flags;
	ifm->ifa_scope = ifa->ifa_scope;
	ifm->ifa_index = (u32)ifa->ifa_dev->dev->ifindex;

	if (!(ifm->ifa_flags & IFA_F_PERMANENT)) {
		preferred = ifa->ifa_preferred_lft;
		valid = ifa->ifa_valid_lft;
		if (preferred != INFINITY_LIFE_TIME) {
			u64 tval = (net_now() - ifa->ifa_tstamp) / NSEC_PER_SEC;

			preferred =
				preferred > tval ? preferred - (u32)tval : 0;
			if (valid != INFINITY_LIFE_TIME)
				valid = valid > tval ? valid - (u32)tval : 0;
		}
	} else {
		preferred = INFINITY_LIFE_TIME;
		valid = INFINITY_LIFE_TIME;
	}
	ci.cstamp = cstamp_delta(ifa->ifa_cstamp);
	ci.tstamp = cstamp_delta(ifa->ifa_tstamp);
	ci.ifa_prefered = preferred;
	ci.ifa_valid = valid;
	if ((ifa->ifa_address &&
	     nla_put_in_addr(skb, IFA_ADDRESS, ifa->ifa_address)) ||
	    (ifa->ifa_local &&
	     nla_put_in_addr(skb, IFA_LOCAL, ifa->ifa_local)) ||
	    (ifa->ifa_broadcast &&
	     nla_put_in_addr(skb, IFA_BROADCAST, ifa->ifa_broadcast)) ||
	    (ifa->ifa_label[0] &&
	     nla_put_string(skb, IFA_LABEL, ifa->ifa_label)) ||
	    nla_put_u32(skb, IFA_FLAGS, ifa->ifa_flags) ||
	    (ifa->ifa_rt_priority &&
	     nla_put_u32(skb, IFA_RT_PRIORITY, ifa->ifa_rt_priority)) ||
	    nla_put(skb, IFA_CACHEINFO, sizeof(ci), &ci)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

static void rtmsg_ifa(int event, struct in_ifaddr *ifa, struct nlmsghdr *nlh,
		      u32 portid)
{
	struct net *net = dev_net(ifa->ifa_dev->dev);
	u32 seq = nlh ? nlh->nlmsg_seq : 0;
	struct sk_buff *skb;
	int err;

	skb = nlmsg_new(256, GFP_KERNEL);
	if (!skb) {
		rtnl_set_sk_err(net, RTNLGRP_IPV4_IFADDR, -ENOBUFS);
		return;
	}
	err = inet_fill_ifaddr(skb, ifa, portid, seq, event, 0);
	if (err < 0) {
		kfree_skb(skb);
		rtnl_set_sk_err(net, RTNLGRP_IPV4_IFADDR, err);
		return;
	}
	rtnl_notify(skb, net, portid, RTNLGRP_IPV4_IFADDR, nlh, 0);
}

static struct in_ifaddr *rtm_to_ifaddr(struct net *net, struct nlmsghdr *nlh,
				       u32 *pvalid_lft, u32 *pprefered_lft,
				       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IFA_MAX + 1];
	struct net_device *dev;
	struct in_device *in_dev;
	struct in_ifaddr *ifa;
	struct ifaddrmsg *ifm;
	int err;

	err = nlmsg_parse(nlh, sizeof(*ifm), tb, IFA_MAX, ifa_ipv4_policy,
			  extack);
	if (err < 0)
		return ERR_PTR(err);
	ifm = nlmsg_data(nlh);
	if (ifm->ifa_prefixlen > 32) {
		NL_SET_ERR_MSG(extack, "ipv4: Invalid prefix length");
		return ERR_PTR(-EINVAL);
	}
	if (!tb[IFA_LOCAL]) {
		NL_SET_ERR_MSG(extack, "ipv4: Local address is not supplied");
		return ERR_PTR(-EINVAL);
	}
	if (tb[IFA_CACHEINFO]) {
		struct ifa_cacheinfo ci;

		memcpy(&ci, nla_data(tb[IFA_CACHEINFO]), sizeof(ci));
		if (!ci.ifa_valid || ci.ifa_prefered > ci.ifa_valid) {
			NL_SET_ERR_MSG(extack,
				       "ipv4: address lifetime invalid");
			return ERR_PTR(-EINVAL);
		}
	}
	dev = __dev_get_by_index(net, (int)ifm->ifa_index);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "ipv4: Device not found");
		return ERR_PTR(-ENODEV);
	}
	in_dev = __in_dev_get_rtnl(dev);
	if (!in_dev)
		return ERR_PTR(-ENOBUFS);
	ifa = inet_alloc_ifa();
	if (!ifa)
		return ERR_PTR(-ENOBUFS);
	if (!tb[IFA_ADDRESS])
		tb[IFA_ADDRESS] = tb[IFA_LOCAL];
	ifa->ifa_prefixlen = ifm->ifa_prefixlen;
	ifa->ifa_mask = inet_make_mask(ifm->ifa_prefixlen);
	ifa->ifa_flags =
		tb[IFA_FLAGS] ? nla_get_u32(tb[IFA_FLAGS]) : ifm->ifa_flags;
	ifa->ifa_scope = ifm->ifa_scope;
	ifa->ifa_dev = in_dev;
	ifa->ifa_local = nla_get_in_addr(tb[IFA_LOCAL]);
	ifa->ifa_address = nla_get_in_addr(tb[IFA_ADDRESS]);
	if (tb[IFA_BROADCAST])
		ifa->ifa_broadcast = nla_get_in_addr(tb[IFA_BROADCAST]);
	if (tb[IFA_LABEL])
		nla_strscpy(ifa->ifa_label, tb[IFA_LABEL], IFNAMSIZ);
	else
		memcpy(ifa->ifa_label, dev->name, IFNAMSIZ);
	if (tb[IFA_RT_PRIORITY])
		ifa->ifa_rt_priority = nla_get_u32(tb[IFA_RT_PRIORITY]);
	*pvalid_lft = INFINITY_LIFE_TIME;
	*pprefered_lft = INFINITY_LIFE_TIME;
	if (tb[IFA_CACHEINFO]) {
		struct ifa_cacheinfo ci;

		memcpy(&ci, nla_data(tb[IFA_CACHEINFO]), sizeof(ci));
		*pvalid_lft = ci.ifa_valid;
		*pprefered_lft = ci.ifa_prefered;
	}
	return ifa;
}

static struct in_ifaddr *find_matching_ifa(struct in_ifaddr *ifa)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct in_ifaddr *ifa1;

	in_dev_for_each_ifa(ifa1, in_dev)
		if (ifa1->ifa_mask == ifa->ifa_mask &&
		    inet_ifa_match(ifa1->ifa_address, ifa) &&
		    ifa1->ifa_local == ifa->ifa_local)
			return ifa1;
	return NULL;
}

static int inet_rtm_newaddr(struct sk_buff *skb, struct nlmsghdr *nlh,
			    struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct in_ifaddr *ifa, *ifa_existing;
	u32 valid_lft = INFINITY_LIFE_TIME, prefered_lft = INFINITY_LIFE_TIME;

	ifa = rtm_to_ifaddr(net, nlh, &valid_lft, &prefered_lft, extack);
	if (IS_ERR(ifa))
		return (int)PTR_ERR(ifa);
	ifa_existing = find_matching_ifa(ifa);
	if (!ifa_existing) {
		/* NLM_F_CREATE is not required: userspace relies on that */
		set_ifa_lifetime(ifa, valid_lft, prefered_lft);
		return __inet_insert_ifa(ifa, nlh, NETLINK_CB(skb).portid,
					 extack);
	} else {
		u32 new_metric = ifa->ifa_rt_priority;

		inet_free_ifa(ifa);
		if (nlh->nlmsg_flags & NLM_F_EXCL ||
		    !(nlh->nlmsg_flags & NLM_F_REPLACE)) {
			NL_SET_ERR_MSG(extack,
				       "ipv4: Address already assigned");
			return -EEXIST;
		}
		ifa = ifa_existing;
		if (ifa->ifa_rt_priority != new_metric) {
			fib_modify_prefix_metric(ifa, new_metric);
			ifa->ifa_rt_priority = new_metric;
		}
		set_ifa_lifetime(ifa, valid_lft, prefered_lft);
		check_lifetime_kick(net);
		rtmsg_ifa(RTM_NEWADDR, ifa, nlh, NETLINK_CB(skb).portid);
	}
	return 0;
}

static int inet_rtm_deladdr(struct sk_buff *skb, struct nlmsghdr *nlh,
			    struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct nlattr *tb[IFA_MAX + 1];
	struct in_ifaddr *ifa, **ifap;
	struct in_device *in_dev;
	struct ifaddrmsg *ifm;
	int err;

	err = nlmsg_parse(nlh, sizeof(*ifm), tb, IFA_MAX, ifa_ipv4_policy,
			  extack);
	if (err < 0)
		return err;
	ifm = nlmsg_data(nlh);
	in_dev = inetdev_by_index(net, (int)ifm->ifa_index);
	if (!in_dev) {
		NL_SET_ERR_MSG(extack, "ipv4: Device not found");
		return -ENODEV;
	}
	for (ifap = &in_dev->ifa_list; (ifa = *ifap) != NULL;
	     ifap = &ifa->ifa_next) {
		if (tb[IFA_LOCAL] &&
		    ifa->ifa_local != nla_get_in_addr(tb[IFA_LOCAL]))
			continue;
		if (tb[IFA_LABEL] && nla_strcmp(tb[IFA_LABEL], ifa->ifa_label))
			continue;
		if (tb[IFA_ADDRESS] &&
		    (ifm->ifa_prefixlen != ifa->ifa_prefixlen ||
		     !inet_ifa_match(nla_get_in_addr(tb[IFA_ADDRESS]), ifa)))
			continue;
		__inet_del_ifa(in_dev, ifap, 1, nlh, NETLINK_CB(skb).portid);
		return 0;
	}
	NL_SET_ERR_MSG(extack, "ipv4: Address not found");
	return -EADDRNOTAVAIL;
}

static int inet_valid_dump_ifaddr_req(const struct nlmsghdr *nlh, int *ifindex,
				      unsigned int *flags,
				      struct netlink_callback *cb)
{
	struct netlink_ext_ack *extack = cb->extack;
	struct nlattr *tb[IFA_MAX + 1];
	struct ifaddrmsg *ifm;
	int err, i;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifm))) {
		NL_SET_ERR_MSG(extack,
			       "ipv4: Invalid header for address dump request");
		return -EINVAL;
	}
	ifm = nlmsg_data(nlh);
	if (ifm->ifa_prefixlen || ifm->ifa_flags || ifm->ifa_scope) {
		NL_SET_ERR_MSG(
			extack,
			"ipv4: Invalid values in header for address dump request");
		return -EINVAL;
	}
	*ifindex = (int)ifm->ifa_index;
	if (*ifindex)
		*flags |= NLM_F_DUMP_FILTERED;
	err = nlmsg_parse(nlh, sizeof(*ifm), tb, IFA_MAX, ifa_ipv4_policy,
			  extack);
	if (err < 0)
		return err;
	for (i = 0; i <= IFA_MAX; ++i) {
		if (!tb[i])
			continue;
		NL_SET_ERR_MSG(extack,
			       "ipv4: Unsupported attribute in dump request");
		return -EINVAL;
	}
	return 0;
}

static int inet_dump_ifaddr(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(NETLINK_CB(cb->skb).sk);
	long s_idx = cb->args[0], s_ip_idx = cb->args[1], idx = 0;
	unsigned int flags = NLM_F_MULTI;
	struct net_device *dev;
	int ifindex = 0, err;

	if (cb->strict_check) {
		err = inet_valid_dump_ifaddr_req(cb->nlh, &ifindex, &flags, cb);
		if (err < 0)
			return err;
		cb->answer_flags = (u16)(flags & NLM_F_DUMP_FILTERED);
		if (ifindex && !__dev_get_by_index(net, ifindex))
			return -ENODEV;
	}
	for_each_netdev(net, dev) {
		struct in_device *in_dev;
		struct in_ifaddr *ifa;
		long ip_idx = 0;

		if (idx < s_idx || (ifindex && dev->ifindex != ifindex))
			goto cont;
		if (idx > s_idx)
			s_ip_idx = 0;
		in_dev = __in_dev_get_rtnl(dev);
		if (!in_dev)
			goto cont;
		in_dev_for_each_ifa(ifa, in_dev) {
			if (ip_idx < s_ip_idx) {
				ip_idx++;
				continue;
			}
			err = inet_fill_ifaddr(
				skb, ifa, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, RTM_NEWADDR, flags);
			if (err < 0) {
				cb->args[0] = idx;
				cb->args[1] = ip_idx;
				return skb->len ? (int)skb->len : err;
			}
			ip_idx++;
		}
cont:
		idx++;
	}
	cb->args[0] = idx;
	cb->args[1] = 0;
	return (int)skb->len;
}

/* ---- ioctls ---- */

int devinet_ioctl(struct net *net, unsigned int cmd, struct ifreq *ifr)
{
	struct sockaddr_in sin_orig;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr->ifr_addr;
	struct in_ifaddr **ifap = NULL, *ifa = NULL;
	struct in_device *in_dev;
	struct net_device *dev;
	bool tryaddrmatch = false;
	char *colon;
	int ret, abc;

	memcpy(&sin_orig, sin, sizeof(*sin));
	ifr->ifr_name[IFNAMSIZ - 1] = 0;
	colon = strchr(ifr->ifr_name, ':');
	if (colon)
		*colon = 0;

	switch (cmd) {
	case SIOCGIFADDR:
	case SIOCGIFBRDADDR:
	case SIOCGIFDSTADDR:
	case SIOCGIFNETMASK:
		tryaddrmatch = sin_orig.sin_family == AF_INET;
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		break;
	case SIOCSIFFLAGS:
		break;
	case SIOCSIFADDR:
	case SIOCSIFBRDADDR:
	case SIOCSIFDSTADDR:
	case SIOCSIFNETMASK:
		if (sin->sin_family != AF_INET)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}

	dev = __dev_get_by_name(net, ifr->ifr_name);
	if (!dev)
		return -ENODEV;
	if (colon)
		*colon = ':';

	in_dev = __in_dev_get_rtnl(dev);
	if (in_dev) {
		if (tryaddrmatch) {
			/* label and address (4.4BSD style) */
			for (ifap = &in_dev->ifa_list; (ifa = *ifap) != NULL;
			     ifap = &ifa->ifa_next)
				if (!strcmp(ifr->ifr_name, ifa->ifa_label) &&
				    sin_orig.sin_addr.s_addr == ifa->ifa_local)
					break;
		}
		/* else the label alone (4.3BSD style) */
		if (!ifa) {
			for (ifap = &in_dev->ifa_list; (ifa = *ifap) != NULL;
			     ifap = &ifa->ifa_next)
				if (!strcmp(ifr->ifr_name, ifa->ifa_label))
					break;
		}
	}

	if (!ifa && cmd != SIOCSIFADDR && cmd != SIOCSIFFLAGS)
		return -EADDRNOTAVAIL;

	switch (cmd) {
	case SIOCGIFADDR:
		sin->sin_addr.s_addr = ifa->ifa_local;
		return 0;
	case SIOCGIFBRDADDR:
		sin->sin_addr.s_addr = ifa->ifa_broadcast;
		return 0;
	case SIOCGIFDSTADDR:
		sin->sin_addr.s_addr = ifa->ifa_address;
		return 0;
	case SIOCGIFNETMASK:
		sin->sin_addr.s_addr = ifa->ifa_mask;
		return 0;
	case SIOCSIFFLAGS:
		if (colon) {
			if (!ifa)
				return -EADDRNOTAVAIL;
			if (!(ifr->ifr_flags & IFF_UP))
				inet_del_ifa(in_dev, ifap, 1);
			return 0;
		}
		return dev_change_flags(dev, (unsigned int)ifr->ifr_flags);
	case SIOCSIFADDR:
		abc = inet_abc_len(sin->sin_addr.s_addr);
		if (abc < 0) /* multicast */
			return -EINVAL;
		if (!ifa) {
			ifa = inet_alloc_ifa();
			if (!ifa)
				return -ENOBUFS;
			memcpy(ifa->ifa_label,
			       colon ? ifr->ifr_name : dev->name, IFNAMSIZ);
		} else {
			if (ifa->ifa_local == sin->sin_addr.s_addr)
				return 0;
			inet_del_ifa(in_dev, ifap, 0);
			ifa->ifa_broadcast = 0;
			ifa->ifa_scope = 0;
		}
		ifa->ifa_address = ifa->ifa_local = sin->sin_addr.s_addr;
		if (!(dev->flags & IFF_POINTOPOINT)) {
			ifa->ifa_prefixlen = (unsigned char)abc;
			ifa->ifa_mask = inet_make_mask(ifa->ifa_prefixlen);
			if ((dev->flags & IFF_BROADCAST) &&
			    ifa->ifa_prefixlen < 31)
				ifa->ifa_broadcast =
					ifa->ifa_address | ~ifa->ifa_mask;
		} else {
			ifa->ifa_prefixlen = 32;
			ifa->ifa_mask = inet_make_mask(32);
		}
		set_ifa_lifetime(ifa, INFINITY_LIFE_TIME, INFINITY_LIFE_TIME);
		return inet_set_ifa(dev, ifa);
	case SIOCSIFBRDADDR:
		if (ifa->ifa_broadcast != sin->sin_addr.s_addr) {
			inet_del_ifa(in_dev, ifap, 0);
			ifa->ifa_broadcast = sin->sin_addr.s_addr;
			inet_insert_ifa(ifa);
		}
		return 0;
	case SIOCSIFDSTADDR:
		if (ifa->ifa_address == sin->sin_addr.s_addr)
			return 0;
		if (inet_abc_len(sin->sin_addr.s_addr) < 0)
			return -EINVAL;
		inet_del_ifa(in_dev, ifap, 0);
		ifa->ifa_address = sin->sin_addr.s_addr;
		inet_insert_ifa(ifa);
		return 0;
	case SIOCSIFNETMASK:
		if (bad_mask(sin->sin_addr.s_addr, 0))
			return -EINVAL;
		ret = 0;
		if (ifa->ifa_mask != sin->sin_addr.s_addr) {
			__be32 old_mask = ifa->ifa_mask;

			inet_del_ifa(in_dev, ifap, 0);
			ifa->ifa_mask = sin->sin_addr.s_addr;
			ifa->ifa_prefixlen =
				(unsigned char)inet_mask_len(ifa->ifa_mask);
			/* A broadcast derived from the old mask follows the
			 * new one; a "funny" one is left alone. */
			if ((dev->flags & IFF_BROADCAST) &&
			    ifa->ifa_prefixlen < 31 &&
			    ifa->ifa_broadcast == (ifa->ifa_local | ~old_mask))
				ifa->ifa_broadcast =
					ifa->ifa_local | ~sin->sin_addr.s_addr;
			inet_insert_ifa(ifa);
		}
		return ret;
	}
	return -EINVAL;
}

/* ---- sysctls: net.ipv4.conf.{all,default,DEV}.* ---- */

static void devinet_copy_dflt_conf(struct net *net, int i)
{
	struct net_device *dev;

	for_each_netdev(net, dev) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (in_dev && !(in_dev->cnf.state & (1ULL << i)))
			in_dev->cnf.data[i] = net->ipv4.devconf_dflt->data[i];
	}
}

static int devinet_conf_proc(struct ctl_table *ctl, int write, char *buffer,
			     size_t *lenp, long *ppos)
{
	int old_value = *(int *)ctl->data;
	int ret = proc_dointvec(ctl, write, buffer, lenp, ppos);
	int new_value = *(int *)ctl->data;

	if (write && !ret) {
		struct ipv4_devconf *cnf = ctl->extra1;
		struct net *net = ctl->extra2;
		int i = (int)((int *)ctl->data - cnf->data);

		cnf->state |= 1ULL << i;
		if (cnf == net->ipv4.devconf_dflt)
			devinet_copy_dflt_conf(net, i);
		if ((i == IPV4_DEVCONF_ACCEPT_LOCAL - 1 ||
		     i == IPV4_DEVCONF_ROUTE_LOCALNET - 1) &&
		    new_value == 0 && old_value != 0)
			rt_cache_flush(net);
		if ((i == IPV4_DEVCONF_BC_FORWARDING - 1 ||
		     i == IPV4_DEVCONF_RP_FILTER - 1) &&
		    new_value != old_value)
			rt_cache_flush(net);
	}
	return ret;
}

/* all.forwarding: every device and default follow; redirects flip. */
static void inet_forward_change(struct net *net)
{
	int on = IPV4_DEVCONF_ALL(net, FORWARDING);
	struct net_device *dev;

	ASSERT_RTNL();
	IPV4_DEVCONF_ALL(net, ACCEPT_REDIRECTS) = !on;
	IPV4_DEVCONF_DFLT(net, FORWARDING) = on;
	for_each_netdev(net, dev) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (in_dev)
			IN_DEV_CONF_SET(in_dev, FORWARDING, on);
	}
}

int devinet_sysctl_forward(struct ctl_table *ctl, int write, char *buffer,
			   size_t *lenp, long *ppos)
{
	int *valp = ctl->data;
	int val = *valp;
	int ret = proc_dointvec(ctl, write, buffer, lenp, ppos);
	struct net *net = ctl->extra2;

	if (write && !ret && *valp != val) {
		if (valp != &IPV4_DEVCONF_DFLT(net, FORWARDING)) {
			/* Linux tries (it holds sysctl locks); nothing here */
			rtnl_lock();
			if (valp == &IPV4_DEVCONF_ALL(net, FORWARDING))
				inet_forward_change(net);
			rtnl_unlock();
			rt_cache_flush(net);
		}
	}
	return ret;
}

static int ipv4_doint_and_flush(struct ctl_table *ctl, int write, char *buffer,
				size_t *lenp, long *ppos)
{
	int *valp = ctl->data;
	int val = *valp;
	int ret = proc_dointvec(ctl, write, buffer, lenp, ppos);

	if (write && !ret && *valp != val)
		rt_cache_flush(ctl->extra2);
	return ret;
}

struct devinet_sysctl_var {
	const char *name;
	int attr;
	unsigned short mode;
	proc_handler *handler;
};

/* In Linux's order (devinet_sysctl in net/ipv4/devinet.c). */
static const struct devinet_sysctl_var devinet_vars[] = {
	{ "forwarding", IPV4_DEVCONF_FORWARDING, 0644, devinet_sysctl_forward },
	{ "mc_forwarding", IPV4_DEVCONF_MC_FORWARDING, 0444,
	  devinet_conf_proc },
	{ "accept_redirects", IPV4_DEVCONF_ACCEPT_REDIRECTS, 0644,
	  devinet_conf_proc },
	{ "secure_redirects", IPV4_DEVCONF_SECURE_REDIRECTS, 0644,
	  devinet_conf_proc },
	{ "shared_media", IPV4_DEVCONF_SHARED_MEDIA, 0644, devinet_conf_proc },
	{ "rp_filter", IPV4_DEVCONF_RP_FILTER, 0644, devinet_conf_proc },
	{ "send_redirects", IPV4_DEVCONF_SEND_REDIRECTS, 0644,
	  devinet_conf_proc },
	{ "accept_source_route", IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE, 0644,
	  devinet_conf_proc },
	{ "accept_local", IPV4_DEVCONF_ACCEPT_LOCAL, 0644, devinet_conf_proc },
	{ "src_valid_mark", IPV4_DEVCONF_SRC_VMARK, 0644, devinet_conf_proc },
	{ "proxy_arp", IPV4_DEVCONF_PROXY_ARP, 0644, devinet_conf_proc },
	{ "medium_id", IPV4_DEVCONF_MEDIUM_ID, 0644, devinet_conf_proc },
	{ "bootp_relay", IPV4_DEVCONF_BOOTP_RELAY, 0644, devinet_conf_proc },
	{ "log_martians", IPV4_DEVCONF_LOG_MARTIANS, 0644, devinet_conf_proc },
	{ "tag", IPV4_DEVCONF_TAG, 0644, devinet_conf_proc },
	{ "arp_filter", IPV4_DEVCONF_ARPFILTER, 0644, devinet_conf_proc },
	{ "arp_announce", IPV4_DEVCONF_ARP_ANNOUNCE, 0644, devinet_conf_proc },
	{ "arp_ignore", IPV4_DEVCONF_ARP_IGNORE, 0644, devinet_conf_proc },
	{ "arp_accept", IPV4_DEVCONF_ARP_ACCEPT, 0644, devinet_conf_proc },
	{ "arp_notify", IPV4_DEVCONF_ARP_NOTIFY, 0644, devinet_conf_proc },
	{ "arp_evict_nocarrier", IPV4_DEVCONF_ARP_EVICT_NOCARRIER, 0644,
	  devinet_conf_proc },
	{ "proxy_arp_pvlan", IPV4_DEVCONF_PROXY_ARP_PVLAN, 0644,
	  devinet_conf_proc },
	{ "force_igmp_version", IPV4_DEVCONF_FORCE_IGMP_VERSION, 0644,
	  devinet_conf_proc },
	{ "igmpv2_unsolicited_report_interval",
	  IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL, 0644,
	  devinet_conf_proc },
	{ "igmpv3_unsolicited_report_interval",
	  IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL, 0644,
	  devinet_conf_proc },
	{ "ignore_routes_with_linkdown",
	  IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN, 0644, devinet_conf_proc },
	{ "drop_gratuitous_arp", IPV4_DEVCONF_DROP_GRATUITOUS_ARP, 0644,
	  devinet_conf_proc },
	{ "bc_forwarding", IPV4_DEVCONF_BC_FORWARDING, 0644,
	  devinet_conf_proc },
	{ "disable_xfrm", IPV4_DEVCONF_NOXFRM, 0644, ipv4_doint_and_flush },
	{ "disable_policy", IPV4_DEVCONF_NOPOLICY, 0644, ipv4_doint_and_flush },
	{ "promote_secondaries", IPV4_DEVCONF_PROMOTE_SECONDARIES, 0644,
	  ipv4_doint_and_flush },
	{ "route_localnet", IPV4_DEVCONF_ROUTE_LOCALNET, 0644,
	  ipv4_doint_and_flush },
	{ "drop_unicast_in_l2_multicast",
	  IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST, 0644, devinet_conf_proc },
};

static int __devinet_sysctl_register(struct net *net, const char *dev_name,
				     struct ipv4_devconf *p)
{
	size_t i, n = ARRAY_SIZE(devinet_vars);
	struct ctl_table *t = kzalloc((n + 1) * sizeof(*t), GFP_KERNEL);
	char path[sizeof("net/ipv4/conf/") + IFNAMSIZ];
	struct ctl_table_header *h;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		t[i].procname = devinet_vars[i].name;
		t[i].data = &p->data[devinet_vars[i].attr - 1];
		t[i].maxlen = sizeof(int);
		t[i].mode = devinet_vars[i].mode;
		t[i].proc_handler = devinet_vars[i].handler;
		t[i].extra1 = p;
		t[i].extra2 = net;
	}
	(void)snprintf(path, sizeof(path), "net/ipv4/conf/%s", dev_name);
	h = register_net_sysctl(net, path, t);
	if (!h) {
		kfree(t);
		return -ENOMEM;
	}
	h->free_table = true;
	p->sysctl_header = h;
	return 0;
}

static void __devinet_sysctl_unregister(struct ipv4_devconf *cnf)
{
	unregister_net_sysctl_table(cnf->sysctl_header);
	cnf->sysctl_header = NULL;
}

static int devinet_sysctl_register(struct in_device *idev)
{
	return __devinet_sysctl_register(dev_net(idev->dev), idev->dev->name,
					 &idev->cnf);
}

static void devinet_sysctl_unregister(struct in_device *idev)
{
	__devinet_sysctl_unregister(&idev->cnf);
}

/* ---- address lifetimes ---- */

/*
 * Linux's check_lifetime work: at most every ADDR_CHECK_FREQUENCY, and
 * at the next moment an address becomes deprecated or invalid, rounded
 * up to a whole second when that costs less than ADDRCONF_TIMER_FUZZ,
 * and never sooner than ADDRCONF_TIMER_FUZZ_MAX from now.  Ages are
 * whole seconds counted with ADDRCONF_TIMER_FUZZ_MINUS of slack, so
 * events due together are handled in one run.
 */
#define ADDR_CHECK_FREQUENCY	  (120 * NSEC_PER_SEC)
#define ADDRCONF_TIMER_FUZZ_MINUS (20 * NSEC_PER_MSEC)
#define ADDRCONF_TIMER_FUZZ	  (250 * NSEC_PER_MSEC)
#define ADDRCONF_TIMER_FUZZ_MAX	  NSEC_PER_SEC

struct devinet_net {
	struct timer_list check_lifetime;
	struct net *net;
};

static unsigned int devinet_net_id;

static u64 round_sec_up(u64 t)
{
	return (t + NSEC_PER_SEC - 1) / NSEC_PER_SEC * NSEC_PER_SEC;
}

static u64 lft_end(const struct in_ifaddr *ifa, u32 lft)
{
	return ifa->ifa_tstamp + (u64)lft * NSEC_PER_SEC;
}

/*
 * check_lifetime_dev - deprecate and delete @in_dev's addresses whose
 * time has come; lower *@next to the next such moment.
 * Return: whether an address with a finite lifetime remains.
 */
static bool check_lifetime_dev(struct in_device *in_dev, u64 now, u64 *next)
{
	struct in_ifaddr *ifa, **ifap;
	bool finite = false;

restart:
	for (ifap = &in_dev->ifa_list; (ifa = *ifap) != NULL;
	     ifap = &ifa->ifa_next) {
		u64 age;

		if (ifa->ifa_flags & IFA_F_PERMANENT)
			continue;
		age = (now - ifa->ifa_tstamp + ADDRCONF_TIMER_FUZZ_MINUS) /
		      NSEC_PER_SEC;
		if (ifa->ifa_valid_lft != INFINITY_LIFE_TIME &&
		    age >= ifa->ifa_valid_lft) {
			/* with its routes (and secondaries, as a delete) */
			inet_del_ifa(in_dev, ifap, 1);
			goto restart;
		}
		finite = true;
		if (ifa->ifa_preferred_lft == INFINITY_LIFE_TIME)
			continue;
		if (age >= ifa->ifa_preferred_lft) {
			if (lft_end(ifa, ifa->ifa_valid_lft) < *next)
				*next = lft_end(ifa, ifa->ifa_valid_lft);
			if (!(ifa->ifa_flags & IFA_F_DEPRECATED)) {
				ifa->ifa_flags |= IFA_F_DEPRECATED;
				rtmsg_ifa(RTM_NEWADDR, ifa, NULL, 0);
			}
		} else if (lft_end(ifa, ifa->ifa_preferred_lft) < *next) {
			*next = lft_end(ifa, ifa->ifa_preferred_lft);
		}
	}
	return finite;
}

static void check_lifetime(struct timer_list *t)
{
	struct devinet_net *dn = from_timer(dn, t, check_lifetime);
	u64 now = net_now(), next, next_sec, next_sched;
	struct net_device *dev;
	bool finite = false;

	next = round_sec_up(now + ADDR_CHECK_FREQUENCY);
	rtnl_lock(); /* as Linux's check_lifetime, for its changes */
	for_each_netdev(dn->net, dev) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (in_dev && check_lifetime_dev(in_dev, now, &next))
			finite = true;
	}
	rtnl_unlock();
	/* Linux runs every 120 s regardless; with nothing to expire the
	 * timer stays off, so that an idle lab is not woken for nothing. */
	if (!finite)
		return;
	next_sec = round_sec_up(next);
	next_sched = next;
	if (next_sec < next + ADDRCONF_TIMER_FUZZ)
		next_sched = next_sec;
	if (next_sched < now + ADDRCONF_TIMER_FUZZ_MAX)
		next_sched = now + ADDRCONF_TIMER_FUZZ_MAX;
	mod_timer(&dn->check_lifetime, next_sched);
}

/* check_lifetime_kick - an address came or changed: check at once */
static void check_lifetime_kick(struct net *net)
{
	struct devinet_net *dn = net_generic(net, devinet_net_id);

	if (dn)
		mod_timer(&dn->check_lifetime, net_now());
}

/* ---- per namespace ---- */

static int devinet_init_net(struct net *net)
{
	struct devinet_net *dn;
	struct net *init_net = net->st->init_net;
	struct ipv4_devconf *all, *dflt;
	int err = -ENOMEM;

	all = kzalloc(sizeof(*all), GFP_KERNEL);
	dflt = kzalloc(sizeof(*dflt), GFP_KERNEL);
	dn = kzalloc(sizeof(*dn), GFP_KERNEL);
	if (!all || !dflt || !dn)
		goto err_alloc;
	if (init_net && net != init_net && init_net->ipv4.devconf_all) {
		/* net.core.devconf_inherit_init_net = 0: IPv4 copies the
		 * initial namespace's all/default */
		memcpy(all->data, init_net->ipv4.devconf_all->data,
		       sizeof(all->data));
		memcpy(dflt->data, init_net->ipv4.devconf_dflt->data,
		       sizeof(dflt->data));
	} else {
		ipv4_devconf_defaults(all, false);
		ipv4_devconf_defaults(dflt, true);
	}
	net->ipv4.devconf_all = all;
	net->ipv4.devconf_dflt = dflt;
	err = __devinet_sysctl_register(net, "all", all);
	if (err)
		goto err_reg_all;
	err = __devinet_sysctl_register(net, "default", dflt);
	if (err)
		goto err_reg_dflt;
	dn->net = net;
	timer_setup(&dn->check_lifetime, check_lifetime, net->st);
	net->gen[devinet_net_id] = dn;
	return 0;

err_reg_dflt:
	__devinet_sysctl_unregister(all);
err_reg_all:
	net->ipv4.devconf_all = NULL;
	net->ipv4.devconf_dflt = NULL;
err_alloc:
	kfree(dn);
	kfree(all);
	kfree(dflt);
	return err;
}

static void devinet_exit_net(struct net *net)
{
	struct devinet_net *dn = net_generic(net, devinet_net_id);

	if (dn) {
		del_timer(&dn->check_lifetime);
		kfree(dn);
		net->gen[devinet_net_id] = NULL;
	}
	if (!net->ipv4.devconf_all)
		return;
	__devinet_sysctl_unregister(net->ipv4.devconf_dflt);
	__devinet_sysctl_unregister(net->ipv4.devconf_all);
	kfree(net->ipv4.devconf_dflt);
	kfree(net->ipv4.devconf_all);
	net->ipv4.devconf_all = NULL;
	net->ipv4.devconf_dflt = NULL;
}

static struct pernet_operations devinet_ops = {
	.init = devinet_init_net,
	.exit = devinet_exit_net,
	.id = &devinet_net_id,
};

/*
 * inet_fill_link_af - IFLA_AF_SPEC's AF_INET part of a link message: the
 * device's devconf as one array (IFLA_INET_CONF), index IPV4_DEVCONF_* - 1.
 */
static int inet_fill_link_af(struct sk_buff *skb, const struct net_device *dev)
{
	const struct in_device *in_dev = dev->ip_ptr;
	u32 conf[IPV4_DEVCONF_MAX];
	int i;

	if (!in_dev)
		return -ENODATA;
	for (i = 0; i < IPV4_DEVCONF_MAX; i++)
		conf[i] = (u32)in_dev->cnf.data[i];
	return nla_put(skb, IFLA_INET_CONF, sizeof(conf), conf);
}

/*
 * inet_validate_link_af - a request's AF_INET nest: only IFLA_INET_CONF,
 * whose attributes are devconf values of type IPV4_DEVCONF_* (1-based),
 * each at least a u32 (Linux's inet_validate_link_af).
 */
static int inet_validate_link_af(const struct net_device *dev,
				 const struct nlattr *nla,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *a, *conf = NULL;
	int rem;

	(void)extack;
	if (dev && !dev->ip_ptr)
		return -EAFNOSUPPORT;
	nla_for_each_nested(a, nla, rem)
		if (nla_type(a) == IFLA_INET_CONF)
			conf = a; /* others are passed over, as Linux does */
	if (!conf)
		return 0;
	nla_for_each_nested(a, conf, rem) {
		if (nla_len(a) < 4)
			return -EINVAL;
		if (nla_type(a) < 1 || nla_type(a) > IPV4_DEVCONF_MAX)
			return -EINVAL;
	}
	return 0;
}

/* inet_set_link_af - store each devconf value, as ipv4_devconf_set() does */
static int inet_set_link_af(struct net_device *dev, const struct nlattr *nla,
			    struct netlink_ext_ack *extack)
{
	struct in_device *in_dev = dev->ip_ptr;
	struct nlattr *a, *conf = NULL;
	int rem;

	(void)extack;
	if (!in_dev)
		return -EAFNOSUPPORT;
	nla_for_each_nested(a, nla, rem)
		if (nla_type(a) == IFLA_INET_CONF)
			conf = a;
	if (!conf)
		return 0;
	nla_for_each_nested(a, conf, rem) {
		int i = nla_type(a) - 1;

		in_dev->cnf.data[i] = (int)nla_get_u32(a);
		in_dev->cnf.state |= 1ULL << i; /* "default" leaves it be */
	}
	return 0;
}

static const struct rtnl_af_ops inet_af_ops = {
	.family = AF_INET,
	.fill_link_af = inet_fill_link_af,
	.validate_link_af = inet_validate_link_af,
	.set_link_af = inet_set_link_af,
};

/**
 * devinet_init - per-device IPv4 state for a stack: all/default devconf
 *	and their sysctls per namespace, in_device on NETDEV_REGISTER, the
 *	address rtnetlink handlers, then net.ipv4.* (sysctl_ipv4_init).
 * Return: 0 or -errno.
 */
int devinet_init(struct tn_stack *st)
{
	int err;

	err = register_pernet_subsys(&devinet_ops);
	if (err)
		return err;
	err = register_netdevice_notifier(&ip_netdev_notifier);
	if (err)
		return err;
	err = rtnl_register(PF_INET, RTM_NEWADDR, inet_rtm_newaddr, NULL, 0);
	if (!err)
		err = rtnl_register(PF_INET, RTM_DELADDR, inet_rtm_deladdr,
				    NULL, 0);
	if (!err)
		err = rtnl_register(PF_INET, RTM_GETADDR, NULL,
				    inet_dump_ifaddr, 0);
	if (!err)
		err = rtnl_af_register(&inet_af_ops);
	if (err)
		return err;
	return sysctl_ipv4_init(st);
}
