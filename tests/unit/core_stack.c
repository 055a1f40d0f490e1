// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack object: virtual clock and timers, namespaces, the fd table,
 * /proc/sys through the file calls, and leak counters.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <netinet/in.h>

#include <tuxnet/tuxnet.h>

#include <net/net_namespace.h>
#include <net/stack.h>
#include <net/timer.h>

#include "ktest.h"

static struct tn_stack *vstack(void)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL };
	struct tn_stack *st = tn_stack_create(&cfg);

	KT_ASSERT(st);
	tn_stack_attach(st);
	return st;
}

static void assert_clean_and_destroy(struct tn_stack *st)
{
	struct tn_stack_stats s;

	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_skbs, 0);
	KT_EQ(s.live_socks, 0);
	KT_EQ(s.live_files, 0);
	tn_stack_destroy(st);
}

struct tick {
	struct timer_list t;
	int fired;
	u64 when[4];
};

static void tick_fn(struct timer_list *t)
{
	struct tick *k = from_timer(k, t, t);

	if (k->fired < 4)
		k->when[k->fired] = net_now();
	k->fired++;
}

static void test_timers_fire_in_order_on_virtual_time(void)
{
	struct tn_stack *st = vstack();
	struct tick a = { 0 }, b = { 0 }, c = { 0 };
	u64 t0;

	stack_enter(st);
	t0 = net_now();
	timer_setup(&a.t, tick_fn, st);
	timer_setup(&b.t, tick_fn, st);
	timer_setup(&c.t, tick_fn, st);
	mod_timer(&a.t, t0 + 3 * NSEC_PER_SEC);
	mod_timer(&b.t, t0 + 1 * NSEC_PER_SEC);
	mod_timer(&c.t, t0 + 2 * NSEC_PER_SEC);
	KT_EQ(del_timer(&c.t), 1);
	KT_EQ(del_timer(&c.t), 0);
	stack_exit(st);

	tn_clock_advance(st, NSEC_PER_SEC - 1);
	KT_EQ(b.fired, 0);
	tn_clock_advance(st, 1);
	KT_EQ(b.fired, 1);
	KT_EQ(b.when[0], t0 + NSEC_PER_SEC);
	tn_clock_advance(st, 60 * NSEC_PER_SEC);
	KT_EQ(a.fired, 1);
	KT_EQ(a.when[0], t0 + 3 * NSEC_PER_SEC); /* ran at its own time */
	KT_EQ(c.fired, 0);
	assert_clean_and_destroy(st);
}

static void test_netns_add_del_list(void)
{
	struct tn_stack *st = vstack();
	char buf[64];
	ssize_t n;

	KT_EQ(tn_netns_add("a"), 0);
	KT_EQ(tn_netns_add("b"), 0);
	KT_EQ(tn_netns_add("a"), -1);
	KT_EQ(errno, EEXIST);
	KT_EQ(tn_netns_add("x/y"), -1);
	KT_EQ(errno, EINVAL);
	n = tn_netns_list(buf, sizeof(buf));
	KT_EQ(n, 4);
	buf[n] = '\0';
	KT_STREQ(buf, "b\na\n");
	KT_EQ(tn_netns_set("a"), 0);
	KT_EQ(tn_netns_set("nope"), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_netns_del("a"), 0); /* the task still holds it */
	KT_EQ(tn_netns_del("a"), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_netns_set(NULL), 0);
	{
		struct tn_stack_stats s;

		tn_stack_get_stats(st, &s);
		KT_EQ(s.live_netns, 1); /* a died with the last reference */
	}
	KT_EQ(tn_netns_del("b"), 0);
	assert_clean_and_destroy(st);
}

