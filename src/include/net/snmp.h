/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * MIB counters with Linux's names and indexes (<linux/snmp.h>), per
 * namespace, shown by /proc/net/snmp, /proc/net/netstat and netstat -s.
 * Linux: include/net/snmp.h, include/net/ip.h (IP_INC_STATS ...).
 */
#ifndef _NET_SNMP_H
#define _NET_SNMP_H

#include <linux/snmp.h>

#include <net/net_namespace.h>

/*
 * Linux 6.3 split OutRequests (datagrams handed down by the host's own
 * protocols, counted once, before fragmentation) from OutTransmits (every
 * packet sent, forwarded and fragments included: IPSTATS_MIB_OUTPKTS).
 * The uapi header of the build host may predate IPSTATS_MIB_OUTREQUESTS:
 * tuxnet keeps it past the end of that enum.
 */
enum { TN_IPSTATS_MIB_OUTREQUESTS = __IPSTATS_MIB_MAX, TN_IPSTATS_MIB_MAX };
#define IPSTATS_MIB_OUTREQUESTS TN_IPSTATS_MIB_OUTREQUESTS

struct ipstats_mib {
	u64 mibs[TN_IPSTATS_MIB_MAX];
};

struct icmp_mib {
	unsigned long mibs[__ICMP_MIB_MAX];
};

#define ICMPMSG_MIB_MAX __ICMPMSG_MIB_MAX
struct icmpmsg_mib {
	unsigned long mibs[ICMPMSG_MIB_MAX]; /* [0..255] in, [256..511] out */
};

struct udp_mib {
	unsigned long mibs[__UDP_MIB_MAX];
};

/*
 * TcpExt counters newer than the build host's uapi header (BeyondWindow:
 * Linux 6.17) are kept past the end of that enum, as OutRequests above.
 */
enum { TN_LINUX_MIB_BEYOND_WINDOW = __LINUX_MIB_MAX, TN_LINUX_MIB_MAX };
#define LINUX_MIB_BEYOND_WINDOW TN_LINUX_MIB_BEYOND_WINDOW

struct linux_mib {
	unsigned long mibs[TN_LINUX_MIB_MAX];
};

/* TCP_MIB_MAXCONN is signed (-1: no limit), as RFC 2012 has it. */
struct tcp_mib {
	unsigned long mibs[__TCP_MIB_MAX];
};

struct tn_stack;
/**
 * ipv4_mib_init - per-namespace MIB counters (net->ipv4.*_statistics) and
 *	/proc/net/snmp, /proc/net/netstat (src/ipv4/proc.c)
 * Context: stack creation, before inet_init.  Return: 0 or -errno.
 */
int ipv4_mib_init(struct tn_stack *st);
void ipv4_mib_exit(struct tn_stack *st);

#define __IP_INC_STATS(net, field) ((net)->ipv4.ip_statistics->mibs[field]++)
#define IP_INC_STATS(net, field)   __IP_INC_STATS(net, field)
#define __IP_ADD_STATS(net, field, val) \
	((net)->ipv4.ip_statistics->mibs[field] += (val))
#define IP_ADD_STATS(net, field, val) __IP_ADD_STATS(net, field, val)
#define IP_UPD_PO_STATS(net, field, val)                                 \
	do {                                                             \
		(net)->ipv4.ip_statistics->mibs[field##PKTS]++;          \
		(net)->ipv4.ip_statistics->mibs[field##OCTETS] += (val); \
	} while (0)
#define __ICMP_INC_STATS(net, field) \
	((net)->ipv4.icmp_statistics->mibs[field]++)
#define ICMP_INC_STATS(net, field) __ICMP_INC_STATS(net, field)
#define ICMPMSGIN_INC_STATS(net, type) \
	((net)->ipv4.icmpmsg_statistics->mibs[(type)&0xff]++)
#define ICMPMSGOUT_INC_STATS(net, type) \
	((net)->ipv4.icmpmsg_statistics->mibs[((type)&0xff) + 256]++)
#define __UDP_INC_STATS(net, field) ((net)->ipv4.udp_statistics->mibs[field]++)
#define UDP_INC_STATS(net, field)   __UDP_INC_STATS(net, field)
#define __NET_INC_STATS(net, field) ((net)->ipv4.net_statistics->mibs[field]++)
#define NET_INC_STATS(net, field)   __NET_INC_STATS(net, field)
#define __TCP_INC_STATS(net, field) ((net)->ipv4.tcp_statistics->mibs[field]++)
#define TCP_INC_STATS(net, field)   __TCP_INC_STATS(net, field)
#define TCP_DEC_STATS(net, field)   ((net)->ipv4.tcp_statistics->mibs[field]--)
#define TCP_ADD_STATS(net, field, val) \
	((net)->ipv4.tcp_statistics->mibs[field] += (val))
#define __NET_ADD_STATS(net, field, adnd) \
	((net)->ipv4.net_statistics->mibs[field] += (adnd))
#define NET_ADD_STATS(net, field, adnd) __NET_ADD_STATS(net, field, adnd)

#endif /* _NET_SNMP_H */
