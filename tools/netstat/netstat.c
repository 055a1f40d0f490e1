// SPDX-License-Identifier: BSD-2-Clause
/*
 * netstat: sockets, routes, interfaces and statistics of the current
 * network namespace, with net-tools 2.10's options and output, read the
 * way net-tools reads them: /proc/net/{tcp,udp,raw} for sockets,
 * /proc/net/route for -r, /proc/net/dev and the SIOCGIF* ioctls for -i,
 * /proc/net/{snmp,netstat} for -s (statistics.c) -- the stack's files,
 * through tn_open().
 *
 *   netstat [-tuwxaln] [-e[e]] [-p] [-o] [-W] [-c]   sockets
 *   netstat -r [-n] [-e[e]] [-c]                     routing table
 *   netstat -i [-a] [-e] [-c]                        interfaces
 *   netstat -s [-tuw]                                statistics
 *
 * Where tuxnet lacks a protocol, netstat shows what Linux shows for one
 * without sockets: an absent /proc/net/tcp (no TCP yet) lists nothing,
 * as an empty one does, and the UNIX, IPv6, UDP-Lite and SCTP tables are
 * empty.  -p looks for the sockets in the stack's /proc/PID/fd, which
 * tuxnet does not have yet: the column shows "-", as netstat does for a
 * socket no process it may inspect holds.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <net/if_arp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "netstat.h"

#ifndef RTF_UP
#define RTF_UP	      0x0001
#define RTF_GATEWAY   0x0002
#define RTF_HOST      0x0004
#define RTF_REINSTATE 0x0008
#define RTF_DYNAMIC   0x0010
#define RTF_MODIFIED  0x0020
#define RTF_MTU	      0x0040
#define RTF_WINDOW    0x0080
#define RTF_IRTT      0x0100
#define RTF_REJECT    0x0200
#endif

enum { NUM_HOST = 1, NUM_PORT = 2, NUM_USER = 4 };

static int flag_all, flag_lst, flag_cnt, flag_exp = 1, flag_prg, flag_opt;
static int flag_wide, flag_not, flag_tcp, flag_udp, flag_raw, flag_unx;
static int flag_udplite, flag_arg, flag_ver, flag_inet, flag_inet6;
static char afname[16]; /* the family -s is about: the last one named */

/* ---- files ---- */

