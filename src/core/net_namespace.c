// SPDX-License-Identifier: BSD-2-Clause
/*
 * Network namespaces: creation runs every registered pernet init, the last
 * reference runs the exits in reverse.  Names are `ip netns`'s business, as
 * on Linux where a name is a bind mount holding a reference: here a name
 * entry holds one.  Linux: net/core/net_namespace.c.
 */
#include <pthread.h>

#include <net/cred.h>
#include <net/net_namespace.h>
#include <net/interrupt.h>
#include <net/netdevice.h>
#include <net/rtnetlink.h>
#include <net/sysctl.h>

#include "core.h"
#include <net/syscall.h>

struct netns_name {
	struct list_head list;
	struct net *net;
	char name[];
};

/*
 * net_generic() slot numbers.  An id belongs to the code (the pernet
 * operations' static `id`), which every stack of the process shares, so the
 * numbers are the process's, like Linux's are the kernel's; stacks created
 * on several threads at once assign them under this lock, once.
 */
static pthread_mutex_t pernet_ids_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned int pernet_next_id;

static int pernet_assign_id(unsigned int *id)
{
	int err = 0;

	pthread_mutex_lock(&pernet_ids_lock);
	if (!*id) {
		if (pernet_next_id >= NET_GENERIC_SLOTS)
			err = -ENOSPC;
		else
			*id = ++pernet_next_id;
	}
	pthread_mutex_unlock(&pernet_ids_lock);
	return err;
}

struct pernet_node {
	struct list_head list; /* st->pernet_list, registration order */
	struct pernet_operations *ops;
};

static int ops_init(const struct pernet_operations *ops, struct net *net)
{
	return ops->init ? ops->init(net) : 0;
}

static void ops_exit(const struct pernet_operations *ops, struct net *net)
{
	if (ops->exit)
		ops->exit(net);
}

static struct net *net_alloc(struct tn_stack *st)
{
	struct net *net = kzalloc(sizeof(*net), GFP_KERNEL);

	if (!net)
		return NULL;
	net->st = st;
	net->count = 1;
	net->cookie = ++st->net_cookie;
	INIT_LIST_HEAD(&net->dev_base_head);
	INIT_LIST_HEAD(&net->netns_ids);
	INIT_LIST_HEAD(&net->netlink_socks);
	INIT_LIST_HEAD(&net->ipv4.fib_tables);
	net->core.sysctl_somaxconn = 4096;
	net->core.sysctl_netdev_max_backlog = 1000;
	net->core.sysctl_rmem_default = 212992;
	net->core.sysctl_wmem_default = 212992;
	/* 4 MiB on Linux 6.18; the defaults stay 212992 */
	net->core.sysctl_rmem_max = 4194304;
	net->core.sysctl_wmem_max = 4194304;
	net->core.sysctl_optmem_max = 131072; /* Linux 6.18's */
	return net;
}

/* setup_net - run every pernet init; on failure undo those that ran */
static int setup_net(struct net *net)
{
	struct tn_stack *st = net->st;
	struct pernet_node *n;
	int err = 0;

	lockdep_assert_held(&st->pernet_ops_rwsem);
	list_for_each_entry(n, &st->pernet_list, list) {
		err = ops_init(n->ops, net);
		if (err)
			goto out_undo;
	}
	return 0;

out_undo:
	list_for_each_entry_continue_reverse(n, &st->pernet_list, list)
		ops_exit(n->ops, net);
	return err;
}

/*
 * default_device_exit - devices leave a dying namespace: those of a link
 * type are deleted (a veth takes its peer along), the rest go home to
 * init_net unless they may not move; loopback goes last, with its pernet exit.
 */
static void default_device_exit(struct net *net)
{
	struct net *init_net = net->st->init_net;
	struct net_device *dev;

	for (;;) {
		bool found = false;

		for_each_netdev(net, dev) {
			if (dev != net->loopback_dev) {
				found = true;
				break;
			}
		}
		if (!found)
			break;
		/* Each branch takes @dev out of @net, so the loop ends. */
		if (dev->rtnl_link_ops && dev->rtnl_link_ops->dellink)
			dev->rtnl_link_ops->dellink(dev, NULL);
		else if ((dev->features & NETIF_F_NETNS_LOCAL) ||
			 net == init_net ||
			 dev_change_net_namespace(dev, init_net, "dev%d"))
			unregister_netdevice(dev);
	}
}

