// SPDX-License-Identifier: BSD-2-Clause
/*
 * The file system a tuxnet task can open: /proc/sys (sysctls), /proc/net
 * (text tables), /run/netns/NAME and /proc/self/ns/net (namespace handles,
 * as `ip` passes in IFLA_NET_NS_FD).  Everything else is ENOENT.
 * Linux: fs/proc/proc_sysctl.c, fs/proc/proc_net.c, fs/seq_file.c, fs/nsfs.c.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>

#include <net/fs.h>
#include <net/net_namespace.h>
#include <net/proc_fs.h>
#include <net/sysctl.h>

#include <net/fdtable.h>

#include "internal.h"

/* ---- seq_file ---- */

static void seq_reserve(struct seq_file *m, size_t n)
{
	size_t want = m->count + n + 1;
	char *b;

	if (m->overflow || want <= m->size)
		return;
	while (m->size < want)
		m->size = m->size ? m->size * 2 : 4096;
	if (m->size > (16U << 20)) {
		m->overflow = true;
		return;
	}
	b = realloc(m->buf, m->size);
	if (!b) {
		m->overflow = true;
		return;
	}
	m->buf = b;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	seq_reserve(m, (size_t)n);
	if (m->overflow)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(m->buf + m->count, (size_t)n + 1, fmt, ap);
	va_end(ap);
	m->count += (size_t)n;
}

void seq_puts(struct seq_file *m, const char *s)
{
	size_t n = strlen(s);

	seq_reserve(m, n);
	if (m->overflow)
		return;
	memcpy(m->buf + m->count, s, n + 1);
	m->count += n;
}

void seq_putc(struct seq_file *m, char c)
{
	seq_reserve(m, 1);
	if (m->overflow)
		return;
	m->buf[m->count++] = c;
	m->buf[m->count] = '\0';
}

/* seq_pad - pad the current line to @width with @c (proc tables) */
void seq_pad(struct seq_file *m, char c, size_t width)
{
	size_t line = 0;

	while (line < m->count && m->buf[m->count - line - 1] != '\n')
		line++;
	while (line++ < width)
		seq_putc(m, c);
}

/* ---- /proc/net ---- */

struct proc_dir_entry {
	struct list_head list;
	unsigned short mode;
	int (*show)(struct seq_file *m, void *v);
	char name[32];
};

int proc_create_net_single(const char *name, unsigned short mode,
			   int (*show)(struct seq_file *m, void *v))
{
	struct proc_dir_entry *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	(void)snprintf(p->name, sizeof(p->name), "%s", name);
	p->mode = mode;
	p->show = show;
	list_add_tail(&p->list, &current_stack()->proc_list);
	return 0;
}

/* remove_proc_entry - remove /proc/net/@name (@parent: NULL, /proc/net) */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *p, *tmp;

	(void)parent;
	list_for_each_entry_safe(p, tmp, &current_stack()->proc_list, list) {
		if (!strcmp(p->name, name)) {
			list_del(&p->list);
			kfree(p);
			return;
		}
	}
}

void proc_net_exit(struct tn_stack *st)
{
	struct proc_dir_entry *p, *tmp;

	list_for_each_entry_safe(p, tmp, &st->proc_list, list) {
		list_del(&p->list);
		kfree(p);
	}
}

/* A file whose whole text was rendered at open. */
struct text_file {
	struct seq_file m;
	struct ctl_table *ctl; /* sysctl files */
	struct ctl_table_header *head; /* ... and the table's registration */
	struct net *net;
};

static ssize_t text_read(struct file *file, char *buf, size_t len)
{
	struct text_file *tf = file->private_data;
	size_t left;

	if (tf->m.overflow)
		return -ENOMEM;
	if ((size_t)file->f_pos >= tf->m.count)
		return 0;
	left = tf->m.count - (size_t)file->f_pos;
	if (len > left)
		len = left;
	memcpy(buf, tf->m.buf + file->f_pos, len);
	file->f_pos += (long)len;
	return (ssize_t)len;
}

static int text_release(struct file *file)
{
	struct text_file *tf = file->private_data;

	if (tf->net)
		put_net(tf->net);
	free(tf->m.buf);
	kfree(tf);
	return 0;
}

static const struct file_operations proc_net_fops = {
	.read = text_read,
	.release = text_release,
};

