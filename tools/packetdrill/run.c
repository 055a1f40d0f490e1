// SPDX-License-Identifier: BSD-2-Clause
/*
 * The event loop: one script against a fresh stack, in virtual time, or
 * against the host's kernel in real time (backend.h).
 *
 * Time moves only here.  Before each event the clock runs to the event's
 * time, one timer at a time, and after each timer the runner waits until a
 * blocking call in progress on the second thread has either returned or
 * gone back to sleep, so that every packet and every return is stamped
 * with the virtual time it happened at.  On the real clock the "timers"
 * are millisecond steps and the packets are stamped as they arrive.  Timing rules (anchors, tolerance,
 * '*', windows, the 2 s outbound timeout) are those of packetdrill, as
 * ../shared/conformance/packetdrill/README.md gives them.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

#define NS_PER_US	    1000LL
#define OUTBOUND_TIMEOUT_US 2000000LL
/* '*' waits without a timing check, but not for ever */
#define ANY_TIMEOUT_US 600000000LL
/* a blocked call that neither returns nor sleeps within this (real) time */
#define SETTLE_REAL_NS 10000000000LL

void pd_fail(struct pd_run *r, int line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (r->failed)
		return;
	r->failed = true;
	if (line > 0)
		n = snprintf(r->reason, sizeof(r->reason), "line %d: ", line);
	va_start(ap, fmt);
	(void)vsnprintf(r->reason + n, sizeof(r->reason) - (size_t)n, fmt, ap);
	va_end(ap);
}

/* The blocking call on the second thread. */
struct blocker {
	pthread_t thread;
	const struct pd_backend *be;
	struct pd_dut *dut;
	struct pd_call *call;
	const struct pd_event *ev;
	long long start_us; /* actual start */
	long long end_us; /* expected end, absolute */
	bool end_any;
	atomic_bool done;
	atomic_int tid; /* the thread's id, once it runs */
	long long done_us; /* when it returned */
	bool running;
};

struct loop {
	struct pd_run *r;
	long long prev_actual_us, prev_sched_us;
	bool prev_inbound;
	struct blocker b;
	uint8_t *buf;
};

static long long now_us(struct loop *l)
{
	return (long long)(l->r->be->now(l->r->dut) / NS_PER_US);
}

static void *blocker_main(void *arg)
{
	struct blocker *b = arg;

	b->be->attach(b->dut);
	atomic_store(&b->tid, (int)gettid());
	pd_call_invoke(b->call);
	b->done_us = (long long)(b->be->now(b->dut) / NS_PER_US);
	atomic_store(&b->done, true);
	return NULL;
}

static long long real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Until the blocking call (if any) has returned or sleeps again. */
static int settle(struct loop *l)
{
	long long deadline = real_ns() + SETTLE_REAL_NS;

	if (!l->b.running)
		return 0;
	while (!atomic_load(&l->b.done) &&
	       !l->r->be->blocked(l->r->dut, (pid_t)atomic_load(&l->b.tid))) {
		if (real_ns() > deadline) {
			pd_fail(l->r, l->b.ev->line,
				"%s() neither returned nor blocked",
				l->b.ev->sc->name);
			return -1;
		}
		sched_yield();
	}
	return 0;
}

static bool tolerated(const struct pd_config *cfg, long long actual,
		      long long lo, long long hi, long long prev)
{
	long long tol = cfg->tolerance_usecs;
	long long pct = (long long)((double)(hi - prev) *
				    cfg->tolerance_percent / 100.0);

	if (pct > tol)
		tol = pct;
	return actual >= lo - tol && actual <= hi + tol;
}

