/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPv4 Forwarding Information Base: routing tables (local 255, main
 * 254, any other id), their entries and the longest-prefix-match lookup.
 *
 * An entry is a prefix (key/len) holding a list of aliases (struct
 * fib_alias: tos, type, and the shared route data in struct fib_info:
 * protocol, scope, preferred source, priority (metric), metrics and one
 * next hop).  Linux: include/net/ip_fib.h.
 *
 * Storage (fib_trie.c): a path- and level-compressed trie (LC-trie) per
 * table as Linux's, whose leaves hold the aliases of every prefix length
 * ending at the leaf's key.  A multipath route's fib_info holds several
 * next hops, one chosen per flow by a hash (fib_select_multipath).
 */
#ifndef _NET_IP_FIB_H
#define _NET_IP_FIB_H

#include <linux/rtnetlink.h>

#include <net/list.h>
#include <net/netlink.h>
#include <net/route.h>

struct net;
struct net_device;
struct in_ifaddr;
struct fib_table;

/* Where a request came from: for notifications and their echo. */
struct nl_info {
	struct nlmsghdr *nlh;
	struct net *nl_net;
	u32 portid;
};

/* A parsed RTM_NEWROUTE/RTM_DELROUTE or a kernel-made route (fib_magic). */
struct fib_config {
	u8 fc_dst_len;
	u8 fc_tos;
	u8 fc_protocol;
	u8 fc_scope;
	u8 fc_type;
	u8 fc_gw_family;
	u32 fc_table;
	__be32 fc_dst;
	__be32 fc_gw4;
	int fc_oif;
	u32 fc_flags; /* RTNH_F_ONLINK ... */
	u32 fc_priority;
	__be32 fc_prefsrc;
	struct nlattr *fc_mx; /* RTA_METRICS payload */
	int fc_mx_len;
	struct rtnexthop *fc_mp; /* RTA_MULTIPATH payload */
	int fc_mp_len;
	u32 fc_nlflags; /* NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE ... */
	struct nl_info fc_nlinfo;
};

/* A learned path MTU for one destination through a next hop (RFC 1191). */
struct fib_nh_exception {
	struct list_head list;
	__be32 fnhe_daddr;
	u32 fnhe_pmtu;
	bool fnhe_mtu_locked;
	u64 fnhe_expires; /* ns on the stack clock */
	u32 fnhe_genid; /* net->ipv4.fnhe_genid when learned */
	/* a route was made through it since it was learned (Linux caches
	 * that route in the exception; only such ones are dumped) */
	bool fnhe_routed;
};

#define FNHE_MAX_PER_NH 256

struct fib_info;

struct fib_nh {
	struct net_device *fib_nh_dev; /* holds a reference */
	int fib_nh_oif;
	unsigned int fib_nh_flags; /* RTNH_F_DEAD, RTNH_F_LINKDOWN, ONLINK */
	unsigned char fib_nh_scope;
	u8 fib_nh_gw_family; /* 0 or AF_INET */
	__be32 fib_nh_gw4;
	__be32 nh_saddr; /* cached preferred source (fib_info_update_nh_saddr) */
	int fib_nh_weight; /* multipath: 1..256 */
	int fib_nh_upper_bound; /* multipath: hashes up to this take it */
	u32 nh_saddr_genid;
	struct fib_info *nh_parent;
	struct list_head nh_exceptions; /* struct fib_nh_exception */
	unsigned int nh_nr_exceptions;
	/*
	 * Routes made from this next hop, kept for the next packet (Linux's
	 * nhc_rth_input / nhc_pcpu_rth_output); each holds a reference,
	 * valid while its rt_genid is current (route.c: rt_cache_valid).
	 */
	struct rtable *nh_rth_input;
	struct rtable *nh_rth_output;
};

struct fib_info {
	struct hlist_node fib_hash; /* net->ipv4.fib_info_hash */
	struct net *fib_net;
	int fib_treeref; /* aliases using this: equal routes share one */
	unsigned int fib_flags;
	unsigned char fib_dead;
	unsigned char fib_protocol;
	unsigned char fib_scope;
	unsigned char fib_type;
	__be32 fib_prefsrc;
	u32 fib_tb_id;
	u32 fib_priority;
	u32 fib_metrics[RTAX_MAX + 1]; /* [RTAX_MTU] ...; 0 = unset */
	int fib_nhs;
	struct fib_nh fib_nh[1];
};

