// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip netns: tuxnet's named network namespaces.  "exec" runs a program with
 * TUXNET_NETNS naming the namespace; tuxnet's client library (and so every
 * tool and preloaded program) starts there.  Messages and exit codes are
 * iproute2's (ip/ipnetns.c, lib/exec.c).
 */
#include <ctype.h>
#include <dirent.h>
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
				(int)NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*g))));
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
	new_json_obj(json);
	for (name = strtok_r(buf, "\n", &save); name;
	     name = strtok_r(NULL, "\n", &save)) {
		int id = netns_nsid_of_name(name);

		open_json_object(NULL);
		print_string(PRINT_ANY, "name", "%s", name);
		if (id >= 0)
			print_int(PRINT_ANY, "id", " (id: %d)", id);
		print_nl();
		close_json_object();
	}
	delete_json_obj();
	return 0;
}

/*
 * The ids of the named namespaces, taken before a dump: asking for them
 * during one would interleave requests with the dump on the socket.
 */
static struct nsid_name {
	char name[NAME_MAX + 1];
	int id;
} * nsid_cache;
static size_t nsid_cache_len;

static void nsid_cache_free(void)
{
	free(nsid_cache);
	nsid_cache = NULL;
	nsid_cache_len = 0;
}

static void nsid_cache_fill(void)
{
	static char buf[65536];
	char *name, *save = NULL;

	nsid_cache_free();
	if (netns_names(buf, sizeof(buf)) < 0)
		return;
	for (name = strtok_r(buf, "\n", &save); name;
	     name = strtok_r(NULL, "\n", &save)) {
		struct nsid_name *n;
		int id = netns_nsid_of_name(name);

		if (id < 0)
			continue;
		n = realloc(nsid_cache, (nsid_cache_len + 1) * sizeof(*n));
		if (!n)
			return;
		nsid_cache = n;
		(void)snprintf(n[nsid_cache_len].name, sizeof(n->name), "%s",
			       name);
		n[nsid_cache_len++].id = id;
	}
}

static int nsid_cache_name(int nsid, char *out, size_t len)
{
	size_t i;

	for (i = 0; i < nsid_cache_len; i++) {
		if (nsid_cache[i].id == nsid) {
			(void)snprintf(out, len, "%s", nsid_cache[i].name);
			return 0;
		}
	}
	return -1;
}

/* One RTM_NEWNSID: "nsid 5 [current-nsid 7 ](iproute2 netns name: a)". */
static int print_nsid(struct nlmsghdr *n, void *arg)
{
	struct rtgenmsg *g = NLMSG_DATA(n);
	struct rtattr *tb[NETNSA_MAX + 1];
	char name[NAME_MAX + 1];
	int len =
		(int)n->nlmsg_len - (int)NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*g)));
	int nsid;

	(void)arg;
	if (n->nlmsg_type != RTM_NEWNSID || len < 0)
		return 0;
	parse_rtattr(tb, NETNSA_MAX,
		     (struct rtattr *)((char *)g + NLMSG_ALIGN(sizeof(*g))),
		     len);
	if (!tb[NETNSA_NSID])
		return 0;
	open_json_object(NULL);
	nsid = rta_getattr_s32(tb[NETNSA_NSID]);
	if (nsid < 0)
		print_string(PRINT_FP, NULL, "%s", "nsid unassigned ");
	else
		print_int(PRINT_ANY, "nsid", "nsid %d ", nsid);
	if (tb[NETNSA_CURRENT_NSID]) {
		int cur = rta_getattr_s32(tb[NETNSA_CURRENT_NSID]);

		if (cur < 0)
			print_string(PRINT_FP, NULL, "%s",
				     "current-nsid unassigned ");
		else
			print_int(PRINT_ANY, "current-nsid", "current-nsid %d ",
				  cur);
	}
	/* the name is ours for the peer: by current-nsid with a target */
	if (tb[NETNSA_CURRENT_NSID])
		nsid = rta_getattr_s32(tb[NETNSA_CURRENT_NSID]);
	if (nsid >= 0 && !nsid_cache_name(nsid, name, sizeof(name)))
		print_string(PRINT_ANY, "name", "(iproute2 netns name: %s)",
			     name);
	print_nl();
	close_json_object();
	return 0;
}

