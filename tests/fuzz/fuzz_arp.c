// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_arp: the input is an ARP packet (arp_rcv, arp_process, the
 * neighbour table), sent in an Ethernet frame of type 0x0806 from veth1 to
 * veth0: broadcast if it says it is a request (ar_op 1), else unicast.
 * ARP reads 28 bytes; two more, if present, set veth0's ARP sysctls in
 * netns "a" before the packet (defaults otherwise):
 *   byte 28: bits 0-3 arp_ignore, 4-5 arp_accept, 6 proxy_arp,
 *            7 ip_forward
 *   byte 29: bit 0 arp_filter, 1 drop_gratuitous_arp, 2 proxy_arp_pvlan,
 *            3-4 arp_announce, 5 medium_id -1
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

#include "harness.h"

static void set(const char *key, unsigned int val)
{
	char path[96], buf[16];
	int fd, n;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", key);
	n = snprintf(buf, sizeof(buf), "%d", (int)val);
	fd = tn_open(path, O_WRONLY);
	if (fd < 0)
		return;
	if (tn_write(fd, buf, (size_t)n) < 0 && !strstr(key, "medium_id"))
		fprintf(stderr, "fuzz_arp: %s=%s refused\n", key, buf);
	tn_close(fd);
}

static void set_sysctls(unsigned int m0, unsigned int m1)
{
	set("conf/veth0/arp_ignore", m0 & 0x0f);
	set("conf/veth0/arp_accept", (m0 >> 4) & 3);
	set("conf/veth0/proxy_arp", (m0 >> 6) & 1);
	set("ip_forward", (m0 >> 7) & 1);
	set("conf/veth0/arp_filter", m1 & 1);
	set("conf/veth0/drop_gratuitous_arp", (m1 >> 1) & 1);
	set("conf/veth0/proxy_arp_pvlan", (m1 >> 2) & 1);
	set("conf/veth0/arp_announce", (m1 >> 3) & 3);
	set("conf/veth0/medium_id", (m1 >> 5) & 1 ? (unsigned int)-1 : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int bcast = size >= 8 && data[6] == 0 && data[7] == 1;

	fuzz_setup();
	set_sysctls(size > 28 ? data[28] : 0, size > 29 ? data[29] : 0);
	fuzz_inject_l3(0x0806, data, size, bcast);
	fuzz_finish_input();
	return 0;
}
