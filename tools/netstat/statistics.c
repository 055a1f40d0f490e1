// SPDX-License-Identifier: BSD-2-Clause
/*
 * netstat -s: the stack's /proc/net/snmp and /proc/net/netstat as
 * net-tools 2.10 words them.
 *
 * Each "Section: names" / "Section: values" pair of lines becomes a
 * "Section:" heading and one line per counter.  A counter net-tools knows
 * gets its sentence (some only when non-zero, ICMP types under a histogram
 * heading); one it does not know is shown as "Name: value" when non-zero.
 * net-tools finds the sentence with bsearch() over tables that are not all
 * in strcmp() order (TcpExt), so some known names fall through to the
 * "Name: value" form: the lookup below is the same binary search over the
 * same order, so the same names miss.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netstat.h"

enum st_kind { K_NUMBER, K_OPT, K_FORWARD, K_ICMP_IN, K_ICMP_OUT, K_RTO };

#define K_STATIC 0x100 /* shown only with -e in net-tools: never here */
#define K_TITLE	 0x200 /* under a histogram heading */

struct st_entry {
	const char *name;
	const char *text;
	int kind;
};

static const int st_indent[] = { 4, 4, 4, 8, 8, 0 };

static const char *const st_heading[] = {
	NULL, NULL, NULL, "ICMP input histogram:", "ICMP output histogram:",
	NULL,
};

#define E(n, t, k)      \
	{               \
		n, t, k \
	}
#define IN_ICMP	 (K_ICMP_IN | K_TITLE)
#define OUT_ICMP (K_ICMP_OUT | K_TITLE)

static const struct st_entry ip_tab[] = {
	E("DefaultTTL", "Default TTL is %llu", K_NUMBER | K_STATIC),
	E("Forwarding", "Forwarding is %s", K_FORWARD | K_STATIC),
	E("ForwDatagrams", "%llu forwarded", K_NUMBER),
	E("FragCreates", "%llu fragments created", K_OPT),
	E("FragFails", "%llu outgoing packets failed fragmentation", K_OPT),
	E("FragOKs", "%llu outgoing packets fragmented ok", K_OPT),
	E("InAddrErrors", "%llu with invalid addresses", K_OPT),
	E("InDelivers", "%llu incoming packets delivered", K_NUMBER),
	E("InDiscards", "%llu incoming packets discarded", K_NUMBER),
	E("InHdrErrors", "%llu with invalid headers", K_OPT),
	E("InReceives", "%llu total packets received", K_NUMBER),
	E("InUnknownProtos", "%llu with unknown protocol", K_OPT),
	E("OutDiscards", "%llu outgoing packets dropped", K_OPT),
	E("OutNoRoutes", "%llu dropped because of missing route", K_OPT),
	E("OutRequests", "%llu requests sent out", K_NUMBER),
	E("ReasmFails", "%llu packet reassemblies failed", K_OPT),
	E("ReasmOKs", "%llu packets reassembled ok", K_OPT),
	E("ReasmReqds", "%llu reassemblies required", K_OPT),
	E("ReasmTimeout", "%llu fragments dropped after timeout", K_OPT),
};

static const struct st_entry icmp_tab[] = {
	E("InAddrMaskReps", "address mask replies: %llu", IN_ICMP),
	E("InAddrMasks", "address mask request: %llu", IN_ICMP),
	E("InDestUnreachs", "destination unreachable: %llu", IN_ICMP),
	E("InEchoReps", "echo replies: %llu", IN_ICMP),
	E("InEchos", "echo requests: %llu", IN_ICMP),
	E("InErrors", "%llu input ICMP message failed", K_NUMBER),
	E("InMsgs", "%llu ICMP messages received", K_NUMBER),
	E("InParmProbs", "wrong parameters: %llu", IN_ICMP),
	E("InRedirects", "redirects: %llu", IN_ICMP),
	E("InSrcQuenchs", "source quenches: %llu", IN_ICMP),
	E("InTimeExcds", "timeout in transit: %llu", IN_ICMP),
	E("InTimestampReps", "timestamp reply: %llu", IN_ICMP),
	E("InTimestamps", "timestamp request: %llu", IN_ICMP),
	E("OutAddrMaskReps", "address mask replies: %llu", OUT_ICMP),
	E("OutAddrMasks", "address mask requests: %llu", OUT_ICMP),
	E("OutDestUnreachs", "destination unreachable: %llu", OUT_ICMP),
	E("OutEchoReps", "echo replies: %llu", OUT_ICMP),
	E("OutEchos", "echo requests: %llu", OUT_ICMP),
	E("OutErrors", "%llu ICMP messages failed", K_NUMBER),
	E("OutMsgs", "%llu ICMP messages sent", K_NUMBER),
	E("OutParmProbs", "wrong parameters: %llu", OUT_ICMP),
	E("OutRedirects", "redirect: %llu", OUT_ICMP),
	E("OutSrcQuenchs", "source quench: %llu", OUT_ICMP),
	E("OutTimeExcds", "time exceeded: %llu", OUT_ICMP),
	E("OutTimestampReps", "timestamp replies: %llu", OUT_ICMP),
	E("OutTimestamps", "timestamp requests: %llu", OUT_ICMP),
};

