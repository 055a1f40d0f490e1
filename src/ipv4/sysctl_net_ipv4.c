// SPDX-License-Identifier: BSD-2-Clause
/*
 * net.ipv4.* sysctls of the IP layer: ip_forward (an alias of
 * conf.all.forwarding), ip_default_ttl, ip_local_port_range,
 * ip_local_reserved_ports, ip_unprivileged_port_start, ip_nonlocal_bind,
 * ping_group_range and friends.  icmp_*, ipfrag_* and
 * the transports register their own entries beside these.
 *
 * ping_group_range defaults to "1 0" (nobody may open ICMP datagram
 * sockets) as in Linux; tuxnet's ping falls back to a raw socket then.
 *
 * Linux counterpart: net/ipv4/sysctl_net_ipv4.c.
 */
#include <net/inetdevice.h>
#include <net/net_namespace.h>
#include <net/route.h>
#include <net/sysctl.h>

static const int ip_ttl_min = 1;
static const int ip_ttl_max = 255;
static const int ip_port_max = 65535;
static const int u8_max = 255;

/* A copy of @ctl over a local pair, for parsing before validating. */
static int ipv4_int_pair(struct ctl_table *ctl, int write, char *buffer,
			 size_t *lenp, long *ppos, int *pair)
{
	struct ctl_table tmp = {
		.data = pair,
		.maxlen = 2 * sizeof(int),
		.mode = ctl->mode,
	};

	memcpy(pair, ctl->data, 2 * sizeof(int));
	return proc_dointvec(&tmp, write, buffer, lenp, ppos);
}

/*
 * ip_local_port_range: low <= high, both within 1..65535, and no ephemeral
 * port below ip_unprivileged_port_start (Linux keeps the two apart).
 */
static int ipv4_local_port_range(struct ctl_table *ctl, int write, char *buffer,
				 size_t *lenp, long *ppos)
{
	struct net *net = ctl->extra2;
	int range[2], ret;

	ret = ipv4_int_pair(ctl, write, buffer, lenp, ppos, range);
	if (write && !ret) {
		if (range[1] < range[0] || range[0] < 1 || range[1] > 65535 ||
		    range[0] < net->ipv4.sysctl_ip_prot_sock)
			return -EINVAL;
		memcpy(ctl->data, range, sizeof(range));
	}
	return ret;
}

/* ping_group_range: two gids; "1 0" (empty) forbids everyone */
static int ipv4_ping_group_range(struct ctl_table *ctl, int write, char *buffer,
				 size_t *lenp, long *ppos)
{
	int range[2], ret;

	ret = ipv4_int_pair(ctl, write, buffer, lenp, ppos, range);
	if (write && !ret) {
		if (range[0] < 0 || range[1] < 0)
			return -EINVAL;
		memcpy(ctl->data, range, sizeof(range));
	}
	return ret;
}

/*
 * ip_unprivileged_port_start: binding a port below it needs
 * CAP_NET_BIND_SERVICE (inet_bind); 0..65535, and not above the first
 * ephemeral port.
 */
static int ipv4_privileged_ports(struct ctl_table *ctl, int write, char *buffer,
				 size_t *lenp, long *ppos)
{
	struct net *net = ctl->extra2;
	int pports = *(int *)ctl->data;
	struct ctl_table tmp = {
		.data = &pports,
		.maxlen = sizeof(int),
		.mode = ctl->mode,
		.extra1 = SYSCTL_ZERO,
		.extra2 = (void *)&ip_port_max,
	};
	int ret = proc_dointvec_minmax(&tmp, write, buffer, lenp, ppos);

	if (write && !ret) {
		if (net->ipv4.sysctl_ip_local_port_range[0] < pports)
			return -EINVAL;
		*(int *)ctl->data = pports;
	}
	return ret;
}

