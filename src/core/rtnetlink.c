// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtnetlink: the NETLINK_ROUTE message layer.  The handler registry keyed
 * by (family, RTM_* type) and the dispatch of each request to its doit or,
 * for NLM_F_DUMP, to a netlink dump of its dumpit; notifications to groups;
 * link types (rtnl_link_ops: "veth"); and the link messages themselves:
 * RTM_NEWLINK/DELLINK/GETLINK/SETLINK, which `ip link` speaks, and the
 * namespace ids `ip netns list` shows (RTM_NEWNSID/GETNSID).
 * Linux: net/core/rtnetlink.c, net/core/net_namespace.c (the nsid part).
 */
#include <linux/if_addr.h>
#include <linux/net_namespace.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/rtnetlink.h>
#include <net/sch_generic.h>
#include <net/sock.h>

#define RTNL_MAX_TYPE	50 /* the largest link-type policy, as Linux */
#define MODULE_NAME_LEN 56 /* the longest link kind */

struct rtnl_msg_handler {
	rtnl_doit_func doit;
	rtnl_dumpit_func dumpit;
	unsigned int flags;
};

/*
 * struct rtnl_registry - a stack's rtnetlink state (st->rtnl_msg_handlers)
 * @handlers: per family, an array indexed by msgtype - RTM_BASE
 */
struct rtnl_registry {
	struct rtnl_msg_handler *handlers[NPROTO];
	const struct rtnl_af_ops *af_ops[NPROTO]; /* IFLA_AF_SPEC fillers */
};

/* Device defaults Linux reports for the software devices we have. */
#define GSO_MAX_SEGS	    65535
#define GSO_LEGACY_MAX_SIZE 65536
#define TSO_MAX_SIZE_SW	    524280

/* ---- the RTNL: one mutex per stack (docs/locking.md) ---- */

void __rtnl_lock(const char *site)
{
	__mutex_lock(&current_stack()->rtnl_mutex, site);
}

void rtnl_unlock(void)
{
	mutex_unlock(&current_stack()->rtnl_mutex);
}

int rtnl_trylock(void)
{
	return mutex_trylock(&current_stack()->rtnl_mutex);
}

int rtnl_is_locked(void)
{
	return mutex_is_locked(&current_stack()->rtnl_mutex);
}

bool lockdep_rtnl_is_held(void)
{
	return mutex_is_owner(&current_stack()->rtnl_mutex);
}

/* ---- the registry ---- */

int rtnl_register(int protocol, int msgtype, rtnl_doit_func doit,
		  rtnl_dumpit_func dumpit, unsigned int flags)
{
	struct rtnl_registry *reg = current_stack()->rtnl_msg_handlers;
	struct rtnl_msg_handler *tab;
	int type = msgtype - RTM_BASE;

	if (!reg || protocol < 0 || protocol >= NPROTO || type < 0 ||
	    type >= RTM_NR_MSGTYPES)
		return -EINVAL;
	tab = reg->handlers[protocol];
	if (!tab) {
		tab = kzalloc(sizeof(*tab) * RTM_NR_MSGTYPES, GFP_KERNEL);
		if (!tab)
			return -ENOBUFS;
		reg->handlers[protocol] = tab;
	}
	if (doit)
		tab[type].doit = doit;
	if (dumpit)
		tab[type].dumpit = dumpit;
	tab[type].flags |= flags;
	return 0;
}

static const struct rtnl_msg_handler *rtnl_get_link(int protocol, int type)
{
	struct rtnl_registry *reg = current_stack()->rtnl_msg_handlers;

	if (!reg || protocol < 0 || protocol >= NPROTO ||
	    !reg->handlers[protocol])
		return NULL;
	return &reg->handlers[protocol][type];
}

/* ---- link types ---- */

/* The stack's own node per link type, so static ops serve every stack. */
struct rtnl_link_node {
	struct list_head list; /* st->rtnl_link_ops */
	const struct rtnl_link_ops *ops;
};

const struct rtnl_link_ops *rtnl_link_ops_get(const char *kind)
{
	const struct rtnl_link_node *n;

	list_for_each_entry(n, &current_stack()->rtnl_link_ops, list)
		if (!strcmp(n->ops->kind, kind))
			return n->ops;
	return NULL;
}

/**
 * rtnl_link_register - make @ops->kind creatable with `ip link add`
 * Return: 0, or -EEXIST if the kind is registered already.
 */
int rtnl_link_register(struct rtnl_link_ops *ops)
{
	struct rtnl_link_node *n;

	if (rtnl_link_ops_get(ops->kind))
		return -EEXIST;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	n->ops = ops;
	list_add_tail(&n->list, &current_stack()->rtnl_link_ops);
	return 0;
}

/**
 * rtnl_link_unregister - @ops->kind can no longer be created; every
 *	device of that kind, in every namespace, is deleted first
 */
void rtnl_link_unregister(struct rtnl_link_ops *ops)
{
	struct tn_stack *st = current_stack();
	struct rtnl_link_node *n, *tmp;
	struct net_device *dev;
	struct net *net;

again:
	for_each_net(st, net) {
		for_each_netdev(net, dev) {
			if (dev->rtnl_link_ops != ops)
				continue;
			/* dellink may take a peer elsewhere too: start over */
			if (ops->dellink)
				ops->dellink(dev, NULL);
			else
				unregister_netdevice(dev);
			goto again;
		}
	}
	list_for_each_entry_safe(n, tmp, &st->rtnl_link_ops, list) {
		if (n->ops == ops) {
			list_del(&n->list);
			kfree(n);
		}
	}
}

/* ---- sending ---- */

int rtnl_unicast(struct sk_buff *skb, struct net *net, u32 pid)
{
	if (!net->rtnl) {
		kfree_skb(skb);
		return -ECONNREFUSED;
	}
	return nlmsg_unicast(net->rtnl, skb, pid);
}

/**
 * rtnl_notify - send @skb to the members of @group in @net, and back to
 *	@pid too if its request (@nlh) asked for NLM_F_ECHO
 * @skb: consumed
 */
void rtnl_notify(struct sk_buff *skb, struct net *net, u32 pid, u32 group,
		 const struct nlmsghdr *nlh, int flags)
{
	bool report = nlh && (nlh->nlmsg_flags & NLM_F_ECHO);
	struct sock *rtnl = net->rtnl;

	(void)flags;
	if (!rtnl) {
		kfree_skb(skb);
		return;
	}
	if (report) {
		netlink_broadcast(rtnl, skb_get(skb), pid, group, 0);
		nlmsg_unicast(rtnl, skb, pid);
	} else {
		netlink_broadcast(rtnl, skb, 0, group, 0);
	}
}

/* rtnl_set_sk_err - a notification for @group was lost: tell its members */
void rtnl_set_sk_err(struct net *net, u32 group, int error)
{
	if (net->rtnl)
		netlink_set_err(net->rtnl, 0, group, error);
}

/* ---- struct ifinfomsg and its attributes ---- */

static int rtnl_link_fill(struct sk_buff *skb, const struct net_device *dev)
{
	const struct rtnl_link_ops *ops = dev->rtnl_link_ops;
	struct nlattr *linkinfo, *data;

	linkinfo = nla_nest_start_noflag(skb, IFLA_LINKINFO);
	if (!linkinfo)
		return -EMSGSIZE;
	if (nla_put_string(skb, IFLA_INFO_KIND, ops->kind) < 0)
		goto err_cancel;
	if (ops->fill_info) {
		data = nla_nest_start_noflag(skb, IFLA_INFO_DATA);
		if (!data)
			goto err_cancel;
		if (ops->fill_info(skb, dev) < 0) {
			nla_nest_cancel(skb, data);
			goto err_cancel;
		}
		nla_nest_end(skb, data);
	}
	nla_nest_end(skb, linkinfo);
	return 0;

err_cancel:
	nla_nest_cancel(skb, linkinfo);
	return -EMSGSIZE;
}

static int rtnl_fill_stats(struct sk_buff *skb, struct net_device *dev)
{
	struct rtnl_link_stats64 s;
	struct rtnl_link_stats s32l;

	dev_get_stats(dev, &s);
	if (nla_put(skb, IFLA_STATS64, sizeof(s), &s))
		return -EMSGSIZE;
	/* The 32-bit copy: each counter truncated, as Linux's copy_rtnl_link_stats. */
	memset(&s32l, 0, sizeof(s32l));
	s32l.rx_packets = (u32)s.rx_packets;
	s32l.tx_packets = (u32)s.tx_packets;
	s32l.rx_bytes = (u32)s.rx_bytes;
	s32l.tx_bytes = (u32)s.tx_bytes;
	s32l.rx_errors = (u32)s.rx_errors;
	s32l.tx_errors = (u32)s.tx_errors;
	s32l.rx_dropped = (u32)s.rx_dropped;
	s32l.tx_dropped = (u32)s.tx_dropped;
	s32l.multicast = (u32)s.multicast;
	s32l.collisions = (u32)s.collisions;
	s32l.rx_length_errors = (u32)s.rx_length_errors;
	s32l.rx_over_errors = (u32)s.rx_over_errors;
	s32l.rx_crc_errors = (u32)s.rx_crc_errors;
	s32l.rx_frame_errors = (u32)s.rx_frame_errors;
	s32l.rx_fifo_errors = (u32)s.rx_fifo_errors;
	s32l.rx_missed_errors = (u32)s.rx_missed_errors;
	s32l.tx_aborted_errors = (u32)s.tx_aborted_errors;
	s32l.tx_carrier_errors = (u32)s.tx_carrier_errors;
	s32l.tx_fifo_errors = (u32)s.tx_fifo_errors;
	s32l.tx_heartbeat_errors = (u32)s.tx_heartbeat_errors;
	s32l.tx_window_errors = (u32)s.tx_window_errors;
	s32l.rx_compressed = (u32)s.rx_compressed;
	s32l.tx_compressed = (u32)s.tx_compressed;
	s32l.rx_nohandler = (u32)s.rx_nohandler;
	if (nla_put(skb, IFLA_STATS, sizeof(s32l), &s32l))
		return -EMSGSIZE;
	return 0;
}

