// SPDX-License-Identifier: BSD-2-Clause
/*
 * The BSD socket system calls: tn_socket() -> __sock_create() -> the
 * family's create -> sock_map_fd(), and the calls that follow, each a thin
 * dispatch to socket->ops.  Linux: net/socket.c.
 */
#include <fcntl.h>
#include <stdatomic.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/uio.h>

#include <net/fs.h>
#include <net/net.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "core.h"
#include <net/syscall.h>

#ifndef UIO_MAXIOV
#define UIO_MAXIOV 1024
#endif

/* ---- the family registry ---- */

int sock_register(const struct net_proto_family *ops)
{
	struct tn_stack *st = current_stack();

	if (ops->family < 0 || ops->family >= NPROTO)
		return -ENOBUFS;
	if (st->net_families[ops->family])
		return -EEXIST;
	st->net_families[ops->family] = ops;
	return 0;
}

void sock_unregister(int family)
{
	if (family >= 0 && family < NPROTO)
		current_stack()->net_families[family] = NULL;
}

/* ---- sockets as files ---- */

static ssize_t sock_read(struct file *file, char *buf, size_t len);
static ssize_t sock_write(struct file *file, const char *buf, size_t len);
static unsigned int sock_poll(struct file *file, poll_table *pt);
static long sock_ioctl(struct file *file, unsigned int cmd, void *arg);
static int sock_close(struct file *file);

static const struct file_operations socket_file_ops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_close,
};

struct socket *sock_from_file(struct file *file)
{
	if (file->f_op == &socket_file_ops)
		return file->private_data;
	return NULL;
}

/*
 * get_next_ino - a fresh inode number for a socket.  Process-wide, as
 * Linux's (fs/inode.c) is machine-wide: numbers are never reused.
 */
static unsigned long get_next_ino(void)
{
	static atomic_ulong last_ino;

	return atomic_fetch_add(&last_ino, 1) + 1;
}

static struct socket *sock_alloc(void)
{
	struct socket *sock = kzalloc(sizeof(*sock), GFP_KERNEL);

	if (!sock)
		return NULL;
	sock->state = SS_UNCONNECTED;
	init_waitqueue_head(&sock->wq);
	sock->ino = get_next_ino();
	return sock;
}

/**
 * sock_release - close a socket: the protocol lets go of its sock, then
 *	the socket itself goes (with its file, if it has one)
 */
void sock_release(struct socket *sock)
{
	if (sock->ops) {
		sock->ops->release(sock);
		sock->ops = NULL;
	}
	/* Anyone still waiting (another thread in poll) must not sleep on. */
	wake_up_poll(&sock->wq, 0);
	kfree(sock);
}

static int sock_close(struct file *file)
{
	struct socket *sock = file->private_data;

	sock->file = NULL;
	sock_release(sock);
	return 0;
}

/**
 * __sock_create - make a socket of (@family, @type, @protocol) in @net
 * Return: 0 with *@res set, or -errno as Linux: -EAFNOSUPPORT for an
 *	unknown family, -EINVAL for a bad type, or what the family returns.
 */
static int __sock_create(struct net *net, int family, int type, int protocol,
			 struct socket **res, int kern)
{
	const struct net_proto_family *pf;
	struct socket *sock;
	int err;

	if (family < 0 || family >= NPROTO)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= 11 /* SOCK_MAX */)
		return -EINVAL;
	pf = net->st->net_families[family];
	if (!pf)
		return -EAFNOSUPPORT;
	sock = sock_alloc();
	if (!sock)
		return -ENFILE;
	sock->type = (short)type;
	err = pf->create(net, sock, protocol, kern);
	if (err < 0) {
		sock->ops = NULL; /* create failed: nothing to release */
		kfree(sock);
		return err;
	}
	*res = sock;
	return 0;
}

int sock_create_kern(struct net *net, int family, int type, int protocol,
		     struct socket **res)
{
	return __sock_create(net, family, type, protocol, res, 1);
}