static void cleanup_net(struct net *net)
{
	struct tn_stack *st = net->st;
	struct pernet_node *n;
	struct netns_id *id, *tmp;
	struct net *other;

	net->dying = true;
	mutex_lock(&st->pernet_ops_rwsem);
	rtnl_lock();
	default_device_exit(net);
	rtnl_unlock();
	/*
	 * Freeing what the devices' queues held ran TX completions, which
	 * may have scheduled a sock's tasklet with its last reference (TCP
	 * Small Queues): let them run while the sock can still see @net.
	 */
	for (int i = 0; i < 64 && tasklet_action(st); i++)
		;
	list_for_each_entry_reverse(n, &st->pernet_list, list)
		ops_exit(n->ops, net);
	/* Forget the ids others gave this namespace, and its own. */
	for_each_net(st, other) {
		list_for_each_entry_safe(id, tmp, &other->netns_ids, list) {
			if (id->peer == net) {
				list_del(&id->list);
				kfree(id);
			}
		}
	}
	list_for_each_entry_safe(id, tmp, &net->netns_ids, list) {
		list_del(&id->list);
		kfree(id);
	}
	list_del(&net->list);
	if (net != st->init_net)
		st->live_netns--;
	kfree(net);
	mutex_unlock(&st->pernet_ops_rwsem);
}

/*
 * put_net - drop a reference; the last one takes the namespace down.  Under
 * the RTNL or the pernet lock (a doit, a pernet exit) that cannot happen at
 * once, as the cleanup takes both: it is left to the end of the call
 * (stack_exit), as Linux leaves it to its cleanup_net work.
 */
void put_net(struct net *net)
{
	struct tn_stack *st = net->st;

	if (--net->count)
		return;
	if (lockdep_rtnl_is_held() || mutex_is_owner(&st->pernet_ops_rwsem)) {
		st->net_cleanup_pending = true;
		return;
	}
	cleanup_net(net);
}

/* net_cleanup_deferred - the namespaces put_net() left for later */
void net_cleanup_deferred(struct tn_stack *st)
{
	struct net *net;

	st->net_cleanup_pending = false;
again:
	for_each_net(st, net) {
		if (!net->count && net != st->init_net) {
			cleanup_net(net);
			goto again;
		}
	}
}

struct net *copy_net_ns(struct tn_stack *st)
{
	struct net *net = net_alloc(st);
	int err;

	if (!net)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&st->pernet_ops_rwsem);
	list_add_tail(&net->list, &st->net_list);
	st->live_netns++;
	err = setup_net(net);
	mutex_unlock(&st->pernet_ops_rwsem);
	if (err) {
		list_del(&net->list);
		st->live_netns--;
		kfree(net);
		return ERR_PTR(err);
	}
	return net;
}

int net_ns_init(struct tn_stack *st, const char *hostname)
{
	struct net *net = net_alloc(st);

	if (!net)
		return -ENOMEM;
	(void)snprintf(st->hostname, sizeof(st->hostname), "%s",
		       hostname ? hostname : "tuxnet");
	list_add_tail(&net->list, &st->net_list);
	st->init_net = net;
	return 0;
}

/* net_ns_exit - at stack teardown: drop names, then init_net itself */
void net_ns_exit(struct tn_stack *st)
{
	struct netns_name *n, *tmp;

	list_for_each_entry_safe(n, tmp, &st->netns_names, list) {
		list_del(&n->list);
		put_net(n->net);
		kfree(n);
	}
	/* Namespaces still referenced (by leaked sockets) die with init_net. */
	while (!list_empty(&st->net_list)) {
		struct net *net =
			list_last_entry(&st->net_list, struct net, list);

		if (net == st->init_net && st->net_list.next != &net->list)
			net = list_first_entry(&st->net_list, struct net, list);
		cleanup_net(net);
	}
	st->init_net = NULL;
}

/**
 * register_pernet_subsys - add per-namespace setup; runs @ops->init for
 *	every existing namespace now
 * Return: 0 or the first init's -errno (nothing stays registered then).
 */
