/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The neighbour table: protocol address -> link address with NUD states
 * (incomplete, reachable, stale, delay, probe, failed, noarp, permanent),
 * a queue of packets waiting for resolution, and timers.
 * Linux: include/net/neighbour.h.
 * (Owned by the link-layer work: extend freely; neigh_output and
 * ip_neigh_gw4 (arp.h) are the contract the IPv4 output path uses.)
 *
 * One table per namespace and protocol (net->ipv4.arp_tbl).  Its size is
 * bounded by gc_thresh3 and each entry's queue by unres_qlen_bytes, so
 * nothing from the wire grows memory without bound.
 */
#ifndef _NET_NEIGHBOUR_H
#define _NET_NEIGHBOUR_H

#include <linux/neighbour.h>

#include <net/netdevice.h>
#include <net/timer.h>

struct neighbour;
struct neigh_table;
struct ctl_table_header;

#define NUD_IN_TIMER (NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE)
#define NUD_VALID                                                            \
	(NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | \
	 NUD_DELAY)
#define NUD_CONNECTED (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE)

/* The tunables (net.ipv4.neigh.DEV.*); times in ms (HZ is 1000). */
enum {
	NEIGH_VAR_MCAST_PROBES,
	NEIGH_VAR_UCAST_PROBES,
	NEIGH_VAR_APP_PROBES,
	NEIGH_VAR_MCAST_REPROBES,
	NEIGH_VAR_RETRANS_TIME,
	NEIGH_VAR_BASE_REACHABLE_TIME,
	NEIGH_VAR_DELAY_PROBE_TIME,
	NEIGH_VAR_GC_STALETIME,
	NEIGH_VAR_QUEUE_LEN_BYTES,
	NEIGH_VAR_PROXY_QLEN,
	NEIGH_VAR_ANYCAST_DELAY,
	NEIGH_VAR_PROXY_DELAY,
	NEIGH_VAR_LOCKTIME,
	NEIGH_VAR_INTERVAL_PROBE_TIME_MS,
	NEIGH_VAR_DATA_MAX,
};

/**
 * struct neigh_parms - tunables for one device (or the table's default)
 * @dev: NULL for "default"
 * @reachable_time: base_reachable_time randomised to [0.5, 1.5) of it, ms
 */
struct neigh_parms {
	struct list_head list; /* tbl->parms_list */
	struct neigh_table *tbl;
	struct net_device *dev;
	int data[NEIGH_VAR_DATA_MAX];
	int reachable_time;
	int qlen; /* requests of this device in tbl->proxy_queue */
	struct ctl_table_header *sysctl;
};

#define NEIGH_VAR(p, attr) ((p)->data[NEIGH_VAR_##attr])

/* struct neigh_statistics - /proc/net/stat/arp_cache */
struct neigh_statistics {
	unsigned long allocs, destroys, hash_grows, res_failed, lookups, hits;
	unsigned long rcv_probes_mcast, rcv_probes_ucast, periodic_gc_runs;
	unsigned long forced_gc_runs, unres_discards, table_fulls;
};

/**
 * struct neighbour - one cache entry
 * @confirmed: last time reachability was confirmed (ns)
 * @updated: last change of state or address (ns)
 * @used: last time a packet was sent through it (ns)
 * @probes: solicitations sent in this round
 * @arp_queue: packets waiting for resolution, at most
 *	unres_qlen_bytes of truesize
 * @refcnt: the table holds one, a pending timer one; freed at 0
 */
struct neighbour {
	struct neighbour *next; /* hash chain */
	struct neigh_table *tbl;
	struct neigh_parms *parms;
	struct net_device *dev;
	u64 confirmed, updated, used;
	int refcnt;
	int probes;
	u8 flags; /* NTF_* */
	u8 nud_state; /* NUD_* */
	u8 type; /* RTN_UNICAST, RTN_BROADCAST ... */
	u8 dead;
	u8 protocol;
	struct timer_list timer;
	struct sk_buff_head arp_queue;
	unsigned int arp_queue_len_bytes;
	unsigned char ha[MAX_ADDR_LEN];
	int (*output)(struct neighbour *n, struct sk_buff *skb);
	u8 primary_key[4]; /* IPv4 only for now */
};

