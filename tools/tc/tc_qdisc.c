// SPDX-License-Identifier: BSD-2-Clause
/*
 * tc qdisc: add, change, replace, link, delete, show/list, with iproute2
 * 6.1's syntax, output (text, -s statistics, -j JSON) and exit codes: 255
 * for syntax errors, 1 for tc's own (an unknown device, a bad option
 * value), 2 for the kernel's.
 * iproute2: tc/tc_qdisc.c, tc/tc_util.c (print_tcstats2_attr).
 */
#include <linux/gen_stats.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>

#include "tc_common.h"

#define TCA_BUF_MAX (64 * 1024)

static uint32_t filter_ifindex, filter_parent, filter_handle;

static void usage(void)
{
	fprintf(stderr,
		"Usage: tc qdisc [ add | del | replace | change | show ] dev STRING\n"
		"       [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]\n"
		"       [ estimator INTERVAL TIME_CONSTANT ]\n"
		"       [ stab [ help | STAB_OPTIONS] ]\n"
		"       [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]\n"
		"       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n"
		"\n"
		"       tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]\n"
		"Where:\n"
		"QDISC_KIND := { [p|b]fifo | tbf | prio | cbq | red | etc. }\n"
		"OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help\n"
		"STAB_OPTIONS := ... try tc qdisc add stab help\n"
		"QDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }\n");
}

static int tc_qdisc_modify(int cmd, unsigned int flags, int argc, char **argv)
{
	const struct qdisc_util *q = NULL;
	char d[IFNAMSIZ] = "";
	char k[32] = "";
	struct {
		struct nlmsghdr n;
		struct tcmsg t;
		char buf[TCA_BUF_MAX];
	} *req = calloc(1, sizeof(*req));
	uint32_t ingress_block = 0, egress_block = 0;
	int ret;

	if (!req)
		return 1;
	req->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	req->n.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags);
	req->n.nlmsg_type = (uint16_t)cmd;
	req->t.tcm_family = AF_UNSPEC;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			if (d[0])
				duparg("dev", *argv);
			if (check_ifname(*argv))
				invarg("not a valid ifname", *argv);
			(void)snprintf(d, sizeof(d), "%s", *argv);
		} else if (strcmp(*argv, "handle") == 0) {
			uint32_t handle;

			if (req->t.tcm_handle)
				duparg("handle", *argv);
			NEXT_ARG();
			if (get_qdisc_handle(&handle, *argv))
				invarg("invalid qdisc ID", *argv);
			req->t.tcm_handle = handle;
		} else if (strcmp(*argv, "root") == 0) {
			if (req->t.tcm_parent) {
				fprintf(stderr,
					"Error: \"root\" is duplicate parent ID\n");
				free(req);
				return -1;
			}
			req->t.tcm_parent = TC_H_ROOT;
		} else if (strcmp(*argv, "clsact") == 0 ||
			   strcmp(*argv, "ingress") == 0) {
			if (req->t.tcm_parent) {
				fprintf(stderr,
					"Error: \"%s\" is a duplicate parent ID\n",
					*argv);
				free(req);
				return -1;
			}
			req->t.tcm_parent = TC_H_INGRESS; /* == TC_H_CLSACT */
			(void)snprintf(k, sizeof(k), "%s", *argv);
			q = get_qdisc_kind(k);
			req->t.tcm_handle = TC_H_MAKE(TC_H_INGRESS, 0);
			argc--;
			argv++;
			break;
		} else if (strcmp(*argv, "parent") == 0) {
			uint32_t handle;

			NEXT_ARG();
			if (req->t.tcm_parent)
				duparg("parent", *argv);
			if (get_tc_classid(&handle, *argv))
				invarg("invalid parent ID", *argv);
			req->t.tcm_parent = handle;
		} else if (matches(*argv, "estimator") == 0 ||
			   matches(*argv, "stab") == 0) {
			/* neither is built: the stack would refuse them */
			fprintf(stderr, "Error: \"%s\" is not supported\n",
				*argv);
			free(req);
			return -1;
		} else if (matches(*argv, "ingress_block") == 0) {
			NEXT_ARG();
			if (get_u32(&ingress_block, *argv, 0) || !ingress_block)
				invarg("invalid ingress block index value",
				       *argv);
		} else if (matches(*argv, "egress_block") == 0) {
			NEXT_ARG();
			if (get_u32(&egress_block, *argv, 0) || !egress_block)
				invarg("invalid egress block index value",
				       *argv);
		} else if (matches(*argv, "help") == 0) {
			usage();
		} else {
			(void)snprintf(k, sizeof(k), "%s", *argv);
			q = get_qdisc_kind(k);
			argc--;
			argv++;
			break;
		}
		argc--;
		argv++;
	}

	if (k[0])
		addattr_l(&req->n, sizeof(*req), TCA_KIND, k, strlen(k) + 1);
	if (ingress_block)
		addattr32(&req->n, sizeof(*req), TCA_INGRESS_BLOCK,
			  ingress_block);
	if (egress_block)
		addattr32(&req->n, sizeof(*req), TCA_EGRESS_BLOCK,
			  egress_block);
	if (q) {
		if (q->parse_qopt) {
			if (q->parse_qopt(q, argc, argv, &req->n,
					  sizeof(*req))) {
				free(req);
				return 1;
			}
		} else if (argc) {
			fprintf(stderr,
				"qdisc '%s' does not support option parsing\n",
				k);
			free(req);
			return -1;
		}
	}
	if (d[0]) {
		int idx = ll_name_to_index(d);

		if (!idx) {
			free(req);
			return -nodev(d);
		}
		req->t.tcm_ifindex = idx;
	}
	ret = rtnl_talk(&rth, &req->n, NULL) < 0 ? 2 : 0;
	free(req);
	return ret;
}

