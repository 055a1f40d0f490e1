// SPDX-License-Identifier: BSD-2-Clause
/*
 * IP options (RFC 791 3.1, RFC 1812 5.2.4): parsing and validating the
 * options of a received header or of IP_OPTIONS (ip_options_compile),
 * writing them into an outgoing header (ip_options_build), turning a
 * received set into the set a reply carries (ip_options_echo), and what a
 * router does to them (ip_forward_options, ip_options_rcv_srr).
 *
 * Record route and timestamp are filled in as they pass: a received packet
 * gets the address it was received on (and the time) when it is compiled,
 * a forwarded one the address it leaves by, a sent one its source.  A
 * compiled set has its pointers already advanced past the slot this host
 * fills; ip_options_undo() takes that back for what a socket is shown.
 *
 * Linux counterpart: net/ipv4/ip_options.c.  Callers have CAP_NET_RAW in
 * tuxnet (no capabilities yet), so IP_OPTIONS accepts what Linux accepts
 * from root: security and unknown options pass; CIPSO is refused, as Linux
 * refuses it with no CIPSO DOI configured.
 */
#include <linux/icmp.h>

#include <net/icmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/route.h>
#include <net/timer.h>

#ifndef IPOPT_CIPSO
#define IPOPT_CIPSO (6 | IPOPT_CONTROL | IPOPT_COPY)
#endif

/* inet_current_timestamp - ms since midnight UTC, network order (RFC 791) */
static __be32 inet_current_timestamp(const struct net *net)
{
	u64 ns = ktime_get_real_ns(net->st);
	u64 secs = ns / 1000000000ULL;
	u32 msecs;

	msecs = (u32)(secs % 86400) * 1000U +
		(u32)(ns % 1000000000ULL) / 1000000U;
	return htonl(msecs);
}

/*
 * The address the option records for this host on a received packet: the
 * one it was sent to, or for a packet routed elsewhere our address toward
 * its source (Linux's fib_compute_spec_dst).
 */
static __be32 ip_spec_dst(const struct sk_buff *skb)
{
	const struct rtable *rt = skb_rtable(skb);

	if (rt && rt->rt_spec_dst)
		return rt->rt_spec_dst;
	if (rt && (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST |
				   RTCF_LOCAL)) == RTCF_LOCAL)
		return ip_hdr(skb)->daddr;
	if (rt && rt->rt_is_input && skb->dev)
		return inet_select_addr(skb->dev, ip_hdr(skb)->saddr,
					RT_SCOPE_UNIVERSE);
	return ip_hdr(skb)->daddr;
}

/**
 * ip_rt_get_source - the address this host records in an outgoing packet
 * @addr: where to write it (4 bytes, unaligned)
 * @skb: the packet, IP header set
 * @rt: its route: for a locally built packet its source; for a forwarded
 *	one the preferred source of the route out, as Linux's
 */
static void ip_rt_get_source(u8 *addr, struct sk_buff *skb, struct rtable *rt)
{
	const struct iphdr *iph = ip_hdr(skb);
	__be32 src;

	if (!rt->rt_is_input) {
		src = iph->saddr;
	} else {
		struct net *net = dev_net(rt->dst.dev);
		struct fib_result res;
		struct flowi4 fl4;

		memset(&fl4, 0, sizeof(fl4));
		fl4.daddr = iph->daddr;
		fl4.saddr = iph->saddr;
		fl4.flowi4_tos = iph->tos & 0x1E; /* IPTOS_TOS_MASK */
		fl4.flowi4_oif = rt->dst.dev->ifindex;
		fl4.flowi4_iif = skb->dev ? skb->dev->ifindex : 0;
		fl4.flowi4_mark = skb->mark;
		if (fib_lookup(net, &fl4, &res, 0) == 0)
			src = fib_result_prefsrc(net, &res);
		else
			src = inet_select_addr(rt->dst.dev,
					       rt_nexthop(rt, iph->daddr),
					       RT_SCOPE_UNIVERSE);
	}
	memcpy(addr, &src, 4);
}

