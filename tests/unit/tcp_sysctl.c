// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP sysctls of Linux 6.18 as the kernel shows and checks them: each
 * default and each write below (accepted, or EINVAL leaving the value)
 * was seen with sysctl -w in a fresh `unshare -n` namespace on 6.18.
 * What they do is proven by packetdrill scripts that pass on both stacks
 * (tests/packetdrill/scripts/); the socket option side is checked here.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"

#ifndef TCP_RTO_MAX_MS
#define TCP_RTO_MAX_MS 44 /* Linux 6.15+ */
#endif
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static ssize_t put(const char *name, const char *s, char *val, size_t len)
{
	char key[128];
	ssize_t r, n;
	int fd, err;

	(void)snprintf(key, sizeof(key), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(key, O_WRONLY);
	KT_ASSERT(fd >= 3);
	r = tn_write(fd, s, strlen(s));
	err = errno;
	tn_close(fd);
	fd = tn_open(key, O_RDONLY);
	KT_ASSERT(fd >= 3);
	n = tn_read(fd, val, len - 1);
	KT_ASSERT(n > 0);
	val[n - 1] = '\0'; /* the newline */
	tn_close(fd);
	errno = err;
	return r;
}

static void get(const char *name, char *val, size_t len)
{
	char key[128];
	ssize_t n;
	int fd;

	(void)snprintf(key, sizeof(key), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(key, O_RDONLY);
	KT_ASSERT(fd >= 3);
	n = tn_read(fd, val, len - 1);
	KT_ASSERT(n > 0);
	val[n - 1] = '\0';
	tn_close(fd);
}

/* a write of @s: accepted (then reads back as @s) or EINVAL (@before) */
static void check_write(const char *name, const char *s, bool ok)
{
	char before[64], after[64];

	get(name, before, sizeof(before));
	if (ok) {
		KT_EQ(put(name, s, after, sizeof(after)), (ssize_t)strlen(s));
		KT_STREQ(after, s);
	} else {
		KT_EQ(put(name, s, after, sizeof(after)), -1);
		KT_EQ(errno, EINVAL);
		KT_STREQ(after, before);
	}
}

static const struct {
	const char *name, *dflt;
	const char *ok[4], *bad[4];
} tcp_sysctls[] = {
	{ "tcp_rto_min_us",
	  "200000",
	  { "1", "2147483647", "200000" },
	  { "0", "-1", "2147483648" } },
	{ "tcp_rto_max_ms",
	  "120000",
	  { "1000", "120000" },
	  { "999", "120001", "-1" } },
	{ "tcp_min_rtt_wlen",
	  "300",
	  { "0", "86400", "300" },
	  { "-1", "86401" } },
	{ "tcp_pingpong_thresh", "1", { "255", "1" }, { "0", "256", "-1" } },
	{ "tcp_tw_reuse_delay",
	  "1000",
	  { "1", "60000", "1000" },
	  { "0", "60001", "-1", "4294967295" } },
	{ "tcp_fack", "0", { "255", "0" }, { "256", "-1" } },
	{ "tcp_adv_win_scale", "1", { "-31", "31", "1" }, { "-32", "32" } },
	{ "tcp_stdurg", "0", { "255", "0" }, { "256", "-1" } },
	{ "tcp_workaround_signed_windows",
	  "0",
	  { "255", "0" },
	  { "256", "-1" } },
	/* SACK compression: a u8 and two unsigned longs */
	{ "tcp_comp_sack_nr",
	  "44",
	  { "0", "255", "44" },
	  { "256", "-1", "x" } },
	{ "tcp_comp_sack_delay_ns",
	  "1000000",
	  { "0", "18446744073709551615", "1000000" },
	  { "-1", "18446744073709551616" } },
	{ "tcp_comp_sack_slack_ns",
	  "100000",
	  { "99999999999", "100000" },
	  { "-5" } },
	{ "tcp_reflect_tos", "0", { "1", "0" }, { "2", "-1" } },
	{ "tcp_fwmark_accept", "0", { "255", "2", "0" }, { "256", "-1" } },
	/* the send path: TSQ's cap (any int; negative is no cap), the
	 * autocorking switch and the TSO autosizing's RTT shift (u8s) */
	{ "tcp_limit_output_bytes",
	  "4194304",
	  { "-1", "-2147483648", "2147483647", "4194304" },
	  { "2147483648", "-2147483649" } },
	{ "tcp_autocorking", "1", { "0", "1" }, { "-1", "2", "256" } },
	{ "tcp_tso_rtt_log", "9", { "255", "0", "9" }, { "-1", "256" } },
	{ "tcp_backlog_ack_defer", "1", { "0", "1" }, { "-1", "2", "255" } },
	/* the initial namespace's only; any int */
	{ "tcp_low_latency", "0", { "-1", "256", "0" }, { "2147483648" } },
};

static void test_defaults_and_ranges(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	size_t i, j;

	for (i = 0; i < N_ELEMS(tcp_sysctls); i++) {
		char v[64];

		get(tcp_sysctls[i].name, v, sizeof(v));
		KT_STREQ(v, tcp_sysctls[i].dflt);
		for (j = 0; j < 4 && tcp_sysctls[i].bad[j]; j++)
			check_write(tcp_sysctls[i].name, tcp_sysctls[i].bad[j],
				    false);
		for (j = 0; j < 4 && tcp_sysctls[i].ok[j]; j++)
			check_write(tcp_sysctls[i].name, tcp_sysctls[i].ok[j],
				    true);
	}
	kt_stack_done(st);
}

static int geti(int fd, int opt)
{
	int v = -1;
	socklen_t len = sizeof(v);

	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, opt, &v, &len), 0);
	return v;
}

