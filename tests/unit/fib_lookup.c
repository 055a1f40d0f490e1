// SPDX-License-Identifier: BSD-2-Clause
/*
 * The FIB: the routes an address brings (local, broadcast, prefix), longest
 * prefix match with metrics, insert/delete errors as Linux reports them,
 * reject route types, routes following their device down, up and carrier
 * loss, and /proc/net/route.
 */
#include "fib_helpers.h"

static void test_routes_on_address_add(void)
{
	struct net_device *dev;
	struct fib_result res;

	fh_setup();
	dev = fh_dev("dum0", true);
	fh_addr("dum0", "10.0.0.1", 24);

	/* local 10.0.0.1 dev dum0 proto kernel scope host src 10.0.0.1 */
	KT_EQ(fh_lookup_table(RT_TABLE_LOCAL, "10.0.0.1", &res), RTN_LOCAL);
	KT_EQ(res.prefixlen, 32);
	KT_EQ(res.scope, RT_SCOPE_HOST);
	KT_EQ(res.fi->fib_protocol, RTPROT_KERNEL);
	KT_EQ(res.fi->fib_prefsrc, A("10.0.0.1"));
	KT_ASSERT(FIB_RES_DEV(res) == dev);
	/* broadcast 10.0.0.255 ... scope link */
	KT_ASSERT(
		fh_has_route(RT_TABLE_LOCAL, "10.0.0.255", 32, RTN_BROADCAST));
	/*
	 * No network-address broadcast: the local table shares main's trie
	 * (as Linux without rules), so 10.0.0.0 finds the /24 prefix route.
	 */
	KT_EQ(fh_lookup_table(RT_TABLE_LOCAL, "10.0.0.0", &res), RTN_UNICAST);
	KT_EQ(res.prefixlen, 24);
	/* 10.0.0.0/24 dev dum0 proto kernel scope link src 10.0.0.1 */
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "10.0.0.77", &res), RTN_UNICAST);
	KT_EQ(res.prefixlen, 24);
	KT_EQ(res.scope, RT_SCOPE_LINK);
	KT_EQ(res.fi->fib_prefsrc, A("10.0.0.1"));
	/* the class-A /8 the first SIOCSIFADDR made is gone */
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "10.9.0.1", &res), -EAGAIN);
	KT_ASSERT(!fh_has_route(RT_TABLE_LOCAL, "10.255.255.255", 32,
				RTN_BROADCAST));
	fh_teardown();
}

static void test_loopback_routes(void)
{
	struct fib_result res;

	fh_setup();
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags | IFF_UP),
	      0);
	/* local 127.0.0.0/8 and local 127.0.0.1, broadcast 127.255.255.255 */
	KT_EQ(fh_lookup_table(RT_TABLE_LOCAL, "127.1.2.3", &res), RTN_LOCAL);
	KT_EQ(res.prefixlen, 8);
	KT_ASSERT(fh_has_route(RT_TABLE_LOCAL, "127.0.0.1", 32, RTN_LOCAL));
	KT_ASSERT(fh_has_route(RT_TABLE_LOCAL, "127.255.255.255", 32,
			       RTN_BROADCAST));
	fh_teardown();
}

