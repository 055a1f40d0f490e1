// SPDX-License-Identifier: BSD-2-Clause
/*
 * tuxnetd: one tuxnet stack in its own process, serving the tn_* calls of
 * its clients (the tools, the preload library, any program linked with
 * libtuxnet-client) over a UNIX stream socket.
 *
 *	tuxnetd [--socket PATH] [--clock real|virtual] [--foreground]
 *		[--ready-fd N] [--hostname NAME] [--unshare-net]
 *		[--tcp-congestion-control NAME] [LIMITS]
 *
 * The socket is PATH, else $TUXNET_SOCK, else $XDG_RUNTIME_DIR/tuxnet/sock,
 * else /run/tuxnet/sock (root) or /tmp/tuxnet-UID/sock.  A missing parent
 * directory is made with mode 0700, and an existing one must be the daemon's
 * own, a real directory and not a symbolic link, with mode 0700 (what the
 * clients check too); the socket itself has mode 0600, so only its owner
 * (and root) may connect.  With --ready-fd, one byte is written to
 * fd N once the daemon accepts connections.  With --unshare-net, clients
 * start in a fresh namespace made from the initial one, as the processes
 * of `unshare -n` do (tuxnet lab); the initial one stays the host's.
 * --tcp-congestion-control names the congestion control the stack is
 * built with (Linux's CONFIG_DEFAULT_TCP_CONG; cubic without it or for a
 * name it lacks): the initial namespace's default, which new ones inherit.
 * SIGTERM, SIGINT or SIGHUP stop it, even with clients blocked forever: it
 * stops accepting, hangs up on its clients, interrupts their calls, and
 * destroys the stack.
 *
 * LIMITS, Linux's kind (defaults in brackets):
 *	--max-connections N	  clients served at once [1024]
 *	--max-connections-per-uid N  of those, from one uid [256]; beyond
 *				  either, a client's calls fail with EAGAIN
 *				  and it is told why on stderr
 *	--nofile N		  each client's RLIMIT_NOFILE [1024] (EMFILE)
 *	--file-max N		  fs.file-max: open files in the stack
 *				  [1048576] (ENFILE)
 *	--max-netns N		  user.max_net_namespaces: per uid [1024]
 *	--max-devices N		  user.max_net_devices: devices a uid makes
 *				  [4096]; both ENOSPC
 * The last three are sysctls, readable and writable under /proc/sys.
 * A client is owned by the uid of its process (SO_PEERCRED).  Idle clients
 * are never cut off: a script's connection may rightly sit idle for hours;
 * the per-uid cap is what keeps one user from taking every slot.
 */
#include "tuxnetd.h"
#include "rpc.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

struct tn_daemon_opts {
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	enum tn_clock_kind clock;
	int foreground;
	int ready_fd;
	const char *hostname;
	int unshare_net;
	const char *tcp_cong;
	struct tn_conn_limits limits;
	const char *sysctl[3]; /* file-max, max-netns, max-devices */
};

static const char *const tn_limit_sysctls[3] = {
	"/proc/sys/fs/file-max",
	"/proc/sys/user/max_net_namespaces",
	"/proc/sys/user/max_net_devices",
};

static void tn_usage(FILE *f)
{
	fprintf(f, "Usage: tuxnetd [--socket PATH] [--clock real|virtual] "
		   "[--foreground]\n"
		   "               [--ready-fd N] [--hostname NAME] "
		   "[--unshare-net]\n"
		   "               [--tcp-congestion-control NAME]\n"
		   "               [--max-connections N] "
		   "[--max-connections-per-uid N]\n"
		   "               [--nofile N] [--file-max N] [--max-netns N] "
		   "[--max-devices N]\n");
}

/* A limit: a decimal number from 0 (1 for counts of connections) to @max. */
static int tn_parse_limit(const char *arg, unsigned long max, unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || *end || end == arg || *arg == '-' || v > max ||
	    (out && !v && max != 65536)) {
		fprintf(stderr, "tuxnetd: bad limit '%s'\n", arg);
		return -1;
	}
	if (out)
		*out = (unsigned int)v;
	return 0;
}

