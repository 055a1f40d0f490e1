// SPDX-License-Identifier: BSD-2-Clause
/*
 * The neighbour cache: Neighbour Unreachability Detection's state machine
 * (RFC 4861 7.3, used for ARP as Linux does), the queue of packets waiting
 * for resolution, garbage collection and device events.  The tunables and
 * rtnetlink are in neighbour_netlink.c.
 * Linux: net/core/neighbour.c.
 */
#include <net/icmp.h>
#include <net/neighbour.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#define MS(x) ((u64)(x)*NSEC_PER_MSEC)

static int neigh_blackhole(struct neighbour *n, struct sk_buff *skb)
{
	(void)n;
	kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_DEAD);
	return -ENETDOWN;
}

/*
 * neigh_rand_reach_time - uniformly in [base/2, 3*base/2), RFC 4861 6.3.2;
 * in 64 bits, since base/2 + up to base does not fit an int.
 */
int neigh_rand_reach_time(int base)
{
	u64 t;

	if (base <= 0)
		return 0;
	t = (u64)(get_random_u32() % (u32)base) + (u64)(base >> 1);
	return t > INT32_MAX ? INT32_MAX : (int)t;
}

static u32 neigh_hash(const struct neigh_table *tbl, const void *pkey,
		      const struct net_device *dev)
{
	u32 k;

	memcpy(&k, pkey, sizeof(k));
	(void)tbl;
	return neigh_hashfn(k, dev);
}

struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       const struct net_device *dev)
{
	struct neighbour *n;

	/* Linux reads under RCU; the stack lock stands in for it. */
	tbl->stats.lookups++;
	for (n = tbl->hash[neigh_hash(tbl, pkey, dev)]; n; n = n->next) {
		if (n->dev == dev &&
		    !memcmp(n->primary_key, pkey, tbl->key_len)) {
			tbl->stats.hits++;
			break;
		}
	}
	return n;
}

/* ---- timers ---- */

/*
 * neigh_release_held - drop a reference that cannot be the last: the
 * caller goes on using @n, so it holds one of its own.  Were this the last,
 * @n is leaked with a warning rather than freed under the caller.
 */
static void neigh_release_held(struct neighbour *n)
{
	if (WARN_ON_ONCE(n->refcnt <= 1))
		return;
	n->refcnt--;
}

static void neigh_add_timer(struct neighbour *n, u64 when)
{
	neigh_hold(n);
	if (WARN_ON_ONCE(mod_timer(&n->timer, when)))
		neigh_release_held(n);
}

/*
 * Each pending timer holds one reference; disarming drops it.  Its callers
 * hold @n (the table's reference or their own) and use it after.
 */
static void neigh_del_timer(struct neighbour *n)
{
	if (del_timer(&n->timer))
		neigh_release_held(n);
}

/**
 * neigh_destroy - free an entry whose last reference went
 * Its queue is purged; it must already be out of the table.
 */
void neigh_destroy(struct neighbour *n)
{
	if (WARN_ON_ONCE(!n->dead))
		return;
	if (timer_pending(&n->timer))
		del_timer(&n->timer);
	skb_queue_purge_reason(&n->arp_queue, SKB_DROP_REASON_NEIGH_DEAD);
	n->tbl->stats.destroys++;
	dev_put(n->dev);
	kfree(n);
}

/*
 * neigh_unlink - take @n out of its table and drop the table's reference;
 * tbl->lock held
 */
static void neigh_unlink(struct neighbour *n)
{
	struct neigh_table *tbl = n->tbl;
	struct neighbour **np =
		&tbl->hash[neigh_hash(tbl, n->primary_key, n->dev)];

	lockdep_assert_held(&tbl->lock);
	for (; *np; np = &(*np)->next) {
		if (*np == n) {
			*np = n->next;
			break;
		}
	}
	n->next = NULL;
	n->dead = 1;
	tbl->entries--;
	neigh_del_timer(n);
	skb_queue_purge_reason(&n->arp_queue, SKB_DROP_REASON_NEIGH_DEAD);
	n->arp_queue_len_bytes = 0;
	n->output = neigh_blackhole;
	neigh_release(n);
}

/* neigh_remove_one - unlink and tell listeners (RTM_DELNEIGH); tbl->lock held */
void neigh_remove_one(struct neighbour *n)
{
	neigh_notify(n, RTM_DELNEIGH, 0);
	neigh_unlink(n);
}

/*
 * Linux has one table per protocol for every namespace: its default
 * parameters and gc_* live in the initial namespace only (a new
 * namespace has no net.ipv4.neigh.default), and gc_thresh* count the
 * entries of all namespaces.  Here each namespace has its own table; the
 * initial namespace's one plays the shared part.
 */
