// SPDX-License-Identifier: BSD-2-Clause
/*
 * Network devices, the control side: allocation, names and indexes,
 * registration, up/down, flags, MTU, MAC address, carrier and operational
 * state (RFC 2863), moving between namespaces, and the device notifier
 * chain.  The packet paths are in dev_packet.c, the ioctls in dev_ioctl.c.
 * Linux: net/core/dev.c, net/core/link_watch.c.
 */
#include <net/cred.h>
#include <net/etherdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/rtnetlink.h>
#include <net/sch_generic.h>

/**
 * alloc_netdev - allocate a device with @sizeof_priv bytes of private area
 * @name: a name or a pattern with "%d" (resolved at registration)
 * @name_assign_type: NET_NAME_*
 * @setup: the driver's initialisation (ether_setup ...)
 *
 * The device belongs to the caller's current namespace until told otherwise
 * (dev->nd_net); it is not visible anywhere before register_netdevice().
 * Return: the device or NULL.
 */
struct net_device *alloc_netdev(int sizeof_priv, const char *name,
				unsigned char name_assign_type,
				void (*setup)(struct net_device *))
{
	struct net_device *dev;
	size_t priv = sizeof_priv > 0 ? ALIGN((size_t)sizeof_priv, 16) : 0;

	(void)name_assign_type;
	if (!name || strlen(name) >= IFNAMSIZ)
		return NULL;
	dev = kzalloc(sizeof(*dev) + priv, GFP_KERNEL);
	if (!dev)
		return NULL;
	strscpy(dev->name, name, sizeof(dev->name));
	INIT_LIST_HEAD(&dev->dev_list);
	dev->nd_net = current_net();
	dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	dev->num_tx_queues = 1;
	dev->num_rx_queues = 1;
	dev_init_scheduler(dev);
	dev->operstate = IF_OPER_UNKNOWN;
	dev->reg_state = NETREG_UNINITIALIZED;
	setup(dev);
	return dev;
}

/**
 * free_netdev - free a device from alloc_netdev()
 * @dev: never registered, or unregistered.  If references are still held
 *	(dev_hold) the memory goes with the last dev_put().
 */
void free_netdev(struct net_device *dev)
{
	if (!dev)
		return;
	if (dev->reg_state != NETREG_UNINITIALIZED && dev->refcnt > 0) {
		dev->needs_free_netdev = true;
		return;
	}
	dev_mc_flush(dev);
	kfree(dev->ifalias);
	kfree(dev);
}

static void netdev_release(struct net_device *dev)
{
	if (dev->priv_destructor)
		dev->priv_destructor(dev);
	if (dev->needs_free_netdev) {
		dev_mc_flush(dev);
		kfree(dev->ifalias);
		kfree(dev);
	}
}

/**
 * dev_put - drop a reference taken with dev_hold()
 * @dev: the device; when the last reference of an unregistered device goes,
 *	its destructor runs and, if it asked for it, the memory is freed.
 */
void dev_put(struct net_device *dev)
{
	if (!dev)
		return;
	if (WARN_ON_ONCE(dev->refcnt <= 0))
		return;
	if (--dev->refcnt == 0 && dev->reg_state == NETREG_UNREGISTERED)
		netdev_release(dev);
}

/* ---- names and indexes ---- */

/**
 * dev_valid_name - may @name name a device?
 * Return: 1 if so (non-empty, < IFNAMSIZ, not "." or "..", no '/', ':' or
 * white space), else 0.  As Linux's.
 */
int dev_valid_name(const char *name)
{
	if (*name == '\0')
		return 0;
	if (strnlen(name, IFNAMSIZ) == IFNAMSIZ)
		return 0;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	for (; *name; name++) {
		if (*name == '/' || *name == ':' || *name == ' ' ||
		    *name == '\t' || *name == '\n' || *name == '\r' ||
		    *name == '\v' || *name == '\f')
			return 0;
	}
	return 1;
}

