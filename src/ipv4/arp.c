// SPDX-License-Identifier: BSD-2-Clause
/*
 * ARP (RFC 826): IPv4 neighbours on Ethernet.  Requests for our addresses
 * are answered (and teach us the asker, STALE); replies and other traffic
 * update entries we already have; resolution for the output path goes
 * through the neighbour cache (neighbour.c), whose probes are ARP requests
 * sent from here.  Also /proc/net/arp and the per-device tunables.
 * Linux: net/ipv4/arp.c.  Defaults as Linux's: arp_ignore=0,
 * arp_announce=0, arp_accept=0 (gratuitous ARP updates existing entries
 * only), arp_evict_nocarrier=1.
 *
 * The per-device sysctls combine with conf.all as Linux's IN_DEV_* macros
 * do (inetdevice.h): arp_ignore, arp_announce, arp_accept and arp_notify
 * take the larger, arp_filter, proxy_arp and drop_gratuitous_arp either,
 * arp_evict_nocarrier both.
 */
#include <linux/icmp.h> /* before the C library's netinet/in.h */
#include <linux/if_arp.h>

#include <net/arp.h>
#include <net/etherdevice.h>
#include <net/icmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/ip_fib.h>
#include <net/neighbour.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/route.h>

static inline unsigned int arp_hdr_len(const struct net_device *dev)
{
	/* ARP header, plus 2 device addresses, plus 2 IP addresses. */
	return sizeof(struct arphdr) + (dev->addr_len + sizeof(u32)) * 2;
}

static inline struct arphdr *arp_hdr(const struct sk_buff *skb)
{
	return (struct arphdr *)(void *)skb_network_header(skb);
}

/* ---- building and sending ---- */

/**
 * arp_create - build an ARP packet
 * @type: ARPOP_REQUEST or ARPOP_REPLY
 * @ptype: the link-layer protocol (ETH_P_ARP)
 * @dest_hw: link destination, NULL for broadcast
 * @src_hw: link source, NULL for dev_addr
 * @target_hw: the "target hardware address" field, NULL for zeros
 * Return: the packet with its link header, or NULL.
 */