static const struct st_entry tcp_tab[] = {
	E("ActiveOpens", "%llu active connection openings", K_NUMBER),
	E("AttemptFails", "%llu failed connection attempts", K_NUMBER),
	E("CurrEstab", "%llu connections established", K_NUMBER),
	E("EstabResets", "%llu connection resets received", K_NUMBER),
	E("InErrs", "%llu bad segments received", K_NUMBER),
	E("InSegs", "%llu segments received", K_NUMBER),
	E("MaxConn", "", K_NUMBER),
	E("OutRsts", "%llu resets sent", K_NUMBER),
	E("OutSegs", "%llu segments sent out", K_NUMBER),
	E("PassiveOpens", "%llu passive connection openings", K_NUMBER),
	E("RetransSegs", "%llu segments retransmitted", K_NUMBER),
	E("RtoAlgorithm", "RTO algorithm is %s", K_RTO | K_STATIC),
	E("RtoMax", "", K_NUMBER),
	E("RtoMin", "", K_NUMBER),
};

static const struct st_entry udp_tab[] = {
	E("InDatagrams", "%llu packets received", K_NUMBER),
	E("InErrors", "%llu packet receive errors", K_NUMBER),
	E("NoPorts", "%llu packets to unknown port received", K_NUMBER),
	E("OutDatagrams", "%llu packets sent", K_NUMBER),
	E("RcvbufErrors", "%llu receive buffer errors", K_NUMBER),
	E("SndbufErrors", "%llu send buffer errors", K_NUMBER),
};