struct net_device *__dev_get_by_name(struct net *net, const char *name)
{
	struct net_device *dev;

	for_each_netdev(net, dev)
		if (!strncmp(dev->name, name, IFNAMSIZ))
			return dev;
	return NULL;
}

struct net_device *__dev_get_by_index(struct net *net, int ifindex)
{
	struct net_device *dev;

	for_each_netdev(net, dev)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

struct net_device *dev_getfirstbyhwtype(struct net *net, unsigned short type)
{
	struct net_device *dev;

	for_each_netdev(net, dev)
		if (dev->type == type)
			return dev;
	return NULL;
}

/*
 * dev_alloc_name_ns - resolve the "%d" of @pattern to the lowest unit not
 * used in @net; the result goes to @buf.  Linux allows 32768 units.
 */
static int dev_alloc_name_ns(struct net *net, const char *pattern, char *buf)
{
	const char *p = strchr(pattern, '%');
	char name[IFNAMSIZ];
	int i;

	if (!p || p[1] != 'd' || strchr(p + 2, '%'))
		return -EINVAL;
	for (i = 0; i < 32768; i++) {
		/* the pattern around "%d", without handing it to printf */
		int n = snprintf(name, sizeof(name), "%.*s%d%s",
				 (int)(p - pattern), pattern, i, p + 2);

		if (n < 0 || n >= IFNAMSIZ)
			return -ENFILE;
		if (!__dev_get_by_name(net, name)) {
			strscpy(buf, name, IFNAMSIZ);
			return i;
		}
	}
	return -ENFILE;
}

/**
 * dev_alloc_name - name @dev from @name ("veth%d") in its namespace
 * Return: the unit number chosen, or -EINVAL (bad pattern), -ENFILE.
 */
int dev_alloc_name(struct net_device *dev, const char *name)
{
	char buf[IFNAMSIZ];
	int ret;

	if (!dev_valid_name(name))
		return -EINVAL;
	ret = dev_alloc_name_ns(dev_net(dev), name, buf);
	if (ret >= 0)
		strscpy(dev->name, buf, sizeof(dev->name));
	return ret;
}

/* dev_get_valid_name - a name for @dev in @net: a pattern or a free name */
static int dev_get_valid_name(struct net *net, struct net_device *dev,
			      const char *name)
{
	char buf[IFNAMSIZ];
	int ret;

	if (!dev_valid_name(name))
		return -EINVAL;
	if (strchr(name, '%')) {
		ret = dev_alloc_name_ns(net, name, buf);
		if (ret < 0)
			return ret;
		strscpy(dev->name, buf, sizeof(dev->name));
		return 0;
	}
	if (__dev_get_by_name(net, name))
		return -EEXIST;
	if (dev->name != name)
		strscpy(dev->name, name, sizeof(dev->name));
	return 0;
}

/* dev_new_index - the next free ifindex in @net after the last one given */
static int dev_new_index(struct net *net)
{
	int ifindex = net->ifindex;

	for (;;) {
		if (++ifindex <= 0)
			ifindex = 1;
		if (!__dev_get_by_index(net, ifindex))
			return net->ifindex = ifindex;
	}
}

/*
 * list_netdevice - link @dev into its namespace's list, kept in ifindex
 * order: Linux dumps links by its ifindex hash, which is that order.
 */
static void list_netdevice(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct net_device *pos;

	list_for_each_entry(pos, &net->dev_base_head, dev_list) {
		if (pos->ifindex > dev->ifindex) {
			list_add_tail(&dev->dev_list, &pos->dev_list);
			return;
		}
	}
	list_add_tail(&dev->dev_list, &net->dev_base_head);
}

static void unlist_netdevice(struct net_device *dev)
{
	list_del_init(&dev->dev_list);
}

/* ---- notifiers ---- */

/**
 * call_netdevice_notifiers - tell every notifier block about @dev
 * @val: NETDEV_*; the blocks get @dev as their data pointer
 * Return: the chain's last NOTIFY_* value (notifier_to_errno() for -errno).
 */
int call_netdevice_notifiers(unsigned long val, struct net_device *dev)
{
	return raw_notifier_call_chain(&current_stack()->netdev_chain, val,
				       dev);
}

/**
 * register_netdevice_notifier - add @nb to the device chain
 *
 * As Linux, @nb is first told NETDEV_REGISTER (and NETDEV_UP for running
 * devices) of every device that exists already, in every namespace.
 * Return: 0 or -errno.
 */
int register_netdevice_notifier(struct notifier_block *nb)
{
	struct tn_stack *st = current_stack();
	struct net_device *dev;
	struct net *net;
	int err;

	err = raw_notifier_chain_register(&st->netdev_chain, nb);
	if (err)
		return err;
	for_each_net(st, net) {
		for_each_netdev(net, dev) {
			nb->notifier_call(nb, NETDEV_REGISTER, dev);
			if (dev->flags & IFF_UP)
				nb->notifier_call(nb, NETDEV_UP, dev);
		}
	}
	return 0;
}

int unregister_netdevice_notifier(struct notifier_block *nb)
{
	return raw_notifier_chain_unregister(&current_stack()->netdev_chain,
					     nb);
}

/* ---- operational state (RFC 2863), Linux's link watch, synchronous ---- */

int dev_get_iflink(const struct net_device *dev)
{
	if (dev->netdev_ops && dev->netdev_ops->ndo_get_iflink)
		return dev->netdev_ops->ndo_get_iflink(dev);
	return dev->ifindex;
}

/*
 * Without carrier, LOWERLAYERDOWN only if the lower device is found in
 * @dev's own namespace and has no carrier either, as Linux decides it: a
 * veth whose peer lives in another namespace looks its peer's ifindex up
 * here, finds nothing (or an unrelated device with carrier) and says DOWN.
 */
static unsigned char default_operstate(const struct net_device *dev)
{
	struct net_device *lower;
	int iflink;

	if (!netif_carrier_ok(dev)) {
		iflink = dev_get_iflink(dev);
		if (iflink == dev->ifindex)
			return IF_OPER_DOWN;
		lower = __dev_get_by_index(dev_net(dev), iflink);
		if (!lower || netif_carrier_ok(lower))
			return IF_OPER_DOWN;
		return IF_OPER_LOWERLAYERDOWN;
	}
	return IF_OPER_UP;
}

static void rfc2863_policy(struct net_device *dev)
{
	dev->operstate = default_operstate(dev);
}

/**
 * netdev_state_change - a running device changed state (carrier ...):
 *	NETDEV_CHANGE to the notifiers and RTM_NEWLINK to listeners
 */
void netdev_state_change(struct net_device *dev)
{
	if (dev->flags & IFF_UP) {
		call_netdevice_notifiers(NETDEV_CHANGE, dev);
		rtmsg_ifinfo(RTM_NEWLINK, dev, 0);
	}
}

void linkwatch_fire_event(struct net_device *dev)
{
	if (dev->reg_state != NETREG_REGISTERED)
		return;
	rfc2863_policy(dev);
	netdev_state_change(dev);
}

/**
 * netif_carrier_on - the link came up (veth: both ends up)
 * Operational state follows (UP), then NETDEV_CHANGE and RTM_NEWLINK.
 */
void netif_carrier_on(struct net_device *dev)
{
	if (dev->state & (1UL << __LINK_STATE_NOCARRIER)) {
		dev->state &= ~(1UL << __LINK_STATE_NOCARRIER);
		if (dev->reg_state == NETREG_UNINITIALIZED)
			return;
		dev->carrier_up_count++;
		linkwatch_fire_event(dev);
	}
}

/* netif_carrier_off - the link went down: DOWN or LOWERLAYERDOWN */
void netif_carrier_off(struct net_device *dev)
{
	if (!(dev->state & (1UL << __LINK_STATE_NOCARRIER))) {
		dev->state |= 1UL << __LINK_STATE_NOCARRIER;
		if (dev->reg_state == NETREG_UNINITIALIZED)
			return;
		dev->carrier_down_count++;
		linkwatch_fire_event(dev);
	}
}

/**
 * dev_get_flags - the IFF_* flags as ifconfig and `ip link` show them
 *
 * IFF_RUNNING when up and operationally up (or unknown, as loopback);
 * IFF_LOWER_UP when up with carrier; PROMISC/ALLMULTI as the user set them.
 */
unsigned int dev_get_flags(const struct net_device *dev)
{
	unsigned int flags;

	flags = (dev->flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING |
				IFF_LOWER_UP | IFF_DORMANT)) |
		(dev->gflags & (IFF_PROMISC | IFF_ALLMULTI));
	if (netif_running(dev)) {
		if (netif_oper_up(dev))
			flags |= IFF_RUNNING;
		if (netif_carrier_ok(dev))
			flags |= IFF_LOWER_UP;
	}
	return flags;
}

