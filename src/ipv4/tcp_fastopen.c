// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCP Fast Open (RFC 7413) as Linux does it: data in the SYN.
 *
 * The server hands out a cookie, SipHash-2-4 of the client's and its own
 * address under a key (net.ipv4.tcp_fastopen_key, or the listener's
 * TCP_FASTOPEN_KEY); a SYN that brings it back with data gets a child
 * sock at once, in SYN-RECV, that holds the data and is returned by
 * accept(2) before the handshake completes.  The client keeps the cookie
 * in its tcp_metrics entry (tcp_metrics.c) and sends data with its next
 * SYN (sendto(MSG_FASTOPEN), or TCP_FASTOPEN_CONNECT and write).  The
 * option is kind 34 (RFC 7413 4.1.1), or the experimental kind 254 with
 * ExID 0xF989 (RFC 6994) when the peer used that.
 *
 * net.ipv4.tcp_fastopen: 0x1 client, 0x2 server, 0x4 client sends data
 * without a cookie, 0x200 server accepts data without one, 0x400 every
 * listener without TCP_FASTOPEN (its queue length is then the backlog).
 * Linux: net/ipv4/tcp_fastopen.c.
 */
#include <errno.h>
#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>

#include <net/inet_connection_sock.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/snmp.h>
#include <net/sysctl.h>
#include <net/tcp.h>

/* ---- the key (net.ipv4.tcp_fastopen_key, TCP_FASTOPEN_KEY) ---- */

static u64 get_le64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void put_le64(u8 *p, u64 v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (u8)(v >> (8 * i));
}

/*
 * tcp_fastopen_reset_cipher - install @primary_key (and @backup_key, may
 * be NULL), 16 bytes each, for @sk's listener queue, or for @net when @sk
 * is NULL.  The bytes are the SipHash key, read little-endian as Linux.
 */
int tcp_fastopen_reset_cipher(struct net *net, struct sock *sk,
			      const void *primary_key, const void *backup_key)
{
	struct tcp_fastopen_context *ctx, *old;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->key[0][0] = get_le64(primary_key);
	ctx->key[0][1] = get_le64((const u8 *)primary_key + 8);
	ctx->num = 1;
	if (backup_key) {
		ctx->key[1][0] = get_le64(backup_key);
		ctx->key[1][1] = get_le64((const u8 *)backup_key + 8);
		ctx->num = 2;
	}
	if (sk) {
		struct fastopen_queue *q;

		if (inet_csk_accept_queue_alloc(sk)) {
			kfree(ctx);
			return -ENOMEM;
		}
		q = &inet_csk(sk)->icsk_accept_queue->fastopenq;

		old = q->ctx;
		q->ctx = ctx;
	} else {
		old = net->ipv4.tcp_fastopen_ctx;
		net->ipv4.tcp_fastopen_ctx = ctx;
	}
	kfree(old);
	return 0;
}

/* tcp_fastopen_init_key_once - a random key, unless there is one already */
void tcp_fastopen_init_key_once(struct net *net)
{
	u8 key[TCP_FASTOPEN_KEY_LENGTH];
	int i;

	if (net->ipv4.tcp_fastopen_ctx)
		return;
	for (i = 0; i < TCP_FASTOPEN_KEY_LENGTH; i += 4) {
		u32 r = get_random_u32();

		memcpy(key + i, &r, 4);
	}
	(void)tcp_fastopen_reset_cipher(net, NULL, key, NULL);
}

/*
 * tcp_fastopen_get_cipher - the keys @icsk uses (its own, else @net's;
 * @icsk may be NULL), two u64 each into @key.  Return: how many.
 */
int tcp_fastopen_get_cipher(struct net *net, struct inet_connection_sock *icsk,
			    u64 *key)
{
	const struct tcp_fastopen_context *ctx = NULL;
	int i;

	if (icsk && icsk->icsk_accept_queue)
		ctx = icsk->icsk_accept_queue->fastopenq.ctx;
	if (!ctx)
		ctx = net->ipv4.tcp_fastopen_ctx;
	if (!ctx)
		return 0;
	for (i = 0; i < ctx->num; i++) {
		key[2 * (size_t)i] = ctx->key[i][0];
		key[2 * (size_t)i + 1] = ctx->key[i][1];
	}
	return ctx->num;
}

void tcp_fastopen_destroy_cipher(struct sock *sk)
{
	struct request_sock_queue *queue = inet_csk(sk)->icsk_accept_queue;

	if (!queue)
		return;
	kfree(queue->fastopenq.ctx);
	queue->fastopenq.ctx = NULL;
}

/*
 * One "%x" as the kernel's sscanf reads it: blanks skipped, an optional
 * 0x, at least one hex digit, the value truncated to 32 bits.
 */
