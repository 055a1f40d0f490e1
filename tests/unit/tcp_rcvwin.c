// SPDX-License-Identifier: BSD-2-Clause
/*
 * The receive window as Linux 6.18 offers it, between two namespaces over
 * veth in virtual time: the SYN-ACK's window and scale from SO_RCVBUF
 * and tcp_rmem (a small locked buffer announces wscale 0), an initial
 * window not capped at 64 KiB once scaled, tcp_moderate_rcvbuf growing
 * the buffer of a reader (and not when it is 0 or the buffer is locked),
 * and the tcp_shrink_window / tcp_app_win sysctls.  The expected values
 * were taken from Linux 6.18 over veth between two netns (tcpdump).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <sys/ioctl.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>

#include "ktest.h"
#include "veth_helpers.h"
#include "tcp_pair.h"

#define NSEC_PER_MSEC 1000000ULL

/* what one end received: the SYN(-ACK)'s window and scale, pure ACKs */
struct rec {
	int syn_win, syn_wscale;
	int acks, first_ack_win;
};

static struct rec rec_a, rec_b; /* received by va (from b), by vb */
static struct tn_stack *cur_st;

static rx_handler_result_t rec_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct rec *r = skb->dev->rx_handler_data;
	u8 hdr[120];
	const struct iphdr *iph = (const struct iphdr *)(void *)hdr;
	unsigned int ihl, doff, len, i;
	const u8 *th;

	if (skb->protocol != htons(ETH_P_IP) || skb->len < 40 ||
	    skb_copy_bits(skb, 0, hdr,
			  (int)min_t(unsigned int, skb->len, sizeof(hdr))) <
		    0 ||
	    iph->protocol != IPPROTO_TCP)
		return RX_HANDLER_PASS;
	ihl = iph->ihl * 4U;
	len = ntohs(iph->tot_len) - ihl;
	th = hdr + ihl;
	doff = (th[12] >> 4) * 4U;
	if (th[13] & 0x02) { /* SYN */
		r->syn_win = th[14] << 8 | th[15];
		r->syn_wscale = -1;
		for (i = 20; i + 1 < doff && ihl + i + 2 < sizeof(hdr);) {
			if (th[i] == 1) {
				i++;
				continue;
			}
			if (th[i] == 0 || th[i + 1] < 2)
				break;
			if (th[i] == 3)
				r->syn_wscale = th[i + 2];
			i += th[i + 1];
		}
	} else if (len == doff && !(th[13] & 0x05) && r->acks++ == 0) {
		r->first_ack_win = th[14] << 8 | th[15];
	}
	return RX_HANDLER_PASS;
}

static void write_sysctl(const char *path, const char *v)
{
	int fd = tn_open(path, O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, v, strlen(v)), (ssize_t)strlen(v));
	tn_close(fd);
}

