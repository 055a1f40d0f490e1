// SPDX-License-Identifier: BSD-2-Clause
/*
 * tuxnet: the front door.  For now one subcommand:
 *
 *	tuxnet lab [--clock real|virtual] SCRIPT [ARGS...]
 *
 * runs a shell script against a private tuxnetd (see lab.c).
 */
#include "lab.h"

#include <stdio.h>
#include <string.h>

static void tn_usage(FILE *f)
{
	fprintf(f,
		"Usage: tuxnet lab [--clock real|virtual] SCRIPT [ARGS...]\n"
		"       tuxnet --help\n"
		"\n"
		"  lab    start a private tuxnetd (virtual clock by default),\n"
		"         run `bash SCRIPT ARGS` with tuxnet's ip, ping, sysctl\n"
		"         and hostname first on PATH, stop the daemon, and exit\n"
		"         with the script's status\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		tn_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "lab"))
		return tn_lab_main(argc - 2, argv + 2);
	fprintf(stderr, "tuxnet: unknown command '%s'\n", argv[1]);
	tn_usage(stderr);
	return 2;
}