/* ---- registration ---- */

/**
 * register_netdevice - make @dev visible in its namespace
 * @dev: from alloc_netdev(), dev->nd_net set; a "%d" name is resolved here
 *
 * Runs ndo_init, assigns the ifindex (the next free one in the namespace,
 * or dev->ifindex if the caller chose one), lists the device, tells the
 * notifiers (NETDEV_REGISTER) and netlink listeners (RTM_NEWLINK).
 * Return: 0, -EINVAL (bad name), -EEXIST (name taken), -EBUSY (ifindex
 *	taken), or what ndo_init or a notifier returned.
 */
/*
 * user.max_net_devices: the devices @owner made through rtnetlink (veth ...;
 * not the loopback device every namespace comes with), in every namespace.
 * Linux has no such count; its limits of the same kind (ucounts) fail with
 * ENOSPC, and so does this one.
 */
static int dev_count_owned(struct tn_stack *st, u32 owner)
{
	struct net_device *d;
	struct net *net;
	int n = 0;

	for_each_net(st, net)
		for_each_netdev(net, d)
			if (d->rtnl_link_ops && d->owner == owner)
				n++;
	return n;
}

int register_netdevice(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct tn_stack *st = current_stack();
	int ret;

	ASSERT_RTNL();
	if (WARN_ON_ONCE(dev->reg_state != NETREG_UNINITIALIZED))
		return -EINVAL;
	if (dev->rtnl_link_ops) {
		dev->owner = current_cred()->euid;
		if (dev_count_owned(st, dev->owner) >= st->max_devs_per_owner)
			return -ENOSPC;
	}
	ret = dev_get_valid_name(net, dev, dev->name);
	if (ret < 0)
		return ret;

	if (dev->netdev_ops && dev->netdev_ops->ndo_init) {
		ret = dev->netdev_ops->ndo_init(dev);
		if (ret)
			return ret > 0 ? -EIO : ret;
	}

	ret = -EBUSY;
	if (!dev->ifindex)
		dev->ifindex = dev_new_index(net);
	else if (__dev_get_by_index(net, dev->ifindex))
		goto err_uninit;

	if (dev->addr_assign_type == NET_ADDR_PERM)
		memcpy(dev->perm_addr, dev->dev_addr, dev->addr_len);

	dev->state |= 1UL << __LINK_STATE_PRESENT;
	if (!netif_carrier_ok(dev))
		rfc2863_policy(dev);
	dev->refcnt++; /* the registration's reference */
	dev->reg_state = NETREG_REGISTERED;
	list_netdevice(dev);

	ret = notifier_to_errno(call_netdevice_notifiers(NETDEV_REGISTER, dev));
	if (ret) {
		/* undo as unregister would, but the caller still owns @dev */
		call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
		unlist_netdevice(dev);
		dev->refcnt--;
		dev->reg_state = NETREG_UNINITIALIZED;
		dev->state &= ~(1UL << __LINK_STATE_PRESENT);
		goto err_uninit;
	}
	rtmsg_ifinfo(RTM_NEWLINK, dev, ~0U);
	return 0;

err_uninit:
	if (dev->netdev_ops && dev->netdev_ops->ndo_uninit)
		dev->netdev_ops->ndo_uninit(dev);
	return ret;
}