/* a listener in b (with SO_RCVBUF @rcvbuf unless 0), a client, connected */
static void pair(int rcvbuf, int *l, int *c, int *s)
{
	struct sockaddr_in a = tp_addr_b(8000);

	memset(&rec_a, 0, sizeof(rec_a));
	memset(&rec_b, 0, sizeof(rec_b));
	KT_EQ(tn_netns_set("b"), 0);
	*l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(*l >= 0);
	if (rcvbuf)
		KT_EQ(tn_setsockopt(*l, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
				    sizeof(rcvbuf)),
		      0);
	KT_EQ(tn_bind(*l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(*l, 4), 0);
	KT_EQ(tn_netns_set(NULL), 0);
	*c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_ASSERT(*c >= 0);
	KT_EQ(tn_connect(*c, KT_SA(&a), sizeof(a)), 0);
	*s = tn_accept(*l, NULL, NULL);
	KT_ASSERT(*s >= 0);
}

static void unpair(int l, int c, int s)
{
	tn_close(c);
	tn_close(s);
	tn_close(l);
}

/*
 * Linux 6.18: SYN-ACK win 65160 wscale 10 (tcp_rmem[2] is 32 MiB); the
 * client's ACK keeps its SYN's 64240, rounded up to the unit: 63 << 10.
 * SO_RCVBUF 20000: 18824, wscale 0; SO_RCVBUF 8000000 is capped at
 * rmem_max (4 MiB), so the scale covers 4 MiB of window only: 7.
 */
static void test_synack_window(void)
{
	struct tn_stack *st = tp_setup(NULL, rec_rx, &rec_a, rec_rx, &rec_b);
	int l, c, s;

	pair(0, &l, &c, &s);
	KT_EQ(rec_a.syn_win, 65160);
	KT_EQ(rec_a.syn_wscale, 10);
	KT_EQ(rec_b.syn_win, 64240); /* the client's SYN */
	KT_EQ(rec_b.first_ack_win, 63);
	unpair(l, c, s);

	pair(20000, &l, &c, &s);
	KT_EQ(rec_a.syn_win, 18824);
	KT_EQ(rec_a.syn_wscale, 0);
	unpair(l, c, s);

	pair(8000000, &l, &c, &s);
	KT_EQ(rec_a.syn_win, 65535);
	KT_EQ(rec_a.syn_wscale, 7);
	unpair(l, c, s);
	tp_teardown(st);
}

/*
 * Linux, tcp_rmem "4096 540000 15728640" on both ends: SYN and SYN-ACK
 * win 65535 wscale 8, the handshake's ACK win 1050 (268640 offered).
 */
static void test_big_initial_window(void)
{
	struct tn_stack *st = tp_setup(NULL, rec_rx, &rec_a, rec_rx, &rec_b);
	const char *rmem = "/proc/sys/net/ipv4/tcp_rmem";
	int l, c, s;

	write_sysctl(rmem, "4096 540000 15728640");
	KT_EQ(tn_netns_set("b"), 0);
	write_sysctl(rmem, "4096 540000 15728640");
	KT_EQ(tn_netns_set(NULL), 0);
	pair(0, &l, &c, &s);
	KT_EQ(rec_a.syn_win, 65535);
	KT_EQ(rec_a.syn_wscale, 8);
	KT_EQ(rec_b.syn_win, 65535);
	KT_EQ(rec_b.syn_wscale, 8);
	KT_EQ(rec_b.first_ack_win, 1050);
	unpair(l, c, s);
	tp_teardown(st);
}

/* the server's sk_rcvbuf after 4 MB went through with it reading */
static int rcvbuf_after_transfer(int lock)
{
	static char buf[65536];
	size_t sent = 0, got = 0;
	int l, c, s, v = 0;
	socklen_t vl = sizeof(v);

	pair(lock, &l, &c, &s);
	KT_EQ(tn_fcntl(c, F_SETFL, O_NONBLOCK), 0);
	while (got < (4U << 20)) {
		ssize_t n;

		if (sent < (4U << 20)) {
			n = tn_send(c, buf, sizeof(buf), MSG_DONTWAIT);
			if (n > 0)
				sent += (size_t)n;
		}
		tn_clock_advance(cur_st, NSEC_PER_MSEC);
		while ((n = tn_recv(s, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
			got += (size_t)n;
	}
	KT_EQ(tn_getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &vl), 0);
	unpair(l, c, s);
	return v;
}

static void test_moderate_rcvbuf(void)
{
	struct tn_stack *st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	const char *mod = "/proc/sys/net/ipv4/tcp_moderate_rcvbuf";

	cur_st = st;
	/* a reader's buffer grows past tcp_rmem[1] */
	KT_ASSERT(rcvbuf_after_transfer(0) > 131072);
	/* not a locked one */
	KT_EQ(rcvbuf_after_transfer(20000), 40000);
	/* nor with the sysctl off (it is the receiver's namespace's) */
	KT_EQ(tn_netns_set("b"), 0);
	write_sysctl(mod, "0\n");
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(rcvbuf_after_transfer(0), 131072);
	tp_teardown(st);
}

/* tcp_shrink_window takes 0 or 1, tcp_app_win 0..31 (as Linux) */
static void test_sysctls(void)
{
	struct tn_stack *st = tp_setup(NULL, NULL, NULL, NULL, NULL);
	int fd;

	fd = tn_open("/proc/sys/net/ipv4/tcp_shrink_window", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, "2\n", 2), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_write(fd, "1\n", 2), 2);
	tn_close(fd);
	fd = tn_open("/proc/sys/net/ipv4/tcp_app_win", O_WRONLY);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, "32\n", 3), -1);
	KT_EQ(errno, EINVAL);
	tn_close(fd);
	tp_teardown(st);
}

KTEST_MAIN(KT(test_synack_window), KT(test_big_initial_window),
	   KT(test_moderate_rcvbuf), KT(test_sysctls))
