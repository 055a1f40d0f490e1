// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_gro: sequences of UDP frames handed to GRO (napi_gro_receive on
 * veth0, GRO on) in NAPI polls, to a socket with UDP_GRO and to one
 * without.  The input is a mode byte (0x01 rx-gro-list, 0x02
 * rx-udp-gro-forwarding, 0x04 a poll weight of 8 instead of 64), then
 * records of three bytes, one datagram each:
 *   u8 ctl: 0x01 to the UDP_GRO socket (else the other), 0x06 source port
 *	(one of four), 0x08 the IP ID jumps, 0x10 TTL 63, 0x20 bad UDP
 *	checksum, 0x40 no UDP checksum, 0x80 the poll ends after it;
 *   u16 length: payload bytes (4 to 2000; a multiple of 100 when the
 *	low bit is clear, so that runs of equal lengths are common).
 * Oracle: what the sockets read, cut by the UDP_GRO control message's
 * segment size, is exactly the datagrams sent with a good (or no)
 * checksum, each once, byte for byte; nothing is left behind.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/etherdevice.h>
#include <net/gro.h>
#include <net/netdevice.h>
#include <net/stack.h>
#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

#define MAX_DGRAMS 128
#define MAX_LEN	   2000
#define PORT_GRO   8000
#define PORT_PLAIN 8001

static struct fuzz_env e;
static int ready, fd_gro, fd_plain;

struct test_napi {
	struct napi_struct napi;
	struct sk_buff_head q;
};

static struct test_napi tn;

/* what was sent: the payload starts with its index, then bytes of it */
static struct {
	u16 len;
	bool valid, seen;
} sent[MAX_DGRAMS];
static int nsent;

static void die(const char *why)
{
	fprintf(stderr, "fuzz_gro: %s\n", why);
	abort();
}

static unsigned char byte_of(int idx, int i)
{
	return (unsigned char)(idx * 31 + i * 7 + (i >> 8));
}

static int test_poll(struct napi_struct *napi, int budget)
{
	struct test_napi *t = container_of(napi, struct test_napi, napi);
	struct sk_buff *skb;
	int done = 0;

	while (done < budget && (skb = skb_dequeue(&t->q))) {
		napi_gro_receive(napi, skb);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

static int udp_socket(int port, int gro)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((u16)port),
				   .sin_addr.s_addr = htonl(FUZZ_IP_A) };
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0), v = 8 << 20;

	if (fd < 0 || tn_bind(fd, (struct sockaddr *)&sin, sizeof(sin)) ||
	    tn_setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)) ||
	    tn_setsockopt(fd, SOL_UDP, UDP_GRO, &gro, sizeof(gro)))
		die("socket");
	return fd;
}

static void setup(void)
{
	if (ready)
		return;
	if (fuzz_env_create(&e, 0) < 0)
		die("env");
	fd_gro = udp_socket(PORT_GRO, 1);
	fd_plain = udp_socket(PORT_PLAIN, 0);
	stack_enter(e.st);
	skb_queue_head_init(&tn.q);
	netif_napi_add(e.dev_a, &tn.napi, test_poll);
	napi_enable(&tn.napi);
	stack_exit(e.st);
	ready = 1;
}

/* The frame of datagram @idx as veth0 would receive it; stack entered. */
static struct sk_buff *frame(int idx, u8 ctl, u16 id)
{
	unsigned int len = sent[idx].len, ulen = 8 + len;
	struct sk_buff *skb = alloc_skb(64 + 2 + 14 + 20 + ulen, GFP_ATOMIC);
	unsigned char *p;
	struct udphdr *uh;
	struct iphdr *iph;
	struct ethhdr *eth;

