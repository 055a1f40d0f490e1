/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The sysctl tree (/proc/sys/net/...): tables of named values registered
 * under a path, per namespace.  A subsystem's pernet init copies its
 * template table, points .data into that struct net, and registers it.
 * Linux: include/linux/sysctl.h, kernel/sysctl.c, net/sysctl_net.c.
 */
#ifndef _NET_SYSCTL_H
#define _NET_SYSCTL_H

#include <net/list.h>

struct net;
struct ctl_table;

/**
 * proc_handler - read or write one value as text
 * @write: 0 read (render into @buffer, at most *@lenp bytes, set *@lenp),
 *	1 write (parse *@lenp bytes of @buffer)
 * @ppos: file position; reads at *ppos > 0 return nothing (one-shot)
 * Return: 0 or -errno (-EINVAL on a bad value, as Linux).
 */
typedef int proc_handler(struct ctl_table *ctl, int write, char *buffer,
			 size_t *lenp, long *ppos);

struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;
	unsigned short mode; /* 0644, 0444 ... */
	proc_handler *proc_handler;
	void *extra1, *extra2; /* min/max for _minmax handlers */
};

proc_handler proc_dointvec;
proc_handler proc_dointvec_minmax;
proc_handler proc_douintvec;
proc_handler proc_dointvec_jiffies; /* value kept in ms, shown in s */
proc_handler proc_dointvec_ms_jiffies; /* kept in ms, shown in ms */
proc_handler proc_doulongvec_minmax;
proc_handler proc_dostring;
proc_handler proc_do_large_bitmap; /* "8080,9000-9100": maxlen bits */

extern const int sysctl_vals[];
#define SYSCTL_ZERO    ((void *)&sysctl_vals[0])
#define SYSCTL_ONE     ((void *)&sysctl_vals[1])
#define SYSCTL_TWO     ((void *)&sysctl_vals[2])
#define SYSCTL_INT_MAX ((void *)&sysctl_vals[3])

struct ctl_table_header {
	struct list_head list; /* st's sysctl registrations */
	struct net *net; /* NULL: the same in every namespace */
	char *path; /* "net/ipv4" */
	struct ctl_table *table;
	size_t count;
	bool free_table; /* table was allocated for this registration */
	unsigned int nr_open; /* /proc/sys files open on this table */
	bool unregistering; /* gone: open files get -ENOENT, last frees */
};

/**
 * register_net_sysctl - publish @table (terminated by an empty entry) as
 *	/proc/sys/@path/<procname> in @net
 * @free_table: free @table on unregister (a per-net copy)
 * Return: the header for unregistering, or NULL (-ENOMEM).
 */
struct ctl_table_header *register_net_sysctl(struct net *net, const char *path,
					     struct ctl_table *table);
void unregister_net_sysctl_table(struct ctl_table_header *header);
/*
 * sysctl_head_grab / sysctl_head_put - an open /proc/sys file pins its
 * header, so a table unregistered under it (its namespace or device gone)
 * is freed only when the last such file closes.  Linux: proc_sysctl.c.
 */
void sysctl_head_grab(struct ctl_table_header *header);
void sysctl_head_put(struct ctl_table_header *header);
/* Copies a template table for a namespace: .data moved by @net - base. */
struct ctl_table *sysctl_table_dup(const struct ctl_table *tmpl,
				   const void *base, void *newbase);

#endif /* _NET_SYSCTL_H */