/**
 * ip_options_build - write @opt into the header of @skb and fill in what
 *	this host records as the sender
 * @skb: the packet, IP header with room for opt->optlen option bytes
 * @opt: compiled options (from IP_OPTIONS, a cmsg or ip_options_echo)
 * @daddr: the final destination (the last hop of a source route)
 * @rt: the route out
 */
void ip_options_build(struct sk_buff *skb, const struct ip_options *opt,
		      __be32 daddr, struct rtable *rt)
{
	unsigned char *iph = skb_network_header(skb);
	struct ip_options *o = &IPCB(skb)->opt;

	memcpy(o, opt, sizeof(*o));
	memcpy(iph + sizeof(struct iphdr), opt->__data, opt->optlen);
	if (o->srr)
		memcpy(iph + o->srr + iph[o->srr + 1] - 4, &daddr, 4);
	if (o->rr_needaddr)
		ip_rt_get_source(iph + o->rr + iph[o->rr + 2] - 5, skb, rt);
	if (o->ts_needtime) {
		__be32 midtime = inet_current_timestamp(dev_net(rt->dst.dev));

		if (o->ts_needaddr)
			ip_rt_get_source(iph + o->ts + iph[o->ts + 2] - 9, skb,
					 rt);
		memcpy(iph + o->ts + iph[o->ts + 2] - 5, &midtime, 4);
	}
}

/**
 * ip_options_echo - the options a reply to @skb carries (RFC 1122 3.2.1.8)
 * @net: namespace
 * @dopt: filled in: a struct ip_options_data's opt
 * @skb: the received packet (IPCB(skb)->opt compiled)
 *
 * Record route and timestamp are copied with room for this host's entry
 * (written by ip_options_build); a source route is reversed.  Other
 * options are not returned.  Padded with EOL to a multiple of 4.
 * Return: 0, or -EINVAL when there is no room for this host's entry.
 */
/*
 * The echoed timestamp option (copied to @dptr, @optlen long, its pointer
 * @soffset): the pointer past the slots this host will fill, or -EINVAL
 * if they do not fit.
 */
static int ip_options_echo_ts(struct net *net, const struct ip_options *sopt,
			      struct ip_options *dopt,
			      const unsigned char *dptr, int optlen,
			      int soffset)
{
	if (sopt->ts_needaddr) {
		if (soffset + 3 > optlen)
			return -EINVAL;
		dopt->ts_needaddr = 1;
		soffset += 4;
	}
	if (!sopt->ts_needtime)
		return soffset;
	if (soffset + 3 > optlen)
		return -EINVAL;
	if ((dptr[3] & 0xF) != IPOPT_TS_PRESPEC) {
		dopt->ts_needtime = 1;
		soffset += 4;
	} else if (soffset + 7 <= optlen) {
		__be32 addr;

		/* stamped only if the address is ours */
		memcpy(&addr, dptr + soffset - 1, 4);
		if (inet_addr_type(net, addr) != RTN_UNICAST) {
			dopt->ts_needtime = 1;
			soffset += 8;
		}
	}
	return soffset;
}

int ip_options_echo(struct net *net, struct ip_options *dopt,
		    struct sk_buff *skb)
{
	const struct ip_options *sopt = &IPCB(skb)->opt;
	unsigned char *sptr, *dptr;
	int soffset, doffset, optlen;

	memset(dopt, 0, sizeof(*dopt));
	if (sopt->optlen == 0)
		return 0;
	/* offsets from a header that is not this one: nothing to echo */
	if (sopt->optlen + sizeof(struct iphdr) > ip_hdrlen(skb) ||
	    sopt->rr + 3U > ip_hdrlen(skb) || sopt->ts + 4U > ip_hdrlen(skb) ||
	    sopt->srr + 3U > ip_hdrlen(skb))
		return -EINVAL;

	sptr = skb_network_header(skb);
	dptr = dopt->__data;

