// SPDX-License-Identifier: BSD-2-Clause
/*
 * A small rtnetlink client on the tuxnet API.  Every call goes through
 * tn_socket/tn_sendmsg/tn_recvmsg, so the same code talks to tuxnet's
 * stack or, linked with libtuxnet-host, to the Linux kernel.
 */
#include "libnetlink.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <tuxnet/tuxnet.h>
#include <unistd.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define RTNL_RCVBUF ((size_t)64 * 1024)

/**
 * rtnl_open - open and bind a NETLINK_ROUTE socket
 * @rth: handle to fill
 *
 * Return: 0, or -1 with errno set (a message is printed).
 */
int rtnl_open(struct rtnl_handle *rth)
{
	int one = 1;

	if (rtnl_open_byproto(rth, 0, NETLINK_ROUTE) < 0)
		return -1;
	/* Strict dump requests, as iproute2's rtnl_set_strict_dump(): the
	 * kernel then honours a dump's filters (list-id target-nsid ...). */
	tn_setsockopt(rth->fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
		      sizeof(one));
	return 0;
}

int rtnl_open_byproto(struct rtnl_handle *rth, unsigned int subscriptions,
		      int protocol)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = subscriptions };
	socklen_t len = sizeof(sa);
	int one = 1;

	memset(rth, 0, sizeof(*rth));
	rth->fd = tn_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
	if (rth->fd < 0) {
		perror("Cannot open netlink socket");
		return -1;
	}
	/* Extended acks are optional: a stack without them still works. */
	tn_setsockopt(rth->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (tn_bind(rth->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("Cannot bind netlink socket");
		goto out_close;
	}
	if (tn_getsockname(rth->fd, (struct sockaddr *)&sa, &len) < 0) {
		perror("Cannot getsockname");
		goto out_close;
	}
	rth->portid = sa.nl_pid;
	rth->seq = (uint32_t)time(NULL);
	return 0;

out_close:
	tn_close(rth->fd);
	rth->fd = -1;
	return -1;
}

void rtnl_close(struct rtnl_handle *rth)
{
	if (rth->fd >= 0) {
		tn_close(rth->fd);
		rth->fd = -1;
	}
}

static int rtnl_send(struct rtnl_handle *rth, struct nlmsghdr *n)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct iovec iov = { .iov_base = n, .iov_len = n->nlmsg_len };
	struct msghdr msg = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};

	n->nlmsg_seq = ++rth->seq;
	n->nlmsg_pid = 0;
	if (tn_sendmsg(rth->fd, &msg, 0) < 0) {
		perror("Cannot talk to rtnetlink");
		return -1;
	}
	return 0;
}

static ssize_t rtnl_recv(struct rtnl_handle *rth, char *buf, size_t len)
{
	struct sockaddr_nl sa;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {
		.msg_name = &sa,
		.msg_namelen = sizeof(sa),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	for (;;) {
		n = tn_recvmsg(rth->fd, &msg, 0);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			fprintf(stderr, "netlink receive error %s (%d)\n",
				strerror(errno), errno);
			return -1;
		}
		if (n == 0) {
			fprintf(stderr, "EOF on netlink\n");
			return -1;
		}
		if (msg.msg_flags & MSG_TRUNC) {
			fprintf(stderr, "Message truncated\n");
			return -1;
		}
		return n;
	}
}

/*
 * The extended-ack message carried after an error's copy of the request,
 * or NULL.
 */
