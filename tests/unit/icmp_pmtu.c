// SPDX-License-Identifier: BSD-2-Clause
/*
 * Who learns a path MTU from an ICMP "fragmentation needed" (RFC 1191), as
 * Linux 6.18 does (checked there by injecting the same errors into a
 * namespace and reading `ip route get` and `ip route show cache`):
 *
 * - the protocol's error handler, for the socket the quoted packet belongs
 *   to; without a socket (UDP, TCP, an echo request without a ping socket,
 *   a protocol nobody handles) nothing is learned;
 * - the ICMP layer itself only for an echo reply we sent (icmp_err);
 * - a socket with IP_MTU_DISCOVER at IP_PMTUDISC_INTERFACE or _OMIT learns
 *   nothing, one at IP_PMTUDISC_DONT does;
 * - an unconnected socket's exception holds no route yet (not listed by
 *   `ip route show cache`), a connected socket's route is looked up again
 *   at once, through the exception (listed).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <string.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#include <net/ip_fib.h>
#include <net/neighbour.h>

/* veth_helpers.h first: its parameters named net precede fib_helpers.h's */
#include "veth_helpers.h"
#include "fib_helpers.h"

static const u8 gw_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };
static struct net_device *dum0;

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

/*
 * frag_needed - the gateway 10.0.1.1 says a packet 10.0.1.2 -> @daddr of
 * @proto (ports @sport -> 9, or an ICMP message of type @sport) needs an
 * MTU of 1400.
 */
static void frag_needed(const char *daddr, u8 proto, u16 sport)
{
	const unsigned int len = 20 + 8 + 20 + 8;
	struct sk_buff *skb = th_frame(dum0->dev_addr, gw_mac, ETH_P_IP, len);
	struct iphdr *iph = (struct iphdr *)(void *)(skb->data + ETH_HLEN);
	struct icmphdr *icmph = (struct icmphdr *)(void *)(iph + 1);
	struct iphdr *q = (struct iphdr *)(void *)(icmph + 1);
	u8 *l4 = (u8 *)(q + 1);

	memset(iph, 0, len);
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = A("10.0.1.1");
	iph->daddr = A("10.0.1.2");
	iph->tot_len = htons((u16)len);
	iph->check = csum16(iph, sizeof(*iph));
	icmph->type = ICMP_DEST_UNREACH;
	icmph->code = ICMP_FRAG_NEEDED;
	icmph->un.frag.mtu = htons(1400);
	q->version = 4;
	q->ihl = 5;
	q->ttl = 64;
	q->protocol = proto;
	q->frag_off = htons(0x4000) /* DF */;
	q->tot_len = htons(1500);
	q->saddr = A("10.0.1.2");
	q->daddr = A(daddr);
	q->check = csum16(q, sizeof(*q));
	if (proto == IPPROTO_ICMP) {
		l4[0] = (u8)sport; /* the type of the quoted message */
	} else {
		l4[0] = (u8)(sport >> 8);
		l4[1] = (u8)sport;
		l4[3] = 9;
	}
	icmph->checksum = csum16(icmph, len - 20);
	skb->dev = dum0;
	skb->protocol = eth_type_trans(skb, dum0);
	netif_rx(skb);
	do_softirq(st);
}

/* The exception learned for @daddr through the default route, if any. */
static struct fib_nh_exception *exception(const char *daddr)
{
	struct flowi4 fl4 = { .daddr = A(daddr) };
	struct fib_nh_exception *fnhe;
	struct fib_result res;

	KT_EQ(fib_lookup(net, &fl4, &res, 0), 0);
	fnhe = fib_nh_find_exception(res.nh, fl4.daddr);
	if (!fnhe || !fib_nh_exception_current(res.nh, fnhe))
		return NULL;
	KT_EQ(fnhe->fnhe_pmtu, 1400);
	return fnhe;
}