static struct neigh_table *neigh_root(struct neigh_table *tbl)
{
	struct net *init_net = tbl->net->st->init_net;
	struct neigh_table *root;

	if (!init_net || init_net == tbl->net)
		return tbl;
	root = neigh_find_table(init_net, tbl->family);
	return root ? root : tbl;
}

/* neigh_entries - the entries gc_thresh* are compared with: all tables' */
static int neigh_entries(struct neigh_table *tbl)
{
	struct net *net;
	int n = 0;

	list_for_each_entry(net, &tbl->net->st->net_list, list) {
		struct neigh_table *t = neigh_find_table(net, tbl->family);

		if (t)
			n += t->entries;
	}
	return n;
}

/*
 * neigh_forced_gc - the table is at gc_thresh2/3: drop unreferenced
 * entries that failed, are NOARP or have not been updated for 5 s, down
 * to gc_thresh2.  Return: how many went.
 */
static int neigh_forced_gc(struct neigh_table *tbl)
{
	int max_clean = neigh_entries(tbl) - neigh_root(tbl)->gc_thresh2;
	int shrunk = 0;
	u64 tref = net_now() - 5 * NSEC_PER_SEC;
	unsigned int i;

	write_lock_bh(&tbl->lock);
	tbl->stats.forced_gc_runs++;
	for (i = 0; i < NEIGH_HASHSIZE && shrunk < max_clean; i++) {
		struct neighbour *n = tbl->hash[i], *next;

		for (; n && shrunk < max_clean; n = next) {
			next = n->next;
			if (n->refcnt != 1 || (n->nud_state & NUD_PERMANENT) ||
			    (n->flags & NTF_EXT_LEARNED))
				continue;
			if (n->nud_state == NUD_FAILED ||
			    n->nud_state == NUD_NOARP || n->updated < tref) {
				neigh_remove_one(n);
				shrunk++;
			}
		}
	}
	tbl->last_flush = net_now();
	write_unlock_bh(&tbl->lock);
	return shrunk;
}

static void neigh_timer_handler(struct timer_list *t);

static struct neighbour *neigh_alloc(struct neigh_table *tbl,
				     struct net_device *dev)
{
	struct neigh_table *root = neigh_root(tbl);
	int entries = neigh_entries(tbl);
	u64 now = net_now();
	struct neighbour *n;

	if (entries >= root->gc_thresh3 ||
	    (entries >= root->gc_thresh2 &&
	     now > tbl->last_flush + 5 * NSEC_PER_SEC)) {
		if (!neigh_forced_gc(tbl) &&
		    neigh_entries(tbl) >= root->gc_thresh3) {
			/* Linux rate-limits this; once per table here */
			if (!tbl->stats.table_fulls++)
				net_warn(
					"neighbour: %s: neighbor table overflow!\n",
					tbl->id);
			return NULL;
		}
	}
	n = kzalloc(sizeof(*n), GFP_ATOMIC);
	if (!n)
		return NULL;
	skb_queue_head_init(&n->arp_queue);
	n->tbl = tbl;
	n->dev = dev;
	n->updated = n->used = now;
	n->nud_state = NUD_NONE;
	n->output = neigh_blackhole;
	n->refcnt = 1;
	n->parms = neigh_get_dev_parms(tbl, dev);
	timer_setup(&n->timer, neigh_timer_handler, dev_net(dev)->st);
	tbl->stats.allocs++;
	return n;
}

struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev)
{
	struct neighbour *n = neigh_lookup(tbl, pkey, dev);
	u32 h;
	int err;

	if (n)
		return n;
	n = neigh_alloc(tbl, dev);
	if (!n)
		return ERR_PTR(-ENOBUFS);
	memcpy(n->primary_key, pkey, tbl->key_len);
	dev_hold(dev);
	n->dead = 1; /* not in the table yet: neigh_destroy may free it */
	err = tbl->constructor ? tbl->constructor(n) : 0;
	if (err < 0) {
		neigh_release(n);
		return ERR_PTR(err);
	}
	/* Protocol-specific setup may have set an ifindex-changing parms. */
	n->confirmed =
		net_now() - MS(NEIGH_VAR(n->parms, BASE_REACHABLE_TIME)) * 2;
	write_lock_bh(&tbl->lock);
	n->dead = 0;
	h = neigh_hash(tbl, pkey, dev);
	n->next = tbl->hash[h];
	tbl->hash[h] = n;
	tbl->entries++;
	write_unlock_bh(&tbl->lock);
	return n;
}

