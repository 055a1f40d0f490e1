// SPDX-License-Identifier: BSD-2-Clause
/*
 * Network devices, the packet side: the handlers by ethertype and the taps
 * (packet_type), transmit (dev_queue_xmit: taps, qdisc, driver) and receive
 * (netif_rx into the softirq backlog, net_rx_action draining it with a
 * budget, __netif_receive_skb handing each packet to its handler).
 * Linux: net/core/dev.c.
 */
#include <net/init.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/pkt_sched.h>
#include <net/sysctl.h>

/**
 * dev_add_pack - add a packet handler
 * @pt: ETH_P_ALL handlers (taps) see every packet in and out; others see
 *	received packets of their ethertype.  @pt lives until dev_remove_pack.
 */
/*
 * The stack links a node of its own for each handler, so one static
 * packet_type (ip_packet_type ...) serves every stack in the process.
 */
struct ptype_node {
	struct list_head list;
	struct packet_type *pt;
};

void dev_add_pack(struct packet_type *pt)
{
	struct tn_stack *st = current_stack();
	struct ptype_node *n = kzalloc(sizeof(*n), GFP_KERNEL | __GFP_NOFAIL);

	/* Registration happens at init and socket creation: BUG, not drop. */
	BUG_ON(!n);
	n->pt = pt;
	if (pt->type == htons(ETH_P_ALL))
		list_add(&n->list, &st->ptype_all);
	else
		list_add(&n->list, &st->ptype_base);
}

static bool ptype_list_remove(struct list_head *head, struct packet_type *pt)
{
	struct ptype_node *n, *tmp;

	list_for_each_entry_safe(n, tmp, head, list) {
		if (n->pt == pt) {
			list_del(&n->list);
			kfree(n);
			return true;
		}
	}
	return false;
}

void dev_remove_pack(struct packet_type *pt)
{
	struct tn_stack *st = current_stack();

	if (!ptype_list_remove(&st->ptype_all, pt))
		ptype_list_remove(&st->ptype_base, pt);
}

/* ptype_free - at stack teardown: drop the nodes still registered */
void ptype_free(struct tn_stack *st)
{
	struct list_head *heads[] = { &st->ptype_all, &st->ptype_base };
	struct ptype_node *n, *tmp;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(heads); i++) {
		list_for_each_entry_safe(n, tmp, heads[i], list) {
			list_del(&n->list);
			kfree(n);
		}
	}
}

/* ---- transmit ---- */

/*
 * dev_queue_xmit_nit - show an outgoing packet to the taps (tcpdump): each
 * gets its own clone marked PACKET_OUTGOING; a socket's own packets are
 * not looped back to it.
 */
static void dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev)
{
	struct tn_stack *st = current_stack();
	struct ptype_node *n, *tmp;

	list_for_each_entry_safe(n, tmp, &st->ptype_all, list) {
		struct packet_type *pt = n->pt;
		struct sk_buff *skb2;

		if (pt->dev && pt->dev != dev)
			continue;
		if (skb->sk && pt->af_packet_priv == (void *)skb->sk)
			continue;
		skb2 = skb_clone(skb, GFP_ATOMIC);
		if (!skb2)
			break;
		skb_reset_mac_header(skb2);
		if (skb2->network_header == SKB_HDR_UNSET ||
		    skb_network_header(skb2) < skb2->data ||
		    skb_network_header(skb2) > skb2->tail)
			skb_reset_network_header(skb2);
		skb2->transport_header = skb2->network_header;
		skb2->pkt_type = PACKET_OUTGOING;
		pt->func(skb2, dev, pt, dev);
	}
}

/* netif_needs_gso - is @skb a GSO packet @features cannot take whole? */
static bool netif_needs_gso(const struct sk_buff *skb,
			    netdev_features_t features)
{
	unsigned int type;

	if (!skb_is_gso(skb))
		return false;
	type = skb_shinfo(skb)->gso_type;
	if ((type & SKB_GSO_TCPV4) && !(features & NETIF_F_TSO))
		return true;
	if ((type & SKB_GSO_UDP_L4) && !(features & NETIF_F_GSO_UDP_L4))
		return true;
	if ((type & SKB_GSO_FRAGLIST) && !(features & NETIF_F_GSO_FRAGLIST))
		return true;
	return false;
}

