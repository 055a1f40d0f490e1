// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack's clock for applications: tn_clock_gettime and tn_nanosleep
 * read and wait on it, so under a virtual clock a program's timing is as
 * virtual as the stack's.  Linux: kernel/time/posix-timers.c, hrtimer.c.
 */
#include <net/stack.h>
#include <net/timer.h>
#include <net/wait.h>

#include "syscall.h"

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

int tn_nanosleep(const struct timespec *req, struct timespec *rem)
{
	s64 timeo;

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
	timeo = (s64)req->tv_sec * (s64)NSEC_PER_SEC + req->tv_nsec;
	while (timeo > 0 && !signal_pending()) {
		current_waiter()->woken = false;
		timeo = schedule_timeout(timeo);
	}
	if (rem) {
		rem->tv_sec = (time_t)(timeo / (s64)NSEC_PER_SEC);
		rem->tv_nsec = (long)(timeo % (s64)NSEC_PER_SEC);
	}
	if (timeo > 0)
		ret = -EINTR;
out:
	SYSCALL_EXIT();
}
