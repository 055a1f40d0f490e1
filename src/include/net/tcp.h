/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP (RFC 9293): struct tcp_sock, the per-segment control block, option
 * and timing constants, congestion control operations, and the entry
 * points of tcp*.c.  struct tcp_sock embeds inet_connection_sock, which
 * embeds inet_sock, which embeds sock, as Linux's; the field names are
 * Linux's so that TCP_INFO, /proc/net/tcp and inet_diag read the same.
 * Linux: include/net/tcp.h, include/linux/tcp.h.
 */
#ifndef _NET_TCP_H
#define _NET_TCP_H

#include <linux/tcp.h>

#include <net/inet_connection_sock.h>
#include <net/inet_hashtables.h>
#include <net/inet_timewait_sock.h>
#include <net/interrupt.h>
#include <net/protocol.h>
#include <net/route.h>
#include <net/snmp.h>

/* socket options newer than the libc's headers (Linux 6.15+ uapi) */
#ifndef TCP_RTO_MAX_MS
#define TCP_RTO_MAX_MS 44
#endif

/* ---- constants (include/net/tcp.h) ---- */

#define MAX_TCP_HEADER		  (128 + MAX_HEADER)
#define MAX_TCP_OPTION_SPACE	  40
#define TCP_MIN_MSS		  88U
#define MAX_TCP_WINDOW		  32767U /* the largest TCP_MAXSEG */
#define TCP_BASE_MSS		  1024
#define TCP_MIN_SND_MSS		  48 /* tcp_min_snd_mss, tcp_mtu_probe_floor */
#define TCP_MTU_PROBING_DEFAULT	  0
#define TCP_PROBE_THRESHOLD	  8 /* bytes of MTU: close enough, stop */
#define TCP_PROBE_INTERVAL	  600 /* s: search again after 10 min */
#define TCP_MSS_DEFAULT		  536U /* RFC 9293 3.7.1: no MSS option */
#define TCP_INIT_CWND		  10 /* RFC 6928 */
#define TCP_INFINITE_SSTHRESH	  0x7fffffff
#define TCP_MAX_WSCALE		  14U /* RFC 7323 2.3 */
#define TCP_FASTRETRANS_THRESH	  3 /* RFC 5681 3.2 */
#define TCP_MAX_QUICKACKS	  16U
#define TCP_TIMEWAIT_LEN	  60000U /* ms: 2*MSL, as Linux */
#define TCP_FIN_TIMEOUT		  TCP_TIMEWAIT_LEN
#define TCP_FIN_TIMEOUT_MAX	  (120U * 1000) /* ms: TCP_LINGER2's ceiling */
#define TCP_SYN_RETRIES		  6
#define TCP_SYNACK_RETRIES	  5
#define TCP_RETR1		  3
#define TCP_RETR2		  15
#define TCP_KEEPALIVE_TIME	  (120U * 60 * 1000) /* ms: two hours */
#define TCP_KEEPALIVE_PROBES	  9
#define TCP_KEEPALIVE_INTVL	  (75U * 1000)
#define MAX_TCP_KEEPIDLE	  32767
#define MAX_TCP_KEEPINTVL	  32767
#define MAX_TCP_KEEPCNT		  127
#define MAX_TCP_SYNCNT		  127
#define TCP_PAWS_24DAYS		  (60 * 60 * 24 * 24) /* RFC 7323 5.5 */
#define TCP_PAWS_WINDOW		  1
#define TCP_PAWS_MSL		  60
#define TCP_RMEM_TO_WIN_SCALE	  8
#define TCP_DEFAULT_SCALING_RATIO (1 << (TCP_RMEM_TO_WIN_SCALE - 1))

/* TCP option kinds and lengths (RFC 9293 3.2, RFC 7323, RFC 2018) */
#define TCPOPT_NOP		  1
#define TCPOPT_EOL		  0
#define TCPOPT_MSS		  2
#define TCPOPT_WINDOW		  3
#define TCPOPT_SACK_PERM	  4
#define TCPOPT_SACK		  5
#define TCPOPT_TIMESTAMP	  8
#define TCPOLEN_MSS		  4
#define TCPOLEN_WINDOW		  3
#define TCPOLEN_SACK_PERM	  2
#define TCPOLEN_TIMESTAMP	  10
#define TCPOLEN_TSTAMP_ALIGNED	  12
#define TCPOLEN_WSCALE_ALIGNED	  4
#define TCPOLEN_SACKPERM_ALIGNED  4
#define TCPOLEN_SACK_BASE	  2
#define TCPOLEN_SACK_BASE_ALIGNED 4
#define TCPOLEN_SACK_PERBLOCK	  8
#define TCPOLEN_MSS_ALIGNED	  4
#define TCP_NUM_SACKS		  4
#define TCP_MIN_GSO_SIZE	  8 /* the smallest segment TSO may cut */

/* TCP Fast Open (RFC 7413): the option, its cookie, net.ipv4.tcp_fastopen */
#define TCPOPT_FASTOPEN		  34
#define TCPOPT_EXP		  254 /* RFC 6994 experimental option */
#define TCPOPT_FASTOPEN_MAGIC	  0xF989 /* its ExID for Fast Open */
#define TCPOLEN_FASTOPEN_BASE	  2
#define TCPOLEN_EXP_FASTOPEN_BASE 4
#define TCP_FASTOPEN_COOKIE_MIN	  4
#define TCP_FASTOPEN_COOKIE_MAX	  16
#define TCP_FASTOPEN_COOKIE_SIZE  8 /* what we hand out */
#define TCP_FASTOPEN_KEY_LENGTH	  16
#define TCP_FASTOPEN_KEY_MAX	  2 /* the primary and a backup */
#define TCP_FASTOPEN_KEY_BUF_LENGTH \
	(TCP_FASTOPEN_KEY_LENGTH * TCP_FASTOPEN_KEY_MAX)
#define TFO_CLIENT_ENABLE	   0x1
#define TFO_SERVER_ENABLE	   0x2
#define TFO_CLIENT_NO_COOKIE	   0x4 /* data in SYN without a cookie */
#define TFO_SERVER_COOKIE_NOT_REQD 0x200 /* accept data without a cookie */
#define TFO_SERVER_WO_SOCKOPT1	   0x400 /* every listener, no TCP_FASTOPEN */

/* tp->nonagle */
#define TCP_NAGLE_OFF  1 /* TCP_NODELAY */
#define TCP_NAGLE_CORK 2 /* TCP_CORK */
#define TCP_NAGLE_PUSH 4 /* cork is off: push what is pending */

/* TCP header flags as a byte (TCP_SKB_CB(skb)->tcp_flags) */
#define TCPHDR_FIN 0x01
#define TCPHDR_SYN 0x02
#define TCPHDR_RST 0x04
#define TCPHDR_PSH 0x08
#define TCPHDR_ACK 0x10
#define TCPHDR_URG 0x20
#define TCPHDR_ECE 0x40
#define TCPHDR_CWR 0x80

/* tp->ecn_flags (RFC 3168) */
#define TCP_ECN_OK	   1 /* negotiated in the handshake */
#define TCP_ECN_QUEUE_CWR  2 /* the next new data carries CWR */
#define TCP_ECN_DEMAND_CWR 4 /* CE seen: ECE on every ACK until CWR */
#define TCP_ECN_SEEN	   8 /* an ECT or CE segment arrived */

/* congestion control states (include/uapi/linux/tcp.h tcp_ca_state) */
#ifndef TCP_CA_Open
#define TCP_CA_Open	0
#define TCP_CA_Disorder 1
#define TCP_CA_CWR	2
#define TCP_CA_Recovery 3
#define TCP_CA_Loss	4
#endif

/* TCP_SKB_CB(skb)->sacked */
#define TCPCB_SACKED_ACKED   0x01
#define TCPCB_SACKED_RETRANS 0x02
#define TCPCB_LOST	     0x04
#define TCPCB_EVER_RETRANS   0x80
#define TCPCB_RETRANS	     (TCPCB_SACKED_RETRANS | TCPCB_EVER_RETRANS)
#define TCPCB_TAGBITS	     (TCPCB_SACKED_ACKED | TCPCB_SACKED_RETRANS | TCPCB_LOST)

/*
 * struct tcp_skb_cb - what TCP keeps in skb->cb of a segment: the
 * sequence space it covers (SYN and FIN count one each, RFC 9293 3.4)
 * and, on the write queue, its retransmission marks.
 */