/* sock_map_fd - give @sock a file and an fd in the current task */
static int sock_map_fd(struct socket *sock, int flags)
{
	struct file *file;
	int fd;

	file = alloc_file(&socket_file_ops,
			  (unsigned int)(flags & O_NONBLOCK) | O_RDWR, sock);
	if (!file) {
		sock_release(sock);
		return -ENFILE;
	}
	sock->file = file;
	fd = fd_install_new(file, (unsigned int)flags);
	if (fd < 0)
		fput(file);
	return fd;
}

static struct socket *sockfd_lookup(int fd, int *err, struct file **held)
{
	struct file *file = fdget_hold(fd, held);
	struct socket *sock;

	if (!file) {
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(file);
	if (!sock)
		*err = -ENOTSOCK;
	return sock;
}

/* ---- message helpers ---- */

int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data)
{
	struct cmsghdr cm;
	size_t cmlen = CMSG_LEN((size_t)len);

	if (!msg->msg_control || msg->msg_controllen < sizeof(struct cmsghdr)) {
		msg->msg_flags |= MSG_CTRUNC;
		return 0;
	}
	if (msg->msg_controllen < cmlen) {
		msg->msg_flags |= MSG_CTRUNC;
		cmlen = msg->msg_controllen;
	}
	cm.cmsg_level = level;
	cm.cmsg_type = type;
	cm.cmsg_len = cmlen;
	memcpy(msg->msg_control, &cm, sizeof(cm));
	memcpy(CMSG_DATA((struct cmsghdr *)msg->msg_control), data,
	       cmlen - sizeof(struct cmsghdr));
	cmlen = CMSG_SPACE((size_t)len);
	if (msg->msg_controllen < cmlen)
		cmlen = msg->msg_controllen;
	msg->msg_control = (char *)msg->msg_control + cmlen;
	msg->msg_controllen -= cmlen;
	return 0;
}

size_t msg_data_left(const struct msghdr *msg)
{
	size_t i, n = 0;

	for (i = 0; i < msg->msg_iovlen; i++)
		n += msg->msg_iov[i].iov_len;
	return n;
}

/*
 * The iovec array is the system-call layer's private copy, so these may
 * advance it as the kernel's iov_iter advances.
 */
int memcpy_to_msg(struct msghdr *msg, const void *data, int len)
{
	const char *p = data;

	while (len > 0 && msg->msg_iovlen) {
		struct iovec *iov = msg->msg_iov;
		size_t n = min_t(size_t, iov->iov_len, (size_t)len);

		memcpy(iov->iov_base, p, n);
		p += n;
		len -= (int)n;
		iov->iov_base = (char *)iov->iov_base + n;
		iov->iov_len -= n;
		if (!iov->iov_len) {
			msg->msg_iov++;
			msg->msg_iovlen--;
		}
	}
	return len ? -EFAULT : 0;
}

int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	char *p = data;

	while (len > 0 && msg->msg_iovlen) {
		struct iovec *iov = msg->msg_iov;
		size_t n = min_t(size_t, iov->iov_len, (size_t)len);

		memcpy(p, iov->iov_base, n);
		p += n;
		len -= (int)n;
		iov->iov_base = (char *)iov->iov_base + n;
		iov->iov_len -= n;
		if (!iov->iov_len) {
			msg->msg_iov++;
			msg->msg_iovlen--;
		}
	}
	return len ? -EFAULT : 0;
}

/* ---- send and receive ---- */

static int sock_sendmsg(struct socket *sock, struct msghdr *msg)
{
	return sock->ops->sendmsg(sock, msg, msg_data_left(msg));
}

static int sock_recvmsg(struct socket *sock, struct msghdr *msg, int flags)
{
	return sock->ops->recvmsg(sock, msg, msg_data_left(msg), flags);
}

ssize_t sock_sendmsg_file(struct file *file, struct msghdr *msg, int flags)
{
	struct socket *sock = file->private_data;

	if (file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg->msg_flags = flags;
	return sock_sendmsg(sock, msg);
}

ssize_t sock_recvmsg_file(struct file *file, struct msghdr *msg, int flags)
{
	struct socket *sock = file->private_data;

	if (file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	return sock_recvmsg(sock, msg, flags);
}

static ssize_t sock_read(struct file *file, char *buf, size_t len)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return sock_recvmsg_file(file, &msg, 0);
}

static ssize_t sock_write(struct file *file, const char *buf, size_t len)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return sock_sendmsg_file(file, &msg, 0);
}

