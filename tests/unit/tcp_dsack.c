// SPDX-License-Identifier: BSD-2-Clause
/*
 * D-SACK (RFC 2883) between two namespaces over veth, in virtual time:
 * the receiver reports a segment it already had in the first SACK block
 * of its next ACK, once, and counts TCPDSACKOldSent / TCPDSACKOfoSent;
 * the sender recognises it (TCPDSACKRecv, TCPDSACKRecvSegs,
 * tcpi_dsack_dups).  net.ipv4.tcp_dsack=0 turns the reports off.  An
 * rx_handler on each end records whole segments and drops the ones the
 * test asks it to; a raw socket sends a recorded segment again.  Also
 * net.ipv4.tcp_reordering, the duplicate-ACK threshold.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <linux/ip.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define KT_SA(p) ((struct sockaddr *)(void *)(p))

static struct tn_stack *st;
static struct tp_wire wire_a, wire_b; /* received by va, by vb */

static void setup(void)
{
	memset(&wire_a, 0, sizeof(wire_a));
	memset(&wire_b, 0, sizeof(wire_b));
	st = tp_setup(NULL, tp_wire_rx, &wire_a, tp_wire_rx, &wire_b);
}

static void teardown(void)
{
	tp_teardown(st);
}

static void close_pair(int l, int c, int s)
{
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

static long tcpext_b(const char *name)
{
	long v;

	KT_EQ(tn_netns_set("b"), 0);
	v = tp_tcpext(name);
	KT_EQ(tn_netns_set(NULL), 0);
	return v;
}

/*
 * The SACK blocks of a recorded segment: how many, copied to @blk as
 * start,end pairs; -1 without a SACK option.
 */
static int sack_blocks(const struct tp_seg *s, u32 *blk)
{
	unsigned int i = 20;

	while (i < s->doff) {
		u8 kind = s->raw[i], olen;

		if (kind == 0)
			break;
		if (kind == 1) {
			i++;
			continue;
		}
		olen = s->raw[i + 1];
		if (kind == 5) {
			int n = (olen - 2) / 8, j;

			for (j = 0; j < 2 * n; j++)
				blk[j] =
					tp_be32(s->raw + i + 2 + 4 * (size_t)j);
			return n;
		}
		i += olen;
	}
	return -1;
}

static void set_dsack_b(const char *v)
{
	int fd;

	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_open("/proc/sys/net/ipv4/tcp_dsack", O_RDWR);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, v, strlen(v)), (ssize_t)strlen(v));
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
}

/* the last segment @w recorded without data */
static const struct tp_seg *last_ack(const struct tp_wire *w)
{
	unsigned int i = w->nsegs;

	while (i--)
		if (!w->segs[i].datalen)
			return &w->segs[i];
	return NULL;
}

/*
 * The ACK of 100 bytes is lost; the sender's RTO sends them again; the
 * receiver already has them, so its ACK carries the D-SACK block
 * [seq, seq + 100) (RFC 2883 4.1.1), and the sender counts one
 * duplicate.  The next ACK has no SACK option: a D-SACK is sent once.
 */
