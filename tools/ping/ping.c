// SPDX-License-Identifier: BSD-2-Clause
/*
 * ping - send ICMP echo requests and report the replies, with the output,
 * messages and exit codes of iputils 20221126's ping (IPv4).
 *
 * All time comes from the stack (tn_clock_gettime) and all waiting is in
 * tn_poll(): under a lab's virtual clock a ping takes no real time.
 */
#include <tuxnet/tuxnet.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>

#include "ping.h"

#define MAX_DUP_CHK 0x10000
#define MAXPACKET   65535
#define MAXIPLEN    60
#define MAXICMPLEN  76
/* The most -l may preload without root, and the least -i (ms). */
#define MAXPRELOAD_USER	  3
#define MIN_USER_INTERVAL 2
#define MININTERVAL	  10 /* ms between probes of an interval-0 run */
#define NROUTES		  9 /* record route slots */
#define MAX_IPOPTLEN	  40
#ifndef AI_IDN
#define AI_IDN 0x0040
#endif
#ifndef AI_CANONIDN
#define AI_CANONIDN 0x0080
#endif
#ifndef NI_IDN
#define NI_IDN 32
#endif

static const char ping_usage_text[] =
	"\n"
	"Usage\n"
	"  ping [options] <destination>\n"
	"\n"
	"Options:\n"
	"  <destination>      dns name or ip address\n"
	"  -a                 use audible ping\n"
	"  -A                 use adaptive ping\n"
	"  -B                 sticky source address\n"
	"  -c <count>         stop after <count> replies\n"
	"  -C                 call connect() syscall on socket creation\n"
	"  -D                 print timestamps\n"
	"  -d                 use SO_DEBUG socket option\n"
	"  -e <identifier>    define identifier for ping session, default is random for\n"
	"                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
	"                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
	"  -f                 flood ping\n"
	"  -h                 print help and exit\n"
	"  -I <interface>     either interface name or address\n"
	"  -i <interval>      seconds between sending each packet\n"
	"  -L                 suppress loopback of multicast packets\n"
	"  -l <preload>       send <preload> number of packages while waiting replies\n"
	"  -m <mark>          tag the packets going out\n"
	"  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n"
	"  -n                 no dns name resolution\n"
	"  -O                 report outstanding replies\n"
	"  -p <pattern>       contents of padding byte\n"
	"  -q                 quiet output\n"
	"  -Q <tclass>        use quality of service <tclass> bits\n"
	"  -s <size>          use <size> as number of data bytes to be sent\n"
	"  -S <size>          use <size> as SO_SNDBUF socket option value\n"
	"  -t <ttl>           define time to live\n"
	"  -U                 print user-to-user latency\n"
	"  -v                 verbose output\n"
	"  -V                 print version and exit\n"
	"  -w <deadline>      reply wait <deadline> in seconds\n"
	"  -W <timeout>       time to wait for response\n"
	"\n"
	"IPv4 options:\n"
	"  -4                 use IPv4\n"
	"  -b                 allow pinging broadcast\n"
	"  -R                 record route\n"
	"  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n"
	"\n"
	"IPv6 options:\n"
	"  -6                 use IPv6\n"
	"  -F <flowlabel>     define flow label, default is random\n"
	"  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"
	"\n"
	"For more details see ping(8).\n";

/**
 * struct ping_state - one ping run: options, counters and clocks
 *
 * Times in microseconds unless named _ms.  Sequence numbers are 16 bits
 * on the wire; @ntransmitted counts on.
 */
struct ping_state {
	/* options */
	long npackets; /* -c; 0: until stopped */
	int interval_ms; /* -i */
	int lingertime_ms; /* -W */
	long deadline; /* -w, seconds */
	int datalen; /* -s */
	int ttl; /* -t; -1: default */
	int pmtudisc; /* -M; -1: default */
	const char *device; /* -I dev */
	int have_source; /* -I addr */
	int quiet, ptimeofday;
	int audible; /* -a: a bell after each reply line */
	int flood; /* -f: "." a probe, "\b \b" a reply, no lines */
	int broadcast; /* -b */
	int outstanding; /* -O */
	const char *pattern; /* -p */
	int preload; /* -l */
	int sndbuf; /* -S; 0: sized from the packet */
	int tos; /* -Q */
	int rroute; /* -R */
	int timestamp, ts_type; /* -T */
	int sourceroute; /* more than one destination */
	int nroute;
	uint32_t route[10];
	int optlen; /* IP option bytes each probe carries */
	int dontroute; /* -r */
	int numeric; /* -n, or a numeric destination */
	int adaptive; /* -A */
	int strictsource; /* -B, -I addr */
	int latency; /* -U */
	int interval_given; /* -i */
	long rtt_addend; /* us added to the adaptive interval */
	int opt_mark; /* -m */
	uint32_t mark;

	/* the run */
	const char *hostname;
	struct sockaddr_in whereto, source;
	int fd, raw;
	int multicast; /* a broadcast or multicast destination */
	uint16_t ident;
	int timing;
	uint8_t outpack[MAXPACKET];

	long ntransmitted, nreceived, nrepeats, nchecksum, nerrors;
	long tmin, tmax;
	long long tsum, tsum2;
	long rtt; /* smoothed, scaled by 8 */
	int pipesize;
	uint16_t acked;
	uint8_t rcvd_tbl[MAX_DUP_CHK / 8];

	struct timespec start_time, cur_time; /* CLOCK_MONOTONIC */
	long tokens; /* ms; long: -i may be near INT_MAX ms */
	int exit_scheduled;
	struct timespec exit_at, deadline_at;

	/* pr_addr's last answer and pr_options' last route */
	struct sockaddr_in last_sa;
	char addr_buf[NI_MAXHOST * 2 + 4];
	int old_rrlen;
	uint8_t old_rr[MAX_IPOPTLEN];
};

static volatile sig_atomic_t exiting;

static void ping_sigexit(int sig)
{
	(void)sig;
	exiting = 1;
}

/* error(3) as iputils uses it: "ping: message[: strerror]". */
static void __attribute__((format(printf, 3, 4)))
ping_error(int status, int err, const char *fmt, ...)
{
	va_list ap;

	(void)fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_name);
	va_start(ap, fmt);
	/* clang-tidy 14 loses the va_start when a file has two compile
	 * commands (here: the tool and its fuzz build) */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	if (status)
		exit(status);
}

static void __attribute__((noreturn)) ping_usage(void)
{
	fputs(ping_usage_text, stderr);
	exit(2);
}

/* strtol_or_err of iputils: a whole number in [min, max] or exit 1. */
static long ping_strtol(const char *str, long min, long max)
{
	char *end = NULL;
	long num;

	errno = 0;
	if (str && *str) {
		num = strtol(str, &end, 10);
		if (!errno && end != str && !*end) {
			if (num >= min && num <= max)
				return num;
			ping_error(
				1, 0,
				"invalid argument: '%s': out of range: %ld <= value <= %ld",
				str, min, max);
		}
	}
	ping_error(1, errno == ERANGE ? ERANGE : 0, "invalid argument: '%s'",
		   str ? str : "");
	return 0;
}

/*
 * ping_strtod - a number of seconds for -i and -W, as iputils 20221126
 * reads it: an empty string is an error; anything strtod() does not
 * consume whole (nothing at all, trailing garbage, ERANGE) only warns and
 * uses what was read; a result that is not a finite number is an error.
 */
static double ping_strtod(const char *str, const char *what)
{
	char *end = NULL;
	double num;

	if (!*str)
		ping_error(2, 0, "%s: %s", what, str);
	errno = 0;
	num = strtod(str, &end);
	if (errno || end == str || *end) {
		ping_error(0, 0, "option argument contains garbage: %s", end);
		ping_error(0, 0, "this will become fatal error in the future");
	}
	/* Neither infinite, nor NaN, nor too small to be normal. */
	if (fpclassify(num) != FP_NORMAL && fpclassify(num) != FP_ZERO)
		ping_error(2, ERANGE, "%s: %s", what, str);
	return num;
}

/*
 * ping_parse_tos - -Q: decimal, or hex after "0x", truncated to an int as
 * iputils does (so "-1" and "4294967297" are accepted); above 255 refused.
 */
