// SPDX-License-Identifier: BSD-2-Clause
/*
 * The FIB table structure and its longest-prefix match.
 *
 * Linux keeps each table in an LC-trie (net/ipv4/fib_trie.c).  tuxnet keeps
 * the same contents in a simpler structure with the same answers:
 *
 *  - every prefix (key/len) of a table is a struct fib_prefix in one hash
 *    (keyed on key and length); a lookup probes each prefix length present
 *    in the table (tb_plen_count), from /32 down to /0, and takes the first
 *    prefix whose aliases yield a usable route - exactly the trie's
 *    backtracking order;
 *  - the prefixes are also kept in one list sorted as the trie walks its
 *    leaves (address ascending, longer prefix first for the same address),
 *    which is the order of `ip route` dumps and /proc/net/route.
 *
 * Within a prefix the aliases are ordered as Linux orders them: tos
 * descending, then priority (metric) ascending, then insertion.
 *
 * Linux counterpart: net/ipv4/fib_trie.c (fib_table_lookup,
 * fib_table_insert, fib_table_delete, fib_table_flush, fib_table_dump,
 * fib_route_seq_show).
 */
#include <linux/route.h>

#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

static unsigned int fib_prefix_hash(__be32 key, u8 plen)
{
	u32 h = ntohl(key) ^ ((u32)plen << 24);

	h ^= h >> 16;
	h *= 0x45d9f3bU;
	h ^= h >> 16;
	return h & (FIB_TABLE_HASHSZ - 1);
}

/**
 * fib_trie_table - allocate an empty table
 * @id: RT_TABLE_LOCAL, RT_TABLE_MAIN or any other table id
 * Return: the table, or NULL (-ENOMEM).
 */
struct fib_table *fib_trie_table(u32 id)
{
	struct fib_table *tb = kzalloc(sizeof(*tb), GFP_KERNEL);

	if (!tb)
		return NULL;
	tb->tb_id = id;
	INIT_LIST_HEAD(&tb->tb_list);
	INIT_LIST_HEAD(&tb->tb_sorted);
	return tb;
}

static struct fib_prefix *fib_find_prefix(struct fib_table *tb, __be32 key,
					  u8 plen)
{
	struct fib_prefix *fp;

	if (!tb->tb_plen_count[plen])
		return NULL;
	hlist_for_each_entry(fp, &tb->tb_hash[fib_prefix_hash(key, plen)],
			     fp_hash)
		if (fp->fp_key == key && fp->fp_plen == plen)
			return fp;
	return NULL;
}

/* Trie order: address ascending, then longer prefix first. */
static bool fib_prefix_before(const struct fib_prefix *a, __be32 key, u8 plen)
{
	if (ntohl(a->fp_key) != ntohl(key))
		return ntohl(a->fp_key) < ntohl(key);
	return a->fp_plen > plen;
}

static struct fib_prefix *fib_insert_prefix(struct fib_table *tb, __be32 key,
					    u8 plen)
{
	struct fib_prefix *fp = kzalloc(sizeof(*fp), GFP_KERNEL);
	struct fib_prefix *pos;

	if (!fp)
		return NULL;
	fp->fp_key = key;
	fp->fp_plen = plen;
	INIT_LIST_HEAD(&fp->fp_aliases);
	hlist_add_head(&fp->fp_hash, &tb->tb_hash[fib_prefix_hash(key, plen)]);
	/* Most insertions come in order; search from the end. */
	list_for_each_entry_reverse(pos, &tb->tb_sorted, fp_sorted) {
		if (fib_prefix_before(pos, key, plen)) {
			list_insert(&fp->fp_sorted, &pos->fp_sorted,
				    pos->fp_sorted.next);
			goto linked;
		}
	}
	list_add(&fp->fp_sorted, &tb->tb_sorted);
linked:
	tb->tb_plen_count[plen]++;
	tb->tb_nr_prefixes++;
	return fp;
}