static unsigned int sock_poll(struct file *file, poll_table *pt)
{
	struct socket *sock = file->private_data;

	return sock->ops->poll(file, sock, pt);
}

static long sock_ioctl(struct file *file, unsigned int cmd, void *arg)
{
	struct socket *sock = file->private_data;
	int on;

	switch (cmd) {
	case FIONBIO:
		memcpy(&on, arg, sizeof(on));
		if (on)
			file->f_flags |= O_NONBLOCK;
		else
			file->f_flags &= ~(unsigned int)O_NONBLOCK;
		return 0;
	case FIOASYNC:
		memcpy(&on, arg, sizeof(on));
		if (on)
			file->f_flags |= O_ASYNC;
		else
			file->f_flags &= ~(unsigned int)O_ASYNC;
		return 0;
	default:
		return sock->ops->ioctl(sock, cmd, arg);
	}
}

/* ---- the calls ---- */

int tn_socket(int domain, int type, int protocol)
{
	struct socket *sock;
	int flags = type & ~0xf;

	SYSCALL_ENTER();
	type &= 0xf;
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) {
		ret = -EINVAL;
		goto out;
	}
	ret = __sock_create(current_net(), domain, type, protocol, &sock, 0);
	if (ret < 0)
		goto out;
	ret = sock_map_fd(sock, (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0) |
					(flags & SOCK_CLOEXEC ? O_CLOEXEC : 0));
out:
	SYSCALL_EXIT();
}

int tn_socketpair(int domain, int type, int protocol, int sv[2])
{
	struct socket *a, *b;
	int flags = type & ~0xf, fa, fb;

	SYSCALL_ENTER();
	type &= 0xf;
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) {
		ret = -EINVAL;
		goto out;
	}
	ret = __sock_create(current_net(), domain, type, protocol, &a, 0);
	if (ret < 0)
		goto out;
	ret = __sock_create(current_net(), domain, type, protocol, &b, 0);
	if (ret < 0) {
		sock_release(a);
		goto out;
	}
	ret = a->ops->socketpair(a, b);
	if (ret < 0) {
		sock_release(a);
		sock_release(b);
		goto out;
	}
	flags = (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0) |
		(flags & SOCK_CLOEXEC ? O_CLOEXEC : 0);
	fa = sock_map_fd(a, flags);
	if (fa < 0) {
		sock_release(b);
		ret = fa;
		goto out;
	}
	fb = sock_map_fd(b, flags);
	if (fb < 0) {
		close_fd(fa);
		ret = fb;
		goto out;
	}
	sv[0] = fa;
	sv[1] = fb;
out:
	SYSCALL_EXIT();
}

/* move_addr_to_kernel - validate a user address length */
static int move_addr_to_kernel(const void *uaddr, socklen_t ulen,
			       struct sockaddr_storage *kaddr)
{
	if (ulen > sizeof(*kaddr))
		return -EINVAL;
	if (ulen == 0)
		return 0;
	if (!uaddr)
		return -EFAULT;
	memcpy(kaddr, uaddr, ulen);
	return 0;
}

int tn_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_storage a;
	struct socket *sock;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	ret = move_addr_to_kernel(addr, len, &a);
	if (!ret)
		ret = sock->ops->bind(sock, (struct sockaddr *)&a, (int)len);
out:
	SYSCALL_EXIT();
}

int tn_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_storage a;
	struct socket *sock;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	ret = move_addr_to_kernel(addr, len, &a);
	if (!ret)
		ret = sock->ops->connect(sock, (struct sockaddr *)&a, (int)len,
					 (int)sock->file->f_flags);
out:
	SYSCALL_EXIT();
}

int tn_listen(int fd, int backlog)
{
	struct socket *sock;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	if ((unsigned int)backlog >
	    (unsigned int)current_net()->core.sysctl_somaxconn)
		backlog = current_net()->core.sysctl_somaxconn;
	ret = sock->ops->listen(sock, backlog);
out:
	SYSCALL_EXIT();
}

/* Copy an address out, truncating, and report its real length. */
static int move_addr_to_user(const struct sockaddr_storage *kaddr, int klen,
			     struct sockaddr *uaddr, socklen_t *ulen)
{
	socklen_t len;

