// SPDX-License-Identifier: BSD-2-Clause
/*
 * nc: OpenBSD netcat as Debian 12 ships it (netcat-openbsd 1.219), on the
 * tuxnet API: the same flags, messages, exit codes and behaviour, so that a
 * lab script written for Linux's netcat runs unchanged.
 *
 * Connects (TCP, or UDP with -u) to each port given, or listens (-l), and
 * relays stdin to the socket and the socket to stdout (readwrite.c).  All
 * of it is written against the socket API alone, so streams work as soon
 * as the stack has them.  Timers (-w, -q, -i, the UDP probe's seconds) run
 * on the stack's clock: virtual time in a lab.
 *
 * Names: numeric addresses as given; other names only from /etc/hosts
 * (files, as glibc reads them first).  The stack has no resolver, so a
 * name that needs DNS fails as it does on Linux in a namespace with no
 * route to a server: "Temporary failure in name resolution".  Services
 * come from /etc/services.
 *
 * Not built (refused with a message): proxies (-x), passing the socket
 * (-F), TCP MD5 signatures (-S), routing tables (-V).  UNIX sockets (-U)
 * and DCCP (-Z) are asked of the stack, which has neither yet.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "nc.h"

#define PORT_MAX	   65535
#define UDP_SCAN_TIMEOUT   3 /* seconds */

#define CONNECTION_SUCCESS 0
#define CONNECTION_FAILED  1
#define CONNECTION_TIMEOUT 2

#ifndef SOCK_DCCP
#define SOCK_DCCP 6
#endif
#ifndef IPPROTO_DCCP
#define IPPROTO_DCCP 33
#endif

struct nc_opts nc = { .qflag = -1, .timeout = -1 };

/* The rest of the command line, used here only. */
static struct {
	int family;
	int bflag; /* -b: SO_BROADCAST */
	int dflag_debug; /* -D: SO_DEBUG */
	int fflag; /* -F */
	int rflag; /* -r: ports in random order */
	int xflag; /* -x */
	int dccp; /* -Z */
	int rcvbuf; /* -I */
	int sndbuf; /* -O */
	int tos; /* -T, -1: not set */
	int ttl; /* -M */
	int minttl; /* -m */
	const char *sflag; /* -s */
	const char *pflag; /* -p */
} o = { .family = AF_UNSPEC, .tos = -1, .ttl = -1, .minttl = -1 };

/*
 * nc_strtonum - OpenBSD's strtonum(3): @s as a decimal number within
 * [@min, @max], or 0 with *@errstr "invalid", "too small" or "too large".
 */
