// SPDX-License-Identifier: BSD-2-Clause
/*
 * /proc/net/dev: each device's counters of the reader's namespace, in the
 * layout ifconfig, netstat -i and many scripts parse.
 * Linux: net/core/net-procfs.c.
 */
#include <net/init.h>
#include <net/net_namespace.h>
#include <net/netdevice.h>
#include <net/proc_fs.h>

static void dev_seq_printf_stats(struct seq_file *seq, struct net_device *dev)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(dev, &s);
	seq_printf(
		seq,
		"%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		"%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n",
		dev->name, (unsigned long long)s.rx_bytes,
		(unsigned long long)s.rx_packets,
		(unsigned long long)s.rx_errors,
		(unsigned long long)(s.rx_dropped + s.rx_missed_errors),
		(unsigned long long)s.rx_fifo_errors,
		(unsigned long long)(s.rx_length_errors + s.rx_over_errors +
				     s.rx_crc_errors + s.rx_frame_errors),
		(unsigned long long)s.rx_compressed,
		(unsigned long long)s.multicast, (unsigned long long)s.tx_bytes,
		(unsigned long long)s.tx_packets,
		(unsigned long long)s.tx_errors,
		(unsigned long long)s.tx_dropped,
		(unsigned long long)s.tx_fifo_errors,
		(unsigned long long)s.collisions,
		(unsigned long long)(s.tx_carrier_errors + s.tx_aborted_errors +
				     s.tx_window_errors +
				     s.tx_heartbeat_errors),
		(unsigned long long)s.tx_compressed);
}

static int dev_seq_show(struct seq_file *seq, void *v)
{
	struct net_device *dev;

	(void)v;
	seq_puts(seq, "Inter-|   Receive                            "
		      "                    |  Transmit\n"
		      " face |bytes    packets errs drop fifo frame "
		      "compressed multicast|bytes    packets errs "
		      "drop fifo colls carrier compressed\n");
	for_each_netdev(seq_file_net(seq), dev)
		dev_seq_printf_stats(seq, dev);
	return 0;
}

/*
 * /proc/net/softnet_stat: one line per CPU, and the stack is one CPU:
 * processed, dropped (backlog full), time_squeeze, five zeros, the old
 * cpu_collision (0), received_rps, flow_limit_count, the backlog length,
 * the CPU's index, the input and process queue lengths.
 */
static int softnet_seq_show(struct seq_file *seq, void *v)
{
	struct softnet_data *sd = &current_stack()->softnet;
	unsigned int qlen = skb_queue_len(&sd->input_pkt_queue);

	(void)v;
	seq_printf(seq,
		   "%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x "
		   "%08x %08x %08x %08x\n",
		   sd->processed, sd->dropped, sd->time_squeeze, 0, 0, 0, 0, 0,
		   0, 0, 0, qlen, 0, qlen, 0);
	return 0;
}

/**
 * dev_proc_init - register /proc/net/dev
 * Context: stack creation (the "subsys" init level).  Return: 0 or -errno.
 */
int dev_proc_init(struct tn_stack *st)
{
	int err = proc_create_net_single("dev", 0444, dev_seq_show);

	if (!err)
		err = proc_create_net_single("softnet_stat", 0444,
					     softnet_seq_show);
	return err ? err : dev_mcast_proc_init(st);
}

void dev_proc_exit(struct tn_stack *st)
{
	(void)st;
	remove_proc_entry("dev", NULL);
	remove_proc_entry("softnet_stat", NULL);
	remove_proc_entry("dev_mcast", NULL);
}
