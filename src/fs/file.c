// SPDX-License-Identifier: BSD-2-Clause
/*
 * Open files and fd tables: the generic half of the system-call layer.
 * Linux: fs/file.c, fs/file_table.c, fs/read_write.c, fs/readdir.c.
 */
#include <fcntl.h>
#include <stdarg.h>

#include <net/fs.h>
#include <net/net.h>
#include <net/stack.h>
#include <net/sysctl.h>

#include <net/fdtable.h>

#include "internal.h"
#include <net/syscall.h>

#define FD_FIRST    3 /* 0-2 are a process's stdio on Linux */
#define NR_OPEN_MAX 65536 /* per task: the most RLIMIT_NOFILE may be */

int files_init(struct files_struct *files)
{
	files->count = 1;
	files->max_fds = 64;
	files->nofile = NR_OPEN_MAX;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	files->fd = calloc((size_t)files->max_fds, sizeof(*files->fd));
	files->cloexec = calloc((size_t)files->max_fds, 1);
	if (!files->fd || !files->cloexec) {
		free(files->fd);
		free(files->cloexec);
		return -ENOMEM;
	}
	return 0;
}

void files_close_all(struct files_struct *files)
{
	int fd;

	for (fd = 0; fd < files->max_fds; fd++) {
		struct file *file = files->fd[fd];

		if (file) {
			files->fd[fd] = NULL;
			fput(file);
		}
	}
}

void files_free(struct files_struct *files)
{
	free(files->fd);
	free(files->cloexec);
	files->fd = NULL;
	files->cloexec = NULL;
	files->max_fds = 0;
}

/* files_alloc - a new, empty fd table with one user */
struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files && files_init(files)) {
		kfree(files);
		return NULL;
	}
	return files;
}

/*
 * dup_fd - a copy of @old for a forked child: the same open files (each
 * taking a reference), the same close-on-exec flags and limit.
 */
struct files_struct *dup_fd(const struct files_struct *old)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);
	int fd;

	if (!files)
		return NULL;
	files->count = 1;
	files->max_fds = old->max_fds;
	files->nofile = old->nofile;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	files->fd = calloc((size_t)files->max_fds, sizeof(*files->fd));
	files->cloexec = calloc((size_t)files->max_fds, 1);
	if (!files->fd || !files->cloexec) {
		free(files->fd);
		free(files->cloexec);
		kfree(files);
		return NULL;
	}
	for (fd = 0; fd < old->max_fds; fd++) {
		if (!old->fd[fd])
			continue;
		fget_raw(old->fd[fd]);
		files->fd[fd] = old->fd[fd];
		files->cloexec[fd] = old->cloexec[fd];
	}
	return files;
}

/*
 * put_files_struct - a task stops using @files; the last one closes every
 * file (as the current task) and frees the table.
 */
void put_files_struct(struct files_struct *files)
{
	if (--files->count)
		return;
	files_close_all(files);
	files_free(files);
	kfree(files);
}

static int files_expand(struct files_struct *files)
{
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
	const size_t ptr_size = sizeof(struct file *);
	int n = files->max_fds * 2;
	struct file **fd;
	unsigned char *ce;

	if (files->max_fds >= files->nofile)
		return -EMFILE;
	fd = realloc(files->fd, (size_t)n * ptr_size);
	if (!fd)
		return -ENOMEM;
	files->fd = fd;
	ce = realloc(files->cloexec, (size_t)n);
	if (!ce)
		return -ENOMEM;
	files->cloexec = ce;
	memset(files->fd + files->max_fds, 0,
	       (size_t)(n - files->max_fds) * ptr_size);
	memset(files->cloexec + files->max_fds, 0,
	       (size_t)(n - files->max_fds));
	files->max_fds = n;
	return 0;
}

struct file *alloc_file(const struct file_operations *fops, unsigned int flags,
			void *priv)
{
	struct tn_stack *st = current_stack();
	struct file *file;

	/*
	 * fs.file-max: every caller fails with ENFILE.  Unlike Linux, root
	 * is not exempt: every client of the stack is root to it.
	 */
	if ((unsigned long)st->live_files >= st->file_max)
		return NULL;
	file = kzalloc(sizeof(*file), GFP_KERNEL);
	if (!file)
		return NULL;
	file->f_op = fops;
	file->f_flags = flags;
	file->f_count = 1;
	file->private_data = priv;
	INIT_LIST_HEAD(&file->f_ep_links);
	st->live_files++;
	return file;
}

void fget_raw(struct file *file)
{
	file->f_count++;
}

void fput(struct file *file)
{
	if (--file->f_count)
		return;
	eventpoll_release(file);
	if (file->f_op->release)
		file->f_op->release(file);
	current_stack()->live_files--;
	kfree(file);
}