#define NEIGH_HASHSIZE 256

/**
 * struct pneigh_entry - a proxy entry (`ip neigh add proxy ADDR dev DEV`):
 *	ARP answers for @key on @dev (NULL: any device) when forwarding
 */
struct pneigh_entry {
	struct pneigh_entry *next;
	struct net_device *dev;
	u8 flags; /* NTF_* (NTF_PROXY implied) */
	u8 protocol;
	bool permanent; /* added with NUD_PERMANENT: survives carrier loss */
	u8 key[4];
};

/**
 * struct neigh_table - a namespace's cache for one protocol (ARP)
 * @constructor: set up a new entry (state, output); 0 or -errno
 * @solicit: send a probe for @n (the queued @skb suggests the source)
 * @error_report: resolution failed for queued @skb (not consumed)
 */
struct neigh_table {
	/*
	 * @lock: the hash, @entries and @parms_list (Linux's tbl->lock);
	 * taken under the stack lock and the RTNL, before the timer base.
	 */
	rwlock_t lock;
	struct net *net;
	int family;
	unsigned int key_len;
	const char *id; /* "arp_cache" */
	int (*constructor)(struct neighbour *n);
	void (*solicit)(struct neighbour *n, struct sk_buff *skb);
	void (*error_report)(struct neighbour *n, struct sk_buff *skb);
	/* answer a delayed proxied request (consumes @skb) */
	void (*proxy_redo)(struct sk_buff *skb);
	struct neigh_parms parms; /* "default" */
	struct list_head parms_list;
	int gc_interval; /* ms */
	int gc_thresh1, gc_thresh2, gc_thresh3;
	u64 last_flush;
	u64 last_rand;
	struct timer_list gc_timer;
	int entries;
	struct neigh_statistics stats;
	struct neighbour *hash[NEIGH_HASHSIZE];
	struct ctl_table_header *sysctl_default;
	struct pneigh_entry *phash; /* proxy entries, newest first */
	/* proxied requests waiting out proxy_delay (neigh_proxy_process) */
	struct sk_buff_head proxy_queue;
	struct timer_list proxy_timer;
};

/*
 * neigh_hashfn - the bucket of IPv4 key @k on @dev (Linux's arp_hashfn,
 * without its per-table random: the table is not resized)
 */
static inline u32 neigh_hashfn(u32 k, const struct net_device *dev)
{
	k ^= (u32)dev->ifindex * 0x9e3779b1U;
	k ^= k >> 16;
	k *= 0x85ebca6bU;
	k ^= k >> 13;
	return k & (NEIGH_HASHSIZE - 1);
}

/* neigh_update() flags */
#define NEIGH_UPDATE_F_OVERRIDE		 (1U << 0)
#define NEIGH_UPDATE_F_WEAK_OVERRIDE	 (1U << 1)
#define NEIGH_UPDATE_F_OVERRIDE_ISROUTER (1U << 2)
#define NEIGH_UPDATE_F_ADMIN		 (1U << 31)

static inline void neigh_hold(struct neighbour *n)
{
	n->refcnt++;
}

void neigh_destroy(struct neighbour *n);
/* base_reachable_time (ms) randomised as RFC 4861 6.3.2 asks */
int neigh_rand_reach_time(int base);

static inline void neigh_release(struct neighbour *n)
{
	if (--n->refcnt == 0)
		neigh_destroy(n);
}

/* table lifetime (per namespace) */
int neigh_table_init(struct net *net, struct neigh_table *tbl);
void neigh_table_clear(struct neigh_table *tbl);

/* per-device parameters */
struct neigh_parms *neigh_parms_alloc(struct net_device *dev,
				      struct neigh_table *tbl);
void neigh_parms_release(struct neigh_table *tbl, struct neigh_parms *parms);
struct neigh_parms *neigh_get_dev_parms(struct neigh_table *tbl,
					const struct net_device *dev);
