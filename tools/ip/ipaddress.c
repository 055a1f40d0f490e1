// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip address, and the listing half of ip link: links with their
 * addresses, in iproute2's formats (normal, -br, -s).
 */
#include <net/if.h> /* before <linux/if*.h> */

#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ip_common.h"

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr,
		"Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n"
		"                                                      [ CONFFLAG-LIST ]\n"
		"       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
		"       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
		"                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
		"       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
		"                         [ nomaster ]\n"
		"                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
		"                         [ label LABEL ] [up] [ vrf NAME ] ]\n"
		"       ip address {showdump|restore}\n"
		"IFADDR := PREFIX | ADDR peer PREFIX\n"
		"          [ broadcast ADDR ] [ anycast ADDR ]\n"
		"          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]\n"
		"SCOPE-ID := [ host | link | global | NUMBER ]\n"
		"FLAG-LIST := [ FLAG-LIST ] FLAG\n"
		"FLAG  := [ permanent | dynamic | secondary | primary |\n"
		"           [-]tentative | [-]deprecated | [-]dadfailed | temporary |\n"
		"           CONFFLAG-LIST ]\n"
		"CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG\n"
		"CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]\n"
		"LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]\n"
		"LFT := forever | SECONDS\n"
		"TYPE := { amt | bareudp | bond | bond_slave | bridge | bridge_slave |\n"
		"          dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |\n"
		"          ip6erspan | ip6gre | ip6gretap | ip6tnl |\n"
		"          ipip | ipoib | ipvlan | ipvtap |\n"
		"          macsec | macvlan | macvtap |\n"
		"          netdevsim | nlmon | rmnet | sit | team | team_slave |\n"
		"          vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |\n"
		"          xfrm | virt_wifi }\n");
	exit(-1);
}

/* A copied netlink message in a list. */
struct nlmsg_list {
	struct nlmsg_list *next;
	struct nlmsghdr h;
};

struct nlmsg_chain {
	struct nlmsg_list *head, *tail;
};

static int store_nlmsg(struct nlmsghdr *n, void *arg)
{
	struct nlmsg_chain *c = arg;
	struct nlmsg_list *l;

	l = malloc(sizeof(*l) - sizeof(*n) + n->nlmsg_len);
	if (!l)
		return -1;
	memcpy(&l->h, n, n->nlmsg_len);
	l->next = NULL;
	if (c->tail)
		c->tail->next = l;
	else
		c->head = l;
	c->tail = l;
	return 0;
}

static void free_nlmsg_chain(struct nlmsg_chain *c)
{
	struct nlmsg_list *l, *next;

	for (l = c->head; l; l = next) {
		next = l->next;
		free(l);
	}
	c->head = c->tail = NULL;
}

static struct {
	int ifindex;
	int family;
	int up;
	const char *label;
	unsigned int scope, scopemask;
	unsigned int flags, flagmask;
	inet_prefix pfx; /* "to PREFIX"; pfx.family is 0 without one */
	uint32_t group; /* "group N" (ip link show) */
	int has_group;
	int master; /* "master DEV": its index; "nomaster": -1 */
	const char *kind; /* "type KIND" */
	const char *slave_kind; /* "type KIND_slave" */
} filter;

static const char *const oper_states[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
	"TESTING", "DORMANT",	 "UP",
};

static const char *operstate_name(unsigned int st, char *buf, size_t len)
{
	if (st < sizeof(oper_states) / sizeof(oper_states[0]))
		return oper_states[st];
	(void)snprintf(buf, len, "state %#x", st);
	return buf;
}

static void print_link_flags(FILE *fp, unsigned int flags, int mdown)
{
	static const struct {
		unsigned int flag;
		const char *name;
	} names[] = {
		{ IFF_LOOPBACK, "LOOPBACK" },
		{ IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" },
		{ IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" },
		{ IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_PROMISC, "PROMISC" },
		{ IFF_MASTER, "MASTER" },
		{ IFF_SLAVE, "SLAVE" },
		{ IFF_DEBUG, "DEBUG" },
		{ IFF_DYNAMIC, "DYNAMIC" },
		{ IFF_AUTOMEDIA, "AUTOMEDIA" },
		{ IFF_PORTSEL, "PORTSEL" },
		{ IFF_NOTRAILERS, "NOTRAILERS" },
		{ IFF_UP, "UP" },
		{ IFF_LOWER_UP, "LOWER_UP" },
		{ IFF_DORMANT, "DORMANT" },
		{ IFF_ECHO, "ECHO" },
	};
	unsigned int i;

	(void)fp;
	/* Text: "<A,B,C> "; JSON: "flags": [ "A","B","C" ]. */
	open_json_array(PRINT_ANY, is_json_context() ? "flags" : "<");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING)) {
		flags &= ~IFF_RUNNING;
		print_string(PRINT_ANY, NULL, flags || mdown ? "%s," : "%s",
			     "NO-CARRIER");
	}
	flags &= ~IFF_RUNNING;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & names[i].flag))
			continue;
		flags &= ~names[i].flag;
		print_string(PRINT_ANY, NULL, flags ? "%s," : "%s",
			     names[i].name);
	}
	if (flags)
		print_hex(PRINT_ANY, NULL, "%x", flags);
	if (mdown)
		print_string(PRINT_ANY, NULL, ",%s", "M-DOWN");
	close_json_array(PRINT_ANY, "> ");
}

static const char *ll_type_name(unsigned int type, char *buf, size_t len)
{
	switch (type) {
	case ARPHRD_ETHER:
		return "ether";
	case ARPHRD_LOOPBACK:
		return "loopback";
	case ARPHRD_NONE:
		return "none";
	case ARPHRD_VOID:
		return "void";
	case ARPHRD_TUNNEL:
		return "ipip";
	case ARPHRD_SIT:
		return "sit";
	case ARPHRD_IPGRE:
		return "gre";
	case ARPHRD_IEEE80211:
		return "ieee802.11";
	default:
		(void)snprintf(buf, len, "[%u]", type);
		return buf;
	}
}

/* ---- statistics (ip -s) ---- */

static unsigned int num_width(uint64_t v)
{
	unsigned int w = 1;

	while (v >= 10) {
		v /= 10;
		w++;
	}
	return w;
}

static void size_columns(unsigned int *cols, unsigned int n,
			 const uint64_t *vals)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (num_width(vals[i]) > cols[i])
			cols[i] = num_width(vals[i]);
}

static void print_num(FILE *fp, unsigned int width, uint64_t v)
{
	fprintf(fp, "%*" PRIu64 " ", (int)width, v);
}

