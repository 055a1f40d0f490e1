// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fault injection (lib/fault-inject.c, and the fail-nth file of
 * Documentation/fault-injection/): a test sets tn_fail_nth to N and the
 * thread's Nth allocation through kmalloc()/kzalloc() fails.  Walking N
 * from 1 upwards reaches every error path of the code under test.
 */
#include <net/types.h>

__thread unsigned long tn_fail_nth;