static bool addr_is_zero(const unsigned char *a, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (a[i])
			return false;
	return true;
}

/* IFLA_AF_SPEC: one nest per registered family with something to say. */
static int rtnl_fill_link_af(struct sk_buff *skb, const struct net_device *dev)
{
	struct rtnl_registry *reg = current_stack()->rtnl_msg_handlers;
	struct nlattr *af_spec, *af;
	int family, err;

	af_spec = nla_nest_start_noflag(skb, IFLA_AF_SPEC);
	if (!af_spec)
		return -EMSGSIZE;
	for (family = 0; reg && family < NPROTO; family++) {
		const struct rtnl_af_ops *ops = reg->af_ops[family];

		if (!ops || !ops->fill_link_af)
			continue;
		af = nla_nest_start_noflag(skb, (int)family);
		if (!af)
			goto err_cancel;
		err = ops->fill_link_af(skb, dev);
		if (err == -ENODATA) { /* nothing for this device */
			nla_nest_cancel(skb, af);
			continue;
		}
		if (err < 0)
			goto err_cancel;
		nla_nest_end(skb, af);
	}
	nla_nest_end(skb, af_spec);
	return 0;

err_cancel:
	nla_nest_cancel(skb, af_spec);
	return -EMSGSIZE;
}

/**
 * rtnl_af_register - @ops fills IFLA_AF_SPEC's nest for its family
 * Return: 0 or -EINVAL.
 */
int rtnl_af_register(const struct rtnl_af_ops *ops)
{
	struct rtnl_registry *reg = current_stack()->rtnl_msg_handlers;

	if (!reg || ops->family < 0 || ops->family >= NPROTO)
		return -EINVAL;
	reg->af_ops[ops->family] = ops;
	return 0;
}

/**
 * rtnl_fill_ifinfo - an RTM_NEWLINK/RTM_DELLINK message describing @dev
 * @src_net: the namespace of the reader (link-netnsid is relative to it)
 * @change: the ifi_change flags; @flags: NLM_F_MULTI in dumps
 *
 * The attributes and their order are Linux 6.18's for a software device
 * (lo, veth); limits Linux takes from hardware are its software defaults.
 * Return: 0, or -EMSGSIZE with @skb as it was.
 */
static int rtnl_fill_ifinfo(struct sk_buff *skb, struct net_device *dev,
			    struct net *src_net, int type, u32 pid, u32 seq,
			    unsigned int change, unsigned int flags)
{
	struct rtnl_link_ifmap map;
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;
	struct nlattr *xdp;
	int iflink = dev_get_iflink(dev);
	bool put_iflink = false;

	nlh = nlmsg_put(skb, pid, seq, type, sizeof(*ifm), (int)flags);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	ifm->ifi_family = AF_UNSPEC;
	ifm->__ifi_pad = 0;
	ifm->ifi_type = dev->type;
	ifm->ifi_index = dev->ifindex;
	ifm->ifi_flags = dev_get_flags(dev);
	ifm->ifi_change = change;

	if (nla_put_string(skb, IFLA_IFNAME, dev->name) ||
	    nla_put_u32(skb, IFLA_TXQLEN, dev->tx_queue_len) ||
	    nla_put_u8(skb, IFLA_OPERSTATE,
		       netif_running(dev) ? dev->operstate : IF_OPER_DOWN) ||
	    nla_put_u8(skb, IFLA_LINKMODE, dev->link_mode) ||
	    nla_put_u8(skb, IFLA_NETNS_IMMUTABLE,
		       !!(dev->features & NETIF_F_NETNS_LOCAL)) ||
	    nla_put_u32(skb, IFLA_MTU, dev->mtu) ||
	    nla_put_u32(skb, IFLA_MIN_MTU, dev->min_mtu) ||
	    nla_put_u32(skb, IFLA_MAX_MTU, dev->max_mtu) ||
	    nla_put_u32(skb, IFLA_GROUP, dev->group) ||
	    nla_put_u32(skb, IFLA_PROMISCUITY, (u32)dev->promiscuity) ||
	    nla_put_u32(skb, IFLA_ALLMULTI, (u32)dev->allmulti) ||
	    nla_put_u32(skb, IFLA_NUM_TX_QUEUES, dev->num_tx_queues) ||
	    nla_put_u32(skb, IFLA_GSO_MAX_SEGS, GSO_MAX_SEGS) ||
	    nla_put_u32(skb, IFLA_GSO_MAX_SIZE, GSO_LEGACY_MAX_SIZE) ||
	    nla_put_u32(skb, IFLA_GRO_MAX_SIZE, GSO_LEGACY_MAX_SIZE) ||
	    nla_put_u32(skb, IFLA_GSO_IPV4_MAX_SIZE, GSO_LEGACY_MAX_SIZE) ||
	    nla_put_u32(skb, IFLA_GRO_IPV4_MAX_SIZE, GSO_LEGACY_MAX_SIZE) ||
	    nla_put_u32(skb, IFLA_TSO_MAX_SIZE, TSO_MAX_SIZE_SW) ||
	    nla_put_u32(skb, IFLA_TSO_MAX_SEGS, GSO_MAX_SEGS) ||
	    nla_put_u32(skb, IFLA_MAX_PACING_OFFLOAD_HORIZON, 0) ||
	    nla_put_u32(skb, IFLA_NUM_RX_QUEUES, dev->num_rx_queues) ||
	    nla_put_u8(skb, IFLA_CARRIER, netif_carrier_ok(dev)) ||
	    (dev->ifalias && nla_put_string(skb, IFLA_IFALIAS, dev->ifalias)) ||
	    nla_put_u32(skb, IFLA_CARRIER_CHANGES,
			dev->carrier_up_count + dev->carrier_down_count) ||
	    nla_put_u32(skb, IFLA_CARRIER_UP_COUNT, dev->carrier_up_count) ||
	    nla_put_u32(skb, IFLA_CARRIER_DOWN_COUNT,
			dev->carrier_down_count) ||
	    nla_put_u16(skb, IFLA_HEADROOM, 0) ||
	    nla_put_u16(skb, IFLA_TAILROOM, 0) ||
	    nla_put_u8(skb, IFLA_PROTO_DOWN, 0))
		goto nla_put_failure;

	if (dev->addr_len &&
	    (nla_put(skb, IFLA_ADDRESS, dev->addr_len, dev->dev_addr) ||
	     nla_put(skb, IFLA_BROADCAST, dev->addr_len, dev->broadcast)))
		goto nla_put_failure;
	if (rtnl_fill_stats(skb, dev))
		goto nla_put_failure;
	xdp = nla_nest_start_noflag(skb, IFLA_XDP);
	if (!xdp || nla_put_u8(skb, IFLA_XDP_ATTACHED, XDP_ATTACHED_NONE))
		goto nla_put_failure;
	nla_nest_end(skb, xdp);
	if (dev->rtnl_link_ops && rtnl_link_fill(skb, dev))
		goto nla_put_failure;
	if (dev->rtnl_link_ops && dev->rtnl_link_ops->get_link_net) {
		struct net *link_net = dev->rtnl_link_ops->get_link_net(dev);

		if (!net_eq(dev_net(dev), link_net)) {
			/* the peer's ifindex may equal ours over there */
			put_iflink = true;
			if (nla_put_s32(skb, IFLA_LINK_NETNSID,
					peernet2id_alloc(src_net, link_net)))
				goto nla_put_failure;
		}
	}
	if ((put_iflink || iflink != dev->ifindex) &&
	    nla_put_u32(skb, IFLA_LINK, (u32)iflink))
		goto nla_put_failure;
	if (dev->qdisc && nla_put_string(skb, IFLA_QDISC, dev->qdisc->ops->id))
		goto nla_put_failure;
	if (rtnl_fill_link_af(skb, dev))
		goto nla_put_failure;
	if (dev->addr_len && !addr_is_zero(dev->perm_addr, dev->addr_len) &&
	    nla_put(skb, IFLA_PERM_ADDRESS, dev->addr_len, dev->perm_addr))
		goto nla_put_failure;
	memset(&map, 0, sizeof(map));
	if (nla_put(skb, IFLA_MAP, sizeof(map), &map))
		goto nla_put_failure;
	/* no devlink port, no DPLL pin: empty nests, as Linux sends them */
	if (nla_put(skb, IFLA_DEVLINK_PORT | NLA_F_NESTED, 0, NULL) ||
	    nla_put(skb, IFLA_DPLL_PIN | NLA_F_NESTED, 0, NULL))
		goto nla_put_failure;
	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

/**
 * rtmsg_ifinfo - tell RTNLGRP_LINK listeners of @dev's namespace about it
 * @type: RTM_NEWLINK or RTM_DELLINK; @change: the ifi_change flags
 * Safe before the namespace's netlink socket exists (nothing is sent).
 */
void rtmsg_ifinfo(int type, struct net_device *dev, unsigned int change)
{
	struct net *net = dev_net(dev);
	struct sk_buff *skb;
	int err;

	if (!net || !net->rtnl ||
	    !netlink_has_listeners(net->rtnl, RTNLGRP_LINK))
		return;
	if (type == RTM_NEWLINK && dev->reg_state != NETREG_REGISTERED)
		return;
	skb = alloc_skb(NLMSG_GOODSIZE, 0);
	if (!skb) {
		rtnl_set_sk_err(net, RTNLGRP_LINK, ENOBUFS);
		return;
	}
	err = rtnl_fill_ifinfo(skb, dev, net, type, 0, 0, change, 0);
	if (err < 0) {
		kfree_skb(skb);
		rtnl_set_sk_err(net, RTNLGRP_LINK, -err);
		return;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_LINK, NULL, 0);
}

/* ---- RTM_GETLINK ---- */

static const struct nla_policy ifla_policy[RTNL_IFLA_MAX + 1] = {
	[IFLA_IFNAME] = { .type = NLA_STRING, .len = IFNAMSIZ - 1 },
	[IFLA_ADDRESS] = { .type = NLA_BINARY, .len = MAX_ADDR_LEN },
	[IFLA_BROADCAST] = { .type = NLA_BINARY, .len = MAX_ADDR_LEN },
	[IFLA_MAP] = { .len = sizeof(struct rtnl_link_ifmap) },
	[IFLA_MTU] = { .type = NLA_U32 },
	[IFLA_LINK] = { .type = NLA_U32 },
	[IFLA_MASTER] = { .type = NLA_U32 },
	[IFLA_CARRIER] = { .type = NLA_U8 },
	[IFLA_TXQLEN] = { .type = NLA_U32 },
	[IFLA_WEIGHT] = { .type = NLA_U32 },
	[IFLA_OPERSTATE] = { .type = NLA_U8 },
	[IFLA_LINKMODE] = { .type = NLA_U8 },
	[IFLA_LINKINFO] = { .type = NLA_NESTED },
	[IFLA_NET_NS_PID] = { .type = NLA_U32 },
	[IFLA_NET_NS_FD] = { .type = NLA_U32 },
	[IFLA_IFALIAS] = { .type = NLA_BINARY, .len = IFALIASZ - 1 },
	[IFLA_AF_SPEC] = { .type = NLA_NESTED },
	[IFLA_EXT_MASK] = { .type = NLA_U32 },
	[IFLA_PROMISCUITY] = { .type = NLA_U32 },
	[IFLA_NUM_TX_QUEUES] = { .type = NLA_U32 },
	[IFLA_NUM_RX_QUEUES] = { .type = NLA_U32 },
	[IFLA_GSO_MAX_SEGS] = { .type = NLA_U32 },
	[IFLA_GSO_MAX_SIZE] = { .type = NLA_U32 },
	[IFLA_CARRIER_CHANGES] = { .type = NLA_U32 }, /* ignored */
	[IFLA_LINK_NETNSID] = { .type = NLA_S32 },
	[IFLA_PROTO_DOWN] = { .type = NLA_U8 },
	[IFLA_PROTO_DOWN_REASON] = { .type = NLA_NESTED },
	[IFLA_XDP] = { .type = NLA_NESTED },
	[IFLA_EVENT] = { .type = NLA_U32 },
	[IFLA_GROUP] = { .type = NLA_U32 },
	[IFLA_TARGET_NETNSID] = { .type = NLA_S32 },
	[IFLA_CARRIER_UP_COUNT] = { .type = NLA_U32 }, /* ignored */
	[IFLA_CARRIER_DOWN_COUNT] = { .type = NLA_U32 }, /* ignored */
	[IFLA_MIN_MTU] = { .type = NLA_U32 }, /* ignored */
	[IFLA_MAX_MTU] = { .type = NLA_U32 }, /* ignored */
	[IFLA_PROP_LIST] = { .type = NLA_NESTED },
	[IFLA_ALT_IFNAME] = { .type = NLA_STRING, .len = ALTIFNAMSIZ - 1 },
	[IFLA_PERM_ADDRESS] = { .type = NLA_REJECT },
	[IFLA_GRO_MAX_SIZE] = { .type = NLA_U32 },
	[IFLA_TSO_MAX_SIZE] = { .type = NLA_REJECT },
	[IFLA_TSO_MAX_SEGS] = { .type = NLA_REJECT },
	[IFLA_ALLMULTI] = { .type = NLA_REJECT },
	[IFLA_GSO_IPV4_MAX_SIZE] = { .type = NLA_U32 },
	[IFLA_GRO_IPV4_MAX_SIZE] = { .type = NLA_U32 },
	[IFLA_NETNS_IMMUTABLE] = { .type = NLA_REJECT },
	[IFLA_HEADROOM] = { .type = NLA_REJECT },
	[IFLA_TAILROOM] = { .type = NLA_REJECT },
};

static const struct nla_policy ifla_info_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .type = NLA_STRING },
	[IFLA_INFO_DATA] = { .type = NLA_NESTED },
	[IFLA_INFO_SLAVE_KIND] = { .type = NLA_STRING },
	[IFLA_INFO_SLAVE_DATA] = { .type = NLA_NESTED },
};

