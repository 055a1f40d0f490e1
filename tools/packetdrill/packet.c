// SPDX-License-Identifier: BSD-2-Clause
/*
 * Building inbound packets and checking outbound ones (see packet.h).
 * Offsets are those of RFC 791 (IPv4), RFC 9293 (TCP), RFC 768 (UDP) and
 * RFC 792 (ICMP); TCP options as RFC 9293 3.2, RFC 7323, RFC 2018.
 */
#include <stdio.h>
#include <string.h>

#include "packet.h"

#define IPH   20
#define TCPH  20
#define UDPH  8
#define ICMPH 8

enum {
	TH_FIN = 0x01,
	TH_SYN = 0x02,
	TH_RST = 0x04,
	TH_PSH = 0x08,
	TH_ACK = 0x10,
	TH_URG = 0x20,
	TH_ECE = 0x40,
	TH_CWR = 0x80,
	TH_AE = 0x100, /* RFC 9768: the former NS bit */
};

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The transport checksum over the pseudo header and @l4 (RFC 9293 3.1). */
static uint16_t l4_csum(const uint8_t *ip, const uint8_t *l4, size_t len,
			uint8_t proto)
{
	uint32_t sum = 0;

	sum = csum_add(sum, ip + 12, 8);
	sum += proto;
	sum += (uint32_t)len;
	return csum_fold(csum_add(sum, l4, len));
}

static unsigned int flag_bits(const char *flags)
{
	unsigned int f = 0;

	for (; *flags; flags++) {
		switch (*flags) {
		case 'F':
			f |= TH_FIN;
			break;
		case 'S':
			f |= TH_SYN;
			break;
		case 'R':
			f |= TH_RST;
			break;
		case 'P':
			f |= TH_PSH;
			break;
		case '.':
			f |= TH_ACK;
			break;
		case 'U':
			f |= TH_URG;
			break;
		case 'E':
			f |= TH_ECE;
			break;
		case 'W':
			f |= TH_CWR;
			break;
		case 'A':
			f |= TH_AE;
			break;
		default:
			break; /* '-': none */
		}
	}
	return f;
}

static void flag_string(unsigned int f, char *out)
{
	static const char letters[] = "FSRP.UEWA";
	int i, n = 0;

	for (i = 0; i < 9; i++)
		if (f & (1U << i))
			out[n++] = letters[i];
	if (!n)
		out[n++] = '-';
	out[n] = '\0';
}

static void ip_header(uint8_t *ip, const struct pd_packet *p, uint32_t src,
		      uint32_t dst, uint8_t proto, size_t total)
{
	int tos = p && p->tos >= 0 ? p->tos : 0;

	if (p && p->ecn >= 0)
		tos = (tos & ~3) | (p->ecn == 4 ? 2 : p->ecn);
	memset(ip, 0, IPH);
	ip[0] = 0x45;
	ip[1] = (uint8_t)tos;
	put16(ip + 2, (uint32_t)total);
	ip[8] = (uint8_t)(p && p->ttl >= 0 ? p->ttl : 64);
	ip[9] = proto;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	put16(ip + 10, csum_fold(csum_add(0, ip, IPH)));
}

/* ---- TCP options ---- */

static int opt_len(const struct pd_tcp_opt *o)
{
	switch (o->kind) {
	case PD_OPT_EOL:
	case PD_OPT_NOP:
		return 1;
	case PD_OPT_MSS:
		return 4;
	case PD_OPT_WSCALE:
		return 3;
	case PD_OPT_SACKOK:
		return 2;
	case PD_OPT_SACK:
		return 2 + 8 * o->nsack;
	case PD_OPT_TS:
		return 10;
	case PD_OPT_MD5:
		return 18;
	case PD_OPT_FO:
		return 2 + o->len;
	case PD_OPT_FOEXP:
		return 4 + o->len;
	}
	return 1;
}

/*
 * The live TS val behind the script's @val (inbound ecr rewriting): the
 * one sent where the script said @val, else @val moved by the latest
 * difference between the two clocks.
 */
