// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device init level: every driver in src/drivers/, in the order
 * Linux links drivers/net (loopback first).  Adding a driver means adding
 * its line here and in drivers.h, not touching the core.
 */
#include <net/init.h>

#include "drivers.h"

const struct initcall device_initcalls[] = {
	{ "loopback", loopback_init, loopback_exit },
	{ "veth", veth_init, veth_exit },
};

const size_t nr_device_initcalls =
	sizeof(device_initcalls) / sizeof(device_initcalls[0]);
