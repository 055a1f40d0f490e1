// SPDX-License-Identifier: BSD-2-Clause
/*
 * Writes to /proc/sys parsed as Linux 6.18 parses them (proc_get_long and
 * __do_proc_dointvec, with kernel.sysctl_writes_strict = 1): numbers in
 * C notation (0x1F, 010) with no '+', separated by space, tab or newline
 * only, at most 21 characters each; what follows the last value the entry
 * holds is left unconsumed (a short write); a write at a nonzero file
 * position is accepted and ignored; values that do not fit are EINVAL,
 * also after a unit conversion.  Each expected result was seen on Linux.
 */
#include <fcntl.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include <net/stack.h>

#include "ktest.h"

#define KEY_SOMAXCONN "/proc/sys/net/core/somaxconn"

/* One write of @len bytes on a fresh fd; @val gets what reads back. */
static ssize_t put(const char *key, const char *s, size_t len, char *val)
{
	ssize_t r, n;
	int fd = tn_open(key, O_WRONLY), err;

	KT_ASSERT(fd >= 3);
	r = tn_write(fd, s, len);
	err = errno;
	tn_close(fd);
	fd = tn_open(key, O_RDONLY);
	KT_ASSERT(fd >= 3);
	n = tn_read(fd, val, 63);
	KT_ASSERT(n > 0);
	val[n - 1] = '\0';
	tn_close(fd);
	errno = err;
	return r;
}

#define PUT(s, ret, after)                                              \
	do {                                                            \
		char v_[64];                                            \
		KT_EQ(put(KEY_SOMAXCONN, s, sizeof(s) - 1, v_), (ret)); \
		if ((ret) < 0)                                          \
			KT_EQ(errno, EINVAL);                           \
		KT_STREQ(v_, after);                                    \
	} while (0)

static void test_sysctl_write_parses_as_linux(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	char v[64];
	int fd;

	tn_stack_attach(st);
	PUT("5", 1, "5");
	PUT("1\0junk", -1, "5");
	PUT("6\r", -1, "5");
	PUT("7\v", -1, "5");
	PUT("8 x", 2, "8");
	PUT("9 2", 2, "9");
	PUT("  ", -1, "9");
	PUT("10\n\n", 4, "10");
	PUT("- 3", -1, "10");
	PUT("-", -1, "10");
	PUT("+5", -1, "10");
	PUT("0x1F", 4, "31");
	PUT("010", 3, "8");
	PUT("0x", -1, "8");
	PUT("08", -1, "8"); /* octal: "0", then a digit that does not belong */
	PUT("1e2", -1, "8");
	PUT("5\f", -1, "8");
	PUT("12345678901234567890123", -1, "8");
	PUT("000000000000000000011", -1, "8");
	PUT("2147483648", -1, "8");
	PUT("13\t", 3, "13");
	PUT("\t14", 3, "14");
	PUT("\v15", 3, "15");
	PUT("", 0, "15");

	/* A second write on the same fd is at a nonzero position: ignored. */
	fd = tn_open(KEY_SOMAXCONN, O_WRONLY);
	KT_EQ(tn_write(fd, "16", 2), 2);
	KT_EQ(tn_write(fd, "17", 2), 2);
	KT_EQ(tn_write(fd, "x", 1), 1);
	tn_close(fd);
	put(KEY_SOMAXCONN, "", 0, v);
	KT_STREQ(v, "16");

	/* Two values where the entry holds two: the third is left over. */
	KT_EQ(put("/proc/sys/net/ipv4/ip_local_port_range", "2000 3000 4000",
		  14, v),
	      10);
	KT_STREQ(v, "2000\t3000");
	KT_EQ(put("/proc/sys/net/ipv4/ip_local_port_range", "2500", 4, v), 4);
	KT_STREQ(v, "2500\t3000");

	/* Seconds kept in ms: what does not fit after the conversion. */
	KT_EQ(put("/proc/sys/net/ipv4/neigh/lo/base_reachable_time",
		  "2222222222222222222", 19, v),
	      -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(put("/proc/sys/net/ipv4/neigh/lo/base_reachable_time", "2147483",
		  7, v),
	      7);
	KT_STREQ(v, "2147483");
	KT_EQ(put("/proc/sys/net/ipv4/neigh/lo/base_reachable_time", "-2147484",
		  8, v),
	      -1);
	KT_EQ(put("/proc/sys/net/ipv4/neigh/lo/base_reachable_time", "30", 2,
		  v),
	      2);
	tn_stack_destroy(st);
}

/*
 * base_reachable_time 0 is a valid setting on Linux (its periodic work
 * then requeues at once).  The table's housekeeping must not pin the clock
 * at one instant: a minute of virtual time still passes.
 */
static void test_zero_reachable_time_lets_time_pass(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	char v[64];

	tn_stack_attach(st);
	KT_EQ(put("/proc/sys/net/ipv4/neigh/default/base_reachable_time_ms",
		  "0", 1, v),
	      1);
	KT_STREQ(v, "0");
	alarm(10); /* a clock stuck at one instant fails, not hangs */
	KT_EQ(tn_clock_advance(st, 60 * 1000000000ULL), 0);
	alarm(0);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_sysctl_write_parses_as_linux),
	   KT(test_zero_reachable_time_lets_time_pass))