static void print_tcstats2_attr(struct rtattr *rta, const char *prefix)
{
	struct rtattr *tbs[TCA_STATS_MAX + 1];

	parse_rtattr_nested(tbs, TCA_STATS_MAX, rta);
	if (tbs[TCA_STATS_BASIC]) {
		struct gnet_stats_basic bs = { 0 };
		unsigned long long packets64 = 0;

		if (tbs[TCA_STATS_PKT64] &&
		    RTA_PAYLOAD(tbs[TCA_STATS_PKT64]) >= sizeof(uint64_t))
			memcpy(&packets64, RTA_DATA(tbs[TCA_STATS_PKT64]),
			       sizeof(uint64_t));
		memcpy(&bs, RTA_DATA(tbs[TCA_STATS_BASIC]),
		       RTA_PAYLOAD(tbs[TCA_STATS_BASIC]) < sizeof(bs)
			       ? RTA_PAYLOAD(tbs[TCA_STATS_BASIC])
			       : sizeof(bs));
		print_string(PRINT_FP, NULL, "%s", prefix);
		print_u64(PRINT_ANY, "bytes", "Sent %llu bytes",
			  (unsigned long long)bs.bytes);
		if (packets64)
			print_u64(PRINT_ANY, "packets", " %llu pkt", packets64);
		else
			print_uint(PRINT_ANY, "packets", " %u pkt", bs.packets);
	}
	if (tbs[TCA_STATS_QUEUE]) {
		struct gnet_stats_queue q = { 0 };

		memcpy(&q, RTA_DATA(tbs[TCA_STATS_QUEUE]),
		       RTA_PAYLOAD(tbs[TCA_STATS_QUEUE]) < sizeof(q)
			       ? RTA_PAYLOAD(tbs[TCA_STATS_QUEUE])
			       : sizeof(q));
		print_uint(PRINT_ANY, "drops", " (dropped %u", q.drops);
		print_uint(PRINT_ANY, "overlimits", ", overlimits %u",
			   q.overlimits);
		print_uint(PRINT_ANY, "requeues", " requeues %u) ", q.requeues);
		print_nl();
		print_string(PRINT_FP, NULL, "%s", prefix);
		print_size(PRINT_ANY, "backlog", "backlog %s", q.backlog);
		print_uint(PRINT_ANY, "qlen", " %up", q.qlen);
		print_uint(PRINT_FP, NULL, " requeues %u", q.requeues);
	}
}

