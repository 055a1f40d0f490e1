/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TCP states (RFC 9293 3.3.2) with Linux's numbers, which
 * /proc/net/tcp, TCP_INFO and inet_diag show.  Linux:
 * include/net/tcp_states.h.
 */
#ifndef _NET_TCP_STATES_H
#define _NET_TCP_STATES_H

#ifndef TCP_ESTABLISHED
#define TCP_ESTABLISHED 1
#define TCP_CLOSE	7
#endif
#define TCP_SYN_SENT	  2
#define TCP_SYN_RECV	  3
#define TCP_FIN_WAIT1	  4
#define TCP_FIN_WAIT2	  5
#define TCP_TIME_WAIT	  6
#define TCP_CLOSE_WAIT	  8
#define TCP_LAST_ACK	  9
#define TCP_LISTEN	  10
#define TCP_CLOSING	  11
#define TCP_NEW_SYN_RECV  12
#define TCP_MAX_STATES	  13

#define TCPF_STATE(s)	  (1 << (s))
#define TCPF_ESTABLISHED  TCPF_STATE(TCP_ESTABLISHED)
#define TCPF_SYN_SENT	  TCPF_STATE(TCP_SYN_SENT)
#define TCPF_SYN_RECV	  TCPF_STATE(TCP_SYN_RECV)
#define TCPF_FIN_WAIT1	  TCPF_STATE(TCP_FIN_WAIT1)
#define TCPF_FIN_WAIT2	  TCPF_STATE(TCP_FIN_WAIT2)
#define TCPF_TIME_WAIT	  TCPF_STATE(TCP_TIME_WAIT)
#define TCPF_CLOSE	  TCPF_STATE(TCP_CLOSE)
#define TCPF_CLOSE_WAIT	  TCPF_STATE(TCP_CLOSE_WAIT)
#define TCPF_LAST_ACK	  TCPF_STATE(TCP_LAST_ACK)
#define TCPF_LISTEN	  TCPF_STATE(TCP_LISTEN)
#define TCPF_CLOSING	  TCPF_STATE(TCP_CLOSING)
#define TCPF_NEW_SYN_RECV TCPF_STATE(TCP_NEW_SYN_RECV)

#endif /* _NET_TCP_STATES_H */
