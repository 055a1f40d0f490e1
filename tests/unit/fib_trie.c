// SPDX-License-Identifier: BSD-2-Clause
/*
 * The LC-trie against a brute-force reference: thousands of random
 * prefixes (clustered so that they overlap and share leaves, plus /0 and
 * /32s), several tos and priorities per prefix, reject types, inserted and
 * deleted in random order; after every batch each lookup must pick the
 * route a linear scan picks (longest prefix, then tos, then priority), and
 * a walk of the table must list the routes in Linux's dump order (address
 * ascending, longer prefix first, tos descending, priority ascending).
 * Also /proc/net/fib_trie and fib_triestat as the kernel printed them for
 * the same routes, and the depth bound at 100,000 routes.
 */
#include "fib_helpers.h"

struct ref_route {
	u32 key; /* host order */
	u8 plen;
	u8 tos;
	u8 type;
	u32 prio; /* unique: names the route */
	bool live;
};

#define NR_REF 4000

static struct ref_route refs[NR_REF];
static struct net_device *rdev;
static u64 rng = 0x9e3779b97f4a7c15ULL;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (u32)(rng >> 11);
}

static u32 mask_of(u8 plen)
{
	return plen ? ~0U << (32 - plen) : 0;
}

static int ref_insert(const struct ref_route *r)
{
	struct fib_config cfg = {
		.fc_dst = htonl(r->key),
		.fc_dst_len = r->plen,
		.fc_tos = r->tos,
		.fc_table = RT_TABLE_MAIN,
		.fc_protocol = RTPROT_STATIC,
		.fc_type = r->type,
		.fc_scope = r->type == RTN_UNICAST ? RT_SCOPE_LINK
						   : RT_SCOPE_UNIVERSE,
		.fc_oif = r->type == RTN_UNICAST ? rdev->ifindex : 0,
		.fc_priority = r->prio,
		.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		.fc_nlinfo = { .nl_net = net },
	};

	return fib_table_insert(net, fib_get_table(net, RT_TABLE_MAIN), &cfg,
				NULL);
}

static int ref_delete(const struct ref_route *r)
{
	struct fib_config cfg = {
		.fc_dst = htonl(r->key),
		.fc_dst_len = r->plen,
		.fc_tos = r->tos,
		.fc_table = RT_TABLE_MAIN,
		.fc_type = r->type,
		.fc_scope = RT_SCOPE_NOWHERE,
		.fc_priority = r->prio,
		.fc_nlinfo = { .nl_net = net },
	};

	return fib_table_delete(net, fib_get_table(net, RT_TABLE_MAIN), &cfg,
				NULL);
}

/* Linux's order of aliases in a leaf and of leaves in a dump */
static bool ref_before(const struct ref_route *a, const struct ref_route *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	if (a->plen != b->plen)
		return a->plen > b->plen;
	if (a->tos != b->tos)
		return a->tos > b->tos;
	return a->prio < b->prio;
}

/* The route a lookup of @addr with @tos must give: a linear scan. */
static const struct ref_route *ref_lookup(u32 addr, u8 tos)
{
	const struct ref_route *best = NULL;
	int i;

	for (i = 0; i < NR_REF; i++) {
		const struct ref_route *r = &refs[i];

		if (!r->live || (addr & mask_of(r->plen)) != r->key)
			continue;
		if (r->tos && r->tos != tos)
			continue;
		if (!best || r->plen > best->plen ||
		    (r->plen == best->plen && ref_before(r, best)))
			best = r;
	}
	return best;
}

static void check_lookup(u32 addr, u8 tos)
{
	struct flowi4 fl4 = { .daddr = htonl(addr), .flowi4_tos = tos };
	const struct ref_route *want = ref_lookup(addr, tos);
	struct fib_result res;
	int err;

	err = fib_table_lookup(fib_get_table(net, RT_TABLE_MAIN), &fl4, &res,
			       0);
	if (!want) {
		KT_EQ(err, -EAGAIN);
		return;
	}
	if (want->type == RTN_UNREACHABLE) {
		KT_EQ(err, -EHOSTUNREACH);
		return;
	}
	KT_EQ(err, 0);
	KT_EQ(res.fi->fib_priority, want->prio);
	KT_EQ(res.prefixlen, want->plen);
	KT_EQ(ntohl(res.prefix), want->key);
}

struct walk_state {
	const struct ref_route *prev;
	int n;
};

static int walk_one(struct fib_alias *fa, void *arg)
{
	struct walk_state *w = arg;
	const struct ref_route *r = NULL;
	int i;

	for (i = 0; i < NR_REF; i++)
		if (refs[i].live && refs[i].prio == fa->fa_info->fib_priority)
			r = &refs[i];
	KT_ASSERT(r);
	KT_EQ(fa->fa_slen, 32 - r->plen);
	KT_EQ(fa->fa_tos, r->tos);
	if (w->prev)
		KT_ASSERT(ref_before(w->prev, r));
	w->prev = r;
	w->n++;
	return 0;
}

