// SPDX-License-Identifier: BSD-2-Clause
/*
 * SO_REUSEPORT groups, as Linux 6.18's: the sockets that share an address
 * and port with SO_REUSEPORT (same owner, same device) are one group, and
 * the receive lookup, finding one member, asks the group which member
 * takes the flow: the one its hash scales to.  The array holds the
 * members that take flows at its start and, at its end, TCP listeners
 * closed while net.ipv4.tcp_migrate_req lets their request socks and
 * accept queue move to another member.  No BPF program can be attached
 * (SO_ATTACH_REUSEPORT_CBPF/EBPF are refused: there is no BPF here), so
 * the hash always decides.  Called under the stack lock, which stands for
 * Linux's reuseport_lock and RCU.  Linux: net/core/sock_reuseport.c.
 */
#include <net/inet_hashtables.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sock_reuseport.h>
#include <net/tcp.h>

#define INIT_SOCKS 128

/* reciprocal_scale - @val scaled into [0, @ep_ro) (include/linux/math.h) */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

/* @incoming_cpu counts the members with SO_INCOMING_CPU set */
static void reuseport_get_incoming_cpu(const struct sock *sk,
				       struct sock_reuseport *reuse)
{
	if (sk->sk_incoming_cpu >= 0)
		reuse->incoming_cpu++;
}

static void reuseport_put_incoming_cpu(const struct sock *sk,
				       struct sock_reuseport *reuse)
{
	if (sk->sk_incoming_cpu >= 0)
		reuse->incoming_cpu--;
}

static struct sock_reuseport *__reuseport_alloc(unsigned int max_socks)
{
	struct sock_reuseport *reuse = kzalloc(
		sizeof(*reuse) + max_socks * sizeof(struct sock *), GFP_ATOMIC);

	if (!reuse)
		return NULL;
	reuse->max_socks = (u16)max_socks;
	return reuse;
}

/* is @sk a closed member of @reuse (shut down with tcp_migrate_req)? */
static bool reuseport_closed(const struct sock *sk,
			     const struct sock_reuseport *reuse)
{
	int i;

	for (i = reuse->max_socks - reuse->num_closed_socks;
	     i < reuse->max_socks; i++)
		if (reuse->socks[i] == sk)
			return true;
	return false;
}

int reuseport_alloc(struct sock *sk, bool bind_inany)
{
	struct sock_reuseport *reuse = sk->sk_reuseport_cb;

	/* a listener shut down and listening again: a group of its own,
	 * as Linux's reuseport_resurrect() makes when none is found */
	if (reuse && reuseport_closed(sk, reuse)) {
		reuseport_detach_sock(sk);
		reuse = NULL;
	}
	if (reuse) {
		/* bound to the wildcard after all (a group of UDP socks
		 * re-bound is kept), as Linux's */
		if (bind_inany)
			reuse->bind_inany = 1;
		return 0;
	}
	reuse = __reuseport_alloc(INIT_SOCKS);
	if (!reuse)
		return -ENOMEM;
	reuse->socks[0] = sk;
	reuse->num_socks = 1;
	reuse->bind_inany = bind_inany;
	reuseport_get_incoming_cpu(sk, reuse);
	sk->sk_reuseport_cb = reuse;
	return 0;
}

/* twice the room, the closed members kept at the end */
static struct sock_reuseport *reuseport_grow(struct sock *owner)
{
	struct sock_reuseport *reuse = owner->sk_reuseport_cb, *more;
	unsigned int more_socks_size = reuse->max_socks * 2U, i;

	if (more_socks_size > 0xffff) {
		if (reuse->max_socks == 0xffff)
			return NULL;
		more_socks_size = 0xffff;
	}
	more = __reuseport_alloc(more_socks_size);
	if (!more)
		return NULL;
	more->num_socks = reuse->num_socks;
	more->num_closed_socks = reuse->num_closed_socks;
	more->bind_inany = reuse->bind_inany;
	more->has_conns = reuse->has_conns;
	more->incoming_cpu = reuse->incoming_cpu;
	more->synq_overflow_ts = reuse->synq_overflow_ts;
	memcpy(more->socks, reuse->socks,
	       reuse->num_socks * sizeof(struct sock *));
	memcpy(more->socks + (more->max_socks - more->num_closed_socks),
	       reuse->socks + (reuse->max_socks - reuse->num_closed_socks),
	       reuse->num_closed_socks * sizeof(struct sock *));
	for (i = 0; i < more->num_socks; i++)
		more->socks[i]->sk_reuseport_cb = more;
	for (i = more->max_socks - more->num_closed_socks; i < more->max_socks;
	     i++)
		more->socks[i]->sk_reuseport_cb = more;
	kfree(reuse);
	return more;
}

static void __reuseport_add_sock(struct sock *sk, struct sock_reuseport *reuse)
{
	reuse->socks[reuse->num_socks++] = sk;
	reuseport_get_incoming_cpu(sk, reuse);
}

static bool __reuseport_detach_sock(struct sock *sk,
				    struct sock_reuseport *reuse)
{
	int i = 0;

	while (i < reuse->num_socks && reuse->socks[i] != sk)
		i++;
	if (i == reuse->num_socks)
		return false;
	reuse->num_socks--;
	reuse->socks[i] = reuse->socks[reuse->num_socks];
	reuseport_put_incoming_cpu(sk, reuse);
	return true;
}

static void __reuseport_add_closed_sock(struct sock *sk,
					struct sock_reuseport *reuse)
{
	reuse->socks[reuse->max_socks - reuse->num_closed_socks - 1] = sk;
	reuse->num_closed_socks++;
	reuseport_get_incoming_cpu(sk, reuse);
}