static void test_dsack_old_duplicate(void)
{
	static char data[100];
	char buf[200];
	const struct tp_seg *ack;
	u32 blk[8], seq;
	int l, c, s, fd;

	setup();
	KT_EQ(tn_netns_set("b"), 0);
	fd = tn_open("/proc/sys/net/ipv4/tcp_dsack", O_RDONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_read(fd, buf, sizeof(buf)), 2);
	KT_ASSERT(!memcmp(buf, "1\n", 2));
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
	tp_connect_pair(9600, &l, &c, &s);
	wire_a.drop_acks = 1;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_a.dropped, 1);
	KT_EQ(wire_b.nsegs > 0, 1);
	seq = wire_b.segs[wire_b.nsegs - 1].seq;
	KT_EQ(tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT), 100);
	tn_clock_advance(st, 1500 * NSEC_PER_MSEC); /* the RTO */
	KT_EQ(tp_info(c).tcpi_total_retrans, 1);
	ack = last_ack(&wire_a);
	KT_ASSERT(ack);
	KT_EQ(sack_blocks(ack, blk), 1);
	KT_EQ(blk[0], seq);
	KT_EQ(blk[1], seq + 100);
	KT_EQ(ack->ack, seq + 100);
	KT_EQ(tcpext_b("TCPDSACKOldSent"), 1);
	KT_EQ(tcpext_b("TCPDSACKOfoSent"), 0);
	KT_EQ(tp_tcpext("TCPDSACKRecv"), 1);
	KT_EQ(tp_tcpext("TCPDSACKRecvSegs"), 1);
	KT_EQ(tp_tcpext("TCPDSACKIgnoredDubious"), 0);
	KT_EQ(tp_info(c).tcpi_dsack_dups, 1);
	/* the next ACK: no D-SACK again */
	KT_EQ(tn_send(c, "x", 1, 0), 1);
	tn_clock_advance(st, 200 * NSEC_PER_MSEC);
	ack = last_ack(&wire_a);
	KT_EQ(ack->ack, seq + 101);
	KT_EQ(sack_blocks(ack, blk), -1);
	KT_EQ(tcpext_b("TCPDSACKOldSent"), 1);
	close_pair(l, c, s);
	teardown();
}

/* net.ipv4.tcp_dsack=0: the same duplicate is ACKed without a SACK block */
static void test_dsack_sysctl_off(void)
{
	static char data[100];
	const struct tp_seg *ack;
	u32 blk[8] = { 0 };
	int l, c, s;

	setup();
	set_dsack_b("0\n");
	tp_connect_pair(9601, &l, &c, &s);
	wire_a.drop_acks = 1;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_a.dropped, 1);
	tn_clock_advance(st, 1500 * NSEC_PER_MSEC);
	KT_EQ(tp_info(c).tcpi_total_retrans, 1);
	ack = last_ack(&wire_a);
	KT_ASSERT(ack);
	KT_EQ(sack_blocks(ack, blk), -1);
	KT_EQ(tcpext_b("TCPDSACKOldSent"), 0);
	KT_EQ(tp_tcpext("TCPDSACKRecv"), 0);
	KT_EQ(tp_info(c).tcpi_dsack_dups, 0);
	close_pair(l, c, s);
	teardown();
}

/* net.ipv4.tcp_recovery of the client's (initial) namespace */
static void set_recovery_a(const char *val)
{
	int fd = tn_open("/proc/sys/net/ipv4/tcp_recovery", O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, val, strlen(val)), (ssize_t)strlen(val));
	tn_close(fd);
}

/*
 * send the recorded segment @sg again, from the client's namespace, its
 * checksum computed afresh (veth leaves it to the receiver)
 */
static void resend(const struct tp_seg *sg)
{
	static u8 raw[sizeof(sg->raw)];
	struct sockaddr_in dst = { .sin_family = AF_INET };
	int fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_TCP);
	u8 pseudo[12] = { 0 };
	u16 sum;

	KT_ASSERT(fd >= 0);
	inet_pton(AF_INET, "10.0.0.2", &dst.sin_addr);
	memcpy(raw, sg->raw, sg->len);
	raw[16] = raw[17] = 0;
	inet_pton(AF_INET, "10.0.0.1", pseudo);
	memcpy(pseudo + 4, &dst.sin_addr, 4);
	pseudo[9] = IPPROTO_TCP;
	pseudo[10] = (u8)(sg->len >> 8);
	pseudo[11] = (u8)sg->len;
	sum = (u16)~tp_csum_fold_add(tp_csum_fold_add(0, pseudo, 12), raw,
				     sg->len);
	raw[16] = (u8)(sum >> 8);
	raw[17] = (u8)sum;
	KT_EQ(tn_sendto(fd, raw, sg->len, 0, KT_SA(&dst), sizeof(dst)),
	      (ssize_t)sg->len);
	tn_close(fd);
}