struct tcp_skb_cb {
	u32 seq;
	u32 end_seq;
	u8 tcp_flags;
	u8 sacked;
	u8 ip_dsfield;
	u8 eor : 1, /* MSG_EOR: nothing may be appended */
		unused_cb : 7;
	u16 tcp_gso_segs; /* segments of mss it is cut into on the wire */
	u16 tcp_gso_size; /* their size (the mss when it was queued) */
	union {
		/* a received segment */
		struct {
			u32 tcp_tw_isn; /* an ISN chosen while TIME-WAIT
					 * gave way */
			u32 ack_seq;
			u32 ts_tsval; /* the peer's TSval */
		};
		/* a sent one: the connection's delivery state when it was
		 * sent, for its delivery rate sample (tcp_rate.c) */
		struct {
			u32 is_app_limited : 1, /* sent app-limited */
				delivered_ce : 20, unused : 11;
			u32 delivered; /* tp->delivered at send */
			u64 first_tx_mstamp; /* us: the send phase's start */
			u64 delivered_mstamp; /* us: when tp->delivered was
					       * reached (0: SACKed, used) */
		} tx;
	};
};

#define TCPCB_DELIVERED_CE_MASK ((1U << 20) - 1)

#define TCP_SKB_CB(skb)		((struct tcp_skb_cb *)(void *)&((skb)->cb[0]))

/* tcp_skb_pcount - how many segments of the flight @skb counts for (a
 * TSO skb more than one; an skb nobody sized counts one) */
/*
 * A pure ACK weighs 2 bytes on its sock, not the ~800 of its truesize:
 * ACKs must not eat TCP Small Queues' allowance (or fq's), and their
 * TX completion need not look at TSQ's flags.
 */
static inline void skb_set_tcp_pure_ack(struct sk_buff *skb)
{
	skb->truesize = 2;
}

static inline bool skb_is_tcp_pure_ack(const struct sk_buff *skb)
{
	return skb->truesize == 2;
}

static inline u32 tcp_skb_pcount(const struct sk_buff *skb)
{
	u32 segs = TCP_SKB_CB(skb)->tcp_gso_segs;

	return segs ? segs : 1;
}

static inline void tcp_skb_pcount_set(struct sk_buff *skb, u32 segs)
{
	TCP_SKB_CB(skb)->tcp_gso_segs = (u16)segs;
}

static inline u32 tcp_skb_mss(const struct sk_buff *skb)
{
	return TCP_SKB_CB(skb)->tcp_gso_size;
}

/*
 * struct tcp_options_received - what the peer's options said
 * (RFC 7323 timestamps and window scale, RFC 2018 SACK, the MSS)
 */
struct tcp_options_received {
	u32 ts_recent_stamp; /* seconds: when ts_recent was taken */
	u32 ts_recent; /* the TSval to echo (RFC 7323 4.3) */
	u32 rcv_tsval;
	u32 rcv_tsecr;
	u16 saw_tstamp : 1, tstamp_ok : 1, dsack : 1, wscale_ok : 1,
		sack_ok : 3, smc_ok : 1, snd_wscale : 4, rcv_wscale : 4;
	u8 saw_unknown : 1, unused : 7;
	u8 num_sacks;
	u16 user_mss; /* TCP_MAXSEG */
	u16 mss_clamp; /* the most the peer accepts */
};

struct tcp_sack_block {
	u32 start_seq;
	u32 end_seq;
};

/*
 * The SACK blocks (RFC 2018, RFC 2883) of a connection: those the next ACK
 * carries (the D-SACK first) and those of the last SACK received, sorted
 * (Linux's recv_sack_cache: the next ACK walks only what is new).  Linux
 * keeps them in tcp_sock; here they come on first use
 * (tcp_sack_state_get() in tcp_input.c) and go with the sock
 * (tcp_v4_destroy_sock()), as most connections never see a loss or a
 * reordering and they are 72 bytes.
 */
struct tcp_sack_state {
	struct tcp_sack_block duplicate_sack[1];
	struct tcp_sack_block selective_acks[TCP_NUM_SACKS];
	struct tcp_sack_block recv_sack_cache[TCP_NUM_SACKS];
};

struct tcp_sock {
	struct inet_connection_sock inet_conn; /* must be first */
	u16 tcp_header_len; /* bytes of header, options included */
	u16 gso_segs;
	u32 segs_in, data_segs_in; /* RFC 4898 tcpEStatsPerfSegsIn ... */
	u32 rcv_nxt; /* what we want to receive next */
	u32 copied_seq; /* head of yet unread data */
	u32 rcv_wup; /* rcv_nxt at the last window update sent */
	u32 snd_nxt; /* next sequence we send */
	u32 segs_out, data_segs_out;
	u32 snd_una; /* first byte we want an ack for */
	u64 bytes_sent, bytes_acked, bytes_received, bytes_retrans;
	u32 snd_sml; /* last byte of the most recently sent small packet */
	u32 rcv_tstamp; /* ms: when the last ACK arrived (keepalive) */
	u32 lsndtime; /* ms: when the last data was sent */
	u32 last_oow_ack_time;
	u32 compressed_ack_rcv_nxt;
	u32 tsoffset; /* RFC 7323 5.4 / RFC 6528: per-connection offset */
	u32 snd_wl1; /* sequence of the segment that updated the window */
	u32 snd_wnd; /* the peer's window, scaled */
	u32 max_window;
	u32 mss_cache; /* the effective MSS for sending now */
	/* PMTU discovery (RFC 1191): the MTU of the last ICMP frag-needed,
	 * and its handling deferred while the user owned the sock (Linux's
	 * TCP_MTU_REDUCED_DEFERRED in sk_tsq_flags; the bit is with
	 * the bytes after dup_ack_counter, so as to leave no hole) */
	u32 mtu_info;
	/* MTU probing (RFC 4821): the sequence range of the probe in flight */
	struct {
		u32 probe_seq_start;
		u32 probe_seq_end;
	} mtu_probe;
	u32 window_clamp;
	u32 rcv_ssthresh; /* current window clamp */
	u16 advmss; /* the MSS we announce */
	u8 nonagle : 4, thin_lto : 1, recvmsg_inq : 1, repair : 1, frto : 1;
	u8 keepalive_probes; /* TCP_KEEPCNT; 0: the sysctl */
	u32 keepalive_time; /* TCP_KEEPIDLE, ms; 0: the sysctl */
	u32 keepalive_intvl; /* TCP_KEEPINTVL, ms; 0: the sysctl */
	int linger2; /* TCP_LINGER2, ms */
	u32 srtt_us; /* smoothed RTT << 3, us (RFC 6298 2.2) */
	u32 mdev_us; /* medium deviation */
	u32 mdev_max_us;
	u32 rttvar_us; /* RTTVAR, as Linux keeps it */
	u32 rtt_seq; /* sequence at which rttvar is re-evaluated */
	u32 packets_out; /* segments in flight */
	u32 retrans_out; /* retransmitted segments in flight */
	u32 lost_out; /* segments marked lost */
	u32 sacked_out; /* Reno: duplicate ACKs seen (RFC 5681 3.2) */
	u32 max_packets_out;
	u32 snd_ssthresh;
	u32 snd_cwnd;
	u32 snd_cwnd_cnt;
	u32 snd_cwnd_clamp;
	u32 snd_cwnd_used;
	u32 snd_cwnd_stamp;
	u32 prior_cwnd;
	u32 prior_ssthresh;
	u32 high_seq; /* snd_nxt when recovery began */
	u32 retrans_stamp; /* ms: first retransmission of the head */
	u32 undo_marker;
	int undo_retrans;
	u32 total_retrans;
	u32 delivered;
	u32 lost; /* segments lost, for TCP_INFO */
	/* TSO super-segments and pacing (tcp_output.c) */
	u64 tcp_wstamp_ns; /* the last packet's departure; with pacing, the
			    * earliest time the next one may leave (EDT) */
	struct timer_list pacing_timer; /* internal pacing: send again */
	/*
	 * TCP Small Queues (tcp_output.c): the TSQF_* bits of Linux's
	 * sk_tsq_flags, and the tasklet a TX completion (tcp_wfree)
	 * schedules to send more; while queued it holds a reference.
	 */
	unsigned long tsq_flags;
	struct tasklet_struct tsq_tasklet;
	u32 rcv_wnd; /* the window we announced */
	u32 write_seq; /* tail + 1 of the data in the send buffer */
	u32 notsent_lowat;
	u32 pushed_seq;
	u32 reordering;
	u32 rcv_rtt_last_tsecr;
	u32 dsack_dups;
	u32 rcv_ooopack;
	/* SACK compression (tcp_input.c, tcp_timer.c): duplicate ACKs held
	 * back while data is out of order, the timer that sends one for
	 * them, and the duplicate ACKs sent at once for this rcv_nxt
	 * (compressed_ack_rcv_nxt, above) */
	struct timer_list compressed_ack_timer;
	u8 compressed_ack;
	u8 dup_ack_counter;
	u8 scaling_ratio;
	u8 mtu_reduced_deferred : 1; /* PMTU: see mtu_info */
	u32 snd_up, urg_seq;
	u16 urg_data;
	u8 syn_data : 1, syn_fastopen : 1, is_sack_reneg : 1,
		save_syn : 2; /* TCP_SAVE_SYN: 1 from IP, 2 from Ethernet */
	struct saved_syn *saved_syn; /* TCP_SAVED_SYN's until it is read */
	/* ECN (RFC 3168): TCP_ECN_* below; CE-echoing ACKs acked this many
	 * segments (tcpi_delivered_ce) */
	u8 ecn_flags;
	u32 delivered_ce;
	u32 received_ce; /* CE-marked segments received (tcpi_received_ce) */
	u32 app_limited;
	u32 tcp_clock_cache;
	u64 tcp_mstamp; /* us: time of the most recent packet event */
	struct tcp_options_received rx_opt;
	/* NULL until the first SACK block is sent or received; not NULL
	 * while rx_opt.num_sacks or rx_opt.dsack is set */
	struct tcp_sack_state *sack;
	struct {
		u32 rtt_us;
		u32 seq;
		u64 time; /* us */
	} rcv_rtt_est;
	struct {
		u32 space;
		u32 seq;
		u64 time;
	} rcvq_space;
	struct sk_buff_head out_of_order_queue; /* by seq */
	struct sk_buff *send_head; /* first unsent skb of sk_write_queue */
	/* the chronograph (tcp_output.c): since chrono_start (jiffies) the
	 * connection is in state chrono_type; chrono_stat[] sums the ticks
	 * spent busy, rwnd-limited, sndbuf-limited (enum tcp_chrono - 1) */
	u32 chrono_start;
	u32 chrono_stat[3];
	u8 chrono_type : 2;
	/* delivery rate estimation (tcp_rate.c; tp->delivered and
	 * tp->app_limited are above) */
	u8 rate_app_limited : 1; /* rate_* is an app-limited sample */
	/* the loss probe's bit and Fast Open's bits (below) sit here, in
	 * what would be padding */
	u8 tlp_retrans : 1; /* the probe was a retransmission */
	u8 fastopen_connect : 1, /* TCP_FASTOPEN_CONNECT */
		fastopen_no_cookie : 1, /* TCP_FASTOPEN_NO_COOKIE */
		syn_data_acked : 1, /* the SYN's data was acked: SYN_DATA */
		syn_fastopen_exp : 1, /* the SYN used the experimental option */
		syn_fastopen_ch : 1, /* active TFO despite a blackhole */
		syn_fastopen_child : 1, /* a passive Fast Open child */
		fastopen_client_fail : 2; /* TFO_* reason, tcpi_... */
	u32 rate_delivered; /* segments delivered in the last sample */
	u32 rate_interval_us; /* over this long */
	u32 last_data_recv; /* ms */
	u64 first_tx_mstamp; /* us: start of the current send phase */
	u64 delivered_mstamp; /* us: when tp->delivered last grew */
	/* RTO statistics (TCP_INFO): rto_stamp is when the RTO recovery
	 * in progress began (ms, 0: none); total_rto_time sums the ended
	 * ones; timeout_rehash counts the RTOs that would pick a new path
	 * (Linux's txhash; tcpi_rehash) */
	u32 rto_stamp;
	u32 total_rto, total_rto_recoveries;
	u32 total_rto_time;
	u32 timeout_rehash;

