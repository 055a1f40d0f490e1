// SPDX-License-Identifier: BSD-2-Clause
/*
 * sockhold: open sockets, move a few datagrams, run a command, close.
 *
 *   sockhold [-U] [-u ADDR:PORT] [-c ADDR:PORT] [-s N] [-r N] [-w PROTO]
 *            [-p] [-d DEV] [-x HOW] [-n I] [-T ADDR:PORT] [-R ADDR:PORT]
 *            [-C ADDR:PORT] [-a]...
 *            [-- COMMAND [ARG]...]
 *
 * The options act in order on the current socket:
 *   -U            a new UDP socket, unbound
 *   -u ADDR:PORT  a new UDP socket bound to ADDR:PORT (port 0: any)
 *   -c ADDR:PORT  connect the current socket
 *   -s N          send N datagrams of 10 bytes on the current (connected)
 *                 socket
 *   -r N          receive N datagrams on the current socket (waits)
 *   -w PROTO      a new raw socket of protocol PROTO (a number)
 *   -p            a new ICMP datagram ("ping") socket, bound to port 0
 *   -d DEV        SO_BINDTODEVICE on the current socket
 *   -x HOW        shutdown(HOW) the current socket: 0 read, 1 write, 2
 *                 both (ENOTCONN, an unconnected socket's answer, is
 *                 ignored: the socket is shut all the same)
 *   -n I          make the I-th socket (from 1) the current one again
 *   -T ADDR:PORT  a new TCP socket bound to ADDR:PORT, listening
 *                 (backlog 128)
 *   -R ADDR:PORT  the same with SO_REUSEPORT (a member of a group)
 *   -C ADDR:PORT  a new TCP socket connected to ADDR:PORT
 *   -a            a new socket: the next connection the last -T listener
 *                 accepts
 * then COMMAND runs while every socket stays open.  Exits with COMMAND's
 * status, or 1 after printing the error of a failed call.  A test aid for
 * lab scripts, like mcjoin: built against libtuxnet-client (bin/) and the
 * host's kernel (hosttools/), so one script shows both stacks' sockets.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#define MAX_SOCKS 64

static void usage(void)
{
	fprintf(stderr, "Usage: sockhold [-U] [-u ADDR:PORT] [-c ADDR:PORT] "
			"[-s N] [-r N] [-w PROTO] [-p] [-d DEV] [-x HOW] "
			"[-n I] [-T ADDR:PORT] [-R ADDR:PORT] [-C ADDR:PORT] "
			"[-a]... "
			"[-- COMMAND [ARG]...]\n");
	exit(2);
}

static void fail(const char *what, const char *arg)
{
	fprintf(stderr, "sockhold: %s %s: %s\n", what, arg, strerror(errno));
	exit(1);
}

static void parse_sin(struct sockaddr_in *sin, const char *arg)
{
	char buf[64];
	char *colon, *end;
	unsigned long port;

	(void)snprintf(buf, sizeof(buf), "%s", arg);
	colon = strrchr(buf, ':');
	if (!colon)
		usage();
	*colon = '\0';
	port = strtoul(colon + 1, &end, 10);
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (*end || port > 65535 ||
	    inet_pton(AF_INET, buf, &sin->sin_addr) != 1)
		usage();
	sin->sin_port = htons((unsigned short)port);
}

static int count(const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*end || n < 0 || n > 100000)
		usage();
	return (int)n;
}

/* -T (SO_REUSEADDR) or -R (SO_REUSEPORT): @fd bound to @sin, listening */
static void hold_listener(int fd, const struct sockaddr_in *sin, char how,
			  const char *arg)
{
	int one = 1;

	(void)tn_setsockopt(fd, SOL_SOCKET,
			    how == 'T' ? SO_REUSEADDR : SO_REUSEPORT, &one,
			    sizeof(one));
	if (tn_bind(fd, (const struct sockaddr *)sin, sizeof(*sin)))
		fail("bind", arg);
	if (tn_listen(fd, 128))
		fail("listen", arg);
}

