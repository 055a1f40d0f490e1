/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Credentials of a task (include/linux/cred.h, the part the network stack
 * reads): the effective user and group and the supplementary groups.  A
 * library task has its process's; the daemon gives each client's task the
 * peer credentials of its connection (SO_PEERCRED).
 */
#ifndef _NET_CRED_H
#define _NET_CRED_H

#include <stdbool.h>
#include <sys/types.h>

struct tn_task;

struct cred {
	uid_t euid;
	gid_t egid;
	int ngroups;
	gid_t *groups; /* supplementary groups, ngroups of them */
	bool process; /* the process's: read again at each use */
};

/* Fill @task's credentials from the calling process: 0 or -ENOMEM. */
int task_cred_init(struct tn_task *task);
void task_cred_free(struct tn_task *task);

/*
 * The credentials of the task making the current call; a task with its
 * process's credentials reads them again, as they may have changed.
 */
const struct cred *current_cred(void);

/*
 * current_euid - the effective uid of the task making the current call
 * (Linux: current_euid()); for the process's own, one read of it, without
 * the groups current_cred() fetches too: sockets record it at creation.
 */
uid_t current_euid(void);

/* in_group_range - is the egid, or a supplementary group, in [low, high]? */
bool cred_in_group_range(const struct cred *cred, gid_t low, gid_t high);

#endif /* _NET_CRED_H */