/* As on Linux, the host name belongs to the UTS namespace, not the netns. */
static void test_hostname_is_not_per_netns(void)
{
	struct tn_stack *st = vstack();
	char name[65];

	KT_EQ(tn_gethostname(name, sizeof(name)), 0);
	KT_STREQ(name, "tuxnet");
	KT_EQ(tn_netns_add("h"), 0);
	KT_EQ(tn_netns_set("h"), 0);
	KT_EQ(tn_sethostname("inner", 5), 0);
	KT_EQ(tn_gethostname(name, sizeof(name)), 0);
	KT_STREQ(name, "inner");
	KT_EQ(tn_gethostname(name, 3), -1);
	KT_EQ(errno, ENAMETOOLONG);
	KT_EQ(tn_sethostname("x", 65), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_netns_set(""), 0);
	KT_EQ(tn_gethostname(name, sizeof(name)), 0);
	KT_STREQ(name, "inner");
	KT_EQ(tn_netns_del("h"), 0);
	assert_clean_and_destroy(st);
}

static void test_sysctl_read_write_through_files(void)
{
	struct tn_stack *st = vstack();
	char buf[64];
	ssize_t n;
	int fd;

	fd = tn_open("/proc/sys/net/core/somaxconn", O_RDONLY);
	KT_ASSERT(fd >= 3);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	KT_EQ(n, 5);
	buf[n] = '\0';
	KT_STREQ(buf, "4096\n");
	KT_EQ(tn_read(fd, buf, sizeof(buf)), 0);
	KT_EQ(tn_close(fd), 0);
	KT_EQ(tn_close(fd), -1);
	KT_EQ(errno, EBADF);

	fd = tn_open("/proc/sys/net/core/somaxconn", O_WRONLY);
	KT_ASSERT(fd >= 3);
	KT_EQ(tn_write(fd, "128\n", 4), 4);
	tn_close(fd);
	fd = tn_open("/proc/sys/net/core/somaxconn", O_WRONLY);
	KT_EQ(tn_write(fd, "x", 1), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_write(fd, "-1", 2), -1); /* below its minimum */
	KT_EQ(errno, EINVAL);
	tn_close(fd);
	fd = tn_open("/proc/sys/net/core/somaxconn", O_RDONLY);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	KT_STREQ(buf, "128\n");
	tn_close(fd);

	/* A new namespace has its own copy. */
	KT_EQ(tn_netns_add("n"), 0);
	KT_EQ(tn_netns_set("n"), 0);
	fd = tn_open("/proc/sys/net/core/somaxconn", O_RDONLY);
	n = tn_read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	KT_STREQ(buf, "4096\n");
	tn_close(fd);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("n"), 0);

	KT_EQ(tn_open("/proc/sys/net/core/nope", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_open("/proc/sys/net/core", O_WRONLY), -1);
	KT_EQ(errno, EISDIR);
	assert_clean_and_destroy(st);
}

/*
 * A /proc/sys file whose namespace goes away while it is open: read and
 * write are ENOENT (as Linux), and the table is freed at the last close.
 */
static void test_sysctl_file_outlives_its_netns(void)
{
	struct tn_stack *st = vstack();
	char buf[16];
	int w, r;

	KT_EQ(tn_netns_add("gone"), 0);
	KT_EQ(tn_netns_set("gone"), 0);
	w = tn_open("/proc/sys/net/ipv4/ip_forward", O_RDWR);
	r = tn_open("/proc/sys/net/ipv4/conf/lo/forwarding", O_RDONLY);
	KT_ASSERT(w >= 3 && r >= 3);
	KT_EQ(tn_write(w, "1", 1), 1);
	KT_EQ(tn_netns_set(NULL), 0);
	KT_EQ(tn_netns_del("gone"), 0);
	KT_EQ(tn_write(w, "0", 1), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_read(w, buf, sizeof(buf)), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_read(r, buf, sizeof(buf)), -1);
	KT_EQ(errno, ENOENT);
	KT_EQ(tn_close(w), 0);
	KT_EQ(tn_close(r), 0);
	assert_clean_and_destroy(st);
}

