/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ECN field of the IP header (RFC 3168 5): the two low bits of the
 * TOS byte.  A sock marks what it sends through the ECN bits of its own
 * inet->tos, as Linux does (INET_ECN_xmit / INET_ECN_dontxmit).
 * Linux: include/net/inet_ecn.h.
 */
#ifndef _NET_INET_ECN_H
#define _NET_INET_ECN_H

#include <net/inet_sock.h>

enum {
	INET_ECN_NOT_ECT = 0,
	INET_ECN_ECT_1 = 1,
	INET_ECN_ECT_0 = 2,
	INET_ECN_CE = 3,
	INET_ECN_MASK = 3,
};

static inline int INET_ECN_is_ce(u8 dsfield)
{
	return (dsfield & INET_ECN_MASK) == INET_ECN_CE;
}

static inline int INET_ECN_is_not_ect(u8 dsfield)
{
	return (dsfield & INET_ECN_MASK) == INET_ECN_NOT_ECT;
}

static inline int INET_ECN_is_capable(u8 dsfield)
{
	return dsfield & INET_ECN_ECT_0;
}

/* what the sock sends next is ECT(0) (RFC 3168 6.1.2) */
static inline void INET_ECN_xmit(struct sock *sk)
{
	inet_sk(sk)->tos |= INET_ECN_ECT_0;
}

/* ... or Not-ECT: ACKs and retransmissions (RFC 3168 6.1.4, 6.1.5) */
static inline void INET_ECN_dontxmit(struct sock *sk)
{
	inet_sk(sk)->tos &= (u8)~INET_ECN_MASK;
}

#endif /* _NET_INET_ECN_H */
