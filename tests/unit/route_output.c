// SPDX-License-Identifier: BSD-2-Clause
/*
 * Output and input routes: source selection, gateways, local destinations
 * through loopback, martians, the forwarding decision, and path MTU
 * learning with its expiry (net.ipv4.route.mtu_expires, min_pmtu).
 */
#include <linux/ip.h>

#include <net/ip.h>

#include "fib_helpers.h"

static struct rtable *out(const char *daddr, const char *saddr, int oif)
{
	struct flowi4 fl4 = { .daddr = A(daddr), .flowi4_oif = oif };

	if (saddr)
		fl4.saddr = A(saddr);
	return ip_route_output_key(net, &fl4);
}

static void test_output_source_selection(void)
{
	struct net_device *d0, *d1;
	struct flowi4 fl4;
	struct rtable *rt;

	fh_setup();
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags | IFF_UP),
	      0);
	d0 = fh_dev("dum0", true);
	d1 = fh_dev("dum1", true);
	fh_addr("dum0", "10.0.1.2", 24);
	fh_addr("dum1", "10.0.2.2", 24);
	KT_EQ(fh_route("0.0.0.0", 0, "10.0.1.1", NULL, 0, RTN_UNICAST, NULL),
	      0);

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.0.2.9");
	rt = ip_route_output_key(net, &fl4);
	KT_ASSERT(!IS_ERR(rt));
	KT_ASSERT(rt->dst.dev == d1);
	KT_EQ(fl4.saddr, A("10.0.2.2"));
	KT_EQ(rt->rt_uses_gateway, 0);
	KT_EQ(rt->rt_type, RTN_UNICAST);
	ip_rt_put(rt);

	/* via the default gateway: src from the gateway's subnet */
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("192.0.2.1");
	rt = ip_route_output_key(net, &fl4);
	KT_ASSERT(!IS_ERR(rt));
	KT_ASSERT(rt->dst.dev == d0);
	KT_EQ(fl4.saddr, A("10.0.1.2"));
	KT_EQ(rt->rt_uses_gateway, 1);
	KT_EQ(rt_nexthop(rt, fl4.daddr), A("10.0.1.1"));
	ip_rt_put(rt);

	/* a local destination goes through lo */
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = A("10.0.2.2");
	rt = ip_route_output_key(net, &fl4);
	KT_ASSERT(!IS_ERR(rt));
	KT_ASSERT(rt->dst.dev == net->loopback_dev);
	KT_ASSERT(rt->rt_flags & RTCF_LOCAL);
	KT_EQ(fl4.saddr, A("10.0.2.2"));
	ip_rt_put(rt);

	/* a source that is not ours; oif named */
	KT_EQ(PTR_ERR(out("10.0.2.9", "10.9.9.9", 0)), -ENETUNREACH);
	rt = out("172.16.0.1", NULL, d1->ifindex); /* no route: on link */
	KT_ASSERT(!IS_ERR(rt));
	KT_ASSERT(rt->dst.dev == d1);
	ip_rt_put(rt);
	/* broadcast */
	rt = out("10.0.1.255", NULL, 0);
	KT_ASSERT(!IS_ERR(rt));
	KT_EQ(rt->rt_type, RTN_BROADCAST);
	KT_ASSERT(rt->rt_flags & RTCF_BROADCAST);
	ip_rt_put(rt);

	/* a route change kills what was handed out */
	rt = out("10.0.2.9", NULL, 0);
	KT_ASSERT(dst_check(&rt->dst, 0));
	KT_EQ(fh_route("10.0.2.0", 25, NULL, d0, 0, RTN_UNICAST, NULL), 0);
	KT_ASSERT(!dst_check(&rt->dst, 0));
	ip_rt_put(rt);
	fh_teardown();
}

/* A received packet from @saddr to @daddr on @dev: its route decision. */
static int in(struct net_device *dev, const char *daddr, const char *saddr,
	      struct rtable **rtp)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct iphdr *iph;
	int err;

	KT_ASSERT(skb);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	iph = skb_put(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->daddr = A(daddr);
	iph->saddr = A(saddr);
	skb->network_header = (u16)(skb->data - skb->head);
	err = ip_route_input_noref(skb, A(daddr), A(saddr), 0, dev);
	*rtp = NULL;
	if (!err) {
		*rtp = skb_rtable(skb);
		dst_hold(&(*rtp)->dst);
	}
	kfree_skb(skb);
	return err;
}

