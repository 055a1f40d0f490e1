// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 multicast over a veth pair eth0 (10.0.0.1) <-> eth1 (10.0.0.2,
 * 10.0.0.3) in one namespace, through the public socket API: membership
 * errnos and getsockopt results as Linux 6.18 gives them, delivery to every
 * member socket, leaving, source filters, IP_MULTICAST_LOOP/TTL/ALL, the
 * link-layer list, /proc/net/igmp and /proc/net/dev_mcast.  The wire part
 * checks the IGMP messages eth0 sends (v3 and v2 report and leave bytes,
 * their timing on the virtual clock) and its answers to queries.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/sockios.h>

#include <net/igmp.h>
#include <net/ip.h>
#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "veth_helpers.h"

#define MS (1000ULL * 1000ULL)

static struct tn_stack *st;
static struct net_device *eth0, *eth1;
static struct th_tap tap; /* what arrives at eth1 */

#define SA(p) ((struct sockaddr *)(void *)(p))

static struct sockaddr_in sin4(const char *addr, int port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	return sin;
}

static in_addr_t A(const char *s)
{
	return inet_addr(s);
}

static void if_addr(int fd, const char *name, const char *addr)
{
	struct ifreq ifr;
	struct sockaddr_in sin = sin4(addr, 0);

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
	KT_EQ(tn_ioctl(fd, SIOCSIFADDR, &ifr), 0);
}

static void if_up(int fd, const char *name, bool up)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	KT_EQ(tn_ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	KT_EQ(tn_ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
}

static void sysctl_set(const char *key, const char *val)
{
	int fd = tn_open(key, O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, val, strlen(val)), (long)strlen(val));
	KT_EQ(tn_close(fd), 0);
}

static void setup(void)
{
	int fd;

	st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	KT_ASSERT(st);
	tn_stack_attach(st);
	stack_enter(st);
	rtnl_lock();
	eth0 = th_veth_pair(st->init_net, "eth0", "eth1");
	KT_ASSERT(eth0);
	eth1 = __dev_get_by_name(st->init_net, "eth1");
	KT_ASSERT(eth1);
	th_tap_add(&tap, ETH_P_ALL, eth1);
	rtnl_unlock();
	stack_exit(st);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(fd >= 0);
	if_up(fd, "lo", true);
	if_addr(fd, "eth0", "10.0.0.1");
	if_addr(fd, "eth1", "10.0.0.2");
	if_addr(fd, "eth1:1", "10.0.0.3");
	if_up(fd, "eth0", true);
	if_up(fd, "eth1", true);
	KT_EQ(tn_close(fd), 0);
	/* both ends in one namespace: take our own addresses as sources */
	sysctl_set("/proc/sys/net/ipv4/conf/all/accept_local", "1");
	sysctl_set("/proc/sys/net/ipv4/conf/eth0/accept_local", "1");
	tn_clock_advance(st, 5000 * MS); /* the devices' own reports */
	stack_enter(st);
	rtnl_lock();
	skb_queue_purge(&tap.q);
	rtnl_unlock();
	stack_exit(st);
}

static void teardown(void)
{
	struct tn_stack_stats s;

	stack_enter(st);

	rtnl_lock();
	th_tap_del(&tap);
	rtnl_unlock();
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_socks, 0);
	tn_stack_destroy(st);
}

static int mreqn(int fd, int opt, const char *group, int ifindex,
		 const char *addr)
{
	struct ip_mreqn m;

	memset(&m, 0, sizeof(m));
	m.imr_multiaddr.s_addr = A(group);
	m.imr_address.s_addr = addr ? A(addr) : 0;
	m.imr_ifindex = ifindex;
	return tn_setsockopt(fd, SOL_IP, opt, &m, sizeof(m)) ? -errno : 0;
}

static int mreq_src(int fd, int opt, const char *group, const char *ifaddr,
		    const char *src)
{
	struct ip_mreq_source m;

	memset(&m, 0, sizeof(m));
	m.imr_multiaddr.s_addr = A(group);
	m.imr_interface.s_addr = A(ifaddr);
	m.imr_sourceaddr.s_addr = A(src);
	return tn_setsockopt(fd, SOL_IP, opt, &m, sizeof(m)) ? -errno : 0;
}

static int set_int(int fd, int opt, int val)
{
	return tn_setsockopt(fd, SOL_IP, opt, &val, sizeof(val)) ? -errno : 0;
}

/* a UDP socket on *:port (SO_REUSEADDR), non-blocking */
static int listener(int port)
{
	struct sockaddr_in sin = sin4("0.0.0.0", port);
	int fd = tn_socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0), one = 1;

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
	      0);
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), 0);
	return fd;
}

/* a sender bound to @src, out through the device of @src */
static int sender(const char *src)
{
	struct sockaddr_in sin = sin4(src, 0);
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	struct in_addr ifa = { .s_addr = A(src) };

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_bind(fd, SA(&sin), sizeof(sin)), 0);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &ifa, sizeof(ifa)), 0);
	return fd;
}