static void fib_remove_prefix(struct fib_table *tb, struct fib_prefix *fp)
{
	hlist_del_init(&fp->fp_hash);
	list_del(&fp->fp_sorted);
	tb->tb_plen_count[fp->fp_plen]--;
	tb->tb_nr_prefixes--;
	kfree(fp);
}

static void fib_alias_free(struct fib_alias *fa)
{
	fib_release_info(fa->fa_info);
	kfree(fa);
}

/* A next hop usable for @flp (fib_lookup_good_nhc). */
static bool fib_lookup_good_nh(const struct fib_nh *nh, int fib_flags,
			       const struct flowi4 *flp)
{
	struct in_device *in_dev;

	if (nh->fib_nh_flags & RTNH_F_DEAD)
		return false;
	if (nh->fib_nh_flags & RTNH_F_LINKDOWN &&
	    !(fib_flags & FIB_LOOKUP_IGNORE_LINKSTATE) && nh->fib_nh_dev) {
		in_dev = __in_dev_get_rcu(nh->fib_nh_dev);
		if (in_dev && IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN(in_dev))
			return false;
	}
	if (!(flp->flowi4_flags & FLOWI_FLAG_SKIP_NH_OIF) && flp->flowi4_oif &&
	    flp->flowi4_oif != nh->fib_nh_oif)
		return false;
	return true;
}

int fib_table_lookup(struct fib_table *tb, const struct flowi4 *flp,
		     struct fib_result *res, int fib_flags)
{
	__be32 key = flp->daddr;
	int plen;

	for (plen = 32; plen >= 0; plen--) {
		struct fib_prefix *fp;
		struct fib_alias *fa;

		if (!tb->tb_plen_count[plen])
			continue;
		fp = fib_find_prefix(tb, key & inet_make_mask(plen), (u8)plen);
		if (!fp)
			continue;
		list_for_each_entry(fa, &fp->fp_aliases, fa_list) {
			struct fib_info *fi = fa->fa_info;
			int err, nhsel;

			if (fa->fa_tos && fa->fa_tos != flp->flowi4_tos)
				continue;
			if (fi->fib_dead)
				continue;
			if (fi->fib_scope < flp->flowi4_scope)
				continue;
			err = fib_props[fa->fa_type].error;
			if (unlikely(err < 0))
				return err;
			if (fi->fib_flags & RTNH_F_DEAD)
				continue;
			for (nhsel = 0; nhsel < fi->fib_nhs; nhsel++) {
				struct fib_nh *nh = &fi->fib_nh[nhsel];

				if (!fib_lookup_good_nh(nh, fib_flags, flp))
					continue;
				res->prefix = fp->fp_key;
				res->prefixlen = (unsigned char)plen;
				res->nh_sel = (unsigned char)nhsel;
				res->nh = nh;
				res->type = fa->fa_type;
				res->scope = fi->fib_scope;
				res->fi = fi;
				res->table = tb;
				return 0;
			}
		}
	}
	return -EAGAIN;
}

/*
 * The first alias of @fp with @tos and priority >= @prio, or the first with
 * a smaller tos: where a new (tos, prio) alias goes (fib_find_alias).
 */
static struct fib_alias *fib_find_alias(struct fib_prefix *fp, u8 tos, u32 prio)
{
	struct fib_alias *fa;

	if (!fp)
		return NULL;
	list_for_each_entry(fa, &fp->fp_aliases, fa_list) {
		if (fa->fa_tos > tos)
			continue;
		if (fa->fa_info->fib_priority >= prio || fa->fa_tos < tos)
			return fa;
	}
	return NULL;
}

static bool fib_prefix_valid(__be32 key, u8 plen,
			     struct netlink_ext_ack *extack)
{
	if (plen < 32 && (ntohl(key) << plen)) {
		NL_SET_ERR_MSG(extack,
			       "Invalid prefix for given prefix length");
		return false;
	}
	return true;
}