static void test_getdents_lists_sysctl_dirs(void)
{
	struct tn_stack *st = vstack();
	char buf[4096];
	ssize_t n, off;
	int fd, found = 0;

	fd = tn_open("/proc/sys/net", O_RDONLY | O_DIRECTORY);
	KT_ASSERT(fd >= 3);
	n = tn_getdents64(fd, buf, sizeof(buf));
	KT_ASSERT(n > 0);
	for (off = 0; off < n;) {
		unsigned short reclen;

		memcpy(&reclen, buf + off + 16, 2);
		if (!strcmp(buf + off + 19, "core"))
			found = 1;
		off += reclen;
	}
	KT_EQ(found, 1);
	KT_EQ(tn_getdents64(fd, buf, sizeof(buf)), 0);
	tn_close(fd);

	/* Each name keeps its own type once the listing is sorted. */
	fd = tn_open("/proc/sys/net/ipv4", O_RDONLY | O_DIRECTORY);
	KT_ASSERT(fd >= 3);
	n = tn_getdents64(fd, buf, sizeof(buf));
	KT_ASSERT(n > 0);
	found = 0;
	for (off = 0; off < n;) {
		unsigned short reclen;
		unsigned char type = (unsigned char)buf[off + 18];
		const char *name = buf + off + 19;

		memcpy(&reclen, buf + off + 16, 2);
		if (!strcmp(name, "conf") || !strcmp(name, "neigh") ||
		    !strcmp(name, "route")) {
			KT_EQ(type, DT_DIR);
			found++;
		} else {
			KT_EQ(type, DT_REG);
		}
		off += reclen;
	}
	KT_EQ(found, 3);
	tn_close(fd);
	assert_clean_and_destroy(st);
}

struct sleeper {
	struct tn_task *task;
	int ret;
	struct timespec after;
};

static void *sleeper_fn(void *arg)
{
	struct sleeper *s = arg;
	struct timespec ts = { .tv_sec = 5 };

	tn_task_attach(s->task);
	s->ret = tn_nanosleep(&ts, NULL);
	tn_clock_gettime(CLOCK_MONOTONIC, &s->after);
	return NULL;
}

/* Wait (really) until @task's thread is asleep in the stack. */
static void wait_asleep(struct tn_stack *st, struct tn_task *task)
{
	bool asleep = false;

	while (!asleep) {
		stack_enter(st);
		asleep = task->sleeper != NULL;
		stack_exit(st);
		sched_yield();
	}
}

static void test_nanosleep_wakes_on_virtual_time(void)
{
	struct tn_stack *st = vstack();
	struct sleeper s = { .task = tn_task_create(st) };
	struct timespec before;
	pthread_t th;
	int i;

	KT_ASSERT(s.task);
	tn_clock_gettime(CLOCK_MONOTONIC, &before);
	pthread_create(&th, NULL, sleeper_fn, &s);
	wait_asleep(st, s.task);
	for (i = 0; i < 4; i++)
		tn_clock_advance(st, NSEC_PER_SEC);
	stack_enter(st);
	KT_ASSERT(s.task->sleeper != NULL); /* 4 s: still asleep */
	stack_exit(st);
	tn_clock_advance(st, NSEC_PER_SEC);
	pthread_join(th, NULL);
	KT_EQ(s.ret, 0);
	KT_EQ(s.after.tv_sec - before.tv_sec, 5);
	tn_task_destroy(s.task);
	assert_clean_and_destroy(st);
}

struct interrupted {
	struct tn_task *task;
	int ret, err;
};

static void *interrupted_fn(void *arg)
{
	struct interrupted *s = arg;
	struct timespec ts = { .tv_sec = 3600 };

	tn_task_attach(s->task);
	s->ret = tn_nanosleep(&ts, NULL);
	s->err = errno;
	return NULL;
}

static void test_task_interrupt_ends_a_blocked_call(void)
{
	struct tn_stack *st = vstack();
	struct interrupted s = { .task = tn_task_create(st) };
	pthread_t th;

	KT_ASSERT(s.task);
	pthread_create(&th, NULL, interrupted_fn, &s);
	wait_asleep(st, s.task);
	tn_task_interrupt(s.task);
	pthread_join(th, NULL);
	KT_EQ(s.ret, -1);
	KT_EQ(s.err, EINTR);
	tn_task_destroy(s.task);
	assert_clean_and_destroy(st);
}

struct receiver {
	struct tn_task *task;
	int fd;
	ssize_t ret;
	int err, made;
};

