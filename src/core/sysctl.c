// SPDX-License-Identifier: BSD-2-Clause
/*
 * The sysctl registry and the value handlers behind /proc/sys.
 * Linux: kernel/sysctl.c (proc_dointvec ...), fs/proc/proc_sysctl.c,
 * net/sysctl_net.c, net/core/sysctl_net_core.c.
 */
#include <ctype.h>
#include <limits.h>

#include <net/net_namespace.h>
#include <net/sysctl.h>

#include "core.h"

const int sysctl_vals[] = { 0, 1, 2, INT_MAX };

/* ---- registration ---- */

static size_t table_count(const struct ctl_table *table)
{
	size_t n = 0;

	while (table[n].procname)
		n++;
	return n;
}

struct ctl_table_header *register_net_sysctl(struct net *net, const char *path,
					     struct ctl_table *table)
{
	struct ctl_table_header *h = kzalloc(sizeof(*h), GFP_KERNEL);

	if (!h)
		return NULL;
	h->path = strdup(path);
	if (!h->path) {
		kfree(h);
		return NULL;
	}
	h->net = net;
	h->table = table;
	h->count = table_count(table);
	list_add_tail(&h->list, &current_stack()->sysctl_list);
	return h;
}

static void sysctl_head_free(struct ctl_table_header *header)
{
	if (header->free_table)
		kfree(header->table);
	free(header->path);
	kfree(header);
}

void unregister_net_sysctl_table(struct ctl_table_header *header)
{
	if (!header)
		return;
	list_del(&header->list);
	header->unregistering = true;
	if (!header->nr_open)
		sysctl_head_free(header);
}

void sysctl_head_grab(struct ctl_table_header *header)
{
	header->nr_open++;
}

void sysctl_head_put(struct ctl_table_header *header)
{
	if (!--header->nr_open && header->unregistering)
		sysctl_head_free(header);
}

struct ctl_table *sysctl_table_dup(const struct ctl_table *tmpl,
				   const void *base, void *newbase)
{
	size_t i, n = table_count(tmpl);
	struct ctl_table *t = kmemdup(tmpl, (n + 1) * sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *d = t[i].data;

		/* Pointers into the template object move to the copy. */
		if (d && base)
			t[i].data = (char *)newbase + (d - (const char *)base);
	}
	return t;
}

/* ---- handlers ---- */

/* Render @n ints (tab-separated, newline-terminated) as Linux does. */
static int render_ints(const int *v, size_t n, int div, char *buf, size_t *lenp,
		       long *ppos)
{
	size_t off = 0, i;

	if (*ppos) {
		*lenp = 0;
		return 0;
	}
	for (i = 0; i < n; i++) {
		int w = snprintf(buf + off, *lenp > off ? *lenp - off : 0,
				 "%s%d", i ? "\t" : "",
				 div ? v[i] / div : v[i]);

		if (w < 0 || off + (size_t)w >= *lenp)
			return -EINVAL;
		off += (size_t)w;
	}
	if (off + 1 >= *lenp)
		return -EINVAL;
	buf[off++] = '\n';
	buf[off] = '\0';
	*lenp = off;
	*ppos += (long)off;
	return 0;
}

/* ---- parsing a write, as Linux (kernel/sysctl.c) ---- */

#define TMPBUFLEN 22 /* a number is at most 21 characters */

/* What may follow a number: not \r, \v or \f, and not a NUL. */
static const char proc_wspace_sep[] = { ' ', '\t', '\n' };

static bool proc_isspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}

static void proc_skip_spaces(const char **p, size_t *left)
{
	while (*left && proc_isspace((unsigned char)**p)) {
		(*p)++;
		(*left)--;
	}
}

/*
 * proc_get_long - the number at *@p: an optional '-' then digits in C
 * notation (0x1F, 010), ended by a separator or the end of the write.
 * Return: 0, or -EINVAL (no digits, too long, too large, bad ending).
 */
static int proc_get_long(const char **p, size_t *left, unsigned long *val,
			 bool *neg)
{
	char tmp[TMPBUFLEN], *q, *e;
	size_t len = *left;

	if (len > TMPBUFLEN - 1)
		len = TMPBUFLEN - 1;
	memcpy(tmp, *p, len);
	tmp[len] = '\0';
	q = tmp;
	*neg = false;
	if (*q == '-' && *left > 1) {
		*neg = true;
		q++;
	}
	if (!isdigit((unsigned char)*q))
		return -EINVAL;
	errno = 0;
	*val = strtoul(q, &e, 0);
	if (errno)
		return -EINVAL;
	len = (size_t)(e - tmp);
	if (len == TMPBUFLEN - 1)
		return -EINVAL; /* cannot tell where it ends */
	if (len < *left &&
	    !memchr(proc_wspace_sep, *e, sizeof(proc_wspace_sep)))
		return -EINVAL;
	*p += len;
	*left -= len;
	return 0;
}

