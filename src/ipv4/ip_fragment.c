// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 reassembly (RFC 791 3.2, RFC 815).  Fragments wait in queues keyed
 * by (source, destination, identification, protocol, user); each queue
 * keeps its fragments sorted by offset and never overlapping.  As Linux:
 *  - a fragment overlapping one already queued kills the whole queue
 *    (ReasmOverlaps; RFC 5722 does the same for IPv6); a fragment lying
 *    entirely within data already received is a duplicate, dropped alone;
 *  - a queue lives net.ipv4.ipfrag_time (30 s); when it expires, ICMP
 *    time exceeded (fragment reassembly) goes back if the first fragment
 *    had arrived (RFC 792), counted ReasmTimeout + ReasmFails;
 *  - memory (queues plus queued skbs' truesize) is accounted per
 *    namespace; above net.ipv4.ipfrag_high_thresh no fragment is accepted
 *    (ReasmFails) until queues complete or expire.  ipfrag_low_thresh is,
 *    as in Linux since 4.17, only the lower bound of high_thresh.
 *  - a datagram that would exceed 65535 bytes fails.
 * net.ipv4.ipfrag_max_dist is registered but not enforced (Linux uses it
 * to restart a queue whose source sent too many other fragments since).
 *
 * Linux counterpart: net/ipv4/ip_fragment.c, net/ipv4/inet_fragment.c.
 */
#include <linux/icmp.h>

#include <net/icmp.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/sysctl.h>

#define IPQ_HASHSZ	   64

#define INET_FRAG_FIRST_IN 0x01
#define INET_FRAG_LAST_IN  0x02
#define INET_FRAG_COMPLETE 0x04

/* ECN bits seen among the fragments (RFC 3168 5.3) */
#define IPFRAG_ECN_NOT_ECT 0x01
#define IPFRAG_ECN_ECT_1   0x02
#define IPFRAG_ECN_ECT_0   0x04
#define IPFRAG_ECN_CE	   0x08

/* One datagram being reassembled. */
struct ipq {
	struct hlist_node node; /* in inet_frags_net.hash */
	struct net *net;
	__be32 saddr, daddr;
	__be16 id;
	u8 protocol;
	u32 user;
	u8 flags; /* INET_FRAG_* */
	u8 ecn; /* IPFRAG_ECN_* seen */
	int len; /* total payload length, as far as known */
	int meat; /* payload bytes received */
	int max_size; /* largest fragment (IP header included) */
	int max_df_size; /* largest fragment that had DF set */
	int iif; /* device the last fragment came in on */
	struct sk_buff_head fragments; /* sorted by offset */
	struct timer_list timer;
};

/* Per-namespace reassembly state (net->ipv4.frags). */
struct inet_frags_net {
	struct hlist_head hash[IPQ_HASHSZ];
	long mem; /* bytes charged: queues and queued skbs */
	unsigned int nqueues;
};

/* What a queued fragment remembers, after the IP control block. */
struct ipfrag_skb_cb {
	struct inet_skb_parm h;
	int offset;
};

#define FRAG_CB(skb) ((struct ipfrag_skb_cb *)(void *)((skb)->cb))

static u8 ip4_frag_ecn(u8 tos)
{
	return (u8)(1 << (tos & 3));
}

static unsigned int ipq_hashfn(__be32 saddr, __be32 daddr, __be16 id,
			       u8 protocol)
{
	u32 h = ntohl(saddr) * 2654435761U;

	h ^= ntohl(daddr) * 2246822519U;
	h ^= ((u32)ntohs(id) << 8 | protocol) * 3266489917U;
	return (h >> 16) % IPQ_HASHSZ;
}

/*
 * ipq_kill - unhash and free @qp with the fragments still queued, counted
 * as dropped for @reason (SKB_CONSUMED after a successful reassembly)
 */
static void ipq_kill(struct ipq *qp, enum skb_drop_reason reason)
{
	struct inet_frags_net *nf = qp->net->ipv4.frags;
	struct sk_buff *skb;

	del_timer(&qp->timer);
	hlist_del_init(&qp->node);
	while ((skb = skb_dequeue(&qp->fragments))) {
		nf->mem -= skb->truesize;
		if (reason == SKB_CONSUMED)
			consume_skb(skb);
		else
			kfree_skb_reason(skb, reason);
	}
	nf->mem -= sizeof(*qp);
	nf->nqueues--;
	kfree(qp);
}

/* ip_expire - a queue timed out: tell the sender if we had its start */
static void ip_expire(struct timer_list *t)
{
	struct ipq *qp = from_timer(qp, t, timer);
	struct net *net = qp->net;
	struct inet_frags_net *nf = net->ipv4.frags;
	struct sk_buff *head = NULL;
	struct net_device *dev;
	const struct iphdr *iph;
	int iif = qp->iif;

	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMTIMEOUT);

	if (qp->flags & INET_FRAG_FIRST_IN) {
		head = skb_peek(&qp->fragments);
		if (head && FRAG_CB(head)->offset == 0) {
			skb_unlink(head, &qp->fragments);
			nf->mem -= head->truesize;
		} else {
			head = NULL;
		}
	}
	ipq_kill(qp, SKB_DROP_REASON_IP_FRAG_TIMEOUT);
	if (!head)
		return;

	/* The head has no route any more: look it up again. */
	dev = __dev_get_by_index(net, iif);
	if (dev) {
		head->dev = dev;
		iph = ip_hdr(head);
		if (!ip_route_input_noref(head, iph->daddr, iph->saddr,
					  iph->tos, dev))
			icmp_send(head, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME,
				  0);
	}
	head->dev = NULL;
	kfree_skb_reason(head, SKB_DROP_REASON_IP_FRAG_TIMEOUT);
}

