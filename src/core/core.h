/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to src/core and the stack object: the pieces it is assembled from. */
#ifndef _CORE_CORE_H
#define _CORE_CORE_H

#include <net/stack.h>

/* init.c */
int stack_init_levels(struct tn_stack *st, const struct tn_stack_config *cfg);
void stack_exit_levels(struct tn_stack *st);

/* skbuff.c */
void skb_cache_free(struct tn_stack *st);

/* net_namespace.c */
int net_ns_init(struct tn_stack *st, const char *hostname);
/* user.max_net_namespaces, user.max_net_devices */
int user_sysctl_init(struct tn_stack *st);
void net_ns_exit(struct tn_stack *st);
void pernet_free(struct tn_stack *st);

/* sysctl.c: net.core.* */
int sysctl_core_init(struct tn_stack *st);

#endif /* _CORE_CORE_H */
