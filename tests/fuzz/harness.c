// SPDX-License-Identifier: BSD-2-Clause
/*
 * The fuzz harness: a virtual-clock stack made once per process, two
 * namespaces joined by a veth pair, frame injection through the driver
 * path, and the oracle run after every input (the live skb count comes
 * back to its baseline once time has run past every timeout).  See
 * harness.h for the topology.
 */
#include <errno.h>
#include <linux/sockios.h>
#include <linux/veth.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/etherdevice.h>
#include <net/inetdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/rtnetlink.h>
#include <net/skbuff.h>
#include <net/stack.h>

#include "env.h"
#include "harness.h"

const uint8_t fuzz_mac_a[6] = { 0x02, 0, 0, 0, 0, 0x01 };
const uint8_t fuzz_mac_b[6] = { 0x02, 0, 0, 0, 0, 0x02 };

/* Longer than every protocol timeout (reassembly 30 s, ARP ~3 s). */
#define DRAIN_NS (65ull * 1000 * NSEC_PER_MSEC)

static struct fuzz_env env;
static int env_ready;

static __attribute__((noreturn)) void fuzz_die(const char *what)
{
	fprintf(stderr, "fuzz harness: %s\n", what);
	abort();
}

/* ---- the topology ---- */

static struct nlattr *put_attr(void *at, int type, const void *data, size_t len)
{
	struct nlattr *nla = at;

	nla->nla_type = (u16)type;
	nla->nla_len = (u16)(NLA_HDRLEN + len);
	memcpy(nla_data(nla), data, len);
	return nla;
}

/*
 * fuzz_veth_pair - "ip link add A type veth peer name B" in @net, as
 * rtnl_newlink would do it: returns A (B is registered first).
 */
struct net_device *fuzz_veth_pair(struct net *net, const char *a, const char *b)
{
	const struct rtnl_link_ops *ops = rtnl_link_ops_get("veth");
	struct nlattr *tb[IFLA_MAX + 1], *data[VETH_INFO_MAX + 1];
	struct nlattr *peer, *nb;
	struct ifinfomsg *ifm;
	struct net_device *dev;
	u64 buf[64];

	if (!ops)
		return NULL;
	memset(buf, 0, sizeof(buf));
	memset(tb, 0, sizeof(tb));
	memset(data, 0, sizeof(data));
	tb[IFLA_IFNAME] = put_attr(buf, IFLA_IFNAME, a, strlen(a) + 1);
	peer = (struct nlattr *)(void *)(buf + 8);
	ifm = nla_data(peer);
	nb = put_attr(ifm + 1, IFLA_IFNAME, b, strlen(b) + 1);
	peer->nla_type = VETH_INFO_PEER;
	peer->nla_len =
		(u16)(NLA_HDRLEN + sizeof(*ifm) + NLA_ALIGN(nb->nla_len));
	data[VETH_INFO_PEER] = peer;
	dev = rtnl_create_link(net, a, NET_NAME_USER, ops, tb, NULL);
	if (IS_ERR_OR_NULL(dev))
		return NULL;
	if (ops->newlink(net, dev, tb, data, NULL)) {
		free_netdev(dev);
		return NULL;
	}
	return dev;
}

static int set_mac(struct net_device *dev, const uint8_t *mac)
{
	struct sockaddr sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = ARPHRD_ETHER;
	memcpy(sa.sa_data, mac, ETH_ALEN);
	return dev_set_mac_address(dev, &sa);
}

static int set_inaddr(struct net *net, const char *name, unsigned int cmd,
		      uint32_t addr)
{
	struct sockaddr_in *sin;
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(addr);
	return devinet_ioctl(net, cmd, &ifr);
}

int fuzz_configure_if(struct net *net, struct net_device *dev,
		      const uint8_t *mac, uint32_t addr)
{
	struct net_device *lo = __dev_get_by_name(net, "lo");
	int err;

	if (lo && !(lo->flags & IFF_UP))
		dev_open(lo);
	err = set_mac(dev, mac);
	if (!err)
		err = set_inaddr(net, dev->name, SIOCSIFADDR, addr);
	if (!err)
		err = set_inaddr(net, dev->name, SIOCSIFNETMASK, 0xffffff00u);
	if (!err)
		err = set_inaddr(net, dev->name, SIOCSIFBRDADDR,
				 (addr & 0xffffff00u) | 0xff);
	if (!err)
		err = dev_open(dev);
	return err;
}