static int seti(int fd, int opt, int v)
{
	return tn_setsockopt(fd, IPPROTO_TCP, opt, &v, sizeof(v));
}

/* TCP_RTO_MAX_MS (44): 1000..120000, else EINVAL; read back as set; a
 * socket takes tcp_rto_max_ms when it is made (checked on 6.18) */
static void test_rto_max_sockopt(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	char v[64];
	short sh = 2000;
	int fd = tn_socket(AF_INET, SOCK_STREAM, 0), fd2;

	KT_ASSERT(fd >= 0);
	KT_EQ(geti(fd, TCP_RTO_MAX_MS), 120000);
	KT_EQ(seti(fd, TCP_RTO_MAX_MS, 999), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_RTO_MAX_MS, 120001), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_RTO_MAX_MS, -1), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_RTO_MAX_MS, &sh, sizeof(sh)),
	      -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(geti(fd, TCP_RTO_MAX_MS), 120000);
	KT_EQ(seti(fd, TCP_RTO_MAX_MS, 1000), 0);
	KT_EQ(geti(fd, TCP_RTO_MAX_MS), 1000);
	KT_EQ(put("tcp_rto_max_ms", "5000", v, sizeof(v)), 4);
	fd2 = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(geti(fd2, TCP_RTO_MAX_MS), 5000);
	KT_EQ(geti(fd, TCP_RTO_MAX_MS), 1000);
	tn_close(fd2);
	tn_close(fd);
	kt_stack_done(st);
}

/* Linux keeps tcp_low_latency and tcp_max_orphans machine-wide: a new
 * namespace has none of them ("cannot stat" in `unshare -n`), and a
 * write in init_net is seen from there alone.  tcp_max_orphans is half
 * the established hash, as tcp_max_tw_buckets (131072 both on a host
 * with a 262144-bucket ehash). */
