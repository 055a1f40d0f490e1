// SPDX-License-Identifier: BSD-2-Clause
/*
 * sock_diag and inet_diag: the filter bytecode's audit (every malformed
 * program refused with -EINVAL, as inet_diag_bc_audit refuses it) and run,
 * then requests over NETLINK_SOCK_DIAG as `ss` sends them: dumps of UDP
 * and raw sockets with states, ports and bytecode, one socket by id and
 * cookie, the errnos of bad requests, protocols with no handler, netlink's
 * per-protocol ports, and /proc/net/sockstat.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <stdbool.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kstack.h"
#include "sock_diag.h"

/* The kernel's side, reached directly (pure functions of their input). */
struct nlattr;
int inet_diag_bc_audit(const struct nlattr *attr, bool net_admin);

/* ---- building programs ---- */

static void raw(struct diag_prog *p, const void *b, int n)
{
	memcpy(p->code + p->len, b, (size_t)n);
	p->len += n;
}

/* An S_COND/D_COND for @family (AF_INET: @addr/@plen), @port (-1: any). */
static void hostcond(struct diag_prog *p, int code, int family,
		     const char *addr, int plen, int port)
{
	struct inet_diag_hostcond c = { .family = (unsigned char)family,
					.prefix_len = (unsigned char)plen,
					.port = port };
	int alen = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
	struct in_addr a = { 0 };

	diag_op(p, code, 4 + (int)sizeof(c) + (alen ? alen : 4),
		4 + (int)sizeof(c) + (alen ? alen : 4) + 4);
	raw(p, &c, sizeof(c));
	if (addr)
		KT_EQ(inet_pton(AF_INET, addr, &a), 1);
	raw(p, &a, 4);
	if (alen == 16)
		raw(p, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
}

static int audit(struct diag_prog *p, bool admin)
{
	p->hdr.nla_len = (unsigned short)(NLA_HDRLEN + p->len);
	p->hdr.nla_type = INET_DIAG_REQ_BYTECODE;
	return inet_diag_bc_audit(&p->hdr, admin);
}

static void test_audit_accepts_what_ss_sends(void)
{
	struct diag_prog p;
	struct inet_diag_markcond m = { 1, 1 };

	memset(&p, 0, sizeof(p)); /* sport >= :1024 */
	diag_port_ge(&p, INET_DIAG_BC_S_GE, 1024);
	KT_EQ(audit(&p, true), 0);

	memset(&p, 0, sizeof(p)); /* dst 10.0.0.0/8 and sport = :53 */
	hostcond(&p, INET_DIAG_BC_D_COND, AF_INET, "10.0.0.0", 8, -1);
	hostcond(&p, INET_DIAG_BC_S_COND, AF_UNSPEC, NULL, 0, 53);
	/* the first's "no" jumps past the end: ssfilter_patch relocates it */
	{
		struct inet_diag_bc_op o;

		memcpy(&o, p.code, sizeof(o));
		o.no = (unsigned short)(p.len + 4);
		memcpy(p.code, &o, sizeof(o));
	}
	KT_EQ(audit(&p, true), 0);

	memset(&p, 0, sizeof(p)); /* not autobound: AUTO, JMP 4/8 */
	diag_op(&p, INET_DIAG_BC_AUTO, 4, 8);
	diag_op(&p, INET_DIAG_BC_JMP, 4, 8);
	KT_EQ(audit(&p, true), 0);

	memset(&p, 0, sizeof(p)); /* sport < :10 or dport > :20 */
	diag_port_ge(&p, INET_DIAG_BC_S_GE, 10);
	diag_op(&p, INET_DIAG_BC_JMP, 4, 8);
	diag_op(&p, INET_DIAG_BC_JMP, 4, 16);
	diag_port_ge(&p, INET_DIAG_BC_D_LE, 20);
	diag_op(&p, INET_DIAG_BC_JMP, 4, 8);
	KT_EQ(audit(&p, true), 0);

	memset(&p, 0, sizeof(p)); /* NOP's jumps are not checked */
	diag_op(&p, INET_DIAG_BC_NOP, 4, 0xffff);
	KT_EQ(audit(&p, true), 0);

	memset(&p, 0, sizeof(p)); /* dev 2 and fwmark 1/1 (admin) */
	diag_op(&p, INET_DIAG_BC_DEV_COND, 8, 24);
	raw(&p, "\2\0\0\0", 4);
	diag_op(&p, INET_DIAG_BC_MARK_COND, 12, 16);
	raw(&p, &m, sizeof(m));
	KT_EQ(audit(&p, true), 0);
	/* a mark needs CAP_NET_ADMIN: -EPERM, as Linux */
	KT_EQ(audit(&p, false), -EPERM);
}

static void test_audit_refuses_malformed(void)
{
	struct diag_prog p;

	memset(&p, 0, sizeof(p)); /* empty */
	KT_EQ(audit(&p, true), -EINVAL);
	KT_EQ(inet_diag_bc_audit(NULL, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* shorter than one instruction */
	raw(&p, "\1\4", 2);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* unknown code */
	diag_op(&p, 99, 4, 8);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* yes not a multiple of 4 */
	diag_op(&p, INET_DIAG_BC_JMP, 5, 8);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* yes 0: would loop forever */
	diag_op(&p, INET_DIAG_BC_AUTO, 0, 8);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* yes beyond end + 4 */
	diag_op(&p, INET_DIAG_BC_AUTO, 12, 8);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* no beyond end + 4 */
	diag_op(&p, INET_DIAG_BC_AUTO, 4, 12);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* no into the middle of an instruction */
	diag_op(&p, INET_DIAG_BC_AUTO, 4, 8);
	diag_port_ge(&p, INET_DIAG_BC_S_GE, 1);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* port comparison without its operand */
	diag_op(&p, INET_DIAG_BC_S_GE, 4, 8);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* hostcond cut short */
	diag_op(&p, INET_DIAG_BC_S_COND, 8, 12);
	raw(&p, "\2\0\0\0", 4);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* hostcond of an unknown family */
	hostcond(&p, INET_DIAG_BC_S_COND, AF_UNIX, NULL, 0, -1);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* prefix longer than the address */
	hostcond(&p, INET_DIAG_BC_D_COND, AF_INET, "10.0.0.0", 33, -1);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* IPv6 hostcond without its 16 bytes */
	{
		struct inet_diag_hostcond c = { .family = AF_INET6,
						.prefix_len = 0,
						.port = -1 };

		diag_op(&p, INET_DIAG_BC_S_COND, 16, 20);
		raw(&p, &c, sizeof(c));
		raw(&p, "\0\0\0\0", 4);
	}
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* dev cond without its ifindex */
	diag_op(&p, INET_DIAG_BC_DEV_COND, 4, 8);
	KT_EQ(audit(&p, true), -EINVAL);

	memset(&p, 0, sizeof(p)); /* mark cond cut short */
	diag_op(&p, INET_DIAG_BC_MARK_COND, 8, 12);
	raw(&p, "\1\0\0\0", 4);
	KT_EQ(audit(&p, true), -EINVAL);
}

/* ---- requests over NETLINK_SOCK_DIAG ---- */

static int udp_bound(const char *addr, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((unsigned short)port) };
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	KT_EQ(inet_pton(AF_INET, addr, &sin.sin_addr), 1);
	KT_EQ(tn_bind(fd, KT_SA(&sin), sizeof(sin)), 0);
	return fd;
}

static void test_bad_requests(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct diag_req q;
	int fd = diag_open();

	/* A family past AF_MAX: -EINVAL; one with no handler: -ENOENT. */
	diag_init(&q, 99, IPPROTO_UDP, ~0U);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -EINVAL);
	diag_init(&q, AF_UNIX, 0, ~0U);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);
	/* Shorter than sock_diag_req, then than inet_diag_req_v2: -EINVAL. */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	q.nlh.nlmsg_len = NLMSG_LENGTH(1);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -EINVAL);
	q.nlh.nlmsg_len = NLMSG_LENGTH(8);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -EINVAL);
	/* Unknown message types: -EINVAL; the old TCPDIAG_GETSOCK: no compat. */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	q.nlh.nlmsg_type = 30;
	KT_EQ(diag_run(fd, &q, NULL, NULL), -EINVAL);
	q.nlh.nlmsg_type = TCPDIAG_GETSOCK;
	KT_EQ(diag_run(fd, &q, NULL, NULL), -EOPNOTSUPP);
	/* No SCTP, and ICMP datagram sockets have no handler (as on Linux):
	 * the dump ends at once with -ENOENT.  TCP has one: no sockets. */
	diag_init(&q, AF_INET, IPPROTO_SCTP, ~0U);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);
	diag_init(&q, AF_INET, IPPROTO_TCP, ~0U);
	KT_EQ(diag_run(fd, &q, NULL, NULL), 0);
	diag_init(&q, AF_INET, IPPROTO_ICMP, ~0U);
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);
	/* INET_DIAG_REQ_PROTOCOL overrides the header's protocol. */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	{
		struct nlattr *a = (struct nlattr *)(void *)q.attrs;
		unsigned int proto = IPPROTO_ICMP;

		a->nla_type = INET_DIAG_REQ_PROTOCOL;
		a->nla_len = NLA_HDRLEN + 4;
		memcpy(a + 1, &proto, 4);
		q.nlh.nlmsg_len += NLA_HDRLEN + 4;
	}
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);
	/* A malformed program refuses the dump (an error ack). */
	{
		struct diag_prog p;

		memset(&p, 0, sizeof(p));
		diag_op(&p, INET_DIAG_BC_JMP, 4, 6);
		diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
		diag_bytecode(&q, &p);
		KT_EQ(diag_run(fd, &q, NULL, NULL), -EINVAL);
	}
	/* SOCK_DESTROY of no socket: -ENOENT; raw sockets: not destroyed. */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	q.nlh.nlmsg_type = SOCK_DESTROY;
	q.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);
	q.r.sdiag_protocol = IPPROTO_RAW;
	KT_EQ(diag_run(fd, &q, NULL, NULL), -EOPNOTSUPP);
	tn_close(fd);
	kt_stack_done(st);
}

