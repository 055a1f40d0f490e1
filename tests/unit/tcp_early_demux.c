// SPDX-License-Identifier: BSD-2-Clause
/*
 * Early demux, as Linux's: an established sock keeps the input route of
 * its segments (sk_rx_dst, with the device), and ip_rcv_finish() gives
 * the next segment that route without a FIB lookup
 * (tcp_v4_early_demux()) while net.ipv4.ip_early_demux and
 * net.ipv4.tcp_early_demux are on; a route change (the genid moves)
 * makes the kept route stale, and the sock then takes the new one.  The
 * test plants a route of its own as the kept one, whose input counts the
 * segments it carries.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/stack.h>

#include "ktest.h"
#include "kfile.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

static struct tn_stack *st;
static int planted_hits;

static int planted_input(struct sk_buff *skb)
{
	planted_hits++;
	return ip_local_deliver(skb);
}

static struct sock *sk_of(int fd)
{
	struct socket *sock;

	stack_enter(st);
	sock = sock_from_file(fdget(fd));
	stack_exit(st);
	KT_ASSERT(sock);
	return sock->sk;
}

static long sysctl_get(const char *name)
{
	char path[128], buf[32];
	ssize_t n;
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	return atol(buf);
}

/* @n one-byte segments from @c, read on @s */
static void send_bytes(int c, int s, int n)
{
	char b = 'x';
	int i;

	for (i = 0; i < n; i++) {
		KT_EQ(tn_send(c, &b, 1, 0), 1);
		KT_EQ(tn_recv(s, &b, 1, 0), 1);
	}
}

/* a local input route on @s's device, the sock's kept route from now */
static struct dst_entry *plant(struct sock *sk)
{
	struct net_device *dev;
	struct rtable *rt;

	stack_enter(st);
	dev = __dev_get_by_index(sock_net(sk), sk->sk_rx_dst_ifindex);
	KT_ASSERT(dev);
	rt = rt_dst_alloc(dev, RTCF_LOCAL, RTN_LOCAL);
	KT_ASSERT(rt);
	rt->dst.input = planted_input;
	rt->rt_is_input = 1;
	dst_hold(&rt->dst); /* the test's own, to compare pointers */
	dst_release(sk->sk_rx_dst);
	sk->sk_rx_dst = &rt->dst;
	stack_exit(st);
	return &rt->dst;
}

static void unplant(struct dst_entry *dst)
{
	stack_enter(st);
	dst_release(dst);
	stack_exit(st);
}

static void test_sysctls(void)
{
	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	KT_EQ(sysctl_get("ip_early_demux"), 1);
	KT_EQ(sysctl_get("tcp_early_demux"), 1);
	/* no UDP early demux here: its sysctl is not offered */
	KT_EQ(sysctl_get("udp_early_demux"), -ENOENT);
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(sysctl_get("tcp_early_demux"), 1);
	KT_EQ(tn_netns_set(NULL), 0);
	tp_teardown(st);
}

static void test_route_cached(void)
{
	struct dst_entry *dst;
	struct sock *sk;
	int l, c, s, ifindex;
	struct ifreq ifr;
	int fd;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(7100, &l, &c, &s);
	send_bytes(c, s, 2);
	sk = sk_of(s);
	/* the established sock keeps vb's local input route */
	KT_ASSERT(sk->sk_rx_dst);
	KT_EQ(((struct rtable *)(void *)sk->sk_rx_dst)->rt_type, RTN_LOCAL);
	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "vb");
	KT_EQ(tn_ioctl(fd, SIOCGIFINDEX, &ifr), 0);
	tn_close(fd);
	ifindex = ifr.ifr_ifindex;
	KT_EQ(sk->sk_rx_dst_ifindex, ifindex);

	/* the next segments take the kept route: no FIB */
	dst = plant(sk);
	planted_hits = 0;
	send_bytes(c, s, 5);
	KT_EQ(planted_hits, 5);
	KT_ASSERT(sk->sk_rx_dst == dst);

	/* tcp_early_demux off (in b, where they arrive): the FIB again */
	kt_ipv4_sysctl_set("tcp_early_demux", "0");
	planted_hits = 0;
	send_bytes(c, s, 3);
	KT_EQ(planted_hits, 0);
	kt_ipv4_sysctl_set("tcp_early_demux", "1");
	kt_ipv4_sysctl_set("ip_early_demux", "0");
	send_bytes(c, s, 3);
	KT_EQ(planted_hits, 0);
	kt_ipv4_sysctl_set("ip_early_demux", "1");
	send_bytes(c, s, 2);
	KT_EQ(planted_hits, 2);
	KT_EQ(tn_netns_set(NULL), 0);
	unplant(dst);

	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

/* A route change makes the kept route stale: the sock takes the new one */
static void test_route_change(void)
{
	static const u32 none[] = { 0 };
	struct dst_entry *dst;
	struct sock *sk;
	int l, c, s;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(7101, &l, &c, &s);
	send_bytes(c, s, 2);
	sk = sk_of(s);
	dst = plant(sk);
	planted_hits = 0;
	send_bytes(c, s, 1);
	KT_EQ(planted_hits, 1);

	/* any route change in b: rt_cache_flush(), the genid moves */
	KT_EQ(tn_netns_set("b"), 0);
	tp_route_metrics("vb", "10.0.0.1", none, 0);
	KT_EQ(tn_netns_set(NULL), 0);
	send_bytes(c, s, 4);
	KT_EQ(planted_hits, 1);
	/* the new route, valid, from the FIB */
	KT_ASSERT(sk->sk_rx_dst && sk->sk_rx_dst != dst);
	stack_enter(st);
	KT_ASSERT(dst_check(sk->sk_rx_dst, 0) == sk->sk_rx_dst);
	KT_ASSERT(!dst_check(dst, 0));
	stack_exit(st);
	unplant(dst);

	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

/*
 * Both ends keep a route from the handshake, as Linux's: the client the
 * SYN-ACK's (tcp_finish_connect()), the child the ACK's
 * (tcp_v4_syn_recv_sock()), so that their first segments skip the FIB.
 */
static void test_route_from_handshake(void)
{
	struct sock *csk, *ssk;
	int l, c, s;

	st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	tp_connect_pair(7102, &l, &c, &s);
	csk = sk_of(c);
	ssk = sk_of(s);
	KT_ASSERT(csk->sk_rx_dst);
	KT_ASSERT(ssk->sk_rx_dst);
	KT_EQ(((struct rtable *)(void *)csk->sk_rx_dst)->rt_type, RTN_LOCAL);
	KT_EQ(((struct rtable *)(void *)ssk->sk_rx_dst)->rt_type, RTN_LOCAL);
	KT_ASSERT(csk->sk_rx_dst_ifindex > 0);
	KT_ASSERT(ssk->sk_rx_dst_ifindex > 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_sysctls), KT(test_route_cached), KT(test_route_change),
	   KT(test_route_from_handshake))
