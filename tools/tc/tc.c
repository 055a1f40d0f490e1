// SPDX-License-Identifier: BSD-2-Clause
/*
 * tc: show and change the queueing disciplines of tuxnet's devices, with
 * iproute2 6.1's syntax, output and exit codes.  An ordinary program on
 * the public API: it speaks rtnetlink (RTM_*QDISC) through tn_socket().
 * Only `tc qdisc` and `tc monitor` are there; classes, filters and actions come with the
 * disciplines that have them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <tuxnet/tuxnet.h>

#include "tc_common.h"

struct rtnl_handle rth = { .fd = -1 };
int show_stats, show_details, show_raw, oneline, use_iec;

static void usage(void)
{
	fprintf(stderr,
		"Usage:\ttc [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"\ttc [-force] -batch filename\n"
		"where  OBJECT := { qdisc | class | filter | chain |\n"
		"\t\t    action | monitor | exec }\n"
		"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |\n"
		"\t\t    -o[neline] | -j[son] | -p[retty] | -c[olor]\n"
		"\t\t    -b[atch] [filename] | -n[etns] name | -N[umeric] |\n"
		"\t\t     -nm | -nam[es] | { -cf | -conf } path\n"
		"\t\t     -br[ief] }\n");
}

static int do_cmd(int argc, char **argv)
{
	if (matches(*argv, "qdisc") == 0)
		return do_qdisc(argc - 1, argv + 1);
	if (matches(*argv, "monitor") == 0)
		return do_tcmonitor(argc - 1, argv + 1);
	if (matches(*argv, "help") == 0) {
		usage();
		return 0;
	}
	fprintf(stderr, "Object \"%s\" is unknown, try \"tc help\".\n", *argv);
	return -1;
}

int main(int argc, char **argv)
{
	int ret;

	/* every global at its default: main() may run more than once in a
	 * process (the tools' fuzz target calls it as a function) */
	rth.fd = -1;
	show_stats = show_details = show_raw = json = pretty = oneline = 0;
	use_iec = 0;
	_SL_ = "\n";
	while (argc > 1) {
		const char *opt = argv[1];

		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;
		if (matches(opt, "-stats") == 0 ||
		    matches(opt, "-statistics") == 0) {
			++show_stats;
		} else if (matches(opt, "-details") == 0) {
			++show_details;
		} else if (matches(opt, "-raw") == 0) {
			++show_raw;
		} else if (matches(opt, "-pretty") == 0) {
			++pretty;
		} else if (matches(opt, "-Version") == 0) {
			printf("tc utility, iproute2-6.1.0, libbpf 1.1.2\n");
			return 0;
		} else if (matches(opt, "-iec") == 0) {
			/* rates in powers of 1024 (sizes are printed the same) */
			++use_iec;
		} else if (matches(opt, "-help") == 0) {
			usage();
			return 0;
		} else if (matches(opt, "-netns") == 0) {
			argc--;
			argv++;
			if (argc <= 1)
				incomplete_command();
			if (tn_netns_set(argv[1]) < 0) {
				fprintf(stderr,
					"Cannot open network namespace \"%s\": %s\n",
					argv[1], strerror(errno));
				return -1;
			}
		} else if (matches(opt, "-json") == 0) {
			++json;
		} else if (matches(opt, "-oneline") == 0) {
			++oneline;
		} else {
			fprintf(stderr,
				"Option \"%s\" is unknown, try \"tc -help\".\n",
				argv[1]);
			return -1;
		}
		argc--;
		argv++;
	}
	_SL_ = oneline ? "\\" : "\n";
	if (argc <= 1) {
		usage();
		return 0;
	}
	if (rtnl_open(&rth) < 0) {
		fprintf(stderr, "Cannot open rtnetlink\n");
		exit(1);
	}
	ll_init(&rth);
	ret = do_cmd(argc - 1, argv + 1);
	rtnl_close(&rth);
	return ret;
}
