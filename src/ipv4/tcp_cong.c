// SPDX-License-Identifier: BSD-2-Clause
/*
 * Congestion control behind struct tcp_congestion_ops: the registry of
 * algorithms (per stack), the default (net.ipv4.tcp_congestion_control),
 * TCP_CONGESTION, and Reno (RFC 5681: slow start, congestion avoidance,
 * ssthresh = max(cwnd/2, 2)).  Linux: net/ipv4/tcp_cong.c.
 */
#include <net/net_namespace.h>
#include <net/tcp.h>

struct tcp_cong_entry {
	struct list_head list;
	const struct tcp_congestion_ops *ops;
	/* TCP_CONG_NON_RESTRICTED as this stack's allowed list says (Linux
	 * keeps it in ops->flags; ours are const and shared by stacks) */
	bool non_restricted;
};

static struct list_head *tcp_cong_list(void)
{
	return &inet_stack(current_stack())->tcp_cong_list;
}

static struct tcp_cong_entry *tcp_ca_find_entry(const char *name)
{
	struct tcp_cong_entry *e;

	list_for_each_entry(e, tcp_cong_list(), list) {
		if (!strcmp(e->ops->name, name))
			return e;
	}
	return NULL;
}

const struct tcp_congestion_ops *tcp_ca_find(const char *name)
{
	const struct tcp_cong_entry *e = tcp_ca_find_entry(name);

	return e ? e->ops : NULL;
}

/**
 * tcp_register_congestion_control - offer @ca by its name
 * Return: 0, -EINVAL (ssthresh or cong_avoid missing), -EEXIST.
 */
int tcp_register_congestion_control(const struct tcp_congestion_ops *ca)
{
	struct tcp_cong_entry *e;

	if (!ca->ssthresh || !ca->undo_cwnd ||
	    !(ca->cong_avoid || ca->cong_control))
		return -EINVAL;
	if (tcp_ca_find(ca->name))
		return -EEXIST;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->ops = ca;
	e->non_restricted = !!(ca->flags & TCP_CONG_NON_RESTRICTED);
	list_add_tail(&e->list, tcp_cong_list());
	return 0;
}

void tcp_unregister_congestion_control(const struct tcp_congestion_ops *ca)
{
	struct tcp_cong_entry *e, *n;

	list_for_each_entry_safe(e, n, tcp_cong_list(), list) {
		if (e->ops == ca) {
			list_del(&e->list);
			kfree(e);
		}
	}
}

/*
 * The private state of ops larger than icsk_ca_priv (priv_size) is
 * allocated when the ops are assigned, zeroed as icsk_ca_priv is, and
 * freed when they go: tcp_ca_priv_alloc() before anything changes (so
 * that running out of memory changes nothing), tcp_ca_set() to install.
 */
static int tcp_ca_priv_alloc(const struct tcp_congestion_ops *ca, void **ext)
{
	*ext = NULL;
	if (!ca->priv_size)
		return 0;
	*ext = kzalloc(ca->priv_size, GFP_ATOMIC);
	return *ext ? 0 : -ENOMEM;
}

static void tcp_ca_priv_free(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ca_ops && icsk->icsk_ca_ops->priv_size)
		kfree(tcp_ca_priv_ext(sk));
	memset(icsk->icsk_ca_priv, 0, sizeof(icsk->icsk_ca_priv));
}

static void tcp_ca_set(struct sock *sk, const struct tcp_congestion_ops *ca,
		       void *ext)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	tcp_ca_priv_free(sk);
	icsk->icsk_ca_ops = ca;
	if (ext)
		memcpy(icsk->icsk_ca_priv, &ext, sizeof(ext));
}

/*
 * tcp_assign_congestion_control - the stack's default for a new sock;
 * Reno when there is no memory for the default's state.
 */
void tcp_assign_congestion_control(struct sock *sk)
{
	const struct tcp_congestion_ops *ca =
		sock_net(sk)->ipv4.tcp_congestion_control;
	void *ext;

	if (!ca || tcp_ca_priv_alloc(ca, &ext))
		ca = &tcp_reno, ext = NULL;
	tcp_ca_set(sk, ca, ext);
}

/*
 * tcp_ca_inherit - a child takes the congestion control its
 * listener was given by TCP_CONGESTION (else it keeps the default)
 */
void tcp_ca_inherit(struct sock *sk, const struct sock *listener)
{
	const struct inet_connection_sock *licsk = inet_csk(listener);
	void *ext;

	if (!licsk->icsk_ca_setsockopt ||
	    tcp_ca_priv_alloc(licsk->icsk_ca_ops, &ext))
		return;
	tcp_ca_set(sk, licsk->icsk_ca_ops, ext);
	inet_csk(sk)->icsk_ca_setsockopt = 1;
}

