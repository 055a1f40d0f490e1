// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP's socket memory accounting (udp_mem, udp_rmem_min) against Linux
 * 6.18.
 *
 * The forward allocation `ss -m` shows as f, measured on Linux over a
 * veth pair between two namespaces: 1 datagram, then 10, then each read
 * (MSG_DONTWAIT).  UDP gives the memory of what is read back in
 * batches: r and f stay while the batch is read (the deficit is under a
 * quarter of the 212992-byte buffer) and the last read returns all of
 * it, a page staying forward allocated.  Linux 6.18:
 *
 *	size	1: r	f	10: r	f	reads 1-9	read 10: r f
 *	100	832	3264	8320	3968	unchanged	0 4096
 *	1000	2304	1792	23040	1536	unchanged	0 4096
 *	3000	5440	2752	54400	2944	unchanged	0 4096
 *
 * (3000 bytes come in two fragments; the datagram they reassemble to is
 * charged 4352 here, 5440 on Linux, which sums the fragments' truesize:
 * that row is left out.)
 * udp_mem and udp_rmem_min as Linux's __udp_enqueue_schedule_skb and
 * __sk_mem_raise_allocated apply them (not measured: udp_mem is the
 * whole machine's on Linux, and the machine that records is shared).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/protocol.h>
#include <net/sock_diag.h>
#include <net/stack.h>
#include <net/tcp.h>

#include "ktest.h"
#include "kfile.h"
#include "kstack.h"
#include "snmp.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

static void meminfo(int fd, u32 *mem)
{
	socklen_t len = SK_MEMINFO_VARS * sizeof(u32);

	KT_EQ(tn_getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mem, &len), 0);
}

static struct proto_mem *udp_pool(struct tn_stack *st)
{
	return &inet_stack(st)->udp_memory;
}

static void expect_rf(int fd, u32 r, u32 f)
{
	u32 m[SK_MEMINFO_VARS];

	meminfo(fd, m);
	KT_EQ(m[SK_MEMINFO_RMEM_ALLOC], r);
	KT_EQ(m[SK_MEMINFO_FWD_ALLOC], f);
}

static void test_forward_alloc_veth(void)
{
	static const struct {
		int size;
		u32 r1, f1, r10, f10;
	} t[] = {
		{ 100, 832, 3264, 8320, 3968 },
		{ 1000, 2304, 1792, 23040, 1536 },
	};
	static char buf[4000];
	struct tn_stack *st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		struct sockaddr_in a = tp_addr_b(9800 + (int)i);
		int rx, tx, k;

		KT_EQ(tn_netns_set("b"), 0);
		rx = tn_socket(AF_INET, SOCK_DGRAM, 0);
		KT_EQ(tn_bind(rx, KT_SA(&a), sizeof(a)), 0);
		KT_EQ(tn_netns_set(NULL), 0);
		tx = tn_socket(AF_INET, SOCK_DGRAM, 0);
		KT_EQ(tn_connect(tx, KT_SA(&a), sizeof(a)), 0);
		KT_EQ(tn_send(tx, buf, (size_t)t[i].size, 0), t[i].size);
		tn_clock_advance(st, 100 * NSEC_PER_MSEC);
		expect_rf(rx, t[i].r1, t[i].f1);
		for (k = 0; k < 9; k++)
			KT_EQ(tn_send(tx, buf, (size_t)t[i].size, 0),
			      t[i].size);
		tn_clock_advance(st, 100 * NSEC_PER_MSEC);
		expect_rf(rx, t[i].r10, t[i].f10);
		for (k = 0; k < 10; k++) {
			KT_EQ(tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT),
			      t[i].size);
			if (k < 9)
				expect_rf(rx, t[i].r10, t[i].f10);
		}
		expect_rf(rx, 0, 4096);
		tn_close(rx);
		tn_close(tx);
	}
	/* closing gave the last pages back */
	KT_EQ(udp_pool(st)->allocated + udp_pool(st)->per_cpu_fw_alloc, 0);
	tp_teardown(st);
}

/* udp_mem in the initial namespace only; udp_rmem_min and udp_wmem_min
 * in every one, a page by default, at least 1 (Linux 6.18) */
