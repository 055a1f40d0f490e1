// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP options, ioctls, sysctls and /proc/net/tcp, with the values and
 * errnos Linux 6.18 gives (checked with the same calls on the kernel);
 * keepalive probes and TCP_USER_TIMEOUT, the SYN retries of a connection
 * to nowhere (ETIMEDOUT after 127 s), and TCP_INFO across states.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <unistd.h>

#include "ktest.h"
#include "kstack.h"

static struct tn_stack *st;

static void setup(void)
{
	st = kt_stack_lo_up();
}

static void teardown(void)
{
	tn_clock_advance(st, 200ULL * 1000000000ULL);
	kt_stack_done(st);
}

static int geti(int fd, int opt)
{
	int v = -1;
	socklen_t len = sizeof(v);

	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, opt, &v, &len), 0);
	KT_EQ(len, sizeof(v));
	return v;
}

static int seti(int fd, int opt, int v)
{
	return tn_setsockopt(fd, IPPROTO_TCP, opt, &v, sizeof(v));
}

static void read_file(const char *path, char *buf, size_t len)
{
	int fd = tn_open(path, O_RDONLY);
	ssize_t n;

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, len - 1);
	KT_ASSERT(n >= 0);
	buf[n] = '\0';
	tn_close(fd);
}

static void test_defaults_and_errnos(void)
{
	char cc[16];
	socklen_t len = sizeof(cc);
	int fd, v;

	setup();
	fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(geti(fd, TCP_NODELAY), 0);
	KT_EQ(geti(fd, TCP_MAXSEG), 536);
	KT_EQ(geti(fd, TCP_CORK), 0);
	KT_EQ(geti(fd, TCP_KEEPIDLE), 7200);
	KT_EQ(geti(fd, TCP_KEEPINTVL), 75);
	KT_EQ(geti(fd, TCP_KEEPCNT), 9);
	KT_EQ(geti(fd, TCP_SYNCNT), 6);
	KT_EQ(geti(fd, TCP_LINGER2), 60);
	KT_EQ(geti(fd, TCP_USER_TIMEOUT), 0);
	KT_EQ(geti(fd, TCP_WINDOW_CLAMP), 0);
	KT_EQ(geti(fd, TCP_QUICKACK), 1);
	len = sizeof(v);
	KT_EQ(tn_getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, &len), 0);
	KT_EQ(v, 16384);
	KT_EQ(tn_getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &len), 0);
	KT_EQ(v, 131072);

	KT_EQ(seti(fd, TCP_MAXSEG, 10), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_MAXSEG, 65536), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_MAXSEG, 88), 0);
	KT_EQ(seti(fd, TCP_MAXSEG, 1000), 0);
	KT_EQ(geti(fd, TCP_MAXSEG), 1000);
	KT_EQ(seti(fd, TCP_KEEPIDLE, 0), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_KEEPIDLE, 32768), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_KEEPCNT, 128), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_SYNCNT, 0), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_USER_TIMEOUT, -1), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_NODELAY, 1), 0);
	KT_EQ(geti(fd, TCP_NODELAY), 1);
	KT_EQ(seti(fd, 9999, 1), -1);
	KT_EQ(errno, ENOPROTOOPT);
	/* TCP_LINGER2: at most 120 s (TCP_FIN_TIMEOUT_MAX), -1 kept */
	KT_EQ(seti(fd, TCP_LINGER2, 1000), 0);
	KT_EQ(geti(fd, TCP_LINGER2), 120);
	KT_EQ(seti(fd, TCP_LINGER2, 90), 0);
	KT_EQ(geti(fd, TCP_LINGER2), 90);
	KT_EQ(seti(fd, TCP_LINGER2, -5), 0);
	KT_EQ(geti(fd, TCP_LINGER2), -1);
	/* TCP_TIMESTAMP: the TSval clock (ms, even); set only in repair */
	v = geti(fd, TCP_TIMESTAMP);
	KT_EQ(v & 1, 0);
	tn_clock_advance(st, 3000ULL * 1000000ULL);
	KT_EQ(geti(fd, TCP_TIMESTAMP) - v, 3000);
	KT_EQ(seti(fd, TCP_TIMESTAMP, 5), -1);
	KT_EQ(errno, EPERM);
	/* TCP_ULP: no upper layer protocol is built: none attached, every
	 * name unknown (Linux 6.18 without kTLS says the same of "tls") */
	len = sizeof(cc);
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_ULP, cc, &len), 0);
	KT_EQ(len, 0);
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_ULP, "tls", 3), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_ULP, "tls", 0), -1);
	KT_EQ(errno, EINVAL);
	/* TCP_DEFER_ACCEPT: seconds as SYN-ACK timeouts, read back whole */
	KT_EQ(geti(fd, TCP_DEFER_ACCEPT), 0);
	KT_EQ(seti(fd, TCP_DEFER_ACCEPT, 5), 0);
	KT_EQ(geti(fd, TCP_DEFER_ACCEPT), 7);
	KT_EQ(seti(fd, TCP_DEFER_ACCEPT, 0), 0);
	KT_EQ(geti(fd, TCP_DEFER_ACCEPT), 0);

	len = sizeof(cc);
	KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, cc, &len), 0);
	KT_EQ(len, 16);
	KT_STREQ(cc, "cubic");
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "nope", 4), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 4), 0);

	/* SIOCINQ/SIOCOUTQ: 0 unconnected, EINVAL on a listener */
	KT_EQ(tn_ioctl(fd, SIOCINQ, &v), 0);
	KT_EQ(v, 0);
	KT_EQ(tn_ioctl(fd, SIOCOUTQ, &v), 0);
	KT_EQ(v, 0);
	KT_EQ(tn_listen(fd, 5), 0);
	KT_EQ(tn_ioctl(fd, SIOCINQ, &v), -1);
	KT_EQ(errno, EINVAL);
	{
		struct tcp_info ti;

		len = sizeof(ti);
		KT_EQ(tn_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
		KT_EQ(ti.tcpi_state, TCP_LISTEN);
		KT_EQ(ti.tcpi_unacked, 0); /* the accept queue */
		KT_EQ(ti.tcpi_sacked, 5); /* its bound */
	}
	tn_close(fd);
	teardown();
}

