// SPDX-License-Identifier: BSD-2-Clause
/*
 * The FIB table structure: a path- and level-compressed trie (LC-trie) as
 * Linux's net/ipv4/fib_trie.c, with the same shape for the same history of
 * inserts and deletes (/proc/net/fib_trie prints it).
 *
 *  - A key_vector is either a leaf (bits == 0: one key, and the aliases of
 *    every prefix length that ends at it, shortest suffix first) or an
 *    internal node (tnode) that consumes key bits [pos, pos + bits) and
 *    has 1 << bits children; the bits above pos + bits are shared by
 *    everything below it (path compression), and a node may consume many
 *    bits at once (level compression).
 *  - After each change the nodes on the path are resized as Linux does:
 *    inflated (one more bit) while enough children are used, halved while
 *    too few are, collapsed when one child is left, with the root kept
 *    larger (thresholds 50/25 and 30/15 per cent).
 *  - Each node keeps slen, the longest suffix (32 - prefix length) of any
 *    alias below it, so a lookup that fails at a leaf backtracks only into
 *    nodes that may hold a shorter matching prefix.
 *  - The pseudo node t->kv (pos 32, one child) is the root's parent, so the
 *    walks need no special case at the top.
 *
 * Within a leaf the aliases are ordered as Linux orders them: suffix length
 * ascending (longer prefix first), table id descending, tos descending,
 * priority (metric) ascending, then insertion.  Dumps walk the leaves in
 * key order, which is the order `ip route` prints.
 *
 * Nothing is freed behind readers' backs because every reader holds the
 * stack lock, so nodes are freed at once rather than after RCU.
 */
#include <linux/route.h>

#include <net/inetdevice.h>
#include <net/ip_fib.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

typedef u32 t_key;

#define KEYLENGTH	       32
#define KEY_MAX		       0xffffffffUL
#define MAX_WORK	       10
#define INFLATE_THRESHOLD      50
#define HALVE_THRESHOLD	       25
#define INFLATE_THRESHOLD_ROOT 30
#define HALVE_THRESHOLD_ROOT   15

struct key_vector {
	struct key_vector *parent;
	t_key key;
	unsigned char pos; /* first key bit this node consumes */
	unsigned char bits; /* 0: a leaf */
	unsigned char slen; /* longest suffix below */
	unsigned long empty_children; /* tnode: NULL slots */
	unsigned long full_children; /* tnode: children with no skipped bits */
	struct list_head leaf; /* leaf: struct fib_alias */
	struct key_vector *tnode[]; /* tnode: 1 << bits children */
};

struct trie {
	struct key_vector *kv; /* the pseudo node above the root */
	int refs; /* tables using this trie (main and local) */
};

#define IS_TRIE(n) ((n)->pos >= KEYLENGTH)

/* zeroed array of @n elements of @size; NULL on overflow or no memory */
static void *fib_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return kzalloc(n * size, GFP_KERNEL);
}

/* the index of the highest set bit of @x (non-zero) */
static inline int __fls(u32 x)
{
	return 31 - __builtin_clz(x);
}
#define IS_TNODE(n) ((n)->bits)
#define IS_LEAF(n)  (!(n)->bits)

static inline unsigned long child_length(const struct key_vector *tn)
{
	return (1UL << tn->bits) & ~1UL;
}

/* The index of @key's child in @kv; >= child_length if @key is not below */
static inline unsigned long get_index(t_key key, const struct key_vector *kv)
{
	unsigned long index = key ^ kv->key;

	if (kv->pos >= KEYLENGTH)
		return 0;
	return index >> kv->pos;
}

static inline struct key_vector *get_child(const struct key_vector *tn,
					   unsigned long i)
{
	return tn->tnode[i];
}

static inline struct key_vector *node_parent(const struct key_vector *n)
{
	return n->parent;
}

static struct key_vector *tnode_new(t_key key, int pos, int bits)
{
	unsigned int shift = (unsigned int)(pos + bits);
	struct key_vector *tn;

	tn = kzalloc(sizeof(*tn) + (sizeof(struct key_vector *) << bits),
		     GFP_KERNEL);
	if (!tn)
		return NULL;
	if (bits == KEYLENGTH)
		tn->full_children = 1;
	else
		tn->empty_children = 1UL << bits;
	tn->key = shift < KEYLENGTH ? (key >> shift) << shift : 0;
	tn->pos = (unsigned char)pos;
	tn->bits = (unsigned char)bits;
	tn->slen = (unsigned char)pos;
	INIT_LIST_HEAD(&tn->leaf);
	return tn;
}

static struct key_vector *leaf_new(t_key key, struct fib_alias *fa)
{
	struct key_vector *l = kzalloc(sizeof(*l), GFP_KERNEL);

	if (!l)
		return NULL;
	l->key = key;
	l->slen = fa->fa_slen;
	INIT_LIST_HEAD(&l->leaf);
	list_add(&fa->fa_list, &l->leaf);
	return l;
}

static void node_free(struct key_vector *n)
{
	kfree(n);
}

/* A child that consumes the bits right below @tn's: it may be merged in. */
static inline bool tnode_full(const struct key_vector *tn,
			      const struct key_vector *n)
{
	return n && (n->pos + n->bits == tn->pos) && IS_TNODE(n);
}

/* Set @tn's child @i, keeping the empty/full counts and the suffix. */
static void put_child(struct key_vector *tn, unsigned long i,
		      struct key_vector *n)
{
	struct key_vector *chi = get_child(tn, i);
	int isfull, wasfull;

	if (!n && chi)
		tn->empty_children++;
	else if (n && !chi)
		tn->empty_children--;
	wasfull = tnode_full(tn, chi);
	isfull = tnode_full(tn, n);
	if (wasfull && !isfull)
		tn->full_children--;
	else if (!wasfull && isfull)
		tn->full_children++;
	if (n && tn->slen < n->slen)
		tn->slen = n->slen;
	tn->tnode[i] = n;
}

static void put_child_root(struct key_vector *tp, t_key key,
			   struct key_vector *n)
{
	if (IS_TRIE(tp))
		tp->tnode[0] = n;
	else
		put_child(tp, get_index(key, tp), n);
}