static bool scan_hex(const char **sp, u32 *v)
{
	const char *s = *sp;
	u64 acc = 0;
	int n = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit(s[2]))
		s += 2;
	for (; isxdigit((unsigned char)*s); s++, n++)
		acc = (acc << 4) |
		      (u64)(isdigit((unsigned char)*s)
				    ? *s - '0'
				    : (tolower((unsigned char)*s) - 'a' + 10));
	if (!n)
		return false;
	*v = (u32)acc;
	*sp = s;
	return true;
}

/* "%x-%x-%x-%x" into @w (four words); Return: true when all four read */
static bool scan_key(const char *s, u32 *w)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (i && *s++ != '-')
			return false;
		if (!scan_hex(&s, &w[i]))
			return false;
	}
	return true;
}

/*
 * proc_tcp_fastopen_key - net.ipv4.tcp_fastopen_key: the key as four
 * 32-bit words in hex, "%08x-%08x-%08x-%08x", and ",<backup>" after it
 * when there is a backup key; zeros when there is none yet.  A write
 * takes the same (the words as sscanf's %x reads them); -EINVAL when it
 * does not parse.
 */
int proc_tcp_fastopen_key(struct ctl_table *ctl, int write, char *buffer,
			  size_t *lenp, long *ppos)
{
	struct net *net = ctl->extra2;
	char val[2 * (4 * 8 + 3) + 2];
	struct ctl_table tbl = {
		.data = val,
		.maxlen = (int)sizeof(val),
		.mode = ctl->mode,
	};
	u64 key[2 * TCP_FASTOPEN_KEY_MAX];
	u32 w[4 * TCP_FASTOPEN_KEY_MAX];
	int n_keys, i, ret;
	size_t off = 0;

	memset(key, 0, sizeof(key));
	n_keys = tcp_fastopen_get_cipher(net, NULL, key);
	if (!n_keys)
		n_keys = 1;
	for (i = 0; i < n_keys; i++) {
		off += (size_t)snprintf(val + off, sizeof(val) - off,
					"%s%08x-%08x-%08x-%08x", i ? "," : "",
					(u32)key[2 * (size_t)i],
					(u32)(key[2 * (size_t)i] >> 32),
					(u32)key[2 * (size_t)i + 1],
					(u32)(key[2 * (size_t)i + 1] >> 32));
	}
	ret = proc_dostring(&tbl, write, buffer, lenp, ppos);
	if (write && ret == 0) {
		u8 bytes[TCP_FASTOPEN_KEY_BUF_LENGTH];
		char *backup = strchr(val, ',');

		if (backup)
			*backup++ = '\0';
		if (!scan_key(val, w) || (backup && !scan_key(backup, w + 4)))
			return -EINVAL;
		n_keys = backup ? 2 : 1;
		for (i = 0; i < 4 * n_keys; i++) {
			u8 *b = bytes + 4 * (size_t)i;

			b[0] = (u8)w[i];
			b[1] = (u8)(w[i] >> 8);
			b[2] = (u8)(w[i] >> 16);
			b[3] = (u8)(w[i] >> 24);
		}
		ret = tcp_fastopen_reset_cipher(
			net, NULL, bytes,
			backup ? bytes + TCP_FASTOPEN_KEY_LENGTH : NULL);
	}
	return ret;
}

/* ---- per namespace ---- */

int tcp_fastopen_net_init(struct net *net)
{
	net->ipv4.sysctl_tcp_fastopen = TFO_CLIENT_ENABLE;
	net->ipv4.sysctl_tcp_fastopen_blackhole_timeout = 0;
	net->ipv4.tfo_active_disable_times = 0;
	return 0;
}

void tcp_fastopen_net_exit(struct net *net)
{
	kfree(net->ipv4.tcp_fastopen_ctx);
	net->ipv4.tcp_fastopen_ctx = NULL;
}

/* ---- the option ---- */

/*
 * tcp_parse_fastopen_option - the Fast Open option of the SYN or SYN-ACK
 * at tcp_hdr(@skb) into @foc: len -1 when there is none (or it is
 * malformed), 0 for a cookie request, else the cookie (4 to 16 bytes,
 * even, RFC 7413 4.1.1).  Kind 254 counts only with ExID 0xF989.
 */
void tcp_parse_fastopen_option(const struct sk_buff *skb,
			       struct tcp_fastopen_cookie *foc)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct tcp_opt_walk w;
	int opcode, opsize, len;
	const u8 *ptr;

	foc->len = -1;
	foc->exp = false;
	if (!th->syn)
		return;
	tcp_opt_walk_init(&w, th);
	while ((opcode = tcp_opt_walk_next(&w, &opsize, &ptr)) >= 0) {
		bool exp = opcode == TCPOPT_EXP;

		if (opcode != TCPOPT_FASTOPEN &&
		    !(exp && opsize >= TCPOLEN_EXP_FASTOPEN_BASE &&
		      ((ptr[0] << 8) | ptr[1]) == TCPOPT_FASTOPEN_MAGIC))
			continue;
		len = opsize -
		      (exp ? TCPOLEN_EXP_FASTOPEN_BASE : TCPOLEN_FASTOPEN_BASE);
		if (len & 1)
			continue;
		if (len >= TCP_FASTOPEN_COOKIE_MIN &&
		    len <= TCP_FASTOPEN_COOKIE_MAX)
			memcpy(foc->val, ptr + (exp ? 2 : 0), (size_t)len);
		else if (len != 0)
			len = -1;
		foc->len = (s8)len;
		foc->exp = exp;
	}
}