static struct file *proc_net_open(const char *name, int flags, int *err)
{
	struct proc_dir_entry *p;
	struct text_file *tf;
	struct file *file;

	list_for_each_entry(p, &current_stack()->proc_list, list) {
		if (strcmp(p->name, name))
			continue;
		if ((flags & O_ACCMODE) != O_RDONLY) {
			*err = -EACCES;
			return NULL;
		}
		if (flags & O_DIRECTORY) {
			*err = -ENOTDIR;
			return NULL;
		}
		tf = kzalloc(sizeof(*tf), GFP_KERNEL);
		if (!tf) {
			*err = -ENOMEM;
			return NULL;
		}
		tf->m.net = current_net();
		p->show(&tf->m, NULL);
		file = alloc_file(&proc_net_fops, (unsigned int)flags, tf);
		if (!file) {
			free(tf->m.buf);
			kfree(tf);
			*err = -ENFILE;
		}
		return file;
	}
	*err = -ENOENT;
	return NULL;
}

/* ---- directories ---- */

struct dir_file {
	char **names;
	unsigned char *types;
	size_t n;
};

struct dir_ent {
	char *name;
	unsigned char type;
};

static int dir_ent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dir_ent *)a)->name,
		      ((const struct dir_ent *)b)->name);
}

/* dir_sort - sort the names, each keeping its own type */
static int dir_sort(struct dir_file *d)
{
	struct dir_ent *e = calloc(d->n ? d->n : 1, sizeof(*e));
	size_t i;

	if (!e)
		return -ENOMEM;
	for (i = 0; i < d->n; i++)
		e[i] = (struct dir_ent){ d->names[i], d->types[i] };
	qsort(e, d->n, sizeof(*e), dir_ent_cmp);
	for (i = 0; i < d->n; i++) {
		d->names[i] = e[i].name;
		d->types[i] = e[i].type;
	}
	free(e);
	return 0;
}

static int dir_add(struct dir_file *d, const char *name, size_t len,
		   unsigned char type)
{
	size_t i;
	char **nn;
	unsigned char *nt;

	for (i = 0; i < d->n; i++)
		if (strlen(d->names[i]) == len &&
		    !strncmp(d->names[i], name, len))
			return 0;
	nn = realloc(d->names, (d->n + 1) * sizeof(*nn));
	if (!nn)
		return -ENOMEM;
	d->names = nn;
	nt = realloc(d->types, d->n + 1);
	if (!nt)
		return -ENOMEM;
	d->types = nt;
	d->names[d->n] = strndup(name, len);
	if (!d->names[d->n])
		return -ENOMEM;
	d->types[d->n] = type;
	d->n++;
	return 0;
}

static int dir_iterate(struct file *file, struct dir_context *ctx)
{
	struct dir_file *d = file->private_data;

	while ((size_t)ctx->pos < d->n) {
		const char *name = d->names[ctx->pos];

		if (!ctx->actor(ctx, name, (int)strlen(name),
				(u64)ctx->pos + 100, d->types[ctx->pos]))
			break;
		ctx->pos++;
	}
	return 0;
}

static void dir_free(struct dir_file *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	free(d->types);
	kfree(d);
}

static int dir_release(struct file *file)
{
	dir_free(file->private_data);
	return 0;
}

static const struct file_operations dir_fops = {
	.iterate = dir_iterate,
	.release = dir_release,
};

/* Sort and make a directory file of @d. */
static struct file *dir_open(struct dir_file *d, int flags, int *err)
{
	struct file *file;

	if ((flags & O_ACCMODE) != O_RDONLY) {
		*err = -EISDIR;
		goto fail;
	}
	*err = dir_sort(d);
	if (*err)
		goto fail;
	file = alloc_file(&dir_fops, (unsigned int)flags, d);
	if (!file) {
		*err = -ENFILE;
		goto fail;
	}
	return file;
fail:
	dir_free(d);
	return NULL;
}

/* ---- /proc/sys ---- */

static bool sysctl_visible(const struct ctl_table_header *h)
{
	return !h->net || h->net == current_net();
}

struct sysctl_file {
	struct text_file tf;
	struct ctl_table *ctl;
};

