// SPDX-License-Identifier: BSD-2-Clause
/*
 * sysctl - read and write kernel parameters, with the options, messages and
 * exit codes of procps-ng 4.0.2's sysctl.  Parameters live in the stack's
 * /proc/sys (tn_open/tn_read/tn_write); files given with -p are the user's,
 * on the host's file system.
 */
#include <tuxnet/tuxnet.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "procfs.h"

#define PROC_PATH	"/proc/sys/"
#define PROC_PATH_LEN	(sizeof(PROC_PATH) - 1)
#define DEFAULT_PRELOAD "/etc/sysctl.conf"

/* Options, as the command line set them. */
static bool opt_name_only; /* -N */
static bool opt_print_name = true; /* cleared by -n, -b */
static bool opt_newline = true; /* cleared by -b */
static bool opt_ignore_error; /* -e, --system */
static bool opt_quiet; /* -q */
static bool opt_dry_run; /* --dry-run */
static bool opt_ignore_deprecated = true; /* cleared by --deprecated */
static const char *opt_pattern; /* -r */

/* Deprecated keys are left out of listings; verboten ones are never read. */
static const char *const deprecated_keys[] = { "base_reachable_time",
					       "retrans_time" };
static const char *const verboten_keys[] = { "stat_refresh" };

/**
 * struct sc_setting - one name=value to write
 * @key: as given (for messages)
 * @path: under /proc/sys, '.' turned to '/'
 * @value: NULL for an exclusion ("-key" with no value)
 * @ignore_failure: the key began with '-'
 * @glob_exclude: an exclusion from later globs
 */
struct sc_setting {
	char *key;
	char *path;
	char *value;
	bool ignore_failure;
	bool glob_exclude;
	struct sc_setting *next;
};

struct sc_setting_list {
	struct sc_setting *head, *tail;
};

static const char sc_usage_fmt[] =
	"\n"
	"Usage:\n"
	" %s [options] [variable[=value] ...]\n"
	"\n"
	"Options:\n"
	"  -a, --all            display all variables\n"
	"  -A                   alias of -a\n"
	"  -X                   alias of -a\n"
	"      --deprecated     include deprecated parameters to listing\n"
	"      --dry-run        Print the key and values but do not write\n"
	"  -b, --binary         print value without new line\n"
	"  -e, --ignore         ignore unknown variables errors\n"
	"  -N, --names          print variable names without values\n"
	"  -n, --values         print only values of the given variable(s)\n"
	"  -p, --load[=<file>]  read values from file\n"
	"  -f                   alias of -p\n"
	"      --system         read values from all system directories\n"
	"  -r, --pattern <expression>\n"
	"                       select setting that match expression\n"
	"  -q, --quiet          do not echo variable set\n"
	"  -w, --write          enable writing a value to variable\n"
	"  -o                   does nothing\n"
	"  -x                   does nothing\n"
	"  -d                   alias of -h\n"
	"\n"
	" -h, --help     display this help and exit\n"
	" -V, --version  output version information and exit\n"
	"\n"
	"For more details see sysctl(8).\n";

static void sc_usage(FILE *out)
{
	fprintf(out, sc_usage_fmt, program_invocation_short_name);
	exit(out == stderr ? EXIT_FAILURE : EXIT_SUCCESS);
}

