/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Whole small files of the stack's /proc through the API, as `echo` and
 * `cat` would use them: kt_put_file() writes @val (all of it, or the test
 * fails), kt_get_file() reads what fits in @buf, NUL-terminated.
 */
#ifndef KT_FILE_H
#define KT_FILE_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"

static inline void kt_put_file(const char *path, const char *val)
{
	int fd = tn_open(path, O_WRONLY);

	KT_ASSERT(fd >= 0);
	KT_EQ(tn_write(fd, val, strlen(val)), (ssize_t)strlen(val));
	KT_EQ(tn_close(fd), 0);
}

static inline void kt_get_file(const char *path, char *buf, size_t len)
{
	int fd = tn_open(path, O_RDONLY);
	ssize_t n;

	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, len - 1);
	KT_ASSERT(n >= 0);
	buf[n] = '\0';
	KT_EQ(tn_close(fd), 0);
}

/* net.ipv4.@name: set to @val, read as text, read as a number */
static inline void kt_ipv4_sysctl_set(const char *name, const char *val)
{
	char path[128];

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	kt_put_file(path, val);
}

static inline void kt_ipv4_sysctl_read(const char *name, char *buf, size_t len)
{
	char path[128];

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	kt_get_file(path, buf, len);
}

static inline long kt_ipv4_sysctl_get(const char *name)
{
	char buf[64];

	kt_ipv4_sysctl_read(name, buf, sizeof(buf));
	return atol(buf);
}

#endif /* KT_FILE_H */
