// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_frag: the input is a sequence of records, each
 *   u8 delay (units of 128 ms of virtual time to let pass first),
 *   u16 length (big-endian), that many bytes of an IPv4 packet,
 * sent in turn to the stack with the IPv4 header checksum fixed: overlaps,
 * duplicates, holes and reassembly timeouts (30 s is 235 units) of
 * ip_defrag.  A short last record takes what is left.
 */
#include <string.h>

#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pkt[FUZZ_MAX_FRAME];
	int n;

	for (n = 0; size >= 3 && n < 64; n++) {
		unsigned int delay = data[0];
		size_t len = (size_t)(data[1] << 8 | data[2]);

		data += 3;
		size -= 3;
		if (len > size)
			len = size;
		if (len > sizeof(pkt) - FUZZ_ETH_HLEN)
			len = sizeof(pkt) - FUZZ_ETH_HLEN;
		if (delay)
			fuzz_advance_ms(delay * 128);
		memcpy(pkt, data, len);
		fuzz_fix_ipv4_csum(pkt, len);
		fuzz_inject_l3(0x0800, pkt, len, 0);
		data += len;
		size -= len;
	}
	fuzz_finish_input();
	return 0;
}