char *ns_slurp(const char *path, size_t *lenp)
{
	size_t len = 0, cap = 8192;
	char *buf = malloc(cap);
	int fd;

	if (!buf)
		return NULL;
	fd = tn_open(path, O_RDONLY);
	if (fd < 0) {
		int err = errno;

		free(buf);
		errno = err;
		return NULL;
	}
	for (;;) {
		ssize_t n;

		if (cap - len < 4096) {
			char *nb = realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				tn_close(fd);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		n = tn_read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			int err = errno;

			free(buf);
			tn_close(fd);
			errno = err;
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	tn_close(fd);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

char *ns_next_line(char **pos)
{
	char *line = *pos, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*pos = nl + 1;
	} else {
		*pos = line + strlen(line);
	}
	return line;
}

/* ---- names, as net-tools' lib/inet.c gives them ---- */

/*
 * An IPv4 address as text: numeric with -n, else its host name (or its
 * network's name when the host part under @mask is zero), "0.0.0.0" for
 * INADDR_ANY -- or "default" when @dflt.
 */
static void ns_host(char *buf, size_t len, uint32_t addr, uint32_t mask,
		    int numeric, int dflt, int host)
{
	struct in_addr in = { .s_addr = addr };

	if (addr == INADDR_ANY) {
		(void)snprintf(buf, len, "%s",
			       dflt && !numeric ? "default" : "0.0.0.0");
		return;
	}
	if (!numeric) {
		if ((addr & ~mask) || host) {
			struct sockaddr_in sin = { .sin_family = AF_INET,
						   .sin_addr = in };

			if (!getnameinfo((struct sockaddr *)&sin, sizeof(sin),
					 buf, (socklen_t)len, NULL, 0,
					 NI_NAMEREQD))
				return;
		} else {
			struct netent *ne = getnetbyaddr(ntohl(addr), AF_INET);

			if (ne && ne->n_name) {
				(void)snprintf(buf, len, "%s", ne->n_name);
				return;
			}
		}
	}
	(void)snprintf(buf, len, "%s", inet_ntoa(in));
}

static const char *ns_service(unsigned int port, const char *proto, int numeric,
			      char *buf, size_t len)
{
	struct servent *se;

	if (port == 0)
		return "*";
	if (!numeric && !strcmp(proto, "raw")) {
		/* a raw socket's "port" is its protocol */
		struct protoent *pe = getprotobynumber((int)port);

		if (pe) {
			(void)snprintf(buf, len, "%s", pe->p_name);
			return buf;
		}
	} else if (!numeric) {
		se = getservbyport((int)htons((uint16_t)port), proto);
		if (se) {
			(void)snprintf(buf, len, "%s", se->s_name);
			return buf;
		}
	}
	(void)snprintf(buf, len, "%u", port);
	return buf;
}

/* "host:port" cut to @short_len as net-tools' addr_do_one() cuts it. */
static void ns_addr_port(char *buf, size_t len, uint32_t addr,
			 unsigned int port, const char *proto)
{
	char host[256], sbuf[64];
	const char *serv;
	size_t alen, plen, short_len = 22;

	ns_host(host, sizeof(host), addr, 0xffffff00, flag_not & NUM_HOST, 0,
		0);
	serv = ns_service(port, proto, flag_not & NUM_PORT, sbuf, sizeof(sbuf));
	alen = strlen(host);
	plen = strlen(serv);
	if (!flag_wide && alen + plen > short_len) {
		if (plen > short_len - 4)
			plen = short_len - 4;
		alen = short_len - plen;
		(void)snprintf(buf, len, "%.*s:%.*s", (int)alen, host,
			       (int)plen, serv);
	} else {
		(void)snprintf(buf, len, "%s:%s", host, serv);
	}
}

/* ---- -p: which process holds a socket (net-tools' prg_cache) ---- */

/* The record tn_getdents64() returns, as struct linux_dirent64. */
struct ns_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct ns_prg {
	unsigned long inode;
	char name[20]; /* net-tools' PROGNAME_WIDTH, "PID/program" cut */
};

static struct ns_prg *prg_cache;
static size_t prg_count, prg_cap;

static int ns_numeric(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Names of directory @path of the stack's file system, through @fn. */
static void ns_dir(const char *path, void (*fn)(const char *name, void *arg),
		   void *arg)
{
	char buf[4096];
	ssize_t n;
	int fd = tn_open(path, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return;
	while ((n = tn_getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			const struct ns_dirent64 *d = (const void *)(buf + off);

			if (!d->d_reclen)
				break;
			off += d->d_reclen;
			fn(d->d_name, arg);
		}
	}
	tn_close(fd);
}

struct ns_pid {
	const char *pid;
	char prog[512];
	int have_prog;
};

static void ns_prg_fd(const char *fdname, void *arg)
{
	struct ns_pid *p = arg;
	char path[64], link[64];
	unsigned long inode;
	ssize_t n;
	char *end;

	if (!isdigit((unsigned char)fdname[0]))
		return;
	(void)snprintf(path, sizeof(path), "/proc/%s/fd/%s", p->pid, fdname);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return;
	link[n] = '\0';
	if (strncmp(link, "socket:[", 8) || link[n - 1] != ']')
		return;
	inode = strtoul(link + 8, &end, 10);
	if (*end != ']')
		return;
	if (!p->have_prog) {
		char cpath[64];
		const char *base;
		ssize_t len;
		int fd;

		(void)snprintf(cpath, sizeof(cpath), "/proc/%s/cmdline",
			       p->pid);
		fd = open(cpath, O_RDONLY);
		if (fd < 0)
			return;
		len = read(fd, p->prog, sizeof(p->prog) - 1);
		close(fd);
		if (len < 0)
			return;
		p->prog[len] = '\0';
		base = p->prog[0] == '/' ? strrchr(p->prog, '/') + 1 : p->prog;
		memmove(p->prog, base, strlen(base) + 1);
		p->have_prog = 1;
	}
	for (size_t i = 0; i < prg_count; i++)
		if (prg_cache[i].inode == inode)
			return;
	if (prg_count == prg_cap) {
		size_t nc = prg_cap ? prg_cap * 2 : 64;
		struct ns_prg *nl = realloc(prg_cache, nc * sizeof(*nl));

		if (!nl)
			return;
		prg_cache = nl;
		prg_cap = nc;
	}
	prg_cache[prg_count].inode = inode;
	{
		char full[600];
		size_t l;

		(void)snprintf(full, sizeof(full), "%s/%s", p->pid, p->prog);
		l = strlen(full);
		if (l >= sizeof(prg_cache[0].name))
			l = sizeof(prg_cache[0].name) - 1;
		memcpy(prg_cache[prg_count].name, full, l);
		prg_cache[prg_count].name[l] = '\0';
	}
	prg_count++;
}

static void ns_prg_pid(const char *name, void *arg)
{
	struct ns_pid p = { .pid = name };
	char path[64];

	(void)arg;
	if (!ns_numeric(name))
		return;
	(void)snprintf(path, sizeof(path), "/proc/%s/fd", name);
	ns_dir(path, ns_prg_fd, &p);
}

/*
 * The sockets in the stack's /proc/PID/fd.  tuxnet's /proc has no PID
 * directories (its sockets are not the host's file descriptors), so
 * there the cache stays empty and every socket shows "-"; built on the
 * host kernel (hosttools) this is net-tools' scan of /proc.
 */
static void ns_prg_load(void)
{
	static int loaded;

	if (loaded || !flag_prg)
		return;
	loaded = 1;
	ns_dir("/proc", ns_prg_pid, NULL);
}

static const char *ns_prg_get(unsigned long inode)
{
	for (size_t i = 0; i < prg_count; i++)
		if (prg_cache[i].inode == inode)
			return prg_cache[i].name;
	return "-";
}

/* ---- sockets: /proc/net/{tcp,udp,raw} ---- */

static const char *const tcp_state[] = {
	"",	     "ESTABLISHED", "SYN_SENT",	    "SYN_RECV",	  "FIN_WAIT1",
	"FIN_WAIT2", "TIME_WAIT",   "CLOSE",	    "CLOSE_WAIT", "LAST_ACK",
	"LISTEN",    "CLOSING",	    "NEW_SYN_RECV",
};

struct ns_sock {
	uint32_t laddr, raddr;
	unsigned int lport, rport, state, timer;
	unsigned long txq, rxq, when, retr, inode;
	int uid, timeout;
};

static int ns_parse_sock(const char *line, struct ns_sock *s, int *num)
{
	char la[65], ra[65];
	int d;

	*num = sscanf(
		line,
		"%d: %64[0-9A-Fa-f]:%X %64[0-9A-Fa-f]:%X %X %lX:%lX %X:%lX "
		"%lX %d %d %lu",
		&d, la, &s->lport, ra, &s->rport, &s->state, &s->txq, &s->rxq,
		&s->timer, &s->when, &s->retr, &s->uid, &s->timeout, &s->inode);
	if (*num < 3)
		return -1;
	/* the kernel prints the address as the u32 it holds, in host order */
	s->laddr = (uint32_t)strtoul(la, NULL, 16);
	s->raddr = *num >= 4 ? (uint32_t)strtoul(ra, NULL, 16) : 0;
	return 0;
}

static void ns_finish(const struct ns_sock *s, const char *timers)
{
	if (flag_exp > 1) {
		struct passwd *pw = NULL;

		if (!(flag_not & NUM_USER))
			pw = getpwuid((uid_t)s->uid);
		if (pw)
			printf(" %-10s ", pw->pw_name);
		else
			printf(" %-10d ", s->uid);
		printf("%-10lu", s->inode);
	}
	if (flag_prg)
		printf(" %-20s", ns_prg_get(s->inode));
	if (flag_opt)
		printf(" %s", timers);
	putchar('\n');
}

static void ns_timers(char *buf, size_t len, const struct ns_sock *s, int tcp)
{
	double t = (double)s->when / 100;

	switch (s->timer) {
	case 0:
		(void)snprintf(buf, len, "off (0.00/%ld/%d)", (long)s->retr,
			       s->timeout);
		break;
	case 1:
		if (tcp)
			(void)snprintf(buf, len, "on (%2.2f/%ld/%d)", t,
				       (long)s->retr, s->timeout);
		else
			(void)snprintf(buf, len, "on%u (%2.2f/%ld/%d)",
				       s->timer, t, (long)s->retr, s->timeout);
		break;
	case 2:
		if (tcp)
			(void)snprintf(buf, len, "keepalive (%2.2f/%ld/%d)", t,
				       (long)s->retr, s->timeout);
		else
			(void)snprintf(buf, len, "on%u (%2.2f/%ld/%d)",
				       s->timer, t, (long)s->retr, s->timeout);
		break;
	case 3:
		if (tcp)
			(void)snprintf(buf, len, "timewait (%2.2f/%ld/%d)", t,
				       (long)s->retr, s->timeout);
		else /* udp and raw know no timer 3 */
			(void)snprintf(buf, len, "unkn-%u (%2.2f/%ld/%d)",
				       s->timer, t, (long)s->retr, s->timeout);
		break;
	default:
		(void)snprintf(buf, len, "unkn-%u (%2.2f/%ld/%d)", s->timer, t,
			       (long)s->retr, s->timeout);
		break;
	}
}

static void tcp_do_one(const char *line)
{
	char local[320], rem[320], timers[64];
	struct ns_sock s;
	int num;

	memset(&s, 0, sizeof(s));
	if (ns_parse_sock(line, &s, &num) || num < 11) {
		fprintf(stderr, "warning, got bogus tcp line.\n");
		return;
	}
	if (!flag_all && ((flag_lst && s.rport) || (!flag_lst && !s.rport)))
		return;
	ns_addr_port(local, sizeof(local), s.laddr, s.lport, "tcp");
	ns_addr_port(rem, sizeof(rem), s.raddr, s.rport, "tcp");
	timers[0] = '\0';
	if (flag_opt)
		ns_timers(timers, sizeof(timers), &s, 1);
	printf("%-4s  %6ld %6ld %-*s %-*s %-11s", "tcp", (long)s.rxq,
	       (long)s.txq, (int)(strlen(local) > 23 ? strlen(local) : 23),
	       local, (int)(strlen(rem) > 23 ? strlen(rem) : 23), rem,
	       s.state < sizeof(tcp_state) / sizeof(tcp_state[0])
		       ? tcp_state[s.state]
		       : "");
	ns_finish(&s, timers);
}

static void dgram_do_one(const char *line, const char *prot, int raw)
{
	char local[320], rem[320], timers[64];
	const char *state;
	struct ns_sock s;
	int num;

	memset(&s, 0, sizeof(s));
	if (ns_parse_sock(line, &s, &num) || num < 10) {
		fprintf(stderr, "warning, got bogus %s line.\n",
			raw ? "raw" : "udp");
		return;
	}
	s.retr = 0;
	if (!(flag_all || (s.raddr && !flag_lst) || (!s.raddr && flag_lst)))
		return;
	ns_addr_port(local, sizeof(local), s.laddr, s.lport, prot);
	ns_addr_port(rem, sizeof(rem), s.raddr, s.rport, prot);
	timers[0] = '\0';
	if (flag_opt)
		ns_timers(timers, sizeof(timers), &s, 0);
	if (raw) {
		printf("%-4s  %6ld %6ld %-23s %-23s %-11u", prot, (long)s.rxq,
		       (long)s.txq, local, rem, s.state);
	} else {
		if (s.state == 1)
			state = "ESTABLISHED";
		else if (s.state == 7)
			state = "";
		else
			state = "UNKNOWN";
		printf("%-5s %6ld %6ld %-23s %-23s %-11s", prot, (long)s.rxq,
		       (long)s.txq, local, rem, state);
	}
	ns_finish(&s, timers);
}

enum ns_proto { P_TCP, P_UDP, P_UDPLITE, P_RAW };

/*
 * One protocol's table.  A missing file is an error only when the
 * protocol was asked for (net-tools' "no support for" message), except
 * tcp: tuxnet has no TCP yet, and an absent table reads as an empty one.
 */
static int ns_info(enum ns_proto p)
{
	static const char *const file[] = { "/proc/net/tcp", "/proc/net/udp",
					    "/proc/net/udplite",
					    "/proc/net/raw" };
	static const char *const name[] = { "AF INET (tcp)", "AF INET (udp)",
					    "AF INET (udplite)",
					    "AF INET (raw)" };
	char *text, *pos, *line;
	int lnr = 0;

	/* only -6: the IPv6 tables, which tuxnet does not have */
	if (flag_arg && !flag_inet)
		return 0;
	text = ns_slurp(file[p], NULL);
	if (!text) {
		if (errno != ENOENT) {
			perror(file[p]);
			return -1;
		}
		if (p == P_TCP)
			return 0;
		if (flag_arg || flag_ver)
			fprintf(stderr,
				"netstat: no support for `%s' on this system.\n",
				name[p]);
		return flag_arg ? 1 : 0;
	}
	pos = text;
	while ((line = ns_next_line(&pos))) {
		if (lnr++ == 0)
			continue;
		switch (p) {
		case P_TCP:
			tcp_do_one(line);
			break;
		case P_UDP:
			dgram_do_one(line, "udp", 0);
			break;
		case P_UDPLITE:
			dgram_do_one(line, "udpl", 0);
			break;
		case P_RAW:
			dgram_do_one(line, "raw", 1);
			break;
		}
	}
	free(text);
	return 0;
}

static const char *ns_which(void)
{
	if (flag_all)
		return "(servers and established)";
	return flag_lst ? "(only servers)" : "(w/o servers)";
}

static int ns_sockets(void)
{
	int rc;

	if (!flag_arg || flag_tcp || flag_udp || flag_udplite || flag_raw) {
		ns_prg_load();
		printf("Active Internet connections %s", ns_which());
		printf("\nProto Recv-Q Send-Q Local Address           Foreign "
		       "Address         State      ");
		if (flag_exp > 1)
			printf(" User       Inode     ");
		if (flag_prg)
			printf(" %-20s", "PID/Program name");
		if (flag_opt)
			printf(" Timer");
		printf("\n");
	}
	if (!flag_arg || flag_tcp) {
		rc = ns_info(P_TCP);
		if (rc)
			return rc;
	}
	if (!flag_arg || flag_udp) {
		rc = ns_info(P_UDP);
		if (rc)
			return rc;
	}
	if (!flag_arg || flag_udplite) {
		rc = ns_info(P_UDPLITE);
		if (rc)
			return rc;
	}
	if (!flag_arg || flag_raw) {
		rc = ns_info(P_RAW);
		if (rc)
			return rc;
	}
	if (!flag_arg || flag_unx) {
		/* no AF_UNIX in the stack: the table of a namespace without
		 * UNIX sockets */
		printf("Active UNIX domain sockets %s", ns_which());
		printf("\nProto RefCnt Flags       Type       State         "
		       "I-Node  ");
		if (flag_prg)
			printf(" %-20s", "PID/Program name");
		printf(" Path\n");
	}
	return 0;
}

/* ---- routes: /proc/net/route, as net-tools' lib/inet_gr.c ---- */

/* Appends @s to the string in @buf (@len bytes), cutting it if need be. */
static void ns_append(char *buf, size_t len, const char *s)
{
	size_t used = strlen(buf);

	if (used < len)
		(void)snprintf(buf + used, len - used, "%s", s);
}

static int ns_col(char *const *cols, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(cols[i], name))
			return i;
	return -1;
}

static int ns_routes(int ext, int numeric)
{
	static const char *const want[] = { "Iface",  "Destination", "Gateway",
					    "Flags",  "RefCnt",	     "Use",
					    "Metric", "Mask",	     "MTU",
					    "Window", "IRTT" };
	char *text = ns_slurp("/proc/net/route", NULL), *pos, *line;
	char *cols[32], *f[32];
	int ncols = 0, idx[11];

	if (!text) {
		perror("/proc/net/route");
		printf("INET (IPv4) not configured in this system.\n");
		return 1;
	}
	printf("Kernel IP routing table\n");
	if (ext == 1)
		printf("Destination     Gateway         Genmask         Flags "
		       "Metric Ref    Use Iface\n");
	if (ext == 2)
		printf("Destination     Gateway         Genmask         Flags "
		       "  MSS Window  irtt Iface\n");
	if (ext >= 3)
		printf("Destination     Gateway         Genmask         Flags "
		       "Metric Ref    Use Iface    MSS   Window irtt\n");
	pos = text;
	line = ns_next_line(&pos);
	for (char *t = line ? strtok(line, " \t") : NULL; t && ncols < 32;
	     t = strtok(NULL, " \t"))
		cols[ncols++] = t;
	for (int i = 0; i < 11; i++) {
		idx[i] = ns_col(cols, ncols, want[i]);
		if (idx[i] < 0) {
			fprintf(stderr, "warning: %s: no column %s\n",
				"/proc/net/route", want[i]);
			free(text);
			return 1;
		}
	}
	while ((line = ns_next_line(&pos))) {
		char dst[128], gw[128], mask[128], flags[32];
		unsigned long v[11];
		int n = 0, iflags, metric, refcnt, use, mss, window, irtt;
		uint32_t d, g, m;

		for (char *t = strtok(line, " \t"); t && n < 32;
		     t = strtok(NULL, " \t"))
			f[n++] = t;
		if (n < ncols)
			continue;
		for (int i = 1; i < 11; i++)
			v[i] = strtoul(f[idx[i]], NULL,
				       (i == 1 || i == 2 || i == 3 || i == 7)
					       ? 16
					       : 10);
		iflags = (int)v[3];
		if (!(iflags & RTF_UP))
			continue;
		refcnt = (int)v[4];
		use = (int)v[5];
		metric = (int)v[6];
		mss = (int)v[8];
		window = (int)v[9];
		irtt = (int)v[10];
		d = (uint32_t)v[1];
		g = (uint32_t)v[2];
		m = (uint32_t)v[7];
		ns_host(dst, sizeof(dst), d, m, numeric, 1,
			!!(iflags & RTF_HOST));
		dst[15] = '\0';
		ns_host(gw, sizeof(gw), g, 0, numeric, 0, 1);
		gw[15] = '\0';
		ns_host(mask, sizeof(mask), m, 0, 1, 0, 0);
		(void)snprintf(flags, sizeof(flags), "%s",
			       iflags & RTF_REJECT    ? "!"
			       : iflags & RTF_GATEWAY ? "UG"
						      : "U");
		if (iflags & RTF_HOST)
			ns_append(flags, sizeof(flags), "H");
		if (iflags & RTF_REINSTATE)
			ns_append(flags, sizeof(flags), "R");
		if (iflags & RTF_DYNAMIC)
			ns_append(flags, sizeof(flags), "D");
		if (iflags & RTF_MODIFIED)
			ns_append(flags, sizeof(flags), "M");
		if (iflags & RTF_MTU)
			ns_append(flags, sizeof(flags), "u");
		if (iflags & RTF_WINDOW)
			ns_append(flags, sizeof(flags), "w");
		if (iflags & RTF_IRTT)
			ns_append(flags, sizeof(flags), "i");
		if (ext == 1) {
			if (iflags & RTF_REJECT)
				printf("%-15s -               %-15s %-5s %-6d -  "
				       "%7d -\n",
				       dst, mask, flags, metric, use);
			else
				printf("%-15s %-15s %-15s %-5s %-6d %-2d %7d "
				       "%s\n",
				       dst, gw, mask, flags, metric, refcnt,
				       use, f[idx[0]]);
		} else if (ext == 2) {
			if (iflags & RTF_REJECT)
				printf("%-15s -               %-15s %-5s     - "
				       "-          - -\n",
				       dst, mask, flags);
			else
				printf("%-15s %-15s %-15s %-5s %5d %-5d %6d "
				       "%s\n",
				       dst, gw, mask, flags, mss, window, irtt,
				       f[idx[0]]);
		} else {
			if (iflags & RTF_REJECT)
				printf("%-15s -               %-15s %-5s %-6d -  "
				       "%7d -        -     -      -\n",
				       dst, mask, flags, metric, use);
			else
				printf("%-15s %-15s %-15s %-5s %-6d %-3d %6d "
				       "%-6.6s   %-5d %-6d %d\n",
				       dst, gw, mask, flags, metric, refcnt,
				       use, f[idx[0]], mss, window, irtt);
		}
	}
	free(text);
	return 0;
}

/* ---- interfaces: /proc/net/dev and SIOCGIF*, as net-tools' lib/interface.c */

struct ns_if {
	char name[IFNAMSIZ];
	int have_stats;
	unsigned long long st[16];
};

/* net-tools' nstrcmp(): digit runs compare as numbers ("eth2" < "eth10") */
static int ns_nstrcmp(const char *a, const char *b)
{
	while (*a && *a == *b && !isdigit((unsigned char)*a)) {
		a++;
		b++;
	}
	if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
		char *ea, *eb;
		unsigned long na = strtoul(a, &ea, 10);
		unsigned long nb = strtoul(b, &eb, 10);

		if (na != nb)
			return na < nb ? -1 : 1;
		return ns_nstrcmp(ea, eb);
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static struct ns_if *ns_if_add(struct ns_if **list, size_t *n, size_t *cap,
			       const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*list)[i].name, name))
			return &(*list)[i];
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct ns_if *nl = realloc(*list, nc * sizeof(**list));

		if (!nl)
			return NULL;
		*list = nl;
		*cap = nc;
	}
	memset(&(*list)[*n], 0, sizeof(**list));
	(void)snprintf((*list)[*n].name, IFNAMSIZ, "%s", name);
	return &(*list)[(*n)++];
}

