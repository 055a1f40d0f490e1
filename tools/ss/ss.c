// SPDX-License-Identifier: BSD-2-Clause
/*
 * ss: socket statistics, as iproute2 6.1's ss prints them, from the
 * stack's NETLINK_SOCK_DIAG (inet_diag) and /proc/net/sockstat.
 *
 * Built are the inet tables: -t (TCP: a header and no rows until the stack
 * has TCP, as ss prints when the kernel has no TCP handler and there is no
 * /proc/net/tcp), -u, -w; the families -4, -6 (no IPv6 sockets exist);
 * -x, -0, --vsock and the netlink, packet, dccp and sctp tables ask the
 * stack, find no handler and show nothing, as ss shows for tables with no
 * sockets.  Output is buffered and laid out in columns as iproute2 6.1
 * does it: spread over the terminal's width on a tty, as narrow as the
 * contents otherwise.  -p lists the processes holding a socket from
 * /proc/PID/fd; the stack's sockets are not host files, so on tuxnet
 * the column stays empty (see README).
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "libnetlink.h"
#include "ssfilter.h"
#include "utils.h"

#define MAGIC_SEQ 123456

enum {
	TCP_DB,
	DCCP_DB,
	UDP_DB,
	RAW_DB,
	UNIX_DG_DB,
	UNIX_ST_DB,
	UNIX_SQ_DB,
	PACKET_DG_DB,
	PACKET_R_DB,
	NETLINK_DB,
	SCTP_DB,
	VSOCK_ST_DB,
	VSOCK_DG_DB,
	TIPC_DB,
	MAX_DB
};

#define PACKET_DBM ((1 << PACKET_DG_DB) | (1 << PACKET_R_DB))
#define UNIX_DBM   ((1 << UNIX_DG_DB) | (1 << UNIX_ST_DB) | (1 << UNIX_SQ_DB))
#define INET_L4_DBM \
	((1 << TCP_DB) | (1 << UDP_DB) | (1 << DCCP_DB) | (1 << SCTP_DB))
#define INET_DBM  (INET_L4_DBM | (1 << RAW_DB))
#define VSOCK_DBM ((1 << VSOCK_ST_DB) | (1 << VSOCK_DG_DB))

enum {
	SS_UNKNOWN,
	SS_ESTABLISHED,
	SS_SYN_SENT,
	SS_SYN_RECV,
	SS_FIN_WAIT1,
	SS_FIN_WAIT2,
	SS_TIME_WAIT,
	SS_CLOSE,
	SS_CLOSE_WAIT,
	SS_LAST_ACK,
	SS_LISTEN,
	SS_CLOSING,
	SS_MAX
};

#define SS_ALL ((1 << SS_MAX) - 1)
#define SS_CONN                                                                \
	(SS_ALL & ~((1 << SS_LISTEN) | (1 << SS_CLOSE) | (1 << SS_TIME_WAIT) | \
		    (1 << SS_SYN_RECV)))

#ifndef AF_TIPC
#define AF_TIPC 30
#endif
#ifndef AF_XDP
#define AF_XDP 44
#endif
#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
#define SS_AF_MAX 46

struct filter {
	int dbs;
	int states;
	uint64_t families;
	struct ssfilter *f;
	bool kill;
};

#define FAMILY_MASK(family) ((uint64_t)1 << (family))

static const struct {
	int states;
	uint64_t families;
} default_dbs[MAX_DB] = {
	[TCP_DB] = { SS_CONN, FAMILY_MASK(AF_INET) | FAMILY_MASK(AF_INET6) },
	[DCCP_DB] = { SS_CONN, FAMILY_MASK(AF_INET) | FAMILY_MASK(AF_INET6) },
	[UDP_DB] = { 1 << SS_ESTABLISHED,
		     FAMILY_MASK(AF_INET) | FAMILY_MASK(AF_INET6) },
	[RAW_DB] = { 1 << SS_ESTABLISHED,
		     FAMILY_MASK(AF_INET) | FAMILY_MASK(AF_INET6) },
	[UNIX_DG_DB] = { 1 << SS_CLOSE, FAMILY_MASK(AF_UNIX) },
	[UNIX_ST_DB] = { SS_CONN, FAMILY_MASK(AF_UNIX) },
	[UNIX_SQ_DB] = { SS_CONN, FAMILY_MASK(AF_UNIX) },
	[PACKET_DG_DB] = { 1 << SS_CLOSE, FAMILY_MASK(AF_PACKET) },
	[PACKET_R_DB] = { 1 << SS_CLOSE, FAMILY_MASK(AF_PACKET) },
	[NETLINK_DB] = { 1 << SS_CLOSE, FAMILY_MASK(AF_NETLINK) },
	[SCTP_DB] = { SS_CONN, FAMILY_MASK(AF_INET) | FAMILY_MASK(AF_INET6) },
	[VSOCK_ST_DB] = { SS_CONN, FAMILY_MASK(AF_VSOCK) },
	[VSOCK_DG_DB] = { SS_CONN, FAMILY_MASK(AF_VSOCK) },
	[TIPC_DB] = { SS_CONN, FAMILY_MASK(AF_TIPC) },
};

static const struct {
	int dbs;
	int states;
} default_afs[SS_AF_MAX] = {
	[AF_INET] = { INET_DBM, SS_CONN },
	[AF_INET6] = { INET_DBM, SS_CONN },
	[AF_UNIX] = { UNIX_DBM, SS_CONN },
	[AF_PACKET] = { PACKET_DBM, 1 << SS_CLOSE },
	[AF_NETLINK] = { 1 << NETLINK_DB, 1 << SS_CLOSE },
	[AF_VSOCK] = { VSOCK_DBM, SS_CONN },
	[AF_TIPC] = { 1 << TIPC_DB, SS_CONN },
};

static struct filter current_filter;
static int do_default = 1;
static int preferred_family = AF_UNSPEC;
static int resolve_services = 1, resolve_hosts;
static int show_options, show_details, show_users, show_mem, show_tcpinfo;
static int oneline; /* -O: the info lines stay on the socket's line */
static int show_header = 1;
static const char *dg_proto;

static void filter_db_set(struct filter *f, int db)
{
	f->states |= default_dbs[db].states;
	f->dbs |= 1 << db;
	do_default = 0;
}

static void filter_af_set(struct filter *f, int af)
{
	f->states |= default_afs[af].states;
	f->families |= FAMILY_MASK(af);
	do_default = 0;
	preferred_family = af;
}

static int filter_af_get(const struct filter *f, int af)
{
	return !!(f->families & FAMILY_MASK(af));
}

static void filter_default_dbs(struct filter *f)
{
	static const int order[] = { UDP_DB,	 DCCP_DB,     TCP_DB,
				     RAW_DB,	 UNIX_ST_DB,  UNIX_DG_DB,
				     UNIX_SQ_DB, PACKET_R_DB, PACKET_DG_DB,
				     NETLINK_DB, SCTP_DB,     VSOCK_ST_DB,
				     VSOCK_DG_DB };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		filter_db_set(f, order[i]);
}

static void filter_states_set(struct filter *f, int states)
{
	if (states)
		f->states = states;
}

static void filter_merge_defaults(struct filter *f)
{
	int db, af;

	for (db = 0; db < MAX_DB; db++) {
		if (!(f->dbs & (1 << db)))
			continue;
		if (!(default_dbs[db].families & f->families))
			f->families |= default_dbs[db].families;
	}
	for (af = 0; af < SS_AF_MAX; af++) {
		if (!(f->families & FAMILY_MASK(af)))
			continue;
		if (!(default_afs[af].dbs & f->dbs))
			f->dbs |= default_afs[af].dbs;
	}
}

/* ---- /proc files, read through the stack ---- */

/* The whole of @path (NUL-terminated, malloc'd), or NULL with errno. */
static char *read_proc(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap + 1);
	int fd = tn_open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0 || !buf) {
		if (fd >= 0)
			tn_close(fd);
		free(buf);
		return NULL;
	}
	while ((n = tn_read(fd, buf + len, cap - len)) > 0) {
		len += (size_t)n;
		if (len == cap) {
			char *nb = realloc(buf, cap * 2 + 1);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	tn_close(fd);
	buf[len] = 0;
	return buf;
}

/* ---- output columns (iproute2 6.1's buffered renderer) ---- */

enum col_id {
	COL_NETID,
	COL_STATE,
	COL_RECVQ,
	COL_SENDQ,
	COL_ADDR,
	COL_SERV,
	COL_RADDR,
	COL_RSERV,
	COL_PROC,
	COL_EXT,
	COL_MAX
};

enum col_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

struct column {
	const char *header;
	const char *ldelim;
	enum col_align align;
	int disabled;
	int width;
	int max_len;
};

static struct column columns[] = {
	{ "Netid", "", ALIGN_LEFT, 0, 0, 0 },
	{ "State", " ", ALIGN_LEFT, 0, 0, 0 },
	{ "Recv-Q", " ", ALIGN_LEFT, 0, 0, 0 },
	{ "Send-Q", " ", ALIGN_LEFT, 0, 0, 0 },
	{ "Local Address:", " ", ALIGN_RIGHT, 0, 0, 0 },
	{ "Port", "", ALIGN_LEFT, 0, 0, 0 },
	{ "Peer Address:", " ", ALIGN_RIGHT, 0, 0, 0 },
	{ "Port", "", ALIGN_LEFT, 0, 0, 0 },
	{ "Process", "", ALIGN_LEFT, 0, 0, 0 },
	{ "", "", ALIGN_LEFT, 0, 0, 0 },
};

struct token {
	int col;
	char *text;
	int len;
};

static struct {
	struct token *tok;
	size_t n, cap;
	int cur; /* the current field */
	char *text; /* its content so far */
	int len;
} buffer;

static void oom(void)
{
	fprintf(stderr, "ss: failed to malloc buffer\n");
	abort();
}

/* out - append to the current field */
static void __attribute__((format(printf, 1, 2))) out(const char *fmt, ...)
{
	struct column *f = &columns[buffer.cur];
	char tmp[512], *nt;
	va_list ap;
	int n;

	if (f->disabled)
		return;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): started above */
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	if ((size_t)n >= sizeof(tmp))
		n = (int)sizeof(tmp) - 1; /* no field ss prints is longer */
	nt = realloc(buffer.text, (size_t)buffer.len + (size_t)n + 1);
	if (!nt)
		oom();
	buffer.text = nt;
	memcpy(buffer.text + buffer.len, tmp, (size_t)n + 1);
	buffer.len += n;
}