void tcp_init_congestion_control(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ca_ops->init)
		icsk->icsk_ca_ops->init(sk);
	icsk->icsk_ca_initialized = 1;
}

void tcp_cleanup_congestion_control(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ca_initialized && icsk->icsk_ca_ops &&
	    icsk->icsk_ca_ops->release)
		icsk->icsk_ca_ops->release(sk);
	icsk->icsk_ca_initialized = 0;
	tcp_ca_priv_free(sk);
}

/*
 * __tcp_set_congestion_control - TCP_CONGESTION: @name for @sk; one not
 * in tcp_allowed_congestion_control needs CAP_NET_ADMIN (@cap_net_admin).
 * Return: 0, -ENOENT (unknown), -EPERM (not allowed), -ENOMEM (no
 * memory for its state; the old one stays).
 */
int __tcp_set_congestion_control(struct sock *sk, const char *name,
				 bool cap_net_admin)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_cong_entry *e = tcp_ca_find_entry(name);
	const struct tcp_congestion_ops *ca = e ? e->ops : NULL;
	void *ext;

	if (!ca)
		return -ENOENT;
	if (!e->non_restricted && !cap_net_admin)
		return -EPERM;
	if (ca == icsk->icsk_ca_ops) {
		icsk->icsk_ca_setsockopt = 1;
		return 0;
	}
	if (tcp_ca_priv_alloc(ca, &ext))
		return -ENOMEM;
	tcp_cleanup_congestion_control(sk);
	tcp_ca_set(sk, ca, ext);
	icsk->icsk_ca_setsockopt = 1;
	if (sk->sk_state != TCP_CLOSE && sk->sk_state != TCP_LISTEN &&
	    sk->sk_state != TCP_SYN_SENT)
		tcp_init_congestion_control(sk);
	return 0;
}

/*
 * tcp_set_congestion_control - TCP_CONGESTION from the API.  tuxnet has
 * no capabilities: the caller owns its stack and holds CAP_NET_ADMIN over
 * it (as for raw sockets), so only -ENOENT comes back, as for root.
 */
int tcp_set_congestion_control(struct sock *sk, const char *name)
{
	return __tcp_set_congestion_control(sk, name, true);
}

/* As Linux, the default becomes allowed (and stays so). */
int tcp_set_default_congestion_control(struct net *net, const char *name)
{
	struct tcp_cong_entry *e = tcp_ca_find_entry(name);

	if (!e)
		return -ENOENT;
	net->ipv4.tcp_congestion_control = e->ops;
	e->non_restricted = true;
	return 0;
}

/* tcp_allowed_congestion_control: the non-restricted ones, in order */
void tcp_get_allowed_congestion_control(char *buf, size_t len)
{
	struct tcp_cong_entry *e;
	size_t off = 0;

	buf[0] = '\0';
	list_for_each_entry(e, tcp_cong_list(), list) {
		int n;

		if (!e->non_restricted)
			continue;
		n = snprintf(buf + off, len - off, "%s%s", off ? " " : "",
			     e->ops->name);
		if (n < 0 || (size_t)n >= len - off)
			break;
		off += (size_t)n;
	}
}

/*
 * tcp_set_allowed_congestion_control - @val, names separated by spaces,
 * become the only ones allowed without CAP_NET_ADMIN.  All must exist
 * or nothing changes.  Return: 0 or -ENOENT.
 */
int tcp_set_allowed_congestion_control(const char *val)
{
	char buf[256], *name, *save = NULL;
	struct tcp_cong_entry *e;

	(void)snprintf(buf, sizeof(buf), "%s", val);
	for (name = strtok_r(buf, " \n", &save); name;
	     name = strtok_r(NULL, " \n", &save)) {
		if (!tcp_ca_find_entry(name))
			return -ENOENT;
	}
	list_for_each_entry(e, tcp_cong_list(), list)
		e->non_restricted = false;
	(void)snprintf(buf, sizeof(buf), "%s", val);
	for (name = strtok_r(buf, " \n", &save); name;
	     name = strtok_r(NULL, " \n", &save))
		tcp_ca_find_entry(name)->non_restricted = true;
	return 0;
}

void tcp_get_default_congestion_control(struct net *net, char *name)
{
	const struct tcp_congestion_ops *ca = net->ipv4.tcp_congestion_control;

	(void)snprintf(name, TCP_CA_NAME_MAX, "%s", ca ? ca->name : "reno");
}

