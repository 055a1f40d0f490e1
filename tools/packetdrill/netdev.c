// SPDX-License-Identifier: BSD-2-Clause
/*
 * The test device "tun0" and the virtual clock of the stack under test.
 * tun0 is made through the stack's own driver API (alloc_netdev,
 * register_netdevice), as a tun device in IFF_TUN mode is on Linux: no
 * link header, no ARP, point-to-point, MTU 1500, a default qdisc.  What
 * it transmits is copied, stamped with the virtual time and queued for
 * the runner; what the runner injects enters through netif_rx.  No
 * checksum offload: the stack computes every checksum itself, so the
 * runner can verify them.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <tuxnet/tuxnet.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "netdev.h"

#define TUN_NAME "tun0"

struct pd_net {
	struct tn_stack *st;
	struct net_device *dev;
	struct pd_sniffed *head, **tail; /* guarded by the stack lock */
	size_t queued;
	u64 base; /* the stack's clock when the script starts: its time 0 */
};

/* The device's private part: where its packets go. */
struct tun_priv {
	struct pd_net *owner;
};

/* Beyond this many unread packets the device drops (a runaway stack). */
#define PD_MAX_QUEUED 100000

static netdev_tx_t tun_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct tun_priv *priv = netdev_priv(dev);
	struct pd_net *n = priv->owner;
	struct pd_sniffed *p;

	if (n->queued >= PD_MAX_QUEUED)
		goto drop;
	p = malloc(sizeof(*p) + skb->len);
	if (!p)
		goto drop;
	if (skb_copy_bits(skb, 0, p->data, (int)skb->len)) {
		free(p);
		goto drop;
	}
	p->len = skb->len;
	p->ns = net_now() - n->base;
	p->next = NULL;
	*n->tail = p;
	n->tail = &p->next;
	n->queued++;
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	consume_skb(skb);
	return NETDEV_TX_OK;
drop:
	dev->stats.tx_dropped++;
	kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
	return NETDEV_TX_OK;
}

static int tun_change_mtu(struct net_device *dev, int new_mtu)
{
	dev->mtu = (unsigned int)new_mtu;
	return 0;
}

static const struct net_device_ops tun_ops = {
	.ndo_start_xmit = tun_xmit,
	.ndo_change_mtu = tun_change_mtu,
};

static void tun_setup(struct net_device *dev)
{
	dev->type = ARPHRD_NONE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = 1500;
	dev->min_mtu = 68;
	dev->max_mtu = 65535;
	dev->tx_queue_len = 500;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP | IFF_MULTICAST;
	dev->netdev_ops = &tun_ops;
	dev->needs_free_netdev = true;
}

static int tun_register(struct pd_net *n, int mtu)
{
	struct net_device *dev;
	int err;

	dev = alloc_netdev(sizeof(struct tun_priv), TUN_NAME, NET_NAME_USER,
			   tun_setup);
	if (!dev)
		return -ENOMEM;
	((struct tun_priv *)netdev_priv(dev))->owner = n;
	dev->mtu = (unsigned int)mtu;
	stack_enter(n->st);
	rtnl_lock();
	dev->nd_net = n->st->init_net;
	err = register_netdevice(dev);
	if (err)
		free_netdev(dev);
	else
		n->dev = dev;
	rtnl_unlock();
	stack_exit(n->st);
	return err;
}

static int if_up(const char *name, const char *addr, const char *mask)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0), rc = -1;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (addr) {
		sin->sin_family = AF_INET;
		if (inet_pton(AF_INET, addr, &sin->sin_addr) != 1)
			goto out;
		if (tn_ioctl(fd, SIOCSIFADDR, &ifr))
			goto out;
		if (inet_pton(AF_INET, mask, &sin->sin_addr) != 1 ||
		    tn_ioctl(fd, SIOCSIFNETMASK, &ifr))
			goto out;
	}
	if (tn_ioctl(fd, SIOCGIFFLAGS, &ifr))
		goto out;
	ifr.ifr_flags |= IFF_UP;
	rc = tn_ioctl(fd, SIOCSIFFLAGS, &ifr);
out:
	tn_close(fd);
	return rc;
}

