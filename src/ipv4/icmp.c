// SPDX-License-Identifier: BSD-2-Clause
/*
 * ICMP (RFC 792, RFC 1122 3.2.2): receiving messages - echo and timestamp
 * requests answered, echo replies to ping sockets, errors to the transport
 * and raw sockets whose packet they quote - and sending errors about
 * received or local packets (icmp_send), under RFC 1122's rules of when
 * not to, and Linux's rate limits: a token bucket per namespace
 * (icmp_msgs_per_sec / icmp_msgs_burst) and one per destination host
 * (icmp_ratelimit) for the types in icmp_ratemask.
 *
 * Replies and errors are built directly as skbs and sent with
 * ip_route_output_key() + ip_local_out(); Linux uses a per-CPU kernel
 * socket for the same job, tuxnet needs none.
 *
 * Linux counterpart: net/ipv4/icmp.c, and the rate limit of
 * net/ipv4/inetpeer.c.
 */
#include <linux/icmp.h>
#include <netinet/in.h>

#include <net/icmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/ip_fib.h>
#include <net/ping.h>
#include <net/protocol.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/sysctl.h>

#define INADDR_DUMMY_BE	   htonl(0xc0000008) /* 192.0.0.8, RFC 7600 */
#define ICMP_ERR_ROOM	   576 /* RFC 1812 4.3.2.3 */
#define XRLIM_BURST_FACTOR 6
#define INET_PEER_SLOTS	   256

/* The per-namespace peer table: fixed size, LRU recycling. */
struct inet_peer_base {
	struct inet_peer slots[INET_PEER_SLOTS];
};

/**
 * icmp_err_convert - errno and fatality for each ICMP_DEST_UNREACH code,
 *	as Linux's (a fatal error aborts a TCP connection attempt)
 */
const struct icmp_err icmp_err_convert[] = {
	{ .errno_ = ENETUNREACH, .fatal = 0 }, /* ICMP_NET_UNREACH */
	{ .errno_ = EHOSTUNREACH, .fatal = 0 }, /* ICMP_HOST_UNREACH */
	{ .errno_ = ENOPROTOOPT, .fatal = 1 }, /* ICMP_PROT_UNREACH */
	{ .errno_ = ECONNREFUSED, .fatal = 1 }, /* ICMP_PORT_UNREACH */
	{ .errno_ = EMSGSIZE, .fatal = 0 }, /* ICMP_FRAG_NEEDED */
	{ .errno_ = EOPNOTSUPP, .fatal = 0 }, /* ICMP_SR_FAILED */
	{ .errno_ = ENETUNREACH, .fatal = 1 }, /* ICMP_NET_UNKNOWN */
	{ .errno_ = EHOSTDOWN, .fatal = 1 }, /* ICMP_HOST_UNKNOWN */
	{ .errno_ = ENONET, .fatal = 1 }, /* ICMP_HOST_ISOLATED */
	{ .errno_ = ENETUNREACH, .fatal = 1 }, /* ICMP_NET_ANO */
	{ .errno_ = EHOSTUNREACH, .fatal = 1 }, /* ICMP_HOST_ANO */
	{ .errno_ = ENETUNREACH, .fatal = 0 }, /* ICMP_NET_UNR_TOS */
	{ .errno_ = EHOSTUNREACH, .fatal = 0 }, /* ICMP_HOST_UNR_TOS */
	{ .errno_ = EHOSTUNREACH, .fatal = 1 }, /* ICMP_PKT_FILTERED */
	{ .errno_ = EHOSTUNREACH, .fatal = 1 }, /* ICMP_PREC_VIOLATION */
	{ .errno_ = EHOSTUNREACH, .fatal = 1 }, /* ICMP_PREC_CUTOFF */
};

static u64 icmp_now_ms(void)
{
	return net_now() / NSEC_PER_MSEC;
}

/* ---- per-host state and rate limits ---- */

struct inet_peer *inet_getpeer_v4(struct net *net, __be32 daddr, bool create)
{
	struct inet_peer_base *base = net->ipv4.peers;
	struct inet_peer *p, *victim = NULL;
	u64 now = icmp_now_ms();
	unsigned int i, h;

	if (!base || !daddr)
		return NULL;
	/* open addressing from a hashed start; the whole table at worst */
	h = (ntohl(daddr) * 2654435761U) % INET_PEER_SLOTS;
	for (i = 0; i < INET_PEER_SLOTS; i++) {
		p = &base->slots[(h + i) % INET_PEER_SLOTS];
		if (p->daddr == daddr) {
			p->last_used = now;
			return p;
		}
		if (!victim || !p->daddr ||
		    (victim->daddr && p->last_used < victim->last_used))
			victim = p;
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof(*victim));
	victim->daddr = daddr;
	victim->last_used = now;
	/* As Linux: a new peer starts with a full bucket (60 s ago). */
	victim->rate_last = now - min_t(u64, now, 60000);
	victim->rate_tokens = 0;
	victim->redirect_last = victim->rate_last;
	return victim;
}

