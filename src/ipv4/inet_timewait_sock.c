// SPDX-License-Identifier: BSD-2-Clause
/*
 * TIME-WAIT socks: created when a connection enters TIME-WAIT (or an
 * orphan waits in FIN-WAIT-2), they take the full sock's place in the
 * established hash and its bind bucket, answer segments through
 * tcp_timewait_state_process(), and go when their timer fires (2*MSL,
 * RFC 9293 3.6.1).  They do not keep the namespace alive: a dying
 * namespace purges them.  Linux: net/ipv4/inet_timewait_sock.c.
 */
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/tcp.h>

/* inet_twsk_kill - out of the hash and the bind bucket, and freed */
static void inet_twsk_kill(struct inet_timewait_sock *tw)
{
	struct inet_bind_bucket *tb = tw->tw_tb;

	inet_ehash_remove((struct sock *)(void *)tw);
	if (tb) {
		hlist_del_init(&tw->tw_bind_node);
		tw->tw_tb = NULL;
		inet_bind_bucket_destroy(tb);
	}
	tw->tw_net->ipv4.tcp_tw_count--;
	inet_twsk_put(tw);
}

void inet_twsk_put(struct inet_timewait_sock *tw)
{
	if (--tw->tw_refcnt == 0)
		kfree(tw);
}

static void tw_timer_handler(struct timer_list *t)
{
	struct inet_timewait_sock *tw = from_timer(tw, t, tw_timer);

	inet_twsk_kill(tw);
}

struct inet_timewait_sock *inet_twsk_alloc(const struct sock *sk, int state)
{
	struct net *net = sock_net(sk);
	struct inet_timewait_sock *tw;

	if ((int)net->ipv4.tcp_tw_count >= net->ipv4.sysctl_tcp_max_tw_buckets)
		return NULL;
	tw = kzalloc(sizeof(struct tcp_timewait_sock), GFP_KERNEL);
	if (!tw)
		return NULL;
	tw->tw_daddr = sk->sk_daddr;
	tw->tw_rcv_saddr = sk->sk_rcv_saddr;
	tw->tw_dport = sk->sk_dport;
	tw->tw_num = sk->sk_num;
	tw->__tw_common.skc_family = sk->sk_family;
	tw->tw_state = TCP_TIME_WAIT;
	tw->tw_substate = (u8)state;
	tw->tw_reuse = sk->sk_reuse;
	tw->__tw_common.skc_reuseport = sk->sk_reuseport;
	tw->tw_bound_dev_if = sk->sk_bound_dev_if;
	tw->tw_net = net;
	tw->__tw_common.skc_prot = sk->sk_prot;
	tw->tw_sport = inet_sk(sk)->inet_sport;
	tw->tw_tos = inet_sk(sk)->tos;
	tw->tw_mark = sk->sk_mark;
	tw->tw_priority = sk->sk_priority;
	tw->tw_refcnt = 1;
	INIT_HLIST_NODE(&tw->tw_node);
	INIT_HLIST_NODE(&tw->tw_bind_node);
	timer_setup(&tw->tw_timer, tw_timer_handler, net->st);
	net->ipv4.tcp_tw_count++;
	return tw;
}

void inet_twsk_hashdance_schedule(struct inet_timewait_sock *tw,
				  struct sock *sk, u32 timeo_ms)
{
	struct inet_bind_bucket *tb = inet_csk(sk)->icsk_bind_hash;

	/* the port: TIME-WAIT keeps it, the sock lets go */
	if (tb) {
		tw->tw_tb = tb;
		hlist_add_head(&tw->tw_bind_node, &tb->owners);
	}
	inet_ehash_insert((struct sock *)(void *)tw, sk);
	/* TcpExtTW counts a sock entering TIME-WAIT, as Linux 6.18's does
	 * (nstat shows it while ss still lists the sock) */
	__NET_INC_STATS(sock_net(sk), LINUX_MIB_TIMEWAITED);
	inet_twsk_reschedule(tw, timeo_ms);
}

void inet_twsk_reschedule(struct inet_timewait_sock *tw, u32 timeo_ms)
{
	tw->tw_expires = ktime_add_safe(ktime_get_ns(tw->tw_net->st),
					(u64)timeo_ms * NSEC_PER_MSEC);
	mod_timer(&tw->tw_timer, tw->tw_expires);
}

void inet_twsk_deschedule_put(struct inet_timewait_sock *tw)
{
	if (del_timer(&tw->tw_timer))
		inet_twsk_kill(tw);
}

void inet_twsk_purge(struct net *net)
{
	struct inet_hashinfo *h = net->ipv4.tcp_hashinfo;
	unsigned int i;

	/* the table is the stack's: walk it only if @net has any */
	if (!h || !net->ipv4.tcp_tw_count)
		return;
	for (i = 0; i <= h->ehash_mask && net->ipv4.tcp_tw_count; i++) {
		struct sock_common *skc;
		struct hlist_node *n;

		hlist_for_each_entry_safe(skc, n, &h->ehash[i], skc_node) {
			if (skc->skc_state == TCP_TIME_WAIT &&
			    net_eq(skc->skc_net, net))
				inet_twsk_deschedule_put(
					(struct inet_timewait_sock *)(void *)
						skc);
		}
	}
}
