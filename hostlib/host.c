// SPDX-License-Identifier: BSD-2-Clause
/*
 * libtuxnet-host: every tn_* call is the Linux system call of the same name.
 * Linking a tool against this instead of libtuxnet-client lets its output be
 * compared with Linux's own tool on the same kernel state.
 */
#include <tuxnet/tuxnet.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

struct tn_stack *tn_stack_create(const struct tn_stack_config *cfg)
{
	(void)cfg;
	errno = ENOSYS;
	return NULL;
}

void tn_stack_destroy(struct tn_stack *st)
{
	(void)st;
}

void tn_stack_attach(struct tn_stack *st)
{
	(void)st;
}

struct tn_stack *tn_stack_current(void)
{
	return NULL;
}

void tn_stack_get_stats(struct tn_stack *st, struct tn_stack_stats *stats)
{
	(void)st;
	memset(stats, 0, sizeof(*stats));
}

int tn_clock_advance(struct tn_stack *st, uint64_t ns)
{
	(void)st;
	(void)ns;
	errno = ENOSYS;
	return -1;
}

struct tn_task *tn_task_create(struct tn_stack *st)
{
	(void)st;
	errno = ENOSYS;
	return NULL;
}

struct tn_task *tn_task_clone(struct tn_task *parent, unsigned int flags)
{
	(void)parent;
	(void)flags;
	errno = ENOSYS;
	return NULL;
}

void tn_task_destroy(struct tn_task *task)
{
	(void)task;
}

void tn_task_attach(struct tn_task *task)
{
	(void)task;
}

void tn_task_interrupt(struct tn_task *task)
{
	(void)task;
}

int tn_task_set_cred(struct tn_task *task, uid_t uid, gid_t gid)
{
	(void)task;
	(void)uid;
	(void)gid;
	errno = ENOSYS;
	return -1;
}

int tn_netns_add(const char *name)
{
	(void)name;
	errno = ENOSYS;
	return -1;
}

int tn_netns_del(const char *name)
{
	(void)name;
	errno = ENOSYS;
	return -1;
}

int tn_netns_set(const char *name)
{
	char path[PATH_MAX];
	int fd, err;

	if (!name || !*name)
		snprintf(path, sizeof(path), "/proc/1/ns/net");
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	err = setns(fd, CLONE_NEWNET);
	close(fd);
	return err;
}

ssize_t tn_netns_list(char *buf, size_t len)
{
	DIR *d = opendir("/run/netns");
	struct dirent *de;
	size_t off = 0;

	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		if (off + n + 1 > len) {
			closedir(d);
			errno = ERANGE;
			return -1;
		}
		memcpy(buf + off, de->d_name, n);
		buf[off + n] = '\n';
		off += n + 1;
	}
	closedir(d);
	return (ssize_t)off;
}

int tn_socket(int domain, int type, int protocol)
{
	return socket(domain, type, protocol);
}

int tn_socketpair(int domain, int type, int protocol, int sv[2])
{
	return socketpair(domain, type, protocol, sv);
}

int tn_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return bind(fd, addr, len);
}

int tn_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return connect(fd, addr, len);
}

int tn_listen(int fd, int backlog)
{
	return listen(fd, backlog);
}

int tn_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	return accept4(fd, addr, len, flags);
}

int tn_accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return accept(fd, addr, len);
}

ssize_t tn_send(int fd, const void *buf, size_t len, int flags)
{
	return send(fd, buf, len, flags);
}

ssize_t tn_recv(int fd, void *buf, size_t len, int flags)
{
	return recv(fd, buf, len, flags);
}

ssize_t tn_sendto(int fd, const void *buf, size_t len, int flags,
		  const struct sockaddr *addr, socklen_t alen)
{
	return sendto(fd, buf, len, flags, addr, alen);
}

ssize_t tn_recvfrom(int fd, void *buf, size_t len, int flags,
		    struct sockaddr *addr, socklen_t *alen)
{
	return recvfrom(fd, buf, len, flags, addr, alen);
}

ssize_t tn_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	return sendmsg(fd, msg, flags);
}

ssize_t tn_recvmsg(int fd, struct msghdr *msg, int flags)
{
	return recvmsg(fd, msg, flags);
}

int tn_getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return getsockname(fd, addr, len);
}

int tn_getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return getpeername(fd, addr, len);
}

int tn_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	return setsockopt(fd, level, name, val, len);
}

int tn_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	return getsockopt(fd, level, name, val, len);
}

int tn_shutdown(int fd, int how)
{
	return shutdown(fd, how);
}

int tn_fcntl(int fd, int cmd, long arg)
{
	return fcntl(fd, cmd, arg);
}

int tn_ioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg);
}

int tn_close(int fd)
{
	return close(fd);
}

int tn_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	return poll(fds, nfds, timeout);
}

int tn_select(int nfds, fd_set *rfds, fd_set *wfds, fd_set *efds,
	      struct timeval *timeout)
{
	return select(nfds, rfds, wfds, efds, timeout);
}

int tn_epoll_create1(int flags)
{
	return epoll_create1(flags);
}

int tn_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	return epoll_ctl(epfd, op, fd, ev);
}

int tn_epoll_wait(int epfd, struct epoll_event *events, int maxevents,
		  int timeout)
{
	return epoll_wait(epfd, events, maxevents, timeout);
}

int tn_open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return open(path, flags, mode);
}

ssize_t tn_read(int fd, void *buf, size_t len)
{
	return read(fd, buf, len);
}

ssize_t tn_write(int fd, const void *buf, size_t len)
{
	return write(fd, buf, len);
}

ssize_t tn_getdents64(int fd, void *dirp, size_t count)
{
	return syscall(SYS_getdents64, fd, dirp, count);
}

int tn_gethostname(char *name, size_t len)
{
	return gethostname(name, len);
}

int tn_sethostname(const char *name, size_t len)
{
	return sethostname(name, len);
}

int tn_clock_gettime(clockid_t clk, struct timespec *ts)
{
	return clock_gettime(clk, ts);
}

int tn_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return nanosleep(req, rem);
}