/*
 * field_flush - the current field becomes a token (disabled: none); @count:
 * its length widens the column (iproute2 never counts the last token)
 */
static void field_flush(bool count)
{
	struct column *f = &columns[buffer.cur];

	if (f->disabled)
		return;
	if (buffer.n == buffer.cap) {
		size_t cap = buffer.cap ? buffer.cap * 2 : 256;
		struct token *t = realloc(buffer.tok, cap * sizeof(*t));

		if (!t)
			oom();
		buffer.tok = t;
		buffer.cap = cap;
	}
	buffer.tok[buffer.n].col = buffer.cur;
	buffer.tok[buffer.n].text = buffer.text;
	buffer.tok[buffer.n].len = buffer.len;
	buffer.n++;
	if (count && buffer.len > f->max_len)
		f->max_len = buffer.len;
	buffer.text = NULL;
	buffer.len = 0;
}

static int field_is_last(int col)
{
	return col == COL_MAX - 1;
}

static void field_next(void)
{
	field_flush(true);
	buffer.cur = field_is_last(buffer.cur) ? 0 : buffer.cur + 1;
}

static void field_set(enum col_id id)
{
	while ((int)id != buffer.cur)
		field_next();
}

static void print_header(void)
{
	while (!field_is_last(buffer.cur)) {
		if (!columns[buffer.cur].disabled)
			out("%s", columns[buffer.cur].header);
		field_next();
	}
}

/* The terminal's width, or -1 when stdout is not one (compact output). */
static int render_screen_width(void)
{
	struct winsize w;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != -1 && w.ws_col > 0)
		return w.ws_col;
	return -1;
}

/*
 * render_calc_width - each column as wide as its widest content; on a
 * terminal, columns wrap onto as few lines as fit and the spare width is
 * shared among a line's columns.
 */
static void render_calc_width(void)
{
	int screen_width = render_screen_width(), len = 0, linecols = 0;
	bool compact = false, first = true;
	int c, eol = -1;

	if (screen_width == -1) {
		screen_width = INT_MAX;
		compact = true;
	}
	for (c = 0; c < COL_MAX; c++) {
		struct column *col = &columns[c];

		if (col->disabled)
			continue;
		if (!first && col->max_len)
			col->width = col->max_len + (int)strlen(col->ldelim);
		else
			col->width = col->max_len;
		if (col->width > screen_width)
			col->width = screen_width;
		if (col->width)
			first = false;
	}
	if (compact)
		return;
	for (c = 0; c < COL_MAX; c++) {
		int pad, spacing, rem, tmp;
		bool last = true;

		if (!columns[c].width)
			continue;
		linecols++;
		len += columns[c].width;
		for (tmp = c + 1; tmp < COL_MAX; tmp++) {
			if (columns[tmp].width) {
				last = false;
				break;
			}
		}
		if (!last && len < screen_width)
			continue;
		if (len != screen_width) {
			if (len > screen_width) {
				len -= columns[c].width;
				c--;
				linecols--;
			}
			pad = screen_width - len;
			spacing = linecols ? pad / linecols : 0;
			rem = linecols ? pad % linecols : 0;
			for (tmp = c; tmp > eol; tmp--) {
				if (!columns[tmp].width)
					continue;
				columns[tmp].width += spacing;
				if (rem) {
					columns[tmp].width++;
					rem--;
				}
			}
		}
		eol = c;
		len = 0;
		linecols = 0;
	}
}

static int print_left_spacing(const struct column *f, int stored, int printed)
{
	int s;

	if (!f->width || f->align == ALIGN_LEFT)
		return 0;
	s = f->width - stored - printed;
	if (f->align == ALIGN_CENTER)
		s = (s + 1) / 2;
	if (s > 0)
		return printf("%*c", s, ' ');
	return 0;
}

static void print_right_spacing(const struct column *f, int printed)
{
	int s;

	if (!f->width || f->align == ALIGN_RIGHT)
		return;
	s = f->width - printed;
	if (f->align == ALIGN_CENTER)
		s /= 2;
	if (s > 0)
		printf("%*c", s, ' ');
}

static void render(void)
{
	int line_started = 0, f = 0;
	size_t i;

	if (!buffer.n && !buffer.text)
		return; /* nothing was ever printed */
	/* the current field is a token too, even empty, but iproute2 leaves
	 * it out of its column's width */
	field_flush(false);
	render_calc_width();
	while (f < COL_MAX - 1 && !columns[f].width)
		f++;
	for (i = 0; i < buffer.n; i++) {
		const struct token *t = &buffer.tok[i];
		int printed = 0;

		if (line_started++)
			printed = printf("%s", columns[f].ldelim);
		printed += print_left_spacing(&columns[f], t->len, printed);
		if (t->len)
			printed +=
				(int)fwrite(t->text, 1, (size_t)t->len, stdout);
		print_right_spacing(&columns[f], printed);
		do {
			if (field_is_last(f)) {
				printf("\n");
				f = 0;
				line_started = 0;
			} else {
				f++;
			}
		} while (columns[f].disabled);
		free(t->text);
	}
	if (line_started)
		printf("\n");
	free(buffer.tok);
	memset(&buffer, 0, sizeof(buffer));
}

/* ---- socket lines ---- */

struct sockstat {
	unsigned int type;
	uint16_t raw_prot;
	struct ss_sockaddrs a;
	int state;
	unsigned int rq, wq;
	unsigned int ino, uid;
	unsigned long long sk;
	uint64_t cgroup_id;
};

static int is_ephemeral(int port)
{
	static int min, max;

	if (!min) {
		char *s = read_proc("/proc/sys/net/ipv4/ip_local_port_range");

		if (!s || sscanf(s, "%d %d", &min, &max) < 2) {
			min = 1024;
			max = 4999;
		}
		free(s);
	}
	return port >= min && port <= max;
}

static const char *proto_name(unsigned int protocol)
{
	switch (protocol) {
	case 0:
		return "raw";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_MPTCP:
		return "mptcp";
	case IPPROTO_SCTP:
		return "sctp";
	case IPPROTO_DCCP:
		return "dccp";
	case IPPROTO_ICMPV6:
		return "icmp6";
	default:
		return "???";
	}
}

static void sock_state_print(const struct sockstat *s)
{
	static const char *const sstate_name[] = {
		"UNKNOWN",
		[SS_ESTABLISHED] = "ESTAB",
		[SS_SYN_SENT] = "SYN-SENT",
		[SS_SYN_RECV] = "SYN-RECV",
		[SS_FIN_WAIT1] = "FIN-WAIT-1",
		[SS_FIN_WAIT2] = "FIN-WAIT-2",
		[SS_TIME_WAIT] = "TIME-WAIT",
		[SS_CLOSE] = "UNCONN",
		[SS_CLOSE_WAIT] = "CLOSE-WAIT",
		[SS_LAST_ACK] = "LAST-ACK",
		[SS_LISTEN] = "LISTEN",
		[SS_CLOSING] = "CLOSING",
	};

	field_set(COL_NETID);
	out("%s", proto_name(s->type));
	field_set(COL_STATE);
	out("%s", s->state >= 0 && s->state < SS_MAX ? sstate_name[s->state]
						     : "UNKNOWN");
	field_set(COL_RECVQ);
	out("%-6d", (int)s->rq);
	field_set(COL_SENDQ);
	out("%-6d", (int)s->wq);
	field_set(COL_ADDR);
}

static const char *resolve_service(int port)
{
	static char buf[128];

	if (port == 0)
		return "*";
	if (resolve_services && dg_proto && strcmp(dg_proto, "raw") == 0) {
		struct protoent *pe = getprotobynumber(port);

		if (pe) {
			(void)snprintf(buf, sizeof(buf), "%s", pe->p_name);
			return buf;
		}
		(void)snprintf(buf, sizeof(buf), "ipproto-%d", port);
		return buf;
	}
	if (resolve_services && !is_ephemeral(port)) {
		struct servent *se =
			getservbyport(htons((uint16_t)port), dg_proto);

		if (se) {
			(void)snprintf(buf, sizeof(buf), "%s", se->s_name);
			return buf;
		}
	}
	(void)snprintf(buf, sizeof(buf), "%d", port);
	return buf;
}

static struct rtnl_handle ll_rth = { .fd = -1 };

static const char *xll_index_to_name(int index)
{
	if (ll_rth.fd < 0) {
		if (rtnl_open(&ll_rth) < 0)
			exit(1);
		ll_init(&ll_rth);
	}
	return ll_index_to_name(index);
}

