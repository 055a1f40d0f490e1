// SPDX-License-Identifier: BSD-2-Clause
/*
 * The relay: stdin to the network, the network to stdout, as netcat does
 * it (one buffer each way, a descriptor dropped from the poll set when it
 * ends or fails, -N's half-close, -q's linger, -w's idle timeout, -W's
 * read count, -C's line ends, -i's pause after each line, -t's telnet
 * answers).  stdin and stdout are the host's; the socket is the stack's.
 */
#include <arpa/telnet.h>
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "nc.h"

struct buf {
	unsigned char data[NC_BUFSIZE];
	size_t len;
};

struct relay {
	struct pollfd pfd[POLL_NR];
	struct buf in; /* read from stdin, for the network */
	struct buf out; /* read from the network, for stdout */
	int net_fd;
	long long quit_at; /* -q: the deadline, on the stack's clock; -1 */
};

/* -W's count, over every connection of -k (as netcat's global) */
static int recvcount;

static int is_net(const struct relay *r, int fd)
{
	return fd != -1 && fd == r->net_fd;
}

static ssize_t fd_read(const struct relay *r, int fd, void *p, size_t n)
{
	return is_net(r, fd) ? tn_recv(fd, p, n, 0) : read(fd, p, n);
}

static ssize_t fd_write(const struct relay *r, int fd, const void *p, size_t n)
{
	return is_net(r, fd) ? tn_send(fd, p, n, 0) : write(fd, p, n);
}

/* Writes all of @p (-C's "\r\n", telnet answers). */
static ssize_t write_all(const struct relay *r, int fd, const void *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = fd_write(r, fd, (const char *)p + done, n - done);

		if (w < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (w <= 0)
			return (ssize_t)done;
		done += (size_t)w;
	}
	return (ssize_t)done;
}

/*
 * drainbuf - writes what @b holds to @fd; with @oneline, one line at a time
 * (-C turns a bare "\n" into "\r\n", -i pauses after it).  Returns what
 * write returned, -2 for "try again".
 */
static ssize_t drainbuf(struct relay *r, int fd, struct buf *b, int oneline)
{
	unsigned char *lf = NULL;
	ssize_t n;
	int crlf = 0;

	if (fd == -1)
		return -1;
	if (oneline)
		lf = memchr(b->data, '\n', b->len);
	if (!lf) {
		n = (ssize_t)b->len;
		oneline = 0;
	} else if (nc.crlf && (lf == b->data || lf[-1] != '\r')) {
		n = lf - b->data;
		crlf = 1;
	} else {
		n = lf - b->data + 1;
	}
	if (n > 0)
		n = fd_write(r, fd, b->data, (size_t)n);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		n = -2;
	if (crlf && n >= 0)
		n++; /* the "\n", sent as "\r\n" below */
	if (n <= 0)
		return n;
	if (crlf && write_all(r, fd, "\r\n", 2) != 2)
		err(1, "write failed (%d/2)", 0);
	if (oneline && nc.iflag)
		nc_sleep_ms((long long)nc.iflag * 1000);
	b->len -= (size_t)n;
	if (b->len)
		memmove(b->data, b->data + n, b->len);
	return n;
}

/* fillbuf - reads into the free end of @b: what read returned, -2 again. */
static ssize_t fillbuf(struct relay *r, int fd, struct buf *b)
{
	ssize_t n;

	if (fd == -1)
		return -1;
	n = fd_read(r, fd, b->data + b->len, sizeof(b->data) - b->len);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		n = -2;
	if (n <= 0)
		return n;
	b->len += (size_t)n;
	return n;
}

/* Answers RFC 854 option negotiation: WILL/WONT with DONT, DO/DONT with WONT. */
static void atelnet(struct relay *r, int fd, const unsigned char *p,
		    size_t size)
{
	const unsigned char *end;

	if (size < 3)
		return;
	end = p + size - 2;
	for (; p < end; p++) {
		unsigned char obuf[3];

		if (*p != IAC)
			continue;
		obuf[0] = IAC;
		p++;
		if (*p == WILL || *p == WONT)
			obuf[1] = DONT;
		else if (*p == DO || *p == DONT)
			obuf[1] = WONT;
		else
			continue;
		p++;
		obuf[2] = *p;
		if (write_all(r, fd, obuf, 3) != 3)
			warn("Write Error!");
	}
}