static uint32_t live_ts(const struct pd_flow *flow, uint32_t val)
{
	unsigned int i;

	if (!flow->have_ts)
		return val;
	for (i = 1; i <= 16; i++) {
		const uint32_t *m = flow->ts_map[(flow->ts_map_next - i) & 15];

		if (i <= flow->ts_map_next && m[0] == val)
			return m[1];
	}
	return val + (flow->ts_live - flow->ts_script);
}

static int build_opts(const struct pd_flow *flow, const struct pd_packet *p,
		      uint8_t *o)
{
	int i, j, n = 0;

	for (i = 0; i < p->nopts; i++) {
		const struct pd_tcp_opt *t = &p->opts[i];
		int l = opt_len(t);

		if (n + l > 40)
			return -1;
		o[n] = (uint8_t)(t->kind == PD_OPT_FOEXP ? 254 : t->kind);
		if (l > 1)
			o[n + 1] = (uint8_t)l;
		switch (t->kind) {
		case PD_OPT_MSS:
			put16(o + n + 2, t->val);
			break;
		case PD_OPT_WSCALE:
			o[n + 2] = (uint8_t)t->val;
			break;
		case PD_OPT_SACK:
			for (j = 0; j < t->nsack; j++) {
				put32(o + n + 2 + 8 * (size_t)j,
				      t->sack[j][0] + flow->local_isn);
				put32(o + n + 6 + 8 * (size_t)j,
				      t->sack[j][1] + flow->local_isn);
			}
			break;
		case PD_OPT_TS:
			put32(o + n + 2, t->val);
			put32(o + n + 6, t->ecr ? live_ts(flow, t->ecr) : 0);
			break;
		case PD_OPT_FOEXP:
			put16(o + n + 2, 0xf989);
			memcpy(o + n + 4, t->data, (size_t)t->len);
			break;
		case PD_OPT_FO:
		case PD_OPT_MD5:
			memcpy(o + n + 2, t->data, (size_t)t->len);
			break;
		default:
			break;
		}
		n += l;
	}
	while (n & 3)
		o[n++] = 0; /* EOL padding */
	return n;
}

static int build_tcp(struct pd_flow *flow, const struct pd_packet *p,
		     uint8_t *buf, size_t cap, char *err, size_t errlen)
{
	uint8_t opts[44], *th = buf + IPH;
	int olen = p->opts_mode == PD_OPTS_LIST ? build_opts(flow, p, opts) : 0;
	unsigned int f = flag_bits(p->flags);
	size_t total;

	if (olen < 0) {
		(void)snprintf(err, errlen, "TCP options longer than 40 bytes");
		return -1;
	}
	total = IPH + TCPH + (size_t)olen + p->len;
	if (total > 65535 || total > cap) {
		(void)snprintf(err, errlen,
			       "inbound packet of %zu bytes too big", total);
		return -1;
	}
	flow->ports_fixed = true;
	if (p->has_ports) { /* the script names the ports from here on */
		flow->remote_port = (uint16_t)p->sport;
		flow->local_port = (uint16_t)p->dport;
	}
	memset(th, 0, total - IPH);
	put16(th, flow->remote_port);
	put16(th + 2, flow->local_port);
	put32(th + 4, p->seq + flow->remote_isn);
	put32(th + 8, p->has_ack ? p->ack + flow->local_isn : 0);
	th[12] = (uint8_t)(((TCPH + olen) / 4) << 4 | (f & TH_AE ? 1 : 0));
	th[13] = (uint8_t)f;
	put16(th + 14, p->win);
	put16(th + 18, p->has_urg ? p->urg : 0);
	memcpy(th + TCPH, opts, (size_t)olen);
	ip_header(buf, p, flow->remote_ip, flow->local_ip, 6, total);
	put16(th + 16, l4_csum(buf, th, total - IPH, 6));
	return (int)total;
}