static long long nc_strtonum(const char *s, long long min, long long max,
			     const char **errstr)
{
	long long v = 0;
	char *end;

	*errstr = NULL;
	errno = 0;
	if (min > max) {
		*errstr = "invalid";
		errno = EINVAL;
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (s == end || *end != '\0') {
		*errstr = "invalid";
		errno = EINVAL;
		return 0;
	}
	if ((v == LLONG_MIN && errno == ERANGE) || v < min) {
		*errstr = "too small";
		errno = ERANGE;
		return 0;
	}
	if ((v == LLONG_MAX && errno == ERANGE) || v > max) {
		*errstr = "too large";
		errno = ERANGE;
		return 0;
	}
	return v;
}

static void usage(int ret)
{
	fprintf(stderr,
		"usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
		"\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
		"\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
		"\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
		"\t  [destination] [port]\n");
	if (ret)
		exit(1);
}

static void help(void)
{
	fprintf(stderr, "OpenBSD netcat (Debian patchlevel 1.219-1)\n");
	usage(0);
	fprintf(stderr,
		"\tCommand Summary:\n"
		"\t\t-4\t\tUse IPv4\n"
		"\t\t-6\t\tUse IPv6\n"
		"\t\t-b\t\tAllow broadcast\n"
		"\t\t-C\t\tSend CRLF as line-ending\n"
		"\t\t-D\t\tEnable the debug socket option\n"
		"\t\t-d\t\tDetach from stdin\n"
		"\t\t-F\t\tPass socket fd\n"
		"\t\t-h\t\tThis help text\n"
		"\t\t-I length\tTCP receive buffer length\n"
		"\t\t-i interval\tDelay interval for lines sent, ports scanned\n"
		"\t\t-k\t\tKeep inbound sockets open for multiple connects\n"
		"\t\t-l\t\tListen mode, for inbound connects\n"
		"\t\t-M ttl\t\tOutgoing TTL / Hop Limit\n"
		"\t\t-m minttl\tMinimum incoming TTL / Hop Limit\n"
		"\t\t-N\t\tShutdown the network socket after EOF on stdin\n"
		"\t\t-n\t\tSuppress name/port resolutions\n"
		"\t\t-O length\tTCP send buffer length\n"
		"\t\t-P proxyuser\tUsername for proxy authentication\n"
		"\t\t-p port\t\tSpecify local port for remote connects\n"
		"\t\t-q secs\t\tquit after EOF on stdin and delay of secs\n"
		"\t\t-r\t\tRandomize remote ports\n"
		"\t\t-S\t\tEnable the TCP MD5 signature option\n"
		"\t\t-s sourceaddr\tLocal source address\n"
		"\t\t-T keyword\tTOS value\n"
		"\t\t-t\t\tAnswer TELNET negotiation\n"
		"\t\t-U\t\tUse UNIX domain socket\n"
		"\t\t-u\t\tUDP mode\n"
		"\t\t-V rtable\tSpecify alternate routing table\n"
		"\t\t-v\t\tVerbose\n"
		"\t\t-W recvlimit\tTerminate after receiving a number of packets\n"
		"\t\t-w timeout\tTimeout for connects and final net reads\n"
		"\t\t-X proto\tProxy protocol: \"4\", \"5\" (SOCKS) or \"connect\"\n"
		"\t\t-x addr[:port]\tSpecify proxy address and port\n"
		"\t\t-Z\t\tDCCP mode\n"
		"\t\t-z\t\tZero-I/O mode [used for scanning]\n"
		"\tPort numbers can be individual or ranges: lo-hi [inclusive]\n");
	exit(0);
}

static const char *proto_name(void)
{
	if (nc.uflag)
		return "udp";
	if (o.dccp)
		return "dccp";
	return "tcp";
}

/* ---- Names: numeric, or /etc/hosts; no DNS (see the top) ---- */

/* The address /etc/hosts gives @name, as text, for @family. */
static int hosts_file_addr(const char *name, int family, char *buf, size_t len)
{
	struct hostent *he;
	int found = 0;

	sethostent(0);
	while (!found && (he = gethostent())) {
		char **alias;
		int match = !strcasecmp(he->h_name, name);

		if (family != AF_UNSPEC && he->h_addrtype != family)
			continue;
		for (alias = he->h_aliases; !match && *alias; alias++)
			match = !strcasecmp(*alias, name);
		if (match && inet_ntop(he->h_addrtype, he->h_addr_list[0], buf,
				       (socklen_t)len))
			found = 1;
	}
	endhostent();
	return found;
}

static int nc_getaddrinfo(const char *host, const char *port,
			  const struct addrinfo *hints, struct addrinfo **res)
{
	struct addrinfo h = *hints;
	char addr[INET6_ADDRSTRLEN];
	int e;

	if (!host)
		return getaddrinfo(NULL, port, &h, res);
	h.ai_flags |= AI_NUMERICHOST;
	e = getaddrinfo(host, port, &h, res);
	if (e != EAI_NONAME || (hints->ai_flags & AI_NUMERICHOST))
		return e;
	if (!hosts_file_addr(host, hints->ai_family, addr, sizeof(addr)))
		return EAI_AGAIN; /* it would take DNS */
	return getaddrinfo(addr, port, &h, res);
}

/* The name of @sa's address: with -n or @numeric the address itself. */
static int nc_hostname(const struct sockaddr *sa, char *buf, size_t len,
		       int numeric)
{
	const void *addr;
	struct hostent *he;
	int alen, found = 0;

	if (sa->sa_family == AF_INET) {
		addr = &((const struct sockaddr_in *)sa)->sin_addr;
		alen = 4;
	} else if (sa->sa_family == AF_INET6) {
		addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		alen = 16;
	} else {
		return EAI_FAMILY;
	}
	if (numeric || nc.nflag)
		return inet_ntop(sa->sa_family, addr, buf, (socklen_t)len)
			       ? 0
			       : EAI_OVERFLOW;
	sethostent(0);
	while (!found && (he = gethostent())) {
		if (he->h_addrtype == sa->sa_family &&
		    !memcmp(he->h_addr_list[0], addr, (size_t)alen)) {
			(void)snprintf(buf, len, "%s", he->h_name);
			found = 1;
		}
	}
	endhostent();
	return found ? 0 : EAI_AGAIN; /* it would take DNS */
}

static unsigned int sa_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	return ntohs(((const struct sockaddr_in *)sa)->sin_port);
}

