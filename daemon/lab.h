/* SPDX-License-Identifier: BSD-2-Clause */
/* The subcommands of the `tuxnet` program. */
#ifndef TUXNET_DAEMON_LAB_H
#define TUXNET_DAEMON_LAB_H

int tn_lab_main(int argc, char **argv);

#endif /* TUXNET_DAEMON_LAB_H */
