/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The harness the two-namespace TCP unit tests share: a virtual-clock
 * stack with namespace "b", a veth pair va (10.0.0.1, initial namespace)
 * -- vb (10.0.0.2, in b) with an rx_handler on either end that records or
 * drops segments, a connected listener/client/server triple, and at the
 * end the check that nothing leaked.  Each test's rx_handler reads the
 * segment with tp_seg_parse() and keeps it with tp_wire_add(); what it
 * drops is its own.  An end with a handler sees the wire: its peer sends
 * with TSO off (`ethtool -K va tso off`, as on Linux, where a veth takes
 * 64 KB TSO packets whole), so each packet is one segment.  Include after
 * ktest.h and veth_helpers.h.
 */
#ifndef TUXNET_TESTS_TCP_PAIR_H
#define TUXNET_TESTS_TCP_PAIR_H

#include <fcntl.h>
#include <linux/ip.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <net/fs.h>
#include <net/ip.h>
#include <net/net.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#ifndef KT_SA
#define KT_SA(p) ((struct sockaddr *)(void *)(p))
#endif

/* ---- the wire capture ---- */

#define TP_NSEGS 64

/* one TCP segment as a device received it */
struct tp_seg {
	u8 flags; /* TCP flags (th[13]) */
	u8 ecn; /* the IP header's ECN field */
	u16 win; /* the window field, unscaled */
	u16 frag_off; /* the IP header's, host order */
	u32 seq, ack;
	unsigned int doff, len, datalen; /* TCP header, header + text, text */
	u64 ns; /* when it arrived, on the stack's clock */
	u8 ipraw[60]; /* the IP header and 8 bytes of TCP, for ICMP quotes */
	u8 raw[1600]; /* the TCP header and text (what fits) */
};

/*
 * What one device received (TP_NSEGS segments at most), and what its
 * tp_wire_rx() does to the next segments: drop the next drop_data ones
 * that carry data, drop_acks without data or SYN, drop_flags_n with one
 * of drop_flags; mark the next mark_ce data segments of an ECN-capable
 * flow CE, as a router's INET_ECN_set_ce() does.  Dropped segments are
 * not recorded unless keep_dropped.
 */
struct tp_wire {
	struct tp_seg segs[TP_NSEGS];
	unsigned int nsegs;
	int drop_data, drop_acks, drop_flags_n;
	u8 drop_flags;
	int mark_ce;
	bool keep_dropped;
	int dropped;
	struct tp_seg cur; /* the segment being looked at */
};

static inline u32 tp_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* tp_seg_parse - @skb, an IPv4 packet received at time @ns, as a TCP
 * segment into @s; false if it is something else */
static inline bool tp_seg_parse(struct sk_buff *skb, u64 ns, struct tp_seg *s)
{
	u8 hdr[40];
	const struct iphdr *iph = (const struct iphdr *)(void *)hdr;
	unsigned int ihl, n;

	if (skb->protocol != htons(ETH_P_IP) || skb->len < 40 ||
	    skb_copy_bits(skb, 0, hdr, 40) < 0 || iph->protocol != IPPROTO_TCP)
		return false;
	ihl = iph->ihl * 4U;
	if (ntohs(iph->tot_len) < ihl + 20 || skb->len < ihl + 20)
		return false;
	s->ecn = iph->tos & 3;
	s->frag_off = ntohs(iph->frag_off);
	s->len = ntohs(iph->tot_len) - ihl;
	s->ns = ns;
	KT_EQ(skb_copy_bits(skb, 0, s->ipraw, (int)(ihl + 8)), 0);
	n = min_t(unsigned int, s->len, sizeof(s->raw));
	n = min_t(unsigned int, n, skb->len - ihl);
	KT_EQ(skb_copy_bits(skb, (int)ihl, s->raw, (int)n), 0);
	s->seq = tp_be32(s->raw + 4);
	s->ack = tp_be32(s->raw + 8);
	s->doff = (s->raw[12] >> 4) * 4U;
	s->flags = s->raw[13];
	s->win = (u16)(s->raw[14] << 8 | s->raw[15]);
	s->datalen = s->len > s->doff ? s->len - s->doff : 0;
	return true;
}

/* tp_wire_add - keep @s in @w while there is room */
static inline void tp_wire_add(struct tp_wire *w, const struct tp_seg *s)
{
	if (w->nsegs < TP_NSEGS)
		w->segs[w->nsegs++] = *s;
}

/* tp_wire_drop - what a handler returns for a segment it drops */
static inline rx_handler_result_t tp_wire_drop(struct tp_wire *w,
					       struct sk_buff *skb)
{
	w->dropped++;
	kfree_skb(skb);
	return RX_HANDLER_CONSUMED;
}

/* tp_wire_take - one more of a kind to drop (*@n > 0)? then one less */
static inline bool tp_wire_take(int *n)
{
	if (*n <= 0)
		return false;
	(*n)--;
	return true;
}