/**
 * fib_table_insert - add a route as RTM_NEWROUTE does
 * @cfg: the route; fc_nlflags NLM_F_CREATE/EXCL/REPLACE/APPEND decide
 *	what an existing (tos, priority) match means, as Linux
 * Return: 0, -EEXIST, -ENOENT (no NLM_F_CREATE), or fib_create_info's error.
 */
int fib_table_insert(struct net *net, struct fib_table *tb,
		     struct fib_config *cfg, struct netlink_ext_ack *extack)
{
	struct fib_alias *fa, *new_fa, *fa_first = NULL, *fa_match = NULL;
	unsigned int nlflags = NLM_F_EXCL | NLM_F_CREATE;
	struct fib_prefix *fp;
	struct fib_info *fi;
	u8 plen = cfg->fc_dst_len;
	__be32 key = cfg->fc_dst;
	u8 tos = cfg->fc_tos;
	int err;

	if (!fib_prefix_valid(key, plen, extack))
		return -EINVAL;

	fi = fib_create_info(cfg, extack);
	if (IS_ERR(fi))
		return (int)PTR_ERR(fi);

	fp = fib_find_prefix(tb, key, plen);
	fa = fib_find_alias(fp, tos, fi->fib_priority);

	if (fa && fa->fa_tos == tos &&
	    fa->fa_info->fib_priority == fi->fib_priority) {
		struct fib_alias *it;

		err = -EEXIST;
		if (cfg->fc_nlflags & NLM_F_EXCL)
			goto out;
		nlflags &= ~NLM_F_EXCL;
		/*
		 * Find an identical route (an error unless replacing) and the
		 * end of the run of equal (tos, priority): NLM_F_APPEND goes
		 * there, anything else before the run's first entry.
		 */
		fa_first = fa;
		fa = NULL;
		for (it = fa_first; &it->fa_list != &fp->fp_aliases;
		     it = list_next_entry(it, fa_list)) {
			if (it->fa_tos != tos ||
			    it->fa_info->fib_priority != fi->fib_priority) {
				fa = it;
				break;
			}
			if (it->fa_type == cfg->fc_type &&
			    fib_info_equal(it->fa_info, fi)) {
				fa_match = it;
				fa = it;
				break;
			}
		}

		if (cfg->fc_nlflags & NLM_F_REPLACE) {
			struct fib_info *old;

			if (fa_match) {
				err = 0;
				if (fa_first == fa_match)
					goto out;
			}
			fa = fa_first;
			old = fa->fa_info;
			fa->fa_info = fi;
			fa->fa_type = cfg->fc_type;
			fib_release_info(old);
			rtmsg_fib(RTM_NEWROUTE, key, fa, plen, tb->tb_id,
				  &cfg->fc_nlinfo, NLM_F_REPLACE);
			rt_cache_flush(net);
			return 0;
		}
		if (fa_match)
			goto out;
		if (cfg->fc_nlflags & NLM_F_APPEND)
			nlflags |= NLM_F_APPEND;
		else
			fa = fa_first;
	}
	err = -ENOENT;
	if (!(cfg->fc_nlflags & NLM_F_CREATE))
		goto out;

	err = -ENOBUFS;
	new_fa = kzalloc(sizeof(*new_fa), GFP_KERNEL);
	if (!new_fa)
		goto out;
	new_fa->fa_info = fi;
	new_fa->fa_tos = tos;
	new_fa->fa_type = cfg->fc_type;
	new_fa->tb_id = tb->tb_id;
	if (!fp) {
		fp = fib_insert_prefix(tb, key, plen);
		if (!fp) {
			kfree(new_fa);
			goto out;
		}
	}
	if (fa)
		list_add_tail(&new_fa->fa_list, &fa->fa_list); /* before fa */
	else
		list_add_tail(&new_fa->fa_list, &fp->fp_aliases);
	if (!plen)
		tb->tb_num_default++;
	rt_cache_flush(net);
	rtmsg_fib(RTM_NEWROUTE, key, new_fa, plen, new_fa->tb_id,
		  &cfg->fc_nlinfo, nlflags);
	return 0;

out:
	fib_release_info(fi);
	return err;
}