static void test_input_decisions(void)
{
	struct net_device *d0;
	struct rtable *rt;

	fh_setup();
	d0 = fh_dev("dum0", true);
	fh_dev("dum1", true);
	fh_addr("dum0", "10.0.1.2", 24);
	fh_addr("dum1", "10.0.2.2", 24);

	KT_EQ(in(d0, "10.0.1.2", "10.0.1.9", &rt), 0);
	KT_ASSERT(rt->rt_flags & RTCF_LOCAL);
	KT_ASSERT(rt->dst.input == ip_local_deliver);
	ip_rt_put(rt);
	KT_EQ(in(d0, "10.0.1.255", "10.0.1.9", &rt), 0);
	KT_EQ(rt->rt_type, RTN_BROADCAST);
	ip_rt_put(rt);
	/* martians */
	KT_EQ(in(d0, "10.0.1.2", "127.0.0.1", &rt), -EINVAL);
	KT_EQ(in(d0, "10.0.1.2", "224.0.0.5", &rt), -EINVAL);
	KT_EQ(in(d0, "10.0.1.2", "10.0.2.2", &rt), -EINVAL); /* our own */
	KT_EQ(in(d0, "0.1.2.3", "10.0.1.9", &rt), -EINVAL);
	/* not for us, forwarding off: an unreachable route (ip_error) */
	KT_EQ(in(d0, "10.0.2.9", "10.0.1.9", &rt), 0);
	KT_ASSERT(rt->dst.input == ip_error);
	KT_EQ(rt->dst.error, EHOSTUNREACH);
	ip_rt_put(rt);
	/* forwarding on */
	fh_sysctl("/proc/sys/net/ipv4/ip_forward", "1");
	KT_EQ(in(d0, "10.0.2.9", "10.0.1.9", &rt), 0);
	KT_ASSERT(rt->dst.input == ip_forward);
	KT_EQ(rt->dst.dev->ifindex, __dev_get_by_name(net, "dum1")->ifindex);
	ip_rt_put(rt);
	KT_EQ(in(d0, "192.0.2.1", "10.0.1.9", &rt), 0);
	KT_ASSERT(rt->dst.input == ip_error);
	KT_EQ(rt->dst.error, ENETUNREACH);
	ip_rt_put(rt);
	fh_teardown();
}

static void pmtu_from_icmp(const char *daddr, const char *saddr, u32 mtu)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct iphdr *iph;

	KT_ASSERT(skb);
	iph = skb_put(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->daddr = A(daddr);
	iph->saddr = A(saddr);
	iph->protocol = IPPROTO_UDP;
	ipv4_update_pmtu(skb, net, mtu, 0, IPPROTO_UDP);
	kfree_skb(skb);
}

static unsigned int mtu_to(const char *daddr)
{
	struct rtable *rt = out(daddr, NULL, 0);
	unsigned int mtu;

	KT_ASSERT(!IS_ERR(rt));
	mtu = dst_mtu(&rt->dst);
	ip_rt_put(rt);
	return mtu;
}

static void test_pmtu(void)
{
	char buf[32];

	fh_setup();
	fh_dev("dum0", true);
	fh_addr("dum0", "10.0.1.2", 24);
	KT_EQ(fh_route("0.0.0.0", 0, "10.0.1.1", NULL, 0, RTN_UNICAST, NULL),
	      0);
	KT_EQ(mtu_to("192.0.2.1"), 1500);
	pmtu_from_icmp("192.0.2.1", "10.0.1.2", 1400);
	KT_EQ(mtu_to("192.0.2.1"), 1400);
	KT_EQ(mtu_to("192.0.2.2"), 1500); /* per destination */
	/* a larger value does not raise it */
	pmtu_from_icmp("192.0.2.1", "10.0.1.2", 1450);
	KT_EQ(mtu_to("192.0.2.1"), 1400);
	/* expires after net.ipv4.route.mtu_expires (600 s) */
	fh_read("/proc/sys/net/ipv4/route/mtu_expires", buf, sizeof(buf));
	KT_STREQ(buf, "600\n");
	fh_unlock();
	tn_clock_advance(st, 599 * NSEC_PER_SEC);
	fh_relock();
	KT_EQ(mtu_to("192.0.2.1"), 1400);
	fh_unlock();
	tn_clock_advance(st, 2 * NSEC_PER_SEC);
	fh_relock();
	KT_EQ(mtu_to("192.0.2.1"), 1500);
	/* below min_pmtu (552): clamped and locked */
	pmtu_from_icmp("192.0.2.3", "10.0.1.2", 300);
	{
		struct rtable *rt = out("192.0.2.3", NULL, 0);

		KT_EQ(dst_mtu(&rt->dst), 552);
		KT_EQ(rt->rt_mtu_locked, 1);
		ip_rt_put(rt);
	}
	fh_teardown();
}

KTEST_MAIN(KT(test_output_source_selection), KT(test_input_decisions),
	   KT(test_pmtu))
