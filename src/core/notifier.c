// SPDX-License-Identifier: BSD-2-Clause
/* Notifier chains, ordered by priority.  Linux: kernel/notifier.c. */
#include <net/stack.h>

struct notifier_node {
	struct notifier_block *nb;
	struct notifier_node *next;
};

int raw_notifier_chain_register(struct raw_notifier_head *nh,
				struct notifier_block *n)
{
	struct notifier_node **nl = &nh->head, *node;

	while (*nl && (*nl)->nb->priority >= n->priority) {
		if ((*nl)->nb == n)
			return -EEXIST;
		nl = &(*nl)->next;
	}
	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return -ENOMEM;
	node->nb = n;
	node->next = *nl;
	*nl = node;
	return 0;
}

int raw_notifier_chain_unregister(struct raw_notifier_head *nh,
				  struct notifier_block *n)
{
	struct notifier_node **nl = &nh->head;

	while (*nl) {
		if ((*nl)->nb == n) {
			struct notifier_node *node = *nl;

			*nl = node->next;
			kfree(node);
			return 0;
		}
		nl = &(*nl)->next;
	}
	return -ENOENT;
}

/**
 * raw_notifier_call_chain - call each block until one returns STOP
 * A block may unregister itself from its callback.
 * Return: the last block's return value (NOTIFY_DONE if none).
 */
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val,
			    void *v)
{
	struct notifier_node *node = nh->head, *next;
	int ret = NOTIFY_DONE;

	while (node) {
		next = node->next;
		ret = node->nb->notifier_call(node->nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
		node = next;
	}
	return ret;
}

void raw_notifier_chain_free(struct raw_notifier_head *nh)
{
	while (nh->head) {
		struct notifier_node *node = nh->head;

		nh->head = node->next;
		kfree(node);
	}
}
