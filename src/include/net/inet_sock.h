/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct inet_sock: an IPv4 socket - a struct sock plus addresses, ports
 * and the IP-level options (IP_TTL, IP_RECVERR ...).  Also the per-call
 * options a sendmsg carries (ipcm_cookie).  Linux: include/net/inet_sock.h.
 */
#ifndef _NET_INET_SOCK_H
#define _NET_INET_SOCK_H

#include <netinet/in.h>

#include <net/sock.h>

/*
 * struct ip_options - the IP options of a packet or a socket, compiled
 * (Linux: include/net/inet_sock.h).  srr, rr, ts, router_alert and cipso
 * are offsets of the option from the start of the IP header (0: absent);
 * the raw bytes follow in __data when the struct heads a buffer
 * (struct ip_options_data), or sit in the IP header when it is IPCB's.
 */
struct ip_options {
	__be32 faddr; /* the final destination of a source route */
	__be32 nexthop; /* the next hop of a source route being forwarded */
	unsigned char optlen;
	unsigned char srr;
	unsigned char rr;
	unsigned char ts;
	unsigned char is_strictroute : 1, srr_is_hit : 1, is_changed : 1,
		rr_needaddr : 1, ts_needtime : 1, ts_needaddr : 1;
	unsigned char router_alert;
	unsigned char cipso;
	unsigned char __pad2;
	unsigned char __data[0];
};

#define MAX_IPOPTLEN 40

/* A struct ip_options with room for the most options a header holds. */
struct ip_options_data {
	struct ip_options opt;
	unsigned char data[MAX_IPOPTLEN];
};

/* inet->cmsg_flags: which control messages recvmsg adds */
#define IP_CMSG_PKTINFO	     (1 << 0)
#define IP_CMSG_TTL	     (1 << 1)
#define IP_CMSG_TOS	     (1 << 2)
#define IP_CMSG_RECVOPTS     (1 << 3)
#define IP_CMSG_RETOPTS	     (1 << 4)
#define IP_CMSG_PASSSEC	     (1 << 5)
#define IP_CMSG_ORIGDSTADDR  (1 << 6)
#define IP_CMSG_CHECKSUM     (1 << 7)
#define IP_CMSG_RECVFRAGSIZE (1 << 8)

struct ip_mc_socklist;

struct inet_sock {
	struct sock sk; /* must be first */
#define inet_daddr     sk.__sk_common.skc_daddr
#define inet_rcv_saddr sk.__sk_common.skc_rcv_saddr
#define inet_dport     sk.__sk_common.skc_dport
#define inet_num       sk.__sk_common.skc_num
	__be32 inet_saddr; /* source used for sending */
	s16 uc_ttl; /* -1: net.ipv4.ip_default_ttl */
	u16 cmsg_flags;
	__be16 inet_sport;
	u16 inet_id;
	u8 tos;
	u8 min_ttl;
	u8 mc_ttl;
	u8 pmtudisc; /* IP_PMTUDISC_* */
	u8 recverr : 1, is_icsk : 1, freebind : 1, hdrincl : 1, mc_loop : 1,
		transparent : 1, mc_all : 1, nodefrag : 1;
	u8 bind_address_no_port : 1, recverr_rfc4884 : 1, defer_connect : 1;
	u8 rcv_tos;
	int uc_index;
	int mc_index;
	__be32 mc_addr;
	struct ip_mc_socklist *mc_list; /* IP_ADD_MEMBERSHIP ... (igmp.c) */
	/* IP_OPTIONS: NULL, or the opt of a struct ip_options_data of its
	 * own (kmalloc'ed, as few sockets set it; inet_sock_destruct()
	 * frees it, as Linux's) */
	struct ip_options *inet_opt;
};

static inline struct inet_sock *inet_sk(const struct sock *sk)
{
	return (struct inet_sock *)(void *)sk;
}

/* inet_sock_destruct - sk_destruct of every inet sock: frees inet_opt */
void inet_sock_destruct(struct sock *sk);