static ssize_t sysctl_write(struct file *file, const char *buf, size_t len)
{
	struct text_file *tf = file->private_data;
	char *kbuf;
	size_t l = len;
	long pos = (long)file->f_pos;
	int err;

	if (tf->head->unregistering)
		return -ENOENT;
	if (!len)
		return 0; /* the handler never sees an empty write */
	if (len > 4096)
		return -EINVAL;
	kbuf = malloc(len + 1);
	if (!kbuf)
		return -ENOMEM;
	memcpy(kbuf, buf, len);
	kbuf[len] = '\0';
	/* The handler says how much it used (a short write, as Linux) and
	 * moves the position: a second write on the fd is then ignored. */
	err = tf->ctl->proc_handler(tf->ctl, 1, kbuf, &l, &pos);
	free(kbuf);
	if (err)
		return err;
	file->f_pos = pos;
	return (ssize_t)(l < len ? l : len);
}

/* A table unregistered under an open file reads as gone, as Linux. */
static ssize_t sysctl_read(struct file *file, char *buf, size_t len)
{
	struct text_file *tf = file->private_data;

	if (tf->head->unregistering)
		return -ENOENT;
	return text_read(file, buf, len);
}

static int sysctl_release(struct file *file)
{
	struct text_file *tf = file->private_data;

	sysctl_head_put(tf->head);
	return text_release(file);
}

static const struct file_operations sysctl_fops = {
	.read = sysctl_read,
	.write = sysctl_write,
	.release = sysctl_release,
};

static struct file *sysctl_leaf_open(struct ctl_table_header *h,
				     struct ctl_table *t, int flags, int *err)
{
	int acc = flags & O_ACCMODE;
	struct text_file *tf;
	struct file *file;
	unsigned short mode = t->mode >> 6; /* the owner's bits: we are root */

	if (flags & O_DIRECTORY) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (((acc == O_WRONLY || acc == O_RDWR) && !(mode & 2)) ||
	    ((acc == O_RDONLY || acc == O_RDWR) && !(mode & 4))) {
		*err = -EACCES;
		return NULL;
	}
	tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	if (!tf) {
		*err = -ENOMEM;
		return NULL;
	}
	tf->ctl = t;
	if (acc != O_WRONLY) {
		size_t len = 4096;
		long pos = 0;

		tf->m.buf = malloc(len);
		if (!tf->m.buf) {
			kfree(tf);
			*err = -ENOMEM;
			return NULL;
		}
		tf->m.size = len;
		*err = t->proc_handler(t, 0, tf->m.buf, &len, &pos);
		if (*err) {
			free(tf->m.buf);
			kfree(tf);
			return NULL;
		}
		tf->m.count = len;
	}
	file = alloc_file(&sysctl_fops, (unsigned int)flags, tf);
	if (!file) {
		free(tf->m.buf);
		kfree(tf);
		*err = -ENFILE;
		return NULL;
	}
	tf->head = h;
	sysctl_head_grab(h);
	return file;
}

static struct file *sysctl_open(const char *rel, int flags, int *err)
{
	struct tn_stack *st = current_stack();
	struct ctl_table_header *h;
	struct dir_file *d = NULL;
	size_t rl = strlen(rel), i;
	char full[256];

	list_for_each_entry(h, &st->sysctl_list, list) {
		if (!sysctl_visible(h))
			continue;
		for (i = 0; i < h->count; i++) {
			struct ctl_table *t = &h->table[i];
			size_t fl;

			(void)snprintf(full, sizeof(full), "%s/%s", h->path,
				       t->procname);
			fl = strlen(full);
			if (!strcmp(full, rel)) {
				dir_free(d); /* a leaf after all */
				return sysctl_leaf_open(h, t, flags, err);
			}
			/* @rel is a directory above this entry? */
			if (rl && (fl <= rl || strncmp(full, rel, rl) ||
				   full[rl] != '/'))
				continue;
			if (!d) {
				d = kzalloc(sizeof(*d), GFP_KERNEL);
				if (!d) {
					*err = -ENOMEM;
					return NULL;
				}
			}
			{
				const char *c = full + (rl ? rl + 1 : 0);
				const char *slash = strchr(c, '/');
				size_t cl =
					slash ? (size_t)(slash - c) : strlen(c);

				if (dir_add(d, c, cl,
					    slash ? DT_DIR : DT_REG)) {
					dir_free(d);
					*err = -ENOMEM;
					return NULL;
				}
			}
		}
	}
	if (!d) {
		*err = -ENOENT;
		return NULL;
	}
	return dir_open(d, flags, err);
}

