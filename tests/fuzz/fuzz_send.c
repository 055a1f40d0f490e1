// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_send: the UDP send side, which the receive targets never reach.
 * Each 3-byte record of the input is one datagram: a flag byte and a
 * 16-bit length.  The flags choose the socket (connected, so its cached
 * route, or not), the destination (a bound socket in "b", a closed port,
 * our own address over lo, an address ARP never resolves), checksum
 * offload on veth0 on or off, IP_MTU_DISCOVER and MSG_DONTROUTE; lengths
 * up to 65507 make fragments.  Oracle: what "b" (or lo) receives is exactly
 * what was sent, so a wrong finished checksum or a bad fragment shows, and
 * the harness's live-skb check.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/netdevice.h>
#include <net/stack.h>
#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

static struct fuzz_env e;
static int ready, sb;

static void setup(void)
{
	struct sockaddr_in sin;

	if (ready)
		return;
	if (fuzz_env_create(&e, 1) < 0)
		abort();
	tn_netns_set("b");
	sb = tn_socket(AF_INET, SOCK_DGRAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(5555);
	if (sb < 0 || tn_bind(sb, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		abort();
	tn_netns_set("a");
	tn_clock_advance(e.st, 65ull * 1000000000ull);
	{
		struct tn_stack_stats s;
		tn_stack_get_stats(e.st, &s);
		e.base_skbs = s.live_skbs;
	}
	ready = 1;
}

static void drain(int fd)
{
	static char buf[70000];
	char cbuf[512];
	struct msghdr msg;
	struct iovec iov;
	int i;

	for (i = 0; i < 1000; i++)
		if (tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			break;
	for (i = 0; i < 1000; i++) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		if (tn_recvmsg(fd, &msg, MSG_DONTWAIT | MSG_ERRQUEUE) < 0)
			break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t payload[70000], rbuf[70000];
	static const uint32_t dsts[4] = { 0x0a000002u, 0x0a000002u, 0x0a000001u,
					  0x0a00004du };
	static const uint16_t ports[4] = { 5555, 6000, 7777, 5555 };
	struct sockaddr_in sin;
	unsigned int n, k, i;
	uint8_t f;

	setup();
	if (size < 3)
		return 0;
	for (k = 0; k + 3 <= size && k < 30; k += 3) {
		int fd, hw, d, expect;
		ssize_t r;

		f = data[k];
		n = (unsigned int)(data[k + 1] << 8 | data[k + 2]);
		if (f & 0x80)
			n *= 2;
		if (n > 65507)
			n = 65507;
		for (i = 0; i < n; i++)
			payload[i] = (uint8_t)(i * 7 + f + k);
		hw = !(f & 0x02);
		if (hw)
			e.dev_a->features |= NETIF_F_HW_CSUM;
		else
			e.dev_a->features &= ~NETIF_F_HW_CSUM;
		d = (f >> 2) & 3;
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(dsts[d]);
		sin.sin_port = htons(ports[d]);
		if (f & 0x10) {
			int v = (f & 0x20) ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
			tn_setsockopt(e.udp_conn, IPPROTO_IP, IP_MTU_DISCOVER,
				      &v, sizeof(v));
		}
		if (f & 0x01) {
			fd = e.udp_conn; /* connected to .2:9 */
			r = tn_send(fd, payload, n,
				    (f & 0x40) ? MSG_DONTROUTE : 0);
			expect = 0;
		} else {
			fd = e.udp_any;
			r = tn_sendto(fd, payload, n,
				      (f & 0x40) ? MSG_DONTROUTE : 0,
				      (struct sockaddr *)&sin, sizeof(sin));
			expect = d == 0 && r == (ssize_t)n;
		}
		tn_clock_advance(e.st, 5000000ull);
		if (expect) {
			r = tn_recv(sb, rbuf, sizeof(rbuf), MSG_DONTWAIT);
			if (r != (ssize_t)n || memcmp(rbuf, payload, n)) {
				fprintf(stderr,
					"fuzz_send: sent %u (hw %d f %#x) got %zd errno %d\n",
					n, hw, f, r, errno);
				abort();
			}
		}
		/* our own address: over lo, back to the same socket */
		if (d == 2 && !(f & 1)) {
			r = tn_recv(e.udp_any, rbuf, sizeof(rbuf),
				    MSG_DONTWAIT);
			if (r != (ssize_t)n || memcmp(rbuf, payload, n)) {
				fprintf(stderr,
					"fuzz_send: lo sent %u got %zd\n", n,
					r);
				abort();
			}
		}
	}
	e.dev_a->features |= NETIF_F_HW_CSUM;
	drain(e.udp_any);
	drain(e.udp_conn);
	drain(sb);
	fuzz_env_settle(&e);
	drain(e.udp_any);
	drain(e.udp_conn);
	drain(sb);
	fuzz_env_settle(&e);
	return 0;
}