/* ---- the server ---- */

static const struct tcp_fastopen_context *tcp_fastopen_get_ctx(struct sock *sk)
{
	const struct tcp_fastopen_context *ctx =
		inet_csk(sk)->icsk_accept_queue->fastopenq.ctx;

	return ctx ? ctx : sock_net(sk)->ipv4.tcp_fastopen_ctx;
}

/* The cookie of @syn's addresses under @key (Linux's, byte for byte). */
static void tcp_fastopen_cookie_gen_cipher(const struct sk_buff *syn,
					   const u64 key[2],
					   struct tcp_fastopen_cookie *foc)
{
	const struct iphdr *iph = ip_hdr(syn);
	u8 addrs[8];

	memcpy(addrs, &iph->saddr, 4);
	memcpy(addrs + 4, &iph->daddr, 4);
	put_le64(foc->val, siphash_1u64(get_le64(addrs), key));
	foc->len = TCP_FASTOPEN_COOKIE_SIZE;
}

/*
 * tcp_fastopen_cookie_gen_check - @valid_foc becomes the cookie of the
 * primary key.  Return: 1 when @orig is it, 2 when @orig is the backup
 * key's, 0 otherwise.
 */
static int tcp_fastopen_cookie_gen_check(struct sock *sk,
					 const struct sk_buff *syn,
					 const struct tcp_fastopen_cookie *orig,
					 struct tcp_fastopen_cookie *valid_foc)
{
	const struct tcp_fastopen_context *ctx = tcp_fastopen_get_ctx(sk);
	struct tcp_fastopen_cookie search = { .len = -1 };
	int i;

	if (!ctx)
		return 0;
	for (i = 0; i < ctx->num; i++) {
		struct tcp_fastopen_cookie *foc = i ? &search : valid_foc;

		tcp_fastopen_cookie_gen_cipher(syn, ctx->key[i], foc);
		if (orig->len == TCP_FASTOPEN_COOKIE_SIZE &&
		    !memcmp(foc->val, orig->val, TCP_FASTOPEN_COOKIE_SIZE))
			return i + 1;
	}
	return 0;
}

/*
 * tcp_fastopen_add_skb - the data of the SYN @skb goes to @sk's receive
 * queue (and its FIN, if any, is taken): the client or the child alike
 */
void tcp_fastopen_add_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (TCP_SKB_CB(skb)->end_seq == tp->rcv_nxt)
		return;
	skb = skb_clone(skb, GFP_ATOMIC);
	if (!skb)
		return;
	skb_dst_drop(skb);
	__skb_pull_header(skb);
	sk_forced_mem_schedule(sk, (int)skb->truesize);
	skb_set_owner_r(skb, sk);
	TCP_SKB_CB(skb)->seq++;
	TCP_SKB_CB(skb)->tcp_flags &= (u8)~TCPHDR_SYN;
	tp->rcv_nxt = TCP_SKB_CB(skb)->end_seq;
	skb_queue_tail(&sk->sk_receive_queue, skb);
	tp->syn_data_acked = 1;
	tp->bytes_received = skb->len;
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
		tcp_fin(sk);
}

/*
 * The child of a Fast Open SYN: made now, from the SYN alone, in
 * SYN-RECV, holding @req (its SYN-ACK, retransmitted by the child's own
 * timer) until the handshake completes; the SYN's data is in it.
 */
static struct sock *tcp_fastopen_create_child(struct sock *sk,
					      struct sk_buff *skb,
					      struct request_sock *req)
{
	struct request_sock_queue *queue = inet_csk(sk)->icsk_accept_queue;
	struct tcp_sock *tp;
	struct sock *child;

	child = tcp_v4_syn_recv_sock(sk, skb, req, NULL);
	if (!child)
		return NULL;
	queue->fastopenq.qlen++;
	tp = tcp_sk(child);
	tp->fastopen_rsk = req; /* the reference reqsk_alloc() gave */
	tcp_rsk(req)->tfo_listener = true;
	/* RFC 7323 2.2: the SYN's window is not scaled */
	tp->snd_wnd = ntohs(tcp_hdr(skb)->window);
	tp->max_window = tp->snd_wnd;
	inet_csk_reset_xmit_timer(child, ICSK_TIME_RETRANS, TCP_TIMEOUT_INIT,
				  TCP_RTO_MAX);
	tcp_init_transfer(child);
	tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
	tcp_fastopen_add_skb(child, skb);
	tcp_rsk(req)->rcv_nxt = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	inet_ehash_nolisten(child, NULL);
	return child;
}