	/*
	 * Loss recovery (tcp_input.c, tcp_recovery.c): the SACK scoreboard
	 * (RFC 2018, RFC 6675), RACK-TLP (RFC 8985), PRR (RFC 6937), undo.
	 */
	u32 highest_sack_seq; /* end of the highest SACKed skb (fack) */
	u32 reord_seen; /* times reordering was seen */
	u32 prr_delivered; /* delivered since the reduction began */
	u32 prr_out; /* sent since the reduction began */
	u32 tlp_high_seq; /* snd_nxt when the loss probe went out */
	u32 rtt_min_us; /* the path's minimum RTT (RACK's reo_wnd) */
	u32 rtt_min_stamp; /* ms: when it was taken */
	struct {
		u64 mstamp; /* us: send time of the latest delivered skb */
		u32 rtt_us; /* its RTT */
		u32 end_seq; /* its end_seq */
		u32 last_delivered; /* delivered when reo_wnd last grew */
		u8 reo_wnd_steps; /* reo_wnd in min_rtt/4 steps */
		u8 reo_wnd_persist : 5, dsack_seen : 1, advanced : 1;
	} rack;
	/* TCP Fast Open, RFC 7413 (tcp_fastopen.c; its bits are with
	 * rate_app_limited) */
	struct tcp_fastopen_request *fastopen_req; /* active: the SYN's data */
	struct request_sock *fastopen_rsk; /* passive child: until the 3WHS */
};

static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)(void *)sk;
}

/* The TCP request sock: the IPv4 one plus TCP's own (tcp_request_sock). */
/*
 * struct saved_syn - the headers of the SYN that made a connection, kept
 * for TCP_SAVED_SYN when the listener asked (TCP_SAVE_SYN): @mac_hdrlen
 * bytes of link-layer header (save_syn 2), then the IP and TCP headers.
 */
struct saved_syn {
	u32 mac_hdrlen;
	u32 network_hdrlen;
	u32 tcp_hdrlen;
	u8 data[];
};

static inline u32 tcp_saved_syn_len(const struct saved_syn *saved_syn)
{
	return saved_syn->mac_hdrlen + saved_syn->network_hdrlen +
	       saved_syn->tcp_hdrlen;
}

struct tcp_request_sock {
	struct inet_request_sock req;
	u32 rcv_isn;
	u32 snt_isn;
	u32 ts_off;
	u64 snt_synack; /* us (tcp_clock_us): first SYN-ACK sent */
	u32 snt_synack_oow; /* ms: last out-of-window ACK (rate limit) */
	u32 rcv_nxt;
	bool tfo_listener; /* a Fast Open child holds it */
	u8 syn_tos; /* the SYN's TOS byte (tcp_reflect_tos) */
	struct tcp_fastopen_cookie *tfo_synack_foc; /* the SYN-ACK's cookie */
};

static inline struct tcp_request_sock *tcp_rsk(const struct request_sock *req)
{
	return (struct tcp_request_sock *)(void *)req;
}

/*
 * inet_request_mark - the mark of a listener's child: the listener's
 * SO_MARK, else with tcp_fwmark_accept the mark the SYN arrived with
 */
static inline u32 inet_request_mark(const struct sock *sk,
				    const struct sk_buff *skb)
{
	if (!sk->sk_mark && sock_net(sk)->ipv4.sysctl_tcp_fwmark_accept)
		return skb->mark;
	return sk->sk_mark;
}

static inline struct tcphdr *tcp_hdr(const struct sk_buff *skb)
{
	return (struct tcphdr *)(void *)skb_transport_header(skb);
}

static inline unsigned int __tcp_hdrlen(const struct tcphdr *th)
{
	return th->doff * 4U;
}

static inline u8 tcp_flag_byte(const struct tcphdr *th)
{
	return ((const u8 *)th)[13];
}

/* __skb_pull_header - leave only the segment's text in @skb */
static inline void __skb_pull_header(struct sk_buff *skb)
{
	skb_pull(skb, __tcp_hdrlen(tcp_hdr(skb)));
}

/* ---- sequence arithmetic (RFC 9293 3.4: modulo 2^32) ---- */

static inline bool before(u32 seq1, u32 seq2)
{
	return (s32)(seq1 - seq2) < 0;
}
#define after(seq2, seq1) before(seq1, seq2)

/* between - is s2 <= s1 <= s3? */
static inline bool between(u32 seq1, u32 seq2, u32 seq3)
{
	return seq3 - seq2 >= seq1 - seq2;
}

/* ---- time ---- */

/*
 * Inline, as Linux's: the packet path reads these a dozen times per
 * segment, and the clock itself is cached for the pass (ktime_get_ns()).
 */
static inline u64 tcp_clock_us(const struct sock *sk)
{
	return ktime_get_ns(sock_net(sk)->st) / NSEC_PER_USEC;
}

/* tcp_time_stamp_ms - the ms clock TCP uses for TSval (RFC 7323 5.4) */
static inline u32 tcp_time_stamp_ms(const struct sock *sk)
{
	return (u32)(ktime_get_ns(sock_net(sk)->st) / NSEC_PER_MSEC);
}