static const char *nl_extack_msg(const struct nlmsghdr *h)
{
	const struct nlmsgerr *err = NLMSG_DATA(h);
	struct rtattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off, len;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	/* NLMSG_DONE: the TLVs follow the dump's int status */
	off = h->nlmsg_type == NLMSG_DONE ? sizeof(int) : sizeof(*err);
	if (h->nlmsg_type != NLMSG_DONE && !(h->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	off = NLMSG_ALIGN(off);
	len = h->nlmsg_len - NLMSG_HDRLEN;
	if (off >= len)
		return NULL;
	parse_rtattr(tb, NLMSGERR_ATTR_MAX,
		     (struct rtattr *)((char *)NLMSG_DATA(h) + off),
		     (int)(len - off));
	if (!tb[NLMSGERR_ATTR_MSG] || RTA_PAYLOAD(tb[NLMSGERR_ATTR_MSG]) < 2)
		return NULL;
	return rta_getattr_str(tb[NLMSGERR_ATTR_MSG]);
}

/*
 * A dump's NLMSG_DONE carries its status (an int), then, with
 * NLM_F_ACK_TLVS, the extended-ack attributes.  A failed dump prints
 * "Error: MSG." or "RTNETLINK answers: ..." as iproute2's rtnl_dump_done()
 * (nothing for ENOENT and EOPNOTSUPP); -1 then, with errno set.
 */
static int rtnl_dump_done(const struct nlmsghdr *h)
{
	struct rtattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = NLMSG_ALIGN(sizeof(int));
	size_t len = h->nlmsg_len - NLMSG_HDRLEN;
	int status;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
		return 0;
	memcpy(&status, NLMSG_DATA(h), sizeof(status));
	if (status >= 0)
		return 0;
	errno = -status;
	if ((h->nlmsg_flags & NLM_F_ACK_TLVS) && off < len) {
		parse_rtattr(tb, NLMSGERR_ATTR_MAX,
			     (struct rtattr *)((char *)NLMSG_DATA(h) + off),
			     (int)(len - off));
		if (tb[NLMSGERR_ATTR_MSG] &&
		    RTA_PAYLOAD(tb[NLMSGERR_ATTR_MSG]) > 1) {
			const char *msg =
				rta_getattr_str(tb[NLMSGERR_ATTR_MSG]);
			size_t n = strnlen(msg,
					   RTA_PAYLOAD(tb[NLMSGERR_ATTR_MSG]));

			fprintf(stderr, "Error: %.*s%s\n", (int)n, msg,
				n && msg[n - 1] == '.' ? "" : ".");
			errno = -status;
			return -1;
		}
	}
	if (errno != ENOENT && errno != EOPNOTSUPP) {
		if (errno == EMSGSIZE)
			fprintf(stderr,
				"Error: Buffer too small for object.\n");
		else
			fprintf(stderr, "RTNETLINK answers: %s\n",
				strerror(errno));
	}
	errno = -status;
	return -1;
}

/* Prints "Error: MSG." or "Warning: MSG." as iproute2 does; 1 if printed. */
static int nl_dump_ext_ack(const struct nlmsghdr *h, int is_err)
{
	const char *msg = nl_extack_msg(h);
	size_t len;

	if (!msg)
		return 0;
	len = strnlen(msg, 4096);
	if (!len)
		return 0;
	fprintf(stderr, "%s: %.*s", is_err ? "Error" : "Warning", (int)len,
		msg);
	if (msg[len - 1] != '.')
		fprintf(stderr, ".");
	fprintf(stderr, "\n");
	return 1;
}

static int __rtnl_talk(struct rtnl_handle *rth, struct nlmsghdr *req,
		       struct nlmsghdr **answer, int show_err)
{
	char *buf;
	int ret = -1;

	if (!answer)
		req->nlmsg_flags |= NLM_F_ACK;
	if (rtnl_send(rth, req) < 0)
		return -1;
	buf = malloc(RTNL_RCVBUF);
	if (!buf) {
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		ssize_t n = rtnl_recv(rth, buf, RTNL_RCVBUF);
		struct nlmsghdr *h;
		size_t left;

		if (n < 0)
			goto out;
		left = (size_t)n;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_pid != rth->portid ||
			    h->nlmsg_seq != rth->seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *err = NLMSG_DATA(h);

				if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*err))) {
					fprintf(stderr, "ERROR truncated\n");
					errno = EINVAL;
					goto out;
				}
				if (!err->error) {
					if (show_err)
						nl_dump_ext_ack(h, 0);
					ret = 0;
				} else {
					if (show_err && !nl_dump_ext_ack(h, 1))
						fprintf(stderr,
							"RTNETLINK answers: %s\n",
							strerror(-err->error));
					errno = -err->error;
				}
				if (answer && !err->error) {
					*answer = malloc(h->nlmsg_len);
					if (*answer)
						memcpy(*answer, h,
						       h->nlmsg_len);
				}
				goto out;
			}
			if (answer) {
				*answer = malloc(h->nlmsg_len);
				if (!*answer) {
					errno = ENOMEM;
					goto out;
				}
				memcpy(*answer, h, h->nlmsg_len);
				ret = 0;
				goto out;
			}
		}
	}
out:
	free(buf);
	return ret;
}