static int open_sockets(struct fuzz_env *e)
{
	struct sockaddr_in sin;
	int one = 1;

	if (tn_netns_set("a") < 0)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	e->udp_any = tn_socket(AF_INET, SOCK_DGRAM, 0);
	sin.sin_port = htons(FUZZ_UDP_PORT);
	if (e->udp_any < 0 ||
	    tn_bind(e->udp_any, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return -1;
	e->udp_conn = tn_socket(AF_INET, SOCK_DGRAM, 0);
	sin.sin_port = htons(FUZZ_UDP_PORT_CONN);
	sin.sin_addr.s_addr = htonl(FUZZ_IP_A);
	if (e->udp_conn < 0 ||
	    tn_bind(e->udp_conn, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return -1;
	/* optional features: the harness works without them */
	tn_setsockopt(e->udp_conn, IPPROTO_IP, IP_RECVERR, &one, sizeof(one));
	sin.sin_port = htons(9);
	sin.sin_addr.s_addr = htonl(FUZZ_IP_B);
	tn_connect(e->udp_conn, (struct sockaddr *)&sin, sizeof(sin));
	/* net.ipv4.ping_group_range = "0 2147483647": anyone may ping */
	e->net_a->ipv4.sysctl_ping_group_range[0] = 0;
	e->net_a->ipv4.sysctl_ping_group_range[1] = 2147483647;
	e->ping = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	return 0;
}

int fuzz_env_create(struct fuzz_env *e, int with_sockets)
{
	struct tn_stack_stats s;

	memset(e, 0, sizeof(*e));
	e->udp_any = e->udp_conn = e->ping = -1;
	e->st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	if (!e->st)
		return -1;
	tn_stack_attach(e->st);
	if (tn_netns_add("a") < 0 || tn_netns_add("b") < 0)
		return -1;

	stack_enter(e->st);
	rtnl_lock(); /* configuring, as the control plane does */
	e->net_a = netns_get_by_name(e->st, "a");
	e->net_b = netns_get_by_name(e->st, "b");
	e->dev_a = e->net_a ? fuzz_veth_pair(e->net_a, "veth0", "veth1") : NULL;
	e->dev_b = e->dev_a ? __dev_get_by_name(e->net_a, "veth1") : NULL;
	if (!e->dev_b || dev_change_net_namespace(e->dev_b, e->net_b, NULL) ||
	    fuzz_configure_if(e->net_a, e->dev_a, fuzz_mac_a, FUZZ_IP_A) ||
	    fuzz_configure_if(e->net_b, e->dev_b, fuzz_mac_b, FUZZ_IP_B)) {
		rtnl_unlock();
		stack_exit(e->st);
		return -1;
	}
	rtnl_unlock();
	stack_exit(e->st);

	if (with_sockets && open_sockets(e) < 0)
		return -1;
	if (tn_netns_set("a") < 0)
		return -1;
	/* announcements and the like settle before the baseline is taken */
	tn_clock_advance(e->st, DRAIN_NS);
	tn_stack_get_stats(e->st, &s);
	e->base_skbs = s.live_skbs;
	return 0;
}

void fuzz_env_destroy(struct fuzz_env *e)
{
	if (!e->st)
		return;
	if (e->udp_any >= 0)
		tn_close(e->udp_any);
	if (e->udp_conn >= 0)
		tn_close(e->udp_conn);
	if (e->ping >= 0)
		tn_close(e->ping);
	tn_stack_destroy(e->st);
	tn_stack_attach(NULL);
	memset(e, 0, sizeof(*e));
}

void fuzz_env_settle(struct fuzz_env *e)
{
	struct tn_stack_stats s;
	int round;

	for (round = 0; round < 3; round++) {
		tn_clock_advance(e->st, DRAIN_NS << round);
		tn_stack_get_stats(e->st, &s);
		if (s.live_skbs <= e->base_skbs)
			return;
	}
	fprintf(stderr,
		"fuzz harness: %ld live skbs after the input, baseline %ld\n",
		s.live_skbs, e->base_skbs);
	abort();
}

void fuzz_setup(void)
{
	if (env_ready)
		return;
	if (fuzz_env_create(&env, 1) < 0)
		fuzz_die("cannot set up the stack");
	env_ready = 1;
}

struct tn_stack *fuzz_bare_stack(void)
{
	static struct tn_stack *st;

	if (!st) {
		st = tn_stack_create(
			&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
		if (!st)
			abort();
	}
	tn_stack_attach(st);
	return st;
}

void fuzz_check(int ok, const char *target, const char *what)
{
	if (!ok) {
		fprintf(stderr, "%s: %s\n", target, what);
		abort();
	}
}

/* ---- input ---- */

static void run_backlog(struct tn_stack *st)
{
	int i;

	for (i = 0; i < 64 && skb_queue_len(&st->softnet.input_pkt_queue); i++)
		do_softirq(st);
}

void fuzz_inject_frame(const uint8_t *frame, size_t len)
{
	struct sk_buff *skb;

	fuzz_setup();
	if (len > FUZZ_MAX_FRAME)
		len = FUZZ_MAX_FRAME;
	stack_enter(env.st);
	/*
	 * As a driver does (NET_IP_ALIGN): the IP header behind the 14-byte
	 * Ethernet header lands on a 4-byte boundary.
	 */
	skb = alloc_skb((unsigned int)len + 64 + 2, 0);
	if (!skb)
		fuzz_die("alloc_skb");
	skb_reserve(skb, 64 + 2);
	skb_put_data(skb, frame, (unsigned int)len);
	skb->dev = env.dev_b;
	skb->protocol = len >= FUZZ_ETH_HLEN
				? htons((u16)(frame[12] << 8 | frame[13]))
				: 0;
	dev_queue_xmit(skb);
	run_backlog(env.st);
	stack_exit(env.st);
}

void fuzz_inject_l3(uint16_t type, const uint8_t *payload, size_t len,
		    int bcast)
{
	static uint8_t frame[FUZZ_MAX_FRAME];

	if (len > FUZZ_MAX_FRAME - FUZZ_ETH_HLEN)
		len = FUZZ_MAX_FRAME - FUZZ_ETH_HLEN;
	if (bcast)
		memset(frame, 0xff, 6);
	else
		memcpy(frame, fuzz_mac_a, 6);
	memcpy(frame + 6, fuzz_mac_b, 6);
	frame[12] = (uint8_t)(type >> 8);
	frame[13] = (uint8_t)type;
	if (len)
		memcpy(frame + FUZZ_ETH_HLEN, payload, len);
	fuzz_inject_frame(frame, FUZZ_ETH_HLEN + len);
}

void fuzz_advance_ms(unsigned int ms)
{
	fuzz_setup();
	tn_clock_advance(env.st, (uint64_t)ms * NSEC_PER_MSEC);
}

static void drain_fd(int fd)
{
	static char buf[70000];
	struct msghdr msg;
	struct iovec iov;
	char cbuf[512];
	int i;

	if (fd < 0)
		return;
	for (i = 0; i < 10000; i++)
		if (tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			break;
	for (i = 0; i < 10000; i++) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		if (tn_recvmsg(fd, &msg, MSG_DONTWAIT | MSG_ERRQUEUE) < 0)
			break;
	}
}

void fuzz_finish_input(void)
{
	fuzz_setup();
	drain_fd(env.udp_any);
	drain_fd(env.udp_conn);
	drain_fd(env.ping);
	fuzz_env_settle(&env);
	/* replies may have queued more while time ran */
	drain_fd(env.udp_any);
	drain_fd(env.udp_conn);
	drain_fd(env.ping);
	fuzz_env_settle(&env);
}

/* ---- packet building ---- */

uint32_t fuzz_csum_partial(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)(p[len - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

uint16_t fuzz_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

void fuzz_build_ipv4(uint8_t *out, uint8_t proto, uint32_t saddr,
		     uint32_t daddr, size_t plen)
{
	memset(out, 0, 20);
	out[0] = 0x45;
	put16(out + 2, (uint16_t)(20 + plen));
	put16(out + 4, 0x1234);
	out[8] = 64;
	out[9] = proto;
	put32(out + 12, saddr);
	put32(out + 16, daddr);
	put16(out + 10, fuzz_csum_fold(fuzz_csum_partial(out, 20, 0)));
}

void fuzz_fix_ipv4_csum(uint8_t *p, size_t len)
{
	size_t ihl;

	if (len < 20)
		return;
	ihl = (size_t)(p[0] & 0x0f) * 4;
	if (ihl < 20 || ihl > len)
		ihl = 20;
	p[10] = p[11] = 0;
	put16(p + 10, fuzz_csum_fold(fuzz_csum_partial(p, ihl, 0)));
}

void fuzz_pick_addrs(unsigned int sel, uint32_t *saddr, uint32_t *daddr,
		     int *bcast)
{
	*saddr = FUZZ_IP_B;
	*daddr = FUZZ_IP_A;
	*bcast = 0;
	switch (sel & 3) {
	case 1:
		*daddr = FUZZ_IP_BCAST;
		*bcast = 1;
		break;
	case 2:
		*daddr = 0xffffffffu;
		*bcast = 1;
		break;
	case 3:
		*saddr = FUZZ_IP_OTHER;
		break;
	default:
		break;
	}
}
