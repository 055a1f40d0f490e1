// SPDX-License-Identifier: BSD-2-Clause
/*
 * Embedding tuxnet: a whole network in one process.
 *
 * Two namespaces, "client" and "server", joined by a veth pair, configured
 * the way `ip` configures Linux - with rtnetlink messages on a NETLINK_ROUTE
 * socket - then a UDP echo between them.  No root, no system call per
 * packet, and the clock is virtual, so the run is instant and repeatable.
 *
 *   ip netns add client; ip netns add server
 *   ip -n client link add veth0 type veth peer name veth1 netns server
 *   ip -n client addr add 10.0.0.1/24 dev veth0; ip -n client link set veth0 up
 *   ip -n server addr add 10.0.0.2/24 dev veth1; ip -n server link set veth1 up
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

/* A request under construction: header, body, attributes. */
struct req {
	struct nlmsghdr *nlh;
	char buf[1024];
};

static void *req_init(struct req *r, int type, int flags, size_t body)
{
	memset(r, 0, sizeof(*r));
	r->nlh = (struct nlmsghdr *)r->buf;
	r->nlh->nlmsg_len = NLMSG_LENGTH(body);
	r->nlh->nlmsg_type = (unsigned short)type;
	r->nlh->nlmsg_flags =
		(unsigned short)(NLM_F_REQUEST | NLM_F_ACK | flags);
	return NLMSG_DATA(r->nlh);
}

static struct rtattr *req_attr(struct req *r, int type, const void *data,
			       size_t len)
{
	struct rtattr *rta =
		(struct rtattr *)(r->buf + NLMSG_ALIGN(r->nlh->nlmsg_len));

	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len && data)
		memcpy(RTA_DATA(rta), data, len);
	else if (len)
		memset(RTA_DATA(rta), 0, len);
	r->nlh->nlmsg_len =
		NLMSG_ALIGN(r->nlh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return rta;
}

static void req_nest_end(struct req *r, struct rtattr *nest)
{
	nest->rta_len =
		(unsigned short)(r->buf + r->nlh->nlmsg_len - (char *)nest);
}

/* Send @r on a fresh netlink socket and return the kernel's answer. */
static int talk(struct req *r)
{
	int fd = tn_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	char ans[1024];
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	if (tn_send(fd, r->buf, r->nlh->nlmsg_len, 0) < 0) {
		err = -errno;
		tn_close(fd);
		return err;
	}
	n = tn_recv(fd, ans, sizeof(ans), 0);
	tn_close(fd);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)))
		return -EIO;
	return ((struct nlmsgerr *)NLMSG_DATA((struct nlmsghdr *)ans))->error;
}

/* ip link add veth0 type veth peer name veth1 netns @peer_ns */
static int add_veth(const char *name, const char *peer, const char *peer_ns)
{
	struct ifinfomsg *ifi, *pifi;
	struct rtattr *linkinfo, *data, *peer_attr;
	struct req r;
	int nsfd, err;
	char path[64];

	snprintf(path, sizeof(path), "/run/netns/%s", peer_ns);
	nsfd = tn_open(path, O_RDONLY);
	if (nsfd < 0)
		return -errno;
	ifi = req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
		       sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	req_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	linkinfo = req_attr(&r, IFLA_LINKINFO, NULL, 0);
	req_attr(&r, IFLA_INFO_KIND, "veth", 5);
	data = req_attr(&r, IFLA_INFO_DATA, NULL, 0);
	peer_attr = req_attr(&r, VETH_INFO_PEER, NULL, sizeof(*pifi));
	pifi = RTA_DATA(peer_attr);
	pifi->ifi_family = AF_UNSPEC;
	req_attr(&r, IFLA_IFNAME, peer, strlen(peer) + 1);
	req_attr(&r, IFLA_NET_NS_FD, &nsfd, sizeof(nsfd));
	req_nest_end(&r, peer_attr);
	req_nest_end(&r, data);
	req_nest_end(&r, linkinfo);
	err = talk(&r);
	tn_close(nsfd);
	return err;
}

