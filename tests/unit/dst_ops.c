// SPDX-License-Identifier: BSD-2-Clause
/*
 * The dst_ops contract: core code reaches a route's meaning only through
 * dst->ops.  A family of the test's own shows that dst_alloc, dst_mtu,
 * dst_check, dst_negative_advice and the last dst_release call its ops;
 * an IPv4 route shows ipv4_dst_ops behind the same calls: its MTU, a path
 * MTU learned through ops->update_pmtu, staleness after rt_cache_flush or
 * a genid bump.
 */
#include <linux/ip.h>

#include <net/dst.h>
#include <net/ip.h>
#include <net/sock.h>

#include "fib_helpers.h"

/* ---- a family of the test's own ---- */

struct test_route {
	struct dst_entry dst; /* first, as dst_alloc wants */
	unsigned int mtu;
	bool stale;
};

static int nr_destroy, nr_check, nr_advice, nr_pmtu;
static struct dst_entry *destroyed;

static struct test_route *test_rt(const struct dst_entry *dst)
{
	return container_of(dst, struct test_route, dst);
}

static unsigned int test_mtu(const struct dst_entry *dst)
{
	return test_rt(dst)->mtu;
}

static struct dst_entry *test_check(struct dst_entry *dst, u32 cookie)
{
	nr_check++;
	KT_EQ(cookie, 7);
	return test_rt(dst)->stale ? NULL : dst;
}

static void test_destroy(struct dst_entry *dst)
{
	nr_destroy++;
	destroyed = dst;
	KT_EQ(dst->__refcnt, 0);
}

static void test_advice(struct sock *sk, struct dst_entry *dst)
{
	nr_advice++;
	KT_ASSERT(sk->sk_dst_cache == dst);
}

static void test_update_pmtu(struct dst_entry *dst, struct sock *sk,
			     struct sk_buff *skb, u32 mtu, bool confirm_neigh)
{
	(void)sk;
	(void)confirm_neigh;
	KT_ASSERT(skb_dst(skb) == dst);
	nr_pmtu++;
	test_rt(dst)->mtu = mtu;
}

static unsigned int test_advmss(const struct dst_entry *dst)
{
	return test_mtu(dst) - 40;
}

static const struct dst_ops test_dst_ops = {
	.family = AF_UNSPEC,
	.entry_size = sizeof(struct test_route),
	.check = test_check,
	.default_advmss = test_advmss,
	.mtu = test_mtu,
	.destroy = test_destroy,
	.negative_advice = test_advice,
	.update_pmtu = test_update_pmtu,
};

static void test_generic_family(void)
{
	struct test_route *rt;
	struct sk_buff *skb;
	struct sock *sk;

	fh_setup();
	nr_destroy = nr_check = nr_advice = nr_pmtu = 0;
	rt = dst_alloc(&test_dst_ops, net->loopback_dev, DST_OBSOLETE_NONE, 0);
	KT_ASSERT(rt);
	KT_ASSERT(rt->dst.ops == &test_dst_ops);
	KT_EQ(rt->dst.__refcnt, 1);
	rt->mtu = 1234;
	KT_EQ(dst_mtu(&rt->dst), 1234);
	KT_EQ(dst_metric_advmss(&rt->dst), 1194);
	rt->dst.metrics[RTAX_ADVMSS] = 1000;
	KT_EQ(dst_metric_advmss(&rt->dst), 1000);

	/* obsolete 0: no check asked; non-zero: the family decides */
	KT_ASSERT(dst_check(&rt->dst, 7) == &rt->dst);
	KT_EQ(nr_check, 0);
	rt->dst.obsolete = DST_OBSOLETE_FORCE_CHK;
	KT_ASSERT(dst_check(&rt->dst, 7) == &rt->dst);
	rt->stale = true;
	KT_ASSERT(!dst_check(&rt->dst, 7));
	KT_EQ(nr_check, 2);

	/* a PMTU learned for a packet's route */
	skb = alloc_skb(64, GFP_KERNEL);
	KT_ASSERT(skb);
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	skb_dst_update_pmtu(skb, 1000);
	KT_EQ(nr_pmtu, 1);
	KT_EQ(dst_mtu(&rt->dst), 1000);
	kfree_skb(skb); /* drops its reference, not the last */
	KT_EQ(nr_destroy, 0);
	KT_EQ(rt->dst.__refcnt, 1);

	/* negative advice goes to the family of the socket's route */
	sk = kzalloc(sizeof(*sk), GFP_KERNEL);
	KT_ASSERT(sk);
	dst_negative_advice(sk); /* no route cached: nothing to ask */
	KT_EQ(nr_advice, 0);
	sk->sk_dst_cache = &rt->dst;
	dst_negative_advice(sk);
	KT_EQ(nr_advice, 1);
	sk->sk_dst_cache = NULL;
	kfree(sk);

	/* the last release destroys, through ops */
	dst_hold(&rt->dst);
	dst_release(&rt->dst);
	KT_EQ(nr_destroy, 0);
	dst_release(&rt->dst);
	KT_EQ(nr_destroy, 1);
	KT_ASSERT(destroyed == &rt->dst);
	dst_release(NULL);
	fh_teardown();
}