static void send_to(int fd, const char *group, int port, const char *msg)
{
	struct sockaddr_in dst = sin4(group, port);

	KT_EQ(tn_sendto(fd, msg, strlen(msg), 0, SA(&dst), sizeof(dst)),
	      (long)strlen(msg));
	tn_clock_advance(st, 1 * MS);
}

/* 1 if @fd has a datagram (consumed), 0 if none */
static int got(int fd)
{
	char buf[64];
	long n = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

	if (n < 0) {
		KT_EQ(errno, EAGAIN);
		return 0;
	}
	return 1;
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = tn_open(path, O_RDONLY);
	long n, off = 0;

	KT_ASSERT(fd >= 0);
	while ((n = tn_read(fd, buf + off, size - 1 - (size_t)off)) > 0)
		off += n;
	buf[off] = '\0';
	KT_EQ(tn_close(fd), 0);
}

static void test_join_errnos(void)
{
	int fd, i, val;
	socklen_t len;
	char group[32];
	struct in_addr ifa;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, "10.1.1.1", eth0->ifindex, NULL),
	      -EINVAL);
	KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, "239.1.1.1", 99, NULL), -ENODEV);
	/* no route to the group, no device named */
	KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, "239.1.1.1", 0, NULL), -ENODEV);
	KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, "239.1.1.1", 0, "10.9.9.9"),
	      -ENODEV);
	KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, "239.1.1.1", 0, "10.0.0.1"), 0);
	KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, "239.1.1.1", eth0->ifindex, NULL),
	      -EADDRINUSE);
	KT_EQ(mreqn(fd, IP_DROP_MEMBERSHIP, "239.1.1.2", eth0->ifindex, NULL),
	      -EADDRNOTAVAIL);
	KT_EQ(mreqn(fd, IP_DROP_MEMBERSHIP, "239.1.1.1", 0, NULL), -ENODEV);
	/* short: an ip_mreq is the least */
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_ADD_MEMBERSHIP, &val, 4), -1);
	KT_EQ(errno, EINVAL);
	/* membership options cannot be read */
	len = sizeof(val);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_ADD_MEMBERSHIP, &val, &len), -1);
	KT_EQ(errno, ENOPROTOOPT);
	/* igmp_max_memberships: 20 */
	for (i = 2; i <= 20; i++) {
		snprintf(group, sizeof(group), "239.1.1.%d", i);
		KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, group, eth0->ifindex, NULL),
		      0);
	}
	KT_EQ(mreqn(fd, IP_ADD_MEMBERSHIP, "239.1.1.21", eth0->ifindex, NULL),
	      -ENOBUFS);
	/* source options need a prior join of the same mode */
	KT_EQ(mreq_src(fd, IP_BLOCK_SOURCE, "239.1.2.1", "10.0.0.1",
		       "10.0.0.2"),
	      -EINVAL);
	KT_EQ(mreq_src(fd, IP_BLOCK_SOURCE, "239.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	KT_EQ(mreq_src(fd, IP_BLOCK_SOURCE, "239.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      -EADDRNOTAVAIL);
	KT_EQ(mreq_src(fd, IP_DROP_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      -EINVAL);
	KT_EQ(mreq_src(fd, IP_UNBLOCK_SOURCE, "239.1.1.1", "10.0.0.1",
		       "10.0.0.3"),
	      -EADDRNOTAVAIL);
	/* defaults: TTL 1, loop on, all on, IP_MULTICAST_IF any */
	len = sizeof(val);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_TTL, &val, &len), 0);
	KT_EQ(val, 1);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_LOOP, &val, &len), 0);
	KT_EQ(val, 1);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_ALL, &val, &len), 0);
	KT_EQ(val, 1);
	len = sizeof(ifa);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_IF, &ifa, &len), 0);
	KT_EQ(ifa.s_addr, 0);
	/* values as Linux takes them */
	val = -1;
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MULTICAST_TTL, &val, 4), 0);
	len = sizeof(val);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_TTL, &val, &len), 0);
	KT_EQ(val, 1);
	KT_EQ(set_int(fd, IP_MULTICAST_TTL, 256), -EINVAL);
	KT_EQ(set_int(fd, IP_MULTICAST_ALL, 2), -EINVAL);
	KT_EQ(set_int(fd, IP_MULTICAST_LOOP, 2), 0);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_LOOP, &val, &len), 0);
	KT_EQ(val, 1);
	/* IP_MULTICAST_IF: an ip_mreqn by index reads back as 0.0.0.0 */
	KT_EQ(mreqn(fd, IP_MULTICAST_IF, "0.0.0.0", eth0->ifindex, NULL), 0);
	len = sizeof(ifa);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_IF, &ifa, &len), 0);
	KT_EQ(ifa.s_addr, 0);
	ifa.s_addr = A("10.0.0.1");
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &ifa, sizeof(ifa)), 0);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MULTICAST_IF, &ifa, &len), 0);
	KT_EQ(ifa.s_addr, A("10.0.0.1"));
	ifa.s_addr = A("10.9.9.9");
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_MULTICAST_IF, &ifa, sizeof(ifa)),
	      -1);
	KT_EQ(errno, EADDRNOTAVAIL);
	KT_EQ(mreqn(fd, IP_MULTICAST_IF, "0.0.0.0", 99, NULL), -EADDRNOTAVAIL);
	/* MCAST_JOIN_GROUP: a group_req; another family is EINVAL */
	{
		struct group_req gr;
		struct sockaddr_in *g = (void *)&gr.gr_group;

		memset(&gr, 0, sizeof(gr));
		gr.gr_interface = (uint32_t)eth0->ifindex;
		g->sin_family = AF_INET;
		g->sin_addr.s_addr = A("239.9.9.9");
		KT_EQ(tn_close(fd), 0);
		fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
		KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_JOIN_GROUP, &gr,
				    sizeof(gr)),
		      0);
		KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_JOIN_GROUP, &gr,
				    sizeof(gr)),
		      -1);
		KT_EQ(errno, EADDRINUSE);
		KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_JOIN_GROUP, &gr,
				    sizeof(gr) - 1),
		      -1);
		KT_EQ(errno, EINVAL);
		g->sin_family = AF_INET6;
		KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_JOIN_GROUP, &gr,
				    sizeof(gr)),
		      -1);
		KT_EQ(errno, EINVAL);
	}
	KT_EQ(tn_close(fd), 0);
	teardown();
}