static void print_stats64(FILE *fp, const struct rtnl_link_stats64 *s,
			  const struct rtattr *carrier_changes)
{
	unsigned int cols[] = { 10, 7, 6, 7, 7, 7, 10, 9 };
	uint64_t cc = carrier_changes ? rta_getattr_u32(carrier_changes) : 0;
	const uint64_t rx[] = { s->rx_bytes,	     s->rx_packets,
				s->rx_errors,	     s->rx_dropped,
				s->rx_missed_errors, s->multicast,
				s->rx_compressed,    0 };
	const uint64_t rxe[] = { 0,
				 s->rx_length_errors,
				 s->rx_crc_errors,
				 s->rx_frame_errors,
				 s->rx_fifo_errors,
				 s->rx_over_errors,
				 s->rx_nohandler,
				 s->rx_otherhost_dropped };
	const uint64_t tx[] = { s->tx_bytes,	      s->tx_packets,
				s->tx_errors,	      s->tx_dropped,
				s->tx_carrier_errors, s->collisions,
				s->tx_compressed,     0 };
	const uint64_t txe[] = { 0,
				 0,
				 s->tx_aborted_errors,
				 s->tx_fifo_errors,
				 s->tx_window_errors,
				 s->tx_heartbeat_errors,
				 cc,
				 0 };
	unsigned int i;

	size_columns(cols, 8, rx);
	if (show_stats > 1)
		size_columns(cols, 8, rxe);
	size_columns(cols, 8, tx);
	if (show_stats > 1)
		size_columns(cols, 8, txe);

	fprintf(fp, "%s    RX: %*s %*s %*s %*s %*s %*s %*s", line_sep,
		cols[0] - 4, "bytes", cols[1], "packets", cols[2], "errors",
		cols[3], "dropped", cols[4], "missed", cols[5], "mcast",
		cols[6], s->rx_compressed ? "compressed" : "");
	fprintf(fp, "%s    ", line_sep);
	for (i = 0; i < 6; i++)
		print_num(fp, cols[i], rx[i]);
	if (s->rx_compressed)
		print_num(fp, cols[6], s->rx_compressed);
	if (show_stats > 1) {
		fprintf(fp, "%s    RX errors:%*s %*s %*s %*s %*s %*s%*s%*s",
			line_sep, cols[0] - 10, "", cols[1], "length", cols[2],
			"crc", cols[3], "frame", cols[4], "fifo", cols[5],
			"overrun", s->rx_nohandler ? (int)cols[6] + 1 : 0,
			s->rx_nohandler ? " nohandler" : "",
			s->rx_otherhost_dropped ? (int)cols[7] + 1 : 0,
			s->rx_otherhost_dropped ? " otherhost" : "");
		fprintf(fp, "%s%*s", line_sep, cols[0] + 5, "");
		for (i = 1; i < 6; i++)
			print_num(fp, cols[i], rxe[i]);
		if (s->rx_nohandler)
			print_num(fp, cols[6], s->rx_nohandler);
		if (s->rx_otherhost_dropped)
			print_num(fp, cols[7], s->rx_otherhost_dropped);
	}
	fprintf(fp, "%s    TX: %*s %*s %*s %*s %*s %*s %*s", line_sep,
		cols[0] - 4, "bytes", cols[1], "packets", cols[2], "errors",
		cols[3], "dropped", cols[4], "carrier", cols[5], "collsns",
		cols[6], s->tx_compressed ? "compressed" : "");
	fprintf(fp, "%s    ", line_sep);
	for (i = 0; i < 6; i++)
		print_num(fp, cols[i], tx[i]);
	if (s->tx_compressed)
		print_num(fp, cols[6], s->tx_compressed);
	if (show_stats > 1) {
		fprintf(fp, "%s    TX errors:%*s %*s %*s %*s %*s %*s", line_sep,
			cols[0] - 10, "", cols[1], "aborted", cols[2], "fifo",
			cols[3], "window", cols[4], "heartbt", cols[5],
			carrier_changes ? "transns" : "");
		fprintf(fp, "%s%*s", line_sep, cols[0] + 5, "");
		for (i = 2; i < 6; i++)
			print_num(fp, cols[i - 1], txe[i]);
		if (carrier_changes)
			print_num(fp, cols[5], cc);
	}
}

/* ip -j -s: "stats64": { "rx": {...}, "tx": {...} }, more with -s -s. */
static void print_stats64_json(const struct rtnl_link_stats64 *s,
			       const struct rtattr *carrier_changes)
{
	open_json_object("stats64");
	open_json_object("rx");
	print_u64(PRINT_JSON, "bytes", NULL, s->rx_bytes);
	print_u64(PRINT_JSON, "packets", NULL, s->rx_packets);
	print_u64(PRINT_JSON, "errors", NULL, s->rx_errors);
	print_u64(PRINT_JSON, "dropped", NULL, s->rx_dropped);
	print_u64(PRINT_JSON, "over_errors", NULL, s->rx_over_errors);
	print_u64(PRINT_JSON, "multicast", NULL, s->multicast);
	if (s->rx_compressed)
		print_u64(PRINT_JSON, "compressed", NULL, s->rx_compressed);
	if (show_stats > 1) {
		print_u64(PRINT_JSON, "length_errors", NULL,
			  s->rx_length_errors);
		print_u64(PRINT_JSON, "crc_errors", NULL, s->rx_crc_errors);
		print_u64(PRINT_JSON, "frame_errors", NULL, s->rx_frame_errors);
		print_u64(PRINT_JSON, "fifo_errors", NULL, s->rx_fifo_errors);
		print_u64(PRINT_JSON, "missed_errors", NULL,
			  s->rx_missed_errors);
		if (s->rx_nohandler)
			print_u64(PRINT_JSON, "nohandler", NULL,
				  s->rx_nohandler);
		if (s->rx_otherhost_dropped)
			print_u64(PRINT_JSON, "otherhost", NULL,
				  s->rx_otherhost_dropped);
	}
	close_json_object();
	open_json_object("tx");
	print_u64(PRINT_JSON, "bytes", NULL, s->tx_bytes);
	print_u64(PRINT_JSON, "packets", NULL, s->tx_packets);
	print_u64(PRINT_JSON, "errors", NULL, s->tx_errors);
	print_u64(PRINT_JSON, "dropped", NULL, s->tx_dropped);
	print_u64(PRINT_JSON, "carrier_errors", NULL, s->tx_carrier_errors);
	print_u64(PRINT_JSON, "collisions", NULL, s->collisions);
	if (s->tx_compressed)
		print_u64(PRINT_JSON, "compressed", NULL, s->tx_compressed);
	if (show_stats > 1) {
		print_u64(PRINT_JSON, "aborted_errors", NULL,
			  s->tx_aborted_errors);
		print_u64(PRINT_JSON, "fifo_errors", NULL, s->tx_fifo_errors);
		print_u64(PRINT_JSON, "window_errors", NULL,
			  s->tx_window_errors);
		print_u64(PRINT_JSON, "heartbeat_errors", NULL,
			  s->tx_heartbeat_errors);
		if (carrier_changes)
			print_u64(PRINT_JSON, "carrier_changes", NULL,
				  rta_getattr_u32(carrier_changes));
	}
	close_json_object();
	close_json_object();
}

static void print_link_stats(FILE *fp, struct rtattr *tb[])
{
	struct rtnl_link_stats64 s;

	memset(&s, 0, sizeof(s));
	if (tb[IFLA_STATS64]) {
		size_t len = RTA_PAYLOAD(tb[IFLA_STATS64]);

		memcpy(&s, RTA_DATA(tb[IFLA_STATS64]),
		       len < sizeof(s) ? len : sizeof(s));
	} else if (tb[IFLA_STATS]) {
		/* struct rtnl_link_stats: the same counters, 32 bits each */
		uint32_t s32[sizeof(struct rtnl_link_stats) /
			     sizeof(uint32_t)] = { 0 };
		size_t len = RTA_PAYLOAD(tb[IFLA_STATS]);
		uint64_t *dst = (uint64_t *)&s;
		size_t i;

		memcpy(s32, RTA_DATA(tb[IFLA_STATS]),
		       len < sizeof(s32) ? len : sizeof(s32));
		for (i = 0; i < sizeof(s32) / sizeof(s32[0]); i++)
			dst[i] = s32[i];
	} else {
		return;
	}
	if (is_json_context())
		print_stats64_json(&s, tb[IFLA_CARRIER_CHANGES]);
	else
		print_stats64(fp, &s, tb[IFLA_CARRIER_CHANGES]);
}

