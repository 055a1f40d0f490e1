/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private helpers of the IPv4 datagram sockets (af_inet.c, udp.c, raw.c,
 * ping.c, datagram.c, ip_sockglue.c).
 */
#ifndef _IPV4_INET_DGRAM_H
#define _IPV4_INET_DGRAM_H

#include <net/inet_sock.h>
#include <net/route.h>

#define INET_TOS_MASK 0x1E /* IPTOS_TOS_MASK */

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef IP_PROTOCOL
#define IP_PROTOCOL 52
#endif
/* ip_make_skb() flag: check the send would work, send nothing */
#ifndef MSG_PROBE
#define MSG_PROBE 0x10
#endif

/* "not mine": an ioctl the protocol leaves to the next layer */
#ifndef ENOIOCTLCMD
#define ENOIOCTLCMD 515
#endif

/* What inet_getfrag() reads: @msg's data from byte @base on. */
struct inet_getfrag_arg {
	const struct msghdr *msg;
	size_t base;
};

void inet_flow_init(struct flowi4 *fl4, int oif, u32 mark, u8 tos, u8 proto,
		    __be32 daddr, __be32 saddr, __be16 dport, __be16 sport,
		    bool onlink);
int inet_iov_copy(const struct msghdr *msg, size_t off, void *to, size_t len);
int inet_getfrag(void *from, char *to, int offset, int len, int odd,
		 struct sk_buff *skb);

/* af_inet.c */
int inet_autobind(struct sock *sk);
/* The address class of @addr in @net: RTN_LOCAL, RTN_BROADCAST ... */
unsigned int inet_dgram_addr_type(struct net *net, __be32 addr);
int inet_proc_sock_line(char *buf, size_t len, int width_sl, int bucket,
			const struct sock *sk, __be32 src, u16 srcp,
			__be32 dest, u16 destp);

#endif /* _IPV4_INET_DGRAM_H */