/* IP_MSFILTER read back with room for @room sources: its bytes */
static void msf_get(int fd, const char *group, unsigned int room,
		    unsigned int fmode, unsigned int numsrc, socklen_t want)
{
	u8 buf[64];
	struct ip_msfilter *m = (void *)buf;
	socklen_t len = IP_MSFILTER_SIZE(room);

	memset(buf, 0, sizeof(buf));
	m->imsf_multiaddr.s_addr = A(group);
	m->imsf_interface.s_addr = A("10.0.0.1");
	m->imsf_numsrc = room;
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_MSFILTER, buf, &len), 0);
	KT_EQ(len, want);
	KT_EQ(m->imsf_fmode, fmode);
	KT_EQ(m->imsf_numsrc, numsrc);
}

static void test_ssm_errnos(void)
{
	int a;

	setup();
	a = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_EQ(mreq_src(a, IP_DROP_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      -EINVAL);
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      -EADDRNOTAVAIL);
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.3"),
	      0);
	KT_EQ(mreq_src(a, IP_BLOCK_SOURCE, "239.1.1.1", "10.0.0.1", "10.0.0.4"),
	      -EINVAL);
	msf_get(a, "239.1.1.1", 1, MCAST_INCLUDE, 2, 20);
	msf_get(a, "239.1.1.1", 4, MCAST_INCLUDE, 2, 24);
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.1.1", eth0->ifindex, NULL),
	      -EADDRINUSE);
	KT_EQ(mreq_src(a, IP_DROP_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	KT_EQ(mreq_src(a, IP_DROP_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.3"),
	      0); /* the last source: the group is left */
	KT_EQ(mreq_src(a, IP_DROP_SOURCE_MEMBERSHIP, "239.1.1.1", "10.0.0.1",
		       "10.0.0.3"),
	      -EINVAL);
	KT_EQ(tn_close(a), 0);
	teardown();
}

static void put_sin(struct sockaddr_storage *ss, const char *addr)
{
	struct sockaddr_in *s = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	s->sin_family = AF_INET;
	s->sin_addr.s_addr = A(addr);
}

/* MCAST_MSFILTER both ways, as Linux 6.18 answers */
static void test_mcast_msfilter(void)
{
	static u8 buf[1024];
	struct group_filter *g = (void *)buf;
	struct group_req gr;
	socklen_t len;
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(buf, 0, sizeof(buf));
	g->gf_interface = (uint32_t)eth0->ifindex;
	put_sin(&g->gf_group, "239.1.1.1");
	g->gf_fmode = MCAST_EXCLUDE;
	g->gf_numsrc = 2;
	put_sin(&g->gf_slist[0], "10.0.0.9");
	put_sin(&g->gf_slist[1], "10.0.0.8");
	KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_MSFILTER, g,
			    GROUP_FILTER_SIZE(2)),
	      -1);
	KT_EQ(errno, EINVAL); /* not joined */
	memset(&gr, 0, sizeof(gr));
	gr.gr_interface = (uint32_t)eth0->ifindex;
	put_sin(&gr.gr_group, "239.1.1.1");
	KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_JOIN_GROUP, &gr, sizeof(gr)), 0);
	KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_MSFILTER, g,
			    GROUP_FILTER_SIZE(2)),
	      0);
	KT_EQ(tn_setsockopt(fd, SOL_IP, MCAST_MSFILTER, g,
			    GROUP_FILTER_SIZE(2) - 1),
	      -1);
	KT_EQ(errno, EINVAL);
	memset(buf, 0, sizeof(buf));
	g->gf_interface = (uint32_t)eth0->ifindex;
	put_sin(&g->gf_group, "239.1.1.1");
	g->gf_numsrc = 1;
	len = GROUP_FILTER_SIZE(1);
	KT_EQ(tn_getsockopt(fd, SOL_IP, MCAST_MSFILTER, g, &len), 0);
	KT_EQ(len, 272);
	KT_EQ(g->gf_fmode, MCAST_EXCLUDE);
	KT_EQ(g->gf_numsrc, 2);
	KT_EQ(((struct sockaddr_in *)(void *)&g->gf_slist[0])->sin_addr.s_addr,
	      A("10.0.0.9"));
	g->gf_numsrc = 5;
	len = GROUP_FILTER_SIZE(5);
	KT_EQ(tn_getsockopt(fd, SOL_IP, MCAST_MSFILTER, g, &len), 0);
	KT_EQ(len, 400);
	KT_EQ(((struct sockaddr_in *)(void *)&g->gf_slist[1])->sin_addr.s_addr,
	      A("10.0.0.8"));
	len = GROUP_FILTER_SIZE(0) - 1;
	KT_EQ(tn_getsockopt(fd, SOL_IP, MCAST_MSFILTER, g, &len), -1);
	KT_EQ(errno, EINVAL);
	put_sin(&g->gf_group, "239.1.1.2");
	len = GROUP_FILTER_SIZE(0);
	KT_EQ(tn_getsockopt(fd, SOL_IP, MCAST_MSFILTER, g, &len), -1);
	KT_EQ(errno, EADDRNOTAVAIL);
	g->gf_group.ss_family = AF_INET6;
	KT_EQ(tn_getsockopt(fd, SOL_IP, MCAST_MSFILTER, g, &len), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_close(fd), 0);
	teardown();
}