static int xll_name_to_index(const char *name)
{
	if (ll_rth.fd < 0) {
		if (rtnl_open(&ll_rth) < 0)
			exit(1);
		ll_init(&ll_rth);
	}
	return ll_name_to_index(name);
}

static void sock_addr_print(const char *addr, const char *delim,
			    const char *port, const char *ifname)
{
	if (ifname)
		out("%s%%%s%s", addr, ifname, delim);
	else
		out("%s%s", addr, delim);
	field_next();
	out("%s", port);
	field_next();
}

static void inet_addr_print(const inet_prefix *a, int port,
			    unsigned int ifindex)
{
	char buf[1024], host[NI_MAXHOST];
	const char *ap = buf;

	if (a->family == AF_INET) {
		format_host(AF_INET, a->data, buf, sizeof(buf));
		if (resolve_hosts) {
			struct sockaddr_in sin = { .sin_family = AF_INET };

			memcpy(&sin.sin_addr, a->data, 4);
			if (!getnameinfo((struct sockaddr *)&sin, sizeof(sin),
					 host, sizeof(host), NULL, 0,
					 NI_NAMEREQD))
				ap = host;
		}
	} else {
		static const uint8_t any[16];

		if (!memcmp(a->data, any, sizeof(any))) {
			(void)snprintf(buf, sizeof(buf), "*");
		} else {
			char tmp[INET6_ADDRSTRLEN];

			format_host(AF_INET6, a->data, tmp, sizeof(tmp));
			(void)snprintf(buf, sizeof(buf), "[%s]", tmp);
		}
	}
	sock_addr_print(ap, ":", resolve_service(port),
			ifindex ? xll_index_to_name((int)ifindex) : NULL);
}

static void print_skmeminfo(struct rtattr *tb[], int attrtype)
{
	const uint32_t *m;

	if (!tb[attrtype]) {
		if (attrtype == INET_DIAG_SKMEMINFO && tb[INET_DIAG_MEMINFO]) {
			const struct inet_diag_meminfo *minfo =
				RTA_DATA(tb[INET_DIAG_MEMINFO]);

			out(" mem:(r%u,w%u,f%u,t%u)", minfo->idiag_rmem,
			    minfo->idiag_wmem, minfo->idiag_fmem,
			    minfo->idiag_tmem);
		}
		return;
	}
	m = RTA_DATA(tb[attrtype]);
	out(" skmem:(r%u,rb%u,t%u,tb%u,f%u,w%u,o%u", m[SK_MEMINFO_RMEM_ALLOC],
	    m[SK_MEMINFO_RCVBUF], m[SK_MEMINFO_WMEM_ALLOC],
	    m[SK_MEMINFO_SNDBUF], m[SK_MEMINFO_FWD_ALLOC],
	    m[SK_MEMINFO_WMEM_QUEUED], m[SK_MEMINFO_OPTMEM]);
	if (RTA_PAYLOAD(tb[attrtype]) >= (size_t)(SK_MEMINFO_BACKLOG + 1) * 4U)
		out(",bl%u", m[SK_MEMINFO_BACKLOG]);
	if (RTA_PAYLOAD(tb[attrtype]) >= (size_t)(SK_MEMINFO_DROPS + 1) * 4U)
		out(",d%u", m[SK_MEMINFO_DROPS]);
	out(")");
}

/* bits/s as iproute2 6.1's ss prints them: raw with -n, else three
 * significant digits in K, M, G or T */
static char *sprint_bw(char *buf, size_t len, double bw)
{
	if (!resolve_services)
		(void)snprintf(buf, len, "%.0f", bw);
	else if (bw >= 1e12)
		(void)snprintf(buf, len, "%.3gT", bw / 1e12);
	else if (bw >= 1e9)
		(void)snprintf(buf, len, "%.3gG", bw / 1e9);
	else if (bw >= 1e6)
		(void)snprintf(buf, len, "%.3gM", bw / 1e6);
	else if (bw >= 1e3)
		(void)snprintf(buf, len, "%.3gK", bw / 1e3);
	else
		(void)snprintf(buf, len, "%g", bw);
	return buf;
}

/* struct tcp_info, as ss -i prints it (fields it lacks read as zero) */
static void tcp_stats_print(const struct tcp_info *i, const char *cong,
			    const struct tcp_bbr_info *bbr, int state)
{
	double rtt = (double)i->tcpi_rtt;
	char b1[64];

	if (show_options) {
		if (i->tcpi_options & TCPI_OPT_TIMESTAMPS)
			out(" ts");
		if (i->tcpi_options & TCPI_OPT_SACK)
			out(" sack");
		if (i->tcpi_options & TCPI_OPT_ECN)
			out(" ecn");
		if (i->tcpi_options & TCPI_OPT_ECN_SEEN)
			out(" ecnseen");
		if (i->tcpi_options & TCPI_OPT_SYN_DATA)
			out(" fastopen");
	}
	if (cong && *cong)
		out(" %s", cong);
	if (i->tcpi_options & TCPI_OPT_WSCALE)
		out(" wscale:%d,%d", i->tcpi_snd_wscale, i->tcpi_rcv_wscale);
	if (i->tcpi_rto && i->tcpi_rto != 3000000)
		out(" rto:%g", (double)i->tcpi_rto / 1000);
	if (i->tcpi_backoff)
		out(" backoff:%u", i->tcpi_backoff);
	if (i->tcpi_rtt)
		out(" rtt:%g/%g", (double)i->tcpi_rtt / 1000,
		    (double)i->tcpi_rttvar / 1000);
	if (i->tcpi_ato)
		out(" ato:%g", (double)i->tcpi_ato / 1000);
	if (i->tcpi_snd_mss)
		out(" mss:%d", i->tcpi_snd_mss);
	if (i->tcpi_pmtu)
		out(" pmtu:%u", i->tcpi_pmtu);
	if (i->tcpi_rcv_mss)
		out(" rcvmss:%d", i->tcpi_rcv_mss);
	if (i->tcpi_advmss)
		out(" advmss:%d", i->tcpi_advmss);
	if (i->tcpi_snd_cwnd)
		out(" cwnd:%u", i->tcpi_snd_cwnd);
	if (i->tcpi_snd_ssthresh < 0xFFFF && i->tcpi_snd_ssthresh)
		out(" ssthresh:%d", i->tcpi_snd_ssthresh);
	if (i->tcpi_bytes_sent)
		out(" bytes_sent:%llu", (unsigned long long)i->tcpi_bytes_sent);
	if (i->tcpi_bytes_retrans)
		out(" bytes_retrans:%llu",
		    (unsigned long long)i->tcpi_bytes_retrans);
	if (i->tcpi_bytes_acked)
		out(" bytes_acked:%llu",
		    (unsigned long long)i->tcpi_bytes_acked);
	if (i->tcpi_bytes_received)
		out(" bytes_received:%llu",
		    (unsigned long long)i->tcpi_bytes_received);
	if (i->tcpi_segs_out)
		out(" segs_out:%u", i->tcpi_segs_out);
	if (i->tcpi_segs_in)
		out(" segs_in:%u", i->tcpi_segs_in);
	if (i->tcpi_data_segs_out)
		out(" data_segs_out:%u", i->tcpi_data_segs_out);
	if (i->tcpi_data_segs_in)
		out(" data_segs_in:%u", i->tcpi_data_segs_in);
	if (bbr) {
		/* INET_DIAG_BBRINFO, as iproute2 6.1 prints it */
		u_int64_t bw = (u_int64_t)bbr->bbr_bw_hi << 32 | bbr->bbr_bw_lo;

		out(" bbr:(bw:%sbps,mrtt:%g",
		    sprint_bw(b1, sizeof(b1), (double)bw * 8.0),
		    (double)bbr->bbr_min_rtt / 1000.0);
		if (bbr->bbr_pacing_gain)
			out(",pacing_gain:%g",
			    (double)bbr->bbr_pacing_gain / 256.0);
		if (bbr->bbr_cwnd_gain)
			out(",cwnd_gain:%g",
			    (double)bbr->bbr_cwnd_gain / 256.0);
		out(")");
	}
	if (rtt > 0 && i->tcpi_snd_mss && i->tcpi_snd_cwnd)
		out(" send %sbps", sprint_bw(b1, sizeof(b1),
					     (double)i->tcpi_snd_cwnd *
						     (double)i->tcpi_snd_mss *
						     8000000. / rtt));
	if (i->tcpi_last_data_sent)
		out(" lastsnd:%u", i->tcpi_last_data_sent);
	if (i->tcpi_last_data_recv)
		out(" lastrcv:%u", i->tcpi_last_data_recv);
	if (i->tcpi_last_ack_recv)
		out(" lastack:%u", i->tcpi_last_ack_recv);
	if (i->tcpi_pacing_rate && i->tcpi_pacing_rate != ~0ULL) {
		out(" pacing_rate %sbps",
		    sprint_bw(b1, sizeof(b1),
			      (double)i->tcpi_pacing_rate * 8.));
		if (i->tcpi_max_pacing_rate && i->tcpi_max_pacing_rate != ~0ULL)
			out("/%sbps",
			    sprint_bw(b1, sizeof(b1),
				      (double)i->tcpi_max_pacing_rate * 8.));
	}
	if (i->tcpi_delivery_rate)
		out(" delivery_rate %sbps",
		    sprint_bw(b1, sizeof(b1),
			      (double)i->tcpi_delivery_rate * 8.));
	if (i->tcpi_delivered)
		out(" delivered:%u", i->tcpi_delivered);
	if (i->tcpi_delivered_ce)
		out(" delivered_ce:%u", i->tcpi_delivered_ce);
	if (i->tcpi_delivery_rate_app_limited)
		out(" app_limited");
	if (i->tcpi_busy_time) {
		out(" busy:%llums",
		    (unsigned long long)i->tcpi_busy_time / 1000);
		if (i->tcpi_rwnd_limited)
			out(" rwnd_limited:%llums(%.1f%%)",
			    (unsigned long long)i->tcpi_rwnd_limited / 1000,
			    100.0 * (double)i->tcpi_rwnd_limited /
				    (double)i->tcpi_busy_time);
		if (i->tcpi_sndbuf_limited)
			out(" sndbuf_limited:%llums(%.1f%%)",
			    (unsigned long long)i->tcpi_sndbuf_limited / 1000,
			    100.0 * (double)i->tcpi_sndbuf_limited /
				    (double)i->tcpi_busy_time);
	}
	if (i->tcpi_unacked)
		out(" unacked:%u", i->tcpi_unacked);
	if (i->tcpi_retrans || i->tcpi_total_retrans)
		out(" retrans:%u/%u", i->tcpi_retrans, i->tcpi_total_retrans);
	if (i->tcpi_lost)
		out(" lost:%u", i->tcpi_lost);
	if (i->tcpi_sacked && state != SS_LISTEN)
		out(" sacked:%u", i->tcpi_sacked);
	if (i->tcpi_dsack_dups)
		out(" dsack_dups:%u", i->tcpi_dsack_dups);
	if (i->tcpi_fackets)
		out(" fackets:%u", i->tcpi_fackets);
	if (i->tcpi_reordering != 3)
		out(" reordering:%d", i->tcpi_reordering);
	if (i->tcpi_reord_seen)
		out(" reord_seen:%d", i->tcpi_reord_seen);
	if (i->tcpi_rcv_rtt)
		out(" rcv_rtt:%g", (double)i->tcpi_rcv_rtt / 1000);
	if (i->tcpi_rcv_space)
		out(" rcv_space:%d", i->tcpi_rcv_space);
	if (i->tcpi_rcv_ssthresh)
		out(" rcv_ssthresh:%u", i->tcpi_rcv_ssthresh);
	if (i->tcpi_notsent_bytes)
		out(" notsent:%u", i->tcpi_notsent_bytes);
	if (i->tcpi_min_rtt && i->tcpi_min_rtt != ~0U)
		out(" minrtt:%g", (double)i->tcpi_min_rtt / 1000);
	if (i->tcpi_rcv_ooopack)
		out(" rcv_ooopack:%u", i->tcpi_rcv_ooopack);
	if (i->tcpi_snd_wnd)
		out(" snd_wnd:%u", i->tcpi_snd_wnd);
}

