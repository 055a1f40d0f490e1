/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Init levels (include/linux/init.h): what tn_stack_create() runs, in
 * Linux's initcall order, each step with the exit that undoes it (as a
 * module_init has its module_exit).  A stack that fails to come up, or is
 * destroyed, runs the exits of the steps that ran, newest first.
 */
#ifndef _NET_INIT_H
#define _NET_INIT_H

#include <stddef.h>

struct tn_stack;

/**
 * struct initcall - one step of an init level
 * @name: for diagnostics
 * @init: 0 or -errno; on failure it has undone its own part
 * @exit: undoes @init once every namespace is gone; NULL when @init
 *	only filled registries that are torn down with the stack
 */
struct initcall {
	const char *name;
	int (*init)(struct tn_stack *st);
	void (*exit)(struct tn_stack *st);
};

/* src/drivers/drivers.c: the device level, one entry per driver */
extern const struct initcall device_initcalls[];
extern const size_t nr_device_initcalls;

/* The steps of the core, subsys and fs levels (src/core/init.c lists them). */
int sock_init(struct tn_stack *st); /* core */
void sock_exit(struct tn_stack *st);
int netlink_proto_init(struct tn_stack *st);
void netlink_proto_exit(struct tn_stack *st);
int net_dev_init(struct tn_stack *st); /* subsys */
void net_dev_exit(struct tn_stack *st);
int dev_proc_init(struct tn_stack *st);
void dev_proc_exit(struct tn_stack *st);
int ipv4_mib_init(struct tn_stack *st); /* fs */
void ipv4_mib_exit(struct tn_stack *st);
int inet_init(struct tn_stack *st);
void inet_exit(struct tn_stack *st);

#endif /* _NET_INIT_H */
