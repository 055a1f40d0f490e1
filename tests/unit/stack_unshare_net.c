// SPDX-License-Identifier: BSD-2-Clause
/*
 * tn_stack_config.unshare_net (tuxnetd --unshare-net, tuxnet lab): tasks
 * made by tn_task_create() start in one fresh namespace made from
 * init_net, as the processes of `unshare -n` do; the initial task stays
 * in init_net (the "host").  The two differ as Linux's do: the init-only
 * net.core.netdev_max_backlog is not there, tcp_ehash_entries is the
 * host's size negated.  Without the option tasks start in init_net.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"

/* the value of /proc/sys/PATH as read by the calling thread, or "" */
static void rd(const char *path, char *buf, size_t len)
{
	int fd = tn_open(path, O_RDONLY);
	ssize_t n = -1;

	if (fd >= 0) {
		n = tn_read(fd, buf, len - 1);
		tn_close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
}

static void test_unshare_net(void)
{
	struct tn_stack *st = tn_stack_create(&(struct tn_stack_config){
		.clock = TN_CLOCK_VIRTUAL, .unshare_net = 1 });
	struct tn_stack_stats s;
	struct tn_task *t1, *t2, *child;
	char a[64], b[64], list[64];

	KT_ASSERT(st);
	tn_stack_attach(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_netns, 1);

	/* the initial task: init_net */
	rd("/proc/sys/net/core/netdev_max_backlog", a, sizeof(a));
	KT_STREQ(a, "1000\n");
	rd("/proc/sys/net/ipv4/tcp_ehash_entries", a, sizeof(a));
	KT_ASSERT(a[0] != '-' && a[0] != '\0');

	t1 = tn_task_create(st);
	t2 = tn_task_create(st);
	KT_ASSERT(t1 && t2);
	tn_task_attach(t1);
	KT_EQ(tn_open("/proc/sys/net/core/netdev_max_backlog", O_RDONLY), -1);
	KT_EQ(errno, ENOENT);
	rd("/proc/sys/net/ipv4/tcp_ehash_entries", b, sizeof(b));
	KT_EQ(b[0], '-');
	KT_STREQ(b + 1, a);
	KT_EQ(tn_netns_list(list, sizeof(list)), 0);
	/* one namespace for all of them: a sysctl set by one, seen by two */
	rd("/proc/sys/net/ipv4/ip_default_ttl", b, sizeof(b));
	KT_STREQ(b, "64\n");
	{
		int fd = tn_open("/proc/sys/net/ipv4/ip_default_ttl", O_WRONLY);

		KT_ASSERT(fd >= 0);
		KT_EQ(tn_write(fd, "33", 2), 2);
		tn_close(fd);
	}
	tn_task_attach(t2);
	rd("/proc/sys/net/ipv4/ip_default_ttl", b, sizeof(b));
	KT_STREQ(b, "33\n");
	child = tn_task_clone(t2, 0);
	KT_ASSERT(child);
	tn_task_attach(child);
	rd("/proc/sys/net/ipv4/ip_default_ttl", b, sizeof(b));
	KT_STREQ(b, "33\n");
	/* the host's is untouched */
	tn_task_attach(NULL);
	rd("/proc/sys/net/ipv4/ip_default_ttl", b, sizeof(b));
	KT_STREQ(b, "64\n");
	tn_task_destroy(child);
	tn_task_destroy(t1);
	tn_task_destroy(t2);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_netns, 1); /* it outlives its tasks, as the lab's */
	tn_stack_destroy(st);
}

static void test_default_init_net(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	struct tn_stack_stats s;
	struct tn_task *t;
	char a[64];

	KT_ASSERT(st);
	tn_stack_attach(st);
	t = tn_task_create(st);
	KT_ASSERT(t);
	tn_task_attach(t);
	rd("/proc/sys/net/core/netdev_max_backlog", a, sizeof(a));
	KT_STREQ(a, "1000\n");
	tn_task_attach(NULL);
	tn_task_destroy(t);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_netns, 0);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_unshare_net), KT(test_default_init_net))