/* "Listening on 0.0.0.0 12345", "Connection received on ..." */
static void report_sock(const char *msg, const struct sockaddr *sa,
			const char *path)
{
	char host[NI_MAXHOST];
	int e;

	if (path) {
		fprintf(stderr, "%s on %s\n", msg, path);
		return;
	}
	e = nc_hostname(sa, host, sizeof(host), 0);
	if (e) {
		warnx("getnameinfo: %s", gai_strerror(e));
		return;
	}
	fprintf(stderr, "%s on %s %u\n", msg, host, sa_port(sa));
}

/* "Connection to HOST PORT port [tcp/SERVICE] succeeded!" */
static void connection_info(const char *host, const char *port,
			    const char *ipaddr)
{
	const char *proto = proto_name();
	const char *service = "*";

	if (!nc.nflag) {
		struct servent *sv = getservbyport(htons(atoi(port)), proto);

		if (sv)
			service = sv->s_name;
	}
	fprintf(stderr, "Connection to %s", host);
	if (!nc.nflag && !o.xflag && strcmp(host, ipaddr))
		fprintf(stderr, " (%s)", ipaddr);
	fprintf(stderr, " %s port [%s/%s] succeeded!\n", port, proto, service);
}

/* ---- Ports ---- */

static int strtoport(const char *s)
{
	const char *errstr;
	int port = (int)nc_strtonum(s, 1, PORT_MAX, &errstr);

	if (errstr)
		errx(1, "port number %s: %s", errstr, s);
	return port;
}

/* Each argument a service, a port or a range lo-hi; -r shuffles them. */
static int *build_ports(char **args, int *count)
{
	int *ports = malloc(sizeof(*ports) * (PORT_MAX + 1));
	int n = 0, i;

	if (!ports)
		err(1, NULL);
	for (i = 0; args[i]; i++) {
		struct servent *sv = getservbyname(args[i], proto_name());
		char *dash;

		if (sv) {
			ports[n++] = ntohs(sv->s_port);
		} else if (isdigit((unsigned char)*args[i]) &&
			   (dash = strchr(args[i], '-'))) {
			int lo, hi, p;

			*dash = '\0';
			hi = strtoport(dash + 1);
			lo = strtoport(args[i]);
			if (lo > hi) {
				p = hi;
				hi = lo;
				lo = p;
			}
			for (p = lo; p <= hi && n <= PORT_MAX; p++)
				ports[n++] = p;
		} else {
			ports[n++] = strtoport(args[i]);
		}
		if (n > PORT_MAX)
			break;
	}
	for (i = n - 1; o.rflag && i > 0; i--) {
		unsigned int r = 0;
		int j, t;

		if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
			r = (unsigned int)random();
		j = (int)(r % (unsigned int)(i + 1));
		t = ports[i];
		ports[i] = ports[j];
		ports[j] = t;
	}
	*count = n;
	return ports;
}

/* ---- Sockets ---- */