/*
 * neigh_max_probes - probes of a resolution round: unicast and application
 * ones, plus multicast ones while not in PROBE (then mcast_reprobes).
 */
static int neigh_max_probes(const struct neighbour *n)
{
	const struct neigh_parms *p = n->parms;

	return NEIGH_VAR(p, UCAST_PROBES) + NEIGH_VAR(p, APP_PROBES) +
	       (n->nud_state & NUD_PROBE ? NEIGH_VAR(p, MCAST_REPROBES)
					 : NEIGH_VAR(p, MCAST_PROBES));
}

/* neigh_probe - solicit, suggesting the newest queued packet's source */
static void neigh_probe(struct neighbour *n)
{
	struct sk_buff *skb = skb_peek_tail(&n->arp_queue);

	if (n->tbl->solicit)
		n->tbl->solicit(n, skb);
	n->probes++;
}

/*
 * neigh_invalidate - resolution failed: each queued packet is reported
 * (ICMP host unreachable for IPv4) and dropped.
 */
static void neigh_invalidate(struct neighbour *n)
{
	struct sk_buff *skb;

	n->tbl->stats.res_failed++;
	n->updated = net_now();
	while (n->nud_state == NUD_FAILED &&
	       (skb = skb_dequeue(&n->arp_queue)) != NULL) {
		n->arp_queue_len_bytes -= skb->truesize;
		if (n->tbl->error_report)
			n->tbl->error_report(n, skb);
		kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_FAILED);
	}
	skb_queue_purge_reason(&n->arp_queue, SKB_DROP_REASON_NEIGH_FAILED);
	n->arp_queue_len_bytes = 0;
}

static void neigh_connect(struct neighbour *n)
{
	n->output = neigh_connected_output;
}

static void neigh_suspect(struct neighbour *n)
{
	n->output = neigh_resolve_output;
}

/*
 * neigh_timer_handler - the NUD state machine's clock:
 *   REACHABLE -> (confirmed within reachable_time: stay) / (used within
 *	delay_first_probe_time: DELAY) / STALE
 *   DELAY -> (confirmed meanwhile: REACHABLE) / PROBE
 *   INCOMPLETE, PROBE -> probe again every retrans_time, FAILED after
 *	neigh_max_probes
 */
static void neigh_timer_handler(struct timer_list *t)
{
	struct neighbour *n = from_timer(n, t, timer);
	u64 now = net_now(), next = now + NSEC_PER_SEC;
	unsigned int state = n->nud_state;
	int notify = 0;

	if (!(state & NUD_IN_TIMER) || n->dead)
		goto out;

	if (state & NUD_REACHABLE) {
		if (now <= n->confirmed + MS(n->parms->reachable_time)) {
			next = n->confirmed + MS(n->parms->reachable_time);
		} else if (now <= n->used + MS(NEIGH_VAR(n->parms,
							 DELAY_PROBE_TIME))) {
			n->nud_state = NUD_DELAY;
			n->updated = now;
			neigh_suspect(n);
			next = now + MS(NEIGH_VAR(n->parms, DELAY_PROBE_TIME));
		} else {
			n->nud_state = NUD_STALE;
			n->updated = now;
			neigh_suspect(n);
			notify = 1;
		}
	} else if (state & NUD_DELAY) {
		if (now <=
		    n->confirmed + MS(NEIGH_VAR(n->parms, DELAY_PROBE_TIME))) {
			n->nud_state = NUD_REACHABLE;
			n->updated = now;
			neigh_connect(n);
			notify = 1;
			next = n->confirmed + MS(n->parms->reachable_time);
		} else {
			n->nud_state = NUD_PROBE;
			n->updated = now;
			n->probes = 0;
			notify = 1;
			next = now +
			       MS(max_t(int, NEIGH_VAR(n->parms, RETRANS_TIME),
					HZ / 100));
		}
	} else {
		/* NUD_PROBE | NUD_INCOMPLETE */
		next = now + MS(max_t(int, NEIGH_VAR(n->parms, RETRANS_TIME),
				      HZ / 100));
	}

	if ((n->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) &&
	    n->probes >= neigh_max_probes(n)) {
		n->nud_state = NUD_FAILED;
		notify = 1;
		neigh_invalidate(n);
		goto out;
	}

	if (n->nud_state & NUD_IN_TIMER) {
		if (next < now + MS(HZ / 100))
			next = now + MS(HZ / 100);
		neigh_add_timer(n, next);
	}
	if (n->nud_state & (NUD_INCOMPLETE | NUD_PROBE))
		neigh_probe(n);
out:
	if (notify && !n->dead)
		neigh_notify(n, RTM_NEWNEIGH, 0);
	neigh_release(n); /* the timer's reference */
}

