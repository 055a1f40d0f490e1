// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtnetlink requests for the benchmark's topology, built by hand as
 * examples/udp_echo.c builds them.  Each returns 0 or -errno, the error
 * being the stack's answer (NLMSG_ERROR) to the request.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <tuxnet/tuxnet.h>

#include "nlsetup.h"

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
	if (data)
		memcpy(RTA_DATA(rta), data, len);
	else
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

/* Sends @r on a fresh netlink socket and returns the stack's answer. */
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

int nl_add_veth(const char *name, const char *peer, const char *peer_ns)
{
	struct rtattr *linkinfo, *data, *peer_attr;
	struct ifinfomsg *ifi;
	char path[64];
	struct req r;
	int nsfd, err;

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
	/* The peer's ifinfomsg (left zero), then its attributes. */
	peer_attr =
		req_attr(&r, VETH_INFO_PEER, NULL, sizeof(struct ifinfomsg));
	req_attr(&r, IFLA_IFNAME, peer, strlen(peer) + 1);
	req_attr(&r, IFLA_NET_NS_FD, &nsfd, sizeof(nsfd));
	req_nest_end(&r, peer_attr);
	req_nest_end(&r, data);
	req_nest_end(&r, linkinfo);
	err = talk(&r);
	tn_close(nsfd);
	return err;
}

int nl_addr_up(const char *dev, const char *addr, int plen)
{
	struct ifinfomsg *ifi;
	struct ifaddrmsg *ifa;
	struct ifreq ifr;
	struct in_addr a;
	struct req r;
	int fd, index, err;

	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	err = tn_ioctl(fd, SIOCGIFINDEX, &ifr) ? -errno : 0;
	tn_close(fd);
	if (err)
		return err;
	index = ifr.ifr_ifindex;
	if (inet_pton(AF_INET, addr, &a) != 1)
		return -EINVAL;

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