static bool __reuseport_detach_closed_sock(struct sock *sk,
					   struct sock_reuseport *reuse)
{
	int i = reuse->max_socks - reuse->num_closed_socks;

	while (i < reuse->max_socks && reuse->socks[i] != sk)
		i++;
	if (i == reuse->max_socks)
		return false;
	reuse->socks[i] =
		reuse->socks[reuse->max_socks - reuse->num_closed_socks];
	reuse->num_closed_socks--;
	reuseport_put_incoming_cpu(sk, reuse);
	return true;
}

int reuseport_add_sock(struct sock *sk, struct sock *sk2, bool bind_inany)
{
	struct sock_reuseport *old_reuse, *reuse;
	int err;

	if (!sk2->sk_reuseport_cb) {
		err = reuseport_alloc(sk2, bind_inany);
		if (err)
			return err;
	}
	/*
	 * A listener shut down (a closed member) that listens again leaves
	 * the closed part for this group's listening one, as Linux's
	 * reuseport_resurrect(); a sock alone in a group of its own gives
	 * it up; one listening in another group may not.
	 */
	old_reuse = sk->sk_reuseport_cb;
	if (old_reuse && !reuseport_closed(sk, old_reuse) &&
	    old_reuse->num_socks != 1)
		return -EBUSY;
	if (old_reuse)
		reuseport_detach_sock(sk);
	reuse = sk2->sk_reuseport_cb;
	if (reuse->num_socks + reuse->num_closed_socks == reuse->max_socks) {
		reuse = reuseport_grow(sk2);
		if (!reuse)
			return -ENOMEM;
	}
	__reuseport_add_sock(sk, reuse);
	sk->sk_reuseport_cb = reuse;
	return 0;
}

void reuseport_detach_sock(struct sock *sk)
{
	struct sock_reuseport *reuse = sk->sk_reuseport_cb;

	if (!reuse)
		return;
	if (!__reuseport_detach_closed_sock(sk, reuse))
		__reuseport_detach_sock(sk, reuse);
	sk->sk_reuseport_cb = NULL;
	if (reuse->num_socks + reuse->num_closed_socks == 0)
		kfree(reuse);
}

void reuseport_stop_listen_sock(struct sock *sk)
{
	struct sock_reuseport *reuse = sk->sk_reuseport_cb;

	if (!reuse)
		return;
	if (sk->sk_protocol == IPPROTO_TCP &&
	    sock_net(sk)->ipv4.sysctl_tcp_migrate_req) {
		/* from the listening part to the closed one */
		if (__reuseport_detach_sock(sk, reuse))
			__reuseport_add_closed_sock(sk, reuse);
		return;
	}
	reuseport_detach_sock(sk);
}

void reuseport_update_incoming_cpu(struct sock *sk, int val)
{
	struct sock_reuseport *reuse = sk->sk_reuseport_cb;
	int old = sk->sk_incoming_cpu;

	sk->sk_incoming_cpu = val;
	if (!reuse)
		return;
	if (old < 0 && val >= 0)
		reuse->incoming_cpu++;
	else if (old >= 0 && val < 0)
		reuse->incoming_cpu--;
}

/*
 * The member @hash scales to, or the next one on that is not a connected
 * (UDP) sock.  When members have SO_INCOMING_CPU set, the first from
 * there whose CPU is this one (tuxnet's: 0) is preferred; with none, the
 * hash decides (so all on one CPU is as if none had it).
 */
static struct sock *reuseport_select_sock_by_hash(struct sock_reuseport *reuse,
						  u32 hash, u16 num_socks)
{
	struct sock *first_valid_sk = NULL;
	int i, j;

	i = j = (int)reciprocal_scale(hash, num_socks);
	do {
		struct sock *sk = reuse->socks[i];

		if (sk->sk_state != TCP_ESTABLISHED) {
			if (!reuse->incoming_cpu ||
			    sk->sk_incoming_cpu == raw_smp_processor_id())
				return sk;
			if (!first_valid_sk)
				first_valid_sk = sk;
		}
		if (++i >= num_socks)
			i = 0;
	} while (i != j);
	return first_valid_sk;
}

struct sock *reuseport_select_sock(struct sock *sk, u32 hash,
				   struct sk_buff *skb, int hdr_len)
{
	struct sock_reuseport *reuse = sk->sk_reuseport_cb;

	(void)skb; /* no BPF program to run over it */
	(void)hdr_len;
	if (!reuse || !reuse->num_socks)
		return NULL;
	return reuseport_select_sock_by_hash(reuse, hash, reuse->num_socks);
}

/* the hash of @sk's flow, as Linux keeps it in sk_hash */
static u32 reuseport_sk_hash(const struct sock *sk)
{
	return inet_ehashfn(sock_net(sk), sk->sk_rcv_saddr, sk->sk_num,
			    sk->sk_daddr, sk->sk_dport);
}

struct sock *reuseport_migrate_sock(struct sock *sk, struct sock *migrating_sk,
				    struct sk_buff *skb)
{
	struct sock_reuseport *reuse = sk->sk_reuseport_cb;
	struct sock *nsk;

	(void)skb;
	if (!reuse)
		return NULL;
	if (!reuse->num_socks || !sock_net(sk)->ipv4.sysctl_tcp_migrate_req)
		goto failure;
	nsk = reuseport_select_sock_by_hash(
		reuse, reuseport_sk_hash(migrating_sk), reuse->num_socks);
	if (!nsk)
		goto failure;
	sock_hold(nsk);
	return nsk;

failure:
	__NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPMIGRATEREQFAILURE);
	return NULL;
}
