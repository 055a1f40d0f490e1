/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a script runs against: the one interface the event loop, the system
 * calls, the shell lines and the python snapshots use, and its two
 * implementations.
 *
 *   pd_backend_tuxnet  a fresh tuxnet stack in virtual time, its test
 *                      device, its tn_* calls (backend_tuxnet.c, netdev.c)
 *   pd_backend_kernel  the host's Linux kernel, as upstream packetdrill
 *                      runs it: a fresh network namespace, a real tun0,
 *                      real system calls, the real clock (kernel.c)
 *
 * Times are nanoseconds since the script started.  A backend whose clock
 * only moves when told (tuxnet) reports its timers and moves to them one at
 * a time; the real clock moves by itself, and advance() only waits.
 */
#ifndef TUXNET_PACKETDRILL_BACKEND_H
#define TUXNET_PACKETDRILL_BACKEND_H

#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "netdev.h" /* struct pd_sniffed */

struct pd_config;

/* A backend's own state for one script ("device under test"). */
struct pd_dut;

struct pd_backend {
	const char *name;

	/* ---- the network under test ---- */
	/* a fresh one with tun0 up; NULL with a message in @err */
	struct pd_dut *(*create)(const struct pd_config *cfg, char *err,
				 size_t errlen);
	void (*destroy)(struct pd_dut *d);
	/* the script's time 0 is now (after its init command) */
	void (*start_clock)(struct pd_dut *d);
	/* a thread other than the creator's is about to make calls */
	void (*attach)(struct pd_dut *d);
	uint64_t (*now)(struct pd_dut *d);
	/* the next moment worth stopping at (a timer); false: none */
	bool (*next_timer)(struct pd_dut *d, uint64_t *ns);
	/* time to @ns (earlier if @until_packet and tun0 sent one) */
	void (*advance)(struct pd_dut *d, uint64_t ns, bool until_packet);
	/* one IP packet in on tun0; GSO segments of @gso_size; 0 or -errno */
	int (*inject)(struct pd_dut *d, const uint8_t *pkt, size_t len,
		      unsigned int gso_size);
	/* the oldest packet tun0 sent (caller frees), or NULL */
	struct pd_sniffed *(*pop)(struct pd_dut *d);
	bool (*pending)(struct pd_dut *d);
	/* the call in progress on thread @tid sleeps and nothing woke it */
	bool (*blocked)(struct pd_dut *d, pid_t tid);
	/*
	 * Runs @fn(@arg), a call the script says does not block, on this
	 * thread; nonzero if it blocked (and was interrupted).  NULL: every
	 * call runs on a second thread, which the loop watches.
	 */
	int (*call_inline)(struct pd_dut *d, void (*fn)(void *), void *arg);
	/* ends a blocked call on @thread with EINTR, as a signal does */
	void (*interrupt)(struct pd_dut *d, pthread_t thread);
	/*
	 * Runs a shell line for real (0 if it exited 0); NULL: the runner
	 * interprets the lines it knows against the stack (shell.c).
	 */
	int (*system)(struct pd_dut *d, const char *cmd);

	/* ---- system calls, with libc's meaning and errno ---- */
	int (*socket)(int domain, int type, int protocol);
	int (*bind)(int fd, const struct sockaddr *a, socklen_t l);
	int (*listen)(int fd, int backlog);
	int (*accept)(int fd, struct sockaddr *a, socklen_t *l);
	int (*connect)(int fd, const struct sockaddr *a, socklen_t l);
	ssize_t (*read)(int fd, void *buf, size_t n);
	ssize_t (*write)(int fd, const void *buf, size_t n);
	ssize_t (*send)(int fd, const void *buf, size_t n, int flags);
	ssize_t (*recv)(int fd, void *buf, size_t n, int flags);
	ssize_t (*sendto)(int fd, const void *buf, size_t n, int flags,
			  const struct sockaddr *a, socklen_t l);
	ssize_t (*recvfrom)(int fd, void *buf, size_t n, int flags,
			    struct sockaddr *a, socklen_t *l);
	ssize_t (*sendmsg)(int fd, const struct msghdr *m, int flags);
	ssize_t (*recvmsg)(int fd, struct msghdr *m, int flags);
	int (*close)(int fd);
	int (*shutdown)(int fd, int how);
	int (*fcntl)(int fd, int cmd, long arg);
	int (*ioctl)(int fd, unsigned long req, void *arg);
	int (*getsockopt)(int fd, int level, int name, void *val,
			  socklen_t *len);
	int (*setsockopt)(int fd, int level, int name, const void *val,
			  socklen_t len);
	int (*poll)(struct pollfd *fds, nfds_t n, int timeout);
	int (*epoll_create1)(int flags);
	int (*epoll_ctl)(int epfd, int op, int fd, struct epoll_event *ev);
	int (*epoll_wait)(int epfd, struct epoll_event *ev, int max,
			  int timeout);
	/* files: /proc/sys and /proc/net as the stack under test shows them */
	int (*open)(const char *path, int flags);
};

extern const struct pd_backend pd_backend_tuxnet;
extern const struct pd_backend pd_backend_kernel;

#endif /* TUXNET_PACKETDRILL_BACKEND_H */