static int ns_if_cmp(const void *a, const void *b)
{
	return ns_nstrcmp(((const struct ns_if *)a)->name,
			  ((const struct ns_if *)b)->name);
}

static void ns_print_flags_long(unsigned int fl)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{ IFF_UP, "UP" },
		{ IFF_BROADCAST, "BROADCAST" },
		{ IFF_DEBUG, "DEBUG" },
		{ IFF_LOOPBACK, "LOOPBACK" },
		{ IFF_POINTOPOINT, "POINTOPOINT" },
		{ IFF_NOTRAILERS, "NOTRAILERS" },
		{ IFF_RUNNING, "RUNNING" },
		{ IFF_NOARP, "NOARP" },
		{ IFF_PROMISC, "PROMISC" },
		{ IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_SLAVE, "SLAVE" },
		{ IFF_MASTER, "MASTER" },
		{ IFF_MULTICAST, "MULTICAST" },
		{ IFF_DYNAMIC, "DYNAMIC" },
	};
	char buf[256];
	size_t len;

	(void)snprintf(buf, sizeof(buf), "flags=%u<", fl);
	if (fl == 0)
		ns_append(buf, sizeof(buf), ">");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fl & names[i].bit) {
			ns_append(buf, sizeof(buf), names[i].name);
			ns_append(buf, sizeof(buf), ",");
		}
	len = strlen(buf);
	if (buf[len - 1] == ',')
		buf[len - 1] = '>';
	else
		buf[len - 1] = '\0';
	printf("%s", buf);
}

