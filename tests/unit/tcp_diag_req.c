// SPDX-License-Identifier: BSD-2-Clause
/*
 * tcp_diag and request socks: a half-open connection (a request sock in
 * the listener's SYN queue, hashed as TCP_NEW_SYN_RECV) is dumped as
 * SYN-RECV with the SYN-ACK timer (1), no owner and a mark for the
 * privileged caller, chosen by the SYN-RECV state and by filters, and
 * SOCK_DESTROY takes it out of the SYN queue.  The request sock is made
 * in the stack as tcp_conn_request makes it, since over loopback the
 * handshake completes at once.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <netinet/in.h>
#include <arpa/inet.h>

#include <tuxnet/tuxnet.h>

#include <net/inet_diag.h>
#include <net/net_namespace.h>
#include <net/stack.h>
#include <net/tcp.h>
/* after net/sock.h, as net/sock_diag.h says */
#include <net/sock_diag.h>

#include "ktest.h"
#include "kstack.h"

struct diag_req {
	struct nlmsghdr nlh;
	struct inet_diag_req_v2 r;
};

/* Send @q; the first message of the reply in @m, its type returned
 * (SOCK_DIAG_BY_FAMILY, NLMSG_DONE or NLMSG_ERROR with *@err). */
static int diag_one(int fd, struct diag_req *q, struct inet_diag_msg *m,
		    int *err, bool *mark)
{
	static char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
	ssize_t len;
	int type;

	KT_EQ(tn_send(fd, q, q->nlh.nlmsg_len, 0), (ssize_t)q->nlh.nlmsg_len);
	len = tn_recv(fd, buf, sizeof(buf), 0);
	KT_ASSERT(len > 0 && NLMSG_OK(h, (size_t)len));
	type = h->nlmsg_type;
	if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_type == NLMSG_DONE)
		memcpy(err, NLMSG_DATA(h), sizeof(*err));
	if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
		const struct nlattr *a;
		int rem;

		memcpy(m, NLMSG_DATA(h), sizeof(*m));
		*mark = false;
		a = (const struct nlattr *)(const void *)((char *)NLMSG_DATA(
								  h) +
							  NLMSG_ALIGN(
								  sizeof(*m)));
		rem = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));
		while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
		       a->nla_len <= rem) {
			if (a->nla_type == INET_DIAG_MARK)
				*mark = true;
			rem -= NLA_ALIGN(a->nla_len);
			a = (const struct nlattr
				     *)(const void *)((const char *)a +
						      NLA_ALIGN(a->nla_len));
		}
		/* drain the rest of a dump */
		while (q->nlh.nlmsg_flags & NLM_F_DUMP) {
			len = tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (len <= 0)
				break;
		}
	}
	return type;
}

static void test_request_sock(void)
{
	struct tn_stack *st = kt_stack_lo_up();
	struct sockaddr_in sin = kt_lo_addr(80);
	int l = tn_socket(AF_INET, SOCK_STREAM, 0), fd, err = 0;
	struct inet_diag_msg m;
	struct request_sock *req;
	struct inet_request_sock *ireq;
	struct sock *lsk;
	struct diag_req q;
	bool mark = false;

	KT_ASSERT(l >= 0);
	KT_EQ(tn_bind(l, KT_SA(&sin), sizeof(sin)), 0);
	KT_EQ(tn_listen(l, 8), 0);

	/* a SYN from 10.0.0.9:5555 was answered: SYN-RECV */
	stack_enter(st);
	lsk = __inet_lookup_listener(st->init_net, htonl(0x0a000009),
				     htons(5555), htonl(INADDR_LOOPBACK), 80,
				     0);
	KT_ASSERT(lsk);
	req = reqsk_alloc(&tcp_request_sock_ops, lsk);
	KT_ASSERT(req);
	ireq = inet_rsk(req);
	req->__req_common.skc_family = AF_INET;
	ireq->ir_loc_addr = htonl(INADDR_LOOPBACK);
	ireq->ir_num = 80;
	ireq->ir_rmt_addr = htonl(0x0a000009);
	ireq->ir_rmt_port = htons(5555);
	inet_csk_reqsk_queue_hash_add(lsk, req, TCP_TIMEOUT_INIT);
	stack_exit(st);

	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	KT_ASSERT(fd >= 0);
	memset(&q, 0, sizeof(q));
	q.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(q.r));
	q.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	q.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	q.r.sdiag_family = AF_INET;
	q.r.sdiag_protocol = IPPROTO_TCP;
	q.r.idiag_states = 1U << TCP_SYN_RECV;
	KT_EQ(diag_one(fd, &q, &m, &err, &mark), SOCK_DIAG_BY_FAMILY);
	KT_EQ(m.idiag_state, TCP_SYN_RECV);
	KT_EQ(m.idiag_timer, 1);
	KT_EQ(m.idiag_retrans, 0);
	KT_EQ(m.idiag_expires, 1000);
	KT_EQ(m.idiag_uid, 0);
	KT_EQ(m.idiag_inode, 0);
	KT_EQ(ntohs(m.id.idiag_sport), 80);
	KT_EQ(ntohs(m.id.idiag_dport), 5555);
	KT_EQ(m.id.idiag_dst[0], htonl(0x0a000009));
	KT_ASSERT(mark);
	/* not a listener, not established */
	q.r.idiag_states = (1U << TCP_LISTEN) | (1U << TCP_ESTABLISHED);
	KT_EQ(diag_one(fd, &q, &m, &err, &mark), SOCK_DIAG_BY_FAMILY);
	KT_EQ(m.idiag_state, TCP_LISTEN);
	/* by its remote port */
	q.r.idiag_states = ~0U;
	q.r.id.idiag_dport = htons(5555);
	KT_EQ(diag_one(fd, &q, &m, &err, &mark), SOCK_DIAG_BY_FAMILY);
	KT_EQ(m.idiag_state, TCP_SYN_RECV);

	/* SOCK_DESTROY: it leaves the SYN queue */
	q.nlh.nlmsg_type = SOCK_DESTROY;
	q.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	q.r.id.idiag_sport = htons(80);
	q.r.id.idiag_src[0] = htonl(INADDR_LOOPBACK);
	q.r.id.idiag_dst[0] = htonl(0x0a000009);
	KT_EQ(diag_one(fd, &q, &m, &err, &mark), NLMSG_ERROR);
	KT_EQ(err, 0);
	KT_EQ(inet_csk(lsk)->icsk_accept_queue->qlen, 0);
	q.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	q.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	q.r.id.idiag_sport = 0;
	q.r.id.idiag_src[0] = 0;
	q.r.id.idiag_dst[0] = 0;
	q.r.idiag_states = 1U << TCP_SYN_RECV;
	KT_EQ(diag_one(fd, &q, &m, &err, &mark), NLMSG_DONE);
	tn_close(fd);
	tn_close(l);
	kt_stack_done(st);
}

KTEST_MAIN(KT(test_request_sock))
