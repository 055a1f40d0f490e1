// SPDX-License-Identifier: BSD-2-Clause
/*
 * epoll: an interest list whose items stay hooked on their files' wait
 * queues, and a ready list filled by the wake-up callback, so epoll_wait
 * costs O(ready) rather than O(watched).  Level-triggered items go back on
 * the ready list after being reported; EPOLLET and EPOLLONESHOT as Linux.
 * Linux: fs/eventpoll.c.
 */
#include <sys/epoll.h>

#include <net/fs.h>
#include <net/stack.h>

#include <net/syscall.h>

#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EP_MAX_EVENTS	(INT32_MAX / (int)sizeof(struct epoll_event))
/* What an EPOLLEXCLUSIVE item may ask for, as Linux. */
#define EPOLLEXCLUSIVE_OK_BITS                                              \
	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | \
	 EPOLLEXCLUSIVE)
/*
 * The longest chain of epoll instances watching one another, in edges: an
 * EPOLL_CTL_ADD that would make a longer one (or a cycle) is ELOOP.  This
 * also bounds every recursion through nested instances (wake-ups, polls).
 */
#define EP_MAX_NESTS 4

struct eventpoll {
	struct list_head items; /* every epitem */
	struct list_head rdllist; /* epitems that may be ready */
	struct wait_queue_head wq; /* epoll_wait sleepers */
	struct wait_queue_head poll_wait; /* poll() of the epoll fd itself */
	struct file *file; /* the epoll file (its f_ep_links: our parents) */
	unsigned long gen; /* ep_loop_check pass that last visited us */
	int depth; /* ... and our depth it found (-1: a loop) */
};

/*
 * EPOLLEXCLUSIVE items on one wait queue hang off a single entry on it,
 * which wakes them in the order they were added until one has a sleeper
 * to wake (Linux: add_wait_queue_exclusive, nr_exclusive 1).
 */
struct ep_excl_group {
	struct wait_queue_entry wait; /* on the watched file's queue */
	struct list_head items; /* epitem->wait.entry */
};

struct epitem {
	struct list_head link; /* ep->items */
	struct list_head rdlink; /* ep->rdllist, or empty */
	struct list_head fllink; /* file->f_ep_links */
	struct eventpoll *ep;
	struct file *file;
	int fd;
	struct epoll_event event;
	struct wait_queue_entry wait;
	struct wait_queue_head *whead;
	struct ep_excl_group *excl; /* EPOLLEXCLUSIVE: its group on @whead */
};

static const struct file_operations eventpoll_fops;

static bool is_file_epoll(const struct file *file)
{
	return file->f_op == &eventpoll_fops;
}

/*
 * How deep the current thread is in nested epoll wake-ups.  The loop check
 * keeps nesting within EP_MAX_NESTS; this is the belt to its braces, so a
 * wake-up can never recurse without bound (Linux: ep_poll_safewake).
 */
static _Thread_local int ep_wake_nests;

static void ep_add_ready(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;

	if (list_empty(&epi->rdlink))
		list_add_tail(&epi->rdlink, &ep->rdllist);
	wake_up_poll(&ep->wq, EPOLLIN);
	if (ep_wake_nests > EP_MAX_NESTS)
		return;
	ep_wake_nests++;
	wake_up_poll(&ep->poll_wait, EPOLLIN);
	ep_wake_nests--;
}

/*
 * ep_poll_callback - a watched file woke its queue: the item may be ready.
 * Return: nonzero if this counts as the wake-up of an exclusive waiter (an
 * EPOLLEXCLUSIVE item whose instance has a sleeper for these events).
 */
static int ep_poll_callback(struct wait_queue_entry *wait, unsigned int mode,
			    void *key)
{
	struct epitem *epi = container_of(wait, struct epitem, wait);
	unsigned int pollflags = (unsigned int)(unsigned long)key;
	unsigned int events = epi->event.events;
	bool sleeper = waitqueue_active(&epi->ep->wq);

	(void)mode;
	if (!(events & ~EP_PRIVATE_BITS))
		return 0; /* disarmed by EPOLLONESHOT */
	if (pollflags && !(pollflags & events))
		return 0;
	ep_add_ready(epi);
	if (!(events & EPOLLEXCLUSIVE))
		return 1;
	if (!sleeper)
		return 0;
	switch (pollflags & (EPOLLIN | EPOLLOUT)) {
	case EPOLLIN:
		return !!(events & EPOLLIN);
	case EPOLLOUT:
		return !!(events & EPOLLOUT);
	case 0:
		return 1;
	}
	return 0; /* both: a state change every waiter must see */
}

