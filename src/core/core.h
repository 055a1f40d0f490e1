/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to src/core: the pieces the stack object is assembled from. */
#ifndef _CORE_CORE_H
#define _CORE_CORE_H

#include <net/stack.h>

/* file.c */
int files_init(struct files_struct *files);
int files_sysctl_init(struct tn_stack *st); /* fs.file-max, fs.file-nr */
void files_close_all(struct files_struct *files);
void files_free(struct files_struct *files);
struct files_struct *files_alloc(void);
struct files_struct *dup_fd(const struct files_struct *old);
void put_files_struct(struct files_struct *files);

/* init.c */
int stack_init_levels(struct tn_stack *st, const struct tn_stack_config *cfg);
void stack_exit_levels(struct tn_stack *st);

/* skbuff.c */
void skb_cache_free(struct tn_stack *st);

/* net_namespace.c */
int net_ns_init(struct tn_stack *st, const char *hostname);
/* user.max_net_namespaces, user.max_net_devices */
int user_sysctl_init(struct tn_stack *st);
void net_ns_exit(struct tn_stack *st);
void pernet_free(struct tn_stack *st);

/* proc.c, sysctl.c: the file system under /proc and /run/netns */
struct file *vfs_open(const char *path, int flags, int *err);
int sysctl_core_init(struct tn_stack *st);
void proc_net_exit(struct tn_stack *st);

#endif /* _CORE_CORE_H */