static struct sk_buff *arp_create(int type, int ptype, __be32 dest_ip,
				  struct net_device *dev, __be32 src_ip,
				  const unsigned char *dest_hw,
				  const unsigned char *src_hw,
				  const unsigned char *target_hw)
{
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	struct arphdr *arp;
	unsigned char *p;

	skb = alloc_skb(arp_hdr_len(dev) + hlen + 16, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, (int)hlen);
	skb_reset_network_header(skb);
	arp = skb_put(skb, arp_hdr_len(dev));
	skb->dev = dev;
	skb->protocol = htons(ETH_P_ARP);
	if (!src_hw)
		src_hw = dev->dev_addr;
	if (!dest_hw)
		dest_hw = dev->broadcast;
	if (dev_hard_header(skb, dev, (unsigned short)ptype, dest_hw, src_hw,
			    skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	arp->ar_hrd = htons(dev->type);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = dev->addr_len;
	arp->ar_pln = 4;
	arp->ar_op = htons((u16)type);
	p = (unsigned char *)(arp + 1);
	memcpy(p, src_hw, dev->addr_len);
	p += dev->addr_len;
	memcpy(p, &src_ip, 4);
	p += 4;
	if (target_hw)
		memcpy(p, target_hw, dev->addr_len);
	else
		memset(p, 0, dev->addr_len);
	p += dev->addr_len;
	memcpy(p, &dest_ip, 4);
	return skb;
}

/**
 * arp_send - build and transmit an ARP packet (see arp_create)
 * Nothing is sent on IFF_NOARP devices.
 */
void arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev,
	      __be32 src_ip, const unsigned char *dest_hw,
	      const unsigned char *src_hw, const unsigned char *target_hw)
{
	struct sk_buff *skb;

	if (dev->flags & IFF_NOARP)
		return;
	skb = arp_create(type, ptype, dest_ip, dev, src_ip, dest_hw, src_hw,
			 target_hw);
	if (skb)
		dev_queue_xmit(skb);
}

/* ---- the neighbour table's operations ---- */

/*
 * arp_solicit - probe for @n: broadcast while resolving, unicast to the
 * cached address while confirming (PROBE).  The source address follows
 * arp_announce: 0, the queued packet's if it is ours on any device; 1,
 * only if it is in a subnet of the device that also holds the target;
 * 2, never (the device's best address for the target, primary first).
 */
static void arp_solicit(struct neighbour *n, struct sk_buff *skb)
{
	struct net_device *dev = n->dev;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	const unsigned char *dst_hw = NULL;
	__be32 saddr = 0, target;
	int probes = n->probes;

	memcpy(&target, n->primary_key, 4);
	if (!in_dev)
		return;
	if (skb && (skb->protocol != htons(ETH_P_IP) ||
		    skb->network_header == SKB_HDR_UNSET))
		skb = NULL;
	switch (IN_DEV_ARP_ANNOUNCE(in_dev)) {
	case 0:
	default:
		if (skb &&
		    inet_addr_type_dev_table(dev_net(dev), dev,
					     ip_hdr(skb)->saddr) == RTN_LOCAL)
			saddr = ip_hdr(skb)->saddr;
		break;
	case 1:
		if (!skb)
			break;
		saddr = ip_hdr(skb)->saddr;
		if (inet_addr_type_dev_table(dev_net(dev), dev, saddr) !=
			    RTN_LOCAL ||
		    !inet_addr_onlink(in_dev, target, saddr))
			saddr = 0;
		break;
	case 2:
		break;
	}
	if (!saddr)
		saddr = inet_select_addr(dev, target, RT_SCOPE_LINK);

	probes -= NEIGH_VAR(n->parms, UCAST_PROBES);
	if (probes < 0) {
		dst_hw = n->ha;
	} else {
		probes -= NEIGH_VAR(n->parms, APP_PROBES);
		if (probes < 0) {
			neigh_app_ns(n); /* a user-space resolver's turn */
			return;
		}
	}
	arp_send(ARPOP_REQUEST, ETH_P_ARP, target, dev, saddr, dst_hw,
		 dev->dev_addr, NULL);
}

/* arp_error_report - resolution failed: ICMP host unreachable */
static void arp_error_report(struct neighbour *n, struct sk_buff *skb)
{
	(void)n;
	if (skb->protocol == htons(ETH_P_IP) &&
	    skb->network_header != SKB_HDR_UNSET)
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
}

/*
 * arp_constructor - a new entry: devices without ARP (loopback, NOARP,
 * point-to-point) and broadcast/multicast destinations need no
 * resolution (NOARP with a computed address); others start unresolved.
 */
static int arp_constructor(struct neighbour *n)
{
	struct net_device *dev = n->dev;
	__be32 addr;

	memcpy(&addr, n->primary_key, 4);
	n->type = (u8)inet_addr_type_dev_table(dev_net(dev), dev, addr);
	if (!dev->header_ops) {
		n->nud_state = NUD_NOARP;
		n->output = neigh_direct_output;
		return 0;
	}
	if (n->type == RTN_MULTICAST) {
		u32 a = ntohl(addr);

		n->nud_state = NUD_NOARP;
		/* RFC 1112 6.4: 01:00:5e + low 23 bits */
		n->ha[0] = 0x01;
		n->ha[1] = 0x00;
		n->ha[2] = 0x5e;
		n->ha[3] = (a >> 16) & 0x7f;
		n->ha[4] = (a >> 8) & 0xff;
		n->ha[5] = a & 0xff;
	} else if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
		n->nud_state = NUD_NOARP;
		memcpy(n->ha, dev->dev_addr, dev->addr_len);
	} else if (n->type == RTN_BROADCAST || (dev->flags & IFF_POINTOPOINT)) {
		n->nud_state = NUD_NOARP;
		memcpy(n->ha, dev->broadcast, dev->addr_len);
	}
	n->output = n->nud_state & NUD_VALID ? neigh_connected_output
					     : neigh_resolve_output;
	return 0;
}

