// SPDX-License-Identifier: BSD-2-Clause
/*
 * Task credentials (kernel/cred.c, kernel/groups.c): who the caller is,
 * for the few checks the network stack makes on it, such as
 * net.ipv4.ping_group_range.  There are no capabilities: the caller owns
 * its stack and acts as its administrator (raw sockets, netlink changes,
 * SO_RCVBUFFORCE), as a user does in a network namespace it created.
 */
#include <errno.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include <net/cred.h>
#include <net/stack.h>

int task_cred_init(struct tn_task *task)
{
	struct cred *cred = &task->cred;
	int n;

	cred->euid = geteuid();
	cred->egid = getegid();
	cred->ngroups = 0;
	cred->groups = NULL;
	cred->process = true;
	n = getgroups(0, NULL);
	if (n <= 0)
		return 0;
	cred->groups = kzalloc((size_t)n * sizeof(gid_t), GFP_KERNEL);
	if (!cred->groups)
		return -ENOMEM;
	n = getgroups(n, cred->groups);
	cred->ngroups = n > 0 ? n : 0;
	return 0;
}

void task_cred_free(struct tn_task *task)
{
	kfree(task->cred.groups);
	task->cred.groups = NULL;
	task->cred.ngroups = 0;
}

const struct cred *current_cred(void)
{
	static const struct cred nobody = { .euid = (uid_t)-1,
					    .egid = (gid_t)-1 };
	struct tn_task *task = current_task();

	if (!task)
		return &nobody;
	if (task->cred.process) {
		task_cred_free(task);
		if (task_cred_init(task))
			return &nobody; /* no memory: no group either */
	}
	return &task->cred;
}

uid_t current_euid(void)
{
	struct tn_task *task = current_task();

	if (!task)
		return (uid_t)-1;
	return task->cred.process ? geteuid() : task->cred.euid;
}

bool cred_in_group_range(const struct cred *cred, gid_t low, gid_t high)
{
	int i;

	if (low <= cred->egid && cred->egid <= high)
		return true;
	for (i = 0; i < cred->ngroups; i++)
		if (low <= cred->groups[i] && cred->groups[i] <= high)
			return true;
	return false;
}

/*
 * tn_task_set_cred - the daemon's hook: a client's task takes the user and
 * group its connection's peer credentials name (no supplementary groups:
 * SO_PEERCRED carries none).
 */
int tn_task_set_cred(struct tn_task *task, uid_t uid, gid_t gid)
{
	struct tn_stack *st;

	if (!task) {
		errno = EINVAL;
		return -1;
	}
	st = task->st;
	stack_enter(st);
	task_cred_free(task);
	task->cred.euid = uid;
	task->cred.egid = gid;
	task->cred.process = false;
	stack_exit(st);
	return 0;
}