/* Room for another Fast Open child (TCP_FASTOPEN's queue length)? */
static bool tcp_fastopen_queue_check(struct sock *sk)
{
	const struct fastopen_queue *q =
		&inet_csk(sk)->icsk_accept_queue->fastopenq;

	if (q->max_qlen == 0)
		return false;
	if (q->qlen >= q->max_qlen) {
		NET_INC_STATS(sock_net(sk),
			      LINUX_MIB_TCPFASTOPENLISTENOVERFLOW);
		return false;
	}
	return true;
}

/* no cookie needed: the sysctl's @flag, TCP_FASTOPEN_NO_COOKIE, or the
 * route's fastopen_no_cookie metric */
static bool tcp_fastopen_no_cookie(const struct sock *sk,
				   const struct dst_entry *dst, int flag)
{
	return (sock_net(sk)->ipv4.sysctl_tcp_fastopen & flag) ||
	       tcp_sk(sk)->fastopen_no_cookie ||
	       (dst && dst_metric(dst, RTAX_FASTOPEN_NO_COOKIE));
}

/**
 * tcp_try_fastopen - the SYN @skb (Fast Open option in @foc) for listener
 *	@sk: with a valid cookie (or none needed) the child, made now and
 *	holding the data; else NULL and the SYN-ACK goes as usual.
 *	On return @foc is what the SYN-ACK carries: a fresh cookie for a
 *	request or a wrong one, none (len -1) otherwise.
 */
struct sock *tcp_try_fastopen(struct sock *sk, struct sk_buff *skb,
			      struct request_sock *req,
			      struct tcp_fastopen_cookie *foc,
			      const struct dst_entry *dst)
{
	bool syn_data = TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq + 1;
	int tcp_fastopen = sock_net(sk)->ipv4.sysctl_tcp_fastopen;
	struct tcp_fastopen_cookie valid_foc = { .len = -1 };
	struct net *net = sock_net(sk);
	struct sock *child;
	int ret = 0;

	if (foc->len == 0) /* the client asks for a cookie */
		NET_INC_STATS(net, LINUX_MIB_TCPFASTOPENCOOKIEREQD);
	if (!((tcp_fastopen & TFO_SERVER_ENABLE) &&
	      (syn_data || foc->len >= 0) && tcp_fastopen_queue_check(sk))) {
		foc->len = -1;
		return NULL;
	}
	if (tcp_fastopen_no_cookie(sk, dst, TFO_SERVER_COOKIE_NOT_REQD))
		goto fastopen;
	if (foc->len == 0) {
		const struct tcp_fastopen_context *ctx =
			tcp_fastopen_get_ctx(sk);

		if (ctx)
			tcp_fastopen_cookie_gen_cipher(skb, ctx->key[0],
						       &valid_foc);
	} else if (foc->len > 0) {
		ret = tcp_fastopen_cookie_gen_check(sk, skb, foc, &valid_foc);
		if (!ret) {
			NET_INC_STATS(net, LINUX_MIB_TCPFASTOPENPASSIVEFAIL);
		} else {
			/*
			 * A good cookie: the child takes the data now and the
			 * SYN-ACK acks it (RFC 7413 4.2.2).  A SYN without
			 * data makes a child all the same, as Linux.
			 */
fastopen:
			child = tcp_fastopen_create_child(sk, skb, req);
			if (child) {
				if (ret ==
				    2) { /* the backup key's: the new one */
					valid_foc.exp = foc->exp;
					*foc = valid_foc;
					NET_INC_STATS(
						net,
						LINUX_MIB_TCPFASTOPENPASSIVEALTKEY);
				} else {
					foc->len = -1;
				}
				NET_INC_STATS(net,
					      LINUX_MIB_TCPFASTOPENPASSIVE);
				tcp_sk(child)->syn_fastopen_child = 1;
				return child;
			}
			NET_INC_STATS(net, LINUX_MIB_TCPFASTOPENPASSIVEFAIL);
		}
	}
	valid_foc.exp = foc->exp;
	*foc = valid_foc;
	return NULL;
}

/*
 * reqsk_fastopen_remove - the child @sk is done with its request sock
 * (the handshake completed, or the child is closed): the listener's
 * Fast Open queue has room again
 */
void reqsk_fastopen_remove(struct sock *sk, struct request_sock *req)
{
	struct sock *lsk = req->rsk_listener;

	tcp_sk(sk)->fastopen_rsk = NULL;
	if (lsk)
		inet_csk(lsk)->icsk_accept_queue->fastopenq.qlen--;
	tcp_rsk(req)->tfo_listener = false;
	reqsk_put(req);
}

