/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A task's table of open files (include/linux/fdtable.h): shared by the
 * threads of a process, copied by fork (dup_fd), closed by the last user.
 */
#ifndef _NET_FDTABLE_H
#define _NET_FDTABLE_H

#include <net/fs.h>

int files_init(struct files_struct *files);
int files_sysctl_init(struct tn_stack *st); /* fs.file-max, fs.file-nr */
void files_close_all(struct files_struct *files);
void files_free(struct files_struct *files);
struct files_struct *files_alloc(void);
struct files_struct *dup_fd(const struct files_struct *old);
void put_files_struct(struct files_struct *files);

#endif /* _NET_FDTABLE_H */
