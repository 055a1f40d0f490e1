// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip maddr: the multicast addresses of each device.  As iproute2 6.1 it
 * reads /proc/net/dev_mcast (link), /proc/net/igmp (inet) and
 * /proc/net/igmp6 (inet6, absent here), and adds or deletes link-layer
 * addresses with SIOCADDMULTI / SIOCDELMULTI.
 */
#include <net/if.h> /* before <linux/...>: libc-compat.h */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/sockios.h>

#include <tuxnet/tuxnet.h>

#include "ip_common.h"

static struct {
	const char *dev;
	int family;
} filter;

struct ma_info {
	struct ma_info *next;
	int index;
	int users;
	const char *features;
	char name[IFNAMSIZ + 16];
	int family; /* AF_PACKET, AF_INET, AF_INET6 */
	int len;
	unsigned char data[16];
};

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr, "Usage: ip maddr [ add | del ] MULTIADDR dev STRING\n");
	fprintf(stderr, "       ip maddr show [ dev STRING ]\n");
	exit(-1);
}

/* Pairs of hex digits, as iproute2's parse_hex: -1 on an odd digit. */
static int parse_hex(const char *str, unsigned char *addr, size_t size)
{
	int len = 0;

	while (*str && len < (int)(2 * size)) {
		unsigned int tmp;

		if (str[1] == 0)
			return -1;
		if (sscanf(str, "%02x", &tmp) != 1)
			return -1;
		addr[len] = (unsigned char)tmp;
		len++;
		str += 2;
	}
	return len;
}

/* Keep the list in device index order; equal indexes in reading order. */
static void maddr_ins(struct ma_info **lst, struct ma_info *m)
{
	struct ma_info *mp;

	for (; (mp = *lst) != NULL; lst = &mp->next)
		if (mp->index > m->index)
			break;
	m->next = *lst;
	*lst = m;
}

/* The whole of a /proc file through the API, NUL-terminated; or NULL. */
static char *read_proc(const char *path)
{
	size_t size = 4096, len = 0;
	char *buf = malloc(size);
	int fd = tn_open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0 || !buf) {
		if (fd >= 0)
			tn_close(fd);
		free(buf);
		return NULL;
	}
	while ((n = tn_read(fd, buf + len, size - len - 1)) > 0) {
		len += (size_t)n;
		if (size - len - 1 == 0) {
			char *nb = realloc(buf, size * 2);

			if (!nb)
				break;
			buf = nb;
			size *= 2;
		}
	}
	tn_close(fd);
	buf[len] = '\0';
	return buf;
}

static struct ma_info *ma_copy(const struct ma_info *m)
{
	struct ma_info *ma = malloc(sizeof(*ma));

	if (!ma) {
		perror("malloc");
		exit(1);
	}
	memcpy(ma, m, sizeof(*ma));
	return ma;
}

static void read_dev_mcast(struct ma_info **result_p)
{
	char *text = read_proc("/proc/net/dev_mcast"), *line, *save = NULL;

	if (!text)
		return;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct ma_info m = { .family = AF_PACKET };
		char hexa[256] = "";
		int st = 0;

		if (sscanf(line, "%d%31s%d%d%255s", &m.index, m.name, &m.users,
			   &st, hexa) < 5)
			continue;
		if (filter.dev && strcmp(filter.dev, m.name))
			continue;
		m.len = parse_hex(hexa, m.data, sizeof(m.data));
		if (m.len < 0)
			continue;
		if (st)
			m.features = "static";
		maddr_ins(result_p, ma_copy(&m));
	}
	free(text);
}

static void read_igmp(struct ma_info **result_p)
{
	char *text = read_proc("/proc/net/igmp"), *line, *save = NULL;
	struct ma_info m = { .family = AF_INET, .len = 4 };

	if (!text)
		return;
	line = strtok_r(text, "\n", &save); /* the header */
	while (line && (line = strtok_r(NULL, "\n", &save)) != NULL) {
		unsigned int group;

		if (line[0] != '\t') {
			size_t len;

			if (sscanf(line, "%d%31s", &m.index, m.name) != 2)
				continue;
			len = strlen(m.name);
			if (len && m.name[len - 1] == ':')
				m.name[len - 1] = '\0';
			continue;
		}
		if (filter.dev && strcmp(filter.dev, m.name))
			continue;
		if (sscanf(line, "%08x%d", &group, &m.users) != 2)
			continue;
		/* the kernel prints the address as a host-order word */
		memcpy(m.data, &group, 4);
		maddr_ins(result_p, ma_copy(&m));
	}
	free(text);
}