static void node_set_parent(struct key_vector *n, struct key_vector *tp)
{
	if (n)
		n->parent = tp;
}

static void update_children(struct key_vector *tn)
{
	unsigned long i;

	for (i = child_length(tn); i;) {
		struct key_vector *inode = get_child(tn, --i);

		if (!inode)
			continue;
		/* new nodes made by inflate/halve point here already */
		if (node_parent(inode) == tn)
			update_children(inode);
		else
			node_set_parent(inode, tn);
	}
}

static struct key_vector *resize(struct trie *t, struct key_vector *tn);

static struct key_vector *replace(struct trie *t, struct key_vector *oldtnode,
				  struct key_vector *tn)
{
	struct key_vector *tp = node_parent(oldtnode);
	unsigned long i;

	tn->parent = tp;
	put_child_root(tp, tn->key, tn);
	update_children(tn);
	node_free(oldtnode);

	/* resize children now that oldtnode is gone */
	for (i = child_length(tn); i;) {
		struct key_vector *inode = get_child(tn, --i);

		if (tnode_full(tn, inode))
			tn = resize(t, inode);
	}
	return tp;
}

/* inflate - double @oldtnode: one more bit, full children split in two */
static struct key_vector *inflate(struct trie *t, struct key_vector *oldtnode)
{
	struct key_vector *tn, **spare;
	unsigned long i, nspare = 0, used = 0;
	t_key m;

	/* allocate everything first: no half-built state on failure */
	for (i = 0; i < child_length(oldtnode); i++) {
		struct key_vector *inode = get_child(oldtnode, i);

		if (tnode_full(oldtnode, inode) && inode->bits > 1)
			nspare += 2;
	}
	spare = nspare ? fib_calloc(nspare, sizeof(struct key_vector *)) : NULL;
	if (nspare && !spare)
		return NULL;
	tn = tnode_new(oldtnode->key, oldtnode->pos - 1, oldtnode->bits + 1);
	if (!tn)
		goto nomem;
	for (i = child_length(oldtnode), m = 1U << tn->pos; i;) {
		struct key_vector *inode = get_child(oldtnode, --i);

		if (!tnode_full(oldtnode, inode) || inode->bits == 1)
			continue;
		BUG_ON(used + 2 > nspare); /* as counted above */
		spare[used] =
			tnode_new(inode->key | m, inode->pos, inode->bits - 1);
		if (!spare[used++])
			goto nomem;
		spare[used] =
			tnode_new(inode->key, inode->pos, inode->bits - 1);
		if (!spare[used++])
			goto nomem;
	}

	used = 0;
	for (i = child_length(oldtnode); i;) {
		struct key_vector *inode = get_child(oldtnode, --i);
		struct key_vector *node0, *node1;
		unsigned long j, k;

		if (!inode)
			continue;
		/* a leaf or a node with skipped bits moves as it is */
		if (!tnode_full(oldtnode, inode)) {
			put_child(tn, get_index(inode->key, tn), inode);
			continue;
		}
		/* a full node of one bit: its two children move up */
		if (inode->bits == 1) {
			put_child(tn, 2 * i + 1, get_child(inode, 1));
			put_child(tn, 2 * i, get_child(inode, 0));
			node_free(inode);
			continue;
		}
		/*
		 * Otherwise split it into node0 and node1, each with half its
		 * children, differing in the bit tn now consumes.
		 */
		BUG_ON(used + 2 > nspare); /* as made above */
		node1 = spare[used++];
		node0 = spare[used++];
		for (k = child_length(inode), j = k / 2; j;) {
			put_child(node1, --j, get_child(inode, --k));
			put_child(node0, j, get_child(inode, j));
			put_child(node1, --j, get_child(inode, --k));
			put_child(node0, j, get_child(inode, j));
		}
		node1->parent = tn;
		node0->parent = tn;
		put_child(tn, 2 * i + 1, node1);
		put_child(tn, 2 * i, node0);
		node_free(inode);
	}
	kfree(spare);
	return replace(t, oldtnode, tn);

nomem:
	for (i = 0; i < used; i++)
		node_free(spare[i]);
	kfree(spare);
	node_free(tn);
	return NULL;
}

/* halve - one bit fewer: pairs of non-empty children get a node of one bit */
static struct key_vector *halve(struct trie *t, struct key_vector *oldtnode)
{
	struct key_vector *tn, **spare;
	unsigned long i, nspare = 0, used = 0;

	for (i = 0; i < child_length(oldtnode); i += 2)
		if (get_child(oldtnode, i) && get_child(oldtnode, i + 1))
			nspare++;
	spare = nspare ? fib_calloc(nspare, sizeof(struct key_vector *)) : NULL;
	if (nspare && !spare)
		return NULL;
	tn = tnode_new(oldtnode->key, oldtnode->pos + 1, oldtnode->bits - 1);
	if (!tn)
		goto nomem;

	for (i = child_length(oldtnode); i;) {
		struct key_vector *node1 = get_child(oldtnode, --i);
		struct key_vector *node0 = get_child(oldtnode, --i);
		struct key_vector *inode;

		if (!node1 || !node0) {
			put_child(tn, i / 2, node1 ? node1 : node0);
			continue;
		}
		BUG_ON(used >= nspare); /* as counted above */
		inode = tnode_new(node0->key, oldtnode->pos, 1);
		if (!inode)
			goto nomem;
		spare[used++] = inode;
		put_child(inode, 1, node1);
		put_child(inode, 0, node0);
		inode->parent = tn;
		put_child(tn, i / 2, inode);
	}
	kfree(spare);
	return replace(t, oldtnode, tn);

nomem:
	for (i = 0; i < used; i++)
		node_free(spare[i]);
	kfree(spare);
	node_free(tn);
	return NULL;
}

/* collapse - a node with one child (or none) is replaced by that child */
static struct key_vector *collapse(struct trie *t, struct key_vector *oldtnode)
{
	struct key_vector *n, *tp;
	unsigned long i;