static struct net_device *rtnl_dev_get(struct net *net, struct nlattr *tb[])
{
	char ifname[IFNAMSIZ];

	if (tb[IFLA_IFNAME])
		nla_strscpy(ifname, tb[IFLA_IFNAME], IFNAMSIZ);
	else if (tb[IFLA_ALT_IFNAME])
		nla_strscpy(ifname, tb[IFLA_ALT_IFNAME], IFNAMSIZ);
	else
		return NULL;
	return __dev_get_by_name(net, ifname);
}

/* The namespace IFLA_TARGET_NETNSID names (a reference), or @net itself. */
static struct net *rtnl_target_net(struct net *net, struct nlattr *tb[])
{
	struct net *tgt;

	if (!tb[IFLA_TARGET_NETNSID])
		return get_net(net);
	tgt = get_net_ns_by_id(net, nla_get_s32(tb[IFLA_TARGET_NETNSID]));
	return tgt ? get_net(tgt) : ERR_PTR(-EINVAL);
}

static int rtnl_valid_getlink_req(struct sk_buff *skb,
				  const struct nlmsghdr *nlh,
				  struct nlattr **tb,
				  struct netlink_ext_ack *extack)
{
	struct ifinfomsg *ifm;
	int i, err;

	if (!netlink_strict_get_check(skb))
		return nlmsg_parse(nlh, sizeof(*ifm), tb, RTNL_IFLA_MAX,
				   ifla_policy, extack);
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifm))) {
		NL_SET_ERR_MSG(extack, "Invalid header for get link");
		return -EINVAL;
	}
	ifm = nlmsg_data(nlh);
	if (ifm->__ifi_pad || ifm->ifi_type || ifm->ifi_flags ||
	    ifm->ifi_change) {
		NL_SET_ERR_MSG(extack,
			       "Invalid values in header for get link request");
		return -EINVAL;
	}
	err = nlmsg_parse(nlh, sizeof(*ifm), tb, RTNL_IFLA_MAX, ifla_policy,
			  extack);
	if (err < 0)
		return err;
	for (i = 0; i <= RTNL_IFLA_MAX; i++) {
		if (!tb[i])
			continue;
		switch (i) {
		case IFLA_IFNAME:
		case IFLA_ALT_IFNAME:
		case IFLA_EXT_MASK:
		case IFLA_TARGET_NETNSID:
			break;
		default:
			NL_SET_ERR_MSG(
				extack,
				"Unsupported attribute in get link request");
			return -EINVAL;
		}
	}
	return 0;
}

static int rtnl_getlink(struct sk_buff *skb, struct nlmsghdr *nlh,
			struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk), *tgt_net;
	struct nlattr *tb[RTNL_IFLA_MAX + 1];
	struct net_device *dev = NULL;
	struct ifinfomsg *ifm;
	struct sk_buff *nskb;
	int err;

	err = rtnl_valid_getlink_req(skb, nlh, tb, extack);
	if (err < 0)
		return err;
	tgt_net = rtnl_target_net(net, tb);
	if (IS_ERR(tgt_net))
		return (int)PTR_ERR(tgt_net);
	err = -EINVAL;
	ifm = nlmsg_data(nlh);
	if (ifm->ifi_index > 0)
		dev = __dev_get_by_index(tgt_net, ifm->ifi_index);
	else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME])
		dev = rtnl_dev_get(tgt_net, tb);
	else
		goto out;
	err = -ENODEV;
	if (!dev)
		goto out;
	err = -ENOBUFS;
	nskb = alloc_skb(NLMSG_GOODSIZE, 0);
	if (!nskb)
		goto out;
	err = rtnl_fill_ifinfo(nskb, dev, net, RTM_NEWLINK,
			       NETLINK_CB(skb).portid, nlh->nlmsg_seq, 0, 0);
	if (err < 0)
		kfree_skb(nskb);
	else
		err = rtnl_unicast(nskb, net, NETLINK_CB(skb).portid);