/**
 * fib_table_delete - remove the first alias matching @cfg (RTM_DELROUTE)
 * Unset fields of @cfg match anything, as Linux.
 * Return: 0, -ESRCH if none matches, -EINVAL for a malformed prefix.
 */
int fib_table_delete(struct net *net, struct fib_table *tb,
		     struct fib_config *cfg, struct netlink_ext_ack *extack)
{
	struct fib_alias *fa, *fa_to_delete = NULL;
	u8 plen = cfg->fc_dst_len;
	__be32 key = cfg->fc_dst;
	struct fib_prefix *fp;
	u8 tos = cfg->fc_tos;

	if (!fib_prefix_valid(key, plen, extack))
		return -EINVAL;
	fp = fib_find_prefix(tb, key, plen);
	if (!fp)
		return -ESRCH;
	fa = fib_find_alias(fp, tos, 0);
	if (!fa)
		return -ESRCH;
	for (; &fa->fa_list != &fp->fp_aliases;
	     fa = list_next_entry(fa, fa_list)) {
		struct fib_info *fi = fa->fa_info;

		if (fa->fa_tos != tos)
			break;
		if ((!cfg->fc_type || fa->fa_type == cfg->fc_type) &&
		    (cfg->fc_scope == RT_SCOPE_NOWHERE ||
		     fi->fib_scope == cfg->fc_scope) &&
		    (!cfg->fc_prefsrc || fi->fib_prefsrc == cfg->fc_prefsrc) &&
		    (!cfg->fc_protocol ||
		     fi->fib_protocol == cfg->fc_protocol) &&
		    fib_nh_match(net, cfg, fi, extack) == 0 &&
		    fib_metrics_match(cfg, fi)) {
			fa_to_delete = fa;
			break;
		}
	}
	if (!fa_to_delete)
		return -ESRCH;

	rtmsg_fib(RTM_DELROUTE, key, fa_to_delete, plen, tb->tb_id,
		  &cfg->fc_nlinfo, 0);
	if (!plen)
		tb->tb_num_default--;
	list_del(&fa_to_delete->fa_list);
	if (list_empty(&fp->fp_aliases))
		fib_remove_prefix(tb, fp);
	fa_to_delete->fa_info->fib_dead = 1;
	fib_alias_free(fa_to_delete);
	rt_cache_flush(net);
	return 0;
}

/**
 * fib_table_flush - drop the entries whose route data died (next hops on
 *	a device that went down or away), or every entry if @flush_all.
 *	No notifications are sent, as in Linux.
 * Return: the number of entries removed.
 */
int fib_table_flush(struct net *net, struct fib_table *tb, bool flush_all)
{
	struct fib_prefix *fp, *fptmp;
	int found = 0;

	(void)net;
	list_for_each_entry_safe(fp, fptmp, &tb->tb_sorted, fp_sorted) {
		struct fib_alias *fa, *tmp;

		list_for_each_entry_safe(fa, tmp, &fp->fp_aliases, fa_list) {
			if (!flush_all &&
			    !(fa->fa_info->fib_flags & RTNH_F_DEAD))
				continue;
			list_del(&fa->fa_list);
			if (!fp->fp_plen)
				tb->tb_num_default--;
			fa->fa_info->fib_dead = 1;
			fib_alias_free(fa);
			found++;
		}
		if (list_empty(&fp->fp_aliases))
			fib_remove_prefix(tb, fp);
	}
	return found;
}

/* fib_free_table - release every entry and the table */
void fib_free_table(struct fib_table *tb)
{
	fib_table_flush(NULL, tb, true);
	kfree(tb);
}

static bool fib_info_nh_uses_dev(const struct fib_info *fi,
				 const struct net_device *dev)
{
	int i;

	for (i = 0; i < fi->fib_nhs; i++)
		if (fi->fib_nh[i].fib_nh_dev == dev)
			return true;
	return false;
}