/* validate_xmit_one - the checksum of one packet (or segment) */
static struct sk_buff *validate_xmit_one(struct sk_buff *skb,
					 struct net_device *dev)
{
	/* a device without scatter-gather gets the packet in one piece */
	if (skb_is_nonlinear(skb) && !skb_is_gso(skb) &&
	    (!(dev->features & NETIF_F_SG) ||
	     (skb_has_frag_list(skb) && !(dev->features & NETIF_F_FRAGLIST))) &&
	    skb_linearize(skb))
		goto drop;
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    (!(dev->features & NETIF_F_HW_CSUM) ||
	     !list_empty(&current_stack()->ptype_all)) &&
	    !skb_is_gso(skb) && unlikely(skb_checksum_help(skb)))
		goto drop;
	return skb;
drop:
	dev->tx_dropped_core++;
	kfree_skb(skb);
	return NULL;
}

/*
 * validate_xmit_skb - what the device cannot do is done here, on the way
 * to the driver.  A GSO packet the device cannot segment is cut into its
 * segments (skb_gso_segment); lo and veth take it whole, as on Linux.  A
 * checksum left to the device (CHECKSUM_PARTIAL) is finished when the
 * device cannot, and also while a tap is open, so captures show the sum
 * the wire would carry (Linux shows taps the partial one).
 * Return: @skb, a list of segments (->next), or NULL (freed, counted in
 * tx_dropped).
 */
static struct sk_buff *validate_xmit_skb(struct sk_buff *skb,
					 struct net_device *dev)
{
	struct sk_buff *segs, *seg, *next, *head = NULL, **tail = &head;

	if (!netif_needs_gso(skb, dev->features))
		return validate_xmit_one(skb, dev);
	segs = skb_gso_segment(skb, dev->features & NETIF_F_SG);
	if (IS_ERR(segs)) {
		dev->tx_dropped_core++;
		kfree_skb(skb);
		return NULL;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next)
	{
		seg->next = NULL;
		seg = validate_xmit_one(seg, dev);
		if (seg) {
			*tail = seg;
			tail = &seg->next;
		}
	}
	return head;
}

static netdev_tx_t xmit_one(struct sk_buff *skb, struct net_device *dev)
{
	/* Only the taps need a time here (reading the clock is not free). */
	if (!list_empty(&current_stack()->ptype_all)) {
		if (!skb->tstamp)
			skb->tstamp = ktime_get_real_ns(current_stack());
		dev_queue_xmit_nit(skb, dev);
	}
	return dev->netdev_ops->ndo_start_xmit(skb, dev);
}

netdev_tx_t dev_hard_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct sk_buff *next;
	netdev_tx_t rc = NETDEV_TX_OK;

	skb = validate_xmit_skb(skb, dev);
	for (; skb; skb = next) {
		next = skb->next;
		skb->next = NULL;
		rc = xmit_one(skb, dev);
	}
	return rc;
}

/*
 * __dev_xmit_skb - into the qdisc, then run it: the packet (and what
 * waited before it) goes to the driver now unless the driver has stopped
 * the queue.  Dropped packets are counted by the qdisc, not the device.
 */
static int __dev_xmit_skb(struct sk_buff *skb, struct Qdisc *q)
{
	int rc = q->enqueue(skb, q) & NET_XMIT_MASK;

	qdisc_run(q);
	return rc;
}

/*
 * dev_queue_xmit - see netdevice.h.  A device that is down has Linux's
 * noop qdisc: the packet is dropped there, unseen by the taps and the
 * device's counters, and the sender is told only of congestion
 * (NET_XMIT_CN), which IP takes as sent: a ping over lo while lo is down
 * is silently lost.
 */
int dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct netdev_queue *txq = netdev_get_tx_queue(dev);
	struct Qdisc *q = txq->qdisc;

	skb_reset_mac_header(skb);
	if (q->enqueue)
		return __dev_xmit_skb(skb, q);

	/* noqueue (lo, veth): straight to the driver */
	if (likely(dev->flags & IFF_UP) && !netif_xmit_stopped(txq)) {
		dev_hard_start_xmit(skb, dev);
		return NET_XMIT_SUCCESS;
	}
	/* a virtual device that stopped its queue has nowhere to keep it */
	dev->tx_dropped_core++;
	kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
	return -ENETDOWN;
}

/* ---- receive ---- */

static int netdev_max_backlog(const struct tn_stack *st)
{
	int v = st->init_net ? st->init_net->core.sysctl_netdev_max_backlog : 0;

	return v > 0 ? v : 1000;
}

/*
 * netif_rx - see netdevice.h.  The backlog is bounded by
 * net.core.netdev_max_backlog; a packet over it is dropped and counted in
 * the backlog's "dropped" (/proc/net/softnet_stat) and the device's
 * rx_dropped.
 */
int netif_rx(struct sk_buff *skb)
{
	struct tn_stack *st = current_stack();
	struct softnet_data *sd = &st->softnet;

	if (unlikely((int)skb_queue_len(&sd->input_pkt_queue) >=
		     netdev_max_backlog(st))) {
		sd->dropped++;
		if (skb->dev)
			skb->dev->rx_dropped_backlog++;
		kfree_skb_reason(skb, SKB_DROP_REASON_CPU_BACKLOG);
		return NET_RX_DROP;
	}
	/*
	 * No wake-up here: netif_rx runs under the stack lock, and the
	 * backlog is drained before the lock is let go (stack_exit, the
	 * worker's loop, tn_clock_advance).
	 */
	skb_queue_tail(&sd->input_pkt_queue, skb);
	napi_schedule(&sd->backlog);
	return NET_RX_SUCCESS;
}

/*
 * deliver_clone - hand a clone of @skb to @pt; the original stays with the
 * caller (handlers may pull and change what they are given).
 */
static void deliver_clone(struct sk_buff *skb, struct packet_type *pt,
			  struct net_device *orig_dev)
{
	struct sk_buff *skb2 = skb_clone(skb, GFP_ATOMIC);

	if (skb2)
		pt->func(skb2, skb2->dev, pt, orig_dev);
}

int netdev_rx_handler_register(struct net_device *dev,
			       rx_handler_func_t *rx_handler,
			       void *rx_handler_data)
{
	if (netdev_is_rx_handler_busy(dev))
		return -EBUSY;
	if (dev->priv_flags & IFF_NO_RX_HANDLER)
		return -EINVAL;
	dev->rx_handler_data = rx_handler_data;
	dev->rx_handler = rx_handler;
	return 0;
}

void netdev_rx_handler_unregister(struct net_device *dev)
{
	dev->rx_handler = NULL;
	dev->rx_handler_data = NULL;
}

bool netdev_is_rx_handler_busy(struct net_device *dev)
{
	return dev && dev->rx_handler;
}

/*
 * Rounds one packet may make through rx_handlers that pass it on
 * (RX_HANDLER_ANOTHER: a port to its bridge, a bridge to a VLAN ...).
 * Linux relies on the devices not looping; a cap keeps a bad pairing from
 * spinning here for ever: the packet is dropped.
 */
#define RX_HANDLER_MAX_ROUNDS 8

