// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip neigh: the neighbour (ARP) table: show, add, change, delete, flush.
 */
#include <linux/neighbour.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ip_common.h"

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr,
		"Usage: ip neigh { add | del | change | replace }\n"
		"                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n"
		"                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n"
		"                [ protocol PROTO ]\n"
		"\n"
		"\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
		"\t\t\t\t  [ vrf NAME ] [ nomaster ]\n"
		"\tip neigh get { ADDR | proxy ADDR } dev DEV\n"
		"\n"
		"STATE := { delay | failed | incomplete | noarp | none |\n"
		"           permanent | probe | reachable | stale }\n");
	exit(-1);
}

static const struct {
	unsigned int state;
	const char *name;
} nud_names[] = {
	{ NUD_INCOMPLETE, "INCOMPLETE" }, { NUD_REACHABLE, "REACHABLE" },
	{ NUD_STALE, "STALE" },		  { NUD_DELAY, "DELAY" },
	{ NUD_PROBE, "PROBE" },		  { NUD_FAILED, "FAILED" },
	{ NUD_NOARP, "NOARP" },		  { NUD_PERMANENT, "PERMANENT" },
};

static int nud_state_a2n(unsigned int *state, const char *arg)
{
	unsigned int i;
	char lower[32];

	if (strcmp(arg, "none") == 0) {
		*state = NUD_NONE;
		return 0;
	}
	if (strcmp(arg, "all") == 0) {
		*state = ~0U;
		return 0;
	}
	for (i = 0; i < sizeof(nud_names) / sizeof(nud_names[0]); i++) {
		size_t j;

		for (j = 0; nud_names[i].name[j] && j + 1 < sizeof(lower); j++)
			lower[j] = (char)(nud_names[i].name[j] | 0x20);
		lower[j] = 0;
		if (strcmp(arg, lower) == 0) {
			*state = nud_names[i].state;
			return 0;
		}
	}
	/* A number must be one NUD_* bit (or 0), as iproute2 checks. */
	if (get_unsigned(state, arg, 0) || *state > 255 ||
	    (*state & (*state - 1)))
		return -1;
	return 0;
}

static struct {
	int family;
	int index;
	unsigned int state;
	int flush;
	int flushed;
	inet_prefix pfx; /* "to PREFIX": family 0 when not given */
} filter;

/* Is the entry's NDA_DST inside filter.pfx?  Yes when no prefix was given. */
static int neigh_dst_matches(const struct rtattr *dst)
{
	inet_prefix a = { 0 };
	int bits = filter.pfx.bitlen;

	if (!filter.pfx.family || !dst)
		return 1;
	if (bits < 0)
		bits = filter.pfx.bytelen * 8;
	if (bits == 0)
		return 1;
	if (RTA_PAYLOAD(dst) != filter.pfx.bytelen)
		return 0;
	a.family = filter.pfx.family;
	a.bytelen = filter.pfx.bytelen;
	memcpy(a.data, RTA_DATA(dst), a.bytelen);
	return inet_addr_match(&a, &filter.pfx, bits) == 0;
}

static int neigh_matches(struct nlmsghdr *n, struct rtattr *tb[])
{
	struct ndmsg *r = NLMSG_DATA(n);
	int len = (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*r));

	if (n->nlmsg_type != RTM_NEWNEIGH && n->nlmsg_type != RTM_DELNEIGH)
		return 0;
	if (len < 0)
		return 0;
	if (filter.family && r->ndm_family != filter.family)
		return 0;
	if (r->ndm_family != AF_INET && r->ndm_family != AF_INET6)
		return 0;
	if (filter.index && filter.index != r->ndm_ifindex)
		return 0;
	if (!(filter.state & r->ndm_state) && !(r->ndm_flags & NTF_PROXY) &&
	    !(r->ndm_flags & NTF_EXT_LEARNED) &&
	    (r->ndm_state || !(filter.state & 0x100)))
		return 0;
	parse_rtattr(tb, NDA_MAX,
		     (struct rtattr *)((char *)r + NLMSG_ALIGN(sizeof(*r))),
		     len);
	return neigh_dst_matches(tb[NDA_DST]);
}