	if (sopt->rr) {
		optlen = sptr[sopt->rr + 1];
		soffset = sptr[sopt->rr + 2];
		dopt->rr = (unsigned char)(dopt->optlen + sizeof(struct iphdr));
		memcpy(dptr, sptr + sopt->rr, (size_t)optlen);
		if (sopt->rr_needaddr && soffset <= optlen) {
			if (soffset + 3 > optlen)
				return -EINVAL;
			dptr[2] = (unsigned char)(soffset + 4);
			dopt->rr_needaddr = 1;
		}
		dptr += optlen;
		dopt->optlen = (unsigned char)(dopt->optlen + optlen);
	}
	if (sopt->ts) {
		optlen = sptr[sopt->ts + 1];
		soffset = sptr[sopt->ts + 2];
		dopt->ts = (unsigned char)(dopt->optlen + sizeof(struct iphdr));
		memcpy(dptr, sptr + sopt->ts, (size_t)optlen);
		if (soffset <= optlen) {
			soffset = ip_options_echo_ts(net, sopt, dopt, dptr,
						     optlen, soffset);
			if (soffset < 0)
				return -EINVAL;
			dptr[2] = (unsigned char)soffset;
		}
		dptr += optlen;
		dopt->optlen = (unsigned char)(dopt->optlen + optlen);
	}
	if (sopt->srr) {
		unsigned char *start = sptr + sopt->srr;
		__be32 faddr = 0;

		optlen = start[1];
		soffset = start[2];
		doffset = 0;
		if (soffset > optlen)
			soffset = optlen + 1;
		soffset -= 4;
		if (soffset > 3) {
			/* the hops so far, last first; the first is faddr */
			memcpy(&faddr, &start[soffset - 1], 4);
			for (soffset -= 4, doffset = 4; soffset > 3;
			     soffset -= 4, doffset += 4)
				memcpy(&dptr[doffset - 1], &start[soffset - 1],
				       4);
			/* RFC 1812 5.2.4.1: drop the sender from its own route */
			if (memcmp(&ip_hdr(skb)->saddr, &start[soffset + 3],
				   4) == 0)
				doffset -= 4;
		}
		if (doffset > 3) {
			dopt->faddr = faddr;
			dptr[0] = start[0];
			dptr[1] = (unsigned char)(doffset + 3);
			dptr[2] = 4;
			dptr += doffset + 3;
			dopt->srr = (unsigned char)(dopt->optlen +
						    sizeof(struct iphdr));
			dopt->optlen =
				(unsigned char)(dopt->optlen + doffset + 3);
			dopt->is_strictroute = sopt->is_strictroute;
		}
	}
	while (dopt->optlen & 3) {
		*dptr++ = IPOPT_END;
		dopt->optlen++;
	}
	return 0;
}

/**
 * ip_options_fragment - what later fragments carry: the options without
 *	the copied flag become NOOPs, and nothing is to be filled in any more
 * @skb: the first fragment, its header holding the options
 */
void ip_options_fragment(struct sk_buff *skb)
{
	unsigned char *optptr = skb_network_header(skb) + sizeof(struct iphdr);
	struct ip_options *opt = &IPCB(skb)->opt;
	int l = (int)ip_hdrlen(skb) - (int)sizeof(struct iphdr);
	int optlen;

	while (l > 0) {
		switch (*optptr) {
		case IPOPT_END:
			return;
		case IPOPT_NOOP:
			l--;
			optptr++;
			continue;
		}
		if (l < 2)
			return;
		optlen = optptr[1];
		if (optlen < 2 || optlen > l)
			return;
		if (!IPOPT_COPIED(*optptr))
			memset(optptr, IPOPT_NOOP, (size_t)optlen);
		l -= optlen;
		optptr += optlen;
	}
	opt->ts = 0;
	opt->rr = 0;
	opt->rr_needaddr = 0;
	opt->ts_needaddr = 0;
	opt->ts_needtime = 0;
}

/*
 * The timestamp option at @optptr (@optlen long): for a received, routed
 * packet (@rt) this host's stamp, and address, filled in; or the hop
 * counted in the overflow field when it is full.  *@spec_dst: this host's
 * address for the packet, looked up once.
 * Return: NULL, or the byte an ICMP parameter problem points at.
 */
