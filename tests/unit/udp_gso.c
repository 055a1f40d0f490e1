// SPDX-License-Identifier: BSD-2-Clause
/*
 * UDP_SEGMENT, UDP_GRO, UDP_CORK and MSG_MORE over loopback, with the
 * results Linux 6.18 gives for the same calls (checked on the real kernel
 * with the same program): what the receiver gets (segments, or the whole
 * GSO datagram with a UDP_GRO control message), and the errnos for the
 * limits.  Also a device without GSO: the segments are cut on transmit.
 */
#include "ktest.h"
#include "kstack.h"

#include <errno.h>
#include <netinet/udp.h>

#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/skbuff.h>
#include <net/stack.h>

static char buf[70000];

struct rx_result {
	int n, total, first, gro; /* gro: the UDP_GRO cmsg's value, or -1 */
	int bad; /* datagrams whose bytes were not the pattern */
};

static void fill(int len)
{
	for (int i = 0; i < len; i++)
		buf[i] = (char)(i * 13 + (i >> 9));
}

static int send_gso(int fd, int len, int gso)
{
	struct iovec iov = { buf, (size_t)len };
	char c[CMSG_SPACE(sizeof(unsigned short))];
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	unsigned short g = (unsigned short)gso;

	fill(len);
	if (gso >= 0) {
		struct cmsghdr *cm;

		memset(c, 0, sizeof(c));
		m.msg_control = c;
		m.msg_controllen = sizeof(c);
		cm = CMSG_FIRSTHDR(&m);
		cm->cmsg_level = SOL_UDP;
		cm->cmsg_type = UDP_SEGMENT;
		cm->cmsg_len = CMSG_LEN(sizeof(g));
		memcpy(CMSG_DATA(cm), &g, sizeof(g));
	}
	return (int)tn_sendmsg(fd, &m, 0) < 0 ? -errno : len;
}

/* Take everything queued; each datagram continues the sent pattern. */
static struct rx_result drain(int fd)
{
	static char rbuf[70000], want[70000];
	struct rx_result r = { .first = -1, .gro = -1 };
	int off = 0;

	for (int i = 0; i < (int)sizeof(want); i++)
		want[i] = (char)(i * 13 + (i >> 9));
	for (;;) {
		char cb[64];
		struct iovec iov = { rbuf, sizeof(rbuf) };
		struct msghdr m = { .msg_iov = &iov,
				    .msg_iovlen = 1,
				    .msg_control = cb,
				    .msg_controllen = sizeof(cb) };
		struct cmsghdr *cm;
		ssize_t n = tn_recvmsg(fd, &m, MSG_DONTWAIT);

		if (n < 0)
			break;
		if (r.first < 0)
			r.first = (int)n;
		if (memcmp(rbuf, want + off, (size_t)n))
			r.bad++;
		off += (int)n;
		r.n++;
		r.total += (int)n;
		for (cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm))
			if (cm->cmsg_level == SOL_UDP &&
			    cm->cmsg_type == UDP_GRO)
				memcpy(&r.gro, CMSG_DATA(cm), sizeof(int));
	}
	return r;
}

