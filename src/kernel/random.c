// SPDX-License-Identifier: BSD-2-Clause
/*
 * get_random_u32 (drivers/char/random.c): per stack, seeded from
 * getrandom(2) on a real clock and fixed on a virtual one, so that a
 * virtual-clock run reproduces exactly.
 */
#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <net/wait.h>

#include "kernel.h"

u32 get_random_u32(void)
{
	struct tn_stack *st = current_stack();
	u64 x = st->prng_state;

	/* xorshift64*: fast, good enough for ports, IDs and hash seeds. */
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	st->prng_state = x;
	return (u32)((x * 0x2545F4914F6CDD1DULL) >> 32);
}
