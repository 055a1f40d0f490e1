// SPDX-License-Identifier: BSD-2-Clause
/*
 * Parsing and naming helpers shared by the tools.
 */
#include <dirent.h>
#include <net/if.h> /* before <linux/if*.h> */

#include "utils.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <linux/if_link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/**
 * matches - is @arg an abbreviation of @pattern?
 * Return: 0 if it is, as iproute2's matches().
 */
int matches(const char *arg, const char *pattern)
{
	size_t len = strlen(arg);

	if (!len || len > strlen(pattern))
		return -1;
	return memcmp(pattern, arg, len);
}

int get_unsigned(unsigned int *val, const char *arg, int base)
{
	unsigned long res;
	char *end;

	if (!arg || !*arg)
		return -1;
	errno = 0;
	res = strtoul(arg, &end, base);
	if (!end || end == arg || *end || errno || res > 0xFFFFFFFFUL)
		return -1;
	*val = (unsigned int)res;
	return 0;
}

/* A whole int in any base strtol() takes, as iproute2's get_integer(). */
int get_integer(int *val, const char *arg, int base)
{
	long res;
	char *end;

	if (!arg || !*arg)
		return -1;
	errno = 0;
	res = strtol(arg, &end, base);
	if (!end || end == arg || *end || errno || res > INT_MAX ||
	    res < INT_MIN)
		return -1;
	*val = (int)res;
	return 0;
}

int get_u32(uint32_t *val, const char *arg, int base)
{
	unsigned int v;

	if (get_unsigned(&v, arg, base))
		return -1;
	*val = v;
	return 0;
}

/* Dotted quad with one to four parts ("10", "10.1" ...), as iproute2. */
static int get_addr_ipv4(uint8_t *ap, const char *cp)
{
	int i;

	for (i = 0; i < 4; i++) {
		unsigned long n;
		char *endp;

		if (*cp < '0' || *cp > '9')
			return -1;
		n = strtoul(cp, &endp, 0);
		if (n > 255)
			return -1;
		ap[i] = (uint8_t)n;
		if (!*endp)
			break;
		if (i == 3 || *endp != '.')
			return -1;
		cp = endp + 1;
	}
	for (i++; i < 4; i++)
		ap[i] = 0;
	return 1;
}

/**
 * get_addr - parse an IPv4 or IPv6 address
 * @dst: result
 * @arg: the text
 * @family: AF_INET, AF_INET6 or AF_UNSPEC (guess from the text)
 *
 * Return: 0, or -1 if @arg is not an address of @family.
 */
int get_addr(inet_prefix *dst, const char *arg, int family)
{
	memset(dst, 0, sizeof(*dst));
	if (strchr(arg, ':')) {
		if (family != AF_UNSPEC && family != AF_INET6)
			return -1;
		if (inet_pton(AF_INET6, arg, dst->data) <= 0)
			return -1;
		dst->family = AF_INET6;
		dst->bytelen = 16;
		dst->bitlen = 128;
		return 0;
	}
	if (family != AF_UNSPEC && family != AF_INET)
		return -1;
	if (get_addr_ipv4(dst->data, arg) <= 0)
		return -1;
	dst->family = AF_INET;
	dst->bytelen = 4;
	dst->bitlen = 32;
	return 0;
}

/**
 * get_prefix - parse ADDR[/LEN], or "default"/"any"/"all" (length 0)
 * @dst: result; @dst->bitlen is the full length when no /LEN was given
 * @arg: the text
 * @family: as for get_addr()
 *
 * Return: 0, or -1.
 */
int get_prefix(inet_prefix *dst, const char *arg, int family)
{
	char buf[64];
	char *slash;
	unsigned int plen;

	if (!strcmp(arg, "default") || !strcmp(arg, "any") ||
	    !strcmp(arg, "all")) {
		memset(dst, 0, sizeof(*dst));
		dst->family =
			(uint16_t)(family == AF_UNSPEC ? AF_INET : family);
		dst->bytelen = dst->family == AF_INET6 ? 16 : 4;
		dst->bitlen = 0;
		return 0;
	}
	if (strlen(arg) >= sizeof(buf))
		return -1;
	(void)snprintf(buf, sizeof(buf), "%s", arg);
	slash = strchr(buf, '/');
	if (slash)
		*slash = 0;
	if (get_addr(dst, buf, family))
		return -1;
	if (slash) {
		if (get_unsigned(&plen, slash + 1, 0) ||
		    plen > (unsigned int)dst->bytelen * 8)
			return -1;
		dst->bitlen = (int16_t)plen;
	}
	return 0;
}