/*
 * A wake-up of a queue with EPOLLEXCLUSIVE items: they are offered it in
 * turn until one takes it.  A wake-up without a key (wake_up_all in our
 * callers) goes to all of them.
 */
static int ep_excl_wake(struct wait_queue_entry *wait, unsigned int mode,
			void *key)
{
	struct ep_excl_group *g =
		container_of(wait, struct ep_excl_group, wait);
	struct wait_queue_entry *e, *n;

	list_for_each_entry_safe(e, n, &g->items, entry)
		if (ep_poll_callback(e, mode, key) && key)
			return 1;
	return 0;
}

static struct ep_excl_group *ep_excl_group_get(struct wait_queue_head *wq)
{
	struct wait_queue_entry *e;
	struct ep_excl_group *g;

	list_for_each_entry(e, &wq->head, entry)
		if (e->func == ep_excl_wake)
			return container_of(e, struct ep_excl_group, wait);
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return NULL;
	init_wait_entry(&g->wait, NULL);
	g->wait.func = ep_excl_wake;
	INIT_LIST_HEAD(&g->items);
	add_wait_queue(wq, &g->wait);
	return g;
}

static void ep_ptable_queue_proc(struct file *file, struct wait_queue_head *wq,
				 poll_table *pt)
{
	struct epitem *epi = pt->priv;

	(void)file;
	if (epi->whead)
		return; /* one queue per item is all our files use */
	init_wait_entry(&epi->wait, NULL);
	epi->wait.func = ep_poll_callback;
	if (epi->event.events & EPOLLEXCLUSIVE) {
		epi->excl = ep_excl_group_get(wq);
		if (!epi->excl)
			return; /* nobody to wake it: as if never polled */
		list_add_tail(&epi->wait.entry, &epi->excl->items);
	} else {
		add_wait_queue(wq, &epi->wait);
	}
	epi->whead = wq;
}

static unsigned int ep_item_poll(struct epitem *epi, poll_table *pt)
{
	struct file *file = epi->file;
	unsigned int mask;

	if (!file->f_op->poll)
		return epi->event.events & (EPOLLIN | EPOLLOUT);
	mask = file->f_op->poll(file, pt);
	return mask & (epi->event.events | EPOLLERR | EPOLLHUP);
}

static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	(void)ep;
	if (epi->excl) {
		list_del_init(&epi->wait.entry);
		if (list_empty(&epi->excl->items)) {
			remove_wait_queue(epi->whead, &epi->excl->wait);
			kfree(epi->excl);
		}
	} else if (epi->whead) {
		remove_wait_queue(epi->whead, &epi->wait);
	}
	list_del(&epi->fllink);
	list_del(&epi->link);
	if (!list_empty(&epi->rdlink))
		list_del(&epi->rdlink);
	kfree(epi);
}

static struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, link)
		if (epi->file == file && epi->fd == fd)
			return epi;
	return NULL;
}

static int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
		     struct file *tfile, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi), GFP_KERNEL);
	poll_table pt = { .qproc = ep_ptable_queue_proc };

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdlink);
	epi->ep = ep;
	epi->file = tfile;
	epi->fd = fd;
	epi->event = *event;
	list_add_tail(&epi->link, &ep->items);
	list_add_tail(&epi->fllink, &tfile->f_ep_links);
	pt.priv = epi;
	if (ep_item_poll(epi, &pt))
		ep_add_ready(epi);
	return 0;
}

static int ep_modify(struct epitem *epi, const struct epoll_event *event)
{
	epi->event = *event;
	if (ep_item_poll(epi, NULL))
		ep_add_ready(epi);
	return 0;
}

/* eventpoll_release - @file is going away: it leaves every epoll set */
void eventpoll_release(struct file *file)
{
	struct epitem *epi, *tmp;

	list_for_each_entry_safe(epi, tmp, &file->f_ep_links, fllink)
		ep_remove(epi->ep, epi);
}

static int ep_free(struct file *file)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi, *tmp;

	list_for_each_entry_safe(epi, tmp, &ep->items, link)
		ep_remove(ep, epi);
	wake_up_poll(&ep->wq, 0);
	kfree(ep);
	return 0;
}