static int __netif_receive_skb(struct sk_buff *skb)
{
	struct tn_stack *st = current_stack();
	struct net_device *orig_dev = skb->dev;
	struct packet_type *pt_prev = NULL;
	struct ptype_node *n, *tmp;
	bool deliver_exact = false;
	int rounds = 0;

	if (!skb_mac_header_was_set(skb))
		skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	if (!skb_transport_header_was_set(skb))
		skb_reset_transport_header(skb);
	skb->mac_len = (u16)(skb->network_header - skb->mac_header);

another_round:
	skb->skb_iif = skb->dev->ifindex;
	list_for_each_entry_safe(n, tmp, &st->ptype_all, list) {
		if (!n->pt->dev || n->pt->dev == skb->dev)
			deliver_clone(skb, n->pt, orig_dev);
	}

	if (skb->dev->rx_handler) {
		switch (skb->dev->rx_handler(&skb)) {
		case RX_HANDLER_CONSUMED:
			return NET_RX_SUCCESS;
		case RX_HANDLER_ANOTHER:
			if (++rounds >= RX_HANDLER_MAX_ROUNDS) {
				skb->dev->rx_dropped_core++;
				kfree_skb_reason(skb,
						 SKB_DROP_REASON_NOT_SPECIFIED);
				return NET_RX_DROP;
			}
			goto another_round;
		case RX_HANDLER_EXACT:
			deliver_exact = true;
			break;
		case RX_HANDLER_PASS:
			break;
		}
	}

	/*
	 * The protocols: those of any device (unless the rx_handler asked
	 * for exact delivery), and those bound to the device the packet
	 * arrived on or now belongs to.
	 */
	list_for_each_entry_safe(n, tmp, &st->ptype_base, list) {
		struct packet_type *pt = n->pt;

		if (pt->type != skb->protocol)
			continue;
		if (pt->dev ? pt->dev != skb->dev && pt->dev != orig_dev
			    : deliver_exact)
			continue;
		if (pt_prev)
			deliver_clone(skb, pt_prev, orig_dev);
		pt_prev = pt;
	}
	if (pt_prev)
		return pt_prev->func(skb, skb->dev, pt_prev, orig_dev);

	/* nobody took it: rx_dropped, or rx_nohandler when only exact
	 * delivery was allowed */
	if (deliver_exact)
		skb->dev->rx_nohandler++;
	else
		skb->dev->rx_dropped_core++;
	kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO);
	return NET_RX_DROP;
}

/**
 * netif_receive_skb - process a received packet now
 * @skb: data at the network header (eth_type_trans done); consumed
 *
 * The taps (ETH_P_ALL) each get a clone; the handler of skb->protocol gets
 * the packet; with none it is dropped and counted in the device's
 * rx_dropped, as Linux.
 * Return: the handler's NET_RX_* value.
 */
int netif_receive_skb(struct sk_buff *skb)
{
	/* Timestamps are taken when a socket queues the packet. */
	return __netif_receive_skb(skb);
}

/* ---- NAPI ---- */

#define NAPI_BIT(b) (1UL << (b))

void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
			   int (*poll)(struct napi_struct *, int), int weight)
{
	INIT_LIST_HEAD(&napi->poll_list);
	skb_queue_head_init(&napi->rx_list);
	napi->rx_count = 0;
	napi->gro_bitmask = 0;
	for (unsigned int i = 0; i < ARRAY_SIZE(napi->gro_hash); i++)
		skb_queue_head_init(&napi->gro_hash[i]);
	/* SCHED held: disabled until napi_enable */
	napi->state = NAPI_BIT(NAPI_STATE_SCHED) | NAPI_BIT(NAPI_STATE_LISTED);
	napi->weight = weight > 0 ? weight : NAPI_POLL_WEIGHT;
	napi->poll = poll;
	napi->dev = dev;
}

void netif_napi_del(struct napi_struct *napi)
{
	if (!(napi->state & NAPI_BIT(NAPI_STATE_LISTED)))
		return;
	list_del_init(&napi->poll_list);
	gro_cleanup(napi);
	skb_queue_purge(&napi->rx_list);
	napi->rx_count = 0;
	napi->state = 0;
}

void napi_enable(struct napi_struct *napi)
{
	napi->state &= NAPI_BIT(NAPI_STATE_LISTED);
}

void napi_disable(struct napi_struct *napi)
{
	/*
	 * Under the stack lock no poll runs meanwhile: take it off the poll
	 * list and hold SCHED, so nothing schedules it until napi_enable.
	 */
	napi->state |= NAPI_BIT(NAPI_STATE_DISABLE);
	napi_gro_flush(napi, false);
	gro_normal_list(napi);
	list_del_init(&napi->poll_list);
	napi->state |= NAPI_BIT(NAPI_STATE_SCHED);
	napi->state &=
		~(NAPI_BIT(NAPI_STATE_MISSED) | NAPI_BIT(NAPI_STATE_DISABLE));
}