	if (!ulen)
		return uaddr ? -EFAULT : 0;
	len = *ulen;
	if ((int)len < 0)
		return -EINVAL;
	if (len > (socklen_t)klen)
		len = (socklen_t)klen;
	if (len && uaddr)
		memcpy(uaddr, kaddr, len);
	*ulen = (socklen_t)klen;
	return 0;
}

int tn_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	struct sockaddr_storage a;
	struct socket *sock, *newsock;
	int newfd, alen;

	SYSCALL_ENTER();
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) {
		ret = -EINVAL;
		goto out;
	}
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	newsock = sock_alloc();
	if (!newsock) {
		ret = -ENFILE;
		goto out;
	}
	newsock->type = sock->type;
	newsock->ops = sock->ops;
	ret = sock->ops->accept(sock, newsock,
				(int)(sock->file->f_flags & O_NONBLOCK), false);
	if (ret < 0) {
		newsock->ops = NULL;
		kfree(newsock);
		goto out;
	}
	if (addr) {
		/* 2: the peer's address even when the connection was reset
		 * while queued (Linux's do_accept); the reset shows on use */
		alen = newsock->ops->getname(newsock, (struct sockaddr *)&a, 2);
		if (alen < 0) {
			sock_release(newsock);
			ret = -ECONNABORTED;
			goto out;
		}
		ret = move_addr_to_user(&a, alen, addr, len);
		if (ret) {
			sock_release(newsock);
			goto out;
		}
	}
	newfd = sock_map_fd(newsock,
			    (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0) |
				    (flags & SOCK_CLOEXEC ? O_CLOEXEC : 0));
	ret = newfd;
out:
	SYSCALL_EXIT();
}

int tn_accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return tn_accept4(fd, addr, len, 0);
}