static const char *ns_sin(const struct sockaddr *sa)
{
	const struct sockaddr_in *sin =
		(const struct sockaddr_in *)(const void *)sa;

	return inet_ntoa(sin->sin_addr);
}

static void ns_bytes(const char *dir, unsigned long long pkts,
		     unsigned long long b)
{
	static const struct {
		unsigned long long lim;
		const char *unit;
	} units[] = {
		{ 1152921504606846976ULL, "EiB" },
		{ 1125899906842624ULL, "PiB" },
		{ 1099511627776ULL, "TiB" },
		{ 1073741824ULL, "GiB" },
		{ 1048576ULL, "MiB" },
		{ 1024ULL, "KiB" },
	};
	unsigned long long s = b * 10;
	const char *unit = "B";

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (b > units[i].lim) {
			s = i == 0 ? b / 115292150460684697ULL
				   : s / units[i].lim;
			unit = units[i].unit;
			break;
		}
	printf("        %s packets %llu  bytes %llu (%lu.%lu %s)\n", dir, pkts,
	       b, (unsigned long)(s / 10), (unsigned long)(s % 10), unit);
}

static int ns_if_print(int sk, const struct ns_if *ife)
{
	struct ifreq ifr;
	unsigned int fl;
	int mtu, txq = -1, has_ip = 0, type = -1;
	unsigned char hw[6] = { 0 };
	struct sockaddr addr, mask, brd, dst;
	const unsigned long long *st = ife->st;

	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, IFNAMSIZ, "%s", ife->name);
	if (tn_ioctl(sk, SIOCGIFFLAGS, &ifr) < 0) {
		fprintf(stderr,
			"%s: error fetching interface information: %s\n",
			ife->name,
			errno == ENODEV ? "Device not found" : strerror(errno));
		return -1;
	}
	fl = (unsigned short)ifr.ifr_flags;
	if (!(fl & IFF_UP) && !flag_all)
		return 0;
	mtu = tn_ioctl(sk, SIOCGIFMTU, &ifr) < 0 ? 0 : ifr.ifr_mtu;
	if (flag_exp < 2) {
		printf("%-15.15s ", ife->name);
		printf("%5d ", mtu);
		if (ife->have_stats) {
			/* rx packets errs drop fifo, tx packets errs drop fifo */
			printf("%8llu %6llu %6llu %-6llu ", st[1], st[2], st[3],
			       st[4]);
			printf("%8llu %6llu %6llu %6llu ", st[9], st[10],
			       st[11], st[12]);
		} else {
			printf("%-56s", "     - no statistics available -");
		}
		if (fl == 0)
			printf("[NO FLAGS]");
		if (fl & IFF_ALLMULTI)
			printf("A");
		if (fl & IFF_BROADCAST)
			printf("B");
		if (fl & IFF_DEBUG)
			printf("D");
		if (fl & IFF_LOOPBACK)
			printf("L");
		if (fl & IFF_MULTICAST)
			printf("M");
		if (fl & IFF_DYNAMIC)
			printf("d");
		if (fl & IFF_PROMISC)
			printf("P");
		if (fl & IFF_NOTRAILERS)
			printf("N");
		if (fl & IFF_NOARP)
			printf("O");
		if (fl & IFF_POINTOPOINT)
			printf("P");
		if (fl & IFF_SLAVE)
			printf("s");
		if (fl & IFF_MASTER)
			printf("m");
		if (fl & IFF_RUNNING)
			printf("R");
		if (fl & IFF_UP)
			printf("U");
		printf("\n");
		return 0;
	}
	if (tn_ioctl(sk, SIOCGIFHWADDR, &ifr) == 0) {
		memcpy(hw, ifr.ifr_hwaddr.sa_data, sizeof(hw));
		type = ifr.ifr_hwaddr.sa_family;
	}
	if (tn_ioctl(sk, SIOCGIFTXQLEN, &ifr) == 0)
		txq = ifr.ifr_qlen;
	memset(&addr, 0, sizeof(addr));
	memset(&mask, 0, sizeof(mask));
	memset(&brd, 0, sizeof(brd));
	memset(&dst, 0, sizeof(dst));
	if (tn_ioctl(sk, SIOCGIFADDR, &ifr) == 0) {
		has_ip = 1;
		addr = ifr.ifr_addr;
		if (tn_ioctl(sk, SIOCGIFDSTADDR, &ifr) == 0)
			dst = ifr.ifr_dstaddr;
		if (tn_ioctl(sk, SIOCGIFBRDADDR, &ifr) == 0)
			brd = ifr.ifr_broadaddr;
		if (tn_ioctl(sk, SIOCGIFNETMASK, &ifr) == 0)
			mask = ifr.ifr_netmask;
	}
	printf("%s: ", ife->name);
	ns_print_flags_long(fl);
	printf("  mtu %d\n", mtu);
	if (has_ip) {
		printf("        inet %s", ns_sin(&addr));
		printf("  netmask %s", ns_sin(&mask));
		if (fl & IFF_BROADCAST)
			printf("  broadcast %s", ns_sin(&brd));
		if (fl & IFF_POINTOPOINT)
			printf("  destination %s", ns_sin(&dst));
		printf("\n");
	}
	if (type == ARPHRD_ETHER)
		printf("        ether %02x:%02x:%02x:%02x:%02x:%02x", hw[0],
		       hw[1], hw[2], hw[3], hw[4], hw[5]);
	else if (type == ARPHRD_LOOPBACK)
		printf("        loop");
	else
		printf("        unspec %02X-%02X-%02X-%02X-%02X-%02X-00-00-00-"
		       "00-00-00-00-00-00-00",
		       hw[0], hw[1], hw[2], hw[3], hw[4], hw[5]);
	if (txq != -1)
		printf("  txqueuelen %d", txq);
	printf("  (%s)\n", type == ARPHRD_ETHER	     ? "Ethernet"
			   : type == ARPHRD_LOOPBACK ? "Local Loopback"
						     : "UNSPEC");
	if (ife->have_stats) {
		ns_bytes("RX", st[1], st[0]);
		printf("        RX errors %llu  dropped %llu  overruns %llu  "
		       "frame %llu\n",
		       st[2], st[3], st[4], st[5]);
		ns_bytes("TX", st[9], st[8]);
		printf("        TX errors %llu  dropped %llu overruns %llu  "
		       "carrier %llu  collisions %llu\n",
		       st[10], st[11], st[12], st[14], st[13]);
	}
	printf("\n");
	return 0;
}

