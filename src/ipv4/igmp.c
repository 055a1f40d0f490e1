// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPv4 multicast membership and IGMP (RFC 1112, RFC 2236, RFC 3376).
 *
 * A device's groups (in_dev->mc_list, newest first) each count their
 * users: sockets that joined and the device itself for 224.0.0.1, which
 * every multicast-capable device joins while up.  Each group keeps a
 * source filter made of its users' filters (RFC 3376 3.2) and maps to a
 * link-layer address on the device (dev_mc_add).  Sockets keep their own
 * list (inet->mc_list) with their source lists; ip_mc_sf_allow() decides
 * delivery per socket, ip_check_mc_rcu() whether the host wants a group.
 *
 * Reports: IGMPv3 by default; v1/v2 while an older querier was heard or
 * conf.{all,DEV}.force_igmp_version says so.  A join sends
 * net.ipv4.igmp_qrv reports (v3: at once, then within
 * igmpv3_unsolicited_report_interval; v2: within 1 s, then within
 * igmpv2_unsolicited_report_interval), a leave a v2 leave (if we were the
 * last reporter) or v3 state-change records.  Queries are answered after
 * a random delay up to their maximum response time, on the stack's clock.
 * Multicast routing (mroute) is not built: MRT_* options are refused.
 *
 * Linux counterpart: net/ipv4/igmp.c.
 */
#include <net/igmp.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/protocol.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/sysctl.h>

/* RFC 3376 4.1.1: the max resp code, 1/10 s, in floating point above 127 */
#define IGMPV3_MRC(v) \
	((v) < 128 ? (v) : (((v)&0x0f) | 0x10) << ((((v) >> 4) & 0x07) + 3))
/*
 * Option memory (net.core.optmem_max): what Linux's sock_kmalloc() charges
 * a socket for its memberships and source lists, in Linux's sizes (64-bit
 * struct ip_mc_socklist, struct ip_sf_socklist with @n sources).
 */
#define IP_MC_SOCKLIST_OMEM 48
#define IP_SFLIST_OMEM(n)   (24 + 4 * (int)(n))
#define IGMP_MSEC	    NSEC_PER_MSEC
/* v1 queries: 10 s (RFC 1112); the initial v1/v2 report: within 1 s */
#define IGMP_QUERY_RESPONSE_INTERVAL (IGMP_MSEC * 10 * 1000)
#define IGMP_INITIAL_REPORT_DELAY    (1000 * IGMP_MSEC)
/* RFC 3376 8.2, 8.14, 8.3: query interval and response interval */
#define IGMP_QUERY_INTERVAL	(IGMP_MSEC * 125 * 1000)
#define IGMP_QUERY_RESPONSE_INT (IGMP_MSEC * 10 * 1000)
#define IGMP_TIMER_SCALE	10 /* max resp code: 1/10 s */
#define IGMP_TICK		(IGMP_MSEC * 2 * 4) /* Linux's +2 jiffies */
#define IP_SFBLOCK		10

/* ---- net.ipv4.igmp_* ---- */

struct igmp_net {
	int max_memberships;
	int max_msf;
	int qrv;
	int llm_reports;
	struct ctl_table_header *hdr;
};

static unsigned int igmp_net_id;

static struct igmp_net *igmp_pernet(const struct net *net)
{
	return net_generic(net, igmp_net_id);
}

static const int igmp_qrv_min = 1;

static const struct ctl_table igmp_table[] = {
	{ .procname = "igmp_link_local_mcast_reports",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "igmp_max_memberships",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "igmp_max_msf",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "igmp_qrv",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = (void *)&igmp_qrv_min },
	{ 0 }
};

static u64 igmp_now(const struct in_device *in_dev)
{
	return ktime_get_ns(dev_net(in_dev->dev)->st);
}

/* a random delay in [0, @max) ns, in whole ms as Linux's jiffies */
static u64 igmp_rand(u64 max)
{
	u64 ms = max / IGMP_MSEC;

	return ms ? (get_random_u32() % ms) * IGMP_MSEC : 0;
}

static int igmp_force(const struct in_device *in_dev)
{
	struct net *net = dev_net(in_dev->dev);

	if (IPV4_DEVCONF_ALL(net, FORCE_IGMP_VERSION))
		return IPV4_DEVCONF_ALL(net, FORCE_IGMP_VERSION);
	return IN_DEV_CONF_GET(in_dev, FORCE_IGMP_VERSION);
}

static bool igmp_v1_seen(const struct in_device *in_dev)
{
	return igmp_force(in_dev) == 1 ||
	       (in_dev->mr_v1_seen && igmp_now(in_dev) < in_dev->mr_v1_seen);
}

static bool igmp_v2_seen(const struct in_device *in_dev)
{
	return igmp_force(in_dev) == 2 ||
	       (in_dev->mr_v2_seen && igmp_now(in_dev) < in_dev->mr_v2_seen);
}

static int igmp_qrv(const struct in_device *in_dev)
{
	return in_dev->mr_qrv ? in_dev->mr_qrv
			      : igmp_pernet(dev_net(in_dev->dev))->qrv;
}

static u64 unsolicited_report_interval(const struct in_device *in_dev)
{
	int ms;

	if (igmp_v1_seen(in_dev) || igmp_v2_seen(in_dev))
		ms = IN_DEV_CONF_GET(in_dev,
				     IGMPV2_UNSOLICITED_REPORT_INTERVAL);
	else
		ms = IN_DEV_CONF_GET(in_dev,
				     IGMPV3_UNSOLICITED_REPORT_INTERVAL);
	return ms > 0 ? (u64)ms * IGMP_MSEC : IGMP_MSEC;
}

/* 224.0.0.x other than all-hosts is reported only if the sysctl says so */
static bool igmp_reported(const struct in_device *in_dev, __be32 group)
{
	if (group == IGMP_ALL_HOSTS)
		return false;
	return !ipv4_is_local_multicast(group) ||
	       igmp_pernet(dev_net(in_dev->dev))->llm_reports;
}

/* ---- sending ---- */

/* The route and source for a report out of @dev; NULL if none. */
static struct rtable *igmp_route(struct net_device *dev, __be32 dst,
				 __be32 *saddr)
{
	struct flowi4 fl4;
	struct rtable *rt;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = dst;
	fl4.flowi4_oif = dev->ifindex;
	fl4.flowi4_proto = IPPROTO_IGMP;
	rt = ip_route_output_key(dev_net(dev), &fl4);
	if (IS_ERR(rt))
		return NULL;
	*saddr = fl4.saddr;
	return rt;
}

/*
 * An IGMP packet as Linux sends them: TOS 0xc0, TTL 1, DF, ID 0 and the
 * router alert option (RFC 2113).  @payload is the IGMP message with a
 * zero checksum.
 */
static int igmp_xmit(struct in_device *in_dev, __be32 dst, void *payload,
		     unsigned int len)
{
	struct net_device *dev = in_dev->dev;
	struct net *net = dev_net(dev);
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	struct rtable *rt;
	struct iphdr *iph;
	__be32 saddr = 0;
	u8 *opt;

	rt = igmp_route(dev, dst, &saddr);
	if (!rt)
		return -1;
	skb = alloc_skb(hlen + sizeof(*iph) + 4 + len, GFP_ATOMIC);
	if (!skb) {
		ip_rt_put(rt);
		return -1;
	}
	skb_reserve(skb, (int)hlen);
	skb_dst_set(skb, &rt->dst);
	iph = skb_put_zero(skb, sizeof(*iph) + 4);
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = (sizeof(*iph) + 4) >> 2;
	iph->tos = 0xc0;
	iph->frag_off = htons(IP_DF);
	iph->ttl = 1;
	iph->daddr = dst;
	iph->saddr = saddr;
	iph->protocol = IPPROTO_IGMP;
	opt = (u8 *)(iph + 1);
	opt[0] = IPOPT_RA;
	opt[1] = 4;
	skb->transport_header = (u16)(skb->network_header + sizeof(*iph) + 4);
	skb_put_data(skb, payload, len);
	{
		struct igmphdr *ih = (struct igmphdr *)(void *)(opt + 4);

		ih->csum = csum_fold(csum_partial(ih, (int)len, 0));
	}
	return ip_local_out(net, NULL, skb);
}

/* A v1 or v2 report for @group, or a v2 leave (sent to 224.0.0.2). */
static void igmp_send_report(struct in_device *in_dev, __be32 group, int type)
{
	struct igmphdr ih;

	memset(&ih, 0, sizeof(ih));
	ih.type = (u8)type;
	ih.group = group;
	igmp_xmit(in_dev,
		  type == IGMP_HOST_LEAVE_MESSAGE ? IGMP_ALL_ROUTER : group,
		  &ih, sizeof(ih));
}

/* IGMPv3 reports: records gathered in one message up to the MTU. */
struct igmpv3_msg {
	struct in_device *in_dev;
	unsigned int len, room;
	u16 ngrec;
	_Alignas(4) u8 buf[IP_MAX_MTU]; /* records are 32-bit aligned */
};

static void igmpv3_flush(struct igmpv3_msg *m)
{
	struct igmpv3_report *rep = (struct igmpv3_report *)(void *)m->buf;

	if (!m->ngrec)
		return;
	rep->type = IGMPV3_HOST_MEMBERSHIP_REPORT;
	rep->resv1 = 0;
	rep->csum = 0;
	rep->resv2 = 0;
	rep->ngrec = htons(m->ngrec);
	igmp_xmit(m->in_dev, IGMPV3_ALL_MCR, m->buf, m->len);
	m->len = sizeof(struct igmpv3_report);
	m->ngrec = 0;
}

static struct igmpv3_msg *igmpv3_msg_new(struct in_device *in_dev)
{
	struct igmpv3_msg *m = kzalloc(sizeof(*m), GFP_ATOMIC);
	unsigned int mtu = in_dev->dev->mtu;