/* IFLA_AF_SPEC's IPv6 part: "addrgenmode eui64 " (a host stack's). */
static void print_af_spec(struct rtattr *af_spec)
{
	static const char *const modes[] = { "eui64", "none", "stable_secret",
					     "random" };
	struct rtattr *af[AF_INET6 + 1], *in6[IFLA_INET6_MAX + 1];
	unsigned int mode;

	parse_rtattr_nested(af, AF_INET6, af_spec);
	if (!af[AF_INET6])
		return;
	parse_rtattr_nested(in6, IFLA_INET6_MAX, af[AF_INET6]);
	if (!in6[IFLA_INET6_ADDR_GEN_MODE])
		return;
	mode = rta_getattr_u8(in6[IFLA_INET6_ADDR_GEN_MODE]);
	if (mode < sizeof(modes) / sizeof(modes[0])) {
		print_string(PRINT_ANY, "inet6_addr_gen_mode",
			     "addrgenmode %s ", modes[mode]);
	} else {
		char b[8];

		(void)snprintf(b, sizeof(b), "%#.2x", mode);
		print_string(PRINT_ANY, "inet6_addr_gen_mode",
			     "addrgenmode %s ", b);
	}
}

/*
 * ip -d link: the details after the link-layer address, in iproute2's
 * order and spacing (" promiscuity 0  allmulti 0 minmtu ...").  The link
 * kind starts a line of its own.
 */
static void print_link_details(struct rtattr *tb[], int do_link)
{
	static const struct {
		int type;
		const char *key, *fmt;
	} limits[] = {
		{ IFLA_NUM_TX_QUEUES, "num_tx_queues", "numtxqueues %u " },
		{ IFLA_NUM_RX_QUEUES, "num_rx_queues", "numrxqueues %u " },
		{ IFLA_GSO_MAX_SIZE, "gso_max_size", "gso_max_size %u " },
		{ IFLA_GSO_MAX_SEGS, "gso_max_segs", "gso_max_segs %u " },
		{ IFLA_TSO_MAX_SIZE, "tso_max_size", "tso_max_size %u " },
		{ IFLA_TSO_MAX_SEGS, "tso_max_segs", "tso_max_segs %u " },
		{ IFLA_GRO_MAX_SIZE, "gro_max_size", "gro_max_size %u " },
	};
	size_t i;

	if (tb[IFLA_PROMISCUITY])
		print_uint(PRINT_ANY, "promiscuity", " promiscuity %u ",
			   rta_getattr_u32(tb[IFLA_PROMISCUITY]));
	if (tb[IFLA_ALLMULTI])
		print_uint(PRINT_ANY, "allmulti", " allmulti %u ",
			   rta_getattr_u32(tb[IFLA_ALLMULTI]));
	if (tb[IFLA_MIN_MTU])
		print_uint(PRINT_ANY, "min_mtu", "minmtu %u ",
			   rta_getattr_u32(tb[IFLA_MIN_MTU]));
	if (tb[IFLA_MAX_MTU])
		print_uint(PRINT_ANY, "max_mtu", "maxmtu %u ",
			   rta_getattr_u32(tb[IFLA_MAX_MTU]));
	if (tb[IFLA_LINKINFO]) {
		struct rtattr *li[IFLA_INFO_MAX + 1];

		parse_rtattr_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO]);
		if (li[IFLA_INFO_KIND]) {
			open_json_object("linkinfo");
			print_string(PRINT_FP, NULL, "%s", line_sep);
			print_string(PRINT_ANY, "info_kind", "    %s ",
				     rta_getattr_str(li[IFLA_INFO_KIND]));
			close_json_object();
		}
	}
	if (tb[IFLA_AF_SPEC] && do_link) /* not in ip -d addr */
		print_af_spec(tb[IFLA_AF_SPEC]);
	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		if (tb[limits[i].type])
			print_uint(PRINT_ANY, limits[i].key, limits[i].fmt,
				   rta_getattr_u32(tb[limits[i].type]));
}

/* ip -s address: the link's statistics come after its addresses. */
static void print_addr_stats(struct nlmsghdr *n)
{
	struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *tb[IFLA_MAX + 1];
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	parse_rtattr(tb, IFLA_MAX, IFLA_RTA(ifi),
		     (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*ifi)));
	if (is_json_context()) {
		print_link_stats(stdout, tb);
		return;
	}
	fp = open_memstream(&buf, &len);
	if (!fp)
		return;
	print_link_stats(fp, tb);
	(void)fclose(fp);
	if (len > 1)
		printf("%s\n", buf + 1); /* without the leading newline */
	free(buf);
}

/* ---- links ---- */

/*
 * "NAME: " or "NAME@PEER: " (text, @fmt), or "link"/"link_index" and
 * "ifname" (JSON); returns whether the peer is down.
 */
static int print_name_and_link(const char *fmt, struct rtattr *tb[])
{
	const char *name =
		tb[IFLA_IFNAME] ? rta_getattr_str(tb[IFLA_IFNAME]) : "<nil>";
	char buf[2 * IFNAMSIZ + 16];
	int mdown = 0;

	if (tb[IFLA_LINK]) {
		int iflink = (int)rta_getattr_u32(tb[IFLA_LINK]);

		if (!iflink) {
			print_null(PRINT_JSON, "link", NULL, NULL);
			(void)snprintf(buf, sizeof(buf), "%s@NONE", name);
		} else if (tb[IFLA_LINK_NETNSID]) {
			print_int(PRINT_JSON, "link_index", NULL, iflink);
			(void)snprintf(buf, sizeof(buf), "%s@if%d", name,
				       iflink);
		} else {
			print_string(PRINT_JSON, "link", NULL,
				     ll_index_to_name(iflink));
			(void)snprintf(buf, sizeof(buf), "%s@%s", name,
				       ll_index_to_name(iflink));
			mdown = !(ll_index_to_flags(iflink) & IFF_UP);
		}
		if (!is_json_context())
			name = buf;
	}
	print_color_string(PRINT_ANY, COLOR_IFNAME, "ifname", fmt, name);
	return mdown;
}

static void print_link_netns(struct rtattr *rta)
{
	int id = rta_getattr_s32(rta);
	char ns[256];

	if (is_json_context())
		print_int(PRINT_JSON, "link_netnsid", NULL, id);
	else if (id >= 0 && !netns_name_of_nsid(id, ns, sizeof(ns)))
		printf(" link-netns %s", ns);
	else if (id >= 0)
		printf(" link-netnsid %d", id);
	else
		printf(" link-netnsid unknown");
}

static const char *group_name(uint32_t group, char *buf, size_t len)
{
	if (!group)
		return "default";
	(void)snprintf(buf, len, "%d", (int)group);
	return buf;
}

