// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip route: add, delete, list and look up routes, in iproute2's format.
 */
#include <linux/in_route.h>
#include <linux/rtnetlink.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <tuxnet/tuxnet.h>

#include "ip_common.h"

/* RTA_PREF values (<linux/icmpv6.h>) */
#define ICMPV6_ROUTER_PREF_LOW	  0x3
#define ICMPV6_ROUTER_PREF_MEDIUM 0x0
#define ICMPV6_ROUTER_PREF_HIGH	  0x1

static void usage(void) __attribute__((noreturn));
static void print_rta_multipath(const struct rtmsg *r, struct rtattr *rta);
static void addr_error(const char *arg);

static void usage(void)
{
	fprintf(stderr,
		"Usage: ip route { list | flush } SELECTOR\n"
		"       ip route save SELECTOR\n"
		"       ip route restore\n"
		"       ip route showdump\n"
		"       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n"
		"                            [ from ADDRESS iif STRING ]\n"
		"                            [ oif STRING ] [ tos TOS ]\n"
		"                            [ mark NUMBER ] [ vrf NAME ]\n"
		"                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n"
		"                            [ sport NUMBER ] [ dport NUMBER ]\n"
		"       ip route { add | del | change | append | replace } ROUTE\n"
		"SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n"
		"            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]\n"
		"            [ type TYPE ] [ scope SCOPE ]\n"
		"ROUTE := NODE_SPEC [ INFO_SPEC ]\n"
		"NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n"
		"             [ table TABLE_ID ] [ proto RTPROTO ]\n"
		"             [ scope SCOPE ] [ metric METRIC ]\n"
		"             [ ttl-propagate { enabled | disabled } ]\n"
		"INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...\n"
		"NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]\n"
		"      [ dev STRING ] [ weight NUMBER ] NHFLAGS\n"
		"FAMILY := [ inet | inet6 | mpls | bridge | link ]\n"
		"OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]\n"
		"           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]\n"
		"           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]\n"
		"           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]\n"
		"           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]\n"
		"           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]\n"
		"           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]\n"
		"TYPE := { unicast | local | broadcast | multicast | throw |\n"
		"          unreachable | prohibit | blackhole | nat }\n"
		"TABLE_ID := [ local | main | default | all | NUMBER ]\n"
		"SCOPE := [ host | link | global | NUMBER ]\n"
		"NHFLAGS := [ onlink | pervasive ]\n"
		"RTPROTO := [ kernel | boot | static | NUMBER ]\n"
		"PREF := [ low | medium | high ]\n"
		"TIME := NUMBER[s|ms]\n"
		"BOOL := [1|0]\n"
		"FEATURES := ecn\n"
		"ENCAPTYPE := [ mpls | ip | ip6 | seg6 | seg6local | rpl | ioam6 | xfrm ]\n"
		"ENCAPHDR := [ MPLSLABEL | SEG6HDR | SEG6LOCAL | IOAM6HDR | XFRMINFO ]\n"
		"SEG6HDR := [ mode SEGMODE ] segs ADDR1,ADDRi,ADDRn [hmac HMACKEYID] [cleanup]\n"
		"SEGMODE := [ encap | encap.red | inline | l2encap | l2encap.red ]\n"
		"SEG6LOCAL := action ACTION [ OPTIONS ] [ count ]\n"
		"ACTION := { End | End.X | End.T | End.DX2 | End.DX6 | End.DX4 |\n"
		"            End.DT6 | End.DT4 | End.DT46 | End.B6 | End.B6.Encaps |\n"
		"            End.BM | End.S | End.AS | End.AM | End.BPF }\n"
		"OPTIONS := OPTION [ OPTIONS ]\n"
		"OPTION := { flavors FLAVORS | srh SEG6HDR | nh4 ADDR | nh6 ADDR | iif DEV | oif DEV |\n"
		"            table TABLEID | vrftable TABLEID | endpoint PROGNAME }\n"
		"FLAVORS := { FLAVOR[,FLAVOR] }\n"
		"FLAVOR := { psp | usp | usd | next-csid }\n"
		"IOAM6HDR := trace prealloc type IOAM6_TRACE_TYPE ns IOAM6_NAMESPACE size IOAM6_TRACE_SIZE\n"
		"XFRMINFO := if_id IF_ID [ link_dev LINK ]\n"
		"ROUTE_GET_FLAGS := [ fibmatch ]\n");
	exit(-1);
}

static struct {
	uint32_t tb; /* 0: all tables */
	int oif;
	int get;
	unsigned int protocol, protocolmask;
	unsigned int scope, scopemask;
	unsigned int typemask; /* bit per RTN_* type; 0: any */
	uint32_t metric, metricmask;
	inet_prefix rdst; /* "root": routes inside this prefix */
	inet_prefix mdst; /* "match": routes containing this prefix */
	inet_prefix rvia; /* "via PREFIX": gateways inside it */
	inet_prefix rprefsrc; /* "src PREFIX": preferred sources inside it */
	int flushed; /* ip route flush: deletions this round */
	int flush;
	int cloned; /* "cache": the cached routes (PMTU exceptions) only */
} filter;

/* Route metrics: RTAX_* names as "ip route" prints and parses them. */
static const char *const metric_names[RTAX_MAX + 1] = {
	[RTAX_MTU] = "mtu",
	[RTAX_WINDOW] = "window",
	[RTAX_RTT] = "rtt",
	[RTAX_RTTVAR] = "rttvar",
	[RTAX_SSTHRESH] = "ssthresh",
	[RTAX_CWND] = "cwnd",
	[RTAX_ADVMSS] = "advmss",
	[RTAX_REORDERING] = "reordering",
	[RTAX_HOPLIMIT] = "hoplimit",
	[RTAX_INITCWND] = "initcwnd",
	[RTAX_FEATURES] = "features",
	[RTAX_RTO_MIN] = "rto_min",
	[RTAX_INITRWND] = "initrwnd",
	[RTAX_QUICKACK] = "quickack",
	[RTAX_CC_ALGO] = "congctl",
	[RTAX_FASTOPEN_NO_COOKIE] = "fastopen_no_cookie",
};

/* The metrics "ip route add" takes as plain numbers, with their bound and
 * the name its error message gives. */
static const struct metric_type {
	const char *word;
	int type;
	unsigned int max;
	const char *what;
} metric_types[] = {
	{ "mtu", RTAX_MTU, UINT32_MAX, "mtu" },
	{ "advmss", RTAX_ADVMSS, UINT32_MAX, "mss" },
	{ "hoplimit", RTAX_HOPLIMIT, 255, "hoplimit" },
	{ "window", RTAX_WINDOW, UINT32_MAX, "window" },
	{ "cwnd", RTAX_CWND, UINT32_MAX, "cwnd" },
	{ "ssthresh", RTAX_SSTHRESH, UINT32_MAX, "ssthresh" },
	{ "reordering", RTAX_REORDERING, UINT32_MAX, "reordering" },
	{ "initcwnd", RTAX_INITCWND, UINT32_MAX, "initcwnd" },
	{ "initrwnd", RTAX_INITRWND, UINT32_MAX, "initrwnd" },
};

static int metric_type(const char *word, const struct metric_type **mt)
{
	size_t i;

	for (i = 0; i < sizeof(metric_types) / sizeof(metric_types[0]); i++) {
		if (strcmp(word, metric_types[i].word) == 0) {
			*mt = &metric_types[i];
			return 1;
		}
	}
	return 0;
}