static int ping_parse_tos(const char *str)
{
	const char *digits = str;
	char *end = NULL;
	int base = 10, tos;

	if (str[0] == '0' && (str[1] == 'x' || str[1] == 'X')) {
		digits = str + 2;
		base = 16;
	}
	tos = (int)strtoul(digits, &end, base);
	if (*end)
		ping_error(2, 0, "bad TOS value: %s", str);
	if (tos > 255)
		ping_error(
			2, 0,
			"the decimal value of TOS bits must be in range 0-255: %d",
			tos);
	return tos;
}

static long ts_us_diff(const struct timespec *a, const struct timespec *b)
{
	return (long)(a->tv_sec - b->tv_sec) * 1000000 +
	       (a->tv_nsec - b->tv_nsec) / 1000;
}

static long ts_ms_until(const struct timespec *t)
{
	struct timespec now;
	long us;

	tn_clock_gettime(CLOCK_MONOTONIC, &now);
	us = ts_us_diff(t, &now);
	return us <= 0 ? 0 : (us + 999) / 1000;
}

static int ts_passed(const struct timespec *t)
{
	struct timespec now;

	tn_clock_gettime(CLOCK_MONOTONIC, &now);
	return ts_us_diff(&now, t) >= 0;
}

static void ts_add_ms(struct timespec *t, long ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (ms % 1000) * 1000000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

/* ---- sequence bookkeeping, as iputils keeps it ---- */

static int rcvd_test(struct ping_state *ps, uint16_t seq)
{
	unsigned int bit = seq % MAX_DUP_CHK;

	return (ps->rcvd_tbl[bit >> 3] & (1u << (bit & 7))) != 0;
}

static void rcvd_set(struct ping_state *ps, uint16_t seq)
{
	unsigned int bit = seq % MAX_DUP_CHK;

	ps->rcvd_tbl[bit >> 3] |= (uint8_t)(1u << (bit & 7));
}

static void rcvd_clear(struct ping_state *ps, uint16_t seq)
{
	unsigned int bit = seq % MAX_DUP_CHK;

	ps->rcvd_tbl[bit >> 3] &= (uint8_t) ~(1u << (bit & 7));
}

static int in_flight(const struct ping_state *ps)
{
	uint16_t diff = (uint16_t)ps->ntransmitted - ps->acked;

	return diff <= 0x7fff ? diff : 0;
}

/* A reply or an error for @seq came back: it is no longer in flight. */
static void acknowledge(struct ping_state *ps, uint16_t seq)
{
	uint16_t diff = (uint16_t)ps->ntransmitted - seq;

	if (diff <= 0x7fff) {
		if ((int)diff + 1 > ps->pipesize)
			ps->pipesize = (int)diff + 1;
		if ((int16_t)(seq - ps->acked) > 0 ||
		    (uint16_t)ps->ntransmitted - ps->acked > 0x7fff)
			ps->acked = seq;
	}
}

static void advance_ntransmitted(struct ping_state *ps)
{
	ps->ntransmitted++;
	/* Invalidate the slot a wrapped sequence number reuses. */
	if ((uint16_t)ps->ntransmitted - ps->acked > 0x7fff)
		ps->acked = (uint16_t)ps->ntransmitted + 1;
}

static void print_timestamp(const struct ping_state *ps)
{
	struct timespec ts;

	if (!ps->ptimeofday)
		return;
	tn_clock_gettime(CLOCK_REALTIME, &ts);
	printf("[%lu.%06lu] ", (unsigned long)ts.tv_sec,
	       (unsigned long)(ts.tv_nsec / 1000));
}

/*
 * pr_addr - an address as iputils prints it: "name (address)" from a
 * reverse lookup (getnameinfo gives the address itself when there is no
 * name), or the address alone with -n, for a numeric destination, or once
 * stopping.  The last answer is kept.
 */
static const char *pr_addr(struct ping_state *ps, const struct sockaddr_in *sa)
{
	char name[NI_MAXHOST] = "", address[NI_MAXHOST] = "";

	if (ps->addr_buf[0] &&
	    ps->last_sa.sin_addr.s_addr == sa->sin_addr.s_addr)
		return ps->addr_buf;
	memset(&ps->last_sa, 0, sizeof(ps->last_sa));
	ps->last_sa.sin_family = AF_INET;
	ps->last_sa.sin_addr = sa->sin_addr;
	getnameinfo((const struct sockaddr *)&ps->last_sa, sizeof(ps->last_sa),
		    address, sizeof(address), NULL, 0, NI_IDN | NI_NUMERICHOST);
	if (!exiting && !ps->numeric)
		getnameinfo((const struct sockaddr *)&ps->last_sa,
			    sizeof(ps->last_sa), name, sizeof(name), NULL, 0,
			    NI_IDN);
	if (*name)
		(void)snprintf(ps->addr_buf, sizeof(ps->addr_buf), "%s (%s)",
			       name, address);
	else
		(void)snprintf(ps->addr_buf, sizeof(ps->addr_buf), "%s",
			       address);
	return ps->addr_buf;
}

static void pr_addr_u32(struct ping_state *ps, uint32_t address)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	sin.sin_addr.s_addr = address;
	if (address == 0)
		printf("\t0.0.0.0");
	else
		printf("\t%s", pr_addr(ps, &sin));
}

/*
 * pr_options - the IP options of a reply, as iputils prints them: record
 * route (or "(same route)" when it did not change), timestamps (the first
 * absolute, the others as differences), source routes.  @hlen is the
 * header length they came with: 20 + their length.
 */
/* Source route (@cp at its type): the addresses in it. */
static void pr_srr_option(struct ping_state *ps, const uint8_t *cp)
{
	int j;

	printf("\n%cSRR: ", *cp == IPOPT_SSRR ? 'S' : 'L');
	j = cp[1];
	cp += 2;
	if (j <= IPOPT_MINOFF)
		return;
	for (;;) {
		uint32_t address;

		memcpy(&address, cp, 4);
		cp += 4;
		pr_addr_u32(ps, address);
		j -= 4;
		putchar('\n');
		if (j <= IPOPT_MINOFF)
			break;
	}
}

/* Record route: the hops, or "(same route)" as the reply before. */
static void pr_rr_option(struct ping_state *ps, const uint8_t *cp)
{
	int j = cp[1]; /* length */
	int i = cp[2]; /* pointer */

	cp += 2;
	if (i > j)
		i = j;
	i -= IPOPT_MINOFF;
	if (i <= 0)
		return;
	if (i == ps->old_rrlen && !memcmp(cp, ps->old_rr, (size_t)i)) {
		printf("\t(same route)");
		return;
	}
	ps->old_rrlen = i;
	memcpy(ps->old_rr, cp, (size_t)i);
	printf("\nRR: ");
	cp++;
	for (;;) {
		uint32_t address;

		memcpy(&address, cp, 4);
		cp += 4;
		pr_addr_u32(ps, address);
		i -= 4;
		putchar('\n');
		if (i <= 0)
			break;
	}
}

/* One timestamp, absolute the first time, relative to the last after. */
static void pr_ts_stamp(long l, long *stdtime, long *nonstdtime)
{
	if (l & 0x80000000) {
		if (*nonstdtime == 0)
			printf("\t%ld absolute not-standard", l & 0x7fffffff);
		else
			printf("\t%ld not-standard",
			       (l & 0x7fffffff) - *nonstdtime);
		*nonstdtime = l & 0x7fffffff;
	} else {
		if (*stdtime == 0)
			printf("\t%ld absolute", l);
		else
			printf("\t%ld", l - *stdtime);
		*stdtime = l;
	}
}