static void tcp_show_info(struct rtattr *tb[], int state)
{
	print_skmeminfo(tb, INET_DIAG_SKMEMINFO);
	if (tb[INET_DIAG_INFO]) {
		struct tcp_info info;
		size_t len = RTA_PAYLOAD(tb[INET_DIAG_INFO]);

		memset(&info, 0, sizeof(info));
		memcpy(&info, RTA_DATA(tb[INET_DIAG_INFO]),
		       len < sizeof(info) ? len : sizeof(info));
		struct tcp_bbr_info bbr;
		const struct tcp_bbr_info *bbrp = NULL;

		if (tb[INET_DIAG_BBRINFO]) {
			size_t blen = RTA_PAYLOAD(tb[INET_DIAG_BBRINFO]);

			memset(&bbr, 0, sizeof(bbr));
			memcpy(&bbr, RTA_DATA(tb[INET_DIAG_BBRINFO]),
			       blen < sizeof(bbr) ? blen : sizeof(bbr));
			bbrp = &bbr;
		}
		tcp_stats_print(&info,
				tb[INET_DIAG_CONG]
					? rta_getattr_str(tb[INET_DIAG_CONG])
					: NULL,
				bbrp, state);
	}
}

static const char *print_ms_timer(unsigned int timeout)
{
	static char buf[64];
	int secs = (int)(timeout / 1000), msecs = (int)(timeout % 1000);
	int minutes = secs / 60;
	size_t n = 0;

	secs %= 60;
	buf[0] = 0;
	if (minutes) {
		msecs = 0;
		n += (size_t)snprintf(buf, sizeof(buf), "%dmin", minutes);
		if (minutes > 9)
			secs = 0;
	}
	if (secs) {
		if (secs > 9)
			msecs = 0;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%d%s", secs,
				      msecs ? "." : "sec");
	}
	if (msecs)
		(void)snprintf(buf + n, sizeof(buf) - n, "%03dms", msecs);
	return buf;
}

static void tcp_timer_print(unsigned int timer, unsigned int timeout,
			    unsigned int retrans)
{
	static const char *const tmr_name[] = { "off",	     "on",
						"keepalive", "timewait",
						"persist",   "unknown" };

	if (timer) {
		if (timer > 4)
			timer = 5;
		out(" timer:(%s,%s,%d)", tmr_name[timer],
		    print_ms_timer(timeout), (int)retrans);
	}
}

/* Is cgroup2 mounted (the host's /proc/mounts)?  iproute2 looks there. */
static bool cgroup2_mounted(void)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/mounts", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char dev[128], dir[256], type[64];

		if (sscanf(line, "%127s %255s %63s", dev, dir, type) == 3 &&
		    strcmp(type, "cgroup2") == 0)
			found = true;
	}
	(void)fclose(f);
	return found;
}

/*
 * cg_id_to_path - a socket's cgroup as iproute2 names it.  The stack has
 * one cgroup, the root (id 1, path "/"); without a cgroup2 mount iproute2
 * cannot name any and says so, twice on the first lookup (mapping, then
 * resolving), once on each new id after.
 */
static const char *cg_id_to_path(uint64_t id)
{
	static int mounted = -1;
	static uint64_t last_id;
	static char buf[64];

	if (mounted < 0) {
		mounted = cgroup2_mounted();
		if (!mounted)
			fprintf(stderr, "Failed to find cgroup2 mount\n");
	}
	if (mounted && id == 1)
		return "/";
	if (id != last_id) {
		if (!mounted)
			fprintf(stderr, "Failed to find cgroup2 mount\n");
		last_id = id;
	}
	(void)snprintf(buf, sizeof(buf), "unreachable:%llx",
		       (unsigned long long)id);
	return buf;
}

/*
 * -p: the processes holding a socket, from /proc/PID/fd/N links to
 * "socket:[INODE]", as iproute2 builds its table.  Only the host build
 * looks (SS_PROC_FD): the stack's sockets are not files of host processes,
 * and a host socket's inode could equal a stack socket's.
 */
struct user_ent {
	unsigned int ino;
	int pid, fd;
	char process[64];
};

static struct user_ent *user_ents;
static size_t nr_user_ents;

static void user_ent_hash_build(void)
{
#ifdef SS_PROC_FD
	static bool built;
	struct dirent *d;
	DIR *dir;

	if (built)
		return;
	built = true;
	dir = opendir("/proc/");
	if (!dir)
		return;
	while ((d = readdir(dir))) {
		char path[512], process[64] = "";
		struct dirent *d1;
		int pid;
		char crap;
		DIR *dir1;

		if (sscanf(d->d_name, "%d%c", &pid, &crap) != 1)
			continue;
		(void)snprintf(path, sizeof(path), "/proc/%d/fd/", pid);
		dir1 = opendir(path);
		if (!dir1)
			continue;
		while ((d1 = readdir(dir1))) {
			char lnk[64], link_path[600];
			unsigned int ino;
			ssize_t n;
			int fd;

			if (sscanf(d1->d_name, "%d%c", &fd, &crap) != 1)
				continue;
			(void)snprintf(link_path, sizeof(link_path), "%s%d",
				       path, fd);
			n = readlink(link_path, lnk, sizeof(lnk) - 1);
			if (n < 0)
				continue;
			lnk[n] = 0;
			if (sscanf(lnk, "socket:[%u]", &ino) != 1)
				continue;
			if (!process[0]) {
				FILE *fp;

				(void)snprintf(link_path, sizeof(link_path),
					       "/proc/%d/stat", pid);
				fp = fopen(link_path, "r");
				if (fp) {
					if (fscanf(fp, "%*d (%63[^)])",
						   process) < 1)
						process[0] = 0;
					(void)fclose(fp);
				}
			}
			{
				struct user_ent *ne = realloc(
					user_ents, (nr_user_ents + 1) *
							   sizeof(*user_ents));

				if (!ne)
					oom();
				user_ents = ne;
				ne[nr_user_ents].ino = ino;
				ne[nr_user_ents].pid = pid;
				ne[nr_user_ents].fd = fd;
				(void)snprintf(ne[nr_user_ents].process,
					       sizeof(ne->process), "%s",
					       process);
				nr_user_ents++;
			}
		}
		(void)closedir(dir1);
	}
	(void)closedir(dir);
#endif
}

/* users:(("prog",pid=N,fd=N),...), the last found first (iproute2's
 * hash chains prepend) */
static void proc_ctx_print(const struct sockstat *s)
{
	bool first = true;
	size_t i;

	if (!show_users || !s->ino)
		return;
	for (i = nr_user_ents; i-- > 0;) {
		const struct user_ent *u = &user_ents[i];

		if (u->ino != s->ino)
			continue;
		out("%s(\"%s\",pid=%d,fd=%d)", first ? " users:(" : ",",
		    u->process, u->pid, u->fd);
		first = false;
	}
	if (!first)
		out(")");
}

