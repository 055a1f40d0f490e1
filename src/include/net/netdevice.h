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

/* segmentation offloads (ethtool -k: tx-udp-segmentation, tx-gso-list) */
#define NETIF_F_GSO_UDP_L4   (1ULL << 5)
#define NETIF_F_FRAGLIST     (1ULL << 6) /* takes skbs with a frag_list */
#define NETIF_F_GSO_FRAGLIST (1ULL << 7)
/* what the stack can segment itself (Linux's NETIF_F_GSO_SOFTWARE) */
#define NETIF_F_GSO_SOFTWARE (NETIF_F_GSO_UDP_L4 | NETIF_F_GSO_FRAGLIST)
/* receive offloads (ethtool -k: generic-receive-offload, rx-gro-list,
 * rx-udp-gro-forwarding); all off on veth by default, as Linux */
#define NETIF_F_GRO	     (1ULL << 8)
#define NETIF_F_GRO_FRAGLIST (1ULL << 9)
#define NETIF_F_GRO_UDP_FWD  (1ULL << 10)
/* tcp-segmentation-offload: takes TCP super-segments (SKB_GSO_TCPV4) */
#define NETIF_F_TSO (1ULL << 11)

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
#define IFF_NO_RX_HANDLER    (1U << 2) /* no rx_handler may be attached */

/*
 * What an rx_handler (bridge, bonding, macvlan ...) tells
 * __netif_receive_skb it did with a packet:
 * @RX_HANDLER_CONSUMED: it took the packet; nothing more happens to it
 * @RX_HANDLER_ANOTHER: it changed skb->dev; receive it again as coming
 *	from that device (taps, its rx_handler, the protocols)
 * @RX_HANDLER_EXACT: only protocol handlers bound to this device see it
 * @RX_HANDLER_PASS: go on as if there were no rx_handler
 */
enum rx_handler_result {
	RX_HANDLER_CONSUMED,
	RX_HANDLER_ANOTHER,
	RX_HANDLER_EXACT,
	RX_HANDLER_PASS,
};
typedef enum rx_handler_result rx_handler_result_t;
/* it may replace the packet (*pskb) and must consume what it keeps */
typedef rx_handler_result_t rx_handler_func_t(struct sk_buff **pskb);

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

/*
 * A link-layer multicast address the device listens to (Linux's
 * netdev_hw_addr): @refcount users, one of them the administrator's
 * (SIOCADDMULTI, `ip maddr add`) when @global_use.  net/core/dev_addr_lists.c
 */
struct netdev_hw_addr {
	struct netdev_hw_addr *next;
	unsigned char addr[MAX_ADDR_LEN];
	int refcount;
	bool global_use;
};

struct net_device {
	char name[IFNAMSIZ];
	char *ifalias;
	struct list_head dev_list; /* net->dev_base_head, by ifindex order */
	int ifindex;
	struct net *nd_net;

	unsigned int flags; /* IFF_* as the user sees them */
	unsigned int gflags;
	/* During a NETDEV_CHANGE from dev_change_flags(): the IFF_* that
	 * changed (Linux passes them in netdev_notifier_change_info). */
	unsigned int flags_changed;
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
	/* the receive hook of a master device (netdev_rx_handler_register) */
	rx_handler_func_t *rx_handler;
	void *rx_handler_data;
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
	/* multicast addresses, oldest first (/proc/net/dev_mcast order) */
	struct netdev_hw_addr *mc_list;
	unsigned int mc_count;

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
/* dev_addr_lists.c: the device's link-layer multicast list */
int dev_mc_add(struct net_device *dev, const unsigned char *addr);
int dev_mc_del(struct net_device *dev, const unsigned char *addr);
int dev_mc_add_global(struct net_device *dev, const unsigned char *addr);
int dev_mc_del_global(struct net_device *dev, const unsigned char *addr);
void dev_mc_flush(struct net_device *dev);
int dev_mcast_proc_init(struct tn_stack *st);
int dev_change_name(struct net_device *dev, const char *newname);
int dev_set_alias(struct net_device *dev, const char *alias, size_t len);
int dev_set_mac_address(struct net_device *dev, const struct sockaddr *sa);
int dev_change_net_namespace(struct net_device *dev, struct net *net,
			     const char *pat);
void dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *stats);
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

/*
 * NAPI: a driver's receive context, polled by the receive softirq
 * (net_rx_action) with a budget, instead of a packet at a time.
 *
 * netif_napi_add() ties @napi to @dev with @poll; it starts disabled, and
 * napi_enable() (at open) lets it run.  The driver calls napi_schedule()
 * when packets wait (its "interrupt"); the softirq then calls
 * poll(napi, weight), which hands up to weight packets to the stack
 * (napi_gro_receive or netif_receive_skb) and returns how many.  A poll
 * that did less than its weight has emptied its queue and must call
 * napi_complete_done(); one that did its whole weight stays scheduled and
 * is polled again.  napi_disable() (at stop) waits out a poll and keeps
 * it from being scheduled; netif_napi_del() (before the device is freed)
 * forgets it.  Context: the stack lock, as everything here.
 */
