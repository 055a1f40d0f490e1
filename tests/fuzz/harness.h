/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fuzz harness shared by every target: one virtual-clock stack per
 * process with two namespaces joined by a veth pair, and helpers to build
 * what the targets wrap their inputs in (Ethernet, IPv4, checksums).
 *
 * The topology (made once, on the first input):
 *
 *   netns "a": lo up; veth0 02:00:00:00:00:01, 10.0.0.1/24, up;
 *              UDP sockets on 0.0.0.0:7777 and on 10.0.0.1:7778 connected
 *              to 10.0.0.2:9 (IP_RECVERR); a ping socket
 *   netns "b": lo up; veth1 02:00:00:00:00:02, 10.0.0.2/24, up
 *
 * Frames are injected as received on veth0: transmitted on veth1, so the
 * driver path (veth_xmit, eth_type_trans, netif_rx) and the softirq run.
 * After each input the harness drains the sockets, lets virtual time run
 * past every protocol timeout (ARP resolution, reassembly) and aborts if
 * the stack's live skb count does not come back to its baseline.
 */
#ifndef TN_FUZZ_HARNESS_H
#define TN_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point, defined by each target. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ETH_HLEN	   14
#define FUZZ_MAX_FRAME	   2048

#define FUZZ_IP_A	   0x0a000001u /* 10.0.0.1: veth0, the stack under test */
#define FUZZ_IP_B	   0x0a000002u /* 10.0.0.2: veth1, the peer */
#define FUZZ_IP_OTHER	   0x0a00004du /* 10.0.0.77: nobody (ARP unresolved) */
#define FUZZ_IP_BCAST	   0x0a0000ffu /* 10.0.0.255 */
#define FUZZ_UDP_PORT	   7777 /* bound on 0.0.0.0 */
#define FUZZ_UDP_PORT_CONN 7778 /* bound on 10.0.0.1, connected to .2:9 */

extern const uint8_t fuzz_mac_a[6]; /* veth0 */
extern const uint8_t fuzz_mac_b[6]; /* veth1 */

/* fuzz_setup - make the stack and topology (once); aborts on failure */
void fuzz_setup(void);

/*
 * fuzz_bare_stack - a virtual-clock stack without devices (made once),
 * attached to the calling thread, for targets that call kernel code
 * directly (the skb helpers); aborts on failure
 */
struct tn_stack *fuzz_bare_stack(void);

/* fuzz_check - unless @ok, "@target: @what" on stderr and abort */
void fuzz_check(int ok, const char *target, const char *what);

/*
 * fuzz_inject_frame - @len bytes of a whole Ethernet frame, received on
 * veth0 (transmitted by its peer veth1), processed by the softirq.
 */
void fuzz_inject_frame(const uint8_t *frame, size_t len);

/*
 * fuzz_inject_l3 - @payload behind an Ethernet header to veth0's address
 * (or broadcast if @bcast) from veth1's, with ethertype @type.
 */
void fuzz_inject_l3(uint16_t type, const uint8_t *payload, size_t len,
		    int bcast);

/* fuzz_advance_ms - let @ms of virtual time pass (timers run) */
void fuzz_advance_ms(unsigned int ms);

/*
 * fuzz_finish_input - drain the sockets, run time past every timeout and
 * check the live skb count is back at its baseline (abort otherwise).
 */
void fuzz_finish_input(void);

/* Checksums (RFC 1071): the folded, complemented sum of @len bytes. */
uint32_t fuzz_csum_partial(const uint8_t *p, size_t len, uint32_t sum);
uint16_t fuzz_csum_fold(uint32_t sum);

/*
 * fuzz_build_ipv4 - write an IPv4 header (no options, TTL 64, DF clear,
 * correct checksum) for @plen bytes of protocol @proto into @out (20
 * bytes); addresses in host order.
 */
void fuzz_build_ipv4(uint8_t *out, uint8_t proto, uint32_t saddr,
		     uint32_t daddr, size_t plen);

/* fuzz_fix_ipv4_csum - recompute the header checksum of the packet at @p */
void fuzz_fix_ipv4_csum(uint8_t *p, size_t len);

/*
 * fuzz_pick_addrs - the destination chosen by @sel (0: 10.0.0.1 from .2,
 * 1: 10.0.0.255, 2: 255.255.255.255, 3: 10.0.0.1 from 10.0.0.77); sets
 * *bcast if the frame goes to the Ethernet broadcast address.
 */
void fuzz_pick_addrs(unsigned int sel, uint32_t *saddr, uint32_t *daddr,
		     int *bcast);

#endif /* TN_FUZZ_HARNESS_H */