/* tcp_jiffies32 - Linux's jiffies: here the ms clock */
static inline u32 tcp_jiffies32(const struct sock *sk)
{
	return tcp_time_stamp_ms(sk);
}

/* tcp_mstamp_refresh - read the clock once for the segment being
 * received, into tp->tcp_mstamp (us), as Linux's */
void tcp_mstamp_refresh(struct tcp_sock *tp);
/* tcp_mstamp_ms - the ms clock as of the last tcp_mstamp_refresh(): what
 * Linux's jiffies gives while one segment is processed */
static inline u32 tcp_mstamp_ms(const struct tcp_sock *tp)
{
	return (u32)(tp->tcp_mstamp / 1000);
}

static inline u32 tcp_ts_now(const struct tcp_sock *tp)
{
	return tcp_time_stamp_ms(&tp->inet_conn.icsk_inet.sk) + tp->tsoffset;
}

/* ---- congestion control (include/net/tcp.h tcp_congestion_ops) ---- */

enum tcp_ca_event {
	CA_EVENT_TX_START,
	CA_EVENT_CWND_RESTART,
	CA_EVENT_COMPLETE_CWR,
	CA_EVENT_LOSS,
	CA_EVENT_ECN_NO_CE,
	CA_EVENT_ECN_IS_CE,
};

struct ack_sample {
	u32 pkts_acked;
	s32 rtt_us;
	u32 in_flight;
};

/*
 * struct rate_sample - what one ACK says of the delivery rate
 * (tcp_rate.c): @delivered segments over @interval_us, the longer of the
 * send and the ACK phases; -1 when no valid sample.
 */
struct rate_sample {
	u64 prior_mstamp; /* us: starting time of the interval */
	u32 prior_delivered; /* tp->delivered at its start */
	u32 prior_delivered_ce;
	s32 delivered; /* segments delivered over the interval */
	s32 delivered_ce;
	long interval_us; /* the interval, us */
	u32 snd_interval_us; /* the send phase */
	u32 rcv_interval_us; /* the ACK phase */
	long rtt_us; /* RTT of the last (S)ACKed packet, -1 if none */
	int losses; /* segments newly marked lost by this ACK */
	u32 acked_sacked; /* segments newly (S)ACKed by this ACK */
	u32 prior_in_flight; /* in flight before this ACK */
	u32 last_end_seq; /* end_seq of the most recently (S)ACKed skb */
	bool is_app_limited; /* is the sample from an app-limited phase? */
	bool is_retrans; /* is the sample from a retransmission? */
	bool is_ack_delayed; /* is this (likely) a delayed ACK? */
};

#define TCP_CA_NAME_MAX		16
#define TCP_CONG_NON_RESTRICTED 0x1

union tcp_cc_info; /* <linux/inet_diag.h> */

struct tcp_congestion_ops {
	u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, u32 ack, u32 acked);
	void (*set_state)(struct sock *sk, u8 new_state);
	void (*cwnd_event)(struct sock *sk, enum tcp_ca_event ev);
	void (*in_ack_event)(struct sock *sk, u32 flags);
	void (*pkts_acked)(struct sock *sk, const struct ack_sample *sample);
	u32 (*min_tso_segs)(struct sock *sk);
	void (*cong_control)(struct sock *sk, u32 ack, int flag,
			     const struct rate_sample *rs);
	u32 (*undo_cwnd)(struct sock *sk);
	u32 (*sndbuf_expand)(struct sock *sk);
	void (*init)(struct sock *sk);
	void (*release)(struct sock *sk);
	/* TCP_CC_INFO and inet_diag: fill *info, set *attr, Return: size */
	size_t (*get_info)(struct sock *sk, u32 ext, int *attr,
			   union tcp_cc_info *info);
	u32 flags;
	/* tuxnet: the size of the private state when it is larger than
	 * ICSK_CA_PRIV_SIZE, else 0; tcp_cong.c then allocates it when the
	 * ops are assigned, puts the pointer in icsk_ca_priv (the ops
	 * reach it by tcp_ca_priv_ext()) and frees it in
	 * tcp_cleanup_congestion_control() */
	u32 priv_size;
	char name[TCP_CA_NAME_MAX];
};

/* tcp_ca_priv_ext - the out-of-line state of ops with a priv_size */
static inline void *tcp_ca_priv_ext(const struct sock *sk)
{
	return *(void **)inet_csk_ca(sk);
}

/* tcp_cong.c */
int tcp_register_congestion_control(const struct tcp_congestion_ops *ca);
void tcp_unregister_congestion_control(const struct tcp_congestion_ops *ca);
const struct tcp_congestion_ops *tcp_ca_find(const char *name);
void tcp_assign_congestion_control(struct sock *sk);
void tcp_ca_inherit(struct sock *sk, const struct sock *listener);
void tcp_init_congestion_control(struct sock *sk);
void tcp_cleanup_congestion_control(struct sock *sk);
int tcp_set_congestion_control(struct sock *sk, const char *name);
int __tcp_set_congestion_control(struct sock *sk, const char *name,
				 bool cap_net_admin);
void tcp_get_allowed_congestion_control(char *buf, size_t len);
int tcp_set_allowed_congestion_control(const char *val);
int tcp_set_default_congestion_control(struct net *net, const char *name);
void tcp_get_available_congestion_control(char *buf, size_t len);
void tcp_get_default_congestion_control(struct net *net, char *name);
u32 tcp_reno_ssthresh(struct sock *sk);
void tcp_reno_cong_avoid(struct sock *sk, u32 ack, u32 acked);
u32 tcp_reno_undo_cwnd(struct sock *sk);
u32 tcp_slow_start(struct tcp_sock *tp, u32 acked);
void tcp_cong_avoid_ai(struct tcp_sock *tp, u32 w, u32 acked);
bool tcp_is_cwnd_limited(const struct sock *sk);
int tcp_cong_init(struct tn_stack *st);
void tcp_cong_exit(struct tn_stack *st);
extern const struct tcp_congestion_ops tcp_reno;

/* tcp_cubic.c */
extern const struct tcp_congestion_ops tcp_cubic;
int tcp_cubic_register(void);
u32 tcp_cubic_root(u64 a);

/* tcp_bbr.c */
extern const struct tcp_congestion_ops tcp_bbr;
int tcp_bbr_register(void);
u32 tcp_bbr_mode(const struct sock *sk, u32 *cycle_idx);

static inline u32 tcp_snd_cwnd(const struct tcp_sock *tp)
{
	return tp->snd_cwnd;
}

static inline void tcp_snd_cwnd_set(struct tcp_sock *tp, u32 val)
{
	tp->snd_cwnd = val;
}

static inline bool tcp_in_slow_start(const struct tcp_sock *tp)
{
	return tp->snd_cwnd < tp->snd_ssthresh;
}

/* RFC 6675's pipe, as Linux counts it: sent, minus what left the network
 * (dupacked or lost), plus what was sent again */
static inline u32 tcp_left_out(const struct tcp_sock *tp)
{
	return tp->sacked_out + tp->lost_out;
}

static inline u32 tcp_packets_in_flight(const struct tcp_sock *tp)
{
	u32 left = tcp_left_out(tp);

	return (tp->packets_out > left ? tp->packets_out - left : 0) +
	       tp->retrans_out;
}

/* net.ipv4.tcp_recovery bits */
#define TCP_RACK_LOSS_DETECTION	 0x1 /* RACK decides what is lost */
#define TCP_RACK_STATIC_REO_WND	 0x2 /* reo_wnd stays min_rtt/4 */
#define TCP_RACK_NO_DUPTHRESH	 0x4 /* no dupack-threshold shortcut */
#define TCP_RACK_RECOVERY_THRESH 16 /* recoveries a grown reo_wnd lasts */

static inline bool tcp_is_sack(const struct tcp_sock *tp)
{
	return tp->rx_opt.sack_ok != 0;
}

static inline bool tcp_is_reno(const struct tcp_sock *tp)
{
	return !tcp_is_sack(tp);
}

static inline u32 tcp_min_rtt(const struct tcp_sock *tp)
{
	return tp->rtt_min_us;
}

/* the forward-most SACKed sequence (Linux's fack): snd_una without SACKs */
static inline u32 tcp_highest_sack_seq(const struct tcp_sock *tp)
{
	return tp->sacked_out ? tp->highest_sack_seq : tp->snd_una;
}

static inline bool tcp_in_cwnd_reduction(const struct sock *sk)
{
	return ((1U << inet_csk(sk)->icsk_ca_state) &
		((1U << TCP_CA_CWR) | (1U << TCP_CA_Recovery))) != 0;
}

/* the send time of @skb in us (skb->tstamp is ns) */
static inline u64 tcp_skb_timestamp_us(const struct sk_buff *skb)
{
	return skb->tstamp / NSEC_PER_USEC;
}

