// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip netns: tuxnet's named network namespaces.  "exec" runs a program with
 * TUXNET_NETNS naming the namespace; tuxnet's client library (and so every
 * tool and preloaded program) starts there.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/net_namespace.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
			snprintf(out, outlen, "%s", name);
			return 0;
		}
	}
	return -1;
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

static int netns_exec(int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return -1;
	}
	if (argc < 2) {
		fprintf(stderr, "No command specified\n");
		return -1;
	}
	if (tn_netns_set(argv[0]) < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n",
			argv[0], strerror(errno));
		exit(-1);
	}
	rtnl_close(&rth);
	setenv("TUXNET_NETNS", argv[0], 1);
	fflush(stdout);
	execvp(argv[1], argv + 1);
	fprintf(stderr, "exec of \"%s\" failed: %s\n", argv[1],
		strerror(errno));
	exit(-1);
}

int do_netns(int argc, char **argv)
{
	if (argc < 1)
		return netns_list();
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
	if (matches(*argv, "delete") == 0) {
		if (argc < 2) {
			fprintf(stderr, "No netns name specified\n");
			return -1;
		}
		if (tn_netns_del(argv[1]) < 0) {
			fprintf(stderr,
				"Cannot remove namespace file \"/run/netns/%s\": %s\n",
				argv[1], strerror(errno));
			return -1;
		}
		return 0;
	}
	if (matches(*argv, "exec") == 0)
		return netns_exec(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip netns help\".\n",
		*argv);
	exit(-1);
}