static void stop_netin(struct relay *r)
{
	if (r->pfd[POLL_NETIN].fd != -1)
		tn_shutdown(r->pfd[POLL_NETIN].fd, SHUT_RD);
	r->pfd[POLL_NETIN].fd = -1;
}

static void stop_netout(struct relay *r)
{
	if (r->pfd[POLL_NETOUT].fd != -1 && nc.big_nflag)
		tn_shutdown(r->pfd[POLL_NETOUT].fd, SHUT_WR);
	r->pfd[POLL_NETOUT].fd = -1;
}

/*
 * Whether the relay is over: 1 to return, 0 to go on.  With -q, the end
 * of both directions closes the socket and starts the countdown instead
 * (netcat's alarm(2), here on the stack's clock).
 */
static int relay_over(struct relay *r)
{
	struct pollfd *p = r->pfd;
	int over = 0;

	/* both inputs gone and buffers empty */
	if (p[POLL_STDIN].fd == -1 && p[POLL_NETIN].fd == -1 && !r->in.len &&
	    !r->out.len)
		over = 1;
	/* both outputs gone */
	if (p[POLL_NETOUT].fd == -1 && p[POLL_STDOUT].fd == -1)
		over = 1;
	/* listening, the network's input gone, buffers empty */
	if (nc.lflag && p[POLL_NETIN].fd == -1 && !r->in.len && !r->out.len)
		over = 1;
	if (!over)
		return 0;
	if (nc.qflag <= 0)
		return 1;
	if (r->quit_at < 0) {
		/* closed now, as netcat does; its fd number may be reused */
		tn_close(r->net_fd);
		r->net_fd = -1;
		p[POLL_NETOUT].fd = -1;
		p[POLL_NETIN].fd = -1;
		p[POLL_STDIN].fd = -1;
		r->quit_at = nc_now_ms() + (long long)nc.qflag * 1000;
	}
	return 0;
}