bool inet_peer_xrlim_allow(struct inet_peer *peer, int timeout_ms)
{
	u64 now = icmp_now_ms(), token;
	bool rc = false;

	if (!peer)
		return true;
	token = peer->rate_tokens + (now - peer->rate_last);
	peer->rate_last = now;
	if (token > (u64)XRLIM_BURST_FACTOR * (u64)timeout_ms)
		token = (u64)XRLIM_BURST_FACTOR * (u64)timeout_ms;
	if (token >= (u64)timeout_ms) {
		token -= (u64)timeout_ms;
		rc = true;
	}
	peer->rate_tokens = token;
	return rc;
}

/* Types outside icmp_ratemask, and PMTU discovery, are never limited. */
static bool icmpv4_mask_allow(struct net *net, int type, int code)
{
	if (type > NR_ICMP_TYPES)
		return true;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		return true;
	return !((1 << type) & net->ipv4.sysctl_icmp_ratemask);
}

/*
 * icmp_global_allow - the namespace's token bucket: icmp_msgs_per_sec
 * refill, at most icmp_msgs_burst, refilled no more often than every 20 ms,
 * and, as Linux, a random 0-2 tokens spent per message.
 */
static bool icmp_global_allow(struct net *net)
{
	u64 now = icmp_now_ms(), delta;
	u32 credit, incr = 0;
	bool rc = false;

	delta = min_t(u64, now - net->ipv4.icmp_global_stamp, 1000);
	if (delta >= 1000 / 50) {
		incr = (u32)((u64)net->ipv4.sysctl_icmp_msgs_per_sec * delta /
			     1000);
		if (incr)
			net->ipv4.icmp_global_stamp = now;
	}
	credit = min_t(u32, net->ipv4.icmp_global_credit + incr,
		       (u32)net->ipv4.sysctl_icmp_msgs_burst);
	if (credit) {
		u32 spend = get_random_u32() % 3;

		credit = credit > spend ? credit - spend : 0;
		rc = true;
	}
	net->ipv4.icmp_global_credit = credit;
	return rc;
}

static bool icmpv4_global_allow(struct net *net, int type, int code)
{
	if (icmpv4_mask_allow(net, type, code))
		return true;
	if (icmp_global_allow(net))
		return true;
	__ICMP_INC_STATS(net, ICMP_MIB_RATELIMITGLOBAL);
	return false;
}

/* Per destination host; never on loopback. */
static bool icmpv4_xrlim_allow(struct net *net, struct rtable *rt, __be32 daddr,
			       int type, int code)
{
	struct inet_peer *peer;
	bool rc = true;

	if (icmpv4_mask_allow(net, type, code))
		return true;
	if (rt->dst.dev && (rt->dst.dev->flags & IFF_LOOPBACK))
		return true;
	peer = inet_getpeer_v4(net, daddr, true);
	rc = inet_peer_xrlim_allow(peer, net->ipv4.sysctl_icmp_ratelimit);
	if (!rc)
		__ICMP_INC_STATS(net, ICMP_MIB_RATELIMITHOST);
	return rc;
}

/**
 * icmp_out_count - count an ICMP message sent: OutMsgs and its type
 * @net: namespace
 * @type: the ICMP type
 */
void icmp_out_count(struct net *net, unsigned char type)
{
	ICMPMSGOUT_INC_STATS(net, type);
	ICMP_INC_STATS(net, ICMP_MIB_OUTMSGS);
}

/* ---- building and sending ---- */

/*
 * icmp_push_reply - build IP + @head (@head_len bytes: the ICMP header and
 * any fixed part) + @data_len bytes at @data, checksum it and send it on
 * @rt (whose reference is consumed).
 */
