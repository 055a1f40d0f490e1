// SPDX-License-Identifier: BSD-2-Clause
/*
 * net.ipv4.ip_unprivileged_port_start: binding a port below it needs
 * CAP_NET_BIND_SERVICE, which the user running the stack (and root) hold
 * and a task acting as another user does not (EACCES, after the address
 * check); port 0 and ports from it on are open to all.  The sysctl's range
 * (0..65535, not above the first ephemeral port) and ip_local_port_range
 * refusing a range below it, as Linux 6.18's.
 */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "ktest.h"

#define SA(p) ((struct sockaddr *)(void *)(p))

static int sysctl_write(const char *name, const char *val)
{
	char path[128];
	int fd, err = 0;

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(path, O_WRONLY);
	KT_ASSERT(fd >= 0);
	if (tn_write(fd, val, strlen(val)) < 0)
		err = errno;
	tn_close(fd);
	return err;
}

static void sysctl_read(const char *name, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	fd = tn_open(path, O_RDONLY);
	KT_ASSERT(fd >= 0);
	n = tn_read(fd, buf, len - 1);
	KT_ASSERT(n >= 0);
	buf[n] = '\0';
	tn_close(fd);
}

/* bind a fresh socket of @type to @addr:@port: 0 or the errno */
static int try_bind(int type, const char *addr, unsigned short port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	int fd = tn_socket(AF_INET, type, 0), err = 0;

	KT_ASSERT(fd >= 0);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	if (tn_bind(fd, SA(&sin), sizeof(sin)) < 0)
		err = errno;
	tn_close(fd);
	return err;
}

static void test_unprivileged_port_start(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	struct tn_stack_stats s;
	struct tn_task *task;
	char buf[64];

	KT_ASSERT(st);
	tn_stack_attach(st);
	sysctl_read("ip_unprivileged_port_start", buf, sizeof(buf));
	KT_STREQ(buf, "1024\n");

	/* the stack's own user may bind any port */
	KT_EQ(try_bind(SOCK_DGRAM, "0.0.0.0", 80), 0);
	KT_EQ(try_bind(SOCK_STREAM, "0.0.0.0", 1023), 0);

	/* another user may not, below 1024 */
	task = tn_task_create(st);
	KT_ASSERT(task);
	KT_EQ(tn_task_set_cred(task, getuid() + 1, getgid()), 0);
	tn_task_attach(task);
	KT_EQ(try_bind(SOCK_DGRAM, "0.0.0.0", 80), EACCES);
	KT_EQ(try_bind(SOCK_STREAM, "0.0.0.0", 1023), EACCES);
	KT_EQ(try_bind(SOCK_STREAM, "0.0.0.0", 1), EACCES);
	/* the address is checked first */
	KT_EQ(try_bind(SOCK_DGRAM, "10.1.2.3", 80), EADDRNOTAVAIL);
	KT_EQ(try_bind(SOCK_DGRAM, "0.0.0.0", 1024), 0);
	KT_EQ(try_bind(SOCK_STREAM, "0.0.0.0", 0), 0);
	KT_EQ(try_bind(SOCK_DGRAM, "0.0.0.0", 0), 0);

	/* lowered: from it on, open to all */
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "1000"), 0);
	KT_EQ(try_bind(SOCK_DGRAM, "0.0.0.0", 999), EACCES);
	KT_EQ(try_bind(SOCK_DGRAM, "0.0.0.0", 1000), 0);
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "0"), 0);
	KT_EQ(try_bind(SOCK_STREAM, "0.0.0.0", 1), 0);
	KT_EQ(try_bind(SOCK_DGRAM, "0.0.0.0", 80), 0);
	/* raised: up to the first ephemeral port */
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "32768"), 0);
	KT_EQ(try_bind(SOCK_STREAM, "0.0.0.0", 32767), EACCES);
	KT_EQ(try_bind(SOCK_STREAM, "0.0.0.0", 32768), 0);
	tn_task_attach(NULL);
	tn_task_destroy(task);

	/* the sysctl's limits */
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "32769"), EINVAL);
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "65536"), EINVAL);
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "-1"), EINVAL);
	sysctl_read("ip_unprivileged_port_start", buf, sizeof(buf));
	KT_STREQ(buf, "32768\n");
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "1024"), 0);
	KT_EQ(sysctl_write("ip_local_port_range", "100 200"), EINVAL);
	KT_EQ(sysctl_write("ip_local_port_range", "1024 2000"), 0);
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "1025"), EINVAL);
	KT_EQ(sysctl_write("ip_unprivileged_port_start", "0"), 0);
	KT_EQ(sysctl_write("ip_local_port_range", "1 200"), 0);
	sysctl_read("ip_local_port_range", buf, sizeof(buf));
	KT_STREQ(buf, "1\t200\n");

	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_socks, 0);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_unprivileged_port_start))
