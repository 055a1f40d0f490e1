// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 forwarding: dst->input of routes through this host (RFC 1812 5.2,
 * 5.3).  Packets not addressed to us at the link layer are refused; the TTL
 * is checked (ICMP time exceeded when it runs out) and decremented with an
 * incremental checksum update (RFC 1624); a DF packet larger than the
 * outgoing MTU gets ICMP fragmentation needed with that MTU (RFC 1191); a
 * packet leaving by the interface it came in on, towards a next hop on the
 * sender's own link, triggers an ICMP redirect (RFC 1122 3.2.2.2,
 * net.ipv4.conf.*.send_redirects), rate limited per source with Linux's
 * exponential back-off.
 *
 * Linux counterpart: net/ipv4/ip_forward.c (and ip_rt_send_redirect in
 * net/ipv4/route.c).
 */
#include <linux/icmp.h>

#include <net/icmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/snmp.h>

/* Linux's ip_rt_redirect_number / _load / _silence (HZ = 1000: ms) */
#define IP_RT_REDIRECT_NUMBER  9
#define IP_RT_REDIRECT_LOAD_MS (1000 / 50)
#define IP_RT_REDIRECT_SILENCE_MS \
	(IP_RT_REDIRECT_LOAD_MS << (IP_RT_REDIRECT_NUMBER + 1))

/* Would the packet have to be fragmented although DF forbids it? */
static bool ip_exceeds_mtu(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu)
		return false;
	if (!(ip_hdr(skb)->frag_off & htons(IP_DF)))
		return false;
	/* original fragment sizes of a reassembled packet, if larger */
	if (IPCB(skb)->frag_max_size && IPCB(skb)->frag_max_size > mtu)
		return true;
	if (skb->ignore_df)
		return false;
	/* a GSO packet (merged by GRO) is cut to segments that fit */
	if (skb_is_gso(skb) && skb_gso_validate_network_len(skb, mtu))
		return false;
	return true;
}

static unsigned int ip_forward_mtu(const struct rtable *rt)
{
	const struct dst_entry *dst = &rt->dst;
	struct net *net = dev_net(dst->dev);
	unsigned int mtu;

	if (net->ipv4.sysctl_ip_fwd_use_pmtu || rt->rt_mtu_locked)
		return dst_mtu(dst);
	mtu = dst_metric_raw(dst, RTAX_MTU);
	return mtu ? mtu : dst->dev->mtu;
}

/* ip_decrease_ttl - TTL - 1, checksum updated incrementally (RFC 1624) */
static void ip_decrease_ttl(struct iphdr *iph)
{
	u32 check = iph->check;

	check += htons(0x0100);
	iph->check = (__sum16)(check + (check >= 0xFFFF));
	iph->ttl--;
}

/*
 * Should this packet trigger a redirect?  As Linux's __mkroute_input: it
 * leaves by the device it came in on, the device sends redirects, and the
 * sender shares a subnet with the next hop (or the medium is shared).
 */
static bool ip_forward_wants_redirect(const struct sk_buff *skb,
				      const struct rtable *rt)
{
	struct net *net = dev_net(rt->dst.dev);
	struct in_device *in_dev;
	const struct in_ifaddr *ifa;
	__be32 saddr = ip_hdr(skb)->saddr;
	__be32 gw = rt_nexthop(rt, ip_hdr(skb)->daddr);

	if (IPCB(skb)->flags & IPSKB_DOREDIRECT ||
	    rt->rt_flags & RTCF_DOREDIRECT)
		return true;
	if (!skb->dev || skb->dev != rt->dst.dev)
		return false;
	in_dev = __in_dev_get_rcu(rt->dst.dev);
	if (!in_dev)
		return false;
	if (!IN_DEV_CONF_GET(in_dev, SEND_REDIRECTS) &&
	    !IPV4_DEVCONF_ALL(net, SEND_REDIRECTS))
		return false;
	if (IN_DEV_CONF_GET(in_dev, SHARED_MEDIA) ||
	    IPV4_DEVCONF_ALL(net, SHARED_MEDIA))
		return true;
	in_dev_for_each_ifa(ifa, in_dev) {
		if (inet_ifa_match(saddr, ifa) && inet_ifa_match(gw, ifa))
			return true;
	}
	return false;
}