	(void)t;
	for (n = NULL, i = child_length(oldtnode); !n && i;)
		n = get_child(oldtnode, --i);
	tp = node_parent(oldtnode);
	put_child_root(tp, oldtnode->key, n);
	node_set_parent(n, tp);
	node_free(oldtnode);
	return tp;
}

static unsigned char update_suffix(struct key_vector *tn)
{
	unsigned char slen = tn->pos;
	unsigned long stride, i;
	unsigned char slen_max;

	/*
	 * Only child 0 can have a suffix reaching pos + bits; the others at
	 * most pos + bits - 1.  Children with a suffix of pos are skipped by
	 * starting with a stride of 2.
	 */
	slen_max = (unsigned char)min_t(int, tn->pos + tn->bits - 1, tn->slen);
	for (i = 0, stride = 0x2UL; i < child_length(tn); i += stride) {
		struct key_vector *n = get_child(tn, i);

		if (!n || n->slen <= slen)
			continue;
		stride <<= (n->slen - slen);
		slen = n->slen;
		i &= ~(stride - 1);
		if (slen >= slen_max)
			break;
	}
	tn->slen = slen;
	return slen;
}

/* Thresholds as Linux: used children (full ones count twice) vs size. */
static bool should_inflate(const struct key_vector *tp,
			   const struct key_vector *tn)
{
	unsigned long used = child_length(tn);
	unsigned long threshold = used;

	threshold *= IS_TRIE(tp) ? INFLATE_THRESHOLD_ROOT : INFLATE_THRESHOLD;
	used -= tn->empty_children;
	used += tn->full_children;
	return (used > 1) && tn->pos && ((50 * used) >= threshold);
}

static bool should_halve(const struct key_vector *tp,
			 const struct key_vector *tn)
{
	unsigned long used = child_length(tn);
	unsigned long threshold = used;

	threshold *= IS_TRIE(tp) ? HALVE_THRESHOLD_ROOT : HALVE_THRESHOLD;
	used -= tn->empty_children;
	return (used > 1) && (tn->bits > 1) && ((100 * used) < threshold);
}

static bool should_collapse(const struct key_vector *tn)
{
	unsigned long used = child_length(tn);

	used -= tn->empty_children;
	if ((tn->bits == KEYLENGTH) && tn->full_children)
		used -= KEY_MAX;
	return used < 2;
}

/* resize - rebalance @tn; returns its (possibly new) parent */
static struct key_vector *resize(struct trie *t, struct key_vector *tn)
{
	struct key_vector *tp = node_parent(tn);
	unsigned long cindex = get_index(tn->key, tp);
	int max_work = MAX_WORK;

	BUG_ON(tn == t->kv); /* the root stays: fib_free_table frees it */

	while (should_inflate(tp, tn) && max_work) {
		tp = inflate(t, tn);
		if (!tp)
			break;
		max_work--;
		tn = get_child(tp, cindex);
	}
	/* the parent again, in case inflate failed */
	tp = node_parent(tn);
	if (max_work != MAX_WORK)
		return tp;

	while (should_halve(tp, tn) && max_work) {
		tp = halve(t, tn);
		if (!tp)
			break;
		max_work--;
		tn = get_child(tp, cindex);
	}
	if (should_collapse(tn))
		return collapse(t, tn);
	return node_parent(tn);
}

static void node_pull_suffix(struct key_vector *tn, unsigned char slen)
{
	unsigned char node_slen = tn->slen;

	while ((node_slen > tn->pos) && (node_slen > slen)) {
		slen = update_suffix(tn);
		if (node_slen == slen)
			break;
		tn = node_parent(tn);
		node_slen = tn->slen;
	}
}

static void node_push_suffix(struct key_vector *tn, unsigned char slen)
{
	while (tn->slen < slen) {
		tn->slen = slen;
		tn = node_parent(tn);
	}
}

static void trie_rebalance(struct trie *t, struct key_vector *tn)
{
	while (!IS_TRIE(tn))
		tn = resize(t, tn);
}

/* fib_find_node - the leaf with @key, and in *@tp its parent */
static struct key_vector *fib_find_node(struct trie *t, struct key_vector **tp,
					t_key key)
{
	struct key_vector *pn, *n = t->kv;
	unsigned long index = 0;

	do {
		pn = n;
		n = get_child(n, index);
		if (!n)
			break;
		index = get_index(key, n);
		/*
		 * The index is the key's difference from the node's prefix
		 * shifted down: beyond the node's children means a skipped
		 * bit differs.
		 */
		if (index >= (1UL << n->bits)) {
			n = NULL;
			break;
		}
	} while (IS_TNODE(n));
	*tp = pn;
	return n;
}

/*
 * The first alias of the (slen, tb_id) section with @tos and priority >=
 * @prio, or the first with a smaller tos: where a new alias goes.  With
 * @find_first, the section's first alias.
 */
static struct fib_alias *fib_find_alias(struct list_head *fah, u8 slen, u8 tos,
					u32 prio, u32 tb_id, bool find_first)
{
	struct fib_alias *fa;

	if (!fah)
		return NULL;
	list_for_each_entry(fa, fah, fa_list) {
		if (fa->fa_slen < slen)
			continue;
		if (fa->fa_slen != slen)
			break;
		if (fa->tb_id > tb_id)
			continue;
		if (fa->tb_id != tb_id)
			break;
		if (find_first)
			return fa;
		if (fa->fa_tos > tos)
			continue;
		if (fa->fa_info->fib_priority >= prio || fa->fa_tos < tos)
			return fa;
	}
	return NULL;
}

/* Add a leaf for @new under @tp, with a one-bit node if a child is there. */
static int fib_insert_node(struct trie *t, struct key_vector *tp,
			   struct fib_alias *new, t_key key)
{
	struct key_vector *n, *l;

