// SPDX-License-Identifier: BSD-2-Clause
/*
 * What tool_shim.h puts in place of the process around a tool: exit as a
 * longjmp, tracked memory, the input's file, no programs run, and a
 * budget of calls after which the tool is interrupted.  Built without the
 * shim, so it calls the real functions.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <setjmp.h>
#include <glob.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tuxnet/tuxnet.h>

#define TN_FUZZ_TOOL_SHIM_IMPL
#include "tool_shim.h"
#include "tool_shim_impl.h"

FILE *fuzz_tool_stderr;

/* One tracked allocation: a header before the caller's bytes. */
struct tool_mem {
	struct tool_mem *prev, *next;
	size_t size;
	size_t pad; /* keeps the caller's bytes 16-aligned on 64-bit */
};

#define MAX_FILES 8

static struct {
	jmp_buf *env;
	int status;
	struct tool_mem head;
	size_t bytes;
	const uint8_t *file;
	size_t file_len;
	FILE *files[MAX_FILES];
	void (*sigint)(int);
	unsigned long calls;
} tool;

void fuzz_tool_begin(jmp_buf *env, const uint8_t *file, size_t file_len)
{
	memset(&tool, 0, sizeof(tool));
	tool.head.prev = tool.head.next = &tool.head;
	tool.env = env;
	tool.file = file;
	tool.file_len = file_len;
	if (!fuzz_tool_stderr)
		fuzz_tool_stderr = getenv("FUZZ_VERBOSE")
					   ? stderr
					   : fopen("/dev/null", "w");
}

int fuzz_tool_status(void)
{
	return tool.status;
}

void fuzz_tool_end(void)
{
	int i;

	fflush(stdout);
	fflush(fuzz_tool_stderr);
	for (i = 0; i < MAX_FILES; i++)
		if (tool.files[i])
			fclose(tool.files[i]);
	while (tool.head.next != &tool.head) {
		struct tool_mem *m = tool.head.next;

		m->prev->next = m->next;
		m->next->prev = m->prev;
		free(m);
	}
	tool.env = NULL;
}

void fuzz_tool_exit(int status)
{
	tool.status = status;
	if (!tool.env)
		abort();
	longjmp(*tool.env, 1);
}

/* ---- memory ---- */

/* A tool holding more than this has a leak or no bound. */
#define TOOL_MAX_BYTES (256u << 20)

void *fuzz_tool_malloc(size_t size)
{
	struct tool_mem *m;

	if (size > TOOL_MAX_BYTES || tool.bytes + size > TOOL_MAX_BYTES) {
		fprintf(stderr, "fuzz_tools: the tool holds over %u MiB\n",
			TOOL_MAX_BYTES >> 20);
		abort();
	}
	m = malloc(sizeof(*m) + size);
	if (!m)
		return NULL;
	m->size = size;
	m->next = tool.head.next;
	m->prev = &tool.head;
	tool.head.next->prev = m;
	tool.head.next = m;
	tool.bytes += size;
	return m + 1;
}

void fuzz_tool_free(void *p)
{
	struct tool_mem *m;

	if (!p)
		return;
	m = (struct tool_mem *)p - 1;
	m->prev->next = m->next;
	m->next->prev = m->prev;
	tool.bytes -= m->size;
	free(m);
}

void *fuzz_tool_calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = fuzz_tool_malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *fuzz_tool_realloc(void *p, size_t size)
{
	void *n;

	if (!p)
		return fuzz_tool_malloc(size);
	n = fuzz_tool_malloc(size);
	if (!n)
		return NULL;
	memcpy(n, p,
	       ((struct tool_mem *)p - 1)->size < size
		       ? ((struct tool_mem *)p - 1)->size
		       : size);
	fuzz_tool_free(p);
	return n;
}

char *fuzz_tool_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = fuzz_tool_malloc(len);

	if (d)
		memcpy(d, s, len);
	return d;
}

int fuzz_tool_asprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	char *tmp;
	int len;

	va_start(ap, fmt);
	len = vasprintf(&tmp, fmt, ap);
	va_end(ap);
	if (len < 0)
		return -1;
	*out = fuzz_tool_strdup(tmp);
	free(tmp);
	return *out ? len : -1;
}