/* One link: 1 if printed. */
static int print_linkinfo(struct nlmsghdr *n, int do_link)
{
	struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *tb[IFLA_MAX + 1];
	char b[64];
	int len = (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*ifi));
	unsigned int flags = ifi->ifi_flags;
	int mdown;

	if (n->nlmsg_type != RTM_NEWLINK || len < 0)
		return 0;
	parse_rtattr(tb, IFLA_MAX, IFLA_RTA(ifi), len);

	if (brief) {
		char name[2 * IFNAMSIZ + 16];

		/* the name is padded as a whole: "v0@v1           " */
		mdown = print_name_and_link(NULL, tb);
		if (!is_json_context()) {
			const char *nm =
				tb[IFLA_IFNAME]
					? rta_getattr_str(tb[IFLA_IFNAME])
					: "<nil>";

			if (tb[IFLA_LINK]) {
				int iflink =
					(int)rta_getattr_u32(tb[IFLA_LINK]);

				if (!iflink)
					(void)snprintf(name, sizeof(name),
						       "%s@NONE", nm);
				else if (tb[IFLA_LINK_NETNSID])
					(void)snprintf(name, sizeof(name),
						       "%s@if%d", nm, iflink);
				else
					(void)snprintf(
						name, sizeof(name), "%s@%s", nm,
						ll_index_to_name(iflink));
			} else {
				(void)snprintf(name, sizeof(name), "%s", nm);
			}
			print_color_string(PRINT_FP, COLOR_IFNAME, NULL,
					   "%-16s ", name);
		}
		if (tb[IFLA_OPERSTATE]) {
			unsigned int st = rta_getattr_u8(tb[IFLA_OPERSTATE]);

			print_color_string(PRINT_ANY, oper_state_color(st),
					   "operstate", "%-14s ",
					   operstate_name(st, b, sizeof(b)));
		}
		if (do_link) {
			if (tb[IFLA_ADDRESS]) {
				char a[128];

				print_color_string(
					PRINT_ANY, COLOR_MAC, "address", "%s ",
					ll_addr_n2a(RTA_DATA(tb[IFLA_ADDRESS]),
						    (int)RTA_PAYLOAD(
							    tb[IFLA_ADDRESS]),
						    a, sizeof(a)));
			}
			print_link_flags(stdout, flags, mdown);
			print_nl();
		}
		return 1;
	}

	print_int(PRINT_ANY, "ifindex", "%d: ", ifi->ifi_index);
	mdown = print_name_and_link("%s: ", tb);
	print_link_flags(stdout, flags, mdown);
	if (tb[IFLA_MTU])
		print_uint(PRINT_ANY, "mtu", "mtu %u ",
			   rta_getattr_u32(tb[IFLA_MTU]));
	if (tb[IFLA_QDISC])
		print_string(PRINT_ANY, "qdisc", "qdisc %s ",
			     rta_getattr_str(tb[IFLA_QDISC]));
	if (tb[IFLA_MASTER])
		print_string(PRINT_ANY, "master", "master %s ",
			     ll_index_to_name(
				     (int)rta_getattr_u32(tb[IFLA_MASTER])));
	if (tb[IFLA_OPERSTATE]) {
		unsigned int st = rta_getattr_u8(tb[IFLA_OPERSTATE]);

		print_string(PRINT_JSON, "operstate", NULL,
			     operstate_name(st, b, sizeof(b)));
		print_string(PRINT_FP, NULL, "%s", "state ");
		print_color_string(PRINT_FP, oper_state_color(st), NULL, "%s ",
				   operstate_name(st, b, sizeof(b)));
	}
	if (do_link && tb[IFLA_LINKMODE]) {
		static const char *const modes[] = { "DEFAULT", "DORMANT",
						     "TESTING" };
		unsigned int m = rta_getattr_u8(tb[IFLA_LINKMODE]);

		if (m < 3)
			print_string(PRINT_ANY, "linkmode", "mode %s ",
				     modes[m]);
		else
			print_uint(PRINT_ANY, "linkmode", "mode %u ", m);
	}
	if (tb[IFLA_GROUP])
		print_string(PRINT_ANY, "group", "group %s ",
			     group_name(rta_getattr_u32(tb[IFLA_GROUP]), b,
					sizeof(b)));
	/* no "qlen 0" (a device without a queue) */
	if (tb[IFLA_TXQLEN] && rta_getattr_u32(tb[IFLA_TXQLEN]))
		print_uint(PRINT_ANY, "txqlen", "qlen %u",
			   rta_getattr_u32(tb[IFLA_TXQLEN]));

	if (filter.family && filter.family != AF_PACKET)
		goto skip_ll;
	print_string(PRINT_FP, NULL, "%s", line_sep);
	print_string(PRINT_ANY, "link_type", "    link/%s ",
		     ll_type_name(ifi->ifi_type, b, sizeof(b)));
	if (tb[IFLA_ADDRESS]) {
		char a[128];

		print_color_string(
			PRINT_ANY, COLOR_MAC, "address", "%s",
			ll_addr_n2a(RTA_DATA(tb[IFLA_ADDRESS]),
				    (int)RTA_PAYLOAD(tb[IFLA_ADDRESS]), a,
				    sizeof(a)));
		if (tb[IFLA_BROADCAST]) {
			if (flags & IFF_POINTOPOINT) {
				print_string(PRINT_FP, NULL, " peer ", NULL);
				print_bool(PRINT_JSON, "link_pointtopoint",
					   NULL, true);
			} else {
				print_string(PRINT_FP, NULL, " brd ", NULL);
			}
			print_color_string(
				PRINT_ANY, COLOR_MAC, "broadcast", "%s",
				ll_addr_n2a(
					RTA_DATA(tb[IFLA_BROADCAST]),
					(int)RTA_PAYLOAD(tb[IFLA_BROADCAST]), a,
					sizeof(a)));
		}
	}
	if (tb[IFLA_LINK_NETNSID])
		print_link_netns(tb[IFLA_LINK_NETNSID]);
	if (tb[IFLA_PROTO_DOWN] && rta_getattr_u8(tb[IFLA_PROTO_DOWN]))
		print_bool(PRINT_ANY, "proto_down", " protodown on ", true);
	if (show_details)
		print_link_details(tb, do_link);
	if ((do_link || show_details) && tb[IFLA_IFALIAS]) {
		print_string(PRINT_FP, NULL, "%s", line_sep);
		print_string(PRINT_ANY, "ifalias", "    alias %s",
			     rta_getattr_str(tb[IFLA_IFALIAS]));
	}
	if (show_stats && do_link)
		print_link_stats(stdout, tb);
	goto done;
skip_ll:
	if (tb[IFLA_LINK_NETNSID])
		print_link_netns(tb[IFLA_LINK_NETNSID]);
done:
	print_nl();
	return 1;
}

/* ---- addresses ---- */

/* Address flags by name: printed after the scope, and usable as filters. */
static const struct {
	const char *name;
	unsigned int mask;
} ifa_flag_names[] = {
	{ "secondary", IFA_F_SECONDARY },
	{ "temporary", IFA_F_SECONDARY },
	{ "nodad", IFA_F_NODAD },
	{ "optimistic", IFA_F_OPTIMISTIC },
	{ "dadfailed", IFA_F_DADFAILED },
	{ "home", IFA_F_HOMEADDRESS },
	{ "deprecated", IFA_F_DEPRECATED },
	{ "tentative", IFA_F_TENTATIVE },
	{ "permanent", IFA_F_PERMANENT },
	{ "mngtmpaddr", IFA_F_MANAGETEMPADDR },
	{ "noprefixroute", IFA_F_NOPREFIXROUTE },
	{ "autojoin", IFA_F_MCAUTOJOIN },
	{ "stable-privacy", IFA_F_STABLE_PRIVACY },
};

#define N_IFA_FLAG_NAMES (sizeof(ifa_flag_names) / sizeof(ifa_flag_names[0]))

