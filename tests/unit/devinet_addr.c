// SPDX-License-Identifier: BSD-2-Clause
/*
 * Addresses on devices: primaries and secondaries, deleting a primary with
 * and without promote_secondaries, lo's 127.0.0.1 at up, the address
 * ioctls, source selection, and all.forwarding reaching every device.
 */
#include "fib_helpers.h"

static void test_primary_secondary(void)
{
	struct net_device *dev;
	struct in_device *in_dev;
	struct in_ifaddr *ifa;

	fh_setup();
	dev = fh_dev("dum0", true);
	fh_addr("dum0", "10.0.0.1", 24);
	fh_addr("dum0:1", "10.0.0.2", 24);
	fh_addr("dum0:2", "10.0.1.1", 24);
	in_dev = __in_dev_get_rtnl(dev);
	ifa = in_dev->ifa_list;
	/* primaries first, then the secondary of 10.0.0.0/24 */
	KT_EQ(ifa->ifa_local, A("10.0.0.1"));
	KT_ASSERT(!(ifa->ifa_flags & IFA_F_SECONDARY));
	KT_EQ(ifa->ifa_broadcast, A("10.0.0.255"));
	KT_EQ(ifa->ifa_next->ifa_local, A("10.0.1.1"));
	KT_EQ(ifa->ifa_next->ifa_next->ifa_local, A("10.0.0.2"));
	KT_ASSERT(ifa->ifa_next->ifa_next->ifa_flags & IFA_F_SECONDARY);
	KT_STREQ(ifa->ifa_next->ifa_next->ifa_label, "dum0:1");
	KT_ASSERT(fh_has_route(RT_TABLE_LOCAL, "10.0.0.2", 32, RTN_LOCAL));
	KT_ASSERT(__ip_dev_find(net, A("10.0.0.2")) == dev);
	KT_EQ(inet_select_addr(dev, A("10.0.1.9"), RT_SCOPE_UNIVERSE),
	      A("10.0.1.1"));
	KT_EQ(inet_select_addr(dev, A("8.8.8.8"), RT_SCOPE_UNIVERSE),
	      A("10.0.0.1"));

	/* without promotion, deleting the primary takes its secondary */
	KT_EQ(fh_ioctl_addr("dum0", SIOCGIFADDR, 0), 0);
	{
		struct ifreq ifr = { 0 };

		strcpy(ifr.ifr_name, "dum0");
		ifr.ifr_flags = 0;
		strcpy(ifr.ifr_name, "dum0:2");
		KT_EQ(devinet_ioctl(net, SIOCSIFFLAGS, &ifr),
		      0); /* del alias */
	}
	KT_EQ(in_dev->ifa_list->ifa_next->ifa_local, A("10.0.0.2"));
	KT_ASSERT(!fh_has_route(RT_TABLE_LOCAL, "10.0.1.1", 32, RTN_LOCAL));
	fh_teardown();
}

static void test_delete_primary(void)
{
	struct net_device *dev;
	struct in_device *in_dev;
	struct ifreq ifr;

	fh_setup();
	dev = fh_dev("dum0", true);
	in_dev = __in_dev_get_rtnl(dev);
	fh_addr("dum0", "10.0.0.1", 24);
	fh_addr("dum0:1", "10.0.0.2", 24);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "dum0");
	/* SIOCSIFADDR to a new address replaces the primary: the secondary
	 * goes with it (promote_secondaries is 0) */
	KT_EQ(fh_ioctl_addr("dum0", SIOCSIFADDR, A("10.0.0.9")), 0);
	KT_ASSERT(in_dev->ifa_list && !in_dev->ifa_list->ifa_next);
	KT_ASSERT(!fh_has_route(RT_TABLE_LOCAL, "10.0.0.2", 32, RTN_LOCAL));

	/* with promotion the secondary becomes primary, keeping routes */
	fh_sysctl("/proc/sys/net/ipv4/conf/dum0/promote_secondaries", "1");
	fh_addr("dum0", "10.0.0.1", 24);
	fh_addr("dum0:1", "10.0.0.2", 24);
	KT_EQ(fh_ioctl_addr("dum0", SIOCSIFADDR, A("10.0.0.3")), 0);
	KT_ASSERT(fh_has_route(RT_TABLE_LOCAL, "10.0.0.2", 32, RTN_LOCAL));
	KT_EQ(__in_dev_get_rtnl(dev)->ifa_list->ifa_local, A("10.0.0.2"));
	KT_ASSERT(!(in_dev->ifa_list->ifa_flags & IFA_F_SECONDARY));
	fh_teardown();
}

