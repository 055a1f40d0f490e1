// SPDX-License-Identifier: BSD-2-Clause
/*
 * fuzz_tools: ip, ping, sysctl and hostname over hostile argument lists.
 *
 * The input: one byte choosing the tool (ip, ping, sysctl, hostname, by
 * its value modulo 4), then the arguments separated by NUL bytes; after
 * two NULs in a row, the rest is the content of every file the tool opens
 * (sysctl -p, hostname -F).  The tool's main() runs as a function (built
 * with tool_shim.h) against a fresh virtual-clock stack with the harness's
 * topology (netns "a": veth0 10.0.0.1/24, its peer 10.0.0.2 in "b"), so a
 * ping takes no real time.
 *
 * The oracle: no crash and no sanitizer report in the tool or the stack;
 * the tool never holds more than 256 MiB and stops when interrupted (see
 * tool_shim.c); once the stack is destroyed nothing is left (LeakSanitizer).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tuxnet/tuxnet.h>

#include "env.h"
#include "harness.h"
#include "tool_shim_impl.h"

int fuzz_main_ip(int argc, char **argv);
int fuzz_main_ping(int argc, char **argv);
int fuzz_main_sysctl(int argc, char **argv);
int fuzz_main_hostname(int argc, char **argv);

#define MAX_ARGS 64

static const struct {
	const char *name;
	int (*main)(int argc, char **argv);
} tools[] = {
	{ "ip", fuzz_main_ip },
	{ "ping", fuzz_main_ping },
	{ "sysctl", fuzz_main_sysctl },
	{ "hostname", fuzz_main_hostname },
};

/* The tool runs here, so that nothing the longjmp skips is ours. */
static int run_tool(int sel, int argc, char **argv, const uint8_t *file,
		    size_t file_len)
{
	jmp_buf env;
	volatile int status;

	fuzz_tool_begin(&env, file, file_len);
	if (!setjmp(env))
		status = tools[sel].main(argc, argv);
	else
		status = fuzz_tool_status();
	fuzz_tool_end();
	return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready, devnull;
	char *argv[MAX_ARGS + 2], *args;
	const uint8_t *file = NULL;
	size_t args_len = size - 1, file_len = 0, i;
	struct fuzz_env e;
	int argc = 0, sel, status, saved_stdout;

	if (size < 1)
		return 0;
	if (!ready) {
		/* The tools never read a terminal. */
		if (!freopen("/dev/null", "r", stdin))
			abort();
		devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (devnull < 0)
			abort();
		ready = 1;
	}
	sel = data[0] % (sizeof(tools) / sizeof(tools[0]));
	for (i = 1; i + 1 < size; i++) {
		if (!data[i] && !data[i + 1]) {
			args_len = i - 1;
			file = data + i + 2;
			file_len = size - i - 2;
			break;
		}
	}
	args = malloc(args_len + 1);
	if (!args)
		abort();
	memcpy(args, data + 1, args_len);
	args[args_len] = 0;
	argv[argc++] = (char *)tools[sel].name;
	if (args_len) {
		char *p = args;

		for (;;) {
			if (argc == MAX_ARGS + 1)
				break;
			argv[argc++] = p;
			p += strlen(p);
			if (p == args + args_len)
				break;
			p++;
		}
	}
	argv[argc] = NULL;

	if (fuzz_env_create(&e, 0) < 0) {
		fprintf(stderr, "fuzz_tools: cannot set up the stack\n");
		abort();
	}
	optind = 0; /* getopt starts over */
	opterr = getenv("FUZZ_VERBOSE") != NULL;
	program_invocation_name = program_invocation_short_name =
		(char *)tools[sel].name;
	/* What the tool prints is not looked at: stdout is /dev/null while
	 * it runs (the replay's own report still goes out). */
	fflush(stdout);
	saved_stdout = dup(STDOUT_FILENO);
	if (saved_stdout < 0 || dup2(devnull, STDOUT_FILENO) < 0)
		abort();
	status = run_tool(sel, argc, argv, file, file_len);
	fflush(stdout);
	if (dup2(saved_stdout, STDOUT_FILENO) < 0)
		abort();
	close(saved_stdout);
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz_tools: %s exited %d\n", tools[sel].name,
			status);
	fuzz_env_destroy(&e);
	free(args);
	return 0;
}