/* Per-send options: from the socket, overridden by control messages. */
struct ipcm_cookie {
	__be32 addr; /* IP_PKTINFO ipi_spec_dst */
	int oif;
	struct ip_options *opt; /* NULL, or &opt_buf.opt */
	__be32 final_daddr; /* where a source route ends (Linux's cork->addr) */
	struct ip_options_data opt_buf; /* IP_RETOPTS cmsg or IP_OPTIONS */
	u8 ttl; /* 0: socket's */
	s16 tos; /* -1: socket's */
	char priority;
	u16 gso_size;
	u32 mark;
	u64 transmit_time;
	u8 protocol;
	u16 tsflags;
	bool ttl_set;
};

/*
 * struct inet_cork - a datagram being built over several sends (UDP_CORK,
 * MSG_MORE): the headers in @skb's head, the payload appended to its page
 * frags by ip_append_data(), sent by ip_push_pending_frames().
 */
struct inet_cork {
	struct sk_buff *skb; /* NULL: nothing pending */
	struct rtable *rt; /* holds a reference */
	struct ipcm_cookie ipc; /* .opt points at @opt when set */
	struct ip_options_data opt; /* the options, copied at corking */
	unsigned int length; /* bytes after the IP header so far */
	unsigned int fragsize; /* the MTU when corking began */
};

/* IPv4 control block of an skb on the IP layer (include/net/ip.h IPCB). */
struct inet_skb_parm {
	int iif;
	struct ip_options opt; /* of the received header (ip_rcv_options) */
	u16 flags; /* IPSKB_* */
	u16 frag_max_size;
};

#define IPSKB_FORWARDED	       (1 << 0)
#define IPSKB_XFRM_TUNNEL_SIZE (1 << 1)
#define IPSKB_FRAG_COMPLETE    (1 << 3)
#define IPSKB_REROUTED	       (1 << 4)
#define IPSKB_DOREDIRECT       (1 << 5)
#define IPSKB_FRAG_PMTU	       (1 << 6)
#define IPSKB_L3SLAVE	       (1 << 7)

#define IPCB(skb)	       ((struct inet_skb_parm *)(void *)((skb)->cb))

/*
 * Socket-side additions (af_inet.c, ip_sockglue.c, udp.c, raw.c, ping.c).
 */

/* Socket states a datagram socket uses (include/net/tcp_states.h). */
#ifndef TCP_ESTABLISHED
#define TCP_ESTABLISHED 1
#define TCP_CLOSE	7
#endif

/*
 * PKTINFO_SKB_CB - the IP_PKTINFO data of a received datagram, recorded by
 * ipv4_pktinfo_prepare() when it is queued on a socket.  It sits after IPCB
 * in skb->cb; error-queue skbs keep struct sock_exterr_skb there instead.
 */
#define PKTINFO_SKB_CB_OFFSET 24
#define PKTINFO_SKB_CB(skb) \
	((struct in_pktinfo *)(void *)((skb)->cb + PKTINFO_SKB_CB_OFFSET))

/* What an error-queue skb carries in skb->cb (include/linux/errqueue.h). */
#include <time.h> /* struct timespec, for errqueue.h */

#include <linux/errqueue.h>

struct sock_exterr_skb {
	struct inet_skb_parm h4;
	struct sock_extended_err ee;
	u16 addr_offset; /* of the original destination, from network header */
	__be16 port; /* original destination port; 0: don't report */
};

#define SKB_EXT_ERR(skb) ((struct sock_exterr_skb *)(void *)((skb)->cb))

/* ipcm_init_sk - per-send options from the socket's defaults */
static inline void ipcm_init_sk(struct ipcm_cookie *ipcm,
				const struct inet_sock *inet)
{
	memset(ipcm, 0, sizeof(*ipcm));
	ipcm->tos = -1;
	ipcm->mark = inet->sk.sk_mark;
	ipcm->tsflags = (u16)inet->sk.sk_tsflags;
	ipcm->oif = inet->sk.sk_bound_dev_if;
	ipcm->addr = inet->inet_saddr;
}

/* ipv4_pktinfo_prepare - record IP_PKTINFO data before queueing (sockglue) */
void ipv4_pktinfo_prepare(const struct sock *sk, struct sk_buff *skb);
/* inet_sk_dst_set - cache @dst (its reference) as the socket's route */
void inet_sk_dst_set(struct sock *sk, struct dst_entry *dst);
/* inet_sk_error_report - wake the socket's user after sk_err was set */
void inet_sk_error_report(struct sock *sk);

#endif /* _NET_INET_SOCK_H */
