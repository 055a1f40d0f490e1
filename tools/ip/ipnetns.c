// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip netns: tuxnet's named network namespaces.  "exec" runs a program with
 * TUXNET_NETNS naming the namespace; tuxnet's client library (and so every
 * tool and preloaded program) starts there.  Messages and exit codes are
 * iproute2's (ip/ipnetns.c, lib/exec.c).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/net_namespace.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <tuxnet/tuxnet.h>
#include <unistd.h>

#include "ip_common.h"

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr,
		"Usage:\tip netns list\n"
		"\tip netns add NAME\n"
		"\tip netns attach NAME PID\n"
		"\tip netns set NAME NETNSID\n"
		"\tip [-all] netns delete [NAME]\n"
		"\tip netns identify [PID]\n"
		"\tip netns pids NAME\n"
		"\tip [-all] netns exec [NAME] cmd ...\n"
		"\tip netns monitor\n"
		"\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
		"NETNSID := auto | POSITIVE-INT\n");
	exit(-1);
}

/**
 * netns_nsid_of_name - the id the current namespace gives namespace @name
 * Return: the id, or -1 if it has none (or the stack cannot tell).
 */
int netns_nsid_of_name(const char *name)
{
	struct {
		struct nlmsghdr n;
		struct rtgenmsg g;
		char buf[64];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtgenmsg)),
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_type = RTM_GETNSID,
		.g.rtgen_family = AF_UNSPEC,
	};
	struct rtattr *tb[NETNSA_MAX + 1];
	struct nlmsghdr *ans = NULL;
	int fd, id = -1;

	fd = netns_get_fd(name);
	if (fd < 0)
		return -1;
	addattr32(&req.n, sizeof(req), NETNSA_FD, (uint32_t)fd);
	if (rtnl_talk_quiet(&rth, &req.n, &ans) == 0 && ans &&
	    ans->nlmsg_type == RTM_NEWNSID) {
		struct rtgenmsg *g = NLMSG_DATA(ans);

		parse_rtattr(
			tb, NETNSA_MAX,
			(struct rtattr *)((char *)g + NLMSG_ALIGN(sizeof(*g))),
			(int)ans->nlmsg_len -
				NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*g))));
		if (tb[NETNSA_NSID])
			id = rta_getattr_s32(tb[NETNSA_NSID]);
	}
	free(ans);
	tn_close(fd);
	return id;
}

static int netns_names(char *buf, size_t len)
{
	ssize_t n = tn_netns_list(buf, len - 1);

	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

/* The name of the namespace the current one knows as @nsid; 0 or -1. */
int netns_name_of_nsid(int nsid, char *out, size_t outlen)
{
	static char buf[65536];
	char *name, *save = NULL;

	if (netns_names(buf, sizeof(buf)) < 0)
		return -1;
	for (name = strtok_r(buf, "\n", &save); name;
	     name = strtok_r(NULL, "\n", &save)) {
		if (netns_nsid_of_name(name) == nsid) {
			(void)snprintf(out, outlen, "%s", name);
			return 0;
		}
	}
	return -1;
}

static bool is_pid(const char *str)
{
	for (; *str; str++) {
		if (!isdigit((unsigned char)*str))
			return false;
	}
	return true;
}

static int netns_list(void)
{
	static char buf[65536];
	char *name, *save = NULL;

	if (netns_names(buf, sizeof(buf)) < 0) {
		perror("netns list");
		return -1;
	}
	for (name = strtok_r(buf, "\n", &save); name;
	     name = strtok_r(NULL, "\n", &save)) {
		int id = netns_nsid_of_name(name);

		printf("%s", name);
		if (id >= 0)
			printf(" (id: %d)", id);
		printf("\n");
	}
	return 0;
}

/* As iproute2's invalid_name(): a name must make one path component. */
static bool invalid_name(const char *name)
{
	return !*name || strlen(name) > NAME_MAX || strchr(name, '/') ||
	       !strcmp(name, ".") || !strcmp(name, "..");
}

/* Calls @func on each named namespace, newest first, until one fails. */
static int netns_foreach(int (*func)(char *name, void *arg), void *arg)
{
	static char buf[65536];
	char *name, *save = NULL;

	if (netns_names(buf, sizeof(buf)) < 0)
		return 0;
	for (name = strtok_r(buf, "\n", &save); name;
	     name = strtok_r(NULL, "\n", &save)) {
		if (func(name, arg))
			break;
	}
	return 0;
}

/*
 * As iproute2's cmd_exec(): runs @argv in namespace @name, in a child when
 * @do_fork (returning its exit status), else in place of this process.
 * The program finds the namespace in $TUXNET_NETNS (see the client
 * library); tn_netns_set() checks first that it exists.
 * Return: the child's exit status; -1 if the namespace cannot be entered.
 */
static int cmd_exec(char **argv, bool do_fork, const char *name)
{
	fflush(stdout);
	if (do_fork) {
		int status;
		pid_t pid;

		pid = fork();
		if (pid < 0) {
			perror("fork");
			exit(1);
		}
		if (pid != 0) {
			if (waitpid(pid, &status, 0) < 0) {
				perror("waitpid");
				exit(1);
			}
			if (WIFEXITED(status))
				return WEXITSTATUS(status);
			exit(1);
		}
	}
	/* A forked child starts with a connection of its own. */
	if (tn_netns_set(name) < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n",
			name, strerror(errno));
		if (do_fork)
			_exit(255);
		return -1;
	}
	if (!do_fork)
		rtnl_close(&rth);
	setenv("TUXNET_NETNS", name, 1);
	execvp(argv[0], argv);
	fprintf(stderr, "exec of \"%s\" failed: %s\n", argv[0],
		strerror(errno));
	_exit(1);
}

