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
#include <sys/types.h>
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
int batch_mode;
int link_listed;
int force;
static int color;

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
	{ "maddress", do_multiaddr, 0 },
	{ "route", do_iproute, 1 },
	{ "rule", do_iprule, 1 },
	{ "neighbor", do_ipneigh, 1 },
	{ "neighbour", do_ipneigh, 1 },
	{ "link", do_iplink, 1 },
	{ "netns", do_netns, 1 },
	{ "tcpmetrics", do_tcp_metrics, 0 },
	{ "tcp_metrics", do_tcp_metrics, 0 },
	{ "help", do_help, 0 },
	{ NULL, NULL, 0 },
};

static int do_cmd(const char *argv0, int argc, char **argv)
{
	const struct cmd *c;

	for (c = cmds; c->cmd; ++c) {
		if (matches(argv0, c->cmd))
			continue;
		if (c->needs_rtnl && rth.fd < 0) {
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

/*
 * One line of a batch file, as iproute2's getcmdline(): '#' starts a
 * comment, a backslash before the newline joins the next line.  Counts
 * lines in *lineno.  -1 at the end of the file.
 */
static ssize_t getcmdline(char **linep, size_t *lenp, FILE *in, int *lineno)
{
	ssize_t cc = getline(linep, lenp, in);
	char *cp;

	if (cc < 0)
		return cc;
	++*lineno;
	cp = strchr(*linep, '#');
	if (cp)
		*cp = '\0';
	while ((cp = strstr(*linep, "\\\n")) != NULL) {
		char *line1 = NULL, *joined;
		size_t len1 = 0;
		ssize_t cc1 = getline(&line1, &len1, in);

		if (cc1 < 0) {
			free(line1);
			fprintf(stderr, "Missing continuation line\n");
			return cc1;
		}
		++*lineno;
		*cp = '\0';
		cp = strchr(line1, '#');
		if (cp)
			*cp = '\0';
		*lenp = strlen(*linep) + strlen(line1) + 1;
		joined = realloc(*linep, *lenp);
		if (!joined) {
			free(line1);
			fprintf(stderr, "Out of memory\n");
			return -1;
		}
		*linep = joined;
		memcpy(*linep + strlen(*linep), line1, strlen(line1) + 1);
		free(line1);
		cc = (ssize_t)strlen(*linep);
	}
	return cc;
}

/* Splits @line into words: blanks separate, '...' and "..." quote. */
static int makeargs(char *line, char *argv[], int maxargs)
{
	static const char ws[] = " \t\r\n";
	char *cp = line;
	int argc = 0;

	while (*cp) {
		cp += strspn(cp, ws);
		if (*cp == '\0')
			break;
		if (argc >= maxargs - 1) {
			fprintf(stderr, "Too many arguments to command\n");
			exit(1);
		}
		if (*cp == '\'' || *cp == '"') {
			char quote = *cp++;

			argv[argc++] = cp;
			cp = strchr(cp, quote);
			if (!cp) {
				fprintf(stderr, "Unterminated quoted string\n");
				exit(1);
			}
		} else {
			argv[argc++] = cp;
			cp += strcspn(cp, ws);
			if (*cp == '\0')
				break;
		}
		*cp++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

/*
 * ip -batch FILE ("-" is stdin): one command a line, each run as if typed
 * after "ip" with the same options.  A command that fails prints "Command
 * failed FILE:LINE" and ends the batch, unless -force; an error ip exits on
 * (bad syntax) ends it at once, as in iproute2.
 */
static int batch(const char *name)
{
	int orig_family = preferred_family;
	int ret = EXIT_SUCCESS, lineno = 0;
	char *line = NULL;
	size_t len = 0;
	FILE *in = stdin;

	batch_mode = 1;
	if (name && strcmp(name, "-") != 0) {
		in = fopen(name, "r");
		if (!in) {
			fprintf(stderr,
				"Cannot open file \"%s\" for reading: %s\n",
				name, strerror(errno));
			return EXIT_FAILURE;
		}
	}
	if (rtnl_open(&rth) < 0) {
		fprintf(stderr, "Cannot open rtnetlink\n");
		if (in != stdin)
			(void)fclose(in);
		return EXIT_FAILURE;
	}
	ll_init(&rth);
	while (getcmdline(&line, &len, in, &lineno) != -1) {
		char *largv[100];
		int largc;

		preferred_family = orig_family;
		largc = makeargs(line, largv, 100);
		if (largc == 0)
			continue;
		if (do_cmd(largv[0], largc, largv)) {
			fprintf(stderr, "Command failed %s:%d\n", name, lineno);
			ret = EXIT_FAILURE;
			if (!force)
				break;
		}
	}
	free(line);
	if (in != stdin)
		(void)fclose(in);
	rtnl_close(&rth);
	return ret;
}

int main(int argc, char **argv)
{
	const char *batch_file = NULL;

	/* Every global at its default: main() may run more than once in a
	 * process (the tools' fuzz target calls it as a function). */
	rth.fd = -1;
	preferred_family = AF_UNSPEC;
	brief = show_stats = show_details = oneline = 0;
	do_all = false;
	line_sep = "\n";
	max_flush_loops = 10;
	batch_mode = force = json = pretty = link_listed = 0;
	color = COLOR_OPT_NEVER;
	color_reset();
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
		} else if (strcmp(opt, "-h") != 0 &&
			   matches(opt, "-help") == 0) {
			/* "-h" is -human to iproute2, not -help: refused
			 * below, with -human, as an unknown option until
			 * built */
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
		} else if (matches(opt, "-force") == 0) {
			++force;
		} else if (matches(opt, "-batch") == 0) {
			argc--;
			argv++;
			if (argc <= 1)
				usage();
			batch_file = argv[1];
		} else if (matches(opt, "-brief") == 0) {
			++brief;
		} else if (matches(opt, "-json") == 0) {
			++json;
		} else if (matches(opt, "-pretty") == 0) {
			++pretty;
		} else if (matches_color(opt, &color)) {
			/* -c[olor][=always|auto|never] */
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
	check_enable_color(color, json);
	if (batch_file)
		return batch(batch_file);
	if (argc > 1) {
		int ret = do_cmd(argv[1], argc - 1, argv + 1);

		rtnl_close(&rth);
		return ret;
	}
	usage();
}
