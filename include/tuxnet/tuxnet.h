/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tuxnet public API: a POSIX-shaped system-call layer over a user-space
 * network stack.  Types and constants are the host's own (struct sockaddr_in,
 * AF_INET, struct nlmsghdr, struct ifreq, errno values): a call here behaves
 * as the Linux system call of the same name does, returning what it returns
 * and setting errno to what it sets.
 *
 * Three libraries implement this header:
 *   libtuxnet         the stack itself, in the caller's process;
 *   libtuxnet-client  the same calls as messages to a tuxnetd daemon;
 *   libtuxnet-host    the calls passed to the Linux kernel (a test aid: the
 *                     tools built on it must print what Linux's tools print).
 */
#ifndef TUXNET_TUXNET_H
#define TUXNET_TUXNET_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TN_API __attribute__((visibility("default")))

/* ---- Stacks (libtuxnet only; the other backends return ENOSYS) ---- */

struct tn_stack;

/** enum tn_clock_kind - where a stack's time comes from */
enum tn_clock_kind {
	TN_CLOCK_REAL = 0, /* CLOCK_MONOTONIC; a worker thread runs timers */
	TN_CLOCK_VIRTUAL, /* stands still until tn_clock_advance() */
};

struct tn_stack_config {
	enum tn_clock_kind clock;
	/*
	 * Virtual clock only: time flows at the real pace (a worker thread
	 * runs timers), but whenever every task is asleep in the stack
	 * (blocked in recv, poll, nanosleep ...), it jumps to the next timer
	 * someone waits for.  A lab runs this way: whole networks, no
	 * waiting, same result.
	 */
	int idle_advance;
	const char *hostname; /* of the initial namespace; NULL: "tuxnet" */
	/*
	 * As `unshare -n`: tasks made by tn_task_create() start in a fresh
	 * namespace made from the initial one when the stack is created,
	 * which stays the hidden "host" (its init-only sysctls, its devices).
	 * 0: they start in the initial namespace.  `tuxnet lab` sets it.
	 */
	int unshare_net;
	/*
	 * The congestion control the stack is "built" with (Linux's
	 * CONFIG_DEFAULT_TCP_CONG): init_net's default, allowed to everyone,
	 * and what every new namespace inherits.  NULL or a name the stack
	 * lacks: "cubic".  `tuxnet lab` passes the host's, so a lab script's
	 * fresh namespace gets what `unshare -n` gets on that host.
	 */
	const char *tcp_congestion_control;
};

/* Counters of live objects: every test ends with all of them at zero. */
struct tn_stack_stats {
	long live_skbs;
	long live_socks;
	long live_files;
	long live_netns; /* besides init_net */
};

/* Creates a stack; the first one created becomes the process's default. */
TN_API struct tn_stack *tn_stack_create(const struct tn_stack_config *cfg);
TN_API void tn_stack_destroy(struct tn_stack *st);
/* Makes @st the calling thread's stack (NULL: back to the default). */
TN_API void tn_stack_attach(struct tn_stack *st);
TN_API struct tn_stack *tn_stack_current(void);
TN_API void tn_stack_get_stats(struct tn_stack *st,
			       struct tn_stack_stats *stats);
/*
 * Virtual clock: runs every timer due in the next @ns nanoseconds, in order
 * (an idle period: deferrable ones run late).  The clock stops at 2^63-1 ns.
 */
TN_API int tn_clock_advance(struct tn_stack *st, uint64_t ns);

/*
 * Tasks: what a process is to Linux, a file table and a current namespace.
 * Each stack has an initial task that threads use until they attach another;
 * the daemon makes one per client.  Destroying a task closes its files.
 */
struct tn_task;

TN_API struct tn_task *tn_task_create(struct tn_stack *st);
TN_API void tn_task_destroy(struct tn_task *task);
/*
 * A new task like @parent, in @parent's current namespace, acting as the
 * calling process (tn_task_set_cred() to change).  With TN_CLONE_FILES it
 * shares @parent's fd table, as a thread does (clone(2) CLONE_FILES): an
 * fd made by either is the other's, and the files are closed when the
 * last task using the table is destroyed.  Without, it gets a copy, as a
 * child of fork(2) does: the same fds referring to the same open files.
 */
#define TN_CLONE_FILES 0x00000400 /* Linux's value */
TN_API struct tn_task *tn_task_clone(struct tn_task *parent,
				     unsigned int flags);
/* The calling thread acts as @task from now on (NULL: the initial task). */
TN_API void tn_task_attach(struct tn_task *task);
/*
 * Like a signal to the process: the call @task is blocked in (if any)
 * returns -1/EINTR.  For the daemon, when a client is interrupted or dies.
 */
TN_API void tn_task_interrupt(struct tn_task *task);
/*
 * Limits, as Linux's: @nofile is the task's RLIMIT_NOFILE (new fds must be
 * below it, else EMFILE; -1/EPERM above 65536, fs.nr_open).  The daemon
 * sets it for each client; stack-wide, fs.file-max (ENFILE).
 */
TN_API int tn_task_set_nofile(struct tn_task *task, unsigned int nofile);
/*
 * The user and group @task acts as (Linux's task credentials): a new task
 * has its process's; the daemon gives each client's task the peer
 * credentials of its connection.  Read by net.ipv4.ping_group_range; the
 * user is also the owner that the namespaces and devices the task makes
 * are counted against (user.max_net_namespaces, user.max_net_devices:
 * ENOSPC).
 */
TN_API int tn_task_set_cred(struct tn_task *task, uid_t uid, gid_t gid);

/* ---- Network namespaces (the calling thread has a current one) ---- */

/* As `ip netns add NAME`: -1/EEXIST if the name is taken. */
TN_API int tn_netns_add(const char *name);
/* As `ip netns del NAME`: -1/ENOENT if there is none. */
TN_API int tn_netns_del(const char *name);
/* Moves the calling thread into NAME; NULL or "" is the initial namespace. */
TN_API int tn_netns_set(const char *name);
/*
 * Lists the named namespaces, newest first, as "NAME\n" lines (the order
 * `ip netns list` prints).  Returns the length written, or -1/ERANGE.
 */
TN_API ssize_t tn_netns_list(char *buf, size_t len);

/* ---- Sockets ---- */

TN_API int tn_socket(int domain, int type, int protocol);
TN_API int tn_socketpair(int domain, int type, int protocol, int sv[2]);
TN_API int tn_bind(int fd, const struct sockaddr *addr, socklen_t len);
TN_API int tn_connect(int fd, const struct sockaddr *addr, socklen_t len);
TN_API int tn_listen(int fd, int backlog);
TN_API int tn_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
TN_API int tn_accept(int fd, struct sockaddr *addr, socklen_t *len);
TN_API ssize_t tn_send(int fd, const void *buf, size_t len, int flags);
TN_API ssize_t tn_recv(int fd, void *buf, size_t len, int flags);
TN_API ssize_t tn_sendto(int fd, const void *buf, size_t len, int flags,
			 const struct sockaddr *addr, socklen_t alen);
TN_API ssize_t tn_recvfrom(int fd, void *buf, size_t len, int flags,
			   struct sockaddr *addr, socklen_t *alen);
TN_API ssize_t tn_sendmsg(int fd, const struct msghdr *msg, int flags);
TN_API ssize_t tn_recvmsg(int fd, struct msghdr *msg, int flags);
TN_API int tn_getsockname(int fd, struct sockaddr *addr, socklen_t *len);
TN_API int tn_getpeername(int fd, struct sockaddr *addr, socklen_t *len);
TN_API int tn_setsockopt(int fd, int level, int name, const void *val,
			 socklen_t len);
TN_API int tn_getsockopt(int fd, int level, int name, void *val,
			 socklen_t *len);
TN_API int tn_shutdown(int fd, int how);
/* F_GETFL, F_SETFL (O_NONBLOCK), F_GETFD, F_SETFD, F_DUPFD(_CLOEXEC); @arg
 * as in fcntl(2). */
TN_API int tn_fcntl(int fd, int cmd, long arg);
/* SIOCGIFCONF, SIOCGIFINDEX, SIOCGIFNAME, SIOCGIFFLAGS, FIONREAD, ... */
TN_API int tn_ioctl(int fd, unsigned long req, void *arg);
TN_API int tn_close(int fd);

/* ---- Waiting on many ---- */

TN_API int tn_poll(struct pollfd *fds, nfds_t nfds, int timeout);
TN_API int tn_select(int nfds, fd_set *rfds, fd_set *wfds, fd_set *efds,
		     struct timeval *timeout);
TN_API int tn_epoll_create1(int flags);
TN_API int tn_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
TN_API int tn_epoll_wait(int epfd, struct epoll_event *events, int maxevents,
			 int timeout);

/* ---- Files: /proc/net/... and /proc/sys/net/... of the current netns ---- */

TN_API int tn_open(const char *path, int flags, ...);
TN_API ssize_t tn_read(int fd, void *buf, size_t len);
TN_API ssize_t tn_write(int fd, const void *buf, size_t len);
/* Directory entries as struct linux_dirent64 records, as getdents64(2). */
TN_API ssize_t tn_getdents64(int fd, void *dirp, size_t count);

/* ---- Host name: one UTS namespace per stack, shared by its netns ---- */

TN_API int tn_gethostname(char *name, size_t len);
TN_API int tn_sethostname(const char *name, size_t len);

/* ---- Time: the stack's clock, virtual under a virtual clock ---- */

TN_API int tn_clock_gettime(clockid_t clk, struct timespec *ts);
TN_API int tn_nanosleep(const struct timespec *req, struct timespec *rem);

#ifdef __cplusplus
}
#endif

#endif /* TUXNET_TUXNET_H */