static void set_common_sockopts(int s, int af)
{
	int x = 1;

	if (o.bflag &&
	    tn_setsockopt(s, SOL_SOCKET, SO_BROADCAST, &x, sizeof(x)) < 0)
		err(1, NULL);
	if (o.dflag_debug &&
	    tn_setsockopt(s, SOL_SOCKET, SO_DEBUG, &x, sizeof(x)) < 0)
		err(1, NULL);
	if (o.tos != -1) {
		if (af == AF_INET && tn_setsockopt(s, IPPROTO_IP, IP_TOS,
						   &o.tos, sizeof(o.tos)) < 0)
			err(1, "set IP ToS");
		else if (af == AF_INET6 &&
			 tn_setsockopt(s, IPPROTO_IPV6, IPV6_TCLASS, &o.tos,
				       sizeof(o.tos)) < 0)
			err(1, "set IPv6 traffic class");
	}
	if (o.rcvbuf && tn_setsockopt(s, SOL_SOCKET, SO_RCVBUF, &o.rcvbuf,
				      sizeof(o.rcvbuf)) < 0)
		err(1, "set TCP receive buffer size");
	if (o.sndbuf && tn_setsockopt(s, SOL_SOCKET, SO_SNDBUF, &o.sndbuf,
				      sizeof(o.sndbuf)) < 0)
		err(1, "set TCP send buffer size");
	if (o.ttl != -1) {
		if (af == AF_INET && tn_setsockopt(s, IPPROTO_IP, IP_TTL,
						   &o.ttl, sizeof(o.ttl)) < 0)
			err(1, "set IP TTL");
		else if (af == AF_INET6 &&
			 tn_setsockopt(s, IPPROTO_IPV6, IPV6_UNICAST_HOPS,
				       &o.ttl, sizeof(o.ttl)) < 0)
			err(1, "set IPv6 unicast hops");
	}
	if (o.minttl != -1) {
		if (af == AF_INET &&
		    tn_setsockopt(s, IPPROTO_IP, IP_MINTTL, &o.minttl,
				  sizeof(o.minttl)) < 0)
			err(1, "set IP min TTL");
		else if (af == AF_INET6 &&
			 tn_setsockopt(s, IPPROTO_IPV6, IPV6_MINHOPCOUNT,
				       &o.minttl, sizeof(o.minttl)) < 0)
			err(1, "set IPv6 min hop count");
	}
}

/*
 * connect_with_timeout - Debian's: a non-blocking connect, waited for
 * (-w; else for ever) until writable, then SO_ERROR.
 */
static int connect_with_timeout(int fd, const struct sockaddr *sa,
				socklen_t salen, int ctimeout)
{
	int orig, ret, e, soerr = 0;
	socklen_t len = sizeof(soerr);

	orig = tn_fcntl(fd, F_GETFL, 0);
	if (tn_fcntl(fd, F_SETFL, orig | O_NONBLOCK) < 0) {
		warn("can't set O_NONBLOCK - timeout not available");
		return tn_connect(fd, sa, salen) ? CONNECTION_FAILED
						 : CONNECTION_SUCCESS;
	}
	ret = tn_connect(fd, sa, salen);
	if (ret && errno == EINPROGRESS) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		int n;

		while ((n = tn_poll(&p, 1, ctimeout > 0 ? ctimeout : -1)) < 0 &&
		       errno == EINTR)
			;
		if (n < 0)
			errx(1, "select error: %s", strerror(errno));
		if (n == 0) {
			errno = EINPROGRESS;
			return CONNECTION_TIMEOUT;
		}
		if (tn_getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
			errx(1, "getsockopt error: %s", strerror(errno));
		ret = soerr;
		if (soerr)
			errno = soerr;
	}
	e = errno;
	tn_fcntl(fd, F_SETFL, orig);
	errno = e;
	return ret ? CONNECTION_FAILED : CONNECTION_SUCCESS;
}

/* Binds @s to -s and -p, as netcat does before connecting. */
static void bind_source(int s, int family)
{
	struct addrinfo ahints = { .ai_family = family,
				   .ai_flags = AI_PASSIVE },
			*ares;
	int e;

	if (nc.uflag) {
		ahints.ai_socktype = SOCK_DGRAM;
		ahints.ai_protocol = IPPROTO_UDP;
	} else {
		ahints.ai_socktype = SOCK_STREAM;
		ahints.ai_protocol = IPPROTO_TCP;
	}
	e = nc_getaddrinfo(o.sflag, o.pflag, &ahints, &ares);
	if (e)
		errx(1, "getaddrinfo: %s", gai_strerror(e));
	if (tn_bind(s, ares->ai_addr, ares->ai_addrlen) < 0)
		err(1, "bind failed");
	freeaddrinfo(ares);
}