/*
 * proc_parse - up to @max numbers from a write of @len bytes.  What
 * follows the last one the entry holds is not consumed (the write is
 * short), as Linux; @consumed gets the bytes used.
 * Return: how many, or -EINVAL if none or one is malformed.
 */
static int proc_parse(const char *buf, size_t len, unsigned long *val,
		      bool *neg, size_t max, size_t *consumed)
{
	const char *p = buf;
	size_t left = len, n = 0;

	while (left && n < max) {
		proc_skip_spaces(&p, &left);
		if (!left)
			break;
		if (proc_get_long(&p, &left, &val[n], &neg[n]))
			return -EINVAL;
		n++;
	}
	if (!n)
		return -EINVAL;
	proc_skip_spaces(&p, &left);
	*consumed = len - left;
	return (int)n;
}

/*
 * A write at a nonzero file position (a second write on the same fd) is
 * accepted and ignored, as with kernel.sysctl_writes_strict = 1.
 */
static bool proc_first_pos_non_zero_ignore(long *ppos, size_t *lenp)
{
	if (!*ppos)
		return false;
	*ppos += (long)*lenp;
	return true;
}

static int do_intvec(struct ctl_table *t, int write, char *buf, size_t *lenp,
		     long *ppos, int mul, bool minmax)
{
	size_t n = (size_t)t->maxlen / sizeof(int), used, i;
	unsigned long vals[8];
	bool neg[8];
	long x[8];
	int *v = t->data, got;

	if (n > ARRAY_SIZE(vals))
		n = ARRAY_SIZE(vals);
	if (!write)
		return render_ints(v, n, mul > 1 ? mul : 0, buf, lenp, ppos);
	if (proc_first_pos_non_zero_ignore(ppos, lenp))
		return 0;
	got = proc_parse(buf, *lenp, vals, neg, n, &used);
	if (got < 0)
		return -EINVAL;
	if (mul < 1)
		mul = 1;
	for (i = 0; i < (size_t)got; i++) {
		/* In range before the unit conversion, as Linux checks. */
		unsigned long lim = mul > 1  ? (unsigned long)(INT_MAX / mul)
				    : neg[i] ? (unsigned long)INT_MAX + 1
					     : (unsigned long)INT_MAX;

		if (vals[i] > lim)
			return -EINVAL;
		x[i] = (long)vals[i] * mul;
		if (neg[i])
			x[i] = -x[i];
		if (minmax && ((t->extra1 && x[i] < *(int *)t->extra1) ||
			       (t->extra2 && x[i] > *(int *)t->extra2)))
			return -EINVAL;
	}
	for (i = 0; i < (size_t)got; i++)
		v[i] = (int)x[i];
	*lenp = used;
	*ppos += (long)used;
	return 0;
}

/* One unsigned number, within [0, @max]; *@lenp becomes what was used. */
static int do_one_unsigned(char *buf, size_t *lenp, long *ppos,
			   unsigned long max, unsigned long *out)
{
	unsigned long val;
	size_t used;
	bool neg;

	if (proc_parse(buf, *lenp, &val, &neg, 1, &used) < 0 || neg ||
	    val > max)
		return -EINVAL;
	*out = val;
	*lenp = used;
	*ppos += (long)used;
	return 0;
}

int proc_dointvec(struct ctl_table *t, int write, char *buf, size_t *lenp,
		  long *ppos)
{
	return do_intvec(t, write, buf, lenp, ppos, 1, false);
}

int proc_dointvec_minmax(struct ctl_table *t, int write, char *buf,
			 size_t *lenp, long *ppos)
{
	return do_intvec(t, write, buf, lenp, ppos, 1, true);
}

int proc_douintvec(struct ctl_table *t, int write, char *buf, size_t *lenp,
		   long *ppos)
{
	unsigned int *v = t->data;
	unsigned long val;

	if (!write) {
		int w;

		if (*ppos) {
			*lenp = 0;
			return 0;
		}
		w = snprintf(buf, *lenp, "%u\n", *v);
		if (w < 0 || (size_t)w >= *lenp)
			return -EINVAL;
		*lenp = (size_t)w;
		*ppos += w;
		return 0;
	}
	if (proc_first_pos_non_zero_ignore(ppos, lenp))
		return 0;
	if (do_one_unsigned(buf, lenp, ppos, UINT_MAX, &val))
		return -EINVAL;
	*v = (unsigned int)val;
	return 0;
}

