// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP segmentation offload (UDP_SEGMENT): cutting a GSO datagram into
 * datagrams of gso_size payload bytes, each with its own UDP length and
 * checksum.  And UDP's part of GRO: merging datagrams of one flow into one
 * such GSO datagram, for a socket that asked for them (UDP_GRO) or a
 * device that forwards them (rx-udp-gro-forwarding, rx-gro-list).
 * Linux: net/ipv4/udp_offload.c.
 */
#include <netinet/in.h>

#include <net/gro.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/protocol.h>
#include <net/udp.h>

#define CSUM_MANGLED_0 ((__sum16)0xffff)

/**
 * __udp_gso_segment - cut a SKB_GSO_UDP_L4 packet
 * @gso_skb: data at the UDP header, network and MAC headers in front of
 *	it; not consumed
 * @features: for skb_segment()
 *
 * A segment left to the device's checksum (CHECKSUM_PARTIAL) gets the
 * pseudo-header sum of its own length; one already verified on receive
 * (CHECKSUM_UNNECESSARY) needs none; otherwise the checksum is computed.
 * Return: the segments, or ERR_PTR(-EINVAL) when there is nothing to cut.
 */
struct sk_buff *__udp_gso_segment(struct sk_buff *gso_skb,
				  unsigned long long features)
{
	unsigned int mss = skb_shinfo(gso_skb)->gso_size;
	struct sk_buff *segs, *seg;

	if (!(skb_shinfo(gso_skb)->gso_type & SKB_GSO_UDP_L4))
		return ERR_PTR(-EINVAL);
	if (gso_skb->len <= sizeof(struct udphdr) + mss)
		return ERR_PTR(-EINVAL);
	if (!pskb_may_pull(gso_skb, sizeof(struct udphdr)))
		return ERR_PTR(-EINVAL);
	skb_pull(gso_skb, sizeof(struct udphdr));
	segs = skb_segment(gso_skb, features);
	skb_push(gso_skb, sizeof(struct udphdr));
	if (IS_ERR(segs))
		return segs;

	for (seg = segs; seg; seg = seg->next) {
		struct udphdr *uh = udp_hdr(seg);
		const struct iphdr *iph = ip_hdr(seg);
		int toff = skb_transport_offset(seg);
		unsigned int ulen = seg->len - (unsigned int)toff;

		uh->len = htons((u16)ulen);
		/* a socket's packet: each segment is charged to it instead */
		if (gso_skb->sk && gso_skb->destructor)
			skb_set_owner_w(seg, gso_skb->sk);
		if (seg->ip_summed == CHECKSUM_PARTIAL) {
			uh->check = (__sum16)~csum_tcpudp_magic(
				iph->saddr, iph->daddr, ulen, IPPROTO_UDP, 0);
		} else if (seg->ip_summed != CHECKSUM_UNNECESSARY) {
			uh->check = 0;
			uh->check = csum_tcpudp_magic(
				iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
				skb_checksum(seg, toff, (int)ulen, 0));
			if (!uh->check)
				uh->check = CSUM_MANGLED_0;
		}
	}
	return segs;
}

/* udp4_ufo_fragment - the UDP entry of inet_offloads[] */
static struct sk_buff *udp4_ufo_fragment(struct sk_buff *skb,
					 unsigned long long features)
{
	if (!(skb_shinfo(skb)->gso_type & SKB_GSO_UDP_L4))
		return ERR_PTR(-EPROTONOSUPPORT); /* no UFO (IP fragments) */
	return __udp_gso_segment(skb, features);
}

/* UDP_GRO_CNT_MAX: the most datagrams one merged packet stands for */
#define UDP_GRO_CNT_MAX 64

/*
 * udp_gro_receive_segment - merge @skb (GRO offset at its UDP header) into
 * the held packet of its flow.  Only datagrams with a checksum and no
 * padding take part; one of a different length (the first shorter one is
 * still merged) or any IP difference ends the flow.
 */
static struct sk_buff *udp_gro_receive_segment(struct sk_buff_head *head,
					       struct sk_buff *skb)
{
	const struct udphdr *uh =
		(const struct udphdr *)(const void *)(skb->data +
						      skb_gro_offset(skb));
	unsigned int ulen;
	struct sk_buff *p;

	/* a checksum is required, for symmetry with GSO */
	if (!uh->check) {
		NAPI_GRO_CB(skb)->flush = 1;
		return NULL;
	}
	/* padded or lying about its length: not merged */
	ulen = ntohs(uh->len);
	if (ulen <= sizeof(*uh) || ulen != skb_gro_len(skb)) {
		NAPI_GRO_CB(skb)->flush = 1;
		return NULL;
	}
	skb_gro_pull(skb, sizeof(struct udphdr));

