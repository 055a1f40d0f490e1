// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip: show and change tuxnet's devices, addresses, routes, neighbours and
 * namespaces, with iproute2's syntax, output and exit codes.  An ordinary
 * program on the public API: it speaks rtnetlink through tn_socket().
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <tuxnet/tuxnet.h>

#include "ip_common.h"

struct rtnl_handle rth = { .fd = -1 };
int preferred_family = AF_UNSPEC;
int brief;
int show_stats;
int show_details;
bool do_all;
int oneline;
const char *line_sep = "\n";
int max_flush_loops = 10;

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr,
		"Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       ip [ -force ] -batch filename\n"
		"where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
		"                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
		"                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
		"                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
		"                   token | tunnel | tuntap | vrf | xfrm }\n"
		"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
		"                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
		"                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
		"                    -4 | -6 | -M | -B | -0 |\n"
		"                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
		"                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
		"                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
		"                    -c[olor]}\n");
	exit(-1);
}

void incomplete_command(void)
{
	fprintf(stderr, "Command line is not complete. Try option \"help\"\n");
	exit(-1);
}

void invarg(const char *msg, const char *arg)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	exit(-1);
}

void duparg(const char *key, const char *arg)
{
	fprintf(stderr,
		"Error: duplicate \"%s\": \"%s\" is the second value.\n", key,
		arg);
	exit(-1);
}

void duparg2(const char *key, const char *arg)
{
	fprintf(stderr,
		"Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n",
		key, arg);
	exit(-1);
}

/* As iproute2's get_prefix()/get_addr() failing: exits with status 1. */
void prefix_error(const char *what, const char *arg)
{
	fprintf(stderr, "Error: %s %s is expected rather than \"%s\".\n",
		preferred_family == AF_INET    ? "inet"
		: preferred_family == AF_INET6 ? "inet6"
					       : "any valid",
		what, arg);
	exit(1);
}

int nodev(const char *dev)
{
	fprintf(stderr, "Cannot find device \"%s\"\n", dev);
	return -1;
}

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage();
}

static const struct cmd {
	const char *cmd;
	int (*func)(int argc, char **argv);
	int needs_rtnl;
} cmds[] = {
	{ "address", do_ipaddr, 1 },
	{ "route", do_iproute, 1 },
	{ "rule", do_iprule, 1 },
	{ "neighbor", do_ipneigh, 1 },
	{ "neighbour", do_ipneigh, 1 },
	{ "link", do_iplink, 1 },
	{ "netns", do_netns, 1 },
	{ "help", do_help, 0 },
	{ NULL, NULL, 0 },
};

static int do_cmd(const char *argv0, int argc, char **argv)
{
	const struct cmd *c;

	for (c = cmds; c->cmd; ++c) {
		if (matches(argv0, c->cmd))
			continue;
		if (c->needs_rtnl) {
			if (rtnl_open(&rth) < 0)
				return EXIT_FAILURE;
			ll_init(&rth);
		}
		return -(c->func(argc - 1, argv + 1));
	}
	fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", argv0);
	return EXIT_FAILURE;
}

static void netns_switch(const char *name)
{
	if (tn_netns_set(name) < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n",
			name, strerror(errno));
		exit(-1);
	}
}

int main(int argc, char **argv)
{
	/* Every global at its default: main() may run more than once in a
	 * process (the tools' fuzz target calls it as a function). */
	rth.fd = -1;
	preferred_family = AF_UNSPEC;
	brief = show_stats = show_details = oneline = 0;
	do_all = false;
	line_sep = "\n";
	max_flush_loops = 10;
	ll_init(&rth);
	while (argc > 1) {
		char *opt = argv[1];

		if (strcmp(opt, "--") == 0) {
			argc--;
			argv++;
			break;
		}
		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;
		if (matches(opt, "-family") == 0) {
			argc--;
			argv++;
			if (argc <= 1)
				usage();
			if (strcmp(argv[1], "inet") == 0)
				preferred_family = AF_INET;
			else if (strcmp(argv[1], "inet6") == 0)
				preferred_family = AF_INET6;
			else if (strcmp(argv[1], "link") == 0)
				preferred_family = AF_PACKET;
			else if (strcmp(argv[1], "help") == 0)
				usage();
			else
				invarg("invalid protocol family", argv[1]);
		} else if (strcmp(opt, "-4") == 0) {
			preferred_family = AF_INET;
		} else if (strcmp(opt, "-6") == 0) {
			preferred_family = AF_INET6;
		} else if (strcmp(opt, "-0") == 0) {
			preferred_family = AF_PACKET;
		} else if (matches(opt, "-stats") == 0 ||
			   matches(opt, "-statistics") == 0) {
			++show_stats;
		} else if (matches(opt, "-details") == 0) {
			++show_details;
		} else if (matches(opt, "-Version") == 0) {
			printf("ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
			exit(0);
		} else if (matches(opt, "-help") == 0) {
			usage();
		} else if (matches(opt, "-netns") == 0) {
			argc--;
			argv++;
			if (argc <= 1)
				usage();
			netns_switch(argv[1]);
		} else if (matches(opt, "-loops") == 0) {
			argc--;
			argv++;
			if (argc <= 1)
				usage();
			/* atoi, as iproute2: garbage is 0, no limit. */
			max_flush_loops = atoi(argv[1]);
		} else if (strlen(opt) > 2 && matches(opt, "-rcvbuf") == 0) {
			unsigned int size;

			argc--;
			argv++;
			if (argc <= 1)
				usage();
			/* Validated only: replies here never outgrow the
			 * default buffer. */
			if (get_unsigned(&size, argv[1], 0)) {
				fprintf(stderr, "Invalid rcvbuf size '%s'\n",
					argv[1]);
				exit(-1);
			}
		} else if (matches(opt, "-brief") == 0) {
			++brief;
		} else if (matches(opt, "-all") == 0) {
			do_all = true;
		} else if (matches(opt, "-oneline") == 0) {
			++oneline;
			line_sep = "\\";
		} else {
			fprintf(stderr,
				"Option \"%s\" is unknown, try \"ip -help\".\n",
				opt);
			exit(-1);
		}
		argc--;
		argv++;
	}
	if (argc > 1) {
		int ret = do_cmd(argv[1], argc - 1, argv + 1);

		rtnl_close(&rth);
		return ret;
	}
	usage();
}
