/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generic netlink (NETLINK_GENERIC): families registered by name get an
 * id from GENL_START_ALLOC up (nlctrl is GENL_ID_CTRL), and each message
 * to that id is handed to the family's operation for its command.  The
 * wire format is Linux's (<linux/genetlink.h>).  Linux:
 * include/net/genetlink.h, net/netlink/genetlink.c.
 */
#ifndef _NET_GENETLINK_H
#define _NET_GENETLINK_H

#include <linux/genetlink.h>

#include <net/netlink.h>

struct tn_stack;

/* genl_ops.validate: how the attributes are checked (all: liberally) */
#define GENL_DONT_VALIDATE_STRICT 0x1
#define GENL_DONT_VALIDATE_DUMP	  0x2

/**
 * struct genl_info - one request, as a doit sees it
 * @snd_seq, @snd_portid: the sender's sequence number and port
 * @nlhdr, @genlhdr: the request's headers
 * @attrs: its attributes parsed under the operation's policy (NULL if
 *	the operation takes none)
 * @net: the namespace of the socket it came on
 */
struct genl_info {
	u32 snd_seq;
	u32 snd_portid;
	const struct genl_family *family;
	const struct nlmsghdr *nlhdr;
	struct genlmsghdr *genlhdr;
	struct nlattr **attrs;
	struct net *net;
	struct netlink_ext_ack *extack;
};

static inline struct net *genl_info_net(const struct genl_info *info)
{
	return info->net;
}

/**
 * struct genl_ops - what a family does for one command
 * @doit: a request; @dumpit: a dump (NLM_F_DUMP); either may be NULL
 * @policy, @maxattr: the attributes of the request (none: the family's)
 * @flags: GENL_ADMIN_PERM ...; @validate: GENL_DONT_VALIDATE_*
 */
struct genl_ops {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*start)(struct netlink_callback *cb);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 flags;
	u8 validate;
};

/**
 * struct genl_family - a generic netlink family
 * @name: what nlctrl finds it by; @version, @hdrsize: its header
 * @maxattr, @policy: its attributes (the operations' by default)
 * @netnsok: usable in every namespace (otherwise the initial one only)
 * @resv_start_op: commands from this one on must leave the header's
 *	reserved field 0
 * The id is the stack's: genl_family_id().
 */
struct genl_family {
	char name[GENL_NAMSIZ];
	unsigned int hdrsize;
	unsigned int version;
	unsigned int maxattr;
	const struct nla_policy *policy;
	bool netnsok;
	u8 resv_start_op;
	const struct genl_ops *ops;
	unsigned int n_ops;
};

int genl_register_family(const struct genl_family *family);
int genl_unregister_family(const struct genl_family *family);
/* genl_family_id - @family's id in the current stack (0: not registered) */
u16 genl_family_id(const struct genl_family *family);

/* genlmsg_put - a message header and a generic header for @family's @cmd;
 * returns where the family header (or the attributes) go, or NULL */
void *genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq,
		  const struct genl_family *family, int flags, u8 cmd);

static inline void *genlmsg_put_reply(struct sk_buff *skb,
				      const struct genl_info *info,
				      const struct genl_family *family,
				      int flags, u8 cmd)
{
	return genlmsg_put(skb, info->snd_portid, info->snd_seq, family, flags,
			   cmd);
}

/* genlmsg_end - close the message whose user header starts at @hdr */
static inline void genlmsg_end(struct sk_buff *skb, void *hdr)
{
	nlmsg_end(skb, (struct nlmsghdr *)(void *)((char *)hdr - GENL_HDRLEN -
						   NLMSG_HDRLEN));
}

static inline void genlmsg_cancel(struct sk_buff *skb, void *hdr)
{
	if (hdr)
		nlmsg_cancel(skb, (struct nlmsghdr *)(void *)((char *)hdr -
							      GENL_HDRLEN -
							      NLMSG_HDRLEN));
}

/* genlmsg_reply - send @skb (consumed) to the requester of @info */
int genlmsg_reply(struct sk_buff *skb, const struct genl_info *info);

/* genl_init/genl_exit: the registry, nlctrl and every namespace's
 * NETLINK_GENERIC kernel socket (the "core" init level) */
int genl_init(struct tn_stack *st);
void genl_exit(struct tn_stack *st);

/*
 * genl_rcv_msg - one request message to the families (what the
 * NETLINK_GENERIC kernel socket's input runs for each; the fuzz target
 * calls it directly)
 */
int genl_rcv_msg(struct sk_buff *skb, struct nlmsghdr *nlh,
		 struct netlink_ext_ack *extack);

#endif /* _NET_GENETLINK_H */