static void check_all(void)
{
	struct walk_state w = { 0 };
	int i, live = 0;

	for (i = 0; i < NR_REF; i++) {
		const struct ref_route *r = &refs[i];

		if (!r->live)
			continue;
		live++;
		/* the prefix itself, its last address, and neighbours */
		check_lookup(r->key, 0);
		check_lookup(r->key, r->tos);
		check_lookup(r->key | ~mask_of(r->plen), r->tos);
		check_lookup(r->key - 1, 0);
		check_lookup((r->key | ~mask_of(r->plen)) + 1, 0x10);
	}
	for (i = 0; i < 2000; i++)
		check_lookup(rnd(), (rnd() & 1) ? 0x10 : 0);
	fib_table_for_each_alias(fib_get_table(net, RT_TABLE_MAIN), walk_one,
				 &w);
	KT_EQ(w.n, live);
}

/* A random prefix, clustered under a few /8s so that prefixes overlap. */
static void random_route(struct ref_route *r, u32 prio)
{
	static const u8 tos_values[] = { 0, 0, 0, 0x10, 0x08 };
	u32 base = (u32)(rnd() % 6 + 10) << 24;

	switch (rnd() % 8) {
	case 0:
		r->plen = 0;
		break;
	case 1:
		r->plen = 32;
		break;
	default:
		r->plen = (u8)(8 + rnd() % 25);
	}
	r->key = (r->plen ? base | (rnd() & 0x00ffffff) : 0) & mask_of(r->plen);
	r->tos = tos_values[rnd() % ARRAY_SIZE(tos_values)];
	r->type = (rnd() % 10) ? RTN_UNICAST : RTN_UNREACHABLE;
	r->prio = prio;
}

static void test_random_against_reference(void)
{
	int round, i;

	fh_setup();
	rdev = fh_dev("dum0", true);
	for (round = 0; round < 6; round++) {
		/* insert a batch (priorities unique, so no EEXIST) */
		for (i = 0; i < NR_REF; i++) {
			struct ref_route *r = &refs[i];

			if (r->live || rnd() % 3)
				continue;
			random_route(r, (u32)(round * NR_REF + i + 1));
			KT_EQ(ref_insert(r), 0);
			r->live = true;
		}
		check_all();
		/* delete a random part; a second delete finds nothing */
		for (i = 0; i < NR_REF; i++) {
			struct ref_route *r = &refs[i];

			if (!r->live || rnd() % 2)
				continue;
			KT_EQ(ref_delete(r), 0);
			KT_EQ(ref_delete(r), -ESRCH);
			r->live = false;
		}
		check_all();
	}
	/* the same (prefix, tos, priority) again: EEXIST */
	for (i = 0; i < NR_REF; i++)
		if (refs[i].live) {
			KT_EQ(ref_insert(&refs[i]), -EEXIST);
			break;
		}
	/* delete everything: the table is empty again */
	for (i = 0; i < NR_REF; i++)
		if (refs[i].live) {
			KT_EQ(ref_delete(&refs[i]), 0);
			refs[i].live = false;
		}
	check_all();
	fh_teardown();
}

static void test_default_and_host_routes(void)
{
	struct ref_route def = { .key = 0,
				 .plen = 0,
				 .type = RTN_UNICAST,
				 .prio = 1,
				 .live = true };
	struct ref_route host = { .key = 0xffffffff,
				  .plen = 32,
				  .type = RTN_UNICAST,
				  .prio = 2,
				  .live = true };
	struct ref_route zero = { .key = 0,
				  .plen = 32,
				  .type = RTN_UNREACHABLE,
				  .prio = 3,
				  .live = true };

	fh_setup();
	rdev = fh_dev("dum0", true);
	memset(refs, 0, sizeof(refs));
	refs[0] = def;
	KT_EQ(ref_insert(&def), 0);
	check_all();
	refs[1] = host;
	refs[2] = zero;
	KT_EQ(ref_insert(&host), 0);
	KT_EQ(ref_insert(&zero), 0);
	check_all();
	/* 0.0.0.0/32 and 0.0.0.0/0 share a leaf; the /0 survives the /32 */
	KT_EQ(ref_delete(&zero), 0);
	refs[2].live = false;
	check_all();
	KT_EQ(ref_delete(&def), 0);
	refs[0].live = false;
	check_all();
	KT_EQ(ref_delete(&host), 0);
	refs[1].live = false;
	check_all();
	fh_teardown();
}

