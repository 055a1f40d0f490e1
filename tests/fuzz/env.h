/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fuzz environment: a stack with the topology of harness.h.  The packet
 * targets share one made once per process; fuzz_rtnetlink makes a fresh one
 * per input so what a message changed cannot leak into the next.
 */
#ifndef TN_FUZZ_ENV_H
#define TN_FUZZ_ENV_H

struct tn_stack;
struct net;
struct net_device;

struct fuzz_env {
	struct tn_stack *st;
	struct net *net_a, *net_b;
	struct net_device *dev_a; /* veth0 in "a" */
	struct net_device *dev_b; /* veth1 in "b" */
	int udp_any, udp_conn, ping; /* fds in "a", or -1 */
	long base_skbs; /* live skbs once set up */
};

/*
 * fuzz_env_create - a virtual-clock stack with the topology (and the
 * sockets if @with_sockets); the calling thread is attached to it and in
 * netns "a".  Return: 0, -1 on failure.
 */
int fuzz_env_create(struct fuzz_env *e, int with_sockets);
/* fuzz_env_destroy - close the sockets and destroy the stack */
void fuzz_env_destroy(struct fuzz_env *e);
/*
 * fuzz_env_settle - run time past every timeout; abort() unless the live
 * skb count is back at the baseline.
 */
void fuzz_env_settle(struct fuzz_env *e);

/*
 * Topology pieces for targets that build their own (fuzz_forward), with
 * the stack entered: a veth pair in @net (returns A; B is in @net too),
 * and @dev's MAC, @addr/24 (host order), broadcast and up (lo up too).
 */
struct net_device *fuzz_veth_pair(struct net *net, const char *a,
				  const char *b);
int fuzz_configure_if(struct net *net, struct net_device *dev,
		      const unsigned char *mac, unsigned int addr);

#endif /* TN_FUZZ_ENV_H */
