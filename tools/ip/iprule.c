// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip rule: add, delete, list and flush policy routing rules, in
 * iproute2 6.1's text format.  Selectors tuxnet's kernel does not have
 * (uidrange, ipproto, sport, dport, l3mdev, realms, nat) are not parsed:
 * the tool rejects them as a rule type it cannot parse.
 */
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ip_common.h"

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr,
		"Usage: ip rule { add | del } SELECTOR ACTION\n"
		"       ip rule { flush | save | restore }\n"
		"       ip rule [ list [ SELECTOR ]]\n"
		"SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n"
		"            [ fwmark FWMARK[/MASK] ]\n"
		"            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n"
		"            [ uidrange NUMBER-NUMBER ]\n"
		"            [ ipproto PROTOCOL ]\n"
		"            [ sport [ NUMBER | NUMBER-NUMBER ]\n"
		"            [ dport [ NUMBER | NUMBER-NUMBER ] ]\n"
		"ACTION := [ table TABLE_ID ]\n"
		"          [ protocol PROTO ]\n"
		"          [ nat ADDRESS ]\n"
		"          [ realms [SRCREALM/]DSTREALM ]\n"
		"          [ goto NUMBER ]\n"
		"          SUPPRESSOR\n"
		"SUPPRESSOR := [ suppress_prefixlength NUMBER ]\n"
		"              [ suppress_ifgroup DEVGROUP ]\n"
		"TABLE_ID := [ local | main | default | NUMBER ]\n");
	exit(-1);
}

/* ---- DS field names (/etc/iproute2/rt_dsfield, as iproute2 reads it) ---- */

/* static storage: nothing allocated outlives a run (see utils.c) */
static char dsfield_names[256][64];
static int dsfield_loaded;

static void dsfield_load(void)
{
	char buf[512];
	FILE *fp;

	if (dsfield_loaded)
		return;
	dsfield_loaded = 1;
	fp = fopen("/etc/iproute2/rt_dsfield", "r");
	if (!fp)
		return;
	while (fgets(buf, sizeof(buf), fp)) {
		char name[256], *p = buf;
		unsigned int id;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\n' || *p == 0)
			continue;
		if (sscanf(p, "0x%x %255s", &id, name) != 2 &&
		    sscanf(p, "%u %255s", &id, name) != 2)
			break;
		if (id < 256 && strlen(name) < sizeof(dsfield_names[id]))
			(void)snprintf(dsfield_names[id],
				       sizeof(dsfield_names[id]), "%s", name);
	}
	(void)fclose(fp);
}

const char *rtnl_dsfield_n2a(unsigned int id, char *buf, size_t len)
{
	dsfield_load();
	if (id < 256 && dsfield_names[id][0])
		return dsfield_names[id];
	(void)snprintf(buf, len, "0x%02x", id);
	return buf;
}

int rtnl_dsfield_a2n(uint32_t *id, const char *arg)
{
	unsigned int i;
	char *end;
	unsigned long v;

	dsfield_load();
	for (i = 0; i < 256; i++)
		if (dsfield_names[i][0] && strcmp(dsfield_names[i], arg) == 0) {
			*id = i;
			return 0;
		}
	v = strtoul(arg, &end, 16);
	if (!*arg || *end || v > 255)
		return -1;
	*id = (uint32_t)v;
	return 0;
}

/* ---- listing ---- */

static struct {
	int not ;
	uint32_t tb;
	uint32_t pref, prefmask;
	uint32_t tos, tosmask;
	uint32_t fwmark, fwmask;
	int has_fwmark, has_fwmask;
	char iif[IFNAMSIZ];
	char oif[IFNAMSIZ];
	uint32_t protocol, protocolmask;
	inet_prefix src, dst;
	int flush;
	int flushed;
} filter;

static uint32_t frh_get_table(const struct fib_rule_hdr *frh,
			      struct rtattr **tb)
{
	return tb[FRA_TABLE] ? rta_getattr_u32(tb[FRA_TABLE]) : frh->table;
}

/* Whether prefix @f selects a rule's @len-long address @rta. */
static int prefix_selects(const inet_prefix *f, struct rtattr *rta, int len)
{
	inet_prefix a;

	if (f->bitlen > len)
		return 0;
	memset(&a, 0, sizeof(a));
	a.family = f->family;
	a.bytelen = 4;
	a.bitlen = (int16_t)len;
	if (rta)
		memcpy(a.data, RTA_DATA(rta), 4);
	return inet_addr_match(&a, f, f->bitlen) == 0;
}

