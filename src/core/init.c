// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bringing a stack up, in Linux's initcall levels, as one readable list:
 *
 *   core:   net_ns_init (init_net), sock_init (sockets; fs.file-max,
 *           user.max_net_namespaces and net.core sysctls)
 *   core:   netlink_proto_init (PF_NETLINK, rtnetlink)
 *   fs:     ipv4_mib_init (MIB counters), inet_init (PF_INET: ARP, IP,
 *           ICMP, UDP, raw, ping)
 *   subsys: net_dev_init (the receive backlog), pktsched_init (tc's
 *           qdisc messages), dev_proc_init
 *   device: loopback_init (lo in every namespace), veth_init ("veth")
 *
 * Linux: init/main.c do_initcalls(), net/socket.c sock_init() ...
 */
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/pkt_sched.h>
#include <net/proc_fs.h>
#include <net/protocol.h>
#include <net/rtnetlink.h>
#include <net/snmp.h>
#include <net/sysctl.h>

#include <net/fdtable.h>
#include <net/proc_fs.h>

#include "core.h"

int sock_init(struct tn_stack *st)
{
	int err = files_sysctl_init(st);

	if (!err)
		err = user_sysctl_init(st);
	return err ? err : sysctl_core_init(st);
}

int stack_init_levels(struct tn_stack *st, const struct tn_stack_config *cfg)
{
	int (*const levels[])(struct tn_stack *) = {
		sock_init,     netlink_proto_init, ipv4_mib_init,
		inet_init,     net_dev_init,	   pktsched_init,
		dev_proc_init, loopback_init,	   veth_init,
	};
	size_t i;
	int err;

	err = net_ns_init(st, cfg->hostname);
	if (err)
		return err;
	st->init_task->net = get_net(st->init_net);
	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		err = levels[i](st);
		if (err)
			return err;
	}
	return 0;
}

void stack_exit_levels(struct tn_stack *st)
{
	struct ctl_table_header *h, *tmp;

	if (st->init_task && st->init_task->net) {
		put_net(st->init_task->net);
		st->init_task->net = NULL;
	}
	if (st->init_net)
		net_ns_exit(st);
	pernet_free(st);
	ptype_free(st);
	inetsw_free(st);
	raw_notifier_chain_free(&st->netdev_chain);
	raw_notifier_chain_free(&st->inetaddr_chain);
	proc_net_exit(st);
	rtnetlink_exit(st);
	/* Registrations that were not per namespace. */
	list_for_each_entry_safe(h, tmp, &st->sysctl_list, list)
		unregister_net_sysctl_table(h);
}