static void print_ifa_flags(unsigned int flags, int family)
{
	unsigned int i;

	for (i = 0; i < N_IFA_FLAG_NAMES; i++) {
		unsigned int mask = ifa_flag_names[i].mask;

		if (mask == IFA_F_PERMANENT) {
			if (!(flags & mask))
				print_bool(PRINT_ANY, "dynamic", "dynamic ",
					   true);
		} else if (flags & mask) {
			if (mask == IFA_F_SECONDARY && family == AF_INET6) {
				print_bool(PRINT_ANY, "temporary", "temporary ",
					   true);
			} else {
				print_string(PRINT_FP, NULL, "%s ",
					     ifa_flag_names[i].name);
				print_bool(PRINT_JSON, ifa_flag_names[i].name,
					   NULL, true);
			}
		}
		flags &= ~mask;
	}
	if (flags) {
		char b[16];

		(void)snprintf(b, sizeof(b), "%02x", flags);
		print_string(PRINT_JSON, "ifa_flags", NULL, b);
		print_string(PRINT_FP, NULL, "flags %s ", b);
	}
}

/*
 * A FLAG of "ip address show": 0 if @arg is one, -1 if not.  A leading
 * '-' inverts it; "dynamic" is "-permanent" and "primary" "-secondary",
 * so "-dynamic" and "-primary" work too.
 */
static int get_filter(const char *arg)
{
	bool inv = false;
	unsigned int i;

	if (*arg == '-') {
		inv = true;
		arg++;
	}
	if (strcmp(arg, "dynamic") == 0) {
		inv = !inv;
		arg = "permanent";
	} else if (strcmp(arg, "primary") == 0) {
		inv = !inv;
		arg = "secondary";
	}
	for (i = 0; i < N_IFA_FLAG_NAMES; i++) {
		if (strcmp(arg, ifa_flag_names[i].name))
			continue;
		if (inv)
			filter.flags &= ~ifa_flag_names[i].mask;
		else
			filter.flags |= ifa_flag_names[i].mask;
		filter.flagmask |= ifa_flag_names[i].mask;
		return 0;
	}
	return -1;
}

/*
 * The IPv6-only flags of "ip address add": set for an IPv6 address, else
 * a warning (the address is added without).  True if @arg is one.
 */
static bool v6_only_flag(const char *arg, int family, unsigned int *flags)
{
	static const struct {
		const char *name;
		unsigned int mask;
	} v6[] = {
		{ "home", IFA_F_HOMEADDRESS },
		{ "nodad", IFA_F_NODAD },
		{ "mngtmpaddr", IFA_F_MANAGETEMPADDR },
		{ "optimistic", IFA_F_OPTIMISTIC },
	};
	unsigned int i;

	for (i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		if (strcmp(arg, v6[i].name))
			continue;
		if (family == AF_INET6)
			*flags |= v6[i].mask;
		else
			fprintf(stderr,
				"Warning: %s option can be set only for IPv6 addresses\n",
				arg);
		return true;
	}
	return false;
}

/* "valid_lft forever" / "valid_lft 30sec"; JSON: "valid_life_time": N */
static void print_lft(const char *name, const char *key, uint32_t v)
{
	print_string(PRINT_FP, NULL, "%s ", name);
	if (v == 0xFFFFFFFFU) {
		print_uint(PRINT_JSON, key, NULL, v);
		print_string(PRINT_FP, NULL, "%s", "forever");
	} else {
		print_uint(PRINT_ANY, key, "%usec", v);
	}
}

static void print_addrinfo(struct nlmsghdr *n)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(n);
	int len = (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*ifa));
	struct rtattr *tb[IFA_MAX + 1];
	enum color_attr color = ifa_family_color(ifa->ifa_family);
	unsigned int flags;
	char a[64], b[64];

	parse_rtattr(tb, IFA_MAX, IFA_RTA(ifa), len);
	flags = tb[IFA_FLAGS] ? rta_getattr_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	/* IPv6 sends IFA_ADDRESS alone: it is the local address too */
	if (!tb[IFA_LOCAL])
		tb[IFA_LOCAL] = tb[IFA_ADDRESS];
	if (!tb[IFA_ADDRESS])
		tb[IFA_ADDRESS] = tb[IFA_LOCAL];

	if (!brief && oneline) {
		print_int(PRINT_JSON, "index", NULL, (int)ifa->ifa_index);
		print_string(PRINT_JSON, "dev", NULL,
			     ll_index_to_name((int)ifa->ifa_index));
		if (!is_json_context())
			printf("%u: %s", ifa->ifa_index,
			       ll_index_to_name((int)ifa->ifa_index));
	}
	if (!brief)
		print_string(PRINT_ANY, "family", "    %s ",
			     ifa->ifa_family == AF_INET6  ? "inet6"
			     : ifa->ifa_family == AF_INET ? "inet"
							  : "unknown");
	if (tb[IFA_LOCAL]) {
		print_color_string(PRINT_ANY, color, "local", "%s",
				   format_host(ifa->ifa_family,
					       RTA_DATA(tb[IFA_LOCAL]), a,
					       sizeof(a)));
		if (tb[IFA_ADDRESS] &&
		    memcmp(RTA_DATA(tb[IFA_LOCAL]), RTA_DATA(tb[IFA_ADDRESS]),
			   RTA_PAYLOAD(tb[IFA_LOCAL]))) {
			print_string(PRINT_FP, NULL, " %s ", "peer");
			print_color_string(
				PRINT_ANY, color, "address", "%s",
				format_host(ifa->ifa_family,
					    RTA_DATA(tb[IFA_ADDRESS]), a,
					    sizeof(a)));
		}
	} else if (tb[IFA_ADDRESS]) {
		print_color_string(PRINT_ANY, color, "address", "%s",
				   format_host(ifa->ifa_family,
					       RTA_DATA(tb[IFA_ADDRESS]), a,
					       sizeof(a)));
	}
	print_int(PRINT_ANY, "prefixlen", "/%d ", ifa->ifa_prefixlen);
	if (brief)
		return;
	if (tb[IFA_BROADCAST]) {
		print_string(PRINT_FP, NULL, "%s ", "brd");
		print_color_string(PRINT_ANY, color, "broadcast", "%s ",
				   format_host(ifa->ifa_family,
					       RTA_DATA(tb[IFA_BROADCAST]), a,
					       sizeof(a)));
	}
	if (tb[IFA_ANYCAST]) {
		print_string(PRINT_FP, NULL, "%s ", "any");
		print_color_string(PRINT_ANY, color, "anycast", "%s ",
				   format_host(ifa->ifa_family,
					       RTA_DATA(tb[IFA_ANYCAST]), a,
					       sizeof(a)));
	}
	print_string(PRINT_ANY, "scope", "scope %s ",
		     rtnl_rtscope_n2a(ifa->ifa_scope, b, sizeof(b)));
	print_ifa_flags(flags, ifa->ifa_family);
	if (tb[IFA_LABEL])
		print_string(PRINT_ANY, "label", "%s",
			     rta_getattr_str(tb[IFA_LABEL]));
	if (tb[IFA_RT_PRIORITY])
		print_uint(PRINT_ANY, "metric", "metric %u ",
			   rta_getattr_u32(tb[IFA_RT_PRIORITY]));
	if (tb[IFA_CACHEINFO]) {
		struct ifa_cacheinfo ci;

		memcpy(&ci, RTA_DATA(tb[IFA_CACHEINFO]), sizeof(ci));
		print_string(PRINT_FP, NULL, "%s", line_sep);
		print_string(PRINT_FP, NULL, "%s", "      ");
		print_lft(" valid_lft", "valid_life_time", ci.ifa_valid);
		print_lft(" preferred_lft", "preferred_life_time",
			  ci.ifa_prefered);
	}
	print_nl();
}

