/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the FIB, route and devinet tests: a stack with a virtual
 * clock, dummy Ethernet devices, addresses set the way ifconfig sets them
 * (SIOCSIFADDR + SIOCSIFNETMASK), routes added the way RTM_NEWROUTE adds
 * them, and sysctl writes through /proc/sys.
 */
#ifndef TN_TEST_FIB_HELPERS_H
#define TN_TEST_FIB_HELPERS_H

#include <fcntl.h>
#include <linux/sockios.h>

#include <net/etherdevice.h>
#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/route.h>

#include "ktest.h"

static struct tn_stack *st;
static struct net *net;

static void fh_setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	/* The tests configure as the control plane does: under the RTNL. */
	stack_enter(st);
	rtnl_lock();
	net = st->init_net;
}

/*
 * fh_unlock, fh_relock - leave the stack (and the RTNL) for a tn_* call,
 * which takes them itself: neither lock is recursive.
 */
static __maybe_unused void fh_unlock(void)
{
	rtnl_unlock();
	stack_exit(st);
}

static __maybe_unused void fh_relock(void)
{
	stack_enter(st);
	rtnl_lock();
}

static void fh_teardown(void)
{
	struct tn_stack_stats s;

	rtnl_unlock();
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_netns, 0);
	tn_stack_destroy(st);
}

static netdev_tx_t fh_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev->stats.tx_packets++;
	consume_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops fh_dummy_ops = {
	.ndo_start_xmit = fh_xmit,
};

static void fh_dummy_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &fh_dummy_ops;
	dev->needs_free_netdev = true;
}

/* fh_dev - a registered dummy Ethernet device, up when @up */
static __maybe_unused struct net_device *fh_dev(const char *name, bool up)
{
	struct net_device *dev =
		alloc_netdev(0, name, NET_NAME_USER, fh_dummy_setup);

	KT_ASSERT(dev);
	dev->nd_net = net;
	eth_hw_addr_random(dev);
	KT_EQ(register_netdevice(dev), 0);
	if (up)
		KT_EQ(dev_change_flags(dev, dev->flags | IFF_UP), 0);
	return dev;
}

static __be32 A(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

static int fh_ioctl_addr(const char *label, unsigned int cmd, __be32 addr)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", label);
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = addr;
	return devinet_ioctl(net, cmd, &ifr);
}

/* fh_addr - "ifconfig LABEL ADDR netmask MASK" (label "dev" or "dev:N") */
static __maybe_unused void fh_addr(const char *label, const char *addr,
				   int plen)
{
	KT_EQ(fh_ioctl_addr(label, SIOCSIFADDR, A(addr)), 0);
	KT_EQ(fh_ioctl_addr(label, SIOCSIFNETMASK, inet_make_mask(plen)), 0);
}

/* fh_route - "ip route add" (EXCL|CREATE); 0 or -errno, text in @msg */
static __maybe_unused int fh_route(const char *dst, int plen, const char *gw,
				   struct net_device *dev, u32 metric, u8 type,
				   const char **msg)
{
	struct netlink_ext_ack extack = { 0 };
	struct fib_config cfg = {
		.fc_dst = A(dst),
		.fc_dst_len = (u8)plen,
		.fc_table = RT_TABLE_MAIN,
		.fc_protocol = RTPROT_BOOT,
		.fc_type = type,
		.fc_scope = (type == RTN_UNICAST && !gw) ? RT_SCOPE_LINK
							 : RT_SCOPE_UNIVERSE,
		.fc_oif = dev ? dev->ifindex : 0,
		.fc_priority = metric,
		.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		.fc_nlinfo = { .nl_net = net },
	};
	int err;

	if (gw) {
		cfg.fc_gw4 = A(gw);
		cfg.fc_gw_family = AF_INET;
	}
	err = fib_table_insert(net, fib_new_table(net, RT_TABLE_MAIN), &cfg,
			       &extack);
	if (msg)
		*msg = extack._msg ? extack._msg : "";
	return err;
}

static __maybe_unused int fh_route_del(const char *dst, int plen)
{
	struct fib_config cfg = {
		.fc_dst = A(dst),
		.fc_dst_len = (u8)plen,
		.fc_table = RT_TABLE_MAIN,
		.fc_scope = RT_SCOPE_NOWHERE,
		.fc_nlinfo = { .nl_net = net },
	};

	return fib_table_delete(net, fib_get_table(net, RT_TABLE_MAIN), &cfg,
				NULL);
}

/* fh_lookup_table - lookup of @dst in table @id: the type, -errno */
static int fh_lookup_table(u32 id, const char *dst, struct fib_result *res)
{
	struct flowi4 fl4 = { .daddr = A(dst) };
	struct fib_table *tb = fib_get_table(net, id);
	int err;

	if (!tb)
		return -ENOENT;
	err = fib_table_lookup(tb, &fl4, res, 0);
	return err ? err : res->type;
}

/* fh_has_route - an exact prefix with @type exists in table @id */
static __maybe_unused bool fh_has_route(u32 id, const char *dst, int plen,
					u8 type)
{
	struct fib_result res;

	if (fh_lookup_table(id, dst, &res) < 0)
		return false;
	return res.prefix == A(dst) && res.prefixlen == plen &&
	       res.type == type;
}

/* fh_sysctl - write @val to /proc/sys/@path */
static __maybe_unused void fh_sysctl(const char *path, const char *val)
{
	ssize_t n;
	int fd;

	fh_unlock();
	fd = tn_open(path, O_WRONLY);
	n = fd >= 0 ? tn_write(fd, val, strlen(val)) : -1;
	if (fd >= 0)
		tn_close(fd);
	fh_relock();
	KT_ASSERT(fd >= 0);
	KT_EQ(n, (ssize_t)strlen(val));
}

/* fh_read - /proc file into @buf */
static __maybe_unused void fh_read(const char *path, char *buf, size_t len)
{
	ssize_t n = -1;
	int fd;

	fh_unlock();
	fd = tn_open(path, O_RDONLY);
	if (fd >= 0) {
		n = tn_read(fd, buf, len - 1);
		tn_close(fd);
	}
	fh_relock();
	KT_ASSERT(fd >= 0);
	KT_ASSERT(n >= 0);
	buf[n] = 0;
}

#endif /* TN_TEST_FIB_HELPERS_H */