/* Timestamp: the stamps, with the addresses unless TS only. */
static void pr_ts_option(struct ping_state *ps, const uint8_t *cp)
{
	long stdtime = 0, nonstdtime = 0;
	int j = cp[1]; /* length */
	int i = cp[2]; /* pointer */
	uint8_t flags;

	cp += 2;
	if (i > j)
		i = j;
	i -= 5;
	if (i <= 0)
		return;
	flags = *++cp;
	printf("\nTS: ");
	cp++;
	for (;;) {
		long l;

		if ((flags & 0xF) != IPOPT_TS_TSONLY) {
			uint32_t address;

			memcpy(&address, cp, 4);
			cp += 4;
			pr_addr_u32(ps, address);
			i -= 4;
			if (i <= 0)
				break;
		}
		l = *cp++;
		l = (l << 8) + *cp++;
		l = (l << 8) + *cp++;
		l = (l << 8) + *cp++;
		pr_ts_stamp(l, &stdtime, &nonstdtime);
		i -= 4;
		putchar('\n');
		if (i <= 0)
			break;
	}
	if (flags >> 4)
		printf("Unrecorded hops: %d\n", flags >> 4);
}

static void pr_options(struct ping_state *ps, const uint8_t *optptr, int hlen)
{
	int totlen = hlen - (int)sizeof(struct iphdr);

	while (totlen > 0) {
		int olen;

		if (*optptr == IPOPT_EOL)
			break;
		if (*optptr == IPOPT_NOP) {
			totlen--;
			optptr++;
			printf("\nNOP");
			continue;
		}
		olen = optptr[1];
		if (olen < 2 || olen > totlen)
			break;
		switch (*optptr) {
		case IPOPT_SSRR:
		case IPOPT_LSRR:
			pr_srr_option(ps, optptr);
			break;
		case IPOPT_RR:
			pr_rr_option(ps, optptr);
			break;
		case IPOPT_TS:
			pr_ts_option(ps, optptr);
			break;
		default:
			printf("\nunknown option %x", *optptr);
			break;
		}
		totlen -= olen;
		optptr += olen;
	}
}

/* ---- errors from the socket's error queue (IP_RECVERR) ---- */

/**
 * receive_error_msg - report what the error queue holds
 * @ps: the run
 *
 * Return: the number of network errors (an ICMP error for one of our
 * probes), minus the number of local ones, or 0 if there was nothing of
 * ours.  errno is kept.
 */
static int receive_error_msg(struct ping_state *ps)
{
	int saved_errno = errno, net_errors = 0, local_errors = 0;
	char cbuf[512];
	struct icmphdr icmph;
	struct sockaddr_in target;
	struct iovec iov = { &icmph, sizeof(icmph) };
	struct msghdr msg = { 0 };
	struct sock_extended_err *e = NULL;
	struct cmsghdr *cmsg;
	ssize_t res;

	msg.msg_name = &target;
	msg.msg_namelen = sizeof(target);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	res = tn_recvmsg(ps->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
	if (res < 0) {
		/* Nothing queued: a local error the stack did not queue
		 * (a datagram over 64 KiB), silent as in iputils. */
		if (errno == EAGAIN || errno == EINTR)
			local_errors++;
		goto out;
	}
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg))
		if (cmsg->cmsg_level == SOL_IP && cmsg->cmsg_type == IP_RECVERR)
			e = (struct sock_extended_err *)CMSG_DATA(cmsg);
	if (!e)
		goto out;

	if (e->ee_origin == SO_EE_ORIGIN_LOCAL) {
		local_errors++;
		ps->nerrors++;
		if (ps->quiet)
			goto out;
		if (e->ee_errno == EMSGSIZE)
			ping_error(0, 0,
				   "local error: message too long, mtu=%u",
				   e->ee_info);
		else
			ping_error(0, 0, "local error: %s",
				   strerror((int)e->ee_errno));
	} else if (e->ee_origin == SO_EE_ORIGIN_ICMP) {
		struct sockaddr_in *sin = (struct sockaddr_in *)(e + 1);
		uint16_t seq;

		if ((size_t)res < sizeof(icmph) ||
		    target.sin_addr.s_addr != ps->whereto.sin_addr.s_addr ||
		    icmph.type != ICMP_ECHO ||
		    (ps->raw && icmph.un.echo.id != htons(ps->ident))) {
			/* Not our error, not an error at all: clear. */
			saved_errno = 0;
			goto out;
		}
		seq = ntohs(icmph.un.echo.sequence);
		acknowledge(ps, seq);
		net_errors++;
		ps->nerrors++;
		if (ps->quiet)
			goto out;
		print_timestamp(ps);
		printf("From %s icmp_seq=%u ", pr_addr(ps, sin), seq);
		ping_print_icmp(e->ee_type, e->ee_code, e->ee_info);
		(void)fflush(stdout);
	}
out:
	errno = saved_errno;
	return net_errors ? net_errors : -local_errors;
}

/* ---- sending ---- */

static int send_probe(struct ping_state *ps)
{
	struct icmphdr *icp = (struct icmphdr *)ps->outpack;
	size_t cc = (size_t)ps->datalen + 8;
	ssize_t i;

	/* Longer than any IP datagram: the socket layer refuses it with
	 * EMSGSIZE before reading a byte, so it was never built. */
	if (cc > sizeof(ps->outpack)) {
		errno = EMSGSIZE;
		return -1;
	}

	icp->type = ICMP_ECHO;
	icp->code = 0;
	icp->checksum = 0;
	icp->un.echo.sequence = htons((uint16_t)(ps->ntransmitted + 1));
	icp->un.echo.id = htons(ps->ident);
	rcvd_clear(ps, (uint16_t)(ps->ntransmitted + 1));
	/*
	 * The send time: with -U (user-to-user latency) taken before the
	 * checksum is computed, else as late as can be, after it (as
	 * iputils; the packet is the same).
	 */
	if (ps->timing) {
		struct timespec now;
		struct timeval tv;

		if (ps->latency)
			tn_clock_gettime(CLOCK_REALTIME, &now);
		else
			memset(icp + 1, 0, sizeof(tv));
		if (!ps->latency) {
			icp->checksum = htons(ping_checksum(icp, cc));
			tn_clock_gettime(CLOCK_REALTIME, &now);
		}
		tv.tv_sec = now.tv_sec;
		tv.tv_usec = now.tv_nsec / 1000;
		memcpy(icp + 1, &tv, sizeof(tv));
		icp->checksum = 0;
	}
	icp->checksum = htons(ping_checksum(icp, cc));
	i = tn_sendto(ps->fd, icp, cc, 0, (struct sockaddr *)&ps->whereto,
		      sizeof(ps->whereto));
	return i == (ssize_t)cc ? 0 : (i < 0 ? -1 : 1);
}

/*
 * pinger - send the probe that is due
 *
 * Return: milliseconds until the next one is due; iputils' token bucket,
 * so a late wake-up does not slow the rate.
 */
static int pinger(struct ping_state *ps)
{
	struct timespec now;
	int i;

	if (exiting ||
	    (ps->npackets && ps->ntransmitted >= ps->npackets && !ps->deadline))
		return 1000;

	tn_clock_gettime(CLOCK_MONOTONIC, &now);
	/* packets sent <= rate * time + preload */
	if (ps->cur_time.tv_sec == 0 && ps->cur_time.tv_nsec == 0) {
		ps->cur_time = now;
		ps->tokens = (long)ps->interval_ms * (ps->preload - 1);
	} else {
		long ntokens = ts_us_diff(&now, &ps->cur_time) / 1000;

		/* no interval: without replies, 100 probes a second */
		if (!ps->interval_ms && ntokens < MININTERVAL &&
		    in_flight(ps) >= ps->preload)
			return (int)(MININTERVAL - ntokens);
		ntokens += ps->tokens;
		if (ntokens > (long)ps->interval_ms * ps->preload)
			ntokens = (long)ps->interval_ms * ps->preload;
		if (ntokens < ps->interval_ms)
			return (int)(ps->interval_ms - ntokens);
		ps->cur_time = now;
		ps->tokens = ntokens - ps->interval_ms;
	}

	if (ps->outstanding && ps->ntransmitted > 0 &&
	    !rcvd_test(ps, (uint16_t)ps->ntransmitted)) {
		print_timestamp(ps);
		printf("no answer yet for icmp_seq=%ld\n",
		       ps->ntransmitted % MAX_DUP_CHK);
		(void)fflush(stdout);
	}

	i = send_probe(ps);
	if (i == 0) {
		advance_ntransmitted(ps);
		if (ps->flood && !ps->quiet) {
			(void)fputs(".", stdout);
			(void)fflush(stdout);
		}
		return (int)(ps->interval_ms - ps->tokens);
	}
	if (i < 0 && errno == EAGAIN) {
		ps->tokens += ps->interval_ms;
		return 10;
	}
	if (i < 0) {
		i = receive_error_msg(ps);
		if (i > 0)
			i = 0;
		else if (!errno)
			i = -1;
	}
	/* A hard local error: count the probe as sent. */
	advance_ntransmitted(ps);
	if (i == 0 && !ps->quiet)
		ping_error(0, errno, "sendmsg");
	ps->tokens = 0;
	return ps->interval_ms;
}

