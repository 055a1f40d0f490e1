// SPDX-License-Identifier: BSD-2-Clause
/*
 * The tuxnet backend: a fresh stack in virtual time with its test device
 * (netdev.c), and the stack's public API for the system calls.  Time moves
 * only when the event loop moves it, one timer at a time.
 */
#include <stdlib.h>

#include <tuxnet/tuxnet.h>

#include "backend.h"
#include "pd.h"

struct pd_dut {
	struct pd_net *net;
};

static struct pd_dut *tux_create(const struct pd_config *cfg, char *err,
				 size_t errlen)
{
	struct pd_dut *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->net = pd_net_create(cfg->local_ip, cfg->mtu, err, errlen);
	if (!d->net) {
		free(d);
		return NULL;
	}
	return d;
}

static void tux_destroy(struct pd_dut *d)
{
	if (!d)
		return;
	pd_net_destroy(d->net);
	tn_stack_attach(NULL);
	free(d);
}

/* nothing ran in between: the virtual clock has not moved */
static void tux_start_clock(struct pd_dut *d)
{
	(void)d;
}

static void tux_attach(struct pd_dut *d)
{
	tn_stack_attach(pd_net_stack(d->net));
}

static uint64_t tux_now(struct pd_dut *d)
{
	return pd_net_now(d->net);
}

static bool tux_next_timer(struct pd_dut *d, uint64_t *ns)
{
	return pd_net_next_timer(d->net, ns);
}

static void tux_advance(struct pd_dut *d, uint64_t ns, bool until_packet)
{
	(void)until_packet; /* the caller steps from timer to timer */
	pd_net_advance_to(d->net, ns);
}

static int tux_inject(struct pd_dut *d, const uint8_t *pkt, size_t len,
		      unsigned int gso_size)
{
	return pd_net_inject(d->net, pkt, len, gso_size);
}

static struct pd_sniffed *tux_pop(struct pd_dut *d)
{
	return pd_net_pop(d->net);
}

static bool tux_pending(struct pd_dut *d)
{
	return pd_net_pending(d->net);
}

static bool tux_blocked(struct pd_dut *d, pid_t tid)
{
	(void)tid; /* calls sleep in the stack's one task */
	return pd_net_blocked(d->net);
}

static void tux_interrupt(struct pd_dut *d, pthread_t thread)
{
	(void)thread; /* calls sleep in the stack's one task */
	pd_net_interrupt(d->net);
}

static int tux_open(const char *path, int flags)
{
	return tn_open(path, flags);
}

const struct pd_backend pd_backend_tuxnet = {
	.name = "tuxnet",
	.create = tux_create,
	.destroy = tux_destroy,
	.start_clock = tux_start_clock,
	.attach = tux_attach,
	.now = tux_now,
	.next_timer = tux_next_timer,
	.advance = tux_advance,
	.inject = tux_inject,
	.pop = tux_pop,
	.pending = tux_pending,
	.blocked = tux_blocked,
	.call_inline = NULL,
	.interrupt = tux_interrupt,
	.system = NULL,
	.socket = tn_socket,
	.bind = tn_bind,
	.listen = tn_listen,
	.accept = tn_accept,
	.connect = tn_connect,
	.read = tn_read,
	.write = tn_write,
	.send = tn_send,
	.recv = tn_recv,
	.sendto = tn_sendto,
	.recvfrom = tn_recvfrom,
	.sendmsg = tn_sendmsg,
	.recvmsg = tn_recvmsg,
	.close = tn_close,
	.shutdown = tn_shutdown,
	.fcntl = tn_fcntl,
	.ioctl = tn_ioctl,
	.getsockopt = tn_getsockopt,
	.setsockopt = tn_setsockopt,
	.poll = tn_poll,
	.epoll_create1 = tn_epoll_create1,
	.epoll_ctl = tn_epoll_ctl,
	.epoll_wait = tn_epoll_wait,
	.open = tux_open,
};