/* ---- IPv4's ops ---- */

static struct rtable *out(const char *daddr)
{
	struct flowi4 fl4 = { .daddr = A(daddr) };

	return ip_route_output_key(net, &fl4);
}

static void test_ipv4_ops(void)
{
	struct net_device *d0;
	struct rtable *rt, *rt2;
	struct sk_buff *skb;
	struct iphdr *iph;

	fh_setup();
	d0 = fh_dev("dum0", true);
	fh_addr("dum0", "10.0.1.2", 24);
	KT_EQ(fh_route("0.0.0.0", 0, "10.0.1.1", NULL, 0, RTN_UNICAST, NULL),
	      0);

	rt = out("192.0.2.1");
	KT_ASSERT(!IS_ERR(rt));
	KT_EQ(rt->dst.ops->family, AF_INET);
	/* IPv4 routes are always checked: the genid decides */
	KT_EQ(rt->dst.obsolete, DST_OBSOLETE_FORCE_CHK);
	KT_EQ(rt->dst.ops->mtu(&rt->dst), 1500);
	KT_EQ(dst_mtu(&rt->dst), 1500);
	KT_EQ(dst_metric_advmss(&rt->dst), 1460);
	KT_ASSERT(dst_check(&rt->dst, 0) == &rt->dst);

	/* a path MTU learned through ops->update_pmtu, for the packet's
	 * destination: new lookups see it, the old route is stale */
	skb = alloc_skb(128, GFP_KERNEL);
	KT_ASSERT(skb);
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = A("10.0.1.2");
	iph->daddr = A("192.0.2.1");
	skb->dev = d0;
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	skb_dst_update_pmtu(skb, 1400);
	kfree_skb(skb);
	KT_ASSERT(!dst_check(&rt->dst, 0));
	ip_rt_put(rt);
	rt = out("192.0.2.1");
	KT_ASSERT(!IS_ERR(rt));
	KT_EQ(dst_mtu(&rt->dst), 1400);
	KT_EQ(dst_metric_advmss(&rt->dst), 1360);
	rt2 = out("192.0.2.2"); /* per destination */
	KT_ASSERT(!IS_ERR(rt2));
	KT_EQ(dst_mtu(&rt2->dst), 1500);

	/* rt_cache_flush makes every route handed out stale */
	KT_ASSERT(dst_check(&rt->dst, 0));
	KT_ASSERT(dst_check(&rt2->dst, 0));
	rt_cache_flush(net);
	KT_ASSERT(!dst_check(&rt->dst, 0));
	KT_ASSERT(!dst_check(&rt2->dst, 0));
	ip_rt_put(rt);
	ip_rt_put(rt2);

	/* so does the genid moving on its own */
	rt = out("192.0.2.2");
	KT_ASSERT(!IS_ERR(rt));
	KT_ASSERT(dst_check(&rt->dst, 0));
	net->ipv4.rt_genid++;
	KT_ASSERT(!dst_check(&rt->dst, 0));
	ip_rt_put(rt);
	fh_teardown(); /* the routes' last releases freed them (ASan) */
}

KTEST_MAIN(KT(test_generic_family), KT(test_ipv4_ops))
