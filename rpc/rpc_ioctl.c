// SPDX-License-Identifier: BSD-2-Clause
/*
 * How the argument of each ioctl travels between libtuxnet-client and
 * tuxnetd.  Apart from rpc.c because it needs the host's <net/...> headers,
 * which targets with the stack's src/include on their path must not see.
 */
#include "rpc.h"

#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <net/route.h>
#include <sys/ioctl.h>
#include <sys/time.h>

/**
 * tn_rpc_ioctl_kind - how the argument of an ioctl is marshalled
 * @req: the request
 * @size: set to the size of the argument for the fixed-size kinds
 *
 * Socket ioctls (0x89xx) and the old tty numbers carry no size in their
 * number, so they are listed; other requests are taken from their _IOC
 * encoding.  An argument holding a pointer (SIOCETHTOOL's ifr_data, the bond
 * and VLAN queries) is unknown until it is marshalled with what it points at.
 *
 * Return: the kind.
 */
enum tn_rpc_ioc_kind tn_rpc_ioctl_kind(unsigned long req, uint32_t *size)
{
	*size = 0;
	switch (req) {
	case FIONREAD: /* SIOCINQ */
	case TIOCOUTQ: /* SIOCOUTQ */
	case SIOCOUTQNSD:
	case SIOCATMARK:
	case FIOGETOWN:
	case SIOCGPGRP:
		*size = sizeof(int);
		return TN_IOC_OUT;
	case FIONBIO:
	case FIOASYNC:
	case FIOSETOWN:
	case SIOCSPGRP:
		*size = sizeof(int);
		return TN_IOC_IN;
	case SIOCGSTAMP_OLD:
		*size = sizeof(struct timeval);
		return TN_IOC_OUT;
	case SIOCGSTAMPNS_OLD:
		*size = sizeof(struct timespec);
		return TN_IOC_OUT;
	case SIOCGIFCONF:
		return TN_IOC_IFCONF;
	case SIOCADDRT:
	case SIOCDELRT:
		*size = sizeof(struct rtentry);
		return TN_IOC_RTENTRY;
	case SIOCBRADDBR:
	case SIOCBRDELBR:
		*size = IFNAMSIZ;
		return TN_IOC_STR;
	case SIOCDARP:
	case SIOCGARP:
	case SIOCSARP:
		*size = sizeof(struct arpreq);
		return TN_IOC_INOUT;
	case SIOCGIFNAME:
	case SIOCSIFLINK:
	case SIOCGIFFLAGS:
	case SIOCSIFFLAGS:
	case SIOCGIFADDR:
	case SIOCSIFADDR:
	case SIOCGIFDSTADDR:
	case SIOCSIFDSTADDR:
	case SIOCGIFBRDADDR:
	case SIOCSIFBRDADDR:
	case SIOCGIFNETMASK:
	case SIOCSIFNETMASK:
	case SIOCGIFMETRIC:
	case SIOCSIFMETRIC:
	case SIOCGIFMTU:
	case SIOCSIFMTU:
	case SIOCSIFNAME:
	case SIOCSIFHWADDR:
	case SIOCGIFHWADDR:
	case SIOCADDMULTI:
	case SIOCDELMULTI:
	case SIOCGIFINDEX:
	case SIOCSIFPFLAGS:
	case SIOCGIFPFLAGS:
	case SIOCDIFADDR:
	case SIOCSIFHWBROADCAST:
	case SIOCGIFTXQLEN:
	case SIOCSIFTXQLEN:
	case SIOCGIFMAP:
	case SIOCSIFMAP:
	case SIOCGMIIPHY:
	case SIOCGMIIREG:
	case SIOCSMIIREG:
	case SIOCBONDENSLAVE:
	case SIOCBONDRELEASE:
	case SIOCBONDSETHWADDR:
	case SIOCBONDCHANGEACTIVE:
	case SIOCBRADDIF:
	case SIOCBRDELIF:
	case TUNSETIFF: /* declared as int, takes struct ifreq */
	case TUNGETIFF:
		*size = sizeof(struct ifreq);
		return TN_IOC_INOUT;
	}
	if (_IOC_TYPE(req) == 0x89 || _IOC_SIZE(req) == 0 ||
	    _IOC_SIZE(req) > TN_RPC_MAX_CTRL)
		return TN_IOC_UNKNOWN;
	*size = _IOC_SIZE(req);
	switch (_IOC_DIR(req)) {
	case _IOC_WRITE:
		return TN_IOC_IN;
	case _IOC_READ:
		return TN_IOC_OUT;
	case _IOC_READ | _IOC_WRITE:
		return TN_IOC_INOUT;
	}
	*size = 0;
	return TN_IOC_UNKNOWN;
}