/*
 * __ipv4_neigh_lookup_noref - @dev's entry for @key, or NULL: the output
 * path's lookup, as Linux's (under RCU there, the stack lock here): no
 * reference, and not counted in the table's lookups and hits, which
 * count neigh_lookup() (Linux's NEIGH_CACHE_STAT_INC is there only).
 */
static inline struct neighbour *
__ipv4_neigh_lookup_noref(const struct neigh_table *tbl,
			  const struct net_device *dev, u32 key)
{
	struct neighbour *n;

	for (n = tbl->hash[neigh_hashfn(key, dev)]; n; n = n->next) {
		u32 k;

		memcpy(&k, n->primary_key, sizeof(k));
		if (k == key && n->dev == dev)
			return n;
	}
	return NULL;
}

/**
 * ip_neigh_gw4 - see arp.h.  Loopback and point-to-point devices share
 * one entry (key 0.0.0.0), as Linux.
 */
struct neighbour *ip_neigh_gw4(struct net_device *dev, __be32 gw)
{
	struct neigh_table *tbl = dev_net(dev)->ipv4.arp_tbl;
	struct neighbour *n;
	__be32 key = gw;

	if (!tbl)
		return ERR_PTR(-EAFNOSUPPORT);
	if (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT))
		key = INADDR_ANY;
	n = __ipv4_neigh_lookup_noref(tbl, dev, (u32)key);
	if (unlikely(!n))
		n = __neigh_create(tbl, &key, dev);
	return n;
}

/* ---- receive ---- */

static bool arp_invalid_tip(struct in_device *in_dev, __be32 tip)
{
	u32 t = ntohl(tip);

	if (IN_MULTICAST(t))
		return true;
	return (t & 0xff000000U) == 0x7f000000U &&
	       !IN_DEV_ROUTE_LOCALNET(in_dev);
}

/*
 * arp_ignore - whether a request from @sip for our @tip goes unanswered:
 * 0 answers for any local address; 1 only for addresses on the incoming
 * device; 2 also needs @sip in the subnet of that address; 3 never for
 * scope host addresses; 8 never; 4-7 are reserved and answer.
 */
static int arp_ignore(struct in_device *in_dev, __be32 sip, __be32 tip)
{
	struct net *net = dev_net(in_dev->dev);
	int scope;

	switch (IN_DEV_ARP_IGNORE(in_dev)) {
	case 1:
		sip = 0;
		scope = RT_SCOPE_HOST;
		break;
	case 2:
		scope = RT_SCOPE_HOST;
		break;
	case 3:
		sip = 0;
		scope = RT_SCOPE_LINK;
		in_dev = NULL;
		break;
	case 8:
		return 1;
	default:
		return 0;
	}
	return !inet_confirm_addr(net, in_dev, sip, tip, scope);
}

/*
 * arp_filter - whether our reply to @sip would leave by another device
 * than @dev (or not at all): then this device does not answer.
 */
static int arp_filter(__be32 sip, __be32 tip, struct net_device *dev)
{
	struct flowi4 fl4 = { .daddr = sip, .saddr = tip };
	struct rtable *rt;
	int flag = 0;

	rt = ip_route_output_key(dev_net(dev), &fl4);
	if (IS_ERR(rt))
		return 1;
	if (rt->dst.dev != dev)
		flag = 1;
	ip_rt_put(rt);
	return flag;
}

/*
 * arp_fwd_proxy - proxy_arp: answer for a target routed out of another
 * device; medium_id -1 turns it off, and devices of one medium id (other
 * than 0) do not proxy for each other.
 */
static int arp_fwd_proxy(struct in_device *in_dev, struct net_device *dev,
			 struct rtable *rt)
{
	struct in_device *out_dev;
	int imi, omi = -1;

