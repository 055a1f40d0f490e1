// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_rtnetlink_state: rtnetlink with state that lasts across messages.
 * One input is a script of records run in order on one stack:
 *
 *   op  arguments                  what it does
 *   0   u16 len, len bytes         a raw datagram on the current socket
 *   1   u8 ns                      tn_netns_add(name[ns])
 *   2   u8 ns                      tn_netns_del(name[ns])
 *   3   u8 ns                      switch: netlink socket in name[ns]
 *   4   u8 ifindex, u8 ns, u8 how  RTM_NEWLINK moving a device: how&3 is
 *                                  IFLA_NET_NS_FD (an fd on /run/netns/..,
 *                                  else a stale number), IFLA_TARGET_NETNSID
 *                                  (ns as an id), IFLA_NET_NS_PID, or two
 *                                  of them; how&4 adds a new IFLA_IFNAME
 *   5   u8 ns, s8 nsid             RTM_NEWNSID for name[ns] (NETNSA_FD)
 *   6   u8 name, u8 ns             veth pair, the peer in name[ns] (fd)
 *                                  or, for ns 0xff, beside it
 *   7   u8 ifindex, u8 host, u8 plen, u8 del  RTM_NEWADDR/DELADDR 10.0.0.host
 *   8   u8 ifindex, u8 host, u8 state, u8 del RTM_NEWNEIGH/DELNEIGH
 *                                  (del&2 adds an address, del&4 makes it
 *                                  a proxy entry, NTF_PROXY)
 *   9   u8 ifindex                 RTM_DELLINK
 *   10  u8 ifindex, u8 flags, u8 name  RTM_NEWLINK: up/down, rename
 *   11  u8 which                   a dump (links, addresses, routes,
 *                                  neighbours, nsids) read to its end;
 *                                  which&0x40: of proxy neighbours
 *   12  u8 n                       n x 100 ms of virtual time
 *
 * Names are "a", "b" (the harness's, veth0/veth1 10.0.0.1-2/24) and
 * "n0".."n3".  Replies are read after every request.  Oracle: no crash,
 * no sanitizer report; at the end every socket and file is closed, time
 * runs past every timeout, and no socket may be left (the harness checks
 * the skbs; LeakSanitizer the rest when the stack is destroyed).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

#define MAX_READS 4096
#define MAX_OPS	  64

static const char *const ns_names[] = { "a", "b", "n0", "n1", "n2", "n3" };
static const char *const dev_names[] = {
	"v0", "v1", "w0", "lo", "veth0", "x%d"
};
#define NS_NAME(i)  ns_names[(i) % (sizeof(ns_names) / sizeof(ns_names[0]))]
#define DEV_NAME(i) dev_names[(i) % (sizeof(dev_names) / sizeof(dev_names[0]))]

struct msg {
	struct nlmsghdr n;
	char body[1024];
};

static void *msg_init(struct msg *m, int type, int flags, size_t hdrlen)
{
	memset(m, 0, sizeof(*m));
	m->n.nlmsg_len = NLMSG_LENGTH(hdrlen);
	m->n.nlmsg_type = (unsigned short)type;
	m->n.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | NLM_F_ACK | flags);
	return NLMSG_DATA(&m->n);
}

static struct rtattr *msg_attr(struct msg *m, int type, const void *data,
			       int len)
{
	struct rtattr *rta =
		(struct rtattr *)((char *)m + NLMSG_ALIGN(m->n.nlmsg_len));

	if (NLMSG_ALIGN(m->n.nlmsg_len) + RTA_SPACE(len) > sizeof(*m))
		abort(); /* the builder's own bug */
	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, (size_t)len);
	m->n.nlmsg_len = NLMSG_ALIGN(m->n.nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return rta;
}

static void msg_nest_end(struct msg *m, struct rtattr *nest)
{
	nest->rta_len =
		(unsigned short)((char *)m + NLMSG_ALIGN(m->n.nlmsg_len) -
				 (char *)nest);
}

/* Read until the socket is empty (a dump must end). */
static void drain(int fd)
{
	static char buf[65536] __attribute__((aligned(8)));
	int i;

	for (i = 0; i < MAX_READS; i++)
		if (tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			return;
	fprintf(stderr, "fuzz_rtnetlink_state: replies never end\n");
	abort();
}

static void talk(int fd, const void *buf, size_t len)
{
	tn_send(fd, buf, len, 0);
	drain(fd);
}

static int open_ns(unsigned int ns)
{
	char path[64];

	snprintf(path, sizeof(path), "/run/netns/%s", NS_NAME(ns));
	return tn_open(path, O_RDONLY);
}

static int nl_socket(void)
{
	int fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), one = 1;

	if (fd >= 0)
		tn_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			      sizeof(one));
	return fd;
}

