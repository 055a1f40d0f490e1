// SPDX-License-Identifier: BSD-2-Clause
/*
 * ip link: add, delete and change devices (veth pairs, up/down, mtu,
 * name, namespace).  Showing them is ipaddress.c's job, as in iproute2.
 */
#include <net/if.h> /* before <linux/if*.h> */

#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/veth.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tuxnet/tuxnet.h>

#include "ip_common.h"

#ifndef IFALIASZ
#define IFALIASZ 256 /* <linux/if.h>, which <net/if.h> keeps out */
#endif

struct iplink_req {
	struct nlmsghdr n;
	struct ifinfomsg i;
	char buf[2048];
};

static void usage(void) __attribute__((noreturn));

static void usage(void)
{
	fprintf(stderr,
		"Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
		"\t\t    [ txqueuelen PACKETS ]\n"
		"\t\t    [ address LLADDR ]\n"
		"\t\t    [ broadcast LLADDR ]\n"
		"\t\t    [ mtu MTU ] [index IDX ]\n"
		"\t\t    [ numtxqueues QUEUE_COUNT ]\n"
		"\t\t    [ numrxqueues QUEUE_COUNT ]\n"
		"\t\t    [ netns { PID | NAME } ]\n"
		"\t\t    type TYPE [ ARGS ]\n"
		"\n"
		"\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n"
		"\n"
		"\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
		"\t\t\t[ { up | down } ]\n"
		"\t\t\t[ type TYPE ARGS ]\n"
		"\t\t[ arp { on | off } ]\n"
		"\t\t[ dynamic { on | off } ]\n"
		"\t\t[ multicast { on | off } ]\n"
		"\t\t[ allmulticast { on | off } ]\n"
		"\t\t[ promisc { on | off } ]\n"
		"\t\t[ trailers { on | off } ]\n"
		"\t\t[ carrier { on | off } ]\n"
		"\t\t[ txqueuelen PACKETS ]\n"
		"\t\t[ name NEWNAME ]\n"
		"\t\t[ address LLADDR ]\n"
		"\t\t[ broadcast LLADDR ]\n"
		"\t\t[ mtu MTU ]\n"
		"\t\t[ netns { PID | NAME } ]\n"
		"\t\t[ link-netns NAME | link-netnsid ID ]\n"
		"\t\t[ alias NAME ]\n"
		"\t\t[ vf NUM [ mac LLADDR ]\n"
		"\t\t\t [ vlan VLANID [ qos VLAN-QOS ] [ proto VLAN-PROTO ] ]\n"
		"\t\t\t [ rate TXRATE ]\n"
		"\t\t\t [ max_tx_rate TXRATE ]\n"
		"\t\t\t [ min_tx_rate TXRATE ]\n"
		"\t\t\t [ spoofchk { on | off} ]\n"
		"\t\t\t [ query_rss { on | off} ]\n"
		"\t\t\t [ state { auto | enable | disable} ]\n"
		"\t\t\t [ trust { on | off} ]\n"
		"\t\t\t [ node_guid EUI64 ]\n"
		"\t\t\t [ port_guid EUI64 ] ]\n"
		"\t\t[ { xdp | xdpgeneric | xdpdrv | xdpoffload } { off |\n"
		"\t\t\t  object FILE [ { section | program } NAME ] [ verbose ] |\n"
		"\t\t\t  pinned FILE } ]\n"
		"\t\t[ master DEVICE ][ vrf NAME ]\n"
		"\t\t[ nomaster ]\n"
		"\t\t[ addrgenmode { eui64 | none | stable_secret | random } ]\n"
		"\t\t[ protodown { on | off } ]\n"
		"\t\t[ protodown_reason PREASON { on | off } ]\n"
		"\t\t[ gso_max_size BYTES ] | [ gso_max_segs PACKETS ]\n"
		"\t\t[ gro_max_size BYTES ]\n"
		"\n"
		"\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]\n"
		"\t\t[nomaster]\n"
		"\n"
		"\tip link xstats type TYPE [ ARGS ]\n"
		"\n"
		"\tip link afstats [ dev DEVICE ]\n"
		"\tip link property add dev DEVICE [ altname NAME .. ]\n"
		"\tip link property del dev DEVICE [ altname NAME .. ]\n"
		"\n"
		"\tip link help [ TYPE ]\n"
		"\n"
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

/**
 * netns_get_fd - a file descriptor naming network namespace @name
 *
 * A name without '/' is looked up under /run/netns, as iproute2 does; the
 * descriptor is tuxnet's (tn_open), so it can go in IFLA_NET_NS_FD.
 */
int netns_get_fd(const char *name)
{
	char path[256];

	if (strchr(name, '/'))
		(void)snprintf(path, sizeof(path), "%s", name);
	else
		(void)snprintf(path, sizeof(path), "/run/netns/%s", name);
	return tn_open(path, O_RDONLY | O_CLOEXEC);
}

/*
 * link_group_a2n - a device group: "default" (0), or a number strtol()
 * reads whole whose low 32 bits are not negative as an int (iproute2 keeps
 * it in an int: 4294967296 is group 0, 4294967295 is refused).
 */
int link_group_a2n(uint32_t *id, const char *arg)
{
	char *end;
	long res;

	if (strcmp(arg, "default") == 0) {
		*id = 0;
		return 0;
	}
	res = strtol(arg, &end, 0);
	if (end == arg || *end || (int32_t)(uint32_t)res < 0)
		return -1;
	*id = (uint32_t)res;
	return 0;
}

/* The parsed words of one device: the device itself or a veth's peer. */
struct link_args {
	const char *dev;
	const char *name;
	const char *type;
	unsigned int flags, change;
	/* -1 doubles as "not given" for the duplicate checks, as in
	 * iproute2; the has_ flags say what was parsed (-1 is a value). */
	int mtu, has_mtu;
	int txqlen, has_txqlen;
	int netns_fd;
	int netns_pid, has_netns_pid;
	uint32_t group;
	int has_group;
	const char *alias; /* IFLA_IFALIAS; "" removes it */
	int carrier; /* IFLA_CARRIER: -1 not given */
	int addr_len;
	unsigned char addr[32];
};

/* The on/off flag words of ip link set, and the IFF_ each changes. */
static const struct {
	const char *word;
	unsigned int flag;
	bool inverted; /* "arp on" clears IFF_NOARP */
} flag_words[] = {
	{ "multicast", IFF_MULTICAST, false },
	{ "allmulticast", IFF_ALLMULTI, false },
	{ "promisc", IFF_PROMISC, false },
	{ "trailers", IFF_NOTRAILERS, true },
	{ "arp", IFF_NOARP, true },
	{ "dynamic", IFF_DYNAMIC, false },
};

/* A flag word's "on"/"off" into @a; -1 with iproute2's message if neither. */
static int parse_flag_word(struct link_args *a, unsigned int i, const char *val)
{
	bool on;

	if (strcmp(val, "on") == 0) {
		on = true;
	} else if (strcmp(val, "off") == 0) {
		on = false;
	} else {
		fprintf(stderr,
			"Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n",
			flag_words[i].word, val);
		return -1;
	}
	a->change |= flag_words[i].flag;
	if (on != flag_words[i].inverted)
		a->flags |= flag_words[i].flag;
	else
		a->flags &= ~flag_words[i].flag;
	return 0;
}

/*
 * Parses words until "type" (left as the next word) or the end; returns the
 * number of words used, or a negative status for ip to exit with (as
 * iproute2's iplink_parse(): -1 for a bad on/off, -EINVAL for "carrier").
 * Exits on other bad input.
 */
static int iplink_parse(int argc, char **argv, struct link_args *a)
{
	int argc0 = argc;
	unsigned int i;

	memset(a, 0, sizeof(*a));
	a->mtu = a->txqlen = -1;
	a->netns_fd = a->netns_pid = -1;
	a->carrier = -1;
	while (argc > 0) {
		for (i = 0; i < sizeof(flag_words) / sizeof(flag_words[0]); i++)
			if (strcmp(*argv, flag_words[i].word) == 0)
				break;
		if (i < sizeof(flag_words) / sizeof(flag_words[0])) {
			NEXT_ARG();
			if (parse_flag_word(a, i, *argv) < 0)
				return -1;
		} else if (strcmp(*argv, "carrier") == 0) {
			NEXT_ARG();
			if (strcmp(*argv, "on") == 0) {
				a->carrier = 1;
			} else if (strcmp(*argv, "off") == 0) {
				a->carrier = 0;
			} else {
				fprintf(stderr,
					"Error: argument of \"carrier\" must be one of \"off\", \"on\", not \"%s\"\n",
					*argv);
				return -EINVAL;
			}
		} else if (matches(*argv, "alias") == 0) {
			NEXT_ARG();
			if (strlen(*argv) >= IFALIASZ)
				invarg("alias too long\n", *argv);
			a->alias = *argv;
		} else if (strcmp(*argv, "up") == 0) {
			a->change |= IFF_UP;
			a->flags |= IFF_UP;
		} else if (strcmp(*argv, "down") == 0) {
			a->change |= IFF_UP;
			a->flags &= ~IFF_UP;
		} else if (strcmp(*argv, "name") == 0) {
			NEXT_ARG();
			if (a->name)
				duparg("name", *argv);
			if (strlen(*argv) >= IFNAMSIZ || !**argv ||
			    strchr(*argv, '/') || strchr(*argv, ' '))
				invarg("\"name\" not a valid ifname", *argv);
			a->name = *argv;
			if (!a->dev)
				a->dev = a->name;
		} else if (matches(*argv, "mtu") == 0) {
			NEXT_ARG();
			if (a->mtu != -1)
				duparg("mtu", *argv);
			if (get_integer(&a->mtu, *argv, 0))
				invarg("Invalid \"mtu\" value\n", *argv);
			a->has_mtu = 1;
		} else if (matches(*argv, "txqueuelen") == 0 ||
			   strcmp(*argv, "qlen") == 0 ||
			   matches(*argv, "txqlen") == 0) {
			NEXT_ARG();
			if (a->txqlen != -1)
				duparg("txqueuelen", *argv);
			if (get_integer(&a->txqlen, *argv, 0))
				invarg("Invalid \"txqueuelen\" value\n", *argv);
			a->has_txqlen = 1;
		} else if (strcmp(*argv, "address") == 0) {
			char buf[64];

			NEXT_ARG();
			(void)snprintf(buf, sizeof(buf), "%s", *argv);
			a->addr_len =
				ll_addr_a2n(a->addr, sizeof(a->addr), buf);
			if (a->addr_len < 0) {
				fprintf(stderr, "\"%s\" is invalid lladdr.\n",
					*argv);
				exit(1);
			}
		} else if (strcmp(*argv, "netns") == 0) {
			NEXT_ARG();
			if (a->netns_fd != -1 || a->netns_pid != -1)
				duparg("netns", *argv);
			a->netns_fd = netns_get_fd(*argv);
			if (a->netns_fd < 0) {
				if (get_integer(&a->netns_pid, *argv, 0))
					invarg("Invalid \"netns\" value\n",
					       *argv);
				a->has_netns_pid = 1;
			}
		} else if (strcmp(*argv, "group") == 0) {
			NEXT_ARG();
			if (a->has_group)
				duparg("group", *argv);
			if (link_group_a2n(&a->group, *argv))
				invarg("Invalid \"group\" value\n", *argv);
			a->has_group = 1;
		} else if (strcmp(*argv, "type") == 0) {
			break;
		} else if (strcmp(*argv, "dev") == 0) {
			NEXT_ARG();
			if (a->dev && a->dev != a->name)
				duparg2("dev", *argv);
			a->dev = *argv;
		} else {
			if (matches(*argv, "help") == 0)
				usage();
			if (a->dev)
				duparg2("dev", *argv);
			a->dev = *argv;
		}
		argc--;
		argv++;
	}
	return argc0 - argc;
}

/* Appends @a's attributes (not its name) to @n. */
static void iplink_put(struct nlmsghdr *n, const struct link_args *a)
{
	if (a->has_mtu)
		addattr32(n, sizeof(struct iplink_req), IFLA_MTU,
			  (uint32_t)a->mtu);
	if (a->has_group)
		addattr32(n, sizeof(struct iplink_req), IFLA_GROUP, a->group);
	if (a->has_txqlen)
		addattr32(n, sizeof(struct iplink_req), IFLA_TXQLEN,
			  (uint32_t)a->txqlen);
	if (a->carrier >= 0)
		addattr8(n, sizeof(struct iplink_req), IFLA_CARRIER,
			 (uint8_t)a->carrier);
	if (a->alias)
		addattr_l(n, sizeof(struct iplink_req), IFLA_IFALIAS, a->alias,
			  strlen(a->alias));
	if (a->addr_len > 0)
		addattr_l(n, sizeof(struct iplink_req), IFLA_ADDRESS, a->addr,
			  (size_t)a->addr_len);
	if (a->netns_fd >= 0)
		addattr32(n, sizeof(struct iplink_req), IFLA_NET_NS_FD,
			  (uint32_t)a->netns_fd);
	else if (a->has_netns_pid)
		addattr32(n, sizeof(struct iplink_req), IFLA_NET_NS_PID,
			  (uint32_t)a->netns_pid);
}

/* "peer [ARGS]" of "type veth": the peer as a nested ifinfomsg. */
static int veth_parse_opt(int argc, char **argv, struct nlmsghdr *n)
{
	struct link_args peer;
	struct ifinfomsg *ifm;
	struct rtattr *data;
	int used;

	if (strcmp(argv[0], "peer") != 0) {
		fprintf(stderr,
			"Usage: ip link <options> type veth [peer <options>]\n"
			"To get <options> type 'ip link help'\n");
		return -1;
	}
	used = iplink_parse(argc - 1, argv + 1, &peer);
	if (used < 0)
		return used;
	if (used < argc - 1)
		duparg("type", argv[used + 1]);
	data = addattr_nest(n, sizeof(struct iplink_req), VETH_INFO_PEER);
	ifm = (struct ifinfomsg *)RTA_DATA(data);
	memset(ifm, 0, sizeof(*ifm));
	ifm->ifi_flags = peer.flags;
	ifm->ifi_change = peer.change;
	n->nlmsg_len += sizeof(struct ifinfomsg);
	if (peer.dev)
		addattr_strz(n, sizeof(struct iplink_req), IFLA_IFNAME,
			     peer.dev);
	iplink_put(n, &peer);
	addattr_nest_end(n, data);
	return 0;
}

/*
 * The link-layer address length of device @dev, as iproute2's
 * nl_get_ll_addr_len(): -1 if the device cannot be asked.
 */
static int nl_get_ll_addr_len(const char *dev)
{
	struct iplink_req req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_type = RTM_GETLINK,
		.i.ifi_family = AF_UNSPEC,
	};
	struct rtattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *ans = NULL;
	int len = -1;

	addattr_strz(&req.n, sizeof(req), IFLA_IFNAME, dev);
	if (rtnl_talk_quiet(&rth, &req.n, &ans) == 0 && ans &&
	    ans->nlmsg_type == RTM_NEWLINK &&
	    ans->nlmsg_len >= NLMSG_LENGTH(sizeof(struct ifinfomsg))) {
		parse_rtattr(tb, IFLA_MAX, IFLA_RTA(NLMSG_DATA(ans)),
			     (int)IFLA_PAYLOAD(ans));
		len = tb[IFLA_ADDRESS] ? (int)RTA_PAYLOAD(tb[IFLA_ADDRESS]) : 0;
	}
	free(ans);
	return len;
}

static int iplink_modify(int cmd, unsigned int flags, int argc, char **argv)
{
	struct iplink_req req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		.n.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags),
		.n.nlmsg_type = (uint16_t)cmd,
		.i.ifi_family = (unsigned char)preferred_family,
	};
	struct link_args a;
	const char *type = NULL;
	int used;

	used = iplink_parse(argc, argv, &a);
	if (used < 0)
		return used;
	argc -= used;
	argv += used;
	if (a.dev && a.addr_len && !(flags & NLM_F_CREATE)) {
		int halen = nl_get_ll_addr_len(a.dev);

		if (halen >= 0 && halen != a.addr_len) {
			fprintf(stderr,
				"Invalid address length %d - must be %d bytes\n",
				a.addr_len, halen);
			return -1;
		}
	}
	req.i.ifi_flags = a.flags;
	req.i.ifi_change = a.change;
	iplink_put(&req.n, &a);
	if (argc > 0) {
		/* argv[0] is "type" */
		NEXT_ARG();
		type = *argv;
		argc--;
		argv++;
	}
	if (type) {
		struct rtattr *linkinfo, *data;

		linkinfo = addattr_nest(&req.n, sizeof(req), IFLA_LINKINFO);
		addattr_l(&req.n, sizeof(req), IFLA_INFO_KIND, type,
			  strlen(type));
		if (argc > 0 && strcmp(type, "veth") == 0) {
			data = addattr_nest(&req.n, sizeof(req),
					    IFLA_INFO_DATA);
			int err = veth_parse_opt(argc, argv, &req.n);

			if (err < 0)
				return err;
			addattr_nest_end(&req.n, data);
		} else if (argc > 0) {
			if (matches(*argv, "help") == 0)
				usage();
			fprintf(stderr,
				"Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n",
				*argv);
			return -1;
		}
		addattr_nest_end(&req.n, linkinfo);
	} else if (flags & NLM_F_CREATE) {
		fprintf(stderr,
			"Not enough information: \"type\" argument is required\n");
		return -1;
	}

	if (!(flags & NLM_F_CREATE)) {
		if (!a.dev && a.has_group) {
			/* "ip link set|delete group N ...": every device of
			 * group N; IFLA_GROUP is then the selector. */
			req.i.ifi_index = 0;
			if (rtnl_talk(&rth, &req.n, NULL) < 0)
				return -2;
			return 0;
		}
		if (!a.dev) {
			fprintf(stderr,
				"Not enough information: \"dev\" argument is required.\n");
			exit(-1);
		}
		req.i.ifi_index = ll_name_to_index(a.dev);
		if (!req.i.ifi_index)
			return nodev(a.dev);
		if (a.name && a.name != a.dev)
			addattr_strz(&req.n, sizeof(req), IFLA_IFNAME, a.name);
	} else if (a.dev) {
		addattr_strz(&req.n, sizeof(req), IFLA_IFNAME, a.dev);
	}
	if (rtnl_talk(&rth, &req.n, NULL) < 0)
		return -2;
	return 0;
}

int do_iplink(int argc, char **argv)
{
	if (argc < 1)
		return ipaddr_list_link(0, NULL);
	if (matches(*argv, "add") == 0)
		return iplink_modify(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
				     argc - 1, argv + 1);
	if (matches(*argv, "set") == 0 || matches(*argv, "change") == 0)
		return iplink_modify(RTM_NEWLINK, 0, argc - 1, argv + 1);
	if (matches(*argv, "replace") == 0)
		return iplink_modify(RTM_NEWLINK, NLM_F_CREATE | NLM_F_REPLACE,
				     argc - 1, argv + 1);
	if (matches(*argv, "delete") == 0)
		return iplink_modify(RTM_DELLINK, 0, argc - 1, argv + 1);
	if (matches(*argv, "show") == 0 || matches(*argv, "lst") == 0 ||
	    matches(*argv, "list") == 0)
		return ipaddr_list_link(argc - 1, argv + 1);
	if (matches(*argv, "help") == 0)
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip link help\".\n",
		*argv);
	exit(-1);
}
