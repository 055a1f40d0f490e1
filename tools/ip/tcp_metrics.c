// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip tcp_metrics (also tcpmetrics): the TCP metrics cache over generic
 * netlink, with iproute2 6.1's syntax, output and exit codes.  show/list
 * takes an optional destination prefix and source address: an exact
 * destination is asked for with TCP_METRICS_CMD_GET, a prefix filters a
 * dump.  delete removes one destination; flush without a selector deletes
 * everything in one request, with a prefix (or -4) it dumps and deletes
 * each entry that matches, in rounds, as iproute2 does.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/tcp_metrics.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <tuxnet/tuxnet.h>

#include "ip_common.h"

#define CMD_LIST  0x1
#define CMD_DEL	  0x2
#define CMD_FLUSH 0x4

static struct rtnl_handle grth = { .fd = -1 };
static int genl_family = -1;

/* what the current command selects and does */
static struct {
	int cmd;
	inet_prefix daddr, saddr;
	/* flush: the deletions a dump round found */
	struct tcpm_del {
		int atype, stype;
		inet_prefix daddr, saddr;
	} * dels;
	int ndels, cap;
	bool flushing;
} f;

struct genl_req {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char buf[1024];
};

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr, "Usage:\tip tcp_metrics/tcpmetrics { COMMAND | help }\n"
			"\tip tcp_metrics { show | flush } SELECTOR\n"
			"\tip tcp_metrics delete [ address ] ADDRESS\n"
			"SELECTOR := [ [ address ] PREFIX ]\n");
	exit(-1);
}

static void genl_req_init(struct genl_req *req, int type, int cmd, int version,
			  int flags)
{
	memset(req, 0, sizeof(*req));
	req->n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	req->n.nlmsg_type = (uint16_t)type;
	req->n.nlmsg_flags = (uint16_t)flags;
	req->g.cmd = (uint8_t)cmd;
	req->g.version = (uint8_t)version;
}

/* genl_resolve_family - the id of family @name, from nlctrl */
static int genl_resolve_family(const char *name)
{
	struct nlmsghdr *answer = NULL;
	struct rtattr *tb[CTRL_ATTR_MAX + 1];
	struct genl_req req;
	int len, id = -1;

	genl_req_init(&req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0, NLM_F_REQUEST);
	addattr_l(&req.n, sizeof(req), CTRL_ATTR_FAMILY_NAME, name,
		  strlen(name) + 1);
	if (rtnl_talk(&grth, &req.n, &answer) < 0) {
		fprintf(stderr, "Error talking to the kernel\n");
		return -2;
	}
	len = (int)answer->nlmsg_len - (int)NLMSG_LENGTH(GENL_HDRLEN);
	if (answer->nlmsg_type != GENL_ID_CTRL || len < 0) {
		fprintf(stderr, "Not a controller message, nlmsg_len=%d\n",
			(int)answer->nlmsg_len);
		free(answer);
		return -1;
	}
	parse_rtattr(tb, CTRL_ATTR_MAX,
		     (struct rtattr *)(void *)((char *)NLMSG_DATA(answer) +
					       GENL_HDRLEN),
		     len);
	if (tb[CTRL_ATTR_FAMILY_ID])
		id = *(const uint16_t *)RTA_DATA(tb[CTRL_ATTR_FAMILY_ID]);
	else
		fprintf(stderr, "Missing family id TLV\n");
	free(answer);
	return id;
}

static uint64_t rta_u64(const struct rtattr *a)
{
	uint64_t v = 0;

	memcpy(&v, RTA_DATA(a), RTA_PAYLOAD(a) < 8 ? RTA_PAYLOAD(a) : 8);
	return v;
}