/* was (t1, seq1) sent after (t2, seq2)? equal times: the higher seq */
static inline bool tcp_skb_sent_after(u64 t1, u64 t2, u32 seq1, u32 seq2)
{
	return t1 > t2 || (t1 == t2 && after(seq1, seq2));
}

static inline void tcp_set_ca_state(struct sock *sk, u8 ca_state)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ca_ops && icsk->icsk_ca_ops->set_state)
		icsk->icsk_ca_ops->set_state(sk, ca_state);
	icsk->icsk_ca_state = ca_state;
}

static inline void tcp_ca_event(struct sock *sk, enum tcp_ca_event event)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ca_ops && icsk->icsk_ca_ops->cwnd_event)
		icsk->icsk_ca_ops->cwnd_event(sk, event);
}

/* ---- sysctl helpers ---- */

static inline int tcp_fin_time(const struct sock *sk)
{
	int fin_timeout = tcp_sk(sk)->linger2
				  ? tcp_sk(sk)->linger2
				  : sock_net(sk)->ipv4.sysctl_tcp_fin_timeout;
	const int rto = (int)inet_csk(sk)->icsk_rto;

	if (fin_timeout < (rto << 2) - (rto >> 1))
		fin_timeout = (rto << 2) - (rto >> 1);
	return fin_timeout;
}

static inline u32 keepalive_time_when(const struct tcp_sock *tp)
{
	const struct net *net = sock_net(&tp->inet_conn.icsk_inet.sk);

	return tp->keepalive_time ? tp->keepalive_time
				  : (u32)net->ipv4.sysctl_tcp_keepalive_time;
}

static inline u32 keepalive_intvl_when(const struct tcp_sock *tp)
{
	const struct net *net = sock_net(&tp->inet_conn.icsk_inet.sk);

	return tp->keepalive_intvl ? tp->keepalive_intvl
				   : (u32)net->ipv4.sysctl_tcp_keepalive_intvl;
}

static inline int keepalive_probes(const struct tcp_sock *tp)
{
	const struct net *net = sock_net(&tp->inet_conn.icsk_inet.sk);

	return tp->keepalive_probes ? tp->keepalive_probes
				    : net->ipv4.sysctl_tcp_keepalive_probes;
}

/* tcp_space - the receive space left, as window (scaling_ratio) */
static inline int tcp_win_from_space(const struct sock *sk, int space)
{
	s64 scaled = (s64)space * tcp_sk(sk)->scaling_ratio;

	return (int)(scaled >> TCP_RMEM_TO_WIN_SCALE);
}

static inline int tcp_space(const struct sock *sk)
{
	return tcp_win_from_space(sk, sk->sk_rcvbuf - sk->sk_rmem_alloc);
}

static inline int tcp_full_space(const struct sock *sk)
{
	return tcp_win_from_space(sk, sk->sk_rcvbuf);
}

/* tcp_receive_window - what is left of the window we announced */
static inline u32 tcp_receive_window(const struct tcp_sock *tp)
{
	s32 win = (s32)(tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt);

	return win < 0 ? 0 : (u32)win;
}

static inline u32 tcp_wnd_end(const struct tcp_sock *tp)
{
	return tp->snd_una + tp->snd_wnd;
}

static inline struct sk_buff *tcp_send_head(const struct sock *sk)
{
	return tcp_sk(sk)->send_head;
}

/* tcp_init_cwnd - the initial window: the route's initcwnd, else IW10
 * (RFC 6928), never above the clamp */
static inline u32 tcp_init_cwnd(const struct tcp_sock *tp,
				const struct dst_entry *dst)
{
	u32 cwnd = dst ? dst_metric(dst, RTAX_INITCWND) : 0;

	if (!cwnd)
		cwnd = TCP_INIT_CWND;
	return min_t(u32, cwnd, tp->snd_cwnd_clamp);
}

/* tcp_rto_min - the floor of the RTO, ms: the route's rto_min when locked
 * (ip route ... rto_min locks it), else the sock's */
static inline u32 tcp_rto_min(const struct sock *sk)
{
	const struct dst_entry *dst = sk->sk_dst_cache;
	u32 rto_min = inet_csk(sk)->icsk_rto_min;

	if (dst && dst_metric_locked(dst, RTAX_RTO_MIN))
		rto_min = dst_metric(dst, RTAX_RTO_MIN);
	return rto_min;
}

/* tcp_current_ssthresh - ssthresh, or 3/4 of the window if that is
 * larger (what a reduction now should not go below) */
static inline u32 tcp_current_ssthresh(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	u8 state = inet_csk(sk)->icsk_ca_state;

	if (state == TCP_CA_CWR || state == TCP_CA_Recovery)
		return tp->snd_ssthresh;
	return max_t(u32, tp->snd_ssthresh,
		     (tp->snd_cwnd >> 1) + (tp->snd_cwnd >> 2));
}

void tcp_cwnd_restart(struct sock *sk, s32 delta);

/* tcp_slow_start_after_idle_check - new data after an idle period longer
 * than the RTO restarts from a small window (tcp_slow_start_after_idle) */
static inline void tcp_slow_start_after_idle_check(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	s32 delta;

	if (!sock_net(sk)->ipv4.sysctl_tcp_slow_start_after_idle ||
	    tp->packets_out)
		return;
	delta = (s32)(tcp_jiffies32(sk) - tp->lsndtime);
	if (delta > (s32)inet_csk(sk)->icsk_rto)
		tcp_cwnd_restart(sk, delta);
}

static inline struct sk_buff *tcp_rtx_queue_head(const struct sock *sk)
{
	struct sk_buff *skb = skb_peek(&sk->sk_write_queue);

	return skb == tcp_sk(sk)->send_head ? NULL : skb;
}

/* nothing may be appended to an skb sent with MSG_EOR */
static inline bool tcp_skb_can_collapse_to(const struct sk_buff *skb)
{
	return !TCP_SKB_CB(skb)->eor;
}

void tcp_set_skb_tso_segs(struct sk_buff *skb, unsigned int mss_now);
unsigned int tcp_send_mss(struct sock *sk, int *size_goal, int flags);
void tcp_update_pacing_rate(struct sock *sk);
bool tcp_needs_internal_pacing(const struct sock *sk);

static inline struct sk_buff *tcp_write_queue_tail(const struct sock *sk)
{
	return skb_peek_tail(&sk->sk_write_queue);
}

static inline bool tcp_skb_is_last(const struct sock *sk,
				   const struct sk_buff *skb)
{
	return skb->next ==
	       (const struct sk_buff *)(const void *)&sk->sk_write_queue;
}

static inline bool tcp_write_queue_empty(const struct sock *sk)
{
	return tcp_sk(sk)->write_seq == tcp_sk(sk)->snd_nxt;
}

static inline bool tcp_rtx_queue_empty(const struct sock *sk)
{
	return tcp_sk(sk)->packets_out == 0;
}

/* tcp_rto_max - the RTO's ceiling, ms: tcp_rto_max_ms when the sock was
 * made, or its TCP_RTO_MAX_MS (RFC 6298 2.5 allows any ceiling >= 60 s;
 * Linux 6.15+ lets it go down to 1 s) */
static inline u32 tcp_rto_max(const struct sock *sk)
{
	return inet_csk(sk)->icsk_rto_max;
}

/* tcp_bound_rto - RFC 6298 2.5: at most the ceiling */
static inline void tcp_bound_rto(struct sock *sk)
{
	if (inet_csk(sk)->icsk_rto > tcp_rto_max(sk))
		inet_csk(sk)->icsk_rto = tcp_rto_max(sk);
}

static inline u32 __tcp_set_rto(const struct tcp_sock *tp)
{
	return ((tp->srtt_us >> 3) + tp->rttvar_us) / 1000;
}

/* RTOs of a thin stream that stay linear before it backs off after all */
#define TCP_THIN_LINEAR_RETRIES 6

/* tcp_stream_is_thin - too few segments in flight for fast retransmit to
 * be likely (fewer than 4), and past the initial slow start */
static inline bool tcp_stream_is_thin(const struct tcp_sock *tp)
{
	return tp->packets_out < 4 && tp->snd_ssthresh < TCP_INFINITE_SSTHRESH;
}

static inline void tcp_dec_quickack_mode(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (icsk->icsk_ack.quick)
		icsk->icsk_ack.quick--;
}

/* TCP_NOTSENT_LOWAT, or net.ipv4.tcp_notsent_lowat when unset */
static inline u32 tcp_notsent_lowat(const struct tcp_sock *tp)
{
	return tp->notsent_lowat ? tp->notsent_lowat
				 : (u32)sock_net((const struct sock *)tp)
					   ->ipv4.sysctl_tcp_notsent_lowat;
}