static int udp_sock(u16 port, int pmtudisc, const char *connect_to)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	if (pmtudisc >= 0)
		KT_EQ(tn_setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &pmtudisc,
				    sizeof(pmtudisc)),
		      0);
	sin.sin_port = htons(port);
	KT_EQ(tn_bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	if (connect_to) {
		sin.sin_addr.s_addr = A(connect_to);
		sin.sin_port = htons(9);
		KT_EQ(tn_connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	}
	return fd;
}

static void setup(void)
{
	struct neighbour *n;

	fh_setup();
	dum0 = fh_dev("dum0", true);
	fh_addr("dum0", "10.0.1.2", 24);
	KT_EQ(fh_route("0.0.0.0", 0, "10.0.1.1", NULL, 0, RTN_UNICAST, NULL),
	      0);
	n = __neigh_create(net->ipv4.arp_tbl, &(__be32){ A("10.0.1.1") }, dum0);
	KT_ASSERT(!IS_ERR(n));
	KT_EQ(neigh_update(n, gw_mac, NUD_PERMANENT, NEIGH_UPDATE_F_ADMIN, 0),
	      0);
}

static void test_no_socket_learns_nothing(void)
{
	setup();
	frag_needed("192.0.2.11", IPPROTO_UDP, 5000);
	KT_ASSERT(!exception("192.0.2.11"));
	frag_needed("192.0.2.12", IPPROTO_TCP, 5000);
	KT_ASSERT(!exception("192.0.2.12"));
	/* an echo request, but no ping socket */
	frag_needed("192.0.2.13", IPPROTO_ICMP, ICMP_ECHO);
	KT_ASSERT(!exception("192.0.2.13"));
	/* a protocol nobody handles */
	frag_needed("192.0.2.14", 253, 0);
	KT_ASSERT(!exception("192.0.2.14"));
	fh_teardown();
}

static void test_echo_reply_learns(void)
{
	struct fib_nh_exception *fnhe;

	setup();
	/* an echo reply is the stack's own: icmp_err learns, holding no
	 * route yet */
	frag_needed("192.0.2.15", IPPROTO_ICMP, ICMP_ECHOREPLY);
	fnhe = exception("192.0.2.15");
	KT_ASSERT(fnhe);
	KT_ASSERT(!fnhe->fnhe_routed);
	fh_teardown();
}

static void test_sockets_learn(void)
{
	struct fib_nh_exception *fnhe;
	int fd[5];

	setup();
	fh_unlock();
	fd[0] = udp_sock(5001, -1, NULL);
	fd[1] = udp_sock(5002, -1, "192.0.2.22");
	fd[2] = udp_sock(5003, IP_PMTUDISC_INTERFACE, NULL);
	fd[3] = udp_sock(5004, IP_PMTUDISC_OMIT, NULL);
	fd[4] = udp_sock(5005, IP_PMTUDISC_DONT, NULL);
	fh_relock();

	/* unconnected: learned, no route made through it yet */
	frag_needed("192.0.2.21", IPPROTO_UDP, 5001);
	fnhe = exception("192.0.2.21");
	KT_ASSERT(fnhe);
	KT_ASSERT(!fnhe->fnhe_routed);
	/* connected: its route is made again at once, through it */
	frag_needed("192.0.2.22", IPPROTO_UDP, 5002);
	fnhe = exception("192.0.2.22");
	KT_ASSERT(fnhe);
	KT_ASSERT(fnhe->fnhe_routed);
	/* sockets that take no PMTU from the path */
	frag_needed("192.0.2.23", IPPROTO_UDP, 5003);
	KT_ASSERT(!exception("192.0.2.23"));
	frag_needed("192.0.2.24", IPPROTO_UDP, 5004);
	KT_ASSERT(!exception("192.0.2.24"));
	/* one that does not set DF still learns */
	frag_needed("192.0.2.25", IPPROTO_UDP, 5005);
	KT_ASSERT(exception("192.0.2.25"));

	fh_unlock();
	for (int i = 0; i < 5; i++)
		tn_close(fd[i]);
	fh_relock();
	fh_teardown();
}

KTEST_MAIN(KT(test_no_socket_learns_nothing), KT(test_echo_reply_learns),
	   KT(test_sockets_learn))