static void print_tcp_metrics(struct rtattr *vals)
{
	static const char *const names[TCP_METRIC_MAX + 1] = {
		[TCP_METRIC_SSTHRESH] = "ssthresh",
		[TCP_METRIC_CWND] = "cwnd",
		[TCP_METRIC_REORDERING] = "reordering",
	};
	struct rtattr *m[TCP_METRIC_MAX + 2];
	unsigned long rtt = 0, rttvar = 0;
	int i;

	parse_rtattr_nested(m, TCP_METRIC_MAX + 1, vals);
	for (i = 0; i <= TCP_METRIC_MAX; i++) {
		char other[32];
		const char *name;
		uint32_t val;

		if (!m[i + 1])
			continue;
		val = rta_getattr_u32(m[i + 1]);
		/* rtt, rttvar: the _US values win over the ms ones */
		if (i == TCP_METRIC_RTT) {
			if (!rtt)
				rtt = (val * 1000UL) >> 3;
			continue;
		}
		if (i == TCP_METRIC_RTTVAR) {
			if (!rttvar)
				rttvar = (val * 1000UL) >> 2;
			continue;
		}
		if (i == TCP_METRIC_RTT_US) {
			rtt = val >> 3;
			continue;
		}
		if (i == TCP_METRIC_RTTVAR_US) {
			rttvar = val >> 2;
			continue;
		}
		name = names[i];
		if (!name) {
			(void)snprintf(other, sizeof(other), " metric_%d ", i);
			name = other;
		}
		print_uint(PRINT_JSON, name, NULL, val);
		print_string(PRINT_FP, NULL, " %s ", name);
		print_uint(PRINT_FP, NULL, "%u", val);
	}
	if (rtt) {
		print_float(PRINT_JSON, "rtt", NULL, (double)rtt / 1000000.);
		print_u64(PRINT_FP, NULL, " rtt %luus", rtt);
	}
	if (rttvar) {
		print_float(PRINT_JSON, "rttvar", NULL,
			    (double)rttvar / 1000000.);
		print_u64(PRINT_FP, NULL, " rttvar %luus", rttvar);
	}
}

/* an address attribute into @p; false if it has not the family's size */
static bool addr_from_rta(inet_prefix *p, const struct rtattr *a, int family)
{
	size_t len = family == AF_INET ? 4 : 16;

	memset(p, 0, sizeof(*p));
	if (RTA_PAYLOAD(a) != len)
		return false;
	p->family = (uint16_t)family;
	p->bytelen = (uint16_t)len;
	p->bitlen = (int16_t)(len * 8);
	memcpy(p->data, RTA_DATA(a), len);
	return true;
}

static void flush_add(int atype, const inet_prefix *daddr, int stype,
		      const inet_prefix *saddr)
{
	if (f.ndels == f.cap) {
		int cap = f.cap ? 2 * f.cap : 64;
		struct tcpm_del *d = realloc(f.dels, sizeof(*d) * (size_t)cap);

		if (!d) {
			perror("Failed to send flush request");
			exit(1);
		}
		f.dels = d;
		f.cap = cap;
	}
	f.dels[f.ndels].atype = atype;
	f.dels[f.ndels].daddr = *daddr;
	f.dels[f.ndels].stype = stype;
	f.dels[f.ndels].saddr = *saddr;
	f.ndels++;
}