/* Appends an attribute inside the nest @rta (of room @maxlen); -1 if full. */
static int rta_addattr_l(struct rtattr *rta, size_t maxlen, int type,
			 const void *data, size_t alen)
{
	struct rtattr *sub;
	size_t len = RTA_LENGTH(alen);

	if (RTA_ALIGN(rta->rta_len) + RTA_ALIGN(len) > maxlen) {
		fprintf(stderr,
			"rta_addattr_l: Error! max allowed bound %zu exceeded\n",
			maxlen);
		return -1;
	}
	sub = (struct rtattr *)((char *)rta + RTA_ALIGN(rta->rta_len));
	sub->rta_type = (unsigned short)type;
	sub->rta_len = (unsigned short)len;
	memcpy(RTA_DATA(sub), data, alen);
	rta->rta_len =
		(unsigned short)(RTA_ALIGN(rta->rta_len) + RTA_ALIGN(len));
	return 0;
}

/* Appends a u32 attribute inside the nest @rta (of room @maxlen). */
static void rta_addattr32(struct rtattr *rta, size_t maxlen, int type,
			  uint32_t v)
{
	struct rtattr *sub;
	size_t len = RTA_LENGTH(sizeof(v));

	if (RTA_ALIGN(rta->rta_len) + RTA_ALIGN(len) > maxlen) {
		fprintf(stderr,
			"rta_addattr32: Error! max allowed bound %zu exceeded\n",
			maxlen);
		exit(1);
	}
	sub = (struct rtattr *)((char *)rta + RTA_ALIGN(rta->rta_len));
	sub->rta_type = (unsigned short)type;
	sub->rta_len = (unsigned short)len;
	memcpy(RTA_DATA(sub), &v, sizeof(v));
	rta->rta_len = (unsigned short)(RTA_ALIGN(rta->rta_len) + len);
}

/*
 * parse_metric - "NAME [lock] VALUE" of route add/change, from @argv's
 * NAME: a u32 (at most @max) into the RTA_METRICS being built in @mx,
 * with its bit in *@lock if locked.  Return: the words used, less one.
 */
static int parse_metric(char **argv, int argc, struct rtattr *mx, size_t mxlen,
			int type, unsigned int max, const char *what,
			unsigned int *lock)
{
	unsigned int v;
	int used = 0;

	if (argc < 2)
		incomplete_command();
	argv++;
	if (strcmp(*argv, "lock") == 0) {
		*lock |= 1U << type;
		if (argc < 3)
			incomplete_command();
		argv++;
		used++;
	}
	if (get_unsigned(&v, *argv, 0) || v > max) {
		char msg[64];

		(void)snprintf(msg, sizeof(msg), "\"%s\" value is invalid\n",
			       what);
		invarg(msg, *argv);
	}
	rta_addattr32(mx, mxlen, type, v);
	return used + 1;
}

/* JSON: "metrics": [ { "mtu": 1400 } ] (rtt in ms, no locks). */
static void print_metrics_json(struct rtattr *mx[])
{
	int i;

	open_json_array(PRINT_JSON, "metrics");
	open_json_object(NULL);
	for (i = 2; i <= RTAX_MAX; i++) {
		unsigned int val;

		if (!mx[i] || !metric_names[i] ||
		    RTA_PAYLOAD(mx[i]) < sizeof(uint32_t))
			continue;
		val = rta_getattr_u32(mx[i]);
		if (i == RTAX_RTT)
			val /= 8;
		else if (i == RTAX_RTTVAR)
			val /= 4;
		print_uint(PRINT_JSON, metric_names[i], NULL, val);
	}
	close_json_object();
	close_json_array(PRINT_JSON, NULL);
}

/*
 * get_time_rtt - a time in ms as iproute2 reads it ("2s", "100ms", "1.5"):
 * *@raw set when no unit was given (the kernel's own units then)
 */
static int get_time_rtt(unsigned int *val, const char *arg, int *raw)
{
	double t;
	char *p;

	if (strchr(arg, '.')) {
		t = strtod(arg, &p);
		if (t < 0.0 || p == arg)
			return -1;
	} else {
		unsigned long res;

		errno = 0;
		res = strtoul(arg, &p, 0);
		if (p == arg || (res == ULONG_MAX && errno == ERANGE))
			return -1;
		t = (double)res;
	}
	*raw = 1;
	if (*p) {
		*raw = 0;
		if (strcasecmp(p, "s") == 0 || strcasecmp(p, "sec") == 0 ||
		    strcasecmp(p, "secs") == 0)
			t *= 1000;
		else if (strcasecmp(p, "ms") != 0 &&
			 strcasecmp(p, "msec") != 0 &&
			 strcasecmp(p, "msecs") != 0)
			return -1;
	}
	/* ceil(), always at least what was asked; wrapping as iproute2 on
	 * x86-64 wraps ("-1" is 1) */
	*val = t < 18446744073709551616.0 ? (unsigned int)(unsigned long long)t
					  : 0;
	if (*val < t)
		*val += 1;
	return 0;
}

/*
 * parse_time_metric - "rtt|rttvar|rto_min [lock] TIME" into @mx (rtt in
 * 1/8 ms and rttvar in 1/4 ms unless given raw).  Return: words used - 1.
 */
static int parse_time_metric(char **argv, int argc, struct rtattr *mx,
			     size_t mxlen, int type, unsigned int *lock)
{
	unsigned int v;
	int used = 0, raw;
	char msg[64];

	if (argc < 2)
		incomplete_command();
	argv++;
	if (type == RTAX_RTO_MIN) {
		/* iproute2 always locks rto_min and takes no "lock" */
		*lock |= 1U << type;
	} else if (strcmp(*argv, "lock") == 0) {
		*lock |= 1U << type;
		if (argc < 3)
			incomplete_command();
		argv++;
		used++;
	}
	if (get_time_rtt(&v, *argv, &raw)) {
		(void)snprintf(msg, sizeof(msg), "\"%s\" value is invalid\n",
			       type == RTAX_RTT	     ? "rtt"
			       : type == RTAX_RTTVAR ? "rttvar"
						     : "rto_min");
		invarg(msg, *argv);
	}
	if (!raw && type == RTAX_RTT)
		v *= 8;
	else if (!raw && type == RTAX_RTTVAR)
		v *= 4;
	rta_addattr32(mx, mxlen, type, v);
	return used + 1;
}

/* RTA_METRICS as iproute2 prints them: "NAME [lock] VALUE ". */
static void print_metrics(const struct rtattr *metrics)
{
	struct rtattr *mx[RTAX_MAX + 1];
	unsigned int lock = 0;
	int i;

	parse_rtattr_nested(mx, RTAX_MAX, (struct rtattr *)metrics);
	if (mx[RTAX_LOCK])
		lock = rta_getattr_u32(mx[RTAX_LOCK]);
	if (is_json_context()) {
		print_metrics_json(mx);
		return;
	}
	for (i = 2; i <= RTAX_MAX; i++) {
		unsigned int val;

		if (!mx[i] || !metric_names[i])
			continue;
		if (i == RTAX_CC_ALGO) {
			printf("%s ", metric_names[i]);
			if (lock & (1U << i))
				printf("lock ");
			printf("%.*s ", (int)RTA_PAYLOAD(mx[i]),
			       rta_getattr_str(mx[i]));
			continue;
		}
		if (RTA_PAYLOAD(mx[i]) < sizeof(uint32_t))
			continue;
		val = rta_getattr_u32(mx[i]);
		if (i == RTAX_HOPLIMIT && (int)val == -1)
			continue;
		printf("%s ", metric_names[i]);
		if (lock & (1U << i))
			printf("lock ");
		if (i == RTAX_FEATURES) {
			if (val & RTAX_FEATURE_ECN)
				printf("ecn ");
			if (val & ~RTAX_FEATURE_ECN)
				printf("%#x ", val);
		} else if (i == RTAX_RTT || i == RTAX_RTTVAR ||
			   i == RTAX_RTO_MIN) {
			if (i == RTAX_RTT)
				val /= 8;
			else if (i == RTAX_RTTVAR)
				val /= 4;
			if (val >= 1000)
				printf("%gs ", val / 1e3);
			else
				printf("%ums ", val);
		} else {
			printf("%u ", val);
		}
	}
}

