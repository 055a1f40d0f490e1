// SPDX-License-Identifier: BSD-2-Clause
/*
 * libtuxnet-packetdrill.so through upstream packetdrill's interface, as
 * packetdrill drives it: dlopen, packetdrill_interface_init, then only the
 * table.  A UDP exchange: a datagram out through netdev_receive (IP, UDP,
 * checksums as the wire has them), one in through netdev_send and read
 * back, a blocking receive on a second thread woken by a packet, and the
 * virtual clock through usleep and gettimeofday.
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "ktest.h"
#include "packetdrill_so.h"

static struct packetdrill_interface ifc;
static void *handle;

static uint16_t csum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint32_t pseudo(const uint8_t *ip, size_t l4len)
{
	uint32_t sum = 17 + (uint32_t)l4len;
	int i;

	for (i = 12; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	return sum;
}

/* 192.0.2.1:8080 -> 192.168.0.1:8080, @n zero bytes */
static size_t udp_in(uint8_t *pkt, size_t n)
{
	size_t len = 28 + n;
	uint16_t c;

	memset(pkt, 0, len);
	pkt[0] = 0x45;
	pkt[2] = (uint8_t)(len >> 8);
	pkt[3] = (uint8_t)len;
	pkt[8] = 64;
	pkt[9] = 17;
	(void)inet_pton(AF_INET, "192.0.2.1", pkt + 12);
	(void)inet_pton(AF_INET, "192.168.0.1", pkt + 16);
	c = csum(pkt, 20, 0);
	pkt[10] = (uint8_t)(c >> 8);
	pkt[11] = (uint8_t)c;
	pkt[20] = 8080 >> 8;
	pkt[21] = 8080 & 0xff;
	pkt[22] = 8080 >> 8;
	pkt[23] = 8080 & 0xff;
	pkt[25] = (uint8_t)(8 + n);
	c = csum(pkt + 20, 8 + n, pseudo(pkt, 8 + n));
	pkt[26] = (uint8_t)(c >> 8);
	pkt[27] = (uint8_t)c;
	return len;
}

static void open_lib(void)
{
	packetdrill_interface_init_t init;

	handle = dlopen(PD_SO_PATH, RTLD_NOW | RTLD_LOCAL);
	KT_ASSERT(handle);
	init = (packetdrill_interface_init_t)dlsym(
		handle, "packetdrill_interface_init");
	KT_ASSERT(init);
	memset(&ifc, 0, sizeof(ifc));
	init("local_ip=192.168.0.1", &ifc);
	KT_ASSERT(ifc.userdata);
	KT_ASSERT(ifc.free && ifc.netdev_send && ifc.netdev_receive &&
		  ifc.usleep && ifc.gettimeofday && ifc.epoll_wait);
}

static int bound_socket(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(8080) };
	int fd = ifc.socket(ifc.userdata, AF_INET, SOCK_DGRAM, 0);

	KT_ASSERT(fd >= 0);
	(void)inet_pton(AF_INET, "192.168.0.1", &a.sin_addr);
	KT_EQ(ifc.bind(ifc.userdata, fd, (struct sockaddr *)&a, sizeof(a)), 0);
	return fd;
}

static void test_udp_out_and_in(void)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons(8080) };
	uint8_t pkt[2048], buf[100] = { 0 };
	size_t n = sizeof(pkt);
	long long when = -1;
	struct timeval t0, t1;
	int fd;

	open_lib();
	fd = bound_socket();
	(void)inet_pton(AF_INET, "192.0.2.1", &to.sin_addr);
	KT_EQ(ifc.sendto(ifc.userdata, fd, buf, 10, 0, (struct sockaddr *)&to,
			 sizeof(to)),
	      10);
	KT_EQ(ifc.gettimeofday(ifc.userdata, &t0, NULL), 0);
	KT_EQ(ifc.netdev_receive(ifc.userdata, pkt, &n, &when), 0);
	KT_EQ(n, 38);
	KT_EQ(pkt[0], 0x45);
	KT_EQ(pkt[9], 17);
	KT_EQ(csum(pkt, 20, 0), 0); /* header checksum right */
	KT_EQ(csum(pkt + 20, 18, pseudo(pkt, 18)), 0); /* UDP too */
	KT_EQ(when, (long long)t0.tv_sec * 1000000 + t0.tv_usec);

	/* the clock is the stack's: usleep moves it, nothing else does */
	KT_EQ(ifc.usleep(ifc.userdata, 250000), 0);
	KT_EQ(ifc.gettimeofday(ifc.userdata, &t1, NULL), 0);
	KT_EQ((t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_usec - t0.tv_usec),
	      250000);

	n = udp_in(pkt, 20);
	KT_EQ(ifc.netdev_send(ifc.userdata, pkt, n), 0);
	KT_EQ(ifc.recv(ifc.userdata, fd, buf, sizeof(buf), MSG_DONTWAIT), 20);
	KT_EQ(ifc.recv(ifc.userdata, fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	KT_EQ(errno, EAGAIN);
	KT_EQ(ifc.fcntl(ifc.userdata, fd, F_GETFL), O_RDWR);

	/* nothing to send: ten virtual seconds later, "received nothing" */
	n = sizeof(pkt);
	KT_EQ(ifc.netdev_receive(ifc.userdata, pkt, &n, &when), 0);
	KT_EQ(n, 0);
	KT_EQ(ifc.gettimeofday(ifc.userdata, &t0, NULL), 0);
	KT_EQ((t0.tv_sec - t1.tv_sec) * 1000000 + (t0.tv_usec - t1.tv_usec),
	      10000000);
	KT_EQ(ifc.close(ifc.userdata, fd), 0);
	ifc.free(ifc.userdata);
	dlclose(handle);
}

struct reader {
	int fd;
	ssize_t n;
};

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	char buf[100];

	r->n = ifc.recv(ifc.userdata, r->fd, buf, sizeof(buf), 0);
	return NULL;
}

/* packetdrill's syscall thread blocks; a packet from the main one wakes it */
static void test_blocking_call_woken_by_a_packet(void)
{
	struct reader r = { .n = -2 };
	uint8_t pkt[2048];
	pthread_t th;
	int i;

	open_lib();
	r.fd = bound_socket();
	KT_EQ(pthread_create(&th, NULL, reader_main, &r), 0);
	for (i = 0; i < 1000; i++) {
		ifc.usleep(ifc.userdata, 1000); /* time passes, nothing comes */
		sched_yield();
	}
	KT_EQ(r.n, -2);
	KT_EQ(ifc.netdev_send(ifc.userdata, pkt, udp_in(pkt, 7)), 0);
	pthread_join(th, NULL);
	KT_EQ(r.n, 7);
	ifc.close(ifc.userdata, r.fd);
	ifc.free(ifc.userdata);
	dlclose(handle);
}

KTEST_MAIN(KT(test_udp_out_and_in), KT(test_blocking_call_woken_by_a_packet))