/*
 * tcp_stream_memory_free - Linux's sk_stream_memory_free for TCP: room
 * in sk_sndbuf, and fewer unsent bytes than the low-water mark.  @wake
 * (poll and the write wakeup) asks for half the mark: notsent << 1.
 */
static inline bool tcp_stream_memory_free(const struct sock *sk, int wake)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 notsent_bytes = tp->write_seq - tp->snd_nxt;

	if (sk->sk_wmem_queued >= sk->sk_sndbuf)
		return false;
	return (notsent_bytes << wake) < tcp_notsent_lowat(tp);
}

static inline int sk_stream_min_wspace(const struct sock *sk)
{
	return sk->sk_wmem_queued >> 1;
}

static inline int sk_stream_wspace(const struct sock *sk)
{
	return sk->sk_sndbuf - sk->sk_wmem_queued;
}

static inline bool sk_stream_is_writeable(const struct sock *sk)
{
	return sk_stream_wspace(sk) >= sk_stream_min_wspace(sk) &&
	       tcp_stream_memory_free(sk, 1);
}

/* ---- entry points ---- */

extern struct proto tcp_prot;
extern const struct net_protocol tcp_protocol;
extern const struct proto_ops inet_stream_ops;

/* tcp.c */
void tcp_set_state(struct sock *sk, int state);
void tcp_done(struct sock *sk);
int tcp_init_sock(struct sock *sk);
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t size);
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len);
unsigned int tcp_poll(struct file *file, struct socket *sock, poll_table *wait);
void tcp_close(struct sock *sk, long timeout);
void tcp_shutdown(struct sock *sk, int how);
int tcp_disconnect(struct sock *sk, int flags);
int tcp_setsockopt(struct sock *sk, int level, int optname, const void *optval,
		   unsigned int optlen);
int tcp_getsockopt(struct sock *sk, int level, int optname, void *optval,
		   int *optlen);
int tcp_ioctl(struct sock *sk, int cmd, void *arg);
void tcp_get_info(struct sock *sk, struct tcp_info *info);

/*
 * struct tcp_info_ext - Linux 6.18's struct tcp_info.  The <linux/tcp.h>
 * this builds against is older and ends at tcpi_snd_wnd (232 bytes, no
 * tail padding); 6.18 goes on as below, 280 bytes in all, and TCP_INFO
 * and INET_DIAG_INFO give all of it.  tcpi_received_ce counts in every
 * ECN mode, as Linux's; the other AccECN counters stay 0: there is no
 * AccECN here, as with Linux when it was not negotiated.
 */
struct tcp_info_ext {
	struct tcp_info info;
	__u32 tcpi_rcv_wnd; /* the window we announced, scaled (bytes) */
	__u32 tcpi_rehash; /* PLB or timeout triggered rehash attempts */
	__u16 tcpi_total_rto; /* RTOs, SYN and SYN-ACK ones included */
	__u16 tcpi_total_rto_recoveries; /* the one in progress included */
	__u32 tcpi_total_rto_time; /* ms in RTO recoveries, idem */
	__u32 tcpi_received_ce; /* CE-marked segments received */
	__u32 tcpi_delivered_e1_bytes; /* AccECN byte counters */
	__u32 tcpi_delivered_e0_bytes;
	__u32 tcpi_delivered_ce_bytes;
	__u32 tcpi_received_e1_bytes;
	__u32 tcpi_received_e0_bytes;
	__u32 tcpi_received_ce_bytes;
	__u16 tcpi_accecn_fail_mode;
	__u16 tcpi_accecn_opt_seen;
};

_Static_assert(sizeof(struct tcp_info) == 232,
	       "struct tcp_info_ext expects 6.1's struct tcp_info");
_Static_assert(sizeof(struct tcp_info_ext) == 280,
	       "Linux 6.18's struct tcp_info is 280 bytes");

void tcp_get_info_ext(struct sock *sk, struct tcp_info_ext *ext);

/* tcp_update_rto_time - the RTO recovery in progress ended: its time
 * counts in total_rto_time */
static inline void tcp_update_rto_time(struct tcp_sock *tp)
{
	if (tp->rto_stamp) {
		tp->total_rto_time +=
			tcp_time_stamp_ms(&tp->inet_conn.icsk_inet.sk) -
			tp->rto_stamp;
		tp->rto_stamp = 0;
	}
}
void tcp_cleanup_rbuf(struct sock *sk, int copied);
void tcp_write_queue_purge(struct sock *sk);
void tcp_set_window_clamp(struct sock *sk, int val);

/* tp->urg_data: the urgent byte once it arrived (RFC 9293 3.8.5) */
#define TCP_URG_VALID  0x0100
#define TCP_URG_NOTYET 0x0200
#define TCP_URG_READ   0x0400

/* tcp_urg_mode - is urgent data of ours not yet acknowledged? */
static inline bool tcp_urg_mode(const struct tcp_sock *tp)
{
	return tp->snd_una != tp->snd_up;
}
void tcp_rcv_space_adjust(struct sock *sk);
int tcp_orphan_count(const struct tn_stack *st);
/* TCP's memory accounting (tcp_prot; tcp.c) */
struct proto_mem *tcp_memory(const struct sock *sk);
void tcp_enter_memory_pressure(struct sock *sk);
void tcp_leave_memory_pressure(struct sock *sk);

/* tcp_under_memory_pressure - TCP is over tcp_mem[1] and not yet back
 * under tcp_mem[0] */
static inline bool tcp_under_memory_pressure(const struct sock *sk)
{
	return tcp_memory(sk)->memory_pressure != 0;
}

/* tcp_adjust_rcv_ssthresh - under pressure the window offered stops at
 * four segments, and the forward allocation's whole pages go back */
static inline void tcp_adjust_rcv_ssthresh(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->rcv_ssthresh = min_t(u32, tp->rcv_ssthresh, 4U * tp->advmss);
	sk_mem_reclaim(sk);
}
void tcp_orphan_count_inc(const struct sock *sk);
void tcp_orphan_count_dec(const struct sock *sk);
bool tcp_check_oom(const struct sock *sk, int shift);
void tcp_init_transfer(struct sock *sk);
void tcp_sk_wake(struct sock *sk);
void tcp_check_space(struct sock *sk);

/*
 * Walking a segment's options (RFC 9293 3.1): EOL ends the list, NOP is
 * one byte, any other option is kind, length and data; a length under 2
 * or past the header ends the walk (Linux's "silly options").  Shared by
 * tcp_parse_options() and tcp_parse_fastopen_option().
 */
struct tcp_opt_walk {
	const u8 *ptr;
	int length;
};

static inline void tcp_opt_walk_init(struct tcp_opt_walk *w,
				     const struct tcphdr *th)
{
	w->ptr = (const u8 *)(th + 1);
	w->length = (int)__tcp_hdrlen(th) - (int)sizeof(struct tcphdr);
}

/* the next option's kind, its size in @opsize and its data (after kind
 * and length) in @data; -1 at the end */
static inline int tcp_opt_walk_next(struct tcp_opt_walk *w, int *opsize,
				    const u8 **data)
{
	while (w->length > 0) {
		int opcode = *w->ptr++;
		int size;

		if (opcode == TCPOPT_EOL)
			break;
		if (opcode == TCPOPT_NOP) {
			w->length--;
			continue;
		}
		if (w->length < 2)
			break;
		size = *w->ptr++;
		if (size < 2 || size > w->length)
			break;
		*opsize = size;
		*data = w->ptr;
		w->ptr += size - 2;
		w->length -= size;
		return opcode;
	}
	w->length = 0;
	return -1;
}

/* tcp_input.c */
int tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb);
void tcp_rcv_established(struct sock *sk, struct sk_buff *skb);
void tcp_sack_compress_send_ack(struct sock *sk);
void tcp_parse_options(const struct net *net, const struct sk_buff *skb,
		       struct tcp_options_received *opt_rx, int estab);
void tcp_init_buffer_space(struct sock *sk);
void tcp_reset(struct sock *sk, struct sk_buff *skb);
void tcp_fin(struct sock *sk);
void tcp_enter_loss(struct sock *sk);
void tcp_simple_retransmit(struct sock *sk);
void tcp_v4_mtu_reduced(struct sock *sk);
void tcp_release_cb(struct sock *sk);