/* Put the socket in name[ns] (or keep the old one if it cannot). */
static int switch_ns(int fd, unsigned int ns)
{
	int nfd;

	if (tn_netns_set(NS_NAME(ns)) < 0)
		return fd;
	nfd = nl_socket();
	if (nfd < 0)
		return fd;
	if (fd >= 0)
		tn_close(fd);
	return nfd;
}

static void op_move(int fd, const uint8_t *a)
{
	struct msg m;
	struct ifinfomsg *ifi = msg_init(&m, RTM_NEWLINK, 0, sizeof(*ifi));
	int nsfd = -1, v;

	ifi->ifi_index = a[0];
	switch (a[2] & 3) {
	case 0:
		nsfd = open_ns(a[1]);
		v = nsfd >= 0 ? nsfd : a[1];
		msg_attr(&m, IFLA_NET_NS_FD, &v, sizeof(v));
		break;
	case 1:
		v = (int8_t)a[1];
		msg_attr(&m, IFLA_TARGET_NETNSID, &v, sizeof(v));
		break;
	case 2:
		v = a[1];
		msg_attr(&m, IFLA_NET_NS_PID, &v, sizeof(v));
		break;
	default:
		nsfd = open_ns(a[1]);
		v = nsfd >= 0 ? nsfd : a[1];
		msg_attr(&m, IFLA_NET_NS_FD, &v, sizeof(v));
		v = (int8_t)a[1];
		msg_attr(&m, IFLA_TARGET_NETNSID, &v, sizeof(v));
		break;
	}
	if (a[2] & 4)
		msg_attr(&m, IFLA_IFNAME, DEV_NAME(a[2] >> 3),
			 (int)strlen(DEV_NAME(a[2] >> 3)) + 1);
	talk(fd, &m, m.n.nlmsg_len);
	if (nsfd >= 0)
		tn_close(nsfd);
}

static void op_newnsid(int fd, const uint8_t *a)
{
	struct msg m;
	int nsfd = open_ns(a[0]), v;

	msg_init(&m, RTM_NEWNSID, 0, sizeof(struct rtgenmsg));
	v = nsfd >= 0 ? nsfd : a[0];
	msg_attr(&m, NETNSA_FD, &v, sizeof(v));
	v = (int8_t)a[1];
	msg_attr(&m, NETNSA_NSID, &v, sizeof(v));
	talk(fd, &m, m.n.nlmsg_len);
	if (nsfd >= 0)
		tn_close(nsfd);
}

static void op_veth(int fd, const uint8_t *a)
{
	struct ifinfomsg pifi = { 0 };
	struct rtattr *li, *data, *peer;
	const char *name = DEV_NAME(a[0]), *pname = DEV_NAME(a[0] >> 4);
	struct msg m;
	int nsfd = a[1] == 0xff ? -1 : open_ns(a[1]);

	msg_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
		 sizeof(struct ifinfomsg));
	msg_attr(&m, IFLA_IFNAME, name, (int)strlen(name) + 1);
	li = msg_attr(&m, IFLA_LINKINFO, NULL, 0);
	msg_attr(&m, IFLA_INFO_KIND, "veth", 5);
	data = msg_attr(&m, IFLA_INFO_DATA, NULL, 0);
	peer = msg_attr(&m, VETH_INFO_PEER, &pifi, sizeof(pifi));
	msg_attr(&m, IFLA_IFNAME, pname, (int)strlen(pname) + 1);
	if (nsfd >= 0)
		msg_attr(&m, IFLA_NET_NS_FD, &nsfd, sizeof(nsfd));
	msg_nest_end(&m, peer);
	msg_nest_end(&m, data);
	msg_nest_end(&m, li);
	talk(fd, &m, m.n.nlmsg_len);
	if (nsfd >= 0)
		tn_close(nsfd);
}

static void op_addr(int fd, const uint8_t *a)
{
	struct msg m;
	struct ifaddrmsg *ifa =
		msg_init(&m, a[3] & 1 ? RTM_DELADDR : RTM_NEWADDR,
			 a[3] & 1 ? 0 : NLM_F_CREATE, sizeof(*ifa));
	uint32_t addr = htonl(0x0a000000u | a[1]);

	ifa->ifa_family = AF_INET;
	ifa->ifa_index = a[0];
	ifa->ifa_prefixlen = a[2] % 34;
	ifa->ifa_scope = a[3] & 2 ? RT_SCOPE_HOST : 0;
	msg_attr(&m, IFA_LOCAL, &addr, sizeof(addr));
	msg_attr(&m, IFA_ADDRESS, &addr, sizeof(addr));
	talk(fd, &m, m.n.nlmsg_len);
}

