/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv4 per-device state: addresses (struct in_ifaddr) and configuration
 * (net.ipv4.conf.DEV.*).  Linux: include/linux/inetdevice.h.
 */
#ifndef _NET_INETDEVICE_H
#define _NET_INETDEVICE_H

#include <linux/ip.h> /* IPV4_DEVCONF_* */

#include <net/netdevice.h>

struct neigh_parms;
struct ip_mc_list;
struct ctl_table;

struct ctl_table_header;

/*
 * net.ipv4.conf.{all,default,DEV}.*: one int per IPV4_DEVCONF_* (index
 * attr - 1); @state marks values written explicitly, which a later write
 * to "default" must not overwrite (devinet_copy_dflt_conf).
 */
struct ipv4_devconf {
	int data[IPV4_DEVCONF_MAX];
	u64 state;
	struct ctl_table_header *sysctl_header;
};

#define IPV4_DEVCONF(cnf, attr)	      ((cnf).data[IPV4_DEVCONF_##attr - 1])
#define IN_DEV_CONF_GET(in_dev, attr) IPV4_DEVCONF((in_dev)->cnf, attr)
#define IPV4_DEVCONF_ALL(net, attr) \
	IPV4_DEVCONF((*(net)->ipv4.devconf_all), attr)
#define IPV4_DEVCONF_DFLT(net, attr) \
	IPV4_DEVCONF((*(net)->ipv4.devconf_dflt), attr)
#define IN_DEV_CONF_SET(in_dev, attr, val) \
	(IPV4_DEVCONF((in_dev)->cnf, attr) = (val))
#define IN_DEV_NET(in_dev) dev_net((in_dev)->dev)
/* all || dev, all && dev, max(all, dev) as Linux's IN_DEV_ORCONF ... */
#define IN_DEV_ORCONF(in_dev, attr)                    \
	(IPV4_DEVCONF_ALL(IN_DEV_NET(in_dev), attr) || \
	 IN_DEV_CONF_GET((in_dev), attr))
#define IN_DEV_ANDCONF(in_dev, attr)                   \
	(IPV4_DEVCONF_ALL(IN_DEV_NET(in_dev), attr) && \
	 IN_DEV_CONF_GET((in_dev), attr))
#define IN_DEV_MAXCONF(in_dev, attr)                           \
	max_t(int, IPV4_DEVCONF_ALL(IN_DEV_NET(in_dev), attr), \
	      IN_DEV_CONF_GET((in_dev), attr))

#define IN_DEV_FORWARD(in_dev)	 IN_DEV_CONF_GET((in_dev), FORWARDING)
#define IN_DEV_MFORWARD(in_dev)	 IN_DEV_ANDCONF((in_dev), MC_FORWARDING)
#define IN_DEV_BFORWARD(in_dev)	 IN_DEV_ANDCONF((in_dev), BC_FORWARDING)
#define IN_DEV_RPFILTER(in_dev)	 IN_DEV_MAXCONF((in_dev), RP_FILTER)
#define IN_DEV_SRC_VMARK(in_dev) IN_DEV_ORCONF((in_dev), SRC_VMARK)
#define IN_DEV_SOURCE_ROUTE(in_dev) \
	IN_DEV_ANDCONF((in_dev), ACCEPT_SOURCE_ROUTE)
#define IN_DEV_ACCEPT_LOCAL(in_dev)    IN_DEV_ORCONF((in_dev), ACCEPT_LOCAL)
#define IN_DEV_BOOTP_RELAY(in_dev)     IN_DEV_ANDCONF((in_dev), BOOTP_RELAY)
#define IN_DEV_LOG_MARTIANS(in_dev)    IN_DEV_ORCONF((in_dev), LOG_MARTIANS)
#define IN_DEV_PROXY_ARP(in_dev)       IN_DEV_ORCONF((in_dev), PROXY_ARP)
#define IN_DEV_PROXY_ARP_PVLAN(in_dev) IN_DEV_ORCONF((in_dev), PROXY_ARP_PVLAN)
#define IN_DEV_SHARED_MEDIA(in_dev)    IN_DEV_ORCONF((in_dev), SHARED_MEDIA)
#define IN_DEV_TX_REDIRECTS(in_dev)    IN_DEV_ORCONF((in_dev), SEND_REDIRECTS)
#define IN_DEV_SEC_REDIRECTS(in_dev)   IN_DEV_ORCONF((in_dev), SECURE_REDIRECTS)
#define IN_DEV_IDTAG(in_dev)	       IN_DEV_CONF_GET((in_dev), TAG)
#define IN_DEV_MEDIUM_ID(in_dev)       IN_DEV_CONF_GET((in_dev), MEDIUM_ID)
#define IN_DEV_PROMOTE_SECONDARIES(in_dev) \
	IN_DEV_ORCONF((in_dev), PROMOTE_SECONDARIES)