/* The wait's timeout: -w's, cut short by -q's deadline. */
static int relay_timeout(const struct relay *r)
{
	long long left;

	if (r->quit_at < 0)
		return nc.timeout;
	left = r->quit_at - nc_now_ms();
	if (left <= 0)
		exit(0);
	if (nc.timeout >= 0 && nc.timeout < left)
		return nc.timeout;
	return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

/* What poll said about errors and hang-ups: descriptors dropped. */
static void relay_events(struct relay *r)
{
	struct pollfd *p = r->pfd;
	int n;

	for (n = 0; n < POLL_NR; n++)
		if (p[n].revents & (POLLERR | POLLNVAL))
			p[n].fd = -1;
	/* reading is possible after a hang-up */
	if (p[POLL_STDIN].events & POLLIN && p[POLL_STDIN].revents & POLLHUP &&
	    !(p[POLL_STDIN].revents & POLLIN))
		p[POLL_STDIN].fd = -1;
	if (p[POLL_NETIN].events & POLLIN && p[POLL_NETIN].revents & POLLHUP &&
	    !(p[POLL_NETIN].revents & POLLIN))
		p[POLL_NETIN].fd = -1;
	if (p[POLL_NETOUT].revents & POLLHUP)
		stop_netout(r);
	if (p[POLL_STDOUT].revents & POLLHUP)
		p[POLL_STDOUT].fd = -1;
	/* no network to write to: stop reading stdin */
	if (p[POLL_NETOUT].fd == -1)
		p[POLL_STDIN].fd = -1;
	/* no stdout: stop reading the network */
	if (p[POLL_STDOUT].fd == -1)
		stop_netin(r);
}

static void relay_stdin(struct relay *r)
{
	struct pollfd *p = r->pfd;
	ssize_t ret;

	if (p[POLL_STDIN].revents & POLLIN && r->in.len < NC_BUFSIZE) {
		ret = fillbuf(r, p[POLL_STDIN].fd, &r->in);
		if (ret == 0 || ret == -1)
			p[POLL_STDIN].fd = -1;
		if (r->in.len > 0)
			p[POLL_NETOUT].events = POLLOUT;
		if (r->in.len == NC_BUFSIZE)
			p[POLL_STDIN].events = 0;
	}
	if (p[POLL_NETOUT].revents & POLLOUT && r->in.len > 0) {
		ret = drainbuf(r, p[POLL_NETOUT].fd, &r->in,
			       nc.iflag || nc.crlf);
		if (ret == -1)
			p[POLL_NETOUT].fd = -1;
		if (r->in.len == 0)
			p[POLL_NETOUT].events = 0;
		if (r->in.len < NC_BUFSIZE)
			p[POLL_STDIN].events = POLLIN;
	}
}

static void relay_netin(struct relay *r)
{
	struct pollfd *p = r->pfd;
	ssize_t ret;

	if (p[POLL_NETIN].revents & POLLIN && r->out.len < NC_BUFSIZE) {
		ret = fillbuf(r, p[POLL_NETIN].fd, &r->out);
		if (ret == -1)
			p[POLL_NETIN].fd = -1;
		if (ret == 0) /* end of the network's input */
			stop_netin(r);
		if (nc.recvlimit > 0 && ++recvcount >= nc.recvlimit) {
			stop_netin(r);
			p[POLL_STDIN].fd = -1;
		}
		if (r->out.len > 0)
			p[POLL_STDOUT].events = POLLOUT;
		if (r->out.len == NC_BUFSIZE)
			p[POLL_NETIN].events = 0;
		/* 1.219 answers even once the socket is gone (fd -1: EBADF) */
		if (nc.tflag)
			atelnet(r, p[POLL_NETIN].fd, r->out.data, r->out.len);
	}
	if (p[POLL_STDOUT].revents & POLLOUT && r->out.len > 0) {
		ret = drainbuf(r, p[POLL_STDOUT].fd, &r->out, 0);
		if (ret == -1)
			p[POLL_STDOUT].fd = -1;
		if (r->out.len == 0)
			p[POLL_STDOUT].events = 0;
		if (r->out.len < NC_BUFSIZE)
			p[POLL_NETIN].events = POLLIN;
	}
}

/* After the transfers: ends that follow from others ending. */
static void relay_ends(struct relay *r)
{
	struct pollfd *p = r->pfd;

	/* stdin gone and its buffer sent */
	if (p[POLL_STDIN].fd == -1 && r->in.len == 0) {
		stop_netout(r);
		/*
		 * Debian's change (#817050): with -q, a listener or a UDP
		 * socket stops reading too, so that -q can end it.
		 */
		if ((nc.lflag || nc.uflag) && p[POLL_NETIN].fd != -1 &&
		    nc.qflag >= 0 && r->out.len == 0) {
			stop_netin(r);
			nc.kflag = 0;
		}
	}
	/* the network's input gone and its buffer written */
	if (p[POLL_NETIN].fd == -1 && r->out.len == 0)
		p[POLL_STDOUT].fd = -1;
}

int readwrite(int net_fd)
{
	struct relay *r = calloc(1, sizeof(*r));
	int closed;

	if (!r)
		err(1, NULL);
	r->net_fd = net_fd;
	r->quit_at = -1;
	r->pfd[POLL_STDIN] = (struct pollfd){
		.fd = nc.dflag ? -1 : STDIN_FILENO,
		.events = POLLIN,
	};
	r->pfd[POLL_NETOUT] = (struct pollfd){ .fd = net_fd };
	r->pfd[POLL_NETIN] = (struct pollfd){ .fd = net_fd, .events = POLLIN };
	r->pfd[POLL_STDOUT] = (struct pollfd){ .fd = STDOUT_FILENO };

	for (;;) {
		int n;

		if (relay_over(r))
			break;
		n = nc_poll(r->pfd, relay_timeout(r));
		if (n == -1)
			err(1, "polling error");
		if (n == 0) {
			if (r->quit_at >= 0 && nc_now_ms() >= r->quit_at)
				exit(0);
			break; /* -w: idle for that long */
		}
		relay_events(r);
		relay_stdin(r);
		relay_netin(r);
		relay_ends(r);
	}
	closed = r->net_fd == -1;
	free(r);
	return closed;
}