	if (!m)
		return NULL;
	m->in_dev = in_dev;
	m->len = sizeof(struct igmpv3_report);
	if (mtu > IP_MAX_MTU)
		mtu = IP_MAX_MTU;
	m->room = mtu - sizeof(struct iphdr) - 4;
	return m;
}

static void igmpv3_msg_free(struct igmpv3_msg *m)
{
	if (m) {
		igmpv3_flush(m);
		kfree(m);
	}
}

/* Is @psf in a record of @type for @pmc?  (RFC 3376 5.1, 5.2) */
static bool is_in(const struct ip_mc_list *pmc, const struct ip_sf_list *psf,
		  int type, bool gdeleted, bool sdeleted)
{
	switch (type) {
	case IGMPV3_MODE_IS_INCLUDE:
	case IGMPV3_MODE_IS_EXCLUDE:
		if (gdeleted || sdeleted)
			return false;
		if (pmc->gsquery && !psf->sf_gsresp)
			return false;
		if (pmc->sfmode == MCAST_INCLUDE)
			return true;
		if (psf->sf_count[MCAST_INCLUDE])
			return type == IGMPV3_MODE_IS_INCLUDE;
		return pmc->sfcount[MCAST_EXCLUDE] ==
		       psf->sf_count[MCAST_EXCLUDE];
	case IGMPV3_CHANGE_TO_INCLUDE:
		if (gdeleted || sdeleted)
			return false;
		return psf->sf_count[MCAST_INCLUDE] != 0;
	case IGMPV3_CHANGE_TO_EXCLUDE:
		if (gdeleted || sdeleted)
			return false;
		if (!pmc->sfcount[MCAST_EXCLUDE] ||
		    psf->sf_count[MCAST_INCLUDE])
			return false;
		return pmc->sfcount[MCAST_EXCLUDE] ==
		       psf->sf_count[MCAST_EXCLUDE];
	case IGMPV3_ALLOW_NEW_SOURCES:
		if (gdeleted || !psf->sf_crcount)
			return false;
		return (pmc->sfmode == MCAST_INCLUDE) ^ sdeleted;
	case IGMPV3_BLOCK_OLD_SOURCES:
		if (pmc->sfmode == MCAST_INCLUDE)
			return gdeleted || (psf->sf_crcount && sdeleted);
		return psf->sf_crcount && !gdeleted && !sdeleted;
	}
	return false;
}

/* Append one group record; change records count their sources down. */
static void add_grec(struct igmpv3_msg *m, struct ip_mc_list *pmc, int type,
		     bool gdeleted, bool sdeleted)
{
	bool isquery = type == IGMPV3_MODE_IS_INCLUDE ||
		       type == IGMPV3_MODE_IS_EXCLUDE;
	bool change = type == IGMPV3_ALLOW_NEW_SOURCES ||
		      type == IGMPV3_BLOCK_OLD_SOURCES;
	struct ip_sf_list **pp = sdeleted ? &pmc->tomb : &pmc->sources;
	struct ip_sf_list *psf;
	struct igmpv3_grec *grec = NULL;
	u16 nsrcs = 0;

	if (pmc->multiaddr == IGMP_ALL_HOSTS)
		return;
	/* cppcheck-suppress uninitvar ; *pp is a list link, set (kzalloc) */
	while ((psf = *pp) != NULL) {
		if (!is_in(pmc, psf, type, gdeleted, sdeleted)) {
			pp = &psf->sf_next;
			continue;
		}
		/* RFC 3376 5.1: no source changes beside a mode change */
		if (!(change && ((gdeleted && pmc->sfmode == MCAST_EXCLUDE) ||
				 (!gdeleted && pmc->crcount)))) {
			if (isquery)
				psf->sf_gsresp = 0;
			if (!grec || m->len + 4 > m->room) {
				if (grec) {
					grec->grec_nsrcs = htons(nsrcs);
					igmpv3_flush(m);
				}
				if (m->len + sizeof(*grec) + 4 > m->room)
					igmpv3_flush(m);
				grec = (struct igmpv3_grec *)(void *)(m->buf +
								      m->len);
				memset(grec, 0, sizeof(*grec));
				grec->grec_type = (u8)type;
				grec->grec_mca = pmc->multiaddr;
				m->len += sizeof(*grec);
				m->ngrec++;
				nsrcs = 0;
			}
			memcpy(m->buf + m->len, &psf->sf_inaddr, 4);
			m->len += 4;
			nsrcs++;
		}
		if (change && psf->sf_crcount) {
			psf->sf_crcount--;
			if ((sdeleted || gdeleted) && !psf->sf_crcount) {
				*pp = psf->sf_next;
				kfree(psf);
				continue;
			}
		}
		pp = &psf->sf_next;
	}
	if (grec) {
		grec->grec_nsrcs = htons(nsrcs);
		return;
	}
	if (change)
		return;
	if (!pmc->crcount && !isquery)
		return;
	if (m->len + sizeof(*grec) > m->room)
		igmpv3_flush(m);
	grec = (struct igmpv3_grec *)(void *)(m->buf + m->len);
	memset(grec, 0, sizeof(*grec));
	grec->grec_type = (u8)type;
	grec->grec_mca = pmc->multiaddr;
	m->len += sizeof(*grec);
	m->ngrec++;
}

/* Current-state records: for one group (@pmc) or all of them. */
static void igmpv3_send_report(struct in_device *in_dev, struct ip_mc_list *pmc)
{
	struct igmpv3_msg *m = igmpv3_msg_new(in_dev);
	struct ip_mc_list *p;

	if (!m)
		return;
	for (p = in_dev->mc_list; p; p = p->next) {
		if (pmc && p != pmc)
			continue;
		if (!igmp_reported(in_dev, p->multiaddr))
			continue;
		add_grec(m, p,
			 p->sfcount[MCAST_EXCLUDE] ? IGMPV3_MODE_IS_EXCLUDE
						   : IGMPV3_MODE_IS_INCLUDE,
			 false, false);
	}
	igmpv3_msg_free(m);
}

static void igmpv3_clear_zeros(struct ip_sf_list **pp)
{
	struct ip_sf_list *psf, *next;

	for (psf = *pp; psf; psf = next) {
		next = psf->sf_next;
		if (psf->sf_crcount == 0) {
			*pp = next;
			kfree(psf);
		} else {
			pp = &psf->sf_next;
		}
	}
}

static void ip_sf_list_free(struct ip_sf_list *psf)
{
	while (psf) {
		struct ip_sf_list *next = psf->sf_next;

		kfree(psf);
		psf = next;
	}
}

static void ip_ma_free(struct ip_mc_list *im)
{
	ip_sf_list_free(im->sources);
	ip_sf_list_free(im->tomb);
	kfree(im);
}

/* State-change records: left groups, source changes, mode changes. */
static void igmpv3_send_cr(struct in_device *in_dev)
{
	struct igmpv3_msg *m = igmpv3_msg_new(in_dev);
	struct ip_mc_list *pmc, **pp;

	if (!m)
		return;
	for (pp = &in_dev->mc_tomb; (pmc = *pp) != NULL;) {
		if (pmc->sfmode == MCAST_INCLUDE) {
			add_grec(m, pmc, IGMPV3_BLOCK_OLD_SOURCES, true, false);
			add_grec(m, pmc, IGMPV3_BLOCK_OLD_SOURCES, true, true);
		}
		if (pmc->crcount) {
			if (pmc->sfmode == MCAST_EXCLUDE)
				add_grec(m, pmc, IGMPV3_CHANGE_TO_INCLUDE, true,
					 false);
			if (--pmc->crcount == 0) {
				igmpv3_clear_zeros(&pmc->tomb);
				igmpv3_clear_zeros(&pmc->sources);
			}
		}
		if (!pmc->crcount && !pmc->tomb && !pmc->sources) {
			*pp = pmc->next;
			ip_ma_free(pmc);
		} else {
			pp = &pmc->next;
		}
	}
	for (pmc = in_dev->mc_list; pmc; pmc = pmc->next) {
		int type, dtype;

		if (!igmp_reported(in_dev, pmc->multiaddr))
			continue;
		if (pmc->sfcount[MCAST_EXCLUDE]) {
			type = IGMPV3_BLOCK_OLD_SOURCES;
			dtype = IGMPV3_ALLOW_NEW_SOURCES;
		} else {
			type = IGMPV3_ALLOW_NEW_SOURCES;
			dtype = IGMPV3_BLOCK_OLD_SOURCES;
		}
		add_grec(m, pmc, type, false, false);
		add_grec(m, pmc, dtype, false, true);
		if (pmc->crcount) {
			add_grec(m, pmc,
				 pmc->sfmode == MCAST_EXCLUDE
					 ? IGMPV3_CHANGE_TO_EXCLUDE
					 : IGMPV3_CHANGE_TO_INCLUDE,
				 false, false);
			pmc->crcount--;
		}
	}
	igmpv3_msg_free(m);
}

/* ---- timers ---- */

static void igmp_stop_timer(struct ip_mc_list *im)
{
	del_timer(&im->timer);
	im->tm_running = 0;
	im->reporter = 0;
	im->unsolicit_count = 0;
}

static void igmp_start_timer(struct ip_mc_list *im, u64 max_delay)
{
	u64 now = igmp_now(im->interface);

	im->tm_running = 1;
	mod_timer(&im->timer, now + igmp_rand(max_delay) + IGMP_TICK);
}

/* A query asks for a report within @max_delay: keep an earlier timer. */
static void igmp_mod_timer(struct ip_mc_list *im, u64 max_delay)
{
	u64 now = igmp_now(im->interface);

	im->unsolicit_count = 0;
	if (timer_pending(&im->timer) && im->timer.expires - now < max_delay)
		return;
	igmp_start_timer(im, max_delay);
}