/* the rx_handler: its data (netdev_rx_handler_register) is a tp_wire */
static inline rx_handler_result_t tp_wire_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct tp_wire *w = skb->dev->rx_handler_data;
	struct tp_seg *s = &w->cur;
	bool drop;

	if (!tp_seg_parse(skb, ktime_get_ns(current_stack()), s))
		return RX_HANDLER_PASS;
	drop = (s->datalen && tp_wire_take(&w->drop_data)) ||
	       (!s->datalen && !(s->flags & 0x02) &&
		tp_wire_take(&w->drop_acks)) ||
	       ((s->flags & w->drop_flags) && tp_wire_take(&w->drop_flags_n));
	if (!drop && s->datalen && s->ecn && w->mark_ce > 0 &&
	    skb_headlen(skb) >= 20) {
		struct iphdr *iph = (struct iphdr *)(void *)skb->data;

		w->mark_ce--;
		iph->tos |= 3;
		ip_send_check(iph);
		s->ecn = 3;
	}
	if (!drop || w->keep_dropped)
		tp_wire_add(w, s);
	return drop ? tp_wire_drop(w, skb) : RX_HANDLER_PASS;
}

/* "ip addr add @addr/24 dev @name; ip link set @name up" (@addr may be NULL) */
static inline void tp_ifup(const char *name, const char *addr)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	sin->sin_family = AF_INET;
	if (addr) {
		inet_pton(AF_INET, addr, &sin->sin_addr);
		KT_EQ(tn_ioctl(fd, SIOCSIFADDR, &ifr), 0);
		inet_pton(AF_INET, "255.255.255.0", &sin->sin_addr);
		KT_EQ(tn_ioctl(fd, SIOCSIFNETMASK, &ifr), 0);
	}
	KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	tn_close(fd);
}

/*
 * The stack, namespace b (returned in @net_b if not NULL) and the veth
 * pair, all up.  @rx_a (with @data_a) sees what va receives, @rx_b (with
 * @data_b) what vb receives; either may be NULL for no handler.
 */
static inline struct tn_stack *tp_setup(struct net **net_b,
					rx_handler_func_t *rx_a, void *data_a,
					rx_handler_func_t *rx_b, void *data_b)
{
	struct net_device *va, *vb;
	struct tn_stack *st;
	struct net *nb;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	tp_ifup("lo", NULL);
	KT_EQ(tn_netns_add("b"), 0);
	KT_EQ(tn_netns_set("b"), 0);
	stack_enter(st);
	nb = current_net();
	stack_exit(st);
	KT_EQ(tn_netns_set(NULL), 0);
	if (net_b)
		*net_b = nb;

	stack_enter(st);
	rtnl_lock();
	va = th_veth_pair(st->init_net, "va", "vb");
	KT_ASSERT(va);
	vb = __dev_get_by_name(st->init_net, "vb");
	KT_EQ(dev_change_net_namespace(vb, nb, "vb"), 0);
	if (rx_a) {
		KT_EQ(netdev_rx_handler_register(va, rx_a, data_a), 0);
		vb->features &= ~NETIF_F_TSO;
	}
	if (rx_b) {
		KT_EQ(netdev_rx_handler_register(vb, rx_b, data_b), 0);
		va->features &= ~NETIF_F_TSO;
	}
	rtnl_unlock();
	stack_exit(st);

	tp_ifup("va", "10.0.0.1");
	KT_EQ(tn_netns_set("b"), 0);
	tp_ifup("lo", NULL);
	tp_ifup("vb", "10.0.0.2");
	KT_EQ(tn_netns_set(NULL), 0);
	return st;
}

/* Let every timer run out, delete b, check nothing leaked, destroy. */
static inline void tp_teardown(struct tn_stack *st)
{
	struct tn_stack_stats stats;

	tn_clock_advance(st, 300ULL * NSEC_PER_SEC);
	KT_EQ(tn_netns_del("b"), 0);
	tn_stack_get_stats(st, &stats);
	KT_EQ(stats.live_skbs, 0);
	KT_EQ(stats.live_socks, 0);
	KT_EQ(stats.live_files, 0);
	tn_stack_destroy(st);
}

/* 10.0.0.2:@port, vb's address */
static inline struct sockaddr_in tp_addr_b(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };

	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	return a;
}

/* A listener in b, a client in the initial namespace with congestion
 * control @cc (NULL: the default), connected. */