/* warn(3) and warnx(3), with the short program name. */
static void __attribute__((format(printf, 2, 3)))
sc_msg(int err, const char *fmt, ...)
{
	va_list ap;

	(void)fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	/* clang-tidy 14 loses the va_start when a file has two compile
	 * commands (here: the tool and its fuzz build) */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

/*
 * sc_slashdot - turn a key between its dotted and slashed forms
 *
 * If the first separator is already @to, the key is left alone; otherwise
 * every '.' and '/' swap, so "conf/eth0.100" reads "conf.eth0/100".  The
 * first doubled separator is reported, once.
 */
static void sc_slashdot(char *p, char from, char to)
{
	bool warned = false;

	p = strpbrk(p, "/.");
	if (!p || *p == to)
		return;
	(void)from;
	for (; p; p = strpbrk(p + 1, "/.")) {
		if (!warned && (p[1] == '/' || p[1] == '.')) {
			sc_msg(0, "separators should not be repeated: %s", p);
			warned = true;
		}
		*p = *p == '.' ? '/' : '.';
	}
}

/*
 * sc_is_proc_path - is @path, resolved, strictly below /proc/sys/?
 *
 * The stack has no symbolic links under /proc/sys, so resolving is
 * lexical: empty and "." components go, ".." climbs.
 */
static bool sc_is_proc_path(const char *path)
{
	char resolved[PATH_MAX] = "", *copy, *save, *comp;
	size_t len = 0;

	copy = strdup(path);
	if (!copy)
		return false;
	for (comp = strtok_r(copy, "/", &save); comp;
	     comp = strtok_r(NULL, "/", &save)) {
		size_t clen = strlen(comp);

		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			char *slash = strrchr(resolved, '/');

			len = slash ? (size_t)(slash - resolved) : 0;
			resolved[len] = '\0';
			continue;
		}
		if (len + clen + 2 > sizeof(resolved))
			break;
		resolved[len++] = '/';
		memcpy(resolved + len, comp, clen + 1);
		len += clen;
	}
	free(copy);
	if (!strncmp(resolved, PROC_PATH, PROC_PATH_LEN))
		return true;
	sc_msg(0, "Path is not under %s: %s", PROC_PATH, path);
	return false;
}

static bool sc_pattern_match(const char *string, const char *pat)
{
	regex_t re;
	int status;

	if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB))
		return false;
	status = regexec(&re, string, 0, NULL, 0);
	regfree(&re);
	return status == 0;
}