static void test_longest_prefix_and_metric(void)
{
	struct net_device *dev;
	struct flowi4 fl4;
	struct fib_result res;
	const char *msg;

	fh_setup();
	dev = fh_dev("dum0", true);
	fh_addr("dum0", "192.168.1.2", 24);
	KT_EQ(fh_route("0.0.0.0", 0, "192.168.1.1", NULL, 0, RTN_UNICAST, &msg),
	      0);
	KT_EQ(fh_route("10.0.0.0", 8, "192.168.1.8", NULL, 0, RTN_UNICAST,
		       &msg),
	      0);
	KT_EQ(fh_route("10.1.0.0", 16, "192.168.1.16", NULL, 0, RTN_UNICAST,
		       &msg),
	      0);
	KT_EQ(fh_route("10.1.2.0", 24, NULL, dev, 0, RTN_UNICAST, &msg), 0);

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.1.2.3");
	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	KT_EQ(res.prefixlen, 24);
	fl4.daddr = A("10.1.9.9");
	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	KT_EQ(res.prefixlen, 16);
	KT_EQ(FIB_RES_GW(res), A("192.168.1.16"));
	fl4.daddr = A("10.200.0.1");
	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	KT_EQ(FIB_RES_GW(res), A("192.168.1.8"));
	fl4.daddr = A("8.8.8.8");
	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	KT_EQ(res.prefixlen, 0);
	KT_EQ(FIB_RES_GW(res), A("192.168.1.1"));

	/* the same prefix at two metrics: the lower wins */
	KT_EQ(fh_route("172.16.0.0", 12, "192.168.1.100", NULL, 100,
		       RTN_UNICAST, &msg),
	      0);
	KT_EQ(fh_route("172.16.0.0", 12, "192.168.1.50", NULL, 50, RTN_UNICAST,
		       &msg),
	      0);
	fl4.daddr = A("172.20.0.1");
	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	KT_EQ(res.fi->fib_priority, 50);
	KT_EQ(FIB_RES_GW(res), A("192.168.1.50"));
	/* "RTNETLINK answers: File exists" for the same prefix and metric */
	KT_EQ(fh_route("172.16.0.0", 12, "192.168.1.7", NULL, 50, RTN_UNICAST,
		       &msg),
	      -EEXIST);
	/* deleting removes the first match (metric 50), then 100 shows */
	KT_EQ(fh_route_del("172.16.0.0", 12), 0);
	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	KT_EQ(res.fi->fib_priority, 100);
	KT_EQ(fh_route_del("172.16.0.0", 12), 0);
	/* "RTNETLINK answers: No such process" */
	KT_EQ(fh_route_del("172.16.0.0", 12), -ESRCH);
	/* host bits set: "Invalid prefix for given prefix length" */
	KT_EQ(fh_route("10.1.2.3", 24, NULL, dev, 0, RTN_UNICAST, &msg),
	      -EINVAL);
	KT_STREQ(msg, "Invalid prefix for given prefix length");
	fh_teardown();
}

static void test_nexthop_errors(void)
{
	struct net_device *dev, *down;
	const char *msg;

	fh_setup();
	dev = fh_dev("dum0", true);
	down = fh_dev("dum1", false);
	fh_addr("dum0", "192.168.1.2", 24);
	/* a gateway not on any link */
	KT_EQ(fh_route("10.0.0.0", 8, "172.31.0.1", NULL, 0, RTN_UNICAST, &msg),
	      -ENETUNREACH);
	KT_STREQ(msg, "Nexthop has invalid gateway");
	/* a gateway reachable only through another gateway */
	KT_EQ(fh_route("20.0.0.0", 8, "192.168.1.1", NULL, 0, RTN_UNICAST,
		       &msg),
	      0);
	KT_EQ(fh_route("30.0.0.0", 8, "20.0.0.1", NULL, 0, RTN_UNICAST, &msg),
	      -ENETUNREACH);
	KT_STREQ(msg, "Nexthop has invalid gateway");
	/* a device that is down */
	KT_EQ(fh_route("40.0.0.0", 8, NULL, down, 0, RTN_UNICAST, &msg),
	      -ENETDOWN);
	KT_STREQ(msg, "Device for nexthop is not up");
	/* reject types take no device */
	KT_EQ(fh_route("50.0.0.0", 8, NULL, dev, 0, RTN_UNREACHABLE, &msg),
	      -EINVAL);
	KT_STREQ(
		msg,
		"Gateway, device and multipath can not be specified for this route type");
	fh_teardown();
}