static void icmp_push_reply(struct net *net, struct flowi4 *fl4,
			    struct rtable *rt, u8 tos,
			    const struct ip_options *opt, __be32 final_daddr,
			    const void *head, unsigned int head_len,
			    const void *data, unsigned int data_len)
{
	unsigned int hh_len = LL_RESERVED_SPACE(rt->dst.dev);
	unsigned int hlen = sizeof(struct iphdr) + opt->optlen;
	unsigned int len = hlen + head_len + data_len;
	struct icmphdr *icmph;
	struct sk_buff *skb;
	struct iphdr *iph;

	skb = alloc_skb(hh_len + len, GFP_ATOMIC);
	if (!skb) {
		__ICMP_INC_STATS(net, ICMP_MIB_OUTERRORS);
		ip_rt_put(rt);
		return;
	}
	skb_reserve(skb, (int)hh_len);
	skb_put(skb, len);
	skb_reset_network_header(skb);
	skb->transport_header = (u16)(skb->network_header + hlen);
	skb_dst_set(skb, &rt->dst);
	skb->mark = fl4->flowi4_mark;
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));

	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = (u8)(hlen / 4);
	iph->tos = tos;
	iph->frag_off = 0; /* IP_PMTUDISC_DONT, as Linux's ICMP socket */
	iph->ttl = (u8)ip4_dst_hoplimit(&rt->dst);
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	if (opt->optlen)
		ip_options_build(skb, opt, final_daddr, rt);
	ip_select_ident(net, skb, NULL);

	icmph = icmp_hdr(skb);
	memcpy(icmph, head, head_len);
	if (data_len)
		memcpy((u8 *)icmph + head_len, data, data_len);
	icmph->checksum = 0;
	icmph->checksum =
		csum_fold(csum_partial(icmph, (int)(head_len + data_len), 0));

	/* counted by the flow's type, as Linux's __ip_make_skb counts what
	 * its raw ICMP socket sends: icmp_reply leaves it 0, so timestamp
	 * and PROBE replies count as echo replies (OutType0, OutEchoReps) */
	icmp_out_count(net, fl4->fl4_icmp_type);
	ip_local_out(net, NULL, skb);
}

static bool ipv4_is_bad_source(__be32 addr)
{
	u32 a = ntohl(addr);

	return a == 0 || a == 0xffffffffU || (a & 0xf0000000U) == 0xe0000000U;
}

/**
 * icmp_send - send an ICMP error about a packet to its source
 * @skb_in: the offending packet (network header set, skb_dst() its route);
 *	not consumed
 * @type: ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB ...
 * @code: the type's code
 * @info: un.gateway of the message: the MTU for frag-needed (network
 *	order, low 16 bits), the pointer << 24 for parameter problem
 *
 * Nothing is sent (RFC 1122 3.2.2) about a packet that was a link-layer or
 * IP broadcast or multicast, a fragment other than the first, an ICMP
 * error, or whose source is not one host.  Rate limited as Linux.  The
 * source address is the one the packet was sent to when it was ours, else
 * chosen by the route back (or the inbound device's address with
 * icmp_errors_use_inbound_ifaddr).  The message quotes as much of the
 * packet as fits in 576 bytes (RFC 1812 4.3.2.3).
 */
void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	struct rtable *rt = skb_rtable(skb_in);
	struct ip_options_data replyopts;
	const struct iphdr *iph;
	struct icmphdr icmph;
	struct flowi4 fl4;
	struct net *net;
	unsigned char *nh;
	__be32 saddr;
	unsigned int room, data_len;
	u8 tos;

	if (!rt || !rt->dst.dev)
		return;
	net = dev_net(rt->dst.dev);

	/* the header must be in the buffer */
	nh = skb_network_header(skb_in);
	if (nh < skb_in->head || nh + sizeof(struct iphdr) > skb_in->tail)
		return;
	iph = (const struct iphdr *)(void *)nh;
	if (iph->ihl < 5 || nh + (size_t)iph->ihl * 4 > skb_in->tail)
		return;

	/* No replies to physical multicast/broadcast, nor IP ones */
	if (skb_in->pkt_type != PACKET_HOST)
		return;
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		return;
	/* Only about fragment 0 */
	if (iph->frag_off & htons(IP_OFFSET))
		return;
	/* The source must name one host (RFC 1122 3.2.2) */
	if (ipv4_is_bad_source(iph->saddr))
		return;
	/* Never an error about an error (RFC 1122 3.2.2.1) */
	if (icmp_is_err(type) && iph->protocol == IPPROTO_ICMP) {
		const u8 *itp = nh + (size_t)iph->ihl * 4;

		if (itp + 1 > skb_in->tail)
			return;
		if (*itp > NR_ICMP_TYPES || icmp_is_err(*itp))
			return;
	}

	if (!(skb_in->dev && (skb_in->dev->flags & IFF_LOOPBACK)) &&
	    !icmpv4_global_allow(net, type, code))
		return;

	saddr = iph->daddr;
	if (!(rt->rt_flags & RTCF_LOCAL)) {
		struct net_device *dev = NULL;

		if (rt->rt_is_input &&
		    net->ipv4.sysctl_icmp_errors_use_inbound_ifaddr)
			dev = __dev_get_by_index(
				net, IPCB(skb_in)->iif ? IPCB(skb_in)->iif
						       : skb_in->skb_iif);
		saddr = dev ? inet_select_addr(dev, iph->saddr, RT_SCOPE_LINK)
			    : 0;
	}

	tos = icmp_is_err(type) ? (u8)((iph->tos & IPTOS_TOS_MASK) |
				       IPTOS_PREC_INTERNETCONTROL)
				: iph->tos;

	/* the error carries the options a reply would (RFC 1122 3.2.2) */
	if (ip_options_echo(net, &replyopts.opt, skb_in))
		return;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = replyopts.opt.srr ? replyopts.opt.faddr : iph->saddr;
	fl4.saddr = saddr;
	fl4.flowi4_tos = tos & IPTOS_TOS_MASK;
	fl4.flowi4_proto = IPPROTO_ICMP;
	fl4.fl4_icmp_type = (u8)type;
	fl4.fl4_icmp_code = (u8)code;
	fl4.flowi4_mark = IP4_REPLY_MARK(net, skb_in->mark);
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;

	if (!icmpv4_xrlim_allow(net, rt, fl4.daddr, type, code))
		goto ende;

	room = dst_mtu(&rt->dst);
	if (room > ICMP_ERR_ROOM)
		room = ICMP_ERR_ROOM;
	if (room <= sizeof(struct iphdr) + sizeof(struct icmphdr) +
			    sizeof(struct iphdr))
		goto ende;
	room -= sizeof(struct iphdr) + replyopts.opt.optlen +
		sizeof(struct icmphdr);

	data_len = (unsigned int)(skb_in->tail - nh);
	if (data_len > room)
		data_len = room;

	if (!fl4.saddr)
		fl4.saddr = INADDR_DUMMY_BE;

	memset(&icmph, 0, sizeof(icmph));
	icmph.type = (u8)type;
	icmph.code = (u8)code;
	icmph.un.gateway = info;
	icmp_push_reply(net, &fl4, rt, tos, &replyopts.opt, iph->saddr, &icmph,
			sizeof(icmph), nh, data_len);
	return;