static void igmp_timer_expire(struct timer_list *t)
{
	struct ip_mc_list *im = from_timer(im, t, timer);
	struct in_device *in_dev = im->interface;

	im->tm_running = 0;
	if (im->unsolicit_count && --im->unsolicit_count)
		igmp_start_timer(im, unsolicited_report_interval(in_dev));
	im->reporter = 1;
	if (igmp_v1_seen(in_dev))
		igmp_send_report(in_dev, im->multiaddr,
				 IGMP_HOST_MEMBERSHIP_REPORT);
	else if (igmp_v2_seen(in_dev))
		igmp_send_report(in_dev, im->multiaddr,
				 IGMPV2_HOST_MEMBERSHIP_REPORT);
	else
		igmpv3_send_report(in_dev, im);
	im->gsquery = 0;
}

static void igmp_ifc_start_timer(struct in_device *in_dev, u64 delay)
{
	mod_timer(&in_dev->mr_ifc_timer,
		  igmp_now(in_dev) + igmp_rand(delay) + IGMP_TICK);
}

static void igmp_ifc_timer_expire(struct timer_list *t)
{
	struct in_device *in_dev = from_timer(in_dev, t, mr_ifc_timer);

	igmpv3_send_cr(in_dev);
	if (in_dev->mr_ifc_count && --in_dev->mr_ifc_count)
		igmp_ifc_start_timer(in_dev,
				     unsolicited_report_interval(in_dev));
}

/* Something changed: v3 state-change reports, qrv of them. */
static void igmp_ifc_event(struct in_device *in_dev)
{
	if (igmp_v1_seen(in_dev) || igmp_v2_seen(in_dev))
		return;
	in_dev->mr_ifc_count = (unsigned char)igmp_qrv(in_dev);
	igmp_ifc_start_timer(in_dev, IGMP_MSEC);
}

static void igmp_gq_timer_expire(struct timer_list *t)
{
	struct in_device *in_dev = from_timer(in_dev, t, mr_gq_timer);

	in_dev->mr_gq_running = 0;
	igmpv3_send_report(in_dev, NULL);
}

static void igmp_gq_start_timer(struct in_device *in_dev)
{
	u64 exp = igmp_now(in_dev) + igmp_rand(in_dev->mr_maxdelay) + IGMP_TICK;

	if (in_dev->mr_gq_running && exp >= in_dev->mr_gq_timer.expires)
		return;
	in_dev->mr_gq_running = 1;
	mod_timer(&in_dev->mr_gq_timer, exp);
}

/* ---- the device's groups ---- */

static void ip_mc_filter_add(struct in_device *in_dev, __be32 addr)
{
	unsigned char buf[MAX_ADDR_LEN];

	if (in_dev->dev->type != ARPHRD_ETHER)
		return; /* as arp_mc_map: only Ethernet maps groups */
	ip_eth_mc_map(addr, buf);
	dev_mc_add(in_dev->dev, buf);
}

static void ip_mc_filter_del(struct in_device *in_dev, __be32 addr)
{
	unsigned char buf[MAX_ADDR_LEN];

	if (in_dev->dev->type != ARPHRD_ETHER)
		return;
	ip_eth_mc_map(addr, buf);
	dev_mc_del(in_dev->dev, buf);
}

/* Forget a left group's pending v3 records (it is joined again). */
static void igmpv3_del_delrec(struct in_device *in_dev, struct ip_mc_list *im)
{
	struct ip_mc_list *pmc, **pp;

	for (pp = &in_dev->mc_tomb; (pmc = *pp) != NULL; pp = &pmc->next) {
		if (pmc->multiaddr != im->multiaddr)
			continue;
		*pp = pmc->next;
		if (im->sfmode == MCAST_INCLUDE) {
			ip_sf_list_free(im->tomb);
			im->tomb = pmc->tomb;
			pmc->tomb = NULL;
		}
		ip_ma_free(pmc);
		return;
	}
}

/* Remember a left group so that v3 reports can say so qrv times. */
static void igmpv3_add_delrec(struct in_device *in_dev, struct ip_mc_list *im)
{
	struct ip_mc_list *pmc = kzalloc(sizeof(*pmc), GFP_ATOMIC);
	struct ip_sf_list *psf;

	if (!pmc)
		return;
	pmc->interface = in_dev;
	pmc->multiaddr = im->multiaddr;
	pmc->crcount = (unsigned char)igmp_qrv(in_dev);
	pmc->sfmode = im->sfmode;
	if (pmc->sfmode == MCAST_INCLUDE) {
		pmc->tomb = im->tomb;
		pmc->sources = im->sources;
		im->tomb = im->sources = NULL;
		for (psf = pmc->sources; psf; psf = psf->sf_next)
			psf->sf_crcount = pmc->crcount;
	}
	pmc->next = in_dev->mc_tomb;
	in_dev->mc_tomb = pmc;
}

static void igmpv3_clear_delrec(struct in_device *in_dev)
{
	struct ip_mc_list *pmc;

	while ((pmc = in_dev->mc_tomb) != NULL) {
		in_dev->mc_tomb = pmc->next;
		ip_ma_free(pmc);
	}
	for (pmc = in_dev->mc_list; pmc; pmc = pmc->next) {
		ip_sf_list_free(pmc->tomb);
		pmc->tomb = NULL;
	}
}

static void igmp_group_added(struct ip_mc_list *im)
{
	struct in_device *in_dev = im->interface;

	if (!im->loaded) {
		im->loaded = 1;
		ip_mc_filter_add(in_dev, im->multiaddr);
	}
	if (in_dev->dead || !igmp_reported(in_dev, im->multiaddr))
		return;
	im->unsolicit_count =
		(unsigned char)igmp_pernet(dev_net(in_dev->dev))->qrv;
	if (igmp_v1_seen(in_dev) || igmp_v2_seen(in_dev)) {
		igmp_start_timer(im, IGMP_INITIAL_REPORT_DELAY);
		return;
	}
	/* RFC 3376 5.1: a new INCLUDE group reports only its sources */
	if (im->sfmode == MCAST_EXCLUDE)
		im->crcount = (unsigned char)igmp_qrv(in_dev);
	igmp_ifc_event(in_dev);
}

static void igmp_group_dropped(struct ip_mc_list *im)
{
	struct in_device *in_dev = im->interface;
	bool reporter = im->reporter;

	if (im->loaded) {
		im->loaded = 0;
		ip_mc_filter_del(in_dev, im->multiaddr);
	}
	if (!igmp_reported(in_dev, im->multiaddr))
		return;
	igmp_stop_timer(im);
	if (in_dev->dead)
		return;
	if (igmp_v1_seen(in_dev))
		return;
	if (igmp_v2_seen(in_dev)) {
		if (reporter)
			igmp_send_report(in_dev, im->multiaddr,
					 IGMP_HOST_LEAVE_MESSAGE);
		return;
	}
	igmpv3_add_delrec(in_dev, im);
	igmp_ifc_event(in_dev);
}

static struct ip_mc_list *ip_mc_find(const struct in_device *in_dev,
				     __be32 addr)
{
	struct ip_mc_list *im;

	for (im = in_dev->mc_list; im; im = im->next)
		if (im->multiaddr == addr)
			return im;
	return NULL;
}

static int ip_mc_add_src(struct in_device *in_dev, __be32 *pmca, int sfmode,
			 int sfcount, __be32 *psfsrc, int delta);
static int ip_mc_del_src(struct in_device *in_dev, __be32 *pmca, int sfmode,
			 int sfcount, __be32 *psfsrc, int delta);

/* One more user of @addr on @in_dev, filtering in @mode (no sources). */
static int ip_mc_inc_group_mode(struct in_device *in_dev, __be32 addr,
				unsigned int mode)
{
	struct ip_mc_list *im = ip_mc_find(in_dev, addr);

	if (im) {
		im->users++;
		ip_mc_add_src(in_dev, &addr, (int)mode, 0, NULL, 0);
		return 0;
	}
	im = kzalloc(sizeof(*im), GFP_ATOMIC);
	if (!im)
		return -ENOBUFS;
	im->users = 1;
	im->interface = in_dev;
	im->multiaddr = addr;
	im->sfmode = mode;
	im->sfcount[mode] = 1;
	timer_setup(&im->timer, igmp_timer_expire, dev_net(in_dev->dev)->st);
	im->next = in_dev->mc_list;
	in_dev->mc_list = im;
	in_dev->mc_count++;
	igmpv3_del_delrec(in_dev, im);
	igmp_group_added(im);
	/* cached routes to the group now loop back (RTCF_LOCAL) */
	if (!in_dev->dead)
		rt_cache_flush(dev_net(in_dev->dev));
	return 0;
}

/**
 * ip_mc_inc_group - one more (any-source) user of group @addr on @in_dev
 * Return: 0 or -ENOBUFS.
 */
int ip_mc_inc_group(struct in_device *in_dev, __be32 addr)
{
	return ip_mc_inc_group_mode(in_dev, addr, MCAST_EXCLUDE);
}

/* One user less (its filter already taken out); the last leaves. */
static void __ip_mc_dec_group(struct in_device *in_dev, __be32 addr)
{
	struct ip_mc_list *im, **pp;

	for (pp = &in_dev->mc_list; (im = *pp) != NULL; pp = &im->next) {
		if (im->multiaddr != addr)
			continue;
		if (--im->users > 0)
			return;
		*pp = im->next;
		in_dev->mc_count--;
		igmp_group_dropped(im);
		del_timer(&im->timer);
		ip_ma_free(im);
		return;
	}
}

/**
 * ip_mc_dec_group - one (any-source) user of @addr less; the last one
 * leaves the group (a v2 leave or v3 records, the link-layer address
 * dropped)
 */
void ip_mc_dec_group(struct in_device *in_dev, __be32 addr)
{
	ip_mc_del_src(in_dev, &addr, MCAST_EXCLUDE, 0, NULL, 0);
	__ip_mc_dec_group(in_dev, addr);
}

/* ip_mc_init_dev - a new in_device: no groups, no querier heard */
void ip_mc_init_dev(struct in_device *in_dev)
{
	struct tn_stack *st = dev_net(in_dev->dev)->st;

	timer_setup(&in_dev->mr_gq_timer, igmp_gq_timer_expire, st);
	timer_setup(&in_dev->mr_ifc_timer, igmp_ifc_timer_expire, st);
	in_dev->mr_qrv = 0;
}