static void test_sysctls(void)
{
	char buf[256];

	setup();
	read_file("/proc/sys/net/ipv4/tcp_rmem", buf, sizeof(buf));
	KT_STREQ(buf, "4096\t131072\t33554432\n");
	read_file("/proc/sys/net/ipv4/tcp_wmem", buf, sizeof(buf));
	KT_STREQ(buf, "4096\t16384\t4194304\n");
	read_file("/proc/sys/net/ipv4/tcp_congestion_control", buf,
		  sizeof(buf));
	KT_STREQ(buf, "cubic\n");
	read_file("/proc/sys/net/ipv4/tcp_available_congestion_control", buf,
		  sizeof(buf));
	KT_STREQ(buf, "reno bbr cubic\n");
	read_file("/proc/sys/net/ipv4/tcp_fin_timeout", buf, sizeof(buf));
	KT_STREQ(buf, "60\n");
	read_file("/proc/sys/net/ipv4/tcp_keepalive_time", buf, sizeof(buf));
	KT_STREQ(buf, "7200\n");
	read_file("/proc/sys/net/ipv4/tcp_syn_retries", buf, sizeof(buf));
	KT_STREQ(buf, "6\n");
	read_file("/proc/sys/net/ipv4/tcp_syn_linear_timeouts", buf,
		  sizeof(buf));
	KT_STREQ(buf, "4\n");
	read_file("/proc/sys/net/ipv4/tcp_tw_reuse", buf, sizeof(buf));
	KT_STREQ(buf, "2\n");
	read_file("/proc/sys/net/ipv4/tcp_challenge_ack_limit", buf,
		  sizeof(buf));
	KT_STREQ(buf, "2147483647\n");
	read_file("/proc/sys/net/ipv4/tcp_notsent_lowat", buf, sizeof(buf));
	KT_STREQ(buf, "4294967295\n");
	read_file("/proc/sys/net/ipv4/tcp_thin_linear_timeouts", buf,
		  sizeof(buf));
	KT_STREQ(buf, "0\n");
	/* a u8 in Linux 6.18: 0..255, any non-zero value turns it on */
	{
		int fd = tn_open("/proc/sys/net/ipv4/tcp_thin_linear_timeouts",
				 O_WRONLY);

		KT_ASSERT(fd >= 0);
		KT_EQ(tn_write(fd, "256\n", 4), -1);
		KT_EQ(errno, EINVAL);
		KT_EQ(tn_write(fd, "-1\n", 3), -1);
		KT_EQ(errno, EINVAL);
		KT_EQ(tn_write(fd, "255\n", 4), 4);
		KT_EQ(tn_write(fd, "0\n", 2), 2);
		tn_close(fd);
	}
	/* out of range, as Linux: tcp_syn_retries 1..127 */
	{
		int fd =
			tn_open("/proc/sys/net/ipv4/tcp_syn_retries", O_WRONLY);

		KT_ASSERT(fd >= 0);
		KT_EQ(tn_write(fd, "0\n", 2), -1);
		KT_EQ(errno, EINVAL);
		tn_close(fd);
		/* tcp_syn_linear_timeouts 0..127 */
		fd = tn_open("/proc/sys/net/ipv4/tcp_syn_linear_timeouts",
			     O_WRONLY);
		KT_ASSERT(fd >= 0);
		KT_EQ(tn_write(fd, "128\n", 4), -1);
		KT_EQ(errno, EINVAL);
		KT_EQ(tn_write(fd, "-1\n", 3), -1);
		KT_EQ(errno, EINVAL);
		tn_close(fd);
		fd = tn_open("/proc/sys/net/ipv4/tcp_congestion_control",
			     O_WRONLY);
		KT_EQ(tn_write(fd, "vegas\n", 6), -1);
		KT_EQ(errno, ENOENT);
		tn_close(fd);
	}
	teardown();
}

