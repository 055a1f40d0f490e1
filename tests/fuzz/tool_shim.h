/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Included before every source of a tool built into fuzz_tools (the
 * compiler's -include): the tool's main() becomes a function the target
 * calls, and what a process would get from the kernel at exit or from the
 * host is the harness's instead:
 *
 *   exit() _exit()         return to the harness (longjmp)
 *   malloc() and friends   tracked, so what an exiting tool held is freed
 *                          as a process's memory is at exit
 *   fopen()                the input's file part (any path), read-only;
 *                          glob() never looks at the host's files
 *   fork() execvp() setenv() sigaction()
 *                          refused or recorded: no program is ever run,
 *                          and SIGINT's handler is called by the harness
 *   tn_poll() tn_sendto() tn_sendmsg() tn_recvmsg()
 *                          counted: past a budget the tool gets SIGINT,
 *                          as from a user who stops a ping that never ends;
 *                          a call that would block runs the stack's
 *                          virtual clock instead (nothing else would)
 */
#ifndef TN_FUZZ_TOOL_SHIM_H
#define TN_FUZZ_TOOL_SHIM_H

#include <glob.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/* The tool's main(), renamed fuzz_main_<tool> on the command line. */
int main(int argc, char **argv);

void fuzz_tool_exit(int status) __attribute__((noreturn));
void *fuzz_tool_malloc(size_t size);
void *fuzz_tool_calloc(size_t n, size_t size);
void *fuzz_tool_realloc(void *p, size_t size);
void fuzz_tool_free(void *p);
char *fuzz_tool_strdup(const char *s);
int fuzz_tool_asprintf(char **out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int fuzz_tool_glob(const char *pattern, int flags,
		   int (*errfunc)(const char *, int), glob_t *g);
ssize_t fuzz_tool_getline(char **line, size_t *cap, FILE *f);
FILE *fuzz_tool_fopen(const char *path, const char *mode);
int fuzz_tool_fclose(FILE *f);
pid_t fuzz_tool_fork(void);
int fuzz_tool_execvp(const char *file, char *const argv[]);
int fuzz_tool_setenv(const char *name, const char *value, int overwrite);
int fuzz_tool_sigaction(int sig, const struct sigaction *act,
			struct sigaction *old);
int fuzz_tool_poll(struct pollfd *fds, nfds_t n, int timeout);
ssize_t fuzz_tool_sendto(int fd, const void *buf, size_t len, int flags,
			 const struct sockaddr *to, socklen_t tolen);
ssize_t fuzz_tool_sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t fuzz_tool_recvmsg(int fd, struct msghdr *msg, int flags);

/*
 * Name lookups never leave the process: numeric IPv4 addresses and
 * "localhost" only, answers in tracked memory; reverse lookups numeric.
 */
int fuzz_tool_getaddrinfo(const char *node, const char *service,
			  const struct addrinfo *hints, struct addrinfo **res);
void fuzz_tool_freeaddrinfo(struct addrinfo *ai);
int fuzz_tool_getnameinfo(const struct sockaddr *sa, socklen_t salen,
			  char *host, socklen_t hostlen, char *serv,
			  socklen_t servlen, int flags);

/* Messages go where the harness says (nowhere unless FUZZ_VERBOSE). */
extern FILE *fuzz_tool_stderr;

/* tool_shim.c, which implements them, calls the real functions. */
#ifndef TN_FUZZ_TOOL_SHIM_IMPL
#undef stderr
#define stderr			    fuzz_tool_stderr

#define exit(s)			    fuzz_tool_exit(s)
#define _exit(s)		    fuzz_tool_exit(s)
#define malloc(n)		    fuzz_tool_malloc(n)
#define calloc(n, s)		    fuzz_tool_calloc(n, s)
#define realloc(p, n)		    fuzz_tool_realloc(p, n)
#define free(p)			    fuzz_tool_free(p)
#define strdup(s)		    fuzz_tool_strdup(s)
#define asprintf(o, ...)	    fuzz_tool_asprintf(o, __VA_ARGS__)
#define glob(p, f, e, g)	    fuzz_tool_glob(p, f, e, g)
#define getline(l, c, f)	    fuzz_tool_getline(l, c, f)
#define fopen(p, m)		    fuzz_tool_fopen(p, m)
#define fclose(f)		    fuzz_tool_fclose(f)
#define fork()			    fuzz_tool_fork()
#define execvp(f, a)		    fuzz_tool_execvp(f, a)
#define setenv(n, v, o)		    fuzz_tool_setenv(n, v, o)
#define sigaction(s, a, o)	    fuzz_tool_sigaction(s, a, o)
#define tn_poll(f, n, t)	    fuzz_tool_poll(f, n, t)
#define tn_sendto(a, b, c, d, e, f) fuzz_tool_sendto(a, b, c, d, e, f)
#define tn_recvmsg(a, b, c)	    fuzz_tool_recvmsg(a, b, c)
#define tn_sendmsg(a, b, c)	    fuzz_tool_sendmsg(a, b, c)
#define getaddrinfo(n, s, h, r)	    fuzz_tool_getaddrinfo(n, s, h, r)
#define freeaddrinfo(a)		    fuzz_tool_freeaddrinfo(a)
#define getnameinfo(a, b, c, d, e, f, g) \
	fuzz_tool_getnameinfo(a, b, c, d, e, f, g)
#endif /* TN_FUZZ_TOOL_SHIM_IMPL */

#endif /* TN_FUZZ_TOOL_SHIM_H */