static int build_udp(struct pd_flow *flow, const struct pd_packet *p,
		     uint8_t *buf, size_t cap, char *err, size_t errlen)
{
	size_t total = IPH + UDPH + p->len;
	uint8_t *uh = buf + IPH;
	uint16_t sum;

	if (total > cap) {
		(void)snprintf(err, errlen, "inbound packet too big");
		return -1;
	}
	if (!p->has_ports)
		flow->ports_fixed = true;
	memset(uh, 0, total - IPH);
	put16(uh, p->has_ports ? p->sport : flow->remote_port);
	put16(uh + 2, p->has_ports ? p->dport : flow->local_port);
	put16(uh + 4, (uint32_t)(UDPH + p->len));
	ip_header(buf, p, flow->remote_ip, flow->local_ip, 17, total);
	sum = l4_csum(buf, uh, total - IPH, 17);
	put16(uh + 6, sum ? sum : 0xffff);
	return (int)total;
}

struct icmp_name {
	const char *name;
	int value;
};

static const struct icmp_name icmp_types[] = {
	{ "echo_reply", 0 },	     { "unreachable", 3 },
	{ "source_quench", 4 },	     { "redirect", 5 },
	{ "echo_request", 8 },	     { "time_exceeded", 11 },
	{ "parameter_problem", 12 },
};

static const struct icmp_name icmp_codes[] = {
	{ "net_unreachable", 0 },
	{ "host_unreachable", 1 },
	{ "protocol_unreachable", 2 },
	{ "port_unreachable", 3 },
	{ "frag_needed", 4 },
	{ "source_route_failed", 5 },
	{ "net_unknown", 6 },
	{ "host_unknown", 7 },
	{ "source_host_isolated", 8 },
	{ "net_prohibited", 9 },
	{ "host_prohibited", 10 },
	{ "net_unreachable_for_tos", 11 },
	{ "host_unreachable_for_tos", 12 },
	{ "packet_filtered", 13 },
	{ "ttl_exceeded", 0 },
	{ "fragment_reassembly", 1 },
};

static int icmp_lookup(const struct icmp_name *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return t[i].value;
	return -1;
}

#define NTYPES (sizeof(icmp_types) / sizeof(icmp_types[0]))
#define NCODES (sizeof(icmp_codes) / sizeof(icmp_codes[0]))

/* The quoted packet of an ICMP error: what the stack sent, as IP + 8. */
static size_t icmp_quote(const struct pd_flow *flow, const struct pd_packet *p,
			 uint8_t *q)
{
	size_t inner;

	if (!p->has_quote && flow->have_last) {
		memcpy(q, flow->last_ip, IPH);
		memcpy(q + IPH, flow->last_l4, 8);
		return IPH + 8;
	}
	if (!p->has_quote)
		return 0;
	memset(q, 0, IPH + 8);
	put16(q, flow->local_port);
	if (p->quote_proto == PD_UDP) {
		inner = IPH + UDPH + p->quote_len;
		put16(q + IPH, flow->local_port);
		put16(q + IPH + 2, flow->remote_port);
		put16(q + IPH + 4, (uint32_t)(UDPH + p->quote_len));
		ip_header(q, NULL, flow->local_ip, flow->remote_ip, 17, inner);
	} else {
		inner = IPH + TCPH + p->quote_len;
		put16(q + IPH, flow->local_port);
		put16(q + IPH + 2, flow->remote_port);
		put32(q + IPH + 4, p->quote_seq + flow->local_isn);
		ip_header(q, NULL, flow->local_ip, flow->remote_ip, 6, inner);
	}
	return IPH + 8;
}

