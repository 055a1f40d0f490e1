// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 receive: the ETH_P_IP handler.  ip_rcv() checks the header the way
 * RFC 791 and RFC 1122 3.2.1 ask (version, header length, total length,
 * checksum), routes the packet and hands it to the route's input function:
 * ip_local_deliver() for us, ip_forward() for others, an error handler for
 * unreachable destinations.  ip_local_deliver() reassembles fragments and
 * gives the datagram to raw sockets and to the transport protocol.
 *
 * Linux counterpart: net/ipv4/ip_input.c.  Options (RFC 791 3.1) are
 * compiled by ip_options.c; source-routed packets are dropped unless the
 * device accepts source routes (net.ipv4.conf.*.accept_source_route).
 */
#include <linux/icmp.h>

#include <net/icmp.h>
#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/protocol.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/tcp.h>

#define INET_ECN_MASK 3

/**
 * ip_rcv_options - compile the options of a received header (RFC 791 3.1)
 * @skb: the packet, header pulled and checksummed, routed
 * @dev: the device it came in on
 *
 * ip_options_compile() checks them (a malformed one is answered with an
 * ICMP parameter problem pointing at it) and fills in this host's record
 * route and timestamp entries.  Source-routed packets are dropped unless
 * the device accepts source routes (conf.{all,DEV}.accept_source_route);
 * those addressed to us go on to their next hop.  As Linux's.
 * Return: 0 to go on, -EINVAL to drop (counted here when malformed).
 */
static int ip_rcv_options(struct sk_buff *skb, struct net_device *dev)
{
	struct ip_options *opt = &IPCB(skb)->opt;
	struct in_device *in_dev;

	/* the options are written to: the header must be ours */
	if (skb_cow(skb, skb_headroom(skb))) {
		__IP_INC_STATS(dev_net(dev), IPSTATS_MIB_INDISCARDS);
		return -EINVAL;
	}
	opt->optlen = (unsigned char)(ip_hdrlen(skb) - sizeof(struct iphdr));
	if (ip_options_compile(dev_net(dev), opt, skb)) {
		__IP_INC_STATS(dev_net(dev), IPSTATS_MIB_INHDRERRORS);
		return -EINVAL;
	}
	if (unlikely(opt->srr)) {
		in_dev = __in_dev_get_rcu(dev);
		if (in_dev && !IN_DEV_SOURCE_ROUTE(in_dev))
			return -EINVAL;
		if (ip_options_rcv_srr(skb, dev))
			return -EINVAL;
	}
	return 0;
}

/* Deliver to raw sockets and the transport; consumes @skb. */
static void ip_protocol_deliver(struct net *net, struct sk_buff *skb,
				int protocol)
{
	const struct net_protocol *ipprot;
	int raw;

	raw = raw_local_deliver(skb, protocol);
	ipprot = inet_stack(net->st)->inet_protos[protocol & 0xff];
	if (ipprot) {
		ipprot->handler(skb);
		__IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
		return;
	}
	if (!raw) {
		__IP_INC_STATS(net, IPSTATS_MIB_INUNKNOWNPROTOS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_NOPROTO);
		return;
	}
	__IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
	consume_skb(skb);
}

/**
 * ip_local_deliver - deliver a packet routed to this host
 * @skb: the packet, data at the IP header, skb_dst() a local route
 *
 * Fragments go to reassembly first; the whole datagram then goes to raw
 * sockets (a copy each) and to the transport handler registered for its
 * protocol.  No handler and no raw socket: ICMP protocol unreachable.
 * Context: softirq, stack lock held.  Consumes @skb.  Return: 0.
 */
int ip_local_deliver(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);

	if (ip_is_fragment(ip_hdr(skb))) {
		if (ip_defrag(net, skb, IP_DEFRAG_LOCAL_DELIVER))
			return 0;
	}
	skb_pull(skb, skb_network_header_len(skb));
	ip_protocol_deliver(net, skb, ip_hdr(skb)->protocol);
	return 0;
}