/**
 * inet_addr_match - do the first @bits bits of two addresses agree?
 * @a: an address
 * @b: another address (of the same family)
 * @bits: how many leading bits to compare
 *
 * Return: 0 if they agree, as iproute2's inet_addr_match(); nonzero if not.
 */
int inet_addr_match(const inet_prefix *a, const inet_prefix *b, int bits)
{
	int bytes = bits / 8, rest = bits % 8;
	uint8_t mask;

	if (bits <= 0)
		return 0;
	if (bits > (int)sizeof(a->data) * 8)
		return -1;
	if (memcmp(a->data, b->data, (size_t)bytes))
		return 1;
	if (!rest)
		return 0;
	mask = (uint8_t)(0xFF << (8 - rest));
	return (a->data[bytes] ^ b->data[bytes]) & mask ? 1 : 0;
}

const char *format_host(int family, const void *addr, char *buf, size_t len)
{
	if (!inet_ntop(family, addr, buf, (socklen_t)len))
		(void)snprintf(buf, len, "???");
	return buf;
}

/**
 * ll_addr_a2n - parse a link-layer address "xx:xx:..."
 * Return: its length in bytes, or -1.
 */
int ll_addr_a2n(unsigned char *lladdr, int len, const char *arg)
{
	int i;

	for (i = 0; i < len; i++) {
		unsigned int temp;
		char *cp = strchr(arg, ':');

		if (cp) {
			*cp = 0;
			cp++;
		}
		if (sscanf(arg, "%x", &temp) != 1 || temp > 255)
			return -1;
		lladdr[i] = (unsigned char)temp;
		if (!cp)
			return i + 1;
		arg = cp;
	}
	return -1;
}

const char *ll_addr_n2a(const unsigned char *addr, int alen, char *buf,
			size_t blen)
{
	size_t off = 0;
	int i;

	buf[0] = 0;
	for (i = 0; i < alen && off + 4 <= blen; i++)
		off += (size_t)snprintf(buf + off, blen - off,
					i ? ":%02x" : "%02x", addr[i]);
	return buf;
}

/* ---- the interface cache ---- */

struct ll_cache {
	int index;
	unsigned int flags;
	char name[IFNAMSIZ];
	struct ll_cache *next;
};

static struct ll_cache *ll_head;
static struct rtnl_handle ll_rth_own = { .fd = -1 };
static struct rtnl_handle *ll_rth;

/*
 * Lookups may happen in the middle of a dump on the caller's socket, so
 * they go through a socket of their own, opened on first use.  ll_init()
 * starts with nothing cached and no socket: it forgets what an earlier
 * run in this process left (that run's memory and descriptors went with
 * it, as they go with a process that exits), so it frees nothing.
 */
void ll_init(struct rtnl_handle *rth)
{
	(void)rth;
	ll_head = NULL;
	ll_rth = NULL;
	ll_rth_own.fd = -1;
}

static struct rtnl_handle *ll_handle(void)
{
	if (!ll_rth) {
		if (rtnl_open(&ll_rth_own) < 0)
			return NULL;
		ll_rth = &ll_rth_own;
	}
	return ll_rth;
}

void ll_remember(int idx, const char *name, unsigned int flags)
{
	struct ll_cache *c;

	for (c = ll_head; c; c = c->next)
		if (c->index == idx)
			break;
	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c)
			return;
		c->index = idx;
		c->next = ll_head;
		ll_head = c;
	}
	c->flags = flags;
	(void)snprintf(c->name, sizeof(c->name), "%s", name);
}

/* Asks the stack for one link, by index or by name, and caches it. */
static struct ll_cache *ll_query(int idx, const char *name)
{
	struct {
		struct nlmsghdr n;
		struct ifinfomsg ifi;
		char buf[256];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		.n.nlmsg_type = RTM_GETLINK,
		.n.nlmsg_flags = NLM_F_REQUEST,
		.ifi.ifi_index = idx,
	};
	struct rtattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *ans = NULL;
	struct ifinfomsg *ifi;
	struct ll_cache *c;
	int len;

