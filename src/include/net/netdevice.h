/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct net_device and its operations; packet handlers by ethertype; the
 * transmit and receive entry points.  Linux: include/linux/netdevice.h.
 */
#ifndef _NET_NETDEVICE_H
#define _NET_NETDEVICE_H

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include <net/list.h>
#include <net/skbuff.h>
#include <net/stack.h>

struct net;
struct in_device;
struct neighbour;
struct rtnl_link_ops;
struct Qdisc;

#define MAX_ADDR_LEN 32

typedef u64 netdev_features_t;
#define NETIF_F_NETNS_LOCAL (1ULL << 0) /* may not move between namespaces */
#define NETIF_F_LLTX	    (1ULL << 1) /* lockless transmit */
#define NETIF_F_HW_CSUM	    (1ULL << 2) /* no checksum needed (loopback) */
#define NETIF_F_SG	    (1ULL << 3)
#define NETIF_F_LOOPBACK    (1ULL << 4)

/* ndo_start_xmit return codes; tuxnet has no NETDEV_TX_BUSY (STYLE 3.5). */
typedef int netdev_tx_t;
#define NETDEV_TX_OK 0

/* what enqueue returns (dev_queue_xmit, a qdisc's enqueue) */
#define NET_XMIT_SUCCESS 0x00
#define NET_XMIT_DROP	 0x01 /* dropped by the qdisc */
#define NET_XMIT_CN	 0x02 /* congestion: dropped, but not an error */
#define NET_XMIT_MASK	 0x0f

/* net_xmit_errno - a positive NET_XMIT_* as the errno a sender sees */
static inline int net_xmit_errno(int e)
{
	return e != NET_XMIT_CN ? -ENOBUFS : 0;
}

/* netif_receive_skb / netif_rx return codes */
#define NET_RX_SUCCESS 0
#define NET_RX_DROP    1

/* dev->priv_flags: what the driver tells the core (not seen by users) */
#define IFF_NO_QUEUE	     (1U << 0) /* no qdisc: "noqueue" */
#define IFF_LIVE_ADDR_CHANGE (1U << 1) /* MAC may change while running */

#define DEFAULT_TX_QUEUE_LEN 1000
#define LOOPBACK_IFINDEX     1

/* dev->state bits */
#define __LINK_STATE_START     0
#define __LINK_STATE_PRESENT   1
#define __LINK_STATE_NOCARRIER 2

/* netdev_queue->state bits */
#define __QUEUE_STATE_DRV_XOFF 0 /* the driver stopped the queue */

/**
 * struct netdev_queue - a transmit queue of a device (tuxnet has one)
 * @qdisc: where dev_queue_xmit puts packets: the device's root qdisc while
 *	it is up, noop_qdisc while it is down
 * @state: __QUEUE_STATE_DRV_XOFF while the driver cannot take packets
 */
struct netdev_queue {
	struct net_device *dev;
	struct Qdisc *qdisc;
	unsigned long state;
};

enum netdev_reg_state {
	NETREG_UNINITIALIZED = 0,
	NETREG_REGISTERED,
	NETREG_UNREGISTERING,
	NETREG_UNREGISTERED,
};

/**
 * struct net_device_ops - what the stack asks of a device driver
 * @ndo_init: at register_netdevice(), before the device is visible; may fail.
 * @ndo_uninit: at unregister, undoes ndo_init.
 * @ndo_open: the device goes up (dev_open); may fail.  Optional.
 * @ndo_stop: the device goes down (dev_close).  Optional.
 * @ndo_start_xmit: transmit @skb, link header already at skb->data.  Always
 *	consumes @skb (there is no NETDEV_TX_BUSY); returns NETDEV_TX_OK.
 *	Context: stack lock held, process or softirq context.
 * @ndo_get_stats64: fill @stats.  Optional; dev->stats is used if NULL.
 * @ndo_change_mtu: validate and set a new MTU.  Optional.
 * @ndo_set_mac_address: set dev_addr from a struct sockaddr.  Optional.
 * @ndo_get_iflink: ifindex of the lower/peer device (veth).  Optional.
 */
struct net_device_ops {
	int (*ndo_init)(struct net_device *dev);
	void (*ndo_uninit)(struct net_device *dev);
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb,
				      struct net_device *dev);
	void (*ndo_get_stats64)(struct net_device *dev,
				struct rtnl_link_stats64 *stats);
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	int (*ndo_set_mac_address)(struct net_device *dev, void *addr);
	int (*ndo_get_iflink)(const struct net_device *dev);
};