static int ns_interfaces(void)
{
	/* net-tools keeps its socket open under -c: the title comes once */
	static int titled;
	struct ns_if *list = NULL;
	size_t n = 0, cap = 0;
	char *text, *pos, *line;
	struct ifconf ifc;
	char buf[8192];
	int sk, rc = 0, lnr = 0;

	sk = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (sk < 0) {
		perror("socket");
		exit(1);
	}
	if (!titled)
		printf("Kernel Interface table\n");
	titled = flag_cnt;
	if (flag_exp < 2)
		printf("Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    "
		       "TX-OK TX-ERR TX-DRP TX-OVR Flg\n");
	text = ns_slurp("/proc/net/dev", NULL);
	pos = text;
	while (text && (line = ns_next_line(&pos))) {
		char *colon;
		struct ns_if *ife;

		if (lnr++ < 2)
			continue;
		colon = strrchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		line += strspn(line, " ");
		ife = ns_if_add(&list, &n, &cap, line);
		if (!ife)
			break;
		ife->have_stats =
			sscanf(colon + 1,
			       "%llu %llu %llu %llu %llu %llu %llu %llu %llu "
			       "%llu %llu %llu %llu %llu %llu %llu",
			       &ife->st[0], &ife->st[1], &ife->st[2],
			       &ife->st[3], &ife->st[4], &ife->st[5],
			       &ife->st[6], &ife->st[7], &ife->st[8],
			       &ife->st[9], &ife->st[10], &ife->st[11],
			       &ife->st[12], &ife->st[13], &ife->st[14],
			       &ife->st[15]) == 16;
	}
	free(text);
	ifc.ifc_len = sizeof(buf);
	ifc.ifc_buf = buf;
	if (tn_ioctl(sk, SIOCGIFCONF, &ifc) == 0) {
		struct ifreq *r = ifc.ifc_req;

		for (size_t i = 0; i < ifc.ifc_len / sizeof(*r); i++)
			if (!ns_if_add(&list, &n, &cap, r[i].ifr_name))
				break;
	}
	if (n)
		qsort(list, n, sizeof(*list), ns_if_cmp);
	for (size_t i = 0; i < n; i++)
		if (ns_if_print(sk, &list[i]) < 0) {
			rc = -1;
			break;
		}
	free(list);
	tn_close(sk);
	if (rc < 0) {
		perror("missing interface information");
		exit(1);
	}
	return 0;
}