/*
 * tcp_rcv_synrecv_state_fastopen - the ACK of a Fast Open child's
 * SYN-ACK: the request goes, the timer follows what is in flight
 */
void tcp_rcv_synrecv_state_fastopen(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_update_rto_time(tp);
	inet_csk(sk)->icsk_retransmits = 0;
	if (!tp->packets_out)
		tp->retrans_stamp = 0;
	reqsk_fastopen_remove(sk, tp->fastopen_rsk);
	tcp_rearm_rto(sk);
}

/*
 * tcp_fastopen_check_req - a segment for a Fast Open child still in
 * SYN-RECV: its SYN again (our SYN-ACK was lost) gets the SYN-ACK again.
 * Return: true when the segment was used up that way.
 */
bool tcp_fastopen_check_req(struct sock *sk, struct sk_buff *skb)
{
	struct request_sock *req = tcp_sk(sk)->fastopen_rsk;
	const struct tcphdr *th = tcp_hdr(skb);

	if (sk->sk_state != TCP_SYN_RECV ||
	    TCP_SKB_CB(skb)->seq != tcp_rsk(req)->rcv_isn ||
	    (tcp_flag_byte(th) & (TCPHDR_SYN | TCPHDR_RST | TCPHDR_ACK)) !=
		    TCPHDR_SYN)
		return false;
	if (!tcp_oow_rate_limited(sock_net(sk), skb,
				  LINUX_MIB_TCPACKSKIPPEDSYNRECV,
				  &tcp_rsk(req)->snt_synack_oow) &&
	    !req->rsk_ops->rtx_syn_ack(req->rsk_listener, req))
		req->num_retrans++;
	return true;
}

/*
 * tcp_fastopen_synack_timer - the child's SYN-ACK was not acked: send it
 * again, backing off, tcp_synack_retries + 1 times, then give up
 */
void tcp_fastopen_synack_timer(struct sock *sk, struct request_sock *req)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int max_retries;

	tcp_syn_ack_timeout(req);
	max_retries =
		icsk->icsk_syn_retries
			? icsk->icsk_syn_retries
			: sock_net(sk)->ipv4.sysctl_tcp_synack_retries + 1;
	if (req->num_timeout >= max_retries) {
		sk->sk_err = ETIMEDOUT;
		sk->sk_error_report(sk);
		tcp_write_queue_purge(sk);
		tcp_done(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONTIMEOUT);
		return;
	}
	if (icsk->icsk_retransmits == 1)
		tcp_enter_loss(sk);
	if (!req->rsk_ops->rtx_syn_ack(req->rsk_listener, req))
		req->num_retrans++;
	req->num_timeout++;
	if (!icsk->icsk_retransmits) { /* an RTO recovery begins */
		tp->total_rto_recoveries++;
		tp->rto_stamp = tcp_time_stamp_ms(sk);
	}
	icsk->icsk_retransmits++;
	tp->total_rto++;
	if (!tp->retrans_stamp)
		tp->retrans_stamp = tcp_time_stamp_ms(sk);
	inet_csk_reset_xmit_timer(
		sk, ICSK_TIME_RETRANS,
		(u32)min_t(u64, (u64)TCP_TIMEOUT_INIT << req->num_timeout,
			   TCP_RTO_MAX),
		TCP_RTO_MAX);
}

/* fastopen_queue_tune - TCP_FASTOPEN: at most @backlog (and somaxconn) */
void fastopen_queue_tune(struct sock *sk, int backlog)
{
	int somaxconn = sock_net(sk)->core.sysctl_somaxconn;

	inet_csk(sk)->icsk_accept_queue->fastopenq.max_qlen =
		backlog < somaxconn ? backlog : somaxconn;
}

/*
 * tcp_fastopen_listen - listen(2): with 0x400 and 0x2 in tcp_fastopen
 * every listener takes Fast Open, its queue as long as the backlog
 */
void tcp_fastopen_listen(struct sock *sk, int backlog)
{
	int tcp_fastopen = sock_net(sk)->ipv4.sysctl_tcp_fastopen;

	if ((tcp_fastopen & TFO_SERVER_WO_SOCKOPT1) &&
	    (tcp_fastopen & TFO_SERVER_ENABLE) &&
	    !inet_csk(sk)->icsk_accept_queue->fastopenq.max_qlen) {
		fastopen_queue_tune(sk, backlog);
		tcp_fastopen_init_key_once(sock_net(sk));
	}
}

/* ---- the client ---- */

/*
 * tcp_fastopen_active_should_disable - Fast Open paused after a blackhole
 * (tcp_fastopen_blackhole_timeout_sec, doubled for each one in a row up
 * to 64 times)?
 */
