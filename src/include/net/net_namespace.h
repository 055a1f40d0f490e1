/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct net: a network namespace - its devices, IPv4 state, sysctls, MIB
 * counters and sockets.  Subsystems keep per-namespace state here (never in
 * file-scope statics) and set it up through pernet_operations.
 * Linux: include/net/net_namespace.h.
 */
#ifndef _NET_NET_NAMESPACE_H
#define _NET_NET_NAMESPACE_H

#include <net/list.h>
#include <net/netns/ipv4.h>
#include <net/stack.h>

#define HOST_NAME_MAX_LEN 64

/* A peer namespace's id as seen from this one (link-netnsid). */
struct netns_id {
	struct list_head list;
	struct net *peer;
	int id;
};

struct netns_core {
	int sysctl_somaxconn;
	int sysctl_netdev_max_backlog; /* net.core.netdev_max_backlog */
	int sysctl_rmem_default, sysctl_wmem_default;
	int sysctl_rmem_max, sysctl_wmem_max;
	int sysctl_optmem_max; /* net.core.optmem_max */
	int sock_inuse; /* user sockets: /proc/net/sockstat "sockets: used" */
};

#define NET_GENERIC_SLOTS 16

struct net {
	struct list_head list; /* st->net_list */
	struct tn_stack *st;
	int count; /* references: tasks, sockets, devices' peers */
	bool dying;
	u32 cookie;
	const char *ns_name; /* `ip netns` name, NULL for init_net */
	u32 owner; /* uid of the task that made it (user.max_net_namespaces) */

	/* devices */
	struct list_head dev_base_head;
	int ifindex; /* last assigned */
	struct net_device *loopback_dev;

	struct list_head netns_ids; /* struct netns_id */

	struct netns_core core;
	struct netns_ipv4 ipv4;

	struct sock *rtnl; /* NETLINK_ROUTE kernel socket */
	struct sock *diag_nlsk; /* NETLINK_SOCK_DIAG kernel socket */
	struct sock *genl_sock; /* NETLINK_GENERIC kernel socket */
	struct list_head netlink_socks;
	struct ctl_table_header *sysctls; /* this net's registered tables */

	void *gen[NET_GENERIC_SLOTS]; /* net_generic(): pernet_operations.id */
};

static inline struct net *get_net(struct net *net)
{
	net->count++;
	return net;
}

void put_net(struct net *net);
void net_cleanup_deferred(struct tn_stack *st);

static inline bool net_eq(const struct net *a, const struct net *b)
{
	return a == b;
}

#define for_each_net(st, net) list_for_each_entry(net, &(st)->net_list, list)

/* Creates an anonymous namespace (running every pernet init). */
struct net *copy_net_ns(struct tn_stack *st);
struct net *netns_get_by_name(struct tn_stack *st, const char *name);
/* peernet2id_alloc - the id of @peer as seen from @net, allocated if new */
int peernet2id_alloc(struct net *net, struct net *peer);
int peernet2id(const struct net *net, const struct net *peer);
struct net *get_net_ns_by_id(const struct net *net, int id);

/**
 * struct pernet_operations - per-namespace setup of a subsystem
 * @init: called for every existing and future namespace; 0 or -errno
 * @exit: called as a namespace dies, in reverse registration order
 * @id: if non-NULL, a net_generic() slot is assigned and stored here
 *
 * The stack keeps its own node for each registration, so a static ops
 * table serves every stack in the process.
 */
struct pernet_operations {
	int (*init)(struct net *net);
	void (*exit)(struct net *net);
	unsigned int *id;
};

int register_pernet_subsys(struct pernet_operations *ops);
void unregister_pernet_subsys(struct pernet_operations *ops);
const char *netns_name_of(const struct net *net);
/* The namespace behind an fd opened on /run/netns/NAME; ERR_PTR(-EINVAL) */
struct net *get_net_ns_by_fd(int fd);
#define register_pernet_device(ops)   register_pernet_subsys(ops)
#define unregister_pernet_device(ops) unregister_pernet_subsys(ops)

static inline void *net_generic(const struct net *net, unsigned int id)
{
	return net->gen[id];
}

#endif /* _NET_NET_NAMESPACE_H */