/* How deep the current thread is in polls of nested instances. */
static _Thread_local int ep_poll_nests;

static unsigned int ep_eventpoll_poll(struct file *file, poll_table *pt)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi, *tmp;
	unsigned int mask = 0;

	poll_wait(file, &ep->poll_wait, pt);
	if (ep_poll_nests > EP_MAX_NESTS)
		return 0;
	ep_poll_nests++;
	list_for_each_entry_safe(epi, tmp, &ep->rdllist, rdlink) {
		if (ep_item_poll(epi, NULL)) {
			mask = EPOLLIN | EPOLLRDNORM;
			break;
		}
		list_del_init(&epi->rdlink);
	}
	ep_poll_nests--;
	return mask;
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_eventpoll_poll,
	.release = ep_free,
};

/*
 * Loop and depth checks.  Instances watching instances form a graph that
 * every successful ADD keeps acyclic and at most EP_MAX_NESTS edges deep,
 * so the walks below end; each pass stamps the instances it visits with a
 * fresh generation so none is walked twice (a DAG can have many paths).
 */
static unsigned long ep_next_gen(void)
{
	return ++current_stack()->ep_loop_gen; /* stack lock held */
}

/* ep_depth_down - the longest chain below @ep; -1 if @target is on it */
static int ep_depth_down(struct eventpoll *ep, struct eventpoll *target,
			 unsigned long gen)
{
	struct epitem *epi;
	int depth = 0;

	if (ep == target)
		return -1;
	if (ep->gen == gen)
		return ep->depth;
	list_for_each_entry(epi, &ep->items, link) {
		int d;

		if (!is_file_epoll(epi->file))
			continue;
		d = ep_depth_down(epi->file->private_data, target, gen);
		if (d < 0) {
			depth = -1;
			break;
		}
		if (d + 1 > depth)
			depth = d + 1;
	}
	ep->gen = gen;
	ep->depth = depth;
	return depth;
}

/* ep_depth_up - the longest chain of instances above @ep */
static int ep_depth_up(struct eventpoll *ep, unsigned long gen)
{
	struct epitem *epi;
	int depth = 0;

	if (ep->gen == gen)
		return ep->depth;
	list_for_each_entry(epi, &ep->file->f_ep_links, fllink) {
		int d = ep_depth_up(epi->ep, gen) + 1;

		if (d > depth)
			depth = d;
	}
	ep->gen = gen;
	ep->depth = depth;
	return depth;
}

/*
 * ep_loop_check - may @ep watch the instance @to?  Not if @ep is already
 * below @to (a cycle) or the chain through the new edge would be longer
 * than EP_MAX_NESTS.  Linux answers both with ELOOP.
 */
static int ep_loop_check(struct eventpoll *ep, struct eventpoll *to)
{
	int down, up;

	down = ep_depth_down(to, ep, ep_next_gen());
	if (down < 0)
		return -ELOOP;
	up = ep_depth_up(ep, ep_next_gen());
	return up + 1 + down > EP_MAX_NESTS ? -ELOOP : 0;
}

/*
 * ep_send_events - report ready items.  Each is taken off the ready list
 * and polled again; level-triggered ones still ready go back on it, at the
 * tail, after this pass (so one busy fd cannot starve the others).
 */
static int ep_send_events(struct eventpoll *ep, struct epoll_event *events,
			  int maxevents)
{
	LIST_HEAD(txlist);
	struct epitem *epi, *tmp;
	int n = 0;

	list_for_each_entry_safe(epi, tmp, &ep->rdllist, rdlink)
		list_move_tail(&epi->rdlink, &txlist);
	list_for_each_entry_safe(epi, tmp, &txlist, rdlink) {
		unsigned int revents;

		if (n >= maxevents)
			break;
		list_del_init(&epi->rdlink);
		revents = ep_item_poll(epi, NULL);
		if (!revents)
			continue;
		events[n].events = revents;
		events[n].data = epi->event.data;
		n++;
		if (epi->event.events & EPOLLONESHOT)
			epi->event.events &= EP_PRIVATE_BITS;
		else if (!(epi->event.events & EPOLLET))
			list_add_tail(&epi->rdlink, &ep->rdllist);
	}
	/* What we had no room for stays ready, ahead of the re-queued. */
	list_for_each_entry_safe(epi, tmp, &txlist, rdlink) {
		list_del_init(&epi->rdlink);
		list_add(&epi->rdlink, &ep->rdllist);
	}
	return n;
}