bool tcp_fastopen_active_should_disable(struct sock *sk)
{
	struct net *net = sock_net(sk);
	int timeout = net->ipv4.sysctl_tcp_fastopen_blackhole_timeout;
	int times = net->ipv4.tfo_active_disable_times;
	u64 until;

	if (!timeout || !times)
		return false;
	until = (u64)net->ipv4.tfo_active_disable_stamp +
		((u64)1 << (times - 1 < 6 ? times - 1 : 6)) * (u64)timeout *
			1000;
	if ((s64)(until - tcp_jiffies32(sk)) > 0)
		return true;
	tcp_sk(sk)->syn_fastopen_ch = 1;
	return false;
}

void tcp_fastopen_active_disable(struct sock *sk)
{
	struct net *net = sock_net(sk);

	if (!net->ipv4.sysctl_tcp_fastopen_blackhole_timeout)
		return;
	net->ipv4.tfo_active_disable_stamp = tcp_jiffies32(sk);
	net->ipv4.tfo_active_disable_times++;
	NET_INC_STATS(net, LINUX_MIB_TCPFASTOPENBLACKHOLE);
}

/*
 * tcp_fastopen_active_disable_ofo_check - an active Fast Open socket is
 * done with its queues (destroyed or disconnected).  No data received and
 * a FIN alone out of order looks like a middlebox that ate the data: a
 * blackhole.  Data received on a socket that used Fast Open after a pause
 * (syn_fastopen_ch) shows the path works again: the count of blackholes
 * in a row goes back to 0, unless the route was loopback.
 */
void tcp_fastopen_active_disable_ofo_check(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	const struct dst_entry *dst = sk->sk_dst_cache;
	const struct sk_buff *skb;

	if (!tp->syn_fastopen)
		return;
	if (!tp->data_segs_in) {
		skb = skb_peek(&tp->out_of_order_queue);
		if (skb && skb_queue_len(&tp->out_of_order_queue) == 1 &&
		    (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN))
			tcp_fastopen_active_disable(sk);
	} else if (tp->syn_fastopen_ch && net->ipv4.tfo_active_disable_times &&
		   !(dst && dst->dev && (dst->dev->flags & IFF_LOOPBACK))) {
		net->ipv4.tfo_active_disable_times = 0;
	}
}

/*
 * tcp_fastopen_active_detect_blackhole - a Fast Open connection that
 * times out twice (or gives up) may be behind a middlebox that drops
 * it: pause Fast Open for everyone
 */
void tcp_fastopen_active_detect_blackhole(struct sock *sk, bool expired)
{
	u32 timeouts = inet_csk(sk)->icsk_retransmits;
	struct tcp_sock *tp = tcp_sk(sk);

	if ((tp->syn_fastopen || tp->syn_data || tp->syn_data_acked) &&
	    (timeouts == 2 || (timeouts < 2 && expired))) {
		tcp_fastopen_active_disable(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPFASTOPENACTIVEFAIL);
	}
}

/**
 * tcp_fastopen_cookie_check - may the SYN carry data?  @cookie gets the
 *	cached cookie (len -1: no option at all; 0: ask for one)
 * Return: true to send data (with the cookie, or without one in the
 *	no-cookie modes), false to send a plain SYN (asking for a cookie
 *	when @cookie->len is 0).
 */
bool tcp_fastopen_cookie_check(struct sock *sk, u16 *mss,
			       struct tcp_fastopen_cookie *cookie)
{
	tcp_fastopen_cache_get(sk, mss, cookie);
	if (tcp_fastopen_active_should_disable(sk)) {
		cookie->len = -1;
		return false;
	}
	if (tcp_fastopen_no_cookie(sk, sk->sk_dst_cache,
				   TFO_CLIENT_NO_COOKIE)) {
		cookie->len = -1;
		return true;
	}
	if (cookie->len > 0)
		return true;
	tcp_sk(sk)->fastopen_client_fail = TFO_COOKIE_UNAVAILABLE;
	return false;
}

/*
 * tcp_fastopen_defer_connect - connect(2) with TCP_FASTOPEN_CONNECT: with
 * a cookie the SYN waits for the first write (connect returns 0 at once);
 * without one the SYN goes now and asks for a cookie.
 * Return: true when the SYN is deferred (*@err then 0).
 */
bool tcp_fastopen_defer_connect(struct sock *sk, int *err)
{
	struct tcp_fastopen_cookie cookie = { .len = 0 };
	struct tcp_sock *tp = tcp_sk(sk);
	u16 mss;

	if (tp->fastopen_connect && !tp->fastopen_req) {
		if (tcp_fastopen_cookie_check(sk, &mss, &cookie)) {
			inet_sk(sk)->defer_connect = 1;
			return true;
		}
		/* a request with no data, so that the SYN asks for a cookie */
		tp->fastopen_req =
			kzalloc(sizeof(*tp->fastopen_req), GFP_KERNEL);
		if (tp->fastopen_req)
			tp->fastopen_req->cookie = cookie;
		else
			*err = -ENOBUFS;
	}
	return false;
}