/* ip_mc_up - the device came up: join 224.0.0.1, report our groups */
void ip_mc_up(struct in_device *in_dev)
{
	struct ip_mc_list *im;

	in_dev->mr_v1_seen = in_dev->mr_v2_seen = 0;
	in_dev->mr_qrv = 0;
	in_dev->mr_gq_running = 0;
	ip_mc_inc_group(in_dev, IGMP_ALL_HOSTS);
	for (im = in_dev->mc_list; im; im = im->next) {
		igmpv3_del_delrec(in_dev, im);
		igmp_group_added(im);
	}
}

/* ip_mc_down - the device went down: stop reporting, drop 224.0.0.1 */
void ip_mc_down(struct in_device *in_dev)
{
	struct ip_mc_list *im;

	for (im = in_dev->mc_list; im; im = im->next)
		igmp_group_dropped(im);
	in_dev->mr_ifc_count = 0;
	del_timer(&in_dev->mr_ifc_timer);
	del_timer(&in_dev->mr_gq_timer);
	in_dev->mr_gq_running = 0;
	igmpv3_clear_delrec(in_dev);
	if (ip_mc_find(in_dev, IGMP_ALL_HOSTS))
		ip_mc_dec_group(in_dev, IGMP_ALL_HOSTS);
}

/* ip_mc_destroy_dev - the in_device goes: every group with it */
void ip_mc_destroy_dev(struct in_device *in_dev)
{
	struct ip_mc_list *im;

	ip_mc_down(in_dev);
	in_dev->dead = 1;
	igmpv3_clear_delrec(in_dev);
	while ((im = in_dev->mc_list) != NULL) {
		in_dev->mc_list = im->next;
		in_dev->mc_count--;
		del_timer(&im->timer);
		ip_ma_free(im);
	}
}

/* ---- interface source filters (RFC 3376 3.2) ---- */

static struct ip_sf_list **ip_sf_find(struct ip_sf_list **pp, __be32 addr)
{
	for (; *pp; pp = &(*pp)->sf_next)
		if ((*pp)->sf_inaddr == addr)
			return pp;
	return NULL;
}

/* Is @psf let through by @pmc's combined filter? */
static bool sf_in_filter(const struct ip_mc_list *pmc,
			 const struct ip_sf_list *psf)
{
	if (pmc->sfcount[MCAST_EXCLUDE])
		return !(psf->sf_count[MCAST_EXCLUDE] ==
				 pmc->sfcount[MCAST_EXCLUDE] &&
			 !psf->sf_count[MCAST_INCLUDE]);
	return psf->sf_count[MCAST_INCLUDE] != 0;
}

/*
 * Sources whose standing changed are reported qrv times (v3): those now
 * let through as "new" (sources list), those no longer as "old" (tomb).
 */
static bool sf_mark_change(struct ip_mc_list *pmc, struct ip_sf_list *psf,
			   bool was_in, int qrv)
{
	struct ip_sf_list **pp;

	if (sf_in_filter(pmc, psf) == was_in)
		return false;
	psf->sf_crcount = (unsigned char)qrv;
	pp = ip_sf_find(&pmc->tomb, psf->sf_inaddr);
	if (pp) {
		struct ip_sf_list *dead = *pp;

		*pp = dead->sf_next;
		kfree(dead);
	}
	return true;
}

static int ip_mc_add1_src(struct ip_mc_list *pmc, int sfmode, __be32 src,
			  int qrv)
{
	struct ip_sf_list **pp = ip_sf_find(&pmc->sources, src), *psf;
	bool was_in;

	if (pp) {
		psf = *pp;
	} else {
		psf = kzalloc(sizeof(*psf), GFP_ATOMIC);
		if (!psf)
			return -ENOBUFS;
		psf->sf_inaddr = src;
		for (pp = &pmc->sources; *pp; pp = &(*pp)->sf_next)
			;
		*pp = psf;
	}
	was_in = sf_in_filter(pmc, psf);
	psf->sf_count[sfmode]++;
	return sf_mark_change(pmc, psf, was_in, qrv);
}

static int ip_mc_del1_src(struct ip_mc_list *pmc, int sfmode, __be32 src,
			  int qrv, bool v3)
{
	struct ip_sf_list **pp = ip_sf_find(&pmc->sources, src), *psf;
	bool was_in, changed;

	if (!pp || !(*pp)->sf_count[sfmode])
		return -ESRCH;
	psf = *pp;
	was_in = sf_in_filter(pmc, psf);
	psf->sf_count[sfmode]--;
	changed = sf_mark_change(pmc, psf, was_in, qrv);
	if (psf->sf_count[MCAST_INCLUDE] || psf->sf_count[MCAST_EXCLUDE])
		return changed;
	*pp = psf->sf_next;
	if (v3 && was_in && pmc->sfmode == MCAST_INCLUDE) {
		/* reported as blocked until its count runs out */
		psf->sf_crcount = (unsigned char)qrv;
		psf->sf_next = pmc->tomb;
		pmc->tomb = psf;
	} else {
		kfree(psf);
	}
	return changed;
}

static bool ip_mc_mode_update(struct in_device *in_dev, struct ip_mc_list *pmc,
			      int qrv)
{
	unsigned int mode =
		pmc->sfcount[MCAST_EXCLUDE] ? MCAST_EXCLUDE : MCAST_INCLUDE;
	struct ip_sf_list *psf;

	if (mode == pmc->sfmode)
		return false;
	pmc->sfmode = mode;
	/* a mode change reports the whole filter: no source records */
	pmc->crcount = (unsigned char)qrv;
	for (psf = pmc->sources; psf; psf = psf->sf_next)
		psf->sf_crcount = 0;
	ip_sf_list_free(pmc->tomb);
	pmc->tomb = NULL;
	(void)in_dev;
	return true;
}

/*
 * ip_mc_add_src - a user of group *@pmca adds @sfcount sources in @sfmode;
 * @delta: the user already counted in @sfmode (a source change, not a
 * new user)
 */
static int ip_mc_add_src(struct in_device *in_dev, __be32 *pmca, int sfmode,
			 int sfcount, __be32 *psfsrc, int delta)
{
	struct ip_mc_list *pmc = ip_mc_find(in_dev, *pmca);
	int qrv = igmp_qrv(in_dev), i, err = 0;
	bool v3 = !igmp_v1_seen(in_dev) && !igmp_v2_seen(in_dev);

	bool changed = false;

	if (!pmc)
		return -ESRCH;
	if (!delta)
		pmc->sfcount[sfmode]++;
	for (i = 0; i < sfcount; i++) {
		err = ip_mc_add1_src(pmc, sfmode, psfsrc[i], qrv);
		if (err < 0)
			break;
		changed |= err > 0;
		err = 0;
	}
	if (err) {
		int j;

		if (!delta)
			pmc->sfcount[sfmode]--;
		for (j = 0; j < i; j++)
			ip_mc_del1_src(pmc, sfmode, psfsrc[j], qrv, false);
		return err;
	}
	changed |= ip_mc_mode_update(in_dev, pmc, qrv);
	if (changed && v3 && igmp_reported(in_dev, pmc->multiaddr))
		igmp_ifc_event(in_dev);
	return 0;
}

static int ip_mc_del_src(struct in_device *in_dev, __be32 *pmca, int sfmode,
			 int sfcount, __be32 *psfsrc, int delta)
{
	struct ip_mc_list *pmc = ip_mc_find(in_dev, *pmca);
	int qrv = igmp_qrv(in_dev), i, err = 0;
	bool v3 = !igmp_v1_seen(in_dev) && !igmp_v2_seen(in_dev);
	bool changed = false;

	if (!pmc)
		return -ESRCH;
	if (!delta) {
		if (!pmc->sfcount[sfmode])
			return -EINVAL;
		pmc->sfcount[sfmode]--;
	}
	for (i = 0; i < sfcount; i++) {
		int rv = ip_mc_del1_src(pmc, sfmode, psfsrc[i], qrv, v3);

		if (rv < 0)
			err = rv;
		else
			changed |= rv > 0;
	}
	/* the last excluder gone but includers left: to INCLUDE */
	if (pmc->sfmode == MCAST_EXCLUDE && !pmc->sfcount[MCAST_EXCLUDE] &&
	    pmc->sfcount[MCAST_INCLUDE])
		changed |= ip_mc_mode_update(in_dev, pmc, qrv);
	/* a last user leaving is reported by igmp_group_dropped */
	if (changed && v3 && igmp_reported(in_dev, pmc->multiaddr) &&
	    (delta || pmc->users > 1))
		igmp_ifc_event(in_dev);
	return err;
}

/**
 * ip_check_mc_rcu - does the host want @mc_addr from @src_addr on @in_dev?
 * @proto: IGMP is always taken (queries about a group we are in)
 * Return: 1 if so, else 0.
 */
int ip_check_mc_rcu(struct in_device *in_dev, __be32 mc_addr, __be32 src_addr,
		    u8 proto)
{
	struct ip_mc_list *im = ip_mc_find(in_dev, mc_addr);
	struct ip_sf_list **pp;

	if (!im)
		return 0;
	if (proto == IPPROTO_IGMP || !src_addr)
		return 1;
	pp = ip_sf_find(&im->sources, src_addr);
	if (pp)
		return (*pp)->sf_count[MCAST_INCLUDE] ||
		       (*pp)->sf_count[MCAST_EXCLUDE] !=
			       im->sfcount[MCAST_EXCLUDE];
	return im->sfcount[MCAST_EXCLUDE] != 0;
}

/* ---- receiving ---- */

/* Another member reported: we need not (v1/v2 report suppression). */
static void igmp_heard_report(struct in_device *in_dev, __be32 group)
{
	struct ip_mc_list *im;

	if (!igmp_reported(in_dev, group))
		return;
	im = ip_mc_find(in_dev, group);
	if (im)
		igmp_stop_timer(im);
}