/*
 * ip -br neigh: destination, device (unless filtered by one) and link
 * address in columns, as iproute2's print_neigh_brief.
 */
static int print_neigh_brief(const struct ndmsg *r, struct rtattr *tb[])
{
	char a[128];

	if (tb[NDA_DST])
		print_color_string(PRINT_ANY, ifa_family_color(r->ndm_family),
				   "dst", "%-39s ",
				   format_host(r->ndm_family,
					       RTA_DATA(tb[NDA_DST]), a,
					       sizeof(a)));
	if (!filter.index && r->ndm_ifindex)
		print_color_string(PRINT_ANY, COLOR_IFNAME, "dev", "%-16s ",
				   ll_index_to_name(r->ndm_ifindex));
	if (tb[NDA_LLADDR] && r->ndm_state != NUD_FAILED)
		print_color_string(PRINT_ANY, COLOR_MAC, "lladdr", "%s",
				   ll_addr_n2a(RTA_DATA(tb[NDA_LLADDR]),
					       (int)RTA_PAYLOAD(tb[NDA_LLADDR]),
					       a, sizeof(a)));
	print_string(PRINT_FP, NULL, "%s", "\n");
	close_json_object();
	(void)fflush(stdout);
	return 0;
}

static int print_neigh(struct nlmsghdr *n, void *arg)
{
	struct ndmsg *r = NLMSG_DATA(n);
	struct rtattr *tb[NDA_MAX + 1];
	char a[128];

	(void)arg;
	if (!neigh_matches(n, tb))
		return 0;
	if (filter.flush) {
		n->nlmsg_type = RTM_DELNEIGH;
		n->nlmsg_flags = NLM_F_REQUEST;
		filter.flushed++;
		return 0;
	}
	open_json_object(NULL);
	if (n->nlmsg_type == RTM_DELNEIGH)
		print_bool(PRINT_ANY, "deleted", "Deleted ", true);
	if (brief)
		return print_neigh_brief(r, tb);
	if (tb[NDA_DST])
		print_color_string(PRINT_ANY, ifa_family_color(r->ndm_family),
				   "dst", "%s ",
				   format_host(r->ndm_family,
					       RTA_DATA(tb[NDA_DST]), a,
					       sizeof(a)));
	if (!filter.index && r->ndm_ifindex) {
		print_string(PRINT_FP, NULL, "%s", "dev ");
		print_color_string(PRINT_ANY, COLOR_IFNAME, "dev", "%s ",
				   ll_index_to_name(r->ndm_ifindex));
	}
	if (tb[NDA_LLADDR] && r->ndm_state != NUD_FAILED) {
		print_string(PRINT_FP, NULL, "%s", "lladdr ");
		print_color_string(PRINT_ANY, COLOR_MAC, "lladdr", "%s ",
				   ll_addr_n2a(RTA_DATA(tb[NDA_LLADDR]),
					       (int)RTA_PAYLOAD(tb[NDA_LLADDR]),
					       a, sizeof(a)));
	}
	if (r->ndm_flags & NTF_ROUTER)
		print_null(PRINT_ANY, "router", "%s ", "router");
	if (r->ndm_flags & NTF_PROXY)
		print_null(PRINT_ANY, "proxy", "%s ", "proxy");
	if (r->ndm_flags & NTF_EXT_LEARNED)
		print_null(PRINT_ANY, "extern_learn", "%s ", "extern_learn");
	if (r->ndm_flags & NTF_OFFLOADED)
		print_null(PRINT_ANY, "offload", "%s ", "offload");
	if (show_stats) {
		if (tb[NDA_CACHEINFO]) {
			struct nda_cacheinfo ci;

			memcpy(&ci, RTA_DATA(tb[NDA_CACHEINFO]), sizeof(ci));
			if (ci.ndm_refcnt)
				print_uint(PRINT_ANY, "refcnt", " ref %u",
					   ci.ndm_refcnt);
			print_uint(PRINT_ANY, "used", " used %u",
				   ci.ndm_used / 100);
			print_uint(PRINT_ANY, "confirmed", "/%u",
				   ci.ndm_confirmed / 100);
			print_uint(PRINT_ANY, "updated", "/%u",
				   ci.ndm_updated / 100);
		}
		if (tb[NDA_PROBES])
			print_uint(PRINT_ANY, "probes", "probes %u ",
				   rta_getattr_u32(tb[NDA_PROBES]));
	}
	if (r->ndm_state) {
		unsigned int st = r->ndm_state, i;
		int first = 1;

		/* JSON: "state": [ "REACHABLE" ] */
		open_json_array(PRINT_JSON, "state");
		for (i = 0; i < sizeof(nud_names) / sizeof(nud_names[0]); i++) {
			if (!(st & nud_names[i].state))
				continue;
			st &= ~nud_names[i].state;
			print_string(PRINT_ANY, NULL, first ? "%s" : ",%s",
				     nud_names[i].name);
			first = 0;
		}
		if (st)
			print_hex(PRINT_ANY, NULL, first ? "%x" : ",%x", st);
		close_json_array(PRINT_JSON, NULL);
		print_string(PRINT_FP, NULL, "%s", " ");
	}
	print_nl();
	close_json_object();
	return 0;
}