static void test_delivery_and_leave(void)
{
	int a, b, c, s;

	setup();
	a = listener(5000);
	b = listener(5000);
	c = listener(5000);
	s = sender("10.0.0.2");
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.1.1", eth0->ifindex, NULL), 0);
	KT_EQ(mreqn(b, IP_ADD_MEMBERSHIP, "239.1.1.1", 0, "10.0.0.1"), 0);
	KT_EQ(set_int(c, IP_MULTICAST_ALL, 0), 0);
	send_to(s, "239.1.1.1", 5000, "one");
	KT_EQ(got(a), 1);
	KT_EQ(got(b), 1);
	KT_EQ(got(c), 0); /* not a member, IP_MULTICAST_ALL off */
	KT_EQ(set_int(c, IP_MULTICAST_ALL, 1), 0);
	send_to(s, "239.1.1.1", 5000, "two");
	KT_EQ(got(a), 1);
	KT_EQ(got(b), 1);
	KT_EQ(got(c), 1); /* the host is a member: so is c, with ALL on */
	/* b leaves, ALL off: nothing more for b */
	KT_EQ(set_int(b, IP_MULTICAST_ALL, 0), 0);
	KT_EQ(mreqn(b, IP_DROP_MEMBERSHIP, "239.1.1.1", 0, "10.0.0.1"), 0);
	send_to(s, "239.1.1.1", 5000, "three");
	KT_EQ(got(a), 1);
	KT_EQ(got(b), 0);
	KT_EQ(got(c), 1);
	/* a closes: the host leaves, the group is refused at the door */
	KT_EQ(tn_close(a), 0);
	send_to(s, "239.1.1.1", 5000, "four");
	KT_EQ(got(b), 0);
	KT_EQ(got(c), 0);
	KT_EQ(tn_close(b), 0);
	KT_EQ(tn_close(c), 0);
	KT_EQ(tn_close(s), 0);
	teardown();
}