/* ---- main ---- */

static void usage(int rc)
{
	fprintf(stderr,
		"usage: netstat [-vWeenNcCF] [<Af>] -r         netstat "
		"{-V|--version|-h|--help}\n"
		"       netstat [-vWnNcaeol] [<Socket> ...]\n"
		"       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }\n"
		"\n"
		"        -r, --route              display routing table\n"
		"        -i, --interfaces         display interface list\n"
		"        -s, --statistics         display networking "
		"statistics (like SNMP)\n"
		"\n"
		"        -v, --verbose            be verbose\n"
		"        -W, --wide               don't truncate IP addresses\n"
		"        -n, --numeric            don't resolve names\n"
		"        --numeric-hosts          don't resolve host names\n"
		"        --numeric-ports          don't resolve port names\n"
		"        --numeric-users          don't resolve user names\n"
		"        -e, --extend             display other/more "
		"information\n"
		"        -p, --programs           display PID/Program name for "
		"sockets\n"
		"        -o, --timers             display timers\n"
		"        -c, --continuous         continuous listing\n"
		"\n"
		"        -l, --listening          display listening server "
		"sockets\n"
		"        -a, --all                display all sockets (default: "
		"connected)\n"
		"\n"
		"  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-w|--raw} "
		"{-x|--unix}\n"
		"  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n");
	exit(rc);
}