/* A copied route message, waiting to be deleted by ip route flush. */
struct nlmsg_list {
	struct nlmsg_list *next;
};

/* The routes "ip route show/flush SELECTOR" selects. */
/* Is @rta (absent: 0.0.0.0) inside prefix @p?  "via" and "src" filters. */
static int route_addr_in(const struct rtmsg *r, const struct rtattr *rta,
			 const inet_prefix *p)
{
	inet_prefix a = { .family = r->rtm_family };

	if (rta) {
		size_t len = RTA_PAYLOAD(rta);

		memcpy(a.data, RTA_DATA(rta),
		       len < sizeof(a.data) ? len : sizeof(a.data));
	}
	return !inet_addr_match(&a, p, p->bitlen);
}

static int route_matches(const struct rtmsg *r, struct rtattr *tb[],
			 unsigned int table)
{
	inet_prefix dst = { .family = r->rtm_family };

	if (!filter.cloned == !!(r->rtm_flags & RTM_F_CLONED))
		return 0;
	if (filter.tb && filter.tb != table)
		return 0;
	if ((filter.protocol ^ r->rtm_protocol) & filter.protocolmask)
		return 0;
	if ((filter.scope ^ r->rtm_scope) & filter.scopemask)
		return 0;
	if (filter.typemask && !(filter.typemask & (1U << r->rtm_type)))
		return 0;
	if (filter.rdst.family && (r->rtm_family != filter.rdst.family ||
				   filter.rdst.bitlen > r->rtm_dst_len))
		return 0;
	if (filter.mdst.family &&
	    (r->rtm_family != filter.mdst.family ||
	     (filter.mdst.bitlen >= 0 && filter.mdst.bitlen < r->rtm_dst_len)))
		return 0;
	if (tb[RTA_DST]) {
		size_t len = RTA_PAYLOAD(tb[RTA_DST]);

		memcpy(dst.data, RTA_DATA(tb[RTA_DST]),
		       len < sizeof(dst.data) ? len : sizeof(dst.data));
	}
	if (filter.rdst.family &&
	    inet_addr_match(&dst, &filter.rdst, filter.rdst.bitlen))
		return 0;
	if (filter.mdst.family && filter.mdst.bitlen >= 0 &&
	    inet_addr_match(&dst, &filter.mdst, r->rtm_dst_len))
		return 0;
	if (filter.oif &&
	    (!tb[RTA_OIF] || (int)rta_getattr_u32(tb[RTA_OIF]) != filter.oif))
		return 0;
	if (filter.rvia.family &&
	    !route_addr_in(r, tb[RTA_GATEWAY], &filter.rvia))
		return 0;
	if (filter.rprefsrc.family &&
	    !route_addr_in(r, tb[RTA_PREFSRC], &filter.rprefsrc))
		return 0;
	if (filter.metricmask) {
		uint32_t metric = tb[RTA_PRIORITY]
					  ? rta_getattr_u32(tb[RTA_PRIORITY])
					  : 0;

		if ((metric ^ filter.metric) & filter.metricmask)
			return 0;
	}
	return 1;
}

/* The route's flags: text "linkdown " ..., JSON "flags": [ "linkdown" ]. */
static void print_rt_flags(unsigned int flags)
{
	static const struct {
		unsigned int flag;
		const char *name;
	} names[] = {
		{ RTNH_F_DEAD, "dead" },
		{ RTNH_F_ONLINK, "onlink" },
		{ RTNH_F_PERVASIVE, "pervasive" },
		{ RTNH_F_OFFLOAD, "offload" },
		{ RTNH_F_TRAP, "trap" },
		{ RTM_F_NOTIFY, "notify" },
		{ RTNH_F_LINKDOWN, "linkdown" },
		{ RTNH_F_UNRESOLVED, "unresolved" },
	};
	unsigned int i;

	open_json_array(PRINT_JSON, "flags");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].flag)
			print_string(PRINT_ANY, NULL, "%s ", names[i].name);
	close_json_array(PRINT_JSON, NULL);
}

static void print_cache_flags(unsigned int flags)
{
	static const struct {
		unsigned int flag;
		const char *name;
	} names[] = {
		{ RTCF_LOCAL, "local" },
		{ RTCF_REJECT, "reject" },
		{ RTCF_MULTICAST, "mc" },
		{ RTCF_BROADCAST, "brd" },
		{ RTCF_DNAT, "dst-nat" },
		{ RTCF_SNAT, "src-nat" },
		{ RTCF_MASQ, "masq" },
		{ RTCF_DIRECTDST, "dst-direct" },
		{ RTCF_DIRECTSRC, "src-direct" },
		{ RTCF_REDIRECTED, "redirected" },
		{ RTCF_DOREDIRECT, "redirect" },
		{ RTCF_FAST, "fastroute" },
		{ RTCF_NOTIFY, "notify" },
		{ RTCF_TPROXY, "proxy" },
	};
	unsigned int i;
	int first = 1;

	flags &= ~0xFFFFU;
	/* JSON: "cache": [ "local",... ] */
	open_json_array(PRINT_JSON, "cache");
	if (!is_json_context())
		printf("%s    cache ", line_sep);
	if (!flags)
		goto done;
	print_string(PRINT_FP, NULL, "%s", "<");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & names[i].flag))
			continue;
		flags &= ~names[i].flag;
		print_string(PRINT_ANY, NULL, first ? "%s" : ",%s",
			     names[i].name);
		first = 0;
	}
	if (flags)
		print_hex(PRINT_ANY, NULL, first ? "%x" : ",%x", flags);
	print_string(PRINT_FP, NULL, "%s", "> ");
done:
	close_json_array(PRINT_JSON, NULL);
}

/* RTA_CACHEINFO: expiry and error; users, use and age with -s. */
static void print_rta_cacheinfo(const struct rtattr *rta)
{
	struct rta_cacheinfo ci;

	memcpy(&ci, RTA_DATA(rta), sizeof(ci));
	if (ci.rta_expires)
		print_int(PRINT_ANY, "expires", "expires %dsec ",
			  (int)ci.rta_expires / 100);
	if (ci.rta_error)
		print_uint(PRINT_ANY, "error", "error %u ", ci.rta_error);
	if (!show_stats)
		return;
	if (ci.rta_clntref)
		print_uint(PRINT_ANY, "users", "users %u ", ci.rta_clntref);
	if (ci.rta_used)
		print_uint(PRINT_ANY, "used", "used %u ", ci.rta_used);
	if (ci.rta_lastuse)
		print_uint(PRINT_ANY, "age", "age %usec ",
			   ci.rta_lastuse / 100);
}