	if (rt->dst.dev == dev || !IN_DEV_PROXY_ARP(in_dev))
		return 0;
	imi = IN_DEV_MEDIUM_ID(in_dev);
	if (imi == 0)
		return 1;
	if (imi == -1)
		return 0;
	out_dev = __in_dev_get_rcu(rt->dst.dev);
	if (out_dev)
		omi = IN_DEV_MEDIUM_ID(out_dev);
	return omi != imi && omi != -1;
}

/*
 * arp_fwd_pvlan - proxy_arp_pvlan: answer for hosts of the same link
 * (a private VLAN keeps them apart), but not a host probing itself.
 */
static int arp_fwd_pvlan(struct in_device *in_dev, struct net_device *dev,
			 struct rtable *rt, __be32 sip, __be32 tip)
{
	if (rt->dst.dev != dev || sip == tip)
		return 0;
	return IN_DEV_PROXY_ARP_PVLAN(in_dev) ? 1 : 0;
}

/*
 * arp_accept - whether an unsolicited packet from @sip may create an
 * entry: 0 never, 1 always, 2 only if @sip is in a subnet of the device.
 */
static int arp_accept(struct in_device *in_dev, __be32 sip)
{
	switch (IN_DEV_ARP_ACCEPT(in_dev)) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return inet_confirm_addr(dev_net(in_dev->dev), in_dev, sip, 0,
					 RT_SCOPE_HOST) != 0;
	default:
		return 0;
	}
}

/*
 * arp_is_garp - a gratuitous ARP: sender and target addresses equal (and
 * for a reply the hardware addresses too), for a unicast address.
 */
static bool arp_is_garp(struct net *net, struct net_device *dev, int *addr_type,
			__be16 ar_op, __be32 sip, __be32 tip,
			const unsigned char *sha, const unsigned char *tha)
{
	bool is_garp = tip == sip;

	if (is_garp && ar_op == htons(ARPOP_REPLY))
		is_garp = !memcmp(tha, sha, dev->addr_len);
	if (is_garp) {
		*addr_type = (int)inet_addr_type_dev_table(net, dev, sip);
		if (*addr_type != RTN_UNICAST)
			is_garp = false;
	}
	return is_garp;
}

/*
 * arp_process - act on a checked ARP packet (RFC 826 "Packet Reception"):
 * answer requests for our addresses (and learn the asker as STALE), then
 * update an existing entry for the sender: REACHABLE from a unicast reply,
 * STALE otherwise; a different address only after locktime.  Consumes.
 */