/* ip addr add @addr/@plen dev @dev; ip link set @dev up */
static int addr_up(const char *dev, const char *addr, int plen)
{
	struct ifinfomsg *ifi;
	struct ifaddrmsg *ifa;
	struct in_addr a;
	struct req r;
	int index, err;
	struct ifreq ifr;
	int fd = tn_socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	err = tn_ioctl(fd, SIOCGIFINDEX, &ifr);
	tn_close(fd);
	if (err)
		return -errno;
	index = ifr.ifr_ifindex;

	inet_pton(AF_INET, addr, &a);
	ifa = req_init(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
		       sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (unsigned char)plen;
	ifa->ifa_index = (unsigned int)index;
	req_attr(&r, IFA_LOCAL, &a, sizeof(a));
	req_attr(&r, IFA_ADDRESS, &a, sizeof(a));
	err = talk(&r);
	if (err)
		return err;

	ifi = req_init(&r, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = index;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	return talk(&r);
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "udp_echo: %s: %s\n", what,
		strerror(err < 0 ? -err : err));
	return 1;
}

int main(void)
{
	struct tn_stack_config cfg = { .clock = TN_CLOCK_VIRTUAL };
	struct tn_stack *st = tn_stack_create(&cfg);
	struct sockaddr_in srv = { .sin_family = AF_INET,
				   .sin_port = htons(7) },
			   from;
	socklen_t fromlen = sizeof(from);
	struct tn_stack_stats stats;
	char buf[64];
	int s, c, err;
	ssize_t n;

	if (!st)
		return fail("tn_stack_create", errno);
	if (tn_netns_add("client") || tn_netns_add("server"))
		return fail("netns add", errno);

	tn_netns_set("client");
	err = add_veth("veth0", "veth1", "server");
	if (err)
		return fail("veth", err);
	err = addr_up("veth0", "10.0.0.1", 24);
	if (err)
		return fail("client address", err);
	tn_netns_set("server");
	err = addr_up("veth1", "10.0.0.2", 24);
	if (err)
		return fail("server address", err);

	/* The server: a UDP socket on port 7 in "server". */
	s = tn_socket(AF_INET, SOCK_DGRAM, 0);
	srv.sin_addr.s_addr = htonl(INADDR_ANY);
	if (tn_bind(s, (struct sockaddr *)&srv, sizeof(srv)))
		return fail("bind", errno);

	/* The client, in "client", sends; ARP resolves on the way. */
	tn_netns_set("client");
	c = tn_socket(AF_INET, SOCK_DGRAM, 0);
	inet_pton(AF_INET, "10.0.0.2", &srv.sin_addr);
	if (tn_sendto(c, "hello", 5, 0, (struct sockaddr *)&srv, sizeof(srv)) !=
	    5)
		return fail("sendto", errno);

	/* Echo it back from the server's side. */
	n = tn_recvfrom(s, buf, sizeof(buf), MSG_DONTWAIT,
			(struct sockaddr *)&from, &fromlen);
	if (n < 0)
		return fail("server recvfrom", errno);
	printf("server got \"%.*s\" from %s:%u\n", (int)n, buf,
	       inet_ntoa(from.sin_addr), ntohs(from.sin_port));
	tn_sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, fromlen);

	n = tn_recv(c, buf, sizeof(buf), MSG_DONTWAIT);
	if (n < 0)
		return fail("client recv", errno);
	printf("client got \"%.*s\" back\n", (int)n, buf);

	tn_close(c);
	tn_close(s);
	tn_netns_set(NULL);
	tn_netns_del("client");
	tn_netns_del("server");
	tn_stack_get_stats(st, &stats);
	tn_stack_destroy(st);
	if (stats.live_skbs || stats.live_socks) {
		fprintf(stderr, "udp_echo: leaked %ld skbs, %ld socks\n",
			stats.live_skbs, stats.live_socks);
		return 1;
	}
	return 0;
}
