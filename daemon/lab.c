// SPDX-License-Identifier: BSD-2-Clause
/*
 * `tuxnet lab [--clock real|virtual] SCRIPT [ARGS...]`: runs a shell script
 * against a private stack.
 *
 * It makes a private directory (mkdtemp in $TMPDIR or /tmp: mode 0700, ours,
 * which tuxnetd and its clients check again before they trust the socket in
 * it), starts tuxnetd there (virtual clock unless told otherwise; $TUXNETD
 * names another daemon binary, else the tuxnetd beside this program), waits
 * until it listens, runs `bash SCRIPT ARGS` with the directory of this
 * program first on PATH (where ip, ping, sysctl and hostname are built) and
 * TUXNET_SOCK naming the daemon's socket, then stops the daemon, removes the
 * directory and exits with the script's status (128+N if a signal N ended
 * it).  The script's stdin, stdout and stderr are ours; the daemon writes
 * only to stderr.
 */
#include "lab.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t tn_lab_child;

static void tn_lab_forward(int sig)
{
	if (tn_lab_child > 0)
		kill(tn_lab_child, sig);
}

/*
 * The host's default congestion control: what a fresh namespace made
 * with `unshare -n` inherits there (Linux's tcp_sk_init takes init_net's),
 * so the lab's stack is "built" with it.  "cubic" if it cannot be read.
 */
static void tn_lab_host_cong(char *buf, size_t len)
{
	FILE *f = fopen("/proc/sys/net/ipv4/tcp_congestion_control", "re");

	(void)snprintf(buf, len, "cubic");
	if (!f)
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = '\0';
	if (!buf[0])
		(void)snprintf(buf, len, "cubic");
	(void)fclose(f);
}

/* The directory this program was run from, or NULL. */
static char *tn_lab_bindir(void)
{
	static char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return buf;
}

