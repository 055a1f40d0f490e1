/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading one counter of the current namespace's /proc/net/snmp or
 * /proc/net/netstat, as nstat does: the first line of a protocol names
 * the counters, the second gives their values.  Include after ktest.h.
 */
#ifndef TUXNET_TESTS_SNMP_H
#define TUXNET_TESTS_SNMP_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

/* th_snmp - /proc/net/@file's counter @name on the lines of @proto
 * ("Ip:", "Tcp:", "Udp:", "IpExt:"); fails the test if there is none */
static inline long th_snmp(const char *file, const char *proto,
			   const char *name)
{
	static char text[8192];
	char path[64], *names = NULL, *vals = NULL, *p, *q, *s1, *s2;
	ssize_t n;
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/net/%s", file);
	fd = tn_open(path, O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, text, sizeof(text) - 1);
	tn_close(fd);
	KT_ASSERT(n > 0);
	text[n] = 0;
	for (p = strtok_r(text, "\n", &s1); p; p = strtok_r(NULL, "\n", &s1))
		if (!strncmp(p, proto, strlen(proto)) &&
		    p[strlen(proto)] == ' ') {
			if (!names)
				names = p;
			else
				vals = p;
		}
	KT_ASSERT(names && vals);
	p = strtok_r(names, " ", &s1);
	q = strtok_r(vals, " ", &s2);
	while (p && q) {
		if (!strcmp(p, name))
			return atol(q);
		p = strtok_r(NULL, " ", &s1);
		q = strtok_r(NULL, " ", &s2);
	}
	KT_ASSERT(0);
	return -1;
}

#endif /* TUXNET_TESTS_SNMP_H */