/* In net-tools' order, which is not strcmp()'s (see the top). */
static const struct st_entry tcpext_tab[] = {
	E("DelayedACKLocked",
	  "%llu delayed acks further delayed because of locked socket", K_OPT),
	E("DelayedACKLost", "Quick ack mode was activated %llu times", K_OPT),
	E("DelayedACKs", "%llu delayed acks sent", K_OPT),
	E("EmbryonicRsts",
	  "%llu resets received for embryonic SYN_RECV sockets", K_OPT),
	E("ListenDrops", "%llu SYNs to LISTEN sockets dropped", K_OPT),
	E("ListenOverflows",
	  "%llu times the listen queue of a socket overflowed", K_OPT),
	E("LockDroppedIcmps",
	  "%llu ICMP packets dropped because socket was locked", K_OPT),
	E("OfoPruned",
	  "%llu packets dropped from out-of-order queue because of socket buffer overrun",
	  K_OPT),
	E("OutOfWindowIcmps",
	  "%llu ICMP packets dropped because they were out-of-window", K_OPT),
	E("PAWSActive",
	  "%llu active connections rejected because of time stamp", K_OPT),
	E("PAWSEstab",
	  "%llu packets rejected in established connections because of timestamp",
	  K_OPT),
	E("PAWSPassive",
	  "%llu passive connections rejected because of time stamp", K_OPT),
	E("PruneCalled",
	  "%llu packets pruned from receive queue because of socket buffer overrun",
	  K_OPT),
	E("RcvPruned", "%llu packets pruned from receive queue", K_OPT),
	E("SockMallocOOM",
	  "Ran %llu times out of system memory during packet sending", K_OPT),
	E("SyncookiesFailed", "%llu invalid SYN cookies received", K_OPT),
	E("SyncookiesRecv", "%llu SYN cookies received", K_OPT),
	E("SyncookiesSent", "%llu SYN cookies sent", K_OPT),
	E("TCPAbortFailed", "%llu times unable to send RST due to no memory",
	  K_OPT),
	E("TCPAbortOnClose", "%llu connections reset due to early user close",
	  K_OPT),
	E("TCPAbortOnData", "%llu connections reset due to unexpected data",
	  K_OPT),
	E("TCPAbortOnLinger",
	  "%llu connections aborted after user close in linger timeout", K_OPT),
	E("TCPAbortOnMemory", "%llu connections aborted due to memory pressure",
	  K_OPT),
	E("TCPAbortOnSyn", "%llu connections reset due to unexpected SYN",
	  K_OPT),
	E("TCPAbortOnTimeout", "%llu connections aborted due to timeout",
	  K_OPT),
	E("TCPDirectCopyFromBacklog",
	  "%llu bytes directly in process context from backlog", K_OPT),
	E("TCPDirectCopyFromPrequeue",
	  "%llu bytes directly received in process context from prequeue",
	  K_OPT),
	E("TCPDSACKOfoRecv", "%llu DSACKs for out of order packets received",
	  K_OPT),
	E("TCPDSACKOfoSent", "%llu DSACKs sent for out of order packets",
	  K_OPT),
	E("TCPDSACKOldSent", "%llu DSACKs sent for old packets", K_OPT),
	E("TCPDSACKRecv", "%llu DSACKs received", K_OPT),
	E("TCPDSackUndo",
	  "%llu congestion window recovered without slow start using DSACK",
	  K_OPT),
	E("TCPDSACKUndo",
	  "%llu congestion windows recovered without slow start by DSACK",
	  K_OPT),
	E("TCPFACKReorder", "Detected reordering %llu times using FACK", K_OPT),
	E("TCPFastRetrans", "%llu fast retransmits", K_OPT),
	E("TCPForwardRetrans", "%llu forward retransmits", K_OPT),
	E("TCPFullUndo",
	  "%llu congestion windows fully recovered without slow start", K_OPT),
	E("TCPHPAcks", "%llu predicted acknowledgments", K_OPT),
	E("TCPHPHits", "%llu packet headers predicted", K_NUMBER),
	E("TCPHPHitsToUser",
	  "%llu packet headers predicted and directly queued to user", K_OPT),
	E("TCPLossFailures", "%llu timeouts in loss state", K_OPT),
	E("TCPLoss", "%llu TCP data loss events", K_OPT),
	E("TCPLossUndo",
	  "%llu congestion windows recovered without slow start after partial ack",
	  K_OPT),
	E("TCPLostRetransmits", "%llu retransmits lost", K_OPT),
	E("TCPMemoryPressures", "TCP ran low on memory %llu times", K_OPT),
	E("TCPPartialUndo",
	  "%llu congestion windows partially recovered using Hoe heuristic",
	  K_OPT),
	E("TCPPrequeued", "%llu packets directly queued to recvmsg prequeue",
	  K_OPT),
	E("TCPPrequeueDropped", "%llu packets dropped from prequeue", K_OPT),
	E("TCPPureAcks",
	  "%llu acknowledgments not containing data payload received", K_OPT),
	E("TCPRcvCollapsed",
	  "%llu packets collapsed in receive queue due to low socket buffer",
	  K_OPT),
	E("TCPRenoFailures", "%llu timeouts after reno fast retransmit", K_OPT),
	E("TCPRenoRecoveryFailed", "%llu reno fast retransmits failed", K_OPT),
	E("TCPRenoRecoveryFail", "%llu classic Reno fast retransmits failed",
	  K_OPT),
	E("TCPRenoRecovery",
	  "%llu times recovered from packet loss due to fast retransmit",
	  K_OPT),
	E("TCPRenoReorder",
	  "Detected reordering %llu times using reno fast retransmit", K_OPT),
	E("TCPSackFailures", "%llu timeouts after SACK recovery", K_OPT),
	E("TCPSackRecoveryFail", "%llu SACK retransmits failed", K_OPT),
	E("TCPSackRecovery",
	  "%llu times recovered from packet loss by selective acknowledgements",
	  K_OPT),
	E("TCPSACKReneging", "%llu bad SACK blocks received", K_OPT),
	E("TCPSACKReorder", "Detected reordering %llu times using SACK", K_OPT),
	E("TCPSchedulerFailed",
	  "%llu times receiver scheduled too late for direct processing",
	  K_OPT),
	E("TCPSlowStartRetrans", "%llu retransmits in slow start", K_OPT),
	E("TCPTimeouts", "%llu other TCP timeouts", K_OPT),
	E("TCPTSReorder", "Detected reordering %llu times using time stamp",
	  K_OPT),
	E("TWKilled", "%llu TCP sockets finished time wait in slow timer",
	  K_OPT),
	E("TW", "%llu TCP sockets finished time wait in fast timer", K_OPT),
	E("TWRecycled", "%llu time wait sockets recycled by time stamp", K_OPT),
};

#define TAB(t) t, sizeof(t) / sizeof((t)[0])

enum st_filter { F_RAW, F_TCP, F_UDP, F_ANY };

