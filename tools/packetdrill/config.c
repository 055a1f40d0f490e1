// SPDX-License-Identifier: BSD-2-Clause
/*
 * Options, from the command line and from a script's own "--name=value"
 * lines (the command line wins), with packetdrill's defaults.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"

enum {
	OPT_LOCAL_IP,
	OPT_REMOTE_IP,
	OPT_MSS,
	OPT_MTU,
	OPT_TOL_USECS,
	OPT_TOL_PERCENT,
	OPT_TS_TICK,
	OPT_STRICT,
	OPT_IP_VERSION,
	OPT_VERBOSE,
};

static const char *const option_names[] = {
	[OPT_LOCAL_IP] = "local_ip",
	[OPT_REMOTE_IP] = "remote_ip",
	[OPT_MSS] = "mss",
	[OPT_MTU] = "mtu",
	[OPT_TOL_USECS] = "tolerance_usecs",
	[OPT_TOL_PERCENT] = "tolerance_percent",
	[OPT_TS_TICK] = "tcp_ts_tick_usecs",
	[OPT_STRICT] = "strict_segments",
	[OPT_IP_VERSION] = "ip_version",
	[OPT_VERBOSE] = "verbose",
};

void pd_config_defaults(struct pd_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	(void)snprintf(cfg->local_ip, sizeof(cfg->local_ip), "192.168.0.1");
	(void)snprintf(cfg->remote_ip, sizeof(cfg->remote_ip), "192.0.2.1");
	cfg->mss = 1460;
	cfg->mtu = 1500;
	cfg->tolerance_usecs = 4000;
	cfg->tolerance_percent = 12.5;
	cfg->ip_version = 4;
}

static int parse_num(const char *v, long long lo, long long hi, long long *out)
{
	char *end;
	long long x = strtoll(v, &end, 0);

	if (!*v || *end || x < lo || x > hi)
		return -1;
	*out = x;
	return 0;
}

static int apply(struct pd_config *cfg, int opt, const char *value)
{
	long long x = 0;
	char *end;

	switch (opt) {
	case OPT_LOCAL_IP:
	case OPT_REMOTE_IP:
		(void)snprintf(opt == OPT_LOCAL_IP ? cfg->local_ip
						   : cfg->remote_ip,
			       sizeof(cfg->local_ip), "%s", value);
		return 0;
	case OPT_MSS:
		if (parse_num(value, 1, 65535, &x))
			return -1;
		cfg->mss = (int)x;
		return 0;
	case OPT_MTU:
		if (parse_num(value, 68, 65535, &x))
			return -1;
		cfg->mtu = (int)x;
		return 0;
	case OPT_TOL_USECS:
		return parse_num(value, 0, 1000000000, &cfg->tolerance_usecs);
	case OPT_TOL_PERCENT:
		cfg->tolerance_percent = strtod(value, &end);
		return *value && !*end && cfg->tolerance_percent >= 0 ? 0 : -1;
	case OPT_TS_TICK:
		return parse_num(value, 0, 1000000000, &cfg->tcp_ts_tick_usecs);
	case OPT_STRICT:
		cfg->strict_segments = true;
		return 0;
	case OPT_IP_VERSION:
		/* IPv4 only: ipv4-mapped-ipv6 and ipv6 are not built */
		return strcmp(value, "ipv4") ? -1 : 0;
	case OPT_VERBOSE:
		cfg->verbose = true;
		return 0;
	default:
		return -1;
	}
}

int pd_config_option(struct pd_config *cfg, const char *name, const char *value,
		     bool cli, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(option_names) / sizeof(option_names[0]); i++) {
		if (strcmp(option_names[i], name))
			continue;
		if (!cli && (cfg->cli_set & (1U << i)))
			return 0; /* the command line's value stays */
		if (apply(cfg, (int)i, value ? value : "")) {
			(void)snprintf(err, errlen, "bad value '%s' for --%s",
				       value ? value : "", name);
			return -1;
		}
		if (cli)
			cfg->cli_set |= 1U << i;
		return 0;
	}
	(void)snprintf(err, errlen, "unsupported option --%s", name);
	return -1;
}

int pd_config_define(struct pd_config *cfg, const char *symval)
{
	const char *eq = strchr(symval, '=');

	if (!eq || eq == symval || cfg->ndefines == PD_MAX_DEFINES)
		return -1;
	cfg->define_sym[cfg->ndefines] = strndup(symval, (size_t)(eq - symval));
	cfg->define_val[cfg->ndefines] = strdup(eq + 1);
	if (!cfg->define_sym[cfg->ndefines] || !cfg->define_val[cfg->ndefines])
		abort();
	cfg->ndefines++;
	return 0;
}