static void test_source_filters(void)
{
	int a, b, s2, s3;

	setup();
	a = listener(5001);
	b = listener(5001);
	KT_EQ(set_int(a, IP_MULTICAST_ALL, 0), 0);
	KT_EQ(set_int(b, IP_MULTICAST_ALL, 0), 0);
	s2 = sender("10.0.0.2");
	s3 = sender("10.0.0.3");
	/* a: only from 10.0.0.2 (SSM); b: anyone but 10.0.0.2 */
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	KT_EQ(mreqn(b, IP_ADD_MEMBERSHIP, "232.1.1.1", eth0->ifindex, NULL), 0);
	KT_EQ(mreq_src(b, IP_BLOCK_SOURCE, "232.1.1.1", "10.0.0.1", "10.0.0.2"),
	      0);
	send_to(s2, "232.1.1.1", 5001, "from2");
	KT_EQ(got(a), 1);
	KT_EQ(got(b), 0);
	send_to(s3, "232.1.1.1", 5001, "from3");
	KT_EQ(got(a), 0);
	KT_EQ(got(b), 1);
	/* b unblocks: both sources */
	KT_EQ(mreq_src(b, IP_UNBLOCK_SOURCE, "232.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	send_to(s2, "232.1.1.1", 5001, "from2");
	KT_EQ(got(b), 1);
	KT_EQ(got(a), 1);
	/* dropping a's only source leaves the group */
	KT_EQ(mreq_src(a, IP_DROP_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	KT_EQ(mreq_src(a, IP_DROP_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      -EINVAL);
	/* IP_MSFILTER reads b's filter back: exclude, no sources */
	{
		struct ip_msfilter msf;
		socklen_t len = sizeof(msf);

		memset(&msf, 0, sizeof(msf));
		msf.imsf_multiaddr.s_addr = A("232.1.1.1");
		msf.imsf_interface.s_addr = A("10.0.0.1");
		KT_EQ(tn_getsockopt(b, SOL_IP, IP_MSFILTER, &msf, &len), 0);
		KT_EQ(msf.imsf_fmode, MCAST_EXCLUDE);
		KT_EQ(msf.imsf_numsrc, 0);
		KT_EQ(len, IP_MSFILTER_SIZE(0));
	}
	KT_EQ(tn_close(a), 0);
	KT_EQ(tn_close(b), 0);
	KT_EQ(tn_close(s2), 0);
	KT_EQ(tn_close(s3), 0);
	teardown();
}

/* the first IPv4 frame in the tap, or NULL; dequeued */
static struct sk_buff *tap_ip(void)
{
	struct sk_buff *skb;

	stack_enter(st);

	rtnl_lock();
	while ((skb = skb_dequeue(&tap.q)) != NULL) {
		const struct ethhdr *eth = (const void *)skb_mac_header(skb);

		if (skb->pkt_type != PACKET_OUTGOING &&
		    eth->h_proto == htons(ETH_P_IP))
			break;
		kfree_skb(skb);
	}
	rtnl_unlock();
	stack_exit(st);
	return skb;
}

static void tap_free(struct sk_buff *skb)
{
	stack_enter(st);
	rtnl_lock();
	kfree_skb(skb);
	rtnl_unlock();
	stack_exit(st);
}

static void test_loop_and_ttl(void)
{
	int a, s, ttl = 5;
	struct sk_buff *skb;
	const u8 *eth;

	setup();
	a = listener(5002);
	s = sender("10.0.0.1");
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.2.2.2", eth0->ifindex, NULL), 0);
	tn_clock_advance(st, 3000 * MS);
	stack_enter(st);
	rtnl_lock();
	skb_queue_purge(&tap.q);
	rtnl_unlock();
	stack_exit(st);
	send_to(s, "239.2.2.2", 5002, "looped");
	KT_EQ(got(a), 1);
	/* on the wire: 01:00:5e + 23 bits, TTL 1 */
	skb = tap_ip();
	KT_ASSERT(skb);
	eth = skb_mac_header(skb);
	KT_EQ(eth[0], 0x01);
	KT_EQ(eth[2], 0x5e);
	KT_EQ(eth[3], 0x02);
	KT_EQ(eth[5], 0x02);
	KT_EQ(ip_hdr(skb)->ttl, 1);
	tap_free(skb);
	/* bigger than the MTU: fragments on the wire, whole when looped */
	{
		static char big[3000], back[4000];
		struct sockaddr_in dst = sin4("239.2.2.2", 5002);
		int i;

		for (i = 0; i < (int)sizeof(big); i++)
			big[i] = (char)(i * 7);
		KT_EQ(tn_sendto(s, big, sizeof(big), 0, SA(&dst), sizeof(dst)),
		      (long)sizeof(big));
		tn_clock_advance(st, 1 * MS);
		KT_EQ(tn_recv(a, back, sizeof(back), MSG_DONTWAIT),
		      (long)sizeof(big));
		KT_ASSERT(!memcmp(big, back, sizeof(big)));
		for (i = 0; i < 3; i++) {
			skb = tap_ip();
			KT_ASSERT(skb);
			tap_free(skb);
		}
	}
	KT_EQ(set_int(s, IP_MULTICAST_LOOP, 0), 0);
	KT_EQ(tn_setsockopt(s, SOL_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)), 0);
	send_to(s, "239.2.2.2", 5002, "not looped");
	KT_EQ(got(a), 0);
	skb = tap_ip();
	KT_ASSERT(skb);
	KT_EQ(ip_hdr(skb)->ttl, 5);
	tap_free(skb);
	KT_EQ(tn_close(a), 0);
	KT_EQ(tn_close(s), 0);
	teardown();
}

static void test_proc_files(void)
{
	char buf[2048];
	int a;
	unsigned char mac[6] = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };

	setup();
	a = listener(5003);
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.2.3", eth0->ifindex, NULL), 0);
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "224.0.0.251", eth0->ifindex, NULL),
	      0);
	tn_clock_advance(st, 3000 * MS);
	read_file("/proc/net/igmp", buf, sizeof(buf));
	KT_STREQ(buf, "Idx\tDevice    : Count Querier\tGroup    Users Timer"
		      "\tReporter\n"
		      "1\tlo        :     1      V3\n"
		      "\t\t\t\t010000E0     1 0:00000000\t\t0\n"
		      "2\teth1      :     1      V3\n"
		      "\t\t\t\t010000E0     1 0:00000000\t\t0\n"
		      "3\teth0      :     3      V3\n"
		      "\t\t\t\tFB0000E0     1 0:00000000\t\t0\n"
		      "\t\t\t\t030201EF     1 0:00000000\t\t0\n"
		      "\t\t\t\t010000E0     1 0:00000000\t\t0\n");
	/* ip maddr add on eth1: static */
	stack_enter(st);
	rtnl_lock();
	KT_EQ(dev_mc_add_global(eth1, mac), 0);
	KT_EQ(dev_mc_add_global(eth1, mac), 0);
	rtnl_unlock();
	stack_exit(st);
	read_file("/proc/net/dev_mcast", buf, sizeof(buf));
	KT_STREQ(buf, "2    eth1            1     0     01005e000001\n"
		      "2    eth1            1     1     01005e010203\n"
		      "3    eth0            1     0     01005e000001\n"
		      "3    eth0            1     0     01005e010203\n"
		      "3    eth0            1     0     01005e0000fb\n");
	stack_enter(st);
	rtnl_lock();
	KT_EQ(dev_mc_del_global(eth1, mac), 0);
	KT_EQ(dev_mc_del_global(eth1, mac), -ENOENT);
	rtnl_unlock();
	stack_exit(st);
	/* a device down keeps the sockets' groups but not 224.0.0.1 */
	KT_EQ(tn_close(a), 0);
	read_file("/proc/net/dev_mcast", buf, sizeof(buf));
	KT_STREQ(buf, "2    eth1            1     0     01005e000001\n"
		      "3    eth0            1     0     01005e000001\n");
	teardown();
}

/* IGMP payload of an IPv4 frame: checks the IP header as Linux sends it */
static const u8 *igmp_of(struct sk_buff *skb, __be32 dst, unsigned int len)
{
	const struct iphdr *iph = ip_hdr(skb);
	const u8 *opt = (const u8 *)(iph + 1);

	KT_EQ(iph->ihl, 6);
	KT_EQ(iph->tos, 0xc0);
	KT_EQ(iph->ttl, 1);
	KT_EQ(iph->frag_off, htons(IP_DF));
	KT_EQ(iph->id, 0);
	KT_EQ(iph->protocol, IPPROTO_IGMP);
	KT_EQ(iph->saddr, A("10.0.0.1"));
	KT_EQ(iph->daddr, dst);
	KT_EQ(ntohs(iph->tot_len), 24 + len);
	KT_EQ(opt[0], 0x94);
	KT_EQ(opt[1], 4);
	return opt + 4;
}

/* the next IGMP frame within @ms, advancing 1 ms at a time; NULL if none */
static struct sk_buff *next_igmp(unsigned int ms, unsigned int *waited)
{
	unsigned int t;

	for (t = 0; t <= ms; t++) {
		struct sk_buff *skb = tap_ip();

		while (skb && ip_hdr(skb)->protocol != IPPROTO_IGMP) {
			tap_free(skb);
			skb = tap_ip();
		}
		if (skb) {
			if (waited)
				*waited = t;
			return skb;
		}
		tn_clock_advance(st, MS);
	}
	return NULL;
}

static void test_wire_v3(void)
{
	static const u8 join[] = { 0x22, 0x00, 0xe8, 0xf9, 0x00, 0x00,
				   0x00, 0x01, 0x04, 0x00, 0x00, 0x00,
				   0xef, 0x01, 0x02, 0x03 };
	static const u8 leave[] = { 0x22, 0x00, 0xe9, 0xf9, 0x00, 0x00,
				    0x00, 0x01, 0x03, 0x00, 0x00, 0x00,
				    0xef, 0x01, 0x02, 0x03 };
	unsigned int waited;
	struct sk_buff *skb;
	int a;

	setup();
	a = listener(5004);
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.2.3", eth0->ifindex, NULL), 0);
	/* at once (two ticks), then once more within 1 s: TO_EX {} */
	skb = next_igmp(20, &waited);
	KT_ASSERT(skb);
	KT_ASSERT(waited <= 10);
	KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.22"), 16), join, 16));
	tap_free(skb);
	skb = next_igmp(1020, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.22"), 16), join, 16));
	tap_free(skb);
	KT_ASSERT(!next_igmp(3000, NULL));
	/* leave: TO_IN {} twice */
	KT_EQ(mreqn(a, IP_DROP_MEMBERSHIP, "239.1.2.3", eth0->ifindex, NULL),
	      0);
	skb = next_igmp(20, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.22"), 16), leave, 16));
	tap_free(skb);
	skb = next_igmp(1020, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.22"), 16), leave, 16));
	tap_free(skb);
	KT_ASSERT(!next_igmp(3000, NULL));
	KT_EQ(tn_close(a), 0);
	teardown();
}

/* the IGMP payload of the next report within 20 ms and its repeat within
 * 1 s equal @hex (as captured from Linux 6.18) */
static void expect_v3_pair(const char *hex)
{
	u8 want[64];
	size_t n = strlen(hex) / 2, i;
	struct sk_buff *skb;
	int k;

	for (i = 0; i < n; i++) {
		unsigned int b;

		sscanf(hex + 2 * i, "%02x", &b);
		want[i] = (u8)b;
	}
	for (k = 0; k < 2; k++) {
		skb = next_igmp(k ? 1020 : 20, NULL);
		KT_ASSERT(skb);
		KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.22"), (unsigned)n),
				  want, n));
		tap_free(skb);
	}
	KT_ASSERT(!next_igmp(1500, NULL));
}

static void test_wire_v3_sources(void)
{
	int a;

	setup();
	a = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(a >= 0);
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	expect_v3_pair("2200e5f80000000105000001e80101010a000002");
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.3"),
	      0);
	expect_v3_pair("2200e5f70000000105000001e80101010a000003");
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.1.1", 0, "10.0.0.1"), 0);
	expect_v3_pair("2200e9fb0000000104000000ef010101");
	KT_EQ(mreq_src(a, IP_BLOCK_SOURCE, "239.1.1.1", "10.0.0.1", "10.0.0.9"),
	      0);
	expect_v3_pair("2200ddf10000000106000001ef0101010a000009");
	KT_EQ(mreq_src(a, IP_DROP_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	expect_v3_pair("2200e4f80000000106000001e80101010a000002");
	KT_EQ(tn_close(a), 0);
	expect_v3_pair("2200f1f30000000206000001e80101010a00000303000000"
		       "ef010101");
	teardown();
}

/* an IGMP query from eth1's side (a raw IGMP socket) */
static void send_query(const u8 *q, size_t len, const char *dst)
{
	int r = tn_socket(AF_INET, SOCK_RAW, IPPROTO_IGMP);
	struct in_addr ifa = { .s_addr = A("10.0.0.2") };
	struct sockaddr_in to = sin4(dst, 0);

	KT_ASSERT(r >= 0);
	KT_EQ(tn_setsockopt(r, SOL_IP, IP_MULTICAST_IF, &ifa, sizeof(ifa)), 0);
	KT_EQ(tn_sendto(r, q, len, 0, SA(&to), sizeof(to)), (long)len);
	KT_EQ(tn_close(r), 0);
}

/* the IGMPv3 query @hex (checksum included) from eth1 to @dst */
static void send_query_hex(const char *hex, const char *dst)
{
	u8 q[64];
	size_t n = strlen(hex) / 2, i;

	for (i = 0; i < n; i++) {
		unsigned int b;

		sscanf(hex + 2 * i, "%02x", &b);
		q[i] = (u8)b;
	}
	send_query(q, n, dst);
}

/* the one answer within @ms is @hex (to 224.0.0.22), then nothing */
static void expect_answer(unsigned int ms, const char *hex)
{
	u8 want[64];
	size_t n = strlen(hex) / 2, i;
	struct sk_buff *skb;

	for (i = 0; i < n; i++) {
		unsigned int b;

		sscanf(hex + 2 * i, "%02x", &b);
		want[i] = (u8)b;
	}
	skb = next_igmp(ms, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.22"), (unsigned)n), want, n));
	tap_free(skb);
	KT_ASSERT(!next_igmp(1500, NULL));
}

/* queries and answers as captured from Linux 6.18 */
static void test_wire_v3_group_queries(void)
{
	struct sk_buff *skb;
	int a, n;

	setup();
	a = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(a >= 0);
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.1.1", 0, "10.0.0.1"), 0);
	KT_EQ(mreq_src(a, IP_BLOCK_SOURCE, "239.1.1.1", "10.0.0.1", "10.0.0.9"),
	      0);
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.2"),
	      0);
	KT_EQ(mreq_src(a, IP_ADD_SOURCE_MEMBERSHIP, "232.1.1.1", "10.0.0.1",
		       "10.0.0.3"),
	      0);
	tn_clock_advance(st, 3000 * MS);
	stack_enter(st);
	rtnl_lock();
	skb_queue_purge(&tap.q);
	rtnl_unlock();
	stack_exit(st);
	/* group-specific: the group's state */
	send_query_hex("110afc75ef010101027d0000", "239.1.1.1");
	expect_answer(1010, "2200e1f10000000102000001ef0101010a000009");
	/* group-and-source, INCLUDE: the queried sources we want */
	send_query_hex("110aef68e8010101027d00020a0000020a000009", "232.1.1.1");
	expect_answer(1010, "2200e9f80000000101000001e80101010a000002");
	/* EXCLUDE, every queried source blocked: no answer */
	send_query_hex("110af26bef010101027d00010a000009", "239.1.1.1");
	KT_ASSERT(!next_igmp(1500, NULL));
	/* EXCLUDE, one not blocked: the whole state */
	send_query_hex("110ae865ef010101027d00020a0000090a000005", "239.1.1.1");
	expect_answer(1010, "2200e1f10000000102000001ef0101010a000009");
	/* general: every group in one report */
	send_query_hex("110aec7800000000027d0000", "224.0.0.1");
	expect_answer(1010, "2200e3e60000000201000002e80101010a0000020a000003"
			    "02000001ef0101010a000009");
	/* an IGMPv1 query: v1 reports, each group within 10 s */
	send_query_hex("1100eeff00000000", "224.0.0.1");
	for (n = 0; n < 2; n++) {
		const u8 *ih;

		skb = next_igmp(10010, NULL);
		KT_ASSERT(skb);
		KT_EQ(ip_hdr(skb)->ihl, 6);
		ih = (const u8 *)ip_hdr(skb) + 24;
		KT_EQ(ih[0], 0x12);
		KT_ASSERT(ip_hdr(skb)->daddr == A("232.1.1.1") ||
			  ip_hdr(skb)->daddr == A("239.1.1.1"));
		KT_ASSERT(!memcmp(ih + 4, &ip_hdr(skb)->daddr, 4));
		tap_free(skb);
	}
	KT_ASSERT(!next_igmp(11000, NULL));
	KT_EQ(tn_close(a), 0);
	teardown();
}

static void test_wire_v2_and_queries(void)
{
	static const u8 report[] = { 0x16, 0x00, 0xf8, 0xfa,
				     0xef, 0x01, 0x02, 0x03 };
	static const u8 leave[] = { 0x17, 0x00, 0xf7, 0xfa,
				    0xef, 0x01, 0x02, 0x03 };
	/* v2 general query, max response 2 s */
	static const u8 query[] = { 0x11, 20, 0xee, 0xeb, 0, 0, 0, 0 };
	unsigned int waited;
	struct sk_buff *skb;
	char buf[1024];
	int a;

	setup();
	sysctl_set("/proc/sys/net/ipv4/conf/eth0/force_igmp_version", "2");
	a = listener(5005);
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.2.3", eth0->ifindex, NULL), 0);
	read_file("/proc/net/igmp", buf, sizeof(buf));
	KT_ASSERT(strstr(buf, "3\teth0      :     2      V2\n"
			      "\t\t\t\t030201EF     1 1:"));
	/* within 1 s, then within 10 s; then no more */
	skb = next_igmp(1010, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("239.1.2.3"), 8), report, 8));
	tap_free(skb);
	skb = next_igmp(10010, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("239.1.2.3"), 8), report, 8));
	tap_free(skb);
	KT_ASSERT(!next_igmp(12000, NULL));
	read_file("/proc/net/igmp", buf, sizeof(buf));
	KT_ASSERT(strstr(buf, "\t\t\t\t030201EF     1 0:00000000\t\t1\n"));
	/* a general query: an answer within its 2 s */
	send_query(query, sizeof(query), "224.0.0.1");
	skb = next_igmp(2010, &waited);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("239.1.2.3"), 8), report, 8));
	tap_free(skb);
	KT_ASSERT(!next_igmp(3000, NULL));
	/* leave: to 224.0.0.2, we were the last reporter */
	KT_EQ(mreqn(a, IP_DROP_MEMBERSHIP, "239.1.2.3", eth0->ifindex, NULL),
	      0);
	skb = next_igmp(5, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.2"), 8), leave, 8));
	tap_free(skb);
	KT_EQ(tn_close(a), 0);
	teardown();
}