/**
 * struct header_ops - building and parsing the link-layer header
 * @create: push a header for @type from @saddr (NULL: dev_addr) to @daddr.
 *	Returns the header length, or a negative value if @daddr is not
 *	known yet (the neighbour layer resolves it).
 * @parse: copy the source hardware address of @skb to @haddr; return length.
 */
struct header_ops {
	int (*create)(struct sk_buff *skb, struct net_device *dev,
		      unsigned short type, const void *daddr, const void *saddr,
		      unsigned int len);
	int (*parse)(const struct sk_buff *skb, unsigned char *haddr);
};

struct net_device {
	char name[IFNAMSIZ];
	char *ifalias;
	struct list_head dev_list; /* net->dev_base_head, by ifindex order */
	int ifindex;
	struct net *nd_net;

	unsigned int flags; /* IFF_* as the user sees them */
	unsigned int gflags;
	unsigned int priv_flags; /* IFF_NO_QUEUE ... */
	int promiscuity; /* IFF_PROMISC while > 0 */
	int allmulti; /* IFF_ALLMULTI while > 0 */
	unsigned long state; /* __LINK_STATE_* bits */
	/* carrier transitions of a registered device (IFLA_CARRIER_*_COUNT) */
	unsigned int carrier_up_count, carrier_down_count;
	unsigned char operstate; /* IF_OPER_* (RFC 2863) */
	unsigned char link_mode;
	netdev_features_t features;

	unsigned int mtu, min_mtu, max_mtu;
	unsigned short type; /* ARPHRD_* */
	unsigned short hard_header_len;
	unsigned short needed_headroom;
	unsigned char addr_len;
	unsigned char addr_assign_type;
	unsigned char dev_addr[MAX_ADDR_LEN];
	unsigned char perm_addr[MAX_ADDR_LEN];
	unsigned char broadcast[MAX_ADDR_LEN];
	unsigned int tx_queue_len;
	/* the root qdisc, kept while down (`ip link` shows its id) */
	struct Qdisc *qdisc;
	struct netdev_queue _tx;
	u32 group;
	unsigned int num_tx_queues, num_rx_queues;

	const struct net_device_ops *netdev_ops;
	const struct header_ops *header_ops;
	const struct rtnl_link_ops *rtnl_link_ops;
	u32 owner; /* uid of the task that made it (user.max_net_devices) */

	struct in_device *ip_ptr; /* IPv4 state: addresses, devconf */

	struct rtnl_link_stats64 stats;
	unsigned long rx_dropped_backlog;
	/* core counters added to the driver's (Linux: dev->core_stats) */
	unsigned long rx_dropped_core, tx_dropped_core, rx_nohandler;

	int refcnt;
	enum netdev_reg_state reg_state;
	bool needs_free_netdev;
	void (*priv_destructor)(struct net_device *dev);

	/* driver-private area follows (netdev_priv) */
	u64 priv[];
};

static inline void *netdev_priv(const struct net_device *dev)
{
	return (void *)dev->priv;
}

static inline struct net *dev_net(const struct net_device *dev)
{
	return dev->nd_net;
}

static inline void dev_hold(struct net_device *dev)
{
	if (dev)
		dev->refcnt++;
}

void dev_put(struct net_device *dev);

static inline bool netif_running(const struct net_device *dev)
{
	return dev->state & (1UL << __LINK_STATE_START);
}

static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return !(dev->state & (1UL << __LINK_STATE_NOCARRIER));
}

/* up and has carrier: IFF_RUNNING as ifconfig shows it */
static inline bool netif_oper_up(const struct net_device *dev)
{
	return dev->operstate == IF_OPER_UP ||
	       dev->operstate == IF_OPER_UNKNOWN;
}

void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);
/*
 * linkwatch_fire_event - recompute @dev's operational state now (Linux
 * defers this work; a driver that changed what it depends on, as veth
 * tying a new pair, asks for it when its state is complete)
 */
void linkwatch_fire_event(struct net_device *dev);

/* dev_get_flags - IFF_* including IFF_RUNNING/IFF_LOWER_UP as Linux shows */
unsigned int dev_get_flags(const struct net_device *dev);

