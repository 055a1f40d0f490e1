/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers shared by the tools: addresses and prefixes, link-layer
 * addresses, the interface name/index cache and rtnetlink's names for
 * tables, protocols, scopes and route types.
 */
#ifndef TN_TOOLS_UTILS_H
#define TN_TOOLS_UTILS_H

#include <stddef.h>
#include <stdint.h>

#include "libnetlink.h"

/**
 * struct inet_prefix - an address with a prefix length
 * @family: AF_INET or AF_INET6
 * @bytelen: bytes of @data in use
 * @bitlen: prefix length, -1 when none was given
 * @data: the address, network order
 */
typedef struct {
	uint16_t family;
	uint16_t bytelen;
	int16_t bitlen;
	uint8_t data[16];
} inet_prefix;

int get_addr(inet_prefix *dst, const char *arg, int family);
int get_prefix(inet_prefix *dst, const char *arg, int family);
int get_unsigned(unsigned int *val, const char *arg, int base);
int get_integer(int *val, const char *arg, int base);
int get_u32(uint32_t *val, const char *arg, int base);
int matches(const char *arg, const char *pattern);
int inet_addr_match(const inet_prefix *a, const inet_prefix *b, int bits);
const char *format_host(int family, const void *addr, char *buf, size_t len);

int ll_addr_a2n(unsigned char *lladdr, int len, const char *arg);
const char *ll_addr_n2a(const unsigned char *addr, int alen, char *buf,
			size_t blen);

/* The interface cache: names and flags by index, filled on demand. */
void ll_init(struct rtnl_handle *rth);
int ll_name_to_index(const char *name);
const char *ll_index_to_name(int idx);
unsigned int ll_index_to_flags(int idx);
void ll_remember(int idx, const char *name, unsigned int flags);

const char *rtnl_rttable_n2a(uint32_t id, char *buf, size_t len);
int rtnl_rttable_a2n(uint32_t *id, const char *arg);
const char *rtnl_rtprot_n2a(int id, char *buf, size_t len);
int rtnl_rtprot_a2n(uint32_t *id, const char *arg);
const char *rtnl_rtscope_n2a(int id, char *buf, size_t len);
int rtnl_rtscope_a2n(uint32_t *id, const char *arg);
const char *rtnl_rtntype_n2a(int id, char *buf, size_t len);
int rtnl_rtntype_a2n(int *id, const char *arg);

/* command-line errors, as iproute2's (all but nodev exit) */
void incomplete_command(void) __attribute__((noreturn));
void invarg(const char *msg, const char *arg) __attribute__((noreturn));
void duparg(const char *key, const char *arg) __attribute__((noreturn));
void duparg2(const char *key, const char *arg) __attribute__((noreturn));
int nodev(const char *dev);
int check_ifname(const char *name);

#endif /* TN_TOOLS_UTILS_H */