/* Kept in ms ("jiffies" at HZ=1000), shown in seconds. */
int proc_dointvec_jiffies(struct ctl_table *t, int write, char *buf,
			  size_t *lenp, long *ppos)
{
	return do_intvec(t, write, buf, lenp, ppos, HZ, false);
}

/* Kept in ms, shown in ms. */
int proc_dointvec_ms_jiffies(struct ctl_table *t, int write, char *buf,
			     size_t *lenp, long *ppos)
{
	return do_intvec(t, write, buf, lenp, ppos, 1, false);
}

int proc_doulongvec_minmax(struct ctl_table *t, int write, char *buf,
			   size_t *lenp, long *ppos)
{
	/* a vector of maxlen / sizeof(long) values (tcp_mem), as Linux's */
	size_t n = (size_t)t->maxlen / sizeof(unsigned long), used, i, off = 0;
	unsigned long *v = t->data, vals[8];
	bool neg[8];
	int got;

	if (n < 1)
		n = 1;
	if (n > ARRAY_SIZE(vals))
		n = ARRAY_SIZE(vals);
	if (!write) {
		if (*ppos) {
			*lenp = 0;
			return 0;
		}
		for (i = 0; i < n; i++) {
			int w = snprintf(buf + off,
					 *lenp > off ? *lenp - off : 0, "%s%lu",
					 i ? "\t" : "", v[i]);

			if (w < 0 || off + (size_t)w >= *lenp)
				return -EINVAL;
			off += (size_t)w;
		}
		if (off + 1 >= *lenp)
			return -EINVAL;
		buf[off++] = '\n';
		buf[off] = '\0';
		*lenp = off;
		*ppos += (long)off;
		return 0;
	}
	if (proc_first_pos_non_zero_ignore(ppos, lenp))
		return 0;
	got = proc_parse(buf, *lenp, vals, neg, n, &used);
	if (got < 0)
		return -EINVAL;
	for (i = 0; i < (size_t)got; i++)
		if (neg[i] ||
		    (t->extra1 && vals[i] < *(unsigned long *)t->extra1) ||
		    (t->extra2 && vals[i] > *(unsigned long *)t->extra2))
			return -EINVAL;
	for (i = 0; i < (size_t)got; i++)
		v[i] = vals[i];
	*lenp = used;
	*ppos += (long)used;
	return 0;
}

int proc_dostring(struct ctl_table *t, int write, char *buf, size_t *lenp,
		  long *ppos)
{
	char *s = t->data;

	if (!write) {
		int w;

		if (*ppos) {
			*lenp = 0;
			return 0;
		}
		w = snprintf(buf, *lenp, "%s\n", s);
		if (w < 0 || (size_t)w >= *lenp)
			return -EINVAL;
		*lenp = (size_t)w;
		*ppos += w;
		return 0;
	} else {
		size_t n = *lenp;

		while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
			n--;
		if (n >= (size_t)t->maxlen)
			n = (size_t)t->maxlen - 1;
		memcpy(s, buf, n);
		s[n] = '\0';
		return 0;
	}
}

/* ---- a large bitmap (ip_local_reserved_ports) ---- */

#define LBITS (8 * sizeof(unsigned long))

static bool lbit_test(const unsigned long *map, unsigned long i)
{
	return map[i / LBITS] & (1UL << (i % LBITS));
}

/*
 * lbitmap_get_long - a number of the list at *@p (digits in C notation, no
 * sign), which one of @tr must follow unless the write ends there; *@c
 * gets that character (0 at the end).  Return: 0 or -EINVAL.
 */
static int lbitmap_get_long(const char **p, size_t *left, unsigned long *val,
			    const char *tr, char *c)
{
	char tmp[TMPBUFLEN], *e;
	size_t len = *left;

	if (len > TMPBUFLEN - 1)
		len = TMPBUFLEN - 1;
	memcpy(tmp, *p, len);
	tmp[len] = '\0';
	if (!isdigit((unsigned char)tmp[0]))
		return -EINVAL;
	errno = 0;
	*val = strtoul(tmp, &e, 0);
	len = (size_t)(e - tmp);
	if (errno || len == TMPBUFLEN - 1)
		return -EINVAL;
	*c = 0;
	if (len < *left) {
		if (!strchr(tr, *e) || !*e)
			return -EINVAL;
		*c = *e;
	}
	*p += len;
	*left -= len;
	return 0;
}

/*
 * proc_do_large_bitmap - a bitmap of ctl->maxlen bits, *(unsigned long **)
 * ctl->data, as a list of numbers and ranges: "8080,9000-9100".  A write
 * replaces the whole set; numbers and ranges are separated by ',' or '\n'
 * (a trailing one allowed), ranges go up, every number is below maxlen:
 * else -EINVAL and nothing changes.  A read lists the ranges in order
 * ("\n" alone for none), cut at the reader's buffer.
 */