/*
 * A SYN into the void, as Linux 6.18 sends it (measured there over veth):
 * tcp_syn_linear_timeouts (4) RTOs at 1 s, then back-off; tcp_syn_retries
 * (6) retransmissions on top, sent at 1 2 3 4 5 7 11 19 35 67 s; ETIMEDOUT
 * at 131 s.
 */
static void test_syn_timeout(void)
{
	static const struct {
		unsigned int at_ms, retransmits, backoff, rto_us;
	} seen[] = {
		{ 500, 0, 0, 1000000 },	 { 1500, 1, 0, 1000000 },
		{ 2500, 2, 0, 1000000 }, { 5500, 5, 1, 2000000 },
		{ 7500, 6, 2, 4000000 }, { 67500, 10, 6, 64000000 },
	};
	struct sockaddr_in a = kt_lo_addr(80);
	unsigned int now_ms = 0;
	struct tcp_info ti;
	socklen_t tlen;
	int c, err;
	socklen_t len = sizeof(err);
	size_t i;

	setup();
	c = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	{
		/* a listener that never answers: its accept queue is full */
		struct sockaddr_in la = a;
		int l = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		int fill = tn_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

		KT_EQ(tn_bind(l, KT_SA(&la), sizeof(la)), 0);
		KT_EQ(tn_listen(l, 0), 0);
		KT_EQ(tn_connect(fill, KT_SA(&a), sizeof(a)), -1);
		KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), -1);
		KT_EQ(errno, EINPROGRESS);
		for (i = 0; i < sizeof(seen) / sizeof(seen[0]); i++) {
			tn_clock_advance(st,
					 (seen[i].at_ms - now_ms) * 1000000ULL);
			now_ms = seen[i].at_ms;
			tlen = sizeof(ti);
			KT_EQ(tn_getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti,
					    &tlen),
			      0);
			KT_EQ(ti.tcpi_retransmits, seen[i].retransmits);
			KT_EQ(ti.tcpi_backoff, seen[i].backoff);
			KT_EQ(ti.tcpi_rto, seen[i].rto_us);
		}
		tn_clock_advance(st, (130000ULL - now_ms) * 1000000ULL);
		KT_EQ(tn_getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
		KT_EQ(err, 0);
		tn_clock_advance(st, 2ULL * 1000000000ULL);
		KT_EQ(tn_getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
		KT_EQ(err, ETIMEDOUT);
		tn_close(fill);
		tn_close(l);
	}
	tn_close(c);
	teardown();
}