/* ---- state changes ---- */

int neigh_update(struct neighbour *n, const u8 *lladdr, u8 new, u32 flags,
		 u32 nlmsg_pid)
{
	struct net_device *dev = n->dev;
	u8 old = n->nud_state;
	int notify = 0, err = -EPERM;
	struct sk_buff *skb;

	if (n->dead)
		return 0;
	if (!(flags & NEIGH_UPDATE_F_ADMIN) &&
	    (old & (NUD_NOARP | NUD_PERMANENT)))
		goto out;

	if (!(new &NUD_VALID)) {
		neigh_del_timer(n);
		if (old & NUD_CONNECTED)
			neigh_suspect(n);
		n->nud_state = new;
		err = 0;
		notify = old & NUD_VALID;
		if ((old & (NUD_INCOMPLETE | NUD_PROBE)) && (new &NUD_FAILED)) {
			neigh_invalidate(n);
			notify = 1;
		}
		goto out;
	}

	/* Compare the new address with the cached one. */
	if (!dev->addr_len) {
		lladdr = n->ha;
	} else if (lladdr) {
		if ((old & NUD_VALID) && !memcmp(lladdr, n->ha, dev->addr_len))
			lladdr = n->ha;
	} else {
		err = -EINVAL;
		if (!(old & NUD_VALID))
			goto out;
		lladdr = n->ha;
	}

	if (new &NUD_CONNECTED)
		n->confirmed = net_now();

	err = 0;
	if (old & NUD_VALID) {
		if (lladdr != n->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
			if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) &&
			    (old & NUD_CONNECTED)) {
				lladdr = n->ha;
				new = NUD_STALE;
			} else {
				goto out;
			}
		} else if (lladdr == n->ha && new == NUD_STALE &&
			   !(flags & NEIGH_UPDATE_F_ADMIN)) {
			new = old;
		}
	}

	if (new != old || lladdr != n->ha)
		n->updated = net_now();

	if (new != old) {
		neigh_del_timer(n);
		if (new &NUD_PROBE)
			n->probes = 0;
		if (new &NUD_IN_TIMER)
			neigh_add_timer(
				n,
				net_now() +
					(new &NUD_REACHABLE
						 ? MS(n->parms->reachable_time)
						 : 0));
		n->nud_state = new;
		notify = 1;
	}

	if (lladdr != n->ha) {
		memcpy(n->ha, lladdr, dev->addr_len);
		if (!(new &NUD_CONNECTED))
			n->confirmed =
				net_now() -
				MS(NEIGH_VAR(n->parms, BASE_REACHABLE_TIME)) *
					2;
		notify = 1;
	}
	if (new == old)
		goto out;
	if (new &NUD_CONNECTED)
		neigh_connect(n);
	else
		neigh_suspect(n);
	if (!(old & NUD_VALID)) {
		/* Resolved: send what waited, oldest first. */
		neigh_hold(n);
		while ((n->nud_state & NUD_VALID) && !n->dead &&
		       (skb = skb_dequeue(&n->arp_queue)) != NULL) {
			n->arp_queue_len_bytes -= skb->truesize;
			n->output(n, skb);
		}
		skb_queue_purge_reason(&n->arp_queue,
				       SKB_DROP_REASON_NEIGH_DEAD);
		n->arp_queue_len_bytes = 0;
		if (notify && !n->dead)
			neigh_notify(n, RTM_NEWNEIGH, nlmsg_pid);
		neigh_release_held(n); /* the caller holds @n */
		return err;
	}
out:
	if (notify)
		neigh_notify(n, RTM_NEWNEIGH, nlmsg_pid);
	return err;
}

struct neighbour *neigh_event_ns(struct neigh_table *tbl, u8 *lladdr,
				 void *saddr, struct net_device *dev)
{
	struct neighbour *n = __neigh_create(tbl, saddr, dev);

	if (IS_ERR(n))
		return NULL;
	neigh_update(n, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE, 0);
	return n;
}

void neigh_confirm(struct neighbour *n)
{
	n->confirmed = net_now();
}

/*
 * __neigh_event_send - a packet wants @n: start or restart resolution
 * (NONE/FAILED -> INCOMPLETE, first probe at once), or STALE -> DELAY.
 * While INCOMPLETE, @skb joins the queue, the oldest packets dropped
 * beyond unres_qlen_bytes.  Return: 0 to send now, 1 if @skb was taken.
 */
