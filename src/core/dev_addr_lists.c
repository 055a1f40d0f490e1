// SPDX-License-Identifier: BSD-2-Clause
/*
 * The link-layer multicast addresses a device listens to: one entry per
 * address with a count of users (IGMP's group filters through
 * ip_mc_filter_add, the administrator through SIOCADDMULTI / `ip maddr
 * add`, which marks the entry "global" once), and /proc/net/dev_mcast.
 * Linux: net/core/dev_addr_lists.c (dev_mc_*), net/core/net-procfs.c.
 *
 * Ethernet devices here (veth) filter nothing in hardware, as Linux's veth
 * does: the list is what the device would program into a filter, and what
 * `ip maddr` shows.
 */
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/proc_fs.h>

static struct netdev_hw_addr *dev_mc_find(const struct net_device *dev,
					  const unsigned char *addr)
{
	struct netdev_hw_addr *ha;

	for (ha = dev->mc_list; ha; ha = ha->next)
		if (!memcmp(ha->addr, addr, dev->addr_len))
			return ha;
	return NULL;
}

static int __dev_mc_add(struct net_device *dev, const unsigned char *addr,
			bool global)
{
	struct netdev_hw_addr *ha, **pp;

	if (!dev->addr_len || dev->addr_len > MAX_ADDR_LEN)
		return -EINVAL;
	ha = dev_mc_find(dev, addr);
	if (ha) {
		if (global) {
			if (ha->global_use)
				return 0; /* the administrator's once */
			ha->global_use = true;
		}
		ha->refcount++;
		return 0;
	}
	ha = kzalloc(sizeof(*ha), GFP_ATOMIC);
	if (!ha)
		return -ENOMEM;
	memcpy(ha->addr, addr, dev->addr_len);
	ha->refcount = 1;
	ha->global_use = global;
	for (pp = &dev->mc_list; *pp; pp = &(*pp)->next)
		;
	*pp = ha; /* newest last, as Linux's list_add_tail */
	dev->mc_count++;
	return 0;
}

static int __dev_mc_del(struct net_device *dev, const unsigned char *addr,
			bool global)
{
	struct netdev_hw_addr *ha, **pp;

	for (pp = &dev->mc_list; (ha = *pp) != NULL; pp = &ha->next) {
		if (memcmp(ha->addr, addr, dev->addr_len))
			continue;
		if (global) {
			if (!ha->global_use)
				return -ENOENT;
			ha->global_use = false;
		}
		if (--ha->refcount > 0)
			return 0;
		*pp = ha->next;
		dev->mc_count--;
		kfree(ha);
		return 0;
	}
	return -ENOENT;
}

/**
 * dev_mc_add - one more user of the link-layer multicast address @addr
 * @dev: the device (@addr is dev->addr_len bytes)
 * Return: 0, -ENOMEM, or -EINVAL for a device without link addresses.
 */
int dev_mc_add(struct net_device *dev, const unsigned char *addr)
{
	return __dev_mc_add(dev, addr, false);
}

/* dev_mc_del - one user less; the entry goes with its last.  0 or -ENOENT */
int dev_mc_del(struct net_device *dev, const unsigned char *addr)
{
	return __dev_mc_del(dev, addr, false);
}

/* dev_mc_add_global - SIOCADDMULTI: the administrator's use, counted once */
int dev_mc_add_global(struct net_device *dev, const unsigned char *addr)
{
	return __dev_mc_add(dev, addr, true);
}

/* dev_mc_del_global - SIOCDELMULTI: -ENOENT unless added globally */
int dev_mc_del_global(struct net_device *dev, const unsigned char *addr)
{
	return __dev_mc_del(dev, addr, true);
}

/* dev_mc_flush - forget every entry (the device is going away) */
void dev_mc_flush(struct net_device *dev)
{
	struct netdev_hw_addr *ha;

	while ((ha = dev->mc_list) != NULL) {
		dev->mc_list = ha->next;
		kfree(ha);
	}
	dev->mc_count = 0;
}

/* /proc/net/dev_mcast: "%-4d %-15s %-5d %-5d " then the address in hex */
static int dev_mc_seq_show(struct seq_file *seq, void *v)
{
	struct net_device *dev;

	(void)v;
	for_each_netdev(seq_file_net(seq), dev) {
		const struct netdev_hw_addr *ha;

		for (ha = dev->mc_list; ha; ha = ha->next) {
			unsigned int i;

			seq_printf(seq, "%-4d %-15s %-5d %-5d ", dev->ifindex,
				   dev->name, ha->refcount, ha->global_use);
			for (i = 0; i < dev->addr_len; i++)
				seq_printf(seq, "%02x", ha->addr[i]);
			seq_putc(seq, '\n');
		}
	}
	return 0;
}

/**
 * dev_mcast_proc_init - register /proc/net/dev_mcast
 * Return: 0 or -errno.
 */
int dev_mcast_proc_init(struct tn_stack *st)
{
	(void)st;
	return proc_create_net_single("dev_mcast", 0444, dev_mc_seq_show);
}