/**
 * rtnl_talk - send a request and wait for its answer or acknowledgement
 * @rth: the socket
 * @req: the request; its sequence number is set here
 * @answer: if not NULL, receives a malloc'd copy of the reply
 *
 * A kernel error is printed as iproute2 prints it: the extended-ack
 * message ("Error: ...") if there is one, else "RTNETLINK answers: ...".
 *
 * Return: 0, or -1 with errno set to the kernel's error.
 */
int rtnl_talk(struct rtnl_handle *rth, struct nlmsghdr *req,
	      struct nlmsghdr **answer)
{
	return __rtnl_talk(rth, req, answer, 1);
}

/* As rtnl_talk(), printing nothing. */
int rtnl_talk_quiet(struct rtnl_handle *rth, struct nlmsghdr *req,
		    struct nlmsghdr **answer)
{
	return __rtnl_talk(rth, req, answer, 0);
}

/**
 * rtnl_dump - send a dump request and call @filter on each message
 * @rth: the socket
 * @req: the request (NLM_F_DUMP is added)
 * @filter: called for each message of the answer
 * @arg: passed to @filter
 *
 * Return: 0, or -1 (an error message was printed, errno set).
 */
int rtnl_dump(struct rtnl_handle *rth, struct nlmsghdr *req,
	      rtnl_filter_t filter, void *arg)
{
	char *buf;
	int ret = -1, stop = 0;

	req->nlmsg_flags |= NLM_F_DUMP | NLM_F_REQUEST;
	if (rtnl_send(rth, req) < 0)
		return -1;
	buf = malloc(RTNL_RCVBUF);
	if (!buf) {
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		ssize_t n = rtnl_recv(rth, buf, RTNL_RCVBUF);
		struct nlmsghdr *h;
		size_t left;

		if (n < 0)
			goto out;
		left = (size_t)n;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_pid != rth->portid ||
			    h->nlmsg_seq != rth->seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE) {
				ret = rtnl_dump_done(h) < 0 ? -1 : stop;
				goto out;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *err = NLMSG_DATA(h);

				if (!nl_dump_ext_ack(h, 1))
					fprintf(stderr,
						"RTNETLINK answers: %s\n",
						strerror(-err->error));
				errno = -err->error;
				goto out;
			}
			if (!stop && filter(h, arg) < 0)
				stop = -1;
		}
	}
out:
	free(buf);
	return ret;
}

int addattr_l(struct nlmsghdr *n, size_t maxlen, int type, const void *data,
	      size_t alen)
{
	size_t len = RTA_LENGTH(alen);
	struct rtattr *rta;

	if (NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(len) > maxlen) {
		fprintf(stderr,
			"addattr_l ERROR: message exceeded bound of %zu\n",
			maxlen);
		return -1;
	}
	rta = NLMSG_TAIL(n);
	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)len;
	if (alen)
		memcpy(RTA_DATA(rta), data, alen);
	n->nlmsg_len = (uint32_t)(NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(len));
	return 0;
}

int addattr8(struct nlmsghdr *n, size_t maxlen, int type, uint8_t v)
{
	return addattr_l(n, maxlen, type, &v, sizeof(v));
}

int addattr32(struct nlmsghdr *n, size_t maxlen, int type, uint32_t v)
{
	return addattr_l(n, maxlen, type, &v, sizeof(v));
}

int addattr_strz(struct nlmsghdr *n, size_t maxlen, int type, const char *s)
{
	return addattr_l(n, maxlen, type, s, strlen(s) + 1);
}

struct rtattr *addattr_nest(struct nlmsghdr *n, size_t maxlen, int type)
{
	struct rtattr *nest = NLMSG_TAIL(n);

	addattr_l(n, maxlen, type, NULL, 0);
	return nest;
}

void addattr_nest_end(struct nlmsghdr *n, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)NLMSG_TAIL(n) - (char *)nest);
}

/**
 * parse_rtattr - index a run of attributes by type
 * @tb: array of @max + 1 slots, cleared here
 * @max: highest type kept
 * @rta: first attribute
 * @len: bytes of attributes
 */
void parse_rtattr(struct rtattr *tb[], int max, struct rtattr *rta, int len)
{
	unsigned short type;

	memset(tb, 0, sizeof(struct rtattr *) * (size_t)(max + 1));
	while (RTA_OK(rta, len)) {
		type = rta->rta_type & ~NLA_F_NESTED;
		if (type <= max && !tb[type])
			tb[type] = rta;
		rta = RTA_NEXT(rta, len);
	}
}
