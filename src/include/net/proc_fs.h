/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /proc/net/<name>: text files rendered at open from the namespace's
 * state through a seq_file.  Linux: include/linux/proc_fs.h, seq_file.h.
 */
#ifndef _NET_PROC_FS_H
#define _NET_PROC_FS_H

#include <net/types.h>

struct net;

struct seq_file {
	char *buf;
	size_t size, count;
	bool overflow; /* allocation failed: the read gets -ENOMEM */
	struct net *net;
	void *private;
};

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_pad(struct seq_file *m, char c, size_t width);

static inline struct net *seq_file_net(const struct seq_file *m)
{
	return m->net;
}

/**
 * proc_create_net_single - add /proc/net/@name, rendered by @show for the
 *	opener's namespace
 * Return: 0 or -errno.
 */
int proc_create_net_single(const char *name, unsigned short mode,
			   int (*show)(struct seq_file *m, void *v));
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);

/* fs/proc.c: the stack's /proc files go with it */
void proc_net_exit(struct tn_stack *st);

#endif /* _NET_PROC_FS_H */