/* The value after @field in /proc/net/fib_triestat's first table. */
static unsigned int triestat_field(const char *buf, const char *field)
{
	const char *p = strstr(buf, field);

	KT_ASSERT(p);
	return (unsigned int)strtoul(p + strlen(field), NULL, 10);
}

static void test_depth_at_100k(void)
{
	static char buf[4096];
	unsigned int i, n = 100000;

	fh_setup();
	rdev = fh_dev("dum0", true);
	for (i = 0; i < n; i++) {
		struct ref_route r = { .plen = (u8)(16 + rnd() % 17),
				       .type = RTN_UNICAST,
				       .prio = i };

		r.key = rnd() & mask_of(r.plen);
		if (ref_insert(&r) == 0)
			continue;
		i--; /* the same prefix twice: draw again */
	}
	fh_read("/proc/net/fib_triestat", buf, sizeof(buf));
	KT_EQ(triestat_field(buf, "Prefixes:"), n);
	/* a binary trie would be ~17 deep; level compression keeps it low */
	KT_ASSERT(triestat_field(buf, "Max depth:") <= 8);
	fh_teardown();
}

/*
 * What Linux 6.18 prints for: lo up, ip route add 127.1.0.0/16 dev lo,
 * ip route add local 10.9.0.0/16 dev lo table main, and three routes in
 * table 100 (one with tos 0x10).  The local table shares main's trie, so
 * both print the same tree.
 */
static const char linux_fib_trie[] = "Id 100:\n"
				     "  +-- 1.2.0.0/21 2 0 2\n"
				     "     |-- 1.2.3.0\n"
				     "        /24 universe UNREACHABLE tos=16\n"
				     "        /24 universe UNREACHABLE\n"
				     "     |-- 1.2.4.0\n"
				     "        /24 universe UNREACHABLE\n";
static const char linux_main_trie[] = "  +-- 0.0.0.0/1 2 0 2\n"
				      "     |-- 10.9.0.0\n"
				      "        /16 host LOCAL\n"
				      "     +-- 127.0.0.0/8 2 0 2\n"
				      "        +-- 127.0.0.0/15 2 0 2\n"
				      "           +-- 127.0.0.0/31 1 0 0\n"
				      "              |-- 127.0.0.0\n"
				      "                 /8 host LOCAL\n"
				      "              |-- 127.0.0.1\n"
				      "                 /32 host LOCAL\n"
				      "           |-- 127.1.0.0\n"
				      "              /16 link UNICAST\n"
				      "        |-- 127.255.255.255\n"
				      "           /32 link BROADCAST\n";

static int fh_route_table(u32 table, const char *dst, int plen, u8 type, u8 tos,
			  struct net_device *dev)
{
	struct fib_config cfg = {
		.fc_dst = A(dst),
		.fc_dst_len = (u8)plen,
		.fc_tos = tos,
		.fc_table = table,
		.fc_protocol = RTPROT_BOOT,
		.fc_type = type,
		.fc_scope = type == RTN_LOCAL ? RT_SCOPE_HOST
			    : dev	      ? RT_SCOPE_LINK
					      : RT_SCOPE_UNIVERSE,
		.fc_oif = dev ? dev->ifindex : 0,
		.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		.fc_nlinfo = { .nl_net = net },
	};

	return fib_table_insert(net, fib_new_table(net, table), &cfg, NULL);
}

