/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The benchmark's two sides.  Each side does the same work - UDP datagrams
 * from one network namespace to another over a veth pair, and ICMP echo
 * round trips the same way - one on tuxnet in this process, one on the Linux
 * kernel.  udp_bench.c runs them in turn and prints the figures side by side.
 */
#ifndef TUXNET_BENCH_H
#define TUXNET_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Datagrams sent before the sender drains the receiver, on both sides. */
#define BENCH_BATCH 64
/* Bytes of ICMP echo payload, as ping(8) sends by default. */
#define BENCH_PING_PAYLOAD 56
/* An echo request: the 8-byte ICMP header and the payload. */
#define BENCH_PING_LEN (8 + BENCH_PING_PAYLOAD)
/* Addresses of the two ends: "a" sends, "b" receives and answers pings. */
#define BENCH_ADDR_A "10.0.0.1"
#define BENCH_ADDR_B "10.0.0.2"
#define BENCH_PREFIX 24
#define BENCH_PORT   9
/* UDP GSO figure: segments of one UDP_SEGMENT send (44 x 1472 = 64768). */
#define BENCH_GSO_SEGS 44
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif

/**
 * struct bench_udp_result - one UDP run
 * @secs: wall time from the first send to the last datagram received
 * @received: datagrams the receiver got, of the count sent
 */
struct bench_udp_result {
	double secs;
	long received;
};

/**
 * struct bench_config - what the user chose
 * @virtual_clock: run tuxnet on its virtual clock instead of the real one
 *	(a diagnostic: it shows what reading the time costs the stack)
 */
struct bench_config {
	int virtual_clock;
};

/**
 * struct bench_ops - one side of the comparison
 * @name: "tuxnet" or "linux"
 * @setup: build the namespaces, the veth pair and the sockets as @cfg
 *	says; 0 or -errno, with a reason for the user in @why
 * @teardown: undo @setup (safe to call after a failed @setup)
 * @udp: send @count datagrams of @size bytes of payload from a to b in
 *	batches of BENCH_BATCH, receiving each batch; 0 or -errno
 * @udp_gso: send @count datagrams of @seg bytes of payload as UDP_SEGMENT
 *	sends of @segs segments each (one send: @seg * @segs bytes), the
 *	receiver (without UDP_GRO) taking the segments after each send
 * @ping: @count echo round trips from a to b, one at a time; fills @rtt_ns
 *	with the wall time of each; 0 or -errno
 */
struct bench_ops {
	const char *name;
	int (*setup)(const struct bench_config *cfg, char *why, size_t len);
	void (*teardown)(void);
	int (*udp)(size_t size, long count, struct bench_udp_result *res);
	int (*udp_gso)(size_t seg, int segs, long count,
		       struct bench_udp_result *res);
	int (*ping)(long count, double *rtt_ns);
};

extern const struct bench_ops tuxnet_bench_ops;
extern const struct bench_ops linux_bench_ops;

/* The host's CLOCK_MONOTONIC in nanoseconds: what every figure is timed by. */
static inline double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/**
 * struct bench_stats - the spread of a handful of samples
 */
struct bench_stats {
	double median;
	double min;
	double max;
};

void bench_stats(const double *samples, size_t n, struct bench_stats *st);
int bench_pin(int *cpu);

/*
 * The topology both benchmarks build, shared by udp_bench and tcp_bench.
 * tuxnet (tuxnet_side.c): in the current stack, namespaces
 * BENCH_TN_NS_A and BENCH_TN_NS_B, veth0 (a) -- veth1 (b), addressed and
 * up; bench_tn_topology_del() deletes the namespaces again.
 */
#define BENCH_TN_NS_A "tnbench-a"
#define BENCH_TN_NS_B "tnbench-b"
int bench_tn_topology(char *why, size_t len);
void bench_tn_topology_del(void);

/*
 * Linux (linux_side.c, needs root): namespaces tnbench-a-PID and
 * tnbench-b-PID made with ip(8), joined by the veth pair tnb0/tnb1 with the
 * same addresses.  bench_lx_socket_in() makes a socket inside one of them
 * (the thread goes back to @home, an fd of its own namespace);
 * bench_lx_names_del() deletes the names, after which the namespaces live
 * as long as something (a socket) is in them.
 */
struct bench_lx_netns {
	char a[32], b[32];
	int named; /* the names in /run/netns exist */
};

int bench_lx_netns_add(struct bench_lx_netns *ns, char *why, size_t len);
void bench_lx_names_del(struct bench_lx_netns *ns);
int bench_lx_socket_in(const char *ns, int home, int type, int proto);
int bench_lx_setns(const char *ns);

/* Fills an ICMP echo request (header and payload) of @len bytes. */
void bench_icmp_echo(void *buf, size_t len, uint16_t seq);
/* Checks that @buf holds the echo reply to sequence @seq. */
int bench_icmp_is_reply(const void *buf, size_t len, uint16_t seq);

#endif /* TUXNET_BENCH_H */