ende:
	ip_rt_put(rt);
}

/*
 * The address a reply to @skb comes from (Linux: fib_compute_spec_dst):
 * the destination if it was one of ours; for a broadcast or multicast,
 * the source the route back to the sender prefers, else one of the
 * receiving device's addresses.
 */
static __be32 icmp_reply_saddr(const struct sk_buff *skb)
{
	const struct rtable *rt = skb_rtable(skb);
	const struct iphdr *iph = ip_hdr(skb);
	int scope = RT_SCOPE_UNIVERSE;

	if ((rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST | RTCF_LOCAL)) ==
	    RTCF_LOCAL)
		return iph->daddr;
	if (!skb->dev)
		return 0;
	if (!ipv4_is_zeronet(iph->saddr)) {
		struct fib_result res;
		struct flowi4 fl4;

		memset(&fl4, 0, sizeof(fl4));
		fl4.flowi4_iif = LOOPBACK_IFINDEX;
		fl4.daddr = iph->saddr;
		fl4.flowi4_tos = iph->tos & IPTOS_TOS_MASK;
		fl4.flowi4_scope = RT_SCOPE_UNIVERSE;
		if (!fib_lookup(dev_net(skb->dev), &fl4, &res, 0) && res.fi)
			return fib_result_prefsrc(dev_net(skb->dev), &res);
	} else {
		scope = RT_SCOPE_LINK;
	}
	return inet_select_addr(skb->dev, iph->saddr, scope);
}

/* icmp_reply - answer a request: @head then @data_len bytes of @data */
static void icmp_reply(struct sk_buff *skb, const void *head,
		       unsigned int head_len, const void *data,
		       unsigned int data_len)
{
	const struct icmphdr *icmph = head;
	struct rtable *rt = skb_rtable(skb);
	struct net *net = dev_net(rt->dst.dev);
	const struct iphdr *iph = ip_hdr(skb);
	struct ip_options_data replyopts;
	struct flowi4 fl4;

	/* record route and timestamp come back with this host's entries */
	if (ip_options_echo(net, &replyopts.opt, skb))
		return;
	if (!icmpv4_global_allow(net, icmph->type, icmph->code))
		return;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = replyopts.opt.srr ? replyopts.opt.faddr : iph->saddr;
	fl4.saddr = icmp_reply_saddr(skb);
	fl4.flowi4_tos = iph->tos & IPTOS_TOS_MASK;
	fl4.flowi4_proto = IPPROTO_ICMP;
	fl4.flowi4_mark = IP4_REPLY_MARK(net, skb->mark);
	rt = ip_route_output_key(net, &fl4); /* no ICMP type in the flow */
	if (IS_ERR(rt))
		return;
	if (!icmpv4_xrlim_allow(net, rt, fl4.daddr, icmph->type, icmph->code)) {
		ip_rt_put(rt);
		return;
	}
	icmp_push_reply(net, &fl4, rt, iph->tos, &replyopts.opt, iph->saddr,
			head, head_len, data, data_len);
}

/* ---- receiving ---- */

/*
 * icmp_socket_deliver - hand an error to raw sockets and the transport of
 * the quoted packet.  skb->data is at the quoted IP header.
 */