/* RTA_PREF: an IPv6 router preference. */
static void print_rt_pref(unsigned int pref)
{
	if (pref == ICMPV6_ROUTER_PREF_LOW)
		print_string(PRINT_ANY, "pref", "pref %s", "low");
	else if (pref == ICMPV6_ROUTER_PREF_MEDIUM)
		print_string(PRINT_ANY, "pref", "pref %s", "medium");
	else if (pref == ICMPV6_ROUTER_PREF_HIGH)
		print_string(PRINT_ANY, "pref", "pref %s", "high");
	else
		print_uint(PRINT_ANY, "pref", "pref %u", pref);
}

static int print_route(struct nlmsghdr *n, void *arg)
{
	struct rtmsg *r = NLMSG_DATA(n);
	int len = (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*r));
	struct rtattr *tb[RTA_MAX + 1];
	unsigned int host_len, table;
	char a[64], b[64];

	(void)arg;
	if ((n->nlmsg_type != RTM_NEWROUTE && n->nlmsg_type != RTM_DELROUTE) ||
	    len < 0)
		return 0;
	parse_rtattr(tb, RTA_MAX, RTM_RTA(r), len);
	table = tb[RTA_TABLE] ? rta_getattr_u32(tb[RTA_TABLE]) : r->rtm_table;
	host_len = r->rtm_family == AF_INET6 ? 128 : 32;

	if (!filter.get && !route_matches(r, tb, table))
		return 0;
	if (filter.flush) {
		struct nlmsg_list *l = malloc(sizeof(*l) + n->nlmsg_len);
		struct nlmsg_list **tail = arg;

		/* ip route flush: delete it, once the dump is over (the
		 * list is iproute_flush's; only it sets filter.flush) */
		if (!l || !tail) {
			free(l);
			return -1;
		}
		memcpy(l + 1, n, n->nlmsg_len);
		l->next = NULL;
		while (*tail)
			tail = &(*tail)->next;
		*tail = l;
		filter.flushed++;
		return 0;
	}

	open_json_object(NULL);
	if (n->nlmsg_type == RTM_DELROUTE)
		print_bool(PRINT_ANY, "deleted", "Deleted ", true);
	/* the type even when "type" filtered on it; unicast with -d */
	if (r->rtm_type != RTN_UNICAST || show_details)
		print_string(PRINT_ANY, "type", "%s ",
			     rtnl_rtntype_n2a(r->rtm_type, b, sizeof(b)));
	if (tb[RTA_DST]) {
		char d[80];

		format_host(r->rtm_family, RTA_DATA(tb[RTA_DST]), a, sizeof(a));
		if (r->rtm_dst_len != host_len)
			(void)snprintf(d, sizeof(d), "%s/%u", a,
				       r->rtm_dst_len);
		else
			(void)snprintf(d, sizeof(d), "%s", a);
		print_color_string(PRINT_ANY, ifa_family_color(r->rtm_family),
				   "dst", "%s ", d);
	} else if (r->rtm_dst_len) {
		(void)snprintf(a, sizeof(a), "0/%d", r->rtm_dst_len);
		print_string(PRINT_ANY, "dst", "%s ", a);
	} else {
		print_string(PRINT_ANY, "dst", "%s ", "default");
	}
	if (tb[RTA_SRC]) {
		char d[80];

		format_host(r->rtm_family, RTA_DATA(tb[RTA_SRC]), a, sizeof(a));
		if (r->rtm_src_len != host_len)
			(void)snprintf(d, sizeof(d), "%s/%u", a,
				       r->rtm_src_len);
		else
			(void)snprintf(d, sizeof(d), "%s", a);
		print_string(PRINT_FP, NULL, "%s", "from ");
		print_color_string(PRINT_ANY, ifa_family_color(r->rtm_family),
				   "src", "%s ", d);
	} else if (r->rtm_src_len) {
		(void)snprintf(a, sizeof(a), "0/%u", r->rtm_src_len);
		print_string(PRINT_FP, NULL, "%s", "from ");
		print_string(PRINT_ANY, "src", "%s ", a);
	}
	if (r->rtm_tos) {
		(void)snprintf(a, sizeof(a), "0x%x", r->rtm_tos);
		print_string(PRINT_ANY, "tos", "tos %s ", a);
	}
	/* a "via" or "src" filter naming one address leaves it out */
	if (tb[RTA_GATEWAY] && filter.rvia.bitlen != (int)host_len) {
		print_string(PRINT_FP, NULL, "%s", "via ");
		print_color_string(PRINT_ANY, ifa_family_color(r->rtm_family),
				   "gateway", "%s ",
				   format_host(r->rtm_family,
					       RTA_DATA(tb[RTA_GATEWAY]), a,
					       sizeof(a)));
	}
	if (tb[RTA_OIF] && !filter.oif) {
		print_string(PRINT_FP, NULL, "%s", "dev ");
		print_color_string(
			PRINT_ANY, COLOR_IFNAME, "dev", "%s ",
			ll_index_to_name((int)rta_getattr_u32(tb[RTA_OIF])));
	}
	if (table && (table != RT_TABLE_MAIN || show_details) && !filter.tb)
		print_string(PRINT_ANY, "table", "table %s ",
			     rtnl_rttable_n2a(table, b, sizeof(b)));
	if (!(r->rtm_flags & RTM_F_CLONED)) {
		if ((r->rtm_protocol != RTPROT_BOOT || show_details) &&
		    filter.protocolmask != ~0U)
			print_string(
				PRINT_ANY, "protocol", "proto %s ",
				rtnl_rtprot_n2a(r->rtm_protocol, b, sizeof(b)));
		if ((r->rtm_scope != RT_SCOPE_UNIVERSE || show_details) &&
		    filter.scopemask != ~0U)
			print_string(
				PRINT_ANY, "scope", "scope %s ",
				rtnl_rtscope_n2a(r->rtm_scope, b, sizeof(b)));
	}
	if (tb[RTA_PREFSRC] && filter.rprefsrc.bitlen != (int)host_len) {
		print_string(PRINT_FP, NULL, "%s", "src ");
		print_color_string(PRINT_ANY, ifa_family_color(r->rtm_family),
				   "prefsrc", "%s ",
				   format_host(r->rtm_family,
					       RTA_DATA(tb[RTA_PREFSRC]), a,
					       sizeof(a)));
	}
	if (tb[RTA_PRIORITY])
		print_uint(PRINT_ANY, "metric", "metric %u ",
			   rta_getattr_u32(tb[RTA_PRIORITY]));
	print_rt_flags(r->rtm_flags);
	if (tb[RTA_MARK] && rta_getattr_u32(tb[RTA_MARK]))
		print_uint(PRINT_ANY, "mark", "mark %u ",
			   rta_getattr_u32(tb[RTA_MARK]));
	if (tb[RTA_UID])
		print_uint(PRINT_ANY, "uid", "uid %u ",
			   rta_getattr_u32(tb[RTA_UID]));
	if (r->rtm_family == AF_INET && (r->rtm_flags & RTM_F_CLONED))
		print_cache_flags(r->rtm_flags);
	if (tb[RTA_CACHEINFO])
		print_rta_cacheinfo(tb[RTA_CACHEINFO]);
	if (tb[RTA_METRICS])
		print_metrics(tb[RTA_METRICS]);
	if (tb[RTA_IIF]) {
		print_string(PRINT_FP, NULL, "%s", "iif ");
		print_color_string(
			PRINT_ANY, COLOR_IFNAME, "iif", "%s ",
			ll_index_to_name((int)rta_getattr_u32(tb[RTA_IIF])));
	}
	if (tb[RTA_MULTIPATH])
		print_rta_multipath(r, tb[RTA_MULTIPATH]);
	if (tb[RTA_PREF])
		print_rt_pref(rta_getattr_u8(tb[RTA_PREF]));
	print_nl();
	close_json_object();
	(void)fflush(stdout);
	return 0;
}