static void inet_show_sock(struct nlmsghdr *nlh, struct sockstat *s)
{
	struct inet_diag_msg *r = NLMSG_DATA(nlh);
	struct rtattr *tb[INET_DIAG_MAX + 1];

	parse_rtattr(tb, INET_DIAG_MAX, (struct rtattr *)(r + 1),
		     (int)(nlh->nlmsg_len - NLMSG_LENGTH(sizeof(*r))));
	if (tb[INET_DIAG_PROTOCOL])
		s->type = rta_getattr_u8(tb[INET_DIAG_PROTOCOL]);
	sock_state_print(s);
	inet_addr_print(&s->a.local, s->a.lport, s->a.iface);
	inet_addr_print(&s->a.remote, s->a.rport, 0);
	proc_ctx_print(s);
	if (show_options)
		tcp_timer_print(r->idiag_timer, r->idiag_expires,
				r->idiag_retrans);
	if (show_details) {
		if (s->uid)
			out(" uid:%u", s->uid);
		out(" ino:%u", s->ino);
		out(" sk:%llx", s->sk);
		if (s->a.mark)
			out(" fwmark:0x%x", s->a.mark);
		if (s->cgroup_id)
			out(" cgroup:%s", cg_id_to_path(s->cgroup_id));
		if (tb[INET_DIAG_SHUTDOWN]) {
			unsigned char mask =
				rta_getattr_u8(tb[INET_DIAG_SHUTDOWN]);

			out(" %c-%c", mask & 1 ? '-' : '<',
			    mask & 2 ? '-' : '>');
		}
	}
	if (show_mem || (show_tcpinfo && s->type != IPPROTO_UDP)) {
		if (!oneline)
			out("\n\t");
		tcp_show_info(tb, s->state);
	}
}

struct inet_diag_arg {
	struct filter *f;
	int protocol;
	int kill_fd; /* -K: a second NETLINK_SOCK_DIAG socket, else -1 */
};

/*
 * kill_inet_sock - -K: SOCK_DESTROY for the socket of @h.  Return: 0, or
 * -1 with errno (ss then hides a socket that cannot be destroyed,
 * EOPNOTSUPP, or is gone, ENOENT).
 */
static int kill_inet_sock(int fd, const struct nlmsghdr *h, int protocol,
			  uint16_t raw_prot)
{
	const struct inet_diag_msg *d = NLMSG_DATA(h);
	struct sockaddr_nl nladdr = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req;
	char buf[1024];
	ssize_t n;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = SOCK_DESTROY;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nlh.nlmsg_seq = MAGIC_SEQ + 1;
	req.r.sdiag_family = d->idiag_family;
	req.r.sdiag_protocol = (uint8_t)protocol;
	req.r.id = d->id;
	if (protocol == IPPROTO_RAW)
		req.r.pad = (uint8_t)raw_prot; /* sdiag_raw_protocol */
	if (tn_sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&nladdr,
		      sizeof(nladdr)) < 0)
		return -1;
	n = tn_recv(fd, buf, sizeof(buf), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)))
		return -1;
	{
		const struct nlmsghdr *a = (const void *)buf;
		const struct nlmsgerr *e = NLMSG_DATA(a);

		if (a->nlmsg_type == NLMSG_ERROR && e->error) {
			errno = -e->error;
			return -1;
		}
	}
	return 0;
}

static struct ssfilter_ctx filter_ctx;
static FILE *filter_fp; /* -F FILE: the filter, read instead of argv */

/* -F FILE ("-": stdin), once */
static void filter_file_open(const char *path)
{
	if (filter_fp) {
		fprintf(stderr, "More than one filter file\n");
		exit(-1);
	}
	filter_fp = path[0] == '-' ? stdin : fopen(path, "r");
	if (!filter_fp) {
		perror("fopen filter file");
		exit(-1);
	}
}

/*
 * filter_file_args - -F: the filter's words, as iproute2's lexer reads
 * them from the file: line by line, split at spaces, a line that begins
 * with '#' left out.  The command line's words are then not read.
 */
/* -F's words, freed as ss ends (the filter may point into them) */
static char **filter_args;

static char **filter_file_args(FILE *fp, int *argcp)
{
	char line[1024], **args = NULL;
	int n = 0;

	while (fgets(line, sizeof(line), fp)) {
		size_t len = strlen(line);
		char *tok, *save = NULL;

		if (len == sizeof(line) - 1) {
			fprintf(stderr, "Too long line in filter\n");
			exit(-1);
		}
		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (line[0] == '#')
			continue;
		for (tok = strtok_r(line, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			char **more =
				realloc(args, sizeof(*args) * (size_t)(n + 2));

			if (!more || !(more[n] = strdup(tok))) {
				perror("ss");
				exit(1);
			}
			args = more;
			args[++n] = NULL;
		}
	}
	*argcp = n;
	return args;
}

static int show_one_inet_sock(struct nlmsghdr *h, void *arg)
{
	struct inet_diag_arg *diag_arg = arg;
	struct inet_diag_msg *r = NLMSG_DATA(h);
	struct rtattr *tb[INET_DIAG_MAX + 1];
	struct sockstat s;

	if (!(diag_arg->f->families & FAMILY_MASK(r->idiag_family)))
		return 0;
	memset(&s, 0, sizeof(s));
	parse_rtattr(tb, INET_DIAG_MAX, (struct rtattr *)(r + 1),
		     (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*r))));
	s.state = r->idiag_state;
	s.a.local.family = s.a.remote.family = r->idiag_family;
	s.a.lport = ntohs(r->id.idiag_sport);
	s.a.rport = ntohs(r->id.idiag_dport);
	s.wq = r->idiag_wqueue;
	s.rq = r->idiag_rqueue;
	s.ino = r->idiag_inode;
	s.uid = r->idiag_uid;
	s.a.iface = r->id.idiag_if;
	s.sk = ((unsigned long long)r->id.idiag_cookie[1] << 32) |
	       r->id.idiag_cookie[0];
	if (tb[INET_DIAG_MARK])
		s.a.mark = rta_getattr_u32(tb[INET_DIAG_MARK]);
	if (tb[INET_DIAG_CGROUP_ID])
		memcpy(&s.cgroup_id, RTA_DATA(tb[INET_DIAG_CGROUP_ID]),
		       sizeof(s.cgroup_id));
	s.a.local.bytelen = s.a.remote.bytelen =
		r->idiag_family == AF_INET ? 4 : 16;
	memcpy(s.a.local.data, r->id.idiag_src, s.a.local.bytelen);
	memcpy(s.a.remote.data, r->id.idiag_dst, s.a.local.bytelen);
	s.type = (unsigned int)diag_arg->protocol;
	if (diag_arg->f->f && !run_ssfilter(diag_arg->f->f, &s.a, &filter_ctx))
		return 0;
	if (diag_arg->kill_fd >= 0 &&
	    kill_inet_sock(diag_arg->kill_fd, h, diag_arg->protocol,
			   tb[INET_DIAG_PROTOCOL]
				   ? rta_getattr_u8(tb[INET_DIAG_PROTOCOL])
				   : 0)) {
		if (errno == EOPNOTSUPP || errno == ENOENT)
			return 0; /* cannot be closed, or already closed */
		perror("SOCK_DESTROY answers");
		return -1;
	}
	inet_show_sock(h, &s);
	return 0;
}

/*
 * diag_dump - send a SOCK_DIAG_BY_FAMILY dump request and show each
 * answer; as iproute2's rtnl_dump_filter for NETLINK_SOCK_DIAG, ENOENT and
 * EOPNOTSUPP (no handler) fail silently, other errors are printed.
 * Return: 0, or -1 with errno.
 */
static int diag_dump(int fd, const void *req, size_t len,
		     int (*show)(struct nlmsghdr *, void *), void *arg)
{
	struct sockaddr_nl nladdr = { .nl_family = AF_NETLINK };
	static char buf[32768];

	if (tn_sendto(fd, req, len, 0, (struct sockaddr *)&nladdr,
		      sizeof(nladdr)) < 0)
		return -1;
	for (;;) {
		ssize_t n = tn_recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h;
		size_t left;

		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			perror("OVERRUN");
			return -1;
		}
		if (n == 0) {
			fprintf(stderr, "EOF on netlink\n");
			return -1;
		}
		left = (size_t)n;
		for (h = (struct nlmsghdr *)(void *)buf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_seq != MAGIC_SEQ)
				continue;
			if (h->nlmsg_type == NLMSG_DONE) {
				int err;

				if (h->nlmsg_len < NLMSG_LENGTH(sizeof(int))) {
					fprintf(stderr, "DONE truncated\n");
					return -1;
				}
				memcpy(&err, NLMSG_DATA(h), sizeof(err));
				if (err < 0) {
					errno = -err;
					if (errno != ENOENT &&
					    errno != EOPNOTSUPP)
						perror("RTNETLINK answers");
					return -1;
				}
				return 0;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				if (h->nlmsg_len <
				    NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
					fprintf(stderr, "ERROR truncated\n");
				} else {
					errno = -e->error;
					if (errno != ENOENT &&
					    errno != EOPNOTSUPP)
						perror("RTNETLINK answers");
				}
				return -1;
			}
			if (show(h, arg) < 0)
				return -1;
		}
	}
}

static int diag_open(void)
{
	int fd = tn_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			   NETLINK_SOCK_DIAG);

	if (fd < 0)
		return -1;
	return fd;
}

