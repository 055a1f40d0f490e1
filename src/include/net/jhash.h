/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bob Jenkins' lookup3 final mix (public domain), what Linux hashes its
 * flows with: the established table (inet_ehashfn) and the choice of a
 * SO_REUSEPORT group's member (udp_ehashfn).  Linux: include/linux/jhash.h.
 */
#ifndef _NET_JHASH_H
#define _NET_JHASH_H

#include <net/types.h>

static inline u32 rol32(u32 w, unsigned int s)
{
	return (w << s) | (w >> (32 - s));
}

/* jhash_3words - three words and a seed into 32 bits */
static inline u32 jhash_3words(u32 a, u32 b, u32 c, u32 initval)
{
	initval += 0xdeadbeef + (3 << 2);
	a += initval;
	b += initval;
	c += initval;
	c ^= b;
	c -= rol32(b, 14);
	a ^= c;
	a -= rol32(c, 11);
	b ^= a;
	b -= rol32(a, 25);
	c ^= b;
	c -= rol32(b, 16);
	a ^= c;
	a -= rol32(c, 4);
	b ^= a;
	b -= rol32(a, 14);
	c ^= b;
	c -= rol32(b, 24);
	return c;
}

#endif /* _NET_JHASH_H */
