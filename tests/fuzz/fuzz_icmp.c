// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_icmp: the input is a mode byte and an ICMP message, sent in a valid
 * IPv4 header (protocol 1, correct header checksum) to the stack.  Mode:
 *   0x01     fix the ICMP checksum, so mutants reach the type handlers;
 *   0x06     the addresses (fuzz_pick_addrs): to 10.0.0.1 from .2, to
 *            10.0.0.255, to 255.255.255.255, to 10.0.0.1 from 10.0.0.77.
 * Echo requests are answered, errors quoting UDP reach the connected UDP
 * socket's error queue, timestamps and the rest go where Linux sends them.
 */
#include <string.h>

#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pkt[FUZZ_MAX_FRAME];
	uint32_t saddr, daddr;
	uint8_t mode, *icmp = pkt + 20;
	int bcast;

	if (!size)
		return 0;
	mode = data[0];
	data++;
	size--;
	if (size > sizeof(pkt) - FUZZ_ETH_HLEN - 20)
		size = sizeof(pkt) - FUZZ_ETH_HLEN - 20;
	memcpy(icmp, data, size);
	if ((mode & 0x01) && size >= 4) {
		uint16_t c;

		icmp[2] = icmp[3] = 0;
		c = fuzz_csum_fold(fuzz_csum_partial(icmp, size, 0));
		icmp[2] = (uint8_t)(c >> 8);
		icmp[3] = (uint8_t)c;
	}
	fuzz_pick_addrs(mode >> 1, &saddr, &daddr, &bcast);
	fuzz_build_ipv4(pkt, 1, saddr, daddr, size);
	fuzz_inject_l3(0x0800, pkt, 20 + size, bcast);
	fuzz_finish_input();
	return 0;
}