static int filter_nlmsg(struct fib_rule_hdr *frh, struct rtattr **tb)
{
	uint32_t table;

	if (preferred_family != AF_UNSPEC && frh->family != preferred_family)
		return 0;
	if (filter.prefmask &&
	    filter.pref ^
		    (tb[FRA_PRIORITY] ? rta_getattr_u32(tb[FRA_PRIORITY]) : 0))
		return 0;
	if (filter.not &&!(frh->flags & FIB_RULE_INVERT))
		return 0;
	if (filter.src.family &&
	    (filter.src.family != frh->family ||
	     !prefix_selects(&filter.src, tb[FRA_SRC], frh->src_len)))
		return 0;
	if (filter.dst.family &&
	    (filter.dst.family != frh->family ||
	     !prefix_selects(&filter.dst, tb[FRA_DST], frh->dst_len)))
		return 0;
	if (filter.tosmask && filter.tos ^ frh->tos)
		return 0;
	if (filter.has_fwmark) {
		uint32_t mark =
			tb[FRA_FWMARK] ? rta_getattr_u32(tb[FRA_FWMARK]) : 0;

		if (filter.fwmark ^ mark)
			return 0;
	}
	if (filter.has_fwmask) {
		uint32_t mask =
			tb[FRA_FWMASK] ? rta_getattr_u32(tb[FRA_FWMASK]) : 0;

		if (filter.fwmask ^ mask)
			return 0;
	}
	if (filter.iif[0] &&
	    (!tb[FRA_IFNAME] ||
	     strcmp(filter.iif, rta_getattr_str(tb[FRA_IFNAME])) != 0))
		return 0;
	if (filter.oif[0] &&
	    (!tb[FRA_OIFNAME] ||
	     strcmp(filter.oif, rta_getattr_str(tb[FRA_OIFNAME])) != 0))
		return 0;
	table = frh_get_table(frh, tb);
	if (filter.tb > 0 && filter.tb ^ table)
		return 0;
	if (filter.protocolmask &&
	    filter.protocol ^
		    (tb[FRA_PROTOCOL] ? rta_getattr_u8(tb[FRA_PROTOCOL]) : 0))
		return 0;
	return 1;
}

/* " to 10.0.0.0/8": the address and, unless a host's, the length */
static void print_addr(const char *what, const char *key, struct rtattr *rta,
		       int len, int host_len)
{
	char buf[64], lkey[16];

	(void)snprintf(lkey, sizeof(lkey), "%slen", key);
	if (rta) {
		print_string(PRINT_FP, NULL, "%s", what);
		print_color_string(
			PRINT_ANY, COLOR_INET, key, "%s",
			format_host(AF_INET, RTA_DATA(rta), buf, sizeof(buf)));
		if (len != host_len)
			print_uint(PRINT_ANY, lkey, "/%u", (unsigned int)len);
	} else if (len) {
		print_string(PRINT_FP, NULL, "%s", what);
		print_string(PRINT_ANY, key, "%s", "0");
		print_uint(PRINT_ANY, lkey, "/%u", (unsigned int)len);
	}
}