/* After the last probe, wait for late replies, then stop. */
static int schedule_exit(struct ping_state *ps, int next)
{
	long waittime_us;

	if (!(ps->npackets && ps->ntransmitted >= ps->npackets &&
	      !ps->deadline))
		return next;
	if (ps->exit_scheduled)
		return next;
	if (ps->nreceived) {
		waittime_us = 2 * ps->tmax;
		if (waittime_us < 1000L * ps->interval_ms)
			waittime_us = 1000L * ps->interval_ms;
	} else {
		waittime_us = 1000L * ps->lingertime_ms;
	}
	if (next < 0 || next < waittime_us / 1000)
		next = (int)(waittime_us / 1000);
	tn_clock_gettime(CLOCK_MONOTONIC, &ps->exit_at);
	ps->exit_at.tv_sec += waittime_us / 1000000;
	ps->exit_at.tv_nsec += (waittime_us % 1000000) * 1000;
	if (ps->exit_at.tv_nsec >= 1000000000) {
		ps->exit_at.tv_sec++;
		ps->exit_at.tv_nsec -= 1000000000;
	}
	ps->exit_scheduled = 1;
	return next;
}

/* ---- receiving ---- */

static void print_rtt(long triptime)
{
	if (triptime >= 100000 - 50)
		printf(" time=%ld ms", (triptime + 500) / 1000);
	else if (triptime >= 10000 - 5)
		printf(" time=%ld.%01ld ms", (triptime + 50) / 1000,
		       ((triptime + 50) % 1000) / 100);
	else if (triptime >= 1000)
		printf(" time=%ld.%02ld ms", (triptime + 5) / 1000,
		       ((triptime + 5) % 1000) / 10);
	else
		printf(" time=%ld.%03ld ms", triptime / 1000, triptime % 1000);
}

/* The most a round trip may count: a reply can carry any send time. */
#define RTT_MAX_US (1000000LL * INT_MAX)

static long long sat_add(long long a, long long b)
{
	long long r;

	return __builtin_add_overflow(a, b, &r) ? LLONG_MAX : r;
}

/* rcv - sent in microseconds, in [0, RTT_MAX_US] whatever @sent holds. */
static long rtt_us(const struct timeval *rcv, const struct timeval *sent)
{
	long long sec, usec;

	if (__builtin_sub_overflow((long long)rcv->tv_sec,
				   (long long)sent->tv_sec, &sec) ||
	    sec < -1 || sec > INT_MAX)
		return sec < 0 ? 0 : RTT_MAX_US;
	usec = sec * 1000000 + ((long long)rcv->tv_usec % 1000000) -
	       ((long long)sent->tv_usec % 1000000);
	if (usec < 0)
		return 0;
	return usec > RTT_MAX_US ? RTT_MAX_US : (long)usec;
}

/* -A: the interval follows the smoothed round trip time. */
static void update_interval(struct ping_state *ps)
{
	long est = ps->rtt ? ps->rtt / 8 : (long)ps->interval_ms * 1000;

	ps->interval_ms = (int)((est + ps->rtt_addend + 500) / 1000);
	if (getuid() != 0 && ps->interval_ms < MIN_USER_INTERVAL)
		ps->interval_ms = MIN_USER_INTERVAL;
}

/*
 * An echo reply of @cc bytes (ICMP header on) arrived at @rcv.
 * Return: 0 when its line is open for the options and the newline.
 */
static int gather_statistics(struct ping_state *ps, const uint8_t *icmph,
			     int cc, uint16_t seq, int hops, int csfailed,
			     const struct timeval *rcv, const char *from)
{
	long triptime = 0;
	int dupflag;

	ps->nreceived++;
	if (!csfailed)
		acknowledge(ps, seq);
	if (ps->timing && cc >= (int)(8 + sizeof(struct timeval))) {
		struct timeval sent;

		memcpy(&sent, icmph + 8, sizeof(sent));
		triptime = rtt_us(rcv, &sent);
		if (!csfailed) {
			ps->tsum = sat_add(ps->tsum, triptime);
			ps->tsum2 = sat_add(ps->tsum2,
					    triptime > RTT_MAX_US / 1000
						    ? LLONG_MAX
						    : (long long)triptime *
							      triptime);
			if (triptime < ps->tmin)
				ps->tmin = triptime;
			if (triptime > ps->tmax)
				ps->tmax = triptime;
			if (!ps->rtt)
				ps->rtt = triptime * 8;
			else
				ps->rtt += triptime - ps->rtt / 8;
			if (ps->adaptive)
				update_interval(ps);
		}
	}
	if (csfailed) {
		ps->nchecksum++;
		ps->nreceived--;
		dupflag = 0;
	} else if (rcvd_test(ps, seq)) {
		ps->nrepeats++;
		ps->nreceived--;
		dupflag = 1;
	} else {
		rcvd_set(ps, seq);
		dupflag = 0;
	}
	if (ps->quiet)
		return 1;
	if (ps->flood) {
		(void)fputs(csfailed ? "\bC" : "\b \b", stdout);
		return 0;
	}
	print_timestamp(ps);
	printf("%d bytes from %s: icmp_seq=%u", cc, from, seq);
	if (hops >= 0)
		printf(" ttl=%d", hops);
	if (cc < (long)ps->datalen + 8) {
		printf(" (truncated)\n");
		return 1;
	}
	if (ps->timing)
		print_rtt(triptime);
	if (dupflag && !ps->multicast)
		printf(" (DUP!)");
	if (csfailed)
		printf(" (BAD CHECKSUM!)");
	return 0;
}

/* Looks at one datagram; returns 1 if it was not ours. */
static int parse_reply(struct ping_state *ps, struct msghdr *msg, int cc,
		       const struct timeval *rcv)
{
	const struct sockaddr_in *from = msg->msg_name;
	uint8_t *buf = msg->msg_iov->iov_base;
	struct icmphdr *icp;
	struct cmsghdr *cmsg;
	int hops = -1, csfailed = 0, olen = 0;
	const uint8_t *opts = buf;

	if (ps->raw) {
		const struct iphdr *ip = (const struct iphdr *)buf;
		int hlen;

		if (cc < (int)sizeof(*ip))
			return 1;
		hlen = ip->ihl * 4;
		if (cc < hlen + 8 || ip->ihl < 5)
			return 1;
		hops = ip->ttl;
		opts = buf + sizeof(struct iphdr);
		olen = hlen - (int)sizeof(struct iphdr);
		buf += hlen;
		cc -= hlen;
		csfailed = ping_checksum(buf, (size_t)cc) != 0;
	} else {
		for (cmsg = CMSG_FIRSTHDR(msg); cmsg;
		     cmsg = CMSG_NXTHDR(msg, cmsg)) {
			if (cmsg->cmsg_level != SOL_IP)
				continue;
			if (cmsg->cmsg_type == IP_TTL &&
			    cmsg->cmsg_len >= CMSG_LEN(sizeof(int))) {
				memcpy(&hops, CMSG_DATA(cmsg), sizeof(int));
			} else if (cmsg->cmsg_type == IP_RETOPTS) {
				/* iputils takes cmsg_len as their length:
				 * the EOL padding ends them first */
				opts = CMSG_DATA(cmsg);
				olen = (int)cmsg->cmsg_len;
			}
		}
		if (cc < 8)
			return 1;
	}
	icp = (struct icmphdr *)buf;

	if (icp->type == ICMP_ECHOREPLY) {
		if (ps->raw && icp->un.echo.id != htons(ps->ident))
			return 1;
		/* Anyone on the link may answer a broadcast. */
		if (!ps->multicast &&
		    from->sin_addr.s_addr != ps->whereto.sin_addr.s_addr)
			return 1;
		if (gather_statistics(ps, buf, cc, ntohs(icp->un.echo.sequence),
				      hops, csfailed, rcv, pr_addr(ps, from))) {
			(void)fflush(stdout);
			return 0;
		}
		if (!ps->flood)
			pr_options(ps, opts, olen + (int)sizeof(struct iphdr));
		if (ps->audible)
			putchar('\a');
		if (!ps->flood)
			putchar('\n');
		(void)fflush(stdout);
		return 0;
	}
	if (ps->raw && (icp->type == ICMP_DEST_UNREACH ||
			icp->type == ICMP_TIME_EXCEEDED ||
			icp->type == ICMP_PARAMETERPROB)) {
		/* Errors about our probes are reported from the error queue;
		 * here they only stop being in flight. */
		const struct iphdr *iph = (const struct iphdr *)(icp + 1);
		const struct icmphdr *icp1;

		if (cc < 8 + (int)sizeof(*iph) + 8 || cc < 8 + iph->ihl * 4 + 8)
			return 1;
		icp1 = (const struct icmphdr *)((const uint8_t *)iph +
						(size_t)iph->ihl * 4);
		if (icp1->type != ICMP_ECHO ||
		    iph->daddr != ps->whereto.sin_addr.s_addr ||
		    icp1->un.echo.id != htons(ps->ident))
			return 1;
		acknowledge(ps, ntohs(icp1->un.echo.sequence));
		return 0;
	}
	return 1;
}