/* ip_find - the queue for @iph's datagram, created if there is room */
static struct ipq *ip_find(struct net *net, const struct iphdr *iph, u32 user)
{
	struct inet_frags_net *nf = net->ipv4.frags;
	long high = net->ipv4.sysctl_ipfrag_high_thresh;
	unsigned int h =
		ipq_hashfn(iph->saddr, iph->daddr, iph->id, iph->protocol);
	struct ipq *qp;

	if (!nf || !high || nf->mem > high)
		return NULL;
	hlist_for_each_entry(qp, &nf->hash[h], node) {
		if (qp->saddr == iph->saddr && qp->daddr == iph->daddr &&
		    qp->id == iph->id && qp->protocol == iph->protocol &&
		    qp->user == user)
			return qp;
	}

	qp = kzalloc(sizeof(*qp), GFP_ATOMIC);
	if (!qp)
		return NULL;
	qp->net = net;
	qp->saddr = iph->saddr;
	qp->daddr = iph->daddr;
	qp->id = iph->id;
	qp->protocol = iph->protocol;
	qp->user = user;
	skb_queue_head_init(&qp->fragments);
	timer_setup(&qp->timer, ip_expire, net->st);
	mod_timer(&qp->timer, net_now() + (u64)net->ipv4.sysctl_ipfrag_time *
						  NSEC_PER_MSEC);
	hlist_add_head(&qp->node, &nf->hash[h]);
	nf->mem += sizeof(*qp);
	nf->nqueues++;
	return qp;
}

/* Insert @skb before @next in @list (@next may be the list head). */
static void ipq_insert_before(struct sk_buff_head *list, struct sk_buff *skb,
			      struct sk_buff *next)
{
	struct sk_buff *prev = next->prev;

	skb->next = next;
	skb->prev = prev;
	prev->next = skb;
	next->prev = skb;
	list->qlen++;
}

enum { IPFRAG_OK, IPFRAG_DUP, IPFRAG_OVERLAP };

/*
 * ipq_queue_insert - put [@offset, @end) in order; a duplicate lies wholly
 * within data already queued, an overlap only partly.
 */