static void icmp_socket_deliver(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	struct net *net = dev_net(skb_dst(skb)->dev);
	const struct net_protocol *ipprot;
	int protocol = iph->protocol;

	/* the whole quoted IP header and 8 bytes of its transport header */
	if (!pskb_may_pull(skb, iph->ihl * 4U + 8)) {
		__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return;
	}
	raw_icmp_error(skb, protocol, info);
	ipprot = inet_stack(net->st)->inet_protos[protocol];
	if (ipprot && ipprot->err_handler)
		ipprot->err_handler(skb, info);
}

/* Destination unreachable, source quench, time exceeded, parameter problem */
static enum skb_drop_reason icmp_unreach(struct sk_buff *skb)
{
	struct net *net = dev_net(skb_dst(skb)->dev);
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph;
	u32 info = 0;

	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto out_err;
	iph = (const struct iphdr *)(void *)skb->data;
	if (iph->ihl < 5)
		goto out_err;

	switch (icmph->type) {
	case ICMP_DEST_UNREACH:
		if ((icmph->code & 15) == ICMP_FRAG_NEEDED) {
			switch (net->ipv4.sysctl_ip_no_pmtu_disc) {
			case 2:
				return SKB_NOT_DROPPED_YET;
			case 0:
				info = ntohs(icmph->un.frag.mtu);
				break;
			default:
				break;
			}
		}
		if (icmph->code > NR_ICMP_UNREACH)
			return SKB_NOT_DROPPED_YET;
		break;
	case ICMP_PARAMETERPROB:
		info = ntohl(icmph->un.gateway) >> 24;
		break;
	case ICMP_TIME_EXCEEDED:
		__ICMP_INC_STATS(net, ICMP_MIB_INTIMEEXCDS);
		if (icmph->code == ICMP_EXC_FRAGTIME)
			return SKB_NOT_DROPPED_YET;
		break;
	}

	/*
	 * RFC 1122 3.2.2: an error about a packet we sent to a broadcast
	 * address is bogus (some routers answer broadcasts).
	 */
	if (!net->ipv4.sysctl_icmp_ignore_bogus_error_responses &&
	    inet_addr_type_dev_table(net, skb->dev, iph->daddr) ==
		    RTN_BROADCAST)
		return SKB_NOT_DROPPED_YET;

	/* RFC 1191: the path MTU is learned by the error handler of the
	 * quoted packet's protocol, for its socket (udp_err, tcp_v4_err,
	 * raw_err, ping_err; icmp_err for our echo replies), as Linux: an
	 * error about a flow no socket owns teaches nothing */
	icmp_socket_deliver(skb, info);
	return SKB_NOT_DROPPED_YET;

out_err:
	__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
	return SKB_DROP_REASON_ICMP_INVALID;
}

static enum skb_drop_reason icmp_redirect(struct sk_buff *skb)
{
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		return SKB_DROP_REASON_PKT_TOO_SMALL;
	icmp_socket_deliver(skb, ntohl(icmp_hdr(skb)->un.gateway));
	return SKB_NOT_DROPPED_YET;
}

/**
 * icmp_build_probe - answer an RFC 8335 extended echo (PROBE) in @icmph
 * @skb: the request, skb->data past its ICMP header
 * @icmph: the reply's header, a copy of the request's
 *
 * Only interfaces of this node (the L-bit set), named by name, ifindex
 * or an IPv4 address; the reply's sequence keeps the request's upper
 * byte and takes the Active and IPv4 state bits (never IPv6: tuxnet has
 * none, as a Linux with IPv6 off or not built, whose AFI 2 queries are
 * malformed ones).  The rest of the request is echoed as it came.
 * As Linux's icmp_build_probe.
 * Return: false when no reply goes (probes off, or the L-bit clear).
 */