/* flush_backlog - drop @dev's packets still waiting for the softirq */
static void flush_backlog(struct net_device *dev)
{
	struct sk_buff_head *q = &current_stack()->softnet.input_pkt_queue;
	struct sk_buff *skb, *tmp;

	skb_queue_walk_safe(q, skb, tmp) {
		if (skb->dev == dev) {
			skb_unlink(skb, q);
			kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		}
	}
}

/* register_netdev, unregister_netdev - the same, taking the RTNL */
int register_netdev(struct net_device *dev)
{
	int err;

	rtnl_lock();
	err = register_netdevice(dev);
	rtnl_unlock();
	return err;
}

void unregister_netdev(struct net_device *dev)
{
	rtnl_lock();
	unregister_netdevice(dev);
	rtnl_unlock();
}

/**
 * unregister_netdevice - take @dev out of its namespace
 *
 * Closes it, tells the notifiers (NETDEV_UNREGISTER: addresses, routes and
 * neighbours go) and listeners (RTM_DELLINK), runs ndo_uninit and drops
 * the registration's reference.  A device with needs_free_netdev is freed
 * when the last reference goes (at once if no one holds one); others are
 * freed by the caller with free_netdev().
 */
void unregister_netdevice(struct net_device *dev)
{
	ASSERT_RTNL();
	if (dev->reg_state != NETREG_REGISTERED)
		return;
	dev_close(dev);
	dev_shutdown(dev);
	unlist_netdevice(dev);
	dev->reg_state = NETREG_UNREGISTERING;
	flush_backlog(dev);

	call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
	rtmsg_ifinfo(RTM_DELLINK, dev, ~0U);
	if (dev->netdev_ops && dev->netdev_ops->ndo_uninit)
		dev->netdev_ops->ndo_uninit(dev);

	dev->state &= ~(1UL << __LINK_STATE_PRESENT);
	dev->reg_state = NETREG_UNREGISTERED;
	dev_put(dev);
}

