/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The shared-object interface of upstream packetdrill (its
 * --so_filename=LIB --so_flags=FLAGS mode), declared here from the layout
 * upstream uses: packetdrill dlopen()s LIB, calls
 * packetdrill_interface_init(FLAGS, &table), and from then on calls the
 * stack only through the table: the system calls of the script, and
 * netdev_send / netdev_receive for whole IP packets in and out.  The
 * order of the members is the ABI; each takes the table's userdata first.
 * libtuxnet-packetdrill.so (so.c) fills it in with a tuxnet stack in
 * virtual time (usleep and gettimeofday run on the stack's clock).
 */
#ifndef TUXNET_PACKETDRILL_SO_H
#define TUXNET_PACKETDRILL_SO_H

#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

struct packetdrill_interface {
	void *userdata;
	void (*free)(void *userdata);
	int (*socket)(void *userdata, int domain, int type, int protocol);
	int (*bind)(void *userdata, int fd, const struct sockaddr *addr,
		    socklen_t addrlen);
	int (*listen)(void *userdata, int fd, int backlog);
	int (*accept)(void *userdata, int fd, struct sockaddr *addr,
		      socklen_t *addrlen);
	int (*connect)(void *userdata, int fd, const struct sockaddr *addr,
		       socklen_t addrlen);
	ssize_t (*read)(void *userdata, int fd, void *buf, size_t count);
	ssize_t (*readv)(void *userdata, int fd, const struct iovec *iov,
			 int iovcnt);
	ssize_t (*recv)(void *userdata, int fd, void *buf, size_t len,
			int flags);
	ssize_t (*recvfrom)(void *userdata, int fd, void *buf, size_t len,
			    int flags, struct sockaddr *src, socklen_t *srclen);
	ssize_t (*recvmsg)(void *userdata, int fd, struct msghdr *msg,
			   int flags);
	ssize_t (*write)(void *userdata, int fd, const void *buf, size_t count);
	ssize_t (*writev)(void *userdata, int fd, const struct iovec *iov,
			  int iovcnt);
	ssize_t (*send)(void *userdata, int fd, const void *buf, size_t len,
			int flags);
	ssize_t (*sendto)(void *userdata, int fd, const void *buf, size_t len,
			  int flags, const struct sockaddr *dst,
			  socklen_t dstlen);
	ssize_t (*sendmsg)(void *userdata, int fd, const struct msghdr *msg,
			   int flags);
	int (*fcntl)(void *userdata, int fd, int cmd, ...);
	int (*ioctl)(void *userdata, int fd, unsigned long request, ...);
	int (*close)(void *userdata, int fd);
	int (*shutdown)(void *userdata, int fd, int how);
	int (*getsockopt)(void *userdata, int fd, int level, int name,
			  void *val, socklen_t *len);
	int (*setsockopt)(void *userdata, int fd, int level, int name,
			  const void *val, socklen_t len);
	int (*poll)(void *userdata, struct pollfd *fds, nfds_t nfds,
		    int timeout);
	/* an IP packet into the stack: 0, or -1 with errno */
	int (*netdev_send)(void *userdata, const void *buf, size_t count);
	/*
	 * the next IP packet out of the stack into @buf (room: *@count);
	 * *@count set to its length (0: none), *@time_usecs to when it left;
	 * 0, or -1 with errno
	 */
	int (*netdev_receive)(void *userdata, void *buf, size_t *count,
			      long long *time_usecs);
	int (*usleep)(void *userdata, useconds_t usec);
	int (*gettimeofday)(void *userdata, struct timeval *tv,
			    struct timezone *tz);
	int (*epoll_create)(void *userdata, int size);
	int (*epoll_ctl)(void *userdata, int epfd, int op, int fd,
			 struct epoll_event *event);
	int (*epoll_wait)(void *userdata, int epfd, struct epoll_event *events,
			  int maxevents, int timeout);
	int (*pipe)(void *userdata, int pipefd[2]);
	int (*splice)(void *userdata, int fd_in, loff_t *off_in, int fd_out,
		      loff_t *off_out, size_t len, unsigned int flags);
};

typedef void (*packetdrill_interface_init_t)(const char *flags,
					     struct packetdrill_interface *ifc);

/*
 * FLAGS: comma-separated local_ip=A (default 192.168.0.1), mtu=N (1500),
 * mss=N (1460: the segment size of TCP packets sent in above the MTU).
 */
__attribute__((visibility("default"))) void
packetdrill_interface_init(const char *flags,
			   struct packetdrill_interface *ifc);

#endif /* TUXNET_PACKETDRILL_SO_H */
