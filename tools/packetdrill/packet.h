/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Packets of a script as bytes: inbound ones built (IPv4 with TCP, UDP or
 * ICMP, every checksum right), outbound ones checked against what the
 * script expects, field by field, checksums included.  Sequence and ack
 * numbers in a script are relative to the ISNs, which struct pd_flow keeps.
 */
#ifndef TUXNET_PACKETDRILL_PACKET_H
#define TUXNET_PACKETDRILL_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pd.h"

/* What the runner knows of the script's one flow. */
struct pd_flow {
	uint32_t local_ip, remote_ip; /* network order */
	uint16_t local_port, remote_port; /* host order */
	bool ports_fixed; /* learned or used: no longer learned */
	uint32_t local_isn, remote_isn;
	/* TCP timestamps: the latest outbound val, script's and live */
	bool have_ts, have_first_ts;
	uint32_t ts_script, ts_live, ts_first_script, ts_first_live;
	/* recent outbound TS vals, script's -> live (for inbound ecr) */
	uint32_t ts_map[16][2];
	unsigned int ts_map_next;
	/* the last ICMP echo request the stack sent (for echo replies) */
	uint8_t echo[1500];
	size_t echo_len;
	/* the last outbound TCP or UDP header, quoted by ICMP errors */
	uint8_t last_l4[8];
	uint8_t last_ip[20];
	bool have_last;
};

#define PD_PKT_MAX 65536

/*
 * pd_packet_build - the bytes of inbound @p (IP header first) into @buf.
 * Returns the length, or -1 with a message in @err.
 */
int pd_packet_build(const struct pd_config *cfg, struct pd_flow *flow,
		    const struct pd_packet *p, uint8_t *buf, size_t cap,
		    char *err, size_t errlen);

/*
 * pd_packet_check - the live packet @pkt against outbound @p.  Returns 0,
 * or -1 with what differs in @err.  Learns ports and the local ISN.
 */
int pd_packet_check(const struct pd_config *cfg, struct pd_flow *flow,
		    const struct pd_packet *p, const uint8_t *pkt, size_t len,
		    char *err, size_t errlen);

/* Checksums of a live IPv4 packet: 0 if all right, else -1 and why. */
int pd_packet_verify(const uint8_t *pkt, size_t len, char *err, size_t errlen);

/*
 * pd_packet_coalesce - @a followed by @b as one TCP segment (TSO as the
 * script sees it), into @a (capacity @cap).  Returns the new length, or -1
 * if @b does not continue @a.
 */
int pd_packet_coalesce(uint8_t *a, size_t alen, size_t cap, const uint8_t *b,
		       size_t blen);
/* TCP payload length of a live packet; -1 if not TCP */
int pd_packet_tcp_payload(const uint8_t *pkt, size_t len);

/* A one-line summary of a live packet, for messages. */
void pd_packet_describe(const struct pd_flow *flow, const uint8_t *pkt,
			size_t len, char *out, size_t outlen);

#endif /* TUXNET_PACKETDRILL_PACKET_H */