/* ---- up and down ---- */

static int __dev_open(struct net_device *dev)
{
	int ret;

	ASSERT_RTNL();
	if (!(dev->state & (1UL << __LINK_STATE_PRESENT)))
		return -ENODEV;
	ret = notifier_to_errno(call_netdevice_notifiers(NETDEV_PRE_UP, dev));
	if (ret)
		return ret;
	dev->state |= 1UL << __LINK_STATE_START;
	if (dev->netdev_ops && dev->netdev_ops->ndo_open) {
		ret = dev->netdev_ops->ndo_open(dev);
		if (ret) {
			dev->state &= ~(1UL << __LINK_STATE_START);
			return ret;
		}
	}
	dev->flags |= IFF_UP;
	dev_activate(dev);
	return 0;
}

static void __dev_close(struct net_device *dev)
{
	ASSERT_RTNL();
	call_netdevice_notifiers(NETDEV_GOING_DOWN, dev);
	dev->state &= ~(1UL << __LINK_STATE_START);
	dev_deactivate(dev);
	if (dev->netdev_ops && dev->netdev_ops->ndo_stop)
		dev->netdev_ops->ndo_stop(dev);
	dev->flags &= ~IFF_UP;
}

/**
 * dev_open - bring @dev up (IFF_UP); NETDEV_UP and RTM_NEWLINK follow
 * Return: 0 (also if it was up), -ENODEV, or the driver's ndo_open error.
 */
