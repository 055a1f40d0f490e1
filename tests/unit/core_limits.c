// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack's limits, as Linux's: a task's RLIMIT_NOFILE (EMFILE, fds 3 up
 * to the limit), fs.file-max across tasks (ENFILE; fs.file-nr in Linux's
 * "allocated 0 max" format), user.max_net_namespaces and
 * user.max_net_devices per owner (ENOSPC, as unshare(CLONE_NEWNET) beyond
 * the ucounts limit), each owner counted apart.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"
#include "kfile.h"

static struct tn_stack *make_stack(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });

	KT_ASSERT(st);
	tn_stack_attach(st);
	return st;
}

static int fill(void)
{
	int n = 0;

	while (tn_socket(AF_INET, SOCK_DGRAM, 0) >= 0)
		n++;
	return n;
}

static void test_nofile(void)
{
	struct tn_stack *st = make_stack();
	struct tn_task *t = tn_task_create(st);

	KT_ASSERT(t);
	KT_EQ(tn_task_set_nofile(t, 65537), -1);
	KT_EQ(errno, EPERM);
	KT_EQ(tn_task_set_nofile(t, 10), 0);
	tn_task_attach(t);
	KT_EQ(fill(), 7); /* fds 3 ... 9 */
	KT_EQ(errno, EMFILE);
	KT_EQ(tn_close(9), 0);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, 0), 9);
	/* Lowered below what is open: those stay, nothing new. */
	KT_EQ(tn_task_set_nofile(t, 5), 0);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, 0), -1);
	KT_EQ(errno, EMFILE);
	KT_EQ(tn_close(8), 0);
	tn_task_attach(NULL);
	tn_task_destroy(t);
	tn_stack_destroy(st);
}

static void test_file_max(void)
{
	struct tn_stack *st = make_stack();
	struct tn_task *t1 = tn_task_create(st), *t2 = tn_task_create(st);
	char buf[64];

	kt_get_file("/proc/sys/fs/file-max", buf, sizeof(buf));
	KT_STREQ(buf, "1048576\n");
	kt_put_file("/proc/sys/fs/file-max", "6\n");
	kt_get_file("/proc/sys/fs/file-nr", buf, sizeof(buf));
	KT_STREQ(buf, "1\t0\t6\n");
	KT_EQ(tn_open("/proc/sys/fs/file-nr", O_WRONLY), -1);
	KT_EQ(errno, EACCES);
	KT_EQ(tn_open("/proc/sys/fs/file-max", O_WRONLY), 3);
	KT_EQ(tn_write(3, "-1", 2), -1);
	KT_EQ(errno, EINVAL);
	KT_EQ(tn_close(3), 0);
	/* Across tasks: the stack's count, not the task's. */
	tn_task_attach(t1);
	KT_EQ(fill(), 6);
	KT_EQ(errno, ENFILE);
	tn_task_attach(t2);
	KT_EQ(tn_socket(AF_INET, SOCK_DGRAM, 0), -1);
	KT_EQ(errno, ENFILE);
	tn_task_destroy(t1); /* closes its six */
	KT_EQ(fill(), 6);
	tn_task_attach(NULL);
	tn_task_destroy(t2);
	tn_stack_destroy(st);
}

static void test_netns_per_owner(void)
{
	struct tn_stack *st = make_stack();
	struct tn_task *t1 = tn_task_create(st), *t2 = tn_task_create(st);
	char buf[64];

	kt_get_file("/proc/sys/user/max_net_namespaces", buf, sizeof(buf));
	KT_STREQ(buf, "1024\n");
	kt_put_file("/proc/sys/user/max_net_namespaces", "2");
	tn_task_set_cred(t1, 1000, 1000);
	tn_task_set_cred(t2, 1001, 1001);
	tn_task_attach(t1);
	KT_EQ(tn_netns_add("a"), 0);
	KT_EQ(tn_netns_add("b"), 0);
	KT_EQ(tn_netns_add("c"), -1);
	KT_EQ(errno, ENOSPC);
	tn_task_attach(t2); /* another owner has its own count */
	KT_EQ(tn_netns_add("c"), 0);
	KT_EQ(tn_netns_del("a"), 0); /* frees one of 1000's */
	tn_task_attach(t1);
	KT_EQ(tn_netns_add("d"), 0);
	KT_EQ(tn_netns_add("e"), -1);
	KT_EQ(errno, ENOSPC);
	tn_task_attach(NULL);
	tn_task_destroy(t1);
	tn_task_destroy(t2);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_nofile), KT(test_file_max), KT(test_netns_per_owner))