/* A socket connected to @host @port, or -1 (said with -v). */
static int remote_connect(const char *host, const char *port,
			  const struct addrinfo *hints, char *ipaddr,
			  size_t iplen)
{
	struct addrinfo *res, *res0;
	int s = -1, e;

	e = nc_getaddrinfo(host, port, hints, &res0);
	if (e)
		errx(1, "getaddrinfo for host \"%s\" port %s: %s", host, port,
		     gai_strerror(e));
	for (res = res0; res; res = res->ai_next) {
		int saved;

		s = tn_socket(res->ai_family, res->ai_socktype | SOCK_NONBLOCK,
			      res->ai_protocol);
		if (s < 0)
			continue;
		if (o.sflag || o.pflag)
			bind_source(s, res->ai_family);
		set_common_sockopts(s, res->ai_family);
		if (nc_hostname(res->ai_addr, ipaddr, iplen, 1))
			errx(1, "getnameinfo: %s", gai_strerror(EAI_FAMILY));
		e = connect_with_timeout(s, res->ai_addr, res->ai_addrlen,
					 nc.timeout);
		if (e == CONNECTION_SUCCESS)
			break;
		if (nc.vflag) {
			const char *how = e == CONNECTION_TIMEOUT ? "timed out"
								  : "failed";

			if (nc.nflag || !strcmp(host, ipaddr))
				warn("connect to %s port %s (%s) %s", host,
				     port, proto_name(), how);
			else
				warn("connect to %s (%s) port %s (%s) %s", host,
				     ipaddr, port, proto_name(), how);
		}
		saved = errno;
		tn_close(s);
		errno = saved;
		s = -1;
	}
	freeaddrinfo(res0);
	return s;
}

/* A socket bound (and for streams listening) on @host @port, or -1. */
static int local_listen(const char *host, const char *port,
			struct addrinfo hints)
{
	struct addrinfo *res, *res0;
	int s = -1, x = 1, e;

	hints.ai_flags |= AI_PASSIVE;
	/* a wildcard address is IPv4's */
	if (!host && hints.ai_family == AF_UNSPEC)
		hints.ai_family = AF_INET;
	e = nc_getaddrinfo(host, port, &hints, &res0);
	if (e)
		errx(1, "getaddrinfo: %s", gai_strerror(e));
	for (res = res0; res; res = res->ai_next) {
		int saved;

		s = tn_socket(res->ai_family, res->ai_socktype,
			      res->ai_protocol);
		if (s < 0)
			continue;
		if (tn_setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &x, sizeof(x)))
			warn("Couldn't set SO_REUSEADDR");
		if (tn_setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &x, sizeof(x)))
			warn("Couldn't set SO_REUSEPORT");
		set_common_sockopts(s, res->ai_family);
		if (!tn_bind(s, res->ai_addr, res->ai_addrlen))
			break;
		saved = errno;
		tn_close(s);
		errno = saved;
		s = -1;
	}
	if (!nc.uflag && s != -1 && tn_listen(s, 1) < 0)
		err(1, "listen");
	if (nc.vflag && s != -1) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);

		if (tn_getsockname(s, (struct sockaddr *)&ss, &len) < 0)
			err(1, "getsockname");
		report_sock(nc.uflag ? "Bound" : "Listening",
			    (struct sockaddr *)&ss, NULL);
	}
	freeaddrinfo(res0);
	return s;
}

/* UNIX sockets (-U): asked of the stack, which has none yet. */
static int unix_addr(const char *path, struct sockaddr_un *sun)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (!*path || strlen(path) >= sizeof(sun->sun_path)) {
		errno = *path ? ENAMETOOLONG : EINVAL;
		return -1;
	}
	memcpy(sun->sun_path, path, strlen(path) + 1);
	return 0;
}

