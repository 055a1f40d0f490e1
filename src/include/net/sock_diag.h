/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NETLINK_SOCK_DIAG: one handler per address family answers
 * SOCK_DIAG_BY_FAMILY (and SOCK_DESTROY) requests; inet_diag is the
 * AF_INET one.  The wire format is Linux's (<linux/sock_diag.h>), which
 * `ss` speaks.  Linux: include/linux/sock_diag.h, net/core/sock_diag.c.
 */
#ifndef _NET_SOCK_DIAG_H
#define _NET_SOCK_DIAG_H

/* after net/sock.h: the uapi's SOCK_DESTROY (a message type) would
 * otherwise clash with enum sock_flags' SOCK_DESTROY, as on Linux */
#include <net/netlink.h>
#include <net/sock.h>

#include <linux/sock_diag.h>

struct tn_stack;

/**
 * struct sock_diag_handler - what answers requests for one family
 * @family: AF_INET ...
 * @dump: SOCK_DIAG_BY_FAMILY: a dump or one socket; 0 or -errno
 * @destroy: SOCK_DESTROY; NULL answers -EOPNOTSUPP
 */
struct sock_diag_handler {
	unsigned char family;
	int (*dump)(struct sk_buff *skb, struct nlmsghdr *nlh);
	int (*destroy)(struct sk_buff *skb, struct nlmsghdr *nlh);
};

/* Register in the current stack: -EINVAL (family), -EBUSY (taken). */
int sock_diag_register(const struct sock_diag_handler *h);
void sock_diag_unregister(const struct sock_diag_handler *h);

/* The socket's cookie, made on first use (never 0), as sock_gen_cookie. */
u64 sock_gen_cookie(struct sock *sk);
/* -ESTALE unless @cookie is INET_DIAG_NOCOOKIE twice or @sk's cookie. */
int sock_diag_check_cookie(struct sock *sk, const u32 *cookie);
void sock_diag_save_cookie(struct sock *sk, u32 *cookie);
/* SK_MEMINFO_VARS u32s of @sk's memory as attribute @attrtype. */
int sock_diag_put_meminfo(struct sock *sk, struct sk_buff *skb, int attrtype);

/* The core init level: the registry and every namespace's diag_nlsk. */
int sock_diag_init(struct tn_stack *st);
void sock_diag_exit(struct tn_stack *st);

#endif /* _NET_SOCK_DIAG_H */