/* Flush: the dump's matches, turned into deletions, stored for later. */
struct neigh_list {
	struct neigh_list *next;
	struct nlmsghdr h;
};

static struct neigh_list *flush_list;

static int collect_neigh(struct nlmsghdr *n, void *arg)
{
	struct rtattr *tb[NDA_MAX + 1];
	struct neigh_list *l;

	(void)arg;
	if (!neigh_matches(n, tb))
		return 0;
	l = malloc(sizeof(*l) - sizeof(*n) + n->nlmsg_len);
	if (!l)
		return -1;
	memcpy(&l->h, n, n->nlmsg_len);
	l->h.nlmsg_type = RTM_DELNEIGH;
	l->h.nlmsg_flags = NLM_F_REQUEST;
	l->next = flush_list;
	flush_list = l;
	return 0;
}

static int do_show_or_flush(int argc, char **argv, int flush)
{
	struct {
		struct nlmsghdr n;
		struct ndmsg ndm;
		char buf[64];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg)),
		.n.nlmsg_type = RTM_GETNEIGH,
	};
	const char *filter_dev = NULL;
	int state_set = 0;

	memset(&filter, 0, sizeof(filter));
	filter.family = preferred_family;
	filter.state = 0xFF & ~NUD_NOARP;
	flush_list = NULL;
	if (flush) {
		if (argc <= 0) {
			fprintf(stderr, "Flush requires arguments.\n");
			return -1;
		}
		filter.state = ~(NUD_PERMANENT | NUD_NOARP);
	}
	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			if (filter_dev)
				duparg("dev", *argv);
			filter_dev = *argv;
		} else if (strcmp(*argv, "nud") == 0) {
			unsigned int state;

			NEXT_ARG();
			if (!state_set)
				filter.state = 0;
			state_set = 1;
			if (nud_state_a2n(&state, *argv)) {
				if (strcmp(*argv, "all") != 0)
					invarg("nud state is bad", *argv);
				state = ~0U;
				if (flush)
					state &= ~NUD_NOARP;
			}
			if (state == 0)
				state = 0x100;
			filter.state |= state;
		} else if (strcmp(*argv, "proxy") == 0) {
			req.ndm.ndm_flags = NTF_PROXY;
		} else {
			if (strcmp(*argv, "to") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			if (get_prefix(&filter.pfx, *argv, filter.family))
				invarg("to value is invalid\n", *argv);
			if (filter.family == AF_UNSPEC)
				filter.family = filter.pfx.family;
		}
		argc--;
		argv++;
	}
	if (filter_dev) {
		filter.index = ll_name_to_index(filter_dev);
		if (!filter.index) {
			fprintf(stderr, "Cannot find device \"%s\"\n",
				filter_dev);
			return -1;
		}
	}
	req.ndm.ndm_family = (unsigned char)filter.family;
	if (filter.index)
		addattr32(&req.n, sizeof(req), NDA_IFINDEX,
			  (uint32_t)filter.index);
	if (flush) {
		int round;

		for (round = 0; round < 10; round++) {
			struct neigh_list *l, *next;
			int n = 0;

			flush_list = NULL;
			if (rtnl_dump(&rth, &req.n, collect_neigh, NULL) < 0)
				exit(1);
			for (l = flush_list; l; l = next) {
				next = l->next;
				rtnl_talk_quiet(&rth, &l->h, NULL);
				free(l);
				n++;
			}
			if (!n)
				return 0;
			req.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
			req.n.nlmsg_flags = 0;
		}
		printf("*** Flush not complete bailing out after %d rounds\n",
		       10);
		return 1;
	}
	new_json_obj(json);
	if (rtnl_dump(&rth, &req.n, print_neigh, NULL) < 0)
		exit(1);
	delete_json_obj();
	return 0;
}