int proc_do_large_bitmap(struct ctl_table *ctl, int write, char *buf,
			 size_t *lenp, long *ppos)
{
	unsigned long nbits = (unsigned long)ctl->maxlen, i, j;
	unsigned long *map = *(unsigned long **)ctl->data, *tmp;
	size_t words = (nbits + LBITS - 1) / LBITS, off = 0;

	if (!write) {
		if (*ppos) {
			*lenp = 0;
			return 0;
		}
		for (i = 0; i < nbits; i = j + 1) {
			int w;

			if (!lbit_test(map, i)) {
				j = i;
				continue;
			}
			for (j = i; j + 1 < nbits && lbit_test(map, j + 1); j++)
				;
			w = i == j ? snprintf(buf + off, *lenp - off, "%s%lu",
					      off ? "," : "", i)
				   : snprintf(buf + off, *lenp - off,
					      "%s%lu-%lu", off ? "," : "", i,
					      j);
			if (w < 0 || off + (size_t)w + 1 >= *lenp)
				break;
			off += (size_t)w;
		}
		buf[off++] = '\n';
		buf[off] = '\0';
		*lenp = off;
		*ppos += (long)off;
		return 0;
	}
	if (proc_first_pos_non_zero_ignore(ppos, lenp))
		return 0;
	tmp = kzalloc(words * sizeof(*tmp), GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	{
		const char *p = buf;
		size_t left = *lenp;

		while (left) {
			unsigned long a, b;
			char c;

			while (left && *p == '\n') {
				p++;
				left--;
			}
			if (!left)
				break;
			if (lbitmap_get_long(&p, &left, &a, "-,\n", &c) ||
			    a >= nbits)
				goto inval;
			b = a;
			if (c) {
				p++;
				left--;
			}
			if (c == '-') {
				if (!left ||
				    lbitmap_get_long(&p, &left, &b, ",\n",
						     &c) ||
				    b >= nbits || a > b)
					goto inval;
				if (c) {
					p++;
					left--;
				}
			}
			for (i = a; i <= b; i++)
				tmp[i / LBITS] |= 1UL << (i % LBITS);
		}
	}
	memcpy(map, tmp, words * sizeof(*tmp));
	kfree(tmp);
	*ppos += (long)*lenp;
	return 0;
inval:
	kfree(tmp);
	return -EINVAL;
}

/* ---- net.core ---- */

static struct ctl_table netns_core_table[] = {
	{ .procname = "somaxconn",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "netdev_max_backlog",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "rmem_default",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE },
	{ .procname = "wmem_default",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE },
	{ .procname = "rmem_max",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE },
	{ .procname = "wmem_max",
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE },
	{ .procname = "optmem_max", /* charged by igmp.c's memberships */
	  .maxlen = sizeof(int),
	  .mode = 0644,
	  .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{}
};

struct core_sysctl {
	struct ctl_table_header *hdr;
};

static int sysctl_core_net_init(struct net *net)
{
	struct ctl_table *t =
		kmemdup(netns_core_table, sizeof(netns_core_table), GFP_KERNEL);
	struct ctl_table_header *h;

	if (!t)
		return -ENOMEM;
	t[0].data = &net->core.sysctl_somaxconn;
	t[1].data = &net->core.sysctl_netdev_max_backlog;
	t[2].data = &net->core.sysctl_rmem_default;
	t[3].data = &net->core.sysctl_wmem_default;
	t[4].data = &net->core.sysctl_rmem_max;
	t[5].data = &net->core.sysctl_wmem_max;
	t[6].data = &net->core.sysctl_optmem_max;
	/* netdev_max_backlog is global on Linux: the initial namespace's */
	if (net->st->init_net && net->st->init_net != net)
		memmove(&t[1], &t[2],
			sizeof(netns_core_table) - 2 * sizeof(t[0]));
	h = register_net_sysctl(net, "net/core", t);
	if (!h) {
		kfree(t);
		return -ENOMEM;
	}
	h->free_table = true;
	net->sysctls = h;
	return 0;
}

static void sysctl_core_net_exit(struct net *net)
{
	unregister_net_sysctl_table(net->sysctls);
	net->sysctls = NULL;
}

static struct pernet_operations sysctl_core_ops = {
	.init = sysctl_core_net_init,
	.exit = sysctl_core_net_exit,
};

int sysctl_core_init(struct tn_stack *st)
{
	(void)st;
	return register_pernet_subsys(&sysctl_core_ops);
}
