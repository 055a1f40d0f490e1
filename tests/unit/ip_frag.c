// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 fragmentation (ip_do_fragment) and reassembly (ip_defrag): sizes,
 * offsets and flags of the pieces; reassembly in order, out of order, with
 * duplicates; overlap kills the queue; the 30 s timeout; the memory limit.
 * Packets are built by hand on a device that is never registered, with a
 * hand-made route whose output captures what is sent.
 */
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/route.h>
#include <net/snmp.h>

#include "ktest.h"
#include "fake_route.h"

static struct tn_stack *st;
static struct net *net;
static struct net_device *dev;
static struct rtable *rt;
static bool own_mibs;

static void setup(void)
{
	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	stack_enter(st);
	net = st->init_net;
	own_mibs = !net->ipv4.ip_statistics;
	if (own_mibs)
		net->ipv4.ip_statistics =
			kzalloc(sizeof(struct ipstats_mib), 0);
	if (!net->ipv4.frags)
		KT_EQ(ipfrag_init(st), 0);
	rt = th_fake_route_create(net, &dev);
	rt->dst.metrics[RTAX_MTU] = 1500;
	rt->rt_type = RTN_LOCAL;
}

static void teardown(void)
{
	struct tn_stack_stats s;

	th_fake_route_destroy(dev, rt);
	if (own_mibs) {
		kfree(net->ipv4.ip_statistics);
		net->ipv4.ip_statistics = NULL;
	}
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	tn_stack_destroy(st);
}

static u64 mib(int field)
{
	return net->ipv4.ip_statistics->mibs[field];
}

/* An IPv4 datagram with @plen payload bytes of a counting pattern. */
static struct sk_buff *make_dgram(unsigned int plen, __be16 id, bool df)
{
	struct sk_buff *skb = alloc_skb_with_headroom(20 + plen, 0);
	struct iphdr *iph;
	unsigned int i;
	u8 *p;

	skb_put(skb, 20 + plen);
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	memset(iph, 0, 20);
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->id = id;
	iph->frag_off = df ? htons(IP_DF) : 0;
	iph->saddr = htonl(0x0a000001);
	iph->daddr = htonl(0x0a000002);
	iph->tot_len = htons((u16)(20 + plen));
	p = skb->data + 20;
	for (i = 0; i < plen; i++)
		p[i] = (u8)(i * 7 + 3);
	ip_send_check(iph);
	skb->dev = dev;
	skb->skb_iif = dev->ifindex;
	return skb;
}

/* A hand-made fragment: @len bytes at @off of the same pattern. */
static struct sk_buff *make_frag(unsigned int off, unsigned int len, bool mf,
				 __be16 id)
{
	struct sk_buff *skb = make_dgram(len, id, false);
	struct iphdr *iph = ip_hdr(skb);
	unsigned int i;

	for (i = 0; i < len; i++)
		skb->data[20 + i] = (u8)((off + i) * 7 + 3);
	iph->frag_off = htons((u16)((off >> 3) | (mf ? IP_MF : 0)));
	ip_send_check(iph);
	return skb;
}

static void fragment_3000(void)
{
	struct sk_buff *skb = make_dgram(3000, htons(0x1234), false);

	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	KT_EQ(ip_do_fragment(net, NULL, skb, th_fake_capture), 0);
}

static void test_fragment_sizes(void)
{
	static const unsigned int lens[] = { 1500, 1500, 60 };
	static const unsigned int offs[] = { 0, 185, 370 };
	struct sk_buff *f;
	int i = 0;

	setup();
	fragment_3000();
	KT_EQ(skb_queue_len(&th_fake_sent), 3);
	skb_queue_walk(&th_fake_sent, f) {
		const struct iphdr *iph = ip_hdr(f);

		KT_EQ(f->len, lens[i]);
		KT_EQ(ntohs(iph->tot_len), lens[i]);
		KT_EQ(ntohs(iph->frag_off) & IP_OFFSET, offs[i]);
		KT_EQ(!!(ntohs(iph->frag_off) & IP_MF), i < 2);
		KT_EQ(ip_fast_csum(iph, iph->ihl), 0);
		KT_EQ(iph->id, htons(0x1234));
		i++;
	}
	KT_EQ(mib(IPSTATS_MIB_FRAGOKS), 1);
	KT_EQ(mib(IPSTATS_MIB_FRAGCREATES), 3);
	teardown();
}

/* Feeds the captured fragments in @order; checks the datagram rebuilt. */
static void reassemble(const int *order, int n)
{
	struct sk_buff *frags[8], *f, *done = NULL;
	int i = 0, err;
	unsigned int k;

	skb_queue_walk(&th_fake_sent, f)
		frags[i++] = f;
	for (i = 0; i < n; i++) {
		f = skb_copy(frags[order[i]], 0);
		f->dev = dev;
		skb_reset_network_header(f);
		err = ip_defrag(net, f, IP_DEFRAG_LOCAL_DELIVER);
		if (i < n - 1) {
			KT_ASSERT(err != 0);
		} else {
			KT_EQ(err, 0);
			done = f;
		}
	}
	KT_ASSERT(done);
	KT_EQ(done->len, 3020);
	KT_EQ(ntohs(ip_hdr(done)->tot_len), 3020);
	KT_EQ(ip_hdr(done)->frag_off, 0);
	KT_EQ(ip_fast_csum(ip_hdr(done), 5), 0);
	for (k = 0; k < 3000; k++)
		KT_EQ(done->data[20 + k], (u8)(k * 7 + 3));
	KT_EQ(IPCB(done)->frag_max_size, 1500);
	kfree_skb(done);
	KT_EQ(mib(IPSTATS_MIB_REASMOKS), 1);
	KT_EQ(net->ipv4.frags ? 1 : 0, 1);
}