static bool icmp_build_probe(struct sk_buff *skb, struct icmphdr *icmph)
{
	struct net *net = dev_net(skb->dev);
	struct icmp_ext_echo_iio iio;
	struct net_device *dev = NULL;
	struct in_device *in_dev;
	char buff[IFNAMSIZ];
	u16 ident_len;
	u8 status = 0;

	if (!net->ipv4.sysctl_icmp_echo_enable_probe)
		return false;
	if (!(ntohs(icmph->un.echo.sequence) & 1))
		return false;
	icmph->un.echo.sequence &= htons(0xFF00);
	icmph->type = ICMP_EXT_ECHOREPLY;
	/* the extension header, then the object's header and identifier */
	if (skb->len < sizeof(struct icmp_ext_hdr) + sizeof(iio.extobj_hdr))
		goto send_mal_query;
	memcpy(&iio, skb->data + sizeof(struct icmp_ext_hdr),
	       sizeof(iio.extobj_hdr));
	if (ntohs(iio.extobj_hdr.length) <= sizeof(iio.extobj_hdr) ||
	    ntohs(iio.extobj_hdr.length) > sizeof(iio))
		goto send_mal_query;
	ident_len =
		(u16)(ntohs(iio.extobj_hdr.length) - sizeof(iio.extobj_hdr));
	if (skb->len <
	    sizeof(struct icmp_ext_hdr) + sizeof(iio.extobj_hdr) + ident_len)
		goto send_mal_query;
	memcpy(&iio, skb->data + sizeof(struct icmp_ext_hdr),
	       sizeof(iio.extobj_hdr) + ident_len);

	switch (iio.extobj_hdr.class_type) {
	case ICMP_EXT_ECHO_CTYPE_NAME:
		if (ident_len >= IFNAMSIZ)
			goto send_mal_query;
		memset(buff, 0, sizeof(buff));
		memcpy(buff, iio.ident.name, ident_len);
		dev = __dev_get_by_name(net, buff);
		break;
	case ICMP_EXT_ECHO_CTYPE_INDEX:
		if (ident_len != sizeof(iio.ident.ifindex))
			goto send_mal_query;
		dev = __dev_get_by_index(net, (int)ntohl(iio.ident.ifindex));
		break;
	case ICMP_EXT_ECHO_CTYPE_ADDR:
		if (ident_len < sizeof(iio.ident.addr.ctype3_hdr) ||
		    ident_len != sizeof(iio.ident.addr.ctype3_hdr) +
					 iio.ident.addr.ctype3_hdr.addrlen)
			goto send_mal_query;
		if (ntohs(iio.ident.addr.ctype3_hdr.afi) != ICMP_AFI_IP ||
		    iio.ident.addr.ctype3_hdr.addrlen != sizeof(struct in_addr))
			goto send_mal_query;
		dev = __ip_dev_find(net, iio.ident.addr.ip_addr.ipv4_addr);
		break;
	default:
		goto send_mal_query;
	}
	if (!dev) {
		icmph->code = ICMP_EXT_CODE_NO_IF;
		return true;
	}
	if (dev->flags & IFF_UP)
		status |= ICMP_EXT_ECHOREPLY_ACTIVE;
	in_dev = __in_dev_get_rtnl(dev);
	if (in_dev && in_dev->ifa_list)
		status |= ICMP_EXT_ECHOREPLY_IPV4;
	icmph->un.echo.sequence |= htons(status);
	return true;
send_mal_query:
	icmph->code = ICMP_EXT_CODE_MAL_QUERY;
	return true;
}

/*
 * icmp_echo - answer an echo request (RFC 1122 3.2.2.6: with its data)
 * or, with icmp_echo_enable_probe, an extended one (RFC 8335).
 */
static enum skb_drop_reason icmp_echo(struct sk_buff *skb)
{
	struct net *net = dev_net(skb_dst(skb)->dev);
	struct icmphdr icmph;

	if (net->ipv4.sysctl_icmp_echo_ignore_all)
		return SKB_NOT_DROPPED_YET;
	icmph = *icmp_hdr(skb);
	if (icmph.type == ICMP_ECHO)
		icmph.type = ICMP_ECHOREPLY;
	else if (!icmp_build_probe(skb, &icmph))
		return SKB_NOT_DROPPED_YET;
	icmp_reply(skb, &icmph, sizeof(icmph), skb->data, skb->len);
	return SKB_NOT_DROPPED_YET;
}

/* Milliseconds since midnight UT, network order (RFC 792 timestamp). */
static __be32 inet_current_timestamp(void)
{
	u64 ms = ktime_get_real_ns(current_stack()) / NSEC_PER_MSEC;

	return htonl((u32)(ms % (24ULL * 60 * 60 * 1000)));
}

static enum skb_drop_reason icmp_timestamp(struct sk_buff *skb)
{
	struct {
		struct icmphdr h;
		__be32 times[3];
	} __packed msg;

	if (skb->len < 4) {
		__ICMP_INC_STATS(dev_net(skb_dst(skb)->dev), ICMP_MIB_INERRORS);
		return SKB_DROP_REASON_PKT_TOO_SMALL;
	}
	msg.h = *icmp_hdr(skb);
	msg.h.type = ICMP_TIMESTAMPREPLY;
	msg.h.code = 0;
	memcpy(&msg.times[0], skb->data, 4);
	msg.times[1] = inet_current_timestamp();
	msg.times[2] = msg.times[1];
	icmp_reply(skb, &msg, sizeof(msg), NULL, 0);
	return SKB_NOT_DROPPED_YET;
}

static enum skb_drop_reason icmp_echoreply(struct sk_buff *skb)
{
	(void)skb;
	return SKB_NOT_DROPPED_YET; /* handled in icmp_rcv: ping_rcv */
}

static enum skb_drop_reason icmp_discard(struct sk_buff *skb)
{
	(void)skb;
	return SKB_NOT_DROPPED_YET;
}