static void test_wire_v3_query(void)
{
	/* v3 general query, max resp 1 s, qrv 2 qqic 125 */
	static const u8 gq[] = { 0x11, 10, 0xec, 0x78, 0, 0,
				 0,    0,  0x02, 125,  0, 0 };
	static const u8 is_ex[] = { 0x22, 0x00, 0xea, 0xf9, 0x00, 0x00,
				    0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
				    0xef, 0x01, 0x02, 0x03 };
	struct sk_buff *skb;
	int a;

	setup();
	a = listener(5006);
	KT_EQ(mreqn(a, IP_ADD_MEMBERSHIP, "239.1.2.3", eth0->ifindex, NULL), 0);
	tn_clock_advance(st, 3000 * MS);
	stack_enter(st);
	rtnl_lock();
	skb_queue_purge(&tap.q);
	rtnl_unlock();
	stack_exit(st);
	send_query(gq, sizeof(gq), "224.0.0.1");
	skb = next_igmp(1010, NULL);
	KT_ASSERT(skb);
	KT_ASSERT(!memcmp(igmp_of(skb, A("224.0.0.22"), 16), is_ex, 16));
	tap_free(skb);
	KT_ASSERT(!next_igmp(3000, NULL));
	KT_EQ(tn_close(a), 0);
	teardown();
}

KTEST_MAIN(KT(test_join_errnos), KT(test_ssm_errnos), KT(test_mcast_msfilter),
	   KT(test_delivery_and_leave), KT(test_source_filters),
	   KT(test_loop_and_ttl), KT(test_proc_files), KT(test_wire_v3),
	   KT(test_wire_v3_sources), KT(test_wire_v2_and_queries),
	   KT(test_wire_v3_query), KT(test_wire_v3_group_queries))