static int check_time(struct loop *l, const struct pd_event *ev,
		      long long actual, long long lo, long long hi,
		      const char *what)
{
	if (ev->time.kind == PD_T_ANY ||
	    tolerated(l->r->cfg, actual, lo, hi, l->prev_actual_us))
		return 0;
	if (lo == hi)
		pd_fail(l->r, ev->line,
			"timing error: %s at %.6f sec but expected at %.6f sec",
			what, (double)actual / 1e6, (double)lo / 1e6);
	else
		pd_fail(l->r, ev->line,
			"timing error: %s at %.6f sec but expected in %.6f~%.6f sec",
			what, (double)actual / 1e6, (double)lo / 1e6,
			(double)hi / 1e6);
	return -1;
}

/* A blocking call that returned: its end time checked, its result too. */
static int reap(struct loop *l)
{
	struct blocker *b = &l->b;
	int rc = 0;

	if (!b->running || !atomic_load(&b->done))
		return 0;
	pthread_join(b->thread, NULL);
	b->running = false;
	if (!b->end_any && !tolerated(l->r->cfg, b->done_us, b->end_us,
				      b->end_us, b->start_us)) {
		pd_fail(l->r, b->ev->line,
			"timing error: %s() returned at %.6f sec but expected at %.6f sec",
			b->ev->sc->name, (double)b->done_us / 1e6,
			(double)b->end_us / 1e6);
		pd_call_free(b->call);
		rc = -1;
	} else if (pd_call_check(l->r, b->call)) {
		rc = -1;
	}
	b->call = NULL;
	return rc;
}

/*
 * Runs the clock to @target_us, a timer at a time, letting a blocked call
 * run after each; stops early once tun0 has a packet if @until_packet.
 */
static int run_clock(struct loop *l, long long target_us, bool until_packet)
{
	const struct pd_backend *be = l->r->be;
	struct pd_dut *d = l->r->dut;
	int stuck = 0; /* steps that did not move the clock */

	if (settle(l) || reap(l))
		return -1;
	for (;;) {
		uint64_t now = be->now(d), next;
		uint64_t target = (uint64_t)target_us * NS_PER_US;

		if (until_packet && be->pending(d))
			return 0;
		if (now >= target)
			return 0;
		if (be->next_timer(d, &next) && next < target)
			target = next > now ? next : now;
		be->advance(d, target, until_packet);
		if (settle(l) || reap(l))
			return -1;
		if (target != now)
			stuck = 0;
		else if (++stuck > 100000)
			return pd_fail(l->r, 0,
				       "a timer re-arms itself for ever"),
			       -1;
	}
}

static long long sched_time(struct loop *l, const struct pd_event *ev,
			    enum pd_time_kind kind, long long usecs)
{
	bool inbound = ev->kind == PD_EV_PACKET && ev->pkt->dir == '<';
	long long anchor = inbound && l->prev_inbound ? l->prev_sched_us
						      : l->prev_actual_us;

	if (kind == PD_T_ABS)
		return usecs;
	if (kind == PD_T_REL)
		return anchor + usecs;
	return anchor; /* '*' */
}

/* --verbose: each packet in and out on stderr, with its virtual time. */
static void trace(struct loop *l, const struct pd_event *ev, const char *dir,
		  const uint8_t *pkt, size_t len)
{
	char desc[160];

	if (!l->r->cfg->verbose)
		return;
	pd_packet_describe(&l->r->flow, pkt, len, desc, sizeof(desc));
	fprintf(stderr, "%.6f line %d: %s %s\n", (double)now_us(l) / 1e6,
		ev->line, dir, desc);
}

static int inbound(struct loop *l, const struct pd_event *ev, long long t)
{
	char err[256];
	int len, e;

	if (run_clock(l, t, false))
		return -1;
	len = pd_packet_build(l->r->cfg, &l->r->flow, ev->pkt, l->buf,
			      PD_PKT_MAX, err, sizeof(err));
	if (len < 0) {
		pd_fail(l->r, ev->line, "cannot build inbound packet: %s", err);
		return -1;
	}
	trace(l, ev, "<", l->buf, (size_t)len);
	e = l->r->be->inject(l->r->dut, l->buf, (size_t)len,
			     (unsigned int)l->r->cfg->mss);
	if (e) {
		pd_fail(l->r, ev->line, "cannot inject packet: %s",
			strerror(-e));
		return -1;
	}
	return check_time(l, ev, now_us(l), t, t, "inbound packet");
}

