/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Configuring a tuxnet stack the way ip(8) configures Linux: rtnetlink
 * messages on a NETLINK_ROUTE socket, through the public API only.
 */
#ifndef TUXNET_BENCH_NLSETUP_H
#define TUXNET_BENCH_NLSETUP_H

/* ip link add @name type veth peer name @peer netns @peer_ns */
int nl_add_veth(const char *name, const char *peer, const char *peer_ns);
/* ip addr add @addr/@plen dev @dev; ip link set @dev up */
int nl_addr_up(const char *dev, const char *addr, int plen);

#endif /* TUXNET_BENCH_NLSETUP_H */