/* The next hops of a multipath route, one "nexthop" line each. */
static void print_rta_multipath(const struct rtmsg *r, struct rtattr *rta)
{
	const struct rtnexthop *nh = RTA_DATA(rta);
	int len = (int)RTA_PAYLOAD(rta);
	char a[64];

	open_json_array(PRINT_JSON, "nexthops");
	while (len >= (int)sizeof(*nh)) {
		struct rtattr *tb[RTA_MAX + 1];

		if (nh->rtnh_len > len)
			break;
		open_json_object(NULL);
		print_string(PRINT_FP, NULL, "%s\tnexthop ", line_sep);
		memset(tb, 0, sizeof(tb));
		if (nh->rtnh_len > sizeof(*nh)) {
			parse_rtattr(tb, RTA_MAX, RTNH_DATA(nh),
				     (int)(nh->rtnh_len - sizeof(*nh)));
			if (tb[RTA_GATEWAY]) {
				print_string(PRINT_FP, NULL, "%s", "via ");
				print_color_string(
					PRINT_ANY,
					ifa_family_color(r->rtm_family),
					"gateway", "%s ",
					format_host(r->rtm_family,
						    RTA_DATA(tb[RTA_GATEWAY]),
						    a, sizeof(a)));
			}
		}
		if (nh->rtnh_ifindex) {
			print_string(PRINT_FP, NULL, "%s", "dev ");
			print_color_string(PRINT_ANY, COLOR_IFNAME, "dev",
					   "%s ",
					   ll_index_to_name(nh->rtnh_ifindex));
		}
		print_int(PRINT_ANY, "weight", "weight %d ", nh->rtnh_hops + 1);
		print_rt_flags(nh->rtnh_flags);
		close_json_object();
		len -= (int)NLMSG_ALIGN(nh->rtnh_len);
		nh = RTNH_NEXT(nh);
	}
	close_json_array(PRINT_JSON, NULL);
}

