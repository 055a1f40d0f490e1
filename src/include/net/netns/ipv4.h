/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-namespace IPv4 state: sysctls, tables and counters (net->ipv4).
 * Each subsystem owns its block below; add fields inside your own block.
 * Linux: include/net/netns/ipv4.h.
 */
#ifndef _NET_NETNS_IPV4_H
#define _NET_NETNS_IPV4_H

#include <net/list.h>
#include <net/mutex.h>
#include <net/timer.h>

struct fib_table;
struct fib_rules_ops;
struct neigh_table;
struct ipv4_devconf;
struct inet_frags_net;
struct inet_peer_base;
struct ctl_table_header;
struct udp_table;
struct raw_hashinfo;
struct ping_table;
struct ipstats_mib;
struct icmp_mib;
struct icmpmsg_mib;
struct udp_mib;
struct linux_mib;
struct tcp_mib;
struct sock;
struct inet_hashinfo;
struct tcp_congestion_ops;
struct tcp_fastopen_context;
struct tcp_fastopen_metrics;

struct netns_ipv4 {
	/* devinet.c: "all" and "default" devconf (net.ipv4.conf.*) */
	struct ipv4_devconf *devconf_all;
	struct ipv4_devconf *devconf_dflt;

	/* route.c, fib_*.c */
	struct fib_table *fib_main;
	struct fib_table *fib_local;
	struct list_head fib_tables; /* every struct fib_table by id */
	/* fib_rules.c: the IPv4 rules; lookups skip them until changed */
	struct fib_rules_ops *rules_ops;
	bool fib_has_custom_rules;
	int sysctl_fib_multipath_hash_policy;
	/* fib_semantics.c: route data shared by equal routes, as Linux */
	struct hlist_head *fib_info_hash;
	unsigned int fib_info_hash_size;
	unsigned int fib_info_cnt;
	spinlock_t fib_info_lock; /* the three above (Linux's fib_info_lock) */
	u32 rt_genid;
	/* route/flush: exceptions (learned PMTUs) of an older one are dead */
	u32 fnhe_genid;
	int sysctl_ip_default_ttl;
	int sysctl_ip_no_pmtu_disc;
	int sysctl_ip_fwd_use_pmtu;
	int sysctl_ip_nonlocal_bind;
	int sysctl_ip_early_demux;
	int sysctl_ip_dynaddr;
	int sysctl_route_min_pmtu;
	int sysctl_route_mtu_expires; /* ms, shown in seconds (jiffies) */
	int sysctl_route_min_adv_mss;
	int sysctl_ip_local_port_range[2];
	int sysctl_ip_prot_sock; /* ip_unprivileged_port_start */
	unsigned long *sysctl_local_reserved_ports; /* 65536 bits */
	int sysctl_ping_group_range[2];

	/* arp.c, neighbour.c */
	struct neigh_table *arp_tbl;

	/* icmp.c */
	int sysctl_icmp_echo_ignore_all;
	int sysctl_icmp_echo_ignore_broadcasts;
	int sysctl_icmp_ignore_bogus_error_responses;
	int sysctl_icmp_ratelimit; /* ms */
	int sysctl_icmp_ratemask;
	int sysctl_icmp_msgs_per_sec;
	int sysctl_icmp_msgs_burst;
	int sysctl_icmp_errors_use_inbound_ifaddr;
	u32 icmp_global_credit;
	u64 icmp_global_stamp;
	struct sock *icmp_sk; /* unused: replies are built without a socket */
	struct inet_peer_base *peers; /* per-host ICMP/redirect rate state */
	struct ctl_table_header *icmp_sysctl_hdr;

	/* ip_fragment.c, inet_fragment.c */
	struct inet_frags_net *frags;
	long sysctl_ipfrag_high_thresh;
	long sysctl_ipfrag_low_thresh;
	int sysctl_ipfrag_time; /* ms (proc_dointvec_jiffies: seconds shown) */
	int sysctl_ipfrag_max_dist;
	struct ctl_table_header *frag_sysctl_hdr;
	u32 ip_id_next;