static int ipneigh_modify(int cmd, unsigned int flags, int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct ndmsg ndm;
		char buf[256];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg)),
		.n.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags),
		.n.nlmsg_type = (uint16_t)cmd,
		.ndm.ndm_family = (unsigned char)preferred_family,
		.ndm.ndm_state = NUD_PERMANENT,
	};
	const char *dev = NULL, *lla = NULL;
	int dst_ok = 0, dev_ok = 0;
	inet_prefix dst = { 0 };

	while (argc > 0) {
		if (matches(*argv, "lladdr") == 0) {
			NEXT_ARG();
			if (lla)
				duparg("lladdr", *argv);
			lla = *argv;
		} else if (strcmp(*argv, "nud") == 0) {
			unsigned int state;

			NEXT_ARG();
			if (nud_state_a2n(&state, *argv))
				invarg("nud state is bad", *argv);
			req.ndm.ndm_state = (uint16_t)state;
		} else if (matches(*argv, "proxy") == 0) {
			NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			if (dst_ok)
				duparg("address", *argv);
			if (get_addr(&dst, *argv, preferred_family))
				prefix_error("address", *argv);
			dst_ok = 1;
			dev_ok = 1; /* a proxy entry may be for any device */
			req.ndm.ndm_flags |= NTF_PROXY;
		} else if (strcmp(*argv, "router") == 0) {
			req.ndm.ndm_flags |= NTF_ROUTER;
		} else if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			dev = *argv;
			dev_ok = 1;
		} else {
			if (strcmp(*argv, "to") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0) {
				NEXT_ARG();
			}
			if (dst_ok)
				duparg2("to", *argv);
			if (get_addr(&dst, *argv, preferred_family))
				prefix_error("address", *argv);
			dst_ok = 1;
		}
		argc--;
		argv++;
	}
	if (!dev_ok || !dst_ok || dst.family == AF_UNSPEC) {
		fprintf(stderr,
			"Device and destination are required arguments.\n");
		exit(-1);
	}
	req.ndm.ndm_family = (unsigned char)dst.family;
	addattr_l(&req.n, sizeof(req), NDA_DST, dst.data, dst.bytelen);
	if (lla && strcmp(lla, "null")) {
		unsigned char llabuf[20];
		char tmp[64];
		int l;

		(void)snprintf(tmp, sizeof(tmp), "%s", lla);
		l = ll_addr_a2n(llabuf, sizeof(llabuf), tmp);
		if (l < 0) {
			fprintf(stderr, "\"%s\" is invalid lladdr.\n", lla);
			return -1;
		}
		addattr_l(&req.n, sizeof(req), NDA_LLADDR, llabuf, (size_t)l);
	}
	if (dev) {
		req.ndm.ndm_ifindex = ll_name_to_index(dev);
		if (!req.ndm.ndm_ifindex)
			return nodev(dev);
	}
	if (rtnl_talk(&rth, &req.n, NULL) < 0)
		exit(2);
	return 0;
}