out:
	put_net(tgt_net);
	return err;
}

/* A strict (NETLINK_GET_STRICT_CHK) link dump request, as Linux checks it. */
static int rtnl_valid_dump_ifinfo_req(const struct nlmsghdr *nlh,
				      struct nlattr **tb,
				      struct netlink_ext_ack *extack)
{
	const struct ifinfomsg *ifm;
	int i, err;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifm))) {
		NL_SET_ERR_MSG(extack, "Invalid header for link dump");
		return -EINVAL;
	}
	ifm = nlmsg_data(nlh);
	if (ifm->__ifi_pad || ifm->ifi_type || ifm->ifi_flags ||
	    ifm->ifi_change) {
		NL_SET_ERR_MSG(
			extack,
			"Invalid values in header for link dump request");
		return -EINVAL;
	}
	if (ifm->ifi_index) {
		NL_SET_ERR_MSG(
			extack,
			"Filter by device index not supported for link dumps");
		return -EINVAL;
	}
	err = nlmsg_parse(nlh, sizeof(*ifm), tb, RTNL_IFLA_MAX, ifla_policy,
			  extack);
	if (err < 0)
		return err;
	for (i = 0; i <= RTNL_IFLA_MAX; i++) {
		if (!tb[i])
			continue;
		switch (i) {
		case IFLA_TARGET_NETNSID:
		case IFLA_EXT_MASK:
		case IFLA_MASTER:
		case IFLA_LINKINFO:
			break;
		default:
			NL_SET_ERR_MSG(
				extack,
				"Unsupported attribute in link dump request");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * rtnl_dump_ifinfo - every device of the namespace, resuming at the
 * device index cb->args[0] counts; filtered by IFLA_LINKINFO kind and
 * IFLA_MASTER as Linux does (tuxnet has no masters yet: a master filter
 * matches nothing).
 */
static int rtnl_dump_ifinfo(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk), *tgt_net = net;
	const struct nlmsghdr *nlh = cb->nlh;
	const struct rtnl_link_ops *kind_ops = NULL;
	struct nlattr *tb[RTNL_IFLA_MAX + 1];
	struct net_device *dev;
	unsigned int flags = NLM_F_MULTI;
	long idx = 0, s_idx = cb->args[0];
	u32 master_idx = 0;
	int err, hdrlen;

	hdrlen = nlmsg_len(nlh) < (int)sizeof(struct ifinfomsg)
			 ? (int)sizeof(struct rtgenmsg)
			 : (int)sizeof(struct ifinfomsg);
	if (cb->strict_check) {
		err = rtnl_valid_dump_ifinfo_req(nlh, tb, cb->extack);
		if (err < 0)
			return err;
	} else if (nlmsg_parse(nlh, hdrlen, tb, RTNL_IFLA_MAX, ifla_policy,
			       cb->extack) < 0) {
		memset(tb, 0, sizeof(tb));
	}
	if (tb[IFLA_TARGET_NETNSID]) {
		tgt_net = get_net_ns_by_id(
			net, nla_get_s32(tb[IFLA_TARGET_NETNSID]));
		if (!tgt_net) {
			NL_SET_ERR_MSG(cb->extack,
				       "Invalid target network namespace id");
			return -EINVAL;
		}
	}
	if (tb[IFLA_MASTER])
		master_idx = nla_get_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_LINKINFO]) {
		struct nlattr *linfo[IFLA_INFO_MAX + 1];

		if (!nla_parse(linfo, IFLA_INFO_MAX,
			       nla_data(tb[IFLA_LINKINFO]),
			       nla_len(tb[IFLA_LINKINFO]), ifla_info_policy,
			       NULL) &&
		    linfo[IFLA_INFO_KIND]) {
			char kind[MODULE_NAME_LEN];

			nla_strscpy(kind, linfo[IFLA_INFO_KIND], sizeof(kind));
			kind_ops = rtnl_link_ops_get(kind);
		}
	}
	if (master_idx || kind_ops)
		flags |= NLM_F_DUMP_FILTERED;

	for_each_netdev(tgt_net, dev) {
		if (idx < s_idx)
			goto cont;
		/* no device has a master yet: "nomaster" (-1) keeps all */
		if ((master_idx && master_idx != (u32)-1) ||
		    (kind_ops && dev->rtnl_link_ops != kind_ops))
			goto cont;
		err = rtnl_fill_ifinfo(skb, dev, net, RTM_NEWLINK,
				       NETLINK_CB(cb->skb).portid,
				       nlh->nlmsg_seq, 0, flags);
		if (err < 0) {
			if (skb->len)
				break;
			return err;
		}
cont:
		idx++;
	}
	cb->args[0] = idx;
	return (int)skb->len;
}

/* ---- changing a link ---- */

/* IFLA_NET_NS_PID, IFLA_NET_NS_FD and IFLA_TARGET_NETNSID exclude each other. */
static int rtnl_ensure_unique_netns(struct nlattr *tb[],
				    struct netlink_ext_ack *extack,
				    bool netns_id_only)
{
	int n = !!tb[IFLA_NET_NS_PID] + !!tb[IFLA_NET_NS_FD] +
		!!tb[IFLA_TARGET_NETNSID];

	if (netns_id_only) {
		if (!tb[IFLA_NET_NS_PID] && !tb[IFLA_NET_NS_FD])
			return 0;
		NL_SET_ERR_MSG(extack,
			       "specified netns attribute not supported");
		return -EOPNOTSUPP;
	}
	if (n > 1) {
		NL_SET_ERR_MSG(
			extack,
			"multiple netns identifying attributes specified");
		return -EINVAL;
	}
	return 0;
}

/**
 * rtnl_link_get_net - the namespace a request names for a device: by
 *	IFLA_NET_NS_FD (an fd opened on /run/netns/NAME), IFLA_TARGET_NETNSID,
 *	else @src_net.  IFLA_NET_NS_PID finds nothing: tuxnet has no processes.
 * Return: a reference the caller puts, or ERR_PTR(-EINVAL/-ESRCH).
 */
struct net *rtnl_link_get_net(struct net *src_net, struct nlattr *tb[])
{
	struct net *net;

	if (tb[IFLA_NET_NS_PID])
		return ERR_PTR(-ESRCH);
	if (tb[IFLA_NET_NS_FD])
		return get_net_ns_by_fd((int)nla_get_u32(tb[IFLA_NET_NS_FD]));
	if (tb[IFLA_TARGET_NETNSID]) {
		net = get_net_ns_by_id(src_net,
				       nla_get_s32(tb[IFLA_TARGET_NETNSID]));
		return net ? get_net(net) : ERR_PTR(-EINVAL);
	}
	return get_net(src_net);
}

static const struct rtnl_af_ops *rtnl_af_lookup(int family)
{
	struct rtnl_registry *reg = current_stack()->rtnl_msg_handlers;

	if (!reg || family < 0 || family >= NPROTO)
		return NULL;
	return reg->af_ops[family];
}

/*
 * IFLA_AF_SPEC in a request: every family named must be one that can take
 * it (else EAFNOSUPPORT, as a kernel without that family says, or
 * EOPNOTSUPP), and its nest must pass the family's own check, before
 * anything changes.
 */
static int validate_link_af(struct net_device *dev, struct nlattr *af_spec,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *af;
	int rem, err;

	nla_for_each_nested(af, af_spec, rem) {
		const struct rtnl_af_ops *ops = rtnl_af_lookup(nla_type(af));

		if (!ops)
			return -EAFNOSUPPORT;
		if (!ops->set_link_af)
			return -EOPNOTSUPP;
		if (ops->validate_link_af) {
			err = ops->validate_link_af(dev, af, extack);
			if (err < 0)
				return err;
		}
	}
	return 0;
}

static int validate_linkmsg(struct net_device *dev, struct nlattr *tb[],
			    struct netlink_ext_ack *extack)
{
	if (tb[IFLA_AF_SPEC]) {
		int err = validate_link_af(dev, tb[IFLA_AF_SPEC], extack);

		if (err < 0)
			return err;
	}
	if (dev) {
		if (tb[IFLA_ADDRESS] &&
		    nla_len(tb[IFLA_ADDRESS]) < dev->addr_len)
			return -EINVAL;
		if (tb[IFLA_BROADCAST] &&
		    nla_len(tb[IFLA_BROADCAST]) < dev->addr_len)
			return -EINVAL;
	}
	if (tb[IFLA_GSO_MAX_SEGS] &&
	    nla_get_u32(tb[IFLA_GSO_MAX_SEGS]) > GSO_MAX_SEGS) {
		NL_SET_ERR_MSG(extack, "too big gso_max_segs");
		return -EINVAL;
	}
	if (tb[IFLA_GSO_MAX_SIZE] &&
	    nla_get_u32(tb[IFLA_GSO_MAX_SIZE]) > TSO_MAX_SIZE_SW) {
		NL_SET_ERR_MSG(extack, "too big gso_max_size");
		return -EINVAL;
	}
	return 0;
}