static int print_rule(struct nlmsghdr *n, void *arg)
{
	struct fib_rule_hdr *frh = NLMSG_DATA(n);
	int len = (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*frh));
	struct rtattr *tb[FRA_MAX + 1];
	const int host_len = 32;
	uint32_t table, pref = 0;
	char b1[64];

	if (n->nlmsg_type != RTM_NEWRULE && n->nlmsg_type != RTM_DELRULE)
		return 0;
	if (len < 0)
		return -1;
	parse_rtattr(tb, FRA_MAX,
		     (struct rtattr *)((char *)frh + NLMSG_ALIGN(sizeof(*frh))),
		     len);
	if (!filter_nlmsg(frh, tb))
		return 0;
	if (filter.flush) {
		struct nlmsghdr *copy, ***list = arg;

		/* iproute2 deletes only rules with a priority attribute */
		if (!tb[FRA_PRIORITY])
			return 0;
		copy = malloc(n->nlmsg_len);
		*list = realloc(*list, (size_t)(filter.flushed + 1) *
					       sizeof(struct nlmsghdr *));
		if (!copy || !*list) {
			free(copy);
			return -1;
		}
		memcpy(copy, n, n->nlmsg_len);
		copy->nlmsg_type = RTM_DELRULE;
		copy->nlmsg_flags = NLM_F_REQUEST;
		(*list)[filter.flushed++] = copy;
		return 0;
	}

	open_json_object(NULL);
	if (n->nlmsg_type == RTM_DELRULE)
		print_bool(PRINT_ANY, "deleted", "Deleted ", true);
	if (tb[FRA_PRIORITY])
		pref = rta_getattr_u32(tb[FRA_PRIORITY]);
	print_uint(PRINT_ANY, "priority", "%u:\t", pref);
	if (frh->flags & FIB_RULE_INVERT)
		print_null(PRINT_ANY, "not", "not ", NULL);
	if (tb[FRA_SRC] || frh->src_len)
		print_addr("from ", "src", tb[FRA_SRC], frh->src_len, host_len);
	else
		print_string(PRINT_ANY, "src", "from %s", "all");
	print_addr(" to ", "dst", tb[FRA_DST], frh->dst_len, host_len);
	if (frh->tos)
		print_string(PRINT_ANY, "tos", " tos %s",
			     rtnl_dsfield_n2a(frh->tos, b1, sizeof(b1)));
	if (tb[FRA_FWMARK] || tb[FRA_FWMASK]) {
		uint32_t mark = 0, mask = 0;

		if (tb[FRA_FWMARK])
			mark = rta_getattr_u32(tb[FRA_FWMARK]);
		print_0xhex(PRINT_ANY, "fwmark", " fwmark %#llx", mark);
		if (tb[FRA_FWMASK] &&
		    (mask = rta_getattr_u32(tb[FRA_FWMASK])) != 0xFFFFFFFF)
			print_0xhex(PRINT_ANY, "fwmask", "/%#llx", mask);
	}
	if (tb[FRA_IFNAME]) {
		print_string(PRINT_FP, NULL, "%s", " iif ");
		print_color_string(PRINT_ANY, COLOR_IFNAME, "iif", "%s",
				   rta_getattr_str(tb[FRA_IFNAME]));
		if (frh->flags & FIB_RULE_IIF_DETACHED)
			print_null(PRINT_ANY, "iif_detached", " [detached]",
				   NULL);
	}
	if (tb[FRA_OIFNAME]) {
		print_string(PRINT_FP, NULL, "%s", " oif ");
		print_color_string(PRINT_ANY, COLOR_IFNAME, "oif", "%s",
				   rta_getattr_str(tb[FRA_OIFNAME]));
		if (frh->flags & FIB_RULE_OIF_DETACHED)
			print_null(PRINT_ANY, "oif_detached", " [detached]",
				   NULL);
	}
	table = frh_get_table(frh, tb);
	if (table) {
		print_string(PRINT_ANY, "table", " lookup %s",
			     rtnl_rttable_n2a(table, b1, sizeof(b1)));
		if (tb[FRA_SUPPRESS_PREFIXLEN]) {
			int pl = rta_getattr_s32(tb[FRA_SUPPRESS_PREFIXLEN]);

			if (pl != -1)
				print_int(PRINT_ANY, "suppress_prefixlen",
					  " suppress_prefixlength %d", pl);
		}
		if (tb[FRA_SUPPRESS_IFGROUP]) {
			int group = rta_getattr_s32(tb[FRA_SUPPRESS_IFGROUP]);

			if (group == 0)
				print_string(PRINT_ANY, "suppress_ifgroup",
					     " suppress_ifgroup %s", "default");
			else if (group != -1)
				print_int(PRINT_ANY, "suppress_ifgroup",
					  " suppress_ifgroup %d", group);
		}
	}
	if (frh->action == FR_ACT_GOTO) {
		if (tb[FRA_GOTO])
			print_uint(PRINT_ANY, "goto", " goto %u",
				   rta_getattr_u32(tb[FRA_GOTO]));
		else
			print_string(PRINT_ANY, "goto", " goto %s", "none");
		if (frh->flags & FIB_RULE_UNRESOLVED)
			print_null(PRINT_ANY, "unresolved", " [unresolved]",
				   NULL);
	} else if (frh->action == FR_ACT_NOP) {
		print_null(PRINT_ANY, "nop", " nop", NULL);
	} else if (frh->action != FR_ACT_TO_TBL) {
		print_string(PRINT_ANY, "action", " %s",
			     rtnl_rtntype_n2a(frh->action, b1, sizeof(b1)));
	}
	if (tb[FRA_PROTOCOL]) {
		uint8_t protocol = rta_getattr_u8(tb[FRA_PROTOCOL]);

		if ((protocol && protocol != RTPROT_KERNEL) || show_details > 0)
			print_string(PRINT_ANY, "protocol", " proto %s",
				     rtnl_rtprot_n2a(protocol, b1, sizeof(b1)));
	}
	print_string(PRINT_FP, NULL, "%s", "\n");
	close_json_object();
	(void)fflush(stdout);
	return 0;
}