static int addr_matches(struct nlmsghdr *n)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(n);
	struct rtattr *tb[IFA_MAX + 1], *local;
	unsigned int flags;

	if (n->nlmsg_type != RTM_NEWADDR ||
	    n->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa)))
		return 0;
	if (filter.family && filter.family != AF_PACKET &&
	    ifa->ifa_family != filter.family)
		return 0;
	if (filter.ifindex && (int)ifa->ifa_index != filter.ifindex)
		return 0;
	if ((filter.scope ^ ifa->ifa_scope) & filter.scopemask)
		return 0;
	parse_rtattr(tb, IFA_MAX, IFA_RTA(ifa),
		     (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*ifa)));
	flags = tb[IFA_FLAGS] ? rta_getattr_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	if ((filter.flags ^ flags) & filter.flagmask)
		return 0;
	if (filter.label) {
		const char *label =
			tb[IFA_LABEL] ? rta_getattr_str(tb[IFA_LABEL])
				      : ll_index_to_name((int)ifa->ifa_index);

		if (fnmatch(filter.label, label, 0))
			return 0;
	}
	local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (filter.pfx.family && local) {
		inet_prefix dst = { .family = ifa->ifa_family };
		size_t len = RTA_PAYLOAD(local);

		memcpy(dst.data, RTA_DATA(local),
		       len < sizeof(dst.data) ? len : sizeof(dst.data));
		if (inet_addr_match(&dst, &filter.pfx, filter.pfx.bitlen))
			return 0;
	}
	return 1;
}

/* "up", "group N", "master DEV" and "type KIND" hide a link (and its
 * addresses), as iproute2's print_linkinfo() filters. */
static int link_hidden(struct nlmsghdr *n)
{
	struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *tb[IFLA_MAX + 1];

	if (filter.up && !(ifi->ifi_flags & IFF_UP))
		return 1;
	parse_rtattr(tb, IFLA_MAX, IFLA_RTA(ifi),
		     (int)n->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*ifi)));
	if (filter.has_group &&
	    (!tb[IFLA_GROUP] ||
	     rta_getattr_u32(tb[IFLA_GROUP]) != filter.group))
		return 1;
	if (filter.master > 0 && tb[IFLA_MASTER] &&
	    (int)rta_getattr_u32(tb[IFLA_MASTER]) != filter.master)
		return 1;
	if (filter.kind || filter.slave_kind) {
		struct rtattr *li[IFLA_INFO_MAX + 1];
		int slave = !filter.kind;
		const char *want = slave ? filter.slave_kind : filter.kind;
		struct rtattr *k;

		if (!tb[IFLA_LINKINFO])
			return 1;
		parse_rtattr_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO]);
		k = li[slave ? IFLA_INFO_SLAVE_KIND : IFLA_INFO_KIND];
		if (!k || strcmp(rta_getattr_str(k), want) != 0)
			return 1;
	}
	return 0;
}

/* ip address show drops a link none of whose addresses match, unless it
 * has none at all and no family was asked for. */
static int link_wanted(const struct ifinfomsg *ifi,
		       const struct nlmsg_chain *addrs)
{
	const struct nlmsg_list *a;
	int any = 0;

	for (a = addrs->head; a; a = a->next) {
		struct ifaddrmsg *ifa = NLMSG_DATA(&a->h);

		if ((int)ifa->ifa_index != ifi->ifi_index)
			continue;
		any = 1;
		if (addr_matches((struct nlmsghdr *)&a->h))
			return 1;
	}
	return !any && (!filter.family || filter.family == AF_PACKET);
}

static int dump_links(struct nlmsg_chain *links)
{
	struct {
		struct nlmsghdr n;
		struct ifinfomsg ifi;
		char buf[256];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		.n.nlmsg_type = RTM_GETLINK,
	};

	addattr32(&req.n, sizeof(req), IFLA_EXT_MASK, RTEXT_FILTER_VF);
	/* the kernel filters too, as iproute2 asks it to */
	if (filter.master)
		addattr32(&req.n, sizeof(req), IFLA_MASTER,
			  (uint32_t)filter.master);
	if (filter.kind || filter.slave_kind) {
		struct rtattr *li =
			addattr_nest(&req.n, sizeof(req), IFLA_LINKINFO);

		if (filter.kind)
			addattr_l(&req.n, sizeof(req), IFLA_INFO_KIND,
				  filter.kind, strlen(filter.kind));
		else
			addattr_l(&req.n, sizeof(req), IFLA_INFO_SLAVE_KIND,
				  filter.slave_kind, strlen(filter.slave_kind));
		addattr_nest_end(&req.n, li);
	}
	return rtnl_dump(&rth, &req.n, store_nlmsg, links);
}

static int dump_addrs(struct nlmsg_chain *addrs, int family)
{
	struct {
		struct nlmsghdr n;
		struct ifaddrmsg ifa;
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg)),
		.n.nlmsg_type = RTM_GETADDR,
		.ifa.ifa_family = (unsigned char)family,
	};

	return rtnl_dump(&rth, &req.n, store_nlmsg, addrs);
}

static int ipaddr_flush(void)
{
	int round;

	for (round = 0; !max_flush_loops || round < max_flush_loops; round++) {
		struct nlmsg_chain addrs = { 0 };
		struct nlmsg_list *l;
		int found = 0;

		if (dump_addrs(&addrs, filter.family == AF_PACKET
					       ? AF_UNSPEC
					       : filter.family) < 0) {
			perror("Cannot send dump request");
			return -2;
		}
		for (l = addrs.head; l; l = l->next) {
			if (!addr_matches(&l->h))
				continue;
			found++;
			l->h.nlmsg_type = RTM_DELADDR;
			l->h.nlmsg_flags = NLM_F_REQUEST;
			rtnl_talk_quiet(&rth, &l->h, NULL);
		}
		free_nlmsg_chain(&addrs);
		if (!found)
			return 0;
	}
	fprintf(stderr, "*** Flush remains incomplete after %d rounds. ***\n",
		max_flush_loops);
	return 1;
}

/* The selectors of "ip address show|flush" into filter; the device named. */
static const char *ipaddr_filter_parse(int argc, char **argv)
{
	const char *filter_dev = NULL;

	while (argc > 0) {
		if (strcmp(*argv, "to") == 0) {
			NEXT_ARG();
			if (get_prefix(&filter.pfx, *argv, filter.family))
				prefix_error("prefix", *argv);
			if (filter.family == AF_UNSPEC)
				filter.family = filter.pfx.family;
		} else if (strcmp(*argv, "scope") == 0) {
			uint32_t scope = 0;

			NEXT_ARG();
			filter.scopemask = ~0U;
			if (rtnl_rtscope_a2n(&scope, *argv)) {
				if (strcmp(*argv, "all") != 0)
					invarg("invalid \"scope\"\n", *argv);
				scope = RT_SCOPE_NOWHERE;
				filter.scopemask = 0;
			}
			filter.scope = scope;
		} else if (strcmp(*argv, "up") == 0) {
			filter.up = 1;
		} else if (get_filter(*argv) == 0) {
			/* a FLAG */
		} else if (strcmp(*argv, "label") == 0) {
			NEXT_ARG();
			filter.label = *argv;
		} else if (strcmp(*argv, "group") == 0) {
			NEXT_ARG();
			if (link_group_a2n(&filter.group, *argv))
				invarg("Invalid \"group\" value\n", *argv);
			filter.has_group = 1;
		} else if (strcmp(*argv, "master") == 0) {
			NEXT_ARG();
			filter.master = ll_name_to_index(*argv);
			if (!filter.master)
				invarg("Device does not exist\n", *argv);
		} else if (strcmp(*argv, "vrf") == 0) {
			/* tuxnet has no VRF device: no name is one */
			NEXT_ARG();
			invarg("Not a valid VRF name\n", *argv);
		} else if (strcmp(*argv, "nomaster") == 0) {
			filter.master = -1;
		} else if (strcmp(*argv, "type") == 0) {
			size_t len;

			NEXT_ARG();
			len = strlen(*argv);
			if (len >= 6 && !strcmp(*argv + len - 6, "_slave")) {
				(*argv)[len - 6] = '\0';
				filter.slave_kind = *argv;
			} else {
				filter.kind = *argv;
			}
		} else {
			if (strcmp(*argv, "dev") == 0)
				NEXT_ARG();
			else if (matches(*argv, "help") == 0)
				usage();
			if (filter_dev)
				duparg2("dev", *argv);
			filter_dev = *argv;
		}
		argv++;
		argc--;
	}
	return filter_dev;
}

