// SPDX-License-Identifier: BSD-2-Clause
/* Notifier chains, ordered by priority.  Linux: kernel/notifier.c. */
#include <net/stack.h>

int raw_notifier_chain_register(struct raw_notifier_head *nh,
				struct notifier_block *n)
{
	struct notifier_block **nl = &nh->head;

	while (*nl && (*nl)->priority >= n->priority) {
		if (*nl == n)
			return -EEXIST;
		nl = &(*nl)->next;
	}
	n->next = *nl;
	*nl = n;
	return 0;
}

int raw_notifier_chain_unregister(struct raw_notifier_head *nh,
				  struct notifier_block *n)
{
	struct notifier_block **nl = &nh->head;

	while (*nl) {
		if (*nl == n) {
			*nl = n->next;
			return 0;
		}
		nl = &(*nl)->next;
	}
	return -ENOENT;
}

/**
 * raw_notifier_call_chain - call each block until one returns STOP
 * Return: the last block's return value (NOTIFY_DONE if none).
 */
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val,
			    void *v)
{
	struct notifier_block *nb = nh->head, *next;
	int ret = NOTIFY_DONE;

	while (nb) {
		next = nb->next;
		ret = nb->notifier_call(nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
		nb = next;
	}
	return ret;
}