	if (!ll_handle())
		return NULL;
	if (name) {
		if (strlen(name) >= IFNAMSIZ)
			return NULL;
		addattr_strz(&req.n, sizeof(req), IFLA_IFNAME, name);
	}
	addattr32(&req.n, sizeof(req), IFLA_EXT_MASK, RTEXT_FILTER_VF);
	if (rtnl_talk_quiet(ll_rth, &req.n, &ans) < 0 || !ans)
		return NULL;
	ifi = NLMSG_DATA(ans);
	len = (int)ans->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*ifi));
	if (ans->nlmsg_type != RTM_NEWLINK || len < 0) {
		free(ans);
		return NULL;
	}
	parse_rtattr(tb, IFLA_MAX, IFLA_RTA(ifi), len);
	if (tb[IFLA_IFNAME])
		ll_remember(ifi->ifi_index, rta_getattr_str(tb[IFLA_IFNAME]),
			    ifi->ifi_flags);
	free(ans);
	for (c = ll_head; c; c = c->next)
		if (c->index == (name ? c->index : idx) &&
		    (!name || !strcmp(c->name, name)))
			return c;
	return NULL;
}

int ll_name_to_index(const char *name)
{
	struct ll_cache *c;

	for (c = ll_head; c; c = c->next)
		if (!strcmp(c->name, name))
			return c->index;
	c = ll_query(0, name);
	return c ? c->index : 0;
}

static struct ll_cache *ll_lookup_index(int idx)
{
	struct ll_cache *c;

	for (c = ll_head; c; c = c->next)
		if (c->index == idx)
			return c;
	return ll_query(idx, NULL);
}

const char *ll_index_to_name(int idx)
{
	static char buf[IFNAMSIZ + 8];
	struct ll_cache *c = ll_lookup_index(idx);

	if (c)
		return c->name;
	(void)snprintf(buf, sizeof(buf), "if%d", idx);
	return buf;
}

unsigned int ll_index_to_flags(int idx)
{
	struct ll_cache *c = ll_lookup_index(idx);

	return c ? c->flags : 0;
}

/* ---- rtnetlink names ---- */

struct name_id {
	int id;
	const char *name;
};

static const struct name_id rt_tables[] = {
	{ 253, "default" },
	{ 254, "main" },
	{ 255, "local" },
	{ 0, NULL },
};

static const struct name_id rt_protos[] = {
	{ 0, "unspec" },  { 1, "redirect" },  { 2, "kernel" },
	{ 3, "boot" },	  { 4, "static" },    { 8, "gated" },
	{ 9, "ra" },	  { 10, "mrt" },      { 11, "zebra" },
	{ 12, "bird" },	  { 13, "dnrouted" }, { 14, "xorp" },
	{ 15, "ntk" },	  { 16, "dhcp" },     { 18, "keepalived" },
	{ 42, "babel" },  { 99, "openr" },    { 186, "bgp" },
	{ 187, "isis" },  { 188, "ospf" },    { 189, "rip" },
	{ 192, "eigrp" }, { -1, NULL },
};

static const struct name_id rt_scopes[] = {
	{ 0, "global" }, { 200, "site" },    { 253, "link" },
	{ 254, "host" }, { 255, "nowhere" }, { -1, NULL },
};

static const char *const rtn_types[] = {
	"none",	    "unicast",	 "local",     "broadcast",
	"anycast",  "multicast", "blackhole", "unreachable",
	"prohibit", "throw",	 "nat",	      "xresolve",
};

static const char *name_of(const struct name_id *t, int id, char *buf,
			   size_t len)
{
	for (; t->name; t++)
		if (t->id == id)
			return t->name;
	(void)snprintf(buf, len, "%d", id);
	return buf;
}

static int id_of(const struct name_id *t, uint32_t *id, const char *arg,
		 uint32_t max)
{
	for (; t->name; t++)
		if (!strcmp(t->name, arg)) {
			*id = (uint32_t)t->id;
			return 0;
		}
	if (get_u32(id, arg, 0) || *id > max)
		return -1;
	return 0;
}

/*
 * Table names as iproute2 reads them: the built-in default, main and
 * local, then /etc/iproute2/rt_tables and rt_tables.d/\*.conf, a later
 * line for an id winning when naming it.
 */
struct rttable_name {
	uint32_t id;
	char name[64];
};

/* Static storage: no allocation outlives a run of the tool (the fuzz
 * harness runs main() many times and frees what each run allocated). */
#define RTTABLE_NAMES_MAX 512
static struct rttable_name rttable_names[RTTABLE_NAMES_MAX];
static int rttable_nr;
static int rttable_loaded;

static void rttable_add(uint32_t id, const char *name)
{
	struct rttable_name *e;

	if (rttable_nr >= RTTABLE_NAMES_MAX || strlen(name) >= sizeof(e->name))
		return;
	e = &rttable_names[rttable_nr++];
	e->id = id;
	(void)snprintf(e->name, sizeof(e->name), "%s", name);
}