	/* udp.c, raw.c, ping.c: socket tables */
	struct udp_table *udp_table;
	struct raw_hashinfo *raw_hash;
	struct ping_table *ping_table;

	/* tcp*.c, inet_hashtables.c: TCP's tables and sysctls */
	struct inet_hashinfo *tcp_hashinfo; /* the stack's, shared */
	/* tcp_child_ehash_entries: the tables of this namespace alone (then
	 * also tcp_hashinfo) when its creator asked for them, else NULL;
	 * and what this namespace asks for the namespaces it creates */
	struct inet_hashinfo *tcp_own_hashinfo;
	int sysctl_tcp_child_ehash_entries;
	/* this namespace's share of it: its socks in ehash, its TIME-WAIT
	 * socks (held to tcp_max_tw_buckets, Linux's tw_refcount) */
	unsigned int tcp_ehash_count;
	unsigned int tcp_tw_count;
	int sysctl_tcp_rmem[3], sysctl_tcp_wmem[3];
	int sysctl_tcp_timestamps, sysctl_tcp_sack, sysctl_tcp_window_scaling;
	int sysctl_tcp_syn_retries, sysctl_tcp_synack_retries;
	/* SYN-SENT: this many RTOs at the initial RTO before backing off */
	int sysctl_tcp_syn_linear_timeouts;
	/* a thin stream's first TCP_THIN_LINEAR_RETRIES RTOs do not back off */
	int sysctl_tcp_thin_linear_timeouts;
	int sysctl_tcp_retries1, sysctl_tcp_retries2, sysctl_tcp_orphan_retries;
	int sysctl_tcp_fin_timeout; /* ms, shown in s */
	int sysctl_tcp_keepalive_time, sysctl_tcp_keepalive_intvl; /* ms */
	int sysctl_tcp_keepalive_probes;
	int sysctl_max_syn_backlog;
	int sysctl_tcp_tw_reuse;
	int sysctl_tcp_max_tw_buckets;
	int sysctl_tcp_challenge_ack_limit;
	int sysctl_tcp_min_snd_mss;
	/* MTU probing (RFC 4821) */
	int sysctl_tcp_mtu_probing; /* 0 off, 1 after a blackhole, 2 always */
	int sysctl_tcp_base_mss;
	int sysctl_tcp_mtu_probe_floor;
	int sysctl_tcp_probe_threshold;
	int sysctl_tcp_probe_interval; /* s */
	int sysctl_tcp_slow_start_after_idle;
	int sysctl_tcp_rfc1337;
	int sysctl_tcp_abort_on_overflow;
	int sysctl_tcp_adv_win_scale;
	int sysctl_tcp_moderate_rcvbuf;
	int sysctl_tcp_invalid_ratelimit; /* ms */
	int sysctl_tcp_notsent_lowat;
	int sysctl_tcp_syncookies; /* 0 never, 1 on overflow, 2 always */
	int sysctl_tcp_dsack;
	int sysctl_tcp_reordering;
	/* loss recovery: RACK bits, TLP, F-RTO, the reordering cap */
	int sysctl_tcp_recovery, sysctl_tcp_early_retrans, sysctl_tcp_frto;
	int sysctl_tcp_max_reordering;
	int sysctl_tcp_ecn; /* 0 off, 1 ask and accept, 2 accept (RFC 3168) */
	int sysctl_tcp_ecn_fallback; /* a retransmitted SYN asks no more */
	int sysctl_tcp_shrink_window; /* RFC 7323 2.4: may the window shrink */
	int sysctl_tcp_app_win; /* 1/2^n of the window kept for the app */
	/* TSO sizing and pacing (tcp_output.c, tcp_input.c) */
	int sysctl_tcp_tso_win_divisor;
	int sysctl_tcp_min_tso_segs;
	int sysctl_tcp_retrans_collapse; /* small retransmits take in the next */
	int sysctl_tcp_pacing_ss_ratio; /* percent */
	int sysctl_tcp_pacing_ca_ratio; /* percent */
	int sysctl_tcp_early_demux; /* tcp_v4_early_demux() (ip_rcv_finish) */
	const struct tcp_congestion_ops *tcp_congestion_control;
	u32 tcp_challenge_timestamp, tcp_challenge_count;
	/* tcp_fastopen.c: TCP Fast Open (RFC 7413) */
	int sysctl_tcp_fastopen; /* TFO_* flags */
	int sysctl_tcp_fastopen_blackhole_timeout; /* s; 0: never disable */
	struct tcp_fastopen_context *tcp_fastopen_ctx; /* the key, or NULL */
	int tfo_active_disable_times; /* blackholes seen in a row */
	u32 tfo_active_disable_stamp; /* ms: the last one */
	/* tcp_metrics.c: what closing connections save for the next */
	int sysctl_tcp_nometrics_save; /* tcp_no_metrics_save */
	int sysctl_tcp_no_ssthresh_metrics_save;
	/* RTO bounds for new socks (tcp_init_sock), the delayed-ACK
	 * ping-pong threshold, the min-RTT filter's window, TIME-WAIT reuse */
	int sysctl_tcp_rto_min_us; /* us, rounded up to ms */
	int sysctl_tcp_rto_max_ms; /* ms, 1000..120000 */
	int sysctl_tcp_min_rtt_wlen; /* s */
	int sysctl_tcp_pingpong_thresh; /* 1..255 (a u8 in Linux) */
	int sysctl_tcp_tw_reuse_delay; /* ms after the TIME-WAIT began */
	/* accepted and unread, as in Linux 6.18 (see tcp_ipv4.c) */
	int sysctl_tcp_fack;
	int sysctl_tcp_stdurg; /* RFC 1122's urgent pointer (tcp_check_urg) */
	/* a window of 32767 at most without scaling (tcp_output.c) */
	int sysctl_tcp_workaround_signed_windows;
	/* SACK compression (tcp_input.c): held duplicate ACKs at most, the
	 * timer's delay and slack */
	int sysctl_tcp_comp_sack_nr;
	unsigned long sysctl_tcp_comp_sack_delay_ns;
	unsigned long sysctl_tcp_comp_sack_slack_ns;
	/* listeners: SYN-ACKs and children take the SYN's DSCP; children
	 * take the SYN's mark */
	int sysctl_tcp_reflect_tos;
	int sysctl_tcp_fwmark_accept;
	/* the send path (tcp_output.c, tcp.c): TCP Small Queues' cap in
	 * bytes, autocorking, the min-RTT term of TSO autosizing */
	int sysctl_tcp_limit_output_bytes;
	int sysctl_tcp_autocorking;
	int sysctl_tcp_tso_rtt_log;
	int sysctl_tcp_backlog_ack_defer; /* ACKs of the backlog at release */
	/* the initial namespace's net.ipv4 rows that are the stack's */
	struct ctl_table_header *tcp_global_sysctl_hdr;
	struct ctl_table_header *tcp_sysctl_hdr;

	/* MIB counters (snmp.h): netstat -s and /proc/net/snmp */
	struct ipstats_mib *ip_statistics;
	struct icmp_mib *icmp_statistics;
	struct icmpmsg_mib *icmpmsg_statistics;
	struct udp_mib *udp_statistics;
	struct linux_mib *net_statistics;
	struct tcp_mib *tcp_statistics;

	/* udp.c: the receive and send buffer a UDP socket keeps over
	 * udp_mem[0] (bytes), and the net.ipv4 rows of UDP */
	int sysctl_udp_rmem_min, sysctl_udp_wmem_min;
	struct ctl_table_header *udp_sysctl_hdr, *udp_global_sysctl_hdr;
};

#endif /* _NET_NETNS_IPV4_H */
