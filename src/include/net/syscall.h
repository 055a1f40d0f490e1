/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system-call boundary: every tn_* call enters its stack, works with
 * 0/-errno internally and leaves through one exit that turns -errno into
 * -1 + errno, as the kernel's syscall return path does.
 */
#ifndef _NET_SYSCALL_H
#define _NET_SYSCALL_H

#include <net/fs.h>
#include <net/net.h>
#include <net/stack.h>

#define SYSCALL_ENTER()                           \
	struct tn_stack *st_ = current_stack();   \
	struct file *held_ __maybe_unused = NULL; \
	int ret = 0;                              \
	if (!st_) {                               \
		errno = ENOSYS;                   \
		return -1;                        \
	}                                         \
	stack_enter(st_)

#define SYSCALL_EXIT()                \
	do {                          \
		if (held_)            \
			fput(held_);  \
		stack_exit(st_);      \
		if (ret < 0) {        \
			errno = -ret; \
			return -1;    \
		}                     \
		return ret;           \
	} while (0)

/* For calls returning ssize_t: returns directly from the caller. */
#define SYSCALL_EXIT_SSIZE(n)             \
	do {                              \
		ssize_t n_ = (n);         \
		if (held_)                \
			fput(held_);      \
		stack_exit(st_);          \
		if (n_ < 0) {             \
			errno = (int)-n_; \
			return -1;        \
		}                         \
		return n_;                \
	} while (0)

/*
 * fdget_hold - the file behind @fd, held for the rest of the call so that
 * a close() by another thread cannot free it under a sleeping call.
 */
#define FDGET(fd) fdget_hold(fd, &held_)
struct file *fdget_hold(int fd, struct file **held);

/* socket.c */
ssize_t sock_recvmsg_file(struct file *file, struct msghdr *msg, int flags);
ssize_t sock_sendmsg_file(struct file *file, struct msghdr *msg, int flags);

/* eventpoll.c: a closing file leaves every epoll set */
void eventpoll_release(struct file *file);

#endif /* _NET_SYSCALL_H */
