/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small rtnetlink client on the tuxnet API: open a NETLINK_ROUTE socket,
 * send a request and wait for its acknowledgement (printing the kernel's
 * error, with its extended-ack message, the way iproute2 does), walk a
 * multipart dump, build and parse attributes.
 */
#ifndef TN_TOOLS_LIBNETLINK_H
#define TN_TOOLS_LIBNETLINK_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <stdint.h>

/**
 * struct rtnl_handle - one NETLINK_ROUTE socket
 * @fd: the tuxnet socket
 * @seq: sequence number of the last request sent
 * @portid: the port the socket is bound to
 */
struct rtnl_handle {
	int fd;
	uint32_t seq;
	uint32_t portid;
};

/* Called for each message of a dump; a negative return stops the walk. */
typedef int (*rtnl_filter_t)(struct nlmsghdr *n, void *arg);

int rtnl_open(struct rtnl_handle *rth);
/* rtnl_open_byproto - a socket of netlink @protocol (NETLINK_GENERIC ...) */
int rtnl_open_byproto(struct rtnl_handle *rth, unsigned int subscriptions,
		      int protocol);
void rtnl_close(struct rtnl_handle *rth);
int rtnl_talk(struct rtnl_handle *rth, struct nlmsghdr *req,
	      struct nlmsghdr **answer);
int rtnl_talk_quiet(struct rtnl_handle *rth, struct nlmsghdr *req,
		    struct nlmsghdr **answer);
int rtnl_dump(struct rtnl_handle *rth, struct nlmsghdr *req,
	      rtnl_filter_t filter, void *arg);

int addattr_l(struct nlmsghdr *n, size_t maxlen, int type, const void *data,
	      size_t alen);
int addattr8(struct nlmsghdr *n, size_t maxlen, int type, uint8_t v);
int addattr32(struct nlmsghdr *n, size_t maxlen, int type, uint32_t v);
int addattr_strz(struct nlmsghdr *n, size_t maxlen, int type, const char *s);
struct rtattr *addattr_nest(struct nlmsghdr *n, size_t maxlen, int type);
void addattr_nest_end(struct nlmsghdr *n, struct rtattr *nest);

void parse_rtattr(struct rtattr *tb[], int max, struct rtattr *rta, int len);
#define parse_rtattr_nested(tb, max, rta) \
	parse_rtattr(tb, max, RTA_DATA(rta), (int)RTA_PAYLOAD(rta))

static inline uint8_t rta_getattr_u8(const struct rtattr *rta)
{
	return *(const uint8_t *)RTA_DATA(rta);
}

static inline uint32_t rta_getattr_u32(const struct rtattr *rta)
{
	uint32_t v;

	__builtin_memcpy(&v, RTA_DATA(rta), sizeof(v));
	return v;
}

static inline int32_t rta_getattr_s32(const struct rtattr *rta)
{
	return (int32_t)rta_getattr_u32(rta);
}

static inline const char *rta_getattr_str(const struct rtattr *rta)
{
	return (const char *)RTA_DATA(rta);
}

#define NLMSG_TAIL(nmsg) \
	((struct rtattr *)(((char *)(nmsg)) + NLMSG_ALIGN((nmsg)->nlmsg_len)))

#endif /* TN_TOOLS_LIBNETLINK_H */
