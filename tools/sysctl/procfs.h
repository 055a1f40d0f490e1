/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Access to the stack's /proc/sys for sysctl: what stat(2), readdir(3) and
 * glob(3) would tell, found out with tn_open() and tn_getdents64() only.
 */
#ifndef TN_SYSCTL_PROCFS_H
#define TN_SYSCTL_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

/** enum sc_kind - what a /proc/sys path is */
enum sc_kind {
	SC_DIR,
	SC_FILE,
};

/**
 * struct sc_node - what sc_probe() found
 * @kind: directory or file
 * @readable: a file that can be opened for reading
 * @writable: a file that can be opened for writing (probed on request)
 */
struct sc_node {
	enum sc_kind kind;
	int readable;
	int writable;
};

int sc_probe(const char *path, int want_write, struct sc_node *node);
char **sc_list_dir(const char *path, size_t *count);
char **sc_glob(const char *pattern, size_t *count);
void sc_free_list(char **list, size_t count);
char *sc_read_file(const char *path, ssize_t *len, int *open_failed);

#endif /* TN_SYSCTL_PROCFS_H */