/* Route the packet and pass it to the route's input; consumes @skb. */
static int ip_rcv_finish(struct net *net, struct sk_buff *skb,
			 struct net_device *dev)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct rtable *rt;
	int err;

	/*
	 * Early demux: a segment of an established connection takes the
	 * route its sock keeps and skips the FIB (net.ipv4.ip_early_demux,
	 * then the protocol's own sysctl; UDP has none here yet).
	 */
	if (net->ipv4.sysctl_ip_early_demux && !skb_dst(skb) &&
	    !ip_is_fragment(iph) && iph->protocol == IPPROTO_TCP &&
	    net->ipv4.sysctl_tcp_early_demux) {
		tcp_v4_early_demux(skb);
		iph = ip_hdr(skb); /* the pull may have moved it */
	}

	if (!skb_dst(skb)) {
		err = ip_route_input_noref(skb, iph->daddr, iph->saddr,
					   iph->tos, dev);
		if (unlikely(err)) {
			if (err == -EXDEV) {
				__NET_INC_STATS(net, LINUX_MIB_IPRPFILTER);
				kfree_skb_reason(skb,
						 SKB_DROP_REASON_IP_RPFILTER);
			} else {
				kfree_skb_reason(skb,
						 SKB_DROP_REASON_IP_INNOROUTES);
			}
			return NET_RX_DROP;
		}
	}

	if (iph->ihl > 5 && ip_rcv_options(skb, dev)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_INHDR);
		return NET_RX_DROP;
	}

	rt = skb_rtable(skb);
	if (rt->rt_type == RTN_MULTICAST) {
		IP_UPD_PO_STATS(net, IPSTATS_MIB_INMCAST, skb->len);
	} else if (rt->rt_type == RTN_BROADCAST) {
		IP_UPD_PO_STATS(net, IPSTATS_MIB_INBCAST, skb->len);
	} else if (skb->pkt_type == PACKET_BROADCAST ||
		   skb->pkt_type == PACKET_MULTICAST) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);

		/* RFC 1122 3.3.6: unicast IP in a link-layer broadcast */
		if (in_dev &&
		    (IN_DEV_CONF_GET(in_dev, DROP_UNICAST_IN_L2_MULTICAST) ||
		     IPV4_DEVCONF_ALL(net, DROP_UNICAST_IN_L2_MULTICAST))) {
			kfree_skb_reason(
				skb, SKB_DROP_REASON_UNICAST_IN_L2_MULTICAST);
			return NET_RX_DROP;
		}
	}

	return dst_input(skb);
}

/**
 * ip_rcv - the ETH_P_IP packet handler
 * @skb: received packet, data at the IP header
 * @dev: the device it arrived on
 *
 * Checks as Linux's ip_rcv_core: packets for other hosts are dropped; the
 * header must be IPv4 with ihl >= 5, complete and correctly checksummed
 * (InHdrErrors, InCsumErrors); tot_len may not exceed what arrived
 * (InTruncatedPkts) and link padding past it is trimmed.  Then routes and
 * delivers or forwards.
 * Context: softirq, stack lock held.  Consumes @skb.
 * Return: NET_RX_SUCCESS or NET_RX_DROP.
 */
int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	   struct net_device *orig_dev)
{
	struct net *net = dev_net(dev);
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	const struct iphdr *iph;
	unsigned int len;

	(void)pt;
	(void)orig_dev;

	if (skb->pkt_type == PACKET_OTHERHOST) {
		kfree_skb_reason(skb, SKB_DROP_REASON_OTHERHOST);
		return NET_RX_DROP;
	}

	IP_UPD_PO_STATS(net, IPSTATS_MIB_IN, skb->len);
	skb_reset_network_header(skb);

	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto inhdr_error;
	iph = ip_hdr(skb);
	/*
	 * RFC 1122 3.2.1.1: silently discard a version other than 4.
	 * RFC 1122 3.2.1.2: discard a bad checksum.
	 */
	if (iph->ihl < 5 || iph->version != 4)
		goto inhdr_error;

	/* a GSO packet (GRO's) counts the segments it stands for */
	__IP_ADD_STATS(net, IPSTATS_MIB_NOECTPKTS + (iph->tos & INET_ECN_MASK),
		       skb_is_gso(skb) && skb_shinfo(skb)->gso_segs
			       ? skb_shinfo(skb)->gso_segs
			       : 1);

	if (!pskb_may_pull(skb, iph->ihl * 4U))
		goto inhdr_error;
	iph = ip_hdr(skb);
	if (unlikely(ip_fast_csum(iph, iph->ihl)))
		goto csum_error;

	len = ntohs(iph->tot_len);
	if (skb->len < len) {
		reason = SKB_DROP_REASON_PKT_TOO_SMALL;
		__IP_INC_STATS(net, IPSTATS_MIB_INTRUNCATEDPKTS);
		goto drop;
	} else if (len < iph->ihl * 4U) {
		goto inhdr_error;
	}
	/* Our transport may be bigger than the IP datagram: link padding. */
	skb_trim(skb, len);
	skb->transport_header = (u16)(skb->network_header + iph->ihl * 4U);

	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	IPCB(skb)->iif = skb->skb_iif;
	skb_orphan(skb);

	return ip_rcv_finish(net, skb, dev);

csum_error:
	reason = SKB_DROP_REASON_IP_CSUM;
	__IP_INC_STATS(net, IPSTATS_MIB_CSUMERRORS);
inhdr_error:
	if (reason == SKB_DROP_REASON_NOT_SPECIFIED)
		reason = SKB_DROP_REASON_IP_INHDR;
	__IP_INC_STATS(net, IPSTATS_MIB_INHDRERRORS);
drop:
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

static struct packet_type ip_packet_type = {
	.func = ip_rcv,
};

/**
 * ip_init - the IPv4 layer: routes, FIB, per-device state, reassembly,
 *	and the ETH_P_IP packet handler
 * @st: the stack being initialised (called by inet_init, af_inet.c)
 * Return: 0 or -errno.
 */
int ip_init(struct tn_stack *st)
{
	int err;

	err = ip_rt_init(st);
	if (err)
		return err;
	err = ip_fib_init(st);
	if (err)
		return err;
	err = devinet_init(st);
	if (err)
		return err;
	err = ipfrag_init(st);
	if (err)
		return err;
	ip_packet_type.type = htons(ETH_P_IP);
	dev_add_pack(&ip_packet_type);
	return 0;
}
