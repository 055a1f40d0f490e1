/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * inet_diag: sock_diag for AF_INET (and the AF_INET6 requests that `ss`
 * sends, answered with the IPv6 sockets of the protocol: none yet).  One
 * inet_diag_handler per IP protocol dumps its sockets; inet_diag.c parses
 * the request, checks and runs its filter bytecode (INET_DIAG_REQ_BYTECODE)
 * and fills each inet_diag_msg.  Linux: include/linux/inet_diag.h,
 * net/ipv4/inet_diag.c.
 *
 * A protocol plugs in with one handler, e.g. TCP (tcp_diag.c):
 *
 *	static const struct inet_diag_handler tcp_diag_handler = {
 *		.dump = tcp_diag_dump,		(walks the tables, calling
 *						 inet_diag_bc_sk + inet_sk_diag_fill)
 *		.dump_one = tcp_diag_dump_one,
 *		.idiag_get_info = tcp_diag_get_info, (queues, and struct
 *						 tcp_info when @info is set)
 *		.idiag_get_timer = tcp_diag_get_timer,
 *		.idiag_get_cong = tcp_diag_get_cong,
 *		.idiag_type = IPPROTO_TCP,
 *		.idiag_info_size = sizeof(struct tcp_info),
 *	};
 *	inet_diag_register(&tcp_diag_handler);
 */
#ifndef _NET_INET_DIAG_H
#define _NET_INET_DIAG_H

#include <net/netlink.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include <linux/inet_diag.h>

struct tn_stack;

/*
 * sk_fullsock - is @sk a whole sock, not a TIME-WAIT or request sock,
 * which share only sock_common with it (TCP's ehash holds all three)?
 */
static inline bool sk_fullsock(const struct sock *sk)
{
	return sk->sk_state != TCP_TIME_WAIT &&
	       sk->sk_state != TCP_NEW_SYN_RECV;
}

/* cb->data of an inet_diag dump: the request's attributes, checked. */
struct inet_diag_dump_data {
	struct nlattr *req_nlas[__INET_DIAG_REQ_MAX];
#define inet_diag_nla_bc req_nlas[INET_DIAG_REQ_BYTECODE]
};

/**
 * struct inet_diag_handler - one IP protocol's sockets for inet_diag
 * @dump: add the sockets that match @r (and cb->data's bytecode) to @skb,
 *	resuming from cb->args[]; stop when @skb is full
 * @dump_one: the one socket @r names, as its own reply; 0 or -errno
 *	(-ENOENT: none, -ESTALE: cookie mismatch)
 * @destroy: SOCK_DESTROY of the one socket @req names (`ss -K`); NULL:
 *	-EOPNOTSUPP
 * @idiag_get_info: fill r->idiag_rqueue/wqueue; with @info (room for
 *	@idiag_info_size bytes: INET_DIAG_INFO asked for) the protocol's info
 * @idiag_get_timer: connection sockets only (TCP): idiag_timer, _retrans
 *	and _expires, as Linux reads them from inet_connection_sock; its
 *	presence marks the protocol's sockets as connection sockets
 *	(INET_DIAG_INFO and INET_DIAG_CONG are only offered to those)
 * @idiag_get_cong: the congestion control's name (INET_DIAG_CONG), or NULL
 * @idiag_put_cc_info: the congestion control's own attribute, when it
 *	has one for @ext (BBR: INET_DIAG_BBRINFO); 0 or -EMSGSIZE
 * @idiag_type: IPPROTO_*
 * @idiag_info_size: sizeof what @idiag_get_info writes to @info (0: none)
 */
struct inet_diag_handler {
	void (*dump)(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct inet_diag_req_v2 *r);
	int (*dump_one)(struct netlink_callback *cb,
			const struct inet_diag_req_v2 *req);
	int (*destroy)(struct sk_buff *in_skb,
		       const struct inet_diag_req_v2 *req);
	void (*idiag_get_info)(struct sock *sk, struct inet_diag_msg *r,
			       void *info);
	void (*idiag_get_timer)(struct sock *sk, struct inet_diag_msg *r);
	const char *(*idiag_get_cong)(struct sock *sk);
	int (*idiag_put_cc_info)(struct sock *sk, struct sk_buff *skb, u32 ext);
	u16 idiag_type;
	u16 idiag_info_size;
};

/* Register @h for its protocol in the current stack: 0, -EINVAL, -EEXIST. */
int inet_diag_register(const struct inet_diag_handler *h);
void inet_diag_unregister(const struct inet_diag_handler *h);

/*
 * inet_sk_diag_fill - @sk as one SOCK_DIAG_BY_FAMILY message in @skb, with
 * the attributes @req asks for (idiag_ext) and those always sent.
 * Return: 0, or -EMSGSIZE when @skb is full (nothing added).
 */
int inet_sk_diag_fill(struct sock *sk, struct sk_buff *skb,
		      struct netlink_callback *cb,
		      const struct inet_diag_req_v2 *req, u16 nlmsg_flags,
		      bool net_admin);
/* Room for one message with every attribute inet_sk_diag_fill may add. */
size_t inet_sk_attr_size(const struct inet_diag_handler *h);

/*
 * inet_diag_bc_audit - is @attr a program inet_diag_bc_run may run?
 * Every jump lands on an instruction or just past the end, every
 * condition has its operands.  Return: 0 or -EINVAL (-EPERM for a mark
 * condition without @net_admin).
 */
int inet_diag_bc_audit(const struct nlattr *attr, bool net_admin);

/* What a filter sees of a socket (host order ports, addresses as sent). */
struct inet_diag_entry {
	const __be32 *saddr;
	const __be32 *daddr;
	u16 sport;
	u16 dport;
	u16 family;
	u16 userlocks;
	u32 ifindex;
	u32 mark;
	u64 cgroup_id;
};

/* Run audited bytecode over @entry: does the socket pass? */
bool inet_diag_bc_run(const struct nlattr *bytecode,
		      const struct inet_diag_entry *entry);
/* Does @sk pass the dump's filter (cb->data)?  True when there is none. */
bool inet_diag_bc_sk(const struct inet_diag_dump_data *cb_data,
		     struct sock *sk);

/* fs init level, after inet: the handlers for AF_INET/AF_INET6 and for
 * TCP, UDP and raw sockets. */
int inet_diag_init(struct tn_stack *st);
void inet_diag_exit(struct tn_stack *st);
int udp_diag_init(void);
void udp_diag_exit(void);
int raw_diag_init(void);
void raw_diag_exit(void);
int tcp_diag_init(void);
void tcp_diag_exit(void);

#endif /* _NET_INET_DIAG_H */