static void test_reasm_in_order(void)
{
	static const int order[] = { 0, 1, 2 };

	setup();
	fragment_3000();
	reassemble(order, 3);
	KT_EQ(mib(IPSTATS_MIB_REASMREQDS), 3);
	teardown();
}

static void test_reasm_out_of_order(void)
{
	static const int order[] = { 2, 0, 1 };

	setup();
	fragment_3000();
	reassemble(order, 3);
	teardown();
}

static void test_reasm_duplicates(void)
{
	static const int order[] = { 1, 1, 2, 2, 0 };

	setup();
	fragment_3000();
	reassemble(order, 5);
	KT_EQ(mib(IPSTATS_MIB_REASMFAILS), 0);
	KT_EQ(mib(IPSTATS_MIB_REASM_OVERLAPS), 0);
	teardown();
}

static void test_reasm_overlap_kills_queue(void)
{
	__be16 id = htons(99);

	setup();
	KT_EQ(ip_defrag(net, make_frag(0, 16, true, id), 0), -EINPROGRESS);
	KT_EQ(ip_defrag(net, make_frag(32, 16, true, id), 0), -EINPROGRESS);
	/* [8, 40) overlaps both partly: the whole queue goes */
	KT_ASSERT(ip_defrag(net, make_frag(8, 32, true, id), 0) < 0);
	KT_EQ(mib(IPSTATS_MIB_REASM_OVERLAPS), 1);
	KT_EQ(mib(IPSTATS_MIB_REASMFAILS), 1);
	/* a fresh queue: the last piece alone does not complete anything */
	KT_EQ(ip_defrag(net, make_frag(16, 8, false, id), 0), -EINPROGRESS);
	/* a zero-length middle fragment is invalid */
	KT_ASSERT(ip_defrag(net, make_frag(0, 0, true, htons(5)), 0) < 0);
	/* the waiting queue expires (no first fragment: no ICMP) */
	stack_exit(st);
	tn_clock_advance(st, 31ULL * NSEC_PER_SEC);
	stack_enter(st);
	KT_EQ(mib(IPSTATS_MIB_REASMTIMEOUT), 1);
	teardown();
}

static void test_reasm_timeout(void)
{
	setup();
	KT_EQ(ip_defrag(net, make_frag(8, 16, true, htons(7)), 0),
	      -EINPROGRESS);
	KT_EQ(ip_defrag(net, make_frag(0, 8, true, htons(7)), 0), -EINPROGRESS);
	stack_exit(st);
	tn_clock_advance(st, 29ULL * NSEC_PER_SEC);
	stack_enter(st);
	KT_EQ(mib(IPSTATS_MIB_REASMTIMEOUT), 0);
	stack_exit(st);
	tn_clock_advance(st, 2ULL * NSEC_PER_SEC);
	stack_enter(st);
	KT_EQ(mib(IPSTATS_MIB_REASMTIMEOUT), 1);
	KT_EQ(mib(IPSTATS_MIB_REASMFAILS), 1);
	teardown();
}

static void test_reasm_memory_limit(void)
{
	int i, queued = 0, refused = 0, err;

	setup();
	net->ipv4.sysctl_ipfrag_high_thresh = 20000;
	for (i = 0; i < 100; i++) {
		err = ip_defrag(net, make_frag(0, 1000, true, htons((u16)i)),
				0);
		if (err == -EINPROGRESS)
			queued++;
		else if (err == -ENOMEM)
			refused++;
	}
	KT_ASSERT(queued > 0 && queued < 100);
	KT_EQ(queued + refused, 100);
	KT_EQ(mib(IPSTATS_MIB_REASMFAILS), refused);
	/* everything expires; memory returns to zero */
	stack_exit(st);
	tn_clock_advance(st, 31ULL * NSEC_PER_SEC);
	stack_enter(st);
	KT_EQ(mib(IPSTATS_MIB_REASMTIMEOUT), queued);
	teardown();
}

static void test_df_fragments_refused(void)
{
	struct sk_buff *skb;

	setup();
	/* DF set and too big: ip_do_fragment is never asked; check the
	 * incoming-fragment offset/MF carried through refragmentation */
	skb = make_frag(1480, 2000, true, htons(3));
	dst_hold(&rt->dst);
	skb_dst_set(skb, &rt->dst);
	KT_EQ(ip_do_fragment(net, NULL, skb, th_fake_capture), 0);
	KT_EQ(skb_queue_len(&th_fake_sent), 2);
	skb = skb_peek(&th_fake_sent);
	KT_EQ(ntohs(ip_hdr(skb)->frag_off) & IP_OFFSET, 185);
	KT_ASSERT(ntohs(ip_hdr(skb)->frag_off) & IP_MF);
	skb = skb_peek_tail(&th_fake_sent);
	KT_EQ(ntohs(ip_hdr(skb)->frag_off) & IP_OFFSET, 185 + 185);
	KT_ASSERT(ntohs(ip_hdr(skb)->frag_off) & IP_MF);
	KT_EQ(skb->len, 20 + 2000 - 1480);
	teardown();
}

KTEST_MAIN(KT(test_fragment_sizes), KT(test_reasm_in_order),
	   KT(test_reasm_out_of_order), KT(test_reasm_duplicates),
	   KT(test_reasm_overlap_kills_queue), KT(test_reasm_timeout),
	   KT(test_reasm_memory_limit), KT(test_df_fragments_refused))