static int ipq_queue_insert(struct ipq *qp, struct sk_buff *skb, int offset,
			    int end)
{
	struct sk_buff_head *list = &qp->fragments;
	struct sk_buff *last = skb_peek_tail(list), *f;
	int covered = offset;
	bool overlap = false;

	FRAG_CB(skb)->offset = offset;
	/* the common case: after everything queued */
	if (!last || FRAG_CB(last)->offset + (int)last->len <= offset) {
		skb_queue_tail(list, skb);
		return IPFRAG_OK;
	}
	skb_queue_walk(list, f) {
		int fo = FRAG_CB(f)->offset, fe = fo + (int)f->len;

		if (fe <= offset)
			continue;
		if (fo >= end)
			break;
		overlap = true;
		if (fo <= covered && fe > covered)
			covered = fe;
	}
	if (overlap)
		return covered >= end ? IPFRAG_DUP : IPFRAG_OVERLAP;
	skb_queue_walk(list, f) {
		if (FRAG_CB(f)->offset >= end)
			break;
	}
	ipq_insert_before(list, skb, f);
	return IPFRAG_OK;
}

/*
 * ip_frag_reasm - build the datagram in @skb (the fragment that completed
 * it, already queued): its buffer is replaced by one holding the head's IP
 * header and every fragment's data; the queue is freed by the caller.
 */
static int ip_frag_reasm(struct ipq *qp, struct sk_buff *skb)
{
	struct net *net = qp->net;
	struct sk_buff *head = skb_peek(&qp->fragments), *f, *nskb;
	unsigned int ihlen, len;
	struct iphdr *iph;
	u8 ecn = qp->ecn, tos_or = 0;

	/* RFC 3168 5.3: CE on any fragment marks the datagram; Not-ECT mixed
	 * with ECT is invalid. */
	if ((ecn & IPFRAG_ECN_NOT_ECT) && (ecn & ~IPFRAG_ECN_NOT_ECT))
		goto out_fail;
	if (ecn & IPFRAG_ECN_CE)
		tos_or = 3;

	ihlen = ip_hdrlen(head);
	len = ihlen + (unsigned int)qp->len;
	if (len > 65535) {
		net_dbg("tuxnet: oversized IP packet\n");
		goto out_fail;
	}

	nskb = alloc_skb(MAX_HEADER + len, GFP_ATOMIC);
	if (!nskb)
		goto out_fail;
	skb_reserve(nskb, MAX_HEADER);
	skb_put(nskb, len);
	memcpy(nskb->data, skb_network_header(head), ihlen);
	skb_queue_walk(&qp->fragments, f)
		memcpy(nskb->data + ihlen + FRAG_CB(f)->offset, f->data,
		       f->len);

	/* Give @skb the new buffer (and @nskb the old one, freed below). */
	skb_unlink(skb, &qp->fragments);
	qp->net->ipv4.frags->mem -= skb->truesize;
	{
		unsigned char *h = skb->head, *d = skb->data, *t = skb->tail,
			      *e = skb->end;
		unsigned int ts = skb->truesize, l = skb->len;
		u8 cl = skb->cloned;

		skb->head = nskb->head;
		skb->data = nskb->data;
		skb->tail = nskb->tail;
		skb->end = nskb->end;
		skb->truesize = nskb->truesize;
		skb->len = nskb->len;
		skb->cloned = nskb->cloned;
		nskb->head = h;
		nskb->data = d;
		nskb->tail = t;
		nskb->end = e;
		nskb->truesize = ts;
		nskb->len = l;
		nskb->cloned = cl;
	}
	consume_skb(nskb);

	skb_reset_network_header(skb);
	skb->transport_header = (u16)(skb->network_header + ihlen);
	iph = ip_hdr(skb);
	iph->tot_len = htons((u16)len);
	iph->tos |= tos_or;
	IPCB(skb)->frag_max_size =
		(u16)max_t(int, qp->max_size, qp->max_df_size);
	/* DF on every fragment: keep it, and refragment to the same size */
	if (qp->max_df_size == qp->max_size) {
		IPCB(skb)->flags |= IPSKB_FRAG_PMTU;
		iph->frag_off = htons(IP_DF);
	} else {
		iph->frag_off = 0;
	}
	ip_send_check(iph);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMOKS);
	qp->flags |= INET_FRAG_COMPLETE;
	return 0;

out_fail:
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	return -EINVAL;
}

