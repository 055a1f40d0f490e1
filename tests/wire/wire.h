/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the wire tests: networks of namespaces joined by veth pairs,
 * configured through the public API as `ip` would (rtnetlink messages,
 * /proc/sys writes); a tap that keeps a copy of every frame a device sends
 * or receives; an RFC 1071 checksum of our own to verify the stack's; and
 * builders of Ethernet, ARP (RFC 826), IPv4 (RFC 791), ICMP (RFC 792) and
 * UDP (RFC 768) headers for frames injected into the stack.
 *
 * Addresses are host-order u32 in the helpers' arguments (10.0.0.1 is
 * 0x0a000001) and network order in the headers.
 */
#ifndef TN_TEST_WIRE_H
#define TN_TEST_WIRE_H

#include <fcntl.h>
#include <linux/icmp.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/ip.h>
#include <linux/rtnetlink.h>
#include <linux/udp.h>
#include <linux/veth.h>
#include <sys/ioctl.h>

#include <tuxnet/tuxnet.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/snmp.h>
#include <net/stack.h>

#include "ktest.h"

/* RFC 791 3.1: the flags and offset field */
#define WIRE_DF	    0x4000
#define WIRE_MF	    0x2000
#define WIRE_OFFSET 0x1fff

#define WIRE_IP(a, b, c, d) \
	((u32)(a) << 24 | (u32)(b) << 16 | (u32)(c) << 8 | (u32)(d))

/* ---- the Internet checksum, our own (RFC 1071) ---- */

/* wire_sum - one's complement sum of @len bytes at @p added to @sum */
static inline u32 wire_sum(const void *p, size_t len, u32 sum)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)b[i] << 8 | b[i + 1];
	if (len & 1)
		sum += (u32)b[len - 1] << 8;
	return sum;
}

/* wire_fold - fold @sum to 16 bits and complement: the checksum field */
static inline u16 wire_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/* wire_csum - checksum of @len bytes; 0 over data that includes a good one */
static inline u16 wire_csum(const void *p, size_t len)
{
	return wire_fold(wire_sum(p, len, 0));
}

/* wire_pseudo - the IPv4 pseudo-header sum of RFC 768 / RFC 793 */
static inline u32 wire_pseudo(const struct iphdr *iph, u8 proto, u16 len)
{
	u32 sum = 0;

	sum = wire_sum(&iph->saddr, 4, sum);
	sum = wire_sum(&iph->daddr, 4, sum);
	return sum + proto + len;
}

/*
 * wire_udp_csum - the checksum @uh should carry in @iph's datagram (the
 * field itself taken as zero), before the 0 -> 0xffff rule
 */
static inline u16 wire_udp_csum(const struct iphdr *iph,
				const struct udphdr *uh, u16 len)
{
	struct udphdr h = *uh;
	u32 sum;

	h.check = 0;
	sum = wire_pseudo(iph, IPPROTO_UDP, len);
	sum = wire_sum(&h, sizeof(h), sum);
	sum = wire_sum(uh + 1, len - sizeof(h), sum);
	return wire_fold(sum);
}

/* ---- configuration through the public API ---- */

struct wire_req {
	struct nlmsghdr *nlh;
	u64 buf[128];
};

static inline void *wire_req_init(struct wire_req *r, int type, int flags,
				  size_t body)
{
	memset(r, 0, sizeof(*r));
	r->nlh = (struct nlmsghdr *)(void *)r->buf;
	r->nlh->nlmsg_len = (u32)NLMSG_LENGTH(body);
	r->nlh->nlmsg_type = (u16)type;
	r->nlh->nlmsg_flags = (u16)(NLM_F_REQUEST | NLM_F_ACK | flags);
	return NLMSG_DATA(r->nlh);
}

static inline struct rtattr *wire_req_attr(struct wire_req *r, int type,
					   const void *data, size_t len)
{
	struct rtattr *rta =
		(struct rtattr *)(void *)((char *)r->buf +
					  NLMSG_ALIGN(r->nlh->nlmsg_len));

	rta->rta_type = (u16)type;
	rta->rta_len = (u16)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	r->nlh->nlmsg_len =
		(u32)(NLMSG_ALIGN(r->nlh->nlmsg_len) + RTA_ALIGN(rta->rta_len));
	return rta;
}