struct fib_alias {
	struct list_head fa_list; /* in its leaf's list */
	struct fib_info *fa_info;
	u8 fa_tos;
	u8 fa_type;
	u8 fa_slen; /* 32 - prefix length */
	u32 tb_id;
};

struct trie;

struct fib_table {
	struct list_head tb_list; /* net->ipv4.fib_tables */
	u32 tb_id;
	unsigned int tb_num_default;
	/*
	 * The LC-trie holding this table's aliases (fib_trie.c).  As in
	 * Linux, the local table shares the main table's trie (entries told
	 * apart by fa->tb_id), so one lookup in main answers for both.
	 */
	struct trie *tb_data;
};

/* A lookup's answer; points into the table (stack lock held, no refs). */
struct fib_result {
	__be32 prefix;
	unsigned char prefixlen;
	unsigned char nh_sel;
	unsigned char type;
	unsigned char scope;
	u8 tos; /* the matching alias's */
	u32 tclassid;
	struct fib_nh *nh;
	struct fib_info *fi;
	struct fib_table *table;
};

#define FIB_RES_NH(res)	 (*(res).nh)
#define FIB_RES_DEV(res) ((res).nh ? (res).nh->fib_nh_dev : NULL)
#define FIB_RES_OIF(res) ((res).nh ? (res).nh->fib_nh_oif : 0)
#define FIB_RES_GW(res)	 ((res).nh ? (res).nh->fib_nh_gw4 : 0)

/* fib_table_lookup flags */
#define FIB_LOOKUP_NOREF	    1
#define FIB_LOOKUP_IGNORE_LINKSTATE 2

/* Properties of each route type (fib_props[] in Linux). */
struct fib_prop {
	int error;
	u8 scope;
};
extern const struct fib_prop fib_props[RTN_MAX + 1];

/* fib_trie.c: the table structure */
/* fib_trie_table - a new table; with @alias, one sharing alias's trie */
struct fib_table *fib_trie_table(u32 id, struct fib_table *alias);
void fib_free_table(struct fib_table *tb);
/**
 * fib_table_lookup - longest-prefix match of @flp->daddr in @tb
 * Aliases are tried in order (tos, then priority); reject types return
 * their error (fib_props), dead next hops and other @flp->flowi4_oif are
 * skipped, and shorter prefixes are tried when nothing at a length fits.
 * Return: 0 with @res filled, -EAGAIN when nothing matched, or the route
 *	type's error (-EHOSTUNREACH unreachable, -EACCES prohibit, -EINVAL
 *	blackhole, -EAGAIN throw).
 */
int fib_table_lookup(struct fib_table *tb, const struct flowi4 *flp,
		     struct fib_result *res, int fib_flags);
int fib_table_insert(struct net *net, struct fib_table *tb,
		     struct fib_config *cfg, struct netlink_ext_ack *extack);
int fib_table_delete(struct net *net, struct fib_table *tb,
		     struct fib_config *cfg, struct netlink_ext_ack *extack);
/* fib_table_flush - drop entries whose fib_info died (or all if @flush_all) */
int fib_table_flush(struct net *net, struct fib_table *tb, bool flush_all);
/* What an RTM_GETROUTE dump asked for (strict checking). */
struct fib_dump_filter {
	u32 table_id;
	bool filter_set;
	bool dump_routes;
	bool dump_exceptions;
	unsigned char protocol;
	unsigned char rt_type;
	unsigned int flags;
	struct net_device *dev;
};

/*
 * fib_table_dump - RTM_NEWROUTE per alias in trie key order; resumes at
 * the leaf key in cb->args[1] (cb->args[2]: leaves done, cb->args[3]:
 * aliases done in that leaf); returns skb->len
 */
int fib_table_dump(struct fib_table *tb, struct sk_buff *skb,
		   struct netlink_callback *cb,
		   const struct fib_dump_filter *filter);
