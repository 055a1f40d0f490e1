// SPDX-License-Identifier: BSD-2-Clause
/*
 * The lock rules (docs/locking.md) are checked, not hoped for.  Each bad
 * case runs in a forked child that must die of SIGABRT with lockdep's
 * report: two classes taken in both orders (directly, and through a third
 * class), a lock taken twice, the stack lock entered twice, the stack lock
 * taken under the RTNL, a change that asserts the RTNL made without it.  The good
 * cases run here: the order the stack uses, a trylock against it, and a
 * namespace dropped under the RTNL (its cleanup waits for the call's end).
 * Without CONFIG_LOCKDEP (release builds) only what BUG_ON catches is
 * checked: taking a held mutex or the stack lock again.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <tuxnet/tuxnet.h>

#include <net/mutex.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/rtnetlink.h>
#include <net/stack.h>

#include "ktest.h"

/* Runs @fn in a child; true if the child died of SIGABRT. */
static bool aborts(void (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		/* The report is the point; keep the test's log short. */
		if (!getenv("LOCKDEP_TEST_VERBOSE"))
			(void)!freopen("/dev/null", "w", stderr);
		fn();
		_exit(0);
	}
	KT_EQ(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static struct mutex a, b, c;

static void init_abc(void)
{
	mutex_init(&a);
	mutex_init(&b);
	mutex_init(&c);
}

static __maybe_unused void a_then_b_then_b_then_a(void)
{
	init_abc();
	mutex_lock(&a);
	mutex_lock(&b);
	mutex_unlock(&b);
	mutex_unlock(&a);

	mutex_lock(&b);
	mutex_lock(&a); /* inversion: the report, then abort */
	mutex_unlock(&a);
	mutex_unlock(&b);
}

static __maybe_unused void inversion_through_a_third(void)
{
	init_abc();
	mutex_lock(&a);
	mutex_lock(&b);
	mutex_unlock(&b);
	mutex_unlock(&a);
	mutex_lock(&b);
	mutex_lock(&c);
	mutex_unlock(&c);
	mutex_unlock(&b);

	mutex_lock(&c);
	mutex_lock(&a); /* a -> b -> c is known */
	mutex_unlock(&a);
	mutex_unlock(&c);
}

static void twice(void)
{
	init_abc();
	mutex_lock(&a);
	mutex_lock(&a);
}

static void stack_twice(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });

	stack_enter(st);
	stack_enter(st); /* the stack lock is not recursive */
}

static __maybe_unused void rtnl_then_stack(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });

	stack_enter(st);
	rtnl_lock();
	rtnl_unlock();
	stack_exit(st);

	/* The worker and every call take the stack lock first. */
	tn_stack_attach(st);
	rtnl_lock();
	stack_enter(st);
}

static __maybe_unused void change_without_rtnl(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	struct net_device *lo;

	stack_enter(st);
	lo = st->init_net->loopback_dev;
	dev_change_flags(lo, lo->flags | IFF_UP); /* ASSERT_RTNL() */
	stack_exit(st);
}

static void test_inversion_is_caught(void)
{
#ifdef CONFIG_LOCKDEP
	KT_ASSERT(aborts(a_then_b_then_b_then_a));
	KT_ASSERT(aborts(inversion_through_a_third));
	KT_ASSERT(aborts(rtnl_then_stack));
	KT_ASSERT(aborts(change_without_rtnl));
#else
	printf("     (release build: no lockdep, order not checked)\n");
#endif
}

static void test_recursion_is_caught(void)
{
	KT_ASSERT(aborts(twice));
	KT_ASSERT(aborts(stack_twice));
}

/* The order the stack uses, and a trylock the other way: no report. */
static void test_good_orders(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });

	KT_ASSERT(st);
	init_abc();
	mutex_lock(&a);
	mutex_lock(&b);
	mutex_unlock(&b);
	mutex_unlock(&a);
	mutex_lock(&b);
	KT_ASSERT(mutex_trylock(&a)); /* a trylock cannot deadlock */
	mutex_unlock(&a);
	mutex_unlock(&b);

	stack_enter(st);
	KT_ASSERT(stack_lock_held(st));
	rtnl_lock();
	KT_ASSERT(lockdep_rtnl_is_held());
	KT_ASSERT(!rtnl_trylock());
	rtnl_unlock();
	KT_ASSERT(!rtnl_is_locked());
	stack_exit(st);
	KT_ASSERT(!stack_lock_held(st));
	KT_EQ(lockdep_depth(), 0);
	tn_stack_destroy(st);
}

