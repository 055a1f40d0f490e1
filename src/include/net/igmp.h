/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv4 multicast group membership: the groups a device has joined (with
 * their IGMP state and source filters) and the groups each socket asked
 * for.  Linux: include/linux/igmp.h, net/ipv4/igmp.c.
 */
#ifndef _NET_IGMP_H
#define _NET_IGMP_H

#include <netinet/in.h> /* before <linux/...> headers (libc-compat.h) */

#include <linux/igmp.h>

#include <net/inetdevice.h>

struct sock;
struct seq_file;

/* A socket's source list for one group (include or exclude set). */
struct ip_sf_socklist {
	unsigned int sl_max;
	unsigned int sl_count;
	__be32 sl_addr[];
};

/* One group a socket joined (IP_ADD_MEMBERSHIP, MCAST_JOIN_GROUP ...). */
struct ip_mc_socklist {
	struct ip_mc_socklist *next;
	struct ip_mreqn multi; /* group, address, ifindex */
	unsigned int sfmode; /* MCAST_INCLUDE or MCAST_EXCLUDE */
	struct ip_sf_socklist *sflist;
};

/* A source of a device's group, counted per filter mode of its users. */
struct ip_sf_list {
	struct ip_sf_list *sf_next;
	__be32 sf_inaddr;
	unsigned long sf_count[2]; /* include / exclude users */
	unsigned char sf_gsresp; /* asked about by a group-source query */
	unsigned char sf_crcount; /* state-change reports still to send */
};

/* A group joined on a device: its users, IGMP timer and filter. */
struct ip_mc_list {
	struct in_device *interface;
	__be32 multiaddr;
	unsigned int sfmode; /* EXCLUDE while any user excludes */
	struct ip_sf_list *sources;
	struct ip_sf_list *tomb; /* sources left, still reported (v3) */
	unsigned long sfcount[2];
	struct ip_mc_list *next;
	struct timer_list timer; /* v1/v2 reports, query responses */
	int users;
	unsigned char tm_running, reporter, unsolicit_count;
	unsigned char loaded; /* its link-layer address is on the device */
	unsigned char gsquery; /* a group-and-source query is pending */
	unsigned char crcount; /* v3 mode-change reports still to send */
};

/* igmp.c */
int ip_mc_inc_group(struct in_device *in_dev, __be32 addr);
void ip_mc_dec_group(struct in_device *in_dev, __be32 addr);
void ip_mc_init_dev(struct in_device *in_dev);
void ip_mc_up(struct in_device *in_dev);
void ip_mc_down(struct in_device *in_dev);
void ip_mc_destroy_dev(struct in_device *in_dev);
int ip_mc_join_group(struct sock *sk, struct ip_mreqn *imr);
int ip_mc_leave_group(struct sock *sk, struct ip_mreqn *imr);
int ip_mc_source(int add, int omode, struct sock *sk,
		 struct ip_mreq_source *mreqs, int ifindex);
int ip_mc_msfilter(struct sock *sk, struct ip_msfilter *msf, int ifindex);
int ip_mc_msfget(struct sock *sk, struct ip_msfilter *msf, void *optval,
		 int *optlen);
int ip_mc_gsfget(struct sock *sk, struct group_filter *gsf, void *optval);
int ip_mc_sf_allow(const struct sock *sk, __be32 loc_addr, __be32 rmt_addr,
		   int dif);
void ip_mc_drop_socket(struct sock *sk);
int ip_check_mc_rcu(struct in_device *in_dev, __be32 mc_addr, __be32 src_addr,
		    u8 proto);
int igmp_rcv(struct sk_buff *skb);
int ip_mc_setsockopt(struct sock *sk, int optname, const void *optval,
		     unsigned int optlen);
int ip_mc_getsockopt(struct sock *sk, int optname, void *optval, int *optlen);
bool ip_mc_sockopt(int optname);
int igmp_init(struct tn_stack *st);

static inline struct igmphdr *igmp_hdr(const struct sk_buff *skb)
{
	return (struct igmphdr *)(void *)skb_transport_header(skb);
}

/* RFC 1112 6.4: 01:00:5e and the low 23 bits of the group */
static inline void ip_eth_mc_map(__be32 naddr, unsigned char *buf)
{
	u32 addr = ntohl(naddr);

	buf[0] = 0x01;
	buf[1] = 0x00;
	buf[2] = 0x5e;
	buf[3] = (addr >> 16) & 0x7f;
	buf[4] = (addr >> 8) & 0xff;
	buf[5] = addr & 0xff;
}

#endif /* _NET_IGMP_H */