static void *receiver_fn(void *arg)
{
	struct receiver *r = arg;
	char c;

	tn_task_attach(r->task);
	r->ret = tn_recv(r->fd, &c, 1, 0); /* idle: until interrupted */
	r->err = errno;
	r->made = tn_socket(AF_INET, SOCK_DGRAM, 0);
	return NULL;
}

/*
 * Two threads of one process (TN_CLONE_FILES): while one sleeps in recv on
 * an fd of the other's, the other's calls go through, and an fd either
 * makes is the other's.  A forked child (no flag) gets the same files under
 * the same fds, but its own table afterwards.
 */
static void test_task_clone_shares_or_copies_files(void)
{
	struct tn_stack *st = vstack();
	struct tn_task *proc = tn_task_create(st), *child;
	struct receiver r = { .fd = -1 };
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	struct pollfd p;
	pthread_t th;
	int fd;

	KT_ASSERT(proc);
	tn_task_attach(proc);
	r.fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(r.fd >= 0);
	r.task = tn_task_clone(proc, TN_CLONE_FILES);
	KT_ASSERT(r.task);
	pthread_create(&th, NULL, receiver_fn, &r);
	wait_asleep(st, r.task);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(fd >= 0);
	KT_EQ(tn_getsockname(r.fd, (struct sockaddr *)&sin, &len), 0);
	p = (struct pollfd){ .fd = r.fd, .events = POLLIN };
	KT_EQ(tn_poll(&p, 1, 0), 0);
	KT_EQ(tn_close(fd), 0);
	stack_enter(st);
	KT_ASSERT(r.task->sleeper != NULL); /* still blocked */
	stack_exit(st);
	tn_task_interrupt(r.task);
	pthread_join(th, NULL);
	KT_EQ(r.ret, -1);
	KT_EQ(r.err, EINTR);
	KT_ASSERT(r.made >= 0);
	tn_task_destroy(r.task); /* the table stays: proc uses it */
	KT_EQ(tn_close(r.made), 0); /* the thread's fd is the process's */

	child = tn_task_clone(proc, 0);
	KT_ASSERT(child);
	tn_task_attach(child);
	KT_EQ(tn_getsockname(r.fd, (struct sockaddr *)&sin, &len), 0);
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	KT_ASSERT(fd >= 0 && fd != r.fd);
	KT_EQ(tn_close(r.fd), 0);
	tn_task_attach(proc);
	KT_EQ(tn_getsockname(r.fd, (struct sockaddr *)&sin, &len), 0);
	KT_EQ(tn_close(fd), -1); /* the child's own */
	KT_EQ(errno, EBADF);
	KT_ASSERT(!tn_task_clone(proc, 1));
	KT_EQ(errno, EINVAL);
	tn_task_attach(NULL);
	tn_task_destroy(child);
	tn_task_destroy(proc); /* the last user of each table closes it */
	assert_clean_and_destroy(st);
}

static void test_poll_timeout_and_bad_fd(void)
{
	struct tn_stack *st = vstack();
	struct pollfd p[2] = { { .fd = 77, .events = POLLIN },
			       { .fd = -1, .events = POLLIN } };

	KT_EQ(tn_poll(p, 2, 0), 1);
	KT_EQ(p[0].revents, POLLNVAL);
	KT_EQ(p[1].revents, 0);
	KT_EQ(tn_poll(NULL, 0, 0), 0);
	assert_clean_and_destroy(st);
}

KTEST_MAIN(KT(test_timers_fire_in_order_on_virtual_time),
	   KT(test_netns_add_del_list), KT(test_hostname_is_not_per_netns),
	   KT(test_sysctl_read_write_through_files),
	   KT(test_sysctl_file_outlives_its_netns),
	   KT(test_getdents_lists_sysctl_dirs),
	   KT(test_nanosleep_wakes_on_virtual_time),
	   KT(test_task_interrupt_ends_a_blocked_call),
	   KT(test_task_clone_shares_or_copies_files),
	   KT(test_poll_timeout_and_bad_fd))