static void pair(struct tn_stack **st, int *rx, int *tx)
{
	int v = 4 << 20;

	*st = kt_stack_lo_up();
	kt_udp_pair(9000, rx, tx);
	KT_EQ(tn_setsockopt(*rx, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
}

static void done(struct tn_stack *st, int rx, int tx)
{
	tn_close(rx);
	tn_close(tx);
	kt_stack_done(st);
	KT_EQ(page_live_count(), 0);
}

/* Without UDP_GRO the receiver gets the segments; the limits' errnos. */
static void t_segment_limits(void)
{
	struct tn_stack *st;
	struct rx_result r;
	int rx, tx, v;

	pair(&st, &rx, &tx);
	KT_EQ(send_gso(tx, 1472 * 44, 1472), 1472 * 44);
	r = drain(rx);
	KT_EQ(r.n, 44);
	KT_EQ(r.total, 64768);
	KT_EQ(r.first, 1472);
	KT_EQ(r.bad, 0);
	KT_EQ(r.gro, -1);
	KT_EQ(send_gso(tx, 100 * 128, 100), 12800);
	KT_EQ(drain(rx).n, 128);
	KT_EQ(send_gso(tx, 100 * 129, 100), -EINVAL);
	KT_EQ(send_gso(tx, 100 * 64 + 1, 100), 6401);
	r = drain(rx);
	KT_EQ(r.n, 65);
	KT_EQ(r.bad, 0);
	KT_EQ(send_gso(tx, 65507, 1000), 65507);
	KT_EQ(drain(rx).n, 66);
	KT_EQ(send_gso(tx, 65508, 1000), -EMSGSIZE);
	KT_EQ(send_gso(tx, 1000, 1000), 1000); /* one segment: no GSO */
	KT_EQ(send_gso(tx, 3000, 0), 3000);
	r = drain(rx);
	KT_EQ(r.n, 2);
	KT_EQ(r.total, 4000);
	v = 1;
	KT_EQ(tn_setsockopt(tx, SOL_SOCKET, SO_NO_CHECK, &v, sizeof(v)), 0);
	KT_EQ(send_gso(tx, 3000, 1000), -EINVAL);
	KT_EQ(send_gso(tx, 1000, 1000), -EINVAL);
	KT_EQ(drain(rx).n, 0);
	done(st, rx, tx);
}

/* A UDP_SEGMENT control message of the wrong size, an unknown one. */
static void t_bad_cmsg(void)
{
	struct tn_stack *st;
	int rx, tx;
	char c[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { buf, 3000 };
	struct msghdr m = { .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = c,
			    .msg_controllen = sizeof(c) };
	struct cmsghdr *cm;
	int g = 1000;

	pair(&st, &rx, &tx);
	memset(c, 0, sizeof(c));
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_UDP;
	cm->cmsg_type = UDP_SEGMENT;
	cm->cmsg_len = CMSG_LEN(sizeof(g));
	memcpy(CMSG_DATA(cm), &g, sizeof(g));
	KT_EQ(tn_sendmsg(tx, &m, 0), -1);
	KT_EQ(errno, EINVAL);
	cm->cmsg_type = 99;
	KT_EQ(tn_sendmsg(tx, &m, 0), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(drain(rx).n, 0);
	done(st, rx, tx);
}

/* UDP_GRO: the GSO datagram whole, with its segment size in a cmsg. */
static void t_gro(void)
{
	struct tn_stack *st;
	struct rx_result r;
	int rx, tx, v = 1;

	pair(&st, &rx, &tx);
	KT_EQ(tn_setsockopt(rx, SOL_UDP, UDP_GRO, &v, sizeof(v)), 0);
	KT_EQ(send_gso(tx, 1472 * 44, 1472), 64768);
	r = drain(rx);
	KT_EQ(r.n, 1);
	KT_EQ(r.total, 64768);
	KT_EQ(r.gro, 1472);
	KT_EQ(r.bad, 0);
	KT_EQ(send_gso(tx, 1000, 1000), 1000);
	r = drain(rx);
	KT_EQ(r.n, 1);
	KT_EQ(r.gro, -1);
	done(st, rx, tx);
}

/* UDP_CORK and MSG_MORE: one datagram from several sends. */
static void t_cork(void)
{
	struct tn_stack *st;
	struct rx_result r;
	int rx, tx, v = 1;

	pair(&st, &rx, &tx);
	KT_EQ(tn_setsockopt(tx, SOL_UDP, UDP_CORK, &v, sizeof(v)), 0);
	fill(300);
	KT_EQ(tn_send(tx, buf, 100, 0), 100);
	KT_EQ(tn_send(tx, buf + 100, 200, 0), 200);
	KT_EQ(drain(rx).n, 0);
	v = 0;
	KT_EQ(tn_setsockopt(tx, SOL_UDP, UDP_CORK, &v, sizeof(v)), 0);
	r = drain(rx);
	KT_EQ(r.n, 1);
	KT_EQ(r.total, 300);
	KT_EQ(r.bad, 0);

	/* too much for one datagram: EMSGSIZE, and what was pending goes */
	KT_EQ(tn_send(tx, buf, 100, MSG_MORE), 100);
	KT_EQ(tn_send(tx, buf, 65500, MSG_MORE), -1);
	KT_EQ(errno, EMSGSIZE);
	KT_EQ(tn_send(tx, buf, 50, 0), 50);
	r = drain(rx);
	KT_EQ(r.n, 1);
	KT_EQ(r.total, 50);

	/* corked with UDP_SEGMENT: one GSO datagram of both sends */
	v = 1;
	KT_EQ(tn_setsockopt(rx, SOL_UDP, UDP_GRO, &v, sizeof(v)), 0);
	KT_EQ(tn_setsockopt(tx, SOL_UDP, UDP_CORK, &v, sizeof(v)), 0);
	KT_EQ(send_gso(tx, 3000, 1000), 3000);
	KT_EQ(send_gso(tx, 3000, 1000), 3000);
	v = 0;
	KT_EQ(tn_setsockopt(tx, SOL_UDP, UDP_CORK, &v, sizeof(v)), 0);
	r = drain(rx);
	KT_EQ(r.n, 1);
	KT_EQ(r.total, 6000);
	KT_EQ(r.gro, 1000);

	/* closed while corked: the pending datagram is freed */
	v = 1;
	KT_EQ(tn_setsockopt(tx, SOL_UDP, UDP_CORK, &v, sizeof(v)), 0);
	KT_EQ(tn_send(tx, buf, 2000, 0), 2000);
	done(st, rx, tx);
}

/*
 * lo at MTU 1500: a segment that does not fit is EMSGSIZE; and with GSO
 * taken off the device the datagram is cut on transmit, so the receiver
 * with UDP_GRO gets plain segments.
 */
static void t_mtu_and_software_gso(void)
{
	struct tn_stack *st;
	struct net_device *lo;
	struct rx_result r;
	struct ifreq ifr;
	int rx, tx, v = 1;

	pair(&st, &rx, &tx);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ifr.ifr_mtu = 1500;
	KT_EQ(tn_ioctl(tx, SIOCSIFMTU, &ifr), 0);
	KT_EQ(send_gso(tx, 3000, 1473), -EMSGSIZE);
	KT_EQ(send_gso(tx, 1000, 1473), 1000);
	KT_EQ(drain(rx).n, 1);
	KT_EQ(send_gso(tx, 3000, 1472), 3000);
	r = drain(rx);
	KT_EQ(r.n, 3);
	KT_EQ(r.bad, 0);

	KT_EQ(tn_setsockopt(rx, SOL_UDP, UDP_GRO, &v, sizeof(v)), 0);
	lo = st->init_net->loopback_dev;
	lo->features &= ~(NETIF_F_GSO_UDP_L4 | NETIF_F_HW_CSUM);
	KT_EQ(send_gso(tx, 1472 * 10 + 5, 1472), 1472 * 10 + 5);
	r = drain(rx);
	KT_EQ(r.n, 11);
	KT_EQ(r.gro, -1);
	KT_EQ(r.bad, 0);
	done(st, rx, tx);
}

KTEST_MAIN(KT(t_segment_limits), KT(t_bad_cmsg), KT(t_gro), KT(t_cork),
	   KT(t_mtu_and_software_gso))
