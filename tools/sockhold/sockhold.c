// SPDX-License-Identifier: BSD-2-Clause
/*
 * sockhold: open sockets, run a command, close them.
 *
 *   sockhold [SOCKET [OPTION]...]... -- COMMAND [ARG]...
 *
 * SOCKET is one of
 *   -u ADDR:PORT   a UDP socket bound to ADDR:PORT (PORT 0: any)
 *   -w PROTO       a raw IPv4 socket of protocol PROTO (a number)
 *   -p             an ICMP datagram ("ping") socket, bound to port 0
 *   -T ADDR:PORT   a TCP socket listening on ADDR:PORT
 *   -C ADDR:PORT   a TCP socket connected to ADDR:PORT
 *   -a             the next connection the last -T listener accepts
 * and each OPTION applies to the last socket:
 *   -c ADDR:PORT   connect it
 *   -d DEV         SO_BINDTODEVICE
 *   -r             SO_REUSEADDR (before the bind)
 *   -s TEXT        send TEXT on it (to where it is connected)
 *   -x HOW         shutdown(HOW): 0 read, 1 write, 2 both (ENOTCONN,
 *                  which an unconnected socket answers, is ignored)
 * The command runs once every socket is ready (its datagrams delivered:
 * sockhold waits for loopback to hand them over), and sockhold exits with
 * its status, or 1 after printing the error of a failed call.  A test aid
 * for lab scripts, built like the tools against libtuxnet-client (bin/)
 * and the host's kernel (hosttools/), so the same script shows both
 * stacks' sockets to ss.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

static void usage(void)
{
	fprintf(stderr,
		"Usage: sockhold [-u ADDR:PORT | -w PROTO | -p | -T ADDR:PORT | "
		"-C ADDR:PORT | -a] [-c ADDR:PORT] "
		"[-d DEV] [-r] [-s TEXT] [-x HOW]... -- COMMAND [ARG]...\n");
	exit(2);
}

static void fail(const char *what)
{
	fprintf(stderr, "sockhold: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void parse_sin(struct sockaddr_in *sin, const char *arg)
{
	char buf[64], *colon;

	if (snprintf(buf, sizeof(buf), "%s", arg) >= (int)sizeof(buf))
		usage();
	colon = strrchr(buf, ':');
	if (!colon)
		usage();
	*colon = 0;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)atoi(colon + 1));
	if (inet_pton(AF_INET, buf, &sin->sin_addr) != 1)
		usage();
}

int main(int argc, char **argv)
{
	int fd = -1, lfd = -1, i, status, sent = 0;
	pid_t pid;

	for (i = 1; i < argc && argv[i] && strcmp(argv[i], "--"); i++) {
		const char *opt = argv[i],
			   *arg = i + 1 < argc ? argv[i + 1] : NULL;
		struct sockaddr_in sin;

		if (!strcmp(opt, "-u") && arg) {
			int one = 1;

			fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
			if (fd < 0)
				fail("socket");
			/* -r may follow: SO_REUSEADDR is set before any bind */
			if (i + 2 < argc && !strcmp(argv[i + 2], "-r") &&
			    tn_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
					  sizeof(one)) < 0)
				fail("setsockopt");
			parse_sin(&sin, arg);
			if (tn_bind(fd, (struct sockaddr *)&sin, sizeof(sin)) <
			    0)
				fail("bind");
			i++;
		} else if (!strcmp(opt, "-w") && arg) {
			fd = tn_socket(AF_INET, SOCK_RAW, atoi(arg));
			if (fd < 0)
				fail("socket");
			i++;
		} else if (!strcmp(opt, "-p")) {
			memset(&sin, 0, sizeof(sin));
			sin.sin_family = AF_INET;
			fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
			if (fd < 0)
				fail("socket");
			if (tn_bind(fd, (struct sockaddr *)&sin, sizeof(sin)) <
			    0)
				fail("bind");
		} else if (!strcmp(opt, "-T") && arg) {
			int one = 1;

			fd = tn_socket(AF_INET, SOCK_STREAM, 0);
			if (fd < 0)
				fail("socket");
			if (tn_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
					  sizeof(one)) < 0)
				fail("setsockopt");
			parse_sin(&sin, arg);
			if (tn_bind(fd, (struct sockaddr *)&sin, sizeof(sin)) <
			    0)
				fail("bind");
			if (tn_listen(fd, 128) < 0)
				fail("listen");
			lfd = fd;
			i++;
		} else if (!strcmp(opt, "-C") && arg) {
			fd = tn_socket(AF_INET, SOCK_STREAM, 0);
			if (fd < 0)
				fail("socket");
			parse_sin(&sin, arg);
			if (tn_connect(fd, (struct sockaddr *)&sin,
				       sizeof(sin)) < 0)
				fail("connect");
			sent++;
			i++;
		} else if (!strcmp(opt, "-a") && lfd >= 0) {
			fd = tn_accept(lfd, NULL, NULL);
			if (fd < 0)
				fail("accept");
		} else if (!strcmp(opt, "-r") && fd >= 0) {
			continue; /* done with -u */
		} else if (!strcmp(opt, "-c") && arg && fd >= 0) {
			parse_sin(&sin, arg);
			if (tn_connect(fd, (struct sockaddr *)&sin,
				       sizeof(sin)) < 0)
				fail("connect");
			i++;
		} else if (!strcmp(opt, "-d") && arg && fd >= 0) {
			if (tn_setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, arg,
					  (socklen_t)strlen(arg) + 1) < 0)
				fail("setsockopt");
			i++;
		} else if (!strcmp(opt, "-s") && arg && fd >= 0) {
			if (tn_send(fd, arg, strlen(arg), 0) < 0)
				fail("send");
			sent++;
			i++;
		} else if (!strcmp(opt, "-x") && arg && fd >= 0) {
			/* unconnected: ENOTCONN, but the socket is shut */
			if (tn_shutdown(fd, atoi(arg)) < 0 && errno != ENOTCONN)
				fail("shutdown");
			sent++;
			i++;
		} else {
			usage();
		}
	}
	if (i + 1 >= argc)
		usage();
	/* Let loopback deliver what was sent (a tuxnet lab advances its
	 * clock while everyone waits; Linux delivers at once). */
	if (sent) {
		struct timespec ts = { 0, 10000000L };

		tn_nanosleep(&ts, NULL);
	}
	(void)fflush(stdout);
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		execvp(argv[i + 1], argv + i + 1);
		fprintf(stderr, "sockhold: %s: %s\n", argv[i + 1],
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		fail("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