static int build_icmp(struct pd_flow *flow, const struct pd_packet *p,
		      uint8_t *buf, size_t cap, char *err, size_t errlen)
{
	int type = icmp_lookup(icmp_types, NTYPES, p->icmp_type);
	int code = p->icmp_code[0]
			   ? icmp_lookup(icmp_codes, NCODES, p->icmp_code)
			   : 0;
	uint8_t *ih = buf + IPH;
	size_t body, total;

	if (type < 0 || code < 0) {
		(void)snprintf(err, errlen, "unknown ICMP type/code '%s %s'",
			       p->icmp_type, p->icmp_code);
		return -1;
	}
	if (type == 8) {
		/* a request of its own: id 0x7064 ("pd"), seq 1, zeros */
		body = ICMPH + 56;
		memset(ih, 0, body);
		put16(ih + 4, 0x7064);
		put16(ih + 6, 1);
	} else if (type == 0) {
		/* an echo reply answers the stack's last request */
		if (!flow->echo_len) {
			(void)snprintf(err, errlen,
				       "no echo request to answer");
			return -1;
		}
		body = flow->echo_len;
		if (IPH + body > cap)
			return -1;
		memcpy(ih, flow->echo, body);
	} else {
		body = ICMPH + icmp_quote(flow, p, ih + ICMPH);
		memset(ih + 4, 0, 4);
		if (p->has_mtu)
			put16(ih + 6, p->mtu);
	}
	ih[0] = (uint8_t)type;
	ih[1] = (uint8_t)code;
	put16(ih + 2, 0);
	put16(ih + 2, csum_fold(csum_add(0, ih, body)));
	total = IPH + body;
	ip_header(buf, p, flow->remote_ip, flow->local_ip, 1, total);
	return (int)total;
}

int pd_packet_build(const struct pd_config *cfg, struct pd_flow *flow,
		    const struct pd_packet *p, uint8_t *buf, size_t cap,
		    char *err, size_t errlen)
{
	(void)cfg;
	if (cap < IPH + 60)
		return -1;
	switch (p->proto) {
	case PD_TCP:
		return build_tcp(flow, p, buf, cap, err, errlen);
	case PD_UDP:
		return build_udp(flow, p, buf, cap, err, errlen);
	case PD_ICMP:
		return build_icmp(flow, p, buf, cap, err, errlen);
	}
	return -1;
}

/* ---- Live packets ---- */

int pd_packet_verify(const uint8_t *pkt, size_t len, char *err, size_t errlen)
{
	size_t ihl, tot;
	const uint8_t *l4;

	if (len < IPH || pkt[0] >> 4 != 4) {
		(void)snprintf(err, errlen, "not an IPv4 packet");
		return -1;
	}
	ihl = (size_t)(pkt[0] & 15) * 4;
	tot = get16(pkt + 2);
	if (ihl < IPH || tot != len || ihl > len) {
		(void)snprintf(
			err, errlen,
			"bad IPv4 header: ihl %zu, total length %zu of %zu",
			ihl, tot, len);
		return -1;
	}
	if (csum_fold(csum_add(0, pkt, ihl))) {
		(void)snprintf(err, errlen, "bad IPv4 header checksum");
		return -1;
	}
	if (get16(pkt + 6) & 0x3fff)
		return 0; /* a fragment: its transport header is not whole */
	l4 = pkt + ihl;
	if (pkt[9] == 6 && len - ihl >= TCPH &&
	    l4_csum(pkt, l4, len - ihl, 6)) {
		(void)snprintf(err, errlen, "bad TCP checksum 0x%04x",
			       get16(l4 + 16));
		return -1;
	}
	if (pkt[9] == 17 && len - ihl >= UDPH && get16(l4 + 6) &&
	    l4_csum(pkt, l4, len - ihl, 17)) {
		(void)snprintf(err, errlen, "bad UDP checksum 0x%04x",
			       get16(l4 + 6));
		return -1;
	}
	if (pkt[9] == 1 && csum_fold(csum_add(0, l4, len - ihl))) {
		(void)snprintf(err, errlen, "bad ICMP checksum");
		return -1;
	}
	return 0;
}