/* set_operstate - IFLA_OPERSTATE: a user-space link manager's say (RFC 2863) */
static void set_operstate(struct net_device *dev, unsigned char transition)
{
	unsigned char operstate = dev->operstate;

	switch (transition) {
	case IF_OPER_UP:
		if (operstate == IF_OPER_DORMANT ||
		    operstate == IF_OPER_TESTING ||
		    operstate == IF_OPER_UNKNOWN)
			operstate = IF_OPER_UP;
		break;
	case IF_OPER_TESTING:
	case IF_OPER_DORMANT:
		if (netif_oper_up(dev))
			operstate = transition;
		break;
	}
	if (dev->operstate != operstate) {
		dev->operstate = operstate;
		netdev_state_change(dev);
	}
}

static unsigned int rtnl_dev_combine_flags(const struct net_device *dev,
					   const struct ifinfomsg *ifm)
{
	unsigned int flags = ifm->ifi_flags;

	if (ifm->ifi_change)
		flags = (flags & ifm->ifi_change) |
			(((dev->flags & ~(IFF_PROMISC | IFF_ALLMULTI)) |
			  (dev->gflags & (IFF_PROMISC | IFF_ALLMULTI))) &
			 ~ifm->ifi_change);
	return flags;
}

/**
 * rtnl_configure_link - apply the ifinfomsg flags of a create request to
 *	the new device (`ip link add ... up`)
 * Return: 0 or the error of bringing it up.
 */
int rtnl_configure_link(struct net_device *dev, const struct ifinfomsg *ifm)
{
	if (!ifm || (!ifm->ifi_flags && !ifm->ifi_change))
		return 0;
	return dev_change_flags(dev, rtnl_dev_combine_flags(dev, ifm));
}

#define DO_SETLINK_MODIFIED 0x01
#define DO_SETLINK_NOTIFY   0x03 /* notify with netdev_state_change */

/* do_setlink - apply IFLA_* and the flags of @ifm to @dev, in Linux's order */
static int do_setlink(struct sk_buff *skb, struct net_device *dev,
		      struct ifinfomsg *ifm, struct netlink_ext_ack *extack,
		      struct nlattr *tb[], int status)
{
	char ifname[IFNAMSIZ];
	int err;

	(void)skb;
	if (tb[IFLA_IFNAME])
		nla_strscpy(ifname, tb[IFLA_IFNAME], IFNAMSIZ);
	else
		ifname[0] = '\0';

	if (tb[IFLA_NET_NS_PID] || tb[IFLA_NET_NS_FD] ||
	    tb[IFLA_TARGET_NETNSID]) {
		struct net *net = rtnl_link_get_net(dev_net(dev), tb);

		if (IS_ERR(net)) {
			err = (int)PTR_ERR(net);
			goto errout;
		}
		if (dev->features & NETIF_F_NETNS_LOCAL) {
			/* lo: refused even towards its own namespace */
			NL_SET_ERR_MSG(extack,
				       "The interface netns is immutable");
			put_net(net);
			err = -EINVAL;
			goto errout;
		}
		err = dev_change_net_namespace(dev, net,
					       ifname[0] ? ifname : NULL);
		put_net(net);
		if (err)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}
	if (tb[IFLA_MAP]) {
		err = -EOPNOTSUPP;
		goto errout;
	}
	if (tb[IFLA_ADDRESS]) {
		struct sockaddr_storage ss;
		struct sockaddr *sa = (struct sockaddr *)&ss;

		memset(&ss, 0, sizeof(ss));
		sa->sa_family = dev->type;
		memcpy(sa->sa_data, nla_data(tb[IFLA_ADDRESS]),
		       min_t(size_t, dev->addr_len,
			     sizeof(ss) - offsetof(struct sockaddr, sa_data)));
		err = dev_set_mac_address(dev, sa);
		if (err)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}
	if (tb[IFLA_MTU]) {
		err = dev_set_mtu_ext(dev, (int)nla_get_u32(tb[IFLA_MTU]),
				      extack);
		if (err < 0)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}
	if (tb[IFLA_GROUP]) {
		dev->group = nla_get_u32(tb[IFLA_GROUP]);
		status |= DO_SETLINK_NOTIFY;
	}
	/* Selected by index with a name given: a rename. */
	if (ifm->ifi_index > 0 && ifname[0]) {
		err = dev_change_name(dev, ifname);
		if (err < 0)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}
	if (tb[IFLA_IFALIAS]) {
		err = dev_set_alias(dev, nla_data(tb[IFLA_IFALIAS]),
				    (size_t)nla_len(tb[IFLA_IFALIAS]));
		if (err < 0)
			goto errout;
		status |= DO_SETLINK_NOTIFY;
	}
	if (tb[IFLA_BROADCAST]) {
		memcpy(dev->broadcast, nla_data(tb[IFLA_BROADCAST]),
		       dev->addr_len);
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	}
	if (ifm->ifi_flags || ifm->ifi_change) {
		err = dev_change_flags(dev, rtnl_dev_combine_flags(dev, ifm));
		if (err < 0)
			goto errout;
	}
	if (tb[IFLA_CARRIER]) {
		err = -EOPNOTSUPP;
		goto errout;
	}
	if (tb[IFLA_TXQLEN]) {
		unsigned int old = dev->tx_queue_len;

		err = dev_change_tx_queue_len(dev,
					      nla_get_u32(tb[IFLA_TXQLEN]));
		if (err)
			goto errout;
		if (old != dev->tx_queue_len)
			rtmsg_ifinfo(RTM_NEWLINK, dev, 0);
		status |= DO_SETLINK_MODIFIED;
	}
	if (tb[IFLA_OPERSTATE])
		set_operstate(dev, nla_get_u8(tb[IFLA_OPERSTATE]));
	if (tb[IFLA_LINKMODE]) {
		unsigned char value = nla_get_u8(tb[IFLA_LINKMODE]);

		if (dev->link_mode != value) {
			dev->link_mode = value;
			status |= DO_SETLINK_NOTIFY;
		}
	}
	if (tb[IFLA_AF_SPEC]) {
		struct nlattr *af;
		int rem;

		/* Validated with the rest of the message (validate_linkmsg). */
		nla_for_each_nested(af, tb[IFLA_AF_SPEC], rem) {
			const struct rtnl_af_ops *ops =
				rtnl_af_lookup(nla_type(af));

			err = ops->set_link_af(dev, af, extack);
			if (err < 0)
				goto errout;
			status |= DO_SETLINK_NOTIFY;
		}
	}
	if (tb[IFLA_PROTO_DOWN] || tb[IFLA_PROTO_DOWN_REASON]) {
		/* no tuxnet device has ndo_change_proto_down */
		NL_SET_ERR_MSG(extack, "Protodown not supported by device");
		err = -EOPNOTSUPP;
		goto errout;
	}
	err = 0;

errout:
	if ((status & DO_SETLINK_NOTIFY) == DO_SETLINK_NOTIFY)
		netdev_state_change(dev);
	return err;
}

static int rtnl_setlink(struct sk_buff *skb, struct nlmsghdr *nlh,
			struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct nlattr *tb[RTNL_IFLA_MAX + 1];
	struct net_device *dev;
	struct ifinfomsg *ifm;
	int err;

	err = nlmsg_parse(nlh, sizeof(*ifm), tb, RTNL_IFLA_MAX, ifla_policy,
			  extack);
	if (err < 0)
		return err;
	err = rtnl_ensure_unique_netns(tb, extack, false);
	if (err < 0)
		return err;
	ifm = nlmsg_data(nlh);
	if (ifm->ifi_index > 0)
		dev = __dev_get_by_index(net, ifm->ifi_index);
	else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME])
		dev = rtnl_dev_get(net, tb);
	else
		return -EINVAL;
	if (!dev)
		return -ENODEV;
	err = validate_linkmsg(dev, tb, extack);
	if (err < 0)
		return err;
	return do_setlink(skb, dev, ifm, extack, tb, 0);
}

/*
 * rtnl_group_dellink - `ip link delete group N`: every device of the group,
 * if each can be deleted (else EOPNOTSUPP, nothing deleted); EPERM for
 * the default group, ENODEV for an empty one.  A veth takes its peer
 * along, so the walk starts again after each deletion.
 */
static int rtnl_group_dellink(struct net *net, u32 group)
{
	struct net_device *dev;
	bool found = false;

	if (!group)
		return -EPERM;
	for_each_netdev(net, dev) {
		if (dev->group != group)
			continue;
		found = true;
		if (!dev->rtnl_link_ops || !dev->rtnl_link_ops->dellink)
			return -EOPNOTSUPP;
	}
	if (!found)
		return -ENODEV;
	for (;;) {
		struct net_device *victim = NULL;

		for_each_netdev(net, dev) {
			if (dev->group == group) {
				victim = dev;
				break;
			}
		}
		if (!victim)
			return 0;
		victim->rtnl_link_ops->dellink(victim, NULL);
	}
}