int neigh_sysctl_register(struct net_device *dev, struct neigh_parms *p);
void neigh_sysctl_unregister(struct neigh_parms *p);

/* lookups: no reference is taken (stack lock held) */
struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       const struct net_device *dev);
/**
 * __neigh_create - the entry for @pkey on @dev, created if missing
 * Return: the entry (no reference taken) or ERR_PTR(-ENOBUFS) when the
 *	table is full (gc_thresh3) even after forced garbage collection.
 */
struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev);

/**
 * neigh_update - change an entry's state and/or link address
 * @lladdr: new address or NULL to keep it
 * @new: NUD_* state
 * @flags: NEIGH_UPDATE_F_*
 * @nlmsg_pid: the requester (notifications)
 * The caller holds a reference to @n.
 * Return: 0, -EPERM (admin entry, not admin), -EINVAL (no address).
 */
int neigh_update(struct neighbour *n, const u8 *lladdr, u8 new, u32 flags,
		 u32 nlmsg_pid);
/* neigh_event_ns - a solicitation from @saddr/@lladdr: learn it STALE */
struct neighbour *neigh_event_ns(struct neigh_table *tbl, u8 *lladdr,
				 void *saddr, struct net_device *dev);
/* neigh_event_send - start resolution; 1 if @skb was queued or dropped */
int neigh_event_send(struct neighbour *n, struct sk_buff *skb);
/* neigh_remove_one - out of the table, RTM_DELNEIGH to listeners */
void neigh_remove_one(struct neighbour *n);
/* neigh_confirm - upper layers saw the neighbour answer (TCP ACKs) */
void neigh_confirm(struct neighbour *n);

/* proxy entries and delayed proxy answers */
struct pneigh_entry *pneigh_lookup(struct neigh_table *tbl, const void *pkey,
				   struct net_device *dev);
/* pneigh_create - add (or find) the exact entry; ERR_PTR(-ENOBUFS) */
struct pneigh_entry *pneigh_create(struct neigh_table *tbl, const void *pkey,
				   struct net_device *dev);
/* pneigh_delete - 0, or -ENOENT when there is no such entry */
int pneigh_delete(struct neigh_table *tbl, const void *pkey,
		  struct net_device *dev);
/*
 * pneigh_enqueue - hold @skb for a random part of @p's proxy_delay, then
 * hand it to tbl->proxy_redo; dropped beyond proxy_qlen.  Consumes @skb.
 */
void pneigh_enqueue(struct neigh_table *tbl, struct neigh_parms *p,
		    struct sk_buff *skb);

/* device events */
int neigh_ifdown(struct neigh_table *tbl, struct net_device *dev);
void neigh_changeaddr(struct neigh_table *tbl, struct net_device *dev);
int neigh_carrier_down(struct neigh_table *tbl, struct net_device *dev);

/* the output functions behind n->output */
int neigh_resolve_output(struct neighbour *n, struct sk_buff *skb);
int neigh_connected_output(struct neighbour *n, struct sk_buff *skb);
int neigh_direct_output(struct neighbour *n, struct sk_buff *skb);

/**
 * neigh_output - send @skb to the neighbour @n: with the cached link header
 *	when resolved, else queued while resolution runs (bounded; excess
 *	dropped).  If resolution fails the queued packets are dropped and
 *	reported with icmp_send(ICMP_DEST_UNREACH, ICMP_HOST_UNREACH).
 * Consumes @skb.  Return: 0 or -errno.
 */
int neigh_output(struct neighbour *n, struct sk_buff *skb, bool skip_cache);

/* rtnetlink: RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH (neighbour.c) */
int neigh_rtnl_init(struct tn_stack *st);
void neigh_notify(struct neighbour *n, int type, u32 pid);
/* neigh_app_ns - app_solicit: RTM_GETNEIGH (NLM_F_REQUEST) to listeners */
void neigh_app_ns(struct neighbour *n);

/* The table of @family in @net (AF_INET: ARP), or NULL. */
struct neigh_table *neigh_find_table(struct net *net, int family);

#endif /* _NET_NEIGHBOUR_H */