/*
 * Out of order: the first of three segments is lost, the other two wait
 * in the out-of-order queue, and the second arrives again.  The ACK's
 * first block is the duplicate, inside the second block, which covers
 * both waiting segments (RFC 2883 4.2.1); TCPDSACKOfoSent counts it and
 * the sender (which never sent it twice) counts TCPDSACKOfoRecv and
 * calls the report dubious.
 */
static void test_dsack_ofo_duplicate(void)
{
	static char data[3 * 1448];
	const struct tp_seg *ack, *second;
	u32 blk[8] = { 0 };
	unsigned int n0;
	int l, c, s, one = 1;

	setup();
	/* the dupack threshold, not RACK: with no RTT on this wire RACK
	 * would send the hole again at once */
	set_recovery_a("0\n");
	tp_connect_pair(9602, &l, &c, &s);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	wire_b.drop_data = 1;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.dropped, 1);
	KT_ASSERT(wire_b.nsegs >= 2);
	second = &wire_b.segs[wire_b.nsegs - 2];
	KT_EQ(second->datalen, 1448);
	n0 = wire_a.nsegs;
	resend(second);
	KT_ASSERT(wire_a.nsegs > n0);
	ack = &wire_a.segs[n0];
	KT_EQ(ack->datalen, 0);
	KT_EQ(sack_blocks(ack, blk), 2);
	KT_EQ(blk[0], second->seq);
	KT_EQ(blk[1], second->seq + 1448);
	KT_EQ(blk[2], second->seq);
	KT_EQ(blk[3], second->seq + 2 * 1448);
	KT_EQ(tcpext_b("TCPDSACKOfoSent"), 1);
	KT_EQ(tcpext_b("TCPDSACKOldSent"), 0);
	KT_EQ(tp_tcpext("TCPDSACKOfoRecv"), 1);
	KT_EQ(tp_tcpext("TCPDSACKIgnoredDubious"), 1);
	KT_EQ(tp_tcpext("TCPDSACKRecvSegs"), 0);
	close_pair(l, c, s);
	teardown();
}

/*
 * With net.ipv4.tcp_recovery=0 (no RACK), net.ipv4.tcp_reordering is
 * the duplicate-ACK threshold of fast retransmit and the connection's tcpi_reordering: at 10, the seven
 * duplicate ACKs of eight segments (the first lost) are not enough and
 * the RTO repairs the loss.
 */
static void test_reordering_threshold(void)
{
	static char data[8 * 1448];
	char buf[16];
	int l, c, s, fd, one = 1;

	setup();
	fd = tn_open("/proc/sys/net/ipv4/tcp_reordering", O_RDONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_read(fd, buf, sizeof(buf)), 2);
	KT_ASSERT(!memcmp(buf, "3\n", 2));
	tn_close(fd);
	fd = tn_open("/proc/sys/net/ipv4/tcp_reordering", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, "10\n", 3), 3);
	tn_close(fd);
	/* RACK ignores the threshold (it goes by time): RFC 6675 mode */
	set_recovery_a("0\n");
	tp_connect_pair(9603, &l, &c, &s);
	KT_EQ(tp_info(c).tcpi_reordering, 10);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	wire_b.drop_data = 1;
	KT_EQ(tn_send(c, data, sizeof(data), 0), (ssize_t)sizeof(data));
	KT_EQ(wire_b.dropped, 1);
	KT_EQ(tp_tcpext("TCPFastRetrans"), 0);
	KT_EQ(tp_info(c).tcpi_total_retrans, 0);
	tn_clock_advance(st, 1500 * NSEC_PER_MSEC);
	KT_EQ(tp_tcpext("TCPFastRetrans"), 0);
	KT_EQ(tp_tcpext("TCPTimeouts"), 1);
	KT_EQ(tp_info(c).tcpi_unacked, 0);
	close_pair(l, c, s);
	teardown();
}

KTEST_MAIN(KT(test_dsack_old_duplicate), KT(test_dsack_sysctl_off),
	   KT(test_dsack_ofo_duplicate), KT(test_reordering_threshold))
