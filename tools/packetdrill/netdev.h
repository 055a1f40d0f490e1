/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stack under test and its test device "tun0": a fresh virtual-clock
 * stack, lo up, and a tun-like device (no link header, no ARP) whose
 * transmit hands each IP packet to the runner and into which the runner
 * injects IP packets.  The only part of the runner that reaches inside
 * the stack (netdev.c); everything else uses the public tn_* API.
 */
#ifndef TUXNET_PACKETDRILL_NETDEV_H
#define TUXNET_PACKETDRILL_NETDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tn_stack;
struct pd_net;

/* A packet the stack sent, with the virtual time it left (ns). */
struct pd_sniffed {
	struct pd_sniffed *next;
	uint64_t ns;
	size_t len;
	uint8_t data[];
};

/*
 * pd_net_create - a stack with tun0 up, @local_ip/16 on it and a default
 * route through it, MTU @mtu.  Returns NULL with a message in @err.
 */
struct pd_net *pd_net_create(const char *local_ip, int mtu, char *err,
			     size_t errlen);
void pd_net_destroy(struct pd_net *n);
struct tn_stack *pd_net_stack(struct pd_net *n);
const char *pd_net_ifname(struct pd_net *n);

/* The stack's clock, ns since the script started (timers too). */
uint64_t pd_net_now(struct pd_net *n);
/* When the next (non-deferrable) timer is due; false if none. */
bool pd_net_next_timer(struct pd_net *n, uint64_t *ns);
/* Moves the clock to @ns, running every timer due on the way. */
void pd_net_advance_to(struct pd_net *n, uint64_t ns);

/*
 * pd_net_inject - one IP packet as received on tun0.  A TCP packet longer
 * than the MTU arrives whole, as a GRO/GSO packet of @gso_size segments
 * (Linux's tun with --mss); 0: as is.  Returns 0 or -errno.
 */
int pd_net_inject(struct pd_net *n, const uint8_t *pkt, size_t len,
		  unsigned int gso_size);
/* The oldest packet tun0 sent (caller frees), or NULL. */
struct pd_sniffed *pd_net_pop(struct pd_net *n);
bool pd_net_pending(struct pd_net *n);

/*
 * pd_net_blocked - the initial task's thread is asleep in the stack and
 * nothing woke it: a blocking call in progress has settled.
 */
bool pd_net_blocked(struct pd_net *n);
/* A call asleep in the stack was woken and has not run yet. */
bool pd_net_wake_pending(struct pd_net *n);
/*
 * pd_net_run_to - the clock to @target a timer at a time, letting a call that
 * a timer wakes run before the clock moves on.
 */
void pd_net_run_to(struct pd_net *n, uint64_t target);
/* Interrupts a blocked call (EINTR), as a signal would. */
void pd_net_interrupt(struct pd_net *n);

#endif /* TUXNET_PACKETDRILL_NETDEV_H */
