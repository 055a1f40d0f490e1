// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_eth: the input is a whole Ethernet frame received on veth0 (netns
 * "a", 10.0.0.1/24) from its peer: eth_type_trans, the ptype handlers,
 * ARP, IPv4 with options, fragments, ICMP, UDP demultiplexing.
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_inject_frame(data, size);
	fuzz_finish_input();
	return 0;
}
