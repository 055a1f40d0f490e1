// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fuzz target: writes to /proc/sys.  The input is a series of records
 *
 *   u16 key (little-endian, modulo the number of keys), u8 flags,
 *   u8 length, that many bytes
 *
 * where the key indexes every file under /proc/sys as netns "a" of the
 * harness topology sees it (found once by walking the tree with
 * tn_getdents64).  Each record opens the key (O_RDWR if flags & 0x01,
 * else O_WRONLY), writes the bytes with tn_write (in two writes if
 * flags & 0x02), and reads the key back.  With flags & 0x04 the key is
 * opened in a new netns instead, which is deleted while the fd is still
 * open, so the write meets a table that is gone (-ENOENT).
 *
 * Oracle: nothing crashes or trips a sanitizer; every key that can be
 * read reads back as one line of printable text; no file, socket or skb
 * is left behind.  A fresh stack per input, so no write leaks into the
 * next.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"

#define MAX_KEYS 2048
#define KEY_LEN	 160

static char (*keys)[KEY_LEN];
static int nkeys;

static __attribute__((noreturn)) void die(const char *what, const char *key)
{
	fprintf(stderr, "fuzz_sysctl: %s%s%s\n", what, key ? ": " : "",
		key ? key : "");
	abort();
}

/* walk - add every file below the /proc/sys directory @dir to keys[] */
static void walk(const char *dir)
{
	char buf[8192], path[KEY_LEN];
	ssize_t n;
	int fd = tn_open(dir, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		die("cannot open a directory", dir);
	while ((n = tn_getdents64(fd, buf, sizeof(buf))) > 0) {
		ssize_t off = 0;

		while (off < n) {
			unsigned short reclen;
			unsigned char type = (unsigned char)buf[off + 18];
			const char *name = buf + off + 19;

			memcpy(&reclen, buf + off + 16, 2);
			off += reclen;
			if (!strcmp(name, ".") || !strcmp(name, ".."))
				continue;
			if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
			    (int)sizeof(path))
				continue;
			if (type == 4 /* DT_DIR */)
				walk(path);
			else if (nkeys < MAX_KEYS)
				strcpy(keys[nkeys++], path);
		}
	}
	tn_close(fd);
}

/* check_readback - @key reads back as one line of printable text */
static void check_readback(const char *key)
{
	char buf[4097];
	ssize_t n;
	int fd = tn_open(key, O_RDONLY), i;

	if (fd < 0) {
		if (errno == EACCES)
			return; /* write-only */
		if (errno == ENFILE)
			return; /* an input set fs.file-max below the open files */
		die("cannot open for reading", key);
	}
	n = tn_read(fd, buf, sizeof(buf) - 1);
	tn_close(fd);
	if (n <= 0 || n >= (ssize_t)sizeof(buf) - 1)
		die("bad read length", key);
	if (buf[n - 1] != '\n')
		die("value does not end in a newline", key);
	for (i = 0; i < n - 1; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n' || c == '\0')
			die("value is not one line", key);
	}
}

static void one_record(const char *key, unsigned int flags, const uint8_t *data,
		       size_t len)
{
	int acc = (flags & 0x01) ? O_RDWR : O_WRONLY, fd;

	if (flags & 0x04) {
		/* The same key in "b", which then goes away under the fd. */
		if (tn_netns_add("b2") < 0 || tn_netns_set("b2") < 0)
			die("cannot make netns b2", NULL);
		fd = tn_open(key, acc);
		if (tn_netns_set("a") < 0 || tn_netns_del("b2") < 0)
			die("cannot leave netns b2", NULL);
	} else {
		fd = tn_open(key, acc);
	}
	if (fd < 0)
		return;
	if ((flags & 0x02) && len > 1) {
		tn_write(fd, data, len / 2);
		tn_write(fd, data + len / 2, len - len / 2);
	} else {
		tn_write(fd, data, len);
	}
	tn_close(fd);
	if (!(flags & 0x04)) {
		check_readback(key);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tn_stack_stats s;
	struct fuzz_env e;
	size_t off = 0;

	if (fuzz_env_create(&e, 0) < 0)
		die("cannot set up the stack", NULL);
	if (!keys) {
		keys = calloc(MAX_KEYS, KEY_LEN);
		if (!keys)
			die("out of memory", NULL);
		walk("/proc/sys");
		if (!nkeys)
			die("no keys under /proc/sys", NULL);
		if (getenv("FUZZ_VERBOSE"))
			for (int i = 0; i < nkeys; i++)
				fprintf(stderr, "key %d %s\n", i, keys[i]);
	}
	while (size - off >= 4) {
		unsigned int key = ((unsigned int)data[off] |
				    (unsigned int)data[off + 1] << 8) %
				   (unsigned int)nkeys;
		unsigned int flags = data[off + 2];
		size_t len = data[off + 3];

		off += 4;
		if (len > size - off)
			len = size - off;
		one_record(keys[key], flags, data + off, len);
		off += len;
	}
	fuzz_env_settle(&e);
	tn_stack_get_stats(e.st, &s);
	if (s.live_files || s.live_socks)
		die("files or sockets left behind", NULL);
	fuzz_env_destroy(&e);
	return 0;
}