static void print_maddr(const struct ma_info *ma)
{
	char b[64];

	print_string(PRINT_FP, NULL, "%s", "\t");
	open_json_object(NULL);
	if (ma->family == AF_PACKET) {
		print_string(PRINT_FP, NULL, "%s", "link  ");
		print_color_string(
			PRINT_ANY, COLOR_MAC, "link", "%s",
			ll_addr_n2a(ma->data, ma->len, b, sizeof(b)));
	} else {
		print_string(PRINT_ANY, "family", "%-5s ",
			     ma->family == AF_INET ? "inet" : "inet6");
		print_color_string(
			PRINT_ANY, ifa_family_color(ma->family), "address",
			"%s", format_host(ma->family, ma->data, b, sizeof(b)));
	}
	if (ma->users != 1)
		print_uint(PRINT_ANY, "users", " users %u",
			   (unsigned int)ma->users);
	if (ma->features)
		print_string(PRINT_ANY, "features", " %s", ma->features);
	print_string(PRINT_FP, NULL, "%s", "\n");
	close_json_object();
}

/* One object per device (ifindex, ifname, its "maddr" array), as iproute2. */
static void print_mlist(struct ma_info *list)
{
	int cur_index = 0;
	bool open = false;

	new_json_obj(json);
	for (; list; list = list->next) {
		if (oneline && !json) {
			printf("%d:\t%s%s", list->index, list->name, line_sep);
			print_maddr(list);
			continue;
		}
		if (!open || cur_index != list->index) {
			if (open) {
				close_json_array(PRINT_JSON, NULL);
				close_json_object();
			}
			cur_index = list->index;
			open = true;
			open_json_object(NULL);
			print_int(PRINT_ANY, "ifindex", "%d:", cur_index);
			print_string(PRINT_ANY, "ifname", "\t%s\n", list->name);
			open_json_array(PRINT_JSON, "maddr");
		}
		print_maddr(list);
	}
	if (open) {
		close_json_array(PRINT_JSON, NULL);
		close_json_object();
	}
	delete_json_obj();
}

static int multiaddr_list(int argc, char **argv)
{
	struct ma_info *list = NULL;

	if (!filter.family)
		filter.family = preferred_family;
	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0)
			NEXT_ARG();
		else if (matches(*argv, "help") == 0)
			usage();
		if (filter.dev)
			duparg2("dev", *argv);
		filter.dev = *argv;
		argv++;
		argc--;
	}
	if (!filter.family || filter.family == AF_PACKET)
		read_dev_mcast(&list);
	if (!filter.family || filter.family == AF_INET)
		read_igmp(&list);
	print_mlist(list);
	while (list) {
		struct ma_info *next = list->next;

		free(list);
		list = next;
	}
	return 0;
}

/* iproute2's check_ifname: not empty, shorter than IFNAMSIZ, no '/' */
static int get_ifname(char *buf, const char *name)
{
	if (check_ifname(name))
		return -1;
	memcpy(buf, name, strlen(name) + 1); /* shorter than IFNAMSIZ */
	return 0;
}

/* iproute2's ll_addr_a2n, complaining about the piece that is wrong */
static int maddr_lladdr(unsigned char *lladdr, int len, char *arg)
{
	int i;

	for (i = 0; i < len; i++) {
		unsigned int temp;
		char *cp = strchr(arg, ':');

		if (cp) {
			*cp = 0;
			cp++;
		}
		if (sscanf(arg, "%x", &temp) != 1 || temp > 255) {
			fprintf(stderr, "\"%s\" is invalid lladdr.\n", arg);
			return -1;
		}
		lladdr[i] = (unsigned char)temp;
		if (!cp)
			break;
		arg = cp;
	}
	return i + 1;
}

static int multiaddr_modify(int add, int argc, char **argv)
{
	unsigned long cmd = add ? SIOCADDMULTI : SIOCDELMULTI;
	struct ifreq ifr;
	int fd;

	memset(&ifr, 0, sizeof(ifr));
	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			if (ifr.ifr_name[0])
				duparg("dev", *argv);
			if (get_ifname(ifr.ifr_name, *argv))
				invarg("\"dev\" not a valid ifname", *argv);
		} else {
			if (matches(*argv, "address") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			if (ifr.ifr_hwaddr.sa_data[0])
				duparg("address", *argv);
			/* iproute2 6.1: the complaint, then exit 1 */
			if (maddr_lladdr(
				    (unsigned char *)ifr.ifr_hwaddr.sa_data, 14,
				    *argv) < 0)
				exit(1);
		}
		argc--;
		argv++;
	}
	if (ifr.ifr_name[0] == 0) {
		fprintf(stderr,
			"Not enough information: \"dev\" is required.\n");
		exit(-1);
	}
	fd = tn_socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("Cannot create socket");
		exit(1);
	}
	if (tn_ioctl(fd, cmd, &ifr) != 0) {
		perror("ioctl");
		exit(1);
	}
	tn_close(fd);
	exit(0);
}

int do_multiaddr(int argc, char **argv)
{
	if (argc < 1)
		return multiaddr_list(0, NULL);
	if (matches(*argv, "add") == 0)
		return multiaddr_modify(1, argc - 1, argv + 1);
	if (matches(*argv, "delete") == 0)
		return multiaddr_modify(0, argc - 1, argv + 1);
	if (matches(*argv, "list") == 0 || matches(*argv, "show") == 0 ||
	    matches(*argv, "lst") == 0)
		return multiaddr_list(argc - 1, argv + 1);
	if (matches(*argv, "help") == 0)
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip maddr help\".\n",
		*argv);
	exit(-1);
}