/* `ip route add default dev tun0`, over rtnetlink. */
static int default_route(int ifindex)
{
	struct {
		struct nlmsghdr nh;
		struct rtmsg rt;
		struct rtattr oif_hdr;
		int oif;
	} req;
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
	} ans;
	int fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), rc = -1;

	if (fd < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = sizeof(req);
	req.nh.nlmsg_type = RTM_NEWROUTE;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK;
	req.rt.rtm_family = AF_INET;
	req.rt.rtm_table = RT_TABLE_MAIN;
	req.rt.rtm_protocol = RTPROT_BOOT;
	req.rt.rtm_scope = RT_SCOPE_LINK;
	req.rt.rtm_type = RTN_UNICAST;
	req.oif_hdr.rta_len = RTA_LENGTH(sizeof(int));
	req.oif_hdr.rta_type = RTA_OIF;
	req.oif = ifindex;
	if (tn_send(fd, &req, sizeof(req), 0) == (ssize_t)sizeof(req) &&
	    tn_recv(fd, &ans, sizeof(ans), 0) >= (ssize_t)sizeof(ans) &&
	    ans.nh.nlmsg_type == NLMSG_ERROR && ans.err.error == 0)
		rc = 0;
	tn_close(fd);
	return rc;
}

struct pd_net *pd_net_create(const char *local_ip, int mtu, char *err,
			     size_t errlen)
{
	struct pd_net *n = calloc(1, sizeof(*n));
	int e;

	if (!n) {
		(void)snprintf(err, errlen, "out of memory");
		return NULL;
	}
	n->tail = &n->head;
	n->st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	if (!n->st) {
		(void)snprintf(err, errlen, "cannot create a stack");
		free(n);
		return NULL;
	}
	tn_stack_attach(n->st);
	e = tun_register(n, mtu);
	if (e) {
		(void)snprintf(err, errlen, "cannot register %s: %s", TUN_NAME,
			       strerror(-e));
		goto fail;
	}
	if (if_up("lo", NULL, NULL) ||
	    if_up(TUN_NAME, local_ip, "255.255.0.0") ||
	    default_route(n->dev->ifindex)) {
		(void)snprintf(err, errlen, "cannot configure %s with %s: %s",
			       TUN_NAME, local_ip, strerror(errno));
		goto fail;
	}
	stack_enter(n->st);
	n->base = ktime_get_ns(n->st);
	stack_exit(n->st);
	return n;
fail:
	pd_net_destroy(n);
	return NULL;
}

void pd_net_destroy(struct pd_net *n)
{
	struct pd_sniffed *p;

	if (!n)
		return;
	tn_stack_destroy(n->st);
	while ((p = n->head)) {
		n->head = p->next;
		free(p);
	}
	free(n);
}

struct tn_stack *pd_net_stack(struct pd_net *n)
{
	return n->st;
}

const char *pd_net_ifname(struct pd_net *n)
{
	(void)n;
	return TUN_NAME;
}

uint64_t pd_net_now(struct pd_net *n)
{
	uint64_t t;

	stack_enter(n->st);
	t = ktime_get_ns(n->st) - n->base;
	stack_exit(n->st);
	return t;
}

bool pd_net_next_timer(struct pd_net *n, uint64_t *ns)
{
	struct timer_base *b = &n->st->timer_base[TIMER_BASE_STD];
	bool found = false;

	stack_enter(n->st);
	spin_lock(&b->lock);
	if (b->nr && b->heap[0]->expires < (u64)KTIME_MAX) {
		*ns = b->heap[0]->expires > n->base
			      ? b->heap[0]->expires - n->base
			      : 0;
		found = true;
	}
	spin_unlock(&b->lock);
	stack_exit(n->st);
	return found;
}

void pd_net_advance_to(struct pd_net *n, uint64_t ns)
{
	uint64_t now = pd_net_now(n);

	tn_clock_advance(n->st, ns > now ? ns - now : 0);
}

/*
 * The truesize Linux's tun gives a written packet of @len bytes that does not
 * fit one page with its 64-byte pad: tun_alloc_skb() puts it all in frags and
 * alloc_skb_with_frags() charges each frag a whole page block (PAGE_SIZE <<
 * order, order at most PAGE_ALLOC_COSTLY_ORDER and lowered while the rest
 * fits a smaller block), plus the head.  TCP's scaling_ratio, and so the
 * window it advertises, follow this.  The head's share was measured against
 * Linux 6.18 with --kernel: the ACK windows after 4200-, 12289-, 16384-,
 * 17200-, 18300-, 18450- and 20000-byte GSO segments into a 40000-byte
 * rcvbuf (tcp_rcv_toobig.pkt) all need it between 250 and 320 bytes.
 */