/*
 * The task's RLIMIT_NOFILE: no fd at or above it is ever handed out.
 * Linux: rlimit(RLIMIT_NOFILE).
 */
static unsigned int task_nofile_limit(void)
{
	return (unsigned int)current_task()->files->nofile;
}

/*
 * alloc_fd - the lowest free fd >= @start of the current task gets @file
 * Return: the fd, or -EMFILE if none is free below the limit.
 */
static int alloc_fd(unsigned int start, struct file *file, unsigned int flags)
{
	struct files_struct *files = current_task()->files;
	unsigned int end = task_nofile_limit();
	unsigned int fd;
	int err;

	if (start < FD_FIRST)
		start = FD_FIRST;
	for (;;) {
		for (fd = start; fd < (unsigned int)files->max_fds && fd < end;
		     fd++) {
			if (!files->fd[fd]) {
				files->fd[fd] = file;
				files->cloexec[fd] = !!(flags & O_CLOEXEC);
				return (int)fd;
			}
		}
		if (fd >= end)
			return -EMFILE;
		err = files_expand(files);
		if (err)
			return err;
	}
}

/* fd_install_new - the lowest free fd of the current task gets @file */
int fd_install_new(struct file *file, unsigned int flags)
{
	return alloc_fd(FD_FIRST, file, flags);
}

/* f_dupfd - F_DUPFD: @file again at the lowest free fd >= @from */
static int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	int fd;

	if (from >= task_nofile_limit())
		return -EINVAL;
	fd = alloc_fd(from, file, flags);
	if (fd >= 0)
		fget_raw(file);
	return fd;
}

struct file *fdget(int fd)
{
	struct files_struct *files = current_task()->files;

	if (fd < 0 || fd >= files->max_fds)
		return NULL;
	return files->fd[fd];
}

struct file *fdget_hold(int fd, struct file **held)
{
	struct file *file = fdget(fd);

	if (file) {
		fget_raw(file);
		*held = file;
	}
	return file;
}

int close_fd(int fd)
{
	struct files_struct *files = current_task()->files;
	struct file *file;

	if (fd < 0 || fd >= files->max_fds || !files->fd[fd])
		return -EBADF;
	file = files->fd[fd];
	files->fd[fd] = NULL;
	fput(file);
	return 0;
}

/* ---- fs.file-max, fs.file-nr ---- */

#define FILE_MAX_DEFAULT 1048576UL

/* "allocated  free  max", as Linux (free is always 0 since 2.6) */
static int proc_nr_files(struct ctl_table *t, int write, char *buf,
			 size_t *lenp, long *ppos)
{
	struct tn_stack *st = current_stack();
	int w;

	(void)t;
	if (write)
		return -EPERM;
	if (*ppos) {
		*lenp = 0;
		return 0;
	}
	/* Rendered at open, just before the file reading it is made. */
	w = snprintf(buf, *lenp, "%ld\t0\t%lu\n", st->live_files + 1,
		     st->file_max);
	if (w < 0 || (size_t)w >= *lenp)
		return -EINVAL;
	*lenp = (size_t)w;
	*ppos += w;
	return 0;
}

static const struct ctl_table fs_table[] = {
	{ .procname = "file-max",
	  .maxlen = sizeof(unsigned long),
	  .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ .procname = "file-nr", .mode = 0444, .proc_handler = proc_nr_files },
	{}
};

int files_sysctl_init(struct tn_stack *st)
{
	struct ctl_table *t = kmemdup(fs_table, sizeof(fs_table), GFP_KERNEL);
	struct ctl_table_header *h;

	if (!t)
		return -ENOMEM;
	st->file_max = FILE_MAX_DEFAULT;
	t[0].data = &st->file_max;
	h = register_net_sysctl(NULL, "fs", t);
	if (!h) {
		kfree(t);
		return -ENOMEM;
	}
	h->free_table = true;
	return 0;
}

/* ---- the calls ---- */

/**
 * tn_task_set_nofile - set @task's RLIMIT_NOFILE
 * @task: the task
 * @nofile: new fds must be below it; those already open stay
 *
 * Return: 0, or -1/EPERM above the most a task may have (fs.nr_open).
 */
int tn_task_set_nofile(struct tn_task *task, unsigned int nofile)
{
	if (!task) {
		errno = EINVAL;
		return -1;
	}
	if (nofile > NR_OPEN_MAX) {
		errno = EPERM;
		return -1;
	}
	stack_enter(task->st);
	task->files->nofile = (int)nofile;
	stack_exit(task->st);
	return 0;
}

int tn_close(int fd)
{
	SYSCALL_ENTER();
	ret = close_fd(fd);
	SYSCALL_EXIT();
}