static int __arp_process(struct sk_buff *skb, bool redo)
{
	struct net_device *dev = skb->dev;
	struct net *net = dev_net(dev);
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct neigh_table *tbl = net->ipv4.arp_tbl;
	struct arphdr *arp = arp_hdr(skb);
	unsigned char *sha, *tha, *p;
	struct neighbour *n;
	__be32 sip, tip;
	bool is_garp = false;
	int addr_type;

	if (!in_dev || !tbl)
		goto out_consume;
	if (dev->type == ARPHRD_ETHER) {
		if ((arp->ar_hrd != htons(ARPHRD_ETHER) &&
		     arp->ar_hrd != htons(ARPHRD_IEEE802)) ||
		    arp->ar_pro != htons(ETH_P_IP))
			goto out_invalid;
	} else if (arp->ar_pro != htons(ETH_P_IP) ||
		   htons(dev->type) != arp->ar_hrd) {
		goto out_invalid;
	}
	if (arp->ar_op != htons(ARPOP_REPLY) &&
	    arp->ar_op != htons(ARPOP_REQUEST))
		goto out_invalid;

	p = (unsigned char *)(arp + 1);
	sha = p;
	p += dev->addr_len;
	memcpy(&sip, p, 4);
	p += 4;
	tha = p;
	p += dev->addr_len;
	memcpy(&tip, p, 4);

	if (arp_invalid_tip(in_dev, tip))
		goto out_invalid;
	/* Where a proxy answers for everyone, a gratuitous ARP is an attack. */
	if (sip == tip && IN_DEV_ORCONF(in_dev, DROP_GRATUITOUS_ARP))
		goto out_consume;

	/* RFC 2131/5227 duplicate address detection: a probe from 0.0.0.0 */
	if (sip == 0) {
		if (arp->ar_op == htons(ARPOP_REQUEST) &&
		    inet_addr_type_dev_table(net, dev, tip) == RTN_LOCAL &&
		    !arp_ignore(in_dev, sip, tip))
			arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
				 dev->dev_addr, sha);
		goto out_consume;
	}

	if (arp->ar_op == htons(ARPOP_REQUEST) &&
	    ip_route_input_noref(skb, tip, sip, 0, dev) == 0) {
		struct rtable *rt = skb_rtable(skb);

		addr_type = rt ? rt->rt_type : RTN_UNSPEC;
		if (addr_type == RTN_LOCAL) {
			int dont_send = arp_ignore(in_dev, sip, tip);

			if (!dont_send && IN_DEV_ARPFILTER(in_dev))
				dont_send = arp_filter(sip, tip, dev);
			if (!dont_send) {
				n = neigh_event_ns(tbl, sha, &sip, dev);
				if (n)
					arp_send(ARPOP_REPLY, ETH_P_ARP, sip,
						 dev, tip, sha, dev->dev_addr,
						 sha);
			}
			goto out_consume;
		} else if (IN_DEV_FORWARD(in_dev) && addr_type == RTN_UNICAST &&
			   (arp_fwd_proxy(in_dev, dev, rt) ||
			    arp_fwd_pvlan(in_dev, dev, rt, sip, tip) ||
			    (rt->dst.dev != dev &&
			     pneigh_lookup(tbl, &tip, dev)))) {
			struct neigh_parms *parms =
				neigh_get_dev_parms(tbl, dev);

			neigh_event_ns(tbl, sha, &sip, dev);
			/*
			 * A broadcast request waits a random part of
			 * proxy_delay, so that the host itself, if it is
			 * there, answers first.
			 */
			if (redo || skb->pkt_type == PACKET_HOST ||
			    NEIGH_VAR(parms, PROXY_DELAY) == 0) {
				arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip,
					 sha, dev->dev_addr, sha);
			} else {
				skb_dst_drop(skb);
				pneigh_enqueue(tbl, parms, skb);
				return NET_RX_SUCCESS;
			}
			goto out_consume;
		}
	}

	/* Update our ARP tables: entries we have, new ones per arp_accept. */
	n = neigh_lookup(tbl, &sip, dev);
	addr_type = -1;
	if (n || arp_accept(in_dev, sip))
		is_garp = arp_is_garp(net, dev, &addr_type, arp->ar_op, sip,
				      tip, sha, tha);
	if (!n && arp_accept(in_dev, sip) &&
	    (is_garp ||
	     (arp->ar_op == htons(ARPOP_REPLY) &&
	      (addr_type == RTN_UNICAST ||
	       (addr_type < 0 &&
		inet_addr_type_dev_table(net, dev, sip) == RTN_UNICAST))))) {
		n = __neigh_create(tbl, &sip, dev);
		if (IS_ERR(n))
			n = NULL;
	}
	if (n) {
		u8 state = NUD_REACHABLE;
		bool override;

		/*
		 * Several replies back to back (proxies): the first wins
		 * for locktime, unless this is gratuitous.
		 */
		override = net_now() > n->updated + (u64)NEIGH_VAR(n->parms,
								   LOCKTIME) *
							    NSEC_PER_MSEC ||
			   is_garp;
		/* Broadcast replies and requests do not prove reachability. */
		if (arp->ar_op != htons(ARPOP_REPLY) ||
		    skb->pkt_type != PACKET_HOST)
			state = NUD_STALE;
		neigh_update(n, sha, state,
			     override ? NEIGH_UPDATE_F_OVERRIDE : 0, 0);
	}
