// SPDX-License-Identifier: BSD-2-Clause
/*
 * hostname - show or set the host name, with the options, messages and exit
 * codes of Debian's hostname 3.23.  In tuxnet the name belongs to the
 * network namespace: tn_gethostname()/tn_sethostname().
 */
#include <tuxnet/tuxnet.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX 64
#endif

enum hn_type {
	HN_DEFAULT,
	HN_SHORT,
	HN_FQDN,
	HN_DOMAIN,
	HN_ALIAS,
	HN_IP,
	HN_ALL_FQDNS,
	HN_ALL_IPS,
	HN_NIS,
};

static const char hn_usage_text[] =
	"Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n"
	"       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n"
	"       hostname                                 display host name\n"
	"\n"
	"       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)\n"
	"       {yp,nis,}domainname                      display NIS domain name\n"
	"\n"
	"       dnsdomainname                            display dns domain name\n"
	"\n"
	"       hostname -V|--version|-h|--help          print info and exit\n"
	"\n"
	"Program name:\n"
	"       {yp,nis,}domainname=hostname -y\n"
	"       dnsdomainname=hostname -d\n"
	"\n"
	"Program options:\n"
	"    -a, --alias            alias names\n"
	"    -A, --all-fqdns        all long host names (FQDNs)\n"
	"    -b, --boot             set default hostname if none available\n"
	"    -d, --domain           DNS domain name\n"
	"    -f, --fqdn, --long     long host name (FQDN)\n"
	"    -F, --file             read host name or NIS domain name from given file\n"
	"    -i, --ip-address       addresses for the host name\n"
	"    -I, --all-ip-addresses all addresses for the host\n"
	"    -s, --short            short host name\n"
	"    -y, --yp, --nis        NIS/YP domain name\n"
	"\n"
	"Description:\n"
	"   This command can get or set the host name or the NIS domain name. You can\n"
	"   also get the DNS domain or the FQDN (fully qualified domain name).\n"
	"   Unless you are using bind or NIS for host lookups you can change the\n"
	"   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is\n"
	"   part of the FQDN) in the /etc/hosts file.\n";

/* Option errors print the usage on stdout, argument errors on stderr. */
static void hn_usage(FILE *out)
{
	fputs(hn_usage_text, out);
	exit(255);
}

/*
 * hn_name_valid - RFC 1123 host name check: dot-separated labels of letters,
 * digits and inner hyphens.
 */
static int hn_name_valid(const char *name)
{
	size_t i, len = strlen(name);

	if (!len)
		return 0;
	for (i = 0; i < len; i++) {
		char c = name[i];
		int first = i == 0 || name[i - 1] == '.';
		int last = i + 1 == len || name[i + 1] == '.';

		if (c == '.') {
			if (first || i + 1 == len)
				return 0;
		} else if (c == '-') {
			if (first || last)
				return 0;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9'))) {
			return 0;
		}
	}
	return 1;
}

