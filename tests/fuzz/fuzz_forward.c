// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_forward: IPv4 forwarding through a router.  Its own topology, made
 * once per process:
 *
 *   netns "l": l0 02:00:00:00:01:01 10.1.0.2/24  (frames are injected here)
 *   netns "r": r0 02:00:00:00:01:02 10.1.0.1/24, r1 02:00:00:00:02:01
 *              10.2.0.1/24, ip_forward=1, and routes: default and
 *              10.3.0.0/16 via 10.2.0.2, 10.3.3.0/24 dev r1, unreachable
 *              10.4.0.0/16, prohibit 10.5.0.0/16, blackhole 10.6.0.0/16
 *   netns "f": f0 02:00:00:00:02:02 10.2.0.2/24  (answers r1's ARP)
 *
 * l0 and r0 have an MTU of 4000 and r1 of 1500, so that big packets are
 * fragmented (or refused with DF) on the way out.
 *
 * The input is a mode byte and an IPv4 packet, sent from l0 to r0's MAC:
 *   0x01  recompute the header checksum;  0x02  set tot_len to the size;
 *   0x0c  destination: 0 keep, 4 10.2.0.2, 8 10.3.x.y (routed), 0x0c
 *         10.4-6.x.y (reject routes);
 *   0x10  source 10.1.0.2;  0x20  set DF;  0x40  broadcast MAC;
 *   0x80  TTL 1 (time exceeded).
 *
 * The oracle, besides no crash and no leaked skb: every IPv4 frame the
 * router sends (r0 and r1) has a valid header checksum, and what r1 sends
 * of the injected packet is a correct forward: same addresses, id and
 * protocol, TTL one less, and (a fragment's) payload the input's bytes at
 * its offset; an unfragmented packet without options is the input with
 * only TTL and checksum changed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/etherdevice.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/skbuff.h>
#include <net/stack.h>

#include "env.h"
#include "harness.h"

static const uint8_t mac_l0[6] = { 2, 0, 0, 0, 1, 1 };
static const uint8_t mac_r0[6] = { 2, 0, 0, 0, 1, 2 };
static const uint8_t mac_r1[6] = { 2, 0, 0, 0, 2, 1 };
static const uint8_t mac_f0[6] = { 2, 0, 0, 0, 2, 2 };

#define IP_L0 0x0a010002u
#define IP_R0 0x0a010001u
#define IP_R1 0x0a020001u
#define IP_F0 0x0a020002u

static struct {
	struct tn_stack *st;
	struct net *l, *r, *f;
	struct net_device *l0, *r0, *r1;
	long base_skbs;
	/* the packet injected by this input, as sent */
	uint8_t in[FUZZ_MAX_FRAME];
	size_t in_len;
	int armed;
	long forwarded, sent; /* FUZZ_VERBOSE: per input */
} fw;

static const struct net_device_ops *orig_r0_ops, *orig_r1_ops;
static struct net_device_ops cap_r0_ops, cap_r1_ops;

static __attribute__((noreturn)) void fw_die(const char *what)
{
	fprintf(stderr, "fuzz_forward: %s\n", what);
	abort();
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Checks one IPv4 packet the router sends out of @dev. */
static void check_ipv4_out(const uint8_t *ip, size_t len, int far)
{
	const uint8_t *in = fw.in;
	size_t ihl, tot, in_ihl, in_tot, off, in_off, plen;

	if (len < 20 || ip[0] >> 4 != 4)
		fw_die("sent a packet that is not IPv4");
	ihl = (size_t)(ip[0] & 15) * 4;
	tot = get16(ip + 2);
	if (ihl < 20 || ihl > len || tot < ihl || tot > len)
		fw_die("sent a malformed IPv4 header");
	if (fuzz_csum_fold(fuzz_csum_partial(ip, ihl, 0)) != 0)
		fw_die("sent an IPv4 header with a bad checksum");
	fw.sent++;
	if (!far || !fw.armed || fw.in_len < 20)
		return;
	/* is it (a fragment of) the injected packet, forwarded? */
	if (get32(ip + 12) != get32(in + 12) ||
	    get32(ip + 16) != get32(in + 16) ||
	    get16(ip + 4) != get16(in + 4) || ip[9] != in[9])
		return;
	fw.forwarded++;
	if (ip[8] + 1 != in[8])
		fw_die("forwarded with a TTL that is not the input's - 1");
	in_ihl = (size_t)(in[0] & 15) * 4;
	in_tot = get16(in + 2);
	if (in_tot > fw.in_len || in_ihl < 20 || in_tot < in_ihl)
		fw_die("forwarded a packet the router should have dropped");
	/* offsets relative to the input's own (it may be a fragment) */
	off = (size_t)(get16(ip + 6) & 0x1fff) * 8;
	in_off = (size_t)(get16(in + 6) & 0x1fff) * 8;
	/*
	 * A fragment ending past 64 KiB can never be reassembled; split
	 * again, its pieces' offsets wrap as Linux's ip_do_fragment wraps
	 * them.  Only the TTL and checksum are checked then.
	 */
	if (in_off + (in_tot - in_ihl) > 0xffff)
		return;
	if (off < in_off)
		fw_die("forwarded a fragment before the input's offset");
	off -= in_off;
	plen = tot - ihl;
	if (off + plen > in_tot - in_ihl)
		fw_die("forwarded more payload than the input had");
	if (memcmp(ip + ihl, in + in_ihl + off, plen))
		fw_die("forwarded payload differs from the input's");
	if (ihl == 20 && in_ihl == 20 && tot == in_tot &&
	    get16(ip + 6) == get16(in + 6)) {
		/* whole and without options: only TTL and checksum change */
		if (memcmp(ip, in, 8) || ip[9] != in[9] ||
		    memcmp(ip + 12, in + 12, 8))
			fw_die("forwarded header differs from the input's");
	}
}

static void capture(struct sk_buff *skb, int far)
{
	const uint8_t *d = skb->data;

	if (skb_headlen(skb) != skb->len)
		return; /* not linear: left alone */
	if (skb->len < FUZZ_ETH_HLEN || get16(d + 12) != 0x0800)
		return;
	check_ipv4_out(d + FUZZ_ETH_HLEN, skb->len - FUZZ_ETH_HLEN, far);
}

static netdev_tx_t cap_r0_xmit(struct sk_buff *skb, struct net_device *dev)
{
	capture(skb, 0);
	return orig_r0_ops->ndo_start_xmit(skb, dev);
}

static netdev_tx_t cap_r1_xmit(struct sk_buff *skb, struct net_device *dev)
{
	capture(skb, 1);
	return orig_r1_ops->ndo_start_xmit(skb, dev);
}

static int add_route(uint32_t dst, int plen, uint8_t type, uint32_t gw,
		     struct net_device *dev)
{
	struct fib_config cfg = {
		.fc_dst = htonl(dst),
		.fc_dst_len = (u8)plen,
		.fc_table = RT_TABLE_MAIN,
		.fc_protocol = RTPROT_BOOT,
		.fc_type = type,
		.fc_scope = (type == RTN_UNICAST && !gw) ? RT_SCOPE_LINK
							 : RT_SCOPE_UNIVERSE,
		.fc_oif = dev ? dev->ifindex : 0,
		.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		.fc_nlinfo = { .nl_net = fw.r },
	};

	if (gw) {
		cfg.fc_gw4 = htonl(gw);
		cfg.fc_gw_family = AF_INET;
	}
	return fib_table_insert(fw.r, fib_new_table(fw.r, RT_TABLE_MAIN), &cfg,
				NULL);
}

static void fw_settle(void)
{
	struct tn_stack_stats s;
	int round;

	for (round = 0; round < 3; round++) {
		tn_clock_advance(fw.st, (65ull * 1000 * NSEC_PER_MSEC)
						<< round);
		tn_stack_get_stats(fw.st, &s);
		if (s.live_skbs <= fw.base_skbs)
			return;
	}
	fprintf(stderr, "fuzz_forward: %ld live skbs, baseline %ld\n",
		s.live_skbs, fw.base_skbs);
	abort();
}

static void fw_setup(void)
{
	struct net_device *f0;
	struct tn_stack_stats s;
	static const char one[] = "1";
	int fd;

	if (fw.st)
		return;
	fw.st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	if (!fw.st)
		fw_die("tn_stack_create");
	tn_stack_attach(fw.st);
	if (tn_netns_add("l") < 0 || tn_netns_add("r") < 0 ||
	    tn_netns_add("f") < 0)
		fw_die("netns add");
	stack_enter(fw.st);
	rtnl_lock(); /* configuring, as the control plane does */
	fw.l = netns_get_by_name(fw.st, "l");
	fw.r = netns_get_by_name(fw.st, "r");
	fw.f = netns_get_by_name(fw.st, "f");
	if (!fw.l || !fw.r || !fw.f)
		fw_die("netns");
	fw.r0 = fuzz_veth_pair(fw.r, "r0", "l0");
	fw.l0 = __dev_get_by_name(fw.r, "l0");
	fw.r1 = fuzz_veth_pair(fw.r, "r1", "f0");
	f0 = __dev_get_by_name(fw.r, "f0");
	if (!fw.r0 || !fw.l0 || !fw.r1 || !f0 ||
	    dev_change_net_namespace(fw.l0, fw.l, NULL) ||
	    dev_change_net_namespace(f0, fw.f, NULL) ||
	    fuzz_configure_if(fw.l, fw.l0, mac_l0, IP_L0) ||
	    fuzz_configure_if(fw.r, fw.r0, mac_r0, IP_R0) ||
	    fuzz_configure_if(fw.r, fw.r1, mac_r1, IP_R1) ||
	    fuzz_configure_if(fw.f, f0, mac_f0, IP_F0) ||
	    dev_set_mtu(fw.l0, 4000) || dev_set_mtu(fw.r0, 4000))
		fw_die("topology");
	if (add_route(0, 0, RTN_UNICAST, IP_F0, NULL) ||
	    add_route(0x0a030000u, 16, RTN_UNICAST, IP_F0, NULL) ||
	    add_route(0x0a030300u, 24, RTN_UNICAST, 0, fw.r1) ||
	    add_route(0x0a040000u, 16, RTN_UNREACHABLE, 0, NULL) ||
	    add_route(0x0a050000u, 16, RTN_PROHIBIT, 0, NULL) ||
	    add_route(0x0a060000u, 16, RTN_BLACKHOLE, 0, NULL))
		fw_die("routes");
	/* watch what the router sends */
	orig_r0_ops = fw.r0->netdev_ops;
	orig_r1_ops = fw.r1->netdev_ops;
	cap_r0_ops = *orig_r0_ops;
	cap_r1_ops = *orig_r1_ops;
	cap_r0_ops.ndo_start_xmit = cap_r0_xmit;
	cap_r1_ops.ndo_start_xmit = cap_r1_xmit;
	fw.r0->netdev_ops = &cap_r0_ops;
	fw.r1->netdev_ops = &cap_r1_ops;
	rtnl_unlock();
	stack_exit(fw.st);

	if (tn_netns_set("r") < 0)
		fw_die("netns set");
	fd = tn_open("/proc/sys/net/ipv4/ip_forward", O_WRONLY);
	if (fd < 0 || tn_write(fd, one, 1) != 1)
		fw_die("ip_forward");
	tn_close(fd);
	tn_clock_advance(fw.st, 65ull * 1000 * NSEC_PER_MSEC);
	tn_stack_get_stats(fw.st, &s);
	fw.base_skbs = s.live_skbs;
}

static void inject(const uint8_t *pkt, size_t len, int bcast)
{
	struct sk_buff *skb;

	stack_enter(fw.st);
	skb = alloc_skb((unsigned int)(len + FUZZ_ETH_HLEN) + 64 + 2, 0);
	if (!skb)
		fw_die("alloc_skb");
	skb_reserve(skb, 64 + 2);
	if (bcast)
		memset(skb_put(skb, 6), 0xff, 6);
	else
		skb_put_data(skb, mac_r0, 6);
	skb_put_data(skb, mac_l0, 6);
	*(uint8_t *)skb_put(skb, 1) = 0x08;
	*(uint8_t *)skb_put(skb, 1) = 0x00;
	skb_put_data(skb, pkt, (unsigned int)len);
	skb->dev = fw.l0;
	skb->protocol = htons(ETH_P_IP);
	dev_queue_xmit(skb);
	{
		int i;

		for (i = 0;
		     i < 64 && skb_queue_len(&fw.st->softnet.input_pkt_queue);
		     i++)
			do_softirq(fw.st);
	}
	stack_exit(fw.st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *pkt = fw.in;
	uint8_t mode;

	if (!size)
		return 0;
	fw_setup();
	mode = data[0];
	data++;
	size--;
	if (size > FUZZ_MAX_FRAME - FUZZ_ETH_HLEN)
		size = FUZZ_MAX_FRAME - FUZZ_ETH_HLEN;
	memcpy(pkt, data, size);
	if (size >= 20) {
		uint32_t dst = 0;

		switch (mode & 0x0c) {
		case 0x04:
			dst = IP_F0;
			break;
		case 0x08:
			dst = 0x0a030000u | get16(pkt + 18);
			break;
		case 0x0c:
			dst = ((0x0a040000u +
				((uint32_t)pkt[17] % 3) * 0x10000u) |
			       get16(pkt + 18));
			break;
		}
		if (dst) {
			pkt[16] = (uint8_t)(dst >> 24);
			pkt[17] = (uint8_t)(dst >> 16);
			pkt[18] = (uint8_t)(dst >> 8);
			pkt[19] = (uint8_t)dst;
		}
		if (mode & 0x10) {
			pkt[12] = 10;
			pkt[13] = 1;
			pkt[14] = 0;
			pkt[15] = 2;
		}
		if (mode & 0x20)
			pkt[6] |= 0x40;
		if (mode & 0x80)
			pkt[8] = 1;
	}
	if ((mode & 0x02) && size >= 4) {
		pkt[2] = (uint8_t)(size >> 8);
		pkt[3] = (uint8_t)size;
	}
	if (mode & 0x01)
		fuzz_fix_ipv4_csum(pkt, size);
	fw.in_len = size;
	fw.armed = 1;
	fw.forwarded = fw.sent = 0;
	inject(pkt, size, mode & 0x40);
	fw_settle();
	fw.armed = 0;
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz_forward: %ld IPv4 sent, %ld forwarded\n",
			fw.sent, fw.forwarded);
	return 0;
}
