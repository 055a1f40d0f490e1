// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_udp: the input is a mode byte and a UDP header with its payload,
 * sent in a valid IPv4 header (protocol 17) to the stack, where UDP
 * sockets are bound on port 7777 (any address) and 7778 (10.0.0.1,
 * connected to 10.0.0.2:9).  Mode:
 *   0x01  fix the UDP checksum (pseudo-header included);
 *   0x06  the addresses, as fuzz_icmp;
 *   0x08  set the UDP length field to the length that arrived.
 * Other ports are unreachable: the ICMP error path runs.
 */
#include <string.h>

#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pkt[FUZZ_MAX_FRAME];
	uint32_t saddr, daddr, sum;
	uint8_t mode, *uh = pkt + 20;
	int bcast;

	if (!size)
		return 0;
	mode = data[0];
	data++;
	size--;
	if (size > sizeof(pkt) - FUZZ_ETH_HLEN - 20)
		size = sizeof(pkt) - FUZZ_ETH_HLEN - 20;
	memcpy(uh, data, size);
	fuzz_pick_addrs(mode >> 1, &saddr, &daddr, &bcast);
	if ((mode & 0x08) && size >= 6) {
		uh[4] = (uint8_t)(size >> 8);
		uh[5] = (uint8_t)size;
	}
	if ((mode & 0x01) && size >= 8) {
		size_t ulen = (size_t)(uh[4] << 8 | uh[5]);
		uint16_t c;
		uint8_t ph[12];

		if (ulen < 8 || ulen > size)
			ulen = size;
		ph[0] = (uint8_t)(saddr >> 24);
		ph[1] = (uint8_t)(saddr >> 16);
		ph[2] = (uint8_t)(saddr >> 8);
		ph[3] = (uint8_t)saddr;
		ph[4] = (uint8_t)(daddr >> 24);
		ph[5] = (uint8_t)(daddr >> 16);
		ph[6] = (uint8_t)(daddr >> 8);
		ph[7] = (uint8_t)daddr;
		ph[8] = 0;
		ph[9] = 17;
		ph[10] = (uint8_t)(ulen >> 8);
		ph[11] = (uint8_t)ulen;
		uh[6] = uh[7] = 0;
		sum = fuzz_csum_partial(ph, sizeof(ph), 0);
		c = fuzz_csum_fold(fuzz_csum_partial(uh, ulen, sum));
		if (!c)
			c = 0xffff;
		uh[6] = (uint8_t)(c >> 8);
		uh[7] = (uint8_t)c;
	}
	fuzz_build_ipv4(pkt, 17, saddr, daddr, size);
	fuzz_inject_l3(0x0800, pkt, 20 + size, bcast);
	fuzz_finish_input();
	return 0;
}