/*
 * A group-and-source query (RFC 3376 6.4.2).  INCLUDE: mark the queried
 * sources we want, for a report of just those; false if none.  EXCLUDE:
 * false if every queried source is blocked by all, else the whole state
 * is reported.
 */
static bool igmp_marksources(struct ip_mc_list *pmc, int nsrcs,
			     const __be32 *srcs)
{
	struct ip_sf_list *psf;
	int i, scount = 0;

	for (psf = pmc->sources; psf && scount < nsrcs; psf = psf->sf_next) {
		bool blocked = !psf->sf_count[MCAST_INCLUDE] &&
			       pmc->sfcount[MCAST_EXCLUDE] ==
				       psf->sf_count[MCAST_EXCLUDE];

		if (pmc->sfmode == MCAST_EXCLUDE && !blocked)
			continue;
		for (i = 0; i < nsrcs; i++) {
			if (srcs[i] != psf->sf_inaddr)
				continue;
			if (pmc->sfmode == MCAST_INCLUDE)
				psf->sf_gsresp = 1;
			scount++;
			break;
		}
	}
	if (pmc->sfmode == MCAST_EXCLUDE) {
		pmc->gsquery = 0;
		return scount != nsrcs;
	}
	pmc->gsquery = scount != 0;
	return scount != 0;
}

static void igmp_heard_query(struct in_device *in_dev, struct sk_buff *skb,
			     unsigned int len)
{
	const struct igmphdr *ih = igmp_hdr(skb);
	const struct igmpv3_query *ih3 = NULL;
	struct ip_mc_list *im;
	__be32 group = ih->group;
	u64 max_delay, now = igmp_now(in_dev);
	bool mark = false;
	int qrv = igmp_qrv(in_dev);

	if (len == 8) {
		if (ih->code == 0) {
			/* RFC 2236 4: a v1 query; v1 for 400 s (RFC 3376) */
			max_delay = IGMP_QUERY_RESPONSE_INTERVAL;
			in_dev->mr_v1_seen = now +
					     (u64)qrv * IGMP_QUERY_INTERVAL +
					     IGMP_QUERY_RESPONSE_INT;
			group = 0;
		} else {
			max_delay = (u64)ih->code * (1000 / IGMP_TIMER_SCALE) *
				    IGMP_MSEC;
			in_dev->mr_v2_seen = now +
					     (u64)qrv * IGMP_QUERY_INTERVAL +
					     IGMP_QUERY_RESPONSE_INT;
		}
		/* an older querier: no v3 change reports pending */
		in_dev->mr_ifc_count = 0;
		del_timer(&in_dev->mr_ifc_timer);
		igmpv3_clear_delrec(in_dev);
	} else if (len < 12) {
		return; /* ignore bogus packet */
	} else if (igmp_v1_seen(in_dev)) {
		/* a v3 query seen by a v1 host: the v1 rules (RFC 3376 7.2.1) */
		max_delay = IGMP_QUERY_RESPONSE_INTERVAL;
		group = 0;
	} else if (igmp_v2_seen(in_dev)) {
		ih3 = (const struct igmpv3_query *)(const void *)ih;
		max_delay = (u64)IGMPV3_MRC(ih3->code) *
			    (1000 / IGMP_TIMER_SCALE) * IGMP_MSEC;
		if (!max_delay)
			max_delay = IGMP_MSEC;
	} else {
		unsigned int nsrcs;

		if (!pskb_may_pull(skb, sizeof(struct igmpv3_query)))
			return;
		ih3 = (const struct igmpv3_query *)(const void *)igmp_hdr(skb);
		nsrcs = ntohs(ih3->nsrcs);
		if (!pskb_may_pull(skb, sizeof(struct igmpv3_query) +
						nsrcs * sizeof(__be32)))
			return;
		ih3 = (const struct igmpv3_query *)(const void *)igmp_hdr(skb);
		max_delay = (u64)IGMPV3_MRC(ih3->code) *
			    (1000 / IGMP_TIMER_SCALE) * IGMP_MSEC;
		if (!max_delay)
			max_delay = IGMP_MSEC;
		in_dev->mr_maxdelay = max_delay;
		if (ih3->qrv)
			in_dev->mr_qrv = ih3->qrv;
		if (!group) {
			if (nsrcs)
				return; /* a general query has no sources */
			igmp_gq_start_timer(in_dev);
			return;
		}
		mark = nsrcs != 0;
	}

	for (im = in_dev->mc_list; im; im = im->next) {
		bool changed;

		if (group && group != im->multiaddr)
			continue;
		if (!igmp_reported(in_dev, im->multiaddr))
			continue;
		if (im->tm_running)
			im->gsquery = im->gsquery && mark;
		else
			im->gsquery = mark;
		changed = !im->gsquery ||
			  igmp_marksources(im, ntohs(ih3->nsrcs), ih3->srcs);
		if (changed)
			igmp_mod_timer(im, max_delay);
	}
}

/**
 * igmp_rcv - the IPPROTO_IGMP handler
 * @skb: an IGMP message for this host, data at the IGMP header; consumed
 *
 * Queries start the report timers; reports from other members stop ours
 * (v1/v2); everything else (v3 reports, leaves, PIM, DVMRP) is for
 * routers and raw sockets only.  Short or corrupt messages are dropped.
 * Return: 0.
 */
int igmp_rcv(struct sk_buff *skb)
{
	struct in_device *in_dev = skb->dev ? __in_dev_get_rcu(skb->dev) : NULL;
	const struct igmphdr *ih;
	unsigned int len = skb->len;

	if (!in_dev)
		goto drop;
	if (!pskb_may_pull(skb, sizeof(struct igmphdr)))
		goto drop;
	if (csum_fold(csum_partial(skb->data, (int)skb->len, 0)))
		goto drop;
	skb_reset_transport_header(skb);
	ih = igmp_hdr(skb);
	switch (ih->type) {
	case IGMP_HOST_MEMBERSHIP_QUERY:
		igmp_heard_query(in_dev, skb, len);
		break;
	case IGMP_HOST_MEMBERSHIP_REPORT:
	case IGMPV2_HOST_MEMBERSHIP_REPORT:
		/* our own, looped back */
		if (skb_rtable(skb) && !skb_rtable(skb)->rt_is_input)
			break;
		if (skb->pkt_type == PACKET_MULTICAST ||
		    skb->pkt_type == PACKET_BROADCAST)
			igmp_heard_report(in_dev, ih->group);
		break;
	default:
		break;
	}
	consume_skb(skb);
	return 0;
drop:
	kfree_skb(skb);
	return 0;
}

/* ---- sockets ---- */

/*
 * The device a membership request names: by index, by local address, or
 * the one the group routes through (@imr->imr_ifindex is filled in).
 */
static struct in_device *ip_mc_find_dev(struct net *net, struct ip_mreqn *imr)
{
	struct net_device *dev = NULL;

	if (imr->imr_ifindex)
		return inetdev_by_index(net, imr->imr_ifindex);
	if (imr->imr_address.s_addr) {
		dev = __ip_dev_find(net, imr->imr_address.s_addr);
		if (!dev)
			return NULL;
	}
	if (!dev) {
		struct flowi4 fl4;
		struct rtable *rt;

		memset(&fl4, 0, sizeof(fl4));
		fl4.daddr = imr->imr_multiaddr.s_addr;
		rt = ip_route_output_key(net, &fl4);
		if (!IS_ERR(rt)) {
			dev = rt->dst.dev;
			ip_rt_put(rt);
		}
	}
	if (!dev)
		return NULL;
	imr->imr_ifindex = dev->ifindex;
	return __in_dev_get_rtnl(dev);
}

/* sock_kmalloc()'s check: -ENOBUFS unless @size fits under optmem_max */
static int ip_mc_omem_charge(struct sock *sk, int size)
{
	int max = sock_net(sk)->core.sysctl_optmem_max;

	if (size > max || sk->sk_omem_alloc + size >= max)
		return -ENOBUFS;
	sk->sk_omem_alloc += size;
	return 0;
}

static void ip_mc_omem_uncharge(struct sock *sk, int size)
{
	sk->sk_omem_alloc -= size;
}

static int ip_mc_join_group_mode(struct sock *sk, struct ip_mreqn *imr,
				 unsigned int mode)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	__be32 addr = imr->imr_multiaddr.s_addr;
	struct ip_mc_socklist *iml;
	struct in_device *in_dev;
	int count = 0;

	if (!ipv4_is_multicast(addr))
		return -EINVAL;
	in_dev = ip_mc_find_dev(net, imr);
	if (!in_dev)
		return -ENODEV;
	for (iml = inet->mc_list; iml; iml = iml->next) {
		if (iml->multi.imr_multiaddr.s_addr == addr &&
		    iml->multi.imr_ifindex == imr->imr_ifindex)
			return -EADDRINUSE;
		count++;
	}
	if (count >= igmp_pernet(net)->max_memberships)
		return -ENOBUFS;
	if (ip_mc_omem_charge(sk, IP_MC_SOCKLIST_OMEM))
		return -ENOBUFS;
	iml = kzalloc(sizeof(*iml), GFP_KERNEL);
	if (!iml) {
		ip_mc_omem_uncharge(sk, IP_MC_SOCKLIST_OMEM);
		return -ENOBUFS;
	}
	iml->multi = *imr;
	iml->sfmode = mode;
	if (ip_mc_inc_group_mode(in_dev, addr, mode)) {
		ip_mc_omem_uncharge(sk, IP_MC_SOCKLIST_OMEM);
		kfree(iml);
		return -ENOBUFS;
	}
	iml->next = inet->mc_list;
	inet->mc_list = iml;
	return 0;
}

/**
 * ip_mc_join_group - IP_ADD_MEMBERSHIP / MCAST_JOIN_GROUP (any source)
 * Return: 0, -EINVAL (not multicast), -ENODEV (no such device or no
 *	route to the group), -EADDRINUSE (joined already), -ENOBUFS
 *	(net.ipv4.igmp_max_memberships).
 */