static unsigned char *
ip_options_compile_ts(struct net *net, struct ip_options *opt,
		      struct sk_buff *skb, const struct rtable *rt,
		      unsigned char *optptr, int optlen, __be32 *spec_dst)
{
	if (opt->ts)
		return optptr;
	if (optlen < 4)
		return optptr + 1;
	if (optptr[2] < 5)
		return optptr + 2;
	if (optptr[2] <= optlen) {
		unsigned char *timeptr = NULL;

		if (optptr[2] + 3 > optlen)
			return optptr + 2;
		switch (optptr[3] & 0xF) {
		case IPOPT_TS_TSONLY:
			if (skb)
				timeptr = &optptr[optptr[2] - 1];
			opt->ts_needtime = 1;
			optptr[2] += 4;
			break;
		case IPOPT_TS_TSANDADDR:
			if (optptr[2] + 7 > optlen)
				return optptr + 2;
			if (rt) {
				if (*spec_dst == htonl(INADDR_ANY))
					*spec_dst = ip_spec_dst(skb);
				memcpy(&optptr[optptr[2] - 1], spec_dst, 4);
				timeptr = &optptr[optptr[2] + 3];
			}
			opt->ts_needaddr = 1;
			opt->ts_needtime = 1;
			optptr[2] += 8;
			break;
		case IPOPT_TS_PRESPEC:
			if (optptr[2] + 7 > optlen)
				return optptr + 2;
			{
				__be32 addr;

				/* only the named hosts stamp */
				memcpy(&addr, &optptr[optptr[2] - 1], 4);
				if (inet_addr_type(net, addr) == RTN_UNICAST)
					break;
				if (skb)
					timeptr = &optptr[optptr[2] + 3];
			}
			opt->ts_needtime = 1;
			optptr[2] += 8;
			break;
		default:
			/* unknown flags: root may send them */
			break;
		}
		if (timeptr) {
			__be32 midtime = inet_current_timestamp(net);

			memcpy(timeptr, &midtime, 4);
			opt->is_changed = 1;
		}
	} else if ((optptr[3] & 0xF) != IPOPT_TS_PRESPEC) {
		/* full: count the hop in the overflow field */
		unsigned int overflow = optptr[3] >> 4;

		if (overflow == 15)
			return optptr + 3;
		if (skb) {
			optptr[3] = (unsigned char)((optptr[3] & 0xF) |
						    ((overflow + 1) << 4));
			opt->is_changed = 1;
		}
	}
	return NULL;
}

/**
 * __ip_options_compile - parse and check options, filling in this host's
 *	record route and timestamp entries for a received packet
 * @net: namespace
 * @opt: in: optlen (and __data without @skb); out: the offsets and flags
 * @skb: a received packet (options in its header, routed), or NULL for
 *	options a socket gives (in opt->__data)
 * @info: out: the ICMP parameter problem pointer for a bad option
 *
 * Return: 0, or -EINVAL with *@info set.
 */
static int __ip_options_compile(struct net *net, struct ip_options *opt,
				struct sk_buff *skb, __be32 *info)
{
	struct rtable *rt = skb ? skb_rtable(skb) : NULL;
	unsigned char *pp_ptr = NULL;
	unsigned char *optptr, *iph;
	__be32 spec_dst = htonl(INADDR_ANY);
	int optlen, l;

	if (skb) {
		optptr = skb_network_header(skb) + sizeof(struct iphdr);
		iph = skb_network_header(skb);
	} else {
		optptr = opt->__data;
		iph = optptr - sizeof(struct iphdr);
	}