/* What each type 0..NR_ICMP_TYPES does on receive (Linux: icmp_pointers) */
static enum skb_drop_reason (*const icmp_handlers[NR_ICMP_TYPES + 1])(
	struct sk_buff *) = {
	[ICMP_ECHOREPLY] = icmp_echoreply,
	[1] = icmp_discard,
	[2] = icmp_discard,
	[ICMP_DEST_UNREACH] = icmp_unreach,
	[ICMP_SOURCE_QUENCH] = icmp_unreach,
	[ICMP_REDIRECT] = icmp_redirect,
	[6] = icmp_discard,
	[7] = icmp_discard,
	[ICMP_ECHO] = icmp_echo,
	[9] = icmp_discard,
	[10] = icmp_discard,
	[ICMP_TIME_EXCEEDED] = icmp_unreach,
	[ICMP_PARAMETERPROB] = icmp_unreach,
	[ICMP_TIMESTAMP] = icmp_timestamp,
	[ICMP_TIMESTAMPREPLY] = icmp_discard,
	[ICMP_INFO_REQUEST] = icmp_discard,
	[ICMP_INFO_REPLY] = icmp_discard,
	[ICMP_ADDRESS] = icmp_discard,
	[ICMP_ADDRESSREPLY] = icmp_discard,
};

/**
 * icmp_rcv - IPPROTO_ICMP's handler
 * @skb: an ICMP message for this host, skb->data at the ICMP header
 *
 * Counts InMsgs and the type; a bad checksum is InCsumErrors + InErrors,
 * a short message InErrors.  Echo requests are answered (unless
 * icmp_echo_ignore_all, or sent to a broadcast/multicast address with
 * icmp_echo_ignore_broadcasts), echo replies go to ping sockets, errors to
 * the transport whose packet they quote; unknown types are discarded.
 * Context: softirq, stack lock held.  Consumes @skb.  Return: 0.
 */
int icmp_rcv(struct sk_buff *skb)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct rtable *rt = skb_rtable(skb);
	struct net *net = dev_net(rt->dst.dev);
	struct icmphdr *icmph;

	__ICMP_INC_STATS(net, ICMP_MIB_INMSGS);

	/* the handlers below read the message (and its quote) from the head */
	if (unlikely(skb_linearize(skb)))
		goto error;
	if (skb->ip_summed != CHECKSUM_UNNECESSARY &&
	    csum_fold(csum_partial(skb->data, (int)skb->len, 0)))
		goto csum_error;

	skb_reset_transport_header(skb);
	if (!skb_pull(skb, sizeof(*icmph)))
		goto error;
	icmph = icmp_hdr(skb);

	ICMPMSGIN_INC_STATS(net, icmph->type);

	if (icmph->type == ICMP_EXT_ECHO) {
		/* RFC 8335 probes: type 42 is past icmp_handlers[], and (as
		 * Linux's) looked at before the broadcast checks */
		reason = icmp_echo(skb);
		goto reply;
	}
	if (icmph->type == ICMP_ECHOREPLY ||
	    icmph->type == ICMP_EXT_ECHOREPLY) {
		ping_rcv(skb);
		return 0;
	}

	/* RFC 1122 3.2.2: unknown types MUST be silently discarded */
	if (icmph->type > NR_ICMP_TYPES) {
		reason = SKB_DROP_REASON_UNHANDLED_PROTO;
		goto error;
	}

	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST)) {
		/*
		 * RFC 1122 3.2.2.6: echo to broadcast MAY be ignored;
		 * 3.2.2.8: so may timestamp.  Errors never are answered.
		 */
		if ((icmph->type == ICMP_ECHO ||
		     icmph->type == ICMP_TIMESTAMP) &&
		    net->ipv4.sysctl_icmp_echo_ignore_broadcasts) {
			reason = SKB_DROP_REASON_ICMP_INVALID;
			goto error;
		}
		if (icmph->type != ICMP_ECHO && icmph->type != ICMP_TIMESTAMP &&
		    icmph->type != ICMP_ADDRESS &&
		    icmph->type != ICMP_ADDRESSREPLY) {
			reason = SKB_DROP_REASON_ICMP_INVALID;
			goto error;
		}
	}

	reason = icmp_handlers[icmph->type](skb);
reply:
	if (reason == SKB_NOT_DROPPED_YET) {
		consume_skb(skb);
		return 0;
	}
	kfree_skb_reason(skb, reason);
	return 0;

csum_error:
	reason = SKB_DROP_REASON_ICMP_CSUM;
	__ICMP_INC_STATS(net, ICMP_MIB_CSUMERRORS);
error:
	__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
	kfree_skb_reason(skb, reason);
	return 0;
}

/**
 * icmp_err - err_handler of IPPROTO_ICMP: an ICMP error quoting an ICMP
 *	message we sent
 * @skb: the error, skb->data at the quoted IP header (header + 8 bytes
 *	present); not consumed
 * @info: the MTU for frag-needed
 *
 * Errors about echo requests (ping sockets) go to ping_err(); those about
 * the replies we sent only teach the path MTU.
 * Return: 0.
 */