static void op_neigh(int fd, const uint8_t *a)
{
	static const uint8_t lladdr[6] = { 2, 0, 0, 0, 0, 9 };
	struct msg m;
	struct ndmsg *nd = msg_init(&m, a[3] & 1 ? RTM_DELNEIGH : RTM_NEWNEIGH,
				    a[3] & 1 ? 0 : NLM_F_CREATE, sizeof(*nd));
	uint32_t addr = htonl(0x0a000000u | a[1]);

	nd->ndm_family = AF_INET;
	nd->ndm_ifindex = a[0];
	nd->ndm_state = a[2];
	if (a[3] & 4)
		nd->ndm_flags |= NTF_PROXY;
	msg_attr(&m, NDA_DST, &addr, sizeof(addr));
	if (a[3] & 2)
		msg_attr(&m, NDA_LLADDR, lladdr, sizeof(lladdr));
	talk(fd, &m, m.n.nlmsg_len);
}

static void op_dellink(int fd, const uint8_t *a)
{
	struct msg m;
	struct ifinfomsg *ifi = msg_init(&m, RTM_DELLINK, 0, sizeof(*ifi));

	ifi->ifi_index = a[0];
	talk(fd, &m, m.n.nlmsg_len);
}

static void op_setlink(int fd, const uint8_t *a)
{
	struct msg m;
	struct ifinfomsg *ifi = msg_init(&m, RTM_NEWLINK, 0, sizeof(*ifi));

	ifi->ifi_index = a[0];
	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = a[1] & 1 ? IFF_UP : 0;
	if (a[1] & 2)
		msg_attr(&m, IFLA_IFNAME, DEV_NAME(a[2]),
			 (int)strlen(DEV_NAME(a[2])) + 1);
	talk(fd, &m, m.n.nlmsg_len);
}

static void op_dump(int fd, const uint8_t *a)
{
	static const int types[] = { RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE,
				     RTM_GETNEIGH, RTM_GETNSID };
	struct msg m;
	struct rtgenmsg *g;

	g = msg_init(&m, types[a[0] % 5], NLM_F_DUMP, sizeof(struct ifinfomsg));
	g->rtgen_family = a[0] & 0x80 ? AF_INET : AF_UNSPEC;
	if (types[a[0] % 5] == RTM_GETNEIGH && (a[0] & 0x40))
		((struct ndmsg *)(void *)g)->ndm_flags = NTF_PROXY;
	talk(fd, &m, m.n.nlmsg_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tn_stack_stats s;
	struct fuzz_env e;
	size_t off = 0;
	int fd, ops = 0, verbose = getenv("FUZZ_VERBOSE") != NULL;
	unsigned int i;

	if (fuzz_env_create(&e, 0) < 0) {
		fprintf(stderr, "fuzz_rtnetlink_state: cannot set up\n");
		abort();
	}
	fd = nl_socket();
	if (fd < 0)
		abort();
	while (off < size && ops++ < MAX_OPS) {
		static const uint8_t nargs[] = { 2, 1, 1, 1, 3, 2, 2,
						 4, 4, 1, 3, 1, 1 };
		uint8_t op = data[off++] % sizeof(nargs);
		const uint8_t *a = data + off;

		if (size - off < nargs[op])
			break;
		off += nargs[op];
		switch (op) {
		case 0: {
			size_t len = (size_t)a[0] | (size_t)a[1] << 8;

			if (len > size - off)
				len = size - off;
			talk(fd, data + off, len);
			off += len;
			break;
		}
		case 1:
			tn_netns_add(NS_NAME(a[0]));
			break;
		case 2:
			tn_netns_del(NS_NAME(a[0]));
			break;
		case 3:
			fd = switch_ns(fd, a[0]);
			break;
		case 4:
			op_move(fd, a);
			break;
		case 5:
			op_newnsid(fd, a);
			break;
		case 6:
			op_veth(fd, a);
			break;
		case 7:
			op_addr(fd, a);
			break;
		case 8:
			op_neigh(fd, a);
			break;
		case 9:
			op_dellink(fd, a);
			break;
		case 10:
			op_setlink(fd, a);
			break;
		case 11:
			op_dump(fd, a);
			break;
		default:
			/* this input's stack, not the harness's shared one */
			for (i = 0; i < a[0] % 64; i++)
				tn_clock_advance(e.st, 100 * 1000000ULL);
			break;
		}
		if (verbose) {
			tn_stack_get_stats(e.st, &s);
			fprintf(stderr, "  op %u: %ld socks %ld files\n", op,
				s.live_socks, s.live_files);
		}
	}
	tn_close(fd);
	tn_netns_set("a");
	fuzz_env_settle(&e);
	tn_stack_get_stats(e.st, &s);
	if (s.live_socks || s.live_files) {
		fprintf(stderr,
			"fuzz_rtnetlink_state: %ld socks, %ld files "
			"left\n",
			s.live_socks, s.live_files);
		abort();
	}
	fuzz_env_destroy(&e);
	return 0;
}