/*
 * A namespace whose last reference goes under the RTNL cannot be cleaned
 * up there (cleanup takes the RTNL): it goes at the end of the call.
 */
static void test_put_net_under_rtnl(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	struct tn_stack_stats s;
	struct net *net;

	KT_ASSERT(st);
	stack_enter(st);
	net = copy_net_ns(st);
	KT_ASSERT(!IS_ERR(net));
	KT_EQ(st->live_netns, 1);
	rtnl_lock();
	put_net(net);
	KT_EQ(st->live_netns, 1); /* still there: left for later */
	KT_ASSERT(st->net_cleanup_pending);
	rtnl_unlock();
	stack_exit(st);
	tn_stack_get_stats(st, &s);
	KT_EQ(s.live_netns, 0);
	KT_ASSERT(!st->net_cleanup_pending);
	tn_stack_destroy(st);
}

/* Which handlers ran, and whether they held the RTNL. */
static int doit_ran, dumpit_ran;
static bool doit_held, dumpit_held;

static int probe_doit(struct sk_buff *skb, struct nlmsghdr *nlh,
		      struct netlink_ext_ack *extack)
{
	(void)skb;
	(void)nlh;
	(void)extack;
	doit_ran++;
	doit_held = lockdep_rtnl_is_held();
	return 0;
}

static int probe_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	(void)skb;
	(void)cb;
	dumpit_ran++;
	dumpit_held = lockdep_rtnl_is_held();
	return 0;
}

/* One request of @type, a doit or (@dump) a dump, answered in full. */
static void nl_request(int fd, unsigned short type, bool dump)
{
	struct {
		struct nlmsghdr nh;
		struct rtgenmsg g;
	} req = { .nh = { .nlmsg_len = sizeof(req),
			  .nlmsg_type = type,
			  .nlmsg_flags = NLM_F_REQUEST |
					 (dump ? NLM_F_DUMP : NLM_F_ACK) },
		  .g = { .rtgen_family = AF_UNSPEC } };
	char buf[4096];

	KT_EQ(tn_send(fd, &req, sizeof(req), 0), (ssize_t)sizeof(req));
	KT_ASSERT(tn_recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
}

/*
 * rtnetlink_rcv_msg takes the RTNL around a doit and around each round of a
 * dump, unless the handler was registered RTNL_FLAG_DOIT_UNLOCKED or
 * RTNL_FLAG_DUMP_UNLOCKED (RTM_GETROUTE's doit is, as on Linux).
 */
static void test_rtnetlink_takes_rtnl(void)
{
	struct tn_stack *st = tn_stack_create(
		&(struct tn_stack_config){ .clock = TN_CLOCK_VIRTUAL });
	int fd;

	KT_ASSERT(st);
	tn_stack_attach(st);
	stack_enter(st);
	KT_EQ(rtnl_register(PF_UNSPEC, RTM_GETNETCONF, probe_doit, probe_dumpit,
			    0),
	      0);
	KT_EQ(rtnl_register(PF_UNSPEC, RTM_GETSTATS, probe_doit, probe_dumpit,
			    RTNL_FLAG_DOIT_UNLOCKED | RTNL_FLAG_DUMP_UNLOCKED),
	      0);
	stack_exit(st);
	fd = tn_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	KT_ASSERT(fd >= 0);

	nl_request(fd, RTM_GETNETCONF, false);
	KT_EQ(doit_ran, 1);
	KT_ASSERT(doit_held);
	nl_request(fd, RTM_GETNETCONF, true);
	KT_EQ(dumpit_ran, 1);
	KT_ASSERT(dumpit_held);

	nl_request(fd, RTM_GETSTATS, false);
	KT_EQ(doit_ran, 2);
	KT_ASSERT(!doit_held);
	nl_request(fd, RTM_GETSTATS, true);
	KT_EQ(dumpit_ran, 2);
	KT_ASSERT(!dumpit_held);

	KT_EQ(tn_close(fd), 0);
	tn_stack_destroy(st);
}

KTEST_MAIN(KT(test_inversion_is_caught), KT(test_recursion_is_caught),
	   KT(test_good_orders), KT(test_put_net_under_rtnl),
	   KT(test_rtnetlink_takes_rtnl))
