/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Netlink messages and attributes as the kernel builds and parses them.
 * Messages are built in an skb (nlmsg_put, nla_put ...) and parsed into a
 * table of attributes (nlmsg_parse).  The wire format is Linux's
 * (<linux/netlink.h>), since the tools speak it.  Linux: include/net/netlink.h.
 */
#ifndef _NET_NETLINK_H
#define _NET_NETLINK_H

#include <sys/socket.h>

#include <linux/netlink.h>

#include <net/skbuff.h>

struct sock;
struct net;

/* Extended ACK: the error text `ip` prints as "Error: ...". */
struct nla_policy;

struct netlink_ext_ack {
	const char *_msg;
	const struct nlattr *bad_attr;
	const struct nla_policy *policy; /* bad_attr's: NLMSGERR_ATTR_POLICY */
	u32 miss_type; /* a required attribute missing: NLMSGERR_ATTR_MISS_* */
	const struct nlattr *miss_nest; /* ... in this nest (NULL: top level) */
};

#define NL_SET_ERR_MSG(extack, msg)                    \
	do {                                           \
		struct netlink_ext_ack *e_ = (extack); \
		if (e_)                                \
			e_->_msg = (msg);              \
	} while (0)
#define NL_SET_ERR_MSG_MOD(extack, msg) NL_SET_ERR_MSG(extack, msg)
/* A required attribute @type is missing (from @nest, or the top level). */
#define NL_SET_ERR_ATTR_MISS(extack, nest, type)       \
	do {                                           \
		struct netlink_ext_ack *e_ = (extack); \
		if (e_) {                              \
			e_->miss_type = (type);        \
			e_->miss_nest = (nest);        \
		}                                      \
	} while (0)
/* An attribute that failed its policy: message, offset and the policy. */
#define NL_SET_ERR_MSG_ATTR_POL(extack, attr, pol, msg) \
	do {                                            \
		struct netlink_ext_ack *e_ = (extack);  \
		if (e_) {                               \
			e_->_msg = (msg);               \
			e_->bad_attr = (attr);          \
			e_->policy = (pol);             \
		}                                       \
	} while (0)
#define NL_SET_BAD_ATTR(extack, attr)                \
	do {                                         \
		if (extack)                          \
			(extack)->bad_attr = (attr); \
	} while (0)

/* Per-skb netlink metadata (NETLINK_CB) kept in skb->cb. */
struct netlink_skb_parms {
	u32 portid;
	u32 dst_group;
	struct sock *sk;
};
#define NETLINK_CB(skb) (*(struct netlink_skb_parms *)(void *)&((skb)->cb))

#define NLMSG_GOODSIZE	8192

static inline struct sk_buff *nlmsg_new(size_t payload, int gfp)
{
	return alloc_skb(
		(unsigned int)NLMSG_ALIGN(NLMSG_HDRLEN + payload) + 256, gfp);
}

/* nlmsg_put - add a message header; NULL if the skb has no room */
static inline struct nlmsghdr *nlmsg_put(struct sk_buff *skb, u32 portid,
					 u32 seq, int type, int payload,
					 int flags)
{
	int size = NLMSG_LENGTH(payload);
	struct nlmsghdr *nlh;

	if (skb_tailroom(skb) < (int)NLMSG_ALIGN(size))
		return NULL;
	nlh = skb_put(skb, NLMSG_ALIGN(size));
	nlh->nlmsg_type = (u16)type;
	nlh->nlmsg_len = (u32)size;
	nlh->nlmsg_flags = (u16)flags;
	nlh->nlmsg_pid = portid;
	nlh->nlmsg_seq = seq;
	if (NLMSG_ALIGN(size) - size)
		memset((char *)NLMSG_DATA(nlh) + payload, 0,
		       NLMSG_ALIGN(size) - size);
	return nlh;
}

static inline void *nlmsg_data(const struct nlmsghdr *nlh)
{
	return (unsigned char *)nlh + NLMSG_HDRLEN;
}

static inline int nlmsg_len(const struct nlmsghdr *nlh)
{
	return (int)nlh->nlmsg_len - NLMSG_HDRLEN;
}

/* nlmsg_end - fix up the length after attributes were added */
static inline void nlmsg_end(struct sk_buff *skb, struct nlmsghdr *nlh)
{
	nlh->nlmsg_len = (u32)(skb->tail - (unsigned char *)nlh);
}

static inline void nlmsg_cancel(struct sk_buff *skb, struct nlmsghdr *nlh)
{
	skb_trim(skb, (unsigned int)((unsigned char *)nlh - skb->data));
}

static inline int nla_attr_size(int payload)
{
	return NLA_HDRLEN + payload;
}

static inline int nla_total_size(int payload)
{
	return NLA_ALIGN(nla_attr_size(payload));
}

static inline void *nla_data(const struct nlattr *nla)
{
	return (char *)nla + NLA_HDRLEN;
}

static inline int nla_len(const struct nlattr *nla)
{
	return nla->nla_len - NLA_HDRLEN;
}