static inline void wire_req_nest_end(struct wire_req *r, struct rtattr *nest)
{
	nest->rta_len =
		(u16)((char *)r->buf + r->nlh->nlmsg_len - (char *)nest);
}

/* wire_talk - send @r on a NETLINK_ROUTE socket; the ack's error (0/-errno) */
static inline int wire_talk(struct wire_req *r)
{
	int fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	u64 ans[256];
	ssize_t n;

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_send(fd, r->buf, r->nlh->nlmsg_len, 0), r->nlh->nlmsg_len);
	n = tn_recv(fd, ans, sizeof(ans), 0);
	tn_close(fd);
	KT_ASSERT(n >= (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)));
	return ((struct nlmsgerr *)NLMSG_DATA((struct nlmsghdr *)(void *)ans))
		->error;
}

static inline int wire_ifindex(const char *name)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	KT_EQ(tn_ioctl(fd, SIOCGIFINDEX, &ifr), 0);
	tn_close(fd);
	return ifr.ifr_ifindex;
}

/* ip link add @name type veth peer name @peer netns @peer_ns */
static inline void wire_veth(const char *name, const char *peer,
			     const char *peer_ns)
{
	struct rtattr *linkinfo, *data, *pattr;
	struct ifinfomsg *ifi, pifi;
	struct wire_req r;
	char path[64];
	int nsfd;

	snprintf(path, sizeof(path), "/run/netns/%s", peer_ns);
	nsfd = tn_open(path, O_RDONLY);
	KT_ASSERT(nsfd >= 0);
	ifi = wire_req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
			    sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	wire_req_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	linkinfo = wire_req_attr(&r, IFLA_LINKINFO, NULL, 0);
	wire_req_attr(&r, IFLA_INFO_KIND, "veth", 5);
	data = wire_req_attr(&r, IFLA_INFO_DATA, NULL, 0);
	memset(&pifi, 0, sizeof(pifi));
	pattr = wire_req_attr(&r, VETH_INFO_PEER, &pifi, sizeof(pifi));
	wire_req_attr(&r, IFLA_IFNAME, peer, strlen(peer) + 1);
	wire_req_attr(&r, IFLA_NET_NS_FD, &nsfd, sizeof(nsfd));
	wire_req_nest_end(&r, pattr);
	wire_req_nest_end(&r, data);
	wire_req_nest_end(&r, linkinfo);
	KT_EQ(wire_talk(&r), 0);
	tn_close(nsfd);
}