static int check_ip(const struct pd_flow *flow, const struct pd_packet *p,
		    const uint8_t *pkt, uint8_t proto, char *err, size_t errlen)
{
	int ecn = pkt[1] & 3;

	if (pkt[9] != proto) {
		(void)snprintf(err, errlen, "IP protocol: expected %u, got %u",
			       proto, pkt[9]);
		return -1;
	}
	if (memcmp(pkt + 12, &flow->local_ip, 4) ||
	    memcmp(pkt + 16, &flow->remote_ip, 4)) {
		(void)snprintf(err, errlen,
			       "addresses: %u.%u.%u.%u > %u.%u.%u.%u", pkt[12],
			       pkt[13], pkt[14], pkt[15], pkt[16], pkt[17],
			       pkt[18], pkt[19]);
		return -1;
	}
	if (p->ecn >= 0 &&
	    !(p->ecn == 4 ? ecn == 1 || ecn == 2 : ecn == p->ecn)) {
		(void)snprintf(err, errlen, "ECN field: expected %d, got %d",
			       p->ecn, ecn);
		return -1;
	}
	if (p->tos >= 0 && (pkt[1] & ~3) != (p->tos & ~3)) {
		(void)snprintf(err, errlen, "TOS: expected 0x%x, got 0x%x",
			       p->tos, pkt[1]);
		return -1;
	}
	if (p->ttl >= 0 && pkt[8] != p->ttl) {
		(void)snprintf(err, errlen, "TTL: expected %d, got %u", p->ttl,
			       pkt[8]);
		return -1;
	}
	return 0;
}

static int check_ports(struct pd_flow *flow, uint16_t sport, uint16_t dport,
		       bool learn, char *err, size_t errlen)
{
	if (learn || !flow->ports_fixed) {
		flow->local_port = sport;
		flow->remote_port = dport;
		flow->ports_fixed = true;
	}
	if (sport != flow->local_port || dport != flow->remote_port) {
		(void)snprintf(
			err, errlen, "ports: expected %u > %u, got %u > %u",
			flow->local_port, flow->remote_port, sport, dport);
		return -1;
	}
	return 0;
}