/* "reno cubic ..." in registration order, as Linux lists them */
void tcp_get_available_congestion_control(char *buf, size_t len)
{
	struct tcp_cong_entry *e;
	size_t off = 0;

	buf[0] = '\0';
	list_for_each_entry(e, tcp_cong_list(), list) {
		int n = snprintf(buf + off, len - off, "%s%s", off ? " " : "",
				 e->ops->name);

		if (n < 0 || (size_t)n >= len - off)
			break;
		off += (size_t)n;
	}
}

/* ---- Reno ---- */

/*
 * tcp_slow_start - RFC 5681 3.1: cwnd grows by the segments ACKed, up to
 * ssthresh.  Return: the ACKed segments left over for congestion
 * avoidance.
 */
u32 tcp_slow_start(struct tcp_sock *tp, u32 acked)
{
	u32 cwnd = min_t(u32, tcp_snd_cwnd(tp) + acked, tp->snd_ssthresh);

	acked -= cwnd - tcp_snd_cwnd(tp);
	tcp_snd_cwnd_set(tp, min_t(u32, cwnd, tp->snd_cwnd_clamp));
	return acked;
}

/* tcp_cong_avoid_ai - one segment more per window of @w ACKed segments */
void tcp_cong_avoid_ai(struct tcp_sock *tp, u32 w, u32 acked)
{
	if (tp->snd_cwnd_cnt >= w) {
		tp->snd_cwnd_cnt = 0;
		tcp_snd_cwnd_set(tp, tcp_snd_cwnd(tp) + 1);
	}
	tp->snd_cwnd_cnt += acked;
	if (tp->snd_cwnd_cnt >= w) {
		u32 delta = tp->snd_cwnd_cnt / w;

		tp->snd_cwnd_cnt -= delta * w;
		tcp_snd_cwnd_set(tp, tcp_snd_cwnd(tp) + delta);
	}
	tcp_snd_cwnd_set(tp, min_t(u32, tcp_snd_cwnd(tp), tp->snd_cwnd_clamp));
}

void tcp_reno_cong_avoid(struct sock *sk, u32 ack, u32 acked)
{
	struct tcp_sock *tp = tcp_sk(sk);

	(void)ack;
	if (!tcp_is_cwnd_limited(sk))
		return;
	if (tcp_in_slow_start(tp)) {
		acked = tcp_slow_start(tp, acked);
		if (!acked)
			return;
	}
	/* RFC 5681 3.1 eq. 3: about one segment per RTT */
	tcp_cong_avoid_ai(tp, tcp_snd_cwnd(tp), acked);
}

/* RFC 5681 3.1 eq. 4 (Linux halves cwnd, not the flight) */
u32 tcp_reno_ssthresh(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return max_t(u32, tcp_snd_cwnd(tp) >> 1U, 2U);
}

u32 tcp_reno_undo_cwnd(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return max_t(u32, tcp_snd_cwnd(tp), tp->prior_cwnd);
}

const struct tcp_congestion_ops tcp_reno = {
	.flags = TCP_CONG_NON_RESTRICTED,
	.name = "reno",
	.ssthresh = tcp_reno_ssthresh,
	.cong_avoid = tcp_reno_cong_avoid,
	.undo_cwnd = tcp_reno_undo_cwnd,
};

int tcp_cong_init(struct tn_stack *st)
{
	struct tcp_cong_entry *e;
	int err;

	INIT_LIST_HEAD(&inet_stack(st)->tcp_cong_list);
	err = tcp_register_congestion_control(&tcp_reno);
	if (err)
		return err;
	/* the built-in algorithms, after Reno, in Linux's link order
	 * (net/ipv4/Makefile: tcp_bbr.o before tcp_cubic.o), so that the
	 * list reads "reno bbr cubic" as on a kernel with both built in */
	err = tcp_bbr_register();
	if (err)
		return err;
	err = tcp_cubic_register();
	if (err)
		return err;
	/* the build's default (CONFIG_DEFAULT_TCP_CONG, the stack's
	 * config; cubic unless it names another we have) is allowed */
	inet_stack(st)->tcp_cong_default = &tcp_cubic;
	list_for_each_entry(e, &inet_stack(st)->tcp_cong_list, list) {
		if (!strcmp(e->ops->name, st->tcp_cong_default))
			inet_stack(st)->tcp_cong_default = e->ops;
	}
	list_for_each_entry(e, &inet_stack(st)->tcp_cong_list, list) {
		if (e->ops == inet_stack(st)->tcp_cong_default)
			e->non_restricted = true;
	}
	return 0;
}

void tcp_cong_exit(struct tn_stack *st)
{
	struct tcp_cong_entry *e, *n;

	list_for_each_entry_safe(e, n, &inet_stack(st)->tcp_cong_list, list) {
		list_del(&e->list);
		kfree(e);
	}
}