static int unix_socket(const char *path, int listening)
{
	struct sockaddr_un sun;
	int s, saved, ret;

	if (unix_addr(path, &sun) < 0)
		return -1;
	s = tn_socket(AF_UNIX, nc.uflag ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (s < 0)
		return -1;
	if (listening)
		ret = tn_bind(s, (struct sockaddr *)&sun, sizeof(sun));
	else
		ret = tn_connect(s, (struct sockaddr *)&sun, sizeof(sun));
	if (!ret && listening && !nc.uflag)
		ret = tn_listen(s, 5);
	if (ret) {
		saved = errno;
		tn_close(s);
		errno = saved;
		return -1;
	}
	if (listening && nc.vflag)
		report_sock(nc.uflag ? "Bound" : "Listening", NULL, path);
	return s;
}

/*
 * udptest - UDP has no handshake: with -v, netcat writes "X" twice,
 * then once a second for three seconds (or -w's), and takes an error
 * (ECONNREFUSED, from an ICMP port unreachable) as a closed port.
 */
static int udptest(int s)
{
	int i, t;

	if (tn_send(s, "X", 1, 0) != 1 ||
	    (tn_send(s, "X", 1, 0) != 1 && errno == ECONNREFUSED))
		return -1;
	t = nc.timeout == -1 ? UDP_SCAN_TIMEOUT : nc.timeout / 1000;
	for (i = 0; i < t; i++) {
		nc_sleep_ms(1000);
		if (tn_send(s, "X", 1, 0) != 1 && errno == ECONNREFUSED)
			return -1;
	}
	return 1;
}

/* -F would pass the socket to the process on stdout: not a host fd here. */
static void fdpass(int s)
{
	(void)s;
	if (isatty(STDOUT_FILENO))
		errx(1, "Cannot pass file descriptor to tty");
	errx(1, "cannot pass a socket of the stack (-F)");
}

/* ---- The three modes ---- */

static int listen_mode(const char *host, const char *port,
		       const struct addrinfo *hints)
{
	int s;

	if (o.family == AF_UNIX)
		s = unix_socket(host, 1);
	else
		s = local_listen(host, port, *hints);
	if (s < 0)
		err(1, NULL);
	for (;;) {
		int closed = 0;

		if (nc.uflag && nc.kflag) {
			/* unconnected: datagrams from anyone */
			closed = readwrite(s);
		} else if (nc.uflag) {
			/* the first datagram's sender is the peer */
			struct sockaddr_storage z;
			socklen_t len = sizeof(z);
			char buf[2048];

			if (tn_recvfrom(s, buf, sizeof(buf), MSG_PEEK,
					(struct sockaddr *)&z, &len) < 0)
				err(1, "recvfrom");
			if (tn_connect(s, (struct sockaddr *)&z, len) < 0)
				err(1, "connect");
			if (nc.vflag)
				report_sock("Connection received",
					    (struct sockaddr *)&z,
					    o.family == AF_UNIX ? host : NULL);
			closed = readwrite(s);
		} else {
			struct sockaddr_storage cli;
			socklen_t len = sizeof(cli);
			int connfd = tn_accept4(s, (struct sockaddr *)&cli,
						&len, SOCK_NONBLOCK);

			if (connfd < 0)
				err(1, "accept");
			if (nc.vflag)
				report_sock("Connection received",
					    (struct sockaddr *)&cli,
					    o.family == AF_UNIX ? host : NULL);
			if (!readwrite(connfd))
				tn_close(connfd);
		}
		if (closed)
			s = -1;
		if (!nc.kflag || s == -1) {
			if (s != -1)
				tn_close(s);
			return 0;
		}
	}
}

static int unix_client(const char *host)
{
	int s = unix_socket(host, 0);

	if (s < 0) {
		warn("%s", host);
		return 1;
	}
	if (!nc.zflag && !readwrite(s))
		tn_close(s);
	return 0;
}

static int client_mode(const char *host, char **uport,
		       const struct addrinfo *hints)
{
	char ipaddr[NI_MAXHOST], port[16];
	int *ports, nports, i, s = -1, ret = 1;

	ports = build_ports(uport, &nports);
	for (i = 0; i < nports; i++) {
		if (s != -1)
			tn_close(s);
		(void)snprintf(port, sizeof(port), "%d", ports[i]);
		s = remote_connect(host, port, hints, ipaddr, sizeof(ipaddr));
		if (s == -1)
			continue;
		ret = 0;
		/*
		 * 1.219 probes and reports with -v only: `nc -z -u` alone
		 * sends nothing and succeeds.
		 */
		if (nc.vflag) {
			/* For UDP, make sure we are connected. */
			if (nc.uflag && udptest(s) == -1) {
				ret = 1;
				continue;
			}
			connection_info(host, port, ipaddr);
		}
		if (o.fflag)
			fdpass(s);
		else if (!nc.zflag && readwrite(s))
			s = -1;
	}
	if (s != -1)
		tn_close(s);
	free(ports);
	return ret;
}

/* ---- The command line ---- */

static int process_tos_opt(const char *s, int *val)
{
	static const struct {
		const char *keyword;
		int val;
	} kw[] = {
		{ "af11", 0x28 },	 { "af12", 0x30 },
		{ "af13", 0x38 },	 { "af21", 0x48 },
		{ "af22", 0x50 },	 { "af23", 0x58 },
		{ "af31", 0x68 },	 { "af32", 0x70 },
		{ "af33", 0x78 },	 { "af41", 0x88 },
		{ "af42", 0x90 },	 { "af43", 0x98 },
		{ "critical", 0xa0 },	 { "cs0", 0x00 },
		{ "cs1", 0x20 },	 { "cs2", 0x40 },
		{ "cs3", 0x60 },	 { "cs4", 0x80 },
		{ "cs5", 0xa0 },	 { "cs6", 0xc0 },
		{ "cs7", 0xe0 },	 { "ef", 0xb8 },
		{ "inetcontrol", 0xc0 }, { "lowcost", 0x02 },
		{ "lowdelay", 0x10 },	 { "netcontrol", 0xe0 },
		{ "reliability", 0x04 }, { "throughput", 0x08 },
	};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		if (!strcmp(s, kw[i].keyword)) {
			*val = kw[i].val;
			return 1;
		}
	}
	return 0;
}