int tn_fcntl(int fd, int cmd, long arg)
{
	struct files_struct *files;
	struct file *file;

	SYSCALL_ENTER();
	files = current_task()->files;
	file = FDGET(fd);
	if (!file) {
		ret = -EBADF;
		goto out;
	}
	switch (cmd) {
	case F_GETFL:
		ret = (int)(file->f_flags | O_RDWR);
		break;
	case F_SETFL:
		/* Only these are changeable, as on Linux. */
		file->f_flags =
			(file->f_flags &
			 ~(unsigned int)(O_NONBLOCK | O_APPEND | O_ASYNC)) |
			((unsigned int)arg & (O_NONBLOCK | O_APPEND | O_ASYNC));
		ret = 0;
		break;
	case F_GETFD:
		ret = files->cloexec[fd] ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		files->cloexec[fd] = !!(arg & FD_CLOEXEC);
		ret = 0;
		break;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* @arg is an unsigned int to Linux: -1 is far too large. The
		 * new fd is close-on-exec only if asked, whatever @fd is. */
		ret = f_dupfd((unsigned int)arg, file,
			      cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		break;
	default:
		ret = -EINVAL;
		break;
	}
out:
	SYSCALL_EXIT();
}

ssize_t tn_read(int fd, void *buf, size_t len)
{
	struct file *file;
	ssize_t n;

	SYSCALL_ENTER();
	file = FDGET(fd);
	if (!file) {
		ret = -EBADF;
		goto out;
	}
	if (sock_from_file(file)) {
		struct iovec iov = { .iov_base = buf, .iov_len = len };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

		n = sock_recvmsg_file(file, &msg, 0);
	} else if (file->f_op->read) {
		n = file->f_op->read(file, buf, len);
	} else {
		n = -EINVAL;
	}
	SYSCALL_EXIT_SSIZE(n);
out:
	SYSCALL_EXIT();
}

ssize_t tn_write(int fd, const void *buf, size_t len)
{
	struct file *file;
	ssize_t n;

	SYSCALL_ENTER();
	file = FDGET(fd);
	if (!file) {
		ret = -EBADF;
		goto out;
	}
	if (sock_from_file(file)) {
		struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

		n = sock_sendmsg_file(file, &msg, 0);
	} else if (file->f_op->write) {
		n = file->f_op->write(file, buf, len);
	} else {
		n = -EINVAL;
	}
	SYSCALL_EXIT_SSIZE(n);
out:
	SYSCALL_EXIT();
}

int tn_open(const char *path, int flags, ...)
{
	struct file *file;
	int err;

	SYSCALL_ENTER();
	if (!path) {
		ret = -EFAULT;
		goto out;
	}
	file = vfs_open(path, flags, &err);
	if (!file) {
		ret = err;
		goto out;
	}
	ret = fd_install_new(file, (unsigned int)flags);
	if (ret < 0)
		fput(file);
out:
	SYSCALL_EXIT();
}

struct getdents_ctx {
	struct dir_context ctx;
	char *buf;
	size_t count, used;
	bool full;
};

static bool filldir64(struct dir_context *ctx, const char *name, int namelen,
		      u64 ino, unsigned int d_type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	/* struct linux_dirent64: ino 8, off 8, reclen 2, type 1, name */
	size_t reclen = ALIGN(19 + (size_t)namelen + 1, 8);
	char *rec = g->buf + g->used;
	u64 off = (u64)ctx->pos + 1;
	u16 rl = (u16)reclen;
	u8 t = (u8)d_type;

	if (g->used + reclen > g->count) {
		g->full = true;
		return false;
	}
	memset(rec, 0, reclen);
	memcpy(rec, &ino, 8);
	memcpy(rec + 8, &off, 8);
	memcpy(rec + 16, &rl, 2);
	memcpy(rec + 18, &t, 1);
	memcpy(rec + 19, name, (size_t)namelen);
	g->used += reclen;
	return true;
}

ssize_t tn_getdents64(int fd, void *dirp, size_t count)
{
	struct getdents_ctx g = { .ctx.actor = filldir64,
				  .buf = dirp,
				  .count = count };
	struct file *file;
	int err;

	SYSCALL_ENTER();
	file = FDGET(fd);
	if (!file) {
		ret = -EBADF;
		goto out;
	}
	if (!file->f_op->iterate) {
		ret = -ENOTDIR;
		goto out;
	}
	g.ctx.pos = file->f_pos;
	err = file->f_op->iterate(file, &g.ctx);
	file->f_pos = g.ctx.pos;
	if (err < 0) {
		ret = err;
		goto out;
	}
	if (!g.used && g.full) {
		ret = -EINVAL; /* buffer too small for one entry */
		goto out;
	}
	ret = (int)g.used;
out:
	SYSCALL_EXIT();
}