int dev_open(struct net_device *dev)
{
	int ret;

	if (dev->flags & IFF_UP)
		return 0;
	ret = __dev_open(dev);
	if (ret < 0)
		return ret;
	rtmsg_ifinfo(RTM_NEWLINK, dev, IFF_UP | IFF_RUNNING);
	call_netdevice_notifiers(NETDEV_UP, dev);
	return 0;
}

/* dev_close - take @dev down; RTM_NEWLINK and NETDEV_DOWN follow.  0. */
int dev_close(struct net_device *dev)
{
	if (!(dev->flags & IFF_UP))
		return 0;
	__dev_close(dev);
	rtmsg_ifinfo(RTM_NEWLINK, dev, IFF_UP | IFF_RUNNING);
	call_netdevice_notifiers(NETDEV_DOWN, dev);
	return 0;
}

static void dev_set_flag_count(struct net_device *dev, int *count,
			       unsigned int flag, int inc)
{
	*count += inc;
	if (*count < 0)
		*count = 0;
	if (*count)
		dev->flags |= flag;
	else
		dev->flags &= ~flag;
}

/* dev_set_promiscuity - count a promiscuous user (tcpdump); 0 */
int dev_set_promiscuity(struct net_device *dev, int inc)
{
	ASSERT_RTNL();
	dev_set_flag_count(dev, &dev->promiscuity, IFF_PROMISC, inc);
	return 0;
}

/* dev_set_allmulti - count an all-multicast user; 0 */
int dev_set_allmulti(struct net_device *dev, int inc)
{
	ASSERT_RTNL();
	dev_set_flag_count(dev, &dev->allmulti, IFF_ALLMULTI, inc);
	return 0;
}

/**
 * dev_change_flags - set the user-changeable IFF_* of @dev from @flags
 *
 * IFF_UP opens or closes the device; NOARP, MULTICAST, DEBUG ... are copied;
 * PROMISC and ALLMULTI count as one user each.  Then RTM_NEWLINK, NETDEV_UP
 * or NETDEV_DOWN, and NETDEV_CHANGE for other changes of a running device.
 * Return: 0 or the error of opening the device.
 */
int dev_change_flags(struct net_device *dev, unsigned int flags)
{
	unsigned int old_flags = dev->flags, old_gflags = dev->gflags;
	unsigned int changes, gchanges;
	int ret = 0;

	ASSERT_RTNL();
	dev->flags =
		(flags & (IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC |
			  IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA)) |
		(dev->flags &
		 (IFF_UP | IFF_VOLATILE | IFF_PROMISC | IFF_ALLMULTI));
	if ((old_flags ^ flags) & IFF_UP) {
		if (old_flags & IFF_UP)
			__dev_close(dev);
		else
			ret = __dev_open(dev);
	}
	if ((flags ^ dev->gflags) & IFF_PROMISC) {
		dev->gflags ^= IFF_PROMISC;
		dev_set_promiscuity(dev, flags & IFF_PROMISC ? 1 : -1);
	}
	if ((flags ^ dev->gflags) & IFF_ALLMULTI) {
		dev->gflags ^= IFF_ALLMULTI;
		dev_set_allmulti(dev, flags & IFF_ALLMULTI ? 1 : -1);
	}
	if (ret < 0)
		return ret;

	gchanges = (old_flags ^ dev->flags) | (old_gflags ^ dev->gflags);
	changes = dev->flags ^ old_flags;
	if (gchanges)
		rtmsg_ifinfo(RTM_NEWLINK, dev, gchanges);
	if (changes & IFF_UP)
		call_netdevice_notifiers(
			dev->flags & IFF_UP ? NETDEV_UP : NETDEV_DOWN, dev);
	if ((dev->flags & IFF_UP) &&
	    (changes & ~(IFF_UP | IFF_PROMISC | IFF_ALLMULTI | IFF_VOLATILE))) {
		dev->flags_changed = changes;
		call_netdevice_notifiers(NETDEV_CHANGE, dev);
		dev->flags_changed = 0;
	}
	return 0;
}

