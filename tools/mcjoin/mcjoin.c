// SPDX-License-Identifier: BSD-2-Clause
/*
 * mcjoin: join multicast groups, show files, run a command, leave.
 *
 *   mcjoin [-p FILE]... DEV GROUP[/SOURCE]... [-- COMMAND [ARG]...]
 *
 * One UDP socket joins each GROUP on DEV (MCAST_JOIN_GROUP, or
 * MCAST_JOIN_SOURCE_GROUP for GROUP/SOURCE) and keeps the memberships while
 * each FILE is printed (read through the API: the stack's /proc) and
 * COMMAND runs.  Exits with COMMAND's status, or 1 after printing the
 * error of a failed call.  A test aid for lab scripts: built like the
 * tools against libtuxnet-client (bin/) and the host's kernel (hosttools/),
 * so the same script shows both stacks' memberships.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#define MAX_FILES 8

static void usage(void)
{
	fprintf(stderr, "Usage: mcjoin [-p FILE]... DEV GROUP[/SOURCE]... "
			"[-- COMMAND [ARG]...]\n");
	exit(2);
}

static void print_file(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = tn_open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "mcjoin: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while ((n = tn_read(fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			break;
	tn_close(fd);
	(void)fflush(stdout);
}

static void put_sin(struct sockaddr_storage *ss, const char *addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)ss;

	memset(ss, 0, sizeof(*ss));
	sin->sin_family = AF_INET;
	if (inet_pton(AF_INET, addr, &sin->sin_addr) != 1) {
		fprintf(stderr, "mcjoin: bad address \"%s\"\n", addr);
		exit(1);
	}
}

static void join(int fd, unsigned int ifindex, char *arg)
{
	char *slash = strchr(arg, '/');
	int err;

	if (slash) {
		struct group_source_req gsr;

		*slash = '\0';
		memset(&gsr, 0, sizeof(gsr));
		gsr.gsr_interface = ifindex;
		put_sin(&gsr.gsr_group, arg);
		put_sin(&gsr.gsr_source, slash + 1);
		err = tn_setsockopt(fd, SOL_IP, MCAST_JOIN_SOURCE_GROUP, &gsr,
				    sizeof(gsr));
	} else {
		struct group_req gr;

		memset(&gr, 0, sizeof(gr));
		gr.gr_interface = ifindex;
		put_sin(&gr.gr_group, arg);
		err = tn_setsockopt(fd, SOL_IP, MCAST_JOIN_GROUP, &gr,
				    sizeof(gr));
	}
	if (err) {
		fprintf(stderr, "mcjoin: %s: %s\n", arg, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	const char *files[MAX_FILES];
	int nfiles = 0, fd, i, status;
	struct ifreq ifr;
	pid_t pid;

	while (argc > 2 && strcmp(argv[1], "-p") == 0) {
		if (nfiles == MAX_FILES)
			usage();
		files[nfiles++] = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 3)
		usage();
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("mcjoin: socket");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	if (tn_ioctl(fd, SIOCGIFINDEX, &ifr)) {
		fprintf(stderr, "mcjoin: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = 2; i < argc && strcmp(argv[i], "--"); i++)
		join(fd, (unsigned int)ifr.ifr_ifindex, argv[i]);
	for (int f = 0; f < nfiles; f++)
		print_file(files[f]);
	if (i >= argc - 1)
		return 0;
	pid = fork();
	if (pid < 0) {
		perror("mcjoin: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[i + 1], argv + i + 1);
		fprintf(stderr, "mcjoin: %s: %s\n", argv[i + 1],
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	tn_close(fd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