int ip_mc_join_group(struct sock *sk, struct ip_mreqn *imr)
{
	return ip_mc_join_group_mode(sk, imr, MCAST_EXCLUDE);
}

/* The socket's sources go from the device's filter. */
static void ip_mc_leave_src(struct sock *sk, struct ip_mc_socklist *iml,
			    struct in_device *in_dev)
{
	struct ip_sf_socklist *psf = iml->sflist;

	if (in_dev)
		ip_mc_del_src(in_dev, &iml->multi.imr_multiaddr.s_addr,
			      (int)iml->sfmode, psf ? (int)psf->sl_count : 0,
			      psf ? psf->sl_addr : NULL, 0);
	if (psf)
		ip_mc_omem_uncharge(sk, IP_SFLIST_OMEM(psf->sl_max));
	kfree(psf);
	iml->sflist = NULL;
}

/**
 * ip_mc_leave_group - IP_DROP_MEMBERSHIP / MCAST_LEAVE_GROUP
 * Return: 0, -ENODEV, or -EADDRNOTAVAIL (not joined).
 */
int ip_mc_leave_group(struct sock *sk, struct ip_mreqn *imr)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	__be32 group = imr->imr_multiaddr.s_addr;
	struct ip_mc_socklist *iml, **pp;
	struct in_device *in_dev;
	int ifindex;

	in_dev = ip_mc_find_dev(net, imr);
	if (!imr->imr_ifindex && !imr->imr_address.s_addr && !in_dev)
		return -ENODEV;
	ifindex = imr->imr_ifindex;
	for (pp = &inet->mc_list; (iml = *pp) != NULL; pp = &iml->next) {
		if (iml->multi.imr_multiaddr.s_addr != group)
			continue;
		if (ifindex) {
			if (iml->multi.imr_ifindex != ifindex)
				continue;
		} else if (imr->imr_address.s_addr &&
			   imr->imr_address.s_addr !=
				   iml->multi.imr_address.s_addr) {
			continue;
		}
		*pp = iml->next;
		/* the socket's filter goes, then its membership */
		ip_mc_leave_src(sk, iml, in_dev);
		if (in_dev)
			__ip_mc_dec_group(in_dev, group);
		ip_mc_omem_uncharge(sk, IP_MC_SOCKLIST_OMEM);
		kfree(iml);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

static struct ip_mc_socklist *ip_mc_sk_find(struct inet_sock *inet,
					    __be32 group, int ifindex)
{
	struct ip_mc_socklist *pmc;

	for (pmc = inet->mc_list; pmc; pmc = pmc->next)
		if (pmc->multi.imr_multiaddr.s_addr == group &&
		    pmc->multi.imr_ifindex == ifindex)
			return pmc;
	return NULL;
}

/**
 * ip_mc_source - add or remove one source of a joined group's filter
 * @add: 1 to add, 0 to remove
 * @omode: MCAST_INCLUDE (ADD/DROP_SOURCE_MEMBERSHIP) or MCAST_EXCLUDE
 *	(BLOCK/UNBLOCK_SOURCE)
 * @ifindex: the device, or 0 to find it from @mreqs->imr_interface
 * Return: 0, -EINVAL (not multicast, not joined, other mode in use),
 *	-ENODEV, -EADDRNOTAVAIL (no such source, already there), -ENOBUFS
 *	(net.ipv4.igmp_max_msf).
 */
int ip_mc_source(int add, int omode, struct sock *sk,
		 struct ip_mreq_source *mreqs, int ifindex)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	__be32 group = mreqs->imr_multiaddr.s_addr;
	__be32 src = mreqs->imr_sourceaddr.s_addr;
	struct ip_mc_socklist *pmc;
	struct ip_sf_socklist *psl;
	struct in_device *in_dev;
	struct ip_mreqn imr;
	unsigned int i;

	if (!ipv4_is_multicast(group))
		return -EINVAL;
	memset(&imr, 0, sizeof(imr));
	imr.imr_multiaddr.s_addr = group;
	imr.imr_address.s_addr = mreqs->imr_interface.s_addr;
	imr.imr_ifindex = ifindex;
	in_dev = ip_mc_find_dev(net, &imr);
	if (!in_dev)
		return -ENODEV;
	pmc = ip_mc_sk_find(inet, group, imr.imr_ifindex);
	if (!pmc)
		return -EINVAL; /* must have joined first */
	if (pmc->sflist) {
		if (pmc->sfmode != (unsigned int)omode)
			return -EINVAL;
	} else if (pmc->sfmode != (unsigned int)omode) {
		/* an empty filter may change its mode */
		ip_mc_add_src(in_dev, &group, omode, 0, NULL, 0);
		ip_mc_del_src(in_dev, &group, (int)pmc->sfmode, 0, NULL, 0);
		pmc->sfmode = (unsigned int)omode;
	}
	psl = pmc->sflist;
	if (!add) {
		if (!psl)
			return -EADDRNOTAVAIL;
		for (i = 0; i < psl->sl_count; i++)
			if (psl->sl_addr[i] == src)
				break;
		if (i == psl->sl_count)
			return -EADDRNOTAVAIL;
		/* (INCLUDE, empty) is leaving the group */
		if (psl->sl_count == 1 && omode == MCAST_INCLUDE)
			return ip_mc_leave_group(sk, &imr);
		ip_mc_del_src(in_dev, &group, omode, 1, &src, 1);
		memmove(&psl->sl_addr[i], &psl->sl_addr[i + 1],
			(psl->sl_count - i - 1) * sizeof(__be32));
		psl->sl_count--;
		return 0;
	}
	if (psl && psl->sl_count >= (unsigned int)igmp_pernet(net)->max_msf)
		return -ENOBUFS;
	if (psl)
		for (i = 0; i < psl->sl_count; i++)
			if (psl->sl_addr[i] == src)
				return -EADDRNOTAVAIL;
	if (!psl || psl->sl_count == psl->sl_max) {
		unsigned int max = psl ? psl->sl_max + IP_SFBLOCK : IP_SFBLOCK;
		struct ip_sf_socklist *n;

		if (ip_mc_omem_charge(sk, IP_SFLIST_OMEM(max)))
			return -ENOBUFS;
		n = kzalloc(sizeof(*n) + max * sizeof(__be32), GFP_KERNEL);
		if (!n) {
			ip_mc_omem_uncharge(sk, IP_SFLIST_OMEM(max));
			return -ENOBUFS;
		}
		n->sl_max = max;
		if (psl) {
			n->sl_count = psl->sl_count;
			memcpy(n->sl_addr, psl->sl_addr,
			       psl->sl_count * sizeof(__be32));
			ip_mc_omem_uncharge(sk, IP_SFLIST_OMEM(psl->sl_max));
			kfree(psl);
		}
		pmc->sflist = psl = n;
	}
	psl->sl_addr[psl->sl_count++] = src;
	ip_mc_add_src(in_dev, &group, omode, 1, &src, 1);
	return 0;
}

/**
 * ip_mc_msfilter - IP_MSFILTER / MCAST_MSFILTER: replace a joined group's
 * whole filter; (INCLUDE, empty) leaves the group
 * Return: 0, -EINVAL (not multicast, bad mode, not joined), -ENODEV,
 *	-ENOBUFS.
 */
int ip_mc_msfilter(struct sock *sk, struct ip_msfilter *msf, int ifindex)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	__be32 group = msf->imsf_multiaddr.s_addr;
	struct ip_sf_socklist *newpsl = NULL, *psl;
	struct ip_mc_socklist *pmc;
	struct in_device *in_dev;
	struct ip_mreqn imr;
	int err;

	if (!ipv4_is_multicast(group))
		return -EINVAL;
	if (msf->imsf_fmode != MCAST_INCLUDE &&
	    msf->imsf_fmode != MCAST_EXCLUDE)
		return -EINVAL;
	memset(&imr, 0, sizeof(imr));
	imr.imr_multiaddr.s_addr = group;
	imr.imr_address.s_addr = msf->imsf_interface.s_addr;
	imr.imr_ifindex = ifindex;
	in_dev = ip_mc_find_dev(net, &imr);
	if (!in_dev)
		return -ENODEV;
	if (msf->imsf_fmode == MCAST_INCLUDE && msf->imsf_numsrc == 0)
		return ip_mc_leave_group(sk, &imr);
	pmc = ip_mc_sk_find(inet, group, imr.imr_ifindex);
	if (!pmc)
		return -EINVAL;
	if (msf->imsf_numsrc) {
		if (ip_mc_omem_charge(sk, IP_SFLIST_OMEM(msf->imsf_numsrc)))
			return -ENOBUFS;
		newpsl = kzalloc(sizeof(*newpsl) +
					 msf->imsf_numsrc * sizeof(__be32),
				 GFP_KERNEL);
		if (!newpsl) {
			ip_mc_omem_uncharge(sk,
					    IP_SFLIST_OMEM(msf->imsf_numsrc));
			return -ENOBUFS;
		}
		newpsl->sl_max = newpsl->sl_count = msf->imsf_numsrc;
		memcpy(newpsl->sl_addr, msf->imsf_slist,
		       msf->imsf_numsrc * sizeof(__be32));
		err = ip_mc_add_src(in_dev, &group, (int)msf->imsf_fmode,
				    (int)newpsl->sl_count, newpsl->sl_addr, 0);
		if (err) {
			ip_mc_omem_uncharge(sk, IP_SFLIST_OMEM(newpsl->sl_max));
			kfree(newpsl);
			return err;
		}
	} else {
		ip_mc_add_src(in_dev, &group, (int)msf->imsf_fmode, 0, NULL, 0);
	}
	psl = pmc->sflist;
	ip_mc_del_src(in_dev, &group, (int)pmc->sfmode,
		      psl ? (int)psl->sl_count : 0, psl ? psl->sl_addr : NULL,
		      0);
	if (psl)
		ip_mc_omem_uncharge(sk, IP_SFLIST_OMEM(psl->sl_max));
	kfree(psl);
	pmc->sflist = newpsl;
	pmc->sfmode = msf->imsf_fmode;
	return 0;
}

