// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_ipopt: IP options (ip_options.c), from the wire and from sockets.
 * The input is a mode byte and up to 40 option bytes.  Mode bits:
 *   0x01  the options on an ICMP echo request to veth0 (compiled on
 *         receipt, echoed in the reply or a parameter problem);
 *   0x02  the options on a UDP datagram to a socket with IP_RECVOPTS and
 *         IP_RETOPTS, read back with its control messages;
 *   0x04  the options given to IP_OPTIONS on a UDP and a raw socket, then
 *         a datagram sent to veth1's peer address and to 127.0.0.1;
 *   0x08  the same bytes as an IP_RETOPTS control message of a sendmsg;
 *   0x10  net.ipv4.conf.all.accept_source_route on for this input.
 * Oracle (besides the harness's): an accepted IP_OPTIONS reads back as at
 * most 40 bytes, a multiple of 4, which IP_OPTIONS accepts again and reads
 * back unchanged; every control message fits what was received.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#include "harness.h"

#define OPT_PORT 7790

static void set_source_route(int on)
{
	int fd = tn_open("/proc/sys/net/ipv4/conf/all/accept_source_route",
			 O_WRONLY);

	if (fd >= 0) {
		tn_write(fd, on ? "1\n" : "0\n", 2);
		tn_close(fd);
	}
}

static void check_roundtrip(int fd)
{
	uint8_t a[64], b[64];
	socklen_t la = sizeof(a), lb = sizeof(b);

	if (tn_getsockopt(fd, SOL_IP, IP_OPTIONS, a, &la) < 0)
		abort();
	if (la > 40 || (la & 3))
		abort();
	if (tn_setsockopt(fd, SOL_IP, IP_OPTIONS, a, la) < 0)
		abort();
	if (tn_getsockopt(fd, SOL_IP, IP_OPTIONS, b, &lb) < 0 || lb != la ||
	    memcmp(a, b, la))
		abort();
}

static void send_to(int fd, uint32_t addr, int flags_cmsg, const uint8_t *opt,
		    size_t olen)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(9) };
	uint8_t payload[8] = { 8, 0, 0, 0, 0, 1, 0, 1 }; /* an echo, for raw */
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(40)];
	} c;
	struct iovec iov = { payload, sizeof(payload) };
	struct msghdr msg = { 0 };

	sin.sin_addr.s_addr = htonl(addr);
	msg.msg_name = &sin;
	msg.msg_namelen = sizeof(sin);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (flags_cmsg) {
		memset(&c, 0, sizeof(c));
		c.h.cmsg_level = SOL_IP;
		c.h.cmsg_type = IP_RETOPTS;
		c.h.cmsg_len = CMSG_LEN(olen);
		memcpy(CMSG_DATA(&c.h), opt, olen);
		msg.msg_control = &c;
		msg.msg_controllen = CMSG_SPACE(olen);
	}
	tn_sendmsg(fd, &msg, MSG_DONTWAIT);
}

static void read_all(int fd, size_t max_opt)
{
	for (;;) {
		uint8_t buf[256], cbuf[512];
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr msg = { 0 };
		struct cmsghdr *cmsg;

		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		if (tn_recvmsg(fd, &msg, MSG_DONTWAIT) < 0)
			break;
		for (cmsg = CMSG_FIRSTHDR(&msg); cmsg;
		     cmsg = CMSG_NXTHDR(&msg, cmsg))
			if (cmsg->cmsg_level == SOL_IP &&
			    (cmsg->cmsg_type == IP_RECVOPTS ||
			     cmsg->cmsg_type == IP_RETOPTS) &&
			    cmsg->cmsg_len > CMSG_LEN(max_opt))
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pkt[FUZZ_MAX_FRAME];
	uint8_t opt[40], mode;
	size_t olen, hlen;
	int on = 1;

	if (!size)
		return 0;
	fuzz_setup();
	mode = data[0];
	olen = size - 1 > sizeof(opt) ? sizeof(opt) : size - 1;
	memcpy(opt, data + 1, olen);
	/* on the wire, the header holds whole words */
	hlen = 20 + ((olen + 3) & ~(size_t)3);
	memset(pkt, 0, sizeof(pkt));
	if (mode & 0x10)
		set_source_route(1);

	if (mode & 0x01) {
		uint8_t *icmp = pkt + hlen;
		uint16_t csum;

		fuzz_build_ipv4(pkt, 1, FUZZ_IP_B, FUZZ_IP_A, 16);
		memcpy(pkt + 20, opt, olen);
		pkt[0] = (uint8_t)(0x40 | (hlen / 4));
		pkt[2] = (uint8_t)((hlen + 16) >> 8);
		pkt[3] = (uint8_t)(hlen + 16);
		memset(icmp, 0, 16);
		icmp[0] = 8;
		icmp[5] = 1;
		csum = fuzz_csum_fold(fuzz_csum_partial(icmp, 16, 0));
		icmp[2] = (uint8_t)(csum >> 8);
		icmp[3] = (uint8_t)csum;
		fuzz_fix_ipv4_csum(pkt, hlen + 16);
		fuzz_inject_l3(0x0800, pkt, hlen + 16, 0);
	}
	if (mode & 0x02) {
		int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
		struct sockaddr_in sin = { .sin_family = AF_INET,
					   .sin_port = htons(OPT_PORT) };
		uint8_t *udp = pkt + hlen;

		if (fd >= 0 &&
		    tn_bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0) {
			tn_setsockopt(fd, SOL_IP, IP_RECVOPTS, &on, sizeof(on));
			tn_setsockopt(fd, SOL_IP, IP_RETOPTS, &on, sizeof(on));
			memset(pkt, 0, hlen + 12);
			fuzz_build_ipv4(pkt, 17, FUZZ_IP_B, FUZZ_IP_A, 12);
			memcpy(pkt + 20, opt, olen);
			pkt[0] = (uint8_t)(0x40 | (hlen / 4));
			pkt[2] = (uint8_t)((hlen + 12) >> 8);
			pkt[3] = (uint8_t)(hlen + 12);
			udp[0] = 0x13;
			udp[2] = OPT_PORT >> 8;
			udp[3] = OPT_PORT & 0xff;
			udp[5] = 12; /* checksum 0: none */
			fuzz_fix_ipv4_csum(pkt, hlen + 12);
			fuzz_inject_l3(0x0800, pkt, hlen + 12, 0);
			read_all(fd, 40);
		}
		if (fd >= 0)
			tn_close(fd);
	}
	if (mode & 0x0c) {
		int fds[2] = { tn_socket(AF_INET, SOCK_DGRAM, 0),
			       tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) };
		int i;

		for (i = 0; i < 2; i++) {
			if (fds[i] < 0)
				continue;
			if ((mode & 0x04) &&
			    tn_setsockopt(fds[i], SOL_IP, IP_OPTIONS, opt,
					  (socklen_t)olen) == 0)
				check_roundtrip(fds[i]);
			send_to(fds[i], FUZZ_IP_B, mode & 0x08, opt, olen);
			send_to(fds[i], 0x7f000001u, mode & 0x08, opt, olen);
			fuzz_advance_ms(10);
			read_all(fds[i], 40);
			tn_close(fds[i]);
		}
	}
	if (mode & 0x10)
		set_source_route(0);
	fuzz_finish_input();
	return 0;
}