/* the old struct tc_stats, for a stack that sends no TCA_STATS2 */
static void print_tcstats_compat(struct rtattr *rta, const char *prefix)
{
	struct tc_stats st = { 0 };
	char buf[64];

	memcpy(&st, RTA_DATA(rta),
	       RTA_PAYLOAD(rta) < sizeof(st) ? RTA_PAYLOAD(rta) : sizeof(st));
	printf("%sSent %llu bytes %u pkts (dropped %u, overlimits %u) ", prefix,
	       (unsigned long long)st.bytes, st.packets, st.drops,
	       st.overlimits);
	if (st.qlen || st.backlog) {
		printf("backlog ");
		if (st.backlog)
			printf("%s ",
			       sprint_size(st.backlog, buf, sizeof(buf)));
		if (st.qlen)
			printf("%up ", st.qlen);
	}
}

int print_qdisc(struct nlmsghdr *n, void *arg)
{
	struct tcmsg *t = NLMSG_DATA(n);
	int len = (int)n->nlmsg_len;
	struct rtattr *tb[TCA_MAX + 1];
	const struct qdisc_util *q;
	char abuf[64];

	(void)arg;
	if (n->nlmsg_type != RTM_NEWQDISC && n->nlmsg_type != RTM_DELQDISC) {
		fprintf(stderr, "Not a qdisc\n");
		return 0;
	}
	len -= (int)NLMSG_LENGTH(sizeof(*t));
	if (len < 0) {
		fprintf(stderr, "Wrong len %d\n", len);
		return -1;
	}
	if (filter_ifindex && filter_ifindex != (uint32_t)t->tcm_ifindex)
		return 0;
	if (filter_parent && filter_parent != t->tcm_parent)
		return 0;
	if (filter_handle && filter_handle != t->tcm_handle)
		return 0;
	parse_rtattr(tb, TCA_MAX, TCA_RTA(t), len);
	if (!tb[TCA_KIND]) {
		fprintf(stderr, "print_qdisc: NULL kind\n");
		return -1;
	}
	open_json_object(NULL);
	if (n->nlmsg_type == RTM_DELQDISC)
		print_bool(PRINT_ANY, "deleted", "deleted ", true);
	if (n->nlmsg_type == RTM_NEWQDISC && (n->nlmsg_flags & NLM_F_CREATE) &&
	    (n->nlmsg_flags & NLM_F_REPLACE))
		print_bool(PRINT_ANY, "replaced", "replaced ", true);
	if (n->nlmsg_type == RTM_NEWQDISC && (n->nlmsg_flags & NLM_F_CREATE) &&
	    (n->nlmsg_flags & NLM_F_EXCL))
		print_bool(PRINT_ANY, "added", "added ", true);
	print_string(PRINT_ANY, "kind", "qdisc %s",
		     rta_getattr_str(tb[TCA_KIND]));
	(void)snprintf(abuf, sizeof(abuf), "%x:", t->tcm_handle >> 16);
	print_string(PRINT_ANY, "handle", " %s", abuf);
	if (show_raw) {
		(void)snprintf(abuf, sizeof(abuf), "[%08x]", t->tcm_handle);
		print_string(PRINT_FP, NULL, "%s", abuf);
	}
	print_string(PRINT_FP, NULL, " ", NULL);
	if (!filter_ifindex)
		print_string(PRINT_ANY, "dev", "dev %s ",
			     ll_index_to_name(t->tcm_ifindex));
	if (t->tcm_parent == TC_H_ROOT)
		print_bool(PRINT_ANY, "root", "root ", true);
	else if (t->tcm_parent)
		print_string(
			PRINT_ANY, "parent", "parent %s ",
			sprint_tc_classid(t->tcm_parent, abuf, sizeof(abuf)));
	if (t->tcm_info != 1)
		print_uint(PRINT_ANY, "refcnt", "refcnt %u ", t->tcm_info);
	if (tb[TCA_HW_OFFLOAD] && RTA_PAYLOAD(tb[TCA_HW_OFFLOAD]) >= 1 &&
	    rta_getattr_u8(tb[TCA_HW_OFFLOAD]))
		print_bool(PRINT_ANY, "offloaded", "offloaded ", true);
	/* pfifo_fast is printed as prio prints */
	if (strcmp("pfifo_fast", rta_getattr_str(tb[TCA_KIND])) == 0)
		q = &prio_qdisc_util;
	else
		q = get_qdisc_kind(rta_getattr_str(tb[TCA_KIND]));
	open_json_object("options");
	if (tb[TCA_OPTIONS])
		q->print_qopt(q, stdout, tb[TCA_OPTIONS]);
	close_json_object();
	print_nl();
	if (show_stats) {
		if (tb[TCA_STATS2]) {
			print_tcstats2_attr(tb[TCA_STATS2], " ");
			print_nl();
		} else if (tb[TCA_STATS]) {
			print_tcstats_compat(tb[TCA_STATS], " ");
			print_nl();
		}
	}
	close_json_object();
	(void)fflush(stdout);
	return 0;
}