	for (l = opt->optlen; l > 0;) {
		switch (*optptr) {
		case IPOPT_END:
			/* everything after the end is padding: make it so */
			for (optptr++, l--; l > 0; optptr++, l--) {
				if (*optptr != IPOPT_END) {
					*optptr = IPOPT_END;
					opt->is_changed = 1;
				}
			}
			goto eol;
		case IPOPT_NOOP:
			l--;
			optptr++;
			continue;
		}
		if (unlikely(l < 2)) {
			pp_ptr = optptr;
			goto error;
		}
		optlen = optptr[1];
		if (optlen < 2 || optlen > l) {
			pp_ptr = optptr;
			goto error;
		}
		switch (*optptr) {
		case IPOPT_SSRR:
		case IPOPT_LSRR:
			if (optlen < 3) {
				pp_ptr = optptr + 1;
				goto error;
			}
			if (optptr[2] < 4) {
				pp_ptr = optptr + 2;
				goto error;
			}
			/* RFC 1812 5.2.4.1: one source route per packet */
			if (opt->srr) {
				pp_ptr = optptr;
				goto error;
			}
			if (!skb) {
				/* a socket's route: the first hop becomes the
				 * destination, the rest moves up */
				if (optptr[2] != 4 || optlen < 7 ||
				    ((optlen - 3) & 3)) {
					pp_ptr = optptr + 1;
					goto error;
				}
				memcpy(&opt->faddr, &optptr[3], 4);
				if (optlen > 7)
					memmove(&optptr[3], &optptr[7],
						(size_t)optlen - 7);
			}
			opt->is_strictroute = (optptr[0] == IPOPT_SSRR);
			opt->srr = (unsigned char)(optptr - iph);
			break;
		case IPOPT_RR:
			if (opt->rr) {
				pp_ptr = optptr;
				goto error;
			}
			if (optlen < 3) {
				pp_ptr = optptr + 1;
				goto error;
			}
			if (optptr[2] < 4) {
				pp_ptr = optptr + 2;
				goto error;
			}
			if (optptr[2] <= optlen) {
				if (optptr[2] + 3 > optlen) {
					pp_ptr = optptr + 2;
					goto error;
				}
				if (rt) {
					if (spec_dst == htonl(INADDR_ANY))
						spec_dst = ip_spec_dst(skb);
					memcpy(&optptr[optptr[2] - 1],
					       &spec_dst, 4);
					opt->is_changed = 1;
				}
				optptr[2] += 4;
				opt->rr_needaddr = 1;
			}
			opt->rr = (unsigned char)(optptr - iph);
			break;
		case IPOPT_TIMESTAMP:
			pp_ptr = ip_options_compile_ts(
				net, opt, skb, rt, optptr, optlen, &spec_dst);
			if (pp_ptr)
				goto error;
			opt->ts = (unsigned char)(optptr - iph);
			break;
		case IPOPT_RA:
			if (optlen < 4) {
				pp_ptr = optptr + 1;
				goto error;
			}
			if (optptr[2] == 0 && optptr[3] == 0)
				opt->router_alert =
					(unsigned char)(optptr - iph);
			break;
		case IPOPT_CIPSO:
			/* no CIPSO DOI is ever configured: the DOI is bad */
			if (opt->cipso) {
				pp_ptr = optptr;
				goto error;
			}
			opt->cipso = (unsigned char)(optptr - iph);
			pp_ptr = optlen >= 6 ? optptr + 2 : optptr + 1;
			goto error;
		case IPOPT_SEC:
		case IPOPT_SID:
		default:
			/* passed on untouched (CAP_NET_RAW for a socket) */
			break;
		}
		l -= optlen;
		optptr += optlen;
	}

eol:
	if (!pp_ptr)
		return 0;

error:
	if (info)
		*info = htonl((u32)(pp_ptr - iph) << 24);
	return -EINVAL;
}

/**
 * ip_options_compile - __ip_options_compile, answering a received packet's
 *	bad option with an ICMP parameter problem pointing at it
 * Return: 0 or -EINVAL.
 */
int ip_options_compile(struct net *net, struct ip_options *opt,
		       struct sk_buff *skb)
{
	__be32 info = 0;
	int ret;

	ret = __ip_options_compile(net, opt, skb, &info);
	if (ret != 0 && skb)
		icmp_send(skb, ICMP_PARAMETERPROB, 0, info);
	return ret;
}