static inline int nla_type(const struct nlattr *nla)
{
	return nla->nla_type & NLA_TYPE_MASK;
}

/* nla_put - append an attribute; -EMSGSIZE if it does not fit */
static inline int nla_put(struct sk_buff *skb, int type, int len,
			  const void *data)
{
	struct nlattr *nla;

	if (skb_tailroom(skb) < nla_total_size(len))
		return -EMSGSIZE;
	nla = skb_put(skb, (unsigned int)nla_total_size(len));
	nla->nla_type = (u16)type;
	nla->nla_len = (u16)nla_attr_size(len);
	if (len)
		memcpy(nla_data(nla), data, (size_t)len);
	if (nla_total_size(len) - nla_attr_size(len))
		memset((char *)nla + nla->nla_len, 0,
		       (size_t)(nla_total_size(len) - nla_attr_size(len)));
	return 0;
}

static inline int nla_put_u8(struct sk_buff *skb, int type, u8 value)
{
	return nla_put(skb, type, sizeof(value), &value);
}

static inline int nla_put_u16(struct sk_buff *skb, int type, u16 value)
{
	return nla_put(skb, type, sizeof(value), &value);
}

static inline int nla_put_u32(struct sk_buff *skb, int type, u32 value)
{
	return nla_put(skb, type, sizeof(value), &value);
}

static inline int nla_put_s32(struct sk_buff *skb, int type, s32 value)
{
	return nla_put(skb, type, sizeof(value), &value);
}

static inline int nla_put_u64_64bit(struct sk_buff *skb, int type, u64 value,
				    int padattr)
{
	(void)padattr; /* 8-byte alignment is not needed by our readers */
	return nla_put(skb, type, sizeof(value), &value);
}

static inline int nla_put_in_addr(struct sk_buff *skb, int type, __be32 addr)
{
	return nla_put(skb, type, sizeof(addr), &addr);
}

static inline int nla_put_string(struct sk_buff *skb, int type, const char *str)
{
	return nla_put(skb, type, (int)strlen(str) + 1, str);
}

static inline int nla_put_flag(struct sk_buff *skb, int type)
{
	return nla_put(skb, type, 0, NULL);
}

static inline struct nlattr *nla_nest_start(struct sk_buff *skb, int type)
{
	struct nlattr *start = (struct nlattr *)(void *)skb->tail;

	if (nla_put(skb, type | NLA_F_NESTED, 0, NULL) < 0)
		return NULL;
	return start;
}
/* The older kind of nest, without NLA_F_NESTED (most rtnetlink nests). */
static inline struct nlattr *nla_nest_start_noflag(struct sk_buff *skb,
						   int type)
{
	struct nlattr *start = (struct nlattr *)(void *)skb->tail;

	if (nla_put(skb, type, 0, NULL) < 0)
		return NULL;
	return start;
}

static inline int nla_nest_end(struct sk_buff *skb, struct nlattr *start)
{
	start->nla_len = (u16)(skb->tail - (unsigned char *)start);
	return skb->len;
}

static inline void nla_nest_cancel(struct sk_buff *skb, struct nlattr *start)
{
	skb_trim(skb, (unsigned int)((unsigned char *)start - skb->data));
}

static inline u8 nla_get_u8(const struct nlattr *nla)
{
	return *(const u8 *)nla_data(nla);
}