static int tn_parse_opts(int argc, char **argv, struct tn_daemon_opts *o)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "clock", required_argument, NULL, 'c' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "ready-fd", required_argument, NULL, 'r' },
		{ "hostname", required_argument, NULL, 'n' },
		{ "unshare-net", no_argument, NULL, 'u' },
		{ "tcp-congestion-control", required_argument, NULL, 'T' },
		{ "max-connections", required_argument, NULL, 'C' },
		{ "max-connections-per-uid", required_argument, NULL, 'U' },
		{ "nofile", required_argument, NULL, 'N' },
		{ "file-max", required_argument, NULL, 'F' },
		{ "max-netns", required_argument, NULL, 'S' },
		{ "max-devices", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sock = NULL;
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->clock = TN_CLOCK_REAL;
	o->ready_fd = -1;
	o->limits.max_conns = TN_CONN_MAX_DEFAULT;
	o->limits.max_conns_per_uid = TN_CONN_MAX_PER_UID_DEFAULT;
	o->limits.nofile = TN_NOFILE_DEFAULT;
	while ((c = getopt_long(argc, argv, "s:c:fr:n:h", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 's':
			sock = optarg;
			break;
		case 'c':
			if (!strcmp(optarg, "real")) {
				o->clock = TN_CLOCK_REAL;
			} else if (!strcmp(optarg, "virtual")) {
				o->clock = TN_CLOCK_VIRTUAL;
			} else {
				fprintf(stderr,
					"tuxnetd: --clock: real or virtual\n");
				return -1;
			}
			break;
		case 'f':
			o->foreground = 1;
			break;
		case 'r':
			errno = 0;
			o->ready_fd = (int)strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || o->ready_fd < 0) {
				fprintf(stderr,
					"tuxnetd: --ready-fd: bad fd\n");
				return -1;
			}
			break;
		case 'n':
			o->hostname = optarg;
			break;
		case 'u':
			o->unshare_net = 1;
			break;
		case 'T':
			o->tcp_cong = optarg;
			break;
		case 'C':
		case 'U':
		case 'N':
			if (tn_parse_limit(
				    optarg, c == 'N' ? 65536 : 1000000,
				    c == 'C'   ? &o->limits.max_conns
				    : c == 'U' ? &o->limits.max_conns_per_uid
					       : &o->limits.nofile) < 0)
				return -1;
			break;
		case 'F':
		case 'S':
		case 'D':
			if (tn_parse_limit(optarg, INT32_MAX, NULL) < 0)
				return -1;
			o->sysctl[c == 'F' ? 0 : c == 'S' ? 1 : 2] = optarg;
			break;
		case 'h':
			tn_usage(stdout);
			exit(0);
		default:
			tn_usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		tn_usage(stderr);
		return -1;
	}
	if (sock) {
		if (strlen(sock) >= sizeof(o->path)) {
			fprintf(stderr, "tuxnetd: socket path too long\n");
			return -1;
		}
		(void)snprintf(o->path, sizeof(o->path), "%s", sock);
	} else if (tn_rpc_default_path(o->path, sizeof(o->path))) {
		fprintf(stderr, "tuxnetd: socket path too long\n");
		return -1;
	}
	return 0;
}

/*
 * Makes the socket's directory (0700) if it is missing, and checks that it
 * is a directory (not a symbolic link) that is ours and that nobody else may
 * use, so that nobody else can put a socket of their own in its place: the
 * check the clients make (tn_rpc_check_dir()), and the owner must be us.
 */
static int tn_make_dir(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char why[TN_RPC_MAX_PATH + 64];
	struct stat sb;
	char *slash;

	(void)snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		(void)snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		(void)snprintf(dir, sizeof(dir), "/");
	else
		*slash = '\0';
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "tuxnetd: mkdir %s: %s\n", dir,
			strerror(errno));
		return -1;
	}
	if (tn_rpc_check_dir(path, why, sizeof(why)) < 0) {
		fprintf(stderr, "tuxnetd: refusing %s\n", why);
		return -1;
	}
	if (lstat(dir, &sb) < 0 || sb.st_uid != geteuid()) {
		fprintf(stderr, "tuxnetd: refusing %s: not owned by uid %u\n",
			dir, (unsigned int)geteuid());
		return -1;
	}
	return 0;
}

static int tn_listen_on(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	mode_t old;
	int fd, err;

	(void)snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	/* A socket left by a daemon that died may go; a live one may not. */
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
		fprintf(stderr, "tuxnetd: %s: a daemon is already serving\n",
			path);
		close(fd);
		return -1;
	}
	if (errno == ECONNREFUSED)
		unlink(path);
	close(fd);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	old = umask(0177);
	err = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(old);
	if (err < 0 || chmod(path, 0600) < 0 || listen(fd, 64) < 0) {
		err = errno;
		close(fd);
		errno = err;
		goto fail;
	}
	return fd;
fail:
	fprintf(stderr, "tuxnetd: %s: %s\n", path, strerror(errno));
	return -1;
}

/*
 * Leaves the terminal: the parent waits on @pipefd for the child's first
 * byte (listening) and exits 0, or 1 if the child could not start.
 */