/* One "nexthop NH" of ip route add: via, dev, weight, onlink. */
static int parse_one_nh(struct rtmsg *r, struct rtattr *rta, size_t len,
			struct rtnexthop *rtnh, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;

	while (++argv, --argc > 0) {
		if (strcmp(*argv, "via") == 0) {
			inet_prefix addr;

			NEXT_ARG();
			if (strcmp(*argv, "inet") == 0)
				NEXT_ARG();
			if (get_addr(&addr, *argv, r->rtm_family))
				addr_error(*argv);
			if (r->rtm_family == AF_UNSPEC)
				r->rtm_family = (unsigned char)addr.family;
			if (rta_addattr_l(rta, len, RTA_GATEWAY, addr.data,
					  addr.bytelen))
				return -1;
			rtnh->rtnh_len =
				(unsigned short)(rtnh->rtnh_len +
						 sizeof(struct rtattr) +
						 addr.bytelen);
		} else if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			rtnh->rtnh_ifindex = ll_name_to_index(*argv);
			if (!rtnh->rtnh_ifindex)
				return nodev(*argv);
		} else if (strcmp(*argv, "weight") == 0) {
			unsigned int w;

			NEXT_ARG();
			if (get_unsigned(&w, *argv, 0) || w == 0 || w > 256)
				invarg("\"weight\" is invalid\n", *argv);
			rtnh->rtnh_hops = (unsigned char)(w - 1);
		} else if (strcmp(*argv, "onlink") == 0) {
			rtnh->rtnh_flags |= RTNH_F_ONLINK;
		} else {
			break;
		}
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

/* The "nexthop ..." list that ends ip route add, as RTA_MULTIPATH. */
static int parse_nexthops(struct nlmsghdr *n, size_t maxlen, struct rtmsg *r,
			  int argc, char **argv)
{
	char buf[4096];
	struct rtattr *rta = (void *)buf;
	struct rtnexthop *rtnh;

	rta->rta_type = RTA_MULTIPATH;
	rta->rta_len = RTA_LENGTH(0);
	rtnh = RTA_DATA(rta);
	while (argc > 0) {
		if (strcmp(*argv, "nexthop") != 0) {
			fprintf(stderr,
				"Error: \"nexthop\" or end of line is expected instead of \"%s\"\n",
				*argv);
			exit(-1);
		}
		if (argc <= 1) {
			fprintf(stderr,
				"Error: unexpected end of line after \"nexthop\"\n");
			exit(-1);
		}
		if (RTA_ALIGN(rta->rta_len) + sizeof(*rtnh) > sizeof(buf))
			return -1;
		memset(rtnh, 0, sizeof(*rtnh));
		rtnh->rtnh_len = sizeof(*rtnh);
		rta->rta_len = (unsigned short)(rta->rta_len + rtnh->rtnh_len);
		if (parse_one_nh(r, rta, sizeof(buf), rtnh, &argc, &argv)) {
			fprintf(stderr, "Error: cannot parse nexthop\n");
			exit(-1);
		}
		rtnh = RTNH_NEXT(rtnh);
	}
	if (rta->rta_len > RTA_LENGTH(0))
		return addattr_l(n, maxlen, RTA_MULTIPATH, RTA_DATA(rta),
				 RTA_PAYLOAD(rta));
	return 0;
}

static void addr_error(const char *arg)
{
	prefix_error("address", arg);
}

/*
 * The scope of a route that names none, by its family and type, as
 * iproute2 chooses it; @via: a gateway or nexthops were given.
 */
static void route_default_scope(struct rtmsg *r, int cmd, int via)
{
	if (r->rtm_family == AF_INET6)
		r->rtm_scope = RT_SCOPE_UNIVERSE;
	else if (r->rtm_type == RTN_LOCAL || r->rtm_type == RTN_NAT)
		r->rtm_scope = RT_SCOPE_HOST;
	else if (r->rtm_type == RTN_BROADCAST || r->rtm_type == RTN_MULTICAST ||
		 r->rtm_type == RTN_ANYCAST)
		r->rtm_scope = RT_SCOPE_LINK;
	else if (r->rtm_type == RTN_UNICAST || r->rtm_type == RTN_UNSPEC) {
		if (cmd == RTM_DELROUTE)
			r->rtm_scope = RT_SCOPE_NOWHERE;
		else if (!via)
			r->rtm_scope = RT_SCOPE_LINK;
	}
}

/*
 * One metric of "ip route add|change ..." at *@argvp into @mx (RTA_METRICS
 * being built, @mxlen long), "lock" into @mxlock: 1 with the last word it
 * took at *@argvp, 0 if *@argvp names no metric.
 */
static int parse_route_metric(int *argcp, char ***argvp, struct rtattr *mx,
			      size_t mxlen, unsigned int *mxlock)
{
	const struct metric_type *mt;
	char **argv = *argvp;
	int argc = *argcp;

	if (strcmp(*argv, "rtt") == 0 || strcmp(*argv, "rttvar") == 0 ||
	    strcmp(*argv, "rto_min") == 0) {
		int type = strcmp(*argv, "rtt") == 0	  ? RTAX_RTT
			   : strcmp(*argv, "rttvar") == 0 ? RTAX_RTTVAR
							  : RTAX_RTO_MIN;
		int used =
			parse_time_metric(argv, argc, mx, mxlen, type, mxlock);

		argc -= used;
		argv += used;
	} else if (strcmp(*argv, "quickack") == 0 ||
		   strcmp(*argv, "fastopen_no_cookie") == 0) {
		int type = (*argv)[0] == 'q' ? RTAX_QUICKACK
					     : RTAX_FASTOPEN_NO_COOKIE;
		unsigned int v;

		NEXT_ARG();
		if (get_unsigned(&v, *argv, 0))
			invarg(type == RTAX_QUICKACK
				       ? "\"quickack\" value is invalid\n"
				       : "\"fastopen_no_cookie\" value is invalid\n",
			       *argv);
		if (v != 1 && v != 0)
			invarg(type == RTAX_QUICKACK
				       ? "\"quickack\" value should be 0 or 1\n"
				       : "\"fastopen_no_cookie\" value should be 0 or 1\n",
			       *argv);
		rta_addattr32(mx, mxlen, type, v);
	} else if (strcmp(*argv, "congctl") == 0) {
		NEXT_ARG();
		if (strcmp(*argv, "lock") == 0) {
			*mxlock |= 1U << RTAX_CC_ALGO;
			NEXT_ARG();
		}
		if (rta_addattr_l(mx, mxlen, RTAX_CC_ALGO, *argv,
				  strlen(*argv)))
			exit(1);
	} else if (strcmp(*argv, "features") == 0) {
		unsigned int features = 0;

		NEXT_ARG();
		if (strcmp(*argv, "ecn") == 0)
			features |= RTAX_FEATURE_ECN;
		else
			invarg("\"features\" value not valid\n", *argv);
		rta_addattr32(mx, mxlen, RTAX_FEATURES, features);
	} else if (metric_type(*argv, &mt)) {
		int used = parse_metric(argv, argc, mx, mxlen, mt->type,
					mt->max, mt->what, mxlock);

		argc -= used;
		argv += used;
	} else {
		return 0;
	}
	*argcp = argc;
	*argvp = argv;
	return 1;
}

static int iproute_modify(int cmd, unsigned int flags, int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct rtmsg r;
		char buf[4096];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)),
		.n.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags),
		.n.nlmsg_type = (uint16_t)cmd,
		.r.rtm_family = (unsigned char)preferred_family,
		.r.rtm_table = RT_TABLE_MAIN,
		.r.rtm_scope = RT_SCOPE_NOWHERE,
	};
	const char *d = NULL;
	int gw_ok = 0, dst_ok = 0, scope_ok = 0, table_ok = 0, nhs_ok = 0;
	inet_prefix addr;
	/* RTA_METRICS, built aside and appended at the end. */
	char mxbuf[256] __attribute__((aligned(4)));
	struct rtattr *mxrta = (struct rtattr *)mxbuf;
	unsigned int mxlock = 0;

	mxrta->rta_type = RTA_METRICS;
	mxrta->rta_len = RTA_LENGTH(0);

	if (cmd != RTM_DELROUTE) {
		req.r.rtm_protocol = RTPROT_BOOT;
		req.r.rtm_scope = RT_SCOPE_UNIVERSE;
		req.r.rtm_type = RTN_UNICAST;
	}
	while (argc > 0) {
		if (strcmp(*argv, "src") == 0) {
			NEXT_ARG();
			if (get_addr(&addr, *argv, req.r.rtm_family))
				addr_error(*argv);
			if (req.r.rtm_family == AF_UNSPEC)
				req.r.rtm_family = (unsigned char)addr.family;
			addattr_l(&req.n, sizeof(req), RTA_PREFSRC, addr.data,
				  addr.bytelen);
		} else if (strcmp(*argv, "via") == 0) {
			NEXT_ARG();
			if (gw_ok)
				duparg("via", *argv);
			if (get_addr(&addr, *argv, req.r.rtm_family))
				addr_error(*argv);
			if (req.r.rtm_family == AF_UNSPEC)
				req.r.rtm_family = (unsigned char)addr.family;
			addattr_l(&req.n, sizeof(req), RTA_GATEWAY, addr.data,
				  addr.bytelen);
			gw_ok = 1;
		} else if (matches(*argv, "metric") == 0 ||
			   matches(*argv, "priority") == 0 ||
			   strcmp(*argv, "preference") == 0) {
			uint32_t metric;

			NEXT_ARG();
			if (get_u32(&metric, *argv, 0))
				invarg("\"metric\" value is invalid\n", *argv);
			addattr32(&req.n, sizeof(req), RTA_PRIORITY, metric);
		} else if (matches(*argv, "scope") == 0) {
			uint32_t scope = 0;

			NEXT_ARG();
			if (rtnl_rtscope_a2n(&scope, *argv))
				invarg("invalid \"scope\" value\n", *argv);
			req.r.rtm_scope = (unsigned char)scope;
			scope_ok = 1;
		} else if (matches(*argv, "protocol") == 0) {
			uint32_t prot;

			NEXT_ARG();
			if (rtnl_rtprot_a2n(&prot, *argv))
				invarg("\"protocol\" value is invalid\n",
				       *argv);
			req.r.rtm_protocol = (unsigned char)prot;
		} else if (matches(*argv, "table") == 0) {
			uint32_t tid;

			NEXT_ARG();
			if (rtnl_rttable_a2n(&tid, *argv))
				invarg("\"table\" value is invalid\n", *argv);
			if (tid < 256) {
				req.r.rtm_table = (unsigned char)tid;
			} else {
				req.r.rtm_table = RT_TABLE_UNSPEC;
				addattr32(&req.n, sizeof(req), RTA_TABLE, tid);
			}
			table_ok = 1;
		} else if (strcmp(*argv, "dev") == 0 ||
			   strcmp(*argv, "oif") == 0) {
			NEXT_ARG();
			d = *argv;
		} else if (strcmp(*argv, "onlink") == 0) {
			req.r.rtm_flags |= RTNH_F_ONLINK;
		} else if (strcmp(*argv, "nexthop") == 0) {
			nhs_ok = 1;
			break;
		} else if (parse_route_metric(&argc, &argv, mxrta,
					      sizeof(mxbuf), &mxlock)) {
			/* rtt ... congctl, features, mtu ... */
		} else {
			int type;
			inet_prefix dst;

			if (matches(*argv, "to") == 0)
				NEXT_ARG();
			if ((**argv < '0' || **argv > '9') &&
			    rtnl_rtntype_a2n(&type, *argv) == 0) {
				NEXT_ARG();
				req.r.rtm_type = (unsigned char)type;
			}
			if (matches(*argv, "help") == 0)
				usage();
			if (dst_ok)
				duparg2("to", *argv);
			if (get_prefix(&dst, *argv, req.r.rtm_family))
				prefix_error("prefix", *argv);
			if (req.r.rtm_family == AF_UNSPEC)
				req.r.rtm_family = (unsigned char)dst.family;
			req.r.rtm_dst_len = (unsigned char)dst.bitlen;
			dst_ok = 1;
			if (dst.bitlen)
				addattr_l(&req.n, sizeof(req), RTA_DST,
					  dst.data, dst.bytelen);
		}
		argc--;
		argv++;
	}
	if (!dst_ok)
		usage();
	if (nhs_ok && parse_nexthops(&req.n, sizeof(req), &req.r, argc, argv))
		return -1;
	if (mxlock)
		rta_addattr32(mxrta, sizeof(mxbuf), RTAX_LOCK, mxlock);
	if (RTA_PAYLOAD(mxrta))
		addattr_l(&req.n, sizeof(req), RTA_METRICS, RTA_DATA(mxrta),
			  RTA_PAYLOAD(mxrta));
	if (d) {
		int idx = ll_name_to_index(d);

		if (!idx)
			return nodev(d);
		addattr32(&req.n, sizeof(req), RTA_OIF, (uint32_t)idx);
	}
	if (req.r.rtm_family == AF_UNSPEC)
		req.r.rtm_family = AF_INET;
	if (!table_ok &&
	    (req.r.rtm_type == RTN_LOCAL || req.r.rtm_type == RTN_BROADCAST ||
	     req.r.rtm_type == RTN_NAT || req.r.rtm_type == RTN_ANYCAST))
		req.r.rtm_table = RT_TABLE_LOCAL;
	if (!scope_ok)
		route_default_scope(&req.r, cmd, gw_ok || nhs_ok);
	if (rtnl_talk(&rth, &req.n, NULL) < 0)
		return -2;
	return 0;
}