/*
 * The next live packet (TSO: coalesced with those that follow it until
 * the script's length) into l->buf; its time in @when.  Returns the length,
 * 0 on timeout, -1 on error.
 */
static int sniff(struct loop *l, const struct pd_event *ev, long long limit,
		 long long *when)
{
	struct pd_sniffed *s;
	char err[256];
	size_t len;

	if (run_clock(l, limit, true))
		return -1;
	s = l->r->be->pop(l->r->dut);
	if (!s)
		return 0;
	*when = (long long)(s->ns / NS_PER_US);
	memcpy(l->buf, s->data, s->len);
	len = s->len;
	free(s);
	if (pd_packet_verify(l->buf, len, err, sizeof(err))) {
		pd_fail(l->r, ev->line, "outbound packet: %s", err);
		return -1;
	}
	while (!l->r->cfg->strict_segments && ev->pkt->proto == PD_TCP &&
	       pd_packet_tcp_payload(l->buf, len) >= 0 &&
	       (unsigned)pd_packet_tcp_payload(l->buf, len) < ev->pkt->len) {
		struct pd_sniffed *more;
		int nl;

		if (run_clock(l, limit, true))
			return -1;
		more = l->r->be->pop(l->r->dut);
		if (!more)
			break;
		if (pd_packet_verify(more->data, more->len, err, sizeof(err))) {
			free(more);
			pd_fail(l->r, ev->line, "outbound packet: %s", err);
			return -1;
		}
		nl = pd_packet_coalesce(l->buf, len, PD_PKT_MAX, more->data,
					more->len);
		free(more);
		if (nl < 0)
			break;
		len = (size_t)nl;
	}
	return (int)len;
}

static int outbound(struct loop *l, const struct pd_event *ev, long long lo,
		    long long hi)
{
	long long limit = ev->time.kind == PD_T_ANY ? now_us(l) + ANY_TIMEOUT_US
						    : hi + OUTBOUND_TIMEOUT_US;
	char err[256], desc[160];
	long long when = 0;
	int len = sniff(l, ev, limit, &when);

	if (len < 0)
		return -1;
	if (!len) {
		pd_fail(l->r, ev->line,
			"Timed out waiting for packet (expected at %.6f sec)",
			(double)lo / 1e6);
		return -1;
	}
	if (pd_packet_check(l->r->cfg, &l->r->flow, ev->pkt, l->buf,
			    (size_t)len, err, sizeof(err))) {
		pd_packet_describe(&l->r->flow, l->buf, (size_t)len, desc,
				   sizeof(desc));
		pd_fail(l->r, ev->line, "outbound packet %s: %s", desc, err);
		return -1;
	}
	trace(l, ev, ">", l->buf, (size_t)len);
	/* the percentage is of the time since the previous event */
	if (check_time(l, ev, when, lo, hi, "outbound packet"))
		return -1;
	l->prev_actual_us = when;
	return 0;
}

static int start_blocking(struct loop *l, const struct pd_event *ev,
			  long long start, struct pd_call *c)
{
	struct blocker *b = &l->b;

	b->call = c;
	b->ev = ev;
	b->be = l->r->be;
	b->dut = l->r->dut;
	b->start_us = now_us(l);
	b->end_any = false;
	if (!ev->sc->blocking)
		b->end_us = b->start_us; /* returns at once */
	else if (ev->time.kind == PD_T_REL && ev->time.end_kind == PD_T_REL)
		b->end_us = start - ev->time.usecs + ev->time.end_usecs;
	else
		b->end_us = sched_time(l, ev, ev->time.end_kind,
				       ev->time.end_usecs);
	atomic_store(&b->done, false);
	atomic_store(&b->tid, 0);
	b->running = true;
	if (pthread_create(&b->thread, NULL, blocker_main, b)) {
		b->running = false;
		pd_call_free(c);
		pd_fail(l->r, ev->line, "cannot start a thread");
		return -1;
	}
	return settle(l) || reap(l) ? -1 : 0;
}