/* ipneigh_get - `ip neigh get { ADDR | proxy ADDR } [ dev DEV ]` */
static int ipneigh_get(int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct ndmsg ndm;
		char buf[256];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg)),
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_type = RTM_GETNEIGH,
		.ndm.ndm_family = (unsigned char)preferred_family,
	};
	struct nlmsghdr *answer;
	const char *d = NULL;
	int dst_ok = 0, dev_ok = 0;
	inet_prefix dst = { 0 };

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			d = *argv;
			dev_ok = 1;
		} else if (matches(*argv, "proxy") == 0) {
			NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			if (dst_ok)
				duparg("address", *argv);
			if (get_addr(&dst, *argv, preferred_family))
				prefix_error("address", *argv);
			dst_ok = 1;
			dev_ok = 1;
			req.ndm.ndm_flags |= NTF_PROXY;
		} else {
			if (strcmp(*argv, "to") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			if (dst_ok)
				duparg2("to", *argv);
			if (get_addr(&dst, *argv, preferred_family))
				prefix_error("address", *argv);
			dst_ok = 1;
		}
		argc--;
		argv++;
	}
	if (!dev_ok || !dst_ok || dst.family == AF_UNSPEC) {
		fprintf(stderr, "Device and address are required arguments.\n");
		return -1;
	}
	req.ndm.ndm_family = (unsigned char)dst.family;
	addattr_l(&req.n, sizeof(req), NDA_DST, dst.data, dst.bytelen);
	if (d) {
		req.ndm.ndm_ifindex = ll_name_to_index(d);
		if (!req.ndm.ndm_ifindex) {
			fprintf(stderr, "Cannot find device \"%s\"\n", d);
			return -1;
		}
	}
	if (rtnl_talk(&rth, &req.n, &answer) < 0)
		return -2;
	memset(&filter, 0, sizeof(filter));
	filter.state = ~0U;
	print_neigh(answer, NULL);
	free(answer);
	return 0;
}

int do_ipneigh(int argc, char **argv)
{
	if (argc < 1)
		return do_show_or_flush(0, NULL, 0);
	if (matches(*argv, "add") == 0)
		return ipneigh_modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL,
				      argc - 1, argv + 1);
	if (matches(*argv, "change") == 0 || strcmp(*argv, "chg") == 0)
		return ipneigh_modify(RTM_NEWNEIGH, NLM_F_REPLACE, argc - 1,
				      argv + 1);
	if (matches(*argv, "replace") == 0)
		return ipneigh_modify(RTM_NEWNEIGH,
				      NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				      argv + 1);
	if (matches(*argv, "delete") == 0)
		return ipneigh_modify(RTM_DELNEIGH, 0, argc - 1, argv + 1);
	if (matches(*argv, "list") == 0 || matches(*argv, "show") == 0 ||
	    matches(*argv, "lst") == 0)
		return do_show_or_flush(argc - 1, argv + 1, 0);
	if (matches(*argv, "flush") == 0)
		return do_show_or_flush(argc - 1, argv + 1, 1);
	if (matches(*argv, "get") == 0)
		return ipneigh_get(argc - 1, argv + 1);
	if (matches(*argv, "help") == 0)
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip neigh help\".\n",
		*argv);
	exit(-1);
}