/* fib_table_for_each_alias - @fn on each of @tb's aliases; sums returns */
int fib_table_for_each_alias(struct fib_table *tb,
			     int (*fn)(struct fib_alias *fa, void *arg),
			     void *arg);
int fib_proc_init(struct net *net);

/* fib_semantics.c: route data, next hops, events */
struct fib_info *fib_create_info(struct fib_config *cfg,
				 struct netlink_ext_ack *extack);
void fib_release_info(struct fib_info *fi);
/* fib_info_hash_free - at namespace exit, once every route is gone */
void fib_info_hash_free(struct net *net);
bool fib_info_equal(const struct fib_info *a, const struct fib_info *b);
int fib_nh_match(struct net *net, struct fib_config *cfg, struct fib_info *fi,
		 struct netlink_ext_ack *extack);
bool fib_metrics_match(struct fib_config *cfg, struct fib_info *fi);
int fib_dump_info(struct sk_buff *skb, u32 portid, u32 seq, int event,
		  u32 tb_id, u8 type, __be32 dst, int dst_len, u8 tos,
		  struct fib_info *fi, unsigned int flags);
int rtnetlink_put_metrics(struct sk_buff *skb, const u32 *metrics);
/*
 * fib_dump_info_fnhe - the live exceptions (learned PMTUs) of @fi's next
 * hops as RTM_F_CLONED routes, as `ip route show cache` lists them;
 * *@i counts messages, those before @s_i were sent already.
 */
int fib_dump_info_fnhe(struct sk_buff *skb, struct netlink_callback *cb,
		       u32 table_id, struct fib_info *fi, long *i, long s_i,
		       unsigned int flags);
void rtmsg_fib(int event, __be32 key, struct fib_alias *fa, int dst_len,
	       u32 tb_id, const struct nl_info *info, unsigned int nlm_flags);
int fib_sync_down_dev(struct net_device *dev, unsigned long event, bool force);
int fib_sync_down_addr(struct net_device *dev, __be32 local);
int fib_sync_up(struct net_device *dev, unsigned char nh_flags);
void fib_sync_mtu(struct net_device *dev, u32 orig_mtu);
void fib_select_path(struct net *net, struct fib_result *res,
		     struct flowi4 *fl4);
/* fib_rebalance - the hash ranges of @fi's live next hops, by weight */
void fib_rebalance(struct fib_info *fi);
/* fib_select_multipath - the next hop whose range holds @hash (31 bits) */
void fib_select_multipath(struct fib_result *res, int hash);
/* fib_multipath_hash_fields, policy 3's custom hash (Linux's bits) */
#define FIB_MULTIPATH_HASH_FIELD_SRC_IP		 (1U << 0)
#define FIB_MULTIPATH_HASH_FIELD_DST_IP		 (1U << 1)
#define FIB_MULTIPATH_HASH_FIELD_IP_PROTO	 (1U << 2)
#define FIB_MULTIPATH_HASH_FIELD_FLOWLABEL	 (1U << 3)
#define FIB_MULTIPATH_HASH_FIELD_SRC_PORT	 (1U << 4)
#define FIB_MULTIPATH_HASH_FIELD_DST_PORT	 (1U << 5)
#define FIB_MULTIPATH_HASH_FIELD_INNER_SRC_IP	 (1U << 6)
#define FIB_MULTIPATH_HASH_FIELD_INNER_DST_IP	 (1U << 7)
#define FIB_MULTIPATH_HASH_FIELD_INNER_IP_PROTO	 (1U << 8)
#define FIB_MULTIPATH_HASH_FIELD_INNER_FLOWLABEL (1U << 9)
#define FIB_MULTIPATH_HASH_FIELD_INNER_SRC_PORT	 (1U << 10)
#define FIB_MULTIPATH_HASH_FIELD_INNER_DST_PORT	 (1U << 11)
#define FIB_MULTIPATH_HASH_FIELD_OUTER_MASK	 0x3f
#define FIB_MULTIPATH_HASH_FIELD_ALL_MASK	 0xfff
#define FIB_MULTIPATH_HASH_FIELD_DEFAULT_MASK                                \
	(FIB_MULTIPATH_HASH_FIELD_SRC_IP | FIB_MULTIPATH_HASH_FIELD_DST_IP | \
	 FIB_MULTIPATH_HASH_FIELD_IP_PROTO)