static int __neigh_event_send(struct neighbour *n, struct sk_buff *skb)
{
	bool immediate_probe = false;
	u64 now = net_now();

	if (n->dead) {
		if (skb)
			kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_DEAD);
		return 1;
	}
	if (!(n->nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
		if (NEIGH_VAR(n->parms, MCAST_PROBES) +
		    NEIGH_VAR(n->parms, APP_PROBES)) {
			n->probes = NEIGH_VAR(n->parms, UCAST_PROBES);
			neigh_del_timer(n);
			n->nud_state = NUD_INCOMPLETE;
			n->updated = now;
			immediate_probe = true;
			neigh_add_timer(n,
					now + MS(max_t(int,
						       NEIGH_VAR(n->parms,
								 RETRANS_TIME),
						       HZ / 100)));
		} else {
			n->nud_state = NUD_FAILED;
			n->updated = now;
			if (skb)
				kfree_skb_reason(skb,
						 SKB_DROP_REASON_NEIGH_FAILED);
			return 1;
		}
	} else if (n->nud_state & NUD_STALE) {
		neigh_del_timer(n);
		n->nud_state = NUD_DELAY;
		n->updated = now;
		neigh_add_timer(
			n, now + MS(NEIGH_VAR(n->parms, DELAY_PROBE_TIME)));
	}

	if (n->nud_state != NUD_INCOMPLETE)
		return 0;
	if (skb) {
		while (n->arp_queue_len_bytes + skb->truesize >
		       (unsigned int)NEIGH_VAR(n->parms, QUEUE_LEN_BYTES)) {
			struct sk_buff *old = skb_dequeue(&n->arp_queue);

			if (!old)
				break;
			n->arp_queue_len_bytes -= old->truesize;
			kfree_skb_reason(old, SKB_DROP_REASON_NEIGH_QUEUEFULL);
			n->tbl->stats.unres_discards++;
		}
		if (skb->truesize >
		    (unsigned int)NEIGH_VAR(n->parms, QUEUE_LEN_BYTES)) {
			kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_QUEUEFULL);
			n->tbl->stats.unres_discards++;
		} else {
			skb_queue_tail(&n->arp_queue, skb);
			n->arp_queue_len_bytes += skb->truesize;
		}
	}
	if (immediate_probe)
		neigh_probe(n);
	return 1;
}

int neigh_event_send(struct neighbour *n, struct sk_buff *skb)
{
	u64 now = net_now();

	if (n->used != now)
		n->used = now;
	if (!(n->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)))
		return __neigh_event_send(n, skb);
	return 0;
}

/* ---- output ---- */

static int neigh_hard_header_xmit(struct neighbour *n, struct sk_buff *skb)
{
	struct net_device *dev = n->dev;

	if (dev_hard_header(skb, dev, ntohs(skb->protocol), n->ha, NULL,
			    skb->len) < 0) {
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_HDR);
		return -EINVAL;
	}
	return dev_queue_xmit(skb);
}

/* neigh_resolve_output - n->output while unresolved or unconfirmed */
int neigh_resolve_output(struct neighbour *n, struct sk_buff *skb)
{
	if (neigh_event_send(n, skb))
		return 0;
	return neigh_hard_header_xmit(n, skb);
}

/* neigh_connected_output - n->output while REACHABLE, NOARP, PERMANENT */
int neigh_connected_output(struct neighbour *n, struct sk_buff *skb)
{
	return neigh_hard_header_xmit(n, skb);
}

/* neigh_direct_output - devices without a link header */
int neigh_direct_output(struct neighbour *n, struct sk_buff *skb)
{
	(void)n;
	return dev_queue_xmit(skb);
}

int neigh_output(struct neighbour *n, struct sk_buff *skb, bool skip_cache)
{
	if (unlikely(skb_headroom(skb) < n->dev->hard_header_len) &&
	    skb_cow_head(skb, n->dev->hard_header_len)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_HDR);
		return -ENOBUFS;
	}
	skb->dev = n->dev;
	if (!skip_cache && (n->nud_state & NUD_CONNECTED))
		return neigh_connected_output(n, skb);
	return n->output(n, skb);
}

/* ---- device events ---- */

/*
 * neigh_flush_dev - remove @dev's entries (every device's if NULL);
 * permanent ones stay when @skip_perm.
 */
static void neigh_flush_dev(struct neigh_table *tbl, struct net_device *dev,
			    bool skip_perm)
{
	unsigned int i;

	for (i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n = tbl->hash[i], *next;

		for (; n; n = next) {
			next = n->next;
			if (dev && n->dev != dev)
				continue;
			if (skip_perm && (n->nud_state & NUD_PERMANENT))
				continue;
			neigh_del_timer(n);
			n->nud_state =
				n->nud_state & NUD_VALID ? NUD_NOARP : NUD_NONE;
			neigh_unlink(n);
		}
	}
}