static int iprule_list_flush(int argc, char **argv, int flush)
{
	struct {
		struct nlmsghdr n;
		struct fib_rule_hdr frh;
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr)),
		.n.nlmsg_type = RTM_GETRULE,
	};
	int af = preferred_family;

	if (af == AF_UNSPEC)
		af = AF_INET;
	memset(&filter, 0, sizeof(filter));
	if (flush && argc > 0) {
		fprintf(stderr, "\"ip rule flush\" does not allow arguments\n");
		return -1;
	}
	while (argc > 0) {
		if (matches(*argv, "preference") == 0 ||
		    matches(*argv, "order") == 0 ||
		    matches(*argv, "priority") == 0) {
			uint32_t pref;

			NEXT_ARG();
			if (get_u32(&pref, *argv, 0))
				invarg("preference value is invalid\n", *argv);
			filter.pref = pref;
			filter.prefmask = 1;
		} else if (strcmp(*argv, "not") == 0) {
			filter.not = 1;
		} else if (strcmp(*argv, "tos") == 0) {
			uint32_t tos;

			NEXT_ARG();
			if (rtnl_dsfield_a2n(&tos, *argv))
				invarg("TOS value is invalid\n", *argv);
			filter.tos = tos;
			filter.tosmask = 1;
		} else if (strcmp(*argv, "fwmark") == 0) {
			char *slash;
			uint32_t mark, mask;

			NEXT_ARG();
			slash = strchr(*argv, '/');
			if (slash)
				*slash = '\0';
			if (get_u32(&mark, *argv, 0))
				invarg("fwmark value is invalid\n", *argv);
			filter.fwmark = mark;
			filter.has_fwmark = 1;
			if (slash) {
				if (get_u32(&mask, slash + 1, 0))
					invarg("fwmask value is invalid\n",
					       slash + 1);
				filter.fwmask = mask;
				filter.has_fwmask = 1;
			}
		} else if (strcmp(*argv, "dev") == 0 ||
			   strcmp(*argv, "iif") == 0) {
			NEXT_ARG();
			if (strlen(*argv) >= IFNAMSIZ)
				invarg("\"iif\"/\"dev\" not a valid ifname",
				       *argv);
			(void)snprintf(filter.iif, sizeof(filter.iif), "%s",
				       *argv);
		} else if (strcmp(*argv, "oif") == 0) {
			NEXT_ARG();
			if (strlen(*argv) >= IFNAMSIZ)
				invarg("\"oif\" not a valid ifname", *argv);
			(void)snprintf(filter.oif, sizeof(filter.oif), "%s",
				       *argv);
		} else if (matches(*argv, "lookup") == 0 ||
			   matches(*argv, "table") == 0) {
			uint32_t tid;

			NEXT_ARG();
			if (rtnl_rttable_a2n(&tid, *argv))
				invarg("table id value is invalid\n", *argv);
			filter.tb = tid;
		} else if (matches(*argv, "protocol") == 0) {
			uint32_t prot;

			NEXT_ARG();
			filter.protocolmask = ~0U;
			if (rtnl_rtprot_a2n(&prot, *argv)) {
				if (strcmp(*argv, "all"))
					invarg("invalid \"protocol\"\n", *argv);
				prot = 0;
				filter.protocolmask = 0;
			}
			filter.protocol = prot;
		} else if (matches(*argv, "dst") == 0 ||
			   matches(*argv, "to") == 0) {
			NEXT_ARG();
			if (get_prefix(&filter.dst, *argv, af))
				prefix_error("prefix", *argv);
		} else {
			if (matches(*argv, "src") == 0 ||
			    matches(*argv, "from") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			preferred_family = af;
			if (get_prefix(&filter.src, *argv, af))
				prefix_error("prefix", *argv);
			preferred_family = AF_UNSPEC;
		}
		argc--;
		argv++;
	}
	req.frh.family = (unsigned char)af;
	if (flush) {
		struct nlmsghdr **list = NULL;
		int i, ret = 0;

		filter.flush = 1;
		if (rtnl_dump(&rth, &req.n, print_rule, &list) < 0) {
			fprintf(stderr, "Flush terminated\n");
			ret = 1;
		}
		for (i = 0; i < filter.flushed; i++) {
			if (!ret && rtnl_talk(&rth, list[i], NULL) < 0)
				ret = -2;
			free(list[i]);
		}
		free(list);
		return ret;
	}
	new_json_obj(json);
	if (rtnl_dump(&rth, &req.n, print_rule, NULL) < 0) {
		fprintf(stderr, "Dump terminated\n");
		return 1;
	}
	delete_json_obj();
	return 0;
}

