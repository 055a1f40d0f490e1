// SPDX-License-Identifier: BSD-2-Clause
/*
 * tuxnet-packetdrill's packets without a stack: TCP segments the stack
 * would send are made with the builder from the other side of the flow,
 * then checked against what a script expects (ISN learned from the SYN,
 * relative seq/ack, window, options kind by kind, no options, payload),
 * coalesced as TSO segments, and their checksums verified; inbound
 * timestamps echo the live TS val behind the script's.
 */
#include <arpa/inet.h>
#include <string.h>

#include "ktest.h"
#include "packet.h"
#include "pd.h"

static struct pd_config cfg;
static struct pd_flow flow, peer;
static uint8_t buf[PD_PKT_MAX], buf2[PD_PKT_MAX];
static char err[256];

#define LOCAL_ISN 1000000u

static struct pd_packet *spec(const char *line)
{
	static struct pd_script s;
	static struct pd_packet p;
	int rc;

	pd_script_free(&s);
	rc = pd_parse("t.pkt", line, &s, err, sizeof(err));
	if (rc)
		fprintf(stderr, "  %s\n", err);
	KT_EQ(rc, 0);
	p = *s.events[0].pkt;
	pd_script_free(&s);
	return &p;
}

static void setup(void)
{
	pd_config_defaults(&cfg);
	memset(&flow, 0, sizeof(flow));
	(void)inet_pton(AF_INET, "192.168.0.1", &flow.local_ip);
	(void)inet_pton(AF_INET, "192.0.2.1", &flow.remote_ip);
	flow.local_port = 8080;
	flow.remote_port = 40000;
	flow.ports_fixed = true;
	/* the peer's view: builds what the stack would send */
	peer = flow;
	peer.local_ip = flow.remote_ip;
	peer.remote_ip = flow.local_ip;
	peer.local_port = flow.remote_port;
	peer.remote_port = flow.local_port;
	peer.remote_isn = LOCAL_ISN;
	peer.local_isn = 0;
}

/* What the stack would send, as @line says, as bytes in @b. */
static int live(const char *line, uint8_t *b)
{
	int len = pd_packet_build(&cfg, &peer, spec(line), b, PD_PKT_MAX, err,
				  sizeof(err));

	KT_ASSERT(len > 0);
	return len;
}

static int check(const char *line, const uint8_t *b, int len)
{
	return pd_packet_check(&cfg, &flow, spec(line), b, (size_t)len, err,
			       sizeof(err));
}

static void test_syn_ack_learns_isn_and_checks_options(void)
{
	int len;

	setup();
	len = live(
		"0 < S. 0:0(0) ack 1 win 65535 <mss 1460,nop,nop,sackOK,nop,wscale 8>\n",
		buf);
	KT_EQ(check("0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>\n",
		    buf, len),
	      0);
	KT_EQ(flow.local_isn, LOCAL_ISN);
	KT_EQ(check("0 > S. 0:0(0) ack 1 win 65535 <...>\n", buf, len), 0);
	KT_EQ(check("0 > S. 0:0(0) ack 1 win 65534 <...>\n", buf, len), -1);
	KT_STREQ(err, "win: expected 65534, got 65535");
	KT_EQ(check("0 > S. 0:0(0) ack 1 <mss 1460,sackOK,nop,nop,nop,wscale 8>\n",
		    buf, len),
	      -1);
	KT_STREQ(err,
		 "TCP option 2: expected kind 4 length 2, got kind 1 length 1");
	KT_EQ(check("0 > S. 0:0(0) ack 1 <mss 1400,nop,nop,sackOK,nop,wscale 8>\n",
		    buf, len),
	      -1);
	KT_STREQ(err, "mss: expected 1400, got 1460");
	KT_EQ(check("0 > S. 0:0(0) ack 1\n", buf, len), -1);
	KT_STREQ(err, "expected no TCP options, got 12 bytes");
	KT_EQ(check("0 > S 0:0(0) <...>\n", buf, len), -1);
	KT_STREQ(err, "flags: expected S, got S.");
}

static void test_data_seq_ack_payload(void)
{
	int len;

	setup();
	flow.local_isn = LOCAL_ISN;
	len = live("0 < P. 1:1001(1000) ack 1 win 500\n", buf);
	KT_EQ(check("0 > P. 1:1001(1000) ack 1\n", buf, len), 0);
	KT_EQ(check("0 > P. 2:1002(1000) ack 1\n", buf, len), -1);
	KT_STREQ(err, "seq: expected 2, got 1");
	KT_EQ(check("0 > P. 1:1000(999) ack 1\n", buf, len), -1);
	KT_STREQ(err, "payload: expected 999 bytes, got 1000");
	KT_EQ(check("0 > P. 1:1001(1000) ack 2\n", buf, len), -1);
	KT_STREQ(err, "ack: expected 2, got 1");
	KT_EQ(check("0 > P. 1:1001(1000) ack 1 <nop>\n", buf, len), -1);
	KT_STREQ(err, "TCP option 1 missing");
	buf[60] ^= 1; /* a payload byte: the checksum no longer holds */
	KT_EQ(pd_packet_verify(buf, (size_t)len, err, sizeof(err)), -1);
	KT_ASSERT(!strncmp(err, "bad TCP checksum", 16));
}