/* allocation and registration (src/core/dev.c) */
struct net_device *alloc_netdev(int sizeof_priv, const char *name,
				unsigned char name_assign_type,
				void (*setup)(struct net_device *));
void free_netdev(struct net_device *dev);
int register_netdevice(struct net_device *dev);
void unregister_netdevice(struct net_device *dev);
int register_netdev(struct net_device *dev); /* takes the RTNL */
void unregister_netdev(struct net_device *dev);
int dev_alloc_name(struct net_device *dev, const char *name);
int dev_valid_name(const char *name);

#define NET_NAME_UNKNOWN     0
#define NET_NAME_ENUM	     1
#define NET_NAME_PREDICTABLE 2
#define NET_NAME_USER	     3

/* Lookups in a namespace.  No reference is taken: stack lock held. */
struct net_device *__dev_get_by_name(struct net *net, const char *name);
struct net_device *__dev_get_by_index(struct net *net, int ifindex);
struct net_device *dev_getfirstbyhwtype(struct net *net, unsigned short type);

#define for_each_netdev(net, d) \
	list_for_each_entry(d, &(net)->dev_base_head, dev_list)
#define for_each_netdev_safe(net, d, n) \
	list_for_each_entry_safe(d, n, &(net)->dev_base_head, dev_list)

/* Configuration, each under the stack lock; 0 or -errno. */
int dev_open(struct net_device *dev);
int dev_close(struct net_device *dev);
int dev_change_flags(struct net_device *dev, unsigned int flags);
int dev_set_mtu(struct net_device *dev, int new_mtu);
struct netlink_ext_ack;
/* dev_validate_mtu - min/max check with Linux's extack text; 0 or -EINVAL */
int dev_validate_mtu(struct net_device *dev, int new_mtu,
		     struct netlink_ext_ack *extack);
int dev_set_mtu_ext(struct net_device *dev, int new_mtu,
		    struct netlink_ext_ack *extack);
int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len);
int dev_set_promiscuity(struct net_device *dev, int inc);
int dev_set_allmulti(struct net_device *dev, int inc);
int dev_change_name(struct net_device *dev, const char *newname);
int dev_set_alias(struct net_device *dev, const char *alias, size_t len);
int dev_set_mac_address(struct net_device *dev, const struct sockaddr *sa);
int dev_change_net_namespace(struct net_device *dev, struct net *net,
			     const char *pat);
void dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *stats);
/* dev_proc_init - /proc/net/dev (src/core/net-procfs.c); 0 or -errno */
int dev_proc_init(struct tn_stack *st);
int dev_get_iflink(const struct net_device *dev);

/* netdev_state_change - NETDEV_CHANGE and RTM_NEWLINK for a running @dev */
void netdev_state_change(struct net_device *dev);

/**
 * dev_ioctl - the device ioctls of every socket family: SIOCGIFNAME,
 *	SIOCGIFINDEX, SIOCGIFFLAGS, SIOCSIFFLAGS, SIOCGIFMTU, SIOCSIFMTU,
 *	SIOCGIFHWADDR, SIOCSIFHWADDR, SIOCGIFTXQLEN, SIOCSIFTXQLEN, SIOCGIFCONF
 * @net: the caller's namespace
 * @ifr: the request (already copied in; results are written to it)
 * @data: for SIOCGIFCONF, the struct ifconf (@ifr unused); else unused
 * Return: 0 or -errno (-ENODEV unknown device, -ENOTTY unknown @cmd).
 */
int dev_ioctl(struct net *net, unsigned int cmd, struct ifreq *ifr, void *data);

/* Device events (include/linux/netdevice.h NETDEV_*) to notifier blocks. */
enum netdev_cmd {
	NETDEV_UP = 1,
	NETDEV_DOWN,
	NETDEV_REBOOT,
	NETDEV_CHANGE, /* carrier or flags */
	NETDEV_REGISTER,
	NETDEV_UNREGISTER,
	NETDEV_CHANGEMTU,
	NETDEV_CHANGEADDR,
	NETDEV_PRE_CHANGEADDR,
	NETDEV_GOING_DOWN,
	NETDEV_CHANGENAME,
	NETDEV_FEAT_CHANGE,
	NETDEV_BONDING_FAILOVER,
	NETDEV_PRE_UP,
};

int register_netdevice_notifier(struct notifier_block *nb);
int unregister_netdevice_notifier(struct notifier_block *nb);
int call_netdevice_notifiers(unsigned long val, struct net_device *dev);