static int tn_daemonize(int *pipefd)
{
	int p[2], fd;
	ssize_t n;
	pid_t pid;
	char b;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0) {
		close(p[1]);
		do
			n = read(p[0], &b, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 ? 0 : 1);
	}
	close(p[0]);
	setsid();
	if (chdir("/") < 0)
		return -1;
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	*pipefd = p[1];
	return 0;
}

static void tn_say_ready(int fd)
{
	ssize_t n;

	if (fd < 0)
		return;
	do
		n = write(fd, "r", 1);
	while (n < 0 && errno == EINTR);
	close(fd);
}

static void tn_serve_loop(struct tn_stack *st, int lfd, int sfd)
{
	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = lfd, .events = POLLIN },
			{ .fd = sfd, .events = POLLIN },
		};
		int fd, err;

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tuxnetd: poll: %s\n", strerror(errno));
			return;
		}
		if (pfd[1].revents)
			return; /* SIGTERM, SIGINT, SIGHUP */
		if (!pfd[0].revents)
			continue;
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EINTR && errno != ECONNABORTED &&
			    errno != EAGAIN)
				fprintf(stderr, "tuxnetd: accept: %s\n",
					strerror(errno));
			continue;
		}
		err = tn_conn_start(st, fd);
		if (err < 0 && err != -EAGAIN) /* -EAGAIN: refused, told why */
			fprintf(stderr, "tuxnetd: cannot serve a client: %s\n",
				strerror(-err));
	}
}

/* The stack-wide limits are sysctls: written as a client would write them. */
static int tn_apply_sysctls(const struct tn_daemon_opts *o)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		char buf[32];
		int fd, n;

		if (!o->sysctl[i])
			continue;
		n = snprintf(buf, sizeof(buf), "%s\n", o->sysctl[i]);
		fd = tn_open(tn_limit_sysctls[i], O_WRONLY);
		if (fd < 0 || tn_write(fd, buf, (size_t)n) != n) {
			fprintf(stderr, "tuxnetd: %s: %s\n",
				tn_limit_sysctls[i], strerror(errno));
			if (fd >= 0)
				tn_close(fd);
			return -1;
		}
		tn_close(fd);
	}
	return 0;
}

/*
 * Hangs up on every client and interrupts their calls, again and again
 * for up to 2 s: a call interrupted just before it went to sleep would
 * sleep on, maybe forever (a recv() nobody sends to).  Blocked calls end
 * with EINTR at once, so this takes a few ms.
 */
static int tn_stop_clients(void)
{
	int i;

	for (i = 0; i < 100; i++) {
		tn_conn_shutdown_all();
		if (tn_conn_wait_all(20) == 0)
			return 0;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct tn_daemon_opts o;
	struct tn_stack *st = NULL;
	int lfd, sfd, dpipe = -1;
	sigset_t set;

	if (tn_parse_opts(argc, argv, &o) < 0)
		return 2;
	if (tn_make_dir(o.path) < 0)
		return 1;
	lfd = tn_listen_on(o.path);
	if (lfd < 0)
		return 1;
	if (!o.foreground && tn_daemonize(&dpipe) < 0) {
		fprintf(stderr, "tuxnetd: cannot daemonize: %s\n",
			strerror(errno));
		return 1;
	}

	/* Every thread made from here on inherits the blocked set. */
	(void)signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0) {
		fprintf(stderr, "tuxnetd: signalfd: %s\n", strerror(errno));
		goto out_unlink;
	}

	if (TN_DAEMON_HAS_STACK) {
		struct tn_stack_config cfg = {
			.clock = o.clock,
			.idle_advance = o.clock == TN_CLOCK_VIRTUAL,
			.hostname = o.hostname,
			.unshare_net = o.unshare_net,
			.tcp_congestion_control = o.tcp_cong,
		};

		st = tn_stack_create(&cfg);
		if (!st) {
			fprintf(stderr, "tuxnetd: cannot make the stack: %s\n",
				strerror(errno));
			goto out_unlink;
		}
	}

	if (st && tn_apply_sysctls(&o) < 0)
		goto out_unlink;
	tn_conn_set_limits(&o.limits);
	tn_say_ready(o.ready_fd);
	tn_say_ready(dpipe);
	tn_serve_loop(st, lfd, sfd);

	close(lfd);
	unlink(o.path);
	if (tn_stop_clients() < 0) {
		/* A call that ignores interrupts: leave as is. */
		fprintf(stderr, "tuxnetd: clients still busy; exiting\n");
		return 0;
	}
	if (st)
		tn_stack_destroy(st);
	return 0;

out_unlink:
	close(lfd);
	unlink(o.path);
	return 1;
}