static long llsqrt(long long a)
{
	long long prev = LLONG_MAX, x = a;

	if (x > 0) {
		while (x < prev) {
			prev = x;
			x = (x + a / x) / 2;
		}
	}
	return (long)x;
}

/* Prints the statistics; returns the exit code. */
static int finish(struct ping_state *ps)
{
	long elapsed_us = ts_us_diff(&ps->cur_time, &ps->start_time);
	const char *comma = "";

	if (ps->cur_time.tv_sec == 0 && ps->cur_time.tv_nsec == 0)
		elapsed_us = 0;
	putchar('\n');
	(void)fflush(stdout);
	printf("--- %s ping statistics ---\n", ps->hostname);
	printf("%ld packets transmitted, ", ps->ntransmitted);
	printf("%ld received", ps->nreceived);
	if (ps->nrepeats)
		printf(", +%ld duplicates", ps->nrepeats);
	if (ps->nchecksum)
		printf(", +%ld corrupted", ps->nchecksum);
	if (ps->nerrors)
		printf(", +%ld errors", ps->nerrors);
	if (ps->ntransmitted) {
		printf(", %g%% packet loss",
		       (float)((double)(ps->ntransmitted - ps->nreceived) *
			       100.0 / (double)ps->ntransmitted));
		printf(", time %ldms", (elapsed_us + 500) / 1000);
	}
	putchar('\n');

	if (ps->nreceived && ps->timing) {
		long total = ps->nreceived + ps->nrepeats;
		long tmavg = (long)(ps->tsum / total);
		long long tmvar;
		long tmdev;

		if (ps->tsum < INT_MAX)
			tmvar = (ps->tsum2 - ((ps->tsum * ps->tsum) / total)) /
				total;
		else
			tmvar = (ps->tsum2 / total) - (long long)tmavg * tmavg;
		tmdev = llsqrt(tmvar);
		printf("rtt min/avg/max/mdev = %ld.%03ld/%lu.%03ld/%ld.%03ld/%ld.%03ld ms",
		       ps->tmin / 1000, ps->tmin % 1000,
		       (unsigned long)(tmavg / 1000), tmavg % 1000,
		       ps->tmax / 1000, ps->tmax % 1000, tmdev / 1000,
		       tmdev % 1000);
		comma = ", ";
	}
	if (ps->pipesize > 1) {
		printf("%spipe %d", comma, ps->pipesize);
		comma = ", ";
	}
	/* Back to back probes: the gap between them and the smoothed rtt. */
	if (ps->nreceived && (!ps->interval_ms || ps->adaptive) &&
	    ps->ntransmitted > 1) {
		long ipg = elapsed_us / (ps->ntransmitted - 1);

		printf("%sipg/ewma %ld.%03ld/%ld.%03ld ms", comma, ipg / 1000,
		       ipg % 1000, ps->rtt / 8000, (ps->rtt / 8) % 1000);
	}
	putchar('\n');
	(void)fflush(stdout);
	return !ps->nreceived || (ps->deadline && ps->nreceived < ps->npackets);
}

/* Reads everything queued on the socket. */
static void drain(struct ping_state *ps, int recv_error)
{
	uint8_t packet[MAXPACKET + MAXIPLEN];
	char cbuf[512];
	struct sockaddr_in from;

	for (;;) {
		struct iovec iov = { .iov_len = sizeof(packet) };
		struct msghdr msg = { 0 };
		struct timeval rcv, *rcvp = NULL;
		struct cmsghdr *cmsg;
		ssize_t cc;

		iov.iov_base = packet;
		msg.msg_name = &from;
		msg.msg_namelen = sizeof(from);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		/* pr_options may read past IP_RETOPTS (see parse_reply) */
		memset(cbuf, 0, sizeof(cbuf));
		cc = tn_recvmsg(ps->fd, &msg, MSG_DONTWAIT);
		if (cc < 0) {
			if ((errno == EAGAIN && !recv_error) || errno == EINTR)
				break;
			recv_error = 0;
			if (!receive_error_msg(ps) && errno) {
				ping_error(0, errno, "recvmsg");
				break;
			}
		} else {
			for (cmsg = CMSG_FIRSTHDR(&msg); cmsg;
			     cmsg = CMSG_NXTHDR(&msg, cmsg)) {
				if (cmsg->cmsg_level == SOL_SOCKET &&
				    cmsg->cmsg_type == SO_TIMESTAMP &&
				    cmsg->cmsg_len >=
					    CMSG_LEN(sizeof(struct timeval))) {
					memcpy(&rcv, CMSG_DATA(cmsg),
					       sizeof(rcv));
					rcvp = &rcv;
				}
			}
			if (!rcvp) {
				struct timespec now;

				tn_clock_gettime(CLOCK_REALTIME, &now);
				rcv.tv_sec = now.tv_sec;
				rcv.tv_usec = now.tv_nsec / 1000;
			}
			parse_reply(ps, &msg, (int)cc, &rcv);
		}
		if (in_flight(ps) == 0)
			break;
	}
}

static int main_loop(struct ping_state *ps)
{
	for (;;) {
		struct pollfd pfd;
		long wait;
		int next, n;

		if (exiting)
			break;
		if (ps->npackets && ps->nreceived + ps->nerrors >= ps->npackets)
			break;
		if (ps->deadline && ps->nerrors)
			break;
		if (ps->exit_scheduled && ts_passed(&ps->exit_at))
			break;
		if (ps->deadline && ts_passed(&ps->deadline_at))
			break;

		do {
			next = pinger(ps);
			next = schedule_exit(ps, next);
		} while (next <= 0);

		wait = next;
		if (ps->exit_scheduled && ts_ms_until(&ps->exit_at) < wait)
			wait = ts_ms_until(&ps->exit_at);
		if (ps->deadline && ts_ms_until(&ps->deadline_at) < wait)
			wait = ts_ms_until(&ps->deadline_at);
		pfd.fd = ps->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		n = tn_poll(&pfd, 1, (int)wait);
		if (n < 1 || !(pfd.revents & (POLLIN | POLLERR)))
			continue;
		drain(ps, pfd.revents & POLLERR);
	}
	return finish(ps);
}

/* ---- setting up ---- */

static void create_socket(struct ping_state *ps)
{
	ps->fd = tn_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	if (ps->fd < 0 && (errno == EACCES || errno == EAFNOSUPPORT ||
			   errno == EPROTONOSUPPORT)) {
		ps->fd = tn_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		ps->raw = 1;
	}
	if (ps->fd < 0)
		ping_error(2, errno, "socket");
}