/* transmit and receive */

/**
 * dev_queue_xmit - queue a packet for transmission on skb->dev
 * @skb: packet with its link header at skb->data; consumed on every path
 *
 * A device with a queue enqueues to its qdisc and runs it
 * (__dev_xmit_skb); a noqueue device hands the packet to the driver at
 * once.  The taps (tcpdump) see it when it reaches the driver.  A device
 * that is down drops the packet in Linux's noop qdisc.
 * Return: NET_XMIT_SUCCESS, NET_XMIT_DROP (the qdisc dropped it),
 *	NET_XMIT_CN (down: dropped, not an error; see net_xmit_errno), or
 *	-errno (-ENETDOWN: a noqueue device with its queue stopped).
 */
int dev_queue_xmit(struct sk_buff *skb);
/*
 * dev_hard_start_xmit - the taps, then the driver: where every path of
 * dev_queue_xmit ends.  Consumes @skb; NETDEV_TX_OK.
 */
netdev_tx_t dev_hard_start_xmit(struct sk_buff *skb, struct net_device *dev);

/*
 * The driver's flow control.  netif_stop_queue: the device cannot take
 * more; packets wait in the qdisc.  netif_wake_queue: it can again; the
 * transmit softirq sends what waited, in order.  netif_start_queue: clear
 * the stop without scheduling (at open).
 */
static inline struct netdev_queue *netdev_get_tx_queue(struct net_device *dev)
{
	return &dev->_tx;
}

static inline bool netif_xmit_stopped(const struct netdev_queue *txq)
{
	return txq->state & (1UL << __QUEUE_STATE_DRV_XOFF);
}

static inline bool netif_queue_stopped(const struct net_device *dev)
{
	return netif_xmit_stopped(&dev->_tx);
}

static inline void netif_stop_queue(struct net_device *dev)
{
	dev->_tx.state |= 1UL << __QUEUE_STATE_DRV_XOFF;
}

static inline void netif_start_queue(struct net_device *dev)
{
	dev->_tx.state &= ~(1UL << __QUEUE_STATE_DRV_XOFF);
}

void netif_wake_queue(struct net_device *dev);

/**
 * netif_rx - hand a received packet to the stack from a driver
 * @skb: packet with skb->dev, skb->protocol set and data at the network
 *	header (eth_type_trans() done); consumed
 *
 * Queues to the softirq backlog; processing happens in do_softirq().
 * Return: NET_RX_SUCCESS or NET_RX_DROP (backlog full).
 */
int netif_rx(struct sk_buff *skb);
/* netif_receive_skb - process now, in the caller's (softirq) context */
int netif_receive_skb(struct sk_buff *skb);

/**
 * net_rx_action - the receive softirq: process up to a budget (300) of
 *	packets from @st's backlog; called by do_softirq()
 * Return: true if packets are left for another round.
 */
bool net_rx_action(struct tn_stack *st);
/**
 * net_tx_action - the transmit softirq: run the qdiscs scheduled on @st
 *	(a woken queue, a run out of quota); called by do_softirq()
 * Return: true if qdiscs were scheduled again for another round.
 */
bool net_tx_action(struct tn_stack *st);

/* dev_hard_header - build the link header via dev->header_ops */
static inline int dev_hard_header(struct sk_buff *skb, struct net_device *dev,
				  unsigned short type, const void *daddr,
				  const void *saddr, unsigned int len)
{
	if (!dev->header_ops || !dev->header_ops->create)
		return 0;
	return dev->header_ops->create(skb, dev, type, daddr, saddr, len);
}

#define LL_RESERVED_SPACE(dev) \
	((((dev)->hard_header_len + (dev)->needed_headroom) & ~15) + 16)

/**
 * struct packet_type - a handler for one ethertype (or ETH_P_ALL taps)
 * @type: htons(ETH_P_IP), htons(ETH_P_ARP), htons(ETH_P_ALL)
 * @dev: NULL for every device
 * @func: takes @skb (data at the network header), consumes it
 */
struct packet_type {
	__be16 type;
	struct net_device *dev;
	int (*func)(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev);
	void *af_packet_priv;
};

void dev_add_pack(struct packet_type *pt);
void dev_remove_pack(struct packet_type *pt);
void ptype_free(struct tn_stack *st);

#endif /* _NET_NETDEVICE_H */