/* No host file matches: GLOB_NOCHECK gives the pattern back.  The result
 * is libc's memory, for the real globfree(). */
int fuzz_tool_glob(const char *pattern, int flags,
		   int (*errfunc)(const char *, int), glob_t *g)
{
	(void)errfunc;
	memset(g, 0, sizeof(*g));
	if (!(flags & GLOB_NOCHECK))
		return GLOB_NOMATCH;
	g->gl_pathv = calloc(2, sizeof(*g->gl_pathv));
	if (!g->gl_pathv || !(g->gl_pathv[0] = strdup(pattern))) {
		free(g->gl_pathv);
		g->gl_pathv = NULL;
		return GLOB_NOSPACE;
	}
	g->gl_pathc = 1;
	return 0;
}

/* getline() on tracked memory. */
ssize_t fuzz_tool_getline(char **line, size_t *cap, FILE *f)
{
	size_t len = 0;
	int c;

	if (!*line || !*cap) {
		*cap = 64;
		*line = fuzz_tool_realloc(*line, *cap);
		if (!*line)
			return -1;
	}
	while ((c = getc(f)) != EOF) {
		if (len + 2 > *cap) {
			char *n = fuzz_tool_realloc(*line, *cap * 2);

			if (!n)
				return -1;
			*line = n;
			*cap *= 2;
		}
		(*line)[len++] = (char)c;
		if (c == '\n')
			break;
	}
	(*line)[len] = 0;
	return len ? (ssize_t)len : -1;
}

/* ---- files, programs, signals ---- */

FILE *fuzz_tool_fopen(const char *path, const char *mode)
{
	int i;

	(void)path;
	if (strcmp(mode, "r")) {
		errno = EACCES;
		return NULL;
	}
	if (!tool.file) {
		errno = ENOENT;
		return NULL;
	}
	for (i = 0; i < MAX_FILES; i++) {
		if (tool.files[i])
			continue;
		/* fmemopen wants a non-empty buffer: an empty file is
		 * /dev/null. */
		tool.files[i] = tool.file_len ? fmemopen((void *)tool.file,
							 tool.file_len, "r")
					      : fopen("/dev/null", "r");
		return tool.files[i];
	}
	errno = EMFILE;
	return NULL;
}

int fuzz_tool_fclose(FILE *f)
{
	int i;

	for (i = 0; i < MAX_FILES; i++) {
		if (tool.files[i] == f) {
			tool.files[i] = NULL;
			return fclose(f);
		}
	}
	return 0; /* stdin: the harness's */
}

pid_t fuzz_tool_fork(void)
{
	errno = EAGAIN;
	return -1;
}

int fuzz_tool_execvp(const char *file, char *const argv[])
{
	(void)file;
	(void)argv;
	errno = ENOENT;
	return -1;
}

int fuzz_tool_setenv(const char *name, const char *value, int overwrite)
{
	(void)name;
	(void)value;
	(void)overwrite;
	return 0;
}

int fuzz_tool_sigaction(int sig, const struct sigaction *act,
			struct sigaction *old)
{
	if (old)
		memset(old, 0, sizeof(*old));
	if (sig == SIGINT && act && !(act->sa_flags & SA_SIGINFO) &&
	    act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN)
		tool.sigint = act->sa_handler;
	return 0;
}

/*
 * Calls that can repeat without end (a ping with no count).  Past
 * TOOL_INTERRUPT_AT the tool gets SIGINT, once; one that goes on far past
 * it does not stop.  Return: whether the tool has been interrupted.
 */
#define TOOL_INTERRUPT_AT 256
#define TOOL_HANG_AT	  (64 * TOOL_INTERRUPT_AT)

static int tool_tick(void)
{
	tool.calls++;
	if (tool.calls == TOOL_INTERRUPT_AT) {
		if (tool.sigint)
			tool.sigint(SIGINT);
		else
			fuzz_tool_exit(130);
	} else if (tool.calls == TOOL_HANG_AT) {
		fprintf(stderr, "fuzz_tools: the tool ignores SIGINT\n");
		abort();
	}
	return tool.calls >= TOOL_INTERRUPT_AT;
}

/* Virtual time runs while the tool would sleep in the stack. */
static void tool_sleep_ms(int ms)
{
	tn_clock_advance(tn_stack_current(), (uint64_t)ms * 1000000u);
}

