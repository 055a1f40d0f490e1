/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Requests over NETLINK_SOCK_DIAG as `ss` sends them, shared by the
 * inet_diag and tcp_diag tests: filter bytecode built op by op, an
 * inet_diag_req_v2 dump request with the bytecode attached, and the
 * dump read back to its NLMSG_DONE or error.  Include after ktest.h and
 * kstack.h.
 */
#ifndef TUXNET_TESTS_SOCK_DIAG_H
#define TUXNET_TESTS_SOCK_DIAG_H

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

/* ---- building programs ---- */

struct diag_prog {
	struct nlattr hdr;
	unsigned char code[512];
	int len;
};

static inline void diag_op(struct diag_prog *p, int code, int yes, int no)
{
	struct inet_diag_bc_op o = { .code = (unsigned char)code,
				     .yes = (unsigned char)yes,
				     .no = (unsigned short)no };

	memcpy(p->code + p->len, &o, sizeof(o));
	p->len += (int)sizeof(o);
}

/* What ss compiles for `sport >= :1024` (an 8-byte comparison). */
static inline void diag_port_ge(struct diag_prog *p, int code, int port)
{
	diag_op(p, code, 8, 12);
	diag_op(p, 0, 0, port);
}

/* ---- requests over NETLINK_SOCK_DIAG ---- */

struct diag_req {
	struct nlmsghdr nlh;
	struct inet_diag_req_v2 r;
	unsigned char attrs[256];
};

static inline int diag_open(void)
{
	int fd = tn_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			   NETLINK_SOCK_DIAG);

	KT_ASSERT(fd >= 0);
	return fd;
}

static inline void diag_init(struct diag_req *q, int family, int proto,
			     unsigned int states)
{
	memset(q, 0, sizeof(*q));
	q->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(q->r));
	q->nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	q->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	q->nlh.nlmsg_seq = 7;
	q->r.sdiag_family = (unsigned char)family;
	q->r.sdiag_protocol = (unsigned char)proto;
	q->r.idiag_states = states;
}

static inline void diag_bytecode(struct diag_req *q, struct diag_prog *p)
{
	struct nlattr *a =
		(struct nlattr *)(void *)((char *)q +
					  NLMSG_ALIGN(q->nlh.nlmsg_len));

	a->nla_type = INET_DIAG_REQ_BYTECODE;
	a->nla_len = (unsigned short)(NLA_HDRLEN + p->len);
	memcpy(a + 1, p->code, (size_t)p->len);
	q->nlh.nlmsg_len =
		NLMSG_ALIGN(q->nlh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

/*
 * diag_run - send @q, collect the sockets' local ports in @ports (up to
 * 16); returns the dump's or ack's errno (0 when done fine), the number
 * of sockets in *@n.
 */
static inline int diag_run(int fd, struct diag_req *q, int *ports, int *n)
{
	static char buf[65536];
	int count = 0;

	KT_EQ(tn_send(fd, q, q->nlh.nlmsg_len, 0), (ssize_t)q->nlh.nlmsg_len);
	for (;;) {
		ssize_t len = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		size_t left;
		struct nlmsghdr *h;

		KT_ASSERT(len > 0);
		left = (size_t)len;
		for (h = (struct nlmsghdr *)(void *)buf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			int err;

			KT_EQ(h->nlmsg_seq, 7);
			if (h->nlmsg_type == NLMSG_DONE ||
			    h->nlmsg_type == NLMSG_ERROR) {
				memcpy(&err, NLMSG_DATA(h), sizeof(err));
				if (n)
					*n = count;
				return err;
			}
			KT_EQ(h->nlmsg_type, SOCK_DIAG_BY_FAMILY);
			if (ports && count < 16) {
				const struct inet_diag_msg *m = NLMSG_DATA(h);

				ports[count] = ntohs(m->id.idiag_sport);
			}
			count++;
			if (!(h->nlmsg_flags & NLM_F_MULTI)) { /* one socket */
				if (n)
					*n = count;
				return 0;
			}
		}
	}
}

#endif /* TUXNET_TESTS_SOCK_DIAG_H */
