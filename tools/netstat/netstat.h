/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netstat (net-tools 2.10) on the tuxnet API: what the parts share.
 */
#ifndef TN_TOOLS_NETSTAT_H
#define TN_TOOLS_NETSTAT_H

#include <stddef.h>

/*
 * ns_slurp - the whole of a file of the stack's /proc, NUL-terminated
 * @path: e.g. "/proc/net/snmp"
 * @len: set to its length (without the NUL), may be NULL
 *
 * Return: a buffer to free(), or NULL with errno set (ENOENT for a file
 * the stack does not have).
 */
char *ns_slurp(const char *path, size_t *len);

/*
 * ns_next_line - cut the next line out of a buffer ns_slurp() returned
 * @pos: the cursor, advanced past the line
 *
 * Return: the line, without its newline, or NULL at the end.
 */
char *ns_next_line(char **pos);

/* netstat -s: @raw, @tcp, @udp select the sections (Ip/Icmp, Tcp/TcpExt,
 * Udp) as -w, -t, -u do; every other section is always shown. */
void ns_statistics(int raw, int tcp, int udp);

#endif /* TN_TOOLS_NETSTAT_H */