/* ip route flush: delete what a dump selects, until nothing is left. */
static int iproute_flush(struct nlmsghdr *req)
{
	int round;

	for (round = 0; round < 10; round++) {
		struct nlmsg_list *list = NULL, *l, *next;

		filter.flushed = 0;
		req->nlmsg_flags = 0;
		if (rtnl_dump(&rth, req, print_route, &list) < 0) {
			fprintf(stderr, "Flush terminated\n");
			return -2;
		}
		for (l = list; l; l = next) {
			struct nlmsghdr *n = (struct nlmsghdr *)(l + 1);

			next = l->next;
			n->nlmsg_type = RTM_DELROUTE;
			n->nlmsg_flags = NLM_F_REQUEST;
			rtnl_talk_quiet(&rth, n, NULL);
			free(l);
		}
		if (!filter.flushed)
			return 0;
	}
	fprintf(stderr, "*** Flush remains incomplete after 10 rounds. ***\n");
	return 1;
}

/* ip route flush cache: what writing route/flush does (rt_cache_flush) */
static int iproute_flush_cache(void)
{
	int fd = tn_open("/proc/sys/net/ipv4/route/flush", O_WRONLY);

	if (fd < 0) {
		perror("Cannot open \"/proc/sys/net/ipv4/route/flush\"");
		return -1;
	}
	if (tn_write(fd, "-1", 2) != 2) {
		perror("Cannot flush routing cache");
		tn_close(fd);
		return -1;
	}
	tn_close(fd);
	return 0;
}

static int iproute_list_flush(int argc, char **argv, int flush)
{
	struct {
		struct nlmsghdr n;
		struct rtmsg r;
		char buf[64];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)),
		.n.nlmsg_type = RTM_GETROUTE,
	};
	const char *od = NULL;
	int family = preferred_family;

	memset(&filter, 0, sizeof(filter));
	filter.tb = RT_TABLE_MAIN;
	if (flush && argc <= 0) {
		fprintf(stderr, "\"ip route flush\" requires arguments.\n");
		return -1;
	}
	while (argc > 0) {
		if (matches(*argv, "cloned") == 0 ||
		    matches(*argv, "cached") == 0) {
			filter.cloned = 1;
		} else if (matches(*argv, "table") == 0) {
			uint32_t tid;

			NEXT_ARG();
			if (rtnl_rttable_a2n(&tid, *argv)) {
				if (strcmp(*argv, "all") == 0)
					tid = 0;
				else if (strcmp(*argv, "help") == 0)
					usage();
				else
					invarg("table id value is invalid\n",
					       *argv);
			}
			filter.tb = tid;
		} else if (matches(*argv, "protocol") == 0) {
			uint32_t prot = 0;

			NEXT_ARG();
			filter.protocolmask = ~0U;
			if (rtnl_rtprot_a2n(&prot, *argv)) {
				if (strcmp(*argv, "all") != 0)
					invarg("invalid \"protocol\"\n", *argv);
				prot = 0;
				filter.protocolmask = 0;
			}
			filter.protocol = prot;
		} else if (matches(*argv, "scope") == 0) {
			uint32_t scope = 0;

			NEXT_ARG();
			filter.scopemask = ~0U;
			if (rtnl_rtscope_a2n(&scope, *argv)) {
				if (strcmp(*argv, "all") != 0)
					invarg("invalid \"scope\"\n", *argv);
				scope = RT_SCOPE_NOWHERE;
				filter.scopemask = 0;
			}
			filter.scope = scope;
		} else if (matches(*argv, "type") == 0) {
			int type;

			NEXT_ARG();
			if (rtnl_rtntype_a2n(&type, *argv))
				invarg("node type value is invalid\n", *argv);
			filter.typemask = 1U << type;
		} else if (strcmp(*argv, "dev") == 0 ||
			   strcmp(*argv, "oif") == 0) {
			NEXT_ARG();
			od = *argv;
		} else if (strcmp(*argv, "via") == 0) {
			NEXT_ARG();
			if (strcmp(*argv, "inet") == 0)
				NEXT_ARG();
			if (get_prefix(&filter.rvia, *argv, family))
				prefix_error("prefix", *argv);
		} else if (strcmp(*argv, "src") == 0) {
			NEXT_ARG();
			if (get_prefix(&filter.rprefsrc, *argv, family))
				prefix_error("prefix", *argv);
		} else if (matches(*argv, "metric") == 0 ||
			   matches(*argv, "priority") == 0 ||
			   strcmp(*argv, "preference") == 0) {
			uint32_t metric;

			NEXT_ARG();
			if (get_u32(&metric, *argv, 0))
				invarg("\"metric\" value is invalid\n", *argv);
			filter.metric = metric;
			filter.metricmask = ~0U;
		} else {
			if (matches(*argv, "to") == 0)
				NEXT_ARG();
			if (matches(*argv, "root") == 0) {
				NEXT_ARG();
				if (get_prefix(&filter.rdst, *argv, family))
					prefix_error("prefix", *argv);
			} else if (matches(*argv, "match") == 0) {
				NEXT_ARG();
				if (get_prefix(&filter.mdst, *argv, family))
					prefix_error("prefix", *argv);
			} else {
				if (matches(*argv, "exact") == 0)
					NEXT_ARG();
				else if (matches(*argv, "help") == 0)
					usage();
				if (get_prefix(&filter.mdst, *argv, family))
					prefix_error("prefix", *argv);
				filter.rdst = filter.mdst;
			}
		}
		argc--;
		argv++;
	}
	if (family == AF_UNSPEC && filter.tb)
		family = AF_INET;
	if (od) {
		filter.oif = ll_name_to_index(od);
		if (!filter.oif)
			return nodev(od);
	}
	req.r.rtm_family = (unsigned char)family;
	/* the cache: flushing it is the sysctl's job, as iproute2 does it;
	 * listing it asks the kernel for the exceptions only */
	if (filter.cloned && flush)
		return iproute_flush_cache();
	if (filter.cloned)
		req.r.rtm_flags |= RTM_F_CLONED;
	/*
	 * As iproute2: a strict dump request naming the table, so that the
	 * kernel says when it does not exist.
	 */
	if (filter.tb) {
		int one = 1;

		tn_setsockopt(rth.fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
			      sizeof(one));
		addattr32(&req.n, sizeof(req), RTA_TABLE, filter.tb);
	}
	if (flush) {
		filter.flush = 1;
		return iproute_flush(&req.n);
	}
	new_json_obj(json);
	if (rtnl_dump(&rth, &req.n, print_route, NULL) < 0) {
		fprintf(stderr, "Dump terminated\n");
		return -2;
	}
	delete_json_obj();
	return 0;
}