/* ---- add, del ---- */

/* "fwmark MARK[/MASK]" */
static void rule_add_fwmark(struct nlmsghdr *n, size_t maxlen, char *arg)
{
	char *slash = strchr(arg, '/');
	uint32_t fwmark, fwmask;

	if (slash)
		*slash = '\0';
	if (get_u32(&fwmark, arg, 0))
		invarg("fwmark value is invalid\n", arg);
	addattr32(n, maxlen, FRA_FWMARK, fwmark);
	if (slash) {
		if (get_u32(&fwmask, slash + 1, 0))
			invarg("fwmask value is invalid\n", slash + 1);
		addattr32(n, maxlen, FRA_FWMASK, fwmask);
	}
}

static int iprule_modify(int cmd, int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct fib_rule_hdr frh;
		char buf[1024];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr)),
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_type = (unsigned short)cmd,
		.frh.family = (unsigned char)preferred_family,
		.frh.action = FR_ACT_UNSPEC,
	};
	int table_ok = 0;

	if (cmd == RTM_NEWRULE) {
		if (argc == 0) {
			fprintf(stderr,
				"\"ip rule add\" requires arguments.\n");
			return -1;
		}
		req.n.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
		req.frh.action = FR_ACT_TO_TBL;
	}
	if (cmd == RTM_DELRULE && argc == 0) {
		fprintf(stderr, "\"ip rule del\" requires arguments.\n");
		return -1;
	}
	while (argc > 0) {
		if (strcmp(*argv, "not") == 0) {
			req.frh.flags |= FIB_RULE_INVERT;
		} else if (strcmp(*argv, "from") == 0 ||
			   strcmp(*argv, "to") == 0) {
			int from = (*argv)[0] == 'f';
			inet_prefix dst;

			NEXT_ARG();
			if (get_prefix(&dst, *argv, req.frh.family))
				prefix_error("prefix", *argv);
			if (from)
				req.frh.src_len = (unsigned char)dst.bitlen;
			else
				req.frh.dst_len = (unsigned char)dst.bitlen;
			addattr_l(&req.n, sizeof(req), from ? FRA_SRC : FRA_DST,
				  &dst.data, dst.bytelen);
		} else if (matches(*argv, "preference") == 0 ||
			   matches(*argv, "order") == 0 ||
			   matches(*argv, "priority") == 0) {
			uint32_t pref;

			NEXT_ARG();
			if (get_u32(&pref, *argv, 0))
				invarg("preference value is invalid\n", *argv);
			addattr32(&req.n, sizeof(req), FRA_PRIORITY, pref);
		} else if (strcmp(*argv, "tos") == 0 ||
			   matches(*argv, "dsfield") == 0) {
			uint32_t tos;

			NEXT_ARG();
			if (rtnl_dsfield_a2n(&tos, *argv))
				invarg("TOS value is invalid\n", *argv);
			req.frh.tos = (unsigned char)tos;
		} else if (strcmp(*argv, "fwmark") == 0) {
			NEXT_ARG();
			rule_add_fwmark(&req.n, sizeof(req), *argv);
		} else if (matches(*argv, "protocol") == 0) {
			uint32_t proto;

			NEXT_ARG();
			if (rtnl_rtprot_a2n(&proto, *argv))
				invarg("\"protocol\" value is invalid\n",
				       *argv);
			addattr8(&req.n, sizeof(req), FRA_PROTOCOL,
				 (uint8_t)proto);
		} else if (matches(*argv, "table") == 0 ||
			   strcmp(*argv, "lookup") == 0) {
			uint32_t tid;

			NEXT_ARG();
			if (rtnl_rttable_a2n(&tid, *argv))
				invarg("invalid table ID\n", *argv);
			if (tid < 256) {
				req.frh.table = (unsigned char)tid;
			} else {
				req.frh.table = RT_TABLE_UNSPEC;
				addattr32(&req.n, sizeof(req), FRA_TABLE, tid);
			}
			table_ok = 1;
		} else if (matches(*argv, "suppress_prefixlength") == 0 ||
			   strcmp(*argv, "sup_pl") == 0) {
			int pl;

			NEXT_ARG();
			if (get_integer(&pl, *argv, 0) || pl < 0)
				invarg("suppress_prefixlength value is invalid\n",
				       *argv);
			addattr32(&req.n, sizeof(req), FRA_SUPPRESS_PREFIXLEN,
				  (uint32_t)pl);
		} else if (matches(*argv, "suppress_ifgroup") == 0 ||
			   strcmp(*argv, "sup_group") == 0) {
			int group;

			NEXT_ARG();
			if (strcmp(*argv, "default") == 0)
				group = 0;
			else if (get_integer(&group, *argv, 0))
				invarg("Invalid \"suppress_ifgroup\" value\n",
				       *argv);
			addattr32(&req.n, sizeof(req), FRA_SUPPRESS_IFGROUP,
				  (uint32_t)group);
		} else if (strcmp(*argv, "dev") == 0 ||
			   strcmp(*argv, "iif") == 0 ||
			   strcmp(*argv, "oif") == 0) {
			int oif = (*argv)[0] == 'o';

			NEXT_ARG();
			if (!**argv || strlen(*argv) >= IFNAMSIZ ||
			    strpbrk(*argv, " /\t\n"))
				invarg(oif ? "\"oif\" not a valid ifname"
					   : "\"iif\"/\"dev\" not a valid ifname",
				       *argv);
			addattr_l(&req.n, sizeof(req),
				  oif ? FRA_OIFNAME : FRA_IFNAME, *argv,
				  strlen(*argv) + 1);
		} else {
			int type;

			if (strcmp(*argv, "type") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0) {
				usage();
			} else if (matches(*argv, "goto") == 0) {
				uint32_t target;

				type = FR_ACT_GOTO;
				NEXT_ARG();
				if (get_u32(&target, *argv, 0))
					invarg("invalid target\n", *argv);
				addattr32(&req.n, sizeof(req), FRA_GOTO,
					  target);
			} else if (matches(*argv, "nop") == 0) {
				type = FR_ACT_NOP;
			} else if (rtnl_rtntype_a2n(&type, *argv)) {
				invarg("Failed to parse rule type", *argv);
			}
			req.frh.action = (unsigned char)type;
			table_ok = 1;
		}
		argc--;
		argv++;
	}
	if (req.frh.family == AF_UNSPEC)
		req.frh.family = AF_INET;
	if (!table_ok && cmd == RTM_NEWRULE)
		req.frh.table = RT_TABLE_MAIN;
	if (rtnl_talk(&rth, &req.n, NULL) < 0)
		return -2;
	return 0;
}

int do_iprule(int argc, char **argv)
{
	if (argc < 1)
		return iprule_list_flush(0, NULL, 0);
	if (matches(argv[0], "list") == 0 || matches(argv[0], "lst") == 0 ||
	    matches(argv[0], "show") == 0)
		return iprule_list_flush(argc - 1, argv + 1, 0);
	if (matches(argv[0], "flush") == 0)
		return iprule_list_flush(argc - 1, argv + 1, 1);
	if (matches(argv[0], "add") == 0)
		return iprule_modify(RTM_NEWRULE, argc - 1, argv + 1);
	if (matches(argv[0], "delete") == 0)
		return iprule_modify(RTM_DELRULE, argc - 1, argv + 1);
	if (matches(argv[0], "help") == 0)
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip rule help\".\n",
		*argv);
	exit(-1);
}