void tcp_free_fastopen_req(struct tcp_sock *tp)
{
	kfree(tp->fastopen_req);
	tp->fastopen_req = NULL;
}

/**
 * tcp_sendmsg_fastopen - sendmsg(MSG_FASTOPEN), or the first write after
 *	a deferred connect: the SYN goes with as much of @msg as fits;
 *	*@copied is how much that was
 * Return: -EINPROGRESS once the SYN is out (as connect(2) without
 *	waiting), or -errno (-EOPNOTSUPP with Fast Open off, -EALREADY,
 *	-EISCONN and the others of connect(2)).
 */
int tcp_sendmsg_fastopen(struct sock *sk, struct msghdr *msg, int *copied,
			 size_t size)
{
	struct sockaddr *uaddr = msg->msg_name;
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct socket *sock = sk->sk_socket;
	struct tcp_fastopen_request *fo;
	int err = 0;

	if (!(sock_net(sk)->ipv4.sysctl_tcp_fastopen & TFO_CLIENT_ENABLE) ||
	    (uaddr && msg->msg_namelen >= (int)sizeof(uaddr->sa_family) &&
	     uaddr->sa_family == AF_UNSPEC))
		return -EOPNOTSUPP;
	if (tp->fastopen_req)
		return -EALREADY; /* another Fast Open is under way */
	fo = kzalloc(sizeof(*fo), GFP_KERNEL);
	if (!fo)
		return -ENOBUFS;
	fo->data = msg;
	fo->size = size;
	tp->fastopen_req = fo;
	if (inet->defer_connect) {
		lock_sock(sk);
		err = tcp_connect(sk);
		if (err) {
			tcp_set_state(sk, TCP_CLOSE);
			inet->inet_dport = 0;
		} else {
			err = -EINPROGRESS;
		}
		inet->defer_connect = 0;
		release_sock(sk);
	} else if (!sock) {
		err = -EPIPE;
	} else if (!uaddr) {
		err = -EDESTADDRREQ;
	} else {
		err = sock->ops->connect(sock, uaddr, (int)msg->msg_namelen,
					 O_NONBLOCK);
	}
	lock_sock(sk);
	if (tp->fastopen_req) {
		*copied = tp->fastopen_req->copied;
		tcp_free_fastopen_req(tp);
	}
	release_sock(sk);
	return err;
}

/**
 * tcp_rcv_fastopen_synack - the SYN-ACK of a Fast Open SYN: keep the
 *	cookie it brings; if it does not ack our data, send the data again
 *	at once (RFC 7413 4.2.2)
 * Return: true when data was resent (it carries the ACK).
 */
bool tcp_rcv_fastopen_synack(struct sock *sk, struct sk_buff *synack,
			     struct tcp_fastopen_cookie *cookie)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *data = tp->syn_data ? tcp_rtx_queue_head(sk) : NULL;
	u16 mss = tp->rx_opt.mss_clamp, try_exp = 0;
	bool syn_drop = false;

	if (mss == tp->rx_opt.user_mss) {
		struct tcp_options_received opt;

		/* the SYN-ACK's own MSS, not the one TCP_MAXSEG clamped */
		memset(&opt, 0, sizeof(opt));
		tcp_parse_options(sock_net(sk), synack, &opt, 0);
		mss = opt.mss_clamp;
	}
	if (!tp->syn_fastopen) {
		cookie->len = -1; /* we did not ask */
	} else if (tp->total_retrans) {
		/*
		 * The SYN timed out and the SYN-ACK has no cookie and does
		 * not ack the data: the server saw only our plain SYN again.
		 */
		syn_drop = cookie->len < 0 && data;
	} else if (cookie->len < 0 && !tp->syn_data) {
		/* asked, not given: try the other option format next time */
		try_exp = tp->syn_fastopen_exp ? 2 : 1;
	}
	tcp_fastopen_cache_set(sk, mss, cookie, syn_drop, try_exp);
	if (data) {
		struct sk_buff *skb = data;

		tp->fastopen_client_fail = tp->total_retrans
						   ? TFO_SYN_RETRANSMITTED
						   : TFO_DATA_NOT_ACKED;
		/* a loss, not a sign of congestion */
		if (inet_csk(sk)->icsk_ca_state != TCP_CA_Loss) {
			tp->high_seq = tp->snd_nxt;
			tp->prior_ssthresh = 0;
			tp->undo_marker = 0;
			tcp_set_ca_state(sk, TCP_CA_Loss);
		}
		while (skb && skb != tcp_send_head(sk)) {
			if (!(TCP_SKB_CB(skb)->sacked & TCPCB_LOST)) {
				TCP_SKB_CB(skb)->sacked |= TCPCB_LOST;
				tp->lost_out += tcp_skb_pcount(skb);
			}
			skb = tcp_skb_is_last(sk, skb) ? NULL : skb->next;
		}
		tcp_xmit_retransmit_queue(sk);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPFASTOPENACTIVEFAIL);
		return true;
	}
	tp->syn_data_acked = tp->syn_data;
	if (tp->syn_data_acked) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPFASTOPENACTIVE);
		/* the SYN and its data count as one delivery */
		if (tp->delivered > 1)
			--tp->delivered;
	}
	tcp_fastopen_add_skb(sk, synack);
	return false;
}