static int process_msg(struct nlmsghdr *n, void *arg)
{
	struct rtattr *attrs[TCP_METRICS_ATTR_MAX + 1], *a;
	int len = (int)n->nlmsg_len - (int)NLMSG_LENGTH(GENL_HDRLEN);
	inet_prefix daddr, saddr;
	int atype, stype = 0;
	char buf[64];

	(void)arg;
	if (n->nlmsg_type != genl_family || len < 0)
		return -1;
	if (((struct genlmsghdr *)NLMSG_DATA(n))->cmd != TCP_METRICS_CMD_GET)
		return 0;
	parse_rtattr(
		attrs, TCP_METRICS_ATTR_MAX,
		(struct rtattr *)(void *)((char *)NLMSG_DATA(n) + GENL_HDRLEN),
		len);
	if (attrs[TCP_METRICS_ATTR_ADDR_IPV4]) {
		if (f.daddr.family && f.daddr.family != AF_INET)
			return 0;
		atype = TCP_METRICS_ATTR_ADDR_IPV4;
		if (!addr_from_rta(&daddr, attrs[atype], AF_INET))
			return 0;
	} else if (attrs[TCP_METRICS_ATTR_ADDR_IPV6]) {
		if (f.daddr.family && f.daddr.family != AF_INET6)
			return 0;
		atype = TCP_METRICS_ATTR_ADDR_IPV6;
		if (!addr_from_rta(&daddr, attrs[atype], AF_INET6))
			return 0;
	} else {
		return 0;
	}
	if (f.daddr.family && f.daddr.bitlen >= 0 &&
	    inet_addr_match(&daddr, &f.daddr, f.daddr.bitlen))
		return 0;
	memset(&saddr, 0, sizeof(saddr));
	if (attrs[TCP_METRICS_ATTR_SADDR_IPV4] ||
	    attrs[TCP_METRICS_ATTR_SADDR_IPV6]) {
		int fam =
			attrs[TCP_METRICS_ATTR_SADDR_IPV4] ? AF_INET : AF_INET6;

		if (f.saddr.family && f.saddr.family != fam)
			return 0;
		stype = fam == AF_INET ? TCP_METRICS_ATTR_SADDR_IPV4
				       : TCP_METRICS_ATTR_SADDR_IPV6;
		if (!addr_from_rta(&saddr, attrs[stype], fam))
			return 0;
		if (f.saddr.family && f.saddr.bitlen >= 0 &&
		    inet_addr_match(&saddr, &f.saddr, f.saddr.bitlen))
			return 0;
	}
	if (f.flushing) {
		flush_add(atype, &daddr, stype, &saddr);
		if (show_stats < 2)
			return 0;
	}

	open_json_object(NULL);
	if (f.cmd & (CMD_DEL | CMD_FLUSH))
		print_bool(PRINT_ANY, "deleted", "Deleted ", true);
	print_color_string(
		PRINT_ANY, ifa_family_color(daddr.family), "dst", "%s",
		format_host(daddr.family, daddr.data, buf, sizeof(buf)));
	a = attrs[TCP_METRICS_ATTR_AGE];
	if (a)
		print_float(PRINT_ANY, "age", " age %.03fsec",
			    (double)rta_u64(a) / 1000.);
	a = attrs[TCP_METRICS_ATTR_TW_TS_STAMP];
	if (a) {
		int32_t stamp = rta_getattr_s32(a);
		uint32_t tsval =
			attrs[TCP_METRICS_ATTR_TW_TSVAL]
				? rta_getattr_u32(
					  attrs[TCP_METRICS_ATTR_TW_TSVAL])
				: 0;
		char tw[64];

		(void)snprintf(tw, sizeof(tw), "%u/%d", tsval, stamp);
		print_string(PRINT_ANY, "tw_ts_stamp", " tw_ts %s ago", tw);
	}
	if (attrs[TCP_METRICS_ATTR_VALS])
		print_tcp_metrics(attrs[TCP_METRICS_ATTR_VALS]);
	a = attrs[TCP_METRICS_ATTR_FOPEN_MSS];
	if (a) /* iproute2's key, spelt so */
		print_uint(PRINT_ANY, "fopen_miss", " fo_mss %u",
			   *(const uint16_t *)RTA_DATA(a));
	a = attrs[TCP_METRICS_ATTR_FOPEN_SYN_DROPS];
	if (a) {
		const struct rtattr *ts =
			attrs[TCP_METRICS_ATTR_FOPEN_SYN_DROP_TS];

		print_uint(PRINT_ANY, "fopen_syn_drops", " fo_syn_drops %u",
			   *(const uint16_t *)RTA_DATA(a));
		print_float(PRINT_ANY, "fopen_syn_drop_ts", "/%.03fusec ago",
			    (double)(ts ? rta_u64(ts) : 0) / 1000000.);
	}
	a = attrs[TCP_METRICS_ATTR_FOPEN_COOKIE];
	if (a) {
		const unsigned char *p = RTA_DATA(a);
		int i, max = (int)RTA_PAYLOAD(a);
		char cookie[33];

		if (max > 16)
			max = 16;
		cookie[0] = 0;
		for (i = 0; i < max; i++)
			(void)snprintf(cookie + (ptrdiff_t)2 * i, 3, "%02x",
				       p[i]);
		print_string(PRINT_ANY, "fo_cookie", " fo_cookie %s", cookie);
	}
	if (saddr.family)
		print_string(PRINT_ANY, "source", " source %s",
			     format_host(saddr.family, saddr.data, buf,
					 sizeof(buf)));
	print_string(PRINT_FP, NULL, "\n", "");
	close_json_object();
	(void)fflush(stdout);
	return 0;
}

