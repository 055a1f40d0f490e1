// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Internet checksum (RFC 1071) and small helpers.
 * Linux: lib/checksum.c, net/core/utils.c.
 */
#include <net/dropreason.h>
#include <net/skbuff.h>

/* csum_partial - 32-bit ones'-complement partial sum of @len bytes */
__wsum csum_partial(const void *buff, int len, __wsum wsum)
{
	const unsigned char *p = buff;
	u64 sum = wsum;

	while (len >= 4) {
		u32 w;

		memcpy(&w, p, 4);
		sum += w;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		u16 w;

		memcpy(&w, p, 2);
		sum += w;
		p += 2;
		len -= 2;
	}
	if (len)
		sum += *p; /* little-endian host: the low byte */
	while (sum >> 32)
		sum = (sum & 0xffffffffULL) + (sum >> 32);
	return (__wsum)sum;
}

__sum16 csum_fold(__wsum csum)
{
	u32 sum = csum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

__sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	const unsigned char *p = iph;
	u64 sum = 0;
	unsigned int i;

	/* a header without options, nearly every one: five words unrolled */
	if (ihl == 5) {
		u32 w[5];

		memcpy(w, p, sizeof(w));
		sum = (u64)w[0] + w[1] + w[2] + w[3] + w[4];
		ihl = 0;
	}
	/* whole 32-bit words: no tail to handle, as Linux's */
	for (i = 0; i < ihl; i++) {
		u32 w;

		memcpy(&w, p + (size_t)4 * i, 4);
		sum += w;
	}
	while (sum >> 32)
		sum = (sum & 0xffffffffULL) + (sum >> 32);
	return csum_fold((__wsum)sum);
}

__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len, u8 proto,
			  __wsum sum)
{
	u64 s = sum;

	s += saddr;
	s += daddr;
	s += htons((u16)len);
	s += htons(proto);
	while (s >> 32)
		s = (s & 0xffffffffULL) + (s >> 32);
	return (__wsum)s;
}

__sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len, u8 proto,
			  __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

#define DROP_REASON_NAME(x)  [SKB_DROP_REASON_##x] = #x,
#define DROP_REASON_NAMEe(x) [SKB_DROP_REASON_##x] = #x

static const char *const drop_reasons[] = {
	[SKB_NOT_DROPPED_YET] = "NOT_DROPPED_YET",
	[SKB_CONSUMED] = "CONSUMED",
	DEFINE_DROP_REASON(DROP_REASON_NAME, DROP_REASON_NAMEe)
};

const char *drop_reason_name(enum skb_drop_reason reason)
{
	if ((unsigned int)reason >= ARRAY_SIZE(drop_reasons) ||
	    !drop_reasons[reason])
		return "?";
	return drop_reasons[reason];
}
