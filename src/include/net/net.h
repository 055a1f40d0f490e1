/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The BSD socket layer: struct socket, the address-family registry and the
 * per-family socket operations.  Linux: include/linux/net.h.
 */
#ifndef _NET_NET_H
#define _NET_NET_H

#include <sys/socket.h>

#include <net/fs.h>
#include <net/wait.h>

struct sock;
struct net;

typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
} socket_state;

/* socket->flags */
#define SOCK_NOSPACE	    2
#define SOCK_PASSCRED	    3
#define SOCK_PASSSEC	    4
#define SOCK_CUSTOM_SOCKOPT 6

struct socket {
	socket_state state;
	short type; /* SOCK_DGRAM, ... */
	unsigned long flags;
	struct file *file;
	struct sock *sk;
	const struct proto_ops *ops;
	struct wait_queue_head wq;
	unsigned long ino; /* its inode number, as SOCK_INODE(sock)->i_ino */
};

/**
 * struct proto_ops - a family's socket operations (inet_dgram_ops, ...)
 *
 * Each is called from the system-call layer with the stack lock held, in
 * process context; each returns 0/count or -errno.  Operations a family
 * does not support point at the sock_no_*() stubs, never NULL.
 * @sendmsg: @msg is the caller's message; send flags are in msg->msg_flags.
 * @recvmsg: control messages are written with put_cmsg(); msg_flags out.
 * @poll: readiness (EPOLLIN ...), registering on sk's wait queue.
 */
struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *addr, int len);
	int (*connect)(struct socket *sock, struct sockaddr *addr, int len,
		       int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags,
		      bool kern);
	int (*getname)(struct socket *sock, struct sockaddr *addr, int peer);
	unsigned int (*poll)(struct file *file, struct socket *sock,
			     poll_table *wait);
	int (*ioctl)(struct socket *sock, unsigned int cmd, void *arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int flags);
	int (*setsockopt)(struct socket *sock, int level, int optname,
			  const void *optval, unsigned int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname,
			  void *optval, int *optlen);
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t len,
		       int flags);
};

/**
 * struct net_proto_family - an address family (PF_INET, PF_NETLINK, ...)
 * @create: set up @sock->sk and @sock->ops for (type, protocol); -errno
 *	as Linux: -ESOCKTNOSUPPORT, -EPROTONOSUPPORT, -EPERM ...
 */
struct net_proto_family {
	int family;
	int (*create)(struct net *net, struct socket *sock, int protocol,
		      int kern);
};

int sock_register(const struct net_proto_family *ops);
void sock_unregister(int family);

/* src/core/socket.c */
int sock_create_kern(struct net *net, int family, int type, int protocol,
		     struct socket **res);
void sock_release(struct socket *sock);
struct socket *sock_from_file(struct file *file);

/* Stubs for operations a family does not support. */
int sock_no_bind(struct socket *sock, struct sockaddr *addr, int len);
int sock_no_connect(struct socket *sock, struct sockaddr *addr, int len,
		    int flags);
int sock_no_socketpair(struct socket *a, struct socket *b);
int sock_no_accept(struct socket *sock, struct socket *newsock, int flags,
		   bool kern);
int sock_no_getname(struct socket *sock, struct sockaddr *addr, int peer);
int sock_no_ioctl(struct socket *sock, unsigned int cmd, void *arg);
int sock_no_listen(struct socket *sock, int backlog);
int sock_no_shutdown(struct socket *sock, int how);
int sock_no_sendmsg(struct socket *sock, struct msghdr *m, size_t len);
int sock_no_recvmsg(struct socket *sock, struct msghdr *m, size_t len,
		    int flags);

/*
 * Message helpers.  put_cmsg appends a control message to msg (advancing
 * msg_control and shrinking msg_controllen as Linux does; the system-call
 * layer reports the length used); MSG_CTRUNC when it does not fit.
 */
int put_cmsg(struct msghdr *msg, int level, int type, int len,
	     const void *data);
/* memcpy_to_msg - copy @len bytes into the caller's iovecs */
int memcpy_to_msg(struct msghdr *msg, const void *data, int len);
/* memcpy_from_msg - gather @len bytes from the iovecs at msg->... */
int memcpy_from_msg(void *data, struct msghdr *msg, int len);
/* msg_data_left - bytes the message's iovecs hold in total */
size_t msg_data_left(const struct msghdr *msg);

#endif /* _NET_NET_H */