	if (!skb)
		die("alloc_skb");
	skb_reserve(skb, 64 + 2 + 14 + 20 + 8); /* NET_IP_ALIGN */
	p = skb_put(skb, len);
	memcpy(p, &idx, sizeof(idx));
	for (unsigned int i = sizeof(idx); i < len; i++)
		p[i] = byte_of(idx, (int)i);
	uh = skb_push(skb, sizeof(*uh));
	uh->source = htons((u16)(5000 + ((ctl >> 1) & 3)));
	uh->dest = htons(ctl & 0x01 ? PORT_GRO : PORT_PLAIN);
	uh->len = htons((u16)ulen);
	uh->check = 0;
	iph = skb_push(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = ctl & 0x10 ? 63 : 64;
	iph->protocol = IPPROTO_UDP;
	iph->id = htons(id);
	iph->frag_off = htons(IP_DF);
	iph->tot_len = htons((u16)(20 + ulen));
	iph->saddr = htonl(FUZZ_IP_B);
	iph->daddr = htonl(FUZZ_IP_A);
	ip_send_check(iph);
	if (!(ctl & 0x40)) {
		uh->check = csum_tcpudp_magic(iph->saddr, iph->daddr, ulen,
					      IPPROTO_UDP,
					      csum_partial(uh, (int)ulen, 0));
		if (!uh->check)
			uh->check = 0xffff;
		if (ctl & 0x20)
			uh->check ^= 0x0110;
	}
	eth = skb_push(skb, 14);
	memcpy(eth->h_dest, fuzz_mac_a, 6);
	memcpy(eth->h_source, fuzz_mac_b, 6);
	eth->h_proto = htons(0x0800);
	skb->dev = e.dev_a;
	skb->protocol = eth_type_trans(skb, e.dev_a);
	return skb;
}

/* one datagram read: its pieces (of gso bytes but the last) are sent ones */
static void check_piece(const unsigned char *p, int n)
{
	int idx;

	if (n < (int)sizeof(idx))
		die("short datagram");
	memcpy(&idx, p, sizeof(idx));
	if (idx < 0 || idx >= nsent || !sent[idx].valid || sent[idx].seen)
		die("datagram not sent, not valid or seen twice");
	if (n != sent[idx].len)
		die("datagram length");
	for (int i = (int)sizeof(idx); i < n; i++)
		if (p[i] != byte_of(idx, i))
			die("datagram bytes");
	sent[idx].seen = true;
}

static void drain(int fd)
{
	static unsigned char buf[70000];

	for (;;) {
		char cb[64];
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_iov = &iov,
				    .msg_iovlen = 1,
				    .msg_control = cb,
				    .msg_controllen = sizeof(cb) };
		struct cmsghdr *cm;
		int gso = 0, off = 0;
		ssize_t n = tn_recvmsg(fd, &m, MSG_DONTWAIT);

		if (n < 0) {
			if (errno != EAGAIN)
				die("recvmsg");
			return;
		}
		if (m.msg_flags & MSG_TRUNC)
			die("truncated");
		for (cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm))
			if (cm->cmsg_level == SOL_UDP &&
			    cm->cmsg_type == UDP_GRO)
				memcpy(&gso, CMSG_DATA(cm), sizeof(int));
		if (gso && fd != fd_gro)
			die("UDP_GRO control message without UDP_GRO");
		if (!gso)
			gso = (int)n;
		for (; off < n; off += gso)
			check_piece(buf + off,
				    (int)n - off < gso ? (int)n - off : gso);
	}
}

static void run_poll(struct sk_buff_head *frames)
{
	struct sk_buff *skb;

	stack_enter(e.st);
	while ((skb = skb_dequeue(frames)))
		skb_queue_tail(&tn.q, skb);
	napi_schedule(&tn.napi);
	do_softirq(e.st);
	stack_exit(e.st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	netdev_features_t feat = NETIF_F_GRO;
	u16 ids[4] = { 100, 2000, 30000, 60000 };
	struct sk_buff_head frames;

	setup();
	if (size < 1)
		return 0;
	if (data[0] & 0x01)
		feat |= NETIF_F_GRO_FRAGLIST;
	if (data[0] & 0x02)
		feat |= NETIF_F_GRO_UDP_FWD;
	stack_enter(e.st);
	e.dev_a->features = (e.dev_a->features &
			     ~(NETIF_F_GRO_FRAGLIST | NETIF_F_GRO_UDP_FWD)) |
			    feat;
	tn.napi.weight = data[0] & 0x04 ? 8 : 64;
	skb_queue_head_init(&frames);
	stack_exit(e.st);

	nsent = 0;
	for (size_t at = 1; at + 3 <= size && nsent < MAX_DGRAMS; at += 3) {
		u8 ctl = data[at];
		unsigned int v =
			(unsigned int)(data[at + 1] << 8 | data[at + 2]);
		unsigned int len =
			v & 1 ? v % (MAX_LEN - 3) + 4 : (v % 20 + 1) * 100;
		u16 *id = &ids[(ctl >> 1) & 3];

		sent[nsent].len = (u16)len;
		sent[nsent].valid = !(ctl & 0x20) || (ctl & 0x40);
		sent[nsent].seen = false;
		if (ctl & 0x08)
			*id = (u16)(*id + 7);
		stack_enter(e.st);
		skb_queue_tail(&frames, frame(nsent, ctl, (*id)++));
		stack_exit(e.st);
		nsent++;
		if (ctl & 0x80)
			run_poll(&frames);
	}
	run_poll(&frames);
	drain(fd_gro);
	drain(fd_plain);
	for (int i = 0; i < nsent; i++)
		if (sent[i].valid && !sent[i].seen)
			die("a datagram was lost");
	fuzz_env_settle(&e);
	return 0;
}