#define IN_DEV_ROUTE_LOCALNET(in_dev) IN_DEV_ORCONF((in_dev), ROUTE_LOCALNET)
#define IN_DEV_NET_ROUTE_LOCALNET(in_dev, net)    \
	(IPV4_DEVCONF_ALL(net, ROUTE_LOCALNET) || \
	 IN_DEV_CONF_GET((in_dev), ROUTE_LOCALNET))
#define IN_DEV_RX_REDIRECTS(in_dev)                      \
	((IN_DEV_FORWARD(in_dev) &&                      \
	  IN_DEV_ANDCONF((in_dev), ACCEPT_REDIRECTS)) || \
	 (!IN_DEV_FORWARD(in_dev) &&                     \
	  IN_DEV_ORCONF((in_dev), ACCEPT_REDIRECTS)))
#define IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN(in_dev) \
	IN_DEV_ORCONF((in_dev), IGNORE_ROUTES_WITH_LINKDOWN)
#define IN_DEV_ARPFILTER(in_dev)    IN_DEV_ORCONF((in_dev), ARPFILTER)
#define IN_DEV_ARP_ACCEPT(in_dev)   IN_DEV_MAXCONF((in_dev), ARP_ACCEPT)
#define IN_DEV_ARP_ANNOUNCE(in_dev) IN_DEV_MAXCONF((in_dev), ARP_ANNOUNCE)
#define IN_DEV_ARP_IGNORE(in_dev)   IN_DEV_MAXCONF((in_dev), ARP_IGNORE)
#define IN_DEV_ARP_NOTIFY(in_dev)   IN_DEV_MAXCONF((in_dev), ARP_NOTIFY)
#define IN_DEV_ARP_EVICT_NOCARRIER(in_dev) \
	IN_DEV_ANDCONF((in_dev), ARP_EVICT_NOCARRIER)

struct in_ifaddr {
	struct in_ifaddr *ifa_next;
	struct in_device *ifa_dev;
	__be32 ifa_local; /* the address */
	__be32 ifa_address; /* peer (point-to-point) or == ifa_local */
	__be32 ifa_mask;
	__be32 ifa_broadcast;
	u32 ifa_rt_priority;
	unsigned char ifa_scope;
	unsigned char ifa_prefixlen;
	u32 ifa_flags; /* IFA_F_* */
	char ifa_label[IFNAMSIZ];
	u32 ifa_valid_lft, ifa_preferred_lft;
	u64 ifa_cstamp, ifa_tstamp;
};

struct in_device {
	struct net_device *dev;
	int refcnt;
	int dead;
	struct in_ifaddr *ifa_list; /* primaries first, in insertion order */
	struct neigh_parms *arp_parms;
	struct ipv4_devconf cnf;
	/* IGMP (igmp.c): the groups joined here, newest first */
	struct ip_mc_list *mc_list;
	struct ip_mc_list *mc_tomb; /* left groups still being reported (v3) */
	int mc_count;
	u64 mr_v1_seen, mr_v2_seen; /* until when an older querier counts */
	u64 mr_maxdelay; /* ns, of the last IGMPv3 query */
	unsigned char mr_qrv; /* robustness the querier told us (0: sysctl) */
	unsigned char mr_gq_running, mr_ifc_count;
	struct timer_list mr_gq_timer; /* general query response */
	struct timer_list mr_ifc_timer; /* IGMPv3 state-change reports */
};

#define INFINITY_LIFE_TIME 0xFFFFFFFFU

/*
 * Address classes (include/linux/in.h, include/uapi/linux/in.h).  Defined
 * here once for the whole stack: include this header for them.
 */
static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_local_multicast(__be32 addr)
{
	return (addr & htonl(0xffffff00)) == htonl(0xe0000000);
}

static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(0xffffffff); /* 255.255.255.255 */
}

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return (addr == 0) || (addr & htonl(0xff000000)) == 0;
}

static inline bool ipv4_is_private_10(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x0a000000);
}

static inline bool ipv4_is_linklocal_169(__be32 addr)
{
	return (addr & htonl(0xffff0000)) == htonl(0xa9fe0000);
}

