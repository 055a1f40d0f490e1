// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack's clock for applications: tn_clock_gettime and tn_nanosleep
 * read and wait on it, so under a virtual clock a program's timing is as
 * virtual as the stack's.  Linux: kernel/time/posix-timers.c, hrtimer.c.
 */
#include <net/stack.h>
#include <net/timer.h>
#include <net/wait.h>

#include <net/syscall.h>

int tn_clock_gettime(clockid_t clk, struct timespec *ts)
{
	u64 ns;

	SYSCALL_ENTER();
	if (!ts) {
		ret = -EFAULT;
		goto out;
	}
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = ktime_get_real_ns(st_);
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns = ktime_get_ns(st_);
		break;
	default:
		ret = -EINVAL;
		goto out;
	}
	ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
out:
	SYSCALL_EXIT();
}

/*
 * A timespec in ns, saturated at KTIME_MAX (Linux: timespec64_to_ktime);
 * @ts is valid (tv_sec >= 0, 0 <= tv_nsec < 1 s).
 */
static u64 timespec_to_ktime(const struct timespec *ts)
{
	if ((s64)ts->tv_sec >= KTIME_SEC_MAX)
		return (u64)KTIME_MAX;
	return (u64)ts->tv_sec * NSEC_PER_SEC + (u64)ts->tv_nsec;
}

int tn_nanosleep(const struct timespec *req, struct timespec *rem)
{
	u64 deadline, now, ns;
	bool forever;

	SYSCALL_ENTER();
	if (!req) {
		ret = -EFAULT;
		goto out;
	}
	if (req->tv_sec < 0 || req->tv_nsec < 0 ||
	    req->tv_nsec >= (long)NSEC_PER_SEC) {
		ret = -EINVAL;
		goto out;
	}
	/*
	 * As hrtimer_nanosleep(): an absolute deadline, saturated at the
	 * clock's limit, where a sleep never ends; what is left is always
	 * measured to it (so a huge request interrupted leaves
	 * KTIME_MAX - now, as on Linux).
	 */
	now = ktime_get_ns(st_);
	ns = timespec_to_ktime(req);
	deadline = ktime_add_safe(now, ns);
	forever = ns && deadline >= (u64)KTIME_MAX;
	while ((forever || now < deadline) && !signal_pending()) {
		current_waiter()->woken = false;
		schedule_timeout(deadline >= (u64)KTIME_MAX
					 ? MAX_SCHEDULE_TIMEOUT
					 : (s64)(deadline - now));
		now = ktime_get_ns(st_);
	}
	if (forever || now < deadline) {
		if (rem) {
			rem->tv_sec = (time_t)((deadline - now) / NSEC_PER_SEC);
			rem->tv_nsec = (long)((deadline - now) % NSEC_PER_SEC);
		}
		ret = -EINTR;
	}
out:
	SYSCALL_EXIT();
}