/* ip_frag_queue - add @skb to @qp; consumes @skb (queued or dropped) */
static int ip_frag_queue(struct ipq *qp, struct sk_buff *skb)
{
	struct net *net = qp->net;
	const struct iphdr *iph = ip_hdr(skb);
	int offset, end, flags, ihl, fragsize, err;
	enum skb_drop_reason reason = SKB_DROP_REASON_IP_FRAG_OVERLAP;

	if (qp->flags & INET_FRAG_COMPLETE) {
		kfree_skb(skb);
		return -EINVAL;
	}

	offset = ntohs(iph->frag_off);
	flags = offset & ~IP_OFFSET;
	offset = (offset & IP_OFFSET) << 3;
	ihl = (int)ip_hdrlen(skb);
	end = offset + (int)skb->len - skb_network_offset(skb) - ihl;
	err = -EINVAL;

	if (!(flags & IP_MF)) {
		/* the last fragment: nothing may lie beyond it */
		if (end < qp->len ||
		    ((qp->flags & INET_FRAG_LAST_IN) && end != qp->len))
			goto discard_qp;
		qp->flags |= INET_FRAG_LAST_IN;
		qp->len = end;
	} else {
		end &= ~7; /* RFC 791: non-last fragments hold 8-byte units */
		if (end > qp->len) {
			if (qp->flags & INET_FRAG_LAST_IN)
				goto discard_qp;
			qp->len = end;
		}
	}
	if (end == offset)
		goto discard_qp;

	skb_pull(skb, (unsigned int)(skb_network_offset(skb) + ihl));
	skb_trim(skb, (unsigned int)(end - offset));

	switch (ipq_queue_insert(qp, skb, offset, end)) {
	case IPFRAG_DUP:
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_FRAG_OVERLAP);
		return -EINVAL;
	case IPFRAG_OVERLAP:
		__IP_INC_STATS(net, IPSTATS_MIB_REASM_OVERLAPS);
		goto discard_qp;
	default:
		break;
	}

	if (skb->dev)
		qp->iif = skb->dev->ifindex;
	FRAG_CB(skb)->h.iif = qp->iif;
	/* a queued fragment keeps no route and no device pointer */
	skb_dst_drop(skb);
	skb->dev = NULL;
	qp->meat += (int)skb->len;
	qp->ecn |= ip4_frag_ecn(ip_hdr(skb)->tos);
	net->ipv4.frags->mem += skb->truesize;
	if (offset == 0)
		qp->flags |= INET_FRAG_FIRST_IN;

	fragsize = (int)skb->len + ihl;
	if (fragsize > qp->max_size)
		qp->max_size = fragsize;
	if ((ip_hdr(skb)->frag_off & htons(IP_DF)) &&
	    fragsize > qp->max_df_size)
		qp->max_df_size = fragsize;

	if (qp->flags == (INET_FRAG_FIRST_IN | INET_FRAG_LAST_IN) &&
	    qp->meat == qp->len)
		return -EAGAIN; /* complete: the caller reassembles */
	return -EINPROGRESS;

discard_qp:
	ipq_kill(qp, reason);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	kfree_skb_reason(skb, reason);
	return err;
}

/**
 * ip_defrag - add a fragment to its datagram
 * @net: namespace
 * @skb: a fragment, data at its IP header; consumed unless it completes
 *	the datagram
 * @user: who reassembles (IP_DEFRAG_LOCAL_DELIVER)
 *
 * Return: 0 when the datagram is complete: @skb now holds all of it (data
 *	at the IP header, MF and offset cleared) and the caller goes on with
 *	it; -EINPROGRESS when it was queued; another -errno when dropped.
 */
int ip_defrag(struct net *net, struct sk_buff *skb, u32 user)
{
	struct net_device *dev = skb->dev;
	struct dst_entry *dst;
	struct ipq *qp;
	int err;

	__IP_INC_STATS(net, IPSTATS_MIB_REASMREQDS);
	skb_orphan(skb);
	/* reassembly copies each fragment's bytes from its head */
	if (unlikely(skb_linearize(skb))) {
		__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_FRAG_MEM);
		return -ENOMEM;
	}

	qp = ip_find(net, ip_hdr(skb), user);
	if (!qp) {
		__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_FRAG_MEM);
		return -ENOMEM;
	}

	/* keep the completing fragment's route for the whole datagram */
	dst = skb_dst(skb);
	if (dst)
		dst_hold(dst);
	err = ip_frag_queue(qp, skb);
	if (err != -EAGAIN) {
		if (dst)
			dst_release(dst);
		return err;
	}
	err = ip_frag_reasm(qp, skb);
	ipq_kill(qp, err ? SKB_DROP_REASON_IP_FRAG_MEM : SKB_CONSUMED);
	if (err) {
		if (dst)
			dst_release(dst);
		return err;
	}
	skb->dev = dev;
	skb_dst_set(skb, dst);
	return 0;
}

