// SPDX-License-Identifier: BSD-2-Clause
/*
 * net.ipv4.* sysctls of the IP layer, by their effect: each case below
 * was first run on Linux 6.18 in a fresh `unshare -n` namespace (a Python
 * script with the same calls) and gives what Linux gave.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#include "ktest.h"
#include "kfile.h"
#include "kstack.h"
#include "snmp.h"

static int tcp_sock(int reuse)
{
	int fd = tn_socket(AF_INET, SOCK_STREAM, 0);

	KT_ASSERT(fd >= 0);
	if (reuse)
		KT_EQ(tn_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse,
				    sizeof(reuse)),
		      0);
	return fd;
}

/* bind(@fd, 0.0.0.0:0): the port it got, or -errno */
static int bind_any(int fd)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	if (tn_bind(fd, KT_SA(&sa), sizeof(sa)))
		return -errno;
	KT_EQ(tn_getsockname(fd, KT_SA(&sa), &len), 0);
	return ntohs(sa.sin_port);
}

/*
 * ip_autobind_reuse: bind() to port 0 with SO_REUSEADDR takes a port
 * another SO_REUSEADDR sock holds only once every port is taken and the
 * sysctl is 1 (inet_csk_find_open_port's relaxed pass), never one a
 * listener holds nor without SO_REUSEADDR.
 */
static void test_autobind_reuse(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int a, b, c, d, e;

	kt_ipv4_sysctl_set("ip_local_port_range", "40000 40000");
	a = tcp_sock(1);
	KT_EQ(bind_any(a), 40000);
	b = tcp_sock(1);
	KT_EQ(bind_any(b), -EADDRINUSE);
	c = tcp_sock(0);
	KT_EQ(bind_any(c), -EADDRINUSE);
	kt_ipv4_sysctl_set("ip_autobind_reuse", "1");
	KT_EQ(bind_any(b), 40000);
	KT_EQ(bind_any(c), -EADDRINUSE);
	KT_EQ(tn_listen(a, 1), 0);
	d = tcp_sock(1);
	KT_EQ(bind_any(d), -EADDRINUSE);
	kt_ipv4_sysctl_set("ip_autobind_reuse", "0");
	/* the scan: odd ports, and with SO_REUSEADDR the lower half of the
	 * range ([32768, 46884) here) before the upper one */
	kt_ipv4_sysctl_set("ip_local_port_range", "32768 60999");
	for (int i = 0; i < 50; i++) {
		int p;

		e = tcp_sock(1);
		p = bind_any(e);
		KT_ASSERT(p >= 32768 && p < 46884 && (p & 1));
		tn_close(e);
	}
	tn_close(a);
	tn_close(b);
	tn_close(c);
	tn_close(d);
	kt_stack_done(st);
}

/* RFC 8335 probes sent to 127.0.0.1 (extension header 0x20 00 00 00, then
 * the object); @reply what Linux 6.18 answered (ICMP part, hex), with
 * IPv6 off so that no IPv6 bit is set, "" for none */
static const struct {
	const char *name, *req, *reply;
} probes[] = {
	{ "name lo",
	  "2a000000123401012000000000060301"
	  "6c6f",
	  "2b00324f1234010620000000000603016c6f" },
	{ "name lo padded",
	  "2a000000123401012000000000080301"
	  "6c6f0000",
	  "2b00324d1234010620000000000803016c6f0000" },
	{ "index 1",
	  "2a000000123401012000000000080302"
	  "00000001",
	  "2b009eba12340106200000000008030200000001" },
	{ "index 99",
	  "2a000000123401012000000000080302"
	  "00000063",
	  "2b029e5c12340100200000000008030200000063" },
	{ "addr 127.0.0.1",
	  "2a0000001234010120000000000c0303"
	  "000104007f000001",
	  "2b001bb41234010620000000000c0303000104007f000001" },
	{ "addr 10.9.9.9",
	  "2a0000001234010120000000000c0303"
	  "000104000a090909",
	  "2b0287a71234010020000000000c0303000104000a090909" },
	{ "name eth9",
	  "2a000000123401012000000000080301"
	  "65746839",
	  "2b02d11212340100200000000008030165746839" },
	{ "name 16 long",
	  "2a000000123401012000000000140301"
	  "6162636465666768696a6b6c6d6e6f70",
	  "2b015b6a1234010020000000001403016162636465666768696a6b6c6d6e6f70" },
	{ "ident empty", "2a000000123401012000000000040301",
	  "2b019ec5123401002000000000040301" },
	{ "ctype 5",
	  "2a000000123401012000000000060305"
	  "6c6f",
	  "2b0132501234010020000000000603056c6f" },
	{ "addr len 3",
	  "2a0000001234010120000000000b0303"
	  "000103007f0000",
	  "2b011cbb1234010020000000000b0303000103007f0000" },
	{ "addr afi 9",
	  "2a0000001234010120000000000c0303"
	  "000904007f000001",
	  "2b011bb11234010020000000000c0303000904007f000001" },
	{ "index len 2",
	  "2a000000123401012000000000060302"
	  "0001",
	  "2b019ec11234010020000000000603020001" },
	{ "length 25",
	  "2a000000123401012000000000190301"
	  "6c6f",
	  "2b0132411234010020000000001903016c6f" },
	{ "truncated",
	  "2a0000001234010120000000000c0301"
	  "6c6f",
	  "2b01324e1234010020000000000c03016c6f" },
	{ "no object",
	  "2a00000012340101"
	  "20000000",
	  "2b01a1ca1234010020000000" },
	{ "L clear",
	  "2a000000123403002000000000060301"
	  "6c6f",
	  "" },
	{ "seq low bits",
	  "2a0000001234"
	  "05ff"
	  "2000000000060301"
	  "6c6f",
	  "2b002e4f1234050620000000000603016c6f" },
	{ "code 3",
	  "2a030000123401012000000000060301"
	  "6c6f",
	  "2b03324c1234010620000000000603016c6f" },
	{ "trailing data",
	  "2a000000123401012000000000060301"
	  "6c6f78797a",
	  "2b003fd51234010620000000000603016c6f78797a" },
};

