// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where ICMP replies come from and where echo requests go when nothing
 * can carry them: an echo to the subnet broadcast is answered (with
 * icmp_echo_ignore_broadcasts off) from the receiving interface's own
 * address, never from the broadcast address (Linux: fib_compute_spec_dst);
 * an echo sent over lo while lo is down is lost silently, as Linux's noop
 * qdisc drops it (sendmsg succeeds).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <string.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#include <net/neighbour.h>

/* veth_helpers.h first: its parameters named net precede fib_helpers.h's */
#include "veth_helpers.h"
#include "fib_helpers.h"

static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 peer_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x02 };

static u16 csum16(const void *p, size_t len)
{
	const u8 *b = p;
	u32 sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (u32)b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((u16)~sum);
}

/* An echo request 10.0.1.2 -> @daddr arriving on @dev as a broadcast. */
static void rx_echo(struct net_device *dev, __be32 daddr)
{
	struct sk_buff *skb = th_frame(bcast, peer_mac, ETH_P_IP, 28 + 8);
	struct iphdr *iph = (struct iphdr *)(void *)(skb->data + ETH_HLEN);
	struct icmphdr *icmph = (struct icmphdr *)(void *)(iph + 1);

	memset(iph, 0, 28 + 8);
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = A("10.0.1.2");
	iph->daddr = daddr;
	iph->tot_len = htons(28 + 8);
	iph->check = csum16(iph, sizeof(*iph));
	icmph->type = ICMP_ECHO;
	icmph->un.echo.id = htons(0x1234);
	icmph->un.echo.sequence = htons(1);
	memcpy(icmph + 1, "tuxnet!!", 8);
	icmph->checksum = csum16(icmph, 16);
	skb->dev = dev;
	skb->protocol = eth_type_trans(skb, dev);
	netif_rx(skb);
	do_softirq(st);
}

/* The IPv4 packets the tap saw leave: the source of the first reply. */
static __be32 reply_saddr(struct th_tap *tap)
{
	struct sk_buff *skb;

	skb_queue_walk(&tap->q, skb) {
		const struct iphdr *iph;
		const struct icmphdr *icmph;

		if (skb->protocol != htons(ETH_P_IP) ||
		    skb->pkt_type != PACKET_OUTGOING)
			continue;
		iph = (const struct iphdr *)(const void *)skb_network_header(
			skb);
		icmph = (const struct icmphdr *)(const void *)(iph + 1);
		if (iph->protocol == IPPROTO_ICMP &&
		    icmph->type == ICMP_ECHOREPLY)
			return iph->saddr;
	}
	return 0;
}

static void test_broadcast_echo_reply_source(void)
{
	struct net_device *dev;
	struct neighbour *n;
	struct th_tap tap;

	fh_setup();
	dev = fh_dev("dum0", true);
	fh_addr("dum0", "10.0.1.1", 24);
	n = __neigh_create(net->ipv4.arp_tbl, &(__be32){ A("10.0.1.2") }, dev);
	KT_ASSERT(!IS_ERR(n));
	KT_EQ(neigh_update(n, peer_mac, NUD_PERMANENT, NEIGH_UPDATE_F_ADMIN, 0),
	      0);
	th_tap_add(&tap, ETH_P_ALL, dev);

	/* ignored by default (RFC 1122 3.2.2.6 MAY) */
	rx_echo(dev, A("10.0.1.255"));
	KT_EQ(reply_saddr(&tap), 0);

	fh_sysctl("/proc/sys/net/ipv4/icmp_echo_ignore_broadcasts", "0");
	rx_echo(dev, A("10.0.1.255"));
	KT_EQ(reply_saddr(&tap), A("10.0.1.1"));
	skb_queue_purge(&tap.q);

	/* the limited broadcast too */
	rx_echo(dev, A("255.255.255.255"));
	KT_EQ(reply_saddr(&tap), A("10.0.1.1"));
	skb_queue_purge(&tap.q);

	/* a unicast echo is answered from the address it was sent to */
	rx_echo(dev, A("10.0.1.1"));
	KT_EQ(reply_saddr(&tap), A("10.0.1.1"));

	th_tap_del(&tap);
	fh_teardown();
}

static void test_echo_over_lo_down_is_lost(void)
{
	struct net_device *lo;
	struct sockaddr_in to;
	unsigned char req[16] = { ICMP_ECHO };
	int fd;

	fh_setup();
	lo = net->loopback_dev;
	KT_EQ(dev_change_flags(lo, lo->flags | IFF_UP), 0);
	KT_EQ(dev_change_flags(lo, lo->flags & ~IFF_UP), 0);

	/* net.ipv4.ping_group_range = "0 2147483647": anyone may ping */
	net->ipv4.sysctl_ping_group_range[0] = 0;
	net->ipv4.sysctl_ping_group_range[1] = 2147483647;
	fh_unlock();
	fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	KT_ASSERT(fd >= 0);
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = A("127.0.0.1");
	/* the local route stays; lo's qdisc drops it, unknown to the sender */
	KT_EQ(tn_sendto(fd, req, sizeof(req), 0, (struct sockaddr *)&to,
			sizeof(to)),
	      (ssize_t)sizeof(req));
	KT_EQ(tn_recv(fd, req, sizeof(req), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	KT_EQ(st->drop_reasons[SKB_DROP_REASON_DEV_READY], 1);
	tn_close(fd);
	fh_relock();
	fh_teardown();
}

KTEST_MAIN(KT(test_broadcast_echo_reply_source),
	   KT(test_echo_over_lo_down_is_lost))