static inline void tp_connect_pair_cc(int port, const char *cc, int *l, int *c,
				      int *s)
{
	struct sockaddr_in a = tp_addr_b(port);

	KT_EQ(tn_netns_set("b"), 0);
	*l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(*l >= 0);
	KT_EQ(tn_bind(*l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(*l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	*c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(*c >= 0);
	if (cc)
		KT_EQ(tn_setsockopt(*c, IPPROTO_TCP, TCP_CONGESTION, cc,
				    (socklen_t)strlen(cc)),
		      0);
	KT_EQ(tn_connect(*c, KT_SA(&a), sizeof(a)), 0);
	*s = tn_accept(*l, NULL, NULL);
	KT_ASSERT(*s >= 0);
}

/* A listener in b, a client in the initial namespace, connected. */
static inline void tp_connect_pair(int port, int *l, int *c, int *s)
{
	tp_connect_pair_cc(port, NULL, l, c, s);
}

/* the struct sock behind @fd (the fd stays open while it is used) */
static inline struct sock *tp_sk_of(struct tn_stack *st, int fd)
{
	struct socket *sock;

	stack_enter(st);
	sock = sock_from_file(fdget(fd));
	stack_exit(st);
	KT_ASSERT(sock);
	return sock->sk;
}

/* TCP_INFO of @fd; the includer provides struct tcp_info */
static inline struct tcp_info tp_info(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	return ti;
}

/* ones' complement sum of @data added to @sum, folded to 16 bits */
static inline u16 tp_csum_fold_add(u32 sum, const void *data, size_t len)
{
	const u8 *p = data;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

/* the TcpExt counter @name of the current namespace, -1 if there is none */
static inline long tp_tcpext(const char *name)
{
	char buf[16384], *hdr, *val, *save1, *save2, *h, *v;
	ssize_t n;
	int fd = tn_open("/proc/net/netstat", O_RDONLY);

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	hdr = strstr(buf, "TcpExt:");
	val = strstr(hdr + 1, "TcpExt:");
	*strchr(hdr, '\n') = '\0';
	*strchr(val, '\n') = '\0';
	for (h = strtok_r(hdr, " ", &save1), v = strtok_r(val, " ", &save2);
	     h && v;
	     h = strtok_r(NULL, " ", &save1), v = strtok_r(NULL, " ", &save2))
		if (!strcmp(h, name))
			return atol(v);
	return -1;
}

/* "ip route replace @to dev @dev" in the current namespace with the
 * RTAX_* pairs in @m (type, value, ..., 0), @lock the RTAX_LOCK bits */
static inline void tp_route_metrics(const char *dev, const char *to,
				    const u32 *m, u32 lock)
{
	struct {
		struct nlmsghdr nh;
		struct rtmsg rt;
		u8 attrs[256];
	} req;
	struct rtattr *rta, *nest;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct ifreq ifr;
	char ack[512];
	__be32 dst;
	u32 oif;
	int fd, dfd;

	dfd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	KT_EQ(tn_ioctl(dfd, SIOCGIFINDEX, &ifr), 0);
	tn_close(dfd);
	oif = (u32)ifr.ifr_ifindex;
	inet_pton(AF_INET, to, &dst);

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_NEWROUTE;
	req.nh.nlmsg_flags =
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.rt));
	req.rt.rtm_family = AF_INET;
	req.rt.rtm_dst_len = 32;
	req.rt.rtm_table = RT_TABLE_MAIN;
	req.rt.rtm_protocol = RTPROT_BOOT;
	req.rt.rtm_scope = RT_SCOPE_LINK;
	req.rt.rtm_type = RTN_UNICAST;
#define ADD_ATTR(type, p, n)                                                \
	do {                                                                \
		rta = (struct rtattr *)(void *)((char *)&req +              \
						NLMSG_ALIGN(                \
							req.nh.nlmsg_len)); \
		rta->rta_type = (type);                                     \
		rta->rta_len = (unsigned short)RTA_LENGTH(n);               \
		memcpy(RTA_DATA(rta), (p), (n));                            \
		req.nh.nlmsg_len = NLMSG_ALIGN(req.nh.nlmsg_len) +          \
				   RTA_ALIGN(rta->rta_len);                 \
	} while (0)
	ADD_ATTR(RTA_DST, &dst, 4);
	ADD_ATTR(RTA_OIF, &oif, 4);
	nest = (struct rtattr *)(void *)((char *)&req +
					 NLMSG_ALIGN(req.nh.nlmsg_len));
	nest->rta_type = RTA_METRICS;
	req.nh.nlmsg_len = NLMSG_ALIGN(req.nh.nlmsg_len) + RTA_LENGTH(0);
	if (lock)
		ADD_ATTR(RTAX_LOCK, &lock, 4);
	for (; *m; m += 2)
		ADD_ATTR((unsigned short)m[0], &m[1], 4);
	nest->rta_len = (unsigned short)((char *)&req + req.nh.nlmsg_len -
					 (char *)nest);
#undef ADD_ATTR
	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_sendto(fd, &req, req.nh.nlmsg_len, 0, KT_SA(&sa), sizeof(sa)),
	      (ssize_t)req.nh.nlmsg_len);
	KT_ASSERT(tn_recv(fd, ack, sizeof(ack), 0) > 0);
	KT_EQ(((struct nlmsgerr *)NLMSG_DATA(ack))->error, 0);
	tn_close(fd);
}

#endif /* TUXNET_TESTS_TCP_PAIR_H */