static int hn_set(const char *name)
{
	if (!hn_name_valid(name)) {
		fprintf(stderr,
			"hostname: the specified hostname is invalid\n");
		return 1;
	}
	if (tn_sethostname(name, strlen(name)) < 0) {
		if (errno == EPERM)
			fprintf(stderr,
				"hostname: you must be root to change the host name\n");
		else if (errno == EINVAL)
			fprintf(stderr, "hostname: name too long\n");
		else
			fprintf(stderr, "hostname: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

/* Reads the first name in @path: lines starting with '#' are comments. */
static int hn_set_from_file(const char *path)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "hostname: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#')
			continue;
		end = p + strlen(p);
		while (end > p && (end[-1] == '\n' || end[-1] == ' ' ||
				   end[-1] == '\t' || end[-1] == '\r'))
			*--end = '\0';
		if (!*p)
			continue;
		(void)fclose(f);
		return hn_set(p);
	}
	(void)fclose(f);
	return hn_set("");
}

/*
 * hn_show_resolved - -f, -d, -a, -i: the name through the resolver, as the
 * real tool does (the host's NSS: /etc/hosts, DNS).
 */
static int hn_show_resolved(const char *name, enum hn_type type)
{
	struct addrinfo hints = { 0 }, *res, *ai;
	const char *dot;
	int err;

	hints.ai_family = AF_UNSPEC;
	hints.ai_flags = AI_CANONNAME;
	err = getaddrinfo(name, NULL, &hints, &res);
	if (err) {
		fprintf(stderr, "hostname: %s\n", gai_strerror(err));
		return 1;
	}
	switch (type) {
	case HN_FQDN:
		printf("%s\n", res->ai_canonname ? res->ai_canonname : name);
		break;
	case HN_DOMAIN:
		dot = strchr(res->ai_canonname ? res->ai_canonname : name, '.');
		if (dot)
			printf("%s\n", dot + 1);
		break;
	case HN_IP:
		for (ai = res; ai; ai = ai->ai_next) {
			char buf[INET6_ADDRSTRLEN];
			const void *a;

			if (ai->ai_socktype != SOCK_STREAM &&
			    ai->ai_socktype != 0)
				continue;
			if (ai->ai_family == AF_INET)
				a = &((struct sockaddr_in *)ai->ai_addr)
					     ->sin_addr;
			else if (ai->ai_family == AF_INET6)
				a = &((struct sockaddr_in6 *)ai->ai_addr)
					     ->sin6_addr;
			else
				continue;
			inet_ntop(ai->ai_family, a, buf, sizeof(buf));
			printf("%s ", buf);
		}
		printf("\n");
		break;
	default:
		/* -a: aliases are not part of getaddrinfo's answer. */
		printf("\n");
		break;
	}
	freeaddrinfo(res);
	return 0;
}

static int hn_show(enum hn_type type)
{
	char name[HOST_NAME_MAX + 2];
	char *dot;

	if (tn_gethostname(name, sizeof(name)) < 0) {
		fprintf(stderr, "hostname: %s\n", strerror(errno));
		return 1;
	}
	name[sizeof(name) - 1] = '\0';
	switch (type) {
	case HN_DEFAULT:
		printf("%s\n", name);
		return 0;
	case HN_SHORT:
		dot = strchr(name, '.');
		if (dot)
			*dot = '\0';
		printf("%s\n", name);
		return 0;
	case HN_ALL_FQDNS:
	case HN_ALL_IPS:
	case HN_NIS:
		fprintf(stderr,
			"hostname: this option is not supported by tuxnet\n");
		return 1;
	default:
		return hn_show_resolved(name, type);
	}
}

static const struct option hn_longopts[] = {
	{ "alias", no_argument, NULL, 'a' },
	{ "all-fqdns", no_argument, NULL, 'A' },
	{ "boot", no_argument, NULL, 'b' },
	{ "domain", no_argument, NULL, 'd' },
	{ "fqdn", no_argument, NULL, 'f' },
	{ "long", no_argument, NULL, 'f' },
	{ "file", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ "ip-address", no_argument, NULL, 'i' },
	{ "all-ip-addresses", no_argument, NULL, 'I' },
	{ "short", no_argument, NULL, 's' },
	{ "version", no_argument, NULL, 'V' },
	{ "yp", no_argument, NULL, 'y' },
	{ "nis", no_argument, NULL, 'y' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	enum hn_type type = HN_DEFAULT;
	const char *file = NULL;
	int boot = 0, c;

	while ((c = getopt_long(argc, argv, "aAbdfF:hiIsVy", hn_longopts,
				NULL)) != -1) {
		switch (c) {
		case 'a':
			type = HN_ALIAS;
			break;
		case 'A':
			type = HN_ALL_FQDNS;
			break;
		case 'b':
			boot = 1;
			break;
		case 'd':
			type = HN_DOMAIN;
			break;
		case 'f':
			type = HN_FQDN;
			break;
		case 'F':
			file = optarg;
			break;
		case 'i':
			type = HN_IP;
			break;
		case 'I':
			type = HN_ALL_IPS;
			break;
		case 's':
			type = HN_SHORT;
			break;
		case 'y':
			type = HN_NIS;
			break;
		case 'V':
			printf("hostname 3.23\n");
			return 0;
		default: /* 'h', and '?' after getopt's own message */
			hn_usage(stdout);
		}
	}
	if (optind + 1 < argc)
		hn_usage(stderr);
	if (optind < argc || file) {
		if (type != HN_DEFAULT)
			hn_usage(stderr);
		if (file) {
			if (optind < argc)
				hn_usage(stderr);
			return hn_set_from_file(file);
		}
		return hn_set(argv[optind]);
	}
	(void)boot;
	return hn_show(type);
}