/* A "POSITIVE-INT" of list-id, with iproute2's messages (its "(null)"
 * too: it names the word after the value, which is not there). */
static int nsid_arg(int *val, int argc, char **argv, const char *what)
{
	char msg[64];

	if (*val >= 0) {
		(void)snprintf(msg, sizeof(msg), "%s", what);
		duparg(msg, argv[0]);
	}
	if (argc < 2)
		incomplete_command();
	if (get_integer(val, argv[1], 0)) {
		(void)snprintf(msg, sizeof(msg), "\"%s\" value is invalid",
			       what);
		invarg(msg, argv[1]);
	}
	if (*val < 0) {
		(void)snprintf(msg, sizeof(msg), "\"%s\" value should be >= 0",
			       what);
		invarg(msg, argc > 2 ? argv[2] : "(null)");
	}
	return 0;
}

/*
 * ip netns list-id [target-nsid ID] [nsid ID]: the ids this namespace (or
 * the one it knows as the target) gave others; one id is asked for with
 * RTM_GETNSID, the list is a dump.
 */
static int netns_list_id(int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct rtgenmsg g;
		char buf[64];
	} req = {
		.n.nlmsg_len =
			NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct rtgenmsg))),
		.n.nlmsg_type = RTM_GETNSID,
		.g.rtgen_family = AF_UNSPEC,
	};
	int target = -1, nsid = -1, ret;

	while (argc > 0) {
		if (strcmp(*argv, "target-nsid") == 0) {
			nsid_arg(&target, argc, argv, "target-nsid");
		} else if (strcmp(*argv, "nsid") == 0) {
			nsid_arg(&nsid, argc, argv, "nsid");
		} else {
			usage();
		}
		argc -= 2;
		argv += 2;
	}
	nsid_cache_fill();
	if (target >= 0)
		addattr32(&req.n, sizeof(req), NETNSA_TARGET_NSID,
			  (uint32_t)target);
	if (nsid >= 0) {
		struct nlmsghdr *ans = NULL;

		req.n.nlmsg_flags = NLM_F_REQUEST;
		addattr32(&req.n, sizeof(req), NETNSA_NSID, (uint32_t)nsid);
		if (rtnl_talk(&rth, &req.n, &ans) < 0) {
			nsid_cache_free();
			return -2;
		}
		new_json_obj(json);
		print_nsid(ans, NULL);
		delete_json_obj();
		free(ans);
		nsid_cache_free();
		return 0;
	}
	new_json_obj(json);
	ret = rtnl_dump(&rth, &req.n, print_nsid, NULL);
	/* the JSON array is closed even when the dump failed */
	delete_json_obj();
	nsid_cache_free();
	if (ret < 0) {
		fprintf(stderr, "Dump terminated\n");
		exit(1);
	}
	return 0;
}

/* ip netns set NAME NETNSID|auto: this namespace's id for NAME. */
static int netns_set(int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct rtgenmsg g;
		char buf[64];
	} req = {
		.n.nlmsg_len =
			NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct rtgenmsg))),
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_type = RTM_NEWNSID,
		.g.rtgen_family = AF_UNSPEC,
	};
	int nsid, fd, ret;

	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return -1;
	}
	if (argc < 2) {
		fprintf(stderr, "No nsid specified\n");
		return -1;
	}
	/* a negative id lets the kernel choose */
	if (strcmp(argv[1], "auto") == 0)
		nsid = -1;
	else if (get_integer(&nsid, argv[1], 0))
		invarg("Invalid \"netnsid\" value", argv[1]);
	else if (nsid < 0)
		invarg("\"netnsid\" value should be >= 0", argv[1]);
	fd = netns_get_fd(argv[0]);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n",
			argv[0], strerror(errno));
		return -1;
	}
	addattr32(&req.n, sizeof(req), NETNSA_FD, (uint32_t)fd);
	addattr32(&req.n, sizeof(req), NETNSA_NSID, (uint32_t)nsid);
	ret = rtnl_talk(&rth, &req.n, NULL) < 0 ? -2 : 0;
	tn_close(fd);
	return ret;
}