int register_pernet_subsys(struct pernet_operations *ops)
{
	struct tn_stack *st = current_stack();
	struct pernet_node *node;
	struct net *net, *undo;
	int err;

	if (ops->id) {
		err = pernet_assign_id(ops->id);
		if (err)
			return err;
	}
	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return -ENOMEM;
	node->ops = ops;
	mutex_lock(&st->pernet_ops_rwsem);
	list_add_tail(&node->list, &st->pernet_list);
	for_each_net(st, net) {
		err = ops_init(ops, net);
		if (err)
			goto out_undo;
	}
	mutex_unlock(&st->pernet_ops_rwsem);
	return 0;

out_undo:
	for_each_net(st, undo) {
		if (undo == net)
			break;
		ops_exit(ops, undo);
	}
	list_del(&node->list);
	mutex_unlock(&st->pernet_ops_rwsem);
	kfree(node);
	return err;
}

void unregister_pernet_subsys(struct pernet_operations *ops)
{
	struct tn_stack *st = current_stack();
	struct pernet_node *n, *tmp;
	struct net *net;

	mutex_lock(&st->pernet_ops_rwsem);
	list_for_each_entry_safe(n, tmp, &st->pernet_list, list) {
		if (n->ops != ops)
			continue;
		for_each_net(st, net)
			ops_exit(ops, net);
		list_del(&n->list);
		kfree(n);
		break;
	}
	mutex_unlock(&st->pernet_ops_rwsem);
}

/* pernet_free - at stack teardown, after every namespace is gone */
void pernet_free(struct tn_stack *st)
{
	struct pernet_node *n, *tmp;

	list_for_each_entry_safe(n, tmp, &st->pernet_list, list) {
		list_del(&n->list);
		kfree(n);
	}
}

/* ---- namespace ids: how one namespace names another ---- */

int peernet2id(const struct net *net, const struct net *peer)
{
	const struct netns_id *id;

	list_for_each_entry(id, &net->netns_ids, list)
		if (id->peer == peer)
			return id->id;
	return -1; /* NETNSA_NSID_NOT_ASSIGNED */
}

int peernet2id_alloc(struct net *net, struct net *peer)
{
	struct netns_id *id;
	int next = 0;

	if (net == peer)
		return -1;
	list_for_each_entry(id, &net->netns_ids, list)
		if (id->peer == peer)
			return id->id;
	/* the lowest free id, as Linux's idr_alloc(..., 0, 0) */
	while (get_net_ns_by_id(net, next))
		next++;
	id = kzalloc(sizeof(*id), GFP_KERNEL);
	if (!id)
		return -1;
	id->peer = peer;
	id->id = next;
	list_add_tail(&id->list, &net->netns_ids);
	return next;
}

struct net *get_net_ns_by_id(const struct net *net, int nsid)
{
	const struct netns_id *id;

	list_for_each_entry(id, &net->netns_ids, list)
		if (id->id == nsid)
			return id->peer;
	return NULL;
}

/* ---- names (ip netns) ---- */

struct net *netns_get_by_name(struct tn_stack *st, const char *name)
{
	struct netns_name *n;

	list_for_each_entry(n, &st->netns_names, list)
		if (!strcmp(n->name, name))
			return n->net;
	return NULL;
}