static const struct ctl_table ipv4_net_table[] = {
	{ .procname = "ip_forward",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = devinet_sysctl_forward },
	{ .procname = "ip_default_ttl",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = (void *)&ip_ttl_min,
	  .extra2 = (void *)&ip_ttl_max },
	{ .procname = "ip_local_port_range",
	  .maxlen = 2 * sizeof(int),
	  .mode = 0644,
	  .proc_handler = ipv4_local_port_range },
	{ .procname = "ip_nonlocal_bind",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "ping_group_range",
	  .maxlen = 2 * sizeof(int),
	  .mode = 0644,
	  .proc_handler = ipv4_ping_group_range },
	{ .procname = "ip_no_pmtu_disc",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "ip_forward_use_pmtu",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "ip_early_demux",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "ip_dynaddr",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "ip_unprivileged_port_start",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = ipv4_privileged_ports },
	{ .procname = "ip_local_reserved_ports",
	  .maxlen = 65536, /* bits */
	  .mode = 0644,
	  .proc_handler = proc_do_large_bitmap },
	/* Linux's u8 (proc_dou8vec_minmax): 0..255 */
	{ .procname = "fwmark_reflect",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = (void *)&u8_max },
	{ .procname = "ip_autobind_reuse",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ 0 }
};

struct ipv4_sysctl_net {
	struct ctl_table_header *hdr;
};

static unsigned int ipv4_sysctl_net_id;

static int ipv4_sysctl_init_net(struct net *net)
{
	struct netns_ipv4 *n = &net->ipv4;
	struct ipv4_sysctl_net *sn;
	struct ctl_table *t;

	n->sysctl_ip_default_ttl = 64; /* IPDEFTTL */
	n->sysctl_ip_local_port_range[0] = 32768;
	n->sysctl_ip_local_port_range[1] = 60999;
	n->sysctl_ping_group_range[0] = 1;
	n->sysctl_ping_group_range[1] = 0;
	n->sysctl_ip_early_demux = 1;
	n->sysctl_ip_prot_sock = 1024; /* PROT_SOCK */
	if (!n->devconf_all)
		return -ENOENT; /* devinet's pernet init runs first */

	sn = kzalloc(sizeof(*sn), GFP_KERNEL);
	t = kmemdup(ipv4_net_table, sizeof(ipv4_net_table), GFP_KERNEL);
	n->sysctl_local_reserved_ports = kzalloc(65536 / 8, GFP_KERNEL);
	if (!sn || !t || !n->sysctl_local_reserved_ports)
		goto err_alloc;
	t[0].data = &IPV4_DEVCONF_ALL(net, FORWARDING);
	t[0].extra1 = n->devconf_all;
	t[0].extra2 = net;
	t[1].data = &n->sysctl_ip_default_ttl;
	t[2].data = n->sysctl_ip_local_port_range;
	t[2].extra2 = net;
	t[3].data = &n->sysctl_ip_nonlocal_bind;
	t[4].data = n->sysctl_ping_group_range;
	t[5].data = &n->sysctl_ip_no_pmtu_disc;
	t[6].data = &n->sysctl_ip_fwd_use_pmtu;
	t[7].data = &n->sysctl_ip_early_demux;
	t[8].data = &n->sysctl_ip_dynaddr;
	t[9].data = &n->sysctl_ip_prot_sock;
	t[9].extra2 = net;
	t[10].data = &n->sysctl_local_reserved_ports;
	t[11].data = &n->sysctl_fwmark_reflect;
	t[12].data = &n->sysctl_ip_autobind_reuse;
	sn->hdr = register_net_sysctl(net, "net/ipv4", t);
	if (!sn->hdr)
		goto err_alloc;
	sn->hdr->free_table = true;
	net->gen[ipv4_sysctl_net_id] = sn;
	return 0;

err_alloc:
	kfree(n->sysctl_local_reserved_ports);
	n->sysctl_local_reserved_ports = NULL;
	kfree(t);
	kfree(sn);
	return -ENOMEM;
}

static void ipv4_sysctl_exit_net(struct net *net)
{
	struct ipv4_sysctl_net *sn = net_generic(net, ipv4_sysctl_net_id);

	if (!sn)
		return;
	unregister_net_sysctl_table(sn->hdr);
	kfree(sn);
	net->gen[ipv4_sysctl_net_id] = NULL;
	kfree(net->ipv4.sysctl_local_reserved_ports);
	net->ipv4.sysctl_local_reserved_ports = NULL;
}

static struct pernet_operations ipv4_sysctl_ops = {
	.init = ipv4_sysctl_init_net,
	.exit = ipv4_sysctl_exit_net,
	.id = &ipv4_sysctl_net_id,
};

/**
 * sysctl_ipv4_init - register net.ipv4.* for every namespace
 * Called by devinet_init once the devconf ip_forward aliases exists.
 * Return: 0 or -errno.
 */
int sysctl_ipv4_init(struct tn_stack *st)
{
	(void)st;
	return register_pernet_subsys(&ipv4_sysctl_ops);
}