/* ---- per-namespace state and sysctls ---- */

static const struct ctl_table ip4_frags_ns_ctl_table[] = {
	{ .procname = "ipfrag_high_thresh",
	  .maxlen = sizeof(long),
	  .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ .procname = "ipfrag_low_thresh",
	  .maxlen = sizeof(long),
	  .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ .procname = "ipfrag_time",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_jiffies },
	{ .procname = "ipfrag_max_dist",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{},
};

static int ipv4_frags_init_net(struct net *net)
{
	struct ctl_table *table;
	struct ctl_table_header *hdr;

	/* Linux's defaults: 4 MiB, 3 MiB, 30 s, 64 */
	net->ipv4.sysctl_ipfrag_high_thresh = 4L * 1024 * 1024;
	net->ipv4.sysctl_ipfrag_low_thresh = 3L * 1024 * 1024;
	net->ipv4.sysctl_ipfrag_time = 30 * 1000;
	net->ipv4.sysctl_ipfrag_max_dist = 64;

	net->ipv4.frags = kzalloc(sizeof(struct inet_frags_net), GFP_KERNEL);
	if (!net->ipv4.frags)
		return -ENOMEM;

	table = kmemdup(ip4_frags_ns_ctl_table, sizeof(ip4_frags_ns_ctl_table),
			GFP_KERNEL);
	if (!table)
		goto err_free_frags;
	table[0].data = &net->ipv4.sysctl_ipfrag_high_thresh;
	table[0].extra1 = &net->ipv4.sysctl_ipfrag_low_thresh;
	table[1].data = &net->ipv4.sysctl_ipfrag_low_thresh;
	table[1].extra2 = &net->ipv4.sysctl_ipfrag_high_thresh;
	table[2].data = &net->ipv4.sysctl_ipfrag_time;
	table[3].data = &net->ipv4.sysctl_ipfrag_max_dist;
	hdr = register_net_sysctl(net, "net/ipv4", table);
	if (!hdr)
		goto err_free_table;
	hdr->free_table = true;
	net->ipv4.frag_sysctl_hdr = hdr;
	return 0;

err_free_table:
	kfree(table);
err_free_frags:
	kfree(net->ipv4.frags);
	net->ipv4.frags = NULL;
	return -ENOMEM;
}

static void ipv4_frags_exit_net(struct net *net)
{
	struct inet_frags_net *nf = net->ipv4.frags;
	struct hlist_node *tmp;
	struct ipq *qp;
	unsigned int i;

	unregister_net_sysctl_table(net->ipv4.frag_sysctl_hdr);
	net->ipv4.frag_sysctl_hdr = NULL;
	if (!nf)
		return;
	for (i = 0; i < IPQ_HASHSZ; i++)
		hlist_for_each_entry_safe(qp, tmp, &nf->hash[i], node)
			ipq_kill(qp, SKB_DROP_REASON_QUEUE_PURGE);
	kfree(nf);
	net->ipv4.frags = NULL;
}

static struct pernet_operations ip4_frags_ops = {
	.init = ipv4_frags_init_net,
	.exit = ipv4_frags_exit_net,
};

/**
 * ipfrag_init - per-namespace reassembly state and its sysctls
 * @st: the stack being initialised (called by ip_init)
 * Return: 0 or -errno.
 */
int ipfrag_init(struct tn_stack *st)
{
	BUILD_BUG_ON(sizeof(struct ipfrag_skb_cb) >
		     sizeof(((struct sk_buff *)0)->cb));
	(void)st;
	return register_pernet_subsys(&ip4_frags_ops);
}

void ip_frag_stats(struct net *net, unsigned int *inuse, long *mem)
{
	const struct inet_frags_net *nf = net->ipv4.frags;

	*inuse = nf ? nf->nqueues : 0;
	*mem = nf ? nf->mem : 0;
}
