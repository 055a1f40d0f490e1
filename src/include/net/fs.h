/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Open files: sockets, epoll instances and /proc files all sit behind a
 * struct file in a task's fd table.  Linux: include/linux/fs.h, poll.h.
 */
#ifndef _NET_FS_H
#define _NET_FS_H

#include <net/stack.h>
#include <net/wait.h>

struct file;

/* poll_table: how ->poll registers the caller on wait queues. */
typedef struct poll_table_struct {
	void (*qproc)(struct file *file, struct wait_queue_head *wq,
		      struct poll_table_struct *pt);
	void *priv;
} poll_table;

static inline void poll_wait(struct file *file, struct wait_queue_head *wq,
			     poll_table *pt)
{
	if (pt && pt->qproc && wq)
		pt->qproc(file, wq, pt);
}

/* A directory entry for ->iterate (struct linux_dirent64 is the output). */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, int namelen,
		      u64 ino, unsigned int d_type);
	long pos;
};

/**
 * struct file_operations - what an open file can do
 * @read, @write: byte I/O; return count or -errno.  Optional (-EINVAL).
 * @poll: readiness mask (EPOLL*), registering on wait queues via @pt.
 * @ioctl: -ENOTTY if unknown.
 * @iterate: directories (getdents64).
 * @release: last reference gone; frees private data.
 * All are called with the stack lock held.
 */
struct file_operations {
	ssize_t (*read)(struct file *file, char *buf, size_t len);
	ssize_t (*write)(struct file *file, const char *buf, size_t len);
	unsigned int (*poll)(struct file *file, poll_table *pt);
	long (*ioctl)(struct file *file, unsigned int cmd, void *arg);
	int (*iterate)(struct file *file, struct dir_context *ctx);
	int (*release)(struct file *file);
};

struct file {
	const struct file_operations *f_op;
	unsigned int f_flags; /* O_NONBLOCK, O_RDONLY ... */
	int f_count;
	long f_pos;
	void *private_data; /* struct socket *, eventpoll, proc buffer */
	struct list_head f_ep_links; /* epoll items watching this file */
};

struct file *alloc_file(const struct file_operations *fops, unsigned int flags,
			void *priv);
void fget_raw(struct file *file);
void fput(struct file *file);
/* fd table of the current task */
int fd_install_new(struct file *file, unsigned int flags);
struct file *fdget(int fd);
int close_fd(int fd);

#endif /* _NET_FS_H */
