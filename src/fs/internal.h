/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to src/fs (fs/internal.h). */
#ifndef _FS_INTERNAL_H
#define _FS_INTERNAL_H

#include <net/fs.h>

/* proc.c: open @path in the current task's view of /proc and /run/netns */
struct file *vfs_open(const char *path, int flags, int *err);

#endif /* _FS_INTERNAL_H */