static int rtnl_dellink(struct sk_buff *skb, struct nlmsghdr *nlh,
			struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk), *tgt_net;
	struct nlattr *tb[RTNL_IFLA_MAX + 1];
	struct net_device *dev = NULL;
	struct ifinfomsg *ifm;
	int err;

	err = nlmsg_parse(nlh, sizeof(*ifm), tb, RTNL_IFLA_MAX, ifla_policy,
			  extack);
	if (err < 0)
		return err;
	err = rtnl_ensure_unique_netns(tb, extack, true);
	if (err < 0)
		return err;
	tgt_net = rtnl_target_net(net, tb);
	if (IS_ERR(tgt_net))
		return (int)PTR_ERR(tgt_net);
	err = -EINVAL;
	ifm = nlmsg_data(nlh);
	if (ifm->ifi_index > 0)
		dev = __dev_get_by_index(tgt_net, ifm->ifi_index);
	else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME])
		dev = rtnl_dev_get(tgt_net, tb);
	else if (tb[IFLA_GROUP]) {
		err = rtnl_group_dellink(tgt_net, nla_get_u32(tb[IFLA_GROUP]));
		goto out;
	} else
		goto out;
	if (!dev) {
		err = -ENODEV;
		goto out;
	}
	err = -EOPNOTSUPP;
	if (!dev->rtnl_link_ops || !dev->rtnl_link_ops->dellink)
		goto out;
	dev->rtnl_link_ops->dellink(dev, NULL);
	err = 0;
out:
	put_net(tgt_net);
	return err;
}

/**
 * rtnl_create_link - allocate a device of link type @ops in @net, set up
 *	from the request's IFLA_* (MTU, address, queue length ...); the
 *	caller (or ops->newlink) registers it
 * Return: the device, or ERR_PTR(-EINVAL/-ENOMEM) with @extack set.
 */
struct net_device *rtnl_create_link(struct net *net, const char *ifname,
				    unsigned char name_assign_type,
				    const struct rtnl_link_ops *ops,
				    struct nlattr *tb[],
				    struct netlink_ext_ack *extack)
{
	unsigned int num_tx_queues = 1, num_rx_queues = 1;
	struct net_device *dev;
	int err;

	if (ops->get_num_tx_queues)
		num_tx_queues = ops->get_num_tx_queues();
	if (ops->get_num_rx_queues)
		num_rx_queues = ops->get_num_rx_queues();
	if (tb[IFLA_NUM_TX_QUEUES])
		num_tx_queues = nla_get_u32(tb[IFLA_NUM_TX_QUEUES]);
	if (tb[IFLA_NUM_RX_QUEUES])
		num_rx_queues = nla_get_u32(tb[IFLA_NUM_RX_QUEUES]);
	if (num_tx_queues < 1 || num_tx_queues > 4096) {
		NL_SET_ERR_MSG(extack, "Invalid number of transmit queues");
		return ERR_PTR(-EINVAL);
	}
	if (num_rx_queues < 1 || num_rx_queues > 4096) {
		NL_SET_ERR_MSG(extack, "Invalid number of receive queues");
		return ERR_PTR(-EINVAL);
	}
	if (!ops->setup)
		return ERR_PTR(-EOPNOTSUPP);
	dev = alloc_netdev((int)ops->priv_size, ifname, name_assign_type,
			   ops->setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev->num_tx_queues = num_tx_queues;
	dev->num_rx_queues = num_rx_queues;
	err = validate_linkmsg(dev, tb, extack);
	if (err < 0)
		goto err_free;
	dev->nd_net = net;
	dev->rtnl_link_ops = ops;
	if (tb[IFLA_MTU]) {
		u32 mtu = nla_get_u32(tb[IFLA_MTU]);

		err = dev_validate_mtu(dev, (int)mtu, extack);
		if (err)
			goto err_free;
		dev->mtu = mtu;
	}
	if (tb[IFLA_ADDRESS]) {
		memcpy(dev->dev_addr, nla_data(tb[IFLA_ADDRESS]),
		       min_t(size_t, (size_t)nla_len(tb[IFLA_ADDRESS]),
			     MAX_ADDR_LEN));
		dev->addr_assign_type = NET_ADDR_SET;
	}
	if (tb[IFLA_BROADCAST])
		memcpy(dev->broadcast, nla_data(tb[IFLA_BROADCAST]),
		       min_t(size_t, (size_t)nla_len(tb[IFLA_BROADCAST]),
			     MAX_ADDR_LEN));
	if (tb[IFLA_TXQLEN])
		dev->tx_queue_len = nla_get_u32(tb[IFLA_TXQLEN]);
	if (tb[IFLA_OPERSTATE])
		set_operstate(dev, nla_get_u8(tb[IFLA_OPERSTATE]));
	if (tb[IFLA_LINKMODE])
		dev->link_mode = nla_get_u8(tb[IFLA_LINKMODE]);
	if (tb[IFLA_GROUP])
		dev->group = nla_get_u32(tb[IFLA_GROUP]);
	return dev;

err_free:
	free_netdev(dev);
	return ERR_PTR(err);
}

static int rtnl_newlink_create(struct sk_buff *skb, struct ifinfomsg *ifm,
			       const struct rtnl_link_ops *ops,
			       struct nlattr **tb, struct nlattr **data,
			       struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct net *dest_net, *link_net = NULL;
	unsigned char name_assign_type;
	struct net_device *dev;
	char ifname[IFNAMSIZ];
	int err;

	if (!ops->setup)
		return -EOPNOTSUPP;
	if (tb[IFLA_IFNAME]) {
		nla_strscpy(ifname, tb[IFLA_IFNAME], IFNAMSIZ);
		name_assign_type = NET_NAME_USER;
	} else {
		(void)snprintf(ifname, IFNAMSIZ, "%s%%d", ops->kind);
		name_assign_type = NET_NAME_ENUM;
	}
	dest_net = rtnl_link_get_net(net, tb);
	if (IS_ERR(dest_net))
		return (int)PTR_ERR(dest_net);
	if (tb[IFLA_LINK_NETNSID]) {
		link_net = get_net_ns_by_id(dest_net,
					    nla_get_s32(tb[IFLA_LINK_NETNSID]));
		if (!link_net) {
			NL_SET_ERR_MSG(extack, "Unknown network namespace id");
			err = -EINVAL;
			goto out;
		}
	}
	dev = rtnl_create_link(link_net ? link_net : dest_net, ifname,
			       name_assign_type, ops, tb, extack);
	if (IS_ERR(dev)) {
		err = (int)PTR_ERR(dev);
		goto out;
	}
	dev->ifindex = ifm->ifi_index;
	if (ops->newlink)
		err = ops->newlink(link_net ? link_net : net, dev, tb, data,
				   extack);
	else
		err = register_netdevice(dev);
	if (err < 0) {
		free_netdev(dev);
		goto out;
	}
	err = rtnl_configure_link(dev, ifm);
	if (err < 0)
		goto out_unregister;
	if (link_net) {
		err = dev_change_net_namespace(dev, dest_net, ifname);
		if (err < 0)
			goto out_unregister;
	}
out:
	put_net(dest_net);
	return err;

out_unregister:
	if (ops->newlink && ops->dellink)
		ops->dellink(dev, NULL);
	else
		unregister_netdevice(dev);
	goto out;
}

/*
 * rtnl_group_changelink - `ip link set group N ...`: the change applies to
 * every device of group @group, in list order, stopping at the first error.
 */
static int rtnl_group_changelink(struct sk_buff *skb, struct net *net,
				 u32 group, struct ifinfomsg *ifm,
				 struct netlink_ext_ack *extack,
				 struct nlattr *tb[])
{
	struct net_device *dev, *aux;
	int err;

	for_each_netdev_safe(net, dev, aux) {
		if (dev->group != group)
			continue;
		err = validate_linkmsg(dev, tb, extack);
		if (err < 0)
			return err;
		err = do_setlink(skb, dev, ifm, extack, tb, 0);
		if (err < 0)
			return err;
	}
	return 0;
}

static int rtnl_newlink(struct sk_buff *skb, struct nlmsghdr *nlh,
			struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	struct nlattr *tb[RTNL_IFLA_MAX + 1], *linkinfo[IFLA_INFO_MAX + 1];
	struct nlattr *attr[RTNL_MAX_TYPE + 1], **data = NULL;
	const struct rtnl_link_ops *ops = NULL;
	struct net_device *dev = NULL;
	bool link_specified = false;
	char kind[MODULE_NAME_LEN];
	struct ifinfomsg *ifm;
	int err;

	err = nlmsg_parse(nlh, sizeof(*ifm), tb, RTNL_IFLA_MAX, ifla_policy,
			  extack);
	if (err < 0)
		return err;
	err = rtnl_ensure_unique_netns(tb, extack, false);
	if (err < 0)
		return err;
	ifm = nlmsg_data(nlh);
	if (ifm->ifi_index > 0) {
		link_specified = true;
		dev = __dev_get_by_index(net, ifm->ifi_index);
	} else if (ifm->ifi_index < 0) {
		NL_SET_ERR_MSG(extack, "ifindex can't be negative");
		return -EINVAL;
	} else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) {
		link_specified = true;
		dev = rtnl_dev_get(net, tb);
	}
	err = validate_linkmsg(dev, tb, extack);
	if (err < 0)
		return err;