/**
 * ip_options_undo - take back what compiling did to a set, for showing it
 *	to a socket (getsockopt IP_OPTIONS, IP_RETOPTS)
 * @opt: compiled options with their bytes in __data
 */
void ip_options_undo(struct ip_options *opt)
{
	unsigned char *optptr;

	if (opt->srr) {
		optptr = opt->__data + opt->srr - sizeof(struct iphdr);
		memmove(optptr + 7, optptr + 3, (size_t)optptr[1] - 7);
		memcpy(optptr + 3, &opt->faddr, 4);
	}
	if (opt->rr_needaddr) {
		optptr = opt->__data + opt->rr - sizeof(struct iphdr);
		optptr[2] -= 4;
		memset(&optptr[optptr[2] - 1], 0, 4);
	}
	if (opt->ts) {
		optptr = opt->__data + opt->ts - sizeof(struct iphdr);
		if (opt->ts_needtime) {
			optptr[2] -= 4;
			memset(&optptr[optptr[2] - 1], 0, 4);
			if ((optptr[3] & 0xF) == IPOPT_TS_PRESPEC)
				optptr[2] -= 4;
		}
		if (opt->ts_needaddr) {
			optptr[2] -= 4;
			memset(&optptr[optptr[2] - 1], 0, 4);
		}
	}
}

/**
 * ip_options_get - IP_OPTIONS: compile @optlen bytes a socket gave
 * @net: namespace
 * @buf: filled in on success
 * @data: the bytes; @optlen: how many (at most MAX_IPOPTLEN)
 *
 * Padded with EOL to a multiple of 4, as Linux.
 * Return: 0, -EINVAL for a bad option, -EFAULT.
 */
int ip_options_get(struct net *net, struct ip_options_data *buf,
		   const void *data, unsigned int optlen)
{
	if (optlen > MAX_IPOPTLEN)
		return -EINVAL;
	memset(buf, 0, sizeof(*buf));
	if (optlen) {
		if (!data)
			return -EFAULT;
		memcpy(buf->data, data, optlen);
	}
	while (optlen & 3)
		buf->data[optlen++] = IPOPT_END;
	buf->opt.optlen = (unsigned char)optlen;
	if (optlen && __ip_options_compile(net, &buf->opt, NULL, NULL))
		return -EINVAL;
	return 0;
}

/**
 * ip_options_sendmsg - the options one send carries, and its first hop
 * @sk: the sending socket
 * @ipc: per-send options: ipc->opt set by an IP_RETOPTS cmsg, else the
 *	socket's IP_OPTIONS are copied in; ipc->final_daddr is set
 * @daddr: the destination the caller gave
 * @faddr: out: where to route to (the first hop of a source route)
 * @onlink: out: true for a strict source route (RT_SCOPE_LINK lookup)
 * Return: 0, or -EINVAL for a source route without a destination.
 */
int ip_options_sendmsg(struct sock *sk, struct ipcm_cookie *ipc, __be32 daddr,
		       __be32 *faddr, bool *onlink)
{
	const struct ip_options *inet_opt = inet_sk(sk)->inet_opt;

	/* an empty set counts: a raw IP_HDRINCL send then fails, as Linux */
	if (!ipc->opt && inet_opt) {
		memcpy(&ipc->opt_buf, inet_opt,
		       sizeof(struct ip_options) + inet_opt->optlen);
		ipc->opt = &ipc->opt_buf.opt;
	}
	ipc->final_daddr = daddr;
	*faddr = daddr;
	*onlink = false;
	if (ipc->opt && ipc->opt->srr) {
		if (!daddr)
			return -EINVAL;
		*faddr = ipc->opt->faddr;
	}
	if (ipc->opt && ipc->opt->is_strictroute)
		*onlink = true;
	return 0;
}

/**
 * ip_forward_options - what a router writes into a packet it forwards:
 *	its outgoing address into record route, and the next hop of a
 *	source route it is a hop of (Linux's, RFC 791 3.1)
 * @skb: the packet, header writable, skb_dst() the route out
 */