static int on_netns_exec(char *name, void *arg)
{
	char **argv = arg;

	printf("\nnetns: %s\n", name);
	cmd_exec(argv, true, name);
	return 0;
}

static int netns_exec(int argc, char **argv)
{
	if (argc < 1 && !do_all) {
		fprintf(stderr, "No netns name specified\n");
		return -1;
	}
	if ((argc < 2 && !do_all) || (argc < 1 && do_all)) {
		fprintf(stderr, "No command specified\n");
		return -1;
	}
	if (do_all)
		return netns_foreach(on_netns_exec, argv);
	/* ip exits with the program's status: do_cmd() negates it back. */
	return -cmd_exec(argv + 1, false, argv[0]);
}

/* The stack's cookie of the namespace socket @fd lives in. */
static int netns_cookie(int fd, uint64_t *cookie)
{
	socklen_t len = sizeof(*cookie);

	return tn_getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, cookie, &len);
}

struct identify_arg {
	uint64_t self;
	char name[NAME_MAX + 1];
};

static int on_netns_identify(char *name, void *arg)
{
	struct identify_arg *id = arg;
	uint64_t cookie;
	int fd;

	if (tn_netns_set(name) < 0)
		return 0;
	fd = tn_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return 0;
	if (netns_cookie(fd, &cookie) == 0 && cookie == id->self)
		(void)snprintf(id->name, sizeof(id->name), "%s", name);
	tn_close(fd);
	return 0;
}

/*
 * `ip netns identify`: the name of the namespace this process is in, or
 * an empty line.  iproute2 compares inodes under /run/netns with
 * /proc/self/ns/net; tuxnet compares namespace cookies (SO_NETNS_COOKIE)
 * of a socket here and of one made in each named namespace.  Only this
 * process can be asked about: tuxnet's namespaces know no host pids.
 */
static int netns_identify(int argc, char **argv)
{
	struct identify_arg id = { 0 };
	char self[32];

	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return -1;
	}
	if (argc == 1) {
		if (!is_pid(argv[0])) {
			fprintf(stderr, "Specified string '%s' is not a pid\n",
				argv[0]);
			return -1;
		}
		(void)snprintf(self, sizeof(self), "%d", (int)getpid());
		if (strcmp(argv[0], self) != 0) {
			fprintf(stderr, "Cannot open network namespace: %s\n",
				strerror(ENOENT));
			return -1;
		}
	}
	if (netns_cookie(rth.fd, &id.self) < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n",
			strerror(errno));
		return -1;
	}
	netns_foreach(on_netns_identify, &id);
	printf("%s\n", id.name);
	return 0;
}

static int on_netns_del(char *name, void *arg)
{
	(void)arg;
	if (tn_netns_del(name) < 0) {
		fprintf(stderr,
			"Cannot remove namespace file \"/run/netns/%s\": %s\n",
			name, strerror(errno));
		return -1;
	}
	return 0;
}

static int netns_delete(int argc, char **argv)
{
	if (argc < 1 && !do_all) {
		fprintf(stderr, "No netns name specified\n");
		return -1;
	}
	if (do_all)
		return netns_foreach(on_netns_del, NULL);
	return on_netns_del(argv[0], NULL);
}

int do_netns(int argc, char **argv)
{
	if (argc < 1)
		return netns_list();
	if (!do_all && argc > 1 && invalid_name(argv[1])) {
		fprintf(stderr, "Invalid netns name \"%s\"\n", argv[1]);
		exit(-1);
	}
	if (matches(*argv, "list") == 0 || matches(*argv, "show") == 0 ||
	    matches(*argv, "lst") == 0)
		return netns_list();
	if (matches(*argv, "help") == 0)
		usage();
	if (matches(*argv, "add") == 0) {
		if (argc < 2) {
			fprintf(stderr, "No netns name specified\n");
			return -1;
		}
		if (tn_netns_add(argv[1]) < 0) {
			fprintf(stderr,
				"Cannot create namespace file \"/run/netns/%s\": %s\n",
				argv[1], strerror(errno));
			return -1;
		}
		return 0;
	}
	if (matches(*argv, "delete") == 0)
		return netns_delete(argc - 1, argv + 1);
	if (matches(*argv, "identify") == 0)
		return netns_identify(argc - 1, argv + 1);
	if (matches(*argv, "exec") == 0)
		return netns_exec(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip netns help\".\n",
		*argv);
	exit(-1);
}