/* flush_send - delete what the last round found; -1 on a failure */
static int flush_send(void)
{
	int i;

	for (i = 0; i < f.ndels; i++) {
		const struct tcpm_del *d = &f.dels[i];
		struct genl_req req;

		genl_req_init(&req, genl_family, TCP_METRICS_CMD_DEL,
			      TCP_METRICS_GENL_VERSION,
			      NLM_F_REQUEST | NLM_F_ACK);
		addattr_l(&req.n, sizeof(req), d->atype, d->daddr.data,
			  d->daddr.bytelen);
		if (d->stype)
			addattr_l(&req.n, sizeof(req), d->stype, d->saddr.data,
				  d->saddr.bytelen);
		if (rtnl_talk(&grth, &req.n, NULL) < 0)
			return -1;
	}
	return 0;
}

static int tcpm_flush(struct genl_req *req)
{
	int round = 0;

	f.flushing = true;
	for (;;) {
		f.ndels = 0;
		if (rtnl_dump(&grth, &req->n, process_msg, NULL) < 0) {
			fprintf(stderr, "Flush terminated\n");
			exit(1);
		}
		if (!f.ndels) {
			if (round == 0)
				fprintf(stderr, "Nothing to flush.\n");
			else if (show_stats)
				printf("*** Flush is complete after %d round%s ***\n",
				       round, round > 1 ? "s" : "");
			(void)fflush(stdout);
			return 0;
		}
		round++;
		if (flush_send() < 0) {
			perror("Failed to send flush request\n");
			exit(1);
		}
		if (show_stats) {
			printf("\n*** Round %d, deleting %d entries ***\n",
			       round, f.ndels);
			(void)fflush(stdout);
		}
	}
}

/* an address or prefix argument: exits as iproute2's get_prefix does */
static void parse_prefix(inet_prefix *p, const char *arg)
{
	if (get_prefix(p, arg, preferred_family))
		prefix_error("prefix", arg);
	if (p->bitlen < 0)
		p->bitlen = (int16_t)(p->bytelen * 8);
}

static int exact_type(const inet_prefix *p, int v4, int v6)
{
	if (!p->bytelen || p->bytelen * 8 != p->bitlen)
		return -1;
	return p->family == AF_INET ? v4 : p->family == AF_INET6 ? v6 : -1;
}