static void test_udp_mem_sysctls(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	char buf[128];

	kt_get_file("/proc/sys/net/ipv4/udp_mem", buf, sizeof(buf));
	KT_STREQ(buf, "575814\t767755\t1151628\n");
	kt_get_file("/proc/sys/net/ipv4/udp_rmem_min", buf, sizeof(buf));
	KT_STREQ(buf, "4096\n");
	kt_get_file("/proc/sys/net/ipv4/udp_wmem_min", buf, sizeof(buf));
	KT_STREQ(buf, "4096\n");
	KT_EQ(tn_open("/proc/sys/net/ipv4/udp_rmem_min", O_WRONLY), 3);
	KT_EQ(tn_write(3, "0", 1), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_close(3), 0);
	KT_EQ(tn_netns_add("x"), 0);
	KT_EQ(tn_netns_set("x"), 0);
	KT_EQ(tn_open("/proc/sys/net/ipv4/udp_mem", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	kt_put_file("/proc/sys/net/ipv4/udp_rmem_min", "8192");
	kt_get_file("/proc/sys/net/ipv4/udp_rmem_min", buf, sizeof(buf));
	KT_STREQ(buf, "8192\n");
	KT_EQ(tn_netns_set(NULL), 0);
	kt_get_file("/proc/sys/net/ipv4/udp_rmem_min", buf, sizeof(buf));
	KT_STREQ(buf, "4096\n");
	KT_EQ(tn_netns_del("x"), 0);
	kt_stack_done(st);
}

/* send @n datagrams of 1000 bytes from @tx; how many @rx took */
static int fill(int tx, int rx, int n)
{
	static char buf[1000];
	u32 m[SK_MEMINFO_VARS];
	int i;

	for (i = 0; i < n; i++)
		KT_EQ(tn_send(tx, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	meminfo(rx, m);
	return (int)(m[SK_MEMINFO_RMEM_ALLOC] / 2304);
}

/*
 * udp_mem "1 2 3": the pool's count moves by the CPU's reserve
 * (net.core.mem_pcpu_rsv, 256 pages), so a receiver with a 4 MB buffer
 * takes 255 pages of 1000-byte datagrams (2304 bytes of truesize each:
 * 453 of them); the page that brings the reserve to 256 shows the pool
 * over udp_mem[2] and is refused, and so is every later one: the
 * datagrams are dropped as MemErrors (and InErrors), not RcvbufErrors,
 * and counted in the socket's drops.  Nothing is held back from a
 * datagram that fits in what is forward allocated.
 */
static void test_udp_mem_hard_limit(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int rx, tx, big = 2 << 20;
	u32 m[SK_MEMINFO_VARS];
	char buf[100];

	kt_put_file("/proc/sys/net/core/rmem_max", "8388608");
	kt_put_file("/proc/sys/net/ipv4/udp_mem", "1 2 3");
	kt_udp_pair(9820, &rx, &tx);
	KT_EQ(tn_setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)), 0);
	KT_EQ(fill(tx, rx, 1), 1);
	meminfo(rx, m);
	KT_EQ(m[SK_MEMINFO_RMEM_ALLOC], 2304); /* the size assumed */
	KT_EQ(fill(tx, rx, 452), 453);
	KT_EQ(udp_pool(st)->allocated, 0);
	KT_EQ(th_snmp("snmp", "Udp:", "MemErrors"), 0);
	KT_EQ(fill(tx, rx, 100), 453);
	KT_EQ(udp_pool(st)->allocated, 256);
	KT_EQ(th_snmp("snmp", "Udp:", "MemErrors"), 100);
	KT_EQ(th_snmp("snmp", "Udp:", "InErrors"), 100);
	KT_EQ(th_snmp("snmp", "Udp:", "RcvbufErrors"), 0);
	meminfo(rx, m);
	KT_EQ(m[SK_MEMINFO_DROPS], 100);
	KT_EQ(m[SK_MEMINFO_FWD_ALLOC], 255 * 4096 - 453 * 2304);
	/* reading gives the pages back: datagrams are taken again */
	while (tn_recv(rx, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
	expect_rf(rx, 0, 4096);
	KT_EQ(fill(tx, rx, 1), 1);
	tn_close(rx);
	tn_close(tx);
	KT_EQ(udp_pool(st)->allocated + udp_pool(st)->per_cpu_fw_alloc, 0);
	kt_stack_done(st);
}

/*
 * Between udp_mem[0] and [2] a socket still takes what keeps its
 * receive memory under udp_rmem_min (its own namespace's), counting the
 * datagram being queued; UDP has no pressure state and no fair share.
 * The pool is first brought over udp_mem[0] by a socket holding 255
 * pages, whose next page is refused (it holds far more than
 * udp_rmem_min).  With udp_rmem_min 4096 a fresh socket takes one datagram of
 * 2304 bytes (the second would make 4608), with 8192 three.
 */
static void test_udp_rmem_min(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int hog, htx, rx, tx, big = 2 << 20;

	kt_put_file("/proc/sys/net/core/rmem_max", "8388608");
	kt_put_file("/proc/sys/net/ipv4/udp_mem", "1 2 100000");
	kt_udp_pair(9830, &hog, &htx);
	KT_EQ(tn_setsockopt(hog, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)), 0);
	/* the 454th datagram's page brings the pool over [0]: refused */
	KT_EQ(fill(htx, hog, 454), 453);
	KT_EQ(udp_pool(st)->allocated, 256);
	KT_EQ(th_snmp("snmp", "Udp:", "MemErrors"), 1);
	kt_udp_pair(9831, &rx, &tx);
	KT_EQ(fill(tx, rx, 5), 1);
	KT_EQ(th_snmp("snmp", "Udp:", "MemErrors"), 5);
	tn_close(rx);
	tn_close(tx);
	kt_put_file("/proc/sys/net/ipv4/udp_rmem_min", "8192");
	kt_udp_pair(9832, &rx, &tx);
	KT_EQ(fill(tx, rx, 5), 3);
	KT_EQ(th_snmp("snmp", "Udp:", "MemErrors"), 7);
	tn_close(rx);
	tn_close(tx);
	tn_close(hog);
	tn_close(htx);
	KT_EQ(udp_pool(st)->allocated + udp_pool(st)->per_cpu_fw_alloc, 0);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_forward_alloc_veth), KT(test_udp_mem_sysctls),
	   KT(test_udp_mem_hard_limit), KT(test_udp_rmem_min))