int main(int argc, char **argv)
{
	int socks[MAX_SOCKS], nsocks = 0, cur = -1, lfd = -1, i, status;
	int settle = 0;
	struct sockaddr_in sin;
	char payload[10];
	pid_t pid;

	memset(payload, 'x', sizeof(payload));
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		const char *opt = argv[i];
		const char *arg = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(opt, "-U") || !strcmp(opt, "-u") ||
		    !strcmp(opt, "-w")) {
			int proto = 0;

			if (nsocks == MAX_SOCKS)
				usage();
			if (opt[1] == 'w') {
				if (!arg)
					usage();
				proto = count(arg);
			}
			cur = tn_socket(AF_INET,
					opt[1] == 'w' ? SOCK_RAW : SOCK_DGRAM,
					proto);
			if (cur < 0)
				fail("socket", opt);
			socks[nsocks++] = cur;
			if (opt[1] == 'u') {
				if (!arg)
					usage();
				parse_sin(&sin, arg);
				if (tn_bind(cur, (struct sockaddr *)&sin,
					    sizeof(sin)))
					fail("bind", arg);
			}
			if (opt[1] != 'U')
				i++;
			continue;
		}
		if (!strcmp(opt, "-p")) {
			if (nsocks == MAX_SOCKS)
				usage();
			cur = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
			if (cur < 0)
				fail("socket", opt);
			socks[nsocks++] = cur;
			memset(&sin, 0, sizeof(sin));
			sin.sin_family = AF_INET;
			if (tn_bind(cur, (struct sockaddr *)&sin, sizeof(sin)))
				fail("bind", opt);
			continue;
		}
		if ((!strcmp(opt, "-T") || !strcmp(opt, "-R") ||
		     !strcmp(opt, "-C")) &&
		    arg) {
			if (nsocks == MAX_SOCKS)
				usage();
			parse_sin(&sin, arg);
			cur = tn_socket(AF_INET, SOCK_STREAM, 0);
			if (cur < 0)
				fail("socket", opt);
			socks[nsocks++] = cur;
			if (opt[1] != 'C') {
				hold_listener(cur, &sin, opt[1], arg);
				lfd = cur;
			} else if (tn_connect(cur, (struct sockaddr *)&sin,
					      sizeof(sin))) {
				fail("connect", arg);
			} else {
				settle = 1;
			}
			i++;
			continue;
		}
		if (!strcmp(opt, "-a")) {
			if (lfd < 0 || nsocks == MAX_SOCKS)
				usage();
			cur = tn_accept(lfd, NULL, NULL);
			if (cur < 0)
				fail("accept", opt);
			socks[nsocks++] = cur;
			continue;
		}
		if (!arg || cur < 0)
			usage();
		if (!strcmp(opt, "-c")) {
			parse_sin(&sin, arg);
			if (tn_connect(cur, (struct sockaddr *)&sin,
				       sizeof(sin)))
				fail("connect", arg);
		} else if (!strcmp(opt, "-d")) {
			if (tn_setsockopt(cur, SOL_SOCKET, SO_BINDTODEVICE, arg,
					  (socklen_t)strlen(arg) + 1))
				fail("setsockopt", arg);
		} else if (!strcmp(opt, "-x")) {
			if (tn_shutdown(cur, count(arg)) && errno != ENOTCONN)
				fail("shutdown", arg);
			settle = 1;
		} else if (!strcmp(opt, "-n")) {
			int idx = count(arg);

			if (idx < 1 || idx > nsocks)
				usage();
			cur = socks[idx - 1];
		} else if (!strcmp(opt, "-s")) {
			for (int n = count(arg); n > 0; n--)
				if (tn_send(cur, payload, sizeof(payload), 0) <
				    0)
					fail("send", arg);
			settle = 1;
		} else if (!strcmp(opt, "-r")) {
			char buf[2048];

			for (int n = count(arg); n > 0; n--)
				if (tn_recv(cur, buf, sizeof(buf), 0) < 0)
					fail("recv", arg);
		} else {
			usage();
		}
		i++;
	}
	/* Let loopback deliver what was sent (a tuxnet lab advances its
	 * clock while everyone waits; Linux delivers at once). */
	if (settle) {
		struct timespec ts = { 0, 10000000L };

		tn_nanosleep(&ts, NULL);
	}
	status = 0;
	if (i < argc - 1) {
		(void)fflush(stdout);
		pid = fork();
		if (pid < 0) {
			perror("sockhold: fork");
			return 1;
		}
		if (pid == 0) {
			execvp(argv[i + 1], argv + i + 1);
			fprintf(stderr, "sockhold: %s: %s\n", argv[i + 1],
				strerror(errno));
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0)
			return 1;
		status = WIFEXITED(status) ? WEXITSTATUS(status)
					   : 128 + WTERMSIG(status);
	}
	for (int s = 0; s < nsocks; s++)
		tn_close(socks[s]);
	return status;
}