/* ---- proxy entries and the proxy queue ---- */

struct pneigh_entry *pneigh_lookup(struct neigh_table *tbl, const void *pkey,
				   struct net_device *dev)
{
	struct pneigh_entry *pn;

	for (pn = tbl->phash; pn; pn = pn->next)
		if (!memcmp(pn->key, pkey, tbl->key_len) &&
		    (pn->dev == dev || !pn->dev))
			return pn;
	return NULL;
}

static struct pneigh_entry **pneigh_find_exact(struct neigh_table *tbl,
					       const void *pkey,
					       struct net_device *dev)
{
	struct pneigh_entry **pp;

	for (pp = &tbl->phash; *pp; pp = &(*pp)->next)
		if (!memcmp((*pp)->key, pkey, tbl->key_len) &&
		    (*pp)->dev == dev)
			return pp;
	return NULL;
}

struct pneigh_entry *pneigh_create(struct neigh_table *tbl, const void *pkey,
				   struct net_device *dev)
{
	struct pneigh_entry *pn = pneigh_lookup(tbl, pkey, dev);

	/* as Linux: an entry for any device also stands for this one */
	if (pn)
		return pn;
	pn = kzalloc(sizeof(*pn), GFP_KERNEL);
	if (!pn)
		return ERR_PTR(-ENOBUFS);
	memcpy(pn->key, pkey, tbl->key_len);
	pn->dev = dev;
	pn->next = tbl->phash;
	tbl->phash = pn;
	return pn;
}

int pneigh_delete(struct neigh_table *tbl, const void *pkey,
		  struct net_device *dev)
{
	struct pneigh_entry **pp = pneigh_find_exact(tbl, pkey, dev), *pn;

	if (!pp)
		return -ENOENT;
	pn = *pp;
	*pp = pn->next;
	kfree(pn);
	return 0;
}

/*
 * pneigh_ifdown - @dev's proxy entries go (every one when NULL); the
 * permanent ones stay when @skip_perm
 */
static void pneigh_ifdown(struct neigh_table *tbl, struct net_device *dev,
			  bool skip_perm)
{
	struct pneigh_entry **pp = &tbl->phash, *pn;

	while ((pn = *pp)) {
		if ((!dev || pn->dev == dev) && !(skip_perm && pn->permanent)) {
			*pp = pn->next;
			kfree(pn);
		} else {
			pp = &pn->next;
		}
	}
}

/* The time a queued request is due, kept in its control buffer. */
struct neigh_proxy_cb {
	u64 sched_next;
};

#define NEIGH_PROXY_CB(skb) ((struct neigh_proxy_cb *)(void *)(skb)->cb)

/*
 * pneigh_queue_purge - drop every queued proxied request: Linux purges a
 * namespace's whole share of its queue when any of its devices goes down
 * or loses carrier, and a table here is one namespace's.
 */
static void pneigh_queue_purge(struct neigh_table *tbl)
{
	struct neigh_parms *p;
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&tbl->proxy_queue)))
		kfree_skb(skb);
	tbl->parms.qlen = 0;
	list_for_each_entry(p, &tbl->parms_list, list)
		p->qlen = 0;
	del_timer(&tbl->proxy_timer);
}

/* neigh_proxy_process - answer the requests whose delay is over */
static void neigh_proxy_process(struct timer_list *t)
{
	struct neigh_table *tbl = from_timer(tbl, t, proxy_timer);
	struct sk_buff *skb, *next;
	u64 now = net_now(), sched_next = 0;

	for (skb = tbl->proxy_queue.next;
	     skb != (struct sk_buff *)&tbl->proxy_queue; skb = next) {
		u64 due = NEIGH_PROXY_CB(skb)->sched_next;

		next = skb->next;
		if (due <= now) {
			struct neigh_parms *p =
				neigh_get_dev_parms(tbl, skb->dev);

			skb_unlink(skb, &tbl->proxy_queue);
			if (p && p->qlen > 0)
				p->qlen--;
			if (tbl->proxy_redo && netif_running(skb->dev))
				tbl->proxy_redo(skb);
			else
				kfree_skb(skb);
		} else if (!sched_next || due < sched_next) {
			sched_next = due;
		}
	}
	if (sched_next)
		mod_timer(&tbl->proxy_timer, sched_next);
}

void pneigh_enqueue(struct neigh_table *tbl, struct neigh_parms *p,
		    struct sk_buff *skb)
{
	int delay = NEIGH_VAR(p, PROXY_DELAY);
	u64 sched_next = net_now();

