// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_igmp: the input is a mode byte and an IGMP message, sent from
 * 10.0.0.2 in a valid IPv4 header (protocol 2) to netns a, where a socket
 * has joined 239.1.2.3 on veth0 (any source but 10.0.0.77) and 232.1.1.1
 * from 10.0.0.2 only.  Mode:
 *   0x01     fix the IGMP checksum, so mutants reach the type handlers;
 *   0x06     the destination: 224.0.0.1, 239.1.2.3, 224.0.0.22 (all three
 *            to their 01:00:5e address), or 10.0.0.1 unicast;
 *   0x30     conf.veth0.force_igmp_version for this input (0..3).
 * Queries of every version and length start report timers, which the
 * harness runs out after the input; reports stop ours.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#include "harness.h"

#define FORCE_KEY "/proc/sys/net/ipv4/conf/veth0/force_igmp_version"

static void set_force(int v)
{
	static int cur = -1;
	char c = (char)('0' + v);
	int fd;

	if (v == cur)
		return;
	fd = tn_open(FORCE_KEY, O_WRONLY);
	if (fd < 0)
		return;
	if (tn_write(fd, &c, 1) == 1)
		cur = v;
	tn_close(fd);
}

static void join_once(void)
{
	static int done;
	struct ip_mreq_source ms;
	struct ip_mreqn m;
	int fd;

	if (done)
		return;
	done = 1;
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return;
	memset(&m, 0, sizeof(m));
	m.imr_multiaddr.s_addr = inet_addr("239.1.2.3");
	m.imr_address.s_addr = htonl(FUZZ_IP_A);
	tn_setsockopt(fd, SOL_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m));
	memset(&ms, 0, sizeof(ms));
	ms.imr_multiaddr.s_addr = inet_addr("239.1.2.3");
	ms.imr_interface.s_addr = htonl(FUZZ_IP_A);
	ms.imr_sourceaddr.s_addr = htonl(FUZZ_IP_OTHER);
	tn_setsockopt(fd, SOL_IP, IP_BLOCK_SOURCE, &ms, sizeof(ms));
	ms.imr_multiaddr.s_addr = inet_addr("232.1.1.1");
	ms.imr_sourceaddr.s_addr = htonl(FUZZ_IP_B);
	tn_setsockopt(fd, SOL_IP, IP_ADD_SOURCE_MEMBERSHIP, &ms, sizeof(ms));
	fuzz_advance_ms(5000); /* the joins' reports go out */
	/* the socket stays: the memberships live as long as the process */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t dsts[4] = { 0xe0000001u, 0xef010203u, 0xe0000016u,
					  FUZZ_IP_A };
	static uint8_t frame[FUZZ_MAX_FRAME];
	uint8_t mode, *pkt = frame + FUZZ_ETH_HLEN, *igmp = pkt + 20;
	uint32_t daddr;

	if (!size)
		return 0;
	fuzz_setup();
	join_once();
	mode = data[0];
	data++;
	size--;
	if (size > FUZZ_MAX_FRAME - FUZZ_ETH_HLEN - 20)
		size = FUZZ_MAX_FRAME - FUZZ_ETH_HLEN - 20;
	memcpy(igmp, data, size);
	if ((mode & 0x01) && size >= 4) {
		uint16_t c;

		igmp[2] = igmp[3] = 0;
		c = fuzz_csum_fold(fuzz_csum_partial(igmp, size, 0));
		igmp[2] = (uint8_t)(c >> 8);
		igmp[3] = (uint8_t)c;
	}
	set_force((mode >> 4) & 3);
	daddr = dsts[(mode >> 1) & 3];
	fuzz_build_ipv4(pkt, 2, FUZZ_IP_B, daddr, size);
	if (daddr == FUZZ_IP_A) {
		memcpy(frame, fuzz_mac_a, 6);
	} else {
		frame[0] = 0x01;
		frame[1] = 0x00;
		frame[2] = 0x5e;
		frame[3] = (uint8_t)((daddr >> 16) & 0x7f);
		frame[4] = (uint8_t)(daddr >> 8);
		frame[5] = (uint8_t)daddr;
	}
	memcpy(frame + 6, fuzz_mac_b, 6);
	frame[12] = 0x08;
	frame[13] = 0x00;
	fuzz_inject_frame(frame, FUZZ_ETH_HLEN + 20 + size);
	fuzz_finish_input();
	return 0;
}