/* ---- namespace handles ---- */

static int nsfs_release(struct file *file)
{
	put_net(file->private_data);
	return 0;
}

static const struct file_operations nsfs_fops = {
	.release = nsfs_release,
};

/* get_net_ns_by_fd - the namespace an fd from tn_open("/run/netns/X") names */
struct net *get_net_ns_by_fd(int fd)
{
	struct file *file = fdget(fd);

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op != &nsfs_fops)
		return ERR_PTR(-EINVAL);
	return get_net(file->private_data);
}

static struct file *nsfs_open(struct net *net, int flags, int *err)
{
	struct file *file;

	if (!net) {
		*err = -ENOENT;
		return NULL;
	}
	if (flags & O_DIRECTORY) {
		*err = -ENOTDIR;
		return NULL;
	}
	file = alloc_file(&nsfs_fops, (unsigned int)flags, get_net(net));
	if (!file) {
		put_net(net);
		*err = -ENFILE;
	}
	return file;
}

static struct file *netns_dir_open(int flags, int *err)
{
	struct tn_stack *st = current_stack();
	struct dir_file *d = kzalloc(sizeof(*d), GFP_KERNEL);
	struct net *net;

	if (!d) {
		*err = -ENOMEM;
		return NULL;
	}
	for_each_net(st, net) {
		if (net->ns_name &&
		    dir_add(d, net->ns_name, strlen(net->ns_name), DT_REG)) {
			*err = -ENOMEM;
			return dir_open(d, O_WRONLY, err);
		}
	}
	return dir_open(d, flags, err);
}

static struct file *proc_net_dir_open(int flags, int *err)
{
	struct dir_file *d = kzalloc(sizeof(*d), GFP_KERNEL);
	struct proc_dir_entry *p;

	if (!d) {
		*err = -ENOMEM;
		return NULL;
	}
	list_for_each_entry(p, &current_stack()->proc_list, list) {
		if (dir_add(d, p->name, strlen(p->name), DT_REG)) {
			*err = -ENOMEM;
			return dir_open(d, O_WRONLY, err);
		}
	}
	return dir_open(d, flags, err);
}

/* Collapse "//" and drop a trailing "/" so paths compare simply. */
static void path_normalize(const char *in, char *out, size_t size)
{
	size_t o = 0;

	for (; *in && o + 1 < size; in++) {
		if (*in == '/' && o && out[o - 1] == '/')
			continue;
		out[o++] = *in;
	}
	if (o > 1 && out[o - 1] == '/')
		o--;
	out[o] = '\0';
}

static bool path_under(const char *path, const char *dir, const char **rest)
{
	size_t l = strlen(dir);

	if (strlen(path) < l || memcmp(path, dir, l))
		return false;
	/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
	if (path[l] == '\0') { /* in bounds: strlen(path) >= l */
		*rest = "";
		return true;
	}
	if (path[l] != '/')
		return false;
	*rest = path + l + 1;
	return true;
}

/**
 * vfs_open - open @path in the current task's view
 * Return: the file, or NULL with *@err = -ENOENT, -EACCES, -EISDIR ...
 */
struct file *vfs_open(const char *path, int flags, int *err)
{
	struct tn_stack *st = current_stack();
	char p[512];
	const char *rest;

	if (strlen(path) >= sizeof(p)) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	path_normalize(path, p, sizeof(p));
	if (path_under(p, "/proc/sys", &rest))
		return sysctl_open(rest, flags, err);
	if (path_under(p, "/proc/net", &rest) ||
	    path_under(p, "/proc/self/net", &rest)) {
		if (!*rest)
			return proc_net_dir_open(flags, err);
		return proc_net_open(rest, flags, err);
	}
	if (!strcmp(p, "/proc/self/ns/net") ||
	    !strcmp(p, "/proc/thread-self/ns/net"))
		return nsfs_open(current_net(), flags, err);
	if (path_under(p, "/run/netns", &rest) ||
	    path_under(p, "/var/run/netns", &rest)) {
		if (!*rest)
			return netns_dir_open(flags, err);
		return nsfs_open(netns_get_by_name(st, rest), flags, err);
	}
	*err = -ENOENT;
	return NULL;
}