/* ip addr add @addr/@plen dev @dev; ip link set @dev up [mtu @mtu] */
static inline void wire_addr_up(const char *dev, u32 addr, int plen, int mtu)
{
	struct ifinfomsg *ifi;
	struct ifaddrmsg *ifa;
	struct wire_req r;
	__be32 a = htonl(addr);
	int index = wire_ifindex(dev);

	ifa = wire_req_init(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
			    sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (u8)plen;
	ifa->ifa_index = (u32)index;
	wire_req_attr(&r, IFA_LOCAL, &a, sizeof(a));
	wire_req_attr(&r, IFA_ADDRESS, &a, sizeof(a));
	KT_EQ(wire_talk(&r), 0);

	ifi = wire_req_init(&r, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = index;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	if (mtu) {
		u32 m = (u32)mtu;

		wire_req_attr(&r, IFLA_MTU, &m, sizeof(m));
	}
	KT_EQ(wire_talk(&r), 0);
}

/* ip route add default via @gw */
static inline void wire_default_route(u32 gw)
{
	struct wire_req r;
	struct rtmsg *rtm;
	__be32 g = htonl(gw);

	rtm = wire_req_init(&r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL,
			    sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	wire_req_attr(&r, RTA_GATEWAY, &g, sizeof(g));
	KT_EQ(wire_talk(&r), 0);
}

/* sysctl -w: write @val to /proc/sys/@path in the current namespace */
static inline void wire_sysctl(const char *path, const char *val)
{
	char p[128];
	int fd;

	snprintf(p, sizeof(p), "/proc/sys/%s", path);
	fd = tn_open(p, O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, val, strlen(val)), (ssize_t)strlen(val));
	tn_close(fd);
}

/* ---- the tap: a copy of every frame a device sends and receives ---- */

#define WIRE_MAX_FRAMES 128
#define WIRE_FRAME_MAX	2048

struct wire_frame {
	u32 len;
	u8 out; /* sent by the device (PACKET_OUTGOING), else received */
	u8 pad_;
	/* at 2 mod 4, so that the IP header after Ethernet's is aligned */
	u8 data[WIRE_FRAME_MAX];
};

_Static_assert(offsetof(struct wire_frame, data) % 4 == 2,
	       "wire_frame.data must sit at 2 mod 4");

/*
 * WIRE_BUF - declare @name, @size bytes for building a frame, starting at
 * 2 mod 4 so the headers after Ethernet's are aligned as their structs ask
 */
#define WIRE_BUF(name, size)                                      \
	u8 name##_store_[(size) + 2] __attribute__((aligned(4))); \
	u8 *const name = name##_store_ + 2

struct wire_tap {
	struct packet_type pt;
	struct wire_frame *f;
	int n;
};

static inline int wire_tap_rcv(struct sk_buff *skb, struct net_device *dev,
			       struct packet_type *pt,
			       struct net_device *orig_dev)
{
	struct wire_tap *tap = container_of(pt, struct wire_tap, pt);
	const u8 *mac =
		skb_mac_header_was_set(skb) ? skb_mac_header(skb) : skb->data;
	unsigned int len = (unsigned int)(skb->tail - mac);

	(void)dev;
	(void)orig_dev;
	if (tap->n < WIRE_MAX_FRAMES && len <= WIRE_FRAME_MAX) {
		struct wire_frame *f = &tap->f[tap->n++];

		memcpy(f->data, mac, len);
		f->len = len;
		f->out = skb->pkt_type == PACKET_OUTGOING;
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/* wire_tap_add - tap @dev; stack lock held */
static inline void wire_tap_add(struct wire_tap *tap, struct net_device *dev)
{
	memset(tap, 0, sizeof(*tap));
	tap->f = calloc(WIRE_MAX_FRAMES, sizeof(*tap->f));
	tap->pt.type = htons(ETH_P_ALL);
	tap->pt.dev = dev;
	tap->pt.func = wire_tap_rcv;
	dev_add_pack(&tap->pt);
}

static inline void wire_tap_del(struct wire_tap *tap)
{
	dev_remove_pack(&tap->pt);
	free(tap->f);
	tap->f = NULL;
}

/* ---- views of a captured frame ---- */

static inline const struct ethhdr *wire_eth(const struct wire_frame *f)
{
	return (const struct ethhdr *)(const void *)f->data;
}

static inline const struct iphdr *wire_iph(const struct wire_frame *f)
{
	return (const struct iphdr *)(const void *)(f->data + ETH_HLEN);
}

static inline const u8 *wire_l4(const struct wire_frame *f)
{
	return f->data + ETH_HLEN + wire_iph(f)->ihl * 4;
}

static inline bool wire_is_ip(const struct wire_frame *f, u8 proto)
{
	return f->len >= ETH_HLEN + sizeof(struct iphdr) &&
	       wire_eth(f)->h_proto == htons(ETH_P_IP) &&
	       wire_iph(f)->protocol == proto;
}

/*
 * wire_find - the @nth (0-based) frame in @dir (1 out, 0 in, -1 either) of
 * ethertype @type and, for IPv4, protocol @proto (0: any); NULL if none
 */
static inline const struct wire_frame *
wire_find(const struct wire_tap *tap, int dir, u16 type, u8 proto, int nth)
{
	int i;

	for (i = 0; i < tap->n; i++) {
		const struct wire_frame *f = &tap->f[i];

		if (dir >= 0 && f->out != (dir == 1))
			continue;
		if (f->len < ETH_HLEN || wire_eth(f)->h_proto != htons(type))
			continue;
		if (type == ETH_P_IP && proto && !wire_is_ip(f, proto))
			continue;
		if (nth-- == 0)
			return f;
	}
	return NULL;
}

static inline int wire_count(const struct wire_tap *tap, int dir, u16 type,
			     u8 proto)
{
	int n = 0;

	while (wire_find(tap, dir, type, proto, n))
		n++;
	return n;
}

/*
 * wire_check_ip - the invariants of every IPv4 header on the wire: version
 * 4, ihl >= 5, tot_len equal to what the frame carries (no padding on
 * veth), a checksum that verifies, the reserved flag clear, and addresses
 * as given (0: not checked).
 */
static inline void wire_check_ip(const struct wire_frame *f, u32 saddr,
				 u32 daddr)
{
	const struct iphdr *iph = wire_iph(f);

	KT_ASSERT(f->len >= ETH_HLEN + sizeof(*iph));
	KT_EQ(iph->version, 4);
	KT_ASSERT(iph->ihl >= 5);
	KT_EQ(ntohs(iph->tot_len), f->len - ETH_HLEN);
	KT_EQ(wire_csum(iph, iph->ihl * 4U), 0);
	KT_EQ(ntohs(iph->frag_off) & 0x8000, 0); /* reserved bit */
	if (saddr)
		KT_EQ(ntohl(iph->saddr), saddr);
	if (daddr)
		KT_EQ(ntohl(iph->daddr), daddr);
}

/* ---- building frames ---- */

/* wire_put_eth - an Ethernet header at @buf; returns the bytes after it */
static inline u8 *wire_put_eth(u8 *buf, const u8 *dst, const u8 *src, u16 type)
{
	struct ethhdr *eth = (struct ethhdr *)(void *)buf;

	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = htons(type);
	return buf + ETH_HLEN;
}

/*
 * wire_put_ip - an IPv4 header at @buf with @optlen bytes of @opt after
 * the fixed part (a multiple of 4), for @plen bytes of payload; checksum
 * computed.  Returns the header for the caller to spoil.
 */
static inline struct iphdr *wire_put_ip(u8 *buf, u32 saddr, u32 daddr, u8 proto,
					unsigned int plen, const u8 *opt,
					unsigned int optlen)
{
	struct iphdr *iph = (struct iphdr *)(void *)buf;

	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = (u8)(5 + optlen / 4);
	iph->tot_len = htons((u16)(sizeof(*iph) + optlen + plen));
	iph->id = htons(0x1234);
	iph->ttl = 64;
	iph->protocol = proto;
	iph->saddr = htonl(saddr);
	iph->daddr = htonl(daddr);
	if (optlen)
		memcpy(iph + 1, opt, optlen);
	iph->check = htons(wire_csum(iph, iph->ihl * 4U));
	return iph;
}

/* wire_ip_recheck - recompute @iph's checksum after changing it */
static inline void wire_ip_recheck(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = htons(wire_csum(iph, iph->ihl * 4U));
}

/*
 * wire_put_udp - a UDP header after @iph (at @buf) and @plen bytes of
 * @payload, with the checksum RFC 768 asks for (0 -> 0xffff)
 */
static inline struct udphdr *wire_put_udp(u8 *buf, const struct iphdr *iph,
					  u16 sport, u16 dport,
					  const void *payload,
					  unsigned int plen)
{
	struct udphdr *uh = (struct udphdr *)(void *)buf;
	u16 len = (u16)(sizeof(*uh) + plen);
	u16 c;

	uh->source = htons(sport);
	uh->dest = htons(dport);
	uh->len = htons(len);
	uh->check = 0;
	memcpy(uh + 1, payload, plen);
	c = wire_udp_csum(iph, uh, len);
	uh->check = htons(c ? c : 0xffff);
	return uh;
}

/* wire_put_icmp - an ICMP header and @plen bytes, checksummed */
static inline struct icmphdr *wire_put_icmp(u8 *buf, u8 type, u8 code, u32 rest,
					    const void *payload,
					    unsigned int plen)
{
	struct icmphdr *ich = (struct icmphdr *)(void *)buf;

	ich->type = type;
	ich->code = code;
	ich->checksum = 0;
	ich->un.gateway = htonl(rest);
	memcpy(ich + 1, payload, plen);
	ich->checksum = htons(wire_csum(ich, sizeof(*ich) + plen));
	return ich;
}

/* wire_put_arp - an Ethernet/IPv4 ARP packet (RFC 826); bytes after it */
static inline u8 *wire_put_arp(u8 *buf, u16 op, const u8 *sha, u32 spa,
			       const u8 *tha, u32 tpa)
{
	struct arphdr *arp = (struct arphdr *)(void *)buf;
	u8 *p = (u8 *)(arp + 1);
	__be32 a;

	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(op);
	memcpy(p, sha, ETH_ALEN);
	a = htonl(spa);
	memcpy(p + 6, &a, 4);
	memcpy(p + 10, tha, ETH_ALEN);
	a = htonl(tpa);
	memcpy(p + 16, &a, 4);
	return p + 20;
}

/* ---- networks ---- */

/*
 * Two hosts on one link:
 *	ns "a": veth0 10.0.0.1/24  ====  ns "b": veth1 10.0.0.2/24
 * A tap on veth0 sees every frame of the link, both ways.
 *
 * With a router (wire_setup_routed):
 *	ns "a": veth0 10.0.0.1/24, default via 10.0.0.254
 *	ns "r": veth1 10.0.0.254/24, veth2 10.0.1.254/24 (mtu 1400), forwarding
 *	ns "b": veth3 10.0.1.2/24 (mtu 1400), default via 10.0.1.254
 */
#define WIRE_A	  WIRE_IP(10, 0, 0, 1)
#define WIRE_B	  WIRE_IP(10, 0, 0, 2)
#define WIRE_RA	  WIRE_IP(10, 0, 0, 254)
#define WIRE_RB	  WIRE_IP(10, 0, 1, 254)
#define WIRE_B2	  WIRE_IP(10, 0, 1, 2)
#define WIRE_MTU2 1400

struct wire_env {
	struct tn_stack *st;
	struct net *na, *nb, *nr;
	struct net_device *dev_a; /* veth0 in "a" */
	struct net_device *dev_b; /* veth1 in "b" (or "r") */
	struct net_device *dev_r2; /* veth2 in "r" when routed */
	struct wire_tap tap; /* on veth0 */
	struct wire_tap tap2; /* on veth2 when routed */
	bool routed;
};

static inline struct net *wire_net_of(struct tn_stack *st, const char *ns)
{
	struct net *net;

	KT_EQ(tn_netns_set(ns), 0);
	stack_enter(st);
	net = current_net();
	stack_exit(st);
	return net;
}

static inline void wire_setup(struct wire_env *e)
{
	memset(e, 0, sizeof(*e));
	e->st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(e->st);
	tn_stack_attach(e->st);
	KT_EQ(tn_netns_add("a"), 0);
	KT_EQ(tn_netns_add("b"), 0);
	e->nb = wire_net_of(e->st, "b");
	e->na = wire_net_of(e->st, "a");
	wire_veth("veth0", "veth1", "b");
	wire_addr_up("veth0", WIRE_A, 24, 0);
	tn_netns_set("b");
	wire_addr_up("veth1", WIRE_B, 24, 0);
	tn_netns_set("a");
	stack_enter(e->st);
	e->dev_a = __dev_get_by_name(e->na, "veth0");
	e->dev_b = __dev_get_by_name(e->nb, "veth1");
	KT_ASSERT(e->dev_a && e->dev_b);
	wire_tap_add(&e->tap, e->dev_a);
	stack_exit(e->st);
}

static inline void wire_setup_routed(struct wire_env *e)
{
	memset(e, 0, sizeof(*e));
	e->routed = true;
	e->st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(e->st);
	tn_stack_attach(e->st);
	KT_EQ(tn_netns_add("a"), 0);
	KT_EQ(tn_netns_add("r"), 0);
	KT_EQ(tn_netns_add("b"), 0);
	e->nb = wire_net_of(e->st, "b");
	e->nr = wire_net_of(e->st, "r");
	wire_veth("veth2", "veth3", "b");
	wire_addr_up("veth2", WIRE_RB, 24, WIRE_MTU2);
	wire_sysctl("net/ipv4/ip_forward", "1");
	tn_netns_set("b");
	wire_addr_up("veth3", WIRE_B2, 24, WIRE_MTU2);
	wire_default_route(WIRE_RB);
	e->na = wire_net_of(e->st, "a");
	wire_veth("veth0", "veth1", "r");
	wire_addr_up("veth0", WIRE_A, 24, 0);
	wire_default_route(WIRE_RA);
	tn_netns_set("r");
	wire_addr_up("veth1", WIRE_RA, 24, 0);
	tn_netns_set("a");
	stack_enter(e->st);
	e->dev_a = __dev_get_by_name(e->na, "veth0");
	e->dev_b = __dev_get_by_name(e->nr, "veth1");
	e->dev_r2 = __dev_get_by_name(e->nr, "veth2");
	KT_ASSERT(e->dev_a && e->dev_b && e->dev_r2);
	wire_tap_add(&e->tap, e->dev_a);
	wire_tap_add(&e->tap2, e->dev_r2);
	stack_exit(e->st);
}

/* wire_teardown - delete the namespaces; nothing may be left alive */
static inline void wire_teardown(struct wire_env *e)
{
	struct tn_stack_stats s;

	stack_enter(e->st);
	wire_tap_del(&e->tap);
	if (e->routed)
		wire_tap_del(&e->tap2);
	stack_exit(e->st);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("a"), 0);
	KT_EQ(tn_netns_del("b"), 0);
	if (e->routed)
		KT_EQ(tn_netns_del("r"), 0);
	tn_stack_get_stats(e->st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_netns, 0);
	tn_stack_destroy(e->st);
}

/* wire_clear - forget the frames seen so far */
static inline void wire_clear(struct wire_env *e)
{
	e->tap.n = 0;
	e->tap2.n = 0;
}

/*
 * wire_inject - send the frame @buf of @len bytes out of @dev as if a
 * program had written it to the wire; what it provokes runs before this
 * returns
 */
static inline void wire_inject(struct wire_env *e, struct net_device *dev,
			       const u8 *buf, unsigned int len)
{
	struct sk_buff *skb;

	stack_enter(e->st);
	skb = alloc_skb(len + 66, 0);
	KT_ASSERT(skb);
	skb_reserve(skb, 66); /* NET_IP_ALIGN: the IP header 4-aligned */
	memcpy(skb_put(skb, len), buf, len);
	skb->dev = dev;
	skb->protocol = ((const struct ethhdr *)(const void *)buf)->h_proto;
	dev_queue_xmit(skb);
	stack_exit(e->st);
}

/* ---- sockets ---- */

static inline struct sockaddr_in wire_sin(u32 addr, u16 port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(addr);
	return sin;
}

#define WIRE_SA(p) ((struct sockaddr *)(void *)(p))

/* wire_udp_socket - a UDP socket in the current namespace bound to @port */
static inline int wire_udp_socket(u16 port)
{
	struct sockaddr_in sin = wire_sin(0, port);
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	if (port)
		KT_EQ(tn_bind(fd, WIRE_SA(&sin), sizeof(sin)), 0);
	return fd;
}

static inline u64 wire_ipmib(struct net *net, int field)
{
	return net->ipv4.ip_statistics->mibs[field];
}

static inline unsigned long wire_udpmib(struct net *net, int field)
{
	return net->ipv4.udp_statistics->mibs[field];
}

static inline unsigned long wire_icmpmib(struct net *net, int field)
{
	return net->ipv4.icmp_statistics->mibs[field];
}

#endif /* TN_TEST_WIRE_H */