	memset(linkinfo, 0, sizeof(linkinfo));
	if (tb[IFLA_LINKINFO]) {
		err = nla_parse(
			linkinfo, IFLA_INFO_MAX, nla_data(tb[IFLA_LINKINFO]),
			nla_len(tb[IFLA_LINKINFO]), ifla_info_policy, NULL);
		if (err < 0)
			return err;
	}
	kind[0] = '\0';
	if (linkinfo[IFLA_INFO_KIND]) {
		nla_strscpy(kind, linkinfo[IFLA_INFO_KIND], sizeof(kind));
		ops = rtnl_link_ops_get(kind);
	}
	if (ops) {
		if (ops->maxtype > RTNL_MAX_TYPE)
			return -EINVAL;
		if (ops->maxtype && linkinfo[IFLA_INFO_DATA]) {
			err = nla_parse(attr, ops->maxtype,
					nla_data(linkinfo[IFLA_INFO_DATA]),
					nla_len(linkinfo[IFLA_INFO_DATA]),
					ops->policy, extack);
			if (err < 0)
				return err;
			data = attr;
		}
	}

	if (dev) {
		if (nlh->nlmsg_flags & NLM_F_EXCL)
			return -EEXIST;
		if (nlh->nlmsg_flags & NLM_F_REPLACE)
			return -EOPNOTSUPP;
		if (linkinfo[IFLA_INFO_DATA])
			return -EOPNOTSUPP; /* no link type has changelink */
		return do_setlink(skb, dev, ifm, extack, tb, 0);
	}

	if (!(nlh->nlmsg_flags & NLM_F_CREATE)) {
		/* No such device, and not asked to create one. */
		if (link_specified)
			return -ENODEV;
		if (tb[IFLA_GROUP])
			return rtnl_group_changelink(
				skb, net, nla_get_u32(tb[IFLA_GROUP]), ifm,
				extack, tb);
		return -ENODEV;
	}
	if (tb[IFLA_MAP] || tb[IFLA_PROTINFO])
		return -EOPNOTSUPP;
	if (!ops) {
		NL_SET_ERR_MSG(extack, "Unknown device type");
		return -EOPNOTSUPP;
	}
	return rtnl_newlink_create(skb, ifm, ops, tb, data, extack);
}

/* ---- namespace ids: RTM_NEWNSID, RTM_GETNSID ---- */

static const struct nla_policy rtnl_net_policy[NETNSA_MAX + 1] = {
	[NETNSA_NONE] = { .type = NLA_UNSPEC },
	[NETNSA_NSID] = { .type = NLA_S32 },
	[NETNSA_PID] = { .type = NLA_U32 },
	[NETNSA_FD] = { .type = NLA_U32 },
	[NETNSA_TARGET_NSID] = { .type = NLA_S32 },
};

static int rtnl_net_fill(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			 int cmd, int nsid)
{
	struct nlmsghdr *nlh;
	struct rtgenmsg *rth;

	nlh = nlmsg_put(skb, portid, seq, cmd, sizeof(*rth), flags);
	if (!nlh)
		return -EMSGSIZE;
	rth = nlmsg_data(nlh);
	rth->rtgen_family = AF_UNSPEC;
	if (nla_put_s32(skb, NETNSA_NSID, nsid)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

/*
 * The strict checks of an RTM_GETNSID dump request: NETNSA_TARGET_NSID (the
 * namespace whose ids to list, into *@tgt) is the one attribute it takes.
 */
static int rtnl_valid_dump_net_req(const struct nlmsghdr *nlh, struct net *net,
				   struct net **tgt,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NETNSA_MAX + 1];
	int err, i;

	err = nlmsg_parse(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX,
			  rtnl_net_policy, extack);
	if (err < 0)
		return err;
	for (i = 0; i <= NETNSA_MAX; i++) {
		if (!tb[i])
			continue;
		if (i == NETNSA_TARGET_NSID) {
			*tgt = get_net_ns_by_id(net, nla_get_s32(tb[i]));
			if (!*tgt) {
				NL_SET_BAD_ATTR(extack, tb[i]);
				NL_SET_ERR_MSG(
					extack,
					"Invalid target network namespace id");
				return -EINVAL;
			}
			continue;
		}
		NL_SET_BAD_ATTR(extack, tb[i]);
		NL_SET_ERR_MSG(extack, "Unsupported attribute in dump request");
		return -EINVAL;
	}
	return 0;
}

/*
 * rtnl_net_dumpid - RTM_GETNSID dump (`ip netns list-id`): the ids the
 * namespace (or the one NETNSA_TARGET_NSID names) gave its peers, in id
 * order as Linux's idr walk gives them; with a target, each also says the
 * id the requester's namespace has for the same peer (NETNSA_CURRENT_NSID).
 * cb->args[0]: the next id to send.
 */
static int rtnl_net_dumpid(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk), *tgt = net;
	const struct netns_id *id, *best;
	long next = cb->args[0];
	int err;

	if (cb->strict_check) {
		err = rtnl_valid_dump_net_req(cb->nlh, net, &tgt, cb->extack);
		if (err < 0)
			return err;
	}
	for (;;) {
		struct nlmsghdr *nlh;
		struct rtgenmsg *rth;

		best = NULL;
		list_for_each_entry(id, &tgt->netns_ids, list)
			if (id->id >= next && (!best || id->id < best->id))
				best = id;
		if (!best)
			break;
		nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, RTM_NEWNSID, sizeof(*rth),
				NLM_F_MULTI);
		if (!nlh)
			break;
		rth = nlmsg_data(nlh);
		rth->rtgen_family = AF_UNSPEC;
		if (nla_put_s32(skb, NETNSA_NSID, best->id) ||
		    (tgt != net && nla_put_s32(skb, NETNSA_CURRENT_NSID,
					       peernet2id(net, best->peer)))) {
			nlmsg_cancel(skb, nlh);
			break;
		}
		nlmsg_end(skb, nlh);
		next = (long)best->id + 1;
	}
	cb->args[0] = next;
	return (int)skb->len;
}

/* The peer a NETNSA_PID/FD/NSID request names: a reference, or ERR_PTR. */
static struct net *rtnl_net_peer(struct net *net, struct nlattr *tb[],
				 struct nlattr **nla, bool by_id)
{
	struct net *peer;

	if (tb[NETNSA_PID]) {
		*nla = tb[NETNSA_PID];
		return ERR_PTR(-ESRCH);
	}
	if (tb[NETNSA_FD]) {
		*nla = tb[NETNSA_FD];
		return get_net_ns_by_fd((int)nla_get_u32(tb[NETNSA_FD]));
	}
	if (by_id && tb[NETNSA_NSID]) {
		*nla = tb[NETNSA_NSID];
		peer = get_net_ns_by_id(net, nla_get_s32(tb[NETNSA_NSID]));
		return peer ? get_net(peer) : ERR_PTR(-ENOENT);
	}
	*nla = NULL;
	return NULL;
}

static int rtnl_net_getid(struct sk_buff *skb, struct nlmsghdr *nlh,
			  struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk), *peer;
	struct nlattr *tb[NETNSA_MAX + 1], *nla;
	struct sk_buff *msg;
	int err;

	err = nlmsg_parse(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX,
			  rtnl_net_policy, extack);
	if (err < 0)
		return err;
	peer = rtnl_net_peer(net, tb, &nla, true);
	if (!peer) {
		NL_SET_ERR_MSG(extack, "Peer netns reference is missing");
		return -EINVAL;
	}
	if (IS_ERR(peer)) {
		NL_SET_BAD_ATTR(extack, nla);
		NL_SET_ERR_MSG(extack, "Peer netns reference is invalid");
		return (int)PTR_ERR(peer);
	}
	msg = nlmsg_new(64, 0);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	err = rtnl_net_fill(msg, NETLINK_CB(skb).portid, nlh->nlmsg_seq, 0,
			    RTM_NEWNSID, peernet2id(net, peer));
	if (err < 0) {
		kfree_skb(msg);
		goto out;
	}
	err = rtnl_unicast(msg, net, NETLINK_CB(skb).portid);
out:
	put_net(peer);
	return err;
}

