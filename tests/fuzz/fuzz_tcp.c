// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_tcp: the input is a mode byte and a TCP header with its payload,
 * sent in a valid IPv4 header (protocol 6) to netns "a", where a TCP
 * listener waits on 0.0.0.0:7779 (backlog 4); connections it completes
 * are accepted, read and closed.  Mode:
 *   0x01  fix the TCP checksum (pseudo-header included);
 *   0x02  send to port 7779;
 *   0x0c  the addresses, as fuzz_udp (0x0c: from 10.0.0.77, whose
 *         answers wait for ARP);
 *   0x10  first a SYN from 10.0.0.77 with the segment's source port and
 *         its sequence number minus one, so that the segment meets a
 *         request sock in SYN-RECV (and may complete the handshake).
 * After each input time runs past TIME-WAIT and every retry: no skb may
 * be left.
 */
#include <errno.h>
#include <string.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#include "harness.h"

#define FUZZ_TCP_PORT 7779

static int lfd = -1;

static void tcp_listener(void)
{
	struct sockaddr_in sin;
	int one = 1;

	if (lfd >= 0)
		return;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(FUZZ_TCP_PORT);
	lfd = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (lfd < 0 ||
	    tn_setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    tn_bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) ||
	    tn_listen(lfd, 4))
		__builtin_trap();
}

static void tcp_csum(uint8_t *th, size_t len, uint32_t saddr, uint32_t daddr)
{
	uint8_t ph[12];
	uint16_t c;

	ph[0] = (uint8_t)(saddr >> 24);
	ph[1] = (uint8_t)(saddr >> 16);
	ph[2] = (uint8_t)(saddr >> 8);
	ph[3] = (uint8_t)saddr;
	ph[4] = (uint8_t)(daddr >> 24);
	ph[5] = (uint8_t)(daddr >> 16);
	ph[6] = (uint8_t)(daddr >> 8);
	ph[7] = (uint8_t)daddr;
	ph[8] = 0;
	ph[9] = IPPROTO_TCP;
	ph[10] = (uint8_t)(len >> 8);
	ph[11] = (uint8_t)len;
	th[16] = th[17] = 0;
	c = fuzz_csum_fold(
		fuzz_csum_partial(th, len, fuzz_csum_partial(ph, 12, 0)));
	th[16] = (uint8_t)(c >> 8);
	th[17] = (uint8_t)c;
}

/* A bare SYN from @saddr:@sport with ISN @seq to the listener. */
static void send_syn(uint32_t saddr, const uint8_t *sport, uint32_t seq)
{
	static uint8_t pkt[40];
	uint8_t *th = pkt + 20;

	memset(pkt, 0, sizeof(pkt));
	th[0] = sport[0];
	th[1] = sport[1];
	th[2] = FUZZ_TCP_PORT >> 8;
	th[3] = FUZZ_TCP_PORT & 0xff;
	th[4] = (uint8_t)(seq >> 24);
	th[5] = (uint8_t)(seq >> 16);
	th[6] = (uint8_t)(seq >> 8);
	th[7] = (uint8_t)seq;
	th[12] = 5 << 4;
	th[13] = 0x02;
	th[14] = 0xff;
	th[15] = 0xff;
	tcp_csum(th, 20, saddr, FUZZ_IP_A);
	fuzz_build_ipv4(pkt, IPPROTO_TCP, saddr, FUZZ_IP_A, 20);
	fuzz_inject_l3(0x0800, pkt, sizeof(pkt), 0);
}

/* Accept what completed, read it, close it. */
static void tcp_reap(void)
{
	char buf[2048];
	int fd;

	while ((fd = tn_accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
		while (tn_recv(fd, buf, sizeof(buf), 0) > 0)
			;
		tn_close(fd);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pkt[FUZZ_MAX_FRAME];
	uint8_t mode, *th = pkt + 20;
	uint32_t saddr, daddr;
	int bcast;

	if (!size)
		return 0;
	fuzz_setup();
	tcp_listener();
	mode = data[0];
	data++;
	size--;
	if (size > sizeof(pkt) - FUZZ_ETH_HLEN - 20)
		size = sizeof(pkt) - FUZZ_ETH_HLEN - 20;
	memcpy(th, data, size);
	fuzz_pick_addrs(mode >> 2, &saddr, &daddr, &bcast);
	if ((mode & 0x02) && size >= 4) {
		th[2] = FUZZ_TCP_PORT >> 8;
		th[3] = FUZZ_TCP_PORT & 0xff;
	}
	if ((mode & 0x10) && size >= 8) {
		uint32_t seq = (uint32_t)th[4] << 24 | (uint32_t)th[5] << 16 |
			       (uint32_t)th[6] << 8 | th[7];

		saddr = FUZZ_IP_OTHER;
		daddr = FUZZ_IP_A;
		bcast = 0;
		send_syn(saddr, th, seq - 1);
	}
	if ((mode & 0x01) && size >= 20)
		tcp_csum(th, size, saddr, daddr);
	fuzz_build_ipv4(pkt, IPPROTO_TCP, saddr, daddr, size);
	fuzz_inject_l3(0x0800, pkt, 20 + size, bcast);
	tcp_reap();
	fuzz_finish_input();
	tcp_reap();
	return 0;
}