	l = leaf_new(key, new);
	if (!l)
		return -ENOMEM;
	n = get_child(tp, get_index(key, tp));
	if (n) {
		/*
		 * @n is a leaf or a node whose prefix differs from @key: a new
		 * node of one bit at the highest differing bit takes both.
		 */
		struct key_vector *tn;

		tn = tnode_new(key, __fls(key ^ n->key), 1);
		if (!tn) {
			list_del(&new->fa_list);
			node_free(l);
			return -ENOMEM;
		}
		tn->parent = tp;
		put_child(tn, get_index(key, tn) ^ 1, n);
		put_child_root(tp, key, tn);
		node_set_parent(n, tn);
		tp = tn;
	}
	node_push_suffix(tp, new->fa_slen);
	l->parent = tp;
	put_child_root(tp, key, l);
	trie_rebalance(t, tp);
	return 0;
}

static int fib_insert_alias(struct trie *t, struct key_vector *tp,
			    struct key_vector *l, struct fib_alias *new,
			    struct fib_alias *fa, t_key key)
{
	if (!l)
		return fib_insert_node(t, tp, new, key);
	if (fa) {
		list_add_tail(&new->fa_list, &fa->fa_list); /* before fa */
	} else {
		struct fib_alias *last;
		struct list_head *after = &l->leaf;

		/* the end of the new alias's (slen, tb_id) section */
		list_for_each_entry(last, &l->leaf, fa_list) {
			if (new->fa_slen < last->fa_slen)
				break;
			if (new->fa_slen ==
			    last->fa_slen &&new->tb_id > last->tb_id)
				break;
			after = &last->fa_list;
		}
		list_add(&new->fa_list, after);
	}
	if (l->slen < new->fa_slen) {
		l->slen = new->fa_slen;
		node_push_suffix(tp, new->fa_slen);
	}
	return 0;
}

static void fib_remove_alias(struct trie *t, struct key_vector *tp,
			     struct key_vector *l, struct fib_alias *old)
{
	bool was_last = old->fa_list.next == &l->leaf;

	list_del(&old->fa_list);
	if (list_empty(&l->leaf)) {
		/* the leaf goes; suffixes are sorted out while rebalancing */
		if (tp->slen == l->slen)
			node_pull_suffix(tp, tp->pos);
		put_child_root(tp, l->key, NULL);
		node_free(l);
		trie_rebalance(t, tp);
		return;
	}
	if (!was_last)
		return;
	/* the longest suffix left is the new last alias's */
	l->slen = list_last_entry(&l->leaf, struct fib_alias, fa_list)->fa_slen;
	node_pull_suffix(tp, l->slen);
}

/*
 * leaf_walk - the first leaf with a key >= @key, starting below *@tn (the
 * trie's pseudo node at first); *@tn is left at that leaf's parent
 */
static struct key_vector *leaf_walk(struct key_vector **tn, t_key key)
{
	struct key_vector *pn, *n = *tn;
	unsigned long cindex;

	/* descend towards @key */
	do {
		pn = n;
		cindex = (key > pn->key) ? get_index(key, pn) : 0;
		if (cindex >> pn->bits)
			break;
		n = get_child(pn, cindex++);
		if (!n)
			break;
		if (IS_LEAF(n) && (n->key >= key))
			goto found;
	} while (IS_TNODE(n));

	/* then on to the next leaf with a greater key */
	while (!IS_TRIE(pn)) {
		if (cindex >= (1UL << pn->bits)) {
			t_key pkey = pn->key;

			pn = node_parent(pn);
			cindex = get_index(pkey, pn) + 1;
			continue;
		}
		n = get_child(pn, cindex++);
		if (!n)
			continue;
		if (IS_LEAF(n))
			goto found;
		pn = n;
		cindex = 0;
	}
	*tn = pn;
	return NULL;
found:
	*tn = pn;
	return n;
}

/* An empty trie with one user. */
static struct trie *trie_alloc(void)
{
	struct trie *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (t)
		t->kv = kzalloc(sizeof(*t->kv) + sizeof(struct key_vector *),
				GFP_KERNEL);
	if (!t || !t->kv) {
		kfree(t);
		return NULL;
	}
	t->kv->pos = KEYLENGTH;
	t->kv->slen = KEYLENGTH;
	INIT_LIST_HEAD(&t->kv->leaf);
	t->refs = 1;
	return t;
}

enum { FLUSH_DEAD, FLUSH_ALL, FLUSH_EXTERNAL };
static int __fib_table_flush(struct fib_table *tb, int mode);

/**
 * fib_trie_table - allocate an empty table
 * @id: RT_TABLE_LOCAL, RT_TABLE_MAIN or any other table id
 * @alias: NULL, or a table whose trie this one shares (local uses main's)
 * Return: the table, or NULL (-ENOMEM).
 */
struct fib_table *fib_trie_table(u32 id, struct fib_table *alias)
{
	struct fib_table *tb = kzalloc(sizeof(*tb), GFP_KERNEL);
	struct trie *t;

	if (!tb)
		return NULL;
	tb->tb_id = id;
	INIT_LIST_HEAD(&tb->tb_list);
	if (alias) {
		tb->tb_data = alias->tb_data;
		tb->tb_data->refs++;
		return tb;
	}
	t = trie_alloc();
	if (!t) {
		kfree(tb);
		return NULL;
	}
	tb->tb_data = t;
	return tb;
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
	struct trie *t = tb->tb_data;
	const t_key key = ntohl(flp->daddr);
	struct key_vector *n, *pn;
	struct key_vector **cptr;
	struct fib_alias *fa;
	unsigned long index;
	t_key cindex;

	pn = t->kv;
	cindex = 0;
	n = get_child(pn, cindex);
	if (!n)
		return -EAGAIN;

	/* Step 1: down to the longest prefix match of the key's bits */
	for (;;) {
		index = get_index(key, n);
		/* beyond the children: a skipped bit differs */
		if (index >= (1UL << n->bits))
			break;
		if (IS_LEAF(n))
			goto found;
		/* remember where to come back to only if bits may be chopped */
		if (n->slen > n->pos) {
			pn = n;
			cindex = (t_key)index;
		}
		n = get_child(n, index);
		if (unlikely(!n))
			goto backtrace;
	}