/*
 * check_device_source - with -I DEV, is the source the kernel chose one of
 * DEV's own addresses?  If not, warn as iputils does; if it is, and it is
 * the destination too, the ping socket need not stay bound to DEV.
 */
static void check_device_source(struct ping_state *ps,
				const struct sockaddr_in *dst)
{
	struct ifreq ifrs[64] = { 0 }; /* what SIOCGIFCONF does not fill */
	struct ifconf ifc;
	int i, n, found = 0;

	ifc.ifc_len = (int)sizeof(ifrs);
	ifc.ifc_req = ifrs;
	if (tn_ioctl(ps->fd, SIOCGIFCONF, &ifc) < 0)
		ping_error(2, errno, "gatifaddrs failed");
	n = ifc.ifc_len / (int)sizeof(struct ifreq);
	for (i = 0; i < n; i++) {
		const struct sockaddr_in *sin =
			(const struct sockaddr_in *)&ifrs[i].ifr_addr;

		if (sin->sin_family != AF_INET ||
		    strncmp(ifrs[i].ifr_name, ps->device, IFNAMSIZ) ||
		    sin->sin_addr.s_addr != ps->source.sin_addr.s_addr)
			continue;
		found = 1;
		if (sin->sin_addr.s_addr == dst->sin_addr.s_addr)
			tn_setsockopt(ps->fd, SOL_SOCKET, SO_BINDTODEVICE, "",
				      0);
		break;
	}
	if (!found)
		ping_error(
			0, 0,
			"Warning: source address might be selected on device other than: %s",
			ps->device);
}

/*
 * find_source - the address replies will come to: the one a UDP socket
 * connected to the target gets (through @device, if given), unless -I gave
 * one.
 */
static void find_source(struct ping_state *ps)
{
	struct sockaddr_in dst = ps->whereto;
	socklen_t alen = sizeof(ps->source);
	int probe;

	if (ps->device &&
	    tn_setsockopt(ps->fd, SOL_SOCKET, SO_BINDTODEVICE, ps->device,
			  (socklen_t)strlen(ps->device) + 1) < 0)
		ping_error(2, errno, "SO_BINDTODEVICE %s", ps->device);
	if (ps->have_source) {
		if (tn_bind(ps->fd, (struct sockaddr *)&ps->source,
			    sizeof(ps->source)) < 0)
			ping_error(2, errno, "bind");
		return;
	}
	probe = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (probe < 0)
		ping_error(2, errno, "socket");
	/* iputils marks the probe too, with the same warning */
	if (ps->opt_mark && tn_setsockopt(probe, SOL_SOCKET, SO_MARK, &ps->mark,
					  sizeof(ps->mark)) < 0)
		ping_error(0, errno, "WARNING: failed to set mark: %u",
			   ps->mark);
	if (ps->tos &&
	    tn_setsockopt(probe, IPPROTO_IP, IP_TOS, &ps->tos, sizeof(int)) < 0)
		ping_error(0, errno, "warning: QOS sockopts");
	if (ps->nroute)
		dst.sin_addr.s_addr = ps->route[0];
	if (ps->device &&
	    tn_setsockopt(probe, SOL_SOCKET, SO_BINDTODEVICE, ps->device,
			  (socklen_t)strlen(ps->device) + 1) < 0)
		ping_error(2, errno, "SO_BINDTODEVICE %s", ps->device);
	dst.sin_port = htons(1025);
	if (tn_connect(probe, (struct sockaddr *)&dst, sizeof(dst)) < 0) {
		int on = 1;

		if (errno != EACCES)
			ping_error(2, errno, "connect");
		/* A broadcast route: only with SO_BROADCAST, which -b asks. */
		if (!ps->broadcast)
			ping_error(
				2, 0,
				"Do you want to ping broadcast? Then -b. If not, check your local firewall rules");
		(void)fflush(stdout);
		fprintf(stderr, "WARNING: pinging broadcast address\n");
		if (tn_setsockopt(probe, SOL_SOCKET, SO_BROADCAST, &on,
				  sizeof(on)) < 0)
			ping_error(2, errno, "cannot set broadcasting");
		if (tn_connect(probe, (struct sockaddr *)&dst, sizeof(dst)) < 0)
			ping_error(2, errno, "connect");
	}
	if (tn_getsockname(probe, (struct sockaddr *)&ps->source, &alen) < 0)
		ping_error(2, errno, "getsockname");
	ps->source.sin_port = 0;
	if (ps->device)
		check_device_source(ps, &dst);
	tn_close(probe);
	/* -B: replies must come to the source found */
	if (ps->strictsource) {
		if (tn_bind(ps->fd, (struct sockaddr *)&ps->source,
			    sizeof(ps->source)) < 0)
			ping_error(2, errno, "bind");
	} else if (!ps->raw) {
		tn_bind(ps->fd, (struct sockaddr *)&ps->source,
			sizeof(ps->source));
	}
}

/*
 * set_ip_options - -R, -T and a source route, as iputils sets them with
 * IP_OPTIONS; each then takes 40 bytes of every probe's header.
 */
static void set_ip_options(struct ping_state *ps)
{
	uint8_t rspace[3 + 4 * NROUTES + 1];
	int i;

	if (ps->rroute) {
		memset(rspace, 0, sizeof(rspace));
		rspace[0] = IPOPT_NOP;
		rspace[1 + IPOPT_OPTVAL] = IPOPT_RR;
		rspace[1 + IPOPT_OLEN] = sizeof(rspace) - 1;
		rspace[1 + IPOPT_OFFSET] = IPOPT_MINOFF;
		ps->optlen = 40;
		if (tn_setsockopt(ps->fd, IPPROTO_IP, IP_OPTIONS, rspace,
				  sizeof(rspace)) < 0)
			ping_error(2, errno, "record route");
	}
	if (ps->timestamp) {
		memset(rspace, 0, sizeof(rspace));
		rspace[0] = IPOPT_TIMESTAMP;
		rspace[1] = ps->ts_type == IPOPT_TS_TSONLY ? 40 : 36;
		rspace[2] = 5;
		rspace[3] = (uint8_t)ps->ts_type;
		if (ps->ts_type == IPOPT_TS_PRESPEC) {
			rspace[1] = (uint8_t)(4 + ps->nroute * 8);
			for (i = 0; i < ps->nroute; i++)
				memcpy(&rspace[4 + i * 8], &ps->route[i], 4);
		}
		if (tn_setsockopt(ps->fd, IPPROTO_IP, IP_OPTIONS, rspace,
				  rspace[1]) < 0) {
			rspace[3] = 2;
			if (tn_setsockopt(ps->fd, IPPROTO_IP, IP_OPTIONS,
					  rspace, rspace[1]) < 0)
				ping_error(2, errno, "ts option");
		}
		ps->optlen = 40;
	}
	/*
	 * More than one destination: iputils asks for a loose source route
	 * after it has given up CAP_NET_RAW, which Linux 6.18 requires for
	 * one, so it always fails there; this ping fails the same way
	 * rather than send what iputils cannot.
	 */
	if (ps->sourceroute)
		ping_error(2, EPERM, "record route");
}

static void setup_socket(struct ping_state *ps)
{
	int on = 1;

	if (tn_setsockopt(ps->fd, SOL_IP, IP_RECVERR, &on, sizeof(on)) < 0)
		ping_error(0, errno,
			   "WARNING: your kernel is veeery old. No problems.");
	if (ps->broadcast && tn_setsockopt(ps->fd, SOL_SOCKET, SO_BROADCAST,
					   &on, sizeof(on)) < 0)
		ping_error(2, errno, "cannot set broadcasting");
	if (ps->ttl >= 0 && tn_setsockopt(ps->fd, IPPROTO_IP, IP_TTL, &ps->ttl,
					  sizeof(ps->ttl)) < 0)
		ping_error(2, errno, "cannot set unicast time-to-live");
	if (ps->pmtudisc >= 0 &&
	    tn_setsockopt(ps->fd, SOL_IP, IP_MTU_DISCOVER, &ps->pmtudisc,
			  sizeof(ps->pmtudisc)) < 0)
		ping_error(2, errno, "IP_MTU_DISCOVER");
	if (ps->tos && tn_setsockopt(ps->fd, SOL_IP, IP_TOS, &ps->tos,
				     sizeof(ps->tos)) < 0)
		ping_error(2, errno, "setsockopt");
	if (!ps->raw) {
		tn_setsockopt(ps->fd, SOL_IP, IP_RECVTTL, &on, sizeof(on));
		/* the options of replies, -R's and -T's */
		tn_setsockopt(ps->fd, SOL_IP, IP_RETOPTS, &on, sizeof(on));
	}
	set_ip_options(ps);
	/* -r: only hosts on a directly connected network */
	if (ps->dontroute)
		tn_setsockopt(ps->fd, SOL_SOCKET, SO_DONTROUTE, &on,
			      sizeof(on));
	tn_setsockopt(ps->fd, SOL_SOCKET, SO_TIMESTAMP, &on, sizeof(on));
}