static void test_tso_segments_coalesce(void)
{
	int a, b, n;

	setup();
	flow.local_isn = LOCAL_ISN;
	a = live("0 < . 1:1001(1000) ack 1 win 500\n", buf);
	b = live("0 < P. 1001:1501(500) ack 1 win 500\n", buf2);
	n = pd_packet_coalesce(buf, (size_t)a, sizeof(buf), buf2, (size_t)b);
	KT_EQ(n, a + 500);
	KT_EQ(pd_packet_verify(buf, (size_t)n, err, sizeof(err)), 0);
	KT_EQ(check("0 > P. 1:1501(1500) ack 1\n", buf, n), 0);
	/* not contiguous: left alone */
	b = live("0 < P. 3001:3501(500) ack 1 win 500\n", buf2);
	KT_EQ(pd_packet_coalesce(buf, (size_t)n, sizeof(buf), buf2, (size_t)b),
	      -1);
}

static void test_inbound_ecr_is_the_live_val(void)
{
	struct pd_packet *p;
	int len;
	uint32_t ecr;

	setup();
	len = live("0 < S. 0:0(0) ack 1 win 100 <TS val 5000 ecr 0>\n", buf);
	KT_EQ(check("0 > S. 0:0(0) ack 1 <TS val 100 ecr 0>\n", buf, len), 0);
	p = spec("0 < . 1:1(0) ack 1 win 257 <TS val 7 ecr 100,nop,nop>\n");
	len = pd_packet_build(&cfg, &flow, p, buf, sizeof(buf), err,
			      sizeof(err));
	KT_EQ(len, 20 + 20 + 12);
	memcpy(&ecr, buf + 40 + 6, 4);
	KT_EQ(ntohl(ecr), 5000);
	KT_EQ(pd_packet_verify(buf, (size_t)len, err, sizeof(err)), 0);

	/* a later val: the old one is still echoed as what was sent */
	len = live("0 < . 1:1(0) ack 1 win 100 <nop,nop,TS val 5900 ecr 7>\n",
		   buf);
	KT_EQ(check("0 > . 1:1(0) ack 1 <nop,nop,TS val 150 ecr 7>\n", buf,
		    len),
	      0);
	p = spec("0 < . 1:1(0) ack 1 win 257 <TS val 8 ecr 100,nop,nop>\n");
	KT_EQ(pd_packet_build(&cfg, &flow, p, buf, sizeof(buf), err,
			      sizeof(err)),
	      52);
	memcpy(&ecr, buf + 40 + 6, 4);
	KT_EQ(ntohl(ecr), 5000);
	p = spec("0 < . 1:1(0) ack 1 win 257 <TS val 8 ecr 160,nop,nop>\n");
	KT_EQ(pd_packet_build(&cfg, &flow, p, buf, sizeof(buf), err,
			      sizeof(err)),
	      52);
	memcpy(&ecr, buf + 40 + 6, 4);
	KT_EQ(ntohl(ecr), 5910); /* never sent: the latest offset */
}

static void test_icmp_frag_needed_quotes_the_segment(void)
{
	struct pd_packet *p;
	uint32_t seq;
	int len;

	setup();
	flow.local_isn = LOCAL_ISN;
	p = spec("0 < icmp unreachable frag_needed mtu 1200 [1:1461(1460)]\n");
	len = pd_packet_build(&cfg, &flow, p, buf, sizeof(buf), err,
			      sizeof(err));
	KT_EQ(len, 20 + 8 + 20 + 8);
	KT_EQ(buf[20], 3);
	KT_EQ(buf[21], 4);
	KT_EQ(buf[26] << 8 | buf[27], 1200);
	KT_EQ(buf[28 + 9], 6); /* the quoted header is TCP */
	KT_EQ(buf[28 + 2] << 8 | buf[28 + 3], 1500); /* its length */
	memcpy(&seq, buf + 48 + 4, 4);
	KT_EQ(ntohl(seq), LOCAL_ISN + 1);
	KT_EQ(pd_packet_verify(buf, (size_t)len, err, sizeof(err)), 0);
}

KTEST_MAIN(KT(test_syn_ack_learns_isn_and_checks_options),
	   KT(test_data_seq_ack_payload), KT(test_tso_segments_coalesce),
	   KT(test_inbound_ecr_is_the_live_val),
	   KT(test_icmp_frag_needed_quotes_the_segment))