/* sockdiag_send - the request ss sends, with its compiled filter */
static int sockdiag_send(int fd, int family, int protocol, struct filter *f,
			 int (*show)(struct nlmsghdr *, void *), void *arg)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req;
	char msg[sizeof(req) + RTA_LENGTH(4096)];
	size_t len = sizeof(req);
	char *bc = NULL;
	int ret;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nlh.nlmsg_flags = NLM_F_ROOT | NLM_F_MATCH | NLM_F_REQUEST;
	req.nlh.nlmsg_seq = MAGIC_SEQ;
	if (family == AF_UNSPEC) {
		/* the old TCPDIAG_GETSOCK/DCCPDIAG_GETSOCK request */
		struct {
			struct nlmsghdr nlh;
			struct inet_diag_req r;
		} old;

		if (protocol != IPPROTO_TCP && protocol != IPPROTO_DCCP)
			return -1;
		memset(&old, 0, sizeof(old));
		old.nlh.nlmsg_len = sizeof(old);
		old.nlh.nlmsg_type = protocol == IPPROTO_TCP ? TCPDIAG_GETSOCK
							     : DCCPDIAG_GETSOCK;
		old.nlh.nlmsg_flags = NLM_F_ROOT | NLM_F_MATCH | NLM_F_REQUEST;
		old.nlh.nlmsg_seq = MAGIC_SEQ;
		old.r.idiag_family = AF_INET;
		old.r.idiag_states = (uint32_t)f->states;
		return diag_dump(fd, &old, sizeof(old), show, arg);
	}
	req.r.sdiag_family = (uint8_t)family;
	req.r.sdiag_protocol = (uint8_t)protocol;
	req.r.idiag_states = (uint32_t)f->states;
	if (show_mem) {
		req.r.idiag_ext |= 1 << (INET_DIAG_MEMINFO - 1);
		req.r.idiag_ext |= 1 << (INET_DIAG_SKMEMINFO - 1);
	}
	if (show_tcpinfo) {
		req.r.idiag_ext |= 1 << (INET_DIAG_INFO - 1);
		req.r.idiag_ext |= 1 << (INET_DIAG_VEGASINFO - 1);
		req.r.idiag_ext |= 1 << (INET_DIAG_CONG - 1);
	}
	memcpy(msg, &req, sizeof(req));
	if (f->f) {
		int bclen = ssfilter_bytecompile(f->f, &bc);

		if (bclen && RTA_LENGTH(bclen) <= RTA_LENGTH(4096)) {
			struct rtattr rta = {
				.rta_type = INET_DIAG_REQ_BYTECODE,
				.rta_len = (unsigned short)RTA_LENGTH(bclen)
			};

			memcpy(msg + len, &rta, sizeof(rta));
			memcpy(msg + len + sizeof(rta), bc, (size_t)bclen);
			len += RTA_LENGTH(bclen);
		}
		free(bc);
	}
	((struct nlmsghdr *)(void *)msg)->nlmsg_len = (uint32_t)len;
	ret = diag_dump(fd, msg, len, show, arg);
	return ret;
}

/* inet_show_netlink - AF_INET, then AF_INET6; a failure retries the old way */
static int inet_show_netlink(struct filter *f, int protocol)
{
	struct inet_diag_arg arg = { .f = f,
				     .protocol = protocol,
				     .kill_fd = -1 };
	int family = preferred_family == AF_INET6 ? AF_INET6 : AF_INET;
	int fd = diag_open(), err;

	if (fd < 0)
		return -1;
	if (f->kill) {
		arg.kill_fd = diag_open();
		if (arg.kill_fd < 0) {
			tn_close(fd);
			return -1;
		}
	}
	for (;;) {
		err = sockdiag_send(fd, family, protocol, f, show_one_inet_sock,
				    &arg);
		if (err) {
			if (family != AF_UNSPEC) {
				family = AF_UNSPEC;
				continue;
			}
			break;
		}
		if (family == AF_INET && preferred_family != AF_INET) {
			family = AF_INET6;
			continue;
		}
		break;
	}
	tn_close(fd);
	if (arg.kill_fd >= 0)
		tn_close(arg.kill_fd);
	return err;
}

static int inet_show(struct filter *f, const char *proto, int protocol)
{
	if (!filter_af_get(f, AF_INET) && !filter_af_get(f, AF_INET6))
		return 0;
	dg_proto = proto;
	/* The stack answers over netlink; there is no /proc/net/tcp to fall
	 * back to, and the /proc/net/udp and raw paths print the same. */
	return inet_show_netlink(f, protocol);
}

/* Tables the stack has no handler for: ss asks, and shows nothing. */
static int show_nothing(struct nlmsghdr *h, void *arg)
{
	(void)h;
	(void)arg;
	return 0;
}

static void other_show(const struct filter *f, int family)
{
	struct {
		struct nlmsghdr nlh;
		struct sock_diag_req r;
		uint8_t pad[64];
	} req;
	int fd;

	if (!filter_af_get(f, family))
		return;
	fd = diag_open();
	if (fd < 0)
		return;
	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nlh.nlmsg_flags = NLM_F_ROOT | NLM_F_MATCH | NLM_F_REQUEST;
	req.nlh.nlmsg_seq = MAGIC_SEQ;
	req.r.sdiag_family = (uint8_t)family;
	(void)diag_dump(fd, &req, sizeof(req), show_nothing, NULL);
	tn_close(fd);
}

/* ---- -s ---- */

struct ssummary {
	int socks;
	int tcp_mem, tcp_total, tcp_orphans, tcp_tws, tcp4_hashed;
	int udp4, raw4, frag4, frag4_mem;
	int tcp6_hashed, udp6, raw6, frag6, frag6_mem;
};

static void get_sockstat_line(const char *line, struct ssummary *s)
{
	char id[256], rem[256];

	if (sscanf(line, "%255[^ ] %255[^\n]\n", id, rem) != 2)
		return;
	if (strcmp(id, "sockets:") == 0)
		(void)sscanf(rem, "%*s%d", &s->socks);
	else if (strcmp(id, "UDP:") == 0)
		(void)sscanf(rem, "%*s%d", &s->udp4);
	else if (strcmp(id, "UDP6:") == 0)
		(void)sscanf(rem, "%*s%d", &s->udp6);
	else if (strcmp(id, "RAW:") == 0)
		(void)sscanf(rem, "%*s%d", &s->raw4);
	else if (strcmp(id, "RAW6:") == 0)
		(void)sscanf(rem, "%*s%d", &s->raw6);
	else if (strcmp(id, "TCP6:") == 0)
		(void)sscanf(rem, "%*s%d", &s->tcp6_hashed);
	else if (strcmp(id, "FRAG:") == 0)
		(void)sscanf(rem, "%*s%d%*s%d", &s->frag4, &s->frag4_mem);
	else if (strcmp(id, "FRAG6:") == 0)
		(void)sscanf(rem, "%*s%d%*s%d", &s->frag6, &s->frag6_mem);
	else if (strcmp(id, "TCP:") == 0)
		(void)sscanf(rem, "%*s%d%*s%d%*s%d%*s%d%*s%d", &s->tcp4_hashed,
			     &s->tcp_orphans, &s->tcp_tws, &s->tcp_total,
			     &s->tcp_mem);
}

static int get_sockstat_file(const char *path, struct ssummary *s)
{
	char *buf = read_proc(path), *line, *save = NULL;

	if (!buf)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		get_sockstat_line(line, s);
	free(buf);
	return 0;
}

/* The value of @key on the @proto lines of /proc/net/snmp. */
static int get_snmp_int(const char *proto, const char *key, int *result)
{
	char *buf = read_proc("/proc/net/snmp"), *names, *values, *p, *q;
	size_t plen = strlen(proto);

	*result = 0;
	if (!buf)
		return -1;
	for (names = buf; names && *names; names = strchr(names, '\n')) {
		if (*names == '\n')
			names++;
		if (strncmp(names, proto, plen))
			continue;
		values = strchr(names, '\n');
		if (!values || strncmp(values + 1, proto, plen))
			break;
		values++;
		p = names;
		q = values;
		while ((p = strchr(p, ' ')) && p < values &&
		       (q = strchr(q, ' '))) {
			p++;
			q++;
			if (!strncmp(p, key, strlen(key)) &&
			    (p[strlen(key)] == ' ' || p[strlen(key)] == '\n')) {
				*result = atoi(q);
				free(buf);
				return 0;
			}
		}
		break;
	}
	free(buf);
	errno = ESRCH;
	return -1;
}

static void print_summary(void)
{
	struct ssummary s;
	int tcp_estab;

	memset(&s, 0, sizeof(s));
	if (get_sockstat_file("/proc/net/sockstat", &s) < 0)
		perror("ss: get_sockstat");
	else
		(void)get_sockstat_file("/proc/net/sockstat6", &s);
	if (get_snmp_int("Tcp:", "CurrEstab", &tcp_estab) < 0)
		perror("ss: get_snmpstat");

	printf("Total: %d\n", s.socks);
	printf("TCP:   %d (estab %d, closed %d, orphaned %d, timewait %d)\n",
	       s.tcp_total + s.tcp_tws, tcp_estab,
	       s.tcp_total - (s.tcp4_hashed + s.tcp6_hashed - s.tcp_tws),
	       s.tcp_orphans, s.tcp_tws);
	printf("\n");
	printf("Transport Total     IP        IPv6\n");
	printf("RAW\t  %-9d %-9d %-9d\n", s.raw4 + s.raw6, s.raw4, s.raw6);
	printf("UDP\t  %-9d %-9d %-9d\n", s.udp4 + s.udp6, s.udp4, s.udp6);
	printf("TCP\t  %-9d %-9d %-9d\n", s.tcp4_hashed + s.tcp6_hashed,
	       s.tcp4_hashed, s.tcp6_hashed);
	printf("INET\t  %-9d %-9d %-9d\n",
	       s.raw4 + s.udp4 + s.tcp4_hashed + s.raw6 + s.udp6 +
		       s.tcp6_hashed,
	       s.raw4 + s.udp4 + s.tcp4_hashed,
	       s.raw6 + s.udp6 + s.tcp6_hashed);
	printf("FRAG\t  %-9d %-9d %-9d\n", s.frag4 + s.frag6, s.frag4, s.frag6);
	printf("\n");
}