/* x as a 32-bit int would hold it (two's complement wrap-around). */
static long long wrap32(long long x)
{
	return (int32_t)(uint32_t)(uint64_t)x;
}

/*
 * set_socket_buffers - SO_SNDBUF (-S, or room for one probe) and SO_RCVBUF
 * (room for -l probes' replies, at least 64 KiB), and the warning iputils
 * gives when the stack grants less.  iputils computes in int: so do we,
 * with the wrap-around made explicit.
 */
static void set_socket_buffers(struct ping_state *ps)
{
	long long len = wrap32((long long)ps->datalen + 8), alloc, rcvbuf;
	int sndbuf, hold;
	socklen_t hlen = sizeof(hold);

	/* Per 512 bytes of data: headers and skb overhead. */
	alloc = wrap32(len + wrap32(wrap32(len + 511) / 512 *
				    (ps->optlen + 20 + 16 + 64 + 160)));
	sndbuf = ps->sndbuf ? ps->sndbuf : (int)alloc;
	tn_setsockopt(ps->fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	rcvbuf = wrap32(alloc * (ps->preload ? ps->preload : 1));
	hold = rcvbuf < 65536 ? 65536 : (int)rcvbuf;
	tn_setsockopt(ps->fd, SOL_SOCKET, SO_RCVBUF, &hold, sizeof(hold));
	if (tn_getsockopt(ps->fd, SOL_SOCKET, SO_RCVBUF, &hold, &hlen) == 0 &&
	    hold < rcvbuf)
		ping_error(
			0, 0,
			"WARNING: probably, rcvbuf is not enough to hold preload");
}

/*
 * fill_pattern - -p: up to 16 hex bytes, repeated over the data (the
 * timestamp area too, until it is stamped); says what it used.
 */
static void fill_pattern(struct ping_state *ps)
{
	unsigned int pat[16];
	uint8_t *bp = ps->outpack + 8;
	const char *cp;
	int n, i;
	size_t k;

	for (cp = ps->pattern; *cp; cp++)
		if (!isxdigit((unsigned char)*cp))
			ping_error(
				2, 0,
				"patterns must be specified as hex digits: %s",
				cp);
	n = sscanf(ps->pattern,
		   "%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x", &pat[0],
		   &pat[1], &pat[2], &pat[3], &pat[4], &pat[5], &pat[6],
		   &pat[7], &pat[8], &pat[9], &pat[10], &pat[11], &pat[12],
		   &pat[13], &pat[14], &pat[15]);
	if (n > 0)
		for (k = 0; k + (size_t)n <= sizeof(ps->outpack) - 8;
		     k += (size_t)n)
			for (i = 0; i < n; i++)
				bp[k + (size_t)i] = (uint8_t)pat[i];
	if (!ps->quiet) {
		printf("PATTERN: 0x");
		for (i = 0; i < n; i++)
			printf("%02x", bp[i]);
		printf("\n");
	}
}

/* getaddrinfo as iputils calls it: IPv4 (no IPv6 here), canonical name */
static struct addrinfo *ping_getaddrinfo(const char *target, int flags)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_DGRAM,
				  .ai_protocol = IPPROTO_UDP,
				  .ai_flags = flags };
	struct addrinfo *res = NULL;
	int ret;

	ret = getaddrinfo(target, NULL, &hints, &res);
	if (ret)
		ping_error(2, 0, "%s: %s", target, gai_strerror(ret));
	return res;
}

/*
 * resolve_targets - the destinations, as iputils takes them: a numeric one
 * as given (and then no reverse lookups when it is the only one), a name
 * through getaddrinfo (/etc/hosts, DNS) shown by its canonical name.
 * Several are a route to the last: only -T tsprespec (up to 4) takes them,
 * or a source route (up to 10); -R and the other -T types refuse them.
 */
static void resolve_targets(struct ping_state *ps, int argc, char **argv)
{
	static char hnamebuf[NI_MAXHOST];
	int flags = AI_CANONNAME | AI_IDN | AI_CANONIDN;
	struct addrinfo *main_ai;
	const char *loc;

	/* iputils drops AI_CANONIDN in the C locale (its first lookup) */
	loc = setlocale(LC_ALL, "");
	main_ai = ping_getaddrinfo(
		argv[argc - 1],
		loc && strcmp(loc, "C") ? flags : flags & ~AI_CANONIDN);
	if (argc > 1) {
		if (ps->rroute)
			ping_usage();
		else if (ps->timestamp) {
			if (ps->ts_type != IPOPT_TS_PRESPEC || argc > 5)
				ping_usage();
		} else {
			if (argc > 10)
				ping_usage();
			ps->sourceroute = 1;
		}
	}
	for (; argc > 0; argc--, argv++) {
		const char *target = *argv;

		memset(&ps->whereto, 0, sizeof(ps->whereto));
		ps->whereto.sin_family = AF_INET;
		if (inet_aton(target, &ps->whereto.sin_addr) == 1) {
			ps->hostname = target;
			if (argc == 1)
				ps->numeric = 1;
		} else {
			struct addrinfo *res = NULL, *ai = main_ai;

			if (argc > 1 || !ai) {
				res = ping_getaddrinfo(target, flags);
				ai = res;
			}
			memcpy(&ps->whereto, ai->ai_addr, sizeof(ps->whereto));
			memset(hnamebuf, 0, sizeof(hnamebuf));
			if (ai->ai_canonname)
				strncpy(hnamebuf, ai->ai_canonname,
					sizeof(hnamebuf) - 1);
			ps->hostname = hnamebuf;
			if (res)
				freeaddrinfo(res);
		}
		if (argc > 1 && ps->nroute < 10)
			ps->route[ps->nroute++] = ps->whereto.sin_addr.s_addr;
	}
	freeaddrinfo(main_ai);
}

/* -M do|dont|want */
static int ping_parse_pmtudisc(const char *arg)
{
	if (!strcmp(arg, "do"))
		return IP_PMTUDISC_DO;
	if (!strcmp(arg, "dont"))
		return IP_PMTUDISC_DONT;
	if (!strcmp(arg, "want"))
		return IP_PMTUDISC_WANT;
	ping_error(2, 0, "invalid -M argument: %s", arg);
	return -1;
}

/* -T tsonly|tsandaddr|tsprespec */
static int ping_parse_ts_type(const char *arg)
{
	if (!strcmp(arg, "tsonly"))
		return IPOPT_TS_TSONLY;
	if (!strcmp(arg, "tsandaddr"))
		return IPOPT_TS_TSANDADDR;
	if (!strcmp(arg, "tsprespec"))
		return IPOPT_TS_PRESPEC;
	ping_error(2, 0, "invalid timestamp type: %s", arg);
	return -1;
}

/* The options that take no argument (and -F, -N); false if @ch is none. */
static bool parse_flag(struct ping_state *ps, int ch)
{
	switch (ch) {
	case 'D':
		ps->ptimeofday = 1;
		break;
	case 'q':
		ps->quiet = 1;
		break;
	case 'b':
		ps->broadcast = 1;
		break;
	case 'O':
		ps->outstanding = 1;
		break;
	case 'r':
		ps->dontroute = 1;
		break;
	case 'n':
		ps->numeric = 1;
		break;
	case 'A':
		ps->adaptive = 1;
		break;
	case 'B':
		ps->strictsource = 1;
		break;
	case 'U':
		ps->latency = 1;
		break;
	case 'a':
		ps->audible = 1;
		break;
	case 'f':
		ps->flood = 1;
		ps->numeric = 1; /* no name looked up while flooding */
		break;
	case 'C':
	case 'd':
	case 'L':
	case 'v':
	case 'F':
	case 'N':
		/* Accepted; not implemented by this ping. */
		break;
	default:
		return false;
	}
	return true;
}