static const struct st_section {
	const char *name;
	const struct st_entry *tab;
	size_t n;
	enum st_filter filter;
} st_sections[] = {
	{ "Ip", TAB(ip_tab), F_RAW },	      { "Icmp", TAB(icmp_tab), F_RAW },
	{ "Tcp", TAB(tcp_tab), F_TCP },	      { "Udp", TAB(udp_tab), F_UDP },
	{ "Sctp", NULL, 0, F_ANY }, /* no SCTP: never in the stack's files */
	{ "TcpExt", TAB(tcpext_tab), F_TCP },
};

/* glibc's bsearch(): the same probes, so the same misses on bad order. */
static const struct st_entry *st_lookup(const struct st_section *s,
					const char *name)
{
	size_t l = 0, u = s->n;

	while (l < u) {
		size_t idx = (l + u) / 2;
		int c = strcmp(name, s->tab[idx].name);

		if (c < 0)
			u = idx;
		else if (c > 0)
			l = idx + 1;
		else
			return &s->tab[idx];
	}
	return NULL;
}

static int st_state;

/* @text with its one "%llu" replaced by @val (the texts are constants). */
static void st_format(char *buf, size_t len, const char *text,
		      unsigned long long val)
{
	const char *conv = strstr(text, "%llu");

	if (!conv) {
		(void)snprintf(buf, len, "%s", text);
		return;
	}
	(void)snprintf(buf, len, "%.*s%llu%s", (int)(conv - text), text, val,
		       conv + 4);
}

static void st_print(const struct st_section *s, const char *name,
		     unsigned long long val)
{
	const struct st_entry *e = s ? st_lookup(s, name) : NULL;
	char buf[512];
	int kind;

	if (!e) {
		if (val)
			printf("%*s%s: %llu\n", st_indent[st_state], "", name,
			       val);
		return;
	}
	kind = e->kind;
	if (kind & K_STATIC)
		return;
	if (!e->text[0])
		return;
	if (kind & K_TITLE) {
		kind &= ~K_TITLE;
		if (st_state != kind)
			printf("%*s%s\n", st_indent[st_state], "",
			       st_heading[kind]);
	}
	buf[0] = '\0';
	/* a number; optional ones and histogram lines only when not zero */
	if (kind == K_NUMBER ||
	    ((kind == K_OPT || kind == K_ICMP_IN || kind == K_ICMP_OUT) && val))
		st_format(buf, sizeof(buf), e->text, val);
	if (buf[0])
		printf("%*s%s\n", st_indent[kind], "", buf);
	st_state = kind;
}

static int st_wanted(enum st_filter f, int raw, int tcp, int udp)
{
	switch (f) {
	case F_RAW:
		return raw;
	case F_TCP:
		return tcp;
	case F_UDP:
		return udp;
	default:
		return 1;
	}
}

/* One file of "Section: names" / "Section: values" pairs; -1 if malformed. */
static int st_file(char *text, int raw, int tcp, int udp)
{
	char *pos = text, *names, *vals;

	while ((names = ns_next_line(&pos))) {
		const struct st_section *s = NULL;
		char *sp, *np;
		size_t i;
		int show = 1;

		if (!names[0])
			continue;
		vals = ns_next_line(&pos);
		if (!vals)
			break;
		sp = strchr(names, ':');
		np = strchr(vals, ':');
		if (!sp || !np)
			return -1;
		*sp++ = '\0';
		np++;
		for (i = 0; i < sizeof(st_sections) / sizeof(st_sections[0]);
		     i++)
			if (!strcmp(names, st_sections[i].name))
				s = &st_sections[i];
		if (s)
			show = st_wanted(s->filter, raw, tcp, udp);
		if (show)
			printf("%s:\n", names);
		/* net-tools resets the indent only for the sections it knows */
		if (s)
			st_state = K_NUMBER;
		for (;;) {
			char *end;
			unsigned long long v;
			int last;

			sp += strspn(sp, " \t\n");
			np += strspn(np, " \t\n");
			end = sp + strcspn(sp, " \t\n");
			last = *end == '\0';
			*end = '\0';
			if (*sp && show) {
				v = strtoull(np, &np, 10);
				st_print(s, sp, v);
			}
			if (last)
				break;
			sp = end + 1;
		}
	}
	return 0;
}

void ns_statistics(int raw, int tcp, int udp)
{
	char *text = ns_slurp("/proc/net/snmp", NULL);

	if (!text) {
		perror("cannot open /proc/net/snmp");
		return;
	}
	if (st_file(text, raw, tcp, udp) < 0)
		fprintf(stderr, "Problem while parsing /proc/net/snmp\n");
	free(text);
	text = ns_slurp("/proc/net/netstat", NULL);
	if (text) {
		if (st_file(text, raw, tcp, udp) < 0)
			fprintf(stderr,
				"Problem while parsing /proc/net/netstat\n");
		free(text);
	}
}