static void test_udp_dumps_and_filters(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(53),
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int a = udp_bound("0.0.0.0", 53), b = udp_bound("127.0.0.1", 5000);
	int c = udp_bound("127.0.0.1", 6000);
	int fd = diag_open(), ports[16], n, i, seen = 0;
	struct diag_req q;
	struct diag_prog p;

	KT_EQ(tn_connect(b, KT_SA(&peer), sizeof(peer)), 0);

	/* All states: three; established only: one; closed only: two. */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 3);
	for (i = 0; i < n; i++)
		seen |= ports[i] == 53 ? 1 : ports[i] == 5000 ? 2 : 4;
	KT_EQ(seen, 7);
	diag_init(&q, AF_INET, IPPROTO_UDP, 1 << 1 /* TCP_ESTABLISHED */);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 1);
	KT_EQ(ports[0], 5000);
	diag_init(&q, AF_INET, IPPROTO_UDP, 1 << 7 /* TCP_CLOSE */);
	KT_EQ(diag_run(fd, &q, NULL, &n), 0);
	KT_EQ(n, 2);
	/* The header's ports select too (network order, 0: any). */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	q.r.id.idiag_sport = htons(6000);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 1);
	KT_EQ(ports[0], 6000);
	/* No IPv6 sockets: AF_INET6 dumps end empty. */
	diag_init(&q, AF_INET6, IPPROTO_UDP, ~0U);
	KT_EQ(diag_run(fd, &q, NULL, &n), 0);
	KT_EQ(n, 0);

	/* Bytecode: sport >= :5500 -> 6000 only. */
	memset(&p, 0, sizeof(p));
	diag_port_ge(&p, INET_DIAG_BC_S_GE, 5500);
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	diag_bytecode(&q, &p);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 1);
	KT_EQ(ports[0], 6000);
	/* dst 127.0.0.0/8 -> the connected one. */
	memset(&p, 0, sizeof(p));
	hostcond(&p, INET_DIAG_BC_D_COND, AF_INET, "127.0.0.0", 8, -1);
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	diag_bytecode(&q, &p);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 1);
	KT_EQ(ports[0], 5000);
	/* not src 127.0.0.1 (S_COND, JMP 4/8) -> the wildcard one. */
	memset(&p, 0, sizeof(p));
	hostcond(&p, INET_DIAG_BC_S_COND, AF_INET, "127.0.0.1", 32, -1);
	diag_op(&p, INET_DIAG_BC_JMP, 4, 8);
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	diag_bytecode(&q, &p);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 1);
	KT_EQ(ports[0], 53);

	/* One socket by id: local port in idiag_dport, as Linux looks it up. */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	q.nlh.nlmsg_flags = NLM_F_REQUEST;
	q.r.id.idiag_dport = htons(6000);
	q.r.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
	q.r.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 1);
	KT_EQ(ports[0], 6000);
	q.r.id.idiag_cookie[0] = 12345; /* not its cookie */
	q.r.id.idiag_cookie[1] = 0;
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ESTALE);
	q.r.id.idiag_dport = htons(7000); /* nobody */
	KT_EQ(diag_run(fd, &q, NULL, NULL), -ENOENT);

	/* SOCK_DESTROY (ss -K) of the connected one: its user reads
	 * ECONNABORTED, and it is disconnected (its port was bound: kept). */
	diag_init(&q, AF_INET, IPPROTO_UDP, ~0U);
	q.nlh.nlmsg_type = SOCK_DESTROY;
	q.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	q.r.id.idiag_sport = htons(5000); /* as the dump shows it */
	q.r.id.idiag_dport = htons(53);
	q.r.id.idiag_src[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
	q.r.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	KT_EQ(diag_run(fd, &q, NULL, NULL), 0);
	{
		char ch;

		KT_EQ(tn_recv(b, &ch, 1, MSG_DONTWAIT), -1);
		KT_EQ(errno, ECONNABORTED);
	}
	diag_init(&q, AF_INET, IPPROTO_UDP, 1 << 1 /* TCP_ESTABLISHED */);
	KT_EQ(diag_run(fd, &q, NULL, &n), 0);
	KT_EQ(n, 0);

	tn_close(a);
	tn_close(b);
	tn_close(c);
	tn_close(fd);
	kt_stack_done(st);
}

