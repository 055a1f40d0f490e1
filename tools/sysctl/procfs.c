// SPDX-License-Identifier: BSD-2-Clause
/*
 * The stack's /proc/sys as sysctl sees it: probing a path (what stat(2)
 * would say), listing a directory and expanding a glob, over tn_open(),
 * tn_read() and tn_getdents64().
 */
#include <tuxnet/tuxnet.h>

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"

/* The record tn_getdents64() returns, as struct linux_dirent64. */
struct sc_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/**
 * sc_probe - find out what @path is, as stat(2) would
 * @path: absolute path under /proc/sys
 * @want_write: also find out whether a file may be opened for writing
 * @node: filled in on success
 *
 * Return: 0, or -1 with errno as stat(2) sets it (ENOENT, ENOTDIR ...).
 */
int sc_probe(const char *path, int want_write, struct sc_node *node)
{
	int fd;

	memset(node, 0, sizeof(*node));
	fd = tn_open(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		tn_close(fd);
		node->kind = SC_DIR;
		node->readable = 1;
		return 0;
	}
	if (errno != ENOTDIR)
		return -1;
	node->kind = SC_FILE;
	fd = tn_open(path, O_RDONLY);
	if (fd >= 0) {
		tn_close(fd);
		node->readable = 1;
	} else if (errno != EACCES && errno != EPERM) {
		return -1; /* a path component is not a directory */
	}
	if (want_write) {
		fd = tn_open(path, O_WRONLY);
		if (fd >= 0) {
			tn_close(fd);
			node->writable = 1;
		}
	}
	return 0;
}

static int sc_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sc_push(char ***list, size_t *count, size_t *cap, char *s)
{
	if (!s)
		return -1;
	if (*count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		char **n = realloc(*list, ncap * sizeof(**list));

		if (!n) {
			free(s);
			return -1;
		}
		*list = n;
		*cap = ncap;
	}
	(*list)[(*count)++] = s;
	return 0;
}

void sc_free_list(char **list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

/**
 * sc_list_dir - the names in a directory, sorted, without "." and ".."
 * @path: the directory
 * @count: set to the number of names
 *
 * Sorted so that the listing does not depend on the order the stack keeps
 * its tables in (Linux keeps /proc/sys sorted by name too).
 *
 * Return: an array to free with sc_free_list(), or NULL with errno set.
 */
char **sc_list_dir(const char *path, size_t *count)
{
	char buf[4096], **list = NULL;
	size_t cap = 0;
	ssize_t n;
	int fd, err;

	*count = 0;
	fd = tn_open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return NULL;
	while ((n = tn_getdents64(fd, buf, sizeof(buf))) > 0) {
		ssize_t off = 0;

		while (off < n) {
			struct sc_dirent64 *d = (void *)(buf + off);

			off += d->d_reclen;
			if (!d->d_reclen)
				break;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			if (sc_push(&list, count, &cap, strdup(d->d_name)))
				goto err_free;
		}
	}
	if (n < 0)
		goto err_free;
	tn_close(fd);
	if (*count)
		qsort(list, *count, sizeof(*list), sc_cmp);
	else if (!list)
		list = calloc(1, sizeof(*list));
	return list;

err_free:
	err = errno;
	tn_close(fd);
	sc_free_list(list, *count);
	*count = 0;
	errno = err;
	return NULL;
}

static int sc_is_glob(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
	return 0;
}

/* Expands the components of @rest below the existing directory @base. */
static int sc_glob_at(const char *base, const char *rest, char ***list,
		      size_t *count, size_t *cap)
{
	const char *slash, *comp;
	struct sc_node node;
	char **names, pat[256];
	size_t clen, n, i;
	char *path;

	while (*rest == '/')
		rest++;
	if (!*rest) {
		if (sc_probe(base, 0, &node))
			return 0;
		return sc_push(list, count, cap, strdup(base));
	}
	comp = rest;
	slash = strchr(comp, '/');
	clen = slash ? (size_t)(slash - comp) : strlen(comp);
	rest = comp + clen;
	if (!sc_is_glob(comp, clen)) {
		int ret;

		if (asprintf(&path, "%s/%.*s", base, (int)clen, comp) < 0)
			return -1;
		ret = sc_glob_at(path, rest, list, count, cap);
		free(path);
		return ret;
	}
	if (clen >= sizeof(pat))
		return 0;
	memcpy(pat, comp, clen);
	pat[clen] = '\0';
	names = sc_list_dir(base, &n);
	if (!names)
		return 0;
	for (i = 0; i < n; i++) {
		int ret;

		if (fnmatch(pat, names[i], FNM_PERIOD))
			continue;
		if (asprintf(&path, "%s/%s", base, names[i]) < 0)
			break;
		ret = sc_glob_at(path, rest, list, count, cap);
		free(path);
		if (ret)
			break;
	}
	sc_free_list(names, n);
	return 0;
}

/**
 * sc_glob - the existing paths matching @pattern, sorted, as glob(3)
 * @pattern: an absolute pattern ("/proc/sys/net/ipv4/conf/ * /rp_filter")
 * @count: set to the number of matches (0: none)
 *
 * Return: an array to free with sc_free_list(), or NULL.
 */
char **sc_glob(const char *pattern, size_t *count)
{
	char **list = NULL;
	size_t cap = 0;

	*count = 0;
	if (pattern[0] != '/')
		return NULL;
	sc_glob_at("", pattern + 1, &list, count, &cap);
	if (*count)
		qsort(list, *count, sizeof(*list), sc_cmp);
	return list;
}

/**
 * sc_read_file - the whole contents of a /proc/sys file
 * @path: the file
 * @len: set to the length read
 * @open_failed: set to whether the failure, if any, was in tn_open()
 *
 * Return: a NUL-terminated buffer to free(), or NULL with errno set (by
 * the open, or by the first read that failed).
 */
char *sc_read_file(const char *path, ssize_t *len, int *open_failed)
{
	size_t cap = 4096, used = 0;
	char *buf;
	ssize_t n;
	int fd, err;

	*len = 0;
	*open_failed = 1;
	fd = tn_open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	*open_failed = 0;
	buf = malloc(cap);
	if (!buf)
		goto err_close;
	for (;;) {
		if (cap - used < 2) {
			char *nbuf = realloc(buf, cap * 2);

			if (!nbuf)
				goto err_free;
			buf = nbuf;
			cap *= 2;
		}
		n = tn_read(fd, buf + used, cap - used - 1);
		if (n < 0)
			goto err_free;
		if (!n)
			break;
		used += (size_t)n;
	}
	tn_close(fd);
	buf[used] = '\0';
	*len = (ssize_t)used;
	return buf;

err_free:
	free(buf);
err_close:
	err = errno;
	tn_close(fd);
	errno = err;
	return NULL;
}