	/* Step 2: backtrack, clearing low index bits for shorter prefixes */
	for (;;) {
		cptr = n->tnode;
		/*
		 * No prefix here can match if a differing bit lies at or
		 * above the lowest set bit of the node's key, or if nothing
		 * below has a suffix longer than the node's position.
		 */
		if (unlikely((key ^ n->key) & (n->key | -n->key)) ||
		    (n->slen == n->pos))
			goto backtrace;
		if (unlikely(IS_LEAF(n)))
			break;
		while ((n = *cptr) == NULL) {
backtrace:
			while (!cindex) {
				t_key pkey = pn->key;

				if (IS_TRIE(pn))
					return -EAGAIN;
				pn = node_parent(pn);
				cindex = (t_key)get_index(pkey, pn);
			}
			/* strip the lowest set bit of the index */
			cindex &= cindex - 1;
			cptr = &pn->tnode[cindex];
		}
	}

found:
	index = key ^ n->key;

	/* Step 3: the leaf's aliases, longest prefix first */
	list_for_each_entry(fa, &n->leaf, fa_list) {
		struct fib_info *fi = fa->fa_info;
		int err, nhsel;

		if (index >= (1UL << fa->fa_slen))
			continue;
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
			res->prefix = htonl(n->key);
			res->prefixlen =
				(unsigned char)(KEYLENGTH - fa->fa_slen);
			res->nh_sel = (unsigned char)nhsel;
			res->nh = nh;
			res->type = fa->fa_type;
			res->tos = fa->fa_tos;
			res->scope = fi->fib_scope;
			res->fi = fi;
			res->table = tb;
			return 0;
		}
	}
	goto backtrace;
}