/* ---- socket options and teardown ---- */

/*
 * tcp_fastopen_setsockopt - TCP_FASTOPEN (the listener's queue length:
 * closed or listening socks only), TCP_FASTOPEN_CONNECT (closed socks,
 * -EOPNOTSUPP when the client side is off), TCP_FASTOPEN_NO_COOKIE,
 * TCP_FASTOPEN_KEY (16 bytes, or 32 with a backup key)
 */
int tcp_fastopen_setsockopt(struct sock *sk, int optname, const void *optval,
			    unsigned int optlen)
{
	struct net *net = sock_net(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int val, err = 0;

	if (optname == TCP_FASTOPEN_KEY) {
		if (optlen != TCP_FASTOPEN_KEY_BUF_LENGTH &&
		    optlen != TCP_FASTOPEN_KEY_LENGTH)
			return -EINVAL;
		lock_sock(sk);
		err = tcp_fastopen_reset_cipher(
			net, sk, optval,
			optlen == TCP_FASTOPEN_KEY_BUF_LENGTH
				? (const u8 *)optval + TCP_FASTOPEN_KEY_LENGTH
				: NULL);
		release_sock(sk);
		return err;
	}
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	lock_sock(sk);
	switch (optname) {
	case TCP_FASTOPEN:
		if (val >= 0 &&
		    ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN))) {
			err = inet_csk_accept_queue_alloc(sk);
			if (err)
				break;
			tcp_fastopen_init_key_once(net);
			fastopen_queue_tune(sk, val);
		} else {
			err = -EINVAL;
		}
		break;
	case TCP_FASTOPEN_CONNECT:
		if (val > 1 || val < 0 ||
		    ((net->ipv4.sysctl_tcp_fastopen & TFO_CLIENT_ENABLE) &&
		     sk->sk_state != TCP_CLOSE))
			err = -EINVAL;
		else if (!(net->ipv4.sysctl_tcp_fastopen & TFO_CLIENT_ENABLE))
			err = -EOPNOTSUPP;
		else
			tp->fastopen_connect = (u8)val;
		break;
	case TCP_FASTOPEN_NO_COOKIE:
		if (val > 1 || val < 0 ||
		    !((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN)))
			err = -EINVAL;
		else
			tp->fastopen_no_cookie = (u8)val;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

int tcp_fastopen_getsockopt(struct sock *sk, int optname, void *optval,
			    int *optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int val, len;

	if (optname == TCP_FASTOPEN_KEY) {
		u64 key[2 * TCP_FASTOPEN_KEY_MAX] = { 0 };
		u8 bytes[TCP_FASTOPEN_KEY_BUF_LENGTH] = { 0 };
		int n, i;

		n = tcp_fastopen_get_cipher(sock_net(sk), inet_csk(sk), key);
		for (i = 0; i < 2 * n; i++)
			put_le64(bytes + 8 * (size_t)i, key[i]);
		len = min_t(int, *optlen, n *(int)TCP_FASTOPEN_KEY_LENGTH);
		memcpy(optval, bytes, (size_t)len);
		*optlen = len;
		return 0;
	}
	switch (optname) {
	case TCP_FASTOPEN:
		val = inet_csk(sk)->icsk_accept_queue
			      ? inet_csk(sk)
					->icsk_accept_queue->fastopenq.max_qlen
			      : 0;
		break;
	case TCP_FASTOPEN_CONNECT:
		val = tp->fastopen_connect;
		break;
	case TCP_FASTOPEN_NO_COOKIE:
		val = tp->fastopen_no_cookie;
		break;
	default:
		return -ENOPROTOOPT;
	}
	len = min_t(int, *optlen, (int)sizeof(int));
	if (len < 0)
		return -EINVAL;
	memcpy(optval, &val, (size_t)len);
	*optlen = len;
	return 0;
}

/* tcp_fastopen_destroy_sock - what a dying sock still holds of Fast Open */
void tcp_fastopen_destroy_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->fastopen_rsk)
		reqsk_fastopen_remove(sk, tp->fastopen_rsk);
	tcp_fastopen_active_disable_ofo_check(sk);
	tcp_free_fastopen_req(tp);
	tcp_fastopen_destroy_cipher(sk);
}