/* ---- command line ---- */

static void usage_to(FILE *dest)
{
	fprintf(dest,
		"Usage: ss [ OPTIONS ]\n"
		"       ss [ OPTIONS ] [ FILTER ]\n"
		"   -h, --help          this message\n"
		"   -V, --version       output version information\n"
		"   -n, --numeric       don't resolve service names\n"
		"   -r, --resolve       resolve host names\n"
		"   -a, --all           display all sockets\n"
		"   -l, --listening     display listening sockets\n"
		"   -o, --options       show timer information\n"
		"   -e, --extended      show detailed socket information\n"
		"   -m, --memory        show socket memory usage\n"
		"   -p, --processes     show process using socket\n"
		"   -T, --threads       show thread using socket\n"
		"   -i, --info          show internal TCP information\n"
		"       --tipcinfo      show internal tipc socket information\n"
		"   -s, --summary       show socket usage summary\n"
		"       --tos           show tos and priority information\n"
		"       --cgroup        show cgroup information\n"
		"   -b, --bpf           show bpf filter socket information\n"
		"   -E, --events        continually display sockets as they are destroyed\n"
		"   -Z, --context       display task SELinux security contexts\n"
		"   -z, --contexts      display task and socket SELinux security contexts\n"
		"   -N, --net           switch to the specified network namespace name\n"
		"\n"
		"   -4, --ipv4          display only IP version 4 sockets\n"
		"   -6, --ipv6          display only IP version 6 sockets\n"
		"   -0, --packet        display PACKET sockets\n"
		"   -t, --tcp           display only TCP sockets\n"
		"   -M, --mptcp         display only MPTCP sockets\n"
		"   -S, --sctp          display only SCTP sockets\n"
		"   -u, --udp           display only UDP sockets\n"
		"   -d, --dccp          display only DCCP sockets\n"
		"   -w, --raw           display only RAW sockets\n"
		"   -x, --unix          display only Unix domain sockets\n"
		"       --tipc          display only TIPC sockets\n"
		"       --vsock         display only vsock sockets\n"
		"       --xdp           display only XDP sockets\n"
		"   -f, --family=FAMILY display sockets of type FAMILY\n"
		"       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}\n"
		"\n"
		"   -K, --kill          forcibly close sockets, display what was closed\n"
		"   -H, --no-header     Suppress header line\n"
		"   -O, --oneline       socket's data printed on a single line\n"
		"       --inet-sockopt  show various inet socket options\n"
		"\n"
		"   -A, --query=QUERY, --socket=QUERY\n"
		"       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]\n"
		"\n"
		"   -D, --diag=FILE     Dump raw information about TCP sockets to FILE\n"
		"   -F, --filter=FILE   read filter information from FILE\n"
		"       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]\n"
		"       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}\n"
		"         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}\n"
		"          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
		"       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
		"             bucket := {syn-recv|time-wait}\n"
		"                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n");
}

static void __attribute__((noreturn)) usage(void)
{
	usage_to(stderr);
	exit(-1);
}

static int scan_state(const char *state)
{
	static const char *const sstate_namel[] = {
		"UNKNOWN",
		[SS_ESTABLISHED] = "established",
		[SS_SYN_SENT] = "syn-sent",
		[SS_SYN_RECV] = "syn-recv",
		[SS_FIN_WAIT1] = "fin-wait-1",
		[SS_FIN_WAIT2] = "fin-wait-2",
		[SS_TIME_WAIT] = "time-wait",
		[SS_CLOSE] = "unconnected",
		[SS_CLOSE_WAIT] = "close-wait",
		[SS_LAST_ACK] = "last-ack",
		[SS_LISTEN] = "listening",
		[SS_CLOSING] = "closing",
	};
	int i;

	if (strcasecmp(state, "close") == 0 || strcasecmp(state, "closed") == 0)
		return 1 << SS_CLOSE;
	if (strcasecmp(state, "syn-rcv") == 0)
		return 1 << SS_SYN_RECV;
	if (strcasecmp(state, "established") == 0)
		return 1 << SS_ESTABLISHED;
	if (strcasecmp(state, "all") == 0)
		return SS_ALL;
	if (strcasecmp(state, "connected") == 0)
		return SS_ALL & ~((1 << SS_CLOSE) | (1 << SS_LISTEN));
	if (strcasecmp(state, "synchronized") == 0)
		return SS_ALL & ~((1 << SS_CLOSE) | (1 << SS_LISTEN) |
				  (1 << SS_SYN_SENT));
	if (strcasecmp(state, "bucket") == 0)
		return (1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT);
	if (strcasecmp(state, "big") == 0)
		return SS_ALL & ~((1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT));
	for (i = 0; i < SS_MAX; i++)
		if (strcasecmp(state, sstate_namel[i]) == 0)
			return 1 << i;
	fprintf(stderr, "ss: wrong state name: %s\n", state);
	exit(-1);
}

static void ctx_set_family(int fam)
{
	int states = current_filter.states;

	current_filter.families = 0;
	filter_af_set(&current_filter, fam);
	filter_states_set(&current_filter, states);
}

enum {
	OPT_VSOCK = 256,
	OPT_TIPC,
	OPT_TIPCINFO,
	OPT_TOS,
	OPT_CGROUP,
	OPT_INET_SOCKOPT,
	OPT_XDP
};

static const struct option long_opts[] = { { "numeric", 0, 0, 'n' },
					   { "resolve", 0, 0, 'r' },
					   { "options", 0, 0, 'o' },
					   { "extended", 0, 0, 'e' },
					   { "memory", 0, 0, 'm' },
					   { "info", 0, 0, 'i' },
					   { "processes", 0, 0, 'p' },
					   { "bpf", 0, 0, 'b' },
					   { "events", 0, 0, 'E' },
					   { "dccp", 0, 0, 'd' },
					   { "tcp", 0, 0, 't' },
					   { "sctp", 0, 0, 'S' },
					   { "udp", 0, 0, 'u' },
					   { "raw", 0, 0, 'w' },
					   { "unix", 0, 0, 'x' },
					   { "tipc", 0, 0, OPT_TIPC },
					   { "vsock", 0, 0, OPT_VSOCK },
					   { "all", 0, 0, 'a' },
					   { "listening", 0, 0, 'l' },
					   { "ipv4", 0, 0, '4' },
					   { "ipv6", 0, 0, '6' },
					   { "packet", 0, 0, '0' },
					   { "family", 1, 0, 'f' },
					   { "socket", 1, 0, 'A' },
					   { "query", 1, 0, 'A' },
					   { "summary", 0, 0, 's' },
					   { "diag", 1, 0, 'D' },
					   { "filter", 1, 0, 'F' },
					   { "version", 0, 0, 'V' },
					   { "help", 0, 0, 'h' },
					   { "context", 0, 0, 'Z' },
					   { "contexts", 0, 0, 'z' },
					   { "net", 1, 0, 'N' },
					   { "tipcinfo", 0, 0, OPT_TIPCINFO },
					   { "tos", 0, 0, OPT_TOS },
					   { "cgroup", 0, 0, OPT_CGROUP },
					   { "kill", 0, 0, 'K' },
					   { "no-header", 0, 0, 'H' },
					   { "xdp", 0, 0, OPT_XDP },
					   { "threads", 0, 0, 'T' },
					   { "mptcp", 0, 0, 'M' },
					   { "oneline", 0, 0, 'O' },
					   { "inet-sockopt", 0, 0,
					     OPT_INET_SOCKOPT },
					   { 0, 0, 0, 0 } };

static void query_set(const char *arg)
{
	static const struct {
		const char *name, *alias;
		int dbs;
	} q[] = {
		{ "udp", NULL, 1 << UDP_DB },
		{ "dccp", NULL, 1 << DCCP_DB },
		{ "tcp", NULL, 1 << TCP_DB },
		{ "sctp", NULL, 1 << SCTP_DB },
		{ "raw", NULL, 1 << RAW_DB },
		{ "unix", NULL, UNIX_DBM },
		{ "unix_stream", "u_str", 1 << UNIX_ST_DB },
		{ "unix_dgram", "u_dgr", 1 << UNIX_DG_DB },
		{ "unix_seqpacket", "u_seq", 1 << UNIX_SQ_DB },
		{ "packet", NULL, PACKET_DBM },
		{ "packet_raw", "p_raw", 1 << PACKET_R_DB },
		{ "packet_dgram", "p_dgr", 1 << PACKET_DG_DB },
		{ "netlink", NULL, 1 << NETLINK_DB },
		{ "vsock", NULL, VSOCK_DBM },
		{ "vsock_stream", "v_str", 1 << VSOCK_ST_DB },
		{ "vsock_dgram", "v_dgr", 1 << VSOCK_DG_DB },
		{ "tipc", NULL, 1 << TIPC_DB },
	};
	char *copy = strdup(arg), *p = copy, *p1;
	size_t i;

	if (!copy)
		oom();
	do {
		p1 = strchr(p, ',');
		if (p1)
			*p1 = 0;
		if (strcmp(p, "all") == 0) {
			filter_default_dbs(&current_filter);
		} else if (strcmp(p, "inet") == 0) {
			filter_db_set(&current_filter, UDP_DB);
			filter_db_set(&current_filter, DCCP_DB);
			filter_db_set(&current_filter, TCP_DB);
			filter_db_set(&current_filter, SCTP_DB);
			filter_db_set(&current_filter, RAW_DB);
		} else {
			for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
				if (strcasecmp(p, q[i].name) == 0 ||
				    (q[i].alias && strcmp(p, q[i].alias) == 0))
					break;
			if (i == sizeof(q) / sizeof(q[0])) {
				fprintf(stderr,
					"ss: \"%s\" is illegal socket table id\n",
					p);
				usage();
			}
			for (int db = 0; db < MAX_DB; db++)
				if (q[i].dbs & (1 << db))
					filter_db_set(&current_filter, db);
		}
		p = p1 + 1;
	} while (p1);
	free(copy);
}