out_consume:
	consume_skb(skb);
	return NET_RX_SUCCESS;

out_invalid:
	kfree_skb_reason(skb, SKB_DROP_REASON_ARP_INVALID);
	return NET_RX_DROP;
}

static int arp_process(struct sk_buff *skb)
{
	return __arp_process(skb, false);
}

/* parp_redo - a proxied request whose delay is over: answer it now */
static void parp_redo(struct sk_buff *skb)
{
	__arp_process(skb, true);
}

/**
 * arp_rcv - the ETH_P_ARP handler
 * @skb: data at the ARP header; consumed
 *
 * ARP on NOARP devices, and frames for other hosts or looped back, are
 * ignored.  Truncated packets and those whose address lengths do not fit
 * the device are counted (drop reasons PKT_TOO_SMALL, ARP_INVALID) and
 * dropped.
 */
static int arp_rcv(struct sk_buff *skb, struct net_device *dev,
		   struct packet_type *pt, struct net_device *orig_dev)
{
	const struct arphdr *arp;

	(void)pt;
	(void)orig_dev;
	if ((dev->flags & IFF_NOARP) || skb->pkt_type == PACKET_OTHERHOST ||
	    skb->pkt_type == PACKET_LOOPBACK) {
		consume_skb(skb);
		return NET_RX_SUCCESS;
	}
	if (!pskb_may_pull(skb, arp_hdr_len(dev))) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return NET_RX_DROP;
	}
	skb_reset_network_header(skb);
	arp = arp_hdr(skb);
	if (arp->ar_hln != dev->addr_len || arp->ar_pln != 4) {
		kfree_skb_reason(skb, SKB_DROP_REASON_ARP_INVALID);
		return NET_RX_DROP;
	}
	return arp_process(skb);
}

/* ---- device events ---- */

/* arp_ifdown - @dev went down: its entries go (fib calls this as well) */
void arp_ifdown(struct net_device *dev)
{
	struct neigh_table *tbl = dev_net(dev)->ipv4.arp_tbl;

	if (tbl)
		neigh_ifdown(tbl, dev);
}

static void arp_dev_parms_add(struct neigh_table *tbl, struct net_device *dev)
{
	struct neigh_parms *p = neigh_parms_alloc(dev, tbl);

	if (p)
		neigh_sysctl_register(dev, p);
}