	if (delay > 0)
		sched_next += MS((u64)(get_random_u32() % (u32)delay));
	if (p->qlen > NEIGH_VAR(p, PROXY_QLEN)) {
		kfree_skb(skb);
		return;
	}
	NEIGH_PROXY_CB(skb)->sched_next = sched_next;
	if (timer_pending(&tbl->proxy_timer) &&
	    tbl->proxy_timer.expires < sched_next)
		sched_next = tbl->proxy_timer.expires;
	skb_queue_tail(&tbl->proxy_queue, skb);
	p->qlen++;
	mod_timer(&tbl->proxy_timer, sched_next);
}

/* neigh_ifdown - @dev went down or away: all its entries go (Linux). */
int neigh_ifdown(struct neigh_table *tbl, struct net_device *dev)
{
	write_lock_bh(&tbl->lock);
	neigh_flush_dev(tbl, dev, false);
	pneigh_ifdown(tbl, dev, false);
	write_unlock_bh(&tbl->lock);
	pneigh_queue_purge(tbl);
	return 0;
}

/* neigh_carrier_down - lost carrier: all but permanent entries go */
int neigh_carrier_down(struct neigh_table *tbl, struct net_device *dev)
{
	write_lock_bh(&tbl->lock);
	neigh_flush_dev(tbl, dev, true);
	pneigh_ifdown(tbl, dev, true);
	write_unlock_bh(&tbl->lock);
	pneigh_queue_purge(tbl);
	return 0;
}

/* neigh_changeaddr - @dev's address changed: its entries go */
void neigh_changeaddr(struct neigh_table *tbl, struct net_device *dev)
{
	write_lock_bh(&tbl->lock);
	neigh_flush_dev(tbl, dev, false);
	write_unlock_bh(&tbl->lock);
}

/* ---- periodic garbage collection ---- */

/*
 * Half of base_reachable_time, and at least a millisecond: Linux takes 0
 * and requeues its work at once, busy but preemptible; a timer due at the
 * instant it re-arms from would hold the clock (and a lab) at that instant.
 */
static u64 neigh_gc_interval(struct neigh_table *tbl)
{
	int base = NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME);

	return base > 2 ? MS(base) / 2 : MS(1);
}

/*
 * neigh_periodic_work - every base_reachable_time/2: re-randomise
 * reachable_time every 300 s, and above gc_thresh1 entries drop the
 * unreferenced ones that failed or were unused for gc_stale_time.
 */
static void neigh_periodic_work(struct timer_list *t)
{
	struct neigh_table *tbl = from_timer(tbl, t, gc_timer);
	u64 now = net_now();
	unsigned int i;

	tbl->stats.periodic_gc_runs++;
	if (now >= tbl->last_rand + 300 * NSEC_PER_SEC) {
		struct neigh_parms *p;

		tbl->last_rand = now;
		list_for_each_entry(p, &tbl->parms_list, list)
			p->reachable_time = neigh_rand_reach_time(
				NEIGH_VAR(p, BASE_REACHABLE_TIME));
	}
	write_lock_bh(&tbl->lock);
	if (neigh_entries(tbl) >= neigh_root(tbl)->gc_thresh1) {
		for (i = 0; i < NEIGH_HASHSIZE; i++) {
			struct neighbour *n = tbl->hash[i], *next;

			for (; n; n = next) {
				u8 state = n->nud_state;

				next = n->next;
				if ((state & (NUD_PERMANENT | NUD_IN_TIMER)) ||
				    (n->flags & NTF_EXT_LEARNED))
					continue;
				if (n->used < n->confirmed)
					n->used = n->confirmed;
				if (n->refcnt == 1 &&
				    (state == NUD_FAILED ||
				     now > n->used + MS(NEIGH_VAR(
							     n->parms,
							     GC_STALETIME))))
					neigh_remove_one(n);
			}
		}
	}
	write_unlock_bh(&tbl->lock);
	mod_timer(&tbl->gc_timer, now + neigh_gc_interval(tbl));
}

/* ---- tables and parameters ---- */

static const int neigh_default_data[NEIGH_VAR_DATA_MAX] = {
	[NEIGH_VAR_MCAST_PROBES] = 3,
	[NEIGH_VAR_UCAST_PROBES] = 3,
	[NEIGH_VAR_APP_PROBES] = 0,
	[NEIGH_VAR_MCAST_REPROBES] = 0,
	[NEIGH_VAR_RETRANS_TIME] = 1 * HZ,
	[NEIGH_VAR_BASE_REACHABLE_TIME] = 30 * HZ,
	[NEIGH_VAR_DELAY_PROBE_TIME] = 5 * HZ,
	[NEIGH_VAR_GC_STALETIME] = 60 * HZ,
	[NEIGH_VAR_QUEUE_LEN_BYTES] = 212992, /* SK_WMEM_MAX */
	[NEIGH_VAR_PROXY_QLEN] = 64,
	[NEIGH_VAR_ANYCAST_DELAY] = 1 * HZ,
	[NEIGH_VAR_PROXY_DELAY] = (8 * HZ) / 10,
	[NEIGH_VAR_LOCKTIME] = 1 * HZ,
	[NEIGH_VAR_INTERVAL_PROBE_TIME_MS] = 5 * HZ,
};