static int copy_msghdr_iov(const struct msghdr *umsg, struct msghdr *kmsg,
			   struct iovec *iovstack, struct iovec **iov)
{
	*kmsg = *umsg;
	*iov = iovstack;
	/* one buffer (send(), recv() and most msghdrs): no loop, no call,
	 * as Linux's import_ubuf() */
	if (umsg->msg_iovlen == 1 && umsg->msg_iov) {
		iovstack[0] = umsg->msg_iov[0];
		if ((ssize_t)iovstack[0].iov_len < 0)
			return -EINVAL;
		kmsg->msg_iov = iovstack;
		return 0;
	}
	if (umsg->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	if (umsg->msg_iovlen > 8) {
		*iov = calloc(umsg->msg_iovlen, sizeof(struct iovec));
		if (!*iov)
			return -ENOMEM;
	}
	if (umsg->msg_iovlen) {
		size_t i, total = 0;

		if (!umsg->msg_iov)
			return -EFAULT;
		memcpy(*iov, umsg->msg_iov,
		       umsg->msg_iovlen * sizeof(struct iovec));
		for (i = 0; i < umsg->msg_iovlen; i++) {
			if ((ssize_t)(*iov)[i].iov_len < 0)
				return -EINVAL;
			total += (*iov)[i].iov_len;
			if ((ssize_t)total < 0)
				return -EINVAL;
		}
	}
	kmsg->msg_iov = *iov;
	return 0;
}

/* ____sys_sendmsg's stack buffer for control data */
#define SENDMSG_STACK_CTL ((int)sizeof(struct cmsghdr) + 20)

ssize_t tn_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct sockaddr_storage a;
	struct iovec iovstack[8], *iov = iovstack;
	struct msghdr kmsg;
	struct socket *sock;
	void *ctl_buf = NULL;
	int ctl_len;
	ssize_t n;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	if (!msg) {
		ret = -EFAULT;
		goto out;
	}
	ret = copy_msghdr_iov(msg, &kmsg, iovstack, &iov);
	if (ret)
		goto out_free;
	if (msg->msg_name) {
		ret = move_addr_to_kernel(msg->msg_name, msg->msg_namelen, &a);
		if (ret)
			goto out_free;
		kmsg.msg_name = &a;
	} else {
		kmsg.msg_namelen = 0;
	}
	if (kmsg.msg_controllen > INT32_MAX) {
		ret = -ENOBUFS;
		goto out_free;
	}
	ctl_len = (int)kmsg.msg_controllen;
	if (ctl_len && !kmsg.msg_control) {
		ret = -EFAULT;
		goto out_free;
	}
	/* Linux copies more than its 36-byte stack buffer into option
	 * memory for the call: it must fit under optmem_max */
	if (ctl_len > SENDMSG_STACK_CTL) {
		ctl_buf = sock_kmalloc(sock->sk, ctl_len, GFP_KERNEL);
		if (!ctl_buf) {
			ret = -ENOBUFS;
			goto out_free;
		}
		memcpy(ctl_buf, kmsg.msg_control, (size_t)ctl_len);
		kmsg.msg_control = ctl_buf;
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	kmsg.msg_flags = flags;
	n = sock_sendmsg(sock, &kmsg);
	if (ctl_buf)
		sock_kfree_s(sock->sk, ctl_buf, ctl_len);
	if (iov != iovstack)
		free(iov);
	SYSCALL_EXIT_SSIZE(n);
out_free:
	if (iov != iovstack)
		free(iov);
out:
	SYSCALL_EXIT();
}

ssize_t tn_recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct sockaddr_storage a;
	struct iovec iovstack[8], *iov = iovstack;
	struct msghdr kmsg;
	struct socket *sock;
	ssize_t n;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	if (!msg) {
		ret = -EFAULT;
		goto out;
	}
	ret = copy_msghdr_iov(msg, &kmsg, iovstack, &iov);
	if (ret)
		goto out_free;
	if ((int)msg->msg_namelen < 0) {
		ret = -EINVAL;
		goto out_free;
	}
	kmsg.msg_name = NULL;
	if (msg->msg_name) {
		memset(&a, 0, sizeof(a));
		kmsg.msg_name = &a;
	}
	kmsg.msg_namelen = 0;
	kmsg.msg_flags = 0;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	n = sock_recvmsg(sock, &kmsg, flags & ~MSG_CMSG_CLOEXEC);
	if (n >= 0) {
		if (msg->msg_name) {
			socklen_t ulen = msg->msg_namelen;

			move_addr_to_user(&a, (int)kmsg.msg_namelen,
					  msg->msg_name, &ulen);
			msg->msg_namelen = kmsg.msg_namelen;
		}
		if (msg->msg_control)
			msg->msg_controllen -= kmsg.msg_controllen;
		msg->msg_flags = kmsg.msg_flags;
	}
	if (iov != iovstack)
		free(iov);
	SYSCALL_EXIT_SSIZE(n);
out_free:
	if (iov != iovstack)
		free(iov);
out:
	SYSCALL_EXIT();
}

ssize_t tn_sendto(int fd, const void *buf, size_t len, int flags,
		  const struct sockaddr *addr, socklen_t alen)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_name = (void *)addr,
			      .msg_namelen = addr ? alen : 0,
			      .msg_iov = &iov,
			      .msg_iovlen = 1 };

	return tn_sendmsg(fd, &msg, flags);
}

ssize_t tn_send(int fd, const void *buf, size_t len, int flags)
{
	return tn_sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t tn_recvfrom(int fd, void *buf, size_t len, int flags,
		    struct sockaddr *addr, socklen_t *alen)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_name = addr,
			      .msg_namelen = alen ? *alen : 0,
			      .msg_iov = &iov,
			      .msg_iovlen = 1 };
	ssize_t n;

	if (addr && !alen) {
		errno = EFAULT;
		return -1;
	}
	n = tn_recvmsg(fd, &msg, flags);
	if (n >= 0 && addr)
		*alen = msg.msg_namelen;
	return n;
}

ssize_t tn_recv(int fd, void *buf, size_t len, int flags)
{
	return tn_recvfrom(fd, buf, len, flags, NULL, NULL);
}

static int getname(int fd, struct sockaddr *addr, socklen_t *len, int peer)
{
	struct sockaddr_storage a;
	struct socket *sock;
	int alen;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	if (!len) {
		ret = -EFAULT;
		goto out;
	}
	memset(&a, 0, sizeof(a));
	alen = sock->ops->getname(sock, (struct sockaddr *)&a, peer);
	if (alen < 0) {
		ret = alen;
		goto out;
	}
	ret = move_addr_to_user(&a, alen, addr, len);
out:
	SYSCALL_EXIT();
}

