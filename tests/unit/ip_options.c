// SPDX-License-Identifier: BSD-2-Clause
/*
 * IP_OPTIONS on a socket: what ip_options_compile() accepts and refuses,
 * and what getsockopt() gives back (padded with EOL, what compiling
 * advanced taken back).  The table is what Linux 6.18 answered to the
 * same bytes as root (CAP_NET_RAW: security and unknown options pass) in
 * a namespace with only lo up.  Also the errnos around the call itself.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"

struct ocase {
	const char *name;
	int err; /* setsockopt errno, 0: accepted */
	const char *get; /* getsockopt bytes afterwards, in hex */
	const unsigned char *b;
	unsigned int len;
};

#define OC(name, err, get, ...)                                         \
	{                                                               \
		name, err, get, (const unsigned char[]){ __VA_ARGS__ }, \
			sizeof((const unsigned char[]){ __VA_ARGS__ })  \
	}

/* name, errno, getsockopt after, the bytes given */
static const struct ocase ocases[] = {
	OC("nop", 0, "01000000", 1),
	OC("rr_ping", 0,
	   "01072704000000000000000000000000000000000000000000000000000000000000000000000000",
	   1, 7, 39, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	OC("rr_ptr3", EINVAL, "", 7, 7, 3, 0, 0, 0, 0, 0),
	OC("rr_len2", EINVAL, "", 7, 2, 0, 0),
	OC("rr_full", 0, "0707080102030400", 7, 7, 8, 1, 2, 3, 4, 0),
	OC("rr_ptr_past", 0, "07070c0102030400", 7, 7, 12, 1, 2, 3, 4, 0),
	OC("rr_short_slot", EINVAL, "", 7, 6, 4, 0, 0, 0, 0, 0),
	OC("rr_twice", EINVAL, "", 7, 3, 4, 7, 3, 4, 0, 0),
	OC("ts_only", 0,
	   "44280500000000000000000000000000000000000000000000000000000000000000000000000000",
	   68, 40, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	OC("ts_addr", 0,
	   "442405010000000000000000000000000000000000000000000000000000000000000000",
	   68, 36, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	OC("ts_addr_short", EINVAL, "", 68, 8, 5, 1, 0, 0, 0, 0),
	OC("ts_prespec", 0, "440c05030a00020100000000", 68, 12, 5, 3, 10, 0, 2,
	   1, 0, 0, 0, 0),
	OC("ts_prespec_lo", 0, "440c05037f00000100000000", 68, 12, 5, 3, 127, 0,
	   0, 1, 0, 0, 0, 0),
	OC("ts_ptr4", EINVAL, "", 68, 8, 4, 0, 0, 0, 0, 0),
	OC("ts_len3", EINVAL, "", 68, 3, 5, 0),
	OC("ts_flag2", 0, "4408050200000000", 68, 8, 5, 2, 0, 0, 0, 0),
	OC("ts_full_ovf15", EINVAL, "", 68, 4, 5, 0xf0),
	OC("ts_full_ovf14", 0, "440405e0", 68, 4, 5, 0xe0),
	OC("ts_full_prespec", 0, "440405f3", 68, 4, 5, 0xf3),
	OC("lsrr", 0, "8307040a00020100", 131, 7, 4, 10, 0, 2, 1, 0),
	OC("lsrr2", 0, "830b040a0001010a00020100", 131, 11, 4, 10, 0, 1, 1, 10,
	   0, 2, 1, 0),
	OC("ssrr2", 0, "890b040a0001010a00020100", 137, 11, 4, 10, 0, 1, 1, 10,
	   0, 2, 1, 0),
	OC("lsrr_ptr8", EINVAL, "", 131, 7, 8, 10, 0, 2, 1, 0),
	OC("lsrr_len8", EINVAL, "", 131, 8, 4, 10, 0, 2, 1, 0),
	OC("lsrr_len3", EINVAL, "", 131, 3, 4, 0),
	OC("lsrr_twice", EINVAL, "", 131, 7, 4, 10, 0, 2, 1, 131, 7, 4, 10, 0,
	   2, 1, 0, 0),
	OC("sec", 0, "820b00000000000000000000", 130, 11, 0, 0, 0, 0, 0, 0, 0,
	   0, 0, 0),
	OC("cipso", EINVAL, "", 134, 10, 0, 0, 0, 1, 1, 4, 0, 0, 0, 0),
	OC("cipso_short", EINVAL, "", 134, 2, 0, 0),
	OC("ra", 0, "94040000", 148, 4, 0, 0),
	OC("ra_len2", EINVAL, "", 148, 2, 0, 0),
	OC("ra_nonzero", 0, "94040001", 148, 4, 0, 1),
	OC("unknown", 0, "99020000", 0x99, 2, 0, 0),
	OC("len_past_end", EINVAL, "", 1, 1, 68, 12, 5, 0),
	OC("len_zero", EINVAL, "", 0x99, 0, 0, 0),
	OC("len_one", EINVAL, "", 0x99, 1, 0, 0),
	OC("eol_garbage", 0, "00000000", 0, 1, 2, 3),
	OC("nop_eol_garbage", 0, "0100000000000000", 1, 0, 7, 3, 4, 0),
	OC("single_type", EINVAL, "", 7),
	OC("single_eol", 0, "00000000", 0),
	OC("rr_then_ts", 0, "07070400000000440c0500000000000000000000", 7, 7, 4,
	   0, 0, 0, 0, 68, 12, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	OC("len41", EINVAL, "", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	   1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	   1, 1),
	OC("len40", 0,
	   "01010101010101010101010101010101010101010101010101010101010101010101010101010101",
	   1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	   1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
};

static void test_ip_options_table(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	unsigned int i, j;
	int bad = 0;

	for (i = 0; i < sizeof(ocases) / sizeof(ocases[0]); i++) {
		const struct ocase *c = &ocases[i];
		unsigned char buf[64];
		char hex[129] = "";
		socklen_t l = sizeof(buf);
		int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
		int rc, err;

		KT_ASSERT(fd >= 0);
		rc = tn_setsockopt(fd, SOL_IP, IP_OPTIONS, c->b, c->len);
		err = rc ? errno : 0;
		KT_EQ(tn_getsockopt(fd, SOL_IP, IP_OPTIONS, buf, &l), 0);
		for (j = 0; j < l && j < 64; j++)
			snprintf(hex + 2 * j, 3, "%02x", buf[j]);
		if (err != c->err || strcmp(hex, c->get)) {
			fprintf(stderr,
				"  %s: errno %d want %d, got %s want %s\n",
				c->name, err, c->err, hex, c->get);
			bad++;
		}
		tn_close(fd);
	}
	KT_EQ(bad, 0);
	kt_stack_done(st);
}

/* Each send carries the options; a short getsockopt gets the start. */
static void test_ip_options_calls(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	static const unsigned char rr[8] = { 7, 7, 4, 0, 0, 0, 0, 0 };
	unsigned char buf[8];
	socklen_t l = 3;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, NULL, 4), -1);
	KT_EQ(errno, EFAULT);
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, rr, sizeof(rr)), 0);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_OPTIONS, buf, &l), 0);
	KT_EQ(l, 3);
	KT_ASSERT(memcmp(buf, rr, 3) == 0);
	/* cleared by an empty set */
	KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, rr, 0), 0);
	l = sizeof(buf);
	KT_EQ(tn_getsockopt(fd, SOL_IP, IP_OPTIONS, buf, &l), 0);
	KT_EQ(l, 0);
	tn_close(fd);

	/* even an empty set is options: IP_HDRINCL refuses them (Linux) */
	fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	KT_ASSERT(fd >= 0);
	{
		unsigned char pkt[28] = { 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17 };
		struct sockaddr_in d = kt_lo_addr(0);

		memcpy(pkt + 12, &d.sin_addr, 4);
		memcpy(pkt + 16, &d.sin_addr, 4);
		KT_EQ(tn_sendto(fd, pkt, sizeof(pkt), 0, KT_SA(&d), sizeof(d)),
		      28);
		KT_EQ(tn_setsockopt(fd, SOL_IP, IP_OPTIONS, NULL, 0), 0);
		KT_EQ(tn_sendto(fd, pkt, sizeof(pkt), 0, KT_SA(&d), sizeof(d)),
		      -1);
		KT_EQ(errno, EINVAL);
	}
	tn_close(fd);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_ip_options_table), KT(test_ip_options_calls))