/* The options, as ss 6.1 reads them; leaves optind after them. */
static void parse_options(int argc, char **argv, int *state_filter_p,
			  int *do_summary_p, int *saw_query_p)
{
	int state_filter = *state_filter_p, saw_query = *saw_query_p, ch;

	while ((ch = getopt_long(argc, argv,
				 "dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO",
				 long_opts, NULL)) != EOF) {
		switch (ch) {
		case 'n':
			resolve_services = 0;
			break;
		case 'r':
			resolve_hosts = 1;
			break;
		case 'o':
			show_options = 1;
			break;
		case 'e':
			show_options = 1;
			show_details++;
			break;
		case 'm':
			show_mem = 1;
			break;
		case 'i':
			show_tcpinfo = 1;
			break;
		case 'p':
		case 'T':
			show_users++;
			user_ent_hash_build();
			break;
		case 'd':
			filter_db_set(&current_filter, DCCP_DB);
			break;
		case 't':
			filter_db_set(&current_filter, TCP_DB);
			break;
		case 'S':
			filter_db_set(&current_filter, SCTP_DB);
			break;
		case 'u':
			filter_db_set(&current_filter, UDP_DB);
			break;
		case 'w':
			filter_db_set(&current_filter, RAW_DB);
			break;
		case 'x':
			filter_af_set(&current_filter, AF_UNIX);
			break;
		case OPT_VSOCK:
			filter_af_set(&current_filter, AF_VSOCK);
			break;
		case OPT_TIPC:
			filter_af_set(&current_filter, AF_TIPC);
			break;
		case OPT_XDP:
			filter_af_set(&current_filter, AF_XDP);
			break;
		case 'a':
			state_filter = SS_ALL;
			break;
		case 'l':
			state_filter = (1 << SS_LISTEN) | (1 << SS_CLOSE);
			break;
		case '4':
			filter_af_set(&current_filter, AF_INET);
			break;
		case '6':
			filter_af_set(&current_filter, AF_INET6);
			break;
		case '0':
			filter_af_set(&current_filter, AF_PACKET);
			break;
		case 'f':
			if (strcmp(optarg, "inet") == 0)
				filter_af_set(&current_filter, AF_INET);
			else if (strcmp(optarg, "inet6") == 0)
				filter_af_set(&current_filter, AF_INET6);
			else if (strcmp(optarg, "link") == 0)
				filter_af_set(&current_filter, AF_PACKET);
			else if (strcmp(optarg, "unix") == 0)
				filter_af_set(&current_filter, AF_UNIX);
			else if (strcmp(optarg, "netlink") == 0)
				filter_af_set(&current_filter, AF_NETLINK);
			else if (strcmp(optarg, "tipc") == 0)
				filter_af_set(&current_filter, AF_TIPC);
			else if (strcmp(optarg, "vsock") == 0)
				filter_af_set(&current_filter, AF_VSOCK);
			else if (strcmp(optarg, "help") == 0) {
				usage_to(stdout);
				exit(0);
			} else {
				fprintf(stderr,
					"ss: \"%s\" is invalid family\n",
					optarg);
				usage();
			}
			break;
		case 'A':
			if (!saw_query) {
				current_filter.dbs = 0;
				state_filter =
					state_filter ? state_filter : SS_CONN;
				saw_query = 1;
				do_default = 0;
			}
			query_set(optarg);
			break;
		case 's':
			*do_summary_p = 1;
			break;
		case 'v':
		case 'V':
			printf("ss utility, iproute2-6.1.0\n");
			exit(0);
		case 'z':
		case 'Z':
			fprintf(stderr, "ss: SELinux is not enabled.\n");
			exit(1);
		case 'N':
			if (tn_netns_set(optarg)) {
				fprintf(stderr,
					"Cannot open network namespace \"%s\": %s\n",
					optarg, strerror(errno));
				exit(1);
			}
			break;
		case 'K':
			current_filter.kill = 1;
			break;
		case 'F':
			filter_file_open(optarg);
			break;
		case 'H':
			show_header = 0;
			break;
		case 'h':
			usage_to(stdout);
			exit(0);
		case 'O':
			oneline = 1;
			break;
		case OPT_TIPCINFO:
		case OPT_TOS:
		case OPT_CGROUP:
		case OPT_INET_SOCKOPT:
		case 'b':
		case 'M':
		case 'E':
		case 'D':
			fprintf(stderr, "ss: option not supported by tuxnet\n");
			exit(1);
		default:
			usage();
		}
	}
	*state_filter_p = state_filter;
	*saw_query_p = saw_query;
}

int main(int argc, char *argv[])
{
	int saw_states = 0, saw_query = 0, do_summary = 0;
	int state_filter = 0;

	parse_options(argc, argv, &state_filter, &do_summary, &saw_query);
	argc -= optind;
	argv += optind;

	if (do_summary) {
		print_summary();
		if (do_default && argc == 0)
			exit(0);
	}
	while (argc > 0) {
		if (strcmp(*argv, "state") == 0) {
			if (argc < 2) {
				fprintf(stderr,
					"Command line is not complete. Try option \"help\"\n");
				exit(-1);
			}
			argc--;
			argv++;
			if (!saw_states)
				state_filter = 0;
			state_filter |= scan_state(*argv);
			saw_states = 1;
		} else if (strcmp(*argv, "exclude") == 0 ||
			   strcmp(*argv, "excl") == 0) {
			if (argc < 2) {
				fprintf(stderr,
					"Command line is not complete. Try option \"help\"\n");
				exit(-1);
			}
			argc--;
			argv++;
			if (!saw_states)
				state_filter = SS_ALL;
			state_filter &= ~scan_state(*argv);
			saw_states = 1;
		} else {
			break;
		}
		argc--;
		argv++;
	}
	if (do_default) {
		state_filter = state_filter ? state_filter : SS_CONN;
		filter_default_dbs(&current_filter);
	}
	filter_states_set(&current_filter, state_filter);
	filter_merge_defaults(&current_filter);

	if (current_filter.dbs == 0) {
		fprintf(stderr,
			"ss: no socket tables to show with such filter.\n");
		exit(0);
	}
	if (current_filter.families == 0) {
		fprintf(stderr, "ss: no families to show with such filter.\n");
		exit(0);
	}
	if (current_filter.states == 0) {
		fprintf(stderr,
			"ss: no socket states to show with such filter.\n");
		exit(0);
	}

	filter_ctx.preferred_family = preferred_family;
	filter_ctx.udp = current_filter.dbs & (1 << UDP_DB);
	filter_ctx.tcp = current_filter.dbs & (1 << TCP_DB);
	filter_ctx.set_family = ctx_set_family;
	filter_ctx.dev_index = xll_name_to_index;
	filter_ctx.is_ephemeral = is_ephemeral;
	if (filter_fp)
		argv = filter_args = filter_file_args(filter_fp, &argc);
	if (ssfilter_parse(&current_filter.f, argc, argv, &filter_ctx))
		usage();

	if (!(current_filter.dbs & (current_filter.dbs - 1)))
		columns[COL_NETID].disabled = 1;
	if (!(current_filter.states & (current_filter.states - 1)))
		columns[COL_STATE].disabled = 1;
	if (show_header)
		print_header();
	(void)fflush(stdout);

	if (current_filter.dbs & (1 << NETLINK_DB))
		other_show(&current_filter, AF_NETLINK);
	if (current_filter.dbs & PACKET_DBM)
		other_show(&current_filter, AF_PACKET);
	if (current_filter.dbs & UNIX_DBM)
		other_show(&current_filter, AF_UNIX);
	if (current_filter.dbs & (1 << RAW_DB))
		inet_show(&current_filter, "raw", IPPROTO_RAW);
	if (current_filter.dbs & (1 << UDP_DB))
		inet_show(&current_filter, "udp", IPPROTO_UDP);
	if (current_filter.dbs & (1 << TCP_DB))
		inet_show(&current_filter, "tcp", IPPROTO_TCP);
	if (current_filter.dbs & (1 << DCCP_DB))
		inet_show(&current_filter, "dccp", IPPROTO_DCCP);
	if (current_filter.dbs & (1 << SCTP_DB))
		inet_show(&current_filter, "sctp", IPPROTO_SCTP);
	if (current_filter.dbs & VSOCK_DBM)
		other_show(&current_filter, AF_VSOCK);
	if (current_filter.dbs & (1 << TIPC_DB))
		other_show(&current_filter, AF_TIPC);

	render();
	ssfilter_free(current_filter.f);
	if (filter_args) {
		for (char **a = filter_args; *a; a++)
			free(*a);
		free(filter_args);
	}
	if (ll_rth.fd >= 0)
		rtnl_close(&ll_rth);
	return 0;
}
