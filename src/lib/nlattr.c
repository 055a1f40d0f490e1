// SPDX-License-Identifier: BSD-2-Clause
/*
 * Netlink attribute parsing: splitting a run of struct nlattr into a table
 * indexed by type, validating each against a policy.  Everything here reads
 * data a user sent, so every length is checked before it is trusted and no
 * read goes past the attribute stream.  Linux: lib/nlattr.c.
 */
#include <net/netlink.h>

/* Minimum payload of the fixed-size types (Linux's nla_attr_minlen). */
static const u8 nla_attr_minlen[] = {
	[NLA_U8] = sizeof(u8),	 [NLA_U16] = sizeof(u16),
	[NLA_U32] = sizeof(u32), [NLA_U64] = sizeof(u64),
	[NLA_S32] = sizeof(s32), [NLA_NESTED] = NLA_HDRLEN,
};

/* An NLA_U32 with a mask: no bit outside it may be set. */
static int validate_nla_mask(const struct nlattr *nla,
			     const struct nla_policy *pt,
			     struct netlink_ext_ack *extack)
{
	u32 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	if (v & ~pt->mask) {
		NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, "reserved bit set");
		return -EINVAL;
	}
	return 0;
}

/*
 * validate_nla - check one attribute against its policy entry.  As Linux's
 * liberal (deprecated) validation: short fixed-size attributes, over-long
 * strings and flags with a payload fail with -ERANGE, a NUL string without
 * its NUL with -EINVAL; longer fixed-size attributes are accepted.
 */
static int validate_nla(const struct nlattr *nla, int maxtype,
			const struct nla_policy *policy,
			struct netlink_ext_ack *extack)
{
	const struct nla_policy *pt;
	int type = nla_type(nla);
	int attrlen = nla_len(nla);
	const char *buf = nla_data(nla);
	int minlen, err = -ERANGE;

	if (type <= 0 || type > maxtype)
		return 0;
	pt = &policy[type];
	/* newer attributes of a family: integers of exactly their size */
	if (policy[0].strict_start_type &&
	    type >= policy[0].strict_start_type &&
	    pt->type < ARRAY_SIZE(nla_attr_minlen) && pt->type != NLA_NESTED &&
	    nla_attr_minlen[pt->type] && attrlen != nla_attr_minlen[pt->type]) {
		NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt,
					"invalid attribute length");
		return -EINVAL;
	}
	switch (pt->type) {
	case NLA_REJECT:
		err = -EINVAL;
		goto out_err;
	case NLA_FLAG:
		if (attrlen > 0)
			goto out_err;
		break;
	case NLA_NUL_STRING:
		minlen = pt->len ? min_t(int, attrlen, pt->len + 1) : attrlen;
		if (!minlen || !memchr(buf, '\0', (size_t)minlen)) {
			err = -EINVAL;
			goto out_err;
		}
		/* a NUL-terminated string is a string too */
		fallthrough;
	case NLA_STRING:
		if (attrlen < 1)
			goto out_err;
		if (pt->len) {
			if (buf[attrlen - 1] == '\0')
				attrlen--;
			if (attrlen > pt->len)
				goto out_err;
		}
		break;
	case NLA_BINARY:
		if (pt->len && attrlen > pt->len)
			goto out_err;
		break;
	case NLA_NESTED:
		if (attrlen == 0)
			break;
		if (attrlen < NLA_HDRLEN)
			goto out_err;
		break;
	default:
		minlen = pt->len;
		if (!minlen && pt->type < ARRAY_SIZE(nla_attr_minlen))
			minlen = nla_attr_minlen[pt->type];
		if (attrlen < minlen)
			goto out_err;
		if (pt->mask && pt->type == NLA_U32)
			return validate_nla_mask(nla, pt, extack);
		break;
	}
	return 0;

out_err:
	NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt,
				"Attribute failed policy validation");
	return err;
}