/**
 * ip_mc_msfget - getsockopt(IP_MSFILTER): the mode and sources of a group
 * @msf: the caller's header (group, interface, room for imsf_numsrc)
 * @optval: where the header and sources go; @optlen: set to their size
 * Return: 0, -EINVAL, -ENODEV, -EADDRNOTAVAIL (not joined).
 */
int ip_mc_msfget(struct sock *sk, struct ip_msfilter *msf, void *optval,
		 int *optlen)
{
	struct inet_sock *inet = inet_sk(sk);
	__be32 group = msf->imsf_multiaddr.s_addr;
	struct ip_mc_socklist *pmc;
	struct ip_sf_socklist *psl;
	struct ip_mreqn imr;
	unsigned int count, copy;

	if (!ipv4_is_multicast(group))
		return -EINVAL;
	memset(&imr, 0, sizeof(imr));
	imr.imr_multiaddr.s_addr = group;
	imr.imr_address.s_addr = msf->imsf_interface.s_addr;
	if (!ip_mc_find_dev(sock_net(sk), &imr))
		return -ENODEV;
	pmc = ip_mc_sk_find(inet, group, imr.imr_ifindex);
	if (!pmc)
		return -EADDRNOTAVAIL;
	psl = pmc->sflist;
	count = psl ? psl->sl_count : 0;
	copy = count < msf->imsf_numsrc ? count : msf->imsf_numsrc;
	msf->imsf_fmode = pmc->sfmode;
	msf->imsf_numsrc = count;
	*optlen = (int)IP_MSFILTER_SIZE(copy);
	memcpy(optval, msf, IP_MSFILTER_SIZE(0));
	if (copy)
		memcpy((u8 *)optval + offsetof(struct ip_msfilter, imsf_slist),
		       psl->sl_addr, copy * sizeof(__be32));
	return 0;
}

/**
 * ip_mc_sf_allow - may @sk have a datagram for @loc_addr from @rmt_addr
 * that came in on @dif?  A socket not in the group takes it when
 * IP_MULTICAST_ALL is on (the default), as Linux.
 */
int ip_mc_sf_allow(const struct sock *sk, __be32 loc_addr, __be32 rmt_addr,
		   int dif)
{
	const struct inet_sock *inet = inet_sk(sk);
	const struct ip_mc_socklist *pmc;
	const struct ip_sf_socklist *psl;
	unsigned int i;

	if (!ipv4_is_multicast(loc_addr))
		return 1;
	for (pmc = inet->mc_list; pmc; pmc = pmc->next)
		if (pmc->multi.imr_multiaddr.s_addr == loc_addr &&
		    pmc->multi.imr_ifindex == dif)
			break;
	if (!pmc)
		return inet->mc_all;
	psl = pmc->sflist;
	if (!psl)
		return pmc->sfmode == MCAST_EXCLUDE;
	for (i = 0; i < psl->sl_count; i++)
		if (psl->sl_addr[i] == rmt_addr)
			break;
	if (pmc->sfmode == MCAST_INCLUDE)
		return i < psl->sl_count;
	return i >= psl->sl_count;
}

/**
 * ip_mc_drop_socket - close(): the socket leaves every group it joined
 */
void ip_mc_drop_socket(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	struct ip_mc_socklist *iml;
	struct net *net = sock_net(sk);

	while ((iml = inet->mc_list) != NULL) {
		struct in_device *in_dev;

		inet->mc_list = iml->next;
		in_dev = inetdev_by_index(net, iml->multi.imr_ifindex);
		ip_mc_leave_src(sk, iml, in_dev);
		if (in_dev)
			__ip_mc_dec_group(in_dev,
					  iml->multi.imr_multiaddr.s_addr);
		ip_mc_omem_uncharge(sk, IP_MC_SOCKLIST_OMEM);
		kfree(iml);
	}
}

/* ---- /proc/net/igmp ---- */

static int igmp_mc_seq_show(struct seq_file *seq, void *v)
{
	struct net_device *dev;

	(void)v;
	seq_puts(seq, "Idx\tDevice    : Count Querier\tGroup    Users "
		      "Timer\tReporter\n");
	for_each_netdev(seq_file_net(seq), dev) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);
		struct ip_mc_list *im;
		u64 now;

		if (!in_dev || !in_dev->mc_list)
			continue;
		now = igmp_now(in_dev);
		seq_printf(seq, "%d\t%-10s: %5d %7s\n", dev->ifindex, dev->name,
			   in_dev->mc_count,
			   igmp_v1_seen(in_dev)	  ? "V1"
			   : igmp_v2_seen(in_dev) ? "V2"
						  : "V3");
		for (im = in_dev->mc_list; im; im = im->next) {
			unsigned long left = 0;

			/* clock ticks (USER_HZ 100) until the timer fires */
			if (im->tm_running && im->timer.expires > now)
				left = (unsigned long)((im->timer.expires -
							now) /
						       (10 * IGMP_MSEC));
			seq_printf(seq, "\t\t\t\t%08X %5d %d:%08lX\t\t%d\n",
				   (unsigned int)im->multiaddr, im->users,
				   im->tm_running, left, im->reporter);
		}
	}
	return 0;
}

/* ---- socket options ---- */

/* Options ip_sockglue.c hands to ip_mc_setsockopt / ip_mc_getsockopt. */
bool ip_mc_sockopt(int optname)
{
	switch (optname) {
	case IP_ADD_MEMBERSHIP:
	case IP_DROP_MEMBERSHIP:
	case IP_ADD_SOURCE_MEMBERSHIP:
	case IP_DROP_SOURCE_MEMBERSHIP:
	case IP_BLOCK_SOURCE:
	case IP_UNBLOCK_SOURCE:
	case IP_MSFILTER:
	case MCAST_JOIN_GROUP:
	case MCAST_LEAVE_GROUP:
	case MCAST_JOIN_SOURCE_GROUP:
	case MCAST_LEAVE_SOURCE_GROUP:
	case MCAST_BLOCK_SOURCE:
	case MCAST_UNBLOCK_SOURCE:
	case MCAST_MSFILTER:
		return true;
	default:
		return false;
	}
}

static int do_mcast_group_source(struct sock *sk, int optname,
				 const void *optval, unsigned int optlen)
{
	struct group_source_req greqs;
	struct ip_mreq_source mreqs;
	const struct sockaddr_in *psin;
	int omode, add, err;

	if (optlen != sizeof(greqs))
		return -EINVAL;
	memcpy(&greqs, optval, sizeof(greqs));
	if (greqs.gsr_group.ss_family != AF_INET ||
	    greqs.gsr_source.ss_family != AF_INET)
		return -EADDRNOTAVAIL;
	psin = (const struct sockaddr_in *)(const void *)&greqs.gsr_group;
	mreqs.imr_multiaddr = psin->sin_addr;
	psin = (const struct sockaddr_in *)(const void *)&greqs.gsr_source;
	mreqs.imr_sourceaddr = psin->sin_addr;
	mreqs.imr_interface.s_addr = 0; /* the index says which device */

	if (optname == MCAST_BLOCK_SOURCE) {
		omode = MCAST_EXCLUDE;
		add = 1;
	} else if (optname == MCAST_UNBLOCK_SOURCE) {
		omode = MCAST_EXCLUDE;
		add = 0;
	} else if (optname == MCAST_JOIN_SOURCE_GROUP) {
		struct ip_mreqn mreq;

		memset(&mreq, 0, sizeof(mreq));
		mreq.imr_multiaddr = mreqs.imr_multiaddr;
		mreq.imr_ifindex = (int)greqs.gsr_interface;
		err = ip_mc_join_group_mode(sk, &mreq, MCAST_INCLUDE);
		if (err && err != -EADDRINUSE)
			return err;
		greqs.gsr_interface = (u32)mreq.imr_ifindex;
		omode = MCAST_INCLUDE;
		add = 1;
	} else {
		omode = MCAST_INCLUDE;
		add = 0;
	}
	return ip_mc_source(add, omode, sk, &mreqs, (int)greqs.gsr_interface);
}

/* MCAST_MSFILTER: a group_filter made into an ip_msfilter */
static int ip_set_mcast_msfilter(struct sock *sk, const void *optval,
				 unsigned int optlen)
{
	const struct group_filter *gsf = optval;
	struct net *net = sock_net(sk);
	struct ip_msfilter *msf;
	unsigned int i, n;
	int err;

	if (optlen < GROUP_FILTER_SIZE(0))
		return -EINVAL;
	if (optlen > (unsigned int)net->core.sysctl_optmem_max)
		return -ENOBUFS;
	n = gsf->gf_numsrc;
	if (n >= 0x1ffffffU || n > (unsigned int)igmp_pernet(net)->max_msf)
		return -ENOBUFS;
	if (GROUP_FILTER_SIZE(n) > optlen)
		return -EINVAL;
	if (gsf->gf_group.ss_family != AF_INET)
		return -EADDRNOTAVAIL;
	msf = kzalloc(IP_MSFILTER_SIZE(n) + sizeof(__be32), GFP_KERNEL);
	if (!msf)
		return -ENOBUFS;
	msf->imsf_multiaddr =
		((const struct sockaddr_in *)(const void *)&gsf->gf_group)
			->sin_addr;
	msf->imsf_interface.s_addr = 0;
	msf->imsf_fmode = gsf->gf_fmode;
	msf->imsf_numsrc = n;
	err = 0;
	for (i = 0; i < n; i++) {
		const struct sockaddr_in *psin =
			(const struct sockaddr_in *)(const void *)&gsf
				->gf_slist[i];

		if (psin->sin_family != AF_INET) {
			err = -EADDRNOTAVAIL;
			break;
		}
		msf->imsf_slist[i] = psin->sin_addr;
	}
	if (!err)
		err = ip_mc_msfilter(sk, msf, (int)gsf->gf_interface);
	kfree(msf);
	return err;
}

