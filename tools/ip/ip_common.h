/* SPDX-License-Identifier: BSD-2-Clause */
/* State and entry points shared by the objects of the ip tool. */
#ifndef TN_IP_COMMON_H
#define TN_IP_COMMON_H

#include <stdbool.h>

#include "json_print.h"
#include "libnetlink.h"
#include "utils.h"

extern struct rtnl_handle rth;
extern int preferred_family;
extern int brief;
extern int show_stats;
extern int show_details;
extern bool do_all; /* -all: every named namespace (ip netns) */
extern int oneline;
extern const char *line_sep; /* "\n", or "\\" with -oneline */
extern int batch_mode; /* -batch: commands read from a file */
extern int force; /* -force: a batch goes on after a failure */
extern int link_listed; /* a link listing ran (see ipaddr_list_flush) */
extern int max_flush_loops; /* -loops: ip addr flush rounds; 0: no limit */

int do_ipaddr(int argc, char **argv);
int do_iplink(int argc, char **argv);
int do_iproute(int argc, char **argv);
int do_iprule(int argc, char **argv);
/* iprule.c: DS field names of /etc/iproute2/rt_dsfield */
const char *rtnl_dsfield_n2a(unsigned int id, char *buf, size_t len);
int rtnl_dsfield_a2n(uint32_t *id, const char *arg);
int do_ipneigh(int argc, char **argv);
int do_netns(int argc, char **argv);
int do_multiaddr(int argc, char **argv);
int do_tcp_metrics(int argc, char **argv);

int ipaddr_list_link(int argc, char **argv);
int netns_get_fd(const char *name);
int link_group_a2n(uint32_t *id, const char *arg);
int netns_name_of_nsid(int nsid, char *out, size_t outlen);
int netns_nsid_of_name(const char *name);

void prefix_error(const char *what, const char *arg) __attribute__((noreturn));

#define NEXT_ARG()                            \
	do {                                  \
		argv++;                       \
		if (--argc <= 0)              \
			incomplete_command(); \
	} while (0)
#define NEXT_ARG_OK() (argc - 1 > 0)
#define PREV_ARG()      \
	do {            \
		argv--; \
		argc++; \
	} while (0)

#endif /* TN_IP_COMMON_H */