static int ipaddr_list_flush(int argc, char **argv, int do_link, int flush)
{
	struct nlmsg_chain links = { 0 }, addrs = { 0 };
	struct nlmsg_list *l, *a;
	const char *filter_dev = NULL;

	memset(&filter, 0, sizeof(filter));
	filter.family = preferred_family;
	/* iproute2's do_link stays set once a link listing ran: later
	 * "address show" lines of a batch list links too. */
	do_link |= link_listed;

	if (flush && argc <= 0) {
		fprintf(stderr, "Flush requires arguments.\n");
		return -1;
	}
	filter_dev = ipaddr_filter_parse(argc, argv);
	if (filter_dev) {
		filter.ifindex = ll_name_to_index(filter_dev);
		if (filter.ifindex <= 0) {
			fprintf(stderr, "Device \"%s\" does not exist.\n",
				filter_dev);
			return -1;
		}
	}
	if (flush)
		return ipaddr_flush();

	if (dump_links(&links) < 0) {
		perror("Cannot send dump request");
		exit(1);
	}
	new_json_obj(json);
	for (l = links.head; l; l = l->next) {
		struct ifinfomsg *ifi = NLMSG_DATA(&l->h);
		struct rtattr *tb[IFLA_MAX + 1];

		parse_rtattr(tb, IFLA_MAX, IFLA_RTA(ifi),
			     (int)l->h.nlmsg_len -
				     (int)NLMSG_LENGTH(sizeof(*ifi)));
		if (tb[IFLA_IFNAME])
			ll_remember(ifi->ifi_index,
				    rta_getattr_str(tb[IFLA_IFNAME]),
				    ifi->ifi_flags);
	}
	if (!do_link && dump_addrs(&addrs, filter.family == AF_PACKET
						   ? AF_UNSPEC
						   : filter.family) < 0) {
		perror("Cannot send dump request");
		exit(1);
	}

	for (l = links.head; l; l = l->next) {
		struct ifinfomsg *ifi = NLMSG_DATA(&l->h);
		int printed = 0, no_link = 0;

		if (filter.ifindex && ifi->ifi_index != filter.ifindex)
			continue;
		if (!do_link && filter.family != AF_PACKET &&
		    !link_wanted(ifi, &addrs))
			continue;
		if (link_hidden(&l->h)) {
			/* iproute2 filters these while printing, inside the
			 * link's JSON object: an empty one is left. */
			open_json_object(NULL);
			close_json_object();
			continue;
		}
		open_json_object(NULL);
		/* "label": iproute2 6.1's print_linkinfo prints nothing of
		 * the link (with -br and -j too), only its addresses */
		if (filter.label)
			no_link = 1;
		if (!do_link && oneline && !brief)
			no_link = 1;
		if (!no_link)
			printed = print_linkinfo(&l->h, do_link);
		if (do_link) {
			close_json_object();
			continue;
		}
		/* -0 (-family link): the links only */
		if (filter.family != AF_PACKET)
			open_json_array(PRINT_JSON, "addr_info");
		for (a = addrs.head; a && filter.family != AF_PACKET;
		     a = a->next) {
			struct ifaddrmsg *ifa = NLMSG_DATA(&a->h);

			/* iproute2 opens an object for each of the link's
			 * addresses of the family and fills the ones the
			 * other filters keep: "{}" in JSON for the rest */
			if ((int)ifa->ifa_index != ifi->ifi_index ||
			    (filter.family && ifa->ifa_family != filter.family))
				continue;
			open_json_object(NULL);
			if (addr_matches(&a->h))
				print_addrinfo(&a->h);
			close_json_object();
		}
		if (filter.family != AF_PACKET)
			close_json_array(PRINT_JSON, NULL);
		if (brief)
			print_nl();
		else if (show_stats && printed)
			print_addr_stats(&l->h);
		close_json_object();
	}
	delete_json_obj();
	free_nlmsg_chain(&links);
	free_nlmsg_chain(&addrs);
	(void)fflush(stdout);
	return 0;
}

int ipaddr_list_link(int argc, char **argv)
{
	preferred_family = AF_PACKET;
	link_listed = 1;
	return ipaddr_list_flush(argc, argv, 1, 0);
}

static int set_lifetime(uint32_t *lifetime, const char *arg)
{
	if (strcmp(arg, "forever") == 0)
		*lifetime = 0xFFFFFFFFU;
	else if (get_u32(lifetime, arg, 0))
		return -1;
	return 0;
}

static int default_scope(const inet_prefix *lcl)
{
	if (lcl->family == AF_INET && lcl->bytelen >= 1 && lcl->data[0] == 127)
		return RT_SCOPE_HOST;
	return 0;
}

/*
 * "broadcast +" (@brd_len -1) or "-" (-2): the host bits of @peer, the
 * address, all set or all clear; the request's family and prefix length
 * are final.
 */
static int ipaddr_brd_derive(struct nlmsghdr *n, size_t maxlen,
			     inet_prefix *peer, int brd_len)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(n);
	int i;

	if (ifa->ifa_family != AF_INET) {
		fprintf(stderr,
			"Broadcast can be set only for IPv4 addresses\n");
		return -1;
	}
	for (i = 31; i >= ifa->ifa_prefixlen; i--) {
		if (brd_len == -1)
			peer->data[i / 8] |= (uint8_t)(0x80 >> (i % 8));
		else
			peer->data[i / 8] &= (uint8_t) ~(0x80 >> (i % 8));
	}
	addattr_l(n, maxlen, IFA_BROADCAST, peer->data, 4);
	return 0;
}

/* valid_lft and preferred_lft, checked as iproute2 checks them. */
static int ipaddr_add_cacheinfo(struct nlmsghdr *n, size_t maxlen,
				uint32_t valid_lft, uint32_t preferred_lft)
{
	struct ifa_cacheinfo cinfo = {
		.ifa_prefered = preferred_lft,
		.ifa_valid = valid_lft,
	};

	if (!valid_lft) {
		fprintf(stderr, "valid_lft is zero\n");
		return -1;
	}
	if (valid_lft < preferred_lft) {
		fprintf(stderr, "preferred_lft is greater than valid_lft\n");
		return -1;
	}
	addattr_l(n, maxlen, IFA_CACHEINFO, &cinfo, sizeof(cinfo));
	return 0;
}