/**
 * nla_parse - split a stream of attributes into a table by type
 * @tb: table of @maxtype + 1 entries, cleared and filled (the last
 *	attribute of a type wins, as Linux)
 * @maxtype: highest type kept; higher and zero types are skipped
 * @head: first attribute; @len: bytes in the stream
 * @policy: per-type validation, or NULL
 * @extack: gets Linux's message when an attribute fails its policy
 *
 * A truncated or malformed attribute ends the stream (the bytes left are
 * ignored, as Linux's liberal parsing does).
 * Return: 0, or -ERANGE/-EINVAL when an attribute fails validation.
 */
int nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head,
	      int len, const struct nla_policy *policy,
	      struct netlink_ext_ack *extack)
{
	const struct nlattr *nla;
	int rem, err;

	memset(tb, 0, sizeof(struct nlattr *) * (size_t)(maxtype + 1));
	if (!head || len <= 0)
		return 0;
	nla_for_each_attr(nla, head, len, rem) {
		int type = nla_type(nla);

		if (type == 0 || type > maxtype)
			continue;
		if (policy) {
			err = validate_nla(nla, maxtype, policy, extack);
			if (err < 0)
				return err;
		}
		tb[type] = (struct nlattr *)nla;
	}
	return 0;
}

/**
 * nlmsg_parse - nla_parse over the attributes that follow a @hdrlen-byte
 *	family header in @nlh
 * @nlh: a message whose nlmsg_len the caller has checked against the buffer
 * Return: 0, -EINVAL if the message is too short for its header, or what
 *	nla_parse returns.
 */
int nlmsg_parse(const struct nlmsghdr *nlh, int hdrlen, struct nlattr **tb,
		int maxtype, const struct nla_policy *policy,
		struct netlink_ext_ack *extack)
{
	int attrlen;

	if (nlh->nlmsg_len < (u32)NLMSG_LENGTH(hdrlen)) {
		memset(tb, 0, sizeof(struct nlattr *) * (size_t)(maxtype + 1));
		return -EINVAL;
	}
	attrlen = (int)nlh->nlmsg_len - (int)NLMSG_SPACE(hdrlen);
	if (attrlen <= 0) {
		memset(tb, 0, sizeof(struct nlattr *) * (size_t)(maxtype + 1));
		return 0;
	}
	return nla_parse(
		tb, maxtype,
		(const struct nlattr *)(const void *)((const char *)nlh +
						      NLMSG_SPACE(hdrlen)),
		attrlen, policy, extack);
}

/**
 * nla_strscpy - copy a string attribute into a @dstsize buffer
 * Copies up to the attribute's end (a trailing NUL is not counted),
 * truncating to @dstsize - 1 bytes, and NUL-pads the rest of @dst.
 * Return: the length copied, or -E2BIG if the string was truncated.
 */
int nla_strscpy(char *dst, const struct nlattr *nla, size_t dstsize)
{
	const char *src = nla_data(nla);
	size_t srclen = (size_t)max_t(int, nla_len(nla), 0);
	size_t len;
	int ret;

	if (srclen > 0 && src[srclen - 1] == '\0')
		srclen--;
	if (!dstsize)
		return -E2BIG;
	if (srclen >= dstsize) {
		len = dstsize - 1;
		ret = -E2BIG;
	} else {
		len = srclen;
		ret = (int)len;
	}
	memcpy(dst, src, len);
	memset(dst + len, 0, dstsize - len);
	return ret;
}

/**
 * nla_strcmp - compare a string attribute (trailing NULs ignored) with @str
 * Return: 0 when equal, else the difference as strcmp() would order them.
 */
int nla_strcmp(const struct nlattr *nla, const char *str)
{
	int attrlen = max_t(int, nla_len(nla), 0);
	const char *buf = nla_data(nla);
	int len = (int)strlen(str);
	int d;

	while (attrlen > 0 && buf[attrlen - 1] == '\0')
		attrlen--;
	d = attrlen - len;
	if (d == 0)
		d = memcmp(buf, str, (size_t)len);
	return d;
}