static bool fib_prefix_valid(t_key key, u8 plen, struct netlink_ext_ack *extack)
{
	if (plen > KEYLENGTH) {
		NL_SET_ERR_MSG(extack, "Invalid prefix length");
		return false;
	}
	if (plen < KEYLENGTH && (key << plen)) {
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
	struct trie *t = tb->tb_data;
	struct key_vector *l, *tp;
	struct fib_info *fi;
	u8 plen = cfg->fc_dst_len;
	t_key key = ntohl(cfg->fc_dst);
	u8 slen = (u8)(KEYLENGTH - plen);
	u8 tos = cfg->fc_tos;
	int err;

	ASSERT_RTNL();
	if (!fib_prefix_valid(key, plen, extack))
		return -EINVAL;

	fi = fib_create_info(cfg, extack);
	if (IS_ERR(fi))
		return (int)PTR_ERR(fi);

	l = fib_find_node(t, &tp, key);
	fa = l ? fib_find_alias(&l->leaf, slen, tos, fi->fib_priority,
				tb->tb_id, false)
	       : NULL;

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
		for (it = fa_first; &it->fa_list != &l->leaf;
		     it = list_next_entry(it, fa_list)) {
			if (it->fa_slen != slen || it->tb_id != tb->tb_id ||
			    it->fa_tos != tos ||
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
			rtmsg_fib(RTM_NEWROUTE, htonl(key), fa, plen, tb->tb_id,
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
	new_fa->fa_slen = slen;
	new_fa->tb_id = tb->tb_id;
	if (fib_insert_alias(t, tp, l, new_fa, fa, key)) {
		kfree(new_fa);
		goto out;
	}
	if (!plen)
		tb->tb_num_default++;
	rt_cache_flush(net);
	rtmsg_fib(RTM_NEWROUTE, htonl(key), new_fa, plen, new_fa->tb_id,
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
	struct trie *t = tb->tb_data;
	struct key_vector *l, *tp;
	u8 plen = cfg->fc_dst_len;
	t_key key = ntohl(cfg->fc_dst);
	u8 slen = (u8)(KEYLENGTH - plen);
	u8 tos = cfg->fc_tos;

	ASSERT_RTNL();
	if (!fib_prefix_valid(key, plen, extack))
		return -EINVAL;
	l = fib_find_node(t, &tp, key);
	if (!l)
		return -ESRCH;
	fa = fib_find_alias(&l->leaf, slen, tos, 0, tb->tb_id, false);
	if (!fa)
		return -ESRCH;
	for (; &fa->fa_list != &l->leaf; fa = list_next_entry(fa, fa_list)) {
		struct fib_info *fi = fa->fa_info;

		if (fa->fa_slen != slen || fa->tb_id != tb->tb_id ||
		    fa->fa_tos != tos)
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

	rtmsg_fib(RTM_DELROUTE, htonl(key), fa_to_delete, plen, tb->tb_id,
		  &cfg->fc_nlinfo, 0);
	if (!plen)
		tb->tb_num_default--;
	fib_remove_alias(t, tp, l, fa_to_delete);
	fib_alias_free(fa_to_delete);
	rt_cache_flush(net);
	return 0;
}

/**
 * fib_table_flush - drop @tb's entries whose route data died (next hops on
 *	a device that went down or away), or every entry if @flush_all.
 *	The trie is walked backwards and each node resized once its
 *	children are done, as Linux.  No notifications are sent.
 * Return: the number of entries removed.
 */
int fib_table_flush(struct net *net, struct fib_table *tb, bool flush_all)
{
	(void)net;
	return __fib_table_flush(tb, flush_all ? FLUSH_ALL : FLUSH_DEAD);
}

/*
 * fib_table_flush_external - drop from @tb's trie the entries of the other
 * table that shared it (local's, once unmerged from main)
 */
void fib_table_flush_external(struct fib_table *tb)
{
	__fib_table_flush(tb, FLUSH_EXTERNAL);
}

/*
 * fib_trie_unmerge - give @tb (local) a trie of its own, holding copies of
 * its entries, when it shares another table's (main's).  The entries stay
 * in the shared trie too until fib_table_flush_external(main).
 * Return: 0 or -ENOMEM.
 */
int fib_trie_unmerge(struct fib_table *tb)
{
	struct trie *old = tb->tb_data, *t;
	struct key_vector *l, *tp = old->kv;
	t_key key = 0;

	if (old->refs == 1)
		return 0; /* already its own */
	t = trie_alloc();
	if (!t)
		return -ENOMEM;
	while ((l = leaf_walk(&tp, key)) != NULL) {
		struct fib_alias *fa;

		list_for_each_entry(fa, &l->leaf, fa_list) {
			struct key_vector *nl, *ntp;
			struct fib_alias *new_fa;

			if (fa->tb_id != tb->tb_id)
				continue;
			new_fa = kzalloc(sizeof(*new_fa), GFP_KERNEL);
			if (!new_fa)
				goto out_free;
			*new_fa = *fa;
			INIT_LIST_HEAD(&new_fa->fa_list);
			nl = fib_find_node(t, &ntp, l->key);
			if (fib_insert_alias(t, ntp, nl, new_fa, NULL,
					     l->key)) {
				kfree(new_fa);
				goto out_free;
			}
			fa->fa_info->fib_treeref++;
		}
		key = l->key + 1;
		if (key < l->key)
			break;
	}
	old->refs--;
	tb->tb_data = t;
	return 0;

out_free : {
	struct fib_table tmp = { .tb_id = tb->tb_id, .tb_data = t };

	__fib_table_flush(&tmp, FLUSH_ALL);
	kfree(t->kv);
	kfree(t);
}
	return -ENOMEM;
}

static int __fib_table_flush(struct fib_table *tb, int mode)
{
	struct trie *t = tb->tb_data;
	struct key_vector *pn = t->kv;
	unsigned long cindex = 1;
	int found = 0;

	for (;;) {
		unsigned char slen = 0;
		struct fib_alias *fa, *tmp;
		struct key_vector *n;

		if (!(cindex--)) {
			t_key pkey = pn->key;

			if (IS_TRIE(pn))
				break;
			if (pn->slen > pn->pos)
				update_suffix(pn);
			pn = resize(t, pn);
			cindex = get_index(pkey, pn);
			continue;
		}
		n = get_child(pn, cindex);
		if (!n)
			continue;
		if (IS_TNODE(n)) {
			pn = n;
			cindex = 1UL << n->bits;
			continue;
		}
		list_for_each_entry_safe(fa, tmp, &n->leaf, fa_list) {
			bool own = fa->tb_id == tb->tb_id;

			if (mode == FLUSH_EXTERNAL
				    ? own
				    : (!own || (mode == FLUSH_DEAD &&
						!(fa->fa_info->fib_flags &
						  RTNH_F_DEAD)))) {
				slen = fa->fa_slen;
				continue;
			}
			list_del(&fa->fa_list);
			if (own && fa->fa_slen == KEYLENGTH)
				tb->tb_num_default--;
			fib_alias_free(fa);
			found++;
		}
		n->slen = slen;
		if (list_empty(&n->leaf)) {
			put_child_root(pn, n->key, NULL);
			node_free(n);
		}
	}
	return found;
}

/* fib_free_table - release @tb's entries, and the trie with its last user */
void fib_free_table(struct fib_table *tb)
{
	struct trie *t = tb->tb_data;

	fib_table_flush(NULL, tb, true);
	if (!--t->refs) {
		/* the other table of a shared trie has flushed already */
		kfree(t->kv);
		kfree(t);
	}
	kfree(tb);
}

int fib_table_for_each_alias(struct fib_table *tb,
			     int (*fn)(struct fib_alias *fa, void *arg),
			     void *arg)
{
	struct key_vector *l, *tp = tb->tb_data->kv;
	t_key key = 0;
	int ret = 0;

	while ((l = leaf_walk(&tp, key)) != NULL) {
		struct fib_alias *fa, *tmp;

		list_for_each_entry_safe(fa, tmp, &l->leaf, fa_list)
			if (fa->tb_id == tb->tb_id)
				ret += fn(fa, arg);
		key = l->key + 1;
		if (key < l->key)
			break;
	}
	return ret;
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

/* One leaf's aliases of @tb, each with its exceptions; cb->args[3]
 * counts the messages already sent. */
static int fn_trie_dump_leaf(struct key_vector *l, struct fib_table *tb,
			     struct sk_buff *skb, struct netlink_callback *cb,
			     const struct fib_dump_filter *filter)
{
	long s_i = cb->args[3], i = 0;
	struct fib_alias *fa;
	int err;

	list_for_each_entry(fa, &l->leaf, fa_list) {
		struct fib_info *fi = fa->fa_info;
		unsigned int flags = NLM_F_MULTI;

		if (fa->tb_id != tb->tb_id)
			continue;
		if (filter->filter_set) {
			if ((filter->rt_type &&
			     fa->fa_type != filter->rt_type) ||
			    (filter->protocol &&
			     fi->fib_protocol != filter->protocol) ||
			    (filter->dev &&
			     !fib_info_nh_uses_dev(fi, filter->dev)))
				continue;
			flags |= NLM_F_DUMP_FILTERED;
		}
		if (filter->dump_routes) {
			if (i >= s_i) {
				err = fib_dump_info(
					skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, RTM_NEWROUTE,
					tb->tb_id, fa->fa_type, htonl(l->key),
					KEYLENGTH - fa->fa_slen, fa->fa_tos, fi,
					flags);
				if (err < 0) {
					cb->args[3] = i;
					return err;
				}
			}
			i++;
		}
		/* then its next hops' exceptions (ip route show cache) */
		if (filter->dump_exceptions && fi) {
			err = fib_dump_info_fnhe(skb, cb, tb->tb_id, fi, &i,
						 s_i, flags);
			if (err < 0) {
				cb->args[3] = i;
				return err;
			}
		}
	}
	cb->args[3] = i;
	return (int)skb->len;
}

int fib_table_dump(struct fib_table *tb, struct sk_buff *skb,
		   struct netlink_callback *cb,
		   const struct fib_dump_filter *filter)
{
	struct key_vector *l, *tp = tb->tb_data->kv;
	long count = cb->args[2];
	t_key key = (t_key)cb->args[1];
	int err;

	/* a count with key 0 means the key wrapped: done */
	if (count && !key)
		return (int)skb->len;
	while ((l = leaf_walk(&tp, key)) != NULL) {
		err = fn_trie_dump_leaf(l, tb, skb, cb, filter);
		if (err < 0) {
			cb->args[1] = key;
			cb->args[2] = count;
			return err;
		}
		++count;
		key = l->key + 1;
		cb->args[3] = 0;
		if (key < l->key)
			break;
	}
	cb->args[1] = key;
	cb->args[2] = count;
	return (int)skb->len;
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
	struct key_vector *l, *tp;
	t_key key = 0;
	char line[160];

	(void)v;
	seq_printf(seq, "%-127s\n",
		   "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\t"
		   "Metric\tMask\t\tMTU\tWindow\tIRTT");
	if (!tb)
		return 0;
	tp = tb->tb_data->kv;
	while ((l = leaf_walk(&tp, key)) != NULL) {
		struct fib_alias *fa;

		list_for_each_entry(fa, &l->leaf, fa_list) {
			__be32 mask = inet_make_mask(KEYLENGTH - fa->fa_slen);
			struct fib_info *fi = fa->fa_info;
			const struct fib_nh *nh = &fi->fib_nh[0];
			unsigned int flags;

			if (fa->fa_type == RTN_BROADCAST ||
			    fa->fa_type == RTN_MULTICAST)
				continue;
			if (fa->tb_id != tb->tb_id)
				continue;
			flags = fib_flag_trans(fa->fa_type, mask, fi);
			(void)snprintf(
				line, sizeof(line),
				"%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
				nh->fib_nh_dev ? nh->fib_nh_dev->name : "*",
				htonl(l->key), nh->fib_nh_gw4, flags, 0, 0U,
				(int)fi->fib_priority, mask,
				fi->fib_metrics[RTAX_ADVMSS]
					? (int)fi->fib_metrics[RTAX_ADVMSS] + 40
					: 0,
				fi->fib_metrics[RTAX_WINDOW],
				fi->fib_metrics[RTAX_RTT] >> 3);
			seq_printf(seq, "%-127s\n", line);
		}
		key = l->key + 1;
		if (key < l->key)
			break;
	}
	return 0;
}

/* ---- /proc/net/fib_trie and /proc/net/fib_triestat ---- */

/*
 * Pre-order walk of a trie: each node with its depth (the root is at 0),
 * children in index order, as Linux's fib_trie iterator.
 */
static void fib_trie_walk(struct trie *t,
			  void (*fn)(struct key_vector *n, unsigned int depth,
				     void *arg),
			  void *arg)
{
	struct key_vector *n = get_child(t->kv, 0);
	unsigned long cindex = 0;
	unsigned int depth = 0;
	struct key_vector *pn;

	if (!n)
		return;
	fn(n, 0, arg);
	if (IS_LEAF(n))
		return;
	pn = n;
	depth = 1;
	for (;;) {
		while (cindex < child_length(pn)) {
			n = get_child(pn, cindex++);
			if (!n)
				continue;
			fn(n, depth, arg);
			if (IS_TNODE(n)) {
				pn = n;
				cindex = 0;
				depth++;
			}
		}
		/* climb to the parent, past the child just finished */
		if (IS_TRIE(node_parent(pn)))
			return;
		cindex = get_index(pn->key, node_parent(pn)) + 1;
		pn = node_parent(pn);
		depth--;
	}
}

static void seq_indent(struct seq_file *seq, unsigned int n)
{
	while (n--)
		seq_puts(seq, "   ");
}

static const char *const rtn_type_names[] = {
	[RTN_UNSPEC] = "UNSPEC",
	[RTN_UNICAST] = "UNICAST",
	[RTN_LOCAL] = "LOCAL",
	[RTN_BROADCAST] = "BROADCAST",
	[RTN_ANYCAST] = "ANYCAST",
	[RTN_MULTICAST] = "MULTICAST",
	[RTN_BLACKHOLE] = "BLACKHOLE",
	[RTN_UNREACHABLE] = "UNREACHABLE",
	[RTN_PROHIBIT] = "PROHIBIT",
	[RTN_THROW] = "THROW",
	[RTN_NAT] = "NAT",
	[RTN_XRESOLVE] = "XRESOLVE",
};

static void fib_trie_show_node(struct key_vector *n, unsigned int depth,
			       void *arg)
{
	struct seq_file *seq = arg;
	struct fib_alias *fa;
	t_key k = n->key;

	seq_indent(seq, depth);
	if (IS_TNODE(n)) {
		seq_printf(seq, "  +-- %u.%u.%u.%u/%u %u %lu %lu\n", k >> 24,
			   (k >> 16) & 0xff, (k >> 8) & 0xff, k & 0xff,
			   (unsigned int)(KEYLENGTH - n->pos - n->bits),
			   (unsigned int)n->bits, n->full_children,
			   n->empty_children);
		return;
	}
	seq_printf(seq, "  |-- %u.%u.%u.%u\n", k >> 24, (k >> 16) & 0xff,
		   (k >> 8) & 0xff, k & 0xff);
	list_for_each_entry(fa, &n->leaf, fa_list) {
		unsigned char scope = fa->fa_info->fib_scope;
		char sbuf[32], tbuf[32];
		const char *sname = sbuf, *tname = tbuf;

		switch (scope) {
		case RT_SCOPE_UNIVERSE:
			sname = "universe";
			break;
		case RT_SCOPE_SITE:
			sname = "site";
			break;
		case RT_SCOPE_LINK:
			sname = "link";
			break;
		case RT_SCOPE_HOST:
			sname = "host";
			break;
		case RT_SCOPE_NOWHERE:
			sname = "nowhere";
			break;
		default:
			(void)snprintf(sbuf, sizeof(sbuf), "scope=%d", scope);
		}
		if (fa->fa_type < ARRAY_SIZE(rtn_type_names) &&
		    rtn_type_names[fa->fa_type])
			tname = rtn_type_names[fa->fa_type];
		else
			(void)snprintf(tbuf, sizeof(tbuf), "type %u",
				       fa->fa_type);
		seq_indent(seq, depth + 1);
		seq_printf(seq, "  /%u %s %s",
			   (unsigned int)(KEYLENGTH - fa->fa_slen), sname,
			   tname);
		if (fa->fa_tos)
			seq_printf(seq, " tos=%d", fa->fa_tos);
		seq_putc(seq, '\n');
	}
}

static void fib_table_print(struct seq_file *seq, const struct fib_table *tb)
{
	if (tb->tb_id == RT_TABLE_LOCAL)
		seq_puts(seq, "Local:\n");
	else if (tb->tb_id == RT_TABLE_MAIN)
		seq_puts(seq, "Main:\n");
	else
		seq_printf(seq, "Id %u:\n", tb->tb_id);
}

/*
 * Linux's table hash walks buckets (id % 256) in order, the newest table
 * first within one; fib_tables is sorted by bucket, then age.
 */
static struct fib_table **fib_tables_hash_order(struct net *net, size_t *nr)
{
	struct fib_table *tb, **v;
	size_t n = 0, i, j;

	list_for_each_entry(tb, &net->ipv4.fib_tables, tb_list)
		n++;
	v = fib_calloc(n ? n : 1, sizeof(struct fib_table *));
	if (!v)
		return NULL;
	i = 0;
	list_for_each_entry(tb, &net->ipv4.fib_tables, tb_list)
		if (i < n)
			v[i++] = tb;
	n = i; /* the same walk: as many, and each set */
	/* reverse each run of one bucket */
	for (i = 0; i < n; i = j) {
		size_t a, b;

		for (j = i + 1;
		     j < n && (v[j]->tb_id & 0xff) == (v[i]->tb_id & 0xff); j++)
			;
		for (a = i, b = j - 1; a < b; a++, b--) {
			tb = v[a];
			v[a] = v[b];
			v[b] = tb;
		}
	}
	*nr = n;
	return v;
}

static int fib_trie_seq_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_net(seq);
	struct fib_table **tbs;
	size_t n, i;

	(void)v;
	tbs = fib_tables_hash_order(net, &n);
	if (!tbs)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (!get_child(tbs[i]->tb_data->kv, 0))
			continue; /* an empty table prints nothing */
		fib_table_print(seq, tbs[i]);
		fib_trie_walk(tbs[i]->tb_data, fib_trie_show_node, seq);
	}
	kfree(tbs);
	return 0;
}

#define MAX_STAT_DEPTH 32

struct trie_stat {
	unsigned int totdepth;
	unsigned int maxdepth;
	unsigned int tnodes;
	unsigned int leaves;
	unsigned int nullpointers;
	unsigned int prefixes;
	unsigned int nodesizes[MAX_STAT_DEPTH];
};

static void trie_collect_one(struct key_vector *n, unsigned int depth,
			     void *arg)
{
	struct trie_stat *s = arg;

	if (IS_LEAF(n)) {
		struct fib_alias *fa;

		s->leaves++;
		s->totdepth += depth;
		if (depth > s->maxdepth)
			s->maxdepth = depth;
		list_for_each_entry(fa, &n->leaf, fa_list)
			s->prefixes++;
	} else {
		s->tnodes++;
		if (n->bits < MAX_STAT_DEPTH)
			s->nodesizes[n->bits]++;
		s->nullpointers += (unsigned int)n->empty_children;
	}
}

/*
 * Sizes as the x86-64 kernel reports them (its struct key_vector leaf,
 * tnode header and struct fib_alias), so the file reads as Linux's.
 */
#define LINUX_LEAF_SIZE	     48
#define LINUX_TNODE_SIZE     40
#define LINUX_FIB_ALIAS_SIZE 56

static void trie_show_stats(struct seq_file *seq, const struct trie_stat *stat)
{
	unsigned int i, max, pointers, bytes, avdepth;

	avdepth = stat->leaves ? stat->totdepth * 100 / stat->leaves : 0;
	seq_printf(seq, "\tAver depth:     %u.%02u\n", avdepth / 100,
		   avdepth % 100);
	seq_printf(seq, "\tMax depth:      %u\n", stat->maxdepth);
	seq_printf(seq, "\tLeaves:         %u\n", stat->leaves);
	bytes = LINUX_LEAF_SIZE * stat->leaves;
	seq_printf(seq, "\tPrefixes:       %u\n", stat->prefixes);
	bytes += LINUX_FIB_ALIAS_SIZE * stat->prefixes;
	seq_printf(seq, "\tInternal nodes: %u\n\t", stat->tnodes);
	bytes += LINUX_TNODE_SIZE * stat->tnodes;
	max = MAX_STAT_DEPTH;
	while (max > 0 && stat->nodesizes[max - 1] == 0)
		max--;
	pointers = 0;
	for (i = 1; i < max; i++)
		if (stat->nodesizes[i] != 0) {
			seq_printf(seq, "  %u: %u", i, stat->nodesizes[i]);
			pointers += (1U << i) * stat->nodesizes[i];
		}
	seq_putc(seq, '\n');
	seq_printf(seq, "\tPointers: %u\n", pointers);
	bytes += 8 * pointers;
	seq_printf(seq, "Null ptrs: %u\n", stat->nullpointers);
	seq_printf(seq, "Total size: %u  kB\n", (bytes + 1023) / 1024);
}

static int fib_triestat_seq_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_net(seq);
	struct fib_table **tbs;
	size_t n, i;

	(void)v;
	seq_printf(seq,
		   "Basic info: size of leaf: %d bytes, size of tnode: %d "
		   "bytes.\n",
		   LINUX_LEAF_SIZE, LINUX_TNODE_SIZE);
	tbs = fib_tables_hash_order(net, &n);
	if (!tbs)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct trie_stat stat;

		memset(&stat, 0, sizeof(stat));
		fib_table_print(seq, tbs[i]);
		fib_trie_walk(tbs[i]->tb_data, trie_collect_one, &stat);
		trie_show_stats(seq, &stat);
	}
	kfree(tbs);
	return 0;
}

/*
 * fib_proc_init - /proc/net/route, /proc/net/fib_trie and
 *	/proc/net/fib_triestat (once per stack: rendered per netns)
 */
int fib_proc_init(struct net *net)
{
	int err;

	(void)net;
	err = proc_create_net_single("route", 0444, fib_route_seq_show);
	if (!err)
		err = proc_create_net_single("fib_trie", 0444,
					     fib_trie_seq_show);
	if (!err)
		err = proc_create_net_single("fib_triestat", 0444,
					     fib_triestat_seq_show);
	return err;
}