/* -4, -6, -x and -A FAMILY: the families net-tools knows here. */
static void ns_family(const char *name)
{
	if (!strcmp(name, "inet"))
		flag_inet = 1;
	else if (!strcmp(name, "inet6"))
		flag_inet6 = 1;
	else if (!strcmp(name, "unix"))
		flag_unx = 1;
	else {
		fprintf(stderr, "Unknown address family `%s'.\n", name);
		exit(1);
	}
	(void)snprintf(afname, sizeof(afname), "%s", name);
}

static void ns_families(const char *list)
{
	char buf[256], *save = NULL;

	(void)snprintf(buf, sizeof(buf), "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		ns_family(t);
}

static void ns_wait(void)
{
	struct timespec ts = { .tv_sec = 1 };

	(void)fflush(stdout);
	tn_nanosleep(&ts, NULL);
}

/* What the options asked for, after they are all read: -s, -r, -i or the
 * socket tables (each of the last three again every second with -c). */
static int ns_run(int flag_int, int flag_rou, int flag_sta)
{
	int rc = 0;

	if (flag_sta) {
		if (!afname[0] || !strcmp(afname, "inet")) {
			ns_statistics(flag_raw, flag_tcp, flag_udp);
		} else if (!strcmp(afname, "inet6")) {
			/* tuxnet has no IPv6 counters */
			errno = ENOENT;
			perror("cannot open /proc/net/snmp6");
		} else {
			printf("netstat: No statistics support for specified "
			       "address family: %s\n",
			       afname);
			exit(1);
		}
		return 0;
	}
	if (flag_rou) {
		int ext = flag_exp == 2 ? 1 : flag_exp == 1 ? 2 : flag_exp;

		for (;;) {
			rc = ns_routes(ext, flag_not & NUM_HOST);
			if (rc || !flag_cnt)
				break;
			ns_wait();
		}
		return rc;
	}
	if (flag_int) {
		for (;;) {
			rc = ns_interfaces();
			if (rc || !flag_cnt)
				break;
			ns_wait();
		}
		return rc;
	}
	for (;;) {
		rc = ns_sockets();
		if (rc || !flag_cnt)
			break;
		ns_wait();
	}
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "interfaces", no_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ "route", no_argument, NULL, 'r' },
		{ "tcp", no_argument, NULL, 't' },
		{ "udp", no_argument, NULL, 'u' },
		{ "udplite", no_argument, NULL, 'U' },
		{ "raw", no_argument, NULL, 'w' },
		{ "unix", no_argument, NULL, 'x' },
		{ "listening", no_argument, NULL, 'l' },
		{ "all", no_argument, NULL, 'a' },
		{ "timers", no_argument, NULL, 'o' },
		{ "continuous", no_argument, NULL, 'c' },
		{ "extend", no_argument, NULL, 'e' },
		{ "programs", no_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "statistics", no_argument, NULL, 's' },
		{ "wide", no_argument, NULL, 'W' },
		{ "numeric", no_argument, NULL, 'n' },
		{ "numeric-hosts", no_argument, NULL, '!' },
		{ "numeric-ports", no_argument, NULL, '@' },
		{ "numeric-users", no_argument, NULL, '#' },
		{ "inet", no_argument, NULL, '4' },
		{ "inet6", no_argument, NULL, '6' },
		{ "protocol", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	int flag_int = 0, flag_rou = 0, flag_sta = 0, i;

	while ((i = getopt_long(argc, argv, "A:aceilnNFoprstuUvWwx46?h",
				longopts, NULL)) != -1) {
		switch (i) {
		case 'a':
			flag_all++;
			break;
		case 'l':
			flag_lst++;
			break;
		case 'c':
			flag_cnt++;
			break;
		case 'e':
			flag_exp++;
			break;
		case 'p':
			flag_prg++;
			break;
		case 'i':
			flag_int++;
			break;
		case 'W':
			flag_wide++;
			break;
		case 'n':
			flag_not |= NUM_HOST | NUM_PORT | NUM_USER;
			break;
		case '!':
			flag_not |= NUM_HOST;
			break;
		case '@':
			flag_not |= NUM_PORT;
			break;
		case '#':
			flag_not |= NUM_USER;
			break;
		case 'o':
			flag_opt++;
			break;
		case 'v':
			flag_ver = 1;
			break;
		case 'r':
			flag_rou++;
			break;
		case 't':
			flag_tcp++;
			break;
		case 'u':
			flag_udp++;
			break;
		case 'U':
			flag_udplite++;
			break;
		case 'w':
			flag_raw++;
			break;
		case 'x':
			flag_unx++;
			break;
		case 's':
			flag_sta++;
			break;
		case '4':
			ns_family("inet");
			break;
		case '6':
			ns_family("inet6");
			break;
		case 'A':
			ns_families(optarg);
			break;
		case 'N':
		case 'F':
			break;
		default:
			usage(i == 'h' ? 0 : 1);
		}
	}
	if (flag_int + flag_rou + flag_sta > 1)
		usage(1);
	if ((flag_inet || flag_inet6 || flag_sta) &&
	    !(flag_tcp || flag_udp || flag_udplite || flag_raw))
		flag_tcp = flag_udp = flag_udplite = flag_raw = 1;
	if ((flag_tcp || flag_udp || flag_udplite || flag_raw) &&
	    !(flag_inet || flag_inet6))
		flag_inet = flag_inet6 = 1;
	flag_arg = flag_tcp + flag_udp + flag_udplite + flag_raw + flag_unx;

	return ns_run(flag_int, flag_rou, flag_sta);
}