static void test_global_rows(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	char v[64], tw[64];

	get("tcp_max_orphans", v, sizeof(v));
	get("tcp_max_tw_buckets", tw, sizeof(tw));
	KT_STREQ(v, tw);
	check_write("tcp_max_orphans", "2147483648", false);
	check_write("tcp_max_orphans", "-1", true);
	KT_EQ(put("tcp_low_latency", "1", v, sizeof(v)), 1);
	KT_EQ(tn_netns_add("b"), 0);
	KT_EQ(tn_netns_set("b"), 0);
	KT_EQ(tn_open("/proc/sys/net/ipv4/tcp_low_latency", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_open("/proc/sys/net/ipv4/tcp_max_orphans", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	get("tcp_fack", v, sizeof(v)); /* per namespace */
	KT_STREQ(v, "0");
	KT_EQ(tn_netns_set(NULL), 0);
	get("tcp_low_latency", v, sizeof(v));
	KT_STREQ(v, "1");
	KT_EQ(tn_netns_del("b"), 0);
	kt_stack_done(st);
}

/* the mark an accepted child has: @lmark the listener's SO_MARK, @cmark
 * the connecting sock's (loopback keeps the SYN's mark, as Linux's) */
static int child_mark(int lmark, int cmark)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(5555),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int l = tn_socket(AF_INET, SOCK_STREAM, 0);
	int c = tn_socket(AF_INET, SOCK_STREAM, 0), a, m = -1, one = 1;
	socklen_t len = sizeof(m);

	KT_ASSERT(l >= 0 && c >= 0);
	KT_EQ(tn_setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	if (lmark)
		KT_EQ(tn_setsockopt(l, SOL_SOCKET, SO_MARK, &lmark,
				    sizeof(lmark)),
		      0);
	if (cmark)
		KT_EQ(tn_setsockopt(c, SOL_SOCKET, SO_MARK, &cmark,
				    sizeof(cmark)),
		      0);
	KT_EQ(tn_bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
	KT_EQ(tn_listen(l, 1), 0);
	KT_EQ(tn_connect(c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	a = tn_accept(l, NULL, NULL);
	KT_ASSERT(a >= 0);
	KT_EQ(tn_getsockopt(a, SOL_SOCKET, SO_MARK, &m, &len), 0);
	tn_close(a);
	tn_close(c);
	tn_close(l);
	return m;
}

/*
 * tcp_fwmark_accept: a child takes the listener's SO_MARK, or when that
 * is 0 and the sysctl is on, the mark its SYN came with.  The same four
 * cases on Linux 6.18 over lo give 0, 3, 7, 3.
 */
static void test_fwmark_accept(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	char v[64];

	KT_EQ(child_mark(0, 7), 0);
	KT_EQ(child_mark(3, 7), 3);
	KT_EQ(put("tcp_fwmark_accept", "1", v, sizeof(v)), 1);
	KT_EQ(child_mark(0, 7), 7);
	KT_EQ(child_mark(3, 7), 3);
	kt_stack_done(st);
}

/* a new namespace starts from Linux's defaults, not its creator's values
 * (as `unshare -n` inside `unshare -n` shows on 6.18) */
static void test_new_namespace_defaults(void)
{
	static const char *const rows[][3] = {
		{ "tcp_comp_sack_nr", "5", "44" },
		{ "tcp_comp_sack_delay_ns", "7", "1000000" },
		{ "tcp_comp_sack_slack_ns", "9", "100000" },
		{ "tcp_reflect_tos", "1", "0" },
		{ "tcp_fwmark_accept", "3", "0" },
	};
	struct tn_stack *st = kt_stack_lo_up();
	char v[64];
	size_t i;

	for (i = 0; i < N_ELEMS(rows); i++)
		KT_EQ(put(rows[i][0], rows[i][1], v, sizeof(v)),
		      (ssize_t)strlen(rows[i][1]));
	KT_EQ(tn_netns_add("b"), 0);
	KT_EQ(tn_netns_set("b"), 0);
	for (i = 0; i < N_ELEMS(rows); i++) {
		get(rows[i][0], v, sizeof(v));
		KT_STREQ(v, rows[i][2]);
	}
	KT_EQ(tn_netns_set(NULL), 0);
	get("tcp_comp_sack_nr", v, sizeof(v));
	KT_STREQ(v, "5");
	KT_EQ(tn_netns_del("b"), 0);
	kt_stack_done(st);
}

/*
 * The congestion control a stack is "built" with (CONFIG_DEFAULT_TCP_CONG,
 * tn_stack_config's): init_net's default, the only one allowed besides
 * Reno and BBR, and what every new namespace inherits from init_net - as on this
 * machine's Linux, built with bbr: "reno bbr" allowed, and a namespace
 * made after another set reno still gets bbr.  A name the stack lacks
 * leaves cubic.
 */
static void cong_stack(const char *name, const char *def, const char *allowed)
{
	struct tn_stack *st = tn_stack_create(&(struct tn_stack_config){
		.clock = TN_CLOCK_VIRTUAL, .tcp_congestion_control = name });
	char v[64];

	KT_ASSERT(st);
	tn_stack_attach(st);
	get("tcp_congestion_control", v, sizeof(v));
	KT_STREQ(v, def);
	get("tcp_allowed_congestion_control", v, sizeof(v));
	KT_STREQ(v, allowed);
	KT_EQ(tn_netns_add("b"), 0);
	KT_EQ(tn_netns_set("b"), 0);
	get("tcp_congestion_control", v, sizeof(v));
	KT_STREQ(v, def);
	KT_EQ(put("tcp_congestion_control", "reno", v, sizeof(v)), 4);
	KT_EQ(tn_netns_add("c"), 0);
	KT_EQ(tn_netns_set("c"), 0);
	get("tcp_congestion_control", v, sizeof(v));
	KT_STREQ(v, def);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("b"), 0);
	KT_EQ(tn_netns_del("c"), 0);
	kt_stack_done(st);
}

static void test_default_congestion_control(void)
{
	/* BBR is never restricted (its flags say so, as Linux's) */
	cong_stack(NULL, "cubic", "reno bbr cubic");
	cong_stack("bbr", "bbr", "reno bbr");
	cong_stack("reno", "reno", "reno bbr");
	cong_stack("nope", "cubic", "reno bbr cubic");
}

KTEST_MAIN(KT(test_defaults_and_ranges), KT(test_rto_max_sockopt),
	   KT(test_global_rows), KT(test_fwmark_accept),
	   KT(test_new_namespace_defaults), KT(test_default_congestion_control))
