/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rtnetlink: the routing-configuration messages (RTM_*), their handler
 * registry, link types ("veth") and change notifications.
 * Linux: include/net/rtnetlink.h, include/linux/rtnetlink.h.
 */
#ifndef _NET_RTNETLINK_H
#define _NET_RTNETLINK_H

#include <linux/rtnetlink.h>

#include <net/netlink.h>
#include <net/list.h>

struct net;
struct net_device;

typedef int (*rtnl_doit_func)(struct sk_buff *skb, struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack);
typedef int (*rtnl_dumpit_func)(struct sk_buff *skb,
				struct netlink_callback *cb);

/**
 * rtnl_register - handle @msgtype for @protocol (PF_UNSPEC, PF_INET ...)
 * @doit: a request; the requester's net is sock_net(NETLINK_CB(skb).sk);
 *	returns 0 or -errno (becomes the NLMSG_ERROR ack, with extack text)
 * @dumpit: NLM_F_DUMP requests; called until it returns 0
 */
int rtnl_register(int protocol, int msgtype, rtnl_doit_func doit,
		  rtnl_dumpit_func dumpit, unsigned int flags);

/*
 * rtnl_register flags: the handler runs without the RTNL (it takes what it
 * needs itself), as Linux's read-only doits and dumps do.
 */
enum rtnl_link_flags {
	RTNL_FLAG_DOIT_UNLOCKED = 1U << 0,
	RTNL_FLAG_BULK_DEL_SUPPORTED = 1U << 1,
	RTNL_FLAG_DUMP_UNLOCKED = 1U << 2,
};

/* rtnl_unicast - a reply to port @pid in @net; consumes @skb; 0 or -errno */
int rtnl_unicast(struct sk_buff *skb, struct net *net, u32 pid);

/* Notify listeners of @group; consumes @skb. */
void rtnl_notify(struct sk_buff *skb, struct net *net, u32 pid, u32 group,
		 const struct nlmsghdr *nlh, int flags);
void rtnl_set_sk_err(struct net *net, u32 group, int error);
/* rtmsg_ifinfo - RTM_NEWLINK/DELLINK notification for @dev */
void rtmsg_ifinfo(int type, struct net_device *dev, unsigned int change);

/**
 * struct rtnl_link_ops - a link type, found by `ip link add ... type KIND`
 * @kind: "veth"
 * @priv_size: netdev_priv() size
 * @setup: initialise a freshly allocated device
 * @newlink: create the device (and peers) from IFLA_* attributes; the
 *	core has allocated @dev and named it; the op registers it. -errno.
 * @dellink: unregister @dev (and peers); @head is unused here.
 * @get_link_net: the namespace the link's peer lives in (link-netnsid).
 */
struct rtnl_link_ops {
	const char *kind;
	size_t priv_size;
	void (*setup)(struct net_device *dev);
	int maxtype;
	const struct nla_policy *policy;
	int (*newlink)(struct net *src_net, struct net_device *dev,
		       struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack);
	void (*dellink)(struct net_device *dev, struct list_head *head);
	struct net *(*get_link_net)(const struct net_device *dev);
	size_t (*get_size)(const struct net_device *dev);
	int (*fill_info)(struct sk_buff *skb, const struct net_device *dev);
	/* queues of a new device when the request names none (default 1) */
	unsigned int (*get_num_tx_queues)(void);
	unsigned int (*get_num_rx_queues)(void);
};

/*
 * Link attributes newer than the uapi headers of the build host (Debian 12
 * ships 6.1's): their numbers are fixed in Linux's ABI.
 */
#include <linux/version.h>
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
#define IFLA_DEVLINK_PORT      62
#define IFLA_GSO_IPV4_MAX_SIZE 63
#define IFLA_GRO_IPV4_MAX_SIZE 64
#endif
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 7, 0)
#define IFLA_DPLL_PIN 65
#endif
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
#define IFLA_MAX_PACING_OFFLOAD_HORIZON 66
#endif
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 14, 0)
#define IFLA_NETNS_IMMUTABLE 67
#endif
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 16, 0)
#define IFLA_HEADROOM 68
#define IFLA_TAILROOM 69
#endif
/* Linux 6.18's IFLA_MAX: link requests are parsed up to it, as Linux does */
#define RTNL_IFLA_MAX 69

int rtnl_link_register(struct rtnl_link_ops *ops);
void rtnl_link_unregister(struct rtnl_link_ops *ops);

/**
 * struct rtnl_af_ops - a family's part of a link message (IFLA_AF_SPEC)
 * @family: AF_INET ...
 * @fill_link_af: put the family's attributes for @dev into the open nest;
 *	-ENODATA if the family has nothing for @dev, -EMSGSIZE if full
 * @validate_link_af: check the family's nest of a request before anything
 *	changes: 0 or -errno
 * @set_link_af: apply the (validated) nest to @dev
 */
struct rtnl_af_ops {
	int family;
	int (*fill_link_af)(struct sk_buff *skb, const struct net_device *dev);
	int (*validate_link_af)(const struct net_device *dev,
				const struct nlattr *attr,
				struct netlink_ext_ack *extack);
	int (*set_link_af)(struct net_device *dev, const struct nlattr *attr,
			   struct netlink_ext_ack *extack);
};

int rtnl_af_register(const struct rtnl_af_ops *ops);
const struct rtnl_link_ops *rtnl_link_ops_get(const char *kind);

/* Create a device of a registered kind from IFLA_* (veth's peer uses it). */
struct net_device *rtnl_create_link(struct net *net, const char *ifname,
				    unsigned char name_assign_type,
				    const struct rtnl_link_ops *ops,
				    struct nlattr *tb[],
				    struct netlink_ext_ack *extack);
int rtnl_configure_link(struct net_device *dev, const struct ifinfomsg *ifm);
/* The namespace IFLA_NET_NS_FD / IFLA_NET_NS_PID / IFLA_TARGET_NETNSID names */
struct net *rtnl_link_get_net(struct net *src_net, struct nlattr *tb[]);

struct tn_stack;
/* rtnetlink_init - the registry, the link messages and each namespace's
 * NETLINK_ROUTE kernel socket (called by netlink_proto_init) */
int rtnetlink_init(struct tn_stack *st);
/* rtnetlink_exit - frees the registry at stack teardown */
void rtnetlink_exit(struct tn_stack *st);

#endif /* _NET_RTNETLINK_H */