static int iproute_get(int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct rtmsg r;
		char buf[256];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)),
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_type = RTM_GETROUTE,
		.r.rtm_family = (unsigned char)preferred_family,
	};
	struct nlmsghdr *answer = NULL;
	int found = 0, fib_match = 0;
	const char *odev = NULL, *idev = NULL;

	while (argc > 0) {
		if (matches(*argv, "iif") == 0) {
			NEXT_ARG();
			idev = *argv;
		} else if (strcmp(*argv, "oif") == 0 ||
			   strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			odev = *argv;
		} else if (strcmp(*argv, "fibmatch") == 0) {
			fib_match = 1;
		} else if (matches(*argv, "tos") == 0 ||
			   matches(*argv, "dsfield") == 0) {
			uint32_t tos;

			NEXT_ARG();
			if (rtnl_dsfield_a2n(&tos, *argv))
				invarg("TOS value is invalid\n", *argv);
			req.r.rtm_tos = (unsigned char)tos;
		} else if (matches(*argv, "mark") == 0) {
			unsigned int mark;

			NEXT_ARG();
			if (get_unsigned(&mark, *argv, 0))
				invarg("invalid mark value", *argv);
			addattr32(&req.n, sizeof(req), RTA_MARK, mark);
		} else if (matches(*argv, "ipproto") == 0) {
			/* iproute2's inet_proto_a2n: a number or a name */
			const struct protoent *pe;
			unsigned int proto;

			NEXT_ARG();
			if (get_unsigned(&proto, *argv, 10) == 0 &&
			    proto <= 255) {
				/* a number */
			} else if ((pe = getprotobyname(*argv)) != NULL) {
				proto = (unsigned int)pe->p_proto;
			} else {
				invarg("Invalid \"ipproto\" value\n", *argv);
			}
			addattr8(&req.n, sizeof(req), RTA_IP_PROTO,
				 (uint8_t)proto);
		} else if (matches(*argv, "sport") == 0 ||
			   matches(*argv, "dport") == 0) {
			int sport = matches(*argv, "sport") == 0;
			unsigned int port;
			uint16_t be;

			NEXT_ARG();
			if (get_unsigned(&port, *argv, 0) || port > 0xffff)
				invarg(sport ? "invalid sport\n"
					     : "invalid dport\n",
				       *argv);
			be = htons((uint16_t)port);
			addattr_l(&req.n, sizeof(req),
				  sport ? RTA_SPORT : RTA_DPORT, &be,
				  sizeof(be));
		} else if (strcmp(*argv, "from") == 0) {
			inet_prefix addr;

			NEXT_ARG();
			if (get_prefix(&addr, *argv, req.r.rtm_family))
				prefix_error("prefix", *argv);
			if (req.r.rtm_family == AF_UNSPEC)
				req.r.rtm_family = (unsigned char)addr.family;
			if (addr.bytelen)
				addattr_l(&req.n, sizeof(req), RTA_SRC,
					  addr.data, addr.bytelen);
			req.r.rtm_src_len = (unsigned char)addr.bitlen;
		} else {
			inet_prefix addr;

			if (matches(*argv, "to") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			if (get_prefix(&addr, *argv, req.r.rtm_family))
				prefix_error("prefix", *argv);
			if (req.r.rtm_family == AF_UNSPEC)
				req.r.rtm_family = (unsigned char)addr.family;
			if (addr.bytelen)
				addattr_l(&req.n, sizeof(req), RTA_DST,
					  addr.data, addr.bytelen);
			if (req.r.rtm_family == AF_INET && addr.bitlen != 32) {
				fprintf(stderr,
					"Warning: /%u as prefix is invalid, only /32 (or none) is supported.\n",
					addr.bitlen);
				req.r.rtm_dst_len = 32;
			} else if (req.r.rtm_family == AF_INET6 &&
				   addr.bitlen != 128) {
				fprintf(stderr,
					"Warning: /%u as prefix is invalid, only /128 (or none) is supported.\n",
					addr.bitlen);
				req.r.rtm_dst_len = 128;
			} else {
				req.r.rtm_dst_len = (unsigned char)addr.bitlen;
			}
			found = 1;
		}
		argc--;
		argv++;
	}
	if (!found) {
		fprintf(stderr, "need at least a destination address\n");
		return -1;
	}
	if (idev) {
		int idx = ll_name_to_index(idev);

		if (!idx)
			return nodev(idev);
		addattr32(&req.n, sizeof(req), RTA_IIF, (uint32_t)idx);
	}
	if (odev) {
		int idx = ll_name_to_index(odev);

		if (!idx)
			return nodev(odev);
		addattr32(&req.n, sizeof(req), RTA_OIF, (uint32_t)idx);
	}
	if (req.r.rtm_family == AF_UNSPEC)
		req.r.rtm_family = AF_INET;
	/* as iproute2 6.1: the reply names the table the route came from */
	req.r.rtm_flags |= RTM_F_LOOKUP_TABLE;
	if (fib_match)
		req.r.rtm_flags |= RTM_F_FIB_MATCH;
	if (rtnl_talk(&rth, &req.n, &answer) < 0)
		return -2;
	memset(&filter, 0, sizeof(filter));
	filter.get = 1;
	new_json_obj(json);
	print_route(answer, NULL);
	delete_json_obj();
	free(answer);
	return 0;
}

int do_iproute(int argc, char **argv)
{
	if (argc < 1)
		return iproute_list_flush(0, NULL, 0);
	if (matches(*argv, "add") == 0)
		return iproute_modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL,
				      argc - 1, argv + 1);
	if (matches(*argv, "change") == 0 || strcmp(*argv, "chg") == 0)
		return iproute_modify(RTM_NEWROUTE, NLM_F_REPLACE, argc - 1,
				      argv + 1);
	if (matches(*argv, "replace") == 0)
		return iproute_modify(RTM_NEWROUTE,
				      NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				      argv + 1);
	if (matches(*argv, "prepend") == 0)
		return iproute_modify(RTM_NEWROUTE, NLM_F_CREATE, argc - 1,
				      argv + 1);
	if (matches(*argv, "append") == 0)
		return iproute_modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND,
				      argc - 1, argv + 1);
	if (matches(*argv, "delete") == 0)
		return iproute_modify(RTM_DELROUTE, 0, argc - 1, argv + 1);
	if (matches(*argv, "list") == 0 || matches(*argv, "show") == 0 ||
	    matches(*argv, "lst") == 0)
		return iproute_list_flush(argc - 1, argv + 1, 0);
	if (matches(*argv, "flush") == 0)
		return iproute_list_flush(argc - 1, argv + 1, 1);
	if (matches(*argv, "get") == 0)
		return iproute_get(argc - 1, argv + 1);
	if (matches(*argv, "help") == 0)
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip route help\".\n",
		*argv);
	exit(-1);
}
