/* SPDX-License-Identifier: BSD-2-Clause */
/* ping: helpers shared by its files. */
#ifndef TN_PING_H
#define TN_PING_H

#include <stddef.h>
#include <stdint.h>

void ping_print_icmp(unsigned int type, unsigned int code, uint32_t info);
/* Returns the checksum in host order; store it with htons(). */
uint16_t ping_checksum(const void *data, size_t len);

#endif /* TN_PING_H */