/* tcp_sock.tsq_flags (Linux's enum tsq_flags) */
#define TSQF_THROTTLED	  (1UL << 0) /* held back until a TX completion */
#define TSQF_QUEUED	  (1UL << 1) /* the tsq tasklet is scheduled */
#define TCPF_TSQ_DEFERRED (1UL << 2) /* its work waits for release_sock */
#define TCPF_ACK_DEFERRED (1UL << 3) /* an ACK of the backlog, likewise */
void tcp_wfree(struct sk_buff *skb);
void tcp_tsq_init(struct sock *sk);
void tcp_tsq_deferred(struct sock *sk);
void tcp_clear_retrans(struct tcp_sock *tp);
void tcp_init_wl(struct tcp_sock *tp, u32 seq);
void tcp_update_wl(struct tcp_sock *tp, u32 seq);
bool tcp_paws_reject(const struct tcp_options_received *rx_opt, int rst);
void tcp_store_ts_recent(struct tcp_sock *tp);
void tcp_enter_quickack_mode(struct sock *sk, unsigned int max_quickacks);
void tcp_rearm_rto(struct sock *sk);
void tcp_send_challenge_ack(struct sock *sk);
bool tcp_oow_rate_limited(struct net *net, const struct sk_buff *skb,
			  int mib_idx, u32 *last_oow_ack_time);
void tcp_synack_rtt_meas(struct sock *sk, struct request_sock *req);
void tcp_mtup_init(struct sock *sk);
void tcp_initialize_rcv_mss(struct sock *sk);
void tcp_finish_connect(struct sock *sk, struct sk_buff *skb);
void tcp_enter_cwr(struct sock *sk);
void tcp_cwnd_reduction(struct sock *sk, int newly_acked_sacked, int newly_lost,
			int flag);
void tcp_enter_recovery(struct sock *sk, bool ece_ack);
void tcp_mark_skb_lost(struct sock *sk, struct sk_buff *skb);
void tcp_process_tlp_ack(struct sock *sk, u32 ack, int flag);

/* tcp_recovery.c: RACK (RFC 8985) */
bool tcp_rack_mark_lost(struct sock *sk);
void tcp_rack_advance(struct tcp_sock *tp, u8 sacked, u32 end_seq,
		      u64 xmit_time);
void tcp_rack_reo_timeout(struct sock *sk);
void tcp_rack_update_reo_wnd(struct sock *sk, u32 prior_delivered);
s32 tcp_rack_skb_timeout(struct tcp_sock *tp, struct sk_buff *skb, u32 reo_wnd);
void tcp_newreno_mark_lost(struct sock *sk, bool snd_una_advanced);

/* tcp_rate.c: delivery rate estimation (draft-cheng-iccrg-delivery-rate-
 * estimation) */
void tcp_rate_skb_sent(struct sock *sk, struct sk_buff *skb);
void tcp_rate_skb_delivered(struct sock *sk, struct sk_buff *skb,
			    struct rate_sample *rs);
void tcp_rate_gen(struct sock *sk, u32 delivered, u32 lost, bool is_sack_reneg,
		  struct rate_sample *rs);
void tcp_rate_check_app_limited(struct sock *sk);

/*
 * enum tcp_chrono - what the sender is doing, for TCP_INFO's busy,
 * rwnd_limited and sndbuf_limited times; a higher value takes precedence
 */
enum tcp_chrono {
	TCP_CHRONO_UNSPEC,
	TCP_CHRONO_BUSY, /* data in flight or queued */
	TCP_CHRONO_RWND_LIMITED, /* the peer's window holds data back */
	TCP_CHRONO_SNDBUF_LIMITED, /* the send buffer starves the sender */
	__TCP_CHRONO_MAX,
};

/* tcp_output.c */
void tcp_chrono_start(struct sock *sk, const enum tcp_chrono type);
void tcp_chrono_stop(struct sock *sk, const enum tcp_chrono type);
int tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, int clone_it);
void tcp_send_ack(struct sock *sk);
void __tcp_send_ack(struct sock *sk, u32 rcv_nxt);
void tcp_send_delayed_ack(struct sock *sk);
void tcp_send_fin(struct sock *sk);
void tcp_send_active_reset(struct sock *sk);
int tcp_send_synack(struct sock *sk);
int tcp_connect(struct sock *sk);
struct sk_buff *tcp_make_synack(const struct sock *sk, struct dst_entry *dst,
				struct request_sock *req);
bool tcp_write_xmit(struct sock *sk, unsigned int mss_now, int nonagle,
		    int push_one);
void __tcp_push_pending_frames(struct sock *sk, unsigned int cur_mss,
			       int nonagle);
void tcp_push_one(struct sock *sk, unsigned int mss_now);
int tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb, int segs);
int __tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb, int segs);
bool tcp_skb_shift(struct sk_buff *to, struct sk_buff *from, int pcount,
		   int shiftlen);
void tcp_rtx_queue_unlink_and_free(struct sk_buff *skb, struct sock *sk);
int tcp_fragment(struct sock *sk, struct sk_buff *skb, u32 len,
		 unsigned int mss_now);
int tcp_trim_head(struct sock *sk, struct sk_buff *skb, u32 len);
bool tcp_schedule_loss_probe(struct sock *sk, bool advancing_rto);
void tcp_send_loss_probe(struct sock *sk);
s64 tcp_rto_delta_us(const struct sock *sk);
void tcp_xmit_retransmit_queue(struct sock *sk);
unsigned int tcp_current_mss(struct sock *sk);
unsigned int tcp_sync_mss(struct sock *sk, u32 pmtu);
int tcp_mtu_to_mss(struct sock *sk, int pmtu);
int tcp_mss_to_mtu(struct sock *sk, int mss);
u32 __tcp_select_window(struct sock *sk);
void tcp_select_initial_window(const struct sock *sk, int space, u32 mss,
			       u32 *rcv_wnd, u32 *window_clamp, int wscale_ok,
			       u8 *rcv_wscale, u32 init_rcv_wnd);
void tcp_send_window_probe(struct sock *sk);
int tcp_write_wakeup(struct sock *sk, int mib);
void tcp_send_probe0(struct sock *sk);
void tcp_skb_entail(struct sock *sk, struct sk_buff *skb);
u16 tcp_advertise_mss(struct sock *sk);
int tcp_mss_clamp(const struct tcp_sock *tp, int mss);

/* tcp_timer.c */
void tcp_init_xmit_timers(struct sock *sk);
void tcp_retransmit_timer(struct sock *sk);
void tcp_delack_timer_handler(struct sock *sk);
void tcp_compressed_ack_timer_init(struct sock *sk);
void tcp_write_timer_handler(struct sock *sk);
void tcp_set_keepalive(struct sock *sk, int val);
void tcp_syn_ack_timeout(const struct request_sock *req);
bool retransmits_timed_out(struct sock *sk, unsigned int boundary,
			   unsigned int timeout);
u32 tcp_clamp_probe0_to_user_timeout(const struct sock *sk, u32 when);

static inline void tcp_reset_xmit_timer(struct sock *sk, int what, u32 when,
					u32 max_when)
{
	inet_csk_reset_xmit_timer(sk, what, when, max_when);
}

static inline u32 tcp_probe0_base(const struct sock *sk)
{
	u32 rto = inet_csk(sk)->icsk_rto;

	return rto > TCP_RTO_MIN ? rto : TCP_RTO_MIN;
}

static inline u32 tcp_probe0_when(const struct sock *sk, u32 max_when)
{
	u8 backoff = inet_csk(sk)->icsk_backoff < 62
			     ? inet_csk(sk)->icsk_backoff
			     : 62;
	u64 when = (u64)tcp_probe0_base(sk) << backoff;

	return (u32)(when < max_when ? when : max_when);
}

/* tcp_ipv4.c */
int tcp_v4_rcv(struct sk_buff *skb);
int tcp_v4_err(struct sk_buff *skb, u32 info);
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);
int tcp_v4_do_rcv(struct sock *sk, struct sk_buff *skb);
/* early demux (tcp_ipv4.c): ip_rcv_finish() gives a segment for an
 * established sock the input route the sock keeps (sk_rx_dst) */
void tcp_v4_early_demux(struct sk_buff *skb);
void inet_sk_rx_dst_set(struct sock *sk, const struct sk_buff *skb);
int tcp_v4_conn_request(struct sock *sk, struct sk_buff *skb);
struct sock *tcp_v4_syn_recv_sock(const struct sock *sk, struct sk_buff *skb,
				  struct request_sock *req,
				  struct dst_entry *dst);
void tcp_v4_send_reset(const struct sock *sk, struct sk_buff *skb);
void tcp_v4_send_check(struct sock *sk, struct sk_buff *skb);
u32 secure_tcp_seq(const struct net *net, __be32 saddr, __be32 daddr,
		   __be16 sport, __be16 dport);
u32 secure_tcp_ts_off(const struct net *net, __be32 saddr, __be32 daddr);
int tcp_init(struct tn_stack *st);