static bool zeros(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static int check_one_opt(const struct pd_config *cfg, struct pd_flow *flow,
			 const struct pd_tcp_opt *want, const uint8_t *o,
			 int olen, char *err, size_t errlen)
{
	int j;

	if (want->kind == PD_OPT_MSS && get16(o + 2) != want->val) {
		(void)snprintf(err, errlen, "mss: expected %u, got %u",
			       want->val, get16(o + 2));
		return -1;
	}
	if (want->kind == PD_OPT_WSCALE && o[2] != want->val) {
		(void)snprintf(err, errlen, "wscale: expected %u, got %u",
			       want->val, o[2]);
		return -1;
	}
	for (j = 0; want->kind == PD_OPT_SACK && j < want->nsack; j++) {
		uint32_t l = get32(o + 2 + 8 * (size_t)j) - flow->remote_isn;
		uint32_t r = get32(o + 6 + 8 * (size_t)j) - flow->remote_isn;

		if (l != want->sack[j][0] || r != want->sack[j][1]) {
			(void)snprintf(
				err, errlen, "sack: expected %u:%u, got %u:%u",
				want->sack[j][0], want->sack[j][1], l, r);
			return -1;
		}
	}
	if (want->kind == PD_OPT_TS) {
		uint32_t live = get32(o + 2);

		if (!flow->have_first_ts) {
			flow->have_first_ts = true;
			flow->ts_first_script = want->val;
			flow->ts_first_live = live;
		} else if (cfg->tcp_ts_tick_usecs) {
			long long ticks =
				(long long)(int32_t)(want->val -
						     flow->ts_first_script);
			long long got =
				(long long)(int32_t)(live -
						     flow->ts_first_live);
			long long slack =
				cfg->tolerance_usecs / cfg->tcp_ts_tick_usecs +
				1;

			if (got < ticks - slack || got > ticks + slack) {
				(void)snprintf(
					err, errlen,
					"TS val: expected %u, got %lld ticks later than the first",
					want->val, got);
				return -1;
			}
		}
		flow->have_ts = true;
		flow->ts_script = want->val;
		flow->ts_live = live;
		flow->ts_map[flow->ts_map_next & 15][0] = want->val;
		flow->ts_map[flow->ts_map_next & 15][1] = live;
		flow->ts_map_next++;
	}
	(void)olen;
	return 0;
}

static int check_opts(const struct pd_config *cfg, struct pd_flow *flow,
		      const struct pd_packet *p, const uint8_t *o, int olen,
		      char *err, size_t errlen)
{
	int i, off = 0;

	if (p->opts_mode == PD_OPTS_ANY)
		return 0;
	for (i = 0; i < p->nopts; i++) {
		const struct pd_tcp_opt *want = &p->opts[i];
		int wl = opt_len(want),
		    kind = want->kind == PD_OPT_FOEXP ? 254 : (int)want->kind;
		int gl;

		if (off >= olen) {
			(void)snprintf(err, errlen, "TCP option %d missing",
				       i + 1);
			return -1;
		}
		gl = o[off] <= 1 ? 1 : (off + 1 < olen ? o[off + 1] : 0);
		if (o[off] != kind || gl != wl || off + gl > olen) {
			(void)snprintf(
				err, errlen,
				"TCP option %d: expected kind %d length %d, got kind %u length %d",
				i + 1, kind, wl, o[off], gl);
			return -1;
		}
		if (check_one_opt(cfg, flow, want, o + off, gl, err, errlen))
			return -1;
		off += gl;
	}
	/* what is left may only be EOL padding */
	if (off < olen && !zeros(o + off, (size_t)(olen - off))) {
		(void)snprintf(err, errlen, "unexpected TCP option kind %u",
			       o[off]);
		return -1;
	}
	return 0;
}

static int check_tcp_fields(const struct pd_packet *p,
			    const struct pd_flow *flow, const uint8_t *th,
			    size_t plen, char *err, size_t errlen)
{
	unsigned int want = flag_bits(p->flags);
	unsigned int got = th[13] | (th[12] & 1 ? TH_AE : 0);
	char ws[12], gs[12];
	uint32_t seq = get32(th + 4) - flow->local_isn;
	uint32_t ack = get32(th + 8) - flow->remote_isn;

	if (want != got) {
		flag_string(want, ws);
		flag_string(got, gs);
		(void)snprintf(err, errlen, "flags: expected %s, got %s", ws,
			       gs);
		return -1;
	}
	if (seq != p->seq) {
		(void)snprintf(err, errlen, "seq: expected %u, got %u", p->seq,
			       seq);
		return -1;
	}
	if (plen != p->len) {
		(void)snprintf(err, errlen,
			       "payload: expected %u bytes, got %zu", p->len,
			       plen);
		return -1;
	}
	if ((got & TH_ACK) && p->has_ack && ack != p->ack) {
		(void)snprintf(err, errlen, "ack: expected %u, got %u", p->ack,
			       ack);
		return -1;
	}
	if (p->has_win && get16(th + 14) != p->win) {
		(void)snprintf(err, errlen, "win: expected %u, got %u", p->win,
			       get16(th + 14));
		return -1;
	}
	if (p->has_urg && get16(th + 18) != p->urg) {
		(void)snprintf(err, errlen, "urg: expected %u, got %u", p->urg,
			       get16(th + 18));
		return -1;
	}
	return 0;
}

static int check_tcp(const struct pd_config *cfg, struct pd_flow *flow,
		     const struct pd_packet *p, const uint8_t *pkt, size_t len,
		     char *err, size_t errlen)
{
	size_t ihl = (size_t)(pkt[0] & 15) * 4, doff;
	const uint8_t *th = pkt + ihl;
	bool syn = th[13] & TH_SYN;

	if (len < ihl + TCPH) {
		(void)snprintf(err, errlen, "truncated TCP header");
		return -1;
	}
	doff = (size_t)(th[12] >> 4) * 4;
	if (doff < TCPH || ihl + doff > len) {
		(void)snprintf(err, errlen, "bad TCP data offset %zu", doff);
		return -1;
	}
	if (p->has_ports) { /* the script names the ports from here on */
		flow->local_port = (uint16_t)p->sport;
		flow->remote_port = (uint16_t)p->dport;
		flow->ports_fixed = true;
	}
	if (check_ports(flow, get16(th), get16(th + 2),
			syn && !(th[13] & TH_ACK) && !p->has_ports, err,
			errlen))
		return -1;
	/* the local ISN is what the stack's SYN or SYN-ACK says */
	if (syn)
		flow->local_isn = get32(th + 4) - p->seq;
	if (check_tcp_fields(p, flow, th, len - ihl - doff, err, errlen))
		return -1;
	if (p->opts_mode == PD_OPTS_NONE && doff != TCPH) {
		(void)snprintf(err, errlen,
			       "expected no TCP options, got %zu bytes",
			       doff - TCPH);
		return -1;
	}
	if (check_opts(cfg, flow, p, th + TCPH, (int)(doff - TCPH), err,
		       errlen))
		return -1;
	if (!zeros(th + doff, len - ihl - doff)) {
		(void)snprintf(err, errlen, "payload is not the zeros written");
		return -1;
	}
	return 0;
}

static int check_udp(struct pd_flow *flow, const struct pd_packet *p,
		     const uint8_t *pkt, size_t len, char *err, size_t errlen)
{
	size_t ihl = (size_t)(pkt[0] & 15) * 4;
	const uint8_t *uh = pkt + ihl;
	size_t ulen;

	if (len < ihl + UDPH) {
		(void)snprintf(err, errlen, "truncated UDP header");
		return -1;
	}
	ulen = get16(uh + 4);
	if (ulen != len - ihl) {
		(void)snprintf(err, errlen,
			       "UDP length field %zu, datagram %zu", ulen,
			       len - ihl);
		return -1;
	}
	if (p->has_ports) {
		if (get16(uh) != p->sport || get16(uh + 2) != p->dport) {
			(void)snprintf(err, errlen,
				       "ports: expected %u > %u, got %u > %u",
				       p->sport, p->dport, get16(uh),
				       get16(uh + 2));
			return -1;
		}
	} else if (check_ports(flow, get16(uh), get16(uh + 2), false, err,
			       errlen)) {
		return -1;
	}
	if (ulen - UDPH != p->len) {
		(void)snprintf(err, errlen,
			       "udp payload: expected %u bytes, got %zu",
			       p->len, ulen - UDPH);
		return -1;
	}
	if (!zeros(uh + UDPH, ulen - UDPH)) {
		(void)snprintf(err, errlen, "payload is not the zeros written");
		return -1;
	}
	return 0;
}

static int check_icmp(struct pd_flow *flow, const struct pd_packet *p,
		      const uint8_t *pkt, size_t len, char *err, size_t errlen)
{
	size_t ihl = (size_t)(pkt[0] & 15) * 4;
	const uint8_t *ih = pkt + ihl;
	int type = icmp_lookup(icmp_types, NTYPES, p->icmp_type);
	int code = p->icmp_code[0]
			   ? icmp_lookup(icmp_codes, NCODES, p->icmp_code)
			   : -1;

	if (len < ihl + ICMPH) {
		(void)snprintf(err, errlen, "truncated ICMP header");
		return -1;
	}
	if (ih[0] != type || (code >= 0 && ih[1] != code)) {
		(void)snprintf(err, errlen,
			       "icmp: expected %s %s, got type %u code %u",
			       p->icmp_type, p->icmp_code, ih[0], ih[1]);
		return -1;
	}
	if (p->has_mtu && get16(ih + 6) != p->mtu) {
		(void)snprintf(err, errlen, "icmp mtu: expected %u, got %u",
			       p->mtu, get16(ih + 6));
		return -1;
	}
	if (type == 8 && len - ihl <= sizeof(flow->echo)) {
		flow->echo_len = len - ihl;
		memcpy(flow->echo, ih, flow->echo_len);
	}
	return 0;
}

int pd_packet_check(const struct pd_config *cfg, struct pd_flow *flow,
		    const struct pd_packet *p, const uint8_t *pkt, size_t len,
		    char *err, size_t errlen)
{
	static const uint8_t protos[] = {
		[PD_TCP] = 6, [PD_UDP] = 17, [PD_ICMP] = 1
	};
	size_t ihl;
	int rc;

	if (pd_packet_verify(pkt, len, err, errlen) ||
	    check_ip(flow, p, pkt, protos[p->proto], err, errlen))
		return -1;
	ihl = (size_t)(pkt[0] & 15) * 4;
	switch (p->proto) {
	case PD_TCP:
		rc = check_tcp(cfg, flow, p, pkt, len, err, errlen);
		break;
	case PD_UDP:
		rc = check_udp(flow, p, pkt, len, err, errlen);
		break;
	default:
		rc = check_icmp(flow, p, pkt, len, err, errlen);
		break;
	}
	if (!rc && p->proto != PD_ICMP && len >= ihl + 8) {
		memcpy(flow->last_ip, pkt, IPH);
		memcpy(flow->last_l4, pkt + ihl, 8);
		flow->have_last = true;
	}
	return rc;
}

int pd_packet_tcp_payload(const uint8_t *pkt, size_t len)
{
	size_t ihl, doff;

	if (len < IPH + TCPH || pkt[9] != 6)
		return -1;
	ihl = (size_t)(pkt[0] & 15) * 4;
	if (len < ihl + TCPH)
		return -1;
	doff = (size_t)(pkt[ihl + 12] >> 4) * 4;
	if (len < ihl + doff)
		return -1;
	return (int)(len - ihl - doff);
}

int pd_packet_coalesce(uint8_t *a, size_t alen, size_t cap, const uint8_t *b,
		       size_t blen)
{
	int ap = pd_packet_tcp_payload(a, alen);
	int bp = pd_packet_tcp_payload(b, blen);
	size_t ihl = (size_t)(a[0] & 15) * 4, bhdr;
	uint8_t *th = a + ihl;
	const uint8_t *bth;

	if (ap < 0 || bp <= 0 || alen + (size_t)bp > cap ||
	    alen + (size_t)bp > 65535)
		return -1;
	bhdr = blen - (size_t)bp;
	bth = b + (size_t)(b[0] & 15) * 4;
	/* same flow, contiguous, same ack and window */
	if (memcmp(a + 12, b + 12, 8) || memcmp(th, bth, 4) ||
	    get32(bth + 4) != get32(th + 4) + (uint32_t)ap ||
	    memcmp(th + 8, bth + 8, 4))
		return -1;
	memcpy(a + alen, b + bhdr, (size_t)bp);
	alen += (size_t)bp;
	th[13] |= bth[13] & (TH_PSH | TH_FIN);
	put16(a + 2, (uint32_t)alen);
	put16(a + 10, 0);
	put16(a + 10, csum_fold(csum_add(0, a, ihl)));
	put16(th + 16, 0);
	put16(th + 16, l4_csum(a, th, alen - ihl, 6));
	return (int)alen;
}

void pd_packet_describe(const struct pd_flow *flow, const uint8_t *pkt,
			size_t len, char *out, size_t outlen)
{
	size_t ihl;
	const uint8_t *l4;
	char fs[12];
	int pl;

	if (len < IPH) {
		(void)snprintf(out, outlen, "(runt of %zu bytes)", len);
		return;
	}
	ihl = (size_t)(pkt[0] & 15) * 4;
	l4 = pkt + ihl;
	pl = pd_packet_tcp_payload(pkt, len);
	if (pkt[9] == 6 && pl >= 0) {
		uint32_t seq = get32(l4 + 4) - flow->local_isn;

		flag_string(l4[13] | (l4[12] & 1 ? TH_AE : 0), fs);
		(void)snprintf(out, outlen, "%s %u:%u(%d) ack %u win %u", fs,
			       seq, seq + (uint32_t)pl, pl,
			       get32(l4 + 8) - flow->remote_isn,
			       get16(l4 + 14));
	} else if (pkt[9] == 17 && len >= ihl + UDPH) {
		(void)snprintf(out, outlen, "udp %u>%u (%u)", get16(l4),
			       get16(l4 + 2), (unsigned)(get16(l4 + 4) - UDPH));
	} else if (pkt[9] == 1 && len >= ihl + 2) {
		(void)snprintf(out, outlen, "icmp type %u code %u", l4[0],
			       l4[1]);
	} else {
		(void)snprintf(out, outlen, "IP protocol %u, %zu bytes", pkt[9],
			       len);
	}
}