static pid_t tn_lab_start_daemon(const char *daemon, const char *sock,
				 const char *clock)
{
	int p[2], devnull;
	pid_t pid;
	char fdbuf[16], cong[16], b;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		/* Its own process group: ^C reaches the script, not it. */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(2, 1);
		fcntl(p[1], F_SETFD, 0);
		(void)snprintf(fdbuf, sizeof(fdbuf), "%d", p[1]);
		tn_lab_host_cong(cong, sizeof(cong));
		execl(daemon, "tuxnetd", "--socket", sock, "--clock", clock,
		      "--foreground", "--ready-fd", fdbuf, "--unshare-net",
		      "--tcp-congestion-control", cong, (char *)NULL);
		fprintf(stderr, "tuxnet: %s: %s\n", daemon, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	do
		n = read(p[0], &b, 1);
	while (n < 0 && errno == EINTR);
	close(p[0]);
	if (n != 1) {
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

/*
 * SIGTERM stops the daemon within a few ms even with clients blocked
 * forever; should it not have stopped after 5 s, SIGKILL.
 */
static void tn_lab_stop_daemon(pid_t pid)
{
	int i;

	kill(pid, SIGTERM);
	for (i = 0; i < 500; i++) {
		pid_t r = waitpid(pid, NULL, WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR))
			return;
		usleep(10000);
	}
	fprintf(stderr, "tuxnet: the daemon did not stop; killing it\n");
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static int tn_lab_run_script(const char *bindir, const char *sock, int argc,
			     char **argv)
{
	const char *oldpath = getenv("PATH");
	struct sigaction sa = { 0 }, oint, oquit, oterm, ohup;
	char **args;
	char *path;
	int status, i;
	size_t n;
	pid_t pid;

	n = strlen(bindir) + (oldpath ? strlen(oldpath) : 0) + 2;
	path = malloc(n);
	args = calloc((size_t)argc + 2, sizeof(*args));
	if (!path || !args) {
		free(path);
		free(args);
		return -1;
	}
	(void)snprintf(path, n, "%s%s%s", bindir, oldpath ? ":" : "",
		       oldpath ? oldpath : "");
	args[0] = "bash";
	for (i = 0; i < argc; i++)
		args[i + 1] = argv[i];

	/* As system(3): ^C and ^\ are for the script; TERM, HUP passed on. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, &oint);
	sigaction(SIGQUIT, &sa, &oquit);
	sa.sa_handler = tn_lab_forward;
	sigaction(SIGTERM, &sa, &oterm);
	sigaction(SIGHUP, &sa, &ohup);

	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		sigaction(SIGTERM, &oterm, NULL);
		sigaction(SIGHUP, &ohup, NULL);
		setenv("PATH", path, 1);
		setenv("TUXNET_SOCK", sock, 1);
		unsetenv("TUXNET_NETNS");
		execvp("bash", args);
		fprintf(stderr, "tuxnet: bash: %s\n", strerror(errno));
		_exit(127);
	}
	free(path);
	free(args);
	if (pid < 0)
		return -1;
	tn_lab_child = pid;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	tn_lab_child = 0;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGTERM, &oterm, NULL);
	sigaction(SIGHUP, &ohup, NULL);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

/**
 * tn_lab_main - `tuxnet lab`
 * @argc: arguments after "lab"
 * @argv: them
 *
 * Return: the exit status: the script's, or 1 if the lab could not be set up.
 */
int tn_lab_main(int argc, char **argv)
{
	const char *clock = "virtual", *tmp, *daemon;
	char dir[PATH_MAX], sock[PATH_MAX], dpath[PATH_MAX];
	char *bindir;
	pid_t dpid;
	int ret;

	while (argc > 0 && argv[0][0] == '-') {
		if (!strcmp(argv[0], "--")) {
			argc--;
			argv++;
			break;
		}
		if (!strcmp(argv[0], "--clock") && argc > 1 &&
		    (!strcmp(argv[1], "real") || !strcmp(argv[1], "virtual"))) {
			clock = argv[1];
			argc -= 2;
			argv += 2;
			continue;
		}
		if (!strncmp(argv[0], "--clock=", 8) &&
		    (!strcmp(argv[0] + 8, "real") ||
		     !strcmp(argv[0] + 8, "virtual"))) {
			clock = argv[0] + 8;
			argc--;
			argv++;
			continue;
		}
		fprintf(stderr, "tuxnet lab: bad option %s\n", argv[0]);
		return 2;
	}
	if (argc < 1) {
		fprintf(stderr, "Usage: tuxnet lab [--clock real|virtual] "
				"SCRIPT [ARGS...]\n");
		return 2;
	}

	bindir = tn_lab_bindir();
	if (!bindir) {
		fprintf(stderr, "tuxnet: cannot find my own directory\n");
		return 1;
	}
	daemon = getenv("TUXNETD");
	if (!daemon || !*daemon) {
		if ((size_t)snprintf(dpath, sizeof(dpath), "%s/tuxnetd",
				     bindir) >= sizeof(dpath)) {
			fprintf(stderr, "tuxnet: path too long\n");
			return 1;
		}
		daemon = dpath;
	}
	tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	if ((size_t)snprintf(dir, sizeof(dir), "%s/tuxnet-lab.XXXXXX", tmp) >=
		    sizeof(dir) ||
	    !mkdtemp(dir)) {
		fprintf(stderr, "tuxnet: cannot make a directory in %s: %s\n",
			tmp, strerror(errno));
		return 1;
	}
	if ((size_t)snprintf(sock, sizeof(sock), "%s/sock", dir) >=
		    sizeof(sock) ||
	    strlen(sock) >= 108) {
		fprintf(stderr, "tuxnet: %s: path too long for a socket\n",
			sock);
		rmdir(dir);
		return 1;
	}

	dpid = tn_lab_start_daemon(daemon, sock, clock);
	if (dpid < 0) {
		fprintf(stderr, "tuxnet: the daemon did not start\n");
		unlink(sock);
		rmdir(dir);
		return 1;
	}
	ret = tn_lab_run_script(bindir, sock, argc, argv);
	if (ret < 0) {
		fprintf(stderr, "tuxnet: cannot run the script: %s\n",
			strerror(errno));
		ret = 1;
	}
	tn_lab_stop_daemon(dpid);
	unlink(sock);
	rmdir(dir);
	return ret;
}