/*
 * tcp_metrics.c: per (source, destination) what closed connections
 * learnt (RTT, RTT variance, ssthresh, cwnd, reordering), seeding the
 * next ones; the TCP_METRICS generic netlink family (ip tcp_metrics).
 */
struct dst_entry;
struct request_sock;
void tcp_update_metrics(struct sock *sk);
void tcp_init_metrics(struct sock *sk);
bool tcp_peer_is_proven(struct request_sock *req, struct dst_entry *dst);
int tcp_metrics_init(struct tn_stack *st);
void tcp_metrics_exit(struct tn_stack *st);
unsigned int tcp_metrics_count(struct net *net);
bool tcp_metrics_touch(struct net *net, __be32 saddr, __be32 daddr,
		       const struct dst_entry *dst);
int tcp_v4_destroy_sock_count(void);
extern const struct request_sock_ops tcp_request_sock_ops;
u64 siphash_2u64(u64 a, u64 b, const u64 key[2]);

/*
 * syncookies.c: the SYN queue's overflow answered statelessly (RFC 4987
 * 3.6).  The ISN of the SYN-ACK carries a keyed hash of the 4-tuple, a
 * minute counter and an index into a table of MSS values; the low bits
 * of TSval carry the SYN's window scale, SACK and ECN.
 */
#define TCP_SYNCOOKIE_PERIOD_MS (60U * 1000U) /* the counter's minute */
#define MAX_SYNCOOKIE_AGE	2 /* a cookie lives for two counter values */
#define TCP_SYNCOOKIE_VALID_MS	(MAX_SYNCOOKIE_AGE * TCP_SYNCOOKIE_PERIOD_MS)
#define TSBITS			6 /* TSval bits that carry options */
#define TS_OPT_WSCALE_MASK	0xfU /* 0xf: no window scale */
#define TS_OPT_SACK		(1U << 4)
#define TS_OPT_ECN		(1U << 5)

struct iphdr;
u32 __cookie_v4_init_sequence(const struct net *net, const struct iphdr *iph,
			      const struct tcphdr *th, u16 *mssp);
int __cookie_v4_check(const struct net *net, const struct iphdr *iph,
		      const struct tcphdr *th);
u32 cookie_v4_init_sequence(struct sock *sk, const struct sk_buff *skb,
			    u16 *mssp);
u32 cookie_init_timestamp(const struct request_sock *req);
bool cookie_timestamp_decode(const struct net *net,
			     struct tcp_options_received *opt);
struct sock *cookie_v4_check(struct sock *sk, struct sk_buff *skb);
bool tcp_syn_flood_action(struct sock *sk);
void tcp_synq_overflow(struct sock *sk);
bool tcp_synq_no_recent_overflow(const struct sock *sk);

/*
 * tcp_fastopen.c: TCP Fast Open (RFC 7413) as Linux does it.  The cookie
 * is SipHash-2-4 of the two addresses under the namespace's (or the
 * listener's) key, 8 bytes; the client keeps the cookies it was given
 * in the destination's tcp_metrics entry, as Linux does.
 */
struct tcp_fastopen_cookie {
	u8 val[TCP_FASTOPEN_COOKIE_MAX];
	s8 len; /* -1: no option; 0: a cookie request */
	bool exp; /* the experimental option (kind 254, 0xF989) */
};

struct tcp_fastopen_request {
	struct tcp_fastopen_cookie cookie; /* what the SYN carries */
	struct msghdr *data; /* the sendmsg() that connects */
	size_t size;
	int copied; /* bytes of it that went in the SYN */
};

struct tcp_fastopen_context {
	u64 key[TCP_FASTOPEN_KEY_MAX][2]; /* SipHash keys */
	int num;
};

struct net;
struct ctl_table;
int tcp_fastopen_net_init(struct net *net);
void tcp_fastopen_net_exit(struct net *net);
int proc_tcp_fastopen_key(struct ctl_table *ctl, int write, char *buffer,
			  size_t *lenp, long *ppos);
void tcp_fastopen_init_key_once(struct net *net);
int tcp_fastopen_reset_cipher(struct net *net, struct sock *sk,
			      const void *primary_key, const void *backup_key);
int tcp_fastopen_get_cipher(struct net *net, struct inet_connection_sock *icsk,
			    u64 *key);
void tcp_fastopen_destroy_cipher(struct sock *sk);
void fastopen_queue_tune(struct sock *sk, int backlog);
void tcp_fastopen_listen(struct sock *sk, int backlog);
void tcp_parse_fastopen_option(const struct sk_buff *skb,
			       struct tcp_fastopen_cookie *foc);
struct sock *tcp_try_fastopen(struct sock *sk, struct sk_buff *skb,
			      struct request_sock *req,
			      struct tcp_fastopen_cookie *foc,
			      const struct dst_entry *dst);
void tcp_fastopen_add_skb(struct sock *sk, struct sk_buff *skb);
bool tcp_fastopen_cookie_check(struct sock *sk, u16 *mss,
			       struct tcp_fastopen_cookie *cookie);
bool tcp_fastopen_defer_connect(struct sock *sk, int *err);
int tcp_sendmsg_fastopen(struct sock *sk, struct msghdr *msg, int *copied,
			 size_t size);
void tcp_free_fastopen_req(struct tcp_sock *tp);
/* tcp_metrics.c: the client's cookies live in the metrics entry */
void tcp_fastopen_cache_get(struct sock *sk, u16 *mss,
			    struct tcp_fastopen_cookie *cookie);
void tcp_fastopen_cache_set(struct sock *sk, u16 mss,
			    const struct tcp_fastopen_cookie *cookie,
			    bool syn_lost, u16 try_exp);
bool tcp_rcv_fastopen_synack(struct sock *sk, struct sk_buff *synack,
			     struct tcp_fastopen_cookie *cookie);
void tcp_rcv_synrecv_state_fastopen(struct sock *sk);
bool tcp_fastopen_check_req(struct sock *sk, struct sk_buff *skb);
void tcp_fastopen_synack_timer(struct sock *sk, struct request_sock *req);
void reqsk_fastopen_remove(struct sock *sk, struct request_sock *req);
bool tcp_fastopen_active_should_disable(struct sock *sk);
void tcp_fastopen_active_disable(struct sock *sk);
void tcp_fastopen_active_disable_ofo_check(struct sock *sk);
void tcp_fastopen_active_detect_blackhole(struct sock *sk, bool expired);
void tcp_fastopen_destroy_sock(struct sock *sk);
int tcp_fastopen_setsockopt(struct sock *sk, int optname, const void *optval,
			    unsigned int optlen);
int tcp_fastopen_getsockopt(struct sock *sk, int optname, void *optval,
			    int *optlen);
u64 siphash_1u64(u64 a, const u64 key[2]);

/* tcp_minisocks.c */
enum tcp_tw_status {
	TCP_TW_SUCCESS = 0,
	TCP_TW_RST = 1,
	TCP_TW_ACK = 2,
	TCP_TW_SYN = 3,
};
enum tcp_tw_status tcp_timewait_state_process(struct inet_timewait_sock *tw,
					      struct sk_buff *skb,
					      const struct tcphdr *th,
					      u32 *tw_isn);
void tcp_time_wait(struct sock *sk, int state, int timeo);
struct sock *tcp_check_req(struct sock *sk, struct sk_buff *skb,
			   struct request_sock *req);
int tcp_child_process(struct sock *parent, struct sock *child,
		      struct sk_buff *skb);
struct sock *tcp_create_openreq_child(const struct sock *sk,
				      struct request_sock *req,
				      struct sk_buff *skb);
void tcp_twsk_destructor(struct sock *sk);
void tcp_openreq_init_rwin(struct request_sock *req,
			   const struct sock *sk_listener,
			   const struct dst_entry *dst);

/* Sent segments that leave the write queue when acked free their memory. */
static inline void tcp_wmem_free_skb(struct sock *sk, struct sk_buff *skb)
{
	sk->sk_wmem_queued -= (int)skb->truesize;
	sk_mem_uncharge(sk, (int)skb->truesize);
	kfree_skb(skb);
}

/* sysctl defaults (Linux 6.18; tcp_rmem[2] is 32 MiB there on a machine
 * with 4 GiB or more, so the scale a SYN announces is 10) */
#define TCP_RMEM_DEFAULT_MIN 4096
#define TCP_RMEM_DEFAULT     131072
#define TCP_RMEM_DEFAULT_MAX 33554432
#define TCP_WMEM_DEFAULT_MIN 4096
#define TCP_WMEM_DEFAULT     16384
#define TCP_WMEM_DEFAULT_MAX 4194304

#endif /* _NET_TCP_H */