void ip_forward_options(struct sk_buff *skb)
{
	struct ip_options *opt = &IPCB(skb)->opt;
	struct rtable *rt = skb_rtable(skb);
	unsigned char *raw = skb_network_header(skb);
	unsigned char *optptr;

	if (opt->rr_needaddr) {
		optptr = raw + opt->rr;
		ip_rt_get_source(&optptr[optptr[2] - 5], skb, rt);
		opt->is_changed = 1;
	}
	if (opt->srr_is_hit) {
		int srrptr, srrspace;

		optptr = raw + opt->srr;
		for (srrptr = optptr[2], srrspace = optptr[1];
		     srrptr <= srrspace; srrptr += 4) {
			if (srrptr + 3 > srrspace)
				break;
			if (memcmp(&opt->nexthop, &optptr[srrptr - 1], 4) == 0)
				break;
		}
		if (srrptr + 3 <= srrspace) {
			opt->is_changed = 1;
			ip_hdr(skb)->daddr = opt->nexthop;
			ip_rt_get_source(&optptr[srrptr - 1], skb, rt);
			optptr[2] = (unsigned char)(srrptr + 4);
		}
		if (opt->ts_needaddr) {
			optptr = raw + opt->ts;
			ip_rt_get_source(&optptr[optptr[2] - 9], skb, rt);
			opt->is_changed = 1;
		}
	}
	if (opt->is_changed) {
		opt->is_changed = 0;
		ip_send_check(ip_hdr(skb));
	}
}

/**
 * ip_options_rcv_srr - a source-routed packet addressed to us: route it on
 *	to the next listed hop (hops that are ours are passed at once)
 * @skb: the packet, routed, IPCB(skb)->opt compiled with srr
 * @dev: the device it came in on
 * Return: 0 to go on (delivered or forwarded), -EINVAL to drop.
 */
int ip_options_rcv_srr(struct sk_buff *skb, struct net_device *dev)
{
	struct ip_options *opt = &IPCB(skb)->opt;
	struct iphdr *iph = ip_hdr(skb);
	unsigned char *optptr = skb_network_header(skb) + opt->srr;
	struct rtable *rt = skb_rtable(skb);
	int srrspace, srrptr;
	__be32 nexthop = 0;

	if (!rt)
		return 0;
	if (skb->pkt_type != PACKET_HOST)
		return -EINVAL;
	if (rt->rt_type == RTN_UNICAST) {
		/* not addressed to us: a strict route was left */
		if (!opt->is_strictroute)
			return 0;
		icmp_send(skb, ICMP_PARAMETERPROB, 0, htonl(16 << 24));
		return -EINVAL;
	}
	if (rt->rt_type != RTN_LOCAL)
		return -EINVAL;

	for (srrptr = optptr[2], srrspace = optptr[1]; srrptr <= srrspace;
	     srrptr += 4) {
		struct dst_entry *old;
		struct rtable *rt2;
		int err;

		if (srrptr + 3 > srrspace) {
			icmp_send(skb, ICMP_PARAMETERPROB, 0,
				  htonl((u32)(opt->srr + 2) << 24));
			return -EINVAL;
		}
		memcpy(&nexthop, &optptr[srrptr - 1], 4);

		old = skb->dst;
		skb->dst = NULL;
		err = ip_route_input_noref(skb, nexthop, iph->saddr, iph->tos,
					   dev);
		rt2 = skb_rtable(skb);
		if (err || !rt2 ||
		    (rt2->rt_type != RTN_UNICAST &&
		     rt2->rt_type != RTN_LOCAL)) {
			skb_dst_drop(skb);
			skb->dst = old;
			return -EINVAL;
		}
		dst_release(old);
		if (rt2->rt_type != RTN_LOCAL)
			break;
		/* a hop that is ours: on to the next at once */
		iph->daddr = nexthop;
		opt->is_changed = 1;
	}
	if (srrptr <= srrspace) {
		opt->srr_is_hit = 1;
		opt->nexthop = nexthop;
		opt->is_changed = 1;
	}
	return 0;
}
