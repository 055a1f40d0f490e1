// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_ipv4: the input is a mode byte and an IPv4 packet (header with
 * options and payload) sent in an Ethernet frame to veth0.  Mode bits:
 *   0x01  recompute the header checksum, so mutants get past ip_rcv;
 *   0x02  set tot_len to the length that arrived;
 *   0x04  send to the Ethernet broadcast address.
 * With mode 0 nothing is fixed and the checksum check drops most mutants.
 */
#include <string.h>

#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pkt[FUZZ_MAX_FRAME];
	uint8_t mode;

	if (!size)
		return 0;
	mode = data[0];
	data++;
	size--;
	if (size > sizeof(pkt) - FUZZ_ETH_HLEN)
		size = sizeof(pkt) - FUZZ_ETH_HLEN;
	memcpy(pkt, data, size);
	if ((mode & 0x02) && size >= 4) {
		pkt[2] = (uint8_t)(size >> 8);
		pkt[3] = (uint8_t)size;
	}
	if (mode & 0x01)
		fuzz_fix_ipv4_csum(pkt, size);
	fuzz_inject_l3(0x0800, pkt, size, mode & 0x04);
	fuzz_finish_input();
	return 0;
}