static int rtnl_net_newid(struct sk_buff *skb, struct nlmsghdr *nlh,
			  struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk), *peer;
	struct nlattr *tb[NETNSA_MAX + 1], *nla;
	struct netns_id *id;
	struct sk_buff *msg;
	int nsid, err;

	err = nlmsg_parse(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX,
			  rtnl_net_policy, extack);
	if (err < 0)
		return err;
	if (!tb[NETNSA_NSID]) {
		NL_SET_ERR_MSG(extack, "nsid is missing");
		return -EINVAL;
	}
	nsid = nla_get_s32(tb[NETNSA_NSID]);
	peer = rtnl_net_peer(net, tb, &nla, false);
	if (!peer) {
		NL_SET_ERR_MSG(extack, "Peer netns reference is missing");
		return -EINVAL;
	}
	if (IS_ERR(peer)) {
		NL_SET_BAD_ATTR(extack, nla);
		NL_SET_ERR_MSG(extack, "Peer netns reference is invalid");
		return (int)PTR_ERR(peer);
	}
	if (peernet2id(net, peer) >= 0) {
		NL_SET_BAD_ATTR(extack, nla);
		NL_SET_ERR_MSG(extack,
			       "Peer netns already has a nsid assigned");
		err = -EEXIST;
		goto out;
	}
	if (nsid < 0) {
		nsid = peernet2id_alloc(net, peer);
	} else {
		if (get_net_ns_by_id(net, nsid)) {
			NL_SET_BAD_ATTR(extack, tb[NETNSA_NSID]);
			NL_SET_ERR_MSG(extack,
				       "The specified nsid is already used");
			err = -EEXIST;
			goto out;
		}
		id = kzalloc(sizeof(*id), GFP_KERNEL);
		if (!id) {
			err = -ENOMEM;
			goto out;
		}
		id->peer = peer;
		id->id = nsid;
		list_add_tail(&id->list, &net->netns_ids);
	}
	err = 0;
	msg = nlmsg_new(64, 0);
	if (msg && !rtnl_net_fill(msg, NETLINK_CB(skb).portid, nlh->nlmsg_seq,
				  0, RTM_NEWNSID, nsid))
		rtnl_notify(msg, net, NETLINK_CB(skb).portid, RTNLGRP_NSID, nlh,
			    0);
	else if (msg)
		kfree_skb(msg);
out:
	put_net(peer);
	return err;
}

/* ---- the receive side ---- */

/*
 * rtnetlink_rcv_msg - dispatch one request: GET requests with NLM_F_DUMP
 * start a dump of the (family, type) dumpit, the rest run its doit; a
 * family without a handler falls back to PF_UNSPEC's, and no handler at
 * all is -EOPNOTSUPP.  A request too short for its family byte is ignored.
 */
/*
 * rtnl_dump_all - a dump asked for every family (ip addr, ip route without
 * -4): each family's dumpit in turn; cb->family remembers where we are
 * and cb->args start fresh for each family.
 */
static int rtnl_dump_all(struct sk_buff *skb, struct netlink_callback *cb)
{
	int type = cb->nlh->nlmsg_type - RTM_BASE;
	int ret = 0;
	int idx, s_idx = cb->family;

	/* A family without a dumpit of its own (ip -0 route: AF_PACKET) starts
	 * the walk at that family, past AF_INET: Linux answers it with nothing. */
	if (!s_idx && nlmsg_len(cb->nlh) >= (int)sizeof(struct rtgenmsg))
		s_idx = ((struct rtgenmsg *)nlmsg_data(cb->nlh))->rtgen_family;
	if (!s_idx)
		s_idx = 1;

	for (idx = s_idx; idx < NPROTO; idx++) {
		const struct rtnl_msg_handler *link;

		if (idx == PF_PACKET)
			continue;
		link = rtnl_get_link(idx, type);
		if (!link || !link->dumpit)
			continue;
		if (idx > s_idx)
			memset(cb->args, 0, sizeof(cb->args));
		ret = link->dumpit(skb, cb);
		if (ret)
			break;
	}
	cb->family = (u16)idx;
	return skb->len ? (int)skb->len : ret;
}

/*
 * rtnl_dumpit - each round of a dump runs under the RTNL unless its handler
 * said otherwise, whether it is the first (from the request) or a later
 * one (from recvmsg, when the reader has room).
 */
static int rtnl_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	const bool needs_lock = !(cb->flags & RTNL_FLAG_DUMP_UNLOCKED);
	/* the handler's entry: registered at init, it outlives the dump */
	const struct rtnl_msg_handler *link = cb->data;
	int ret;

	if (needs_lock)
		rtnl_lock();
	ret = link->dumpit(skb, cb);
	if (needs_lock)
		rtnl_unlock();
	return ret;
}

static int rtnetlink_rcv_msg(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(NETLINK_CB(skb).sk);
	const struct rtnl_msg_handler *link;
	int family, type, kind, err;

	type = nlh->nlmsg_type;
	if (type > RTM_MAX)
		return -EOPNOTSUPP;
	type -= RTM_BASE;
	/* All the messages must have at least 1 byte length */
	if (nlmsg_len(nlh) < (int)sizeof(struct rtgenmsg))
		return 0;
	family = ((struct rtgenmsg *)nlmsg_data(nlh))->rtgen_family;
	kind = type & 3;

	if (kind == 2 && (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP) {
		struct netlink_dump_control c = {
			.min_dump_alloc = NLMSG_GOODSIZE,
		};

		link = rtnl_get_link(family, type);
		if (!link || !link->dumpit) {
			link = rtnl_get_link(PF_UNSPEC, type);
			if (!link || !link->dumpit)
				return -EOPNOTSUPP;
		}
		c.dump = rtnl_dumpit;
		c.data = (void *)link;
		c.flags = link->flags;
		return netlink_dump_start(net->rtnl, skb, nlh, &c);
	}

	link = rtnl_get_link(family, type);
	if (!link || !link->doit) {
		link = rtnl_get_link(PF_UNSPEC, type);
		if (!link || !link->doit)
			return -EOPNOTSUPP;
	}
	if (link->flags & RTNL_FLAG_DOIT_UNLOCKED)
		return link->doit(skb, nlh, extack);
	rtnl_lock();
	err = link->doit(skb, nlh, extack);
	rtnl_unlock();
	return err;
}

static void rtnetlink_rcv(struct sk_buff *skb)
{
	netlink_rcv_skb(skb, &rtnetlink_rcv_msg);
}

/* Device events that change what RTM_NEWLINK says, as Linux's rtnetlink_event. */
static int rtnetlink_event(struct notifier_block *this, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = ptr;

	(void)this;
	switch (event) {
	case NETDEV_REBOOT:
	case NETDEV_CHANGEMTU:
	case NETDEV_CHANGEADDR:
	case NETDEV_CHANGENAME:
	case NETDEV_FEAT_CHANGE:
	case NETDEV_BONDING_FAILOVER:
	case NETDEV_PRE_CHANGEADDR:
		rtmsg_ifinfo(RTM_NEWLINK, dev, 0);
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

static int rtnetlink_net_init(struct net *net)
{
	net->rtnl = netlink_kernel_create(net, NETLINK_ROUTE, rtnetlink_rcv);
	return net->rtnl ? 0 : -ENOMEM;
}

static void rtnetlink_net_exit(struct net *net)
{
	netlink_kernel_release(net->rtnl);
	net->rtnl = NULL;
}

static struct notifier_block rtnetlink_dev_notifier = {
	.notifier_call = rtnetlink_event,
};

/* Each namespace's kernel socket, net->rtnl. */
static struct pernet_operations rtnetlink_net_ops = {
	.init = rtnetlink_net_init,
	.exit = rtnetlink_net_exit,
};

int rtnetlink_init(struct tn_stack *st)
{
	struct rtnl_registry *reg;
	int err;

	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg)
		return -ENOMEM;
	st->rtnl_msg_handlers = reg;
	err = register_pernet_subsys(&rtnetlink_net_ops);
	if (err)
		goto err_free;
	err = register_netdevice_notifier(&rtnetlink_dev_notifier);
	if (err)
		goto err_free;

	if (rtnl_register(PF_UNSPEC, RTM_GETLINK, rtnl_getlink,
			  rtnl_dump_ifinfo, 0) ||
	    rtnl_register(PF_UNSPEC, RTM_SETLINK, rtnl_setlink, NULL, 0) ||
	    rtnl_register(PF_UNSPEC, RTM_NEWLINK, rtnl_newlink, NULL, 0) ||
	    rtnl_register(PF_UNSPEC, RTM_DELLINK, rtnl_dellink, NULL, 0) ||
	    rtnl_register(PF_UNSPEC, RTM_NEWNSID, rtnl_net_newid, NULL, 0) ||
	    rtnl_register(PF_UNSPEC, RTM_GETNSID, rtnl_net_getid,
			  rtnl_net_dumpid, 0) ||
	    rtnl_register(PF_UNSPEC, RTM_GETADDR, NULL, rtnl_dump_all, 0) ||
	    rtnl_register(PF_UNSPEC, RTM_GETROUTE, NULL, rtnl_dump_all, 0)) {
		err = -ENOBUFS;
		goto err_free;
	}
	return 0;

err_free:
	rtnetlink_exit(st);
	return err;
}

void rtnetlink_exit(struct tn_stack *st)
{
	struct rtnl_registry *reg = st->rtnl_msg_handlers;
	struct rtnl_link_node *n, *tmp;
	int i;

	/* the whole list goes: no node needs unlinking from the next */
	list_for_each_entry_safe(n, tmp, &st->rtnl_link_ops, list)
		kfree(n);
	INIT_LIST_HEAD(&st->rtnl_link_ops);
	unregister_netdevice_notifier(&rtnetlink_dev_notifier);
	unregister_pernet_subsys(&rtnetlink_net_ops);
	if (!reg)
		return;
	for (i = 0; i < NPROTO; i++)
		kfree(reg->handlers[i]);
	kfree(reg);
	st->rtnl_msg_handlers = NULL;
}
