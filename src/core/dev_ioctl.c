// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device ioctls every socket answers (SIOCGIFINDEX, SIOCSIFFLAGS ...),
 * as ifconfig and older tools use them.  Address ioctls (SIOCGIFADDR ...)
 * are devinet's.  Linux: net/core/dev_ioctl.c.
 */
#include <sys/ioctl.h>

#include <net/inetdevice.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>

/*
 * dev_ifconf - SIOCGIFCONF: one struct ifreq per IPv4 address (label and
 * address).  With a NULL buffer only the length needed is returned in
 * ifc_len, as Linux.
 */
static int dev_ifconf(struct net *net, struct ifconf *ifc)
{
	struct net_device *dev;
	int len = ifc->ifc_len, total = 0;
	char *pos = ifc->ifc_buf;

	for_each_netdev(net, dev) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);
		struct in_ifaddr *ifa;

		if (!in_dev)
			continue;
		in_dev_for_each_ifa(ifa, in_dev) {
			struct ifreq ifr;
			struct sockaddr_in *sin;

			if (!pos) {
				total += (int)sizeof(ifr);
				continue;
			}
			if (len - total < (int)sizeof(ifr))
				goto done;
			memset(&ifr, 0, sizeof(ifr));
			(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s",
				       ifa->ifa_label);
			sin = (struct sockaddr_in *)(void *)&ifr.ifr_addr;
			sin->sin_family = AF_INET;
			sin->sin_addr.s_addr = ifa->ifa_local;
			memcpy(pos + total, &ifr, sizeof(ifr));
			total += (int)sizeof(ifr);
		}
	}
done:
	ifc->ifc_len = total;
	return 0;
}

/* dev_get_by_ifr - the device @ifr names ("eth0:1" means "eth0") */
static struct net_device *dev_get_by_ifr(struct net *net, struct ifreq *ifr)
{
	char name[IFNAMSIZ], *colon;

	memcpy(name, ifr->ifr_name, IFNAMSIZ);
	name[IFNAMSIZ - 1] = '\0';
	colon = strchr(name, ':');
	if (colon)
		*colon = '\0';
	return __dev_get_by_name(net, name);
}

static int dev_ifsioc(struct net *net, unsigned int cmd, struct ifreq *ifr,
		      void *data)
{
	struct net_device *dev;

	if (cmd == SIOCGIFCONF)
		return data ? dev_ifconf(net, data) : -EFAULT;
	if (cmd == SIOCGIFNAME) {
		dev = __dev_get_by_index(net, ifr->ifr_ifindex);
		if (!dev)
			return -ENODEV;
		memcpy(ifr->ifr_name, dev->name, IFNAMSIZ);
		return 0;
	}

	ifr->ifr_name[IFNAMSIZ - 1] = '\0';
	dev = dev_get_by_ifr(net, ifr);
	switch (cmd) {
	case SIOCGIFINDEX:
	case SIOCGIFFLAGS:
	case SIOCSIFFLAGS:
	case SIOCGIFMTU:
	case SIOCSIFMTU:
	case SIOCGIFHWADDR:
	case SIOCSIFHWADDR:
	case SIOCGIFTXQLEN:
	case SIOCSIFTXQLEN:
	case SIOCGIFMETRIC:
	case SIOCGIFMAP:
	case SIOCADDMULTI:
	case SIOCDELMULTI:
		if (!dev)
			return -ENODEV;
		break;
	default:
		return -ENOTTY;
	}

	switch (cmd) {
	case SIOCGIFINDEX:
		ifr->ifr_ifindex = dev->ifindex;
		return 0;
	case SIOCGIFFLAGS:
		ifr->ifr_flags = (short)dev_get_flags(dev);
		return 0;
	case SIOCSIFFLAGS:
		return dev_change_flags(dev, (unsigned short)ifr->ifr_flags);
	case SIOCGIFMTU:
		ifr->ifr_mtu = (int)dev->mtu;
		return 0;
	case SIOCSIFMTU:
		return dev_set_mtu(dev, ifr->ifr_mtu);
	case SIOCGIFHWADDR:
		memset(ifr->ifr_hwaddr.sa_data, 0,
		       sizeof(ifr->ifr_hwaddr.sa_data));
		memcpy(ifr->ifr_hwaddr.sa_data, dev->dev_addr,
		       min_t(size_t, sizeof(ifr->ifr_hwaddr.sa_data),
			     dev->addr_len));
		ifr->ifr_hwaddr.sa_family = dev->type;
		return 0;
	case SIOCSIFHWADDR:
		return dev_set_mac_address(dev, &ifr->ifr_hwaddr);
	case SIOCGIFTXQLEN:
		ifr->ifr_qlen = (int)dev->tx_queue_len;
		return 0;
	case SIOCSIFTXQLEN:
		if (ifr->ifr_qlen < 0)
			return -EINVAL;
		return dev_change_tx_queue_len(dev,
					       (unsigned long)ifr->ifr_qlen);
	case SIOCGIFMETRIC:
		ifr->ifr_metric = 0;
		return 0;
	case SIOCGIFMAP:
		memset(&ifr->ifr_map, 0, sizeof(ifr->ifr_map));
		return 0;
	case SIOCADDMULTI:
	case SIOCDELMULTI:
		/* as Linux: a device with an address filter, AF_UNSPEC */
		if (!dev->netdev_ops || !dev->netdev_ops->ndo_set_mac_address ||
		    ifr->ifr_hwaddr.sa_family != AF_UNSPEC)
			return -EINVAL;
		if (cmd == SIOCADDMULTI)
			return dev_mc_add_global(
				dev, (unsigned char *)ifr->ifr_hwaddr.sa_data);
		return dev_mc_del_global(
			dev, (unsigned char *)ifr->ifr_hwaddr.sa_data);
	default:
		return -ENOTTY;
	}
}

/*
 * dev_ioctl - the device requests of every socket family, under the RTNL
 * as Linux's dev_ioctl() takes it: a request sees the device whole, and a
 * change is one configuration step among the others.
 */
int dev_ioctl(struct net *net, unsigned int cmd, struct ifreq *ifr, void *data)
{
	int ret;

	rtnl_lock();
	ret = dev_ifsioc(net, cmd, ifr, data);
	rtnl_unlock();
	return ret;
}