static void test_raw_dump_and_ping_absent(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int r1 = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	int r2 = tn_socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	int fd = diag_open(), ports[16], n;
	struct diag_req q;

	KT_ASSERT(r1 >= 0 && r2 >= 0);
	/* Raw dumps ignore the states (as Linux's raw_diag) and show the
	 * protocol as the port. */
	diag_init(&q, AF_INET, IPPROTO_RAW, 1 << 1);
	KT_EQ(diag_run(fd, &q, ports, &n), 0);
	KT_EQ(n, 2);
	KT_EQ(ports[0] + ports[1], IPPROTO_ICMP + IPPROTO_UDP);
	tn_close(r1);
	tn_close(r2);
	tn_close(fd);
	kt_stack_done(st);
}

/* Each netlink protocol has its own ports, as on Linux. */
static void test_ports_per_protocol(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_pid = 4242 };
	int a = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	int b = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	int c = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);

	KT_ASSERT(a >= 0 && b >= 0 && c >= 0);
	KT_EQ(tn_bind(a, KT_SA(&sa), sizeof(sa)), 0);
	KT_EQ(tn_bind(b, KT_SA(&sa), sizeof(sa)), 0);
	KT_EQ(tn_bind(c, KT_SA(&sa), sizeof(sa)), -1);
	KT_EQ(errno, EADDRINUSE);
	/* a protocol without a kernel side is still refused */
	KT_EQ(tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT), -1);
	KT_EQ(errno, EPROTONOSUPPORT);
	tn_close(a);
	tn_close(b);
	tn_close(c);
	kt_stack_done(st);
}

static void test_sockstat(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	int a = udp_bound("0.0.0.0", 53), b = udp_bound("127.0.0.1", 0);
	int r = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	char buf[512];
	ssize_t n;
	int fd = tn_open("/proc/net/sockstat", O_RDONLY);

	KT_ASSERT(fd >= 0 && r >= 0);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	KT_ASSERT(n > 0);
	buf[n] = 0;
	KT_STREQ(buf, "sockets: used 3\n"
		      "TCP: inuse 0 orphan 0 tw 0 alloc 0 mem 0\n"
		      "UDP: inuse 2 mem 0\n"
		      "UDPLITE: inuse 0\n"
		      "RAW: inuse 1\n"
		      "FRAG: inuse 0 memory 0\n");
	tn_close(fd);
	tn_close(a);
	tn_close(b);
	tn_close(r);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_audit_accepts_what_ss_sends),
	   KT(test_audit_refuses_malformed), KT(test_bad_requests),
	   KT(test_udp_dumps_and_filters), KT(test_raw_dump_and_ping_absent),
	   KT(test_ports_per_protocol), KT(test_sockstat))