/**
 * fib_multipath_hash - a flow's hash for choosing among next hops, by
 *	net.ipv4.fib_multipath_hash_policy: 0 (and 2, as no packet here is
 *	encapsulated) addresses, 1 addresses, ports and protocol, 3 the
 *	outer fields of fib_multipath_hash_fields; keyed by
 *	fib_multipath_hash_seed; from @fl4 for a local flow, from @skb's
 *	headers for a received packet
 * Return: 31 bits.
 */
int fib_multipath_hash(const struct net *net, const struct flowi4 *fl4,
		       const struct sk_buff *skb);
__be32 fib_result_prefsrc(struct net *net, struct fib_result *res);
__be32 fib_info_update_nh_saddr(struct net *net, struct fib_nh *nh);
/* fib_nh_exceptions: PMTU per destination */
/* not flushed since it was learned (ip route flush cache, route/flush) */
bool fib_nh_exception_current(const struct fib_nh *nh,
			      const struct fib_nh_exception *fnhe);

struct fib_nh_exception *fib_nh_find_exception(struct fib_nh *nh, __be32 daddr);
int fib_nh_update_exception(struct fib_nh *nh, __be32 daddr, u32 pmtu,
			    bool lock, u64 expires);
void fib_nh_flush_exceptions(struct fib_nh *nh);

/* fib_frontend.c: tables, lookups across them, events, rtnetlink */
struct fib_table *fib_new_table(struct net *net, u32 id);
struct fib_table *fib_get_table(struct net *net, u32 id);
/**
 * fib_lookup - route @flp: through the rules once they were changed
 *	(__fib_lookup), else main (holding local) then default (253)
 * Return: 0 with @res, or -ENETUNREACH / the matching route's error.
 */
int fib_lookup(struct net *net, struct flowi4 *flp, struct fib_result *res,
	       unsigned int flags);
void fib_flush(struct net *net);
int fib_unmerge(struct net *net);
/* fib_trie.c: local's own trie (fib_unmerge) */
int fib_trie_unmerge(struct fib_table *tb);
void fib_table_flush_external(struct fib_table *tb);
/* fib_rules.c: lookups through the rules, the default rules */
int __fib_lookup(struct net *net, struct flowi4 *flp, struct fib_result *res,
		 unsigned int flags);
int fib4_rules_init(struct net *net);
void fib4_rules_exit(struct net *net);
void fib_add_ifaddr(struct in_ifaddr *ifa);
void fib_del_ifaddr(struct in_ifaddr *ifa, struct in_ifaddr *iprim);
void fib_modify_prefix_metric(struct in_ifaddr *ifa, u32 new_metric);
/**
 * fib_validate_source - reverse-path check of a received packet's source
 * Return: 0 ok, 1 ok and the source is on the input link (redirects),
 *	-EINVAL martian source (our own address, not unicast), -EXDEV
 *	rp_filter failure.
 */
int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			int oif, struct net_device *dev, struct in_device *idev,
			u32 *itag);
unsigned int inet_addr_type(struct net *net, __be32 addr);
unsigned int inet_addr_type_table(struct net *net, __be32 addr, u32 tb_id);
unsigned int inet_dev_addr_type(struct net *net, const struct net_device *dev,
				__be32 addr);
unsigned int inet_addr_type_dev_table(struct net *net,
				      const struct net_device *dev,
				      __be32 addr);
/* route.c: RTM_GETROUTE requests (`ip route get`) */
int inet_rtm_getroute(struct sk_buff *in_skb, struct nlmsghdr *nlh,
		      struct netlink_ext_ack *extack);
/* ip_fib_init - tables, rtnetlink handlers, notifiers; called by ip_init */
int ip_fib_init(struct tn_stack *st);

static inline u32 fib_info_num_path(const struct fib_info *fi)
{
	return (u32)fi->fib_nhs;
}

#endif /* _NET_IP_FIB_H */
