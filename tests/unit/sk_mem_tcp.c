// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP's socket memory accounting (sk_forward_alloc, tcp_mem) against
 * Linux 6.18.
 *
 * The forward allocation `ss -m` shows as f (SO_MEMINFO's
 * SK_MEMINFO_FWD_ALLOC), measured on Linux over a veth pair between two
 * namespaces with the same traffic as skb_truesize_veth.c: one write of
 * N bytes with TCP_NODELAY, 300 ms, nothing read; then all read, then
 * 300 ms idle.  Linux takes whole pages ahead of a charge and hands
 * whole pages back at each uncharge, so f is what the last page holds
 * beyond the charge: 4096 - r % 4096 for the receiver, 0 once all is
 * read, 0 for a sender whose data was acknowledged.  Linux 6.18:
 *
 *	len	s: r	f	read: f	c: f, q (after 300 ms)
 *	1	833	3263	0	0 0
 *	1000	1832	2264	0	0 0
 *	1448	2280	1816	0	0 0
 *	3000	3832	264	0	0 0
 *	10000	11664	624	0	0 0
 *	60000	61664	3872	0	0 0
 *	200000	128768	2304	0	3264 74560 (the window closed)
 *
 * Memory pressure with a tiny tcp_mem, as Linux's __sk_mem_raise_
 * allocated and tcp_input.c do it (not measured: tcp_mem is the whole
 * machine's on Linux, and the machine that records is shared).
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

/* what the last page holds beyond @charged */
static u32 page_rest(u32 charged)
{
	return (4096 - charged % 4096) % 4096;
}

static struct proto_mem *tcp_pool(struct tn_stack *st)
{
	return &inet_stack(st)->tcp_memory;
}

/* drain @s (nonblocking), keeping @c sending up to @len; f follows r */
static int read_all(struct tn_stack *st, int c, int s, int len, int sent)
{
	static char buf[200000];
	u32 ms[SK_MEMINFO_VARS];
	int got = 0;
	ssize_t n;

	for (;;) {
		n = tn_recv(s, buf, sizeof(buf), 0);
		if (n > 0) {
			got += (int)n;
			meminfo(s, ms);
			KT_EQ(ms[SK_MEMINFO_FWD_ALLOC],
			      page_rest(ms[SK_MEMINFO_RMEM_ALLOC]));
			continue;
		}
		if (got >= len)
			return got;
		while (sent < len &&
		       (n = tn_send(c, buf, (size_t)(len - sent), 0)) > 0)
			sent += (int)n;
		tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	}
}

/* one write of @len bytes; @r, @f: Linux's r and f at the receiver
 * (0: the window closed, where each end stops is not pinned) */
static void forward_alloc_one(struct tn_stack *st, int port, int len, u32 r,
			      u32 f)
{
	static char buf[200000];
	u32 mc[SK_MEMINFO_VARS], ms[SK_MEMINFO_VARS];
	int l, c, s, sent = 0, one = 1;
	ssize_t n;

	tp_connect_pair(port, &l, &c, &s);
	meminfo(c, mc);
	meminfo(s, ms);
	KT_EQ(mc[SK_MEMINFO_FWD_ALLOC], 0);
	KT_EQ(ms[SK_MEMINFO_FWD_ALLOC], 0);
	KT_EQ(tn_setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	KT_EQ(tn_fcntl(c, F_SETFL, O_NONBLOCK), 0);
	KT_EQ(tn_fcntl(s, F_SETFL, O_NONBLOCK), 0);
	while (sent < len && (n = tn_send(c, buf, (size_t)(len - sent), 0)) > 0)
		sent += (int)n;
	tn_clock_advance(st, 300 * NSEC_PER_MSEC);
	meminfo(c, mc);
	meminfo(s, ms);
	if (r) {
		KT_EQ(sent, len);
		KT_EQ(ms[SK_MEMINFO_RMEM_ALLOC], r);
		KT_EQ(ms[SK_MEMINFO_FWD_ALLOC], f);
		KT_EQ(mc[SK_MEMINFO_FWD_ALLOC], 0);
		KT_EQ(mc[SK_MEMINFO_WMEM_QUEUED], 0);
	} else {
		KT_ASSERT(ms[SK_MEMINFO_RMEM_ALLOC] > 100000);
		KT_EQ(ms[SK_MEMINFO_FWD_ALLOC],
		      page_rest(ms[SK_MEMINFO_RMEM_ALLOC]));
		KT_ASSERT(mc[SK_MEMINFO_WMEM_QUEUED] > 0);
		KT_EQ(mc[SK_MEMINFO_FWD_ALLOC],
		      page_rest(mc[SK_MEMINFO_WMEM_QUEUED]));
	}
	KT_EQ(read_all(st, c, s, len, sent), len);
	meminfo(s, ms);
	KT_EQ(ms[SK_MEMINFO_RMEM_ALLOC], 0);
	KT_EQ(ms[SK_MEMINFO_FWD_ALLOC], 0);
	tn_clock_advance(st, 300 * NSEC_PER_MSEC);
	meminfo(c, mc);
	meminfo(s, ms);
	KT_EQ(mc[SK_MEMINFO_FWD_ALLOC], 0);
	KT_EQ(mc[SK_MEMINFO_WMEM_QUEUED], 0);
	KT_EQ(ms[SK_MEMINFO_FWD_ALLOC], 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

static void test_forward_alloc_veth(void)
{
	static const struct {
		int len;
		u32 r, f;
	} t[] = {
		{ 1, 833, 3263 },      { 1000, 1832, 2264 },
		{ 1448, 2280, 1816 },  { 3000, 3832, 264 },
		{ 10000, 11664, 624 }, { 60000, 61664, 3872 },
		{ 200000, 0, 0 },
	};
	struct tn_stack *st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		forward_alloc_one(st, 9740 + (int)i, t[i].len, t[i].r, t[i].f);
	/* every page back in the pool, every sock counted out */
	tn_clock_advance(st, 300ULL * NSEC_PER_SEC);
	KT_EQ(tcp_pool(st)->allocated + tcp_pool(st)->per_cpu_fw_alloc, 0);
	KT_EQ(tcp_pool(st)->sockets_allocated, 0);
	tp_teardown(st);
}

static void set_lo_mtu(int mtu)
{
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ifr.ifr_mtu = mtu;
	KT_EQ(tn_ioctl(fd, SIOCSIFMTU, &ifr), 0);
	tn_close(fd);
}

/* /proc/net/sockstat's "TCP: ... mem N" */
static long sockstat_tcp_mem(void)
{
	char buf[1024], *p;

	kt_get_file("/proc/net/sockstat", buf, sizeof(buf));
	p = strstr(buf, "TCP:");
	KT_ASSERT(p);
	p = strstr(p, " mem ");
	KT_ASSERT(p);
	return atol(p + 5);
}

/* the sysctls: in the initial namespace only (Linux's global ipv4_table
 * and net_core_table), with Linux's defaults and bounds */
static void test_tcp_mem_sysctls(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	char buf[128];

	kt_get_file("/proc/sys/net/ipv4/tcp_mem", buf, sizeof(buf));
	KT_STREQ(buf, "287907\t383877\t575814\n");
	kt_get_file("/proc/sys/net/core/mem_pcpu_rsv", buf, sizeof(buf));
	KT_STREQ(buf, "256\n");
	/* below SK_MEMORY_PCPU_RESERVE: EINVAL, as Linux */
	KT_EQ(tn_open("/proc/sys/net/core/mem_pcpu_rsv", O_WRONLY), 3);
	KT_EQ(tn_write(3, "255", 3), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_close(3), 0);
	kt_put_file("/proc/sys/net/ipv4/tcp_mem", "1 2 3");
	kt_get_file("/proc/sys/net/ipv4/tcp_mem", buf, sizeof(buf));
	KT_STREQ(buf, "1\t2\t3\n");
	KT_EQ(tcp_pool(st)->sysctl_mem[2], 3);
	/* a new namespace has none of them, as a fresh Linux one */
	KT_EQ(tn_netns_add("x"), 0);
	KT_EQ(tn_netns_set("x"), 0);
	KT_EQ(tn_open("/proc/sys/net/ipv4/tcp_mem", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_open("/proc/sys/net/core/mem_pcpu_rsv", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("x"), 0);
	kt_stack_done(st);
}

/*
 * tcp_mem "100 200 300" with a receiver that reads nothing into an 8 MB
 * buffer: the pool's count moves by the CPU's reserve (mem_pcpu_rsv, 256
 * pages), so pressure begins when the first 256 pages reach it, above
 * tcp_mem[1] (TcpExt TCPMemoryPressures); no socket may then take more
 * than its share of tcp_mem[2] for receiving: the receiver prunes
 * (PruneCalled) and drops what does not fit (TCPRcvQDrop, TCPOFODrop),
 * its window stops at four segments (tcp_adjust_rcv_ssthresh); the
 * sender's buffer shrinks to half of what it queues (sk_stream_moderate
 * _sndbuf) and it may not grow.  Reading it all gives the pages back:
 * pressure ends below tcp_mem[0] (TCPMemoryPressuresChrono: the ms it
 * lasted), and every byte arrived.
 */
static void test_tcp_memory_pressure(void)
{
	static char buf[1 << 16];
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in a = kt_lo_addr(9760);
	int l, c, s, big = 4 << 20, i;
	long sent = 0, got = 0;
	u32 m[SK_MEMINFO_VARS];
	struct tcp_info ti;
	socklen_t tlen = sizeof(ti);
	u64 ms = 0;
	ssize_t n;

	set_lo_mtu(1500);
	kt_put_file("/proc/sys/net/core/rmem_max", "8388608");
	kt_put_file("/proc/sys/net/ipv4/tcp_mem", "100 200 300");
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(l, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)), 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 4), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	KT_EQ(tcp_pool(st)->sockets_allocated, 3);
	KT_EQ(tn_fcntl(c, F_SETFL, O_NONBLOCK), 0);
	KT_EQ(tn_fcntl(s, F_SETFL, O_NONBLOCK), 0);
	KT_EQ(th_snmp("netstat", "TcpExt:", "TCPMemoryPressures"), 0);
	/* under 256 pages the pool sees nothing */
	KT_EQ(tn_send(c, buf, 40000, 0), 40000);
	tn_clock_advance(st, 10 * NSEC_PER_MSEC);
	KT_EQ(tcp_pool(st)->allocated, 0);
	KT_EQ(sockstat_tcp_mem(), 0);
	KT_EQ(th_snmp("netstat", "TcpExt:", "TCPMemoryPressures"), 0);
	sent = 40000;
	for (i = 0; i < 200; i++) {
		while ((n = tn_send(c, buf, sizeof(buf), 0)) > 0)
			sent += n;
		tn_clock_advance(st, 10 * NSEC_PER_MSEC);
		ms += 10;
	}
	KT_EQ(th_snmp("netstat", "TcpExt:", "TCPMemoryPressures"), 1);
	KT_ASSERT(tcp_under_memory_pressure(tp_sk_of(st, s)));
	KT_ASSERT(sockstat_tcp_mem() >= 256);
	KT_ASSERT(th_snmp("netstat", "TcpExt:", "PruneCalled") > 0);
	/* the receiver holds about the pool's hard limit, not its 8 MB */
	meminfo(s, m);
	KT_ASSERT(m[SK_MEMINFO_RMEM_ALLOC] < 2u << 20);
	KT_EQ(m[SK_MEMINFO_FWD_ALLOC], page_rest(m[SK_MEMINFO_RMEM_ALLOC]));
	KT_EQ(tn_getsockopt(s, IPPROTO_TCP, TCP_INFO, &ti, &tlen), 0);
	KT_ASSERT(ti.tcpi_rcv_ssthresh <= 4 * ti.tcpi_advmss);
	KT_ASSERT(th_snmp("netstat", "TcpExt:", "TCPRcvQDrop") > 0);
	/* the sender's buffer moderated to about half of what it queues */
	meminfo(c, m);
	KT_ASSERT(m[SK_MEMINFO_SNDBUF] < m[SK_MEMINFO_WMEM_QUEUED]);
	/* read it all: the pages go back and the pressure ends */
	for (i = 0; i < 100000 && got < sent; i++) {
		while ((n = tn_recv(s, buf, sizeof(buf), 0)) > 0)
			got += n;
		if (got < sent) {
			tn_clock_advance(st, 10 * NSEC_PER_MSEC);
			ms += 10;
		}
	}
	KT_EQ(got, sent);
	KT_ASSERT(!tcp_under_memory_pressure(tp_sk_of(st, s)));
	/* it lasted from within the filling to within the reading */
	KT_ASSERT(th_snmp("netstat", "TcpExt:", "TCPMemoryPressuresChrono") >
		  0);
	KT_ASSERT(th_snmp("netstat", "TcpExt:", "TCPMemoryPressuresChrono") <=
		  (long)ms);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	tn_clock_advance(st, 300ULL * NSEC_PER_SEC);
	KT_EQ(tcp_pool(st)->allocated + tcp_pool(st)->per_cpu_fw_alloc, 0);
	KT_EQ(tcp_pool(st)->sockets_allocated, 0);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_forward_alloc_veth), KT(test_tcp_mem_sysctls),
	   KT(test_tcp_memory_pressure))