int fib_table_dump(struct fib_table *tb, struct sk_buff *skb,
		   struct netlink_callback *cb,
		   const struct fib_dump_filter *filter)
{
	long s_i = cb->args[1], i = 0;
	struct fib_prefix *fp;
	int err;

	if (!filter->dump_routes)
		return (int)skb->len; /* exceptions: not dumped yet */

	list_for_each_entry(fp, &tb->tb_sorted, fp_sorted) {
		struct fib_alias *fa;

		list_for_each_entry(fa, &fp->fp_aliases, fa_list) {
			struct fib_info *fi = fa->fa_info;
			unsigned int flags = NLM_F_MULTI;

			if (i++ < s_i)
				continue;
			if (filter->filter_set) {
				if (filter->rt_type &&
				    fa->fa_type != filter->rt_type)
					continue;
				if (filter->protocol &&
				    fi->fib_protocol != filter->protocol)
					continue;
				if (filter->dev &&
				    !fib_info_nh_uses_dev(fi, filter->dev))
					continue;
				flags |= NLM_F_DUMP_FILTERED;
			}
			err = fib_dump_info(skb, NETLINK_CB(cb->skb).portid,
					    cb->nlh->nlmsg_seq, RTM_NEWROUTE,
					    tb->tb_id, fa->fa_type, fp->fp_key,
					    fp->fp_plen, fa->fa_tos, fi, flags);
			if (err < 0) {
				cb->args[1] = i - 1;
				return err;
			}
		}
	}
	cb->args[1] = i;
	return skb->len;
}

/* /proc/net/route: the main table in the old route(8) format. */
static unsigned int fib_flag_trans(int type, __be32 mask,
				   const struct fib_info *fi)
{
	unsigned int flags = 0;

	if (type == RTN_UNREACHABLE || type == RTN_PROHIBIT)
		flags = RTF_REJECT;
	if (fi && fi->fib_nh[0].fib_nh_gw4)
		flags |= RTF_GATEWAY;
	if (mask == htonl(0xFFFFFFFF))
		flags |= RTF_HOST;
	flags |= RTF_UP;
	return flags;
}

static int fib_route_seq_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_net(seq);
	struct fib_table *tb = fib_get_table(net, RT_TABLE_MAIN);
	struct fib_prefix *fp;
	char line[160];

	(void)v;
	seq_printf(seq, "%-127s\n",
		   "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\t"
		   "Metric\tMask\t\tMTU\tWindow\tIRTT");
	if (!tb)
		return 0;
	list_for_each_entry(fp, &tb->tb_sorted, fp_sorted) {
		__be32 mask = inet_make_mask(fp->fp_plen);
		struct fib_alias *fa;

		list_for_each_entry(fa, &fp->fp_aliases, fa_list) {
			struct fib_info *fi = fa->fa_info;
			const struct fib_nh *nh = &fi->fib_nh[0];
			unsigned int flags;

			if (fa->fa_type == RTN_BROADCAST ||
			    fa->fa_type == RTN_MULTICAST)
				continue;
			if (fa->tb_id != tb->tb_id)
				continue;
			flags = fib_flag_trans(fa->fa_type, mask, fi);
			snprintf(
				line, sizeof(line),
				"%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
				nh->fib_nh_dev ? nh->fib_nh_dev->name : "*",
				fp->fp_key, nh->fib_nh_gw4, flags, 0, 0U,
				(int)fi->fib_priority, mask,
				fi->fib_metrics[RTAX_ADVMSS]
					? (int)fi->fib_metrics[RTAX_ADVMSS] + 40
					: 0,
				fi->fib_metrics[RTAX_WINDOW],
				fi->fib_metrics[RTAX_RTT] >> 3);
			seq_printf(seq, "%-127s\n", line);
		}
	}
	return 0;
}

/* fib_proc_init - /proc/net/route (once per stack: rendered per netns) */
int fib_proc_init(struct net *net)
{
	(void)net;
	return proc_create_net_single("route", 0444, fib_route_seq_show);
}