/**
 * ip_mc_setsockopt - the membership options of SOL_IP (ip_mc_sockopt())
 * Return: 0 or -errno as Linux's do_ip_setsockopt.
 */
int ip_mc_setsockopt(struct sock *sk, int optname, const void *optval,
		     unsigned int optlen)
{
	struct net *net = sock_net(sk);

	if (inet_sk(sk)->is_icsk)
		return -EPROTO;
	if (optlen && !optval)
		return -EFAULT;

	switch (optname) {
	case IP_ADD_MEMBERSHIP:
	case IP_DROP_MEMBERSHIP: {
		struct ip_mreqn mreq;

		if (optlen < sizeof(struct ip_mreq))
			return -EINVAL;
		memset(&mreq, 0, sizeof(mreq));
		memcpy(&mreq, optval,
		       optlen >= sizeof(mreq) ? sizeof(mreq)
					      : sizeof(struct ip_mreq));
		if (optname == IP_ADD_MEMBERSHIP)
			return ip_mc_join_group(sk, &mreq);
		return ip_mc_leave_group(sk, &mreq);
	}
	case IP_MSFILTER: {
		struct ip_msfilter *msf;
		int err;

		if (optlen < IP_MSFILTER_SIZE(0))
			return -EINVAL;
		if (optlen > (unsigned int)net->core.sysctl_optmem_max)
			return -ENOBUFS;
		msf = kzalloc(optlen + sizeof(__be32), GFP_KERNEL);
		if (!msf)
			return -ENOBUFS;
		memcpy(msf, optval, optlen);
		if (msf->imsf_numsrc >= 0x3ffffffcU ||
		    msf->imsf_numsrc >
			    (unsigned int)igmp_pernet(net)->max_msf) {
			kfree(msf);
			return -ENOBUFS;
		}
		if (IP_MSFILTER_SIZE(msf->imsf_numsrc) > optlen) {
			kfree(msf);
			return -EINVAL;
		}
		err = ip_mc_msfilter(sk, msf, 0);
		kfree(msf);
		return err;
	}
	case IP_BLOCK_SOURCE:
	case IP_UNBLOCK_SOURCE:
	case IP_ADD_SOURCE_MEMBERSHIP:
	case IP_DROP_SOURCE_MEMBERSHIP: {
		struct ip_mreq_source mreqs;
		int omode, add;

		if (optlen != sizeof(mreqs))
			return -EINVAL;
		memcpy(&mreqs, optval, sizeof(mreqs));
		if (optname == IP_BLOCK_SOURCE) {
			omode = MCAST_EXCLUDE;
			add = 1;
		} else if (optname == IP_UNBLOCK_SOURCE) {
			omode = MCAST_EXCLUDE;
			add = 0;
		} else if (optname == IP_ADD_SOURCE_MEMBERSHIP) {
			struct ip_mreqn mreq;
			int err;

			memset(&mreq, 0, sizeof(mreq));
			mreq.imr_multiaddr = mreqs.imr_multiaddr;
			mreq.imr_address = mreqs.imr_interface;
			err = ip_mc_join_group_mode(sk, &mreq, MCAST_INCLUDE);
			if (err && err != -EADDRINUSE)
				return err;
			omode = MCAST_INCLUDE;
			add = 1;
		} else {
			omode = MCAST_INCLUDE;
			add = 0;
		}
		return ip_mc_source(add, omode, sk, &mreqs, 0);
	}
	case MCAST_JOIN_GROUP:
	case MCAST_LEAVE_GROUP: {
		struct group_req greq;
		struct ip_mreqn mreq;

		if (optlen < sizeof(greq))
			return -EINVAL;
		memcpy(&greq, optval, sizeof(greq));
		if (greq.gr_group.ss_family != AF_INET)
			return -EINVAL;
		memset(&mreq, 0, sizeof(mreq));
		mreq.imr_multiaddr =
			((const struct sockaddr_in *)(const void *)&greq
				 .gr_group)
				->sin_addr;
		mreq.imr_ifindex = (int)greq.gr_interface;
		if (optname == MCAST_JOIN_GROUP)
			return ip_mc_join_group(sk, &mreq);
		return ip_mc_leave_group(sk, &mreq);
	}
	case MCAST_JOIN_SOURCE_GROUP:
	case MCAST_LEAVE_SOURCE_GROUP:
	case MCAST_BLOCK_SOURCE:
	case MCAST_UNBLOCK_SOURCE:
		return do_mcast_group_source(sk, optname, optval, optlen);
	case MCAST_MSFILTER:
		return ip_set_mcast_msfilter(sk, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
}

/**
 * ip_mc_gsfget - getsockopt(MCAST_MSFILTER): a group_filter's mode and
 * sources (as many as @gsf->gf_numsrc asked for, from @optval's gf_slist)
 * @gsf: the caller's header, updated to the mode and the real count
 * Return: 0, -EINVAL (not an AF_INET group), -EADDRNOTAVAIL (not joined).
 */
int ip_mc_gsfget(struct sock *sk, struct group_filter *gsf, void *optval)
{
	const struct sockaddr_in *psin =
		(const struct sockaddr_in *)(const void *)&gsf->gf_group;
	struct inet_sock *inet = inet_sk(sk);
	struct ip_mc_socklist *pmc;
	struct ip_sf_socklist *psl;
	unsigned int i, count, copy;
	__be32 addr;

	if (psin->sin_family != AF_INET)
		return -EINVAL;
	addr = psin->sin_addr.s_addr;
	if (!ipv4_is_multicast(addr))
		return -EINVAL;
	pmc = ip_mc_sk_find(inet, addr, (int)gsf->gf_interface);
	if (!pmc)
		return -EADDRNOTAVAIL;
	gsf->gf_fmode = pmc->sfmode;
	psl = pmc->sflist;
	count = psl ? psl->sl_count : 0;
	copy = count < gsf->gf_numsrc ? count : gsf->gf_numsrc;
	gsf->gf_numsrc = count;
	for (i = 0; i < copy; i++) {
		struct sockaddr_storage ss;
		struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&ss;

		memset(&ss, 0, sizeof(ss));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = psl->sl_addr[i];
		memcpy((u8 *)optval + offsetof(struct group_filter, gf_slist) +
			       i * sizeof(ss),
		       &ss, sizeof(ss));
	}
	return 0;
}

/**
 * ip_mc_getsockopt - getsockopt(IP_MSFILTER or MCAST_MSFILTER); the other
 * membership options cannot be read (-ENOPROTOOPT, as Linux)
 */
int ip_mc_getsockopt(struct sock *sk, int optname, void *optval, int *optlen)
{
	if (optname == IP_MSFILTER) {
		struct ip_msfilter msf;

		if (*optlen < (int)IP_MSFILTER_SIZE(0))
			return -EINVAL;
		memcpy(&msf, optval, IP_MSFILTER_SIZE(0));
		return ip_mc_msfget(sk, &msf, optval, optlen);
	}
	if (optname == MCAST_MSFILTER) {
		struct group_filter gsf;
		unsigned int num, room;
		int err;

		if (*optlen < (int)GROUP_FILTER_SIZE(0))
			return -EINVAL;
		memcpy(&gsf, optval, GROUP_FILTER_SIZE(0));
		num = gsf.gf_numsrc;
		/* only as many sources as the buffer holds */
		room = (unsigned int)(*optlen - (int)GROUP_FILTER_SIZE(0)) /
		       sizeof(struct sockaddr_storage);
		if (gsf.gf_numsrc > room)
			gsf.gf_numsrc = room;
		err = ip_mc_gsfget(sk, &gsf, optval);
		if (err)
			return err;
		if (gsf.gf_numsrc < num)
			num = gsf.gf_numsrc;
		*optlen = (int)GROUP_FILTER_SIZE(num);
		memcpy(optval, &gsf, GROUP_FILTER_SIZE(0));
		return 0;
	}
	return -ENOPROTOOPT;
}

/* ---- init ---- */

static int igmp_net_init(struct net *net)
{
	struct igmp_net *in = kzalloc(sizeof(*in), GFP_KERNEL);
	struct ctl_table *t;

	if (!in)
		return -ENOMEM;
	in->max_memberships = 20; /* IP_MAX_MEMBERSHIPS */
	in->max_msf = 10; /* IP_MAX_MSF */
	in->qrv = 2; /* IGMP_QUERY_ROBUSTNESS_VARIABLE */
	in->llm_reports = 1;
	t = kmemdup(igmp_table, sizeof(igmp_table), GFP_KERNEL);
	if (!t) {
		kfree(in);
		return -ENOMEM;
	}
	t[0].data = &in->llm_reports;
	t[1].data = &in->max_memberships;
	t[2].data = &in->max_msf;
	t[3].data = &in->qrv;
	in->hdr = register_net_sysctl(net, "net/ipv4", t);
	if (!in->hdr) {
		kfree(t);
		kfree(in);
		return -ENOMEM;
	}
	in->hdr->free_table = true;
	net->gen[igmp_net_id] = in;
	return 0;
}

static void igmp_net_exit(struct net *net)
{
	struct igmp_net *in = igmp_pernet(net);

	if (!in)
		return;
	unregister_net_sysctl_table(in->hdr);
	kfree(in);
	net->gen[igmp_net_id] = NULL;
}

static struct pernet_operations igmp_net_ops = {
	.init = igmp_net_init,
	.exit = igmp_net_exit,
	.id = &igmp_net_id,
};

static const struct net_protocol igmp_protocol = {
	.handler = igmp_rcv,
};

/**
 * igmp_init - IPPROTO_IGMP, net.ipv4.igmp_*, /proc/net/igmp
 * Return: 0 or -errno.
 */
int igmp_init(struct tn_stack *st)
{
	int err;

	(void)st;
	err = register_pernet_subsys(&igmp_net_ops);
	if (err)
		return err;
	if (inet_add_protocol(&igmp_protocol, IPPROTO_IGMP) < 0)
		return -EEXIST;
	return proc_create_net_single("igmp", 0444, igmp_mc_seq_show);
}