/* Keepalive: idle 10 s, then probes every 2 s; the peer answers them. */
static void test_keepalive(void)
{
	struct sockaddr_in a = kt_lo_addr(7100);
	int l, c, s, one = 1;
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	setup();
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 1), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)), 0);
	KT_EQ(seti(c, TCP_KEEPIDLE, 10), 0);
	KT_EQ(seti(c, TCP_KEEPINTVL, 2), 0);
	KT_EQ(seti(c, TCP_KEEPCNT, 3), 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	tn_clock_advance(st, 60ULL * 1000000000ULL);
	/* answered: still established, nothing outstanding */
	KT_EQ(tn_getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &len), 0);
	KT_EQ(ti.tcpi_state, TCP_ESTABLISHED);
	KT_EQ(ti.tcpi_probes, 0);
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

static void test_proc_net_tcp(void)
{
	struct sockaddr_in a = kt_lo_addr(5555);
	char buf[4096];
	const char *line;
	unsigned long ino;
	unsigned int uid;
	int l, c, s, timeout, n, qlen = 3;

	setup();
	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	/* a listener's last field is its Fast Open queue's length, as
	 * Linux's (fastopenq.max_qlen; checked in a namespace) */
	KT_EQ(tn_setsockopt(l, IPPROTO_TCP, TCP_FASTOPEN, &qlen, sizeof(qlen)),
	      0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(tn_listen(l, 5), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_EQ(tn_send(c, "abc", 3, 0), 3);
	read_file("/proc/net/tcp", buf, sizeof(buf));
	/* header and three sockets, each line padded to 149 columns */
	KT_EQ(strlen(buf), 4 * 150);
	KT_ASSERT(!strncmp(buf,
			   "  sl  local_address rem_address   st tx_queue "
			   "rx_queue tr tm->when retrnsmt   uid  timeout inode",
			   79));
	line = strstr(buf, "   0: 0100007F:15B3 00000000:0000 0A "
			   "00000000:00000000 00:00000000 00000000 ");
	KT_ASSERT(line != NULL);
	/* uid is the creator's, inode the socket's (as ls -i /proc/PID/fd) */
	KT_EQ(sscanf(line + 77, "%u %d %lu %n", &uid, &timeout, &ino, &n), 3);
	KT_EQ(uid, (unsigned int)geteuid());
	KT_EQ(timeout, 0);
	KT_ASSERT(ino != 0);
	KT_ASSERT(
		!strncmp(line + 77 + n, "1 0000000000000000 100 0 0 10 3", 31));
	/* the server end: 3 bytes to read */
	KT_ASSERT(strstr(buf, " 0100007F:15B3 0100007F:"));
	KT_ASSERT(strstr(buf, " 01 00000000:00000003 00:00000000 00000000"));
	tn_close(c);
	tn_close(s);
	tn_close(l);
	teardown();
}

/*
 * TCP_SAVE_SYN / TCP_SAVED_SYN over lo, as Linux 6.18 gives them: the
 * child holds its SYN's IP and TCP headers (60 bytes: mss, sackOK, TS,
 * nop, wscale), with 2 the 14-byte Ethernet header before them, for one
 * read; a buffer too small is EINVAL with the length needed.
 */
static void saved_syn(int mode, int port)
{
	struct sockaddr_in a = kt_lo_addr(port);
	unsigned char b[200];
	socklen_t len;
	int l, c, s, v, off = mode == 2 ? 14 : 0;

	l = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
	KT_EQ(seti(l, TCP_SAVE_SYN, mode), 0);
	KT_EQ(tn_listen(l, 5), 0);
	c = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
	s = tn_accept(l, NULL, NULL);
	KT_ASSERT(s >= 0);
	KT_EQ(geti(s, TCP_SAVE_SYN), mode);
	len = 4;
	v = tn_getsockopt(s, IPPROTO_TCP, TCP_SAVED_SYN, b, &len);
	if (!mode) {
		KT_EQ(v, 0);
		KT_EQ(len, 0);
	} else {
		KT_EQ(v, -1);
		KT_EQ(errno, EINVAL);
		KT_EQ(len, (socklen_t)(60 + off));
		len = sizeof(b);
		KT_EQ(tn_getsockopt(s, IPPROTO_TCP, TCP_SAVED_SYN, b, &len), 0);
		KT_EQ(len, (socklen_t)(60 + off));
		if (mode == 2) { /* lo's header: no addresses, IPv4 */
			KT_EQ(b[0] | b[5] | b[6] | b[11], 0);
			KT_EQ(b[12] << 8 | b[13], 0x0800);
		}
		KT_EQ(b[off], 0x45);
		KT_EQ(b[off + 3], 60); /* total length */
		KT_EQ(b[off + 9], IPPROTO_TCP);
		KT_EQ(b[off + 22] << 8 | b[off + 23], port);
		KT_EQ(b[off + 32], 0xa0); /* 40 bytes of TCP header */
		KT_EQ(b[off + 33], 0x02); /* SYN */
		KT_EQ(b[off + 40] << 8 | b[off + 41], 0x0204); /* MSS */
		KT_EQ(b[off + 57] << 16 | b[off + 58] << 8 | b[off + 59],
		      0x03030a); /* wscale 10 */
	}
	len = sizeof(b);
	KT_EQ(tn_getsockopt(s, IPPROTO_TCP, TCP_SAVED_SYN, b, &len), 0);
	KT_EQ(len, 0); /* read once */
	len = sizeof(b);
	KT_EQ(tn_getsockopt(l, IPPROTO_TCP, TCP_SAVED_SYN, b, &len), 0);
	KT_EQ(len, 0);
	tn_close(s);
	tn_close(c);
	tn_close(l);
}

static void test_save_syn(void)
{
	int fd;

	setup();
	fd = tn_socket(AF_INET, SOCK_STREAM, 0);
	KT_EQ(seti(fd, TCP_SAVE_SYN, 3), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(seti(fd, TCP_SAVE_SYN, -1), -1);
	KT_EQ(errno, EINVAL);
	tn_close(fd);
	saved_syn(0, 7200);
	saved_syn(1, 7201);
	saved_syn(2, 7202);
	/* a child never read keeps its headers until it goes */
	{
		struct sockaddr_in a = kt_lo_addr(7203);
		int l = tn_socket(AF_INET, SOCK_STREAM, 0), c, s;

		KT_EQ(tn_bind(l, KT_SA(&a), sizeof(a)), 0);
		KT_EQ(seti(l, TCP_SAVE_SYN, 1), 0);
		KT_EQ(tn_listen(l, 5), 0);
		c = tn_socket(AF_INET, SOCK_STREAM, 0);
		KT_EQ(tn_connect(c, KT_SA(&a), sizeof(a)), 0);
		s = tn_accept(l, NULL, NULL);
		tn_close(s);
		tn_close(c);
		tn_close(l);
	}
	teardown();
}

KTEST_MAIN(KT(test_defaults_and_errnos), KT(test_sysctls), KT(test_syn_timeout),
	   KT(test_save_syn), KT(test_keepalive), KT(test_proc_net_tcp))