static int tcpm_do_cmd(int cmd, int argc, char **argv)
{
	struct nlmsghdr *answer = NULL;
	int atype = -1, stype = -1, ack;
	struct genl_req req;

	memset(&f, 0, sizeof(f));
	f.daddr.bitlen = -1;
	f.daddr.family = (uint16_t)preferred_family;
	f.saddr.bitlen = -1;
	f.saddr.family = (uint16_t)preferred_family;
	if (preferred_family != AF_UNSPEC && preferred_family != AF_INET &&
	    preferred_family != AF_INET6) {
		fprintf(stderr, "Unsupported protocol family: %d\n",
			preferred_family);
		return -1;
	}
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "src") || !strcmp(*argv, "source")) {
			const char *who = *argv;

			NEXT_ARG();
			if (!matches(*argv, "help"))
				usage();
			if (f.saddr.bitlen >= 0)
				duparg2(who, *argv);
			parse_prefix(&f.saddr, *argv);
			stype = exact_type(&f.saddr,
					   TCP_METRICS_ATTR_SADDR_IPV4,
					   TCP_METRICS_ATTR_SADDR_IPV6);
			if (stype < 0) {
				fprintf(stderr,
					"Error: a specific IP address is expected rather than \"%s\"\n",
					*argv);
				return -1;
			}
		} else {
			const char *who = "address";

			if (!strcmp(*argv, "addr") ||
			    !strcmp(*argv, "address")) {
				who = *argv;
				NEXT_ARG();
			}
			if (!matches(*argv, "help"))
				usage();
			if (f.daddr.bitlen >= 0)
				duparg2(who, *argv);
			parse_prefix(&f.daddr, *argv);
			atype = exact_type(&f.daddr, TCP_METRICS_ATTR_ADDR_IPV4,
					   TCP_METRICS_ATTR_ADDR_IPV6);
			if ((cmd & CMD_DEL) && atype < 0) {
				fprintf(stderr,
					"Error: a specific IP address is expected rather than \"%s\"\n",
					*argv);
				return -1;
			}
		}
		/* iproute2 6.1 steps once more here, so a word after an
		 * address is skipped and the next one read as an address */
		argc--;
		argv++;
	}
	if (cmd == CMD_DEL && atype < 0) {
		fprintf(stderr, "Error: argument \"%s\" is required\n",
			"address");
		exit(-1);
	}
	if (cmd == CMD_FLUSH && atype >= 0)
		cmd = CMD_DEL; /* one address: one deletion */
	ack = 0;
	if (cmd == CMD_FLUSH && f.daddr.bitlen <= 0 && f.saddr.bitlen <= 0 &&
	    preferred_family == AF_UNSPEC) {
		cmd = CMD_DEL; /* everything: one request without address */
		ack = 1;
	} else if (cmd == CMD_DEL) {
		ack = 1;
	}

	if (genl_family < 0) {
		if (rtnl_open_byproto(&grth, 0, NETLINK_GENERIC) < 0) {
			fprintf(stderr, "Cannot open generic netlink socket\n");
			exit(1);
		}
		genl_family = genl_resolve_family(TCP_METRICS_GENL_NAME);
		if (genl_family < 0)
			exit(1);
	}
	genl_req_init(&req, genl_family,
		      cmd == CMD_DEL ? TCP_METRICS_CMD_DEL
				     : TCP_METRICS_CMD_GET,
		      TCP_METRICS_GENL_VERSION, NLM_F_REQUEST);
	if (!(cmd & CMD_FLUSH) && (atype >= 0 || (cmd & CMD_DEL))) {
		if (ack)
			req.n.nlmsg_flags |= NLM_F_ACK;
		if (atype >= 0)
			addattr_l(&req.n, sizeof(req), atype, f.daddr.data,
				  f.daddr.bytelen);
		if (stype >= 0)
			addattr_l(&req.n, sizeof(req), stype, f.saddr.data,
				  f.saddr.bytelen);
	}
	f.cmd = cmd;
	if (cmd & CMD_FLUSH) {
		int ret = tcpm_flush(&req);

		free(f.dels);
		return ret;
	}
	if (ack)
		return rtnl_talk(&grth, &req.n, NULL) < 0 ? -2 : 0;
	if (atype >= 0) {
		if (rtnl_talk(&grth, &req.n, &answer) < 0)
			return -2;
		if (process_msg(answer, NULL) < 0) {
			fprintf(stderr, "Dump terminated\n");
			exit(1);
		}
		free(answer);
		return 0;
	}
	new_json_obj(json);
	if (rtnl_dump(&grth, &req.n, process_msg, NULL) < 0) {
		fprintf(stderr, "Dump terminated\n");
		exit(1);
	}
	delete_json_obj();
	return 0;
}

int do_tcp_metrics(int argc, char **argv)
{
	static const struct {
		const char *name;
		int code;
	} cmds[] = {
		{ "list", CMD_LIST },  { "lst", CMD_LIST },
		{ "show", CMD_LIST },  { "delete", CMD_DEL },
		{ "remove", CMD_DEL }, { "flush", CMD_FLUSH },
	};
	size_t i;

	if (argc < 1)
		return tcpm_do_cmd(CMD_LIST, 0, NULL);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!matches(argv[0], cmds[i].name))
			return tcpm_do_cmd(cmds[i].code, argc - 1, argv + 1);
	if (!matches(argv[0], "help"))
		usage();
	fprintf(stderr,
		"Command \"%s\" is unknown, try \"ip tcp_metrics help\".\n",
		*argv);
	exit(-1);
}
