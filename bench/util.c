// SPDX-License-Identifier: BSD-2-Clause
/*
 * Helpers both sides share: the spread of the samples and the ICMP echo
 * messages an ICMP datagram socket carries (the kernel, or tuxnet, fills in
 * the identifier and the checksum).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <sched.h>
#include <netinet/ip_icmp.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/**
 * bench_stats - median, min and max of @n samples
 * @samples: the samples (left untouched)
 * @n: how many; at least one
 * @st: filled in
 */
void bench_stats(const double *samples, size_t n, struct bench_stats *st)
{
	double *s = malloc(n * sizeof(*s));

	if (!s) {
		st->median = st->min = st->max = samples[0];
		return;
	}
	memcpy(s, samples, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	st->min = s[0];
	st->max = s[n - 1];
	st->median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
}

void bench_icmp_echo(void *buf, size_t len, uint16_t seq)
{
	struct icmphdr *ih = buf;
	unsigned char *p = buf;
	size_t i;

	memset(ih, 0, sizeof(*ih));
	ih->type = ICMP_ECHO;
	ih->un.echo.sequence = htons(seq);
	for (i = sizeof(*ih); i < len; i++)
		p[i] = (unsigned char)i;
}

int bench_icmp_is_reply(const void *buf, size_t len, uint16_t seq)
{
	const struct icmphdr *ih = buf;

	return len >= sizeof(*ih) && ih->type == ICMP_ECHOREPLY &&
	       ih->un.echo.sequence == htons(seq);
}

/**
 * bench_pin - pin the process (and the threads it makes later) to one CPU
 * @cpu: the CPU; if negative, the last one allowed, written back
 * Return: 0 or -errno.
 */
int bench_pin(int *cpu)
{
	cpu_set_t set;
	int i;

	if (*cpu < 0) {
		if (sched_getaffinity(0, sizeof(set), &set))
			return -errno;
		for (i = CPU_SETSIZE - 1; i >= 0 && !CPU_ISSET(i, &set); i--)
			;
		*cpu = i;
	}
	CPU_ZERO(&set);
	CPU_SET(*cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}