/* ip_forward_send_redirect - ICMP redirect, host code, with back-off */
static void ip_forward_send_redirect(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net *net = dev_net(rt->dst.dev);
	__be32 gw = rt_nexthop(rt, ip_hdr(skb)->daddr);
	struct inet_peer *peer;
	u64 now = net_now() / NSEC_PER_MSEC;

	peer = inet_getpeer_v4(net, ip_hdr(skb)->saddr, true);
	if (!peer) {
		icmp_send(skb, ICMP_REDIRECT, ICMP_REDIR_HOST, gw);
		return;
	}
	/* silence long enough: start over */
	if (now > peer->redirect_last + IP_RT_REDIRECT_SILENCE_MS) {
		peer->redirect_tokens = 0;
		peer->n_redirects = 0;
	}
	/* ignored too often: stay silent, measuring from this packet */
	if (peer->n_redirects >= IP_RT_REDIRECT_NUMBER) {
		peer->redirect_last = now;
		return;
	}
	if (peer->n_redirects == 0 ||
	    now > peer->redirect_last + ((u64)IP_RT_REDIRECT_LOAD_MS
					 << peer->n_redirects)) {
		icmp_send(skb, ICMP_REDIRECT, ICMP_REDIR_HOST, gw);
		peer->redirect_last = now;
		peer->n_redirects++;
	}
}

/**
 * ip_forward - dst->input of a route through this host
 * @skb: received packet, data at the IP header, skb_dst() the route out
 *
 * Drops what may not be forwarded (not PACKET_HOST at the link layer),
 * answers TTL expiry (InHdrErrors + ICMP time exceeded) and DF packets too
 * big for the next link (FragFails + ICMP frag needed), decrements the TTL,
 * sends a redirect when due, counts OutForwDatagrams and sends the packet
 * on with dst_output().
 * Context: softirq, stack lock held.  Consumes @skb.  Return: 0 or -errno.
 */
int ip_forward(struct sk_buff *skb)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct rtable *rt = skb_rtable(skb);
	struct net *net = dev_net(skb->dev ? skb->dev : rt->dst.dev);
	unsigned int mtu;
	struct iphdr *iph;

	if (skb->pkt_type != PACKET_HOST) {
		reason = SKB_DROP_REASON_OTHERHOST;
		goto drop;
	}
	if (unlikely(skb->sk))
		goto drop;

	if (ip_hdr(skb)->ttl <= 1)
		goto too_many_hops;

	if (IPCB(skb)->opt.is_strictroute && rt->rt_uses_gateway) {
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_SR_FAILED, 0);
		goto drop;
	}

	IPCB(skb)->flags |= IPSKB_FORWARDED;
	mtu = ip_forward_mtu(rt);
	if (ip_exceeds_mtu(skb, mtu)) {
		IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		reason = SKB_DROP_REASON_PKT_TOO_BIG;
		goto drop;
	}

	/* We are about to mangle the packet: own the header, room for L2. */
	if (skb_cow(skb, LL_RESERVED_SPACE(rt->dst.dev)))
		goto drop;
	iph = ip_hdr(skb);
	ip_decrease_ttl(iph);

	if (!IPCB(skb)->opt.srr && ip_forward_wants_redirect(skb, rt))
		ip_forward_send_redirect(skb);

	/* OutOctets is counted as it leaves (ip_finish_output2) */
	__IP_INC_STATS(net, IPSTATS_MIB_OUTFORWDATAGRAMS);
	/* record route and source route entries of this hop */
	if (unlikely(IPCB(skb)->opt.optlen))
		ip_forward_options(skb);
	skb->tstamp = 0;
	return dst_output(net, NULL, skb);

too_many_hops:
	/* Tell the sender its packet died (RFC 792, RFC 1812 5.3.1). */
	__IP_INC_STATS(net, IPSTATS_MIB_INHDRERRORS);
	icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
	reason = SKB_DROP_REASON_IP_TTL_EXPIRED;
drop:
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}
