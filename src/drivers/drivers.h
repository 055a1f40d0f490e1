/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to src/drivers: each driver's init and exit (drivers.c lists them). */
#ifndef _DRIVERS_DRIVERS_H
#define _DRIVERS_DRIVERS_H

struct tn_stack;

int loopback_init(struct tn_stack *st);
void loopback_exit(struct tn_stack *st);
int veth_init(struct tn_stack *st);
void veth_exit(struct tn_stack *st);

#endif /* _DRIVERS_DRIVERS_H */