static void opt_tos(const char *arg)
{
	const char *errstr = NULL;

	errno = 0;
	if (process_tos_opt(arg, &o.tos))
		return;
	if (strlen(arg) > 1 && arg[0] == '0' && arg[1] == 'x')
		o.tos = (int)strtol(arg, NULL, 16);
	else
		o.tos = (int)nc_strtonum(arg, 0, 255, &errstr);
	if (o.tos < 0 || o.tos > 255 || errstr || errno)
		errx(1, "illegal tos value %s", arg);
}

/* A number option: @what is the text of its error ("timeout"). */
static long long opt_num(const char *arg, long long min, long long max,
			 const char *what)
{
	const char *errstr;
	long long v = nc_strtonum(arg, min, max, &errstr);

	if (errstr)
		errx(1, "%s %s: %s", what, errstr, arg);
	return v;
}

static void opt_proxy_protocol(const char *arg)
{
	if (strcasecmp(arg, "connect") && strcmp(arg, "4") && strcmp(arg, "5"))
		errx(1, "unsupported proxy protocol");
}

static void parse_opt(int ch, const char *arg)
{
	const char *errstr;

	switch (ch) {
	case '4':
		o.family = AF_INET;
		break;
	case '6':
		o.family = AF_INET6;
		break;
	case 'b':
		o.bflag = 1;
		break;
	case 'U':
		o.family = AF_UNIX;
		break;
	case 'X':
		opt_proxy_protocol(arg);
		break;
	case 'C':
		nc.crlf = 1;
		break;
	case 'd':
		nc.dflag = 1;
		break;
	case 'F':
		o.fflag = 1;
		break;
	case 'h':
		help();
		break;
	case 'i':
		nc.iflag = (int)opt_num(arg, 0, UINT_MAX, "interval");
		break;
	case 'k':
		nc.kflag = 1;
		break;
	case 'l':
		nc.lflag = 1;
		break;
	case 'M':
		o.ttl = (int)nc_strtonum(arg, 0, 255, &errstr);
		if (errstr)
			errx(1, "ttl is %s", errstr);
		break;
	case 'm':
		o.minttl = (int)nc_strtonum(arg, 0, 255, &errstr);
		if (errstr)
			errx(1, "minttl is %s", errstr);
		break;
	case 'N':
		nc.big_nflag = 1;
		break;
	case 'n':
		nc.nflag = 1;
		break;
	case 'P':
		break;
	case 'p':
		o.pflag = arg;
		break;
	case 'q':
		nc.qflag = (int)opt_num(arg, INT_MIN, INT_MAX, "quit timer");
		if (nc.qflag >= 0)
			nc.big_nflag = 1; /* Debian: -q implies -N */
		break;
	case 'r':
		o.rflag = 1;
		break;
	case 's':
		o.sflag = arg;
		break;
	case 't':
		nc.tflag = 1;
		break;
	case 'u':
		nc.uflag = 1;
		break;
	case 'Z':
		o.dccp = 1;
		break;
	case 'V':
		errx(1, "no alternate routing table support available");
	case 'v':
		nc.vflag = 1;
		break;
	case 'W':
		nc.recvlimit = (int)opt_num(arg, 1, INT_MAX, "receive limit");
		break;
	case 'w':
		nc.timeout = (int)opt_num(arg, 0, INT_MAX / 1000, "timeout");
		nc.timeout *= 1000;
		break;
	case 'x':
		o.xflag = 1;
		break;
	case 'z':
		nc.zflag = 1;
		break;
	case 'D':
		o.dflag_debug = 1;
		break;
	case 'I':
		o.rcvbuf =
			(int)opt_num(arg, 1, 65536 << 14, "TCP receive window");
		break;
	case 'O':
		o.sndbuf = (int)opt_num(arg, 1, 65536 << 14, "TCP send window");
		break;
	case 'S':
		errx(1, "no TCP MD5 signature support available");
	case 'T':
		opt_tos(arg);
		break;
	default:
		usage(1);
	}
}