	skb_queue_walk(head, p) {
		const struct udphdr *uh2;
		struct sk_buff *pp = NULL;
		int ret = 0;

		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		uh2 = (const struct udphdr *)(const void *)skb_transport_header(
			p);
		/* the ports only: the checksum is never zero here */
		if (uh->source != uh2->source || uh->dest != uh2->dest) {
			NAPI_GRO_CB(p)->same_flow = 0;
			continue;
		}
		if (NAPI_GRO_CB(skb)->is_flist != NAPI_GRO_CB(p)->is_flist) {
			NAPI_GRO_CB(skb)->flush = 1;
			return p;
		}
		if (ulen > ntohs(uh2->len) || NAPI_GRO_CB(p)->flush ||
		    inet_gro_flush(skb_gro_network_header(skb),
				   skb_gro_network_header(p), p)) {
			pp = p;
		} else if (NAPI_GRO_CB(skb)->is_flist) {
			if (skb->ip_summed != p->ip_summed) {
				NAPI_GRO_CB(skb)->flush = 1;
				return NULL;
			}
			skb_set_network_header(
				skb, NAPI_GRO_CB(skb)->network_offset);
			ret = skb_gro_receive_list(p, skb);
		} else {
			ret = skb_gro_receive(p, skb);
		}
		/* a shorter one ends the flow, as does the 64th */
		if (ret || ulen != ntohs(uh2->len) ||
		    NAPI_GRO_CB(p)->count >= UDP_GRO_CNT_MAX)
			pp = p;
		return pp;
	}
	return NULL; /* a new flow */
}

/*
 * udp_gro_receive - merge only what a socket asked for (UDP_GRO: it takes
 * the merged datagram with a UDP_GRO control message) or what the device
 * forwards merged; for a socket without UDP_GRO the datagrams go up one by
 * one.  Linux finds the socket only once a socket has set UDP_GRO or a
 * tunnel exists (udp_encap_needed_key); what is merged is the same either
 * way.
 */
static struct sk_buff *udp_gro_receive(struct sk_buff_head *head,
				       struct sk_buff *skb, struct sock *sk)
{
	const netdev_features_t features = skb->dev->features;

	NAPI_GRO_CB(skb)->is_flist = 0;
	if (features & NETIF_F_GRO_FRAGLIST)
		NAPI_GRO_CB(skb)->is_flist = sk ? !udp_sk(sk)->gro_enabled : 1;
	if ((!sk && (features & NETIF_F_GRO_UDP_FWD)) ||
	    (sk && udp_sk(sk)->gro_enabled) || NAPI_GRO_CB(skb)->is_flist)
		return udp_gro_receive_segment(head, skb);
	NAPI_GRO_CB(skb)->flush = 1; /* no GRO: this one goes up now */
	return NULL;
}

/*
 * udp4_gro_checksum_bad - GRO verifies the checksum of what it merges (a
 * zero one means none); a good one is marked so, a bad one goes up alone
 * for udp_rcv to count
 */
static bool udp4_gro_checksum_bad(struct sk_buff *skb, const struct udphdr *uh)
{
	const struct iphdr *iph = skb_gro_network_header(skb);
	unsigned int off = skb_gro_offset(skb), len = skb_gro_len(skb);

	if (!uh->check || skb_csum_unnecessary(skb))
		return false;
	if (csum_tcpudp_magic(iph->saddr, iph->daddr, len, IPPROTO_UDP,
			      skb_checksum(skb, (int)off, (int)len, 0)))
		return true;
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	return false;
}

struct sk_buff *udp4_gro_receive(struct sk_buff_head *head, struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	const struct udphdr *uh;
	const struct iphdr *iph;
	struct sock *sk;

	uh = skb_gro_header(skb, off + sizeof(*uh), off);
	if (!uh)
		goto flush;
	/* no use checking a checksum of what goes up anyway */
	if (!NAPI_GRO_CB(skb)->flush && udp4_gro_checksum_bad(skb, uh))
		goto flush;
	iph = skb_gro_network_header(skb);
	sk = udp4_lib_lookup(dev_net(skb->dev), iph->saddr, uh->source,
			     iph->daddr, uh->dest, skb->dev->ifindex);
	return udp_gro_receive(head, skb, sk);
flush:
	NAPI_GRO_CB(skb)->flush = 1;
	return NULL;
}

/*
 * udp4_gro_complete - the UDP header of a merged packet: its length, and
 * a checksum left to finish (CHECKSUM_PARTIAL) over the whole, each
 * segment's own made when it is cut again; a frag_list of whole datagrams
 * keeps theirs (verified).
 */
int udp4_gro_complete(struct sk_buff *skb, int nhoff)
{
	const struct iphdr *iph = skb_gro_network_header(skb);
	struct udphdr *uh = (struct udphdr *)(void *)(skb->data + nhoff);
	unsigned int len = skb->len - (unsigned int)nhoff;

	uh->len = htons((u16)len);
	skb_shinfo(skb)->gso_segs = NAPI_GRO_CB(skb)->count;
	if (NAPI_GRO_CB(skb)->is_flist) {
		skb_shinfo(skb)->gso_type |= SKB_GSO_FRAGLIST | SKB_GSO_UDP_L4;
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		return 0;
	}
	if (uh->check)
		uh->check = (__sum16)~csum_tcpudp_magic(iph->saddr, iph->daddr,
							len, IPPROTO_UDP, 0);
	skb->csum_start = (u16)((unsigned char *)uh - skb->head);
	skb->csum_offset = offsetof(struct udphdr, check);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb_shinfo(skb)->gso_type |= SKB_GSO_UDP_L4;
	return 0;
}

const struct net_offload udpv4_offload = {
	.callbacks = { .gso_segment = udp4_ufo_fragment,
		       .gro_receive = udp4_gro_receive,
		       .gro_complete = udp4_gro_complete },
};
