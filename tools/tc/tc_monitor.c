// SPDX-License-Identifier: BSD-2-Clause
/*
 * tc monitor: the qdisc events of RTNLGRP_TC as they come, or the
 * messages saved in a file (`tc monitor file FILE`: raw netlink messages,
 * one after another, as rtmon saves them), printed as `tc qdisc` prints
 * them with the device named.  Classes, filters and actions do not exist
 * here, so only qdisc messages are printed.
 * iproute2: tc/tc_monitor.c, lib/libnetlink.c (rtnl_from_file).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <tuxnet/tuxnet.h>

#include "tc_common.h"

static void usage(void)
{
	fprintf(stderr, "Usage: tc [-timestamp [-tshort] monitor\n");
	exit(-1);
}

static int accept_tcmsg(struct nlmsghdr *n)
{
	if (n->nlmsg_type == RTM_NEWQDISC || n->nlmsg_type == RTM_DELQDISC) {
		print_qdisc(n, NULL);
		return 0;
	}
	if (n->nlmsg_type != NLMSG_ERROR && n->nlmsg_type != NLMSG_NOOP &&
	    n->nlmsg_type != NLMSG_DONE)
		fprintf(stderr,
			"Unknown message: length %08d type %08x flags %08x\n",
			n->nlmsg_len, n->nlmsg_type, n->nlmsg_flags);
	return 0;
}

/* rtnl_from_file - each saved message in turn; 0 at a clean end */
static int rtnl_from_file(FILE *f)
{
	static char buf[16384] __attribute__((aligned(8)));
	struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;

	for (;;) {
		size_t status = fread(buf, 1, sizeof(*h), f);
		long len, l;

		if (status == 0 && feof(f))
			return 0;
		if (status != sizeof(*h)) {
			if (ferror(f))
				perror("rtnl_from_file: fread");
			if (feof(f))
				fprintf(stderr,
					"rtnl-from_file: truncated message\n");
			return -1;
		}
		len = (long)h->nlmsg_len;
		l = len - (long)sizeof(*h);
		if (l < 0 || len > (long)sizeof(buf)) {
			fprintf(stderr, "!!!malformed message: len=%ld @%ld\n",
				len, ftell(f));
			return -1;
		}
		status = fread(NLMSG_DATA(h), 1, NLMSG_ALIGN(l), f);
		if (status != NLMSG_ALIGN(l)) {
			if (ferror(f))
				perror("rtnl_from_file: fread");
			if (feof(f))
				fprintf(stderr,
					"rtnl-from_file: truncated message\n");
			return -1;
		}
		accept_tcmsg(h);
	}
}

/* the live events: RTNLGRP_TC on the tool's own socket, until it fails */
static int monitor_live(void)
{
	static char buf[32768] __attribute__((aligned(8)));
	int grp = RTNLGRP_TC;

	if (tn_setsockopt(rth.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
			  sizeof(grp)) < 0) {
		perror("Failed to add membership");
		return 1;
	}
	for (;;) {
		ssize_t n = tn_recv(rth.fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)(void *)buf;
		int len = (int)n;

		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			perror("netlink receive error");
			return 1;
		}
		for (; NLMSG_OK(h, (unsigned int)len); h = NLMSG_NEXT(h, len))
			accept_tcmsg(h);
	}
}

int do_tcmonitor(int argc, char **argv)
{
	const char *file = NULL;

	while (argc > 0) {
		if (matches(*argv, "file") == 0) {
			NEXT_ARG();
			file = *argv;
		} else if (matches(*argv, "help") == 0) {
			usage();
		} else {
			fprintf(stderr,
				"Argument \"%s\" is unknown, try \"tc monitor help\".\n",
				*argv);
			exit(-1);
		}
		argc--;
		argv++;
	}
	if (file) {
		FILE *f = fopen(file, "r");
		int ret;

		if (!f) {
			perror("Cannot fopen");
			exit(-1);
		}
		ret = rtnl_from_file(f);
		(void)fclose(f);
		return ret;
	}
	return monitor_live();
}