/* Checks of the combination, in netcat's order. */
static void check_opts(const char *host, char **uport)
{
	if (o.family == AF_UNIX) {
		if (uport && *uport)
			errx(1, "cannot use port with -U");
		if (!host)
			errx(1, "missing socket pathname");
	} else if (!uport || !*uport) {
		errx(1, "missing port number");
	}
	if (nc.lflag && nc.zflag)
		errx(1, "cannot use -z and -l");
	if (!nc.lflag && nc.kflag)
		errx(1, "must use -l with -k");
	if (o.family == AF_UNIX && o.fflag)
		errx(1, "cannot use -F and -U");
	if (o.xflag) {
		if (nc.uflag)
			errx(1, "no proxy support for UDP mode");
		if (o.dccp)
			errx(1, "no proxy support for DCCP mode");
		if (nc.lflag)
			errx(1, "no proxy support for listen");
		if (o.family == AF_UNIX)
			errx(1, "no proxy support for unix sockets");
		if (o.sflag)
			errx(1, "no proxy support for local source address");
		errx(1, "no proxy support built (-x)");
	}
}

int main(int argc, char *argv[])
{
	struct addrinfo hints = { 0 };
	char *host = NULL, **uport = NULL;
	int ch;

	(void)signal(SIGPIPE, SIG_IGN);
	while ((ch = getopt(
			argc, argv,
			"46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz")) !=
	       -1)
		parse_opt(ch, optarg);
	argc -= optind;
	argv += optind;

	/* Which arguments are the host and the ports. */
	if (argc == 0 && nc.lflag) {
		uport = (char **)&o.pflag;
		host = (char *)o.sflag;
	} else if (argc == 1 && !o.pflag &&
		   (!o.sflag ||
		    (o.family == AF_UNIX && nc.uflag && !nc.lflag))) {
		if (o.family == AF_UNIX) {
			host = argv[0];
		} else if (nc.lflag) {
			uport = argv;
		}
	} else if (argc >= 2) {
		if (nc.lflag && (o.pflag || o.sflag || argc > 2))
			usage(1);
		host = argv[0];
		uport = &argv[1];
	} else {
		usage(1);
	}
	check_opts(host, uport);

	hints.ai_family = o.family;
	if (nc.uflag) {
		hints.ai_socktype = SOCK_DGRAM;
		hints.ai_protocol = IPPROTO_UDP;
	} else if (o.dccp) {
		hints.ai_socktype = SOCK_DCCP;
		hints.ai_protocol = IPPROTO_DCCP;
	} else {
		hints.ai_socktype = SOCK_STREAM;
		hints.ai_protocol = IPPROTO_TCP;
	}
	if (nc.nflag)
		hints.ai_flags |= AI_NUMERICHOST;

	if (nc.lflag)
		return listen_mode(host, uport ? *uport : NULL, &hints);
	if (o.family == AF_UNIX)
		return unix_client(host);
	return client_mode(host, uport, &hints);
}