enum {
	NAPI_STATE_SCHED, /* on the poll list, or disabled */
	NAPI_STATE_MISSED, /* scheduled again while being polled */
	NAPI_STATE_DISABLE, /* napi_disable under way */
	NAPI_STATE_LISTED, /* netif_napi_add done */
};

#define NAPI_POLL_WEIGHT 64

void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
			   int (*poll)(struct napi_struct *, int), int weight);
static inline void netif_napi_add(struct net_device *dev,
				  struct napi_struct *napi,
				  int (*poll)(struct napi_struct *, int))
{
	netif_napi_add_weight(dev, napi, poll, NAPI_POLL_WEIGHT);
}
void netif_napi_del(struct napi_struct *napi);
void napi_enable(struct napi_struct *napi);
void napi_disable(struct napi_struct *napi);
/* napi_schedule_prep - claim @napi for scheduling; false if it already
 * is scheduled (then it is marked MISSED and polled again) or disabled */
bool napi_schedule_prep(struct napi_struct *napi);
void __napi_schedule(struct napi_struct *napi);
static inline bool napi_schedule(struct napi_struct *napi)
{
	if (napi_schedule_prep(napi)) {
		__napi_schedule(napi);
		return true;
	}
	return false;
}
/* napi_complete_done - the poll emptied its queue after @work_done
 * packets; false if @napi must stay scheduled (more came meanwhile) */
bool napi_complete_done(struct napi_struct *napi, int work_done);
static inline bool napi_complete(struct napi_struct *napi)
{
	return napi_complete_done(napi, 0);
}
/*
 * GRO (src/core/gro.c, docs/skb.md).  napi_gro_receive() is what a NAPI
 * poll hands its packets to.  On a device with NETIF_F_GRO, packets of one
 * flow are merged into one GSO packet (held per NAPI in gro_hash until the
 * flow ends, the poll completes or the list is full); the rest, and what
 * the merging completes, go up in batches of net.core.gro_normal_batch (8),
 * and what is left at the end of the poll (napi_complete_done, or a
 * repoll) goes up then, in order.
 */
enum gro_result {
	GRO_MERGED,
	GRO_MERGED_FREE,
	GRO_HELD,
	GRO_NORMAL,
	GRO_CONSUMED,
};
typedef enum gro_result gro_result_t;
#define GRO_NORMAL_BATCH 8
gro_result_t napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb);
/* gro_normal_list - hand up what napi_gro_receive batched */
void gro_normal_list(struct napi_struct *napi);
/* napi_gro_flush - complete the held packets (only those held since an
 * earlier jiffy with @flush_old) and queue them for gro_normal_list */
void napi_gro_flush(struct napi_struct *napi, bool flush_old);
/* gro_cleanup - drop what @napi holds (netif_napi_del) */
void gro_cleanup(struct napi_struct *napi);

/* net_rx_pending - scheduled receive work (a NAPI on the poll list) */
static inline bool net_rx_pending(const struct tn_stack *st)
{
	return !list_empty(&st->softnet.poll_list);
}

/*
 * A driver's file descriptor (a TAP device, a socket to another stack):
 * the stack's worker waits on it beside its own work and calls @cb, in
 * softirq context with the stack lock held, with the poll(2) revents, when
 * it is ready; @cb typically reads a batch and napi_schedule()s.  A stack
 * without a worker (a plain virtual clock) looks at it, without waiting,
 * whenever its softirq runs.  The driver keeps the fd open until
 * netdev_poll_fd_del(), which it calls before @dev goes.
 */
typedef void (*netdev_poll_fd_cb)(struct net_device *dev, int fd, short revents,
				  void *arg);
/* Return: 0; -EINVAL (fd < 0, no @cb, no events); -EEXIST (fd watched) */
int netdev_poll_fd_add(struct net_device *dev, int fd, short events,
		       netdev_poll_fd_cb cb, void *arg);
/* netdev_poll_fd_events - wait for @events on @fd from now (POLLOUT while
 * a ring is full ...); -ENOENT if @fd is not watched for @dev */
int netdev_poll_fd_events(struct net_device *dev, int fd, short events);
void netdev_poll_fd_del(struct net_device *dev, int fd);
/* netdev_poll_fds_free - at stack teardown: forget what drivers left */
void netdev_poll_fds_free(struct tn_stack *st);

/**
 * netdev_rx_handler_register - have @rx_handler see every packet @dev
 *	receives, before the protocols do (after the taps)
 * @rx_handler_data: for the handler (dev->rx_handler_data)
 * Return: 0; -EBUSY if @dev has one; -EINVAL if @dev refuses them
 *	(IFF_NO_RX_HANDLER).  Context: RTNL (the stack lock).  The owner
 *	unregisters it before @dev goes (NETDEV_UNREGISTER), as on Linux.
 */
int netdev_rx_handler_register(struct net_device *dev,
			       rx_handler_func_t *rx_handler,
			       void *rx_handler_data);
void netdev_rx_handler_unregister(struct net_device *dev);
/* netdev_is_rx_handler_busy - true if @dev has an rx_handler */
bool netdev_is_rx_handler_busy(struct net_device *dev);

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