static inline u16 nla_get_u16(const struct nlattr *nla)
{
	u16 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static inline u32 nla_get_u32(const struct nlattr *nla)
{
	u32 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static inline s32 nla_get_s32(const struct nlattr *nla)
{
	return (s32)nla_get_u32(nla);
}

static inline __be32 nla_get_in_addr(const struct nlattr *nla)
{
	return nla_get_u32(nla);
}

/* Attribute validation policy (include/net/netlink.h, subset). */
enum {
	NLA_UNSPEC,
	NLA_U8,
	NLA_U16,
	NLA_U32,
	NLA_U64,
	NLA_STRING,
	NLA_FLAG,
	NLA_NESTED,
	NLA_NUL_STRING,
	NLA_BINARY,
	NLA_S32,
	NLA_REJECT, /* the attribute may not be sent */
};

struct nla_policy {
	u8 type;
	u16 len; /* strings/binary: max length; others: exact minimum */
	/* entry 0 only: types from here on are checked strictly (exact
	 * lengths), as Linux's strict_start_type */
	u16 strict_start_type;
	u32 mask; /* integers: the bits allowed (NLA_POLICY_MASK), 0: any */
};

/**
 * nla_parse - split a stream of attributes into @tb[0..maxtype]
 * Validates each attribute against @policy (may be NULL); unknown types
 * are ignored, malformed lengths give -EINVAL with @extack set.
 */
int nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head,
	      int len, const struct nla_policy *policy,
	      struct netlink_ext_ack *extack);
/* nlmsg_parse - nla_parse over the attributes after a @hdrlen header */
int nlmsg_parse(const struct nlmsghdr *nlh, int hdrlen, struct nlattr **tb,
		int maxtype, const struct nla_policy *policy,
		struct netlink_ext_ack *extack);
#define nlmsg_parse_deprecated nlmsg_parse
int nla_strscpy(char *dst, const struct nlattr *nla, size_t dstsize);
int nla_strcmp(const struct nlattr *nla, const char *str);

#define nla_for_each_attr(pos, head, len, rem)                           \
	for (pos = head, rem = len;                                      \
	     rem >= (int)sizeof(*pos) && pos->nla_len >= sizeof(*pos) && \
	     pos->nla_len <= rem;                                        \
	     rem -= NLA_ALIGN(pos->nla_len),                             \
	    pos = (struct nlattr *)((char *)pos + NLA_ALIGN(pos->nla_len)))
#define nla_for_each_nested(pos, nla, rem)                                   \
	nla_for_each_attr(pos, (struct nlattr *)nla_data(nla), nla_len(nla), \
			  rem)

static inline struct nlmsghdr *nlmsg_hdr(const struct sk_buff *skb)
{
	return (struct nlmsghdr *)(void *)skb->data;
}

static inline u64 nla_get_u64(const struct nlattr *nla)
{
	u64 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

/* af_netlink.c: kernel sockets */
/* netlink_unicast - deliver @skb to the socket bound to @portid; consumes */
int netlink_unicast(struct sock *ssk, struct sk_buff *skb, u32 portid,
		    int nonblock);
/* netlink_broadcast - to every member of @group; consumes @skb */
int netlink_broadcast(struct sock *ssk, struct sk_buff *skb, u32 portid,
		      u32 group, int gfp);
bool netlink_has_listeners(struct sock *sk, unsigned int group);

/* Dumps: the callback fills @skb from cb->args and returns skb->len (more)
 * or 0 (done). */
struct netlink_callback {
	struct sk_buff *skb;
	const struct nlmsghdr *nlh;
	int (*dump)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	struct netlink_ext_ack *extack;
	u16 answer_flags; /* NLM_F_DUMP_FILTERED: also on NLMSG_DONE */
	u16 family;
	u32 min_dump_alloc;
	bool strict_check;
	void *data; /* the dump's owner's (rtnetlink: the real dumpit) */
	unsigned int flags; /* the owner's too (RTNL_FLAG_DUMP_UNLOCKED) */
	long args[6];
};

/**
 * struct netlink_dump_control - how netlink_dump_start runs a dump
 * @start: called once before the first @dump; optional
 * @dump: fills an skb, returning skb->len while there is more, 0 when
 *	done, or -errno (reported in NLMSG_DONE)
 * @done: called when the dump ends or its socket closes; optional
 * @min_dump_alloc: the smallest skb a single message needs
 */
struct netlink_dump_control {
	int (*start)(struct netlink_callback *cb);
	int (*dump)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	void *data;
	unsigned int flags;
	u32 min_dump_alloc;
};

/**
 * netlink_dump_start - begin a dump for the requester of @skb
 * @ssk: the kernel socket the request came to
 * @skb: the request (NETLINK_CB(skb).sk is the requester); a reference
 *	is kept while the dump runs, the caller still owns its own
 * @nlh: the request header inside @skb (the dump's cb->nlh)
 * The first part is queued now, the rest as the requester reads.
 * Return: -EINTR once started (no ack must follow), or -errno
 *	(-EBUSY: a dump already runs on that socket).
 */
int netlink_dump_start(struct sock *ssk, struct sk_buff *skb,
		       const struct nlmsghdr *nlh,
		       struct netlink_dump_control *control);

/**
 * netlink_rcv_skb - run @cb on each request message in @skb, acking as
 *	Linux does (NLMSG_ERROR on error or NLM_F_ACK; none after -EINTR)
 * The caller keeps @skb.  Return: 0.
 */
int netlink_rcv_skb(struct sk_buff *skb,
		    int (*cb)(struct sk_buff *skb, struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack));
/* netlink_ack - NLMSG_ERROR for @nlh to its sender (err 0: an ACK) */
void netlink_ack(struct sk_buff *in_skb, struct nlmsghdr *nlh, int err,
		 const struct netlink_ext_ack *extack);

/* nlmsg_unicast - netlink_unicast without blocking; 0 or -errno */
static inline int nlmsg_unicast(struct sock *sk, struct sk_buff *skb,
				u32 portid)
{
	int err = netlink_unicast(sk, skb, portid, MSG_DONTWAIT);

	return err > 0 ? 0 : err;
}

/* netlink_set_err - report @code to every member of @group; listeners count */
int netlink_set_err(struct sock *ssk, u32 portid, u32 group, int code);

/* netlink_strict_get_check - did the requester set NETLINK_GET_STRICT_CHK? */
bool netlink_strict_get_check(struct sk_buff *skb);

/* Create the NETLINK_ROUTE kernel socket of @net, whose input is @input. */
struct sock *netlink_kernel_create(struct net *net, int unit,
				   void (*input)(struct sk_buff *skb));
void netlink_kernel_release(struct sock *sk);

#endif /* _NET_NETLINK_H */