/*
 * The namespace a process is in, by its environment: tuxnet's programs
 * enter $TUXNET_NETNS (see the client library), which ip netns exec sets,
 * of the daemon $TUXNET_SOCK names - a process of another daemon (another
 * lab) is in none of ours.  1 with @buf set if the process names one of
 * ours; 0 if not; -1 with errno if there is no such process.
 */
static int pid_netns(const char *pid, char *buf, size_t len)
{
	const char *mine = getenv("TUXNET_SOCK"), *sock = NULL;
	char path[64], env[65536];
	bool named = false;
	size_t n, i;
	FILE *f;

	if (snprintf(path, sizeof(path), "/proc/%s/environ", pid) >=
	    (int)sizeof(path)) {
		errno = ESRCH;
		return -1;
	}
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(env, 1, sizeof(env) - 1, f);
	(void)fclose(f);
	env[n] = '\0';
	for (i = 0; i < n; i += strlen(env + i) + 1) {
		if (strncmp(env + i, "TUXNET_NETNS=", 13) == 0) {
			(void)snprintf(buf, len, "%s", env + i + 13);
			named = true;
		} else if (strncmp(env + i, "TUXNET_SOCK=", 12) == 0) {
			sock = env + i + 12;
		}
	}
	if (!named)
		return 0;
	if ((mine || sock) && (!mine || !sock || strcmp(mine, sock) != 0))
		return 0; /* another daemon's namespace of that name */
	return 1;
}

/*
 * ip netns pids NAME: the processes in namespace NAME, in /proc order.
 * iproute2 compares /proc/PID/ns/net with the namespace's file; tuxnet's
 * namespaces are the stack's, so a process is in NAME when it runs with
 * TUXNET_NETNS=NAME (started by ip netns exec, or a child of one).
 */
static int netns_pids(int argc, char **argv)
{
	struct dirent *entry;
	DIR *dir;
	int fd;

	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return -1;
	}
	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return -1;
	}
	fd = netns_get_fd(argv[0]);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n",
			strerror(errno));
		return -1;
	}
	tn_close(fd);
	dir = opendir("/proc/");
	if (!dir) {
		fprintf(stderr, "Open of /proc failed: %s\n", strerror(errno));
		return -1;
	}
	while ((entry = readdir(dir))) {
		char ns[NAME_MAX + 1];

		if (!is_pid(entry->d_name))
			continue;
		if (pid_netns(entry->d_name, ns, sizeof(ns)) == 1 &&
		    strcmp(ns, argv[0]) == 0)
			printf("%s\n", entry->d_name);
	}
	closedir(dir);
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
	(void)fflush(stdout);
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
			int fd, r = pid_netns(argv[0], id.name,
					      sizeof(id.name));

			if (r < 0) {
				fprintf(stderr,
					"Cannot open network namespace: %s\n",
					strerror(errno));
				return -1;
			}
			/* named only if that namespace still exists */
			fd = r ? netns_get_fd(id.name) : -1;
			if (fd < 0)
				id.name[0] = '\0';
			else
				tn_close(fd);
			printf("%s\n", id.name);
			return 0;
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
	if (matches(*argv, "list-id") == 0)
		return netns_list_id(argc - 1, argv + 1);
	if (matches(*argv, "set") == 0)
		return netns_set(argc - 1, argv + 1);
	if (matches(*argv, "pids") == 0)
		return netns_pids(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip netns help\".\n",
		*argv);
	exit(-1);
}