static int netns_name_valid(const char *name)
{
	size_t len = strlen(name);

	if (!len || len > 255 || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return -EINVAL;
	return 0;
}

/*
 * user.max_net_namespaces: how many namespaces @owner has (those still
 * alive, named or not; not init_net).  Linux counts them per user in the
 * user namespace's ucounts.
 */
static int netns_count_owned(struct tn_stack *st, u32 owner)
{
	struct net *net;
	int n = 0;

	for_each_net(st, net)
		if (net != st->init_net && !net->dying && net->owner == owner)
			n++;
	return n;
}

static int netns_add(struct tn_stack *st, const char *name)
{
	u32 owner = current_cred()->euid;
	struct netns_name *n;
	struct net *net;
	size_t len;
	int err;

	err = netns_name_valid(name);
	if (err)
		return err;
	if (netns_get_by_name(st, name))
		return -EEXIST;
	/* As unshare(CLONE_NEWNET) beyond the limit: ENOSPC. */
	if (netns_count_owned(st, owner) >= st->max_netns_per_owner)
		return -ENOSPC;
	len = strlen(name) + 1;
	n = kzalloc(sizeof(*n) + len, GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	memcpy(n->name, name, len);
	net = copy_net_ns(st);
	if (IS_ERR(net)) {
		kfree(n);
		return (int)PTR_ERR(net);
	}
	net->ns_name = n->name;
	net->owner = owner;
	n->net = net;
	list_add(&n->list, &st->netns_names);
	return 0;
}

static int netns_del(struct tn_stack *st, const char *name)
{
	struct netns_name *n;

	list_for_each_entry(n, &st->netns_names, list) {
		if (!strcmp(n->name, name)) {
			list_del(&n->list);
			n->net->ns_name = NULL;
			put_net(n->net);
			kfree(n);
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * netns_set - move the current task into namespace @name (NULL/"" for the
 * initial one).  Sockets keep the namespace they were created in.
 */
static int netns_set(struct tn_stack *st, const char *name)
{
	struct tn_task *task = current_task();
	struct net *net;

	if (!name || !*name)
		net = st->init_net;
	else
		net = netns_get_by_name(st, name);
	if (!net)
		return -ENOENT;
	get_net(net);
	put_net(task->net);
	task->net = net;
	return 0;
}

/* The netns a file under /run/netns names (tn_open of "/run/netns/NAME"). */
const char *netns_name_of(const struct net *net)
{
	return net->ns_name;
}

static int netns_list(struct tn_stack *st, char *buf, size_t len)
{
	struct netns_name *n;
	size_t off = 0;

	list_for_each_entry(n, &st->netns_names, list) {
		size_t l = strlen(n->name);

		if (off + l + 1 > len)
			return -ERANGE;
		memcpy(buf + off, n->name, l);
		buf[off + l] = '\n';
		off += l + 1;
	}
	return (int)off;
}

/* ---- the public calls (and the host name: the UTS namespace) ---- */

/* ---- user.max_net_namespaces, user.max_net_devices ---- */

#define MAX_NETNS_DEFAULT 1024 /* per owner */
#define MAX_DEVS_DEFAULT  4096 /* per owner */

static const struct ctl_table user_table[] = {
	{ .procname = "max_net_devices", /* tuxnet's own: see dev.c */
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "max_net_namespaces",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{}
};

int user_sysctl_init(struct tn_stack *st)
{
	struct ctl_table *t =
		kmemdup(user_table, sizeof(user_table), GFP_KERNEL);
	struct ctl_table_header *h;

	if (!t)
		return -ENOMEM;
	st->max_devs_per_owner = MAX_DEVS_DEFAULT;
	st->max_netns_per_owner = MAX_NETNS_DEFAULT;
	t[0].data = &st->max_devs_per_owner;
	t[1].data = &st->max_netns_per_owner;
	h = register_net_sysctl(NULL, "user", t);
	if (!h) {
		kfree(t);
		return -ENOMEM;
	}
	h->free_table = true;
	return 0;
}

int tn_netns_add(const char *name)
{
	SYSCALL_ENTER();
	ret = name ? netns_add(st_, name) : -EFAULT;
	SYSCALL_EXIT();
}

int tn_netns_del(const char *name)
{
	SYSCALL_ENTER();
	ret = name ? netns_del(st_, name) : -EFAULT;
	SYSCALL_EXIT();
}

int tn_netns_set(const char *name)
{
	SYSCALL_ENTER();
	ret = netns_set(st_, name);
	SYSCALL_EXIT();
}

ssize_t tn_netns_list(char *buf, size_t len)
{
	SYSCALL_ENTER();
	ret = buf || !len ? netns_list(st_, buf, len) : -EFAULT;
	SYSCALL_EXIT();
}

int tn_gethostname(char *name, size_t len)
{
	size_t l;

	SYSCALL_ENTER();
	l = strlen(st_->hostname);
	if (l + 1 > len)
		ret = -ENAMETOOLONG;
	else
		memcpy(name, st_->hostname, l + 1);
	SYSCALL_EXIT();
}

int tn_sethostname(const char *name, size_t len)
{
	SYSCALL_ENTER();
	if (len > HOST_NAME_MAX_LEN) {
		ret = -EINVAL;
	} else {
		memcpy(st_->hostname, name, len);
		st_->hostname[len] = '\0';
	}
	SYSCALL_EXIT();
}
