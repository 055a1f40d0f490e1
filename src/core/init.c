// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bringing a stack up, in Linux's initcall levels, as one readable list:
 *
 *   core:   net_ns_init (init_net), sock_init (sockets, net.core sysctls)
 *   core:   netlink_proto_init (PF_NETLINK, rtnetlink)
 *   fs:     inet_init (PF_INET: ARP, IP, ICMP, UDP, raw, ping)
 *   subsys: net_dev_init (the receive backlog)
 *   device: loopback_init (lo in every namespace), veth_init ("veth")
 *
 * Linux: init/main.c do_initcalls(), net/socket.c sock_init() ...
 */
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/sysctl.h>

#include "core.h"

/*
 * Levels whose code has not landed yet are weak: the stack comes up
 * without them.  (Scaffolding while the foundation is assembled.)
 */
int netlink_proto_init(struct tn_stack *st) __attribute__((weak));
int inet_init(struct tn_stack *st) __attribute__((weak));
int net_dev_init(struct tn_stack *st) __attribute__((weak));
int loopback_init(struct tn_stack *st) __attribute__((weak));
int veth_init(struct tn_stack *st) __attribute__((weak));
void rtnetlink_exit(struct tn_stack *st) __attribute__((weak));

int sock_init(struct tn_stack *st)
{
	return sysctl_core_init(st);
}

int stack_init_levels(struct tn_stack *st, const struct tn_stack_config *cfg)
{
	int (*const levels[])(struct tn_stack *) = {
		sock_init,    netlink_proto_init, inet_init,
		net_dev_init, loopback_init,	  veth_init,
	};
	size_t i;
	int err;

	err = net_ns_init(st, cfg->hostname);
	if (err)
		return err;
	st->init_task->net = get_net(st->init_net);
	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		if (!levels[i])
			continue;
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
	proc_net_exit(st);
	if (rtnetlink_exit)
		rtnetlink_exit(st);
	/* Registrations that were not per namespace. */
	list_for_each_entry_safe(h, tmp, &st->sysctl_list, list)
		unregister_net_sysctl_table(h);
}