int tn_getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return getname(fd, addr, len, 0);
}

int tn_getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return getname(fd, addr, len, 1);
}

int tn_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct socket *sock;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	if ((int)len < 0) {
		ret = -EINVAL;
		goto out;
	}
	if (len && !val) {
		ret = -EFAULT;
		goto out;
	}
	if (level == SOL_SOCKET &&
	    !(sock->flags & (1UL << SOCK_CUSTOM_SOCKOPT)))
		ret = sock_setsockopt(sock, level, name, val, len);
	else
		ret = sock->ops->setsockopt(sock, level, name, val, len);
out:
	SYSCALL_EXIT();
}

int tn_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	struct socket *sock;
	int ilen;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (!sock)
		goto out;
	if (!len) {
		ret = -EFAULT;
		goto out;
	}
	ilen = (int)*len;
	if (ilen < 0) {
		ret = -EINVAL;
		goto out;
	}
	if (level == SOL_SOCKET &&
	    !(sock->flags & (1UL << SOCK_CUSTOM_SOCKOPT)))
		ret = sock_getsockopt(sock, level, name, val, &ilen);
	else
		ret = sock->ops->getsockopt(sock, level, name, val, &ilen);
	/* as Linux's: a length the option wrote stays written on an error
	 * too (TCP_SAVED_SYN's EINVAL gives the length it needs) */
	if (!ret || ilen != (int)*len)
		*len = (socklen_t)ilen;
out:
	SYSCALL_EXIT();
}

int tn_shutdown(int fd, int how)
{
	struct socket *sock;

	SYSCALL_ENTER();
	sock = sockfd_lookup(fd, &ret, &held_);
	if (sock)
		ret = sock->ops->shutdown(sock, how);
	SYSCALL_EXIT();
}

int tn_ioctl(int fd, unsigned long req, void *arg)
{
	struct file *file;

	SYSCALL_ENTER();
	file = FDGET(fd);
	if (!file) {
		ret = -EBADF;
		goto out;
	}
	if (!arg) {
		ret = -EFAULT;
		goto out;
	}
	if (file->f_op->ioctl)
		ret = (int)file->f_op->ioctl(file, (unsigned int)req, arg);
	else
		ret = -ENOTTY;
out:
	SYSCALL_EXIT();
}

/* ---- stubs for what a family does not do ---- */

int sock_no_bind(struct socket *sock, struct sockaddr *addr, int len)
{
	(void)sock, (void)addr, (void)len;
	return -EOPNOTSUPP;
}

int sock_no_connect(struct socket *sock, struct sockaddr *addr, int len,
		    int flags)
{
	(void)sock, (void)addr, (void)len, (void)flags;
	return -EOPNOTSUPP;
}

int sock_no_socketpair(struct socket *a, struct socket *b)
{
	(void)a, (void)b;
	return -EOPNOTSUPP;
}

int sock_no_accept(struct socket *sock, struct socket *newsock, int flags,
		   bool kern)
{
	(void)sock, (void)newsock, (void)flags, (void)kern;
	return -EOPNOTSUPP;
}

int sock_no_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	(void)sock, (void)addr, (void)peer;
	return -EOPNOTSUPP;
}

int sock_no_ioctl(struct socket *sock, unsigned int cmd, void *arg)
{
	(void)sock, (void)cmd, (void)arg;
	return -EOPNOTSUPP;
}

int sock_no_listen(struct socket *sock, int backlog)
{
	(void)sock, (void)backlog;
	return -EOPNOTSUPP;
}

int sock_no_shutdown(struct socket *sock, int how)
{
	(void)sock, (void)how;
	return -EOPNOTSUPP;
}

int sock_no_sendmsg(struct socket *sock, struct msghdr *m, size_t len)
{
	(void)sock, (void)m, (void)len;
	return -EOPNOTSUPP;
}

int sock_no_recvmsg(struct socket *sock, struct msghdr *m, size_t len,
		    int flags)
{
	(void)sock, (void)m, (void)len, (void)flags;
	return -EOPNOTSUPP;
}