static bool sc_in_list(const char *const *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

static int sc_display_all(const char *path);

/* Prints a value read from a file: every line, in the selected format. */
static void sc_print_value(const char *outname, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (opt_print_name)
			printf("%s = %.*s\n", outname, (int)n, p);
		else if (opt_newline && nl)
			printf("%.*s\n", (int)n, p);
		else
			printf("%.*s", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

/* Reads the file @tmpname of the key shown as @outname. */
static int sc_read_value(const char *tmpname, const char *outname)
{
	int open_failed, err;
	ssize_t len;
	char *buf;

	buf = sc_read_file(tmpname, &len, &open_failed);
	if (buf) {
		sc_print_value(outname, buf, (size_t)len);
		free(buf);
		return EXIT_SUCCESS;
	}
	err = errno;
	switch (err) {
	case ENOENT:
		if (!open_failed || opt_ignore_error)
			return EXIT_SUCCESS;
		sc_msg(0, "\"%s\" is an unknown key", outname);
		return EXIT_FAILURE;
	case EACCES:
		sc_msg(0, "permission denied on key '%s'", outname);
		return EXIT_FAILURE;
	case EIO: /* ipv6 stable_secret: unset reads fail */
		return EXIT_FAILURE;
	default:
		if (open_failed)
			sc_msg(err, "reading key \"%s\"", outname);
		else
			sc_msg(0, "reading key \"%s\"", outname);
		return EXIT_FAILURE;
	}
}

/**
 * sc_read_setting - print one key, or every key below a directory
 * @name: the key, dotted or slashed, relative to /proc/sys
 *
 * Return: 0, 1 on a failure, or -1 for an unknown or outside key; the
 * caller adds the results up, as procps does.
 */
static int sc_read_setting(const char *name)
{
	char *tmpname, *outname;
	struct sc_node node;
	int rc = EXIT_SUCCESS;
	size_t size; /* room for a "/" after a directory */

	if (!name || !*name) {
		sc_msg(0, "\"%s\" is an unknown key", name ? name : "");
		return -1;
	}
	size = PROC_PATH_LEN + strlen(name) + 2;
	tmpname = malloc(size);
	outname = strdup(name);
	if (!tmpname || !outname) {
		free(tmpname);
		free(outname);
		return EXIT_FAILURE;
	}
	(void)snprintf(tmpname, size, "%s%s", PROC_PATH, name);
	sc_slashdot(tmpname + PROC_PATH_LEN, '.', '/');
	/*
	 * procps 4.0.2 converts the shown name twice, so it reports a
	 * doubled separator there twice; so do we.
	 */
	sc_slashdot(outname, '/', '.');
	memcpy(outname, name, strlen(name) + 1);
	sc_slashdot(outname, '/', '.');

	if (sc_probe(tmpname, 0, &node)) {
		if (!opt_ignore_error) {
			sc_msg(errno, "cannot stat %s", tmpname);
			rc = EXIT_FAILURE;
		}
		goto out;
	}
	if (!node.readable)
		goto out;
	if (!sc_is_proc_path(tmpname)) {
		rc = -1;
		goto out;
	}
	if (node.kind == SC_DIR) {
		(void)snprintf(tmpname + strlen(tmpname),
			       size - strlen(tmpname), "/");
		rc = sc_display_all(tmpname);
		goto out;
	}
	if (opt_pattern && !sc_pattern_match(outname, opt_pattern))
		goto out;
	if (opt_name_only) {
		printf("%s\n", outname);
		goto out;
	}
	if (sc_in_list(verboten_keys, 1, strrchr(tmpname, '/') + 1))
		goto out;
	rc = sc_read_value(tmpname, outname);
out:
	free(tmpname);
	free(outname);
	return rc;
}

/* Prints every key below @path, a directory path ending in '/'. */
static int sc_display_all(const char *path)
{
	int rc = EXIT_SUCCESS;
	size_t n, i;
	char **names;

	names = sc_list_dir(path, &n);
	if (!names) {
		sc_msg(0, "unable to open directory \"%s\"", path);
		return EXIT_FAILURE;
	}
	for (i = 0; i < n; i++) {
		struct sc_node node;
		char *sub;

		if (opt_ignore_deprecated &&
		    sc_in_list(deprecated_keys, 2, names[i]))
			continue;
		if (asprintf(&sub, "%s%s", path, names[i]) < 0)
			break;
		if (sc_probe(sub, 0, &node)) {
			sc_msg(errno, "cannot stat %s", sub);
			rc |= EXIT_FAILURE;
		} else if (node.kind == SC_DIR) {
			char *dir;

			if (asprintf(&dir, "%s/", sub) >= 0) {
				rc |= sc_display_all(dir);
				free(dir);
			}
		} else {
			rc |= sc_read_setting(sub + PROC_PATH_LEN);
		}
		free(sub);
	}
	sc_free_list(names, n);
	return rc;
}

/**
 * sc_write_setting - write @value to the key at @path
 * @path: absolute, under /proc/sys
 * @value: the value; a newline is added
 * @ignore_failure: the key was written "-key": failures to open don't count
 *
 * Return: 0 or 1.
 */
static int sc_write_setting(const char *path, const char *value,
			    bool ignore_failure)
{
	const char *ign = ignore_failure ? ", ignoring" : "";
	int rc = EXIT_SUCCESS, fd, err;
	struct sc_node node;
	char *dotted, *line;

	if (sc_probe(path, 1, &node)) {
		if (opt_ignore_error)
			return EXIT_SUCCESS;
		sc_msg(errno, "cannot stat %s", path);
		return EXIT_FAILURE;
	}
	if (!sc_is_proc_path(path))
		return EXIT_FAILURE;
	dotted = strdup(path + PROC_PATH_LEN);
	if (!dotted)
		return EXIT_FAILURE;
	sc_slashdot(dotted, '/', '.');
	if (node.kind == SC_DIR || !node.writable) {
		/*
		 * procps 4.0.2 reports these with the errno its realpath()
		 * left behind and does not count them as failures.
		 */
		sc_msg(EINVAL, "setting key \"%s\"", dotted);
		goto out;
	}
	if (!opt_dry_run) {
		fd = tn_open(path, O_WRONLY);
		if (fd < 0) {
			err = errno;
			switch (err) {
			case ENOENT:
				if (opt_ignore_error)
					break;
				sc_msg(0, "\"%s\" is an unknown key%s", dotted,
				       ign);
				if (!ignore_failure)
					rc = EXIT_FAILURE;
				break;
			case EPERM:
			case EROFS:
			case EACCES:
				sc_msg(0, "permission denied on key \"%s\"%s",
				       dotted, ign);
				break;
			default:
				sc_msg(err, "setting key \"%s\"%s", dotted,
				       ign);
				break;
			}
			if (!ignore_failure && err != ENOENT)
				rc = EXIT_FAILURE;
			goto out;
		}
		if (asprintf(&line, "%s\n", value) < 0) {
			tn_close(fd);
			rc = EXIT_FAILURE;
			goto out;
		}
		if (tn_write(fd, line, strlen(line)) < 0) {
			err = errno;
			free(line);
			tn_close(fd);
			sc_msg(err, "setting key \"%s\"", dotted);
			rc = EXIT_FAILURE;
			goto out;
		}
		free(line);
		tn_close(fd);
	}
	if ((rc == EXIT_SUCCESS && !opt_quiet) || opt_dry_run) {
		if (opt_print_name && !opt_name_only)
			printf("%s = %s\n", dotted, value);
		else
			printf(opt_name_only || opt_newline ? "%s\n" : "%s",
			       value);
	}
out:
	free(dotted);
	return rc;
}

static char *sc_lstrip(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

static void sc_rstrip(char *s)
{
	char *end;

	if (!*s)
		return;
	end = s + strlen(s) - 1;
	while (end > s && isspace((unsigned char)*end))
		end--;
	end[1] = '\0';
}

static struct sc_setting *sc_setting_new(const char *key, const char *value,
					 bool ignore_failure, bool glob_exclude)
{
	struct sc_setting *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->key = strdup(key);
	if (asprintf(&s->path, "%s%s", PROC_PATH,
		     key[0] == '-' ? key + 1 : key) < 0)
		s->path = NULL;
	s->value = value ? strdup(value) : NULL;
	if (!s->key || !s->path || (value && !s->value)) {
		free(s->key);
		free(s->path);
		free(s->value);
		free(s);
		return NULL;
	}
	sc_slashdot(s->path + PROC_PATH_LEN, '.', '/');
	s->ignore_failure = ignore_failure;
	s->glob_exclude = glob_exclude;
	return s;
}

static void sc_setting_free(struct sc_setting *s)
{
	free(s->key);
	free(s->path);
	free(s->value);
	free(s);
}

/*
 * sc_parse_line - one "key = value" from a file or the command line
 *
 * "-key = value" ignores failures, "-key" alone excludes the key from
 * globs, '#' and ';' start comments.
 */
static struct sc_setting *sc_parse_line(const char *file, int linenum,
					char *line)
{
	bool ignore_failure = false, glob_exclude = false;
	char *key, *value;

	key = sc_lstrip(line);
	if (strlen(key) < 2)
		return NULL;
	if (key[0] == '#' || key[0] == ';')
		return NULL;
	if (opt_pattern && !sc_pattern_match(key, opt_pattern))
		return NULL;
	value = strchr(key, '=');
	if (!value) {
		if (key[0] != '-') {
			sc_msg(0, "%s(%d): invalid syntax, continuing...", file,
			       linenum);
			return NULL;
		}
		glob_exclude = true;
		key++;
		sc_rstrip(key);
	} else {
		*value++ = '\0';
		if (key[0] == '-') {
			ignore_failure = true;
			key++;
		}
		value = sc_lstrip(value);
		sc_rstrip(value);
		sc_rstrip(key);
	}
	return sc_setting_new(key, value, ignore_failure, glob_exclude);
}

static void sc_list_add(struct sc_setting_list *l, struct sc_setting *s)
{
	if (!l->head)
		l->head = s;
	else
		l->tail->next = s;
	l->tail = s;
}

/* Is @path named by a setting of @l: exactly, or by an exclusion glob? */
static bool sc_list_has(const struct sc_setting_list *l, const char *path)
{
	const struct sc_setting *s;

	for (s = l->head; s; s = s->next) {
		if (!strcmp(s->path, path))
			return true;
		if (s->glob_exclude && !fnmatch(s->path, path, 0))
			return true;
	}
	return false;
}

/* Writes the settings of @l; a glob sets every key it matches that no
 * other setting names. */
static int sc_write_list(const struct sc_setting_list *l)
{
	const struct sc_setting *s;
	int rc = EXIT_SUCCESS;

	for (s = l->head; s; s = s->next) {
		char **paths;
		size_t n, i;

		if (s->glob_exclude)
			continue;
		if (!strpbrk(s->path, "*?[")) {
			rc |= sc_write_setting(s->path, s->value,
					       s->ignore_failure);
			continue;
		}
		paths = sc_glob(s->path, &n);
		for (i = 0; i < n; i++) {
			if (sc_list_has(l, paths[i]))
				continue;
			rc |= sc_write_setting(paths[i], s->value,
					       s->ignore_failure);
		}
		if (paths)
			sc_free_list(paths, n);
	}
	return rc;
}

static void sc_list_free(struct sc_setting_list *l)
{
	struct sc_setting *s, *next;

	for (s = l->head; s; s = next) {
		next = s->next;
		sc_setting_free(s);
	}
	l->head = l->tail = NULL;
}

/* Reads the settings in @filename (a host file, "-" for stdin, or a glob). */
static int sc_preload(struct sc_setting_list *l, const char *filename)
{
	char *line = NULL;
	size_t cap = 0;
	glob_t gl;
	int n = 0;
	size_t j;
	int ret;

	ret = glob(filename, GLOB_NOCHECK | GLOB_BRACE | GLOB_TILDE, NULL, &gl);
	if (ret && ret != GLOB_NOMATCH) {
		sc_msg(errno, "glob failed");
		exit(EXIT_FAILURE);
	}
	for (j = 0; j < gl.gl_pathc; j++) {
		const char *name = gl.gl_pathv[j];
		bool is_stdin = !strcmp(name, "-");
		FILE *fp = is_stdin ? stdin : fopen(name, "r");
		ssize_t len;

		if (!fp) {
			sc_msg(errno, "cannot open \"%s\"", name);
			globfree(&gl);
			free(line);
			return EXIT_FAILURE;
		}
		while ((len = getline(&line, &cap, fp)) > 0) {
			struct sc_setting *s;

			n++;
			if (len < 2)
				continue;
			s = sc_parse_line(name, n, line);
			if (s)
				sc_list_add(l, s);
		}
		if (!is_stdin)
			(void)fclose(fp);
	}
	globfree(&gl);
	free(line);
	return EXIT_SUCCESS;
}

static int sc_name_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;

	return strcmp(strrchr(x, '/') + 1, strrchr(y, '/') + 1);
}

/* --system: every *.conf of the system directories, then sysctl.conf. */
static int sc_preload_system(struct sc_setting_list *l)
{
	static const char *const dirs[] = {
		"/etc/sysctl.d",     "/run/sysctl.d", "/usr/local/lib/sysctl.d",
		"/usr/lib/sysctl.d", "/lib/sysctl.d",
	};
	char **cfgs = NULL;
	size_t n = 0, i, d;
	int rc = EXIT_SUCCESS;
	struct stat st;

	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		glob_t gl;
		char *pat;

		if (asprintf(&pat, "%s/*.conf", dirs[d]) < 0)
			continue;
		if (glob(pat, 0, NULL, &gl)) {
			free(pat);
			continue;
		}
		free(pat);
		for (i = 0; i < gl.gl_pathc; i++) {
			const char *base = strrchr(gl.gl_pathv[i], '/') + 1;
			size_t k;
			char **ncfgs;

			for (k = 0; k < n; k++)
				if (!strcmp(strrchr(cfgs[k], '/') + 1, base))
					break;
			if (k < n)
				continue;
			ncfgs = realloc(cfgs, (n + 1) * sizeof(*cfgs));
			if (!ncfgs)
				break;
			cfgs = ncfgs;
			cfgs[n] = strdup(gl.gl_pathv[i]);
			if (cfgs[n])
				n++;
		}
		globfree(&gl);
	}
	if (n)
		qsort(cfgs, n, sizeof(*cfgs), sc_name_cmp);
	for (i = 0; i < n; i++) {
		printf("* Applying %s ...\n", cfgs[i]);
		rc |= sc_preload(l, cfgs[i]);
		free(cfgs[i]);
	}
	free(cfgs);
	if (!stat(DEFAULT_PRELOAD, &st) && S_ISREG(st.st_mode)) {
		printf("* Applying %s ...\n", DEFAULT_PRELOAD);
		rc |= sc_preload(l, DEFAULT_PRELOAD);
	}
	return rc;
}

static void __attribute__((noreturn)) sc_errx(const char *msg)
{
	sc_msg(0, "%s\nTry `%s --help' for more information.", msg,
	       program_invocation_short_name);
	exit(EXIT_FAILURE);
}

enum {
	OPT_DEPRECATED = CHAR_MAX + 1,
	OPT_SYSTEM,
	OPT_DRY_RUN,
};

static const struct option sc_longopts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "deprecated", no_argument, NULL, OPT_DEPRECATED },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "binary", no_argument, NULL, 'b' },
	{ "ignore", no_argument, NULL, 'e' },
	{ "names", no_argument, NULL, 'N' },
	{ "values", no_argument, NULL, 'n' },
	{ "load", optional_argument, NULL, 'p' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "write", no_argument, NULL, 'w' },
	{ "system", no_argument, NULL, OPT_SYSTEM },
	{ "pattern", required_argument, NULL, 'r' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	bool write_mode = false, display_all = false, preload = false;
	bool system_opt = false;
	const char *preload_file = NULL;
	struct sc_setting_list list = { NULL, NULL };
	int rc = EXIT_SUCCESS, c, i;

	/* Every option at its default: main() may run more than once in a
	 * process (the tools' fuzz target calls it as a function). */
	opt_name_only = opt_ignore_error = opt_quiet = opt_dry_run = false;
	opt_print_name = opt_newline = opt_ignore_deprecated = true;
	opt_pattern = NULL;
	/* getopt's messages name the program as procps's tools do. */
	program_invocation_name = program_invocation_short_name;
	if (argc < 2)
		sc_usage(stderr);
	while ((c = getopt_long(argc, argv, "bneNwfp::qoxaAXr:Vdh", sc_longopts,
				NULL)) != -1) {
		switch (c) {
		case 'b':
			opt_newline = false;
			opt_print_name = false;
			break;
		case 'n':
			opt_print_name = false;
			break;
		case 'e':
			opt_ignore_error = true;
			break;
		case 'N':
			opt_name_only = true;
			break;
		case 'w':
			write_mode = true;
			break;
		case 'f':
		case 'p':
			preload = true;
			if (optarg)
				preload_file = optarg;
			break;
		case 'q':
			opt_quiet = true;
			break;
		case 'o':
		case 'x':
			break;
		case 'a':
		case 'A':
		case 'X':
			display_all = true;
			break;
		case OPT_DEPRECATED:
			opt_ignore_deprecated = false;
			break;
		case OPT_SYSTEM:
			opt_ignore_error = true;
			system_opt = true;
			break;
		case OPT_DRY_RUN:
			opt_dry_run = true;
			break;
		case 'r':
			opt_pattern = optarg;
			break;
		case 'V':
			printf("sysctl from procps-ng 4.0.2\n");
			return EXIT_SUCCESS;
		case 'd':
		case 'h':
		case '?':
			sc_usage(stdout);
			break;
		default:
			sc_usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;

	if (display_all)
		return sc_display_all(PROC_PATH);
	if (preload) {
		if (preload_file)
			rc |= sc_preload(&list, preload_file);
		else if (!argc)
			rc |= sc_preload(&list, DEFAULT_PRELOAD);
		for (i = 0; i < argc; i++)
			rc |= sc_preload(&list, argv[i]);
		rc |= sc_write_list(&list);
		sc_list_free(&list);
		return rc;
	}
	if (system_opt) {
		rc |= sc_preload_system(&list);
		rc |= sc_write_list(&list);
		sc_list_free(&list);
		if (argc < 1)
			return rc;
	}
	if (argc < 1)
		sc_errx("no variables specified");
	if (opt_name_only && opt_quiet)
		sc_errx("options -N and -q cannot coexist");
	for (i = 0; i < argc; i++) {
		if (write_mode || strchr(argv[i], '=')) {
			struct sc_setting *s;

			s = sc_parse_line("command line", 0, argv[i]);
			if (!s) {
				rc |= EXIT_FAILURE;
				continue;
			}
			rc |= sc_write_setting(s->path, s->value,
					       s->ignore_failure);
			sc_setting_free(s);
		} else {
			rc += sc_read_setting(argv[i]);
		}
	}
	return rc;
}