struct neigh_parms *neigh_get_dev_parms(struct neigh_table *tbl,
					const struct net_device *dev)
{
	struct neigh_parms *p;

	list_for_each_entry(p, &tbl->parms_list, list)
		if (p->dev == dev)
			return p;
	return &tbl->parms;
}

/**
 * neigh_parms_alloc - tunables for @dev, copied from the default (the
 *	initial namespace's, as Linux)
 * Return: the parms (linked into the table) or NULL.
 */
struct neigh_parms *neigh_parms_alloc(struct net_device *dev,
				      struct neigh_table *tbl)
{
	struct neigh_parms *p = kmemdup(&tbl->parms, sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	memcpy(p->data, neigh_root(tbl)->parms.data, sizeof(p->data));
	p->dev = dev;
	p->sysctl = NULL;
	p->reachable_time =
		neigh_rand_reach_time(NEIGH_VAR(p, BASE_REACHABLE_TIME));
	write_lock_bh(&tbl->lock);
	list_add_tail(&p->list, &tbl->parms_list);
	write_unlock_bh(&tbl->lock);
	return p;
}

/* neigh_parms_release - entries using @parms fall back to the default */
void neigh_parms_release(struct neigh_table *tbl, struct neigh_parms *parms)
{
	unsigned int i;

	if (!parms || parms == &tbl->parms)
		return;
	write_lock_bh(&tbl->lock);
	for (i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n;

		for (n = tbl->hash[i]; n; n = n->next)
			if (n->parms == parms)
				n->parms = &tbl->parms;
	}
	list_del(&parms->list);
	write_unlock_bh(&tbl->lock);
	neigh_sysctl_unregister(parms);
	kfree(parms);
}

/**
 * neigh_table_init - set up @tbl for @net (family, key_len, ops filled in
 *	by the caller): defaults, gc thresholds, the periodic gc timer
 * Return: 0.
 */
int neigh_table_init(struct net *net, struct neigh_table *tbl)
{
	rwlock_init(&tbl->lock);
	tbl->net = net;
	INIT_LIST_HEAD(&tbl->parms_list);
	INIT_LIST_HEAD(&tbl->parms.list);
	tbl->parms.tbl = tbl;
	tbl->parms.dev = NULL;
	memcpy(tbl->parms.data, neigh_default_data, sizeof(tbl->parms.data));
	if (neigh_root(tbl) != tbl)
		memcpy(tbl->parms.data, neigh_root(tbl)->parms.data,
		       sizeof(tbl->parms.data));
	tbl->parms.reachable_time = neigh_rand_reach_time(
		NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME));
	tbl->gc_interval = 30 * HZ;
	tbl->gc_thresh1 = 128;
	tbl->gc_thresh2 = 512;
	tbl->gc_thresh3 = 1024;
	tbl->last_flush = tbl->last_rand = net_now();
	/* Housekeeping nobody waits for: it must not wake an idle lab. */
	__timer_setup(&tbl->gc_timer, neigh_periodic_work, net->st,
		      TIMER_DEFERRABLE);
	mod_timer(&tbl->gc_timer, net_now() + neigh_gc_interval(tbl));
	skb_queue_head_init(&tbl->proxy_queue);
	timer_setup(&tbl->proxy_timer, neigh_proxy_process, net->st);
	return 0;
}

/* neigh_table_clear - every entry and per-device parms go; @tbl stays */
void neigh_table_clear(struct neigh_table *tbl)
{
	struct neigh_parms *p, *tmp;

	del_timer(&tbl->gc_timer);
	pneigh_queue_purge(tbl);
	pneigh_ifdown(tbl, NULL, false);
	write_lock_bh(&tbl->lock);
	neigh_flush_dev(tbl, NULL, false);
	write_unlock_bh(&tbl->lock);
	list_for_each_entry_safe(p, tmp, &tbl->parms_list, list)
		neigh_parms_release(tbl, p);
	neigh_sysctl_unregister(&tbl->parms);
}

struct neigh_table *neigh_find_table(struct net *net, int family)
{
	if (family == AF_INET)
		return net->ipv4.arp_tbl;
	return NULL;
}