int icmp_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)(void *)skb->data;
	const struct icmphdr *quoted =
		(const struct icmphdr *)(void *)(skb->data +
						 (size_t)iph->ihl * 4);

	if (quoted->type != ICMP_ECHOREPLY) {
		ping_err(skb, info);
		return 0;
	}
	/* a reply the stack sent itself: the path learns, without a socket */
	if (icmp_hdr(skb)->type == ICMP_DEST_UNREACH &&
	    icmp_hdr(skb)->code == ICMP_FRAG_NEEDED)
		ipv4_update_pmtu(skb, dev_net(skb->dev), info, 0, IPPROTO_ICMP);
	return 0;
}

const struct net_protocol icmp_protocol = {
	.handler = icmp_rcv,
	.err_handler = icmp_err,
	.no_policy = 1,
};

/* ---- per-namespace setup and sysctls ---- */

static const struct ctl_table ipv4_icmp_table_template[] = {
	{ .procname = "icmp_echo_ignore_all",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_echo_ignore_broadcasts",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_ignore_bogus_error_responses",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_errors_use_inbound_ifaddr",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_ratelimit",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_ms_jiffies },
	{ .procname = "icmp_ratemask",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "icmp_msgs_per_sec",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "icmp_msgs_burst",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "icmp_echo_enable_probe",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{},
};

static int icmp_net_init(struct net *net)
{
	struct ctl_table *table;

	net->ipv4.sysctl_icmp_echo_ignore_all = 0;
	net->ipv4.sysctl_icmp_echo_enable_probe = 0; /* RFC 8335 8: off */
	net->ipv4.sysctl_icmp_echo_ignore_broadcasts = 1;
	net->ipv4.sysctl_icmp_ignore_bogus_error_responses = 1;
	net->ipv4.sysctl_icmp_ratelimit = 1000; /* ms: 1 s */
	net->ipv4.sysctl_icmp_ratemask = 0x1818; /* 3, 4, 11, 12 */
	net->ipv4.sysctl_icmp_msgs_per_sec = 1000;
	net->ipv4.sysctl_icmp_msgs_burst = 50;
	net->ipv4.sysctl_icmp_errors_use_inbound_ifaddr = 0;
	net->ipv4.icmp_global_credit = 50;
	net->ipv4.icmp_global_stamp = icmp_now_ms();

	net->ipv4.peers = kzalloc(sizeof(struct inet_peer_base), GFP_KERNEL);
	if (!net->ipv4.peers)
		return -ENOMEM;

	table = kmemdup(ipv4_icmp_table_template,
			sizeof(ipv4_icmp_table_template), GFP_KERNEL);
	if (!table)
		goto err_free_peers;
	table[0].data = &net->ipv4.sysctl_icmp_echo_ignore_all;
	table[1].data = &net->ipv4.sysctl_icmp_echo_ignore_broadcasts;
	table[2].data = &net->ipv4.sysctl_icmp_ignore_bogus_error_responses;
	table[3].data = &net->ipv4.sysctl_icmp_errors_use_inbound_ifaddr;
	table[4].data = &net->ipv4.sysctl_icmp_ratelimit;
	table[5].data = &net->ipv4.sysctl_icmp_ratemask;
	table[6].data = &net->ipv4.sysctl_icmp_msgs_per_sec;
	table[7].data = &net->ipv4.sysctl_icmp_msgs_burst;
	table[8].data = &net->ipv4.sysctl_icmp_echo_enable_probe;
	net->ipv4.icmp_sysctl_hdr = register_net_sysctl(net, "net/ipv4", table);
	if (!net->ipv4.icmp_sysctl_hdr)
		goto err_free_table;
	net->ipv4.icmp_sysctl_hdr->free_table = true;
	return 0;

err_free_table:
	kfree(table);
err_free_peers:
	kfree(net->ipv4.peers);
	net->ipv4.peers = NULL;
	return -ENOMEM;
}

static void icmp_net_exit(struct net *net)
{
	if (net->ipv4.icmp_sysctl_hdr)
		unregister_net_sysctl_table(net->ipv4.icmp_sysctl_hdr);
	net->ipv4.icmp_sysctl_hdr = NULL;
	kfree(net->ipv4.peers);
	net->ipv4.peers = NULL;
}

static struct pernet_operations icmp_net_ops = {
	.init = icmp_net_init,
	.exit = icmp_net_exit,
};

/**
 * icmp_init - per-namespace ICMP state and sysctls
 * @st: the stack being initialised
 *
 * Called by inet_init(), which also registers icmp_protocol.
 * Return: 0 or -errno.
 */
int icmp_init(struct tn_stack *st)
{
	(void)st;
	return register_pernet_subsys(&icmp_net_ops);
}