bool napi_schedule_prep(struct napi_struct *napi)
{
	if (napi->state & NAPI_BIT(NAPI_STATE_DISABLE))
		return false;
	if (napi->state & NAPI_BIT(NAPI_STATE_SCHED)) {
		napi->state |= NAPI_BIT(NAPI_STATE_MISSED);
		return false;
	}
	napi->state |= NAPI_BIT(NAPI_STATE_SCHED);
	return true;
}

void __napi_schedule(struct napi_struct *napi)
{
	list_add_tail(&napi->poll_list, &current_stack()->softnet.poll_list);
}

bool napi_complete_done(struct napi_struct *napi, int work_done)
{
	(void)work_done;
	/* what GRO holds and what the poll batched go up now */
	napi_gro_flush(napi, false);
	gro_normal_list(napi);
	if (napi->state & NAPI_BIT(NAPI_STATE_MISSED)) {
		/* scheduled again while polled: one more poll */
		napi->state &= ~NAPI_BIT(NAPI_STATE_MISSED);
		if (list_empty(&napi->poll_list))
			__napi_schedule(napi);
		return false;
	}
	napi->state &= ~NAPI_BIT(NAPI_STATE_SCHED);
	return true;
}

/*
 * process_backlog - the poll of the backlog NAPI: what netif_rx queued,
 * up to @quota packets (net.core.dev_weight).
 */
static int process_backlog(struct napi_struct *napi, int quota)
{
	struct softnet_data *sd =
		container_of(napi, struct softnet_data, backlog);
	int work = 0;

	napi->weight = sd->dev_weight; /* a new dev_weight applies next */
	while (work < quota) {
		struct sk_buff *skb = skb_dequeue(&sd->input_pkt_queue);

		if (!skb) {
			napi_complete_done(napi, work);
			break;
		}
		sd->processed++;
		work++;
		__netif_receive_skb(skb);
	}
	return work;
}

/*
 * napi_poll - one poll of @n with its weight.  A NAPI that did its whole
 * weight stays scheduled (@repoll), unless it is being disabled.
 */
static int napi_poll(struct napi_struct *n, struct list_head *repoll)
{
	int weight = n->weight, work = 0;

	list_del_init(&n->poll_list);
	if (n->state & NAPI_BIT(NAPI_STATE_SCHED)) {
		work = n->poll(n, weight);
		if (work > weight) /* a driver bug: count what was allowed */
			work = weight;
	}
	if (work < weight)
		return work;
	if (n->state & NAPI_BIT(NAPI_STATE_DISABLE)) {
		napi_complete(n);
		return work;
	}
	/* a repoll: what GRO held since an earlier jiffy and the batch
	 * go up, the rest of GRO's flows may grow in the next poll */
	napi_gro_flush(n, HZ >= 1000);
	gro_normal_list(n);
	if (list_empty(&n->poll_list))
		list_add_tail(&n->poll_list, repoll);
	return work;
}

/*
 * net_rx_action - the receive softirq: one pass over the scheduled NAPIs,
 * each polled with its weight, within net.core.netdev_budget packets and
 * netdev_budget_usecs of stack time; spending either with work left
 * counts a time_squeeze.  What stays scheduled goes back on the list for
 * the next round.  Return: true if receive work is left.
 */