int tn_epoll_create1(int flags)
{
	struct eventpoll *ep;
	struct file *file;

	SYSCALL_ENTER();
	if (flags & ~EPOLL_CLOEXEC) {
		ret = -EINVAL;
		goto out;
	}
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep) {
		ret = -ENOMEM;
		goto out;
	}
	INIT_LIST_HEAD(&ep->items);
	INIT_LIST_HEAD(&ep->rdllist);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	file = alloc_file(&eventpoll_fops, 0, ep);
	if (!file) {
		kfree(ep);
		ret = -ENFILE;
		goto out;
	}
	ep->file = file;
	ret = fd_install_new(file, (unsigned int)flags);
	if (ret < 0)
		fput(file);
out:
	SYSCALL_EXIT();
}

int tn_epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	struct file *file, *tfile;
	struct eventpoll *ep;
	struct epitem *epi;
	struct epoll_event ev = { 0 };

	SYSCALL_ENTER();
	file = fdget(epfd);
	tfile = fdget(fd);
	if (!file || !tfile) {
		ret = -EBADF;
		goto out;
	}
	if (op != EPOLL_CTL_DEL) {
		if (!event) {
			ret = -EFAULT;
			goto out;
		}
		ev = *event;
	}
	if (!tfile->f_op->poll) {
		ret = -EPERM;
		goto out;
	}
	if (file == tfile || !is_file_epoll(file)) {
		ret = -EINVAL;
		goto out;
	}
	/* EPOLLEXCLUSIVE is for ADD alone, of a non-epoll file, and
	 * with no bits beyond the few it allows (checked before the lookup,
	 * as Linux: an unknown fd with it is EINVAL, not ENOENT). */
	if (op != EPOLL_CTL_DEL && (ev.events & EPOLLEXCLUSIVE) &&
	    (op == EPOLL_CTL_MOD ||
	     (op == EPOLL_CTL_ADD &&
	      (is_file_epoll(tfile) ||
	       (ev.events & ~EPOLLEXCLUSIVE_OK_BITS))))) {
		ret = -EINVAL;
		goto out;
	}
	ep = file->private_data;
	epi = ep_find(ep, tfile, fd);
	ev.events |= EPOLLERR | EPOLLHUP;
	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi) {
			ret = -EEXIST;
			break;
		}
		if (is_file_epoll(tfile)) {
			ret = ep_loop_check(ep, tfile->private_data);
			if (ret)
				break;
		}
		ret = ep_insert(ep, &ev, tfile, fd);
		break;
	case EPOLL_CTL_DEL:
		if (epi)
			ep_remove(ep, epi);
		else
			ret = -ENOENT;
		break;
	case EPOLL_CTL_MOD:
		if (!epi)
			ret = -ENOENT;
		else if (epi->event.events & EPOLLEXCLUSIVE)
			ret = -EINVAL;
		else
			ret = ep_modify(epi, &ev);
		break;
	default:
		ret = -EINVAL;
	}
out:
	SYSCALL_EXIT();
}

int tn_epoll_wait(int epfd, struct epoll_event *events, int maxevents,
		  int timeout)
{
	struct wait_queue_entry wait;
	struct eventpoll *ep;
	struct file *file;
	s64 timeo;

	SYSCALL_ENTER();
	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS) {
		ret = -EINVAL;
		goto out;
	}
	if (!events) {
		ret = -EFAULT;
		goto out;
	}
	file = FDGET(epfd);
	if (!file) {
		ret = -EBADF;
		goto out;
	}
	if (!is_file_epoll(file)) {
		ret = -EINVAL;
		goto out;
	}
	ep = file->private_data;
	timeo = timeout < 0 ? MAX_SCHEDULE_TIMEOUT
			    : (s64)timeout * (s64)NSEC_PER_MSEC;
	init_wait_entry(&wait, current_waiter());
	add_wait_queue(&ep->wq, &wait);
	for (;;) {
		wait.waiter->woken = false;
		do_softirq(st_);
		ret = ep_send_events(ep, events, maxevents);
		if (ret || timeo <= 0)
			break;
		if (signal_pending()) {
			ret = -EINTR;
			break;
		}
		timeo = schedule_timeout(timeo);
	}
	remove_wait_queue(&ep->wq, &wait);
out:
	SYSCALL_EXIT();
}