/* The classful prefix length of @addr (SIOCSIFADDR's default), -1 if none. */
static inline int inet_abc_len(__be32 addr)
{
	u32 haddr = ntohl(addr);

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return 0;
	if ((haddr & 0x80000000) == 0)
		return 8;
	if ((haddr & 0xc0000000) == 0x80000000)
		return 16;
	if ((haddr & 0xe0000000) == 0xc0000000)
		return 24;
	if ((haddr & 0xf0000000) == 0xf0000000)
		return 32; /* class E */
	return -1; /* multicast */
}

/* bad_mask - @mask is not a contiguous netmask (or @addr has host bits) */
static inline bool bad_mask(__be32 mask, __be32 addr)
{
	u32 hmask;

	if (addr & (mask = ~mask))
		return true;
	hmask = ntohl(mask);
	if (hmask & (hmask + 1))
		return true;
	return false;
}

#define in_dev_for_each_ifa(ifa, in_dev) \
	for (ifa = (in_dev)->ifa_list; ifa; ifa = ifa->ifa_next)

static inline struct in_device *__in_dev_get_rtnl(const struct net_device *dev)
{
	return dev->ip_ptr;
}
#define __in_dev_get_rcu(dev) __in_dev_get_rtnl(dev)

static inline __be32 inet_make_mask(int logmask)
{
	if (logmask)
		return htonl(~((1U << (32 - logmask)) - 1));
	return 0;
}

static inline int inet_mask_len(__be32 mask)
{
	u32 hmask = ntohl(mask);

	return hmask ? 32 - __builtin_ctz(hmask) : 0;
}

static inline bool inet_ifa_match(__be32 addr, const struct in_ifaddr *ifa)
{
	return !((addr ^ ifa->ifa_address) & ifa->ifa_mask);
}

/* devinet.c */
/**
 * inet_select_addr - a source address for talking to @dst through @dev
 * @scope: the widest scope acceptable (RT_SCOPE_UNIVERSE = global only)
 * A primary address of @dev in @dst's subnet, else @dev's first primary
 * within @scope, else any device's (loopback first) outside link scope.
 * Return: the address, or 0.
 */
__be32 inet_select_addr(const struct net_device *dev, __be32 dst, int scope);
/* __ip_dev_find - the device owning local address @addr (no reference) */
struct net_device *__ip_dev_find(struct net *net, __be32 addr);
/* inet_lookup_ifaddr - the in_ifaddr with ifa_local == @addr in @net */
struct in_ifaddr *inet_lookup_ifaddr(struct net *net, __be32 addr);
struct in_ifaddr *inet_ifa_byprefix(struct in_device *in_dev, __be32 prefix,
				    __be32 mask);
struct in_device *inetdev_by_index(struct net *net, int ifindex);
/* inet_addr_onlink - @a (and @b if non-zero) in a subnet of @in_dev */
int inet_addr_onlink(struct in_device *in_dev, __be32 a, __be32 b);
/* inet_confirm_addr - is @local usable as a source on @in_dev (ARP) */
__be32 inet_confirm_addr(struct net *net, struct in_device *in_dev, __be32 dst,
			 __be32 local, int scope);
/* register_inetaddr_notifier - NETDEV_UP/NETDEV_DOWN per in_ifaddr */
int register_inetaddr_notifier(struct notifier_block *nb);
int unregister_inetaddr_notifier(struct notifier_block *nb);
/**
 * devinet_ioctl - SIOCGIFADDR, SIOCGIFBRDADDR, SIOCGIFDSTADDR,
 *	SIOCGIFNETMASK, SIOCSIFADDR, SIOCSIFBRDADDR, SIOCSIFDSTADDR,
 *	SIOCSIFNETMASK, SIOCSIFFLAGS (on "dev:label" aliases)
 * @ifr: in kernel memory; answers are written into it
 * Return: 0 or -errno (-ENODEV, -EADDRNOTAVAIL, -EINVAL) as Linux.
 */
int devinet_ioctl(struct net *net, unsigned int cmd, struct ifreq *ifr);
/* The net.ipv4.conf.*.forwarding handler, also net.ipv4.ip_forward's. */
int devinet_sysctl_forward(struct ctl_table *ctl, int write, char *buffer,
			   size_t *lenp, long *ppos);
/* devinet_init - per-device IPv4 state, address rtnetlink, sysctls */
int devinet_init(struct tn_stack *st);

#endif /* _NET_INETDEVICE_H */