bool net_rx_action(struct tn_stack *st)
{
	struct softnet_data *sd = &st->softnet;
	u64 time_limit;
	int budget = sd->netdev_budget;
	struct list_head list, repoll;

	/* not raised: nothing to poll, and no clock to read (every call
	 * leaving the stack comes here) */
	if (list_empty(&sd->poll_list))
		return false;
	time_limit = net_now() + (u64)sd->netdev_budget_usecs * NSEC_PER_USEC;
	INIT_LIST_HEAD(&list);
	INIT_LIST_HEAD(&repoll);
	while (!list_empty(&sd->poll_list))
		list_move_tail(sd->poll_list.next, &list);
	while (!list_empty(&list)) {
		struct napi_struct *n =
			list_first_entry(&list, struct napi_struct, poll_list);

		budget -= napi_poll(n, &repoll);
		if (unlikely(budget <= 0 || net_now() >= time_limit)) {
			if (!list_empty(&list) || !list_empty(&repoll) ||
			    !list_empty(&sd->poll_list))
				sd->time_squeeze++;
			break;
		}
	}
	/* the rest first, then what was scheduled meanwhile, then repolls */
	while (!list_empty(&sd->poll_list))
		list_move_tail(sd->poll_list.next, &list);
	while (!list_empty(&repoll))
		list_move_tail(repoll.next, &list);
	while (!list_empty(&list))
		list_move_tail(list.next, &sd->poll_list);
	return net_rx_pending(st);
}

/* Linux's SK_MEMORY_PCPU_RESERVE: 1 MB in pages, mem_pcpu_rsv's floor */
static int min_mem_pcpu_rsv = 1 << (20 - PAGE_SHIFT);

/* net.core.{netdev_budget,netdev_budget_usecs,dev_weight,mem_pcpu_rsv}:
 * init_net only, as on Linux (its net_hotdata) */
static struct ctl_table net_core_napi_table[] = {
	{ .procname = "netdev_budget",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "netdev_budget_usecs",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "dev_weight",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE },
	{ .procname = "mem_pcpu_rsv",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = &min_mem_pcpu_rsv },
	{}
};

static int napi_sysctl_net_init(struct net *net)
{
	struct softnet_data *sd = &net->st->softnet;
	struct ctl_table *t;

	if (net != net->st->init_net)
		return 0;
	t = kmemdup(net_core_napi_table, sizeof(net_core_napi_table),
		    GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t[0].data = &sd->netdev_budget;
	t[1].data = &sd->netdev_budget_usecs;
	t[2].data = &sd->dev_weight;
	t[3].data = &sd->sysctl_mem_pcpu_rsv;
	sd->sysctl_hdr = register_net_sysctl(net, "net/core", t);
	if (!sd->sysctl_hdr) {
		kfree(t);
		return -ENOMEM;
	}
	sd->sysctl_hdr->free_table = true;
	return 0;
}

static void napi_sysctl_net_exit(struct net *net)
{
	struct softnet_data *sd = &net->st->softnet;

	if (net != net->st->init_net)
		return;
	netdev_poll_fds_free(net->st);
	if (!sd->sysctl_hdr)
		return;
	unregister_net_sysctl_table(sd->sysctl_hdr);
	sd->sysctl_hdr = NULL;
}

static struct pernet_operations napi_sysctl_ops = {
	.init = napi_sysctl_net_init,
	.exit = napi_sysctl_net_exit,
};

/**
 * net_dev_init - the device layer (subsys init level): the packet type
 *	lists the families fill at the fs level, the softirq budgets, the
 *	backlog's NAPI context and the net.core keys that set them
 * Return: 0 or -errno.
 */
int net_dev_init(struct tn_stack *st)
{
	struct softnet_data *sd = &st->softnet;

	INIT_LIST_HEAD(&st->ptype_all);
	INIT_LIST_HEAD(&st->ptype_base);
	/* Linux's defaults: 300 packets, 8 ms (2 jiffies at HZ 250), 64 */
	sd->netdev_budget = 300;
	sd->netdev_budget_usecs = 8000;
	sd->dev_weight = 64;
	sd->sysctl_mem_pcpu_rsv = min_mem_pcpu_rsv;
	netif_napi_add_weight(NULL, &sd->backlog, process_backlog,
			      sd->dev_weight);
	napi_enable(&sd->backlog);
	return register_pernet_subsys(&napi_sysctl_ops);
}

/* net_dev_exit - once the namespaces are gone: the lists and notifiers */
void net_dev_exit(struct tn_stack *st)
{
	unregister_pernet_subsys(&napi_sysctl_ops);
	ptype_free(st);
	raw_notifier_chain_free(&st->netdev_chain);
}
