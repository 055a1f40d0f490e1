// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_arp: the input is an ARP packet (arp_rcv, arp_process, the
 * neighbour table), sent in an Ethernet frame of type 0x0806 from veth1 to
 * veth0: broadcast if it says it is a request (ar_op 1), else unicast.
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int bcast = size >= 8 && data[6] == 0 && data[7] == 1;

	fuzz_inject_l3(0x0806, data, size, bcast);
	fuzz_finish_input();
	return 0;
}