static int tc_qdisc_list(int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct tcmsg t;
		char buf[64];
	} req;
	char d[IFNAMSIZ] = "";
	bool dump_invisible = false;

	memset(&req, 0, sizeof(req));
	req.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg));
	req.n.nlmsg_type = RTM_GETQDISC;
	req.t.tcm_family = AF_UNSPEC;
	filter_ifindex = filter_parent = filter_handle = 0;
	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			(void)snprintf(d, sizeof(d), "%s", *argv);
		} else if (strcmp(*argv, "root") == 0) {
			if (req.t.tcm_parent)
				invarg("parent is already specified", *argv);
			filter_parent = req.t.tcm_parent = TC_H_ROOT;
		} else if (strcmp(*argv, "ingress") == 0 ||
			   strcmp(*argv, "clsact") == 0) {
			if (req.t.tcm_parent)
				invarg("parent is already specified", *argv);
			filter_parent = req.t.tcm_parent = TC_H_INGRESS;
		} else if (matches(*argv, "parent") == 0) {
			uint32_t handle;

			NEXT_ARG();
			if (req.t.tcm_parent)
				invarg("parent is already specified", *argv);
			if (get_tc_classid(&handle, *argv))
				invarg("invalid parent ID", *argv);
			filter_parent = req.t.tcm_parent = handle;
		} else if (matches(*argv, "handle") == 0) {
			uint32_t handle;

			NEXT_ARG();
			if (req.t.tcm_handle)
				invarg("handle is already specified", *argv);
			if (get_qdisc_handle(&handle, *argv))
				invarg("invalid handle ID", *argv);
			filter_handle = req.t.tcm_handle = handle;
		} else if (matches(*argv, "help") == 0) {
			usage();
		} else if (strcmp(*argv, "invisible") == 0) {
			dump_invisible = true;
		} else {
			fprintf(stderr,
				"What is \"%s\"? Try \"tc qdisc help\".\n",
				*argv);
			return -1;
		}
		argc--;
		argv++;
	}
	if (d[0]) {
		req.t.tcm_ifindex = ll_name_to_index(d);
		if (!req.t.tcm_ifindex)
			return -nodev(d);
		filter_ifindex = (uint32_t)req.t.tcm_ifindex;
	}
	if (dump_invisible)
		addattr_l(&req.n, sizeof(req), TCA_DUMP_INVISIBLE, NULL, 0);
	new_json_obj(json);
	if (rtnl_dump(&rth, &req.n, print_qdisc, NULL) < 0) {
		fprintf(stderr, "Dump terminated\n");
		return 1;
	}
	delete_json_obj();
	return 0;
}

int do_qdisc(int argc, char **argv)
{
	if (argc < 1)
		return tc_qdisc_list(0, NULL);
	if (matches(*argv, "add") == 0)
		return tc_qdisc_modify(RTM_NEWQDISC, NLM_F_EXCL | NLM_F_CREATE,
				       argc - 1, argv + 1);
	if (matches(*argv, "change") == 0)
		return tc_qdisc_modify(RTM_NEWQDISC, 0, argc - 1, argv + 1);
	if (matches(*argv, "replace") == 0)
		return tc_qdisc_modify(RTM_NEWQDISC,
				       NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				       argv + 1);
	if (matches(*argv, "link") == 0)
		return tc_qdisc_modify(RTM_NEWQDISC, NLM_F_REPLACE, argc - 1,
				       argv + 1);
	if (matches(*argv, "delete") == 0)
		return tc_qdisc_modify(RTM_DELQDISC, 0, argc - 1, argv + 1);
	if (matches(*argv, "list") == 0 || matches(*argv, "show") == 0 ||
	    matches(*argv, "lst") == 0 || matches(*argv, "ls") == 0)
		return tc_qdisc_list(argc - 1, argv + 1);
	if (matches(*argv, "help") == 0) {
		usage();
		return 0;
	}
	fprintf(stderr, "Command \"%s\" is unknown, try \"tc qdisc help\".\n",
		*argv);
	return -1;
}