static int arp_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = ptr;
	struct neigh_table *tbl = dev_net(dev)->ipv4.arp_tbl;
	struct neigh_parms *p;

	(void)nb;
	if (!tbl)
		return NOTIFY_DONE;
	p = neigh_get_dev_parms(tbl, dev);
	switch (event) {
	case NETDEV_REGISTER:
		if (p == &tbl->parms)
			arp_dev_parms_add(tbl, dev);
		break;
	case NETDEV_UNREGISTER:
		neigh_ifdown(tbl, dev);
		neigh_parms_release(tbl, p);
		break;
	case NETDEV_DOWN:
		neigh_ifdown(tbl, dev);
		break;
	case NETDEV_CHANGEADDR:
		neigh_changeaddr(tbl, dev);
		break;
	case NETDEV_CHANGE:
		/* arp on/off: entries made for the other mode go */
		if (dev->flags_changed & IFF_NOARP)
			neigh_changeaddr(tbl, dev);
		if (!netif_carrier_ok(dev)) {
			struct in_device *in_dev = __in_dev_get_rtnl(dev);

			/* arp_evict_nocarrier=0 keeps entries (Wi-Fi roaming) */
			if (!in_dev || IN_DEV_ARP_EVICT_NOCARRIER(in_dev))
				neigh_carrier_down(tbl, dev);
		}
		break;
	case NETDEV_CHANGENAME:
		if (p != &tbl->parms) {
			neigh_sysctl_unregister(p);
			neigh_sysctl_register(dev, p);
		}
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

/* ---- /proc/net/arp ---- */

static unsigned int arp_state_to_flags(const struct neighbour *n)
{
	if (n->nud_state & NUD_PERMANENT)
		return ATF_PERM | ATF_COM;
	if (n->nud_state & NUD_VALID)
		return ATF_COM;
	return 0;
}

static int arp_seq_show(struct seq_file *seq, void *v)
{
	struct neigh_table *tbl = seq_file_net(seq)->ipv4.arp_tbl;
	unsigned int i;

	(void)v;
	seq_puts(seq, "IP address       HW type     Flags       "
		      "HW address            Mask     Device\n");
	if (!tbl)
		return 0;
	for (i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n;

		for (n = tbl->hash[i]; n; n = n->next) {
			char hbuffer[3 * MAX_ADDR_LEN + 1], tbuf[16];
			int k = 0, j;

			if (n->nud_state & NUD_NOARP)
				continue;
			for (j = 0; j < n->dev->addr_len && k < 27; j++)
				k += snprintf(hbuffer + k, sizeof(hbuffer) - k,
					      "%02x:", n->ha[j]);
			if (k)
				k--;
			hbuffer[k] = '\0';
			inet_ntop(AF_INET, n->primary_key, tbuf, sizeof(tbuf));
			seq_printf(seq,
				   "%-16s 0x%-10x0x%-10x%-17s     %-8s %s\n",
				   tbuf, n->dev->type, arp_state_to_flags(n),
				   hbuffer, "*", n->dev->name);
		}
	}
	return 0;
}

/* ---- per namespace ---- */

static int arp_net_init(struct net *net)
{
	struct neigh_table *tbl = kzalloc(sizeof(*tbl), GFP_KERNEL);
	struct net_device *dev;
	int err;

	if (!tbl)
		return -ENOMEM;
	tbl->family = AF_INET;
	tbl->key_len = 4;
	tbl->id = "arp_cache";
	tbl->constructor = arp_constructor;
	tbl->solicit = arp_solicit;
	tbl->error_report = arp_error_report;
	tbl->proxy_redo = parp_redo;
	neigh_table_init(net, tbl);
	net->ipv4.arp_tbl = tbl;
	/* net.ipv4.neigh.default exists in the initial namespace only */
	if (net->st->init_net && net->st->init_net != net)
		err = 0;
	else
		err = neigh_sysctl_register(NULL, &tbl->parms);
	if (err) {
		neigh_table_clear(tbl);
		net->ipv4.arp_tbl = NULL;
		kfree(tbl);
		return err;
	}
	/* devices already there (none, unless registered before inet) */
	for_each_netdev(net, dev)
		arp_dev_parms_add(tbl, dev);
	return 0;
}

static void arp_net_exit(struct net *net)
{
	struct neigh_table *tbl = net->ipv4.arp_tbl;

	if (!tbl)
		return;
	neigh_table_clear(tbl);
	net->ipv4.arp_tbl = NULL;
	kfree(tbl);
}

static struct pernet_operations arp_net_ops = {
	.init = arp_net_init,
	.exit = arp_net_exit,
};

static struct packet_type arp_packet_type = {
	.type = 0, /* htons(ETH_P_ARP), set in arp_init */
	.func = arp_rcv,
};

static struct notifier_block arp_netdev_notifier = {
	.notifier_call = arp_netdev_event,
};

/**
 * arp_init - the ETH_P_ARP handler, a table per namespace, device events,
 *	rtnetlink for neighbours and /proc/net/arp (called by inet_init)
 * Return: 0 or -errno.
 */
int arp_init(struct tn_stack *st)
{
	int err;

	err = register_pernet_subsys(&arp_net_ops);
	if (err)
		return err;
	arp_packet_type.type = htons(ETH_P_ARP);
	dev_add_pack(&arp_packet_type);
	err = register_netdevice_notifier(&arp_netdev_notifier);
	if (err)
		return err;
	err = neigh_rtnl_init(st);
	if (err)
		return err;
	return proc_create_net_single("arp", 0444, arp_seq_show);
}
