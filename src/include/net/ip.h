/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv4: receive, deliver, forward, send, fragment, reassemble; and the
 * socket-side helpers shared by UDP, raw and ping sockets (ip_sockglue).
 * Linux: include/net/ip.h.
 */
#ifndef _NET_IP_H
#define _NET_IP_H

#include <linux/ip.h>

#include <net/inet_sock.h>
#include <net/netdevice.h>
#include <net/route.h>

struct packet_type;

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)(void *)skb_network_header(skb);
}

static inline unsigned int ip_hdrlen(const struct sk_buff *skb)
{
	return ip_hdr(skb)->ihl * 4U;
}

#define IP_DF	  0x4000
#define IP_MF	  0x2000
#define IP_OFFSET 0x1FFF
#define IP_CE	  0x8000

/* ip_input.c */
/** ip_rcv - ETH_P_IP handler: validate, route, deliver or forward; consumes */
int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	   struct net_device *orig_dev);
int ip_local_deliver(struct sk_buff *skb);

/* ip_forward.c */
int ip_forward(struct sk_buff *skb);

/* ip_output.c */
int ip_output(struct net *net, struct sock *sk, struct sk_buff *skb);
int ip_mc_output(struct net *net, struct sock *sk, struct sk_buff *skb);
/**
 * ip_local_out - send a locally built IP packet (header complete except
 *	tot_len/check, which are set here); skb_dst(skb) is the route
 * Consumes @skb.  Return: 0 or -errno (-ENOBUFS, -EMSGSIZE ...).
 */
int ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb);
void ip_send_check(struct iphdr *iph);
/* Fragment @skb to the path MTU and hand each piece to @output. */
int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *,
				 struct sk_buff *));
void ip_select_ident(struct net *net, struct sk_buff *skb, struct sock *sk);

/*
 * IP4_REPLY_MARK - the mark of a reply sent without a socket (ICMP
 * replies and errors, TCP's RSTs and ACKs): the answered packet's @mark
 * under net.ipv4.fwmark_reflect, else 0 (the replying sock's then).
 */
#define IP4_REPLY_MARK(net, mark) \
	((net)->ipv4.sysctl_fwmark_reflect ? (mark) : 0)
/* ip_dont_fragment - set DF on what @sk sends on @dst (IP_MTU_DISCOVER) */
static inline bool ip_dont_fragment(const struct sock *sk,
				    const struct dst_entry *dst)
{
	u8 pmtudisc = inet_sk(sk)->pmtudisc;

	return pmtudisc == IP_PMTUDISC_DO ||
	       (pmtudisc == IP_PMTUDISC_WANT && !ip_mtu_locked(dst));
}

/* ip_sk_accept_pmtu - does @sk act on a learned path MTU? */
static inline bool ip_sk_accept_pmtu(const struct sock *sk)
{
	return inet_sk(sk)->pmtudisc != IP_PMTUDISC_INTERFACE &&
	       inet_sk(sk)->pmtudisc != IP_PMTUDISC_OMIT;
}

/* TTL for a packet on @dst: RTAX_HOPLIMIT or net.ipv4.ip_default_ttl */
int ip4_dst_hoplimit(const struct dst_entry *dst);

/**
 * ip_make_skb - build one datagram from user data (see ip_output.c)
 * @getfrag: copies @len bytes at @offset of the payload to @to
 * @length: bytes after the IP header, the transport header INCLUDED (as
 *	Linux's: UDP passes payload + sizeof(struct udphdr))
 * @transhdrlen: the transport header bytes at the front of @length, left
 *	zeroed at skb_transport_header() for the transport to fill
 * @rtp: the route; its reference moves to the skb (*@rtp = NULL) on success
 * Errors checked as Linux's __ip_append_data: -EMSGSIZE (too big with DF,
 *	or > 65535, with ip_local_error() reporting the MTU), -ENOBUFS,
 *	-EFAULT.
 * Return: ONE skb holding the whole datagram, data at the IP header (the
 *	transport fills its header and checksum, then calls ip_send_skb;
 *	ip_output fragments it to the MTU), NULL for MSG_PROBE, or ERR_PTR.
 */
struct sk_buff *
ip_make_skb(struct sock *sk, struct flowi4 *fl4,
	    int (*getfrag)(void *from, char *to, int offset, int len, int odd,
			   struct sk_buff *skb),
	    void *from, int length, int transhdrlen, struct ipcm_cookie *ipc,
	    struct rtable **rtp, unsigned int flags);
