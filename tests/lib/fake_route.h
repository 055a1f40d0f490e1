/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For the tests that build IPv4 packets by hand (ip_frag.c, ip_rcv.c): an
 * Ethernet device that is never registered ("fake0", index 77, MTU 1500)
 * and a hand-made local route out of it whose output captures what is
 * sent, so that no routing table or driver is involved.  The stack is
 * entered.  Include after ktest.h.
 */
#ifndef TUXNET_TESTS_FAKE_ROUTE_H
#define TUXNET_TESTS_FAKE_ROUTE_H

#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/route.h>

/* what the route's output took, in order */
static struct sk_buff_head th_fake_sent;

static inline void th_fake_dev_setup(struct net_device *d)
{
	d->mtu = 1500;
	d->type = ARPHRD_ETHER;
	d->hard_header_len = 14;
}

static inline int th_fake_capture(struct net *n, struct sock *sk,
				  struct sk_buff *skb)
{
	(void)n;
	(void)sk;
	skb_queue_tail(&th_fake_sent, skb);
	return 0;
}

/* th_fake_route_create - the device in @net and the route out of it */
static inline struct rtable *th_fake_route_create(struct net *net,
						  struct net_device **devp)
{
	struct net_device *dev;
	struct rtable *rt;

	dev = alloc_netdev(0, "fake0", NET_NAME_USER, th_fake_dev_setup);
	KT_ASSERT(dev);
	dev->nd_net = net;
	dev->ifindex = 77;
	rt = rt_dst_alloc(dev, 0, RTN_LOCAL);
	KT_ASSERT(rt);
	rt->dst.__refcnt = 1000; /* never released to zero by the test */
	rt->dst.output = th_fake_capture;
	skb_queue_head_init(&th_fake_sent);
	*devp = dev;
	return rt;
}

/* th_fake_route_destroy - what was captured, the route, then the device */
static inline void th_fake_route_destroy(struct net_device *dev,
					 struct rtable *rt)
{
	skb_queue_purge(&th_fake_sent);
	rt->dst.__refcnt = 1;
	ip_rt_put(rt); /* its hold on dev first */
	free_netdev(dev);
}

#endif /* TUXNET_TESTS_FAKE_ROUTE_H */