static void test_reject_types(void)
{
	struct flowi4 fl4;
	struct rtable *rt;

	fh_setup();
	fh_dev("dum0", true);
	fh_addr("dum0", "192.168.1.2", 24);
	KT_EQ(fh_route("10.0.0.0", 8, NULL, NULL, 0, RTN_UNREACHABLE, NULL), 0);
	KT_EQ(fh_route("11.0.0.0", 8, NULL, NULL, 0, RTN_PROHIBIT, NULL), 0);
	KT_EQ(fh_route("12.0.0.0", 8, NULL, NULL, 0, RTN_BLACKHOLE, NULL), 0);
	KT_EQ(fh_route("13.0.0.0", 8, NULL, NULL, 0, RTN_THROW, NULL), 0);

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.1.1.1");
	rt = ip_route_output_key(net, &fl4);
	KT_EQ(PTR_ERR(rt), -EHOSTUNREACH);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("11.1.1.1");
	KT_EQ(PTR_ERR(ip_route_output_key(net, &fl4)), -EACCES);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("12.1.1.1");
	KT_EQ(PTR_ERR(ip_route_output_key(net, &fl4)), -EINVAL);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("13.1.1.1"); /* throw: no other table knows it */
	KT_EQ(PTR_ERR(ip_route_output_key(net, &fl4)), -ENETUNREACH);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("8.8.8.8");
	KT_EQ(PTR_ERR(ip_route_output_key(net, &fl4)), -ENETUNREACH);
	fh_teardown();
}

static void test_routes_follow_device(void)
{
	struct net_device *dev;
	struct fib_result res;

	fh_setup();
	dev = fh_dev("dum0", true);
	fh_addr("dum0", "10.0.0.1", 24);
	KT_EQ(fh_route("20.0.0.0", 8, "10.0.0.254", NULL, 0, RTN_UNICAST, NULL),
	      0);

	/* carrier loss: routes stay, marked linkdown */
	netif_carrier_off(dev);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "20.1.1.1", &res), RTN_UNICAST);
	KT_ASSERT(res.nh->fib_nh_flags & RTNH_F_LINKDOWN);
	netif_carrier_on(dev);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "20.1.1.1", &res), RTN_UNICAST);
	KT_ASSERT(!(res.nh->fib_nh_flags & RTNH_F_LINKDOWN));

	/* down: the prefix, broadcast and gateway routes go; local stays */
	KT_EQ(dev_change_flags(dev, dev->flags & ~IFF_UP), 0);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "10.0.0.5", &res), -EAGAIN);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "20.1.1.1", &res), -EAGAIN);
	KT_ASSERT(
		!fh_has_route(RT_TABLE_LOCAL, "10.0.0.255", 32, RTN_BROADCAST));
	KT_ASSERT(fh_has_route(RT_TABLE_LOCAL, "10.0.0.1", 32, RTN_LOCAL));
	/* up: the address routes come back, the user's route does not */
	KT_EQ(dev_change_flags(dev, dev->flags | IFF_UP), 0);
	KT_ASSERT(fh_has_route(RT_TABLE_MAIN, "10.0.0.0", 24, RTN_UNICAST));
	KT_ASSERT(
		fh_has_route(RT_TABLE_LOCAL, "10.0.0.255", 32, RTN_BROADCAST));
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "20.1.1.1", &res), -EAGAIN);

	/* unregister: everything through the device goes */
	unregister_netdevice(dev);
	KT_ASSERT(!fh_has_route(RT_TABLE_LOCAL, "10.0.0.1", 32, RTN_LOCAL));
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "10.0.0.5", &res), -EAGAIN);
	fh_teardown();
}

static void test_proc_net_route(void)
{
	char buf[4096];
	char want[512];

	fh_setup();
	fh_dev("dum0", true);
	fh_addr("dum0", "10.0.0.1", 24);
	KT_EQ(fh_route("0.0.0.0", 0, "10.0.0.254", NULL, 0, RTN_UNICAST, NULL),
	      0);
	fh_read("/proc/net/route", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%-127s\n%-127s\n%-127s\n",
		 "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\t"
		 "Mask\t\tMTU\tWindow\tIRTT",
		 "dum0\t00000000\tFE00000A\t0003\t0\t0\t0\t00000000\t0\t0\t0",
		 "dum0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0");
	KT_STREQ(buf, want);
	fh_teardown();
}

KTEST_MAIN(KT(test_routes_on_address_add), KT(test_loopback_routes),
	   KT(test_longest_prefix_and_metric), KT(test_nexthop_errors),
	   KT(test_reject_types), KT(test_routes_follow_device),
	   KT(test_proc_net_route))
