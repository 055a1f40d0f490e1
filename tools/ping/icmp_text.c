// SPDX-License-Identifier: BSD-2-Clause
/*
 * What ping prints for an ICMP error (RFC 792, RFC 1812): the words of
 * iputils for each type and code.
 */
#include <stdio.h>
#include <netinet/ip_icmp.h>

#include "ping.h"

static const char *const unreach_text[] = {
	[ICMP_NET_UNREACH] = "Destination Net Unreachable",
	[ICMP_HOST_UNREACH] = "Destination Host Unreachable",
	[ICMP_PROT_UNREACH] = "Destination Protocol Unreachable",
	[ICMP_PORT_UNREACH] = "Destination Port Unreachable",
	[ICMP_FRAG_NEEDED] = NULL, /* carries the MTU */
	[ICMP_SR_FAILED] = "Source Route Failed",
	[ICMP_NET_UNKNOWN] = "Destination Net Unknown",
	[ICMP_HOST_UNKNOWN] = "Destination Host Unknown",
	[ICMP_HOST_ISOLATED] = "Source Host Isolated",
	[ICMP_NET_ANO] = "Destination Net Prohibited",
	[ICMP_HOST_ANO] = "Destination Host Prohibited",
	[ICMP_NET_UNR_TOS] = "Destination Net Unreachable for Type of Service",
	[ICMP_HOST_UNR_TOS] =
		"Destination Host Unreachable for Type of Service",
	[ICMP_PKT_FILTERED] = "Packet filtered",
	[ICMP_PREC_VIOLATION] = "Precedence Violation",
	[ICMP_PREC_CUTOFF] = "Precedence Cutoff",
};

static const char *const redirect_text[] = {
	[ICMP_REDIR_NET] = "Redirect Network",
	[ICMP_REDIR_HOST] = "Redirect Host",
	[ICMP_REDIR_NETTOS] = "Redirect Type of Service and Network",
	[ICMP_REDIR_HOSTTOS] = "Redirect Type of Service and Host",
};

/**
 * ping_print_icmp - print the words for an ICMP message, ending the line
 * @type: ICMP type
 * @code: ICMP code
 * @info: the MTU of "fragmentation needed", the pointer of a parameter
 *	problem, the new gateway of a redirect (host order)
 */
void ping_print_icmp(unsigned int type, unsigned int code, uint32_t info)
{
	switch (type) {
	case ICMP_ECHOREPLY:
		printf("Echo Reply\n");
		break;
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED)
			printf("Frag needed and DF set (mtu = %u)\n", info);
		else if (code <= NR_ICMP_UNREACH)
			printf("%s\n", unreach_text[code]);
		else
			printf("Dest Unreachable, Bad Code: %u\n", code);
		break;
	case ICMP_SOURCE_QUENCH:
		printf("Source Quench\n");
		break;
	case ICMP_REDIRECT:
		if (code <= ICMP_REDIR_HOSTTOS)
			printf("%s", redirect_text[code]);
		else
			printf("Redirect, Bad Code: %u", code);
		printf("(New nexthop: %u.%u.%u.%u)\n", info >> 24,
		       (info >> 16) & 0xff, (info >> 8) & 0xff, info & 0xff);
		break;
	case ICMP_ECHO:
		printf("Echo Request\n");
		break;
	case ICMP_TIME_EXCEEDED:
		if (code == ICMP_EXC_TTL)
			printf("Time to live exceeded\n");
		else if (code == ICMP_EXC_FRAGTIME)
			printf("Frag reassembly time exceeded\n");
		else
			printf("Time exceeded, Bad Code: %u\n", code);
		break;
	case ICMP_PARAMETERPROB:
		printf("Parameter problem: pointer = %u\n", info >> 24);
		break;
	case ICMP_TIMESTAMP:
		printf("Timestamp\n");
		break;
	case ICMP_TIMESTAMPREPLY:
		printf("Timestamp Reply\n");
		break;
	case ICMP_INFO_REQUEST:
		printf("Information Request\n");
		break;
	case ICMP_INFO_REPLY:
		printf("Information Reply\n");
		break;
	case ICMP_ADDRESS:
		printf("Address Mask Request\n");
		break;
	case ICMP_ADDRESSREPLY:
		printf("Address Mask Reply\n");
		break;
	default:
		printf("Bad ICMP type: %u\n", type);
	}
}

/* ping_checksum - the Internet checksum of RFC 1071 */
uint16_t ping_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	while (len > 1) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)(p[0] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