/*
 * Past this, the blocking call in flight could no longer return in time:
 * on the real clock, where there is always a next "timer", the wait for it
 * ends here.
 */
static long long late_limit(const struct loop *l)
{
	const struct blocker *b = &l->b;
	long long slack = (long long)((double)(b->end_us - b->start_us) *
				      l->r->cfg->tolerance_percent / 100.0);

	if (b->end_any)
		return b->start_us + ANY_TIMEOUT_US;
	if (slack < l->r->cfg->tolerance_usecs)
		slack = l->r->cfg->tolerance_usecs;
	return b->end_us + slack + OUTBOUND_TIMEOUT_US;
}

static int syscall_event(struct loop *l, const struct pd_event *ev, long long t)
{
	struct pd_call *c;

	if (run_clock(l, t, false))
		return -1;
	/* a call runs only once the blocking one in flight has returned */
	while (l->b.running) {
		uint64_t next;

		if (!l->r->be->next_timer(l->r->dut, &next) ||
		    now_us(l) > late_limit(l)) {
			pd_fail(l->r, ev->line,
				"%s() while %s() blocks for ever", ev->sc->name,
				l->b.ev->sc->name);
			return -1;
		}
		if (run_clock(l, (long long)(next / NS_PER_US) + 1, false))
			return -1;
	}
	if (check_time(l, ev, now_us(l), t, t, "system call"))
		return -1;
	c = pd_call_prepare(l->r, ev);
	if (!c)
		return -1;
	/* where the backend can catch a call that blocks, it runs here */
	if (!ev->sc->blocking && l->r->be->call_inline) {
		if (l->r->be->call_inline(
			    l->r->dut, (void (*)(void *))pd_call_invoke, c)) {
			pd_call_free(c);
			pd_fail(l->r, ev->line,
				"%s() blocked (a call that blocks is written START...END)",
				ev->sc->name);
			return -1;
		}
		return pd_call_check(l->r, c);
	}
	/*
	 * Otherwise every call runs on the second thread, so that one the
	 * script says does not block but does is caught instead of stopping
	 * the clock.
	 */
	if (start_blocking(l, ev, t, c))
		return -1;
	if (ev->sc->blocking || !l->b.running)
		return 0; /* in flight, or returned and checked */
	pd_fail(l->r, ev->line,
		"%s() blocked (a call that blocks is written START...END)",
		ev->sc->name);
	return -1;
}

static int one_event(struct loop *l, const struct pd_event *ev)
{
	long long t = sched_time(l, ev, ev->time.kind, ev->time.usecs);
	long long hi = ev->time.has_end && !(ev->kind == PD_EV_SYSCALL)
			       ? sched_time(l, ev, ev->time.end_kind,
					    ev->time.end_usecs)
			       : t;
	int rc;

	switch (ev->kind) {
	case PD_EV_PACKET:
		if (ev->pkt->dir == '<')
			rc = inbound(l, ev, t);
		else
			rc = outbound(l, ev, t, hi);
		break;
	case PD_EV_SYSCALL:
		rc = syscall_event(l, ev, t);
		break;
	case PD_EV_SHELL:
		rc = run_clock(l, t, false) ||
		     pd_shell_run(l->r, ev->line, ev->text);
		break;
	default:
		rc = run_clock(l, t, false);
		if (!rc)
			pd_code_snapshot(l->r, ev);
		break;
	}
	if (rc)
		return -1;
	if (!(ev->kind == PD_EV_PACKET && ev->pkt->dir == '>'))
		l->prev_actual_us =
			ev->kind == PD_EV_SYSCALL && ev->sc->blocking
				? l->b.start_us
				: now_us(l);
	l->prev_sched_us = t;
	l->prev_inbound = ev->kind == PD_EV_PACKET && ev->pkt->dir == '<';
	return 0;
}