/*
 * A poll that would block lets virtual time run to its timeout instead
 * (the tool is the stack's only task: nothing else can wake it); one with
 * no timeout, a second at a time until something is ready or the tool is
 * interrupted (EINTR, as a signal would).
 */
int fuzz_tool_poll(struct pollfd *fds, nfds_t n, int timeout)
{
	int ret;

	tool_tick();
	ret = tn_poll(fds, n, 0);
	while (ret == 0 && timeout != 0) {
		tool_sleep_ms(timeout < 0 ? 1000 : timeout);
		ret = tn_poll(fds, n, 0);
		if (timeout > 0)
			break;
		if (ret == 0 && tool_tick()) {
			errno = EINTR;
			return -1;
		}
	}
	return ret;
}

/*
 * Blocking sends and receives, the same way: tried without waiting, and
 * while they would block, a second of virtual time at a time.
 */
#define BLOCKING_CALL(call, flags)                         \
	do {                                               \
		ssize_t ret;                               \
                                                           \
		tool_tick();                               \
		for (;;) {                                 \
			ret = (call);                      \
			if (ret >= 0 || errno != EAGAIN || \
			    ((flags)&MSG_DONTWAIT))        \
				return ret;                \
			tool_sleep_ms(1000);               \
			if (tool_tick()) {                 \
				errno = EINTR;             \
				return -1;                 \
			}                                  \
		}                                          \
	} while (0)

ssize_t fuzz_tool_sendto(int fd, const void *buf, size_t len, int flags,
			 const struct sockaddr *to, socklen_t tolen)
{
	BLOCKING_CALL(tn_sendto(fd, buf, len, flags | MSG_DONTWAIT, to, tolen),
		      flags);
}

ssize_t fuzz_tool_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	BLOCKING_CALL(tn_sendmsg(fd, msg, flags | MSG_DONTWAIT), flags);
}

ssize_t fuzz_tool_recvmsg(int fd, struct msghdr *msg, int flags)
{
	BLOCKING_CALL(tn_recvmsg(fd, msg, flags | MSG_DONTWAIT), flags);
}

/* ---- name lookups: never the network ---- */

struct tool_ai {
	struct addrinfo ai;
	struct sockaddr_in sin;
	char name[16];
};

int fuzz_tool_getaddrinfo(const char *node, const char *service,
			  const struct addrinfo *hints, struct addrinfo **res)
{
	struct tool_ai *t;
	struct in_addr a;

	(void)service;
	if (!node)
		return EAI_NONAME;
	if (hints && hints->ai_family != AF_UNSPEC &&
	    hints->ai_family != AF_INET)
		return EAI_ADDRFAMILY;
	if (!strcmp(node, "localhost"))
		a.s_addr = htonl(INADDR_LOOPBACK);
	else if (!inet_aton(node, &a))
		return EAI_NONAME;
	t = fuzz_tool_calloc(1, sizeof(*t));
	if (!t)
		return EAI_MEMORY;
	t->sin.sin_family = AF_INET;
	t->sin.sin_addr = a;
	t->ai.ai_family = AF_INET;
	t->ai.ai_socktype = hints ? hints->ai_socktype : 0;
	t->ai.ai_protocol = hints ? hints->ai_protocol : 0;
	t->ai.ai_addrlen = sizeof(t->sin);
	t->ai.ai_addr = (struct sockaddr *)&t->sin;
	if (hints && (hints->ai_flags & AI_CANONNAME)) {
		snprintf(t->name, sizeof(t->name), "%s",
			 strcmp(node, "localhost") ? inet_ntoa(a) : node);
		t->ai.ai_canonname = t->name;
	}
	*res = &t->ai;
	return 0;
}

void fuzz_tool_freeaddrinfo(struct addrinfo *ai)
{
	fuzz_tool_free(ai);
}

int fuzz_tool_getnameinfo(const struct sockaddr *sa, socklen_t salen,
			  char *host, socklen_t hostlen, char *serv,
			  socklen_t servlen, int flags)
{
	return getnameinfo(sa, salen, host, hostlen, serv, servlen,
			   flags | NI_NUMERICHOST | NI_NUMERICSERV);
}