#define PD_TUN_HEAD_TRUESIZE 256

static unsigned int pd_tun_paged_truesize(unsigned int head, size_t len)
{
	unsigned int truesize = head;
	unsigned int order = 3;

	while (len) {
		size_t pages = (len + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
		size_t chunk;

		while (order && pages < ((size_t)PAGE_SIZE << order))
			order--;
		chunk = (size_t)PAGE_SIZE << order;
		truesize += (unsigned int)chunk;
		len -= len < chunk ? len : chunk;
	}
	return truesize;
}

int pd_net_inject(struct pd_net *n, const uint8_t *pkt, size_t len,
		  unsigned int gso_size)
{
	struct sk_buff *skb;

	if (len < 20 || len > 65535)
		return -EINVAL;
	stack_enter(n->st);
	skb = alloc_skb((unsigned int)len + 64, 0);
	if (!skb) {
		stack_exit(n->st);
		return -ENOMEM;
	}
	skb_reserve(skb, 64);
	skb_put_data(skb, pkt, (unsigned int)len);
	skb->dev = n->dev;
	skb->protocol = htons(ETH_P_IP);
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	if (gso_size && len > n->dev->mtu && pkt[9] == IPPROTO_TCP &&
	    len >= 40) {
		size_t hdrs = (size_t)(pkt[0] & 15) * 4 +
			      (size_t)(pkt[(pkt[0] & 15) * 4 + 12] >> 4) * 4;

		if (hdrs < len) {
			skb_shinfo(skb)->gso_size = (unsigned short)gso_size;
			skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
			skb_shinfo(skb)->gso_segs =
				(unsigned short)((len - hdrs + gso_size - 1) /
						 gso_size);
		}
	}
	/* A packet that fits one page with its pad is linear, as Linux's
	 * tun makes it: alloc_skb() charged it what Linux charges. */
	if (64 + len >= PAGE_SIZE)
		skb->truesize =
			pd_tun_paged_truesize(PD_TUN_HEAD_TRUESIZE, len);
	n->dev->stats.rx_packets++;
	n->dev->stats.rx_bytes += len;
	netif_rx(skb);
	stack_exit(n->st); /* runs the receive softirq */
	return 0;
}

struct pd_sniffed *pd_net_pop(struct pd_net *n)
{
	struct pd_sniffed *p;

	stack_enter(n->st);
	p = n->head;
	if (p) {
		n->head = p->next;
		if (!n->head)
			n->tail = &n->head;
		n->queued--;
	}
	stack_exit(n->st);
	return p;
}

bool pd_net_pending(struct pd_net *n)
{
	bool r;

	stack_enter(n->st);
	r = n->head != NULL;
	stack_exit(n->st);
	return r;
}

bool pd_net_blocked(struct pd_net *n)
{
	struct tn_waiter *w;
	bool r;

	stack_enter(n->st);
	w = n->st->init_task->sleeper;
	r = w && !w->woken;
	stack_exit(n->st);
	return r;
}

bool pd_net_wake_pending(struct pd_net *n)
{
	struct tn_waiter *w;
	bool r;

	stack_enter(n->st);
	w = n->st->init_task->sleeper;
	r = w && w->woken;
	stack_exit(n->st);
	return r;
}

void pd_net_run_to(struct pd_net *n, uint64_t target)
{
	int stuck = 0;

	for (;;) {
		uint64_t now = pd_net_now(n), next;

		if (now >= target || stuck > 100000)
			return;
		if (!pd_net_next_timer(n, &next) || next > target)
			next = target;
		stuck = next <= now ? stuck + 1 : 0;
		pd_net_advance_to(n, next);
		/* a call woken by that timer runs before time moves on */
		while (pd_net_wake_pending(n))
			sched_yield();
	}
}

void pd_net_interrupt(struct pd_net *n)
{
	tn_task_interrupt(n->st->init_task);
}
