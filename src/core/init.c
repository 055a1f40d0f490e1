// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bringing a stack up in Linux's initcall levels, as one readable list,
 * and down again through the matching exits:
 *
 *   core:   sock_init (sockets; fs.file-max, user.max_net_namespaces and
 *           net.core sysctls), netlink_proto_init (PF_NETLINK, rtnetlink)
 *   subsys: net_dev_init (packet types, the softirq budgets and the
 *           backlog's NAPI context), pktsched_init (tc's qdisc messages),
 *           dev_proc_init (/proc/net/dev, dev_mcast, softnet_stat)
 *   fs:     ipv4_mib_init (MIB counters), inet_init (PF_INET: ARP, IP,
 *           ICMP, UDP, raw, ping)
 *   device: src/drivers/drivers.c (lo in every namespace, "veth")
 *
 * init_net exists before the first level, as Linux's does before any
 * initcall (net_ns_init is a pure_initcall).
 * Linux: init/main.c do_initcalls(), net/socket.c sock_init() ...
 */
#include <net/cred.h>
#include <net/fdtable.h>
#include <net/genetlink.h>
#include <net/inet_diag.h>
#include <net/init.h>
#include <net/net_namespace.h>
#include <net/pkt_sched.h>
#include <net/proc_fs.h>
#include <net/sock_diag.h>
#include <net/sysctl.h>

#include "core.h"

int sock_init(struct tn_stack *st)
{
	int err = files_sysctl_init(st);

	if (!err)
		err = user_sysctl_init(st);
	if (!err)
		err = sysctl_core_init(st);
	if (err)
		sock_exit(st);
	return err;
}

/*
 * sock_exit - the last exit: the sysctl tables registered outside any
 * namespace (fs.*, user.*, net.core's global keys, and those of levels
 * that, like Linux's, never unregister theirs).
 */
void sock_exit(struct tn_stack *st)
{
	struct ctl_table_header *h, *tmp;

	list_for_each_entry_safe(h, tmp, &st->sysctl_list, list)
		unregister_net_sysctl_table(h);
}

static const struct initcall core_initcalls[] = {
	{ "sock", sock_init, sock_exit },
	{ "netlink", netlink_proto_init, netlink_proto_exit },
	{ "sock_diag", sock_diag_init, sock_diag_exit },
	{ "genl", genl_init, genl_exit },
};

static const struct initcall subsys_initcalls[] = {
	{ "net_dev", net_dev_init, net_dev_exit },
	{ "pktsched", pktsched_init, NULL }, /* handlers go with rtnetlink */
	{ "dev_proc", dev_proc_init, dev_proc_exit },
};

static const struct initcall fs_initcalls[] = {
	{ "ipv4_mib", ipv4_mib_init, ipv4_mib_exit },
	{ "inet", inet_init, inet_exit },
	{ "inet_diag", inet_diag_init, inet_diag_exit },
};

struct initcall_level {
	const struct initcall *calls;
	size_t n;
};

static size_t levels_get(struct initcall_level levels[4])
{
	levels[0] = (struct initcall_level){ core_initcalls,
					     ARRAY_SIZE(core_initcalls) };
	levels[1] = (struct initcall_level){ subsys_initcalls,
					     ARRAY_SIZE(subsys_initcalls) };
	levels[2] = (struct initcall_level){ fs_initcalls,
					     ARRAY_SIZE(fs_initcalls) };
	levels[3] = (struct initcall_level){ device_initcalls,
					     nr_device_initcalls };
	return 4;
}

/* The exits of the first @done steps, newest first. */
static void initcalls_exit(struct tn_stack *st, size_t done)
{
	struct initcall_level levels[4];
	size_t nr = levels_get(levels);

	while (done--) {
		size_t l, k = done;

		/* step @done: the @k-th of the level it falls in */
		for (l = 0; l < nr && k >= levels[l].n; l++)
			k -= levels[l].n;
		if (l < nr && levels[l].calls[k].exit)
			levels[l].calls[k].exit(st);
	}
}

int stack_init_levels(struct tn_stack *st, const struct tn_stack_config *cfg)
{
	struct initcall_level levels[4];
	size_t nr = levels_get(levels), l, i;
	int err;

	err = net_ns_init(st, cfg->hostname);
	if (err)
		return err;
	st->init_task->net = get_net(st->init_net);
	for (l = 0; l < nr; l++) {
		for (i = 0; i < levels[l].n; i++) {
			err = levels[l].calls[i].init(st);
			if (err)
				return err;
			st->initcalls_done++;
		}
	}
	if (cfg->unshare_net) {
		struct net *net = copy_net_ns(st);

		if (IS_ERR(net))
			return (int)PTR_ERR(net);
		net->owner = current_cred()->euid;
		st->task_net = net;
	}
	return 0;
}

void stack_exit_levels(struct tn_stack *st)
{
	if (st->task_net) {
		put_net(st->task_net);
		st->task_net = NULL;
	}
	if (st->init_task && st->init_task->net) {
		put_net(st->init_task->net);
		st->init_task->net = NULL;
	}
	/* First every namespace, while every family can still see it go. */
	if (st->init_net)
		net_ns_exit(st);
	initcalls_exit(st, st->initcalls_done);
	st->initcalls_done = 0;
	pernet_free(st);
	proc_net_exit(st);
	sock_exit(st); /* tables of a step that failed halfway */
}