static size_t unhex(const char *h, unsigned char *out)
{
	size_t n = 0;

	for (; h[0] && h[1]; h += 2) {
		unsigned int b;

		KT_EQ(sscanf(h, "%2x", &b), 1);
		out[n++] = (unsigned char)b;
	}
	return n;
}

/* send @req (its checksum filled in) on raw socket @fd; the ICMP part of
 * the type 43 reply in hex into @hex, "" if none came */
static void probe_once(int fd, const char *req, char *hex)
{
	struct sockaddr_in to = kt_lo_addr(0);
	unsigned char pkt[128], buf[256];
	unsigned long sum = 0;
	size_t len = unhex(req, pkt);

	for (size_t i = 0; i < len; i += 2)
		sum += (unsigned long)(pkt[i] << 8 |
				       (i + 1 < len ? pkt[i + 1] : 0));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	pkt[2] = (unsigned char)(~sum >> 8);
	pkt[3] = (unsigned char)~sum;
	KT_EQ(tn_sendto(fd, pkt, len, 0, KT_SA(&to), sizeof(to)), (ssize_t)len);
	hex[0] = '\0';
	/* lo delivers before sendto returns */
	for (;;) {
		ssize_t n = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		size_t ihl;

		if (n < 0)
			break;
		KT_ASSERT(n > 20);
		ihl = (size_t)(buf[0] & 15) * 4;
		if (buf[ihl] != 43)
			continue;
		KT_EQ(buf[8], 64); /* ttl */
		KT_EQ(buf[1], 0); /* tos */
		for (size_t i = ihl; i < (size_t)n; i++)
			(void)sprintf(hex + 2 * (i - ihl), "%02x", buf[i]);
	}
}

/*
 * icmp_echo_enable_probe: off, no probe is answered; on, each is answered
 * byte for byte as Linux answers it (icmp_build_probe).
 */
static void test_echo_probe(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	char hex[512];
	size_t i;

	KT_ASSERT(fd >= 0);
	for (i = 0; i < N_ELEMS(probes); i++) {
		probe_once(fd, probes[i].req, hex);
		KT_STREQ(hex, "");
	}
	kt_ipv4_sysctl_set("icmp_echo_enable_probe", "1");
	for (i = 0; i < N_ELEMS(probes); i++) {
		probe_once(fd, probes[i].req, hex);
		if (strcmp(hex, probes[i].reply))
			fprintf(stderr, "  probe %s\n", probes[i].name);
		KT_STREQ(hex, probes[i].reply);
	}
	/* Linux 6.18 counts its 19 replies as echo replies (the flow of
	 * icmp_reply has no ICMP type), 20 + 20 requests sent and seen */
	KT_EQ(th_snmp("snmp", "IcmpMsg:", "OutType0"), 19);
	KT_EQ(th_snmp("snmp", "IcmpMsg:", "InType43"), 19);
	KT_EQ(th_snmp("snmp", "IcmpMsg:", "InType42"), 40);
	KT_EQ(th_snmp("snmp", "Icmp:", "OutEchoReps"), 19);
	KT_EQ(th_snmp("snmp", "Icmp:", "OutMsgs"), 59);
	/* so is a timestamp reply (seen on 6.18 as well) */
	probe_once(fd,
		   "0d000000000100010000000000000000"
		   "00000000",
		   hex);
	KT_EQ(th_snmp("snmp", "Icmp:", "OutEchoReps"), 20);
	KT_EQ(th_snmp("snmp", "Icmp:", "OutTimestampReps"), 0);
	KT_EQ(th_snmp("snmp", "Icmp:", "InTimestampReps"), 1);
	tn_close(fd);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_autobind_reuse), KT(test_echo_probe))