/* ---- MTU, queue length, name, address ---- */

int dev_validate_mtu(struct net_device *dev, int new_mtu,
		     struct netlink_ext_ack *extack)
{
	if (new_mtu < 0 || new_mtu < (int)dev->min_mtu) {
		NL_SET_ERR_MSG(extack, "mtu less than device minimum");
		return -EINVAL;
	}
	if (dev->max_mtu > 0 && new_mtu > (int)dev->max_mtu) {
		NL_SET_ERR_MSG(extack, "mtu greater than device maximum");
		return -EINVAL;
	}
	return 0;
}

static int __dev_set_mtu(struct net_device *dev, int new_mtu)
{
	if (dev->netdev_ops && dev->netdev_ops->ndo_change_mtu)
		return dev->netdev_ops->ndo_change_mtu(dev, new_mtu);
	dev->mtu = (unsigned int)new_mtu;
	return 0;
}

/**
 * dev_set_mtu_ext - change @dev's MTU, with the reason for a refusal
 * Return: 0; -EINVAL outside [min_mtu, max_mtu] (extack says which);
 *	-ENODEV; a notifier's veto (the old MTU is restored).
 */
int dev_set_mtu_ext(struct net_device *dev, int new_mtu,
		    struct netlink_ext_ack *extack)
{
	int err, orig_mtu;

	ASSERT_RTNL();
	if (new_mtu == (int)dev->mtu)
		return 0;
	err = dev_validate_mtu(dev, new_mtu, extack);
	if (err)
		return err;
	if (!(dev->state & (1UL << __LINK_STATE_PRESENT)))
		return -ENODEV;
	orig_mtu = (int)dev->mtu;
	err = __dev_set_mtu(dev, new_mtu);
	if (err)
		return err;
	err = notifier_to_errno(
		call_netdevice_notifiers(NETDEV_CHANGEMTU, dev));
	if (err) {
		__dev_set_mtu(dev, orig_mtu);
		call_netdevice_notifiers(NETDEV_CHANGEMTU, dev);
	}
	return err;
}

int dev_set_mtu(struct net_device *dev, int new_mtu)
{
	return dev_set_mtu_ext(dev, new_mtu, NULL);
}

/* dev_change_tx_queue_len - "ip link set DEV txqueuelen N"; 0 or -ERANGE */
int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len)
{
	if (new_len != (unsigned int)new_len)
		return -ERANGE;
	dev->tx_queue_len = (unsigned int)new_len;
	return 0;
}

/**
 * dev_change_name - rename @dev
 * @newname: a name or a "%d" pattern
 * A device that is up may be renamed, as in current kernels (before 6.x
 * Linux refused with -EBUSY).
 * Return: 0; -EINVAL bad name; -EEXIST taken; a notifier's veto (the old
 *	name is restored).
 */
int dev_change_name(struct net_device *dev, const char *newname)
{
	char oldname[IFNAMSIZ];
	int err;

	ASSERT_RTNL();
	if (!strncmp(newname, dev->name, IFNAMSIZ))
		return 0;
	memcpy(oldname, dev->name, IFNAMSIZ);
	err = dev_get_valid_name(dev_net(dev), dev, newname);
	if (err < 0)
		return err;
	err = notifier_to_errno(
		call_netdevice_notifiers(NETDEV_CHANGENAME, dev));
	if (err) {
		memcpy(dev->name, oldname, IFNAMSIZ);
		call_netdevice_notifiers(NETDEV_CHANGENAME, dev);
	}
	return err;
}

/**
 * dev_set_alias - set @dev's alias (`ip link set DEV alias NAME`) to the
 *	first @len bytes of @alias, up to a NUL; @len 0 removes it
 * Return: 0; -EINVAL if @len >= IFALIASZ; -ENOMEM.
 */