static int ipaddr_modify(int cmd, int flags, int argc, char **argv)
{
	struct {
		struct nlmsghdr n;
		struct ifaddrmsg ifa;
		char buf[256];
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg)),
		.n.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags),
		.n.nlmsg_type = (uint16_t)cmd,
		.ifa.ifa_family = (unsigned char)preferred_family,
	};
	const char *d = NULL, *l = NULL;
	inet_prefix lcl = { 0 }, peer = { 0 };
	int local_len = 0, peer_len = 0, brd_len = 0, scoped = 0;
	int lcl_has_len = 0;
	const char *lcl_arg = NULL;
	const char *valid_lftp = NULL, *preferred_lftp = NULL;
	uint32_t valid_lft = 0xFFFFFFFFU, preferred_lft = 0xFFFFFFFFU;
	unsigned int ifa_flags = 0;

	while (argc > 0) {
		if (strcmp(*argv, "peer") == 0 ||
		    strcmp(*argv, "remote") == 0) {
			NEXT_ARG();
			if (peer_len)
				duparg("peer", *argv);
			if (get_prefix(&peer, *argv, req.ifa.ifa_family))
				prefix_error("prefix", *argv);
			if (req.ifa.ifa_family == AF_UNSPEC)
				req.ifa.ifa_family = (unsigned char)peer.family;
			addattr_l(&req.n, sizeof(req), IFA_ADDRESS, peer.data,
				  peer.bytelen);
			peer_len = peer.bytelen;
			req.ifa.ifa_prefixlen = (unsigned char)peer.bitlen;
		} else if (matches(*argv, "broadcast") == 0 ||
			   strcmp(*argv, "brd") == 0) {
			inet_prefix addr;

			NEXT_ARG();
			if (brd_len)
				duparg("broadcast", *argv);
			if (strcmp(*argv, "+") == 0) {
				brd_len = -1;
			} else if (strcmp(*argv, "-") == 0) {
				brd_len = -2;
			} else {
				if (get_addr(&addr, *argv, req.ifa.ifa_family))
					prefix_error("address", *argv);
				if (req.ifa.ifa_family == AF_UNSPEC)
					req.ifa.ifa_family =
						(unsigned char)addr.family;
				addattr_l(&req.n, sizeof(req), IFA_BROADCAST,
					  addr.data, addr.bytelen);
				brd_len = addr.bytelen;
			}
		} else if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			d = *argv;
		} else if (strcmp(*argv, "label") == 0) {
			NEXT_ARG();
			l = *argv;
			addattr_strz(&req.n, sizeof(req), IFA_LABEL, l);
		} else if (matches(*argv, "scope") == 0) {
			uint32_t scope = 0;

			NEXT_ARG();
			if (rtnl_rtscope_a2n(&scope, *argv))
				invarg("invalid scope value.", *argv);
			req.ifa.ifa_scope = (unsigned char)scope;
			scoped = 1;
		} else if (matches(*argv, "valid_lft") == 0) {
			if (valid_lftp)
				duparg("valid_lft", *argv);
			NEXT_ARG();
			valid_lftp = *argv;
			if (set_lifetime(&valid_lft, *argv))
				invarg("valid_lft value", *argv);
		} else if (matches(*argv, "preferred_lft") == 0) {
			if (preferred_lftp)
				duparg("preferred_lft", *argv);
			NEXT_ARG();
			preferred_lftp = *argv;
			if (set_lifetime(&preferred_lft, *argv))
				invarg("preferred_lft value", *argv);
		} else if (v6_only_flag(*argv, req.ifa.ifa_family,
					&ifa_flags)) {
			/* home, nodad, mngtmpaddr, optimistic */
		} else if (strcmp(*argv, "noprefixroute") == 0) {
			ifa_flags |= IFA_F_NOPREFIXROUTE;
		} else if (strcmp(*argv, "autojoin") == 0) {
			ifa_flags |= IFA_F_MCAUTOJOIN;
		} else {
			if (matches(*argv, "local") == 0)
				NEXT_ARG();
			if (matches(*argv, "help") == 0)
				usage();
			if (local_len)
				duparg2("local", *argv);
			if (get_prefix(&lcl, *argv, req.ifa.ifa_family))
				prefix_error("prefix", *argv);
			lcl_arg = *argv;
			lcl_has_len = strchr(*argv, '/') != NULL;
			if (req.ifa.ifa_family == AF_UNSPEC)
				req.ifa.ifa_family = (unsigned char)lcl.family;
			addattr_l(&req.n, sizeof(req), IFA_LOCAL, lcl.data,
				  lcl.bytelen);
			local_len = lcl.bytelen;
		}
		argc--;
		argv++;
	}
	if (ifa_flags <= 0xff)
		req.ifa.ifa_flags = (unsigned char)ifa_flags;
	else
		addattr32(&req.n, sizeof(req), IFA_FLAGS, ifa_flags);
	if (!d) {
		fprintf(stderr,
			"Not enough information: \"dev\" argument is required.\n");
		return -1;
	}
	if (l && strncmp(d, l, strlen(d)) != 0) {
		fprintf(stderr, "\"dev\" (%s) must match \"label\" (%s).\n", d,
			l);
		return -1;
	}
	if (peer_len == 0 && local_len) {
		if (cmd == RTM_DELADDR && lcl.family == AF_INET &&
		    !lcl_has_len) {
			fprintf(stderr,
				"Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
				"         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"
				"         This special behaviour is likely to disappear in further releases,\n"
				"         fix your scripts!\n",
				lcl_arg, lcl.bitlen);
		} else {
			peer = lcl;
			addattr_l(&req.n, sizeof(req), IFA_ADDRESS, lcl.data,
				  lcl.bytelen);
		}
	}
	if (req.ifa.ifa_prefixlen == 0)
		req.ifa.ifa_prefixlen = (unsigned char)lcl.bitlen;
	if (brd_len < 0 && cmd != RTM_DELADDR &&
	    ipaddr_brd_derive(&req.n, sizeof(req), &peer, brd_len))
		return -1;
	if (!scoped && cmd != RTM_DELADDR)
		req.ifa.ifa_scope = (unsigned char)default_scope(&lcl);
	if ((valid_lftp || preferred_lftp) &&
	    ipaddr_add_cacheinfo(&req.n, sizeof(req), valid_lft, preferred_lft))
		return -1;
	req.ifa.ifa_index = (uint32_t)ll_name_to_index(d);
	if (!req.ifa.ifa_index)
		return nodev(d);
	if (rtnl_talk(&rth, &req.n, NULL) < 0)
		return -2;
	return 0;
}

int do_ipaddr(int argc, char **argv)
{
	if (argc < 1)
		return ipaddr_list_flush(0, NULL, 0, 0);
	if (matches(*argv, "add") == 0)
		return ipaddr_modify(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
				     argc - 1, argv + 1);
	if (matches(*argv, "change") == 0 || strcmp(*argv, "chg") == 0)
		return ipaddr_modify(RTM_NEWADDR, NLM_F_REPLACE, argc - 1,
				     argv + 1);
	if (matches(*argv, "replace") == 0)
		return ipaddr_modify(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE,
				     argc - 1, argv + 1);
	if (matches(*argv, "delete") == 0)
		return ipaddr_modify(RTM_DELADDR, 0, argc - 1, argv + 1);
	if (matches(*argv, "list") == 0 || matches(*argv, "show") == 0 ||
	    matches(*argv, "lst") == 0)
		return ipaddr_list_flush(argc - 1, argv + 1, 0, 0);
	if (matches(*argv, "flush") == 0)
		return ipaddr_list_flush(argc - 1, argv + 1, 0, 1);
	if (matches(*argv, "help") == 0)
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip address help\".\n",
		*argv);
	exit(-1);
}