static void test_proc_fib_trie(void)
{
	static char buf[8192], want[8192];

	fh_setup();
	KT_EQ(dev_change_flags(net->loopback_dev,
			       net->loopback_dev->flags | IFF_UP),
	      0);
	KT_EQ(fh_route_table(RT_TABLE_MAIN, "127.1.0.0", 16, RTN_UNICAST, 0,
			     net->loopback_dev),
	      0);
	KT_EQ(fh_route_table(RT_TABLE_MAIN, "10.9.0.0", 16, RTN_LOCAL, 0,
			     net->loopback_dev),
	      0);
	KT_EQ(fh_route_table(100, "1.2.3.0", 24, RTN_UNREACHABLE, 0, NULL), 0);
	KT_EQ(fh_route_table(100, "1.2.4.0", 24, RTN_UNREACHABLE, 0, NULL), 0);
	KT_EQ(fh_route_table(100, "1.2.3.0", 24, RTN_UNREACHABLE, 0x10, NULL),
	      0);
	fh_read("/proc/net/fib_trie", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%sMain:\n%sLocal:\n%s", linux_fib_trie,
		 linux_main_trie, linux_main_trie);
	KT_STREQ(buf, want);

	fh_read("/proc/net/fib_triestat", buf, sizeof(buf));
	KT_STREQ(buf, "Basic info: size of leaf: 48 bytes, size of tnode: 40 "
		      "bytes.\n"
		      "Id 100:\n"
		      "\tAver depth:     1.00\n"
		      "\tMax depth:      1\n"
		      "\tLeaves:         2\n"
		      "\tPrefixes:       3\n"
		      "\tInternal nodes: 1\n"
		      "\t  2: 1\n"
		      "\tPointers: 4\n"
		      "Null ptrs: 2\n"
		      "Total size: 1  kB\n"
		      "Main:\n"
		      "\tAver depth:     2.80\n"
		      "\tMax depth:      4\n"
		      "\tLeaves:         5\n"
		      "\tPrefixes:       5\n"
		      "\tInternal nodes: 4\n"
		      "\t  1: 1  2: 3\n"
		      "\tPointers: 14\n"
		      "Null ptrs: 6\n"
		      "Total size: 1  kB\n"
		      "Local:\n"
		      "\tAver depth:     2.80\n"
		      "\tMax depth:      4\n"
		      "\tLeaves:         5\n"
		      "\tPrefixes:       5\n"
		      "\tInternal nodes: 4\n"
		      "\t  1: 1  2: 3\n"
		      "\tPointers: 14\n"
		      "Null ptrs: 6\n"
		      "Total size: 1  kB\n");
	fh_teardown();
}

/* ip route get @dst: the gateway (or 0) and device; the route is put */
static struct net_device *route_via(const char *dst, __be32 *gw)
{
	struct flowi4 fl4 = { .daddr = A(dst) };
	struct rtable *rt = ip_route_output_key(net, &fl4);
	struct net_device *dev;

	KT_ASSERT(!IS_ERR(rt));
	dev = rt->dst.dev;
	*gw = rt->rt_gw_family == AF_INET ? rt->rt_gw4 : 0;
	ip_rt_put(rt);
	return dev;
}

/*
 * Routes with equal data share one fib_info (and so its next hop's cached
 * route); inserts and deletes still change what the next lookup gets,
 * because each bumps rt_genid and the cached routes are checked against it.
 */
static void test_shared_info_and_cache(void)
{
	struct net_device *d0, *d1;
	struct fib_result r1, r2;
	__be32 gw;

	fh_setup();
	d0 = fh_dev("dum0", true);
	d1 = fh_dev("dum1", true);
	fh_addr("dum0", "10.0.1.2", 24);
	fh_addr("dum1", "10.0.2.2", 24);
	KT_EQ(fh_route("0.0.0.0", 0, "10.0.1.1", NULL, 0, RTN_UNICAST, NULL),
	      0);
	KT_EQ(fh_route("192.0.2.0", 24, "10.0.1.1", NULL, 0, RTN_UNICAST, NULL),
	      0);
	KT_EQ(fh_route("198.51.100.0", 24, "10.0.1.1", NULL, 0, RTN_UNICAST,
		       NULL),
	      0);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "192.0.2.1", &r1), RTN_UNICAST);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "198.51.100.1", &r2), RTN_UNICAST);
	KT_ASSERT(r1.fi == r2.fi); /* and the default route's */
	KT_EQ(r1.fi->fib_treeref, 3);

	/* cached through the shared next hop */
	KT_ASSERT(route_via("192.0.2.1", &gw) == d0);
	KT_EQ(gw, A("10.0.1.1"));
	KT_ASSERT(route_via("198.51.100.1", &gw) == d0);
	/* a longer prefix elsewhere: the cached route is not used */
	KT_EQ(fh_route("192.0.2.0", 25, "10.0.2.1", NULL, 0, RTN_UNICAST, NULL),
	      0);
	KT_ASSERT(route_via("192.0.2.1", &gw) == d1);
	KT_EQ(gw, A("10.0.2.1"));
	/* deleting one sharer leaves the other whole */
	KT_EQ(fh_route_del("198.51.100.0", 24), 0);
	KT_EQ(fh_lookup_table(RT_TABLE_MAIN, "192.0.2.200", &r1), RTN_UNICAST);
	KT_EQ(r1.fi->fib_treeref, 2);
	KT_EQ(r1.prefixlen, 24);
	KT_ASSERT(route_via("198.51.100.1", &gw) == d0); /* the default */
	KT_EQ(fh_route_del("192.0.2.0", 25), 0);
	KT_ASSERT(route_via("192.0.2.1", &gw) == d0);
	KT_EQ(gw, A("10.0.1.1"));
	fh_teardown();
}

KTEST_MAIN(KT(test_random_against_reference), KT(test_shared_info_and_cache),
	   KT(test_default_and_host_routes), KT(test_depth_at_100k),
	   KT(test_proc_fib_trie))