static void parse_options(struct ping_state *ps, int argc, char **argv)
{
	int ch, family = AF_UNSPEC;
	double optval;

	while ((ch = getopt(
			argc, argv,
			"h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:")) !=
	       -1) {
		switch (ch) {
		case '4':
			if (family == AF_INET6)
				ping_error(
					2, 0,
					"only one -4 or -6 option may be specified");
			family = AF_INET;
			break;
		case '6':
			if (family == AF_INET)
				ping_error(
					2, 0,
					"only one -4 or -6 option may be specified");
			family = AF_INET6;
			break;
		case 'c':
			ps->npackets = ping_strtol(optarg, 1, LONG_MAX);
			break;
		case 'i':
			optval = ping_strtod(optarg, "bad timing interval");
			if (optval > (double)(INT_MAX / 1000))
				ping_error(2, 0, "bad timing interval: %s",
					   optarg);
			/* iputils keeps a negative interval; it floods as
			 * 0 does, and any int conversion of it could
			 * overflow. */
			ps->interval_ms = optval < 0 ? 0 : (int)(optval * 1000);
			ps->interval_given = 1;
			break;
		case 'I':
			if (inet_pton(AF_INET, optarg, &ps->source.sin_addr) >
			    0) {
				ps->source.sin_family = AF_INET;
				ps->have_source = 1;
				ps->strictsource = 1;
			} else {
				ps->device = optarg;
			}
			break;
		case 'M':
			ps->pmtudisc = ping_parse_pmtudisc(optarg);
			break;
		case 'p':
			ps->pattern = optarg;
			break;
		case 'l':
			ps->preload = (int)ping_strtol(optarg, 1, MAX_DUP_CHK);
			if (ps->preload > MAXPRELOAD_USER && getuid() != 0)
				ping_error(
					2, 0,
					"cannot set preload to value greater than 3: %d",
					ps->preload);
			break;
		case 'S':
			ps->sndbuf = (int)ping_strtol(optarg, 1, INT_MAX);
			break;
		case 'Q':
			ps->tos = ping_parse_tos(optarg);
			break;
		case 'm':
			ps->mark = (uint32_t)ping_strtol(optarg, 0, UINT32_MAX);
			ps->opt_mark = 1;
			break;
		case 'e':
			/* The identifier: validated, not implemented. */
			ping_strtol(optarg, 0, UINT16_MAX);
			break;
		case 'R':
			if (ps->timestamp)
				ping_error(2, 0,
					   "only one of -T or -R may be used");
			ps->rroute = 1;
			break;
		case 'T':
			if (ps->rroute)
				ping_error(2, 0,
					   "only one of -T or -R may be used");
			ps->timestamp = 1;
			ps->ts_type = ping_parse_ts_type(optarg);
			break;
		case 's':
			ps->datalen = (int)ping_strtol(optarg, 0, INT_MAX);
			break;
		case 't':
			ps->ttl = (int)ping_strtol(optarg, 0, 255);
			break;
		case 'V':
			printf("ping from iputils 20221126\n");
			printf("libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n");
			exit(0);
		case 'w':
			ps->deadline = ping_strtol(optarg, 0, INT_MAX);
			break;
		case 'W':
			optval = ping_strtod(optarg, "bad linger time");
			if (optval < 0 || optval > (double)(INT_MAX / 1000))
				ping_error(2, 0, "bad linger time: %s", optarg);
			ps->lingertime_ms = (int)(optval * 1000);
			break;
		default:
			if (!parse_flag(ps, ch))
				ping_usage();
		}
	}
	if (optind >= argc)
		ping_error(1, EDESTADDRREQ, "usage error");
	/* -f without -i: as fast as replies come, at least 100 a second */
	if (ps->flood && !ps->interval_given)
		ps->interval_ms = 0;
	/* iputils sets the traffic class on its IPv6 socket too, which
	 * refuses anything below -1. */
	if (ps->tos < -1)
		ping_error(2, EINVAL, "setsockopt");
	if (family == AF_INET6)
		ping_error(2, 0, "%s: %s", argv[argc - 1],
			   gai_strerror(EAI_ADDRFAMILY));
}

int main(int argc, char **argv)
{
	static struct ping_state st;
	struct ping_state *ps = &st;
	struct sigaction sa;
	struct timespec seed;
	int i;

	/* From scratch: main() may run more than once in a process (the
	 * tools' fuzz target calls it as a function). */
	memset(ps, 0, sizeof(*ps));
	exiting = 0;
	ps->interval_ms = 1000;
	ps->lingertime_ms = 10000;
	ps->datalen = 64 - 8;
	ps->ttl = -1;
	ps->pmtudisc = -1;
	ps->tmin = LONG_MAX;
	ps->preload = 1;
	parse_options(ps, argc, argv);
	if (ps->pattern)
		fill_pattern(ps);

	create_socket(ps);
	resolve_targets(ps, argc - optind, argv + optind);
	find_source(ps);
	if (ps->whereto.sin_addr.s_addr == 0)
		ps->whereto.sin_addr = ps->source.sin_addr;
	if (ps->broadcast || IN_MULTICAST(ntohl(ps->whereto.sin_addr.s_addr))) {
		ps->multicast = 1;
		if (getuid() != 0) {
			if (ps->interval_ms < 1000)
				ping_error(
					2, 0,
					"broadcast ping with too short interval: %d",
					ps->interval_ms);
			if (ps->pmtudisc >= 0 && ps->pmtudisc != IP_PMTUDISC_DO)
				ping_error(2, 0,
					   "broadcast ping does not fragment");
		}
		/* iputils: a broadcast ping does not fragment. */
		if (ps->pmtudisc < 0)
			ps->pmtudisc = IP_PMTUDISC_DO;
	}
	setup_socket(ps);
	set_socket_buffers(ps);

	ps->timing = ps->datalen >= (int)sizeof(struct timeval);
	if (!ps->pattern)
		for (i = 0; i < ps->datalen && i < MAXPACKET - 8; i++)
			ps->outpack[8 + i] = (uint8_t)i;
	tn_clock_gettime(CLOCK_REALTIME, &seed);
	ps->ident = (uint16_t)(seed.tv_nsec ^ getpid());

	printf("PING %s (%s) ", ps->hostname, inet_ntoa(ps->whereto.sin_addr));
	if (ps->device || ps->strictsource)
		printf("from %s %s: ", inet_ntoa(ps->source.sin_addr),
		       ps->device ? ps->device : "");
	printf("%d(%ld) bytes of data.\n", ps->datalen,
	       (long)ps->datalen + 8 + ps->optlen + 20);
	(void)fflush(stdout);
	if (ps->interval_ms < MIN_USER_INTERVAL && getuid() != 0)
		ping_error(
			2, 0,
			"cannot flood; minimal interval allowed for user is %dms",
			MIN_USER_INTERVAL);
	if (ps->interval_ms >= INT_MAX / ps->preload)
		ping_error(2, 0, "illegal preload and/or interval: %d",
			   ps->interval_ms);
	/* -m: a failure only warns (old kernels had no SO_MARK) */
	if (ps->opt_mark && tn_setsockopt(ps->fd, SOL_SOCKET, SO_MARK,
					  &ps->mark, sizeof(ps->mark)) < 0)
		ping_error(0, errno, "WARNING: failed to set mark: %u",
			   ps->mark);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ping_sigexit;
	sigaction(SIGINT, &sa, NULL);

	tn_clock_gettime(CLOCK_MONOTONIC, &ps->start_time);
	if (ps->deadline) {
		ps->deadline_at = ps->start_time;
		ts_add_ms(&ps->deadline_at, ps->deadline * 1000);
	}
	return main_loop(ps);
}