static void test_loopback_address(void)
{
	struct in_device *in_dev;

	fh_setup();
	in_dev = __in_dev_get_rtnl(net->loopback_dev);
	KT_ASSERT(in_dev && !in_dev->ifa_list);
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags | IFF_UP),
	      0);
	KT_ASSERT(in_dev->ifa_list);
	KT_EQ(in_dev->ifa_list->ifa_local, htonl(INADDR_LOOPBACK));
	KT_EQ(in_dev->ifa_list->ifa_prefixlen, 8);
	KT_EQ(in_dev->ifa_list->ifa_scope, RT_SCOPE_HOST);
	/* down and up again: still one address */
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags & ~IFF_UP),
	      0);
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags | IFF_UP),
	      0);
	KT_ASSERT(!in_dev->ifa_list->ifa_next);
	fh_teardown();
}

static void test_ioctls(void)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;

	fh_setup();
	fh_dev("dum0", true);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "dum0");
	KT_EQ(devinet_ioctl(net, SIOCGIFADDR, &ifr), -EADDRNOTAVAIL);
	strcpy(ifr.ifr_name, "nosuch");
	KT_EQ(devinet_ioctl(net, SIOCGIFADDR, &ifr), -ENODEV);
	fh_addr("dum0", "192.168.7.5", 20);
	strcpy(ifr.ifr_name, "dum0");
	KT_EQ(devinet_ioctl(net, SIOCGIFNETMASK, &ifr), 0);
	KT_EQ(sin->sin_addr.s_addr, A("255.255.240.0"));
	KT_EQ(devinet_ioctl(net, SIOCGIFBRDADDR, &ifr), 0);
	KT_EQ(sin->sin_addr.s_addr, A("192.168.15.255"));
	KT_EQ(devinet_ioctl(net, SIOCGIFADDR, &ifr), 0);
	KT_EQ(sin->sin_addr.s_addr, A("192.168.7.5"));
	KT_EQ(fh_ioctl_addr("dum0", SIOCSIFNETMASK, A("255.0.255.0")), -EINVAL);
	fh_teardown();
}

static void test_forwarding_sysctls(void)
{
	struct net_device *dev;
	char buf[64];

	fh_setup();
	dev = fh_dev("dum0", true);
	KT_EQ(IN_DEV_FORWARD(__in_dev_get_rtnl(dev)), 0);
	fh_sysctl("/proc/sys/net/ipv4/ip_forward", "1");
	KT_EQ(IN_DEV_FORWARD(__in_dev_get_rtnl(dev)), 1);
	KT_EQ(IPV4_DEVCONF_DFLT(net, FORWARDING), 1);
	KT_EQ(IPV4_DEVCONF_ALL(net, ACCEPT_REDIRECTS), 0);
	fh_read("/proc/sys/net/ipv4/conf/all/forwarding", buf, sizeof(buf));
	KT_STREQ(buf, "1\n");
	/* a device made later copies default */
	KT_EQ(IN_DEV_FORWARD(__in_dev_get_rtnl(fh_dev("dum1", false))), 1);
	fh_sysctl("/proc/sys/net/ipv4/conf/dum0/forwarding", "0");
	fh_read("/proc/sys/net/ipv4/ip_forward", buf, sizeof(buf));
	KT_STREQ(buf, "1\n");
	KT_EQ(IN_DEV_FORWARD(__in_dev_get_rtnl(dev)), 0);
	fh_read("/proc/sys/net/ipv4/ping_group_range", buf, sizeof(buf));
	KT_STREQ(buf, "1\t0\n");
	/* the per-device directory follows a rename */
	KT_EQ(dev_change_flags(dev, dev->flags & ~IFF_UP), 0);
	KT_EQ(dev_change_name(dev, "eth7"), 0);
	fh_read("/proc/sys/net/ipv4/conf/eth7/forwarding", buf, sizeof(buf));
	KT_STREQ(buf, "0\n");
	fh_teardown();
}

KTEST_MAIN(KT(test_primary_secondary), KT(test_delete_primary),
	   KT(test_loopback_address), KT(test_ioctls),
	   KT(test_forwarding_sysctls))
