/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The harness the two-namespace TCP unit tests share: a virtual-clock
 * stack with namespace "b", a veth pair va (10.0.0.1, initial namespace)
 * -- vb (10.0.0.2, in b) with an rx_handler on either end that records or
 * drops segments, a connected listener/client/server triple, and at the
 * end the check that nothing leaked.  Each test keeps its own rx_handler
 * (what it records differs).  An end with a handler sees the wire: its
 * peer sends with TSO off (`ethtool -K va tso off`, as on Linux, where a
 * veth takes 64 KB TSO packets whole), so each packet is one segment.
 * Include after ktest.h and veth_helpers.h.
 */
#ifndef TUXNET_TESTS_TCP_PAIR_H
#define TUXNET_TESTS_TCP_PAIR_H

#include <fcntl.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#ifndef KT_SA
#define KT_SA(p) ((struct sockaddr *)(void *)(p))
#endif

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

/* A listener in b, a client in the initial namespace, connected. */
static inline void tp_connect_pair(int port, int *l, int *c, int *s)
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
	KT_EQ(tn_connect(*c, KT_SA(&a), sizeof(a)), 0);
	*s = tn_accept(*l, NULL, NULL);
	KT_ASSERT(*s >= 0);
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