/* corked datagrams (UDP_CORK, MSG_MORE): see ip_output.c */
int ip_append_data(struct sock *sk, struct inet_cork *cork,
		   int (*getfrag)(void *from, char *to, int offset, int len,
				  int odd, struct sk_buff *skb),
		   void *from, int length, int transhdrlen,
		   struct ipcm_cookie *ipc, struct rtable **rtp,
		   unsigned int flags);
void ip_flush_pending_frames(struct sock *sk, struct inet_cork *cork);
unsigned int ip_sk_fragsize(const struct sock *sk, const struct rtable *rt);
void ip_select_ident_more(struct net *net, struct sk_buff *skb, struct sock *sk,
			  unsigned int more);
struct sk_buff *ip_finish_skb(struct sock *sk, struct inet_cork *cork,
			      const struct flowi4 *fl4);

/* ip_send_skb - send what ip_make_skb built; consumes; 0 or -errno */
int ip_send_skb(struct net *net, struct sk_buff *skb);
int ip_generic_getfrag(void *from, char *to, int offset, int len, int odd,
		       struct sk_buff *skb);

/* ip_fragment.c: reassembly (RFC 791, RFC 815) */
#define IP_DEFRAG_LOCAL_DELIVER 0
int ipfrag_init(struct tn_stack *st);
/**
 * ip_defrag - add a fragment; consumes @skb
 * Return: 0 when @skb became the whole datagram (the caller goes on with
 *	it), -EINPROGRESS when it was queued, -errno when dropped.
 */
int ip_defrag(struct net *net, struct sk_buff *skb, u32 user);
/* Queues being reassembled in @net and the bytes they hold (sockstat). */
void ip_frag_stats(struct net *net, unsigned int *inuse, long *mem);

static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/* ip_options.c: IP options (RFC 791 3.1) */
/**
 * ip_options_compile - parse and check the options of a received header
 *	(@skb, after routing: this host's record route and timestamp entries
 *	are filled in, a bad option is answered with a parameter problem) or
 *	of a socket (@skb NULL, bytes in opt->__data)
 * Return: 0 or -EINVAL.
 */
int ip_options_compile(struct net *net, struct ip_options *opt,
		       struct sk_buff *skb);
void ip_options_build(struct sk_buff *skb, const struct ip_options *opt,
		      __be32 daddr, struct rtable *rt);
int ip_options_echo(struct net *net, struct ip_options *dopt,
		    struct sk_buff *skb);
void ip_options_undo(struct ip_options *opt);
void ip_options_fragment(struct sk_buff *skb);
int ip_options_get(struct net *net, struct ip_options_data *buf,
		   const void *data, unsigned int optlen);
void ip_forward_options(struct sk_buff *skb);
int ip_options_sendmsg(struct sock *sk, struct ipcm_cookie *ipc, __be32 daddr,
		       __be32 *faddr, bool *onlink);
int ip_options_rcv_srr(struct sk_buff *skb, struct net_device *dev);

/* ip_sockglue.c */
int ip_setsockopt(struct sock *sk, int level, int optname, const void *optval,
		  unsigned int optlen);
int ip_getsockopt(struct sock *sk, int level, int optname, void *optval,
		  int *optlen);
/* Control messages the socket asked for (IP_TTL, IP_PKTINFO ...). */
void ip_cmsg_recv_offset(struct msghdr *msg, struct sock *sk,
			 struct sk_buff *skb, int tlen, int offset);
#define ip_cmsg_recv(msg, skb) ip_cmsg_recv_offset(msg, (skb)->sk, skb, 0, 0)
int ip_cmsg_send(struct sock *sk, struct msghdr *msg, struct ipcm_cookie *ipc,
		 bool allow_ipv6);
/**
 * ip_icmp_error - queue an ICMP error on @sk's error queue (IP_RECVERR)
 * @skb: the ICMP message, data at the quoted IP header; not consumed
 * @payload: the quoted transport header in @skb
 */
void ip_icmp_error(struct sock *sk, struct sk_buff *skb, int err, __be16 port,
		   u32 info, u8 *payload);
/* ip_local_error - queue a locally detected error (EMSGSIZE + mtu) */
void ip_local_error(struct sock *sk, int err, __be32 daddr, __be16 dport,
		    u32 info);
/* ip_recv_error - recvmsg(MSG_ERRQUEUE) */
int ip_recv_error(struct sock *sk, struct msghdr *msg, int len, int *addr_len);
int ip4_datagram_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);

/* Initialisation (called from inet_init in af_inet.c) */
int ip_init(struct tn_stack *st); /* routes, FIB, devinet, frags, ETH_P_IP */
int icmp_init(struct tn_stack *st);

/* net.ipv4.ip_local_reserved_ports: never picked as an ephemeral port */
bool inet_is_local_reserved_port(const struct net *net, unsigned short port);

#endif /* _NET_IP_H */