static void finish_blocker(struct loop *l)
{
	if (!l->b.running)
		return;
	/* a signal sent just before the call sleeps is lost: send it again */
	while (!atomic_load(&l->b.done)) {
		struct timespec ms = { .tv_nsec = 1000000 };

		l->r->be->interrupt(l->r->dut, l->b.thread);
		for (int i = 0; i < 10 && !atomic_load(&l->b.done); i++)
			nanosleep(&ms, NULL);
	}
	pthread_join(l->b.thread, NULL);
	l->b.running = false;
	pd_call_free(l->b.call);
	l->b.call = NULL;
}

static int setup_flow(struct pd_run *r)
{
	struct pd_flow *f = &r->flow;

	memset(f, 0, sizeof(*f));
	if (inet_pton(AF_INET, r->cfg->local_ip, &f->local_ip) != 1 ||
	    inet_pton(AF_INET, r->cfg->remote_ip, &f->remote_ip) != 1) {
		pd_fail(r, 0, "bad --local_ip or --remote_ip");
		return -1;
	}
	f->local_port = 8080;
	f->remote_port = 8080;
	f->remote_isn = 0;
	return 0;
}

static void run_events(struct loop *l)
{
	const struct pd_script *s = l->r->script;
	int i;

	for (i = 0; i < s->nevents && !l->r->failed; i++)
		if (one_event(l, &s->events[i]))
			break;
	if (!l->r->failed && l->b.running) {
		/* wait for it as the next call would, within the timeout */
		if (!run_clock(l, now_us(l) + OUTBOUND_TIMEOUT_US, false) &&
		    l->b.running && atomic_load(&l->b.done))
			reap(l);
	}
	finish_blocker(l);
}

static void run_free(struct pd_run *r)
{
	int i;

	for (i = 0; i < r->nmissing; i++)
		free(r->missing[i]);
	free(r->snaps);
	free(r->counters);
}

int pd_run_script(const struct pd_config *cfg, const struct pd_script *script,
		  char *reason, size_t reasonlen)
{
	struct pd_run r;
	struct loop l;
	char err[256];
	int i;

	memset(&r, 0, sizeof(r));
	memset(&l, 0, sizeof(l));
	r.cfg = cfg;
	r.script = script;
	r.last_fd = -1;
	for (i = 0; i < PD_MAX_FDS; i++)
		r.live_fd[i] = -1;
	l.r = &r;
	l.buf = malloc(PD_PKT_MAX);
	r.be = cfg->kernel ? &pd_backend_kernel : &pd_backend_tuxnet;
	r.dut = r.be->create(cfg, err, sizeof(err));
	if (!l.buf || !r.dut) {
		pd_fail(&r, 0, "%s", l.buf ? err : "out of memory");
	} else if (!setup_flow(&r) &&
		   (!script->init_command ||
		    !pd_shell_run(&r, 1, script->init_command))) {
		r.be->start_clock(r.dut);
		run_events(&l);
	}
	if (!r.failed)
		pd_code_eval_all(&r);
	if (!r.failed && r.nmissing) {
		int n = snprintf(r.reason, sizeof(r.reason),
				 "not on this stack:");

		for (i = 0;
		     i < r.nmissing && n > 0 && (size_t)n < sizeof(r.reason);
		     i++)
			n += snprintf(r.reason + n,
				      sizeof(r.reason) - (size_t)n, " %s",
				      r.missing[i]);
		r.failed = true;
	}
	if (r.dut)
		r.be->destroy(r.dut);
	free(l.buf);
	(void)snprintf(reason, reasonlen, "%s", r.reason);
	run_free(&r);
	return r.failed ? -1 : 0;
}