int dev_set_alias(struct net_device *dev, const char *alias, size_t len)
{
	char *new = NULL;

	if (len >= IFALIASZ)
		return -EINVAL;
	if (len) {
		new = kzalloc(len + 1, GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		memcpy(new, alias, len);
		new[strnlen(new, len)] = '\0';
	}
	kfree(dev->ifalias);
	dev->ifalias = new;
	return (int)len;
}

/**
 * dev_set_mac_address - change @dev's hardware address
 * @sa: sa_family must be dev->type; the address is in sa_data
 * Return: 0; -EOPNOTSUPP (no ndo_set_mac_address, as loopback); -EINVAL
 *	(wrong family); -ENODEV; the driver's -EBUSY/-EADDRNOTAVAIL.
 */
int dev_set_mac_address(struct net_device *dev, const struct sockaddr *sa)
{
	int err;

	ASSERT_RTNL();
	if (!dev->netdev_ops || !dev->netdev_ops->ndo_set_mac_address)
		return -EOPNOTSUPP;
	if (sa->sa_family != dev->type)
		return -EINVAL;
	if (!(dev->state & (1UL << __LINK_STATE_PRESENT)))
		return -ENODEV;
	err = notifier_to_errno(
		call_netdevice_notifiers(NETDEV_PRE_CHANGEADDR, dev));
	if (err)
		return err;
	err = dev->netdev_ops->ndo_set_mac_address(dev, (void *)sa);
	if (err)
		return err;
	dev->addr_assign_type = NET_ADDR_SET;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	return 0;
}

/**
 * dev_get_stats - @dev's counters: the driver's plus the core's drops
 * @stats: filled in
 */
void dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *stats)
{
	if (dev->netdev_ops && dev->netdev_ops->ndo_get_stats64) {
		memset(stats, 0, sizeof(*stats));
		dev->netdev_ops->ndo_get_stats64(dev, stats);
	} else {
		*stats = dev->stats;
	}
	stats->rx_dropped += dev->rx_dropped_core + dev->rx_dropped_backlog;
	stats->tx_dropped += dev->tx_dropped_core;
	stats->rx_nohandler += dev->rx_nohandler;
}

/* ---- namespaces ---- */

/**
 * dev_change_net_namespace - move @dev to @net
 * @pat: if @dev's name is taken in @net, a pattern ("dev%d") to rename it
 *	by; NULL: fail with -EEXIST instead
 *
 * The device goes down, leaves its namespace as if unregistered
 * (NETDEV_UNREGISTER, RTM_DELLINK: addresses and neighbours go) and
 * arrives in @net as if registered, keeping its ifindex unless that is
 * taken there.
 * Return: 0; -EINVAL if the device may not move (NETIF_F_NETNS_LOCAL, as
 *	loopback) or is not registered; -EEXIST; a name error.
 */
int dev_change_net_namespace(struct net_device *dev, struct net *net,
			     const char *pat)
{
	struct net *net_old = dev_net(dev);
	int err;

	ASSERT_RTNL();
	if (dev->features & NETIF_F_NETNS_LOCAL)
		return -EINVAL;
	if (dev->reg_state != NETREG_REGISTERED)
		return -EINVAL;
	if (net_eq(net_old, net))
		return 0;
	if (__dev_get_by_name(net, dev->name)) {
		if (!pat)
			return -EEXIST;
		err = dev_get_valid_name(net, dev, pat);
		if (err < 0)
			return err;
	}

	dev_close(dev);
	/* the qdisc goes; the next open attaches a new default one */
	dev_shutdown(dev);
	unlist_netdevice(dev);
	call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
	peernet2id_alloc(net_old, net);
	rtmsg_ifinfo(RTM_DELLINK, dev, ~0U);

	dev->nd_net = net;
	if (__dev_get_by_index(net, dev->ifindex))
		dev->ifindex = dev_new_index(net);
	list_netdevice(dev);
	call_netdevice_notifiers(NETDEV_REGISTER, dev);
	rtmsg_ifinfo(RTM_NEWLINK, dev, ~0U);
	return 0;
}