static void rttable_load_file(const char *file)
{
	char buf[512];
	FILE *fp = fopen(file, "r");

	if (!fp)
		return;
	while (fgets(buf, sizeof(buf), fp)) {
		char name[256], *p = buf;
		unsigned int id;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\n' || *p == 0)
			continue;
		if (sscanf(p, "0x%x %255s", &id, name) != 2 &&
		    sscanf(p, "%u %255s", &id, name) != 2) {
			fprintf(stderr, "Database %s is corrupted at %s\n",
				file, p);
			break;
		}
		rttable_add(id, name);
	}
	(void)fclose(fp);
}

static void rttable_load(void)
{
	const struct name_id *t;
	struct dirent *de;
	DIR *d;

	if (rttable_loaded)
		return;
	rttable_loaded = 1;
	for (t = rt_tables; t->name; t++)
		rttable_add((uint32_t)t->id, t->name);
	rttable_load_file("/etc/iproute2/rt_tables");
	d = opendir("/etc/iproute2/rt_tables.d");
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		char path[PATH_MAX];
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.' || n < 5 ||
		    strcmp(de->d_name + n - 5, ".conf") != 0)
			continue;
		if (snprintf(path, sizeof(path), "/etc/iproute2/rt_tables.d/%s",
			     de->d_name) < (int)sizeof(path))
			rttable_load_file(path);
	}
	closedir(d);
}

const char *rtnl_rttable_n2a(uint32_t id, char *buf, size_t len)
{
	int i;

	rttable_load();
	/* the last definition of an id names it */
	for (i = rttable_nr - 1; i >= 0; i--)
		if (rttable_names[i].id == id)
			return rttable_names[i].name;
	(void)snprintf(buf, len, "%u", id);
	return buf;
}

int rtnl_rttable_a2n(uint32_t *id, const char *arg)
{
	int i;

	rttable_load();
	for (i = rttable_nr - 1; i >= 0; i--)
		if (strcmp(rttable_names[i].name, arg) == 0) {
			*id = rttable_names[i].id;
			return 0;
		}
	return get_u32(id, arg, 0);
}

const char *rtnl_rtprot_n2a(int id, char *buf, size_t len)
{
	return name_of(rt_protos, id, buf, len);
}

int rtnl_rtprot_a2n(uint32_t *id, const char *arg)
{
	return id_of(rt_protos, id, arg, 255);
}

const char *rtnl_rtscope_n2a(int id, char *buf, size_t len)
{
	return name_of(rt_scopes, id, buf, len);
}

int rtnl_rtscope_a2n(uint32_t *id, const char *arg)
{
	if (!strcmp(arg, "universe")) {
		*id = 0;
		return 0;
	}
	return id_of(rt_scopes, id, arg, 255);
}

const char *rtnl_rtntype_n2a(int id, char *buf, size_t len)
{
	if (id >= 0 && id < (int)(sizeof(rtn_types) / sizeof(rtn_types[0])))
		return rtn_types[id];
	(void)snprintf(buf, len, "%d", id);
	return buf;
}

int rtnl_rtntype_a2n(int *id, const char *arg)
{
	unsigned int i;

	for (i = 1; i < sizeof(rtn_types) / sizeof(rtn_types[0]); i++)
		if (!strcmp(rtn_types[i], arg)) {
			*id = (int)i;
			return 0;
		}
	if (get_unsigned(&i, arg, 0) || i > 255)
		return -1;
	*id = (int)i;
	return 0;
}

/* ---- command-line errors, as iproute2's lib/utils.c words them ---- */

void incomplete_command(void)
{
	fprintf(stderr, "Command line is not complete. Try option \"help\"\n");
	exit(-1);
}

void invarg(const char *msg, const char *arg)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	exit(-1);
}

void duparg(const char *key, const char *arg)
{
	fprintf(stderr,
		"Error: duplicate \"%s\": \"%s\" is the second value.\n", key,
		arg);
	exit(-1);
}

void duparg2(const char *key, const char *arg)
{
	fprintf(stderr,
		"Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n",
		key, arg);
	exit(-1);
}

int nodev(const char *dev)
{
	fprintf(stderr, "Cannot find device \"%s\"\n", dev);
	return -1;
}

/* check_ifname - 0 if @name can be a device name (not empty, shorter than
 * IFNAMSIZ, no '/' or white space), as iproute2's */
int check_ifname(const char *name)
{
	size_t len = strlen(name);

	if (!len || len >= IFNAMSIZ)
		return -1;
	for (; *name; name++)
		if (*name == '/' || isspace((unsigned char)*name))
			return -1;
	return 0;
}
